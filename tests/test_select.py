"""Auto-selection and calibration use only origins whose actuals were known (no peeking)."""

import numpy as np
import pytest

from forecasting.backtest import BacktestRuns
from forecasting.select import AUTO_NAME, evaluate, pick_model, prior_indices


def runs_with(good_until: int) -> BacktestRuns:
    """Six weekly origins, 14-day horizon; model 'a' is exact up to origin `good_until`,
    'b' is 10 % high throughout."""
    actual = np.full((6, 14, 2), 10.0)
    a = actual.copy()
    a[good_until:] *= 2  # a breaks down later
    return BacktestRuns(
        "q",
        14,
        [28, 35, 42, 49, 56, 63],
        [],
        actual,
        np.ones(6),
        {"a": a, "b": actual * 1.1},
        {"a": 0.0, "b": 0.0},
    )


def test_prior_origins_exclude_overlapping_horizons():
    runs = runs_with(6)
    assert prior_indices(runs, 1, 4) == []  # origin 35: origin 28 ends at 42, not done yet
    assert prior_indices(runs, 2, 4) == [0]
    assert prior_indices(runs, 5, 2) == [2, 3]


def test_pick_model_takes_the_lowest_wape():
    runs = runs_with(6)
    assert pick_model(runs, ["b", "a"], [0, 1]) == "a"


def test_auto_follows_what_was_known_at_each_origin():
    runs = runs_with(3)  # 'a' is perfect at origins 0-2, then 100 % high
    evaluation = evaluate(runs, ["a", "b"], n_evaluate=4, n_select=1)
    assert evaluation.indices == [2, 3, 4, 5]
    # at origin 4 the last finished origin is 2 (a perfect) -> still a; at 5, origin 3 -> b
    assert evaluation.chosen == ["a", "a", "a", "b"]
    np.testing.assert_array_equal(evaluation.forecasts[AUTO_NAME][3], runs.forecasts["b"][5])
    assert evaluation.dispersions["a"][0] == pytest.approx(1e-6)


def test_preferred_model_stays_unless_clearly_beaten():
    runs = runs_with(6)  # a exact, b 10 % high
    runs.forecasts["c"] = runs.actual * 1.12
    assert pick_model(runs, ["a", "b", "c"], [0], preferred="b") == "a"  # WAPE 0 vs 0.1
    runs.forecasts["a"] = runs.actual * 1.086
    # WAPE 0.086 vs 0.1 is 14 % lower: within the 15 % margin, b stays; 5 % would switch.
    assert pick_model(runs, ["a", "b", "c"], [0], preferred="b") == "b"
    assert pick_model(runs, ["a", "b", "c"], [0], preferred="b", margin=0.05) == "a"
    runs.forecasts["a"] = runs.actual * 1.084  # 16 % lower: switch
    assert pick_model(runs, ["a", "b", "c"], [0], preferred="b") == "a"
    assert pick_model(runs, ["a", "b", "c"], [0], preferred=None) == "a"
