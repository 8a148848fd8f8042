"""Round nineteen of a manager's probe: handle time by weekday and time of day on the Staffing,
Shifts and Scenarios pages, and the Forecast page's unusual intervals, driven headless with
AppTest."""

from __future__ import annotations

from datetime import date

import pandas as pd
from test_app_pages import assert_clean, chart, go, open_app, table
from test_app_probe_round_sixteen import upload
from test_outlier_cleaning import SURGE_STARTS, surge_upload

SHAPE_TICK = "“Handle time by weekday and time of day”"


def captions(app) -> list[str]:
    return [item.value for item in app.caption]


def open_handle_times(app) -> pd.Series:
    """The per-interval handle times (s) of the open intervals of the Staffing plan."""
    plan, _ = table(app, "agents", "rostered", "aht_seconds")
    return plan.loc[plan["is_open"].astype(bool), "aht_seconds"].astype(float)


# ------------------------------------------------- Staffing: the shape's range in seconds


def test_the_handle_time_shape_is_told_in_seconds_of_the_aht_typed(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert app.session_state["queue"] == "phone"
    assert app.number_input(key="aht_seconds").value == 307
    # Hand-checked on the sample's phone profile: lowest ratio 0.9284 (Tue 11:00), highest
    # 1.1053 (Fri 18:45); 307 s x 0.9284 = 285 s, 307 s x 1.1053 = 339 s. Before: the ratios
    # alone ("from 0.93× at Tue 11:00 to 1.11× at Fri 18:45"), the seconds left to the reader.
    said = [text for text in captions(app) if text.startswith("Each interval's handle time")]
    assert said == [
        "Each interval's handle time is the AHT above (307 s on average) times its weekday and "
        "time-of-day ratio in the last 8 weeks: from 0.93× (285 s) on Tue 11:00 to 1.11× "
        "(339 s) on Fri 18:45."
    ]
    shaped = open_handle_times(app)
    assert (shaped.min(), shaped.max()) == (285, 339)  # the plan's own, as the caption says

    # Another AHT keeps the shape as its average: 400 s x 0.9284 = 371 s, x 1.1053 = 442 s.
    app.number_input(key="aht_seconds").set_value(400).run()
    assert_clean(app)
    said = [text for text in captions(app) if text.startswith("Each interval's handle time")]
    assert said[0].startswith("Each interval's handle time is the AHT above (400 s on average)")
    assert said[0].endswith("from 0.93× (371 s) on Tue 11:00 to 1.11× (442 s) on Fri 18:45.")
    shaped = open_handle_times(app)
    assert (shaped.min(), shaped.max()) == (371, 442)


# ------------------------------------------------- Scenarios: the shape is saved with each one


def test_the_scenarios_page_says_its_handle_times_follow_the_staffing_tick(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    (context,) = [text for text in captions(app) if text.startswith("Change cells")]
    # Before: "... 307 s handle time before the AHT % change (set on the Staffing page when each
    # was saved)." and no word of the shape, which the current tick applies to every scenario.
    assert "Every scenario: Voice (calls), 307 s handle time before the AHT % change" in context
    shaped_words = (
        "That handle time is the average: every scenario staffs each interval with it times "
        "the interval's weekday and time-of-day ratio, as the Staffing page's "
        f"{SHAPE_TICK} was ticked when saved."
    )
    assert context.endswith(shaped_words)
    # The tick is saved with each scenario: unticked on the Staffing page afterwards, the
    # examples saved ticked still staff with the shape (before round twenty-nine the page's
    # tick applied to every scenario and the words went).
    go(app, "staffing").checkbox(key="aht_by_time_of_day").uncheck().run()
    go(app, "scenarios")
    assert_clean(app)
    (context,) = [text for text in captions(app) if text.startswith("Change cells")]
    assert context.endswith(shaped_words)


# ------------------------------------------------- Forecast: unusual days in the excluded period


def test_unusual_days_inside_the_excluded_period_are_not_said_to_be_kept(picco_home):
    app = go(open_app(), "forecast")
    # The period to exclude starts on the listed unusual days, Mon 10 - Fri 14 Mar 2025.
    assert app.session_state["exclude_dates"] == (date(2025, 3, 10), date(2025, 3, 14))
    app.checkbox(key="clean_outliers").uncheck().run()
    app.checkbox(key="exclude_enabled").check().run()
    assert_clean(app)
    (said,) = [text for text in captions(app) if text.startswith("Days of phone")]
    # Before: "They are kept in training.", though the period excluded leaves all five out.
    assert said.endswith(
        "Fri 14 Mar 2025 (48 intervals). They are left out of training all the same: they lie "
        "in the period excluded."
    )
    app.date_input(key="exclude_dates").set_value((date(2025, 3, 10), date(2025, 3, 11))).run()
    assert_clean(app)
    (said,) = [text for text in captions(app) if text.startswith("Days of phone")]
    assert said.endswith(
        "(48 intervals). Those in the period excluded are left out of training; the others are "
        "kept."
    )
    # An exclusion for another queue leaves phone's unusual days in training.
    app.selectbox(key="exclude_queue").set_value("chat").run()
    (said,) = [text for text in captions(app) if text.startswith("Days of phone")]
    assert said.endswith("(48 intervals). They are kept in training.")


def test_the_chart_marks_unusual_intervals_of_the_excluded_period_as_left_out(picco_home):
    # The surge of Tue 27 Feb 2024 10:00-11:30, four intervals, all flagged.
    app = upload(open_app(forecast_model="historical_average_4w"), "desk.csv", surge_upload())
    go(app, "forecast")
    app.checkbox(key="clean_outliers").uncheck().run()
    app.date_input(key="exclude_dates").set_value((date(2024, 2, 27), date(2024, 2, 27))).run()
    app.checkbox(key="exclude_enabled").check().run()
    assert_clean(app)
    marks = [
        trace
        for trace in chart(app, "forecast_chart")["data"]
        if trace.get("name", "").startswith("unusual")
    ]
    # Before: one trace "unusual (kept in training)", though Tue 27 Feb is excluded.
    assert [trace["name"] for trace in marks] == ["unusual (left out of training)"]
    assert [pd.Timestamp(x) for x in marks[0]["x"]] == list(SURGE_STARTS)
    (said,) = [text for text in captions(app) if text.startswith("Days of desk")]
    assert said.endswith(
        "Tue 27 Feb 2024 (4 intervals). They are left out of training all the same: they lie "
        "in the period excluded."
    )
    # The period moved off the surge: its intervals are kept again, and marked so.
    app.date_input(key="exclude_dates").set_value((date(2024, 2, 26), date(2024, 2, 26))).run()
    marks = [
        trace["name"]
        for trace in chart(app, "forecast_chart")["data"]
        if trace.get("name", "").startswith("unusual")
    ]
    assert marks == ["unusual (kept in training)"]
