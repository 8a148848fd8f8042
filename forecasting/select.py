"""Auto-selection and interval calibration from earlier backtest origins only (no peeking)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.backtest import BacktestRuns
from forecasting.intervals import calibrate_dispersion
from forecasting.metrics import wape

AUTO_NAME = "auto"


def prior_indices(runs: BacktestRuns, index: int, count: int) -> list[int]:
    """The last `count` origins whose whole horizon ended by origin `index` starts."""
    start = runs.origins[index]
    done = [j for j in range(index) if runs.origins[j] + runs.horizon_days <= start]
    return done[-count:]


# Auto keeps this combination unless another model was clearly better on the recent origins:
# a handful of origins ranks close models by noise, and the combination was never far from
# the best on any benchmark series (bench/forecast_accuracy.py). With 4 selection origins a
# 5% or 10% margin still let noise switch away on a volatile queue (Gestion - Accueil:
# 0.617 / 0.564 interval WAPE against 0.538 with 15%).
PREFERRED_MODEL = "combination_glm"
SWITCH_MARGIN = 0.15


def pick_model(
    runs: BacktestRuns,
    candidates: list[str],
    indices: list[int],
    preferred: str | None = PREFERRED_MODEL,
    margin: float = SWITCH_MARGIN,
) -> str:
    """The candidate with the lowest interval WAPE pooled over `indices` (first one on ties);
    `preferred` stays unless the best beats it by more than `margin` (relative)."""
    scores = [wape(runs.actual[indices], runs.forecasts[name][indices]) for name in candidates]
    scores = [np.inf if np.isnan(s) else s for s in scores]
    best = candidates[int(np.argmin(scores))]
    if preferred in candidates:
        kept = scores[candidates.index(preferred)]
        if np.isfinite(kept) and min(scores) >= (1 - margin) * kept:
            return preferred
    return best


@dataclass
class Evaluation:
    """Forecasts at the evaluated origins plus dispersions and choices made from earlier ones."""

    indices: list[int]  # evaluated origins (rows of runs)
    forecasts: dict[str, np.ndarray]  # model (and "auto") -> (evaluated, days, slots)
    dispersions: dict[str, np.ndarray]  # model -> (evaluated,)
    chosen: list[str]  # auto's pick at each evaluated origin


def evaluate(
    runs: BacktestRuns, candidates: list[str], n_evaluate: int, n_select: int, level: float = 0.8
) -> Evaluation:
    """Score the last `n_evaluate` origins; at each, auto picks and intervals are calibrated
    using only the `n_select` earlier origins whose actuals were already known."""
    indices = [i for i in range(len(runs.origins)) if prior_indices(runs, i, n_select)]
    indices = indices[-n_evaluate:]
    names = list(runs.forecasts)
    forecasts = {name: runs.forecasts[name][indices] for name in names}
    dispersions = {name: np.zeros(len(indices)) for name in names}
    auto = np.zeros_like(forecasts[names[0]]) if indices else np.zeros((0,))
    auto_dispersion = np.zeros(len(indices))
    chosen = []
    for k, index in enumerate(indices):
        prior = prior_indices(runs, index, n_select)
        for name in names:
            dispersions[name][k] = calibrate_dispersion(
                runs.actual[prior], runs.forecasts[name][prior], level
            )
        pick = pick_model(runs, candidates, prior)
        chosen.append(pick)
        auto[k] = runs.forecasts[pick][index]
        auto_dispersion[k] = dispersions[pick][k]
    forecasts[AUTO_NAME] = auto
    dispersions[AUTO_NAME] = auto_dispersion
    return Evaluation(indices, forecasts, dispersions, chosen)
