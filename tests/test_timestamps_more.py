"""More ways exports write a date and its clock: a month name and day without the comma before the
year ("August 3 2026 08:30"), and a word for "at" before the clock ("3. August 2026 um 08:30",
"03.08.2026 um 08:30", "August 3, 2026 at 8:30 AM")."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from import_support import write

from data import schema
from data.importer import import_files_detailed
from data.timestamps import DATE_FORMATS, DATETIME_FORMATS, detect_format, parse_timestamps

_ENGLISH = "January February March April May June July August September October November December"
_GERMAN = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"


def _month(names: str, moment: dt.datetime) -> str:
    return names.split()[moment.month - 1]


# How each form writes an arrival; the weeks cross a month end, so a month read wrongly moves
# the dates.
FORMS = {
    "en_no_comma": lambda m: f"{_month(_ENGLISH, m)} {m.day} {m.year} {m:%H:%M}",
    "en_short_no_comma_12h": lambda m: f"{m:%b} {m.day} {m.year} {m:%I:%M %p}",
    "en_at": lambda m: f"{_month(_ENGLISH, m)} {m.day}, {m.year} at {m:%I:%M %p}",
    "de_long_um": lambda m: f"{m.day}. {_month(_GERMAN, m)} {m.year} um {m:%H:%M}",
    "de_numeric_um": lambda m: f"{m:%d.%m.%Y} um {m:%H:%M}",
    "de_um_uhr": lambda m: f"{m:%d.%m.%Y} um {m:%H:%M} Uhr",
}


def _arrivals(seed: int, count: int) -> list[dt.datetime]:
    """Sorted arrivals 08:00-18:00 on the weekdays of two weeks from Monday 2026-07-27."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 10, count)
    days = days + 2 * (days // 5)
    minutes = rng.integers(8 * 60, 18 * 60, count)
    monday = dt.datetime(2026, 7, 27)
    return sorted(
        monday + dt.timedelta(days=int(d), minutes=int(m))
        for d, m in zip(days, minutes, strict=True)
    )


@pytest.mark.parametrize("form", list(FORMS))
def test_a_call_log_with_such_dates_imports(tmp_path, form):
    arrivals = _arrivals(7, 500)
    lines = ["Call start;Queue;Talk time"]
    lines += [f"{FORMS[form](moment)};Support;{120 + n % 90}" for n, moment in enumerate(arrivals)]
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    frame = result.dataset.intervals
    assert result.files[0].columns["timestamp"] == "Call start"
    assert frame[schema.VOLUME].sum() == 500
    by_slot = frame.set_index(schema.INTERVAL_START)[schema.VOLUME]
    expected = (
        pd.Series(1.0, index=pd.DatetimeIndex(arrivals))
        .groupby(lambda moment: moment.floor("15min"))
        .sum()
    )
    assert by_slot[by_slot > 0].to_dict() == expected.to_dict()
    # The first and last days are the generator's: a month and day swapped would move them.
    assert frame[schema.INTERVAL_START].min() == pd.Timestamp("2026-07-27")
    assert frame[schema.INTERVAL_START].max() == pd.Timestamp("2026-08-07 23:45")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("August 3 2026 08:30", "2026-08-03 08:30"),
        ("Aug 3 2026 8:30 PM", "2026-08-03 20:30"),
        ("Aug. 13 2026 08:30:15", "2026-08-13 08:30:15"),
        ("Monday, August 3 2026 08:30", "2026-08-03 08:30"),
        ("August 3, 2026 at 8:30 AM", "2026-08-03 08:30"),
        ("3. August 2026 um 08:30", "2026-08-03 08:30"),
        ("03.08.2026 um 08:30", "2026-08-03 08:30"),
        ("3. März 2026 um 8:05 Uhr", "2026-03-03 08:05"),
        ("Montag, 3. August 2026 um 17:45", "2026-08-03 17:45"),
        ("3 août 2026 à 08:30", "2026-08-03 08:30"),
        ("3 de agosto de 2026 a las 08:30", "2026-08-03 08:30"),
        ("3 agosto 2026 alle 08:30", "2026-08-03 08:30"),
    ],
)
def test_date_and_clock_values(value, expected):
    fmt = detect_format([value], DATETIME_FORMATS)
    assert fmt is not None
    seconds = parse_timestamps(pa.array([value]), fmt)
    assert pd.Timestamp(seconds[0], unit="s") == pd.Timestamp(expected)


@pytest.mark.parametrize(
    ("value", "expected"), [("August 3 2026", "2026-08-03"), ("Sept 30 2026", "2026-09-30")]
)
def test_a_month_name_and_day_without_the_comma_is_a_date(value, expected):
    fmt = detect_format([value], DATE_FORMATS)
    assert fmt is not None
    seconds = parse_timestamps(pa.array([value]), fmt)
    assert pd.Timestamp(seconds[0], unit="s") == pd.Timestamp(expected)


@pytest.mark.parametrize(
    "value",
    ["August 32 2026 08:30", "Augustis 3 2026 08:30", "03.08.2026 um 25:30", "3 2026 08:30"],
)
def test_wrong_values_still_do_not_read(value):
    assert detect_format([value], DATETIME_FORMATS) is None
