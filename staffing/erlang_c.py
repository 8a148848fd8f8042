"""Erlang B and Erlang C (M/M/n): stable log-space formulas, vectorised over intervals."""

from __future__ import annotations

import numpy as np
from scipy import special

# A service level this close under its target is the target met and lost to rounding: one
# agent on 0.2 Erlangs answers exactly 80% at once (M/M/1 waits with probability 0.2), yet
# the formulas give 0.7999999999999999 and a second agent was hired for it.
SERVICE_LEVEL_TOLERANCE = 1e-12
# Likewise an occupancy cap: 3 agents busy 80% of the time carry 3 x 0.8 Erlangs, yet
# 3 x 0.8 / 0.8 reads 3.0000000000000004 and would ask for a fourth.
OCCUPANCY_TOLERANCE = 1e-9

# Below this the regularised upper gamma loses its last digits to underflow; the few such
# cases (far fewer agents than Erlangs) use the convergent series instead.
_TINY_GAMMA_TAIL = 1e-280


def log_erlang_b(agents: np.ndarray, load: np.ndarray) -> np.ndarray:
    """log of the Erlang B blocking probability B(n, A), for n >= 0 agents and load A > 0.

    B(n, A) = Poisson pmf(n; A) / Poisson cdf(n; A) = e^-A A^n / n! / Q(n + 1, A), with Q the
    regularised upper incomplete gamma function; written in logs it never overflows.
    """
    agents, load = np.broadcast_arrays(np.asarray(agents, dtype=float), np.asarray(load, float))
    tail = special.gammaincc(agents + 1.0, load)
    with np.errstate(divide="ignore"):
        result = agents * np.log(load) - load - special.gammaln(agents + 1.0) - np.log(tail)
    result = np.where(agents == 0, 0.0, result)
    deep = (tail < _TINY_GAMMA_TAIL) & (agents > 0)
    if np.any(deep):
        result = np.array(result, dtype=float)
        result[deep] = _log_erlang_b_far_below_load(agents[deep], load[deep])
    return result


def _log_erlang_b_far_below_load(agents: np.ndarray, load: np.ndarray) -> np.ndarray:
    """1/B(n, A) = sum_j prod_{i<j} (n - i) / A: terms shrink at least like (n/A)^j when n < A."""
    term = np.ones(agents.size)
    total = np.ones(agents.size)
    step = 0
    while np.any(term > 1e-17 * total):  # one value per row, however many terms a row needs
        term = term * np.clip((agents - step) / load, 0.0, None)
        total += term
        step += 1
    return -np.log(total)


def erlang_c_metrics(
    load: np.ndarray, agents: np.ndarray, aht_seconds: np.ndarray, answer_within: np.ndarray
) -> dict[str, np.ndarray]:
    """Probability of waiting, service level, ASA and occupancy of an M/M/n queue.

    Formulas: P(wait) = n B / (n - A (1 - B)); SL = 1 - P(wait) e^{-(n - A) t / AHT};
    ASA = P(wait) AHT / (n - A); occupancy = A / n. With n <= A the queue grows without
    bound: everyone waits, SL 0, ASA infinite, occupancy 1.
    """
    load, agents, aht, within = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (load, agents, aht_seconds, answer_within))
    )
    stable = (agents > load) & (load > 0)
    prob_wait = np.where(load > 0, 1.0, 0.0)
    service_level = np.where(load > 0, 0.0, 1.0)
    asa = np.where(load > 0, np.inf, 0.0)
    occupancy = np.where(agents > 0, np.minimum(load / np.maximum(agents, 1.0), 1.0), 0.0)
    if np.any(stable):
        n, a = agents[stable], load[stable]
        blocking = np.exp(log_erlang_b(n, a))
        wait = erlang_c_from_b(blocking, n, a)
        prob_wait = prob_wait.copy()
        service_level = service_level.copy()
        asa = asa.copy()
        prob_wait[stable] = wait
        service_level[stable] = 1.0 - wait * np.exp(-(n - a) * within[stable] / aht[stable])
        asa[stable] = wait * aht[stable] / (n - a)
    return {
        "service_level": service_level,
        "asa_seconds": asa,
        "occupancy": occupancy,
        "prob_wait": prob_wait,
    }


def erlang_c_from_b(blocking: np.ndarray, agents: np.ndarray, load: np.ndarray) -> np.ndarray:
    """Erlang C from Erlang B, for agents > load: C = B / (B + (1 - A/n)(1 - B))."""
    return blocking / (blocking + (1.0 - load / agents) * (1.0 - blocking))


def occupancy_agents(load: np.ndarray, max_occupancy: np.ndarray) -> np.ndarray:
    """Fewest agents keeping the occupancy A / n at or under the cap (to OCCUPANCY_TOLERANCE)."""
    return np.ceil(np.asarray(load, dtype=float) / max_occupancy - OCCUPANCY_TOLERANCE)


def occupancy_margin(
    occupancy: np.ndarray, max_occupancy: np.ndarray, agents: np.ndarray
) -> np.ndarray:
    """Room left under the occupancy cap at `agents` (met where >= 0), by occupancy_agents'
    rule: the busy agents (occupancy x n) may pass cap x n by OCCUPANCY_TOLERANCE of an agent,
    i.e. the occupancy the cap by a relative OCCUPANCY_TOLERANCE / n. For models whose carried
    load is not A (Erlang A: A less the abandoned), so 0.8500000000000001 meets a cap of 0.85."""
    agents = np.maximum(np.asarray(agents, dtype=float), 1.0)  # no agent: nothing busy
    return max_occupancy * (1.0 + OCCUPANCY_TOLERANCE / agents) - occupancy


def required_agents_erlang_c(
    load: np.ndarray,
    aht_seconds: np.ndarray,
    answer_within: np.ndarray,
    service_level: np.ndarray,
    max_occupancy: np.ndarray,
    max_asa_seconds: np.ndarray,
) -> np.ndarray:
    """Smallest n meeting SL, occupancy and ASA targets, all intervals stepped together.

    Starts at the lower bound max(floor(A) + 1, ceil(A / max occupancy)) — SL needs n > A — and
    climbs one agent at a time with the Erlang B recursion B(n) = A B(n-1) / (n + A B(n-1)), so
    each step costs a few array operations on the intervals still short of target.
    """
    load, aht, within, target, occ, asa_cap = (
        np.array(v, dtype=float).ravel()
        for v in np.broadcast_arrays(
            load, aht_seconds, answer_within, service_level, max_occupancy, max_asa_seconds
        )
    )
    result = np.zeros(load.shape, dtype=np.int64)
    active = np.flatnonzero(load > 0)
    if active.size == 0:
        return result
    a = load[active]
    n = np.maximum(np.floor(a) + 1.0, occupancy_agents(a, occ[active]))
    blocking = np.exp(log_erlang_b(n, a))
    aht, within, target, asa_cap = aht[active], within[active], target[active], asa_cap[active]
    while active.size:
        wait = erlang_c_from_b(blocking, n, a)
        achieved = 1.0 - wait * np.exp(-(n - a) * within / aht)
        met = (achieved >= target - SERVICE_LEVEL_TOLERANCE) & (wait * aht / (n - a) <= asa_cap)
        result[active[met]] = n[met]
        keep = ~met
        active, a, n, blocking = active[keep], a[keep], n[keep] + 1.0, blocking[keep]
        aht, within, target, asa_cap = aht[keep], within[keep], target[keep], asa_cap[keep]
        blocking = a * blocking / (n + a * blocking)
    return result
