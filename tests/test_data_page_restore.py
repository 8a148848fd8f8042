"""Data page: an upload that replaced a dataset's data leaves the data it replaced under
"Previous imports", restorable after a confirmation, and a restore can be undone the same way.
Driven headless with AppTest like test_app_pages."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, number, open_app, small_export

from app_ui.state import fingerprint
from data.store import Store

CSV = "text/csv"


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def previous_imports(app: AppTest, name: str) -> list[str]:
    """The markdown lines of the "Previous imports of 'name'" expander (none: no expander)."""
    found = [item for item in app.expander if item.label == f"Previous imports of '{name}'"]
    assert len(found) <= 1
    return [item.value for item in found[0].markdown] if found else []


def restore_keys(app: AppTest) -> list[str]:
    return [
        button.key
        for button in app.button
        if button.key.startswith("restore_")
        and button.key not in ("restore_confirm", "restore_cancel")
    ]


def two_counts() -> bytes:
    """A 15-minute export with two count columns: detection takes one, the mapping the other."""
    starts = pd.date_range("2025-03-03 08:00", periods=40 * 4, freq="15min")
    frame = pd.DataFrame(
        {"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "offered": 3, "handled": 2}
    )
    return frame.to_csv(index=False).encode()


def test_a_wrong_mapping_can_be_undone_through_previous_imports(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("two.csv", two_counts(), CSV)).run()
    assert_clean(app)
    first = number(metric(app, "Contacts"))
    assert previous_imports(app, "two") == []  # nothing replaced yet
    wrong = "handled" if first == 3 * 160 else "offered"
    app.selectbox(key="map_volume_column").set_value(wrong)
    app.button(key="map_apply").click().run()
    assert_clean(app)
    second = number(metric(app, "Contacts"))
    assert second != first
    assert any("kept under Previous imports" in text for text in texts(app, "success"))

    (kept,) = Store().list_previous_versions("two")
    (line,) = previous_imports(app, "two")
    assert f"**Stored {kept.saved_at:%Y-%m-%d %H:%M} UTC**" in line
    assert f"{first:,.0f} contacts, Mon 3 Mar 2025 – Tue 4 Mar 2025, queues two" in line
    assert restore_keys(app) == [f"restore_{kept.version_id}"]

    # One click asks; Cancel leaves the data as it is.
    app.button(key=f"restore_{kept.version_id}").click().run()
    assert_clean(app)
    stamp = f"{kept.saved_at.day} {kept.saved_at:%b %H:%M} UTC"
    question = " ".join(texts(app, "warning"))
    assert f"Restore the import of {stamp} ({first:,.0f} contacts, 1 queue)" in question
    assert "kept under Previous imports" in question
    app.button(key="restore_cancel").click().run()
    assert "restore_confirm" not in {button.key for button in app.button}
    assert number(metric(app, "Contacts")) == second
    assert Store().list_datasets().set_index("name").loc["two", "contacts"] == second

    app.button(key=f"restore_{kept.version_id}").click().run()
    app.button(key="restore_confirm").click().run()
    assert_clean(app)
    assert texts(app, "success") == [
        f"Restored the import of {stamp} ({first:,.0f} contacts, 1 queue); the replaced one is "
        "kept under Previous imports."
    ]  # the upload's "now holds this data" no longer holds, so it is not said
    assert number(metric(app, "Contacts")) == first
    assert app.header[0].value == "Current dataset: two"
    assert Store().list_datasets().set_index("name").loc["two", "contacts"] == first
    current = app.session_state["current_dataset"]
    assert current.token == fingerprint(Store().load_dataset("two"))

    # The wrong mapping's data is listed now, and restoring it undoes the restore.
    (swapped,) = Store().list_previous_versions("two")
    (line,) = previous_imports(app, "two")
    assert f"{second:,.0f} contacts" in line
    app.button(key=f"restore_{swapped.version_id}").click().run()
    app.button(key="restore_confirm").click().run()
    assert_clean(app)
    assert number(metric(app, "Contacts")) == second

    # The delete question counts the previous imports that go with the dataset.
    app.button(key="stored_delete").click().run()
    assert "and its 1 previous import from the store" in " ".join(texts(app, "warning"))
    app.button(key="stored_delete_cancel").click().run()
    assert_clean(app)


def test_a_restore_after_a_shorter_file_reaches_every_page(picco_home):
    week = ("week.csv", small_export(days=35, scale=20.0), CSV)
    shorter = ("week.csv", small_export(days=21, scale=10.0), CSV)
    app = open_app()
    app.file_uploader(key="upload_files").set_value(week).run()
    full = number(metric(app, "Contacts"))
    app.file_uploader(key="upload_files").set_value(shorter).run()
    app.button(key="upload_replace").click().run()
    assert_clean(app)
    short = number(metric(app, "Contacts"))
    assert short < full
    assert any("kept under Previous imports" in text for text in texts(app, "success"))

    go(app, "forecast")
    assert_clean(app)
    short_forecast = metric(app, "Forecast contacts")

    go(app, "data")  # the uploader is empty now; the previous import is still listed
    (kept,) = Store().list_previous_versions("week")
    assert len(previous_imports(app, "week")) == 1
    app.button(key=f"restore_{kept.version_id}").click().run()
    app.button(key="restore_confirm").click().run()
    assert_clean(app)
    assert number(metric(app, "Contacts")) == full
    assert metric(app, "Last day") == "Sun 6 Apr 2025"

    # The forecast is made again from the restored data, not served from the cache of the
    # shorter file's.
    go(app, "forecast")
    assert_clean(app)
    assert metric(app, "Forecast contacts") != short_forecast
    assert any("Dataset: **week**" in text for text in texts(app, "caption"))
