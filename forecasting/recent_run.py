"""The history's last week(s) far above or below the weeks before, and a forecast following them.

Outlier cleaning leaves a surge out only once days back at the usual level follow it: at the
very end of the history it cannot tell a one-off week from a new level, so the forecast follows
it (part way or all the way) and the manager is told, to exclude the days if they were a one-off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.history import QueueHistory

BEFORE_WEEKS = 4  # the last days are set against the same weekdays of the 4 weeks before them
MAX_RUN_WEEKS = 2  # a longer run is a level shift's to find (level_shift.MIN_DAYS_AFTER)
# The last days' contacts at least this many times (or at most its inverse) the weeks before:
# a week-to-week swing of 20-30% is ordinary on a busy queue.
MIN_RUN_RATIO = 1.5
# ... and beyond Poisson noise on a sparse queue: this many standard deviations of the
# expected count.
MIN_RUN_SIGMAS = 4.0
# The forecast follows the run when it is at least this far from the weeks before, the run's
# way; a run the cleaning left out (or the models shrug off) stays near x1 and needs no note.
MIN_FOLLOW_RATIO = 1.2
MIN_DAYS = 2  # observed days needed in the run, and in the weeks before per weekday


@dataclass(frozen=True)
class RecentRun:
    """The history's last `days` observed days (rows `first`..`last`) ran `ratio` times the
    same weekdays of the `BEFORE_WEEKS` weeks before; the forecast's first week is at
    `forecast_ratio` of those weeks."""

    first: int
    last: int
    days: int
    ratio: float
    forecast_ratio: float


def _weekday_means(training: QueueHistory, rows: np.ndarray) -> np.ndarray:
    """(7,) mean daily total per weekday over the observed `rows`; NaN where fewer than
    `MIN_DAYS` days."""
    totals = np.nansum(training.values, axis=1)
    weekdays = training.weekdays()
    means = np.full(7, np.nan)
    for weekday in range(7):
        days = rows[weekdays[rows] == weekday]
        if days.size >= MIN_DAYS:
            means[weekday] = totals[days].mean()
    return means


def _run_ratio(training: QueueHistory, weeks: int) -> tuple[float, float, np.ndarray, np.ndarray]:
    """(ratio, expected total, the run's observed rows, the weeks before's weekday means) of the
    last `weeks` weeks against the `BEFORE_WEEKS` before them; ratio NaN when unjudgeable."""
    observed = np.flatnonzero(training.observed_days())
    cut = training.n_days - 7 * weeks
    run = observed[observed >= cut]
    before = observed[(observed < cut) & (observed >= cut - 7 * BEFORE_WEEKS)]
    means = _weekday_means(training, before)
    run = run[np.nan_to_num(means[training.weekdays()[run]]) > 0]
    if run.size < MIN_DAYS:
        return np.nan, 0.0, run, means
    expected = float(means[training.weekdays()[run]].sum())
    return float(np.nansum(training.values[run])) / expected, expected, run, means


def _trimmed(
    training: QueueHistory, run: np.ndarray, means: np.ndarray, up: bool
) -> tuple[np.ndarray, float, float]:
    """The run without its leading days that do not run the run's way (beyond the square root
    of `MIN_RUN_RATIO`): a surge from Wednesday on is three days, not a week at half the rise;
    with its ratio to the weeks before and the total those weeks make expect."""
    totals = np.nansum(training.values[run], axis=1)
    usual = means[training.weekdays()[run]]
    days = totals / usual
    way = days >= np.sqrt(MIN_RUN_RATIO) if up else days <= 1 / np.sqrt(MIN_RUN_RATIO)
    start = int(np.argmax(way)) if way.any() else 0
    expected = float(usual[start:].sum())
    return run[start:], float(totals[start:].sum()) / expected, expected


def _beyond(ratio: float, expected: float) -> bool:
    """`ratio` far from 1, and the contacts it stands for beyond Poisson noise."""
    if not np.isfinite(ratio):
        return False
    far = ratio >= MIN_RUN_RATIO or ratio <= 1 / MIN_RUN_RATIO
    return far and abs(ratio - 1) * expected >= MIN_RUN_SIGMAS * np.sqrt(expected)


def find_recent_run(
    training: QueueHistory, forecast: np.ndarray, ordinary: np.ndarray
) -> RecentRun | None:
    """The last one or two weeks of `training` (the history the models fit, as it came) far
    above or below the weeks before, when the forecast follows them; else None.

    `forecast`: (days, slots) the mean forecast from the history's end; `ordinary`: (days,)
    its days free of holidays, bridges and campaigns, the ones to judge the following by."""
    ratio, expected, run, means = _run_ratio(training, 1)
    if not _beyond(ratio, expected):
        return None
    for weeks in range(2, MAX_RUN_WEEKS + 1):  # the weeks before the last ran so too
        longer = _run_ratio(training, weeks)
        earlier = longer[2][longer[2] < training.n_days - 7]  # the run's days but the last week
        if earlier.size < MIN_DAYS or not _beyond(*longer[:2]):
            break
        usual = float(longer[3][training.weekdays()[earlier]].sum())
        alone = float(np.nansum(training.values[earlier])) / usual
        if (alone > 1) != (ratio > 1) or not _beyond(alone, usual):
            break
        ratio, expected, run, means = longer
    run, ratio, expected = _trimmed(training, run, means, ratio > 1)
    if not _beyond(ratio, expected):
        return None
    days = min(7, forecast.shape[0])
    usual = means[training.weekdays(training.n_days, days)]
    judged = ordinary[:days] & (np.nan_to_num(usual) > 0)
    if not judged.any():
        return None
    forecast_ratio = float(forecast[:days][judged].sum() / usual[judged].sum())
    if ratio > 1:
        follows = forecast_ratio >= MIN_FOLLOW_RATIO
    else:
        follows = forecast_ratio <= 1 / MIN_FOLLOW_RATIO
    if not follows:
        return None
    return RecentRun(int(run[0]), int(run[-1]), int(run.size), ratio, forecast_ratio)


def recent_run_note(history: QueueHistory, run: RecentRun) -> str:
    """'desk: Mon 18 Mar - Fri 22 Mar 2024, 5 open days at the end of the history, brought 3.0x
    the contacts of the same weekdays in the 4 weeks before; the forecast follows them part
    way, at 2.1x ...'."""
    first = history.first_day + pd.Timedelta(days=run.first)
    last = history.first_day + pd.Timedelta(days=run.last)
    # Within a tenth (in log terms) of the run's own ratio, the forecast follows it all the way.
    part = abs(np.log(run.forecast_ratio)) < 0.9 * abs(np.log(run.ratio))
    return (
        f"{history.queue}: {day_text(first, year=first.year != last.year)} – {day_text(last, year=True)}, "
        f"{run.days:,} open days at the "
        f"end of the history, brought {run.ratio:.1f}x the contacts of the same weekdays in the {BEFORE_WEEKS} "
        f"weeks before; the forecast follows them{' part way' if part else ''}, at "
        f"{run.forecast_ratio:.1f}x those weeks in its first week. At the end of the history "
        "a one-off cannot be told from a new level: if they were a one-off (a campaign, an "
        "outage elsewhere, a broken export), exclude them as an unusual past period on the "
        "Forecast page."
    )
