"""Grid exports: dates down and intervals across ("08:00", "08:30"... as column headers), or
intervals down and dates across ("04/03/2024", "05/03/2024"...); and tables of one count column
per queue ("Interval,Sales,Support,Billing")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.columns import SERVED_COUNT_WORDS, ColumnPlan, is_total_label
from data.errors import InputError
from data.labels import header_words
from data.sniff import TextFormat
from data.timestamps import (
    DASHES,
    DATE_FORMATS,
    clean_text,
    detect_format,
    parse_number,
    parse_with_format,
    range_start_half,
    whole_hour_clocks,
    written_ranges,
)

# Fewer clock-time headers than this are ordinary columns that happen to be named like times.
MIN_TIME_COLUMNS = 4
# ... unless each names an hour of the day outright, by its half of the day or as a French hour
# ("11-12 PM", "8 AM", "8h-9h"), one after the other beside a column of dates running day by
# day: two such columns are a short day's grid. Bare clocks with their minutes ("08:00,08:30")
# are too, one interval apart from 05:00 on, where no column down holds times of day: wait-time
# buckets ("0:20", "0:30", "1:00", "8-9") start near 0:00, keep no one step or write no minutes.
MIN_NAMED_HOUR_COLUMNS = 2
EARLIEST_BARE_CLOCK_MINUTES = 5 * 60
BARE_CLOCK_STEPS = {15, 30, 60}
_NAMED_HOUR = re.compile(r"\d\s*(?:[AaPp]\.?\s?[Mm]\.?|[hH])(?:\s|$|[-–])")
LONG_TIME = "time"
LONG_DATE = "date"
LONG_VOLUME = "volume"
LONG_QUEUE = "queue"

# "08:00", "8.30", "8h30", "08:00:00", "8:00 AM", "08:00 - 08:30" (the start is what counts).
_CLOCK = r"(\d{1,2})\s*[:.hH]\s*(\d{2})(?::\d{2})?\s*([AaPp][Mm])?"
_TIME_HEADER = re.compile(rf"^\s*{_CLOCK}(?:\s*[-–]\s*\d{{1,2}}\s*[:.hH]\s*\d{{2}}.*)?\s*$")


# "08-09": an hour, when the range is exactly one hour long (wait-time buckets such as "0-5",
# "5-10" are not times of day).
_HOUR_HEADER = re.compile(r"^\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*$")


def header_clock(name: str) -> str | None:
    """'HH:MM' when a column header names a time of day (or an interval starting then)."""
    hour_range = _HOUR_HEADER.match(name)
    if hour_range:
        start, end = int(hour_range.group(1)), int(hour_range.group(2))
        return f"{start:02d}:00" if start < 24 and end == start + 1 else None
    match = _TIME_HEADER.match(name)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def time_columns(header: list[str], minimum: int = MIN_TIME_COLUMNS) -> dict[str, str]:
    """Header -> 'HH:MM' for the columns named like times of day, when there are enough of them
    (`minimum` distinct times) to be an interval grid; empty otherwise."""
    # "1:00- 1:30 PM": the half of the day after a range's end is its start's too; "08:00 bis
    # 08:30" and "0800-0830" are ranges as "08:00-08:30" is.
    # "8 AM", "8h-9h": whole hours are clocks too.
    written = whole_hour_clocks(written_ranges(pa.array(header, pa.string())))
    started = range_start_half(written).to_pylist()
    clocks = {
        name: clock for name, start in zip(header, started, strict=True)
        if (clock := header_clock(start))
    }  # fmt: skip
    if len(set(clocks.values())) < minimum or len(clocks) == len(header):
        return {}
    return clocks


def short_day_columns(header: list[str], sample_rows: list[list[str]]) -> dict[str, str]:
    """Header -> 'HH:MM' for fewer than MIN_TIME_COLUMNS headers naming times of a day's
    intervals, beside a column of dates that run day by day: whole hours named outright ("11-12
    PM", "12-1 PM"), an hour apart in the order written, or bare clocks ("08:00", "08:30") one
    interval apart from EARLIEST_BARE_CLOCK_MINUTES on, where no other column holds times of
    day. Empty otherwise."""
    clocks = time_columns(header, MIN_NAMED_HOUR_COLUMNS)
    if not clocks:
        return {}
    minutes = [int(clock[:2]) * 60 + int(clock[3:]) for clock in clocks.values()]
    steps = {later - earlier for earlier, later in zip(minutes, minutes[1:], strict=False)}
    named = all(_NAMED_HOUR.search(name) for name in clocks)
    # "8-9" may be a bucket of 8 to 9 seconds: a bare clock writes its minutes.
    bare = all(_TIME_HEADER.match(name) for name in clocks)
    bare = bare and len(steps) == 1 and steps <= BARE_CLOCK_STEPS
    if not (named and steps == {60}) and not (bare and minutes[0] >= EARLIEST_BARE_CLOCK_MINUTES):
        return {}
    down = [
        [row[p] for row in sample_rows if p < len(row)]
        for p, name in enumerate(header)
        if name not in clocks
    ]
    if not named and any(_holds_clock_times(cells) for cells in down):
        return {}
    return clocks if any(_runs_day_by_day(cells) for cells in down) else {}


_WHOLE_HOUR = re.compile(r"^\s*(\d{1,2})\s*$")
# Dates down a grid of hours run day by day (a weekend or holiday skipped): rows a week or a
# month apart under "1".."7" are days across, not hours.
MAX_DAY_GAP = 4


def hour_columns(header: list[str], sample_rows: list[list[str]]) -> dict[str, str]:
    """Header -> 'HH:00' for plain-number headers ("8", "9" ... "19", or "0" ... "23") that
    are hours of the day: side by side, one hour apart, all below 24, at least
    MIN_TIME_COLUMNS of them, beside a column of dates that run day by day. Empty otherwise."""
    run: list[tuple[int, str]] = []  # (position, name) of the longest run of hours so far
    current: list[tuple[int, str]] = []
    for position, name in enumerate(header):
        match = _WHOLE_HOUR.match(name)
        hour = int(match.group(1)) if match else None
        if hour is not None and current and hour == int(current[-1][1]) + 1:
            current.append((position, name))
        else:
            current = [(position, name)] if hour is not None else []
        if len(current) > len(run):
            run = list(current)
    if len(run) < MIN_TIME_COLUMNS or int(run[-1][1]) > 23:
        return {}
    across = {position for position, _ in run}
    down = [[row[p] for row in sample_rows if p < len(row)] for p in range(len(header))]
    down = [cells for p, cells in enumerate(down) if p not in across]
    if not any(_runs_day_by_day(cells) for cells in down):
        return {}
    # Times of day down the rows leave no hours to lay across: "1".."4" are queue numbers.
    if any(_holds_clock_times(cells) for cells in down):
        return {}
    return {name: f"{int(name):02d}:00" for _, name in run}


def _holds_clock_times(cells: list[str]) -> bool:
    """Nearly every filled cell is an interval's start ("08:15", "08:00 - 08:30"): several
    times on a 5-minute grid, so a day's mean wait ("0:25") is none."""
    filled = [cell for cell in cells if cell.strip()]
    clocks = [clock for cell in filled if ":" in cell and (clock := header_clock(cell))]
    on_grid = all(int(clock[3:]) % 5 == 0 for clock in clocks)
    many = len(set(clocks)) >= MIN_TIME_COLUMNS
    return bool(filled) and len(clocks) >= 0.9 * len(filled) and on_grid and many


def _runs_day_by_day(cells: list[str]) -> bool:
    """The cells are (mostly) dates whose distinct days lie at most MAX_DAY_GAP apart, in some
    reading of them: "03/04/2024" to "03/08/2024" run day by day as month first, a month apart
    as day first, and a week of them cannot tell which the file writes."""
    if detect_format(cells, DATE_FORMATS, min_share=0.9) is None:
        return False
    filled = [cell for cell in cells if cell.strip()]
    text = clean_text(pa.array(filled, pa.string()))
    for fmt in DATE_FORMATS:
        parsed = parse_with_format(text, fmt)
        if len(parsed) - parsed.null_count < 0.9 * len(filled):
            continue
        seconds = np.asarray(pc.cast(pc.cast(parsed, pa.int64()), pa.float64()), dtype=float)
        days = np.unique(np.floor(seconds[~np.isnan(seconds)] / 86_400))
        if len(days) < 2 or np.median(np.diff(days)) <= MAX_DAY_GAP:
            return True
    return False


def date_columns(header: list[str]) -> dict[str, str]:
    """Header -> itself for the columns named like dates, when there are enough of them to be
    days across a grid (and another column to hold the times); empty otherwise."""
    dates = {name: name for name in header if detect_format([name], DATE_FORMATS)}
    if len(dates) < MIN_TIME_COLUMNS or len(dates) == len(header):
        return {}
    return dates


@dataclass(frozen=True)
class Grid:
    """The columns laid across a grid export and what their headers are."""

    across: dict[str, str]  # header -> the value it stands for (a clock time or a date)
    long_column: str  # LONG_TIME or LONG_DATE: where that value goes in the long table
    unit: str  # "interval" or "day", for notes


def grid_columns(header: list[str], sample_rows: list[list[str]] | None = None) -> Grid | None:
    """The grid layout of a header (with `sample_rows`, hours written as plain numbers are
    told from other numbered columns), or None for an ordinary one-row-per-interval table."""
    clocks = (
        time_columns(header)
        or hour_columns(header, sample_rows or [])
        or short_day_columns(header, sample_rows or [])
    )
    if clocks:
        return Grid(clocks, LONG_TIME, "interval")
    dates = date_columns(header)
    return Grid(dates, LONG_DATE, "day") if dates else None


def wide_to_long(
    table: pa.Table, grid: Grid, name: str, text_format: TextFormat, target: Path
) -> tuple[str, np.ndarray]:
    """Write one row per (row, grid column) of `table` (the whole file, read as text) to
    `target`, in the file's own delimiter and number format: the other columns (date or time,
    queue...) repeated, then the grid column's time or date and `volume`. Row-total columns
    ("Totale", "Total") are left out. Returns a note saying what was done and the row of
    `table` each written row comes from."""
    clocks = grid.across
    kept = [c for c in text_format.header if c not in clocks and not is_total_label(c)]
    dropped = [c for c in text_format.header if c not in clocks and c not in kept]
    identity, values, data_rows, mismatch = _counted_rows(
        table, list(clocks), kept, dropped, name, text_format, "interval"
    )
    # The source's own encoding, so the notes about the file stay true of it.
    with open(target, "w", encoding=text_format.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=text_format.delimiter)
        writer.writerow([*kept, grid.long_column, LONG_VOLUME])
        for row in data_rows:
            ids = [column[row] for column in identity]
            for column, clock in clocks.items():
                writer.writerow([*ids, clock, values[column][row]])
    dropped_note = _left_out(dropped, table.num_rows - len(data_rows))
    down = "day" if grid.unit == "interval" else "interval"
    note = (
        f"{name}: one row per {down} with {len(clocks)} {grid.unit} columns "
        f"({next(iter(clocks))} ... {list(clocks)[-1]}), read as one row per interval"
        f"{dropped_note}.{mismatch}"
    )
    return note, np.repeat(np.asarray(data_rows, dtype=np.int64), len(clocks))


def queues_to_long(
    table: pa.Table, plan: ColumnPlan, name: str, text_format: TextFormat, target: Path
) -> tuple[str, np.ndarray]:
    """Write one row per (row, queue column of `plan`) of `table` (the whole file, read as
    text) to `target`, in the file's own delimiter and number format: the date and time
    columns, then the queue (the column's header) and `volume`. Row-total columns ("Total") are
    checked against the queues' sum and left out; a header's count word is no part of its
    queue's name ("Sales Calls" is queue "Sales"). Returns a note saying what was done and the
    row of `table` each written row comes from."""
    queues = plan.queue_count_columns
    names = plan.queue_names or queues
    measures = plan.queue_measures
    times = {plan.timestamp_column, plan.date_column, plan.time_column}
    kept = [c for c in text_format.header if c in times]
    # A block without some measure ("" in its place: e-mail has no abandoned count) leaves it
    # empty on its rows.
    measured = {column for _, columns in measures for column in columns if column}
    totals = [
        c for c in text_format.header if c not in queues and c not in measured and is_total_label(c)
    ]
    # A total block's measures ("Total AHT") are no sums: its columns are left out unchecked.
    checked = [] if measures else totals
    identity, values, data_rows, mismatch = _counted_rows(
        table, list(queues), kept, checked, name, text_format, "queue"
    )
    # Measure cells are copied as written: the long reader parses durations ("4:05") as ever.
    cells = {column: table[column].to_pylist() for column in measured}
    cells[""] = [""] * table.num_rows
    with open(target, "w", encoding=text_format.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=text_format.delimiter)
        writer.writerow([*kept, LONG_QUEUE, LONG_VOLUME, *(header for header, _ in measures)])
        # Queue by queue, so that each queue's rows run as the file's do (a date written once
        # per day is still followed by its day's times).
        for position, (column, queue) in enumerate(zip(queues, names, strict=True)):
            own = [cells[columns[position]] for _, columns in measures]
            for row in data_rows:
                writer.writerow(
                    [
                        *(ids[row] for ids in identity),
                        queue,
                        values[column][row],
                        *(measure[row] for measure in own),
                    ]
                )
    dropped_note = _left_out(totals, table.num_rows - len(data_rows))
    down = "day" if plan.date_column and not plan.time_column else "interval"
    named = f" (queues {', '.join(names)})" if names != queues else ""
    sources = np.tile(np.asarray(data_rows, dtype=np.int64), len(queues))
    if measures:
        read = ", ".join(", ".join(c for c in columns if c) for _, columns in measures)
        lacking = [
            f"{queue} has no {header.split(' (')[0]} column"
            for header, columns in measures
            for queue, column in zip(names, columns, strict=True)
            if not column
        ]
        if lacking:
            read += f" ({'; '.join(lacking)}: left empty)"
        return (
            f"{name}: one row per {down} with a block of columns per queue ({', '.join(names)}), "
            f"read as one queue per block: counts {', '.join(queues)}; measures {read}"
            f"{dropped_note}.",
            sources,
        )
    served = [column for column in queues if header_words(column) & SERVED_COUNT_WORDS]
    served_note = (
        f" The counts come from {', '.join(repr(column) for column in served)}, which seem to "
        "count served contacts only. Abandoned contacts were demand too: import the "
        "offered/received counts if the export has them."
        if served
        else ""
    )
    return (
        f"{name}: one row per {down} with a count column per queue ({', '.join(queues)}), "
        f"read as one column per queue{named}{dropped_note}.{mismatch}{served_note}",
        sources,
    )


def _counted_rows(
    table: pa.Table,
    counted: list[str],
    kept: list[str],
    totals: list[str],
    name: str,
    text_format: TextFormat,
    kind: str,
) -> tuple[list[list], dict[str, list], list[int], str]:
    """The `kept` columns' cells, the `counted` columns' cells (each checked to hold counts),
    the rows that are no total row ("Totale" sums the rows above it), and a sentence on the rows
    whose `totals` columns are not the sum of the counted ones."""
    for column in counted:
        _check_counts(table[column], column, name, text_format, kind)
    identity = [table[column].to_pylist() for column in kept]
    values = {column: table[column].to_pylist() for column in counted}
    data_rows = [r for r in range(table.num_rows) if not _is_total_row([c[r] for c in identity])]
    return (
        identity,
        values,
        data_rows,
        _total_mismatch(table, counted, totals, data_rows, text_format),
    )


def _left_out(columns: list[str], rows: int) -> str:
    """'; column(s) Total and 1 row(s) left out as totals', or nothing."""
    left_out = [f"column(s) {', '.join(columns)}"] if columns else []
    left_out += [f"{rows} row(s)"] if rows else []
    return f"; {' and '.join(left_out)} left out as totals" if left_out else ""


def _total_mismatch(
    table: pa.Table, across: list[str], totals: list[str], rows: list[int], text_format: TextFormat
) -> str:
    """A sentence naming the rows where a row-total column is not the sum of the grid columns
    (the grid columns are what is read), or "" when every total agrees."""
    if not totals or not rows:
        return ""
    taken = pa.array(rows, pa.int64())
    grid = np.stack(
        [parse_number(table[column].take(taken), text_format.decimal_comma) for column in across]
    )
    sums = np.nansum(grid, axis=0)
    for column in totals:
        stated = parse_number(table[column].take(taken), text_format.decimal_comma)
        off = np.flatnonzero(~np.isnan(stated) & (np.abs(stated - sums) > 0.5))
        if len(off):
            first = off[0]
            line = rows[first] + text_format.first_data_line
            return (
                f" '{column}' differs from the sum of the {len(across)} columns on "
                f"{len(off):,} of {len(rows):,} row(s) (line {line}: '{column}' "
                f"{stated[first]:g}, columns {sums[first]:g}); the columns were read, not the "
                "total: check that the export is complete."
            )
    return ""


def _is_total_row(ids: list[str]) -> bool:
    """A row labelled "Totale"/"Total" with no date beside it (a queue named "Total Care" on a
    dated row is data)."""
    labelled = any(value.strip() and is_total_label(value) for value in ids)
    return labelled and not any(re.search(r"\d", value) for value in ids)


def _check_counts(
    values: pa.ChunkedArray, column: str, name: str, text_format: TextFormat, kind: str = "interval"
) -> None:
    """Every filled cell of an interval (or queue) column is a count >= 0; bad ones are named by
    their line in the user's file (the long table written next has other line numbers)."""
    counts = parse_number(values, text_format.decimal_comma)
    texts = values.to_pylist()
    # A lone dash is an ACD's zero: the reader turns it into 0 with a note.
    bad = [
        row
        for row in np.flatnonzero(np.isnan(counts) | (counts < 0))
        if texts[row].strip() and texts[row].strip() not in DASHES
    ]
    if bad:
        shown = "; ".join(
            f"line {row + text_format.first_data_line}: {texts[row]!r}" for row in bad[:3]
        )
        raise InputError(
            f"{name}: {kind} column '{column}' should hold contact counts but {len(bad):,} "
            f"value(s) are not counts of 0 or more ({shown}). Replace them with the count (0 if "
            "none), or leave the cell empty when the interval is unknown."
        )


# Tableau's export of a view with several measures writes one row per measure: "Measure Names"
# names it ("Offered", "Answered") and "Measure Values" holds its value. Tableau in another
# language names both fields in it (help.tableau.com, "Measure Values and Measure Names", de-de:
# Kennzahlnamen/Kennzahlwerte, fr-fr: Noms de mesures/Valeurs de mesures; it, es, pt likewise).
MEASURE_NAMES = {
    "measure names", "kennzahlnamen", "noms de mesures", "nomi misure", "nombres de medidas",
    "nomes de medidas",
}  # fmt: skip
MEASURE_VALUES = {
    "measure values", "kennzahlwerte", "valeurs de mesures", "valori misure",
    "valores de medidas",
}  # fmt: skip


def measure_columns(header: list[str]) -> tuple[str, str] | None:
    """The (names, values) columns of a table written one row per measure, or None."""
    names = [name for name in header if " ".join(name.lower().split()) in MEASURE_NAMES]
    values = [name for name in header if " ".join(name.lower().split()) in MEASURE_VALUES]
    if len(names) == 1 and len(values) == 1 and len(header) > 2:
        return names[0], values[0]
    return None


def measures_to_wide(
    table: pa.Table, columns: tuple[str, str], name: str, text_format: TextFormat, target: Path
) -> tuple[str, np.ndarray] | None:
    """Write `table` (the whole file, read as text) to `target` with one column per measure
    that `columns` name and hold, one row per value of the other columns, in the file's own
    delimiter; None (nothing written) where some row of the others repeats a measure, as then
    the others do not tell one row from another. Returns a note saying what was done and the
    first row of `table` each written row comes from."""
    names_column, values_column = columns
    keys = [c for c in table.column_names if c not in columns]
    table = table.append_column("row", pa.array(np.arange(table.num_rows)))
    measures = [m for m in pc.unique(table[names_column]).to_pylist() if m and m.strip()]
    if not measures:
        return None
    wide = None
    for measure in measures:
        part = table.filter(pc.equal(table[names_column], measure))
        if part.group_by(keys).aggregate([]).num_rows < part.num_rows:
            return None
        part = part.select([*keys, values_column, "row"]).rename_columns(
            [*keys, measure, f"row {measure}"]
        )
        wide = part if wide is None else wide.join(part, keys, join_type="full outer")
    first = pc.min_element_wise(*(wide[f"row {m}"] for m in measures))
    order = pc.sort_indices(first)
    wide = wide.take(order).select([*keys, *measures])
    with open(target, "w", encoding=text_format.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=text_format.delimiter)
        writer.writerow(wide.column_names)
        writer.writerows(zip(*(wide[c].to_pylist() for c in wide.column_names), strict=True))
    note = (
        f"{name}: '{names_column}' and '{values_column}' write one measure per row, as Tableau "
        f"exports a view of several: read as one column per measure ({', '.join(measures)})."
    )
    return note, np.asarray(pc.take(first, order), dtype=np.int64)
