"""Staffing probe, round eighteen: what a planner reads in `cli.py staff` and `cli.py shifts`
on forecasts of the shared data and on hand-made plans."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cli
from cli_commands.staff import per_queue_supervisors_note
from staffing import queue_metrics, required_agents
from staffing.limits import shares_sentence
from staffing.plan import StaffingSettings, limit_summary, plan_staffing

BANK_COUNTS = Path("../shared/data/anonymous_bank/anonymous_bank_1999_6min_counts.csv")

# ------------------------------------------ E-mail: the limits' count says what it counts


def _mailbox(days: int = 14) -> pd.DataFrame:
    """A mailbox open round the clock, 4 e-mails a quarter hour, from Mon 5 Jan 2026."""
    starts = pd.date_range("2026-01-05", periods=days * 96, freq="15min")
    return pd.DataFrame({"interval_start": starts, "queue": "mail", "volume": 4.0})


def test_an_email_plans_limit_count_names_the_worked_intervals_and_the_rest():
    settings = StaffingSettings(
        aht_seconds=225, queue_channels={"mail": "email"}, email_hours=(9.0, 17.0)
    )
    plan = plan_staffing(_mailbox(), 15, settings)
    summary = limit_summary(plan, 15, settings)
    # 14 days x 96 quarter hours open; 09:00-17:00 is 32 of them a day worked.
    assert (summary.open_intervals, summary.outside_email_hours) == (14 * 32, 14 * 64)
    # Before: "In all 448 open intervals the agents are set by the response window.", of a
    # plan of 1,344 open intervals.
    assert shares_sentence(summary) == (
        "In all 448 worked intervals the agents are set by the response window; the other 896 "
        "open intervals, outside e-mail hours, have no agents: their e-mail waits for the "
        "working hours."
    )


def test_a_voice_and_mail_plans_count_names_both_queues_worked_intervals():
    mail = _mailbox(days=1)
    frame = pd.concat([mail, mail.assign(queue="calls")], ignore_index=True)
    settings = StaffingSettings(
        aht_seconds=225,
        service_level=0.8,
        answer_within_seconds=20,
        queue_channels={"mail": "email", "calls": "voice"},
        email_hours=(9.0, 17.0),
    )
    summary = limit_summary(plan_staffing(frame, 15, settings), 15, settings)
    # 96 call intervals and 32 worked mail ones; 64 mail ones outside its hours.
    assert (summary.open_intervals, summary.outside_email_hours) == (128, 64)
    sentence = shares_sentence(summary)
    assert sentence.startswith("Over the 128 worked queue-intervals (2 queues, 96 intervals) ")
    assert sentence.endswith(
        "; the other 64 open queue-intervals, outside e-mail hours, have no agents: their "
        "e-mail waits for the working hours."
    )


def test_a_plan_worked_whenever_open_still_counts_open_intervals():
    settings = StaffingSettings(aht_seconds=225, queue_channels={"mail": "email"})
    summary = limit_summary(plan_staffing(_mailbox(days=1), 15, settings), 15, settings)
    assert summary.outside_email_hours == 0
    assert shares_sentence(summary) == (
        "In all 96 open intervals the agents are set by the response window."
    )


# ---------------------------------- Supervisors: rounded up per queue, and the total says so


def _three_teams() -> pd.DataFrame:
    """Three queues at one half hour, rostered 42, 82 and 122 at 30% shrinkage."""
    return pd.DataFrame(
        {
            "interval_start": pd.Timestamp("2026-01-05 09:30"),
            "queue": ["team0", "team1", "team2"],
            "rostered": [42, 82, 122],
            "supervisors": [4, 7, 11],  # ceil(42 / 12), ceil(82 / 12), ceil(122 / 12)
        }
    )


def test_the_supervisor_total_says_it_is_rounded_up_per_queue():
    note = per_queue_supervisors_note(_three_teams(), StaffingSettings())
    # 246 / 12 = 20.5: 21 as one team, 22 as three (4 + 7 + 11).
    assert note == (
        "the 22 supervisors at their peak (Mon 5 Jan 09:30) are rounded up per queue, as each "
        "queue's team needs its own lead: 4 + 7 + 11 for 42, 82, 122 rostered at one per 12; "
        "the 246 rostered as one team would need 21"
    )
    # Where rounding per queue costs nothing (36 + 48 = 84 = 7 x 12), nothing to explain.
    even = pd.DataFrame(
        {
            "interval_start": pd.Timestamp("2026-01-05 09:30"),
            "queue": ["a", "b"],
            "rostered": [36, 48],
            "supervisors": [3, 4],
        }
    )
    assert per_queue_supervisors_note(even, StaffingSettings()) is None
    assert per_queue_supervisors_note(_three_teams().iloc[:1], StaffingSettings()) is None


def test_staff_prints_the_per_queue_rounding_of_a_real_forecast(capsys, tmp_path):
    # The bank's January 2000 fortnight, forecast from its 1999 counts, as three queues of 1x,
    # 2x and 3x its volume.
    one = tmp_path / "bank.csv"
    assert cli.main(["forecast", str(BANK_COUNTS), "--horizon-days", "14",
                     "--interval-minutes", "30", "--out", str(one)]) == 0  # fmt: skip
    capsys.readouterr()
    rows = pd.read_csv(one)
    forecast = tmp_path / "three.csv"
    pd.concat(
        [rows.assign(queue=f"team{i}", forecast=rows.forecast * (1 + i)) for i in range(3)]
    ).to_csv(forecast, index=False)
    args = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), "--aht-seconds", "300"]
    assert cli.main([*args, "--service-level", "0.8", "--answer-within-seconds", "20"]) == 0
    out = capsys.readouterr().out
    plan = pd.read_csv(tmp_path / "plan.csv")
    per_interval = plan.groupby("interval_start")[["rostered", "supervisors"]].sum()
    peak = per_interval.loc[per_interval["supervisors"].idxmax()]
    pooled = -(-int(peak["rostered"]) // 12)
    assert int(peak["supervisors"]) > pooled
    assert f"{int(peak['supervisors'])} supervisors (one per 12 rostered; band" in out
    assert f"the {int(peak['rostered'])} rostered as one team would need {pooled}\n" in out


# ------------------------------------ Thousands of Erlangs: the numerics hold, as pyworkforce's


@pytest.mark.parametrize(
    ("calls", "aht", "agents", "service_level"),
    [
        # 15-minute intervals, 80% in 20 s, no occupancy cap. Agents and service level from
        # pyworkforce 0.5.1's ErlangC (required_positions' raw_positions, service_level).
        (3_000, 300, 1_015, 0.80589747938571),  # 1,000 Erlangs
        (12_000, 300, 4_019, None),  # 4,000 Erlangs
        (30_000, 300, 10_021, 0.8121555834695725),  # 10,000 Erlangs
        (90_000, 180, 18_014, 0.8151911354034527),  # 18,000 Erlangs
    ],
)
def test_thousands_of_erlangs_staff_as_pyworkforce_does(calls, aht, agents, service_level):
    ours = required_agents(np.array([calls]), np.array([aht]), 900, 0.8, 20, 1.0)
    assert ours.tolist() == [agents]
    metrics = queue_metrics(np.array([calls]), np.array([aht]), 900, np.array([agents]), 20)
    assert metrics["service_level"].iloc[0] == pytest.approx(service_level or 0.8, abs=0.02)
    if service_level is not None:
        assert metrics["service_level"].iloc[0] == pytest.approx(service_level, rel=1e-9)
    # One agent fewer misses the target: the count is the fewest, not a rounding away.
    fewer = queue_metrics(np.array([calls]), np.array([aht]), 900, np.array([agents - 1]), 20)
    assert fewer["service_level"].iloc[0] < 0.8
    # Erlang A at the same size stays a probability, not NaN or overflow.
    patient = queue_metrics(
        np.array([calls]), np.array([aht]), 900, np.array([agents]), 20, patience_seconds=120
    )
    assert 0 < patient["abandon_rate"].iloc[0] < 0.01
    assert (service_level or 0.8) < patient["service_level"].iloc[0] < 1
