"""User-flagged events: past periods to leave out of training, planned campaigns with an uplift."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
        start, end = pd.Timestamp(self.start), pd.Timestamp(self.end)
        if self.kind not in (EXCLUDE, CAMPAIGN):
            raise InputError(
                f"Event '{self.name}': kind '{self.kind}' is unknown; use '{EXCLUDE}' or '{CAMPAIGN}'."
            )
        if end <= start:
            raise InputError(f"Event '{self.name}': end {end} must come after start {start}.")
        if self.kind == CAMPAIGN and self.uplift_pct < -100:
            raise InputError(
                f"Event '{self.name}': an uplift of {self.uplift_pct:g}% would make contacts "
                "negative; use -100 (none at all) or more."
            )
        return start, end


def event_slots(
    event: ForecastEvent, first_day: pd.Timestamp, n_days: int, interval_minutes: int
) -> slice:
    """The flat (day-major) slot range an event covers on a grid starting at `first_day`."""
    start, end = event.bounds()
    step = pd.Timedelta(minutes=interval_minutes)
    total = n_days * (1440 // interval_minutes)
    lo = int(np.clip(np.ceil((start - first_day) / step), 0, total))
    hi = int(np.clip(np.ceil((end - first_day) / step), 0, total))
    return slice(lo, hi)


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
        span = event_slots(event, first_day, n_days, interval_minutes)
        if event.kind == EXCLUDE:
            excluded[span] = True
        else:
            multiplier[span] *= 1 + event.uplift_pct / 100
            # Overlapping campaigns multiply, so each one is named where they overlap.
            named = campaign[span]
            campaign[span] = np.where(named == "", event.name, named + " + " + event.name)
    shape = (n_days, slots)
    return excluded.reshape(shape), multiplier.reshape(shape), campaign.reshape(shape)
