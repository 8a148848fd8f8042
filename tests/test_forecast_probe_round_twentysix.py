"""Forecast probes: an --origin typed day/month or month/day, as managers in and outside the US
write dates, or without a year; the note on an export cut short across a holiday."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, forecast_dataset


def _refusal(capsys, *arguments: str) -> str:
    """The one stderr line `cli.py ARGUMENTS` exits 2 with, run in-process."""
    with pytest.raises(SystemExit) as stopped:  # argparse refuses the option before reading
        cli.main(list(arguments))
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    ("origin", "day_first", "month_first"),
    [
        ("02/04/2024", "2024-04-02 (day 2, month 4)", "2024-02-04 (month 2, day 4)"),
        ("04.02.2024 08:00", "2024-02-04 (day 4, month 2)", "2024-04-02 (month 4, day 2)"),
        ("10-11-2024", "2024-11-10 (day 10, month 11)", "2024-10-11 (month 10, day 11)"),
    ],
)
def test_an_origin_whose_day_and_month_could_swap_is_refused_naming_both(
    capsys, origin, day_first, month_first
):
    # "02/04/2024" was read month first: a European manager's 2 April started the forecast on
    # Mon 5 Feb, eight weeks early, with no note; "04.02.2024" (German 4 February) read 2 April.
    line = _refusal(
        capsys, "forecast", "h.csv", "--horizon-days", "7", "--origin", origin, "--out", "f.csv"
    )
    assert line == (
        f"error: cli.py forecast: argument --origin: '{origin}' could be day/month or month/day:"
        f" write the date year first, {day_first} or {month_first}"
    )


def _desk_csv(path) -> str:
    """Four weeks of a Mon-Fri desk, 09:00-12:00 in hours, from Mon 4 Mar 2024."""
    times = pd.date_range("2024-03-04", periods=28 * 24, freq="60min")
    times = times[(times.hour >= 9) & (times.hour < 12) & (times.day_of_week < 5)]
    counts = np.random.default_rng(0).poisson(6.0, times.size)
    pd.DataFrame({"Interval": times.strftime("%Y-%m-%d %H:%M"), "Calls": counts}).to_csv(
        path, index=False
    )
    return str(path)


@pytest.mark.parametrize("origin", ["13/03/2024", "03/13/2024", "2024-03-13", "13.03.2024"])
def test_an_origin_only_one_reading_fits_still_forecasts_from_that_day(tmp_path, capsys, origin):
    # A 13 can only be the day: no ambiguity, and every spelling starts on Wed 13 March.
    out = tmp_path / "f.csv"
    arguments = ["forecast", _desk_csv(tmp_path / "h.csv"), "--horizon-days", "1"]
    code = cli.main([*arguments, "--model", "historical_average_4w", "--country", "none",
                     "--origin", origin, "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    forecast = pd.read_csv(out, parse_dates=["interval_start"])
    assert forecast["interval_start"].dt.strftime("%a %d %b %H:%M").tolist() == [
        "Wed 13 Mar 09:00",
        "Wed 13 Mar 10:00",
        "Wed 13 Mar 11:00",
    ]


@pytest.mark.parametrize("origin", ["2 April", "2/4", "April 2 08:00"])
def test_an_origin_without_a_year_is_refused_as_such(capsys, origin):
    # Read as year 1, "2 April" was refused as "before the data", though April was in it.
    line = _refusal(
        capsys, "forecast", "h.csv", "--horizon-days", "7", "--origin", origin, "--out", "f.csv"
    )
    assert line == (
        f"error: cli.py forecast: argument --origin: '{origin}' has no year: write the date "
        "year first, like 2024-03-04 or 2024-03-04 08:00"
    )


def test_an_export_cut_short_across_a_holiday_is_named_by_its_dates():
    # A Mon-Fri desk, 20 a busy hour 08:00-18:00, whose export writes zeros from Mon 12 to Fri
    # 23 Aug 2024. Assumption (Thu 15), the bridge (Fri 16) and the day after (Mon 19) are
    # not counted, so the note read "the last 7 open days brought no contact" for 10 weekdays.
    times = pd.date_range("2024-05-06", "2024-08-24", freq="60min", inclusive="left")
    times = times[(times.hour >= 8) & (times.hour < 18) & (times.day_of_week < 5)]
    counts = np.random.default_rng(7).poisson(20.0, times.size).astype(float)
    counts[times >= pd.Timestamp("2024-08-12")] = 0.0
    frame = pd.DataFrame({INTERVAL_START: times, QUEUE: "desk", VOLUME: counts})
    result = forecast_dataset(frame, 7, ForecastSettings(country="IT"))
    assert (
        "desk: zero contacts from Mon 12 Aug to Fri 23 Aug 2024, where the weeks before "
        "bring many on each of its 7 ordinary open days: read as missing (an export cut short), "
        "so the history ends Fri 9 Aug 2024. If the queue really stopped, leave it out."
    ) in result.notes
    # Read as missing, the zeros leave the level alone: about 200 a day.
    days = result.forecast.groupby(result.forecast[INTERVAL_START].dt.date)["forecast"].sum()
    assert days[days > 0].mean() == pytest.approx(200, rel=0.05)
