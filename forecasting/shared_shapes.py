"""Intraday shapes of a sparse queue borrowed from its other weekdays, as far as the counts allow."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.history import QueueHistory
from forecasting.top_down import intraday_shares

SHAPE_WEEKS = 8
# The days whose intraday split, pooled over the weekdays, tells how the shape has moved lately.
DRIFT_DAYS = 14
# Weekdays pool their shapes when their counts differ by no more than this times Poisson noise
# (chi-square over its degrees of freedom); how far each moves toward its pool is then set by
# the counts. Over 17 real queues x 30 origins, 1.2 / 1.5 / 2.5 / 4 / no limit gave a mean
# WAPE of 0.880 / 0.875 / 0.872 / 0.872 / 0.876 of the plain 4-week average (0.888 unpooled):
# with no limit a weekend unlike the week drags the weekdays' pool.
POOL_RATIO = 4.0


@dataclass(frozen=True)
class SharedShapes:
    """Per weekday, the shape of its pool of alike weekdays and how far to move toward it."""

    pooled: np.ndarray  # (7, slots) shares, each open weekday's row sums to 1
    weight: np.ndarray  # (7,) 0 = keep the weekday's own shape, 1 = take the pooled one
    # (slots,) how the last days' split departs from the weeks' shapes, beyond Poisson noise
    drift: np.ndarray | None = None

    def apply(self, forecast: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
        """Move each day's intraday split toward its weekday's pooled shape, then by the recent
        drift; totals are kept."""
        totals = forecast.sum(axis=1, keepdims=True)
        weight = self.weight[weekdays][:, None]
        moved = forecast + weight * (totals * self.pooled[weekdays] - forecast)
        if self.drift is None:
            return moved
        drifted = moved * self.drift
        after = drifted.sum(axis=1, keepdims=True)
        return np.where(after > 0, drifted * totals / np.where(after > 0, after, 1), moved)


def chi2_ratio(counts_a: np.ndarray, counts_b: np.ndarray, mask: np.ndarray) -> float:
    """Pearson chi-square of the 2 x slots table of two weekdays' counts over its degrees of
    freedom: about 1 when their shapes differ by Poisson noise only."""
    a, b = counts_a[mask], counts_b[mask]
    if a.sum() <= 0 or b.sum() <= 0:
        return np.inf
    column = a + b
    used = column > 0
    chi2 = 0.0
    for row in (a, b):
        expected = column[used] * row.sum() / column.sum()
        chi2 += ((row[used] - expected) ** 2 / expected).sum()
    return chi2 / max(used.sum() - 1, 1)


def prior_weight(n: float, dispersion: float) -> float:
    """k / (n + k) for a weekday of `n` contacts whose chi-square against its pool, over its
    degrees of freedom, is `dispersion`: solving dispersion = 1 + (n - 1) / (k + 1) for k
    (Dirichlet-multinomial moments); 1 when the counts differ from the pool by noise only."""
    if dispersion <= 1:
        return 1.0
    k = max((n - 1) / (dispersion - 1) - 1, 0.0)
    return k / (n + k) if n + k > 0 else 1.0


def recent_drift(history: QueueHistory, shares: np.ndarray, days: int = DRIFT_DAYS) -> np.ndarray:
    """Per slot, the factor by which the last `days` observed days' contacts departed from their
    weekdays' `shares` (7, slots), pooled over the weekdays and shrunk toward 1 as far as the
    departure is Poisson noise (the Dirichlet-multinomial weight of `prior_weight`)."""
    rows = np.flatnonzero(history.observed_days())[-days:]
    values = history.values[rows]
    seen = ~np.isnan(values)
    day_shares = np.where(seen, shares[history.weekdays()[rows]], 0.0)
    # A day's contacts spread over its seen slots only: a missing slot expects nothing.
    covered = day_shares.sum(axis=1, keepdims=True)
    day_totals = np.nansum(values, axis=1, keepdims=True)
    actual = np.where(seen, values, 0.0).sum(axis=0)
    expected = (day_shares * day_totals / np.where(covered > 0, covered, 1)).sum(axis=0)
    used = expected > 0
    if actual.sum() <= 0 or used.sum() < 2:
        return np.ones(history.slots_per_day)
    dispersion = ((actual[used] - expected[used]) ** 2 / expected[used]).sum() / (used.sum() - 1)
    toward_recent = 1 - prior_weight(actual.sum(), dispersion)
    ratio = np.where(used, actual / np.where(used, expected, 1), 1.0)
    return 1 + toward_recent * (ratio - 1)


def shared_shapes(history: QueueHistory, weeks: int = SHAPE_WEEKS) -> SharedShapes:
    """Counts of the last `weeks` weeks per weekday and slot, pooled over alike weekdays.

    A weekday's own split of a few hundred contacts over 48 slots is mostly noise; pooled with
    the weekdays shaped like it, it is not. Each weekday moves toward its pool's shares by
    k / (N + k), the posterior mean of a Dirichlet-multinomial with N its contacts and k the
    prior strength found by the method of moments (Mosimann 1962): a big queue whose weekdays
    truly differ keeps its own shapes, a sparse one borrows.
    """
    slots = history.slots_per_day
    pooled = np.zeros((7, slots))
    weight = np.zeros(7)
    start = max(history.n_days - 7 * weeks, 0)
    values = np.nan_to_num(history.values[start:])
    observed = history.observed_days()[start:]
    weekdays = history.weekdays(start)
    counts = np.zeros((7, slots))
    for weekday in range(7):
        counts[weekday] = values[observed & (weekdays == weekday)].sum(axis=0)
    counts *= history.open_mask
    for weekday in range(7):
        mask = history.open_mask[weekday]
        own = counts[weekday]
        if own.sum() <= 0 or mask.sum() < 2:
            continue
        others = [
            other
            for other in range(7)
            if other != weekday and chi2_ratio(own, counts[other], mask) <= POOL_RATIO
        ]
        if not others:
            continue
        pool = counts[others].sum(axis=0) * mask  # > 0: chi2_ratio is inf for an empty other
        share = pool / pool.sum()
        n = own.sum()
        expected = n * share
        used = expected > 0
        dispersion = ((own[used] - expected[used]) ** 2 / expected[used]).sum() / max(
            used.sum() - 1, 1
        )
        pooled[weekday] = share
        weight[weekday] = prior_weight(n, dispersion)
    return SharedShapes(pooled, weight, recent_drift(history, intraday_shares(history, weeks)))
