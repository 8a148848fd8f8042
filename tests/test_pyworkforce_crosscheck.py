"""Cross-check against pyworkforce 0.5.1 ErlangC on a grid of 3,840 cases, and the three
places where pyworkforce is wrong, each shown on its own."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from conftest import require

from staffing import queue_metrics, required_agents
from staffing.people import rostered_agents

try:
    from pyworkforce.queuing import ErlangC
except ImportError:  # pragma: no cover - require() below fails under CI
    ErlangC = None

# volume per interval, AHT (min), answer within (s), SL target, interval (min), max occupancy
GRID = list(
    itertools.product(
        [1, 2, 3, 5, 7, 10, 25, 50, 100, 200, 400, 800],
        [1, 3, 5, 8],
        [10, 20, 60, 300, 900],
        [0.5, 0.7, 0.8, 0.9],
        [15, 30],
        [1.0, 0.85],
    )
)


@pytest.fixture(scope="module")
def grid():
    require(ErlangC is not None, "pyworkforce 0.5.1 is not installed (requirements-test.txt)")
    cases = np.array(GRID, dtype=float)
    theirs = np.array(
        [
            ErlangC(transactions=v, aht=a, asa=w / 60, interval=i).required_positions(
                service_level=s, max_occupancy=o
            )["raw_positions"]
            for v, a, w, s, i, o in GRID
        ]
    )
    volume, aht_min, within, level, interval_min, occupancy = cases.T
    ours = required_agents(volume, aht_min * 60, interval_min * 60, level, within, occupancy)
    return cases, ours, theirs


def test_grid_is_large_enough(grid):
    assert len(grid[0]) >= 1000


def test_required_agents_match_pyworkforce_except_its_low_load_overshoot(grid):
    cases, ours, theirs = grid
    differ = ours != theirs
    assert (~differ).sum() >= 3_000
    for (volume, aht_min, _, _, interval_min, _), mine, its in zip(
        cases[differ], ours[differ], theirs[differ], strict=True
    ):
        load = volume / interval_min * aht_min
        # pyworkforce never looks below round(A + 1); every difference is that start point
        assert its == round(load + 1) > mine


def test_where_we_differ_pyworkforce_itself_says_our_count_is_enough(grid):
    cases, ours, theirs = grid
    differ = np.flatnonzero(ours != theirs)
    assert differ.size > 0
    for row in differ:
        volume, aht_min, within, level, interval_min, occupancy = cases[row]
        model = ErlangC(transactions=volume, aht=aht_min, asa=within / 60, interval=interval_min)
        assert model.service_level(int(ours[row])) >= level
        assert model.achieved_occupancy(int(ours[row])) <= occupancy
        # and one fewer agent (when there is one) is not enough
        if ours[row] > 1:
            assert model.service_level(int(ours[row]) - 1) < level


def test_metrics_match_pyworkforce_on_the_grid(grid):
    cases, ours, _ = grid
    volume, aht_min, within, _, interval_min, _ = cases.T
    agents = ours + 1  # any count above the load will do; these are all stable
    metrics = queue_metrics(volume, aht_min * 60, interval_min * 60, agents, within)
    for row in range(0, len(cases), 7):
        model = ErlangC(transactions=volume[row], aht=aht_min[row], asa=within[row] / 60,
                        interval=interval_min[row])  # fmt: skip
        n = int(agents[row])
        assert metrics.prob_wait[row] == pytest.approx(model.waiting_probability(n), rel=1e-9)
        assert metrics.service_level[row] == pytest.approx(model.service_level(n), rel=1e-9)
        assert metrics.occupancy[row] == pytest.approx(model.achieved_occupancy(n), rel=1e-12)


def test_pyworkforce_crashes_on_zero_volume_where_we_return_zero():
    require(ErlangC is not None, "pyworkforce 0.5.1 is not installed")
    with pytest.raises(ValueError):
        ErlangC(transactions=0, aht=3, asa=20 / 60, interval=30)
    assert required_agents(0, 180, 1800, 0.8, 20) == 0


def test_pyworkforce_overshoots_at_very_low_load():
    # 3 calls in 30 minutes of 5 minutes each: A = 0.5 Erlang. One agent answers
    # 1 - 0.5 e^{-0.5 * 20 / 300} = 51.6% within 20 s, above a 50% target, yet pyworkforce
    # starts its search at round(A + 1) = 2 agents.
    require(ErlangC is not None, "pyworkforce 0.5.1 is not installed")
    model = ErlangC(transactions=3, aht=5, asa=20 / 60, interval=30)
    assert model.service_level(1) == pytest.approx(1 - 0.5 * math.exp(-0.5 * 20 / 300))
    assert model.service_level(1) >= 0.5
    assert model.required_positions(service_level=0.5)["raw_positions"] == 2
    assert required_agents(3, 300, 1800, 0.5, 20) == 1


def test_pyworkforce_shrinkage_rounding_adds_a_person():
    # 165 calls per 30 minutes, AHT 3 min, 80/20 -> 21 agents; with 30% shrinkage
    # 21 / 0.7 = 30 people exactly, but in floating point it is 30.000000000000004 and
    # pyworkforce's plain ceil() rosters 31.
    require(ErlangC is not None, "pyworkforce 0.5.1 is not installed")
    result = ErlangC(transactions=165, aht=3, asa=20 / 60, interval=30, shrinkage=0.3)
    result = result.required_positions(service_level=0.8)
    assert result["raw_positions"] == 21
    assert result["positions"] == 31
    assert required_agents(165, 180, 1800, 0.8, 20) == 21
    assert rostered_agents(21, 0.3) == 30


def test_pyworkforce_occupancy_cap_rounding_adds_an_agent():
    # 31.5 calls per 15 minutes of 5 minutes: A = 10.5 Erlangs; at most 70% occupancy needs
    # 10.5 / 0.7 = 15 agents, but the float quotient is 15.000000000000002 and pyworkforce's
    # ceil() asks for 16 (same floating-point rounding as its shrinkage).
    require(ErlangC is not None, "pyworkforce 0.5.1 is not installed")
    model = ErlangC(transactions=31.5, aht=5, asa=20 / 60, interval=15)
    assert model.achieved_occupancy(15) == pytest.approx(0.7)
    assert model.required_positions(service_level=0.3, max_occupancy=0.7)["raw_positions"] == 16
    assert required_agents(31.5, 300, 900, 0.3, 20, max_occupancy=0.7) == 15
