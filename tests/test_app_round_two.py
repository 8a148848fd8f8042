"""Scenarios page: the editor refuses nothing silently, new rows start from the current settings,
e-mail is compared in hours and downloads keep one unit per row; the queue stays in the URL on
the Forecast, Staffing and Scenarios pages. Driven headless with AppTest like test_app_pages."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, FAST_MODEL, HORIZON_DAYS, assert_clean, chart, go, open_app, table
from test_app_staffing_forecast import plotted
from test_planning import INTERVAL_MINUTES, forecast_frame

from app_ui import comparison, downloads
from data.store import Store
from planning import Scenario, build_plan, compare_scenarios
from planning.compare import (
    ABANDONMENT_ROW,
    ASA_ROW,
    METRIC_LABELS,
    RESPONSE_TIME_ROW,
    relevant_metrics,
)
from staffing.plan import StaffingSettings

SAMPLE = "Sample service desk"
NUMBER_COLUMNS = [
    "volume_change_pct",
    "aht_change_pct",
    "service_level_pct",
    "answer_within_seconds",
    "shrinkage_pct",
    "supervisor_span",
    "agent_hourly_cost",
    "supervisor_hourly_cost",
]


def save_scenarios(app: AppTest, *names: str) -> None:
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
        assert_clean(app)


def edit_table(app: AppTest, edited_rows: dict | None = None, added_rows: list | None = None):
    """Type into the scenario editor, then press its save button."""
    version = app.session_state["scenario_editor_version"]
    app.session_state[f"scenario_editor_{version}"] = {
        "edited_rows": edited_rows or {},
        "added_rows": added_rows or [],
        "deleted_rows": [],
    }
    return app.button(key="scenario_table_save").click().run()


def errors(app: AppTest) -> str:
    return " ".join(item.value for item in app.error)


class OfferedTables(dict):
    """Tables by file stem; a stem's leading words ("scenario_plans") find the one table whose
    stem goes on with its queue and dates ("scenario_plans_phone_2026-11-23_to_...")."""

    def __missing__(self, lead: str) -> pd.DataFrame:
        (stem,) = [stem for stem in self if stem.startswith(f"{lead}_")]
        return self[stem]


@pytest.fixture()
def offered(monkeypatch) -> dict[str, pd.DataFrame]:
    """The tables the pages offer for download, by file stem (the last run's)."""
    tables: dict[str, pd.DataFrame] = OfferedTables()
    original = downloads.download_table

    def record(frame: pd.DataFrame, stem: str, label: str, key: str) -> None:
        tables[stem] = frame
        original(frame, stem, label, key)

    monkeypatch.setattr(downloads, "download_table", record)
    return tables


def comparison_chart_titles(app: AppTest) -> set[str]:
    charts = [item for item in app.get("plotly_chart") if "compare_chart_" in item.proto.id]
    return {json.loads(item.proto.spec)["layout"]["title"]["text"] for item in charts}


def reload(app: AppTest, page: str) -> AppTest:
    """A browser reload on `page`: a new session whose URL holds the old one's parameters."""
    fresh = AppTest.from_file(APP, default_timeout=300)
    fresh.session_state["forecast_model"] = FAST_MODEL
    fresh.session_state["horizon_days"] = HORIZON_DAYS
    for key, value in app.query_params.items():
        fresh.query_params[key] = value
    return go(fresh.run(), page)


# 1. The scenario editor refuses nothing silently: out-of-range values are explained on save.


def test_scenario_editor_number_columns_have_no_limits_that_refuse_values_silently(picco_home):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline")
    _, columns = table(app, "volume_change_pct", "supervisor_span")
    for column in NUMBER_COLUMNS:
        limits = set(columns[column]["type_config"]) & {"min_value", "max_value"}
        assert not limits, (column, columns[column]["type_config"])
    assert "At most 99%" in columns["service_level_pct"]["help"]

    edit_table(app, {0: {"service_level_pct": 100.0}})
    assert not app.exception
    assert "Scenario 'Baseline' not saved" in errors(app)
    assert "100% can never be guaranteed" in errors(app) and "at most 99%" in errors(app)
    assert Store().load_scenario(SAMPLE, "Baseline")["staffing"]["service_level"] == 0.8


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ({"service_level_pct": 150.0}, "cannot be more than 100% of the contacts"),
        ({"answer_within_seconds": -5.0}, "Answer within must be 0 seconds or more"),
        ({"shrinkage_pct": 100.0}, "Shrinkage must be from 0% up to (not including) 100%"),
        ({"supervisor_span": 7}, "Agents per supervisor must be a whole number from 8 to 15"),
        ({"volume_change_pct": -150.0}, "(Vol %) must be -100% or more (you entered -150%)"),
        ({"aht_change_pct": -100.0}, "(AHT %) must be above -100% (you entered -100%)"),
        ({"agent_hourly_cost": -1.0}, "An agent's cost must be € 0 or more per paid hour"),
        ({"supervisor_hourly_cost": -2.0}, "A supervisor's cost must be € 0 or more"),
    ],
)
def test_each_impossible_scenario_value_is_explained_in_the_tables_units(picco_home, edit, reason):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline")
    before = Store().load_scenario(SAMPLE, "Baseline")
    edit_table(app, {0: edit})
    assert not app.exception
    assert "Scenario 'Baseline' not saved" in errors(app)
    assert reason in errors(app)
    assert Store().load_scenario(SAMPLE, "Baseline") == before


def test_values_the_old_limits_refused_are_saved(picco_home):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline")
    edit_table(app, {0: {"shrinkage_pct": 97.0, "aht_change_pct": -99.5}})
    assert_clean(app)
    saved = Store().load_scenario(SAMPLE, "Baseline")
    assert saved["staffing"]["shrinkage"] == pytest.approx(0.97)
    assert saved["aht_change_pct"] == -99.5


def test_staffing_shrinkage_takes_any_value_and_explains_an_impossible_one(picco_home):
    app = go(open_app(), "staffing")
    field = app.number_input(key="shrinkage_pct")
    assert field.max is None and field.min is None  # nothing refused without a word
    field.set_value(97.0).run()
    assert_clean(app)
    assert app.number_input(key="shrinkage_pct").value == 97  # taken: unusual, not impossible
    assert "Shrinkage of 97% is unusual" in app.warning[0].value
    app.number_input(key="shrinkage_pct").set_value(100.0).run()
    assert "Shrinkage must be from 0% up to (not including) 100%" in errors(app)
    assert not app.metric


def test_a_new_row_starts_from_the_current_settings(picco_home):
    app = go(open_app(), "staffing")
    app.number_input(key="sl_target_pct").set_value(90.0).run()
    go(app, "scenarios")
    save_scenarios(app, "Baseline")
    _, columns = table(app, "volume_change_pct", "supervisor_span")
    assert columns["service_level_pct"]["default"] == 90.0  # what a row added in the grid shows
    edit_table(app, added_rows=[{"name": "Busier", "volume_change_pct": 20.0}])
    assert_clean(app)
    saved = Store().load_scenario(SAMPLE, "Busier")
    assert saved["volume_change_pct"] == 20.0
    assert saved["aht_change_pct"] == 0.0
    assert saved["quantile"] == "mean"
    assert saved["staffing"]["service_level"] == pytest.approx(0.9)
    assert saved["staffing"]["supervisor_span"] == 12


# 2. Waits in the unit a person reads them in; downloads keep one unit per row.


def email_and_voice_outcomes() -> dict:
    frame = forecast_frame()
    email = StaffingSettings(channel="email", email_response_hours=24.0)
    return {
        "voice": build_plan(frame, INTERVAL_MINUTES, Scenario("voice")),
        "mail": build_plan(frame, INTERVAL_MINUTES, Scenario("mail", staffing=email)),
        "mail busier": build_plan(
            frame, INTERVAL_MINUTES, Scenario("mail busier", volume_change_pct=50, staffing=email)
        ),
    }


def test_email_response_time_is_compared_in_hours_and_voice_asa_in_seconds():
    outcomes = email_and_voice_outcomes()
    table = compare_scenarios(outcomes, baseline="mail")
    assert table.index.tolist() == METRIC_LABELS
    summary = outcomes["mail"].summary
    assert table.loc[RESPONSE_TIME_ROW, "mail"] == pytest.approx(summary.asa_seconds / 3600)
    assert math.isnan(table.loc[ASA_ROW, "mail"])  # no seconds among the hours
    assert math.isnan(table.loc[RESPONSE_TIME_ROW, "voice"])
    voice_asa = outcomes["voice"].summary.asa_seconds
    assert table.loc[ASA_ROW, "voice"] == pytest.approx(voice_asa)
    assert math.isnan(table.loc[ASA_ROW, "voice Δ"])  # a voice wait is no change of a mail one

    only_mail = {name: outcomes[name] for name in ("mail", "mail busier")}
    assert ASA_ROW not in relevant_metrics(only_mail)
    assert ABANDONMENT_ROW not in relevant_metrics(only_mail)
    assert RESPONSE_TIME_ROW not in relevant_metrics({"voice": outcomes["voice"]})
    assert relevant_metrics(outcomes) == METRIC_LABELS


def test_waits_read_as_duration_text_on_screen_and_as_numbers_in_one_unit_elsewhere():
    table = pd.DataFrame(
        {"base": [300.0, 11.9], "more": [420.0, 14.2], "more Δ": [120.0, 2.3], "more Δ%": [40, 19]},
        index=pd.Index([ASA_ROW, RESPONSE_TIME_ROW], name="metric"),
    )
    cells = comparison.texts(table)
    assert cells.loc["Expected ASA"].tolist() == ["5 min", "7 min", "+2 min ▲", "+40.0%"]
    response = cells.loc["Expected e-mail response time (h)"].tolist()
    assert response == ["11.9", "14.2", "+2.3 ▲", "+19.0%"]
    assert comparison.delta_text(-45.0, comparison.SECONDS) == "−45 s ▼"
    assert comparison.delta_text(0.4, comparison.SECONDS) == "0"

    numbers = comparison.scaled(table)  # the download: seconds, whatever their size
    assert numbers.index.tolist() == ["Expected ASA (s)", "Expected e-mail response time (h)"]
    assert numbers.loc["Expected ASA (s)", "base"] == 300.0
    charted = comparison.chart_values(table)  # a chart reads 5 min, not 300 s
    assert charted.index.tolist() == ["Expected ASA (min)", "Expected e-mail response time (h)"]
    assert charted.loc["Expected ASA (min)"].tolist() == [5.0, 7.0, 2.0, 40.0]
    short = comparison.chart_values(table.assign(base=[18.0, 1.0], more=[25.0, 1.0]))
    assert short.index[0] == "Expected ASA (s)"


def test_email_scenarios_are_compared_in_hours_on_screen_in_charts_and_downloads(
    picco_home, offered
):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("email").run()
    go(app, "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    edit_table(app, {1: {"volume_change_pct": 30.0}})
    assert_clean(app)

    shown = app.dataframe[-1].value
    assert "Expected ASA" not in shown.index and "Expected abandonment (%)" not in shown.index
    response = shown.loc["Expected e-mail response time (h)"]
    assert re.fullmatch(r"\d+\.\d", response["Baseline"]), response
    assert 0 < float(response["Baseline"]) < 7 * 24  # hours, not seconds
    captions = " ".join(item.value for item in app.caption)
    assert "answered within that window" in captions
    assert "tick Erlang A" not in captions  # nobody hangs up on an e-mail

    download = offered["scenario_comparison"].set_index("Metric")
    assert "Expected ASA (s)" not in download.index
    hours = download.loc["Expected e-mail response time (h)", ["Baseline", "Busier"]]
    assert np.allclose(
        hours.astype(float), response[["Baseline", "Busier"]].astype(float), atol=0.05
    )
    level = download.loc["Answered within 24 h (%)", "Baseline"]
    assert 1 < level <= 100  # percent, as the label says
    assert all(pd.api.types.is_float_dtype(dtype) for dtype in download.dtypes)

    titles = comparison_chart_titles(app)
    assert "Expected e-mail response time (h)" in titles
    assert not any(title.startswith("Expected ASA") for title in titles)


def test_voice_scenarios_show_asa_as_a_duration_and_download_it_in_seconds(picco_home, offered):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    go(app, "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    edit_table(app, {1: {"volume_change_pct": 30.0}})
    assert_clean(app)

    shown = app.dataframe[-1].value
    assert "Expected e-mail response time (h)" not in shown.index
    asa = shown.loc["Expected ASA"]
    assert re.fullmatch(r"\d+ (s|min)", asa["Baseline"]), asa
    download = offered["scenario_comparison"].set_index("Metric")
    assert "Expected e-mail response time (h)" not in download.index
    seconds = download.loc["Expected ASA (s)", "Baseline"]
    assert shown.loc["Expected ASA", "Baseline"] == comparison.value_text(seconds, "seconds")
    assert (
        download.loc["Total cost over 7 days (EUR)", "Busier"]
        > download.loc["Total cost over 7 days (EUR)", "Baseline"]
    )


def test_the_compared_plans_are_drawn_and_downloaded_interval_by_interval(picco_home, offered):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Busier")
    edit_table(app, {1: {"volume_change_pct": 30.0}})
    assert_clean(app)

    plans = offered["scenario_plans"]
    base, busier = (plans[plans["scenario"] == name] for name in ("Baseline", "Busier"))
    assert len(base) == len(busier) == HORIZON_DAYS * 24 * 60 // 15  # the sample's 15 minutes
    assert (busier["rostered"].to_numpy() >= base["rostered"].to_numpy()).all()
    assert busier["rostered"].sum() > base["rostered"].sum()
    assert base.loc[~base["is_open"], "service_level"].isna().all()  # closed: no figure

    traces = chart(app, "compare_staff_chart")["data"]
    # People per scenario above, the busier one's extra people below (no line for the baseline).
    assert [trace["name"] for trace in traces] == ["Baseline (baseline)", "Busier", "Busier"]
    assert traces[1]["line"]["color"] == traces[2]["line"]["color"] != traces[0]["line"]["color"]
    is_open = busier["is_open"].to_numpy()
    drawn = np.asarray(plotted(traces[1]["y"]), dtype=float)
    assert drawn[~np.isnan(drawn)].tolist() == busier.loc[is_open, "rostered"].tolist()
    extra = np.asarray(plotted(traces[2]["y"]), dtype=float)
    expected = busier["rostered"].to_numpy() - base["rostered"].to_numpy()
    assert np.isnan(extra[~is_open]).all()  # closed slots are gaps
    assert extra[is_open].tolist() == expected[is_open].tolist() and extra[is_open].max() >= 1


def test_a_change_limited_to_some_days_is_edited_in_the_table_and_staffs_only_those_days(
    picco_home, offered
):
    app = go(open_app(), "scenarios")
    app.selectbox(key="scenarios_queue").set_value("chat").run()  # pages open on the busiest
    save_scenarios(app, "Baseline", "Lockdown")
    first_day = offered["scenario_plans"]["interval_start"].min().normalize()
    days = [first_day + pd.Timedelta(days=offset) for offset in (1, 2)]
    edit_table(  # the grid sends a day as ISO text
        app,
        {1: {"volume_change_pct": 30.0, "change_from": f"{days[0]:%Y-%m-%d}",
             "change_to": f"{days[1]:%Y-%m-%d}"}},
    )  # fmt: skip
    assert_clean(app)
    stored = Scenario.from_dict(Store().load_scenario(SAMPLE, "Lockdown"))
    assert (stored.change_from, stored.change_to) == (days[0].date(), days[1].date())
    shown = table(app, "volume_change_pct")[0]
    assert shown.loc[1, "change_from"] == days[0].date() and pd.isna(shown.loc[0, "change_to"])
    assert any("Every scenario: Chat, " in item.value for item in app.caption)

    plans = offered["scenario_plans"]
    base, lockdown = (plans[plans["scenario"] == name] for name in ("Baseline", "Lockdown"))
    day = lockdown["interval_start"].dt.normalize()
    inside = day.isin(days).to_numpy()
    np.testing.assert_allclose(
        lockdown["volume"].to_numpy()[inside], base["volume"].to_numpy()[inside] * 1.3
    )
    assert (
        lockdown["rostered"].to_numpy()[~inside].tolist()
        == base["rostered"].to_numpy()[~inside].tolist()
    )
    assert lockdown["rostered"].to_numpy()[inside].sum() > base["rostered"].to_numpy()[inside].sum()
    assert not app.warning

    # Days the forecast does not reach: said, not silently staffed as the plain forecast.
    later = f"{first_day + pd.Timedelta(days=HORIZON_DAYS + 10):%Y-%m-%d}"
    edit_table(app, {1: {"change_from": later, "change_to": later}})
    warnings = " ".join(item.value for item in app.warning)
    assert "Scenario 'Lockdown' changes volume and handle time from" in warnings
    assert "outside the forecast" in warnings and "staffs the forecast unchanged" in warnings

    # From after To is refused, naming the scenario; what was stored stays.
    edit_table(app, {1: {"change_from": later, "change_to": f"{days[0]:%Y-%m-%d}"}})
    assert "Scenario 'Lockdown' not saved" in errors(app)
    assert "the first day must not be after the last" in errors(app)
    kept = Scenario.from_dict(Store().load_scenario(SAMPLE, "Lockdown"))
    assert kept.change_to == pd.Timestamp(later).date()


def test_settings_the_table_does_not_show_are_named_when_the_compared_scenarios_differ():
    base = Scenario("Baseline", staffing=StaffingSettings(max_occupancy=0.85))
    capped = Scenario(
        "Cap 90",
        staffing=StaffingSettings(max_occupancy=0.9, max_asa_seconds=60, patience_seconds=180),
    )
    assert comparison.unshown_differences({"Baseline": base, "Cap 90": capped}) == [
        "occupancy cap: Baseline 85%, Cap 90 90%",
        "ASA cap: Baseline none, Cap 90 60 s",
        "Erlang A patience: Baseline off (Erlang C), Cap 90 3 min",
    ]
    assert comparison.unshown_differences({"Baseline": base, "Same": base}) == []
    # Channel and handle time are said above the editor, not in it.
    slower = Scenario("Slower", staffing=StaffingSettings(max_occupancy=0.85, aht_seconds=360))
    assert comparison.unshown_differences({"Baseline": base, "Slower": slower}) == [
        "handle time before the AHT % change: Baseline 300 s, Slower 360 s"
    ]
    # E-mail hours mean nothing to two voice scenarios; between e-mail ones they are named.
    early, late = (StaffingSettings(email_hours=hours) for hours in ((8.0, 17.0), (9.0, 18.5)))
    voice = {"A": Scenario("A", staffing=early), "B": Scenario("B", staffing=late)}
    assert comparison.unshown_differences(voice) == []
    mail = {
        name: Scenario(name, staffing=StaffingSettings(channel="email", email_hours=hours))
        for name, hours in (("A", (8.0, 17.0)), ("B", (9.0, 18.5)))
    }
    assert comparison.unshown_differences(mail) == ["e-mail hours: A 08:00–17:00, B 09:00–18:30"]


def test_the_comparison_says_when_scenarios_differ_beyond_the_table(picco_home):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline")
    go(app, "staffing").number_input(key="max_occupancy_pct").set_value(95.0).run()
    go(app, "scenarios")
    save_scenarios(app, "Occupancy 95")
    assert_clean(app)
    notes = " ".join(item.value for item in app.info)
    assert "also differ in settings the table above does not show" in notes
    assert "occupancy cap: Baseline 85%, Occupancy 95 95%" in notes


# 3. One queue for the Forecast, Staffing and Scenarios pages, kept in the URL.


@pytest.mark.parametrize("page", ["forecast", "staffing", "scenarios"])
def test_a_reload_on_any_page_keeps_the_queue(picco_home, page):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    app.query_params.clear()  # a page switch in the browser drops the query string
    go(app, page)
    assert_clean(app)
    assert app.query_params["queue"] == "phone"
    if page == "forecast":  # the first run after the switch already shows the queue picked
        assert chart(app, "forecast_chart")["layout"]["title"]["text"].startswith("Forecast, phone")

    reloaded = reload(app, page)
    assert_clean(reloaded)
    picker = "scenarios_queue" if page == "scenarios" else "queue"
    assert reloaded.selectbox(key=picker).value == "phone"
    assert reloaded.query_params["queue"] == "phone"


def test_the_queue_picked_on_the_forecast_page_survives_a_reload_of_the_staffing_page(picco_home):
    app = go(open_app(), "forecast")
    app.selectbox(key="queue").set_value("email").run()
    assert app.query_params["queue"] == "email"
    go(app, "staffing")
    assert app.query_params["queue"] == "email"
    reloaded = reload(app, "staffing")
    assert_clean(reloaded)
    assert reloaded.selectbox(key="queue").value == "email"
    assert reloaded.selectbox(key="channel").value == "email"  # the queue's own settings follow


def test_max_occupancy_above_100_percent_is_explained_not_ignored(picco_home):
    app = go(open_app(), "staffing")
    field = app.number_input(key="max_occupancy_pct")
    assert field.max is None  # Streamlit would refuse 120 without a word
    field.set_value(120.0).run()
    assert not app.exception
    assert "Max occupancy is a share of the agents' time" in errors(app)
    assert "you entered 120%" in errors(app)
    assert not app.metric  # no figures from a setting that cannot be
