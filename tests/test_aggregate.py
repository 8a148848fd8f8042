"""Grid layout, per-slot sums and means, and coarsening of interval grids."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import schema
from data.aggregate import (
    IntervalGrid,
    coarsen,
    grid_frame,
    learn_grid_open_hours,
    mean_at,
    plan_grid,
    sum_at,
)

DAY = 86_400


def test_each_queue_gets_its_own_days_and_rows_land_in_their_slot():
    seconds = np.array([DAY * 10 + 3600, DAY * 12 + 60, DAY * 11 + 7 * 3600 + 59])
    codes = np.array([0, 0, 1])
    layout = plan_grid(seconds, codes, 2, 60)
    assert layout.first_day.tolist() == [10, 11]
    assert layout.n_days.tolist() == [3, 1]
    assert layout.offset.tolist() == [0, 72] and layout.size == 96
    assert layout.index_of(seconds, codes).tolist() == [1, 48, 72 + 7]
    assert layout.weekdays_of(0).tolist() == [6, 0, 1]  # 1970-01-11 was a Sunday


def test_sums_and_means_ignore_unknown_values():
    index = np.array([0, 0, 1, 2])
    assert sum_at(index, 3).tolist() == [2, 1, 1]
    assert sum_at(index, 3, np.array([1.0, np.nan, 2.0, 3.0])).tolist() == [1, 2, 3]
    means = mean_at(index, 3, np.array([10.0, 20.0, np.nan, 5.0]), np.array([1, 1, 1, 0], bool))
    assert means[0] == 15 and np.isnan(means[1:]).all()


def grid(volume, is_open, is_missing, aht=None) -> IntervalGrid:
    layout = plan_grid(np.array([0]), np.array([0]), 1, 720)  # two 12-hour slots, one day
    slots = np.zeros((1, 7, 2), dtype=bool)
    slots[:, :, 0] = True
    return IntervalGrid(layout, ["q"], np.array(volume, float), np.array(is_open),
                        np.array(is_missing), slots, None if aht is None else np.array(aht))  # fmt: skip


def test_coarsening_sums_and_weights_handle_time_by_volume():
    daily = coarsen(grid([4.0, 0.0], [True, False], [False, False], [100.0, np.nan]), 2)
    assert daily.layout.interval_minutes == 1440 and daily.layout.slots_per_day == 1
    assert daily.volume.tolist() == [4] and daily.aht.tolist() == [100]
    assert daily.is_open.tolist() == [True] and daily.open_slots.shape == (1, 7, 1)
    weighted = coarsen(grid([1.0, 3.0], [True, True], [False, False], [100.0, 200.0]), 2)
    assert weighted.aht.tolist() == [175]  # (1*100 + 3*200) / 4


def test_a_coarse_slot_with_a_missing_part_is_missing_not_a_partial_sum():
    daily = coarsen(grid([4.0, np.nan], [True, True], [False, True]), 2)
    assert np.isnan(daily.volume[0]) and daily.is_missing.tolist() == [True]


def test_grid_frame_follows_the_schema():
    seconds = np.array([0, DAY])
    layout = plan_grid(seconds, np.array([0, 1]), 2, 720)
    frame = grid_frame(layout, ["b", "é"], np.array([1.0, 2, 3, 4]),
                       np.ones(4, bool), np.zeros(4, bool))  # fmt: skip
    assert list(frame.columns) == schema.INTERVAL_COLUMNS
    assert frame[schema.QUEUE].tolist() == ["b", "b", "é", "é"]
    assert frame[schema.INTERVAL_START].tolist() == list(
        pd.to_datetime(
            ["1970-01-01 00:00", "1970-01-01 12:00", "1970-01-02 00:00", "1970-01-02 12:00"]
        )
    )
    assert frame[schema.ANSWERED].isna().all()


def test_a_lunch_hour_without_rows_is_closed_not_missing_even_when_coarsened():
    step = 15
    slots = 1440 // step
    days = 12 * 7  # twelve weeks from Monday 2024-03-04
    first = int(np.datetime64("2024-03-04", "D").astype(np.int64))
    hour = np.arange(slots) * step / 60
    open_day = (hour >= 8) & (hour < 18) & ((hour < 13) | (hour >= 14))
    weekdays = np.arange(days) % 7
    rows = (weekdays < 5)[:, None] & open_day  # no row at night, at weekends or at lunch
    seconds = (first + np.arange(days))[:, None] * DAY + np.arange(slots) * step * 60
    counts = np.random.default_rng(5).poisson(6.0, size=rows.shape)
    layout = plan_grid(seconds[rows], np.zeros(int(rows.sum()), int), 1, step)
    volume = sum_at(layout.index_of(seconds[rows], np.zeros(int(rows.sum()), int)), layout.size,
                    counts[rows].astype(float))  # fmt: skip
    observed = rows.ravel()[: layout.size]
    is_open, tables = learn_grid_open_hours(layout, volume, observed)
    lunch = (hour >= 13) & (hour < 14)
    assert not tables[0][:, lunch].any() and tables[0][:5, ~lunch].sum() == 5 * 36
    is_missing = is_open & ~observed
    assert not is_missing.any()  # nothing for the "open intervals without data" note to count
    grid = IntervalGrid(layout, ["q"], np.where(observed, volume, 0.0), is_open, is_missing, tables)
    hourly = coarsen(grid, 4)
    assert not hourly.open_slots[0, :5, 13].any() and not hourly.is_missing.any()
