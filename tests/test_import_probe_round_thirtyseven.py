"""Round-thirty-seven probes: a call log's missed-call reason ("Call was not picked by any agent")
read beside its call type ("Voicemail"), so a voicemail is one whichever column is read first; and
a date and an hourly range in one cell ("03/04/2024 8-9 AM", "04/03/2024 8h-9h") read as the
range's start; a grid of two or three hours named outright ("11-12 PM,12-1 PM") beside dates
running day by day, read as a grid, where bare clocks or ranges ("08:00", "0:00-0:30") stay
columns; and a units row under the header ("calls | min | %") read with it, the minutes and the
share named in the columns' headers; a "Service Level" of '80 %' no more named an unread handle
time; and Tableau's "Measure Names" and "Measure Values", one row per measure, read as a column per
measure; and a header of merged cells saved over two lines ("Interval,Calls,Calls,Handle" over
",Offered,Answered,AHT") read from its first line, a name on both lines named once; and a BI tool's
count of an identifier ("Count of Call ID", "CNTD(Call ID)") read as the count; and an "Abandoned"
written as percentages named as unread; and header names wrapped onto two lines inside their quoted
cells, the rows below named by their own lines."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import answered_weighted_aht, day_grid, note_with, spread_arrival, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def _outcomes(result) -> tuple[float, float]:
    frame = result.dataset.intervals
    return float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())


# --- A missed-call reason beside a call type of outcomes ----------------------------------------


def _call_log(voicemail_reason: str) -> str:
    """100 calls, JustCall's columns: of every five, three answered, one missed, one voicemail;
    the missed-call reason empty where answered, `voicemail_reason` on the voicemails."""
    lines = ["Call Date,Call Time,Call Direction,Call Type,Call Duration,Missed Call Reason"]
    for n in range(100):
        t = spread_arrival(n)
        kind = ["Answered", "Answered", "Missed", "Answered", "Voicemail"][n % 5]
        talk = {"Answered": 60 + n % 50, "Voicemail": 25}.get(kind, 0)
        reason = {"Missed": "Call was not picked by any agent", "Voicemail": voicemail_reason}
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M:%S},Incoming,{kind},{talk},{reason.get(kind, '')}")
    return "\n".join(lines) + "\n"


def test_a_voicemail_whose_missed_reason_says_only_missed_is_a_voicemail(tmp_path):
    # The call type alone reads 60 answered, 20 abandoned and 20 voicemails (9f3da39); the
    # missed-call reason, read first for the closed center it may name, said 40 abandoned.
    # Before: (60, 40), the voicemails' "not picked by any agent" read as abandons.
    text = _call_log("Call was not picked by any agent")
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    assert result.files[0].columns["outcome"] == "Missed Call Reason"
    assert result.files[0].columns["call type"] == "Call Type"
    assert result.contacts == 100
    assert _outcomes(result) == (60.0, 20.0)
    assert note_with(result.dataset, "read from 'Call Type'").startswith(
        "calls.csv: 20 row(s) read from 'Call Type', whose outcome the missed-call reason did "
        "not tell apart: Voicemail -> voicemail (20)"
    )


def test_a_voicemail_without_a_missed_reason_is_no_answered_call(tmp_path):
    # An empty reason reads as answered; the call type says the call went to voicemail.
    # Before: (80, 20), the voicemails counted as answered calls.
    result = import_files_detailed([write(tmp_path, "calls.csv", _call_log(""))])
    assert _outcomes(result) == (60.0, 20.0)


def test_guard_a_reason_naming_the_closed_center_stays_closed(tmp_path):
    # A reason the call type cannot tell (the center was closed) is kept: 20 voicemails of the
    # closed center are no demand, the 20 missed calls abandoned.
    result = import_files_detailed([write(tmp_path, "calls.csv", _call_log("out_of_hours"))])
    assert result.contacts == 80
    assert _outcomes(result) == (60.0, 20.0)


# --- A date and an hourly range in one cell -----------------------------------------------------


def _half(hour: int) -> str:
    return "AM" if hour % 24 < 12 else "PM"


@pytest.mark.parametrize(
    "written",
    [
        lambda t: f"{t:%m/%d/%Y} {t.hour % 12 or 12}-{(t.hour + 1) % 12 or 12} {_half(t.hour + 1)}",
        lambda t: (
            f"{t:%m/%d/%Y} {t.hour % 12 or 12} {_half(t.hour)} - "
            f"{(t.hour + 1) % 12 or 12} {_half(t.hour + 1)}"
        ),
        lambda t: f"{t:%d/%m/%Y} {t.hour}h-{t.hour + 1}h",
        lambda t: f"{t:%Y-%m-%d} {t.hour:02d}-{t.hour + 1:02d}",
    ],
    ids=["8-9 AM", "8 AM - 9 AM", "8h-9h", "08-09"],
)
def test_a_date_and_an_hourly_range_in_one_cell_read_as_the_ranges_start(tmp_path, written):
    # As "03/04/2024 8 AM" (eaba1dd) and "2024-03-04 08:00-09:00" read already. "11-12 PM" ends
    # at noon: 11:00. Before: refused, 'no column with dates or timestamps was found. Columns:
    # Interval (e.g. '03/04/2024 8-9 AM') ...'.
    lines = ["Interval,Calls"] + [
        f"{written(MONDAY + dt.timedelta(days=day, hours=hour))},{day + hour}"
        for day in range(5)
        for hour in range(8, 18)
    ]
    result = import_files_detailed([write(tmp_path, "hourly.csv", "\n".join(lines))])
    frame = result.dataset.intervals
    busy = frame[frame["volume"] > 0]
    assert result.contacts == 10 * (0 + 1 + 2 + 3 + 4) + 5 * sum(range(8, 18))  # 725
    assert sorted(set(busy["interval_start"].dt.hour)) == list(range(8, 18))
    assert busy.set_index("interval_start")["volume"][dt.datetime(2024, 3, 6, 11)] == 2 + 11
    assert result.dataset.interval_minutes == 60


# --- A grid of two hour ranges ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "first"),
    [(["11-12 PM", "12-1 PM"], 11), (["8 AM", "9 AM", "10 AM"], 8), (["8h-9h", "9h-10h"], 8)],
)
def test_two_or_three_headers_naming_hours_outright_are_a_grid(tmp_path, hours, first):
    # A header that writes its half of the day or a French hour names a time of day outright;
    # one hour after the other beside dates running day by day, two make a short day's grid.
    # Before: fewer than four time headers were no grid: 5 rows read as 5 contact records (14
    # days: the hours read as queues '11-12 PM' and '12-1 PM' of daily counts at midnight).
    result = day_grid(tmp_path, hours)
    dataset = result.dataset
    assert (dataset.kind, dataset.interval_minutes, dataset.queues) == ("intervals", 60, ["grid"])
    frame = dataset.intervals.set_index("interval_start")["volume"]
    assert result.contacts == sum(10 + d + 5 * k for d in range(5) for k in range(len(hours)))
    assert frame[dt.datetime(2024, 3, 6, first)] == 12  # Wednesday's first hour
    assert frame[dt.datetime(2024, 3, 6, first + 1)] == 17


@pytest.mark.parametrize(
    "hours", [["00:30", "01:00"], ["0:00-0:30", "0:30-1:00"], ["8 AM", "5 PM"], ["8-9", "9-10"]]
)
def test_guard_two_headers_that_may_be_no_hours_stay_columns(tmp_path, hours):
    # Bare clocks or ranges may be wait-time buckets ("0:00-0:30"), and hours far apart no run.
    # Bare clocks of a working day one interval apart ("08:00", "09:00") are a grid since round
    # thirty-eight.
    dataset = day_grid(tmp_path, hours, days=14).dataset
    assert dataset.queues == sorted(hours)


# --- A units row under the header ---------------------------------------------------------------


def _units_report(tmp_path, units: str, bad_line: int | None = None):
    """80 half hours, Monday to Friday 08:00-15:30: 'Offered' 10-14, 'Answered' one fewer, 'AHT'
    3 + k % 4 (in the unit the units row gives), 'Abandoned' a share; a units row under the
    header; the file's line `bad_line` dated 'n/a'."""
    lines = ["Interval,Offered,Answered,AHT,Abandoned", units]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        stamp = "n/a" if bad_line == len(lines) + 1 else f"{t:%Y-%m-%d %H:%M}"
        lines.append(f"{stamp},{10 + k % 5},{9 + k % 5},{3 + k % 4},{k % 10}")
    return write(tmp_path, "report.csv", "\n".join(lines))


def test_a_units_row_under_the_header_is_part_of_it(tmp_path):
    # A spreadsheet's units row ("calls | min | %") names each column's unit: AHT in minutes,
    # Abandoned a share, no count. Before: refused, 'report.csv: 1 row(s) have nothing in column
    # 'Interval' though other columns of them are filled (line 2). Write a timestamp ...'.
    result = import_files_detailed([_units_report(tmp_path, ",calls,calls,min,%")])
    columns = result.files[0].columns
    assert (columns["aht"], "abandoned" in columns) == ("AHT (min)", False)
    frame = result.dataset.intervals
    assert result.contacts == 16 * (10 + 11 + 12 + 13 + 14)  # 960
    assert frame["answered"].sum() == 880
    # AHT weighted by the answered calls, minutes to seconds: 3, 4, 5, 6 minutes in turn.
    weighted = sum((9 + k % 5) * (3 + k % 4) * 60 for k in range(80)) / 880
    assert answered_weighted_aht(result) == pytest.approx(weighted)  # 270.0 s
    assert note_with(result.dataset, "units") == (
        "report.csv: line 2 under the header gives the columns' units (calls, min, %): read as "
        "part of the header, not as data."
    )


def test_guard_a_bad_row_below_a_units_row_is_named_by_its_own_line(tmp_path):
    with pytest.raises(InputError, match=r"line 7: 'n/a'"):
        import_files_detailed([_units_report(tmp_path, ",calls,calls,sec,%", bad_line=7)])


def test_guard_a_first_row_of_data_is_no_units_row(tmp_path):
    # Values, or words that are no units, under the header are data as before.
    from data.sniff import is_units_row

    assert not is_units_row(["", "10", "9", "3", "1"], ["Interval", "Offered", "Answered"])
    assert not is_units_row(["", "Sales", "sec"], ["Interval", "Queue", "AHT"])
    assert is_units_row(["", "(calls)", "[s]", "%"], ["Interval", "Offered", "AHT", "SL"])


# --- Percentages written "85 %" ----------------------------------------------------------------


def test_a_service_level_in_percent_is_not_named_an_unread_handle_time(tmp_path):
    # "Service" is a handle word ("Service Time"), but a level is no time. Before: 'report.csv:
    # 'Service Level' was not read as the handle time: 80 of 80 sampled values are no duration
    # (e.g. '80 %', '81 %', '82 %'). Write them as seconds, H:MM:SS or 5m 40s.'
    lines = ["Interval,Offered,Answered,Service Level"]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f"{t:%Y-%m-%d %H:%M},{10 + k % 5},{9 + k % 5},{80 + k % 10} %")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert (result.contacts, result.dataset.intervals["answered"].sum()) == (960, 880)
    assert not [note for note in result.dataset.notes if "handle time" in note]


# --- A BI tool's export of several measures -----------------------------------------------------


def test_tableaus_measure_names_and_values_are_one_column_per_measure(tmp_path):
    # Tableau writes each measure of a view on a row of its own, named in "Measure Names", with
    # quoted numbers grouped in thousands. Before: 'Measure Values' read as the count whatever
    # its measure, offered and answered summed as 4,060 contacts of 2,560 offered (without a
    # queue column, the measures read as two queues 'Offered' and 'Answered').
    lines = ['"Queue","Day of Date","Hour of Date","Measure Names","Measure Values"']
    for k in range(40):
        t = MONDAY + dt.timedelta(days=k // 8, hours=9 + k % 8)
        for measure, value in (("Offered", 1000 + k if k == 0 else 20 + k), ("Answered", 18 + k)):
            lines.append(f'"Sales","{t:%B %d, %Y}","{t.hour}","{measure}","{value:,}"')
    result = import_files_detailed([write(tmp_path, "view.csv", "\n".join(lines))])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"]) == ("Offered", "Answered")
    assert result.dataset.queues == ["Sales"]
    assert result.contacts == 1000 + sum(20 + k for k in range(1, 40))  # 2,560
    assert result.dataset.intervals["answered"].sum() == sum(18 + k for k in range(40))  # 1,500
    assert note_with(result.dataset, "Measure Names") == (
        "view.csv: 'Measure Names' and 'Measure Values' write one measure per row, as Tableau "
        "exports a view of several: read as one column per measure (Offered, Answered)."
    )


# --- A header of merged cells split over two lines ----------------------------------------------


@pytest.mark.parametrize(
    "top", ["Interval,Calls,Calls,Handle", "Interval,Calls,,Handle"], ids=["filled", "blank"]
)
def test_merged_header_cells_saved_over_two_lines_from_the_first(tmp_path, top):
    # A spreadsheet saves a header of merged cells as two lines: "Interval" merged down leaves
    # a blank under it, "Calls" merged across is written over each column or once (read
    # already, the second line taken for the header). Before, written over each: refused,
    # 'report.csv: 1 row(s) have nothing in column 'Interval' though other columns of them are
    # filled (line 2). Write a timestamp ...'.
    lines = [top, ",Offered,Answered,AHT"]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f"{t:%Y-%m-%d %H:%M},{10 + k % 5},{9 + k % 5},{200 + k}")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["volume"], columns["aht"]) == (
        "Interval",
        "Calls Offered",
        "Handle AHT",
    )
    assert (result.contacts, result.dataset.intervals["answered"].sum()) == (960, 880)
    assert note_with(result.dataset, "spans") == (
        "report.csv: the header spans lines 1 and 2; each column was named by both lines: "
        "'Interval', 'Calls Offered', 'Calls Answered', 'Handle AHT'."
    )


def test_a_name_merged_over_both_header_lines_is_named_once(tmp_path):
    # Before: 'Interval Interval'.
    lines = ["Interval,Calls,,Handle", "Interval,Offered,Answered,AHT"]
    lines += [
        f"2024-03-04 {8 + k // 2:02d}:{30 * (k % 2):02d},{10 + k},{9 + k},200" for k in range(8)
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert result.files[0].columns["timestamp"] == "Interval"
    assert result.contacts == sum(10 + k for k in range(8))  # 108


# --- A BI tool's count of an identifier ---------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Count of Call ID", "Count of Call ID (Distinct)", "CNTD(Call ID)", "Distinct count of ID"],
)
def test_a_bi_tools_count_of_call_ids_is_the_count(tmp_path, header):
    # Power BI names a count of a field's rows "Count of <field>", Tableau "CNTD(<field>)": the
    # calls of each interval. Before: the id word made it no count, so the 80 half hours read
    # as 80 contact records, one call each (960 calls).
    lines = [f'"Date","Hour","{header}"']
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f'"{t:%Y-%m-%d}","{t:%H:%M}","{10 + k % 5}"')
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines))])
    assert (result.dataset.kind, result.files[0].columns["volume"]) == ("intervals", header)
    assert result.contacts == 16 * (10 + 11 + 12 + 13 + 14)  # 960


def test_an_abandoned_column_of_percentages_is_named_as_unread(tmp_path):
    # A spreadsheet formats "Abandoned" as a share ("5 %"): no count of calls. Before: left out
    # without a word, the abandoned contacts silently unknown beside 960 offered.
    lines = ["Interval,Offered,Answered,Abandoned"]
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        lines.append(f"{t:%Y-%m-%d %H:%M},{10 + k % 5},{9 + k % 5},{k % 10} %")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines))])
    assert "abandoned" not in result.files[0].columns
    assert result.contacts == 960
    assert note_with(result.dataset, "percentages") == (
        "report.csv: 'Abandoned' holds percentages (e.g. '0 %', '1 %', '2 %'), a share of the "
        "contacts, not their number: it was not read as the abandoned count, so the abandoned "
        "contacts are unknown, not 0. Export the abandoned count and import again."
    )


# --- Header names wrapped onto two lines in their cells -----------------------------------------


def _wrapped_header_report(tmp_path, bad_row: int | None = None):
    """80 half hours under 'Interval,"Calls\\nOffered","Calls\\r\\nAnswered","AHT\\n(min)"', the
    header spanning the file's lines 1-4; the data row `bad_row` (from 0) dated 'n/a'."""
    lines = ['Interval,"Calls\nOffered","Calls\r\nAnswered","AHT\n(min)"']
    for k in range(80):
        t = MONDAY + dt.timedelta(days=k // 16, hours=8, minutes=30 * (k % 16))
        stamp = "n/a" if k == bad_row else f"{t:%Y-%m-%d %H:%M}"
        lines.append(f"{stamp},{10 + k % 5},{9 + k % 5},{3 + k % 4}")
    return write(tmp_path, "report.csv", "\n".join(lines))


def test_header_names_wrapped_in_their_cells_are_read(tmp_path):
    # A spreadsheet saves a header cell's wrapped text with its line break inside the quotes.
    # Before: refused, 'report.csv: a line has 3 fields where the header has 4 (...)': the
    # reader skipped one line for the header, not four.
    result = import_files_detailed([_wrapped_header_report(tmp_path)])
    columns = result.files[0].columns
    assert (columns["volume"], columns["answered"], columns["aht"]) == (
        "Calls Offered",
        "Calls Answered",
        "AHT (min)",
    )
    assert (result.contacts, result.dataset.intervals["answered"].sum()) == (960, 880)
    assert answered_weighted_aht(result) == pytest.approx(270.0)  # minutes read as minutes


def test_a_bad_row_under_a_wrapped_header_is_named_by_its_own_line(tmp_path):
    # The fourth data row is on the file's line 8, under the header's four lines.
    with pytest.raises(InputError, match=r"line 8: 'n/a'"):
        import_files_detailed([_wrapped_header_report(tmp_path, bad_row=3)])
