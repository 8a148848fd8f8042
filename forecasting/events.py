"""User-flagged events: past periods to leave out of training, planned campaigns with an uplift."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.dates import day_text
from data.errors import InputError

EXCLUDE = "exclude"
CAMPAIGN = "campaign"


@dataclass(frozen=True)
class ForecastEvent:
    """`start` inclusive, `end` exclusive (a date means its midnight); applies to `queue` or all."""

    name: str
    start: pd.Timestamp | str
    end: pd.Timestamp | str
    kind: str = EXCLUDE  # EXCLUDE: drop from training; CAMPAIGN: multiply the forecast
    uplift_pct: float = 0.0
    queue: str | None = None

    def bounds(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        start, end = _moment(self.name, "start", self.start), _moment(self.name, "end", self.end)
        if self.kind not in (EXCLUDE, CAMPAIGN):
            raise InputError(
                f"Event '{self.name}': kind '{self.kind}' is unknown; use '{EXCLUDE}' or '{CAMPAIGN}'."
            )
        if end <= start:
            raise InputError(f"Event '{self.name}': end {end} must come after start {start}.")
        uplift = self.uplift_pct
        is_number = isinstance(uplift, numbers.Real) and not isinstance(uplift, bool)
        if self.kind == CAMPAIGN and not (is_number and math.isfinite(uplift)):
            # NaN multiplied every forecast of the campaign to NaN, inf flagged an endless peak.
            raise InputError(
                f"Event '{self.name}': the uplift must be a number of percent, such as 25 or "
                f"-10 (got {uplift!r})."
            )
        if self.kind == CAMPAIGN and uplift < -100:
            raise InputError(
                f"Event '{self.name}': an uplift of {self.uplift_pct:g}% would make contacts "
                "negative; use -100 (none at all) or more."
            )
        return start, end


def _moment(name: str, which: str, value: pd.Timestamp | str) -> pd.Timestamp:
    """An event's start or end as a timestamp, or an InputError naming the event."""
    try:
        moment = pd.Timestamp(value)
    except (ValueError, TypeError):
        moment = pd.NaT
    if pd.isna(moment):
        raise InputError(
            f"Event '{name}': its {which} {value!r} is not a date; write it as 2024-03-05 or "
            "2024-03-05 09:30."
        )
    return moment


def event_slots(
    event: ForecastEvent, first_day: pd.Timestamp, n_days: int, interval_minutes: int
) -> slice:
    """The flat (day-major) slot range an event touches on a grid starting at `first_day`:
    every interval it covers at least in part."""
    return event_shares(event, first_day, n_days, interval_minutes)[0]


def event_shares(
    event: ForecastEvent, first_day: pd.Timestamp, n_days: int, interval_minutes: int
) -> tuple[slice, np.ndarray]:
    """The slots an event touches (as `event_slots`) and the share of each it covers: a
    campaign from 10:10 to 10:50 covers 2/3 of the hour from 10:00, though it starts no slot."""
    start, end = event.bounds()
    step = pd.Timedelta(minutes=interval_minutes)
    total = n_days * (1440 // interval_minutes)
    begin, finish = (start - first_day) / step, (end - first_day) / step
    lo = int(np.clip(np.floor(begin), 0, total))
    hi = int(np.clip(np.ceil(finish), 0, total))
    slots = np.arange(lo, hi)
    shares = np.clip(np.minimum(slots + 1, finish) - np.maximum(slots, begin), 0.0, 1.0)
    return slice(lo, hi), shares


def event_grids(
    events: list[ForecastEvent],
    queue: str,
    first_day: pd.Timestamp,
    n_days: int,
    interval_minutes: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(excluded bool, uplift multiplier, campaign name) grids of shape (n_days, slots)."""
    slots = 1440 // interval_minutes
    excluded = np.zeros(n_days * slots, dtype=bool)
    multiplier = np.ones(n_days * slots)
    campaign = np.full(n_days * slots, "", dtype=object)
    for event in events:
        if event.queue not in (None, queue):
            continue
        span, shares = event_shares(event, first_day, n_days, interval_minutes)
        if event.kind == EXCLUDE:  # an interval's count holds the excluded minutes' contacts
            excluded[span] = True
        else:  # a part-covered interval gets that part of the uplift
            multiplier[span] *= 1 + shares * event.uplift_pct / 100
            # Overlapping campaigns multiply, so each one is named where they overlap.
            named = campaign[span]
            campaign[span] = np.where(named == "", event.name, named + " + " + event.name)
    shape = (n_days, slots)
    return excluded.reshape(shape), multiplier.reshape(shape), campaign.reshape(shape)


def campaign_outside_note(
    event: ForecastEvent, start: pd.Timestamp, end: pd.Timestamp, max_days: int
) -> str | None:
    """A note when a campaign with an uplift lies wholly outside the forecast's days `start` ..
    `end` (exclusive): a manager who set it would otherwise see it change nothing, unsaid.
    `max_days` is the longest horizon a forecast takes."""
    first, last = event.bounds()
    if event.kind != CAMPAIGN or not event.uplift_pct or (first < end and last > start):
        return None
    who = f" for {event.queue}" if event.queue else ""
    text = (
        f"The campaign '{event.name}' ({event.uplift_pct:+g}%{who}) runs {_when(first, last)}, "
        f"{'after' if first >= end else 'before'} the forecast's days ({_when(start, end)}), "
        "so it changes no forecast."
    )
    if first < start:  # uplifts apply to forecast days; the history is as it came
        return text + (
            " A campaign raises forecast days only: to keep its contacts out of what the "
            "forecast learns from, exclude its days as an unusual past period instead."
        )
    needed = math.ceil((last - start) / pd.Timedelta(days=1))
    if needed <= max_days:
        return text + f" Forecast {needed:,} days to include it."
    return text + f" Forecast it nearer its dates: a forecast covers up to {max_days} days."


def _when(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """`start` .. `end` (exclusive) as dates, or as times when either is not a midnight."""
    if start != start.normalize() or end != end.normalize():
        return f"{day_text(start, year=True, clock=True)} – {day_text(end, year=True, clock=True)}"
    last = end - pd.Timedelta(days=1)
    if last == start:
        return f"{day_text(start, year=True)}"
    return f"{day_text(start, year=start.year != last.year)} – {day_text(last, year=True)}"
