"""Asterisk / FreePBX call-detail records (CDR): one row per call leg, both directions, the
direction only in the dialplan context. Rewritten here as one row per inbound call (arrival,
queue, answered or abandoned, talk time) for the ordinary reader."""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

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
# A headerless file is a Master.csv when this share of its sampled lines has that shape: a stray
# line (a note, a cut row) among them must not stop it being read.
MASTER_CSV_SHARE = 0.9
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


# What Python's str.strip() removes (str.isspace): arrow's own whitespace trim knows another set.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_UTF8 = ("utf-8", "utf-8-sig")
_BOM = b"\xef\xbb\xbf"
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")  # a line as open(newline="") splits them
_ASCII_STAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}"  # _STAMP on ASCII text
_ASCII_WHOLE = r"^[0-9]{1,18}$"  # _WHOLE on ASCII text that fits an int64
_NEEDS_QUOTES = r'[,"\r\n]'  # what csv.writer quotes


@dataclass
class AsteriskCdr:
    path: Path  # one row per inbound call, OUTPUT_HEADER
    notes: list[str]
    rows: int  # CDR rows read
    header: list[str]
    columns: dict[str, str]  # role -> CDR column, for the report


@dataclass
class _Dropped:
    """Lines that are no call: a footer ("Total,13", "End of report") below a header CDR, a
    line too short for a Master.csv row. Blank lines are no footer and are not counted."""

    count: int = 0
    example: str = ""  # "line 1203: 'Total,13'"

    def add(self, line: int | None, record: list[str], delimiter: str) -> None:
        if not self.count:
            text = delimiter.join(record)
            # Arrow does not number the lines it skips when values may span lines.
            self.example = f"'{text}'" if line is None else f"line {line}: '{text}'"
        self.count += 1

    def extend(self, other: _Dropped) -> None:
        """Count `other`'s lines too, keeping the first example."""
        self.example = self.example or other.example
        self.count += other.count


@dataclass
class _Legs:
    """The CDR rows kept (two fields or more, unless far fewer than the header's and without a
    call start; 16 or more in a Master.csv), by field name, and the lines left out."""

    columns: dict[str, pa.Array]
    rows: int
    fields: int  # fields of the first line below the header, kept or not
    dropped: _Dropped


@dataclass
class _Calls:
    """The calls of the rows, in order of their first row, and their rows' contexts."""

    start: pa.Array  # as written: ISO date-times ("2026-03-02 09:01:10") sort as text
    inbound: np.ndarray
    queue: pa.Array  # null where no Queue row named one
    answered: np.ndarray
    talk: np.ndarray
    missed: np.ndarray  # the first disposition other than ANSWERED, as an index of `labels`
    labels: list[str]
    row_call: np.ndarray  # per row of a call (queue members' legs left out): its call
    row_context: np.ndarray  # index of `contexts`
    contexts: list[str]
    legs: int  # PBX-opened legs left out

    @property
    def count(self) -> int:
        return len(self.inbound)


def asterisk_cdr(
    path: Path, name: str, text_format: TextFormat, folder: Path
) -> AsteriskCdr | None:
    """The CDR as one row per inbound call written in `folder`, with the notes that say what
    was read and left out; None when the file is no Asterisk CDR. InputError when no call of
    the CDR is inbound."""
    header = [cell.strip().lower() for cell in text_format.header]
    master_width = _master_csv_width([text_format.header, *text_format.sample_rows])
    if _is_cdr_header(header):
        names, skip, headerless = header, text_format.header_line + 1, False
    elif master_width is not None:
        names, skip, headerless = list(MASTER_CSV_FIELDS), 0, True
    else:
        return None
    start = "calldate" if "calldate" in names else "start"
    key = "linkedid" if "linkedid" in names else "uniqueid"
    wanted = [start, key, "channel", "lastapp", "dcontext", "src", "disposition", "dst"]
    legs = _read_legs(
        path, text_format, skip, names, headerless, [*wanted, "dstchannel", "billsec"]
    )
    if not legs.rows:
        raise InputError(f"{name}: no data rows were found below the header.")
    calls = _calls(legs.columns, start, key)
    fields = master_width if headerless and master_width is not None else legs.fields
    notes = [_read_note(name, legs.rows, calls.count, calls.legs, headerless, fields)]
    if legs.dropped.count:
        notes.append(_dropped_note(name, legs.dropped, headerless))
    if not calls.inbound.any():
        raise InputError(_nothing_inbound(name, calls))
    queued = calls.inbound & pc.is_valid(calls.queue).to_numpy(zero_copy_only=False)
    inbound = int(calls.inbound.sum())
    if queued.any() and queued.sum() < inbound:
        notes.append(
            f"{name}: {inbound - int(queued.sum()):,} inbound call(s) never reached a queue "
            "('lastapp' Queue: they rang an extension or a ring group, or ended in the IVR or "
            "voicemail) left out: they were no queue's demand."
        )
    kept = queued if queued.any() else calls.inbound
    outgoing = ~calls.inbound
    if outgoing.any():
        notes.append(
            f"{name}: {int(outgoing.sum()):,} outbound or internal call(s) left out (dialled "
            f"from an extension; {_contexts(calls, outgoing)}): only inbound calls are demand."
        )
    notes.append(_outcome_note(name, calls, kept, bool(queued.any())))
    out = folder / f"{Path(name).stem}.csv"
    _write_calls(out, calls, np.flatnonzero(kept), bool(queued.any()))
    columns = {"timestamp": start, "handle": "billsec", "outcome": "disposition"}
    if queued.any():
        columns["queue"] = "dst"
    shown = list(MASTER_CSV_FIELDS[:fields]) if headerless else text_format.header
    return AsteriskCdr(out, notes, legs.rows, shown, columns)


def cdr_columns(text_format: TextFormat) -> list[str] | None:
    """The column names of a file `asterisk_cdr` reads (Master.csv's documented fields: its
    first line is a call, not a header); None for any other file. For the column mapping."""
    if _is_cdr_header([cell.strip().lower() for cell in text_format.header]):
        return list(text_format.header)
    width = _master_csv_width([text_format.header, *text_format.sample_rows])
    return None if width is None else list(MASTER_CSV_FIELDS[:width])


def _is_cdr_header(header: list[str]) -> bool:
    return _CDR_HEADER <= set(header) and ("calldate" in header or "start" in header)


def _master_csv_width(sample: list[list[str]]) -> int | None:
    """The fields a line of a Master.csv, when nearly every sampled line (MASTER_CSV_SHARE) has
    its shape: 16-18 fields, a start time in the 10th, durations in the 13th and 14th, a
    disposition in the 15th; None for any other headerless file, not guessed at."""
    widths = [
        len(row)
        for row in sample
        if MASTER_CSV_MIN_FIELDS <= len(row) <= len(MASTER_CSV_FIELDS)
        and _STAMP.match(row[9].strip())
        and _WHOLE.match(row[12].strip())
        and _WHOLE.match(row[13].strip())
        and row[14].strip().upper() in DISPOSITIONS
    ]
    if not widths or len(widths) < MASTER_CSV_SHARE * len(sample):
        return None
    return Counter(widths).most_common(1)[0][0]


# Reading. Python's csv module (non-strict, as `open(newline="", errors="replace")` decodes)
# defines the rows; arrow's reader splits them the same way, much faster, whenever every row
# below the header has as many fields as the first (one-field lines are dropped by both). A
# file with rows of other lengths, or rows far shorter than the header (to be told from
# footers), is read by the csv module itself.


def _read_legs(
    path: Path,
    text_format: TextFormat,
    skip: int,
    names: list[str],
    headerless: bool,
    wanted: list[str],
) -> _Legs:
    if text_format.encoding in _UTF8 and path.stat().st_size:
        with pa.memory_map(str(path)) as mapped:
            data = mapped.read_buffer()  # zero-copy: lives on after the map is closed
    else:
        text = path.read_bytes().decode(text_format.encoding, errors="replace")
        data, text = pa.py_buffer(text.encode("utf-8")), ""
    sig = text_format.encoding == "utf-8-sig" and _has_bom(data)
    try:
        return _parse(data, 3 if sig else 0, text_format.delimiter, skip, names, headerless, wanted)
    except _BadUtf8:
        # Arrow refuses invalid UTF-8 where Python puts U+FFFD: decoded the Python way first.
        text = data.to_pybytes()[3 if sig else 0 :].decode("utf-8", errors="replace")
        data, text = pa.py_buffer(text.encode("utf-8")), ""
        return _parse(data, 0, text_format.delimiter, skip, names, headerless, wanted)


class _BadUtf8(Exception):
    pass


def _has_bom(data: pa.Buffer) -> bool:
    return data.size >= len(_BOM) and data.slice(0, len(_BOM)).to_pybytes() == _BOM


def _parse(
    data: pa.Buffer,
    begin: int,
    delimiter: str,
    skip: int,
    names: list[str],
    headerless: bool,
    wanted: list[str],
) -> _Legs:
    lines = _Lines(data, begin)
    reader = csv.reader(lines, delimiter=delimiter)
    records = list(itertools.islice(_numbered(reader, 0), skip + 1))
    if records and records[0][1] and records[0][1][0].startswith("\ufeff"):
        records[0][1][0] = records[0][1][0][1:]
    dropped = _Dropped()
    if len(records) <= skip:
        return _Legs({}, 0, 0, dropped)
    first = records[skip][1]
    head = _columns([records[skip]], names, headerless, wanted, delimiter, dropped)
    rest = data.slice(lines.offset)
    width = len(first)
    # Rows far shorter than the header may be footers, told apart row by row below.
    footers = not headerless and _far_short(width, names)
    if width > 1 and not footers and not _has_bom(rest):  # arrow would drop a BOM, Python not
        table = _arrow_rows(rest, delimiter, width, names, wanted, dropped)
        if table is not None:
            keep = not headerless or width >= MASTER_CSV_MIN_FIELDS
            body = dict(table) if keep else _columns([], names, headerless, wanted)[0]
            rows = head[1] + (table[wanted[0]].length() if keep else 0)
            if not keep and table[wanted[0]].length():
                dropped.count += table[wanted[0]].length()  # all as short as the first line
            return _Legs(_joined(head[0], body), rows, width, dropped)
    tail = _numbered(csv.reader(_Lines(data, lines.offset), delimiter=delimiter), reader.line_num)
    body, rows = _columns(tail, names, headerless, wanted, delimiter, dropped)
    return _Legs(_joined(head[0], body), head[1] + rows, width, dropped)


def _numbered(reader: Iterator[list[str]], before: int) -> Iterator[tuple[int, list[str]]]:
    """Each record of a csv reader with the file's line number it starts on (`before` lines
    were read ahead of the reader's)."""
    read = 0
    for record in reader:
        yield before + read + 1, record
        read = reader.line_num  # type: ignore[attr-defined]


def _far_short(width: int, names: list[str]) -> bool:
    """Far fewer fields than the header's: a footer ("Total,13") rather than a cut row, when
    it holds no call start either."""
    return width < len(names) / 2


class _Lines:
    """The decoded lines of `data` from `begin`, counting the bytes handed out."""

    def __init__(self, data: pa.Buffer, begin: int) -> None:
        self.view, self.offset = memoryview(data), begin

    def __iter__(self) -> Iterator[str]:
        while self.offset < len(self.view):
            match = _LINE.match(self.view, self.offset)
            assert match is not None  # the pattern matches at least one byte before the end
            self.offset = match.end()
            yield match.group().decode("utf-8", errors="replace")


def _field_index(names: list[str], name: str, width: int) -> int | None:
    """The field of a row of `width` fields that dict(zip(names, row)) gives `name` (the last
    of repeated names), None when it has none."""
    found = [i for i, n in enumerate(names[:width]) if n == name]
    return found[-1] if found else None


def _columns(
    records: Iterable[tuple[int, list[str]]],
    names: list[str],
    headerless: bool,
    wanted: list[str],
    delimiter: str = ",",
    dropped: _Dropped | None = None,
) -> tuple[dict[str, list[str]], int]:
    """The wanted fields of the (line number, record) pairs that are rows, and their number;
    lines of two fields or more that are no row are counted in `dropped`. `wanted[0]` is the
    call start."""
    least = MASTER_CSV_MIN_FIELDS if headerless else 2
    found: dict[int, list[int | None]] = {}
    columns: dict[str, list[str]] = {field: [] for field in wanted}
    rows = 0
    for line, record in records:
        width = len(record)
        if width not in found:
            found[width] = [_field_index(names, field, width) for field in wanted]
        if width < least or (not headerless and _far_short(width, names)):
            start = found[width][0]
            # A cut row that still holds its call start is kept; a footer is not.
            cut = width >= least and start is not None and _STAMP.match(record[start].strip())
            if not cut:
                # A footer of one field ("End of report") is counted like "Total,13"; the
                # blank line most files end with is not.
                filled = width >= 2 or (width == 1 and record[0].strip(_SPACES))
                if filled and dropped is not None:
                    dropped.add(line, record, delimiter)
                continue
        rows += 1
        for field, index in zip(wanted, found[width], strict=True):
            columns[field].append("" if index is None else record[index])
    return columns, rows


def _arrow_rows(
    data: pa.Buffer,
    delimiter: str,
    width: int,
    names: list[str],
    wanted: list[str],
    dropped: _Dropped,
) -> dict[str, pa.ChunkedArray] | None:
    """The wanted fields of the rows below the first, read by arrow; None when a row has
    another number of fields (but one) than `width`. One-field lines that are not blank (a
    footer "End of report") are counted in `dropped`."""
    other = False
    notes = _Dropped()

    def handle(row: pacsv.InvalidRow) -> str:
        nonlocal other
        other = other or row.actual_columns != 1
        if row.actual_columns == 1 and row.text.strip(_SPACES):
            notes.add(row.number, [row.text], delimiter)
        return "skip"

    indices = {field: _field_index(names, field, width) for field in wanted}
    used = sorted({index for index in indices.values() if index is not None})
    if data.size:
        try:
            table = pacsv.read_csv(
                pa.BufferReader(data),
                read_options=pacsv.ReadOptions(
                    column_names=[str(i) for i in range(width)], block_size=1 << 24
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=True, invalid_row_handler=handle
                ),
                convert_options=pacsv.ConvertOptions(
                    include_columns=[str(i) for i in used],
                    column_types={str(i): pa.string() for i in used},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except pa.ArrowInvalid as error:
            if "utf8" in str(error).lower():
                raise _BadUtf8 from error
            return None
        rows = table.num_rows
    else:
        table, rows = None, 0
    if other:
        return None  # read again by the csv module, which counts these lines itself
    dropped.extend(notes)
    empty = pa.chunked_array([pa.array([""] * rows, pa.string())])
    return {
        field: empty if index is None or table is None else table[str(index)]
        for field, index in indices.items()
    }


def _joined(
    head: dict[str, list[str]], body: dict[str, pa.ChunkedArray] | dict[str, list[str]]
) -> dict[str, pa.Array]:
    columns = {}
    for field, values in head.items():
        rest = body[field]
        chunks = rest.chunks if isinstance(rest, pa.ChunkedArray) else [pa.array(rest, pa.string())]
        columns[field] = pa.concat_arrays([pa.array(values, pa.string()), *chunks])
    return columns


# The calls. Each rule is the one a loop over the rows would apply, on whole columns; the few
# per-value Python steps (strip, lower, isdigit) run once per distinct value.


def _distinct(array: pa.Array) -> tuple[np.ndarray, list[str]]:
    """The distinct values of `array` in order of first appearance, and each row's index."""
    encoded = pc.dictionary_encode(array)
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()


def _per_value(array: pa.Array, rule: Callable[[str], object], dtype: type = bool) -> np.ndarray:
    """`rule` of each value of `array`, computed once per distinct value."""
    codes, values = _distinct(array)
    return np.array([rule(value) for value in values], dtype=dtype)[codes]


def _stripped(array: pa.Array) -> pa.Array:
    return pc.utf8_trim(array, characters=_SPACES)


def _filled(array: pa.Array) -> np.ndarray:
    return pc.greater(pc.utf8_length(array), 0).to_numpy(zero_copy_only=False)


def _first_per_call(calls: np.ndarray, rows: np.ndarray, count: int) -> np.ndarray:
    """Per call, the first of `rows` (row numbers, ascending) that is its, -1 for none."""
    first = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, calls[rows], rows)
    first[first == np.iinfo(np.int64).max] = -1
    return first


def _calls(columns: dict[str, pa.Array], start: str, key: str) -> _Calls:
    """The calls of the rows (rows sharing `key` are the legs of one: a ring group's, a
    queue's attempts) and the number of PBX-opened legs left out. Per-row facts are worked
    out on every row, then kept for the rows of calls (`mine`, their row numbers)."""
    channel = pc.utf8_slice_codeunits(pc.utf8_ltrim(columns["channel"], characters=_SPACES), 0, 6)
    local = _per_value(channel, lambda text: text.strip().lower().startswith(LOCAL_CHANNEL))
    legs = int(local.sum())
    mine = np.flatnonzero(~local)
    ids = _stripped(columns[key])
    empty = ~_filled(ids)
    if empty.any():  # a row without a call id is a call of its own
        numbers = pa.array([f"row {index}" for index in np.flatnonzero(empty)], pa.string())
        ids = pc.replace_with_mask(ids, pa.array(empty), numbers)
    call, found = _distinct(ids.take(pa.array(mine)) if legs else ids)  # by first appearance
    call = call.astype(np.int64)
    count = len(found)
    if not count:
        none, nothing = np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
        text = pa.array([], pa.string())
        return _Calls(text, none, text, none, nothing, nothing, [], nothing, nothing, [], legs)
    rows = np.arange(len(call))

    queue_row = _per_value(columns["lastapp"], lambda text: text.strip().lower() == QUEUE_APP)[mine]
    codes, values = _distinct(columns["dcontext"])
    contexts = list(dict.fromkeys(text.strip() or "no context" for text in values))
    row_context = np.array([contexts.index(text.strip() or "no context") for text in values])
    row_context = row_context[codes[mine]]
    kind = np.array([_context_kind(text) for text in values], dtype=np.int8)[codes[mine]]
    direction = queue_row | (kind == 1)
    caller = ~queue_row & (kind == 2)
    if caller.any():
        direction[caller] = ~_extension(columns["src"].take(pa.array(mine[caller])))
    inbound = np.zeros(count, dtype=bool)
    inbound[call[direction]] = True

    # The first leg's start is the call's arrival, unless a later one (a date-time too, as
    # the first) is earlier.
    first = np.flatnonzero(np.r_[True, np.diff(np.maximum.accumulate(call)) > 0])
    stamps = _stripped(columns[start])
    stamp = _is_stamp(stamps)[mine]
    call_start = stamps.take(pa.array(mine[first]))
    later = np.flatnonzero(stamp & stamp[first][call])
    earlier = pc.less(
        stamps.take(pa.array(mine[later])), call_start.take(pa.array(call[later]))
    ).to_numpy(zero_copy_only=False)
    if earlier.any():
        later = later[earlier]
        earliest = (
            pa.table({"call": call[later], "start": stamps.take(pa.array(mine[later]))})
            .group_by("call", use_threads=False)
            .aggregate([("start", "min")])
            .sort_by("call")
        )
        moved = np.zeros(count, dtype=bool)
        moved[earliest["call"].to_numpy()] = True
        call_start = pc.replace_with_mask(
            call_start, pa.array(moved), earliest["start_min"].combine_chunks()
        )

    destinations = _stripped(columns["dst"])
    named = queue_row & _filled(destinations)[mine]
    queue_at = _first_per_call(call, rows[named], count)
    queue = destinations.take(
        pa.array(np.where(queue_at < 0, 0, mine[queue_at]), mask=queue_at < 0)
    )

    codes, values = _distinct(columns["disposition"])
    labels = list(dict.fromkeys(text.strip().upper() for text in values))
    if ANSWERED not in labels:
        labels.append(ANSWERED)
    label = np.array([labels.index(text.strip().upper()) for text in values], dtype=np.int64)
    label = label[codes[mine]]
    picked_up = label == labels.index(ANSWERED)
    # ANSWERED alone is not an agent: the queue or IVR answers a call to play music to it; a
    # channel that took the call is.
    took = picked_up & _filled(_stripped(columns["dstchannel"]))[mine]
    answered = np.zeros(count, dtype=bool)
    answered[call[took]] = True
    talk = _talk(call[took], columns["billsec"].take(pa.array(mine[took])), count)
    missed_at = _first_per_call(call, rows[~picked_up], count)
    missed = np.where(missed_at < 0, labels.index(ANSWERED), label[np.maximum(missed_at, 0)])
    return _Calls(
        call_start, inbound, queue, answered, talk, missed, labels, call, row_context, contexts, legs
    )  # fmt: skip


def _context_kind(text: str) -> int:
    """1 for an inbound context, 0 for an internal one, 2 for any other (the caller tells)."""
    context = text.strip().lower()
    if context.startswith(INBOUND_CONTEXTS):
        return 1
    return 0 if context.startswith(INTERNAL_CONTEXTS) else 2


def _extension(source: pa.Array) -> np.ndarray:
    """Whether each caller is an extension: a short number ("+" left aside)."""
    caller = pc.utf8_ltrim(_stripped(source), characters="+")
    length = pc.utf8_length(caller).to_numpy(zero_copy_only=False)
    short = (length >= 1) & (length <= EXTENSION_DIGITS)
    extension = np.zeros(len(source), dtype=bool)
    if short.any():
        extension[short] = _per_value(pc.filter(caller, pa.array(short)), str.isdigit)
    return extension


def _is_stamp(texts: pa.Array) -> np.ndarray:
    """_STAMP.match of each text: arrow's regex on ASCII text, Python's on the rest (its \\d
    takes any script's digits)."""
    stamp = pc.match_substring_regex(texts, _ASCII_STAMP).to_numpy(zero_copy_only=False)
    wide = ~pc.string_is_ascii(texts).to_numpy(zero_copy_only=False)
    if wide.any():
        others = pc.filter(texts, pa.array(wide)).to_pylist()
        stamp[wide] = [bool(_STAMP.match(text)) for text in others]
    return stamp


def _talk(calls: np.ndarray, billsec: pa.Array, count: int) -> np.ndarray:
    """Per call, the sum of its whole 'billsec' values (other text counts 0)."""
    texts = _stripped(billsec)
    plain = pc.match_substring_regex(texts, _ASCII_WHOLE).to_numpy(zero_copy_only=False)
    seconds = np.zeros(len(texts), dtype=np.int64)
    if plain.any():
        seconds[plain] = pc.cast(pc.filter(texts, pa.array(plain)), pa.int64()).to_numpy()
    # Other scripts' digits, or more digits than an int64 holds: Python's int.
    special = ~pc.string_is_ascii(texts).to_numpy(zero_copy_only=False) | (
        ~plain & pc.match_substring_regex(texts, r"^[0-9]+$").to_numpy(zero_copy_only=False)
    )
    values = [_whole(text) for text in pc.filter(texts, pa.array(special)).to_pylist()]
    largest = max([int(seconds.max(initial=0)), *values])
    if largest * max(len(calls), 1) < 1 << 63:
        seconds[special] = values
        total = np.zeros(count, dtype=np.int64)
        np.add.at(total, calls, seconds)
        return total
    added = [0] * count
    seconds[special] = 0
    for index, value in zip(calls.tolist(), seconds.tolist(), strict=True):
        added[index] += value
    for index, value in zip(calls[special].tolist(), values, strict=True):
        added[index] += value
    return np.array(added, dtype=object)


def _whole(text: str) -> int:
    text = text.strip()
    return int(text) if _WHOLE.match(text) else 0


# The notes and the calls' file.


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


def _dropped_note(name: str, dropped: _Dropped, headerless: bool) -> str:
    what = (
        f"line(s) of fewer than {MASTER_CSV_MIN_FIELDS} fields, no Master.csv row"
        if headerless
        else "row(s) without a call start"
    )
    return f"{name}: {dropped.count:,} {what} (e.g. {dropped.example}) left out."


def _in_order(codes: np.ndarray, order: np.ndarray) -> Counter[int]:
    """The codes counted, in order of their first place in `order` (Counter's ties keep it)."""
    counts = np.bincount(codes)
    seen = np.full(len(counts), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(seen, codes, order)
    present = np.flatnonzero(counts)
    return Counter({int(code): int(counts[code]) for code in present[np.argsort(seen[present])]})


def _outcome_note(name: str, calls: _Calls, kept: np.ndarray, queued: bool) -> str:
    answered = int((calls.answered & kept).sum())
    missed = kept & ~calls.answered
    counted = _in_order(calls.missed[missed], np.flatnonzero(missed)) if missed.any() else Counter()
    shown = ", ".join(
        f"{'ANSWERED by no agent' if d == ANSWERED else d or 'no disposition'} {n:,}"
        for d, n in ((calls.labels[code], n) for code, n in counted.most_common())
    )
    where = "queue from 'dst' of the Queue rows" if queued else "one queue, no call reached one"
    total = int(kept.sum())
    return (
        f"{name}: {total:,} inbound call(s) kept ({where}): {answered:,} answered "
        "('disposition' ANSWERED with an agent's 'dstchannel'), with 'billsec' (talk time, "
        f"without ringing) as the handle time; {total - answered:,} abandoned"
        f"{f' ({shown})' if shown else ''}."
    )


def _contexts(calls: _Calls, chosen: np.ndarray) -> str:
    """The contexts of the chosen calls' rows, most used first: "dcontext from-internal 5
    rows" (ties in the order the calls, then their rows, come)."""
    rows = chosen[calls.row_call]
    order = calls.row_call[rows] * len(calls.row_call) + np.flatnonzero(rows)
    counted = _in_order(calls.row_context[rows], order)
    shown = [f"{calls.contexts[code]} {n:,}" for code, n in counted.most_common(4)]
    more = f" and {len(counted) - 4} more" if len(counted) > 4 else ""
    return f"rows by dcontext: {', '.join(shown)}{more}"


def _nothing_inbound(name: str, calls: _Calls) -> str:
    found = (
        _contexts(calls, np.ones(calls.count, dtype=bool))
        if calls.count
        else f"only {calls.legs:,} queue-member leg(s)"
    )
    return (
        f"{name}: this Asterisk call-detail record holds no inbound call: its {calls.count:,} "
        f"call(s) were dialled from extensions, outbound or internal ({found}). Picco forecasts "
        "inbound demand: export the CDR of a period with the calls that came in on the "
        "trunks (contexts such as from-trunk or from-pstn) or reached a queue."
    )


def _csv_cells(texts: pa.Array) -> pa.Array:
    """The texts as csv.writer writes them: quoted when they hold a comma, quote or line end."""
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(texts, '"', '""'), '"', "")
    return pc.if_else(pc.match_substring_regex(texts, _NEEDS_QUOTES), quoted, texts)


def _write_calls(out: Path, calls: _Calls, kept: np.ndarray, queued: bool) -> None:
    """The kept calls in order of arrival (ties in the order of their first rows)."""
    starts = calls.start.take(pa.array(kept))
    order = pc.sort_indices(starts).to_numpy()
    chosen = kept[order]
    answered = calls.answered[chosen]
    cells = [_csv_cells(starts.take(pa.array(order)))]
    if queued:
        cells.append(_csv_cells(calls.queue.take(pa.array(chosen))))
    cells.append(pa.array(np.where(answered, "Answered", "Abandoned"), pa.string()))
    seconds = calls.talk[chosen]
    if seconds.dtype == object:  # beyond int64
        talk = pa.array([str(value) for value in seconds], pa.string())
    else:
        talk = pc.cast(pa.array(seconds), pa.string())
    cells.append(pc.if_else(pa.array(answered), talk, ""))
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*cells, ","), "", "\r\n")
    header = OUTPUT_HEADER if queued else [c for c in OUTPUT_HEADER if c != CDR_QUEUE]
    with open(out, "wb") as handle:
        handle.write((",".join(header) + "\r\n").encode("utf-8"))
        for chunk in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
            if len(chunk):  # the lines' characters lie one after the other in one buffer
                offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)
                offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
                handle.write(memoryview(chunk.buffers()[2])[offsets[0] : offsets[-1]])
