"""MSTL at interval level: daily and weekly seasonal components plus an exponential-smoothing level."""

from __future__ import annotations

import numpy as np
from statsmodels.tsa.seasonal import MSTL

from forecasting.base import ForecastModel, fill_missing
from forecasting.history import QueueHistory
from forecasting.top_down import damped_holt


class MSTLModel(ForecastModel):
    """MSTL (periods one day and one week) on the volumes of the last `weeks` weeks.

    The deseasonalised series (trend + remainder) is averaged per day and carried forward with
    simple exponential smoothing (ETS A,N,N); the seasonal components repeat their last cycle.
    STL's jump parameters evaluate the loess smoothers every `jump` points and interpolate,
    which keeps a 30-minute series of many weeks to a fraction of a second. `log` fits on
    log1p volumes (multiplicative seasonality) and rescales so the last two weeks sum right.
    """

    name = "mstl"

    def __init__(self, weeks: int = 8, jump_share: float = 0.1, log: bool = False) -> None:
        self.weeks = weeks
        self.jump_share = jump_share
        self.log = log

    def _fit(self, history: QueueHistory) -> None:
        slots = history.slots_per_day
        values = fill_missing(history.values[-7 * self.weeks :])
        series = np.log1p(values.ravel()) if self.log else values.ravel()
        self.periods_: list[int] = []
        self.seasonal_ = np.zeros((series.size, 0))
        if values.shape[0] >= 21:  # two weekly cycles at least, else a flat level only
            self.periods_ = [slots, 7 * slots]
            jump = max(1, int(slots * self.jump_share))
            result = MSTL(
                series,
                periods=self.periods_,
                iterate=1,
                stl_kwargs={"seasonal_jump": jump, "trend_jump": jump, "low_pass_jump": jump},
            ).fit()
            self.seasonal_ = np.asarray(result.seasonal).reshape(series.size, -1)
        adjusted = series - self.seasonal_.sum(axis=1)
        self.daily_level_ = adjusted.reshape(-1, slots).mean(axis=1)
        self.scale_ = 1.0
        if self.log:  # expm1 of a log-scale fit is median-like: rescale to the recent mean
            fitted = self._back(self.daily_level_.repeat(slots) + self.seasonal_.sum(axis=1))
            recent = slice(-14 * slots, None)
            total = fitted[recent].sum()
            self.scale_ = float(values.ravel()[recent].sum() / total) if total > 0 else 1.0

    def _back(self, level: np.ndarray) -> np.ndarray:
        return np.clip(np.expm1(level) if self.log else level, 0, None)

    def predict_days(self, n_days: int) -> np.ndarray:
        slots = self.history_.slots_per_day
        level = damped_holt(self.daily_level_, n_days, None, trend=False).repeat(slots)
        steps = np.arange(n_days * slots)
        for column, period in enumerate(self.periods_):
            level = level + self.seasonal_[-period:, column][steps % period]
        return self._back(level).reshape(n_days, slots) * self.scale_
