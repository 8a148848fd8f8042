"""The backtest accuracy table: WAPE by level and horizon, MASE, bias, coverage, pinball."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import QUEUE
from forecasting.backtest import BacktestRuns
from forecasting.intervals import Dispersion, nb_quantile
from forecasting.metrics import bias, coverage, mase, pinball, poisson_noise_floor, wape
from forecasting.select import Evaluation

HORIZON_BUCKETS = {
    "d1": slice(0, 1),
    "d2_7": slice(1, 7),
    "d8_14": slice(7, 14),
    "d15_28": slice(14, 28),  # scored when the backtest runs that far (forecasts of 15+ days)
}
PINBALL_QUANTILES = (0.1, 0.5, 0.9)


def daily_sums(actual: np.ndarray, forecast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-day totals over the slots that have an actual (a day with none is NaN)."""
    seen = ~np.isnan(actual)
    day_actual = np.where(seen.any(axis=-1), np.nansum(actual, axis=-1), np.nan)
    day_forecast = np.where(seen, forecast, 0.0).sum(axis=-1)
    return day_actual, day_forecast


def model_row(
    actual: np.ndarray, forecast: np.ndarray, dispersions: list[Dispersion], scale: float
) -> dict[str, float]:
    """All measures for one model: arrays (origins, days, slots)."""
    row = {"wape_interval": wape(actual, forecast)}
    row["noise_floor"] = poisson_noise_floor(actual, forecast)
    day_actual, day_forecast = daily_sums(actual, forecast)
    row["wape_daily"] = wape(day_actual, day_forecast)
    for label, days in HORIZON_BUCKETS.items():
        if days.start < actual.shape[1]:
            row[f"wape_interval_{label}"] = wape(actual[:, days], forecast[:, days])
            row[f"wape_daily_{label}"] = wape(day_actual[:, days], day_forecast[:, days])
    row["mase"] = mase(actual, forecast, scale)
    row["bias"] = bias(actual, forecast)
    quantiles = {
        q: np.stack([nb_quantile(f, d, q) for f, d in zip(forecast, dispersions, strict=True)])
        for q in PINBALL_QUANTILES
    }
    row["coverage_80"] = coverage(actual, quantiles[0.1], quantiles[0.9])
    row["pinball"] = float(np.mean([pinball(actual, quantiles[q], q) for q in PINBALL_QUANTILES]))
    return row


def accuracy_table(runs: BacktestRuns, evaluation: Evaluation) -> pd.DataFrame:
    """One row per model (and auto) for this queue, over the evaluated origins."""
    actual = runs.actual[evaluation.indices]
    # No evaluated origin with a scale (under two weeks of open data): MASE is NaN, unwarned.
    scales = runs.scales[evaluation.indices]
    scale = float(np.nanmean(scales)) if np.isfinite(scales).any() else np.nan
    rows = []
    for name, forecast in evaluation.forecasts.items():
        row = {QUEUE: runs.queue, "model": name, "n_origins": len(evaluation.indices)}
        if evaluation.indices:
            row.update(model_row(actual, forecast, evaluation.dispersions[name], scale))
        seconds = runs.fit_seconds.get(name)
        if name == "auto":
            picks = pd.Series(evaluation.chosen).value_counts()
            row["chosen"] = ", ".join(f"{m} x{c}" for m, c in picks.items())
        row["fit_seconds"] = seconds if seconds is not None else np.nan
        rows.append(row)
    return pd.DataFrame(rows)
