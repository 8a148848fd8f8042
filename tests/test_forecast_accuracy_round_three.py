"""Forecast accuracy, round three: combination_glm's relevelled member follows a last week that
stands out from the queue's day-to-day noise. The relevelled profile scales its 8-week profile
to the last two weeks, so a queue that stepped up a week ago is forecast half-way; the new
member moves on to the last week's level by the empirical-Bayes weight max(0, 1 - noise /
move^2), the move and noise read on log((count + 1/2) / (expected + 1/2)), the noise from
consecutive days' differences. Checked by hand on a queue of 100 a
day for seven weeks and 200 in the last (forecast 199.85 a day, the two-week level's 150), and on
one swinging 80 / 120 from day to day whose last week is 12.5% up by chance alone (left at the
two-week level). On the benchmark (bench/forecast_accuracy.py, 8 / 12 / 16 origins) auto's
interval WAPE went from 0.1892 / 0.1930 / 0.2147 to 0.1884 / 0.1929 / 0.2147 on the bank and
from 0.5226 / 0.5237 / 0.4472 to 0.5136 / 0.5186 / 0.4436 on Gestion."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from forecasting.history import QueueHistory
from forecasting.last_week_level import day_noise_variance, log_ratio, move_weight
from forecasting.profile_models import RelevelledProfile
from forecasting.registry import COMBINATIONS, auto_candidates, make_model, model_label

MONDAY = pd.Timestamp("2024-01-01")
OPEN = np.ones((7, 2), dtype=bool)  # open every day, two 12-hour slots


def _queue(day_totals: np.ndarray) -> QueueHistory:
    """Each day's total split 1:3 over its two slots."""
    return QueueHistory("q", 720, MONDAY, day_totals[:, None] * np.array([0.25, 0.75]), OPEN)


def test_a_move_is_followed_by_the_share_of_its_square_beyond_the_noise():
    # 1 - 0.01 / 0.2^2 = 0.75; a move within the noise is not followed at all.
    assert move_weight(0.2, 0.01) == pytest.approx(0.75)
    assert move_weight(-0.2, 0.01) == pytest.approx(0.75)
    assert move_weight(0.05, 0.01) == 0.0
    assert move_weight(0.0, 0.0) == 0.0


def test_the_day_noise_is_half_the_variance_of_consecutive_days_differences():
    # Differences +0.1, -0.1, +0.1, -0.1: mean 0, variance 0.04 / 3; half of it per day.
    assert day_noise_variance(np.array([0.0, 0.1, 0.0, 0.1, 0.0])) == pytest.approx(0.04 / 6)
    # A level that stepped once: one difference of ln 2 among 55, variance (ln 2)^2 / 55.
    step = np.r_[np.zeros(49), np.full(7, math.log(2))]
    assert day_noise_variance(step) == pytest.approx(math.log(2) ** 2 / 110)


def test_a_count_over_its_expectation_is_read_with_half_a_contact_added():
    # (0 + 1/2) / (1.5 + 1/2): a day without a contact has a finite log ratio, -ln 4.
    assert log_ratio(0.0, 1.5) == pytest.approx(-math.log(4))
    assert log_ratio(99.5, 199.5) == pytest.approx(-math.log(2))


def test_a_last_week_far_beyond_the_noise_sets_the_level():
    totals = np.r_[np.full(49, 100.0), np.full(7, 200.0)]
    model = make_model("relevelled_last_week")
    model.decay = 1.0  # a plain 8-week mean, 900 / 8 = 112.5 a day, to check by hand
    model.fit(_queue(totals))
    # Each day's log ratio ln(100.5 / 113) for 49 days, then ln(200.5 / 113): one step of
    # ln(200.5 / 100.5) among 55 differences, so s^2 = step^2 / 110 a day and, for the
    # difference of two weeks' means of 7 days, step^2 / 385. The weeks moved by
    # ln(1400.5 / 788) - ln(700.5 / 788) = ln(1400.5 / 700.5).
    step, move = math.log(200.5 / 100.5), math.log(1400.5 / 700.5)
    weight = 1 - step**2 / 385 / move**2
    assert model.weight_ == pytest.approx(weight)
    assert weight == pytest.approx(0.99741, abs=1e-5)
    # Two weeks: 2,100 over 14 x 112.5 = 4/3; the last week 200 / 112.5 = 16/9.
    level = (4 / 3) * ((16 / 9) / (4 / 3)) ** weight
    assert model.level_ == pytest.approx(level)
    days = model.predict_days(7)
    np.testing.assert_allclose(days.sum(axis=1), 112.5 * level)
    assert days[0].sum() == pytest.approx(199.85, abs=0.01)
    np.testing.assert_allclose(days[0], days[0].sum() * np.array([0.25, 0.75]))
    # The relevelled profile stays at the two-week level: 112.5 x 4/3 = 150 a day.
    relevelled = RelevelledProfile(weeks=8, decay=1.0).fit(_queue(totals)).predict_days(7)
    np.testing.assert_allclose(relevelled.sum(axis=1), 150.0)


def test_a_last_week_up_by_chance_keeps_the_two_week_level():
    # 80 / 120 on alternate days: the last week holds four 120s (720), the one before four 80s
    # (640), about ln(720 / 640) = 0.118 up, against a noise of about 0.41^2 / 2 x 2/7 = 0.024
    # for the difference of two weeks' means: 0.118^2 = 0.014 stays within it.
    totals = np.where(np.arange(56) % 2 == 0, 80.0, 120.0)
    model = make_model("relevelled_last_week").fit(_queue(totals))
    assert model.weight_ == 0.0
    relevelled = RelevelledProfile(weeks=8, decay=0.85).fit(_queue(totals))
    assert model.level_ == pytest.approx(relevelled.level_)
    np.testing.assert_allclose(model.predict_days(14), relevelled.predict_days(14))


def test_a_missing_day_is_no_part_of_the_level_or_its_noise():
    totals = np.r_[np.full(49, 100.0), np.full(7, 200.0)]
    values = _queue(totals).values.copy()
    values[-1] = np.nan  # the last Sunday not recorded
    model = make_model("relevelled_last_week")
    model.decay = 1.0
    model.fit(_queue(totals).with_values(values))
    # Profile: Sunday 100 (its last week missing), the other days 112.5. Last week: six days
    # of 200 over 6 x 112.5 = 675; the week before 700 over 6 x 112.5 + 100 = 775.
    last_week, two_weeks = 1200 / 675, 1900 / (675 + 775)
    move = math.log(1200.5 / 675.5) - math.log(700.5 / 775.5)
    day_log_ratios = np.log(
        np.r_[np.tile(100.5 / np.r_[np.full(6, 113.0), 100.5], 7), np.full(6, 200.5 / 113.0)]
    )
    noise = float(np.var(np.diff(day_log_ratios), ddof=1)) / 2 * (1 / 6 + 1 / 7)
    weight = 1 - noise / move**2
    assert model.weight_ == pytest.approx(weight)
    assert model.level_ == pytest.approx(two_weeks * (last_week / two_weeks) ** weight)


def test_combination_glm_carries_it_and_auto_does_not_pick_it_alone():
    assert COMBINATIONS["combination_glm"] == (
        "smoothed_profile",
        "relevelled_last_week",
        "holt_winters_top_down",
        "poisson_glm",
    )
    assert "relevelled_last_week" not in auto_candidates()
    assert "relevelled_profile" in auto_candidates()
    assert model_label("relevelled_last_week") == (
        "Recent weeks, rescaled to last 2 weeks or a last week that stands out"
    )
