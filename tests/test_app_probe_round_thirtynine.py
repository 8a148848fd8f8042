"""Round thirty-nine of a manager's probe: five or six scenarios compared without a sideways
scroll, metric labels whole, example names that follow their edited settings, bar labels that
stay legible, changes that agree with the figures shown. Driven headless with AppTest on the
real data in ../shared, and in Chromium at 1440 px."""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
import streamlit as st
from browser_support import (
    app_exceptions,
    click_button,
    open_page,
    screenshot,
    type_text,
    wait_until_idle,
)
from test_app_pages import assert_clean, go, open_app
from test_app_probe_round_thirtyseven import on_calendar, upload

from app_ui import comparison as compare
from app_ui import settings
from app_ui.plots import bar_labels, scenario_bars
from data.store import Store

AXA = ("axa", "series")
EXAMPLES = [
    "Current settings",
    "+30% volume 23 Nov – 29 Nov",
    "90% in 30 s",
    "Staffed to P80",
    "Part time 4 h up to 50%",
]


def comparison_on_screen(app):
    (shown,) = [item.value for item in app.table if "Current settings" in item.value]
    return shown


# ------------------------------- Scenarios: an example's name follows its edited settings


def test_an_example_name_follows_its_edited_target_and_a_typed_name_stays(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    app.text_input(key="new_scenario_name").input("Strict target")
    app.button(key="save_scenario").click().run()
    assert_clean(app)
    # Rows: the five examples, then "Strict target" (the current 80% in 20 s).
    app.session_state["scenario_editor_0"] = {
        "edited_rows": {
            2: {"service_level_pct": 85.0},  # "90% in 30 s"
            5: {"service_level_pct": 85.0},  # typed by the manager
            1: {"volume_change_pct": 20.0},  # "+30% volume 23 Nov – 29 Nov"
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    app.button(key="scenario_table_save").click().run()
    assert_clean(app)
    stored = Store().list_scenarios("Sample service desk")
    # Before: still "90% in 30 s" with an 85% target, and "+30% volume ..." at +20%.
    assert stored == [
        "Current settings",
        "+20% volume 23 Nov – 29 Nov",
        "85% in 30 s",
        "Staffed to P80",
        "Part time 4 h up to 50%",
        "Strict target",
    ]
    assert Store().load_scenario("Sample service desk", "85% in 30 s")["staffing"][
        "service_level"
    ] == pytest.approx(0.85)
    assert Store().load_scenario("Sample service desk", "Strict target")["staffing"][
        "service_level"
    ] == pytest.approx(0.85)
    said = [item.value for item in app.success]
    assert "Renamed '90% in 30 s' to '85% in 30 s'." in said
    assert "Renamed '+30% volume 23 Nov – 29 Nov' to '+20% volume 23 Nov – 29 Nov'." in said


# ------------------------------- Scenarios: a change is the difference of the figures shown


def test_a_service_level_that_reads_the_same_shows_no_change(shared_data):
    st.cache_data.clear()
    app = on_calendar(upload(open_app(horizon_days=14), shared_data.joinpath(*AXA, "Médical.csv")))
    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = comparison_on_screen(app)
    busy = "+30% volume 1 Jan – 7 Jan"
    row = "Expected service level (%)"
    # AXA's Médical, 1-14 Jan 2014: 88.0 and 88.0. Before: Δ "−0.1 pp ▼" beside them (the
    # busy week's 87.96% against 88.04%), coloured as worse service.
    assert shown.loc[row, ["Current settings", busy]].tolist() == ["88.0", "88.0"]
    # A change shown is the difference of the two figures: 94.6 - 88.0 = 6.6.
    assert shown.loc[row, "90% in 30 s"] == "94.6 (+6.6 pp ▲)"
    assert any(
        "In brackets: the change against the baseline 'Current settings' (pp: percentage "
        "points); the download adds the relative change." in item.value
        for item in app.caption
    )


# ------------------------------- Scenarios: bar labels of six digits and more in k or M


def test_bar_labels_of_millions_read_in_millions_to_three_figures():
    costs = pd.Series([1_234_567.0, 1_750_000.0, 987_654.0], index=["Base", "Busier", "Lean"])
    bars = scenario_bars(costs, "Total cost over 28 days (EUR)", "Base", whole=False).data[0]
    # Before: "1,234,567", "1,750,000", "987,654", shrunk by plotly to fit bars a fifth of a
    # third of a 1440-px page wide.
    assert list(bars.text) == ["1.23 M", "1.75 M", "0.99 M"]
    assert list(bars.customdata) == ["1,234,567", "1,750,000", "987,654"]  # on hover, whole
    # Upright, inside the bars tall enough, never scaled down to fit.
    assert (bars.textangle, bars.textposition, bars.constraintext) == (-90, "auto", "none")
    # Below 100,000 the labels stay whole; a chart reaching it reads in one unit throughout.
    assert bar_labels(pd.Series([85_630.0, 99_999.0]), True) == ["85,630", "99,999"]
    assert bar_labels(pd.Series([90_992.0, 103_136.0]), True) == ["91 k", "103 k"]
    assert bar_labels(pd.Series([44.1, math.nan]), False) == ["44.1", ""]


def test_the_samples_shift_costs_read_in_thousands_on_their_bars(picco_home):
    app = go(open_app(horizon_days=14), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    figures = {
        json.loads(item.proto.spec)["layout"]["title"]["text"]: json.loads(item.proto.spec)
        for item in app.get("plotly_chart")
        if "compare_chart_" in item.proto.id
    }
    bars = figures["Shift cost over 14 days (EUR)"]["data"][0]
    shown = comparison_on_screen(app)
    # The table's figures, 98,736 to 113,168, in thousands on the bars.
    assert shown.loc["Shift cost over 14 days (EUR)", "Current settings"] == "98,736"
    assert bars["text"] == ["99 k", "112 k", "103 k", "113 k", "99 k"]
    assert bars["customdata"] == ["98,736", "112,376", "102,784", "113,168", "98,736"]


# ------------------------------- The sample's horizon: its own dates, not a plan gone wrong


def test_the_samples_past_horizon_reads_as_its_own_dates(picco_home):
    app = go(open_app(horizon_days=14), "forecast")
    assert_clean(app)
    # Before, on 7 Dec 2026: "The whole horizon (Mon 23 Nov – Sun 6 Dec 2026) is already
    # past: the history ends before it. Import your latest contacts ...", a blue notice.
    assert not [item.value for item in app.info if "already past" in item.value]
    sample_note = (
        "The sample's own dates: its forecast follows its history, Mon 23 Nov – Sun 6 Dec 2026. "
        "Import your contacts on the Data page to plan your coming days."
    )
    assert sample_note in [item.value for item in app.caption]
    go(app, "staffing")
    assert sample_note in [item.value for item in app.caption]


def test_a_managers_own_past_horizon_is_still_said_as_past():
    days = pd.Series(pd.date_range("2014-01-01", periods=14 * 48, freq="30min"))
    today = dt.date(2026, 12, 7)
    assert settings.past_days_note(days, today=today) == (
        "The whole horizon (Wed 1 Jan – Tue 14 Jan 2014) is already past: the history ends "
        "before it. Import your latest contacts to plan the coming days."
    )
    assert settings.past_days_note(days, today=today, sample=True) == (
        "The sample's own dates: its forecast follows its history, Wed 1 Jan – Tue 14 Jan "
        "2014. Import your contacts on the Data page to plan your coming days."
    )
    assert settings.past_days_note(days, today=dt.date(2014, 1, 1), sample=True) is None


# ------------------------------- Scenarios: five and six compared at 1440 px, labels whole

COMPARISON_TABLE = '[data-testid="stTable"]'
TAGS = '[data-testid="stMultiSelectTagsContainer"]'
SIXTH = "Longer lunch breaks in December"


def sideways(page, selector: str) -> int:
    """Pixels of the element's content that only a sideways scroll shows."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    return int(element.evaluate("(element) => element.scrollWidth - element.clientWidth"))


def cut_cells(page) -> list[str]:
    """Texts of the comparison table's cells drawn wider than their cell (cut, not wrapped)."""
    return page.locator(COMPARISON_TABLE).first.evaluate(
        """(table) => Array.from(table.querySelectorAll('th, td'))
            .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
            .map((cell) => cell.innerText)"""
    )


@pytest.mark.browser
@pytest.mark.slow
def test_five_and_six_scenarios_compare_without_a_sideways_scroll(app_page, app_url):
    page = app_page
    open_page(page, "Scenarios")
    click_button(page, "Start with example scenarios")
    page.locator(COMPARISON_TABLE).first.wait_for()
    # Before: 13 columns of a grid 2,004 px wide in 978 (the five names, four Δ and four Δ%),
    # 1,026 px behind a sideways scroll; the chips' row hid 67 px, "Part time 4 h up t".
    assert sideways(page, COMPARISON_TABLE) <= 0
    assert sideways(page, TAGS) <= 0
    headers = page.locator(f"{COMPARISON_TABLE} thead th").all_inner_texts()
    assert [header.strip() for header in headers[1:]] == EXAMPLES
    assert cut_cells(page) == []
    table_text = page.locator(COMPARISON_TABLE).first.inner_text()
    # The sample's +30% week, Mon 23 Nov - Sun 29 Nov 2026: 18,711 contacts to 21,518 (18,649
    # to 21,455 while Holt-Winters forecast each weekday's median day rather than its mean).
    assert "21,518 (+2,807 ▲)" in table_text and "People to employ (busiest week)" in table_text
    # Every bar label at the font's full size: before, plotly scaled "112,376" by 0.55.
    page.locator('[data-testid="stPlotlyChart"] text.bartext').first.wait_for()
    scaled = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] text.bartext'))
            .filter((text) => (text.getAttribute('transform') || '').includes('scale('))
            .map((text) => text.textContent)"""
    )
    assert scaled == []
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-five-compared")

    type_text(page, "Scenario name", SIXTH)
    click_button(page, "Save as scenario")
    headers = page.locator(f"{COMPARISON_TABLE} thead th").all_inner_texts()
    assert [header.strip() for header in headers[1:]] == [*EXAMPLES, SIXTH]
    assert sideways(page, COMPARISON_TABLE) <= 0
    assert sideways(page, TAGS) <= 0
    assert cut_cells(page) == []
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-six-compared")

    # Two compared: the grid with its Δ and Δ% columns, its pinned labels wide enough for the
    # longest as Chromium draws them in the grid's font.
    page.goto(f"{app_url}/scenarios?compare=Current+settings&compare=Staffed+to+P80")
    wait_until_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').nth(1)
    labels = grid.locator('[role="gridcell"][aria-colindex="1"]').all_inner_texts()
    assert "People to employ (busiest week)" in labels
    widths = page.evaluate(
        """(labels) => {
          const context = document.createElement('canvas').getContext('2d');
          context.font = '14px "Source Sans", sans-serif';
          return labels.map((label) => context.measureText(label).width);
        }""",
        labels,
    )
    # 8.5 px of padding either side of the text in a grid cell.
    assert max(widths) + 17 <= compare.label_column_px(labels)
    scroller = grid.locator(".dvn-scroller").first
    assert scroller.evaluate("(element) => element.scrollWidth - element.clientWidth") <= 0
    assert app_exceptions(page) == []
    assert page.errors == []


# ------------------------------- Forecast: holidays of a calendar the history does not keep


def test_holidays_only_the_picked_calendar_keeps_are_named_beside_the_suggestion(shared_data):
    st.cache_data.clear()
    app = upload(open_app(horizon_days=14), shared_data.joinpath(*AXA, "Tech. Axa.csv"))
    go(app, "forecast")
    assert_clean(app)
    # The upload opens on the France calendar its quiet days match; back to the app's default,
    # Italy, the page proposes France again.
    assert app.session_state["holiday_country"] == "FR"
    app.button(key="undo_picked_country").click().run()
    assert_clean(app)
    assert app.session_state["holiday_country"] == "IT"
    assert any("public holidays of France" in item.value for item in app.info)
    # AXA's French queue, 1-14 Jan 2014, on the Italy calendar: Epiphany and the day after it
    # are in the special days' table. Before: only the note that France fits better, nothing
    # on the two days the Italian calendar adds to this forecast (New Year's Day is both's).
    (warning,) = [item.value for item in app.warning if "Italy calendar" in item.value]
    assert warning == (
        "Forecast as special days by the Italy calendar, not holidays in France, whose holidays "
        "your history's quiet days match: Epiphany on Mon 6 Jan 2014 at 0.91 × an ordinary day; "
        "Day after Epiphany on Tue 7 Jan 2014 at 1.41 × an ordinary day. Use FR above to "
        "forecast them as ordinary days."
    )
    app.button(key="use_suggested_country").click().run()
    assert_clean(app)
    assert app.session_state["holiday_country"] == "FR"
    assert not [item.value for item in app.warning if "calendar, not holidays" in item.value]
