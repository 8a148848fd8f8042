"""Outlier intervals: far from the same weekday and slot of the surrounding weeks."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting.history import QueueHistory

NEIGHBOUR_WEEKS = 4
# Only judge a day once this many later weeks exist: a recent level shift is not an outlier.
MIN_WEEKS_AFTER = 2


def _neighbour_stats(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, MAD and count of the same weekday and slot up to 4 weeks either side."""
    n = values.shape[0]
    neighbours = np.full((2 * NEIGHBOUR_WEEKS,) + values.shape, np.nan)
    for k in range(1, NEIGHBOUR_WEEKS + 1):
        shift = 7 * k
        if shift < n:
            neighbours[2 * k - 2, shift:] = values[:-shift]
            neighbours[2 * k - 1, :-shift] = values[shift:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN neighbourhoods give NaN
        median = np.nanmedian(neighbours, axis=0)
        mad = np.nanmedian(np.abs(neighbours - median), axis=0)
    return median, mad, (~np.isnan(neighbours)).sum(axis=0)


def detect_outliers(history: QueueHistory, threshold: float = 5.0) -> np.ndarray:
    """Bool (days, slots): |y - median| > threshold x max(1.4826 MAD, sqrt(median + 1)).

    The sqrt term is the Poisson noise floor, so quiet slots are not flagged for one call.
    """
    values = history.values
    n = values.shape[0]
    median, mad, seen = _neighbour_stats(values)
    scale = np.maximum(1.4826 * np.nan_to_num(mad), np.sqrt(np.nan_to_num(median) + 1))
    later_weeks = (n - 1 - np.arange(n)) // 7
    judged = (seen >= 4) & (later_weeks[:, None] >= MIN_WEEKS_AFTER)
    with np.errstate(invalid="ignore"):
        flagged = np.abs(values - median) > threshold * scale
    return flagged & judged & history.open_rows(0, n)


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
