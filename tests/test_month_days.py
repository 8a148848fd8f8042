"""Day-of-month effects: learned when held-out months confirm them, absent otherwise."""

import numpy as np
import pandas as pd
import pytest

from forecasting.history import QueueHistory
from forecasting.month_days import month_day_factors, shrunk_effects
from forecasting.pipeline import origin_data, prepare_queue, run_model
from forecasting.registry import make_model
from forecasting.settings import ForecastSettings

SLOTS = 4
FIRST_DAY = pd.Timestamp("2024-01-01")


def payday_history(days: int = 364, uplift: float = 1.5, seed: int = 0) -> QueueHistory:
    """Poisson counts of 100 a slot every day, times `uplift` on the 1st-3rd of each month."""
    dates = pd.date_range(FIRST_DAY, periods=days)
    day_factor = np.where(dates.day <= 3, uplift, 1.0)
    means = 100.0 * day_factor[:, None] * np.ones(SLOTS)
    values = np.random.default_rng(seed).poisson(means).astype(float)
    return QueueHistory("q", 360, FIRST_DAY, values, np.ones((7, SLOTS), dtype=bool))


def weekly_history(days: int, seed: int) -> QueueHistory:
    """Poisson slots around a weekly pattern, each day also off by ~5% at random, as real days
    are; nothing tied to the day of the month."""
    dates = pd.date_range(FIRST_DAY, periods=days)
    rng = np.random.default_rng(seed)
    week = np.array([1.3, 1.1, 1.0, 1.0, 0.9, 0.5, 0.3])[dates.day_of_week]
    daily = week * np.exp(rng.normal(0, 0.05, days))
    values = rng.poisson(100.0 * daily[:, None] * np.ones(SLOTS)).astype(float)
    return QueueHistory("q", 360, FIRST_DAY, values, np.ones((7, SLOTS), dtype=bool))


def test_shrunk_effects_by_hand():
    # Day 1 twice at +0.3, day 2 once at 0: sums (0.6, 0) and counts (2, 1) are smoothed
    # [1, 2, 1] / 4 around the month, then divided by count + 2.
    effects = shrunk_effects(np.array([0, 0, 1]), np.array([0.3, 0.3, 0.0]), shrink=2.0)
    assert effects[0] == pytest.approx(0.3 / (1.25 + 2))  # (2 * 0.6) / 4 over (2 * 2 + 1) / 4
    assert effects[1] == pytest.approx(0.15 / (1.0 + 2))  # 0.6 / 4 over (2 + 2 * 1) / 4
    assert effects[30] == pytest.approx(0.15 / (0.5 + 2))  # the 31st borders the 1st
    assert effects[15] == 0


def test_shrunk_effects_unsmoothed_by_hand():
    effects = shrunk_effects(np.array([0, 0, 1]), np.array([0.3, 0.3, 0.0]), 2.0, smooth=False)
    assert effects[0] == pytest.approx(0.6 / (2 + 2))
    assert effects[1] == 0
    assert effects[30] == 0  # nothing spills onto the neighbouring days


def test_payday_effect_is_learned():
    factors = month_day_factors(payday_history())
    # Days 1-3 well above the rest, mid-month close to the average day.
    assert factors[:3].min() > 1.2
    assert factors[1] == pytest.approx(1.5, rel=0.15)
    assert np.abs(factors[8:25] - 1).max() < 0.08


@pytest.mark.parametrize("seed", range(5))
def test_no_effect_without_one(seed):
    # Plain Poisson noise: the held-out months reject every effect, so all factors stay 1.
    history = payday_history(uplift=1.0, seed=seed)
    np.testing.assert_array_equal(month_day_factors(history), np.ones(31))


@pytest.mark.parametrize("seed", range(3))
def test_a_sharp_month_start_peak_keeps_its_size(seed):
    # +60% on the 1st-3rd only, 14 months: pooling each day with its neighbours would flatten
    # the 1st and 3rd and spill the peak onto the 31st and 4th, so the held-out months must
    # turn the pooling down. Factors are relative to a mid-month day, as only ratios matter.
    factors = month_day_factors(payday_history(days=425, uplift=1.6, seed=seed))
    relative = factors / np.median(factors[8:25])
    np.testing.assert_allclose(relative[:3], 1.6, rtol=0.1)
    np.testing.assert_allclose(relative[[3, 30]], 1.0, rtol=0.05)


@pytest.mark.parametrize("seed", range(3))
def test_no_effect_in_a_noisy_weekly_queue(seed):
    # Weekly pattern and day-to-day noise but nothing tied to the date: still all ones.
    history = weekly_history(425, seed)
    np.testing.assert_array_equal(month_day_factors(history), np.ones(31))


def test_too_short_a_history_has_no_effect():
    np.testing.assert_array_equal(month_day_factors(payday_history(days=70)), np.ones(31))


def test_models_forecast_the_payday_but_baselines_do_not():
    history = payday_history(days=355)  # 2024-01-01 .. 2024-12-20
    inputs = prepare_queue(history, 14, ForecastSettings(country=None))
    data = origin_data(inputs, history.n_days)  # forecast Dec 21 .. Jan 3
    model = run_model(make_model("weighted_profile"), inputs, data, 14).sum(axis=1)
    baseline = run_model(make_model("historical_average_4w"), inputs, data, 14).sum(axis=1)
    # Rows 11-13 are Jan 1-3, truly 1.5x a normal day's 400 contacts; the model gets most of
    # it (smoothing with the 31st and 4th and shrinkage take some), while the 4-week average
    # only carries what Dec 1-3 left in its weekdays' means.
    assert model[:11].mean() == pytest.approx(400, rel=0.05)
    assert 1.3 < model[11:].mean() / model[:11].mean() < 1.5
    assert baseline[11:].mean() / baseline[:11].mean() < 1.15


def test_a_payday_peak_is_put_down_to_its_day_of_the_month():
    from forecasting import forecast_dataset

    history = payday_history(days=363)  # 2024-01-01 .. 2024-12-28: forecast Dec 29 .. Jan 4
    frame = history.to_intervals()
    settings = ForecastSettings(country=None, candidates=("weighted_profile",), n_origins=2)
    peaks = forecast_dataset(frame, 7, settings).peaks
    # The paydays, and only they: open round the clock, the three run into one peak across
    # their midnights, each day's cause named.
    assert len(peaks) == 1
    assert (peaks.loc[0, "start"], peaks.loc[0, "end"]) == (
        pd.Timestamp("2025-01-01"),
        pd.Timestamp("2025-01-04"),
    )
    causes = peaks.loc[0, "reason"].split("; ")
    assert [cause[: len("day of month: the 1st usually brings")] for cause in causes] == [
        f"day of month: the {day} usually brings" for day in ("1st", "2nd", "3rd")
    ]
    assert "trend" not in peaks.loc[0, "reason"]
