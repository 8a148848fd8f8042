"""Round-thirty-three probes: outcome labels cut short as narrow report columns write them
("Abgebr.", "Beantw.", "Raccr.", "Verl.", "Atend."), in German, Italian, French, Spanish,
Portuguese and Dutch; lines of text without columns, said to hold no table; files named as
workbooks that are none (random bytes, a cut-short zip); reports of several queues stacked in
one file, each section under a title naming its queue ("Queue: Sales", Avaya CMS's
"Split/Skill:","1 Sales"), or refused naming the lines to split at; rows named by their own line
past blank lines and one-field notes; one count column per channel named by its arrival word in
Spanish, Portuguese and French ("Chats recibidos", "Courriels reçus"); zones written as an hour
alone (PostgreSQL's "08:00:00+01") or by region ("[Europe/Paris]", "(UTC+01:00)"); and Excel
times written as their number with a decimal comma ("0,3333333333")."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest
from import_support import write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.outcomes import ABANDONED, ANSWERED, OTHER, classify_label
from data.timestamps import excel_day_fractions

MONDAY = dt.datetime(2024, 3, 4)


def _calls(count: int = 150) -> list[dt.datetime]:
    """`count` arrivals, 08:00-17:00 from Monday to Friday, 3 min 37 s apart within a day."""
    return [
        MONDAY + dt.timedelta(days=n % 5, hours=8, seconds=217 * (n // 5)) for n in range(count)
    ]


def outcome_totals(tmp_path, header: str, answered: str, abandoned: str) -> list[float]:
    """Answered and abandoned of 150 calls, every fifth one labelled `abandoned`."""
    lines = [header] + [
        f"{t:%d/%m/%Y %H:%M:%S};Service;{abandoned if n % 5 == 0 else answered}"
        for n, t in enumerate(_calls())
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    return result.dataset.intervals[[schema.ANSWERED, schema.ABANDONED]].sum().tolist()


# --- Outcome labels cut short ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "answered", "abandoned"),
    [
        ("Beginn;Warteschlange;Ergebnis", "Beantw.", "Abgebr."),  # beantwortet, abgebrochen
        ("Beginn;Warteschlange;Ergebnis", "Angen.", "Verl."),  # angenommen, verloren
        ("Inizio;Coda;Esito", "Risp.", "Abband."),  # risposta, abbandonata
        ("Début;File;Statut", "Décr.", "Raccr."),  # décroché, raccroché
        ("Inicio;Cola;Resultado", "Contest.", "Desist."),  # contestada, desistencia
        ("Início;Fila;Resultado", "Atend.", "Deslig."),  # atendida, desligada
        ("Begin;Wachtrij;Resultaat", "Beantw.", "Onbeantw."),  # beantwoord, onbeantwoord
    ],
)
def test_outcome_labels_cut_short_are_read(tmp_path, header, answered, abandoned):
    # Before: neither label named an outcome the importer knew: 'Ergebnis' was not read as
    # outcomes, so no answered or abandoned counts (or, with 'Risp.', every call answered).
    assert outcome_totals(tmp_path, header, answered, abandoned) == [120.0, 30.0]


@pytest.mark.parametrize(
    ("label", "code"),
    [("Ver.", OTHER), ("Abd.", OTHER), ("Transf.", OTHER), ("Sales", OTHER), ("Inbou", OTHER),
     ("Nicht angen.", ABANDONED), ("Entgangen", ABANDONED), ("Afgebroken", ABANDONED),
     ("Ans.", ANSWERED)],
)  # fmt: skip
def test_guard_a_cut_word_says_an_outcome_only_where_every_word_it_may_be_says_it(label, code):
    # 'Ver.' may be verbunden (answered) or verloren (abandoned); 'Abd.' is cut from no word.
    assert classify_label(label) == code


# --- Text without a table -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Hello team,\nplease find the report attached.\n", "Interval Report\nGenerated 2024-03-09\n"],
)
def test_lines_of_text_without_columns_are_said_to_hold_no_table(tmp_path, text):
    # Before: 'only a header row was found (Interval Report), no data rows', though the file
    # has two lines and neither names columns.
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "report.csv", text)])
    first, second = text.splitlines()
    assert str(refused.value).startswith(
        f"report.csv: no table was found: its 2 lines ('{first}'; '{second}') are text without "
        "columns separated by commas, semicolons or tabs"
    )


def test_guard_a_header_alone_is_still_said_to_have_no_data_rows(tmp_path):
    with pytest.raises(InputError, match=r"only a header row was found \(Date, Anrufe\)"):
        import_files_detailed([write(tmp_path, "acd.csv", "Interval report\nDate;Anrufe\n")])


# --- Files named as workbooks that are none -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "holds"),
    [
        (bytes(range(256)) * 12, "bytes that are neither a workbook nor text"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "a zip archive without a workbook inside"),
    ],
)
def test_a_damaged_workbook_is_said_to_be_one(tmp_path, content, holds):
    # Before: 'this looks like a binary file, not a CSV/text export. Export the contact history
    # as CSV', or 'this is a zip archive or a damaged Excel workbook, not a CSV/text export ...
    # save it as an Excel workbook (.xlsx)', for a file that is named .xlsx.
    path = tmp_path / "Report.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        import_files_detailed([path])
    message = str(refused.value)
    assert message.startswith(
        "Report.xlsx: the file is named as a workbook (.xlsx) but is no workbook the import can "
        f"open: it holds {holds}"
    )
    assert "only partly downloaded" in message


def test_guard_a_csv_named_as_a_workbook_is_read_as_its_text(tmp_path):
    lines = ["Date;Time;Calls"] + [f"{t:%Y-%m-%d};{t:%H:%M};4" for t in _calls(20)]
    result = import_files_detailed([write(tmp_path, "Report.xlsx", "\n".join(lines) + "\n")])
    assert result.dataset.intervals[schema.VOLUME].sum() == 80.0


# --- Sections of several queues stacked in one file ------------------------------------------------


def _stacked(queues: list[tuple[str, int]], title: str, sep: str = ",") -> list[str]:
    """One section per queue: `title` naming it, the header, 12 half hours over 3 days of
    base, base + 1, base + 2, base + 3 offered (one abandoned each), a blank line."""
    lines = []
    for queue, base in queues:
        if title:
            lines.append(title.format(queue=queue))
        lines.append(sep.join(["Interval", "Offered", "Answered", "Abandoned"]))
        for day in range(3):
            for slot in range(4):
                t = MONDAY + dt.timedelta(days=day, hours=8, minutes=30 * slot)
                lines.append(sep.join([f"{t:%Y-%m-%d %H:%M}", str(base + slot),
                                       str(base + slot - 1), "1"]))  # fmt: skip
        lines.append("")
    return lines


def _per_queue(result) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def test_sections_under_titles_naming_their_queues_are_read_as_those_queues(tmp_path):
    # Before: refused, 'the header is repeated 1 time(s) inside the file and the blocks under
    # it cover the same intervals: they seem to be separate reports ...'.
    lines = _stacked([("Sales", 3), ("Support", 7)], "Queue: {queue}")
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    # Sales: (3 + 4 + 5 + 6) a day over 3 days = 54; Support: (7 + 8 + 9 + 10) x 3 = 102.
    assert _per_queue(result) == {"Sales": 54.0, "Support": 102.0}
    assert result.dataset.intervals[schema.ABANDONED].sum() == 24.0
    assert (
        "acd.csv: the file stacks 2 sections, each under a title naming its queue (line 1: "
        "'Queue: Sales'; line 16: 'Queue: Support')" in " ".join(result.dataset.notes)
    )


def test_stacked_german_sections_with_totals_period_lines_and_a_footer(tmp_path):
    sections = _stacked([("Vertrieb", 3), ("Kundendienst", 7)], "", sep=";")
    lines = ["Interval Report"]
    for start in (0, 14):
        queue = "Vertrieb" if start == 0 else "Kundendienst"
        lines += [f"Warteschlange: {queue};;;", "Zeitraum: 04.03.2024 - 06.03.2024;;;", ""]
        lines += sections[start : start + 13]
        offered = 54 if start == 0 else 102
        lines += [f"Summe;{offered};{offered - 12};12", ";;;"]
    lines.append("Erstellt am 09.03.2024 von admin")
    path = write(tmp_path, "acd.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    result = import_files_detailed([path])
    assert _per_queue(result) == {"Vertrieb": 54.0, "Kundendienst": 102.0}
    assert result.files[0].columns["queue"] == "Warteschlange"


def test_sections_without_a_title_naming_each_queue_are_refused_naming_the_lines(tmp_path):
    lines = _stacked([("Sales", 3), ("Support", 7)], "Queue: {queue}")
    del lines[15]  # the second title: its section names no queue
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    message = str(refused.value)
    # Before: no line named, and the only advice 'Export one file per queue ...'.
    assert "the header is repeated 1 time(s) inside the file (line 16)" in message
    assert "Split the file at those lines into one file per queue" in message


# --- Lines named after blank lines and skipped notes -----------------------------------------------


def test_a_bad_value_after_blank_lines_and_a_page_note_is_named_by_its_own_line(tmp_path):
    # A blank line between days and a one-field page note, as a report prints them; arrow
    # skips both, so the row's number alone fell two lines short.
    lines = ["Interval;Offered"] + [f"2024-03-04 {8 + n}:00;5" for n in range(3)]
    lines += ["", "Page 2"] + [f"2024-03-05 {8 + n}:00;5" for n in range(3)]
    lines[-2] = "05.03.2024 nine;5"
    path = write(tmp_path, "acd.csv", "\n".join(lines) + "\n")
    assert lines[8 - 1] == "05.03.2024 nine;5"  # line 8 of the file
    with pytest.raises(InputError) as refused:
        import_files_detailed([path])
    # Before: 'line 6: '05.03.2024 nine''.
    assert "(line 8: '05.03.2024 nine')" in str(refused.value)


def test_total_rows_of_stacked_sections_are_named_by_their_lines(tmp_path):
    lines = _stacked([("Sales", 3), ("Support", 7)], "Queue: {queue}")
    lines.insert(14, "Total,54,42,12")  # under Sales' rows, line 15
    lines.insert(30, "Total,102,90,12")  # under Support's rows, line 31
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert _per_queue(result) == {"Sales": 54.0, "Support": 102.0}
    # Before: 'line 29', the blank line and the second title and header not counted.
    assert "(line 15: 'Total'; line 31: 'Total')" in " ".join(result.dataset.notes)


# --- One count column per channel, named by its arrival word abroad ---------------------------------


def _half_hours() -> list[dt.datetime]:
    return [
        MONDAY + dt.timedelta(days=d, hours=8, minutes=30 * s) for d in range(5) for s in range(20)
    ]


def _offered(t: dt.datetime) -> int:
    return 5 + t.minute // 15 + t.hour % 3


@pytest.mark.parametrize(
    ("header", "channels"),
    [
        ("Fecha;Intervalo;Llamadas recibidas;Chats recibidos;Correos recibidos",
         ["Llamadas", "Chats", "Correos"]),
        ("Data;Intervalo;Chamadas recebidas;Chats recebidos;E-mails recebidos",
         ["Chamadas", "Chats", "E-mails"]),
        ("Date;Intervalle;Appels reçus;Chats reçus;Courriels reçus",
         ["Appels", "Chats", "Courriels"]),
    ],
)  # fmt: skip
def test_a_count_column_per_channel_named_by_an_arrival_word_abroad_is_one_queue_each(
    tmp_path, header, channels
):
    # Before: 'Llamadas recibidas' was read as the file's count and the chats and e-mails
    # dropped without a word, 710 of 1,235 contacts.
    lines = [header] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{_offered(t)};{_offered(t) // 2};{_offered(t) // 3}"
        for t in _half_hours()
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    sums = [sum(_offered(t) // k for t in _half_hours()) for k in (1, 2, 3)]
    assert sums == [710, 320, 205]  # 1,235 contacts
    assert _per_queue(result) == dict(zip(channels, map(float, sums), strict=True))


# --- Zones written as an hour alone or by region ---------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "{t:%Y-%m-%d %H:%M:%S}+01",  # PostgreSQL's timestamptz text
        "{t:%Y-%m-%d %H:%M:%S}.250+01",
        "{t:%Y-%m-%dT%H:%M}+01:00[Europe/Paris]",  # Java's ZonedDateTime
        "{t:%Y-%m-%d %H:%M:%S} Europe/Paris",
        "{t:%d/%m/%Y %H:%M} (UTC+01:00)",  # Windows' zone name
    ],
)
def test_a_zone_written_as_an_hour_alone_or_by_region_is_read_past(tmp_path, written):
    # Before: refused, 'no column with dates or timestamps was found. Columns: Start (e.g.
    # '2024-03-04 08:00:00+01') ...'.
    lines = ["Start,Queue,Talk"] + [written.format(t=t) + ",Support,180" for t in _half_hours()]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert frame[schema.VOLUME].sum() == 100.0
    starts = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    # The wall clock as written: 08:00 to 17:30 each day, the offset never applied.
    assert (starts.min(), starts.max()) == (
        pd.Timestamp("2024-03-04 08:00"),
        pd.Timestamp("2024-03-08 17:30"),
    )


def test_stacked_avaya_split_reports_with_their_date_above_each_are_read_as_splits(tmp_path):
    # Avaya CMS's split/skill interval report run for two splits: label and value in two cells,
    # the report's date repeated above each, each half hour written with its end's AM/PM.
    lines = []
    for split, base in (("1 Sales", 3), ("2 Support", 7)):
        lines += [f'"Split/Skill:","{split}"', '"Date:","03/04/2024"', ""]
        lines.append("Time,ACD Calls,Avg ACD Time,Aband Calls,Avg Aband Time")
        for slot in range(6):
            start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * slot)
            end = start + dt.timedelta(minutes=30)
            lines.append(f"{start:%-I:%M}-{end:%-I:%M} {end:%p},{base + slot},0:03:05,1,0:00:40")
        lines += [f"Totals,{6 * base + 15},0:03:05,6,0:00:40", ""]
    result = import_files_detailed([write(tmp_path, "cms.csv", "\n".join(lines) + "\n")])
    # Before: refused, 'no column with dates or timestamps was found. Columns: Time (e.g.
    # '8:00-8:30 AM') ...', the date line above the second split no title of the table.
    frame = result.dataset.intervals
    answered = frame.groupby(schema.QUEUE)[schema.ANSWERED].sum().to_dict()
    assert answered == {"1 Sales": 33.0, "2 Support": 57.0}  # 3 + ... + 8, 7 + ... + 12
    busy = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    assert (busy.min(), busy.max()) == (
        pd.Timestamp("2024-03-04 08:00"),
        pd.Timestamp("2024-03-04 10:30"),
    )


# --- Excel times written as their number with a decimal comma ---------------------------------------


def test_excel_times_written_with_a_decimal_comma_are_read_as_times_of_day(tmp_path):
    # A German or French spreadsheet's time column formatted as a number: '0,3333333333'.
    lines = ["Datum;Uhrzeit;Anrufe"] + [
        f"{t:%d.%m.%Y};"
        + f"{(t.hour * 60 + t.minute) / 1440:.10f}".replace(".", ",")
        + f";{_offered(t)}"
        for t in _half_hours()
    ]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    # Before: refused, '100 rows share 5 dates, but no column gives their time of day ...
    # Column 'Uhrzeit' (e.g. '0,3333333333', ...) was not read as clock times'.
    frame = result.dataset.intervals
    assert frame[schema.VOLUME].sum() == 710.0
    busy = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    assert (busy.min(), busy.max()) == (
        pd.Timestamp("2024-03-04 08:00"),
        pd.Timestamp("2024-03-08 17:30"),
    )


def test_guard_clocks_written_with_a_comma_stay_unread_as_fractions():
    # '0,30' may be half past midnight written with a comma: no fraction of a day has two
    # decimals only in every value.
    assert excel_day_fractions(pa.array(["0,15", "0,30", "0,45"])) is None
    assert excel_day_fractions(pa.array(["0,3333333333", "0,375"])).tolist() == [28800.0, 32400.0]
