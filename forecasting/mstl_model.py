"""MSTL at interval level: daily and weekly seasonal components plus an exponential-smoothing level."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel, fill_missing
from forecasting.history import QueueHistory
from forecasting.top_down import damped_holt


class MSTLModel(ForecastModel):
    """MSTL (periods one day and one week) on the volumes of the last `weeks` weeks.

    The deseasonalised series (trend + remainder) is averaged over rolling weeks and carried
    forward with simple exponential smoothing (ETS A,N,N); the seasonal components repeat
    their last cycle. STL's jump parameters evaluate the loess smoothers every `jump` points
    and interpolate, which keeps a 30-minute series of many weeks to a fraction of a second.
    """

    name = "mstl"

    def __init__(self, weeks: int = 8, jump_share: float = 0.1) -> None:
        self.weeks = weeks
        self.jump_share = jump_share

    def _fit(self, history: QueueHistory) -> None:
        slots = history.slots_per_day
        values = fill_missing(history.values[-7 * self.weeks :])
        series = values.ravel()
        self.periods_: list[int] = []
        self.seasonal_ = np.zeros((series.size, 0))
        if values.shape[0] >= 21:  # two weekly cycles at least, else a flat level only
            self.periods_ = [slots, 7 * slots]
            jump = max(1, int(slots * self.jump_share))
            # statsmodels loads on first fit: commands that fit no MSTL start faster.
            from statsmodels.tsa.seasonal import MSTL

            result = MSTL(
                series,
                periods=self.periods_,
                iterate=1,
                stl_kwargs={"seasonal_jump": jump, "trend_jump": jump, "low_pass_jump": jump},
            ).fit()
            self.seasonal_ = np.asarray(result.seasonal).reshape(series.size, -1)
        daily = (series - self.seasonal_.sum(axis=1)).reshape(-1, slots).mean(axis=1)
        # Weekly rolling means: what the weekly component left of the weekday pattern (and the
        # loess end effects of a closed weekend) averages out before the level is smoothed.
        window = min(7, daily.size)
        self.daily_level_ = np.convolve(daily, np.ones(window) / window, mode="valid")
        # STL's seasonal cycles need not sum to zero over a week; anchor the total on the last
        # week actually seen so the level is not off by that remainder.
        week = slice(-7 * slots, None)
        rebuilt = np.clip(self.daily_level_[-1] + self.seasonal_[week].sum(axis=1), 0, None).sum()
        ratio = series[week].sum() / rebuilt if rebuilt > 0 else 1.0
        self.scale_ = float(np.clip(ratio, 0.5, 2.0))

    def predict_days(self, n_days: int) -> np.ndarray:
        slots = self.history_.slots_per_day
        level = damped_holt(self.daily_level_, n_days, None, trend=False).repeat(slots)
        steps = np.arange(n_days * slots)
        for column, period in enumerate(self.periods_):
            level = level + self.seasonal_[-period:, column][steps % period]
        forecast = np.clip(level, 0, None).reshape(n_days, slots) * self.scale_
        # The additive fit spreads some of each day into closed slots (nights, weekends); hand
        # that volume back to the day's open slots so the daily total survives the closing mask.
        open_rows = self.history_.open_rows(self.history_.n_days, n_days)
        open_part = (forecast * open_rows).sum(axis=1, keepdims=True)
        return np.where(
            open_part > 0,
            forecast
            * open_rows
            * forecast.sum(axis=1, keepdims=True)
            / np.where(open_part > 0, open_part, 1),
            0.0,
        )
