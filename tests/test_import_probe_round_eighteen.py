"""Round-eighteen probes: Genesys Cloud durations in milliseconds, Teams overflown and failed
calls, an Avaya CMS title date's line."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import at, contacts_per_queue, note_with, write

from data.importer import import_files_detailed
from data.outcomes import ANSWERED, OTHER, classify_outcomes


def _genesys_queue_performance(tmp_path, handle_header: str = "Avg Handle"):
    """A Genesys Cloud "Queue Performance" export of two days: its averages in milliseconds,
    headers that do not say so."""
    lines = [
        "Queue Name,Interval Start,Interval End,Offer,Answer,Abandon,Avg Wait,Avg Talk,"
        f"Avg Hold,Avg ACW,{handle_header},Service Level %"
    ]
    for n in range(32):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * (n % 16), days=n // 16)
        end = start + dt.timedelta(minutes=30)
        lines.append(
            f"Support,{start:%m/%d/%Y %I:%M %p},{end:%m/%d/%Y %I:%M %p},{20 + n % 5},"
            f"{18 + n % 5},2,{15_000 + 100 * n},{240_000 + 1000 * n},10000,30000,"
            f"{280_000 + 1000 * n},85.2"
        )
    return import_files_detailed([write(tmp_path, "genesys.csv", "\n".join(lines) + "\n")])


def test_a_genesys_average_handle_in_milliseconds_is_read_so(tmp_path):
    # 'Avg Handle' had been read as 280,000 s (78 hours) per call at 08:00, with a note asking
    # the user to rename the column; 'Avg Wait' stayed at 15,000 s.
    result = _genesys_queue_performance(tmp_path)
    dataset = result.dataset
    assert result.files[0].columns["aht"] == "Avg Handle"
    assert at(dataset, "2024-03-04 08:00")["aht_seconds"] == 280
    assert at(dataset, "2024-03-05 09:00")["aht_seconds"] == pytest.approx(298)
    assert at(dataset, "2024-03-04 08:00")["wait_seconds"] == 15
    note = note_with(dataset, "'Avg Handle' read in milliseconds:")
    assert "as milliseconds it is 295.5 s" in note
    assert "rename the column to 'Avg Handle (s)' and import again" in note
    assert "like 'Avg Handle', read so above" in note_with(
        dataset, "'Avg Wait' read in milliseconds"
    )
    assert contacts_per_queue(result) == {"Support": sum(20 + n % 5 for n in range(32))}


def test_a_handle_header_naming_seconds_keeps_seconds(tmp_path):
    # The override the note names: "(s)" in the header keeps the values as written.
    dataset = _genesys_queue_performance(tmp_path, "Avg Handle (s)").dataset
    assert at(dataset, "2024-03-04 08:00")["aht_seconds"] == 280_000
    assert not any("(s)' read in milliseconds" in note for note in dataset.notes)


def test_a_summed_handle_time_of_hours_stays_in_seconds(tmp_path):
    # An interval's total handle time (hours of it in a busy half hour) is no milliseconds: it
    # is divided by the answered count, 300 s per call.
    lines = ["Interval,Offered,Answered,Total Handle Time"]
    for n in range(32):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * (n % 16), days=n // 16)
        answered = 40 + 12 * (n % 16)
        lines.append(f"{start:%Y-%m-%d %H:%M},{answered + 5},{answered},{answered * 300}")
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert at(result.dataset, "2024-03-04 15:30")["aht_seconds"] == 300
    assert not any("read in milliseconds" in note for note in result.dataset.notes)


def test_genesys_call_records_in_milliseconds_are_read_so(tmp_path):
    # One row per call, "Total Handle" in ms: the mean handle time had been 250,000 s.
    lines = ["Conversation ID,Conversation Start,Queue,Total Handle,Total Queue,Abandoned"]
    for n in range(40):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=9 * n)
        abandoned = n % 8 == 0
        handle = "" if abandoned else str(200_000 + 2500 * n)
        lines.append(
            f"c{n},{start:%Y-%m-%dT%H:%M:%S.000Z},Billing,{handle},{12_000 + 250 * n},"
            f"{'YES' if abandoned else 'NO'}"
        )
    result = import_files_detailed([write(tmp_path, "gc.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    served = [200 + 2.5 * n for n in range(40) if n % 8]
    assert dataset.mean_handle_seconds == pytest.approx(sum(served) / len(served))
    assert (dataset.answered, dataset.abandoned) == (35, 5)


def _teams_log(tmp_path):
    """A Teams call-queue log: the whole call's length on every row, whatever its result."""
    lines = ["Date,Call Start Time,Call Queue Name,Call Queue Call Result,Call Duration (Seconds)"]
    results = ["agent_joined_conference", "overflown", "transferred_to_agent", "failed"]
    for n in range(40):
        arrival = dt.datetime(2024, 3, 4, 9) + dt.timedelta(minutes=11 * n)
        outcome = results[n % 4]
        seconds = {"overflown": 60, "failed": 3}.get(outcome, 240 + n)
        lines.append(f"{arrival:%Y-%m-%d},{arrival:%Y-%m-%d %H:%M:%S},CQ Help,{outcome},{seconds}")
    return import_files_detailed([write(tmp_path, "teams.csv", "\n".join(lines) + "\n")])


def test_a_teams_overflown_or_failed_call_is_not_answered_here(tmp_path):
    # "overflown" (sent to the overflow target) and "failed" rows carry a duration: they had
    # been taken as answered, 40 answered calls with a mean handle time of 157.5 s.
    dataset = _teams_log(tmp_path).dataset
    assert (dataset.answered, dataset.abandoned) == (20, 0)
    served = [240 + n for n in range(40) if n % 4 in (0, 2)]
    assert dataset.mean_handle_seconds == pytest.approx(sum(served) / 20)
    assert dataset.intervals["volume"].sum() == 40  # still arrivals
    summary = note_with(dataset, "outcome 'Call Queue Call Result':")
    assert "overflown -> other (10)" in summary and "failed -> other (10)" in summary
    assert "'overflown' and 'failed' say that no agent of this queue took the contact" in summary


def test_an_overflow_label_with_an_agents_time_still_counts_as_served():
    # The whole label "overflown" only: a French ACD's "Débordé" with a handle time was served
    # here before it went on, as before.
    codes, _ = classify_outcomes(
        pa.array(["Débordé", "Overflowed", "overflown", "Call failed"]), np.full(4, 90.0)
    )
    assert codes.tolist() == [ANSWERED, ANSWERED, OTHER, OTHER]


_AVAYA_HEADER = (
    "Time\tAvg Speed Ans\tAvg Aban Time\tACD Calls\tAvg ACD Time\tAvg ACW Time\tAban Calls"
)


def test_an_avaya_title_date_note_names_the_title_line(tmp_path):
    # The day/month note had pointed at line 6 (the first row the date was copied onto); the
    # date is written on line 3, above the table.
    lines = ["Split/Skill Interval", "Split/Skill: 2 Sales", "Date: 3/4/24", "", _AVAYA_HEADER]
    for n in range(20):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * n)
        end = start + dt.timedelta(minutes=30)
        lines.append(f"{start:%H:%M}-{end:%H:%M}\t0:20\t0:40\t{20 + n}\t3:00\t0:30\t{n % 3}")
    dataset = import_files_detailed([write(tmp_path, "avaya.txt", "\n".join(lines) + "\n")]).dataset
    note = note_with(dataset, "fit day/month and month/day alike")
    assert "so line 3: '3/4/24' (above the table) is 2024-04-03" in note
    assert "(the date above the table, on every row)" in note
    assert "line 6" not in note


def test_a_handle_time_that_may_be_a_sum_is_not_read_in_milliseconds(tmp_path):
    # "Handle Time" of about 61,650 beside about 200 calls a half hour: a mean of 61.7 s in
    # milliseconds, or a sum of 308 s a call in seconds. The header names no mean, so the
    # values are not taken as milliseconds; the file keeps its note asking which they are.
    lines = ["Interval,Calls,Handle Time"]
    for n in range(32):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * (n % 16), days=n // 16)
        lines.append(f"{start:%Y-%m-%d %H:%M},{200 + n % 2},{61_650 + 10 * (n % 3)}")
    dataset = import_files_detailed([write(tmp_path, "desk.csv", "\n".join(lines) + "\n")]).dataset
    assert at(dataset, "2024-03-04 08:00")["aht_seconds"] > 300
    assert not any("'Handle Time' read in milliseconds:" in note for note in dataset.notes)
    assert note_with(dataset, "'Handle Time'")
