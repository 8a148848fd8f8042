"""Forecast probes: which region's holidays a desk keeps, and a sparse queue that stopped."""

from __future__ import annotations

import holidays
import pandas as pd

from data.schema import INTERVAL_START
from forecasting import ForecastSettings, forecast_dataset
from forecasting.synthetic import synthetic_intervals


def _desk_closed_on(country: str, region: str) -> pd.DataFrame:
    """A Mon-Fri desk from Mon 4 Sep 2023 to Fri 6 Jun 2025 with no row on its region's
    holidays (national ones included): the forecast from Mon 9 Jun 2025 covers Corpus Christi,
    Thu 19 Jun 2025."""
    frame = synthetic_intervals(645, seed=1, level=20, start="2023-09-04")
    own = holidays.country_holidays(country, subdiv=region, years=range(2023, 2026))
    days = frame[INTERVAL_START].dt.normalize()
    return frame[~days.isin(pd.DatetimeIndex(sorted(own)))].reset_index(drop=True)


def test_the_region_whose_holidays_the_desk_kept_is_named_first():
    result = forecast_dataset(_desk_closed_on("DE", "SL"), 28, ForecastSettings(country="DE"))
    notes = [note for note in result.notes if "holiday region" in note]
    # Saarland's own holidays on the desk's weekdays in the history: All Saints' Day 2023 and
    # 2024, Corpus Christi and Assumption Day 2024 - closed on all 4. Bavaria's: the same but
    # Assumption, plus Epiphany on Mon 6 Jan 2025, which the desk worked (3 of 4). Augsburg's
    # adds its Peace Festival, Thu 8 Aug 2024, worked (4 of 6). Before: "one of Augsburg, BW,
    # BY, HE, NW, RP, SL", alphabetical.
    assert notes == [
        "desk: closed on Thu 30 May 2024, Corpus Christi - in Germany a holiday only in "
        "Augsburg, Baden-Württemberg (BW), Bayern (BY), Hessen (HE), Nordrhein-Westfalen (NW), "
        "Rheinland-Pfalz (RP), Saarland (SL), not in the calendar used - and it comes again on "
        "Thu 19 Jun 2025, forecast as an ordinary day. If the queue keeps that holiday, set the "
        "holiday region (subdivision) to the desk's own: best matched by its closed days, "
        "Saarland (SL) (closed on 4 of its 4 own holidays in the history, on days it is usually "
        "open; Nordrhein-Westfalen (NW) 3 of 3, Rheinland-Pfalz (RP) 3 of 3, Augsburg 4 of 6, "
        "Baden-Württemberg (BW) 3 of 4, Bayern (BY) 3 of 4, Hessen (HE) 1 of 1)."
    ]


def test_regions_matching_equally_are_named_together():
    result = forecast_dataset(_desk_closed_on("DE", "NW"), 28, ForecastSettings(country="DE"))
    notes = [note for note in result.notes if "holiday region" in note]
    # North Rhine-Westphalia and Rhineland-Palatinate keep the same days (Corpus Christi, All
    # Saints' Day); Saarland adds Assumption Day 2024, which the desk worked. Ranked by closed
    # minus worked days: Augsburg (3 closed, 3 worked) comes after Hesse (1 closed).
    assert len(notes) == 1
    assert notes[0].endswith(
        "to the desk's own: best matched by its closed days, one of Nordrhein-Westfalen (NW), "
        "Rheinland-Pfalz (RP) (closed on 3 of their 3 own holidays in the history, on days it is "
        "usually open; Baden-Württemberg (BW) 3 of 4, Bayern (BY) 3 of 4, Saarland (SL) 3 of 4, "
        "Hessen (HE) 1 of 1, Augsburg 3 of 6)."
    )


def _sparse_then_silent(every: int, busy_weeks: int, silent_days: int) -> pd.DataFrame:
    """Half-hour rows 09:00-17:00 every day from Mon 1 Jan 2024: for `busy_weeks` weeks one
    contact on each weekday's half hours 0, `every`, 2*`every`..., then `silent_days` days of zero
    rows."""
    days = pd.date_range("2024-01-01", periods=7 * busy_weeks + silent_days, freq="D")
    rows = []
    for number, day in enumerate(days):
        for slot in range(16):
            busy = number < 7 * busy_weeks and day.day_of_week < 5 and slot % every == 0
            rows.append((day + pd.Timedelta(minutes=540 + 30 * slot), 1.0 if busy else 0.0))
    frame = pd.DataFrame(rows, columns=["interval_start", "volume"])
    frame["queue"] = "Sparse desk"
    return frame


def test_a_sparse_queue_silent_for_months_gets_the_stopped_note():
    # Two contacts a weekday, then 122 days of nothing: no single day was busy enough (7 usual
    # contacts) to call its zero impossible, so before there was no note at all beside a
    # forecast of 0. Together the silent weekdays should have brought about 170.
    result = forecast_dataset(_sparse_then_silent(8, 12, 120), 28, ForecastSettings(country=None))
    assert result.forecast["forecast"].sum() == 0.0
    assert result.notes == [
        "Sparse desk: no contact at all from Sat 23 Mar 2024 to Mon 22 Jul 2024 (122 days), "
        "longer than an export padded to the end of its period: read as a queue that stopped, "
        "and forecast at 0. If it is still open, check the export for those months; if it "
        "closed, leave it out."
    ]


def test_a_queue_of_a_contact_a_month_silent_for_months_gets_no_stopped_note():
    # Guard: one contact every fourth Wednesday; 146 silent days would bring about 5, and none
    # has a 1-in-150 chance at most, not a 1-in-1000 one.
    days = pd.date_range("2024-01-01", periods=7 * 24 + 120, freq="D")
    rows = [
        (day + pd.Timedelta(minutes=540 + 30 * slot), float(n < 168 and n % 28 == 2 and slot == 3))
        for n, day in enumerate(days)
        for slot in range(16)
    ]
    frame = pd.DataFrame(rows, columns=["interval_start", "volume"]).assign(queue="Rare desk")
    result = forecast_dataset(frame, 28, ForecastSettings(country=None))
    assert not any("no contact at all from" in note for note in result.notes)
