"""Asterisk / FreePBX call-detail records (CDR): one row per call leg, both directions, the
direction only in the dialplan context. Rewritten here as one row per inbound call (arrival,
queue, answered or abandoned, talk time) for the ordinary reader."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data.errors import InputError
from data.sniff import TextFormat

# The fields of Asterisk's cdr-csv Master.csv, which has no header row; `uniqueid` and
# `userfield` are only written with loguniqueid / loguserfield, so 16 to 18 fields a line.
MASTER_CSV_FIELDS = (
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
    "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
    "uniqueid", "userfield",
)  # fmt: skip
MASTER_CSV_MIN_FIELDS = 16
DISPOSITIONS = {"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"}
ANSWERED = "ANSWERED"
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")
_WHOLE = re.compile(r"^\d+$")
# A header holding these is a CDR (FreePBX "CDR Reports", a cdr_adaptive_odbc table dump).
_CDR_HEADER = {"dcontext", "lastapp", "disposition", "billsec", "dstchannel"}

# Dialplan contexts (FreePBX's, by prefix) where calls from outside arrive, and where calls of
# the extensions go out or ring another extension: no demand.
INBOUND_CONTEXTS = (
    "from-trunk", "from-pstn", "from-did", "from-external", "from-sip-external", "from-dahdi",
    "from-zaptel", "from-analog", "ext-queues",
)  # fmt: skip
INTERNAL_CONTEXTS = ("from-internal", "macro-dialout", "outrt", "outbound-allroutes", "from-queue")
QUEUE_APP = "queue"
LOCAL_CHANNEL = "local/"  # a leg the PBX opened itself (a queue member's), within another call
# In any other context the caller tells: an extension has a short number, a caller from
# outside a full one (or none shown).
EXTENSION_DIGITS = 6

CDR_QUEUE = "Queue"
OUTPUT_HEADER = ["Call start", CDR_QUEUE, "Outcome", "Talk time (s)"]
CDR_OUTCOME_NOTE = "outcome 'Outcome':"  # the reader's note on the calls' outcomes


@dataclass
class _Call:
    start: str  # as written: ISO date-times ("2026-03-02 09:01:10") sort as text
    inbound: bool = False
    queue: str | None = None
    answered: bool = False
    talk: int = 0
    dispositions: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)


@dataclass
class AsteriskCdr:
    path: Path  # one row per inbound call, OUTPUT_HEADER
    notes: list[str]
    rows: int  # CDR rows read
    header: list[str]
    columns: dict[str, str]  # role -> CDR column, for the report


def asterisk_cdr(
    path: Path, name: str, text_format: TextFormat, folder: Path
) -> AsteriskCdr | None:
    """The CDR as one row per inbound call written in `folder`, with the notes that say what
    was read and left out; None when the file is no Asterisk CDR. InputError when no call of
    the CDR is inbound."""
    header = [cell.strip().lower() for cell in text_format.header]
    if _is_cdr_header(header):
        names, skip, headerless = header, text_format.header_line + 1, False
    elif _is_master_csv([text_format.header, *text_format.sample_rows]):
        names, skip, headerless = list(MASTER_CSV_FIELDS), 0, True
    else:
        return None
    records = _records(path, text_format, skip)
    rows = [dict(zip(names, record, strict=False)) for record in records if len(record) > 1]
    if headerless:
        rows = [row for row in rows if len(row) >= MASTER_CSV_MIN_FIELDS]
    if not rows:
        raise InputError(f"{name}: no data rows were found below the header.")
    fields = len(records[0])
    start = "calldate" if "calldate" in names else "start"
    calls, legs = _calls(rows, start, "linkedid" if "linkedid" in names else "uniqueid")
    notes = [_read_note(name, len(rows), len(calls), legs, headerless, fields)]
    inbound = [call for call in calls.values() if call.inbound]
    if not inbound:
        raise InputError(_nothing_inbound(name, list(calls.values()), legs))
    outgoing = [call for call in calls.values() if not call.inbound]
    queued = [call for call in inbound if call.queue is not None]
    if queued and len(queued) < len(inbound):
        notes.append(
            f"{name}: {len(inbound) - len(queued):,} inbound call(s) never reached a queue "
            "('lastapp' Queue: they rang an extension or a ring group, or ended in the IVR or "
            "voicemail) left out: they were no queue's demand."
        )
    kept = queued or inbound
    if outgoing:
        notes.append(
            f"{name}: {len(outgoing):,} outbound or internal call(s) left out (dialled from an "
            f"extension; {_contexts(outgoing)}): only inbound calls are demand."
        )
    notes.append(_outcome_note(name, kept, bool(queued)))
    out = folder / f"{Path(name).stem}.csv"
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_HEADER if queued else [c for c in OUTPUT_HEADER if c != CDR_QUEUE])
        for call in sorted(kept, key=lambda c: c.start):
            outcome = "Answered" if call.answered else "Abandoned"
            talk = str(call.talk) if call.answered else ""
            cells = [call.start, call.queue, outcome, talk]
            writer.writerow(cells if queued else [cells[0], *cells[2:]])
    columns = {"timestamp": start, "handle": "billsec", "outcome": "disposition"}
    if queued:
        columns["queue"] = "dst"
    shown = list(MASTER_CSV_FIELDS[:fields]) if headerless else text_format.header
    return AsteriskCdr(out, notes, len(rows), shown, columns)


def cdr_columns(text_format: TextFormat) -> list[str] | None:
    """The column names of a file `asterisk_cdr` reads (Master.csv's documented fields: its
    first line is a call, not a header); None for any other file. For the column mapping."""
    if _is_cdr_header([cell.strip().lower() for cell in text_format.header]):
        return list(text_format.header)
    if _is_master_csv([text_format.header, *text_format.sample_rows]):
        return list(MASTER_CSV_FIELDS[: len(text_format.header)])
    return None


def _is_cdr_header(header: list[str]) -> bool:
    return _CDR_HEADER <= set(header) and ("calldate" in header or "start" in header)


def _is_master_csv(sample: list[list[str]]) -> bool:
    """Every sampled line has the Master.csv shape: 16-18 fields, a start time in the 10th,
    durations in the 13th and 14th, a disposition in the 15th. Any other headerless file is
    not guessed at."""
    lengths = {len(row) for row in sample}
    if len(lengths) != 1 or not MASTER_CSV_MIN_FIELDS <= lengths.pop() <= len(MASTER_CSV_FIELDS):
        return False
    return all(
        _STAMP.match(row[9].strip())
        and _WHOLE.match(row[12].strip())
        and _WHOLE.match(row[13].strip())
        and row[14].strip().upper() in DISPOSITIONS
        for row in sample
    )


def _records(path: Path, text_format: TextFormat, skip: int) -> list[list[str]]:
    with open(path, encoding=text_format.encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=text_format.delimiter)
        records = list(reader)
    if records and records[0] and records[0][0].startswith("\ufeff"):
        records[0][0] = records[0][0][1:]
    return records[skip:]


def _direction(row: dict[str, str]) -> bool | None:
    """True for a row of an inbound call, False for one dialled from an extension, None for a
    PBX-opened leg of another call (a queue member's Local channel)."""
    if row.get("channel", "").strip().lower().startswith(LOCAL_CHANNEL):
        return None
    if row.get("lastapp", "").strip().lower() == QUEUE_APP:
        return True
    context = row.get("dcontext", "").strip().lower()
    if context.startswith(INBOUND_CONTEXTS):
        return True
    if context.startswith(INTERNAL_CONTEXTS):
        return False
    caller = row.get("src", "").strip().lstrip("+")
    return not (caller.isdigit() and len(caller) <= EXTENSION_DIGITS)


def _calls(rows: list[dict[str, str]], start: str, key: str) -> tuple[dict[str, _Call], int]:
    """The calls of the rows (rows sharing `key` are the legs of one: a ring group's, a
    queue's attempts) and the number of PBX-opened legs left out."""
    calls: dict[str, _Call] = {}
    legs = 0
    for index, row in enumerate(rows):
        direction = _direction(row)
        if direction is None:
            legs += 1
            continue
        text = row.get(start, "").strip()
        call = calls.setdefault(row.get(key, "").strip() or f"row {index}", _Call(text))
        if _STAMP.match(text) and _STAMP.match(call.start) and text < call.start:
            call.start = text  # the first leg's start is the call's arrival
        call.inbound |= direction
        call.contexts.append(row.get("dcontext", "").strip() or "no context")
        disposition = row.get("disposition", "").strip().upper()
        call.dispositions.append(disposition)
        if row.get("lastapp", "").strip().lower() == QUEUE_APP and call.queue is None:
            call.queue = row.get("dst", "").strip() or None
        # ANSWERED alone is not an agent: the queue or IVR answers a call to play music to
        # it; a channel that took the call is.
        if disposition == ANSWERED and row.get("dstchannel", "").strip():
            call.answered = True
            call.talk += _whole(row.get("billsec", ""))
    return calls, legs


def _whole(text: str) -> int:
    text = text.strip()
    return int(text) if _WHOLE.match(text) else 0


def _read_note(name: str, rows: int, calls: int, legs: int, headerless: bool, fields: int) -> str:
    if headerless:
        how = (
            f"{name} has no header row; its {fields} fields a line are those of the Asterisk "
            f"call-detail record Master.csv ({', '.join(MASTER_CSV_FIELDS[:fields])}) and were "
            "read so"
        )
    else:
        how = f"{name} was read as an Asterisk / FreePBX call-detail record (CDR)"
    joined = f": its {rows:,} rows are {calls:,} call(s), rows sharing a call id being one call"
    local = (
        f"; {legs:,} queue-member leg(s) (Local channels) within those calls left out"
        if (legs)
        else ""
    )
    return f"{how}{joined}{local}."


def _outcome_note(name: str, calls: list[_Call], queued: bool) -> str:
    answered = sum(call.answered for call in calls)
    missed = Counter(
        next((d for d in call.dispositions if d != ANSWERED), ANSWERED)
        for call in calls
        if not call.answered
    )
    shown = ", ".join(
        f"{'ANSWERED by no agent' if d == ANSWERED else d or 'no disposition'} {n:,}"
        for d, n in missed.most_common()
    )
    where = "queue from 'dst' of the Queue rows" if queued else "one queue, no call reached one"
    return (
        f"{name}: {len(calls):,} inbound call(s) kept ({where}): {answered:,} answered "
        "('disposition' ANSWERED with an agent's 'dstchannel'), with 'billsec' (talk time, "
        f"without ringing) as the handle time; {len(calls) - answered:,} abandoned"
        f"{f' ({shown})' if shown else ''}."
    )


def _contexts(calls: list[_Call]) -> str:
    """The contexts of the calls' rows, most used first: "dcontext from-internal 5 rows"."""
    counted = Counter(context for call in calls for context in call.contexts)
    shown = [f"{context} {n:,}" for context, n in counted.most_common(4)]
    more = f" and {len(counted) - 4} more" if len(counted) > 4 else ""
    return f"rows by dcontext: {', '.join(shown)}{more}"


def _nothing_inbound(name: str, calls: list[_Call], legs: int) -> str:
    found = _contexts(calls) if calls else f"only {legs:,} queue-member leg(s)"
    return (
        f"{name}: this Asterisk call-detail record holds no inbound call: its {len(calls):,} "
        f"call(s) were dialled from extensions, outbound or internal ({found}). Picco forecasts "
        "inbound demand: export the CDR of a period with the calls that came in on the "
        "trunks (contexts such as from-trunk or from-pstn) or reached a queue."
    )
