"""Round sixteen of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, chart, go, open_app, small_export, table
from test_app_round_two import offered  # noqa: F401

TWO_QUEUES = ("Billing EN", "Sales / Chat")


def captions(app) -> list[str]:
    return [item.value for item in app.caption]


def upload(app, name: str, content: bytes):
    app.file_uploader(key="upload_files").set_value((name, content, "text/csv")).run()
    assert_clean(app)
    return app


def two_queue_export(days: int = 35) -> bytes:
    """Two queues in one file, open 8:00-18:00 on weekdays; the second is a chat queue."""
    starts = pd.date_range("2025-03-03", periods=days * 96, freq="15min")
    minutes = starts.hour * 60 + starts.minute
    is_open = (minutes >= 480) & (minutes < 1080) & (starts.day_of_week < 5)
    billing = np.where(is_open, np.round(20 * (1 + np.sin(minutes / 200.0))), 0).astype(int)
    sales = np.where(is_open, np.round(3 * (1 + np.cos(minutes / 150.0))), 0).astype(int)
    stamps = starts.strftime("%Y-%m-%d %H:%M")
    frame = pd.concat(
        [
            pd.DataFrame({"timestamp": stamps, "queue": TWO_QUEUES[0], "calls": billing}),
            pd.DataFrame({"timestamp": stamps, "queue": TWO_QUEUES[1], "calls": sales}),
        ]
    )
    return frame.to_csv(index=False).encode()


def weekday_desk(first: str, last: str) -> bytes:
    """A Monday-to-Friday desk, 8:00-18:00, from `first` to `last` (both included)."""
    starts = pd.date_range(first, pd.Timestamp(last) + pd.Timedelta(days=1), freq="15min")[:-1]
    minutes = starts.hour * 60 + starts.minute
    is_open = (minutes >= 480) & (minutes < 1080) & (starts.day_of_week < 5)
    volume = np.where(is_open, np.round(20 * (1 + np.sin(minutes / 200.0))), 0).astype(int)
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": volume})
    return frame.to_csv(index=False).encode()


def zero_export() -> bytes:
    frame = pd.read_csv(io.BytesIO(small_export()))
    frame["calls"] = 0
    return frame.to_csv(index=False).encode()


def compare_examples(app):
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    return app


# ------------------------------------------------- Scenarios page: downloads named like the rest


def test_the_scenario_downloads_carry_the_queue_and_the_days_compared(picco_home, offered):  # noqa: F811
    app = compare_examples(go(open_app(), "scenarios"))
    plans_stems = [stem for stem in offered if stem.startswith("scenario_plans")]
    (plans_stem,) = plans_stems
    plans = offered[plans_stem]
    days = pd.to_datetime(plans["interval_start"])
    span = f"{days.min():%Y-%m-%d}_to_{days.max():%Y-%m-%d}"
    # Before: "scenario_plans" and "scenario_comparison", whatever the queue and the days.
    assert plans_stem == f"scenario_plans_phone_{span}"
    assert f"scenario_comparison_phone_{span}" in offered
    assert "scenario_plans" not in offered and "scenario_comparison" not in offered
    assert set(plans["queue"]) == {"phone"}
    assert app.selectbox(key="scenarios_queue").value == "phone"


# ------------------------------------------------- Two queues in one file, across the pages


def test_a_queue_picked_on_the_forecast_page_names_every_plan_and_download(picco_home, offered):  # noqa: F811
    app = upload(open_app(), "two.csv", two_queue_export())
    go(app, "forecast")
    app.selectbox(key="queue").set_value("Sales / Chat").run()
    assert_clean(app)
    title = chart(app, "forecast_chart")["layout"]["title"]["text"]
    assert title.startswith("Forecast, Sales / Chat:")

    offered.clear()
    go(app, "staffing")
    assert_clean(app)
    assert app.selectbox(key="queue").value == "Sales / Chat"
    assert set(offered["staffing_plan_Sales_Chat"]["queue"]) == {"Sales / Chat"}
    assert "staffing_daily_Sales_Chat_2025-04-05_to_2025-04-11" in offered
    # The table of all queues is the dataset's: before, "staffing_all_queues" for any dataset.
    assert set(offered["staffing_all_queues_two"]["queue"]) == set(TWO_QUEUES)

    offered.clear()
    go(app, "scenarios")
    compare_examples(app)
    assert app.selectbox(key="scenarios_queue").value == "Sales / Chat"
    (said,) = [text for text in captions(app) if text.startswith("Dataset: **two**")]
    assert "queue **Sales / Chat**" in said
    (stem,) = [stem for stem in offered if stem.startswith("scenario_plans")]
    assert stem == "scenario_plans_Sales_Chat_2025-04-05_to_2025-04-11"
    assert set(offered[stem]["queue"]) == {"Sales / Chat"}  # no Billing EN interval mixed in
    assert "scenario_comparison_Sales_Chat_2025-04-05_to_2025-04-11" in offered

    go(app, "data")
    assert_clean(app)
    assert app.selectbox(key="intraday_queue").value == "Sales / Chat"


def test_a_chat_comparison_asks_for_the_chat_customers_patience(picco_home):
    app = upload(open_app(), "two.csv", two_queue_export())
    go(app, "staffing")
    app.selectbox(key="queue").set_value("Sales / Chat").run()
    assert app.selectbox(key="channel").value == "chat"
    compare_examples(go(app, "scenarios"))
    (said,) = [text for text in captions(app) if text.startswith("Expected abandonment shows")]
    # Before: "saved without the callers' patience" on a chat queue.
    assert "saved without the chat customers' patience: tick Erlang A" in said
    assert "callers" not in said


# ------------------------------------------------- A queue with no contact at all


def test_a_comparison_of_empty_scenarios_does_not_ask_for_erlang_a(picco_home):
    app = upload(open_app(), "zeros.csv", zero_export())
    compare_examples(go(app, "scenarios"))
    said = captions(app)
    assert any("No contacts are expected" in text for text in said)
    # Before: also "tick Erlang A ... to see it", where no abandonment can ever show.
    assert not [text for text in said if text.startswith("Expected abandonment shows")]


def test_the_data_page_says_why_a_history_without_contacts_draws_nothing(picco_home):
    app = upload(open_app(), "zeros.csv", zero_export())
    said = captions(app)
    # Before: an empty grid under "The latest 0 open intervals of 3,360 interval rows".
    assert not [text for text in said if text.startswith("The latest 0 open intervals")]
    assert (
        "No open interval among the 3,360 interval rows: no contact arrived in any of them, so "
        "no open hours could be found. The download below holds them all."
    ) in said
    assert not [item for item in app.dataframe if item.proto.id.endswith("preview_table")]
    # The history chart, empty, says why.
    assert any(
        text.startswith("No line for 'zeros': no contact in the whole history") for text in said
    )


def test_a_queue_with_contacts_draws_its_line_without_a_note(picco_home):
    app = upload(open_app(), "week.csv", small_export())
    said = captions(app)
    assert not [text for text in said if text.startswith("No line for")]
    assert any(text.startswith("The latest 500 open intervals of 3,360") for text in said)


# ------------------------------------------------- Forecast page: a Monday after a Saturday holiday


def test_a_monday_after_a_saturday_holiday_reads_as_an_ordinary_day(picco_home):
    # German Unity Day, 3 Oct 2026, is a Saturday: the desk is closed that day anyway.
    app = upload(open_app(horizon_days=14), "desk.csv", weekday_desk("2026-08-24", "2026-09-27"))
    app.session_state["holiday_country"] = "DE"
    go(app, "forecast")
    assert_clean(app)
    special, _ = table(app, "special_day", "effect", "learned_from")
    (row,) = special.to_dict("records")
    assert pd.Timestamp(row["date"]) == pd.Timestamp("2026-10-05")
    assert row["special_day"] == "Day after German Unity Day"
    assert (row["effect"], row["learned_from"]) == (1.0, "none seen: an ordinary day")
    days, _ = table(app, "forecast_contacts", "usual_contacts", "vs_usual")
    monday = days[pd.to_datetime(days["date"]) == pd.Timestamp("2026-10-05")]
    assert monday["reason"].tolist() == [""]  # no "day after German Unity Day" at 1.0
    # The caption says why such a day is no day after a holiday yet.
    (said,) = [text for text in captions(app) if text.startswith("Each kind of day")]
    assert "an eve or a day after a holiday like an ordinary day" in said
    assert "The day after a holiday that fell on a day you are quiet or closed anyway" in said
    assert "learned apart from the days after working-day holidays" in said

    # Peaks flagged on that Monday name the ceiling, not the holiday.
    app.number_input(key="peak_volume_threshold").set_value(30.0).run()
    assert_clean(app)
    listed = [line for item in app.markdown for line in item.value.splitlines()]
    assert any(line.startswith("- Mon 5 Oct") for line in listed)
    assert not [line for line in listed if "German Unity Day" in line]
