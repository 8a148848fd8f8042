"""Forecast page: notes without CLI options, coverage with one backtest week, days the horizon
covers in part, download names, the queue it opens on and where "Exclude a period" starts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, FAST_MODEL, assert_clean, chart, metric, table

from app_ui import downloads, settings
from data.importer import import_files
from data.store import Store


def export(
    days: int,
    first: str = "2025-03-03",
    queues: dict[str, float] | None = None,
    cut_at: str | None = None,
    busy: tuple[str, str, float] | None = None,
) -> pd.DataFrame:
    """15-minute counts, open 8:00-18:00 on weekdays, per queue (name -> level). `cut_at`: the
    export ends there (mid-day); `busy`: (first day, last day, factor) of a surge run."""
    starts = pd.date_range(first, periods=days * 96, freq="15min")
    minutes = starts.hour * 60 + starts.minute
    is_open = (minutes >= 480) & (minutes < 1080) & (starts.day_of_week < 5)
    rng = np.random.default_rng(7)
    frames = []
    for queue, level in (queues or {"desk": 20.0}).items():
        mean = level * (1 + 0.5 * np.sin(minutes / 200.0)) * is_open
        if busy:
            inside = (starts >= pd.Timestamp(busy[0])) & (starts < pd.Timestamp(busy[1]))
            mean = np.where(inside, mean * busy[2], mean)
        frames.append(
            pd.DataFrame({"timestamp": starts, "queue": queue, "calls": rng.poisson(mean)})
        )
    frame = pd.concat(frames, ignore_index=True)
    if cut_at:
        frame = frame[frame["timestamp"] < pd.Timestamp(cut_at)]
    return frame


def open_on(tmp_path, frame: pd.DataFrame, name: str = "Desk", **state) -> AppTest:
    """The Forecast page on `frame`, stored as dataset `name`, with a fast model."""
    path = tmp_path / f"{name}.csv"
    frame.assign(timestamp=frame["timestamp"].dt.strftime("%Y-%m-%d %H:%M")).to_csv(
        path, index=False
    )
    Store().save_dataset(import_files([path]), name)
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = FAST_MODEL
    app.session_state["horizon_days"] = 7
    for key, value in state.items():
        app.session_state[key] = value
    app.query_params["dataset"] = name
    app.run()
    app.switch_page("app_pages/forecast.py").run()
    assert_clean(app)
    return app


# 4. A note written for the CLI loses its --model option on the page.


def test_page_notes_drop_the_cli_model_option():
    note = (
        "Queue 'x' was not backtested: it needs 35 days. It is forecast with the model '4-week "
        "average' (--model historical_average_4w), and its P10–P90 band has a default width."
    )
    assert settings.page_note(note) == (
        "Queue 'x' was not backtested: it needs 35 days. It is forecast with the model '4-week "
        "average', and its P10–P90 band has a default width."
    )


def test_a_short_history_note_on_the_page_names_no_cli_option(tmp_path):
    app = open_on(tmp_path, export(14))
    notes = [item.value for item in app.info]
    said = f"forecast with the model '{settings.model_label(FAST_MODEL)}', and its P10–P90 band"
    assert any(said in note for note in notes), notes
    assert not any("--model" in note for note in notes)


# 5. One backtest week: no other week to calibrate its band on, so no coverage.


def test_coverage_is_empty_with_one_backtest_week(tmp_path):
    app = open_on(tmp_path, export(37))  # room for one 7-day backtest after 28 days
    shown, columns = table(app, "wape_interval", "coverage_80")
    assert shown["coverage_80"].isna().all()
    assert "at least two backtest weeks" in columns["coverage_80"]["help"]
    assert any("with one backtest week" in item.value for item in app.caption)


def test_coverage_is_shown_with_several_backtest_weeks(tmp_path):
    app = open_on(tmp_path, export(63))
    shown, _ = table(app, "wape_interval", "coverage_80")
    assert shown["coverage_80"].notna().all()
    assert not any("with one backtest week" in item.value for item in app.caption)


# 6. A history that ends mid-day: the first and last days of the horizon are partial.


def test_days_covered_in_part_are_marked_and_the_metric_says_its_period(tmp_path):
    # The export ends on Wednesday 9 April 2025 at 12:00 (last interval 11:45).
    app = open_on(tmp_path, export(40, cut_at="2025-04-09 12:00"))
    days, columns = table(app, "forecast_contacts", "hours_covered")
    covered = dict(zip(pd.to_datetime(days["date"]).dt.date, days["hours_covered"], strict=True))
    assert covered[date(2025, 4, 9)] == "from 12:00"
    assert covered[date(2025, 4, 16)] == "until 12:00"
    assert all(
        text == ""
        for day, text in covered.items()
        if day not in (date(2025, 4, 9), date(2025, 4, 16))
    )
    assert "covered only in part" in columns["hours_covered"]["help"]
    # The numbers stay as they were: the days add up to the headline figure.
    assert f"{days['forecast_contacts'].sum():,.0f}" == metric(app, "Forecast contacts")
    help_text = [item.proto.help for item in app.metric if item.label == "Forecast contacts"][0]
    assert "from Wed 9 Apr 2025 12:00 to Wed 16 Apr 2025 12:00" in help_text
    assert "the 7 × 24 hours after the history's last interval" in help_text
    figure = chart(app, "day_outlook_chart")
    bars = figure["data"][0]
    assert bars["text"][0] == "from 12:00" and bars["text"][-1] == "until 12:00"
    assert bars["marker"]["pattern"]["shape"][0] == "/"
    assert "Wed<br>9 Apr (from 12:00)" in figure["layout"]["xaxis"]["ticktext"]


def test_a_horizon_of_whole_days_marks_no_day():
    starts = pd.Series(pd.date_range("2025-04-10", periods=7 * 96, freq="15min"))
    assert settings.partial_days(starts, 15) == {}
    # A history that ends before opening time: nothing open is missing from that day.
    hours = pd.DataFrame(
        {
            "weekday": np.repeat(np.arange(7), 96),
            "minute_of_day": np.tile(np.arange(96) * 15, 7),
            "is_open": np.tile((np.arange(96) >= 32) & (np.arange(96) < 72), 7),
        }
    )
    early = pd.Series(pd.date_range("2025-04-09 07:00", periods=7 * 96, freq="15min"))
    assert settings.partial_days(early, 15, hours) == {pd.Timestamp("2025-04-16"): "until 07:00"}
    assert settings.partial_days(early + pd.Timedelta(hours=5), 15, hours) == {
        pd.Timestamp("2025-04-09"): "from 12:00",
        pd.Timestamp("2025-04-16"): "until 12:00",
    }


# 7 and 8. Downloads named by the dataset; the backtest's "chosen" reads as words.


def test_every_download_is_named_by_the_dataset(tmp_path, monkeypatch):
    offered: dict[str, tuple[str, pd.DataFrame]] = {}

    def record(frame: pd.DataFrame, stem: str, label: str, key: str) -> None:
        offered[key] = (stem, frame)

    app = open_on(tmp_path, export(63), name="Help desk EN")
    monkeypatch.setattr(downloads, "download_table", record)
    app.run()
    assert {"download_forecast", "download_days", "download_backtest"} <= set(offered)
    # Named by the dataset and the forecast's days, so next week's download keeps this week's.
    for key, (stem, _) in offered.items():
        assert stem.endswith("_Help_desk_EN_2025-05-03_to_2025-05-09"), (key, stem)
    assert offered["download_forecast"][0] == "forecast_Help_desk_EN_2025-05-03_to_2025-05-09"
    chosen = offered["download_backtest"][1]["chosen"]
    assert set(chosen) == {"chosen by hand", ""}
    assert (chosen == "chosen by hand").sum() == 1


# 9. The page opens on the busiest queue, unless the URL names one.


def test_the_page_opens_on_the_busiest_queue(tmp_path):
    frame = export(35, queues={"Alpha": 0.05, "Zulu": 20.0})
    app = open_on(tmp_path, frame)
    assert app.selectbox(key="queue").value == "Zulu"
    assert chart(app, "forecast_chart")["layout"]["title"]["text"].startswith("Forecast, Zulu")

    named = AppTest.from_file(APP, default_timeout=300)
    named.session_state["forecast_model"] = FAST_MODEL
    named.query_params["dataset"] = "Desk"
    named.query_params["queue"] = "Alpha"
    named.run()
    named.switch_page("app_pages/forecast.py").run()
    assert named.selectbox(key="queue").value == "Alpha"


# 10. "Exclude a period" starts on the latest run of unusual days the page lists.


def test_the_exclude_period_starts_on_the_latest_unusual_days(tmp_path):
    # Tuesday to Thursday, 3 weeks before the end, at four times the usual level.
    frame = export(56, busy=("2025-04-08", "2025-04-11", 4.0))
    app = open_on(tmp_path, frame)
    listed = " ".join(item.value for item in app.caption)
    assert "Tue 8 Apr 2025" in listed and "Thu 10 Apr 2025" in listed
    picker = app.date_input(key="exclude_dates")
    assert tuple(picker.value) == (date(2025, 4, 8), date(2025, 4, 10))
    assert "latest run of unusual days" in picker.help


def test_without_unusual_days_the_exclude_period_is_a_past_week():
    assert settings.latest_run([]) is None
    assert settings.latest_run([date(2025, 4, 1), date(2025, 4, 8), date(2025, 4, 9)]) == (
        date(2025, 4, 8),
        date(2025, 4, 9),
    )


def test_a_queue_without_contacts_in_its_backtest_weeks_says_so_instead_of_failing(
    tmp_path, shared_data
):
    # AXA's "Crises" line took 141 calls in three years, none in its backtest weeks: no model's
    # WAPE exists there, and "why this model" must say so rather than raise on all-NaN errors.
    Store().save_dataset(import_files([shared_data / "axa" / "series" / "Crises.csv"]), "Crises")
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["horizon_days"] = 14
    app.query_params["dataset"] = "Crises"
    app.run()
    app.switch_page("app_pages/forecast.py").run()
    assert_clean(app)
    why = [item.value for item in app.markdown if "backtest weeks" in item.value]
    assert why and why[0].startswith("No contacts arrived in the 4 backtest weeks, so no model's")
    assert "nan" not in why[0]
    # Nothing is forecast: no busiest interval or day is named, and the peaks say why.
    assert metric(app, "Forecast contacts") == "0"
    assert metric(app, "Busiest interval, P10–P90") == "—"
    assert metric(app, "Busiest day") == "—"
    assert any(
        item.value.startswith("No contacts are forecast for this queue") for item in app.info
    )


def test_the_model_sentence_without_contacts_in_the_backtest_weeks_names_the_hand_choice():
    rows = pd.DataFrame(
        {"model": ["a", "b"], "wape_interval": [np.nan, np.nan], "n_origins": [4, 4]}
    )
    sentence = settings.model_choice_sentence(rows, "b", "b")
    assert sentence.startswith("No contacts arrived in the 4 backtest weeks")
    assert "**b** was chosen by hand" in sentence
