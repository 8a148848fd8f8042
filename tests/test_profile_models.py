"""Recent-weeks profile models: weighting, re-levelling after a level shift, slot smoothing."""

import numpy as np
import pandas as pd
import pytest

from forecasting.history import QueueHistory
from forecasting.profile_models import (
    RelevelledProfile,
    SmoothedProfile,
    WeightedProfile,
    smooth_slots,
)

SLOTS = 6
PATTERN = np.array([0, 10, 30, 20, 10, 0.0])  # slots 0 and 5 closed
OPEN = np.tile(PATTERN > 0, (7, 1))


def history_with_shift(
    weeks: int = 10, shifted_weeks: int = 2, factor: float = 2.0
) -> QueueHistory:
    values = np.tile(PATTERN, (7 * weeks, 1))
    if shifted_weeks:
        values[-7 * shifted_weeks :] *= factor
    return QueueHistory("q", 240, pd.Timestamp("2024-01-01"), values, OPEN)


def test_weighted_profile_weights_week_k_back_by_decay_power_k():
    history = history_with_shift(weeks=10, shifted_weeks=1, factor=3.0)
    forecast = WeightedProfile(weeks=4, decay=0.5).fit(history).predict_days(1)
    weights = 0.5 ** np.arange(4)
    expected_factor = (weights * np.array([3, 1, 1, 1])).sum() / weights.sum()
    np.testing.assert_allclose(forecast[0], PATTERN * expected_factor)


def test_relevelled_profile_follows_a_level_shift_at_once():
    # Two weeks at double volume: the profile mixes old and new weeks, the 14-day level ratio
    # puts it back at exactly twice the pattern.
    history = history_with_shift(weeks=10, shifted_weeks=2, factor=2.0)
    forecast = RelevelledProfile(weeks=8, level_days=14).fit(history).predict_days(7)
    np.testing.assert_allclose(forecast, np.tile(2 * PATTERN, (7, 1)))
    plain = WeightedProfile(weeks=8, decay=0.85).fit(history).predict_days(1)
    assert plain[0, 2] < 1.6 * PATTERN[2]


def test_smoothing_keeps_day_totals_and_closed_slots():
    smoothed = smooth_slots(np.tile(PATTERN, (7, 1)), OPEN)
    assert smoothed[0].sum() == pytest.approx(PATTERN.sum())
    assert smoothed[0, 0] == 0 and smoothed[0, 5] == 0
    # the peak slot gives some of its volume to its neighbours
    assert smoothed[0, 2] < PATTERN[2]
    assert smoothed[0, 1] > PATTERN[1]


def test_smoothed_profile_predicts_the_smoothed_weighted_mean():
    history = history_with_shift(weeks=8, shifted_weeks=0)
    forecast = SmoothedProfile().fit(history).predict_days(1)
    np.testing.assert_allclose(forecast[0], smooth_slots(np.tile(PATTERN, (7, 1)), OPEN)[0])
