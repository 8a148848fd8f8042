"""Shared intraday shapes: sparse weekdays borrow the shape of alike weekdays, busy or unlike ones do not."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from forecasting.history import QueueHistory
from forecasting.pipeline import origin_data, prepare_queue, run_model
from forecasting.registry import make_model
from forecasting.settings import ForecastSettings
from forecasting.shared_shapes import SharedShapes, chi2_ratio, prior_weight, shared_shapes

SLOTS = 48
WEEKS = 8
MONDAY = pd.Timestamp("2024-01-01")


def office_shape(peak_slot: int = 20) -> np.ndarray:
    """Shares over a 08:00-18:00 day (slots 16..35) peaking at `peak_slot`."""
    shape = np.zeros(SLOTS)
    open_slots = np.arange(16, 36)
    shape[open_slots] = np.exp(-(((open_slots - peak_slot) / 5.0) ** 2))
    return shape / shape.sum()


def desk(daily: float, shapes: dict[int, np.ndarray], weeks: int = WEEKS, seed: int = 1):
    """Poisson counts of `weeks` weeks; weekdays not in `shapes` are closed. Returns the history
    and the true means (days, slots)."""
    days = 7 * weeks
    means = np.zeros((days, SLOTS))
    for day in range(days):
        weekday = (MONDAY.day_of_week + day) % 7
        if weekday in shapes:
            means[day] = daily * shapes[weekday]
    counts = np.random.default_rng(seed).poisson(means).astype(float)
    open_mask = np.array(
        [shapes[w] > 0 if w in shapes else np.zeros(SLOTS, bool) for w in range(7)]
    )
    return QueueHistory("desk", 30, MONDAY, counts, open_mask), means


def test_prior_weight_solves_the_dirichlet_multinomial_moments_by_hand():
    # dispersion = 1 + (n - 1) / (k + 1): n = 101, dispersion 3 -> k = 49, weight 49 / 150.
    assert prior_weight(101, 3.0) == pytest.approx(49 / 150)
    # No more spread than Poisson noise: take the pool's shape whole.
    assert prior_weight(101, 0.9) == 1.0
    # Far more spread than noise: k -> 0, keep the weekday's own shape.
    assert prior_weight(10_000, 500.0) < 0.01


def test_chi2_ratio_of_a_hand_table():
    # Counts [10, 30] against [30, 10]: expected 20 in every cell, chi-square 4 x 100 / 20 = 20
    # on 1 degree of freedom.
    mask = np.array([True, True])
    assert chi2_ratio(np.array([10.0, 30.0]), np.array([30.0, 10.0]), mask) == pytest.approx(20.0)
    assert chi2_ratio(np.array([10.0, 10.0]), np.array([20.0, 20.0]), mask) == pytest.approx(0.0)


def test_apply_keeps_each_days_total_and_moves_by_the_weight():
    pooled = np.zeros((7, 4))
    pooled[:] = [0.25, 0.25, 0.25, 0.25]
    shapes = SharedShapes(pooled, np.array([0.5, 0, 0, 0, 0, 0, 0]))
    forecast = np.array([[8.0, 0.0, 0.0, 0.0], [8.0, 0.0, 0.0, 0.0]])
    moved = shapes.apply(forecast, np.array([0, 1]))
    np.testing.assert_allclose(moved[0], [5.0, 1.0, 1.0, 1.0])  # halfway to 2, 2, 2, 2
    np.testing.assert_allclose(moved[1], forecast[1])  # weight 0: unchanged
    np.testing.assert_allclose(moved.sum(axis=1), forecast.sum(axis=1))


def test_a_sparse_desk_borrows_and_its_shapes_get_closer_to_the_truth():
    # 60 contacts a day over 20 slots, the same shape Monday to Friday: one weekday's 8 weeks
    # hold about 480 contacts, a noisy split; pooled with the four others it is 5x the data.
    shape = office_shape()
    history, means = desk(60, {w: shape for w in range(5)})
    shapes = shared_shapes(history)
    assert (shapes.weight[:5] > 0.5).all()
    counts = np.nansum(history.values[0::7], axis=0)  # Mondays
    own = counts / counts.sum()
    assert np.abs(shapes.pooled[0] - shape).sum() < 0.6 * np.abs(own - shape).sum()


def test_a_busy_desk_with_a_different_monday_keeps_mondays_own_shape():
    # 5,000 contacts a day: Monday peaks at 09:00, the other weekdays at 14:00. Their counts
    # differ far beyond noise, so Monday is not pooled; Tuesday..Friday pool with each other.
    shapes_by_day = {0: office_shape(18), **{w: office_shape(28) for w in range(1, 5)}}
    history, _ = desk(5000, shapes_by_day)
    shapes = shared_shapes(history)
    assert shapes.weight[0] == 0.0
    np.testing.assert_allclose(shapes.pooled[0], 0.0)
    assert (shapes.weight[1:5] > 0.5).all()  # alike busy weekdays: noise only, so pooled


def test_a_weekend_unlike_the_week_is_not_pooled_with_it():
    # Saturday opens 08:00-13:00 with its rush at 08:30; the week peaks at 14:00. Within
    # Saturday's hours the two shapes still differ far beyond noise: no pooling either way.
    saturday = office_shape(17)
    saturday[26:] = 0
    saturday /= saturday.sum()
    weekday = office_shape(28)
    history, _ = desk(300, {**{w: weekday for w in range(5)}, 5: saturday})
    shapes = shared_shapes(history)
    assert shapes.weight[5] == 0.0
    assert (shapes.weight[:5] > 0.5).all()
    # The weekdays' pool holds no Saturday: its share before 10:00 is the weekdays' own.
    assert shapes.pooled[0, 16:20].sum() == pytest.approx(weekday[16:20].sum(), abs=0.01)


def test_the_models_forecast_of_a_sparse_desk_improves_and_baselines_are_untouched():
    shape = office_shape()
    history, means = desk(40, {w: shape for w in range(5)}, weeks=WEEKS + 2, seed=7)
    origin = 7 * WEEKS
    inputs = prepare_queue(history.truncate(origin), 14, ForecastSettings(country=None))
    data = origin_data(inputs, origin)
    unpooled = replace(data, shapes=None)
    truth = means[origin : origin + 14]

    def error(name: str, origin_data) -> float:
        forecast = run_model(make_model(name), inputs, origin_data, 14)
        return float(np.abs(forecast - truth).sum())

    assert error("smoothed_profile", data) < 0.8 * error("smoothed_profile", unpooled)
    assert error("historical_average_4w", data) == error("historical_average_4w", unpooled)
