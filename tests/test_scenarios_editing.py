"""Scenarios page: no scenario is overwritten, dropped or deleted without a word, names differing
only in case or spacing are one name, and Enter then the button saves once without a false
error. Driven headless with AppTest like test_app_pages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import go, open_app

from data.store import Store

SAMPLE = "Sample service desk"


def save_scenarios(app: AppTest, *names: str) -> None:
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
        assert not app.exception and not app.error, [item.value for item in app.error]


def set_table(
    app: AppTest,
    edited_rows: dict | None = None,
    added_rows: list | None = None,
    deleted_rows: list | None = None,
) -> None:
    """Type into the scenario editor, as the grid sends it."""
    version = app.session_state["scenario_editor_version"]
    app.session_state[f"scenario_editor_{version}"] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": deleted_rows or [],
    }


def save_table(app: AppTest, **edits) -> AppTest:
    set_table(app, **edits)
    return app.button(key="scenario_table_save").click().run()


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def stored() -> dict[str, dict]:
    store = Store()
    return {name: store.load_scenario(SAMPLE, name) for name in store.list_scenarios(SAMPLE)}


def scenarios_page(*names: str) -> AppTest:
    app = go(open_app(), "scenarios")
    save_scenarios(app, *names)
    return app


# 1. A new row named like a stored scenario is refused, in any case or spacing.


@pytest.mark.parametrize("typed", ["90/30", "  90/30 ", "90/30 ", "90/30\t"])
def test_a_new_row_named_like_a_stored_scenario_is_refused(picco_home, typed):
    app = scenarios_page("Baseline", "90/30")
    before = stored()
    save_table(
        app,
        added_rows=[{"name": typed, "volume_change_pct": 50.0, "shrinkage_pct": 10.0}],
    )
    assert not app.exception
    assert texts(app, "error") == [
        "Not saved: a scenario named '90/30' exists: give row 3 another name."
    ]
    assert stored() == before


def test_a_new_row_in_another_case_is_refused_and_nothing_else_is_saved(picco_home):
    app = scenarios_page("Baseline", "Peak")
    before = stored()
    save_table(
        app,
        edited_rows={1: {"volume_change_pct": 25.0}},
        added_rows=[{"name": " BASELINE ", "volume_change_pct": 50.0}],
    )
    assert texts(app, "error") == [
        "Not saved: a scenario named 'Baseline' exists: give row 3 another name."
    ]
    assert stored() == before  # all of the table or none of it
    assert texts(app, "info")[0].startswith("The table's other changes are not saved either")


def test_two_new_rows_with_one_name_are_refused(picco_home):
    app = scenarios_page("Baseline")
    save_table(app, added_rows=[{"name": "Busy"}, {"name": "busy"}])
    assert texts(app, "error") == [
        "Not saved: rows 2 and 3 have the same name 'Busy': give each scenario its own name."
    ]
    assert list(stored()) == ["Baseline"]


# 2. A new row without a name is explained, not dropped.


@pytest.mark.parametrize("name", [None, "", "   "])
def test_a_new_row_without_a_name_is_explained(picco_home, name):
    app = scenarios_page("Baseline")
    before = stored()
    save_table(app, added_rows=[{"name": name, "volume_change_pct": 10.0}])
    assert not app.exception
    assert texts(app, "error") == ["Not saved: row 2 has no name: give the scenario a name."]
    assert stored() == before


# 3. A row deleted in the table deletes its scenario only after the manager confirms.


def test_deleting_a_row_asks_first_then_says_what_was_deleted(picco_home):
    app = scenarios_page("Baseline", "Temp del")
    save_table(app, deleted_rows=[1])
    assert not app.exception and not app.error
    assert list(stored()) == ["Baseline", "Temp del"]  # nothing gone before the answer
    question = " ".join(texts(app, "warning"))
    assert "Delete scenario 'Temp del' and save the table? This cannot be undone" in question
    assert app.button(key="scenario_table_delete_confirm").label == "Yes, delete 'Temp del'"

    app.button(key="scenario_table_delete_confirm").click().run()
    assert not app.exception and not app.error
    assert list(stored()) == ["Baseline"]
    assert "Deleted scenario 'Temp del'." in texts(app, "success")


def test_cancelling_a_table_deletion_keeps_every_scenario(picco_home):
    app = scenarios_page("Baseline", "Temp del")
    before = stored()
    save_table(app, deleted_rows=[1], edited_rows={0: {"volume_change_pct": 5.0}})
    app.button(key="scenario_table_delete_cancel").click().run()
    assert not app.exception and not app.error
    assert stored() == before
    assert texts(app, "info")[0] == (
        "Nothing deleted or saved: the table shows the stored scenarios again."
    )
    assert not [button for button in app.button if button.key.startswith("scenario_table_delete")]


# 4. Rename: case and space variants of another scenario's name are refused; a rename says so.


@pytest.mark.parametrize("typed", ["  baseline ", "BASELINE", "Baseline"])
def test_renaming_to_a_variant_of_another_name_is_refused(picco_home, typed):
    app = scenarios_page("Baseline", "Copy")
    before = stored()
    app.selectbox(key="scenario_pick").set_value("Copy")
    app.text_input(key="scenario_new_name").input(typed)
    app.button(key="scenario_rename").click().run()
    assert not app.exception
    assert texts(app, "error") == [
        f"Cannot rename scenario 'Copy' to '{typed.strip()}': a scenario named 'Baseline' "
        "exists: choose another name."
    ]
    assert stored() == before


def test_a_rename_is_trimmed_and_confirmed_and_may_fix_its_own_case(picco_home):
    app = scenarios_page("Baseline", "Copy")
    app.selectbox(key="scenario_pick").set_value("Copy")
    app.text_input(key="scenario_new_name").input("  Peak week ")
    app.button(key="scenario_rename").click().run()
    assert not app.exception and not app.error
    assert texts(app, "success") == ["Renamed 'Copy' to 'Peak week'."]
    assert list(stored()) == ["Baseline", "Peak week"]

    app.selectbox(key="scenario_pick").set_value("Baseline")
    app.text_input(key="scenario_new_name").input("baseline")
    app.button(key="scenario_rename").click().run()
    assert texts(app, "success") == ["Renamed 'Baseline' to 'baseline'."]
    assert list(stored()) == ["baseline", "Peak week"]


def test_a_table_rename_to_a_variant_of_another_name_is_refused(picco_home):
    app = scenarios_page("Baseline", "Copy")
    before = stored()
    save_table(app, edited_rows={1: {"name": "baseline "}})
    assert texts(app, "error") == [
        "Not saved: a scenario named 'Baseline' exists: give row 2 another name."
    ]
    assert stored() == before
    save_table(app, edited_rows={1: {"name": "Peak"}})
    assert texts(app, "success") == ["Renamed 'Copy' to 'Peak'."]
    assert list(stored()) == ["Baseline", "Peak"]


def test_duplicating_or_saving_under_a_variant_of_a_name_is_refused(picco_home):
    app = scenarios_page("Baseline")
    before = stored()
    app.text_input(key="scenario_new_name").input(" BASELINE")
    app.button(key="scenario_duplicate").click().run()
    assert texts(app, "error") == ["A scenario named 'Baseline' exists: choose another name."]
    app.text_input(key="new_scenario_name").input("baseline  ")
    app.button(key="save_scenario").click().run()
    assert texts(app, "error") == [
        "Not saved: a scenario named 'Baseline' exists: choose another name, or change that "
        "scenario in the table below."
    ]
    assert stored() == before


# 5. Enter saves; the button clicked right after it is the same save, not an error.


def test_the_button_clicked_after_an_enter_save_gives_no_false_error(picco_home):
    app = go(open_app(), "scenarios")
    app.text_input(key="new_scenario_name").input("Peak")
    app.button(key="save_scenario").click().run()  # Enter submits the form as the button does
    assert texts(app, "success") == ["Saved scenario 'Peak'."]
    assert app.text_input(key="new_scenario_name").value == ""

    app.button(key="save_scenario").click().run()
    assert not app.exception and not app.error, texts(app, "error")
    assert texts(app, "success") == ["Saved scenario 'Peak'."]
    assert list(stored()) == ["Peak"]

    # Later, after something else happened, an empty name is a mistake to explain.
    app.selectbox(key="scenario_pick").set_value("Peak").run()
    app.button(key="save_scenario").click().run()
    assert texts(app, "error") == ["Not saved: Scenario name is empty: give the scenario a name."]
    assert list(stored()) == ["Peak"]
