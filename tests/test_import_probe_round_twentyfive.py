"""Round-twenty-five probes: Polish headers and outcomes (ł, Windows-1250), Spanish "a. m."/"p. m."
and East Asian 上午/下午/오후 clocks, whole hours under "Hora", "Stunde", "Uur" ..., a summary table
as wide as the data below a blank line; and layouts that already import right (a date with an
hour number, Excel's UTF-16 text, LiveAgent)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import (
    answered_weighted_aht,
    at,
    clock,
    contacts_per_queue,
    half_hours,
    note_with,
    spread_arrival,
    write,
)

from data import schema
from data.importer import import_files_detailed
from data.labels import header_words
from data.outcomes import ABANDONED, ANSWERED, classify_label

MONDAY = dt.datetime(2024, 3, 4, 8)
SLOTS = half_hours(3)  # 48 half hours, 08:00-16:00 from Monday 4 March 2024
SERVED = (0, 1, 3)  # of every five calls, these were answered


def _outcomes(result) -> tuple[float, float]:
    frame = result.dataset.intervals
    return float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())


def _text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


# --- Polish ---------------------------------------------------------------------------------------


def test_a_header_word_with_l_stroke_stays_one_word():
    # Before: "ł" has no accent to drop, so it split the word: {"po", "aczenia"}.
    assert header_words("Połączenia odebrane") == {"polaczenia", "odebrane"}
    assert header_words("Ø Bearbeitungszeit") == {"bearbeitungszeit"}  # Ø: an average sign


def _polish_report() -> str:
    header = "Data;Godzina;Kolejka;Połączenia przychodzące;Połączenia odebrane;"
    lines = [header + "Połączenia porzucone;Średni czas rozmowy;Średni czas oczekiwania"]
    for day in range(3):
        for slot in range(16):
            t = MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for queue, base in (("Obsługa klienta", 10), ("Sprzedaż", 4)):
                calls = base + slot % 3
                lines.append(
                    f"{t:%d.%m.%Y};{t:%H:%M};{queue};{calls};{calls - 1};1;"
                    f"{180 + slot},5;{20 + slot},5"
                )
    return _text(lines)


def test_a_polish_interval_report_is_read(tmp_path):
    # Before: no column was a count ("the times fall on an interval grid ... no column was
    # recognised as the count"): Polish headers were unknown, and "ł" split their words.
    result = import_files_detailed([write(tmp_path, "kolejki.csv", _polish_report())])
    report = result.files[0]
    assert (report.kind, report.interval_minutes) == (schema.KIND_INTERVALS, 30)
    assert report.columns == {
        "date": "Data",
        "time": "Godzina",
        "volume": "Połączenia przychodzące",
        "aht": "Średni czas rozmowy",
        "queue": "Kolejka",
        "wait": "Średni czas oczekiwania",
        "answered": "Połączenia odebrane",
        "abandoned": "Połączenia porzucone",
    }
    assert contacts_per_queue(result) == {"Obsługa klienta": 525.0, "Sprzedaż": 237.0}
    assert _outcomes(result) == (666.0, 96.0)
    first = at(result.dataset, "2024-03-04 09:00", "Sprzedaż")
    assert first[schema.AHT_SECONDS] == pytest.approx(182.5)
    assert first[schema.WAIT_SECONDS] == pytest.approx(22.5)


def test_a_polish_number_of_calls_with_bare_outcome_headers(tmp_path):
    # "Liczba połączeń" (number of calls), "Odebrane", "Nieodebrane", "Średni czas obsługi"
    # (handle time) beside a service level ("Poziom obsługi") that is no time.
    lines = ["Dzień;Przedział;Kolejka;Liczba połączeń;Odebrane;Nieodebrane;"
             "Średni czas obsługi;Poziom obsługi (%)"]  # fmt: skip
    for day in range(3):
        for slot in range(16):
            t = MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            end = t + dt.timedelta(minutes=30)
            for queue, base in (("Infolinia", 10), ("Reklamacje", 4)):
                calls = base + slot % 3
                lines.append(
                    f"{t:%Y-%m-%d};{t:%H:%M}-{end:%H:%M};{queue};{calls};{calls - 1};1;"
                    f"{clock(200 + slot)};{85 + slot % 10},5"
                )
    result = import_files_detailed([write(tmp_path, "infolinia.csv", _text(lines))])
    columns = result.files[0].columns
    assert (columns["volume"], columns["aht"]) == ("Liczba połączeń", "Średni czas obsługi")
    assert (columns["answered"], columns["abandoned"]) == ("Odebrane", "Nieodebrane")
    assert contacts_per_queue(result) == {"Infolinia": 525.0, "Reklamacje": 237.0}
    assert at(result.dataset, "2024-03-05 10:00", "Infolinia")[schema.AHT_SECONDS] == 204


def _polish_call_log() -> str:
    labels = ["Odebrane", "Odebrane", "Nieodebrane", "Odebrane", "Porzucone"]
    lines = ["Data i godzina;Numer dzwoniącego;Kolejka;Status;Czas oczekiwania;Czas rozmowy;"
             "Konsultant"]  # fmt: skip
    for n in range(200):
        talk = 60 + n * 7 % 300 if n % 5 in SERVED else 0
        lines.append(
            f"{spread_arrival(n):%Y-%m-%d %H:%M:%S};+48 600 {n:06d};"
            f"{['Obsługa', 'Sprzedaż'][n % 2]};{labels[n % 5]};{clock(5 + n % 30)};"
            f"{clock(talk)};{'Anna' if talk else ''}"
        )
    return _text(lines)


def test_polish_call_outcomes_are_read(tmp_path):
    # Before: "Nieodebrane" (unanswered) and "Porzucone" (abandoned) were no outcome, and no
    # queue, talk time or wait was found.
    result = import_files_detailed([write(tmp_path, "polaczenia.csv", _polish_call_log())])
    columns = result.files[0].columns
    assert (columns["queue"], columns["outcome"]) == ("Kolejka", "Status")
    assert (columns["handle"], columns["wait"]) == ("Czas rozmowy", "Czas oczekiwania")
    assert contacts_per_queue(result) == {"Obsługa": 100.0, "Sprzedaż": 100.0}
    assert _outcomes(result) == (120.0, 80.0)
    assert answered_weighted_aht(result) == pytest.approx(
        np.mean([60 + n * 7 % 300 for n in range(200) if n % 5 in SERVED])
    )
    assert note_with(result.dataset, "outcome 'Status':") == (
        "polaczenia.csv: outcome 'Status': Odebrane -> answered (120), Nieodebrane -> abandoned "
        "(40), Porzucone -> abandoned (40)."
    )


@pytest.mark.parametrize(
    ("label", "outcome"),
    [("Połączenie odebrane", ANSWERED), ("Połączenie nieodebrane", ABANDONED),
     ("Nie odebrano", ABANDONED), ("Utracone", ABANDONED), ("Odebrany", ANSWERED)],
)  # fmt: skip
def test_polish_outcome_labels(label, outcome):
    # Before: every one of them was an outcome the importer did not know.
    assert classify_label(label) == outcome


def _windows_1250_call_log() -> bytes:
    """A Polish Windows export: 250 calls, every tenth one outgoing."""
    labels = ["Odebrane", "Odebrane", "Nieodebrane", "Odebrane", "Nie odebrano"]
    lines = ["Data rozpoczęcia;Kierunek;Numer;Grupa;Wynik;Czas trwania;Konsultant"]
    for n in range(250):
        talk = 60 + n if n % 5 in SERVED else 0
        lines.append(
            f"{spread_arrival(n):%d.%m.%Y %H:%M:%S};"
            f"{'Wychodzące' if n % 10 == 7 else 'Przychodzące'};+48 600 {n:06d};"
            f"{['Obsługa klienta', 'Sprzedaż'][n % 2]};{labels[n % 5]};{clock(talk)};"
            f"{'Anna' if talk else ''}"
        )
    return _text(lines).encode("cp1250")


def test_a_windows_1250_export_keeps_its_letters_and_directions(tmp_path):
    # Before: read as Windows-1252, the queues were "Obs³uga klienta" and "Sprzeda¿", and the
    # direction "Przychodz¹ce" was unreadable, so the 25 outgoing calls were counted as demand.
    path = tmp_path / "rejestr.csv"
    path.write_bytes(_windows_1250_call_log())
    result = import_files_detailed([path])
    assert result.files[0].columns["direction"] == "Kierunek"
    assert result.files[0].columns["timestamp"] == "Data rozpoczęcia"
    assert contacts_per_queue(result) == {"Obsługa klienta": 125.0, "Sprzedaż": 100.0}
    assert _outcomes(result) == (150.0, 75.0)
    assert note_with(result.dataset, "left out") == (
        "rejestr.csv: 25 row(s) with 'Kierunek' = Wychodzące left out: only inbound contacts are "
        "demand to forecast."
    )
    assert note_with(result.dataset, "outcome 'Wynik':") == (
        "rejestr.csv: outcome 'Wynik': Odebrane -> answered (150), Nie odebrano -> abandoned "
        "(50), Nieodebrane -> abandoned (25)."
    )


def test_guard_a_western_windows_export_stays_windows_1252(tmp_path):
    # Spanish "¿" opens a word and "ñ", "é" are letters in Windows-1252: no Central European text.
    lines = ["Fecha;Cola;Llamadas;¿Resuelto?"] + [
        f"{t:%d/%m/%Y %H:%M};{['Atención', 'Señales'][n % 2]};{10 + n % 7};Sí"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "llamadas.csv", _text(lines), "cp1252")])
    assert "cp1252" in note_with(result.dataset, "rows read as")
    assert contacts_per_queue(result) == {"Atención": 309.0, "Señales": 312.0}


# --- 12-hour clocks in other languages ----------------------------------------------------------


def _spanish_half_day(hour: int, gap: str) -> str:
    return f"a.{gap}m." if hour < 12 else f"p.{gap}m."


@pytest.mark.parametrize("gap", [" ", "\u00a0"], ids=["space", "no-break space"])
def test_spanish_a_m_p_m_in_a_date_time(tmp_path, gap):
    # Before: "04/03/2024 01:30 p. m." was no date-time ("no column with dates or timestamps").
    lines = ["Fecha y hora;Cola;Llamadas"] + [
        f"{t:%d/%m/%Y %I:%M}{gap}{_spanish_half_day(t.hour, gap)};Ventas;{10 + n % 7}"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "ventas.csv", _text(lines))])
    assert result.files[0].columns["timestamp"] == "Fecha y hora"
    assert result.contacts == 621
    assert at(result.dataset, "2024-03-05 13:30")[schema.VOLUME] == 10 + 27 % 7
    assert result.last_interval == dt.datetime(2024, 3, 6, 15, 30)


def test_spanish_a_m_p_m_in_a_time_column(tmp_path):
    # Before: 'Hora' ("01:30 p. m.") was not read as clock times: the file was refused.
    lines = ["Fecha;Hora;Cola;Llamadas"] + [
        f"{t:%d/%m/%Y};{t:%I:%M} {_spanish_half_day(t.hour, ' ')};Ventas;{10 + n % 7}"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "ventas.csv", _text(lines))])
    assert result.files[0].columns["time"] == "Hora"
    assert result.contacts == 621
    assert at(result.dataset, "2024-03-04 12:00")[schema.VOLUME] == 10 + 8 % 7


def test_a_chinese_half_day_before_the_clock(tmp_path):
    # Before: "2024/3/4 下午 1:30:00" (Chinese Windows' 12-hour clock) was no date-time.
    lines = ["Date,Queue,Calls"] + [
        f"{t.year}/{t.month}/{t.day} {'上午' if t.hour < 12 else '下午'} "
        f"{t.hour % 12 or 12}:{t:%M}:00,Sales,{10 + n % 7}"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.files[0].columns["timestamp"] == "Date"
    assert result.contacts == 621
    assert at(result.dataset, "2024-03-06 13:30")[schema.VOLUME] == 10 + 43 % 7


def test_a_korean_half_day_in_a_time_column(tmp_path):
    lines = ["Date,Time,Queue,Calls"] + [
        f"{t:%Y-%m-%d},{'오전' if t.hour < 12 else '오후'} {t.hour % 12 or 12}:{t:%M},Sales,"
        f"{10 + n % 7}"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    assert result.files[0].columns["time"] == "Time"
    assert at(result.dataset, "2024-03-04 15:30")[schema.VOLUME] == 10 + 15 % 7


# --- An hour of the day as a whole number, in other languages ------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Fecha;Hora;Cola;Llamadas recibidas",
        "Data;Hora;Fila;Chamadas recebidas",
        "Date;Heure;File;Appels reçus",
        "Datum;Stunde;Warteschlange;Angeboten",
        "Datum;Uur;Wachtrij;Aangeboden",
        "Data;Godzina;Kolejka;Połączenia przychodzące",
    ],
    ids=["es", "pt", "fr", "de", "nl", "pl"],
)
def test_an_hour_number_under_a_foreign_hour_header(tmp_path, header):
    # Before: only "Hour", "Ora" and "Orario" allowed whole hours (8, 9 ... 17): "no column
    # gives their time of day", the file was refused.
    lines = [header] + [
        f"{MONDAY + dt.timedelta(days=day):%d/%m/%Y};{hour};Q1;{hour + 1}"
        for day in range(5)
        for hour in range(8, 18)
    ]
    result = import_files_detailed([write(tmp_path, "ore.csv", _text(lines))])
    report = result.files[0]
    assert (report.interval_minutes, report.columns["time"]) == (60, header.split(";")[1])
    assert result.contacts == 675
    assert at(result.dataset, "2024-03-06 17:00")[schema.VOLUME] == 18


# --- A summary table below a blank line -----------------------------------------------------------


def _interval_lines() -> list[str]:
    return ["Interval,Queue,Calls"] + [
        f"{t:%Y-%m-%d %H:%M},{['Sales', 'Support'][n % 2]},{10 + n % 7}"
        for n, t in enumerate(SLOTS)
    ]


def test_a_summary_table_as_wide_as_the_data_is_skipped(tmp_path):
    # Before: refused, "column 'Interval' has 3 value(s) that are not readable dates/times
    # (line 50: 'Queue'; ...)": a summary block as wide as the header was taken for data.
    lines = [*_interval_lines(), "", "Queue,Calls,Answered", "Sales,309,290", "Support,312,300"]
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines))])
    assert contacts_per_queue(result) == {"Sales": 309.0, "Support": 312.0}
    assert note_with(result.dataset, "summary block") == (
        "report.csv: lines 51–53 after the blank line are a summary block, not read "
        "('Queue,Calls,Answered'; 'Sales,309,290')."
    )


def test_guard_rows_with_dates_below_a_blank_line_are_data(tmp_path):
    lines = _interval_lines()
    lines = [*lines[:25], "", *lines[25:]]  # a blank line in the middle of the table
    lines = [f"{line.split(',')[1]},{line.split(',')[0]},{line.split(',')[2]}" if line else ""
             for line in lines]  # fmt: skip
    result = import_files_detailed([write(tmp_path, "report.csv", _text(lines))])
    assert contacts_per_queue(result) == {"Sales": 309.0, "Support": 312.0}


# --- Layouts that already import right ----------------------------------------------------------


def test_a_date_with_an_hour_number(tmp_path):
    lines = ["Date,Hour,Queue,Calls Offered,Calls Answered,Calls Abandoned"]
    for day in range(5):
        for hour in range(8, 18):
            for queue, base in (("Sales", 10), ("Support", 20)):
                date = MONDAY + dt.timedelta(days=day)
                lines.append(f"{date:%Y-%m-%d},{hour},{queue},{base + hour},{base + hour - 1},1")
    result = import_files_detailed([write(tmp_path, "hourly.csv", _text(lines))])
    assert result.files[0].interval_minutes == 60
    assert result.files[0].columns["time"] == "Hour"
    assert contacts_per_queue(result) == {"Sales": 1125.0, "Support": 1625.0}
    assert _outcomes(result) == (2650.0, 100.0)


def test_excel_unicode_text_utf16_with_tabs(tmp_path):
    lines = ["Interval\tQueue\tOffered\tAnswered\tAbandoned\tAHT"] + [
        f"{t:%d/%m/%Y %H:%M}\t{['Sales', 'Support'][n % 2]}\t{10 + n % 7}\t{9 + n % 7}\t1\t{200 + n}"
        for n, t in enumerate(SLOTS)
    ]
    result = import_files_detailed([write(tmp_path, "report.txt", _text(lines), "utf-16")])
    assert "tab-separated, utf-16" in note_with(result.dataset, "rows read as")
    assert contacts_per_queue(result) == {"Sales": 309.0, "Support": 312.0}
    assert _outcomes(result) == (573.0, 48.0)


def test_vendor_layout_liveagent_calls(tmp_path):
    header = "ID,Ticket ID,Department,Agent,Direction,Status,Created,Answered,Ended,Waiting time,"
    lines = [header + "Call duration,Ringing time,Phone number"]
    for n in range(200):
        t, served = spread_arrival(n), n % 5 in SERVED
        talk = 90 + n if served else 0
        answered = f"{t + dt.timedelta(seconds=15):%Y-%m-%d %H:%M:%S}" if served else ""
        lines.append(
            f"c{n:05d},t{n},{['Support', 'Sales'][n % 2]},{'Eva' if served else ''},incoming,"
            f"{'answered' if served else 'missed'},{t:%Y-%m-%d %H:%M:%S},{answered},"
            f"{t + dt.timedelta(seconds=15 + talk):%Y-%m-%d %H:%M:%S},15,{talk},15,+421900{n:06d}"
        )
    result = import_files_detailed([write(tmp_path, "calls.csv", _text(lines))])
    columns = result.files[0].columns
    assert (columns["timestamp"], columns["queue"]) == ("Created", "Department")
    assert (columns["handle"], columns["wait"]) == ("Call duration", "Waiting time")
    assert contacts_per_queue(result) == {"Sales": 100.0, "Support": 100.0}
    assert _outcomes(result) == (120.0, 80.0)
    assert answered_weighted_aht(result) == pytest.approx(
        np.mean([90 + n for n in range(200) if n % 5 in SERVED])
    )
