"""Where a queue's data ends: trailing gaps and impossible zero days are not demand."""

import numpy as np
import pandas as pd

from forecasting import ForecastSettings, forecast_dataset
from forecasting.data_end import MIN_GAP_DAYS, cut_day_ends, find_data_end, trim_to_data
from forecasting.history import QueueHistory

MONDAY = pd.Timestamp("2024-01-01")


def weekday_history(weeks: int = 8, level: float = 40.0) -> QueueHistory:
    """Monday-Friday open, 8 slots a day, `level` contacts a slot (weekends closed)."""
    open_mask = np.zeros((7, 8), dtype=bool)
    open_mask[:5] = True
    values = np.where(np.tile(open_mask, (weeks, 1)), level, 0.0)
    return QueueHistory("q", 60, MONDAY, values, open_mask)


def test_a_full_history_ends_on_its_last_day():
    history = weekday_history()
    end = find_data_end(history)
    assert (end.last_day, end.zero_days, end.gap_days) == (7 * 8 - 3, 0, 2)  # Fri, then weekend
    assert trim_to_data(history, end) is history


def test_weeks_without_rows_at_the_end_are_cut_off():
    history = weekday_history()
    values = history.values.copy()
    values[-16:] = np.nan  # no rows in the last 16 days: the data ends on a Friday (day 39)
    end = find_data_end(history.with_values(values))
    assert (end.last_day, end.gap_days) == (39, 16)
    trimmed = trim_to_data(history.with_values(values), end)
    assert trimmed.n_days == end.last_day + 1
    np.testing.assert_array_equal(trimmed.values, history.values[: end.last_day + 1])


def test_a_short_gap_is_left_to_the_models():
    history = weekday_history()
    values = history.values.copy()
    values[-(MIN_GAP_DAYS - 1) :] = np.nan
    end = find_data_end(history.with_values(values))
    assert end.gap_days < MIN_GAP_DAYS
    assert trim_to_data(history.with_values(values), end).n_days == history.n_days


def test_busy_days_of_zeros_at_the_end_are_read_as_missing():
    # 40 a slot, 320 a day: zero contacts twice in a row is an export cut short.
    history = weekday_history()
    values = history.values.copy()
    values[-5:] = 0.0  # Wed, Thu, Fri, and the closed weekend
    end = find_data_end(history.with_values(values))
    assert end.zero_days == 3 and end.last_day == 7 * 8 - 6  # the Tuesday
    trimmed = trim_to_data(history.with_values(values), end)
    assert trimmed.n_days == history.n_days  # a 4-day gap: only the zeros become missing
    assert np.isnan(trimmed.values[-5:-2]).all()
    assert (trimmed.values[: 7 * 8 - 5] == history.values[: 7 * 8 - 5]).all()


def test_zeros_of_a_queue_that_small_are_kept_as_data():
    # 0.5 a slot, 4 a day: two empty days happen by chance (exp(-4) ~ 2% a day).
    history = weekday_history(level=0.5)
    values = history.values.copy()
    values[-4:-2] = 0.0
    end = find_data_end(history.with_values(values))
    assert end.zero_days == 0
    assert trim_to_data(history.with_values(values), end) is not None
    assert end.last_day == 7 * 8 - 3


def test_a_single_empty_day_or_holidays_are_not_an_export_cut_short():
    history = weekday_history()
    values = history.values.copy()
    values[-3] = 0.0  # the last Friday only
    assert find_data_end(history.with_values(values)).zero_days == 0
    values[-4] = 0.0  # Thursday and Friday, both public holidays
    special = np.zeros(history.n_days, dtype=bool)
    special[-4:-2] = True
    assert find_data_end(history.with_values(values), special).zero_days == 0
    assert find_data_end(history.with_values(values)).zero_days == 2


def test_a_month_of_zero_rows_padding_a_report_is_cut_however_long():
    # A month-to-date export padded with zero rows for five weeks ahead: judged against the
    # weeks before the zeros, not the zeros themselves.
    history = weekday_history(weeks=12)
    values = history.values.copy()
    values[-35:] = np.where(history.values[-35:] > 0, 0.0, 0.0)
    end = find_data_end(history.with_values(values))
    assert end.zero_days == 25 and end.last_day == 7 * 12 - 35 - 3
    assert trim_to_data(history.with_values(values), end).n_days == end.last_day + 1


def half_hour_frame(level: float, cut_at: str | None) -> pd.DataFrame:
    """Five weeks of one queue, 08:00-18:00 every day at `level` contacts a half hour, and from
    `cut_at` on the last day zero rows (an export taken then)."""
    times = pd.date_range("2025-02-03", "2025-03-09 23:30", freq="30min")
    open_slot = (times.hour >= 8) & (times.hour < 18)
    volume = np.where(open_slot, level, 0.0)
    if cut_at:
        volume[times >= pd.Timestamp(cut_at)] = 0.0
    return pd.DataFrame(
        {"interval_start": times, "queue": "desk", "volume": volume, "is_open": open_slot}
    )


def test_zero_rows_ending_a_busy_last_day_are_an_export_cut_short():
    frame, notes = cut_day_ends(half_hour_frame(10.0, "2025-03-09 12:00"))
    cut = frame["volume"].isna()
    # 12:00-17:30 of the last day, 12 open half hours where 10 each are usual; the closed
    # evening stays zero, the morning as it was.
    assert cut.sum() == 12
    assert frame.loc[cut, "interval_start"].min() == pd.Timestamp("2025-03-09 12:00")
    assert notes == [
        "desk: no contact from Sun 9 Mar 2025 12:00 to the end of the data, where about 120 "
        "are usual at those times: read as missing (an export cut short), and forecast."
    ]
    result = forecast_dataset(half_hour_frame(10.0, "2025-03-09 12:00"), 2, ForecastSettings())
    assert result.forecast["interval_start"].min() == pd.Timestamp("2025-03-09 12:00")
    assert notes[0] in result.notes


def test_a_quiet_afternoon_and_a_whole_empty_day_are_left_as_they_are():
    # 0.5 a half hour: six empty hours have a fair chance, and are kept as zeros.
    frame, notes = cut_day_ends(half_hour_frame(0.5, "2025-03-09 12:00"))
    assert notes == [] and not frame["volume"].isna().any()
    # A whole last day without contacts is find_data_end's to judge (one may be a closure).
    frame, notes = cut_day_ends(half_hour_frame(10.0, "2025-03-09 00:00"))
    assert notes == [] and not frame["volume"].isna().any()
