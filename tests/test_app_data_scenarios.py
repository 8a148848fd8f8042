"""Data page uploads, stored datasets and column mapping; Scenarios page selections kept in the
URL. Driven headless with AppTest like test_app_pages."""

from __future__ import annotations

import io

import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, assert_clean, go, metric, number, open_app, small_export

from data.store import Store

SAMPLE = "Sample service desk"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def stored_names() -> list[str]:
    return sorted(Store().list_datasets()["name"])


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def staffed_export() -> bytes:
    """A 15-minute export with a text column (the team) next to the timestamp and the count."""
    starts = pd.date_range("2025-03-03 08:00", periods=40 * 4, freq="15min")
    frame = pd.DataFrame(
        {"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "team": "Support", "offered": 3}
    )
    return frame.to_csv(index=False).encode()


# ----------------------------------------------------------------- uploads


def test_uploading_the_same_file_again_opens_the_stored_dataset_instead_of_a_copy(picco_home):
    content = small_export()
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.csv", content, CSV)).run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "week"]

    # The same file in the same session after clearing the uploader, then after a reload.
    app.file_uploader(key="upload_files").clear().run()
    app.selectbox(key="stored_choice").set_value(SAMPLE)
    app.button(key="stored_load").click().run()
    app.file_uploader(key="upload_files").set_value(("week.csv", content, CSV)).run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "week"]
    assert app.header[0].value == "Current dataset: week"
    assert any("already stored as 'week'" in text for text in texts(app, "info"))

    reloaded = open_app()
    reloaded.file_uploader(key="upload_files").set_value(("week.csv", content, CSV)).run()
    assert_clean(reloaded)
    assert stored_names() == [SAMPLE, "week"]
    assert reloaded.header[0].value == "Current dataset: week"
    assert any("already stored as 'week'" in text for text in texts(reloaded, "info"))


def test_removing_a_file_from_the_upload_stores_nothing_until_the_manager_says_how(picco_home):
    sales = ("sales.csv", small_export(scale=10.0), CSV)
    support = ("support.csv", small_export(scale=30.0), CSV)
    app = open_app()
    app.file_uploader(key="upload_files").set_value([sales, support]).run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "sales + support"]
    assert metric(app, "Queues") == "2"

    app.file_uploader(key="upload_files").set_value([sales]).run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "sales + support"]  # no copy behind the manager's back
    assert app.header[0].value == "Current dataset: sales + support"
    pending = " ".join(texts(app, "warning"))
    assert "removed support.csv" in pending and "not stored yet" in pending
    assert {"upload_store_new", "upload_replace"} <= {button.key for button in app.button}

    app.button(key="upload_store_new").click().run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "sales", "sales + support"]
    assert app.header[0].value == "Current dataset: sales"
    assert metric(app, "Queues") == "1"

    # Back to both files: that data is stored already, so it is opened, not stored again.
    app.file_uploader(key="upload_files").set_value([sales, support]).run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "sales", "sales + support"]
    assert app.header[0].value == "Current dataset: sales + support"
    assert any("already stored as 'sales + support'" in text for text in texts(app, "info"))


def test_after_removing_a_file_the_upload_can_replace_its_own_dataset(picco_home):
    sales = ("sales.csv", small_export(scale=10.0), CSV)
    support = ("support.csv", small_export(scale=30.0), CSV)
    app = open_app()
    app.file_uploader(key="upload_files").set_value([sales, support]).run()
    app.file_uploader(key="upload_files").set_value([sales]).run()
    app.button(key="upload_replace").click().run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "sales + support"]
    assert Store().load_dataset("sales + support").queues == ["sales"]
    assert app.header[0].value == "Current dataset: sales + support"
    expected = pd.read_csv(io.BytesIO(sales[1]))["calls"].sum()
    assert number(metric(app, "Contacts")) == expected


# ----------------------------------------------------------------- stored datasets


def test_delete_asks_for_confirmation_and_can_be_cancelled(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.csv", small_export(), CSV)).run()
    app.selectbox(key="stored_choice").set_value("week")
    app.button(key="stored_delete").click().run()
    assert_clean(app)
    assert stored_names() == [SAMPLE, "week"]  # one click deletes nothing
    question = " ".join(texts(app, "warning"))
    assert "Delete 'week'" in question and "cannot be undone" in question
    app.button(key="stored_delete_cancel").click().run()
    assert stored_names() == [SAMPLE, "week"]
    assert "stored_delete_confirm" not in {button.key for button in app.button}

    app.button(key="stored_delete").click().run()
    app.button(key="stored_delete_confirm").click().run()
    assert_clean(app)
    assert stored_names() == [SAMPLE]
    assert app.header[0].value == f"Current dataset: {SAMPLE}"


def test_stored_datasets_and_the_upload_report_can_be_downloaded(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.csv", small_export(), CSV)).run()
    assert_clean(app)
    keys = {button.key for button in app.get("download_button")}
    assert {"download_stored_csv", "download_stored_xlsx"} <= keys
    assert {"download_detection_csv", "download_detection_xlsx"} <= keys
    assert "download_intervals_csv" in keys


# ----------------------------------------------------------------- column mapping


def test_a_text_column_chosen_as_volume_is_named_with_what_to_pick_instead(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("desk.csv", staffed_export(), CSV)).run()
    assert_clean(app)
    app.selectbox(key="map_volume_column").set_value("team")
    app.button(key="map_apply").click().run()
    assert not app.exception
    message = app.error[0].value
    assert "The Volume column you chose, 'team', holds values such as 'Support'" in message
    assert "set Volume column back to (automatic)" in message
    assert "Replace them" not in message  # the file is fine: the choice was wrong
    assert app.header[0].value == "Current dataset: desk"  # the good import stays current
    assert stored_names() == [SAMPLE, "desk"]


def test_a_column_chosen_for_two_roles_or_without_times_is_named(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("desk.csv", staffed_export(), CSV)).run()
    app.selectbox(key="map_time_column").set_value("offered")
    app.selectbox(key="map_volume_column").set_value("offered")
    app.button(key="map_apply").click().run()
    assert not app.exception
    assert "'offered' is chosen as the Timestamp column and as the Volume column" in (
        app.error[0].value
    )

    # A number column as the queue, which detection also takes as the count: refused, not
    # stored as one queue per count.
    app.selectbox(key="map_time_column").set_value("(automatic)")
    app.selectbox(key="map_volume_column").set_value("(automatic)")
    app.selectbox(key="map_queue_column").set_value("offered")
    app.button(key="map_apply").click().run()
    assert not app.exception
    message = app.error[0].value
    assert message.startswith("The Queue column you chose, 'offered', cannot be used:")
    assert "it is the file's count of contacts per interval (volume)" in message
    assert message.count("Queue column in the app") == 1  # the fix is said once
    assert Store().load_dataset("desk").queues == ["Support"]  # the team column, not the count

    app.selectbox(key="map_queue_column").set_value("(automatic)")
    app.selectbox(key="map_time_column").set_value("team")
    app.button(key="map_apply").click().run()
    assert not app.exception
    message = app.error[0].value
    assert message.startswith("The Timestamp column you chose, 'team', cannot be used:")
    assert message.endswith("(Timestamp column in the app, --time-column on the command line).")


def test_a_new_upload_starts_without_the_previous_files_mapping(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("desk.csv", staffed_export(), CSV)).run()
    app.selectbox(key="map_volume_column").set_value("offered")
    app.button(key="map_apply").click().run()
    assert_clean(app)
    app.file_uploader(key="upload_files").clear().run()
    # week.csv has no 'offered' column: the mapping chosen for desk.csv must not apply to it.
    app.file_uploader(key="upload_files").set_value(("week.csv", small_export(), CSV)).run()
    assert_clean(app)
    assert app.header[0].value == "Current dataset: week"
    assert app.selectbox(key="map_volume_column").value == "(automatic)"


def test_an_excel_upload_offers_its_columns_for_the_mapping(picco_home):
    frame = pd.read_csv(io.BytesIO(staffed_export()))
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Export")
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("desk.xlsx", buffer.getvalue(), XLSX)).run()
    assert_clean(app)
    assert app.selectbox(key="map_volume_column").options == [
        "(automatic)",
        "timestamp",
        "team",
        "offered",
    ]


# ----------------------------------------------------------------- scenarios page


def save_scenarios(app: AppTest, *names: str) -> None:
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
        assert_clean(app)


def test_scenarios_page_keeps_queue_and_comparison_across_a_reload(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    go(app, "scenarios")
    save_scenarios(app, "Baseline", "SL 90", "Busier")
    app.multiselect(key="compare_names").set_value(["Baseline", "Busier"]).run()
    app.selectbox(key="baseline_name").set_value("Busier").run()
    assert_clean(app)
    assert app.query_params["queue"] == "phone"
    assert app.query_params["compare"] == ["Baseline", "Busier"]
    assert app.query_params["baseline"] == "Busier"
    go(app, "staffing")
    go(app, "scenarios")  # a page switch keeps the comparison too
    assert app.multiselect(key="compare_names").value == ["Baseline", "Busier"]
    assert app.selectbox(key="baseline_name").value == "Busier"

    # A reload: a new session whose URL still holds the page's selections.
    reloaded = AppTest.from_file(APP, default_timeout=300)
    reloaded.session_state["forecast_model"] = "seasonal_naive"
    reloaded.session_state["horizon_days"] = 7
    for key, value in app.query_params.items():
        reloaded.query_params[key] = value
    reloaded.run()
    go(reloaded, "scenarios")
    assert_clean(reloaded)
    assert any("queue **phone**" in text for text in texts(reloaded, "caption"))
    assert reloaded.multiselect(key="compare_names").value == ["Baseline", "Busier"]
    assert reloaded.selectbox(key="baseline_name").value == "Busier"
    assert reloaded.selectbox(key="scenarios_queue").value == "phone"


def test_a_stale_url_falls_back_to_the_defaults(picco_home):
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = "seasonal_naive"
    app.session_state["horizon_days"] = 7
    app.query_params["queue"] = "no such queue"
    app.query_params["compare"] = ["gone", "also gone"]
    app.run()
    go(app, "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    # The busiest queue, as the Forecast page opens on (not the alphabetically first, chat).
    assert any("queue **phone**" in text for text in texts(app, "caption"))
    assert app.multiselect(key="compare_names").value == ["Baseline", "Busier"]
    assert app.query_params["queue"] == "phone"
    assert "compare" not in app.query_params or app.query_params["compare"] == [
        "Baseline",
        "Busier",
    ]


def test_the_queue_can_be_picked_on_the_scenarios_page_and_scenarios_downloaded(picco_home):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    go(app, "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    go(app, "scenarios")
    assert app.selectbox(key="scenarios_queue").value == "phone"  # picked on the Staffing page
    app.selectbox(key="scenarios_queue").set_value("email").run()
    assert_clean(app)
    assert any("queue **email**" in text for text in texts(app, "caption"))
    go(app, "staffing")
    assert app.selectbox(key="queue").value == "email"  # one queue selection for every page
    go(app, "scenarios")
    assert app.selectbox(key="scenarios_queue").value == "email"
    keys = {button.key for button in app.get("download_button")}
    assert {"download_scenarios_csv", "download_scenarios_xlsx"} <= keys


def test_a_scenario_saved_after_two_others_joins_the_comparison(picco_home):
    # Before: the comparison kept the first two saved and the third had to be picked by hand.
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "SL 90", "Busier")
    assert app.multiselect(key="compare_names").value == ["Baseline", "SL 90", "Busier"]
    app.multiselect(key="compare_names").set_value(["Baseline", "Busier"]).run()
    save_scenarios(app, "Lockdown")
    assert app.multiselect(key="compare_names").value == ["Baseline", "Busier", "Lockdown"]
