"""Round-thirty-one probes: the half hours or quarters of an hour numbered in a column of their
own ("Half Hour" 1-2, "Quarter" 1-4) beside an hour column, or the intervals of the day numbered
beside a date ("Interval" 1-48, 1-96), an hour's "Total" row in the part column, military clocks
with their word after them ("0800 hrs"), dates without a year ("Mon 04/03") and Excel serial
date-times written with three decimals."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def _slots(minutes: int, per_day: int, days: int = 5) -> list[dt.datetime]:
    """`per_day` intervals of `minutes` from 08:00 on `days` days from Monday 4 March 2024."""
    return [
        MONDAY + dt.timedelta(days=day, hours=8, minutes=minutes * slot)
        for day in range(days)
        for slot in range(per_day)
    ]


def _offered(t: dt.datetime) -> int:
    return 5 + t.minute // 15 + t.hour % 3


def _volumes(result) -> dict:
    frame = result.dataset.intervals
    return frame.set_index(schema.INTERVAL_START)[schema.VOLUME].to_dict()


def _half_hours_read(tmp_path, header: str, row) -> dict:
    """Import five days of half hours written `row(t)` under `header`, check every half hour
    holds its own count, and return the counts."""
    slots = _slots(30, 20)
    lines = [header] + [row(t) for t in slots]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == 30
    volumes = _volumes(result)
    assert [volumes[t] for t in slots] == [_offered(t) for t in slots]
    return volumes


# --- The parts of the hour numbered beside an hour column ----------------------------------------


@pytest.mark.parametrize(
    ("header", "minutes", "number"),
    [
        ("Date,Hour,Half Hour,Queue,Calls", 30, lambda t: t.minute // 30 + 1),
        ("Date,Hour,Quarter,Queue,Calls", 15, lambda t: t.minute // 15 + 1),
        ("Date,Hour,Quarter Hour,Queue,Calls", 15, lambda t: t.minute // 15),
    ],
)
def test_the_parts_of_the_hour_numbered_in_their_own_column_place_each_row(
    tmp_path, header, minutes, number
):
    # Before: the part's number was left out, each hour's parts summed into one 60-minute
    # interval (710 calls in 50 hourly intervals for 100 half hours, with a note on repeats).
    slots = _slots(minutes, 600 // minutes)
    lines = [header] + [f"{t:%Y-%m-%d},{t.hour},{number(t)},Support,{_offered(t)}" for t in slots]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == minutes
    assert result.files[0].columns["part of hour"] == header.split(",")[2]
    volumes = _volumes(result)
    assert [volumes[t] for t in slots] == [_offered(t) for t in slots]
    assert sum(volumes.values()) == (710 if minutes == 30 else 1520)


def test_a_half_hour_column_before_the_hour_is_not_taken_for_the_clock(tmp_path):
    # Before: 'Half Hour' (0, 1) was read as the hour of the day: every call at 00:00 or 01:00.
    slots = _slots(30, 20)
    lines = ["Halbe Stunde;Datum;Stunde;Anrufe"] + [
        f"{t.minute // 30};{t:%d.%m.%Y};{t.hour};{_offered(t)}" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "anrufe.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["time"], columns["part of hour"]) == ("Stunde", "Halbe Stunde")
    assert _volumes(result)[dt.datetime(2024, 3, 8, 17, 30)] == _offered(slots[-1]) == 9


@pytest.mark.parametrize(
    "hour",
    [
        lambda t: f"{t:%H}:00",
        lambda t: f"{t:%I}:00 {t:%p}",
        lambda t: f"{t.hour}-{t.hour + 1}",
        lambda t: f"{t.hour}h",
    ],
)
def test_the_parts_of_the_hour_numbered_beside_a_clock_on_the_hour_place_each_row(tmp_path, hour):
    # Before: 'Half hour' was left out beside an hour written "08:00", "8-9" or "8h": 100 half hours
    # read as 50 hourly intervals with a note on repeats.
    volumes = _half_hours_read(
        tmp_path,
        "Date;Hour;Half hour;Calls",
        lambda t: f"{t:%d/%m/%Y};{hour(t)};{t.minute // 30 + 1};{_offered(t)}",
    )
    assert sum(volumes.values()) == 710


def test_guard_a_year_quarter_beside_the_hour_is_not_a_part_of_the_hour(tmp_path):
    slots = _slots(60, 10)
    lines = ["Year,Quarter,Date,Hour,Calls"] + [
        f"2024,{1 + t.day % 2},{t:%Y-%m-%d},{t.hour},{_offered(t)}" for t in slots
    ]
    result = import_files_detailed([write(tmp_path, "bi.csv", "\n".join(lines) + "\n")])
    assert {"minute", "part of hour"}.isdisjoint(result.files[0].columns)
    assert result.files[0].interval_minutes == 60


@pytest.mark.parametrize(
    ("header", "number", "line", "match"),
    [
        ("Date,Hour,Half Hour,Calls", lambda t: f"{t.hour},{t.minute // 30 + 1}",
         "2024-03-04,11,3,5", r"'Half Hour' has 1 value.*line 8: '3'.*part of the hour, 1 to 2"),
        ("Date,Interval,Calls", lambda t: f"{1 + (t.hour * 60 + t.minute) // 30}",
         "2024-03-04,49,5", r"'Interval' has 1 value.*line 8: '49'.*interval of the day, 1 to 48"),
    ],
)  # fmt: skip
def test_guard_a_part_or_interval_number_past_the_last_is_refused_naming_its_line(
    tmp_path, header, number, line, match
):
    lines = [header] + [f"{t:%Y-%m-%d},{number(t)},{_offered(t)}" for t in _slots(30, 20)]
    lines[7] = line
    with pytest.raises(InputError, match=match):
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


# --- Military clocks with their word after them ------------------------------------------------


@pytest.mark.parametrize("clock", ["{t:%H%M} hrs", "{t:%H%M}hrs", "{t:%H%M} h"])
def test_a_military_clock_with_its_word_after_it_is_read(tmp_path, clock):
    # Before: refused, "no column gives their time of day ... Column 'Time' (e.g. '0800 hrs')
    # was not read as clock times".
    volumes = _half_hours_read(
        tmp_path,
        "Date,Time,Queue,Calls",
        lambda t: f"{t:%Y-%m-%d},{clock.format(t=t)},Support,{_offered(t)}",
    )
    assert volumes[dt.datetime(2024, 3, 4, 17, 30)] == 9


# --- Dates without a year ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ("{t:%a %d/%m},{t:%H:%M}", "Mon 04/03"),
        ("{t:%d.%m.},{t:%H:%M}", "04.03."),
        ("{t:%d %b},{t:%H:%M}", "04 Mar"),
        ("{t:%a %m/%d %I:%M %p},", "Mon 03/04 08:00 AM"),
    ],
)
def test_dates_without_a_year_are_refused_saying_the_year_is_missing(tmp_path, row, shown):
    # Before: "no column with dates or timestamps was found. Columns: Date (e.g. 'Mon 04/03')".
    lines = ["Date,Time,Calls"] + [f"{row.format(t=t)},{_offered(t)}" for t in _slots(30, 20)]
    with pytest.raises(
        InputError, match=rf"'Date' holds days and months without a year \(e\.g\. '{shown}'\)"
    ):
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


def test_guard_clocks_without_a_date_keep_the_generic_refusal(tmp_path):
    lines = ["Slot,Calls"] + [f"{t:%H.%M},{_offered(t)}" for t in _slots(30, 20, days=1)]
    with pytest.raises(InputError, match="no column with dates or timestamps"):
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


# --- Excel serial date-times written with three decimals -----------------------------------------
# Three decimals of a day are 86.4 s apart: 08:15 is written 45355.344, which is 08:15:21.6 and
# 08:00 + 14 min 21.6 s for 00:15, so the nearest minute may be the one before the interval.


def _serial(t: dt.datetime, decimals: int) -> str:
    return f"{(t - dt.datetime(1899, 12, 30)).total_seconds() / 86_400:.{decimals}f}"


@pytest.mark.parametrize("minutes", [15, 30])
def test_excel_serials_with_three_decimals_land_in_their_own_interval(tmp_path, minutes):
    # Before: 60 of 240 quarter hours of five mornings (20 of 120 half hours) read a minute off,
    # 30 (10) of them in the interval before, summed with it and their own left empty.
    starts = [MONDAY + dt.timedelta(days=d, minutes=minutes * s)
              for d in range(5) for s in range(720 // minutes)]  # fmt: skip
    lines = ["Interval;Queue;Offered"]
    lines += [f"{_serial(t, 3)};Q;{10 + n % 7}" for n, t in enumerate(starts)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == minutes
    volumes = _volumes(result)
    assert [volumes[t] for t in starts] == [10 + n % 7 for n in range(len(starts))]


def test_excel_serials_with_eight_decimals_keep_their_seconds_near_midnight(tmp_path):
    # Before: a serial within 14.4 minutes of a whole day was read to the nearest minute, as if
    # written with no decimals: calls at 23:59:40 were counted at 00:00 the next day.
    arrivals = [
        MONDAY + dt.timedelta(days=n % 5, hours=23, minutes=59, seconds=40) for n in range(60)
    ]
    arrivals += [MONDAY + dt.timedelta(days=n % 5, hours=9, minutes=n) for n in range(60)]
    lines = ["Date,Queue"] + [f"{_serial(t, 8)},Support" for t in arrivals]
    dataset = import_files_detailed([write(tmp_path, "c.csv", "\n".join(lines) + "\n")]).dataset
    assert at(dataset, "2024-03-04 23:45")[schema.VOLUME] == 12
    assert at(dataset, "2024-03-05 00:00")[schema.VOLUME] == 0
    assert dataset.intervals[schema.VOLUME].sum() == 120


# --- The intervals of the day numbered beside a date ----------------------------------------------


@pytest.mark.parametrize(
    ("header", "minutes", "first"),
    [("Date,Interval,Queue,Calls", 30, 1), ("Date,Slot,Queue,Calls", 15, 1),
     ("Datum,Periode,Queue,Calls", 30, 0)],
)  # fmt: skip
def test_the_intervals_of_the_day_numbered_beside_a_date_place_each_row(
    tmp_path, header, minutes, first
):
    # Before: refused, "100 rows share 5 dates, but no column gives their time of day ... Column
    # 'Interval' (e.g. '17', '18', '19') was not read as clock times". Numbered from 1 unless a 0
    # is seen, as the note says.
    slots = _slots(minutes, 600 // minutes)
    if first == 0:  # numbered from 0: the file shows it in a round-the-clock day
        slots = [t - dt.timedelta(hours=8) for t in _slots(minutes, 1440 // minutes, days=3)]
    number = [first + (t.hour * 60 + t.minute) // minutes for t in slots]
    lines = [header] + [
        f"{t:%Y-%m-%d},{n},Support,{_offered(t)}" for t, n in zip(slots, number, strict=True)
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].interval_minutes == minutes
    volumes = _volumes(result)
    assert [volumes[t] for t in slots] == [_offered(t) for t in slots]
    column = header.split(",")[1]
    assert result.files[0].columns["interval number"] == column
    assert note_with(result.dataset, f"'{column}' numbers the {minutes}-minute intervals").endswith(
        f"({first} = 00:00-00:{minutes:02d}, up to {max(number)} in this file): read so. If it "
        "numbers them otherwise, export each interval's start time (08:00) instead."
    )


def test_guard_interval_numbers_within_a_day_of_hours_stay_refused(tmp_path):
    # 1-24 may be hours or the morning's half hours: the file cannot tell.
    lines = ["Date,Interval,Calls"] + [
        f"{t:%Y-%m-%d},{1 + t.hour},{_offered(t)}" for t in _slots(60, 10)
    ]
    with pytest.raises(InputError, match=r"Column 'Interval' \(e\.g\. '9', '10', '11'\) was not"):
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


def test_an_hours_total_row_in_the_part_column_is_skipped(tmp_path):
    # Before: the 'Total' label in 'Half Hour' left the column unread: each hour's two half hours
    # and its total summed into one hourly interval, 1,420 calls for 710.
    slots = _slots(30, 20)
    lines = ["Date,Hour,Half Hour,Calls"]
    for t in slots:
        lines.append(f"{t:%Y-%m-%d},{t.hour},{t.minute // 30 + 1},{_offered(t)}")
        if t.minute == 30:
            hour_total = _offered(t) + _offered(t - dt.timedelta(minutes=30))
            lines.append(f"{t:%Y-%m-%d},{t.hour},Total,{hour_total}")
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    volumes = _volumes(result)
    assert [volumes[t] for t in slots] == [_offered(t) for t in slots]
    assert sum(volumes.values()) == 710
    assert "50 total/subtotal row(s) were skipped (line 4: 'Total'; line 7: 'Total'" in (
        " ".join(result.dataset.notes)
    )
