"""Workbooks (Excel .xlsx and .xls, OpenDocument .ods) as CSV text, so spreadsheet exports take
the same import path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data.agents import QUEUE_REPORT, agent_columns, arriving_count, contact_per_row, named
from data.columns import SERVED_COUNT_WORDS, ImportOptions, header_words
from data.errors import InputError
from data.schema import KIND_RECORDS
from data.sniff import sniff_bytes
from data.wide import grid_columns

_ZIP_MAGIC = b"PK\x03\x04"
_WORKBOOK_PART = "xl/workbook.xml"
# An OLE compound file: an old Excel workbook (.xls) as ACD report tools still export them.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"  # LibreOffice Calc
# Rows of each sheet looked at to tell what it holds: enough for the column roles (the reader
# then samples the chosen sheet as it samples any CSV).
_HEAD_ROWS = 200
_NO_HISTORY = "no dated contacts or counts of contacts found"


def has_workbook_signature(head: bytes) -> bool:
    """The first bytes of a zip archive (.xlsx, .ods) or of an OLE file (.xls)."""
    return head.startswith((_ZIP_MAGIC, _OLE_MAGIC))


def is_workbook(path: Path) -> bool:
    """An Excel (.xlsx, .xls) or OpenDocument (.ods) workbook, told by its content (the file name
    is not trusted: a CSV named .xls is read as the CSV it is)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_OLE_MAGIC))
        if head == _OLE_MAGIC:
            return True
        if head[: len(_ZIP_MAGIC)] != _ZIP_MAGIC:
            return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if _WORKBOOK_PART in names:
                return True
            return "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIMETYPE
    except (OSError, zipfile.BadZipFile):
        return False


@dataclass
class _SheetContent:
    """What one sheet holds, as far as choosing the sheet to import goes."""

    sheet: Any  # a calamine sheet
    readable: bool = False  # a date/time column and counts or one row per contact were found
    agent_columns: tuple[str, ...] = ()  # the headers naming agents and their states
    timed: bool = False  # times of day, not dates alone
    demand: bool = False  # counts arriving contacts (or one row per contact), not served ones
    # What counts contacts per interval beside per-agent figures, for a note ("'Offered'"):
    # arriving contacts (an agent's handled calls are no demand), or the count the user chose.
    contacts_per_interval: str | None = None
    # The table's shape: its header as read (trimmed, any case) and kind ("grid" for a grid).
    # Sheets alike in it and in the flags above hold one table split by period or queue.
    columns: tuple[str, ...] = ()
    kind: str = ""
    # The columns read for times, counts and queues ("interval", "offered"): sheets alike in
    # them hold one table even where one of them has a further column ("Answered").
    roles: tuple[str | None, ...] = ()
    hidden: bool = False  # a sheet Excel does not show: helper or old data, read only if alone

    @property
    def per_agent(self) -> bool:
        return bool(self.agent_columns)

    @property
    def rank(self) -> tuple[bool, bool, bool, bool, bool, int]:
        return (self.readable, not self.hidden, not self.per_agent, self.timed, self.demand,
                self.sheet.total_height)  # fmt: skip

    def why_not(self, chosen: _SheetContent) -> str:
        """Why this sheet was passed over for `chosen`."""
        if not self.readable:
            return _NO_HISTORY
        if self.hidden and not chosen.hidden:
            return "a hidden sheet (unhide it in Excel and import again to read it too)"
        if self.per_agent:
            return "one row per agent (agent names beside agent states or the queue's count), not contacts"
        if chosen.timed and not self.timed:
            return "dates without a time of day"
        if chosen.demand and not self.demand:
            return "it counts served contacts only"
        if self.columns != chosen.columns or self.kind != chosen.kind:
            return f"other columns than '{chosen.sheet.name}'"
        return "fewer rows"

    def same_table(self, other: _SheetContent) -> bool:
        """The same kind of table as `other` (same columns, same shape): one export split over
        sheets by month or by queue, to be read together."""
        return (
            self.readable
            and other.readable
            and self.hidden == other.hidden
            and self.per_agent == other.per_agent
            and (self.timed, self.demand, self.kind) == (other.timed, other.demand, other.kind)
            and bool(self.columns)
            and (self.columns == other.columns or (bool(self.roles) and self.roles == other.roles))
        )


@dataclass
class WorkbookSheets:
    """The sheets of a workbook to read, each written as a CSV file, in workbook order."""

    parts: list[tuple[str, Path]]  # (sheet name, its CSV copy)
    chosen: str  # the sheet chosen by content; the others in `parts` have the same columns
    # Which sheet was read and why the others were not, when it is the only one; with
    # several, "" (the caller names the sheets read once it knows their dates).
    note: str
    left_out: list[str]  # why each sheet not in `parts` was left out: "'Agents': one row ..."
    hidden: bool = False  # the sheets read are hidden ones: no sheet shown holds contact history


def workbook_to_csv(
    path: Path, name: str, target: Path, options: ImportOptions | None = None
) -> str:
    """Write the workbook's sheet of contact history to `target` as UTF-8 CSV; returns a note
    saying which sheet was read. Dates and times are written as ISO text, durations as seconds.

    The sheet is chosen by what it holds: a table of dated contact counts or of one row per
    contact, not a per-agent sheet even when that one is larger; times of day before dates
    alone, arriving contacts before served ones; then the largest. (The import reads every
    sheet holding the same table: see `workbook_sheets_to_csv`.)

    Read with calamine (Rust): a 100,000-row export imports in 0.9 s instead of 5.4 s with
    openpyxl (bench/import_speed.py); a full million-row sheet takes about 9 s.
    """
    contents, chosen = _choose(path, name, options)
    others = [content for content in contents if content is not chosen]
    _write_sheet(name, chosen, target)
    # A per-agent sheet read for its count of contacts: the CSV reading notes it (data.agents).
    return _sheet_note(name, chosen, others)


def workbook_sheets_to_csv(
    path: Path, name: str, folder: Path, options: ImportOptions | None = None
) -> WorkbookSheets:
    """Write the sheet `workbook_to_csv` chooses, and every other sheet holding the same table
    (same columns: one export split into a sheet per month or per queue), as CSV files in
    `folder`. Per-agent, summary and chart sheets have other columns and are left out."""
    contents, chosen = _choose(path, name, options)
    alike = [content for content in contents if content is chosen or content.same_table(chosen)]
    others = [content for content in contents if not any(content is read for read in alike)]
    parts = []
    for index, content in enumerate(alike):
        target = folder / f"sheet{index}.csv"
        _write_sheet(name, content, target)
        parts.append((content.sheet.name, target))
    note = _sheet_note(name, chosen, others) if len(alike) == 1 else ""
    return WorkbookSheets(parts, chosen.sheet.name, note, _left_out(chosen, others), chosen.hidden)


def _choose(
    path: Path, name: str, options: ImportOptions | None
) -> tuple[list[_SheetContent], _SheetContent]:
    """What each sheet holds, and the sheet of contact history (refused when it is per-agent
    figures only)."""
    from python_calamine import (  # only workbooks pay for importing it
        CalamineWorkbook,
        SheetVisibleEnum,
    )

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [workbook.get_sheet_by_name(title) for title in workbook.sheet_names]
        if not sheets:
            raise ValueError("it has no sheet")
        contents = [_content(sheet, name, options or ImportOptions()) for sheet in sheets]
        hidden = {
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible != SheetVisibleEnum.Visible
        }
        for content in contents:
            content.hidden = content.sheet.name in hidden
    except Exception as error:  # calamine raises many kinds for a damaged workbook
        raise _unopened(name, error) from error
    if not any(content.readable for content in contents):
        _refuse_day_sheets(name, [content.sheet.name for content in contents])
    chosen = max(contents, key=lambda content: content.rank)  # the first on a tie
    if chosen.per_agent and not chosen.contacts_per_interval:
        _refuse_per_agent(name, chosen, [content for content in contents if content is not chosen])
    return contents, chosen


# A sheet named for a day: "01.03", "1-3", "01/03/2024", "2024-03-01".
_DAY_NAME = re.compile(r"\s*(\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?|\d{4}-\d{2}-\d{2})\s*")


def _refuse_day_sheets(name: str, sheets: list[str]) -> None:
    """A workbook of one sheet per day, no sheet holding a date column: the sheet names are
    the only dates, and the import reads no date from a sheet name (nor would know the year of
    "01.03"), so each row's day is unknown."""
    days = [sheet for sheet in sheets if _DAY_NAME.fullmatch(sheet)]
    if len(days) < 2:
        return
    shown = ", ".join(f"'{sheet}'" for sheet in days[:3]) + (", ..." if len(days) > 3 else "")
    raise InputError(
        f"{name}: the workbook has a sheet per day ({shown}), but no sheet has a date column, "
        "and the import does not read dates from sheet names, so the day of each row is "
        "unknown. Add a date column (such as 2024-03-01) to every sheet, or export the report "
        "over all the days as one table with a date on every row, and import again."
    )


def _write_sheet(name: str, content: _SheetContent, target: Path) -> None:
    try:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for row in content.sheet.iter_rows():  # streamed: never held as Python lists
                writer.writerow([_cell_text(value) for value in row])
    except Exception as error:
        raise _unopened(name, error) from error


def _unopened(name: str, error: Exception) -> InputError:
    return InputError(
        f"{name}: the workbook could not be opened ({error}). Save it again from Excel or "
        "LibreOffice as .xlsx, or export the sheet as CSV."
    )


# Said of sheets read though hidden: the manager looking at the workbook in Excel sees none of
# them and may not know where the history came from.
HIDDEN_READ = (
    ", a hidden sheet (Excel does not show it), read as no shown sheet holds contact history"
)
HIDDEN_SHEETS_READ = (
    "hidden sheets (Excel does not show them; no shown sheet holds contact history)"
)


def _sheet_note(name: str, chosen: _SheetContent, others: list[_SheetContent]) -> str:
    """Which sheet was read, and why the others were not."""
    note = f"{name}: read sheet '{chosen.sheet.name}' of the workbook" + (
        HIDDEN_READ if chosen.hidden else ""
    )
    if not others:
        return note + "."
    if not any(content.readable for content in others):
        return note + f" ({len(others)} other sheet(s) ignored: {_NO_HISTORY})."
    passed_over = "; ".join(
        f"'{content.sheet.name}': {content.why_not(chosen)}" for content in others[:4]
    )
    more = f"; and {len(others) - 4} more" if len(others) > 4 else ""
    return (
        note + f". Other sheets were not read ({passed_over}{more}). If the history is on "
        "another sheet, save that sheet alone as CSV and import it."
    )


def _left_out(chosen: _SheetContent, others: list[_SheetContent]) -> list[str]:
    """Why each sheet not read together with `chosen` was left out ("'Agents': one row per
    agent ...")."""
    if others and not any(content.readable for content in others):
        return [f"{len(others)} other sheet(s): {_NO_HISTORY}"]
    return [f"'{content.sheet.name}': {content.why_not(chosen)}" for content in others]


def _refuse_per_agent(name: str, chosen: _SheetContent, others: list[_SheetContent]) -> None:
    """A workbook whose best sheet holds agent statistics: summed per interval they count the
    agents' handled contacts (or, read per row, their logins), not the contacts that arrived."""
    passed_over = ""
    if others:
        listed = "; ".join(
            f"'{content.sheet.name}': {content.why_not(chosen)}" for content in others[:4]
        )
        more = f"; and {len(others) - 4} more" if len(others) > 4 else ""
        passed_over = f" Other sheets: {listed}{more}."
    raise InputError(
        f"{name}: the workbook holds per-agent figures (sheet '{chosen.sheet.name}': "
        f"{named(chosen.agent_columns)}), not contacts per interval or per contact, so it gives "
        f"no contact history to forecast from.{passed_over} Instead, export {QUEUE_REPORT}, and "
        "import that."
    )


def _content(sheet: Any, name: str, options: ImportOptions) -> _SheetContent:
    """What `sheet` holds, from its first rows read as the CSV import would read them."""
    content = _SheetContent(sheet)
    text = io.StringIO()
    writer = csv.writer(text)
    for row in itertools.islice(sheet.iter_rows(), _HEAD_ROWS):
        writer.writerow([_cell_text(value) for value in row])
    try:
        text_format = sniff_bytes(text.getvalue().encode("utf-8"), name)
        content.agent_columns = agent_columns(text_format.header)
        content.columns = tuple(column.strip().lower() for column in text_format.header)
        if grid_columns(text_format.header):  # dates down, times across (or the other way)
            content.readable = content.timed = content.demand = True
            content.contacts_per_interval = "the columns of its grid"
            content.kind = "grid"
            return content
        plan = text_format.column_plan(options, name)
    except Exception:  # any sheet the import could not read is simply no candidate
        return content
    content.readable = True
    if contact_per_row(plan):
        content.agent_columns = ()
    content.kind = plan.kind
    if plan.volume_column:  # counts per interval; rows of contacts keep their exact columns
        content.roles = tuple(
            (column or "").strip().lower()
            for column in (plan.timestamp_column, plan.date_column, plan.time_column,
                           plan.minute_column, plan.volume_column, plan.queue_column)
        )  # fmt: skip
    content.timed = bool(plan.time_column or plan.timestamp_column)
    served_only = bool(plan.volume_column) and bool(
        header_words(plan.volume_column or "") & SERVED_COUNT_WORDS
    )
    content.demand = plan.kind == KIND_RECORDS or not served_only
    counted = arriving_count(plan, options)
    content.contacts_per_interval = f"'{counted}'" if counted else None
    return content


def _cell_text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        # Excel stores a date as a datetime at midnight: written as a date, so that a separate
        # time column is still recognised (ISO parsing reads both shapes in one column)
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return f"{value.total_seconds():g}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
