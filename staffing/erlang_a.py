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
(Little's law applied to the queue), those who hang up included. An ACD's ASA counts the
answered contacts only: answered_asa_seconds, E[W | answered] (Mandelbaum & Zeltyn 2007, "The
Palm/Erlang-A queue", give both; at 10 Erlangs, 15 agents, 180-s calls and 60-s patience the
birth-death chain gives 0.83 s against 1.07 s). It can exceed the first when most callers give
up early. NaN where contacts arrive and no agent answers them.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from staffing.erlang_c import log_erlang_b

_TINY = 1e-280
_CELLS_PER_CHUNK = 500_000  # queue lengths summed per block: bounds memory for any load


def _log_waiting_weight(x: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log J = log sum_{m>=0} prod_{j<=m} x / (b + j), for x > 0 and b > 0."""
    lower = special.gammainc(b, x)
    with np.errstate(divide="ignore"):
        result = special.gammaln(b + 1.0) - b * np.log(x) + x + np.log(lower)
    small = lower < _TINY  # far more capacity than arrivals: the series converges fast
    if np.any(small):
        result = np.array(result, dtype=float)
        result[small] = np.log(_decreasing_series(x[small], b[small] + 1.0, 1.0))
    huge = b >= _UNIFORM_FROM  # very patient callers: P(b, x) above loses its digits
    if np.any(huge):
        result = np.array(result, dtype=float)
        result[huge] = _log_waiting_weight_uniform(x[huge], b[huge])
    return result


# From here scipy's gammainc(b, x) loses digits in its tail (P(5.6e8, 5.555e8) reads 4.2e-7,
# not 1.2e-6), so J uses Temme's uniform expansion, exact to O(1 / b^2) relative.
_UNIFORM_FROM = 1e7


def _log_waiting_weight_uniform(x: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log J from P(b, x) = erfc(-eta sqrt(b/2)) / 2 - e^{-b eta^2 / 2} (c0(eta) + O(1/b))
    / sqrt(2 pi b) (DLMF 8.12), with Stirling for Gamma(b + 1):
    J = e^{1/(12 b)} (sqrt(pi b / 2) erfcx(-eta sqrt(b / 2)) - c0(eta)), no large terms cancel.
    """
    d = (x - b) / b  # lambda - 1, lambda = x / b
    eta = np.sign(d) * np.sqrt(2.0 * np.maximum(d - np.log1p(d), 0.0))
    u = -eta * np.sqrt(b / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        c0 = np.where(
            np.abs(eta) > 1e-3,
            1.0 / d - 1.0 / eta,
            -1.0 / 3.0 + eta / 12.0 - 2.0 * eta**2 / 135.0 + eta**3 / 864.0,
        )
    stirling = 1.0 / (12.0 * b)
    # far overloaded (u << 0) erfcx(u) = 2 e^{u^2} overflows: J is then e^{u^2} sqrt(2 pi b)
    calm = u > -20.0
    safe_u = np.where(calm, u, 0.0)
    bounded = np.log(np.sqrt(np.pi * b / 2.0) * special.erfcx(safe_u) - c0)
    return stirling + np.where(calm, bounded, u**2 + 0.5 * np.log(2.0 * np.pi * b))


def _decreasing_series(numerator: np.ndarray, base: np.ndarray, sign: float) -> np.ndarray:
    """sum_{m>=0} prod_{j<m} r_j with r_j = numerator / (base + sign * j), all r_j <= r_0 < 1.

    Summed term by term for all rows at once until every row's next term is below 1e-17 of
    its total; memory stays one value per row however many terms a row needs.
    """
    term = np.ones(numerator.size)
    total = np.ones(numerator.size)
    step = 0
    while np.any(term > 1e-17 * total):
        term = term * np.clip(numerator / (base + sign * step), 0.0, None)
        total += term
        step += 1
    return total


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
    answered_wait = np.where(load > 0, np.nan, 0.0)  # nobody answered without an agent
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
        answered_wait[busy] = (
            patience[busy] * wait * (b / x) * _mean_answered_stages(x, b, log_queue) / (1.0 - aband)
        )
    return {
        "service_level": service_level,
        "asa_seconds": abandon * patience * (load > 0),
        "answered_asa_seconds": answered_wait,
        "occupancy": np.minimum(occupancy, 1.0),
        "prob_wait": prob_wait,
        "abandon_rate": abandon,
    }


# Beyond this many queue lengths a row's sum is replaced by its two-term delta expansion, off
# by about 0.2 / (x + b) relative against the exact sum: under 1e-5 there (x + b above 4e4).
_EXACT_SPAN = 4096


def _mean_answered_stages(x: np.ndarray, b: np.ndarray, log_queue: np.ndarray) -> np.ndarray:
    """E[psi(b + K + 1) - psi(b + 1)], K distributed as q_k / J (the queue length, all agents
    busy, an arrival finds, shifted by one: q_m b / (b + m + 1) = (b / x) q_{m+1}).

    A caller finding m ahead is answered with probability b / (b + m + 1), after m + 1 stages
    of mean 1 / (b + j + 1) each, j = m .. 0 (Mandelbaum & Zeltyn 2007, "The Palm/Erlang-A
    queue", E[W | Sr]); those stage means sum to psi(b + m + 2) - psi(b + 1).
    """
    peak, width = np.maximum(x - b, 0.0), 10.0 * np.sqrt(x + b) + 50.0
    first = np.floor(np.maximum(peak - width, 0.0))
    spans = (np.ceil(peak + width) - first + 1.0).astype(np.int64)
    result = np.empty(x.size)
    wide = spans > _EXACT_SPAN
    if np.any(wide):
        # sum k q_k = (x - b) J + b and sum k^2 q_k = (x - b) sum k q_k + x J, from
        # (b + k) q_k = x q_{k-1}: the mean and variance of K exactly
        xw, bw, share = x[wide], b[wide], np.exp(-log_queue[wide])
        mean = (xw - bw) + bw * share
        variance = (xw - bw) * mean + xw - mean**2
        centre = bw + mean + 1.0
        rise = _digamma_rise(bw + 1.0, mean)
        result[wide] = rise + 0.5 * special.polygamma(2, centre) * variance
    exact = np.flatnonzero(~wide)
    if exact.size:
        length = int(spans[exact].max())
        per_block = max(1, _CELLS_PER_CHUNK // length)
        steps = np.arange(length, dtype=float)[None, :]
        for begin in range(0, exact.size, per_block):
            rows = exact[begin : begin + per_block]
            k = first[rows, None] + steps
            log_share = k * np.log(x[rows, None]) - _log_rising(b[rows, None] + 1.0, k)
            weight = np.exp(log_share - log_queue[rows, None])
            weight[steps >= spans[rows, None]] = 0.0
            stages = _digamma_rise(b[rows, None] + 1.0, k)
            result[rows] = np.einsum("ij,ij->i", weight, stages)
    return result


def _digamma_rise(z: np.ndarray, h: np.ndarray) -> np.ndarray:
    """psi(z + h) - psi(z) for z > 0, h >= 0. For a large z the two digammas cancel away their
    digits, so the difference of their asymptotic series log z - 1 / (2 z) - 1 / (12 z^2)
    (DLMF 5.11.2) is taken instead, exact to O(h / z^3)."""
    z, h = np.broadcast_arrays(np.asarray(z, float), np.asarray(h, float))
    with np.errstate(divide="ignore", invalid="ignore"):
        series = (
            np.log1p(h / z) + h / (2.0 * z * (z + h))
            + h * (2.0 * z + h) / (12.0 * z**2 * (z + h) ** 2)
        )  # fmt: skip
    return np.where(z >= _RISING_STIRLING_FROM, series, special.digamma(z + h) - special.digamma(z))


def _answered_in_time_given_wait(
    x: np.ndarray, b: np.ndarray, log_queue: np.ndarray, within_in_patience: np.ndarray
) -> np.ndarray:
    """sum_m (q_m / J) * b / (b + m + 1) * I_p(m + 1, b + 1): answered within t when delayed.

    Only queue lengths where q_m matters (ten standard deviations around its peak) and where
    anyone is still answered in time (up to eight spreads past the mean number of completions
    by t) are summed. They are cut into segments of equal length whose first terms come from
    closed forms (log-gamma, incomplete beta), so memory stays bounded whatever the load and
    every running product starts from an exact value no larger than 1.
    """
    result = np.zeros(x.size)
    with np.errstate(over="ignore", invalid="ignore"):
        odds = np.expm1(np.minimum(within_in_patience, 700.0))
        mean = (b + 1.0) * odds  # completions by t: negative binomial (b + 1, p)
        spread = np.sqrt(mean * (1.0 + odds))
        answered_until = mean + 8.0 * spread + 20.0
    peak, width = np.maximum(x - b, 0.0), 10.0 * np.sqrt(x + b) + 50.0
    first = np.floor(np.maximum(peak - width, 0.0))
    last = np.minimum(peak + width, np.nan_to_num(answered_until, posinf=np.inf))
    last = np.where(within_in_patience > 0, np.ceil(last), 0.0)
    spans = np.maximum(last - first, 0.0)
    # one segment covers most rows whole; the few long ones take several
    length = int(np.clip(8 * np.ceil(np.quantile(spans, 0.9) / 8) if spans.size else 8, 8, 256))
    segments = np.ceil(spans / length).astype(np.int64)
    rows = np.repeat(np.arange(x.size), segments)
    offsets = np.arange(rows.size) - np.repeat(np.cumsum(segments) - segments, segments)
    starts = first[rows] + offsets * length
    per_block = max(1, _CELLS_PER_CHUNK // length)
    for begin in range(0, rows.size, per_block):
        chunk = rows[begin : begin + per_block]
        partial = _segment_sums(
            x[chunk], b[chunk], log_queue[chunk], within_in_patience[chunk],
            starts[begin : begin + per_block], length,
        )  # fmt: skip
        result += np.bincount(chunk, weights=partial, minlength=x.size)
    return result


# From here gammaln(base + count) - gammaln(base) cancels away its digits (at base 1e10 the
# two terms are 2.2e11 and their difference is off by 2.5e-5; at 1e14 by 0.3, so the service
# level of very patient callers read 100%); Stirling's series as a difference keeps them.
_RISING_STIRLING_FROM = 1e6


def _log_rising(base: np.ndarray, count: np.ndarray) -> np.ndarray:
    """log Gamma(base + count) - log Gamma(base), for base > 0 and count >= 0.

    For a large base, (z - 1/2) log1p(h/z) + h log(z + h) - h - h / (12 z (z + h)): the
    difference of Stirling's series for log Gamma(z + h) and log Gamma(z), whose next term
    (1 / (360 z^3)) is below 1e-20 from 1e6 on.
    """
    base, count = np.broadcast_arrays(np.asarray(base, float), np.asarray(count, float))
    big = base >= _RISING_STIRLING_FROM
    result = special.gammaln(base + count) - special.gammaln(base)
    if np.any(big):
        z, h = base[big], count[big]
        result = np.array(result, dtype=float)
        result[big] = (z - 0.5) * np.log1p(h / z) + h * np.log(z + h) - h - h / (12.0 * z * (z + h))
    return result


def _segment_sums(
    x: np.ndarray,
    b: np.ndarray,
    log_queue: np.ndarray,
    within: np.ndarray,
    start: np.ndarray,
    length: int,
) -> np.ndarray:
    """sum over m = start .. start + length - 1 of (b / x) q_{m+1} / J * P(NB > m)."""
    log_keep = -within  # log(1 - p), p = 1 - e^{-t/patience}
    p = -np.expm1(log_keep)
    log_p = np.log(p)
    next_m = start[:, None] + np.arange(1.0, length + 1.0)[None, :]  # m + 1
    grows = b[:, None] + next_m  # b + m + 1
    # q_m b / (b + m + 1) = (b / x) q_{m+1}; q_{m+1} / J from its closed form at the segment
    # start, then running products of x / (b + m + 1)
    share = np.divide(x[:, None], grows)
    rising = _log_rising(b + 1.0, start + 1.0)  # log Gamma(b + start + 2) / Gamma(b + 1)
    share[:, 0] = np.exp((start + 1.0) * np.log(x) - rising - log_queue)
    np.cumprod(share, axis=1, out=share)
    # P(NB > m) = I_p(m + 1, b + 1): exact at the start, then minus the pmf term by term;
    # the pmf ratio nb_{m+1} / nb_m is (b + m + 1) p / (m + 1)
    pmf = np.divide(grows, next_m, out=grows)
    pmf *= p[:, None]
    pmf[:, 0] = np.exp(
        rising - special.gammaln(start + 2.0) + (start + 1.0) * log_p + (b + 1.0) * log_keep
    )
    np.cumprod(pmf, axis=1, out=pmf)
    tail = np.cumsum(pmf, axis=1, out=next_m)
    tail -= pmf  # completions after the segment start and before m
    np.subtract(special.betainc(start + 1.0, b + 1.0, p)[:, None], tail, out=tail)
    np.clip(tail, 0.0, 1.0, out=tail)
    return (b / x) * np.einsum("ij,ij->i", share, tail)
