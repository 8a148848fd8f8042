"""Outlier detection: a lone spike is flagged, a recent level shift is not."""

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import QueueHistory
from forecasting.outliers import (
    _nan_median_first_axis,
    detect_outliers,
    outlier_table,
    recent_one_off_days,
)
from forecasting.synthetic import synthetic_means

FAST = ("seasonal_naive", "historical_average_4w", "weighted_profile", "relevelled_profile")


def flat_history(weeks: int = 10) -> QueueHistory:
    rng = np.random.default_rng(0)
    values = rng.poisson(50, size=(7 * weeks, 8)).astype(float)
    return QueueHistory("q", 180, pd.Timestamp("2024-01-01"), values, np.ones((7, 8), bool))


def test_sorted_median_matches_numpy_nanmedian():
    rng = np.random.default_rng(3)
    stack = rng.poisson(5, size=(8, 40, 6)).astype(float)
    stack[rng.random(stack.shape) < 0.4] = np.nan
    stack[:, 0, 0] = np.nan  # nothing there: NaN
    count = (~np.isnan(stack)).sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanmedian(stack, axis=0)
    np.testing.assert_array_equal(_nan_median_first_axis(stack, count), expected)
    assert np.isnan(_nan_median_first_axis(stack, count)[0, 0])


def test_a_spike_is_flagged_and_reported():
    history = flat_history()
    values = history.values.copy()
    values[30, 3] = 500
    spiky = history.with_values(values)
    flagged = detect_outliers(spiky)
    assert flagged[30, 3]
    assert flagged.sum() == 1
    table = outlier_table(spiky, flagged)
    assert table["interval_start"].iloc[0] == pd.Timestamp("2024-01-31 09:00")
    assert table["volume"].iloc[0] == 500
    assert 40 < table["usual"].iloc[0] < 60


def test_a_recent_level_shift_is_not_an_outlier():
    history = flat_history()
    values = history.values.copy()
    values[-10:] *= 3  # the last 10 days tripled: too recent to judge
    assert not detect_outliers(history.with_values(values)).any()


def test_a_spike_in_the_last_days_is_flagged():
    # Six days before the end: too recent to judge a whole day, but a single interval at 10x
    # its neighbours is a spike, not a new level.
    history = flat_history()
    values = history.values.copy()
    values[-6, 2] = 500
    flagged = detect_outliers(history.with_values(values))
    assert np.argwhere(flagged).tolist() == [[7 * 10 - 6, 2]]


def test_four_weeks_are_enough_to_flag_a_spike():
    # 28 days: each day has three same-weekday neighbours, enough to call 500 against ~50 odd.
    history = flat_history(weeks=4)
    values = history.values.copy()
    values[9, 5] = 500
    flagged = detect_outliers(history.with_values(values))
    assert np.argwhere(flagged).tolist() == [[9, 5]]


def test_a_recent_storm_day_is_cleaned_once_the_days_after_it_are_back_to_normal():
    # Ten days before the end, one whole day at 4x: the nine days after it are ordinary, so it
    # was a storm, not a new level.
    history = flat_history()
    values = history.values.copy()
    values[-10] *= 4
    flagged = detect_outliers(history.with_values(values))
    assert flagged[-10].all()
    assert flagged.sum() == 8
    assert recent_one_off_days(history.with_values(values), flagged) == [
        (7 * 10 - 10, pytest.approx(4.0, rel=0.1))
    ]


def test_two_storm_days_in_a_row_are_both_cleaned():
    history = flat_history()
    values = history.values.copy()
    values[-9:-7] *= 4
    flagged = detect_outliers(history.with_values(values))
    assert flagged[-9:-7].all() and flagged.sum() == 16


def test_a_last_day_at_ten_times_its_usual_is_a_one_off_but_one_at_1_5x_is_kept():
    history = flat_history()
    values = history.values.copy()
    values[-1] *= 10
    assert detect_outliers(history.with_values(values))[-1].all()
    values = history.values.copy()
    values[-1] *= 1.5  # could be the first day of a new level: kept
    assert not detect_outliers(history.with_values(values)).any()


def test_a_day_after_which_the_level_stayed_up_is_not_cleaned():
    # The day stood out, and so did the days after it: the level moved.
    history = flat_history()
    values = history.values.copy()
    values[-5:] *= 3
    assert not detect_outliers(history.with_values(values)).any()


def quiet_history(mean: float, weeks: int = 10) -> QueueHistory:
    """8 slots a day at `mean` contacts each: too few for one empty slot to stand out."""
    rng = np.random.default_rng(5)
    values = rng.poisson(mean, size=(7 * weeks, 8)).astype(float)
    return QueueHistory("q", 180, pd.Timestamp("2024-01-01"), values, np.ones((7, 8), bool))


@pytest.mark.parametrize("day", [20, 62])  # weeks back, and 8 days before the end
def test_an_open_day_without_a_single_contact_is_an_outage(day):
    history = quiet_history(4.0)  # 32 a day: no slot of 0 is 5 noise widths from 4
    values = history.values.copy()
    values[day] = 0.0
    outage = history.with_values(values)
    flagged = detect_outliers(outage)
    assert flagged[day].all() and flagged.sum(axis=1)[np.arange(70) != day].max() < 8
    assert detect_outliers(history)[day].sum() == 0  # the same day with its contacts stays
    if day == 62:  # recent: named in the forecast notes
        assert recent_one_off_days(outage, flagged) == [(62, 0.0)]


def test_empty_days_of_a_sparse_queue_or_at_the_very_end_are_no_outage():
    sparse = quiet_history(0.5)  # 4 a day: an empty day happens
    values = sparse.values.copy()
    values[40] = 0.0
    assert not detect_outliers(sparse.with_values(values))[40].any()
    # The last days empty: an export cut short or a queue that stopped, for the data-end check.
    history = quiet_history(4.0)
    values = history.values.copy()
    values[-2:] = 0.0
    assert not detect_outliers(history.with_values(values))[-2:].any()
    # Two Thursdays in a row empty: a closing pattern (a new rota), not an outage.
    values = history.values.copy()
    values[[38, 45]] = 0.0
    assert not detect_outliers(history.with_values(values))[[38, 45]].any()


def test_a_surge_week_that_passed_is_cleaned_but_a_lasting_step_is_not():
    # Every day of one week at x1.8 (a storm week), then a week back at the usual: slot by slot
    # only its peaks clear the noise, and each surge day has the others as its days after.
    history = flat_history(weeks=20)
    values = history.values.copy()
    values[-14:-7] *= 1.8
    flagged = detect_outliers(history.with_values(values))
    assert flagged[-14:-7].all() and flagged[:-14].sum() + flagged[-7:].sum() <= 2
    assert [row for row, _ in recent_one_off_days(history.with_values(values), flagged)] == list(
        range(7 * 20 - 14, 7 * 20 - 7)
    )
    # The same step lasting to the end is a new level: no day of it is left out (a stray
    # interval may be), none named.
    for weeks, ratio in ((2, 1.8), (3, 1.8), (4, 1.4), (4, 2.5)):
        values = history.values.copy()
        values[-7 * weeks :] *= ratio
        stepped = history.with_values(values)
        flagged = detect_outliers(stepped)
        assert not flagged.all(axis=1).any() and not recent_one_off_days(stepped, flagged)


def test_a_surge_week_is_cleaned_once_three_open_days_after_it_are_back():
    # A forecast made days after a storm week must not carry it as a trend; with fewer than three
    # days back there is not enough to tell a passing surge from the start of a new level.
    history = flat_history(weeks=20)
    for days_back, cleaned in ((4, True), (3, True), (2, False), (0, False)):
        values = history.values.copy()
        end = len(values) - days_back
        values[end - 7 : end] *= 1.8
        flagged = detect_outliers(history.with_values(values))
        assert flagged[end - 7 : end].all(axis=1).all() == cleaned, days_back
        assert not flagged[end:].all(axis=1).any()


def test_the_forecast_four_days_after_a_surge_week_is_at_the_usual_level():
    days = 7 * 16 + 4  # 2024-01-01 .. Thu 25 Apr 2024, Mon-Fri 08-18
    times, means = synthetic_means(days + 7, level=50)
    surge = means.copy()
    surge[days - 11 : days - 6] *= 1.8  # Mon 15 - Fri 19 Apr, then Mon-Thu back at the usual
    counts = np.random.default_rng(4).poisson(surge).ravel().astype(float)
    frame = pd.DataFrame({"interval_start": times, "queue": "q", "volume": counts})
    frame = frame[(means.ravel() > 0) & (times < pd.Timestamp("2024-04-26"))]
    settings = ForecastSettings(country=None, candidates=FAST, n_origins=2)
    result = forecast_dataset(frame, 7, settings)
    truth = means[days : days + 7].sum()
    assert result.forecast["forecast"].sum() == pytest.approx(truth, rel=0.05)
    # Left in, the surge week lifted this forecast by 15% ("trend: recent level above usual").
    [note] = [n for n in result.notes if "left out of the training as a one-off" in n]
    assert note.startswith("q: Mon 15 Apr – Fri 19 Apr 2024 (5 days) brought x1.")


def test_a_surge_week_at_the_same_time_a_year_before_is_seasonal_and_kept():
    history = flat_history(weeks=72)
    values = history.values.copy()
    for start in (100, 100 + 364):  # five days at x1.8, twice 52 weeks apart
        values[start : start + 5] *= 1.8
    assert not detect_outliers(history.with_values(values))[[100, 464]].all(axis=1).any()
    values[100:105] = history.values[100:105]  # alone, the later one is an incident
    assert detect_outliers(history.with_values(values))[464:469].all()


def test_a_low_week_is_not_left_out_whole():
    # Lost contacts tend to come back in the days after, or a lower level sets in: kept.
    history = flat_history(weeks=12)
    values = history.values.copy()
    values[40:47] = np.floor(values[40:47] / 2)
    assert not detect_outliers(history.with_values(values))[40:47].all(axis=1).any()


def test_the_forecast_after_a_surge_week_is_back_at_the_usual_level_and_names_it():
    days = 7 * 20  # 2024-01-01 .. 2024-05-19, Mon-Fri 08-18, ~1,000 a day
    times, means = synthetic_means(days, level=50)
    surge = means.copy()
    surge[days - 28 : days - 21] *= 1.8  # Mon 22 - Fri 26 Apr, then three weeks back
    counts = np.random.default_rng(4).poisson(surge).ravel().astype(float)
    frame = pd.DataFrame({"interval_start": times, "queue": "q", "volume": counts})
    frame = frame[means.ravel() > 0]
    settings = ForecastSettings(country=None, candidates=FAST, n_origins=2)
    # A week after it, the surge days are named in one note; two weeks after, no longer.
    for origin, named in (("2024-05-06", 1), ("2024-05-13", 0)):
        result = forecast_dataset(frame, 7, replace(settings, origin=origin))
        week = int((pd.Timestamp(origin) - pd.Timestamp("2024-01-01")).days)
        truth = means[week : week + 7].sum()
        assert result.forecast["forecast"].sum() == pytest.approx(truth, rel=0.05)
        one_offs = [n for n in result.notes if "left out of the training as a one-off" in n]
        assert len(one_offs) == named
        if named:
            assert one_offs[0].startswith("q: Mon 22 Apr – Fri 26 Apr 2024 (5 days) brought x1.")
            assert "their usual contacts and were left out" in one_offs[0]
