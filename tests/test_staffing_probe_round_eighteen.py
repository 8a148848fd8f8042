"""Staffing probe, round eighteen: what a planner reads in `cli.py staff` and `cli.py shifts`
on forecasts of the shared data and on hand-made plans."""

from __future__ import annotations

import pandas as pd

from staffing.limits import shares_sentence
from staffing.plan import StaffingSettings, limit_summary, plan_staffing

# ------------------------------------------ E-mail: the limits' count says what it counts


def _mailbox(days: int = 14) -> pd.DataFrame:
    """A mailbox open round the clock, 4 e-mails a quarter hour, from Mon 5 Jan 2026."""
    starts = pd.date_range("2026-01-05", periods=days * 96, freq="15min")
    return pd.DataFrame({"interval_start": starts, "queue": "mail", "volume": 4.0})


def test_an_email_plans_limit_count_names_the_worked_intervals_and_the_rest():
    settings = StaffingSettings(
        aht_seconds=225, queue_channels={"mail": "email"}, email_hours=(9.0, 17.0)
    )
    plan = plan_staffing(_mailbox(), 15, settings)
    summary = limit_summary(plan, 15, settings)
    # 14 days x 96 quarter hours open; 09:00-17:00 is 32 of them a day worked.
    assert (summary.open_intervals, summary.outside_email_hours) == (14 * 32, 14 * 64)
    # Before: "In all 448 open intervals the agents are set by the response window.", of a
    # plan of 1,344 open intervals.
    assert shares_sentence(summary) == (
        "In all 448 worked intervals the agents are set by the response window; the other 896 "
        "open intervals, outside e-mail hours, have no agents: their e-mail waits for the "
        "working hours."
    )


def test_a_voice_and_mail_plans_count_names_both_queues_worked_intervals():
    mail = _mailbox(days=1)
    frame = pd.concat([mail, mail.assign(queue="calls")], ignore_index=True)
    settings = StaffingSettings(
        aht_seconds=225,
        service_level=0.8,
        answer_within_seconds=20,
        queue_channels={"mail": "email", "calls": "voice"},
        email_hours=(9.0, 17.0),
    )
    summary = limit_summary(plan_staffing(frame, 15, settings), 15, settings)
    # 96 call intervals and 32 worked mail ones; 64 mail ones outside its hours.
    assert (summary.open_intervals, summary.outside_email_hours) == (128, 64)
    sentence = shares_sentence(summary)
    assert sentence.startswith("Over the 128 worked queue-intervals (2 queues, 96 intervals) ")
    assert sentence.endswith(
        "; the other 64 open queue-intervals, outside e-mail hours, have no agents: their "
        "e-mail waits for the working hours."
    )


def test_a_plan_worked_whenever_open_still_counts_open_intervals():
    settings = StaffingSettings(aht_seconds=225, queue_channels={"mail": "email"})
    summary = limit_summary(plan_staffing(_mailbox(days=1), 15, settings), 15, settings)
    assert summary.outside_email_hours == 0
    assert shares_sentence(summary) == (
        "In all 96 open intervals the agents are set by the response window."
    )
