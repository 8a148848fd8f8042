"""Forecast probes: a holiday region typed in lower case, a backtest cut at --origin that counts
the days it saw, and an interval table whose last weeks have rows without counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import holiday_names
from forecasting.synthetic import synthetic_intervals

FAST = ("--model", "weighted_profile")


def test_a_region_typed_in_lower_case_is_the_calendars_region():
    first = pd.Timestamp("2024-01-01")
    bavaria = holiday_names(first, 366, "DE", "BY")
    assert holiday_names(first, 366, "de", "by") == bavaria
    # Epiphany is a holiday in Bavaria, not in the whole of Germany.
    assert bavaria[pd.Timestamp("2024-01-06")] == "Epiphany"
    assert pd.Timestamp("2024-01-06") not in holiday_names(first, 366, "DE")


def test_the_cli_takes_a_lower_case_region_and_still_names_an_unknown_one(tmp_path, capsys):
    path = tmp_path / "desk.csv"
    frame = synthetic_intervals(7 * 6, seed=5, level=30, start="2024-04-08")  # to Sun 19 May
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    out = tmp_path / "f.csv"
    args = ["forecast", str(path), "--horizon-days", "14", *FAST, "--country", "de"]
    assert cli.main([*args, "--subdivision", "by", "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    # Corpus Christi is a holiday in Bavaria, not in the whole of Germany.
    assert "special day: desk Thu 30 May 2024 Corpus Christi, volume x" in stdout
    assert cli.main([*args, "--subdivision", "zz", "--out", str(out)]) == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith(
            "error: Unknown holiday region 'zz' of DE: use one the `holidays` package knows (BB, "
        )
    )


@pytest.fixture(scope="module")
def desk_csv(tmp_path_factory):
    """Twelve weeks of Mon-Fri 08:00-18:00 counts at 30 minutes, Mon 2024-01-01 on."""
    frame = synthetic_intervals(7 * 12 - 2, seed=5, level=30)
    path = tmp_path_factory.mktemp("round12") / "desk.csv"
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    return path


def test_a_backtest_cut_at_an_origin_counts_the_days_before_it(desk_csv, tmp_path, capsys):
    out = tmp_path / "metrics.csv"
    code = cli.main(["backtest", str(desk_csv), *FAST, "--origin", "2024-03-01", "--out", str(out)])
    stdout = capsys.readouterr().out
    assert code == 0
    scored = int(pd.read_csv(out)["n_origins"].iloc[0])
    # 2024-01-01 to 2024-02-29: 60 days, not the file's 82.
    assert scored == 1
    assert (
        "note: desk: 1 of the 8 origins asked for was scored: its 60 days of history "
        "before --origin 2024-03-01 hold 3 weekly 14-day backtests" in stdout
    )
    assert stdout.count("A later --origin or a longer history scores more.") == 1


def test_a_one_day_backtest_note_says_one_day(desk_csv, tmp_path, capsys):
    out = tmp_path / "metrics.csv"
    code = cli.main(["backtest", str(desk_csv), *FAST, "--horizon-days", "1", "--out", str(out)])
    stdout = capsys.readouterr().out
    assert code == 0
    assert "whose 1 day had passed" in stdout and "1 days" not in stdout


def test_rows_without_counts_after_the_last_count_are_named_with_where_the_forecast_starts():
    frame = synthetic_intervals(7 * 12 - 2, seed=3, start="2024-01-01")  # to Fri 2024-03-22
    times = pd.to_datetime(frame["interval_start"])
    padded = frame.assign(volume=np.where(times >= "2024-03-04", np.nan, frame["volume"]))
    result = forecast_dataset(padded, 7, ForecastSettings(model="historical_average_4w"))
    assert result.forecast["interval_start"].min() == pd.Timestamp("2024-03-02")
    assert (
        "The data's rows run to Fri 22 Mar 2024, but the last count is at Fri 1 Mar 2024 17:30: "
        "the 21 days from Sat 2 Mar on have rows without counts, read as missing. The forecast "
        "starts at Sat 2 Mar 2024 00:00, right after the last count. If those days are past, "
        "import their counts."
    ) in result.notes
    # Rows without counts to the end of the last day only: no such note.
    partial = frame.assign(volume=np.where(times >= "2024-03-22 12:00", np.nan, frame["volume"]))
    notes = forecast_dataset(partial, 7, ForecastSettings(model="historical_average_4w")).notes
    assert not any("rows without counts" in note for note in notes)
