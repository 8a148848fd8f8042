"""Round six of a manager's probe of staffing: the sentence on what sets the agents reads
naturally when one limit sets them all and says what it counts over several queues, an empty
queue shows no occupancy figure, and planning reads is_open words as staffing does.
Package-level checks, `cli.py staff` in a subprocess and the Staffing page with AppTest."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_cli
from test_app_pages import assert_clean, go, open_app
from test_app_probe_round_sixteen import upload, zero_export

from data.errors import InputError
from planning import Scenario, build_plan
from planning.build import scenario_demand
from staffing.limits import LimitSummary, shares_sentence
from staffing.plan import StaffingSettings, limit_summary, open_flags, plan_staffing

STARTS = pd.date_range("2026-01-05 09:00", periods=4, freq="30min")
# 180 s calls at 80% in 20 s with no occupancy cap: the service level sets every interval.
BUSY = [100.0, 90.0, 80.0, 70.0]
SETTINGS = StaffingSettings(aht_seconds=180.0)


def one_queue() -> pd.DataFrame:
    return pd.DataFrame({"interval_start": STARTS, "volume": BUSY})


def two_queues() -> pd.DataFrame:
    return pd.concat([one_queue().assign(queue="Billing"), one_queue().assign(queue="Sales")])


def staff_line(frame: pd.DataFrame, tmp_path, *options: str) -> str:
    """The "what sets the agents" line `cli.py staff` prints for `frame`."""
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    done = run_cli("staff", path, "--aht-seconds", "180", "--service-level", "0.8",
                   "--answer-within-seconds", "20", *options,
                   "--out", tmp_path / "plan.csv")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("what sets the agents")]
    assert len(lines) == 1, done.stdout
    return lines[0]


# ------------------------------------------------- 1. one limit sets every interval


def test_one_limit_everywhere_reads_as_a_sentence():
    summary = limit_summary(plan_staffing(one_queue(), 30, SETTINGS), 30, SETTINGS)
    # Before: "Over the 4 open intervals the agents are set by: service level (all)."
    assert shares_sentence(summary) == (
        "In all 4 open intervals the agents are set by the service level."
    )


def test_several_limits_keep_their_shares():
    frame = pd.DataFrame({"interval_start": STARTS[:3], "volume": [100.0, 0.0, 50.0]})
    settings = StaffingSettings(aht_seconds=180.0, max_occupancy=0.7)
    summary = limit_summary(plan_staffing(frame, 30, settings), 30, settings)
    assert shares_sentence(summary) == (
        "Over the 3 open intervals the agents are set by: service level in 33% of them, "
        "occupancy in 33%, minimum while open in 33%."
    )


def test_the_cli_says_one_limit_in_words_without_a_percentage(tmp_path):
    line = staff_line(one_queue(), tmp_path)
    assert line.endswith(" In all 4 open intervals the agents are set by the service level.")
    assert "(all)" not in line and "100%" not in line


def test_a_limit_setting_few_intervals_is_not_rounded_to_nothing():
    # 997 of 1,000 intervals set by the service level, 3 by occupancy: "0%" would say none.
    summary = LimitSummary(
        open_intervals=1000,
        interval_shares={"service level": 0.997, "occupancy": 0.003},
        hour_shares={},
    )
    assert shares_sentence(summary) == (
        "Over the 1,000 open intervals the agents are set by: service level in >99% of "
        "them, occupancy in <1%."
    )


# ------------------------------------------------- 2. several queues: what is counted


def test_several_queues_count_queue_intervals_and_say_so():
    summary = limit_summary(plan_staffing(two_queues(), 30, SETTINGS), 30, SETTINGS)
    assert (summary.open_intervals, summary.open_queues, summary.open_starts) == (8, 2, 4)
    # Before: "Over the 8 open intervals ...", for 4 half hours of two queues.
    assert shares_sentence(summary) == (
        "In all 8 open queue-intervals (2 queues, 4 intervals) the agents are set by the "
        "service level."
    )


def test_several_queues_with_shares_name_their_count(tmp_path):
    quiet = pd.DataFrame({"interval_start": STARTS, "volume": [100.0, 0.0, 50.0, 50.0]})
    frame = pd.concat([one_queue().assign(queue="Billing"), quiet.assign(queue="Sales")])
    settings = StaffingSettings(aht_seconds=180.0, max_occupancy=0.7)
    summary = limit_summary(plan_staffing(frame, 30, settings), 30, settings)
    sentence = shares_sentence(summary)
    assert sentence.startswith(
        "Over the 8 open queue-intervals (2 queues, 4 intervals) the agents are set by: "
    )
    # The CLI prints the same sentence.
    line = staff_line(frame, tmp_path, "--max-occupancy", "0.7")
    assert line.endswith(f" {sentence}")


def test_a_queue_closed_throughout_is_not_counted():
    closed = one_queue().assign(queue="Night", is_open=False)
    frame = pd.concat([one_queue().assign(queue="Day", is_open=True), closed])
    summary = limit_summary(plan_staffing(frame, 30, SETTINGS), 30, SETTINGS)
    assert (summary.open_intervals, summary.open_queues) == (4, 1)
    assert shares_sentence(summary) == (
        "In all 4 open intervals the agents are set by the service level."
    )


# ------------------------------------------------- 3. no contacts, no agents: no occupancy


def test_an_empty_queue_shows_no_occupancy_on_the_staffing_page(picco_home):
    app = go(upload(open_app(), "zeros.csv", zero_export()), "staffing")
    assert_clean(app)
    shown = {item.label: item for item in app.metric}
    assert shown["Peak agents"].value == "0"
    # Before: "0.0%", a figure for agents nobody staffed; now blank like the service level.
    occupancy = shown["Expected occupancy"]
    assert occupancy.value == shown["Expected service level"].value == "—"
    assert occupancy.proto.help.startswith("No agent is staffed")


# ------------------------------------------------- 4. planning reads is_open words


def test_planning_reads_is_open_words_as_staffing_does():
    words = ["yes", "no", "false", "Open", "closed", ""]
    forecast = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=6, freq="30min"),
            "queue": "Help",
            "forecast": 40.0,
            "is_open": words,
        }
    )
    opened = [True, False, False, True, False, False]
    assert open_flags(forecast).tolist() == opened
    demand = scenario_demand(forecast, Scenario("Base"))
    assert demand["is_open"].tolist() == opened
    # Before: every non-empty word read open, so "no" and "false" were staffed.
    plan = build_plan(forecast, 30, Scenario("Base")).plan
    assert (plan["agents"] > 0).tolist() == opened
    assert plan.loc[~plan["is_open"], "agents"].eq(0).all()


def test_planning_refuses_an_is_open_word_it_cannot_read():
    forecast = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=2, freq="30min"),
            "queue": "Help",
            "forecast": 40.0,
            "is_open": ["yes", "maybe"],
        }
    )
    with pytest.raises(InputError, match=r"'is_open' is 'maybe'; write true or false"):
        build_plan(forecast, 30, Scenario("Base"))
