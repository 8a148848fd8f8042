"""The hour a local clock repeats when it goes back: a plan on the centre's wall clock lists its
intervals twice (02:00-03:00 summer time, then 02:00-03:00 standard time) and both are real
hours to staff. No time zone is assumed: a whole hour on a Sunday a clock-back rule can name
(see `could_be_repeated_hour`) is read so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.dates import day_text
from staffing.cost import money_text

SUNDAY = 6
# Clocks go back on the first Sunday of April (Australia, New Zealand), the last Sunday of
# October (Europe) or the first Sunday of November (North America), between 00:00 and 04:00.
FALL_BACK_SUNDAYS = {4: "first", 10: "last", 11: "first"}
# Months a clock changes in either way: forward in March, September or October, back in
# April, October or November.
CLOCK_CHANGE_MONTHS = (3, 4, 9, 10, 11)
LATEST_HOUR = 3  # the repeated hour starts at 03:00 at the latest (Eastern Europe)
ONE_HOUR = pd.Timedelta(hours=1)


def could_be_repeated_hour(
    first: pd.Timestamp, last: pd.Timestamp, interval_minutes: float
) -> bool:
    """Whether the interval starts `first` to `last` make up one whole clock hour that a clock
    going back repeats: from 00:00 to LATEST_HOUR:00 on the first Sunday of April or November
    or the last Sunday of October."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    whole_hour = last + step - first == ONE_HOUR
    on_the_hour = first.minute == 0 and first.second == 0 and first.hour <= LATEST_HOUR
    day = first.normalize()
    which = FALL_BACK_SUNDAYS.get(day.month)
    if day.day_of_week != SUNDAY or which is None:
        return False
    is_last = (day + pd.Timedelta(days=7)).month != day.month
    right_sunday = is_last if which == "last" else day.day <= 7
    return bool(whole_hour and on_the_hour and right_sunday)


def repeated_hours(
    starts: pd.Series, occurrence: np.ndarray, interval_minutes: float
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """(first, last) start of each run of one queue's second occurrences (`occurrence` 1) that
    is a whole repeated hour; runs that are not stay out (refused by the caller)."""
    seconds = pd.DatetimeIndex(starts[occurrence == 1]).sort_values()
    if seconds.empty:
        return []
    step = pd.Timedelta(minutes=float(interval_minutes))
    breaks = np.flatnonzero(seconds[1:] - seconds[:-1] != step) + 1
    firsts, lasts = np.r_[0, breaks], np.r_[breaks - 1, seconds.size - 1]
    runs = [(seconds[a], seconds[b]) for a, b in zip(firsts, lasts, strict=True)]
    return [run for run in runs if could_be_repeated_hour(*run, interval_minutes)]


def elapsed_order(
    starts: pd.Series, occurrence: np.ndarray, hours: list[tuple[pd.Timestamp, pd.Timestamp]]
) -> pd.Series:
    """One queue's starts moved onto elapsed time: each repeated hour's second occurrence and
    every start after it an hour later, so sorting on it keeps the night in the order lived."""
    ends = pd.DatetimeIndex(sorted(first + ONE_HOUR for first, _ in hours))
    later = np.searchsorted(ends.to_numpy(), starts.to_numpy(), side="right")
    return starts + (later + (occurrence == 1)) * ONE_HOUR


def interval_keys(plan: pd.DataFrame) -> list[pd.Series]:
    """What tells one interval of `plan` from another over its queues: its interval_start and,
    for the hour a clock going back repeats (listed twice, each queue's in the order lived),
    which of the two it is, so the two hours are not added up as one."""
    starts = plan["interval_start"]
    queues = plan["queue"] if "queue" in plan else pd.Series("all", index=plan.index)
    occurrence = plan.groupby([queues, starts]).cumcount().rename("occurrence")
    return [starts, occurrence]


def clock_change_pay_note(
    coverage: pd.DataFrame,
    repeated: pd.DatetimeIndex,
    skipped: pd.DatetimeIndex,
    interval_minutes: float,
    paid_hours: float,
    hourly_cost: float,
) -> str | None:
    """What a clock change does to the hours the shifts are paid, set on the wall clock: the
    people on shift in the hour a clock going back repeats work it twice, those on shift in
    the hour it skips going forward do not work it. Paid for the hours actually worked: in
    Germany, hours worked are credited as worked unless a contract or works agreement says
    otherwise (Bundesarbeitsgericht 11 Sep 1985, 7 AZR 276/83; IHK Hannover, "Auswirkungen der
    Zeitumstellung auf Arbeitszeit und Vergütung", 2025); in the UK an hourly-paid worker's
    extra hour counts for the minimum wage (Personnel Today, "Working when the clocks go
    back", 2024). None when no one is on shift in such an hour."""
    on_shift = coverage.set_index("interval_start")["on_shift"]
    step_hours = float(interval_minutes) / 60.0
    parts, change = [], 0.0
    for starts, sign, what, verb in (
        (repeated, 1, "repeat", "work it twice: an hour more than the clock says"),
        (skipped, -1, "skip", "do not work it: an hour less than the clock says"),
    ):
        people = on_shift.reindex(starts).fillna(0.0)
        hours = float(people.sum()) * step_hours
        if hours <= 0:
            continue
        change += sign * hours
        night = day_text(starts.min(), year=True)
        most = f"{float(people.max()):,.0f}"
        parts.append(
            f"on {night} the {most} {'person' if most == '1' else 'people'} on shift in "
            f"{starts.min():%H:%M}–{starts.max() + pd.Timedelta(minutes=interval_minutes):%H:%M}, "
            f"the hour clocks {what}, {verb} ({'+' if sign > 0 else '−'}{hours:,.1f} h)"
        )
    if not parts:
        return None
    worked = paid_hours + change
    sign = "+" if change >= 0 else "−"
    return (
        f"{'; '.join(parts)}. Shifts are set on the clock, and paid for the hours worked, as "
        f"European payroll pays them: {worked:,.1f} paid hours, not {paid_hours:,.1f} "
        f"({sign}{money_text(abs(change) * hourly_cost)})"
    )
