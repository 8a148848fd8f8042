"""The plan layer: open hours, minimum staffing, queues and channels, people, cost, summary,
reverse what-if and input checks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from staffing.plan import (
    PlanSummary,
    StaffingSettings,
    blank_when_closed,
    evaluate_staffing,
    plan_staffing,
    summarise_plan,
)

WORKED = pd.DataFrame(
    {
        "interval_start": pd.date_range("2026-01-05 09:00", periods=4, freq="30min"),
        "volume": [100.0, 0.0, 50.0, 30.0],
        "is_open": [True, True, True, False],
    }
)


def test_worked_example_through_the_plan():
    plan = plan_staffing(WORKED, 30, StaffingSettings(aht_seconds=180))
    assert plan.agents.tolist() == [14, 1, 8, 0]  # closed: nobody; open, no calls: 1
    assert plan.rostered.tolist() == [20, 2, 12, 0]  # 30% shrinkage
    assert plan.supervisors.tolist() == [2, 1, 1, 0]  # one per 12
    assert plan.service_level.iloc[0] == pytest.approx(0.888, abs=5e-4)
    assert plan.asa_seconds.iloc[0] == pytest.approx(7.8, abs=0.05)
    assert plan.queue.unique().tolist() == ["all"]
    # 20 agents and 2 supervisors for half an hour at 22 and 30 EUR
    assert plan.paid_hours.iloc[0] == 11.0
    assert plan.cost.iloc[0] == pytest.approx(250.0)
    # contacts while closed are not answered
    assert plan.service_level.iloc[3] == 0.0


def test_daily_totals_are_not_staffed_as_if_spread_over_the_day():
    # 200 calls of 300 s in a day are 0.69 Erlang over 24 h, yet 1.7 Erlang over the ten hours
    # they arrive in: Erlang C on the daily total would staff 2 agents where 4 are needed.
    daily = pd.DataFrame(
        {"interval_start": pd.date_range("2026-01-05", periods=3), "volume": 200.0}
    )
    with pytest.raises(InputError, match="at most 60 minutes; this data has daily totals"):
        plan_staffing(daily, 1440, StaffingSettings(aht_seconds=300))
    with pytest.raises(InputError, match="120-minute totals"):
        evaluate_staffing(daily.assign(agents=2), 120, StaffingSettings(aht_seconds=300))
    assert plan_staffing(WORKED, 60, StaffingSettings(aht_seconds=180)).agents.iloc[0] > 0


def test_minimum_staffing_while_open_is_configurable():
    plan = plan_staffing(WORKED, 30, StaffingSettings(aht_seconds=180, min_agents_open=0))
    assert plan.agents.tolist() == [14, 0, 8, 0]
    plan = plan_staffing(WORKED, 30, StaffingSettings(aht_seconds=180, min_agents_open=3))
    assert plan.agents.tolist() == [14, 3, 8, 0]


def test_forecast_column_and_per_interval_handle_time():
    frame = WORKED.rename(columns={"volume": "forecast"}).assign(
        aht_seconds=[180.0, np.nan, 360.0, 0.0]
    )
    plan = plan_staffing(frame, 30, StaffingSettings(aht_seconds=180))
    assert plan.aht_seconds.tolist() == [180.0, 180.0, 360.0, 180.0]  # unknown -> default
    assert plan.agents.iloc[2] == 14  # 50 calls of 360 s = the worked example's load


def test_queues_are_planned_separately_with_their_channels():
    starts = pd.date_range("2026-01-05 09:00", periods=8, freq="15min")
    frame = pd.concat(
        [
            pd.DataFrame({"interval_start": starts, "queue": "phone", "volume": 50.0}),
            pd.DataFrame({"interval_start": starts, "queue": "chat", "volume": 50.0}),
            pd.DataFrame({"interval_start": starts, "queue": "email", "volume": 10.0}),
        ]
    )
    settings = StaffingSettings(queue_channels={"chat": "chat", "email": "email"},
                                email_response_hours=1.0)  # fmt: skip
    plan = plan_staffing(frame, 15, settings)
    assert plan.queue.tolist() == ["chat"] * 8 + ["email"] * 8 + ["phone"] * 8
    by_queue = plan.groupby("queue")
    assert by_queue.channel.first().to_dict() == {
        "chat": "chat",
        "email": "email",
        "phone": "voice",
    }
    phone = plan[plan.queue == "phone"]
    chat = plan[plan.queue == "chat"]
    assert (chat.agents.to_numpy() < phone.agents.to_numpy()).all()
    email = plan[plan.queue == "email"]
    assert (email.backlog > 0).any()
    assert (phone.backlog == 0).all()
    summary = summarise_plan(plan, 15, settings)
    assert summary.peak_agents == plan.groupby("interval_start").agents.sum().max()


def test_patience_adds_abandonment():
    plan = plan_staffing(WORKED, 30, StaffingSettings(aht_seconds=180, patience_seconds=300))
    assert plan.agents.iloc[0] == 13
    assert plan.abandon_rate.iloc[0] == pytest.approx(0.025, abs=1e-3)


def test_summary_of_one_week():
    frame = pd.DataFrame(
        {"interval_start": pd.date_range("2026-01-05", periods=7 * 24, freq="h"), "volume": 40.0}
    )
    settings = StaffingSettings(aht_seconds=360)
    plan = plan_staffing(frame, 60, settings)
    summary = summarise_plan(plan, 60, settings)
    assert isinstance(summary, PlanSummary)
    agents = int(plan.agents.iloc[0])  # the same every hour
    rostered = int(np.ceil(agents / 0.7 - 1e-9))
    supervisors = int(np.ceil(rostered / 12))
    assert summary.horizon_days == 7
    assert (summary.peak_agents, summary.peak_rostered) == (agents, rostered)
    assert summary.peak_supervisors == supervisors
    assert summary.supervisors_band == (int(np.ceil(rostered / 15)), int(np.ceil(rostered / 8)))
    assert summary.agent_paid_hours == rostered * 168
    assert summary.fte == pytest.approx((rostered + supervisors) * 168 / 38)
    week_cost = rostered * 168 * 22.0 + supervisors * 168 * 30.0
    assert summary.cost_horizon == pytest.approx(week_cost)
    assert summary.cost_per_week == pytest.approx(week_cost)
    assert summary.cost_per_day == pytest.approx(week_cost / 7)
    assert summary.service_level == pytest.approx(plan.service_level.iloc[0])
    assert summary.occupancy == pytest.approx(4.0 / agents)  # 40 calls x 6 min = 4 Erlangs
    assert summary.abandon_rate is None


def test_closed_intervals_read_blank_not_as_perfect_service():
    frame = pd.concat(
        [WORKED, pd.DataFrame({"interval_start": [pd.Timestamp("2026-01-05 11:00")],
                               "volume": [0.0], "is_open": [False]})],
        ignore_index=True,
    )  # fmt: skip
    settings = StaffingSettings(aht_seconds=180, patience_seconds=300)
    plan = plan_staffing(frame, 30, settings)
    shown = blank_when_closed(plan)
    figures = ["service_level", "asa_seconds", "occupancy", "abandon_rate"]
    # 11:00 is closed with no contacts: the plan's 100% / 0 s become blanks, people stay 0.
    assert plan.loc[4, "service_level"] == 1.0
    assert shown.loc[4, figures].isna().all()
    assert shown.loc[4, ["agents", "rostered", "cost"]].tolist() == [0, 0, 0.0]
    # Open with no contacts (09:30) keeps its figures; so does the closed 10:30 that still
    # expects 30 contacts: with nobody there, none is answered in time.
    assert shown.loc[1, "service_level"] == 1.0
    assert shown.loc[3, "service_level"] == 0.0
    pd.testing.assert_frame_equal(shown.drop(index=4), plan.drop(index=4), check_dtype=False)
    # The summary weights by contacts, so it is the same from either table.
    assert summarise_plan(plan, 30, settings).service_level == pytest.approx(
        np.average(plan.service_level, weights=plan.volume)
    )


def test_fractional_agents_are_not_rounded():
    settings = StaffingSettings(aht_seconds=180, fractional_agents=True)
    plan = plan_staffing(WORKED, 30, settings)
    assert plan.rostered.iloc[0] == pytest.approx(20.0)
    assert plan.rostered.iloc[2] == pytest.approx(8 / 0.7)
    assert plan.supervisors.iloc[2] == pytest.approx(8 / 0.7 / 12)


def test_reverse_what_if_reports_what_given_staffing_achieves():
    frame = WORKED.assign(agents=[13, 0, 12, 0])
    result = evaluate_staffing(frame, 30, StaffingSettings(aht_seconds=180))
    assert result.agents.tolist() == [13, 0, 12, 0]
    assert result.service_level.iloc[0] < 0.8
    assert result.service_level.iloc[1] == 1.0  # no calls, nobody needed
    assert result.rostered.tolist() == [19, 0, 18, 0]


def test_settings_survive_a_json_round_trip():
    settings = StaffingSettings(queue_channels={"mail": "email"}, patience_seconds=120)
    assert StaffingSettings(**dataclasses.asdict(settings)) == settings


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"supervisor_span": 7}, "from 8 to 15"),
        ({"supervisor_span": 16}, "from 8 to 15"),
        ({"channel": "fax"}, "channel 'fax' is unknown"),
        ({"queue_channels": {"x": "pigeon"}}, "channel 'pigeon' is unknown"),
        ({"service_level": 1.0, "answer_within_seconds": 0}, "impossible"),
        ({"service_level": 80}, "strictly between 0 and 1"),
        ({"aht_seconds": -10}, "AHT seconds must be greater than 0"),
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"max_occupancy": 0}, "maximum occupancy"),
        ({"max_abandon_rate": 0.05}, "patience"),
        ({"min_agents_open": -1}, "minimum agents"),
        ({"weekly_contract_hours": 0}, "weekly contract hours"),
        ({"chat_concurrency": 0}, "chat concurrency"),
        ({"chat_handle_growth": -0.5}, "chat handle-time growth"),
        ({"email_response_hours": 0}, "e-mail response hours"),
    ],
)
def test_bad_settings_are_rejected(changes, message):
    with pytest.raises(InputError, match=message):
        StaffingSettings(**changes)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (WORKED.drop(columns="volume"), "needs columns 'interval_start' and 'volume'"),
        (WORKED.assign(volume=[1.0, np.nan, 2.0, 3.0]), "row 3 .* 'volume'"),
        (WORKED.assign(volume=[1.0, -2.0, 2.0, 3.0]), "row 3 .* 'volume'"),
        (WORKED.assign(aht_seconds=[180, 180, -1, 180]), "row 4 .* 'aht_seconds' is negative"),
        (WORKED.assign(interval_start=["x", *WORKED.interval_start[1:]]), "row 2 .*not a date"),
        (pd.concat([WORKED, WORKED.iloc[:1]]), "appears twice"),
    ],
)
def test_bad_tables_are_rejected_naming_the_row(frame, message):
    with pytest.raises(InputError, match=message):
        plan_staffing(frame, 30, StaffingSettings())


def test_the_shipped_sample_plans_every_queue():
    from data.samples.generate import SAMPLE_PATH

    frame = pd.read_csv(SAMPLE_PATH, parse_dates=["interval_start"])
    settings = StaffingSettings(queue_channels={"chat": "chat", "email": "email"})
    plan = plan_staffing(frame, 15, settings)
    assert len(plan) == len(frame)
    assert np.isfinite(plan[["agents", "rostered", "supervisors", "cost"]].to_numpy()).all()
    served = plan[(plan.channel != "email") & (plan.volume > 0)]
    assert served.service_level.min() >= 0.8
    email = plan[plan.channel == "email"]
    assert email.service_level.min() == pytest.approx(1.0)


def test_reverse_what_if_keeps_each_queues_agents_in_place():
    starts = pd.date_range("2026-01-05 09:00", periods=2, freq="30min")
    frame = pd.DataFrame(
        {
            "interval_start": [*starts, *starts],
            "queue": ["voice", "voice", "chat", "chat"],
            "volume": [100.0, 100.0, 100.0, 100.0],
            "aht_seconds": [180.0, 180.0, 300.0, 300.0],
            "agents": [14, 13, 13, 12],
        }
    ).iloc[[2, 0, 3, 1]]  # rows out of order on purpose
    settings = StaffingSettings(queue_channels={"chat": "chat"})
    result = evaluate_staffing(frame, 30, settings).set_index(["queue", "interval_start"])
    assert result.loc[("voice", starts[0]), "agents"] == 14
    assert result.loc[("voice", starts[0]), "service_level"] == pytest.approx(0.888, abs=5e-4)
    assert result.loc[("voice", starts[1]), "service_level"] < 0.8
    # 13 chat agents at two chats each are the 26 slots sized in the chat tests
    assert result.loc[("chat", starts[0]), "service_level"] >= 0.8
    assert result.loc[("chat", starts[1]), "agents"] == 12


def test_minimum_staffing_applies_to_live_channels_not_to_email():
    starts = pd.date_range("2026-01-05 00:00", periods=4, freq="15min")
    frame = pd.concat(
        [
            pd.DataFrame({"interval_start": starts, "queue": "phone", "volume": 0.0}),
            pd.DataFrame({"interval_start": starts, "queue": "email", "volume": [2.0, 0, 0, 0]}),
        ]
    )
    settings = StaffingSettings(
        aht_seconds=300, queue_channels={"email": "email"}, min_agents_open=1
    )
    plan = plan_staffing(frame, 15, settings)
    # someone answers the phone all night; the two e-mails (600 s) need one agent-interval
    assert plan[plan.queue == "phone"].agents.tolist() == [1, 1, 1, 1]
    assert plan[plan.queue == "email"].agents.tolist() == [1, 0, 0, 0]


def test_email_is_worked_only_in_its_working_hours():
    starts = pd.date_range("2026-01-05 00:00", periods=2 * 96, freq="15min")  # Mon and Tue
    frame = pd.DataFrame({"interval_start": starts, "queue": "mail", "volume": 4.0})
    settings = StaffingSettings(
        aht_seconds=225, queue_channels={"mail": "email"}, email_hours=(8.0, 18.0)
    )
    plan = plan_staffing(frame, 15, settings)
    hours = plan.interval_start.dt.hour
    assert (plan.loc[(hours < 8) | (hours >= 18), "agents"] == 0).all()
    assert (plan.loc[(hours >= 8) & (hours < 18), "agents"] > 0).all()
    # 4 e-mails of 225 s each per interval; an agent answers 4 per interval. The window
    # counts working hours (24 h = 96 working intervals, 2.4 working days), the inbox at the
    # start holds the days before read as these days again, and mail whose window runs past
    # Tuesday is staffed only for its share inside it: in steady state each day pays for one
    # day's mail, 96 x 900 s = 96 agent-intervals a day.
    assert plan.agents.sum() == 192
    per_day = plan.groupby(plan.interval_start.dt.day).agents.sum()
    assert per_day.tolist() == [96, 96]
    assert plan.service_level.min() == pytest.approx(1.0)
    short = plan_staffing(frame, 15, dataclasses.replace(settings, email_response_hours=4.0))
    evening = short[(short.interval_start.dt.day == 5) & (short.interval_start.dt.hour >= 18)]
    assert evening.service_level.min() == pytest.approx(1.0)  # due by 12:00 the next morning
    # The night's 56 intervals of mail (50,400 s) are answered 08:00-12:00 (16 intervals):
    # 3,150 s each = 3.5 agents, plus 1 for the mail arriving then = 18 agent-intervals an
    # hour, not all of it in the 08:00 interval; the afternoon needs 1 per interval.
    by_hour = short.groupby([short.interval_start.dt.day, short.interval_start.dt.hour]).agents
    hourly = by_hour.sum().unstack()
    assert (hourly.loc[:, 8:11] == 18).all().all()
    assert (hourly.loc[:, 12:17] == 4).all().all()
    assert short.agents.max() == 5


@pytest.mark.parametrize("hours", [(18.0, 8.0), (-1.0, 10.0), (8.0, 25.0), (9.0, 9.0)])
def test_impossible_email_hours_are_rejected(hours):
    with pytest.raises(InputError, match="e-mail working hours"):
        StaffingSettings(email_hours=hours)
