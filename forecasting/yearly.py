"""Yearly seasonality: where the same weeks of the last two years moved alike, follow half of it."""

from __future__ import annotations

import numpy as np

from forecasting.history import QueueHistory

YEAR_DAYS = 364  # 52 weeks back: the same weekdays
REFERENCE_DAYS = 28  # the weeks before the origin that the models' level rests on
MIN_DAYS = 5  # ordinary days a window needs to count
HISTORY_DAYS = 2 * YEAR_DAYS + REFERENCE_DAYS  # two years back and the weeks before them
# Each year's move is noisy and the models' own level already follows part of it: the smaller
# of two agreeing moves, and half of that. Over the bank and 16 AXA queues (30 origins) auto went
# from 0.867 to 0.856 of the plain 4-week average (Tech. Inter +23% -> +37%, Médical +14% ->
# +17%; Tech. Total, Tech. Axa, RENAULT, Gestion Assurances 0.5-2 points worse). In a first
# version (summed day totals of the cleaned history) shares of 0.3 / 0.5 / 0.7 gave 0.858 /
# 0.854 / 0.852 with 2 / 3 / 5 queues made worse; one year alone at 0.5 made the end of 2013
# worse for Téléphonie and Gestion (0.094 -> 0.097, 0.521 -> 0.529).
SHRINK = 0.5


def day_levels(history: QueueHistory, ordinary: np.ndarray, month_day: np.ndarray) -> np.ndarray:
    """(days,) mean contacts per open interval of each ordinary observed day, divided by its
    day-of-month factor (applied to the forecast on its own); NaN for every other day.

    A mean over the intervals seen, not a sum, so a day with a few intervals missing from the
    export counts at its level rather than below it.
    """
    open_rows = history.open_rows(0, history.n_days)
    seen = ~np.isnan(history.values) & open_rows
    with np.errstate(invalid="ignore", divide="ignore"):
        level = np.where(seen, history.values, 0.0).sum(axis=1) / seen.sum(axis=1)
    usable = ordinary & history.observed_days()
    return np.where(usable, level / month_day, np.nan)


def yearly_log_move(levels: np.ndarray, origin: int, start: int, end: int) -> float:
    """log(mean level of days start..end / mean level of the REFERENCE_DAYS before origin);
    NaN when a window has fewer than MIN_DAYS usable days or lies outside the data."""
    if origin - REFERENCE_DAYS < 0 or end > levels.size:
        return np.nan
    target = levels[start:end]
    reference = levels[origin - REFERENCE_DAYS : origin]
    target, reference = target[~np.isnan(target)], reference[~np.isnan(reference)]
    if target.size < MIN_DAYS or reference.size < MIN_DAYS:
        return np.nan
    ahead, level = target.mean(), reference.mean()
    return float(np.log(ahead / level)) if ahead > 0 and level > 0 else np.nan


def yearly_factors(levels: np.ndarray, horizon_days: int) -> np.ndarray:
    """(horizon_days,) multipliers for a forecast starting after `levels` (`day_levels` of the
    history), one per horizon week: that week's move against the weeks before the origin, one
    and two years back; 1 where the two years disagree in direction or are not there."""
    factors = np.ones(horizon_days)
    origin = levels.size
    if origin < HISTORY_DAYS:
        return factors
    for week_start in range(0, horizon_days, 7):
        week_end = min(week_start + 7, horizon_days)
        moves = [
            yearly_log_move(
                levels, origin - back, origin - back + week_start, origin - back + week_end
            )
            for back in (YEAR_DAYS, 2 * YEAR_DAYS)
        ]
        if np.isfinite(moves).all() and np.sign(moves[0]) == np.sign(moves[1]):
            move = np.sign(moves[0]) * min(abs(moves[0]), abs(moves[1]))
            factors[week_start:week_end] = np.exp(SHRINK * move)
    return factors
