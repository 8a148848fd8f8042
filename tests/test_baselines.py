"""Baselines are exact on constructed series: seasonal naive and the N-week average."""

import numpy as np
import pandas as pd
import pytest

from forecasting.baselines import HistoricalAverage, SeasonalNaive
from forecasting.history import QueueHistory

SLOTS = 4
WEEKS = 6


def constructed_history() -> QueueHistory:
    """Value = 1000 x week + 10 x weekday + slot: every week, day and slot distinguishable."""
    day = np.arange(7 * WEEKS)
    values = (1000 * (day // 7) + 10 * (day % 7))[:, None] + np.arange(SLOTS)[None, :]
    # 2024-01-01 is a Monday, so row weekday = row % 7.
    return QueueHistory(
        "q", 360, pd.Timestamp("2024-01-01"), values.astype(float), np.ones((7, SLOTS), dtype=bool)
    )


def test_seasonal_naive_repeats_last_week():
    history = constructed_history()
    forecast = SeasonalNaive().fit(history).predict_days(14)
    last_week = history.values[-7:]
    np.testing.assert_array_equal(forecast[:7], last_week)
    np.testing.assert_array_equal(forecast[7:], last_week)


def test_seasonal_naive_skips_a_missing_week():
    history = constructed_history()
    values = history.values.copy()
    values[-7:] = np.nan
    forecast = SeasonalNaive().fit(history.with_values(values)).predict_days(7)
    np.testing.assert_array_equal(forecast, history.values[-14:-7])


def test_four_week_average_is_the_mean_of_the_last_four_weeks():
    history = constructed_history()
    forecast = HistoricalAverage(4).fit(history).predict_days(7)
    # weeks 2..5 -> mean week index 3.5
    expected = 3500 + 10 * np.arange(7)[:, None] + np.arange(SLOTS)[None, :]
    np.testing.assert_allclose(forecast, expected)


def test_trimmed_average_drops_highest_and_lowest_week():
    history = constructed_history()
    forecast = HistoricalAverage(4, trim=True).fit(history).predict_days(1)
    # weeks 2, 3, 4, 5 -> keep 3 and 4 -> 3500 again; make week 5 an outlier to see the trim.
    values = history.values.copy()
    values[-7:] += 100000
    trimmed = HistoricalAverage(4, trim=True).fit(history.with_values(values)).predict_days(1)
    plain = HistoricalAverage(4).fit(history.with_values(values)).predict_days(1)
    assert forecast[0, 0] == pytest.approx(3500)
    assert trimmed[0, 0] == pytest.approx(3500)
    assert plain[0, 0] == pytest.approx(3500 + 25000)


def test_weighted_average_favours_recent_weeks():
    history = constructed_history()
    forecast = HistoricalAverage(4, decay=0.5).fit(history).predict_days(1)
    weights = 0.5 ** np.arange(4)
    expected = (weights * np.array([5000, 4000, 3000, 2000])).sum() / weights.sum()
    assert forecast[0, 0] == pytest.approx(expected)


def test_average_uses_the_last_observed_weeks_around_a_gap():
    history = constructed_history()
    values = history.values.copy()
    values[-7:] = np.nan  # week 5 missing -> weeks 1..4 are the last four observed
    forecast = HistoricalAverage(4).fit(history.with_values(values)).predict_days(1)
    assert forecast[0, 0] == pytest.approx(2500)
