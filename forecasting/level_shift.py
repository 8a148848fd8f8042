"""Level shifts: a lasting step in daily volume (a new client, a lost service), found and undone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.history import QueueHistory

WINDOW_DAYS = 16 * 7  # a shift is looked for in the last 16 weeks
MIN_DAYS_AFTER = 10  # observed days at the new level (two working weeks), and at the old one
MIN_DAYS_BEFORE = 14  # calendar days of the window before the step
MIN_RATIO = 1.5  # smaller steps are left to the re-levelling models
MIN_T = 6.0  # pooled two-sample t on log daily totals: far beyond day-to-day noise
# A step must fit the window clearly better than a straight line, or it is a ramp (trend),
# which the trend models should keep following.
MAX_STEP_TO_TREND_SSE = 0.8


@dataclass(frozen=True)
class LevelShift:
    """Volume changed by `ratio` from day row `row` on."""

    row: int
    ratio: float


def find_level_shift(history: QueueHistory, usable: np.ndarray) -> LevelShift | None:
    """The largest step in the last 16 weeks of weekday-adjusted log daily totals, when it is
    big (x1.5 or /1.5), sure (t >= 6), a step rather than a ramp, and still there; else None.

    `usable`: (days,) bool, the ordinary observed days to judge by (no holidays, no
    user-excluded days).
    """
    totals = np.nansum(history.values, axis=1)
    start = max(0, history.n_days - WINDOW_DAYS)
    rows = np.arange(start, history.n_days)
    rows = rows[usable[start:] & (totals[start:] > 0)]
    if rows.size < MIN_DAYS_BEFORE + MIN_DAYS_AFTER:
        return None
    logs = np.log(totals[rows])
    weekdays = history.weekdays()[rows]
    usual = np.zeros(7)
    for weekday in np.unique(weekdays):
        usual[weekday] = np.median(logs[weekdays == weekday])
    residuals = logs - usual[weekdays]
    n = residuals.size
    # Every split k (first k days before, the rest after) at once, from running sums.
    k = np.arange(1, n)
    sums, squares = np.cumsum(residuals)[:-1], np.cumsum(residuals**2)[:-1]
    total, total_squares = residuals.sum(), (residuals**2).sum()
    mean_before, mean_after = sums / k, (total - sums) / (n - k)
    sse = (squares - sums * mean_before) + (total_squares - squares - (total - sums) * mean_after)
    spread = np.sqrt(np.maximum(sse, 0) / max(n - 2, 1)) * np.sqrt(1 / k + 1 / (n - k))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(spread > 0, (mean_after - mean_before) / spread, 0.0)
    allowed = (
        (rows[k] - start >= MIN_DAYS_BEFORE) & (k >= MIN_DAYS_AFTER) & (n - k >= MIN_DAYS_AFTER)
    )
    if not allowed.any():
        return None
    best = int(np.argmax(np.where(allowed, np.abs(t), -1.0)))
    step = mean_after[best] - mean_before[best]
    line = np.polyval(np.polyfit(rows.astype(float), residuals, 1), rows)
    trend_sse = ((residuals - line) ** 2).sum()
    if (
        abs(step) >= np.log(MIN_RATIO)
        and abs(t[best]) >= MIN_T
        and sse[best] <= MAX_STEP_TO_TREND_SSE * trend_sse
        and _new_level_holds(residuals[k[best] :] - mean_before[best], step)
    ):
        return LevelShift(int(rows[k[best]]), float(np.exp(step)))
    return None


def _new_level_holds(after: np.ndarray, step: float) -> bool:
    """Both halves of the days since the step sit at least x1.5 away from the old level, on the
    step's side: a surge week that has ended, or a new level seen on only some of the days,
    is not a shift."""
    halves = np.array_split(after, 2)
    return all(np.sign(step) * half.mean() >= np.log(MIN_RATIO) for half in halves)


def rescale_before(values: np.ndarray, shift: LevelShift | None) -> np.ndarray:
    """Days before the shift scaled to the new level, so every model keeps the weekly and
    intraday pattern of the whole history at the level of the recent days."""
    if shift is None:
        return values
    scaled = values.copy()
    scaled[: shift.row] *= shift.ratio
    return scaled
