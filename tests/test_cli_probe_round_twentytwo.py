"""Round twenty-two of probing the CLI as a planner scripting it would: standard input's `-`
given where the command belongs, --version asked of a command, a day-first date with a
two-digit year that reads year first as well, the days the notes of `forecast` and `plan` name
(written as every other message writes a day), and the cost per interval `staff --out` writes
beside the summary's total."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent


def one_line_refusal(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        cli.main(list(argv))
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err


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
