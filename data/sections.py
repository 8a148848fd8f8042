"""Reports of several queues stacked in one file, each section under a title naming its queue
("Queue: Sales", the header, its rows, a blank line, "Queue: Support", the header again, its
rows): read as one table with the queue of each section's title on its rows."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from data.sniff import _LINE_END, TextFormat
from data.title_queue import names_title_queue, queue_titles, title_queue, written_title

# Files up to this size are searched for sections: stacked per-queue reports are small, and a
# bigger file would be read into memory whole.
MAX_SECTIONED_BYTES = 64 << 20


@dataclass
class Sections:
    """Where each section's title names its queue, and the column that holds it in the copy."""

    titles: list[tuple[int, str]]  # (line number from 1, the title line as written)
    queues: list[str]
    column: str
    copy: Path | None = None

    def note(self, name: str) -> str:
        shown = "; ".join(f"line {line}: '{text}'" for line, text in self.titles[:4])
        more = f"; and {len(self.titles) - 4} more" if len(self.titles) > 4 else ""
        return (
            f"{name}: the file stacks {len(self.titles)} sections, each under a title naming its "
            f"queue ({shown}{more}), with the header repeated above each: read as one table, "
            f"each row in the queue its section's title names ('{self.column}')."
        )


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return []


def _is_blank(line: str, delimiter: str) -> bool:
    return not line.strip().strip(delimiter).strip()


def queue_sections(path: Path, text_format: TextFormat, folder: Path) -> Sections | None:
    """The sections of a file whose table is headed by a title naming one queue and whose header
    comes again further down, each time under a title naming a queue, written as a copy in
    `folder` with a queue column added and the titles and repeated headers blanked (so its line
    numbers are the file's); None when the file is no such stack. Only where it is safe: the
    table has no queue column of its own, no quoted value spans lines, every data row is as wide
    as the header, and the lines above each repeated header are its queue's title or lines
    repeating those above the first header."""
    first = title_queue(text_format)
    if first is None or text_format.multiline:
        return None
    delimiter = text_format.delimiter
    if any(names_title_queue(name) for name in text_format.header):
        return None  # the table names its queues itself
    width = len(text_format.header)
    title_cells = [_cells(line, delimiter) for line in text_format.title_lines]
    if any(
        len(row) != width
        and sum(1 for cell in row if cell.strip()) > 1
        and [cell.strip() for cell in row] not in title_cells
        and not queue_titles([delimiter.join(row)], delimiter)
        for row in text_format.sample_rows
    ):
        return None  # rows wider or narrower than the header: the queue cell would not line up
    try:
        if path.stat().st_size > MAX_SECTIONED_BYTES:
            return None
        text = path.read_text(encoding=text_format.encoding, errors="replace")
    except (OSError, LookupError):
        return None
    text = text.lstrip("\ufeff")
    lines = _LINE_END.split(text)
    top = len(text_format.title_lines)
    if top >= len(lines) or _cells(lines[top], delimiter) != text_format.header:
        return None  # a header written over two lines, or lines the sniffer joined
    header = lines[top].strip().lstrip("\ufeff")
    if text.count(header) < 2:
        return None
    repeats = [
        index
        for index in range(top + 1, len(lines))
        if lines[index].strip().lstrip("\ufeff") == header
    ]
    if not repeats:
        return None
    kept_titles = {line.strip() for line in text_format.title_lines if line.strip()}
    first_line, _, first_queue = first
    titles = [(first_line, first[1])]
    queues = [first_queue]
    starts = [top]
    for repeat in repeats:
        above = repeat - 1
        while above > starts[-1] and _is_blank(lines[above], delimiter):
            above -= 1
        preamble: list[int] = []
        while above > starts[-1] and not _is_blank(lines[above], delimiter):
            found = queue_titles([lines[above]], delimiter)
            if not found and lines[above].strip() not in kept_titles:
                break  # a data row: the preamble ends above it
            preamble.insert(0, above)
            above -= 1
        named = [
            (index, label, queue)
            for index in preamble
            for _, label, queue in queue_titles([lines[index]], delimiter)
        ]
        if len({queue for _, _, queue in named}) != 1:
            return None  # no title naming one queue over this section: not a stack of queues
        index, label, queue = named[0]
        titles.append((index + 1, written_title(lines[index], label, queue)))
        queues.append(queue)
        starts.append(repeat)
        for index in preamble:
            lines[index] = ""
        lines[repeat] = ""
    label = queue_titles([text_format.title_lines[first_line - 1]], delimiter)[0][1]
    column = label if label not in text_format.header else f"{label} (title)"
    sections = Sections(titles, queues, column)
    lines[top] += delimiter + _quoted(column, delimiter)
    for start, end, queue in zip(starts, starts[1:] + [len(lines)], queues, strict=True):
        cell = delimiter + _quoted(queue, delimiter)
        for index in range(start + 1, end):
            line = lines[index]
            if _is_blank(line, delimiter):
                lines[index] = ""  # ";;;" would be a field short of the widened header
            elif len(_cells(line, delimiter)) == width:
                lines[index] += cell  # rows; a one-cell footer is left as it is
    sections.copy = folder / path.name
    sections.copy.write_text("\n".join(lines), encoding=text_format.encoding, errors="replace")
    return sections


def _quoted(value: str, delimiter: str) -> str:
    if any(mark in value for mark in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def header_lines(path: Path | None, text_format: TextFormat) -> list[int]:
    """Lines (from 1) below the header that repeat it, read from the file itself: the table's
    row numbers skip blank lines. Empty when the file cannot be read again."""
    if path is None or text_format.multiline:
        return []
    try:
        if path.stat().st_size > MAX_SECTIONED_BYTES:
            return []
        text = path.read_text(encoding=text_format.encoding, errors="replace")
    except (OSError, LookupError):
        return []
    lines = _LINE_END.split(text.lstrip("\ufeff"))
    top = len(text_format.title_lines)
    if top >= len(lines):
        return []
    header = lines[top].strip()
    return [
        index + 1
        for index in range(top + 1, len(lines))
        if lines[index].strip().lstrip("\ufeff") == header
    ]
