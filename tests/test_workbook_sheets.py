"""A workbook whose table is split over sheets (one per month, one per queue) is read whole;
per-agent, summary and copied sheets are still left out; a workbook's note names its sheet, not a
CSV delimiter; one bad file among several says the others were not stored either."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import at, write
from openpyxl import Workbook

from data import schema
from data.errors import InputError
from data.importer import import_files, import_files_detailed

MONTHS = [("Giugno", 6, 30), ("Luglio", 7, 31), ("Agosto", 8, 31)]


def _quarter_hours(month: int, days: int) -> list[dt.datetime]:
    """08:00-17:45 every 15 minutes, each day of `month` 2026."""
    return [
        dt.datetime(2026, month, day, 8) + dt.timedelta(minutes=15 * slot)
        for day in range(1, days + 1)
        for slot in range(40)
    ]


def _monthly_workbook(path, seed: int = 7) -> tuple[int, dict[str, int]]:
    """A sheet per month (Interval, Offered, AHT); the total and each month's total."""
    rng = np.random.default_rng(seed)
    book = Workbook()
    book.remove(book.active)
    per_month = {}
    for title, month, days in MONTHS:
        sheet = book.create_sheet(title)
        sheet.append(["Interval", "Offered", "AHT"])
        counts = rng.integers(5, 40, size=40 * days)
        for start, count in zip(_quarter_hours(month, days), counts, strict=True):
            sheet.append([start, int(count), 280])
        per_month[title] = int(counts.sum())
    book.save(path)
    return sum(per_month.values()), per_month


def test_a_sheet_per_month_is_read_whole_as_one_queue_named_by_the_file(tmp_path):
    path = tmp_path / "calls_q3_by_month.xlsx"
    total, per_month = _monthly_workbook(path)
    result = import_files_detailed([path])
    dataset = result.dataset
    assert result.contacts == total
    assert dataset.intervals[schema.VOLUME].sum() == total
    assert result.first_interval == dt.datetime(2026, 6, 1, 8)
    assert result.last_interval == dt.datetime(2026, 8, 31, 17, 45)
    # One queue, named by the file as a CSV of the same name would be ("q3" is a date part).
    assert dataset.queues == ["calls_by_month"]
    note = dataset.notes[0]
    assert note.startswith("calls_q3_by_month.xlsx: read 3 sheets")
    assert "'Giugno' Mon 1 Jun 2026 to Tue 30 Jun 2026" in note
    assert "'Agosto' Sat 1 Aug 2026 to Mon 31 Aug 2026" in note
    assert "periods of one queue" in note
    assert [report.rows for report in result.files] == [40 * days for _, _, days in MONTHS]


def test_monthly_sheets_that_overlap_count_the_shared_day_once(tmp_path):
    def slots(days: range) -> list[dt.datetime]:
        return [dt.datetime(2024, 3, day, 9, 15 * slot) for day in days for slot in range(4)]

    book = Workbook()
    first = book.active
    first.title = "2024-03"
    first.append(["Interval", "Offered"])
    for start in slots(range(1, 11)):  # 1-10 March
        first.append([start, 10])
    second = book.create_sheet("2024-03 bis")  # 10-20 March: the 10th again, counted anew
    second.append(["Interval", "Offered"])
    for start in slots(range(10, 21)):
        second.append([start, 20])
    path = tmp_path / "support.xlsx"
    book.save(path)
    dataset = import_files([path])
    assert dataset.queues == ["support"]
    assert dataset.intervals[schema.VOLUME].sum() == 4 * (9 * 10 + 11 * 20)
    assert at(dataset, "2024-03-10 09:00").volume == 20  # the later sheet's count


def test_a_sheet_per_queue_over_the_same_dates_makes_one_queue_each(tmp_path):
    rng = np.random.default_rng(11)
    book = Workbook()
    book.remove(book.active)
    totals = {}
    slots = _quarter_hours(6, 7)
    for queue in ("Vendite", "Assistenza", "Reclami"):
        sheet = book.create_sheet(queue)
        sheet.append(["Interval", "Offered", "AHT"])
        counts = rng.integers(1, 30, size=len(slots))
        for start, count in zip(slots, counts, strict=True):
            sheet.append([start, int(count), 300])
        totals[queue] = int(counts.sum())
    path = tmp_path / "code_giugno.xlsx"
    book.save(path)
    dataset = import_files([path])
    assert sorted(dataset.queues) == sorted(totals)
    by_queue = dataset.intervals.groupby(schema.QUEUE)[schema.VOLUME].sum()
    assert by_queue.to_dict() == totals
    assert "one queue per sheet" in dataset.notes[0]


def test_the_interval_sheet_is_read_without_agent_totals_and_chart_sheets(tmp_path):
    rng = np.random.default_rng(3)
    book = Workbook()
    intervals = book.active
    intervals.title = "Intervals"
    intervals.append(["Interval", "Offered", "AHT"])
    slots = _quarter_hours(6, 5)
    counts = rng.integers(5, 40, size=len(slots))
    for start, count in zip(slots, counts, strict=True):
        intervals.append([start, int(count), 280])
    agents = book.create_sheet("Agents")  # larger than the interval sheet
    agents.append(["Interval", "Agent Name", "Logged In Time", "Calls Handled", "AHT"])
    for start in slots:
        for agent in ("Rossi Anna", "Bianchi Luca", "Verdi Sara"):
            agents.append([start, agent, dt.time(0, 15), 3, 265])
    totals = book.create_sheet("Totals")  # a day per row
    totals.append(["Date", "Offered", "AHT"])
    for day in range(1, 6):
        totals.append([dt.date(2026, 6, day), int(counts[(day - 1) * 40 : day * 40].sum()), 280])
    chart = book.create_sheet("Chart")  # the first day again, for a chart: the same columns
    chart.append(["Interval", "Offered", "AHT"])
    for start, count in zip(slots[:40], counts[:40], strict=True):
        chart.append([start, int(count), 280])
    path = tmp_path / "report_giugno.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    dataset = result.dataset
    assert dataset.intervals[schema.VOLUME].sum() == counts.sum()
    assert dataset.queues == ["report"]
    assert len(result.files) == 1
    assert at(dataset, "2026-06-01 08:00").volume == counts[0]
    note = dataset.notes[0]
    assert "read sheet 'Intervals' of the workbook" in note
    assert "'Agents': one row per agent" in note
    assert "'Totals': dates without a time of day" in note
    assert "'Chart'" in note


def test_a_workbook_note_names_its_sheet_not_a_csv_delimiter(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Ottobre"
    sheet.append(["Interval", "Offered", "AHT"])
    for start in _quarter_hours(10, 3):
        sheet.append([start, 12, 280])
    path = tmp_path / "report_ottobre.xlsx"
    book.save(path)
    dataset = import_files([path])
    note = next(note for note in dataset.notes if "rows read as" in note)
    assert note.startswith(
        "report_ottobre.xlsx: 120 rows read as interval volumes (sheet 'Ottobre'"
    )
    assert "separated" not in note and "utf-8" not in note


def test_one_bad_file_of_two_says_the_other_was_not_stored_either(tmp_path):
    good = write(
        tmp_path, "calls.csv", "Interval,Offered\n2024-03-04 09:00,5\n2024-03-04 09:15,6\n"
    )
    bad = tmp_path / "picture.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError) as caught:
        import_files([good, bad])
    message = str(caught.value)
    assert message.startswith("1 of 2 files cannot be read")
    assert "(the files that can be read were not stored either)" in message
    assert "\n- picture.csv: " in message


def test_one_bad_file_alone_keeps_its_own_message(tmp_path):
    bad = tmp_path / "picture.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError) as caught:
        import_files([bad])
    assert str(caught.value).startswith("picture.csv: ")
