"""Round forty of a manager's probe: figures right-aligned in the scenario comparison, long
scenario names compared without a sideways scroll, one dash for "none" and one for ranges,
whole paid hours on the Shifts page, and AXA's French files on the France holiday calendar.
Driven headless with AppTest on the sample and the real data in ../shared, and in Chromium at
1440 and 980 px."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from browser_support import (
    app_exceptions,
    click_button,
    open_page,
    screenshot,
    type_text,
)
from conftest import PROJECT_ROOT
from test_app_pages import assert_clean, go, metric, open_app, table
from test_app_probe_round_thirtyseven import upload

from app_ui import comparison as compare
from app_ui import tables, widgets

AXA = ("axa", "series")

# ------------------------------- Scenarios: figures right-aligned, long names without a scroll

LONG_NAMES = [
    "Current settings with Christmas campaign",
    "Ninety percent answered in thirty seconds",
    "Part-time evening cover for the winter peak",
]
COMPARISON_TABLE = '[data-testid="stTable"]'


def alignments(page) -> dict[str, list[str]]:
    """The comparison table's texts and their computed alignment: header, labels, figures."""
    return page.locator(COMPARISON_TABLE).first.evaluate(
        """(table) => ({
            headers: Array.from(table.querySelectorAll('thead th')).slice(1)
                .map((cell) => getComputedStyle(cell).textAlign),
            labels: Array.from(table.querySelectorAll('tbody th'))
                .map((cell) => getComputedStyle(cell).textAlign),
            figures: Array.from(table.querySelectorAll('tbody td'))
                .map((cell) => getComputedStyle(cell).textAlign),
        })"""
    )


def layout(page) -> tuple[int, int, list[str]]:
    """(px of the table behind a sideways scroll, of the page's, texts of cells cut)."""
    table_element = page.locator(COMPARISON_TABLE).first
    table_element.scroll_into_view_if_needed()
    return (
        table_element.evaluate("(element) => element.scrollWidth - element.clientWidth"),
        page.evaluate(
            """() => { const main = document.querySelector('[data-testid="stMain"]');
                       return main.scrollWidth - main.clientWidth; }"""
        ),
        table_element.evaluate(
            """(table) => Array.from(table.querySelectorAll('th, td'))
                .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
                .map((cell) => cell.innerText)"""
        ),
    )


@pytest.mark.browser
@pytest.mark.slow
def test_three_long_names_compare_right_aligned_at_1440_and_980_px(app_page):
    page = app_page
    open_page(page, "Scenarios")
    for name in LONG_NAMES:
        type_text(page, "Scenario name", name)
        click_button(page, "Save as scenario")
    # Before: a grid of 7 columns ("Part-time evening cover for the winter peak Δ%" a header
    # of its own) 2,135 px wide in 978, 1,157 px behind a sideways scroll at 1440 px and
    # 1,617 px at 980 px; now the static table, each figure beside its change.
    headers = page.locator(f"{COMPARISON_TABLE} thead th").all_inner_texts()
    assert [header.strip() for header in headers[1:]] == LONG_NAMES
    for width in (1440, 980):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        assert layout(page) == (0, 0, []), width
    # Figures right-aligned under right-aligned names, as a spreadsheet; before: "left", as
    # st.table sets every text cell inline. The metric labels stay left.
    shown = alignments(page)
    assert shown["headers"] == ["right"] * 3
    assert set(shown["labels"]) == {"start"}
    assert len(shown["figures"]) == 3 * len(shown["labels"])
    assert set(shown["figures"]) == {"right"}
    table_text = page.locator(COMPARISON_TABLE).first.inner_text()
    # The sample's contacts over 14 days, the same in all three (18,649 while Holt-Winters
    # forecast each weekday's median day rather than its mean).
    assert "18,711" in table_text
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-three-long-names-980")


def comparison_cells(names: list[str]) -> pd.DataFrame:
    """The grid's cells of a comparison of `names` (the first the baseline), as `styled` shows
    them: two metric rows, each scenario's figure, Δ and Δ%."""
    columns = [
        names[0],
        *names[1:],
        *(f"{n} Δ" for n in names[1:]),
        *(f"{n} Δ%" for n in names[1:]),
    ]
    labels = ["Contacts expected over 14 days", "People to employ (busiest week)"]
    return pd.DataFrame("18,649", index=labels, columns=columns)


def test_a_comparison_grid_too_wide_for_the_page_gives_way_to_the_table():
    # Three names of 40 letters: Chromium drew the grid 2,135 px wide in 978 at 1440 px.
    assert compare.grid_px(comparison_cells(LONG_NAMES)) >= 2135
    assert not compare.fits_grid(comparison_cells(LONG_NAMES))
    # Two short ones keep the grid, its Δ% column beside the figures: 712 px.
    assert compare.grid_px(comparison_cells(["Current settings", "Staffed to P80"])) == 712
    assert compare.fits_grid(comparison_cells(["Current settings", "Staffed to P80"]))


# ------------------------------- One dash for "none", one for ranges


def dash_literals(folder: Path) -> list[str]:
    """Every string of the app's code that is a dash alone (not one joining an f-string's two
    figures, "80–90%"), with its file."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        joining = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ("—", "–"):
                if id(node) not in joining:
                    found.append(f"{path.name} {node.value}")
    return found


def test_none_reads_as_an_em_dash_and_ranges_join_with_an_en_dash():
    # Before: tables and the comparison wrote "–" for none, beside metrics and captions' "—",
    # each page with its own literal.
    assert tables.MISSING == "—" and tables.RANGE_DASH == "–"
    assert compare.value_text(math.nan, "count") == "—"
    assert compare.delta_text(math.nan, "count") == "—"
    assert widgets.history_day(pd.NaT) == "—"
    assert widgets.history_day(pd.Timestamp("2024-11-25")) == "Mon 25 Nov 2024"
    # Every page takes them from the one place.
    assert dash_literals(PROJECT_ROOT / "app_pages") == []
    assert dash_literals(PROJECT_ROOT / "app_ui") == ["tables.py —", "tables.py –"]


# ------------------------------- Shifts: whole paid hours read whole


def test_paid_hours_read_whole_unless_a_day_holds_a_half_hour():
    assert tables.paid_hours_kind(pd.Series([512.0, 468.0, 396.0])) == tables.COUNT
    assert tables.paid_hours_kind(pd.Series([512.0, 467.5])) == tables.DECIMAL
    # 519.96 would read 520.0 in one decimal: whole as shown.
    assert tables.paid_hours_kind(pd.Series([519.96, math.nan])) == tables.COUNT


def test_the_shifts_per_day_read_paid_hours_as_the_metric_does(picco_home):
    app = go(open_app(horizon_days=14), "shifts")
    assert_clean(app)
    days, columns = table(app, "day", "paid_hours")
    # Before: "%,.1f", the sample's Mon 23 Nov reading 512.0 beside the metric's 4,488.
    assert columns["paid_hours"]["type_config"]["format"] == "%,d"
    assert days["paid_hours"].tolist()[:3] == [512, 468, 396]
    assert f"{days['paid_hours'].sum():,}" == metric(app, "Paid hours on shifts") == "4,488"


# ------------------------------- Forecast: AXA's French files on the France calendar


def test_a_french_upload_opens_on_the_france_calendar_and_says_so(shared_data):
    st.cache_data.clear()
    app = upload(open_app(horizon_days=14), shared_data.joinpath(*AXA, "Tech. Axa.csv"))
    go(app, "forecast")
    assert_clean(app)
    # Before: IT, the app's default, Epiphany (Mon 6 Jan 2014) forecast at 0.91 of an ordinary
    # day under a suggestion to switch.
    assert app.session_state["holiday_country"] == "FR"
    assert (
        "Holiday calendar set to FR — France for Tech. Axa, in place of IT — Italy: its "
        "history's quiet days match the public holidays of France (24 of France's 24 holidays "
        "on busy weekdays were quiet, against 14 of Italy's 23). Pick another above if your "
        "desk keeps other holidays."
    ) in [item.value for item in app.info]
    special, _ = table(app, "special_day", "effect")
    assert special["special_day"].tolist() == ["New Year's Day", "Day after New Year's Day"]
    assert not [item.value for item in app.warning if "Italy calendar" in item.value]
    # One click back to the calendar before, kept as the manager's own.
    app.button(key="undo_picked_country").click().run()
    assert_clean(app)
    assert app.session_state["holiday_country"] == "IT"
    assert not [item.value for item in app.info if item.value.startswith("Holiday calendar set")]
    special, _ = table(app, "special_day", "effect")
    assert "Epiphany" in special["special_day"].tolist()


# ------------------------------- Scenarios: a slow comparison counts its scenarios


class FakeSlot:
    """st.empty's stand-in: records the bar's texts and fractions."""

    def __init__(self) -> None:
        self.shown: list[tuple[float, str]] = []
        self.emptied = False

    def progress(self, fraction: float, text: str | None = None) -> FakeSlot:
        if text is not None:
            self.shown.append((fraction, text))
        return self

    def empty(self) -> None:
        self.emptied = True


def test_a_slow_comparison_counts_its_scenarios_and_a_cached_one_shows_no_bar():
    names = ["Current settings", "Staffed to P80"]
    times = iter([0.0, 0.2, 0.4, 0.6, 0.8, 0.9])  # all cached: under a second
    quick = FakeSlot()
    progress = widgets.SlowProgress(4, slot=quick, clock=lambda: next(times))
    for step in range(5):
        progress.done(step, widgets.comparison_step_text(step, names))
    assert quick.shown == []
    # Before: five scenarios took 20 s on the sample under spinners that never said how many
    # were left. A first staffing of 8 s draws the bar, then counts every step.
    times = iter([0.0, 0.1, 8.0, 9.0, 15.0, 16.0])
    slow = FakeSlot()
    progress = widgets.SlowProgress(4, slot=slow, clock=lambda: next(times))
    for step in range(5):
        progress.done(step, widgets.comparison_step_text(step, names))
    progress.close()
    assert slow.shown == [
        (0.25, "Staffing scenario 2 of 2: 'Staffed to P80'…"),
        (0.5, "Choosing the shifts of scenario 1 of 2: 'Current settings'…"),
        (0.75, "Choosing the shifts of scenario 2 of 2: 'Staffed to P80'…"),
        (1.0, "Compared 2 scenarios."),
    ]
    assert slow.emptied
