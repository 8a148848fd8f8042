"""Forecast probes: weeks of export zeros (training, backtests, the calendar hint), a whole day of
catch-up after a holiday as one peak, a UTC export across a daylight-saving switch."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from data.schema import INTERVAL_START, VOLUME
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset
from forecasting.country import daily_totals, suggest_holiday_country
from forecasting.synthetic import synthetic_intervals

NO_CALENDAR = ForecastSettings(country=None)


def _desk_with_zero_weeks(first: str, last: str) -> pd.DataFrame:
    """A Mon-Fri desk from Mon 1 Jan to Fri 17 May 2024 whose export wrote zeros from `first`
    to `last` (closed slots are exported as zeros too)."""
    frame = synthetic_intervals(140, seed=4, start="2024-01-01", include_closed=True)
    frame = frame[frame[INTERVAL_START] < "2024-05-18"].reset_index(drop=True)
    fault = (frame[INTERVAL_START] >= first) & (frame[INTERVAL_START] < last)
    frame.loc[fault, VOLUME] = 0.0
    return frame


def _day_totals(result) -> pd.Series:
    forecast = result.forecast
    return forecast.groupby(forecast[INTERVAL_START].dt.normalize())[
        ["forecast", "p10", "p90"]
    ].sum()


def test_three_weeks_of_export_zeros_are_no_demand():
    # Zeros on every day from Mon 1 to Sun 21 Apr 2024. Each empty day has the same weekday
    # a week before or after empty too, which read as a new rota, so the zeros were trained
    # on and scored: Wed 22 May was forecast at 374 (405 from the same history without the
    # fault), the band was sized on backtest weeks of zeros, and with the Italian calendar a
    # note said the last weeks brought 2.7x the weeks before.
    result = forecast_dataset(_desk_with_zero_weeks("2024-04-01", "2024-04-22"), 14, NO_CALENDAR)
    clean = forecast_dataset(_desk_with_zero_weeks("2099-01-01", "2099-01-02"), 14, NO_CALENDAR)
    totals, usual = _day_totals(result), _day_totals(clean)
    wednesday = pd.Timestamp("2024-05-22")
    assert totals.loc[wednesday, "forecast"] == pytest.approx(
        usual.loc[wednesday, "forecast"], rel=0.03
    )
    # The band is as wide as without the fault: P10 and P90 of the day within 10%.
    for column in ("p10", "p90"):
        assert totals.loc[wednesday, column] == pytest.approx(usual.loc[wednesday, column], rel=0.1)
    assert not any("the weeks before" in note and "2." in note for note in result.notes)


def test_five_silent_weeks_before_a_reopening_are_no_trend():
    # Zeros from Mon 4 Mar to Sun 7 Apr 2024, then six weeks as before. The weeks around the
    # middle of so long a run are empty too, so its days had no usual to be judged by and were
    # trained on: Thu 23 May was forecast at 472 (+18%) and ten peaks read "trend: recent level
    # above usual".
    result = forecast_dataset(_desk_with_zero_weeks("2024-03-04", "2024-04-08"), 7, NO_CALENDAR)
    clean = forecast_dataset(_desk_with_zero_weeks("2099-01-01", "2099-01-02"), 7, NO_CALENDAR)
    totals, usual = _day_totals(result), _day_totals(clean)
    thursday = pd.Timestamp("2024-05-23")
    assert totals.loc[thursday, "forecast"] == pytest.approx(
        usual.loc[thursday, "forecast"], rel=0.03
    )
    assert result.peaks.empty


def test_weeks_of_export_zeros_suggest_no_holiday_calendar():
    # The three silent weeks took in Eid al-Fitr (Wed 10 - Fri 12 Apr 2024), so the quiet days
    # "matched" the United Arab Emirates' holidays: the CLI told this Italian desk to try
    # --country AE.
    totals = daily_totals(_desk_with_zero_weeks("2024-04-01", "2024-04-22"))
    assert suggest_holiday_country(totals, "IT") is None


def test_export_zeros_are_not_scored_in_the_backtest():
    # Before, the scored zero weeks made every model's interval WAPE 0.62 (0.17 without them).
    faulty = backtest_dataset(_desk_with_zero_weeks("2024-04-01", "2024-04-22"), NO_CALENDAR)
    table = faulty.table.set_index("model")
    assert table.loc["auto", "wape_interval"] < 0.2
    assert 0.75 <= table.loc["auto", "coverage_80"] <= 0.9


def test_one_weekday_empty_two_weeks_running_is_still_a_new_rota():
    # Guard: two Thursdays in a row without a contact while the other days stay busy are no
    # silent weeks; they stay in training as they came.
    frame = _desk_with_zero_weeks("2099-01-01", "2099-01-02")
    days = frame[INTERVAL_START].dt.normalize()
    frame.loc[days.isin(pd.to_datetime(["2024-04-04", "2024-04-11"])), VOLUME] = 0.0
    result = forecast_dataset(frame, 7, NO_CALENDAR)
    # Only their busiest intervals may stand out one by one, as before; not the whole days.
    outliers = result.outliers[INTERVAL_START].dt.normalize().value_counts()
    assert outliers.reindex(pd.to_datetime(["2024-04-04", "2024-04-11"])).fillna(0).max() < 5
    assert np.isfinite(result.forecast["forecast"]).all()


def _desk_with_catch_up_after_holidays(end: str) -> pd.DataFrame:
    """A Mon-Fri desk closed on Italian holidays, whose first working day after one brings 40%
    more, from Mon 2 Jan 2023 to the day before `end`."""
    frame = synthetic_intervals(750, seed=12, level=20, start="2023-01-02")
    shut = pd.DatetimeIndex(sorted(holidays.country_holidays("IT", years=[2023, 2024, 2025])))
    days = frame[INTERVAL_START].dt.normalize()
    frame = frame[~days.isin(shut) & (frame[INTERVAL_START] < end)].copy()
    after = set()
    for holiday in shut:
        day = holiday + pd.Timedelta(days=1)
        while day.day_of_week >= 5 or day in shut:
            day += pd.Timedelta(days=1)
        after.add(day)
    catch_up = frame[INTERVAL_START].dt.normalize().isin(list(after))
    frame.loc[catch_up, VOLUME] *= 1.4
    return frame.reset_index(drop=True)


def test_a_whole_day_of_catch_up_after_a_holiday_is_one_peak():
    # Thu 2 Jan 2025, after New Year's Day, is forecast at 549 contacts where 402 are usual
    # (+37%). At 20-40 contacts per slot few slots are 2 sqrt(usual) above it on their own, so
    # the peaks were 15:00-16:00 and 09:00-09:30 (30 extra contacts); the day as a whole is.
    result = forecast_dataset(
        _desk_with_catch_up_after_holidays("2024-12-16"), 21, ForecastSettings(country="IT")
    )
    peak = result.peaks.iloc[0]
    assert peak["reason"] == "day after New Year's Day"
    assert (peak["start"], peak["end"]) == (
        pd.Timestamp("2025-01-02 08:00"),
        pd.Timestamp("2025-01-02 16:30"),
    )
    assert peak["extra_contacts"] == pytest.approx(136.6, abs=1)
    assert (result.peaks["reason"] == "day after New Year's Day").all()


def _paris_desk(start: str, end: str, on_utc: bool) -> pd.DataFrame:
    """A Mon-Fri desk open 08:00-18:00 Paris time in 15-minute intervals, exported on UTC or
    on local time (closed slots left out)."""
    utc = pd.date_range(start, end, freq="15min", inclusive="left", tz="UTC")
    local = utc.tz_convert("Europe/Paris")
    hours = local.hour + local.minute / 60
    shape = 8 * np.exp(-((hours - 10.5) ** 2) / 3) + 6.4 * np.exp(-((hours - 14.5) ** 2) / 4)
    means = np.where((hours >= 8) & (hours < 18), shape + 1.6, 0.0)
    means = means * np.asarray([1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0])[local.day_of_week]
    stamps = utc if on_utc else local
    frame = pd.DataFrame(
        {
            INTERVAL_START: stamps.tz_localize(None),
            "queue": "desk",
            VOLUME: np.random.default_rng(5).poisson(means).astype(float),
        }
    )
    return frame[means > 0].reset_index(drop=True)


def _slot_means(result, weekday: int) -> pd.Series:
    forecast = result.forecast[result.forecast[INTERVAL_START].dt.day_of_week == weekday]
    return forecast.groupby(forecast[INTERVAL_START].dt.strftime("%H:%M"))["forecast"].mean()


def test_a_utc_export_keeps_to_the_clock_after_a_daylight_saving_switch():
    # On UTC the desk opens 07:00-17:00 in winter and 06:00-16:00 from Sun 31 Mar 2024. Two
    # weeks after the switch, the forecast kept 16:00-17:00 open at 1.4-2.6 contacts a slot
    # (18:00-19:00 in Paris, closed) and put 0.5 where 2.6 open the day at 06:00.
    frame = _paris_desk("2023-11-06", "2024-04-13", on_utc=True)
    result = forecast_dataset(frame, 14, ForecastSettings(country="FR"))
    wednesday = _slot_means(result, 2)
    assert wednesday[["16:00", "16:15", "16:30", "16:45"]].eq(0).all()
    wednesday_rows = result.forecast[INTERVAL_START].dt.day_of_week == 2
    open_times = result.forecast.loc[wednesday_rows & result.forecast["is_open"], INTERVAL_START]
    assert open_times.dt.strftime("%H:%M").agg(["min", "max"]).tolist() == ["06:00", "15:45"]
    assert wednesday["06:00"] == pytest.approx(2.6, abs=0.6)
    assert any("from Sun 31 Mar 2024 the whole day came an hour earlier" in n for n in result.notes)


def test_a_local_time_export_has_no_clock_shift():
    # Guard: the same desk on Paris time keeps 08:00-18:00 through the switch.
    frame = _paris_desk("2023-11-06", "2024-04-13", on_utc=False)
    result = forecast_dataset(frame, 7, ForecastSettings(country="FR"))
    is_open = result.forecast[result.forecast["is_open"]]
    assert is_open[INTERVAL_START].dt.strftime("%H:%M").agg(["min", "max"]).tolist() == [
        "08:00",
        "17:45",
    ]
    assert not any("whole day came an hour" in note for note in result.notes)
