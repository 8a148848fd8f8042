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
    # No contact in the hour reads as skipped only where the zeros stop about it, as missing
    # rows must: AXA's Médical had none from Sat 7 Sep 2013 23:00 to Sun 02:30, a quiet night
    # read as a clock going forward on the second Sunday of September.
    zeros = np.where(flat == 0, np.nan, 1.0)
    if (
        _missing_run(zeros, first - 1, -1, per_hour) is None
        or _missing_run(zeros, first + per_hour, 1, per_hour) is None
    ):
        return None
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


# The hour a clock going back repeats, from the rule the history shows it going forward by, as
# the IANA time zone database (tzdata) pairs them: EU 'Mar lastSun 1:00u' with 'Oct lastSun
# 1:00u' (the same local hour both ways: 01:00 UK, 02:00 Central, 03:00 Eastern Europe), US
# 'Mar Sun>=8 2:00' with 'Nov Sun>=1 2:00' (02:00-03:00 skipped, 01:00-02:00 repeated),
# Australia 'Oct Sun>=1 2:00s' and New Zealand 'Sep lastSun 2:45s' with 'Apr Sun>=1' (02:00-03:00
# both ways). Key: (month, week) going forward; value: (month, week, hour shift) going back.
FALL_BACK = {
    (3, LAST): (10, LAST, 0),
    (3, 2): (11, 1, -1),
    (10, 1): (4, 1, 0),
    (9, LAST): (4, 1, 0),
}
# A past such night whose repeated hour holds this many times the Sundays around held both
# lived hours in one slot (an export on local time sums them); one hour's sits near 1.
SUMMED_RATIO = 1.5


@dataclass(frozen=True)
class RepeatedHour:
    """The hour from `hour` to `hour` + 1 on the `week`-th (LAST: last) Sunday of `month`, lived
    twice, paired with the hour `forward` the history shows the clock skipping."""

    month: int
    week: int
    hour: int
    forward: SkippedHour


def repeated_hours(skipped: list[SkippedHour]) -> list[RepeatedHour]:
    """The hours a clock going back repeats, for the rules `skipped` shows it going forward by
    (a rule tzdata does not pair, such as a second Sunday of September, gives none)."""
    rules = []
    for rule in skipped:
        paired = FALL_BACK.get((rule.month, rule.week))
        if paired is not None and 0 <= rule.hour + paired[2] <= LATEST_HOUR:
            rules.append(RepeatedHour(paired[0], paired[1], rule.hour + paired[2], rule))
    return rules


def _is_rule_sunday(day: pd.Timestamp, month: int, week: int) -> bool:
    if day.day_of_week != SUNDAY or day.month != month:
        return False
    if week == LAST:
        return (day + pd.Timedelta(days=7)).month != month
    return (day.day - 1) // 7 + 1 == week


def repeated_hour_rows(
    history: QueueHistory, rule: RepeatedHour, start: int, count: int
) -> list[int]:
    """The day rows `start .. start + count` on which `rule` repeats its hour."""
    return [
        row
        for row in range(start, start + count)
        if _is_rule_sunday(history.first_day + pd.Timedelta(days=row), rule.month, rule.week)
    ]


def _past_nights_text(history: QueueHistory, rule: RepeatedHour, end_row: int) -> str:
    """What the history's own such nights hold in the repeated hour, against the Sundays two
    and one week around: one hour's contacts, or both lived hours summed into one."""
    per_hour = 60 // history.interval_minutes
    hour = slice(rule.hour * per_hour, (rule.hour + 1) * per_hour)
    said = []
    for row in repeated_hour_rows(history, rule, 0, end_row):
        night = history.values[row, hour]
        around = [
            history.values[other, hour]
            for other in (row - 14, row - 7, row + 7, row + 14)
            if 0 <= other < end_row and not np.isnan(history.values[other, hour]).any()
        ]
        if np.isnan(night).any() or not around:
            continue
        usual = float(np.mean([hours.sum() for hours in around]))
        summed = usual > 0 and night.sum() >= SUMMED_RATIO * usual
        said.append(
            f"{day_text(history.first_day + pd.Timedelta(days=row), year=True)} held "
            f"{night.sum():,.0f} contacts there, the Sundays around {usual:,.0f} on average: "
            + ("both lived hours summed into one slot" if summed else "one hour's")
        )
    return f" In the history, {'; '.join(said)}." if said else ""


def repeated_hour_note(
    history: QueueHistory, rule: RepeatedHour, row: int, contacts: float, end_row: int
) -> str:
    """'Nuit: Sun 28 Oct 2012 02:00–03:00 is lived twice ...': the hour a clock going back
    repeats, forecast with one hour's `contacts` each time it is lived; `end_row`: the
    history's day rows before the forecast, whose own such nights are described."""
    day = history.first_day + pd.Timedelta(days=row)
    hours = f"{rule.hour:02d}:00–{rule.hour + 1:02d}:00"
    seen = " and ".join(
        ", ".join(day_text(night, year=True) for night in rule.forward.seen_on).rsplit(", ", 1)
    )
    forward = f"{rule.forward.hour:02d}:00–{rule.forward.hour + 1:02d}:00"
    return (
        f"{history.queue}: {day_text(day, year=True)} {hours} is lived twice, the clock going "
        f"back an hour, as the history shows it skipping {forward} going forward on {seen}. "
        f"Each hour lived is forecast ≈ {contacts:,.0f} contacts: `cli.py forecast --out` lists "
        "the hour's intervals twice, in the order lived, and `staff` and `plan` staff both "
        f"(the Forecast page's chart and table show the clock's hour once).{_past_nights_text(history, rule, end_row)}"
    )


def with_repeated_hours(table: pd.DataFrame, repeated_slots: pd.DataFrame) -> pd.DataFrame:
    """`table` (queue, interval_start, ...) with each of `repeated_slots` listed twice in the
    order lived, its hour's intervals then the same again (02:00, 02:30, 02:00, 02:30, 03:00),
    as `staff` reads the hour a clock going back repeats: a forecast on the wall clock's grid
    listed it once, and a 24/7 desk was staffed for 72 hours over a night of 73."""
    if repeated_slots.empty or table.empty:
        return table
    pairs = pd.MultiIndex.from_frame(repeated_slots[["queue", "interval_start"]])
    keys = pd.MultiIndex.from_arrays(
        [table["queue"].astype(str), pd.to_datetime(table["interval_start"])]
    )
    twice = keys.isin(pairs)
    if not twice.any():
        return table
    position = np.arange(len(table), dtype=float)
    # A second listing goes after the last first listing of its queue's hour on that night.
    hour = pd.to_datetime(table["interval_start"]).dt.floor("h").to_numpy()
    group = pd.Series(position[twice]).groupby(
        [table["queue"].astype(str).to_numpy()[twice], hour[twice]]
    )
    after = group.transform("max").to_numpy() + (1 + group.cumcount().to_numpy()) / 1000
    ordered = pd.concat([table, table[twice]])
    order = np.argsort(np.concatenate([position, after]), kind="stable")
    return ordered.iloc[order].reset_index(drop=True)
