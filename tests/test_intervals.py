"""Negative-binomial prediction intervals: exact quantiles, width follows volume, calibration."""

import numpy as np
import pytest
from scipy import stats

from forecasting.intervals import (
    band_coverage,
    calibrate_dispersion,
    nb_quantile,
    quantile_forecasts,
)

MEANS = np.concatenate([np.linspace(0.05, 5, 60), np.linspace(5, 2000, 60)])


@pytest.mark.parametrize("dispersion", [1e-6, 0.02, 0.5])
@pytest.mark.parametrize("q", [0.05, 0.1, 0.5, 0.8, 0.9, 0.99])
def test_quantiles_match_scipy_nbinom(dispersion, q):
    size = 1 / dispersion
    expected = stats.nbinom.ppf(q, size, size / (size + MEANS))
    np.testing.assert_array_equal(nb_quantile(MEANS, dispersion, q), expected)


def test_zero_mean_gives_zero_band():
    assert nb_quantile(np.array([0.0]), 0.1, 0.9)[0] == 0


def test_band_widens_with_volume_and_is_ordered():
    bands = quantile_forecasts(np.array([2.0, 20.0, 200.0]), 0.01)
    width = bands[0.9] - bands[0.1]
    assert width[0] < width[1] < width[2]
    assert (bands[0.1] <= bands[0.5]).all() and (bands[0.5] <= bands[0.8]).all()
    assert (bands[0.8] <= bands[0.9]).all()


def test_band_coverage_agrees_with_explicit_quantiles():
    rng = np.random.default_rng(1)
    mean = rng.gamma(2, 20, size=2000)
    actual = rng.poisson(mean * rng.gamma(10, 0.1, size=2000)).astype(float)
    for dispersion in (0.001, 0.05, 0.2):
        lower, upper = nb_quantile(mean, dispersion, 0.1), nb_quantile(mean, dispersion, 0.9)
        explicit = ((actual >= lower) & (actual <= upper)).mean()
        assert band_coverage(actual, mean, dispersion, 0.8) == pytest.approx(explicit)


def test_calibration_on_poisson_data_covers_80_percent_out_of_sample():
    rng = np.random.default_rng(7)
    mean = np.tile(rng.uniform(1, 80, size=500), 8)
    actual = rng.poisson(mean).astype(float)
    half = mean.size // 2
    dispersion = calibrate_dispersion(actual[:half], mean[:half])
    assert dispersion.at(mean).max() < 0.01  # Poisson data needs (almost) no extra dispersion
    held_out = band_coverage(actual[half:], mean[half:], dispersion, 0.8)
    assert 0.70 <= held_out <= 0.90


def test_calibration_recovers_overdispersion():
    # Gamma-Poisson mixture with shape 10: Var = mu + 0.1 mu^2, so the true dispersion is 0.1.
    rng = np.random.default_rng(3)
    mean = rng.uniform(20, 300, size=6000)
    actual = rng.poisson(mean * rng.gamma(10, 0.1, size=mean.size)).astype(float)
    dispersion = calibrate_dispersion(actual, mean)
    assert dispersion.slope == pytest.approx(0.0, abs=0.15)  # one d at every level, as simulated
    assert dispersion.at(np.array([20.0, 300.0])) == pytest.approx([0.1, 0.1], rel=0.3)
    assert band_coverage(actual, mean, dispersion, 0.8) == pytest.approx(0.8, abs=0.02)


def test_quantiles_of_an_absurdly_large_mean_end():
    # Above 2**53 consecutive floats are more than 1 apart: the bisection must still stop.
    quantile = nb_quantile(np.array([1e23, 50.0]), 0.05, 0.9)
    assert quantile[0] == pytest.approx(1e23 * 1.3, rel=0.05)
    assert quantile[1] == stats.nbinom.ppf(0.9, 20, 20 / 70)  # size 1/0.05, p = size/(size+mean)
