"""Forecast accuracy, round two: the benchmark's diagnostics of where the error above the noise
floor sits. On the bank every model's first horizon day scored an interval WAPE near 0.34
against about 0.18 for days 2 to 7; the weekly origins start every horizon on a Saturday, the
bank's lightest day (3% of the contacts, Poisson noise floor 0.218 against 0.11 on Sunday to
Thursday), so the breakdown by weekday of the forecast day shows day 1 is no worse than its
weekday, and the WAPE with each day scaled to its true total splits the rest between the daily
totals and the intraday split."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from bench.forecast_accuracy import day_total_hindsight_wape, wape_by_weekday


def poisson_mean_deviation(mean: float) -> float:
    """E|X - m| for X ~ Poisson(m) with m an integer: 2 m P(X = m) (Johnson, Kemp & Kotz,
    "Univariate Discrete Distributions", 3rd ed., section 4.3), by hand."""
    return 2 * mean * math.exp(-mean) * mean**mean / math.factorial(mean)


def test_a_day_at_half_its_level_but_with_the_right_split_leaves_no_error():
    # Day 1: right split (3:1), half the level; day 2: right total, wrong split (8:2 for 5:5).
    actual = np.array([[[30.0, 10.0], [5.0, 5.0]]])
    forecast = np.array([[[15.0, 5.0], [8.0, 2.0]]])
    # Raw: (15 + 5 + 3 + 3) / 50 = 0.52; day totals made true, only day 2's split: 6 / 50.
    assert day_total_hindsight_wape(actual, forecast) == pytest.approx(0.12)


def test_a_slot_without_an_actual_takes_no_part_in_its_day_total():
    # The day's one seen slot: 5 actual against 8 forecast, scaled by 5 / 8 to no error; the
    # missing slot's 100 forecast contacts would have scaled it by 5 / 108.
    actual = np.array([[[5.0, np.nan]]])
    forecast = np.array([[[8.0, 100.0]]])
    assert day_total_hindsight_wape(actual, forecast) == pytest.approx(0.0)


def test_by_weekday_pools_the_same_weekday_of_every_origin_and_gives_its_noise_floor():
    # Two weekly origins on Saturdays (6 and 13 Jan 2024), two days each: Saturday, Sunday.
    origins = [pd.Timestamp("2024-01-06"), pd.Timestamp("2024-01-13")]
    actual = np.array(
        [
            [[2.0, 2.0], [10.0, 10.0]],
            [[4.0, 4.0], [10.0, 10.0]],
        ]
    )
    forecast = np.array(
        [
            [[3.0, 3.0], [10.0, 10.0]],
            [[3.0, 3.0], [10.0, 10.0]],
        ]
    )
    table = wape_by_weekday(actual, forecast, origins)
    assert list(table["weekday"]) == ["Sat", "Sun"]
    saturday, sunday = table.iloc[0], table.iloc[1]
    # Saturdays: |2-3| x 2 + |4-3| x 2 = 4 over 12 contacts; 12 and 40 of the 52 contacts.
    assert saturday["wape_interval"] == pytest.approx(4 / 12)
    assert sunday["wape_interval"] == pytest.approx(0.0)
    assert saturday["share"] == pytest.approx(12 / 52)
    assert sunday["share"] == pytest.approx(40 / 52)
    # Floor: four slots at a Poisson mean of 3 (27 e^-3 = 1.344 each) over 12 contacts = 0.448;
    # four at 10 (2.502 each) over 40 = 0.250.
    assert saturday["noise_floor"] == pytest.approx(4 * poisson_mean_deviation(3) / 12)
    assert saturday["noise_floor"] == pytest.approx(0.448, abs=1e-3)
    assert sunday["noise_floor"] == pytest.approx(4 * poisson_mean_deviation(10) / 40)
    assert sunday["noise_floor"] == pytest.approx(0.250, abs=1e-3)


def test_by_weekday_leaves_out_weekdays_no_horizon_holds_or_closed_on_every_date():
    # From Friday 5 Jan 2024, three days: Friday, and a weekend without an actual (closed).
    origins = [pd.Timestamp("2024-01-05")]
    actual = np.array([[[4.0], [np.nan], [np.nan]]])
    forecast = np.array([[[5.0], [0.0], [0.0]]])
    table = wape_by_weekday(actual, forecast, origins)
    assert list(table["weekday"]) == ["Fri"]
    assert table["wape_interval"].iloc[0] == pytest.approx(0.25)
    assert table["share"].iloc[0] == pytest.approx(1.0)
