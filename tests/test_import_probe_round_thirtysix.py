"""Round-thirty-six probes: an hourly range crossing noon written with the end's half of the day
("11-12 PM") as a day's first row, below the previous day's last hour, read by the 12-hour clock
as 11:00-12:00."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from import_support import write

from data.importer import import_files_detailed
from data.timestamps import parse_time_of_day

MONDAY = dt.datetime(2024, 3, 4)


def _twelve_hour(hour: int) -> str:
    return f"{hour % 12 or 12}"


# --- An hourly range crossing noon with no slot before it ---------------------------------------


def test_range_ending_at_noon_below_the_previous_days_last_hour_starts_at_eleven():
    # "11-12 PM" ends at noon on the 12-hour clock (12 PM is noon), so it is the hour from 11:00.
    # Only the slot just before it (10:00-11:00 AM, or 10:00-11:00 PM in a file that writes the
    # start's half) tells otherwise; the previous day's 5:00-6:00 PM above it tells nothing.
    # Before: 23:00 for the day's first row, as if "5:00-6:00 PM" were the slot before it.
    labels = ["11:00-12:00 PM", "12:00-1:00 PM", "5:00-6:00 PM", "11:00-12:00 PM"]
    assert (parse_time_of_day(pa.array(labels)) / 3600).tolist() == [11, 12, 17, 11]
    # Round the clock, written with the start's half, the slot before it still decides.
    labels = ["10:00-11:00 AM", "11:00-12:00 AM", "10:00-11:00 PM", "11:00-12:00 PM"]
    assert (parse_time_of_day(pa.array(labels)) / 3600).tolist() == [10, 11, 22, 23]


def test_hourly_report_whose_days_start_at_eleven_reads_eleven_oclock(tmp_path):
    # Before: 245 calls over 12:00-17:00 and 23:00, every day's 11:00 hour read as 23:00.
    lines = ["Date,Hour,Calls"] + [
        f"{MONDAY + dt.timedelta(days=day):%m/%d/%Y},"
        f"{_twelve_hour(hour)}-{_twelve_hour(hour + 1)} {'AM' if hour + 1 < 12 else 'PM'},"
        f"{5 + day}"
        for day in range(5)
        for hour in range(11, 18)
    ]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    frame = result.dataset.intervals
    busy = frame[frame["volume"] > 0]
    assert result.contacts == 7 * (5 + 6 + 7 + 8 + 9)  # 245
    assert sorted(set(busy["interval_start"].dt.hour)) == list(range(11, 18))
    eleven = busy[busy["interval_start"].dt.hour == 11]
    assert eleven["volume"].tolist() == [5, 6, 7, 8, 9]
