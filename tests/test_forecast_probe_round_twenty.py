"""Forecast probes: the day after a holiday that fell on a day the desk is quiet or closed (a
weekend holiday for a Monday-to-Friday desk) held nothing back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from data.schema import INTERVAL_START, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_QUIET_HOLIDAY,
    HOLIDAY,
    MIN_AFTER_DAYS_APART,
    busy_weekdays,
    day_kinds,
    learn_effects,
)
from forecasting.history import history_from_intervals
from forecasting.synthetic import synthetic_intervals

WEEKDAYS_OPEN = np.array([True] * 5 + [False] * 2)
UNITY_MONDAY = pd.Timestamp("2026-10-05")  # German Unity Day 2026 is Saturday 3 October


def _desk(
    days: int,
    start: str,
    country: str,
    after: float,
    after_quiet: float,
    after_break: float | None = None,
) -> pd.DataFrame:
    """A Mon-Fri desk closed on `country`'s holidays, the day after a working-day holiday at
    `after` x usual (at `after_break` x when a weekend lies between), and the day after a
    weekend holiday at `after_quiet` x usual."""
    frame = synthetic_intervals(days, seed=3, level=20, start=start)
    dates = frame[INTERVAL_START].dt.normalize()
    first = pd.Timestamp(start)
    kinds = day_kinds(first, days, WEEKDAYS_OPEN, country)
    kind = kinds[(dates - first).dt.days.to_numpy()]
    after_break = after if after_break is None else after_break
    factor = np.select(
        [kind == AFTER_HOLIDAY, kind == AFTER_HOLIDAY_BREAK, kind == AFTER_QUIET_HOLIDAY],
        [after, after_break, after_quiet],
        1,
    )
    frame[VOLUME] = np.round(frame[VOLUME] * factor)
    return frame[kind != HOLIDAY].reset_index(drop=True)


def _day_total(result, day: pd.Timestamp) -> float:
    forecast = result.forecast
    return float(forecast.loc[forecast[INTERVAL_START].dt.normalize() == day, "forecast"].sum())


def test_a_weekend_holiday_gives_the_monday_after_it_no_catch_up():
    """A German desk whose days after working-day holidays run 30% high (what the closed day held
    back) and whose history has no weekend holiday: Monday 5 Oct 2026, after German Unity Day on
    a Saturday, held nothing back and is an ordinary Monday (20 x 1.3 x 20 slots = 520)."""
    frame = _desk(1120, "2023-09-04", "DE", after=1.3, after_quiet=1.0)  # to Sun 27 Sep 2026
    result = forecast_dataset(frame, 14, ForecastSettings(country="DE"))
    # Before: 644.6, the working-day holidays' x1.28 put on a Monday nothing was held back for.
    assert _day_total(result, UNITY_MONDAY) == pytest.approx(520, rel=0.06)
    row = result.special_days[result.special_days["date"] == UNITY_MONDAY].iloc[0]
    assert row["special_day"] == "Day after German Unity Day"
    assert row["effect"] == 1.0 and row["learned_from_days"] == 0
    assert row["learned_from"] == "none seen: an ordinary day"
    ordinary_monday = _day_total(result, pd.Timestamp("2026-09-28"))
    assert _day_total(result, UNITY_MONDAY) == pytest.approx(ordinary_monday, rel=0.03)


def _italian_history(after: float, after_quiet: float, after_break: float | None = None):
    days = 1092  # Mon 3 Jan 2022 to Sun 29 Dec 2024
    frame = _desk(days, "2022-01-03", "IT", after, after_quiet, after_break)
    history = history_from_intervals(frame, "desk", 30)
    return history, day_kinds(history.first_day, history.n_days, WEEKDAYS_OPEN, "IT")


@pytest.mark.parametrize(("after", "after_quiet"), [(1.3, 1.0), (1.0, 1.25), (1.3, 1.15)])
def test_days_after_weekend_holidays_are_learned_apart(after, after_quiet):
    """Italy 2022-2024 has eight Mondays after a weekend holiday (Labour Day 2022, Epiphany 2024,
    Republic Day 2024 ...) beside 21 days after working-day holidays: each kind of day after is
    learned from its own days."""
    history, kinds = _italian_history(after, after_quiet)
    assert (kinds == AFTER_QUIET_HOLIDAY).sum() >= 4 and (kinds == AFTER_HOLIDAY).sum() >= 10
    effects = learn_effects(history, kinds)
    assert effects.after_holiday_ratio == pytest.approx(after, abs=0.04)
    assert effects.after_quiet_holiday_ratio == pytest.approx(after_quiet, abs=0.05)
    assert effects.after_quiet_days_seen == (kinds == AFTER_QUIET_HOLIDAY).sum()


def test_a_day_after_both_kinds_of_holiday_counts_as_after_a_working_day_one():
    """Easter Sunday (quiet) and Easter Monday (a working day) 2027 share Tuesday 30 March as
    their day after: Easter Monday held contacts back, so it is a day after a working-day
    holiday."""
    kinds = day_kinds(pd.Timestamp("2027-03-22"), 14, WEEKDAYS_OPEN, "IT")
    assert kinds[6] == HOLIDAY and kinds[7] == HOLIDAY
    assert kinds[8] == AFTER_HOLIDAY


def test_tech_axa_days_after_weekend_holidays_are_ordinary_days(shared_data):
    """AXA "Tech. Axa" (2011-2013, France, busy Monday to Saturday): its six days after a Sunday
    holiday ran at 0.91-1.23 of usual (median 0.93), its 19 days straight after a working-day
    holiday at a median 1.46 and its 4 after one with a Sunday between (1.15-1.25) at 1.20.
    Pooled, all got 1.33; apart, each keeps its own."""
    dataset = import_files([shared_data / "axa" / "series" / "Tech. Axa.csv"])
    history = history_from_intervals(dataset.intervals, dataset.queues[0], 30)
    kinds = day_kinds(
        history.first_day, history.n_days, history.open_mask.any(axis=1), "FR", None,
        busy_weekdays(history),
    )  # fmt: skip
    effects = learn_effects(history, kinds)
    assert effects.after_quiet_days_seen == 6
    assert effects.after_days_seen == 19 and effects.after_break_days_seen == 4
    assert effects.after_quiet_holiday_ratio == pytest.approx(0.94, abs=0.01)
    assert effects.after_holiday_ratio == pytest.approx(1.46, abs=0.01)
    assert effects.after_break_ratio == pytest.approx(1.20, abs=0.01)


@pytest.mark.parametrize(("after", "after_break"), [(1.4, 1.1), (1.1, 1.4), (1.3, 1.3)])
def test_days_after_holidays_with_a_weekend_between_are_learned_apart(after, after_break):
    """Italy 2022-2024, Mon-Fri: of the days after a working-day holiday, those straight after
    it (Tuesday after Easter Monday) and those after a weekend between (Monday after a Friday
    holiday, or after a Thursday one and its bridge) each keep their own catch-up."""
    history, kinds = _italian_history(after, 1.0, after_break)
    n_break = int((kinds == AFTER_HOLIDAY_BREAK).sum())
    n_next = int((kinds == AFTER_HOLIDAY).sum())
    assert min(n_break, n_next) >= MIN_AFTER_DAYS_APART
    effects = learn_effects(history, kinds)
    assert (effects.after_days_seen, effects.after_break_days_seen) == (n_next, n_break)
    assert effects.after_holiday_ratio == pytest.approx(after, abs=0.04)
    assert effects.after_break_ratio == pytest.approx(after_break, abs=0.04)
    assert effects.after_holiday_effect(AFTER_HOLIDAY)[0] == effects.after_holiday_ratio
    assert effects.after_holiday_effect(AFTER_HOLIDAY_BREAK) == (
        effects.after_break_ratio,
        n_break,
        True,
    )


def test_a_monday_after_a_friday_holiday_gets_the_weekend_kind_of_catch_up():
    """The Italian desk from Mon 3 Jan 2022, forecast from Tue 29 Oct 2024: Monday 4 Nov comes
    after All Saints' Day on Friday 1 Nov and a weekend. Days like it brought no catch-up in the
    past, while the days straight after a holiday (and after a weekend holiday) ran 40% high."""
    frame = _desk(1030, "2022-01-03", "IT", after=1.4, after_quiet=1.4, after_break=1.0)
    result = forecast_dataset(frame, 21, ForecastSettings(country="IT"))
    monday = pd.Timestamp("2024-11-04")
    row = result.special_days[result.special_days["date"] == monday].iloc[0]
    # Before: "Day after National Unity Day", the Sunday holiday between.
    assert row["special_day"] == "Day after All Saints' Day"
    assert row["effect"] == pytest.approx(1.0, abs=0.04)
    assert row["learned_from"] == "all past days after holidays and days off"
    ordinary = _day_total(result, pd.Timestamp("2024-11-11"))
    # Before: x1.35 of an ordinary Monday, all days after holidays learned together.
    assert _day_total(result, monday) / ordinary == pytest.approx(1.0, abs=0.05)


def _every_day_desk(start: str, end: str, closed: list[pd.Timestamp]) -> pd.DataFrame:
    """A desk open 8:00-18:00 every day of the week, 10 contacts a half hour on average, with no
    row on the `closed` days."""
    days = pd.date_range(start, end)
    days = days[~days.isin(pd.DatetimeIndex(closed))]
    slots = pd.to_timedelta(np.arange(16, 36) * 30, unit="m")
    starts = (days.values[:, None] + slots.values[None, :]).ravel()
    volume = np.random.default_rng(5).poisson(10.0, starts.size).astype(float)
    return pd.DataFrame({INTERVAL_START: starts, "queue": "desk", VOLUME: volume})


def test_two_holidays_on_one_day_take_the_effect_of_the_one_the_desk_closes_on():
    """An Italian desk open every day that closes on All Saints' Day only. On Sunday 1 Nov 2026
    All Saints' Day and National Unity Day fall together, a name ("All Saints' Day; National
    Unity Day") the history never had: it is forecast like past All Saints' Days."""
    all_saints = [pd.Timestamp(f"{year}-11-01") for year in range(2022, 2026)]
    frame = _every_day_desk("2022-01-03", "2026-10-18", all_saints)
    result = forecast_dataset(frame, 21, ForecastSettings(country="IT"))
    day = pd.Timestamp("2026-11-01")
    row = result.special_days[result.special_days["date"] == day].iloc[0]
    assert row["special_day"] == "All Saints' Day; National Unity Day"
    # Before: 200.1 contacts (x0.99), the pooled ratio of all holidays, worked but for this one.
    assert _day_total(result, day) < 5.0
    assert row["learned_from"] == "All Saints' Day in past years, weighed with all holidays"
    assert row["learned_from_days"] == 4
    assert _day_total(result, pd.Timestamp("2026-11-08")) == pytest.approx(200, rel=0.1)
