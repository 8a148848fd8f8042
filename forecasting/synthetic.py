"""Seeded synthetic interval series with a known weekly and intraday pattern (tests, demos)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import INTERVAL_START, QUEUE, VOLUME

# Monday busiest, Friday lighter, weekend closed: a typical business-hours service desk.
WEEKDAY_FACTORS = (1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0)


def intraday_shape(slots_per_day: int, open_from: int, open_until: int) -> np.ndarray:
    """A two-hump day (late morning and early afternoon peaks), 0 outside open hours, mean 1."""
    hours = np.arange(slots_per_day) * 24 / slots_per_day
    shape = np.exp(-((hours - 10.5) ** 2) / 3) + 0.8 * np.exp(-((hours - 14.5) ** 2) / 4) + 0.2
    shape = np.where((hours >= open_from) & (hours < open_until), shape, 0.0)
    return shape / shape[shape > 0].mean()


def synthetic_means(
    days: int,
    start: str = "2024-01-01",
    interval_minutes: int = 30,
    level: float = 20.0,
    weekly_growth: float = 0.0,
    open_from: int = 8,
    open_until: int = 18,
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Interval starts and the true mean volume (days, slots) of the pattern."""
    slots = 1440 // interval_minutes
    first = pd.Timestamp(start)
    dates = first + pd.to_timedelta(np.arange(days), unit="D")
    weekday = np.asarray(WEEKDAY_FACTORS)[dates.day_of_week]
    trend = (1 + weekly_growth) ** (np.arange(days) / 7)
    means = (
        level * (weekday * trend)[:, None] * intraday_shape(slots, open_from, open_until)[None, :]
    )
    offsets = pd.to_timedelta(np.arange(slots) * interval_minutes, unit="m")
    times = pd.DatetimeIndex((dates.values[:, None] + offsets.values[None, :]).ravel())
    return times, means


def synthetic_intervals(
    days: int,
    seed: int = 0,
    queue: str = "desk",
    include_closed: bool = False,
    **pattern: float | int | str,
) -> pd.DataFrame:
    """Poisson counts around `synthetic_means`; closed slots are left out like real exports
    (or kept as zeros with `include_closed`)."""
    times, means = synthetic_means(days, **pattern)  # type: ignore[arg-type]
    counts = np.random.default_rng(seed).poisson(means).astype(float).ravel()
    frame = pd.DataFrame({INTERVAL_START: times, QUEUE: queue, VOLUME: counts})
    return frame if include_closed else frame[means.ravel() > 0].reset_index(drop=True)
