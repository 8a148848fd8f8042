"""Forecast probes on holiday calendars and clock changes: a night queue whose export lacks a
slot either side of the hour a spring clock change skips (AXA's night queue has no rows from
01:30 to 03:00 on the last Sunday of March 2011) still has that hour learned as skipped, and its
next spring-forward Sunday gets no forecast or staff there, while a longer gap teaches nothing;
and a desk whose configured calendar it works through is told the calendar it keeps even where
that explains no more quiet days: an Italian desk set to FR, which worked 8 May, Ascension,
Whit Monday and 11 November and kept every Italian holiday, is pointed at IT, while a desk
closed on the configured calendar's holidays or on no holidays at all is told nothing, and the
Israeli bank's year is pointed at IL; a second suggestion over the same years (another country
chosen on the Forecast page) builds no holiday calendar again."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting import ForecastSettings, forecast_dataset
from forecasting.clock_change import LAST, SkippedHour, skipped_hours
from forecasting.country import (
    CountryMatch,
    daily_totals,
    match_country,
    quiet_busy_days,
    suggest_holiday_country,
)
from forecasting.history import history_from_intervals

SPRING_2012 = ("2012-03-25 02:00", "2012-03-25 03:00")


def test_the_night_queues_spring_hour_is_skipped_though_the_export_lost_slots_beside_it(
    shared_data,
):
    dataset = import_files([shared_data / "axa" / "series" / "Nuit.csv"])
    times = pd.to_datetime(dataset.intervals["interval_start"])
    spring = dataset.intervals[times.dt.normalize() == "2011-03-27"]
    lost = spring.loc[spring["volume"].isna(), "interval_start"].dt.strftime("%H:%M")
    assert list(lost) == ["01:30", "02:00", "02:30", "03:00"]
    settings = ForecastSettings(country="FR", origin="2012-03-20")
    result = forecast_dataset(dataset, 7, settings)
    forecast = result.forecast
    at = forecast["interval_start"]
    skipped = forecast[(at >= SPRING_2012[0]) & (at < SPRING_2012[1])]
    # Before, 11.3 and 7.9 contacts were forecast (and staffed) for 02:00 and 02:30, which
    # the clock skipped that night.
    assert len(skipped) == 2
    assert (skipped["forecast"] == 0).all() and not skipped["is_open"].any()
    beside = forecast[at.isin(pd.to_datetime(["2012-03-25 01:30", "2012-03-25 03:00"]))]
    assert (beside["forecast"] > 5).all() and beside["is_open"].all()
    assert (
        "Nuit: Sun 25 Mar 2012 02:00–03:00 gets no forecast and no staff: the clock skips that "
        "hour (going forward), as the history shows on Sun 27 Mar 2011, where it has no such "
        "hour."
    ) in result.notes


def _night_queue(lost: tuple[str, str]) -> pd.DataFrame:
    """A 24/7 queue at 30 minutes from Mon 2024-01-01 for 13 weeks, about 10 contacts a slot,
    with no rows from lost[0] up to lost[1]."""
    times = pd.date_range("2024-01-01", periods=13 * 7 * 48, freq="30min")
    calls = np.random.default_rng(3).poisson(10, times.size).astype(float)
    frame = pd.DataFrame({"interval_start": times, "queue": "night", "volume": calls})
    return frame[~((times >= lost[0]) & (times < lost[1]))].reset_index(drop=True)


@pytest.mark.parametrize(
    ("lost", "expected"),
    [
        (("2024-03-31 01:30", "2024-03-31 03:30"), [2]),  # a slot either side: 02:00 skipped
        (("2024-03-31 02:00", "2024-03-31 03:30"), [2]),
        (("2024-03-31 01:00", "2024-03-31 03:00"), []),  # two whole hours: which one?
        (("2024-03-31 00:30", "2024-03-31 03:30"), []),  # an outage of three hours
    ],
)
def test_only_the_one_whole_hour_of_a_short_gap_is_read_as_skipped(lost, expected):
    history = history_from_intervals(_night_queue(lost), "night", 30)
    found = skipped_hours(history)
    assert [rule.hour for rule in found] == expected
    if expected:
        assert found == [SkippedHour(3, LAST, 2, (pd.Timestamp("2024-03-31"),))]


def _desk(kept_country: str | None, start: str = "2024-01-01", days: int = 366) -> pd.Series:
    """Daily contacts of a Mon-Fri desk of about 1,000 a day, shut on `kept_country`'s public
    holidays (none: open on every weekday)."""
    dates = pd.date_range(start, periods=days)
    rng = np.random.default_rng(11)
    totals = pd.Series(np.where(dates.day_of_week < 5, 1000.0, 0.0), index=dates)
    totals *= rng.uniform(0.9, 1.1, days)
    if kept_country:
        shut = pd.DatetimeIndex(list(holidays.country_holidays(kept_country, years=[2024])))
        totals[totals.index.isin(shut)] = 0.0
    return totals


def test_an_italian_desk_set_to_france_is_told_italy_from_the_french_holidays_it_worked():
    totals = _desk("IT")
    quiet = quiet_busy_days(totals)
    # 2024's weekday holidays: the 8 Italian ones all shut; of France's 10, the desk worked
    # 8 May, Ascension (9 May), Whit Monday (20 May) and 11 November.
    assert match_country(quiet, "IT") == CountryMatch("IT", 8, 8)
    french = match_country(quiet, "FR")
    assert (french.kept, french.holidays) == (6, 10)
    suggestion = suggest_holiday_country(totals, "FR")
    # Before: no suggestion, as Italy's 8 kept holidays were not 3 more than France's 6.
    assert suggestion is not None
    assert (suggestion.suggested.country, suggestion.suggested.kept) == ("IT", 8)
    assert suggestion.suggested.worked == 0 and suggestion.current.worked == 4


def test_a_french_desk_set_to_italy_is_told_france_and_the_right_calendars_nothing():
    suggestion = suggest_holiday_country(_desk("FR"), "IT")
    assert (suggestion.suggested.country, suggestion.suggested.kept) == ("FR", 10)
    assert (suggestion.current.kept, suggestion.current.holidays) == (6, 8)
    assert suggest_holiday_country(_desk("IT"), "IT") is None
    assert suggest_holiday_country(_desk("FR"), "FR") is None
    assert suggest_holiday_country(_desk(None), "IT") is None  # no holiday pattern at all
    assert suggest_holiday_country(_desk(None), "FR") is None


def test_the_israeli_banks_year_is_pointed_at_israel(shared_data):
    path = shared_data / "anonymous_bank" / "anonymous_bank_1999_6min_counts.csv"
    totals = daily_totals(import_files([path]).intervals)
    suggestion = suggest_holiday_country(totals, "IT")
    # Passover (1 and 7 Apr), Independence Day (21 Apr), Rosh Hashana (12 Sep) and Yom Kippur
    # (20 Sep) fall on its busy days and were all quiet; of Italy's 10, 2 happened to be.
    assert (suggestion.suggested.country, suggestion.suggested.kept) == ("IL", 5)
    assert suggestion.suggested.holidays == 5
    assert (suggestion.current.kept, suggestion.current.holidays) == (2, 10)
    assert suggest_holiday_country(totals, "IL") is None


def test_a_second_suggestion_over_the_same_years_looks_up_no_calendar_again(monkeypatch):
    totals = _desk("FR")
    first = suggest_holiday_country(totals, "IT")
    calls = []
    looked_up = holidays.country_holidays
    monkeypatch.setattr(
        holidays,
        "country_holidays",
        lambda *args, **kwargs: calls.append(args) or looked_up(*args, **kwargs),
    )
    # Another country chosen on the Forecast page: the same 55 calendars of 2024 (before: all
    # built again, some 50 ms of a 90 ms suggestion on a year; now 35-40 ms).
    again = suggest_holiday_country(totals, "DE")
    assert calls == []
    assert again.suggested == first.suggested
    assert again.current.country == "DE"
