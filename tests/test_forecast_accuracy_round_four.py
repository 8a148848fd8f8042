"""Forecast accuracy, round four: the benchmark reads auto against the plain 4-week average over
the last 8, 12 and 16 origins of one backtest (bench/forecast_accuracy.py --also-origins). A
change judged at 8 origins alone can ride one stretch of weeks: on the bank a level-shift
detector brought 8 origins past the target and lost at 12 and 16. Separate runs with --origins
8 / 12 / 16 printed 0.188 / 0.193 / 0.215 (+9.6% / +15.4% / +20.0%) for the bank; one run with
--origins 16 --also-origins 8 12 16 prints 0.1884 / 0.1929 / 0.2147, the same origins scored."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench.forecast_accuracy import auto_over_last_origins
from forecasting.accuracy import accuracy_table
from forecasting.backtest import BacktestRuns
from forecasting.registry import HISTORICAL_AVERAGE
from forecasting.select import PREFERRED_MODEL, evaluate

MONDAY = pd.Timestamp("2024-01-01")
ORIGINS = [0, 7, 14, 21]  # weekly, each horizon 7 days: every earlier one is known by the next


def _runs(forecasts: dict[str, list[float]]) -> BacktestRuns:
    """Four weekly origins of one slot a day, 10 contacts every day; each model forecasts one
    flat figure per origin."""
    shape = (len(ORIGINS), 7, 1)
    return BacktestRuns(
        queue="q",
        horizon_days=7,
        origins=ORIGINS,
        origin_times=[MONDAY + pd.Timedelta(days=o) for o in ORIGINS],
        actual=np.full(shape, 10.0),
        scales=np.full(len(ORIGINS), np.nan),
        forecasts={
            name: np.broadcast_to(np.array(per_origin)[:, None, None], shape).copy()
            for name, per_origin in forecasts.items()
        },
    )


# Auto keeps the combination at every origin: the 4-week average never beats it at the one
# origin before (0 vs 2, 2 vs 2, 1 vs 5 contacts a day off).
RUNS = _runs({PREFERRED_MODEL: [10, 12, 9, 11], HISTORICAL_AVERAGE: [12, 8, 15, 12]})
# The spreadsheet's average, as its own backtest (no calendar, no cleaning) forecast it.
PLAIN = _runs({HISTORICAL_AVERAGE: [10, 13, 14, 12]})


def test_each_count_scores_the_last_origins_auto_picked_from_earlier_ones():
    table = auto_over_last_origins(RUNS, PLAIN, [1, 3], selection_origins=1)
    assert list(table["origins"]) == [1, 3]
    # Last origin: auto 11 a day against 10, 1 / 10; the plain average 12, 2 / 10.
    last = table.iloc[0]
    assert last["auto_wape"] == pytest.approx(0.1)
    assert last["plain_wape"] == pytest.approx(0.2)
    assert last["gain"] == pytest.approx(0.5)
    # Last three: auto off by 2, 1, 1 a day (4 / 30), the plain average by 3, 4, 2 (9 / 30).
    three = table.iloc[1]
    assert three["auto_wape"] == pytest.approx(4 / 30)
    assert three["plain_wape"] == pytest.approx(9 / 30)
    assert three["gain"] == pytest.approx(1 - 4 / 9)


def test_its_coverage_is_the_backtest_tables():
    table = auto_over_last_origins(RUNS, PLAIN, [3], selection_origins=1)
    evaluation = evaluate(RUNS, [PREFERRED_MODEL, HISTORICAL_AVERAGE], 3, 1)
    backtest = accuracy_table(RUNS, evaluation).set_index("model")
    assert table["coverage_80"].iloc[0] == pytest.approx(backtest.loc["auto", "coverage_80"])
    assert table["auto_wape"].iloc[0] == pytest.approx(backtest.loc["auto", "wape_interval"])


def test_more_origins_than_were_scored_reads_the_number_scored():
    # The first origin has none before it to pick from: three are scored, not five.
    table = auto_over_last_origins(RUNS, PLAIN, [5], selection_origins=1)
    assert table["origins"].iloc[0] == 3
    assert table["auto_wape"].iloc[0] == pytest.approx(4 / 30)
