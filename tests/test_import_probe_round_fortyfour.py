"""Round-forty-four probes: workbooks as managers upload them (sheets named by queue and month
over the same dates, ...), and a round-the-clock export ending on the next day's 00:00."""

from __future__ import annotations

import pandas as pd
from import_support import at, note_with
from openpyxl import Workbook

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
