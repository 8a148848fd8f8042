"""Erlang C: the published worked example, very large centers, zero volume, input checks and
monotonicity properties of required_agents."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from staffing import queue_metrics, required_agents
from staffing.erlang_c import log_erlang_b


def erlang_b_by_recursion(agents: int, load: float) -> float:
    """Textbook stable recursion B(n) = A B(n-1) / (n + A B(n-1)), B(0) = 1, one step at a time."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def erlang_c_by_recursion(agents: int, load: float) -> float:
    blocking = erlang_b_by_recursion(agents, load)
    return agents * blocking / (agents - load * (1 - blocking))


def test_published_worked_example_callcentrehelper():
    # callcentrehelper.com "Erlang C formula - made simple": 100 calls per 30 minutes,
    # AHT 180 s, 80% answered in 20 s -> 14 agents, P(wait) 17.4%, SL 88.8%, ASA 7.8 s,
    # occupancy 71.4%.
    assert required_agents(100, 180, 1800, 0.8, 20) == 14
    row = queue_metrics(100, 180, 1800, 14, 20).iloc[0]
    assert row.prob_wait == pytest.approx(0.174, abs=5e-4)
    assert row.service_level == pytest.approx(0.888, abs=5e-4)
    assert row.asa_seconds == pytest.approx(7.8, abs=0.05)
    assert row.occupancy == pytest.approx(0.714, abs=5e-4)
    # and 13 agents would miss the target
    assert queue_metrics(100, 180, 1800, 13, 20).service_level.iloc[0] < 0.8


def test_worked_example_as_intervals_of_a_vector():
    volumes = np.array([0.0, 100.0, 200.0, 100.0])
    agents = required_agents(volumes, 180, 1800, 0.8, 20)
    assert agents.tolist() == [0, 14, 24, 14]
    assert agents.dtype.kind == "i"


@pytest.mark.parametrize(("erlangs", "expected"), [(10_000, 10_021), (2_000, 2_017)])
def test_very_large_centers(erlangs, expected):
    volume = erlangs * 900 / 300  # AHT 300 s in 15-minute intervals
    agents = int(required_agents(volume, 300, 900, 0.8, 20))
    assert agents == expected
    metrics = queue_metrics(volume, 300, 900, [expected - 1, expected], 20)
    assert np.isfinite(metrics.to_numpy()).all()
    assert metrics.service_level.iloc[0] < 0.8 <= metrics.service_level.iloc[1]
    # a probability of waiting strictly between 0 and 1, agreeing with the plain recursion
    wait = metrics.prob_wait.iloc[1]
    assert 0.0 < wait < 1.0
    assert wait == pytest.approx(erlang_c_by_recursion(expected, float(erlangs)), rel=1e-9)


@pytest.mark.parametrize(
    ("agents", "load"),
    [(1, 0.5), (14, 10.0), (5, 10.0), (700, 1000.0), (10_050, 10_000.0), (3_000, 10_000.0),
     (9_000, 10_000.0), (1, 3_000.0), (200, 5.0)],
)  # fmt: skip
def test_log_erlang_b_matches_the_recursion(agents, load):
    expected = erlang_b_by_recursion(agents, load)
    got = math.exp(log_erlang_b(np.array([agents]), np.array([load]))[0])
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_far_understaffed_huge_load_has_no_nan_and_no_fake_certainty():
    metrics = queue_metrics(30_000, 300, 900, [0, 5_000, 9_999, 10_000, 10_001, 12_000], 20)
    assert not metrics.isna().any().any()
    assert metrics.prob_wait.iloc[:4].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert metrics.service_level.iloc[:4].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert math.isinf(metrics.asa_seconds.iloc[2])
    # one agent above the load: nearly everyone waits, but the probability is not rounded to 1
    wait = metrics.prob_wait.iloc[4]
    assert 0.98 < wait < 1.0
    assert wait == pytest.approx(erlang_c_by_recursion(10_001, 10_000.0), rel=1e-9)
    assert 0.0 < metrics.prob_wait.iloc[5] < 1e-80


def test_zero_volume_needs_no_one_and_is_served_perfectly():
    assert required_agents(0, 300, 900, 0.8, 20) == 0
    assert required_agents([0, 0], 300, 900, 0.8, 20, patience_seconds=120).tolist() == [0, 0]
    row = queue_metrics(0, 300, 900, 0, 20).iloc[0]
    assert (row.service_level, row.asa_seconds, row.occupancy, row.prob_wait) == (1, 0, 0, 0)


def test_occupancy_cap_rounds_with_tolerance():
    # 10.5 Erlangs at 70% -> exactly 15 agents, though 10.5 / 0.7 is 15.000000000000002 in floats
    assert 10.5 / 0.7 > 15
    assert required_agents(31.5, 300, 900, 0.3, 20, max_occupancy=0.7) == 15


def test_asa_cap_is_met_by_the_smallest_count():
    agents = int(required_agents(100, 180, 1800, 0.8, 20, max_asa_seconds=3))
    metrics = queue_metrics(100, 180, 1800, [agents - 1, agents], 20)
    assert metrics.asa_seconds.iloc[0] > 3 >= metrics.asa_seconds.iloc[1]
    assert agents > 14


def test_inputs_broadcast_per_interval():
    agents = required_agents([100, 100], [180, 360], 1800, [0.8, 0.9], [20, 10])
    assert agents[0] == 14
    assert agents[1] == int(required_agents(100, 360, 1800, 0.9, 10))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"aht_seconds": -5}, "AHT seconds must be greater than 0"),
        ({"volume": -1}, "volume cannot be negative"),
        ({"volume": float("nan")}, "volume must be a finite number"),
        ({"service_level": 1.2}, "strictly between 0 and 1"),
        ({"service_level": 0.0}, "strictly between 0 and 1"),
        ({"service_level": 1.0, "answer_within_seconds": 0}, "100% answered within 0 seconds"),
        ({"answer_within_seconds": -1}, "answer-within seconds cannot be negative"),
        ({"max_occupancy": 0}, "maximum occupancy"),
        ({"max_occupancy": 1.5}, "maximum occupancy"),
        ({"interval_seconds": 0}, "interval seconds must be greater than 0"),
        ({"max_abandon_rate": 0.05}, "needs the callers' patience"),
        ({"patience_seconds": -3}, "patience seconds must be greater than 0"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(kwargs, message):
    arguments = {"volume": 100, "aht_seconds": 180, "interval_seconds": 1800,
                 "service_level": 0.8, "answer_within_seconds": 20, **kwargs}  # fmt: skip
    with pytest.raises(InputError, match=message):
        required_agents(**arguments)


volumes = st.floats(0, 3000)
ahts = st.floats(10, 1200)
levels = st.floats(0.05, 0.99)
withins = st.floats(0, 120)


@settings(max_examples=150, deadline=None)
@given(volumes, volumes, ahts, levels, withins)
def test_more_volume_never_needs_fewer_agents(volume, extra, aht, level, within):
    low, high = required_agents([volume, volume + extra], aht, 900, level, within)
    assert low <= high


@settings(max_examples=150, deadline=None)
@given(volumes, ahts, ahts, levels, withins)
def test_longer_handle_time_never_needs_fewer_agents(volume, aht, longer, level, within):
    low = required_agents(volume, min(aht, longer), 900, level, within)
    high = required_agents(volume, max(aht, longer), 900, level, within)
    assert low <= high


@settings(max_examples=150, deadline=None)
@given(volumes, ahts, levels, levels, withins, withins, st.floats(0.3, 1.0), st.floats(0.3, 1.0))
def test_tighter_targets_never_need_fewer_agents(
    volume, aht, level_a, level_b, within_a, within_b, occupancy_a, occupancy_b
):
    lax = required_agents(volume, aht, 900, min(level_a, level_b), max(within_a, within_b),
                          max(occupancy_a, occupancy_b))  # fmt: skip
    strict = required_agents(volume, aht, 900, max(level_a, level_b), min(within_a, within_b),
                             min(occupancy_a, occupancy_b))  # fmt: skip
    assert lax <= strict


@settings(max_examples=100, deadline=None)
@given(st.floats(0.01, 5000), ahts, levels, withins)
def test_answer_is_the_smallest_count_meeting_the_target(volume, aht, level, within):
    agents = int(required_agents(volume, aht, 900, level, within))
    metrics = queue_metrics(volume, aht, 900, [agents - 1, agents], within)
    assert metrics.service_level.iloc[1] >= level
    assert metrics.service_level.iloc[0] < level
