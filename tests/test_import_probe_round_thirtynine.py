"""Round-thirty-nine probes: a count column whose numbers are mostly gaps ("#N/A", "nan", "n/d",
"inf") read as the count column, its gaps named with their lines or refused naming them, never
dropped for one contact per row, and refused where they are all gaps; "nan" and "#N/A" counts
named as written, not as empty cells; the days of the import's notes on a history dated ahead
and on counts all zero written as every other message writes them ("Mon 5 Mar 2125"); a stored
dataset's rename that cannot be done, to another's name in any case or to its own, saying why
and to choose another name; footnotes ending a file right under its table ("* Calls offered,
transfers included", "© 2024 Acme, Inc.") skipped and named, whatever their number of fields;
numbers and dates written after Excel's text apostrophe ('20) read as their value; a file cut
off mid-row or inside its last date, its last line short and without a line break, refused as
cut off; and offered counts not available ("#N/A") beside answered and abandoned counts, taken
as their sum, said once."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from import_support import at, note_with, write

from data.dates import day_text
from data.errors import InputError
from data.importer import ImportOptions, import_files_detailed
from data.store import Store

MONDAY = dt.datetime(2024, 3, 4)


# --- A count column of mostly gaps ---------------------------------------------------------------


def _half_hour_counts(gap: str, gaps: set[int], rows: int = 5) -> str:
    """`rows` half hours from Monday 08:00 under 'interval_start,calls', 20 + k calls in slot k
    and `gap` written in the slots `gaps`."""
    lines = ["interval_start,calls"]
    for k in range(rows):
        t = MONDAY + dt.timedelta(hours=8, minutes=30 * k)
        lines.append(f"{t:%Y-%m-%d %H:%M:%S},{gap if k in gaps else 20 + k}")
    return "\n".join(lines)


@pytest.mark.parametrize("gap", ["nan", "#N/A", "#DIV/0!", "n/d", "N/D"])
def test_a_count_column_of_mostly_gaps_is_read_as_counts_with_the_gaps_named(tmp_path, gap):
    # Before: 'calls' left out (fewer than half its values numbers) and the five rows read as
    # 5 contact records, one contact each, with no word of the counts.
    path = write(tmp_path, "slots.csv", _half_hour_counts(gap, {0, 1, 2, 3}))
    result = import_files_detailed([path])
    assert result.files[0].columns["volume"] == "calls"
    assert result.contacts == 24  # the one count written, slot 4's 20 + 4
    assert note_with(result.dataset, "not available") == (
        f"slots.csv: 4 cell(s) in 'calls' say the count is not available (line 2: '{gap}'; "
        f"line 3: '{gap}'; line 4: '{gap}'): read as missing, not as 0 contacts."
    )


def test_an_infinite_count_is_refused_naming_its_lines(tmp_path):
    # A formula's division by zero. Before: 5 contact records, the counts dropped unsaid.
    path = write(tmp_path, "slots.csv", _half_hour_counts("inf", {0, 1, 2, 3}))
    with pytest.raises(InputError) as error:
        import_files_detailed([path])
    assert str(error.value) == (
        "slots.csv: column 'calls' should hold counts but 4 value(s) are not numbers (line 2: "
        "'inf'; line 3: 'inf'; line 4: 'inf'). Replace them with the count (0 if none), or leave "
        "the cell empty when the interval is unknown."
    )


@pytest.mark.parametrize("gap", ["#N/A", "n/d"])
def test_a_count_column_of_gaps_only_is_refused(tmp_path, gap):
    # Before: 'calls' left out and the five rows read as 5 contact records, one contact each.
    path = write(tmp_path, "slots.csv", _half_hour_counts(gap, {0, 1, 2, 3, 4}))
    with pytest.raises(InputError) as error:
        import_files_detailed([path])
    assert str(error.value) == (
        "slots.csv: 'calls' should count the contacts of each interval, but its values only say "
        f"that the count is not available ('{gap}'). Export the report again once its counts are "
        "filled in, and import it again."
    )


def test_a_few_nan_counts_are_named_as_written_not_as_empty_cells(tmp_path):
    # Arrow reads 'nan' in a column of numbers as an empty cell. Before: '2 empty count(s) in
    # 'calls' read as missing.', of cells that are not empty, with no line.
    path = write(tmp_path, "slots.csv", _half_hour_counts("nan", {1, 3}, rows=10))
    result = import_files_detailed([path])
    assert result.contacts == sum(20 + k for k in range(10)) - 21 - 23  # 201
    assert note_with(result.dataset, "not available") == (
        "slots.csv: 2 cell(s) in 'calls' say the count is not available (line 3: 'nan'; "
        "line 5: 'nan'): read as missing, not as 0 contacts."
    )
    assert not any("empty count" in note for note in result.dataset.notes)


def test_an_empty_count_is_still_called_empty(tmp_path):
    path = write(tmp_path, "slots.csv", _half_hour_counts("", {1, 3}, rows=10))
    result = import_files_detailed([path])
    assert result.contacts == 201
    assert "slots.csv: 2 empty count(s) in 'calls' read as missing." in result.dataset.notes


# --- Days in import notes, as every message writes them ------------------------------------------


def _interval_lines(first: dt.datetime, days: int, count: int) -> str:
    lines = ["Date,Time,Offered"]
    for day in range(days):
        for slot in range(4):
            t = first + dt.timedelta(days=day, hours=9, minutes=30 * slot)
            lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{count}")
    return "\n".join(lines)


def test_a_history_dated_ahead_names_its_days_as_other_messages_do(tmp_path):
    # Before: '... (the history starts on 2125-03-05; today is 2026-12-07) ...'.
    path = write(tmp_path, "ahead.csv", _interval_lines(dt.datetime(2125, 3, 5), 2, 10))
    result = import_files_detailed([path])
    today = day_text(pd.Timestamp.today(), True)
    assert note_with(result.dataset, "dated after today").startswith(
        "ahead.csv: every row is dated after today (the history starts on Mon 5 Mar 2125; "
        f"today is {today}). It was read as written."
    )


def test_counts_all_zero_name_their_days_as_other_messages_do(tmp_path):
    # Before: '... is 0, from 2024-03-04 to 2024-03-05: ...'.
    result = import_files_detailed([write(tmp_path, "zero.csv", _interval_lines(MONDAY, 2, 0))])
    assert note_with(result.dataset, "every count of contacts") == (
        "zero.csv: every count of contacts ('Offered') is 0, from Mon 4 Mar 2024 to Tue 5 Mar "
        "2024: there is no demand to forecast from. Check that the export covers the right "
        "queues and dates, and import it again."
    )


# --- Renaming a stored dataset ------------------------------------------------------------------


@pytest.fixture()
def two_stored(tmp_path, picco_home) -> Store:
    """A store holding 'desk' and 'Sales', each a day of half hours imported."""
    store = Store()
    for name in ("desk", "Sales"):
        path = write(tmp_path, f"{name}.csv", _interval_lines(MONDAY, 1, 10))
        store.save_dataset(import_files_detailed([path]).dataset, name)
    return store


@pytest.mark.parametrize(
    ("new", "message"),
    [
        # Before: '... a dataset named 'Sales' already exists.', no way out named, where the
        # same name in other capitals read '... Choose another name.'
        ("Sales", "Cannot rename 'desk' to 'Sales': a dataset named 'Sales' already exists."),
        ("sales", "Cannot rename 'desk' to 'sales': a dataset named 'Sales' already exists."),
        # Before: nothing said, nothing renamed.
        ("desk", "Cannot rename 'desk' to 'desk': that is already its name."),
        (" desk ", "Cannot rename 'desk' to 'desk': that is already its name."),
    ],
)
def test_a_rename_that_cannot_be_done_says_why_and_what_to_do(two_stored, new, message):
    with pytest.raises(InputError) as error:
        two_stored.rename_dataset("desk", new)
    assert str(error.value) == f"{message} Choose another name."
    assert sorted(two_stored.list_datasets()["name"]) == ["Sales", "desk"]


def test_a_dataset_may_take_its_own_name_in_other_capitals(two_stored):
    two_stored.rename_dataset("desk", "Desk")
    assert sorted(two_stored.list_datasets()["name"]) == ["Desk", "Sales"]


# --- A footnote under the table ------------------------------------------------------------------


def _report_with(*footnotes: str) -> str:
    """40 hours, Monday to Friday 09:00-16:00, 'Offered' 20 + k and 'Answered' 18 + k in hour k
    (1,580 and 1,500 in all), then the `footnotes` right under the table."""
    lines = ["Date,Time,Offered,Answered"]
    for k in range(40):
        t = MONDAY + dt.timedelta(days=k // 8, hours=9 + k % 8)
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{20 + k},{18 + k}")
    return "\r\n".join([*lines, *footnotes])


@pytest.mark.parametrize(
    "footnote", ["* Calls offered, transfers included", "© 2024 Acme, Inc.", "Source: ACD, daily"]
)
def test_a_footnote_line_of_fewer_fields_under_the_table_is_skipped_and_named(tmp_path, footnote):
    # Before: refused, 'report.csv: line 42 has 2 fields where the header has 4 ('* Calls
    # offered, transfers included'). Export the row whole, or remove it, and import again.'
    result = import_files_detailed([write(tmp_path, "report.csv", _report_with(footnote))])
    assert result.contacts == 1580
    assert result.dataset.intervals["answered"].sum() == 1500
    assert (
        f"report.csv: 1 line(s) holding only a note, not data, were skipped ('{footnote}')."
        in result.dataset.notes
    )


def test_footnotes_of_more_fields_than_the_header_are_skipped_too(tmp_path):
    text = _report_with("* a, b, c, d, e", "¹ Excluding callbacks, transfers")
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert note_with(result.dataset, "holding only a note") == (
        "report.csv: 2 line(s) holding only a note, not data, were skipped ('* a, b, c, d, e'; "
        "'¹ Excluding callbacks, transfers')."
    )


def test_a_footnote_as_wide_as_the_table_is_skipped_and_named(tmp_path):
    # Before: refused, 'report.csv: column 'Date' has 1 value(s) that are not readable
    # dates/times (line 42: '* Calls offered'). ...', where 'Note: ...' was skipped so.
    text = _report_with("* Calls offered, transfers included,,")
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert note_with(result.dataset, "below the table") == (
        "report.csv: 1 line(s) below the table hold words where 'Date' has its dates (line 42: "
        "'* Calls offered'): skipped as notes on the report, not data."
    )


def test_a_footnote_inside_the_table_is_still_refused(tmp_path):
    lines = _report_with().split("\r\n")
    text = "\r\n".join([*lines[:21], "* Calls offered, transfers included", *lines[21:]])
    with pytest.raises(InputError, match=r"line 22 has 2 fields where the header has 4"):
        import_files_detailed([write(tmp_path, "report.csv", text)])


# --- Numbers after Excel's text apostrophe -------------------------------------------------------


def _apostrophes(marked) -> str:
    """`_report_with()`'s 40 hours, the cells for which `marked(line, column)` holds written
    after an apostrophe ('20)."""
    lines = _report_with().split("\r\n")
    return "\r\n".join(
        [lines[0]]
        + [
            ",".join(
                f"'{cell}" if marked(line, column) else cell
                for column, cell in enumerate(text.split(","))
            )
            for line, text in enumerate(lines[1:], start=2)
        ]
    )


def test_counts_after_an_apostrophe_are_read_as_numbers(tmp_path):
    # Before: 'Offered' and 'Answered' left out as text and the 40 rows read as 40 contact
    # records, one contact an hour, with no word of the counts.
    text = _apostrophes(lambda line, column: column >= 2)
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert result.dataset.intervals["answered"].sum() == 1500
    assert note_with(result.dataset, "apostrophe") == (
        "report.csv: 80 cell(s) written after Excel's text apostrophe ('0123) read as their "
        "value (0123)."
    )


def test_dates_and_some_counts_after_an_apostrophe_are_read(tmp_path):
    # Before: refused, 'column 'Offered' should hold counts but 14 value(s) are not numbers
    # (line 2: "'20"; ...)', and with the dates so, 'no column with dates or timestamps was
    # found'.
    text = _apostrophes(lambda line, column: column == 0 or line % 3 == 2)
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert at(result.dataset, "2024-03-04 09:00")["volume"] == 20
    assert "report.csv: 82 cell(s) written after Excel's text apostrophe" in note_with(
        result.dataset, "apostrophe"
    )


def test_a_name_after_an_apostrophe_keeps_it(tmp_path):
    lines = _report_with().split("\r\n")
    text = "\r\n".join(["Queue," + lines[0]] + [f"'90s hits,{line}" for line in lines[1:]])
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.dataset.queues == ["'90s hits"]
    assert not any("apostrophe" in note for note in result.dataset.notes)


# --- A file cut off mid-row ----------------------------------------------------------------------


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_a_file_cut_off_mid_row_says_so(tmp_path, line_break):
    # A download interrupted. Before: 'report.csv: line 41 has 3 fields where the header has 4
    # ('2024-03-08,16:00,'). Export the row whole, or remove it, and import again.'
    text = line_break.join(_report_with().split("\r\n"))[: -len("59,57")]
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "report.csv", text)])
    assert str(error.value) == (
        "report.csv: line 41, the file's last, has 3 fields where the header has 4 "
        "('2024-03-08,16:00,') and no line break after it: the file seems cut off there, as by "
        "a download or export interrupted. Download or export it again whole and import it again."
    )


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_a_file_cut_off_inside_its_last_date_says_so(tmp_path, line_break):
    # Before: read, with 'report.csv: 1 line(s) without any comma were skipped as notes, not
    # data ('2024-03-0').', as if the row were a note under a whole table.
    text = line_break.join([*_report_with().split("\r\n"), "2024-03-0"])
    with pytest.raises(InputError) as error:
        import_files_detailed([write(tmp_path, "report.csv", text)])
    assert str(error.value) == (
        "report.csv: line 42, the file's last, holds only '2024-03-0' and no line break after "
        "it: the file seems cut off there, as by a download or export interrupted. Download or "
        "export it again whole and import it again."
    )


def test_a_lone_number_ending_the_file_is_still_a_note(tmp_path):
    text = _report_with() + "\r\n1580"
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert "skipped as notes, not data ('1580')" in note_with(result.dataset, "skipped as notes")


def test_a_whole_file_with_windows_line_breaks_and_none_at_its_end_reads_whole(tmp_path):
    result = import_files_detailed([write(tmp_path, "report.csv", _report_with())])
    assert result.contacts == 1580
    assert at(result.dataset, "2024-03-08 16:00")["volume"] == 59


def test_a_short_row_with_its_line_break_is_refused_as_before(tmp_path):
    text = _report_with()[: -len("59,57")] + "\r\n"
    with pytest.raises(InputError, match=r"line 41 has 3 fields where the header has 4 \("):
        import_files_detailed([write(tmp_path, "report.csv", text)])


# --- An offered count not available beside answered and abandoned --------------------------------


def _outcome_report(offered: dict[int, str], unanswered: set[int] = frozenset()) -> str:
    """40 hours, 'Offered' 20 + k, 'Answered' 18 + k and 'Abandoned' 2 in hour k; 'Offered'
    written `offered[k]` where given, 'Answered' empty in the hours `unanswered`."""
    lines = ["Date,Time,Offered,Answered,Abandoned"]
    for k in range(40):
        t = MONDAY + dt.timedelta(days=k // 8, hours=9 + k % 8)
        answered = "" if k in unanswered else 18 + k
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M},{offered.get(k, 20 + k)},{answered},2")
    return "\n".join(lines)


@pytest.mark.parametrize("gap", ["#DIV/0!", "#N/A", "n/d"])
def test_an_offered_count_not_available_taken_as_answered_and_abandoned_is_said_once(tmp_path, gap):
    # Before: 'report.csv: 2 cell(s) in 'Offered' say the count is not available (line 5:
    # '#DIV/0!'; line 19: '#DIV/0!'): read as missing, not as 0 contacts.' and then '2 empty
    # 'Offered' cell(s) (line(s) 5, 19) taken as 'Answered' + 'Abandoned'.', of the same cells.
    text = _outcome_report({3: gap, 17: gap})
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580
    assert [note for note in result.dataset.notes[1:] if "'Offered'" in note] == [
        "report.csv: 2 'Offered' cell(s) saying the count is not available (line(s) 5, 19) taken "
        "as 'Answered' + 'Abandoned'."
    ]


def test_offered_counts_left_missing_are_named_beside_those_taken(tmp_path):
    offered = {3: "#N/A", 5: "", 17: "#N/A", 20: "", 30: "n/a", 31: ""}
    text = _outcome_report(offered, unanswered={30, 31})
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.contacts == 1580 - (20 + 30) - (20 + 31)  # hours 30 and 31 unknown: 1,479
    assert [note for note in result.dataset.notes[1:] if "'Offered'" in note] == [
        "report.csv: 1 cell(s) in 'Offered' say the count is not available (line 32: 'n/a'): "
        "read as missing, not as 0 contacts.",
        "report.csv: 1 empty count(s) in 'Offered' read as missing.",
        "report.csv: 4 'Offered' cell(s) empty or saying the count is not available (line(s) 5, "
        "7, 19, ...) taken as 'Answered' + 'Abandoned'.",
    ]


def test_a_count_column_left_unread_by_a_chosen_contact_records_kind_is_named(tmp_path):
    # AXA's CMS export (232 calls in 18,803 half-hour rows) read with --kind records was 18,803
    # contacts without a word that its count column went unread.
    lines = ["DATE;CSPL_RECEIVED_CALLS"] + [
        f"2024-03-04 {8 + k // 2:02d}:{30 * (k % 2):02d}:00.000;{k % 3}" for k in range(20)
    ]
    path = write(tmp_path, "CMS.csv", "\n".join(lines))
    forced = import_files_detailed([path], ImportOptions(kind="records")).dataset
    assert forced.intervals["volume"].sum() == 20  # each row one contact, as chosen
    assert (
        "CMS.csv: 'CSPL_RECEIVED_CALLS' looks like counts per interval, but the file kind is set "
        "to contact records (File kind in the app, --kind on the command line), so each row is "
        "read as one contact and 'CSPL_RECEIVED_CALLS' is not read. To read its counts, leave "
        "the file kind to be detected or set it to intervals."
    ) in forced.notes
    detected = import_files_detailed([path]).dataset
    assert detected.intervals["volume"].sum() == sum(k % 3 for k in range(20))  # 19
    assert not any("is not read" in note for note in detected.notes)
