"""Round twenty-two of probing the CLI as a planner scripting it would: standard input's `-`
given where the command belongs, --version asked of a command, a day-first date with a
two-digit year that reads year first as well, the days the notes of `forecast` and `plan` name
(written as every other message writes a day), and the cost per interval `staff --out` writes
beside the summary's total."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest
from cli_support import one_line_refusal

import cli
from cli_commands.notes import closed_days_note, origin_off_grid_note, special_day_lines
from cli_commands.options import day_first_date
from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN, QUEUE

ROOT = Path(__file__).resolve().parent.parent


# 1. `cli.py -`, standard input given before any command, read argparse's "argument command:
# invalid choice: '-' (choose from ...)", as if - were a mistyped command.


def test_standard_input_given_as_the_command_says_the_command_comes_first(capsys):
    assert one_line_refusal(capsys, "-") == (
        "error: cli.py: - names standard input as a FILE: give the command first, "
        "e.g. cli.py inspect -\n"
    )


# 2. `cli.py staff --version` read "the following arguments are required: FORECAST.csv, --out,
# ...": only `cli.py --version` printed it.


@pytest.mark.parametrize("argv", [["staff", "--version"], ["shifts", "plan.csv", "--version"]])
def test_version_asked_of_a_command_prints_the_version(capsys, argv):
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 0
    with open(ROOT / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert capsys.readouterr().out == f"Picco {version}\n"


# 3. A day-first date with a two-digit year, `--change-from 26-02-03`, was read as Wed 26 Feb
# 2003 with a note, and `--origin 26.02.03` silently so, though 26-02-03 reads year first as
# Tue 3 Feb 2026 too (as in ISO's 2026-02-03). The import reads a file's lone such date day
# first only with a note giving the year-first reading; a single value on the command line has
# nothing beside it to tell them apart, so both readings are named and it is refused, as a
# day and month that could swap are.


def test_a_two_digit_year_date_that_reads_year_first_too_is_refused_naming_both():
    with pytest.raises(InputError) as refused:
        day_first_date("26-02-03", "--change-from")
    assert str(refused.value) == (
        "--change-from '26-02-03' could be day/month/year, Wed 26 Feb 2003, or year/month/day, "
        "Tue 3 Feb 2026: write the year in four digits, 2003-02-26 or 2026-02-03"
    )


def test_an_origin_with_a_two_digit_year_that_reads_year_first_too_is_refused(capsys):
    argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", "13.02.24"]
    assert one_line_refusal(capsys, *argv) == (
        "error: cli.py forecast: argument --origin: '13.02.24' could be day/month/year, "
        "Tue 13 Feb 2024, or year/month/day, Sun 24 Feb 2013: write the year in four digits, "
        "2024-02-13 or 2013-02-24\n"
    )


def test_a_two_digit_year_date_with_one_reading_is_read_as_it():
    # 2025-02-31 is no day: 25/02/31 can only be 25 Feb 2031.
    assert day_first_date("25/02/31", "--change-to")[0] == "2031-02-25"
    assert day_first_date("05/05/2024", "--change-to") == ("2024-05-05", None)


# 4. The notes of `forecast` and `plan` wrote their days "Sat 2024-03-09", where every other
# message of the project writes "Sat 9 Mar 2024" (data.dates.day_text); an --origin the planner
# typed is still echoed as typed, and the latest origin to give is named as --origin takes it.


def test_the_closed_days_and_special_days_notes_write_days_as_every_message_does():
    starts = pd.date_range("2024-03-08 08:00", "2024-03-11 17:30", freq="30min")
    forecast = pd.DataFrame(
        {
            INTERVAL_START: starts,
            QUEUE: "desk",
            IS_OPEN: (starts.day_of_week < 5) & (starts.hour >= 8) & (starts.hour < 18),
        }
    )
    assert closed_days_note(forecast, "f.csv") == (
        "closed all day, so no row in f.csv: Sat 9 Mar 2024, Sun 10 Mar 2024"
    )
    holiday = pd.DataFrame(
        {
            QUEUE: ["desk"],
            "date": [pd.Timestamp("2024-04-01")],
            "special_day": ["Easter Monday"],
            "effect": [0.2],
            "learned_from_days": [2],
            "learned_from": ["Mon 10 Apr 2023, Mon 17 Apr 2023"],
        }
    )
    assert special_day_lines(holiday) == [
        "special day: desk Mon 1 Apr 2024 Easter Monday, volume x0.20 of a usual day (learned "
        "from 2 past days: Mon 10 Apr 2023, Mon 17 Apr 2023)"
    ]


def test_the_origin_note_echoes_the_origin_as_typed_and_the_days_as_read():
    assert origin_off_grid_note("2024-03-08 12:10", 1440) == (
        "--origin 2024-03-08 12:10 falls inside a day of daily totals: Fri 8 Mar 2024 stays in "
        "the history, and the forecast starts on the next day, Sat 9 Mar 2024."
    )
    assert origin_off_grid_note("2024-03-08 23:50", 15) == (
        "--origin 2024-03-08 23:50 falls inside the 23:45 interval of the 15-minute data: that "
        "interval stays in the history (its counts run to 00:00), and the forecast starts at "
        "the next interval start, Sat 9 Mar 2024 00:00."
    )


# 5. `staff --out` left out the paid_hours and cost columns `plan --out` writes, though its
# summary prints the cost: a manager reconciling the file with "cost EUR 5,400" had nothing
# in it to add up.


def test_staff_writes_each_intervals_paid_hours_and_cost_adding_up_to_the_summary(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=2 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    forecast = tmp_path / "forecast.csv"
    pd.DataFrame({INTERVAL_START: starts, "volume": 40, "aht_seconds": 240}).to_csv(
        forecast, index=False
    )
    out = tmp_path / "plan.csv"
    costs = ["--agent-hourly-cost", "20", "--supervisor-hourly-cost", "30"]
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(["staff", str(forecast), *targets, *costs, "--out", str(out)]) == 0
    assert "cost € 5,400 over 2 days" in capsys.readouterr().out
    plan = pd.read_csv(out)
    # 40 calls of 240 s a half hour: 8 agents, 12 rostered (30% shrinkage), 1 supervisor;
    # (12 + 1) × 0.5 h = 6.5 h, 12 × 0.5 × EUR 20 + 1 × 0.5 × EUR 30 = EUR 135 an interval.
    assert plan[["rostered", "supervisors"]].drop_duplicates().values.tolist() == [[12, 1]]
    assert plan["paid_hours"].unique().tolist() == [6.5]
    assert plan["cost"].unique().tolist() == [135.0]
    assert plan["cost"].sum() == 40 * 135 == 5400
