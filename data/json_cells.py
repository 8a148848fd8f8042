"""Contact records written as JSON (a list of objects, or one object a line: Amazon Connect's
contact-record stream), and columns whose cells hold JSON objects, as Amazon Connect contact records export "Queue" and
"Agent" ({"Name": "Support", "Duration": 35}): each object's fields become columns of their own,
named as the flattened export names them ("Queue.Name", "Agent.AfterContactWorkDuration"), so
that the queue, the handle time and the wait are found as in any other export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from data.errors import InputError
from data.sniff import TextFormat


def _object(cell: str) -> dict | None:
    """The JSON object a cell holds; None when it holds anything else."""
    text = cell.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


# Of a column's non-empty sample cells, this share must be JSON objects for it to be read so: a
# stray cell among them is then named (flattened_copy), not the whole column left unread.
JSON_SHARE = 0.9


def json_object_columns(text_format: TextFormat) -> list[int]:
    """Positions of the columns whose non-empty sample cells are JSON objects (JSON_SHARE)."""
    found = []
    for position in range(len(text_format.header)):
        cells = [
            row[position].strip()
            for row in text_format.sample_rows
            if position < len(row) and row[position].strip()
        ]
        objects = sum(_object(cell) is not None for cell in cells)
        if objects and objects >= JSON_SHARE * len(cells):
            found.append(position)
    return found


def _fields(value: dict, prefix: str) -> dict[str, str]:
    """Dotted field names and their cell text: nested objects flattened, lists kept as JSON."""
    flat: dict[str, str] = {}
    for key, item in value.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(item, dict):
            flat.update(_fields(item, name))
        elif isinstance(item, list):
            flat[name] = json.dumps(item, ensure_ascii=False)
        elif item is not None:  # a null object ("Agent": null) adds no column of its own
            flat[name] = str(item)
    return flat


def flattened_copy(
    path: Path, name: str, text_format: TextFormat, positions: list[int], folder: Path
) -> tuple[Path, str]:
    """A copy in `folder` (UTF-8, the same delimiter) with each JSON column at `positions`
    replaced by its fields, and the note that says so. InputError names a cell of such a column
    that holds no JSON object, rather than read the row without its queue or times."""
    text = path.read_bytes().decode(text_format.encoding, errors="replace").lstrip("\ufeff")
    records = csv.reader(io.StringIO(text, newline=""), delimiter=text_format.delimiter)
    for _ in range(text_format.header_line):
        next(records, None)
    header = next(records)
    rows: list[tuple[int, list[str], dict[int, dict[str, str]]]] = []
    names: dict[int, dict[str, None]] = {position: {} for position in positions}
    for line, row in enumerate(records, start=text_format.header_line + 2):
        parsed: dict[int, dict[str, str]] = {}
        for position in positions:
            cell = row[position].strip() if position < len(row) else ""
            if not cell:
                continue
            value = _object(cell)
            if value is None:
                raise InputError(
                    f"{name}: line {line}: '{header[position]}' holds '{cell[:60]}', where the "
                    "other rows hold JSON objects ({...}). Export every row of it the same way "
                    "(or its fields as columns of their own) and import again."
                )
            parsed[position] = _fields(value, header[position])
            names[position].update(dict.fromkeys(parsed[position]))
        rows.append((line, row, parsed))
    # A field named like a column already there ("Queue.Name" beside "Queue") keeps that column.
    taken = set(header)
    kept = {position: [n for n in names[position] if n not in taken] for position in positions}
    new_header: list[str] = []
    for position, column in enumerate(header):
        new_header += kept[position] if position in kept else [column]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=text_format.delimiter, lineterminator="\n")
    writer.writerow(new_header)
    for _, row, parsed in rows:
        cells: list[str] = []
        for position in range(max(len(header), len(row))):
            cell = row[position] if position < len(row) else ""
            if position in kept:
                fields = parsed.get(position, {})
                cells += [fields.get(field, "") for field in kept[position]]
            else:
                cells.append(cell)
        writer.writerow(cells)
    copy = folder / Path(name).name
    copy.write_text(out.getvalue(), encoding="utf-8")
    spread = "; ".join(
        f"'{header[position]}' into {', '.join(repr(n) for n in kept[position][:4])}"
        + (f" and {len(kept[position]) - 4} more" if len(kept[position]) > 4 else "")
        for position in positions
    )
    note = f"{name}: cells holding JSON objects were read as columns of their fields: {spread}."
    return copy, note


def _json_records(text: str) -> list[dict] | None:
    """The objects of a JSON list of objects, or of objects one after another (JSON lines, or
    Kinesis Firehose's objects written back to back); None when the text is anything else."""
    text = text.strip()
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            return None
        objects = value if isinstance(value, list) else []
    else:
        decoder, objects, at = json.JSONDecoder(), [], 0
        while at < len(text):
            try:
                value, at = decoder.raw_decode(text, at)
            except ValueError:
                return None
            objects.append(value)
            while at < len(text) and text[at].isspace():
                at += 1
        if len(objects) < 2:  # one object is an API's answer ({"data": [...]}), not records
            return None
    if not objects or not all(isinstance(value, dict) for value in objects):
        return None
    return objects


def starts_like_json(path: Path) -> bool:
    """The file opens with "{" or "[": maybe JSON, worth parsing (most files are CSV)."""
    try:
        with path.open("rb") as file:  # the head only: a CSV may be large
            head = file.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:  # a missing or unreadable file: the sniffer names it
        return False
    return head.startswith((b"{", b"["))


def json_records_copy(path: Path, name: str, folder: Path) -> tuple[Path, str] | None:
    """A JSON export of contact records as a CSV copy in `folder`, one row per object, nested
    fields as dotted columns ("Queue.Name"), and the note that says so; None when the file is
    no such JSON (the sniffer then names what it is)."""
    if not starts_like_json(path):
        return None
    records = _json_records(path.read_bytes().decode("utf-8-sig", errors="replace"))
    if records is None:
        return None
    rows = [_fields(record, "") for record in records]
    columns = list(dict.fromkeys(field for row in rows for field in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    copy = folder / (Path(name).stem + ".csv")
    copy.write_text(out.getvalue(), encoding="utf-8")
    note = (
        f"{name}: JSON records read as a table, one row per object ({len(rows):,}), nested "
        f"fields as columns of their own ({len(columns)} columns)."
    )
    return copy, note
