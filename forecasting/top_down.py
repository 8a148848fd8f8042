"""Top-down forecasts: model the daily totals, then split each day by a weekday intraday profile."""

from __future__ import annotations

import warnings

import numpy as np

from forecasting.base import (
    ForecastModel,
    fill_missing,
    recent_weekday_days,
    tile_weekdays,
    weighted_nanmean,
)
from forecasting.history import QueueHistory

DAYS_PER_YEAR = 365
# The least weight a new day gets in the smoothed level. Left free, the fit on noisy daily totals
# often sets it to 0: a level that never moves, fixed by the first weeks of the window, so a
# queue that grew since is forecast at its old level (the bank's Holt-Winters was 11% low).
# 0.05 forgets half of the old level in two weeks; over the bank and 16 AXA queues (30 origins)
# 0 / 0.05 / 0.1 / 0.2 leave auto at 0.867 of the plain 4-week average, the bank at 8 origins
# goes 0.1886 / 0.1881 / 0.1880 / 0.188.
MIN_LEVEL_SMOOTHING = 0.05
# Days of the pooled spread a weekday's own spread is weighed against in `log_mean_shift`: a
# variance read on n days is uncertain by about sqrt(2 / (n - 1)) of itself (47% at 10 days), so a
# weekday with few days keeps mostly the pooled figure, one with a year of days (52) its own.
SPREAD_PRIOR_DAYS = 10
# Contacts a weekday's median day needs for its forecast to be raised from median to mean.
MIN_TYPICAL_DAY_CONTACTS = 10


def intraday_shares(history: QueueHistory, weeks: int = 8, decay: float = 0.85) -> np.ndarray:
    """Share of each weekday's volume falling in each slot, recent weeks weighted more: (7, slots)."""
    recent = recent_weekday_days(history, weeks)
    profile = np.nan_to_num(weighted_nanmean(recent, decay ** np.arange(weeks)))
    totals = profile.sum(axis=1, keepdims=True)
    flat = np.where(history.open_mask, 1.0, 0.0)
    flat = flat / np.maximum(flat.sum(axis=1, keepdims=True), 1)
    return np.where(totals > 0, profile / np.where(totals > 0, totals, 1), flat)


def daily_log_totals(history: QueueHistory, window_days: int) -> np.ndarray:
    """log1p of the daily totals over the last `window_days`, gaps filled from nearby weeks."""
    values = history.values[-window_days:]
    return np.log1p(fill_missing(values).sum(axis=1))


def damped_holt(
    series: np.ndarray,
    n_ahead: int,
    seasonal_periods: int | None,
    trend: bool = True,
    with_residuals: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Additive damped-trend exponential smoothing (Holt-Winters when seasonal) forecast;
    `trend=False` gives simple exponential smoothing of the level. `with_residuals` also returns
    the fit's one-step residuals (series minus its one-step forecast), one per point."""
    if series.size < 2:  # statsmodels fails on one point: a history cut to its one busy day
        flat = np.full(n_ahead, float(series.mean()) if series.size else 0.0)
        return (flat, np.zeros(series.size)) if with_residuals else flat
    # Convergence chatter on short or flat series, and log(0) in statsmodels' AIC when a flat
    # series fits exactly: it fits (and forecasts) again inside forecast(), so both are inside.
    # statsmodels loads on first fit: commands that fit no model start faster. Its import sets
    # "always" filters for its own warnings, so it comes before the "ignore" below, not inside.
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            series,
            trend="add" if trend else None,
            damped_trend=trend,
            seasonal="add" if seasonal_periods else None,
            seasonal_periods=seasonal_periods,
            initialization_method=_initialization(series.size, seasonal_periods),
            bounds={"smoothing_level": (MIN_LEVEL_SMOOTHING, 1.0)},
        ).fit(use_brute=False)
        forecast = np.asarray(model.forecast(n_ahead), dtype=float)
        residuals = np.asarray(model.resid, dtype=float)
    if not np.isfinite(forecast).all():
        forecast = np.full(n_ahead, series[-7:].mean())
    return (forecast, residuals) if with_residuals else forecast


def log_mean_shift(
    log_totals: np.ndarray,
    residuals: np.ndarray,
    weekdays: np.ndarray,
    future_weekdays: np.ndarray,
) -> np.ndarray:
    """What to add to each forecast day's log total so that its exponential is the day's mean,
    not its median: half the variance of the fit's one-step residuals (the bias-adjusted
    back-transform, Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed.,
    section 5.6).

    The variance is read per weekday, `SPREAD_PRIOR_DAYS` of the pooled one mixed in: the season
    is additive in logs, so a small Friday or Saturday scatters far more in logs than the busy
    days that carry the volume, and one pooled figure would raise those days by the small day's
    noise. Days without contacts (a closed Sunday) are left out: the season fits them exactly;
    so are residuals a failed fit left undefined.
    """
    with_contacts = (log_totals > 0) & np.isfinite(residuals)
    if with_contacts.sum() < 2:
        return np.zeros(future_weekdays.size)
    spread = residuals[with_contacts]
    day_weekdays = weekdays[with_contacts]
    counts = np.bincount(day_weekdays, minlength=7)
    means = np.bincount(day_weekdays, weights=spread, minlength=7) / np.maximum(counts, 1)
    squares = np.bincount(day_weekdays, weights=(spread - means[day_weekdays]) ** 2, minlength=7)
    variance = (squares + SPREAD_PRIOR_DAYS * np.var(spread)) / (counts + SPREAD_PRIOR_DAYS)
    # A weekday whose typical day holds a handful of contacts is left at its forecast: counts
    # that small are too discrete for a log-normal reading of their scatter (a queue of a
    # contact a week would be read from its few days with one).
    typical = np.array(
        [
            np.median(log_totals[weekdays == day]) if (weekdays == day).any() else 0.0
            for day in range(7)
        ]
    )
    corrected = (counts > 0) & (np.expm1(typical) >= MIN_TYPICAL_DAY_CONTACTS)
    return np.where(corrected, variance / 2, 0.0)[future_weekdays]


def _initialization(n_points: int, seasonal_periods: int | None) -> str:
    """Heuristic start values (about 5x faster to fit) once there are ten seasons of data."""
    return "heuristic" if n_points >= 10 * (seasonal_periods or 2) else "estimated"


class HoltWintersTopDown(ForecastModel):
    """Holt-Winters (damped additive trend, weekly season) on log daily totals x intraday shares."""

    name = "holt_winters_top_down"

    # The daily totals carry the level; the intraday split, steadier than the level, is read
    # over 12 weeks rather than 8, so less of a slot's Poisson noise is carried into it.
    def __init__(self, window_days: int = 364, shape_weeks: int = 12) -> None:
        self.window_days = window_days
        self.shape_weeks = shape_weeks

    def _fit(self, history: QueueHistory) -> None:
        self.log_totals_ = daily_log_totals(history, self.window_days)
        self.shares_ = intraday_shares(history, self.shape_weeks)

    def predict_days(self, n_days: int) -> np.ndarray:
        periods = 7 if self.log_totals_.size >= 21 else None
        log_totals, residuals = damped_holt(self.log_totals_, n_days, periods, with_residuals=True)
        window = self.log_totals_.size
        log_totals = log_totals + log_mean_shift(
            self.log_totals_,
            residuals,
            self.history_.weekdays(self.history_.n_days - window, window),
            self.history_.weekdays(self.history_.n_days, n_days),
        )
        totals = np.expm1(log_totals)
        return np.clip(totals, 0, None)[:, None] * tile_weekdays(
            self.history_, self.shares_, n_days
        )


class MSTLTopDown(ForecastModel):
    """MSTL on log daily totals (weekly, plus yearly once two years are there), damped Holt on
    the deseasonalised rest, split by intraday shares."""

    name = "mstl_top_down"

    def __init__(self, max_days: int = 2 * DAYS_PER_YEAR + 28) -> None:
        self.max_days = max_days

    def _fit(self, history: QueueHistory) -> None:
        series = daily_log_totals(history, self.max_days)
        # MSTL drops any period longer than half the series: yearly needs just over two years.
        periods = [7] + ([DAYS_PER_YEAR] if series.size > 2 * DAYS_PER_YEAR else [])
        self.shares_ = intraday_shares(history)
        if series.size < 21:
            self.seasonal_, self.adjusted_, self.periods_ = np.zeros((0, 0)), series, []
            return
        from statsmodels.tsa.seasonal import MSTL  # loaded on first fit, as in damped_holt

        result = MSTL(series, periods=periods).fit()
        seasonal = np.asarray(result.seasonal).reshape(series.size, -1)
        self.seasonal_ = seasonal
        self.periods_ = periods
        self.adjusted_ = series - seasonal.sum(axis=1)

    def predict_days(self, n_days: int) -> np.ndarray:
        log_total = damped_holt(self.adjusted_, n_days, None)
        for column, period in enumerate(self.periods_):
            last_cycle = self.seasonal_[-period:, column]
            log_total = log_total + last_cycle[np.arange(n_days) % period]
        totals = np.clip(np.expm1(log_total), 0, None)
        return totals[:, None] * tile_weekdays(self.history_, self.shares_, n_days)
