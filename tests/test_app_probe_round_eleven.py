"""Round eleven of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, number, open_app, small_export

from data.store import Store

CSV = "text/csv"


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    """Pick `files` in the uploader, as they are now (no emptying first)."""
    return app.file_uploader(key="upload_files").set_value([(n, b, CSV) for n, b in files]).run()


# ------------------------------------------------- Data page


def test_a_bad_file_removed_again_is_not_called_a_column_mapping_change(picco_home):
    # A good upload, then an empty file beside it (refused), then the empty file removed: the
    # page had said "Imported again with your column mapping ... Change another choice under
    # Column mapping", though no mapping was touched.
    good = small_export()
    app = upload(open_app(), ("calls.csv", good))
    assert "Stored as 'calls'" in texts(app, "success")[0]
    upload(app, ("calls.csv", good), ("empty.csv", b""))
    assert "empty.csv: the file is empty" in texts(app, "error")[0]
    assert number(metric(app, "Contacts")) == 11200  # the stored data is still on screen

    upload(app, ("calls.csv", good))
    assert_clean(app)
    (said,) = texts(app, "info")
    assert said == (
        "The uploader holds the files that stored 'calls' again, and 'calls' holds their data "
        "already: nothing was stored again."
    )
    assert "Column mapping" not in said
    assert Store().list_previous_versions("calls") == []
    assert number(metric(app, "Contacts")) == 11200


# ------------------------------------------------- Forecast page: event days


def test_a_campaign_of_one_picked_day_raises_that_day(picco_home):
    # The range picker holds one date until a second is clicked: a campaign on one picked day
    # had raised nothing, without a word, though it was ticked.
    app = go(open_app(), "forecast")
    plain = number(metric(app, "Forecast contacts"))
    last = app.session_state["current_dataset"].dataset.intervals["interval_start"].max().date()
    day = last + dt.timedelta(days=2)
    app.checkbox(key="campaign_enabled").check()
    app.date_input(key="campaign_dates").set_value((day, day)).run()
    both = number(metric(app, "Forecast contacts"))
    assert both > plain

    app.date_input(key="campaign_dates").set_value((day,)).run()
    assert_clean(app)
    assert number(metric(app, "Forecast contacts")) == both
    assert not app.warning

    app.date_input(key="campaign_dates").set_value(()).run()
    assert number(metric(app, "Forecast contacts")) == plain
    assert texts(app, "warning") == [
        '"Add a planned campaign" is ticked but has no days, so it changes nothing: pick its '
        "first and last day (or one day), or untick it."
    ]


def test_an_excluded_single_picked_day_is_left_out_of_training(picco_home):
    app = go(open_app(), "forecast")
    plain = metric(app, "Forecast contacts")
    last = app.session_state["current_dataset"].dataset.intervals["interval_start"].max().date()
    day = last - dt.timedelta(days=6)  # the history's last Monday: next Monday's template
    app.checkbox(key="exclude_enabled").check()
    app.date_input(key="exclude_dates").set_value((day, day)).run()
    both = metric(app, "Forecast contacts")
    assert both != plain
    app.date_input(key="exclude_dates").set_value((day,)).run()
    assert_clean(app)
    assert metric(app, "Forecast contacts") == both


def test_a_dataset_cannot_be_renamed_to_another_ones_name_in_other_capitals(picco_home):
    # "sample service desk" beside "Sample service desk" had been stored: two datasets the
    # lists show alike.
    app = upload(open_app(), ("calls.csv", small_export()))
    app.text_input(key="rename_to").input("sample  Service desk")
    app.button(key="stored_rename").click().run()
    assert not app.exception
    assert texts(app, "error") == [
        "Cannot rename 'calls' to 'sample  Service desk': a dataset named 'Sample service desk' "
        "already exists. Choose another name."
    ]
    assert sorted(Store().list_datasets()["name"]) == ["Sample service desk", "calls"]
    assert app.session_state["current_dataset"].name == "calls"

    # Its own name in other capitals is a correction, not a clash.
    app.text_input(key="rename_to").input("Calls")
    app.button(key="stored_rename").click().run()
    assert_clean(app)
    assert sorted(Store().list_datasets()["name"]) == ["Calls", "Sample service desk"]


def test_a_history_ending_on_a_closed_weekend_says_the_forecast_starts_before_its_end(
    picco_home,
):
    # The export runs to Sunday 6 April (closed): the forecast starts on Saturday 5 April, after
    # the last open hours, yet its help had said "after the history's last interval".
    app = upload(open_app(), ("calls.csv", small_export()))
    assert metric(app, "Last day") == "Sun 6 Apr 2025"
    go(app, "forecast")
    assert_clean(app)
    (help_text,) = [item.proto.help for item in app.metric if item.label == "Forecast contacts"]
    assert help_text == (
        "Every interval from Sat 5 Apr 2025 00:00 to Sat 12 Apr 2025 00:00: the 7 × 24 hours "
        "after the history's last open hours with contacts: its days from Sat 5 Apr to Sun 6 "
        "Apr 2025 were closed or without data, so they are forecast too."
    )
