"""Unusual intervals: left out of training by default, kept on request (CLI and Forecast page),
marked on the forecast chart and downloadable."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_cli
from test_app_pages import assert_clean, chart, go, metric, open_app
from test_app_probe_round_sixteen import upload
from test_preferences import new_session

from app_ui import plots
from cli_commands.notes import unusual_intervals_note
from data.schema import INTERVAL_START
from forecasting import ForecastSettings, forecast_dataset
from forecasting.synthetic import synthetic_intervals

SURGE_DAY = pd.Timestamp("2024-02-20")  # a Tuesday, three weeks before the forecast's Tuesday
SLOTS = [pd.Timedelta(hours=10, minutes=30 * k) for k in range(6)]  # 10:00-12:30
OTHER_TUESDAYS = ["2024-02-13", "2024-02-27", "2024-03-05"]  # the 4-week average's other weeks


def surged_desk() -> pd.DataFrame:
    """Ten weeks of Mon-Fri 08:00-18:00 half hours (1 Jan - 8 Mar 2024), Tue 20 Feb 10:00-12:30
    at four times its level: a one-off surge."""
    frame = synthetic_intervals(7 * 10 - 2, seed=21, level=30)
    times = frame[INTERVAL_START]
    surge = (times.dt.normalize() == SURGE_DAY) & times.dt.hour.between(10, 12)
    frame.loc[surge, "volume"] *= 4
    return frame


def tuesday_means(frame: pd.DataFrame, days: list[str]) -> list[float]:
    """Per slot of SLOTS, the mean volume of `days` (hand-computed 4-week average)."""
    volume = frame.set_index(INTERVAL_START)["volume"]
    return [sum(volume[pd.Timestamp(day) + slot] for day in days) / len(days) for slot in SLOTS]


def forecast_tuesday(table: pd.DataFrame) -> list[float]:
    """The forecast of Tue 12 Mar 2024 at SLOTS."""
    forecast = table.set_index(pd.to_datetime(table[INTERVAL_START]))["forecast"]
    return [float(forecast[pd.Timestamp("2024-03-12") + slot]) for slot in SLOTS]


def test_the_surge_is_left_out_of_the_four_week_average_unless_kept():
    frame = surged_desk()
    cleaned = forecast_dataset(frame, 7, ForecastSettings(model="historical_average_4w"))
    kept = forecast_dataset(
        frame, 7, ForecastSettings(model="historical_average_4w", clean_outliers=False)
    )
    # Cleaned: the surge's intervals are missing, so each slot averages the other three weeks.
    assert forecast_tuesday(cleaned.forecast) == pytest.approx(
        tuesday_means(frame, OTHER_TUESDAYS), rel=1e-9
    )
    # Kept: all four weeks, the surge included (about +30 contacts per slot).
    assert forecast_tuesday(kept.forecast) == pytest.approx(
        tuesday_means(frame, [*OTHER_TUESDAYS, "2024-02-20"]), rel=1e-9
    )
    # Either way the surge is reported, all six of its intervals.
    for result in (cleaned, kept):
        flagged = result.outliers[INTERVAL_START]
        assert set(flagged) == {SURGE_DAY + slot for slot in SLOTS}


def test_the_cli_keeps_the_surge_with_keep_outliers(tmp_path):
    path = tmp_path / "desk.csv"
    surged_desk().rename(columns={"volume": "calls"})[[INTERVAL_START, "calls"]].to_csv(
        path, index=False
    )
    tables, notes = {}, {}
    for name, extra in (("cleaned", []), ("kept", ["--keep-outliers"])):
        out = tmp_path / f"{name}.csv"
        done = run_cli(
            "forecast", path, "--horizon-days", 7, "--model", "historical_average_4w",
            "--out", out, *extra,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        tables[name] = pd.read_csv(out)
        notes[name] = [line for line in done.stdout.splitlines() if "usual level" in line]
    frame = surged_desk()
    assert forecast_tuesday(tables["cleaned"]) == pytest.approx(
        tuesday_means(frame, OTHER_TUESDAYS), abs=0.01
    )
    assert forecast_tuesday(tables["kept"]) == pytest.approx(
        tuesday_means(frame, [*OTHER_TUESDAYS, "2024-02-20"]), abs=0.01
    )
    assert "--keep-outliers" in run_cli("forecast", "--help").stdout
    # The output says what was found and done: the surge's six intervals, on Tue 20 Feb.
    found = "note: 6 intervals of desk's history are far from their usual level (6 on Tue "
    assert notes["cleaned"] == [
        f"{found}20 Feb 2024, the most of any day): left out of training (--keep-outliers keeps "
        "them)."
    ]
    assert notes["kept"] == [
        f"{found}20 Feb 2024, the most of any day): kept in training (--keep-outliers)."
    ]


def test_the_chart_marks_the_unusual_intervals_of_the_history_tail():
    frame = surged_desk()
    result = forecast_dataset(frame, 7, ForecastSettings(model="historical_average_4w"))
    history = frame.assign(is_open=True)
    tail = history[history[INTERVAL_START] >= pd.Timestamp("2024-02-19")]
    figure = plots.forecast_chart(tail, result.forecast, None, "desk", unusual=result.outliers)
    (marks,) = [trace for trace in figure.data if trace.name.startswith("unusual")]
    assert marks.name == "unusual (left out of training)"
    assert list(pd.to_datetime(marks.x)) == [SURGE_DAY + slot for slot in SLOTS]
    assert list(marks.y) == list(frame.set_index(INTERVAL_START)["volume"][marks.x])
    kept = plots.forecast_chart(
        tail, result.forecast, None, "desk", unusual=result.outliers, unusual_left_out=False
    )
    assert [trace.name for trace in kept.data if trace.name.startswith("unusual")] == [
        "unusual (kept in training)"
    ]
    # A tail that starts after the surge marks nothing.
    later = history[history[INTERVAL_START] >= pd.Timestamp("2024-02-26")]
    figure = plots.forecast_chart(later, result.forecast, None, "desk", unusual=result.outliers)
    assert not [trace for trace in figure.data if trace.name.startswith("unusual")]


SURGE_STARTS = pd.date_range("2024-02-27 10:00", periods=4, freq="30min")


def surge_upload() -> bytes:
    """Ten weeks of one queue with a surge two weeks before the end, inside the chart's 14-day
    history tail: Tue 27 Feb 2024 10:00-11:30 at four times its level (four intervals, all of
    them flagged), as a CSV of interval_start and calls."""
    frame = synthetic_intervals(7 * 10 - 2, seed=21, level=30)
    times = frame[INTERVAL_START]
    surge = (times.dt.normalize() == pd.Timestamp("2024-02-27")) & times.dt.hour.between(10, 11)
    frame.loc[surge, "volume"] *= 4
    calls = frame.rename(columns={"volume": "calls"})[[INTERVAL_START, "calls"]]
    return calls.to_csv(index=False).encode()


def test_the_forecast_page_can_keep_the_unusual_intervals(picco_home):
    app = upload(open_app(forecast_model="historical_average_4w"), "desk.csv", surge_upload())
    go(app, "forecast")
    assert_clean(app)
    box = app.checkbox(key="clean_outliers")
    assert box.value is True and box.label == "Leave unusual intervals out of training"
    # Hand-checked: the 4-week average of the forecast week, with the surge's four intervals
    # missing (cleaned) or counted (kept): 3,128.5 and 3,264 contacts.
    assert metric(app, "Forecast contacts") == "3,128"
    (said,) = [item.value for item in app.caption if item.value.startswith("Days of desk")]
    assert said == (
        "Days of desk with the most intervals far from the usual level: Tue 27 Feb 2024 "
        "(4 intervals)."
    )
    (marks,) = [
        trace
        for trace in chart(app, "forecast_chart")["data"]
        if trace.get("name", "").startswith("unusual")
    ]
    assert marks["name"] == "unusual (left out of training)"
    assert [pd.Timestamp(x) for x in marks["x"]] == list(SURGE_STARTS)
    keys = {button.key for button in app.get("download_button")}
    assert {"download_unusual_intervals_csv", "download_unusual_intervals_xlsx"} <= keys

    app.checkbox(key="clean_outliers").uncheck().run()
    assert_clean(app)
    assert metric(app, "Forecast contacts") == "3,264"
    (said,) = [item.value for item in app.caption if item.value.startswith("Days of desk")]
    assert said.endswith("(4 intervals). They are kept in training.")
    names = [trace.get("name", "") for trace in chart(app, "forecast_chart")["data"]]
    assert "unusual (kept in training)" in names

    # A policy, like the other forecast options: a new session starts with it.
    again = new_session("forecast")
    assert_clean(again)
    assert again.checkbox(key="clean_outliers").value is False


def test_the_note_counts_each_queue_and_names_the_busiest_day():
    outliers = pd.DataFrame(
        {
            "queue": ["phone", "phone", "chat", "chat", "chat"],
            INTERVAL_START: pd.to_datetime(
                ["2024-03-04 09:00", "2024-03-05 09:00"] + ["2024-03-06 10:00"] * 3
            ),
        }
    )
    assert unusual_intervals_note(outliers, kept=False) == (
        "5 intervals of the history are far from their usual level (chat 3, phone 2; 3 of "
        "chat's on Wed 6 Mar 2024, the most of any day): left out of training (--keep-outliers "
        "keeps them)."
    )
    assert unusual_intervals_note(outliers.iloc[:0], kept=False) is None
