"""Staffing probe, round twelve: the mean wait of the answered callers under Erlang A, the
ASA an ACD report shows, beside the mean wait of every caller; and the people to employ on
shifts explained against the FTE of a weekly contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from staff_support import staff

import cli
import staffing.erlang_a as erlang_a
from staffing.plan import StaffingSettings, evaluate_staffing
from staffing.queueing import queue_metrics


def _chain_waits(load: float, agents: int, aht: float, patience: float) -> tuple[float, float]:
    """Mean wait of every caller and of the answered ones, from the M/M/n+M birth-death chain:
    a caller finding `ahead` waiting is answered with probability n mu / (n mu + (ahead + 1)
    theta) after stages of mean 1 / (n mu + (s + 1) theta), s = ahead .. 0."""
    mu, theta = 1.0 / aht, 1.0 / patience
    top = agents + 400
    weights = [1.0]
    for k in range(1, top):
        weights.append(weights[-1] * load * mu / (min(k, agents) * mu + max(k - agents, 0) * theta))
    total = sum(weights)
    all_wait, served_wait, answered = 0.0, 0.0, sum(weights[:agents]) / total
    for k in range(agents, top):
        ahead, share = k - agents, weights[k] / total
        times = [1.0 / (agents * mu + (s + 1) * theta) for s in range(ahead + 1)]
        served = agents * mu / (agents * mu + (ahead + 1) * theta)
        reach, mean = 1.0, 0.0  # all callers: each stage reached unless hung up before
        for s in range(ahead, -1, -1):
            mean += reach / (agents * mu + (s + 1) * theta)
            reach *= (agents * mu + s * theta) / (agents * mu + (s + 1) * theta)
        all_wait += share * mean
        served_wait += share * served * sum(times)
        answered += share * served
    return all_wait, served_wait / answered


@pytest.mark.parametrize(
    ("load", "agents", "aht", "patience"),
    [(10.0, 15, 180, 60), (10.0, 9, 180, 300), (10.0, 5, 180, 60), (0.4, 1, 240, 90)],
)  # fmt: skip
def test_erlang_a_gives_the_answered_callers_mean_wait_of_the_birth_death_chain(
    load, agents, aht, patience
):
    # 10 Erlangs, 15 agents, 180-s calls, 60-s patience: every caller waits 1.07 s on average,
    # the answered ones 0.83 s. Before, only the first was computed, and read as the ASA an
    # ACD report shows (answered calls only).
    all_wait, served_wait = _chain_waits(load, agents, aht, patience)
    row = queue_metrics(load * 1800 / aht, aht, 1800, agents, 20, patience).iloc[0]
    assert row.asa_seconds == pytest.approx(all_wait, rel=1e-9)
    assert row.answered_asa_seconds == pytest.approx(served_wait, rel=1e-9)
    if (load, agents, patience) == (10.0, 15, 60):
        assert (round(row.asa_seconds, 2), round(row.answered_asa_seconds, 2)) == (1.07, 0.83)


def test_the_answered_wait_stays_exact_at_thousands_of_erlangs_and_for_patient_callers():
    # 3,000 Erlangs on 2,990 and 3,050 agents (300-s calls, 300-s patience) and 20,000 on
    # 20,100: the delta expansion used past 4,096 queue lengths agrees with the exact sum to
    # 3e-5 relative at these sizes (2.7116 s and 0.4331 s).
    loads, agents = np.array([3000.0, 3000.0, 20000.0]), np.array([2990, 3050, 20100])
    volume = loads * 1800 / 300
    exact = queue_metrics(volume, 300, 1800, agents, 20, [300, 300, 600]).answered_asa_seconds
    assert exact.round(4).tolist() == [2.7116, 0.5376, 0.4331]
    saved = erlang_a._EXACT_SPAN
    try:
        erlang_a._EXACT_SPAN = 10  # every row by the expansion
        expanded = queue_metrics(volume, 300, 1800, agents, 20, [300, 300, 600])
    finally:
        erlang_a._EXACT_SPAN = saved
    assert expanded.answered_asa_seconds.to_numpy() == pytest.approx(exact.to_numpy(), rel=4e-5)
    # callers who hardly ever hang up: both means are Erlang C's ASA (3.67 s at 10 Erlangs,
    # 15 agents), the answered one by the expansion (b = 8e10)
    patient = queue_metrics(100, 180, 1800, 15, 20, 1e12).iloc[0]
    erlang_c = queue_metrics(100, 180, 1800, 15, 20).asa_seconds.iloc[0]
    assert erlang_c == pytest.approx(3.6735, abs=1e-4)
    assert patient.answered_asa_seconds == pytest.approx(erlang_c, rel=1e-8)


def test_the_plan_and_staff_show_the_answered_callers_asa_beside_every_callers(capsys, tmp_path):
    frame = pd.DataFrame(
        {"interval_start": pd.date_range("2026-06-01 09:00", periods=2, freq="30min"),
         "volume": [100.0, 0.0], "agents": [15, 1], "aht_seconds": 180}
    )  # fmt: skip
    plan = evaluate_staffing(frame, 30, StaffingSettings(aht_seconds=180, patience_seconds=60))
    assert plan["asa_seconds"].round(2).tolist() == [1.07, 0.0]
    assert plan["answered_asa_seconds"].round(2).tolist() == [0.83, 0.0]
    path = tmp_path / "forecast.csv"
    frame.drop(columns="agents").to_csv(path, index=False)
    code, _, err = staff(
        capsys, path, tmp_path / "plan.csv", "--service-level", 0.8,
        "--answer-within-seconds", 20, "--patience-seconds", 60,
    )  # fmt: skip
    assert code == 0, err
    written = pd.read_csv(tmp_path / "plan.csv")
    assert written.columns[-5:].tolist() == [
        "occupancy", "abandon_rate", "answered_asa_seconds", "paid_hours", "cost",
    ]  # fmt: skip
    assert written["answered_asa_seconds"].iloc[0] < written["asa_seconds"].iloc[0]


def test_shifts_say_how_their_people_relate_to_staffs_fte(capsys, tmp_path):
    # 20 people round the clock for a week: 3,360 hours. `staff` reads them as 88.4 FTE of
    # 38 h, `shifts` as 84 people at 5 shifts of 8 h; before, neither said why they differ.
    starts = pd.date_range("2026-06-01", periods=7 * 24, freq="60min")
    path = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": 20}).to_csv(path, index=False)
    code = cli.main(
        ["shifts", str(path), "--out", str(tmp_path / "shifts.csv"), "--part-hours", "0",
         "--interval-minutes", "60"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "people to employ: 84 in the busiest week" in out
    assert (
        "note: a full-time person works 5 × 8 h = 40 h a week here, while staff's FTE divide "
        "paid hours by a 38-h contract (supervisors included): that week's 3,360 shift hours "
        "are 84.0 full-time people or 88.4 FTE"
    ) in out
