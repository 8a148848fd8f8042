"""Round-twenty-two probes: TaskRouter waits in ms, a lone "Seconds" column, steady summed talk
times, callers sorted by number, a title date with its weekday, and vendor/language guards."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import (
    answered_weighted_aht,
    clock,
    contacts_per_queue,
    note_with,
    spread_arrival,
    write,
)

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _weighted_wait(result) -> float:
    frame = result.dataset.intervals.dropna(subset=[schema.WAIT_SECONDS])
    return float(np.average(frame[schema.WAIT_SECONDS], weights=frame[schema.ANSWERED]))


# --- Twilio TaskRouter: QueueTime in milliseconds beside a Duration in seconds ------------------


def _taskrouter(wait_header: str = "QueueTime", wait=lambda n: 15_000 + n * 137 % 60_000) -> str:
    """300 tasks in two task queues; every sixth canceled (no talk). Duration in seconds."""
    lines = [f"TaskSid,DateCreated,TaskQueueFriendlyName,AssignmentStatus,{wait_header},Duration"]
    for n in range(300):
        canceled = n % 6 == 0
        lines.append(
            f"WT{n:032x},{spread_arrival(n, 97):%Y-%m-%dT%H:%M:%SZ},{['Sales', 'Support'][n % 2]},"
            f"{'canceled' if canceled else 'completed'},{wait(n)},"
            f"{0 if canceled else 180 + n * 911 % 120}"
        )
    return "\n".join(lines) + "\n"


def test_a_taskrouter_queue_time_in_milliseconds_is_read_so(tmp_path):
    # Before: 'QueueTime' read as seconds, a mean wait of 35,550 s (almost ten hours).
    result = import_files_detailed([write(tmp_path, "tasks.csv", _taskrouter())])
    assert result.files[0].columns["wait"] == "QueueTime"
    assert contacts_per_queue(result) == {"Sales": 150.0, "Support": 150.0}
    expected = np.mean([15 + n * 137 % 60_000 / 1000 for n in range(300) if n % 6])
    assert _weighted_wait(result) == pytest.approx(expected, rel=0.01)
    assert note_with(result.dataset, "'QueueTime' read in milliseconds") == (
        "tasks.csv: 'QueueTime' read in milliseconds: as seconds its median wait of 35,482 s "
        "(9.9 hours) is implausible, as milliseconds it is 35.5 s. If it is in seconds after "
        "all, rename the column to 'QueueTime (s)' and import again."
    )


@pytest.mark.parametrize(
    ("header", "wait"),
    [
        ("QueueTime (s)", lambda n: 15_000 + n * 137 % 60_000),  # the header's unit decides
        ("QueueTime", lambda n: 15 + n % 60),  # waits of seconds stay seconds
    ],
)
def test_guard_waits_in_seconds_are_left_in_seconds(tmp_path, header, wait):
    result = import_files_detailed([write(tmp_path, "tasks.csv", _taskrouter(header, wait))])
    expected = np.mean([wait(n) for n in range(300) if n % 6])
    assert _weighted_wait(result) == pytest.approx(expected, rel=0.01)
    assert not any("milliseconds" in note for note in result.dataset.notes)


# --- a phone system's call log naming each call's length only by its unit ----------------------


@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("Date,Time,From,To,Seconds", ","),
        ("Data;Ora;Chiamante;Interno;Durata (sec)", ";"),  # guard: read before too
    ],
)
def test_a_lone_seconds_column_is_each_calls_length(tmp_path, header, sep):
    # Before: "Seconds" was no handle time at all: a call log without an AHT.
    lines = [header]
    for n in range(200):
        t = spread_arrival(n, 173)
        lines.append(
            sep.join(
                [
                    f"{t:%d/%m/%Y}",
                    f"{t:%H:%M:%S}",
                    f"+39333{n * 7919 % 10**7:07d}",
                    f"{201 + n % 4}",
                    f"{60 + n * 37 % 400}",
                ]
            )  # fmt: skip
        )
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.files[0].columns["handle"] == header.split(sep)[-1]
    assert result.contacts == 200
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    mean = np.average(frame[schema.AHT_SECONDS], weights=frame[schema.VOLUME])
    assert mean == pytest.approx(np.mean([60 + n * 37 % 400 for n in range(200)]))


def test_guard_two_unit_only_columns_are_not_guessed(tmp_path):
    # "Seconds" beside "Minutes" may time different things (billed minutes): neither is taken.
    lines = ["Date,From,Seconds,Minutes"] + [
        f"{spread_arrival(n):%Y-%m-%d %H:%M:%S},+4420{n * 7919 % 10**8:08d},{60 + n},{1 + n // 60}"
        for n in range(100)
    ]
    result = import_files_detailed([write(tmp_path, "bill.csv", "\n".join(lines) + "\n")])
    assert "handle" not in result.files[0].columns
    assert result.contacts == 100


# --- an Italian interval report: talk time summed per interval, steady counts -----------------


def _italian(talk) -> str:
    lines = ["Data;Ora;Chiamate ricevute;Chiamate risposte;Durata conversazione"]
    for slot in range(64):
        start = MONDAY + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        calls = 40 + slot * 5 % 9  # 40 to 48 calls every half hour
        lines.append(f"{start:%d/%m/%Y};{start:%H:%M};{calls};{calls};{talk(slot, calls)}")
    return "\n".join(lines) + "\n"


def test_a_summed_talk_time_over_steady_counts_is_a_total(tmp_path):
    # Before: the counts vary too little (40-48) to tell a total by its growth, so the sum was
    # read as a mean: AHT about 8,160 s.
    text = _italian(lambda slot, calls: calls * (180 + slot * 7 % 11))
    result = import_files_detailed([write(tmp_path, "chiamate.csv", text)])
    assert answered_weighted_aht(result) == pytest.approx(185.0, abs=1.0)
    assert note_with(result.dataset, "each interval's total").startswith(
        "chiamate.csv: 'Durata conversazione' is each interval's total, not a mean per contact"
    )


def test_guard_a_mean_talk_time_over_steady_counts_stays_a_mean(tmp_path):
    # Guard: a mean per call that does not follow the counts is left as it is.
    text = _italian(lambda slot, calls: 160 + slot * 13 % 50)
    result = import_files_detailed([write(tmp_path, "chiamate.csv", text)])
    expected = np.average(
        [160 + slot * 13 % 50 for slot in range(64)], weights=[40 + s * 5 % 9 for s in range(64)]
    )
    assert answered_weighted_aht(result) == pytest.approx(expected)
    assert not any("each interval's total" in note for note in result.dataset.notes)


# --- a call log sorted by the caller's number --------------------------------------------------


def test_callers_numbers_sorted_ascending_still_make_a_call_log(tmp_path):
    # Before: numbers rising down the rows were taken for an interval report's keys, and the
    # file was refused as "a report of counts per interval" naming 'Caller' as a count.
    lines = ["Start Time,Caller,Extension,Duration"] + [
        f"{MONDAY + dt.timedelta(minutes=8 * n):%Y-%m-%d %H:%M:%S},3902123{4000 + 37 * n:05d},"
        f"{201 + n % 4},{120 + n}"
        for n in range(60)
    ]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.contacts == 60
    assert _weighted_aht_per_call(result) == pytest.approx(149.5)  # 120 + mean(0..59)


def _weighted_aht_per_call(result) -> float:
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    return float(np.average(frame[schema.AHT_SECONDS], weights=frame[schema.VOLUME]))


# --- a one-day report dated above the table, the date followed by its weekday -----------------


def _cms_report(date_line: str) -> str:
    lines = [
        "Split/Skill Interval Report",
        "Split/Skill: Sales",
        date_line,
        "",
        "Time,ACD Calls,Avg ACD Time,Avg ACW Time,Aban Calls,Avg Speed Ans,Calls Offered",
    ]
    for slot in range(16):
        start = MONDAY + dt.timedelta(minutes=30 * slot)
        end = start + dt.timedelta(minutes=30)
        acd, lost = 10 + slot % 7, slot % 3
        lines.append(
            f"{start:%I:%M %p}-{end:%I:%M %p},{acd},{clock(200 + slot)},{clock(40)},{lost},"
            f"{clock(15)},{acd + lost}"
        )
    lines.append("Totals,,,,,,218")
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("date_line", ["Date: 03/04/24  Monday", "Date: 03/04/2024"])
def test_a_title_date_followed_by_its_weekday_dates_the_rows(tmp_path, date_line):
    # Before: "Date: 03/04/24  Monday" was no date, so the file was refused for having none.
    result = import_files_detailed([write(tmp_path, "split.csv", _cms_report(date_line))])
    frame = result.dataset.intervals
    assert contacts_per_queue(result) == {"Sales": 218.0}
    days = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START].dt.date.unique()
    assert list(days) == [dt.date(2024, 3, 4)]
    # talk 200 + slot s and 40 s of after-call work per answered call
    expected = np.average([240 + s for s in range(16)], weights=[10 + s % 7 for s in range(16)])
    assert answered_weighted_aht(result) == pytest.approx(expected)


# --- guards: vendors' exports and other languages read right -----------------------------------


def test_guard_zendesk_talk_calls_export(tmp_path):
    lines = [
        "Call ID,Created at,Direction,Line,Agent,Call status,Wait time,Talk time,Hold time,"
        "Wrap up time,Completion status"
    ]
    for n in range(300):
        missed = n % 8 == 0
        lines.append(
            f"{36_000_000 + 3 * n},{spread_arrival(n):%Y-%m-%d %H:%M:%S} UTC,inbound,Support EN,"
            f"{'' if missed else f'Agent {n % 4}'},{'missed' if missed else 'completed'},"
            f"{20 + n % 50},{0 if missed else 200 + n % 100},{0 if missed else n % 20},"
            f"{0 if missed else 30},{'abandoned_in_queue' if missed else 'completed'}"
        )
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert contacts_per_queue(result) == {"Support EN": 300.0}
    assert (result.dataset.answered, result.dataset.abandoned) == (262, 38)
    served = [n for n in range(300) if n % 8]
    expected = np.mean([200 + n % 100 + n % 20 + 30 for n in served])
    assert answered_weighted_aht(result) == pytest.approx(expected, rel=0.01)


def test_guard_three_cx_call_log_with_clock_durations(tmp_path):
    lines = ["Call Time,From,To,Direction,Status,Ringing,Talking,Totals,Cost,Reason"]
    for n in range(300):
        missed = n % 7 == 0
        ring, talk = 5 + n % 25, 0 if missed else 150 + n % 200
        lines.append(
            f"{spread_arrival(n):%d/%m/%Y %H:%M:%S},+4420{n * 7919 % 10**8:08d},Sales Queue (800),"
            f"Inbound,{'Unanswered' if missed else 'Answered'},{clock(ring)},{clock(talk)},"
            f"{clock(ring + talk)},0.00,{'Terminated by caller' if missed else 'Ended by agent'}"
        )
    result = import_files_detailed([write(tmp_path, "3cx.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Talking"
    assert (result.dataset.answered, result.dataset.abandoned) == (257, 43)
    expected = np.mean([150 + n % 200 for n in range(300) if n % 7])
    assert answered_weighted_aht(result) == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize(
    ("header", "date", "row"),
    [
        (
            "Fecha;Intervalo;Cola;Llamadas recibidas;Llamadas atendidas;Llamadas abandonadas;"
            "TMO (seg);Tiempo medio de espera",
            "%d/%m/%Y",
            lambda calls, lost, slot: f"{calls};{calls - lost};{lost};{245 + slot % 10},5;18,25",
        ),
        (
            "Datum;Uhrzeit;Warteschlange;Anrufe angeboten;Anrufe angenommen;Anrufe verloren;"
            "Ø Gesprächszeit;Ø Wartezeit",
            "%d.%m.%Y",
            lambda calls, lost, slot: (
                f"{calls};{calls - lost};{lost};{clock(245 + slot % 10)};{clock(18)}"
            ),
        ),
    ],
)
def test_guard_spanish_and_german_interval_reports(tmp_path, header, date, row):
    lines = [header]
    for slot in range(48):
        start = MONDAY + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        calls, lost = 8 + slot * 5 % 17, slot % 4
        lines.append(f"{start:{date}};{start:%H:%M};Kunden;{row(calls, lost, slot)}")
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(lines) + "\n")])
    assert contacts_per_queue(result) == {"Kunden": 771.0}
    assert (result.dataset.answered, result.dataset.abandoned) == (699, 72)
    assert 245 <= answered_weighted_aht(result) <= 255
    assert _weighted_wait(result) == pytest.approx(18.0, abs=0.3)


def test_guard_a_bom_crlf_report_with_a_totals_line(tmp_path):
    lines = ["Interval,Queue,Offered,Answered,Abandoned,AHT"]
    for slot in range(48):
        start = MONDAY + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        calls, lost = 8 + slot * 5 % 17, slot % 4
        lines.append(f"{start:%Y-%m-%d %H:%M},Support,{calls},{calls - lost},{lost},300")
    lines.append("Total,,771,699,72,300")
    text = "\ufeff" + "\r\n".join(lines) + "\r\n"
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert contacts_per_queue(result) == {"Support": 771.0}
    assert note_with(result.dataset, "total/subtotal") == (
        "report.csv: 1 total/subtotal row(s) were skipped (line 50: 'Total')."
    )


def test_guard_durations_written_in_hours_minutes_and_seconds(tmp_path):
    def words(seconds: int) -> str:
        hours = f"{seconds // 3600}h " if seconds >= 3600 else ""
        return f"{hours}{seconds % 3600 // 60:02d}m {seconds % 60:02d}s"

    lines = ["Date,Queue,Caller,Wait,Duration,Result"]
    for n in range(200):
        lost = n % 6 == 0
        lines.append(
            f"{spread_arrival(n, 173):%Y-%m-%d %H:%M:%S},Support,+331{n * 7919 % 10**8:08d},"
            f"{words(10 + n % 50)},{words(0 if lost else 3500 + 3 * n)},"
            f"{'Abandoned' if lost else 'Answered'}"
        )
    result = import_files_detailed([write(tmp_path, "log.csv", "\n".join(lines) + "\n")])
    assert (result.dataset.answered, result.dataset.abandoned) == (166, 34)
    expected = np.mean([3500 + 3 * n for n in range(200) if n % 6])
    assert answered_weighted_aht(result) == pytest.approx(expected, rel=0.001)
