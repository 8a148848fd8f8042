"""A one-day report dated only in its title lines: the date written onto every row."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from data.errors import InputError
from data.sniff import TextFormat
from data.timestamps import (
    DATE_FORMATS,
    DATETIME_FORMATS,
    clean_text,
    detect_format,
    parse_with_format,
)


@dataclass(frozen=True)
class TitleDate:
    """The column a title's date was written into, and the file line that date is on: notes
    about that column's values point there, not at the rows it was copied onto."""

    column: str
    line: int


# "2024-03-04", "20240304", "2024_03_04" in a file name.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def with_title_date(
    path: Path, name: str, text_format: TextFormat, folder: Path
) -> tuple[Path, str, TitleDate] | None:
    """A one-day report whose date is written only above the table ("Date: 3/4/2024", as an
    ACD's daily interval report prints it): a copy in `folder` with that date on every row, the
    note that says so and where the date came from. None when the table has a date column of its own or nothing above
    it holds a date; InputError when the lines above hold several dates, so that the day of
    the rows is unknown."""
    if text_format.multiline or _has_date_column(text_format):
        return None
    found = _title_dates(text_format)
    if not found:
        return None
    if len({text for _, text in found}) > 1:
        shown = "; ".join(f"line {line}: '{text}'" for line, text in found[:3])
        raise InputError(
            f"{name}: the table has no date column, and the lines above it hold several dates "
            f"({shown}), so the day of each row is unknown. Export the interval report over "
            "the days you want with a date column on every row (a multi-day interval report), "
            "and import that."
        )
    line, written = found[0]
    iso = _date_named_in_file(written, name)
    column = next(c for c in ("Report date", "Title date", "Date") if c not in text_format.header)
    text = path.read_bytes().decode(text_format.encoding, errors="replace").lstrip("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)  # as the sniffer counted them
    first = text_format.header_line
    cell = iso or written
    if text_format.delimiter in cell:  # "Mar 4, 2024" in a comma-separated file
        cell = f'"{cell}"'
    for index in range(first, len(lines)):
        fields = next(csv.reader([lines[index]], delimiter=text_format.delimiter), [])
        if index == first:
            lines[index] = f"{column}{text_format.delimiter}{lines[index]}"
        elif len(fields) > 1:  # a note on a line of its own stays one, skipped as before
            lines[index] = f"{cell}{text_format.delimiter}{lines[index]}"
    dated_path = folder / Path(name).name
    dated_path.write_text("\n".join(lines) + "\n", encoding=text_format.encoding)
    told = f", {iso} as the file name says" if iso and iso != written else ""
    note = (
        f"{name}: the table has no date column; the date above it (line {line}: "
        f"'{written}'{told}) was given to every row, as a report of one day."
    )
    return dated_path, note, TitleDate(column, line)


def _has_date_column(text_format: TextFormat) -> bool:
    """Some column of the sniffed rows reads as dates or date-times."""
    for position in range(len(text_format.header)):
        cells = [row[position] for row in text_format.sample_rows if position < len(row)]
        if detect_format(cells, DATETIME_FORMATS + DATE_FORMATS, min_share=0.5):
            return True
    return False


# A numeric date followed by its day's name ("03/04/24  Monday", "04.03.2024 Montag"): the
# name says nothing the date does not.
_TRAILING_DAY_NAME = re.compile(r"^(\d{1,4}[/.-] ?\d{1,2}[/.-]\d{2,4})\s+[^\W\d_]{2,12}\.?$")


def title_date_lines(text_format: TextFormat) -> set[int]:
    """The lines above the header holding a bare date (see `_title_dates`)."""
    return {line for line, _ in _title_dates(text_format)}


def _title_dates(text_format: TextFormat) -> list[tuple[int, str]]:
    """(line, text) of each cell above the header that is a bare date, "3/4/2024" alone or
    after a label ("Date: 3/4/2024"); a date with a clock ("generated 3/5/2024 07:02") is when
    the report was run, not the day it covers, and a bare number is no date."""
    found = []
    for line, text in enumerate(text_format.title_lines, start=1):
        for cell in next(csv.reader([text], delimiter=text_format.delimiter), []):
            cell = cell.replace("：", ":")  # Chinese and Japanese write the colon full width
            labelled = ":" in cell and re.match(r"^\s*[^\W\d_]", cell)
            value = cell.split(":", 1)[1] if labelled else cell
            value = _TRAILING_DAY_NAME.sub(r"\1", value.strip())
            if value and not value.isdigit() and detect_format([value], DATE_FORMATS):
                found.append((line, value))
    return found


# A date with its clock is at most this many words ("Mar 4, 2024 7:02 AM").
_STAMP_WORDS = 5


def run_stamp_in_title(text_format: TextFormat) -> tuple[int, str] | None:
    """(line, cell) of the first cell holding a date with a clock above a table that has no
    date column ("Report generated 2026-11-03 07:00"): when the report was run, not the day of its rows,
    which `_title_dates` leaves out. None when the table has a date column or no such date."""
    if _has_date_column(text_format):
        return None
    for line, text in enumerate(text_format.title_lines, start=1):
        for cell in next(csv.reader([text], delimiter=text_format.delimiter), []):
            words = cell.split()
            for start in range(len(words)):
                for end in range(min(len(words), start + _STAMP_WORDS), start + 1, -1):
                    if detect_format([" ".join(words[start:end])], DATETIME_FORMATS):
                        return line, " ".join(words)
    return None


def _date_named_in_file(written: str, name: str) -> str | None:
    """The file name's date (YYYY-MM-DD) when it is one reading of `written` ("3/4/2024" in
    "..._2024-03-04.txt"): it tells day/month order apart. None otherwise."""
    named = _NAME_DATE.search(Path(name).stem)
    if not named:
        return None
    iso = "-".join(named.groups())
    value = clean_text(pa.array([written], pa.string()))
    for fmt in DATE_FORMATS:
        parsed = parse_with_format(value, fmt)[0].as_py()
        if parsed is not None and parsed.date().isoformat() == iso:
            return iso
    return None
