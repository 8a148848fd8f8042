"""Forecast speed: work repeated at every backtest origin is done once per queue and cut, with
results identical to reading each origin afresh. The outage check reads the same weekday and
slot neighbours of the whole history once and reads again only the last four weeks at each
origin (a day further back has all its neighbours inside the origin's history), falling back to a
whole read where the origin's history is no start of the whole one (moved to another clock); the
outlier check cuts its median and MAD from the forecast's origin's reading alike; the days an
outage left unrecorded are read once for choosing the origins and scoring them; the clock-shift
check judges every Sunday in one numpy pass, with the deviances a loop over the Sundays gives and
the switches of a UTC export at the EU daylight-saving Sundays found as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting import ForecastSettings
from forecasting import outliers as outliers_module
from forecasting.backtest import choose_origins, unrecorded_days
from forecasting.clock_shift import (
    EXPECTED_FLOOR,
    SUNDAY,
    WEEKS_AROUND,
    _deviances,
    _window_profiles,
    find_clock_shift,
)
from forecasting.history import QueueHistory, history_from_intervals
from forecasting.outliers import NeighbourReading, _neighbour_median, _neighbour_stats, outage_days
from forecasting.pipeline import origin_data, prepare_queue


@pytest.fixture(scope="module")
def tech_axa_year(shared_data) -> QueueHistory:
    """Tech. Axa's 2012 (30-minute counts, missing slots NaN), with two weekdays of a June week
    emptied as by a phone outage."""
    dataset = import_files([shared_data / "axa" / "series" / "Tech. Axa.csv"])
    frame = dataset.intervals
    frame = frame[
        (frame["interval_start"] >= "2012-01-02") & (frame["interval_start"] < "2013-01-01")
    ]
    history = history_from_intervals(frame, "Tech. Axa", 30)
    values = history.values.copy()
    outage = np.flatnonzero(
        (history.first_day + pd.to_timedelta(np.arange(history.n_days), unit="D")).isin(
            pd.to_datetime(["2012-06-12", "2012-06-13"])
        )
    )
    values[outage] = np.where(np.isnan(values[outage]), np.nan, 0.0)
    return history.with_values(values)


def test_a_cut_reading_is_the_prefix_read_afresh_at_every_length(tech_axa_year):
    values = np.where(tech_axa_year.observed_days()[:, None], tech_axa_year.values, np.nan)
    whole = NeighbourReading.of(values)
    for days in (1, 5, 27, 28, 29, 55, 56, 57, 100, 200, tech_axa_year.n_days):
        median, seen = (lambda r: (r.median, r.seen))(whole.cut(values[:days]))
        fresh_median, _, fresh_seen = _neighbour_stats(values[:days])
        assert np.array_equal(median, fresh_median, equal_nan=True)
        assert np.array_equal(seen, fresh_seen)
    moved = values[:150].copy()
    moved[10, 20] += 1  # no start of the whole history: read afresh, not cut
    assert np.array_equal(whole.cut(moved).median, _neighbour_median(moved)[0], equal_nan=True)


def test_outages_read_from_the_whole_history_match_each_origin_read_alone(tech_axa_year):
    ordinary = tech_axa_year.observed_days()
    whole = NeighbourReading.of(np.where(ordinary[:, None], tech_axa_year.values, np.nan))
    found = []
    for origin in range(170, tech_axa_year.n_days + 1, 3):
        history = tech_axa_year.truncate(origin)
        alone = outage_days(history, ordinary[:origin])
        assert np.array_equal(outage_days(history, ordinary[:origin], whole), alone)
        found.append(np.flatnonzero(alone).tolist())
    # The two emptied weekdays, rows 162 and 163 (Tue 12 and Wed 13 Jun), are outages once a
    # later day brings contacts again.
    assert found[0] == [162, 163] and found[-1][-2:] == [162, 163]


@pytest.mark.parametrize("clean_outliers", [False, True])
def test_the_backtest_origins_sort_the_whole_historys_neighbours_once(
    tech_axa_year, monkeypatch, clean_outliers
):
    inputs = prepare_queue(
        tech_axa_year, 7, ForecastSettings(country="FR", clean_outliers=clean_outliers)
    )
    sorted_days: list[int] = []
    original = outliers_module._nan_median_first_axis

    def counting(stack: np.ndarray, count: np.ndarray) -> np.ndarray:
        if stack.ndim == 3 and stack.shape[2] > 1:  # the slots' neighbours, not day totals
            sorted_days.append(stack.shape[1])
        return original(stack, count)

    monkeypatch.setattr(outliers_module, "_nan_median_first_axis", counting)
    n_days = tech_axa_year.n_days
    # As forecast_dataset reads them: the forecast's origin, then the backtest's.
    for origin in (n_days, n_days - 28, n_days - 21, n_days - 14, n_days - 7):
        origin_data(inputs, origin)
    # Before: at each origin two sorts of its whole history for the outages (median and MAD)
    # and two for the outliers, 20 sorts of 337-365 days; now the year once for the outages,
    # once for the outliers' median and once for their MAD, then the last 8 weeks.
    if clean_outliers:
        assert sorted_days == [n_days] * 3 + [56] * 3 * 4
    else:
        assert sorted_days == [n_days] + [56] * 4


def test_outliers_cut_from_a_longer_reading_are_those_read_alone(tech_axa_year):
    longest = outliers_module.LongestReading()
    n_days = tech_axa_year.n_days
    flagged = outliers_module.detect_outliers(tech_axa_year, longest=longest)
    assert np.array_equal(flagged, outliers_module.detect_outliers(tech_axa_year))
    for origin in range(170, n_days, 3):
        history = tech_axa_year.truncate(origin)
        alone = outliers_module.detect_outliers(history)
        assert np.array_equal(outliers_module.detect_outliers(history, longest=longest), alone)
    assert longest.reading.values.shape[0] == n_days  # the year stays the one cut from
    # The emptied Tuesday and Wednesday are left out whole: each of their 48 half hours.
    assert flagged[162:164].sum(axis=1).tolist() == [48, 48] and flagged.sum() > 96


def test_every_sundays_deviances_match_a_loop_over_the_sundays(tech_axa_year):
    values = tech_axa_year.values
    slots = values.shape[1]
    weekdays = tech_axa_year.weekdays()
    busy = tech_axa_year.observed_days() & (np.nan_to_num(values).sum(axis=1) > 0)
    counted = np.where(busy[:, None], np.nan_to_num(values), 0.0)
    sundays = np.flatnonzero(weekdays == SUNDAY)
    after = _window_profiles(counted, sundays)
    before = _window_profiles(counted, sundays - 7 * WEEKS_AROUND)
    days_after = _window_profiles(busy[:, None].astype(float), sundays)[:, :, 0] > 0
    vectorised = _deviances(after, before, days_after)
    for i, row in enumerate(sundays):
        # Poisson deviance of the four weeks from the Sunday against the four before, scaled
        # per weekday (McCullagh & Nelder 1989, section 2.3), one Sunday at a time.
        weeks_after = [r for r in range(row, min(row + 28, len(values))) if busy[r]]
        weeks_before = [r for r in range(max(0, row - 28), row) if busy[r]]
        a, b = np.zeros((7, slots)), np.zeros((7, slots))
        for r in weeks_after:
            a[weekdays[r]] += np.nan_to_num(values[r])
        for r in weeks_before:
            b[weekdays[r]] += np.nan_to_num(values[r])
        assert np.array_equal(after[i], a) and np.array_equal(before[i], b)
        kept = sorted({weekdays[r] for r in weeks_after})
        total = b.sum(axis=1, keepdims=True)
        expected = np.maximum(
            b
            * np.divide(
                a.sum(axis=1, keepdims=True), total, where=total > 0, out=np.zeros_like(total)
            ),
            EXPECTED_FLOOR,
        )[kept]
        observed = a[kept]
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        assert vectorised[i] == pytest.approx(2 * (term - (observed - expected)).sum(), rel=1e-12)


def test_a_utc_export_moves_an_hour_at_each_eu_switch_sunday():
    """A Mon-Fri desk open 08:00-18:00 Paris time exported in UTC: 07:00-17:00 in summer time
    (last Sunday of March to last Sunday of October), 08:00-18:00 in winter."""
    rng = np.random.default_rng(7)
    days = pd.date_range("2022-01-03", "2024-06-30", freq="D")
    values = np.zeros((len(days), 48))
    summer = np.zeros(len(days), dtype=bool)
    for start, end in (("2022-03-27", "2022-10-30"), ("2023-03-26", "2023-10-29"),
                       ("2024-03-31", "2024-10-27")):  # fmt: skip
        summer |= (days >= start) & (days < end)
    for row in np.flatnonzero(days.day_of_week < 5):
        first = 14 if summer[row] else 16
        values[row, first : first + 20] = rng.poisson(20, 20)
    history = QueueHistory("desk", 30, days[0], values, np.ones((7, 48), dtype=bool))
    shift = find_clock_shift(history, history.observed_days())
    switches = ["2022-03-27", "2022-10-30", "2023-03-26", "2023-10-29", "2024-03-31"]
    assert [str((days[0] + pd.Timedelta(days=row)).date()) for row in shift.rows] == switches
    assert shift.slots == (-2, 2, -2, 2, -2)


def test_choosing_origins_and_scoring_them_read_the_unrecorded_days_once(
    tech_axa_year, monkeypatch
):
    inputs = prepare_queue(tech_axa_year, 7, ForecastSettings(country="FR"))
    sorted_days: list[int] = []
    original = outliers_module._nan_median_first_axis

    def counting(stack: np.ndarray, count: np.ndarray) -> np.ndarray:
        sorted_days.append(stack.shape[1])
        return original(stack, count)

    monkeypatch.setattr(outliers_module, "_nan_median_first_axis", counting)
    origins = choose_origins(inputs, 4, 7, 7)
    unrecorded = unrecorded_days(inputs)  # as run_backtest reads them again (before: 2 reads)
    assert sorted_days == [tech_axa_year.n_days]
    assert origins == [330, 337, 344, 351] and np.flatnonzero(unrecorded).tolist() == [162, 163]
