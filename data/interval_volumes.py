"""Interval volumes -> a Dataset: one grid per queue at the native interval, then coarsened."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import schema
from data.aggregate import (
    DEFAULT_INTERVAL_MINUTES,
    IntervalGrid,
    coarsen,
    grid_frame,
    learn_grid_open_hours,
    plan_grid,
    sum_at,
    weighted_mean_at,
)
from data.errors import InputError
from data.reader import FileReport
from data.rows import ParsedRows


def intervals_dataset(
    rows: ParsedRows, reports: list[FileReport], requested: int | None
) -> schema.Dataset:
    notes: list[str] = []
    natives = [
        report.interval_minutes or requested or DEFAULT_INTERVAL_MINUTES for report in reports
    ]
    unknown = [report.name for report in reports if report.interval_minutes is None]
    if unknown and requested is None:
        notes.append(
            f"{', '.join(unknown)}: a single timestamp does not show the interval length; "
            f"{DEFAULT_INTERVAL_MINUTES} minutes was assumed. Set the interval if it differs."
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
        grid_frame(
            g.layout,
            g.queue_names,
            g.volume,
            g.is_open,
            g.is_missing,
            aht=g.aht,
            answered=g.answered,
            abandoned=g.abandoned,
            wait=g.wait,
            abandon_wait=g.abandon_wait,
        )
        for g in grids
    ]
    intervals = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    open_hours = pd.concat([grid.open_hours_frame() for grid in grids], ignore_index=True)
    if len(frames) > 1:
        intervals = intervals.sort_values([schema.QUEUE, schema.INTERVAL_START], kind="stable")
        intervals = intervals.reset_index(drop=True)
        open_hours = open_hours.sort_values(schema.QUEUE, kind="stable").reset_index(drop=True)
    for grid in grids:
        notes += grid.open_hours_notes()
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
        answered=_total(rows.answered),
        abandoned=_total(rows.abandoned),
    )


def _total(counts: np.ndarray | None) -> int | None:
    """The whole export's count of an outcome, when its files report it."""
    return None if counts is None else int(round(float(np.nansum(counts))))


def _native_grid(rows: ParsedRows, native: int, notes: list[str]) -> IntervalGrid:
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

    def mean(values: np.ndarray | None, weights: np.ndarray | None) -> np.ndarray | None:
        if values is None or weights is None:
            return None
        return weighted_mean_at(index, layout.size, values, weights)

    is_open, open_slots = learn_grid_open_hours(layout, volume, observed)
    # Closed slots without a row had no contacts; open ones without a row are gaps.
    volume = np.where(observed, volume, np.where(is_open, np.nan, 0.0))

    def counts(values: np.ndarray | None) -> np.ndarray | None:
        """Summed per slot; unknown where the slot is missing or no row of it reports them
        (a file without the column, merged with one that has it)."""
        if values is None:
            return None
        reported = sum_at(index, layout.size, (~np.isnan(values)).astype(float)) > 0
        return np.where(np.isnan(volume) | ~reported, np.nan, sum_at(index, layout.size, values))

    return IntervalGrid(
        layout,
        rows.queue_names,
        volume,
        is_open,
        is_open & ~observed,
        open_slots,
        aht=mean(rows.aht, rows.volume),
        answered=counts(rows.answered),
        abandoned=counts(rows.abandoned),
        wait=mean(rows.wait, rows.answered),
        abandon_wait=mean(rows.abandon_wait, rows.abandoned),
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
        if native > 1440 and native % 1440 == 0:
            raise InputError(
                f"{name}: its rows are {native // 1440} days apart (one row per "
                f"{'week' if native == 10080 else f'{native // 1440} days'}). Picco forecasts "
                "day by day or interval by interval: export one row per day, per interval or "
                "per contact."
            )
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
    check_interval(interval)
    return interval


def drop_overlaps(rows: ParsedRows, files: list[str], notes: list[str]) -> ParsedRows:
    """Intervals of one queue found in several files (monthly exports that overlap by a few
    days): the last file's rows are kept, not added to the others'. Repeats within one file
    (the hour repeated when clocks go back) are summed later, with a note."""
    if len(files) < 2 or rows.file_index is None:
        return rows
    key = rows.seconds * max(1, len(rows.queue_names)) + rows.codes
    latest = pd.Series(rows.file_index).groupby(key).transform("max").to_numpy()
    keep = rows.file_index == latest
    if keep.all():
        return rows
    pairs = sorted(set(zip(rows.file_index[~keep].tolist(), latest[~keep].tolist(), strict=True)))
    described = "; ".join(f"{files[old]} by {files[new]}" for old, new in pairs[:3])
    notes.append(
        f"{int((~keep).sum()):,} interval row(s) appear in more than one file for the same "
        f"queue; the later file's counts were kept instead of adding them up ({described})."
    )
    return rows.subset(keep)


def _note_duplicates(rows: ParsedRows, notes: list[str]) -> None:
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


def check_interval(minutes: int | None) -> None:
    if minutes is not None and (minutes <= 0 or 1440 % minutes):
        raise InputError(
            f"An interval of {minutes} minutes does not divide the day evenly. Use 5, 10, 15, "
            "30 or 60 minutes."
        )
