"""One queue's interval history as a day x slot matrix, the shape every model works on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.errors import InputError
from data.schema import INTERVAL_START, IS_MISSING, IS_OPEN, MINUTE_OF_DAY, QUEUE, VOLUME, WEEKDAY

# A day counts as observed when at least this share of its open slots has data.
OBSERVED_DAY_SHARE = 0.5


@dataclass(frozen=True)
class QueueHistory:
    """Volumes of one queue on a regular grid: `values[day, slot]`, NaN = missing or unknown."""

    queue: str
    interval_minutes: int
    first_day: pd.Timestamp  # midnight of row 0
    values: np.ndarray  # float (n_days, slots_per_day)
    open_mask: np.ndarray  # bool (7, slots_per_day), weekday 0 = Monday

    @property
    def slots_per_day(self) -> int:
        return self.values.shape[1]

    @property
    def n_days(self) -> int:
        return self.values.shape[0]

    @property
    def end_day(self) -> pd.Timestamp:
        """Midnight of the first day after the history: where forecasts start."""
        return self.first_day + pd.Timedelta(days=self.n_days)

    def weekdays(self, start: int = 0, count: int | None = None) -> np.ndarray:
        """Weekday (0 = Monday) of day rows `start .. start + count` (may run past the end)."""
        count = self.n_days - start if count is None else count
        return (self.first_day.day_of_week + start + np.arange(count)) % 7

    def open_rows(self, start: int, count: int) -> np.ndarray:
        """Open mask for `count` day rows from `start` (rows past the end are future days)."""
        return self.open_mask[self.weekdays(start, count)]

    def observed_days(self) -> np.ndarray:
        """Bool per day: enough of its open slots have data to use the day as a whole."""
        open_rows = self.open_rows(0, self.n_days)
        n_open = open_rows.sum(axis=1)
        n_seen = (~np.isnan(self.values) & open_rows).sum(axis=1)
        return (n_open > 0) & (n_seen >= OBSERVED_DAY_SHARE * np.maximum(n_open, 1))

    def truncate(self, n_days: int) -> QueueHistory:
        """The history up to (not including) day row `n_days`."""
        return QueueHistory(
            self.queue, self.interval_minutes, self.first_day, self.values[:n_days], self.open_mask
        )

    def with_values(self, values: np.ndarray) -> QueueHistory:
        return QueueHistory(
            self.queue, self.interval_minutes, self.first_day, values, self.open_mask
        )

    def day_index(self, timestamp: pd.Timestamp) -> int:
        return int((timestamp.normalize() - self.first_day) / pd.Timedelta(days=1))

    def to_intervals(self) -> pd.DataFrame:
        """The long table this history holds: interval_start, queue, volume (NaN = missing)."""
        return pd.DataFrame(
            {
                INTERVAL_START: self.slot_times(0, self.n_days),
                QUEUE: self.queue,
                VOLUME: self.values.ravel(),
            }
        )

    def slot_times(self, start: int, count: int) -> pd.DatetimeIndex:
        """Interval starts of `count` day rows from `start`, flattened row by row."""
        day_starts = self.first_day + pd.to_timedelta(start + np.arange(count), unit="D")
        offsets = pd.to_timedelta(np.arange(self.slots_per_day) * self.interval_minutes, unit="m")
        grid = day_starts.values[:, None] + offsets.values[None, :]
        return pd.DatetimeIndex(grid.ravel())


def infer_interval_minutes(times: pd.Series) -> int:
    """The grid step in minutes: the most common gap between consecutive interval starts."""
    distinct = times.dropna().unique()
    if distinct.size == 0:
        raise InputError("The history has no intervals: there is nothing to forecast from.")
    gaps = pd.Series(np.sort(distinct)).diff().dropna()
    if gaps.empty:
        raise InputError("The history has a single interval: need at least two to find the step.")
    minutes = int(round(gaps.mode().iloc[0] / pd.Timedelta(minutes=1)))
    if minutes <= 0 or 1440 % minutes:
        raise InputError(
            f"Interval step of {minutes} minutes does not divide a day: "
            "resample the file to an interval that does (e.g. 5, 10, 15, 30 or 60 minutes)."
        )
    return minutes


def learn_open_mask(values: np.ndarray, first_day: pd.Timestamp) -> np.ndarray:
    """Weekday x slot is open when any contact ever arrived there (zero total volume = closed)."""
    weekdays = (first_day.day_of_week + np.arange(values.shape[0])) % 7
    totals = np.zeros((7, values.shape[1]))
    np.add.at(totals, weekdays, np.nan_to_num(values))
    return totals > 0


def history_from_intervals(
    frame: pd.DataFrame,
    queue: str,
    interval_minutes: int | None = None,
    open_hours: pd.DataFrame | None = None,
) -> QueueHistory:
    """Build a queue's matrix from the long interval table (rows of other queues are ignored)."""
    rows = frame[frame[QUEUE] == queue] if QUEUE in frame.columns else frame
    rows = rows[[c for c in (INTERVAL_START, VOLUME, IS_OPEN, IS_MISSING) if c in rows.columns]]
    if rows.empty:
        raise InputError(f"Queue '{queue}' has no intervals in the history.")
    times = pd.to_datetime(rows[INTERVAL_START])
    step = interval_minutes or infer_interval_minutes(times)
    slots = 1440 // step
    first_day = times.min().normalize()
    n_days = int((times.max().normalize() - first_day) / pd.Timedelta(days=1)) + 1
    offsets = ((times - first_day) / pd.Timedelta(minutes=step)).to_numpy()
    if not np.allclose(offsets, np.round(offsets)):
        raise InputError(
            f"Queue '{queue}': some interval starts are not on the {step}-minute grid "
            f"(first: {times[np.abs(offsets - np.round(offsets)) > 1e-9].iloc[0]})."
        )
    flat = np.full(n_days * slots, np.nan)
    volume = pd.to_numeric(rows[VOLUME], errors="coerce").to_numpy(dtype=float)
    if IS_MISSING in rows.columns:
        volume = np.where(rows[IS_MISSING].to_numpy(dtype=bool), np.nan, volume)
    # Rows repeating an interval start add up, as the import sums them (both passes of the hour
    # a clock going back lives twice, a queue's channels in rows of their own): the last one
    # must not stand for them all. A slot whose rows all lack a volume stays missing.
    known = ~np.isnan(volume)
    slot_of_row = np.round(offsets).astype(int)
    flat[slot_of_row[known]] = 0.0
    np.add.at(flat, slot_of_row[known], volume[known])
    values = flat.reshape(n_days, slots)
    if open_hours is not None and not open_hours.empty:
        mask = _mask_from_open_hours(open_hours, queue, step, slots)
    elif IS_OPEN in rows.columns:
        mask = np.zeros((7, slots), dtype=bool)
        idx = np.round(offsets).astype(int)
        weekday = (first_day.day_of_week + idx // slots) % 7
        open_flag = rows[IS_OPEN].to_numpy(dtype=bool)
        mask[weekday[open_flag], (idx % slots)[open_flag]] = True
    else:
        mask = learn_open_mask(values, first_day)
    return QueueHistory(queue, step, first_day, values, mask)


def _mask_from_open_hours(
    open_hours: pd.DataFrame, queue: str, step: int, slots: int
) -> np.ndarray:
    rows = open_hours[(open_hours[QUEUE] == queue) & open_hours[IS_OPEN].astype(bool)]
    mask = np.zeros((7, slots), dtype=bool)
    slot = rows[MINUTE_OF_DAY].to_numpy(dtype=int) // step
    mask[rows[WEEKDAY].to_numpy(dtype=int), np.clip(slot, 0, slots - 1)] = True
    return mask
