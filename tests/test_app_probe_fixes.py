"""UI problems found walking the app in a browser as a manager would, each pinned by AppTest."""

from __future__ import annotations

import io
import json

import pandas as pd
from test_app_pages import assert_clean, go, open_app, small_export, table

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown_columns(app, *columns: str) -> list[str]:
    found = [item for item in app.dataframe if set(columns) <= set(item.value.columns)]
    assert found, f"no table with columns {columns}"
    return list(found[0].proto.column_order) or list(found[0].value.columns)


def test_an_excel_upload_is_not_reported_as_a_comma_separated_utf8_text(picco_home):
    frame = pd.read_csv(io.BytesIO(small_export()), parse_dates=[0])
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Export")
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.xlsx", buffer.getvalue(), XLSX)).run()
    assert_clean(app)
    detected, _ = table(app, "encoding", "delimiter")
    row = detected.iloc[0]
    assert row["encoding"] == "workbook"
    assert row["delimiter"] == "—"


def test_a_csv_upload_still_shows_its_encoding_and_delimiter(picco_home):
    app = open_app()
    app.file_uploader(key="upload_files").set_value(("week.csv", small_export(), CSV)).run()
    assert_clean(app)
    detected, _ = table(app, "encoding", "delimiter")
    assert (detected.iloc[0]["encoding"], detected.iloc[0]["delimiter"]) == ("utf-8", "comma")


def test_the_pending_upload_warning_says_it_is_lost_when_leaving_the_page(picco_home):
    sales = ("sales.csv", small_export(scale=10.0), CSV)
    support = ("support.csv", small_export(scale=30.0), CSV)
    app = open_app()
    app.file_uploader(key="upload_files").set_value([sales]).run()
    app.file_uploader(key="upload_files").set_value([sales, support]).run()
    assert_clean(app)
    warning = " ".join(item.value for item in app.warning)
    assert "not stored yet" in warning
    assert "leave this page" in warning


def test_the_scenario_picker_follows_a_renamed_scenario(picco_home):
    app = go(open_app(), "scenarios")
    app.text_input(key="new_scenario_name").input("Baseline")
    app.button(key="save_scenario").click().run()
    app.text_input(key="scenario_new_name").input("Copy")
    app.button(key="scenario_duplicate").click().run()
    app.selectbox(key="scenario_pick").set_value("Copy")
    app.text_input(key="scenario_new_name").input("Renamed")
    app.button(key="scenario_rename").click().run()
    assert_clean(app)
    # Not the first scenario, which a Delete clicked next would offer to remove.
    assert app.selectbox(key="scenario_pick").value == "Renamed"


def test_comparison_bar_charts_have_no_toolbar_over_their_titles(picco_home):
    app = go(open_app(), "scenarios")
    for name in ("Baseline", "Second"):
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
    assert_clean(app)
    charts = [item for item in app.get("plotly_chart") if "compare_chart_" in item.proto.id]
    assert charts
    for item in charts:
        assert json.loads(item.proto.config or "{}").get("displayModeBar") is False


def test_the_day_by_day_table_shows_the_cause_beside_the_comparison_with_usual(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    shown = _shown_columns(app, "forecast_contacts", "busiest_start", "reason")
    assert shown.index("reason") == shown.index("vs_usual") + 1
    assert set(shown) >= {"date", "forecast_contacts", "usual_contacts", "busiest_start"}
    # Sized for its longest text, not by the first rows (ordinary days, no cause at all).
    _, columns = table(app, "forecast_contacts", "busiest_start", "reason")
    assert columns["reason"]["width"] >= 250


def test_the_preview_shows_the_latest_open_intervals_not_closed_night_slots(picco_home):
    app = open_app()
    assert_clean(app)
    preview, _ = table(app, "interval_start", "volume", "is_open")
    assert len(preview) == 500
    assert preview["is_open"].all()
    assert preview["volume"].notna().all()
    # The latest: the last shown interval is the history's last open one.
    assert preview["interval_start"].max().normalize() == pd.Timestamp("2026-11-22")
