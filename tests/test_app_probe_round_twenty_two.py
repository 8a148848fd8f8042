"""Round twenty-two of a manager's probe: one wording for the same figure on every page and no
per-week cost repeating a week's total, driven headless with AppTest."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import (
    assert_clean,
    go,
    metric,
    open_app,
    table,
)
from test_app_round_two import comparison_chart_titles, offered  # noqa: F401  (the fixture)

from app_ui import comparison as compare
from planning.compare import METRIC_LABELS


def comparison_table(app: AppTest) -> pd.DataFrame:
    (shown,) = [item.value for item in app.dataframe if "Current settings" in item.value]
    return shown


def metric_help(app: AppTest, label: str) -> str:
    (found,) = [item.help for item in app.metric if item.label == label]
    return found


# ------------------------------------------------- One name for the people rostered at the peak


def test_peak_people_rostered_reads_the_same_on_staffing_and_scenarios(picco_home, offered):  # noqa: F811
    app = go(open_app(), "staffing")
    assert_clean(app)
    peak = metric(app, "Peak people rostered")
    _, daily_columns = table(app, "date", "peak_rostered")
    _, queue_columns = table(app, "queue", "peak_rostered", "fte")
    _, interval_columns = table(app, "interval_start", "rostered")
    assert daily_columns["peak_rostered"]["label"] == "Peak people rostered"
    assert queue_columns["peak_rostered"]["label"] == "Peak people rostered"
    assert interval_columns["rostered"]["label"] == "People rostered"

    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = comparison_table(app)
    # Before: "Peak rostered people" here, "Peak people rostered" on the Staffing page.
    assert "Peak rostered people" not in shown.index
    assert shown.loc["Peak people rostered", "Current settings"] == peak == "60"
    assert "Peak people rostered" in comparison_chart_titles(app)
    assert "Peak people rostered" in offered["scenario_comparison"]["Metric"].tolist()


# ------------------------------------------------- No cost per week that repeats a week's total


def test_a_one_week_horizon_shows_its_total_cost_without_a_cost_per_week(picco_home, offered):  # noqa: F811
    app = go(open_app(), "staffing")
    assert_clean(app)
    cost = metric(app, "Cost, 7 days")
    # Before: "€ 38,152 per week." under the 7 days' € 38,152.
    assert (
        metric_help(app, "Cost, 7 days") == "Agents and supervisors over the 7 days of the horizon."
    )

    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = comparison_table(app)
    assert shown.loc["Total cost over 7 days (EUR)", "Current settings"] == cost.removeprefix("€ ")
    assert "Cost per week (EUR)" not in shown.index
    assert not any(title.startswith("Cost per week") for title in comparison_chart_titles(app))
    assert "Cost per week (EUR)" not in offered["scenario_comparison"]["Metric"].tolist()


def test_a_horizon_longer_than_a_week_keeps_its_cost_per_week(picco_home):
    app = go(open_app(horizon_days=14), "staffing")
    assert_clean(app)
    total = float(re.sub(r"[^\d]", "", metric(app, "Cost, 14 days")))
    said = re.fullmatch(
        r"Agents and supervisors over the 14 days of the horizon: € ([\d,]+) per week\.",
        metric_help(app, "Cost, 14 days"),
    )
    assert said and float(said.group(1).replace(",", "")) == pytest.approx(total / 2, abs=1)


def test_only_a_horizon_longer_than_a_week_compares_a_cost_per_week():
    assert compare.COST_PER_WEEK_ROW in METRIC_LABELS  # the row planning names so
    rows = ["Total cost", compare.COST_PER_WEEK_ROW, "FTE"]
    assert compare.rows_shown(rows, 14.0) == rows
    assert compare.rows_shown(rows, 7.0) == ["Total cost", "FTE"]  # the total, repeated
    assert compare.rows_shown(rows, 3.0) == ["Total cost", "FTE"]  # 3 days scaled to 7
    assert compare.rows_shown(rows, 7.5) == rows
