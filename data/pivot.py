"""An Excel PivotTable saved in its compact layout: one "Row Labels" column holding each date
with its clock times beneath it ("2026-11-02", "08:00", "08:30" ... "Grand Total"). Read as
one row per interval when every label is a date, a time or a total; refused naming the layout
and how to change it otherwise."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.columns import is_summary_row_label
from data.errors import InputError
from data.sniff import TextFormat
from data.timestamps import (
    DATE_FORMATS,
    clean_text,
    detect_format,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
)

# The header Excel gives a compact PivotTable's row labels, in the languages of its editions
# (Excel's own strings: "Row Labels", "Étiquettes de lignes", "Zeilenbeschriftungen",
# "Etichette di riga", "Etiquetas de fila", "Rótulos de Linha", "Rijlabels").
ROW_LABEL_HEADERS = {
    "row labels", "étiquettes de lignes", "zeilenbeschriftungen", "etichette di riga",
    "etiquetas de fila", "rótulos de linha", "rijlabels",
}  # fmt: skip
TABULAR_FORM = (
    "In Excel: PivotTable Design → Report Layout → Show in Tabular Form, and Repeat All Item "
    "Labels, so that each row holds its date and time; then export again"
)
INTERVAL_COLUMN = "Interval"
# The label Excel gives the items of source rows whose field is empty, in the languages above.
BLANK_ITEM_LABELS = {"(blank)", "(vide)", "(leer)", "(vuoto)", "(en blanco)", "(vazio)", "(leeg)"}


def is_compact_pivot(text_format: TextFormat) -> bool:
    """A table whose first column is a PivotTable's "Row Labels"."""
    header = text_format.header
    return bool(header) and header[0].strip().lower() in ROW_LABEL_HEADERS


def compact_pivot_copy(
    table: pa.Table, name: str, text_format: TextFormat, target: Path, lines: np.ndarray
) -> tuple[str, np.ndarray] | None:
    """Write `table` (the whole file, read as text; `lines`: the file's line of each of its
    rows) to `target` as one row per interval, its date and time in one "Interval" column;
    returns the note saying so and each written row's row in `table`; None where no label is a date or a time alone (full date-times, read as any
    file's). Raises InputError where a label is neither a date, a time nor a total (the
    layout nests other fields, or its dates are grouped into months and hours)."""
    label_column = table.column_names[0]
    written = pc.utf8_trim_whitespace(pc.fill_null(table[label_column].cast(pa.string()), ""))
    texts = written.to_pylist()
    blank = np.asarray(pc.equal(written, ""), dtype=bool)
    clock = parse_time_of_day(written)
    clock[blank] = np.nan
    total = np.zeros(len(texts), dtype=bool)
    empty_item = np.zeros(len(texts), dtype=bool)
    for row in np.flatnonzero(np.isnan(clock) & ~blank):  # the few labels that are no time
        total[row] = is_summary_row_label(texts[row])
        empty_item[row] = texts[row].lower() in BLANK_ITEM_LABELS
    undecided = np.flatnonzero(np.isnan(clock) & ~total & ~blank & ~empty_item)
    dated = np.zeros(len(texts), dtype=bool)
    if len(undecided):
        cleaned = clean_text(pc.take(written, pa.array(undecided)))
        # The format most labels fit: the others (a queue nested under each date) are named.
        fmt = detect_format(cleaned.to_pylist()[:200], DATE_FORMATS, min_share=0.1)
        if fmt is not None:
            dated[undecided] = ~np.isnan(parse_timestamps(cleaned, fmt))
    timed = ~np.isnan(clock)
    if not timed.any() and not dated.any():
        return None  # no dates with times beneath them: labels read as any other column
    other = ~(total | blank | timed | dated | empty_item)
    if other.any() or not dated.any() or not timed.any():
        labels = list(dict.fromkeys(texts[row] for row in np.flatnonzero(other)))
        shown = ", ".join(repr(label) for label in labels[:3]) + (", …" if len(labels) > 3 else "")
        why = (
            f" ({shown} {'is' if len(labels) == 1 else 'are'} neither a date nor a time)"
            if labels
            else ""
        )
        raise InputError(
            f"{name}: this is an Excel PivotTable in compact layout, its row labels nested in "
            f"one column '{label_column}'{why}, so it cannot be read as intervals. "
            f"{TABULAR_FORM}."
        )
    values = [c for c in table.column_names[1:] if c.strip()]
    if not values:
        raise InputError(
            f"{name}: this Excel PivotTable in compact layout has row labels but no values. Add "
            "the count of contacts to its Values area (Sum of Calls), and export again."
        )
    # Excel sorts '(blank)' last among its siblings: a run of them is a time without a time
    # under the date above, then a date without a date, then a time without a time beneath
    # it. The date one is followed by times, or by one '(blank)' and no more.
    after_next = np.append(timed[2:] | empty_item[2:], [False, False])
    next_time = np.append(timed[1:], False)
    next_blank = np.append(empty_item[1:], False)
    blank_date = empty_item & (next_time | (next_blank & ~after_next))
    heading = dated | blank_date
    last_date = np.maximum.accumulate(np.where(heading, np.arange(len(texts)), -1))
    if (timed & (last_date < 0)).any():
        row = int(np.flatnonzero(timed & (last_date < 0))[0])
        raise InputError(
            f"{name}: this Excel PivotTable in compact layout has a time before any date "
            f"({texts[row]!r}, line {lines[row]}). {TABULAR_FORM}."
        )
    # Each time row takes the date above it, both as written: the import reads them as it
    # reads any date and time (a day/month order told, or noted, as for any file).
    under_date = dated[np.maximum(last_date, 0)]
    leaf = timed | (empty_item & ~blank_date)
    kept = np.flatnonzero(timed & under_date)
    checks = _date_subtotal_check(
        table, values, dated, leaf & under_date, last_date, text_format, lines
    )
    without_date = leaf & ~(timed & under_date)
    unplaced = _blank_items_note(
        table[values[0]], text_format, empty_item | without_date, without_date, texts
    )
    stamps = pc.binary_join_element_wise(
        pc.take(written, pa.array(last_date[kept])), pc.take(written, pa.array(kept)), " "
    )
    # In the file's own delimiter and encoding, so that its numbers read as the file's do.
    with open(target, "w", encoding=text_format.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=text_format.delimiter)
        writer.writerow([INTERVAL_COLUMN, *values])
        cells = [table[v].cast(pa.string()).take(pa.array(kept)).to_pylist() for v in values]
        writer.writerows(zip(stamps.to_pylist(), *cells, strict=True))
    skipped = int(dated.sum())
    note = (
        f"{name}: an Excel PivotTable in compact layout ('{label_column}': each date with its "
        f"times beneath it) was read as one row per interval; its {skipped} date row(s) "
        f"{checks}"
        + (
            f" and {int(total.sum())} total row(s) were skipped."
            if total.any()
            else " were skipped."
        )
        + unplaced
    )
    return note, kept


def _blank_items_note(
    counts_column: pa.ChunkedArray,
    text_format: TextFormat,
    skipped: np.ndarray,
    counted: np.ndarray,
    texts: list[str],
) -> str:
    """The rows under Excel's '(blank)' item (source rows without a date or a time), skipped
    as they fit no interval, and their contacts (`counted`: the rows that are no subtotal)."""
    if not skipped.any():
        return ""
    counts = parse_number(counts_column.cast(pa.string()), text_format.decimal_comma)
    contacts = float(np.nansum(counts[counted]))
    label = next(texts[row] for row in np.flatnonzero(skipped) if texts[row].startswith("("))
    rows = int(skipped.sum())
    return (
        f" {rows} {'row' if rows == 1 else 'rows'} under Excel's {label!r} item (source rows "
        f"without a date or a time) {'was' if rows == 1 else 'were'} skipped too: their "
        f"{contacts:,.0f} contacts fit no interval and are not in the history. Fill in the "
        "date and time in the source data to count them."
    )


def _date_subtotal_check(
    table: pa.Table,
    values: list[str],
    dated: np.ndarray,
    timed: np.ndarray,
    last_date: np.ndarray,
    text_format: TextFormat,
    lines: np.ndarray,
) -> str:
    """Whether each date row's count is the sum of its times, as a PivotTable's subtotal is
    (`lines`: the file's line of each row, named where one is not)."""
    counts = parse_number(table[values[0]].cast(pa.string()), text_format.decimal_comma)
    sums = np.bincount(last_date[timed], np.nan_to_num(counts[timed]), minlength=len(counts))
    rows = np.flatnonzero(dated & ~np.isnan(counts))
    differ = rows[np.abs(counts[rows] - sums[rows]) >= 0.5]
    if not len(differ):
        return f"(subtotals, each the sum of its times in '{values[0]}')"
    said = "; ".join(
        f"line {lines[row]}: {counts[row]:,.0f} against {sums[row]:,.0f}" for row in differ[:3]
    )
    differs = (
        "1 differs from the sum of its times"
        if len(differ) == 1
        else (f"{len(differ)} differ from the sums of their times")
    )
    return f"(subtotals; {differs}: {said})"
