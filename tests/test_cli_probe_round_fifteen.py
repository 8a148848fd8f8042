"""Round fifteen of probing the CLI as a planner scripting it would: an option a command does not
take, a contact export given to `staff`, a short backtest's day count, and one file given twice."""

from __future__ import annotations

import pytest

import cli

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
