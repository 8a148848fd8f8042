"""Round-forty-four probes: workbooks as managers upload them (sheets named by queue and month
over the same dates, ...), and a round-the-clock export ending on the next day's 00:00."""

from __future__ import annotations

import pandas as pd
from import_support import at, note_with
from openpyxl import Workbook, load_workbook

from data import schema
from data.importer import import_files_detailed


def _workbook(path, sheets: dict[str, list[list[object]]]):
    """A workbook of `sheets` (title: rows, the header first), saved at `path`."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _hours(day: str, count: int, first: int = 8, last: int = 11) -> list[list[object]]:
    """A header and one row an hour from `first` to `last` on `day`, `count` contacts each."""
    return [["Interval", "Offered"]] + [
        [pd.Timestamp(f"{day} {hour:02d}:00").to_pydatetime(), count]
        for hour in range(first, last + 1)
    ]


# --- Sheets named by queue and month ------------------------------------------------------------


def test_sheets_over_the_same_dates_named_alike_stay_two_queues(tmp_path):
    # Before: both read as queue 'Sales', the later sheet's 28 contacts kept, the 20 dropped.
    path = _workbook(
        tmp_path / "sales.xlsx",
        {"Sales Jun": _hours("2026-06-01", 5), "Sales Jul": _hours("2026-06-01", 7)},
    )
    dataset = import_files_detailed([path]).dataset
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Sales Jun": 20.0, "Sales Jul": 28.0}  # 4 hours x 5, 4 hours x 7
    assert at(dataset, "2026-06-01 09:00", "Sales Jun")[schema.VOLUME] == 5.0
    assert dataset.notes[0] == (
        "sales.xlsx: read 2 sheets holding the same columns, as one queue per sheet, since they "
        "cover the same dates: 'Sales Jun' Mon 1 Jun 2026, 'Sales Jul' Mon 1 Jun 2026."
    )
    assert not any("later file's counts were kept" in note for note in dataset.notes)


def test_sheets_of_one_queue_s_months_are_periods_of_the_file_s_queue(tmp_path):
    # Guard: June's and July's dates on their sheets are one queue's months, summed as such.
    path = _workbook(
        tmp_path / "sales.xlsx",
        {"Sales Jun": _hours("2026-06-01", 5), "Sales Jul": _hours("2026-07-01", 7)},
    )
    dataset = import_files_detailed([path]).dataset
    assert dataset.queues == ["sales"]
    assert dataset.intervals[schema.VOLUME].sum() == 48.0
    assert note_with(dataset, "periods of one queue") == (
        "sales.xlsx: read 2 sheets holding the same columns, as periods of one queue, 'sales', "
        "named by the file: 'Sales Jun' Mon 1 Jun 2026, 'Sales Jul' Wed 1 Jul 2026."
    )


# --- A sheet of totals beside a sheet per queue ---------------------------------------------------


def test_a_sheet_of_each_interval_s_total_beside_the_queues_is_not_a_queue(tmp_path):
    # Before: read as a third queue 'Total' of 48 contacts: 96 contacts where 48 came.
    path = _workbook(
        tmp_path / "summary.xlsx",
        {
            "Total": _hours("2026-06-01", 12),
            "Sales": _hours("2026-06-01", 5),
            "Support": _hours("2026-06-01", 7),
        },
    )
    dataset = import_files_detailed([path]).dataset
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Sales": 20.0, "Support": 28.0}
    assert dataset.notes[0] == (
        "summary.xlsx: read 2 sheets holding the same columns, as one queue per sheet, since they "
        "cover the same dates: 'Sales' Mon 1 Jun 2026, 'Support' Mon 1 Jun 2026. Other sheets "
        "were not read ('Total': each of its counts is the sum of the other sheets' at that time, "
        "a total of the queues, which would count its 48 contacts twice)."
    )


def test_three_queues_none_the_sum_of_the_others_stay_three(tmp_path):
    # Guard: 'Total' at 11 an hour, not 5 + 7, is a queue of its own whatever its name.
    path = _workbook(
        tmp_path / "summary.xlsx",
        {
            "Total": _hours("2026-06-01", 11),
            "Sales": _hours("2026-06-01", 5),
            "Support": _hours("2026-06-01", 7),
        },
    )
    dataset = import_files_detailed([path]).dataset
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Sales": 20.0, "Support": 28.0, "Total": 44.0}


# --- A hidden sheet ------------------------------------------------------------------------------


def _with_hidden(path, sheets: dict[str, list[list[object]]], hidden: str):
    _workbook(path, sheets)
    book = load_workbook(path)
    book[hidden].sheet_state = "hidden"
    book.save(path)
    return path


def test_a_hidden_sheet_beside_the_queues_is_left_out_with_a_note(tmp_path):
    # Before: hidden 'Old' (9 an hour) read as a queue of 36 contacts beside 'Sales' and
    # 'Support', though Excel shows the manager only those two.
    path = _with_hidden(
        tmp_path / "queues.xlsx",
        {
            "Sales": _hours("2026-06-01", 5),
            "Support": _hours("2026-06-01", 7),
            "Old": _hours("2026-06-01", 9),
        },
        hidden="Old",
    )
    dataset = import_files_detailed([path]).dataset
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Sales": 20.0, "Support": 28.0}
    assert dataset.notes[0].endswith(
        "Other sheets were not read ('Old': a hidden sheet (unhide it in Excel and import again "
        "to read it too))."
    )


def test_a_workbook_s_only_table_on_a_hidden_sheet_is_still_read(tmp_path):
    # Guard: with no visible sheet of history, the hidden one is the history.
    path = _with_hidden(
        tmp_path / "report.xlsx",
        {"Cover": [["Queue report"], ["made for the planners"]], "Data": _hours("2026-06-01", 5)},
        hidden="Data",
    )
    dataset = import_files_detailed([path]).dataset
    assert dataset.intervals[schema.VOLUME].sum() == 20.0


# --- A sheet per queue, one with a further column ----------------------------------------------


def test_a_queue_s_sheet_with_a_further_column_is_read_with_the_others(tmp_path):
    # Before: 'Support' (7 an hour, with 'Answered') left out for "other columns than 'Sales'",
    # and 'Sales' read alone as queue 'extra', named by the file: 20 contacts of 48.
    support = [["Interval", "Offered", "Answered"]] + [
        [pd.Timestamp(f"2026-06-01 {hour:02d}:00").to_pydatetime(), 7, 6] for hour in range(8, 12)
    ]
    path = _workbook(
        tmp_path / "extra.xlsx", {"Sales": _hours("2026-06-01", 5), "Support": support}
    )
    dataset = import_files_detailed([path]).dataset
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Sales": 20.0, "Support": 28.0}
    assert at(dataset, "2026-06-01 08:00", "Support")[schema.ANSWERED] == 6.0
    assert not any("other columns" in note for note in dataset.notes)


def test_a_sheet_counting_under_another_header_is_still_left_out_by_name(tmp_path):
    # Guard: 'Calls' is not 'Offered' (it may count answered calls): that sheet is named, unread.
    calls = [["Interval", "Calls"]] + _hours("2026-06-01", 7)[1:]
    path = _workbook(tmp_path / "two.xlsx", {"Sales": _hours("2026-06-01", 5), "Support": calls})
    dataset = import_files_detailed([path]).dataset
    assert dataset.intervals[schema.VOLUME].sum() == 20.0
    assert "('Support': other columns than 'Sales')" in dataset.notes[0]


# --- A round-the-clock export ending with the next day's 00:00 ------------------------------------


def test_the_rest_of_the_day_after_a_closing_midnight_row_is_no_missing_interval(tmp_path):
    # Before: the note said nothing was missing, but the table listed Mon 16 Nov 00:30-23:30,
    # 47 intervals, as missing (720 rows, 47 of them is_missing).
    stamps = pd.date_range("2026-11-02", "2026-11-16", freq="30min")  # both ends included
    lines = ["Interval,Calls"] + [f"{t:%Y-%m-%d %H:%M},{t.hour % 4 + 3}" for t in stamps]
    (tmp_path / "all_day.csv").write_text("\n".join(lines) + "\n")
    dataset = import_files_detailed([tmp_path / "all_day.csv"]).dataset
    table = dataset.intervals
    assert len(table) == 14 * 48 + 1 == 673
    assert not table[schema.IS_MISSING].any()
    assert table[schema.INTERVAL_START].max() == pd.Timestamp("2026-11-16 00:00")
    assert table[schema.VOLUME].sum() == 14 * 48 * 4.5 + 3 == 3_027
    assert note_with(dataset, "last row").endswith(
        "the rest of Mon 16 Nov 2026 is after the export, not missing."
    )


def test_a_closing_midnight_row_ends_only_its_own_queue(tmp_path):
    # Guard: a queue cut short on its last day keeps that day's gap as missing in the table.
    stamps = pd.date_range("2026-11-02", "2026-11-16", freq="30min")
    lines = ["Interval,Queue,Calls"]
    lines += [f"{t:%Y-%m-%d %H:%M},Sales,4" for t in stamps]
    lines += [
        f"{t:%Y-%m-%d %H:%M},Support,2" for t in stamps if t < pd.Timestamp("2026-11-15 20:00")
    ]
    lines += ["2026-11-16 00:00,Support,2"]
    (tmp_path / "two.csv").write_text("\n".join(lines) + "\n")
    table = import_files_detailed([tmp_path / "two.csv"]).dataset.intervals
    by_queue = table.groupby(schema.QUEUE)
    assert by_queue.size().to_dict() == {"Sales": 673, "Support": 720}
    assert by_queue[schema.IS_MISSING].sum().to_dict() == {"Sales": 0, "Support": 55}
