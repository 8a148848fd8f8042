"""Opening hours changed lately: slots now closed stay unforecast, new ones learn from since."""

import numpy as np
import pandas as pd
import pytest

from forecasting import ForecastSettings, forecast_dataset
from forecasting.history import QueueHistory
from forecasting.hours_change import find_hours_change

MONDAY = pd.Timestamp("2025-01-06")
WEEKS = 16


def history_frame(rate_before: np.ndarray, rate_since: np.ndarray, seed: int = 0) -> pd.DataFrame:
    """Weekdays 08:00-20:00 in half hours; the last four weeks at `rate_since` per slot, the
    weeks before at `rate_before` (24 rates each); weekends closed and left out."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(MONDAY, periods=7 * WEEKS)
    rows = []
    for number, day in enumerate(days):
        if day.day_of_week >= 5:
            continue
        rates = rate_since if number >= 7 * (WEEKS - 4) else rate_before
        times = day + pd.Timedelta(hours=8) + pd.to_timedelta(np.arange(24) * 30, unit="min")
        rows.append(pd.DataFrame({"interval_start": times, "queue": "desk",
                                  "volume": rng.poisson(rates).astype(float)}))  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def evening_closed() -> tuple[np.ndarray, np.ndarray]:
    before = np.full(24, 20.0)
    since = before.copy()
    since[18:] = 0.0  # 17:00-20:00 no longer open
    since[:18] = 20.0 * 24 / 18  # the same day's contacts in fewer hours
    return before, since


def test_slots_without_a_contact_since_hours_were_cut_are_forecast_closed():
    result = forecast_dataset(history_frame(*evening_closed()), 7, ForecastSettings(country=None))
    forecast = result.forecast
    evening = forecast["interval_start"].dt.hour >= 17
    assert forecast.loc[evening, "forecast"].sum() == 0
    assert not forecast.loc[evening, "is_open"].any()  # so nobody is staffed there
    # The day's 480 contacts now come in 18 half hours (26.7 each); learned from the weeks
    # since, not averaged with the 20 of the weeks before.
    day = forecast[~evening & forecast["is_open"]]
    assert day["forecast"].mean() == pytest.approx(20.0 * 24 / 18, rel=0.06)
    assert (
        "desk: opening hours changed in the last 4 weeks, and the forecast follows the new "
        "ones; now closed (contacts before, none since): forecast closed: Mon, Tue, Wed, Thu, "
        "Fri 17:00–20:00."
    ) in result.notes


def test_slots_opened_lately_are_forecast_at_their_new_level():
    before = np.full(24, 20.0)
    before[:2] = 0.0  # 08:00-09:00 opened four weeks ago
    since = np.full(24, 20.0)
    result = forecast_dataset(history_frame(before, since), 7, ForecastSettings(country=None))
    forecast = result.forecast
    early = (forecast["interval_start"].dt.hour == 8) & forecast["is_open"]
    assert early.sum() == 2 * 5  # two half hours, Monday to Friday
    assert forecast.loc[early, "forecast"].mean() == pytest.approx(20.0, rel=0.1)
    assert any("newly open (none before)" in note for note in result.notes)


def test_quiet_slots_of_a_small_queue_are_no_change_of_hours():
    # One contact an hour: a slot empty for four weeks here and there is chance.
    rates = np.full(24, 0.5)
    history_values = []
    rng = np.random.default_rng(5)
    for _ in range(WEEKS):
        week = rng.poisson(np.tile(rates, (7, 1))).astype(float)
        week[5:] = 0.0
        history_values.append(week)
    values = np.concatenate(history_values)
    open_mask = np.zeros((7, 24), dtype=bool)
    open_mask[:5] = True
    history = QueueHistory("desk", 30, MONDAY, values, open_mask)
    change = find_hours_change(history)
    assert not change.any()
