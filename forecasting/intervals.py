"""Prediction intervals: negative-binomial quantiles around the forecast, dispersion calibrated
on backtest errors so the P10-P90 band covers the wanted share of actuals."""

from __future__ import annotations

import numpy as np
from scipy import special

QUANTILES = (0.1, 0.5, 0.8, 0.9)
MIN_DISPERSION = 1e-6
MAX_DISPERSION = 4.0
# Used until a backtest exists: a 10% multiplicative error on top of Poisson noise.
DEFAULT_DISPERSION = 0.01


def nb_quantile(mean: np.ndarray, dispersion: float, q: float) -> np.ndarray:
    """Quantile q of a negative binomial with this mean and Var = mean + dispersion * mean^2.

    Poisson noise dominates quiet slots and the multiplicative term busy ones, so the band
    widens with the volume instead of staying as wide at night as at the peak. Computed as the
    smallest k with CDF(k) = I_p(size, k + 1) >= q (regularised incomplete beta), by vectorised
    bisection: a year of slots takes milliseconds instead of seconds with scipy's generic ppf.
    """
    mean = np.clip(np.asarray(mean, dtype=float), 0, None)
    size = 1.0 / max(dispersion, MIN_DISPERSION)
    p = size / (size + mean)
    # Integer bisection on the CDF: CDF(lower) < q <= CDF(upper) throughout. Cantelli's
    # inequality, P(X - mean >= k sd) <= 1 / (1 + k^2) and the same below, makes mean -/+ k sd
    # such a bracket once k^2 exceeds (1 - q) / q and q / (1 - q): a few sd wide, not 30.
    sd = np.sqrt(mean + dispersion * mean**2)
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


def nb_cdf(k: np.ndarray, mean: np.ndarray, dispersion: float) -> np.ndarray:
    """P(Y <= k) for the negative binomial above (0 for k < 0)."""
    size = 1.0 / max(dispersion, MIN_DISPERSION)
    cdf = special.betainc(size, np.maximum(k, 0) + 1, size / (size + mean))
    return np.where(k < 0, 0.0, cdf)


def band_coverage(actual: np.ndarray, mean: np.ndarray, dispersion: float, level: float) -> float:
    """Share of (non-missing) actuals inside the central `level` band.

    y >= P_lo  <=>  CDF(floor y) >= lo  and  y <= P_hi  <=>  CDF(ceil y - 1) < hi, so no
    quantile has to be searched for.
    """
    keep = ~np.isnan(actual) & (mean > 0)
    a, m = actual[keep], mean[keep]
    if not a.size:
        return float("nan")
    tail = (1 - level) / 2
    above_lower = nb_cdf(np.floor(a), m, dispersion) >= tail
    below_upper = nb_cdf(np.ceil(a) - 1, m, dispersion) < 1 - tail
    return float((above_lower & below_upper).mean())


def calibrate_dispersion(
    actual: np.ndarray, mean: np.ndarray, level: float = 0.8, iterations: int = 12
) -> float:
    """The dispersion whose `level` band covers `level` of the backtest actuals (bisection in log
    space; coverage only grows with dispersion)."""
    actual = np.asarray(actual, dtype=float).ravel()
    mean = np.asarray(mean, dtype=float).ravel()
    keep = ~np.isnan(actual) & (mean > 0)
    actual, mean = actual[keep], mean[keep]
    if actual.size < 20:
        return DEFAULT_DISPERSION
    if len(actual) > 2000:  # a fixed, seeded subsample keeps calibration fast on long backtests
        pick = np.random.default_rng(0).choice(len(actual), 2000, replace=False)
        actual, mean = actual[pick], mean[pick]
    lo, hi = np.log(MIN_DISPERSION), np.log(MAX_DISPERSION)
    if band_coverage(actual, mean, MIN_DISPERSION, level) >= level:
        return MIN_DISPERSION
    for _ in range(iterations):
        mid = (lo + hi) / 2
        if band_coverage(actual, mean, float(np.exp(mid)), level) < level:
            lo = mid
        else:
            hi = mid
    return float(np.exp(hi))


def quantile_forecasts(mean: np.ndarray, dispersion: float) -> dict[float, np.ndarray]:
    """P10, P50, P80, P90 arrays shaped like `mean`."""
    return {q: nb_quantile(mean, dispersion, q) for q in QUANTILES}
