"""Import contact-history exports (interval volumes or contact records) into one Dataset."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from data import schema
from data.aggregate import (
    GridLayout,
    IntervalGrid,
    coarsen,
    grid_frame,
    learn_grid_open_hours,
    mean_at,
    plan_grid,
    sum_at,
)
from data.columns import ColumnPlan, ImportOptions, is_total_label, plan_columns
from data.errors import InputError
from data.labels import LABEL_TYPE, label_codes
from data.open_hours import empty_days_that_are_gaps
from data.outcomes import ABANDONED, ANSWERED, classify_outcomes
from data.sniff import TextFormat, sniff_file
from data.timestamps import (
    ISO,
    parse_duration,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
)

__all__ = ["FileReport", "ImportOptions", "ImportResult", "import_files", "import_files_detailed"]

DEFAULT_RECORD_INTERVAL = 15
UNKNOWN_OUTCOME = -1  # rows of a file without an outcome column, merged with files that have one


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


@dataclass
class ImportResult:
    dataset: schema.Dataset
    files: list[FileReport]
    first_interval: pd.Timestamp  # the first and last interval holding rows of the exports
    last_interval: pd.Timestamp
    contacts: float  # every contact read: records, or the sum of the counts

    @property
    def rows(self) -> int:
        return sum(report.rows for report in self.files)


@dataclass
class _Rows:
    """One file's rows after parsing: wall-clock seconds plus the measures present."""

    seconds: np.ndarray  # int64
    codes: np.ndarray  # int64 index into queue_names
    queue_names: list[str]
    volume: np.ndarray | None = None
    aht: np.ndarray | None = None
    handle: np.ndarray | None = None
    wait: np.ndarray | None = None
    outcome: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    file_index: np.ndarray | None = None  # which file each row came from, once merged

    def subset(self, keep: np.ndarray) -> _Rows:
        """The rows in `keep`, with only the queues they use (renumbered in the same order)."""
        used = np.unique(self.codes[keep])
        renumber = np.full(len(self.queue_names), -1, dtype=np.int64)
        renumber[used] = np.arange(len(used))

        def pick(array: np.ndarray | None) -> np.ndarray | None:
            return None if array is None else array[keep]

        return _Rows(
            seconds=self.seconds[keep],
            codes=renumber[self.codes[keep]],
            queue_names=[self.queue_names[code] for code in used],
            volume=pick(self.volume),
            aht=pick(self.aht),
            handle=pick(self.handle),
            wait=pick(self.wait),
            outcome=pick(self.outcome),
            file_index=pick(self.file_index),
        )


def import_files(
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    names: Sequence[str] | None = None,
) -> schema.Dataset:
    """Read one or more exports (one queue per file unless a file has a queue column) into a
    Dataset on a regular interval grid. Raises InputError for anything the user must fix."""
    return import_files_detailed(paths, options, names).dataset


def import_files_detailed(
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    names: Sequence[str] | None = None,
) -> ImportResult:
    """`import_files` plus a per-file report of what was detected."""
    options = options or ImportOptions()
    paths = [Path(path) for path in paths]
    if not paths:
        raise InputError("No file was given: choose at least one contact-history export.")
    display = [str(name) for name in names] if names is not None else [p.name for p in paths]
    if len(display) != len(paths):
        raise ValueError("names must give one display name per path")
    if options.kind not in (None, schema.KIND_INTERVALS, schema.KIND_RECORDS):
        raise InputError(
            f"Unknown kind '{options.kind}': use '{schema.KIND_INTERVALS}' (counts per interval) "
            f"or '{schema.KIND_RECORDS}' (one row per contact)."
        )
    _check_interval(options.interval_minutes)
    parsed: list[tuple[ColumnPlan, _Rows, FileReport]] = []
    for path, name in zip(paths, display, strict=True):
        parsed.append(_read_file(path, name, options))
    kinds = {plan.kind for plan, _, _ in parsed}
    if len(kinds) > 1:
        described = ", ".join(f"{report.name} ({plan.kind})" for plan, _, report in parsed)
        raise InputError(
            f"These files mix interval volumes and contact records: {described}. Import each "
            "shape separately, or set the kind explicitly."
        )
    kind = kinds.pop()
    rows = _merge([item[1] for item in parsed])
    reports = [item[2] for item in parsed]
    if kind == schema.KIND_RECORDS:
        dataset = _records_dataset(rows, _record_interval(parsed, options.interval_minutes))
    else:
        dataset = _intervals_dataset(rows, reports, options.interval_minutes)
    dataset.name = _dataset_name(display)
    dataset.source_files = list(display)
    dataset.notes = [note for item in parsed for note in item[1].notes] + dataset.notes
    step = dataset.interval_minutes * 60
    first, last = (pd.Timestamp(int(edge) // step * step, unit="s") for edge in _span(rows))
    contacts = float(len(rows.seconds)) if rows.volume is None else float(np.nansum(rows.volume))
    return ImportResult(dataset, reports, first, last, contacts)


def _record_interval(
    parsed: list[tuple[ColumnPlan, _Rows, FileReport]], requested: int | None
) -> int:
    """The requested interval, else 15 minutes; a whole day when the records carry dates only
    (they cannot be placed within the day)."""
    dated_only = [report.name for plan, _, report in parsed if not plan.time_column
                  and not plan.timestamp_column]  # fmt: skip
    if not dated_only:
        return requested or DEFAULT_RECORD_INTERVAL
    if requested not in (None, 1440):
        raise InputError(
            f"{dated_only[0]}: the records have a date but no time of day, so they can only be "
            "counted per day. Choose a 1440-minute (daily) interval, or export arrival times."
        )
    return 1440


def _span(rows: _Rows) -> tuple[int, int]:
    seconds = rows.seconds if rows.volume is None else rows.seconds[~np.isnan(rows.volume)]
    return int(seconds.min()), int(seconds.max())


def _check_interval(minutes: int | None) -> None:
    if minutes is not None and (minutes <= 0 or 1440 % minutes):
        raise InputError(
            f"An interval of {minutes} minutes does not divide the day evenly. Use 5, 10, 15, "
            "30 or 60 minutes."
        )


def _dataset_name(display: list[str]) -> str:
    stems = [Path(name).stem for name in display]
    return stems[0] if len(stems) == 1 else f"{stems[0]} + {len(stems) - 1} more"


# --- reading one file ---------------------------------------------------------------------


def _read_file(
    path: Path, name: str, options: ImportOptions
) -> tuple[ColumnPlan, _Rows, FileReport]:
    text_format = sniff_file(path, name)
    plan = plan_columns(
        text_format.header, text_format.sample_rows, text_format.decimal_comma, options, name
    )
    table = _read_table(path, name, text_format, plan)
    rows = _parse_rows(table, plan, text_format, name)
    native = None
    if plan.kind == schema.KIND_INTERVALS:
        native = native_interval_minutes(rows.seconds, rows.codes)
    report = FileReport(
        name=name,
        rows=table.num_rows,
        interval_minutes=native,
        kind=plan.kind,
        encoding=text_format.encoding,
        delimiter=text_format.delimiter,
        decimal_comma=text_format.decimal_comma,
        header=text_format.header,
        columns=plan.roles(),
    )
    described = ", ".join(f"{role} '{column}'" for role, column in plan.roles().items())
    shape = "interval volumes" if plan.kind == schema.KIND_INTERVALS else "contact records"
    rows.notes.insert(
        0,
        f"{name}: {table.num_rows:,} rows read as {shape} ({text_format.delimiter_name}-"
        f"separated, {text_format.encoding}"
        f"{', decimal comma' if text_format.decimal_comma else ''}; {described}).",
    )
    if plan.satisfaction_column:
        rows.notes.append(
            f"{name}: satisfaction column '{plan.satisfaction_column}' was recognised but is not "
            "used for forecasting or staffing."
        )
    return plan, rows, report


def _read_table(path: Path, name: str, text_format: TextFormat, plan: ColumnPlan) -> pa.Table:
    """The used columns of the whole file. First with arrow's own type inference (fast, parallel
    parsing of numbers and ISO timestamps); when a value does not fit the type inferred from the
    first rows (a stray word in a count column, a "Totale" row), again as text so the parsers
    can name the offending rows."""
    used = plan.used_columns()
    labels = [column for column in used if column in (plan.queue_column, plan.outcome_column)]
    others = [column for column in used if column not in labels]
    try:
        table = _read_csv(path, name, text_format, used, labels, [])
    except (pa.ArrowInvalid, InputError):
        return _read_csv(path, name, text_format, used, labels, others)
    # Arrow converts "+01:00"/"Z" stamps to UTC; wall clock is wanted, so read those as text.
    zoned = [f.name for f in table.schema if pa.types.is_timestamp(f.type) and f.type.tz]
    if zoned:
        table = _read_csv(path, name, text_format, used, labels, zoned)
    return table


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
    encoding = "latin-1" if text_format.encoding == "latin-1" else "utf8"
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
                skip_rows=text_format.header_line + 1,
                block_size=1 << 24,
            ),
            parse_options=pacsv.ParseOptions(delimiter=text_format.delimiter),
            convert_options=convert,
        )
    except pa.ArrowInvalid as error:
        message = str(error)
        if "utf8" in message.lower() and encoding != "latin-1":
            text_format.encoding = "latin-1"  # a Latin-1 character beyond the sniffed head
            return _read_csv(path, name, text_format, wanted, label_columns, text_columns)
        typed = len(label_columns) + len(text_columns) < len(wanted)
        if "conversion error" in message.lower() and typed:
            raise  # a typed read that met an odd value: the caller reads as text
        raise InputError(
            f"{name}: the file could not be read as a {text_format.delimiter_name}-separated "
            f"table ({message.splitlines()[0]}). Check that every row has as many fields as "
            "the header."
        ) from error


@dataclass
class _Sheet:
    """One file's table plus what is needed to read its cells and to name bad ones."""

    name: str
    table: pa.Table
    decimal_comma: bool
    first_line: int  # line in the file of the first data row
    kept: np.ndarray | None = None  # original row numbers, once some rows were dropped

    def column(self, column: str) -> pa.ChunkedArray:
        return self.table[column]

    def drop(self, keep: np.ndarray) -> None:
        self.kept = np.flatnonzero(keep) if self.kept is None else self.kept[keep]
        self.table = self.table.filter(pa.array(keep))

    def examples(self, column: str, rows: np.ndarray) -> str:
        """Up to three offending values with their line in the file."""
        shown = rows[:3]
        lines = (shown if self.kept is None else self.kept[shown]) + self.first_line
        values = _texts(self.table[column], shown)
        return "; ".join(
            f"line {line}: {value!r}" for line, value in zip(lines, values, strict=True)
        )


def _parse_rows(table: pa.Table, plan: ColumnPlan, text_format: TextFormat, name: str) -> _Rows:
    sheet = _Sheet(name, table, text_format.decimal_comma, text_format.first_data_line)
    notes: list[str] = []
    seconds, keep = _parse_time(sheet, plan)
    if keep is not None:
        notes.append(f"{name}: {int((~keep).sum())} total/subtotal row(s) were skipped.")
        sheet.drop(keep)
        seconds = seconds[keep]
    if sheet.table.num_rows == 0:
        raise InputError(f"{name}: no data rows were found below the header.")
    codes, queue_names = _queues(sheet, plan)
    rows = _Rows(seconds.astype(np.int64), codes, queue_names, notes=notes)
    if plan.kind == schema.KIND_INTERVALS:
        rows.volume = _counts(sheet, plan.volume_column, notes)
        if plan.aht_column:
            rows.aht = _durations(sheet, plan.aht_column, notes)
        return rows
    if plan.handle_column:
        rows.handle = _durations(sheet, plan.handle_column, notes)
    if plan.wait_column:
        rows.wait = _durations(sheet, plan.wait_column, notes)
    if plan.outcome_column:
        rows.outcome, summary = classify_outcomes(sheet.column(plan.outcome_column))
        notes.append(f"{name}: outcome '{plan.outcome_column}': {summary}.")
    return rows


def _parse_time(sheet: _Sheet, plan: ColumnPlan) -> tuple[np.ndarray, np.ndarray | None]:
    """Wall-clock seconds of every row, and which rows to keep when some are 'Total' rows
    (spreadsheet exports often end with one: it is a sum, not an interval)."""
    main = plan.timestamp_column or plan.date_column
    fmt = plan.timestamp_format or plan.date_format
    seconds = parse_timestamps(sheet.column(main), fmt)
    parts = [(main, seconds, fmt)]
    if plan.time_column:
        clock = parse_time_of_day(sheet.column(plan.time_column))
        parts.append((plan.time_column, clock, "a clock time such as 8:15 or 08:15:00"))
        seconds = seconds + clock
    bad = np.flatnonzero(np.isnan(seconds))
    if len(bad) == 0:
        return seconds, None
    labels = _texts(sheet.column(main), bad)
    total = np.array([is_total_label(label) for label in labels], dtype=bool)
    for column, parsed, expected in parts:
        wrong = bad[~total & np.isnan(parsed[bad])]
        if len(wrong):
            raise InputError(
                f"{sheet.name}: column '{column}' has {len(wrong):,} value(s) that are not "
                f"readable dates/times ({sheet.examples(column, wrong)}). Expected "
                f"{_describe_format(expected)} like the other rows: fix or remove these rows."
            )
    keep = np.ones(len(seconds), dtype=bool)
    keep[bad] = False
    return seconds, keep


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


def _describe_format(fmt: str | None) -> str:
    if fmt == ISO:
        return "a timestamp such as 2024-03-01 08:15"
    if fmt and fmt.startswith("%"):
        example = np.datetime64("2024-03-01T08:15:00").astype(object).strftime(fmt)
        return f"values such as {example} ({fmt})"
    return fmt or "a date/time such as 2024-03-01 08:15"


def _queues(sheet: _Sheet, plan: ColumnPlan) -> tuple[np.ndarray, list[str]]:
    if not plan.queue_column:
        return np.zeros(sheet.table.num_rows, dtype=np.int64), [Path(sheet.name).stem]
    codes, labels = label_codes(sheet.column(plan.queue_column))
    return codes, [label or "(no queue)" for label in labels]


def _counts(sheet: _Sheet, column: str, notes: list[str]) -> np.ndarray:
    values = sheet.column(column)
    counts = parse_number(values, sheet.decimal_comma)
    unreadable = np.flatnonzero(np.isnan(counts))
    if len(unreadable):
        invalid = _written(values, unreadable)
        if len(invalid):
            raise InputError(
                f"{sheet.name}: column '{column}' should hold counts but {len(invalid):,} "
                f"value(s) are not numbers ({sheet.examples(column, invalid)}). Replace them "
                "with the count (0 if none), or leave the cell empty when the interval is unknown."
            )
        blank = len(unreadable) - len(invalid)
        notes.append(f"{sheet.name}: {blank:,} empty count(s) in '{column}' read as missing.")
    negative = np.flatnonzero(counts < 0)
    if len(negative):
        raise InputError(
            f"{sheet.name}: column '{column}' has {len(negative):,} negative count(s) "
            f"({sheet.examples(column, negative)}). A count of contacts cannot be negative: "
            "correct these rows."
        )
    return counts


def _durations(sheet: _Sheet, column: str, notes: list[str]) -> np.ndarray:
    values = sheet.column(column)
    seconds = parse_duration(values, sheet.decimal_comma)
    unreadable = np.flatnonzero(np.isnan(seconds))
    written = _written(values, unreadable) if len(unreadable) else unreadable
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


# --- combining files -----------------------------------------------------------------------


def _merge(parts: list[_Rows]) -> _Rows:
    """One set of rows over all files, queue codes renumbered in sorted queue-name order."""
    names = sorted({queue for part in parts for queue in part.queue_names})
    position = {queue: code for code, queue in enumerate(names)}
    codes = [
        np.array([position[q] for q in part.queue_names], dtype=np.int64)[part.codes]
        for part in parts
    ]
    if len(parts) == 1:  # nothing to join: keep the arrays, only renumber the queues
        part = parts[0]
        return _Rows(part.seconds, codes[0], names, part.volume, part.aht, part.handle,
                     part.wait, part.outcome,
                     file_index=np.zeros(len(part.seconds), dtype=np.int16))  # fmt: skip

    def joined(attribute: str) -> np.ndarray | None:
        arrays = [getattr(part, attribute) for part in parts]
        if all(array is None for array in arrays):
            return None
        return np.concatenate(
            [
                np.full(len(part.seconds), np.nan) if array is None else array
                for part, array in zip(parts, arrays, strict=True)
            ]
        )

    outcome = None
    if any(part.outcome is not None for part in parts):
        outcome = np.concatenate(
            [
                np.full(len(part.seconds), UNKNOWN_OUTCOME, np.int8)
                if part.outcome is None
                else part.outcome
                for part in parts
            ]
        )
    return _Rows(
        seconds=np.concatenate([part.seconds for part in parts]),
        codes=np.concatenate(codes),
        queue_names=names,
        volume=joined("volume"),
        aht=joined("aht"),
        handle=joined("handle"),
        wait=joined("wait"),
        outcome=outcome,
        file_index=np.concatenate(
            [np.full(len(part.seconds), index, dtype=np.int16) for index, part in enumerate(parts)]
        ),
    )


# --- records -> intervals --------------------------------------------------------------------


def _records_dataset(rows: _Rows, interval_minutes: int) -> schema.Dataset:
    layout = plan_grid(rows.seconds, rows.codes, len(rows.queue_names), interval_minutes)
    index = layout.index_of(rows.seconds, rows.codes)
    size = layout.size
    volume = sum_at(index, size)
    # Handle time and wait describe answered contacts (the ones an agent served; the mean wait is
    # then the ASA); rows without an outcome count as served.
    served = np.ones(len(index), dtype=bool)
    answered = abandoned = None
    if rows.outcome is not None:
        served = (rows.outcome == ANSWERED) | (rows.outcome == UNKNOWN_OUTCOME)
        answered = sum_at(index[rows.outcome == ANSWERED], size)
        abandoned = sum_at(index[rows.outcome == ABANDONED], size)
        # A queue whose files had no outcome column has unknown, not zero, answered calls.
        known = np.bincount(
            rows.codes[rows.outcome != UNKNOWN_OUTCOME], minlength=len(layout.n_days)
        )
        unknown = np.repeat(known == 0, layout.n_days * layout.slots_per_day)
        answered[unknown] = abandoned[unknown] = np.nan
    aht = None if rows.handle is None else mean_at(index, size, rows.handle, served)
    wait = None if rows.wait is None else mean_at(index, size, rows.wait, served)
    observed = _days_in_export(layout, volume)
    is_open, open_slots = learn_grid_open_hours(layout, volume, observed)
    is_missing = is_open & ~observed
    volume = np.where(is_missing, np.nan, volume)
    if answered is not None:
        answered = np.where(is_missing, np.nan, answered)
        abandoned = np.where(is_missing, np.nan, abandoned)
    grid = IntervalGrid(layout, rows.queue_names, volume, is_open, is_missing, open_slots, aht)
    intervals = grid_frame(
        layout,
        rows.queue_names,
        volume,
        is_open,
        grid.is_missing,
        aht=aht,
        answered=answered,
        abandoned=abandoned,
        wait=wait,
    )
    handled = served & ~np.isnan(rows.handle) if rows.handle is not None else None
    return schema.Dataset(
        name="",
        kind=schema.KIND_RECORDS,
        interval_minutes=interval_minutes,
        intervals=intervals,
        open_hours=grid.open_hours_frame(),
        notes=_open_hours_notes(grid)
        + _gap_notes(layout, rows.queue_names, observed)
        + [f"Contacts were counted in {interval_minutes}-minute intervals by arrival time."],
        answered=None if rows.outcome is None else int((rows.outcome == ANSWERED).sum()),
        abandoned=None if rows.outcome is None else int((rows.outcome == ABANDONED).sum()),
        mean_handle_seconds=(
            float(rows.handle[handled].mean()) if handled is not None and handled.any() else None
        ),
    )


def _days_in_export(layout: GridLayout, volume: np.ndarray) -> np.ndarray:
    """Per slot: False on days that look absent from the export (see open_hours)."""
    slots = layout.slots_per_day
    observed = np.ones(layout.size, dtype=bool)
    for code in range(len(layout.n_days)):  # one numpy pass per queue
        days = layout.days_of(code)
        daily = volume[days].reshape(-1, slots).sum(axis=1)
        gaps = empty_days_that_are_gaps(daily, layout.weekdays_of(code))
        observed[days] = ~np.repeat(gaps, slots)
    return observed


def _gap_notes(layout: GridLayout, queue_names: list[str], observed: np.ndarray) -> list[str]:
    notes = []
    slots = layout.slots_per_day
    for code, queue in enumerate(queue_names):
        absent = np.flatnonzero(~observed[layout.days_of(code)][::slots])
        if len(absent):
            days = [str(np.datetime64(int(layout.first_day[code] + day), "D")) for day in absent]
            shown = ", ".join(days[:5]) + (" ..." if len(days) > 5 else "")
            notes.append(
                f"'{queue}': {len(days)} day(s) without a single contact although that weekday "
                f"is normally busy ({shown}): treated as missing from the export, not as zero."
            )
    return notes


# --- interval volumes ------------------------------------------------------------------------


def native_interval_minutes(seconds: np.ndarray, codes: np.ndarray) -> int | None:
    """The most common step between consecutive distinct timestamps of the same queue (of any
    queue when each queue has a single row); None when there is only one timestamp."""
    order = np.lexsort((seconds, codes))
    steps = np.diff(seconds[order])
    same_queue = np.diff(codes[order]) == 0
    steps = steps[same_queue & (steps > 0)]
    if len(steps) == 0:
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


def _intervals_dataset(
    rows: _Rows, reports: list[FileReport], requested: int | None
) -> schema.Dataset:
    notes: list[str] = []
    natives = [
        report.interval_minutes or requested or DEFAULT_RECORD_INTERVAL for report in reports
    ]
    unknown = [report.name for report in reports if report.interval_minutes is None]
    if unknown and requested is None:
        notes.append(
            f"{', '.join(unknown)}: a single timestamp does not show the interval length; "
            f"{DEFAULT_RECORD_INTERVAL} minutes was assumed. Set the interval if it differs."
        )
    interval = _choose_interval(
        dict(zip([r.name for r in reports], natives, strict=True)), requested
    )
    if len(set(natives)) > 1:
        notes.append(f"Files have different intervals; all were summed to {interval} minutes.")
    elif interval != natives[0]:
        notes.append(f"{natives[0]}-minute intervals were summed to {interval} minutes.")
    _note_duplicates(rows, notes)
    known = ~np.isnan(rows.volume)
    if not known.any():
        files = ", ".join(report.name for report in reports)
        raise InputError(
            f"{files}: every count cell is empty, so there is nothing to import. Fill in the "
            "counts (0 where there were none)."
        )
    native_of_row = np.asarray(natives)[rows.file_index]
    grids = []
    for native in sorted(set(natives)):
        group = rows.subset(known & (native_of_row == native))
        if len(group.seconds):
            grid = _native_grid(group, native, notes)
            grids.append(coarsen(grid, interval // native))
    _check_one_interval_per_queue(grids)
    if interval > min(natives):
        partial = sum(int(grid.is_missing.sum()) for grid in grids)
        if partial:
            notes.append(
                f"{partial:,} {interval}-minute interval(s) are missing because part of them has "
                "no row in the export: a partial total would understate them."
            )
    frames = [
        grid_frame(g.layout, g.queue_names, g.volume, g.is_open, g.is_missing, aht=g.aht)
        for g in grids
    ]
    intervals = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    open_hours = pd.concat([grid.open_hours_frame() for grid in grids], ignore_index=True)
    if len(frames) > 1:
        intervals = intervals.sort_values([schema.QUEUE, schema.INTERVAL_START], kind="stable")
        intervals = intervals.reset_index(drop=True)
        open_hours = open_hours.sort_values(schema.QUEUE, kind="stable").reset_index(drop=True)
    for grid in grids:
        notes += _open_hours_notes(grid)
    missing = int(intervals[schema.IS_MISSING].sum())
    if missing:
        notes.append(
            f"{missing:,} open interval(s) have no data in the export: kept as missing (empty), "
            "not as zero."
        )
    return schema.Dataset(
        name="",
        kind=schema.KIND_INTERVALS,
        interval_minutes=interval,
        intervals=intervals,
        open_hours=open_hours,
        notes=notes,
    )


def _native_grid(rows: _Rows, native: int, notes: list[str]) -> IntervalGrid:
    """Rows of files sharing one native interval on their own grid, open hours learned there."""
    off_grid = int((rows.seconds % (native * 60) != 0).sum())
    if off_grid:
        notes.append(
            f"{off_grid:,} timestamp(s) were not on the {native}-minute grid and were counted "
            "in the interval they fall in."
        )
    layout = plan_grid(rows.seconds, rows.codes, len(rows.queue_names), native)
    index = layout.index_of(rows.seconds, rows.codes)
    volume = sum_at(index, layout.size, rows.volume)
    observed = sum_at(index, layout.size) > 0
    aht = None
    if rows.aht is not None:
        weighted = rows.aht * rows.volume
        handled = sum_at(index, layout.size, np.where(np.isnan(weighted), np.nan, rows.volume))
        with np.errstate(invalid="ignore", divide="ignore"):
            aht = np.where(handled > 0, sum_at(index, layout.size, weighted) / handled, np.nan)
    is_open, open_slots = learn_grid_open_hours(layout, volume, observed)
    # Closed slots without a row had no contacts; open ones without a row are gaps.
    volume = np.where(observed, volume, np.where(is_open, np.nan, 0.0))
    return IntervalGrid(
        layout, rows.queue_names, volume, is_open, is_open & ~observed, open_slots, aht
    )


def _check_one_interval_per_queue(grids: list[IntervalGrid]) -> None:
    seen: set[str] = set()
    for grid in grids:
        clash = seen & set(grid.queue_names)
        if clash:
            raise InputError(
                f"Queue '{sorted(clash)[0]}' appears in files with different interval lengths. "
                "Import those files separately, or export them with the same interval."
            )
        seen |= set(grid.queue_names)


def _choose_interval(natives: dict[str, int], requested: int | None) -> int:
    interval = requested or max(natives.values())
    for name, native in natives.items():
        if 1440 % native:
            raise InputError(
                f"{name}: its timestamps are most often {native} minutes apart, which does not "
                "divide the day evenly. Check the timestamp column, or set the interval."
            )
        if interval % native:
            raise InputError(
                f"{name} has {native}-minute intervals, which cannot be regrouped into "
                f"{interval}-minute intervals. Choose {native} minutes or a multiple of it."
            )
    _check_interval(interval)
    return interval


def _note_duplicates(rows: _Rows, notes: list[str]) -> None:
    key = rows.seconds * max(1, len(rows.queue_names)) + rows.codes
    order = np.argsort(key, kind="stable")
    repeated = np.flatnonzero(np.diff(key[order]) == 0)
    if len(repeated) == 0:
        return
    examples = np.unique(rows.seconds[order][repeated])[:3]
    shown = ", ".join(
        f"{np.datetime64(int(second), 's').astype(str).replace('T', ' ')}" for second in examples
    )
    notes.append(
        f"{len(repeated):,} row(s) repeat a timestamp already seen for the same queue (e.g. "
        f"{shown}); their counts were summed, as for the hour repeated when clocks go back in "
        "autumn. If the export duplicated rows instead, remove the repeats and import again."
    )


def _open_hours_notes(grid: IntervalGrid) -> list[str]:
    layout = grid.layout
    weekly = 7 * layout.slots_per_day
    closed_contacts = np.bincount(
        np.repeat(np.arange(len(grid.queue_names)), layout.n_days * layout.slots_per_day),
        weights=np.where(grid.is_open, 0.0, np.nan_to_num(grid.volume)),
        minlength=len(grid.queue_names),
    )
    notes = []
    for code, queue in enumerate(grid.queue_names):
        stray = closed_contacts[code]
        notes.append(
            f"Open hours of '{queue}': {int(grid.open_slots[code].sum())} of {weekly} weekly "
            f"{layout.interval_minutes}-minute slots are open"
            + (f"; {stray:,.0f} contact(s) arrived in closed slots (kept)." if stray else ".")
        )
    return notes
