"""Combinations: the plain mean of several models' forecasts (often beats each member)."""

from __future__ import annotations

import numpy as np

from forecasting.base import ForecastModel
from forecasting.history import QueueHistory


class Combination(ForecastModel):
    """Equal-weight mean of the members' forecasts."""

    def __init__(self, members: list[ForecastModel], name: str = "combination") -> None:
        self.members = members
        self.name = name

    def _fit(self, history: QueueHistory) -> None:
        for member in self.members:
            member.fit(history)

    def predict_days(self, n_days: int) -> np.ndarray:
        return np.mean([np.nan_to_num(m.predict_days(n_days)) for m in self.members], axis=0)
