"""Contact records -> a Dataset: arrivals, answered, abandoned, handle time and wait per interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data import schema
from data.aggregate import (
    GridLayout,
    IntervalGrid,
    grid_frame,
    learn_grid_open_hours,
    mean_at,
    plan_grid,
    sum_at,
)
from data.dates import day_text
from data.errors import InputError
from data.labels import label_codes
from data.open_hours import empty_days_that_are_gaps
from data.outcomes import ABANDONED, ANSWERED, CLOSED, UNANSWERED
from data.rows import MEASURES, UNKNOWN_OUTCOME, ParsedRows


def demand_rows(rows: ParsedRows) -> ParsedRows:
    """The rows that are demand, one per contact: contacts that met the closed center (their
    outcome said so, and the file's notes say how many) are left out, or they would open slots
    the center keeps closed; the legs of a transferred contact are joined into one."""
    if rows.outcome is not None and (rows.outcome == CLOSED).any():
        open_center = rows.outcome != CLOSED
        if not open_center.any():
            raise InputError(
                "Every contact arrived while the center was closed (see the outcome column): "
                "there is no demand to forecast. Export the contacts of the opening hours too."
            )
        rows = rows.subset(open_center)
    return join_transfer_legs(rows)


def drop_repeated_records(rows: ParsedRows, files: list[str], notes: list[str]) -> ParsedRows:
    """Contacts found in several files (exports that overlap: the last 30 days taken on the
    15th and again on the 30th) counted once. A record is its arrival second, queue, outcome
    and measures; per such record only the file holding it most often keeps its rows (the
    later one on a tie), so two files of different contacts, per agent say, lose nothing."""
    if len(files) < 2 or rows.file_index is None or len(rows.seconds) == 0:
        return rows
    columns = {"seconds": rows.seconds, "queue": rows.codes}
    if rows.outcome is not None:
        columns["outcome"] = rows.outcome
    for name in MEASURES:
        values = getattr(rows, name)
        if values is not None:
            columns[name] = np.nan_to_num(values, nan=-1.0)  # NaN never equals NaN
    frame = pd.DataFrame(columns)
    record = frame.groupby(list(columns), sort=False).ngroup().to_numpy()
    held = pd.DataFrame({"record": record, "file": rows.file_index})
    per_file = held.groupby(["record", "file"])["file"].transform("size").to_numpy()
    rank = per_file.astype(np.int64) * (len(files) + 1) + rows.file_index
    keep = rank == pd.Series(rank).groupby(record).transform("max").to_numpy()
    if keep.all():
        return rows
    repeated = rows.seconds[~keep]
    span = " to ".join(
        f"{day_text(pd.Timestamp(int(edge), unit='s'), year=True, weekday=False)}"
        for edge in (repeated.min(), repeated.max())
    )
    copies = ", ".join(files[int(index)] for index in np.unique(rows.file_index[~keep]))
    notes.append(
        f"{int((~keep).sum()):,} contact record(s) of {copies} appear in another file too (the "
        f"same arrival second, queue, outcome and times; {span}): counted once, not added up, "
        "as overlapping exports repeat them."
    )
    return rows.subset(keep)


def contact_groups(
    values: pa.ChunkedArray | pa.Array, own: pa.ChunkedArray | pa.Array | None = None
) -> tuple[np.ndarray, int]:
    """(contact per row, transfer legs) from a master contact id column: rows sharing an id are
    legs of one contact; a row without one is a contact of its own. With each row's `own` id, a
    row without a master id is the master of the legs naming its id (Amazon Connect leaves the
    first leg's InitialContactId empty), so it is not split from its transfers. `transfer legs`
    counts the rows that continue a contact another row began."""
    values = _as_ids(values)
    if own is not None:
        values = pc.if_else(_blank(values), _as_ids(own), values)
    codes, ids = label_codes(values)
    if "" in ids:  # no master id: a contact of its own, numbered after the ids
        blank = codes == ids.index("")
        codes = codes.copy()
        codes[blank] = len(ids) + np.arange(int(blank.sum()))
    return codes, len(codes) - len(np.unique(codes))


# Legs of one transferred call follow one another within minutes: rows of one id further apart
# are other calls, as on switches whose call ids start again each day.
MAX_LEG_GAP_SECONDS = 2 * 3600


def leg_groups(values: pa.ChunkedArray | pa.Array, seconds: np.ndarray) -> tuple[np.ndarray, int]:
    """(contact per row, transfer legs) from each row's call id beside a leg or segment column:
    rows of one id are legs of one contact while each follows the one before within two hours;
    a row without an id is a contact of its own."""
    codes, ids = label_codes(_as_ids(values))
    if "" in ids:
        blank = codes == ids.index("")
        codes = np.where(blank, len(ids) + np.cumsum(blank), codes)
    order = np.lexsort((seconds, codes))
    gap = np.diff(seconds[order])
    new = np.r_[True, (np.diff(codes[order]) != 0) | (gap > MAX_LEG_GAP_SECONDS)]
    groups = np.empty(len(order), dtype=np.int64)
    groups[order] = np.cumsum(new) - 1
    return groups, int(len(order) - new.sum())


def _as_ids(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Ids as text: the CSV reader types numeric ids as numbers."""
    if pa.types.is_dictionary(values.type):
        values = pc.cast(values, values.type.value_type)
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    return values


def _blank(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(values), ""), True)


def join_transfer_legs(rows: ParsedRows) -> ParsedRows:
    """One row per contact (`rows.contact_group`): it arrived when and where its first leg did,
    was handled for the legs' handle times together (every leg's work was real) and answered
    when any leg was; its wait is the first leg's, its satisfaction the legs' mean score."""
    groups = rows.contact_group
    if groups is None:
        return rows
    order = np.lexsort((rows.seconds, groups))  # each contact's legs together, first leg first
    ordered = groups[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    if len(starts) == len(order):  # no contact has two legs
        return rows
    contact = np.empty(len(order), dtype=np.int64)
    contact[order] = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
    joined = rows.subset(order[starts])  # queues reached only by a transfer are no arrivals
    joined.contact_group = None

    def leg_total(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The legs' sum per contact (NaN where no leg has a value) and how many legs have one."""
        known = ~np.isnan(values)
        total = np.bincount(contact, weights=np.where(known, values, 0.0), minlength=len(starts))
        counted = np.bincount(contact, weights=known, minlength=len(starts))
        return np.where(counted > 0, total, np.nan), counted

    if rows.handle is not None:
        joined.handle = leg_total(rows.handle)[0]
    if rows.satisfaction is not None:
        total, counted = leg_total(rows.satisfaction)
        joined.satisfaction = total / np.where(counted > 0, counted, np.nan)
    if rows.outcome is not None:
        answered = np.bincount(contact, weights=rows.outcome == ANSWERED, minlength=len(starts))
        joined.outcome = np.where(answered > 0, ANSWERED, joined.outcome).astype(np.int8)
    return joined


def records_dataset(rows: ParsedRows, interval_minutes: int) -> schema.Dataset:
    layout = plan_grid(rows.seconds, rows.codes, len(rows.queue_names), interval_minutes)
    index = layout.index_of(rows.seconds, rows.codes)
    size = layout.size
    volume = sum_at(index, size)
    # Handle time and wait describe answered contacts (the ones an agent served; the mean wait is
    # then the ASA); rows without an outcome count as served unless no agent spent time on them.
    unknown = np.ones(len(index), dtype=bool)
    if rows.outcome is not None:
        unknown = rows.outcome == UNKNOWN_OUTCOME
    unserved = np.zeros(len(index), dtype=bool)
    if rows.handle is not None:
        unserved = unknown & (rows.handle == 0)  # an abandoned call's talk time of 0
    served = unknown & ~unserved
    answered = abandoned = None
    if rows.outcome is not None:
        served |= rows.outcome == ANSWERED
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
    # How long abandoned callers held on: with the served callers' waits, their patience.
    abandon_wait = None
    if rows.wait is not None and rows.outcome is not None:
        abandon_wait = mean_at(index, size, rows.wait, rows.outcome == ABANDONED)
    scores = rows.satisfaction  # every contact with a score counts (NaN = not rated)
    everyone = np.ones(len(index), dtype=bool)
    satisfaction = None if scores is None else mean_at(index, size, scores, everyone)
    observed = _days_in_export(layout, volume)
    # Open hours are where contacts are not left unanswered: a slot whose every contact was
    # abandoned or left for voicemail met a closed center; other outcomes (busy, none) say
    # nothing of it.
    served_counts = None
    if answered is not None:
        served_counts = sum_at(index[~np.isin(rows.outcome, UNANSWERED)], size)
    is_open, open_slots = learn_grid_open_hours(layout, volume, observed, served_counts)
    is_missing = is_open & ~observed
    volume = np.where(is_missing, np.nan, volume)
    if answered is not None:
        answered = np.where(is_missing, np.nan, answered)
        abandoned = np.where(is_missing, np.nan, abandoned)
    grid = IntervalGrid(layout, rows.queue_names, volume, is_open, is_missing, open_slots, aht,
                        answered=answered, abandoned=abandoned)  # fmt: skip
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
        abandon_wait=abandon_wait,
        satisfaction=satisfaction,
    )
    handled = served & ~np.isnan(rows.handle) if rows.handle is not None else None
    return schema.Dataset(
        name="",
        kind=schema.KIND_RECORDS,
        interval_minutes=interval_minutes,
        intervals=intervals,
        open_hours=grid.open_hours_frame(),
        notes=grid.open_hours_notes()
        + _gap_notes(layout, rows.queue_names, observed)
        + _unserved_note(int(unserved.sum()))
        + [f"Contacts were counted in {interval_minutes}-minute intervals by arrival time."],
        answered=None if rows.outcome is None else int((rows.outcome == ANSWERED).sum()),
        abandoned=None if rows.outcome is None else int((rows.outcome == ABANDONED).sum()),
        mean_handle_seconds=(
            float(rows.handle[handled].mean()) if handled is not None and handled.any() else None
        ),
        mean_satisfaction=(
            float(np.nanmean(scores)) if scores is not None and (~np.isnan(scores)).any() else None
        ),
    )


def _unserved_note(count: int) -> list[str]:
    if not count:
        return []
    return [
        f"{count:,} contact(s) without an outcome have a handle time of 0: taken as unanswered, "
        "so left out of the mean handle time and wait. Import a column saying how each contact "
        "ended (answered, abandoned) to count them."
    ]


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
            days = [
                day_text(np.datetime64(int(layout.first_day[code] + day), "D"), year=True)
                for day in absent
            ]
            shown = ", ".join(days[:5]) + (" ..." if len(days) > 5 else "")
            notes.append(
                f"'{queue}': {len(days)} day(s) without a single contact although that weekday "
                f"is normally busy ({shown}): treated as missing from the export, not as zero."
            )
    return notes
