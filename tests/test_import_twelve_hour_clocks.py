"""Date-times with a 12-hour clock after day-first, year-first and month-name dates, and zones
written by name after the clock: each read into the right 15-minute interval."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import at, note_with, write

from data import schema
from data.importer import ImportOptions, import_files


def arrivals(count: int = 240, seed: int = 11) -> list[dt.datetime]:
    """`count` seeded arrivals over 07:00-22:00 of the 28 days from 1 August 2026, in order,
    so days past the 12th and clocks on both sides of noon are there."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 28, count)
    seconds = rng.integers(7 * 3600, 22 * 3600, count)
    return sorted(
        dt.datetime(2026, 8, 1) + dt.timedelta(days=int(d), seconds=int(s))
        for d, s in zip(days, seconds, strict=True)
    )


def expected_counts(times: list[dt.datetime]) -> dict[dt.datetime, int]:
    counts: dict[dt.datetime, int] = {}
    for time in times:
        start = time.replace(minute=time.minute - time.minute % 15, second=0)
        counts[start] = counts.get(start, 0) + 1
    return counts


def import_written(tmp_path, times: list[dt.datetime], write_time) -> schema.Dataset:
    lines = ["Start Time,Queue"] + [f"{write_time(time)},Sales" for time in times]
    path = write(tmp_path, "calls.csv", "\n".join(lines) + "\n")
    return import_files([path], ImportOptions(interval_minutes=15))


def assert_counted(dataset: schema.Dataset, times: list[dt.datetime]) -> None:
    counts = expected_counts(times)
    assert dataset.intervals[schema.VOLUME].sum() == len(times)
    for start, count in list(counts.items())[:: max(len(counts) // 25, 1)]:
        assert at(dataset, start.isoformat(), "Sales")[schema.VOLUME] == count, start


def twelve_hour(time: dt.datetime, seconds: bool = True) -> str:
    """ "8:05:40 PM" (hour not zero-padded, as .NET's "h:mm:ss tt" writes it)."""
    hour = time.hour % 12 or 12
    clock = f"{hour}:{time.minute:02d}" + (f":{time.second:02d}" if seconds else "")
    return f"{clock} {'PM' if time.hour >= 12 else 'AM'}"


@pytest.mark.parametrize(
    "write_time",
    [
        # India, Australia, the Philippines: dd/MM/yyyy h:mm:ss tt
        lambda t: f"{t:%d/%m/%Y} {twelve_hour(t)}",
        lambda t: f"{t:%d-%m-%Y} {twelve_hour(t, seconds=False)}",
        lambda t: f"{t:%d/%m/%y} {twelve_hour(t, seconds=False)}",
        lambda t: f"{t:%d.%m.%Y} {twelve_hour(t)}",
        # Year first with a 12-hour clock, "2026-08-03 8:05:40 PM"
        lambda t: f"{t:%Y-%m-%d} {twelve_hour(t)}",
        lambda t: f"{t:%Y/%m/%d} {twelve_hour(t, seconds=False)}",
        # Oracle-style month names, "03-Aug-2026 08:05 PM"
        lambda t: f"{t:%d-%b-%Y %I:%M %p}",
        lambda t: f"{t:%d-%b-%Y %I:%M:%S %p}",
    ],
    ids=["d/m/Y", "d-m-Y", "d/m/y", "d.m.Y", "Y-m-d", "Y/m/d", "d-b-Y", "d-b-Y seconds"],
)
def test_twelve_hour_clocks_after_other_dates_land_in_their_interval(tmp_path, write_time):
    times = arrivals()
    dataset = import_written(tmp_path, times, write_time)
    assert_counted(dataset, times)


def test_day_first_twelve_hour_dates_that_fit_both_orders_are_read_by_their_spacing(tmp_path):
    """Only days 1 to 12: each date fits day/month and month/day; the order that puts the days
    one apart wins, as for 24-hour clocks."""
    times = [t for t in arrivals() if t.day <= 12]
    dataset = import_written(tmp_path, times, lambda t: f"{t:%d/%m/%Y} {twelve_hour(t)}")
    assert_counted(dataset, times)
    assert "read as day/month" in note_with(dataset, "fit day/month and month/day")


def test_us_twelve_hour_dates_stay_month_first(tmp_path):
    times = arrivals()
    dataset = import_written(tmp_path, times, lambda t: f"{t:%m/%d/%Y} {twelve_hour(t)}")
    assert_counted(dataset, times)


def test_midnight_and_noon_on_a_twelve_hour_clock(tmp_path):
    times = [dt.datetime(2026, 8, 13, 0, 5), dt.datetime(2026, 8, 13, 12, 5)]
    dataset = import_written(tmp_path, times, lambda t: f"{t:%d/%m/%Y} {twelve_hour(t)}")
    assert at(dataset, "2026-08-13 00:00", "Sales")[schema.VOLUME] == 1  # 12:05:00 AM
    assert at(dataset, "2026-08-13 12:00", "Sales")[schema.VOLUME] == 1  # 12:05:00 PM


@pytest.mark.parametrize(
    "zone",
    ["CEST", "CET", "EST", "AEST", "UTC+2", "GMT-05:00"],
)
def test_a_zone_named_after_the_clock_keeps_the_time_as_written(tmp_path, zone):
    """Times are the wall clock the export shows, as with "+02:00" offsets."""
    times = arrivals(60)
    dataset = import_written(tmp_path, times, lambda t: f"{t:%Y-%m-%d %H:%M:%S} {zone}")
    assert_counted(dataset, times)


def test_a_zone_after_a_twelve_hour_clock(tmp_path):
    times = arrivals(60)
    dataset = import_written(tmp_path, times, lambda t: f"{t:%m/%d/%Y} {twelve_hour(t)} EST")
    assert_counted(dataset, times)


def test_day_first_dates_under_a_twelve_hour_clock_are_named_in_a_note(tmp_path):
    """AM/PM usually comes with month/day dates: a day/month reading is told, with a date that
    fits only it."""
    times = arrivals()
    dataset = import_written(tmp_path, times, lambda t: f"{t:%d/%m/%Y} {twelve_hour(t)}")
    note = note_with(dataset, "read as day/month (%d/%m/%Y %I:%M:%S %p)")
    assert "/08/2026" in note and "fit only that order" in note
