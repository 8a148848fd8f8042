"""Round eleven of probing the CLI as a planner scripting it would: an --out naming the input,
progress on long runs, `staff --interval-minutes` shorter than the file's step, readable counts,
whole people in the cover, every option explained in --help, a --country typo refused before
the import, and `plan`'s scenario errors in the options' words."""

from __future__ import annotations

import argparse

import pandas as pd
import pytest
from conftest import run_cli
from test_cli_probe_round_ten import QUICK, TARGETS, _one_line_error

import cli
from cli_commands import progress
from forecasting.synthetic import synthetic_intervals


@pytest.fixture(scope="module")
def history_csv(tmp_path_factory):
    """Five weeks of Mon-Fri 08:00-18:00 at 30 minutes from Mon 2024-03-04."""
    path = tmp_path_factory.mktemp("round11") / "history.csv"
    frame = synthetic_intervals(33, seed=11, level=30, start="2024-03-04")
    frame[["interval_start", "volume"]].rename(columns={"volume": "calls"}).to_csv(
        path, index=False
    )
    return path


@pytest.fixture()
def forecast_csv(tmp_path):
    """Two weekdays of 09:00-17:00 at 15 minutes, 20 contacts each."""
    starts = [
        day + pd.Timedelta(minutes=15 * slot)
        for day in pd.date_range("2024-03-04 09:00", periods=2, freq="D")
        for slot in range(32)
    ]
    path = tmp_path / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "volume": 20.0}).to_csv(path, index=False)
    return path


# 1. `forecast HISTORY --out HISTORY` replaced the history with its forecast (exit 0); `staff`
# did the same to the forecast, `shifts --cover-out` to the plan.


def test_an_out_naming_the_input_file_is_refused_and_the_input_kept(
    history_csv, forecast_csv, tmp_path
):
    history = tmp_path / "history.csv"
    history.write_bytes(history_csv.read_bytes())
    same = f"{tmp_path}/../{tmp_path.name}/history.csv"  # the same file, written otherwise
    done = run_cli("forecast", history, "--horizon-days", 7, *QUICK, "--out", same)
    line = _one_line_error(done)
    assert "is the input file" in line and "give another file name" in line
    assert history.read_bytes() == history_csv.read_bytes()

    before = forecast_csv.read_bytes()
    line = _one_line_error(run_cli("staff", forecast_csv, *TARGETS, "--out", forecast_csv))
    assert f"--out {forecast_csv} is the input file" in line
    assert forecast_csv.read_bytes() == before

    plan = tmp_path / "plan.csv"
    assert run_cli("staff", forecast_csv, *TARGETS, "--out", plan).returncode == 0
    written = plan.read_bytes()
    done = run_cli("shifts", plan, "--out", tmp_path / "shifts.csv", "--cover-out", plan)
    assert f"--cover-out {plan} is the input file" in _one_line_error(done)
    assert plan.read_bytes() == written


# 2. A backtest over 28 AXA queues ran 54 s, a plan 43 s, without a word until the end.


def test_a_long_forecast_prints_progress_on_stderr_not_stdout(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(progress, "AFTER_SECONDS", 0.0)  # this run is quick; time is no matter
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)
    # Twelve weeks: enough to backtest the models, which reports its origins.
    history = tmp_path / "desk.csv"
    synthetic_intervals(82, seed=5, level=30)[["interval_start", "volume"]].to_csv(
        history, index=False
    )
    out = tmp_path / "forecast.csv"
    code = cli.main(["forecast", str(history), "--horizon-days", "7", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = [line for line in captured.err.splitlines() if line.startswith("progress: ")]
    assert lines, captured.err
    assert any("desk: backtest origin 1/" in line for line in lines)
    assert lines[-1] == "progress: 100% forecast ready"
    assert "progress" not in captured.out


def test_a_quick_run_prints_no_progress(history_csv, tmp_path):
    done = run_cli("forecast", history_csv, "--horizon-days", 7, *QUICK, "--out",
                   tmp_path / "f.csv")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "progress:" not in done.stderr


# 3. `staff --interval-minutes 7` on 15-minute rows staffed each interval's contacts as if they
# came in 7 minutes: about twice the agents, without a word.


def test_staff_refuses_an_interval_shorter_than_the_files_step(forecast_csv, tmp_path):
    out = tmp_path / "plan.csv"
    line = _one_line_error(
        run_cli("staff", forecast_csv, *TARGETS, "--interval-minutes", 7, "--out", out)
    )
    assert "--interval-minutes 7 is shorter than the 15 minutes between" in line
    assert "Give --interval-minutes 15 or leave it out" in line
    assert not out.exists()
    done = run_cli("staff", forecast_csv, *TARGETS, "--interval-minutes", 15, "--out", out)
    assert done.returncode == 0, done.stderr


def test_staff_keeps_an_interval_given_for_a_queue_open_one_interval_a_day(tmp_path):
    """One 30-minute interval a day: the file's step is a day, the length only the planner
    knows."""
    path = tmp_path / "forecast.csv"
    starts = pd.date_range("2024-03-04 09:00", periods=3, freq="D")
    pd.DataFrame({"interval_start": starts, "volume": 20.0}).to_csv(path, index=False)
    done = run_cli("staff", path, *TARGETS, "--interval-minutes", 30, "--out", tmp_path / "p.csv")
    assert done.returncode == 0, done.stderr


# 4. "wrote 1244 open intervals" beside "Over the 1,244 open queue-intervals": counts printed
# without the thousands separator the other figures have.


def test_counts_in_the_summary_group_thousands(history_csv, tmp_path):
    done = run_cli("forecast", history_csv, "--horizon-days", 70, *QUICK, "--out",
                   tmp_path / "f.csv")  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = len(pd.read_csv(tmp_path / "f.csv"))
    assert rows >= 1000
    assert f"wrote {rows:,} open intervals to" in done.stdout


# 5. The cover file wrote people as 2.0 and 0.0: whole people read as fractions.


def test_the_cover_writes_whole_people(forecast_csv, tmp_path):
    plan, cover = tmp_path / "plan.csv", tmp_path / "cover.csv"
    assert run_cli("staff", forecast_csv, *TARGETS, "--out", plan).returncode == 0
    done = run_cli("shifts", plan, "--out", tmp_path / "shifts.csv", "--cover-out", cover)
    assert done.returncode == 0, done.stderr
    lines = cover.read_text().splitlines()
    assert lines[0] == "interval_start,needed,on_shift,surplus"
    assert ".0" not in "\n".join(line.split(",", 1)[1] for line in lines[1:])
    table = pd.read_csv(cover)
    assert (table["surplus"] == table["on_shift"] - table["needed"]).all()
    assert table["needed"].max() > 0


# 6. --help: `--kind` said nothing, backtest printed "80%% coverage" and gave the forecast's
# "days to forecast after the history" without its default of 14 days.


def test_every_option_of_every_command_says_what_it_means():
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {action.option_strings[0]}"
        for name, command in subparsers.choices.items()
        for action in command._actions
        if action.option_strings and not action.help
    ]
    assert missing == []


def test_backtest_help_shows_its_own_horizon_and_one_percent_sign():
    done = run_cli("backtest", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "80% coverage" in text and "%%" not in text
    assert "days each backtest forecasts from its origin, 1 to 92 (default 14)" in text
    assert "weekly origins to score, the latest ones (default 8)" in text


# 7. `--country XX` was refused only after importing every file (5 s on the AXA series, and
# the import's notes printed first).


@pytest.mark.parametrize(
    ("calendar", "message"),
    [
        (("--country", "XX"), "Unknown holiday country 'XX'"),
        (("--country", "DE", "--subdivision", "ZZ"), "Unknown holiday region 'ZZ' of DE"),
    ],
)
def test_an_unknown_holiday_calendar_is_refused_before_the_import(
    history_csv, tmp_path, calendar, message
):
    for command in (("forecast",), ("plan", "--aht-seconds", 300), ("backtest",)):
        done = run_cli(*command, history_csv, "--horizon-days", 7, *calendar, "--out",
                       tmp_path / "out.csv")  # fmt: skip
        assert message in _one_line_error(done)
        assert "import:" not in done.stderr, command


# 8. `plan` spoke of "Scenario 'plan'" and "the first day of the change", names the planner
# never typed.


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--volume-change-pct", 10, "--change-from", "2024-13-45"),
         "error: --change-from '2024-13-45' is not a date; write it as YYYY-MM-DD."),
        (("--volume-change-pct", 10, "--change-from", "2024-04-12", "--change-to", "2024-04-08"),
         "error: --change-from/--change-to run from 12 Apr 2024 to 8 Apr 2024; the first day "
         "must not be after the last."),
        (("--volume-change-pct", -150), "error: --volume-change-pct -150% is below -100%"),
        (("--aht-change-pct", -100), "error: --aht-change-pct -100% leaves no handle time"),
    ],
)  # fmt: skip
def test_plan_names_the_scenario_options_it_refuses(history_csv, tmp_path, options, message):
    done = run_cli("plan", history_csv, "--horizon-days", 7, *QUICK, "--aht-seconds", 300,
                   *options, "--out", tmp_path / "plan.csv")  # fmt: skip
    line = _one_line_error(done)
    assert line.startswith(message)
    assert "Scenario" not in line


# 9. `plan --help` and `forecast --help` named none of their output's columns (`staff --help`
# lists PLAN.csv's): paid_hours, cost or sized_for_volume were left to guesswork.


def test_plan_and_forecast_help_describe_every_column_they_write(history_csv, tmp_path):
    plan, forecast = tmp_path / "plan.csv", tmp_path / "forecast.csv"
    common = (history_csv, "--horizon-days", 7, *QUICK)
    done = run_cli("plan", *common, "--aht-seconds", 300, "--patience-seconds", 90, "--out", plan)
    assert done.returncode == 0, done.stderr
    assert run_cli("forecast", *common, "--out", forecast).returncode == 0
    for command, written in (("plan", plan), ("forecast", forecast)):
        helped = run_cli(command, "--help").stdout
        described = {
            name.strip(",")
            for line in helped.splitlines()
            if line.startswith("  ") and not line.startswith("   ")
            for name in line.split("  ")[1].split()
            if name.strip(",").isidentifier()
        }
        header = set(pd.read_csv(written, nrows=0).columns)
        assert header <= described, (command, header - described)
    assert "cost             EUR paid in the interval" in run_cli("plan", "--help").stdout
