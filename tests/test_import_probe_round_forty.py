"""Round-forty probes: files of different intervals named with their interval each; the open
intervals missing from an export said where they are (their first stretches, by queue), not only
how many; a day's total dated without a time (ISO, day-first, beside an empty time, or an Excel
serial day) skipped and checked against its intervals, where a date alone that is a 24-hour
series' midnight stays its interval; durations keeping their tenths or milliseconds; UTC offsets
that change said on which day, a daylight-saving change or not; a report's title lines named
and a dashed title ("Queue Report - Sales") read as the queue, alone or over stacked sections;
Excel's "sep=;" line and a title's date given to every row not said to be titles; and Excel
PivotTables in compact layout (CSV or .xlsx, "Row Labels", "Etichette di riga") or outline form
read as one row per interval, or refused naming the layout and how to show it in tabular form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from import_support import at, note_with, write

from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2026, 11, 2)


def _counts(stamps: list[dt.datetime], first: int = 10) -> str:
    """'interval_start,calls' with first + k calls in row k."""
    lines = ["interval_start,calls"]
    lines += [f"{t:%Y-%m-%d %H:%M},{first + k}" for k, t in enumerate(stamps)]
    return "\n".join(lines) + "\n"


def _slots(day: dt.datetime, count: int, minutes: int = 30, hour: int = 8) -> list[dt.datetime]:
    return [day + dt.timedelta(hours=hour, minutes=minutes * k) for k in range(count)]


def _two_days(
    header: str,
    day_cells: Callable[[dt.datetime], str],
    slot_cells: Callable[[dt.datetime], str],
    footer: str | None = None,
    separator: str = ",",
) -> str:
    """`header`, then Mon 2 and Tue 3 Nov 2026, each a row of the day (`day_cells`, its 75
    calls) over its six half hours (`slot_cells`, 10 ... 15 calls); `footer` and the 150 calls
    of both days under them."""
    lines = [header]
    for day in (MONDAY, MONDAY + dt.timedelta(1)):
        lines.append(f"{day_cells(day)}{separator}75")
        lines += [f"{slot_cells(t)}{separator}{10 + k}" for k, t in enumerate(_slots(day, 6))]
    if footer is not None:
        lines.append(f"{footer}{separator}150")
    return "\n".join(lines) + "\n"


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


def test_the_missing_intervals_of_several_queues_are_named_with_their_queue(tmp_path):
    lines = ["interval_start,queue,calls"]
    for day in range(21):
        for slot, t in enumerate(_slots(MONDAY + dt.timedelta(day), 16)):
            for queue in ("Sales", "Support"):
                gap = (queue, day, slot) in {("Sales", 3, 3), ("Sales", 3, 4), ("Support", 9, 10)}
                if not gap:
                    lines.append(f"{t:%Y-%m-%d %H:%M},{queue},{10 + slot}")
    result = import_files_detailed([write(tmp_path, "desk.csv", "\n".join(lines) + "\n")])
    assert note_with(result.dataset, "no data in the export") == (
        "3 open intervals have no data in the export ('Sales' Thu 5 Nov 2026 09:30-10:30; "
        "'Support' Wed 11 Nov 2026 13:00-13:30): kept as missing (empty), not as zero."
    )


# --- Day totals dated without a time -------------------------------------------------------------


def test_a_day_total_dated_without_a_time_is_skipped_not_read_as_midnight(tmp_path):
    # Each day opens with its total, "2026-11-02,75", then its six half hours (10 ... 15 calls).
    # Before: the totals read as 00:00 intervals, 300 contacts where the days hold 150.
    text = _two_days(
        "interval_start,calls", lambda day: f"{day:%Y-%m-%d}", lambda t: f"{t:%Y-%m-%d %H:%M}"
    )
    path = write(tmp_path, "daily.csv", text)
    result = import_files_detailed([path])
    assert result.contacts == 150
    assert result.first_interval == pd.Timestamp("2026-11-02 08:00")
    assert note_with(result.dataset, "dated without a time") == (
        "daily.csv: 2 row(s) dated without a time were skipped as day totals, not read as "
        "midnight intervals (line 2: '2026-11-02'; line 9: '2026-11-03'); each equals the sum "
        "of its day's intervals."
    )


def test_a_day_total_that_differs_from_its_intervals_is_named_with_both_sums(tmp_path):
    # An Italian semicolon export, its day totals written under each day; Tuesday's says 80
    # where its intervals hold 75 (a half hour left out of the export). Before: refused, the
    # three dates "not readable dates/times".
    lines = ["Intervallo;Offerte;Risposte"]
    for day, extra in ((MONDAY, 0), (MONDAY + dt.timedelta(1), 5), (MONDAY + dt.timedelta(2), 0)):
        lines += [f"{t:%d/%m/%Y %H:%M};{10 + k};{9 + k}" for k, t in enumerate(_slots(day, 6))]
        lines.append(f"{day:%d/%m/%Y};{75 + extra};{69 + extra}")
    path = write(tmp_path, "giornaliero.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert result.contacts == 225
    assert result.dataset.answered == 3 * 69
    assert note_with(result.dataset, "dated without a time") == (
        "giornaliero.csv: 3 row(s) dated without a time were skipped as day totals, not read as "
        "midnight intervals (line 8: '02/11/2026'; line 15: '03/11/2026'; line 22: "
        "'04/11/2026'); 1 of them differs from the sum of their day's intervals (line 15: 80 "
        "against 75): check the export for intervals left out of it."
    )


def test_midnight_written_as_the_date_alone_stays_a_midnight_interval(tmp_path):
    # R's as.character() writes a midnight date-time as its date alone ("2026-11-02"): in a
    # 24-hour series that row is the 00:00 half hour, about as busy as its neighbours.
    lines = ["interval_start,calls"]
    for k in range(96):
        t = MONDAY + dt.timedelta(minutes=30 * k)
        stamp = f"{t:%Y-%m-%d}" if t.hour == t.minute == 0 else f"{t:%Y-%m-%d %H:%M:%S}"
        lines.append(f"{stamp},{5 + k % 7}")
    path = write(tmp_path, "r_export.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert result.contacts == sum(5 + k % 7 for k in range(96))
    assert at(result.dataset, "2026-11-03 00:00")["volume"] == 5 + 48 % 7
    assert not any("dated without a time" in note for note in result.dataset.notes)


def test_a_day_total_with_its_date_and_no_time_is_skipped_as_a_sum(tmp_path):
    # Date and time in columns of their own, the day's sum under it with the time left empty.
    # Before: refused, "3 row(s) have nothing in column 'Time'", though each is its day's sum.
    lines = ["Date,Time,Calls"]
    for day in (MONDAY + dt.timedelta(d) for d in range(3)):
        lines += [f"{t:%d/%m/%Y},{t:%H:%M},{10 + k}" for k, t in enumerate(_slots(day, 6))]
        lines.append(f"{day:%d/%m/%Y},,75")
    path = write(tmp_path, "days.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert result.contacts == 225
    assert note_with(result.dataset, "total/subtotal") == (
        "days.csv: 3 total/subtotal row(s) were skipped (line 8: no label; line 15: no label; "
        "line 22: no label; a row without a label is the sum of the rows above it)."
    )


def test_a_day_total_as_an_excel_serial_day_is_skipped(tmp_path):
    # Excel serial date-times, each day's total under its whole day number (46328 = Mon 2 Nov
    # 2026). Before: the totals read as 00:00 intervals, 300 contacts where the days hold 150.
    excel_epoch = dt.datetime(1899, 12, 30)
    text = _two_days(
        "Interval,Calls",
        lambda day: f"{(day - excel_epoch).days}",
        lambda t: f"{(t - excel_epoch).total_seconds() / 86_400:.6f}",
    )
    result = import_files_detailed([write(tmp_path, "serial.csv", text)])
    assert result.contacts == 150
    assert at(result.dataset, "2026-11-03 08:30")["volume"] == 11
    assert note_with(result.dataset, "dated without a time") == (
        "serial.csv: 2 row(s) dated without a time were skipped as day totals, not read as "
        "midnight intervals (line 2: '46328'; line 9: '46329'); each equals the sum of its "
        "day's intervals."
    )


def test_a_bare_number_among_date_times_is_still_refused_as_no_date(tmp_path):
    # A date alone is read as its day (to tell a day's total), but "15" is no date: read with
    # the day of "%d %b %Y %H:%M" alone it was Mon 15 Jan 1900, 26,464 intervals of history.
    text = "Interval;Calls\n02 Nov 2026 08:00;10\n02 Nov 2026 08:30;11\n15;20\n"
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "stray.csv", text + "02 Nov 2026 09:00;12\n")])
    assert str(error.value) == (
        "stray.csv: column 'Interval' has 1 value(s) that are not readable dates/times (line 4: "
        "'15'). Expected values such as 01 Mar 2024 08:15 (%d %b %Y %H:%M) like the other rows: "
        "fix or remove these rows."
    )


# --- Durations with tenths of a second -----------------------------------------------------------


@pytest.mark.parametrize("mark", [",", "."])
def test_durations_written_with_tenths_of_a_second_keep_them(tmp_path, mark):
    # Talk times "02:10,4" (minutes:seconds,tenths) and waits "00:15,7". Before: the tenths
    # dropped, a mean talk time of 130 s where the calls talked 130.4 s and waits of 15 s.
    lines = ["start_time,talk_time,wait_time"]
    talks, waits = ["02:10{0}4", "02:09{0}9", "02:10{0}9"], ["00:15{0}7", "00:20{0}1", "00:09{0}5"]
    for k, (talk, wait) in enumerate(zip(talks, waits, strict=True)):
        lines.append(f'2026-11-02 08:0{k}:00,"{talk.format(mark)}","{wait.format(mark)}"')
    lines += [f'2026-11-02 09:0{k}:00,"01:00{mark}0","00:10{mark}0"' for k in range(3)]
    path = write(tmp_path, "calls.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    eight = at(result.dataset, "2026-11-02 08:00")
    assert eight["aht_seconds"] == pytest.approx((130.4 + 129.9 + 130.9) / 3)
    assert eight["wait_seconds"] == pytest.approx((15.7 + 20.1 + 9.5) / 3)
    assert at(result.dataset, "2026-11-02 09:00")["aht_seconds"] == pytest.approx(60.0)


# --- UTC offsets that change ---------------------------------------------------------------------


def _paris_half_hours(first_utc: dt.datetime, count: int) -> str:
    """'interval_start,calls': `count` half hours from `first_utc` on Paris clocks with their
    offset ("2026-03-29T03:00:00+02:00"), 5 + k calls in row k."""
    paris = ZoneInfo("Europe/Paris")
    lines = ["interval_start,calls"]
    for k in range(count):
        stamp = (first_utc + dt.timedelta(minutes=30 * k)).replace(tzinfo=dt.UTC)
        lines.append(f"{stamp.astimezone(paris).isoformat()},{5 + k}")
    return "\n".join(lines) + "\n"


def test_an_offset_that_changes_in_spring_is_read_as_local_clock_and_said(tmp_path):
    # 22:00 on Saturday 28 March to 06:30 on Sunday, Paris time; 02:00-03:00 does not exist
    # that night. Before: read the same, but without a word of the offsets.
    path = write(tmp_path, "paris.csv", _paris_half_hours(dt.datetime(2026, 3, 28, 21), 16))
    result = import_files_detailed([path])
    assert note_with(result.dataset, "UTC offset") == (
        "paris.csv: the UTC offset of the times in 'interval_start' changes from +01:00 to "
        "+02:00 on Sun 29 Mar 2026 (a daylight-saving change): the times were read as the local "
        "clock they write, not moved to one offset, so each day's hours stay where the center "
        "works them."
    )
    # Row 8 (5 + 8 calls) is 01:00 UTC: 03:00 on the Paris clock, the hour after 01:30.
    assert at(result.dataset, "2026-03-29 03:00")["volume"] == 13
    assert at(result.dataset, "2026-03-29 01:30")["volume"] == 12
    assert result.contacts == sum(5 + k for k in range(16))


def test_an_offset_that_changes_in_autumn_is_said_once(tmp_path):
    # The repeated hour 02:00-03:00 is written twice, +02:00 then +01:00: one change, not three.
    path = write(tmp_path, "paris.csv", _paris_half_hours(dt.datetime(2026, 10, 24, 22), 16))
    result = import_files_detailed([path])
    assert note_with(result.dataset, "UTC offset") == (
        "paris.csv: the UTC offset of the times in 'interval_start' changes from +02:00 to "
        "+01:00 on Sun 25 Oct 2026 (a daylight-saving change): the times were read as the local "
        "clock they write, not moved to one offset, so each day's hours stay where the center "
        "works them."
    )
    # 02:00 written twice (9 and 11 calls): the repeated hour's contacts both counted.
    assert at(result.dataset, "2026-10-25 02:00")["volume"] == 9 + 11


def test_offsets_of_sites_in_different_zones_are_said_not_a_daylight_saving_change(tmp_path):
    # London (+00:00) and Athens (+02:00) rows of one queue, the file sorted by local clock:
    # in UTC, Athens 06:30 and 07:30, London 08:00, Athens 08:30, London 09:00 and 10:00.
    lines = ["interval_start,calls"]
    for k in range(6):
        clock = MONDAY + dt.timedelta(hours=8, minutes=30 * k)
        zone = "+02:00" if k % 2 else "+00:00"
        lines.append(f"{clock:%Y-%m-%dT%H:%M:%S}{zone},{10 + k}")
    path = write(tmp_path, "sites.csv", "\n".join(lines) + "\n")
    result = import_files_detailed([path])
    assert note_with(result.dataset, "UTC offset") == (
        "sites.csv: the UTC offset of the times in 'interval_start' changes from +02:00 to "
        "+00:00 on Mon 2 Nov 2026; from +00:00 to +02:00 on Mon 2 Nov 2026; from +02:00 to "
        "+00:00 on Mon 2 Nov 2026 (not only by the hour of a daylight-saving change): the times were read as the local clock they write. If the rows come from sites "
        "in different time zones, export them on one site's clock."
    )


# --- A report's title above the header -----------------------------------------------------------


def _titled_report(title: list[str]) -> str:
    lines = [*title, "interval_start,offered,answered"]
    for day in (MONDAY, MONDAY + dt.timedelta(1)):
        lines += [f"{t:%Y-%m-%d %H:%M},{10 + k},{9 + k}" for k, t in enumerate(_slots(day, 6))]
    return "\n".join(lines) + "\n"


def test_a_dashed_title_names_the_queue_and_the_other_title_lines_are_said(tmp_path):
    # Before: both lines skipped unsaid, and the rows read as queue 'report' (the file's name).
    title = ["Queue Report - Sales,,", "Report generated 2026-11-02 by admin,,"]
    path = write(tmp_path, "report.csv", _titled_report(title))
    result = import_files_detailed([path])
    assert result.dataset.queues == ["Sales"]
    assert result.contacts == 2 * 75
    assert result.dataset.answered == 2 * 69
    assert result.dataset.notes[1:3] == [
        "report.csv: 1 line above the header skipped as the report's title ('Report generated "
        "2026-11-02 by admin').",
        "report.csv: the table has no queue column; the queue named above it (line 1: 'Queue "
        "Report - Sales') was given to every row.",
    ]


def test_the_title_s_date_given_to_every_row_is_not_also_said_skipped(tmp_path):
    # A one-day report: its date only above the table, beside the run's own time stamp.
    text = "\n".join(
        ["Queue Report - Sales", "Date: 02/11/2026", "Report generated 2026-11-03 07:00 by admin"]
        + ["Interval,Calls", "08:00,10", "08:30,11", "09:00,12"]
    )
    result = import_files_detailed([write(tmp_path, "day.csv", text + "\n")])
    assert result.first_interval == pd.Timestamp("2026-11-02 08:00")
    assert result.dataset.queues == ["Sales"]
    assert note_with(result.dataset, "report's title") == (
        "day.csv: 1 line above the header skipped as the report's title ('Report generated "
        "2026-11-03 07:00 by admin')."
    )


@pytest.mark.parametrize(
    "title", ["Report - Sales", "Queue Report - All", "Daily Report - 2026-11-02"]
)
def test_a_dashed_title_that_names_no_one_queue_leaves_the_file_s_name(tmp_path, title):
    path = write(tmp_path, "report.csv", _titled_report([title]))
    result = import_files_detailed([path])
    assert result.dataset.queues == ["report"]
    assert note_with(result.dataset, "title") == (
        f"report.csv: 1 line above the header skipped as the report's title ('{title}')."
    )


def test_stacked_reports_under_dashed_titles_are_read_as_their_queues(tmp_path):
    # Before: refused, "the header is repeated 1 time(s) inside the file (line 11) ... write a
    # title naming each block's queue above its header ('Queue: Sales')", though each had one.
    lines = []
    for queue, first in (("Sales", 10), ("Support", 20)):
        lines += [f"Queue Report – {queue}", "interval_start,calls"]
        lines += [f"{t:%Y-%m-%d %H:%M},{first + k}" for k, t in enumerate(_slots(MONDAY, 6))]
        lines.append("")
    path = write(tmp_path, "stacked.csv", "\n".join(lines))
    result = import_files_detailed([path])
    assert at(result.dataset, "2026-11-02 08:30", "Support")["volume"] == 21
    assert at(result.dataset, "2026-11-02 08:30", "Sales")["volume"] == 11
    assert note_with(result.dataset, "stacks") == (
        "stacked.csv: the file stacks 2 sections, each under a title naming its queue (line 1: "
        "'Queue Report – Sales'; line 10: 'Queue Report – Support'), with the header repeated "
        "above each: read as one table, each row in the queue its section's title names "
        "('Queue Report')."
    )


# --- An Excel PivotTable in compact layout -------------------------------------------------------


def _compact_pivot(header: str, day_text: str, separator: str = ",") -> str:
    """Two days, each its date row (the day's subtotal) over its six half hours (10 ... 15
    calls), then the grand total, as Excel saves a compact PivotTable."""
    return _two_days(
        header,
        lambda day: day.strftime(day_text),
        lambda t: f"{t:%H:%M}",
        "Grand Total",
        separator,
    )


def test_a_compact_pivot_table_is_read_as_one_row_per_interval(tmp_path):
    # Before: refused, "no column with dates or timestamps was found. Columns: Row Labels
    # (e.g. '2026-11-02'); Sum of Calls (e.g. '75')".
    path = write(tmp_path, "pivot.csv", _compact_pivot("Row Labels,Sum of Calls", "%Y-%m-%d"))
    result = import_files_detailed([path])
    assert result.contacts == 150
    assert result.rows == 12
    assert at(result.dataset, "2026-11-03 08:30")["volume"] == 11
    assert result.dataset.notes[1] == (
        "pivot.csv: an Excel PivotTable in compact layout ('Row Labels': each date with its "
        "times beneath it) was read as one row per interval; its 2 date row(s) (subtotals, each "
        "the sum of its times in 'Sum of Calls') and 1 total row(s) were skipped."
    )


def test_a_compact_pivot_table_saved_by_an_italian_excel_is_read(tmp_path):
    # Day-first dates and a semicolon, the day's subtotal 75 on Monday but 80 on Tuesday.
    text = _compact_pivot("Etichette di riga;Somma di Chiamate", "%d/%m/%Y", ";")
    text = text.replace("03/11/2026;75", "03/11/2026;80").replace("Grand Total", "Totale")
    path = write(tmp_path, "pivot.csv", text)
    result = import_files_detailed([path])
    assert result.contacts == 150
    assert at(result.dataset, "2026-11-03 08:00")["volume"] == 10
    assert note_with(result.dataset, "PivotTable") == (
        "pivot.csv: an Excel PivotTable in compact layout ('Etichette di riga': each date with "
        "its times beneath it) was read as one row per interval; its 2 date row(s) (subtotals; "
        "1 differs from the sum of its times: line 9: 80 against 75) and 1 total row(s) were "
        "skipped."
    )


@pytest.mark.parametrize(
    ("labels", "named"),
    [
        (["2026-11-02,40", "Sales,25", "Support,15"], "('Sales', 'Support' are"),
        (["2026,40", "Nov,40", "2-Nov,40", "8,20", "9,20"], "('Nov', '2-Nov' are"),
    ],
)
def test_a_compact_pivot_table_of_other_labels_is_refused_naming_the_layout(
    tmp_path, labels, named
):
    # Queues nested under each date, or dates grouped into years, months and hours: no reading
    # tells the interval of each row for certain. Before: "no column with dates or timestamps".
    text = "\n".join(["Row Labels,Sum of Calls", *labels, "Grand Total,40"]) + "\n"
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "pivot.csv", text)])
    assert str(error.value) == (
        "pivot.csv: this is an Excel PivotTable in compact layout, its row labels nested in one "
        f"column 'Row Labels' {named} neither a date nor a time), so it cannot be read as "
        "intervals. In Excel: PivotTable Design → Report Layout → Show in Tabular Form, and "
        "Repeat All Item Labels, so that each row holds its date and time; then export again."
    )


def test_a_compact_pivot_table_without_values_is_refused(tmp_path):
    # Before: "no column with dates or timestamps was found"; read as the other pivots are, its
    # two times would be two contact records, one contact each.
    text = "Row Labels\n2026-11-02\n08:00\n08:30\nGrand Total\n"
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "pivot.csv", text)])
    assert str(error.value) == (
        "pivot.csv: this Excel PivotTable in compact layout has row labels but no values. Add "
        "the count of contacts to its Values area (Sum of Calls), and export again."
    )


def test_excel_s_separator_line_is_not_said_to_be_a_title(tmp_path):
    # "sep=;" tells Excel the separator. Before this fix the new title note read it as a title
    # line, "1 line above the header skipped as the report's title ('sep=')".
    lines = ["sep=;", "Intervallo;Chiamate"]
    lines += [f"{t:%Y-%m-%d %H:%M};{10 + k}" for k, t in enumerate(_slots(MONDAY, 6))]
    result = import_files_detailed([write(tmp_path, "coda.csv", "\n".join(lines) + "\n")])
    assert result.contacts == 75
    assert not any("title" in note for note in result.dataset.notes)


def test_a_pivot_table_in_outline_form_is_read(tmp_path):
    # Excel's outline form: each date on a row of its own with the day's subtotal, its times
    # beneath it with the date left empty. Before: refused, "12 row(s) have nothing in column
    # 'Date' though other columns of them are filled".
    text = _two_days(
        "Date,Time,Sum of Calls",
        lambda day: f"{day:%d/%m/%Y},",
        lambda t: f",{t:%H:%M}",
        "Grand Total,",
    )
    result = import_files_detailed([write(tmp_path, "outline.csv", text)])
    assert result.contacts == 150
    assert at(result.dataset, "2026-11-03 10:30")["volume"] == 15
    assert note_with(result.dataset, "total/subtotal") == (
        "outline.csv: 3 total/subtotal row(s) were skipped (line 2: no label; line 9: no label; "
        "line 16: 'Grand Total'; a row without a label is the sum of the rows below it, up to "
        "the next such row)."
    )


def test_a_compact_pivot_table_in_a_workbook_is_read(tmp_path):
    # The same PivotTable saved as .xlsx: dates and times as Excel's own date and time cells.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pivot"
    sheet.append(["Row Labels", "Sum of Calls"])
    for day in (MONDAY, MONDAY + dt.timedelta(1)):
        sheet.append([day, 75])
        sheet.cell(sheet.max_row, 1).number_format = "dd/mm/yyyy"
        for k, t in enumerate(_slots(day, 6)):
            sheet.append([t.time(), 10 + k])
            sheet.cell(sheet.max_row, 1).number_format = "hh:mm"
    sheet.append(["Grand Total", 150])
    path = tmp_path / "pivot.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert result.contacts == 150
    assert at(result.dataset, "2026-11-02 09:30")["volume"] == 13
    assert note_with(result.dataset, "PivotTable").startswith(
        "pivot.xlsx: an Excel PivotTable in compact layout ('Row Labels': each date with its "
        "times beneath it) was read as one row per interval; its 2 date row(s) (subtotals, each "
        "the sum of its times in 'Sum of Calls')"
    )
