"""Interval reports read wrongly or refused: a month's export cut short whose zeros replaced
another file's counts, Italian durations written with apostrophes (4' 33"), and a summary block
below the table ("Totale chiamate entrate;31979")."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.timestamps import parse_duration

HEADER = "Data;Fascia oraria;Coda;Chiamate entrate;Chiamate gestite;Chiamate abbandonate;TMC"


def day_rows(day: dt.date, counts: list[int], slots: int = 8) -> list[str]:
    """One row per half hour from 08:00 of queue Vendite, `counts` cycled, one abandoned in
    every count of 5 or more."""
    rows = []
    for slot in range(slots):
        start = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=30 * slot)
        end = start + dt.timedelta(minutes=30)
        calls = counts[slot % len(counts)]
        abandoned = 1 if calls >= 5 else 0
        handle = "0:04:00" if calls else "0:00:00"
        rows.append(
            f"{day:%d/%m/%Y};{start:%H:%M}-{end:%H:%M};Vendite;{calls};{calls - abandoned};"
            f"{abandoned};{handle}"
        )
    return rows


# --- 1. A month's export cut short never replaces contacts with zeros ------------------------


@pytest.mark.parametrize("month_first", [True, False])
def test_zeros_of_an_export_cut_short_do_not_replace_the_other_files_counts(tmp_path, month_first):
    # August's export, taken on 1 September at 10:00, holds that day too: its two first half
    # hours as they were, zeros for the hours not yet lived. Given after September's file, its
    # zeros replaced September's counts (6 rows, 34 contacts lost).
    lived = [7, 9]
    september_first = [7, 9, 6, 5, 8, 4, 6, 5]
    august = day_rows(dt.date(2026, 8, 31), [10, 12, 8, 6]) + day_rows(
        dt.date(2026, 9, 1), lived + [0] * 6
    )
    september = day_rows(dt.date(2026, 9, 1), september_first) + day_rows(
        dt.date(2026, 9, 2), [5, 6, 7, 8]
    )
    files = [
        write(tmp_path, "vendite_agosto.csv", "\n".join([HEADER, *august]) + "\n"),
        write(tmp_path, "vendite_settembre.csv", "\n".join([HEADER, *september]) + "\n"),
    ]
    result = import_files_detailed(files if month_first else files[::-1])
    assert result.contacts == 72 + sum(september_first) + 52 == 174
    assert at(result.dataset, "2026-09-01 09:00")[schema.VOLUME] == 6
    assert at(result.dataset, "2026-09-01 11:30")[schema.VOLUME] == 5
    assert result.dataset.answered + result.dataset.abandoned == 174
    note = note_with(result.dataset, "more than one file")
    assert note.startswith("8 interval row(s) appear in more than one file")
    if month_first:  # September's file came last: its counts were kept anyway
        assert "kept the other file's contacts" not in note
    else:
        assert "6 row(s) kept the other file's contacts over zeros" in note


def test_a_later_file_with_contacts_still_replaces_the_earlier_counts(tmp_path):
    # Today's rule otherwise: the later file's counts win, zeros of the earlier one included.
    first = day_rows(dt.date(2026, 9, 1), [4, 0, 0, 3])
    second = day_rows(dt.date(2026, 9, 1), [5, 2, 6, 1])
    files = [
        write(tmp_path, "vendite_1.csv", "\n".join([HEADER, *first]) + "\n"),
        write(tmp_path, "vendite_2.csv", "\n".join([HEADER, *second]) + "\n"),
    ]
    result = import_files_detailed(files)
    assert result.contacts == 2 * (5 + 2 + 6 + 1)
    assert at(result.dataset, "2026-09-01 08:30")[schema.VOLUME] == 2
    assert at(result.dataset, "2026-09-01 09:30")[schema.VOLUME] == 1
    note = note_with(result.dataset, "more than one file")
    assert "the later file's counts were kept" in note
    assert "over zeros" not in note


# --- 2. Italian durations written with apostrophes ------------------------------------------


@pytest.mark.parametrize(
    ("handle", "wait", "seconds", "wait_seconds"),
    [
        ("4' 33\"", "0' 24\"", 273, 24),
        ("4'33''", "0'24''", 273, 24),
        ("1h 04' 33\"", "1' 05\"", 3873, 65),
        ("5'", '24"', 300, 24),
    ],
)
def test_durations_written_with_apostrophes_are_read(tmp_path, handle, wait, seconds, wait_seconds):
    # Ignored without a word before: no handle time and no wait at all.
    rows = []
    for day in (3, 4):
        for slot in range(6):
            start = dt.datetime(2026, 8, day, 8) + dt.timedelta(minutes=30 * slot)
            rows.append(f"{day:02d}/08/2026;{start:%H:%M};Assistenza;{8 + slot};{8 + slot};0;"
                        f"{handle};{wait}")  # fmt: skip
    header = "Data;Fascia oraria;Coda;Chiamate entrate;Chiamate gestite;Chiamate abbandonate;"
    path = write(tmp_path, "fasce.csv", header + "TMC;TMA\n" + "\n".join(rows) + "\n", "cp1252")
    result = import_files_detailed([path])
    assert result.files[0].columns["aht"] == "TMC"
    assert result.files[0].columns["wait"] == "TMA"
    intervals = result.dataset.intervals
    counted = intervals[intervals[schema.VOLUME] > 0]
    assert counted[schema.AHT_SECONDS].tolist() == [seconds] * 12
    assert counted[schema.WAIT_SECONDS].tolist() == [wait_seconds] * 12
    assert not [note for note in result.dataset.notes if "not durations" in note]


def test_apostrophe_durations_parse_to_seconds():
    values = pa.array(["4' 33\"", "4'33''", "1h 04' 33\"", '33"', "4’ 33”", "5m 0s", "1'234"])
    parsed = parse_duration(values, decimal_comma=False)
    assert parsed.tolist() == [273, 273, 3873, 33, 273, 300, 1234]  # seconds never run to 234


# --- 5. A summary block below the table -----------------------------------------------------


def summary_file(tmp_path, rows: list[str], block: list[str], name: str = "report.csv"):
    text = "\r\n".join([HEADER, *rows, "", *block]) + "\r\n"
    return write(tmp_path, name, text, "utf-8-sig")


SUMMARY = [
    "Riepilogo",
    "Totale chiamate entrate;{total}",
    "Totale gestite;{answered}",
    "Tempo medio di attesa;0:00:24",
    "Generato il 12/10/2026 alle 08:00",
]


def test_a_summary_block_after_the_blank_line_is_skipped_with_a_note(tmp_path):
    # Refused before: "Expected 7 columns, got 2: Totale chiamate entrate;68".
    rows = day_rows(dt.date(2026, 10, 5), [10, 12, 8, 6], slots=4) + day_rows(
        dt.date(2026, 10, 6), [9, 11, 7, 5], slots=4
    )
    block = [line.format(total=68, answered=60) for line in SUMMARY]
    result = import_files_detailed([summary_file(tmp_path, rows, block)])
    assert result.contacts == 68
    assert result.dataset.answered == 60
    assert result.files[0].rows == 8
    note = note_with(result.dataset, "summary block")
    assert note == (
        "report.csv: lines 11–15 after the blank line are a summary block, not read "
        "('Riepilogo'; 'Totale chiamate entrate;68')."
    )
    assert not [n for n in result.dataset.notes if "skipped as notes" in n]


def test_a_summary_block_below_a_large_file_is_found_at_its_end(tmp_path):
    # Beyond the sniffed head: the block is looked for when its first short line is met.
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=day) for day in range(2000)]
    rows = [row for day in days for row in day_rows(day, [3, 4, 5], slots=16)]
    block = ["Totale chiamate entrate;126000", "Totale gestite;96000"]
    path = summary_file(tmp_path, rows, block, "grande.csv")
    assert path.stat().st_size > 1 << 20
    result = import_files_detailed([path])
    assert result.contacts == 2000 * 63 == 126_000
    assert note_with(result.dataset, "summary block") == (
        "grande.csv: lines 32003–32004 after the blank line are a summary block, not read "
        "('Totale chiamate entrate;126000'; 'Totale gestite;96000')."
    )


def test_a_short_line_inside_the_table_is_still_refused(tmp_path):
    # Only the block after the last blank line is a summary: a broken row of data is not.
    rows = day_rows(dt.date(2026, 10, 5), [10, 12, 8, 6])
    rows.insert(3, "Totale parziale;30")
    block = [line.format(total=36, answered=33) for line in SUMMARY]
    with pytest.raises(InputError, match="line 5 has 2 fields where the header has 7"):
        import_files_detailed([summary_file(tmp_path, rows, block)])


def test_a_block_of_dated_lines_after_a_blank_line_is_no_summary(tmp_path):
    rows = day_rows(dt.date(2026, 10, 5), [10, 12, 8, 6])
    block = ["06/10/2026;08:00-08:30", "06/10/2026;08:30-09:00"]
    with pytest.raises(InputError, match="line 11 has 2 fields where the header has 7"):
        import_files_detailed([summary_file(tmp_path, rows, block)])


def test_full_rows_after_the_last_blank_line_are_data(tmp_path):
    # Rows grouped by queue with a blank line between groups: the last group is no summary, and
    # a short row in it is still refused.
    header = "Coda;Data;Fascia oraria;Chiamate entrate"
    sales = [f"Vendite;05/10/2026;{8 + slot:02d}:00;{5 + slot}" for slot in range(4)]
    support = [f"Assistenza;05/10/2026;{8 + slot:02d}:00;{3 + slot}" for slot in range(4)]
    text = "\n".join([header, *sales, "", *support]) + "\n"
    result = import_files_detailed([write(tmp_path, "code.csv", text)])
    assert result.contacts == 26 + 18
    assert not [note for note in result.dataset.notes if "summary block" in note]
    broken = "\n".join([header, *sales, "", *support, "Assistenza;05/10/2026;12:00"]) + "\n"
    with pytest.raises(InputError, match="line 11 has 3 fields where the header has 4"):
        import_files_detailed([write(tmp_path, "rotto.csv", broken)])
