"""Round-thirty-four probes: negated outcome labels cut short to "N." as a narrow Italian report
column writes them ("N. risp.", "N. risposta" for non risposta) beside the cut-short negations
already read ("No atend.", "Non rép.", "Nicht angen."); dates written with commas ("Monday, March
4, 2024", RFC 2822's "Mon, 04 Mar 2024 08:00:00 +0000") left unquoted in a comma-separated file,
refused naming the line and how to fix it; rows with more or fewer fields than the header (a
thousands comma, a name with a comma, a row cut short), refused naming their line; and
per-contact logs whose every time falls on the hour or half hour, counted in that step rather
than in quarter hours whose every other slot would stay empty and be learned closed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from import_support import note_with, write
from test_import_probe_round_thirtythree import MONDAY, outcome_totals

from data import schema
from data.columns import ImportOptions
from data.errors import InputError
from data.importer import import_files, import_files_detailed
from data.outcomes import ABANDONED, OTHER, classify_label

# --- Negations cut short --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "answered", "abandoned"),
    [
        ("Inizio;Coda;Esito", "Risp.", "N. risp."),  # risposta, non risposta
        ("Inizio;Coda;Esito", "Risposta", "N. risposta"),
        ("Inizio;Coda;Esito", "Risp.", "N.risp."),
        ("Inicio;Cola;Resultado", "Atend.", "No atend."),  # atendida, no atendida
        ("Début;File;Statut", "Rép.", "Non rép."),  # répondu, non répondu
        ("Beginn;Warteschlange;Ergebnis", "Angen.", "Nicht angen."),  # (nicht) angenommen
    ],
)
def test_negated_outcome_labels_cut_short_are_abandoned(tmp_path, header, answered, abandoned):
    # Before: 'N. risp.' named no outcome, so the 30 unanswered calls of 150 counted neither
    # answered nor abandoned (120 answered, 0 abandoned).
    assert outcome_totals(tmp_path, header, answered, abandoned) == [120.0, 30.0]


@pytest.mark.parametrize(
    ("label", "code"),
    [("N. risp.", ABANDONED), ("N. beantw.", ABANDONED),
     ("N.", OTHER), ("N. 5", OTHER), ("N/A", OTHER), ("No.", OTHER), ("N. Ver.", OTHER)],
)  # fmt: skip
def test_guard_n_dot_negates_only_an_answered_word(label, code):
    # 'N.' alone or before no outcome says nothing, nor 'N. Ver.' (verbunden or verloren).
    assert classify_label(label) == code


# --- Dates with commas left unquoted --------------------------------------------------------------


def _hourly_rows(row) -> str:
    """A header and 20 hourly rows, 08:00-17:00 on Monday and Tuesday, written by `row`."""
    days = [MONDAY + dt.timedelta(days=n // 10, hours=8 + n % 10) for n in range(20)]
    return "\n".join(row(t) for t in days) + "\n"


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Date,Time,Calls", lambda t: f"{t:%A, %B} {t.day}, {t.year},{t:%H:%M},8",
         "line 2 has 5 fields under a header of 3: its date 'Monday, March 4, 2024' holds commas,"
         " the file's separator, so it was cut into 3 fields from column 'Date' on"),
        ("Interval,Calls", lambda t: f"{t:%a, %b} {t.day}, {t.year} {t:%H:%M},8",
         "line 2 has 4 fields under a header of 2: its date 'Mon, Mar 4, 2024 08:00' holds commas"),
        ("Start,Queue,Duration", lambda t: f"{t:%a, %d %b %Y %H:%M:%S} +0000,Sales,120",
         "line 2 has 4 fields under a header of 3: its date 'Mon, 04 Mar 2024 08:00:00 +0000' "
         "holds commas, the file's separator, so it was cut into 2 fields from column 'Start' on"),
    ],
)  # fmt: skip
def test_unquoted_dates_with_commas_are_refused_naming_the_line(tmp_path, header, row, expected):
    # Before: "'Time' holds days and months without a year (e.g. 'March 4') ... Export the dates
    # with their year", though they had one; RFC 2822's 'CSV parse error: Expected 3 columns,
    # got 4'.
    path = write(tmp_path, "report.csv", header + "\n" + _hourly_rows(row))
    with pytest.raises(InputError) as refusal:
        import_files_detailed([path])
    message = str(refusal.value)
    assert expected in message
    assert "Quote the dates" in message and "semicolons or tabs" in message


def test_guard_quoted_dates_with_commas_and_trailing_commas_still_read(tmp_path):
    quoted = _hourly_rows(lambda t: f'"{t:%A, %B} {t.day}, {t.year}",{t:%H:%M},8')
    trailing = _hourly_rows(lambda t: f"{t:%d/%m/%Y},{t:%H:%M},8,")
    for name, text in (("quoted.csv", quoted), ("trailing.csv", trailing)):
        result = import_files_detailed([write(tmp_path, name, "Date,Time,Calls\n" + text)])
        assert result.dataset.intervals[schema.VOLUME].sum() == 160.0, name


# --- Records written on the half hour ---------------------------------------------------------------


def _records_on_the_half_hour(weeks: int = 8) -> str:
    """A desk open 08:00-20:00 Monday to Friday whose log writes each contact's time to the half
    hour: 1 to 5 contacts at every half hour, 3 on average."""
    lines = ["Arrival,Queue"]
    for day in range(7 * weeks):
        if day % 7 < 5:
            for slot in range(24):
                stamp = MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot)
                lines += [f"{stamp:%Y-%m-%d %H:%M},Desk"] * (1 + (day + 3 * slot) % 5)
    return "\n".join(lines) + "\n"


def test_records_on_the_half_hour_are_counted_in_half_hours(tmp_path):
    # Before: counted in quarter hours, the :15 and :45 slots held no contact ever: 'Open hours
    # of 'Desk': 130 of 672 weekly 15-minute slots are open', every other quarter hour closed
    # from 09:00 to 19:00 each weekday (the quiet-gap rule kept only the first and last hours).
    text = _records_on_the_half_hour()
    dataset = import_files([write(tmp_path, "calls.csv", text)])
    assert dataset.interval_minutes == 30
    assert note_with(dataset, "Open hours") == (
        "Open hours of 'Desk': 120 of 336 weekly 30-minute slots are open."
    )
    assert note_with(dataset, "falls on the") == (
        "calls.csv: every contact's time falls on the hour or half hour, so the records are "
        "counted in 30-minute intervals: 15-minute ones would leave the slots between empty. Set "
        "the interval length (Interval length in the app, --interval-minutes on the command "
        "line) to count them otherwise."
    )
    hours = dataset.open_hours
    assert (hours.loc[hours["is_open"], "minute_of_day"].agg(["min", "max"]) == [480, 1170]).all()
    frame = dataset.intervals
    # Monday 4 March 08:30 (slot 1 of day 0) holds 1 + (0 + 3) % 5 = 4 contacts.
    assert frame.loc[frame[schema.INTERVAL_START] == pd.Timestamp("2024-03-04 08:30"),
                     schema.VOLUME].tolist() == [4.0]  # fmt: skip
    assert frame[schema.VOLUME].sum() == text.count("Desk") == 2880


def test_guard_an_asked_interval_and_logs_to_the_minute_keep_quarter_hours(tmp_path):
    path = write(tmp_path, "calls.csv", _records_on_the_half_hour(2))
    dataset = import_files([path], options=ImportOptions(interval_minutes=15))
    assert dataset.interval_minutes == 15
    assert not any("falls on the" in note for note in dataset.notes)
    stamps = [MONDAY + dt.timedelta(days=n % 5, hours=8, minutes=7 * n) for n in range(200)]
    text = "Arrival\n" + "\n".join(f"{t:%Y-%m-%d %H:%M}" for t in stamps) + "\n"
    assert import_files([write(tmp_path, "minutes.csv", text)]).interval_minutes == 15


# --- Rows with more or fewer fields than the header --------------------------------------------


@pytest.mark.parametrize(
    ("header", "misfit", "expected"),
    [
        ("Interval,Calls,AHT", "{t},1,250,180",
         "line 9 has 4 fields where the header has 3 ('2024-03-04 15:00,1,250,180'). A value in "
         "it holds a comma, the file's separator, without quotes (a thousands separator as in "
         "1,234, or a name such as 'Sales, Inc'). Quote such values, or export the file with "
         "another separator, and import again."),
        ("Interval;Calls;AHT", "{t};5;1;80",
         "line 9 has 4 fields where the header has 3 ('2024-03-04 15:00;5;1;80'). A value in it "
         "holds a semicolon, the file's separator, without quotes. Quote such values, or export "
         "the file with another separator, and import again."),
        ("Interval,Calls,AHT", "{t},5",
         "line 9 has 2 fields where the header has 3 ('2024-03-04 15:00,5'). Export the row "
         "whole, or remove it, and import again."),
    ],
)  # fmt: skip
def test_a_row_of_another_width_is_refused_naming_its_line(tmp_path, header, misfit, expected):
    # Before: 'the file could not be read as a comma-separated table (CSV parse error: Expected
    # 3 columns, got 4: ...). Check that every row has as many fields as the header.', no line.
    separator = header[8]

    def row(t: dt.datetime) -> str:
        stamp = f"{t:%Y-%m-%d %H:%M}"
        return (
            misfit.format(t=stamp)
            if t.hour == 15 and t.day == 4
            else f"{stamp}{separator}8{separator}180"
        )

    path = write(tmp_path, "report.csv", header + "\n" + _hourly_rows(row))
    with pytest.raises(InputError) as refusal:
        import_files_detailed([path])
    assert str(refusal.value) == "report.csv: " + expected
