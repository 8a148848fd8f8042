"""Forecasting engine: models, backtests, prediction intervals and peaks (no UI code)."""

from __future__ import annotations

import importlib
from typing import Any

# Names resolved on first use (PEP 562), so that `forecasting.settings` or `forecasting.calendar`
# load without the model family and its statsmodels/scipy imports (`cli.py --help`, `staff`).
_EXPORTS = {
    "BacktestResult": "forecasting.api",
    "ForecastResult": "forecasting.api",
    "backtest_dataset": "forecasting.api",
    "flag_peaks": "forecasting.api",
    "forecast_dataset": "forecasting.api",
    "CAMPAIGN": "forecasting.events",
    "EXCLUDE": "forecasting.events",
    "ForecastEvent": "forecasting.events",
    "ForecastSettings": "forecasting.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'forecasting' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value
