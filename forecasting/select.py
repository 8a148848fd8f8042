"""Auto-selection and interval calibration from earlier backtest origins only (no peeking)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.backtest import BacktestRuns
from forecasting.intervals import Dispersion, calibrate_dispersion
from forecasting.metrics import wape

AUTO_NAME = "auto"


def prior_indices(runs: BacktestRuns, index: int, count: int) -> list[int]:
    """The last `count` origins whose whole horizon ended by origin `index` starts."""
    start = runs.origins[index]
    done = [j for j in range(index) if runs.origins[j] + runs.horizon_days <= start]
    return done[-count:]


# Auto keeps this combination unless another model beat it at every recent origin: a handful of
# origins ranks close models by noise, and the combination was never far from the best on any
# benchmark series (bench/forecast_accuracy.py). A pooled margin alone (15%) still let one lucky
# week switch a volatile queue and kept a model that won week after week by less; over 17 real
# queues x 30 origins (bench/forecast_queues.py) auto's WAPE went from 0.872 to 0.867 of the
# plain 4-week average with "beat it at every origin, by 2% pooled".
PREFERRED_MODEL = "combination_glm"
SWITCH_MARGIN = 0.02  # pooled relative gain a challenger needs on top of winning every origin
# ... and a challenger may not miss the total by more than this, or than the preferred model
# does. On sparse queues a forecast near the median (a trimmed average: 1 where the mean is 3)
# has the lowest absolute error but staffs far too few people.
MAX_SWITCH_BIAS = 0.1
WEEKS_BETTER = "weeks_better"  # backtest column: origins where a model beat the preferred one


def origin_abs_errors(runs: BacktestRuns, name: str, indices: list[int]) -> np.ndarray:
    """Sum of absolute errors of `name` at each of `indices` (missing actuals ignored)."""
    actual = runs.actual[indices]
    error = np.abs(actual - runs.forecasts[name][indices])
    return np.where(np.isnan(error), 0.0, error).reshape(len(indices), -1).sum(axis=1)


def beats_everywhere(mine: np.ndarray, theirs: np.ndarray, margin: float) -> bool:
    """Per-origin errors `mine` are lower at every origin than `theirs`, and `margin` lower
    pooled."""
    return bool(mine.size and (mine < theirs).all() and mine.sum() < (1 - margin) * theirs.sum())


def pick_model(
    runs: BacktestRuns,
    candidates: list[str],
    indices: list[int],
    preferred: str | None = PREFERRED_MODEL,
    margin: float = SWITCH_MARGIN,
) -> str:
    """`preferred` unless candidates beat it at every origin of `indices` and by `margin`
    pooled: then the one of those with the lowest interval WAPE. Without a preferred model,
    the lowest interval WAPE pooled over `indices` (first one on ties)."""
    scores = [wape(runs.actual[indices], runs.forecasts[name][indices]) for name in candidates]
    scores = [np.inf if np.isnan(s) else s for s in scores]
    if preferred not in candidates or not np.isfinite(scores[candidates.index(preferred)]):
        return candidates[int(np.argmin(scores))]
    best, best_score = preferred, scores[candidates.index(preferred)]
    theirs = origin_abs_errors(runs, preferred, indices)
    allowed_bias = max(abs(pooled_bias(runs, preferred, indices)), MAX_SWITCH_BIAS)
    for name, score in zip(candidates, scores, strict=True):
        mine = origin_abs_errors(runs, name, indices)
        if (
            score < best_score
            and beats_everywhere(mine, theirs, margin)
            and abs(pooled_bias(runs, name, indices)) <= allowed_bias
        ):
            best, best_score = name, score
    return best


def pooled_bias(runs: BacktestRuns, name: str, indices: list[int]) -> float:
    """(forecast total - actual total) / actual total over `indices`, where actuals are known."""
    actual = runs.actual[indices]
    seen = ~np.isnan(actual)
    total = float(actual[seen].sum())
    return float(runs.forecasts[name][indices][seen].sum()) / total - 1 if total > 0 else 0.0


@dataclass
class Evaluation:
    """Forecasts at the evaluated origins plus dispersions and choices made from earlier ones."""

    indices: list[int]  # evaluated origins (rows of runs)
    forecasts: dict[str, np.ndarray]  # model (and "auto") -> (evaluated, days, slots)
    dispersions: dict[str, list[Dispersion]]  # model -> one per evaluated origin
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
    dispersions: dict[str, list[Dispersion]] = {name: [] for name in names}
    auto = np.zeros_like(forecasts[names[0]]) if indices else np.zeros((0,))
    auto_dispersion = []
    chosen = []
    for k, index in enumerate(indices):
        prior = prior_indices(runs, index, n_select)
        for name in names:
            dispersions[name].append(
                calibrate_dispersion(runs.actual[prior], runs.forecasts[name][prior], level)
            )
        pick = pick_model(runs, candidates, prior)
        chosen.append(pick)
        auto[k] = runs.forecasts[pick][index]
        auto_dispersion.append(dispersions[pick][k])
    forecasts[AUTO_NAME] = auto
    dispersions[AUTO_NAME] = auto_dispersion
    return Evaluation(indices, forecasts, dispersions, chosen)
