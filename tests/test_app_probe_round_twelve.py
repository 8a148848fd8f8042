"""Round twelve of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, number, open_app, small_export
from test_app_round_two import edit_table, offered, save_scenarios  # noqa: F401

from data.store import Store
from planning import default_aht_by_queue

CSV = "text/csv"
LONG = "Service desk inbound calls for the northern region, " * 6  # 306 characters


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    return app.file_uploader(key="upload_files").set_value([(n, b, CSV) for n, b in files]).run()


def metric_help(app: AppTest, label: str) -> str:
    (found,) = [item.proto.help for item in app.metric if item.label == label]
    return found


# ------------------------------------------------- Data page: dataset names


def test_a_dataset_cannot_be_renamed_to_a_name_longer_than_a_scenario_may_have(picco_home):
    app = upload(open_app(), ("calls.csv", small_export()))
    app.text_input(key="rename_to").input(LONG.strip())
    app.button(key="stored_rename").click().run()
    assert not app.exception
    assert texts(app, "error") == [
        f"Not renamed: the dataset name is {len(LONG.strip())} characters long; keep it to 60 at "
        "most (the pages' headers, lists and downloaded file names repeat it)."
    ]
    assert sorted(Store().list_datasets()["name"]) == ["Sample service desk", "calls"]
    assert app.session_state["current_dataset"].name == "calls"

    sixty = "x" * 60  # the longest name allowed, as for scenarios
    app.text_input(key="rename_to").input(sixty)
    app.button(key="stored_rename").click().run()
    assert_clean(app)
    assert sorted(Store().list_datasets()["name"]) == ["Sample service desk", sixty]


def test_an_upload_with_a_very_long_file_name_is_stored_under_a_shortened_name(picco_home):
    app = upload(open_app(), (f"{LONG}.csv", small_export()))
    assert_clean(app)
    (name,) = [n for n in Store().list_datasets()["name"] if n != "Sample service desk"]
    assert len(name) == 60 and name.endswith("…")
    assert LONG.startswith(name[:-1])
    assert texts(app, "success") == [
        f"Stored as '{name}' and opened on every page (a dataset name stops at 60 characters, so "
        "the files' name was shortened). Rename it under Stored datasets."
    ]
    # The same long name once more (other data): the numbered copy still fits in 60.
    upload(app)
    upload(app, (f"{LONG}.csv", small_export(scale=30.0)))
    names = sorted(Store().list_datasets()["name"])
    assert len(names) == 3 and all(len(each) <= 60 for each in names)
    assert any(each.endswith("… (2)") for each in names)


# ------------------------------------------------- Scenarios page: totals over the horizon


def test_the_comparison_names_the_days_its_cost_and_paid_hours_add_up(picco_home, offered):  # noqa: F811
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    edit_table(app, {1: {"volume_change_pct": 30.0}})
    assert_clean(app)
    shown = app.dataframe[-1].value
    assert "Total cost over 7 days (EUR)" in shown.index
    assert "Paid hours over 7 days (h)" in shown.index
    assert "Total cost (EUR)" not in shown.index and "Paid hours (h)" not in shown.index
    assert "Cost per week (EUR)" not in shown.index  # over 7 days, the total again
    download = offered["scenario_comparison"].set_index("Metric")
    cost = download.loc["Total cost over 7 days (EUR)"]
    assert cost["Busier"] > cost["Baseline"] > 0
    assert number(shown.loc["Total cost over 7 days (EUR)", "Baseline"]) == pytest.approx(
        cost["Baseline"], abs=1
    )
    assert download.loc["Paid hours over 7 days (h)", "Busier"] > 0


# ------------------------------------------------- Data page: handle time of interval exports


def test_the_data_page_shows_the_handle_time_an_interval_export_carries(picco_home):
    app = open_app()  # the sample: 15-minute volumes with a handle time per queue
    assert_clean(app)
    dataset = app.session_state["current_dataset"].dataset
    per_queue = default_aht_by_queue(dataset.intervals)
    assert set(per_queue) == {"chat", "email", "phone"}
    intervals = dataset.intervals
    usable = intervals[(intervals["volume"] > 0) & (intervals["aht_seconds"] > 0)]
    overall = (usable["aht_seconds"] * usable["volume"]).sum() / usable["volume"].sum()
    assert metric(app, "Mean handle time") == f"{overall:,.0f} s"
    assert metric_help(app, "Mean handle time") == (
        "Per queue, weighted by contacts: "
        + ", ".join(f"{queue} {per_queue[queue]:,.0f} s" for queue in ("chat", "email", "phone"))
        + "."
    )
    # The Intraday tab shows one queue: its own handle time beside it.
    queue = app.selectbox(key="intraday_queue").value
    assert f"Mean handle time of {queue}: {per_queue[queue]:,.0f} s." in texts(app, "caption")
    app.selectbox(key="intraday_queue").set_value("email").run()
    assert f"Mean handle time of email: {per_queue['email']:,.0f} s." in texts(app, "caption")


def test_an_export_without_handle_times_shows_none(picco_home):
    app = upload(open_app(), ("calls.csv", small_export()))
    assert_clean(app)
    assert "Mean handle time" not in [item.label for item in app.metric]
    assert not [text for text in texts(app, "caption") if "handle time" in text]


# ------------------------------------------------- Forecast page: region picker


def test_a_region_of_another_country_goes_back_to_the_whole_country_with_a_note(picco_home):
    app = go(open_app(), "forecast")
    app.selectbox(key="holiday_country").set_value("DE").run()
    app.selectbox(key="holiday_subdivision").set_value("BY").run()
    assert_clean(app)
    assert app.selectbox(key="holiday_subdivision").value == "BY"
    app.run()  # a later run with the region chosen
    assert_clean(app)
    assert app.selectbox(key="holiday_subdivision").value == "BY"

    app.selectbox(key="holiday_country").set_value("IT").run()
    assert_clean(app)
    assert app.selectbox(key="holiday_subdivision").value == "(whole country)"
    assert (
        "Region BY is not a region of IT — Italy: the holidays of the whole country "
        "are used. Pick one of its regions if you need one." in texts(app, "info")
    )
    app.run()  # said once, not on every run after
    assert_clean(app)
    assert not [text for text in texts(app, "info") if text.startswith("Region BY")]


# ------------------------------------------------- Forecast page: reversed event dates


def test_reversed_event_dates_are_taken_in_order(picco_home):
    app = go(open_app(), "forecast")
    last = app.session_state["current_dataset"].dataset.intervals["interval_start"].max().date()
    first_day, last_day = last + dt.timedelta(days=2), last + dt.timedelta(days=4)
    app.checkbox(key="campaign_enabled").check()
    app.date_input(key="campaign_dates").set_value((first_day, last_day)).run()
    assert_clean(app)
    ordered = number(metric(app, "Forecast contacts"))
    app.date_input(key="campaign_dates").set_value((last_day, first_day)).run()
    assert_clean(app)
    assert number(metric(app, "Forecast contacts")) == ordered

    app.checkbox(key="exclude_enabled").check()
    start = last - dt.timedelta(days=13)
    app.date_input(key="exclude_dates").set_value((start, start + dt.timedelta(days=3))).run()
    excluded = number(metric(app, "Forecast contacts"))
    app.date_input(key="exclude_dates").set_value((start + dt.timedelta(days=3), start)).run()
    assert_clean(app)
    assert number(metric(app, "Forecast contacts")) == excluded
    assert pd.notna(excluded)


# ------------------------------------------------- every page: a store that cannot be opened


def test_a_damaged_store_is_named_on_every_page_without_a_traceback(picco_home):
    # A store file of random bytes: the message says to move it aside, on every page; it was a
    # traceback out of the Data page's first look at the stored datasets.
    store_file = Store().path
    damaged = bytes(range(256)) * 20
    store_file.write_bytes(damaged)
    app = open_app()
    for page in (None, "forecast", "staffing", "scenarios"):
        if page:
            app = go(app, page)
        assert not app.exception
        (message,) = texts(app, "error")
        assert "damaged or not a Picco store" in message and "move the file aside" in message
    assert store_file.read_bytes() == damaged  # left as it was, for the user to look at
