"""Round-thirty-five probes: whole hours written with their half of the day ("8 AM", "8am",
"8 a.m.", "8 AM - 9 AM", "8-9 AM") or as French hour ranges ("8h-9h", "de 8h à 9h"), down a time
column, after a date ("03/04/2024 8 AM") or across a grid's headers; hourly ranges with the half of the day after their end
("11:00-12:00 PM") beside a total row or a grid's "Date"; call directions in Microsoft Teams'
PSTN call types ("user_in", "user_out_transfer") and Twilio's SIP trunks ("trunking-terminating"
out, "trunking-originating" in); totals without a label, sums added under each day or the table
in rows with no date or time, skipped where they sum the rows above them and refused naming their
line where they do not; rows dated by their week ("Week Ending", "Week Beginning", "Semaine du")
beside the weekday's name; zeros written as dashes (" -   ", as a spreadsheet's accounting format
saves them) in count columns mostly zeros; and a typical week of weekday names without dates,
refused saying it is no history."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from import_support import note_with, weekday_rows_file, write

from data.errors import InputError
from data.importer import import_files_detailed
from data.timestamps import parse_time_of_day

MONDAY = dt.datetime(2024, 3, 4)


def _hours() -> list[dt.datetime]:
    """Ten hours from 08:00 on Monday to Friday from 4 March 2024."""
    return [
        MONDAY + dt.timedelta(days=day, hours=8 + hour) for day in range(5) for hour in range(10)
    ]


def _calls(t: dt.datetime) -> int:
    return 5 + (t.hour - 8) + t.day % 3  # 535 over the 50 hours


# --- Whole hours with their half of the day, French hour ranges ---------------------------------


def _hour_label(template: str, hour: int) -> str:
    """`template` filled with the hour and the next one on both clocks: {h} 8, {half} AM, {ap}
    am, {a} a, {h1} and {half1} the next hour's, {H} and {H1} 24-hour."""
    return template.format(
        h=hour % 12 or 12, half="AM" if hour < 12 else "PM", ap="am" if hour < 12 else "pm",
        a="a" if hour < 12 else "p", h1=(hour + 1) % 12 or 12,
        half1="AM" if hour + 1 < 12 else "PM", H=hour, H1=hour + 1,
    )  # fmt: skip


@pytest.mark.parametrize(
    "template",
    [
        "{h} {half}",
        "{h}{ap}",
        "{h} {a}.m.",
        "{h} {half} - {h1} {half1}",
        "{h}-{h1} {half1}",
        "{H}h-{H1}h",
        "de {H}h à {H1}h",
    ],  # fmt: skip
)
def test_hourly_report_with_whole_hours_is_read_hour_by_hour(tmp_path, template):
    # Before: the hours were no clock times, so 'Hour' was read as ten queues of daily counts
    # ('8 AM', '9 AM', ...) at midnight, the day's shape lost.
    lines = ["Date,Hour,Calls"] + [
        f"{t:%d/%m/%Y},{_hour_label(template, t.hour)},{_calls(t)}" for t in _hours()
    ]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    dataset = result.dataset
    assert dataset.interval_minutes == 60
    assert dataset.queues == ["hourly"]
    assert result.contacts == 535
    assert (result.first_interval, result.last_interval) == (
        MONDAY.replace(hour=8),
        MONDAY + dt.timedelta(days=4, hours=17),
    )
    frame = dataset.intervals.set_index("interval_start")
    assert frame.loc[MONDAY + dt.timedelta(days=2, hours=13), "volume"] == 5 + 5 + 6 % 3


def test_whole_hours_with_their_half_of_the_day_read_as_clock_times():
    labels = ["12 AM", "8 AM", "8am", "8 a.m.", "8 A.M.", "12 PM", "12 p.m.", "1 PM - 2 PM",
              "11 AM - 12 PM", "9\u202fPM", "13 PM", "8 AMX"]  # fmt: skip
    hours = parse_time_of_day(pa.array(labels)) / 3600
    assert hours[:10].tolist() == [0, 8, 8, 8, 8, 12, 12, 13, 11, 21]
    assert all(hours[10:] != hours[10:])  # no hour 13 of a half day, no word after the half


# --- Directions as Microsoft Teams and Twilio's SIP trunks write them ----------------------------


def _call_log(tmp_path, header: str, row, directions: list[str]):
    """200 calls Monday to Friday from 08:00, each given the directions in turn."""
    return weekday_rows_file(tmp_path, "calls.csv", header, row, directions)


def test_teams_pstn_call_types_out_are_no_inbound_contacts(tmp_path):
    # Microsoft Teams admin center, PSTN usage report: 'Call type' user_in (a user received an
    # inbound PSTN call), user_out, user_out_transfer (the user placed or transferred a call out
    # to a PSTN number), conf_in (an inbound call to the Audio Conferencing bridge).
    # Before: 'Call type' was read as the queue, 200 contacts in five queues ('user_out' 25).
    result = _call_log(
        tmp_path,
        "UsageId,Call ID,User Display Name,Call type,Start time,End time,Duration seconds",
        lambda t, n, kind: (
            f"u{n},c{n},Alice,{kind},{t:%Y-%m-%d %H:%M:%S},"
            f"{t + dt.timedelta(seconds=100 + n):%Y-%m-%d %H:%M:%S},{100 + n}"
        ),
        [
            "user_in",
            "user_out",
            "user_in",
            "conf_in",
            "user_in",
            "user_out_transfer",
            "user_in",
            "user_out_forwarding",
        ],  # fmt: skip
    )
    assert result.contacts == 125  # user_in 100, conf_in 25 of 200
    assert result.dataset.queues == ["calls"]
    assert any("75 row(s) with 'Call type' = user_out" in note for note in result.dataset.notes)


def test_twilio_trunking_terminating_calls_are_outbound(tmp_path):
    # Twilio Call resource, direction: 'trunking-terminating' for outgoing calls from your
    # communications infrastructure to the PSTN, 'trunking-originating' for incoming calls to
    # it from the PSTN. Before: neither was a direction, so the 50 calls out were counted:
    # 150 contacts instead of 100.
    result = _call_log(
        tmp_path,
        "Date Created,Sid,From,To,Direction,Status,Duration",
        lambda t, n, direction: (
            f"{t:%Y-%m-%d %H:%M:%S},CA{n:032d},+1,+2,{direction},completed,{100 + n}"
        ),
        ["inbound", "trunking-originating", "trunking-terminating", "outbound-api"],
    )
    assert result.contacts == 100
    assert any(
        "100 row(s) with 'Direction' = trunking-terminating, outbound-api left out" in note
        for note in result.dataset.notes
    ), result.dataset.notes


# --- Totals without a label ----------------------------------------------------------------------


def _half_hours() -> list[dt.datetime]:
    """16 half hours from 08:00 on Monday to Friday from 4 March 2024."""
    return [
        MONDAY + dt.timedelta(days=d, hours=8, minutes=30 * s) for d in range(5) for s in range(16)
    ]


def _interval_report(sums_after_days: bool, grand_total: bool) -> list[str]:
    """An interval report of 776 calls, with a sum under each day or under the table in rows
    without a date or time, as a spreadsheet user adds them."""
    lines = ["Date,Time,Offered"]
    for day in range(5):
        slots = _half_hours()[16 * day : 16 * day + 16]
        lines += [f"{t:%d/%m/%Y},{t:%H:%M},{_calls(t)}" for t in slots]
        if sums_after_days:
            lines.append(f",,{sum(_calls(t) for t in slots)}")
    if grand_total:
        lines.append(f",,{sum(_calls(t) for t in _half_hours())}")
    return lines


@pytest.mark.parametrize(
    ("sums_after_days", "grand_total", "skipped"),
    [
        (False, True, "1 total/subtotal row(s) were skipped (line 82: no label; a row"),
        (True, False, "5 total/subtotal row(s) were skipped (line 18: no label; line 35: no "
         "label; line 52: no label; …; a row"),
        (True, True, "6 total/subtotal row(s) were skipped (line 18: no label; line 35: no "
         "label; line 52: no label; …; a row"),
    ],
    ids=["grand total", "sum of each day", "both"],
)  # fmt: skip
def test_total_rows_without_a_label_are_skipped_as_sums(
    tmp_path, sums_after_days, grand_total, skipped
):
    # Before: refused, "column 'Date' has 1 value(s) that are not readable dates/times (line 82:
    # '')", though the row's 776 is the sum of the 80 rows above it.
    lines = _interval_report(sums_after_days, grand_total)
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert result.contacts == 776
    assert (result.dataset.intervals["volume"] > 0).sum() == 80  # no row of its own
    assert note_with(result.dataset, skipped).endswith(
        " without a label is the sum of the rows above it)."
    )


def test_a_row_without_date_that_sums_nothing_is_refused_naming_its_line(tmp_path):
    lines = _interval_report(sums_after_days=False, grand_total=False)
    lines.insert(30, ",,12")  # 12 is no sum of the rows above it
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert str(refused.value) == (
        "report.csv: 1 row(s) have nothing in column 'Date' though other columns of them are "
        "filled (line 31). Write values such as 01/03/2024 (%d/%m/%Y) in them like the other "
        "rows, or remove them (a total row without a label is skipped only where its count is "
        "the sum of the rows above it)."
    )


# --- A week's date beside the weekday's name ------------------------------------------------------


def _weekly_layout(header: str, week_date, day_name) -> str:
    """Half hours 08:00-15:30 of two weeks from Monday 4 March 2024, Monday to Friday, dated by
    the week (`week_date` of a row's day) and the weekday's name (`day_name`)."""
    days = [MONDAY + dt.timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]
    lines = [header] + [
        f"{week_date(t)},{day_name(t)},{t:%H:%M} - {t + dt.timedelta(minutes=30):%H:%M},{_calls(t)}"
        for day in days
        for t in (day + dt.timedelta(hours=8, minutes=30 * s) for s in range(16))
    ]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("header", "week_date", "day_name"),
    [
        ("Week Ending,Day,Interval,Calls",  # the week's Sunday
         lambda t: f"{t + dt.timedelta(days=6 - t.weekday()):%Y-%m-%d}", lambda t: f"{t:%A}"),
        ("Week Ending,Day,Interval,Calls",  # a working week ending on Friday
         lambda t: f"{t + dt.timedelta(days=4 - t.weekday()):%Y-%m-%d}", lambda t: f"{t:%a}"),
        ("Week Beginning,Day,Interval,Calls",
         lambda t: f"{t - dt.timedelta(days=t.weekday()):%Y-%m-%d}", lambda t: f"{t:%a}"),
        ("Semaine du,Jour,Intervalle,Appels",
         lambda t: f"{t - dt.timedelta(days=t.weekday()):%d/%m/%Y}",
         lambda t: ["lundi", "mardi", "mercredi", "jeudi", "vendredi"][t.weekday()]),
    ],
    ids=["week ending Sunday", "week ending Friday", "week beginning", "semaine du"],
)  # fmt: skip
def test_rows_dated_by_their_week_and_weekday_fall_on_their_own_day(
    tmp_path, header, week_date, day_name
):
    # Before: every day of a week was read on the week's date, the weekdays taken for five
    # queues ('Monday' ... 'Friday'), each day's 16 half hours summed onto one day of each week.
    text = _weekly_layout(header, week_date, day_name)
    result = import_files_detailed([write(tmp_path, "weekly.csv", text)])
    dataset = result.dataset
    assert dataset.queues == ["weekly"]
    assert dataset.interval_minutes == 30
    assert (result.first_interval, result.last_interval) == (
        MONDAY.replace(hour=8),
        MONDAY + dt.timedelta(days=11, hours=15, minutes=30),
    )
    volumes = dataset.intervals.set_index("interval_start")["volume"]
    wednesday = MONDAY + dt.timedelta(days=2, hours=13)
    assert volumes[wednesday] == _calls(wednesday) == 10 + 6 % 3
    assert volumes[MONDAY + dt.timedelta(days=5, hours=13)] == 0  # Saturday: nothing
    assert result.contacts == sum(_calls(t) for t in _half_hours()) + sum(
        _calls(t + dt.timedelta(days=7)) for t in _half_hours()
    )
    assert any(
        "names the day: each row is put on that weekday of its week" in n for n in dataset.notes
    )


# --- Zeros written as dashes ----------------------------------------------------------------------


@pytest.mark.parametrize("zero", ["-", " - ", " -   "])
def test_interval_report_writing_its_zeros_as_dashes_is_read_as_counts(tmp_path, zero):
    # A spreadsheet's accounting number format shows a zero as a dash, and a CSV saved from it
    # writes the dash (" -   " with its padding). Here two thirds of the round-the-clock report's
    # cells are zeros. Before: no column held numbers in half its cells, so the 240 rows were
    # read as 240 contact records, one per row (776 calls in the file).
    lines = ["Date,Interval,Offered,Answered,Abandoned"]
    for day in range(5):
        for slot in range(48):
            t = MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            calls = _calls(t) if 8 <= t.hour < 16 else 0
            abandoned = 1 if calls and slot % 4 == 0 else 0
            cells = [str(n) if n else zero for n in (calls, calls - abandoned, abandoned)]
            lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{','.join(cells)}")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    dataset = result.dataset
    assert dataset.kind == "intervals"
    assert result.contacts == 776
    assert (dataset.answered, dataset.abandoned) == (756, 20)
    assert "160 cell(s) in 'Offered' hold a dash ('-'), read as 0 contacts." in " ".join(
        dataset.notes
    )


# --- Weekdays without dates ------------------------------------------------------------------------


def test_a_typical_week_without_dates_is_refused_saying_so(tmp_path):
    # Before: 'heatmap.csv: no column with dates or timestamps was found. Columns: Day of week
    # (e.g. 'Monday'); Hour (e.g. '8'); Calls (e.g. '6'). Add a date/time column such as ...',
    # as if the dates were only not recognised.
    lines = ["Day of week,Hour,Calls"] + [f"{t:%A},{t.hour},{_calls(t)}" for t in _hours()]
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "heatmap.csv", "\n".join(lines))])
    assert str(refused.value) == (
        "heatmap.csv: 'Day of week' names weekdays (e.g. 'Monday'), but no column gives each "
        "row's date: a table of a typical week (calls by weekday and hour) is no history to "
        "forecast from. Export the contacts with their dates, one row per day, interval "
        "(2024-03-04 08:00) or contact, and import again."
    )


# --- Hourly ranges with the half of the day after their end --------------------------------------


def _hourly_range(hour: int) -> str:
    """Avaya CMS's hourly range, its half of the day after the end alone: '11:00-12:00 PM'."""
    return f"{hour % 12 or 12}:00-{(hour + 1) % 12 or 12}:00 {'AM' if hour + 1 < 12 else 'PM'}"


@pytest.mark.parametrize("layout", ["rows with a daily Total", "grid"])
def test_hourly_range_before_noon_stays_before_noon(tmp_path, layout):
    # '11:00-12:00 PM' is the hour before noon, as '10:00-11:00 AM' before it says. Before: read
    # as 23:00 wherever another cell of the column, or another header, was no range (a 'Total'
    # row, the grid's 'Date'): the 11 o'clock calls counted at 23:00, 11:00 left empty.
    days = [MONDAY + dt.timedelta(days=d) for d in range(5)]
    if layout == "grid":
        lines = ["Date," + ",".join(_hourly_range(h) for h in range(8, 18))] + [
            f"{day:%d/%m/%Y}," + ",".join(str(_calls(day.replace(hour=h))) for h in range(8, 18))
            for day in days
        ]
    else:
        lines = ["Date,Interval,Calls"]
        for day in days:
            hours = [day.replace(hour=h) for h in range(8, 18)]
            lines += [f"{t:%d/%m/%Y},{_hourly_range(t.hour)},{_calls(t)}" for t in hours]
            lines.append(f"{day:%d/%m/%Y},Total,{sum(map(_calls, hours))}")
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    assert result.contacts == 535
    assert result.last_interval == MONDAY + dt.timedelta(days=4, hours=17)
    volumes = result.dataset.intervals.set_index("interval_start")["volume"]
    assert volumes[MONDAY.replace(hour=11)] == _calls(MONDAY.replace(hour=11)) == 9


# --- Grids of whole hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template", ["{h} {half}", "{h} {half} - {h1} {half1}", "{h}-{h1} {half1}", "{H}h-{H1}h"]
)
def test_grid_of_whole_hours_is_read_hour_by_hour(tmp_path, template):
    # A day per row, an hour per column headed '8 AM' ... '5 PM' or '8h-9h' ... '17h-18h'.
    # Before: the headers were no clocks, so '8 AM' made a file of 5 contact records (535 calls)
    # and '8h-9h' ten queues of daily counts.
    header = ",".join(_hour_label(template, h) for h in range(8, 18))
    lines = [f"Date,{header}"] + [
        f"{day:%d/%m/%Y}," + ",".join(str(_calls(day.replace(hour=h))) for h in range(8, 18))
        for day in (MONDAY + dt.timedelta(days=d) for d in range(5))
    ]
    result = import_files_detailed([write(tmp_path, "grid.csv", "\n".join(lines))])
    dataset = result.dataset
    assert (dataset.kind, dataset.interval_minutes, dataset.queues) == ("intervals", 60, ["grid"])
    assert result.contacts == 535
    assert (result.first_interval, result.last_interval) == (
        MONDAY.replace(hour=8),
        MONDAY + dt.timedelta(days=4, hours=17),
    )
    volumes = dataset.intervals.set_index("interval_start")["volume"]
    assert volumes[MONDAY + dt.timedelta(days=2, hours=13)] == 10


@pytest.mark.parametrize(
    ("header", "stamp"),
    [
        ("Hour,Calls", lambda t: f"{t:%m/%d/%Y} {_hour_label('{h} {half}', t.hour)}"),
        ("Hour,Calls", lambda t: f"{t:%Y-%m-%d} {_hour_label('{h}{ap}', t.hour)}"),
        ("Heure,Appels", lambda t: f"{t:%d/%m/%Y} {t.hour}h"),
    ],
    ids=["03/04/2024 8 AM", "2024-03-04 8am", "04/03/2024 8h"],
)
def test_date_times_ending_in_a_whole_hour_are_read(tmp_path, header, stamp):
    # Before: refused, 'no column with dates or timestamps was found. Columns: Hour (e.g.
    # '03/04/2024 8 AM'); Calls (e.g. '6'). Add a date/time column such as ...'.
    lines = [header] + [f"{stamp(t)},{_calls(t)}" for t in _hours()]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    assert (result.dataset.kind, result.dataset.interval_minutes) == ("intervals", 60)
    assert result.contacts == 535
    assert (result.first_interval, result.last_interval) == (
        MONDAY.replace(hour=8),
        MONDAY + dt.timedelta(days=4, hours=17),
    )
    volumes = result.dataset.intervals.set_index("interval_start")["volume"]
    assert volumes[MONDAY + dt.timedelta(days=2, hours=13)] == 10
