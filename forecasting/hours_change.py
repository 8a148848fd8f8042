"""Opening hours changed in the last weeks: slots now closed, slots newly opened."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.history import QueueHistory

RECENT_WEEKS = 4  # the weeks that show the hours as they are now ...
EARLIER_WEEKS = 8  # ... against the weeks before them
# The weeks back the first of a weekday's recent days may lie for runs of slots to be judged.
RUN_WEEKS = 2 * RECENT_WEEKS
# The share of a side's days with contacts in a run for its silence on the other to count.
RUN_DAY_SHARE = 0.5
# Contacts a day of the old hours brought in the slots now closed, on average, for a day
# without any there to be read as on the new hours: a Poisson count of mean 3 is 0 one day in 20.
MIN_CLOSED_DAILY = 3.0
MIN_RECENT_DAYS = 3  # observed days of a weekday needed on each side to judge it
MIN_EARLIER_DAYS = 4
# A slot's contacts all on one side (all before: now closed; all recent: newly opened) is a
# change of hours when that has a chance below this, shared among the week's open slots (any
# of them could have fallen so by chance): given a slot's total, each contact lands on a side
# with that side's share of the days.
CHANGE_EVIDENCE = 0.01


@dataclass(frozen=True)
class HoursChange:
    """Weekday x slot cells whose opening changed in the last `RECENT_WEEKS` weeks."""

    closed: np.ndarray  # (7, slots) bool: contacts before, none in the recent weeks
    # (7, slots) bool: none before, contacts in the recent weeks; on a weekday whose hours
    # changed, any such slot, as the weekday is then learned from the recent weeks alone.
    opened: np.ndarray
    since: np.ndarray  # (7,) day row of the first recent day of each weekday (-1: unjudged)

    def any(self) -> bool:
        return bool(self.closed.any() or self.opened.any())


def find_hours_change(
    history: QueueHistory, with_special: QueueHistory | None = None
) -> HoursChange:
    """Per weekday, the open slots whose last `RECENT_WEEKS` observed days and the
    `EARLIER_WEEKS` before them disagree beyond chance: contacts only before (now closed) or
    only recently (newly opened).

    `history` has its holidays, eves and bridges missing (NaN), as they would pass for closed
    slots; `with_special` is the same history with them kept, for the whole-queue silence."""
    slots = history.slots_per_day
    closed = np.zeros((7, slots), dtype=bool)
    opened = np.zeros((7, slots), dtype=bool)
    since = np.full(7, -1)
    observed = history.observed_days()
    weekdays = history.weekdays()
    counts = np.nan_to_num(history.values)
    bar = CHANGE_EVIDENCE / max(int(history.open_mask.sum()), 1)
    for weekday in range(7):
        rows = np.flatnonzero(observed & (weekdays == weekday))[::-1]
        recent, earlier = rows[:RECENT_WEEKS], rows[RECENT_WEEKS : RECENT_WEEKS + EARLIER_WEEKS]
        if len(recent) < MIN_RECENT_DAYS or len(earlier) < MIN_EARLIER_DAYS:
            continue
        open_slots = history.open_mask[weekday]
        # Runs are judged on recent days that are recent: a weekday open on a few dates a year
        # has its last four spread over years, no sign of new hours.
        runs = bool(recent[-1] >= history.n_days - 7 * RUN_WEEKS)
        closed[weekday], opened[weekday] = _changed_slots(
            counts, runs, recent, earlier, open_slots, bar
        )
        if closed[weekday].any() or opened[weekday].any():
            # The hours may have changed after the first of the recent days: judged again from
            # the day they did, so the days before it teach the new hours nothing.
            start = _change_start(counts[recent[::-1]], closed[weekday], opened[weekday])
            if 0 < start <= len(recent) - MIN_RECENT_DAYS:
                recent = recent[: len(recent) - start]
                earlier = rows[len(recent) : len(recent) + EARLIER_WEEKS]
                closed[weekday], opened[weekday] = _changed_slots(
                    counts, runs, recent, earlier, open_slots, bar
                )
            elif start == 0 and closed[weekday].any():
                # Or before it: the earlier days since the last with contacts in the slots now
                # closed are on the new hours too, where those slots were busy enough that an
                # old day without a contact there is unlikely (a month ago, five weeks back).
                recent, earlier = _earlier_start(counts, rows, recent, closed[weekday])
                closed[weekday], opened[weekday] = _changed_slots(
                    counts, runs, recent, earlier, open_slots, bar
                )
        if closed[weekday].any() or opened[weekday].any():
            # The weekday is learned from its days since (follow_hours_change), so every slot
            # with contacts since and none before is newly open to the forecast, not only those
            # busy enough to show the change alone: a quiet last half hour too.
            opened[weekday] |= (
                open_slots & (counts[earlier].sum(axis=0) == 0) & (counts[recent].sum(axis=0) > 0)
            )
        since[weekday] = recent[-1]
    whole = history if with_special is None else with_special
    if _silent_since(history, counts, observed, whole):
        closed = history.open_mask.copy()
    return HoursChange(closed, opened, since)


def _changed_slots(
    counts: np.ndarray,
    runs: bool,
    recent: np.ndarray,
    earlier: np.ndarray,
    open_slots: np.ndarray,
    bar: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Slots (bool per slot) now closed and newly opened: the `recent` day rows' contacts and
    the `earlier` ones' all on one side, at a chance below `bar`, judged slot by slot and, at
    the start and end of the day's open slots, over the run of them silent on one side: a
    desk opening an hour later leaves four quarter hours each too quiet to tell alone, but
    not together (unless not `runs`)."""
    recent_total, earlier_total = counts[recent].sum(axis=0), counts[earlier].sum(axis=0)
    recent_share = len(recent) / (len(recent) + len(earlier))
    closed = _one_sided(open_slots, recent_total == 0, counts[earlier], 1 - recent_share, bar, runs)
    opened = _one_sided(open_slots, earlier_total == 0, counts[recent], recent_share, bar, runs)
    return closed, opened


def _one_sided(
    open_slots: np.ndarray,
    silent: np.ndarray,
    other_days: np.ndarray,
    other_share: float,
    bar: float,
    runs: bool,
) -> np.ndarray:
    """The open `silent` slots whose contacts on the other side (`other_days`, day x slot,
    each landing there with chance `other_share`) all landing there has a chance below `bar`:
    per slot, and (with `runs`) summed over the silent run that opens or closes the day's open
    slots, when contacts came in it on at least RUN_DAY_SHARE of those days: hours the desk
    kept, not a burst on one night."""
    other = other_days.sum(axis=0)
    log_bar = np.log(bar)
    with np.errstate(divide="ignore"):
        changed = open_slots & silent & (other * np.log(other_share) < log_bar)
        open_at = np.flatnonzero(open_slots)
        if not runs or not open_at.size:
            return changed
        quiet = open_slots & silent
        for edge, step in ((open_at[0], 1), (open_at[-1], -1)):
            # The run from the day's first (last) open slot while it stays open and silent.
            ahead = quiet[edge::step]
            length = int(np.argmin(ahead)) if not ahead.all() else ahead.size
            run = np.arange(edge, edge + step * length, step)
            used = (other_days[:, run].sum(axis=1) > 0).mean() if run.size else 0.0
            if used >= RUN_DAY_SHARE and other[run].sum() * np.log(other_share) < log_bar:
                changed[run] = True
    return changed


def _change_start(days: np.ndarray, closed: np.ndarray, opened: np.ndarray) -> int:
    """The first of `days` (day x slot contacts, oldest first) on the new hours: after the last
    one with contacts in the slots now `closed`, and no earlier than the first with contacts
    in those newly `opened`."""
    start = 0
    if opened.any():
        start = int(np.argmax(days[:, opened].sum(axis=1) > 0))
    if closed.any():
        busy = np.flatnonzero(days[:, closed].sum(axis=1) > 0)
        if busy.size:
            start = max(start, int(busy[-1]) + 1)
    return start


def _earlier_start(
    counts: np.ndarray, rows: np.ndarray, recent: np.ndarray, closed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The weekday's recent and earlier day rows (newest first, from `rows`) with the earlier
    days since the last one with contacts in the `closed` slots moved to the recent ones, when
    the days with contacts there had at least MIN_CLOSED_DAILY on average."""
    earlier = rows[len(recent) : len(recent) + EARLIER_WEEKS]
    per_day = counts[earlier][:, closed].sum(axis=1)
    busy = per_day > 0
    if not busy.any() or per_day[busy].mean() < MIN_CLOSED_DAILY:
        return recent, earlier
    moved = int(np.argmax(busy))
    recent = rows[: len(recent) + moved]
    return recent, rows[len(recent) : len(recent) + EARLIER_WEEKS]


def _silent_since(
    history: QueueHistory, counts: np.ndarray, observed: np.ndarray, with_special: QueueHistory
) -> bool:
    """No contact in any open slot of the last `RECENT_WEEKS` weeks' observed days, where the
    weeks before had so many that silence by chance is below `CHANGE_EVIDENCE`: a quiet queue
    shut down, whose slots are each too sparse to tell but whose sum is not.

    Holidays, eves and bridges of those weeks (from `with_special`) count among the silent days
    when they brought no contact either, and a contact on one shows the queue open: over
    Christmas a Saturday-only queue may have a single ordinary Saturday in four weeks. The
    chance is judged on the ordinary days alone, as a holiday may be closed anyway."""
    rows = np.flatnonzero(observed)
    cut = history.n_days - 7 * RECENT_WEEKS
    recent = rows[rows >= cut]
    earlier = rows[(rows < cut) & (rows >= cut - 7 * EARLIER_WEEKS)]
    every = np.flatnonzero(with_special.observed_days())
    every = every[every >= cut]
    if len(every) < MIN_RECENT_DAYS or not len(recent) or not len(earlier):
        return False
    open_rows = history.open_rows(0, history.n_days)
    if (np.nan_to_num(with_special.values[every]) * open_rows[every]).any():
        return False
    total = float((counts[earlier] * open_rows[earlier]).sum())
    share = len(recent) / (len(recent) + len(earlier))
    return total * np.log(1 - share) < np.log(CHANGE_EVIDENCE)


def follow_hours_change(history: QueueHistory, change: HoursChange) -> QueueHistory:
    """The history as the new hours see it: slots now closed are closed, and a weekday whose
    hours changed is learned from its days since: its days before are unknown, as the hours
    moved its contacts within the day too (fewer hours, busier ones)."""
    values = history.values.copy()
    weekdays = history.weekdays()
    changed = change.closed.any(axis=1) | change.opened.any(axis=1)
    for weekday in np.flatnonzero(changed):
        values[(weekdays == weekday) & (np.arange(history.n_days) < change.since[weekday])] = np.nan
    return QueueHistory(
        history.queue,
        history.interval_minutes,
        history.first_day,
        values,
        history.open_mask & ~change.closed,
    )


WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def hours_change_note(history: QueueHistory, change: HoursChange) -> str:
    """'desk: opening hours changed in the last 4 weeks: now closed Mon-Fri 17:00-20:00 (...)'."""
    if change.closed.any() and (change.closed == history.open_mask).all():
        return (
            f"{history.queue}: no contact at all in the last {RECENT_WEEKS} weeks, where the "
            "weeks before had some: read as closed, and forecast at 0. If it is still open, "
            "check the export for those weeks."
        )
    parts = []
    for cells, what in (
        (change.closed, "now closed (contacts before, none since): forecast closed"),
        (change.opened, "newly open (none before): forecast from the weeks since"),
    ):
        spans = slot_spans(cells, history.interval_minutes)
        if spans:
            parts.append(f"{what}: {'; '.join(spans)}")
    changed = change.closed.any(axis=1) | change.opened.any(axis=1)
    first = int(change.since[changed].min()) if changed.any() else history.n_days
    weeks = max(RECENT_WEEKS, -(-(history.n_days - first) // 7))
    return (
        f"{history.queue}: opening hours changed in the last {weeks:,} weeks, and the "
        f"forecast follows the new ones; {'. '.join(parts)}."
    )


def slot_spans(cells: np.ndarray, interval_minutes: int) -> list[str]:
    """'Mon, Tue 17:00-20:00' per run of slots, weekdays with the same runs together."""
    by_runs: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for weekday in range(7):
        slots = np.flatnonzero(cells[weekday])
        if not slots.size:
            continue
        breaks = np.flatnonzero(np.diff(slots) > 1)
        starts = np.r_[slots[0], slots[breaks + 1]]
        ends = np.r_[slots[breaks], slots[-1]] + 1
        runs = tuple(zip(starts.tolist(), ends.tolist(), strict=True))
        by_runs.setdefault(runs, []).append(WEEKDAY_ABBREVIATIONS[weekday])
    step = pd.Timedelta(minutes=interval_minutes)
    midnight = pd.Timestamp("2000-01-01")
    return [
        f"{', '.join(days)} "
        + ", ".join(f"{midnight + a * step:%H:%M}–{_clock(midnight + b * step)}" for a, b in runs)
        for runs, days in by_runs.items()
    ]


def _clock(moment: pd.Timestamp) -> str:
    return "24:00" if moment.day > 1 else f"{moment:%H:%M}"
