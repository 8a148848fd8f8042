"""Seasonal models on a seeded synthetic series with a known pattern and a growing level."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.history import history_from_intervals
from forecasting.metrics import wape
from forecasting.registry import make_model
from forecasting.synthetic import synthetic_intervals, synthetic_means
from forecasting.top_down import intraday_shares, log_mean_shift

DAYS = 7 * 16
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def rolling_wape(name: str, growth: float) -> float:
    """Interval WAPE over three 14-day origins at the end of the series."""
    frame = synthetic_intervals(DAYS, seed=3, level=100, weekly_growth=growth)
    history = history_from_intervals(frame, "desk")
    actual, forecast = [], []
    for origin in (history.n_days - 14 - 7 * k for k in range(3)):
        model = make_model(name).fit(history.truncate(origin))
        forecast.append(model.predict_days(14) * history.open_rows(origin, 14))
        actual.append(history.values[origin : origin + 14])
    return wape(np.array(actual), np.array(forecast))


@pytest.mark.parametrize("name", ["holt_winters_top_down", "mstl_top_down"])
def test_top_down_beats_the_four_week_average_on_a_growing_series(name):
    # 3 % a week: the 4-week average lags about two weeks behind; the damped trend keeps up.
    baseline = rolling_wape("historical_average_4w", 0.03)
    assert rolling_wape(name, 0.03) < 0.8 * baseline


def test_top_down_matches_the_baseline_on_a_flat_series():
    baseline = rolling_wape("historical_average_4w", 0.0)
    assert rolling_wape("holt_winters_top_down", 0.0) < 1.02 * baseline


def test_intraday_shares_recover_the_true_profile():
    frame = synthetic_intervals(7 * 8, seed=5, level=200)
    history = history_from_intervals(frame, "desk")
    _, means = synthetic_means(7, level=200)  # 2024-01-01 is a Monday: rows are Mon..Sun
    true_shares = means[0] / means[0].sum()
    shares = intraday_shares(history)
    assert shares[0].sum() == pytest.approx(1.0)
    assert np.abs(shares[0] - true_shares).sum() < 0.05
    assert shares[5].sum() == 0.0  # Saturday is closed: nothing to share out
    assert (shares[0][means[0] == 0] == 0).all()


def test_a_flat_empty_series_forecasts_zero_without_warnings():
    import warnings

    from forecasting.top_down import damped_holt

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # statsmodels' log(0) AIC must not reach the user
        forecast = damped_holt(np.zeros(100), 7, 7)
    np.testing.assert_array_equal(forecast, np.zeros(7))


def test_holt_winters_follows_a_modest_recent_rise_in_level():
    # A year of noisy daily totals (12% day-to-day noise) whose last six weeks run 5% higher.
    # Left free, the fit sets the level's smoothing to ~0 and forecasts the old level (+1.7% on
    # average over these seeds); with the floor the level moves most of the way.
    from forecasting.top_down import damped_holt

    weekday = np.log([1500, 1500, 1500, 1500, 1500, 600, 250])
    days = np.arange(364)
    rises = []
    for seed in range(6):
        rng = np.random.default_rng(seed)
        level = np.where(days >= 364 - 42, 0.05, 0.0) + weekday[days % 7]
        series = np.log1p(rng.poisson(np.exp(level + rng.normal(0, 0.12, days.size))))
        forecast = damped_holt(series, 7, 7)
        rises.append(np.mean(forecast - weekday[np.arange(364, 371) % 7]))
    assert np.mean(rises) > 0.035


def test_holt_winters_after_a_gap_longer_than_eight_weeks_stays_at_the_level():
    # A backtest origin right at the end of nine weeks missing from the export: the gap's days
    # beyond eight weeks from any data are filled with each weekday's usual, not zeros, which
    # had Holt-Winters forecast the next fortnight at nearly nothing.
    frame = synthetic_intervals(7 * 30, seed=5, level=100)
    history = history_from_intervals(frame, "desk")
    values = history.values.copy()
    values[-9 * 7 :] = np.nan
    model = make_model("holt_winters_top_down").fit(history.with_values(values))
    level = np.nansum(history.values[-10 * 7 : -9 * 7])  # the last week before the gap
    assert model.predict_days(7).sum() == pytest.approx(level, rel=0.1)


def test_the_first_fit_after_statsmodels_loads_prints_no_convergence_warning():
    # statsmodels' import sets "always" filters for its own warnings; imported inside the
    # fit's "ignore", it put them first, so the first fit of a fresh process (a CLI run)
    # printed "ConvergenceWarning: Optimization failed to converge" on a flat series.
    script = (
        "import numpy as np\n"
        "from forecasting.top_down import damped_holt\n"
        "print(damped_holt(np.full(55, 2.3236), 3, 7).round(4).tolist())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[2.3236, 2.3236, 2.3236]"
    assert "Warning" not in done.stderr


def test_each_weekday_is_raised_by_half_its_own_log_variance_leaning_on_the_pooled_one():
    """20 weeks of one-step residuals: Mondays +-0.2 (variance 0.04), Saturdays +-0.6 (0.36),
    Tuesday to Friday 0, Sundays closed. Pooled over the 120 days with contacts: 8 / 120 =
    0.0667. Monday: (20 x 0.04 + 10 x 0.0667) / 30 = 0.0489, halved 0.0244; Saturday:
    (20 x 0.36 + 0.667) / 30 = 0.2622, halved 0.1311; Tuesday (0 + 0.667) / 30 = 0.0222, halved
    0.0111; the closed Sunday, never seen with contacts, 0 (FPP3 section 5.6: sigma^2 / 2)."""
    weekdays = np.arange(140) % 7
    sign = np.where(np.arange(140) // 7 % 2 == 0, 1.0, -1.0)
    residuals = np.select([weekdays == 0, weekdays == 5], [0.2 * sign, 0.6 * sign], 0.0)
    log_totals = np.where(weekdays == 6, 0.0, 7.0)
    shift = log_mean_shift(log_totals, residuals, weekdays, np.arange(7))
    assert shift == pytest.approx(
        [0.02444, 0.01111, 0.01111, 0.01111, 0.01111, 0.13111, 0.0], abs=1e-5
    )


def test_a_weekday_of_a_handful_of_contacts_keeps_its_median():
    """The same residuals as above, but Saturdays typically hold 5 contacts (log1p 1.79) and
    Mondays 10 (log1p 2.40): counts that small are too discrete to read their log scatter as
    log-normal, so Saturday is not raised; Monday, at the 10-contact bar, is."""
    weekdays = np.arange(140) % 7
    sign = np.where(np.arange(140) // 7 % 2 == 0, 1.0, -1.0)
    residuals = np.select([weekdays == 0, weekdays == 5], [0.2 * sign, 0.6 * sign], 0.0)
    log_totals = np.select(
        [weekdays == 6, weekdays == 5, weekdays == 0], [0.0, np.log1p(5), np.log1p(10)], 7.0
    )
    shift = log_mean_shift(log_totals, residuals, weekdays, np.arange(7))
    assert shift == pytest.approx([0.02444, 0.01111, 0.01111, 0.01111, 0.01111, 0.0, 0.0], abs=1e-5)


def test_holt_winters_top_down_forecasts_each_weekdays_mean_when_the_small_day_scatters_more():
    """A year of a flat desk whose Mondays to Thursdays scatter log-normally with log sd 0.1 and
    whose smaller Friday with log sd 0.6. Averaged over 8 seeded histories, the forecast day
    totals match each weekday's mean: exp(0.1^2 / 2) = 1.005 and exp(0.6^2 / 2) = 1.197 times its
    median. Exponentiating the forecast of the logs gives the medians (Friday 16% low); one
    pooled variance, (4 x 0.01 + 0.36) / 5 = 0.08, raises Monday to Thursday by about 4%."""
    weeks = 52
    ratios = []
    for seed in range(8):
        rng = np.random.default_rng(seed)
        frame = synthetic_intervals(7 * weeks, seed=seed, level=400)
        days = frame["interval_start"].dt.normalize()
        unique_days = days.unique()
        log_sd = np.where(unique_days.day_of_week == 4, 0.6, 0.1)
        factor = pd.Series(np.exp(log_sd * rng.standard_normal(unique_days.size)), unique_days)
        frame["volume"] = frame["volume"] * days.map(factor).to_numpy()
        history = history_from_intervals(frame, "desk")
        forecast = make_model("holt_winters_top_down").fit(history).predict_days(14).sum(axis=1)
        weekdays = history.weekdays(history.n_days, 14)
        means = synthetic_means(7 * weeks, level=400)[1].sum(axis=1)[:7]  # Monday first
        expected = means[weekdays] * np.exp(np.where(weekdays == 4, 0.18, 0.005))
        ratios.append(
            [
                forecast[weekdays < 4].sum() / expected[weekdays < 4].sum(),
                forecast[weekdays == 4].sum() / expected[weekdays == 4].sum(),
            ]
        )
    busy, friday = np.mean(ratios, axis=0)
    assert busy == pytest.approx(1.0, abs=0.025)
    assert friday == pytest.approx(1.0, abs=0.05)
