"""A fixed-offset export's day moving an hour at a daylight-saving switch, learned from the
history alone.

An export on UTC (or any fixed offset) of a desk that keeps local hours sees its whole day -
opening, peaks, closing - move an hour earlier when the local clock goes forward and an hour
later when it goes back. Read as it came, the weeks before a switch blend the old clock into the
forecast: the hour before opening or after closing forecast open, every peak smeared over two
hours, until the hours-change check has four weeks of the new hours. No time zone is assumed: a
Sunday some daylight-saving switch falls on, after which the week's intraday pattern matches the
weeks before moved by one hour, far better than unmoved and than on any Sunday near it, is such
a switch, and the days before it are moved to the current clock.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.history import QueueHistory

SUNDAY = 6
# The days of the month a daylight-saving switch in use falls on, when on a Sunday, from the
# rules of the IANA time zone database (tzdata): the United States and Cuba 'Mar Sun>=8' and
# 'Nov Sun>=1', Paraguay 'Mar Sun>=22', the European Union, Lebanon and Moldova 'Mar lastSun'
# and 'Oct lastSun', Australia 'Apr Sun>=1' and 'Oct Sun>=1', New Zealand 'Apr Sun>=1' and
# 'Sep lastSun', Chile 'Apr Sun>=2' and 'Sep Sun>=2'. No clock moves on other Sundays, so a
# desk whose day came an hour later from one of them changed its hours.
SWITCH_DAYS = {
    3: ((8, 14), (22, 31)),
    4: ((1, 8),),
    9: ((2, 8), (24, 30)),
    10: ((1, 7), (25, 31)),
    11: ((1, 7),),
}
WEEKS_AROUND = 4  # the weeks before a Sunday set against the weeks after it
MIN_DAYS_AFTER = 3  # days with contacts needed after a switch to judge it
MIN_DAYS_BEFORE = 5
# Moved by the hour, the weeks before must explain the weeks after much better than unmoved:
# Poisson deviance down by at least half and by more than MIN_DEVIANCE_DROP (a likelihood-ratio
# statistic of 30 is far past chance for a single choice among a few dozen Sundays).
MAX_DEVIANCE_SHARE = 0.5
MIN_DEVIANCE_DROP = 30.0
SWITCH_GAP_DAYS = 8 * 7  # two switches are half a year apart: the best Sunday of a cluster wins
EXPECTED_FLOOR = 0.1  # contacts expected in a slot the other side never had, so logs stay finite


@dataclass(frozen=True)
class ClockShift:
    """The days before each `rows` entry moved by `slots` slots (positive: later) to be on the
    clock of the days after it."""

    rows: tuple[int, ...]
    slots: tuple[int, ...]


def _window_profiles(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per start row (a Sunday), contacts per weekday x slot over the `WEEKS_AROUND` weeks from
    it, as (starts, 7, slots) in weekday order; rows outside `values` count nothing. Each
    weekday's four days are added in row order, as a bincount over the rows adds them."""
    slots = values.shape[1]
    pad = 7 * WEEKS_AROUND
    padded = np.zeros((values.shape[0] + 2 * pad, slots))
    padded[pad : pad + values.shape[0]] = values
    rows = starts[:, None] + pad + np.arange(7)  # the window's first week, Sunday first
    summed = padded[rows]
    for week in range(1, WEEKS_AROUND):
        summed = summed + padded[rows + 7 * week]
    return np.roll(summed, -1, axis=1)  # Sunday first -> Monday first


def _deviances(after: np.ndarray, before: np.ndarray, days_after: np.ndarray) -> np.ndarray:
    """Per Sunday, Poisson deviance of the weeks after against the weeks before, scaled per
    weekday to the after-weeks' totals (a level change is no clock change), over the weekdays
    `days_after` (starts, 7) holds: 2 sum(y log(y / mu) - (y - mu)), McCullagh & Nelder,
    Generalized Linear Models, 2nd ed. (1989), section 2.3. Arrays (starts, 7, slots)."""
    totals = before.sum(axis=2, keepdims=True)
    scale = np.divide(after.sum(axis=2, keepdims=True), totals, where=totals > 0,
                      out=np.zeros_like(totals))  # fmt: skip
    expected = np.maximum(before * scale, EXPECTED_FLOOR)
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(after > 0, after * np.log(after / expected), 0.0)
    term = np.where(days_after[:, :, None], term - (after - expected), 0.0)
    return 2 * term.sum(axis=(1, 2))


def switch_days(days: pd.DatetimeIndex) -> np.ndarray:
    """Bool per day: a day of the month some daylight-saving switch falls on when a Sunday."""
    month, day = days.month.to_numpy(), days.day.to_numpy()
    inside = np.zeros(len(days), dtype=bool)
    for number, spans in SWITCH_DAYS.items():  # five months: a fixed tiny loop
        for first, last in spans:
            inside |= (month == number) & (day >= first) & (day <= last)
    return inside


def find_clock_shift(history: QueueHistory, ordinary: np.ndarray) -> ClockShift | None:
    """The Sundays where the history's day moved a whole hour, with the move, judged on the
    `ordinary` days (no holidays or left-out periods); None when there is none."""
    values = history.values
    n_days, slots = values.shape
    hour = 60 // history.interval_minutes
    if hour < 1 or 60 % history.interval_minutes:
        return None
    weekdays = history.weekdays()
    busy = ordinary & (np.nan_to_num(values).sum(axis=1) > 0)
    days = history.first_day + pd.to_timedelta(np.arange(n_days), unit="D")
    # Every Sunday is judged, so an hours change a week before a switch Sunday is found where
    # it happened, not on that Sunday.
    sundays = np.flatnonzero(weekdays == SUNDAY)
    # All Sundays in one pass: the four weeks from each (after) and the four before it.
    counted = np.where(busy[:, None], np.nan_to_num(values), 0.0)
    after = _window_profiles(counted, sundays)
    before = _window_profiles(counted, sundays - 7 * WEEKS_AROUND)
    busy_after = _window_profiles(busy[:, None].astype(float), sundays)[:, :, 0]
    busy_before = _window_profiles(busy[:, None].astype(float), sundays - 7 * WEEKS_AROUND)
    judged = (busy_after.sum(axis=1) >= MIN_DAYS_AFTER) & (
        busy_before[:, :, 0].sum(axis=1) >= MIN_DAYS_BEFORE
    )
    after, before, busy_after = after[judged], before[judged], busy_after[judged]
    days_after = busy_after > 0
    unmoved = _deviances(after, before, days_after)
    found: list[tuple[float, int, int]] = []  # (deviance drop, row, slots)
    for move in (-hour, hour):
        flat = before.reshape(len(before), 7 * slots)
        rolled = np.roll(flat, move, axis=1).reshape(before.shape)
        moved = _deviances(after, rolled, days_after)
        clear = (moved < MAX_DEVIANCE_SHARE * unmoved) & (unmoved - moved > MIN_DEVIANCE_DROP)
        found += [
            (float(drop), int(row), move)
            for drop, row in zip((unmoved - moved)[clear], sundays[judged][clear], strict=True)
        ]
    kept: list[tuple[int, int]] = []
    for _, row, move in sorted(found, reverse=True):
        if all(abs(row - other) >= SWITCH_GAP_DAYS for other, _ in kept):
            kept.append((row, move))
    kept = [(row, move) for row, move in kept if switch_days(days[[row]])[0]]
    if not kept:
        return None
    kept.sort()
    return ClockShift(tuple(row for row, _ in kept), tuple(move for _, move in kept))


def on_current_clock(history: QueueHistory, shift: ClockShift) -> QueueHistory:
    """The history with the days before each switch moved to the clock after it (the hour a
    move empties is missing), and the open hours cut to those of the current clock."""
    n_days, slots = history.values.shape
    flat = history.values.ravel()
    moves = np.zeros(n_days, dtype=int)
    for row, move in zip(shift.rows, shift.slots, strict=True):
        moves[:row] += move  # earlier days take every later switch's move too
    moved = np.full(flat.size, np.nan)
    starts = [0, *shift.rows]
    ends = [*shift.rows, n_days]
    # Segment by segment from the first: where a move overlaps the next segment, the later
    # days as they came win over the hour moved onto them.
    for start, end in zip(starts, ends, strict=True):
        move = int(moves[start])
        first, stop = start * slots + move, end * slots + move
        lo, hi = max(first, 0), min(stop, flat.size)
        moved[lo:hi] = flat[lo - move : hi - move]
    # The hours open on the old clock only: open in the union, but not once moved onto it.
    last = shift.slots[-1]
    mask = history.open_mask.ravel()
    open_mask = (mask & np.roll(mask, last)).reshape(history.open_mask.shape)
    return dataclasses.replace(history, values=moved.reshape(n_days, slots), open_mask=open_mask)


def clock_shift_note(history: QueueHistory, shift: ClockShift) -> str:
    """The latest switch, how the day moved, and that the weeks before follow it."""
    row, move = shift.rows[-1], shift.slots[-1]
    day = history.first_day + pd.Timedelta(days=row)
    way = "earlier" if move < 0 else "later"
    return (
        f"{history.queue}: from {day_text(day, year=True)} the whole day came an hour {way} (its "
        "busiest hours, and its opening and closing where it has them), as a daylight-saving "
        "switch moves it in an export on UTC or another fixed offset: the weeks before are read "
        f"an hour {way} too, and the forecast keeps to the current clock."
    )
