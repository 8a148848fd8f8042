"""Suggesting the holiday calendar whose holidays the history's quiet days match."""

from __future__ import annotations

import dataclasses

import holidays
import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting.country import (
    daily_totals,
    match_country,
    quiet_busy_days,
    suggest_holiday_country,
)


def desk_totals(country: str, start: str = "2023-01-02", days: int = 730) -> pd.Series:
    """Daily contacts of a weekday desk closed on `country`'s public holidays ("FR+HU": on
    both countries')."""
    dates = pd.date_range(start, periods=days)
    rng = np.random.default_rng(5)
    totals = pd.Series(np.where(dates.day_of_week < 5, 1000.0, 0.0), index=dates)
    totals *= rng.uniform(0.9, 1.1, days)
    kept = pd.DatetimeIndex(
        [
            day
            for code in country.split("+")
            for day in holidays.country_holidays(code, years=[2023, 2024])
        ]
    )
    totals[totals.index.isin(kept)] = 30.0
    return totals


def test_a_french_desk_is_told_that_french_holidays_fit_better_than_italian_ones():
    totals = desk_totals("FR")
    suggestion = suggest_holiday_country(totals, "IT")
    assert suggestion is not None
    assert suggestion.suggested.country == "FR"
    # Every French holiday on a weekday was quiet; Italy's share only some of them.
    assert suggestion.suggested.kept == suggestion.suggested.holidays
    assert suggestion.current.country == "IT"
    assert suggestion.current.kept < suggestion.current.holidays


def test_the_right_calendar_gets_no_suggestion():
    assert suggest_holiday_country(desk_totals("FR"), "FR") is None
    assert suggest_holiday_country(desk_totals("IT"), "IT") is None


def test_no_calendar_selected_gets_the_matching_one():
    suggestion = suggest_holiday_country(desk_totals("DE"), None)
    assert suggestion.suggested.country == "DE" and suggestion.current is None


def test_a_desk_open_on_holidays_gets_no_suggestion():
    dates = pd.date_range("2023-01-02", periods=365)
    totals = pd.Series(np.where(dates.day_of_week < 5, 1000.0, 0.0), index=dates)
    assert suggest_holiday_country(totals, "IT") is None


def test_holiday_worked_through_counts_against_the_calendar():
    totals = desk_totals("IT")
    quiet = quiet_busy_days(totals)
    match = match_country(quiet, "IT")
    assert match.kept == match.holidays  # weekday holidays only: weekends are not busy days
    totals[pd.Timestamp("2024-04-25")] = 1000.0  # Liberation Day worked as a normal day
    worse = match_country(quiet_busy_days(totals), "IT")
    assert worse.kept == match.kept - 1
    assert worse.worked == 1
    # One worked holiday in two years still leaves the calendar fitting: nothing to suggest.
    assert worse.all_kept
    assert suggest_holiday_country(totals, "IT") is None


def test_a_calendar_whose_holidays_were_all_kept_is_never_second_guessed():
    # Closed on French and Hungarian holidays: Hungary's calendar claims more quiet days, but
    # every French holiday was kept, so --country FR stands.
    totals = desk_totals("FR+HU")
    assert match_country(quiet_busy_days(totals), "FR").all_kept
    assert suggest_holiday_country(totals, "FR") is None


def test_a_sparse_day_below_the_usual_is_no_evidence_of_a_holiday():
    dates = pd.date_range("2023-01-02", periods=140)
    totals = pd.Series(np.where(dates.day_of_week < 5, 3.0, 0.0), index=dates)
    totals[pd.Timestamp("2023-03-01")] = 1.0  # 1 contact where 3 are usual: noise
    assert quiet_busy_days(totals).empty  # 3 a day: no day tells a holiday from chance
    totals[dates.day_of_week < 5] *= 10  # 30 a day: a drop to 10 is no chance
    quiet = quiet_busy_days(totals)
    assert quiet[pd.Timestamp("2023-03-01")]
    assert quiet.sum() == 1


@pytest.mark.parametrize(
    ("relative_path", "country", "kept"),
    [
        ("anonymous_bank/anonymous_bank_1999_6min_counts.csv", "IL", 5),  # an Israeli bank
        ("axa/series/Tech. Axa.csv", "FR", 24),  # French insurer, 2011-2013
    ],
)
def test_real_histories_point_at_their_own_country(shared_data, relative_path, country, kept):
    totals = daily_totals(import_files([shared_data / relative_path]).intervals)
    for current in ("IT", None):
        suggestion = suggest_holiday_country(totals, current)
        assert suggestion.suggested.country == country
        assert suggestion.suggested.kept == suggestion.suggested.holidays == kept
    assert suggest_holiday_country(totals, country) is None


@pytest.mark.parametrize(
    "queue",
    [
        "Gestion Relation Clienteles",  # every French holiday kept; was told to try HU
        "Gestion",  # a handful of calls a week: was told PH
        "Prestataires",  # likewise
        "Manager",  # about one call a day: was told BR
        "RENAULT",  # some French holidays worked; LU explains no more quiet days: was told LU
        "Tech. Inter",  # likewise
    ],
)
def test_french_queues_get_no_other_calendar_with_country_fr(shared_data, queue):
    path = shared_data / "axa" / "series" / f"{queue}.csv"
    totals = daily_totals(import_files([path]).intervals)
    assert suggest_holiday_country(totals, "FR") is None


def test_a_history_that_cannot_tell_two_calendars_apart_gets_no_suggestion():
    # November to January: Austria's and Italy's holidays are the same days (1 November,
    # 8 December, Christmas, St Stephen's, New Year, Epiphany), so neither can be told.
    totals = desk_totals("IT", start="2023-10-30", days=100)
    quiet = quiet_busy_days(totals)
    assert match_country(quiet, "AT") == dataclasses.replace(
        match_country(quiet, "IT"), country="AT"
    )
    assert match_country(quiet, "IT").kept >= 4
    assert suggest_holiday_country(totals, None) is None
    assert suggest_holiday_country(totals, "FR") is None
