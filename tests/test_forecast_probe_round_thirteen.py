"""Forecast probes: the API's horizon range, counts of one in the CLI's output, and the hour a
clock going forward skips in a 24/7 queue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from data.errors import InputError
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.synthetic import synthetic_intervals

FAST = ("--model", "weighted_profile", "--country", "none")


@pytest.mark.parametrize("days", [0, -3, 93, 365])
def test_forecast_dataset_refuses_a_horizon_outside_1_to_92_days(days):
    frame = synthetic_intervals(7 * 6, seed=1)
    with pytest.raises(InputError) as error:
        forecast_dataset(frame, days, ForecastSettings(model="historical_average_4w"))
    assert str(error.value) == (
        f"Horizon must be a whole number of days from 1 to 92 (got {days})."
    )


@pytest.mark.parametrize("days", [0, 120])
def test_backtest_dataset_refuses_a_horizon_outside_1_to_92_days(days):
    frame = synthetic_intervals(7 * 6, seed=1)
    settings = ForecastSettings(model="historical_average_4w", horizon_days=days)
    with pytest.raises(InputError) as error:
        backtest_dataset(frame, settings)
    assert str(error.value) == (
        f"Horizon must be a whole number of days from 1 to 92 (got {days})."
    )


def test_forecast_dataset_refuses_a_fraction_of_a_day():
    with pytest.raises(InputError, match=r"whole number of days from 1 to 92 \(got 1\.5\)"):
        forecast_dataset(synthetic_intervals(7 * 6, seed=1), 1.5)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def one_slot_csv(tmp_path_factory):
    """Eight weeks of hourly counts, open only Mon-Fri 09:00: a one-day horizon holds one open
    interval."""
    times = pd.date_range("2024-01-01", periods=56 * 24, freq="h")
    calls = np.where(
        (times.hour == 9) & (times.day_of_week < 5),
        np.random.default_rng(2).poisson(4, times.size),
        0,
    )
    path = tmp_path_factory.mktemp("round13") / "one.csv"
    pd.DataFrame({"interval_start": times, "calls": calls}).to_csv(path, index=False)
    return path


def test_forecast_and_plan_write_one_open_interval_in_the_singular(one_slot_csv, tmp_path, capsys):
    out = tmp_path / "f.csv"
    args = ["--horizon-days", "1", "--origin", "2024-02-19", *FAST]
    assert cli.main(["forecast", str(one_slot_csv), *args, "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert f"wrote 1 open interval to {out} (models one: weighted_profile)" in stdout
    plan = tmp_path / "p.csv"
    command = ["plan", str(one_slot_csv), *args, "--aht-seconds", "240", "--out", str(plan)]
    assert cli.main(command) == 0
    stdout = capsys.readouterr().out
    assert (
        f"wrote 1 open interval to {plan} (models one: weighted_profile; agents sized on the mean forecast): "
        "peak 2 agents, 3 rostered, 1 supervisor, 0.7 FTE"
    ) in stdout


def test_staff_writes_one_interval_one_agent_and_one_supervisor(tmp_path, capsys):
    forecast = tmp_path / "f.csv"
    pd.DataFrame({"interval_start": ["2024-03-04 09:00"], "forecast": [0.2]}).to_csv(
        forecast, index=False
    )
    out = tmp_path / "s.csv"
    code = cli.main(
        [
            "staff",
            str(forecast),
            "--aht-seconds",
            "240",
            "--service-level",
            "0.8",
            "--answer-within-seconds",
            "20",
            "--interval-minutes",
            "60",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    stdout = capsys.readouterr().out
    assert f"wrote 1 interval to {out}: peak 1 agent, " in stdout
    assert " 1 supervisor (one per 12 rostered; band 1-1 at one per 15 to one per 8)" in stdout


def test_a_backtest_with_one_scored_origin_says_it_was_scored(tmp_path, capsys):
    path = tmp_path / "desk.csv"
    frame = synthetic_intervals(7 * 12 - 2, seed=5, level=30)
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    out = tmp_path / "m.csv"
    args = ["backtest", str(path), "--model", "weighted_profile", "--origin", "2024-03-01"]
    assert cli.main([*args, "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "note: desk: 1 of the 8 origins asked for was scored: its 60 days " in stdout


def _around_the_clock(weeks: int, skip_spring_hour: bool = True, zeros: bool = False):
    """A 24/7 queue at 15 minutes from Mon 2024-01-01; on the last Sunday of March the local
    hour 02:00-03:00 is left out (or, as a contact log would show it, has no contact)."""
    times = pd.date_range("2024-01-01", periods=weeks * 7 * 96, freq="15min")
    hours = times.hour + times.minute / 60
    means = 10 * (0.3 + np.exp(-((hours - 11) ** 2) / 8))
    calls = np.random.default_rng(4).poisson(means).astype(float)
    frame = pd.DataFrame({"interval_start": times, "queue": "desk", "volume": calls})
    if not skip_spring_hour:
        return frame
    lost = (times >= "2024-03-31 02:00") & (times < "2024-03-31 03:00")
    if zeros:
        return frame.assign(volume=np.where(lost, 0.0, calls))
    return frame[~lost].reset_index(drop=True)


SPRING_2025 = ("2025-03-30 02:00", "2025-03-30 03:00")


@pytest.mark.parametrize("zeros", [False, True])
def test_the_hour_a_spring_clock_change_skips_gets_no_forecast(zeros):
    frame = _around_the_clock(70, zeros=zeros)
    settings = ForecastSettings(model="weighted_profile", country=None, origin="2025-03-24")
    result = forecast_dataset(frame, 7, settings)
    forecast = result.forecast
    times = forecast["interval_start"]
    skipped = forecast[(times >= SPRING_2025[0]) & (times < SPRING_2025[1])]
    assert len(skipped) == 4
    assert (skipped[["forecast", "p10", "p50", "p80", "p90"]] == 0).all().all()
    assert not skipped["is_open"].any()
    # The hours around it, and the same hour a week before, are forecast as usual.
    others = forecast[(times.dt.hour == 2) & (times.dt.normalize() != "2025-03-30")]
    assert len(others) == 6 * 4 and (others["forecast"] > 1).all() and others["is_open"].all()
    assert (
        "desk: Sun 30 Mar 2025 02:00–03:00 gets no forecast and no staff: the clock skips that "
        "hour (going forward), as the history shows on Sun 31 Mar 2024, where it has no such "
        "hour."
    ) in result.notes


def test_a_history_without_a_clock_change_keeps_the_hour():
    frame = _around_the_clock(70, skip_spring_hour=False)
    settings = ForecastSettings(model="weighted_profile", country=None, origin="2025-03-24")
    result = forecast_dataset(frame, 7, settings)
    times = result.forecast["interval_start"]
    kept = result.forecast[(times >= SPRING_2025[0]) & (times < SPRING_2025[1])]
    assert (kept["forecast"] > 1).all() and kept["is_open"].all()
    assert not any("clock skips" in note for note in result.notes)


def test_the_cli_writes_no_row_for_the_skipped_hour(tmp_path, capsys):
    path = tmp_path / "desk.csv"
    frame = _around_the_clock(70)
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    out = tmp_path / "f.csv"
    args = ["--horizon-days", "7", "--origin", "2025-03-24", *FAST, "--out", str(out)]
    assert cli.main(["forecast", str(path), *args]) == 0
    stdout = capsys.readouterr().out
    written = pd.to_datetime(pd.read_csv(out)["interval_start"])
    assert len(written) == 7 * 96 - 4
    assert not ((written >= SPRING_2025[0]) & (written < SPRING_2025[1])).any()
    assert "note: desk: Sun 30 Mar 2025 02:00–03:00 gets no forecast and no staff" in stdout
