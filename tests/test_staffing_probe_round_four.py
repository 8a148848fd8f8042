"""`cli.py staff` on odd but legal forecast files, every agent count checked against a
reference written here (textbook Erlang B/C recursions, a birth-death chain for Erlang A) or
pyworkforce; and bad files refused in one line naming the row and the fix."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from staff_support import erlang_c_agents, one_line_error, staff

from data.errors import InputError
from staffing.limits import peak_limit_sentence
from staffing.plan import (
    StaffingSettings,
    limit_summary,
    plan_staffing,
    summarise_plan,
)
from staffing.queueing import required_agents

CLI = PROJECT_ROOT / "cli.py"
TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


# --- textbook references ------------------------------------------------------------------


def erlang_a_abandonment(erlangs: float, agents: int, aht: float, patience: float) -> float:
    """Share of callers hanging up in M/M/n+M, from the birth-death chain truncated far in the
    tail: state k has rate out n mu + (k - n) theta above n (Palm; Garnett, Mandelbaum & Reiman
    2002). Abandonment = sum_k pi_k (k - n) theta / lambda."""
    mu, theta = 1.0 / aht, 1.0 / patience
    lam = erlangs * mu
    top = agents + int(20 * math.sqrt(erlangs + 1) + 20 * lam / theta) + 200
    log_weights = [0.0]
    for k in range(1, top + 1):
        served = min(k, agents) * mu + max(k - agents, 0) * theta
        log_weights.append(log_weights[-1] + math.log(lam / served))
    weights = np.exp(np.array(log_weights) - max(log_weights))
    states = np.arange(top + 1)
    leaving = np.maximum(states - agents, 0) * theta
    return float((weights * leaving).sum() / weights.sum() / lam)


# --- fixes ----------------------------------------------------------------------------------


def test_is_open_written_no_or_false_closes_the_interval(tmp_path, capsys):
    # Text is True to Python: "no" used to be staffed with the 8 agents of an open interval.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,volume,aht_seconds,is_open\n"
        "2026-01-05 09:00,100,180,yes\n2026-01-05 09:30,50,180,no\n"
        "2026-01-05 10:00,50,180,FALSE\n2026-01-05 10:30,50,180,Open\n"
    )
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(out)
    # 100 and 50 calls of 180 s per 30 minutes: 10 and 5 Erlangs (textbook Erlang C at 80/20,
    # under the 85% occupancy cap the CLI starts from).
    assert plan.agents.tolist() == [erlang_c_agents(10, 180, 20, 0.8, 0.85), 0, 0,
                                    erlang_c_agents(5, 180, 20, 0.8, 0.85)]  # fmt: skip
    assert plan["limit"].tolist()[1:3] == ["closed", "closed"]


def test_an_is_open_word_that_says_neither_is_refused_naming_the_row(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,volume,aht_seconds,is_open\n"
        "2026-01-05 09:00,100,180,true\n2026-01-05 09:30,50,180,maybe\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert "row 3 (interval_start 2026-01-05 09:30): 'is_open' is 'maybe'" in line
    assert "write true or false" in line


def test_rows_without_a_queue_name_are_refused_not_left_out(tmp_path, capsys):
    # Grouping drops missing keys: the unnamed queue's 10 calls per interval used to vanish.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,queue,volume,aht_seconds\n2026-01-05 09:00,a,10,180\n"
        "2026-01-05 09:15,a,10,180\n2026-01-05 09:00,,10,180\n2026-01-05 09:15,,10,180\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert "row 4 (interval_start 2026-01-05 09:00): 'queue' is empty" in line


def test_a_queue_named_by_a_number_keeps_its_name_as_written(tmp_path, capsys):
    # The column read as numbers renamed queue 1 to 1.0 in the plan.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,queue,volume,aht_seconds\n2026-01-05 09:00,1,10,180\n"
        "2026-01-05 09:15,1,10,180\n2026-01-05 09:00,2.0,0,180\n2026-01-05 09:15,2.0,4,180\n"
    )
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out, dtype={"queue": str}).queue.unique().tolist() == ["1", "2.0"]


def test_handle_time_written_as_text_is_refused_not_replaced(tmp_path, capsys):
    # "abc" used to be staffed on --aht-seconds without a word.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,volume,aht_seconds\n2026-01-05 09:00,10,abc\n2026-01-05 09:15,10,180\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS,
                          "--aht-seconds", 180)  # fmt: skip
    assert "row 2 (interval_start 2026-01-05 09:00): 'aht_seconds' is 'abc'" in line


@pytest.mark.parametrize(("cell", "said"), [("", "empty"), ("0", "0")])
def test_a_missing_handle_time_without_aht_seconds_is_refused(tmp_path, capsys, cell, said):
    # Without --aht-seconds a blank or 0 was staffed on an unstated 300 s: 21 agents, not 14.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        f"interval_start,volume,aht_seconds\n2026-01-05 09:00,100,{cell}\n"
        "2026-01-05 09:30,50,180\n2026-01-05 10:00,0,\n"
    )
    out = tmp_path / "plan.csv"
    line = one_line_error(capsys, forecast, out, *TARGETS)
    assert f"row 2 (interval_start 2026-01-05 09:00) has 100 contacts but its 'aht_seconds' is " \
           f"{said}" in line  # fmt: skip
    assert "give --aht-seconds" in line
    # Given, --aht-seconds fills the gap (row 4 has no contacts and needs no handle time).
    code, _, err = staff(capsys, forecast, out, *TARGETS, "--aht-seconds", 180)
    assert code == 0, err
    assert pd.read_csv(out).agents.iloc[0] == erlang_c_agents(10, 180, 20, 0.8, 0.85) == 14


def test_a_semicolon_file_with_decimal_commas_reads_as_written(tmp_path, capsys):
    # As a European spreadsheet saves it; it used to stop with a two-line parser error.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "Interval_Start ; Volume ; AHT_seconds\n2026-01-05 09:00;100;180\n"
        "2026-01-05 09:30;12,5;180\n2026-01-05 10:00;1.234,5;30\n",
        encoding="utf-8-sig",
    )
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(out)
    assert plan.volume.tolist() == [100, 12.5, 1234.5]
    # 12.5 x 180 s and 1234.5 x 30 s over 1800 s: 1.25 and 20.575 Erlangs
    expected = [erlang_c_agents(load, aht, 20, 0.8, 0.85)
                for load, aht in ((10, 180), (1.25, 180), (20.575, 30))]  # fmt: skip
    assert plan.agents.tolist() == expected


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ("2026-01-05 09:15Z", "'interval_start' has UTC offset +00:00, row 2 has UTC offset "
         "+01:00"),
        ("2026-01-05 09:15", "'interval_start' has no UTC offset, row 2 has UTC offset +01:00"),
    ],
)  # fmt: skip
def test_starts_with_different_utc_offsets_are_one_line_not_a_traceback(
    tmp_path, capsys, second, message
):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        f"interval_start,volume,aht_seconds\n2026-01-05 09:00+01:00,10,180\n{second},10,180\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert line.startswith(f"error: {forecast}: row 3 (interval_start {second}): {message}")
    assert "with no offset" in line


def test_an_interval_listed_twice_is_named_not_taken_for_a_missing_length(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,volume,aht_seconds\n2026-01-05 09:00,10,180\n2026-01-05 09:00,12,180\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert "row 3 (interval_start 2026-01-05 09:00): the same interval appears twice" in line


@pytest.mark.parametrize(("volume", "aht"), [("1e20", "180"), ("10", "1e300")])
def test_a_workload_beyond_countable_agents_is_refused_not_staffed_with_one(
    tmp_path, capsys, volume, aht
):
    # 2e19 Erlangs overflowed the agent count: 1 agent and a 0% service level, with a warning.
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        f"interval_start,volume,aht_seconds\n2026-01-05 09:00,{volume},{aht}\n"
        "2026-01-05 09:15,10,180\n"
    )
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert "row 2 (interval_start 2026-01-05 09:00)" in line
    assert "check the volume and aht_seconds units" in line
    with pytest.raises(InputError, match="needs more than 9e\\+15 agents"):
        required_agents(1e20, 180, 900, 0.8, 20)


def _many_small_queues() -> pd.DataFrame:
    """One big queue open at 09:00; twelve small ones open at 09:15, each with a supervisor."""
    rows = []
    for index in range(13):
        big = index == 0
        rows.append(("2026-01-05 09:00", f"q{index:02d}", 150 if big else 0, big))
        rows.append(("2026-01-05 09:15", f"q{index:02d}", 0 if big else 3, not big))
    return pd.DataFrame(rows, columns=["interval_start", "queue", "volume", "is_open"])


def test_the_supervisor_band_holds_the_peak_supervisors_it_is_shown_with(tmp_path, capsys):
    # It was taken at the rostered peak: "12 supervisors (band 6-11)".
    forecast = tmp_path / "forecast.csv"
    _many_small_queues().to_csv(forecast, index=False)
    code, out, err = staff(capsys, forecast, tmp_path / "plan.csv", *TARGETS,
                           "--aht-seconds", 300)  # fmt: skip
    assert code == 0, err
    assert "12 supervisors (one per 12 rostered; band 12-12 at one per 15 to one per 8)" in out
    settings = StaffingSettings(aht_seconds=300, max_occupancy=0.85)
    plan = plan_staffing(_many_small_queues(), 15, settings)
    summary = summarise_plan(plan, 15, settings)
    low, high = summary.supervisors_band
    assert low <= summary.peak_supervisors <= high


def test_the_peak_sentence_of_several_queues_names_the_queue_and_the_total(tmp_path, capsys):
    # The limit is the busiest queue's: "sets the 14 agents" beside "peak 20 agents" read as a
    # contradiction.
    frame = pd.DataFrame(
        {
            "interval_start": ["2026-01-05 09:00", "2026-01-05 09:30"] * 2,
            "queue": ["a", "a", "b", "b"],
            "volume": [100, 0, 10, 20],
            "aht_seconds": [180, 180, 600, 600],
        }
    )
    settings = StaffingSettings(max_occupancy=0.85)
    plan = plan_staffing(frame, 30, settings)
    summary = summarise_plan(plan, 30, settings)
    limits = limit_summary(plan, 30, settings)
    a_agents = erlang_c_agents(10, 180, 20, 0.8, 0.85)  # 14
    b_agents = erlang_c_agents(10 * 600 / 1800, 600, 20, 0.8, 0.85)
    assert summary.peak_agents == a_agents + b_agents
    assert limits.peak_interval_agents == summary.peak_agents
    assert limits.peak_start == summary.peak_agents_start
    sentence = peak_limit_sentence(limits, settings)
    assert sentence.startswith(
        f"At the peak (Mon 5 Jan 09:00, {a_agents + b_agents} agents over all queues) the 80% "
        f"in 20 s target sets the {a_agents} agents of queue 'a', the most of any queue"
    )
    forecast = tmp_path / "forecast.csv"
    frame.to_csv(forecast, index=False)
    code, out, err = staff(capsys, forecast, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    assert f"peak {a_agents + b_agents} agents" in out
    assert f"what sets the agents: {sentence}" in out


def test_peaks_of_agents_and_roster_in_different_intervals_are_said_apart(tmp_path, capsys):
    # 25 agents in one queue at 09:00 roster 36; 24 agents over eight queues at 09:15 roster
    # 40 (each queue rounds its roster up on its own): two intervals, one line.
    rows = []
    for queue in "abcdefghi":
        rows.append(("2026-01-05 09:00", queue, 60 if queue == "a" else 0, queue == "a"))
        rows.append(("2026-01-05 09:15", queue, 0 if queue == "a" else 3, queue != "a"))
    forecast = tmp_path / "forecast.csv"
    pd.DataFrame(rows, columns=["interval_start", "queue", "volume", "is_open"]).to_csv(
        forecast, index=False
    )
    code, out, err = staff(capsys, forecast, tmp_path / "plan.csv", *TARGETS,
                           "--aht-seconds", 300)  # fmt: skip
    assert code == 0, err
    assert "peak 25 agents (Mon 5 Jan 09:00; the most rostered at Mon 5 Jan 09:15), " \
           "40 rostered" in out  # fmt: skip


# --- checked and right ----------------------------------------------------------------------


def test_several_queues_with_their_own_handle_times_match_textbook_erlang_c(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    pd.DataFrame(
        {
            "interval_start": ["2026-01-05 09:00", "2026-01-05 09:15"] * 3,
            "queue": ["sales", "sales", "billing", "billing", "tech", "tech"],
            "volume": [120, 0.4, 37.5, 8, 12, 0],
            "aht_seconds": [240, 240, 420, 420, 900, 900],
            "is_open": [True, True, True, True, True, False],
        }
    ).to_csv(forecast, index=False)
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, *TARGETS, "--max-occupancy", 1)
    assert code == 0, err
    plan = pd.read_csv(out).set_index(["queue", "interval_start"])
    for (queue, start), row in plan.iterrows():
        erlangs = row.volume * {"sales": 240, "billing": 420, "tech": 900}[queue] / 900
        if queue == "tech" and start.endswith("09:15:00"):
            assert row.agents == 0 and row["limit"] == "closed"
            continue
        aht = {"sales": 240, "billing": 420, "tech": 900}[queue]
        assert row.agents == max(erlang_c_agents(erlangs, aht, 20, 0.8), 1), (queue, start)
    # pyworkforce on the busiest interval: 120 calls of 4 minutes in 15 minutes
    erlang = pytest.importorskip("pyworkforce.queuing").ErlangC
    reference = erlang(transactions=120, aht=4, asa=20 / 60, interval=15).required_positions(
        service_level=0.8, max_occupancy=1.0
    )
    assert plan.loc[("sales", "2026-01-05 09:00:00"), "agents"] == reference["raw_positions"]


def test_5000_erlangs_are_finite_and_follow_the_square_root_rule(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    # 15,000 calls of 300 s in 15 minutes = 5,000 Erlangs; the 0 s threshold is P(wait) <= 20%.
    pd.DataFrame(
        {"interval_start": ["2026-01-05 09:00", "2026-01-05 09:15"], "volume": [15000, 15000]}
    ).to_csv(forecast, index=False)
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, "--service-level", 0.8, "--answer-within-seconds",
                         0, "--aht-seconds", 300, "--max-occupancy", 1)  # fmt: skip
    assert code == 0, err
    plan = pd.read_csv(out)
    assert np.isfinite(plan[["agents", "service_level", "asa_seconds", "occupancy"]]).all().all()
    agents = int(plan.agents.iloc[0])
    assert agents == erlang_c_agents(5000, 300, 0, 0.8)
    # Halfin-Whitt: n = A + beta sqrt(A), with 1 / (1 + beta Phi(beta) / phi(beta)) = 0.2
    # (beta ~ 1.06), exact to within a few agents at this size.
    beta = 1.0
    for _ in range(60):
        phi = math.exp(-beta * beta / 2) / math.sqrt(2 * math.pi)
        big_phi = 0.5 * (1 + math.erf(beta / math.sqrt(2)))
        beta += (1 / 0.2 - 1 - beta * big_phi / phi) * 0.1
    assert abs(agents - (5000 + beta * math.sqrt(5000))) <= 3
    assert plan.service_level.iloc[0] >= 0.8 - 1e-12


def test_chat_slots_match_textbook_erlang_c_in_whole_agents(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start,queue,volume,aht_seconds\n2026-01-05 09:00,web chat,60,400\n"
        "2026-01-05 09:15,web chat,7.5,400\n"
    )
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, *TARGETS, "--chat-concurrency", 3,
                         "--chat-handle-growth", 0.25, "--max-occupancy", 1)  # fmt: skip
    assert code == 0, err
    plan = pd.read_csv(out)
    # Three chats at once stretch each to 400 x 1.5 = 600 s; slots are Erlang C servers.
    for row, volume in zip(plan.itertuples(), (60, 7.5), strict=True):
        slots = erlang_c_agents(volume * 600 / 900, 600, 20, 0.8)
        assert row.agents == math.ceil(slots / 3)


def test_the_abandonment_cap_matches_a_birth_death_chain(tmp_path, capsys):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("interval_start,volume\n2026-01-05 09:00,120\n2026-01-05 09:15,45.5\n")
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, forecast, out, "--service-level", 0.05,
                         "--answer-within-seconds", 1, "--aht-seconds", 240,
                         "--patience-seconds", 90, "--max-abandon-rate", 0.03,
                         "--max-occupancy", 1)  # fmt: skip
    assert code == 0, err
    plan = pd.read_csv(out)
    assert (plan["limit"] == "abandonment").all()
    for row in plan.itertuples():
        erlangs = row.volume * 240 / 900
        assert erlang_a_abandonment(erlangs, row.agents, 240, 90) <= 0.03
        assert erlang_a_abandonment(erlangs, row.agents - 1, 240, 90) > 0.03
        # The file keeps four decimals.
        assert row.abandon_rate == pytest.approx(
            erlang_a_abandonment(erlangs, row.agents, 240, 90), abs=5e-5
        )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--service-level", "1", "--answer-within-seconds", "0"], "100% answered within 0"),
        (["--service-level", "0.8", "--answer-within-seconds", "20", "--max-asa-seconds", "0"],
         "maximum ASA seconds must be greater than 0"),
        (["--service-level", "0.8", "--answer-within-seconds", "20", "--max-occupancy", "0"],
         "maximum occupancy must be a fraction above 0"),
    ],
)  # fmt: skip
def test_impossible_targets_are_refused_in_one_line(tmp_path, capsys, extra, message):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("interval_start,volume\n2026-01-05 09:00,10\n2026-01-05 09:15,10\n")
    line = one_line_error(capsys, forecast, tmp_path / "plan.csv", "--aht-seconds", 180, *extra)
    assert message in line


def test_bad_files_stop_in_one_line_in_a_real_process(tmp_path):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text(
        "interval_start;volume\n2026-01-05 09:00+01:00;10\n2026-01-05 09:15+02:00;10\n"
    )
    done = subprocess.run(
        [sys.executable, str(CLI), "staff", str(forecast), "--aht-seconds", "180", *TARGETS,
         "--out", str(tmp_path / "plan.csv")],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "row 3" in done.stderr and "UTC offset +02:00" in done.stderr
