"""The recent level x weekday factor model: each forecast day's total is the queue's level over
the last three weeks' observed days times its weekday's factor over 26 weeks (weekday mean over
the mean of the weekday means), split by the top-down intraday shares. Checked by hand on a
Monday-to-Friday desk whose weeks run 150 / 100 / 100 / 100 / 50 and rose by a fifth three weeks
ago (Monday 1.5 x 120 = 180, Friday 0.5 x 120 = 60), a missing day left out of the level, with weeks older than 26 left out,
closed slots and weekends at zero, holidays left out of the level and the factors and
forecast closed where the desk always closed on them, and auto picking it where it forecasts
best."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.backtest import BacktestRuns
from forecasting.history import QueueHistory
from forecasting.registry import auto_candidates, make_model, model_label
from forecasting.select import pick_model
from forecasting.weekday_factor import weekday_factors

MONDAY = pd.Timestamp("2024-01-01")
WEEK = np.array([150.0, 100.0, 100.0, 100.0, 50.0, 0.0, 0.0])  # Mon .. Sun totals
SHAPE = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.0])  # six 4-hour slots, open 04:00-20:00
OPEN = np.zeros((7, 6), dtype=bool)
OPEN[:5, 1:5] = True


def _desk(weeks: int = 30, step: float = 1.2) -> QueueHistory:
    """`weeks` weeks from Mon 1 Jan 2024: the first four flat at 100 a working day (older than
    26 weeks at the end), then WEEK, the last three weeks at x`step`."""
    weekdays = np.arange(7 * weeks) % 7
    totals = WEEK[weekdays]
    totals[:28] = np.where(weekdays[:28] < 5, 100.0, 0.0)
    totals[-21:] *= step
    return QueueHistory("desk", 240, MONDAY, totals[:, None] * SHAPE, OPEN)


def test_the_forecast_day_total_is_the_recent_level_times_the_weekday_factor():
    model = make_model("weekday_factor").fit(_desk())
    # Factors over the last 26 weeks only: the flat weeks before would pull Monday to 1.46.
    np.testing.assert_allclose(model.factors_, [1.5, 1.0, 1.0, 1.0, 0.5, 0.0, 0.0])
    # The last three weeks' 1,800 contacts over their factors' sum of 15.
    assert model.level_ == 120.0
    days = model.predict_days(7)
    np.testing.assert_allclose(days.sum(axis=1), [180.0, 120.0, 120.0, 120.0, 60.0, 0.0, 0.0])
    # Split as the desk splits its days: Monday's 180 at 18 / 36 / 54 / 72.
    np.testing.assert_allclose(days[0], [0.0, 18.0, 36.0, 54.0, 72.0, 0.0])
    forecast = model.predict(7)["forecast"].to_numpy().reshape(7, 6)
    assert (forecast[:, [0, 5]] == 0).all() and (forecast[5:] == 0).all()


def test_the_level_is_read_over_the_last_three_weeks():
    history = _desk(step=1.0)
    values = history.values.copy()
    values[-21:-14] *= 1.3  # three weeks ago a busy week: 650 contacts
    model = make_model("weekday_factor").fit(history.with_values(values))
    # (650 + 500 + 500) / 15: the last two weeks alone would read 100.
    assert model.level_ == pytest.approx(110.0)
    assert model.predict_days(1).sum() == pytest.approx(165.0)


def test_a_missing_day_does_not_pull_the_level_down():
    history = _desk(step=1.0)
    values = history.values.copy()
    values[-7] = np.nan  # the last Monday not recorded
    model = make_model("weekday_factor").fit(history.with_values(values))
    # The other 14 days' 1,350 contacts over their factors' 13.5: a mean per recorded day
    # would read 1,350 / 14 = 96.4 and forecast Monday at 144.6.
    assert model.level_ == 100.0
    assert model.predict_days(1).sum() == 150.0


def test_three_unrecorded_weeks_take_the_level_of_the_last_recorded_days():
    history = _desk(step=1.0)
    values = history.values.copy()
    values[-21:] = np.nan  # the export stops three weeks short
    model = make_model("weekday_factor").fit(history.with_values(values))
    # The 15 working days before, at the weekly 500 over factors summing to 15.
    assert model.level_ == 100.0


def test_weekday_factors_use_the_mean_of_the_weekday_means():
    weekdays = np.array([0, 0, 0, 1, 2, 3, 4])
    totals = np.array([150.0, 150.0, 150.0, 100.0, 100.0, 100.0, 50.0])
    observed = np.ones(7, dtype=bool)
    # Three Mondays weigh as one: the mean of means is 100, not 114.3 over the seven days.
    np.testing.assert_allclose(
        weekday_factors(totals, weekdays, observed), [1.5, 1.0, 1.0, 1.0, 0.5, 0.0, 0.0]
    )
    nothing = np.zeros(7, dtype=bool)
    np.testing.assert_allclose(weekday_factors(totals, weekdays, nothing), np.zeros(7))


def _frame(history: QueueHistory) -> pd.DataFrame:
    times = history.slot_times(0, history.n_days)
    return pd.DataFrame({INTERVAL_START: times, QUEUE: "desk", VOLUME: history.values.ravel()})


def test_holidays_are_left_out_and_forecast_by_the_special_day_handling():
    # 27 weeks from Mon 2 Oct 2023 to Sun 7 Apr 2024, closed on the French holidays it holds
    # (1 Nov, 25 Dec, 1 Jan, Easter Monday 1 Apr, in the last two weeks).
    first = pd.Timestamp("2023-10-02")
    dates = pd.date_range(first, "2024-04-07")
    totals = WEEK[dates.day_of_week]
    holidays = pd.to_datetime(["2023-11-01", "2023-12-25", "2024-01-01", "2024-04-01"])
    totals[dates.isin(holidays)] = 0.0
    history = QueueHistory("desk", 240, first, totals[:, None] * SHAPE, OPEN)
    settings = ForecastSettings(model="weekday_factor", country="FR", clean_outliers=False)
    result = forecast_dataset(_frame(history), 28, settings)
    forecast = result.forecast.set_index(INTERVAL_START)["forecast"]
    daily = forecast.groupby(forecast.index.normalize()).sum()
    # Easter Monday and the day after it are left out of the level: 1,250 contacts over the
    # other 13 days' factors, 12.5, read 100 (counted as days of 0 and 100, 90).
    assert daily["2024-04-08"] == pytest.approx(150.0)
    assert daily["2024-04-12"] == pytest.approx(50.0)
    assert daily["2024-04-13"] == 0.0
    # Labour Day, Wed 1 May: closed on every past holiday, so closed.
    assert daily["2024-05-01"] == 0.0
    assert (forecast[forecast.index.hour.isin([0, 20])] == 0).all()


def test_auto_picks_it_where_it_beat_the_combination_at_every_backtest_week():
    # Auto's rule (select.pick_model) over all its candidates, the others 20% high at 4 origins.
    rng = np.random.default_rng(1)
    actual = rng.poisson(50.0, (4, 7, 6)).astype(float)
    candidates = auto_candidates()
    assert "weekday_factor" in candidates
    forecasts = {name: actual * 1.2 for name in candidates}
    forecasts["weekday_factor"] = actual * 1.01
    origins = [0, 7, 14, 21]
    runs = BacktestRuns(
        "desk", 7, origins, [MONDAY + pd.Timedelta(days=d) for d in origins], actual,
        np.ones(4), forecasts,
    )  # fmt: skip
    assert pick_model(runs, candidates, [0, 1, 2, 3]) == "weekday_factor"
    assert model_label("weekday_factor") == "Last 3 weeks' level × weekday factors (26 weeks)"
