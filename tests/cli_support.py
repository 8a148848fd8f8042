"""Inputs and checks the CLI probe tests share: a small forecast file and a one-line refusal."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cli


def write_two_day_forecast(folder: Path) -> Path:
    """Two days of 40 calls a half hour at 240 s, 08:00-18:00, as forecast.csv in `folder`."""
    starts = pd.date_range("2024-03-04 08:00", periods=2 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    path = folder / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40, "aht_seconds": 240}).to_csv(
        path, index=False
    )
    return path


def one_line_refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What `cli.py ARGV` writes to stderr, checked to be one line ending in exit code 2."""
    with pytest.raises(SystemExit) as done:
        cli.main(list(argv))
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err
