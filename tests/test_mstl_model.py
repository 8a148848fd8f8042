"""Interval-level MSTL: shape of the output, closed slots, and the fitted weekly pattern."""

import numpy as np
import pytest

from forecasting.history import history_from_intervals
from forecasting.mstl_model import MSTLModel
from forecasting.synthetic import synthetic_intervals, synthetic_means


def test_mstl_reproduces_the_weekly_pattern_within_a_fifth():
    frame = synthetic_intervals(7 * 10, seed=2, level=100, include_closed=True)
    history = history_from_intervals(frame, "desk")
    model = MSTLModel().fit(history)
    assert model.periods_ == [48, 336]
    forecast = model.predict_days(7)
    _, means = synthetic_means(7, level=100)  # the week after ten whole weeks starts on Monday
    daily = forecast.sum(axis=1)
    true_daily = means.sum(axis=1)
    open_days = true_daily > 0
    assert np.all(np.abs(daily[open_days] / true_daily[open_days] - 1) < 0.2)
    assert (daily[~open_days] == 0).all()
    assert (forecast[:, means[0] == 0] == 0).all()  # nights stay empty
    assert daily.sum() == pytest.approx(true_daily.sum(), rel=0.05)


def test_mstl_on_a_short_history_falls_back_to_a_level():
    frame = synthetic_intervals(14, seed=2, level=50, include_closed=True)
    model = MSTLModel().fit(history_from_intervals(frame, "desk"))
    assert model.periods_ == []
    assert model.predict_days(3).shape == (3, 48)
