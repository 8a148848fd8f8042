"""Round eight of a manager's probe: a near-dead queue staffed mostly by the one-agent minimum is
pointed out where staffing is shown, and the Scenarios page keeps a renamed scenario in the
comparison. Package-level checks for planning/ and staffing/, AppTest for the pages."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, open_app, small_export

from data.store import Store
from planning import Scenario, build_plan
from staffing.plan import (
    MINIMUM_DOMINATES_SHARE,
    MinimumStaffing,
    StaffingSettings,
    minimum_queues_note,
    minimum_staffing,
    minimum_staffing_notes,
    plan_staffing,
)

SAMPLE = "Sample service desk"
CSV = "text/csv"


def forecast_rows(queue: str, contacts: float, intervals: int = 20) -> pd.DataFrame:
    starts = pd.date_range("2026-03-02 08:00", periods=intervals, freq="30min")
    return pd.DataFrame(
        {"interval_start": starts, "queue": queue, "forecast": contacts, "is_open": True}
    )


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


# ------------------------------------------------- a near-dead queue, package level


def test_a_near_dead_queue_gets_a_note_naming_its_contacts_and_minimum_hours():
    forecast = pd.concat([forecast_rows("Claims", 0.1), forecast_rows("Sales", 40.0)])
    outcome = build_plan(forecast, 30, Scenario("Base"))
    claims = outcome.plan[outcome.plan["queue"] == "Claims"]
    assert (claims["agents"] == 1).all()  # the maths is unchanged: one agent while open

    assert len(outcome.notes) == 1  # Sales needs its agents for its contacts
    note = outcome.notes[0]
    assert "Queue 'Claims'" in note and "Sales" not in note
    assert "0.10 contacts per open 30-minute interval" in note
    # 20 half hours of one agent: 10 agent-hours, every one of them the minimum.
    assert "10 of its 10 agent-hours (100%)" in note
    assert "merge it with another queue" in note.lower() and "shared pool" in note


def test_the_note_waits_until_the_minimum_is_most_of_the_queues_hours():
    # Half the day one contact an hour (the minimum), half the day 12 (agents for the work).
    quiet, busy = forecast_rows("Help", 0.5, 10), forecast_rows("Help", 12.0, 10)
    busy["interval_start"] += pd.Timedelta(hours=5)
    plan = plan_staffing(pd.concat([quiet, busy]), 30, StaffingSettings())
    (found,) = minimum_staffing(plan, 30)
    assert found.minimum_agent_hours == pytest.approx(5.0)  # 10 half hours of one agent
    assert found.agent_hours == pytest.approx(plan["agents"].sum() / 2)
    assert found.share < MINIMUM_DOMINATES_SHARE
    assert minimum_staffing_notes(plan, 30) == []
    # Without a minimum there is nothing to point out.
    unfloored = plan_staffing(quiet, 30, StaffingSettings(min_agents_open=0))
    assert minimum_staffing(unfloored, 30, min_agents_open=0) == []


def test_the_staff_command_prints_the_note(tmp_path):
    forecast = pd.concat([forecast_rows("Claims", 0.1), forecast_rows("Sales", 40.0)])
    path = tmp_path / "forecast.csv"
    forecast.to_csv(path, index=False)
    result = run_cli(
        "staff", path, "--out", tmp_path / "plan.csv", "--aht-seconds", "300",
        "--service-level", "0.8", "--answer-within-seconds", "20", "--interval-minutes", "30",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    notes = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("note: ")
        and "planned as every day of a week" not in line
        and "rounded up per queue" not in line
    ]  # the FTE note of a one-day plan (round eleven) and the per-queue supervisors note aside
    assert len(notes) == 1 and "Queue 'Claims'" in notes[0] and "10 of its 10" in notes[0]


def test_several_near_dead_queues_share_one_note_with_their_hours_together():
    found = [
        MinimumStaffing("CMS", 0.01, 42.0, 42.0),
        MinimumStaffing("Crises", 0.12, 6.0, 8.0),
    ]
    note = minimum_queues_note(found)
    assert note.startswith(
        "2 queues are staffed mostly by the minimum while open: CMS (0.01 contacts per open "
        "interval; 42 of 42 agent-hours), Crises (0.12 contacts per open interval; 6 of 8 "
        "agent-hours). Together 48 of their 50 agent-hours are that minimum"
    )


# ------------------------------------------------- a near-dead queue, Staffing page


def sparse_export() -> bytes:
    """A 15-minute queue open 8:00-18:00 on weekdays with one call in each open slot on one of
    the five weeks: open all day, 0.2 contacts per open interval."""
    starts = pd.date_range("2025-03-03", periods=35 * 96, freq="15min")
    minutes = starts.hour * 60 + starts.minute
    is_open = (minutes >= 480) & (minutes < 1080) & (starts.day_of_week < 5)
    week = (starts - starts[0]).days // 7
    calls = (is_open & ((minutes // 15) % 5 == week % 5)).astype(int)
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": calls})
    return frame.to_csv(index=False).encode()


def test_the_staffing_page_and_all_queues_table_point_out_the_near_dead_queue(picco_home):
    app = open_app()
    files = [("sales.csv", small_export(), CSV), ("claims.csv", sparse_export(), CSV)]
    app.file_uploader(key="upload_files").set_value(files).run()
    go(app, "staffing")
    assert_clean(app)
    assert app.selectbox(key="queue").value == "sales"
    (listed,) = [text for text in texts(app, "info") if "mostly by the minimum" in text]
    assert listed.startswith("1 queue is staffed mostly by the minimum while open: claims (0.")
    assert "sales" not in listed
    # The all-queues table gives every queue's share, so the side queues can be compared.
    table = [item.value for item in app.dataframe if "minimum_share" in item.value.columns][0]
    shares = table.set_index("queue")["minimum_share"]
    assert shares["claims"] >= MINIMUM_DOMINATES_SHARE > shares["sales"]

    app.selectbox(key="queue").set_value("claims").run()
    assert_clean(app)
    plan = [item.value for item in app.dataframe if "agents" in item.value.columns][0]
    staffed = plan[plan["is_open"].astype(bool) & (plan["agents"] > 0)]
    hours = staffed["agents"].sum() / 4  # 15-minute intervals
    minimum = staffed.loc[staffed["agents"] == 1, "agents"].sum() / 4
    assert minimum / hours >= MINIMUM_DOMINATES_SHARE
    (note,) = [text for text in texts(app, "info") if text.startswith("Queue 'claims'")]
    assert f"{staffed['volume'].mean():.2f} contacts per open 15-minute interval" in note
    assert f"{minimum:,.0f} of its {hours:,.0f} agent-hours ({minimum / hours:.0%})" in note


# ------------------------------------------------- renaming a compared scenario


def save(app: AppTest, *names: str) -> None:
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
        assert_clean(app)


def edit_table(app: AppTest, rows: dict) -> None:
    version = app.session_state["scenario_editor_version"]
    app.session_state[f"scenario_editor_{version}"] = {
        "edited_rows": rows,
        "added_rows": [],
        "deleted_rows": [],
    }
    app.button(key="scenario_table_save").click().run()


def test_a_scenario_renamed_in_the_manager_stays_compared_and_stays_the_baseline(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Plus", "Late shift")
    app.selectbox(key="baseline_name").set_value("Late shift").run()
    app.selectbox(key="scenario_pick").set_value("Late shift")
    app.text_input(key="scenario_new_name").input("Late shift 2")
    app.button(key="scenario_rename").click().run()
    assert_clean(app)
    assert app.multiselect(key="compare_names").value == ["Base", "Plus", "Late shift 2"]
    assert app.selectbox(key="baseline_name").value == "Late shift 2"
    comparison = app.dataframe[-1].value
    assert {"Late shift 2", "Base Δ", "Plus Δ"} <= set(comparison.columns)
    assert app.query_params["compare"] == ["Base", "Plus", "Late shift 2"]


def test_a_scenario_renamed_in_the_table_stays_compared_and_picked(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Plus", "Late shift")
    app.selectbox(key="scenario_pick").set_value("Late shift").run()
    edit_table(app, {2: {"name": "Evening"}})
    assert_clean(app)
    assert Store().list_scenarios(SAMPLE) == ["Base", "Plus", "Evening"]
    assert app.multiselect(key="compare_names").value == ["Base", "Plus", "Evening"]
    assert "Evening Δ" in app.dataframe[-1].value.columns
    # The picker follows it: on the first scenario, a Delete clicked next would remove 'Base'.
    assert app.selectbox(key="scenario_pick").value == "Evening"


# ------------------------------------------------- what the probe found besides


def test_an_emptied_staff_to_cell_is_named_not_shown_as_nan(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Plus")
    edit_table(app, {1: {"quantile": None}})
    assert not app.exception
    (error,) = texts(app, "error")
    assert "nan" not in error
    # The choices as the grid offers them (round twenty-nine: "P80", was "p80").
    assert "Scenario 'Plus' not saved: 'Staff' is empty: pick one of mean, P50, P80, P90." in (
        error
    )
    assert Store().load_scenario(SAMPLE, "Plus")["quantile"] == "mean"


def test_a_scenario_beyond_the_comparisons_room_is_said_not_compared(picco_home):
    app = go(open_app(), "scenarios")
    save(app, *(f"Option {number}" for number in range(1, 8)))
    compared = app.multiselect(key="compare_names").value
    assert len(compared) == 6 and "Option 7" not in compared
    assert any(
        re.search(r"'Option 7' is not compared: .* already shows 6 scenarios", text)
        for text in texts(app, "info")
    )
    assert np.isin(["Option 7"], Store().list_scenarios(SAMPLE)).all()  # saved all the same
