"""Round twenty-two of a manager's probe: one wording for the same figure on every page,
driven headless with AppTest."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import (
    assert_clean,
    go,
    metric,
    open_app,
    table,
)
from test_app_round_two import comparison_chart_titles, offered  # noqa: F401  (the fixture)


def comparison_table(app: AppTest) -> pd.DataFrame:
    (shown,) = [item.value for item in app.dataframe if "Current settings" in item.value]
    return shown


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
