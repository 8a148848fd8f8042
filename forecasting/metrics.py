"""Forecast accuracy measures; every one ignores positions where the actual is missing (NaN)."""

from __future__ import annotations

import numpy as np


def _pairs(actual: np.ndarray, forecast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    actual = np.asarray(actual, dtype=float)
    forecast = np.asarray(forecast, dtype=float)
    keep = ~np.isnan(actual) & ~np.isnan(forecast)
    return actual[keep], forecast[keep]


def wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Weighted absolute percentage error: sum |a - f| / sum |a| (NaN when no volume)."""
    a, f = _pairs(actual, forecast)
    total = np.abs(a).sum()
    return float(np.abs(a - f).sum() / total) if total > 0 else float("nan")


def bias(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Signed relative error: sum (f - a) / sum a; positive = over-forecast."""
    a, f = _pairs(actual, forecast)
    total = a.sum()
    return float((f - a).sum() / total) if total > 0 else float("nan")


def mase(actual: np.ndarray, forecast: np.ndarray, scale: float) -> float:
    """Mean absolute error over `scale`, the in-sample MAE of the weekly seasonal naive.

    Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", with m = one week.
    """
    a, f = _pairs(actual, forecast)
    if a.size == 0 or not scale > 0:
        return float("nan")
    return float(np.abs(a - f).mean() / scale)


def seasonal_naive_scale(values: np.ndarray, season: int) -> float:
    """In-sample MAE of y[t] - y[t - season] over the flattened history (NaN pairs skipped)."""
    flat = np.asarray(values, dtype=float).ravel()
    if flat.size <= season:
        return float("nan")
    diff = np.abs(flat[season:] - flat[:-season])
    diff = diff[~np.isnan(diff)]
    return float(diff.mean()) if diff.size else float("nan")


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Share of actuals inside [lower, upper]."""
    actual = np.asarray(actual, dtype=float)
    keep = ~np.isnan(actual)
    if not keep.any():
        return float("nan")
    inside = (actual[keep] >= np.asarray(lower)[keep]) & (actual[keep] <= np.asarray(upper)[keep])
    return float(inside.mean())


def pinball(actual: np.ndarray, quantile_forecast: np.ndarray, quantile: float) -> float:
    """Mean pinball (quantile) loss: q * (a - f) if a >= f else (1 - q) * (f - a)."""
    a, f = _pairs(actual, quantile_forecast)
    if a.size == 0:
        return float("nan")
    diff = a - f
    return float(np.mean(np.maximum(quantile * diff, (quantile - 1) * diff)))


def poisson_mean_abs_deviation(mean: np.ndarray) -> np.ndarray:
    """E|X - m| for X ~ Poisson(m): 2 m P(X = floor(m)).

    The closed form of the Poisson mean deviation (Johnson, Kemp & Kotz, "Univariate Discrete
    Distributions", 3rd ed., section 4.3); 0 where m = 0.
    """
    # scipy.stats takes ~0.5 s to load: only where a forecast's intervals need it.
    from scipy import stats

    mean = np.clip(np.asarray(mean, dtype=float), 0, None)
    return 2 * mean * stats.poisson.pmf(np.floor(mean), mean)


def poisson_noise_floor(actual: np.ndarray, forecast: np.ndarray) -> float:
    """The WAPE a forecast would score if it were the true Poisson rate of every interval:
    sum E|Pois(f) - f| / sum actual over the positions with an actual. What is above it is
    error a better mean could still remove; what is below it no forecast can."""
    a, f = _pairs(actual, forecast)
    total = np.abs(a).sum()
    return float(poisson_mean_abs_deviation(f).sum() / total) if total > 0 else float("nan")
