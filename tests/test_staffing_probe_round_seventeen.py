"""Staffing probe, round seventeen: money written one way by every front end, through
staffing.cost.money_text: 'cli.py staff' had printed 'cost EUR 8,850 over 1 day (EUR 22.5/h
agent, 1250/h supervisor)' and, in the same run, 'A supervisor cost of € 1,250 per paid hour
is unusual', a rate without its thousands separator or cents beside a note with them, and
'cli.py shifts' 'cost EUR 2,790 at EUR 22.5/h' where the Shifts page reads '€ 2,790'; and the
Staffing page's 'Peak people rostered' says how shrinkage makes people of agents, agents ÷
(1 − shrinkage), checked with an 85% occupancy cap on 17 Erlangs (20 agents, 29 people, not
the 26 a planner marking agents up by 30% expects); with cross-checks that stand: chat at three
at once sized as stretched chats' slots against an independent Erlang C, many short chats
needing fewer than few long ones of the same load, and supervisors from 0 and 1 person up.
Driven on the pure helpers, cli.main, staffing.plan.plan_staffing and one AppTest run on the
sample."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from staff_support import erlang_c_agents, staff
from test_app_pages import assert_clean, go, metric, open_app

import cli
from staffing.chat import chat_required_agents
from staffing.cost import money_text
from staffing.people import rostered_agents, rostered_rule_text, supervisors_needed
from staffing.plan import StaffingSettings, plan_staffing
from staffing.plausibility import implausible_values

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def _forecast(tmp_path):
    """Six half hours of 100 calls at 180 s: 10 Erlangs, 14 agents at 80% in 20 s, 20 rostered
    at 30% shrinkage, 2 supervisors at one per 12."""
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 08:00", periods=6, freq="30min"),
            "queue": "phone",
            "forecast": 100.0,
            "aht_seconds": 180,
        }
    )
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("amount", "cents", "written"),
    [
        (0, False, "€ 0"),
        (38152.4, False, "€ 38,152"),
        (1_234_567.5, False, "€ 1,234,568"),
        (22, True, "€ 22"),
        (22.5, True, "€ 22.50"),
        (1_000_000, True, "€ 1,000,000"),  # '{:g}' had written 1e+06
        (-2.5, True, "-€ 2.50"),
        (-0.2, False, "€ 0"),  # no '-€ 0'
        (float("nan"), False, "—"),  # no '€ nan'
    ],
)
def test_money_is_written_with_the_euro_sign_and_thousands_separated(amount, cents, written):
    assert money_text(amount, cents=cents) == written


def test_the_staff_summary_writes_its_cost_and_rates_as_its_notes_do(capsys, tmp_path):
    # 20 rostered x 3 h x 22.50 = 1,350 and 2 supervisors x 3 h x 1,250 = 7,500: 8,850.
    # Before: 'cost EUR 8,850 over 1 day (EUR 22.5/h agent, 1250/h supervisor)' above the
    # note's '€ 1,250'.
    code, out, err = staff(capsys, _forecast(tmp_path), tmp_path / "plan.csv", *TARGETS,
                           "--agent-hourly-cost", 22.5, "--supervisor-hourly-cost", 1250)  # fmt: skip
    assert code == 0, err
    assert "cost € 8,850 over 1 day (€ 22.50/h agent, € 1,250/h supervisor)" in out
    assert "note: A supervisor cost of € 1,250 per paid hour is unusual" in out
    assert "EUR" not in out


def test_the_shifts_summary_writes_its_cost_as_the_shifts_page_does(capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    code, _, err = staff(capsys, _forecast(tmp_path), plan, *TARGETS)
    assert code == 0, err
    # 20 people for 3 h in 8-h and 4-h shifts, part time at most 30% of paid hours: 11 x 8 +
    # 9 x 4 = 124 paid hours, x 22.50 = 2,790. Before: 'cost EUR 2,790 at EUR 22.5/h'.
    args = ["shifts", str(plan), "--out", str(tmp_path / "s.csv"), "--agent-hourly-cost", "22.5"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "paid hours 124.0, needed 60.0" in out
    assert "cost € 2,790 at € 22.50/h per agent (supervisors not included)" in out
    assert cli.main([*args[:-1], "-2.5"]) == 2
    assert "--agent-hourly-cost must be € 0 or more (got -€ 2.50)" in capsys.readouterr().err


def test_the_unusual_cost_note_keeps_a_rates_cents():
    # Before: '€ 250.5' (amount_text drops a trailing zero), where a rate reads '€ 250.50'.
    (note,) = implausible_values(agent_cost=250.5)
    assert note.startswith("An agent cost of € 250.50 per paid hour is unusual")
    assert "usually costs € 5 to € 200" in note


def test_an_occupancy_cap_and_shrinkage_compose_as_agents_over_one_minus_shrinkage():
    # 102 calls of 300 s a half hour are 17 Erlangs: the 85% cap needs 17 / 0.85 = 20 agents
    # (50% in 600 s alone needs fewer), 20 / (1 - 0.3) = 28.6 -> 29 people, ceil(29 / 12) = 3
    # supervisors, (29 + 3) x 0.5 h = 16 paid hours, 29 x 0.5 x 22 + 3 x 0.5 x 30 = EUR 364.
    forecast = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 08:00", periods=2, freq="30min"),
            "volume": 102.0,
            "aht_seconds": 300,
        }
    )
    capped = StaffingSettings(
        max_occupancy=0.85, shrinkage=0.30, service_level=0.5, answer_within_seconds=600
    )
    plan = plan_staffing(forecast, 30, capped)
    assert plan["agents"].tolist() == [20, 20]
    assert plan["limit"].tolist() == ["occupancy", "occupancy"]
    assert plan["occupancy"].tolist() == pytest.approx([0.85, 0.85])  # of the agents
    assert plan["rostered"].tolist() == [29, 29]
    assert plan["supervisors"].tolist() == [3, 3]
    assert plan["paid_hours"].tolist() == [16.0, 16.0]
    assert plan["cost"].tolist() == [364.0, 364.0]


def test_the_rostered_people_say_how_shrinkage_makes_them(picco_home):
    assert rostered_rule_text(0.3) == (
        "People rostered are the agents ÷ (1 − shrinkage), rounded up in each interval: at 30% "
        "shrinkage 20 agents are 29 people (20 ÷ 0.7 = 28.6), not 26 (20 × 1.3), which would "
        "leave too few available."
    )
    assert rostered_rule_text(0.0).endswith(
        "at 0% shrinkage 20 agents are 20 people (20 ÷ 1 = 20)."
    )
    # On the Staffing page, at the sample's 30%, beside its cost in euros (before: no help)
    app = go(open_app(), "staffing")
    assert_clean(app)
    (helps,) = [item.proto.help for item in app.metric if item.label == "Peak people rostered"]
    assert helps == rostered_rule_text(0.3)
    assert re.fullmatch(r"€ \d{1,3}(,\d{3})+", metric(app, "Cost, 7 days"))


@pytest.mark.parametrize(
    ("chats", "aht", "slots", "agents"),
    [(60, 300, 19, 7), (120, 150, 18, 6), (30, 600, 19, 7)],
)
def test_chat_at_three_at_once_is_sized_as_slots_of_stretched_chats(chats, aht, slots, agents):
    # staffing.chat: k x agents slots are the servers of an Erlang C queue whose chats last
    # AHT x (1 + 0.25 (k - 1)), 1.5 x AHT at k = 3; agents = ceil(slots / 3). The same 15
    # Erlangs of slots as many short chats (150 s) need fewer slots than as few long ones: a
    # 60-s answer target is more of a short chat's length, as Erlang C reads each interval.
    erlangs = chats * aht * 1.5 / 1800
    assert erlangs == 15.0
    assert erlang_c_agents(erlangs, aht * 1.5, 60, 0.8, occupancy=0.85) == slots
    sized = chat_required_agents(
        np.array([float(chats)]), np.array([float(aht)]), 1800, 0.8, 60,
        concurrency=3, handle_growth=0.25, max_occupancy=0.85,
    )  # fmt: skip
    assert sized.tolist() == [agents] == [-(-slots // 3)]


def test_supervisors_round_up_per_interval_from_the_first_agent():
    # One per 12 people rostered, rounded up, and none where nobody works.
    rostered = np.array([0, 1, 12, 13, 24, 25])
    assert supervisors_needed(rostered, 12).tolist() == [0, 1, 1, 2, 2, 3]
    # 21 / 0.7 lands a hair above 30 in floating point: 30 people, not 31
    assert rostered_agents(np.array([21]), 0.3).tolist() == [30]
