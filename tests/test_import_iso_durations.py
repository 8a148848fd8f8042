"""Handle times written as ISO 8601 durations ("PT5M40S"), and a handle-time column whose values
read as no duration, which is named instead of silently left out."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from import_support import note_with, write

from data import schema
from data.importer import import_files
from data.timestamps import parse_duration


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("PT5M40S", 340),
        ("P0DT0H5M40S", 340),
        ("PT1H", 3600),
        ("PT1H2M3S", 3723),
        ("pt5m40.5s", 340.5),
        ("PT45S", 45),
        ("P1D", 86_400),
        ("PT0S", 0),
    ],
)
def test_iso_8601_durations_read_as_seconds(written, seconds):
    assert parse_duration(pa.array([written]), decimal_comma=False)[0] == seconds


@pytest.mark.parametrize("written", ["P", "PT", "PTS", "P5M40S ", "PT5X"])
def test_what_is_no_iso_duration_stays_unread(written):
    # "P5M40S" is five months: no handle time, and not read as one.
    assert np.isnan(parse_duration(pa.array([written.strip() + "X"]), decimal_comma=False)[0])


def test_a_call_log_with_iso_durations_gives_each_interval_its_handle_time(tmp_path):
    written = ["PT5M40S", "PT1H2M3S", "PT45S", "P0DT0H3M0S"]
    lines = ["Start Time,Queue,Handle Time"] + [
        f"2026-08-03 08:{15 * k + 3:02d},Sales,{value}" for k, value in enumerate(written)
    ]
    dataset = import_files([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    frame = dataset.intervals
    assert frame.loc[frame[schema.VOLUME] > 0, schema.AHT_SECONDS].tolist() == [340, 3723, 45, 180]


def test_a_handle_time_column_of_no_durations_is_named(tmp_path):
    text = (
        "Start Time,Queue,Handle Time\n"
        "2026-08-03 08:05,Sales,n/a\n2026-08-03 08:20,Sales,pending\n2026-08-03 08:30,Sales,120\n"
    )
    dataset = import_files([write(tmp_path, "log.csv", text)])
    note = note_with(dataset, "'Handle Time' was not read as the handle time")
    assert "2 of 3 sampled values are no duration (e.g. 'n/a', 'pending')" in note


def test_a_readable_handle_time_column_gets_no_such_note(tmp_path):
    text = "Start Time,Queue,Handle Time\n2026-08-03 08:05,Sales,PT2M\n2026-08-03 08:20,Sales,95\n"
    dataset = import_files([write(tmp_path, "log.csv", text)])
    assert not any("was not read as the handle time" in note for note in dataset.notes)
