"""Property test of the reader: random small interval exports round-trip their totals and times."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

HEADERS = {
    # language -> (timestamp column(s), count column, note column)
    "english": (["timestamp"], "calls", "note"),
    "italian": (["data e ora"], "chiamate", "nota"),
    "english split": (["date", "time"], "volume", "comment"),
    "italian split": (["data", "ora"], "chiamate", "nota"),
}


@st.composite
def exports(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    decimal_comma = delimiter == ";" and draw(st.booleans())
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    language = draw(st.sampled_from(sorted(HEADERS)))
    day_first = draw(st.booleans())
    with_seconds = draw(st.booleans())
    step = draw(st.sampled_from([5, 15, 30, 60]))
    count = draw(st.integers(min_value=2, max_value=60))
    start = draw(st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2035, 1, 1)))
    start = start.replace(
        minute=start.minute // step * step if step < 60 else 0, second=0, microsecond=0
    )
    halves = decimal_comma or (delimiter != ";" and draw(st.booleans()))
    values = draw(st.lists(st.integers(0, 2000), min_size=count, max_size=count))
    volumes = [value / 2 if halves else float(value) for value in values]
    # Italian/German Excel groups thousands with dots: 1250 contacts written "1.250".
    grouped = not halves and delimiter != "," and draw(st.booleans())
    notes = draw(
        st.lists(
            st.sampled_from(["ok", "caffè", "attività", "ritardo"]), min_size=count, max_size=count
        )
    )
    return (
        delimiter,
        decimal_comma,
        encoding,
        language,
        day_first,
        with_seconds,
        step,
        start,
        volumes,
        notes,
        grouped,
    )


def render(export) -> tuple[bytes, list[dt.datetime]]:
    (
        delimiter,
        decimal_comma,
        encoding,
        language,
        day_first,
        with_seconds,
        step,
        start,
        volumes,
        notes,
        grouped,
    ) = export
    time_columns, count_column, note_column = HEADERS[language]
    date_format = "%d/%m/%Y" if day_first else "%Y-%m-%d"
    clock_format = "%H:%M:%S" if with_seconds else "%H:%M"
    stamps = [start + dt.timedelta(minutes=step * index) for index in range(len(volumes))]
    lines = [delimiter.join([*time_columns, count_column, note_column])]
    for stamp, volume, note in zip(stamps, volumes, notes, strict=True):
        number = f"{volume:g}".replace(".", ",") if decimal_comma else f"{volume:g}"
        if grouped:
            number = f"{int(volume):,}".replace(",", ".")
        if len(time_columns) == 2:
            clock = f"{stamp.hour}:{stamp.minute:02d}"  # exports often drop the leading zero
            moment = [stamp.strftime(date_format), clock + (":00" if with_seconds else "")]
        else:
            moment = [stamp.strftime(f"{date_format} {clock_format}")]
        lines.append(delimiter.join([*moment, number, note]))
    return ("\r\n".join(lines) + "\r\n").encode(encoding), stamps


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_random_interval_exports_round_trip(export):
    raw, stamps = render(export)
    step, volumes = export[6], export[8]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(raw)
        result = import_files_detailed([path])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS
    assert dataset.interval_minutes == step
    assert result.rows == len(volumes)
    frame = dataset.intervals.set_index(schema.INTERVAL_START)
    assert frame[schema.VOLUME].sum() == pytest.approx(sum(volumes))
    assert frame.loc[pd.DatetimeIndex(stamps), schema.VOLUME].tolist() == volumes
    assert result.first_interval == pd.Timestamp(stamps[0])
    assert result.last_interval == pd.Timestamp(stamps[-1])


CELLS = st.one_of(
    st.sampled_from(
        ["2024-03-04 08:00", "04/03/2024", "8:15", "12", "-3", "1,5", "abc", "", "Totale",
         "990201", "7:02:47", "AGENT", "HANG", "2024-03-04T08:00:00+01:00", "0:03:00", "x;y",
         "Inbound", "Outbound", "1.250", "YES", "NO", "8:00 AM", "08-09", "1709539200",
         "2024-03-04T08:00:00Z", "3/4/24 8:00"]
    ),
    st.text(max_size=6),
)  # fmt: skip
HEADER_WORDS = st.sampled_from(
    ["timestamp", "calls", "data", "ora", "chiamate", "queue", "outcome", "durata", "attesa",
     "date", "time", "n", "", "id", "coda", "esito", "08:00", "08:30", "09:00", "09:30",
     "04/03/2024", "05/03/2024", "Answered", "Abandoned", "Direction", "AHT (min)", "Offered",
     "Total"]
)  # fmt: skip


@st.composite
def messy_files(draw) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 6))
    header = [draw(HEADER_WORDS) for _ in range(width)]
    rows = draw(st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=8))
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    return text.encode(draw(st.sampled_from(["utf-8", "latin-1"])), errors="replace")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_files())
@example(raw=b"timestamp\n\n:,0")  # a "summary block" below a blank line that is the header
def test_any_messy_file_imports_or_gets_an_input_error_never_a_crash(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "messy.csv"
        path.write_bytes(raw)
        try:
            dataset = import_files_detailed([path]).dataset
        except InputError as error:
            assert str(error).startswith("messy.csv: ")
            return
    assert list(dataset.intervals.columns) == schema.INTERVAL_COLUMNS
