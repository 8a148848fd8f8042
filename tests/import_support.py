"""Helpers the import tests share: write an export, look up one interval or note of the result,
half-hour slots to write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from data import schema
from data.importer import import_files_detailed


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def at(dataset: schema.Dataset, stamp: str, queue: str | None = None) -> pd.Series:
    frame = dataset.intervals
    rows = frame[frame[schema.INTERVAL_START] == pd.Timestamp(stamp)]
    if queue is not None:
        rows = rows[rows[schema.QUEUE] == queue]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def note_with(dataset: schema.Dataset, words: str) -> str:
    """The first import note holding `words` (StopIteration when none does)."""
    return next(note for note in dataset.notes if words in note)


def half_hours(days: int, slots: int = 16) -> list[dt.datetime]:
    """`slots` half hours from 08:00 on `days` days from Monday 2024-03-04."""
    return [
        dt.datetime(2024, 3, 4 + day, 8) + dt.timedelta(minutes=30 * slot)
        for day in range(days)
        for slot in range(slots)
    ]


def weekday_arrivals(
    seed: int, count: int, monday: dt.datetime, weekdays: int = 10
) -> list[dt.datetime]:
    """`count` sorted arrival times on the first `weekdays` weekdays from `monday`, 08:00-18:00."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, weekdays, count)
    days = days + 2 * (days // 5)  # skip the weekends
    seconds = rng.integers(8 * 3600, 18 * 3600, count)
    return sorted(
        monday + dt.timedelta(days=int(d), seconds=int(s))
        for d, s in zip(days, seconds, strict=True)
    )


def monday_calls(count: int = 40) -> list[tuple[dt.datetime, str, bool, int, int]]:
    """(arrival, queue, abandoned, talk seconds, wait seconds) on the week from Monday 4 March
    2024, 08:00: every seventh call abandoned, Support and Sales in turn."""
    monday = dt.datetime(2024, 3, 4, 8)
    rows = []
    for index in range(count):
        arrival = monday + dt.timedelta(days=index % 5, minutes=7 * index)
        abandoned = index % 7 == 0
        rows.append((arrival, ["Support", "Sales"][index % 2], abandoned,
                     0 if abandoned else 180 + index, 30 + index))  # fmt: skip
    return rows


def contacts_per_queue(result) -> dict[str, float]:
    """Contacts per queue of an import result."""
    frame = result.dataset.intervals
    return frame.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def clock(seconds: int) -> str:
    """Seconds written H:MM:SS with two-digit hours, as call logs write durations."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


PROBE_MONDAY = dt.datetime(2024, 3, 4, 8)


def spread_arrival(n: int, spacing: int = 113) -> dt.datetime:
    """Call n's arrival: Monday to Friday in turn from 4 March 2024, spread over 08:00-18:00."""
    return PROBE_MONDAY + dt.timedelta(days=n % 5, seconds=n * spacing % 36_000)


def answered_weighted_aht(result) -> float:
    """The import's mean handle time in seconds, intervals weighted by their answered contacts."""
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    return float(np.average(frame[schema.AHT_SECONDS], weights=frame[schema.ANSWERED]))


def weekday_rows_file(
    folder: Path, name: str, header: str, row, labels: list[str], count: int = 200
):
    """`count` rows from Mon 4 Mar 2024 08:00 spread over the five weekdays' working hours,
    row n written by `row(time, n, labels[n % len(labels)])`, imported as file `name`."""
    monday = dt.datetime(2024, 3, 4)
    lines = [header] + [
        row(monday + dt.timedelta(days=n % 5, hours=8, seconds=217 * n % 36_000), n,
            labels[n % len(labels)])
        for n in range(count)
    ]  # fmt: skip
    return import_files_detailed([write(folder, name, "\n".join(lines))])


def day_grid(tmp_path: Path, headers: list[str], days: int = 5):
    """An import of `days` days from Mon 4 Mar 2024 down and `headers` (hours) across, the day
    d's column k holding 10 + d + 5k."""
    monday = dt.datetime(2024, 3, 4)
    lines = ["Date," + ",".join(headers)] + [
        f"{monday + dt.timedelta(days=day):%m/%d/%Y},"
        + ",".join(str(10 + day + 5 * k) for k in range(len(headers)))
        for day in range(days)
    ]
    return import_files_detailed([write(tmp_path, "grid.csv", "\n".join(lines))])
