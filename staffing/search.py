"""Vectorised search for the smallest agent count that satisfies a monotone test."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# slack(rows, agents) -> float per row, non-decreasing in agents; feasible where slack >= 0.
Slack = Callable[[np.ndarray, np.ndarray], np.ndarray]
SECANT_ROUNDS = 3


def smallest_feasible(start: np.ndarray, slack: Slack, step: np.ndarray | int = 1) -> np.ndarray:
    """Smallest count per row with slack >= 0, every row searched at once.

    Secant steps on the slack (from `start` and `start - step`) land within an agent or two
    of the answer; from there it gallops (1, 2, 4, ... agents) to bracket the answer and
    bisects, so the result is exact whatever the secant did. Zero agents is never feasible
    (callers only search rows with work). Each round is one array pass over the unsettled
    rows, never a Python loop over intervals.
    """
    start = np.maximum(np.asarray(start, dtype=np.int64), 1)
    size = start.size
    low = np.full(size, -1, dtype=np.int64)  # largest count known infeasible (-1: none yet)
    high = np.full(size, -1, dtype=np.int64)  # smallest count known feasible (-1: none yet)
    rows = np.arange(size)
    previous, previous_slack = start, _test(slack, low, high, rows, start)
    current = np.maximum(start - np.broadcast_to(np.asarray(step, np.int64), start.shape), 0)
    current_slack = np.full(size, -np.inf)
    positive = np.flatnonzero(current > 0)
    current_slack[positive] = _test(slack, low, high, positive, current[positive])
    low[current == 0] = np.maximum(low[current == 0], 0)
    last = start.copy()
    for _ in range(SECANT_ROUNDS):
        pending = np.flatnonzero(_open(low, high))
        if pending.size == 0:
            break
        a, b = previous[pending], current[pending]
        sa, sb = previous_slack[pending], current_slack[pending]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            secant = b - sb * (b - a) / (sb - sa)
        # a near-flat secant can shoot past the int64 range: bound it before the cast
        secant = np.clip(secant, 0.0, 2.0**62)
        guess = np.where(np.isfinite(secant), np.ceil(secant), a).astype(np.int64)
        ceiling = np.where(high[pending] > 0, high[pending], np.iinfo(np.int64).max)
        guess = np.clip(guess, np.maximum(low[pending] + 1, 1), ceiling)
        last[pending] = guess
        fresh = guess != high[pending]
        pending, guess = pending[fresh], guess[fresh]
        if pending.size == 0:
            break
        previous[pending], previous_slack[pending] = current[pending], current_slack[pending]
        current[pending] = guess
        current_slack[pending] = _test(slack, low, high, pending, guess)
    _gallop(slack, low, high, last)
    while True:
        pending = np.flatnonzero(high - low > 1)
        if pending.size == 0:
            return high
        _test(slack, low, high, pending, (low[pending] + high[pending]) // 2)


def _open(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return (high < 0) | (high - low > 1)


def _test(slack: Slack, low, high, rows: np.ndarray, agents: np.ndarray) -> np.ndarray:
    """Evaluate the slack and tighten each row's bracket with the result."""
    values = slack(rows, agents)
    passed = values >= 0
    good, bad = rows[passed], rows[~passed]
    high[good] = np.where(high[good] < 0, agents[passed], np.minimum(high[good], agents[passed]))
    low[bad] = np.maximum(low[bad], agents[~passed])
    return values


def _gallop(slack: Slack, low: np.ndarray, high: np.ndarray, last: np.ndarray) -> None:
    """Step 1, 2, 4, ... agents away from the last guess until every row is bracketed."""
    downward = (high >= 0) & ((low < 0) | (high - last <= last - low))
    distance = np.ones(last.size, dtype=np.int64)
    pending = np.flatnonzero(_open(low, high))
    while pending.size:
        down = downward[pending]
        probe = np.where(down, high[pending] - distance[pending], low[pending] + distance[pending])
        # a step down past zero is zero, known infeasible: else the row would leave unbracketed
        # and the bisection would try (and, with a target lifted, accept) zero agents
        probe = np.maximum(probe, 0)
        inside = np.where(down, probe > low[pending],
                          (high[pending] < 0) | (probe < high[pending]))  # fmt: skip
        pending, probe = pending[inside], probe[inside]
        zero = probe <= 0
        low[pending[zero]] = np.maximum(low[pending[zero]], 0)
        pending, probe = pending[~zero], probe[~zero]
        if pending.size:
            _test(slack, low, high, pending, probe)
            distance[pending] *= 2
            pending = pending[_open(low, high)[pending]]
