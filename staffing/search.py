"""Vectorised search for the smallest agent count that satisfies a monotone test."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# feasible(rows, agents) -> bool per row; must be monotone: once true, true for more agents.
Feasible = Callable[[np.ndarray, np.ndarray], np.ndarray]


def smallest_feasible(start: np.ndarray, feasible: Feasible) -> np.ndarray:
    """Gallop from a good guess (1, 2, 4, ... agents away) to bracket, then bisect per row.

    Zero agents is never feasible (callers only search rows with work). Each round tests every
    unsettled row at once, so the cost is a few dozen array passes, not a loop per interval.
    """
    start = np.maximum(np.asarray(start, dtype=np.int64), 1)
    rows = np.arange(start.size)
    ok = feasible(rows, start)
    low = np.where(ok, -1, start)  # largest count known infeasible (-1: not yet known)
    high = np.where(ok, start, -1)  # smallest count known feasible
    step = np.ones_like(start)
    while True:
        need_low, need_high = low < 0, high < 0
        if not (need_low.any() or need_high.any()):
            break
        probe = np.where(need_low, np.maximum(high - step, 0), low + step)
        pending = np.flatnonzero(need_low | need_high)
        zero = pending[probe[pending] == 0]
        low[zero] = 0
        pending = pending[probe[pending] > 0]
        if pending.size:
            passed = feasible(pending, probe[pending])
            high[pending[passed]] = probe[pending[passed]]
            low[pending[~passed]] = probe[pending[~passed]]
        step *= 2
    while True:
        pending = np.flatnonzero(high - low > 1)
        if pending.size == 0:
            return high
        middle = (low[pending] + high[pending]) // 2
        passed = feasible(pending, middle)
        high[pending[passed]] = middle[passed]
        low[pending[~passed]] = middle[~passed]
