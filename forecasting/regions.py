"""Regional holidays the calendar in use leaves out, though the history shows the queue kept them."""

from __future__ import annotations

import functools

import holidays
import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.calendar import (
    CLOSED_SHARE,
    COUNTRY_NAMES,
    MIN_CLOSED_EVIDENCE,
    known_region,
    region_label,
    unrecorded_closed_days,
    usual_daily_totals,
)
from forecasting.history import QueueHistory

# Working days shut in a row that make a closure of the desk's own rather than a holiday kept:
# more than a holiday and its bridge day.
MIN_LONGER_CLOSURE = 3


@functools.cache
def _calendar(country: str, subdivision: str | None, years: tuple[int, ...]) -> dict:
    """Date -> holiday name; cached, as every queue of a forecast asks for the same ones."""
    calendar = holidays.country_holidays(country, subdiv=subdivision, years=years)
    return {pd.Timestamp(day): name for day, name in calendar.items()}


def closed_days(history: QueueHistory) -> np.ndarray:
    """Per history day: the queue was shut (or nearly: at most CLOSED_SHARE of the usual for the
    weekday, over at least MIN_CLOSED_EVIDENCE usual contacts) on a day it is normally open.
    A day with no data at all between observed days counts too: a per-contact export has no row
    for a day nobody called in because nobody was there."""
    observed = history.observed_days()
    usual = usual_daily_totals(history, observed)
    totals = np.nansum(history.values, axis=1)
    with np.errstate(invalid="ignore"):
        quiet = observed & (usual >= MIN_CLOSED_EVIDENCE) & (totals <= CLOSED_SHARE * usual)
    open_day = history.open_rows(0, history.n_days).any(axis=1)
    return open_day & (quiet | unrecorded_closed_days(history, open_day, observed))


def inside_longer_closure(
    history: QueueHistory, shut: np.ndarray, holidays: dict[pd.Timestamp, str]
) -> np.ndarray:
    """Per history day: shut, and so were the open days either side of it that are no
    `holidays` (a Christmas-to-New-Year break, a week's outage), or it starts or ends a run of
    at least MIN_LONGER_CLOSURE such days shut (closed from 26 to 29 December): the closure is
    the desk's own, longer than the one day, and no sign of a holiday kept on that day."""
    open_day = history.open_rows(0, history.n_days).any(axis=1)
    dates = history.first_day + pd.to_timedelta(np.arange(history.n_days), unit="D")
    working = open_day & ~dates.isin(list(holidays))
    rows = np.flatnonzero(working)
    inside = np.zeros(history.n_days, dtype=bool)
    for row in np.flatnonzero(shut):
        before, after = rows[rows < row], rows[rows > row]
        inside[row] = before.size > 0 and after.size > 0 and shut[before[-1]] and shut[after[0]]
    # Runs of shut working days, the holidays inside them skipped.
    shut_rows = shut[rows]
    starts = np.flatnonzero(shut_rows & ~np.concatenate([[False], shut_rows[:-1]]))
    ends = np.flatnonzero(shut_rows & ~np.concatenate([shut_rows[1:], [False]]))
    for start, end in zip(starts, ends, strict=True):
        if end - start + 1 >= MIN_LONGER_CLOSURE:
            inside[rows[start : end + 1]] = True
    return inside


def regional_holiday_note(
    history: QueueHistory,
    horizon_days: int,
    country: str | None,
    subdivision: str | None = None,
) -> str | None:
    """A note when the queue was closed on a past day that is a holiday only in some regions of
    `country` (not in the calendar in use), and that holiday comes again within the
    `horizon_days` after the history: it is forecast as an ordinary day there, and setting the
    region would forecast it as a holiday. None when there is nothing to say.

    The forecast itself is left alone: one closed day is a hint, not proof (an outage, a strike
    close a desk on any day)."""
    if not country:
        return None
    country = str(country).strip().upper()
    regions = holidays.list_supported_countries().get(country) or []
    if not regions:
        return None
    current = known_region(country, subdivision)
    first, n_days = history.first_day, history.n_days
    horizon = pd.date_range(first + pd.Timedelta(days=n_days), periods=horizon_days, freq="D")
    years = tuple(range(first.year, horizon[-1].year + 1))
    in_use = _calendar(country, current, years)
    shut = closed_days(history)
    shut &= ~inside_longer_closure(history, shut, in_use)
    open_ahead = history.open_rows(n_days, horizon_days).any(axis=1)
    # (holiday, past closed date, date ahead) -> regions keeping that holiday on both dates
    found: dict[tuple[str, pd.Timestamp, pd.Timestamp], list[str]] = {}
    for region in regions:
        if region == current:
            continue
        calendar = _calendar(country, region, years)
        ahead = {
            name: day
            for day, name in calendar.items()
            if day in horizon and day not in in_use and open_ahead[(day - horizon[0]).days]
        }
        for day, name in calendar.items():
            row = (day - first).days
            if name in ahead and day not in in_use and 0 <= row < n_days and shut[row]:
                found.setdefault((name, day, ahead[name]), []).append(region)
    if not found:
        return None
    parts = []
    country_name = COUNTRY_NAMES.get(country, country)
    for (name, past, ahead), codes in sorted(found.items(), key=lambda item: item[0][2]):
        named = ", ".join(region_label(country, code) for code in sorted(codes))
        parts.append(
            f"closed on {day_text(past, year=True)}, {name} - in {country_name} a holiday only in "
            f"{named}, not in the calendar used - and it comes again on {day_text(ahead, year=True)}, "
            "forecast as an ordinary day"
        )
    codes = sorted({code for found_codes in found.values() for code in found_codes})
    where = f"the holiday region (subdivision) to {region_label(country, codes[0])}"
    if len(codes) > 1:
        where = "the holiday region (subdivision) to the desk's own: " + _ranked_regions(
            history, shut, country, codes, in_use, years
        )
    return f"{history.queue}: {'; '.join(parts)}. If the queue keeps that holiday, set {where}."


def _ranked_regions(
    history: QueueHistory,
    shut: np.ndarray,
    country: str,
    codes: list[str],
    in_use: dict,
    years: tuple[int, ...],
) -> str:
    """The candidate regions, those whose own holidays best match the queue's closed days first
    (closed on minus open on, over its history): a Saarland desk closed on Corpus Christi,
    Assumption and All Saints' Day is Saarland's sooner than North Rhine-Westphalia's, whose
    calendar lacks Assumption, or Bavaria's, whose Epiphany it worked."""
    open_day = history.open_rows(0, history.n_days).any(axis=1)
    kept: dict[str, tuple[int, int]] = {}
    for code in codes:
        rows = [(day - history.first_day).days for day in _calendar(country, code, years)]
        rows = [
            row
            for row, day in zip(rows, _calendar(country, code, years), strict=True)
            if day not in in_use and 0 <= row < history.n_days and open_day[row]
        ]
        kept[code] = (int(shut[rows].sum()) if rows else 0, len(rows))

    def score(code: str) -> int:
        closed, days = kept[code]
        return 2 * closed - days

    ranked = sorted(codes, key=lambda code: (-score(code), code))
    best = [code for code in ranked if score(code) == score(ranked[0])]
    rest = [code for code in ranked if code not in best]
    labels = {code: region_label(country, code) for code in codes}
    if not rest:
        return f"one of {', '.join(labels[code] for code in best)}"
    counts = {kept[code] for code in best}
    own = "its" if len(best) == 1 else "their"
    if len(counts) == 1:
        closed, days = kept[best[0]]
        matched = f"{closed} of {own} {days} own {'holiday' if days == 1 else 'holidays'}"
    else:
        listed = ", ".join(f"{labels[code]} {kept[code][0]} of {kept[code][1]}" for code in best)
        matched = f"{listed} of {own} own holidays"
    lead = ", ".join(labels[code] for code in best)
    lead = lead if len(best) == 1 else f"one of {lead}"
    others = ", ".join(f"{labels[code]} {kept[code][0]} of {kept[code][1]}" for code in rest)
    return (
        f"best matched by its closed days, {lead} (closed on {matched} in the history, on days "
        f"it is usually open; {others})"
    )
