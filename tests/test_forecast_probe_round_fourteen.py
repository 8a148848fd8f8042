"""Forecast probes: excluded periods in backtests, a queue opened lately in a wide file, ISO region codes."""

from __future__ import annotations

import pandas as pd
import pytest

import cli
from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.events import EXCLUDE, ForecastEvent
from forecasting.synthetic import synthetic_intervals


def _band(frame: pd.DataFrame, events: list[ForecastEvent]) -> float:
    settings = ForecastSettings(model="weighted_profile", country=None, events=events)
    forecast = forecast_dataset(frame, 14, settings).forecast
    forecast = forecast[forecast["is_open"]]
    return float((forecast["p90"] - forecast["p10"]).mean())


def test_an_excluded_surge_week_does_not_widen_the_band():
    clean = synthetic_intervals(7 * 12, seed=5)
    times = pd.to_datetime(clean[INTERVAL_START])
    surge = clean.copy()
    week = (times >= "2024-03-04") & (times < "2024-03-09")
    surge.loc[week, VOLUME] *= 3
    excluded = [ForecastEvent("storm week", "2024-03-04", "2024-03-09", EXCLUDE)]
    usual = _band(clean, [])
    assert 10 < usual < 13  # about 2 x 1.28 x sqrt(20) contacts per half hour
    # The week the manager left out was scored in the backtests: the band came out 4x as wide.
    assert abs(_band(surge, excluded) / usual - 1) < 0.05


def _old_and_new_queue() -> pd.DataFrame:
    """Ten weeks of an old queue beside a queue that opened two weeks ago, the file (one count
    column per queue) writing zeros for the new one before it opened."""
    old = synthetic_intervals(70, seed=2, queue="old")
    new = synthetic_intervals(70, seed=3, queue="new")
    new.loc[pd.to_datetime(new[INTERVAL_START]) < "2024-02-26", VOLUME] = 0.0
    return pd.concat([old, new], ignore_index=True)


def test_a_queue_opened_two_weeks_ago_is_not_backtested_on_the_weeks_before_it():
    result = forecast_dataset(_old_and_new_queue(), 14, ForecastSettings(country=None))
    # It was backtested from an origin with nothing but the weeks before it opened: every
    # model scored WAPE 1.0 and 0% coverage, and auto picked from that.
    assert result.chosen_models == {"new": "historical_average_4w", "old": "combination_glm"}
    assert set(result.backtest[QUEUE]) == {"old"}
    assert any(
        "Queue 'new' was not backtested" in note
        and "it has 10 days with data over 12 calendar days (26 Feb – 8 Mar 2024)" in note
        for note in result.notes
    )
    new = result.forecast[(result.forecast[QUEUE] == "new") & result.forecast["is_open"]]
    daily = new.groupby(new[INTERVAL_START].dt.date)["forecast"].sum()
    assert abs(daily[pd.Timestamp("2024-03-11").date()] - 520) < 50  # 20 x 1.3 x 20 slots


def test_a_backtest_counts_a_new_queues_days_from_its_first_contact():
    settings = ForecastSettings(country=None, horizon_days=14)
    result = backtest_dataset(_old_and_new_queue(), settings)
    notes = [note for note in result.notes if "Queue 'new'" in note]
    # It said "needs some 56 days of history or more; it has 68".
    assert notes == [
        "Queue 'new' was not backtested: it needs 20 days with data to train on (4 of each of "
        "its 5 open weekdays) and, after those, a 14-day stretch with at least 50% of its open "
        "intervals observed to score; it has 10 days with data over 12 calendar days (26 Feb – "
        "8 Mar 2024). Import a longer history."  # no horizon scores on 12 days
    ]


def _special_days(capsys, path, *country: str) -> list[str]:
    out = path.parent / "f.csv"
    args = ["forecast", str(path), "--horizon-days", "92", "--model", "weighted_profile"]
    assert cli.main([*args, *country, "--out", str(out)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "special day" in line]


def test_an_iso_region_code_is_the_country_and_its_region(tmp_path, capsys):
    path = tmp_path / "desk.csv"
    synthetic_intervals(70, seed=3).to_csv(path, index=False)
    days = _special_days(capsys, path, "--country", "de-by")
    assert days == _special_days(capsys, path, "--country", "DE", "--subdivision", "BY")
    assert any("Thu 30 May 2024 Corpus Christi" in line for line in days)  # Bavaria's, not Berlin's


def test_an_iso_region_code_beside_another_subdivision_is_refused(tmp_path, capsys):
    path = tmp_path / "desk.csv"
    synthetic_intervals(70, seed=3).to_csv(path, index=False)
    args = ["forecast", str(path), "--horizon-days", "7", "--country", "DE-BY"]
    assert cli.main([*args, "--subdivision", "BE", "--out", str(tmp_path / "f.csv")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: --country DE-BY names the region BY, but --subdivision says BE: give one of "
        "them, e.g. --country DE --subdivision BY."
    )


def test_an_origin_inside_a_day_of_daily_totals_still_forecasts_every_horizon_day():
    # Daily totals, origin at noon on Wed 28 Jan: that day stays history, and the two days
    # asked for follow it. The horizon was counted from the origin's own day: one day came out.
    days = pd.date_range("2025-10-01", "2026-01-31", freq="D")
    frame = pd.DataFrame({INTERVAL_START: days, QUEUE: "daily", VOLUME: 200.0})
    settings = ForecastSettings(country=None, origin="2026-01-28 12:10")
    forecast = forecast_dataset(frame, 2, settings).forecast
    assert list(forecast[INTERVAL_START]) == list(pd.to_datetime(["2026-01-29", "2026-01-30"]))
    assert forecast["forecast"].tolist() == pytest.approx([200.0, 200.0])
    on_the_day = forecast_dataset(frame, 2, ForecastSettings(country=None, origin="2026-01-29"))
    assert forecast["forecast"].tolist() == on_the_day.forecast["forecast"].tolist()
