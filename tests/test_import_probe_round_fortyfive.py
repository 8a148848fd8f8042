"""Round-forty-five probes: workbooks whose sheets are named for queues over different dates,
sheets with a further column, hidden sheets and the queue a single sheet is read as; then
exports as desks send them."""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd
from import_support import at
from openpyxl import Workbook

from data import schema
from data.importer import import_files_detailed


def _workbook(path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()):
    """A workbook of `sheets` (title: rows, the header first), `hidden` ones hidden."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def _hours(day: str, count: int, extra: tuple[str, object] | None = None) -> list[list[object]]:
    """A header and one row an hour 08:00-11:00 on `day`, `count` contacts each, and an `extra`
    (header, value) column."""
    header = ["Interval", "Offered"] + ([extra[0]] if extra else [])
    return [header] + [
        [pd.Timestamp(f"{day} {hour:02d}:00").to_pydatetime(), count]
        + ([extra[1]] if extra else [])
        for hour in range(8, 12)
    ]


def _totals(dataset: schema.Dataset) -> dict[str, float]:
    return dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


# --- Sheets named for queues over different dates -----------------------------------------------


def test_sheets_named_for_two_queues_over_other_months_stay_two_queues(tmp_path):
    # Before: 'Sales' (June) and 'Support' (July) summed as periods of one queue 'queues':
    # {'queues': 48.0}, July's forecast built on Sales' June as if Support had taken it.
    path = _workbook(
        tmp_path / "queues.xlsx",
        {"Sales": _hours("2026-06-01", 5), "Support": _hours("2026-07-01", 7)},
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"Sales": 20.0, "Support": 28.0}  # 4 hours x 5, 4 hours x 7
    assert at(dataset, "2026-07-01 09:00", "Support")[schema.VOLUME] == 7.0
    assert dataset.notes[0] == (
        "queues.xlsx: read 2 sheets holding the same columns, as one queue per sheet, since they "
        "are named for different queues: 'Sales' Mon 1 Jun 2026, 'Support' Wed 1 Jul 2026."
    )


def test_two_queues_months_on_four_sheets_make_two_queues_of_two_months(tmp_path):
    # Before: four queues 'Sales Jun', 'Sales Jul', 'Support Jun', 'Support Jul', each a month.
    path = _workbook(
        tmp_path / "queues.xlsx",
        {
            "Sales Jun": _hours("2026-06-01", 5),
            "Sales Jul": _hours("2026-07-01", 7),
            "Support Jun": _hours("2026-06-01", 3),
            "Support Jul": _hours("2026-07-01", 2),
        },
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"Sales": 48.0, "Support": 20.0}  # 4 x (5 + 7), 4 x (3 + 2)
    assert at(dataset, "2026-07-01 08:00", "Sales")[schema.VOLUME] == 7.0
    assert dataset.notes[0] == (
        "queues.xlsx: read 4 sheets holding the same columns, as the queues their names give, a "
        "queue's sheets of other dates as its periods: 'Sales Jun' Mon 1 Jun 2026 as queue "
        "'Sales', 'Sales Jul' Wed 1 Jul 2026 as queue 'Sales', 'Support Jun' Mon 1 Jun 2026 as "
        "queue 'Support', 'Support Jul' Wed 1 Jul 2026 as queue 'Support'."
    )


def test_one_queue_s_months_and_spreadsheet_default_names_stay_periods(tmp_path):
    # Guard: "Sales Jun" / "Sales Jul" and "Sheet1" / "Sheet2" over other months are one queue.
    for sheets in (
        ("Sales Jun", "Sales Jul"),
        ("Sheet1", "Sheet2"),
        ("Dati giugno", "Dati luglio"),
        ("W23", "W27"),
        ("KW 23", "KW 27"),
        ("Part 1", "Part 2"),
    ):
        path = _workbook(
            tmp_path / "sales.xlsx",
            {sheets[0]: _hours("2026-06-01", 5), sheets[1]: _hours("2026-07-01", 7)},
        )
        dataset = import_files_detailed([path]).dataset
        assert _totals(dataset) == {"sales": 48.0}, sheets
        assert "as periods of one queue, 'sales', named by the file" in dataset.notes[0]


# --- A sheet with a further column ----------------------------------------------------------------


def test_the_note_names_a_further_column_read_on_one_sheet(tmp_path):
    # Before: "read 2 sheets holding the same columns" though 'Support' also has 'Answered'.
    path = _workbook(
        tmp_path / "queues.xlsx",
        {"Sales": _hours("2026-06-01", 5), "Support": _hours("2026-06-01", 7, ("Answered", 6))},
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"Sales": 20.0, "Support": 28.0}
    assert at(dataset, "2026-06-01 08:00", "Support")[schema.ANSWERED] == 6.0
    assert pd.isna(at(dataset, "2026-06-01 08:00", "Sales")[schema.ANSWERED])
    assert dataset.notes[0] == (
        "queues.xlsx: read 2 sheets holding the same time and count columns, as one queue per "
        "sheet, since they cover the same dates: 'Sales' Mon 1 Jun 2026, 'Support' Mon 1 Jun "
        "2026. 'Support' also has 'Answered', read for its rows only."
    )


def test_the_note_names_a_further_column_left_out(tmp_path):
    # Before: "holding the same columns" beside a 'Comment' column on 'Sales Jul' only.
    path = _workbook(
        tmp_path / "sales.xlsx",
        {
            "Sales Jun": _hours("2026-06-01", 5),
            "Sales Jul": _hours("2026-07-01", 7, ("Comment", "storm")),
        },
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"sales": 48.0}
    assert dataset.notes[0].endswith(
        "'Sales Jun' Mon 1 Jun 2026, 'Sales Jul' Wed 1 Jul 2026. 'Sales Jul' also has 'Comment', "
        "left out as the import has no use for it."
    )


# --- Hidden sheets read as the only history ---------------------------------------------------------


def _hide_every_sheet(path):
    """`path` with every sheet hidden, as report tools write it (Excel itself refuses to hide
    the last shown sheet, and so does openpyxl)."""
    with zipfile.ZipFile(path) as archive:
        parts = {part: archive.read(part) for part in archive.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'state="visible"', b'state="hidden"'
    )
    with zipfile.ZipFile(path, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return path


def test_a_workbook_whose_only_sheet_is_hidden_says_so(tmp_path):
    # Before: "report.xlsx: read sheet 'Data' of the workbook." though Excel shows no sheet.
    path = _hide_every_sheet(_workbook(tmp_path / "report.xlsx", {"Data": _hours("2026-06-01", 5)}))
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"report": 20.0}
    assert dataset.notes[0] == (
        "report.xlsx: read sheet 'Data' of the workbook, a hidden sheet (Excel does not show it), "
        "read as no shown sheet holds contact history."
    )


def test_a_hidden_sheet_read_beside_a_cover_sheet_says_so(tmp_path):
    # Before: "read sheet 'Data' of the workbook (1 other sheet(s) ignored: ...)", not a word
    # that 'Data' is hidden.
    path = _workbook(
        tmp_path / "report.xlsx",
        {"Cover": [["Queue report"], ["made for the planners"]], "Data": _hours("2026-06-01", 5)},
        hidden=("Data",),
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"report": 20.0}
    assert dataset.notes[0] == (
        "report.xlsx: read sheet 'Data' of the workbook, a hidden sheet (Excel does not show it), "
        "read as no shown sheet holds contact history (1 other sheet(s) ignored: no dated "
        "contacts or counts of contacts found)."
    )


def test_hidden_sheets_of_two_months_read_together_say_so(tmp_path):
    # Before: "read 2 sheets holding the same columns ..." with both sheets hidden.
    path = _workbook(
        tmp_path / "report.xlsx",
        {
            "Cover": [["Queue report"]],
            "Jun": _hours("2026-06-01", 5),
            "Jul": _hours("2026-07-01", 7),
        },
        hidden=("Jun", "Jul"),
    )
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"report": 48.0}
    assert dataset.notes[0].startswith(
        "report.xlsx: read 2 hidden sheets (Excel does not show them; no shown sheet holds "
        "contact history) holding the same columns, as periods of one queue, 'report', named by "
        "the file: 'Jun' Mon 1 Jun 2026, 'Jul' Wed 1 Jul 2026."
    )


# --- The queue one sheet is read as ----------------------------------------------------------------


def test_the_one_sheet_read_names_its_queue_as_several_sheets_do(tmp_path):
    # Before: queue 'export' (the file) for the sheet 'Sales', though beside a 'Support' sheet
    # of the same columns the same sheet is queue 'Sales'.
    agents = [["Agent", "Login"], ["Ann Rossi", "08:00"]]
    alone = _workbook(
        tmp_path / "export.xlsx", {"Sales": _hours("2026-06-01", 5), "Agents": agents}
    )
    dataset = import_files_detailed([alone]).dataset
    assert _totals(dataset) == {"Sales": 20.0}
    assert dataset.notes[0] == (
        "export.xlsx: read sheet 'Sales' of the workbook (1 other sheet(s) ignored: no dated "
        "contacts or counts of contacts found). Its rows are read as queue 'Sales', named by the "
        "sheet."
    )
    both = _workbook(
        tmp_path / "export.xlsx",
        {"Sales": _hours("2026-06-01", 5), "Support": _hours("2026-06-01", 7)},
    )
    assert _totals(import_files_detailed([both]).dataset) == {"Sales": 20.0, "Support": 28.0}


def test_a_queue_s_monthly_workbooks_of_one_sheet_join_as_that_queue(tmp_path):
    # Before: 'june.xlsx' and 'july.xlsx' (sheets 'Sales Jun', 'Sales Jul') read as queues 'june'
    # and 'july'; now both months of queue 'Sales', as the same two sheets in one workbook are.
    june = _workbook(tmp_path / "june.xlsx", {"Sales Jun": _hours("2026-06-01", 5)})
    july = _workbook(tmp_path / "july.xlsx", {"Sales Jul": _hours("2026-07-01", 7)})
    dataset = import_files_detailed([june, july]).dataset
    assert _totals(dataset) == {"Sales": 48.0}
    assert at(dataset, "2026-07-01 11:00", "Sales")[schema.VOLUME] == 7.0


def test_a_sheet_named_by_default_or_by_its_report_keeps_the_file_s_queue(tmp_path):
    # Guard: "Sheet1", "Export", "Queue Performance", "Jun" name no queue: the file does.
    for sheet in (
        "Sheet1",
        "Export",
        "Queue Performance",
        "Jun",
        "Dati 2026",
        "Chiamate",
        "Quarters",
    ):
        path = _workbook(tmp_path / "support.xlsx", {sheet: _hours("2026-06-01", 5)})
        dataset = import_files_detailed([path]).dataset
        assert _totals(dataset) == {"support": 20.0}, sheet
        assert dataset.notes[0] == f"support.xlsx: read sheet '{sheet}' of the workbook.", sheet


# --- Sheets at different intervals ------------------------------------------------------------------


def _steps(step: int, count: int) -> list[list[object]]:
    """A header and `count` contacts each `step` minutes, 09:00-17:00, Mon 1 to Fri 5 Jun 2026."""
    return [["Interval", "Offered"]] + [
        [
            pd.Timestamp(f"2026-06-0{day} 09:00").to_pydatetime()
            + pd.Timedelta(minutes=step * slot),
            count,
        ]
        for day in range(1, 6)
        for slot in range(8 * 60 // step)
    ]


def test_a_queue_s_sheet_at_half_hours_beside_one_at_quarter_hours_is_still_read(tmp_path):
    # Before: 'Sales' (half hours, 480 contacts) left out as "a summary" of 'Support' (quarter
    # hours, 320): Sales' calls gone from the history.
    path = _workbook(tmp_path / "queues.xlsx", {"Sales": _steps(30, 6), "Support": _steps(15, 2)})
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"Sales": 480.0, "Support": 320.0}  # 5 x 16 x 6, 5 x 32 x 2
    assert dataset.interval_minutes == 30
    assert at(dataset, "2026-06-01 09:00", "Support")[schema.VOLUME] == 4.0  # 2 + 2
    assert not any("a summary" in note for note in dataset.notes)


def test_a_sheet_of_the_hours_summed_is_still_left_out_as_a_summary(tmp_path):
    # Guard: 'Hours' holds each hour's sum of 'Quarters' (4 x 2 = 8): the same contacts again.
    path = _workbook(tmp_path / "support.xlsx", {"Quarters": _steps(15, 2), "Hours": _steps(60, 8)})
    dataset = import_files_detailed([path]).dataset
    assert _totals(dataset) == {"support": 320.0}
    assert dataset.interval_minutes == 15
    assert dataset.notes[0] == (
        "support.xlsx: read sheet 'Quarters' of the workbook. Other sheets were not read "
        "('Hours': the same columns, but 60-minute intervals where 'Quarters' has 15-minute "
        "intervals (a summary))."
    )


# --- A number given to each call ---------------------------------------------------------------------


def _numbered_calls(tmp_path, header: str):
    """40 calls on Wed 3 Jun 2026, numbered 100231 up under `header`, each handled in 250 s."""
    rng = np.random.default_rng(3)
    arrivals = sorted(
        pd.Timestamp("2026-06-03 09:00") + pd.to_timedelta(rng.integers(0, 8 * 3600, 40), unit="s")
    )
    lines = [f"{header},Created,Queue,Handle"] + [
        f"{100231 + number},{arrival:%Y-%m-%d %H:%M:%S},Sales,250"
        for number, arrival in enumerate(arrivals)
    ]
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_column_numbering_each_call_is_no_count_of_calls(tmp_path):
    # Before: 'Call No' (100231 ...) read as each row's count of calls, then refused: "its
    # timestamps are most often 33 minutes apart, which does not divide the day evenly".
    for header in ("Call No", "Call #", "Call Number", "Numero chiamata"):
        dataset = import_files_detailed([_numbered_calls(tmp_path, header)]).dataset
        assert dataset.kind == schema.KIND_RECORDS, header
        assert _totals(dataset) == {"Sales": 40.0}, header
        handled = dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
        assert set(handled[schema.AHT_SECONDS]) == {250.0}, header


def test_a_number_of_calls_per_interval_is_still_a_count(tmp_path):
    # Guard: "N. chiamate" and "Number of calls" count each interval's calls (plural).
    for header in ("N. chiamate", "Number of calls"):
        lines = [f"Intervallo,{header}"] + [
            f"2026-06-03 {9 + slot // 2:02d}:{slot % 2 * 30:02d},{100 + slot * 7}"
            for slot in range(16)
        ]
        path = tmp_path / "report.csv"
        path.write_text("\n".join(lines) + "\n")
        dataset = import_files_detailed([path]).dataset
        assert dataset.kind == schema.KIND_INTERVALS, header
        assert _totals(dataset) == {"report": float(sum(100 + slot * 7 for slot in range(16)))}
