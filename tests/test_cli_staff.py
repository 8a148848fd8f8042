"""`cli.py staff` end to end in a subprocess: the plan CSV, its columns, and exit code 2 with
one clear line on bad input."""

from __future__ import annotations

import subprocess

import pandas as pd
import pytest
from cli_process import run_python_script
from conftest import PROJECT_ROOT

import cli
from staffing import required_agents
from staffing.limits import peak_limit_sentence, shares_sentence
from staffing.plan import StaffingSettings, limit_summary, plan_staffing

CLI = PROJECT_ROOT / "cli.py"
TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]
BASE_COLUMNS = ["interval_start", "volume", "agents", "limit", "rostered", "supervisors",
                "service_level", "asa_seconds", "occupancy"]  # fmt: skip
# What each interval is paid, which adds up to the summary's cost.
PAID_COLUMNS = ["paid_hours", "cost"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return run_python_script(str(CLI), ["staff", *map(str, args)], PROJECT_ROOT, timeout=120)


@pytest.fixture()
def forecast(tmp_path):
    path = tmp_path / "forecast.csv"
    pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=3, freq="30min"),
            "volume": [100, 0, 50],
        }
    ).to_csv(path, index=False)
    return path


def test_writes_the_plan_for_the_worked_example(forecast, tmp_path):
    out = tmp_path / "plan.csv"
    result = run_cli(forecast, "--aht-seconds", "180", *TARGETS, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "peak 14 agents" in result.stdout
    plan = pd.read_csv(out)
    assert plan.columns.tolist() == [*BASE_COLUMNS, *PAID_COLUMNS]
    assert plan.agents.tolist() == [14, 1, 8]
    assert plan.rostered.tolist() == [20, 2, 12]
    assert plan.supervisors.tolist() == [2, 1, 1]
    assert plan.service_level.iloc[0] == pytest.approx(0.888, abs=5e-4)


def test_patience_adds_abandon_rate_and_targets_apply(forecast, tmp_path):
    out = tmp_path / "plan.csv"
    result = run_cli(forecast, "--aht-seconds", "180", *TARGETS, "--patience-seconds", "300",
                     "--max-occupancy", "0.7", "--shrinkage", "0.2", "--supervisor-span", "8",
                     "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out)
    assert plan.columns.tolist() == [
        *BASE_COLUMNS,
        "abandon_rate",
        "answered_asa_seconds",
        *PAID_COLUMNS,
    ]
    assert plan.agents.iloc[0] == 15  # 10 Erlangs at no more than 70% occupancy
    assert plan.rostered.iloc[0] == 19  # 15 / 0.8 = 18.75
    assert plan.supervisors.iloc[0] == 3  # one per 8


def test_forecast_column_queues_and_per_interval_aht(tmp_path):
    path = tmp_path / "forecast.csv"
    pd.DataFrame(
        {
            "interval_start": ["2026-01-05 09:00", "2026-01-05 09:15"] * 2,
            "queue": ["a", "a", "b", "b"],
            "forecast": [50, 25, 10, 0],
            "aht_seconds": [180, 180, 300, 300],
            "is_open": [True, True, True, False],
        }
    ).to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    result = run_cli(path, *TARGETS, "--out", out)
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out)
    assert plan.columns.tolist()[:3] == ["interval_start", "queue", "volume"]
    # queue a at 09:00: 50 calls of 180 s in 15 min is the worked example -> 14 agents
    expected = required_agents([50, 25, 10], [180, 180, 300], 900, 0.8, 20).tolist()
    assert expected[0] == 14
    assert plan.agents.tolist() == [*expected, 0]  # queue b is closed at 09:15
    # ... so its service figures are blank, not a 100% service level with nobody there.
    assert plan.service_level.isna().tolist() == [False, False, False, True]
    assert plan.asa_seconds.isna().tolist() == [False, False, False, True]


def test_email_channel_reports_backlog(tmp_path):
    path = tmp_path / "mail.csv"
    pd.DataFrame(
        {"interval_start": pd.date_range("2026-01-05 09:00", periods=8, freq="15min"),
         "volume": [40, 0, 0, 0, 10, 0, 0, 0]}
    ).to_csv(path, index=False)  # fmt: skip
    out = tmp_path / "plan.csv"
    result = run_cli(path, "--aht-seconds", "300", *TARGETS, "--channel", "email",
                     "--email-response-hours", "1", "--max-occupancy", "1", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out)
    assert plan.columns.tolist() == [*BASE_COLUMNS, "backlog", *PAID_COLUMNS]
    # same figures as tests/test_backlog.py, which has no occupancy cap (and no minimum
    # staffing for e-mail)
    assert plan.agents.tolist() == [4, 3, 3, 4, 1, 1, 1, 1]
    assert plan.backlog.tolist() == pytest.approx([28, 19, 10, 0, 7, 4, 1, 0])


def test_email_working_hours_leave_the_night_unstaffed(tmp_path):
    path = tmp_path / "mail.csv"
    starts = pd.date_range("2026-01-05 00:00", periods=96, freq="15min")
    pd.DataFrame({"interval_start": starts, "volume": 4}).to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    result = run_cli(path, "--aht-seconds", "225", *TARGETS, "--channel", "email",
                     "--email-hours", "8-18", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out, parse_dates=["interval_start"])
    hours = plan.interval_start.dt.hour
    assert (plan.loc[(hours < 8) | (hours >= 18), "agents"] == 0).all()
    assert (plan.loc[(hours >= 8) & (hours < 18), "agents"] > 0).all()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--service-level", "1.5"], "service level must be a fraction strictly between 0 and 1"),
        (["--supervisor-span", "20"], "supervisor span must be a whole number"),
        (["--shrinkage", "1"], "shrinkage must be a fraction"),
        (["--aht-seconds", "-3"], "AHT seconds must be greater than 0"),
        (["--max-abandon-rate", "0.05"], "needs the callers' patience"),
        (["--channel", "fax"], "invalid choice"),
        (["--supervisor-span", "ten"], "invalid int value"),
        (["--email-hours", "18-8"], "e-mail working hours must start before they end"),
        (["--email-hours", "morning"], "--email-hours must look like 8-18"),
    ],
)
def test_bad_arguments_exit_2_with_one_clear_line(forecast, tmp_path, capsys, extra, message):
    # in-process for speed (each subprocess imports every command); one case runs for real below
    arguments = ["--aht-seconds", "180", *TARGETS, "--out", tmp_path / "plan.csv", *extra]
    try:
        code = cli.main(["staff", str(forecast), *map(str, arguments)])
    except SystemExit as stop:  # argparse's own errors
        code = stop.code
    stderr = capsys.readouterr().err
    assert code == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "plan.csv").exists()


def test_bad_argument_in_a_real_process(forecast, tmp_path):
    result = run_cli(forecast, "--aht-seconds", "180", "--service-level", "1.5",
                     "--answer-within-seconds", "20", "--out", tmp_path / "plan.csv")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --service-level 1.5: service level must be a fraction strictly between 0 and "
        "1, e.g. 0.8 for 80% (got 1.5)"
    ]


def run_in_process(capsys, *args) -> tuple[int, str]:
    code = cli.main(["staff", *map(str, args)])
    return code, capsys.readouterr().err


def test_bad_forecast_files_exit_2(tmp_path, capsys):
    code, err = run_in_process(capsys, tmp_path / "nope.csv", "--aht-seconds", "180", *TARGETS,
                               "--out", tmp_path / "plan.csv")  # fmt: skip
    assert code == 2 and "nope.csv: file not found" in err
    path = tmp_path / "bad.csv"
    path.write_text("interval_start,volume,aht_seconds\n2026-01-05 09:00,10,-5\n"
                    "2026-01-05 09:15,10,200\n")  # fmt: skip
    code, err = run_in_process(capsys, path, *TARGETS, "--out", tmp_path / "plan.csv")
    assert code == 2
    assert "row 2" in err and "'aht_seconds' is negative" in err
    path.write_text("when,calls\n2026-01-05 09:00,10\n")
    code, err = run_in_process(capsys, path, "--aht-seconds", "180", *TARGETS,
                               "--out", tmp_path / "plan.csv")  # fmt: skip
    assert code == 2 and "has no interval_start and no volume (or forecast) column" in err
    path.write_text("interval_start,volume\n2026-01-05 09:00,10\n")
    code, err = run_in_process(capsys, path, *TARGETS, "--out", tmp_path / "plan.csv")
    assert code == 2 and "--aht-seconds" in err
    code, err = run_in_process(capsys, path, "--aht-seconds", "180", *TARGETS,
                               "--out", tmp_path / "plan.csv")  # fmt: skip
    assert code == 2 and "give --interval-minutes" in err
    assert not (tmp_path / "plan.csv").exists()


def test_the_plan_says_what_sets_the_agents_as_the_plan_command_does(tmp_path):
    # The same column and labels as `cli.py plan` and the app's download (staffing.limits).
    path = tmp_path / "forecast.csv"
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=4, freq="30min"),
            "volume": [100, 0, 50, 0],
            "is_open": [True, True, True, False],
        }
    )
    frame.to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    result = run_cli(path, "--aht-seconds", "180", *TARGETS, "--max-occupancy", "0.7",
                     "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out)
    assert plan.columns.tolist() == [*BASE_COLUMNS, *PAID_COLUMNS]
    # 10 Erlangs: 80/20 needs 14 agents, a 70% cap 15; 5 Erlangs: 8 for 80/20, 8 for the cap
    # (ties go to the service level); nothing expected: the minimum; then closed.
    assert plan.agents.tolist() == [15, 1, 8, 0]
    assert plan["limit"].tolist() == ["occupancy", "minimum while open", "service level",
                                      "closed"]  # fmt: skip
    settings = StaffingSettings(aht_seconds=180, max_occupancy=0.7)
    limits = limit_summary(plan_staffing(frame, 30, settings), 30, settings)
    sentences = f"{peak_limit_sentence(limits, settings)} {shares_sentence(limits)}"
    line = f"what sets the agents: {sentences}"
    assert line in result.stdout.splitlines()
    assert line.startswith(
        "what sets the agents: At the peak (Mon 5 Jan 09:00) the occupancy cap of 70% sets the "
        "15 agents: the 80% in 20 s target alone would need 14."
    )
    assert (
        "set by: service level in 33% of them, occupancy in 33%, minimum while open in 33%." in line
    )
