"""Round twelve of probing the CLI: handle times at --origin and in the plan's note, thousands in large centers, FTE of forecasts without closed days."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli
from test_cli_probe_round_ten import QUICK

from forecasting.synthetic import synthetic_intervals

# Easter Monday 2024-04-01 would be a closed holiday on the default calendar.
QUIET = (*QUICK, "--country", "none")
TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def _history(days: int, aht: np.ndarray, level: float = 30, seed: int = 12) -> pd.DataFrame:
    """Mon-Fri 08:00-18:00 at 30 minutes from Mon 2024-03-04 with an aht_seconds column."""
    frame = synthetic_intervals(days, seed=seed, level=level, start="2024-03-04")
    frame["aht_seconds"] = aht(frame) if callable(aht) else aht
    return frame[["interval_start", "volume", "aht_seconds"]]


def _by_time_of_day(frame: pd.DataFrame) -> np.ndarray:
    """150 s in the mornings, 450 s in the afternoons, a little noise."""
    noise = np.random.default_rng(3).normal(0, 10, len(frame))
    return np.where(frame["interval_start"].dt.hour < 13, 150.0, 450.0) + noise


# 1. `plan --origin` learned the handle time (and its weekday and time-of-day shape) from the
# whole file, the weeks after the origin included: a plan replaying a past week was staffed on
# handle times nobody knew at the origin.


def test_plan_at_an_origin_learns_handle_times_from_the_history_before_it(tmp_path):
    frame = _history(63, 200.0)
    later = frame["interval_start"] >= "2024-04-01"  # five shaped weeks after the origin
    frame.loc[later, "aht_seconds"] = _by_time_of_day(frame[later])
    history = tmp_path / "history.csv"
    frame.to_csv(history, index=False)
    out = tmp_path / "plan.csv"
    args = ("plan", history, "--horizon-days", 1, "--origin", "2024-04-01", *QUIET)
    done = run_cli(*args, "--out", out)
    assert done.returncode == 0, done.stderr
    plan = pd.read_csv(out)
    assert len(plan) == 20
    assert (
        plan["aht_seconds"].tolist() == [200.0] * 20
    )  # before: 167.7 at 08:00, shaped by later weeks
    assert "follows the weekday and time of day" not in done.stdout

    # The same history cut at the origin (it ends on Friday: Monday is its third day ahead).
    (tmp_path / "cut").mkdir()
    before = tmp_path / "cut" / "history.csv"  # the queue is named after the file
    frame[~later].to_csv(before, index=False)
    cut = tmp_path / "cut.csv"
    assert run_cli("plan", before, "--horizon-days", 3, *QUIET, "--out", cut).returncode == 0
    pd.testing.assert_frame_equal(pd.read_csv(cut), plan)


# 2. The note on a shaped handle time said "of its last 8 weeks" of a history of four or five.


def test_the_handle_time_note_counts_the_weeks_the_history_has(tmp_path):
    history = tmp_path / "history.csv"
    _history(33, _by_time_of_day).to_csv(history, index=False)
    out = tmp_path / "plan.csv"
    done = run_cli("plan", history, "--horizon-days", 3, *QUICK, "--out", out)  # to Monday
    assert done.returncode == 0, done.stderr
    note = next(line for line in done.stdout.splitlines() if "handle time of" in line)
    assert "follows the weekday and time of day of its last 5 weeks:" in note, note
    plan = pd.read_csv(out)
    morning = plan["interval_start"].str[11:13].astype(int) < 13
    assert plan.loc[morning, "aht_seconds"].max() < 200 < 400 < plan["aht_seconds"].max()


# 3. A large center's summaries wrote "15928 rostered", "11376.7 FTE", "band 1062-1991",
# "58692 Full time 8 h" and "21801 in the busiest week" beside "11,149 agents".

THOUSANDS = re.compile(r"\b\d{4,}\b")  # a count of 1,000 or more written without its comma


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("round12_large")
    history = folder / "history.csv"
    _history(28, 300.0, level=25000).to_csv(history, index=False)
    plan = folder / "plan.csv"
    done = run_cli("plan", history, "--horizon-days", 3, *QUIET, "--out", plan)  # to Monday
    assert done.returncode == 0, done.stderr
    return plan, done.stdout


def _without_file_names(text: str) -> str:
    return re.sub(r"\S+\.csv", "FILE", text)


def test_a_large_plan_writes_its_counts_with_thousands_separators(large_plan):
    plan, stdout = large_plan
    line = stdout.splitlines()[0]
    assert re.search(r"\d,\d{3} rostered", line) and re.search(r"\d,\d{3}\.\d FTE", line), line
    assert not THOUSANDS.findall(_without_file_names(line)), line


def test_large_staff_and_shifts_summaries_write_thousands_separators(large_plan, tmp_path):
    plan, _ = large_plan
    done = run_cli("staff", plan, *TARGETS, "--out", tmp_path / "staff.csv")
    assert done.returncode == 0, done.stderr
    line = done.stdout.splitlines()[0]
    assert re.search(r"; band \d+-\d,\d{3} at one per 15 to one per 8\)", line), line
    assert not THOUSANDS.findall(_without_file_names(line)), line

    done = run_cli("shifts", plan, "--out", tmp_path / "shifts.csv")
    assert done.returncode == 0, done.stderr
    lines = [_without_file_names(line) for line in done.stdout.splitlines()]
    wrote = next(line for line in lines if line.startswith("wrote"))
    people = next(line for line in lines if line.startswith("people to employ"))
    assert re.search(r"\(\d+,\d{3} Full time 8 h", wrote), wrote
    assert re.search(r"people to employ: \d+,\d{3} in", people), people
    # Dates (2024) and shift names aside, no count of four digits or more lacks its comma.
    for line in (wrote, people):
        assert not [n for n in THOUSANDS.findall(line) if n != "2024"], line


# 4. `forecast --horizon-days 7` of a Mon-Fri queue writes 5 days (closed days are left out);
# `staff` spread the paid hours over those 5 and wrote 7/5 of the FTE `plan` gives on the same
# forecast, without a word.


def _weekdays_forecast(path, days: int) -> None:
    starts = [
        day + pd.Timedelta(minutes=15 * slot)
        for day in pd.date_range("2024-03-04 09:00", periods=days, freq="D")
        for slot in range(32)
    ]
    pd.DataFrame({"interval_start": starts, "volume": 20.0}).to_csv(path, index=False)


def test_staff_tells_the_fte_of_a_whole_week_when_its_closed_days_are_not_listed(tmp_path):
    forecast = tmp_path / "forecast.csv"
    _weekdays_forecast(forecast, 5)  # Mon 4 - Fri 8 March
    done = run_cli("staff", forecast, *TARGETS, "--aht-seconds", 300, "--out", tmp_path / "p.csv")
    assert done.returncode == 0, done.stderr
    # 160 intervals of 15 rostered (10 agents, 30% shrinkage) and 2 supervisors: 680 paid
    # hours; over 5 days 680 / (5/7 week) / 38 h = 25.1 FTE, over the whole week 17.9.
    plan = pd.read_csv(tmp_path / "p.csv")
    assert (plan["rostered"] + plan["supervisors"]).sum() * 0.25 == 680
    assert ", 25.1 FTE," in done.stdout
    note = next(line for line in done.stdout.splitlines() if "FTE spreads" in line)
    assert f"over the 5 days {forecast} lists (Mon 4 Mar – Fri 8 Mar 2024)" in note, note
    assert "if the Sat and Sun it leaves out of 7 days were closed, 7 days' FTE is 17.9" in note

    _weekdays_forecast(forecast, 7)  # every day listed: nothing left to say
    done = run_cli("staff", forecast, *TARGETS, "--aht-seconds", 300, "--out", tmp_path / "p.csv")
    assert done.returncode == 0, done.stderr
    assert "FTE spreads" not in done.stdout


# 5. A queue whose export gives one handle time in every interval was said to follow the
# weekday and time of day "from 1.00× at Mon 08:00 to 1.00× at Mon 08:00": the shape ties the
# flat figure's held-out error at 0 and was kept.


def test_one_handle_time_everywhere_is_not_said_to_follow_the_weekday(tmp_path):
    history = tmp_path / "history.csv"
    _history(33, 240.0).to_csv(history, index=False)
    out = tmp_path / "plan.csv"
    done = run_cli("plan", history, "--horizon-days", 3, *QUICK, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "follows the weekday and time of day" not in done.stdout, done.stdout
    assert "1.00×" not in done.stdout
    assert pd.read_csv(out)["aht_seconds"].tolist() == [240.0] * 20
