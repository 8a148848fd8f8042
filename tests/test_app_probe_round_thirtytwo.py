"""Round thirty-two of a manager's probe: the Scenarios comparison says when a scenario changes
only some of the forecast's days ("+30% in one week" over a 14-day forecast), whose FTE, cost
per week and expected service average the unchanged days in and read its change diluted; the
Data page's preview opens on the columns the files hold, naming those they hold nothing of
(the sample's answered and abandoned contacts, waits and satisfaction) instead of showing a
column of dashes for each; the mean satisfaction says it is on the files' own scale and the
range its interval means run over; the Forecast page's forecast download says it holds every
queue only where there are several, as its other downloads do; the scenario chart's lower axis
names its unit, people; the Data page opens on the tab last read after a look at another page;
the Scenarios page says e-mail's window counts e-mail hours and its response time every hour,
so 100% answered within 24 h beside a 28.5 h mean response reads as no contradiction, and
says when the forecast's days are already past, as the Forecast and Staffing pages do, and
when the Forecast page's planned campaign is in the forecast every scenario's change comes on.
Driven on the pages' pure helpers and headless with two AppTest runs, on an upload and on the
sample."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, metric, open_app, rated_upload

from app_ui import comparison, plots, settings, tables, widgets
from data.schema import INTERVAL_START, IS_OPEN, SATISFACTION
from forecasting.events import CAMPAIGN, ForecastEvent
from planning.compare import SCENARIO
from planning.scenario import Scenario
from staffing.plan import StaffingSettings


def hourly_plan(first_day: str, days: int) -> pd.DataFrame:
    """A plan's interval starts and open flags over `days` days of hourly intervals, open
    08:00-18:00 every day."""
    starts = pd.date_range(f"{first_day} 00:00", periods=24 * days, freq="60min")
    return pd.DataFrame({INTERVAL_START: starts, IS_OPEN: (starts.hour >= 8) & (starts.hour < 18)})


def opened_tab(block, key: str) -> int | None:
    """The index of the tab the tabs keyed `key` open on, found under the AppTest `block`."""
    proto = getattr(block, "proto", None)
    if (
        proto is not None
        and hasattr(proto, "HasField")
        and "tab_container" in proto.DESCRIPTOR.fields_by_name
    ):
        if proto.HasField("tab_container") and proto.tab_container.id.endswith(f"-{key}"):
            return proto.tab_container.default_tab_index
    for child in getattr(block, "children", {}).values():
        found = opened_tab(child, key)
        if found is not None:
            return found
    return None


# ------------------------------------------------- Scenarios: a change on part of the forecast


def test_a_change_on_one_week_of_a_longer_forecast_says_its_averages_are_diluted():
    # The sample's example '+30% volume 23 Nov – 29 Nov' over a 14-day forecast from Mon 23 Nov
    # 2026 (phone queue): FTE 44.2 -> 49.6 (+12.4%) and cost per week EUR 38,152 -> 42,877
    # (+12.4%), where over its own week (a 7-day forecast) it reads 55.1 FTE (+24.9%).
    # Before: nothing said the averages took in the 7 unchanged days.
    week = Scenario(
        "+30% volume 23 Nov – 29 Nov",
        volume_change_pct=30.0,
        change_from=dt.date(2026, 11, 23),
        change_to=dt.date(2026, 11, 29),
    )
    assert comparison.change_on_part_of_forecast(week, hourly_plan("2026-11-23", 14)) == (
        "'+30% volume 23 Nov – 29 Nov' changes 7 of the forecast's 14 days (Mon 23 Nov – Sun "
        "29 Nov): its FTE, cost per week and expected service level, waits and occupancy are "
        "averages over all 14 days, its unchanged days with them, so they read its change "
        "diluted. Its totals add up every day; the chart below shows the change interval by "
        "interval."
    )
    # Over 7 days the comparison has no cost per week row (comparison.rows_shown): not named.
    three_days = Scenario(
        "Mailing", volume_change_pct=50.0, change_from=dt.date(2026, 11, 25),
        change_to=dt.date(2026, 11, 27),
    )  # fmt: skip
    assert comparison.change_on_part_of_forecast(three_days, hourly_plan("2026-11-23", 7)) == (
        "'Mailing' changes 3 of the forecast's 7 days (Wed 25 Nov – Fri 27 Nov): its FTE and "
        "expected service level, waits and occupancy are averages over all 7 days, its unchanged "
        "days with them, so they read its change diluted. Its totals add up every day; the chart "
        "below shows the change interval by interval."
    )


def test_a_change_over_the_whole_forecast_or_none_at_all_says_nothing_of_averages():
    plan = hourly_plan("2026-11-23", 7)
    whole_week = Scenario(
        "+30%", volume_change_pct=30.0, change_from=dt.date(2026, 11, 23),
        change_to=dt.date(2026, 11, 29),
    )  # fmt: skip
    assert comparison.change_on_part_of_forecast(whole_week, plan) is None
    assert comparison.change_on_part_of_forecast(Scenario("+30% always", 30.0), plan) is None
    no_change = Scenario("Same", change_from=dt.date(2026, 11, 25))
    assert comparison.change_on_part_of_forecast(no_change, plan) is None
    # The days outside the change are closed: every open interval is changed, nothing diluted.
    weekdays = plan.assign(**{IS_OPEN: plan[IS_OPEN] & (plan[INTERVAL_START].dt.day_of_week < 5)})
    weekdays_only = Scenario(
        "Weekdays", volume_change_pct=10.0, change_from=dt.date(2026, 11, 23),
        change_to=dt.date(2026, 11, 27),
    )  # fmt: skip
    assert comparison.change_on_part_of_forecast(weekdays_only, weekdays) is None


# ------------------------------------------------- Scenarios: e-mail's two service figures


def test_the_email_comparison_says_its_window_counts_email_hours_and_its_response_every_hour():
    # The sample's e-mail queue, e-mail hours 08:00-18:00 and a 24 h window: 'Answered within
    # 24 h (%)' 100.0 beside 'Expected e-mail response time (h)' 28.5 in the comparison.
    # Before: '... its response time is the mean time from arrival to answer in hours, nights
    # and weekends included.', the window's working hours unsaid, so 100% in 24 h beside a
    # 28.5 h mean read as a contradiction (the Staffing page's helps explain it since).
    office = StaffingSettings(channel="email", email_hours=(8.0, 18.0))
    assert office.email_response_hours == 24.0
    scenarios = [
        Scenario("Current settings", staffing=office),
        Scenario("+30%", 30.0, staffing=office),
    ]
    assert comparison.email_window_caption(scenarios) == (
        "E-mail is staffed to a response window counted in e-mail hours (08:00–18:00): the clock "
        "stops outside them, as in a business-hours SLA, and the service level is the share of "
        "e-mails answered within that window. The response time is the mean time from arrival "
        "to answer, every hour counted, nights and weekends included, so it can pass 24 h while "
        "every e-mail is in time. Nobody hangs up on an e-mail, so it has no ASA or abandonment."
    )
    around_the_clock = StaffingSettings(channel="email", email_response_hours=4.0)
    other_hours = StaffingSettings(channel="email", email_hours=(9.0, 17.5))
    assert comparison.email_window_caption(
        [Scenario("24/7", staffing=around_the_clock)]
    ).startswith("E-mail is staffed to a response window counted in the queue's open hours: ")
    assert "so it can pass 4 h while" in comparison.email_window_caption(
        [Scenario("24/7", staffing=around_the_clock)]
    )
    mixed = comparison.email_window_caption(
        [Scenario("A", staffing=office), Scenario("B", staffing=other_hours)]
    )
    assert mixed.startswith(
        "E-mail is staffed to a response window counted in each scenario's e-mail hours: "
    )


# ------------------------------------------------- Scenarios: a campaign already in the forecast


def test_a_campaign_in_the_forecast_is_said_to_come_under_every_scenarios_change():
    # The Forecast page's +30% campaign on the sample's first week, every queue: the phone
    # queue's forecast reads 12,158 contacts (9,352 without it), and the example '+30% volume
    # 23 Nov – 29 Nov' 15,805, 1.3 × 1.3 = +69% over the forecast without the campaign.
    # Before: nothing on the Scenarios page said the campaign was in the forecast it staffs.
    campaign = ForecastEvent(
        "Planned campaign", pd.Timestamp("2026-11-23"), pd.Timestamp("2026-11-30"), CAMPAIGN,
        uplift_pct=30.0,
    )  # fmt: skip
    week = pd.Series(pd.date_range("2026-11-23", periods=7 * 96, freq="15min"))
    assert settings.campaign_under_scenarios_note([campaign], "phone", week) == (
        "Every scenario staffs the forecast with the Forecast page's planned campaign in it, +30% "
        "on Mon 23 Nov – Sun 29 Nov: a scenario's Vol % on those days comes on top of it, not in "
        "its place. Untick the campaign on the Forecast page to compare the scenarios without it."
    )
    # Only its days inside the forecast are named: a 3-day forecast holds Mon 23 - Wed 25 Nov.
    assert "+30% on Mon 23 Nov – Wed 25 Nov:" in settings.campaign_under_scenarios_note(
        [campaign], "phone", week[: 3 * 96]
    )
    # Another queue's campaign, one outside the forecast, none of 0%, or an exclusion: nothing.
    elsewhere = dataclasses.replace(campaign, queue="chat")
    later = dataclasses.replace(
        campaign, start=pd.Timestamp("2026-12-07"), end=pd.Timestamp("2026-12-08")
    )
    flat = dataclasses.replace(campaign, uplift_pct=0.0)
    excluded = ForecastEvent(
        "Excluded period", pd.Timestamp("2026-11-23"), pd.Timestamp("2026-11-30")
    )
    for event in (elsewhere, later, flat, excluded):
        assert settings.campaign_under_scenarios_note([event], "phone", week) is None


# ------------------------------------------------- Data: columns the files hold nothing of


def test_columns_without_a_value_are_found_and_named_in_one_sentence():
    # The sample's interval table: answered, abandoned, both waits and satisfaction hold no
    # value in any of its 209,472 rows (a volume and handle time export).
    intervals = pd.DataFrame(
        {
            "volume": [4.0, 16.0],
            "answered": pd.array([None, None], dtype="Int64"),
            "aht_seconds": [555.0, 335.0],
            "wait_seconds": [np.nan, np.nan],
            "is_open": [True, True],
            "satisfaction": [np.nan, np.nan],
        }
    )
    unheld = tables.empty_columns(intervals)
    assert unheld == ["answered", "wait_seconds", "satisfaction"]
    labels = [tables.column_for(name).label for name in unheld]
    assert tables.unheld_text(labels) == (
        " Your files hold no Answered, Wait (s) or Satisfaction figures: those columns are left "
        "out here (empty in the download)."
    )
    assert tables.unheld_text(["Satisfaction"]) == (
        " Your files hold no Satisfaction figures: that column is left out here (empty in the "
        "download)."
    )
    assert tables.unheld_text([]) == ""


# ------------------------------------------------- Data: the satisfaction's scale


def test_the_mean_satisfaction_says_its_scale_is_the_files_own_with_its_range():
    scores = pd.DataFrame({SATISFACTION: [np.nan, 2.0, 4.5, 5.0, np.nan]})
    # Before: "Mean satisfaction 3.75" and no help, whether out of 5, 10 or 100 unsaid.
    assert widgets.satisfaction_help(scores) == (
        "Mean score of the rated contacts, on your files' own scale (none is assumed): the "
        "intervals' mean scores run from 2.0 to 5.0."
    )
    assert tables.column_for(SATISFACTION).help == (
        "Mean score of the interval's rated contacts, on your files' own scale (none is assumed)."
    )


# ------------------------------------------------- Scenarios: the chart's units


def test_the_scenario_charts_lower_axis_names_its_unit():
    starts = pd.date_range("2026-11-23 08:00", periods=3, freq="60min")
    plans = pd.concat(
        [
            pd.DataFrame(
                {SCENARIO: name, INTERVAL_START: starts, "rostered": people, IS_OPEN: True}
            )
            for name, people in (("Current settings", [3, 4, 3]), ("+30%", [4, 5, 4]))
        ],
        ignore_index=True,
    )
    layout = plots.scenario_staff_chart(plans, "Current settings").to_plotly_json()["layout"]
    assert layout["yaxis"]["title"]["text"] == "People at once"
    # Before: "Than the baseline", of no unit, under the people above it.
    assert layout["yaxis2"]["title"]["text"] == "Vs the baseline (people)"
    lower = [trace for trace in plots.scenario_staff_chart(plans, "Current settings").data
             if trace.yaxis == "y2"]  # fmt: skip
    assert lower[0].y.tolist() == [1.0, 1.0, 1.0]


# ------------------------------------------------- Data and Forecast on a one-queue upload


def test_a_rated_one_queue_upload_reads_its_scale_its_columns_and_its_downloads(picco_home):
    app, _ = rated_upload()
    assert metric(app, "Mean satisfaction") == "3.75"
    (help_text,) = [item.proto.help for item in app.metric if item.label == "Mean satisfaction"]
    assert help_text == (
        "Mean score of the rated contacts, on your files' own scale (none is assumed): the "
        "intervals' mean scores run from 2.0 to 5.0."
    )
    # Records of arrival and talk time alone: no outcomes, no waits. Before: four columns of
    # dashes on every row of the preview.
    (preview,) = [item for item in app.dataframe if "is_missing" in item.value.columns]
    assert list(preview.proto.column_order) == [
        "interval_start", "queue", "volume", "aht_seconds", "is_open", "is_missing",
        "satisfaction",
    ]  # fmt: skip
    assert any(
        "Your files hold no Answered, Abandoned, Wait (s) or Wait before hanging up (s) "
        "figures: those columns are left out here" in item.value
        for item in app.caption
    ), [item.value for item in app.caption]
    app.session_state["data_tab"] = "Preview"
    app.run()
    go(app, "forecast")
    assert_clean(app)
    labels = [button.label for button in app.get("download_button")]
    # One queue, 'rated': before, "Forecast, all queues (CSV)" beside "Day by day (CSV)".
    assert labels[:2] == ["Forecast (CSV)", "Forecast (Excel)"]
    assert not [label for label in labels if "all queues" in label]
    # Before: back on "History", Streamlit dropping the tabs' state on a page not drawing them.
    go(app, "data")
    assert_clean(app)
    assert opened_tab(app.main, "data_tab") == 2  # History, Intraday, Preview


# ------------------------------------------------- Scenarios on the sample: past, campaign, one week


def test_the_sample_comparison_says_its_days_past_its_campaign_and_its_week_diluted(picco_home):
    # Mon 23 Nov to Wed 2 Dec 2026, with the Forecast page's +30% campaign on the first week.
    first_week = (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    app = open_app(horizon_days=10)
    # Set once the sample is loaded, which seeds the events' settings of its own.
    app.session_state["campaign_enabled"] = True
    app.session_state["campaign_dates"] = first_week
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    assert [item.value for item in app.info if "planned campaign" in item.value] == [
        "Every scenario staffs the forecast with the Forecast page's planned campaign in it, +30% "
        "on Mon 23 Nov – Sun 29 Nov: a scenario's Vol % on those days comes on top of it, not in "
        "its place. Untick the campaign on the Forecast page to compare the scenarios without it."
    ]
    # Before: nothing on this page, while the Forecast and Staffing pages say it of the same
    # forecast: the sample's history ends on Sun 22 Nov 2026.
    assert [item.value for item in app.caption if "own dates" in item.value] == [
        "The sample's own dates: its forecast follows its history, Mon 23 Nov – Wed 2 Dec 2026. "
        "Import your contacts on the Data page to plan your coming days."
    ]
    shown = app.table[-1].value
    assert "Cost per week (EUR)" in shown.index
    diluted = [item.value for item in app.caption if "read its change diluted" in item.value]
    assert diluted == [
        "'+30% volume 23 Nov – 29 Nov' changes 7 of the forecast's 10 days (Mon 23 Nov – Sun "
        "29 Nov): its FTE, cost per week and expected service level, waits and occupancy are "
        "averages over all 10 days, its unchanged days with them, so they read its change "
        "diluted. Its totals add up every day; the chart below shows the change interval by "
        "interval."
    ]
