"""The Asterisk / FreePBX CDR reader on whole columns: a seeded CDR of a few thousand legs, both
layouts, checked against what its generator recorded call by call; and the odd rows (a call id
over several contexts, no call id column, empty fields, short rows) checked by hand."""

from __future__ import annotations

import csv
import random
from collections import Counter
from datetime import datetime, timedelta

import pytest
from import_support import note_with

from data.asterisk import asterisk_cdr
from data.importer import import_files_detailed
from data.sniff import sniff_file

_HEADER = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
    "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
    "did", "recordingfile", "cnum", "cnam",
]  # fmt: skip
_QUEUES = ["400", "401", "402"]
_OUT_CONTEXTS = ["from-internal", "macro-dialout-trunk"]


def _generate(calls: int, seed: int) -> tuple[list[tuple], list[dict]]:
    """CDR legs, (calldate, src, dst, dcontext, channel, dstchannel, lastapp, billsec,
    disposition, uniqueid), in the order Asterisk writes them (by the end of the leg), and what
    each call was."""
    rng = random.Random(seed)
    begin = datetime(2026, 3, 2, 8, 0, 0)
    legs, truth = [], []
    for n in range(calls):
        start = begin + timedelta(seconds=n * 7 + rng.randrange(5))
        stamp = start.strftime("%Y-%m-%d %H:%M:%S")
        later = (start + timedelta(seconds=2)).strftime("%Y-%m-%d %H:%M:%S")
        uid, caller = f"{1772442000 + n * 7}.{n}", f"33{rng.randrange(10**8):08d}"
        ended = (start - begin).total_seconds()  # when the leg ends, for the order of the rows
        trunk, roll = f"SIP/trunk-{n:06x}", rng.random()
        call = {"start": stamp, "queue": None, "answered": False, "talk": 0, "missed": None}
        if roll < 0.65:  # a queue call: unanswered attempts, then answered or not
            queue, context = rng.choice(_QUEUES), rng.choice(["from-trunk", "ext-queues"])
            call |= {"kind": "queue", "queue": queue}
            for attempt in range(rng.randrange(3)):
                agent = rng.randrange(200, 230)
                ended += rng.randrange(5, 30)
                # Attempts start a little after the call: the call starts with its Queue row.
                legs.append((ended, (later, caller, queue, context, trunk, f"SIP/{agent}-{n}{attempt}",
                                     "Queue", 0, "NO ANSWER", uid)))  # fmt: skip
                legs.append((ended, (later, caller, str(agent), "from-queue",
                                     f"Local/{agent}@from-queue-{n};2", f"SIP/{agent}-{n}{attempt}",
                                     "Dial", 0, "NO ANSWER", f"{uid}{attempt}")))  # fmt: skip
                call["missed"] = "NO ANSWER"
            outcome = rng.random()
            if outcome < 0.7:
                agent, talk = rng.randrange(200, 230), rng.randrange(10, 600)
                ended += talk
                legs.append((ended, (stamp, caller, queue, context, trunk, f"SIP/{agent}-{n}",
                                     "Queue", talk, "ANSWERED", uid)))  # fmt: skip
                legs.append((ended, (later, caller, str(agent), "from-queue",
                                     f"Local/{agent}@from-queue-{n};2", f"SIP/{agent}-{n}", "Dial",
                                     talk, "ANSWERED", f"{uid}L")))  # fmt: skip
                call |= {"answered": True, "talk": talk}
            else:
                # Music only (ANSWERED by the queue, no agent), BUSY, or nobody took it.
                how = "ANSWERED" if outcome < 0.8 else "BUSY" if outcome < 0.85 else "NO ANSWER"
                ended += 40
                legs.append((ended, (stamp, caller, queue, context, trunk, "", "Queue", 40, how,
                                     uid)))  # fmt: skip
                call["missed"] = call["missed"] or how
        elif roll < 0.75:  # inbound, ended in the IVR: no queue
            call["kind"] = "ivr"
            legs.append((ended + 9, (stamp, caller, "s", "ivr-2", trunk, "", "BackGround", 9, "ANSWERED",
                             uid)))  # fmt: skip
        else:  # outbound, or internal in a context only the short caller number tells
            ext, context = str(rng.randrange(200, 230)), rng.choice([*_OUT_CONTEXTS, "custom"])
            call |= {"kind": "out", "context": context}
            legs.append((ended + 30, (stamp, ext, f"0{rng.randrange(10**9):09d}", context,
                              f"SIP/{ext}-{n}", f"SIP/trunk-{n}", "Dial", 25, "ANSWERED", uid)))  # fmt: skip
        truth.append(call)
    # Written when each leg ends: calls overlap, so their rows interleave.
    order = sorted(range(len(legs)), key=lambda i: (legs[i][0], i))
    return [legs[i][1] for i in order], truth


def _freepbx(path, legs):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_HEADER)
        for stamp, src, dst, context, channel, dstchannel, app, bill, disp, uid in legs:
            writer.writerow([stamp, f'"{src}" <{src}>', src, dst, context, channel, dstchannel,
                             app, f"{dst},t,,,300", bill + 5, bill, disp, 3, "", uid, "", "", "",
                             src, ""])  # fmt: skip
    return path


def _master_csv(path, legs):
    lines = []
    for stamp, src, dst, context, channel, dstchannel, app, bill, disp, uid in legs:
        fields = ["", src, dst, context, f'""{src}"" <{src}>', channel, dstchannel, app,
                  f"{dst},,,,300", stamp, stamp if disp == "ANSWERED" else "", stamp]  # fmt: skip
        quoted = ",".join(f'"{field}"' for field in fields)
        lines.append(f'{quoted},{bill + 5},{bill},"{disp}","DOCUMENTATION","{uid}",""')
    path.write_text("\n".join(lines) + "\n")
    return path


def _read(path, tmp_path):
    """asterisk_cdr's result and the rows of the calls' file it wrote."""
    out = tmp_path / "calls"
    out.mkdir(exist_ok=True)
    cdr = asterisk_cdr(path, path.name, sniff_file(path, path.name), out)
    assert cdr is not None
    with open(cdr.path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return cdr, rows


@pytest.mark.parametrize("writer", [_freepbx, _master_csv])
def test_a_seeded_cdr_gives_the_generated_calls_in_both_layouts(tmp_path, writer):
    legs, truth = _generate(3000, seed=7)
    cdr, rows = _read(writer(tmp_path / "cdr.csv", legs), tmp_path)
    queued = [call for call in truth if call["kind"] == "queue"]
    member_legs = sum(leg[4].startswith("Local/") for leg in legs)
    assert len(legs) > 5000 and 1500 < len(queued) < 2400 and member_legs > 1500
    assert cdr.rows == len(legs)
    assert rows[0] == ["Call start", "Queue", "Outcome", "Talk time (s)"]
    # Every kept call, to the second: start, queue, outcome and talk time.
    expected = Counter(
        (c["start"], c["queue"], "Answered" if c["answered"] else "Abandoned",
         str(c["talk"]) if c["answered"] else "")
        for c in queued
    )  # fmt: skip
    assert Counter(map(tuple, rows[1:])) == expected
    starts = [row[0] for row in rows[1:]]
    assert starts == sorted(starts)
    for queue in _QUEUES:
        mine = [c for c in queued if c["queue"] == queue]
        written = [row for row in rows[1:] if row[1] == queue]
        assert len(written) == len(mine) > 300
        assert sum(int(row[3] or 0) for row in written) == sum(c["talk"] for c in mine)
        assert sum(row[2] == "Answered" for row in written) == sum(c["answered"] for c in mine)
    # The notes' numbers.
    answered = sum(c["answered"] for c in queued)
    outbound = [c for c in truth if c["kind"] == "out"]
    read, never, left, kept = cdr.notes
    assert f"its {len(legs):,} rows are {len(truth):,} call(s)" in read
    assert f"; {member_legs:,} queue-member leg(s) (Local channels)" in read
    ivr = sum(c["kind"] == "ivr" for c in truth)
    assert f"cdr.csv: {ivr:,} inbound call(s) never reached a queue" in never
    assert f"cdr.csv: {len(outbound):,} outbound or internal call(s) left out" in left
    for context, count in Counter(c["context"] for c in outbound).items():
        assert f"{context} {count:,}" in left
    assert f"{len(queued):,} inbound call(s) kept (queue from 'dst' of the Queue rows): " in kept
    assert f"{answered:,} answered" in kept
    assert f"; {len(queued) - answered:,} abandoned (" in kept
    missed = Counter(c["missed"] for c in queued if not c["answered"])
    assert missed["NO ANSWER"] and missed["BUSY"] and missed["ANSWERED"]
    for disposition, count in missed.items():
        shown = "ANSWERED by no agent" if disposition == "ANSWERED" else disposition
        assert f"{shown} {count:,}" in kept


def test_the_seeded_cdr_through_the_importer_counts_the_same_calls(tmp_path):
    legs, truth = _generate(1200, seed=11)
    result = import_files_detailed([_freepbx(tmp_path / "cdr.csv", legs)])
    queued = [call for call in truth if call["kind"] == "queue"]
    answered = [call for call in queued if call["answered"]]
    assert result.contacts == len(queued)
    assert (result.dataset.answered, result.dataset.abandoned) == (
        len(answered),
        len(queued) - len(answered),
    )
    assert result.dataset.mean_handle_seconds == pytest.approx(
        sum(c["talk"] for c in answered) / len(answered)
    )
    assert result.files[0].rows == len(legs)
    assert set(result.dataset.intervals["queue"]) == set(_QUEUES)


def _write_rows(path, header, rows, delimiter=","):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path


def _row(stamp, src, dst, context, channel, dstchannel, app, bill, disp, uid):
    return [stamp, "", src, dst, context, channel, dstchannel, app, "", bill, bill, disp, 3, "",
            uid, "", "", "", src, ""]  # fmt: skip


def test_a_call_id_with_legs_in_several_contexts_is_one_inbound_call(tmp_path):
    rows = [
        # One call: the trunk's leg, an IVR leg, then the queue (which names it); answered.
        _row("2026-03-02 09:00:05", "3331112222", "s", "ivr-main", "SIP/trunk-1", "",
             "BackGround", 5, "ANSWERED", "77.1"),
        _row("2026-03-02 09:00:00", "3331112222", "100", "from-trunk", "SIP/trunk-1", "",
             "Goto", 0, "NO ANSWER", "77.1"),
        _row("2026-03-02 09:00:09", "3331112222", "401", "ext-queues", "SIP/trunk-1", "SIP/201-2",
             "Queue", 130, "ANSWERED", "77.1"),
        # Another, started from an extension's context but sent to a queue: inbound all the same.
        _row("2026-03-02 09:10:00", "201", "400", "from-internal", "SIP/201-3", "", "Dial", 0,
             "NO ANSWER", "78.1"),
        _row("2026-03-02 09:10:01", "201", "400", "ext-queues", "SIP/201-3", "", "Queue", 0,
             "BUSY", "78.1"),
        # Outbound: two legs of one call, two contexts.
        _row("2026-03-02 09:20:00", "202", "0299999999", "from-internal", "SIP/202-4",
             "SIP/trunk-5", "Dial", 60, "ANSWERED", "79.1"),
        _row("2026-03-02 09:20:00", "202", "0299999999", "macro-dialout-trunk", "SIP/202-4",
             "SIP/trunk-5", "Dial", 60, "ANSWERED", "79.1"),
    ]  # fmt: skip
    cdr, written = _read(_write_rows(tmp_path / "cdr.csv", _HEADER, rows), tmp_path)
    assert written[1:] == [
        ["2026-03-02 09:00:00", "401", "Answered", "130"],  # its earliest leg's start
        ["2026-03-02 09:10:00", "400", "Abandoned", ""],
    ]
    assert "its 7 rows are 3 call(s), rows sharing a call id being one call." in cdr.notes[0]
    assert (
        "1 outbound or internal call(s) left out (dialled from an extension; rows by dcontext: "
        "from-internal 1, macro-dialout-trunk 1)"
    ) in cdr.notes[1]
    assert "2 inbound call(s) kept" in cdr.notes[2]
    assert "1 answered" in cdr.notes[2] and "1 abandoned (NO ANSWER 1)" in cdr.notes[2]


def test_without_a_uniqueid_column_every_row_is_a_call(tmp_path):
    header = [name for name in _HEADER if name != "uniqueid"]
    rows = [
        _row("2026-03-02 09:00:00", "3331112222", "400", "from-trunk", "SIP/trunk-1", "",
             "Queue", 0, "NO ANSWER", "1"),
        _row("2026-03-02 09:00:00", "3331112222", "400", "from-trunk", "SIP/trunk-1", "SIP/201-2",
             "Queue", 95, "ANSWERED", "1"),
        _row("2026-03-02 09:05:00", "201", "0299999999", "from-internal", "SIP/201-3",
             "SIP/trunk-4", "Dial", 30, "ANSWERED", "2"),
    ]  # fmt: skip
    rows = [row[:14] + row[15:] for row in rows]  # the uniqueid field left out
    cdr, written = _read(_write_rows(tmp_path / "cdr.csv", header, rows), tmp_path)
    assert "its 3 rows are 3 call(s)" in cdr.notes[0]
    assert written[1:] == [
        ["2026-03-02 09:00:00", "400", "Abandoned", ""],
        ["2026-03-02 09:00:00", "400", "Answered", "95"],
    ]


def test_empty_fields_are_read_as_the_row_by_row_rules_say(tmp_path):
    rows = [
        # No call id: calls of their own, though their other fields match.
        _row("2026-03-02 09:00:00", "3330000001", "400", "from-trunk", "SIP/trunk-1", "SIP/201-1",
             "Queue", 60, "ANSWERED", ""),
        _row("2026-03-02 09:00:00", "3330000001", "400", "from-trunk", "SIP/trunk-1", "SIP/202-1",
             "Queue", 40, "ANSWERED", "  "),
        # The first Queue row names no queue: the next one does. No disposition: abandoned.
        _row("2026-03-02 09:01:00", "3330000002", "", "from-trunk", "SIP/trunk-2", "",
             "Queue", 0, "", "5.2"),
        _row("2026-03-02 09:01:00", "3330000002", "401", "from-trunk", "SIP/trunk-2", "",
             "Queue", 0, "NO ANSWER", "5.2"),
        # ANSWERED with an agent but no billsec: answered, 0 s.
        _row("2026-03-02 09:02:00", "3330000003", "401", "from-trunk", "SIP/trunk-3", "SIP/203-3",
             "Queue", "", "ANSWERED", "5.3"),
        # No context, an extension calling: outbound, counted as "no context".
        _row("2026-03-02 09:03:00", "204", "0299999999", "", "SIP/204-4", "SIP/trunk-4", "Dial",
             30, "ANSWERED", "5.4"),
        # No context, no caller number: from outside.
        _row("2026-03-02 09:04:00", "", "401", "", "SIP/trunk-5", "SIP/205-5", "Queue", 70,
             "ANSWERED", "5.5"),
    ]  # fmt: skip
    cdr, written = _read(_write_rows(tmp_path / "cdr.csv", _HEADER, rows), tmp_path)
    assert written[1:] == [
        ["2026-03-02 09:00:00", "400", "Answered", "60"],
        ["2026-03-02 09:00:00", "400", "Answered", "40"],
        ["2026-03-02 09:01:00", "401", "Abandoned", ""],
        ["2026-03-02 09:02:00", "401", "Answered", "0"],
        ["2026-03-02 09:04:00", "401", "Answered", "70"],
    ]
    assert "its 7 rows are 6 call(s)" in cdr.notes[0]
    assert "rows by dcontext: no context 1)" in cdr.notes[1]
    assert "5 inbound call(s) kept" in cdr.notes[2]
    assert "4 answered" in cdr.notes[2] and "1 abandoned (no disposition 1)." in cdr.notes[2]


def test_short_rows_are_kept_in_a_header_cdr_and_dropped_in_a_master_csv(tmp_path):
    legs, truth = _generate(400, seed=3)
    path = _freepbx(tmp_path / "cdr.csv", legs)
    lines = path.read_text().splitlines(keepends=True)
    # A Queue leg cut after its channel (no dstchannel, disposition, uniqueid): a call of its
    # own, abandoned; a one-field line and a blank line are no rows.
    cut = "2026-03-02 09:00:00,,3339999999,402,from-trunk,SIP/trunk-x,,Queue\r\n"
    path.write_text("".join([*lines[:200], cut, "a note\r\n", "\r\n", *lines[200:]]))
    cdr, written = _read(path, tmp_path)
    queued = [call for call in truth if call["kind"] == "queue"]
    assert cdr.rows == len(legs) + 1
    assert len(written) - 1 == len(queued) + 1
    assert ["2026-03-02 09:00:00", "402", "Abandoned", ""] in written
    assert f"its {len(legs) + 1:,} rows are {len(truth) + 1:,} call(s)" in cdr.notes[0]

    # Master.csv: its sniffed head must be all Master.csv lines, so the odd ones come later.
    legs, truth = _generate(1500, seed=3)
    queued = [call for call in truth if call["kind"] == "queue"]
    master = _master_csv(tmp_path / "Master.csv", legs)
    lines = master.read_text().splitlines(keepends=True)
    assert len(lines) > 2400
    short = lines[2300].rsplit(",", 3)[0] + "\n"  # 15 fields: not a Master.csv row
    lines[2310] = lines[2310].rsplit(",", 1)[0] + "\n"  # 17 fields (no userfield): a row
    master.write_text("".join([*lines[:2300], short, *lines[2300:]]))
    cdr, written = _read(master, tmp_path)
    assert cdr.rows == len(legs)
    assert Counter(row[2] for row in written[1:]) == Counter(
        "Answered" if call["answered"] else "Abandoned" for call in queued
    )
    assert "its 18 fields a line" in cdr.notes[0]


def test_a_queue_name_with_a_comma_is_written_quoted(tmp_path):
    rows = [
        _row("2026-03-02 09:00:00", "3330000001", 'Sales, "EU"', "from-trunk", "SIP/trunk-1",
             "SIP/201-1", "Queue", 60, "ANSWERED", "1.1"),
        _row("2026-03-02 09:01:00", "3330000002", "Support", "from-trunk", "SIP/trunk-2", "",
             "Queue", 0, "NO ANSWER", "1.2"),
    ]  # fmt: skip
    path = _write_rows(tmp_path / "cdr.csv", [*_HEADER[:4], *_HEADER[4:]], rows, delimiter=";")
    cdr, written = _read(path, tmp_path)
    assert written[1:] == [
        ["2026-03-02 09:00:00", 'Sales, "EU"', "Answered", "60"],
        ["2026-03-02 09:01:00", "Support", "Abandoned", ""],
    ]
    assert (
        cdr.path.read_bytes().splitlines()[1] == b'2026-03-02 09:00:00,"Sales, ""EU""",Answered,60'
    )
    result = import_files_detailed([path])
    assert note_with(result.dataset, "inbound call(s) kept").startswith("cdr.csv: 2 inbound")
