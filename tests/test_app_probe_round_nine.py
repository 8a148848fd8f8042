"""Round nine of a manager's probe of the Scenarios and Staffing pages: a scenario without contacts
shows no service figures instead of a perfect score, deleting the baseline says which scenario
took its place, scenario names have a length limit, and two names swap in one table save.
Package-level checks for staffing/, planning/ and the store, AppTest for the pages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, open_app, small_export
from test_store import make_dataset

from app_ui import comparison
from data.errors import InputError
from data.store import Store
from planning import Scenario, build_plan, compare_scenarios
from planning.scenario import MAX_NAME_LENGTH, name_length_problem
from staffing.plan import NO_CONTACTS_NOTE, StaffingSettings, plan_staffing, summarise_plan

SAMPLE = "Sample service desk"
CSV = "text/csv"
SERVICE_ROW = "Expected service level"


def forecast_rows(contacts: float, intervals: int = 20) -> pd.DataFrame:
    starts = pd.date_range("2026-03-02 08:00", periods=intervals, freq="30min")
    return pd.DataFrame(
        {"interval_start": starts, "queue": "Help", "forecast": contacts, "is_open": True}
    )


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


# ------------------------------------------------- no contacts, package level


def test_a_plan_without_contacts_reports_no_service_figures_but_keeps_its_cost():
    staffing = StaffingSettings(patience_seconds=180.0)
    outcome = build_plan(
        forecast_rows(30.0), 30, Scenario("Nobody", volume_change_pct=-100, staffing=staffing)
    )
    summary = outcome.summary
    assert not summary.has_contacts and summary.contacts == 0
    # Undefined, not the 100% / 0 s / 0% an empty queue used to score.
    assert math.isnan(summary.service_level)
    assert math.isnan(summary.asa_seconds)
    assert math.isnan(summary.abandon_rate)
    # Everything else as before: one agent in each of the 20 open half hours, and its cost.
    assert summary.peak_agents == 1
    assert summary.agent_paid_hours == pytest.approx(outcome.plan["rostered"].sum() / 2)
    assert summary.cost_horizon > 0 and summary.occupancy == 0.0


def test_a_plan_with_contacts_keeps_its_service_figures():
    plan = plan_staffing(forecast_rows(30.0), 30, StaffingSettings(patience_seconds=180.0))
    summary = summarise_plan(plan, 30)
    assert summary.has_contacts and summary.contacts == pytest.approx(600.0)
    assert summary.service_level == pytest.approx(
        np.average(plan["service_level"], weights=plan["volume"])
    )
    assert 0 < summary.abandon_rate < 1 and summary.asa_seconds > 0


def test_a_comparison_against_a_scenario_without_contacts_shows_no_service_change():
    forecast = forecast_rows(30.0)
    outcomes = {
        "Nobody": build_plan(forecast, 30, Scenario("Nobody", volume_change_pct=-100)),
        "Base": build_plan(forecast, 30, Scenario("Base")),
    }
    table = compare_scenarios(outcomes, "Nobody")
    assert math.isnan(table.loc[SERVICE_ROW, "Nobody"])
    assert 0 < table.loc[SERVICE_ROW, "Base"] < 1
    # No "worse service" for Base against a queue nobody calls: no delta at all.
    assert table.loc[[SERVICE_ROW, "Expected ASA (s)"], ["Base Δ", "Base Δ%"]].isna().all().all()
    assert table.loc["Total cost", "Base Δ"] > 0  # the money still compares
    shown = comparison.texts(table)
    service = shown.loc["Expected service level (%)"]
    assert service["Nobody"] == comparison.MISSING and service["Base Δ"] == comparison.MISSING
    css = comparison.colours(
        comparison.scaled(table), [comparison.metric_of(r) for r in table.index]
    )
    assert css.loc["Expected service level (%)", "Base Δ"] == ""  # neither green nor red
    assert not shown.apply(lambda column: column.str.contains("nan")).any().any()


def test_the_staff_command_says_there_is_no_service_level_without_contacts(tmp_path):
    path = tmp_path / "forecast.csv"
    forecast_rows(0.0).to_csv(path, index=False)
    result = run_cli(
        "staff", path, "--out", tmp_path / "plan.csv", "--aht-seconds", "300",
        "--service-level", "0.8", "--answer-within-seconds", "20", "--interval-minutes", "30",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "service level — (no contacts)" in result.stdout
    assert f"note: {NO_CONTACTS_NOTE}" in result.stdout
    assert "nan" not in result.stdout and "100.0%" not in result.stdout


# ------------------------------------------------- no contacts, the pages


def save(app: AppTest, *names: str) -> None:
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()


def edit_table(app: AppTest, rows: dict, deleted: list[int] | None = None) -> None:
    version = app.session_state["scenario_editor_version"]
    app.session_state[f"scenario_editor_{version}"] = {
        "edited_rows": rows,
        "added_rows": [],
        "deleted_rows": deleted or [],
    }
    app.button(key="scenario_table_save").click().run()


def test_the_comparison_shows_a_scenario_without_contacts_as_blank_and_says_why(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Closed")
    edit_table(app, {1: {"volume_change_pct": -100.0}})
    assert_clean(app)
    app.selectbox(key="baseline_name").set_value("Closed").run()
    assert_clean(app)
    shown = app.dataframe[-1].value  # the comparison as shown: text cells
    service = shown.loc["Expected service level (%)"]
    assert service["Closed"] == comparison.MISSING
    assert service["Base Δ"] == comparison.MISSING  # not a red "worse service" delta
    assert "nan" not in " ".join(shown.astype(str).to_numpy().ravel())
    assert any("'Closed'" in text and NO_CONTACTS_NOTE in text for text in texts(app, "caption"))


def quiet_export() -> bytes:
    """A queue that never had a contact: nothing to forecast, nobody to serve."""
    starts = pd.date_range("2025-03-03", periods=35 * 96, freq="15min")
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": 0})
    return frame.to_csv(index=False).encode()


def test_the_staffing_page_shows_no_service_level_for_a_queue_without_contacts(picco_home):
    app = open_app()
    files = [("sales.csv", small_export(), CSV), ("quiet.csv", quiet_export(), CSV)]
    app.file_uploader(key="upload_files").set_value(files).run()
    go(app, "staffing")
    app.selectbox(key="queue").set_value("quiet").run()
    assert not app.exception
    assert metric(app, "Expected service level") == "—"
    assert metric(app, "Expected ASA") == "—"
    assert NO_CONTACTS_NOTE in texts(app, "caption")
    assert not any("nan" in text for text in texts(app, "warning"))


# ------------------------------------------------- deleting the baseline


def test_deleting_the_baseline_names_the_new_one(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Plus", "Late", "Spare")
    app.selectbox(key="baseline_name").set_value("Plus").run()
    # Another scenario deleted: the baseline stays, and nothing is said of it.
    app.selectbox(key="scenario_pick").set_value("Spare").run()
    app.button(key="scenario_delete").click().run()
    app.button(key="scenario_delete_confirm").click().run()
    assert texts(app, "success") == ["Deleted scenario 'Spare'."]
    assert app.selectbox(key="baseline_name").value == "Plus"
    app.selectbox(key="scenario_pick").set_value("Plus").run()
    app.button(key="scenario_delete").click().run()
    app.button(key="scenario_delete_confirm").click().run()
    assert_clean(app)
    assert texts(app, "success") == [
        "Deleted scenario 'Plus'. 'Plus' was the baseline; 'Base' is the baseline now."
    ]
    assert app.selectbox(key="baseline_name").value == "Base"


def test_deleting_the_baseline_in_the_table_names_the_new_one(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Plus", "Late")
    app.selectbox(key="baseline_name").set_value("Base").run()
    edit_table(app, {}, deleted=[0])
    app.button(key="scenario_table_delete_confirm").click().run()
    assert_clean(app)
    assert Store().list_scenarios(SAMPLE) == ["Plus", "Late"]
    assert "'Base' was the baseline; 'Plus' is the baseline now." in texts(app, "info")
    assert app.selectbox(key="baseline_name").value == "Plus"


# ------------------------------------------------- long names


def test_a_name_longer_than_the_limit_is_refused_with_its_length():
    assert name_length_problem("x" * MAX_NAME_LENGTH) is None
    problem = name_length_problem("x" * 220)
    assert problem and "220 characters" in problem and f"{MAX_NAME_LENGTH} at most" in problem


def test_every_place_a_name_is_typed_refuses_a_long_one(picco_home):
    long_name = "Q" * 220
    app = go(open_app(), "scenarios")
    save(app, long_name)
    (error,) = texts(app, "error")
    assert "Not saved" in error and "220 characters" in error and f"{MAX_NAME_LENGTH}" in error
    save(app, "Base")
    for action in ("duplicate", "rename"):
        app.text_input(key="scenario_new_name").input(long_name)
        app.button(key=f"scenario_{action}").click().run()
        (error,) = texts(app, "error")
        assert "220 characters" in error and f"keep it to {MAX_NAME_LENGTH}" in error
    edit_table(app, {0: {"name": "B" * 61}})
    (error,) = texts(app, "error")
    assert "row 1" in error and "61 characters" in error
    assert Store().list_scenarios(SAMPLE) == ["Base"]


# ------------------------------------------------- swapping two names


def test_the_store_swaps_two_names_in_one_transaction(picco_home):
    store = Store()
    store.save_dataset(make_dataset())
    store.save_scenario("desk", "A", {"name": "A", "volume_change_pct": 10})
    store.save_scenario("desk", "B", {"name": "B", "volume_change_pct": 20})
    store.rename_scenarios("desk", {"A": "B", "B": "A"})
    assert store.list_scenarios("desk") == ["B", "A"]  # each keeps its place
    assert store.load_scenario("desk", "B") == {"name": "B", "volume_change_pct": 10}
    assert store.load_scenario("desk", "A") == {"name": "A", "volume_change_pct": 20}
    store.save_scenario("desk", "C", {"name": "C"})
    with pytest.raises(InputError, match="already has a scenario named 'C'"):
        store.rename_scenarios("desk", {"A": "c", "B": "A"})
    assert store.list_scenarios("desk") == ["B", "A", "C"]  # all or nothing


def test_two_names_swapped_in_the_table_save_in_one_go(picco_home):
    app = go(open_app(), "scenarios")
    save(app, "Base", "Busy")
    app.selectbox(key="baseline_name").set_value("Base").run()
    edit_table(app, {0: {"name": "Busy", "volume_change_pct": 5.0}, 1: {"name": "Base"}})
    assert_clean(app)
    store = Store()
    assert store.list_scenarios(SAMPLE) == ["Busy", "Base"]
    assert store.load_scenario(SAMPLE, "Busy")["volume_change_pct"] == 5.0
    assert store.load_scenario(SAMPLE, "Base")["volume_change_pct"] == 0.0
    assert "Renamed 'Base' to 'Busy'." in texts(app, "success")
    # The baseline follows the scenario, now named 'Busy'; both stay compared.
    assert app.selectbox(key="baseline_name").value == "Busy"
    assert sorted(app.multiselect(key="compare_names").value) == ["Base", "Busy"]
