"""Where a queue's data really ends: trailing empty days of an export cut short are not demand."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.dates import day_text
from data.schema import INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from forecasting.calendar import EVE_DATES, holiday_names
from forecasting.clock_shift import find_clock_shift, on_current_clock
from forecasting.history import QueueHistory, history_from_intervals
from forecasting.hours_change import RECENT_WEEKS

# A queue whose data stops this many days before the forecast starts is forecast from its own
# last data, not from empty weeks (models fitted on the last N calendar weeks would see none).
MIN_GAP_DAYS = 7
# A busy day that brings no contact at all is an export cut short, not a quiet day, when a usual
# such day brings so many that zero has under a 1-in-1000 chance (Poisson: exp(-7) < 0.001).
MIN_USUAL_FOR_ZERO = 7.0
MIN_ZERO_DAYS = 2  # a single empty day may be a closure nobody flagged
# A report padded with zero rows pads the rest of its period (a month, a quarter): zeros running
# longer than that are a queue that stopped, not an export cut short, even alone in its file.
MAX_CUT_SHORT_DAYS = 92
USUAL_WEEKS = 4


@dataclass(frozen=True)
class DataEnd:
    """How the end of a queue's history was read."""

    last_day: int  # day row of the last day with contacts
    zero_days: int  # trailing open days with zero contacts read as missing
    gap_days: int  # days between the last data and the forecast start
    stopped_days: int = 0  # trailing zero days too many for an export's padding: a stopped queue


def find_data_end(
    history: QueueHistory,
    special: np.ndarray | None = None,
    busy_elsewhere: np.ndarray | None = None,
) -> DataEnd:
    """The last day with data, after reading a trailing run of impossible zero days as missing;
    `special` days (holidays: bool per day) neither count as such nor end the run.

    `busy_elsewhere` (bool per day): another queue of the same data counted contacts that day.
    Zeros on such days are no export cut short, as the export ran: over the `RECENT_WEEKS`
    weeks the hours check needs, they are kept as data, and read there as a queue shut down
    (forecast at 0, with its note). A shorter silence stays read as missing: kept, its zeros
    would pull the forecast part way down without a word."""
    special = np.zeros(history.n_days, dtype=bool) if special is None else special
    values = history.values
    open_rows = history.open_rows(0, history.n_days)
    seen = (~np.isnan(values) & open_rows).any(axis=1)
    totals = np.where(open_rows, np.nan_to_num(values), 0.0).sum(axis=1)
    day = int(np.flatnonzero(seen)[-1]) if seen.any() else -1
    probe, empty = day, []
    while probe >= 0 and (not open_rows[probe].any() or totals[probe] == 0):
        if open_rows[probe].any() and seen[probe] and not special[probe]:
            empty.append(probe)
        probe -= 1
    # Judged against the weeks before the run, however long it is (a month-to-date report
    # padded with zero rows for the rest of the month).
    zero_days = sum(
        _usual(totals, seen, probe, empty_day) >= MIN_USUAL_FOR_ZERO for empty_day in empty
    )
    stopped = day - probe > MAX_CUT_SHORT_DAYS
    shut = stopped or (
        busy_elsewhere is not None
        and bool(empty)
        and day - probe >= 7 * RECENT_WEEKS
        and busy_elsewhere[empty].mean() > 0.5  # most of its silent days, the others counted
    )
    # A sparse queue has no single day busy enough to judge, but months of them are: silence
    # over a run where the weeks before would bring MIN_USUAL_FOR_ZERO in all is no chance.
    improbable = zero_days >= MIN_ZERO_DAYS or (
        _mean_before(totals, seen, probe) * len(empty) >= MIN_USUAL_FOR_ZERO
    )
    stopped_days = day - probe if stopped and improbable else 0
    if zero_days >= MIN_ZERO_DAYS and not shut:
        day = probe
    else:
        zero_days = 0
    return DataEnd(day, zero_days, history.n_days - 1 - day, stopped_days)


def _usual(totals: np.ndarray, seen: np.ndarray, last: int, day: int) -> float:
    """Median total of `day`'s weekday over the `USUAL_WEEKS` weeks up to day row `last`, on
    the days that had contacts."""
    earlier = [d for d in range(max(0, last - 7 * USUAL_WEEKS + 1), last + 1) if (day - d) % 7 == 0]
    busy = [totals[d] for d in earlier if seen[d] and totals[d] > 0]
    return float(np.median(busy)) if busy else 0.0


def _mean_before(totals: np.ndarray, seen: np.ndarray, last: int) -> float:
    """Mean daily total over the observed days of the `USUAL_WEEKS` weeks up to day row
    `last`, quiet days included (a sparse queue's usual day brings a fraction of a contact)."""
    days = np.arange(max(0, last - 7 * USUAL_WEEKS + 1), last + 1)
    days = days[seen[days]] if days.size else days
    return float(totals[days].mean()) if days.size else 0.0


def trim_to_data(history: QueueHistory, end: DataEnd) -> QueueHistory:
    """The history up to its last day with data when the gap after it is long enough to matter
    (and the zero days read as missing); the history unchanged otherwise."""
    if end.last_day < 0 or (end.gap_days < MIN_GAP_DAYS and not end.zero_days):
        return history
    values = history.values.copy()
    values[end.last_day + 1 :] = np.nan
    if end.gap_days < MIN_GAP_DAYS:
        return history.with_values(values)
    return history.with_values(values).truncate(end.last_day + 1)


def cut_day_ends(
    frame: pd.DataFrame, country: str | None = None, subdivision: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The interval table with the zero rows that end a queue's last day read as missing, where
    the same times of the weeks before brought so many contacts (MIN_USUAL_FOR_ZERO) that none
    at all is an export cut short (at noon, say) rather than a quiet afternoon; and a note per
    queue cut. Whole empty days are `find_data_end`'s. A last day that is a holiday or an eve
    of the `country`'s calendar is left as it came: a desk closing early on New Year's Eve is
    no export cut short, and the weeks before are no usual for it."""
    volume = pd.to_numeric(frame[VOLUME], errors="coerce").to_numpy(dtype=float)
    times = pd.to_datetime(frame[INTERVAL_START]).to_numpy()
    is_open = (
        frame[IS_OPEN].to_numpy(dtype=bool)
        if IS_OPEN in frame.columns
        else np.ones(len(frame), dtype=bool)
    )
    queues = frame[QUEUE].astype(str).to_numpy()
    cut, notes = np.zeros(len(frame), dtype=bool), []
    for queue in pd.unique(queues):
        rows = np.flatnonzero(queues == queue)
        rows = rows[np.argsort(times[rows], kind="stable")]
        run = _trailing_zero_run(volume[rows], is_open[rows])
        if not run.size or not _day_had_contacts(times[rows], volume[rows], run[0]):
            continue
        days = pd.DatetimeIndex(times[rows][run]).normalize()
        if days[0] != days[-1]:
            continue  # empty days after it: find_data_end judges those
        if _special_day(days[0], country, subdivision):
            continue
        by_time = pd.Series(volume[rows], index=times[rows])
        by_time = by_time[~by_time.index.duplicated()]
        usual = sum(_usual_at(by_time, pd.Timestamp(times[rows][i])) for i in run)
        if usual >= MIN_USUAL_FOR_ZERO:
            usual = _usual_on_current_clock(frame.iloc[rows], times[rows][run], usual)
        if usual >= MIN_USUAL_FOR_ZERO:
            cut[rows[run]] = True
            first = pd.Timestamp(times[rows][run[0]])
            notes.append(
                f"{queue}: no contact from {day_text(first, year=True, clock=True)} to the end of the data, "
                f"where about {usual:,.0f} are usual at those times: read as missing (an export "
                "cut short), and forecast."
            )
    if not cut.any():
        return frame, notes
    return frame.assign(**{VOLUME: np.where(cut, np.nan, volume)}), notes


def _special_day(day: pd.Timestamp, country: str | None, subdivision: str | None) -> bool:
    """`day` is a public holiday of the calendar, or an eve (Christmas, New Year) where one is
    set, as day_kinds marks them."""
    if not country:
        return False
    return day.month * 100 + day.day in EVE_DATES or bool(
        holiday_names(day, 1, country, subdivision).get(day)
    )


def _usual_on_current_clock(rows: pd.DataFrame, run_times: np.ndarray, usual: float) -> float:
    """`usual` for the `run_times`, judged on the current clock where an export on UTC (or
    another fixed offset) moved its day an hour at a daylight-saving switch within the weeks
    it is judged on: after the spring switch a desk closing at 18:00 Paris time closes at
    16:00 UTC, and the weeks before, when 16:00-17:00 UTC was still open, are no usual for it."""
    history = history_from_intervals(rows, str(rows[QUEUE].iloc[0]))
    shift = find_clock_shift(history, history.observed_days())
    last_row = history.n_days - 1
    if shift is None or last_row - shift.rows[-1] >= 7 * USUAL_WEEKS:
        return usual
    values = on_current_clock(history, shift).values
    total = 0.0
    for moment in pd.DatetimeIndex(run_times):
        row = history.day_index(moment)
        slot = (moment.hour * 60 + moment.minute) // history.interval_minutes
        before = [values[row - 7 * k, slot] for k in range(1, USUAL_WEEKS + 1) if row >= 7 * k]
        known = [value for value in before if not np.isnan(value)]
        total += float(np.median(known)) if known else 0.0
    return total


def _trailing_zero_run(volume: np.ndarray, is_open: np.ndarray) -> np.ndarray:
    """Positions of the open zero rows at the end (closed and empty rows skipped), oldest
    first; empty when the last open row with data counts contacts."""
    run = []
    for position in range(len(volume) - 1, -1, -1):
        if not is_open[position] or np.isnan(volume[position]):
            continue
        if volume[position] != 0:
            break
        run.append(position)
    return np.array(run[::-1], dtype=int)


def _day_had_contacts(times: np.ndarray, volume: np.ndarray, first: int) -> bool:
    """The run starting at position `first` follows contacts earlier on its own day: a day
    cut, not a day empty."""
    day = pd.Timestamp(times[first]).normalize().to_datetime64()
    earlier = (times >= day) & (times < times[first])
    return bool((volume[earlier] > 0).any())


def _usual_at(by_time: pd.Series, moment: pd.Timestamp) -> float:
    """Median count at the same time of the `USUAL_WEEKS` weeks before (0 when none known)."""
    before = [moment - pd.Timedelta(weeks=k) for k in range(1, USUAL_WEEKS + 1)]
    known = by_time.reindex(before).dropna()
    return float(known.median()) if len(known) else 0.0
