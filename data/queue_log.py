"""Asterisk's queue_log, app_queue's event log: one pipe-separated line per queue event and no
header ("1709539904|1709539904.12|support|NONE|ENTERQUEUE||0612345678|1"). Its fields are
time|callid|queuename|agent|event|data1|data2|data3|data4|data5 (Asterisk's "Queue Logs"
documentation). Rewritten here as one row per call that entered a queue (arrival, queue,
outcome, wait, talk time) for the ordinary reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from data.errors import InputError
from data.sniff import TextFormat
from data.timestamps import parse_number

# The events app_queue writes; a file is a queue_log when nearly every sampled line names one
# in its fifth field after a Unix time.
EVENTS = frozenset({
    "ENTERQUEUE", "CONNECT", "ABANDON", "COMPLETECALLER", "COMPLETEAGENT", "EXITWITHTIMEOUT",
    "EXITWITHKEY", "EXITEMPTY", "RINGNOANSWER", "RINGCANCELED", "TRANSFER", "BLINDTRANSFER",
    "ATTENDEDTRANSFER", "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "UNPAUSE", "PAUSEALL",
    "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF",
    "QUEUESTART", "CONFIGRELOAD", "SYSCOMPAT", "DID", "INFO", "AGENTDUMP",
})  # fmt: skip
QUEUE_LOG_SHARE = 0.9
FIELDS = 10
# How a call left the queue, with the data field holding its wait there (1-based, data1 ...):
# CONNECT holdtime|bridgedchanneluniqueid|ringtime, ABANDON position|origposition|waittime,
# EXITWITHTIMEOUT position|origposition|waittime, EXITWITHKEY key|position|origposition|
# waittime, EXITEMPTY position|origposition|waittime. Earlier rows of this list win. The exits
# keep their names, which the outcome reader knows (XCALLY writes them too).
ENDINGS = (
    ("CONNECT", "answered", 1),
    ("ABANDON", "abandoned", 3),
    ("EXITWITHTIMEOUT", "EXITWITHTIMEOUT", 3),
    ("EXITWITHKEY", "EXITWITHKEY", 4),
    ("EXITEMPTY", "EXITEMPTY", 3),
)
# The talk time: COMPLETECALLER / COMPLETEAGENT holdtime|calltime|origposition, the transfers
# extension|context|holdtime|calltime|origposition.
TALK_FIELDS = (
    ("COMPLETECALLER", 2), ("COMPLETEAGENT", 2), ("TRANSFER", 4), ("BLINDTRANSFER", 4),
    ("ATTENDEDTRANSFER", 4),
)  # fmt: skip


def is_queue_log(text_format: TextFormat) -> bool:
    """The file is a queue_log: pipe-separated, nearly every sampled line a Unix time and an
    app_queue event in its fifth field (its first line too: it has no header)."""
    if text_format.delimiter != "|":
        return False
    lines = [text_format.header, *text_format.sample_rows]
    shaped = [
        line
        for line in lines
        if len(line) >= 5 and line[0].strip().isdigit() and line[4].strip().upper() in EVENTS
    ]
    return bool(lines) and len(shaped) >= QUEUE_LOG_SHARE * len(lines)


def queue_log_copy(
    path: Path, name: str, text_format: TextFormat, folder: Path
) -> tuple[Path, str]:
    """The calls of the queue_log as a CSV in `folder` (time as Unix seconds, queue, outcome,
    wait, talktime), and the note saying how it was read. InputError when no call entered a
    queue."""
    lines = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=["line"], encoding=text_format.encoding),
        parse_options=pacsv.ParseOptions(delimiter="\x1f", quote_char=False),
        convert_options=pacsv.ConvertOptions(column_types={"line": pa.string()}),
    ).column("line")
    # Padded so every line has all ten fields, however few it wrote.
    parts = pc.split_pattern(pc.binary_join_element_wise(lines, "|" * FIELDS, ""), "|")
    field = [pc.utf8_trim_whitespace(pc.list_element(parts, i)) for i in range(FIELDS)]
    time = parse_number(field[0], False)
    event = pc.utf8_upper(field[4])
    codes, keys = _call_keys(field[1], field[2])
    entered = _lines_of(event, "ENTERQUEUE") & ~np.isnan(time)
    if not entered.any():
        raise InputError(
            f"{name}: this Asterisk queue_log holds no ENTERQUEUE line, so no call entered a "
            "queue in it. Export the queue_log of the days the queues took calls."
        )
    first = np.full(len(keys), -1, dtype=np.int64)
    rows = np.flatnonzero(entered)[::-1]  # reversed: the first ENTERQUEUE of a call is kept
    first[codes[rows]] = rows
    calls = np.flatnonzero(first >= 0)
    outcome = np.full(len(keys), "", dtype=object)
    wait = np.full(len(keys), np.nan)
    for ending, label, position in reversed(ENDINGS):  # the first ending listed wins
        rows = np.flatnonzero(_lines_of(event, ending))
        outcome[codes[rows]] = label
        wait[codes[rows]] = parse_number(pc.take(field[4 + position], rows), False)
    talk = np.full(len(keys), np.nan)
    for ending, position in TALK_FIELDS:
        rows = np.flatnonzero(_lines_of(event, ending))
        talk[codes[rows]] = parse_number(pc.take(field[4 + position], rows), False)
    out = folder / f"{Path(name).stem}.csv"
    table = pa.table(
        {
            "time": pa.array(time[first[calls]].astype(np.int64)),
            "queue": pc.take(field[2], pa.array(first[calls])),
            "outcome": pa.array(outcome[calls].tolist(), pa.string()),
            "wait": pa.array(wait[calls], from_pandas=True),
            "talktime": pa.array(talk[calls], from_pandas=True),
        }
    )
    pacsv.write_csv(table, out)
    note = (
        f"{name}: read as Asterisk's queue_log: {len(lines):,} queue events, {len(calls):,} calls "
        "entering a queue (ENTERQUEUE), each answered at its CONNECT, abandoned at its ABANDON "
        "or gone unanswered at EXITWITHTIMEOUT, EXITWITHKEY or EXITEMPTY; wait and talk time "
        "from those events."
    )
    return out, note


def _lines_of(event: pa.Array, name: str) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.equal(event, name), False), dtype=bool)


def _call_keys(callid: pa.Array, queue: pa.Array) -> tuple[np.ndarray, list[str]]:
    """A code per line for its call in its queue (a call may enter several queues), and the
    keys."""
    joined = pc.dictionary_encode(pc.binary_join_element_wise(callid, queue, "|"))
    if isinstance(joined, pa.ChunkedArray):
        joined = joined.combine_chunks()
    codes = np.asarray(joined.indices.fill_null(0), dtype=np.int64)
    return codes, joined.dictionary.to_pylist()
