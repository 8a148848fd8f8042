"""Round-nineteen probes: an Aircall export's line ("number name") as the queue, Teams call-queue
results "disconnected" and "declined", German abandoned counts in a BOM/semicolon/CRLF export."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from import_support import at, contacts_per_queue, note_with, write

from data.importer import import_files_detailed
from data.outcomes import ANSWERED, OTHER, classify_outcomes

_AIRCALL_HEADER = (
    "id,direct_link,datetime,country_code,direction,from,to,{line},number,user name,"
    "duration (total),duration (in call),via,status,missed_call_reason,tags,comments"
)


def _aircall_export(tmp_path, line_header: str):
    """An Aircall calls export: two lines ("Support FR", "Sales FR"), three agents, every sixth
    call missed."""
    rows = [_AIRCALL_HEADER.format(line=line_header)]
    for n in range(120):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=n % 5, minutes=5 * n)
        line = "Support FR" if n % 3 else "Sales FR"
        missed = n % 6 == 0
        talk = 0 if missed else 200 + n
        user = "" if missed else ["Marie Dupont", "Jean Martin", "Luc Bernard"][n % 3]
        rows.append(
            f"{n},https://assets.aircall.io/calls/{n},{start:%Y-%m-%d %H:%M:%S},FR,inbound,"
            f"+33612345678,+33187654321,{line},+33187654321,{user},{talk + 15},{talk},,"
            f"{'missed' if missed else 'answered'},{'short_abandoned' if missed else ''},,"
        )
    return import_files_detailed([write(tmp_path, "aircall_export.csv", "\n".join(rows) + "\n")])


@pytest.mark.parametrize("line_header", ["number name", "Line Name"])
def test_an_aircall_lines_name_is_the_queue(tmp_path, line_header):
    # All 120 calls had landed in one queue named after the file ('aircall_export'): "number"
    # (beside "name") read as the line's phone number, no queue.
    result = _aircall_export(tmp_path, line_header)
    assert result.files[0].columns["queue"] == line_header
    assert contacts_per_queue(result) == {"Sales FR": 40.0, "Support FR": 80.0}
    assert (result.dataset.answered, result.dataset.abandoned) == (100, 20)


def test_a_phone_number_under_a_line_name_header_is_no_queue(tmp_path):
    # The line's number, not its name: still one queue.
    rows = ["datetime,direction,number name,duration (in call)"]
    for n in range(60):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=7 * n)
        rows.append(f"{start:%Y-%m-%d %H:%M:%S},inbound,+33 1 87 65 43 2{n % 3},{200 + n}")
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(rows) + "\n")])
    assert "queue" not in result.files[0].columns
    assert contacts_per_queue(result) == {"calls": 60.0}


def _teams_log(tmp_path):
    lines = ["Date,Call Start Time,Call Queue Name,Call Queue Call Result,Call Duration (Seconds)"]
    results = [
        "agent_joined_conference", "disconnected", "transferred_to_agent", "declined", "timed_out",
    ]  # fmt: skip
    for n in range(50):
        arrival = dt.datetime(2024, 3, 4, 9) + dt.timedelta(minutes=11 * n)
        outcome = results[n % 5]
        seconds = {"disconnected": 45, "declined": 2, "timed_out": 300}.get(outcome, 240 + n)
        lines.append(f"{arrival:%Y-%m-%d},{arrival:%Y-%m-%d %H:%M:%S},CQ Help,{outcome},{seconds}")
    return import_files_detailed([write(tmp_path, "teams.csv", "\n".join(lines) + "\n")])


def test_teams_disconnected_and_declined_calls_are_not_answered(tmp_path):
    # Both carry the call's length: they had been taken as answered, 40 answered calls with a
    # mean handle time of 143.5 s.
    dataset = _teams_log(tmp_path).dataset
    assert (dataset.answered, dataset.abandoned) == (20, 10)
    served = [240 + n for n in range(50) if n % 5 in (0, 2)]
    assert dataset.mean_handle_seconds == pytest.approx(sum(served) / 20) == 263.5
    assert dataset.intervals["volume"].sum() == 50  # still arrivals
    summary = note_with(dataset, "outcome 'Call Queue Call Result':")
    assert "disconnected -> other (10)" in summary and "declined -> other (10)" in summary
    assert "'disconnected' and 'declined' say that no agent of this queue took" in summary


def test_a_bare_disconnected_without_an_answered_label_still_reads_by_its_time():
    # No label of the column names answered calls: "Disconnected" with a talk time is any call
    # that ended, served as before; "Declined" or "Rejected" never is.
    codes, _ = classify_outcomes(
        pa.array(["Disconnected", "Disconnected", "Declined", "Rejected", "Call declined"]),
        np.array([180.0, 0.0, 30.0, 30.0, 30.0]),
    )
    assert codes.tolist() == [ANSWERED, OTHER, OTHER, OTHER, OTHER]


@pytest.mark.parametrize("abandoned", ["Abgebrochen", "Abgebrochene Anrufe", "Verpasste Anrufe"])
def test_a_german_abandoned_count_is_read(tmp_path, abandoned):
    # A German ACD's interval export, BOM, semicolons, CRLF and a trailing empty column: the
    # abandoned count had been left unread (abandoned None, no abandon rate to learn from).
    rows = [f"Datum;Intervall;Warteschlange;Anrufe angeboten;Angenommen;{abandoned};"]
    for n in range(40):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=n // 20, minutes=30 * (n % 20))
        rows.append(f"{start:%d.%m.%Y};{start:%H:%M};Service;{10 + n % 7};{8 + n % 7};2;")
    text = "\ufeff" + "\r\n".join(rows) + "\r\n"
    result = import_files_detailed([write(tmp_path, "export.csv", text)])
    dataset = result.dataset
    assert result.files[0].columns["abandoned"] == abandoned
    assert result.files[0].columns["volume"] == "Anrufe angeboten"
    assert (dataset.answered, dataset.abandoned) == (435, 80)
    assert contacts_per_queue(result) == {"Service": 515.0}
    assert at(dataset, "2024-03-04 08:30", "Service")["volume"] == 11
