"""Shifts probe, round eighteen: a horizon of whole weeks planned as a rotation from the command
line (`shifts --rotation`) and the Shifts page (a tick box), not from the API alone, a plan of
open intervals only taken over its whole days; a dated plan's first hours that only a shift
starting before it reaches (night shifts starting 21:00-23:00, the plan from Monday 00:00)
left to the previous roster's shifts with a note, instead of refused as if the start window
were too narrow; a one-week repeating roster's search for fewer people run on the plan kept
alone, not on a dated plan the rolled one replaces; the people per week's caption true of a
roster starting on a Monday and of a rotation; and the Staffing page's daily paid hours whole,
as its metrics and all-queues table show them, adding up to the Paid hours metric.
Driven on plans from staffing.shifts.plan_shifts, cli.main, the pages' pure helpers, and one
AppTest run on the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd

import staffing.shifts as shifts_module
from app_ui import settings, tables
from staffing.plan import StaffingSettings, plan_staffing
from staffing.shifts import ShiftSettings, plan_shifts

# ------------------------------------------------- The people per week's caption


def test_a_roster_from_a_monday_is_captioned_monday_to_sunday():
    # 2 people 08:00-16:00 for seven days from Mon 1 Jun 2026. Before: '... counted whole,
    # whichever weekday it starts on.' of a Monday-to-Sunday week, as if it started on another.
    index = pd.date_range("2026-06-01", periods=7 * 24, freq="60min")
    need = pd.Series(np.where((index.hour >= 8) & (index.hour < 16), 2.0, 0.0), index=index)
    plan = plan_shifts(need, 60, ShiftSettings(part_hours=0).types())
    assert plan.repeats_weekly
    assert settings.people_per_week_caption(plan).startswith(
        "The plan's seven days from Mon 1 Jun are read as one week of a roster repeating every "
        "week, counted whole, Monday to Sunday. "
    )
    # from a Wednesday it still says so (test_app_probe_round_thirtyone)
    wednesday = plan_shifts(
        need.set_axis(index + pd.Timedelta(days=2)), 60, ShiftSettings(part_hours=0).types()
    )
    assert "counted whole, whichever weekday it starts on. " in settings.people_per_week_caption(
        wednesday
    )


# ------------------------------------------------- A one-week roster searches once


def _nights(days: int, people: float = 1.0) -> pd.Series:
    """`days` whole days of half hours from Mon 1 Jun 2026, `people` needed 22:00-06:00."""
    index = pd.date_range("2026-06-01", periods=days * 48, freq="30min")
    hour = index.hour
    return pd.Series(np.where((hour >= 22) | (hour < 6), people, 0.0), index=index)


def test_a_repeating_week_searches_for_fewer_people_on_the_plan_kept_alone(monkeypatch):
    # Before: the search for fewer people (7.2 of the 16 s CPU of bench/shift_speed.py's fifth
    # low-load week with the cap) ran on the dated week too, then was dropped with it for the
    # rolled week: twice per one-week plan. The plan is the same, searched once.
    calls = []
    search = shifts_module._fewer_people

    def counted(*args, **kwargs):
        calls.append(1)
        return search(*args, **kwargs)

    monkeypatch.setattr(shifts_module, "_fewer_people", counted)
    # 2 people each night: 14 shifts of 8 h from 22:00, Sunday's covering Monday 00:00-06:00;
    # 14 shifts at 5 a week take ceil(14 / 5) = 3 people
    plan = plan_shifts(_nights(7, people=2.0), 30, ShiftSettings(part_max_share=0).types())
    assert (plan.repeats_weekly, plan.paid_hours, plan.busiest_week_people()) == (True, 112.0, 3)
    assert len(calls) == 1
    # a day desk's week has no shift past its end: the dated plan is kept, searched once
    calls.clear()
    index = pd.date_range("2026-06-01", periods=7 * 48, freq="30min")
    day = pd.Series(np.where((index.hour >= 8) & (index.hour < 16), 4.0, 0.0), index=index)
    kept = plan_shifts(day, 30, ShiftSettings(part_max_share=0).types())
    assert (kept.paid_hours, kept.busiest_week_people(), len(calls)) == (224.0, 6, 1)


# ------------------------------------------------- The Staffing page's daily paid hours


def test_the_staffing_days_paid_hours_are_whole_adding_up_to_the_metric():
    # Three days of one half hour, 30 calls of 300 s: 8 agents (Erlang C, 80% in 20 s),
    # 12 rostered after 30% shrinkage and 1 supervisor, (12 + 1) x 0.5 = 6.5 paid hours a day, 19.5 in all, which
    # the Paid hours metric shows as '20'. Before: the days read 6.5, 6.5 and 6.5 in tenths,
    # adding up to 19.5 under that metric; now whole, as the metric, the all-queues table and
    # the cost beside them: 7 + 7 + 6 = 20.
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 09:00", periods=3, freq="D"),
            "volume": 30.0,
            "aht_seconds": 300.0,
        }
    )
    plan = plan_staffing(frame, 30, StaffingSettings())
    assert plan["paid_hours"].tolist() == [6.5, 6.5, 6.5]
    total = f"{plan['paid_hours'].sum():,.0f}"  # as the page's metric writes it
    daily = tables.staffing_daily_totals(plan)
    assert daily["paid_hours"].tolist() == [7, 7, 6]
    assert str(daily["paid_hours"].sum()) == total == "20"
    # EUR 22/h x 6 h of agents + 30/h x 0.5 h of a supervisor = 147 a day, as before
    assert daily["cost"].tolist() == [147, 147, 147]
