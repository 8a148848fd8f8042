"""Interval volumes -> a Dataset: one grid per queue at the native interval, then coarsened."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import schema
from data.aggregate import (
    DEFAULT_INTERVAL_MINUTES,
    GridLayout,
    IntervalGrid,
    coarsen,
    days_grid,
    grid_frame,
    handled_weights,
    interval_total_reason,
    learn_grid_open_hours,
    plan_grid,
    sum_at,
    undecided_mean,
    weighted_mean_at,
)
from data.dates import day_text
from data.errors import InputError, where_to_choose
from data.reader import FileReport, Stretch
from data.rows import ParsedRows
from forecasting.clock_change import could_be_skipped_hour


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
            f"{DEFAULT_INTERVAL_MINUTES} minutes was assumed. Set the interval length if it "
            f"differs ({where_to_choose('interval_minutes')})."
        )
    units: dict[str, int] = {}
    for report, native in zip(reports, natives, strict=True):
        for queue, stretches in (report.queue_stretches or {}).items():
            for stretch in stretches:  # a queue's stretches at their own interval, by dates
                first, last = stretch.dates()
                units[f"{report.name} (queue '{queue}', rows from {first} to {last})"] = (
                    stretch.minutes
                )
        for queue, minutes in (report.queue_intervals or {}).items():
            units[f"{report.name} (queue '{queue}')"] = minutes  # queues at their own interval
        if not report.queue_intervals:
            units[report.name] = native
    interval = _choose_interval(units, requested)
    if len(set(natives)) > 1:
        notes.append(
            f"Files have different intervals ({_files_by_interval(reports, natives)}); all were "
            f"summed to {interval} minutes."
        )
    elif interval != natives[0] and not any(
        report.queue_intervals or report.queue_stretches for report in reports
    ):
        notes.append(f"{natives[0]}-minute intervals were summed to {interval} minutes.")
    for report in reports:
        if report.queue_intervals:
            each = ", ".join(
                f"'{queue}' every {minutes} minutes"
                for queue, minutes in sorted(report.queue_intervals.items())
            )
            notes.append(
                f"{report.name}: its queues have different intervals ({each}); all were "
                f"summed to {interval} minutes."
            )
    for report in reports:
        for queue, stretches in sorted((report.queue_stretches or {}).items()):
            notes.append(
                f"{report.name}, queue '{queue}': rows {_described(stretches)}; all were "
                f"summed to {interval} minutes."
            )
    _note_duplicates(rows, notes)
    _totals_to_means(rows, reports, notes)
    known = ~np.isnan(rows.volume)
    if not known.any():
        files = ", ".join(report.name for report in reports)
        raise InputError(
            f"{files}: every count cell is empty, so there is nothing to import. Fill in the "
            "counts (0 where there were none)."
        )
    notes += _empty_tail_notes(rows, reports, known)
    native_of_row = _row_natives(rows, reports, natives)
    owners = _day_owners(rows, reports, known)
    spans = {queue: (first, len(owner)) for queue, (first, owner) in owners.items()}
    grids, grid_natives = [], []
    for native in sorted(set(native_of_row.tolist())):
        group = rows.subset(known & (native_of_row == native))
        if len(group.seconds):
            grid = _native_grid(group, native, notes, spans)
            grids.append(coarsen(grid, interval // native))
            grid_natives.append(native)
    _check_one_interval_per_queue(grids, set(owners))
    if owners:
        grids = [_merge_stretches(grids, grid_natives, owners)]
    if interval > min(units.values()):
        partial = sum(int(grid.is_missing.sum()) for grid in grids)
        if partial:
            them = "it" if partial == 1 else "them"
            notes.append(
                f"{partial:,} {interval}-minute {'interval is' if partial == 1 else 'intervals are'}"
                f" missing because part of {them} has no row in the export: a partial total would "
                f"understate {them}."
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
    missing_notes, after = _missing_notes(intervals, interval)
    notes += missing_notes
    # The rest of a day after an export's closing midnight row is after the export, so no row
    # of the table (which would call it missing); the forecast rebuilds whole days itself.
    if after:
        kept = np.ones(len(intervals), dtype=bool)
        for first, past_last in after:  # one stretch per queue
            kept[first:past_last] = False
        intervals = intervals[kept].reset_index(drop=True)
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


def _empty_tail_notes(rows: ParsedRows, reports: list[FileReport], known: np.ndarray) -> list[str]:
    """Rows without counts after a file's last count are dropped with the other empty cells, so
    the history, and the forecast's start, silently move back to that count: say so when they
    run at least a whole day past it (an export padded ahead, or days whose counts were lost)."""
    notes = []
    for index, report in enumerate(reports):
        in_file = rows.file_index == index
        if not (in_file & known).any():
            continue
        last_count = int(rows.seconds[in_file & known].max())
        after = rows.seconds[in_file & ~known]
        after = after[after > last_count]
        if not len(after) or int(after.max()) - last_count < 86_400:
            continue
        last = pd.Timestamp(last_count, unit="s")
        later_days = after[after // 86_400 > last_count // 86_400]
        if not len(later_days):
            continue
        first, end = (pd.Timestamp(int(t), unit="s") for t in (later_days.min(), after.max()))
        notes.append(
            f"{report.name}: the rows from {day_text(first, year=True)} to {day_text(end, year=True)} have no "
            f"counts: the history ends on {day_text(last, year=True, clock=True)}, its last count, and the "
            "forecast starts after it. If those days are past, export their counts."
        )
    return notes


def _files_by_interval(reports: list[FileReport], natives: list[int]) -> str:
    """Which file has which interval: "quarter.csv: 15 minutes; half.csv, day.csv: 30 minutes",
    at most three names an interval."""
    groups = []
    for minutes in sorted(set(natives)):
        names = [r.name for r, native in zip(reports, natives, strict=True) if native == minutes]
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        groups.append(f"{', '.join(names[:3])}{more}: {minutes} minutes")
    return "; ".join(groups)


MISSING_STRETCHES_SHOWN = 3


def _missing_notes(
    intervals: pd.DataFrame, interval: int
) -> tuple[list[str], list[tuple[int, int]]]:
    """The open intervals without data, as a count and the first stretches, and the rows after
    an export's closing midnight row (see _after_a_midnight_end). A stretch that is
    the hour a clock skips going forward (forecasting.clock_change.could_be_skipped_hour) never
    happened, so a 24/7 export has no rows for it: it is named apart, not counted as missing."""
    starts, ends = _missing_runs(intervals)
    stamps = intervals[schema.INTERVAL_START]
    hour_long = (ends - starts + 1) * interval == 60
    skipped = np.zeros(len(starts), dtype=bool)
    for at in np.flatnonzero(hour_long):  # only stretches one hour long can be that hour
        skipped[at] = could_be_skipped_hour(
            stamps.iloc[starts[at]], stamps.iloc[ends[at]], interval
        )
    notes = []
    if skipped.any():
        hours = [stamps.iloc[first] for first in starts[skipped]]
        shown = ", ".join(
            f"{day_text(hour, year=True, clock=True)}-{hour + pd.Timedelta(hours=1):%H:%M}"
            for hour in hours
        )
        notes.append(
            f"{shown}: no rows, as expected: it is the hour clocks skip when they go forward, "
            "which never happens, so nothing is missing there."
        )
    after = _after_a_midnight_end(intervals, interval, notes)
    after_end = np.isin(starts, [first for first, _ in after])
    starts, ends = starts[~skipped & ~after_end], ends[~skipped & ~after_end]
    missing = int((ends - starts + 1).sum())
    if missing:
        notes.append(
            f"{missing:,} open {'interval has' if missing == 1 else 'intervals have'} no data in "
            f"the export ({_missing_stretches(intervals, interval, starts, ends)}): kept as "
            "missing (empty), not as zero."
        )
    return notes, after


def _after_a_midnight_end(
    intervals: pd.DataFrame, interval: int, notes: list[str]
) -> list[tuple[int, int]]:
    """The rows (first, past the last) after the 00:00 row of each queue's last day whose only
    row is that one, after a day with rows to its end: an export of whole days up to and
    including the next midnight (as "2026-11-02 00:00 .. 2026-11-16 00:00" is written). That
    row keeps its count; the rest of its day is after the export, not missing data."""
    slots = 1440 // interval
    queues = intervals[schema.QUEUE].to_numpy()
    missing = intervals[schema.IS_MISSING].to_numpy()
    volume = intervals[schema.VOLUME].to_numpy()
    ends = np.flatnonzero(np.append(queues[1:] != queues[:-1], True))  # each queue's last row
    firsts = []
    for end in ends:  # one check per queue
        midnight = end - slots + 1
        if midnight < slots or queues[midnight - slots] != queues[end]:
            continue  # a queue of one day
        if missing[midnight] or not missing[midnight + 1 : end + 1].all():
            continue
        if missing[midnight - 1] or np.isnan(volume[midnight - 1]):
            continue  # the day before does not run to its end
        firsts.append((int(midnight + 1), int(end + 1)))
        stamp = intervals[schema.INTERVAL_START].iloc[midnight]
        count = volume[midnight]
        notes.append(
            f"Queue '{queues[end]}': the export's last row, {day_text(stamp, year=True, clock=True)}"
            f" ({count:,.0f} contacts), closes its last day "
            f"({day_text(stamp - pd.Timedelta(days=1), year=True)}): its count is kept, and the "
            f"rest of {day_text(stamp, year=True)} is after the export, not missing."
        )
    return firsts


def _missing_runs(intervals: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last row of each stretch of consecutive missing intervals of one queue."""
    missing = intervals[schema.IS_MISSING].to_numpy()
    # The frame holds every interval of each queue's days in order: a stretch starts where the
    # row before is not missing or belongs to another queue.
    queue = intervals[schema.QUEUE].to_numpy()
    continues = np.zeros(len(missing), dtype=bool)
    continues[1:] = missing[1:] & missing[:-1] & (queue[1:] == queue[:-1])
    starts = np.flatnonzero(missing & ~continues)
    ends = np.flatnonzero(missing & ~np.append(continues[1:], False))
    return starts, ends


def _missing_stretches(
    intervals: pd.DataFrame, interval: int, starts: np.ndarray, ends: np.ndarray
) -> str:
    """The first stretches of missing intervals, each as a span of time ("Thu 5 Nov 2026
    09:30-10:30"), so the gaps can be looked up in the source system."""
    queue = intervals[schema.QUEUE].to_numpy()
    several_queues = len(np.unique(queue[starts])) > 1
    step = pd.Timedelta(minutes=interval)
    stamps = intervals[schema.INTERVAL_START]
    spans = []
    for first, last in zip(starts[:MISSING_STRETCHES_SHOWN], ends[:MISSING_STRETCHES_SHOWN],
                           strict=True):  # fmt: skip
        begin, end = stamps.iloc[first], stamps.iloc[last] + step
        if end.normalize() == begin.normalize():
            span = f"{day_text(begin, year=True, clock=True)}-{end:%H:%M}"
        elif end == begin.normalize() + pd.Timedelta(days=1):  # to the day's end, not its start
            span = f"{day_text(begin, year=True, clock=True)}-24:00"
        else:
            span = f"{day_text(begin, year=True, clock=True)} to {day_text(end, year=True, clock=True)}"
        spans.append(f"'{queue[first]}' {span}" if several_queues else span)
    text = "; ".join(spans)
    if len(starts) > MISSING_STRETCHES_SHOWN:
        rest = len(starts) - MISSING_STRETCHES_SHOWN
        text += f" and {rest} more {'stretch' if rest == 1 else 'stretches'}"
    return text


def _described(stretches: list[Stretch]) -> str:
    """A queue's stretches in words: every 30 minutes until 2024-02-29 and every 15 after."""
    parts = []
    for position, stretch in enumerate(stretches):
        first, last = stretch.dates()
        if position == 0:
            parts.append(f"every {stretch.minutes} minutes until {last}")
        elif position == len(stretches) - 1:
            parts.append(f"every {stretch.minutes} minutes after")
        else:
            parts.append(f"every {stretch.minutes} minutes from {first} to {last}")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _row_natives(rows: ParsedRows, reports: list[FileReport], natives: list[int]) -> np.ndarray:
    """Each row's native interval: its file's, its queue's where the queues of a file have
    intervals of their own, or its stretch's where a queue's rows change interval over time."""
    native_of_row = np.asarray(natives)[rows.file_index]
    for index, report in enumerate(reports):
        if not report.queue_intervals:
            continue
        of_queue = np.array(
            [report.queue_intervals.get(queue, natives[index]) for queue in rows.queue_names]
        )
        in_file = rows.file_index == index
        native_of_row[in_file] = of_queue[rows.codes[in_file]]
    days = rows.seconds // 86_400
    for index, report in enumerate(reports):
        for queue, stretches in (report.queue_stretches or {}).items():
            if queue not in rows.queue_names:
                continue
            of_queue = (rows.file_index == index) & (rows.codes == rows.queue_names.index(queue))
            for stretch in stretches:
                native_of_row[of_queue & (days >= stretch.first) & (days <= stretch.last)] = (
                    stretch.minutes
                )
    return native_of_row


def _day_owners(
    rows: ParsedRows, reports: list[FileReport], known: np.ndarray
) -> dict[str, tuple[int, np.ndarray]]:
    """Queues whose rows change interval over time: (first day, the interval of each day from
    it to the queue's last day). A day without rows goes with the stretch before it."""
    owners: dict[str, tuple[int, np.ndarray]] = {}
    for index, report in enumerate(reports):
        for queue, stretches in (report.queue_stretches or {}).items():
            if queue not in rows.queue_names:
                continue
            of_queue = known & (rows.codes == rows.queue_names.index(queue))
            if (of_queue & (rows.file_index != index)).any():
                raise InputError(
                    f"Queue '{queue}' appears in files with different interval lengths. Import "
                    "those files separately, or export them with the same interval."
                )
            if not of_queue.any():
                continue
            days = rows.seconds[of_queue] // 86_400
            first, last = int(days.min()), int(days.max())
            owner = np.full(last - first + 1, stretches[0].minutes)
            for stretch in stretches[1:]:
                owner[max(0, stretch.first - first) :] = stretch.minutes
            owners[queue] = (first, owner)
    return owners


def _merge_stretches(
    grids: list[IntervalGrid], natives: list[int], owners: dict[str, tuple[int, np.ndarray]]
) -> IntervalGrid:
    """One grid of every queue from grids at one interval. A queue whose rows change interval
    over time is in the grid of each of its intervals, each over all its days: every day is
    taken from the grid of that day's interval; its open hours are open where either's are."""
    names = sorted({queue for grid in grids for queue in grid.queue_names})
    position = {queue: code for code, queue in enumerate(names)}
    first = np.zeros(len(names), dtype=np.int64)
    last = np.zeros(len(names), dtype=np.int64)
    for grid in grids:
        for code, queue in enumerate(grid.queue_names):
            first[position[queue]] = grid.layout.first_day[code]
            last[position[queue]] = grid.layout.first_day[code] + grid.layout.n_days[code] - 1
    layout = days_grid(first, last, grids[0].layout.interval_minutes)
    slots = layout.slots_per_day
    merged = {
        name: np.full(layout.size, np.nan)
        for name in ("volume", "aht", "answered", "abandoned", "wait", "abandon_wait")
        if any(getattr(grid, name) is not None for grid in grids)
    }
    merged |= {name: np.zeros(layout.size, dtype=bool) for name in ("is_open", "is_missing")}
    open_slots = np.zeros((len(names), 7, slots), dtype=bool)
    for grid, native in zip(grids, natives, strict=True):
        for code, queue in enumerate(grid.queue_names):
            into = position[queue]
            days = np.ones(int(layout.n_days[into]), dtype=bool)
            if queue in owners:
                days = owners[queue][1] == native
            take = np.repeat(days, slots)
            for name, values in merged.items():
                source = getattr(grid, name)
                if source is not None:
                    values[layout.days_of(into)][take] = source[grid.layout.days_of(code)][take]
            open_slots[into] |= grid.open_slots[code]
    return IntervalGrid(layout, names, open_slots=open_slots, **merged)


# Time columns of an interval report: (row measure, role in FileReport.columns, the count it is
# a mean over). Some ACDs report each interval's summed time (Five9's "HANDLE TIME", Genesys'
# tHandle) where others give the mean per contact.
PER_CONTACT_TIMES = (
    ("aht", "aht", "answered"),
    ("wait", "wait", "answered"),
    ("abandon_wait", "abandon wait", "abandoned"),
)


def _totals_to_means(rows: ParsedRows, reports: list[FileReport], notes: list[str]) -> None:
    """Divide a time column by its count where it holds each interval's total, not a mean."""
    for measure, role, count_name in PER_CONTACT_TIMES:
        values = getattr(rows, measure)
        if values is None:
            continue
        counts, count_name = _count_for(rows, count_name)
        values = values.copy()
        setattr(rows, measure, values)
        for index, report in enumerate(reports):
            column = report.columns.get(role)
            in_file = rows.file_index == index if rows.file_index is not None else slice(None)
            if column is None:
                continue
            reason = interval_total_reason(column, values[in_file], counts[in_file])
            if reason is None:
                unsure = undecided_mean(column, values[in_file], counts[in_file])
                if unsure is not None:
                    notes.append(
                        f"{report.name}: '{column}' was read as a mean per contact (median "
                        f"{unsure[0]:,.0f} s), though its rows are too few to tell it from each interval's "
                        f"total, which would be {unsure[1]:,.0f} s per contact. If it is the "
                        f"total, name the column 'Total {column}' and import again."
                    )
                continue
            per_contact = np.where(counts > 0, values / np.where(counts > 0, counts, 1), np.nan)
            values[in_file] = per_contact[in_file]
            median = float(np.nanmedian(values[in_file]))
            notes.append(
                f"{report.name}: '{column}' is each interval's total, not a mean per contact "
                f"({reason}): divided by the {count_name} count, median "
                f"{median:,.0f} s per contact."
            )


def _count_for(rows: ParsedRows, name: str) -> tuple[np.ndarray, str]:
    """The count a per-contact time is a mean over, and its name for the note."""
    counts = getattr(rows, name)
    if counts is not None and not np.isnan(counts).all():
        return counts, name
    if name == "answered" and rows.abandoned is not None and not np.isnan(rows.abandoned).all():
        return rows.volume - np.nan_to_num(rows.abandoned), "answered (contacts less abandoned)"
    return rows.volume, "contacts"


def _total(counts: np.ndarray | None) -> int | None:
    """The whole export's count of an outcome, when its files report it."""
    return None if counts is None else int(round(float(np.nansum(counts))))


# From this share of rows off the interval grid, the note says where the rows start and how to
# choose the interval: so many are no stray timestamps.
OFF_GRID_SHARE = 0.1


def _native_grid(
    rows: ParsedRows, native: int, notes: list[str], spans: dict[str, tuple[int, int]]
) -> IntervalGrid:
    """Rows of files sharing one native interval on their own grid, open hours learned there.
    A queue in `spans` (first day, days) covers all its days, those of its other intervals too,
    so that its grids at each interval line up."""
    off_grid = int((rows.seconds % (native * 60) != 0).sum())
    if off_grid:
        note = (
            f"{off_grid:,} timestamp(s) were not on the {native}-minute grid and were counted "
            "in the interval they fall in."
        )
        if off_grid >= OFF_GRID_SHARE * len(rows.seconds):
            # Rows at :00, :20 and :45 every hour fit no one interval: no stray timestamps.
            marks = np.unique(rows.seconds % 3600 // 60).astype(int)
            shown = ", ".join(f":{minute:02d}" for minute in marks[:6])
            note += (
                f" They are {off_grid / len(rows.seconds):.0%} of the rows, which start at "
                f"{shown}{' ...' if len(marks) > 6 else ''} past the hour: if the export's "
                f"interval is another length, choose it ({where_to_choose('interval_minutes')})."
            )
        notes.append(note)
    layout = plan_grid(rows.seconds, rows.codes, len(rows.queue_names), native)
    if any(queue in spans for queue in rows.queue_names):
        first = layout.first_day.copy()
        last = first + layout.n_days - 1
        for code, queue in enumerate(rows.queue_names):
            if queue in spans:
                first[code] = spans[queue][0]
                last[code] = spans[queue][0] + spans[queue][1] - 1
        layout = days_grid(first, last, native)
    index = layout.index_of(rows.seconds, rows.codes)
    volume = sum_at(index, layout.size, rows.volume)
    observed = sum_at(index, layout.size) > 0
    if rows.closed_day is not None:  # a day total of 0: every slot of that day is seen, empty
        closed = np.flatnonzero(rows.closed_day == 1)
        day_start = index[closed] - index[closed] % layout.slots_per_day
        observed[(day_start[:, None] + np.arange(layout.slots_per_day)).ravel()] = True

    def mean(values: np.ndarray | None, weights: np.ndarray | None) -> np.ndarray | None:
        if values is None or weights is None:
            return None
        return weighted_mean_at(index, layout.size, values, weights)

    def counts(values: np.ndarray | None) -> np.ndarray | None:
        """Summed per slot; unknown where no row of the slot reports them (a file without the
        column, merged with one that has it)."""
        if values is None:
            return None
        reported = sum_at(index, layout.size, (~np.isnan(values)).astype(float)) > 0
        return np.where(reported, sum_at(index, layout.size, values), np.nan)

    answered = counts(rows.answered)
    is_open, open_slots = learn_grid_open_hours(layout, volume, observed, answered)
    observed = observed | _omitted_empty_slots(layout, rows, volume, observed, is_open, notes)
    # Closed slots without a row had no contacts; open ones without a row are gaps.
    volume = np.where(observed, volume, np.where(is_open, np.nan, 0.0))
    abandoned = counts(rows.abandoned)
    if answered is not None:  # unknown where the slot is missing, as its volume
        answered = np.where(np.isnan(volume), np.nan, answered)
    if abandoned is not None:
        abandoned = np.where(np.isnan(volume), np.nan, abandoned)

    return IntervalGrid(
        layout,
        rows.queue_names,
        volume,
        is_open,
        is_open & ~observed,
        open_slots,
        aht=mean(rows.aht, handled_weights(rows.answered, rows.volume)),
        answered=answered,
        abandoned=abandoned,
        wait=mean(rows.wait, rows.answered),
        abandon_wait=mean(rows.abandon_wait, rows.abandoned),
    )


# An export that writes no row of 0 (Zendesk Explore's hourly reports leave empty hours out)
# may have left out an open interval because nobody called. With arrivals Poisson (Gans, Koole
# & Mandelbaum, "Telephone call centers: tutorial, review, and research prospects", 2003, §4.1),
# a stretch whose slots expect m contacts in all is empty with chance exp(-m): from this chance
# the stretch is read as empty rather than missing.
MIN_CHANCE_EMPTY = 0.01


def _omitted_empty_slots(
    layout: GridLayout,
    rows: ParsedRows,
    volume: np.ndarray,
    observed: np.ndarray,
    is_open: np.ndarray,
    notes: list[str],
) -> np.ndarray:
    """Open slots without a row, on days with rows, of a queue whose export writes no row of 0,
    where so few contacts were expected that an empty interval is likely: 0 contacts, not
    missing. Whole days without rows stay missing: they are lost data, not quiet hours."""
    filled = np.zeros(layout.size, dtype=bool)
    slots = layout.slots_per_day
    written_zero = np.bincount(rows.codes[rows.volume == 0], minlength=len(rows.queue_names))
    for code, queue in enumerate(rows.queue_names):  # one numpy pass per queue
        if written_zero[code]:
            continue
        days = layout.days_of(code)
        seen = observed[days].reshape(-1, slots)
        absent = is_open[days].reshape(-1, slots) & ~seen & seen.any(axis=1, keepdims=True)
        if not absent.any():
            continue
        counts = np.where(seen, volume[days].reshape(-1, slots), 0.0)
        seen_days = seen.sum(axis=0)  # a slot never seen expects no telling: never empty
        expected = np.where(seen_days > 0, counts.sum(axis=0) / np.maximum(seen_days, 1), np.inf)
        # Were empty intervals left out, about exp(-m) of the open ones on days with rows would
        # be absent: far fewer absent says the counts are rarely empty (steadier than Poisson),
        # and the few absent ones are gaps.
        in_days = is_open[days].reshape(-1, slots) & seen.any(axis=1, keepdims=True)
        empties = float((np.exp(-expected)[None, :] * in_days).sum())
        from scipy.stats import poisson  # loaded on first use, as in data.open_hours

        if poisson.cdf(int(absent.sum()), empties) < MIN_CHANCE_EMPTY:
            continue
        # Stretches of absent slots within a day, each with its expected contacts in all.
        flat = absent.ravel()
        starts = flat & ~np.concatenate([[False], flat[:-1]])
        starts[::slots] = flat[::slots]
        stretch = np.cumsum(starts) - 1
        at = np.flatnonzero(flat)
        expected_in = np.bincount(stretch[at], np.tile(expected, len(seen))[at])
        empty = np.exp(-expected_in) >= MIN_CHANCE_EMPTY
        chosen = at[empty[stretch[at]]]
        if not len(chosen):
            continue
        filled[days.start + chosen] = True
        usual = float(np.tile(expected, len(seen))[chosen].mean())
        notes.append(_omitted_note(layout, code, queue, chosen, usual))
    return filled


def _omitted_note(
    layout: GridLayout, code: int, queue: str, slots_in: np.ndarray, mean: float
) -> str:
    """Name the open intervals without a row read as 0 contacts, and why."""
    step = layout.interval_minutes
    stamps = pd.Timestamp(int(layout.first_day[code]), unit="D") + pd.to_timedelta(
        slots_in * step, unit="min"
    )
    breaks = np.flatnonzero(np.diff(slots_in) != 1) + 1
    spans = []
    for run in np.split(np.arange(len(slots_in)), breaks)[:MISSING_STRETCHES_SHOWN]:
        begin, end = stamps[run[0]], stamps[run[-1]] + pd.Timedelta(minutes=step)
        close = "24:00" if end.normalize() != begin.normalize() else f"{end:%H:%M}"
        spans.append(f"{day_text(begin, year=True, clock=True)}-{close}")
    more = len(breaks) + 1 - MISSING_STRETCHES_SHOWN
    shown = "; ".join(spans) + (f" and {more} more" if more > 0 else "")
    count = len(slots_in)
    return (
        f"Queue '{queue}': {count} open {'interval' if count == 1 else 'intervals'} without a row "
        f"on days with other rows ({shown}) {'was' if count == 1 else 'were'} read as 0 contacts, "
        f"not missing: the export writes no row of 0, as reports that leave out empty intervals "
        f"do, and with {mean:,.1f} contacts an interval there on the other days an empty one is "
        "likely. If rows were lost "
        "there, export those hours again."
    )


def _check_one_interval_per_queue(grids: list[IntervalGrid], stretched: set[str]) -> None:
    """A queue at different intervals in different files is refused; one whose rows change
    interval within a file (`stretched`) is taken day by day."""
    seen: set[str] = set()
    for grid in grids:
        clash = (seen & set(grid.queue_names)) - stretched
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
                "divide the day evenly. Check the timestamp column "
                f"({where_to_choose('time_column')}), or set the interval length "
                f"({where_to_choose('interval_minutes')})."
            )
        if interval % native:
            raise InputError(
                f"{name} has {native}-minute intervals, which cannot be regrouped into "
                f"{interval}-minute intervals. Choose {native} minutes or a multiple of it "
                f"({where_to_choose('interval_minutes')})."
            )
    check_interval(interval)
    return interval


def drop_overlaps(rows: ParsedRows, files: list[str], notes: list[str]) -> ParsedRows:
    """Intervals of one queue found in several files (monthly exports that overlap by a few
    days): the last file's rows are kept, not added to the others'; but a row counting nothing
    never replaces one with contacts, whichever file comes last (an export cut short writes
    zeros for the hours not yet lived). Repeats within one file (the hour repeated when clocks
    go back) are summed later, with a note."""
    if len(files) < 2 or rows.file_index is None:
        return rows
    key = rows.seconds * max(1, len(rows.queue_names)) + rows.codes
    # Rank each file's rows of an interval: any contacts first, then the later file.
    counted = _counts_contacts(rows)
    has_contacts = pd.Series(counted).groupby([key, rows.file_index]).transform("any").to_numpy()
    rank = has_contacts.astype(np.int64) * (len(files) + 1) + rows.file_index
    best = pd.Series(rank).groupby(key).transform("max").to_numpy()
    keep = rank == best
    if keep.all():
        return rows
    latest = pd.Series(rows.file_index).groupby(key).transform("max").to_numpy()
    kept_file = best % (len(files) + 1)
    pairs = sorted(
        set(zip(rows.file_index[~keep].tolist(), kept_file[~keep].tolist(), strict=True))
    )
    described = "; ".join(f"{files[old]} by {files[new]}" for old, new in pairs[:3])
    note = (
        f"{int((~keep).sum()):,} interval row(s) appear in more than one file for the same "
        f"queue; the later file's counts were kept instead of adding them up ({described})."
    )
    # Zeros of the later file set aside: counted by the rows that kept the other's contacts.
    over_zeros = int((keep & (rows.file_index != latest)).sum())
    if over_zeros:
        note += (
            f" {over_zeros:,} row(s) kept the other file's contacts over zeros: a row counting "
            "no contact never replaces one with contacts (an export cut short writes zeros for "
            "the hours not yet lived)."
        )
    notes.append(note)
    return rows.subset(keep)


def _counts_contacts(rows: ParsedRows) -> np.ndarray:
    """Rows with some contact in any of their counts (offered, answered, abandoned)."""
    counted = np.zeros(len(rows.seconds), dtype=bool)
    for values in (rows.volume, rows.answered, rows.abandoned):
        if values is not None:
            counted |= np.nan_to_num(values) > 0
    if rows.volume is None:  # one row per contact
        counted[:] = True
    return counted


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
    stamps = rows.seconds[order][repeated].astype("datetime64[s]")
    nights = _clock_back_nights(stamps)
    if nights:
        # Local time lived the hour twice: both hours' contacts are real demand, in one interval.
        notes.append(
            f"{len(repeated):,} row(s) repeat a timestamp already seen for the same queue (e.g. "
            f"{shown}) on {', '.join(nights)}, the night the clock went back an hour (end of "
            "daylight saving time): the repeated hour's counts were summed into the same "
            "intervals, as its contacts are real demand."
        )
        return
    notes.append(
        f"{len(repeated):,} row(s) repeat a timestamp already seen for the same queue (e.g. "
        f"{shown}); their counts were summed. If the export splits each interval by another "
        "column (channel, media type, call type), name that column as the queue column to keep "
        "them apart; if it duplicated rows, remove the repeats and import again."
    )


def _clock_back_nights(stamps: np.ndarray) -> list[str]:
    """The dates ("2025-10-26") of repeated stamps that are all the hour lived twice when
    clocks go back: a Sunday between 00:00 and 04:00, at most an hour of them a night, in the
    last week of October (Europe), the first of November (North America) or the first of
    April (Australia, New Zealand, Chile). [] for any other repeat (a file pasted twice)."""
    days = stamps.astype("datetime64[D]")
    seconds = (stamps - days).astype(np.int64)
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    month_day = [(int(str(day)[5:7]), int(str(day)[8:10])) for day in days]
    change_week = np.array(
        [
            (m == 10 and d >= 25) or (m == 11 and d <= 7) or (m == 4 and d <= 7)
            for m, d in month_day
        ],
        dtype=bool,
    )
    if len(stamps) == 0 or not ((weekday == 6) & (seconds < 4 * 3600) & change_week).all():
        return []
    nights = np.unique(days)
    for night in nights:  # one hour repeated, not the whole night
        lived = seconds[days == night]
        if lived.max() - lived.min() >= 3600:
            return []
    return [str(night) for night in nights]


def check_interval(minutes: int | None) -> None:
    if minutes is not None and (minutes <= 0 or 1440 % minutes):
        raise InputError(
            f"An interval of {minutes} minutes does not divide the day evenly: use a whole "
            "number of minutes that does (e.g. 5, 10, 15, 30, 60, or 1440 for daily totals; "
            f"{where_to_choose('interval_minutes')})."
        )
