"""Day-of-month effects (paydays, billing cycles), kept only when they predict held-out months."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.calendar import usual_daily_totals
from forecasting.history import QueueHistory

WINDOW_DAYS = 365  # effects are learned from the last year
MIN_DAYS = 90  # and only once a quarter of normal days is there
MIN_MONTHS = 4
NEIGHBOUR_WEEKS = 4
# Prior strength (in days) pulling each day-of-month effect to zero; the held-out months pick one.
SHRINK_GRID = (2.0, 4.0, 8.0, 16.0)
# Whether to pool each day with its neighbouring days: steadier for effects spread over a few
# days, but it flattens a sharp 1st-3rd peak and spills it onto the 31st and 4th. The held-out
# months pick this too.
SMOOTHINGS = (False, True)
# An effect must cut the held-out months' error by this share: a hair's gain is noise.
MIN_IMPROVEMENT = 0.02
MAX_LOG_RESIDUAL = 1.0  # a day 2.7x above or below its neighbours counts as that much, no more
# A day of month's highest month counts at most this many robust standard deviations of a day's
# residual above its second highest, once the day is seen in this many months: one past spike (a
# storm on 3 June) does not raise every 3rd of the month. A lone low month is left as it came:
# pulling it in too cost the bank's 1999 forecasts accuracy (interval WAPE 0.189 -> 0.190).
LONE_SPIKE_SIGMAS = 3.0
MIN_MONTHS_FOR_SPIKES = 3
# A month-start effect (bills, statements, salaries) is usually tied to working days: the first
# working day, Monday 3 June when 1 June is a Saturday. Days are also indexed by their rank
# among the month's working days, days off sharing this last index, and the held-out months
# pick that indexing where it predicts better than the calendar date.
OFF_DAY_RANK = 30


def month_day_index(first_day: pd.Timestamp, start: int, count: int) -> np.ndarray:
    """Day of month minus one (0..30) of day rows `start .. start + count`."""
    days = pd.date_range(first_day + pd.Timedelta(days=start), periods=count)
    return days.day.to_numpy() - 1


def working_day_ranks(first_day: pd.Timestamp, working: np.ndarray) -> np.ndarray:
    """Per day row: its rank among its month's working days (0 = the month's first working
    day), OFF_DAY_RANK on a day off. `working` (days,) bool; the days of row 0's month before
    it count as working where the same weekday is in the first week."""
    days = pd.date_range(first_day, periods=working.size)
    lead = pd.date_range(first_day - pd.Timedelta(days=first_day.day - 1), first_day)[:-1]
    by_weekday = np.zeros(7, dtype=bool)
    first_week = slice(0, min(7, working.size))
    by_weekday[days[first_week].day_of_week] = working[first_week]
    flags = np.concatenate([by_weekday[lead.day_of_week], working]).astype(int)
    months = np.concatenate([lead.month.to_numpy(), days.month.to_numpy()])
    before = np.cumsum(flags) - flags  # working days before each day
    new_month = np.r_[True, months[1:] != months[:-1]]
    month_start = np.maximum.accumulate(np.where(new_month, np.arange(flags.size), 0))
    ranks = np.minimum(before - before[month_start], OFF_DAY_RANK - 1)
    return np.where(flags == 1, ranks, OFF_DAY_RANK)[lead.size :]


def log_residuals(history: QueueHistory) -> np.ndarray:
    """log(day total / median of the same weekday up to 4 weeks either side); NaN when unknown.

    The centred neighbours carry the weekday and the local level, so what is left is the day's
    own deviation: what a day-of-month effect would explain.
    """
    observed = history.observed_days()
    totals = np.where(observed, np.nansum(history.values, axis=1), np.nan)
    usual = usual_daily_totals(history, observed, NEIGHBOUR_WEEKS)
    with np.errstate(divide="ignore", invalid="ignore"):
        residuals = np.log(totals / usual)
    return np.where(np.isfinite(residuals), residuals, np.nan)


def shrunk_effects(
    month_days: np.ndarray, residuals: np.ndarray, shrink: float, smooth: bool = True
) -> np.ndarray:
    """Mean log residual per day of month, optionally smoothed [1, 2, 1] / 4 with its neighbouring
    days (circularly), and shrunk to zero as sum / (count + shrink): (31,)."""
    sums = np.bincount(month_days, weights=residuals, minlength=31)
    counts = np.bincount(month_days, minlength=31).astype(float)
    return _effects(sums, counts, shrink, smooth)


def _effects(sums: np.ndarray, counts: np.ndarray, shrink: float, smooth: bool) -> np.ndarray:
    """`shrunk_effects` from per-day sums and counts; works on the last axis."""
    if smooth:
        sums = (np.roll(sums, 1, -1) + 2 * sums + np.roll(sums, -1, -1)) / 4
        counts = (np.roll(counts, 1, -1) + 2 * counts + np.roll(counts, -1, -1)) / 4
    return sums / (counts + shrink)


def month_day_factors(history: QueueHistory, working: np.ndarray | None = None) -> np.ndarray:
    """`month_day_effect`'s multipliers alone."""
    return month_day_effect(history, working)[0]


def month_day_effect(
    history: QueueHistory, working: np.ndarray | None = None
) -> tuple[np.ndarray, bool]:
    """Multiplier on each day of month's total (index 0 = the 1st), all ones when no effect
    predicts better than none, and whether it is indexed by working day (`working_day_ranks`
    of `working`, (days,) bool from row 0, the horizon's days allowed) instead of by date.

    Leave-one-month-out: the effects learned from the other months must lower the absolute error
    of each held-out month's residuals (by 2% at least); the indexing, shrinkage and smoothing
    that do so best are kept. A queue whose days of month behave alike (most do) gets no
    adjustment at all. Effects are learned from residuals with lone spikes pulled in
    (`_pull_in_lone_spikes`).
    """
    none = np.ones(31), False
    residuals = log_residuals(history)
    rows = np.arange(history.n_days)
    usable = ~np.isnan(residuals) & (rows >= history.n_days - WINDOW_DAYS)
    if usable.sum() < MIN_DAYS:
        return none
    days = pd.date_range(history.first_day, periods=history.n_days)[usable]
    months = (days.year * 12 + days.month).to_numpy()
    values = np.clip(residuals[usable], -MAX_LOG_RESIDUAL, MAX_LOG_RESIDUAL)
    unique_months = np.unique(months)
    if unique_months.size < MIN_MONTHS:
        return none
    month_rows = np.searchsorted(unique_months, months)
    indexings = [(False, days.day.to_numpy() - 1)]
    if working is not None:
        ranks = working_day_ranks(history.first_day, working[: history.n_days])[usable]
        # A desk working every day has its dates (the 31st ranked with the 30th).
        if (ranks != np.minimum(indexings[0][1], OFF_DAY_RANK - 1)).any():
            indexings.append((True, ranks))
    # Judged on the held-out months as they came, spikes included.
    best_error, best = (1 - MIN_IMPROVEMENT) * np.abs(values).sum(), None
    size = unique_months.size * 31
    for by_working, index in indexings:
        learned = _pull_in_lone_spikes(values, month_rows, index, unique_months.size, by_working)
        # Per month sums and counts by day: each held-out fit is the totals less that month's.
        cells = month_rows * 31 + index
        sums = np.bincount(cells, weights=learned, minlength=size).reshape(-1, 31)
        counts = np.bincount(cells, minlength=size).reshape(-1, 31).astype(float)
        out_sums, out_counts = sums.sum(axis=0) - sums, counts.sum(axis=0) - counts
        # Ranks have no neighbour across the month's end: the last ones border the days off.
        for smooth in (False,) if by_working else SMOOTHINGS:
            for shrink in SHRINK_GRID:
                effects = _effects(out_sums, out_counts, shrink, smooth)
                error = np.abs(values - effects[month_rows, index]).sum()
                if error < best_error:
                    best_error, best = error, (by_working, index, learned, shrink, smooth)
    if best is None:
        return none
    by_working, index, learned, shrink, smooth = best
    effects = shrunk_effects(index, learned, shrink, smooth)
    return np.exp(effects - effects.mean()), by_working


def _pull_in_lone_spikes(
    values: np.ndarray,
    month_rows: np.ndarray,
    month_days: np.ndarray,
    n_months: int,
    by_working: bool = False,
) -> np.ndarray:
    """`values` with each day of month's highest month held to LONE_SPIKE_SIGMAS robust
    standard deviations (1.4826 x the median absolute deviation of all days) above its second
    highest, where the day is seen in MIN_MONTHS_FOR_SPIKES months or more. By working day,
    the days off (several a month under one index) are left as they came."""
    grid = np.full((n_months, 31), np.nan)
    grid[month_rows, month_days] = values
    count = (~np.isnan(grid)).sum(axis=0)
    second_high = np.sort(grid, axis=0)[np.clip(count - 2, 0, None), np.arange(31)]  # NaN last
    margin = LONE_SPIKE_SIGMAS * 1.4826 * np.median(np.abs(values - np.median(values)))
    high = np.where(count >= MIN_MONTHS_FOR_SPIKES, second_high + margin, np.inf)
    if by_working:
        high[OFF_DAY_RANK] = np.inf
    return np.minimum(values, high[month_days])
