"""Level shifts: a lasting step is found and undone; ramps, one-off surges and noise are not steps."""

import numpy as np
import pandas as pd
import pytest

from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import history_from_intervals
from forecasting.level_shift import LevelShift, find_level_shift, rescale_before
from forecasting.pipeline import origin_data, prepare_queue, run_model
from forecasting.registry import make_model
from forecasting.synthetic import synthetic_intervals

# 2024-01-01 .. 2024-05-12: 19 weeks of a Monday-Friday desk.
DAYS = 7 * 19
STEP_DAY = pd.Timestamp("2024-04-24")  # a Wednesday, 19 days before the end


def desk(days: int = DAYS, **pattern) -> pd.DataFrame:
    return synthetic_intervals(days, seed=3, level=20, **pattern)


def stepped(factor: float, until: pd.Timestamp | None = None) -> pd.DataFrame:
    frame = desk()
    days = frame["interval_start"].dt.normalize()
    after = (days >= STEP_DAY) & ((days < until) if until is not None else True)
    frame.loc[after, "volume"] = np.random.default_rng(5).poisson(
        frame.loc[after, "volume"] * factor
    )
    return frame


def shift_of(frame: pd.DataFrame) -> LevelShift | None:
    history = history_from_intervals(frame, "desk")
    return find_level_shift(history, history.observed_days())


def test_a_new_level_is_found_on_its_first_day():
    found = shift_of(stepped(3.0))
    assert found is not None
    assert found.row == (STEP_DAY - pd.Timestamp("2024-01-01")).days
    assert found.ratio == pytest.approx(3.0, rel=0.08)
    dropped = shift_of(stepped(0.4))
    assert dropped is not None and dropped.ratio == pytest.approx(0.4, rel=0.08)


@pytest.mark.parametrize(
    "frame",
    [
        desk(),  # noise only
        desk(weekly_growth=0.06),  # a ramp: x2.7 over 17 weeks, for the trend models
        stepped(1.3),  # a modest step: the re-levelling models follow it
        stepped(3.0, until=pd.Timestamp("2024-05-01")),  # one surge week, then back
    ],
    ids=["noise", "ramp", "small step", "surge week"],
)
def test_ramps_surges_small_steps_and_noise_are_not_level_shifts(frame):
    assert shift_of(frame) is None


def test_one_week_at_a_new_level_is_not_yet_a_shift():
    # A surge still running looks the same: two working weeks tell them apart.
    frame = stepped(3.0)
    assert shift_of(frame[frame["interval_start"] < STEP_DAY + pd.Timedelta(days=7)]) is None
    assert shift_of(frame[frame["interval_start"] < STEP_DAY + pd.Timedelta(days=14)]) is not None


def test_rescale_before_moves_the_old_days_to_the_new_level():
    values = np.array([[1.0, 2.0], [3.0, np.nan], [10.0, 20.0]])
    scaled = rescale_before(values, LevelShift(row=2, ratio=5.0))
    np.testing.assert_array_equal(scaled, [[5.0, 10.0], [15.0, np.nan], [10.0, 20.0]])
    assert rescale_before(values, None) is values


def test_after_a_tripling_every_model_forecasts_the_new_level():
    # Without the rescale the 8-week models average mostly old weeks, and the Poisson trend
    # reads the step as growth and keeps climbing.
    history = history_from_intervals(stepped(3.0), "desk")
    inputs = prepare_queue(history, 14, ForecastSettings(country=None))
    data = origin_data(inputs, history.n_days)
    assert data.level_shift is not None
    recent = np.nansum(history.values[-14:])  # two weeks at the new level
    for name in ("smoothed_profile", "relevelled_profile", "poisson_glm", "combination_glm"):
        model = make_model(name)
        if hasattr(model, "members"):
            forecast = np.mean([m.fit(data.training).predict_days(14) for m in model.members], 0)
        else:
            forecast = model.fit(data.training).predict_days(14)
        forecast = forecast * history.open_rows(history.n_days, 14)
        assert forecast.sum() == pytest.approx(recent, rel=0.12), name


def test_the_baselines_stay_the_plain_averages():
    history = history_from_intervals(stepped(3.0), "desk")
    inputs = prepare_queue(history, 14, ForecastSettings(country=None, clean_outliers=False))
    data = origin_data(inputs, history.n_days)
    assert data.level_shift is not None
    baseline = run_model(make_model("historical_average_4w"), inputs, data, 14)
    plain = make_model("historical_average_4w").fit(history).predict_days(14)
    np.testing.assert_allclose(baseline, plain * history.open_rows(history.n_days, 14))


def test_the_forecast_names_the_shift():
    result = forecast_dataset(stepped(3.0), 7, ForecastSettings(country=None, n_origins=2))
    assert any(
        note.startswith("desk: volume changed to x3.") and "Wed 24 Apr 2024" in note
        for note in result.notes
    )
    week = result.forecast["forecast"].sum()
    assert week == pytest.approx(3.0 * 20 * 5.2 * 20, rel=0.12)  # level x weekdays x slots
