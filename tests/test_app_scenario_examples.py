"""The Scenarios page's empty state: one click saves the comparisons a manager makes first."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from test_app_pages import assert_clean, go, number, open_app
from test_app_round_two import offered  # noqa: F401

from planning import Scenario
from planning.scenario import example_scenarios
from staffing.plan import StaffingSettings
from staffing.shifts import ShiftSettings


def test_the_examples_start_from_the_current_settings():
    base = Scenario("typed", staffing=StaffingSettings(service_level=0.8, shrinkage=0.35))
    examples = example_scenarios(base, pd.Timestamp("2026-11-23"))
    assert [s.name for s in examples] == [
        "Current settings",
        "+30% volume 23 Nov – 29 Nov",
        "90% in 30 s",
        "Staffed to P80",
        "Part time 4 h up to 50%",
    ]
    busier, strict, p80, part_time = examples[1:]
    assert (busier.volume_change_pct, str(busier.change_from), str(busier.change_to)) == (
        30.0,
        "2026-11-23",
        "2026-11-29",
    )
    assert (strict.staffing.service_level, strict.staffing.answer_within_seconds) == (0.9, 30.0)
    assert p80.quantile == "p80"
    assert (part_time.shifts.part_hours, part_time.shifts.part_max_share) == (4.0, 0.5)
    # Everything else as typed on the Staffing page.
    assert {s.staffing.shrinkage for s in examples} == {0.35}


def test_an_email_queue_gets_no_answer_within_seconds_target():
    base = Scenario("typed", staffing=StaffingSettings(channel="email"))
    names = [s.name for s in example_scenarios(base, pd.Timestamp("2026-11-23"))]
    assert "90% in 30 s" not in names and "Staffed to P80" in names


def test_one_click_saves_the_examples_and_compares_them(picco_home, offered):  # noqa: F811
    app = go(open_app(), "scenarios")
    assert any("start from the usual comparisons" in item.value for item in app.info)
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    assert any(item.value.startswith("Saved 5 example scenarios") for item in app.success)
    assert app.session_state["baseline_name"] == "Current settings"
    plans = offered["scenario_plans"]
    volumes = plans.groupby("scenario", sort=False)["volume"].sum()
    assert list(volumes.index)[0] == "Current settings" and len(volumes) == 5
    busier = next(name for name in volumes.index if name.startswith("+30% volume"))
    first_week = pd.to_datetime(plans["interval_start"]) < pd.to_datetime(
        plans["interval_start"]
    ).min().normalize() + pd.Timedelta(days=7)
    base_week = plans[(plans["scenario"] == "Current settings") & first_week]["volume"].sum()
    busy_week = plans[(plans["scenario"] == busier) & first_week]["volume"].sum()
    assert busy_week == pytest.approx(1.3 * base_week, rel=1e-9)
    # The stricter target staffs more agents than the current 80% in 20 s.
    shown = app.table[-1].value
    agent_row = next(label for label in shown.index if str(label).startswith("Paid hours"))
    # A figure and its change against the baseline: "3,543 (+194 ▲)".
    assert number(shown.loc[agent_row, "90% in 30 s"].split(" (")[0]) > number(
        shown.loc[agent_row, "Current settings"]
    )


def test_an_example_the_current_settings_already_are_is_left_out():
    base = Scenario(
        "typed",
        quantile="p80",
        staffing=StaffingSettings(service_level=0.9, answer_within_seconds=30),
    )
    base = dataclasses.replace(base, shifts=ShiftSettings(part_max_share=1.0))
    names = [s.name for s in example_scenarios(base, None)]
    assert names == ["Current settings"]
