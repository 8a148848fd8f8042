"""Open hours for a queue too sparse to learn its own: the busier queues' hours, or its span."""

from __future__ import annotations

import dataclasses

import numpy as np

from data.open_hours import STRAY_SHARE
from forecasting.history import QueueHistory

# Open hours are learned slot by slot (data/open_hours.py): a slot hit on a single day is a
# stray. A queue of a contact a week hits each open slot once at most, so most of its hours
# come out closed and the contacts there are left out of the forecast - about half its volume.
# Learned hours that leave more than this share of the queue's contacts in closed slots are
# taken as too sparse to judge (a busy queue's strays are far below it).
SPARSE_CLOSED_SHARE = 0.1
# The busier queues of the same file are the site's hours: they bound the sparse queue's hours
# when they hold at least this share of its contacts (a queue of other hours keeps its own span).
REFERENCE_SHARE = 0.9
# Only a steady trickle is widened: contacts in at least this share of the weeks since its first.
# A line busy in rare bursts (a crisis line: a storm's 50 calls, then months of none) keeps the
# slots it was learned with, as data/open_hours means it to; spread over the site's hours, its
# bursts would become a small level every day that staffs an agent for calls that do not come.
STEADY_WEEK_SHARE = 0.5
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekly_contacts(history: QueueHistory) -> np.ndarray:
    """Contacts per weekday x slot (7, slots) over the history."""
    totals = np.zeros((7, history.slots_per_day))
    np.add.at(totals, history.weekdays(), np.nan_to_num(history.values))
    return totals


def too_sparse(history: QueueHistory, unanswered: np.ndarray | None = None) -> bool:
    """The learned open hours leave too many of the queue's contacts in closed slots. Contacts
    `unanswered` (per weekday x slot, over the history) met a closed center: not left out."""
    totals = weekly_contacts(history)
    total = totals.sum()
    return total > 0 and _left_out(history, totals, unanswered) > SPARSE_CLOSED_SHARE * total


def _left_out(history: QueueHistory, totals: np.ndarray, unanswered: np.ndarray | None) -> float:
    """Contacts (`totals`, per weekday x slot) in closed slots, less those the outcomes say
    nobody answered."""
    if unanswered is not None:
        totals = totals - np.minimum(totals, unanswered)
    return float(totals[~history.open_mask].sum())


def steady(history: QueueHistory) -> bool:
    """Contacts in at least `STEADY_WEEK_SHARE` of the weeks since the queue's first contact."""
    daily = np.nansum(history.values, axis=1)
    busy_days = np.flatnonzero(daily > 0)
    if not busy_days.size:
        return False
    weeks = (np.arange(busy_days[0], history.n_days) - busy_days[0]) // 7
    busy_weeks = np.bincount(weeks, weights=daily[busy_days[0] :] > 0) > 0
    return bool(busy_weeks.mean() >= STEADY_WEEK_SHARE)


def widen_sparse_hours(
    history: QueueHistory, reference: np.ndarray | None, unanswered: np.ndarray | None = None
) -> tuple[QueueHistory, str | None]:
    """The history with open hours wide enough for its contacts, and a note saying so; as it
    was (and no note) unless it is too sparse and steady. `reference` is the open mask
    (7, slots) of the file's other, busier queues, or None; `unanswered` as for too_sparse."""
    if not too_sparse(history, unanswered) or not steady(history):
        return history, None
    totals = weekly_contacts(history)
    total = totals.sum()
    closed = _left_out(history, totals, unanswered)
    # Any weekday it had contacts on: its forecast follows that weekday's own history, so a
    # weekday with a stray or two adds little, while a weekday left closed loses its contacts.
    days = totals.sum(axis=1) > 0
    if reference is not None and totals[reference].sum() >= REFERENCE_SHARE * total:
        hours = days[:, None] & reference
        source = "the open hours of the file's busier queues"
    else:
        first, last = _span(totals.sum(axis=0))
        index = np.arange(history.slots_per_day)
        hours = days[:, None] & (index >= first) & (index <= last)
        source = "the hours of the day it had contacts in"
    mask = history.open_mask | hours
    step = history.interval_minutes
    note = (
        f"{history.queue}: {closed:,.0f} of its {total:,.0f} contacts arrived outside the open "
        f"hours learned from it (too few contacts to learn them slot by slot), so the forecast "
        f"would have left them out. It is forecast over {source} on the weekdays it had "
        f"contacts ({_describe(mask, step)}): {int(mask.sum()):,} weekly {step}-minute slots "
        f"instead of {int(history.open_mask.sum()):,}."
    )
    return dataclasses.replace(history, open_mask=mask), note


def _span(by_slot: np.ndarray) -> tuple[int, int]:
    """First and last slot of the day holding its contacts (`by_slot`, per slot of the day),
    less the edge slots holding no more than the stray share of them: a lone call at 00:30
    must not open the night, where even a queue's quietest open slot is staffed."""
    total = by_slot.sum()
    first = int(np.flatnonzero(np.cumsum(by_slot) > STRAY_SHARE * total)[0])
    last = int(np.flatnonzero(np.cumsum(by_slot[::-1])[::-1] > STRAY_SHARE * total)[-1])
    return first, last


def _describe(mask: np.ndarray, step: int) -> str:
    """Open weekdays with each one's first to last open time, e.g. 'Mon-Fri 09:00-17:00'."""
    runs: list[list] = []  # [first weekday, last weekday, hours]: equal hours merged
    for weekday in np.flatnonzero(mask.any(axis=1)):  # at most 7 rows
        slots = np.flatnonzero(mask[weekday])
        hours = f"{_clock(slots[0] * step)}-{_clock((slots[-1] + 1) * step)}"
        if runs and runs[-1][2] == hours and runs[-1][1] == weekday - 1:
            runs[-1][1] = weekday
        else:
            runs.append([weekday, weekday, hours])
    return ", ".join(
        WEEKDAY_NAMES[first] + (f"-{WEEKDAY_NAMES[last]}" if last > first else "") + f" {hours}"
        for first, last, hours in runs
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
