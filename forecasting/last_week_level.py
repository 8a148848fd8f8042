"""A recent-weeks profile rescaled to the last two weeks' level, moved on to the last week's as far
as the last week stands out from the queue's day-to-day noise."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel, recent_weekday_days, tile_weekdays, weighted_nanmean
from forecasting.history import QueueHistory

# Bounds on the level, as the relevelled profile's: a history cut to a near-empty week does not
# scale the forecast by 100.
MIN_LEVEL, MAX_LEVEL = 0.2, 5.0


def log_ratio(actual: np.ndarray | float, expected: np.ndarray | float) -> np.ndarray | float:
    """log((actual + 1/2) / (expected + 1/2)): the log of a count over its expectation, kept
    finite at 0 contacts and, as Poisson counts' noise grows at low counts, noisier there (the
    half added as in the empirical logit; Cox 1970, "The Analysis of Binary Data", 3.2)."""
    return np.log((np.asarray(actual) + 0.5) / (np.asarray(expected) + 0.5))


def day_noise_variance(day_log_ratios: np.ndarray) -> float:
    """Variance s^2 of a day's log ratio around the level, read from consecutive days'
    differences (Var(x_t - x_t-1) = 2 s^2), which a move of the level barely touches; 0 with
    fewer than three days."""
    if day_log_ratios.size < 3:
        return 0.0
    return float(np.var(np.diff(day_log_ratios), ddof=1)) / 2


def move_weight(move: float, noise_variance: float) -> float:
    """Share of a level move to follow, 0 to 1: the part of move^2 beyond what noise of
    `noise_variance` gives a flat level, max(0, 1 - noise / move^2), the empirical-Bayes weight
    of one observed move (positive-part James-Stein; Efron & Morris 1973, "Stein's estimation
    rule and its competitors", JASA 68: 117-130)."""
    if move == 0:
        return 0.0
    return max(0.0, 1 - noise_variance / move**2)


class LastWeekRelevelledProfile(ForecastModel):
    """A smooth `weeks`-week weekday x slot profile scaled by the level of the last two weeks,
    moved toward the last week's by `move_weight`, on the log scale of `log_ratio`.

    The two-week level of the relevelled profile needs two weeks to follow a queue that stepped
    up; a last week alone moves the forecast with every week's chance ups and downs. The day-to-
    day scatter of the level over the profile's weeks tells the two apart: a last week far beyond
    it is taken as the level, one within it leaves the two-week level as it was.
    """

    name = "relevelled_last_week"

    # 12 weeks, not 8: the level comes from the last two weeks either way, and the longer
    # profile carries the weekly and intraday shape with less Poisson noise (see SmoothedProfile
    # for the benchmark figures).
    def __init__(self, weeks: int = 12, decay: float = 0.85) -> None:
        self.weeks = weeks
        self.decay = decay

    def _fit(self, history: QueueHistory) -> None:
        recent = recent_weekday_days(history, self.weeks)
        profile = np.nan_to_num(weighted_nanmean(recent, self.decay ** np.arange(self.weeks)))
        start = max(history.n_days - 7 * self.weeks, 0)
        actual = history.values[start:]
        seen = ~np.isnan(actual)
        day_actual = np.where(seen, actual, 0.0).sum(axis=1)
        day_expected = np.where(seen, profile[history.weekdays(start)], 0.0).sum(axis=1)
        age = np.arange(actual.shape[0])[::-1]  # days before the history's end
        last, previous = age < 7, (age >= 7) & (age < 14)
        # The relevelled profile's level: all contacts of the last two weeks' seen slots over
        # what the profile expected of them.
        two_weeks = ratio(day_actual[age < 14], day_expected[age < 14])
        last_week = ratio(day_actual[last], day_expected[last])
        # Missing and closed days tell nothing of the level or its noise; a day without a
        # contact where some were expected does.
        used = day_expected > 0
        weight = 0.0
        if (last & used).sum() >= 2 and (previous & used).sum() >= 2 and last_week > 0:
            week = [(day_actual[days].sum(), day_expected[days].sum()) for days in (last, previous)]
            move = float(log_ratio(*week[0]) - log_ratio(*week[1]))
            day_log_ratios = log_ratio(day_actual[used], day_expected[used])
            # The variance of the difference of two weeks' means of noisy days.
            noise = day_noise_variance(day_log_ratios) * (
                1 / (last & used).sum() + 1 / (previous & used).sum()
            )
            weight = move_weight(move, noise)
        self.weight_ = weight
        level = two_weeks * (last_week / two_weeks) ** weight if weight > 0 else two_weeks
        self.level_ = float(np.clip(level, MIN_LEVEL, MAX_LEVEL))
        self.by_weekday_ = profile * self.level_

    def predict_days(self, n_days: int) -> np.ndarray:
        return tile_weekdays(self.history_, self.by_weekday_, n_days)


def ratio(actual: np.ndarray, expected: np.ndarray) -> float:
    """Contacts that came over contacts the profile expected; 1 without any day to compare."""
    total = expected.sum()
    return float(actual.sum() / total) if total > 0 else 1.0
