"""Round-ten probes: PBX call-detail records small contact centers upload. A FreePBX "CDR
Reports" export and Asterisk's headerless Master.csv (one row per call leg, both directions,
the direction only in the dialplan context), a 3CX call log, a CDR with no inbound call."""

from __future__ import annotations

import csv

import pytest
from import_support import at, note_with

from data.errors import InputError
from data.importer import import_files_detailed

_FREEPBX_HEADER = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
    "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
    "did", "recordingfile", "cnum", "cnam",
]  # fmt: skip

# (calldate, src, dst, dcontext, channel, dstchannel, lastapp, duration, billsec, disposition,
# uniqueid). The truth, inbound only: queue 400 at 09:00 has 3 calls (2 answered, 200 s and
# 120 s; 1 nobody took), at 09:30 1 (a ring-group-like call of three rows, answered on the
# second, 180 s), at 09:45 1 (BUSY) and 1 answered by the queue's music only (ANSWERED without
# an agent's channel: abandoned); queue 401 at 09:15 has 1 answered (300 s). Left out: an
# outbound and an internal call, a queue member's Local leg, a call that ended in the IVR.
_CALLS = [
    ("2026-03-02 09:01:10", "3331234567", "400", "ext-queues", "SIP/trunk-01", "SIP/201-02",
     "Queue", 215, 200, "ANSWERED", "1772442070.1"),
    ("2026-03-02 09:05:00", "3337654321", "400", "ext-queues", "SIP/trunk-03", "SIP/202-04",
     "Queue", 130, 120, "ANSWERED", "1772442300.3"),
    ("2026-03-02 09:10:00", "3330000001", "400", "ext-queues", "SIP/trunk-05", "",
     "Queue", 45, 0, "NO ANSWER", "1772442600.5"),
    ("2026-03-02 09:20:00", "3330000002", "401", "from-trunk", "SIP/trunk-07", "SIP/203-08",
     "Queue", 310, 300, "ANSWERED", "1772443200.7"),
    ("2026-03-02 09:25:00", "201", "3339999999", "from-internal", "SIP/201-09", "SIP/trunk-10",
     "Dial", 100, 90, "ANSWERED", "1772443500.9"),
    ("2026-03-02 09:27:00", "201", "202", "from-internal", "SIP/201-11", "SIP/202-12",
     "Dial", 50, 40, "ANSWERED", "1772443620.11"),
    ("2026-03-02 09:40:00", "3330000003", "400", "from-trunk", "SIP/trunk-13", "SIP/204-14",
     "Queue", 20, 0, "NO ANSWER", "1772444400.13"),
    ("2026-03-02 09:40:00", "3330000003", "400", "from-trunk", "SIP/trunk-13", "SIP/205-15",
     "Queue", 195, 180, "ANSWERED", "1772444400.13"),
    ("2026-03-02 09:40:00", "3330000003", "400", "from-trunk", "SIP/trunk-13", "SIP/206-16",
     "Queue", 20, 0, "NO ANSWER", "1772444400.13"),
    ("2026-03-02 09:40:05", "3330000003", "205", "from-queue", "Local/205@from-queue-17;2",
     "SIP/205-15", "Dial", 190, 180, "ANSWERED", "1772444405.17"),
    ("2026-03-02 09:50:00", "3330000004", "400", "from-pstn", "SIP/trunk-18", "",
     "Queue", 20, 0, "BUSY", "1772445000.18"),
    ("2026-03-02 09:55:00", "3330000005", "400", "ext-queues", "SIP/trunk-19", "",
     "Queue", 90, 75, "ANSWERED", "1772445300.19"),
    ("2026-03-02 09:58:00", "3330000006", "s", "ivr-2", "SIP/trunk-20", "",
     "BackGround", 12, 12, "ANSWERED", "1772445480.20"),
]  # fmt: skip


def _freepbx(path, calls=_CALLS):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_FREEPBX_HEADER)
        for stamp, src, dst, context, channel, dstchannel, app, dur, bill, disp, uid in calls:
            clid = f'"{src}" <{src}>'
            writer.writerow([stamp, clid, src, dst, context, channel, dstchannel, app, dst, dur,
                             bill, disp, 3, "", uid, "", "0212345678", "", src, ""])  # fmt: skip
    return path


def _master_csv(path, calls=_CALLS):
    """Asterisk's cdr-csv Master.csv: no header, every field quoted but the durations."""
    lines = []
    for stamp, src, dst, context, channel, dstchannel, app, dur, bill, disp, uid in calls:
        answer = stamp if disp == "ANSWERED" else ""
        fields = ["", src, dst, context, f'""{src}"" <{src}>', channel, dstchannel, app,
                  f"{dst},,,,300", stamp, answer, stamp]  # fmt: skip
        quoted = ",".join(f'"{field}"' for field in fields)
        lines.append(f'{quoted},{dur},{bill},"{disp}","DOCUMENTATION","{uid}",""')
    path.write_text("\n".join(lines) + "\n")
    return path


def _check_asterisk_truth(result) -> None:
    data = result.dataset
    assert result.contacts == 7
    assert (data.answered, data.abandoned) == (4, 3)
    assert data.mean_handle_seconds == pytest.approx((200 + 120 + 300 + 180) / 4)
    assert set(data.intervals["queue"]) == {"400", "401"}
    first = at(data, "2026-03-02 09:00", "400")
    assert (first["volume"], first["answered"], first["abandoned"]) == (3, 2, 1)
    assert first["aht_seconds"] == 160
    assert at(data, "2026-03-02 09:15", "401")["aht_seconds"] == 300
    ring = at(data, "2026-03-02 09:30", "400")  # three rows, one call
    assert (ring["volume"], ring["answered"], ring["aht_seconds"]) == (1, 1, 180)
    late = at(data, "2026-03-02 09:45", "400")
    assert (late["volume"], late["answered"], late["abandoned"]) == (2, 0, 2)
    assert "2 outbound or internal call(s) left out (dialled from an extension; rows by " in (
        note_with(data, "outbound or internal call(s) left out")
    )
    assert "dcontext: from-internal 2)" in note_with(data, "outbound or internal call(s)")
    assert "1 inbound call(s) never reached a queue" in note_with(data, "never reached a queue")
    kept = note_with(data, "inbound call(s) kept")
    assert "7 inbound call(s) kept (queue from 'dst' of the Queue rows): 4 answered" in kept
    assert "'billsec' (talk time, without ringing) as the handle time; 3 abandoned" in kept
    assert "(NO ANSWER 1, BUSY 1, ANSWERED by no agent 1)" in kept
    assert "1 queue-member leg(s) (Local channels)" in note_with(data, "call-detail record")


def test_a_freepbx_cdr_export_counts_inbound_queue_calls_with_billsec(tmp_path):
    # Had been read with 'channel' as the queue, 'duration' (with ringing) as the handle time,
    # BUSY as answered and the outbound and internal calls as demand.
    result = import_files_detailed([_freepbx(tmp_path / "cdr.csv")])
    _check_asterisk_truth(result)
    assert "its 13 rows are 10 call(s)" in note_with(result.dataset, "read as an Asterisk")
    report = result.files[0]
    assert report.columns == {
        "timestamp": "calldate", "handle": "billsec", "outcome": "disposition", "queue": "dst",
    }  # fmt: skip
    assert report.rows == 13


def test_asterisk_master_csv_without_header_is_read_by_its_documented_layout(tmp_path):
    # Had been read with its first call as the header ('ext-queues' a queue) and no outcomes.
    result = import_files_detailed([_master_csv(tmp_path / "Master.csv")])
    _check_asterisk_truth(result)
    assert "Master.csv has no header row; its 18 fields a line are those of the Asterisk " in (
        note_with(result.dataset, "no header row")
    )
    assert result.files[0].header[14] == "disposition"


def test_a_cdr_without_queue_calls_is_one_queue_of_its_inbound_calls(tmp_path):
    calls = [
        ("2026-03-02 10:01:00", "3331234567", "600", "ext-group", "SIP/trunk-1", "SIP/201-2",
         "Dial", 20, 0, "NO ANSWER", "17.1"),
        ("2026-03-02 10:01:00", "3331234567", "600", "ext-group", "SIP/trunk-1", "SIP/202-3",
         "Dial", 100, 95, "ANSWERED", "17.1"),
        ("2026-03-02 10:05:00", "3337654321", "201", "from-did-direct", "SIP/trunk-4", "SIP/201-5",
         "Dial", 30, 0, "NO ANSWER", "17.4"),
        ("2026-03-02 10:07:00", "201", "0298765432", "from-internal", "SIP/201-6", "SIP/trunk-7",
         "Dial", 60, 55, "ANSWERED", "17.6"),
    ]  # fmt: skip
    data = import_files_detailed([_freepbx(tmp_path / "office.csv", calls)]).dataset
    assert set(data.intervals["queue"]) == {"office"}
    row = at(data, "2026-03-02 10:00")
    assert (row["volume"], row["answered"], row["abandoned"], row["aht_seconds"]) == (2, 1, 1, 95)
    assert "2 inbound call(s) kept (one queue, no call reached one): 1 answered" in note_with(
        data, "inbound call(s) kept"
    )


@pytest.mark.parametrize("writer", [_freepbx, _master_csv])
def test_a_cdr_of_outbound_and_internal_calls_only_is_refused_by_name(tmp_path, writer):
    calls = [call for call in _CALLS if call[3] == "from-internal"]
    with pytest.raises(InputError) as caught:
        import_files_detailed([writer(tmp_path / "out.csv", calls)])
    message = str(caught.value)
    assert "out.csv: this Asterisk call-detail record holds no inbound call: its 2 call(s)" in (
        message
    )
    assert "(rows by dcontext: from-internal 2)" in message
    assert "from-trunk or from-pstn" in message


def test_a_headerless_file_of_another_shape_is_not_read_as_asterisk(tmp_path):
    # Sixteen fields but no disposition where Master.csv has one: not guessed at.
    line = ",".join(["2026-03-02 09:00:00"] + [str(n) for n in range(15)])
    path = tmp_path / "other.csv"
    path.write_text(f"{line}\n{line}\n")
    with pytest.raises(InputError) as caught:
        import_files_detailed([path])
    assert "Asterisk" not in str(caught.value)


_3CX_OLD = [
    ["Call Time", "From", "To", "Direction", "Status", "Ringing", "Talking", "Totals", "Cost"],
    ["2026-03-02 09:01:10", "3331234567", "800 Support", "Inbound", "Answered", "00:00:15",
     "00:03:20", "00:03:35", "0.00"],
    ["2026-03-02 09:05:00", "3337654321", "800 Support", "Inbound", "Answered", "00:00:10",
     "00:02:00", "00:02:10", "0.00"],
    ["2026-03-02 09:10:00", "3330000001", "800 Support", "Inbound", "Unanswered", "00:00:45",
     "00:00:00", "00:00:45", "0.00"],
    ["2026-03-02 09:12:00", "201 Anna", "3339999999", "Outbound", "Answered", "00:00:05",
     "00:01:30", "00:01:35", "0.10"],
    ["2026-03-02 09:14:00", "201 Anna", "202 Bob", "Internal", "Answered", "00:00:05",
     "00:00:40", "00:00:45", "0.00"],
    ["2026-03-02 09:20:00", "3330000002", "801 Sales", "Inbound", "Answered", "00:00:12",
     "00:05:00", "00:05:12", "0.00"],
]  # fmt: skip


@pytest.mark.parametrize("newer", [False, True])
def test_a_3cx_call_log_keeps_inbound_calls_with_talking_as_handle_time(tmp_path, newer):
    rows = [list(row) for row in _3CX_OLD]
    if newer:  # "Call ID" first, "Play Time" and "Reason" added
        rows = [["Call ID", *rows[0][:8], "Play Time", "Cost", "Reason"]] + [
            [f"0000A{n}", *row[:8], "00:00:00", row[8], f"Terminated by {row[1]}"]
            for n, row in enumerate(rows[1:])
        ]
    path = tmp_path / "calls.csv"
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = import_files_detailed([path])
    data = result.dataset
    assert result.contacts == 4
    assert (data.answered, data.abandoned) == (3, 1)
    assert data.mean_handle_seconds == pytest.approx((200 + 120 + 300) / 3)
    first = at(data, "2026-03-02 09:00")
    assert (first["volume"], first["answered"], first["abandoned"]) == (3, 2, 1)
    assert first["aht_seconds"] == 160
    assert "2 row(s) with 'Direction' = Outbound, Internal left out" in note_with(
        data, "left out: only inbound"
    )
    assert "Unanswered -> abandoned (1)" in note_with(data, "outcome 'Status':")


def test_a_3cx_call_log_of_outbound_calls_only_names_what_it_left_out(tmp_path):
    rows = [_3CX_OLD[0], _3CX_OLD[4], _3CX_OLD[5], _3CX_OLD[4]]
    path = tmp_path / "out.csv"
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(InputError) as caught:
        import_files_detailed([path])
    # Had named the column only, not what it held.
    assert (
        "out.csv: every row is an outbound or internal call (column 'Direction': Outbound 2, "
        "Internal 1), all left out."
    ) in str(caught.value)
