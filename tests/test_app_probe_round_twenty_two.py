"""Round twenty-two of a manager's probe: one wording for the same figure on every page, no
per-week cost repeating a week's total, e-mail's service named as on the Staffing page, closed
days listed alike on the Forecast and Staffing pages, figures that add up to the total printed
under them, and range sliders that log no warning, driven headless with AppTest."""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest
from test_app_pages import (
    APP,
    FAST_MODEL,
    HORIZON_DAYS,
    assert_clean,
    go,
    metric,
    open_app,
    table,
)
from test_app_round_two import comparison_chart_titles, offered  # noqa: F401  (the fixture)

from app_ui import comparison as compare
from app_ui import settings
from data.store import Store
from planning.compare import METRIC_LABELS


def comparison_table(app: AppTest) -> pd.DataFrame:
    # Five example scenarios compare in a table, a figure and its change in each cell.
    (shown,) = [item.value for item in app.table if "Current settings" in item.value]
    return shown


def staffing_on(queue: str) -> AppTest:
    """The Staffing page opened on `queue` from the first visit, as a link naming it does."""
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = FAST_MODEL
    app.session_state["horizon_days"] = HORIZON_DAYS
    app.query_params["queue"] = queue
    return go(app.run(), "staffing")


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


# ------------------------------------------------- E-mail's service in the Staffing page's words


def test_email_service_is_answered_within_its_window_on_both_pages(picco_home, offered):  # noqa: F811
    app = staffing_on("email")
    assert_clean(app)
    answered = metric(app, "Answered within 24 h")

    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = comparison_table(app)
    # Before: "Expected service level (%)" here, "Answered within 24 h" on the Staffing page.
    assert "Expected service level (%)" not in shown.index
    assert f"{shown.loc['Answered within 24 h (%)', 'Current settings']}%" == answered
    assert "Answered within 24 h (%)" in comparison_chart_titles(app)
    download = offered["scenario_comparison"].set_index("Metric")
    assert 0 < download.loc["Answered within 24 h (%)", "Current settings"] <= 100


def test_the_service_row_is_named_for_the_channels_compared():
    assert compare.service_level_label([None, None]) == "Expected service level (%)"
    assert compare.service_level_label([24.0, 24.0]) == "Answered within 24 h (%)"
    assert compare.service_level_label([8.0, 24.0]) == "Answered within the response window (%)"
    # Voice beside e-mail: each answered within its own target, seconds or hours.
    assert compare.service_level_label([None, 24.0]) == "Answered within target (%)"
    table = pd.DataFrame({"A": [0.9]}, index=[compare.SERVICE_LEVEL_ROW])
    wording = {compare.SERVICE_LEVEL_ROW: "Answered within 24 h (%)"}
    assert compare.texts(table, 7.0, wording).index.tolist() == ["Answered within 24 h (%)"]
    assert compare.scaled(table, 7.0, wording).loc["Answered within 24 h (%)", "A"] == 90.0


# ------------------------------------------------- Range sliders: no duplicate-value warning


class Recorded(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture()
def widget_warnings(monkeypatch) -> list[str]:
    """What Streamlit logs about widgets given a value also set through the session state;
    it says so once per process, so the flag is reset for the test."""
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    recorded = Recorded()
    logger = logging.getLogger(policies.__name__)
    logger.addHandler(recorded)
    yield recorded.messages
    logger.removeHandler(recorded)


def test_the_shift_start_boxes_log_no_warning_and_keep_the_window(picco_home, widget_warnings):
    app = go(open_app(), "shifts")
    assert_clean(app)
    # Before: 'The widget with key "shift_starts" was created with a default value but also
    # had its value set via the Session State API.' (then a range slider; now two boxes
    # showing the window kept under "shift_starts")
    assert widget_warnings == []
    assert _start_boxes(app) == (0.0, 23.5)
    _set_start_boxes(app, 7.0, 12.0)
    assert _start_boxes(app) == (7.0, 12.0)
    assert tuple(app.session_state["shift_starts"]) == (7.0, 12.0)
    # Kept across pages, and still a window once moved again.
    go(go(app, "staffing"), "shifts")
    assert _start_boxes(app) == (7.0, 12.0)
    _set_start_boxes(app, 8.0, 9.5)
    assert tuple(app.session_state["shift_starts"]) == (8.0, 9.5)
    assert widget_warnings == []


def _start_boxes(app) -> tuple[float, float]:
    return (
        app.selectbox(key="shift_earliest_start").value,
        app.selectbox(key="shift_latest_start").value,
    )


def _set_start_boxes(app, earliest: float, latest: float) -> None:
    app.selectbox(key="shift_earliest_start").set_value(earliest)
    app.selectbox(key="shift_latest_start").set_value(latest).run()


def test_a_reload_on_the_shifts_page_restores_the_start_hours_without_a_warning(
    picco_home, widget_warnings
):
    Store().save_preferences({"shift_starts": [6.0, 18.0]})
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = FAST_MODEL
    app.switch_page("app_pages/shifts.py").run()  # the browser reloads on the Shifts page
    assert_clean(app)
    assert _start_boxes(app) == (6.0, 18.0)
    assert widget_warnings == []


def test_the_email_hours_slider_logs_no_warning(picco_home, widget_warnings):
    app = staffing_on("email")
    assert_clean(app)
    assert widget_warnings == []
    assert app.select_slider(key="email_hours").value == (8.0, 18.0)
    app.select_slider(key="email_hours").set_value((9.0, 17.0)).run()
    assert tuple(app.session_state["email_hours"]) == (9.0, 17.0)
    assert widget_warnings == []


# ------------------------------------------------- Closed days listed alike on both pages


def test_closed_days_are_listed_with_no_contacts_on_the_forecast_and_staffing_pages(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    days, columns = table(app, "date", "forecast_contacts", "reason")
    by_day = days.set_index(days["date"].astype(str).str[:10])
    # Before: six rows, Sunday 29 Nov (closed) left out; the Staffing page listed it with 0.
    assert len(by_day) == 7
    sunday = by_day.loc["2026-11-29"]
    assert sunday["forecast_contacts"] == 0 and sunday["reason"] == "Closed"
    assert not sunday["is_open"] and by_day.drop(index="2026-11-29")["is_open"].all()
    assert pd.isna(sunday["usual_contacts"])  # no usual closed day to compare with
    assert "Closed" in columns["reason"]["help"]
    assert f"{days['forecast_contacts'].sum():,.0f}" == metric(app, "Forecast contacts")

    go(app, "staffing")
    assert_clean(app)
    daily, daily_columns = table(app, "date", "contacts", "peak_agents")
    staffed = daily.set_index(daily["date"].astype(str).str[:10])
    assert staffed.index.tolist() == by_day.index.tolist()  # the same days on both pages
    assert staffed["contacts"].tolist() == by_day["forecast_contacts"].tolist()
    assert staffed["is_open"].tolist() == by_day["is_open"].tolist()
    assert daily_columns["is_open"]["label"] == "Open"


def test_closed_days_added_to_the_day_table_name_a_closing_special_day():
    starts = pd.date_range("2026-12-24", periods=3 * 24, freq="h")
    forecast = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": [10.0 if day == 24 else 0.0 for day in starts.day],
            "is_open": starts.day == 24,
        }
    )
    days = pd.DataFrame(
        {
            "queue": ["phone"],
            "date": [pd.Timestamp("2026-12-24")],
            "forecast_contacts": [240.0],
            "usual_contacts": [200.0],
            "reason": ["Christmas Eve"],
        }
    )
    special = pd.DataFrame(
        {"queue": ["phone"], "date": [pd.Timestamp("2026-12-25")], "special_day": ["Christmas"]}
    )
    every = settings.with_closed_days(days, forecast, special)
    assert every["date"].dt.day.tolist() == [24, 25, 26]
    assert every["is_open"].tolist() == [True, False, False]
    assert every["reason"].tolist() == ["Christmas Eve", "Closed: Christmas", "Closed"]
    assert every["forecast_contacts"].tolist() == [240.0, 0.0, 0.0]


# ------------------------------------------------- All queues: figures that add up to their line


def test_each_queues_figures_add_up_to_the_all_queues_line(picco_home, offered):  # noqa: F811
    app = go(open_app(), "staffing")
    assert_clean(app)
    overview, columns = table(app, "queue", "fte", "paid_hours", "cost")
    (line,) = [item.value for item in app.markdown if item.value.startswith("**All queues:**")]
    fte, hours, cost = re.fullmatch(
        r"\*\*All queues:\*\* ([\d,.]+) FTE, ([\d,]+) paid hours, € ([\d,]+) over the horizon\.",
        line,
    ).groups()
    # As shown: FTE to one decimal, hours and euros whole. Before: 23.8 + 25.2 + 44.2 = 93.2
    # FTE in the column under a total of 93.1.
    assert f"{sum(round(value, 1) for value in overview['fte']):,.1f}" == fte == "93.1"
    assert columns["paid_hours"]["type_config"]["format"] == "%,d"
    assert f"{sum(round(value) for value in overview['paid_hours']):,}" == hours
    assert f"{sum(round(value) for value in overview['cost']):,}" == cost
    # The download holds the figures as shown (before: unrounded, 93.08 FTE beside 93.1).
    assert offered["staffing_all_queues"]["fte"].tolist() == overview["fte"].tolist()
