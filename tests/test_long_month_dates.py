"""Dates written with a month name, long or abbreviated, in the languages the importer reads
(German, French, Spanish, English, Italian), as exports and spreadsheets write them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed
from data.timestamps import DATE_FORMATS, DATETIME_FORMATS, detect_format, parse_timestamps
from tests.import_support import write

_GERMAN = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
_GERMAN_SHORT = "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez."
_FRENCH = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_FRENCH_PLAIN = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
)
_FRENCH_SHORT = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."  # Excel's "mmm"
_SPANISH = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
_SPANISH_SHORT = "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic."
_ENGLISH = "January February March April May June July August September October November December"
_ITALIAN = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
_ITALIAN += "dicembre"
_FRENCH_DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
_ITALIAN_DAYS = "lunedì martedì mercoledì giovedì venerdì sabato domenica".split()


def _month(names: str, day: dt.date) -> str:
    return names.split()[day.month - 1]


# Each form: how it writes a day, and the Monday its four weeks of history start on (crossing
# a month end, so a month read wrongly moves the dates).
FORMS = {
    "de_long": (lambda d: f"{d.day}. {_month(_GERMAN, d)} {d.year}", dt.date(2026, 7, 27)),
    "de_short": (
        lambda d: f"{d.day:02d}. {_month(_GERMAN_SHORT, d)} {d.year}",
        dt.date(2026, 7, 27),
    ),
    "de_maerz": (lambda d: f"{d.day}. {_month(_GERMAN, d)} {d.year}", dt.date(2026, 2, 23)),
    "de_maerz_ascii": (
        lambda d: f"{d.day}. {_month(_GERMAN, d).replace('ä', 'ae')} {d.year}",
        dt.date(2026, 2, 23),
    ),
    "de_marz_lost_accent": (
        lambda d: f"{d.day}. {_month(_GERMAN, d).replace('ä', 'a')} {d.year}",
        dt.date(2026, 2, 23),
    ),
    "fr_long": (lambda d: f"{d.day} {_month(_FRENCH, d)} {d.year}", dt.date(2026, 7, 27)),
    "fr_no_accents": (
        lambda d: f"{d.day} {_month(_FRENCH_PLAIN, d)} {d.year}",
        dt.date(2026, 7, 27),
    ),
    "fr_weekday": (
        lambda d: f"{_FRENCH_DAYS[d.weekday()]} {d.day} {_month(_FRENCH, d)} {d.year}",
        dt.date(2026, 7, 27),
    ),
    "fr_dashes": (
        lambda d: f"{d.day:02d}-{_month(_FRENCH_SHORT, d)}-{d.year}",
        dt.date(2026, 7, 27),
    ),
    "es_long": (lambda d: f"{d.day} de {_month(_SPANISH, d)} de {d.year}", dt.date(2026, 7, 27)),
    "es_short": (lambda d: f"{d.day} {_month(_SPANISH_SHORT, d)} {d.year}", dt.date(2026, 7, 27)),
    "en_month_first": (
        lambda d: f"{_month(_ENGLISH, d)} {d.day}, {d.year}",
        dt.date(2026, 7, 27),
    ),
    "en_day_first": (lambda d: f"{d.day} {_month(_ENGLISH, d)} {d.year}", dt.date(2026, 7, 27)),
    "it_long": (lambda d: f"{d.day} {_month(_ITALIAN, d)} {d.year}", dt.date(2026, 7, 27)),
    "it_weekday": (
        lambda d: f"{_ITALIAN_DAYS[d.weekday()]} {d.day} {_month(_ITALIAN, d)} {d.year}",
        dt.date(2026, 7, 27),
    ),
}
HEADERS = {  # (date, time, volume) in the form's language; a timestamp column under the time's
    "de": ("Datum", "Uhrzeit", "Angebotene Anrufe"),
    "fr": ("Date", "Heure", "Appels reçus"),
    "es": ("Fecha", "Hora", "Llamadas recibidas"),
    "en": ("Date", "Interval", "Calls offered"),
    "it": ("Data", "Ora", "Chiamate"),
}
WEEKS, SLOTS = 4, 4  # weekdays of four weeks, half hours from 08:00 to 09:30


def _history(form: str, clock_apart: bool) -> tuple[str, list[dt.datetime], int]:
    """A semicolon-separated interval export written with `form`'s dates (the clock in its own
    column or after the date), its interval starts and its total contacts."""
    written, monday = FORMS[form]
    date, time, volume = HEADERS[form[:2]]
    lines = [f"{date};{time};{volume}" if clock_apart else f"{time};{volume}"]
    starts, total = [], 0
    days = [monday + dt.timedelta(days=n) for n in range(7 * WEEKS)]
    for index, day in enumerate(d for d in days if d.weekday() < 5):
        for slot in range(SLOTS):
            start = dt.datetime(day.year, day.month, day.day, 8) + dt.timedelta(minutes=30 * slot)
            calls = 3 + (7 * index + 5 * slot) % 11
            clock = start.strftime("%H:%M")
            lines.append(
                f"{written(day)};{clock};{calls}"
                if clock_apart
                else f"{written(day)} {clock};{calls}"
            )
            starts.append(start)
            total += calls
    return "\n".join(lines) + "\n", starts, total


@pytest.mark.parametrize("clock_apart", [True, False], ids=["date_and_time", "timestamp"])
@pytest.mark.parametrize("form", list(FORMS))
def test_month_name_dates_import(tmp_path, form, clock_apart):
    text, starts, total = _history(form, clock_apart)
    result = import_files_detailed([write(tmp_path, f"{form}.csv", text)])
    dataset = result.dataset
    frame = dataset.intervals
    read = frame[frame[schema.VOLUME] > 0]  # the closed slots around are filled with 0
    assert dataset.interval_minutes == 30
    assert read[schema.INTERVAL_START].min() == pd.Timestamp(starts[0])
    assert read[schema.INTERVAL_START].max() == pd.Timestamp(starts[-1])
    assert sorted(read[schema.INTERVAL_START]) == [pd.Timestamp(s) for s in starts]
    assert read[schema.VOLUME].sum() == total


def test_the_probe_export_shape_reads(tmp_path):
    # Puzzel's German interval report: "3. August 2026" under "Datum", comma decimals, cp1252.
    lines = ["Datum;Intervall;Warteschlange;Angebotene Anrufe;Ø Bearbeitungszeit (Sek.)"]
    for day in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14):
        for hour in (8, 9):
            lines.append(f"{day}. August 2026;{hour:02d}:00;Kundenservice;{day + hour};220,0")
    text = "\n".join(lines) + "\n"
    dataset = import_files_detailed([write(tmp_path, "puzzel.csv", text, "cp1252")]).dataset
    frame = dataset.intervals
    frame = frame[frame[schema.VOLUME] > 0]
    assert frame[schema.INTERVAL_START].min() == pd.Timestamp("2026-08-03 08:00")
    assert frame[schema.INTERVAL_START].max() == pd.Timestamp("2026-08-14 09:00")
    assert frame[schema.VOLUME].sum() == sum(
        day + hour for day in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14) for hour in (8, 9)
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("3. August 2026", "2026-08-03"),
        ("03. Aug. 2026", "2026-08-03"),
        ("3. März 2026", "2026-03-03"),
        ("3. Maerz 2026", "2026-03-03"),
        ("3. Marz 2026", "2026-03-03"),
        ("Montag, 3. August 2026", "2026-08-03"),
        ("3. Okt. 2026", "2026-10-03"),
        ("3. Dez. 2026", "2026-12-03"),
        ("3 août 2026", "2026-08-03"),
        ("3 aout 2026", "2026-08-03"),
        ("lundi 3 août 2026", "2026-08-03"),
        ("03-août-2026", "2026-08-03"),
        ("03-févr.-2026", "2026-02-03"),
        ("1er août 2026", "2026-08-01"),
        ("3 déc. 2026", "2026-12-03"),
        ("3 de agosto de 2026", "2026-08-03"),
        ("lunes, 3 de agosto de 2026", "2026-08-03"),
        ("3 ago. 2026", "2026-08-03"),
        ("3 sept. 2026", "2026-09-03"),
        ("August 3, 2026", "2026-08-03"),
        ("Monday, August 3, 2026", "2026-08-03"),
        ("August 3rd, 2026", "2026-08-03"),
        ("3 August 2026", "2026-08-03"),
        ("3 Sept 2026", "2026-09-03"),
        ("3 agosto 2026", "2026-08-03"),
        ("lunedì 3 agosto 2026", "2026-08-03"),
        ("3 ago 2026", "2026-08-03"),
        ("3 GIUGNO 2026", "2026-06-03"),
    ],
)
def test_month_name_date_values(value, expected):
    fmt = detect_format([value], DATE_FORMATS)
    assert fmt is not None
    seconds = parse_timestamps(pa.array([value]), fmt)
    assert pd.Timestamp(seconds[0], unit="s") == pd.Timestamp(expected)
    clocked = f"{value} 08:30"
    fmt = detect_format([clocked], DATETIME_FORMATS)
    assert fmt is not None
    seconds = parse_timestamps(pa.array([clocked]), fmt)
    assert pd.Timestamp(seconds[0], unit="s") == pd.Timestamp(f"{expected} 08:30")


@pytest.mark.parametrize(
    "value", ["3. Augustis 2026", "3 Agosta 2026", "3. Aug 2026x", "32. August 2026", "3 de 2026"]
)
def test_wrong_month_name_values_do_not_read(value):
    assert detect_format([value], DATETIME_FORMATS + DATE_FORMATS) is None
    for fmt in ("%d %b %Y", "%d-%b-%Y", "%b %d, %Y"):
        assert np.isnan(parse_timestamps(pa.array([value]), fmt)[0])


def test_a_wrong_month_name_is_named_with_its_column(tmp_path):
    text, _, _ = _history("de_long", clock_apart=True)
    lines = text.splitlines()
    assert lines[21].startswith("3. August 2026;08:00")  # lines 2-21: 27-31 July
    lines[21] = lines[21].replace("August", "Augustis")
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "falsch.csv", "\n".join(lines) + "\n")])
    message = str(refused.value)
    assert "column 'Datum'" in message
    assert "line 22: '3. Augustis 2026'" in message


def test_a_column_of_unknown_month_names_is_no_date_column(tmp_path):
    text = "Datum;Uhrzeit;Anrufe\n" + "".join(
        f"{day}. Augustis 2026;{hour:02d}:00;{day}\n" for day in range(3, 8) for hour in (8, 9)
    )
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "falsch.csv", text)])
    message = str(refused.value)
    assert "no column with dates or timestamps was found" in message
    assert "Datum (e.g. '3. Augustis 2026')" in message
