"""Holidays a country's calendar lists only in an optional category (Israel's Chol HaMoed, the
intermediate days of Sukkot and Pesach, and Purim): the forecast reads them as ordinary days,
so a queue that ran low on them learns those lows as ordinary. A note names them."""

from __future__ import annotations

import functools

import holidays
import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.calendar import COUNTRY_NAMES, known_region, usual_daily_totals
from forecasting.history import QueueHistory

OPTIONAL = "optional"
# A day ran low when it brought at most this share of the usual for its weekday ...
LOW_SHARE = 0.8
# ... and more than this many Poisson standard deviations below it: not chance.
LOW_DEVIATIONS = 3.0


@functools.cache
def _optional_only(
    country: str, subdivision: str | None, years: tuple[int, ...]
) -> dict[pd.Timestamp, str]:
    """Date -> name of the holidays in `country`'s optional category that its default calendar
    (the one the forecast uses) leaves out; empty when the country has no such category."""
    default = holidays.country_holidays(country, subdiv=subdivision, years=years)
    if OPTIONAL not in getattr(default, "supported_categories", ()):
        return {}
    optional = holidays.country_holidays(
        country, subdiv=subdivision, years=years, categories=(OPTIONAL,)
    )
    return {pd.Timestamp(day): name for day, name in optional.items() if day not in default}


def optional_holiday_note(
    history: QueueHistory,
    horizon_days: int,
    country: str | None,
    subdivision: str | None = None,
    ordinary: np.ndarray | None = None,
) -> str | None:
    """A note naming the past days the calendar lists as optional holidays only on which the
    queue ran low (at most LOW_SHARE of the usual for the weekday, beyond chance), and those of
    the horizon, forecast as ordinary days. None when there is nothing to say. `ordinary`
    (per day row, history then horizon) marks the days the forecast reads as ordinary: an
    optional holiday it reads as an eve or a bridge already is left out.

    The forecast itself is left alone: reading them as holidays by default was measured to
    forecast the Anonymous Bank worse over 8 weekly origins."""
    if not country:
        return None
    country = str(country).strip().upper()
    first, n_days = history.first_day, history.n_days
    last_ahead = first + pd.Timedelta(days=n_days + horizon_days - 1)
    years = tuple(range(first.year, last_ahead.year + 1))
    try:
        listed = _optional_only(country, known_region(country, subdivision), years)
    except NotImplementedError:
        return None
    if ordinary is not None:
        listed = {
            day: name
            for day, name in listed.items()
            if not 0 <= (day - first).days < ordinary.size or ordinary[(day - first).days]
        }
    if not listed:
        return None
    observed = history.observed_days()
    open_day = history.open_rows(0, n_days).any(axis=1)
    usual = usual_daily_totals(history, observed & ~_rows(listed, first, n_days))
    totals = np.nansum(history.values, axis=1)
    low: list[tuple[int, str, float | None]] = []
    for day, name in sorted(listed.items()):
        row = (day - first).days
        if not (0 <= row < n_days and observed[row] and open_day[row]) or np.isnan(usual[row]):
            continue
        if totals[row] <= min(
            LOW_SHARE * usual[row], usual[row] - LOW_DEVIATIONS * np.sqrt(usual[row])
        ):
            low.append((row, name, totals[row] / usual[row]))
    if not low:
        return None
    open_ahead = history.open_rows(n_days, horizon_days).any(axis=1)
    ahead = [
        ((day - first).days, name, None)
        for day, name in sorted(listed.items())
        if 0 <= (day - first).days - n_days < horizon_days
        and open_ahead[(day - first).days - n_days]
    ]
    country_name = COUNTRY_NAMES.get(country, country)
    text = (
        f"{history.queue}: {_spans(low, first)} ran low; {country_name}'s holiday calendar lists "
        f"{'that day' if len(low) == 1 else 'those days'} as optional holidays only, so the "
        "forecast reads them as ordinary days"
    )
    if ahead:
        text += f" and forecasts {_spans(ahead, first)} as ordinary"
    return (
        f"{text}. If the queue runs low on them every year, exclude the past ones as an unusual "
        "past period on the Forecast page and plan the coming ones by hand."
    )


def _rows(listed: dict[pd.Timestamp, str], first: pd.Timestamp, n_days: int) -> np.ndarray:
    rows = np.zeros(n_days, dtype=bool)
    for day in listed:
        if 0 <= (day - first).days < n_days:
            rows[(day - first).days] = True
    return rows


def _spans(days: list[tuple[int, str, float | None]], first: pd.Timestamp) -> str:
    """'Tue 2 Mar 1999 (Purim, 0.53 of a usual day), Sun 26 Sep – Thu 30 Sep 1999 (Sukkot
    holiday, 0.63–0.76 of a usual day)' from (day row, name, share of a usual day or None):
    days in a row of one holiday together."""
    groups: list[list[tuple[int, str, float]]] = []
    for item in days:
        if groups and groups[-1][-1][0] == item[0] - 1 and groups[-1][-1][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    parts = []
    for group in groups:
        start = first + pd.Timedelta(days=group[0][0])
        end = first + pd.Timedelta(days=group[-1][0])
        ratios = [ratio for *_, ratio in group if ratio is not None]
        share = ""
        if ratios:
            low, high = min(ratios), max(ratios)
            share = (
                f", {low:.2f} of a usual day"
                if low == high
                else f", {low:.2f}–{high:.2f} of a usual day"
            )
        when = (
            day_text(start, year=True)
            if len(group) == 1
            else f"{day_text(start, year=start.year != end.year)} – {day_text(end, year=True)}"
        )
        parts.append(f"{when} ({group[0][1]}{share})")
    return ", ".join(parts)
