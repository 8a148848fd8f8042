"""The day x slot matrix built from the long interval table."""

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from forecasting.history import history_from_intervals


def frame(times, volumes, **extra) -> pd.DataFrame:
    return pd.DataFrame(
        {"interval_start": pd.to_datetime(times), "queue": "q", "volume": volumes, **extra}
    )


def test_grid_missing_and_learned_open_hours():
    data = frame(["2024-01-01 09:00", "2024-01-01 10:00", "2024-01-02 09:00"], [3.0, 0.0, 5.0])
    history = history_from_intervals(data, "q")
    assert history.interval_minutes == 60
    assert history.values.shape == (2, 24)
    assert history.values[0, 9] == 3 and history.values[1, 9] == 5
    assert np.isnan(history.values[1, 10])  # no row: missing, not zero
    # open where any volume ever arrived: Monday and Tuesday 09:00 only
    assert history.open_mask.sum() == 2 and history.open_mask[0, 9] and history.open_mask[1, 9]


def test_is_open_and_is_missing_columns_win():
    data = frame(
        ["2024-01-01 09:00", "2024-01-01 10:00"],
        [3.0, 0.0],
        is_open=[True, True],
        is_missing=[False, True],
    )
    history = history_from_intervals(data, "q")
    assert history.open_mask[0, 10]
    assert np.isnan(history.values[0, 10])


def test_off_grid_timestamps_are_an_input_error():
    data = frame(["2024-01-01 09:00", "2024-01-01 09:30", "2024-01-01 10:10"], [1.0, 2, 3])
    with pytest.raises(InputError, match="not on the 30-minute grid"):
        history_from_intervals(data, "q")


def test_an_empty_or_one_interval_history_says_which():
    from forecasting.history import infer_interval_minutes

    with pytest.raises(InputError, match="has no intervals"):
        infer_interval_minutes(pd.Series(pd.to_datetime([])))
    with pytest.raises(InputError, match="a single interval"):
        infer_interval_minutes(pd.Series(pd.to_datetime(["2024-01-01 09:00"] * 2)))


def test_to_intervals_gives_back_the_table_the_history_was_built_from():
    frame = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(
                ["2024-01-01 09:00", "2024-01-01 09:30", "2024-01-02 09:00"]
            ),
            "queue": "desk",
            "volume": [3.0, 4.0, 5.0],
        }
    )
    history = history_from_intervals(frame, "desk")
    back = history.to_intervals().dropna(subset=["volume"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
