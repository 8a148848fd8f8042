"""Tables as written: the app's downloads and the CLI's --out files carry four decimals."""

from __future__ import annotations

import pandas as pd
from conftest import run_cli

from data.export import rounded
from forecasting.synthetic import synthetic_intervals


def test_floats_are_rounded_and_other_columns_kept():
    frame = pd.DataFrame(
        {"queue": ["a", "b"], "agents": [2, 3], "forecast": [907.2840803084948, 0.123456]}
    )
    out = rounded(frame)
    assert out["forecast"].tolist() == [907.2841, 0.1235]
    assert out["agents"].tolist() == [2, 3] and out["agents"].dtype == frame["agents"].dtype
    assert out["queue"].tolist() == ["a", "b"]
    assert frame["forecast"].iloc[0] == 907.2840803084948  # the input is left as it was


def test_the_cli_forecast_file_has_four_decimals_at_most(tmp_path):
    path, out = tmp_path / "desk.csv", tmp_path / "forecast.csv"
    synthetic_intervals(28, seed=3, level=17).to_csv(path, index=False)
    done = run_cli(
        "forecast", path, "--horizon-days", 3, "--model", "weighted_profile", "--out", out
    )
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    decimals = [len(cell.partition(".")[2]) for line in lines[1:] for cell in line.split(",")[2:]]
    # Before: 15 or 16 decimals ("17.283333333333335"), as float64 prints.
    assert max(decimals) <= 4 and max(decimals) > 0
