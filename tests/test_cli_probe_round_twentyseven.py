"""CLI probe, round twenty-seven: numeric options refused with their value as typed ("got 0",
not "got 0.0") and an example of a valid one."""

from __future__ import annotations

import pytest
from cli_support import write_two_day_forecast

import cli

TARGETS = ("--service-level", "0.8", "--answer-within-seconds", "20")


def _refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What `cli.py ARGV` writes to stderr, checked to be one line with exit code 2."""
    assert cli.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err


# 1. `staff --aht-seconds 0` read "AHT seconds must be greater than 0, got 0.0".


@pytest.mark.parametrize(
    ("option", "value", "refusal"),
    [
        ("--aht-seconds", "0",
         "--aht-seconds 0: AHT seconds must be greater than 0 (got 0); set the average handle "
         "time in seconds, e.g. 300"),
        ("--aht-seconds", "-5",
         "--aht-seconds -5: AHT seconds must be greater than 0 (got -5); set the average handle "
         "time in seconds, e.g. 300"),
        ("--max-asa-seconds", "0",
         "--max-asa-seconds 0: maximum ASA seconds must be greater than 0 (got 0); give the "
         "longest average wait to answer in seconds, e.g. 30"),
        ("--patience-seconds", "0",
         "--patience-seconds 0: patience seconds must be greater than 0 (got 0); give the "
         "callers' mean time before hanging up in seconds, e.g. 180"),
        ("--max-occupancy", "0",
         "--max-occupancy 0: maximum occupancy must be a fraction above 0 and at most 1, "
         "e.g. 0.85 (got 0)"),
        ("--shrinkage", "1",
         "--shrinkage 1: shrinkage must be a fraction from 0 up to (not including) 1, e.g. 0.3 "
         "for 30% (got 1)"),
        ("--chat-handle-growth", "-1",
         "--chat-handle-growth -1: chat handle-time growth must be 0 or more, e.g. 0.15 for 15% "
         "longer per extra chat (got -1)"),
        ("--email-response-hours", "0",
         "--email-response-hours 0: e-mail response hours must be greater than 0 (got 0); give "
         "the working hours to answer an e-mail in, e.g. 24"),
        ("--weekly-contract-hours", "0",
         "--weekly-contract-hours 0: weekly contract hours must be greater than 0 (got 0); give "
         "a full-time week's paid hours, e.g. 38"),
        ("--agent-hourly-cost", "-1",
         "--agent-hourly-cost -1: agent hourly cost must be € 0 or more (got -€ 1), e.g. € 22"),
        ("--supervisor-hourly-cost", "-2.5",
         "--supervisor-hourly-cost -2.5: supervisor hourly cost must be € 0 or more "
         "(got -€ 2.50), e.g. € 30"),
        ("--interval-minutes", "0",
         "--interval-minutes must be greater than 0 (got 0); give the length of "),
    ],
)  # fmt: skip
def test_a_refused_number_reads_as_typed_with_a_valid_example(
    capsys, tmp_path, option, value, refusal
):
    forecast = write_two_day_forecast(tmp_path)
    out = str(tmp_path / "plan.csv")
    line = _refusal(capsys, "staff", str(forecast), "--out", out, *TARGETS, option, value)
    assert line.startswith(f"error: {refusal}")
    assert ".0)" not in line and ".0;" not in line
