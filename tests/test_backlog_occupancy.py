"""E-mail occupancy: work done over the agents' whole staffed time, capped by max occupancy.

Occupancy is time busy over time staffed (staffing.plan.PlanSummary), the same measure the
voice and chat plans report. For e-mail, `max_occupancy` is the productive share of an agent's
time, so a staffed interval can be fully busy on mail and still show only that share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staffing.backlog import email_plan
from staffing.plan import StaffingSettings, evaluate_staffing, plan_staffing, summarise_plan

HOUR = 3600.0
# 3 e-mails of 10 minutes arriving in one hour, then a quiet hour: 1,800 s of work
THREE_MAILS = np.array([3.0, 0.0])
TEN_MINUTES = 600.0


def _hourly_frame(volume: list[float], agents: list[int] | None = None) -> pd.DataFrame:
    starts = pd.date_range("2025-03-03 09:00", periods=len(volume), freq="h")
    frame = pd.DataFrame({"interval_start": starts, "queue": "mail", "volume": volume})
    return frame if agents is None else frame.assign(agents=agents)


def test_one_agent_for_two_hours_on_half_an_hour_of_mail_is_25_percent_busy():
    # 1,800 s of work in 2 x 3,600 s staffed: 50% in the first hour, idle in the second
    plan = email_plan(THREE_MAILS, TEN_MINUTES, HOUR, response_hours=2.0, agents=np.array([1, 1]))
    assert plan.occupancy.tolist() == pytest.approx([0.5, 0.0])
    mail = StaffingSettings(channel="email", aht_seconds=TEN_MINUTES, email_response_hours=2.0)
    frame = evaluate_staffing(_hourly_frame([3.0, 0.0], [1, 1]), 60, mail)
    assert summarise_plan(frame, 60, mail).occupancy == pytest.approx(0.25)


def test_occupancy_counts_the_staffed_time_not_only_its_productive_share():
    # at 50% productivity the agent spends 1,800 s of the first hour on mail and does all
    # of it: busy 1,800 of 3,600 s staffed = 50%, not 100% of the productive half-hour
    plan = email_plan(
        THREE_MAILS,
        TEN_MINUTES,
        HOUR,
        response_hours=2.0,
        productivity=0.5,
        agents=np.array([1, 1]),
    )
    assert plan.backlog.tolist() == pytest.approx([0.0, 0.0])
    assert plan.occupancy.tolist() == pytest.approx([0.5, 0.0])
    mail = StaffingSettings(
        channel="email", aht_seconds=TEN_MINUTES, email_response_hours=2.0, max_occupancy=0.5
    )
    frame = evaluate_staffing(_hourly_frame([3.0, 0.0], [1, 1]), 60, mail)
    assert summarise_plan(frame, 60, mail).occupancy == pytest.approx(0.25)


def test_a_sized_email_plan_reports_the_max_occupancy_it_was_sized_to():
    # 6 e-mails of 10 minutes = 3,600 s within one hour; at most 85% of an agent's hour is
    # mail (3,060 s), so 2 agents (7,200 s staffed) are needed: 3,600 / 7,200 = 50% busy
    mail = StaffingSettings(
        channel="email", aht_seconds=TEN_MINUTES, email_response_hours=1.0, max_occupancy=0.85
    )
    plan = plan_staffing(_hourly_frame([6.0]), 60, mail)
    assert plan.agents.tolist() == [2]
    assert plan.occupancy.tolist() == pytest.approx([0.5])
    assert summarise_plan(plan, 60, mail).occupancy == pytest.approx(0.5)


def test_office_hours_mail_with_a_day_to_answer_keeps_agents_at_max_occupancy():
    # The shipped sample's shape: mail worked 08:00-18:00, answered within a working day (10
    # hours), at most 85% occupancy. Day two (day one brings nothing, so nothing is carried
    # in) brings 20 e-mails of 6 minutes per 15 minutes from 09:00 to 18:00 (259,200 s); an agent-interval does 0.85 x 900 = 765 s of it, so 259,200 / 765 =
    # 338.8 -> 339 whole agent-intervals (carrying the fraction), all busy on mail for 85% of
    # their time. Occupancy is 259,200 / (339 x 900) = 84.96%, not 100%.
    starts = pd.date_range("2025-03-03", periods=3 * 96, freq="15min")
    volume = np.where((starts.day == 4) & (starts.hour >= 9) & (starts.hour < 18), 20.0, 0.0)
    frame = pd.DataFrame({"interval_start": starts, "queue": "mail", "volume": volume})
    mail = StaffingSettings(
        channel="email",
        aht_seconds=360.0,
        email_response_hours=10.0,
        email_hours=(8.0, 18.0),
        max_occupancy=0.85,
    )
    plan = plan_staffing(frame, 15, mail)
    assert plan.service_level.min() == pytest.approx(1.0)
    assert plan.agents.sum() == 339
    summary = summarise_plan(plan, 15, mail)
    assert summary.occupancy == pytest.approx(259_200 / (339 * 900))
    assert summary.occupancy <= mail.max_occupancy


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=48),
    st.lists(st.integers(0, 6), min_size=48, max_size=48),
    st.sampled_from([0.5, 0.85, 1.0]),
)
def test_occupancy_times_staffed_time_is_the_work_done(arrivals, staffing, productivity):
    volume = np.array(arrivals, dtype=float)
    agents = np.array(staffing[: volume.size])
    plan = email_plan(
        volume, 300, 900, response_hours=2.0, productivity=productivity, agents=agents
    )
    # work done in an interval = the drop in open work: arrivals minus the backlog's growth
    backlog_before = np.r_[0.0, plan.backlog.to_numpy()[:-1]]
    done_seconds = (volume + backlog_before - plan.backlog.to_numpy()) * 300
    busy_seconds = plan.occupancy.to_numpy() * agents * 900
    assert busy_seconds == pytest.approx(done_seconds, abs=1e-6)
    assert (plan.occupancy <= productivity + 1e-12).all()
