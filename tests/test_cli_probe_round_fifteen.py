"""Round fifteen of probing the CLI as a planner scripting it would: an option a command does not
take, a contact export given to `staff`, a short backtest's day count, one file given twice,
`shifts --interval-minutes` longer than the plan's step, start hours written as a clock, a
30-hour full-time shift, and `--out -` for standard output."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import PROJECT_ROOT, run_cli, stderr_notes

import cli
from cli_commands import options
from data.errors import InputError, SettingError
from forecasting import ForecastSettings
from forecasting.api import backtest_dataset
from forecasting.synthetic import synthetic_intervals
from staffing.shifts import ShiftSettings

TARGETS = ("--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20")


def _refusal(capsys, *arguments: str) -> str:
    """The one stderr line `cli.py ARGUMENTS` exits 2 with, run in-process."""
    try:
        code = cli.main(list(arguments))
    except SystemExit as stopped:  # argparse's refusals exit, the commands' return
        code = stopped.code
    assert code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# 1. An option the command does not take was refused as "cli.py: unrecognized arguments: --queue
# billing", naming neither the command nor the option meant.


@pytest.mark.parametrize(
    ("arguments", "hint"),
    [
        (
            ("staff", "f.csv", *TARGETS, "--horizon-days", "7", "--out", "p.csv"),
            "error: cli.py staff: unrecognized arguments: --horizon-days 7 (staff has no "
            "--horizon-days: forecast, backtest and plan take it); see cli.py staff --help",
        ),
        (
            ("staff", "f.csv", *TARGETS, "--shrinkge", "0.3", "--out", "p.csv"),
            "error: cli.py staff: unrecognized arguments: --shrinkge 0.3 (--shrinkge: perhaps "
            "--shrinkage); see cli.py staff --help",
        ),
        (
            ("inspect", "h.csv", "--horizon-days=3"),
            "error: cli.py inspect: unrecognized arguments: --horizon-days=3 (inspect has no "
            "--horizon-days: forecast, backtest and plan take it); see cli.py inspect --help",
        ),
    ],
)
def test_an_option_the_command_lacks_is_named_with_the_one_meant(capsys, arguments, hint):
    assert _refusal(capsys, *arguments) == hint


# 2. `staff` given the contact export itself ("interval_start,calls") said "the forecast table
# needs columns 'interval_start' and 'volume' (or 'forecast')", naming neither the file nor what
# to run instead.


def test_staff_given_a_contact_export_names_the_file_and_plan(tmp_path, capsys):
    export = tmp_path / "calls.csv"
    export.write_text("interval_start,calls\n2024-03-04 08:00,11\n2024-03-04 08:30,24\n")
    line = _refusal(capsys, "staff", str(export), *TARGETS, "--out", str(tmp_path / "p.csv"))
    assert line == (
        f"error: {export} has no volume (or forecast) column (its columns: interval_start, "
        "calls): `staff` reads a forecast as `cli.py forecast` writes it; to forecast and staff "
        f"a contact export in one go, run `cli.py plan {export} ...`, or name its count column "
        "volume to staff those counts as they are"
    )
    assert not (tmp_path / "p.csv").exists()


# 3. A 1-day backtest of 33 days was refused as needing "some 30 days of history or more; it has
# 33": origins lie a week apart, so the scored one needs 28 + 7 + 1 = 36 days.


@pytest.mark.parametrize(("horizon", "needed"), [(1, 36), (3, 38), (5, 40)])
def test_a_short_backtest_asks_for_the_days_it_really_needs(horizon, needed):
    history = synthetic_intervals(33, seed=11, level=30, start="2024-03-04")
    settings = ForecastSettings(horizon_days=horizon, model="historical_average_4w", country=None)
    with pytest.raises(
        InputError,
        match=rf": {needed} calendar days of history at the least; it has 25 days with data over "
        r"33 calendar days",
    ):
        backtest_dataset(history, settings)


def test_the_days_a_short_backtest_asks_for_are_enough():
    history = synthetic_intervals(36, seed=11, level=30, start="2024-03-04")
    settings = ForecastSettings(horizon_days=1, model="historical_average_4w", country=None)
    assert len(backtest_dataset(history, settings).table) > 0


# 4. One file given twice (a shell glob and its name, "h.csv ./h.csv") was read twice: `inspect`
# said 6,000 rows of 3,000 contacts and "3,000 contact record(s) of rec.csv appear in another
# file too", `forecast` that its rows "appear in more than one file ... (h.csv by h.csv)".


def test_a_file_given_twice_is_read_once_and_said_so(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    starts = pd.date_range("2024-03-04 08:00", periods=300, freq="7min")
    pd.DataFrame({"call_start": starts, "handle_time": 200}).to_csv("rec.csv", index=False)
    assert cli.main(["inspect", "rec.csv", "./rec.csv", "rec.csv"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert (summary["rows"], summary["contacts"], len(summary["files"])) == (300, 300, 1)
    assert not [note for note in summary["notes"] if "another file" in note]
    assert captured.err.splitlines() == [
        "import: rec.csv is given again as ./rec.csv: read once.",
        "import: rec.csv is given again: read once.",
    ]


# 5. `shifts --interval-minutes` longer than the plan's step was taken: 45 on a 30-minute plan
# was refused as "shift 'Full time 8 h' lasts 8 h: give a length that is a whole number of the
# plan's 45-minute intervals", 60 as "interval Mon 08 Apr 2024 08:30 is not on the 60-minute
# grid", neither naming the option nor the plan's 30 minutes.


@pytest.mark.parametrize("minutes", ["45", "60"])
def test_shifts_refuses_an_interval_longer_than_the_plans_step(tmp_path, capsys, minutes):
    plan = tmp_path / "plan.csv"
    starts = pd.date_range("2024-04-08 08:00", periods=20, freq="30min")
    pd.DataFrame({"interval_start": starts, "rostered": 3}).to_csv(plan, index=False)
    out = tmp_path / "shifts.csv"
    line = _refusal(capsys, "shifts", str(plan), "--out", str(out), "--interval-minutes", minutes)
    assert line == (
        f"error: --interval-minutes {minutes} is longer than the 30 minutes between {plan}'s "
        f"intervals: each interval would be taken as {minutes} minutes, overlapping the next. "
        "Give --interval-minutes 30 or leave it out."
    )
    assert not out.exists()


# 6. Start hours written as a clock were refused: `shifts --earliest-start 9:30` as "argument
# --earliest-start: invalid float value: '9:30'", `--email-hours 8:30-17:00` as "must look like
# 8-18"; `--time-limit-seconds 0` as "time limit must be above 0 seconds", naming no option.


def test_start_hours_read_a_clock_and_the_time_limit_names_its_option(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    starts = pd.date_range("2024-04-08 09:30", periods=8, freq="30min")
    pd.DataFrame({"interval_start": starts, "rostered": 2}).to_csv(plan, index=False)
    out = tmp_path / "shifts.csv"
    hours = ("--full-hours", "4", "--part-hours", "0", "--earliest-start", "9:30")
    assert cli.main(["shifts", str(plan), "--out", str(out), *hours, "--latest-start", "9:30"]) == 0
    shifts = pd.read_csv(out)
    assert shifts[["shift_start", "people"]].values.tolist() == [["2024-04-08 09:30:00", 2]]
    line = _refusal(capsys, "shifts", str(plan), "--out", str(out), "--latest-start", "9:3O")
    assert line == (
        "error: cli.py shifts: argument --latest-start: invalid hour: '9:3O': give an hour of "
        "the day such as 8, 8.5 or 8:30"
    )
    line = _refusal(capsys, "shifts", str(plan), "--out", str(out), "--time-limit-seconds", "0")
    assert line == (
        "error: --time-limit-seconds 0: the shift search needs time to run; give more than 0 "
        "seconds (default 60)"
    )
    assert options._hour_range("8:30-17:00") == (8.5, 17.0)
    assert options._hour_range("8,5-17") == (8.5, 17.0)


# 7. `shifts --full-hours 30` planned "24 Full time 30 h" shifts, each running into the same
# person's next one (one shift a day); the Shifts page stops at 12 h.


def test_a_full_time_shift_over_twelve_hours_is_refused(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    starts = pd.date_range("2024-04-08 08:00", periods=8, freq="30min")
    pd.DataFrame({"interval_start": starts, "rostered": 2}).to_csv(plan, index=False)
    out = tmp_path / "shifts.csv"
    line = _refusal(capsys, "shifts", str(plan), "--out", str(out), "--full-hours", "30")
    assert line == (
        "error: --full-hours 30: the full-time shift length must be a number of hours above 0 "
        "and at most 12 (got 30)"
    )
    with pytest.raises(SettingError, match="at most 12"):
        ShiftSettings(full_hours=12.5)
    assert ShiftSettings(full_hours=12).full_hours == 12


# 8. `--out -` wrote a file named "-" in the working folder ("wrote 100 open intervals to -"),
# where a script piping the table on expected it on stdout.


def test_out_dash_writes_the_table_to_stdout_and_the_summary_to_stderr_naming_it(tmp_path):
    plan = tmp_path / "plan.csv"
    starts = pd.date_range("2024-04-08 09:00", periods=8, freq="30min")
    pd.DataFrame({"interval_start": starts, "rostered": 2}).to_csv(plan, index=False)
    done = run_cli("shifts", plan, "--out", "-", "--full-hours", 4, "--part-hours", 0)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "shift_start,shift_end,shift,people",
        "2024-04-08 09:00:00,2024-04-08 13:00:00,Full time 4 h,2",
    ]
    # Before: "wrote 2 shifts to - (2 Full time 4 h)".
    assert stderr_notes(done.stderr)[0] == "wrote 2 shifts to standard output (2 Full time 4 h)"
    assert not (PROJECT_ROOT / "-").exists()
