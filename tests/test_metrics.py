"""Accuracy measures, hand-checked on tiny arrays."""

import numpy as np
import pytest
from scipy import stats

from forecasting.metrics import (
    bias,
    coverage,
    mase,
    pinball,
    poisson_mean_abs_deviation,
    poisson_noise_floor,
    seasonal_naive_scale,
    wape,
)

ACTUAL = np.array([10.0, 20.0, np.nan])
FORECAST = np.array([12.0, 15.0, 5.0])


def test_wape_ignores_missing_actuals():
    # (|10 - 12| + |20 - 15|) / (10 + 20) = 7 / 30; the NaN actual drops out.
    assert wape(ACTUAL, FORECAST) == pytest.approx(7 / 30)


def test_wape_of_no_volume_is_nan():
    assert np.isnan(wape(np.array([0.0, np.nan]), np.array([1.0, 1.0])))


def test_bias_is_signed_relative_error():
    # (12 + 15 - 30) / 30 = -0.1: under-forecast.
    assert bias(ACTUAL, FORECAST) == pytest.approx(-0.1)


def test_mase_divides_mae_by_the_seasonal_naive_scale():
    # MAE = (2 + 5) / 2 = 3.5, scale 2 -> 1.75.
    assert mase(ACTUAL, FORECAST, scale=2.0) == pytest.approx(1.75)


def test_seasonal_naive_scale_is_mean_absolute_seasonal_difference():
    # season 3: |5 - 1|, |7 - 2|, |9 - 3| -> mean 5 (Hyndman & Koehler 2006, m = season).
    assert seasonal_naive_scale(np.array([1, 2, 3, 5, 7, 9.0]), 3) == pytest.approx(5.0)
    assert seasonal_naive_scale(np.array([1, 2, np.nan, 5, 7, 9.0]), 3) == pytest.approx(4.5)


def test_coverage_counts_actuals_inside_the_band():
    actual = np.array([1.0, 5.0, 9.0, np.nan])
    assert coverage(actual, np.full(4, 2.0), np.full(4, 9.0)) == pytest.approx(2 / 3)


def test_pinball_loss_by_hand():
    # q = 0.9: actual 10 under forecast 12 costs 0.1 * 2 = 0.2; actual 20 over 15 costs
    # 0.9 * 5 = 4.5; mean 2.35.
    assert pinball(ACTUAL, FORECAST, 0.9) == pytest.approx(2.35)
    # q = 0.5 is half the absolute error: (2 + 5) / 2 / 2.
    assert pinball(ACTUAL, FORECAST, 0.5) == pytest.approx(1.75)


def test_poisson_mean_deviation_closed_form_matches_the_sum():
    # m = 1: 2 * 1 * P(X = 1) = 2 / e; the others against sum |k - m| P(X = k) directly.
    assert poisson_mean_abs_deviation(np.array([1.0]))[0] == pytest.approx(2 / np.e)
    means = np.array([0.0, 0.3, 2.5, 7.0, 40.0])
    k = np.arange(200)[:, None]
    direct = (np.abs(k - means) * stats.poisson.pmf(k, means)).sum(axis=0)
    np.testing.assert_allclose(poisson_mean_abs_deviation(means), direct, atol=1e-12)


def test_noise_floor_over_the_positions_with_an_actual():
    actual = np.array([[2.0, np.nan], [4.0, 1.0]])
    forecast = np.array([[1.0, 5.0], [1.0, 0.0]])
    # E|Pois(1) - 1| twice (2 / e each), nothing for a rate of 0, over 2 + 4 + 1 actual.
    assert poisson_noise_floor(actual, forecast) == pytest.approx(4 / np.e / 7)
