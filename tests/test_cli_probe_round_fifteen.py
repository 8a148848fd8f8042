"""Round fifteen of probing the CLI as a planner scripting it would: an option a command does not
take, a contact export given to `staff`, a short backtest's day count, and one file given twice."""

from __future__ import annotations

import pytest

import cli

TARGETS = ("--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20")


def _refusal(capsys, *arguments: str) -> str:
    """The one stderr line `cli.py ARGUMENTS` exits 2 with, run in-process."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(list(arguments))
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# 1. An option the command does not take was refused as "cli.py: unrecognized arguments: --queue
# billing", naming neither the command nor the option meant.


@pytest.mark.parametrize(
    ("arguments", "hint"),
    [
        (
            ("staff", "f.csv", *TARGETS, "--queue", "billing", "--out", "p.csv"),
            "error: cli.py staff: unrecognized arguments: --queue billing (staff has no --queue: "
            "forecast, backtest, plan and shifts take it); see cli.py staff --help",
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
