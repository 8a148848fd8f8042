"""Input checks shared by the staffing functions: one clear InputError per bad argument."""

from __future__ import annotations

import numpy as np

from data.errors import InputError

SUPERVISOR_SPAN_RANGE = (8, 15)  # the team-lead ratio: one supervisor per 8 to 15 agents


def as_float_array(value: object, name: str) -> np.ndarray:
    """Turn a scalar or array-like into a float array, rejecting NaN and infinity."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise InputError(
            f"{name} must be a number or an array of numbers, got {value!r}"
        ) from error
    if array.size and not np.all(np.isfinite(array)):
        if array.ndim == 0:  # one setting, as typed: it has no position
            raise InputError(f"{name} must be a finite number, got {array.item()}")
        bad = int(np.flatnonzero(~np.isfinite(array.ravel()))[0])
        raise InputError(f"{name} must be a finite number; position {bad} is {array.ravel()[bad]}")
    return array


def _first_bad(array: np.ndarray, mask: np.ndarray) -> str:
    flat = np.flatnonzero(mask.ravel())
    if array.ndim == 0:
        return f"{array.item():g}"
    return f"{array.ravel()[flat[0]]:g} at position {int(flat[0])}"


def check_non_negative(array: np.ndarray, name: str) -> None:
    bad = array < 0
    if np.any(bad):
        raise InputError(f"{name} cannot be negative (got {_first_bad(array, bad)})")


def check_positive(array: np.ndarray, name: str, fix: str = "") -> None:
    bad = array <= 0
    if np.any(bad):
        raise InputError(f"{name} must be greater than 0 (got {_first_bad(array, bad)}){fix}")


def check_open_unit(array: np.ndarray, name: str, fix: str = "") -> None:
    """Values strictly between 0 and 1 (a share written as a fraction: 0.8 for 80%)."""
    bad = (array <= 0) | (array >= 1)
    if np.any(bad):
        raise InputError(
            f"{name} must be a fraction strictly between 0 and 1, e.g. 0.8 for 80% "
            f"(got {_first_bad(array, bad)}){fix}"
        )


def check_unit_interval(array: np.ndarray, name: str, *, allow_zero: bool) -> None:
    low = array < 0 if allow_zero else array <= 0
    bad = low | (array > 1)
    if np.any(bad):
        lower = "0" if allow_zero else "above 0"
        raise InputError(
            f"{name} must be a fraction from {lower} to 1, e.g. 0.85 for 85% "
            f"(got {_first_bad(array, bad)})"
        )


def check_service_target(service_level: np.ndarray, answer_within: np.ndarray) -> None:
    """A service level of 100% is never reached with random arrivals, least of all in 0 s."""
    # NaN passes every comparison below: refused here, not first where the target is used
    service_level = as_float_array(service_level, "service level")
    answer_within = as_float_array(answer_within, "answer-within seconds")
    impossible = (service_level >= 1) & (answer_within <= 0)
    if np.any(impossible):
        raise InputError(
            "a service level of 100% answered within 0 seconds is impossible; "
            "lower the service level (e.g. 0.8) or allow some seconds to answer"
        )
    # The reason fits a target of exactly 100% only: 80 (a percentage typed as a share) is no
    # such target, and the fraction the message asks for is the fix.
    at_full = service_level[(service_level <= 0) | (service_level >= 1)][:1] == 1
    check_open_unit(
        service_level,
        "service level",
        "; 100% is never guaranteed when contacts arrive at random" if at_full.any() else "",
    )
    check_non_negative(answer_within, "answer-within seconds")


def check_supervisor_span(span: object) -> int:
    low, high = SUPERVISOR_SPAN_RANGE
    if isinstance(span, bool) or not isinstance(span, int | np.integer) or not low <= span <= high:
        raise InputError(
            f"supervisor span must be a whole number of agents from {low} to {high} per "
            f"supervisor (got {span!r})"
        )
    return int(span)


def check_shrinkage(shrinkage: float) -> float:
    value = float(shrinkage)
    if not np.isfinite(value) or value < 0 or value >= 1:
        raise InputError(
            f"shrinkage must be a fraction from 0 up to (not including) 1, e.g. 0.3 for 30% "
            f"(got {value:g})"
        )
    return value
