"""Which country's public holidays the history's quiet days match: a suggested holiday calendar."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import holidays
import numpy as np
import pandas as pd

from forecasting.calendar import COUNTRY_NAMES

# A holiday is observed when its day brought less than this share of the usual for the weekday;
# a center open on a holiday at 85% or more of a usual day does not keep it.
QUIET_RATIO = 0.85
# Chance alone (Poisson noise around a day's usual level) brings a normal day below its quiet
# threshold about 1 time in 20: z of the one-sided 5% tail.
CHANCE_Z = 1.645
# Where the usual level is too low for a drop to QUIET_RATIO to stand out from that noise (under
# about 120 contacts a day), a day is quiet only below the share chance rarely goes under, and
# it counts at all only when that share is at least MIN_DROP_SEEN (a usual level of 5 or more):
# in a sparse queue, a day with 3 contacts expected and 1 seen says nothing about holidays.
MIN_DROP_SEEN = 0.25
# Two weeks or more in a row without a contact are an export fault or a closure, no holiday
# kept: a three-week gap took in Eid al-Fitr and had an Italian desk told to try AE's
# calendar. A Christmas-to-New-Year closure is shorter, and stays evidence.
SILENT_RUN_DAYS = 14
MIN_KEPT = 3  # a suggestion rests on at least this many kept holidays
# ... and explains at least this many more quiet days than the current calendar does.
MIN_MORE_KEPT = 3
# A calendar fits when at most this share of its holidays (on days that count) were worked
# through; another is suggested only when it fits, allowing one worked holiday in a short history.
WORKED_SHARE = 0.1
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
    def worked(self) -> int:
        """Its holidays the center worked through at (about) a usual day's volume."""
        return self.holidays - self.kept

    @property
    def all_kept(self) -> bool:
        """(Nearly) every holiday kept: at most WORKED_SHARE of them worked through."""
        return self.holidays > 0 and self.worked <= WORKED_SHARE * self.holidays

    @property
    def few_worked(self) -> bool:
        """Like `all_kept`, but one worked holiday is always allowed."""
        return self.worked <= max(1.0, WORKED_SHARE * self.holidays)


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
    if days.empty:
        return CountryMatch(country, 0, 0)
    dates = holiday_dates(country, tuple(range(days.min().year, days.max().year + 1)))
    on_busy = dates[dates.isin(days)]
    return CountryMatch(country, int(quiet.loc[on_busy].sum()), int(on_busy.size))


@functools.cache
def holiday_dates(country: str, years: tuple[int, ...]) -> pd.DatetimeIndex:
    """`country`'s public holidays in `years`; cached, as each suggestion looks up every
    candidate's calendar (some 50 ms for a year's CANDIDATES) and the Forecast page asks again
    for each country chosen."""
    with warnings.catch_warnings():  # "available only from 2001": earlier years simply have none
        warnings.simplefilter("ignore")
        calendar = holidays.country_holidays(country, years=years)
    return pd.DatetimeIndex([pd.Timestamp(day) for day in calendar]).unique()


def suggest_holiday_country(totals: pd.Series, current: str | None) -> CountrySuggestion | None:
    """A calendar (from CANDIDATES) whose holidays match the history's quiet days clearly better
    than `current`'s, or None when `current` fits or nothing fits clearly.

    `totals`: contacts per calendar day. Nothing is suggested when (nearly) all of `current`'s
    holidays were kept. Otherwise the suggestion is the calendar that explains the most quiet
    days among those that claim few worked holidays (then the fewest worked), when it is clearly
    better than `current` (`_clearly_better`) and no other calendar fits the history just as well:
    a calendar with more holidays does not win by having more of them.
    """
    if totals.dropna().size < 28:
        return None
    quiet = quiet_busy_days(totals)
    if quiet.sum() < MIN_KEPT:
        return None
    now = match_country(quiet, current) if current else None
    if now is not None and now.all_kept:
        return None
    fitting = [
        match
        for match in (
            match_country(quiet, code) for code in CANDIDATES if code != (current or "").upper()
        )
        if match.few_worked and match.kept >= MIN_KEPT and _clearly_better(match, now)
    ]
    ranked = sorted(fitting, key=lambda match: (match.kept, -match.worked), reverse=True)
    if not ranked:
        return None
    best = ranked[0]
    if len(ranked) > 1 and (ranked[1].kept, ranked[1].worked) == (best.kept, best.worked):
        return None  # two calendars fit the quiet days alike: the history cannot tell them apart
    return CountrySuggestion(best, now)


def country_named(code: str) -> str:
    """A holiday country in words and the code its option takes ("Israel (IL)"): a manager may
    not tell IL from IS or IT by the code alone."""
    name = COUNTRY_NAMES.get(code)
    return f"{name} ({code})" if name and name != code else code


def holiday_hint(
    suggestion: CountrySuggestion, advice: str, name: Callable[[str], str] = country_named
) -> str:
    """The sentence every front end gives for `suggestion`, ending with its own `advice` on how
    to choose that calendar there; `name` writes a country code (the app writes 'Israel')."""
    best, now = suggestion.suggested, suggestion.current
    against = f", against {now.kept:,} of {now.holidays:,} for {name(now.country)}" if now else ""
    return (
        f"the history's quiet days match the public holidays of {name(best.country)}: "
        f"{best.kept:,} of {best.holidays:,} on busy weekdays were quiet{against}; {advice}"
    )


def holiday_hint_note(suggestion: CountrySuggestion) -> str:
    """`holiday_hint` as forecast_dataset's notes give it to API callers."""
    code = suggestion.suggested.country
    return "Holiday calendar: " + holiday_hint(suggestion, f"try country {code}.")


def _clearly_better(match: CountryMatch, now: CountryMatch | None) -> bool:
    """`match` explains MIN_MORE_KEPT more quiet days than `now`, or as many while the desk
    worked through MIN_MORE_KEPT more of `now`'s holidays than of its own: an Italian desk set
    to FR keeps 6 French holidays of 10 in a year and all 8 Italian ones, and the 4 it worked
    (8 May, Ascension, Whit Monday, 11 November) tell as much as quiet days would."""
    if now is None:
        return True
    if match.kept >= now.kept + MIN_MORE_KEPT:
        return True
    return match.kept >= now.kept and now.worked - match.worked >= MIN_MORE_KEPT


def quiet_busy_days(totals: pd.Series) -> pd.Series:
    """Bool per day that counts as evidence: whether it was quiet.

    A day counts when it was observed on a busy weekday (mean at least half the busiest
    weekday's) and its usual level (the same weekday's median in the four weeks either side) is
    large enough that chance rarely takes it down to MIN_DROP_SEEN of it, and it is not inside
    SILENT_RUN_DAYS or more without a contact. It is quiet when it brought less than
    QUIET_RATIO of that usual level, or less than the share chance rarely goes below where the
    level is too low to tell a drop to QUIET_RATIO from noise.
    """
    weekday_means = totals.groupby(totals.index.day_of_week).mean()
    busy_weekdays = weekday_means[weekday_means >= 0.5 * weekday_means.max()].index
    usual = pd.concat([totals.shift(7 * k) for k in (-4, -3, -2, -1, 1, 2, 3, 4)], axis=1).median(
        axis=1
    )
    threshold = np.minimum(QUIET_RATIO, 1 - CHANCE_Z / np.sqrt(usual.where(usual > 0)))
    empty = (totals.fillna(0) == 0).to_numpy()
    edges = np.diff(np.concatenate(([0], empty.astype(int), [0])))
    silent = np.zeros(len(totals), dtype=bool)
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        silent[start:end] = end - start >= SILENT_RUN_DAYS
    usable = (
        totals.notna()
        & ~silent
        & (usual > 0)
        & totals.index.day_of_week.isin(busy_weekdays)
        & (threshold >= MIN_DROP_SEEN)
    )
    return (totals / usual < threshold)[usable]
