"""Recognise how a delimited text export is written: encoding, delimiter, decimal mark, header."""

from __future__ import annotations

import csv
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.csv as pacsv

from data.columns import (
    ABANDONED_COUNT_WORDS,
    ANSWERED_COUNT_WORDS,
    NOT_COUNT_WORDS,
    VOLUME_WORDS,
    ColumnPlan,
    ImportOptions,
    header_words,
    plan_columns,
    refuse_split_dates,
)
from data.errors import InputError
from data.repair import EXCEL_APOSTROPHE_CELL, EXCEL_TEXT_CELL, decode_lines, mostly_utf8
from data.timestamps import DATE_FORMATS, DATETIME_FORMATS, detect_format

HEAD_BYTES = 1 << 20  # enough rows to recognise the format without reading the whole file
SAMPLE_ROWS = 2000
DELIMITERS = ("\t", ";", ",", "|")
_DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
_LINE_END = re.compile(r"\r\n|\r|\n")
_SEPARATOR_HINT = re.compile(r"sep=(.)")


def is_separator_hint(line: str) -> bool:
    """Excel's first line "sep=;", naming the separator: no title, no data."""
    return bool(_SEPARATOR_HINT.fullmatch(line.strip().strip('"')))


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # not tab/newline/carriage return/form feed
# Above this share of NUL bytes a file is binary; below, a text export padded or damaged by a
# few, which are removed before reading.
NUL_SHARE_BINARY = 0.25
# A CSV field may hold a whole ticket's text: the csv module's default limit (128 KB) is no
# property of the file.
csv.field_size_limit(1 << 30)
# "1.234,5", and "1 234,5" as French Excel writes it (a no-break space grouping the thousands).
_DECIMAL_COMMA = re.compile(r"^\s*-?(\d{1,3}([.\s]\d{3})+|\d+),\d+\s*$")
# "1.234" in a semicolon export is a thousand, as Italian or German Excel writes it; "0.5",
# "12.25" or "1234.5" can only be decimals, and one of them anywhere rules the grouping out.
_DOT_THOUSANDS = re.compile(r"^\s*-?[1-9]\d{0,2}(\.\d{3})+\s*$")
_DOT_DECIMAL = re.compile(r"^\s*-?\d*\.\d+\s*$")
# "1,464" reads as 1.464 or as a thousand and more; "1,234,567" and "1,234.5" only as the latter.
_COMMA_GROUPS = re.compile(r"^\s*-?[1-9]\d{0,2},\d{3}\s*$")
_COMMA_THOUSANDS = re.compile(r"^\s*-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?\s*$")
# Headers of counts, which are whole numbers: a comma in them can only group thousands.
_COUNT_WORDS = VOLUME_WORDS | ANSWERED_COUNT_WORDS | ABANDONED_COUNT_WORDS
# A cell holding a value (a date, a time, a number), not a name: a digit first, no long word.
_VALUE_START = re.compile(r"^\s*[-+]?\d")
_LONG_WORD = re.compile(r"[^\W\d_]{4}")
# Saved web pages (Excel's "Web page" .xls, a report portal's download) are not tables of text.
_WEB_PAGE = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|table)\b", re.I | re.S
)

# Spreadsheet and archive signatures: a renamed .xlsx is the most common "CSV" that is not one.
_MAGIC = {
    b"PK\x03\x04": "a zip archive or a damaged Excel workbook",
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
    header_line: int = 0  # 0-based line of the header in the file (lines above it are skipped)
    # The file's lines up to and including the header's, where a quoted header name holds a line
    # break ("Calls\nOffered", as a spreadsheet wraps it): a CSV reader skips lines, not records.
    # 0: header_line + 1.
    lines_through_header: int = 0
    skipped_lines: list[str] = field(default_factory=list)  # filled by the last parse_options read
    # Lines below the table holding only a note in their first cell ("Report generated on
    # ...,,,,"), found by the reader: skipped too, and named in the same note.
    footer_lines: list[str] = field(default_factory=list)
    multiline: bool = False  # some quoted value holds a line break: `header_line` counts records
    # The first line the last parse_options read refused for its number of fields: (its fields,
    # its text), to name it in the refusal.
    misfit_row: tuple[int, str] | None = None
    notes: list[str] = field(default_factory=list)  # what the user should know about the reading
    # Columns of a comma-separated file whose quoted numbers carry a decimal comma ("302,2"),
    # as a European spreadsheet writes them when saved with commas between fields.
    decimal_comma_columns: list[str] = field(default_factory=list)
    # The lines above the header (a report's title: "Date: 3/4/2024"), blank ones included so
    # that line N of the file is title_lines[N - 1]; a two-line header's first line is no title.
    title_lines: list[str] = field(default_factory=list)
    path: Path | None = None  # the file, to find a summary block below the sniffed head
    # A block of lines after the last blank line that holds no date or time ("Totale chiamate
    # entrate;31979"): (its first line, 1-based, and its lines), once looked for; and the lines of
    # it with fewer fields than the header that the last parse_options read skipped.
    summary_block: tuple[int, list[str]] | None = None
    summary_searched: bool = False
    summary_lines: list[str] = field(default_factory=list)
    # Footnotes ending the file right under the table ("* Calls offered, transfers included"),
    # once looked for; and those of them that the last parse_options read skipped for their
    # number of fields.
    footnotes: list[str] | None = None
    footnote_lines: list[str] = field(default_factory=list)
    # What a CSV reader would misread, for `data.repair` to clean in a copy: NUL bytes, cells
    # written ="0123", lines of a UTF-8 file written in Windows-1252.
    nul_bytes: bool = False
    excel_text: bool = False
    mixed_utf8: bool = False

    @property
    def needs_repair(self) -> bool:
        return self.nul_bytes or self.excel_text or self.mixed_utf8

    def column_plan(self, options: ImportOptions, display_name: str) -> ColumnPlan:
        """The column roles of the file read this way (`columns.plan_columns`)."""
        if self.delimiter == ",":
            refuse_split_dates(self.header, self.sample_rows, display_name, self.first_data_line)
        return plan_columns(
            self.header,
            self.sample_rows,
            self.decimal_comma,
            options,
            display_name,
            self.decimal_comma_columns,
        )

    @property
    def first_data_line(self) -> int:
        """1-based line number of the first data row, for messages."""
        return (self.lines_through_header or self.header_line + 1) + 1

    def parse_options(self) -> pacsv.ParseOptions:
        """Arrow's parse options for this file. A line without any separator below the header
        (a footer such as "Report generated on ...", a page number) is skipped and kept in
        `skipped_lines`; so is a shorter line of the summary block after the table's last
        blank line, kept in `summary_lines`; a line with another wrong number of fields is
        still an error."""
        self.skipped_lines.clear()
        self.summary_lines.clear()
        self.footnote_lines.clear()
        self.misfit_row = None

        def handle(row: pacsv.InvalidRow) -> str:
            if row.actual_columns == 1:
                self.skipped_lines.append(row.text)
                return "skip"
            if row.actual_columns < row.expected_columns and row.text in self.summary_texts():
                self.summary_lines.append(row.text)
                return "skip"
            if is_footnote(row.text) and row.text in self.footnote_texts():
                self.footnote_lines.append(row.text)
                return "skip"
            if self.misfit_row is None:
                self.misfit_row = (row.actual_columns, row.text)
            return "error"

        return pacsv.ParseOptions(
            delimiter=self.delimiter,
            invalid_row_handler=handle,
            newlines_in_values=self.multiline,
        )

    def summary_texts(self) -> set[str]:
        """The lines of the summary block at the end of the file (none without one). Looked
        for only when a line does not fit the table: the whole file is read to number them."""
        if not self.summary_searched and self.path is not None:
            self.summary_searched = True
            self.summary_block = _file_summary_block(
                self.path, self.encoding, self.delimiter, len(self.header)
            )
        return set(self.summary_block[1]) if self.summary_block else set()

    def footnote_texts(self) -> list[str]:
        """The footnotes ending the file (see `_file_footnotes`). Looked for only when a line
        does not fit the table: the whole file is read to find its end."""
        if self.footnotes is None:
            self.footnotes = _file_footnotes(self.path, self.encoding) if self.path else []
        return self.footnotes

    def padded_summary_rows(self, last_first_cell: str) -> list[list[str]]:
        """The fields of the summary block's lines padded to the header's width ("Totale
        chiamate entrate;31979;;;;"), which the CSV reader takes for rows, in file order. Only
        looked for when the table's last row (`last_first_cell`) holds no date or time."""
        if _is_value(last_first_cell) or _is_written_date(last_first_cell):
            return []
        block = self.summary_texts()
        lines = [line for line in (self.summary_block or (0, []))[1] if line in block]
        rows = _split(lines, self.delimiter)
        return [row for row in rows if len(row) >= len(self.header)]

    def skipped_note(self, name: str) -> str | None:
        """A note naming the skipped lines, or None when there were none."""
        if not self.summary_lines or self.summary_block is None:
            return self._notes_note(name, self.skipped_lines)
        first, block = self.summary_block
        shown = "; ".join(repr(line[:60]) for line in block[:2])
        lines = (
            f"line {first} after the blank line is"
            if len(block) == 1
            else f"lines {first}–{first + len(block) - 1} after the blank line are"
        )
        note = f"{name}: {lines} a summary block, not read ({shown})."
        # Its one-field lines ("Riepilogo") were skipped as notes: named once, in the block.
        others = self._notes_note(name, [line for line in self.skipped_lines if line not in block])
        return f"{note} {others}" if others else note

    def _notes_note(self, name: str, skipped: list[str]) -> str | None:
        lines = skipped + self.footnote_lines + self.footer_lines
        if not lines:
            return None
        shown = "; ".join(repr(line[:60]) for line in lines[:2])
        if not self.footer_lines and not self.footnote_lines:
            return (
                f"{name}: {len(lines)} line(s) without any "
                f"{self.delimiter_name} were skipped as notes, not data ({shown})."
            )
        return (
            f"{name}: {len(lines)} line(s) holding only a note, not data, were skipped ({shown})."
        )

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def sniff_file(path: Path, display_name: str) -> TextFormat:
    """Read the head of `path` and work out its format; InputError when it is not a text table."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except IsADirectoryError as error:
        raise InputError(
            f"{display_name}: is a folder, not a file: give the export files inside it "
            f"(e.g. {Path(display_name) / '*.csv'})."
        ) from error
    except OSError as error:
        raise InputError(f"{display_name}: cannot be read ({error.strerror}).") from error
    text_format = sniff_bytes(head, display_name, complete=len(head) < HEAD_BYTES)
    text_format.path = path
    return text_format


def sniff_bytes(head: bytes, display_name: str, complete: bool = True) -> TextFormat:
    """Work out the format from the first bytes of a file (see `sniff_file`)."""
    if not head.strip():
        raise InputError(
            f"{display_name}: the file is empty. Export the contact history again with a header "
            "row and one row per interval or per contact."
        )
    wide = utf16_encoding(head)
    nul_bytes = mixed = False
    if wide:  # Excel's "Unicode text": UTF-16 with tabs; arrow transcodes it when reading
        encoding = wide
        text = head.decode(wide, errors="ignore").lstrip("\ufeff")
    else:
        nul_bytes = 0 < head.count(0) <= len(head) * NUL_SHARE_BINARY
        if nul_bytes:
            head = head.replace(b"\x00", b"")
        _reject_binary(head, display_name)
        encoding = detect_encoding(head, complete)
        mixed = encoding in ("cp1252", "cp1250", "cp1254", "latin-1") and mostly_utf8(head)
        if mixed:  # a UTF-8 export with a few Windows-1252 lines: read line by line
            encoding = "utf-8"
            text = decode_lines(head)[0]
        else:
            text = _decode_head(head, encoding)
    _reject_web_page(text, display_name)
    _reject_json_or_xml(text, display_name)
    # Only the first rows matter; splitting the whole head would cost more than all the rest.
    # Line ends as the CSV reader sees them: \r\n, \n, or a lone \r.
    lines = _LINE_END.split(text, maxsplit=SAMPLE_ROWS + 60)
    # A head that is not the whole file ends inside a row, even when it holds few rows.
    cut = len(lines) > SAMPLE_ROWS + 60 or (not complete and len(lines) > 2)
    if cut:
        lines = lines[:-1]  # the rest of the head, whose first row may be cut
    filled = [index for index, line in enumerate(lines) if line.strip()]
    hints = [_SEPARATOR_HINT.fullmatch(lines[i].strip()) for i in filled[:5]]
    hinted = next((hint for hint in hints if hint), None)  # Excel's "sep=;" line
    filled = [i for i in filled if not _SEPARATOR_HINT.fullmatch(lines[i].strip())]
    if not filled:
        _only_header(display_name, [hinted.group(0)] if hinted else [])
    delimiter = hinted.group(1) if hinted else detect_delimiter([lines[i] for i in filled[:60]])
    records = _quoted_records(lines, delimiter, cut) if '"' in text else None
    if records is not None:  # quoted values spanning lines (a ticket's description)
        lines = records
        filled = [index for index, line in enumerate(lines) if line.strip()]
        filled = [i for i in filled if not _SEPARATOR_HINT.fullmatch(lines[i].strip())]
        if not hinted:
            delimiter = detect_delimiter([lines[i] for i in filled[:60]])
    header_line = _header_line(lines, filled, delimiter)
    width = len(_split([lines[header_line]], delimiter)[0])
    block = None if cut else _summary_block(lines, delimiter, width)
    # A summary below the table is no sample of its rows; a "block" holding the header line
    # itself is the table.
    if block is not None and block[0] > header_line:
        filled = [index for index in filled if index < block[0]]
    body = [lines[i] for i in filled if i >= header_line][: SAMPLE_ROWS + 1]
    rows = _split(body, delimiter, display_name)
    notes: list[str] = []
    groups = _group_line(lines, header_line, delimiter)
    if groups:
        rows[0] = _joined_header(groups, rows[0])
        notes.append(_two_line_note(display_name, header_line, rows[0]))
    title_end = header_line - 1 if groups else header_line
    if not groups and len(rows) > 2 and is_names_line_below(rows[0], rows[1], rows[2:]):
        # A header of merged cells split over two lines, found from its first line.
        header_line = next(i for i in filled if i > header_line)
        rows = [_joined_header(rows[0], rows[1]), *rows[2:]]
        notes.append(_two_line_note(display_name, header_line, rows[0]))
    if len(rows) > 2 and is_units_row(rows[1], rows[0]):
        # The units row closes the header: the data start on the line after it.
        header_line = next(i for i in filled if i > header_line)
        notes.append(_units_note(display_name, header_line + 1, rows[1]))
        rows = [_header_with_units(rows[0], rows[1]), *rows[2:]]
    # A name wrapped onto two lines in its cell is one name: "Calls\nOffered" is "Calls Offered".
    header = [" ".join(name.split()) if "\n" in name else name.strip() for name in rows[0]]
    if len(rows) < 2:
        _only_header(display_name, header)
    # The header again inside the data (exports pasted together) is no sample of it.
    sample = [row for row in rows[1:] if [cell.strip() for cell in row] != header]
    while sample and (is_footer_row(sample[-1]) or not _filled_count(sample[-1])):
        sample.pop()  # "Report generated on ...,,,," below the table: a note, not data
    if not sample:
        if sum(1 for name in header if name) < 2 and len(rows) > 1:
            _no_table(display_name, [lines[i] for i in filled])
        _only_header(display_name, header)
    widths = [len(row) for row in sample]
    if widths and min(widths) == len(header) + 1 and not any(row[-1].strip() for row in sample):
        header.append("")  # every row ends with a delimiter: an empty last column
    header = _usable_names(header)
    decimal_comma, doubt = (
        _uses_decimal_comma(header, sample) if delimiter != "," else (False, None)
    )
    if doubt:
        notes.append(f"{display_name}: {doubt}")
    quoted_decimals = _quoted_decimal_columns(header, sample) if delimiter == "," else []
    excel_text = not wide and any(
        EXCEL_TEXT_CELL.fullmatch(cell.strip()) or EXCEL_APOSTROPHE_CELL.fullmatch(cell.strip())
        for row in sample[:SAMPLE_ROWS]
        for cell in row
    )
    return TextFormat(
        encoding=encoding,
        delimiter=delimiter,
        decimal_comma=decimal_comma,
        header=header,
        sample_rows=sample,
        header_line=header_line,
        notes=notes,
        multiline=records is not None,
        decimal_comma_columns=quoted_decimals,
        title_lines=lines[:title_end],
        lines_through_header=(
            sum(line.count("\n") + 1 for line in lines[: header_line + 1]) if records else 0
        ),
        # Line numbers are the file's where no record spans lines.
        summary_block=None if block is None or records else (block[0] + 1, block[1]),
        summary_searched=not cut and not records,
        nul_bytes=nul_bytes,
        excel_text=excel_text,
        mixed_utf8=mixed,
    )


SUMMARY_MAX_LINES = 20  # a summary block is a few totals, not a table of its own
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\b")
SUMMARY_TAIL_LINES = 64  # lines kept from the end of a file to find its summary block


def _summary_block(lines: list[str], delimiter: str, width: int) -> tuple[int, list[str]] | None:
    """(index of its first line, its lines) of a summary block: the lines after the table's
    last blank line, none of them starting with a date or a time nor, where the block holds a
    date or a time anywhere, filling as many fields as the header's `width` (rows of data after
    a blank line do), some with two fields or more
    ("Totale chiamate entrate;31979", "Tempo medio di attesa;0:00:24"). None without one; a
    block of one-field notes is the footer skipped by the usual rule."""
    end = len(lines)
    while end and _is_blank_line(lines[end - 1], delimiter):
        end -= 1
    start = end
    while start and not _is_blank_line(lines[start - 1], delimiter):
        start -= 1
    if start == 0 or start == end or end - start > SUMMARY_MAX_LINES:
        return None
    rows = _split(lines[start:end], delimiter)
    if any(row and (_is_value(row[0]) or _is_written_date(row[0])) for row in rows):
        return None
    # Rows as wide as the header are data when the block holds a date or a time somewhere; a
    # block as wide as the table holding none ("Queue,Calls,Answered", then a line per queue)
    # cannot be rows of the dated table above it: a summary too.
    if any(_filled_count(row) >= width for row in rows) and any(
        _is_written_date(cell) or _CLOCK.match(cell.strip()) for row in rows for cell in row
    ):
        return None
    if not any(_filled_count(row) >= 2 for row in rows):
        return None
    if not any(line.strip() for line in lines[: start - 1]):
        return None  # nothing above the blank line: the block is the file
    return start, lines[start:end]


def _is_blank_line(line: str, delimiter: str) -> bool:
    return not line.strip().strip(delimiter).strip()


def _file_summary_block(
    path: Path, encoding: str, delimiter: str, width: int
) -> tuple[int, list[str]] | None:
    """`_summary_block` of the whole file, its first line numbered from 1."""
    tail: deque[str] = deque(maxlen=SUMMARY_TAIL_LINES)
    count = 0
    try:
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            for line in handle:
                tail.append(line.rstrip("\r\n"))
                count += 1
    except (OSError, LookupError):
        return None
    block = _summary_block(list(tail), delimiter, width)
    if block is None:
        return None
    return count - len(tail) + block[0] + 1, block[1]


# A footnote under a table starts with a footnote mark or a word saying what it is: "* Calls
# offered, transfers included", "¹ Excluding callbacks", "© 2024 Acme, Inc.", "Note: ...",
# "Source: ACD, daily export". No date, time, number or queue of a row is written so.
_FOOTNOTE = re.compile(
    r'^\s*"?\s*(?:[*†‡§©®¹²³⁴⁵⁶⁷⁸⁹]|\(\d\)\s|(?:notes?|nota|source|sources|fonte|fuente|quelle'
    r"|hinweis|anmerkung|remarque|disclaimer)\s*[:.]\s)",
    re.IGNORECASE,
)


def is_footnote(text: str) -> bool:
    return bool(_FOOTNOTE.match(text))


FOOTNOTE_MAX_LINES = 5  # footnotes are a line or a few, not a table of their own


def _file_footnotes(path: Path, encoding: str) -> list[str]:
    """The footnote lines (see `is_footnote`) the file ends with, under the table with no blank
    line between (a blank line before makes them a summary block); none when more than
    FOOTNOTE_MAX_LINES of them end it."""
    tail: deque[str] = deque(maxlen=FOOTNOTE_MAX_LINES + 1)
    try:
        with open(path, encoding=encoding, errors="replace", newline="") as handle:
            for line in handle:
                if line.strip():
                    tail.append(line.rstrip("\r\n").lstrip("\ufeff"))
    except (OSError, LookupError):
        return []
    lines = list(tail)
    start = len(lines)
    while start and is_footnote(lines[start - 1]):
        start -= 1
    return lines[start:] if start else []


MAX_LINES_PER_RECORD = 200  # more, and an unmatched quote is gluing lines together


def _quoted_records(lines: list[str], delimiter: str, cut: bool) -> list[str] | None:
    """The lines joined into CSV records as the csv module reads them (a quoted value may hold
    line breaks), when some record spans several lines; None when none does, when the head
    cannot be read so or when an unmatched quote would swallow many lines."""
    reader = csv.reader(lines, delimiter=delimiter)
    records: list[str] = []
    start = 0
    try:
        for _ in reader:
            if reader.line_num - start > MAX_LINES_PER_RECORD:
                return None
            records.append("\n".join(lines[start : reader.line_num]))
            start = reader.line_num
    except csv.Error:
        return None
    if len(records) == len(lines):
        return None
    return records[:-1] if cut else records  # the last record may go on past the head


def _split(lines: list[str], delimiter: str, display_name: str = "") -> list[list[str]]:
    """Fields of each line (quotes honoured); a line the csv module cannot read has none."""
    rows = []
    for line in lines:
        try:
            rows.append(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error as error:
            if display_name:
                raise InputError(
                    f"{display_name}: a line near the top cannot be read as CSV ({error}). "
                    "Export the file again as plain CSV."
                ) from error
            rows.append([])
    return rows


def _only_header(display_name: str, header: list[str]) -> None:
    suffix = next((s for s in _WORKBOOK_SUFFIXES if display_name.lower().endswith(s)), None)
    if suffix:  # text under a workbook's name: the name, not the header, is what went wrong
        kind = "an OpenDocument workbook" if suffix == ".ods" else "an Excel workbook"
        raise InputError(
            f"{display_name}: the file is named as {kind} ({suffix}) but is not one: "
            "it is text (a CSV file renamed, or a workbook damaged), holding only a header row "
            f"({', '.join(header)}) and no data rows. Open the report in Excel or LibreOffice "
            "and save it as .xlsx, or export it again as CSV with its data rows, then import "
            "that file."
        )
    raise InputError(
        f"{display_name}: only a header row was found ({', '.join(header)}), no data rows. "
        "Export the history with at least one data row."
    )


def _no_table(display_name: str, lines: list[str]) -> None:
    """Lines of text, each one field: a note, a title page or a report whose data was left out,
    no header naming columns above rows."""
    shown = "; ".join(f"'{line.strip()[:60]}'" for line in lines[:3])
    more = f" and {len(lines) - 3:,} more" if len(lines) > 3 else ""
    raise InputError(
        f"{display_name}: no table was found: its {len(lines):,} lines ({shown}{more}) are text "
        "without columns separated by commas, semicolons or tabs, so no line names the columns "
        "and none holds a date and a count. Export the contact history as CSV with a header row "
        "naming its columns and one row per interval or per contact."
    )


def _header_line(lines: list[str], filled: list[int], delimiter: str) -> int:
    """Index of the header line. Candidates have two or more filled fields, at least half as many
    as the table's usual width (so a title line that Excel pads with empty fields is none). Of
    those above the first data row, the one as wide as the data that names most columns: label
    rows such as "Queue:,Sales EN" above the table name fewer. Without a data row (a log of
    mostly text), the first candidate."""
    rows = _split([lines[index] for index in filled[:60]], delimiter)
    width = Counter(len(row) for row in rows).most_common(1)[0][0]
    candidates = [
        position
        for position, row in enumerate(rows)
        if _filled_count(row) >= 2 and 2 * _filled_count(row) >= width
    ]
    first_data = next(
        (p for p, row in enumerate(rows) if len(row) == width and _value_count(row) >= 2), None
    )
    above = [p for p in candidates if first_data is not None and p < first_data]
    if above:  # ties go to the lower row, the one nearest the data
        best = max(reversed(above), key=lambda p: (len(rows[p]) == width, _name_count(rows[p])))
        return filled[best]
    if candidates:
        return filled[candidates[0]]
    for index, row in zip(filled[:60], rows, strict=False):
        if len(row) >= 2:
            return index
    return filled[0]


# Words a written date starts with: weekday and month names, full or short, in English, Italian,
# French, German and Spanish. Any other word before a date ("Generated 24/03/2024 07:02") makes
# a footer line, not a contact.
CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi
    sabato domenica lun mar mer gio ven sab dom lundi mardi mercredi jeudi vendredi samedi
    dimanche jeu sam dim montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do
    fr sa so lunes martes miércoles miercoles jueves viernes sábado domingo mié mie jue vie sáb
    january february march april may june july august september october november december jan
    feb apr jun jul aug sep sept oct nov dec gennaio febbraio marzo aprile maggio giugno luglio
    agosto settembre ottobre novembre dicembre gen mag giu lug ago set ott dic janvier février
    fevrier mars avril mai juin juillet août aout septembre octobre décembre decembre januar
    februar märz maerz juni juli oktober dezember enero febrero abril mayo junio julio
    septiembre octubre noviembre diciembre
    """.split()
)
_FIRST_WORD = re.compile(r"^\s*([^\W\d_]+)")


def is_footer_row(row: list[str]) -> bool:
    """A line below the table holding only a note in its first cell ("Report generated on
    24/03/2024 07:02 by admin,,,,", "Page 1 of 1", "Generated 24/03/2024 07:02"), not a date or
    a time: a cell that reads as one, led by a weekday or month name at most ("lun 19/02/2024
    08:05", "Feb 19, 2024 8:05 AM"), is data."""
    return (
        bool(row)
        and bool(row[0].strip())
        and not _filled_count(row[1:])
        and not _is_value(row[0])
        and not _is_written_date(row[0])
    )


def _is_written_date(cell: str) -> bool:
    word = _FIRST_WORD.match(cell)
    if word and word.group(1).lower() not in CALENDAR_WORDS:
        return False
    return detect_format([cell], DATETIME_FORMATS + DATE_FORMATS) is not None


def _is_value(cell: str) -> bool:
    """A date, time or number ("2024-03-04", "8:00 AM", "1,464"), not a name."""
    return bool(_VALUE_START.match(cell)) and not _LONG_WORD.search(cell)


def _filled_count(row: list[str]) -> int:
    return sum(1 for cell in row if cell.strip())


def _value_count(row: list[str]) -> int:
    return sum(1 for cell in row if _is_value(cell))


def _name_count(row: list[str]) -> int:
    return sum(1 for cell in row if cell.strip() and not _is_value(cell))


def _group_line(lines: list[str], header_line: int, delimiter: str) -> list[str] | None:
    """The fields of the line right above the header when it is the header's first line: two or
    more names, none a value or a "Label:", over some columns it leaves blank and the header
    names ("Chiamate,,,Tempi medi," over "Ricevute,Risposte,Abbandonate,TMA,TMC")."""
    if header_line == 0 or not lines[header_line - 1].strip():
        return None
    above, header = _split([lines[header_line - 1], lines[header_line]], delimiter)
    names = [cell.strip() for cell in above if cell.strip()]
    if len(above) > len(header) or len(names) < 2:
        return None
    if any(_is_value(name) or name.endswith(":") for name in names):
        return None
    padded = above + [""] * (len(header) - len(above))
    if not any(not top.strip() and name.strip() for top, name in zip(padded, header, strict=True)):
        return None
    if _title_over_complete_header(lines, header_line, padded, header, delimiter):
        return None
    return padded


def _title_over_complete_header(
    lines: list[str], header_line: int, above: list[str], header: list[str], delimiter: str
) -> bool:
    """A report's title padded with blank cells ("Sales Team,,Nov 2026") over a header naming
    every column ("Interval,Offered,Answered"): its first cell would be a group over the column
    of dates and the count beside it, which no report groups; so a title, not a group line."""
    if len(header) < 2 or not all(name.strip() for name in header):
        return False
    first, beside = above[0].strip(), above[1].strip()
    if not first or beside or first.lower() == header[0].strip().lower():
        return False
    below = lines[header_line + 1] if header_line + 1 < len(lines) else ""
    return bool(below.strip()) and _is_value(_split([below], delimiter)[0][0])


# What a spreadsheet's units row under the header writes ("calls | sec | %"): counted things,
# lengths and shares, alone or in brackets.
_COUNT_UNITS = frozenset(
    "# n nb no. qty count calls call contacts chats emails e-mails tickets appels anrufe "
    "chiamate llamadas".split()
)
_LENGTH_UNITS = frozenset(
    "s sec secs second seconds ms min mins minute minutes h hr hrs hour hours hh:mm:ss h:mm:ss "
    "mm:ss hh:mm sek seg".split()
)
_SHARE_UNITS = frozenset({"%", "pct", "percent"})


def _unit(cell: str) -> str:
    return cell.strip().strip("()[]").strip().lower()


def is_units_row(row: list[str], header: list[str]) -> bool:
    """Whether the row under the header names its columns' units ("", "calls", "sec", "%"): two
    or more, and nothing else."""
    units = [_unit(cell) for cell in row if cell.strip()]
    known = _COUNT_UNITS | _LENGTH_UNITS | _SHARE_UNITS
    return len(units) >= 2 and len(row) <= len(header) and all(unit in known for unit in units)


def _header_with_units(header: list[str], units: list[str]) -> list[str]:
    """Each name with the length or share unit under it ("AHT (sec)", "Service Level (%)"), as a
    header naming its unit is read; a counted thing adds nothing to "Offered"."""
    named = []
    for position, name in enumerate(header):
        unit = _unit(units[position]) if position < len(units) else ""
        kept = unit in _LENGTH_UNITS | _SHARE_UNITS and name.strip()
        named.append(f"{name.strip()} ({unit})" if kept else name)
    return named


def is_names_line_below(header: list[str], below: list[str], data: list[list[str]]) -> bool:
    """Whether the line under a header is its second line: the header's merged group labels
    ("Calls" written over two columns, or once with a blank beside it) over the names of the
    columns under them, and a blank under a name merged over both lines ("Interval"). Every cell
    of it a name, never a value, and the first row after it holds values under those names."""
    names = [cell.strip() for cell in below if cell.strip()]
    if len(names) < 2 or len(below) > len(header) or not data:
        return False
    if any(_is_value(name) or name.endswith(":") for name in names):
        return False
    tops = [cell.strip() for cell in header]
    padded = below + [""] * (len(header) - len(below))
    grouped = any(
        name.strip() and (not top or (position and tops[position - 1] == top))
        for position, (top, name) in enumerate(zip(tops, padded, strict=True))
    )
    merged = any(top and not name.strip() for top, name in zip(tops, padded, strict=True))
    named = [position for position, name in enumerate(padded) if name.strip()]
    first = data[0] + [""] * len(header)
    valued = sum(1 for position in named if _is_value(first[position]))
    return grouped and merged and 2 * valued >= len(named)


def _units_note(display_name: str, line: int, units: list[str]) -> str:
    shown = ", ".join(dict.fromkeys(cell.strip() for cell in units if cell.strip()))
    return (
        f"{display_name}: line {line} under the header gives the columns' units ({shown}): read "
        "as part of the header, not as data."
    )


def _joined_header(groups: list[str], names: list[str]) -> list[str]:
    """One name per column from a two-line header: a group's label goes before the name of each
    column under it, across the blank cells to its right; a label with nothing under it (a
    "Data" spanning both lines) stays as it is."""
    joined = []
    group = ""
    for top, name in zip(groups, names, strict=True):
        top, name = top.strip(), name.strip()
        if top:
            group = top if name else ""
            # A name merged over both lines and written on each ("Interval" over "Interval").
            joined.append(top if top.lower() == name.lower() else f"{top} {name}".strip())
        else:
            joined.append(f"{group} {name}".strip() if name else "")
    return joined


def _two_line_note(display_name: str, header_line: int, header: list[str]) -> str:
    names = [f"'{name}'" for name in header if name]
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return (
        f"{display_name}: the header spans lines {header_line} and {header_line + 1}; each "
        f"column was named by both lines: {shown}."
    )


def _usable_names(header: list[str]) -> list[str]:
    """Blank names become column_N; repeated names get .1, .2 so each column has its own."""
    named = [name or f"column_{index + 1}" for index, name in enumerate(header)]
    seen: dict[str, int] = {}
    unique = []
    for name in named:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return unique


# Names of workbooks: a file so named that reaches the text reader is no workbook it can open.
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _reject_binary(head: bytes, display_name: str) -> None:
    suffix = next((s for s in _WORKBOOK_SUFFIXES if display_name.lower().endswith(s)), None)
    zipped = head.startswith(b"PK\x03\x04")
    if suffix and (zipped or _looks_binary(head)):
        what = (
            "a zip archive without a workbook inside, or a workbook cut short"
            if zipped
            else "bytes that are neither a workbook nor text"
        )
        raise InputError(
            f"{display_name}: the file is named as a workbook ({suffix}) but is no workbook the "
            f"import can open: it holds {what}. It may be damaged, or only partly downloaded "
            "or copied. Open it in Excel or LibreOffice: if it opens, save it again as .xlsx (or "
            "as CSV) and import that file; if not, export the report from the system again."
        )
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(
                f"{display_name}: this is {what}, not a CSV/text export. Open it in a spreadsheet "
                "and save it as an Excel workbook (.xlsx) or as CSV (comma, semicolon or tab "
                "separated), then import that file."
            )
    if _looks_binary(head):
        raise InputError(
            f"{display_name}: this looks like a binary file, not a CSV/text export. Export the "
            "contact history as CSV (comma, semicolon or tab separated)."
        )


def _looks_binary(head: bytes) -> bool:
    probe = head[:8192]
    control = len(probe) - len(probe.translate(None, _CONTROL_BYTES))
    return b"\x00" in probe or control > len(probe) * 0.05


def _reject_web_page(text: str, display_name: str) -> None:
    if _WEB_PAGE.match(text[:4096]):
        raise InputError(
            f"{display_name}: this file is a web page (HTML), not a spreadsheet export: open it "
            "in a browser or Excel and save as CSV or .xlsx, then import that file."
        )


def _reject_json_or_xml(text: str, display_name: str) -> None:
    """A JSON or XML download renamed .csv (an API's answer, Excel's "XML Spreadsheet 2003")
    would read as a header row of braces or tags."""
    start = text.lstrip("\ufeff \t\r\n")[:200]
    if re.match(r"\[\s*[{\[\]]|\{\s*(\"|\})", start):
        what = "JSON data"
    elif start.startswith("<?xml") or re.match(r"<[A-Za-z][\w:.-]*[\s>]", start):
        what = "an XML document (such as Excel's XML Spreadsheet 2003)"
    else:
        return
    raise InputError(
        f"{display_name}: this file is {what}, not a CSV/text export. Export the contact history "
        "as CSV (comma, semicolon or tab separated) or as an Excel workbook (.xlsx), or open the "
        "file in Excel and save it so, then import that file."
    )


def detect_encoding(head: bytes, complete: bool = True) -> str:
    """UTF-8 with BOM, UTF-8, else Windows-1252 (what Windows exports write: ’ – € are bytes
    0x80-0x9F there, control characters in Latin-1), else Latin-1 (every byte sequence is valid
    Latin-1). `complete` says whether `head` is the whole file or only its beginning."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of the head is still UTF-8.
        if complete or error.start < len(head) - 3:
            return east_asian_encoding(head) or single_byte_encoding(head)
    return "utf-8"


# Chinese, Japanese and Korean Windows exports (Excel's "CSV" there) are written in a double-byte
# code page: GBK, Big5 (cp950), Shift-JIS (cp932) or Korean's cp949; Unix systems write EUC-JP.
# Each character is a lead byte above 0x80 and a second byte; Western text read so pairs an "é"
# with the letter after it. Such text decodes to CJK characters only, and (Korean, Chinese,
# EUC-JP) to two high bytes a character.
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CJK_TEXT = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff01-\uff5e]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
_HALF_WIDTH_KANA_WORD = re.compile(r"[\uff61-\uff9f]{3,}")
MIN_HALF_WIDTH_WORDS = 2
EAST_ASIAN_SAMPLE_BYTES = 1 << 22  # of a whole file read again: enough to tell the code page
MIN_CJK_CHARACTERS = 4  # fewer are no evidence for a code page
CJK_SHARE = 0.95  # of the non-ASCII characters, CJK characters (or Hangul for Korean)
HIGH_BYTES_PER_CHARACTER = 1.5  # GBK and cp949 characters are mostly two high bytes
GB2312_HIGH_BYTES_PER_CHARACTER = 1.9
# Western text read as Big5 pairs each accented letter with the ASCII letter after it: one high
# byte a character, where Big5's characters have two in about half of them.
BIG5_HIGH_BYTES_PER_CHARACTER = 1.2
EAST_ASIAN_ENCODINGS = ("cp949", "cp932", "euc_jp", "gbk", "cp950")


def east_asian_encoding(data: bytes) -> str | None:
    """ "cp949", "cp932", "euc_jp", "gbk" or "cp950" when `data` (no valid UTF-8) is Korean,
    Japanese, Simplified or Traditional Chinese text in that code page, else None."""
    data = data[:EAST_ASIAN_SAMPLE_BYTES]
    data = data[: data.rfind(b"\n") + 1] or data  # a character cut by the end of the sample
    high_bytes = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    for encoding, own in (
        ("cp949", _HANGUL),
        ("cp932", _KANA),
        ("euc_jp", _KANA),
        ("gbk", _CJK_TEXT),
        ("cp950", _CJK_TEXT),
    ):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = len(_NOT_ASCII.findall(text))
        own_characters = len(own.findall(text))
        cjk = len(_CJK_TEXT.findall(text))
        if encoding == "cp932":
            # Older Japanese systems write half-width katakana ("ｷｭｰ"), one byte each. Chinese
            # text read as Shift-JIS turns into them too (but then reads as GBK or Big5), as do
            # Western capitals, "É" or "Ü" (but one at a time, never as words of them).
            half_width = len(_HALF_WIDTH_KANA.findall(text))
            words = len(_HALF_WIDTH_KANA_WORD.findall(text))
            chinese = not own_characters and (_decodes(data, "gbk") or _decodes(data, "cp950"))
            if own_characters or (words >= MIN_HALF_WIDTH_WORDS and not chinese):
                own_characters += half_width
                cjk += half_width
        if wide < MIN_CJK_CHARACTERS or cjk < CJK_SHARE * wide:
            continue
        two_high_bytes = high_bytes >= HIGH_BYTES_PER_CHARACTER * wide
        if encoding == "cp949" and own_characters >= CJK_SHARE * wide and two_high_bytes:
            return encoding  # Korean is written in Hangul
        # Japanese writes kana; Shift-JIS's second byte is often ASCII, so they are the evidence.
        if encoding == "cp932" and own_characters:
            return encoding
        # Linux and older Unix systems write Japanese in EUC-JP: two high bytes a character,
        # kana among them (GBK would read its kana too, but its kanji as other characters).
        if encoding == "euc_jp" and own_characters and two_high_bytes:
            return encoding
        # Simplified Chinese keeps to GB2312, two high bytes a character; Traditional Chinese
        # (Big5, Windows' cp950) writes many a second byte in ASCII, which GBK also reads.
        if encoding == "gbk" and high_bytes >= GB2312_HIGH_BYTES_PER_CHARACTER * wide:
            return encoding
        if encoding == "cp950" and high_bytes >= BIG5_HIGH_BYTES_PER_CHARACTER * wide:
            return encoding
    return None


# Polish (and other Central European) Windows exports are written in Windows-1250, whose ą, ł, ż,
# Ą, Ż are bytes that Windows-1252 reads as signs ("Po³¹czenia", "Obs³uga"): such a byte right
# after a letter and before another letter (or another of them) is no Western text.
_CENTRAL_EUROPEAN_LETTERS = re.compile(
    rb"[A-Za-z][\xa5\xaf\xb3\xb9\xbf][A-Za-z\xa5\xaf\xb3\xb9\xbf]"
    # Czech ě and ů inside a word ("Průměrná") are ì and ù to Windows-1252, which Italian and
    # French write only at a word's end; ř before i, í or á ("Příchozí") a Danish ø, which comes
    # before consonants or e; č and Č before a vowel ("čekání", "Čas") a French è or È.
    rb"|[A-Za-z\xe1\xe9\xed\xfd][\xec\xf9][A-Za-z\xe1\xe9\xed\xfd]"
    rb"|[BbDdHhKkMmPpTtVvZz][\xf8][i\xe1\xed\xec]"
    rb"|(?<![A-Za-z])[\xc8\xe8][aeiouy\xe1\xe9\xed]|[a-z][\xe8][aeiouy\xe1\xe9\xed]"
)
# Turkish Windows exports are written in Windows-1254: its ğ, ı, ş (İ, Ş, Ğ) are Windows-1252's
# ð, ý, þ ("Çaðrý", "Müþteri"), letters only Icelandic writes, and Icelandic also writes á, é,
# í, ó, ú and æ, which Turkish does not.
_TURKISH_LETTERS = re.compile(rb"[A-Za-z\xe7\xf6\xfc][\xf0\xfd\xfe][A-Za-z\xe7\xf6\xfc]")
_ICELANDIC_LETTERS = re.compile(rb"[\xc1\xc6\xc9\xcd\xd3\xda\xe1\xe6\xe9\xed\xf3\xfa]")


# Excel for Mac saves "Comma Separated Values" in Mac Roman, whose é, è, à, ç, ô, ü ... are bytes
# 0x80-0x9F: Windows-1252's signs there ("TŽlŽphonie", "Fran\x8dais") or nothing. Windows-1252
# and Latin-1 text writes its accented letters at 0xC0-0xFF and, inside a word, at most a
# typographic apostrophe (0x92, "don’t") below them.
_LETTER_THEN_HIGH_BYTE = re.compile(rb"[A-Za-z]([\x80-\xff])")
_MAC_ROMAN_LETTERS = frozenset(range(0x80, 0xA0)) - {0x92}
_LATIN_LETTERS = frozenset(range(0xC0, 0x100))


def _mac_roman(data: bytes) -> bool:
    """The letters written right after a letter are Mac Roman's accented ones and none is a
    Windows-1252 (Latin-1) letter."""
    after_letters = set(_LETTER_THEN_HIGH_BYTE.findall(data))
    codes = {byte[0] for byte in after_letters}
    return (
        bool(codes & _MAC_ROMAN_LETTERS)
        and not codes & _LATIN_LETTERS
        and all(byte.decode("mac_roman").isalpha() for byte in after_letters)
    )


def single_byte_encoding(data: bytes) -> str:
    """ "cp1250" when `data` is Central European text written in Windows-1250, "mac_roman" when
    it is Western text saved by Excel for Mac, "cp1254" when it is Turkish text in Windows-1254,
    else "cp1252" when it decodes as Windows-1252, else "latin-1"."""
    if _CENTRAL_EUROPEAN_LETTERS.search(data) and _decodes(data, "cp1250"):
        return "cp1250"
    if _mac_roman(data):
        return "mac_roman"
    if not _decodes(data, "cp1252"):
        return "latin-1"
    if (
        _TURKISH_LETTERS.search(data)
        and not _ICELANDIC_LETTERS.search(data)
        and _decodes(data, "cp1254")
    ):
        return "cp1254"
    return "cp1252"


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def utf16_encoding(head: bytes) -> str | None:
    """The UTF-16 codec: "utf-16" with a byte-order mark ("utf-32" with UTF-32's), "utf-16-le"/"-be" when every other
    byte of a mostly-ASCII text is NUL, else None."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"  # rare, but its BOM starts like UTF-16's
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    probe = head[:4096]
    if len(probe) < 4:
        return None
    even_nul, odd_nul = probe[0::2].count(0), probe[1::2].count(0)
    half = len(probe) // 2
    if odd_nul > 0.9 * half and even_nul < 0.1 * half:
        return "utf-16-le"
    if even_nul > 0.9 * half and odd_nul < 0.1 * half:
        return "utf-16-be"
    return None


def _decode_head(head: bytes, encoding: str) -> str:
    return head.decode(encoding, errors="ignore")


def detect_delimiter(lines: list[str]) -> str:
    """The candidate that splits most lines into the same number (two or more) of fields; ties
    go to the rarer separator (tab, then semicolon) because commas also appear as decimal marks
    inside semicolon files."""
    best, best_share = ",", 0.0
    for delimiter in DELIMITERS:
        counts = Counter(len(row) for row in _split(lines, delimiter))
        width, lines_with_width = max(counts.items(), key=lambda item: (item[1], item[0]))
        share = lines_with_width / max(1, sum(counts.values()))
        if width >= 2 and share > best_share:
            best, best_share = delimiter, share
    return best


def _uses_decimal_comma(header: list[str], sample: list[list[str]]) -> tuple[bool, str | None]:
    """(decimal comma?, a note when the sample cannot tell). European numbers show a comma that
    cannot group thousands ("288,0", "0,81", "1.234,5") or dots that only ever group them
    ("1.234"). A "1,464" alone reads either way: a dot decimal elsewhere ("290.5"), a second
    group ("1,234,567") or a count column (counts are whole) make its comma a thousands mark."""
    values = [value for row in sample for value in row]
    dot_decimals = any(_DOT_DECIMAL.match(v) and not _DOT_THOUSANDS.match(v) for v in values)
    if any(_DECIMAL_COMMA.match(v) and not _COMMA_GROUPS.match(v) for v in values):
        return True, None
    grouped = [v for v in values if _COMMA_GROUPS.match(v)]
    dot_grouped = any(_DOT_THOUSANDS.match(value) for value in values)
    if not grouped:
        return dot_grouped and not dot_decimals, None
    thousands = any(_COMMA_THOUSANDS.match(v) and not _COMMA_GROUPS.match(v) for v in values)
    if dot_decimals or thousands or _in_a_count_column(header, sample):
        return False, None
    if dot_grouped:
        return True, None
    return True, (
        f"numbers such as '{grouped[0].strip()}' were read with a decimal comma "
        f"({grouped[0].strip().replace(',', '.')}), as in Italian exports, but nothing in the "
        "file rules out a comma that groups thousands. If they are whole numbers, name the "
        "column after what it counts (e.g. 'Calls offered') or export them without thousands "
        "separators, and import the file again."
    )


def _quoted_decimal_columns(header: list[str], sample: list[list[str]]) -> list[str]:
    """Columns of a comma-separated file holding quoted numbers whose comma cannot group
    thousands ("302,2", "0,81", "1.234,5"): decimals written the European way. Not when the
    column also holds a dot decimal ("290.5") or comma groups that only thousands make
    ("1,234,567"), nor in a count column (counts are whole)."""
    found = []
    for position, name in enumerate(header):
        cells = [row[position] for row in sample if position < len(row) and row[position].strip()]
        if not any(_DECIMAL_COMMA.match(v) and not _COMMA_GROUPS.match(v) for v in cells):
            continue
        dotted = any(_DOT_DECIMAL.match(v) and not _DOT_THOUSANDS.match(v) for v in cells)
        thousands = any(_COMMA_THOUSANDS.match(v) and not _COMMA_GROUPS.match(v) for v in cells)
        if not (dotted or thousands or _is_count_header(name)):
            found.append(name)
    return found


def _in_a_count_column(header: list[str], sample: list[list[str]]) -> bool:
    """Some column holding a "1,464" is named as a count ("Calls Offered", "Chiamate")."""
    for position, name in enumerate(header):
        cells = [row[position] for row in sample if position < len(row)]
        if _is_count_header(name) and any(_COMMA_GROUPS.match(cell) for cell in cells):
            return True
    return False


def _is_count_header(name: str) -> bool:
    words = header_words(name)
    return bool(words & _COUNT_WORDS) and not words & NOT_COUNT_WORDS
