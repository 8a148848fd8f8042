"""Read one export file into parsed rows: format, column roles, typed columns, checks."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from data import schema
from data.columns import (
    SERVED_COUNT_WORDS,
    ColumnPlan,
    ImportOptions,
    duration_unit,
    header_words,
    is_direction_value,
    is_total_label,
    plan_columns,
)
from data.errors import InputError
from data.labels import LABEL_TYPE, label_codes, queue_from_file_name
from data.outcomes import classify_abandoned_flags, classify_outcomes
from data.rows import ParsedRows
from data.sniff import TextFormat, sniff_file
from data.timestamps import (
    EPOCH_FORMATS,
    EXCEL_SERIAL,
    ISO,
    has_end_of_day_labels,
    parse_duration,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
)
from data.wide import grid_columns, wide_to_long
from data.workbook import is_xlsx, xlsx_to_csv


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


def read_file(
    path: Path, name: str, options: ImportOptions
) -> tuple[ColumnPlan, ParsedRows, FileReport]:
    if is_xlsx(path):
        with tempfile.TemporaryDirectory(prefix="picco-xlsx-") as folder:
            text_path = Path(folder) / f"{Path(name).stem}.csv"
            note = xlsx_to_csv(path, name, text_path)
            plan, rows, report = read_file(text_path, name, options)
        rows.notes.insert(0, note)
        return plan, rows, report
    text_format = sniff_file(path, name)
    grid = grid_columns(text_format.header)
    if grid:
        header = text_format.header
        table = _read_csv(path, name, text_format, header, [], header)  # every cell as text
        with tempfile.TemporaryDirectory(prefix="picco-wide-") as folder:
            long_path = Path(folder) / f"{Path(name).stem}.csv"
            note = wide_to_long(table, grid, name, text_format, long_path)
            plan, rows, report = read_file(long_path, name, options)
        rows.notes.insert(1, note)
        skipped = text_format.skipped_note(name)
        if skipped:
            rows.notes.insert(2, skipped)
        return plan, rows, report
    plan = plan_columns(
        text_format.header, text_format.sample_rows, text_format.decimal_comma, options, name
    )
    table = _read_table(path, name, text_format, plan)
    rows = _parse_rows(table, plan, text_format, name)
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
    if plan.kind == schema.KIND_INTERVALS:
        native = native_interval_minutes(rows.seconds, rows.codes)
        if rows.end_labelled and native:
            rows.seconds = rows.seconds - native * 60
            rows.notes.append(
                f"{name}: times run up to 24:00, so they mark the end of each interval; every "
                f"interval was moved to its start ({native} minutes earlier)."
            )
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
        f"{', numbers written 1.234,5' if text_format.decimal_comma else ''}; {described}).",
    )
    return plan, rows, report


def _read_table(path: Path, name: str, text_format: TextFormat, plan: ColumnPlan) -> pa.Table:
    """The used columns of the whole file. First with arrow's own type inference (fast, parallel
    parsing of numbers and ISO timestamps); when a value does not fit the type inferred from the
    first rows (a stray word in a count column, a "Totale" row), again as text so the parsers
    can name the offending rows."""
    used = plan.used_columns()
    label_roles = (
        plan.queue_column, plan.outcome_column, plan.direction_column, plan.abandoned_flag_column
    )  # fmt: skip
    labels = [column for column in used if column in label_roles]
    others = [column for column in used if column not in labels]
    # Non-ISO dates and clock times are parsed from their text: typed as numbers, a yymmdd date
    # such as 050301 would lose its leading zero.
    clocks = [plan.time_column] if plan.time_column else []
    if plan.timestamp_column and plan.timestamp_format != ISO:
        clocks.append(plan.timestamp_column)
    if plan.date_column and plan.date_format != ISO:
        clocks.append(plan.date_column)
    try:
        table = _read_csv(path, name, text_format, used, labels, clocks)
    except (pa.ArrowInvalid, InputError):
        return _read_csv(path, name, text_format, used, labels, others)
    # Arrow converts "+01:00"/"Z" stamps to UTC; wall clock is wanted, so read those as text.
    zoned = [f.name for f in table.schema if pa.types.is_timestamp(f.type) and f.type.tz]
    if zoned:
        table = _read_csv(path, name, text_format, used, labels, clocks + zoned)
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
    encoding = "utf8"
    if text_format.encoding == "latin-1" or text_format.encoding.startswith("utf-16"):
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
                skip_rows=text_format.header_line + 1,
                block_size=1 << 24,
            ),
            parse_options=text_format.parse_options(),
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


def _parse_rows(
    table: pa.Table, plan: ColumnPlan, text_format: TextFormat, name: str
) -> ParsedRows:
    sheet = _Sheet(name, table, text_format.decimal_comma, text_format.first_data_line)
    notes: list[str] = []
    seconds, keep = _parse_time(sheet, plan, notes)
    if keep is not None:
        notes.append(f"{name}: {int((~keep).sum())} total/subtotal row(s) were skipped.")
        sheet.drop(keep)
        seconds = seconds[keep]
    if plan.direction_column:
        seconds = _inbound_only(sheet, plan.direction_column, seconds, notes)
    if sheet.table.num_rows == 0:
        raise InputError(f"{name}: no data rows were found below the header.")
    codes, queue_names = _queues(sheet, plan)
    rows = ParsedRows(seconds.astype(np.int64), codes, queue_names, notes=notes)
    if plan.kind == schema.KIND_INTERVALS:
        time_labels = sheet.column(plan.time_column or plan.timestamp_column or plan.date_column)
        rows.end_labelled = has_end_of_day_labels(time_labels)
        if plan.answered_column:
            rows.answered = _counts(sheet, plan.answered_column, notes)
        if plan.abandoned_column:
            rows.abandoned = _counts(sheet, plan.abandoned_column, notes)
        if plan.volume_column:
            rows.volume = _counts(sheet, plan.volume_column, notes)
        else:  # no offered count: every contact was answered or abandoned
            rows.volume = rows.answered + rows.abandoned
            notes.append(
                f"{name}: no offered/received count, so contacts = '{plan.answered_column}' + "
                f"'{plan.abandoned_column}'."
            )
        if plan.aht_column:
            rows.aht = _durations(sheet, plan.aht_column, notes, is_handle=True)
        if plan.wait_column:
            rows.wait = _durations(sheet, plan.wait_column, notes)
        if plan.abandon_wait_column:
            rows.abandon_wait = _durations(sheet, plan.abandon_wait_column, notes)
        return rows
    if plan.handle_column:
        rows.handle = _durations(sheet, plan.handle_column, notes, is_handle=True)
    if plan.wait_column:
        rows.wait = _durations(sheet, plan.wait_column, notes)
    if plan.outcome_column:
        rows.outcome, summary = classify_outcomes(sheet.column(plan.outcome_column))
        notes.append(f"{name}: outcome '{plan.outcome_column}': {summary}.")
    elif plan.abandoned_flag_column:
        rows.outcome, summary = classify_abandoned_flags(sheet.column(plan.abandoned_flag_column))
        notes.append(f"{name}: outcome from '{plan.abandoned_flag_column}' (yes/no): {summary}.")
    if plan.satisfaction_column:
        rows.satisfaction = _scores(sheet, plan.satisfaction_column, notes)
    return rows


def _inbound_only(sheet: _Sheet, column: str, seconds: np.ndarray, notes: list[str]) -> np.ndarray:
    """Drop outbound and internal rows: they are not demand to forecast."""
    codes, names = label_codes(sheet.column(column))
    inbound = np.array([is_direction_value(str(value)) is not False for value in names])
    keep = inbound[codes] if len(names) else np.ones(len(codes), dtype=bool)
    if keep.all():
        return seconds
    if not keep.any():
        raise InputError(
            f"{sheet.name}: every row is an outbound or internal call (column '{column}'). "
            "Picco forecasts inbound demand: export the inbound contacts."
        )
    dropped = [str(value) for value, kept in zip(names, inbound, strict=True) if not kept]
    notes.append(
        f"{sheet.name}: {int((~keep).sum()):,} row(s) with '{column}' = "
        f"{', '.join(dropped)} left out: only inbound contacts are demand to forecast."
    )
    sheet.drop(keep)
    return seconds[keep]


def _scores(sheet: _Sheet, column: str, notes: list[str]) -> np.ndarray:
    """Satisfaction scores as numbers; blanks are unrated contacts, words are ignored."""
    values = sheet.column(column)
    scores = parse_number(values, sheet.decimal_comma)
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
    """The same format with day and month swapped, for the ambiguous slash formats."""
    if fmt and fmt.startswith("%d/%m/"):
        return "%m/%d/" + fmt[len("%d/%m/") :]
    if fmt and fmt.startswith("%m/%d/"):
        return "%d/%m/" + fmt[len("%m/%d/") :]
    return None


def _closer_dates(values: pa.ChunkedArray, fmt: str, swapped: str) -> bool:
    """True when every date also reads in `swapped` and the distinct dates lie closer together
    that way (a history is a run of consecutive days: read the wrong way round, 3/4, 3/5, 3/6
    become a month apart). Only the distinct date parts are parsed, so this stays cheap."""
    text = pc.utf8_trim_whitespace(_as_text(values))
    dates = pc.unique(pc.list_element(pc.split_pattern(text, " ", max_splits=1), 0))
    dates = pc.drop_null(dates)
    spacing = []
    for date_format in (fmt.split(" ")[0], swapped.split(" ")[0]):
        parsed = parse_timestamps(dates, date_format)
        days = np.unique(parsed[~np.isnan(parsed)] // 86_400)
        if np.isnan(parsed).any() or len(days) < 2:
            return False
        spacing.append(float(np.median(np.diff(days))))
    return spacing[1] < spacing[0]


def _parse_time(
    sheet: _Sheet, plan: ColumnPlan, notes: list[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Wall-clock seconds of every row, and which rows to keep when some are 'Total' rows
    (spreadsheet exports often end with one: it is a sum, not an interval)."""
    main = plan.timestamp_column or plan.date_column
    fmt = plan.timestamp_format or plan.date_format
    seconds = parse_timestamps(sheet.column(main), fmt)
    swapped = _month_day_swapped(fmt)
    if swapped and np.isnan(seconds).any():
        # The first rows fitted day/month (all days <= 12); the rest may show month/day.
        other = parse_timestamps(sheet.column(main), swapped)
        if np.isnan(other).sum() < np.isnan(seconds).sum():
            seconds, fmt = other, swapped
            notes.append(f"{sheet.name}: dates in '{main}' read as month/day ({swapped}).")
    elif swapped and _closer_dates(sheet.column(main), fmt, swapped):
        seconds, fmt = parse_timestamps(sheet.column(main), swapped), swapped
        notes.append(
            f"{sheet.name}: dates in '{main}' fit day/month and month/day alike; read as "
            f"{'month/day' if swapped.startswith('%m') else 'day/month'} ({swapped}), which "
            "puts consecutive dates a day apart rather than a month."
        )
    if fmt in EPOCH_FORMATS and fmt != EXCEL_SERIAL:
        notes.append(
            f"{sheet.name}: '{main}' holds {fmt}, which counts from 1970 in UTC: read as UTC "
            "clock times. If the center works on local time, export local date-times instead."
        )
    if _ends_in_utc(sheet.column(main)):
        notes.append(
            f"{sheet.name}: times in '{main}' end in Z (UTC) and were read as written, not "
            "moved to your local clock. If the center works on local time, export local times "
            "(or times with their +01:00-style offset) so that the day's shape falls on the "
            "right hours."
        )
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


def _ends_in_utc(values: pa.ChunkedArray) -> bool:
    """Some value is a text timestamp ending in Z (UTC), not a local clock time."""
    if not pa.types.is_string(values.type):
        return False
    return bool(pc.any(pc.ends_with(pc.utf8_rtrim_whitespace(values), "Z")).as_py())


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
        return np.zeros(sheet.table.num_rows, dtype=np.int64), [queue_from_file_name(sheet.name)]
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


# Median handle times outside this band (seconds) suggest a unit the header did not name.
PLAUSIBLE_HANDLE_SECONDS = (15.0, 3 * 3600.0)


def _durations(sheet: _Sheet, column: str, notes: list[str], is_handle: bool = False) -> np.ndarray:
    values = sheet.column(column)
    seconds = parse_duration(values, sheet.decimal_comma)
    factor, unit = duration_unit(column)
    plain = ~np.isnan(parse_number(values, sheet.decimal_comma))  # H:MM:SS is already seconds
    if factor != 1 and plain.any():
        seconds = np.where(plain, seconds * factor, seconds)
        notes.append(f"{sheet.name}: '{column}' read in {unit}, as its header says.")
    elif is_handle and (plain & (seconds > 0)).any():
        median = float(np.median(seconds[plain & (seconds > 0)]))
        low, high = PLAUSIBLE_HANDLE_SECONDS
        if median < low or median > high:
            guess = "minutes" if median < low else "milliseconds"
            tag = "min" if median < low else "ms"
            notes.append(
                f"{sheet.name}: '{column}' was read in seconds, but its median handle time of "
                f"{median:,.1f} s is implausible. If it is in {guess}, rename the column to "
                f"'{column} ({tag})' and import again."
            )
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
