"""Read one export file into parsed rows: format, column roles, typed columns, checks."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from data import schema
from data.agents import (
    agent_columns,
    arriving_count,
    contact_per_row,
    pureconnect_agent_table,
    read_per_agent_counts,
    refuse_per_agent,
    refuse_pureconnect_agent_table,
)
from data.aggregate import MEAN_HEADER_WORDS, is_interval_total
from data.asterisk import CDR_OUTCOME_NOTE, CDR_QUEUE, AsteriskCdr, asterisk_cdr, cdr_columns
from data.columns import (
    HOLD_WORDS,
    MIN_SHARE,
    SERVED_COUNT_WORDS,
    TIME_WORDS,
    ColumnPlan,
    ImportOptions,
    begun_by_callback,
    begun_by_transfer,
    duration_unit,
    header_words,
    is_direction_value,
    is_summary_row_label,
    is_total_label,
    is_total_row_label,
    names_direction,
    names_outbound_channel,
    names_seconds,
    unit_from_prefix,
    weekday_number,
)
from data.dates import day_text
from data.errors import InputError, where_to_choose
from data.json_cells import flattened_copy, json_object_columns, json_records_copy, starts_like_json
from data.labels import LABEL_TYPE, label_codes, queue_from_file_name
from data.outcomes import (
    ABANDONED,
    ANSWERED,
    OTHER,
    classify_flags,
    classify_outcomes,
    read_outcomes,
)
from data.pivot import BLANK_ITEM_LABELS, compact_pivot_copy, is_compact_pivot
from data.queue_log import is_queue_log, queue_log_copy
from data.records import contact_groups, leg_groups
from data.repair import LinesNotUtf8, mostly_utf8, repaired_copy
from data.rows import ParsedRows
from data.sections import header_lines, queue_sections
from data.sniff import (
    EAST_ASIAN_ENCODINGS,
    TextFormat,
    east_asian_encoding,
    is_footer_row,
    is_footnote,
    is_separator_hint,
    single_byte_encoding,
    sniff_file,
)
from data.timestamps import (
    DASHES,
    DATE_FORMATS,
    DATETIME_FORMATS,
    EPOCH_FORMATS,
    EXCEL_SERIAL,
    EXCEL_SERIAL_DATE,
    ISO,
    NOT_AVAILABLE,
    detect_format,
    dotted_durations,
    excel_day_fractions,
    has_end_of_day_labels,
    iso_interval_minutes,
    month_lacking_day,
    parse_duration,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
    parse_with_format,
    two_field_reading,
    utc_offset_minutes,
)
from data.title_date import TitleDate, run_stamp_in_title, title_date_lines, with_title_date
from data.title_queue import queue_titles, title_queue
from data.wide import (
    LONG_QUEUE,
    LONG_VOLUME,
    grid_columns,
    measure_columns,
    measures_to_wide,
    queues_to_long,
    wide_to_long,
)


@dataclass
class FileReport:
    """What was detected in one file, to show the user (and to let them correct it)."""

    name: str
    rows: int
    kind: str
    encoding: str
    delimiter: str
    decimal_comma: bool
    header: list[str]
    columns: dict[str, str]  # role -> column name
    interval_minutes: int | None = None  # native interval of an interval file
    # Queues of one file at different intervals (Sales every 15 minutes, Support every 30):
    # each queue's own, by queue name; None when they share the file's. `interval_minutes` is
    # then the coarsest.
    queue_intervals: dict[str, int] | None = None
    # Queues whose rows change interval over time (15-minute detail for recent months, half
    # hours before): each one's stretches, in order, covering all its days; `interval_minutes`
    # stays that of the file's other rows.
    queue_stretches: dict[str, list[Stretch]] | None = None


def read_file(
    path: Path,
    name: str,
    options: ImportOptions,
    sheet: str | None = None,
    title_dated: TitleDate | None = None,
    repaired: bool = False,
    source_lines: Callable[[], np.ndarray] | None = None,
) -> tuple[ColumnPlan, ParsedRows, FileReport]:
    """Read one text export (a workbook's sheet arrives as its CSV copy, `sheet` naming it:
    data.importer reads workbooks sheet by sheet). `title_dated`: the copy that got the date
    above its table as a column, which is not dated again; `repaired`: the copy cleaned of
    what a CSV reader misreads (`data.repair`), which is not cleaned again; `source_lines`:
    the line of the user's file each row of a copy rewritten from it comes from, looked up
    for a message only."""
    if not repaired and starts_like_json(path):
        with tempfile.TemporaryDirectory(prefix="picco-json-") as folder:
            tabled = json_records_copy(path, name, Path(folder))
            if tabled is not None:
                copy, note = tabled
                try:
                    plan, rows, report = read_file(copy, name, options, sheet, title_dated, True)
                except InputError as refused:
                    # Its lines are those of the table: line 2 is the file's first object.
                    raise InputError(
                        f"{refused} (The file's JSON records were read as a table with a header "
                        "line: line N is its object N - 1.)"
                    ) from None
                rows.notes.insert(1, note)
                return plan, rows, report
    text_format = sniff_file(path, name)
    if options.queue_column is None and title_queue(text_format) is not None:
        with tempfile.TemporaryDirectory(prefix="picco-sections-") as folder:
            sections = queue_sections(path, text_format, Path(folder))
            if sections is not None and sections.copy is not None:
                by_title = replace(options, queue_column=sections.column)
                plan, rows, report = read_file(
                    sections.copy, name, by_title, sheet, title_dated, repaired
                )
                rows.notes.insert(1, sections.note(name))
                return plan, rows, report
    if repaired or not text_format.needs_repair:
        try:
            plan, rows, report = _read_sniffed(
                path, name, options, text_format, sheet, title_dated, source_lines
            )
        except LinesNotUtf8:  # a Windows-1252 line beyond the sniffed head of a UTF-8 file
            if repaired:
                raise
            text_format.mixed_utf8 = True
        else:
            if not title_dated:  # the dated copy keeps the title lines: named once, by the file
                queue_given = _name_title_queue(plan, rows, text_format, name)
                _note_title_lines(plan, rows, text_format, name, queue_given)
            return plan, rows, report
    with tempfile.TemporaryDirectory(prefix="picco-repaired-") as folder:
        copy, notes = repaired_copy(
            path,
            name,
            Path(folder),
            text_format.delimiter,
            text_format.nul_bytes,
            text_format.excel_text,
            text_format.mixed_utf8,
        )
        plan, rows, report = read_file(copy, name, options, sheet, title_dated, repaired=True)
    rows.notes[1:1] = notes
    return plan, rows, report


def _read_sniffed(
    path: Path,
    name: str,
    options: ImportOptions,
    text_format: TextFormat,
    sheet: str | None,
    title_dated: TitleDate | None,
    source_lines: Callable[[], np.ndarray] | None = None,
) -> tuple[ColumnPlan, ParsedRows, FileReport]:
    """`read_file` of the file sniffed as `text_format`."""
    if cdr_columns(text_format) is not None:  # a folder for the rewritten calls only then
        with tempfile.TemporaryDirectory(prefix="picco-cdr-") as folder:
            cdr = asterisk_cdr(path, name, text_format, Path(folder))
            if cdr is not None:
                return _read_cdr(cdr, name, options, text_format, sheet)
    if is_queue_log(text_format):
        with tempfile.TemporaryDirectory(prefix="picco-queue-log-") as folder:
            copy, note = queue_log_copy(path, name, text_format, Path(folder))
            plan, rows, report = read_file(copy, name, options, sheet, title_dated, repaired=True)
        rows.notes.insert(1, note)
        return plan, rows, report
    json_columns = json_object_columns(text_format)
    if json_columns:  # Amazon Connect's "Queue" {"Name": ...}: read as the columns it holds
        with tempfile.TemporaryDirectory(prefix="picco-json-") as folder:
            copy, note = flattened_copy(path, name, text_format, json_columns, Path(folder))
            plan, rows, report = read_file(copy, name, options, sheet, title_dated, repaired=True)
        rows.notes.insert(1, note)
        return plan, rows, report
    if is_compact_pivot(text_format):  # Excel's "Row Labels": dates with their times beneath

        def pivot_copy(pivot: pa.Table, copy: Path) -> tuple[str, np.ndarray] | None:
            lines = _source_lines(text_format, pivot.num_rows, np.arange(pivot.num_rows))
            return compact_pivot_copy(pivot, name, text_format, copy, lines)

        read = _read_rewritten(
            path, name, options, text_format, sheet, title_dated, "pivot", pivot_copy
        )
        if read is not None:
            return read
    measures = measure_columns(text_format.header)
    if measures:  # Tableau's one row per measure: read as a column per measure
        read = _read_rewritten(
            path,
            name,
            options,
            text_format,
            sheet,
            title_dated,
            "measures",
            lambda table, copy: measures_to_wide(table, measures, name, text_format, copy),
        )
        if read is not None:
            return read
    grid = grid_columns(text_format.header, text_format.sample_rows)
    if grid:
        return _read_long(
            path,
            name,
            options,
            text_format,
            lambda table, target: wide_to_long(table, grid, name, text_format, target),
            sheet,
        )
    try:
        plan = text_format.column_plan(options, name)
    except InputError as undated:
        if options.date_column or title_dated:
            raise
        with tempfile.TemporaryDirectory(prefix="picco-dated-") as folder:
            dated = with_title_date(path, name, text_format, Path(folder))
            run_stamp = run_stamp_in_title(text_format) if dated is None else None
            if run_stamp is not None:
                line, stamp = run_stamp
                raise InputError(
                    f"{name}: the table has no date column, and the date above it (line {line}: "
                    f"'{stamp}') is when the report was run, not the day of its rows, so the "
                    "day of each row is unknown. Export the report with its date column (a "
                    "date or a date and time on every row) and import that."
                ) from None
            if dated is None:
                raise
            dated_path, note, title_date = dated
            try:
                plan, rows, report = read_file(dated_path, name, options, sheet, title_date)
            except InputError:
                if title_date.line_of:
                    raise  # the days' tables were read, their lines the file's: fix them there
                raise undated from None  # about the file as written, not the dated copy
        rows.notes.insert(1, note)
        return plan, rows, report
    if plan.queue_count_columns:
        # The long table names its own queue and count columns: detection has nothing to guess.
        long_options = replace(
            options, queue_column=LONG_QUEUE, volume_column=LONG_VOLUME, kind=schema.KIND_INTERVALS
        )
        return _read_long(
            path,
            name,
            long_options,
            text_format,
            lambda table, target: queues_to_long(table, plan, name, text_format, target),
            sheet,
        )
    if pureconnect_agent_table(plan, text_format.header, text_format.sample_rows, name):
        refuse_pureconnect_agent_table(name, plan)
    agents = () if contact_per_row(plan) else agent_columns(text_format.header)
    counted = arriving_count(plan, options) if agents else None
    if agents and not counted:
        refuse_per_agent(name, agents)
    table = _read_table(path, name, text_format, plan)
    _refuse_cut_first_field(path, name, text_format)
    rows = _parse_rows(
        table,
        plan,
        text_format,
        name,
        title_dated,
        # Arrow reads "n/a" in a typed column as an empty cell: messages show the file's text.
        lambda column: _read_csv(path, name, text_format, [column], [], [column])[column],
        source_lines,
    )
    used_rows = len(rows.seconds)  # totals, roll-ups, blank and outbound rows left out
    if counted:
        read_per_agent_counts(rows, agents, counted, name)
    rows.notes[:0] = plan.notes
    skipped = text_format.skipped_note(name)
    if skipped:
        rows.notes.insert(0, skipped)
    if plan.volume_column and header_words(plan.volume_column) & SERVED_COUNT_WORDS:
        rows.notes.append(
            f"{name}: the counts come from '{plan.volume_column}', which seems to count served "
            "contacts only. Abandoned contacts were demand too: import the offered/received "
            "count if the export has one."
        )
    native = None
    by_queue = None
    stretches = None
    if plan.kind == schema.KIND_INTERVALS:
        _refuse_repeated_dates(plan, rows, text_format, name)
        native = native_interval_minutes(rows.seconds, rows.codes)
        by_queue = queue_interval_minutes(rows.seconds, rows.codes, rows.queue_names)
        if by_queue:
            native = max(by_queue.values())
        elif plan.timestamp_column:
            # "start/end" intervals say their length, even where empty intervals are left out.
            native = iso_interval_minutes(table[plan.timestamp_column]) or native
        _move_end_labels_to_starts(plan, rows, native, name, by_queue)
        stretches = queue_stretches(rows.seconds, rows.codes, rows.queue_names, native, by_queue)
    report = FileReport(
        name=name,
        rows=table.num_rows,
        interval_minutes=native,
        queue_intervals=by_queue,
        queue_stretches=stretches,
        kind=plan.kind,
        encoding=text_format.encoding,
        delimiter=text_format.delimiter,
        decimal_comma=text_format.decimal_comma,
        header=text_format.header,
        columns=plan.roles(),
    )
    described = ", ".join(f"{role} '{column}'" for role, column in plan.roles().items())
    shape = "interval volumes" if plan.kind == schema.KIND_INTERVALS else "contact records"
    # A workbook sheet is read through a CSV copy: its delimiter and encoding are not the file's.
    read_as = (
        f"sheet '{sheet}'"
        if sheet is not None
        else f"{text_format.delimiter_name}-separated, {text_format.encoding}"
    )
    rows.notes.insert(
        0,
        f"{name}: {table.num_rows:,} rows read as {shape}{_used_of(used_rows, table.num_rows)} "
        f"({read_as}"
        f"{_number_style(text_format)}; {described}).",
    )
    rows.notes[1:1] = text_format.notes  # what the sniffer decided on thin evidence
    rows.notes[1:1] = _quoted_decimal_notes(plan, text_format, name)
    return plan, rows, report


def _read_rewritten(
    path: Path,
    name: str,
    options: ImportOptions,
    text_format: TextFormat,
    sheet: str | None,
    title_dated: TitleDate | None,
    purpose: str,
    rewrite: Callable[[pa.Table, Path], tuple[str, np.ndarray] | None],
) -> tuple[ColumnPlan, ParsedRows, FileReport] | None:
    """Read the file as text, have `rewrite` write it as one row per interval to a copy
    (returning its note and the file's row behind each row of the copy), and read that copy,
    its messages naming the file's lines; None where `rewrite` finds nothing to rewrite."""
    table = _read_csv(path, name, text_format, text_format.header, [], text_format.header)
    with tempfile.TemporaryDirectory(prefix=f"picco-{purpose}-") as folder:
        copy = Path(folder) / f"{Path(name).stem}.csv"
        written = rewrite(table, copy)
        if not written:
            return None
        note, sources = written
        plan, rows, report = read_file(
            copy,
            name,
            options,
            sheet,
            title_dated,
            True,
            lambda: _source_lines(text_format, table.num_rows, sources),
        )
    rows.notes.insert(1, note)
    return plan, rows, report


# "1 234,5": thousands grouped by a space (French Excel writes a no-break one).
_SPACE_GROUPED = re.compile(r"^\s*-?\d{1,3}([ \u00a0\u202f]\d{3})+(,\d+)?\s*$")


def _number_style(text_format: TextFormat) -> str:
    """How the file writes its numbers, for the note on what was read: said only for a decimal
    comma, as its thousands are grouped ("1.234,5", or "1 234,5" as French exports write)."""
    if not text_format.decimal_comma:
        return ""
    spaced = any(
        _SPACE_GROUPED.match(cell) for row in text_format.sample_rows[:200] for cell in row
    )
    return f", numbers written {'1 234,5' if spaced else '1.234,5'}"


def _used_of(used_rows: int, read_rows: int) -> str:
    """The rows used after the rows read (", 160 of them used") when some were left out: the
    notes below say which, and the count read never passes for the rows behind the history."""
    return f", {used_rows:,} of them used" if used_rows < read_rows else ""


def _name_title_queue(
    plan: ColumnPlan, rows: ParsedRows, text_format: TextFormat, name: str
) -> bool:
    """A table without a queue column (or with one queue number all through) whose title lines
    name its one queue ("Queue: P6001 Support"): that queue, not the file's name, so that
    reports of two queues never merge for look-alike file names. True when given to the rows;
    a table naming its own queues keeps them, warned when the title names another."""
    found = title_queue(text_format)
    if found is None:
        return False
    line, written, queue = found
    if rows.queue_names != [queue_from_file_name(name)] or (
        plan.queue_column and not plan.queue_is_key
    ):
        _warn_title_queue_not_in_column(plan, rows, name, f"line {line}: '{written}'", queue)
        return False
    rows.queue_names = [queue]
    lacks = (
        f"the table's '{plan.queue_column}' holds a single queue number"
        if plan.queue_column
        else "the table has no queue column"
    )
    rows.notes.insert(
        1,
        f"{name}: {lacks}; the queue named above it (line {line}: '{written}') was given to "
        "every row.",
    )
    return True


def _warn_title_queue_not_in_column(
    plan: ColumnPlan, rows: ParsedRows, name: str, title: str, queue: str
) -> None:
    """Say so when the queue named above a table is not the one its queue column names on each
    row: the column is what is read, and the export may not be the report the user meant."""
    if not plan.queue_column or not len(rows.codes):
        return
    wanted = set(re.findall(r"\w+", queue.casefold()))
    # The title may add the queue's number or name to the column's ("Split/Skill: 12 Sales"
    # over "12"), and a queue split by channel is written "Sales / Chat".
    agrees = []
    for label in rows.queue_names:
        words = set(re.findall(r"\w+", label.split(" / ")[0].casefold()))
        agrees.append(bool(words) and (words <= wanted or wanted <= words))
    per_queue = np.bincount(rows.codes, minlength=len(rows.queue_names))
    others = [
        f"'{label}' ({count:,} row{'s' if count != 1 else ''})"
        for label, count, same in zip(rows.queue_names, per_queue, agrees, strict=True)
        if count and not same
    ]
    if not others:
        return
    listed = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
    column = plan.queue_column
    if any(count and same for count, same in zip(per_queue, agrees, strict=True)):
        found = f"is not the only one in its '{column}' column, which also holds {listed}"
    else:
        found = f"is not in its '{column}' column, which holds {listed}"
    rows.notes.insert(
        1,
        f"{name}: the queue named above the table ({title}) {found}. Each row was given the "
        f"queue in its '{column}' column; check that this is the report you meant to export.",
    )


TITLE_LINES_SHOWN = 2


def _note_title_lines(
    plan: ColumnPlan, rows: ParsedRows, text_format: TextFormat, name: str, queue_given: bool
) -> None:
    """Say which lines above the header were skipped as the report's title ("Report generated
    2026-11-02 by admin"), so that none is lost unseen; a line naming the queue given to every
    row (`queue_given`: "Queue: Sales"), or the date given to every row, is named by the note
    on it instead."""
    dated_by_title = plan.date_column is not None and plan.date_column not in text_format.header
    used = title_date_lines(text_format) if dated_by_title else set()
    titles = []
    for line, text in enumerate(text_format.title_lines, start=1):
        if is_separator_hint(text) or line in used:
            continue
        cells = [cell.strip() for cell in text.split(text_format.delimiter) if cell.strip()]
        if cells and not (queue_given and queue_titles([text], text_format.delimiter)):
            titles.append(" ".join(cells).replace('"', "")[:60])
    if not titles:
        return
    shown = "; ".join(f"'{title}'" for title in titles[:TITLE_LINES_SHOWN])
    shown += "; …" if len(titles) > TITLE_LINES_SHOWN else ""
    lines = "1 line" if len(titles) == 1 else f"{len(titles)} lines"
    rows.notes.insert(
        1, f"{name}: {lines} above the header skipped as the report's title ({shown})."
    )


def _read_cdr(
    cdr: AsteriskCdr, name: str, options: ImportOptions, text_format: TextFormat, sheet: str | None
) -> tuple[ColumnPlan, ParsedRows, FileReport]:
    """Read an Asterisk CDR's calls as contact records, reported with the CDR's own columns.
    Columns chosen by the user name the CDR's fields, not those of its calls: not applied."""
    queue = cdr.columns.get("queue") and CDR_QUEUE  # "400": numbers, which detection passes by
    calls = replace(options, time_column=None, date_column=None, volume_column=None,
                    queue_column=queue, kind=schema.KIND_RECORDS)  # fmt: skip
    plan, rows, report = read_file(cdr.path, name, calls, sheet)
    # In place of the notes on the calls' own columns and outcomes, which cdr.notes tell.
    said = f"{name}: {CDR_OUTCOME_NOTE}"
    rows.notes = cdr.notes + [note for note in rows.notes[1:] if not note.startswith(said)]
    report = replace(
        report,
        rows=cdr.rows,
        encoding=text_format.encoding,
        delimiter=text_format.delimiter,
        header=cdr.header,
        columns=cdr.columns,
    )
    return plan, rows, report


def _read_long(
    path: Path,
    name: str,
    options: ImportOptions,
    text_format: TextFormat,
    to_long: Callable[[pa.Table, Path], tuple[str, np.ndarray]],
    sheet: str | None = None,
) -> tuple[ColumnPlan, ParsedRows, FileReport]:
    """Read a file laid out across (a grid, one column per queue) as the long table `to_long`
    writes from its cells, with the note `to_long` returns; a bad cell of it is named by the
    file's line that holds it."""
    header = text_format.header
    table = _read_csv(path, name, text_format, header, [], header)  # every cell as text
    with tempfile.TemporaryDirectory(prefix="picco-wide-") as folder:
        long_path = Path(folder) / f"{Path(name).stem}.csv"
        note, sources = to_long(table, long_path)
        plan, rows, report = read_file(
            long_path,
            name,
            options,
            sheet,
            source_lines=lambda: _source_lines(text_format, table.num_rows, sources),
        )
    rows.notes.insert(1, note)
    rows.notes[2:2] = text_format.notes
    skipped = text_format.skipped_note(name)
    if skipped:
        rows.notes.insert(2, skipped)
    return plan, rows, report


def _quoted_decimal_notes(plan: ColumnPlan, text_format: TextFormat, name: str) -> list[str]:
    """What was read from quoted decimal commas in a comma-separated file."""
    notes = []
    labels = _label_columns(plan)
    for column in plan.used_columns():
        if column not in text_format.decimal_comma_columns or column in labels:
            continue
        position = text_format.header.index(column)
        example = next(
            row[position].strip()
            for row in text_format.sample_rows
            if position < len(row) and "," in row[position]
        )
        notes.append(
            f"{name}: '{column}' holds numbers with a decimal comma inside quotes (e.g. "
            f"'{example}'): read as decimals ({example.replace('.', '').replace(',', '.')})."
        )
    return notes


# Header words saying a time labels the END of its interval ("Interval End", "Period Ending",
# "Ora fine intervallo", "Ende", "fin"), unless the header names the start too.
END_LABEL_WORDS = {"end", "ending", "ended", "until", "fine", "ende", "bis", "fin", "hasta"}
START_LABEL_WORDS = {
    "start", "inizio", "begin", "beginn", "debut", "inicio", "from", "von", "desde",
}  # fmt: skip


def _move_end_labels_to_starts(
    plan: ColumnPlan,
    rows: ParsedRows,
    native: int | None,
    name: str,
    by_queue: dict[str, int] | None = None,
) -> None:
    """Interval reports labelled by each interval's end (a time of 24:00, or a header that says
    so) are moved to interval starts, one interval earlier."""
    if not native:
        return
    labelled = plan.time_column or plan.timestamp_column
    words = header_words(labelled) if labelled else set()
    by_header = bool(words & END_LABEL_WORDS) and not words & START_LABEL_WORDS
    if by_header:
        reason = f"'{labelled}' names the end of each interval"
    elif rows.end_labelled:
        reason = "times run up to 24:00, so they mark the end of each interval"
    else:
        return
    if by_queue:
        steps = np.array([by_queue.get(queue, native) for queue in rows.queue_names])
        rows.seconds = rows.seconds - steps[rows.codes] * 60
        moved = ", ".join(f"{queue} {minutes}" for queue, minutes in by_queue.items())
        rows.notes.append(
            f"{name}: {reason}; every interval was moved to its start (one interval earlier: "
            f"{moved} minutes)."
        )
        return
    rows.seconds = rows.seconds - native * 60
    rows.notes.append(
        f"{name}: {reason}; every interval was moved to its start ({native} minutes earlier)."
    )


def _refuse_repeated_dates(
    plan: ColumnPlan, rows: ParsedRows, text_format: TextFormat, name: str
) -> None:
    """Counts per interval with a date but no time of day: when most rows share their date
    with another row of the same queue, summing them per day would hide that the time column
    was not understood (slot numbers such as 17, 18 ...)."""
    if plan.time_column or plan.timestamp_column or len(rows.seconds) < 2:
        return
    distinct = len(np.unique(np.stack([rows.seconds, rows.codes]), axis=1)[0])
    if distinct * 2 > len(rows.seconds):
        return
    timed = [
        f"'{column}' (e.g. {_sample_values(text_format, position)})"
        for position, column in enumerate(text_format.header)
        if header_words(column) & TIME_WORDS and column not in plan.used_columns()
    ]
    hint = (
        f" Column {timed[0]} was not read as clock times: if it numbers the intervals of the "
        "day, export each interval's start time (08:00) instead."
        if timed
        else ""
    )
    raise InputError(
        f"{name}: {len(rows.seconds):,} rows share {distinct:,} dates, but no column gives "
        f"their time of day, so they cannot be placed in the day.{hint} Add a time column "
        f"such as 08:00 or 08:30, or name it ({where_to_choose('time_column')})."
    )


def _sample_values(text_format: TextFormat, position: int) -> str:
    """The first three sniffed values of a column, for a message."""
    values = [row[position] for row in text_format.sample_rows[:3] if position < len(row)]
    return ", ".join(repr(value) for value in values)


def _read_table(path: Path, name: str, text_format: TextFormat, plan: ColumnPlan) -> pa.Table:
    """The used columns of the whole file. First with arrow's own type inference (fast, parallel
    parsing of numbers and ISO timestamps); when a value does not fit the type inferred from the
    first rows (a stray word in a count column, a "Totale" row), again as text so the parsers
    can name the offending rows."""
    used = plan.used_columns()
    labels = _label_columns(plan)
    others = [column for column in used if column not in labels]
    # Non-ISO dates and clock times are parsed from their text: typed as numbers, a yymmdd date
    # such as 050301 would lose its leading zero.
    as_text = [plan.time_column] if plan.time_column else []
    if plan.timestamp_column and plan.timestamp_format != ISO:
        as_text.append(plan.timestamp_column)
    if plan.date_column and plan.date_format != ISO:
        as_text.append(plan.date_column)
    # Quoted decimal commas are parsed from their text too, whatever arrow would infer.
    as_text += [column for column in others if column in text_format.decimal_comma_columns]
    # Durations too: arrow would type "04:33" as a time of day, and hide how it was written.
    durations = (plan.aht_column, plan.handle_column, plan.wait_column, plan.abandon_wait_column)
    as_text += [column for column in (*durations, *plan.handle_parts) if column]
    try:
        table = _read_csv(path, name, text_format, used, labels, as_text)
    except (pa.ArrowInvalid, InputError):
        return _read_csv(path, name, text_format, used, labels, others)
    # Arrow converts "+01:00"/"Z" stamps to UTC; wall clock is wanted, so read those as text.
    zoned = [f.name for f in table.schema if pa.types.is_timestamp(f.type) and f.type.tz]
    if zoned:
        table = _read_csv(path, name, text_format, used, labels, as_text + zoned)
    return table


def _label_columns(plan: ColumnPlan) -> list[str]:
    """The used columns holding labels (queue, outcome, direction ...), not numbers or times."""
    label_roles = (
        plan.queue_column, plan.split_column, plan.outcome_column, plan.direction_column,
        plan.abandoned_flag_column, plan.answered_flag_column, plan.action_column,
        plan.agent_column, plan.target_type_column,
    )  # fmt: skip
    return [column for column in plan.used_columns() if column in label_roles]


def _source_lines(text_format: TextFormat, read_rows: int, sources: np.ndarray) -> np.ndarray:
    """The file's line of each row of a copy rewritten from its `read_rows` rows, the copy's
    row k written from the file's row `sources[k]`."""
    lines = row_lines(text_format)
    if lines is None or len(lines) != read_rows:
        lines = np.arange(read_rows) + text_format.first_data_line
    return lines[sources]


def row_lines(text_format: TextFormat) -> np.ndarray | None:
    """The file's line (from 1) of each row the table is read with: the lines below the header
    less the blank ones and those arrow skips (a one-field note, a summary line). None where
    quoted values span lines or the file cannot be read again; the caller checks the count."""
    path = text_format.path
    if path is None or text_format.multiline:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    skipped = text_format.skipped_lines or text_format.summary_lines or text_format.footnote_lines
    if not skipped and not any(blank in data for blank in (b"\n\n", b"\n\r\n", b"\r\r")):
        return None  # every line below the header is a row: numbered as they come
    encoding = text_format.encoding
    if encoding in ("utf-8", "utf-8-sig"):
        encoding = "utf8"
    try:
        lines = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(
                column_names=["line"], encoding=encoding, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(
                delimiter="\x1f", quote_char=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(column_types={"line": pa.string()}),
        ).column("line")
    except (pa.ArrowInvalid, OSError, LookupError, UnicodeDecodeError):
        return None
    row = np.asarray(pc.not_equal(pc.binary_length(lines), 0).fill_null(False), dtype=bool)
    if len(text_format.header) > 1:
        row &= np.asarray(
            pc.match_substring(lines, text_format.delimiter).fill_null(False), dtype=bool
        )
    summary = set(text_format.summary_lines)
    if summary:
        row &= ~np.asarray(pc.is_in(lines, pa.array(sorted(summary))).fill_null(False), dtype=bool)
    row[: text_format.header_line + 1] = False
    return np.flatnonzero(row) + 1


def _read_csv(
    path: Path,
    name: str,
    text_format: TextFormat,
    wanted: list[str],
    label_columns: list[str],
    text_columns: list[str],
) -> pa.Table:
    """Read `wanted` columns: labels dictionary-encoded, `text_columns` as text, the rest typed
    by arrow's inference."""
    # The header is given explicitly (and skipped), so a BOM never reaches a column name.
    encoding = "utf8"
    if text_format.encoding not in ("utf-8", "utf-8-sig"):  # Latin-1, cp1252, UTF-16, UTF-32
        encoding = text_format.encoding
    convert = pacsv.ConvertOptions(
        include_columns=wanted,
        column_types={column: LABEL_TYPE for column in label_columns}
        | {column: pa.string() for column in text_columns},
        strings_can_be_null=False,
        decimal_point="," if text_format.decimal_comma else ".",
    )
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding=encoding,
                column_names=text_format.header,
                skip_rows=text_format.lines_through_header or text_format.header_line + 1,
                block_size=1 << 24,
            ),
            parse_options=text_format.parse_options(),
            convert_options=convert,
        )
    except UnicodeDecodeError as error:
        if encoding in EAST_ASIAN_ENCODINGS:  # a byte beyond the sniffed head the code page lacks
            raise InputError(
                f"{name}: the file reads as {encoding} text at first, but holds bytes further on "
                f"that are not {encoding} ({error.reason}). Save it again as CSV UTF-8 (Excel: "
                "Save As, 'CSV UTF-8') and import that file."
            ) from error
        if encoding not in ("cp1252", "cp1250", "cp1254"):
            raise
        text_format.encoding = "latin-1"  # a byte beyond the sniffed head that cp1252 lacks
        return _read_csv(path, name, text_format, wanted, label_columns, text_columns)
    except pa.ArrowInvalid as error:
        message = str(error)
        if "utf8" in message.lower() and encoding == "utf8":
            # A Windows-1252 or Latin-1 character beyond the sniffed head: the whole file is
            # written so, or a few lines of a UTF-8 file, read line by line in a copy.
            data = path.read_bytes()
            if mostly_utf8(data):
                raise LinesNotUtf8 from error
            text_format.encoding = east_asian_encoding(data) or single_byte_encoding(data)
            return _read_csv(path, name, text_format, wanted, label_columns, text_columns)
        typed = len(label_columns) + len(text_columns) < len(wanted)
        if "conversion error" in message.lower() and typed:
            raise  # a typed read that met an odd value: the caller reads as text
        if text_format.misfit_row is not None:
            raise _misfit_row_error(path, name, text_format) from error
        raise InputError(
            f"{name}: the file could not be read as a {text_format.delimiter_name}-separated "
            f"table ({message.splitlines()[0]}). Check that every row has as many fields as "
            "the header."
        ) from error


# A date or a time begun and not finished: "2024-03-0", "04/03/", "2024-03-08 16:".
_BEGUN_DATE = re.compile(r"\s*\d+[-/.:][\d\-/.: T]*")


def _refuse_cut_first_field(path: Path, name: str, text_format: TextFormat) -> None:
    """A last line holding a date begun in its first field and nothing more, without the line
    break a whole export ends with, was skipped as a note: the file was cut off there."""
    if not text_format.skipped_lines or not _BEGUN_DATE.fullmatch(text_format.skipped_lines[-1]):
        return
    with open(path, "rb") as handle:
        data = handle.read()
    if data.endswith((b"\n", b"\r")):
        return
    last = data.rsplit(b"\n", 1)[-1].decode(text_format.encoding, errors="replace")
    if last.lstrip("\ufeff") != text_format.skipped_lines[-1]:
        return
    lines = data.count(b"\n") + 1
    where = "a line" if text_format.multiline else f"line {lines}"
    raise InputError(
        f"{name}: {where}, the file's last, holds only '{last[:80]}' and no line break after it: "
        "the file seems cut off there, as by a download or export interrupted. Download or "
        "export it again whole and import it again."
    )


def _misfit_row_error(path: Path, name: str, text_format: TextFormat) -> InputError:
    """The refusal of a row with more or fewer fields than the header, naming its line (searched
    for in the file only now: the CSV reader does not number the rows it refuses)."""
    fields, text = text_format.misfit_row or (0, "")
    cut = False
    with open(path, encoding=text_format.encoding, errors="replace", newline="") as handle:
        number = None
        for n, line in enumerate(handle, 1):
            if line.rstrip("\r\n").lstrip("\ufeff") == text:
                number = n
                # The last line, without the line break a whole export ends with.
                cut = not line.endswith(("\n", "\r"))
                break
    where = f"line {number}" if number else "a line"
    separator = text_format.delimiter_name
    header = len(text_format.header)
    if cut and fields < header:
        return InputError(
            f"{name}: {where}, the file's last, has {fields} fields where the header has {header} "
            f"('{text[:80]}') and no line break after it: the file seems cut off there, as by a "
            "download or export interrupted. Download or export it again whole and import it "
            "again."
        )
    if fields > header:
        examples = (
            " (a thousands separator as in 1,234, or a name such as 'Sales, Inc')"
            if text_format.delimiter == ","
            else ""
        )
        fix = (
            f"A value in it holds a {separator}, the file's separator, without quotes{examples}. "
            "Quote such values, or export the file with another separator, and import again."
        )
    else:
        fix = "Export the row whole, or remove it, and import again."
    return InputError(
        f"{name}: {where} has {fields} fields where the header has {header} ('{text[:80]}'). " + fix
    )


@dataclass
class _Sheet:
    """One file's table plus what is needed to read its cells and to name bad ones."""

    name: str
    table: pa.Table
    decimal_comma: bool
    first_line: int  # line in the file of the first data row
    kept: np.ndarray | None = None  # original row numbers, once some rows were dropped
    decimal_comma_columns: frozenset[str] = frozenset()  # 1.234,5 in these columns only
    # How the file's handle time was read, for its other durations: its column, whether its
    # two-field values ("04:33") were hours:minutes, and its milliseconds ("named" by its header,
    # "read" so by its values, "likely" by its values but left in seconds).
    handle_column: str | None = None
    handle_hours_minutes: bool | None = None
    handle_in_ms: str | None = None
    handle_in_minutes: bool = False  # the vendor's minutes (3.25), read so
    # Hungarian "t" times read as summed seconds by the handle time's values ("tTalkAcd").
    prefix_in_seconds: bool = False
    # An interval report's contacts per row, to tell a summed handle time from a mean.
    row_counts: np.ndarray | None = None
    # Some unlabelled total sums the rows below it (a PivotTable's outline form), not above.
    sums_below: bool = False
    title_date: TitleDate | None = None  # a column holding the date of a title line
    # Per row as read: contacts of rows skipped beneath it that its subtotal holds (an outline
    # PivotTable's '(blank)' time under its date), so that the subtotal still checks.
    skipped_beneath: np.ndarray | None = None
    # A column read again as written text (for messages only: arrow reads "n/a" in a column it
    # typed as dates or numbers as an empty cell).
    read_as_text: Callable[[str], pa.ChunkedArray] | None = None
    # The file's line of each row as read (arrow skips blank lines and one-field notes inside
    # the table, so a row's number alone is no line), found when a message first names one.
    locate_rows: Callable[[], np.ndarray | None] | None = None
    _row_lines: np.ndarray | None = None
    # Original row numbers of rows with a date and an empty time on a day without timed rows
    # (a Date + Time export's day total), read at the day's midnight to be told apart.
    dated_only: np.ndarray | None = None
    # Original row numbers of day totals of 0 on days without intervals: closed days.
    closed_days: np.ndarray | None = None
    time_format: str | None = None  # the format the rows' date-times were read with
    # The file's first column, where a total row's label most often stands ("Total" under "Call
    # ID"), though the import may not read it.
    file_first_column: str | None = None

    def original(self) -> np.ndarray:
        """The original row number of each row as the table is now."""
        return np.arange(self.table.num_rows) if self.kept is None else self.kept

    def __post_init__(self) -> None:
        self.read_rows = self.table.num_rows

    def lines(self, rows: np.ndarray) -> np.ndarray:
        """The file's line (from 1) of each of `rows` (positions in the table as it is now)."""
        read = rows if self.kept is None else self.kept[rows]
        if self.locate_rows is not None:
            located = self.locate_rows()
            self.locate_rows = None
            if located is not None and len(located) == self.read_rows:
                self._row_lines = located
        if self._row_lines is not None:
            return self._row_lines[read]
        return read + self.first_line

    def line_count(self, rows: np.ndarray) -> int:
        """How many lines of the file `rows` come from (rows of a rewritten copy may share one)."""
        return len(np.unique(self.lines(rows)))

    def column(self, column: str) -> pa.ChunkedArray:
        return self.table[column]

    def comma(self, column: str) -> bool:
        """Whether `column` writes its numbers with a decimal comma."""
        return self.decimal_comma or column in self.decimal_comma_columns

    def drop(self, keep: np.ndarray) -> None:
        self.kept = np.flatnonzero(keep) if self.kept is None else self.kept[keep]
        self.table = self.table.filter(pa.array(keep))

    def blank(self, column: str, rows: np.ndarray) -> np.ndarray:
        """Which of `rows` hold nothing in `column` as the file writes it (arrow reads "n/a"
        in a column it typed as dates or numbers as an empty cell)."""
        blank = _blank_cells(pc.take(self.table[column], pa.array(rows, pa.int64())))
        if blank.any() and self.read_as_text and not pa.types.is_string(self.table[column].type):
            read = rows if self.kept is None else self.kept[rows]
            written = pc.take(self.read_as_text(column), pa.array(read, pa.int64()))
            blank &= _blank_cells(written)
        return blank

    def examples(self, column: str, rows: np.ndarray) -> str:
        """Up to three offending values with their line in the file (a line once, where rows
        of a rewritten copy share one: a grid's day is a row per interval)."""
        lines, first = np.unique(self.lines(rows), return_index=True)
        shown = rows[np.sort(first)[:3]]
        lines = self.lines(shown)
        values = _texts(self.table[column], shown)
        if self.read_as_text and not pa.types.is_string(self.table[column].type):
            empty = [index for index, value in enumerate(values) if value == ""]
            if empty:  # what the file holds there ('n/a'), not the empty cell arrow made of it
                read = shown if self.kept is None else self.kept[shown]
                written = _texts(self.read_as_text(column), read[empty])
                for index, value in zip(empty, written, strict=True):
                    values[index] = value
        if self.title_date and column == self.title_date.column and len(shown):
            # A date copied from a title line onto the rows below it: that line wrote it.
            line = self.title_date.line_of.get(values[0], self.title_date.line)
            return f"line {line}: {values[0]!r} (above the table)"
        return "; ".join(
            f"line {line}: {value!r}" for line, value in zip(lines, values, strict=True)
        )


def _parse_rows(
    table: pa.Table,
    plan: ColumnPlan,
    text_format: TextFormat,
    name: str,
    title_date: TitleDate | None = None,
    read_as_text: Callable[[str], pa.ChunkedArray] | None = None,
    source_lines: Callable[[], np.ndarray] | None = None,
) -> ParsedRows:
    sheet = _Sheet(
        name,
        table,
        text_format.decimal_comma,
        text_format.first_data_line,
        decimal_comma_columns=frozenset(text_format.decimal_comma_columns),
        title_date=title_date,
        read_as_text=read_as_text,
        locate_rows=source_lines or (lambda: row_lines(text_format)),
        file_first_column=text_format.header[0] if text_format.header else None,
    )
    notes: list[str] = []
    repeated_headers = _drop_repeated_headers(sheet, plan, notes)
    _drop_summary_block(sheet, text_format)
    _drop_footer_rows(sheet, plan, text_format)
    _drop_empty_rows(sheet, plan, notes)
    _drop_trailing_notes(sheet, plan, notes)
    if plan.date_column and plan.time_column:
        _drop_blank_pivot_items(sheet, plan, notes)
        _fill_down_dates(sheet, plan.date_column, plan.time_column, notes)
    seconds, keep = _parse_time(sheet, plan, notes)
    if keep is not None:
        notes.append(
            f"{name}: {int((~keep).sum())} total/subtotal row(s) were skipped "
            f"({_total_rows_said(sheet, plan, np.flatnonzero(~keep))})."
        )
        sheet.drop(keep)
        seconds = seconds[keep]
    if plan.kind == schema.KIND_INTERVALS:
        seconds = _drop_day_total_rows(sheet, plan, seconds, notes)
    _refuse_stray_dates(sheet, plan.timestamp_column or plan.date_column, seconds)
    if plan.kind == schema.KIND_INTERVALS:
        seconds = _drop_rollup_rows(sheet, plan, seconds, notes)
    if plan.direction_column:
        joined = plan.master_contact_column is not None
        seconds = _inbound_only(sheet, plan.direction_column, seconds, notes, joined)
    if plan.action_column:  # "RingOut", "Outgoing Fax": calls out, whatever the direction says
        joined = plan.master_contact_column is not None
        seconds = _inbound_only(sheet, plan.action_column, seconds, notes, joined)
    if plan.target_type_column:
        seconds = _call_center_targets_only(sheet, plan, seconds, notes)
    for column in (plan.queue_column, plan.split_column):
        if column:  # "Phone call (outbound)" among a ticket's channels
            seconds = _without_outbound_channels(sheet, column, seconds, notes)
    if sheet.table.num_rows == 0:
        raise InputError(f"{name}: no data rows were found below the header.")
    codes, queue_names = _queues(sheet, plan)
    notes += _no_queue_notes(name, plan, codes, queue_names, text_format.header)
    if repeated_headers and plan.kind == schema.KIND_INTERVALS:
        lines = header_lines(text_format.path, text_format) or repeated_headers
        _refuse_blocks_of_one_time(sheet, seconds, codes, lines)
    rows = ParsedRows(seconds.astype(np.int64), codes, queue_names, notes=notes)
    if plan.kind == schema.KIND_INTERVALS:
        if sheet.closed_days is not None:
            rows.closed_day = np.where(np.isin(sheet.original(), sheet.closed_days), 1.0, np.nan)
        time_labels = sheet.column(plan.time_column or plan.timestamp_column or plan.date_column)
        rows.end_labelled = has_end_of_day_labels(time_labels)
        if plan.answered_column:
            rows.answered = _counts(sheet, plan.answered_column, notes)
        if plan.abandoned_column:
            rows.abandoned = _counts(sheet, plan.abandoned_column, notes)
        if plan.volume_column:
            rows.volume = _counts(sheet, plan.volume_column, notes)
            _fill_offered(sheet, plan, rows, notes)
        else:  # no offered count: every contact was answered or abandoned
            rows.volume = rows.answered + rows.abandoned
            notes.append(
                f"{name}: no offered/received count, so contacts = '{plan.answered_column}' + "
                f"'{plan.abandoned_column}'."
            )
        if plan.aht_column:
            answered = rows.answered is not None and not np.isnan(rows.answered).all()
            sheet.row_counts = rows.answered if answered else rows.volume
            rows.aht = _handle_seconds(sheet, plan, plan.aht_column, notes)
        if plan.wait_column:
            rows.wait = _durations(sheet, plan.wait_column, notes)
        if plan.abandon_wait_column:
            rows.abandon_wait = _durations(sheet, plan.abandon_wait_column, notes)
        return rows
    if plan.handle_column:
        rows.handle = _handle_seconds(sheet, plan, plan.handle_column, notes)
    if plan.wait_column:
        rows.wait = _durations(sheet, plan.wait_column, notes, is_wait=True)
    if plan.handle_includes_wait and rows.handle is not None and rows.wait is not None:
        rows.handle = np.clip(rows.handle - np.nan_to_num(rows.wait), 0, None)
        notes.append(
            f"{name}: '{plan.handle_column}' is the whole call, its wait in queue included: the "
            f"handle time is '{plan.handle_column}' less '{plan.wait_column}'."
        )
    # An outcome column first; then a yes/no abandoned flag, or else a call type column's
    # outcomes ("abandoned", "missed" beside "inbound").
    flagged = plan.abandoned_flag_column or plan.answered_flag_column
    outcome, direction = [
        (column, sheet.column(column)) if column else None
        for column in (plan.outcome_column, None if flagged else plan.direction_column)
    ]
    reason = (plan.reason_column, sheet.column(plan.reason_column)) if plan.reason_column else None
    call_type = (
        (plan.call_type_column, sheet.column(plan.call_type_column))
        if plan.call_type_column
        else None
    )
    rows.outcome, outcome_notes = read_outcomes(
        name, outcome, direction, rows.handle, reason, call_type
    )
    notes += outcome_notes
    if rows.outcome is None and flagged:
        yes_means = ABANDONED if plan.abandoned_flag_column else ANSWERED
        rows.outcome, summary = classify_flags(sheet.column(flagged), yes_means, flagged)
        notes.append(f"{name}: outcome from '{flagged}' (yes/no): {summary}.")
    if plan.end_column and rows.handle is None:  # after the outcomes: a span is no talk time
        rows.handle = _spans_to_end(sheet, plan, seconds, rows.wait, notes)
    if plan.agent_column and plan.first_response_column and not flagged:
        rows.outcome = _unanswered_without_agent(sheet, plan, rows.outcome, notes)
    if plan.satisfaction_column:
        rows.satisfaction = _scores(sheet, plan.satisfaction_column, notes)
    if plan.master_contact_column and plan.leg_column:
        column = sheet.column(plan.master_contact_column)
        rows.contact_group, legs = leg_groups(column, seconds)
        if legs:
            notes.append(
                f"{name}: {legs:,} rows continue a call another row of the same "
                f"'{plan.master_contact_column}' began (its '{plan.leg_column}' legs, within two "
                "hours): each call counts once, where its first leg arrived, with the legs' "
                "handle times together."
            )
    elif plan.master_contact_column:
        own = sheet.column(plan.contact_id_column) if plan.contact_id_column else None
        rows.contact_group, legs = contact_groups(sheet.column(plan.master_contact_column), own)
        if legs:
            notes.append(
                f"{name}: {legs:,} transfer legs joined to the contacts they continue "
                f"({plan.master_contact_column}): each contact counts once, where its first leg "
                "arrived, with the legs' handle times together."
            )
    return rows


# A contact handled for longer than this is a stuck record or an end on the wrong day.
MAX_DERIVED_HANDLE_SECONDS = 12 * 3600
SPANS_SHOWN = 3


def _spans_to_end(
    sheet: _Sheet,
    plan: ColumnPlan,
    starts: np.ndarray,
    wait: np.ndarray | None,
    notes: list[str],
) -> np.ndarray:
    """Handle seconds of each contact as its end less its start (less its wait in queue, when
    the file has one), for a file with no handle-time column. Spans below zero or over 12 hours
    are left unknown and named by line."""
    end = plan.end_column
    start = plan.time_column or plan.timestamp_column
    assert end is not None and start is not None
    if plan.time_column:  # clock times: an end before its start is past midnight
        start_clock = parse_time_of_day(sheet.column(plan.time_column))
        spans = (parse_time_of_day(sheet.column(end)) - start_clock) % 86_400
    else:
        ends = sheet.column(end)
        fmt = sheet.time_format
        written = ~_blank_cells(ends)
        read = parse_timestamps(ends, fmt) if fmt else np.full(len(starts), np.nan)
        if np.isnan(read[written]).mean() > 1 - MIN_SHARE:  # written otherwise than the start
            fmt = detect_format(_texts(ends, np.flatnonzero(written)[:500]), DATETIME_FORMATS)
            read = parse_timestamps(ends, fmt) if fmt else read
        spans = read - starts
        if np.isnan(read[written]).mean() > 1 - MIN_SHARE:  # clock times: past midnight if before
            spans = (parse_time_of_day(ends) - starts % 86_400) % 86_400
    wrong = np.flatnonzero((spans < 0) | (spans > MAX_DERIVED_HANDLE_SECONDS))
    spans[wrong] = np.nan
    said = f"'{end}' − '{start}'"
    if wait is not None and plan.wait_column:
        spans = np.clip(spans - np.nan_to_num(wait), 0, None)
        said += f" − '{plan.wait_column}'"
    known = spans[~np.isnan(spans)]
    median = f", median {int(np.median(known)) // 60}:{int(np.median(known)) % 60:02d}"
    notes.append(
        f"{sheet.name}: no handle-time column, so each contact's handle time was derived as "
        f"{said} ({len(known):,} contacts{median if len(known) else ''})."
    )
    if len(wrong):
        notes.append(
            f"{sheet.name}: {sheet.line_count(wrong):,} contact(s) end before they start or "
            f"more than 12 hours after ({_span_examples(sheet, start, end, wrong)}): their "
            "handle time is left unknown. Check those rows' start and end."
        )
    return spans


def _span_examples(sheet: _Sheet, start: str, end: str, rows: np.ndarray) -> str:
    shown = rows[:SPANS_SHOWN]
    pairs = zip(
        sheet.lines(shown),
        _texts(sheet.column(start), shown),
        _texts(sheet.column(end), shown),
        strict=True,
    )
    listed = "; ".join(f"line {line}: {a!r} to {b!r}" for line, a, b in pairs)
    return listed + (", …" if len(rows) > SPANS_SHOWN else "")


def _unanswered_without_agent(
    sheet: _Sheet, plan: ColumnPlan, outcome: np.ndarray | None, notes: list[str]
) -> np.ndarray:
    """A contact with neither an agent nor a first response (a chat nobody picked up) was
    never answered: abandoned, unless its outcome label says otherwise by itself ("Answered");
    an empty or unknown status, or a duration, does not make it answered. Without an outcome
    column, the contacts with an agent or a first response are the answered ones."""
    agent, response = plan.agent_column or "", plan.first_response_column or ""
    unserved = _blank_cells(sheet.column(agent)) & _blank_cells(sheet.column(response))
    if outcome is None:
        codes = np.where(unserved, ABANDONED, ANSWERED).astype(np.int8)
        told = "the others as answered"
    else:
        said = np.zeros(len(unserved), dtype=bool)
        if plan.outcome_column:  # labels naming an outcome by themselves are kept
            said = classify_outcomes(sheet.column(plan.outcome_column))[0] != OTHER
        unserved &= ~said & np.isin(outcome, (OTHER, ANSWERED))  # not abandoned or closed
        codes = np.where(unserved, ABANDONED, outcome).astype(np.int8)
        told = f"the others as '{plan.outcome_column}' says" if plan.outcome_column else ""
    if unserved.any():
        notes.append(
            f"{sheet.name}: {int(unserved.sum()):,} contact(s) with neither an agent in "
            f"'{agent}' nor a time in '{response}' were never answered: counted as abandoned "
            f"(missed demand), not as answered" + (f"; {told}." if told else ".")
        )
    return codes


def _fill_offered(sheet: _Sheet, plan: ColumnPlan, rows: ParsedRows, notes: list[str]) -> None:
    """An empty offered count beside answered and abandoned counts is their sum: every
    contact offered was answered or abandoned, so the interval is known, not missing."""
    if rows.answered is None or rows.abandoned is None or rows.volume is None:
        return
    fillable = np.flatnonzero(
        np.isnan(rows.volume) & ~np.isnan(rows.answered) & ~np.isnan(rows.abandoned)
    )
    if len(fillable) == 0:
        return
    column = plan.volume_column
    rows.volume[fillable] = rows.answered[fillable] + rows.abandoned[fillable]
    # The count reader's notes on the cells read as missing, said before these were filled, are
    # said again of those still missing.
    said = [
        note
        for note in notes
        if note.startswith(f"{sheet.name}: ")
        and (
            note.endswith(f" empty count(s) in '{column}' read as missing.")
            or f" cell(s) in '{column}' say the count is not available (" in note
        )
    ]
    at = notes.index(said[0]) if said else len(notes)
    notes[:] = [note for note in notes if note not in said]
    left = np.flatnonzero(np.isnan(rows.volume))
    blank = sheet.blank(column, left) if len(left) else np.zeros(0, dtype=bool)
    again = []
    if (~blank).any():
        again.append(
            f"{sheet.name}: {int((~blank).sum()):,} cell(s) in '{column}' say the count is not "
            f"available ({sheet.examples(column, left[~blank])}): read as missing, not as 0 "
            "contacts."
        )
    if blank.any():
        again.append(
            f"{sheet.name}: {int(blank.sum()):,} empty count(s) in '{column}' read as missing."
        )
    notes[at:at] = again
    lines = sheet.lines(fillable)
    shown = ", ".join(str(line) for line in lines[:3]) + (", ..." if len(lines) > 3 else "")
    filled_blank = sheet.blank(column, fillable)
    if filled_blank.all():
        cells = f"empty '{column}' cell(s)"
    elif filled_blank.any():
        cells = f"'{column}' cell(s) empty or saying the count is not available"
    else:
        cells = f"'{column}' cell(s) saying the count is not available"
    notes.append(
        f"{sheet.name}: {len(fillable):,} {cells} (line(s) {shown}) taken as "
        f"'{plan.answered_column}' + '{plan.abandoned_column}'."
    )


def _blank_cells(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """True where a cell is empty (or only blanks)."""
    if not (pa.types.is_string(values.type) or pa.types.is_dictionary(values.type)):
        return np.asarray(pc.is_null(values), dtype=bool)
    trimmed = pc.utf8_trim_whitespace(_as_text(values))
    return np.asarray(pc.fill_null(pc.equal(trimmed, ""), True), dtype=bool)


def _without_bom(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trimmed text without the byte-order mark that starts each export pasted onto another
    ("\ufeffDate" repeats the header "Date")."""
    return pc.utf8_trim_whitespace(pc.replace_substring(_as_text(values), "\ufeff", ""))


def _drop_repeated_headers(sheet: _Sheet, plan: ColumnPlan, notes: list[str]) -> list[int]:
    """Rows that repeat the header (exports pasted together, a report that prints its header
    on every page) are skipped; their lines in the file."""
    main = plan.timestamp_column or plan.date_column
    text = _without_bom(sheet.column(main))
    candidates = np.flatnonzero(np.asarray(pc.fill_null(pc.equal(text, main), False)))
    if len(candidates) == 0:
        return []
    taken = pa.array(candidates, pa.int64())
    repeated = np.ones(len(candidates), dtype=bool)
    for column in plan.used_columns():
        cells = _without_bom(pc.take(sheet.column(column), taken))
        repeated &= np.asarray(pc.fill_null(pc.equal(cells, column), False), dtype=bool)
    if not repeated.any():
        return []
    rows = candidates[repeated]
    lines = sheet.lines(rows)
    keep = np.ones(sheet.table.num_rows, dtype=bool)
    keep[rows] = False
    sheet.drop(keep)
    notes.append(
        f"{sheet.name}: the header line is repeated {int(repeated.sum()):,} time(s) inside the "
        "data (exports pasted together, or a header on every page); those lines were skipped."
    )
    return [int(line) for line in lines]


def _refuse_blocks_of_one_time(
    sheet: _Sheet, seconds: np.ndarray, codes: np.ndarray, repeated: list[int]
) -> None:
    """Blocks under repeated headers that cover the same intervals for the same queue are
    separate reports (one per skill or queue) pasted together: adding them up would merge
    queues."""
    key = seconds.astype(np.int64) * max(1, int(codes.max()) + 1) + codes
    if len(np.unique(key)) * 2 > len(key):
        return
    shown = ", ".join(f"{line:,}" for line in repeated[:5]) + (", ..." if len(repeated) > 5 else "")
    raise InputError(
        f"{sheet.name}: the header is repeated {len(repeated):,} time(s) inside the file (line "
        f"{shown}) and the blocks under it cover the same intervals: they seem to be separate "
        "reports (one per skill or queue) pasted together. Split the file at those lines into "
        "one file per queue, each with its header, or write a title naming each block's queue "
        "above its header ('Queue: Sales'), or export one table with a queue column, and "
        "import again."
    )


def _drop_summary_block(sheet: _Sheet, text_format: TextFormat) -> None:
    """A summary block below the table whose lines are padded with separators to the header's
    width ("Tempo medio di attesa;0:00:24;;;;") reaches the table as rows: they are dropped and
    named with the block, as its shorter lines are."""
    count = sheet.table.num_rows
    tail = np.arange(max(count - SUMMARY_MAX_ROWS, 0), count)
    filled = ~np.stack(
        [_blank_cells(pc.take(column, pa.array(tail))) for column in sheet.table.columns]
    )
    rows = tail[filled.any(axis=0)]
    if len(rows) < 2:
        return
    firsts = _texts(sheet.table.column(0), rows)
    padded = text_format.padded_summary_rows(firsts[-1].strip())
    if not padded or len(padded) >= len(rows):
        return
    block = rows[-len(padded) :]
    if [row[0].strip() for row in padded] != [text.strip() for text in firsts[-len(padded) :]]:
        return
    keep = np.ones(count, dtype=bool)
    keep[block] = False
    sheet.drop(keep)
    text_format.summary_lines += [text_format.delimiter.join(row) for row in padded]


SUMMARY_MAX_ROWS = 40  # table rows searched from the end for a padded summary block


def _drop_footer_rows(sheet: _Sheet, plan: ColumnPlan, text_format: TextFormat) -> None:
    """Lines at the end holding only a note in one cell, the first of the file when it is read
    ("Report generated on 24/03/2024 07:02 by admin,,,,,", a merged footer in a workbook), not
    a date or a time: skipped, and named with the lines skipped by the CSV reader."""
    used = plan.used_columns()
    count = sheet.table.num_rows
    if count < 2:
        return
    tail = min(count, 50)
    taken = pa.array(np.arange(count - tail, count), pa.int64())
    blank = np.stack([_blank_cells(pc.take(sheet.column(column), taken)) for column in used])
    first = text_format.header[0] if text_format.header[0] in used else None
    footers: list[int] = []
    for row in range(tail - 1, -1, -1):
        filled = np.flatnonzero(~blank[:, row])
        if len(filled) == 0:
            continue  # an empty line: the empty-row check skips it
        if len(filled) > 1 or (first is not None and used[filled[0]] != first):
            break
        cell = _texts(sheet.column(used[filled[0]]), np.array([count - tail + row]))[0]
        if not is_footer_row([cell]):
            break
        footers.append(count - tail + row)
    if not footers or len(footers) == count:
        return
    keep = np.ones(count, dtype=bool)
    keep[footers] = False
    text_format.footer_lines = [
        _texts(sheet.column(used[int(np.flatnonzero(~blank[:, row - count + tail])[0])]),
               np.array([row]))[0]
        for row in sorted(footers)
    ]  # fmt: skip
    sheet.drop(keep)


def _drop_trailing_notes(sheet: _Sheet, plan: ColumnPlan, notes: list[str]) -> None:
    """Lines at the end of the table whose date or time cell is words without a digit
    ("Erstellt am;09.03.2024 07:00;von;admin", "Count,200,,") are notes on the report, not
    rows of it: skipped and named. Totals ("Summe") are left to the total rows' rule."""
    main = plan.timestamp_column or plan.date_column
    count = sheet.table.num_rows
    if not pa.types.is_string(sheet.column(main).type) or count < 2:
        return
    first = max(count - TRAILING_NOTE_ROWS, 1)
    cells = _texts(sheet.column(main), np.arange(first, count))
    # A row counting contacts is a subtotal or data, whatever its label ("Settimana;;36;32;4").
    counted = np.zeros(count - first, dtype=bool)
    if plan.volume_column:
        counts = pc.take(sheet.column(plan.volume_column), pa.array(np.arange(first, count)))
        counted = ~np.isnan(parse_number(counts, sheet.comma(plan.volume_column)))
    notes_at: list[int] = []
    for row in range(count - 1, first - 1, -1):
        cell = cells[row - first].strip()
        worded = re.fullmatch(r"[^\W\d_][^\d]*", cell) or is_footnote(cell)
        if counted[row - first] or not worded:
            break
        if not is_total_row_label(cell):
            notes_at.append(row)
    else:
        return  # words all the way up: no dated table above them (weekday names?)
    if not notes_at or not re.search(r"\d", cells[row - first]):
        return
    rows = np.array(sorted(notes_at))
    said = sheet.examples(main, rows)
    keep = np.ones(count, dtype=bool)
    keep[rows] = False
    sheet.drop(keep)
    notes.append(
        f"{sheet.name}: {len(rows):,} line(s) below the table hold words where '{main}' has its "
        f"dates ({said}): skipped as notes on the report, not data."
    )


TRAILING_NOTE_ROWS = 20  # lines at the end of a table looked at for notes below it


def _drop_empty_rows(sheet: _Sheet, plan: ColumnPlan, notes: list[str]) -> None:
    """Rows with every used cell empty (";;;" between days, as Excel writes a blank sheet row)
    carry nothing: they are skipped."""
    main = plan.timestamp_column or plan.date_column
    candidates = np.flatnonzero(_blank_cells(sheet.column(main)))
    if len(candidates) == 0:
        return
    taken = pa.array(candidates, pa.int64())
    empty = np.ones(len(candidates), dtype=bool)
    for column in plan.used_columns():
        empty &= _blank_cells(pc.take(sheet.column(column), taken))
    if not empty.any():
        return
    keep = np.ones(sheet.table.num_rows, dtype=bool)
    keep[candidates[empty]] = False
    sheet.drop(keep)
    notes.append(f"{sheet.name}: {int(empty.sum()):,} empty row(s) skipped.")


def _drop_blank_pivot_items(sheet: _Sheet, plan: ColumnPlan, notes: list[str]) -> None:
    """A PivotTable in outline form gives source rows without a date Excel's '(blank)' date,
    its times beneath it, and those without a time a '(blank)' time: they fit no interval, so
    they are skipped, naming their contacts (the rows with a time; a date's row is its
    subtotal)."""
    date_column, time_column = plan.date_column, plan.time_column
    if date_column is None or time_column is None:
        return
    dates = pc.utf8_lower(pc.utf8_trim_whitespace(_as_text(sheet.column(date_column))))
    times = pc.utf8_lower(pc.utf8_trim_whitespace(_as_text(sheet.column(time_column))))
    labels = pa.array(sorted(BLANK_ITEM_LABELS))
    blank_date = np.asarray(pc.fill_null(pc.is_in(dates, labels), False), dtype=bool)
    blank_time = np.asarray(pc.fill_null(pc.is_in(times, labels), False), dtype=bool)
    if not (blank_date.any() or blank_time.any()):
        return
    dated = ~_blank_cells(sheet.column(date_column))
    heading = np.maximum.accumulate(np.where(dated, np.arange(len(dated)), -1))
    skipped_with_date = blank_date[np.maximum(heading, 0)] & (heading >= 0)
    skipped = blank_time | skipped_with_date
    counted = skipped & ~_blank_cells(sheet.column(time_column))
    contacts = 0.0
    if plan.volume_column:
        counts = _as_text(sheet.column(plan.volume_column))
        counts = parse_number(counts, sheet.comma(plan.volume_column))
        contacts = float(np.nansum(counts[counted]))
        # A '(blank)' time under a real date is in that date's subtotal.
        under_date = np.flatnonzero(blank_time & ~skipped_with_date & (heading >= 0))
        beneath = np.zeros(sheet.read_rows)
        read = np.arange(len(dated)) if sheet.kept is None else sheet.kept
        np.add.at(beneath, read[heading[under_date]], np.nan_to_num(counts[under_date]))
        sheet.skipped_beneath = beneath
    label = next(
        text
        for text in _texts(sheet.column(date_column), np.flatnonzero(blank_date))
        + _texts(sheet.column(time_column), np.flatnonzero(blank_time))
    ).strip()
    rows = int(skipped.sum())
    sheet.drop(~skipped)
    notes.append(
        f"{sheet.name}: {rows} {'row' if rows == 1 else 'rows'} under Excel's {label!r} item "
        f"(source rows without a date or a time) {'was' if rows == 1 else 'were'} skipped: "
        f"their {contacts:,.0f} contacts fit no interval and are not in the history. Fill in the "
        "date and time in the source data to count them."
    )


def _fill_down_dates(sheet: _Sheet, date_column: str, time_column: str, notes: list[str]) -> None:
    """Reports that write the date only on each day's first row: an empty date takes the date
    above. Only when the dates sit exactly where the clock restarts (a new day) and the clock
    runs on below them, so that no row is put on a day it may not belong to."""
    blank = _blank_cells(sheet.column(date_column))
    if not blank.any() or blank[0]:
        return
    clock = parse_time_of_day(sheet.column(time_column), day_fractions=True)
    timed = np.flatnonzero(~np.isnan(clock))
    if len(timed) < 2:
        return
    restarts = np.diff(clock[timed]) <= 0
    fill = blank & ~np.isnan(clock)  # a "Total" row without a clock keeps its empty date
    # A PivotTable in outline form writes each date on a row of its own, without a clock (the
    # day's subtotal beside it), above that day's times: that row dates the first of them.
    dated = ~blank
    dated[timed[(timed > 0)]] |= (~blank & np.isnan(clock))[timed[(timed > 0)] - 1]
    if not fill.any() or not np.array_equal(restarts, dated[timed[1:]]):
        return
    dates = sheet.column(date_column).combine_chunks()
    emptied = pc.if_else(pa.array(blank), pa.scalar(None, dates.type), dates)
    filled = pc.if_else(pa.array(fill), pc.fill_null_forward(emptied), dates)
    position = sheet.table.schema.get_field_index(date_column)
    sheet.table = sheet.table.set_column(position, date_column, filled)
    notes.append(
        f"{sheet.name}: '{date_column}' is written only on the first row of each day; "
        f"{int(fill.sum()):,} row(s) below took the date above them."
    )


def _inbound_only(
    sheet: _Sheet, column: str, seconds: np.ndarray, notes: list[str], legs_joined: bool = False
) -> np.ndarray:
    """Drop outbound and internal rows: they are not demand to forecast. A row begun by a
    transfer ("TRANSFER", Amazon Connect's InitiationMethod) continues a contact counted where
    it arrived: kept only when a master contact id joins it to that contact, else left out."""
    codes, names = label_codes(sheet.column(column))
    letters = names_direction(column)
    inbound = np.array([is_direction_value(str(v), letters) is not False for v in names])
    legs = np.array([begun_by_transfer(str(value)) for value in names], dtype=bool)
    callbacks = np.array([begun_by_callback(str(value)) for value in names], dtype=bool)
    if len(names) and callbacks[codes].any():
        _note_callbacks(sheet.name, column, names, codes, callbacks, legs_joined, notes)
    if len(names) and legs[codes].any() and not legs_joined:
        shown = ", ".join(str(value) for value, leg in zip(names, legs, strict=True) if leg)
        notes.append(
            f"{sheet.name}: {int(legs[codes].sum()):,} row(s) with '{column}' = {shown} left "
            "out: each is a transfer leg of a contact counted where it first arrived, and no "
            "master contact id column (such as 'InitialContactId') joins it to that contact; "
            "their handle time is not in the AHT."
        )
        inbound &= ~legs
    keep = inbound[codes] if len(names) else np.ones(len(codes), dtype=bool)
    if keep.all():
        return seconds
    if not keep.any():
        found = np.bincount(codes, minlength=len(names))
        counted = ", ".join(f"{value} {n:,}" for value, n in zip(names, found, strict=True) if n)
        raise InputError(
            f"{sheet.name}: every row is an outbound or internal call (column '{column}': "
            f"{counted}), all left out. Picco forecasts inbound demand: export the inbound "
            "contacts."
        )
    outbound = ~inbound & ~legs  # the transfer legs have their note
    if outbound[codes].any():
        dropped = [str(value) for value, out in zip(names, outbound, strict=True) if out]
        notes.append(
            f"{sheet.name}: {int(outbound[codes].sum()):,} row(s) with '{column}' = "
            f"{', '.join(dropped)} left out: only inbound contacts are demand to forecast."
        )
    sheet.drop(keep)
    return seconds[keep]


def _without_outbound_channels(
    sheet: _Sheet, column: str, seconds: np.ndarray, notes: list[str]
) -> np.ndarray:
    """Drop the rows of a queue or channel named with an outbound direction after it
    ("Phone call (outbound)", "Sales - Outbound"): calls out are no inbound demand."""
    values = sheet.column(column)
    distinct = pc.unique(values).to_pylist()
    if not any(names_outbound_channel(str(name)) for name in distinct if name is not None):
        return seconds  # the usual file: its few distinct names read once, no per-row pass
    codes, names = label_codes(values)
    outbound = np.array([names_outbound_channel(str(name)) for name in names], dtype=bool)
    dropped = outbound[codes]
    counted = np.bincount(codes[dropped], minlength=len(names))
    shown = np.flatnonzero(outbound)
    said = ", ".join(
        f"'{names[i]}'" + (f" ({counted[i]:,})" if len(shown) > 1 else "") for i in shown
    )
    if dropped.all():
        raise InputError(
            f"{sheet.name}: every row's '{column}' names an outbound direction ({said}): calls "
            "out are no inbound demand. Picco forecasts inbound demand: export the inbound "
            "contacts."
        )
    notes.append(
        f"{sheet.name}: {int(dropped.sum()):,} row(s) with '{column}' = {said} left out: the "
        "value names an outbound direction after its channel or queue, and calls out are no "
        "inbound demand to forecast. A queue named with the direction first ('Outbound "
        "Sales') is kept, as that may be a team's name."
    )
    sheet.drop(~dropped)
    return seconds[~dropped]


# Dialpad's target types of a call center or department: a queue of the contact center. A
# "user" target is a call straight to a person's own line.
CALL_CENTER_TARGETS = {"callcenter", "department"}
PERSON_TARGETS = {"user"}


def _call_center_targets_only(
    sheet: _Sheet, plan: ColumnPlan, seconds: np.ndarray, notes: list[str]
) -> np.ndarray:
    """Drop the calls to a person (target type "user") from a call history that also holds calls
    to call centers or departments: named after the person, they would make a queue of one
    person's direct calls. A file of calls to persons only is kept as it is. A queue column
    chosen by the user keeps them all (no target type is then looked at)."""
    column = plan.target_type_column
    assert column is not None
    codes, names = label_codes(sheet.column(column))
    kinds = [value.lower() for value in names]
    person = np.array([kind in PERSON_TARGETS for kind in kinds], dtype=bool)
    center = np.array([kind in CALL_CENTER_TARGETS for kind in kinds], dtype=bool)
    if not len(names) or not center[codes].any() or not person[codes].any():
        return seconds
    keep = ~person[codes]
    shown = ", ".join(value for value, mine in zip(names, person, strict=True) if mine)
    notes.append(
        f"{sheet.name}: {int((~keep).sum()):,} calls to a person rather than a call center left "
        f"out ('{column}' = {shown}): they are no queue's demand. To forecast them too, choose "
        f"'{plan.queue_column}' as the queue column ({where_to_choose('queue_column')})."
    )
    sheet.drop(keep)
    return seconds[keep]


def _note_callbacks(
    name: str,
    column: str,
    names: list[str],
    codes: np.ndarray,
    callbacks: np.ndarray,
    legs_joined: bool,
    notes: list[str],
) -> None:
    """Callbacks stay demand: an agent calls back a customer who asked for it while queued, work
    the queue must staff at the hour it is done; the note says they may continue a counted call."""
    shown = ", ".join(str(value) for value, back in zip(names, callbacks, strict=True) if back)
    joined = (
        "where the master contact id links one to the call it continues, the two count once"
        if legs_joined
        else "if the export also holds the call each continues, that customer counts twice"
    )
    notes.append(
        f"{name}: {int(callbacks[codes].sum()):,} row(s) with '{column}' = {shown} kept as "
        f"demand: a callback is an agent calling back a customer who asked for it while queued, "
        f"work the queue must staff; {joined}."
    )


# Headers of a helpdesk's ticket export (Freshdesk's "Ticket ID", "Tickets").
TICKET_HEADER_WORDS = {"ticket", "tickets"}


def _no_queue_notes(
    name: str, plan: ColumnPlan, codes: np.ndarray, queue_names: list[str], header: list[str]
) -> list[str]:
    """The note on rows without a queue ('(no queue)', or '(no queue) / VOICE' split by channel):
    most calls without one never reached an agent queue, so they are no agent demand, but they
    are not dropped unasked; a ticket without a group is work waiting to be assigned."""
    unqueued = [
        position
        for position, queue in enumerate(queue_names)
        if queue == NO_QUEUE or queue.startswith(f"{NO_QUEUE} / ")
    ]
    if not unqueued:
        return []
    unnamed = int(np.isin(codes, unqueued).sum())
    shown = ", ".join(f"'{queue_names[position]}'" for position in unqueued)
    # Zendesk's "Via" (Mail, Web form) splitting the queues by channel is a ticket's too.
    by_via = plan.split_column is not None and "via" in header_words(plan.split_column)
    if plan.kind == schema.KIND_RECORDS and (
        by_via or any(header_words(column) & TICKET_HEADER_WORDS for column in header)
    ):
        return [
            f"{name}: {unnamed:,} ticket(s) have no '{plan.queue_column}' (not yet assigned "
            f"to one): read as the queue{'s' if len(unqueued) > 1 else ''} {shown}, forecast "
            "and staffed as a queue of their own. They are work all the same: to plan them "
            f"with the queue that handles them, fill in their '{plan.queue_column}' in the "
            "export and import again."
        ]
    return [
        f"{name}: {unnamed:,} row(s) have no '{plan.queue_column}' (calls that ended in the "
        f"IVR, for instance): read as the queue{'s' if len(unqueued) > 1 else ''} {shown}. "
        "Such contacts never reached an agent queue (self-service or the IVR ended them, or "
        "the caller hung up there), so no agent could answer them; kept, they are forecast "
        "and staffed as a queue of their own (and count as abandoned where the outcome says "
        "the caller hung up). To plan for agent demand only, drop that queue: leave these "
        "rows out of the export and import again."
    ]


def _scores(sheet: _Sheet, column: str, notes: list[str]) -> np.ndarray:
    """Satisfaction scores as numbers; blanks are unrated contacts, words are ignored."""
    values = sheet.column(column)
    scores = parse_number(values, sheet.comma(column))
    rated = int((~np.isnan(scores)).sum())
    unreadable = _written(values, np.flatnonzero(np.isnan(scores)))
    text = f"{sheet.name}: satisfaction '{column}': {rated:,} rated contact(s)"
    if rated:
        text += f", mean {np.nanmean(scores):.2f} (from {np.nanmin(scores):g} to "
        text += f"{np.nanmax(scores):g})"
    if len(unreadable):
        text += f"; {len(unreadable):,} value(s) that are not scores were ignored"
        text += f" ({sheet.examples(column, unreadable)})"
    notes.append(text + ".")
    return scores


def _month_day_swapped(fmt: str | None) -> str | None:
    """The same format with day and month swapped, for the ambiguous slash formats and the
    eight-digit ones ("03042024")."""
    for day_first, month_first in (("%d/%m/", "%m/%d/"), ("%d%m%Y", "%m%d%Y")):
        if fmt and fmt.startswith(day_first):
            return month_first + fmt[len(day_first) :]
        if fmt and fmt.startswith(month_first):
            return day_first + fmt[len(month_first) :]
    return None


# A day/month date as written, wherever it sits in the cell ("lun 04/03/2024", "3/4/2024, 8:08").
_SLASH_DATE = r"(?P<date>\d{1,2}/\d{1,2}/\d{2,4})"
_EIGHT_DIGIT_DATE = r"^\s*(?P<date>\d{8})\s*$"


def _written_date(fmt: str) -> str:
    """The pattern finding, in a cell, the date `fmt` (or its day/month swap) reads."""
    return _EIGHT_DIGIT_DATE if fmt.startswith(("%d%m", "%m%d")) else _SLASH_DATE


# A date with a two-digit year, by any separator ("03/04/05", "04.03.24", "04-03-24 08:00").
_SHORT_YEAR_DATE = r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2})(?:\D|$)"


def _year_first_format(fmt: str | None) -> str | None:
    """The year-first format (%y/%m/%d ...) of a day/month or month/day format with a two-digit
    year; None for any other format."""
    turned = re.fullmatch(r"%[dm]([/.-])%[dm]\1%y(.*)", fmt or "")
    if not turned:
        return None
    separator, rest = turned.groups()
    return f"%y{separator}%m{separator}%d{rest}"


def _order_name(fmt: str) -> str:
    return "day/month" if fmt.startswith("%d") else "month/day"


@dataclass
class _DateReadings:
    """The distinct dates of a column read day-first and month-first, and year-first for
    two-digit years (days since 1970, NaN where a date does not fit), to choose the order from a
    few hundred values, not millions."""

    sheet: _Sheet
    column: str
    row_dates: pa.ChunkedArray  # each row's date text, null without one
    dates: pa.Array  # distinct, in order of first appearance
    days: dict[str, np.ndarray]  # format -> days of `dates` read that way

    @classmethod
    def read(
        cls, sheet: _Sheet, column: str, formats: tuple[str, ...], pattern: str = _SLASH_DATE
    ) -> _DateReadings:
        text = _as_text(sheet.column(column))
        row_dates = pc.struct_field(pc.extract_regex(text, pattern), "date")
        dates = pc.drop_null(pc.unique(row_dates))
        days = {}
        for fmt in formats:
            parsed = parse_with_format(dates, fmt.split(" ")[0])
            days[fmt] = _to_days(parsed)
        return cls(sheet, column, row_dates, dates, days)

    def only(self, fmt: str, other: str) -> np.ndarray:
        """Which distinct dates read as `fmt` but not as `other`."""
        return ~np.isnan(self.days[fmt]) & np.isnan(self.days[other])

    def spacing(self, fmt: str) -> float:
        """Median gap in days between the distinct dates read as `fmt`: 1 for a run of
        consecutive days, about 30 for dates read the wrong way round (3/4, 3/5 -> April, May)."""
        days = np.unique(self.days[fmt][~np.isnan(self.days[fmt])])
        return float(np.median(np.diff(days))) if len(days) >= 2 else np.inf

    def year_first_possible(self, fmt: str, year_first: str) -> bool:
        """Whether nothing rules out reading the dates year first (03/04/05 as 2003-04-05): that
        reading reads every date `fmt` reads, gives another day for some, and puts the dates no
        further apart. Dates a year apart as `fmt` are left to `_year_first_dates`."""
        read = ~np.isnan(self.days[fmt])
        turned = self.days[year_first]
        if np.isnan(turned[read]).any() or not (turned[read] != self.days[fmt][read]).any():
            return False
        distinct = len(np.unique(self.days[fmt][read]))
        if distinct >= MIN_DATES_FOR_GAP and self.spacing(fmt) >= YEARLY_GAP_DAYS:
            return False
        return self.spacing(year_first) <= self.spacing(fmt)

    def named(self) -> str:
        """ "the dates in 'Date'", or the title's date where the column holds one."""
        title = self.sheet.title_date
        if title and title.column == self.column:
            return f"the dates in '{self.column}' (the date above the table, on every row)"
        return f"the dates in '{self.column}'"

    def export_fix(self, example: np.datetime64) -> str:
        """How to write the dates so that they read one way: a date above the table is the
        report's own heading, to write as year-month-day, not a column to export so."""
        title = self.sheet.title_date
        if title and title.column == self.column:
            return f"write the date above the table as year-month-day ({example})"
        return f"export the dates as year-month-day ({example})"

    def example(self, which: np.ndarray) -> str:
        """The first row holding one of the distinct dates in `which`, as 'line N: value'."""
        wanted = pc.is_in(self.row_dates, value_set=pc.filter(self.dates, pa.array(which)))
        row = np.flatnonzero(np.asarray(pc.fill_null(wanted, False), dtype=bool))[:1]
        return self.sheet.examples(self.column, row)


def _to_days(parsed: pa.Array) -> np.ndarray:
    seconds = np.asarray(pc.cast(pc.cast(parsed, pa.int64()), pa.float64()), dtype=float)
    return np.floor(seconds / 86_400)


_AM_PM = re.compile(r"\d\s*[AaPp]\.?[Mm]\.?\s*$")


def _twelve_hour(sheet: _Sheet, plan: ColumnPlan) -> bool:
    """The times are written on a 12-hour clock ("08:00 AM"), as month/day (US) exports write
    them: the hint for dates that fit both orders."""
    if plan.timestamp_format:
        return "%p" in plan.timestamp_format
    if not plan.time_column:
        return False
    # Only cells holding a clock tell: a "Totals" row's label has no time to write.
    cells = [
        cell
        for cell in sheet.column(plan.time_column)[:200].to_pylist()
        if cell and re.search(r"\d", str(cell))
    ]
    return bool(cells) and all(_AM_PM.search(str(cell)) for cell in cells)


def _day_month_order(
    sheet: _Sheet, column: str, fmt: str, notes: list[str], twelve_hour: bool = False
) -> str:
    """`fmt` or its day/month swap, whichever reads the column's dates; InputError when the
    column mixes the two orders, which no single format reads right. Two-digit years that may
    come first (03/04/05 as 2003-04-05) get a note."""
    swapped = _month_day_swapped(fmt)
    year_first = _year_first_format(fmt)
    if swapped is None:
        if year_first:
            readings = _DateReadings.read(sheet, column, (fmt, year_first), _SHORT_YEAR_DATE)
            _note_year_first(readings, fmt, year_first, notes)
        return fmt
    formats = (fmt, swapped, year_first) if year_first else (fmt, swapped)
    readings = _DateReadings.read(sheet, column, formats, _written_date(fmt))
    only_fmt, only_swapped = readings.only(fmt, swapped), readings.only(swapped, fmt)
    if only_fmt.any() and only_swapped.any():
        raise InputError(
            f"{sheet.name}: column '{column}' mixes day/month orders: "
            f"{readings.example(only_fmt)} can only be {_order_name(fmt)}, "
            f"{readings.example(only_swapped)} only {_order_name(swapped)}. {_ONE_ORDER_FIX}"
        )
    if not only_fmt.any() and not only_swapped.any():
        # Every date fits both ways: the order that puts them a day apart, day-first on a tie.
        if readings.spacing(swapped) < readings.spacing(fmt):
            notes.append(
                f"{sheet.name}: dates in '{column}' fit day/month and month/day alike; read as "
                f"{_order_name(swapped)} ({swapped}), which puts consecutive dates a day apart "
                "rather than a month."
            )
            _note_year_first(readings, swapped, year_first, notes)
            return swapped
        tie = readings.spacing(swapped) == readings.spacing(fmt)
        differ = bool(_days_differ(readings, fmt, swapped).any())
        # A two-digit year changes nothing: US exports write 3/4/24 beside "8:00 AM" (Avaya
        # CMS); the year-first reading is named in a note of its own.
        if tie and differ and twelve_hour and fmt.startswith("%d"):
            notes.append(
                f"{sheet.name}: the dates in '{column}' fit day/month and month/day alike; read "
                f"as month/day ({swapped}) because the times are written with AM/PM, as "
                "month/day exports write them. If they are day/month, export the dates as "
                "year-month-day and import again."
            )
            _note_year_first(readings, swapped, year_first, notes)
            return swapped
        told = tie and _note_either_order(readings, fmt, swapped, year_first, notes)
        if not told:
            _note_year_first(readings, fmt, year_first, notes)
        return fmt
    complete, partial = (swapped, fmt) if only_swapped.any() else (fmt, swapped)
    fits_one_order = only_swapped if only_swapped.any() else only_fmt
    if readings.spacing(partial) < readings.spacing(complete):
        _refuse_jumping_dates(readings, complete, partial, fits_one_order)
    # Day/month under a 12-hour clock is told even when the sample found it: AM/PM usually
    # comes with month/day dates, so the reading is worth naming.
    if complete != fmt or (twelve_hour and complete.startswith("%d")):
        notes.append(
            f"{sheet.name}: dates in '{column}' read as {_order_name(complete)} ({complete}): "
            f"some, such as {readings.example(fits_one_order)}, fit only that order."
        )
    _note_year_first(readings, complete, year_first, notes)
    return complete


def _days_differ(readings: _DateReadings, fmt: str, swapped: str) -> np.ndarray:
    """Dates both orders read, as different days (cells neither reads are no evidence)."""
    days, other = readings.days[fmt], readings.days[swapped]
    return ~np.isnan(days) & ~np.isnan(other) & (days != other)


def _note_either_order(
    readings: _DateReadings, fmt: str, swapped: str, year_first: str | None, notes: list[str]
) -> bool:
    """Dates that read both ways and that nothing tells apart (a single day's export, 03/04/2025):
    read as `fmt`, with a note giving the other reading, unless both give the same days; with a
    two-digit year, the year-first reading too where it is possible. True when the note gives
    the year-first reading."""
    differ = _days_differ(readings, fmt, swapped)
    if not differ.any():
        return False  # 05/05/2025 is the same day either way
    first = np.flatnonzero(differ)[:1]
    as_read = np.datetime64(int(readings.days[fmt][first][0]), "D")
    other = np.datetime64(int(readings.days[swapped][first][0]), "D")
    readings_told = f"{_order_name(swapped)} ({other})"
    year_first_told = False
    if year_first and readings.year_first_possible(fmt, year_first):
        turned = np.datetime64(int(readings.days[year_first][first][0]), "D")
        if turned != as_read:
            readings_told += f" or year first ({turned}, {year_first})"
            year_first_told = True
    notes.append(
        f"{readings.sheet.name}: {readings.named()} fit day/month and month/day "
        f"alike, and nothing in the file tells which: read as {_order_name(fmt)} ({fmt}), so "
        f"{readings.example(differ)} is {as_read}. If it is {readings_told}, no import option "
        f"sets the order: {readings.export_fix(other)} and import again."
    )
    return year_first_told


def _note_year_first(
    readings: _DateReadings, fmt: str, year_first: str | None, notes: list[str]
) -> None:
    """Two-digit years that nothing in the file shows to come last (a single day's export,
    13/04/05): read as `fmt`, with a note giving the year-first reading (2013-04-05)."""
    if not year_first or not readings.year_first_possible(fmt, year_first):
        return
    as_read, turned = readings.days[fmt], readings.days[year_first]
    differ = ~np.isnan(as_read) & (as_read != turned)
    first = np.flatnonzero(differ)[:1]
    read_date = np.datetime64(int(as_read[first][0]), "D")
    turned_date = np.datetime64(int(turned[first][0]), "D")
    notes.append(
        f"{readings.sheet.name}: {readings.named()} have two-digit years, and "
        f"nothing in the file tells whether the year comes first: read as {_order_name(fmt)}/"
        f"year ({fmt}), so {readings.example(differ)} is {read_date}. If it is year first "
        f"({turned_date}, {year_first}), no import option sets the order: "
        f"{readings.export_fix(turned_date)} and import again."
    )


_ONE_ORDER_FIX = (
    "Export the dates in one order, or as year-month-day (2024-03-15), and import again."
)


def _refuse_jumping_dates(
    readings: _DateReadings, complete: str, partial: str, fits_one_order: np.ndarray
) -> None:
    """Some dates fit only `complete`, but the others run day by day only as `partial`: the
    file was written in both orders (dates fixed by hand, files pasted together)."""
    both = ~np.isnan(readings.days[complete]) & ~np.isnan(readings.days[partial])
    first = np.flatnonzero(both)[:1]
    as_complete = np.datetime64(int(readings.days[complete][first][0]), "D")
    raise InputError(
        f"{readings.sheet.name}: column '{readings.column}' seems to mix day/month orders: "
        f"{readings.example(fits_one_order)} can only be {_order_name(complete)}, but read "
        f"that way {readings.example(both)} would be {as_complete} and the dates jump by "
        f"months, while read as {_order_name(partial)} they run day by day. {_ONE_ORDER_FIX}"
    )


def _total_rows_said(sheet: _Sheet, plan: ColumnPlan, rows: np.ndarray) -> str:
    """The first total rows' lines and labels: "line 49: 'Totale'; line 98: 'Total'"."""
    columns = [
        plan.timestamp_column or plan.date_column, plan.time_column, plan.minute_column,
        plan.queue_column,
    ]  # fmt: skip
    columns = [c for c in dict.fromkeys([*columns, sheet.table.column_names[0]]) if c]
    shown = rows[:3]
    labels = ["" for _ in shown]
    for column in columns:  # where _parse_time found each row's total label
        for position, text in enumerate(_texts(sheet.column(column), shown)):
            if not labels[position] and is_summary_row_label(text):
                labels[position] = text.strip()
    unread_first = _unread_first_column(sheet, shown)
    for position, text in enumerate(unread_first or []):
        if not labels[position] and is_summary_row_label(text):
            labels[position] = text.strip()
    lines = sheet.lines(shown)
    said = "; ".join(
        f"line {line}: {label!r}" if label else f"line {line}: no label"
        for line, label in zip(lines, labels, strict=True)
    )
    said += "; …" if len(rows) > len(shown) else ""
    if not all(labels):  # only a sum of the rows above it is skipped without a label
        where = "below it, up to the next such row" if sheet.sums_below else "above it"
        said += f"; a row without a label is the sum of the rows {where}"
    return said


def _unread_first_column(sheet: _Sheet, rows: np.ndarray) -> list[str] | None:
    """The file's first column's text in `rows`, where the import does not read that column
    (a call log's "Call ID"); None where it does, or it cannot be read again."""
    column = sheet.file_first_column
    if not len(rows) or not column or column in sheet.table.column_names:
        return None
    if sheet.read_as_text is None:
        return None
    try:
        written = sheet.read_as_text(column)
    except (pa.ArrowInvalid, InputError, KeyError):
        return None
    if len(written) != sheet.read_rows:
        return None
    return _texts(written, rows if sheet.kept is None else sheet.kept[rows])


def _parse_time(
    sheet: _Sheet, plan: ColumnPlan, notes: list[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Wall-clock seconds of every row, and which rows to keep when some are 'Total' rows
    (spreadsheet exports often end with one: it is a sum, not an interval)."""
    main = plan.timestamp_column or plan.date_column
    fmt = _day_month_order(
        sheet, main, plan.timestamp_format or plan.date_format, notes, _twelve_hour(sheet, plan)
    )
    seconds = parse_timestamps(sheet.column(main), fmt)
    seconds, fmt = _year_first_dates(sheet, main, fmt, seconds, notes)
    sheet.time_format = fmt
    date_part = _date_part(fmt) if plan.kind == schema.KIND_INTERVALS else None
    if plan.timestamp_column and date_part:
        # A date written alone among date-times ("02/11/2026"): its midnight, so that
        # _drop_day_total_rows can tell a day's total from a midnight interval.
        unread = np.flatnonzero(np.isnan(seconds))
        if len(unread):
            alone = parse_timestamps(pc.take(sheet.column(main), pa.array(unread)), date_part)
            seconds[unread] = alone
    if fmt in EPOCH_FORMATS and fmt != EXCEL_SERIAL:
        notes.append(
            f"{sheet.name}: '{main}' holds {fmt}, which counts from 1970 in UTC: read as UTC "
            "clock times. If the center works on local time, export local date-times instead."
        )
    marker = _utc_marker(sheet.column(main))
    # A header naming UTC ("StartDateTimeUTC", "Start (UTC)") says so of plain times too.
    named_utc = header_words(main) & {"utc", "gmt"}
    if marker or named_utc:
        said = (
            f"end in {'Z (UTC)' if marker == 'Z' else marker}"
            if marker
            else f"are {next(iter(named_utc)).upper()}, as its header says,"
        )
        notes.append(
            f"{sheet.name}: times in '{main}' {said} and were read as written, not "
            "moved to your local clock. If the center works on local time, export local times "
            "(or times with their +01:00-style offset) so that the day's shape falls on the "
            "right hours."
        )
    changes = _offset_changes_note(sheet, main, seconds)
    if changes:
        notes.append(changes)
    parts = [(main, seconds, fmt)]
    if plan.weekday_column:  # "Week Ending" 10/03/2024 beside "Monday": Monday 4 March
        days = _days_into_week(sheet, plan, seconds)
        parts.append((plan.weekday_column, days, "a weekday's name such as Monday or Mon"))
        seconds = seconds + days * 86_400
    if plan.time_column:
        clock = parse_time_of_day(sheet.column(plan.time_column), day_fractions=True)
        if excel_day_fractions(sheet.column(plan.time_column)) is not None:
            notes.append(
                f"{sheet.name}: '{plan.time_column}' holds times of day as fractions of a day "
                "(Excel times written as numbers: 0.3333 = 08:00): read so."
            )
        parts.append((plan.time_column, clock, "a clock time such as 8:15 or 08:15:00"))
        seconds = seconds + clock
    if plan.minute_column:  # minutes past the hour in a column of their own
        minutes = parse_number(sheet.column(plan.minute_column), decimal_comma=False)
        expected = "minutes past the hour, 0 to 59"
        span = 60 if plan.time_column else 1440  # parts of the hour, or intervals of the day
        if plan.minute_part:  # the half hours or quarters numbered 1, 2 ...
            last = plan.minute_first + span // plan.minute_part - 1
            said = "part of the hour" if plan.time_column else "interval of the day"
            expected = f"the {said}, {plan.minute_first} to {last}"
            minutes[(minutes != np.round(minutes)) | (minutes > last)] = np.nan
            minutes = (minutes - plan.minute_first) * plan.minute_part
        minutes[(minutes < 0) | (minutes >= span)] = np.nan
        parts.append((plan.minute_column, minutes, expected))
        seconds = seconds + minutes * 60
    bad = np.flatnonzero(np.isnan(seconds))
    if len(bad) == 0:
        return seconds, None
    # A total's label may sit in the date column ("Totale"), in the time column
    # ("2024-03-04,Total,437", ",Grand Total,5825"), or in the queue or first column of a row
    # without a time (Cisco's "Total for CSQ_Billing",,,13767).
    total = np.zeros(len(bad), dtype=bool)
    first = sheet.table.column_names[0]
    for column in dict.fromkeys(
        (main, plan.time_column, plan.minute_column, plan.queue_column, first)
    ):
        if column:
            total |= np.array(
                [is_summary_row_label(text) for text in _texts(sheet.column(column), bad)]
            )
    unread_first = _unread_first_column(sheet, bad)
    if unread_first is not None:
        total |= np.array([is_summary_row_label(text) for text in unread_first])
    total |= _unlabelled_sums(sheet, plan, bad, total, parts[0][1])
    if plan.kind == schema.KIND_INTERVALS and plan.time_column and not plan.minute_column:
        seconds, bad, total = _date_alone_rows(sheet, plan, parts, seconds, bad, total)
        if len(bad) == 0:
            return seconds, None
    for column, parsed, expected in parts:
        wrong = bad[~total & np.isnan(parsed[bad])]
        _refuse_days_past_month_end(sheet, column, wrong, expected)
        if len(wrong) and sheet.blank(column, wrong).all():
            lines = ", ".join(str(line) for line in list(dict.fromkeys(sheet.lines(wrong)))[:3])
            sums = plan.kind == schema.KIND_INTERVALS and (
                plan.volume_column or plan.answered_column
            )
            raise InputError(
                f"{sheet.name}: {sheet.line_count(wrong):,} row(s) have nothing in column "
                f"'{column}' though other columns of them are filled "
                f"(line {lines}{', …' if sheet.line_count(wrong) > 3 else ''})"
                f". Write {_describe_format(expected)} in them like the other rows, or remove them"
                + (
                    " (a total row without a label is skipped only where its count is the sum of "
                    "the rows above it)."
                    if sums
                    else "."
                )
            )
        if len(wrong):
            raise InputError(
                f"{sheet.name}: column '{column}' has {sheet.line_count(wrong):,} value(s) that "
                f"are not readable dates/times ({sheet.examples(column, wrong)}). Expected "
                f"{_describe_format(expected)} like the other rows: fix or remove these rows."
            )
    keep = np.ones(len(seconds), dtype=bool)
    keep[bad] = False
    return seconds, keep


OFFSET_CHANGES_SHOWN = 3


def _offset_changes_note(sheet: _Sheet, column: str, seconds: np.ndarray) -> str | None:
    """Timestamps whose UTC offset changes ("+01:00" until the spring night, "+02:00" after) are
    read as the local clock they write, so a day's hours stay where the center works them: say
    on which days the offset changed, and whether by the hour of a daylight-saving change."""
    offsets = utc_offset_minutes(sheet.column(column))
    if offsets is None:
        return None
    known = np.flatnonzero(~np.isnan(offsets) & ~np.isnan(seconds))
    if len(np.unique(offsets[known])) < 2:
        return None
    # In time order, as UTC instants: the hour a fall night repeats is read once, then again.
    order = known[np.argsort(seconds[known] - offsets[known] * 60, kind="stable")]
    ordered = offsets[order]
    changed = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    said = []
    for position in changed[:OFFSET_CHANGES_SHOWN]:
        before, after = ordered[position - 1], ordered[position]
        day = day_text(pd.Timestamp(int(seconds[order[position]]), unit="s"), year=True)
        said.append(f"from {_offset_text(before)} to {_offset_text(after)} on {day}")
    text = "; ".join(said)
    if len(changed) > OFFSET_CHANGES_SHOWN:
        text += f" and {len(changed) - OFFSET_CHANGES_SHOWN} more times"
    steps = np.abs(ordered[changed] - ordered[changed - 1])
    if (steps == 60).all():
        which = "a daylight-saving change" if len(changed) == 1 else "daylight-saving changes"
        why = (
            f"({which}): the times were read as the local clock they write, not "
            "moved to one offset, so each day's hours stay where the center works them"
        )
    else:
        why = (
            "(not only by the hour of a daylight-saving change): the times were read as the "
            "local clock they write. If the rows come from sites in different time zones, "
            "export them on one site's clock"
        )
    return f"{sheet.name}: the UTC offset of the times in '{column}' changes {text} {why}."


def _offset_text(minutes: float) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(int(abs(minutes)), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def _date_part(fmt: str | None) -> str | None:
    """The date of a date-time format, "%d/%m/%Y" of "%d/%m/%Y %H:%M"; None unless it names a
    day, a month and a year (a bare number is no date)."""
    if not fmt:
        return None
    clock = min((fmt.find(mark) for mark in ("%H", "%I") if mark in fmt), default=-1)
    if clock <= 0:
        return None
    part = fmt[:clock].rstrip(" T,")  # "%Y-%m-%dT%H:%M", "%d %b %Y, %H:%M"
    has_month = any(mark in part for mark in ("%m", "%b", "%B"))
    return part if "%d" in part and has_month and ("%Y" in part or "%y" in part) else None


def _unlabelled_sums(
    sheet: _Sheet, plan: ColumnPlan, bad: np.ndarray, labelled: np.ndarray, dates: np.ndarray
) -> np.ndarray:
    """Which of the `bad` rows (no readable date or time) are totals without a label: every time
    cell empty, the date too unless it has a column of its own and holds a date (`dates`, the
    date column read), and the count the sum of the rows above it, from the total before it or
    from the first row (a sum added in a spreadsheet under each day or under the table)."""
    found = np.zeros(len(bad), dtype=bool)
    count_column = plan.volume_column or plan.answered_column
    if plan.kind != schema.KIND_INTERVALS or not count_column:
        return found
    blank = ~labelled
    main = plan.timestamp_column or plan.date_column
    for column in (main, plan.time_column, plan.minute_column):
        if column and blank.any():
            # A day's total may keep its date beside an empty time ("02/11/2026,,75").
            dated = ~np.isnan(dates[bad]) if column == main and plan.time_column else False
            blank &= sheet.blank(column, bad) | dated
    if not blank.any():
        return found
    counts = np.nan_to_num(parse_number(sheet.column(count_column), sheet.comma(count_column)))
    if sheet.skipped_beneath is not None and count_column == plan.volume_column:
        read = np.arange(len(counts)) if sheet.kept is None else sheet.kept
        counts = counts - sheet.skipped_beneath[read]
    dated = np.ones(len(counts), dtype=bool)
    dated[bad] = False
    running = np.concatenate([[0.0], np.cumsum(np.where(dated, counts, 0.0))])
    above = running[bad]
    since_previous = np.diff(above, prepend=0.0)
    # Or the rows below it, up to the next such row: a PivotTable in outline form writes each
    # day's subtotal on its date's row, above that day's times.
    until_next = np.diff(np.append(above, running[-1]))
    sums_above = (np.abs(counts[bad] - above) < 0.5) | (np.abs(counts[bad] - since_previous) < 0.5)
    sums_below = np.abs(counts[bad] - until_next) < 0.5
    sheet.sums_below = bool((blank & sums_below & ~sums_above & (counts[bad] > 0)).any())
    sums = sums_above | sums_below
    return blank & sums & (counts[bad] > 0)


def _days_into_week(sheet: _Sheet, plan: ColumnPlan, seconds: np.ndarray) -> np.ndarray:
    """Days from each row's week date to the weekday its weekday column names: back to it from
    the week's last day, on to it from its first; NaN where no weekday is named."""
    assert plan.weekday_column is not None
    codes, names = label_codes(_as_text(sheet.column(plan.weekday_column)))
    named = np.array([weekday_number(name) for name in names], dtype=float)[codes]
    week_day = (np.floor(seconds / 86_400) + 3) % 7  # 1 January 1970 was a Thursday
    if plan.week_ends:
        return -((week_day - named) % 7)
    return (named - week_day) % 7


# A few rows dated years from all the others are no history: a broken export's placeholder
# (1970-01-01 epoch zero, 1900-01-01, 9999-12-31) or a mistyped year (2042 for 2024). Read as
# written they would stretch the history over decades of empty intervals. (Real exports do hold
# a few rows a year or so off the rest: those are left alone.)
STRAY_GAP_DAYS = 5 * 365
STRAY_SHARE = 0.1  # at most this many rows per row of the main run of dates


def _refuse_stray_dates(sheet: _Sheet, column: str, seconds: np.ndarray) -> None:
    """InputError naming the rows dated more than five years from the main run of dates, when
    they are few beside it (a run of its own, years earlier, is history)."""
    if not len(seconds) or seconds.max() - seconds.min() <= STRAY_GAP_DAYS * 86_400:
        return  # the usual case, without sorting millions of rows
    order = np.argsort(seconds, kind="stable")
    breaks = np.flatnonzero(np.diff(seconds[order]) > STRAY_GAP_DAYS * 86_400) + 1
    if not len(breaks):
        return
    runs = np.split(order, breaks)
    main = max(runs, key=len)
    stray = [run for run in runs if run is not main and len(run) <= STRAY_SHARE * len(main)]
    if not stray:
        return
    rows = np.sort(np.concatenate(stray))
    days = seconds[main] // 86_400
    first, last = (np.datetime64(int(day), "D") for day in (days.min(), days.max()))
    raise InputError(
        f"{sheet.name}: column '{column}' has {len(rows):,} date(s) more than five years away "
        f"from all the other rows ({sheet.examples(column, rows)}; the others run from {first} "
        f"to {last}): a placeholder date of a broken export (such as 1970-01-01) or a mistyped "
        "year. Fix or remove these rows and import again."
    )


# Distinct dates whose median gap is this many days or more are years apart: a two-digit year
# written first ("24/03/04" for 2024-03-04) read as the day, one date per year.
YEARLY_GAP_DAYS = 300
MIN_DATES_FOR_GAP = 5


def _median_gap_days(seconds: np.ndarray) -> float:
    days = np.unique(np.floor(seconds[~np.isnan(seconds)] / 86_400))
    return float(np.median(np.diff(days))) if len(days) >= MIN_DATES_FOR_GAP else 0.0


def _year_first_dates(
    sheet: _Sheet, column: str, fmt: str, seconds: np.ndarray, notes: list[str]
) -> tuple[np.ndarray, str]:
    """Dates that fall a year apart are not a contact history: read year-first (yy/mm/dd) when
    that reads every date and puts them days apart, with a note; else InputError."""
    if _median_gap_days(seconds) < YEARLY_GAP_DAYS:
        return seconds, fmt
    first = np.flatnonzero(~np.isnan(seconds))[:1]
    shown = sheet.examples(column, first)
    as_read = np.datetime64(int(seconds[first][0]) // 86_400, "D")
    year_first = _year_first_format(fmt)
    if year_first:
        other = parse_timestamps(sheet.column(column), year_first)
        read_alike = np.array_equal(np.isnan(other), np.isnan(seconds))
        if read_alike and _median_gap_days(other) < YEARLY_GAP_DAYS:
            notes.append(
                f"{sheet.name}: read as {fmt} the dates in '{column}' fall a year apart "
                f"({shown} would be {as_read}); read year first ({year_first}) they run day by "
                f"day, so they were read that way ({np.datetime64(int(other[first][0]) // 86_400, 'D')})."
                " Export four-digit years (2024-03-04) to be sure."
            )
            return other, year_first
    raise InputError(
        f"{sheet.name}: the dates in '{column}' fall about a year apart ({shown} was read as "
        f"{as_read}), which is no contact history: the year may come first (yy/mm/dd). "
        "Export the dates with four-digit years (2024-03-04) and import again."
    )


def _utc_marker(values: pa.ChunkedArray) -> str | None:
    """The UTC mark ("Z", "UTC" or "GMT") some text timestamp ends in, else None: such times
    are UTC, not a local clock."""
    if not pa.types.is_string(values.type):
        return None
    trimmed = pc.utf8_rtrim_whitespace(values)
    for marker in ("Z", "UTC", "GMT"):
        if pc.any(pc.ends_with(trimmed, marker)).as_py():
            return marker
    return None


def _written(values: pa.ChunkedArray, rows: np.ndarray) -> np.ndarray:
    """Those of `rows` whose cell is not blank."""
    taken = _as_text(pc.take(values, pa.array(rows, pa.int64())))
    filled = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(taken), ""), False)
    return rows[np.asarray(filled, dtype=bool)]


def _as_text(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return values if pa.types.is_string(values.type) else pc.cast(values, pa.string())


def _texts(values: pa.ChunkedArray, rows: np.ndarray) -> list[str]:
    taken = _as_text(pc.take(values, pa.array(rows, pa.int64()))).to_pylist()
    return [value or "" for value in taken]


def _refuse_days_past_month_end(
    sheet: _Sheet, column: str, wrong: np.ndarray, fmt: str | None
) -> None:
    """Refuse unreadable dates that are all days past their month's end ("31/02/2024"), naming
    each one's month, rather than as values of an unknown shape."""
    if not len(wrong) or not fmt:
        return
    texts = _texts(sheet.column(column), wrong)
    lacking = [month_lacking_day(text, fmt) for text in texts]
    if not all(lacking):
        return
    shown = wrong[:3]
    lines = sheet.lines(shown)
    said = "; ".join(
        f"line {line}: {text!r}, {month}"
        for line, text, month in zip(lines, texts, lacking, strict=False)
    )
    raise InputError(
        f"{sheet.name}: column '{column}' has {len(wrong):,} date(s) past the end of their "
        f"month ({said}{'; …' if len(wrong) > 3 else ''}). Correct the day or the month of these "
        "rows, or remove them."
    )


def _describe_format(fmt: str | None) -> str:
    if fmt == ISO:
        return "a timestamp such as 2024-03-01 08:15"
    if fmt == EXCEL_SERIAL_DATE:
        return "an Excel serial date such as 45352 (2024-03-01)"
    if fmt and fmt.startswith("%"):
        example = np.datetime64("2024-03-01T08:15:00").astype(object).strftime(fmt)
        return f"values such as {example} ({fmt})"
    return fmt or "a date/time such as 2024-03-01 08:15"


NO_QUEUE = "(no queue)"  # rows whose queue cell is empty


def _queues(sheet: _Sheet, plan: ColumnPlan) -> tuple[np.ndarray, list[str]]:
    if not plan.queue_column:
        return np.zeros(sheet.table.num_rows, dtype=np.int64), [queue_from_file_name(sheet.name)]
    codes, labels = label_codes(sheet.column(plan.queue_column))
    if plan.queue_is_key and len(labels) == 1 and not plan.split_column:
        # One queue number all through: the file holds one queue, named as any such file is.
        return np.zeros(sheet.table.num_rows, dtype=np.int64), [queue_from_file_name(sheet.name)]
    labels = [label or NO_QUEUE for label in labels]
    if plan.split_column:  # each queue split by channel: "Support / Chat"
        split_codes, splits = label_codes(sheet.column(plan.split_column))
        pairs, codes = np.unique(codes * len(splits) + split_codes, return_inverse=True)
        labels = [
            " / ".join(
                part for part in (labels[pair // len(splits)], splits[pair % len(splits)]) if part
            )
            for pair in pairs
        ]
    return codes, labels


def _dashes(values: pa.ChunkedArray, rows: np.ndarray) -> np.ndarray:
    """Those of `rows` whose cell is a lone dash."""
    taken = pc.utf8_trim_whitespace(_as_text(pc.take(values, pa.array(rows, pa.int64()))))
    dashed = pc.fill_null(pc.is_in(taken, value_set=pa.array(DASHES)), False)
    return rows[np.asarray(dashed, dtype=bool)]


def _not_available(values: pa.ChunkedArray, rows: np.ndarray) -> np.ndarray:
    """Those of `rows` whose cell says its value is not available (see NOT_AVAILABLE)."""
    taken = pc.utf8_lower(pc.utf8_trim_whitespace(_as_text(pc.take(values, pa.array(rows)))))
    missing = pc.fill_null(pc.is_in(taken, value_set=pa.array(NOT_AVAILABLE)), False)
    return rows[np.asarray(missing, dtype=bool)]


# "1.008" in a count: a thousand and eight where the column's other counts are whole and no
# count of a thousand or more is written without the dot.
_DOT_GROUPED_COUNT = r"^\s*[1-9]\d{0,2}(\.\d{3})+\s*$"
_DOT_DECIMAL_COUNT = r"^\s*\d*\.\d+\s*$"
_UNGROUPED_THOUSANDS = r"^\s*\d{4,}(\.0+)?\s*$"


def _dot_grouped_counts(
    sheet: _Sheet, column: str, counts: np.ndarray, notes: list[str]
) -> np.ndarray:
    """Counts whose dots group thousands though the rows the file was sniffed on showed none
    ("1.008" after months of counts under a thousand): read as thousands, with a note. Only
    where every dotted count fits that reading, and some is not a whole number written with
    three decimals ("12.000")."""
    if sheet.comma(column):
        return counts
    thousandths = counts * 1000
    maybe = (counts >= 1) & (counts < 1000) & (np.abs(thousandths - np.round(thousandths)) < 1e-6)
    if not (maybe & (np.abs(counts - np.round(counts)) > 1e-9)).any():
        return counts  # no count reads as a number of thousandths: nothing to look at
    values = sheet.column(column)
    if not pa.types.is_string(values.type):
        if sheet.read_as_text is None:
            return counts
        read = np.arange(len(counts)) if sheet.kept is None else sheet.kept
        values = pc.take(sheet.read_as_text(column), pa.array(read, pa.int64()))
    text = pc.fill_null(_as_text(values), "")
    grouped = np.asarray(pc.match_substring_regex(text, _DOT_GROUPED_COUNT), dtype=bool)
    decimal = np.asarray(pc.match_substring_regex(text, _DOT_DECIMAL_COUNT), dtype=bool)
    plain = np.asarray(pc.match_substring_regex(text, _UNGROUPED_THOUSANDS), dtype=bool)
    three_zeros = np.asarray(pc.ends_with(pc.utf8_trim_whitespace(text), ".000"), dtype=bool)
    if (decimal & ~grouped).any() or plain.any() or (grouped & three_zeros).all():
        return counts
    rows = np.flatnonzero(grouped)
    counts = counts.copy()
    counts[rows] = parse_number(pc.take(text, pa.array(rows, pa.int64())), decimal_comma=True)
    example = int(rows[~three_zeros[rows]][0])
    written = text[example].as_py().strip()
    notes.append(
        f"{sheet.name}: '{column}' counts contacts, which are whole, and writes {len(rows):,} "
        f"of them with a dot (line {sheet.lines(np.array([example]))[0]}: '{written}'): read "
        f"as grouping thousands ({counts[example]:,.0f} contacts), as European exports write "
        "them. If they are fractions of a contact, export them with one or two decimals."
    )
    return counts


def _counts(sheet: _Sheet, column: str, notes: list[str]) -> np.ndarray:
    values = sheet.column(column)
    counts = _dot_grouped_counts(sheet, column, parse_number(values, sheet.comma(column)), notes)
    unreadable = np.flatnonzero(np.isnan(counts))
    dashed = _dashes(values, unreadable) if len(unreadable) else unreadable
    if len(dashed):
        counts[dashed] = 0
        unreadable = np.setdiff1d(unreadable, dashed)
        # The dashes as written ("--" for "-"), so the note names what the user sees.
        written = dict.fromkeys(text.strip() for text in _texts(values, dashed))
        shown = ", ".join(f"'{dash}'" for dash in written)
        notes.append(
            f"{sheet.name}: {len(dashed):,} cell(s) in '{column}' hold a dash ({shown}), read as "
            "0 contacts."
        )
    absent = _not_available(values, unreadable) if len(unreadable) else unreadable
    unreadable = np.setdiff1d(unreadable, absent)
    invalid = _written(values, unreadable) if len(unreadable) else unreadable
    if len(invalid):
        raise InputError(
            f"{sheet.name}: column '{column}' should hold counts but {len(invalid):,} "
            f"value(s) are not numbers ({sheet.examples(column, invalid)}). Replace them "
            "with the count (0 if none), or leave the cell empty when the interval is unknown."
        )
    if len(unreadable):
        # Arrow reads "nan" and "#N/A" in a column it typed as numbers as empty cells.
        written = unreadable[~sheet.blank(column, unreadable)]
        absent = np.union1d(absent, written)
        unreadable = np.setdiff1d(unreadable, written)
    if len(absent):  # unknown, as an empty cell is: the interval is a gap, not a zero
        notes.append(
            f"{sheet.name}: {len(absent):,} cell(s) in '{column}' say the count is not available "
            f"({sheet.examples(column, absent)}): read as missing, not as 0 contacts."
        )
    if len(unreadable):
        notes.append(
            f"{sheet.name}: {len(unreadable):,} empty count(s) in '{column}' read as missing."
        )
    negative = np.flatnonzero(counts < 0)
    if len(negative):
        raise InputError(
            f"{sheet.name}: column '{column}' has {len(negative):,} negative count(s) "
            f"({sheet.examples(column, negative)}). A count of contacts cannot be negative: "
            "correct these rows."
        )
    huge = np.flatnonzero(counts > MAX_COUNT_PER_ROW)
    if len(huge):
        raise InputError(
            f"{sheet.name}: column '{column}' has {len(huge):,} count(s) above "
            f"{MAX_COUNT_PER_ROW:,} contacts in one row ({sheet.examples(column, huge)}): no "
            "contact center receives that many. Correct these rows (an ID or a phone number "
            "in the count column?)."
        )
    positive = counts[counts > 0]
    fractional_rows = np.flatnonzero((counts > 0) & (np.abs(counts - np.round(counts)) > 1e-6))
    fractional = counts[fractional_rows]
    if positive.size and fractional.size > FRACTIONAL_COUNT_SHARE * positive.size:
        # Handle times or rates read as counts (a column chosen by mistake) would be stored
        # as hundreds of contacts per interval; averages of counts are whole-ish at most.
        notes.append(
            f"{sheet.name}: check the count column: {fractional.size / positive.size:.0%} of "
            f"the values in '{column}' are not whole numbers "
            f"({sheet.examples(column, fractional_rows)}), as counts of contacts are. If it holds handle times or another measure, choose the column "
            "that counts contacts and import again."
        )
    return counts


# Share of a count column's positive values with decimals above which it is probably no count.
FRACTIONAL_COUNT_SHARE = 0.5


# Median handle times outside this band (seconds) suggest a unit the header did not name.
PLAUSIBLE_HANDLE_SECONDS = (15.0, 3 * 3600.0)
# The median a handle column written in minutes by its vendor must have to be read so: 12 s to
# an hour. Above that the values are seconds after all, a file saved from another tool.
MINUTES_HANDLE_MEDIAN = (0.2, 60.0)
# A handle column's median (seconds once divided by 1000) that reads it in milliseconds when, as
# seconds, it is above PLAUSIBLE_HANDLE_SECONDS: 30 s to 2 hours.
MILLISECONDS_HANDLE_MEDIAN = (30.0, 2 * 3600.0)


def _fits_milliseconds(median: float) -> bool:
    """Whether a handle time's median, implausible as seconds, is a usual one in milliseconds."""
    low, high = MILLISECONDS_HANDLE_MEDIAN
    return low <= median / 1000 <= high


def _summed(sheet: _Sheet, column: str, seconds: np.ndarray) -> bool:
    """Whether an interval report's handle column sums its contacts' times, or may: hours of
    it per interval are seconds, divided by the count later (see interval_volumes). A header
    naming no mean ("Handle Time") whose values per contact are a usual handle time is too
    ambiguous to read in milliseconds: it keeps its seconds and the note asking."""
    if sheet.row_counts is None:
        return False
    counts = sheet.row_counts
    if is_interval_total(column, seconds, counts):
        return True
    if header_words(column) & MEAN_HEADER_WORDS:
        return False
    counted = (counts > 0) & np.isfinite(seconds)
    if not counted.any():
        return False
    low, high = PLAUSIBLE_HANDLE_SECONDS
    return bool(low <= np.median(seconds[counted] / counts[counted]) <= high)


def _total_of_plausible_times(sheet: _Sheet, column: str, seconds: np.ndarray) -> bool:
    """Whether an interval report's handle column holds each interval's total (divided by its
    count later, see interval_volumes) that per contact is a usual handle time: its size says
    nothing of its unit then."""
    counts = sheet.row_counts
    if counts is None or not is_interval_total(column, seconds, counts):
        return False
    counted = (counts > 0) & np.isfinite(seconds)
    low, high = PLAUSIBLE_HANDLE_SECONDS
    return bool(counted.any()) and low <= np.median(seconds[counted] / counts[counted]) <= high


# More contacts than this in one interval row is a misplaced value, not demand (and would
# overflow the integer tables downstream).
MAX_COUNT_PER_ROW = 10_000_000
SECONDS_PER_DAY = 86_400


def _durations(
    sheet: _Sheet,
    column: str,
    notes: list[str],
    is_handle: bool = False,
    minutes: bool = False,
    is_wait: bool = False,
) -> np.ndarray:
    """The seconds of each cell of a duration column. With `minutes`, a handle column that the
    export's vendor writes in minutes is read so when its plain numbers fit minutes. With
    `is_wait`, a contact's wait too long for seconds is read in milliseconds when it fits them."""
    values = sheet.column(column)
    # An export writes all its durations alike: the handle time's reading leads the others'.
    like = None
    if not is_handle and sheet.handle_column and sheet.handle_hours_minutes is not None:
        like = (sheet.handle_column, sheet.handle_hours_minutes)
    band = PLAUSIBLE_HANDLE_SECONDS if is_handle else None
    clocks = two_field_reading(values, band, like, header=column)
    if clocks and clocks.note:
        notes.append(f"{sheet.name}: '{column}' {clocks.note}")
    if is_handle:
        sheet.handle_column = column
        sheet.handle_hours_minutes = None if clocks is None else clocks.hours_minutes
    seconds = parse_duration(values, sheet.comma(column), bool(clocks and clocks.hours_minutes))
    factor, unit = duration_unit(column)
    if factor != 1 and unit_from_prefix(column) and _prefix_in_seconds(sheet, column, seconds):
        factor, unit = 1.0, "seconds"
        notes.append(_prefix_seconds_note(sheet, column, seconds, is_handle))
    # H:MM:SS (and HH.MM.SS, which a decimal comma would read as a number) is already seconds.
    plain = ~np.isnan(parse_number(values, sheet.comma(column))) & ~dotted_durations(values)
    if factor != 1 and plain.any():
        seconds = np.where(plain, seconds * factor, seconds)
        notes.append(f"{sheet.name}: '{column}' read in {unit}, as its header says.")
        if is_handle and unit == "milliseconds":
            sheet.handle_in_ms = "named"
    elif not is_handle and sheet.handle_in_minutes and _fractional(seconds[plain]):
        # The hold and wrap-up beside talk read in minutes (Dialpad's "wrapup_duration" 0.5)
        # are minutes too: fractions of a second are no export's seconds.
        seconds = np.where(plain, seconds * 60, seconds)
        notes.append(
            f"{sheet.name}: '{column}' read in minutes, like '{sheet.handle_column}' "
            f"(median {np.median(seconds[plain & (seconds > 0)]):,.0f} s)."
        )
    elif not is_handle and sheet.handle_in_ms and (plain & (seconds > 0)).any():
        seconds = _like_handle_in_ms(sheet, column, seconds, plain, notes)
    elif is_wait and not names_seconds(column) and _wait_in_ms(seconds[plain & (seconds > 0)]):
        # Twilio TaskRouter's "QueueTime" (ms) beside a call log's "Duration" (s): hours of
        # median wait are no queue's, seconds in milliseconds are.
        median = float(np.median(seconds[plain & (seconds > 0)]))
        seconds = np.where(plain, seconds / 1000, seconds)
        notes.append(
            f"{sheet.name}: '{column}' read in milliseconds: as seconds its median wait of "
            f"{median:,.0f} s ({median / 3600:,.1f} hours) is implausible, as milliseconds it "
            f"is {median / 1000:,.1f} s. If it is in seconds after all, rename the column to "
            f"'{column} (s)' and import again."
        )
    elif is_handle and (plain & (seconds > 0)).any():
        median = float(np.median(seconds[plain & (seconds > 0)]))
        low, high = PLAUSIBLE_HANDLE_SECONDS
        # Minutes with decimals (3.25), or too short for seconds: whole numbers of a plausible
        # median (45) may be seconds, as a file saved from another tool writes them.
        positive = seconds[plain & (seconds > 0)]
        decimals = bool((np.abs(positive - np.round(positive)) > 1e-9).any())
        fits_minutes = MINUTES_HANDLE_MEDIAN[0] <= median <= MINUTES_HANDLE_MEDIAN[1] and (
            decimals or median < low
        )
        if minutes and fits_minutes:
            seconds = np.where(plain, seconds * 60, seconds)
            sheet.handle_in_minutes = True
            notes.append(
                f"{sheet.name}: '{column}' read as '{column} (min)': Dialpad writes its call "
                f"durations in minutes, and in seconds its median handle time of {median:,.1f} s "
                f"is implausible ({median:,.2f} min read so). If it is in seconds after all, "
                f"rename the column to '{column} (s)' and import again."
            )
        elif low <= median * SECONDS_PER_DAY <= high and median * 60 < 1:
            # Below a second even as minutes, plausible as a share of a day: an Excel time
            # (0.0034 = 00:04:54) exported as its plain number.
            seconds = np.where(plain, seconds * SECONDS_PER_DAY, seconds)
            notes.append(
                f"{sheet.name}: '{column}' holds fractions of a day (Excel times written as "
                f"numbers, median {median:.4f} = {median * SECONDS_PER_DAY:,.0f} s): read so."
            )
        elif (
            median > high
            and _fits_milliseconds(median)
            and not names_seconds(column)  # the header's word overrides the values
            and not _summed(sheet, column, seconds)
        ):
            # Too long for seconds, a usual handle time read in milliseconds (Genesys Cloud's
            # "Avg Handle"): waits and handle parts without a unit of the same file follow it.
            seconds = np.where(plain, seconds / 1000, seconds)
            sheet.handle_in_ms = "read"
            notes.append(
                f"{sheet.name}: '{column}' read in milliseconds: as seconds its median handle "
                f"time of {median:,.0f} s ({median / 3600:,.1f} hours) is implausible, as "
                f"milliseconds it is {median / 1000:,.1f} s. If it is in seconds after all, "
                f"rename the column to '{column} (s)' and import again."
            )
        elif (median < low or median > high) and not _total_of_plausible_times(
            sheet, column, seconds
        ):
            guess = "minutes" if median < low else "milliseconds"
            tag = "min" if median < low else "ms"
            sheet.handle_in_ms = "likely" if median > high else None
            notes.append(
                f"{sheet.name}: '{column}' was read in seconds, but its median handle time of "
                f"{median:,.1f} s is implausible. If it is in {guess}, rename the column to "
                f"'{column} ({tag})' and import again."
            )
    unreadable = np.flatnonzero(np.isnan(seconds))
    written = _written(values, unreadable) if len(unreadable) else unreadable
    written = np.setdiff1d(written, _dashes(values, written)) if len(written) else written
    if len(written):
        notes.append(
            f"{sheet.name}: {len(written):,} value(s) in '{column}' are not durations and were "
            f"ignored ({sheet.examples(column, written)})."
        )
    negative = seconds < 0
    if negative.any():
        notes.append(
            f"{sheet.name}: {int(negative.sum()):,} negative duration(s) in '{column}' ignored."
        )
        seconds = np.where(negative, np.nan, seconds)
    return seconds


# A contact's median wait above this (seconds) is no queue's: a wait in milliseconds when, so
# read, it is MILLISECONDS_WAIT_MEDIAN (1 s to an hour).
MAX_WAIT_MEDIAN_SECONDS = 3600.0
MILLISECONDS_WAIT_MEDIAN = (1.0, 3600.0)


def _wait_in_ms(positive: np.ndarray) -> bool:
    """Whether contacts' waits (the positive ones), implausible as seconds, are milliseconds."""
    if not positive.size:
        return False
    median = float(np.median(positive))
    low, high = MILLISECONDS_WAIT_MEDIAN
    return median > MAX_WAIT_MEDIAN_SECONDS and low <= median / 1000 <= high


def _prefix_in_seconds(sheet: _Sheet, column: str, seconds: np.ndarray) -> bool:
    """Whether a time named only by its Hungarian "t" holds seconds: the handle time does when
    each interval's sum per contact is a usual handle time in seconds (PureConnect's tTalkAcd:
    300 s a call, 0.3 s in milliseconds); the file's other times follow the handle time's
    reading. Genesys Cloud's tHandle per contact is hours as seconds, so stays milliseconds."""
    if sheet.handle_column != column:
        return sheet.prefix_in_seconds
    sheet.prefix_in_seconds = _total_of_plausible_times(sheet, column, seconds)
    return sheet.prefix_in_seconds


def _prefix_seconds_note(sheet: _Sheet, column: str, seconds: np.ndarray, is_handle: bool) -> str:
    if not is_handle:
        return f"{sheet.name}: '{column}' read in seconds, like '{sheet.handle_column}'."
    counts = sheet.row_counts
    counted = (counts > 0) & np.isfinite(seconds) if counts is not None else np.zeros(0, bool)
    median = float(np.median(seconds[counted] / counts[counted])) if counted.any() else 0.0
    return (
        f"{sheet.name}: '{column}' read in seconds, not milliseconds: it sums each interval's "
        f"contacts, {median:,.0f} s per contact (as milliseconds {median / 1000:,.1f} s). If it "
        f"is in milliseconds after all, rename the column to '{column} (ms)' and import again."
    )


# A label of a roll-up row beside its detail rows: "*" (PureConnect's cReportGroup, cHKey3 over
# all media and keys), "All", "Total".
ROLLUP_LABELS = {"*", "all", "(all)", "<all>", "all queues", "total", "totals", "(total)"}
# Share of the roll-up rows that must equal the sum of their detail rows to drop them.
ROLLUP_AGREEMENT = 0.9


# A clock written in a timestamp: "08:30", "8.30 am", "T08", "8h30".
_CLOCK_PATTERN = r"\d:\d\d|\d\s*[aApP]\.?[mM]\b|T\d|\d[hH]\d"
# A day total larger than the sum of its day's intervals, where the day has this many intervals
# at least, is no midnight interval: one interval does not outnumber a day of them.
MIN_INTERVALS_BESIDE_DAY_TOTAL = 4


def _date_alone_rows(
    sheet: _Sheet,
    plan: ColumnPlan,
    parts: list[tuple[str, np.ndarray, str]],
    seconds: np.ndarray,
    bad: np.ndarray,
    total: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of a Date + Time export with a date and an empty time, on a day no other row has a
    time on ("2026-11-04,,0"): that day's total, read at its midnight so that
    _drop_day_total_rows tells it apart. Returns the seconds, and the rows still unread."""
    dates = parts[0][1]
    clock = next(parsed for column, parsed, _ in parts if column == plan.time_column)
    candidate = bad[~total & np.isnan(clock[bad]) & ~np.isnan(dates[bad])]
    if not len(candidate):
        return seconds, bad, total
    candidate = candidate[sheet.blank(plan.time_column, candidate)]
    timed_days = np.unique(dates[~np.isnan(clock) & ~np.isnan(dates)] // 86_400)
    candidate = candidate[~np.isin(dates[candidate] // 86_400, timed_days)]
    if not len(candidate):
        return seconds, bad, total
    seconds = seconds.copy()
    seconds[candidate] = dates[candidate]
    sheet.dated_only = sheet.original()[candidate]
    unread = ~np.isin(bad, candidate)
    return seconds, bad[unread], total[unread]


def _drop_day_total_rows(
    sheet: _Sheet, plan: ColumnPlan, seconds: np.ndarray, notes: list[str]
) -> np.ndarray:
    """Rows dated without a time ("2026-11-02", 75) among timestamped intervals: a day's total
    that would otherwise be read as a midnight interval. Such a row is the day's total when it
    equals the sum of that day's intervals (of its queue), when the day has a 00:00 interval of
    its own, or when it outnumbers a day of intervals; otherwise it stays a midnight interval
    (some tools write midnight as the date alone)."""
    column = plan.timestamp_column
    count_column = plan.volume_column or plan.answered_column
    serial = plan.timestamp_format == EXCEL_SERIAL  # a whole number is a date alone: 46328
    if sheet.dated_only is not None and plan.date_column:
        column = plan.date_column  # a Date + Time export's row without a time
    if not column or not count_column or plan.timestamp_format in EPOCH_FORMATS and not serial:
        return seconds
    midnight = np.nan_to_num(seconds, nan=1) % 86_400 == 0
    if not midnight.any() or midnight.all():
        return seconds
    rows = np.flatnonzero(midnight)
    if sheet.dated_only is not None:
        dated_only = np.isin(sheet.original()[rows], sheet.dated_only)
    elif serial:
        dated_only = np.ones(len(rows), dtype=bool)
    else:
        if not pa.types.is_string(sheet.column(column).type) and sheet.read_as_text is None:
            return seconds  # typed by arrow: midnight and a date alone look alike
        written = _written_cells(sheet, column, rows)
        dated_only = ~np.asarray(
            pc.fill_null(pc.match_substring_regex(written, _CLOCK_PATTERN), True)
        )
    if not dated_only.any():
        return seconds
    candidate = np.zeros(len(seconds), dtype=bool)
    candidate[rows[dated_only]] = True
    queue = (
        label_codes(_as_text(sheet.column(plan.queue_column)))[0]
        if plan.queue_column
        else np.zeros(len(seconds), dtype=np.int64)
    )
    days = np.nan_to_num(seconds, nan=0).astype(np.int64) // 86_400
    group = np.unique(np.column_stack([days, queue]), axis=0, return_inverse=True)[1].ravel()
    size = int(group.max()) + 1
    counts = np.nan_to_num(parse_number(sheet.column(count_column), sheet.comma(count_column)))
    interval = ~candidate
    day_sums = np.bincount(group[interval], counts[interval], minlength=size)[group]
    day_rows = np.bincount(group[interval], minlength=size)[group]
    with_midnight = np.bincount(group[interval & midnight], minlength=size)[group] > 0
    agrees = (day_rows > 0) & (day_sums > 0) & (np.abs(counts - day_sums) < 0.5)
    outnumbers = (day_rows >= MIN_INTERVALS_BESIDE_DAY_TOTAL) & (counts > day_sums)
    total = candidate & (agrees | with_midnight | outnumbers)
    lone = _lone_day_totals(candidate & ~total, midnight, day_rows, days, queue)
    closed = lone & (counts == 0)
    if closed.any():  # a day total of 0: a holiday, closed, not a day of unknown contacts
        notes.append(_closed_days_note(sheet, column, np.flatnonzero(closed), seconds))
        sheet.closed_days = sheet.original()[closed]
        lone &= ~closed
    if lone.any():
        notes.append(_lone_day_totals_note(sheet, column, np.flatnonzero(lone), counts, seconds))
        total_only = ~lone
        sheet.drop(total_only)
        seconds, total = seconds[total_only], total[total_only]
        agrees, counts, day_sums = agrees[total_only], counts[total_only], day_sums[total_only]
    if not total.any():
        return seconds
    found = np.flatnonzero(total)
    lines = sheet.lines(found)
    texts = _written_cells(sheet, column, found[:3]).to_pylist()
    shown = "; ".join(f"line {line}: {text!r}" for line, text in zip(lines, texts, strict=False))
    shown += "; …" if len(found) > 3 else ""
    differ = found[~agrees[found]]
    if len(differ):
        said = "; ".join(
            f"line {line}: {counts[row]:,.0f} against {day_sums[row]:,.0f}"
            for line, row in zip(sheet.lines(differ[:3]), differ[:3], strict=True)
        )
        checked = (
            f"; {len(differ)} of them {'differs' if len(differ) == 1 else 'differ'} from the "
            f"sum of their day's intervals ({said}): "
            "check the export for intervals left out of it"
        )
    else:
        checked = "; each equals the sum of its day's intervals"
    notes.append(
        f"{sheet.name}: {len(found)} row(s) dated without a time were skipped as day totals, not "
        f"read as midnight intervals ({shown}){checked}."
    )
    sheet.drop(~total)
    return seconds[~total]


def _lone_day_totals(
    dated_only: np.ndarray,
    midnight: np.ndarray,
    day_rows: np.ndarray,
    days: np.ndarray,
    queue: np.ndarray,
) -> np.ndarray:
    """Rows dated without a time (`dated_only`, not found to be day totals beside intervals) on
    a day without intervals of their queue, in a queue closed at midnight: the day's total,
    not a midnight interval. Runs of such days long enough to be a stretch of daily rows (daily
    totals for older months, intervals after) are left to be read as that stretch."""
    lone = dated_only & (day_rows == 0)
    if not lone.any():
        return lone
    # A queue open at midnight (a midnight interval written with its clock, or as the date
    # alone on a day of intervals) may hold a day's first interval only: the export's last.
    queues = int(queue.max()) + 1
    at_midnight = midnight & ~lone
    open_at_midnight = np.bincount(queue[at_midnight], minlength=queues) > 0
    # A queue without a row at any other time is a queue of daily totals (e-mail beside calls).
    with_intervals = np.bincount(queue[~midnight], minlength=queues) > 0
    lone &= ~open_at_midnight[queue] & with_intervals[queue]
    for code in np.unique(queue[lone]):
        own = queue == code
        day_list, first_row = np.unique(days[own], return_index=True)
        lone_day = lone[np.flatnonzero(own)[first_row]]
        edges = np.flatnonzero(np.diff(np.concatenate([[0], lone_day.astype(np.int8), [0]])))
        stretches = [
            day_list[first:after]
            for first, after in zip(edges[::2], edges[1::2], strict=True)
            if day_list[after - 1] - day_list[first] + 1 >= MIN_STRETCH_DAYS
        ]
        if stretches:
            lone[own & np.isin(days, np.concatenate(stretches))] = False
    return lone


def _closed_days_note(sheet: _Sheet, column: str, rows: np.ndarray, seconds: np.ndarray) -> str:
    """Say which day totals of 0 on days without intervals were read as closed days."""
    lines = sheet.lines(rows[:3])
    texts = _written_cells(sheet, column, rows[:3]).to_pylist()
    shown = "; ".join(f"line {line}: '{text}', 0" for line, text in zip(lines, texts, strict=True))
    shown += "; …" if len(rows) > 3 else ""
    day_names = [day_text(pd.Timestamp(seconds[row], unit="s"), year=True) for row in rows[:3]]
    days_said = ", ".join(day_names) + (", …" if len(rows) > 3 else "")
    one = len(rows) == 1
    return (
        f"{sheet.name}: {len(rows)} day total{'' if one else 's'} of 0 on "
        f"{'a day' if one else 'days'} without intervals ({shown}): {days_said} "
        f"{'was' if one else 'were'} read as closed, no contacts (a holiday), not as missing."
    )


def _lone_day_totals_note(
    sheet: _Sheet, column: str, rows: np.ndarray, counts: np.ndarray, seconds: np.ndarray
) -> str:
    """Say which rows were skipped as the totals of days without intervals, and why."""
    lines = sheet.lines(rows[:3])
    texts = _written_cells(sheet, column, rows[:3]).to_pylist()
    shown = "; ".join(
        f"line {line}: '{text}', {counts[row]:,.0f}"
        for line, text, row in zip(lines, texts, rows[:3], strict=True)
    )
    shown += "; …" if len(rows) > 3 else ""
    contacts = float(counts[rows].sum())
    day_names = [day_text(pd.Timestamp(seconds[row], unit="s"), year=True) for row in rows[:3]]
    days_said = ", ".join(day_names) + (", …" if len(rows) > 3 else "")
    one = len(rows) == 1
    the_days = "that day" if one else "those days"
    is_total = "is that day's total" if one else "are those days' totals"
    return (
        f"{sheet.name}: {len(rows)} row{'' if one else 's'} dated without a time on "
        f"{'a day' if one else 'days'} with no intervals ({shown}) "
        f"{is_total}, which {'fits' if one else 'fit'} no interval: "
        f"skipped, so the history has no intervals for {days_said} rather than "
        f"{contacts:,.0f} contacts at 00:00 (the forecast learns {the_days} from the other "
        f"weeks). Export {the_days} interval by interval to count {'its' if one else 'their'} "
        "contacts."
    )


def _written_cells(sheet: _Sheet, column: str, rows: np.ndarray) -> pa.Array:
    """The cells of `rows` in `column` as the file writes them (arrow types ISO timestamps,
    writing a date alone as its midnight); `sheet.read_as_text` is needed for a typed column."""
    values = sheet.column(column)
    if pa.types.is_string(values.type):
        return pc.take(values, pa.array(rows, pa.int64()))
    read = rows if sheet.kept is None else sheet.kept[rows]
    return _as_text(pc.take(sheet.read_as_text(column), pa.array(read, pa.int64())))


def _rollup_label(value: str) -> bool:
    text = value.strip().lower()
    return text in ROLLUP_LABELS or is_total_label(text)


def _drop_rollup_rows(
    sheet: _Sheet, plan: ColumnPlan, seconds: np.ndarray, notes: list[str]
) -> np.ndarray:
    """Subtotal rows within an interval: a queue or split labelled "*" (or "All", "Total") that
    repeats the sum of the rows beside it (same interval, same other labels). Dropped when the
    file's roll-ups agree with their details, so contacts count once; kept where they have no
    detail rows (the only rows of their interval). A text column holding "*" beside other
    values (a hierarchy key, PureConnect's cHKey3) rolls up alike."""
    count_column = plan.volume_column or plan.answered_column
    if not count_column:
        return seconds
    used = set(plan.used_columns())
    keys = [c for c in (plan.queue_column, plan.split_column) if c]
    keys += [c for c in sheet.table.column_names if c not in used and _holds_star_keys(sheet, c)]
    skipped: dict[str, int] = {}
    # column -> its roll-up labels as written ("Totale", "*"; "Gesamt" found by its sums alone)
    written: dict[str, str] = {}
    for column in keys:
        codes, labels = label_codes(_as_text(sheet.column(column)))
        rollup = np.array([_rollup_label(label) for label in labels], dtype=bool)[codes]
        if rollup.all():
            continue
        context = [np.nan_to_num(seconds, nan=-1).astype(np.int64)] + [
            label_codes(_as_text(sheet.column(other)))[0] for other in keys if other != column
        ]
        group = np.unique(np.column_stack(context), axis=0, return_inverse=True)[1].ravel()
        counts = np.nan_to_num(parse_number(sheet.column(count_column), sheet.comma(count_column)))
        if not rollup.any():
            found = _summing_label(codes, group, counts)
            if found is None:
                continue
            rollup = codes == found
            written[column] = labels[found]
        size = int(group.max()) + 1
        detail_rows = np.bincount(group[~rollup], minlength=size)
        detail_sums = np.bincount(group[~rollup], counts[~rollup], minlength=size)
        repeats = rollup & (detail_rows[group] > 0)
        if not repeats.any():
            continue
        agrees = np.abs(detail_sums[group] - counts) < 0.5
        if agrees[repeats].mean() < ROLLUP_AGREEMENT:
            continue  # no sums of their details: rows of their own
        if column not in written:
            written[column] = "', '".join(labels[code] for code in np.unique(codes[repeats]))
        sheet.drop(~repeats)
        seconds = seconds[~repeats]
        skipped[column] = int(repeats.sum())
    if skipped:
        said = "; ".join(
            f"{n:,} '{written[column]}' rows in '{column}'" for column, n in skipped.items()
        )
        notes.append(
            f"{sheet.name}: {sum(skipped.values()):,} total/subtotal row(s) were skipped ({said}, "
            "each the sum of the rows beside it in its interval)."
        )
    return seconds


# Rows of one label, in their intervals beside two others at least, that must sum the others
# for the label to be a roll-up however it is written ("Gesamt", "Tutte le code", "Σ").
MIN_SUMMING_ROWS = 10


def _summing_label(codes: np.ndarray, group: np.ndarray, counts: np.ndarray) -> int | None:
    """The one label whose rows each hold the sum of the other rows of their group, where that
    group has two other rows or more and the row counts contacts; None when no label or more
    than one does."""
    size = int(group.max()) + 1
    rows = np.bincount(group, minlength=size)[group]
    totals = np.bincount(group, counts, minlength=size)[group]
    judged = (rows >= 3) & (counts > 0)
    sums_others = np.abs(2 * counts - totals) < 0.5
    judged_per_label = np.bincount(codes[judged], minlength=codes.max() + 1)
    agreeing = np.bincount(codes[judged & sums_others], minlength=codes.max() + 1)
    share = agreeing / np.maximum(judged_per_label, 1)
    found = np.flatnonzero((judged_per_label >= MIN_SUMMING_ROWS) & (share >= ROLLUP_AGREEMENT))
    return int(found[0]) if len(found) == 1 else None


def _holds_star_keys(sheet: _Sheet, column: str) -> bool:
    """A text column of keys holding "*" (all of them) beside other values."""
    values = sheet.column(column)
    if not (pa.types.is_string(values.type) or pa.types.is_dictionary(values.type)):
        return False
    distinct = {str(v).strip() for v in pc.unique(_as_text(values)).to_pylist() if v is not None}
    return "*" in distinct and bool(distinct - {"*", ""})


def _fractional(values: np.ndarray) -> bool:
    """Some positive value with a fraction (0.5), not only whole numbers."""
    positive = values[np.isfinite(values) & (values > 0)]
    return bool((np.abs(positive - np.round(positive)) > 1e-9).any())


def _like_handle_in_ms(
    sheet: _Sheet, column: str, seconds: np.ndarray, plain: np.ndarray, notes: list[str]
) -> np.ndarray:
    """A wait (or a part of the handle time) without a unit in its header, in a file whose handle
    time is in milliseconds: read in milliseconds too when the handle time's header says so, else
    named in a note. Values that in milliseconds would be under a second are seconds."""
    median = float(np.median(seconds[plain & (seconds > 0)]))
    if median < 1000:
        return seconds
    handle = sheet.handle_column
    if sheet.handle_in_ms in ("named", "read"):
        why = "whose header says so" if sheet.handle_in_ms == "named" else "read so above"
        notes.append(
            f"{sheet.name}: '{column}' read in milliseconds, like '{handle}', {why} "
            f"(median {median / 1000:,.1f} s)."
        )
        return np.where(plain, seconds / 1000, seconds)
    notes.append(
        f"{sheet.name}: '{column}' was read in seconds (median {median:,.0f} s), but '{handle}' "
        f"of the same file looks like milliseconds. If both are, rename '{handle}' to "
        f"'{handle} (ms)' and import again: '{column}' is then read in milliseconds too."
    )
    return seconds


def _handle_seconds(sheet: _Sheet, plan: ColumnPlan, column: str, notes: list[str]) -> np.ndarray:
    """The handle time of each row: `column`, or the sum of its parts (talk, hold, after-call
    work) when the export gives no whole handle time. A blank hold or after-call work counts as
    none; a row without talk time has no handle time (no agent talked to the caller)."""
    talk = _durations(sheet, column, notes, is_handle=True, minutes=plan.handle_in_minutes)
    if not plan.handle_parts:
        return talk
    others = [_durations(sheet, part, notes) for part in plan.handle_parts[1:]]
    total = talk + np.nansum(np.stack(others), axis=0)  # NaN where the talk time is
    named = " + ".join(f"'{part}'" for part in plan.handle_parts)
    kinds = ["talk"] + [
        "hold" if header_words(part) & HOLD_WORDS else "after-call work"
        for part in plan.handle_parts[1:]
    ]
    note = (
        f"{sheet.name}: the export has no whole handle time, so the handle time is {named} "
        f"({' + '.join(kinds)})."
    )
    if plan.unsummed_hold_column:
        note += (
            f" '{plan.unsummed_hold_column}' was not added: an interval report's hold time is "
            "often a mean over the held calls only, or already part of the talk time. If your "
            "handle time should include it, export the whole handle time (AHT) and import again."
        )
    notes.append(note)
    return total


def native_interval_minutes(seconds: np.ndarray, codes: np.ndarray) -> int | None:
    """The most common step between consecutive distinct timestamps of the same queue (of any
    queue when each queue has a single row, or when the queues take turns); None when there is
    only one timestamp."""
    order = np.lexsort((seconds, codes))
    steps = np.diff(seconds[order])
    same_queue = np.diff(codes[order]) == 0
    steps = steps[same_queue & (steps > 0)]
    if len(steps) == 0 or queues_take_turns(seconds, codes):
        steps = np.diff(np.unique(seconds))
    if len(steps) == 0:
        return None
    values, counts = np.unique(steps, return_counts=True)
    # Steps that divide the day are real interval lengths; an odd step (08:15 -> 08:37) is a
    # stray timestamp, so it only wins when no step divides the day. A tie goes to the longer
    # step: a stray timestamp splits one long step into two short ones.
    regular = (values % 60 == 0) & (1440 % np.maximum(values // 60, 1) == 0)
    if regular.any():
        values, counts = values[regular], counts[regular]
    longest_of_most_common = values[counts == counts.max()].max()
    return max(1, int(round(longest_of_most_common / 60)))


def queues_take_turns(seconds: np.ndarray, codes: np.ndarray) -> bool:
    """Two or more queues, no timestamp shared by two (one queue's row at 08:00, another's at
    08:15): each queue's rows stand intervals apart, so only the file's own step is the
    interval. Queues at their own intervals share the coarser one's timestamps."""
    if len(np.unique(codes)) < 2:
        return False
    order = np.lexsort((codes, seconds))
    stamps, queues = seconds[order], codes[order]
    new_stamp = np.diff(stamps) != 0
    new_pair = new_stamp | (np.diff(queues) != 0)
    return int(new_pair.sum()) == int(new_stamp.sum())


# A queue is told to run at its own interval only from this many distinct timestamps.
MIN_TIMESTAMPS_PER_QUEUE = 20


def queue_interval_minutes(
    seconds: np.ndarray, codes: np.ndarray, queue_names: list[str]
) -> dict[str, int] | None:
    """Each queue's interval when the queues of one file differ (one every 15 minutes, another
    every 30), by queue name; None when they share one. A queue counts only with enough
    timestamps, all on its own grid (a queue whose empty intervals are left out is not put on
    a coarser one unless every timestamp of it fits)."""
    if len(queue_names) < 2 or queues_take_turns(seconds, codes):
        return None
    found: dict[str, int] = {}
    for code, queue in enumerate(queue_names):
        stamps = np.unique(seconds[codes == code])
        if len(stamps) < MIN_TIMESTAMPS_PER_QUEUE:
            continue
        minutes = native_interval_minutes(stamps, np.zeros(len(stamps), dtype=np.int64))
        if minutes and (stamps % (minutes * 60) == 0).all():
            found[queue] = minutes
    if len(set(found.values())) < 2:
        return None
    finest = min(found.values())
    if any(minutes % finest for minutes in found.values()):
        return None  # 20 and 30 minutes: the intervals check names the clash file-wide
    return found


@dataclass(frozen=True)
class Stretch:
    """Days `first` to `last` (days since 1970, inclusive) of one queue, its rows `minutes`
    apart."""

    first: int
    last: int
    minutes: int

    def dates(self) -> tuple[str, str]:
        return str(np.datetime64(self.first, "D")), str(np.datetime64(self.last, "D"))


# A queue's rows are told to change interval over time (an ACD keeping 15-minute detail for
# recent months, half hours before) only for a stretch of at least this many days whose every
# row sits on the coarser grid: a 15-minute export missing a few rows, or a queue closing at
# 18:15, still has rows at :15 and :45 every day.
MIN_STRETCH_DAYS = 14


def queue_stretches(
    seconds: np.ndarray,
    codes: np.ndarray,
    queue_names: list[str],
    native: int | None,
    by_queue: dict[str, int] | None,
) -> dict[str, list[Stretch]] | None:
    """The queues whose rows are coarser over some stretch of days (every 30 minutes until
    February, every 15 after), by queue name: their stretches in order, from the first to the
    last day; None when every queue keeps one interval. Each queue's days are told apart in one
    pass, without sorting: a day's grid is the coarsest step all of its times fit (15 for a day
    with a row at 08:15, 30 for rows at :00 and :30 only)."""
    if not native or len(seconds) == 0 or queues_take_turns(seconds, codes):
        return None
    day = seconds // 86_400
    first_day = int(day.min())
    n_days = int(day.max()) - first_day + 1
    key = codes * n_days + (day - first_day)  # one cell per queue and day
    grid = np.zeros(len(queue_names) * n_days, dtype=np.int64)
    np.gcd.at(grid, key, seconds % 86_400)  # gcd(0, t) = t: the first time sets it
    rows_of = np.bincount(key, minlength=len(grid))
    grid = np.where(grid == 0, 86_400, grid)  # a day whose only time is 00:00
    grid = np.where(grid % 60 == 0, grid // 60, 0).reshape(len(queue_names), n_days)
    rows_of = rows_of.reshape(len(queue_names), n_days)
    found: dict[str, list[Stretch]] = {}
    for code, queue in enumerate(queue_names):
        days = np.flatnonzero(rows_of[code])
        own = (by_queue or {}).get(queue, native)
        stretched = _stretches_of(
            lambda a, b, c=code: seconds[(codes == c) & (day >= a) & (day <= b)],
            days + first_day,
            grid[code, days],
            rows_of[code, days],
            own,
        )
        if stretched:
            found[queue] = stretched
    return found or None


def _stretches_of(
    stamps_between: Callable[[int, int], np.ndarray],
    day: np.ndarray,
    grid: np.ndarray,
    rows_of: np.ndarray,
    native: int,
) -> list[Stretch] | None:
    """One queue's stretches (see `queue_stretches`) from its days with rows (`day`, their
    `grid` and number of rows; `stamps_between(first, last)` its times on those days), or None
    when its rows keep one interval."""
    # The queue's finest interval: its own, or a finer one its days keep for weeks (15-minute
    # detail for recent months, when the half hours before are the more common step).
    values, counts = np.unique(grid[grid > 0], return_counts=True)
    finer = values[(counts >= MIN_STRETCH_DAYS) & (native % np.maximum(values, 1) == 0)]
    fine = int(min(native, finer.min())) if len(finer) else native
    coarse = (grid > fine) & (grid % fine == 0)
    if not coarse.any() or coarse.all():
        return None
    # Runs of consecutive coarse days, each at its most common step.
    edges = np.flatnonzero(np.diff(np.concatenate([[0], coarse.astype(np.int8), [0]])))
    minutes_of_day = np.full(len(day), fine)
    for first, after in zip(edges[::2], edges[1::2], strict=True):
        long_enough = day[after - 1] - day[first] + 1 >= MIN_STRETCH_DAYS
        if not long_enough or rows_of[first:after].sum() < MIN_TIMESTAMPS_PER_QUEUE:
            continue
        run = np.unique(stamps_between(int(day[first]), int(day[after - 1])))
        minutes = native_interval_minutes(run, np.zeros(len(run), dtype=np.int64)) or fine
        fits = 1440 % minutes == 0 and (run % (minutes * 60) == 0).all()
        if minutes > fine and minutes % fine == 0 and fits:
            minutes_of_day[first:after] = minutes
    if (minutes_of_day == fine).all():
        return None
    # Consecutive days of one interval make a stretch.
    change = np.flatnonzero(np.diff(minutes_of_day)) + 1
    firsts, lasts = np.concatenate([[0], change]), np.append(change - 1, len(day) - 1)
    return [
        Stretch(int(day[a]), int(day[b]), int(minutes_of_day[a]))
        for a, b in zip(firsts, lasts, strict=True)
    ]


@dataclass(frozen=True)
class DateColumn:
    """A column of written date-times read as an import reads its timestamp column."""

    fmt: str  # the format that reads it (an entry of DATETIME_FORMATS or DATE_FORMATS)
    seconds: np.ndarray  # wall-clock seconds since 1970 (float), NaN where a value does not fit
    # The seconds read with day and month the other way round, when that too reads every date
    # (as other days): nothing in the column told the order, `fmt` is the import's choice.
    other_order: np.ndarray | None


def read_date_column(
    values: Sequence[object], name: str, column: str, first_line: int = 2
) -> DateColumn | None:
    """`values` (one cell per row, None for a blank) read with the format most of them fit and
    day and month in the order the import decides from the whole column: a first field above
    12 anywhere means day/month, a second one month/day; when nothing tells, the order that
    puts consecutive dates a day apart, day/month on a tie (month/day beside AM/PM clocks).
    None when no format reads most values; InputError when the column mixes both orders.
    `name` and `first_line` (the file line of the first value) name rows in messages."""
    texts = [None if value is None else str(value) for value in values]
    written = list(dict.fromkeys(text for text in texts if text and text.strip()))
    fmt = detect_format(written, DATETIME_FORMATS + DATE_FORMATS, MIN_SHARE)
    if fmt is None:
        return None
    cells = pa.array(texts, pa.string())
    sheet = _Sheet(name, pa.table({column: cells}), decimal_comma=False, first_line=first_line)
    fmt = _day_month_order(sheet, column, fmt, [], twelve_hour="%p" in fmt)
    seconds = parse_timestamps(cells, fmt)
    swapped = _month_day_swapped(fmt)
    other_order = None
    if swapped is not None:
        other = parse_timestamps(cells, swapped)
        read = ~np.isnan(seconds)
        days, other_days = seconds[read] // 86_400, other[read] // 86_400
        if not np.isnan(other_days).any() and (days != other_days).any():
            other_order = other
    return DateColumn(fmt, seconds, other_order)
