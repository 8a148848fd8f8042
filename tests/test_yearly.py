"""Yearly seasonality: followed (by half) where the last two years moved alike, else left alone."""

import numpy as np
import pandas as pd
import pytest

from forecasting.history import QueueHistory
from forecasting.pipeline import origin_data, prepare_queue, run_model
from forecasting.registry import make_model
from forecasting.settings import ForecastSettings
from forecasting.yearly import SHRINK, YEAR_DAYS, day_levels, yearly_factors

SLOTS = 4
FIRST_DAY = pd.Timestamp("2021-01-04")  # a Monday


def summer_history(days: int, dips: tuple[float, ...], seed: int = 0) -> QueueHistory:
    """Poisson counts of 1000 a slot, times dips[k] in weeks 30-33 of year k (a summer lull)."""
    rows = np.arange(days)
    factor = np.ones(days)
    for year, dip in enumerate(dips):
        lull = (rows >= year * YEAR_DAYS + 29 * 7) & (rows < year * YEAR_DAYS + 33 * 7)
        factor[lull] = dip
    means = 1000.0 * factor[:, None] * np.ones(SLOTS)
    values = np.random.default_rng(seed).poisson(means).astype(float)
    return QueueHistory("q", 360, FIRST_DAY, values, np.ones((7, SLOTS), dtype=bool))


def factors_of(history: QueueHistory, horizon_days: int = 28) -> np.ndarray:
    every_day = np.ones(history.n_days, dtype=bool)
    return yearly_factors(day_levels(history, every_day, np.ones(history.n_days)), horizon_days)


def test_two_years_that_agree_move_the_forecast_by_half_the_smaller_move():
    # Two past summers at 0.7 and 0.6 of the level; forecast from the start of the third one.
    origin = 2 * YEAR_DAYS + 29 * 7
    history = summer_history(origin, dips=(0.7, 0.6))
    factors = factors_of(history)
    # The smaller move is log(0.7), halved: about x0.84 over the four lull weeks.
    np.testing.assert_allclose(factors, np.exp(SHRINK * np.log(0.7)), rtol=0.03)


def test_two_years_that_disagree_or_one_year_alone_change_nothing():
    origin = 2 * YEAR_DAYS + 29 * 7
    disagree = summer_history(origin, dips=(0.7, 1.3))
    np.testing.assert_array_equal(factors_of(disagree), np.ones(28))
    one_year = summer_history(YEAR_DAYS + 29 * 7, dips=(0.7,))
    np.testing.assert_array_equal(factors_of(one_year), np.ones(28))
    # No lull in either year: noise only, the factors stay within a few percent of 1.
    flat = summer_history(origin, dips=(1.0, 1.0))
    assert np.abs(factors_of(flat) - 1).max() < 0.02


def test_each_horizon_week_gets_its_own_move():
    # Forecast from two weeks before the lull: the first two weeks stay, the next two dip.
    origin = 2 * YEAR_DAYS + 27 * 7
    history = summer_history(origin, dips=(0.7, 0.7))
    factors = factors_of(history)
    assert np.abs(factors[:14] - 1).max() < 0.02
    np.testing.assert_allclose(factors[14:], np.exp(SHRINK * np.log(0.7)), rtol=0.03)


def test_a_recurring_summer_lull_is_forecast_closer_with_the_yearly_move():
    origin = 2 * YEAR_DAYS + 29 * 7
    history = summer_history(origin + 28, dips=(0.7, 0.7, 0.7))
    settings = ForecastSettings(country=None)
    inputs = prepare_queue(history.truncate(origin), 28, settings)
    data = origin_data(inputs, origin)
    actual = history.values[origin:].sum()
    model = run_model(make_model("weighted_profile"), inputs, data, 28).sum()
    baseline = run_model(make_model("historical_average_4w"), inputs, data, 28).sum()
    # The truth is 0.7 of the level; the baseline stays at the level, the model moves halfway.
    assert baseline / actual == pytest.approx(1 / 0.7, rel=0.03)
    assert model / actual == pytest.approx(np.exp(SHRINK * np.log(0.7)) / 0.7, rel=0.03)


def test_day_levels_are_per_interval_means_of_ordinary_days_net_of_the_day_of_month():
    values = np.array([[10, 20, 30, 40], [10, np.nan, 30, 50], [5, 5, 5, 5.0]])
    history = QueueHistory("q", 360, FIRST_DAY, values, np.ones((7, SLOTS), dtype=bool))
    levels = day_levels(history, np.array([True, True, False]), np.array([1.0, 2.0, 1.0]))
    # Day 2 misses one interval: its level is the mean of the three seen, then halved.
    np.testing.assert_allclose(levels[:2], [25.0, 30.0 / 2])
    assert np.isnan(levels[2])  # not an ordinary day


def test_a_peak_in_weeks_that_rose_both_years_is_put_down_to_the_season():
    from forecasting import forecast_dataset

    # A yearly rush (x1.6) in weeks 30-33 of both past years; forecast from its start.
    origin = 2 * YEAR_DAYS + 29 * 7
    history = summer_history(origin, dips=(1.6, 1.6))
    frame = history.to_intervals()
    settings = ForecastSettings(country=None, candidates=("weighted_profile",), n_origins=2)
    result = forecast_dataset(frame, 7, settings)
    days = result.days
    # Half of log(1.6): about +26% over a usual week, every day of it.
    np.testing.assert_allclose(days["vs_usual"], np.sqrt(1.6) - 1, atol=0.03)
    assert days["reason"].str.startswith("season: these weeks rose in each of the last two").all()
    assert not result.peaks["reason"].str.contains("trend").any()
