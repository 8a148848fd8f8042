"""E-mail / back office: work spread over its response window, backlog carried forward."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.errors import InputError
from staffing.backlog import email_plan

# 40 e-mails at 09:00 and 10 at 10:00, 5 minutes each, 15-minute intervals
BURST = np.array([40, 0, 0, 0, 10, 0, 0, 0], dtype=float)


def test_one_hour_window_spreads_each_burst_over_four_intervals():
    plan = email_plan(BURST, 300, 900, response_hours=1.0)
    # 12,000 s of work over 4 intervals = 3,000 s each = 3.33 agents: 4 (600 s ahead), then
    # 3 twice (2,400 and 2,700 s short of the smooth schedule), then 4 to finish the burst;
    # the second burst needs 750 s per interval: one agent each
    assert plan.agents.tolist() == [4, 3, 3, 4, 1, 1, 1, 1]
    # an agent answers 3 e-mails per interval
    assert plan.backlog.tolist() == pytest.approx([28, 19, 10, 0, 7, 4, 1, 0])
    assert plan.service_level.tolist() == [1.0] * 8
    assert plan.occupancy.iloc[3] == pytest.approx(10 / 12)


def test_idle_capacity_is_not_banked_for_later_arrivals():
    # 2 e-mails of 600 s per interval, 2-hour window: the smooth schedule needs 1,200 s per
    # interval = 1.33 agents; carrying the fraction gives 2,1,1,2,... not 2 every interval,
    # and an agent idle for lack of work never counts as work done ahead
    volume = np.array([2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0], dtype=float)
    plan = email_plan(volume, 600, 900, response_hours=2.0)
    work = volume.sum() * 600
    assert plan.agents.sum() * 900 < work + 900  # within one agent-interval of the work
    assert plan.service_level.min() == pytest.approx(1.0)
    assert plan.backlog.iloc[-1] == pytest.approx(0.0)


def test_too_few_agents_leave_work_late_and_the_backlog_shows_it():
    plan = email_plan(BURST, 300, 900, response_hours=1.0, agents=np.full(8, 3))
    assert plan.backlog.tolist() == pytest.approx([31, 22, 13, 4, 5, 0, 0, 0])
    # 36 of the 40 are answered by the end of the fourth interval
    assert plan.service_level.iloc[0] == pytest.approx(0.9)
    # the middle (20th) e-mail is done 2.22 intervals in, 1,550 s after the mid-interval arrival
    assert plan.asa_seconds.iloc[0] == pytest.approx(20 / 9 * 900 - 450)


def test_closed_intervals_get_nobody_and_the_work_moves_to_open_ones():
    is_open = np.array([1, 1, 0, 0, 1, 1, 1, 1], dtype=bool)
    plan = email_plan(BURST, 300, 900, response_hours=1.0, is_open=is_open)
    # the window counts open intervals: the 09:00 burst's 12,000 s is shared by intervals
    # 0, 1, 4 and 5 (3,000 s each), the 10:00 burst's 3,000 s by 4-7 (750 s each); whole
    # agents carrying the fraction: 4 (3,600 s), 3 (6,300), 4 (9,900), 4 (13,500), 1, 1
    assert plan.agents.tolist() == [4, 3, 0, 0, 4, 4, 1, 1]
    assert plan.service_level.tolist() == [1.0] * 8


def test_work_arriving_while_closed_is_due_after_its_window_of_open_intervals():
    volume = np.array([0, 0, 10, 0, 0, 0], dtype=float)
    is_open = np.array([1, 1, 0, 0, 0, 1], dtype=bool)
    plan = email_plan(volume, 300, 900, response_hours=0.5, is_open=is_open)
    # the clock starts at the next opening: two open intervals, the last one and the first
    # after the horizon, 1,500 s each -> 2 agents here, and nothing is late
    assert plan.agents.tolist() == [0, 0, 0, 0, 0, 2]
    assert plan.service_level.iloc[2] == 1.0
    assert plan.backlog.iloc[4] == 10
    assert plan.backlog.iloc[5] == 4


def test_a_day_of_work_with_a_24_hour_window_is_level_staffed():
    volume = np.zeros(96 * 3)
    # 09:00-18:00 on day two (day one's nothing, so nothing is carried in before the horizon),
    # 20 e-mails per 15 minutes, 6 minutes each
    volume[96 + 36 : 96 + 72] = 20
    plan = email_plan(volume, 360, 900, response_hours=24)
    # each interval's 7,200 s is shared by the 96 intervals of its day: 36 x 75 s at the most
    assert plan.agents.max() == 3
    # 259,200 s of work = 288 agent-intervals; carrying fractions pays for at most one more
    assert 288 <= plan.agents.sum() <= 289
    assert plan.service_level.min() == 1.0
    assert plan.backlog.iloc[-1] == pytest.approx(0.0)


def test_productivity_below_one_needs_more_agents():
    full = email_plan(BURST, 300, 900, 1.0).agents.sum()
    partial = email_plan(BURST, 300, 900, 1.0, productivity=0.5).agents.sum()
    assert partial > full


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"response_hours": 0}, "response window"), ({"productivity": 0}, "productivity"),
     ({"productivity": 1.2}, "productivity")],
)  # fmt: skip
def test_bad_settings_are_rejected(kwargs, message):
    with pytest.raises(InputError, match=message):
        email_plan(BURST, 300, 900, **kwargs)


def test_no_open_interval_at_all_is_an_input_error():
    with pytest.raises(InputError, match="no interval is open"):
        email_plan(BURST, 300, 900, 1.0, is_open=np.zeros(8, dtype=bool))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=60),
    st.lists(st.integers(0, 8), min_size=60, max_size=60),
)
def test_backlog_equals_the_interval_by_interval_recursion(arrivals, staffing):
    volume = np.array(arrivals, dtype=float)
    agents = np.array(staffing[: volume.size])
    plan = email_plan(volume, 300, 900, response_hours=2.0, agents=agents)
    backlog = 0.0
    expected = []
    for arrived, working in zip(volume, agents, strict=True):
        backlog = max(0.0, backlog + arrived - working * 3)  # 3 e-mails per agent-interval
        expected.append(backlog)
    assert plan.backlog.to_numpy() == pytest.approx(expected, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=80), st.sampled_from([1.0, 4.0, 24.0]))
def test_sized_staffing_always_answers_within_the_window(arrivals, hours):
    plan = email_plan(np.array(arrivals, dtype=float), 420, 900, response_hours=hours)
    assert plan.service_level.min() == pytest.approx(1.0)


def test_a_plan_cut_out_of_a_steady_stream_is_level_from_first_day_to_last():
    # two weeks of steady mail, 24/7, 24-hour window. The last day's arrivals are partly
    # answered after the plan ends, and the first day starts with the inbox a usual day
    # leaves (the same weekday and times a week later, staffed to plan): both edge days are
    # staffed like the others, nothing is late and every response time is finite
    volume = np.random.default_rng(0).poisson(4, 14 * 96).astype(float)
    plan = email_plan(volume, 225, 900, response_hours=24.0)
    per_day = plan.agents.to_numpy().reshape(14, 96).sum(axis=1)
    middle = per_day[1:-1].mean()
    assert per_day[-1] == pytest.approx(middle, rel=0.1)
    assert per_day[0] == pytest.approx(middle, rel=0.1)
    assert plan.backlog.iloc[0] > volume[0]  # yesterday's mail is in the inbox
    assert plan.service_level.min() == pytest.approx(1.0)
    assert np.isfinite(plan.asa_seconds).all()


def test_under_a_week_the_inbox_starts_with_the_day_before():
    # the day before the horizon is read as the horizon's first day again, so day one pays
    # for the inbox it inherits as day two does: 4 x 225 s per interval, one agent each
    volume = np.full(3 * 96, 4.0)
    plan = email_plan(volume, 225, 900, response_hours=24.0)
    per_day = plan.agents.to_numpy().reshape(3, 96).sum(axis=1)
    assert per_day[0] == per_day[1] == 96


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 20), min_size=168, max_size=220),
    st.sampled_from([24.0, 30.0, 48.0]),
    st.integers(0, 2**32 - 1),
)
def test_sized_week_plans_with_an_inbox_answer_everything_in_time(arrivals, hours, seed):
    # hourly intervals, a week or more: the carried-in inbox is part of the work. One open
    # hour a day puts an open interval in every window, so nothing need be late.
    is_open = np.random.default_rng(seed).random(len(arrivals)) < 0.8
    is_open[::24] = True
    plan = email_plan(np.array(arrivals, float), 600, 3600, response_hours=hours, is_open=is_open)
    assert plan.service_level.min() == pytest.approx(1.0)
    assert (plan.agents[~is_open] == 0).all()
