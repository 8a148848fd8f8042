"""Recent level x weekday factors: each day's total is the queue's level over its last open days
times how its weekday compares with the others over half a year, split by the intraday shares."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel, fill_missing, tile_weekdays
from forecasting.history import QueueHistory
from forecasting.top_down import intraday_shares

FACTOR_WEEKS = 26
# Weeks the level is read over. As an extra candidate for auto on the benchmark's four series
# (bench/forecast_accuracy.py, 8 / 12 / 16 origins), 3 weeks left the bank, Tech. Axa and
# Téléphonie as they were and took Gestion's auto WAPE from 0.525 / 0.541 / 0.458 to 0.523 /
# 0.524 / 0.447; 2 weeks had auto pick it once on the bank and lose (0.189 -> 0.191), 1 week
# never helped Gestion; factors over 13 or 52 weeks helped less or cost Tech. Axa.
LEVEL_WEEKS = 3


def weekday_factors(totals: np.ndarray, weekdays: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """(7,) each weekday's mean daily total over the observed days, divided by the mean of the
    weekdays' means: 1 for an average weekday, 0 for one never observed (as the profiles read
    it). The mean of means keeps a weekday that missed more weeks from weighing less."""
    counts = np.bincount(weekdays[observed], minlength=7)
    sums = np.bincount(weekdays[observed], weights=totals[observed], minlength=7)
    seen = counts > 0
    means = np.where(seen, sums / np.maximum(counts, 1), 0.0)
    overall = means[seen].mean() if seen.any() else 0.0
    return means / overall if overall > 0 else seen.astype(float)


class WeekdayFactorTopDown(ForecastModel):
    """Daily total = recent level x weekday factor, split by the top-down intraday shares.

    The factors, weekday mean over the mean of weekday means, come from the last `factor_weeks`
    weeks: enough days that a weekday's factor is no week's noise. The level is the contacts of
    the observed days of the last `level_weeks` weeks over the factors those days carry, so it
    follows a move within weeks and a missing day does not pull it down. Special, excluded
    and missing days are not observed in the training history and count in neither.
    """

    name = "weekday_factor"

    def __init__(self, factor_weeks: int = FACTOR_WEEKS, level_weeks: int = LEVEL_WEEKS) -> None:
        self.factor_weeks = factor_weeks
        self.level_weeks = level_weeks

    def _fit(self, history: QueueHistory) -> None:
        start = max(history.n_days - 7 * self.factor_weeks, 0)
        # A day with a few slots missing (an outlier cleaned out) counts with them filled from
        # the nearby weeks, so its total is not read low.
        values = fill_missing(history.values[start:]) * history.open_rows(
            start, history.n_days - start
        )
        totals = values.sum(axis=1)
        observed = history.observed_days()[start:]
        weekdays = history.weekdays(start)
        self.factors_ = weekday_factors(totals, weekdays, observed)
        days = np.arange(totals.size)
        recent = np.flatnonzero(observed & (days >= totals.size - 7 * self.level_weeks))
        if recent.size == 0:  # the last weeks unrecorded: the latest observed days instead
            open_weekdays = max(int(history.open_mask.any(axis=1).sum()), 1)
            recent = np.flatnonzero(observed)[-self.level_weeks * open_weekdays :]
        expected = self.factors_[weekdays[recent]].sum()
        self.level_ = float(totals[recent].sum() / expected) if expected > 0 else 0.0
        self.shares_ = intraday_shares(history)

    def predict_days(self, n_days: int) -> np.ndarray:
        totals = self.level_ * self.factors_[self.history_.weekdays(self.history_.n_days, n_days)]
        return totals[:, None] * tile_weekdays(self.history_, self.shares_, n_days)
