"""Round-twenty-one probes: PureConnect's per-agent queue statistics (IAgentQueueStats), Genesys
Cloud's tAnswered/tAbandoned beside plain headers, an honest count of the rows used, call logs
whose arrival times happen to fall on a regular step, and an Italian report's summary line."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import clock, contacts_per_queue, note_with, write
from test_import_pureconnect import pureconnect_export

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

# --- PureConnect IAgentQueueStats -------------------------------------------------------------

AGENT_HEADER = (
    "StatisticsSet,cName,cReportGroup,cHKey3,cHKey4,cType,dIntervalStart,nDuration,nEnteredAcd,"
    "nAbandonedAcd,nAlertedAcd,nAnsweredAcd,tAnsweredAcd,tAbandonedAcd,tTalkAcd,tHoldAcd,tAcw,"
    "tAgentLoggedIn,tAgentAvailable"
)


def _agent_queue_stats(kind: str = "A") -> str:
    """Three agents in two workgroups, 30-minute intervals 08:00-12:00: agent n answers
    1 + (slot + n) % 4 calls of each workgroup, and one more call alerted them unanswered
    every third slot."""
    lines = [AGENT_HEADER]
    for slot in range(8):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * slot)
        for workgroup in ("Billing", "Support"):
            for n, agent in enumerate(("anna", "bruno", "carla")):
                answered = 1 + (slot + n) % 4
                missed = int(slot % 3 == 0)
                lines.append(
                    f"Default,{agent},{workgroup},*,*,{kind},{start:%Y-%m-%d %H:%M:%S}.000,1800,"
                    f"{answered + missed},{missed},{answered + missed},{answered},{12 * answered},"
                    f"{30 * missed},{240 * answered},{10 * answered},{50 * answered},1800,600"
                )
    return "\n".join(lines) + "\n"


def test_an_agent_queue_statistics_table_is_refused_with_what_to_export(tmp_path):
    # Before: read with each agent as a queue ("anna / Billing" ... "carla / Support"), the
    # contacts routed to each agent as the workgroup's demand: 6 queues, 172 contacts.
    path = write(tmp_path, "IAgentQueueStats.csv", _agent_queue_stats())
    with pytest.raises(InputError) as refused:
        import_files_detailed([path])
    message = str(refused.value)
    assert message.startswith(
        "IAgentQueueStats.csv: the file is PureConnect's per-agent queue statistics "
        "(IAgentQueueStats): 'cName' names each row's agent and 'cReportGroup' the workgroup."
    )
    assert "counted once per agent" in message
    assert "export the workgroup queue statistics (IWrkgrpQueueStats" in message


@pytest.mark.parametrize("kind", ["A", "Agent"])
def test_an_agent_table_is_told_by_its_type_column_under_any_file_name(tmp_path, kind):
    path = write(tmp_path, "stats_march.csv", _agent_queue_stats(kind))
    with pytest.raises(InputError, match="per-agent queue statistics"):
        import_files_detailed([path])


def test_guard_a_workgroup_table_is_still_read_by_its_workgroups(tmp_path):
    # Guard: the same columns per workgroup ("cType" Workgroup) are the queue's own counts.
    text, _ = pureconnect_export()
    result = import_files_detailed([write(tmp_path, "queue_stats.csv", text)])
    assert result.contacts == 2220


# --- Genesys Cloud timed metrics among plain headers -------------------------------------------


def test_plain_t_answered_and_t_abandoned_are_the_waits(tmp_path):
    # Before: beside "Offer", "Answer", "Abandon" the t-columns were not Hungarian enough to be
    # read: no wait and no abandoned callers' wait at all. Genesys Cloud sums them in ms per
    # interval: 20,000 ms per answered call, 45,000 ms per abandoned one.
    lines = ["Queue,Interval Start,Offer,Answer,Abandon,tHandle,tAnswered,tAbandoned"]
    for slot in range(48):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        answered, abandoned = 2 + (slot * 7) % 23, 1 + slot % 3
        lines.append(
            f"Support,{start:%Y-%m-%dT%H:%M:%S.000Z},{answered + abandoned},{answered},"
            f"{abandoned},{answered * 240_000},{answered * 20_000},{abandoned * 45_000}"
        )
    result = import_files_detailed([write(tmp_path, "genesys.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["wait"], columns["abandon wait"]) == ("tAnswered", "tAbandoned")
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    assert np.allclose(frame[schema.AHT_SECONDS], 240.0)
    assert np.allclose(frame[schema.WAIT_SECONDS], 20.0)
    assert np.allclose(frame[schema.ABANDON_WAIT_SECONDS], 45.0)


# --- the rows read and the rows used -----------------------------------------------------------


def test_the_rows_note_says_how_many_rows_were_used(tmp_path):
    # Before: "240 rows read as interval volumes (" though 80 of them were "*" roll-ups dropped
    # below: the history holds 160 rows.
    text, _ = pureconnect_export()
    result = import_files_detailed([write(tmp_path, "IWrkgrpQueueStats.csv", text)])
    assert result.dataset.notes[0].startswith(
        "IWrkgrpQueueStats.csv: 240 rows read as interval volumes, 160 of them used "
        "(comma-separated, utf-8;"
    )
    assert result.rows == 240  # the file's rows, as the detection table shows them


def test_guard_the_rows_note_is_unchanged_when_every_row_is_used(tmp_path):
    lines = ["Interval,Offered"] + [
        f"2024-03-04 {8 + slot // 2:02d}:{30 * (slot % 2):02d},{5 + slot}" for slot in range(20)
    ]
    result = import_files_detailed([write(tmp_path, "plain.csv", "\n".join(lines) + "\n")])
    assert result.dataset.notes[0].startswith("plain.csv: 20 rows read as interval volumes (")


# --- call logs whose arrivals fall on a regular step -------------------------------------------


def _on_step_log(header: str, row) -> str:
    """40 calls from 08:00 on Monday 4 March 2024, one every 8 minutes (480 s divides the day:
    the times alone look like an interval report's)."""
    start = dt.datetime(2024, 3, 4, 8)
    lines = [header] + [row(n, start + dt.timedelta(minutes=8 * n)) for n in range(40)]
    return "\n".join(lines) + "\n"


def _caller(n: int) -> str:
    """Four digits of call n's caller: callers ring in no order."""
    return f"{n * 7919 % 10_000:04d}"


def test_a_call_log_with_callers_numbers_on_a_regular_step_is_read_per_call(tmp_path):
    # Before: refused as "a report of counts per interval", offering the callers' numbers
    # ('Caller') as the count column.
    text = _on_step_log(
        "Start Time,Caller,Extension,Duration",
        lambda n, t: f"{t:%Y-%m-%d %H:%M:%S},39021234{_caller(n)},{201 + n % 4},{120 + n}",
    )
    result = import_files_detailed([write(tmp_path, "calls.csv", text)])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.files[0].columns["handle"] == "Duration"
    assert result.contacts == 40
    frame = result.dataset.intervals
    handled = frame.dropna(subset=[schema.AHT_SECONDS])
    # No outcome column: every call counts as handled, weighted by the calls of its interval.
    mean = (handled[schema.AHT_SECONDS] * handled[schema.VOLUME]).sum() / handled[
        schema.VOLUME
    ].sum()
    assert mean == pytest.approx(139.5)  # 120 + mean(0..39)
    # Counted in 15-minute intervals: 08:00 and 08:08 share the first; 09:52 is alone in
    # 09:45-10:00 (09:44 before it, 10:00 after).
    per_interval = frame.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert per_interval[dt.datetime(2024, 3, 4, 8)] == 2
    assert per_interval[dt.datetime(2024, 3, 4, 9, 45)] == 1


def test_a_callers_number_column_is_never_the_count(tmp_path):
    # Before: "Caller Number" and "Agent" were read as two queues' counts, then refused for
    # counts above ten million (the phone numbers).
    text = _on_step_log(
        "Date,Time,Caller Number,Agent,Talk",
        lambda n, t: f"{t:%d/%m/%Y},{t:%H:%M},333123{_caller(n)},{101 + n % 3},{120 + n}",
    )
    result = import_files_detailed([write(tmp_path, "registro.csv", text)])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.files[0].columns["handle"] == "Talk"
    assert contacts_per_queue(result) == {"registro": 40.0}


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # a customer number that is no phone number, beside each call's outcome
        (
            "Time,Customer,Duration,Outcome",
            lambda n, t: (
                f"{t:%Y-%m-%d %H:%M},{9000 + n},{0 if n % 5 == 0 else 120 + n},"
                f"{'Abandoned' if n % 5 == 0 else 'Answered'}"
            ),
        ),
        # a contact id and the callers' numbers written with a trunk 0
        (
            "Call Start,Call ID,Phone,Wait,Talk,Result",
            lambda n, t: (
                f"{t:%Y-%m-%d %H:%M},{55000 + n},0612{n:06d},{10 + n % 9},"
                f"{clock(0 if n % 5 == 0 else 120 + n)},{'Abandoned' if n % 5 == 0 else 'Answered'}"
            ),
        ),
    ],
)
def test_an_outcome_or_a_contact_id_per_row_makes_a_call_log(tmp_path, header, row):
    # Before: refused as a report of counts per interval ("e.g. 'Customer'", "e.g. 'Phone'").
    result = import_files_detailed([write(tmp_path, "log.csv", _on_step_log(header, row))])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.contacts == 40
    assert (result.dataset.answered, result.dataset.abandoned) == (32, 8)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Interval,DNIS,Calls Offered,AHT", lambda t: "8005550123"),  # one number on every row
        ("Interval,IntervalKey,Calls Offered,AHT", lambda t: f"{t:%Y%m%d%H%M}"),  # rising keys
    ],
)
def test_guard_a_report_on_a_regular_step_is_still_an_interval_report(tmp_path, header, key):
    # Guard: a DNIS repeated down the rows, or a key rising with them, is no caller's number;
    # the counts are read as such.
    text = _on_step_log(header, lambda n, t: f"{t:%Y-%m-%d %H:%M},{key(t)},{3 + n % 5},{200 + n}")
    result = import_files_detailed([write(tmp_path, "dnis.csv", text)])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert result.contacts == sum(3 + n % 5 for n in range(40)) == 200


def test_guard_a_report_per_disposition_still_counts_its_calls(tmp_path):
    # Guard: an outcome column beside a count named "Calls" splits each interval's calls by
    # outcome; the rows are no calls of their own.
    text = _on_step_log(
        "Interval,Disposition,Calls",
        lambda n, t: f"{t:%Y-%m-%d %H:%M},{'Answered' if n % 2 else 'Abandoned'},{1 + n % 6}",
    )
    result = import_files_detailed([write(tmp_path, "per_disposition.csv", text)])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert result.contacts == sum(1 + n % 6 for n in range(40)) == 136


# --- an Italian report: semicolons, decimal commas, a BOM, blank lines, a summary line ----------


def test_an_italian_report_names_its_one_summary_line(tmp_path):
    # Before: "lines 70–70 after the blank line are a summary block".
    lines = [
        "Data;Ora;Chiamate ricevute;Chiamate risposte;Chiamate abbandonate;"
        "Durata conversazione;Tempo medio attesa"
    ]
    offered = answered = 0
    for slot in range(64):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(days=slot // 16, minutes=30 * (slot % 16))
        calls, lost = 3 + (slot * 7) % 25, slot % 3
        offered, answered = offered + calls, answered + calls - lost
        lines.append(
            f"{start:%d/%m/%Y};{start:%H:%M};{calls};{calls - lost};{lost};"
            f"{(calls - lost) * 185},5;{12 + slot % 5},5"
        )
        if slot % 16 == 15:
            lines.append("")
    lines.append(f"Totale;;{offered};{answered};{offered - answered};;")
    text = "\ufeff" + "\r\n".join(lines) + "\r\n"
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert (result.contacts, result.dataset.answered) == (954, 891)
    assert note_with(result.dataset, "summary block") == (
        "report.csv: line 70 after the blank line is a summary block, not read "
        "('Totale;;954;891;63;;')."
    )
    frame = result.dataset.intervals.dropna(subset=[schema.AHT_SECONDS])
    assert np.allclose(frame[schema.AHT_SECONDS], 185.0, atol=0.5)  # talk totals per answered
