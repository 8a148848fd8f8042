"""Forecast probes: regional holidays - a closed patron saint's day, the region left unset, and a
region typed by name or wrongly."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import holiday_names
from forecasting.synthetic import synthetic_intervals

SAN_GIOVANNI = pd.Timestamp("2025-06-24")  # a Tuesday; Mon 24 Jun 2024 is in the history


@pytest.fixture(scope="module")
def florence_desk() -> pd.DataFrame:
    """A Mon-Fri desk in Florence from Mon 4 Sep 2023 to Mon 9 Jun 2025 that works the national
    holidays like any day but has no row on Florence's own holidays (Saint John's Day, 24 June):
    the forecast from Tue 10 Jun 2025 covers 24 June 2025."""
    frame = synthetic_intervals(645, seed=1, level=20, start="2023-09-04")
    years = range(2023, 2026)
    national = set(holidays.country_holidays("IT", years=years))
    florence = set(holidays.country_holidays("IT", subdiv="FI", years=years)) - national
    days = frame[INTERVAL_START].dt.normalize()
    return frame[~days.isin(pd.DatetimeIndex(sorted(florence)))].reset_index(drop=True)


def _day_total(result, day: pd.Timestamp) -> float:
    forecast = result.forecast
    return float(forecast.loc[forecast[INTERVAL_START].dt.normalize() == day, "forecast"].sum())


def test_a_holiday_closed_at_its_only_past_occurrence_is_forecast_closed(florence_desk):
    result = forecast_dataset(florence_desk, 28, ForecastSettings(country="IT", subdivision="FI"))
    # Before: 310.8 contacts - its one past day (x0) was pulled toward the other holidays
    # (worked at x1) by the per-holiday shrinkage.
    assert _day_total(result, SAN_GIOVANNI) == 0.0
    day = result.forecast[result.forecast[INTERVAL_START].dt.normalize() == SAN_GIOVANNI]
    assert not day[IS_OPEN].any()  # nobody staffed
    row = result.special_days[result.special_days["date"] == SAN_GIOVANNI].iloc[0]
    assert row["special_day"] == "Saint John's Day"
    assert row["effect"] == 0.0 and row["learned_from_days"] == 1
    assert row["learned_from"] == "Saint John's Day in past years: closed each time"
    # The day after is an ordinary Wednesday: the days after working-day holidays this desk worked
    # like any day were learned at x1.006.
    assert _day_total(result, SAN_GIOVANNI + pd.Timedelta(days=1)) == pytest.approx(393.1, abs=1)


def test_without_the_region_a_closed_regional_holiday_ahead_is_pointed_out(florence_desk):
    result = forecast_dataset(florence_desk, 28, ForecastSettings(country="IT"))
    # The forecast itself is unchanged: an ordinary Tuesday.
    assert _day_total(result, SAN_GIOVANNI) == pytest.approx(436.2, abs=1)
    # Before: no note at all.
    notes = [note for note in result.notes if "Saint John's Day" in note]
    assert notes == [
        "desk: closed on Mon 24 Jun 2024, Saint John's Day - in Italy a holiday only in Cesena, "
        "Forlì-Cesena (FC), Firenze (FI), Genova (GE), Monza e Brianza (MB), Torino (TO), not in "
        "the calendar used - and it comes again on Tue 24 Jun 2025, forecast as an ordinary day. "
        "If the queue keeps that holiday, set the holiday region (subdivision) to the desk's own: "
        "best matched by its closed days, one of Cesena, Firenze (FI), Genova (GE), Monza e "
        "Brianza (MB), Torino (TO) (closed on 1 of their 1 own holiday in the history, on days it "
        "is usually open; Forlì-Cesena (FC) 1 of 2)."
    ]


def test_a_desk_closed_on_national_holidays_only_gets_no_region_note():
    frame = synthetic_intervals(645, seed=1, level=20, start="2023-09-04")
    national = pd.DatetimeIndex(sorted(holidays.country_holidays("IT", years=range(2023, 2026))))
    frame = frame[~frame[INTERVAL_START].dt.normalize().isin(national)]
    result = forecast_dataset(frame, 28, ForecastSettings(country="IT"))
    assert not [note for note in result.notes if "holiday region" in note]


def test_a_desk_closed_on_every_holiday_keeps_its_one_learned_ratio(florence_desk):
    days = florence_desk[INTERVAL_START].dt.normalize()
    national = pd.DatetimeIndex(sorted(holidays.country_holidays("IT", years=range(2023, 2026))))
    frame = florence_desk[~days.isin(national)]
    result = forecast_dataset(frame, 28, ForecastSettings(country="IT", subdivision="FI"))
    row = result.special_days[result.special_days["date"] == SAN_GIOVANNI].iloc[0]
    assert row["effect"] == 0.0 and row["learned_from"] == "all past holidays"


def test_a_region_typed_by_its_name_is_taken():
    # Before: InputError - only the codes (BY, FI) were matched.
    bavaria = holiday_names(pd.Timestamp("2024-05-01"), 60, "DE", "bayern")
    assert bavaria[pd.Timestamp("2024-05-30")] == "Corpus Christi"
    florence = holiday_names(pd.Timestamp("2024-06-01"), 30, "it", "FIRENZE")
    assert florence[pd.Timestamp("2024-06-24")] == "Saint John's Day"


def test_an_unknown_region_lists_every_code_and_the_nearest_one():
    with pytest.raises(InputError) as error:
        holiday_names(pd.Timestamp("2024-01-01"), 30, "IT", "Florence")
    message = str(error.value)
    # Before: only the first eight codes (AG ... AT…), neither FI nor a hint.
    assert message.startswith("Unknown holiday region 'Florence' of IT: use one the `holidays`")
    assert ", FI, " in message and ", TO, " in message and "Urbino)" in message
    assert message.endswith(
        "or none for the whole country. Did you mean FI (Firenze) or LE (Lecce)?"
    )
    with pytest.raises(InputError, match=r"Did you mean BW \(Baden-Württemberg\)\?$"):
        holiday_names(pd.Timestamp("2024-01-01"), 30, "DE", "Baden Wurttemberg")
    with pytest.raises(InputError, match=r"\(BB, BE, BW, BY, .*, TH, Augsburg\), or none"):
        holiday_names(pd.Timestamp("2024-01-01"), 30, "DE", "XX")


def test_closed_holidays_need_enough_usual_contacts():
    from forecasting.calendar import closed_holidays

    names = np.array(["A", "A", "B", "C"])
    ratios = np.array([0.0, 0.02, 0.0, 0.5])
    usual = np.array([100.0, 90.0, 3.0, 100.0])
    # B at 0 over 3 usual contacts is Poisson noise (e^-3 = 5%), C was worked.
    assert closed_holidays(ratios, names, usual) == {"A": (pytest.approx(0.01), 2)}
