"""Public queueing API: metrics for given agents and the agents needed to meet targets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.errors import InputError
from staffing.erlang_a import erlang_a_metrics
from staffing.erlang_c import (
    SERVICE_LEVEL_TOLERANCE,
    erlang_c_metrics,
    occupancy_agents,
    occupancy_margin,
    required_agents_erlang_c,
)
from staffing.search import smallest_feasible
from staffing.validation import (
    as_float_array,
    check_non_negative,
    check_positive,
    check_service_target,
    check_unit_interval,
)

ArrayLike = float | int | np.ndarray | pd.Series | list


def _load_inputs(
    volume: ArrayLike, aht_seconds: ArrayLike, interval_seconds: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    volume = as_float_array(volume, "volume")
    aht = as_float_array(aht_seconds, "AHT seconds")
    interval = as_float_array(interval_seconds, "interval seconds")
    check_non_negative(volume, "volume")
    check_positive(aht, "AHT seconds", "; set the average handle time in seconds, e.g. 300")
    check_positive(interval, "interval seconds", "; e.g. 900 for 15-minute intervals")
    return volume, aht, interval


def _patience(patience_seconds: ArrayLike | None) -> np.ndarray | None:
    if patience_seconds is None:
        return None
    patience = as_float_array(patience_seconds, "patience seconds")
    check_positive(patience, "patience seconds", "; the mean time callers wait before hanging up")
    return patience


def queue_metrics(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    answer_within_seconds: ArrayLike,
    patience_seconds: ArrayLike | None = None,
) -> pd.DataFrame:
    """What a staffing level achieves, one row per interval (inputs broadcast together).

    Columns: service_level (share answered within the threshold), asa_seconds, occupancy,
    prob_wait; with patience (Erlang A, see staffing.erlang_a for the definitions used) also
    abandon_rate. Without patience the Erlang C model applies: an understaffed interval (agents
    at or below the load) reports SL 0 and an infinite ASA.
    """
    volume, aht, interval = _load_inputs(volume, aht_seconds, interval_seconds)
    staffed = as_float_array(agents, "agents")
    check_non_negative(staffed, "agents")
    within = as_float_array(answer_within_seconds, "answer-within seconds")
    check_non_negative(within, "answer-within seconds")
    patience = _patience(patience_seconds)
    load = volume * aht / interval
    arrays = np.broadcast_arrays(load, np.floor(staffed), aht, within)
    if patience is None:
        columns = erlang_c_metrics(*arrays)
    else:
        columns = erlang_a_metrics(*arrays, np.broadcast_to(patience, arrays[0].shape))
    return pd.DataFrame({name: np.ravel(values) for name, values in columns.items()})


# Names of the queue targets, as the plan's `limit` column reads them (see staffing.limits).
SERVICE_LEVEL_TARGET = "service level"
ASA_TARGET = "ASA"
ABANDON_TARGET = "abandonment"
OCCUPANCY_TARGET = "occupancy"
# The order the targets are named in when several need the same agents: the service level
# first, as the target a manager sets first; the occupancy cap last, as a guard rail.
TARGET_ORDER = (SERVICE_LEVEL_TARGET, ASA_TARGET, ABANDON_TARGET, OCCUPANCY_TARGET)


TINY_LOAD = 1e-12  # Erlangs: one agent answers at once with certainty to 12 digits
# Agents are counted one by one in float64, exact only up to 2**53: beyond it one agent more
# is the same number, and the count overflowed into nonsense (1 agent for 2e19 Erlangs).
MAX_AGENTS = 2.0**53


def required_agents(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    service_level: ArrayLike,
    answer_within_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
    max_asa_seconds: ArrayLike | None = None,
    patience_seconds: ArrayLike | None = None,
    max_abandon_rate: ArrayLike | None = None,
) -> np.ndarray:
    """Smallest whole number of agents meeting every target given, per interval (0 for no work).

    Erlang C, or Erlang A when patience_seconds is given (required for an abandonment target).
    """
    targets = _checked_targets(
        volume, aht_seconds, interval_seconds, service_level, answer_within_seconds,
        max_occupancy, max_asa_seconds, patience_seconds, max_abandon_rate,
    )  # fmt: skip
    return _smallest_agents(targets)


def agents_per_target(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    service_level: ArrayLike,
    answer_within_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
    max_asa_seconds: ArrayLike | None = None,
    patience_seconds: ArrayLike | None = None,
    max_abandon_rate: ArrayLike | None = None,
) -> dict[str, np.ndarray]:
    """The agents each target given would need on its own, per interval, in TARGET_ORDER.

    The service level is always there; ASA, abandonment and occupancy only when set (an
    occupancy cap of 1 is none). Each is `required_agents` with the other targets lifted, so
    the maths is the same; as every target only gets easier with more agents, the largest of
    them is what `required_agents` gives for all together. Under Erlang C each includes the
    agents needed to keep the queue from growing without bound (more agents than Erlangs).
    """
    targets = _checked_targets(
        volume, aht_seconds, interval_seconds, service_level, answer_within_seconds,
        max_occupancy, max_asa_seconds, patience_seconds, max_abandon_rate,
    )  # fmt: skip
    # Lifted: a service level of 0 is met by any stable queue, the other caps by anything.
    lifted = {"target": 0.0, "occupancy": 1.0, "asa_cap": np.inf, "abandon_cap": 1.0}
    alone = _targets_given(targets, max_asa_seconds, max_abandon_rate)
    return {
        name: _smallest_agents({**targets, **lifted, kept: targets[kept]})
        for name, kept in alone.items()
    }


def _targets_given(
    targets: dict[str, np.ndarray | float | None],
    max_asa_seconds: ArrayLike | None,
    max_abandon_rate: ArrayLike | None,
) -> dict[str, str]:
    """The targets set, in TARGET_ORDER, each with its key in the checked targets."""
    given = {SERVICE_LEVEL_TARGET: "target"}
    if max_asa_seconds is not None:
        given[ASA_TARGET] = "asa_cap"
    if max_abandon_rate is not None:
        given[ABANDON_TARGET] = "abandon_cap"
    if np.any(np.asarray(targets["occupancy"]) < 1.0):  # a cap of 1 is none
        given[OCCUPANCY_TARGET] = "occupancy"
    return given


def _checked_targets(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    service_level: ArrayLike,
    answer_within_seconds: ArrayLike,
    max_occupancy: ArrayLike,
    max_asa_seconds: ArrayLike | None,
    patience_seconds: ArrayLike | None,
    max_abandon_rate: ArrayLike | None,
) -> dict[str, np.ndarray | float | None]:
    """The load and targets as arrays, each checked; caps not given are the lifted ones."""
    volume, aht, interval = _load_inputs(volume, aht_seconds, interval_seconds)
    target = as_float_array(service_level, "service level")
    within = as_float_array(answer_within_seconds, "answer-within seconds")
    check_service_target(target, within)
    occupancy = as_float_array(max_occupancy, "maximum occupancy")
    check_unit_interval(occupancy, "maximum occupancy", allow_zero=False)
    asa_cap = np.inf if max_asa_seconds is None else as_float_array(max_asa_seconds, "max ASA")
    if max_asa_seconds is not None:
        check_positive(np.asarray(asa_cap), "maximum ASA seconds")
    patience = _patience(patience_seconds)
    abandon_cap = 1.0
    if max_abandon_rate is not None:
        if patience is None:
            raise InputError(
                "an abandonment target needs the callers' patience: give patience seconds "
                "(mean time before hanging up, e.g. 180)"
            )
        abandon_cap = as_float_array(max_abandon_rate, "maximum abandon rate")
        check_unit_interval(np.asarray(abandon_cap), "maximum abandon rate", allow_zero=False)
    with np.errstate(over="ignore"):
        load = volume * aht / interval
    countable = np.asarray(load / occupancy < MAX_AGENTS)  # occupancy is checked above 0
    if not countable.all():
        bad = int(np.flatnonzero(~countable.ravel())[0])
        where = "" if countable.ndim == 0 else f" at position {bad}"
        raise InputError(
            f"the workload{where} (volume x AHT seconds / interval seconds) needs more than "
            f"{MAX_AGENTS:.0e} agents: check the units of the volume and handle time"
        )
    return {
        # A subnormal load (5e-324 Erlangs) overflows Erlang A's 1/x terms and its search never
        # brackets; any load this small needs exactly one agent, as TINY_LOAD does.
        "load": np.where((load > 0) & (load < TINY_LOAD), TINY_LOAD, load),
        "aht": aht,
        "within": within,
        "target": target,
        "occupancy": occupancy,
        "asa_cap": asa_cap,
        "patience": patience,
        "abandon_cap": abandon_cap,
    }


def _smallest_agents(targets: dict[str, np.ndarray | float | None]) -> np.ndarray:
    """Smallest whole agents meeting the checked `targets`: Erlang C, or A with patience."""
    load, aht, within, target, occupancy, asa_cap, patience, abandon_cap = (
        targets[name]
        for name in (
            "load", "aht", "within", "target", "occupancy", "asa_cap", "patience", "abandon_cap"
        )
    )  # fmt: skip
    shape = np.broadcast_shapes(*(np.shape(v) for v in (load, target, within, occupancy, asa_cap)))
    erlang_c = required_agents_erlang_c(load, aht, within, target, occupancy, asa_cap)
    erlang_c = erlang_c.reshape(shape)
    if patience is None:
        return erlang_c
    shape = np.broadcast_shapes(shape, np.shape(patience), np.shape(abandon_cap))
    columns = [
        np.broadcast_to(v, shape).ravel()
        for v in (load, aht, within, target, occupancy, asa_cap, patience, abandon_cap)
    ]
    load, aht, within, target, occupancy, asa_cap, patience, abandon_cap = columns
    result = np.zeros(load.size, dtype=np.int64)
    busy = np.flatnonzero(load > 0)
    if busy.size == 0:
        return result.reshape(shape)

    def slack(rows: np.ndarray, agents: np.ndarray) -> np.ndarray:
        """The tightest target's margin (>= 0 when all are met); rises with agents."""
        at = busy[rows]
        got = erlang_a_metrics(load[at], agents, aht[at], within[at], patience[at])
        margins = _erlang_a_margins(
            got, target[at], occupancy[at], asa_cap[at], abandon_cap[at], aht[at], agents
        )
        return np.stack(list(margins.values())).min(axis=0)

    # Erlang C's answer is close (abandonment only lowers the need); the secant step is about
    # one standard deviation of the number of busy agents.
    guess = np.broadcast_to(erlang_c, shape).ravel()[busy]
    step = np.maximum(1, np.round(0.5 * np.sqrt(load[busy]))).astype(np.int64)
    result[busy] = smallest_feasible(guess, slack, step)
    return result.reshape(shape)


def _erlang_a_margins(
    got: dict[str, np.ndarray],
    target: np.ndarray,
    occupancy: np.ndarray,
    asa_cap: np.ndarray,
    abandon_cap: np.ndarray,
    aht: np.ndarray,
    agents: np.ndarray,
) -> dict[str, np.ndarray]:
    """Each Erlang A target's margin at the metrics `got` of `agents` (met where >= 0), by
    target name: the one rule both sizing and `failing_targets` judge by. The service level
    and the occupancy cap are met up to rounding, as under Erlang C."""
    return {
        SERVICE_LEVEL_TARGET: got["service_level"] - target + SERVICE_LEVEL_TOLERANCE,
        OCCUPANCY_TARGET: occupancy_margin(got["occupancy"], occupancy, agents),
        ASA_TARGET: (asa_cap - got["asa_seconds"]) / aht,
        ABANDON_TARGET: abandon_cap - got["abandon_rate"],
    }


def failing_targets(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    service_level: ArrayLike,
    answer_within_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
    max_asa_seconds: ArrayLike | None = None,
    patience_seconds: ArrayLike | None = None,
    max_abandon_rate: ArrayLike | None = None,
) -> dict[str, np.ndarray]:
    """Per interval, whether each target given is missed at `agents`, by target name.

    The same targets as `agents_per_target` (service level always; ASA, abandonment and
    occupancy when set), judged as `required_agents` judges them, so a target fails at n
    exactly when it alone needs more than n: with the service-level tolerance, the occupancy
    tolerance, no queue without an agent, and under Erlang C no target met unless there are
    more agents than Erlangs. One metrics pass, however many targets; nothing fails without
    contacts.
    """
    targets = _checked_targets(
        volume, aht_seconds, interval_seconds, service_level, answer_within_seconds,
        max_occupancy, max_asa_seconds, patience_seconds, max_abandon_rate,
    )  # fmt: skip
    staffed = np.floor(as_float_array(agents, "agents"))
    names = ("load", "aht", "within", "target", "occupancy", "asa_cap", "abandon_cap")
    shape = np.broadcast_shapes(
        np.shape(staffed), np.shape(targets["patience"]),
        *(np.shape(targets[name]) for name in names),
    )  # fmt: skip
    flat = {name: np.broadcast_to(targets[name], shape).ravel() for name in names}
    load, staffed = flat["load"], np.broadcast_to(staffed, shape).ravel()
    busy = load > 0
    if targets["patience"] is None:
        got = erlang_c_metrics(load, staffed, flat["aht"], flat["within"])
        stable = staffed > load  # below this the queue grows without bound: nothing is met
        met = {
            SERVICE_LEVEL_TARGET: got["service_level"] >= flat["target"] - SERVICE_LEVEL_TOLERANCE,
            ASA_TARGET: got["asa_seconds"] <= flat["asa_cap"],
            OCCUPANCY_TARGET: staffed >= occupancy_agents(load, flat["occupancy"]),
            ABANDON_TARGET: np.ones(load.size, dtype=bool),  # needs patience: never set here
        }
        met = {name: value & stable for name, value in met.items()}
    else:
        patience = np.broadcast_to(targets["patience"], shape).ravel()
        got = erlang_a_metrics(load, staffed, flat["aht"], flat["within"], patience)
        margins = _erlang_a_margins(
            got, flat["target"], flat["occupancy"], flat["asa_cap"], flat["abandon_cap"],
            flat["aht"], staffed,
        )  # fmt: skip
        # sizing never takes zero agents for a queue with contacts (see smallest_feasible)
        met = {name: (margin >= 0) & (staffed > 0) for name, margin in margins.items()}
    given = _targets_given(targets, max_asa_seconds, max_abandon_rate)
    return {name: (busy & ~met[name]).reshape(shape) for name in given}
