"""Recent-weeks profile models: weighted weekday x slot averages, optionally re-levelled."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel, recent_weekday_days, tile_weekdays, weighted_nanmean
from forecasting.history import QueueHistory


class WeightedProfile(ForecastModel):
    """Same weekday and slot averaged over `weeks` observed weeks, week k back weighted decay**k,
    so recent weeks count more and a level shift is followed within a few weeks."""

    def __init__(self, weeks: int = 8, decay: float = 0.7) -> None:
        self.weeks = weeks
        self.decay = decay
        self.name = "weighted_profile"

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, self.weeks)
        self.by_weekday_ = np.nan_to_num(
            weighted_nanmean(recent, self.decay ** np.arange(self.weeks))
        )

    def predict_days(self, n_days: int) -> np.ndarray:
        return tile_weekdays(self.history_, self.by_weekday_, n_days)


class RelevelledProfile(ForecastModel):
    """A smooth `weeks`-week weekday x slot profile scaled by the level of the last `level_days`.

    The profile carries the weekly and intraday shape with little noise; the ratio of what the
    last days brought to what the profile expected for them carries the current level.
    """

    def __init__(self, weeks: int = 8, decay: float = 0.85, level_days: int = 14) -> None:
        self.weeks = weeks
        self.decay = decay
        self.level_days = level_days
        self.name = "relevelled_profile"

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, self.weeks)
        profile = np.nan_to_num(weighted_nanmean(recent, self.decay ** np.arange(self.weeks)))
        start = max(history.n_days - self.level_days, 0)
        actual = history.values[start:]
        expected = profile[history.weekdays(start)]
        seen = ~np.isnan(actual)
        expected_total = expected[seen].sum()
        ratio = actual[seen].sum() / expected_total if expected_total > 0 else 1.0
        self.level_ = float(np.clip(ratio, 0.2, 5.0))
        self.by_weekday_ = profile * self.level_

    def predict_days(self, n_days: int) -> np.ndarray:
        return tile_weekdays(self.history_, self.by_weekday_, n_days)


class SmoothedProfile(ForecastModel):
    """Weighted recent-weeks profile smoothed across neighbouring slots ([1, 2, 1] / 4).

    Averaging a slot with its neighbours cuts the Poisson noise a few weeks of data leave in a
    per-slot mean; each day's total and the closed slots are kept as they were.
    """

    name = "smoothed_profile"

    # Week k back weighs decay**k: 0.7 follows a level sooner than 0.8, and the slot smoothing
    # takes out part of the noise the faster weights let in. With it (and relevelled_last_week
    # over 12 weeks) auto's interval WAPE at 8 origins went 0.1884 -> 0.1880 on the bank, 0.5103
    # -> 0.5062 on Gestion, 0.0907 -> 0.0904 on Téléphonie, 0.1453 -> 0.1455 on Tech. Axa
    # (bench/forecast_accuracy.py; lower at 12, 16 and 24 origins too, Tech. Axa within 0.0002).
    def __init__(self, weeks: int = 8, decay: float = 0.7) -> None:
        self.weeks = weeks
        self.decay = decay

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, self.weeks)
        profile = np.nan_to_num(weighted_nanmean(recent, self.decay ** np.arange(self.weeks)))
        self.by_weekday_ = smooth_slots(profile, history.open_mask)

    def predict_days(self, n_days: int) -> np.ndarray:
        return tile_weekdays(self.history_, self.by_weekday_, n_days)


def smooth_slots(profile: np.ndarray, open_mask: np.ndarray) -> np.ndarray:
    """One [1, 2, 1] / 4 pass along each weekday's slots, re-zeroed at closed slots and rescaled
    so every weekday keeps its total."""
    padded = np.pad(profile, ((0, 0), (1, 1)), mode="edge")
    smooth = (padded[:, :-2] + 2 * padded[:, 1:-1] + padded[:, 2:]) / 4 * open_mask
    before = (profile * open_mask).sum(axis=1, keepdims=True)
    after = smooth.sum(axis=1, keepdims=True)
    return np.where(after > 0, smooth * before / np.where(after > 0, after, 1), profile)
