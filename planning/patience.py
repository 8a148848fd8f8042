"""Callers' mean patience per queue, estimated from the waits and abandonments in the history."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.schema import ABANDON_WAIT_SECONDS, ABANDONED, ANSWERED, QUEUE, WAIT_SECONDS

# Fewer abandoned calls than this leave the estimate too loose to offer as a default.
MIN_ABANDONED = 20


@dataclass(frozen=True)
class PatienceEstimate:
    """Mean patience (seconds) of one queue's callers and the evidence behind it."""

    seconds: float
    abandoned: int  # abandoned calls it rests on
    answered: int


def patience_by_queue(intervals: pd.DataFrame) -> dict[str, PatienceEstimate]:
    """Mean patience = total time all callers spent waiting / number who abandoned.

    With exponential patience (Erlang A's assumption) this is the maximum-likelihood estimate
    under censoring: an answered caller's wait is a patience known only to be longer, an
    abandoned caller's wait is the patience itself (the approach of Brown et al. 2005,
    "Statistical analysis of a telephone call center", JASA 100(469), who studied patience on
    the Anonymous Bank data). Intervals without both the
    served and the abandoned callers' mean waits are left out; queues with fewer than
    MIN_ABANDONED abandoned calls get no estimate.
    """
    needed = (ANSWERED, ABANDONED, WAIT_SECONDS, ABANDON_WAIT_SECONDS)
    if intervals.empty or any(column not in intervals for column in needed):
        return {}
    answered = intervals[ANSWERED].to_numpy(dtype=float)
    abandoned = intervals[ABANDONED].to_numpy(dtype=float)
    served_wait = answered * intervals[WAIT_SECONDS].to_numpy(dtype=float)
    abandon_wait = abandoned * intervals[ABANDON_WAIT_SECONDS].to_numpy(dtype=float)
    # An interval with nobody answered (or abandoned) has no mean wait: it adds no wait.
    served_wait = np.where(answered == 0, 0.0, served_wait)
    abandon_wait = np.where(abandoned == 0, 0.0, abandon_wait)
    usable = np.isfinite(served_wait) & np.isfinite(abandon_wait)
    if not usable.any():
        return {}
    sums = (
        pd.DataFrame(
            {
                QUEUE: intervals[QUEUE].to_numpy()[usable],
                "waited": (served_wait + abandon_wait)[usable],
                ANSWERED: answered[usable],
                ABANDONED: abandoned[usable],
            }
        )
        .groupby(QUEUE, sort=True)
        .sum()
    )
    return {
        str(queue): PatienceEstimate(
            float(row.waited / row[ABANDONED]), int(row[ABANDONED]), int(row[ANSWERED])
        )
        for queue, row in sums.iterrows()
        if row[ABANDONED] >= MIN_ABANDONED
    }
