"""Forecasting engine: models, backtests, prediction intervals and peaks (no UI code)."""

from forecasting.api import (
    BacktestResult,
    ForecastResult,
    backtest_dataset,
    flag_peaks,
    forecast_dataset,
)
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent
from forecasting.settings import ForecastSettings

__all__ = [
    "CAMPAIGN",
    "EXCLUDE",
    "BacktestResult",
    "ForecastEvent",
    "ForecastResult",
    "ForecastSettings",
    "backtest_dataset",
    "flag_peaks",
    "forecast_dataset",
]
