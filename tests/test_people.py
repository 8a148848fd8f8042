"""Shrinkage with tolerant rounding, fractional agents, supervisors at 1 per 8-15 agents."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from staffing.people import rostered_agents, supervisor_band, supervisors_needed


def test_exact_quotients_are_not_bumped_by_floating_point():
    assert 21 / 0.7 > 30  # 30.000000000000004 in floats
    assert rostered_agents(21, 0.3) == 30
    assert rostered_agents([0, 7, 14, 15, 70], 0.3).tolist() == [0, 10, 20, 22, 100]


def test_default_shrinkage_is_30_percent():
    assert rostered_agents(14) == 20


def test_fractional_agents_keep_the_exact_quotient_for_pooling():
    rostered = rostered_agents(np.array([3, 4]), 0.3, fractional=True)
    assert rostered == pytest.approx([3 / 0.7, 4 / 0.7])
    # pooled before rounding: 10 people for the two queues, against 5 + 6 = 11 rounded apart
    assert np.ceil(rostered.sum() - 1e-9) == 10
    assert rostered_agents([3, 4], 0.3).sum() == 11


@pytest.mark.parametrize("shrinkage", [-0.1, 1.0, 1.5, float("nan")])
def test_bad_shrinkage_is_rejected(shrinkage):
    with pytest.raises(InputError, match="shrinkage must be a fraction"):
        rostered_agents(10, shrinkage)


def test_supervisors_one_per_span_whenever_anyone_is_rostered():
    assert supervisors_needed([0, 1, 12, 13, 24, 25]).tolist() == [0, 1, 1, 2, 2, 3]
    assert supervisors_needed([1, 8, 9], span=8).tolist() == [1, 1, 2]
    assert supervisors_needed(30, span=15) == 2


def test_supervisor_band_runs_from_span_15_to_span_8():
    fewest, most = supervisor_band(np.array([0, 5, 120, 121]))
    assert fewest.tolist() == [0, 1, 8, 9]
    assert most.tolist() == [0, 1, 15, 16]


@pytest.mark.parametrize("span", [7, 16, 0, -12, 12.5, True, "12"])
def test_span_outside_8_to_15_is_rejected_clearly(span):
    with pytest.raises(InputError, match="supervisor span must be a whole number .* from 8 to 15"):
        supervisors_needed(10, span)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 20_000), st.floats(0.0, 0.6))
def test_rostered_is_the_fewest_people_covering_the_agents(agents, shrinkage):
    rostered = int(rostered_agents(agents, shrinkage))
    assert rostered * (1 - shrinkage) >= agents - 1e-6
    if agents:
        assert (rostered - 1) * (1 - shrinkage) < agents
