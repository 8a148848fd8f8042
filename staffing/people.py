"""From agents on the phones to people on the roster: shrinkage and supervisors."""

from __future__ import annotations

import numpy as np

from staffing.validation import (
    SUPERVISOR_SPAN_RANGE,
    as_float_array,
    check_non_negative,
    check_shrinkage,
    check_supervisor_span,
)

DEFAULT_SHRINKAGE = 0.30  # breaks, training, meetings and absence: a common planning default
DEFAULT_SUPERVISOR_SPAN = 12  # agents per team lead, inside the usual 8-15 range
# Quotients such as 21 / 0.7 land a hair above the whole number in floating point
# (30.000000000000004); without this tolerance ceil() would roster one person too many.
ROUNDING_TOLERANCE = 1e-9


def _head_count(value: np.ndarray, name: str) -> np.ndarray:
    """People as numbers 0 or more: NaN used to round to -9,223,372,036,854,775,808 people
    and a negative count to a negative roster, both silently."""
    count = as_float_array(value, name)
    check_non_negative(count, name)
    return count


def rostered_agents(
    agents: np.ndarray, shrinkage: float = DEFAULT_SHRINKAGE, fractional: bool = False
) -> np.ndarray:
    """People to roster so that `agents` are available: agents / (1 - shrinkage).

    Rounded up (with a tolerance for floating-point error) unless `fractional`, which keeps the
    exact quotient so several queues can be pooled before rounding once.
    """
    share_available = 1.0 - check_shrinkage(shrinkage)
    needed = _head_count(agents, "agents") / share_available
    if fractional:
        return needed
    return np.ceil(needed - ROUNDING_TOLERANCE).astype(np.int64)


def _tenths(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def rostered_rule_text(shrinkage: float, agents: int = 20) -> str:
    """How shrinkage turns agents into people rostered, with `agents` worked through: the
    quotient, not agents x (1 + shrinkage), which a planner may expect and which rosters too
    few (20 agents at 30% are 29 people, not 26)."""
    share_available = 1.0 - check_shrinkage(shrinkage)
    people = int(rostered_agents(np.array([agents]), shrinkage)[0])
    pct = f"{shrinkage * 100:.4g}%"
    text = (
        f"People rostered are the agents ÷ (1 − shrinkage), rounded up in each interval: at "
        f"{pct} shrinkage {agents} agents are {people} people ({agents} ÷ {share_available:.4g} "
        f"= {_tenths(agents / share_available)})"
    )
    marked_up = agents * (1.0 + shrinkage)
    if np.ceil(marked_up - ROUNDING_TOLERANCE) < people:
        text += (
            f", not {_tenths(marked_up)} ({agents} × {1.0 + shrinkage:.4g}), which would leave "
            "too few available"
        )
    return text + "."


def supervisors_needed(
    rostered: np.ndarray, span: int = DEFAULT_SUPERVISOR_SPAN, fractional: bool = False
) -> np.ndarray:
    """Team leads for the rostered agents: ceil(rostered / span), at least one if anyone works."""
    span = check_supervisor_span(span)
    ratio = _head_count(rostered, "rostered agents") / span
    if fractional:
        return ratio
    return np.ceil(ratio - ROUNDING_TOLERANCE).astype(np.int64)


def supervisor_band(rostered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fewest (one per 15 agents) and most (one per 8) supervisors the usual ratio allows."""
    low, high = SUPERVISOR_SPAN_RANGE
    return supervisors_needed(rostered, high), supervisors_needed(rostered, low)
