"""Another window renames or deletes the dataset this session has open: every page notices on
its next run, says so once, and never acts on a dataset other than the one it shows.

The store is changed directly between runs, as another browser tab on the same store would."""

from __future__ import annotations

from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, open_app, small_export

from data.store import Store

SAMPLE = "Sample service desk"
CSV = "text/csv"


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def with_week_open() -> AppTest:
    """The app with an uploaded dataset 'week' current, left on the Staffing page (so the
    Data page's uploader no longer holds the file)."""
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.csv", small_export(), CSV)).run()
    assert app.header[0].value == "Current dataset: week"
    return go(app, "staffing")


def gone_message(name: str, instead: str) -> str:
    return (
        f"Dataset '{name}' is no longer stored (renamed or deleted in another window): "
        f"showing '{instead}' instead."
    )


def asks_to_delete(app: AppTest) -> str:
    """Click Delete… on the Data page: the name on the confirmation button."""
    app.button(key="stored_delete").click().run()
    assert_clean(app)
    return app.button(key="stored_delete_confirm").label


def test_a_dataset_deleted_in_another_window_falls_back_with_one_message(picco_home):
    app = with_week_open()
    Store().delete_dataset("week")  # another tab deletes it
    app.run()
    assert_clean(app)
    assert texts(app, "warning") == [gone_message("week", SAMPLE)]
    assert any(f"Dataset: **{SAMPLE}**" in text for text in texts(app, "caption"))
    assert app.query_params["dataset"] == SAMPLE

    go(app, "data")  # said once: the next page does not repeat it
    assert_clean(app)
    assert not app.warning and not app.info
    assert app.header[0].value == f"Current dataset: {SAMPLE}"
    assert app.selectbox(key="stored_choice").value == SAMPLE
    assert asks_to_delete(app) == f"Yes, delete '{SAMPLE}'"


def test_the_data_page_manages_the_dataset_it_shows_after_a_delete_elsewhere(picco_home):
    app = with_week_open()
    # A third dataset sorting first: the one the select box used to fall back to.
    store = Store()
    store.save_dataset(store.load_dataset("week"), "aaa copy")
    go(app, "data")
    assert app.selectbox(key="stored_choice").value == "week"
    store.delete_dataset("week")
    app.run()
    assert_clean(app)
    assert texts(app, "warning") == [gone_message("week", SAMPLE)]
    assert not app.info  # the selection was the dataset gone: the one message says it all
    assert app.header[0].value == f"Current dataset: {SAMPLE}"
    assert app.selectbox(key="stored_choice").value == SAMPLE
    assert asks_to_delete(app) == f"Yes, delete '{SAMPLE}'"
    app.button(key="stored_delete_cancel").click().run()
    assert sorted(Store().list_datasets()["name"]) == [SAMPLE, "aaa copy"]


def test_a_selection_deleted_elsewhere_goes_back_to_the_current_dataset_with_a_note(picco_home):
    app = with_week_open()
    go(app, "data")
    app.selectbox(key="stored_choice").set_value(SAMPLE).run()
    Store().delete_dataset(SAMPLE)
    app.run()
    assert_clean(app)
    assert not app.warning
    assert texts(app, "info") == [
        f"Dataset '{SAMPLE}' is no longer stored (renamed or deleted in another window): the "
        "selection is back on the current dataset 'week'."
    ]
    assert app.selectbox(key="stored_choice").value == "week"
    assert asks_to_delete(app) == "Yes, delete 'week'"


def test_a_dataset_renamed_in_another_window_stays_open_under_its_new_name(picco_home):
    app = go(with_week_open(), "scenarios")
    app.text_input(key="new_scenario_name").input("Baseline")
    app.button(key="save_scenario").click().run()
    assert_clean(app)
    Store().rename_dataset("week", "week renamed")

    # Saving with the old name fails in the click; the run after it opens the new name.
    app.text_input(key="new_scenario_name").input("Busier")
    app.button(key="save_scenario").click().run()
    assert not app.exception, [item.message for item in app.exception]
    assert texts(app, "warning") == [
        "Dataset 'week' was renamed to 'week renamed' in another window: it stays open under "
        "its new name."
    ]
    assert [text for text in texts(app, "error") if "Not saved" not in text] == []
    assert any("Dataset: **week renamed**" in text for text in texts(app, "caption"))
    assert app.query_params["dataset"] == "week renamed"
    assert Store().list_scenarios("week renamed") == ["Baseline"]  # its scenarios came along
    app.button(key="save_scenario").click().run()  # the name is still typed: saved now
    assert_clean(app)
    assert Store().list_scenarios("week renamed") == ["Baseline", "Busier"]

    go(app, "data")
    assert not app.warning
    assert app.header[0].value == "Current dataset: week renamed"
    assert asks_to_delete(app) == "Yes, delete 'week renamed'"


def test_the_scenarios_page_survives_a_delete_in_another_window(picco_home):
    app = go(with_week_open(), "scenarios")
    app.text_input(key="new_scenario_name").input("Baseline")
    app.button(key="save_scenario").click().run()
    Store().delete_dataset("week")
    app.run()  # a plain rerun
    assert_clean(app)
    assert texts(app, "warning") == [gone_message("week", SAMPLE)]
    assert any(f"Dataset: **{SAMPLE}**" in text for text in texts(app, "caption"))
    shown = texts(app, "info")
    assert len(shown) == 1
    assert shown[0].startswith(
        "No scenario saved for this dataset yet: name the current settings and save them, or "
        "start from the usual comparisons"
    )


def test_a_dataset_deleted_here_opens_another_without_a_message(picco_home):
    app = with_week_open()
    go(app, "data")
    app.button(key="stored_delete").click().run()
    app.button(key="stored_delete_confirm").click().run()
    assert_clean(app)
    assert not app.warning and not app.info
    assert app.header[0].value == f"Current dataset: {SAMPLE}"
    go(app, "forecast")
    assert not app.warning


def test_a_reload_naming_a_dataset_no_longer_stored_says_which_it_opened(picco_home):
    open_app()  # stores the sample
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    app.query_params["dataset"] = "deleted meanwhile"
    app.run()
    assert_clean(app)
    assert texts(app, "warning") == [
        f"Dataset 'deleted meanwhile' named in the address is no longer stored (renamed or "
        f"deleted in another window): showing '{SAMPLE}' instead."
    ]
    assert app.header[0].value == f"Current dataset: {SAMPLE}"


def test_renaming_the_selected_dataset_here_keeps_it_selected(picco_home):
    app = with_week_open()
    go(app, "data")
    app.selectbox(key="stored_choice").set_value(SAMPLE).run()
    app.text_input(key="rename_to").input("Desk")
    app.button(key="stored_rename").click().run()
    assert_clean(app)
    assert not app.warning and not app.info
    assert app.header[0].value == "Current dataset: week"
    assert app.selectbox(key="stored_choice").value == "Desk"
    assert asks_to_delete(app) == "Yes, delete 'Desk'"
