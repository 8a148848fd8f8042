"""Durations written "04:33" read as minutes:seconds or hours:minutes by the column as a whole,
waits in the unit of the same file's handle time, and outcomes read from business dispositions,
from a call type column, or left unknown when the outcome column says nothing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import at, half_hours, note_with, write

from data import schema
from data.importer import import_files, import_files_detailed
from data.outcomes import ABANDONED, ANSWERED, OTHER, classify_outcomes
from data.timestamps import parse_duration, two_field_reading


def clock(seconds: int, hours_minutes: bool = False) -> str:
    """Two zero-padded fields: minutes:seconds, or hours:minutes of `seconds` whole minutes."""
    if hours_minutes:
        return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def interval_report(header: str, cells, days: int = 5) -> str:
    """An interval report: `cells(slot)` gives each row's cells after the interval start."""
    lines = [header]
    for slot, start in enumerate(half_hours(days)):
        lines.append(f"{start:%Y-%m-%d %H:%M},{cells(slot)}")
    return "\n".join(lines) + "\n"


# --- durations written with two fields --------------------------------------------------------


def test_zero_padded_minutes_and_seconds_are_read_so_with_a_note(tmp_path):
    rng = np.random.default_rng(7)
    handle = rng.integers(240, 330, size=80)
    wait = rng.integers(5, 40, size=80)
    text = interval_report(
        "Interval,Offered,Answered,AHT,ASA",
        lambda slot: f"30,29,{clock(handle[slot])},{clock(wait[slot])}",
    )
    dataset = import_files([write(tmp_path, "acd.csv", text)])
    first = at(dataset, "2024-03-04 08:00")
    assert first.aht_seconds == handle[0]  # 04:xx is minutes and seconds, not 4 hours
    assert first.wait_seconds == wait[0]
    assert dataset.intervals[schema.AHT_SECONDS].max() < 330
    note = note_with(dataset, "'AHT' holds durations written with two fields")
    assert f"(e.g. '{clock(handle[0])}'): read as minutes:seconds" in note
    assert "read as hours:minutes the median would be" in note and "implausible" in note
    asa = note_with(dataset, "'ASA' holds durations written with two fields")
    assert "read as minutes:seconds" in asa and "as 'AHT' of the same file was" in asa


def test_semicolon_report_with_interval_ranges_reads_its_mm_ss_handle_time(tmp_path):
    lines = ["Fecha;Intervalo;Llamadas recibidas;Atendidas;Abandonadas;TMO"]
    for day in range(4, 9):
        for slot in range(16):
            start = dt.datetime(2024, 3, day, 8) + dt.timedelta(minutes=30 * slot)
            end = start + dt.timedelta(minutes=30)
            lines.append(
                f"{start:%d/%m/%Y};{start:%H:%M} - {end:%H:%M};20;19;1;{clock(270 + slot)}"
            )
    dataset = import_files([write(tmp_path, "tmo.csv", "\n".join(lines) + "\n")])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 270
    assert at(dataset, "2024-03-08 15:30").aht_seconds == 285
    assert "'TMO' holds durations written with two fields" in " ".join(dataset.notes)


def test_handle_times_that_would_all_be_under_a_minute_as_mm_ss_are_hours_and_minutes(tmp_path):
    # Every value "00:05" .. "00:09": read as minutes:seconds no call would last a minute.
    minutes = [5, 6, 7, 8, 9]
    text = interval_report(
        "Interval,Offered,AHT",
        lambda slot: f"12,{clock(60 * minutes[slot % 5], hours_minutes=True)}",
    )
    dataset = import_files([write(tmp_path, "backoffice.csv", text)])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 300
    assert at(dataset, "2024-03-04 09:00").aht_seconds == 420
    note = note_with(dataset, "'AHT' holds durations written with two fields")
    assert "read as hours:minutes (median 420 s)" in note
    assert "every contact would have been served in under a minute" in note


def test_the_wait_follows_a_handle_time_read_as_hours_and_minutes(tmp_path):
    handle = [clock(60 * minutes, hours_minutes=True) for minutes in (5, 6, 7)]
    wait = [clock(60 * minutes, hours_minutes=True) for minutes in (1, 2)]
    text = interval_report(
        "Interval,Offered,Answered,AHT,ASA",
        lambda slot: f"12,12,{handle[slot % 3]},{wait[slot % 2]}",
    )
    dataset = import_files([write(tmp_path, "backoffice.csv", text)])
    assert at(dataset, "2024-03-04 08:00").wait_seconds == 60
    assert at(dataset, "2024-03-04 08:30").wait_seconds == 120
    assert "as 'AHT' of the same file was" in note_with(dataset, "'ASA' holds durations")


def test_two_field_values_that_cannot_be_hours_need_no_note():
    values = pa.array(["75:10", "04:33", ""])  # 75 hours is no handle time: minutes
    reading = two_field_reading(values, handle_band=(15.0, 10_800.0))
    assert reading is not None and not reading.hours_minutes and reading.note is None
    assert parse_duration(values, False, reading.hours_minutes)[:2].tolist() == [4510, 273]
    # Seconds written elsewhere in the column ("1:02:03") make "04:33" minutes and seconds.
    mixed = pa.array(["00:04", "1:02:03", "00:07"])
    told = two_field_reading(mixed, handle_band=(15.0, 10_800.0))
    assert told is not None and not told.hours_minutes and told.note is None
    assert parse_duration(mixed, False).tolist() == [4, 3723, 7]


def test_a_header_naming_the_notation_decides_how_two_fields_are_read(tmp_path):
    cells = ("00:45", "00:50")  # as hours:minutes unless the header says otherwise
    for header, expected in (("AHT (mm:ss)", (45, 50)), ("AHT (hh:mm)", (2700, 3000))):
        text = interval_report(f"Interval,Offered,{header}", lambda slot: f"10,{cells[slot % 2]}")
        dataset = import_files([write(tmp_path, "acd.csv", text)])
        assert at(dataset, "2024-03-04 08:00").aht_seconds == expected[0]
        assert at(dataset, "2024-03-04 08:30").aht_seconds == expected[1]
        assert not any("two fields" in note for note in dataset.notes)
    reading = two_field_reading(pa.array(cells), handle_band=(15.0, 10_800.0), header="AHT")
    assert reading is not None and reading.hours_minutes and "two fields" in str(reading.note)


def test_a_wait_alone_in_two_fields_is_minutes_and_seconds_with_a_note():
    reading = two_field_reading(pa.array(["00:23", "00:13", "00:31"]))
    assert reading is not None and not reading.hours_minutes
    assert reading.note is not None and "as waits most often are" in reading.note
    assert "(median 23 s)" in reading.note


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("00:04:51", "00:05:10"), (291, 310)),  # H:MM:SS, typed as a clock by the CSV reader
        (("00.04.51", "00.05.10"), (291, 310)),  # Italian hh.mm.ss
        (("4m 51s", "5m 10s"), (291, 310)),
        (("291", "310"), (291, 310)),
    ],
)
def test_other_duration_notations_read_as_before_without_a_two_field_note(
    tmp_path, cells, expected
):
    text = interval_report("Interval,Offered,AHT", lambda slot: f"10,{cells[slot % 2]}")
    dataset = import_files([write(tmp_path, "acd.csv", text)])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == expected[0]
    assert at(dataset, "2024-03-04 08:30").aht_seconds == expected[1]
    assert not any("two fields" in note for note in dataset.notes)


# --- waits in milliseconds --------------------------------------------------------------------


def test_a_wait_without_unit_is_read_in_milliseconds_when_the_handle_header_says_ms(tmp_path):
    text = interval_report(
        "Interval,Offered,Answered,Avg Handle (ms),Avg Wait",
        lambda slot: f"20,19,{300_000 + 1000 * (slot % 3)},{18_000 + 2000 * (slot % 2)}",
    )
    dataset = import_files([write(tmp_path, "genesys.csv", text)])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 300
    assert at(dataset, "2024-03-04 08:00").wait_seconds == 18
    assert at(dataset, "2024-03-04 08:30").wait_seconds == 20
    note = note_with(dataset, "'Avg Wait' read in milliseconds")
    assert "like 'Avg Handle (ms)', whose header says so" in note


def test_a_wait_beside_a_handle_time_that_looks_like_milliseconds_follows_it(tmp_path):
    # Round eighteen: a handle time implausible in seconds and usual in milliseconds is read in
    # milliseconds (it had been left at 290,000 s with a note), and the wait follows it.
    text = interval_report(
        "Interval,Offered,Answered,Avg Handle,Avg Wait",
        lambda slot: f"20,19,{290_000 + 1000 * (slot % 5)},{21_000 + 500 * (slot % 3)}",
    )
    dataset = import_files([write(tmp_path, "genesys.csv", text)])
    assert at(dataset, "2024-03-04 08:00").aht_seconds == 290
    assert at(dataset, "2024-03-04 08:00").wait_seconds == 21
    assert "rename the column to 'Avg Handle (s)'" in note_with(
        dataset, "'Avg Handle' read in milliseconds:"
    )
    note = note_with(dataset, "'Avg Wait' read in milliseconds")
    assert "like 'Avg Handle', read so above (median 21.5 s)" in note


def test_a_wait_in_seconds_beside_a_handle_time_in_ms_stays_in_seconds(tmp_path):
    text = interval_report(
        "Interval,Offered,Answered,Handle Time (ms),ASA",
        lambda slot: f"20,20,{300_000 + slot},{15 + slot % 4}",
    )
    dataset = import_files([write(tmp_path, "acd.csv", text)])
    assert at(dataset, "2024-03-04 08:00").wait_seconds == 15
    assert not any("'ASA'" in note and "milliseconds" in note for note in dataset.notes)


# --- outcomes ---------------------------------------------------------------------------------


def call_log(header: str, rows: list[str]) -> str:
    """A call log with one call a minute from 2024-03-04 08:00, each row's cells after it."""
    start = dt.datetime(2024, 3, 4, 8)
    lines = [header]
    for minute, cells in enumerate(rows):
        lines.append(f"{start + dt.timedelta(minutes=minute):%Y-%m-%d %H:%M:%S},{cells}")
    return "\n".join(lines) + "\n"


def test_business_dispositions_with_a_handle_time_are_answered_calls(tmp_path):
    rows = (
        ["Inbound,Sale,300"] * 6
        + ["Inbound,Callback requested,240"] * 3
        + ["Inbound,Abandon,0"] * 2
        + ["Inbound,No Sale,0"]
    )
    text = call_log("TIMESTAMP,CALL TYPE,DISPOSITION,HANDLE TIME", rows)
    dataset = import_files([write(tmp_path, "five9.csv", text)])
    assert (dataset.answered, dataset.abandoned) == (9, 2)
    assert dataset.mean_handle_seconds == pytest.approx((6 * 300 + 3 * 240) / 9)
    assert dataset.intervals[schema.VOLUME].sum() == 12
    note = note_with(dataset, "outcome 'DISPOSITION':")
    assert "Sale -> answered (6)" in note and "Callback requested -> answered (3)" in note
    assert "No Sale -> other (1)" in note
    assert "rows with a handle time were taken as answered" in note


def test_call_type_values_give_the_outcome_when_the_disposition_is_empty(tmp_path):
    rows = (
        ["inbound,310,12,"] * 5
        + ["abandoned,0,40,"] * 2
        + ["missed,0,25,"]
        + ["outbound,120,0,sale"] * 3
    )
    text = call_log("start_at,type,talk_time,wait_time,disposition_code", rows)
    result = import_files_detailed([write(tmp_path, "talkdesk.csv", text)])
    dataset = result.dataset
    assert dataset.intervals[schema.VOLUME].sum() == 8  # outbound calls are no demand
    assert (dataset.answered, dataset.abandoned) == (5, 3)
    assert dataset.mean_handle_seconds == 310  # the abandoned calls' 0 s are no handle time
    assert at(dataset, "2024-03-04 08:00").wait_seconds == 12  # ASA over answered calls only
    assert "'disposition_code' was not read as outcomes: 8 of its 8 values are empty" in (
        " ".join(dataset.notes)
    )
    note = note_with(dataset, "outcome from 'type'")
    assert "abandoned -> abandoned (2)" in note and "missed -> abandoned (1)" in note
    assert "inbound -> answered (5)" in note


def test_call_types_fill_in_the_rows_an_outcome_column_leaves_blank(tmp_path):
    rows = (
        ["inbound,300,Sale"] * 4
        + ["inbound,280,Resolved"] * 2
        + ["abandoned,0,"] * 2
        + ["inbound,45,PHANTOM"]  # no real caller: its call type does not make it answered
    )
    text = call_log("start_at,type,talk_time,disposition_code", rows)
    dataset = import_files([write(tmp_path, "talkdesk.csv", text)])
    assert (dataset.answered, dataset.abandoned) == (6, 2)
    assert dataset.mean_handle_seconds == pytest.approx((4 * 300 + 2 * 280) / 6)
    note = note_with(dataset, "took it from 'type'")
    assert note.startswith("talkdesk.csv: 2 row(s) whose 'disposition_code' says nothing")


def test_without_any_outcome_zero_handle_times_stay_out_of_the_mean(tmp_path):
    rows = ["Support,300"] * 6 + ["Support,0"] * 3 + ["Support,330"] * 2
    text = call_log("Start Time,Queue,Talk Time", rows)
    dataset = import_files([write(tmp_path, "calls.csv", text)])
    assert dataset.answered is None and dataset.abandoned is None  # unknown, not zero
    assert dataset.mean_handle_seconds == pytest.approx((6 * 300 + 2 * 330) / 8)
    assert at(dataset, "2024-03-04 08:00").aht_seconds == pytest.approx((6 * 300 + 2 * 330) / 8)
    assert "3 contact(s) without an outcome have a handle time of 0" in " ".join(dataset.notes)


def test_a_status_column_of_ticket_states_is_not_read_as_outcomes(tmp_path):
    rows = ["open"] * 3 + ["closed"] * 5 + ["solved"] * 2
    text = call_log("Created at,Status", rows)
    dataset = import_files([write(tmp_path, "tickets.csv", text)])
    assert dataset.answered is None and dataset.abandoned is None
    assert dataset.intervals[schema.VOLUME].sum() == 10
    note = note_with(dataset, "'Status' was not read as outcomes")
    assert "('open', 'closed', 'solved') name no outcome" in note


def test_records_with_no_real_contact_stay_neither_answered_nor_abandoned():
    values = pa.array(["AGENT", "PHANTOM", "Sale", "Sale", "TEST CALL", "HANG"])
    handle = np.array([200.0, 38.0, 310.0, 0.0, 60.0, 0.0])
    codes, summary = classify_outcomes(values, handle)
    assert codes.tolist() == [ANSWERED, OTHER, ANSWERED, OTHER, OTHER, ABANDONED]
    assert "PHANTOM -> other (1)" in summary and "Sale -> answered 1, other 1" in summary
    # Without handle times a disposition says nothing about who served the contact.
    assert classify_outcomes(values)[0].tolist()[2:4] == [OTHER, OTHER]
