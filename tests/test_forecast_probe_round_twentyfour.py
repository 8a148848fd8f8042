"""Forecast probes: the end of a UTC export after a daylight-saving switch, regions named in
holiday notes, and the coverage of a band over whole-number counts."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd

from data.schema import INTERVAL_START, VOLUME
from forecasting import ForecastSettings, forecast_dataset
from forecasting.calendar import region_label
from forecasting.data_end import cut_day_ends
from forecasting.synthetic import synthetic_intervals


def _paris_desk_on_utc(end: str) -> pd.DataFrame:
    """A Mon-Fri desk open 08:00-18:00 Paris time from Mon 6 Nov 2023 to the day before `end`,
    exported on UTC in 15-minute intervals with zero rows for the closed ones: 07:00-17:00 UTC
    in winter, 06:00-16:00 UTC from Sun 31 Mar 2024."""
    utc = pd.date_range("2023-11-06", end, freq="15min", inclusive="left", tz="UTC")
    local = utc.tz_convert("Europe/Paris")
    hours = local.hour + local.minute / 60
    shape = 8 * np.exp(-((hours - 10.5) ** 2) / 3) + 6.4 * np.exp(-((hours - 14.5) ** 2) / 4)
    means = np.where((hours >= 8) & (hours < 18), shape + 1.6, 0.0)
    means = means * np.asarray([1.3, 1.1, 1.0, 1.0, 0.8, 0.0, 0.0])[local.day_of_week]
    counts = np.random.default_rng(5).poisson(means).astype(float)
    return pd.DataFrame({INTERVAL_START: utc.tz_localize(None), "queue": "desk", VOLUME: counts})


def test_a_utc_export_closing_on_the_new_clock_is_not_cut_short():
    # Mon 8 Apr 2024 closed at 16:00 UTC (18:00 in Paris), and the export wrote zeros to
    # midnight. Two of the four Mondays before were still on winter time, open to 17:00 UTC, so
    # 16:00-16:45 read as about 10 usual contacts: "no contact from Mon 8 Apr 2024 16:00 to the
    # end of the data ... read as missing (an export cut short)", and the forecast began at 16:00.
    frame = _paris_desk_on_utc("2024-04-09")
    assert cut_day_ends(frame)[1] == []
    result = forecast_dataset(frame, 7, ForecastSettings(country="FR"))
    assert result.forecast[INTERVAL_START].min() == pd.Timestamp("2024-04-09")
    assert not [note for note in result.notes if "cut short" in note]


def test_a_utc_export_cut_at_noon_after_the_switch_is_still_cut_short():
    # Guard: zeros from 12:00 UTC, in the afternoon's busiest hours on either clock.
    frame = _paris_desk_on_utc("2024-04-09")
    frame.loc[frame[INTERVAL_START] >= "2024-04-08 12:00", VOLUME] = 0.0
    cut, notes = cut_day_ends(frame)
    assert len(notes) == 1 and notes[0].startswith("desk: no contact from Mon 8 Apr 2024 12:00")
    assert cut[VOLUME].isna().sum() == 48  # 12:00 to midnight


def _bari_desk() -> pd.DataFrame:
    """A Mon-Fri desk from Mon 2 Oct 2023 to Fri 22 Nov 2024 closed on Bari's holidays, its
    patron Saint Nicholas (6 December) included: the forecast covers Fri 6 Dec 2024."""
    frame = synthetic_intervals(418, seed=3, start="2023-10-02")
    shut = holidays.country_holidays("IT", subdiv="BA", years=[2023, 2024])
    days = frame[INTERVAL_START].dt.normalize()
    return frame[~days.isin(pd.DatetimeIndex(sorted(shut)))].reset_index(drop=True)


def test_the_regional_holiday_note_names_the_regions():
    # Before: "a holiday in IT regions BA, LC, SS only ... set the holiday region (subdivision)
    # to the desk's own: one of BA, LC, SS" - province codes a manager has to look up.
    result = forecast_dataset(_bari_desk(), 21, ForecastSettings(country="IT"))
    notes = [note for note in result.notes if "holiday region" in note]
    assert notes == [
        "desk: closed on Wed 6 Dec 2023, Saint Nicholas's Day - in Italy a holiday only in Bari "
        "(BA), Lecco (LC), Sassari (SS), not in the calendar used - and it comes again on Fri 6 "
        "Dec 2024, forecast as an ordinary day. If the queue keeps that holiday, set the holiday "
        "region (subdivision) to the desk's own: one of Bari (BA), Lecco (LC), Sassari (SS)."
    ]


def test_a_region_known_only_by_its_code_keeps_it():
    assert region_label("DE", "BY") == "Bayern (BY)"
    assert region_label("FR", "971") == "Guadeloupe (971)"
    assert region_label("DE", "Augsburg") == "Augsburg"
