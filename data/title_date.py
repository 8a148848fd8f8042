"""A one-day report dated only in its title lines: the date written onto every row; a report
of several days stacked, each day's table under its date: each date onto its day's rows."""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass, field
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
from data.title_queue import names_title_queue, queue_titles


@dataclass(frozen=True)
class TitleDate:
    """The column a title's date was written into, and the file line that date is on: notes
    about that column's values point there, not at the rows it was copied onto."""

    column: str
    line: int
    # A report stacking several days: the line of each date as written onto the rows.
    line_of: dict[str, int] = field(default_factory=dict)


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
    _refuse_impossible_dates(
        enumerate(text_format.title_lines, start=1), text_format.delimiter, name
    )
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
    delimiter = text_format.delimiter
    rows = [next(csv.reader([text], delimiter=delimiter), []) for text in lines]
    below = ((index + 1, lines[index]) for index in range(first + 1, len(lines)))
    _refuse_impossible_dates(
        ((line, text) for line, text in below if 1 <= len(_filled(rows[line - 1])) <= 2),
        delimiter,
        name,
    )
    # Each day's date line, when the report stacks several days: {line index: date}.
    starts = _day_sections(rows, first, written)
    days = [(line, written)] + [(index + 1, date) for index, date in starts.items()]
    if starts:
        _refuse_other_queues(rows, lines, first, text_format, name)
    header = _filled(rows[first])
    cell = _cell(iso or written, delimiter)
    for index in range(first, len(lines)):
        if index == first:
            lines[index] = f"{column}{delimiter}{lines[index]}"
        elif index in starts:  # the next day's table starts under its date
            cell = _cell(starts[index], delimiter)
            lines[index] = ""
        elif starts and _filled(rows[index]) == header:
            lines[index] = ""  # the header again, above that day's rows
        elif len(rows[index]) > 1:  # a note on a line of its own stays one, skipped as before
            lines[index] = f"{cell}{delimiter}{lines[index]}"
    dated_path = folder / Path(name).name
    dated_path.write_text("\n".join(lines) + "\n", encoding=text_format.encoding)
    if len(days) > 1:
        shown = "; ".join(f"line {line}: '{text}'" for line, text in days[:3])
        shown += "; …" if len(days) > 3 else ""
        note = (
            f"{name}: the table has no date column; the file stacks {len(days)} days' tables, "
            f"each under its date ({shown}): each row was given the date above its table."
        )
        return dated_path, note, TitleDate(column, line, {text: at for at, text in days})
    told = f", {iso} as the file name says" if iso and iso != written else ""
    note = (
        f"{name}: the table has no date column; the date above it (line {line}: "
        f"'{written}'{told}) was given to every row, as a report of one day."
    )
    return dated_path, note, TitleDate(column, line)


# A date written with numbers alone, after a label or not ("Date: 02/31/26", "2026-02-31").
_NUMERIC_DATE = re.compile(r"^(\d{4}|\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")


def _refuse_impossible_dates(lines, delimiter: str, name: str) -> None:
    """Refuse a line holding only a date, labelled or not, that no calendar has ("Date:
    02/31/26"): its rows would otherwise go to no day, or to the day above it."""
    for line, text in lines:
        for cell in next(csv.reader([text], delimiter=delimiter), []):
            cell = cell.replace("：", ":").strip()
            labelled = ":" in cell and re.match(r"^\s*[^\W\d_]", cell)
            value = (cell.split(":", 1)[1] if labelled else cell).strip()
            why = impossible_date(value)
            if why:
                raise InputError(
                    f"{name}: line {line} ('{cell}'): {value} is not a date: {why}. Correct "
                    "the date in the export (or export the report again), and import it again."
                )


def impossible_date(value: str) -> str | None:
    """Why a numeric date that is no day in any order is none ("February has 28 days in
    2026"); None when some order reads it as a day, or it is no numeric date."""
    match = _NUMERIC_DATE.match(value)
    if not match:
        return None
    first, _, second, third = match.groups()
    if len(first) == 4:  # year-month-day
        year, readings = int(first), [(int(second), int(third))]
    else:
        year = int(third) + (2000 if len(third) == 2 else 0)
        a, b = int(first), int(second)
        readings = [(a, b), (b, a)]  # (month, day): month/day or day/month
    if any(1 <= day <= _month_days(year, month) for month, day in readings):
        return None
    months = [(month, day) for month, day in readings if 1 <= month <= 12]
    if not months:
        return f"there is no month {readings[0][0]}"
    month, day = months[0]
    if day == 0:
        return "there is no day 0"
    return f"{calendar.month_name[month]} has {_month_days(year, month)} days in {year}"


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0


def _cell(value: str, delimiter: str) -> str:
    """`value` as a cell of the file: quoted when it holds the delimiter ("Mar 4, 2024")."""
    return f'"{value}"' if delimiter in value else value


def _filled(fields: list[str]) -> list[str]:
    return [cell.strip() for cell in fields if cell.strip()]


def _day_sections(rows: list[list[str]], first: int, written: str) -> dict[int, str]:
    """The lines below the header (`rows[first]`) that each start a day's table with its date
    alone ("Date: 11/03/26"), by index: {} unless every day, the first one's `written` above
    the header included, has rows of its own, a date of its own, all in one format."""
    header = _filled(rows[first])
    starts: dict[int, str] = {}
    rows_per_day = [0]
    for index in range(first + 1, len(rows)):
        date = _section_date(rows[index])
        if date is not None:
            starts[index] = date
            rows_per_day.append(0)
        elif len(rows[index]) > 1 and _filled(rows[index]) != header:
            rows_per_day[-1] += 1
    dates = [written, *starts.values()]
    if not starts or min(rows_per_day) == 0 or len(set(dates)) < len(dates):
        return {}
    return starts if detect_format(dates, DATE_FORMATS) else {}


def _refuse_other_queues(
    rows: list[list[str]], lines: list[str], first: int, text_format: TextFormat, name: str
) -> None:
    """Refuse days stacked under titles that name other queues than the one above the first
    ("Coda: Vendite" over Tuesday's table): each day's queue is not the title's, and stacks
    of days and queues at once are not read."""
    if any(names_title_queue(column) for column in text_format.header):
        return  # each row names its queue
    above = {queue for _, _, queue in queue_titles(text_format.title_lines, text_format.delimiter)}
    for index in range(first + 1, len(rows)):
        if not 1 <= len(_filled(rows[index])) <= 2:
            continue
        for _, label, queue in queue_titles([lines[index]], text_format.delimiter):
            if queue not in above:
                raise InputError(
                    f"{name}: the table has no date or queue column, and the file stacks days' "
                    f"tables under titles naming other queues too (line {index + 1}: "
                    f"'{label}: {queue}'), so the day and queue of each row cannot both be "
                    "told. Export the interval report with a date and a queue column on every "
                    "row (or one file per queue), and import that."
                )


def _section_date(fields: list[str]) -> str | None:
    """The date of a line below the header that holds nothing but a date, after a label or
    not ("Date: 11/03/26", "Date:", "11/03/26"): the day of the rows below it."""
    filled = _filled(fields)
    if not 1 <= len(filled) <= 2:  # a row of the table, or a blank line
        return None
    dates = [date for date in map(_bare_date, filled) if date is not None]
    labels = [cell for cell in filled if cell.endswith((":", "："))]
    if len(dates) != 1 or len(dates) + len(labels) != len(filled):
        return None
    return dates[0]


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
            value = _bare_date(cell)
            if value is not None:
                found.append((line, value))
    return found


def _bare_date(cell: str) -> str | None:
    """The date a cell holds alone or after a label ("3/4/2024", "Date: 3/4/2024"); None for
    anything else, a bare number included."""
    cell = cell.replace("：", ":")  # Chinese and Japanese write the colon full width
    labelled = ":" in cell and re.match(r"^\s*[^\W\d_]", cell)
    value = cell.split(":", 1)[1] if labelled else cell
    value = _TRAILING_DAY_NAME.sub(r"\1", value.strip())
    if value and not value.isdigit() and detect_format([value], DATE_FORMATS):
        return value
    return None


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
