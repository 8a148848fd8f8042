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

import re

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, open_app

import cli
import staffing.shifts as shifts_module
from app_ui import settings, tables
from staffing.plan import StaffingSettings, plan_staffing
from staffing.shifts import (
    ShiftSettings,
    plan_shifts,
    shifts_before_plan_note,
    start_window_note,
)

NIGHT_STARTS = ShiftSettings(part_max_share=0, earliest_start=21, latest_start=23)


def _nights(days: int, people: float = 1.0) -> pd.Series:
    """`days` whole days of half hours from Mon 1 Jun 2026, `people` needed 22:00-06:00."""
    index = pd.date_range("2026-06-01", periods=days * 48, freq="30min")
    hour = index.hour
    return pd.Series(np.where((hour >= 22) | (hour < 6), people, 0.0), index=index)


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


# ------------------------------------------------- A dated plan's first hours from before it


def test_a_dated_fortnight_of_nights_leaves_its_first_monday_morning_to_the_previous_roster():
    # Nights 22:00-06:00, shifts of 8 h starting 21:00-23:00. Mon 1 Jun 00:00-06:00 is reached
    # only by a shift starting Sun 31 May 22:00, before the plan: the previous roster's, as
    # this plan's Sun 14 Jun 22:00 shift runs into the next one's. Before: refused, 'no allowed
    # shift covers Mon 1 Jun 2026 00:00 (1 person needed): widen the start hours (Full time
    # 8 h starts 21:00–23:00)', though the window is the desk's own.
    plan = plan_shifts(_nights(14), 30, NIGHT_STARTS.types())
    # 14 nights Mon 22:00 to Sun 22:00, 8 h each: 112 paid hours, none for the first morning
    assert (len(plan.shifts), plan.paid_hours, plan.repeats_weekly) == (14, 112.0, False)
    assert plan.shifts["shift_start"].iloc[0] == pd.Timestamp("2026-06-01 22:00")
    first_morning = plan.coverage.iloc[:12]  # 00:00-06:00
    assert (first_morning["on_shift"] == 1).all() and (first_morning["surplus"] == 0).all()
    assert plan.coverage["on_shift"].iloc[12] == 0  # 06:00: nobody needed, nobody on
    assert shifts_before_plan_note(plan, "--rotation") == (
        "Mon 1 Jun 00:00–06:00 (1 person at most) is reached only by shifts starting before "
        "the plan, on the previous roster, as this plan's last shifts run past its end: left "
        "to them and counted on shift in the cover, not paid here; a plan of whole weeks read "
        "as a rotation (--rotation) covers them with its own last shifts"
    )
    # one week of the same nights is a repeating roster: its Sunday's shift covers them
    # (before: refused alike, the rolled week being planned from a dated one)
    week = plan_shifts(_nights(7), 30, NIGHT_STARTS.types())
    assert (week.repeats_weekly, len(week.shifts), week.paid_hours) == (True, 7, 56.0)
    assert week.before_plan is None and (week.coverage["surplus"] == 0).all()


def test_a_first_morning_a_shift_inside_the_plan_reaches_keeps_its_own_shift():
    # Starts 22:00-02:00 take Mon 00:00 inside the plan: the dated fortnight keeps its first
    # Monday's own shift, 15 shifts and 120 h (test_staffing_probe_round_sixteen), no note.
    window = ShiftSettings(part_max_share=0, earliest_start=22, latest_start=2)
    plan = plan_shifts(_nights(14), 30, window.types())
    assert (len(plan.shifts), plan.paid_hours) == (15, 120.0)
    assert shifts_before_plan_note(plan, "--rotation") is None


# ------------------------------------------------- A rotation from the CLI and the page


def _write_plan(path, need: pd.Series) -> str:
    pd.DataFrame({"interval_start": need.index, "rostered": need.to_numpy()}).to_csv(
        path, index=False
    )
    return str(path)


def test_the_cli_plans_a_fortnight_as_a_rotation_with_rotation(tmp_path, capsys):
    # Two at night for 14 nights, starts 21:00-23:00: as a rotation the last Sunday's 22:00
    # shifts cover the first Monday's 00:00-06:00, 28 shifts of 8 h = 224 h.
    plan = _write_plan(tmp_path / "plan.csv", _nights(14, people=2.0))
    out = tmp_path / "s.csv"
    window = ["--part-max-share", "0", "--earliest-start", "21", "--latest-start", "23"]
    assert cli.main(["shifts", plan, "--out", str(out), *window, "--rotation"]) == 0
    printed = capsys.readouterr().out
    assert "paid hours 224.0, needed 224.0" in printed
    assert (
        "note: the plan is 2 weeks, read as a roster repeating every 2 weeks: the 2 shifts "
        "starting Sun 14 Jun 22:00 run past its end and cover its first hours from Mon 1 Jun "
        "00:00, as they will the next rotation's"
    ) in printed
    shifts = pd.read_csv(out)
    assert (len(shifts), shifts["people"].sum()) == (14, 28)
    # dated, the same hours are left to the previous roster, said with the option to give
    assert cli.main(["shifts", plan, "--out", str(out), *window]) == 0
    printed = capsys.readouterr().out
    assert "paid hours 224.0, needed 224.0" in printed
    assert "note: Mon 1 Jun 00:00–06:00 (2 people at most) is reached only by shifts" in printed
    assert "as a rotation (--rotation) covers them" in printed


def test_the_cli_refuses_a_rotation_of_other_than_whole_weeks(tmp_path, capsys):
    plan = _write_plan(tmp_path / "plan.csv", _nights(10))
    args = ["shifts", plan, "--out", str(tmp_path / "s.csv"), "--rotation"]
    assert cli.main(args) != 0
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.endswith(
        "--rotation: a rotation of whole weeks needs a plan of whole weeks: this one spans 10 "
        "days, Mon 1 Jun 2026 to Wed 10 Jun 2026; give 7, 14, 21 or 28 days, or plan its days "
        "as dated ones, leaving out --rotation"
    )


def test_a_rotation_of_open_intervals_alone_is_read_over_its_whole_days():
    # `cli.py plan` lists open intervals only: 08:00-18:00 over 14 days spans 13 days 10 h
    # from its first to its last interval. Before: refused, 'a repeating roster needs a need
    # of whole weeks; this one spans 13.4167 days'. 3 people 08:00-18:00 a day: 8 h shifts,
    # 3 from 08:00 and 3 from 10:00, 84 shifts, 672 h.
    index = pd.date_range("2026-06-01", periods=14 * 48, freq="30min")
    hour = index.hour
    need = pd.Series(3.0, index=index)[(hour >= 8) & (hour < 18)]
    plan = plan_shifts(need, 30, ShiftSettings(part_max_share=0).types(), repeat_week=True)
    assert (plan.repeats_weekly, plan.roster_weeks, plan.paid_hours) == (True, 2, 672.0)
    assert plan.coverage["interval_start"].iloc[0] == pd.Timestamp("2026-06-01 00:00")
    assert len(plan.coverage) == 14 * 48
    assert settings.people_per_week_caption(plan).startswith(
        "The plan's 14 days from Mon 1 Jun are read as a rotation of 2 weeks repeating every 2 "
        "weeks, each week counted whole, Monday to Sunday. "
    )


def test_a_weekday_desks_four_weeks_from_a_monday_are_a_rotation_ending_on_friday(tmp_path, capsys):
    # A Monday-to-Friday desk 08:00-18:00 over four weeks, open intervals alone, ends on Fri
    # 26 Jun: its closed weekend completes the fourth week (before: refused as not whole
    # weeks, 'this one spans 26 days'). 3 people 08:00-18:00 take 6 shifts of 8 h a day: 120
    # shifts, 960 h for 20 x 10 x 3 = 600 h needed, as dated.
    index = pd.date_range("2026-06-01", periods=28 * 48, freq="30min")
    hour = index.hour
    need = pd.Series(3.0, index=index)[(index.day_of_week < 5) & (hour >= 8) & (hour < 18)]
    window = ["--part-max-share", "0", "--cover-out", str(tmp_path / "c.csv")]
    plan = _write_plan(tmp_path / "plan.csv", need)
    assert cli.main(["shifts", plan, "--out", str(tmp_path / "s.csv"), *window, "--rotation"]) == 0
    assert "paid hours 960.0, needed 600.0" in capsys.readouterr().out
    cover = pd.read_csv(tmp_path / "c.csv", parse_dates=["interval_start"])
    assert len(cover) == 28 * 48 and cover["interval_start"].iloc[-1] == pd.Timestamp(
        "2026-06-28 23:30"
    )
    # a fortnight ending on a Wednesday is no rotation: its Thursdays and Fridays are worked
    short = _write_plan(tmp_path / "short.csv", need[need.index < "2026-06-11"])
    assert cli.main(["shifts", short, "--out", str(tmp_path / "s.csv"), "--rotation"]) != 0
    assert "this one spans 10 days" in capsys.readouterr().err


def test_the_shifts_page_offers_a_fortnight_as_a_rotation(picco_home):
    app = go(open_app(horizon_days=14), "shifts")
    assert_clean(app)
    boxes = [box for box in app.checkbox if box.key == "shift_rotation"]
    assert [box.label for box in boxes] == ["Repeat the 2 weeks as a rotation"]
    boxes[0].check().run()
    assert_clean(app)
    captions = [caption.value for caption in app.caption]
    rotation = [text for text in captions if "are read as a rotation of 2 weeks" in text]
    assert rotation and re.match(
        r"The plan's 14 days from \w{3} \d{1,2} \w{3} are read as a rotation of 2 weeks "
        r"repeating every 2 weeks, each week counted whole, ",
        rotation[0],
    )


# ------------------------------------------------- A start window ending the next evening


def test_a_start_window_ending_in_the_evening_reads_the_next_day_not_morning():
    # 22 to 21: every hour but 21:00-22:00, the last start the next evening. Before: 'from
    # 22:00 to 21:00 the next morning', on the CLI and under the page's boxes.
    assert start_window_note(22, 21) == (
        "shifts may start from 22:00 to 21:00 the next day, across midnight, as the latest "
        "start is before the earliest"
    )
    assert settings.start_window_caption(22, 21) == (
        "Shifts start from 22:00 to 21:00 the next day, across midnight, as the last start is "
        "before the first."
    )
    # a night window keeps its morning (test_staffing_probe_round_sixteen), noon too
    assert start_window_note(22, 2).startswith(
        "shifts may start from 22:00 to 02:00 the next morning"
    )
    assert settings.start_window_caption(20, 12).startswith(
        "Shifts start from 20:00 to 12:00 the next morning"
    )


# ------------------------------------------------- A one-week roster searches once


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
