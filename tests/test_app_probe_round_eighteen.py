"""Round eighteen of a manager's probe of the Data and Forecast pages, driven headless with
AppTest."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from test_app_pages import assert_clean, go, metric, open_app, small_export, table
from test_app_probe_round_sixteen import two_queue_export, upload

from data.store import Store

SAMPLE = "Sample service desk"


def texts(app, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def daily_totals(days: int = 70) -> bytes:
    """One count per day: a 1440-minute 'interval' file."""
    starts = pd.date_range("2025-01-01", periods=days, freq="D")
    frame = pd.DataFrame(
        {"date": starts.strftime("%Y-%m-%d"), "calls": [100 + 10 * (i % 7) for i in range(days)]}
    )
    return frame.to_csv(index=False).encode()


# ------------------------------------------------- Data page: deleting the open dataset


def test_deleting_the_open_dataset_says_what_went_and_which_one_the_pages_show(picco_home):
    app = upload(open_app(), "calls.csv", two_queue_export())
    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    go(app, "data")
    app.button(key="stored_delete").click().run()
    assert any(
        "Delete 'calls' and its 5 saved scenarios from" in text for text in texts(app, "warning")
    )
    app.button(key="stored_delete_confirm").click().run()
    assert_clean(app)
    assert app.header[0].value == f"Current dataset: {SAMPLE}"
    # Before: nothing said, and every page had switched to the sample's queues and scenarios.
    assert texts(app, "success") == [
        f"Deleted 'calls' and its 5 saved scenarios. Every page now shows '{SAMPLE}', with its "
        "own queues and scenarios."
    ]
    app.run()
    assert not app.success  # said once


def test_deleting_another_dataset_says_it_went_and_keeps_the_open_one(picco_home):
    app = upload(open_app(), "week.csv", small_export())
    app.selectbox(key="stored_choice").set_value(SAMPLE).run()
    app.button(key="stored_delete").click().run()
    app.button(key="stored_delete_confirm").click().run()
    assert_clean(app)
    # The upload's own message stays while the uploader holds its file.
    assert texts(app, "success")[-1] == f"Deleted '{SAMPLE}'."
    assert app.header[0].value == "Current dataset: week"


# ------------------------------------------------- Data page: a second file under a taken name


def test_a_new_export_under_a_stored_name_says_the_stored_one_was_left_alone(picco_home):
    app = upload(open_app(), "calls.csv", two_queue_export())
    app.file_uploader(key="upload_files").set_value([]).run()
    upload(app, "calls.csv", small_export())
    # Before: "Stored as 'calls (2)' ..." and no word on why, nor on the 'calls' it did not replace.
    assert texts(app, "success") == [
        "Stored as 'calls (2)' and opened on every page. A dataset named 'calls' is stored "
        "already, with other data: it was left as it was. To keep one of them under that name, "
        "delete the other under Stored datasets and rename this one there."
    ]
    assert sorted(Store().list_datasets()["name"]) == ["Sample service desk", "calls", "calls (2)"]
    assert app.selectbox(key="stored_choice").options == ["calls", "calls (2)", SAMPLE]


# ------------------------------------------------- Data page: daily totals


def test_a_daily_totals_file_is_told_on_the_data_page_that_it_cannot_be_staffed(picco_home):
    app = upload(open_app(), "daily.csv", daily_totals())
    assert metric(app, "Interval") == "1440 min"
    # Before: "Stored as 'daily'" alone; the refusal came on the Staffing page, as "settings".
    assert texts(app, "warning") == [
        "'daily' holds daily totals: the Forecast page forecasts them, but the Staffing, Shifts "
        "and Scenarios pages size agents on intervals of at most 60 minutes only, as a day's "
        "contacts crowd into its busy hours. Import per-interval or per-contact data to staff "
        "this desk."
    ]
    go(app, "staffing")
    assert any(
        "Staffing needs intervals of at most 60 minutes" in text for text in texts(app, "error")
    )
    go(app, "data")
    app.selectbox(key="stored_choice").set_value(SAMPLE).run()
    app.button(key="stored_load").click().run()
    assert_clean(app)
    assert not app.warning  # 15-minute data: nothing to warn about


# ------------------------------------------------- Forecast page: an exclusion outside the history


def test_a_period_to_exclude_after_the_history_says_it_leaves_nothing_out(picco_home):
    app = go(open_app(), "forecast")  # the sample's history: Mon 25 Nov 2024 – Sun 22 Nov 2026
    contacts = metric(app, "Forecast contacts")
    app.checkbox(key="exclude_enabled").check()
    app.date_input(key="exclude_dates").set_value((date(2026, 12, 16), date(2026, 12, 22))).run()
    assert_clean(app)
    assert metric(app, "Forecast contacts") == contacts
    # Before: nothing said; the ticked exclusion silently changed nothing.
    assert texts(app, "warning") == [
        "The period to exclude (Wed 16 Dec – Tue 22 Dec 2026) lies outside the history (Mon 25 "
        "Nov 2024 – Sun 22 Nov 2026): it leaves nothing out, so the forecast is the same as "
        "without it. Pick past days of the history; to raise or lower days ahead, add a planned "
        "campaign instead."
    ]
    app.date_input(key="exclude_dates").set_value((date(2026, 11, 16), date(2026, 11, 22))).run()
    assert_clean(app)
    assert not app.warning


# ------------------------------------------------- Forecast page: the peaks, by date


# ------------------------------------------------- Forecast page: headline figures with units


def test_the_busiest_interval_and_day_say_how_many_contacts(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    # Before: "77–131", a range of what, and the busiest day's size hidden in a tooltip.
    # The range's unit sits in the caption below it, with the interval and its forecast: said in
    # the value, "82–108 contacts" had read "82–108 co…" at 1440 px.
    assert re.fullmatch(r"\d+–\d+", metric(app, "Busiest interval, P10–P90"))
    assert any(
        re.fullmatch(
            r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ \w{3} \d\d:\d\d: \d+ contacts forecast", text
        )
        for text in texts(app, "caption")
    )
    days, _ = table(app, "forecast_contacts", "usual_contacts")
    assert f"{days['forecast_contacts'].max():,.0f} contacts forecast" in texts(app, "caption")


def test_the_unusual_days_are_counted_in_intervals(picco_home):
    app = go(open_app(), "forecast")
    (said,) = [text for text in texts(app, "caption") if text.startswith("Days of phone")]
    # Before: "Mon 10 Mar 2025 (48)" under "(count)": 48 what?
    assert said.startswith(
        "Days of phone with the most intervals far from the usual level: Mon 10 Mar 2025 (48 "
        "intervals), "
    )


# ------------------------------------------------- Forecast page: a tie is not "0.0% better"


def test_a_model_tied_with_the_preferred_one_is_not_called_zero_percent_better():
    from app_ui.settings import model_choice_sentence

    tied = pd.DataFrame(
        {
            "model": ["Same day last week", "Combination"],
            "wape_interval": [0.04999, 0.05],
            "weeks_better": [4, float("nan")],
            "n_origins": 4,
        }
    )
    said = model_choice_sentence(tied, "Combination", "auto", preferred="Combination")
    # Before: "Same day last week was 0.0% better overall (5.0%)", on a 5.0% against 5.0% tie.
    assert said == (
        "**auto** kept **Combination**, the preferred combination (5.0% WAPE per interval over 4 "
        "backtest weeks): no other model's error was lower by 0.1% or more."
    )


# ------------------------------------------------- Forecast page: the backtest's error columns


def test_the_backtest_error_columns_say_what_they_measure(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    _, columns = table(app, "model", "wape_interval", "wape_daily")
    # Before: "WAPE per interval (%)" and "WAPE per day (%)" without a word on what WAPE is,
    # beside MASE, bias and coverage that each had one.
    assert columns["wape_interval"]["help"].startswith(
        "Error per interval: the contacts the forecast missed, over or under, as a share of the "
        "contacts that came. Lower is better"
    )
    assert columns["wape_daily"]["help"].startswith("The same error on daily totals")
    assert columns["chosen"]["help"] == "The model that forecasts this queue."
