"""Staffing probe, round eight: figures checked by hand or against an independent solve."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from staffing.backlog import email_plan


def _office_mail(days: int, response_hours: float = 4.0) -> pd.DataFrame:
    """10 e-mails of 5 minutes every 15 minutes round the clock, worked 08:00-18:00."""
    starts = pd.date_range("2026-12-07", periods=days * 96, freq="15min")  # a Monday
    is_open = (starts.hour >= 8) & (starts.hour < 18)
    plan = email_plan(np.full(starts.size, 10.0), 300.0, 900, response_hours, is_open)
    plan.index = starts
    return plan


def test_the_nights_mail_is_answered_over_the_morning_not_in_its_first_interval():
    # A 4-hour window counted in working hours: the 56 closed intervals' mail (56 x 3,000 s =
    # 168,000 s) is due by 12:00 and shared by the 16 intervals 08:00-11:45: 10,500 s =
    # 11.67 agents each, plus 3,000 s = 3.33 agents for the mail arriving then: 15 agents.
    # Counted in calendar hours it all fell on 08:00 (148 agents, then 9, 6, 6, 5, ...).
    plan = _office_mail(14)
    tuesday = plan.loc["2026-12-08 08:00":"2026-12-08 11:45"]
    assert tuesday.agents.tolist() == [15] * 16
    afternoon = plan.loc["2026-12-08 12:00":"2026-12-08 17:45"]
    # 3,000 s per interval = 3.33 agents: 4, 3, 3, 4, ... carrying the fraction
    assert afternoon.agents.sum() == pytest.approx(24 * 10 / 3, abs=1)
    assert afternoon.agents.max() == 4  # no pile-up before closing either
    assert plan.service_level.min() == pytest.approx(1.0)


def test_a_short_horizon_starts_with_the_nights_inbox():
    # Under a week the day before is read as the first day again: Monday 08:00 carries the
    # Sunday night's mail as Tuesday 08:00 carries Monday night's (it started empty: 68
    # against 148 on calendar hours).
    plan = _office_mail(3)
    assert plan.loc["2026-12-07 08:00", "agents"] == plan.loc["2026-12-08 08:00", "agents"] == 15
    # the inbox at 07:45: 56 closed intervals x 10 e-mails + 75 of the afternoon's, due the
    # next morning in working hours
    assert plan.loc["2026-12-07 07:45", "backlog"] == plan.loc["2026-12-08 07:45", "backlog"]
    assert plan.loc["2026-12-07 07:45", "backlog"] == pytest.approx(635)
    per_day = plan.agents.to_numpy().reshape(3, 96).sum(axis=1)
    assert per_day[0] == per_day[1]


def test_a_plan_under_a_week_ending_on_a_closed_day_answers_its_last_open_days_mail():
    # Monday to Saturday, mail worked 08:00-18:00 on weekdays: after the closed Saturday the
    # plan's days go on from its first (Monday), so Friday afternoon's and Saturday's mail is due on Monday
    # morning, not "never answered". Its last day again (closed) read that mail as late,
    # service level 0 and an infinite response time from Friday 14:00 (4 h before closing).
    starts = pd.date_range("2026-12-07", periods=6 * 96, freq="15min")
    is_open = (starts.hour >= 8) & (starts.hour < 18) & (starts.day_of_week < 5)
    plan = email_plan(np.full(starts.size, 10.0), 300.0, 900, 4.0, is_open)
    plan.index = starts
    assert plan.service_level.min() == pytest.approx(1.0)
    assert np.isfinite(plan.asa_seconds).all()
    # Friday 08:00-11:45 pays for Thursday night as any weekday morning does: 15 agents
    assert plan.loc["2026-12-11 08:00":"2026-12-11 11:45", "agents"].tolist() == [15] * 16
