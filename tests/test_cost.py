"""Paid hours, interval cost at the documented default rates, and FTE on a weekly contract."""

from __future__ import annotations

import pytest

from staffing.cost import (
    DEFAULT_AGENT_HOURLY_COST,
    DEFAULT_SUPERVISOR_HOURLY_COST,
    DEFAULT_WEEKLY_CONTRACT_HOURS,
    full_time_equivalents,
    interval_cost,
    paid_hours,
)


def test_documented_defaults():
    assert (DEFAULT_AGENT_HOURLY_COST, DEFAULT_SUPERVISOR_HOURLY_COST) == (22.0, 30.0)
    assert DEFAULT_WEEKLY_CONTRACT_HOURS == 38.0


def test_paid_hours_per_interval():
    assert paid_hours([0, 10, 3], 15).tolist() == [0.0, 2.5, 0.75]


def test_interval_cost_adds_agents_and_supervisors_at_their_rates():
    # 20 people and 2 team leads for half an hour: 20 * 0.5 * 22 + 2 * 0.5 * 30 = 250
    assert interval_cost([20], [2], 30).tolist() == [250.0]
    assert interval_cost([20], [2], 30, 20.0, 40.0).tolist() == [20 * 0.5 * 20 + 2 * 0.5 * 40]


def test_fte_is_paid_hours_per_week_over_the_contract():
    assert full_time_equivalents(38.0, 168.0, 38.0) == pytest.approx(1.0)
    # four weeks of 10 people working 40 h a week on 38 h contracts
    assert full_time_equivalents(10 * 40 * 4, 4 * 168, 38.0) == pytest.approx(400 / 38)
    assert full_time_equivalents(100.0, 0.0, 38.0) == 0.0
