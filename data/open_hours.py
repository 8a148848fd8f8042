"""Learn each queue's open hours (weekday x slot) from its history, telling closed from missing."""

from __future__ import annotations

import numpy as np

# A weekday x slot is closed when no contact ever arrived there, or - once the history holds
# enough weeks to tell - when contacts arrived on at most one day or 2% of the observed days: one
# stray after-hours call in a year must not open the slot, while a slot busy on a quarter of its
# days is genuinely open. Short histories cannot tell a stray from a quiet open slot, so there any
# contact opens the slot.
STRAY_SHARE = 0.02
WEEKS_TO_JUDGE_STRAYS = 8
# Quiet open slots inside opening hours (a slow half hour in a small queue) are kept open: a run
# of closed slots no longer than this, with open slots on both sides the same day, is filled.
MAX_QUIET_GAP_MINUTES = 60


def learn_open_slots(volume: np.ndarray, weekdays: np.ndarray, interval_minutes: int) -> np.ndarray:
    """Open-hours table (7 x slots per day, bool) for one queue.

    `volume` is (days, slots per day) with NaN where the export has no row (missing, or closed
    and not exported); `weekdays` gives each day's weekday (0 = Monday).
    """
    slots_per_day = volume.shape[1]
    observed = ~np.isnan(volume)
    active = observed & (volume > 0)
    cell = (weekdays[:, None] * slots_per_day + np.arange(slots_per_day)).ravel()
    observed_days = np.bincount(cell, observed.ravel(), minlength=7 * slots_per_day)
    active_days = np.bincount(cell, active.ravel(), minlength=7 * slots_per_day)
    observed_days = observed_days.reshape(7, slots_per_day)
    active_days = active_days.reshape(7, slots_per_day)
    stray_days = np.where(
        observed_days >= WEEKS_TO_JUDGE_STRAYS, np.maximum(1.0, STRAY_SHARE * observed_days), 0.0
    )
    is_open = active_days > stray_days
    return _fill_quiet_gaps(is_open, MAX_QUIET_GAP_MINUTES // interval_minutes)


def _fill_quiet_gaps(is_open: np.ndarray, max_gap_slots: int) -> np.ndarray:
    """Open the short closed runs that sit between open slots of the same weekday."""
    filled = is_open.copy()
    if max_gap_slots < 1:
        return filled
    for weekday in range(is_open.shape[0]):  # 7 rows: a tiny fixed loop
        open_slots = np.flatnonzero(is_open[weekday])
        if len(open_slots) < 2:
            continue
        gaps = np.diff(open_slots) - 1
        for start, gap in zip(open_slots[:-1], gaps, strict=True):
            if 0 < gap <= max_gap_slots:
                filled[weekday, start + 1 : start + 1 + gap] = True
    return filled


# Contact records cannot show a gap directly: a day missing from the export just has no rows.
# A day without a single contact is taken as a gap when that weekday normally brings at least
# this many contacts (a Poisson day expecting 20 has a 2e-9 chance of staying empty); quieter
# weekdays keep their zero days as real zeros.
MIN_DAILY_CONTACTS_FOR_GAP = 20


def empty_days_that_are_gaps(daily_totals: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Which days (bool per day) are empty although their weekday is normally busy."""
    typical = np.zeros(7)
    for weekday in range(7):  # 7 medians: a fixed tiny loop
        totals = daily_totals[weekdays == weekday]
        typical[weekday] = np.median(totals) if len(totals) else 0.0
    return (daily_totals == 0) & (typical[weekdays] >= MIN_DAILY_CONTACTS_FOR_GAP)
