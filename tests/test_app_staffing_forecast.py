"""Staffing and Forecast pages: targets the manager cannot meet, e-mail in its own units, model
labels, peak markers, warnings for implausible inputs and tables that fit the screen."""

from __future__ import annotations

import base64
import re

import numpy as np
import pandas as pd
import pytest
from browser_support import (
    choose,
    hidden_width,
    open_expander,
    open_page,
    open_tab,
    set_number,
    wait_for_rerun,
)
from test_app_pages import FAST_MODEL, assert_clean, chart, go, metric, number, open_app, table

from app_ui import plots, settings
from forecasting.registry import model_names
from forecasting.settings import AUTO

VOICE_TARGET_KEYS = {"sl_target_pct", "answer_within_s", "max_asa_s"}


def shown_columns(app, *columns: str) -> list[str]:
    """The columns the first st.dataframe with `columns` opens on (all when it sets no order)."""
    found = [item for item in app.dataframe if set(columns) <= set(item.value.columns)]
    assert found, f"no table with columns {columns}"
    return list(found[0].proto.column_order) or list(found[0].value.columns)


def plotted(values) -> np.ndarray | list:
    """A trace's x or y from the figure JSON: plotly sends numbers as base64 typed arrays."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return values


def number_input_keys(app) -> set[str]:
    return {item.key for item in app.number_input}


# 1. A service level of 100% is explained, not silently refused by the field.


def test_a_service_level_of_100_percent_is_explained_not_ignored(picco_home):
    app = go(open_app(), "staffing")
    field = app.number_input(key="sl_target_pct")
    assert "At most 99%" in field.help
    field.set_value(100.0).run()
    assert not app.exception
    assert app.number_input(key="sl_target_pct").value == 100  # taken, not reset
    errors = [item.value for item in app.error]
    assert len(errors) == 1 and "100% can never be guaranteed" in errors[0], errors
    assert "enter at most 99%" in errors[0]
    assert not app.metric  # the old figures do not stay on screen

    app.number_input(key="sl_target_pct").set_value(150.0).run()
    assert "cannot be more than 100%" in app.error[0].value
    assert "you entered 150%" in app.error[0].value
    app.number_input(key="sl_target_pct").set_value(99.0).run()
    assert_clean(app)
    assert app.metric


def test_a_service_level_between_99_and_100_percent_is_refused_as_the_help_says(picco_home):
    # 99.9% within 20 s had been taken, and shown as "100".
    app = go(open_app(), "staffing")
    app.number_input(key="sl_target_pct").set_value(99.9).run()
    errors = [item.value for item in app.error]
    assert len(errors) == 1
    assert "A service level of 99.9% is above the 99% the planner sizes for" in errors[0]


def test_targets_with_decimals_show_as_typed(picco_home):
    # The plan uses 85.5% and 32.4%; the fields had shown "86" and "32".
    app = go(open_app(), "staffing")
    for key in ("aht_seconds", *VOICE_TARGET_KEYS, "max_occupancy_pct", "shrinkage_pct"):
        assert app.number_input(key=key).proto.format == "%g", key


# 2. E-mail is staffed to a response window: its targets and times in hours.


def test_durations_read_in_seconds_minutes_or_hours():
    assert settings.duration_text(18.4) == "18 s"
    assert settings.duration_text(119) == "119 s"
    assert settings.duration_text(300) == "5 min"
    assert settings.duration_text(42_683) == "11.9 h"
    assert settings.duration_text(float("inf")) == "—"


def test_email_shows_its_response_window_not_the_voice_targets(picco_home):
    app = go(open_app(), "staffing")
    app.number_input(key="sl_target_pct").set_value(90.0).run()
    app.selectbox(key="queue").set_value("email").run()
    assert_clean(app)
    assert app.selectbox(key="channel").value == "email"
    keys = number_input_keys(app)
    assert not VOICE_TARGET_KEYS & keys, keys  # no seconds-based targets for e-mail
    assert "email_response_hours" in keys
    assert not [item for item in app.checkbox if item.key == "use_patience"]
    labels = [item.label for item in app.metric]
    assert "Expected ASA" not in labels and "Expected abandonment" not in labels
    assert "Answered within 24 h" in labels
    assert metric(app, "Answered within 24 h").endswith("%")
    response = metric(app, "Expected response time")
    assert re.fullmatch(r"[\d.,]+ (h|min)", response), response
    assert number(metric(app, "Peak backlog (e-mails)")) >= 0

    plan, columns = table(app, "interval_start", "backlog")
    assert columns["asa_seconds"]["label"] == "Response time (h)"
    assert columns["service_level"]["label"] == "Answered within 24 h (%)"
    answered = plan[(plan["volume"] > 0) & np.isfinite(plan["asa_seconds"])]
    assert 0 < answered["asa_seconds"].max() < 7 * 24  # hours, not seconds

    app.selectbox(key="queue").set_value("phone").run()
    assert_clean(app)
    assert VOICE_TARGET_KEYS <= number_input_keys(app)
    assert app.number_input(key="sl_target_pct").value == 90  # kept while hidden
    assert re.fullmatch(r"\d+ s", metric(app, "Expected ASA"))
    overview, columns = table(app, "queue", "fte")
    targets = overview.set_index("queue")["target"].to_dict()
    assert targets == {
        "chat": "90% within 20 s",
        "email": "all within 24 h",
        "phone": "90% within 20 s",
    }
    # A voice target that cannot be met is explained on the e-mail view too, which hides it.
    app.number_input(key="sl_target_pct").set_value(100.0).run()
    app.selectbox(key="queue").set_value("email").run()
    assert "change it on a voice or chat queue" in app.error[0].value


# 3. Models read by what they are, not by their internal names.


def test_every_model_has_a_readable_label():
    assert set(model_names()) | {AUTO} <= set(settings.MODEL_LABELS)
    for name in model_names():
        label = settings.model_label(name)
        assert "_" not in label and label != name
    assert settings.model_label("combination_glm").startswith("Combination (")
    assert settings.model_label("some_new_model") == "Some new model"


def test_backtest_downloads_keep_the_model_name_beside_its_label():
    frame = pd.DataFrame({"queue": ["q", "q"], "model": ["mstl", "combination_glm"], "x": [1, 2]})
    labelled = settings.labelled_models(frame)
    assert labelled.columns.tolist() == ["queue", "model", "model_label", "x"]
    assert labelled["model"].tolist() == ["mstl", "combination_glm"]  # for --model NAME
    assert labelled["model_label"].tolist() == [
        settings.model_label("mstl"),
        settings.model_label("combination_glm"),
    ]


def test_forecast_page_shows_model_labels_not_internal_names(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    picker = app.selectbox(key="forecast_model")
    assert picker.value == FAST_MODEL  # the machine name stays the widget's value
    assert picker.options == [settings.model_label(name) for name in [AUTO, *model_names()]]
    assert "combination_glm" not in picker.help
    sentences = [item.value for item in app.markdown if "chosen by hand" in item.value]
    assert (
        sentences and f"**{settings.model_label(FAST_MODEL)}** was chosen by hand" in sentences[0]
    )
    backtest, _ = table(app, "model", "wape_interval")
    assert set(backtest["model"]) <= {settings.model_label(name) for name in model_names()}
    names = [trace["name"] for trace in chart(app, "backtest_chart")["data"]]
    assert names[1].startswith(f"{settings.model_label(FAST_MODEL)} — chosen (WAPE ")
    assert not [name for name in names if "_" in name], names


# 4. A peak's marker sits on its busiest interval.


def test_peak_marker_sits_on_the_peaks_busiest_interval():
    starts = pd.date_range("2026-03-02 08:00", periods=8, freq="15min")
    forecast = np.array([10, 12, 30, 45, 60, 40, 12, 10], dtype=float)
    frame = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": forecast,
            "p10": forecast * 0.8,
            "p90": forecast * 1.2,
            "is_open": True,
        }
    )
    # A whole find_peaks row: 175 contacts against a usual 70.
    peaks = pd.DataFrame(
        {
            "rank": [1],
            "queue": ["phone"],
            "start": [starts[2]],
            "end": [starts[6]],  # 08:30 to 09:30, busiest at 09:00
            "extra_contacts": [105.0],
            "pct_above_usual": [150.0],
            "forecast": [175.0],
            "usual": [70.0],
            "busiest_interval": [60.0],
            "over_ceiling_contacts": [0.0],
            "reason": ["above the usual pattern"],
        }
    )
    history = frame.iloc[:0].rename(columns={"forecast": "volume"})
    figure = plots.forecast_chart(history, frame, peaks, "phone")
    marker = next(trace for trace in figure.data if trace.name == "peak")
    assert pd.Timestamp(marker.x[0]) == starts[4]
    assert marker.y[0] == 60 * 1.2  # above the band at the top


def test_forecast_page_marks_each_peak_at_its_top(picco_home):
    app = go(open_app(), "forecast")
    busiest = number(metric(app, "Busiest interval, P10–P90").split("–")[1])
    app.number_input(key="peak_volume_threshold").set_value(busiest / 2).run()
    assert_clean(app)
    figure = chart(app, "forecast_chart")
    marker = next(trace for trace in figure["data"] if trace.get("name") == "peak")
    line = next(trace for trace in figure["data"] if trace.get("name") == "forecast")
    values = pd.Series(plotted(line["y"]), index=pd.to_datetime(plotted(line["x"])))
    for shape, x in zip(figure["layout"]["shapes"], plotted(marker["x"]), strict=True):
        inside = values[(values.index >= shape["x0"]) & (values.index < shape["x1"])]
        assert pd.Timestamp(x) == inside.idxmax()


# 5. Implausible (but possible) inputs warn without refusing.


def test_implausible_staffing_values_warn_and_still_staff(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert not app.warning  # the defaults are typical
    app.number_input(key="max_occupancy_pct").set_value(1.0)
    app.number_input(key="shrinkage_pct").set_value(95.0).run()
    assert_clean(app)
    warnings = " ".join(item.value for item in app.warning)
    assert "Max occupancy of 1%" in warnings and "80–90%" in warnings
    assert "Shrinkage of 95%" in warnings and "25–40%" in warnings
    assert number(metric(app, "Peak agents")) > 0  # warned, not refused


# 6. Wide tables open on their key columns; every column stays in the data and the download.


def test_the_plan_per_interval_opens_on_its_key_columns(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    shown = shown_columns(app, "interval_start", "rostered")
    assert shown[0] == "interval_start"
    assert {"agents", "rostered", "service_level", "asa_seconds", "cost"} <= set(shown)
    assert not {"queue", "channel", "aht_seconds", "is_open", "supervisors", "backlog"} & set(shown)
    plan, _ = table(app, "interval_start", "rostered")
    assert {"queue", "channel", "aht_seconds", "is_open"} <= set(plan.columns)
    assert "backlog" not in plan.columns  # a phone queue keeps none: e-mail alone has it
    app.checkbox(key="use_patience").check().run()
    _, columns = table(app, "interval_start", "abandon_rate")
    assert columns["abandon_rate"]["label"] == "Abandoned (%)"
    assert "abandon_rate" in shown_columns(app, "interval_start", "abandon_rate")


def test_forecast_tables_fit_with_their_key_columns(picco_home):
    app = go(open_app(), "forecast")
    _, columns = table(app, "forecast_contacts", "busiest_start")
    assert columns["busiest_start"]["type_config"]["format"] == "HH:mm"  # the row is the day
    backtest, _ = table(app, "model", "wape_interval")
    assert "fit_seconds" in backtest.columns
    assert "fit_seconds" not in shown_columns(app, "model", "wape_interval")


@pytest.mark.browser
@pytest.mark.slow
def test_wide_tables_need_no_sideways_scrolling_at_1440_px(app_page):
    page = app_page  # browser_support.VIEWPORT: 1440 px wide
    open_page(page, "Forecast")
    set_number(page, "Horizon (days)", 21)  # reaches a holiday: the special days table shows
    open_expander(page, "Day by day as a table")
    for key in ("backtest_table", "day_outlook_table", "special_days_table"):
        assert hidden_width(page, key) <= 0, key
    open_page(page, "Staffing")
    for queue in ("phone", "email"):
        choose(page, "Queue", queue)
        open_tab(page, "Per interval")
        assert hidden_width(page, "staffing_plan_table") <= 0, queue
        assert hidden_width(page, "all_queues_table") <= 0, queue
    choose(page, "Queue", "phone")
    page.get_by_text("Erlang A: callers abandon").click()  # adds the abandonment column
    wait_for_rerun(page)
    open_tab(page, "Per interval")
    assert hidden_width(page, "staffing_plan_table") <= 0


def test_the_results_tab_stays_open_when_a_target_changes(picco_home):
    # It had jumped back to "Daily totals" after every change.
    app = go(open_app(), "staffing")
    app.session_state["staffing_result_tab"] = "Per interval"
    app.run()
    app.number_input(key="shrinkage_pct").set_value(33.0).run()
    assert_clean(app)
    assert app.session_state["staffing_result_tab"] == "Per interval"
