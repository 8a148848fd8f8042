"""Forecast probes: the `forecast` command a plan with a volume change names for all its peaks
writes the peaks that plan lists; a history too thin to backtest is told what it lacks in days
with data, the unit that decides it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import cli
import cli_commands.forecast
from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.synthetic import synthetic_intervals

# 1. A plan's volume change and the forecast that lists all its peaks.


def _peak_figures(lines: list[str]) -> list[str]:
    """'Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% ... ≈ 3,586 extra contacts' of each peak line,
    its cause left out: plan names the change 'scenario +30% ...', forecast 'campaign ...'."""
    return [re.sub(r" \(.*\)$", "", line) for line in lines if line.startswith("peak ")]


def test_the_forecast_a_plan_names_for_its_peaks_writes_the_peaks_the_plan_lists(
    shared_data, tmp_path, capsys, monkeypatch
):
    # Tech. Axa from Wed 1 Jan 2014, +30% on Mon 6 - Sun 12 Jan: plan pointed at
    # 'cli.py forecast --peaks-out PEAKS.csv', whose peaks are those of the unchanged forecast
    # (2: 'Tue 7 Jan, all day: +46% ..., ≈ 1,549 extra contacts' and Thu 2 Jan), and forecast
    # refuses --volume-change-pct. Its --campaign over the same days changes the forecast by
    # the same factor: the same 10 peaks, to the contact.
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)  # every peak printed
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "30", "--change-from", "2014-01-06", "--change-to", "2014-01-12",
            "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    planned = _peak_figures(capsys.readouterr().out.splitlines())
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 5)
    assert cli.main(plan) == 0
    named = capsys.readouterr().out.splitlines()
    assert named[-5] == (
        "peaks: 5 more after these 5, smaller; cli.py forecast --campaign 2014-01-06 2014-01-12 "
        "30 --peaks-out PEAKS.csv lists them all, the change as a campaign"
    )
    peaks_out = tmp_path / "peaks.csv"
    forecast = ["forecast", export, "--horizon-days", "14", "--campaign", "2014-01-06",
                "2014-01-12", "30", "--peaks-out", str(peaks_out),
                "--out", str(tmp_path / "forecast.csv")]  # fmt: skip
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)
    assert cli.main(forecast) == 0
    assert _peak_figures(capsys.readouterr().out.splitlines()) == planned
    written = pd.read_csv(peaks_out)
    assert written["extra_contacts"].round().astype(int).tolist() == [
        3586, 1380, 890, 716, 707, 667, 159, 76, 67, 53
    ]  # fmt: skip
    assert len(planned) == 10 and planned[0] == (
        "peak 1: Tech. Axa Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% over a usual Monday, ≈ 3,586 "
        "extra contacts"
    )


def test_a_plan_changing_every_day_names_the_campaign_over_its_horizon(
    shared_data, tmp_path, capsys
):
    # Without --change-from/--change-to the change covers the plan's 14 days, Wed 1 - Tue 14 Jan.
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "20", "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "lists them all" in line]
    assert said == [
        "peaks: 6 more after these 5, smaller; cli.py forecast --campaign 2014-01-01 2014-01-14 "
        "20 --peaks-out PEAKS.csv lists them all, the change as a campaign"
    ]


# 2. What a backtest needs, in days with data.


def _first_and_last_weeks(last_days: int) -> pd.DataFrame:
    """Weekdays 08:00-18:00: the week of Mon 3 Jan 2011, then `last_days` from Mon 20 Nov 2023."""
    first = synthetic_intervals(7, seed=1, start="2011-01-03")
    last = synthetic_intervals(last_days, seed=2, start="2023-11-20")
    return pd.concat([first, last], ignore_index=True)


THIN_DESK = (
    "Queue 'desk' was not backtested: it needs 20 days with data to train on (4 of each of its 5 "
    "open weekdays) and, after those, a 14-day stretch with at least 50% of its open intervals "
    "observed to score; it has 20 days with data over 4,723 calendar days (3 Jan 2011 – 8 Dec "
    "2023): none from Mon 10 Jan 2011 to Fri 17 Nov 2023 (671 weeks)."
)


def test_a_history_too_thin_to_backtest_is_told_its_need_in_days_with_data():
    # It read 'needs 42 days of history ...; it has 4,723 days (...), 20 of them with data': a
    # need of 42 days met a hundred times over, and refused. The 5 days of 2011 and 15 of 2023
    # are the 20 a weekday desk trains on; none are left after them to score.
    with pytest.raises(InputError) as refused:
        backtest_dataset(_first_and_last_weeks(21), ForecastSettings(horizon_days=14))
    assert str(refused.value) == THIN_DESK + " Import the missing weeks."
    result = forecast_dataset(_first_and_last_weeks(21), 14, ForecastSettings())
    assert [note for note in result.notes if "backtested" in note] == [
        THIN_DESK + " It is forecast with the model '4-week average' (--model "
        "historical_average_4w), and its P10–P90 band is sized on how its weeks differed from one "
        "another instead of being calibrated on backtests."
    ]


def test_a_queue_open_every_day_needs_28_days_with_data_to_train():
    # 3 weeks round the clock, every day with data: 21 of the 28 a backtest trains on.
    starts = pd.date_range("2024-04-01", periods=21 * 24, freq="h")
    calls = np.random.default_rng(3).poisson(10, len(starts)).astype(float)
    intervals = pd.DataFrame({INTERVAL_START: starts, QUEUE: "line", VOLUME: calls})
    with pytest.raises(InputError) as refused:
        backtest_dataset(intervals, ForecastSettings(horizon_days=7))
    assert str(refused.value).startswith(
        "Queue 'line' was not backtested: it needs 28 days with data to train on (4 of each "
        "weekday) and, after those, a 7-day stretch with at least 50% of its open intervals "
        "observed to score; it has 21 days, all with data (1 Apr – 21 Apr 2024)."
    )
