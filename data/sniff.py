"""Recognise how a delimited text export is written: encoding, delimiter, decimal mark, header."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from data.errors import InputError

HEAD_BYTES = 1 << 20  # enough rows to recognise the format without reading the whole file
SAMPLE_ROWS = 2000
DELIMITERS = ("\t", ";", ",", "|")
_DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # not tab/newline/carriage return/form feed
_DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")

# Spreadsheet and archive signatures: a renamed .xlsx is the most common "CSV" that is not one.
_MAGIC = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"PAR1": "a Parquet file",
}


@dataclass
class TextFormat:
    """How one file is written, plus its header and the first rows as text."""

    encoding: str  # a Python codec name that pyarrow also accepts
    delimiter: str
    decimal_comma: bool
    header: list[str]
    sample_rows: list[list[str]] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def sniff_file(path: Path, display_name: str) -> TextFormat:
    """Read the head of `path` and work out its format; InputError when it is not a text table."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise InputError(f"{display_name}: cannot be read ({error.strerror}).") from error
    return sniff_bytes(head, display_name, complete=len(head) < HEAD_BYTES)


def sniff_bytes(head: bytes, display_name: str, complete: bool = True) -> TextFormat:
    """Work out the format from the first bytes of a file (see `sniff_file`)."""
    if not head.strip():
        raise InputError(
            f"{display_name}: the file is empty. Export the contact history again with a header "
            "row and one row per interval or per contact."
        )
    _reject_binary(head, display_name)
    encoding = detect_encoding(head, complete)
    text = _decode_head(head, encoding)
    # Only the first rows matter; splitting the whole head would cost more than all the rest.
    first_lines = text.split("\n", SAMPLE_ROWS + 10)[: SAMPLE_ROWS + 10]
    lines = [line.rstrip("\r") for line in first_lines if line.strip()]
    if len(first_lines) > SAMPLE_ROWS + 1 and lines:
        lines = lines[:-1]  # the last piece may be a row cut by the end of the head
    delimiter = detect_delimiter(lines[:50])
    rows = list(csv.reader(io.StringIO("\n".join(lines[: SAMPLE_ROWS + 1])), delimiter=delimiter))
    header = [name.strip() for name in rows[0]]
    if len(rows) < 2:
        raise InputError(
            f"{display_name}: only a header row was found ({', '.join(header)}), no data rows. "
            "Export the history with at least one data row."
        )
    header = [name or f"column_{index + 1}" for index, name in enumerate(header)]
    sample = rows[1:]
    return TextFormat(
        encoding=encoding,
        delimiter=delimiter,
        decimal_comma=delimiter != "," and _uses_decimal_comma(sample),
        header=header,
        sample_rows=sample,
    )


def _reject_binary(head: bytes, display_name: str) -> None:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(
                f"{display_name}: this is {what}, not a CSV/text export. Open it in a spreadsheet "
                "and save it as CSV (comma, semicolon or tab separated), then import the CSV."
            )
    probe = head[:8192]
    control = len(probe) - len(probe.translate(None, _CONTROL_BYTES))
    if b"\x00" in probe or control > len(probe) * 0.05:
        raise InputError(
            f"{display_name}: this looks like a binary file, not a CSV/text export. Export the "
            "contact history as CSV (comma, semicolon or tab separated)."
        )


def detect_encoding(head: bytes, complete: bool = True) -> str:
    """UTF-8 with BOM, UTF-8, else Latin-1 (every byte sequence is valid Latin-1). `complete`
    says whether `head` is the whole file or only its beginning."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of the head is still UTF-8.
        if complete or error.start < len(head) - 3:
            return "latin-1"
    return "utf-8"


def _decode_head(head: bytes, encoding: str) -> str:
    return head.decode(encoding, errors="ignore")


def detect_delimiter(lines: list[str]) -> str:
    """The candidate that splits the header and the first rows into the same number (>1) of
    fields; ties go to the rarer separator (tab, then semicolon) because commas also appear as
    decimal marks inside semicolon files."""
    best, best_consistency = ",", -1.0
    for delimiter in DELIMITERS:
        counts = [
            len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        ]
        if not counts or counts[0] < 2:
            continue
        consistency = sum(count == counts[0] for count in counts) / len(counts)
        if consistency > best_consistency:
            best, best_consistency = delimiter, consistency
    return best


def _uses_decimal_comma(sample: list[list[str]]) -> bool:
    return any(_DECIMAL_COMMA.match(value) for row in sample[:500] for value in row)
