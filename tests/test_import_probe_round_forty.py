"""Round-forty probes: files of different intervals named with their interval each; the open
intervals missing from an export said where they are, not only how many; ..."""

from __future__ import annotations

import datetime as dt

from import_support import at, note_with, write

from data.importer import import_files_detailed

MONDAY = dt.datetime(2026, 11, 2)


def _counts(stamps: list[dt.datetime], first: int = 10) -> str:
    """'interval_start,calls' with first + k calls in row k."""
    lines = ["interval_start,calls"]
    lines += [f"{t:%Y-%m-%d %H:%M},{first + k}" for k, t in enumerate(stamps)]
    return "\n".join(lines) + "\n"


def _slots(day: dt.datetime, count: int, minutes: int = 30, hour: int = 8) -> list[dt.datetime]:
    return [day + dt.timedelta(hours=hour, minutes=minutes * k) for k in range(count)]


# --- Files of different intervals ----------------------------------------------------------------


def test_files_of_different_intervals_are_named_with_their_interval(tmp_path):
    # Before: "Files have different intervals; all were summed to 30 minutes.", naming none.
    half = write(tmp_path, "half.csv", _counts(_slots(MONDAY, 6)))
    quarter = write(tmp_path, "quarter.csv", _counts(_slots(MONDAY, 12, minutes=15)))
    other = write(tmp_path, "other.csv", _counts(_slots(MONDAY + dt.timedelta(1), 6)))
    result = import_files_detailed([half, quarter, other])
    assert note_with(result.dataset, "different intervals") == (
        "Files have different intervals (quarter.csv: 15 minutes; half.csv, other.csv: 30 "
        "minutes); all were summed to 30 minutes."
    )
    # quarter.csv's 08:00 and 08:15 (10 + 11 calls) summed into one half hour.
    assert at(result.dataset, "2026-11-02 08:00", "quarter")["volume"] == 21


# --- Where the missing intervals are -------------------------------------------------------------


def _three_weeks_with_gaps(gaps: set[tuple[int, int]]) -> str:
    """Three weeks of 16 half hours a day from 08:00, without the (day, slot) pairs `gaps`."""
    stamps = [
        t
        for day in range(21)
        for slot, t in enumerate(_slots(MONDAY + dt.timedelta(day), 16))
        if (day, slot) not in gaps
    ]
    return _counts(stamps)


def test_the_missing_intervals_note_says_where_the_gaps_are(tmp_path):
    # Before: "4 open intervals have no data in the export: kept as missing (empty), not as
    # zero.", the manager left to search three weeks of rows for them.
    path = write(tmp_path, "desk.csv", _three_weeks_with_gaps({(3, 3), (3, 4), (9, 10), (15, 0)}))
    result = import_files_detailed([path])
    assert note_with(result.dataset, "no data in the export") == (
        "4 open intervals have no data in the export (Thu 5 Nov 2026 09:30-10:30; Wed 11 Nov "
        "2026 13:00-13:30; Tue 17 Nov 2026 08:00-08:30): kept as missing (empty), not as zero."
    )
    assert result.dataset.intervals["is_missing"].sum() == 4


def test_the_missing_intervals_note_shows_three_stretches_and_counts_the_rest(tmp_path):
    gaps = {(1, 2), (2, 5), (4, 15), (8, 7), (10, 8), (10, 9), (10, 10)}
    path = write(tmp_path, "desk.csv", _three_weeks_with_gaps(gaps))
    result = import_files_detailed([path])
    assert note_with(result.dataset, "no data in the export") == (
        "7 open intervals have no data in the export (Tue 3 Nov 2026 09:00-09:30; Wed 4 Nov "
        "2026 10:30-11:00; Fri 6 Nov 2026 15:30-16:00 and 2 more stretches): kept as missing "
        "(empty), not as zero."
    )
