"""Erlang A (M/M/n+M, exponential patience): waiting, abandonment, SL, ASA, vectorised.

Notation (Palm's model): A = offered load in Erlangs, r = AHT / patience, x = A / r and
b = n / r (arrival and service rates in units of the abandonment rate). Relative to the state
"all n agents busy, nobody waiting", the states with fewer busy agents weigh
L = 1 / B(n, A) - 1 and the states with m waiting weigh q_m = prod_{j<=m} x / (b + j), whose sum
J = Gamma(b + 1) x^-b e^x P(b, x) (P the regularised lower incomplete gamma function).

Service level is the share of all offered contacts that are answered within t seconds:
contacts that hang up count as not answered in time, whenever they hang up. A contact that
finds m people waiting is answered with probability b / (b + m + 1), and given that, after a
wait distributed as the (m + 1)-th of b + m + 1 exponential clocks, so
P(answered within t | m) = b / (b + m + 1) * I_p(m + 1, b + 1) with p = 1 - e^{-t / patience}
(I the regularised incomplete beta function, summed here as a negative binomial tail).
ASA is the mean time in queue over all offered contacts, E[Wq] = P(abandon) * patience
(Little's law applied to the queue), the figure WFM tools report as ASA under Erlang A.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from staffing.erlang_c import log_erlang_b

_TINY = 1e-280
_CELLS_PER_CHUNK = 500_000  # rows x queue lengths per block: bounds memory for a year


def _log_waiting_weight(x: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log J = log sum_{m>=0} prod_{j<=m} x / (b + j), for x > 0 and b > 0."""
    lower = special.gammainc(b, x)
    with np.errstate(divide="ignore"):
        result = special.gammaln(b + 1.0) - b * np.log(x) + x + np.log(lower)
    small = lower < _TINY  # far more capacity than arrivals: the series converges fast
    if np.any(small):
        result = np.array(result, dtype=float)
        xs, bs = x[small], b[small]
        width = int(np.ceil((45.0 / -np.log(xs / (bs + 1.0))).max())) + 2
        steps = np.arange(1, width)
        log_terms = np.cumsum(np.log(xs[:, None] / (bs[:, None] + steps[None, :])), axis=1)
        log_terms = np.concatenate([np.zeros((xs.size, 1)), log_terms], axis=1)
        result[small] = special.logsumexp(log_terms, axis=1)
    return result


def erlang_a_metrics(
    load: np.ndarray,
    agents: np.ndarray,
    aht_seconds: np.ndarray,
    answer_within: np.ndarray,
    patience_seconds: np.ndarray,
) -> dict[str, np.ndarray]:
    """P(wait), abandonment, service level, ASA and occupancy of M/M/n+M per interval."""
    load, agents, aht, within, patience = (
        np.array(v, dtype=float).ravel()
        for v in np.broadcast_arrays(load, agents, aht_seconds, answer_within, patience_seconds)
    )
    prob_wait = np.where(load > 0, 1.0, 0.0)
    abandon = np.where(load > 0, 1.0, 0.0)
    service_level = np.where(load > 0, 0.0, 1.0)
    occupancy = np.zeros(load.size)
    busy = np.flatnonzero((load > 0) & (agents > 0))
    if busy.size:
        ratio = aht[busy] / patience[busy]
        x, b = load[busy] / ratio, agents[busy] / ratio
        log_b = log_erlang_b(agents[busy], load[busy])
        log_free = np.log(-np.expm1(log_b)) - log_b  # log L = log(1/B - 1)
        log_queue = _log_waiting_weight(x, b)  # log J
        wait = special.expit(log_queue - log_free)
        # sum_m m q_m = (x - b) J + b, from (b + m) q_m = x q_{m-1}
        aband = np.clip(wait * (1.0 - (b / x) * -np.expm1(-log_queue)), 0.0, 1.0)
        in_time = _answered_in_time_given_wait(x, b, log_queue, within[busy] / patience[busy])
        prob_wait[busy], abandon[busy] = wait, aband
        service_level[busy] = np.clip(1.0 - wait + wait * in_time, 0.0, 1.0)
        occupancy[busy] = load[busy] * (1.0 - aband) / agents[busy]
    return {
        "service_level": service_level,
        "asa_seconds": abandon * patience * (load > 0),
        "occupancy": np.minimum(occupancy, 1.0),
        "prob_wait": prob_wait,
        "abandon_rate": abandon,
    }


def _answered_in_time_given_wait(
    x: np.ndarray, b: np.ndarray, log_queue: np.ndarray, within_in_patience: np.ndarray
) -> np.ndarray:
    """sum_m (q_m / J) * b / (b + m + 1) * I_p(m + 1, b + 1): answered within t when delayed.

    Rows are sorted by how many queue lengths matter and cut into blocks, so a few heavy
    intervals do not widen the arrays of the whole year.
    """
    result = np.zeros(x.size)
    # Completions by t follow a negative binomial (b + 1, p) with the mean and spread below;
    # nobody queued eight spreads further back is answered in time (tail below 1e-12), and
    # q_m itself dies out ten standard deviations past its peak.
    odds = np.expm1(within_in_patience)
    mean = (b + 1.0) * odds
    spread = np.sqrt((b + 1.0) * odds * (1.0 + odds))
    peak = np.maximum(x - b, 0.0)
    widths = np.minimum(mean + 8.0 * spread + 20.0, peak + 10.0 * np.sqrt(x + b) + 50.0)
    widths = np.where(within_in_patience > 0, np.ceil(widths), 0).astype(np.int64)
    order = np.argsort(widths, kind="stable")
    start = 0
    while start < order.size:
        width = int(widths[order[min(order.size - 1, start + 255)]])
        stop = start + max(256, _CELLS_PER_CHUNK // max(width, 1))
        rows = order[start:stop]
        width = int(widths[rows].max())
        if width > 0:
            result[rows] = _in_time_block(
                x[rows], b[rows], log_queue[rows], within_in_patience[rows], width
            )
        start = stop
    return result


def _in_time_block(
    x: np.ndarray, b: np.ndarray, log_queue: np.ndarray, within: np.ndarray, width: int
) -> np.ndarray:
    m = np.arange(width, dtype=float)[None, :]
    bb, xx = b[:, None], x[:, None]
    log_keep = -within  # log(1 - p), p = 1 - e^{-t/patience}
    p = -np.expm1(log_keep)
    # Plain running products are exact and fast while they stay inside the float range;
    # only rows that could overflow or underflow take the (slower) path in logs.
    growth = width * np.log(np.maximum(x / (b + 1.0), 1.0))
    plain = (growth < 500.0) & (log_queue < 600.0) & ((b + 1.0) * within < 600.0)
    result = np.empty(x.size)
    if np.any(plain):
        rows = plain
        # q_m b / (b + m + 1) = (b / x) q_{m+1}: one running product serves both factors
        columns = np.arange(width + 1, dtype=float)[None, :]
        ratio_q = xx[rows] / (bb[rows] + columns)
        ratio_q[:, 0] = np.exp(-log_queue[rows])
        share = np.cumprod(ratio_q, axis=1)[:, 1:]  # q_{m+1} / J for m = 0 .. width - 1
        ratio_nb = (bb[rows] + m) * (p[rows, None] / np.maximum(m, 1.0))
        ratio_nb[:, 0] = np.exp((b[rows] + 1.0) * log_keep[rows])
        tail = 1.0 - np.cumsum(np.cumprod(ratio_nb, axis=1), axis=1)  # I_p(m + 1, b + 1)
        np.clip(tail, 0.0, 1.0, out=tail)
        result[rows] = (b[rows] / x[rows]) * np.einsum("ij,ij->i", share, tail)
    if not np.all(plain):
        rows = ~plain
        log_q = np.cumsum(np.log(xx[rows] / (bb[rows] + m + 1.0)), axis=1)
        log_q = np.concatenate([np.zeros((log_q.shape[0], 1)), log_q[:, :-1]], axis=1)
        log_nb = np.cumsum(np.log((bb[rows] + m[:, 1:]) / m[:, 1:] * p[rows, None]), axis=1)
        log_nb = np.concatenate([np.zeros((log_q.shape[0], 1)), log_nb], axis=1)
        log_nb += ((b[rows] + 1.0) * log_keep[rows])[:, None]
        share = np.exp(log_q - log_queue[rows, None])
        result[rows] = _weighted_tail(share, np.exp(log_nb), bb[rows], m)
    return result


def _weighted_tail(share: np.ndarray, pmf: np.ndarray, b: np.ndarray, m: np.ndarray) -> np.ndarray:
    """sum_m share_m * b / (b + m + 1) * P(NB > m), the tail being I_p(m + 1, b + 1)."""
    tail = np.clip(1.0 - np.cumsum(pmf, axis=1), 0.0, 1.0)
    return np.sum(share * (b / (b + m + 1.0)) * tail, axis=1)
