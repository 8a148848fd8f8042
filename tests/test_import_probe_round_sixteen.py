"""Round-sixteen probes: numbered queues taking turns, repeated headers, dashes, 1904 workbooks."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from import_support import at, contacts_per_queue, note_with, write
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from data.columns import ImportOptions
from data.importer import import_files_detailed

_SLOTS = [dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=15 * n) for n in range(16)]
_QUEUE_HEADERS = [
    "Queue", "Coda", "Skill", "Split", "CSQ", "File d'attente", "Warteschlange", "Cola",
]  # fmt: skip


def _numbered_queues(tmp_path, header: str, turns: bool):
    """Queues 101 and 102: each interval row one queue's, taking turns (102 every third), or
    both on every interval."""
    lines = [f"Interval;{header};Calls;AHT"] + [
        f"{slot:%Y-%m-%d %H:%M};{queue};{10 + n};{200 + n}"
        for n, slot in enumerate(_SLOTS)
        for queue in ([102 if n % 3 == 0 else 101] if turns else [101, 102])
    ]
    return import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])


@pytest.mark.parametrize("turns", [True, False], ids=["taking turns", "every interval"])
@pytest.mark.parametrize("header", _QUEUE_HEADERS)
def test_a_numbered_queue_column_is_the_queue_whether_or_not_queues_take_turns(
    tmp_path, header, turns
):
    # Queues taking turns had been summed into one queue named 'acd', with no note: a bare
    # queue header of numbers needed several numbers in one interval. "File d'attente" was
    # never read as a queue of numbers.
    # Taking turns, each queue's rows stand 30 or 45 minutes apart: the file's 15 minutes are
    # the interval, not 45 (rows of 08:30 had been summed into 08:15).
    result = _numbered_queues(tmp_path, header, turns)
    assert result.files[0].columns["queue"] == header
    assert result.files[0].columns["volume"] == "Calls"
    assert result.dataset.interval_minutes == 15
    every = sum(10 + n for n in range(16))
    third = sum(10 + n for n in range(0, 16, 3))
    expected = {"101": every - third, "102": third} if turns else {"101": every, "102": every}
    assert contacts_per_queue(result) == expected
    assert at(result.dataset, "2024-03-04 08:15", "101")["volume"] == 11
    assert at(result.dataset, "2024-03-04 08:45", "102")["volume"] == 13
    note = note_with(result.dataset, "queue numbers")
    assert note.startswith(f"acd.csv: '{header}' holds queue numbers (e.g. ")
    assert note.endswith("): read as the queue, not as a count.")


def test_whole_numbers_with_a_zero_under_a_bare_queue_header_stay_no_queue(tmp_path):
    # A "Queue" that drops to 0 counts the calls queued: no queue numbers taking turns.
    lines = ["Interval,Queue,Calls"] + [
        f"{slot:%Y-%m-%d %H:%M},{[0, 2, 3, 1][n % 4]},{10 + n}" for n, slot in enumerate(_SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "sales.csv", "\n".join(lines) + "\n")])
    assert "queue" not in result.files[0].columns
    assert contacts_per_queue(result) == {"sales": sum(10 + n for n in range(16))}


def _repeated(tmp_path, header: str, options: ImportOptions | None = None):
    """An interval report whose repeated count columns hold 10 + n, then 110 + n."""
    lines = [header]
    for n, slot in enumerate(_SLOTS[:8]):
        counts = iter([f"{10 + n}", f"{110 + n}"])
        cells = {"Interval": f"{slot:%Y-%m-%d %H:%M}", "Offered": f"{300 + n}", "AHT": "200"}
        lines.append(",".join(cells.get(name) or next(counts) for name in header.split(",")))
    path = write(tmp_path, "acd.csv", "\n".join(lines) + "\n")
    return import_files_detailed([path], options)


def test_a_repeated_count_header_names_the_column_read(tmp_path):
    # "Calls,Calls": the first had been read without a word, the second left out unseen.
    result = _repeated(tmp_path, "Interval,Calls,Calls,AHT")
    assert result.contacts == sum(10 + n for n in range(8))
    assert note_with(result.dataset, "named 'Calls'") == (
        "acd.csv: 2 columns are named 'Calls' (columns 2 and 3) and hold different values: "
        "column 2 was read as the volume column, column 3 left out. If column 3 is the one to "
        "read, choose 'Calls.1' (Volume column in the app, --volume-column on the command line)."
    )
    chosen = _repeated(tmp_path, "Interval,Calls,Calls,AHT", ImportOptions(volume_column="Calls.1"))
    assert chosen.contacts == sum(110 + n for n in range(8))
    assert not [note for note in chosen.dataset.notes if "named 'Calls'" in note]


def test_a_repeated_answered_header_says_how_to_read_the_other(tmp_path):
    result = _repeated(tmp_path, "Interval,Offered,Answered,Answered,AHT")
    assert result.files[0].columns["answered"] == "Answered"
    assert note_with(result.dataset, "named 'Answered'").endswith(
        "column 3 was read as the answered column, column 4 left out. If column 4 is the one to "
        "read, rename the headers in the file so that only column 4 is named 'Answered'."
    )


def test_a_header_repeated_over_the_same_values_needs_no_note(tmp_path):
    lines = ["Interval,Calls,AHT,Calls"] + [
        f"{slot:%Y-%m-%d %H:%M},{10 + n},200,{10 + n}" for n, slot in enumerate(_SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.contacts == sum(10 + n for n in range(16))
    assert not [note for note in result.dataset.notes if "columns are named" in note]


@pytest.mark.parametrize(("dashes", "shown"), [(["--", "--"], "'--'"), (["-", "--"], "'-', '--'")])
def test_the_dash_note_names_the_dashes_written(tmp_path, dashes, shown):
    # The note had said "('-')" for cells holding "--".
    lines = ["Interval,Calls,AHT"] + [
        f"{slot:%Y-%m-%d %H:%M},{dashes[n // 2 - 1] if n in (2, 4) else 10 + n},200"
        for n, slot in enumerate(_SLOTS[:8])
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert at(result.dataset, "2024-03-04 08:30")["volume"] == 0
    assert note_with(result.dataset, "hold a dash") == (
        f"acd.csv: 2 cell(s) in 'Calls' hold a dash ({shown}), read as 0 contacts."
    )


def _workbook(tmp_path, mac: bool) -> pd.DataFrame:
    """Intervals of a workbook saved in Excel's 1904 date system (Mac) or its 1900 one."""
    book = openpyxl.Workbook()
    if mac:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["Interval", "Date", "Time", "Calls", "AHT"])
    for n, slot in enumerate(_SLOTS):
        sheet.append([slot, slot.date(), slot.time(), 10 + n, dt.timedelta(seconds=200 + n)])
    path = tmp_path / f"calls_{1904 if mac else 1900}.xlsx"
    book.save(path)
    return import_files_detailed([path]).dataset.intervals.drop(columns="queue")


def test_a_workbook_in_the_1904_date_system_gives_the_same_timestamps(tmp_path):
    # calamine honours the workbook's date1904 flag: pinned, so a 1904 workbook never shifts
    # its dates by four years.
    mac, pc = _workbook(tmp_path, True), _workbook(tmp_path, False)
    pd.testing.assert_frame_equal(mac, pc)
    open_rows = mac[mac["volume"] > 0]
    assert open_rows["interval_start"].iloc[0] == pd.Timestamp("2024-03-04 08:00")
    assert open_rows["volume"].sum() == sum(10 + n for n in range(16))
