"""The hour a local clock skips when it goes forward, learned from the history alone.

An export on local time has no such hour on the spring-forward day (its rows are missing, or a
contact log has no contact in it). A 24/7 queue's forecast would still give that hour contacts
and staffing would plan agents for an hour that never happens. No time zone is assumed: only
the rule the history itself shows (which Sunday of which month, which hour) is carried forward.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.history import QueueHistory

SUNDAY = 6
# Clocks go forward on a Sunday in March (Europe, North America), September (New Zealand,
# Chile) or October (Australia), between midnight and 04:00.
SPRING_MONTHS = (3, 9, 10)
LATEST_HOUR = 3  # the skipped hour starts at 03:00 at the latest (Eastern Europe)
LAST = -1  # "the last Sunday of the month" (Europe, New Zealand)
# A contact log has zero contacts, not missing rows, in the skipped hour: zero counts only
# when the same hour of the Sundays around brought at least this many (P(0) under 1%).
MIN_USUAL_CONTACTS = 5.0


@dataclass(frozen=True)
class SkippedHour:
    """The hour from `hour` to `hour` + 1 on the `week`-th (LAST: last) Sunday of `month`."""

    month: int
    week: int
    hour: int
    seen_on: tuple[pd.Timestamp, ...]  # the history's days that lacked it


def _sunday_rule(day: pd.Timestamp) -> tuple[int, int] | None:
    """(month, week) of a Sunday a clock-change rule can name: the first, second or last Sunday
    of its month (no rule names a third or a non-last fourth)."""
    if day.day_of_week != SUNDAY or day.month not in SPRING_MONTHS:
        return None
    if (day + pd.Timedelta(days=7)).month != day.month:
        return day.month, LAST
    week = (day.day - 1) // 7 + 1
    return (day.month, week) if week <= 2 else None


def could_be_skipped_hour(first: pd.Timestamp, last: pd.Timestamp, interval_minutes: float) -> bool:
    """Whether the interval starts `first` to `last` make up one whole clock hour that a clock
    going forward skips: from 00:00 to LATEST_HOUR:00 on a Sunday a clock-change rule can name
    (the first, second or last Sunday of a spring month, as `_sunday_rule` reads them). A
    forecast leaves that hour out, so a file without its rows lacks nothing."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    whole_hour = last + step - first == pd.Timedelta(hours=1)
    on_the_hour = first.minute == 0 and first.second == 0 and first.hour <= LATEST_HOUR
    return bool(whole_hour and on_the_hour and _sunday_rule(first.normalize()) is not None)


def _matches(day: pd.Timestamp, month: int, week: int) -> bool:
    rule = _sunday_rule(day)
    if rule is None or rule[0] != month:
        return False
    if week == LAST:
        return rule[1] == LAST
    return (day.day - 1) // 7 + 1 == week


def _missing_run(flat: np.ndarray, start: int, step: int, limit: int) -> int | None:
    """How many slots from `start` on (going by `step`) have no data, or None when `limit` or
    more do, or the run reaches the end of the history: the gap there is not bounded."""
    run = 0
    while run < limit:
        at = start + step * run
        if not 0 <= at < flat.size:
            return None
        if not np.isnan(flat[at]):
            return run
        run += 1
    return None


def _hour_state(history: QueueHistory, flat: np.ndarray, row: int, hour: int) -> str | None:
    """'absent' when the hour of day `row` has no row with data or no contact where the Sundays
    around brought some, 'present' when it has contacts or rows, None when it cannot tell (the
    rows around the hour are missing too, or the Sundays around have no data)."""
    per_hour = 60 // history.interval_minutes
    slots = history.slots_per_day
    first = row * slots + hour * per_hour
    block = flat[first : first + per_hour]
    # An export may lose a slot or two beside the hour as well (AXA's night queue has no rows
    # from 01:30 to 03:00 on its spring-forward Sundays): the hour is still the one skipped when
    # it is the only whole clock hour of the gap. A gap reaching a further hour is a longer one.
    before = _missing_run(flat, first - 1, -1, per_hour)
    after = _missing_run(flat, first + per_hour, 1, per_hour)
    if before is None or after is None:
        return None  # part of a longer gap (a day without data), not one lost hour
    around = [
        flat[(other * slots + hour * per_hour) :][:per_hour]
        for other in (row - 14, row - 7, row + 7, row + 14)
        if 0 <= other < history.n_days
    ]
    around = [hours for hours in around if not np.isnan(hours).any()]
    if not around:
        return None
    if np.isnan(block).all():
        return "absent"  # the export lists this hour on the Sundays around, not on this one
    if np.isnan(block).any():
        return None
    if block.sum() > 0:
        return "present"
    usual = float(np.mean([hours.sum() for hours in around]))
    return "absent" if usual >= MIN_USUAL_CONTACTS else None


def skipped_hours(history: QueueHistory) -> list[SkippedHour]:
    """The spring-forward hours the history lacks on every such day it holds (and that are open
    on Sundays): none when the history never shows a clock going forward."""
    step = history.interval_minutes
    if step > 60 or 60 % step:
        return []  # daily or two-hour totals cannot lose a single hour
    per_hour = 60 // step
    flat = history.values.ravel()
    days = history.first_day + pd.to_timedelta(np.arange(history.n_days), unit="D")
    found: dict[tuple[int, int, int], list[pd.Timestamp]] = {}
    for hour in range(LATEST_HOUR + 1):
        if not history.open_mask[SUNDAY, hour * per_hour : (hour + 1) * per_hour].all():
            continue  # closed on Sunday nights: nothing is forecast there anyway
        for row, day in enumerate(days):
            rule = _sunday_rule(day)
            if rule and _hour_state(history, flat, row, hour) == "absent":
                found.setdefault((*rule, hour), []).append(day)
    skipped = []
    for (month, week, hour), seen in found.items():
        states = [
            _hour_state(history, flat, row, hour)
            for row, day in enumerate(days)
            if _matches(day, month, week)
        ]
        if "present" not in states:  # every such day the history can tell lacked the hour
            skipped.append(SkippedHour(month, week, hour, tuple(seen)))
    return skipped


def skipped_slots(
    history: QueueHistory, skipped: list[SkippedHour], start: int, count: int
) -> np.ndarray:
    """Bool (count, slots): the slots of day rows `start ..` that a clock going forward skips."""
    mask = np.zeros((count, history.slots_per_day), dtype=bool)
    per_hour = 60 // history.interval_minutes if skipped else 0
    for offset in range(count):
        day = history.first_day + pd.Timedelta(days=start + offset)
        for rule in skipped:
            if _matches(day, rule.month, rule.week):
                mask[offset, rule.hour * per_hour : (rule.hour + 1) * per_hour] = True
    return mask


def skipped_hour_note(queue: str, rule: SkippedHour, days: list[pd.Timestamp]) -> str:
    shown = ", ".join(f"{day_text(day, year=True)}" for day in days)
    seen = " and ".join(
        ", ".join(f"{day_text(day, year=True)}" for day in rule.seen_on).rsplit(", ", 1)
    )
    hours = f"{rule.hour:02d}:00–{rule.hour + 1:02d}:00"
    return (
        f"{queue}: {shown} {hours} gets no forecast and no staff: the clock skips that hour "
        f"(going forward), as the history shows on {seen}, where it has no such hour."
    )
