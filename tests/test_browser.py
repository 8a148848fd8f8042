"""The app in a real browser: Playwright drives Debian's Chromium against `streamlit run`."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from browser_support import (
    app_exceptions,
    choose,
    click_button,
    download,
    download_until,
    edit_cell,
    hidden_height,
    hidden_width,
    main_text,
    open_expander,
    open_page,
    open_tab,
    reload,
    screenshot,
    set_number,
    type_text,
    upload,
)

from data.importer import import_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]


BANK_LOG = "anonymous_bank/february_1999.txt"
PLAN_COLUMNS = [
    "interval_start", "queue", "channel", "volume", "sized_for_volume", "aht_seconds", "is_open",
    "agents", "limit",
    "rostered", "supervisors", "service_level", "asa_seconds", "occupancy", "backlog",
    "paid_hours", "cost",
]  # fmt: skip


def test_data_page_shows_summary_of_uploaded_bank_log(app_page, shared_data):
    # 33,344 calls from 1999-02-01 to 1999-02-28, 27,162 answered (../shared/README.md).
    upload(app_page, shared_data / BANK_LOG)
    text = main_text(app_page)
    assert "Current dataset: february_1999" in text
    assert "33,344" in text
    assert "27,162" in text
    assert "from Mon 1 Feb 1999 to Sun 28 Feb 1999" in text
    assert app_exceptions(app_page) == []
    screenshot(app_page, "data-page")
    assert app_page.errors == []


def test_upload_forecast_staff_compare_and_download_the_plan(app_page, shared_data, tmp_path):
    page = app_page
    upload(page, shared_data / BANK_LOG)
    dataset_name = re.search(r"Current dataset: (.+)", main_text(page)).group(1).strip()
    assert dataset_name.startswith("february_1999")  # "(2)" when the store already has one

    open_page(page, "Forecast")
    set_number(page, "Horizon (days)", 7)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    text = main_text(page)
    assert "Dataset: february_1999" in text and "Why this model" in text
    assert app_exceptions(page) == []
    screenshot(page, "forecast-page")

    open_page(page, "Staffing")
    text = main_text(page)
    assert "Peak agents" in text and "Expected service level" in text
    assert "next 7 days" in text
    assert app_exceptions(page) == []
    screenshot(page, "staffing-page")
    # An impossible handle time is explained on the page in seconds, not raised.
    aht_label = "Average handle time, AHT (seconds)"
    data_aht = page.get_by_label(aht_label, exact=True).input_value()
    set_number(page, aht_label, -30)
    text = main_text(page)
    assert "Average handle time must be more than 0 seconds (you entered -30 s)" in text
    assert app_exceptions(page) == []
    screenshot(page, "staffing-page-impossible-input")
    set_number(page, aht_label, float(data_aht))
    assert "Peak agents" in main_text(page)
    open_tab(page, "Per interval")
    screenshot(page, "staffing-per-interval")
    plan = pd.read_csv(download(page, "Plan per interval (CSV)", tmp_path))
    # The week after the log (1999-03-01 .. 03-07), every 15-minute slot of the one queue.
    assert plan.columns.tolist() == PLAN_COLUMNS
    assert len(plan) == 7 * 96
    starts = pd.to_datetime(plan["interval_start"])
    assert starts.min() == pd.Timestamp("1999-03-01 00:00")
    assert starts.max() == pd.Timestamp("1999-03-07 23:45")
    assert (plan["queue"] == "all").all()  # the file name holds only a date
    open_plan = plan[plan["is_open"]]
    # A week holds each weekly open slot learned from the log once (590 of 672 at the time).
    open_hours = import_files([shared_data / BANK_LOG]).open_hours
    assert len(open_plan) == int(open_hours["is_open"].sum())
    assert (open_plan["agents"] >= 1).all() and (plan.loc[~plan["is_open"], "agents"] == 0).all()
    # Closed hours carry no service figure (not a 100% service level with nobody there).
    closed = plan[~plan["is_open"]]
    assert closed["service_level"].isna().all() and closed["asa_seconds"].isna().all()
    assert open_plan["service_level"].notna().all()
    assert (plan["rostered"] >= plan["agents"]).all()

    open_page(page, "Scenarios")
    type_text(page, "Scenario name", "Baseline")  # then the button
    click_button(page, "Save as scenario")
    assert "Saved scenario 'Baseline'" in main_text(page)
    open_page(page, "Staffing")
    set_number(page, "Service level target (% answered in time)", 90)
    open_page(page, "Scenarios")
    type_text(page, "Scenario name", "SL 90")
    click_button(page, "Save as scenario")
    text = main_text(page)
    assert "Saved scenario 'SL 90'" in text and "Compare scenarios" in text
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-page")
    comparison = read_comparison(page, tmp_path, "SL 90 Δ")
    assert comparison.columns.tolist() == ["Baseline", "SL 90", "SL 90 Δ", "SL 90 Δ%"]
    # A 90% target needs more agents and money than 80%, and delivers a higher service level.
    assert comparison.loc["Total cost over 7 days (EUR)", "SL 90 Δ"] > 0
    assert comparison.loc["Peak agents", "SL 90"] >= comparison.loc["Peak agents", "Baseline"]
    assert comparison.loc["Expected service level (%)", "SL 90"] >= 90

    # Duplicate the baseline, make the copy +20% volume in the table, compare it too.
    open_expander(page, "Duplicate, rename or delete a scenario")
    type_text(page, "New name (for duplicate or rename)", "Busier")
    click_button(page, "Duplicate")
    assert (
        hidden_width(page, "scenario_editor_") <= 0
    )  # every column of the scenario editor is on screen
    edit_cell(page, row="Busier", column="Vol %", value="20")
    click_button(page, "Save table changes")
    choose(page, "Scenarios to compare", "Busier")
    comparison = read_comparison(page, tmp_path, "Busier Δ")
    assert comparison.loc["Total cost over 7 days (EUR)", "Busier Δ"] > 0
    assert comparison.loc["Peak agents", "Busier"] > comparison.loc["Peak agents", "Baseline"]
    assert comparison.loc["Paid hours over 7 days (h)", "Busier Δ%"] > 5
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-page-three")

    # The +20% on two days only (From and To in the table): the other days staff as the baseline.
    plans_label = "Plans per interval, all compared scenarios (CSV)"
    shown = pd.read_csv(download(page, plans_label, tmp_path), parse_dates=["interval_start"])
    first_day = shown["interval_start"].min().normalize()
    busy_days = [first_day + pd.Timedelta(days=offset) for offset in (2, 3)]
    edit_cell(page, row="Busier", column="From", value=f"{busy_days[0]:%Y-%m-%d}")
    edit_cell(page, row="Busier", column="To", value=f"{busy_days[1]:%Y-%m-%d}")
    click_button(page, "Save table changes")

    def only_busy_days_differ(path) -> bool:
        plans = pd.read_csv(path, parse_dates=["interval_start"])
        base, busier = (plans[plans["scenario"] == name] for name in ("Baseline", "Busier"))
        inside = busier["interval_start"].dt.normalize().isin(busy_days).to_numpy()
        extra = busier["rostered"].to_numpy() - base["rostered"].to_numpy()
        return len(base) == len(busier) and (extra[~inside] == 0).all() and extra[inside].sum() > 0

    assert only_busy_days_differ(download_until(page, plans_label, tmp_path, only_busy_days_differ))
    assert app_exceptions(page) == []
    screenshot(page, "scenarios-page-busy-days")

    # A reload is a new session: the URL names the dataset, which opens again with its
    # scenarios (not the sample the app starts on).
    assert "dataset=february_1999" in page.url
    reload(page)
    assert f"Dataset: {dataset_name}" in main_text(page)
    chips = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Scenarios to compare")
    assert "Baseline" in chips.inner_text() and "SL 90" in chips.inner_text()
    # ... and the settings last used come back with it: the 90% target, the 7-day horizon.
    open_page(page, "Staffing")
    target = page.get_by_label("Service level target (% answered in time)", exact=True)
    assert float(target.input_value()) == 90
    assert "next 7 days" in main_text(page)
    open_page(page, "Data")
    assert f"Current dataset: {dataset_name}" in main_text(page)
    assert page.errors == []


def read_comparison(page, folder, delta_column: str) -> pd.DataFrame:
    """The Comparison CSV (one row per metric, its unit in the label) once it has `delta_column`
    with a non-zero cost delta."""

    def ready(path) -> bool:
        table = pd.read_csv(path).set_index("Metric")
        return (
            delta_column in table and table.loc["Total cost over 7 days (EUR)", delta_column] != 0
        )

    return pd.read_csv(download_until(page, "Comparison (CSV)", folder, ready)).set_index("Metric")


def test_sample_forecast_explains_its_model_and_staffs_every_queue(app_page):
    # A session without a dataset in its URL opens the shipped sample: three queues, two years.
    page = app_page
    open_page(page, "Forecast")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    text = main_text(page)
    assert "Dataset: Sample service desk" in text and "dataset=Sample" in page.url
    assert re.search(r"auto (kept|picked) \S+", text), text
    assert "next best" not in text
    assert (
        hidden_height(page, "backtest_table") <= 0
    )  # every model of the backtest table without scrolling
    assert app_exceptions(page) == []
    screenshot(page, "forecast-page-sample")
    # Three weeks ahead reach the Immaculate Conception: the special days are listed.
    set_number(page, "Horizon (days)", 21)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    assert "Holidays and special days" in main_text(page)
    cells = page.locator('[role="gridcell"]').all_inner_texts()  # the grids' accessible tables
    assert "Immaculate Conception" in cells and "Day after Immaculate Conception" in cells
    assert app_exceptions(page) == []
    screenshot(page, "forecast-page-special-days")

    open_page(page, "Staffing")
    text = main_text(page)
    assert "All queues with these targets" in text and "Peak agents" in text
    assert (
        hidden_height(page, "staffing_daily_table") <= 0
    )  # the fortnight's daily totals without scrolling
    assert app_exceptions(page) == []
    screenshot(page, "staffing-page-sample")
    open_page(page, "Data")
    screenshot(page, "data-page-sample")
    assert page.errors == []


def test_shifts_page_covers_the_sample_and_downloads_the_shift_starts(app_page, tmp_path):
    page = app_page
    open_page(page, "Shifts")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    text = main_text(page)
    assert "Paid hours on shifts" in text and "Share of paid hours needed" in text
    assert (
        "Shifts against the people needed" in text
        or page.locator('[data-testid="stPlotlyChart"]').count() == 2
    )
    assert app_exceptions(page) == []
    screenshot(page, "shifts-page-sample")
    open_tab(page, "Shift starts")
    starts = pd.read_csv(download(page, "Shift starts (CSV)", tmp_path))
    assert list(starts.columns) == ["shift_start", "shift_end", "shift", "people"]
    assert set(starts["shift"]) <= {"Full time 8 h", "Part time 4 h"}
    assert (starts["people"] > 0).all()
    assert page.errors == []
