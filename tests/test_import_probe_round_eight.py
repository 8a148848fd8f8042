"""Round-eight probes: multi-channel interval blocks, a workbook of one sheet per day, a
12-hour clock telling the day/month order."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from data.errors import InputError
from data.importer import import_files_detailed
from tests.import_support import at, note_with


def _multichannel(path):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", "Voice", "", "", "Chat", "", "", "Email", ""])
        writer.writerow(
            ["Interval", "Offered", "Answered", "Abandoned", "Offered", "Answered", "Abandoned",
             "Received", "Handled"]
        )  # fmt: skip
        for slot in range(20):
            hour, minute = 8 + slot // 2, 30 * (slot % 2)
            voice, chat, mail = 30 + slot, 10 + slot % 5, 4 + slot % 3
            writer.writerow(
                [f"2024-03-04 {hour:02d}:{minute:02d}", voice, voice - 2, 2, chat, chat - 1, 1,
                 mail, mail]
            )  # fmt: skip
    return path


def test_channel_blocks_measuring_differently_are_one_queue_each(tmp_path):
    # The e-mail block has no abandoned count: chat and e-mail had been dropped, Voice alone read.
    result = import_files_detailed([_multichannel(tmp_path / "mc.csv")])
    voice = sum(30 + s for s in range(20))
    chat = sum(10 + s % 5 for s in range(20))
    mail = sum(4 + s % 3 for s in range(20))
    assert result.contacts == voice + chat + mail == 1129
    assert at(result.dataset, "2024-03-04 08:30", "Chat")["volume"] == 11
    assert at(result.dataset, "2024-03-04 08:30", "Email")["volume"] == 5
    assert at(result.dataset, "2024-03-04 08:30", "Voice")["abandoned"] == 2
    assert note_with(result.dataset, "block of columns per queue").endswith(
        "measures Voice Answered, Chat Answered, Email Handled, Voice Abandoned, Chat Abandoned "
        "(Email has no abandoned column: left empty)."
    )


def test_a_workbook_of_one_sheet_per_day_without_dates_is_refused_naming_the_sheets(tmp_path):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for day in range(3):
        sheet = book.create_sheet(f"{4 + day:02d}.03")
        sheet.append(["Interval", "Offered", "Answered", "Abandoned"])
        for slot in range(16):
            sheet.append([f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}", 9 + slot, 8 + slot, 1])
    path = tmp_path / "days.xlsx"
    book.save(path)
    with pytest.raises(InputError) as raised:
        import_files_detailed([path])
    assert str(raised.value) == (
        "days.xlsx: the workbook has a sheet per day ('04.03', '05.03', '06.03'), but no sheet "
        "has a date column, and the import does not read dates from sheet names, so the day of "
        "each row is unknown. Add a date column (such as 2024-03-01) to every sheet, or export "
        "the report over all the days as one table with a date on every row, and import again."
    )


@pytest.mark.parametrize(("clock", "day"), [("%I:%M %p", "2024-03-04"), ("%H:%M", "2024-04-03")])
def test_a_12_hour_clock_reads_ambiguous_dates_as_month_day(tmp_path, clock, day):
    import datetime as dt

    path = tmp_path / "q.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["Date", "Interval", "Skill", "Calls Offered", "Calls Handled"])
        for slot in range(20):
            start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * slot)
            writer.writerow(["03/04/2024", start.strftime(clock), "Billing", "12", "11"])
    result = import_files_detailed([path])
    assert result.contacts == 240
    assert at(result.dataset, f"{day} 13:30")["volume"] == 12
    if day == "2024-03-04":
        assert "because the times are written with AM/PM" in note_with(
            result.dataset, "read as month/day (%m/%d/%Y)"
        )
