"""Which country's public holidays the history's quiet days match: a suggested holiday calendar."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import holidays
import pandas as pd

# A holiday is observed when its day brought less than this share of the usual for the weekday;
# a center open on a holiday at 85% or more of a usual day does not keep it.
QUIET_RATIO = 0.85
# A calendar claiming a holiday the center worked through costs twice what a kept one earns: a
# wrong holiday would cut the forecast of a normal day.
WORKED_HOLIDAY_COST = 2
MIN_KEPT = 3  # a suggestion rests on at least this many kept holidays
# National calendars people plan contact centers with (territories and microstates share their
# neighbours' holidays and would only blur the choice).
CANDIDATES = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB CH NO "
    "IS RS TR UA US CA MX BR AR CL CO PE AU NZ IN IL ZA JP KR SG PH MA EG AE SA"
).split()


@dataclass(frozen=True)
class CountryMatch:
    """How one country's public holidays fared in a history."""

    country: str  # ISO code of the `holidays` package
    kept: int  # its holidays on busy weekdays that were quiet days
    holidays: int  # its holidays on busy weekdays within the history

    @property
    def score(self) -> int:
        return self.kept - WORKED_HOLIDAY_COST * (self.holidays - self.kept)


@dataclass(frozen=True)
class CountrySuggestion:
    """A better-matching calendar than the current one, with both for the message."""

    suggested: CountryMatch
    current: CountryMatch | None  # None when no calendar is selected


def daily_totals(intervals: pd.DataFrame) -> pd.Series:
    """Contacts per calendar day over every queue; NaN for a day with no data at all."""
    day = pd.to_datetime(intervals["interval_start"]).dt.normalize()
    volume = pd.to_numeric(intervals["volume"], errors="coerce")
    totals = volume.groupby(day).sum(min_count=1)
    return totals.reindex(pd.date_range(totals.index.min(), totals.index.max()))


def match_country(quiet: pd.Series, country: str) -> CountryMatch:
    """How many of `country`'s holidays on the busy weekdays of `quiet` were quiet days."""
    days = quiet.index
    with warnings.catch_warnings():  # "available only from 2001": earlier years simply have none
        warnings.simplefilter("ignore")
        calendar = holidays.country_holidays(
            country, years=range(days.min().year, days.max().year + 1)
        )
    dates = pd.DatetimeIndex([pd.Timestamp(day) for day in calendar]).unique()
    on_busy = dates[dates.isin(days)]
    return CountryMatch(country, int(quiet.loc[on_busy].sum()), int(on_busy.size))


def suggest_holiday_country(totals: pd.Series, current: str | None) -> CountrySuggestion | None:
    """A calendar (from CANDIDATES) whose holidays match the history's quiet days better than
    `current`'s, or None when `current` fits best or nothing fits clearly.

    `totals`: contacts per calendar day. Each country scores +1 for each of its holidays (on a
    busy weekday) that was quiet, -2 for each the center worked through.
    """
    if totals.dropna().size < 28:
        return None
    quiet = quiet_busy_days(totals)
    if quiet.sum() < MIN_KEPT:
        return None
    matches = [match_country(quiet, code) for code in CANDIDATES]
    best = max(matches, key=lambda match: (match.score, match.kept))
    if best.kept < MIN_KEPT or best.score <= 0 or best.country == current:
        return None
    now = match_country(quiet, current) if current else None
    if now is not None and now.score >= best.score:
        return None
    return CountrySuggestion(best, now)


def quiet_busy_days(totals: pd.Series) -> pd.Series:
    """Bool per observed day on a busy weekday (mean at least half the busiest weekday's):
    whether it brought less than QUIET_RATIO of the same weekday's median in the four weeks
    either side."""
    weekday_means = totals.groupby(totals.index.day_of_week).mean()
    busy_weekdays = weekday_means[weekday_means >= 0.5 * weekday_means.max()].index
    neighbours = pd.concat(
        [totals.shift(7 * k) for k in (-4, -3, -2, -1, 1, 2, 3, 4)], axis=1
    ).median(axis=1)
    usable = totals.notna() & (neighbours > 0) & totals.index.day_of_week.isin(busy_weekdays)
    return (totals / neighbours < QUIET_RATIO)[usable]
