"""The two baselines every forecast is judged against: weekly seasonal naive and N-week average."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel, recent_weekday_days, tile_weekdays, weighted_nanmean
from forecasting.history import QueueHistory


class SeasonalNaive(ForecastModel):
    """Each day repeats the last observed day of the same weekday (a missing week looks further
    back; a missing slot falls back to the 4-week average of that slot)."""

    name = "seasonal_naive"
    adjusted_history = False

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, 4)
        last = recent[:, 0]
        self.by_weekday_ = np.where(np.isnan(last), np.nanmean(_or_zero(recent), axis=1), last)

    def predict_days(self, n_days: int) -> np.ndarray:
        return np.nan_to_num(tile_weekdays(self.history_, self.by_weekday_, n_days))


class HistoricalAverage(ForecastModel):
    """Mean of the same weekday and slot over the last `weeks` observed weeks.

    `trim` drops the highest and lowest week per slot (needs >= 4 weeks); `decay` < 1 weights
    week k back by decay**k instead of equally.
    """

    adjusted_history = False

    def __init__(self, weeks: int = 4, trim: bool = False, decay: float = 1.0) -> None:
        self.weeks = weeks
        self.trim = trim
        self.decay = decay
        suffix = "_trimmed" if trim else ("_weighted" if decay < 1 else "")
        self.name = f"historical_average_{weeks}w{suffix}"

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, self.weeks)
        if self.trim and self.weeks >= 4:
            ordered = np.sort(recent, axis=1)  # NaN sort last
            counts = (~np.isnan(recent)).sum(axis=1, keepdims=True)
            rank = np.arange(self.weeks)[None, :, None]
            inner = (rank > 0) & (rank < counts - 1)
            trimmed = np.where(inner | (counts < 4), ordered, np.nan)
            mean = np.nanmean(_or_zero(trimmed), axis=1)
        else:
            mean = weighted_nanmean(recent, self.decay ** np.arange(self.weeks))
        self.by_weekday_ = np.nan_to_num(mean)

    def predict_days(self, n_days: int) -> np.ndarray:
        return tile_weekdays(self.history_, self.by_weekday_, n_days)


def _or_zero(stack: np.ndarray) -> np.ndarray:
    """Give all-NaN columns a single 0 so nanmean stays quiet and returns 0 there."""
    empty = np.isnan(stack).all(axis=1, keepdims=True)
    out = stack.copy()
    out[:, :1] = np.where(empty, 0.0, out[:, :1])
    return out
