"""A manager's walk through the app with four real AXA queues (Data, Forecast, Staffing,
Scenarios), driven headless with AppTest like test_app_pages: every page opens on the busiest
queue, a queue keeps its own handle time, a campaign can target one queue, and a scenario saved
from impossible settings is explained in percent."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, FAST_MODEL, assert_clean, go, metric, number

AXA_FILES = ["Tech. Axa.csv", "Téléphonie.csv", "Gestion.csv", "CMS.csv"]
AXA_CONTACTS = 6_347_778  # the four files' CSPL_RECEIVED_CALLS added up
BUSIEST = "Téléphonie"


@pytest.fixture()
def axa(shared_data) -> AppTest:
    """The app with the four AXA queues uploaded at once on the Data page."""
    folder = shared_data / "axa" / "series"
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = FAST_MODEL
    app.session_state["horizon_days"] = 7
    app.run()
    files = [(name, (folder / name).read_bytes(), "text/csv") for name in AXA_FILES]
    app.file_uploader(key="upload_files").set_value(files).run()
    assert_clean(app)
    return app


def all_queues(app: AppTest) -> pd.DataFrame:
    found = [item.value for item in app.dataframe if {"queue", "peak_agents"} <= set(item.value)]
    assert found, "no All queues table"
    return found[0].set_index("queue")


def test_four_queues_import_and_every_page_opens_on_the_busiest(axa):
    assert number(metric(axa, "Contacts")) == AXA_CONTACTS
    assert metric(axa, "Queues") == "4"
    # The intraday profile starts on the busiest queue, not on CMS (232 calls in three years).
    assert axa.selectbox(key="intraday_queue").value == BUSIEST
    go(axa, "staffing")  # before any visit to the Forecast page
    assert_clean(axa)
    assert axa.selectbox(key="queue").value == BUSIEST
    assert axa.query_params["queue"] == BUSIEST
    go(axa, "data")
    axa.selectbox(key="intraday_queue").set_value("Tech. Axa").run()
    go(axa, "staffing")  # the queue picked on the Data page is every page's queue
    assert axa.selectbox(key="queue").value == "Tech. Axa"
    assert axa.query_params["queue"] == "Tech. Axa"
    go(axa, "data")
    assert axa.selectbox(key="intraday_queue").value == "Tech. Axa"  # kept across pages


def test_a_handle_time_typed_for_one_queue_stays_with_that_queue(axa):
    go(axa, "staffing")
    axa.selectbox(key="queue").set_value("Tech. Axa").run()
    axa.number_input(key="aht_seconds").set_value(420.0).run()
    assert_clean(axa)
    overview = all_queues(axa)
    assert overview.loc["Tech. Axa", "aht_seconds"] == 420
    assert overview.loc["Tech. Axa", "peak_agents"] == number(metric(axa, "Peak agents"))
    # The data has no handle times: the other queues keep the usual 300 s, not the 420 typed.
    assert overview.loc[BUSIEST, "aht_seconds"] == 300
    busiest_row = overview.loc[BUSIEST]

    axa.selectbox(key="queue").set_value(BUSIEST).run()
    assert axa.number_input(key="aht_seconds").value == 300
    # The row the table showed is what the page shows once that queue is picked.
    assert number(metric(axa, "Peak agents")) == busiest_row["peak_agents"]
    assert number(metric(axa, "FTE")) == pytest.approx(busiest_row["fte"], abs=0.05)

    axa.selectbox(key="queue").set_value("Tech. Axa").run()
    assert axa.number_input(key="aht_seconds").value == 420  # not reset to 300

    # An impossible handle time is explained on its queue, not carried into the others' table.
    axa.number_input(key="aht_seconds").set_value(-30.0).run()
    assert "Average handle time must be more than 0 seconds" in axa.error[0].value
    axa.selectbox(key="queue").set_value(BUSIEST).run()
    assert_clean(axa)
    # Nothing carried over: only the notes that the data holds no handle times, so 300 s
    # stands in, for the queue on screen and for every other queue of the All queues table
    # (the queue on screen is not named again there: round twenty-eight).
    said = [item.value for item in axa.warning]
    assert len(said) == 2
    assert said[0].startswith(f"The data holds no handle times for '{BUSIEST}': the 300 s")
    assert said[1].startswith("No handle times in the data for ")
    others = [queue for queue in all_queues(axa).index if queue != BUSIEST]
    assert others and all(f"'{queue}'" in said[1] for queue in others)
    assert f"'{BUSIEST}'" not in said[1]
    assert all_queues(axa).loc["Tech. Axa", "aht_seconds"] == 300


def test_a_campaign_on_one_queue_leaves_the_others_forecast_alone(axa):
    go(axa, "forecast")
    assert axa.selectbox(key="campaign_queue").value == "(every queue)"
    before = number(metric(axa, "Forecast contacts"))
    axa.checkbox(key="campaign_enabled").check()
    axa.date_input(key="campaign_dates").set_value((date(2014, 1, 2), date(2014, 1, 5)))
    axa.selectbox(key="campaign_queue").set_value("Tech. Axa").run()
    assert_clean(axa)
    assert number(metric(axa, "Forecast contacts")) == before  # the busiest queue, untouched
    tech = axa.selectbox(key="queue").set_value("Tech. Axa").run()
    raised = number(metric(tech, "Forecast contacts"))
    tech.selectbox(key="campaign_queue").set_value(BUSIEST).run()
    plain = number(metric(tech, "Forecast contacts"))
    assert plain < raised  # now the campaign is on the other queue
    tech.selectbox(key="queue").set_value(BUSIEST).run()
    assert number(metric(tech, "Forecast contacts")) > before


def test_saving_impossible_staffing_settings_as_a_scenario_is_explained_in_percent(axa):
    go(axa, "staffing")
    axa.number_input(key="sl_target_pct").set_value(100.0)
    axa.number_input(key="answer_within_s").set_value(0.0).run()
    assert "Enter at most 99%" in axa.error[0].value
    go(axa, "scenarios")
    axa.text_input(key="new_scenario_name").input("Perfect")
    axa.button(key="save_scenario").click().run()
    assert not axa.exception
    message = " ".join(item.value for item in axa.error)
    assert message.startswith("Not saved: the Staffing page holds settings that cannot be")
    assert "100% within 0 s" in message and "Enter at most 99%" in message
    assert "0.8" not in message  # the planner's fraction, not the percent typed


def test_a_campaign_outside_the_forecast_is_said_to_raise_nothing(axa):
    go(axa, "forecast")  # 7 days: Wed 1 Jan to Tue 7 Jan 2014
    before = number(metric(axa, "Forecast contacts"))
    axa.checkbox(key="campaign_enabled").check()
    axa.date_input(key="campaign_dates").set_value((date(2014, 1, 8), date(2014, 1, 14))).run()
    assert not axa.exception
    assert number(metric(axa, "Forecast contacts")) == before
    # The AXA files open on the France calendar their quiet days match: no Italian holiday
    # (Epiphany) is forecast beside the campaign's warning.
    assert axa.session_state["holiday_country"] == "FR"
    assert [item.value for item in axa.warning] == [
        "The planned campaign (Wed 8 Jan – Tue 14 Jan 2014) lies outside this forecast (Wed 1 "
        "Jan – Tue 7 Jan 2014): it raises nothing. Move its days into the forecast or lengthen "
        "the horizon.",
    ]
    axa.date_input(key="campaign_dates").set_value((date(2014, 1, 6), date(2014, 1, 9))).run()
    assert "reaches beyond this forecast" in axa.warning[0].value
    assert number(metric(axa, "Forecast contacts")) > before
