"""Outlier intervals: far from the same weekday and slot of the surrounding weeks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting.history import QueueHistory

NEIGHBOUR_WEEKS = 4
# Four weeks of history give each day three same-weekday neighbours: enough to judge.
MIN_NEIGHBOURS = 3
# A day with fewer later weeks than this may be the start of a level shift, so only a few
# stray intervals of it are flagged (a spike), never a large share of the day (a new level).
MIN_WEEKS_AFTER = 2
RECENT_SPIKE_SHARE = 0.25
# ... unless the open days after it came back: a new level stays, a storm day passes. The days
# after must have moved less than half as far (in log ratio to their usual) as the day itself.
DAYS_AFTER_TO_JUDGE = 2
CAME_BACK_SHARE = 0.5
# A day at twice (or half) its usual is judged on one day after it, or, as the last open day,
# on the days before it: after ordinary days, a doubling overnight that lasts is rarer than a
# storm or an outage, and the forecast note names the day so that the manager can tell.
EXTREME_LOG_RATIO = float(np.log(2.0))
# A whole open day without a contact is an outage when its usual day brings at least this many:
# a Poisson count of that mean is 0 about once in 20,000 days.
MIN_USUAL_FOR_OUTAGE = 10.0
# A weekday silent on at least half its dates opens only on some (the median of its neighbours
# is then a closed day): its silent days are no neighbours for the days it opened.
OCCASIONAL_SHARE = 0.5
# Empty days in a row spanning at least a week silence every weekday at once: an export that
# wrote zeros, a phone outage or a closure, not a new rota (which empties one weekday and keeps
# the others busy). Once contacts come back they are no demand to learn from, however long: a
# run of weeks trained on as zeros read as a steep trend after it (+18% on a reopened desk).
# They are judged on the weeks before them, as the weeks around a long run are empty too.
MIN_SILENT_WEEK_DAYS = 7
# A run of days each far above its usual as a whole (a storm week, an incident), then the week
# after it back at the level before it, passed: slot by slot a x1.8 day clears the noise only at its
# peaks, and the days of a surge week are each other's "days after", so the rules above keep
# most of it. A run that never comes back is a new level, left to the level-shift check. Runs
# below the usual are kept: on the AXA queues they were lost contacts that came back in the days
# after, or a lower level setting in, and leaving them out raised the forecast (Gestion - Accueil
# Telephonique interval WAPE 0.540 -> 0.584 over 12 origins).
RUN_LOG_RATIO = float(np.log(1.5))  # as far as a level shift must move
# The week after a run is judged once this many of its open days are in: a surge that ended
# days before the history does would otherwise inflate the whole forecast as a "trend" until a
# full week had passed.
MIN_OPEN_DAYS_AFTER_RUN = 3
RUN_SPREADS = 4.0  # ... and this many day-to-day (or Poisson) spreads: a noisy day stays
MAX_RUN_DAYS = 14  # first to last day: longer is a season or a level, not an incident
YEAR_DAYS = 364  # the same weekdays a year before or after: a run there too is seasonal


def _nan_median_first_axis(stack: np.ndarray, count: np.ndarray) -> np.ndarray:
    """np.nanmedian(stack, axis=0) for a short first axis, by one sort (NaN sort last):
    several times faster than nanmedian's per-column path. NaN where nothing is there."""
    ordered = np.sort(stack, axis=0)
    lower = np.clip((count - 1) // 2, 0, None)[None]
    upper = np.clip(count // 2, 0, stack.shape[0] - 1)[None]
    middle = (np.take_along_axis(ordered, lower, 0) + np.take_along_axis(ordered, upper, 0)) / 2
    return np.where(count > 0, middle[0], np.nan)


def _neighbours(values: np.ndarray) -> np.ndarray:
    """The same weekday and slot up to 4 weeks either side: (8, days, slots), NaN outside."""
    n = values.shape[0]
    neighbours = np.full((2 * NEIGHBOUR_WEEKS,) + values.shape, np.nan)
    for k in range(1, NEIGHBOUR_WEEKS + 1):
        shift = 7 * k
        if shift < n:
            neighbours[2 * k - 2, shift:] = values[:-shift]
            neighbours[2 * k - 1, :-shift] = values[shift:]
    return neighbours


def _neighbour_stats(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, MAD and count of the same weekday and slot up to 4 weeks either side."""
    neighbours = _neighbours(values)
    count = (~np.isnan(neighbours)).sum(axis=0)
    median = _nan_median_first_axis(neighbours, count)
    mad = _nan_median_first_axis(np.abs(neighbours - median), count)
    return median, mad, count


def _neighbour_median(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """_neighbour_stats' median and count, without the MAD an outage is not judged by."""
    neighbours = _neighbours(values)
    count = (~np.isnan(neighbours)).sum(axis=0)
    return _nan_median_first_axis(neighbours, count), count


@dataclass(frozen=True)
class NeighbourReading:
    """A history's values with their neighbour median and count (`_neighbour_median`), and the
    MAD where asked for (`_neighbour_stats`), read once so that each backtest origin cuts them
    instead of reading its history again."""

    values: np.ndarray  # (days, slots)
    median: np.ndarray
    seen: np.ndarray
    mad: np.ndarray | None = None

    @classmethod
    def of(cls, values: np.ndarray, with_mad: bool = False) -> NeighbourReading:
        if with_mad:
            median, mad, seen = _neighbour_stats(values)
            return cls(values, median, seen, mad)
        return cls(values, *_neighbour_median(values))

    def cut(self, values: np.ndarray) -> NeighbourReading:
        """The reading of `values`. Where they are this reading's first days, a day 4 weeks or
        more before their end has all its neighbours inside them, as here: only the last 4
        weeks are read again, from the 4 weeks before them. Else read whole."""
        n, reach, with_mad = len(values), 7 * NEIGHBOUR_WEEKS, self.mad is not None
        if n > len(self.values) or not np.array_equal(values, self.values[:n], equal_nan=True):
            return NeighbourReading.of(values, with_mad)
        if n == len(self.values):
            return self
        cut = max(n - reach, 0)
        start = max(cut - reach, 0)
        tail = NeighbourReading.of(values[start:], with_mad)

        def joined(whole: np.ndarray | None, last: np.ndarray | None) -> np.ndarray | None:
            return None if whole is None else np.concatenate([whole[:cut], last[cut - start :]])

        return NeighbourReading(
            values,
            joined(self.median, tail.median),
            joined(self.seen, tail.seen),
            joined(self.mad, tail.mad),
        )


class LongestReading:
    """The longest history's neighbour reading (median, MAD, count) so far, which a history
    that starts with its values cuts instead of reading afresh: one per queue, its forecast's
    origin read first, then the earlier backtest origins."""

    def __init__(self) -> None:
        self.reading: NeighbourReading | None = None

    def of(self, values: np.ndarray) -> NeighbourReading:
        if self.reading is None:
            reading = NeighbourReading.of(values, with_mad=True)
        else:
            reading = self.reading.cut(values)
        if self.reading is None or len(values) > len(self.reading.values):
            self.reading = reading
        return reading


def detect_outliers(
    history: QueueHistory, threshold: float = 5.0, longest: LongestReading | None = None
) -> np.ndarray:
    """Bool (days, slots): |y - median| > threshold x max(1.4826 MAD, sqrt(median + 1)).

    The sqrt term is the Poisson noise floor, so quiet slots are not flagged for one call. In
    the last `MIN_WEEKS_AFTER` weeks a day is flagged only where under a quarter of its open
    slots stand out, or where the days around it show it passed: a one-off spike is cleaned at
    once, a recent level shift is kept. Whole days are left out for an outage, or as a run far
    above the usual that a week back at the usual level followed (`_passed_runs`). `longest`:
    the queue's reading of a longer history, which this one's neighbours are cut from where
    its values are that history's first days.
    """
    values = history.values
    n = values.shape[0]
    open_rows = history.open_rows(0, n)
    closed = closed_days(history)
    judged = np.where(closed[:, None], np.nan, values)
    if longest is None:
        median, mad, seen = _neighbour_stats(judged)
    else:
        reading = longest.of(judged)
        median, mad, seen = reading.median, reading.mad, reading.seen
    noise = np.maximum(1.4826 * np.nan_to_num(mad), np.sqrt(np.nan_to_num(median) + 1))
    # y - median also carries the median's own error, variance ~ pi sigma^2 / (2 n) for n
    # neighbours (asymptotic variance of a sample median): it matters with 3 or 4 of them.
    scale = noise * np.sqrt(1 + np.pi / (2 * np.maximum(seen, 1)))
    with np.errstate(invalid="ignore"):
        flagged = (np.abs(values - median) > threshold * scale) & (seen >= MIN_NEIGHBOURS)
    flagged &= open_rows
    later_weeks = (n - 1 - np.arange(n)) // 7
    share = flagged.sum(axis=1) / np.maximum(open_rows.sum(axis=1), 1)
    judged = (later_weeks >= MIN_WEEKS_AFTER) | (share < RECENT_SPIKE_SHARE)
    judged |= _passed_spikes(values, median, open_rows, ~judged)
    outages = _outage_days(values, median, seen, open_rows)
    outages |= _passed_runs(values, median, seen, open_rows, flagged)
    flagged[outages] = open_rows[outages] & ~np.isnan(values[outages])
    judged |= outages
    return flagged & judged[:, None]


def closed_days(history: QueueHistory) -> np.ndarray:
    """Bool per day: the days without a contact in any open slot of a weekday the desk opens on
    only some dates (a Saturday a month: at least OCCASIONAL_SHARE of its days silent), where the
    days with contacts around them bring at least MIN_USUAL_FOR_OUTAGE. As neighbours they made
    every day the desk did open look like an outlier. A closure now and then on an ordinary
    weekday stays a neighbour, as do a quiet queue's empty days."""
    values, weekdays = history.values, history.weekdays()
    seen_open = history.open_rows(0, history.n_days) & ~np.isnan(values)
    totals = np.where(seen_open, values, 0.0).sum(axis=1)
    silent = seen_open.any(axis=1) & (totals == 0)
    days = np.bincount(weekdays, seen_open.any(axis=1), minlength=7)
    share = np.bincount(weekdays, silent, minlength=7) / np.maximum(days, 1)
    usual = _neighbour_stats(np.where(silent, np.nan, totals)[:, None])[0][:, 0]
    return (
        silent
        & (share[weekdays] >= OCCASIONAL_SHARE)
        & (np.nan_to_num(usual) >= MIN_USUAL_FOR_OUTAGE)
    )


def ordinary_values(history: QueueHistory, ordinary: np.ndarray) -> np.ndarray:
    """The history's values on the `ordinary` days, NaN on the others: what outages are read on."""
    return np.where(ordinary[:, None], history.values, np.nan)


def outage_days(
    history: QueueHistory, ordinary: np.ndarray, whole: NeighbourReading | None = None
) -> np.ndarray:
    """Bool per day: the `ordinary` days (not holidays, bridges or left-out periods) that were
    an outage or an export's zeros, as the cleaning leaves them out of training. `whole`: the
    reading of a longer history's `ordinary_values`, of which this one may be the first days."""
    values = ordinary_values(history, ordinary)
    if whole is None:
        median, seen = _neighbour_median(values)
    else:
        reading = whole.cut(values)
        median, seen = reading.median, reading.seen
    return _outage_days(values, median, seen, history.open_rows(0, history.n_days))


def _outage_days(
    values: np.ndarray, median: np.ndarray, seen: np.ndarray, open_rows: np.ndarray
) -> np.ndarray:
    """Bool per day: open days that brought no contact at all where their usual is far too
    many for that to be chance (a phone outage, an export that wrote zeros), with contacts
    again on a later day. Slot by slot a quiet queue's zeros stay within the noise, so the
    whole day is judged; a queue that stopped is left to the data-end check."""
    judged = open_rows & ~np.isnan(values) & (seen >= MIN_NEIGHBOURS)
    usual = np.where(judged, np.nan_to_num(median), 0.0).sum(axis=1)
    total = np.where(judged, values, 0.0).sum(axis=1)
    empty = judged.any(axis=1) & (total == 0) & (usual >= MIN_USUAL_FOR_OUTAGE)
    day_totals = np.where(open_rows, np.nan_to_num(values), 0.0).sum(axis=1)
    busy = np.flatnonzero(day_totals > 0)
    last_busy = busy[-1] if busy.size else -1
    # The same weekday a week before or after empty too: a closing pattern, not an outage,
    # unless every day between was empty as well (a silent week is no rota).
    week_before, week_after = np.ones(len(values), bool), np.ones(len(values), bool)
    week_before[7:] = day_totals[:-7] > 0
    week_after[:-7] = day_totals[7:] > 0
    silent = _silent_weeks(day_totals, (open_rows & ~np.isnan(values)).any(axis=1))
    return (np.arange(len(values)) < last_busy) & ((empty & week_before & week_after) | silent)


def _silent_weeks(day_totals: np.ndarray, has_slots: np.ndarray) -> np.ndarray:
    """Bool per day: the days with open slots (`has_slots`) inside a run of at least
    `MIN_SILENT_WEEK_DAYS` days in a row without a contact (closed days, holidays and days
    without rows included), after weeks that brought `MIN_USUAL_FOR_OUTAGE` contacts or more
    per open day."""
    silent = np.zeros(len(day_totals), dtype=bool)
    edges = np.diff(np.concatenate(([0], (day_totals == 0).astype(int), [0])))
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        before = slice(max(0, start - 7 * NEIGHBOUR_WEEKS), start)
        open_days = int(has_slots[before].sum())
        busy_before = open_days > 0 and day_totals[before].sum() >= MIN_USUAL_FOR_OUTAGE * open_days
        if end - start >= MIN_SILENT_WEEK_DAYS and busy_before:
            silent[start:end] = has_slots[start:end]
    return silent


def _passed_runs(
    values: np.ndarray,
    median: np.ndarray,
    seen: np.ndarray,
    open_rows: np.ndarray,
    flagged: np.ndarray,
) -> np.ndarray:
    """Bool per day: the days of runs of up to `MAX_RUN_DAYS` whose every open day stood far
    above its usual, followed by days back at the level of the weeks before the run (at least
    `MIN_OPEN_DAYS_AFTER_RUN` open days of the week after it), and not matched by a run at the
    same time a year before or after.

    A day's rise must show outside its `flagged` intervals too (at least half of it), so that a
    day up through a stray interval or two is not left out whole."""
    n = len(values)
    slots = open_rows & ~np.isnan(values) & (seen >= MIN_NEIGHBOURS)
    log_ratio = _day_log_ratios(values, median, slots)
    rest = _day_log_ratios(values, median, slots & ~flagged)
    rest = np.where(np.isnan(rest), log_ratio, rest)  # every interval flagged, or none busy
    days = np.flatnonzero(np.isfinite(log_ratio))
    passed = np.zeros(n, dtype=bool)
    if days.size < 2 * 7:
        return passed
    ratios = log_ratio[days]
    spread = 1.4826 * float(np.median(np.abs(ratios - np.median(ratios))))
    # 1 / sqrt(usual): the Poisson spread of a day's log count, wide on a quiet day.
    usual = np.where(slots, np.nan_to_num(median), 0.0).sum(axis=1)[days]
    bar = np.maximum(RUN_LOG_RATIO, RUN_SPREADS * np.maximum(spread, usual**-0.5))
    high = (ratios >= bar) & (rest[days] >= bar / 2)
    # Runs over the days with a ratio: closed days and holidays (NaN) do not break one.
    for run in np.split(np.arange(days.size), np.flatnonzero(np.diff(high)) + 1):
        first, last = days[run[0]], days[run[-1]]
        week_after = np.arange(last + 1, min(last + 8, n))
        if (
            not high[run[0]]
            or last - first >= MAX_RUN_DAYS
            or slots[week_after].any(axis=1).sum() < MIN_OPEN_DAYS_AFTER_RUN
        ):
            continue
        moved = float(np.median(ratios[run]))
        after = _log_ratio_to_before(values, slots, first, week_after)
        if not abs(after) < CAME_BACK_SHARE * moved:  # NaN: nothing to judge by
            continue
        year = np.concatenate([days[run] - YEAR_DAYS, days[run] + YEAR_DAYS])
        year = log_ratio[year[(year >= 0) & (year < n)]]
        year = year[np.isfinite(year)]
        if year.size and float(np.median(year)) >= CAME_BACK_SHARE * moved:
            continue
        passed[days[run]] = True
    return passed


def _day_log_ratios(values: np.ndarray, median: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Per day, log(contacts / usual) over `slots`; NaN where either is 0."""
    usual = np.where(slots, np.nan_to_num(median), 0.0).sum(axis=1)
    total = np.where(slots, values, 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((usual > 0) & (total > 0), np.log(total / usual), np.nan)


def _log_ratio_to_before(
    values: np.ndarray, slots: np.ndarray, first: int, rows: np.ndarray
) -> float:
    """log(contacts of `rows` / their same weekday and slot median over the 4 weeks before row
    `first`): judged against the level before a run, which the run itself does not move."""
    usual = total = 0.0
    for row in rows:
        weeks = (row - first) // 7 + 1 + np.arange(NEIGHBOUR_WEEKS)
        before = values[row - 7 * weeks[row - 7 * weeks >= 0]]
        if not len(before):
            continue
        count = (~np.isnan(before)).sum(axis=0)
        reference = _nan_median_first_axis(before, count)
        use = slots[row] & (count >= MIN_NEIGHBOURS)
        usual += float(reference[use].sum())
        total += float(values[row][use].sum())
    return float(np.log(total / usual)) if usual > 0 and total > 0 else np.nan


def _passed_spikes(
    values: np.ndarray, median: np.ndarray, open_rows: np.ndarray, recent: np.ndarray
) -> np.ndarray:
    """Bool per day: of the `recent` days that stand out as a whole, those after which the
    next open days went back to their usual level (a storm, an outage), unlike a level shift."""
    usual = np.where(open_rows & ~np.isnan(values), np.nan_to_num(median), 0.0).sum(axis=1)
    seen = np.where(open_rows, np.nan_to_num(values), 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.where((usual > 0) & (seen > 0), np.log(seen / usual), np.nan)
    passed = np.zeros(len(values), dtype=bool)
    for day in np.flatnonzero(recent & np.isfinite(log_ratio)):
        after = log_ratio[day + 1 : day + 8]
        after = after[np.isfinite(after)]
        extreme = abs(float(log_ratio[day])) >= EXTREME_LOG_RATIO
        if len(after) >= DAYS_AFTER_TO_JUDGE or (extreme and len(after)):
            moved = abs(float(np.median(after)))
            passed[day] = moved < CAME_BACK_SHARE * abs(float(log_ratio[day]))
        elif extreme and not len(after):  # the last open day: one-off if the days before were
            before = log_ratio[max(0, day - 7) : day]  # ordinary, else the end of a new level
            before = before[np.isfinite(before)]
            moved = abs(float(np.median(before))) if len(before) else np.inf
            passed[day] = moved < CAME_BACK_SHARE * abs(float(log_ratio[day]))
    return passed


def recent_one_off_days(history: QueueHistory, flagged: np.ndarray) -> list[tuple[int, float]]:
    """(day row, contacts / usual) of the days of the last weeks left out as a whole: the ones
    a manager should hear about, since they could also be the start of a new level."""
    n = history.n_days
    open_rows = history.open_rows(0, n)
    share = flagged.sum(axis=1) / np.maximum(open_rows.sum(axis=1), 1)
    median, _, _ = _neighbour_stats(history.values)
    days = []
    for day in np.flatnonzero(share >= RECENT_SPIKE_SHARE):
        if (n - 1 - day) // 7 >= MIN_WEEKS_AFTER:
            continue
        slots = open_rows[day] & ~np.isnan(history.values[day])
        usual = float(np.nan_to_num(median[day][slots]).sum())
        if usual > 0:
            days.append((int(day), float(np.nansum(history.values[day][slots])) / usual))
    return days


def outlier_table(history: QueueHistory, flagged: np.ndarray) -> pd.DataFrame:
    """The flagged intervals with the usual value (neighbour median) they were compared to."""
    median, _, _ = _neighbour_stats(history.values)
    rows, cols = np.nonzero(flagged)
    times = history.first_day + pd.to_timedelta(
        rows * 1440 + cols * history.interval_minutes, unit="m"
    )
    return pd.DataFrame(
        {
            QUEUE: history.queue,
            INTERVAL_START: times,
            VOLUME: history.values[rows, cols],
            "usual": median[rows, cols],
        }
    )
