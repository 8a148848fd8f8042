"""Column names and the Dataset container shared by import, store, forecasting and the app."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# The long interval table, one row per queue x interval (a regular grid per queue).
INTERVAL_START = "interval_start"  # naive datetime64[ns], the center's local wall clock
QUEUE = "queue"  # str; a file without a queue column: its file name less dates (or "all")
VOLUME = "volume"  # float: contacts arriving in the interval; NaN = missing in the export
ANSWERED = "answered"  # float: records with an outcome, or interval reports that count it
ABANDONED = "abandoned"  # float: likewise
AHT_SECONDS = "aht_seconds"  # float: mean handle time of contacts handled in the interval
WAIT_SECONDS = "wait_seconds"  # float: mean wait (queue time) of served contacts (ASA)
# float: mean time abandoned contacts waited before hanging up
ABANDON_WAIT_SECONDS = "abandon_wait_seconds"
IS_OPEN = "is_open"  # bool: the weekday x slot is an open-hours slot for this queue
IS_MISSING = "is_missing"  # bool: open slot with no data in the export (a gap, not a zero)
SATISFACTION = "satisfaction"  # float: mean satisfaction score of the rated contacts, records only

INTERVAL_COLUMNS = [
    INTERVAL_START,
    QUEUE,
    VOLUME,
    ANSWERED,
    ABANDONED,
    AHT_SECONDS,
    WAIT_SECONDS,
    ABANDON_WAIT_SECONDS,
    IS_OPEN,
    IS_MISSING,
    SATISFACTION,
]

# Open-hours table: one row per queue x weekday x slot of the day.
WEEKDAY = "weekday"  # 0 = Monday ... 6 = Sunday
MINUTE_OF_DAY = "minute_of_day"  # start of the slot, minutes after midnight

KIND_INTERVALS = "intervals"
KIND_RECORDS = "records"


@dataclass
class Dataset:
    """An imported contact history: the interval table plus what was learned while reading it."""

    name: str
    kind: str  # KIND_INTERVALS or KIND_RECORDS
    interval_minutes: int
    intervals: pd.DataFrame  # INTERVAL_COLUMNS, sorted by queue then interval_start
    open_hours: pd.DataFrame  # QUEUE, WEEKDAY, MINUTE_OF_DAY, IS_OPEN
    source_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader resolved, for the user
    # Totals over the export (None when it does not tell them; the means are records only).
    answered: int | None = None
    abandoned: int | None = None
    mean_handle_seconds: float | None = None
    mean_satisfaction: float | None = None  # over the contacts that have a score

    @property
    def queues(self) -> list[str]:
        return sorted(self.intervals[QUEUE].unique().tolist())
