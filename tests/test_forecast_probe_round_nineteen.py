"""Forecast probes: holidays moved off a weekend ("Boxing Day (observed)") in other countries'
calendars, and a US desk over Thanksgiving."""

from __future__ import annotations

import holidays
import pandas as pd
import pytest

from data.schema import INTERVAL_START
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import holiday_key
from forecasting.synthetic import synthetic_intervals

BOXING_OBSERVED = pd.Timestamp("2026-12-28")  # Mon: Boxing Day 2026 is a Saturday


def _day_total(result, day: pd.Timestamp) -> float:
    forecast = result.forecast
    return float(forecast.loc[forecast[INTERVAL_START].dt.normalize() == day, "forecast"].sum())


def _special_row(result, day: pd.Timestamp) -> pd.Series | None:
    rows = result.special_days[result.special_days["date"] == day]
    return None if rows.empty else rows.iloc[0]


def _without_days(frame: pd.DataFrame, days: list) -> pd.DataFrame:
    """`frame` with no row on `days`: a per-contact export of a desk closed on them."""
    dates = frame[INTERVAL_START].dt.normalize()
    return frame[~dates.isin(pd.DatetimeIndex(sorted(days)))].reset_index(drop=True)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Boxing Day (observed)", "Boxing Day"),
        ("Christmas Day (Observed)", "Christmas Day"),
        ("Islamic New Year (observed, estimated)", "Islamic New Year"),
        ("Eid al-Fitr (estimated)", "Eid al-Fitr"),
        ("Día de la Hispanidad (observado)", "Día de la Hispanidad"),
        ("Onam (Day 2)", "Onam (Day 2)"),  # a holiday of its own, not a substitute day
        ("Christmas Day (observed); Other Day", "Christmas Day; Other Day"),
        ("Easter Monday", "Easter Monday"),
    ],
)
def test_a_substitute_day_is_keyed_to_its_holiday(name, key):
    assert holiday_key(name) == key


def test_a_first_observed_boxing_day_is_closed_like_past_boxing_days():
    """A GB Mon-Fri desk that works the bank holidays like any day but closes over Christmas and
    New Year. Boxing Day 2026 is a Saturday, so the bank holiday is Mon 28 Dec, which the
    `holidays` package calls "Boxing Day (observed)" - a name the history (from Sep 2023) never
    had."""
    frame = synthetic_intervals(1190, seed=1, level=20, start="2023-09-04")  # to Mon 7 Dec 2026
    calendar = holidays.country_holidays("GB", years=range(2023, 2028))
    year_end = [
        day
        for day, name in calendar.items()
        if holiday_key(name) in ("Christmas Day", "Boxing Day", "New Year's Day")
    ]
    result = forecast_dataset(_without_days(frame, year_end), 35, ForecastSettings(country="GB"))
    # Before: 507.8 contacts, a full Monday - an unseen name got the pooled ratio of all bank
    # holidays (x0.98), most of them worked.
    assert _day_total(result, BOXING_OBSERVED) < 2.0
    row = _special_row(result, BOXING_OBSERVED)
    assert row["special_day"] == "Boxing Day (observed)"  # the label stays the calendar's
    # 2023's Boxing Day too: its gap (Sat 23 - Tue 26 Dec) is a weekend and two holidays.
    assert row["effect"] < 0.01 and row["learned_from_days"] == 3
    assert row["learned_from"] == "Boxing Day in past years, weighed with all holidays"
    # Christmas Day itself and the days around are untouched.
    assert _day_total(result, pd.Timestamp("2026-12-25")) < 2.0
    assert _day_total(result, pd.Timestamp("2026-12-29")) == pytest.approx(444.2, abs=1)
    # Monday 4 Jan 2027, after New Year's Day on a Friday and a weekend: such days, learned
    # apart from the days straight after a holiday, were ordinary Mondays (20 x 1.3 x 20 = 520).
    assert _day_total(result, pd.Timestamp("2027-01-04")) == pytest.approx(531.4, abs=1)


def test_thanksgiving_closed_and_the_friday_after_it_normal():
    """A US Mon-Fri desk closed on federal holidays: Thanksgiving ~0, the Friday after it (not a
    federal holiday) an ordinary Friday."""
    frame = synthetic_intervals(791, seed=1, level=20, start="2023-09-04")  # to Sun 2 Nov 2025
    calendar = holidays.country_holidays("US", years=range(2023, 2026))
    result = forecast_dataset(
        _without_days(frame, list(calendar)), 63, ForecastSettings(country="US")
    )
    assert _day_total(result, pd.Timestamp("2025-11-27")) == 0.0
    assert _day_total(result, pd.Timestamp("2025-11-28")) == pytest.approx(320, rel=0.05)
    assert _day_total(result, pd.Timestamp("2025-12-01")) == pytest.approx(520, rel=0.05)
