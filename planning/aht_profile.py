"""Handle time by weekday and time of day, kept only when it predicts held-out weeks better."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import AHT_SECONDS, INTERVAL_START, MINUTE_OF_DAY, QUEUE, VOLUME, WEEKDAY

AHT_FACTOR = "aht_factor"
WINDOW_WEEKS = 8  # handle times drift (new staff, new products): learn from the recent weeks
MIN_WEEKS = 4  # weeks with handle times before a shape is judged, each held out in turn
# Prior strength in contacts: a slot's own mean counts as much as this many contacts at the
# level above it (the time of day across weekdays, then the queue's mean). Held-out weeks pick.
SHRINK_GRID = (10.0, 30.0, 100.0, 300.0)
# The shape must cut the held-out weeks' workload error by this share: a hair's gain is noise.
MIN_IMPROVEMENT = 0.02
COLUMNS = [QUEUE, WEEKDAY, MINUTE_OF_DAY, AHT_FACTOR]


def aht_profiles(intervals: pd.DataFrame) -> pd.DataFrame:
    """Per queue whose handle time follows the weekday and time of day: its multiplier of the
    queue's mean handle time for each weekday (0 = Monday) and minute of day seen.

    A queue is left out (its handle time stays one figure) when it has fewer than MIN_WEEKS
    weeks with handle times, or when the shape learned from the other weeks does not lower the
    error of each held-out week's workload (contacts x handle time) by MIN_IMPROVEMENT. The
    multipliers average 1 over the contacts of the weeks they come from, so the queue's mean
    handle time, learned or typed, keeps its meaning.
    """
    if AHT_SECONDS not in intervals or intervals.empty:
        return pd.DataFrame(columns=COLUMNS)
    frames = [
        _queue_profile(str(queue), rows)
        for queue, rows in intervals.groupby(QUEUE, sort=True, observed=True)
    ]
    kept = [frame for frame in frames if frame is not None]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=COLUMNS)


def learned_weeks(intervals: pd.DataFrame) -> dict[str, int]:
    """Per queue with handle times, the weeks a shape is learned from: WINDOW_WEEKS, or the
    fewer weeks a shorter history holds, counted back from its last interval with one."""
    if AHT_SECONDS not in intervals or intervals.empty:
        return {}
    counts: dict[str, int] = {}
    for queue, rows in intervals.groupby(QUEUE, sort=True, observed=True):
        recent = _recent_handle_times(rows)
        if recent is not None:
            counts[str(queue)] = int(recent[3].max()) + 1
    return counts


def _recent_handle_times(
    rows: pd.DataFrame,
) -> tuple[pd.Series, np.ndarray, np.ndarray, np.ndarray] | None:
    """One queue's starts, handle times and contacts of the last WINDOW_WEEKS with both, and
    each row's week (0 = the last); None without any."""
    aht = pd.to_numeric(rows[AHT_SECONDS], errors="coerce").to_numpy(dtype=float)
    volume = pd.to_numeric(rows[VOLUME], errors="coerce").to_numpy(dtype=float)
    starts = pd.to_datetime(rows[INTERVAL_START])
    usable = np.isfinite(aht) & (aht > 0) & np.isfinite(volume) & (volume > 0)
    if not usable.any():
        return None
    starts, aht, volume = starts[usable], aht[usable], volume[usable]
    recent = (starts > starts.max() - pd.Timedelta(weeks=WINDOW_WEEKS)).to_numpy()
    starts, aht, volume = starts[recent], aht[recent], volume[recent]
    weeks = ((starts.max() - starts) // pd.Timedelta(weeks=1)).to_numpy()
    return starts, aht, volume, weeks


def _queue_profile(queue: str, rows: pd.DataFrame) -> pd.DataFrame | None:
    recent = _recent_handle_times(rows)
    if recent is None:
        return None
    starts, aht, volume, weeks = recent
    if np.unique(weeks).size < MIN_WEEKS:
        return None
    minutes = (starts.dt.hour * 60 + starts.dt.minute).to_numpy()
    slot_codes, slots = np.unique(minutes, return_inverse=True)
    weekday = starts.dt.day_of_week.to_numpy()
    cells = weekday * slot_codes.size + slots
    shrink = _held_out_shrink(weeks, slots, cells, slot_codes.size, aht, volume)
    if shrink is None:
        return None
    levels = _cell_levels(slots, cells, slot_codes.size, aht, volume, shrink)
    level = np.average(aht, weights=volume)
    per_cell = levels.reshape(7, slot_codes.size) / level
    factors = per_cell / np.average(per_cell.ravel()[cells], weights=volume)
    days, columns = np.meshgrid(np.arange(7), np.arange(slot_codes.size), indexing="ij")
    return pd.DataFrame(
        {
            QUEUE: queue,
            WEEKDAY: days.ravel(),
            MINUTE_OF_DAY: slot_codes[columns.ravel()],
            AHT_FACTOR: factors.ravel(),
        }
    )


def _cell_levels(
    slots: np.ndarray,
    cells: np.ndarray,
    n_slots: int,
    aht: np.ndarray,
    volume: np.ndarray,
    shrink: float,
) -> np.ndarray:
    """Handle time per weekday x slot cell (7 * n_slots): the cell's contact-weighted mean,
    pulled to its time of day across weekdays, itself pulled to the mean of all contacts."""
    level = np.average(aht, weights=volume)
    work = aht * volume
    slot_work = np.bincount(slots, weights=work, minlength=n_slots)
    slot_volume = np.bincount(slots, weights=volume, minlength=n_slots)
    by_slot = (slot_work + shrink * level) / (slot_volume + shrink)
    cell_work = np.bincount(cells, weights=work, minlength=7 * n_slots)
    cell_volume = np.bincount(cells, weights=volume, minlength=7 * n_slots)
    prior = np.tile(by_slot, 7)
    return (cell_work + shrink * prior) / (cell_volume + shrink)


def _held_out_shrink(
    weeks: np.ndarray,
    slots: np.ndarray,
    cells: np.ndarray,
    n_slots: int,
    aht: np.ndarray,
    volume: np.ndarray,
) -> float | None:
    """The prior strength whose shapes, learned without each week in turn, best predict that
    week's workload; None when no shape beats the other weeks' plain mean by MIN_IMPROVEMENT."""
    flat_error = 0.0
    errors = np.zeros(len(SHRINK_GRID))
    for week in np.unique(weeks):
        held, rest = weeks == week, weeks != week
        level = np.average(aht[rest], weights=volume[rest])
        work = aht[held] * volume[held]
        flat_error += np.abs(work - level * volume[held]).sum()
        for k, shrink in enumerate(SHRINK_GRID):
            levels = _cell_levels(
                slots[rest], cells[rest], n_slots, aht[rest], volume[rest], shrink
            )
            errors[k] += np.abs(work - levels[cells[held]] * volume[held]).sum()
    best = int(np.argmin(errors))
    # `>=`: one handle time in every interval ties the flat figure at 0 and has no shape.
    if errors[best] >= (1 - MIN_IMPROVEMENT) * flat_error:
        return None
    return SHRINK_GRID[best]


def aht_factors(frame: pd.DataFrame, profiles: pd.DataFrame | None) -> np.ndarray:
    """Each row's handle-time multiplier (queue, interval_start) from `profiles`; 1 where a
    queue has no profile or a weekday and time it never had contacts at."""
    if profiles is None or profiles.empty or frame.empty:
        return np.ones(len(frame))
    starts = pd.to_datetime(frame[INTERVAL_START])
    keys = pd.MultiIndex.from_arrays(
        [
            frame[QUEUE].astype(str).to_numpy(),
            starts.dt.day_of_week.to_numpy(),
            (starts.dt.hour * 60 + starts.dt.minute).to_numpy(),
        ]
    )
    table = profiles.set_index([QUEUE, WEEKDAY, MINUTE_OF_DAY])[AHT_FACTOR]
    return table.reindex(keys).fillna(1.0).to_numpy(dtype=float)


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def profile_range_text(profile: pd.DataFrame) -> str:
    """'from 0.84× at Sat 09:00 to 1.20× at Tue 10:30': the lowest and highest multipliers of
    one queue's profile and when they fall."""
    low = profile.loc[profile[AHT_FACTOR].idxmin()]
    high = profile.loc[profile[AHT_FACTOR].idxmax()]

    def when(row: pd.Series) -> str:
        minute = int(row[MINUTE_OF_DAY])
        return f"{DAY_NAMES[int(row[WEEKDAY])]} {minute // 60:02d}:{minute % 60:02d}"

    return f"from {low[AHT_FACTOR]:.2f}× at {when(low)} to {high[AHT_FACTOR]:.2f}× at {when(high)}"
