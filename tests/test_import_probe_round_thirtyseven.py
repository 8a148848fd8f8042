"""Round-thirty-seven probes: a call log's missed-call reason ("Call was not picked by any
agent") read beside its call type ("Voicemail"), so a voicemail is one whichever column is read
first."""

from __future__ import annotations

import datetime as dt

from import_support import note_with, spread_arrival, write

from data import schema
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


def _outcomes(result) -> tuple[float, float]:
    frame = result.dataset.intervals
    return float(frame[schema.ANSWERED].sum()), float(frame[schema.ABANDONED].sum())


# --- A missed-call reason beside a call type of outcomes ----------------------------------------


def _call_log(voicemail_reason: str) -> str:
    """100 calls, JustCall's columns: of every five, three answered, one missed, one voicemail;
    the missed-call reason empty where answered, `voicemail_reason` on the voicemails."""
    lines = ["Call Date,Call Time,Call Direction,Call Type,Call Duration,Missed Call Reason"]
    for n in range(100):
        t = spread_arrival(n)
        kind = ["Answered", "Answered", "Missed", "Answered", "Voicemail"][n % 5]
        talk = {"Answered": 60 + n % 50, "Voicemail": 25}.get(kind, 0)
        reason = {"Missed": "Call was not picked by any agent", "Voicemail": voicemail_reason}
        lines.append(f"{t:%Y-%m-%d},{t:%H:%M:%S},Incoming,{kind},{talk},{reason.get(kind, '')}")
    return "\n".join(lines) + "\n"


def test_a_voicemail_whose_missed_reason_says_only_missed_is_a_voicemail(tmp_path):
    # The call type alone reads 60 answered, 20 abandoned and 20 voicemails (9f3da39); the
    # missed-call reason, read first for the closed center it may name, said 40 abandoned.
    # Before: (60, 40), the voicemails' "not picked by any agent" read as abandons.
    text = _call_log("Call was not picked by any agent")
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    assert result.files[0].columns["outcome"] == "Missed Call Reason"
    assert result.files[0].columns["call type"] == "Call Type"
    assert result.contacts == 100
    assert _outcomes(result) == (60.0, 20.0)
    assert note_with(result.dataset, "read from 'Call Type'").startswith(
        "calls.csv: 20 row(s) read from 'Call Type', whose outcome the missed-call reason did "
        "not tell apart: Voicemail -> voicemail (20)"
    )


def test_a_voicemail_without_a_missed_reason_is_no_answered_call(tmp_path):
    # An empty reason reads as answered; the call type says the call went to voicemail.
    # Before: (80, 20), the voicemails counted as answered calls.
    result = import_files_detailed([write(tmp_path, "calls.csv", _call_log(""))])
    assert _outcomes(result) == (60.0, 20.0)


def test_guard_a_reason_naming_the_closed_center_stays_closed(tmp_path):
    # A reason the call type cannot tell (the center was closed) is kept: 20 voicemails of the
    # closed center are no demand, the 20 missed calls abandoned.
    result = import_files_detailed([write(tmp_path, "calls.csv", _call_log("out_of_hours"))])
    assert result.contacts == 80
    assert _outcomes(result) == (60.0, 20.0)
