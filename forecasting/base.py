"""The shape every forecasting model shares: fit(history) -> self, predict(horizon) -> DataFrame."""

from __future__ import annotations

import warnings
from abc import ABC, abstractmethod

import numpy as np
import pandas as pd

from data.schema import INTERVAL_START, QUEUE
from forecasting.history import QueueHistory

FORECAST = "forecast"


class ForecastModel(ABC):
    """Fit on a queue's history, then forecast whole days after it (closed slots are zeroed later)."""

    name: str = "model"
    # Fit on the history with level shifts undone and day-of-month effects divided out, and get
    # the effects back on the forecast (pipeline.run_model); the baselines stay the plain
    # averages a spreadsheet makes.
    adjusted_history: bool = True

    def fit(self, history: QueueHistory) -> ForecastModel:
        self.history_ = history
        self._fit(history)
        return self

    @abstractmethod
    def _fit(self, history: QueueHistory) -> None: ...

    @abstractmethod
    def predict_days(self, n_days: int) -> np.ndarray:
        """Mean volume for the `n_days` days after the history, shape (n_days, slots_per_day)."""

    def predict(self, horizon_days: int) -> pd.DataFrame:
        """The forecast as a long table: interval_start, queue, forecast (closed slots 0)."""
        history = self.history_
        values = self.predict_days(horizon_days) * history.open_rows(history.n_days, horizon_days)
        return pd.DataFrame(
            {
                INTERVAL_START: history.slot_times(history.n_days, horizon_days),
                QUEUE: history.queue,
                FORECAST: np.clip(values, 0, None).ravel(),
            }
        )


def recent_weekday_days(history: QueueHistory, n_weeks: int) -> np.ndarray:
    """The last `n_weeks` observed days of each weekday, most recent first: (7, n_weeks, slots).

    Days with too little data are skipped, so a missing week falls back to the week before;
    weekdays with fewer observed days are padded with NaN.
    """
    observed = history.observed_days()
    weekdays = history.weekdays()
    stack = np.full((7, n_weeks, history.slots_per_day), np.nan)
    for weekday in range(7):
        rows = np.flatnonzero(observed & (weekdays == weekday))[::-1][:n_weeks]
        stack[weekday, : rows.size] = history.values[rows]
    return stack


def weighted_nanmean(stack: np.ndarray, weights: np.ndarray, axis: int = 1) -> np.ndarray:
    """Weighted mean along `axis` ignoring NaN; NaN where nothing is observed."""
    shape = [1] * stack.ndim
    shape[axis] = -1
    w = np.broadcast_to(weights.reshape(shape), stack.shape) * ~np.isnan(stack)
    total = w.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.nansum(stack * w, axis=axis) / total, np.nan)


def tile_weekdays(history: QueueHistory, by_weekday: np.ndarray, n_days: int) -> np.ndarray:
    """Lay a (7, slots) weekday pattern over the `n_days` days after the history."""
    return by_weekday[history.weekdays(history.n_days, n_days)]


def fill_missing(values: np.ndarray, max_weeks: int = 8) -> np.ndarray:
    """Day x slot values with gaps filled by the same weekday and slot of the nearest weeks.

    Looks 1, 2, ... `max_weeks` weeks back and forward and averages what it finds, so a filled
    gap follows the local level. The middle of a gap longer than that takes the mean of its
    weekday and slot over the whole stretch (0 where that was never seen): zeros there would
    read as a closure, and a smoothing model fitted across it forecasts an explosion.
    """
    filled = values.copy()
    for weeks in range(1, max_weeks + 1):
        gaps = np.isnan(filled)
        if not gaps.any():
            return filled
        shift = 7 * weeks
        before = np.full_like(values, np.nan)
        after = np.full_like(values, np.nan)
        before[shift:] = values[:-shift] if shift < len(values) else before[shift:]
        after[:-shift] = values[shift:] if shift < len(values) else after[:-shift]
        count = (~np.isnan(before)).astype(int) + ~np.isnan(after)
        total = np.nan_to_num(before) + np.nan_to_num(after)
        neighbours = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        filled[gaps] = neighbours[gaps]
    gaps = np.isnan(filled)
    if gaps.any():
        cycle = np.arange(len(values)) % 7
        for weekday in np.unique(cycle[gaps.any(axis=1)]):
            rows = cycle == weekday
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a slot never seen: mean of []
                usual = np.nanmean(values[rows], axis=0)
            filled[rows] = np.where(np.isnan(filled[rows]), usual, filled[rows])
    return np.nan_to_num(filled)
