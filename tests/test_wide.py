"""Grid exports (dates down and intervals across, or the other way round): recognised and
turned into one row per interval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.wide import date_columns, header_clock, time_columns


@pytest.mark.parametrize(
    ("header", "clock"),
    [
        ("08:00", "08:00"),
        ("8.30", "08:30"),
        ("8h30", "08:30"),
        ("08:00:00", "08:00"),
        ("08:00 - 08:30", "08:00"),
        ("8:00 PM", "20:00"),
        ("12:30 AM", "00:30"),
        ("Date", None),
        ("25:00", None),
        ("13:00 PM", None),
        ("Calls", None),
        ("1.250", None),
        ("08-09", "08:00"),  # an hour of an hourly report
        ("23-24", "23:00"),
        ("5-10", None),  # a wait-time bucket, not an hour
    ],
)
def test_header_clock_reads_times_of_day(header, clock):
    assert header_clock(header) == clock


def test_a_grid_needs_four_distinct_times_and_another_column():
    assert time_columns(["Date", "08:00", "08:30", "09:00"]) == {}
    assert time_columns(["08:00", "08:30", "09:00", "09:30"]) == {}  # nothing says which day
    grid = time_columns(["Date", "08:00", "08:30", "09:00", "09:30", "Total"])
    assert list(grid.values()) == ["08:00", "08:30", "09:00", "09:30"]


def italian_grid(folder: Path) -> tuple[Path, dict[str, float]]:
    """A semicolon export with a title line, a queue column, decimal commas and row/column
    totals, as an Italian spreadsheet saves it; returns the path and each queue's true total."""
    slots = [f"{hour}.{minute:02d}" for hour in range(8, 12) for minute in (0, 30)]
    lines = ["Rapporto giornaliero;;", "Data;Coda;" + ";".join(slots) + ";Totale"]
    totals = {"Assistenza": 0.0, "Vendite": 0.0}
    for day in range(10):
        date = dt.date(2024, 3, 4) + dt.timedelta(days=day)
        for queue, base in (("Assistenza", 3), ("Vendite", 1)):
            values = [base + day + slot + 0.5 for slot in range(len(slots))]
            totals[queue] += sum(values)
            cells = ";".join(f"{value:g}".replace(".", ",") for value in values)
            lines.append(f"{date:%d/%m/%Y};{queue};{cells};{sum(values):g}".replace(".", ","))
    lines.append("Totale;;" + ";" * len(slots))
    path = folder / "giornaliero.csv"
    path.write_bytes("\r\n".join(lines).encode("latin-1"))
    return path, totals


def test_italian_day_by_interval_grid_imports_as_intervals(tmp_path):
    path, totals = italian_grid(tmp_path)
    result = import_files_detailed([path])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS
    assert dataset.interval_minutes == 30
    by_queue = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum()
    assert by_queue.to_dict() == pytest.approx(totals)  # no total row or column counted
    frame = dataset.intervals.set_index([schema.QUEUE, schema.INTERVAL_START])[schema.VOLUME]
    # Vendite on the third day at 09:30: base 1 + day 2 + slot 3 + 0.5
    assert frame[("Vendite", pd.Timestamp("2024-03-06 09:30"))] == 6.5
    assert any("8 interval columns (8.00 ... 11.30)" in note for note in dataset.notes)
    assert any("Totale and 1 row(s) left out as totals" in note for note in dataset.notes)


def test_excel_grid_with_time_formatted_headers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", *[dt.time(9, minute) for minute in (0, 15, 30, 45)]])
    for day in range(7):
        sheet.append([dt.datetime(2024, 5, 6) + dt.timedelta(days=day), day, 1, 2, 3])
    path = tmp_path / "grid.xlsx"
    workbook.save(path)
    dataset = import_files_detailed([path]).dataset
    assert dataset.interval_minutes == 15
    assert dataset.intervals[schema.VOLUME].sum() == sum(range(7)) + 7 * 6
    frame = dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert frame[pd.Timestamp("2024-05-09 09:00")] == 3


def test_bad_cell_is_named_by_its_line_and_column_in_the_users_file(tmp_path):
    path = tmp_path / "grid.csv"
    path.write_text("Date,08:00,08:30,09:00,09:30\n2024-03-04,1,2,3,4\n2024-03-05,1,n/d,3,4\n")
    with pytest.raises(InputError, match=r"column '08:30'.*line 3: 'n/d'"):
        import_files_detailed([path])


def test_date_headers_make_a_grid_of_days_across():
    header = ["Intervallo", "04/03/2024", "05/03/2024", "06/03/2024", "07/03/2024"]
    assert list(date_columns(header)) == header[1:]
    assert date_columns(header[:4]) == {}  # three dates are just columns
    assert date_columns(header[1:]) == {}  # nothing to hold the times


def test_intervals_down_and_days_across_import_as_intervals(tmp_path):
    days = [dt.date(2024, 3, 4) + dt.timedelta(days=d) for d in range(7)]
    lines = ["Intervallo;" + ";".join(f"{day:%d/%m/%Y}" for day in days)]
    for slot in range(4):
        lines.append(f"{8 + slot // 2:02d}:{30 * (slot % 2):02d};" + ";".join(
            str(10 * d + slot) for d in range(7)))  # fmt: skip
    path = tmp_path / "settimana.csv"
    path.write_text("\n".join(lines) + "\n")
    dataset = import_files_detailed([path]).dataset
    assert dataset.interval_minutes == 30
    frame = dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert frame[pd.Timestamp("2024-03-06 09:30")] == 23  # day 2, slot 3
    assert frame.sum() == sum(10 * d + slot for d in range(7) for slot in range(4))
    assert any("one row per interval with 7 day columns" in note for note in dataset.notes)


def test_queues_down_and_days_across_import_as_daily_totals(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text(
        "Queue,2024-03-04,2024-03-05,2024-03-06,2024-03-07,Total\n"
        "Sales,100,110,120,130,460\nCare,50,55,60,65,230\n"
    )
    dataset = import_files_detailed([path]).dataset
    assert dataset.interval_minutes == 1440
    totals = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()
    assert totals == {"Care": 230, "Sales": 460}  # the Total column is not a day
