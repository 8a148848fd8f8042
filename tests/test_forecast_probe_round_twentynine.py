"""Forecast probes: an intraday shape that moved in the last two weeks, on every weekday alike,
is followed as far as the move stands out from Poisson noise, and one that only wobbles is left
alone; a holiday closed in a short history no longer makes its weekday a day off, so the day
after it is learned as a day after a holiday; a special day the forecast starts inside counts
the contacts of the forecast's own rows, not its morning already in the history; a day closed
inside a Christmas break is no sign of a regional holiday kept, while one closed alone still is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.schema import INTERVAL_START, QUEUE, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import holiday_rows
from forecasting.history import QueueHistory, history_from_intervals
from forecasting.regions import regional_holiday_note
from forecasting.shared_shapes import SharedShapes, recent_drift
from forecasting.top_down import intraday_shares

FIRST_DAY = pd.Timestamp("2024-01-01")  # a Monday
MORNING_PEAK = np.array([40.0, 30.0, 20.0, 10.0])
EVENING_PEAK = np.array([10.0, 20.0, 30.0, 40.0])


def _history(values: np.ndarray) -> QueueHistory:
    """Four 6-hour slots a day, open every day."""
    return QueueHistory("q", 360, FIRST_DAY, values, np.ones((7, 4), dtype=bool))


def test_a_shape_moved_in_the_last_two_weeks_is_followed():
    # Six weeks peak in the morning, the last two in the evening: the 8-week shares weigh week
    # k back 0.85**k, so the two recent weeks hold 1.85 / 5.08 of the weight and the evening
    # slot's share is (1.85 x 0.4 + 3.23 x 0.1) / 5.08 = 0.2144, the morning's 0.2856.
    history = _history(np.vstack([np.tile(MORNING_PEAK, (42, 1)), np.tile(EVENING_PEAK, (14, 1))]))
    shares = intraday_shares(history)
    assert shares[0] == pytest.approx([0.2856, 0.2619, 0.2381, 0.2144], abs=1e-4)
    # The last 14 days bring 1,400 contacts where those shares expect 400, 367, 333 and 300 in
    # the four slots: a chi-square of 145.5 per degree of freedom, far beyond Poisson noise, so
    # the drift keeps 1,400 / (1,400 + 8.68) = 99.4% of the ratios 0.350, 0.764, 1.260, 1.865.
    drift = recent_drift(history, shares)
    assert drift == pytest.approx([0.354, 0.765, 1.258, 1.860], abs=1e-3)
    # A 100-contact day forecast on the 8-week shape now peaks in the evening (before: 21.4 in
    # the evening against 28.6 in the morning, the shape of weeks gone).
    forecast = 100 * shares[[0]]
    moved = SharedShapes(np.zeros((7, 4)), np.zeros(7), drift).apply(forecast, np.array([0]))
    assert moved.sum() == pytest.approx(100)
    assert moved[0] == pytest.approx([10.1, 20.0, 30.0, 39.9], abs=0.1)


def test_a_shape_that_did_not_move_is_left_alone():
    # The last two weeks split as the six before them but for a contact moved between the first
    # two slots each day, well inside Poisson noise (a chi-square of 0.02 per degree of
    # freedom): nothing to follow, each slot's factor is exactly 1.
    recent = np.tile([[401.0, 299.0, 200.0, 100.0], [399.0, 301.0, 200.0, 100.0]], (7, 1))
    history = _history(np.vstack([np.tile(MORNING_PEAK * 10, (42, 1)), recent]))
    drift = recent_drift(history, intraday_shares(history))
    assert drift == pytest.approx(np.ones(4))


def _weekday_desk(first_day: str, n_days: int, per_slot: dict[str, float]) -> pd.DataFrame:
    """A Monday-to-Friday desk open 09:00-17:00, 10 contacts a half hour; `per_slot` sets the
    count of whole dates (0 on a holiday it closed)."""
    times = pd.date_range(first_day, periods=n_days * 48, freq="30min")
    hour = times.hour + times.minute / 60
    open_slot = (times.day_of_week < 5) & (hour >= 9) & (hour < 17)
    volume = np.where(open_slot, 10.0, 0.0)
    for date, count in per_slot.items():
        volume = np.where(open_slot & (times.normalize() == pd.Timestamp(date)), count, volume)
    return pd.DataFrame({INTERVAL_START: times, QUEUE: "desk", VOLUME: volume})


def test_a_holiday_closed_in_a_short_history_leaves_its_weekday_a_working_day():
    # Two weeks from Mon 22 Apr 2024, closed on Labour Day (Wed 1 May), the Thursday after it
    # at x1.5. The closure halved the Wednesdays' mean (80 against the Thursdays' 200), so
    # Wednesday read as a quiet weekday: Thursday became the day after a holiday on a day off,
    # and the days after holidays were 'none seen: an ordinary day', Mon 13 May (after
    # Ascension Day and its bridge) forecast at a usual Monday's 160.
    history = _weekday_desk("2024-04-22", 14, {"2024-05-01": 0.0, "2024-05-02": 15.0})
    result = forecast_dataset(history, 14, ForecastSettings(country="FR"))
    special = result.special_days.set_index("date")
    after = special.loc[pd.Timestamp("2024-05-13")]
    # One day after a holiday seen, at 240 / 160 = x1.5 over 160 usual contacts, shrunk toward
    # 1 by 160 / (160 + 25): x1.432 (calendar.EFFECT_PRIOR_CONTACTS).
    assert after["learned_from_days"] == 1
    assert after["effect"] == pytest.approx(1 + 0.5 * 160 / 185, abs=1e-3)
    assert after["forecast_contacts"] == pytest.approx(160 * (1 + 0.5 * 160 / 185), abs=0.5)


def test_a_special_day_the_forecast_starts_inside_counts_the_contacts_of_its_rows():
    # The history ends Tue 2 Apr 2024 12:00, the day after Easter Monday: the forecast rows
    # start there, and the day's line counted its morning too, which the history holds.
    history = _weekday_desk("2024-03-04", 30, {"2024-04-01": 0.0})
    history = history[history[INTERVAL_START] < "2024-04-02 12:00"]
    result = forecast_dataset(history, 3, ForecastSettings(country="FR"))
    day = result.special_days.set_index("date").loc[pd.Timestamp("2024-04-02")]
    rows = result.forecast[result.forecast[INTERVAL_START].dt.normalize() == "2024-04-02"]
    # 12:00-17:00, ten half hours of 10 contacts (before: 160, the whole day's).
    assert rows["forecast"].sum() == pytest.approx(100)
    assert day["forecast_contacts"] == pytest.approx(100)


def _desk_history(closed: list[str]) -> QueueHistory:
    """A Monday-to-Friday desk of 10 contacts a half hour 09:00-17:00 from Mon 2 Oct 2023 to
    Sat 14 Dec 2024, closed on France's holidays and on the `closed` dates."""
    frame = _weekday_desk("2023-10-02", 440, dict.fromkeys(closed, 0.0))
    days = frame[INTERVAL_START].dt.normalize()
    holidays = holiday_rows(pd.Timestamp("2023-10-02"), 440, "FR")
    frame.loc[holidays[(days - pd.Timestamp("2023-10-02")).dt.days], VOLUME] = 0.0
    return history_from_intervals(frame, "desk")


def test_a_christmas_break_names_no_regional_holiday_inside_it():
    # Closed from Fri 22 Dec 2023 to Mon 1 Jan 2024: Tue 26 Dec, Saint Stephen's Day in
    # Alsace-Moselle only, was read as a regional holiday kept, and the forecast over Christmas
    # 2024 advised setting the region to Moselle or Alsace, where the desk is not.
    break_days = [f"2023-12-{day}" for day in (22, 26, 27, 28, 29)]
    assert regional_holiday_note(_desk_history(break_days), 28, "FR") is None
    # Closed on 26 December alone, the day is a sign of the holiday, and the note stays.
    note = regional_holiday_note(_desk_history(["2023-12-26"]), 28, "FR")
    assert note is not None
    assert "closed on Tue 26 Dec 2023, Saint Stephen's Day" in note
