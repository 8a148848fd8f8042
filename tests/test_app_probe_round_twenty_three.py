"""Round twenty-three of a manager's probe: the handle time a call log shows is the one it is
staffed with, the special days read the day-by-day table's contacts, the example week fits a
short forecast, a lone queue on the stand-in handle time is warned about once, a full-time week
of a few hours is called unusual and a one-day horizon is named as its day, driven headless with
AppTest on the sample and the real data in ../shared."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, open_app, small_export, table
from test_app_probe_round_thirtyseven import on_calendar

from planning import Scenario, default_aht_by_queue
from planning.scenario import example_scenarios
from staffing.plausibility import implausible_values

CSV = "text/csv"


def upload(app: AppTest, path_or_name, content: bytes | None = None) -> AppTest:
    """`app` with one file picked in the Data page's uploader: a path, or a name and its bytes."""
    name = path_or_name if content is not None else path_or_name.name
    data = content if content is not None else path_or_name.read_bytes()
    app.file_uploader(key="upload_files").set_value([(name, data, CSV)]).run()
    assert_clean(app)
    return app


# ------------------------------------------------- One handle time for a call log, everywhere


def test_the_bank_logs_handle_time_reads_the_same_on_the_data_and_staffing_pages(shared_data):
    log = shared_data / "anonymous_bank" / "february_1999.txt"
    app = upload(open_app(), log)
    raw = pd.read_csv(log, sep="\t")
    talk = raw.loc[raw["outcome"] == "AGENT", "ser_time"]
    assert round(talk.mean()) == 176  # answered calls' mean talk time
    assert metric(app, "Mean handle time") == "176 s"
    # Before: "Mean handle time of all: 178 s" under the 176 s, and 178 s staffed: each
    # interval's mean talk time weighed by all its calls, the 5,904 hung up included.
    assert "Mean handle time of all: 176 s." in [item.value for item in app.caption]

    go(app, "staffing")
    assert_clean(app)
    assert app.number_input(key="aht_seconds").value == 176
    assert any("(176 s on average)" in item.value for item in app.caption)
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [176]


def test_an_intervals_handle_time_weighs_by_the_contacts_answered():
    intervals = pd.DataFrame(
        {
            "queue": ["a", "a", "b", "b"],
            "volume": [10.0, 40.0, 10.0, 10.0],
            "answered": [10.0, 20.0, np.nan, np.nan],  # b: no answered counts
            "aht_seconds": [100.0, 200.0, 100.0, 300.0],
        }
    )
    # a: (10 x 100 + 20 x 200) / 30 answered = 166.7 s, not (10 x 100 + 40 x 200) / 50 = 180 s.
    assert default_aht_by_queue(intervals) == {
        "a": pytest.approx(500 / 3),
        "b": pytest.approx(200.0),
    }


# ------------------------------------------------- Special days: the day-by-day table's figures


def test_special_days_show_the_contacts_the_day_by_day_table_shows(shared_data):
    app = on_calendar(upload(open_app(), shared_data / "axa" / "series" / "Tech. Axa.csv"))
    go(app, "forecast")
    assert_clean(app)
    days, _ = table(app, "forecast_contacts", "usual_contacts", "vs_usual")
    special, _ = table(app, "special_day", "forecast_contacts")
    by_day = dict(zip(pd.to_datetime(days["date"]), days["forecast_contacts"], strict=True))
    listed = dict(zip(special["special_day"], pd.to_datetime(special["date"]), strict=True))
    assert list(listed) == [
        "New Year's Day",
        "Day after New Year's Day",
        "Epiphany",
        "Day after Epiphany",
    ]
    # Before: Epiphany read 4,015 here and 4,016 in the day-by-day table above (3,997 since
    # holiday ratios are kept up to x2, not clipped at x1.2, where they are learned).
    epiphany = special.set_index("special_day").loc["Epiphany", "forecast_contacts"]
    assert epiphany == by_day[pd.Timestamp("2014-01-06")] == 3997
    assert [by_day[day] for day in listed.values()] == special["forecast_contacts"].tolist()
    assert days["forecast_contacts"].sum() == int(metric(app, "Forecast contacts").replace(",", ""))


# ------------------------------------------------- The example week within a short forecast


def test_the_example_busy_week_fits_a_forecast_of_three_days(picco_home):
    app = go(open_app(horizon_days=3), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    # Before: "+30% volume 23 Nov – 29 Nov", and at once a warning that its days reach beyond
    # the forecast (Mon 23 Nov to Wed 25 Nov) and only those inside it are changed.
    assert not [item.value for item in app.warning if "beyond the forecast" in item.value]
    shown = app.table[-1].value
    busier = "+30% volume 23 Nov – 25 Nov"
    assert busier in shown.columns
    row = "Contacts expected over 3 days"
    assert shown.loc[row, "Current settings"] == "5,839"
    assert shown.loc[row, busier] == "7,591 (+1,752 ▲)"  # 30% more: 1,751.7


def test_the_example_busy_week_is_cut_to_the_forecasts_days():
    base = Scenario("typed")
    first = pd.Timestamp("2026-11-23")

    def busier(last_day: pd.Timestamp | None) -> Scenario:
        return example_scenarios(base, first, last_day)[1]

    week = busier(pd.Timestamp("2026-12-06"))  # a 14-day forecast: its first week
    assert (week.name, str(week.change_to)) == ("+30% volume 23 Nov – 29 Nov", "2026-11-29")
    three = busier(pd.Timestamp("2026-11-25"))
    assert (three.name, str(three.change_from), str(three.change_to)) == (
        "+30% volume 23 Nov – 25 Nov",
        "2026-11-23",
        "2026-11-25",
    )
    one = busier(first)
    assert (one.name, str(one.change_to)) == ("+30% volume 23 Nov", "2026-11-23")
    assert busier(None).name == "+30% volume 23 Nov – 29 Nov"  # no last day known: a week


# ------------------------------------------------- A lone queue's stand-in handle time, once


def test_a_lone_queue_on_the_stand_in_handle_time_is_warned_about_once(picco_home):
    app = upload(open_app(), "calls.csv", small_export())  # one queue, counts only
    go(app, "staffing")
    assert_clean(app)
    # Before: a second warning under the All queues table said the same of the same queue.
    assert [item.value for item in app.warning] == [
        "The data holds no handle times for 'calls': the 300 s above is a stand-in, not a "
        "measured figure, and every agent, hour and cost below rests on it. Type the queue's "
        "average handle time (talk, hold and after-call work)."
    ]
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [300]


# ------------------------------------------------- A full-time week far from a contract's


def test_a_full_time_week_of_a_few_hours_is_called_unusual(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert metric(app, "FTE") == "44.2"
    app.number_input(key="weekly_hours").set_value(1.0).run()  # the field's least: 0 typed
    assert_clean(app)
    # Before: 1,678.0 FTE "on 1-hour weeks", the 1,678 paid hours over again, with no word.
    assert metric(app, "FTE") == "1,678.0"
    assert [item.value for item in app.warning] == [
        "Some values are unusual; the plan below uses them as entered.\n"
        "- A full-time week of 1 h is unusual: each FTE then counts 1 h of pay a week. "
        "Full-time contracts usually run 35–40 h."
    ]
    app.number_input(key="weekly_hours").set_value(40.0).run()
    assert not app.warning


def test_only_a_full_time_week_outside_30_to_48_hours_is_unusual():
    assert implausible_values(weekly_contract_hours=38.0) == []
    assert implausible_values(weekly_contract_hours=30.0) == []
    assert implausible_values(weekly_contract_hours=48.0) == []
    assert implausible_values(weekly_contract_hours=3.8)[0].startswith(
        "A full-time week of 3.8 h is unusual"
    )
    assert implausible_values(weekly_contract_hours=168.0)[0].startswith(
        "A full-time week of 168 h is unusual"
    )


# ------------------------------------------------- A one-day horizon named as one day


def test_a_past_one_day_horizon_is_named_as_its_day(picco_home):
    app = go(open_app(horizon_days=1), "staffing")
    assert_clean(app)
    # Before: "The whole horizon (Mon 23 Nov – Mon 23 Nov 2026) is already past".
    assert [item.value for item in app.caption if item.value.startswith("The sample's")] == [
        "The sample's own dates: its forecast follows its history, Mon 23 Nov 2026. Import your "
        "contacts on the Data page to plan your coming days."
    ]
    assert metric(app, "Cost, 1 day") == "€ 8,704"
