"""Interval reports with rows that are not intervals or cells left empty: a summary block padded
with separators to the table's width, week subtotal rows ("Settimana 41", "KW 41"), and an empty
offered count beside the answered and abandoned counts."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, note_with, write

from data.importer import import_files_detailed

HEADER = "Data;Ora;Offerte;Risposte;Abbandonate"


def rows_of(day: dt.date, offered: list[int]) -> list[str]:
    """One row per half hour from 08:00, one abandoned in each interval."""
    return [
        f"{day:%d/%m/%Y};{8 + slot // 2:02d}:{30 * (slot % 2):02d};{calls};{calls - 1};1"
        for slot, calls in enumerate(offered)
    ]


MONDAY = dt.date(2026, 10, 5)
DAY_ONE = rows_of(MONDAY, [10, 12, 8, 6])  # 36 offered
DAY_TWO = rows_of(MONDAY + dt.timedelta(days=1), [9, 11, 7, 5])  # 32 offered


@pytest.mark.parametrize("blank", [";;;;", ""])
def test_a_summary_block_padded_to_the_tables_width_is_skipped(tmp_path, blank):
    # Refused before: "column 'Data' has 1 value(s) that are not readable dates/times
    # (line 13: 'Tempo medio di attesa')".
    block = ["Totale chiamate entrate;68;;;", "Tempo medio di attesa;0:00:24;;;"]
    text = "\n".join([HEADER, *DAY_ONE, *DAY_TWO, blank, *block]) + "\n"
    result = import_files_detailed([write(tmp_path, "riepilogo.csv", text)])
    assert result.contacts == 68
    assert result.dataset.answered == 60
    assert note_with(result.dataset, "summary block") == (
        "riepilogo.csv: lines 11–12 after the blank line are a summary block, not read "
        "('Totale chiamate entrate;68;;;'; 'Tempo medio di attesa;0:00:24;;;')."
    )


def test_a_padded_row_of_data_after_a_blank_line_is_still_read(tmp_path):
    # A last group of rows is data, not a summary, even with a blank line above it.
    text = "\n".join([HEADER, *DAY_ONE, ";;;;", *DAY_TWO]) + "\n"
    result = import_files_detailed([write(tmp_path, "gruppi.csv", text)])
    assert result.contacts == 68
    assert not [note for note in result.dataset.notes if "summary block" in note]


@pytest.mark.parametrize(
    "label", ["Settimana 41", "Sett. 41", "KW 41", "Semaine 41", "Week 41/2026", "Semana 41"]
)
def test_week_subtotal_rows_are_skipped(tmp_path, label):
    # Refused before: "column 'Data' has 1 value(s) that are not readable dates/times".
    text = "\n".join([HEADER, *DAY_ONE, f"{label};;36;32;4", *DAY_TWO]) + "\n"
    result = import_files_detailed([write(tmp_path, "settimane.csv", text)])
    assert result.contacts == 68  # the subtotal is not counted again
    assert note_with(result.dataset, "subtotal") == (
        f"settimane.csv: 1 total/subtotal row(s) were skipped (line 6: '{label}')."
    )


def test_a_date_that_is_no_week_label_is_still_refused(tmp_path):
    text = "\n".join([HEADER, *DAY_ONE, "Settimana;;36;32;4"]) + "\n"
    with pytest.raises(Exception, match="line 6: 'Settimana'"):
        import_files_detailed([write(tmp_path, "rotto.csv", text)])


def test_an_empty_offered_count_is_answered_plus_abandoned(tmp_path):
    day = list(DAY_ONE)
    day[1] = day[1].replace(";12;11;1", ";;11;1")  # 08:30 offered left empty
    day[3] = day[3].replace(";6;5;1", ";;;1")  # 09:30 answered unknown too
    text = "\n".join([HEADER, *day]) + "\n"
    result = import_files_detailed([write(tmp_path, "vuote.csv", text)])
    assert at(result.dataset, "2026-10-05 08:30")["volume"] == 12
    assert result.contacts == 10 + 12 + 8  # 09:30 stays missing, not zero
    assert note_with(result.dataset, "taken as") == (
        "vuote.csv: 1 empty 'Offerte' cell(s) (line(s) 3) taken as 'Risposte' + 'Abbandonate'."
    )
    assert "vuote.csv: 1 empty count(s) in 'Offerte' read as missing." in result.dataset.notes


def test_the_skipped_total_rows_are_named_by_line_and_label(tmp_path):
    # The blank row is dropped first: the lines named are still the file's own.
    text = "\n".join(
        [HEADER, *DAY_ONE, "Totale giorno;;36;32;4", ";;;;", *DAY_TWO, "Totale giorno;;32;29;3"]
        + ["Totale settimana;;68;61;7", "Totale;;68;61;7"]
    )
    result = import_files_detailed([write(tmp_path, "giorni.csv", text + "\n")])
    assert result.contacts == 68
    assert note_with(result.dataset, "subtotal") == (
        "giorni.csv: 4 total/subtotal row(s) were skipped (line 6: 'Totale giorno'; line 12: "
        "'Totale giorno'; line 13: 'Totale settimana'; …)."
    )
