"""Prediction intervals: negative-binomial quantiles around the forecast, dispersion calibrated
on backtest errors so the P10-P90 band covers the wanted share of actuals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

QUANTILES = (0.1, 0.5, 0.8, 0.9)
MIN_DISPERSION = 1e-6
MAX_DISPERSION = 4.0
# Used until a backtest exists: a 10% multiplicative error on top of Poisson noise.
DEFAULT_DISPERSION = 0.01
# The dispersion's level is stated at this forecast (contacts per interval).
REFERENCE_MEAN = 10.0
# Slots forecast under one contact read 0 or 1 whatever the dispersion: their coverage is set by
# rounding to whole contacts, so calibrating on them would narrow every other slot's band.
MIN_CALIBRATION_MEAN = 1.0
MIN_CALIBRATION_PAIRS = 20
CALIBRATION_SAMPLE = 2000


@dataclass(frozen=True)
class Dispersion:
    """Over-dispersion that depends on the forecast level: Var = mean + d * mean^2 with
    d = scale * (mean / REFERENCE_MEAN) ** slope, slope in [-1, 0].

    This is Greene's NB-P variance, Var = mean + alpha * mean^P with P = 2 + slope between the
    NB1 (P = 1) and NB2 (P = 2) forms (W. Greene, "Functional forms for the negative binomial
    model for count data", Economics Letters 99, 2008). Quiet slots miss by relatively more than
    busy ones (a few contacts more or less is a large share of 5), which one d cannot follow.
    """

    scale: float
    slope: float = 0.0

    def at(self, mean: np.ndarray) -> np.ndarray:
        """d per slot, shaped like `mean`."""
        mean = np.maximum(np.asarray(mean, dtype=float), 1e-9)
        return np.clip(self.scale * (mean / REFERENCE_MEAN) ** self.slope, MIN_DISPERSION, None)


def per_slot(dispersion: Dispersion | float | np.ndarray, mean: np.ndarray) -> np.ndarray:
    """The dispersion of every slot of `mean` (a plain number serves them all)."""
    if isinstance(dispersion, Dispersion):
        return dispersion.at(mean)
    values = np.maximum(np.asarray(dispersion, dtype=float), MIN_DISPERSION)
    return np.broadcast_to(values, np.shape(mean))


def nb_quantile(mean: np.ndarray, dispersion: Dispersion | float, q: float) -> np.ndarray:
    """Quantile q of a negative binomial with this mean and Var = mean + dispersion * mean^2.

    Poisson noise dominates quiet slots and the multiplicative term busy ones, so the band
    widens with the volume instead of staying as wide at night as at the peak. Computed as the
    smallest k with CDF(k) = I_p(size, k + 1) >= q (regularised incomplete beta), by vectorised
    bisection: a year of slots takes milliseconds instead of seconds with scipy's generic ppf.
    """
    mean = np.clip(np.asarray(mean, dtype=float), 0, None)
    d = per_slot(dispersion, mean)
    size = 1.0 / d
    p = size / (size + mean)
    # Integer bisection on the CDF: CDF(lower) < q <= CDF(upper) throughout. Cantelli's
    # inequality, P(X - mean >= k sd) <= 1 / (1 + k^2) and the same below, makes mean -/+ k sd
    # such a bracket once k^2 exceeds (1 - q) / q and q / (1 - q): a few sd wide, not 30.
    sd = np.sqrt(mean + d * mean**2)
    k = np.sqrt(max(q / (1 - q), (1 - q) / q)) + 1
    lower = np.maximum(np.floor(mean - k * sd), -1.0)
    upper = np.maximum(np.ceil(mean + k * sd), lower + 1)
    while True:
        # Past 2^53 floats are more than 1 apart: the bracket can no longer shrink to width 1.
        open_gap = (upper - lower > 1) & (np.floor((lower + upper) / 2) > lower)
        if not open_gap.any():
            break
        middle = np.floor((lower + upper) / 2)
        reached = special.betainc(size, middle + 1, p) >= q
        upper = np.where(open_gap & reached, middle, upper)
        lower = np.where(open_gap & ~reached, middle, lower)
    return np.where(mean > 0, upper, 0.0)


def nb_cdf(k: np.ndarray, mean: np.ndarray, dispersion: Dispersion | float) -> np.ndarray:
    """P(Y <= k) for the negative binomial above (0 for k < 0)."""
    size = 1.0 / per_slot(dispersion, mean)
    cdf = special.betainc(size, np.maximum(k, 0) + 1, size / (size + mean))
    return np.where(k < 0, 0.0, cdf)


def band_coverage(
    actual: np.ndarray, mean: np.ndarray, dispersion: Dispersion | float, level: float
) -> float:
    """Share of (non-missing) actuals inside the central `level` band.

    y >= P_lo  <=>  CDF(floor y) >= lo  and  y <= P_hi  <=>  CDF(ceil y - 1) < hi, so no
    quantile has to be searched for.
    """
    actual = np.asarray(actual, dtype=float)
    mean = np.asarray(mean, dtype=float)
    keep = ~np.isnan(actual) & (mean > 0)
    a, m = actual[keep], mean[keep]
    if not a.size:
        return float("nan")
    d = per_slot(dispersion, mean)[keep]
    tail = (1 - level) / 2
    above_lower = nb_cdf(np.floor(a), m, d) >= tail
    below_upper = nb_cdf(np.ceil(a) - 1, m, d) < 1 - tail
    return float((above_lower & below_upper).mean())


def _negative_log_likelihood(
    params: np.ndarray, actual: np.ndarray, mean: np.ndarray, log_ratio: np.ndarray
) -> tuple[float, np.ndarray]:
    """NB log-likelihood of the actuals with d = exp(a + b * log(mean / REFERENCE_MEAN)), negated,
    and its gradient in (a, b): d/dr of the log-density is digamma(y + r) - digamma(r) +
    log(r / (r + mean)) + (mean - y) / (r + mean), with r = 1 / d and dr = -r d(log d)."""
    size = np.exp(-(params[0] + params[1] * log_ratio))
    total = size + mean
    log_density = (
        special.gammaln(actual + size)
        - special.gammaln(size)
        + size * np.log(size / total)
        + actual * np.log(mean / total)
    )
    by_size = (
        special.digamma(actual + size)
        - special.digamma(size)
        + np.log(size / total)
        + (mean - actual) / total
    )
    by_log_d = -size * by_size
    gradient = np.array([by_log_d.sum(), (by_log_d * log_ratio).sum()])
    return -float(log_density.sum()), -gradient


def fitted_slope(actual: np.ndarray, mean: np.ndarray) -> float:
    """How the dispersion falls with the forecast level: the maximum-likelihood slope of
    log d on log mean, within [-1, 0] (NB1 to NB2)."""
    log_ratio = np.log(mean / REFERENCE_MEAN)
    if np.ptp(log_ratio) < 0.5:  # one level only (a flat forecast): nothing to tell it by
        return 0.0
    from scipy import optimize  # loaded on first fit: a faster CLI start

    fit = optimize.minimize(
        _negative_log_likelihood,
        x0=np.array([np.log(0.03), -0.5]),
        args=(np.maximum(actual, 0.0), mean, log_ratio),
        jac=True,
        method="SLSQP",  # L-BFGS-B's BLAS threads cost more than this 2-parameter fit
        bounds=[(np.log(1e-5), np.log(10.0)), (-1.0, 0.0)],
    )
    return float(fit.x[1])


def calibrate_dispersion(
    actual: np.ndarray, mean: np.ndarray, level: float = 0.8, iterations: int = 12
) -> Dispersion:
    """The dispersion whose `level` band covers `level` of the backtest actuals: its slope by
    maximum likelihood, its scale by bisection in log space (coverage only grows with it) over
    the slots forecast at one contact or more."""
    actual = np.asarray(actual, dtype=float).ravel()
    mean = np.asarray(mean, dtype=float).ravel()
    keep = ~np.isnan(actual) & (mean > 0)
    actual, mean = actual[keep], mean[keep]
    if actual.size < MIN_CALIBRATION_PAIRS:
        return Dispersion(DEFAULT_DISPERSION)
    if len(actual) > CALIBRATION_SAMPLE:  # a fixed, seeded subsample keeps calibration fast
        pick = np.random.default_rng(0).choice(len(actual), CALIBRATION_SAMPLE, replace=False)
        actual, mean = actual[pick], mean[pick]
    slope = fitted_slope(actual, mean)
    counted = mean >= MIN_CALIBRATION_MEAN
    if counted.sum() >= MIN_CALIBRATION_PAIRS:
        actual, mean = actual[counted], mean[counted]
    lo, hi = np.log(MIN_DISPERSION), np.log(MAX_DISPERSION)
    if band_coverage(actual, mean, Dispersion(MIN_DISPERSION, slope), level) >= level:
        return Dispersion(MIN_DISPERSION, slope)
    for _ in range(iterations):
        mid = (lo + hi) / 2
        if band_coverage(actual, mean, Dispersion(float(np.exp(mid)), slope), level) < level:
            lo = mid
        else:
            hi = mid
    return Dispersion(float(np.exp(hi)), slope)


def quantile_forecasts(mean: np.ndarray, dispersion: Dispersion | float) -> dict[float, np.ndarray]:
    """P10, P50, P80, P90 arrays shaped like `mean`."""
    return {q: nb_quantile(mean, dispersion, q) for q in QUANTILES}


def week_spread_dispersion(
    values: np.ndarray, weekdays: np.ndarray, open_rows: np.ndarray, level: float = 0.8
) -> Dispersion:
    """The dispersion a history too short to backtest shows from week to week: each open slot's
    count against the mean of the same weekday and slot in the other weeks (a leave-one-week-out
    stand-in for the weekly average's error), calibrated as a backtest's would be. With under
    MIN_CALIBRATION_PAIRS such pairs (one week of history), DEFAULT_DISPERSION.

    `values` (days, slots) NaN where missing or left out, `weekdays` (days,), `open_rows`
    (days, slots)."""
    values = np.where(open_rows, values, np.nan)
    seen = ~np.isnan(values)
    filled = np.where(seen, values, 0.0)
    sums = np.zeros((7, values.shape[1]))
    counts = np.zeros((7, values.shape[1]))
    np.add.at(sums, weekdays, filled)
    np.add.at(counts, weekdays, seen)
    others = counts[weekdays] - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_of_others = (sums[weekdays] - filled) / others
    usable = seen & (others >= 1)
    return calibrate_dispersion(values[usable], mean_of_others[usable], level)
