"""Shifts in scenarios: shift settings saved with a scenario, and the comparison's shift rows."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest
from test_app_pages import assert_clean, go, number, open_app
from test_app_round_two import offered  # noqa: F401

from app_ui.comparison import unshown_differences
from data.errors import InputError
from data.store import Store
from planning import Scenario, build_plan, compare_scenarios
from planning.compare import (
    PART_TIME_ROW,
    PEOPLE_TO_EMPLOY_ROW,
    SHIFT_COST_ROW,
    SHIFT_HOURS_ROW,
    SHIFT_ROWS,
    SHIFTS_ROW,
    ShiftFigures,
)
from planning.scenario import more_part_time
from staffing.plan import StaffingSettings
from staffing.shifts import ShiftSettings, plan_shifts

DAY_HOURS = pd.date_range("2026-11-23 06:00", periods=14, freq="60min")
# One person 08:00-16:00 and a second 12:00-16:00: 12 person-hours of need.
NEED = [0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0]


def day_need(days: int = 1) -> pd.Series:
    """`NEED` on `days` days in a row, from Monday 23 Nov 2026."""
    index = DAY_HOURS.append([DAY_HOURS + pd.Timedelta(days=day) for day in range(1, days)])
    return pd.Series(np.tile(NEED, days).astype(float), index=index)


def figures(share: float, days: int = 1, per_week: int = 5) -> ShiftFigures:
    settings = ShiftSettings(
        part_max_share=share, earliest_start=6, latest_start=18, shifts_per_week=per_week
    )
    return ShiftFigures.of(plan_shifts(day_need(days), 60, settings.types()), settings, 20.0)


def test_a_half_share_of_part_time_covers_the_afternoon_with_a_four_hour_shift():
    # Worked by hand: 08-16 full time and 12-16 part time, 12 h paid at 20 EUR, a third part time.
    assert figures(0.5) == ShiftFigures(
        shifts=2, people_to_employ=2, paid_hours=12, cost=240, part_time_share=pytest.approx(1 / 3)
    )


@pytest.mark.parametrize("share", [0.0, 0.2])
def test_a_cap_below_a_third_pays_a_second_full_shift(share):
    # One 4-hour part shift of 12 paid hours is a third: under a 20% cap the afternoon needs a
    # second full shift (16 h); 8 + 8 + 4 = 20 h would meet 20% but pays more.
    assert figures(share) == ShiftFigures(
        shifts=2, people_to_employ=2, paid_hours=16, cost=320, part_time_share=0.0
    )


@pytest.mark.parametrize(("per_week", "people"), [(5, 4), (7, 2)])
def test_people_to_employ_are_the_busiest_weeks(per_week, people):
    # Seven days of one full and one part shift: ceil(7 / 5) = 2 people per type at five shifts a
    # week; one each when they work every day.
    result = figures(0.5, days=7, per_week=per_week)
    assert (result.shifts, result.paid_hours, result.people_to_employ) == (14, 84, people)


def test_shift_settings_refuse_impossible_values_with_their_names():
    for changes, message in [
        (
            {"full_hours": 0},
            "full-time shift length must be a number of hours above 0 and at most 12 (got 0)",
        ),
        ({"part_hours": -4}, "part-time shift length must be a number of hours, 0 for no part"),
        ({"part_max_share": 1.5}, "part-time cap must be a share of paid hours from 0 to 1"),
        ({"earliest_start": 20, "latest_start": 24}, "may start from 20 h to 24 h"),
        ({"shifts_per_week": 8}, "shifts per person per week must be a whole number from 1 to 7"),
    ]:
        with pytest.raises(InputError, match=re.escape(message)):
            ShiftSettings(**changes)


def test_the_types_follow_the_settings():
    assert [(t.name, t.hours, t.max_hours_share) for t in ShiftSettings().types()] == [
        ("Full time 8 h", 8.0, None),
        ("Part time 4 h", 4.0, 0.3),
    ]
    # No cap at 1; full time only at a cap of 0, a length of 0, or a length equal to full time.
    assert ShiftSettings(part_max_share=1.0).types()[1].max_hours_share is None
    for changes in ({"part_max_share": 0.0}, {"part_hours": 0.0}, {"part_hours": 8.0}):
        assert [t.name for t in ShiftSettings(**changes).types()] == ["Full time 8 h"]


def test_a_scenario_keeps_its_shifts_through_the_store_and_older_ones_get_the_defaults():
    scenario = Scenario("More part time", shifts=ShiftSettings(part_hours=6, part_max_share=0.5))
    stored = json.loads(json.dumps(scenario.to_dict()))
    assert stored["shifts"]["part_max_share"] == 0.5
    assert Scenario.from_dict(stored) == scenario
    older = {key: value for key, value in stored.items() if key != "shifts"}
    assert Scenario.from_dict(older).shifts == ShiftSettings()
    with pytest.raises(InputError, match="unknown shift settings breaks"):
        Scenario.from_dict({**stored, "shifts": {"breaks": 2}})
    with pytest.raises(InputError, match="'More part time': the part-time cap must be a share"):
        Scenario.from_dict({**stored, "shifts": {"part_max_share": 3}})


@pytest.mark.parametrize(
    ("shifts", "name", "part_hours", "share"),
    [
        (ShiftSettings(), "Part time 4 h up to 50%", 4.0, 0.5),
        (ShiftSettings(part_max_share=0.6), "Part time 4 h no cap", 4.0, 1.0),
        (ShiftSettings(part_hours=0.0), "Part time 4 h up to 50%", 4.0, 0.5),
        (ShiftSettings(full_hours=7.0, part_max_share=0.0), "Part time 4 h up to 50%", 4.0, 0.5),
        (ShiftSettings(full_hours=6.0, part_hours=6.0), "Part time 3 h up to 50%", 3.0, 0.5),
    ],
)
def test_more_part_time_raises_the_cap_or_adds_part_time(shifts, name, part_hours, share):
    more = more_part_time(Scenario("base", shifts=shifts))
    assert (more.name, more.shifts.part_hours, more.shifts.part_max_share) == (
        name,
        part_hours,
        share,
    )
    assert more.shifts.full_hours == shifts.full_hours


def forecast(days: int = 7) -> pd.DataFrame:
    """A voice queue open 08:00-18:00 at 30 minutes, 40 calls an interval, busier 10-12."""
    starts = pd.date_range("2026-11-23", periods=days * 48, freq="30min")
    hours = starts.hour + starts.minute / 60
    is_open = (hours >= 8) & (hours < 18)
    volume = np.where(is_open, np.where((hours >= 10) & (hours < 12), 80.0, 40.0), 0.0)
    frame = pd.DataFrame({"interval_start": starts, "queue": "phone", "forecast": volume})
    return frame.assign(p10=volume, p50=volume, p80=volume, p90=volume, is_open=is_open)


def test_the_comparison_adds_each_scenarios_shift_rows_and_their_changes():
    staffing = StaffingSettings(aht_seconds=240.0, agent_hourly_cost=20.0)
    scenarios = {
        "Current": Scenario("Current", staffing=staffing),
        "Full time only": Scenario(
            "Full time only", staffing=staffing, shifts=ShiftSettings(part_max_share=0.0)
        ),
    }
    outcomes = {
        name: build_plan(forecast(), 30, scenario, None) for name, scenario in scenarios.items()
    }
    shift_figures = {}
    for name, outcome in outcomes.items():
        settings = scenarios[name].shifts
        plan = plan_shifts(outcome.rostered_need(), 30, settings.types())
        shift_figures[name] = ShiftFigures.of(plan, settings, 20.0)
        assert plan.paid_hours >= float(outcome.plan["rostered"].sum()) / 2  # covers the need
    table = compare_scenarios(outcomes, "Current", shift_figures)
    assert list(table.index[-len(SHIFT_ROWS) :]) == SHIFT_ROWS
    current, full = shift_figures["Current"], shift_figures["Full time only"]
    assert table.loc[SHIFT_HOURS_ROW, "Current"] == current.paid_hours
    assert table.loc[SHIFT_COST_ROW, "Full time only"] == full.paid_hours * 20.0
    assert table.loc[PART_TIME_ROW, "Full time only"] == 0.0
    assert 0 < table.loc[PART_TIME_ROW, "Current"] <= 0.3 + 1e-9
    # The same people rostered: whole 8-hour shifts alone cannot pay fewer hours.
    assert table.loc[SHIFT_HOURS_ROW, "Full time only Δ"] == full.paid_hours - current.paid_hours
    assert full.paid_hours > current.paid_hours
    assert table.loc[SHIFTS_ROW, "Current"] == current.shifts
    assert table.loc[PEOPLE_TO_EMPLOY_ROW, "Full time only"] == full.people_to_employ
    # The staffing rows are the same: shifts do not change the people rostered.
    assert table.loc["Peak rostered people", "Full time only Δ"] == 0


def test_a_scenario_without_a_shift_plan_shows_its_shift_rows_missing():
    outcome = build_plan(forecast(1), 30, Scenario("a"), None)
    table = compare_scenarios({"a": outcome, "b": outcome}, "a", {"a": figures(0.5)})
    assert table.loc[SHIFTS_ROW, "a"] == 2 and np.isnan(table.loc[SHIFTS_ROW, "b"])
    assert SHIFTS_ROW not in compare_scenarios({"a": outcome, "b": outcome}, "a").index


def test_the_rostered_need_adds_up_the_queues_per_interval():
    frame = pd.concat([forecast(1), forecast(1).assign(queue="chat")], ignore_index=True)
    outcome = build_plan(frame, 30, Scenario("two queues"), None)
    need = outcome.rostered_need()
    assert len(need) == 48 and need.index.is_monotonic_increasing
    per_queue = outcome.plan.groupby("queue")["rostered"].sum()
    assert need.sum() == pytest.approx(per_queue.sum())


def test_the_comparison_shows_shifts_and_more_part_time_pays_fewer_shift_hours(
    picco_home,
    offered,  # noqa: F811
):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = app.table[-1].value
    labels = {str(label).split(" over ")[0].split(" (")[0]: label for label in shown.index}
    hours = labels["Shift hours"]
    current = number(shown.loc[hours, "Current settings"])
    more = number(shown.loc[hours, "Part time 4 h up to 50%"].split(" (")[0])
    # The same people rostered; a looser cap can only pay as many shift hours or fewer.
    assert 0 < more <= current
    part = labels["Part time on shifts"]
    assert number(shown.loc[part, "Current settings"]) <= 30.05
    assert "People to employ (busiest week)" in labels.values()
    comparison = offered["scenario_comparison"].set_index("Metric")
    shift_cost = next(label for label in comparison.index if label.startswith("Shift cost"))
    assert comparison.loc[shift_cost, "Current settings"] == pytest.approx(
        current * app.session_state["agent_cost"], rel=1e-3
    )
    assert any("Shifts: whole shifts covering" in item.value for item in app.caption)


def save_with_part_time_cap(percent: float):
    """The Scenarios page after saving 'Base' and typing `percent` in its PT % cell."""
    app = go(open_app(), "scenarios")
    app.text_input(key="new_scenario_name").input("Base")
    app.button(key="save_scenario").click().run()
    app.session_state["scenario_editor_0"] = {
        "edited_rows": {0: {"part_max_pct": percent}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return app.button(key="scenario_table_save").click().run()


def test_the_part_time_cap_is_edited_in_the_table_and_saved(picco_home):
    app = save_with_part_time_cap(60.0)
    assert_clean(app)
    stored = Store().load_scenario("Sample service desk", "Base")
    assert (stored["shifts"]["part_hours"], stored["shifts"]["part_max_share"]) == (4.0, 0.6)


def test_a_part_time_cap_above_100_is_refused_in_the_tables_units(picco_home):
    app = save_with_part_time_cap(130.0)
    errors = " ".join(item.value for item in app.error)
    assert "The part-time cap (PT %) must be from 0 to 100% of the paid shift hours" in errors
    assert "you entered 130%" in errors


def test_saving_takes_the_shift_settings_of_the_shifts_page(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shifts_per_week").set_value(6).run()
    app.number_input(key="shift_part_max_pct").set_value(45.0).run()
    app = go(app, "scenarios")
    app.text_input(key="new_scenario_name").input("Six days")
    app.button(key="save_scenario").click().run()
    assert_clean(app)
    stored = Store().load_scenario("Sample service desk", "Six days")
    assert stored["shifts"]["shifts_per_week"] == 6
    assert stored["shifts"]["part_max_share"] == pytest.approx(0.45)


def test_scenarios_differing_in_shifts_per_week_say_so():
    base = Scenario("Five", shifts=ShiftSettings())
    six = dataclasses.replace(base, name="Six", shifts=ShiftSettings(shifts_per_week=6))
    lines = unshown_differences({"Five": base, "Six": six})
    assert lines == ["shifts per person per week: Five 5, Six 6"]


def test_an_unchanged_table_saves_nothing_though_its_cap_went_through_percent(picco_home):
    # 0.3 shown as 30.000000000000004 % and read back is 0.30000000000000004: no change.
    app = go(open_app(), "scenarios")
    app.text_input(key="new_scenario_name").input("Base")
    app.button(key="save_scenario").click().run()
    app.button(key="scenario_table_save").click().run()
    said = [item.value for item in app.info]
    assert "Nothing to save: the table holds the stored scenarios unchanged." in said
    assert not [item.value for item in app.success]
