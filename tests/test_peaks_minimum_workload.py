"""Peaks that carry no real extra workload: a period's extra contacts must stand out from the
spread of its own forecast (Poisson: about sqrt(forecast)), not only from its usual level. A
few calls more on a near-empty slot ("+400%, 4 extra") is no peak; a busy slot's +31% is one,
and the manager's ceiling still flags what it flags. Small synthetic days, then the bank's and
Tech. Axa's real forecasts with the fast seasonal naive model (last week's slots repeated, its
noise with them)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from forecasting import ForecastSettings, forecast_dataset
from forecasting.peaks import describe_peak, find_peaks

NAIVE = ForecastSettings(model="seasonal_naive")


def day(start: str, forecast: list[float], usual: list[float], step: str = "15min") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "interval_start": pd.date_range(start, periods=len(forecast), freq=step),
            "queue": "all",
            "forecast": np.asarray(forecast, dtype=float),
            "usual": np.asarray(usual, dtype=float),
        }
    )


def quiet_friday(opening: float) -> pd.DataFrame:
    """A light Friday morning of a 15-minute bank queue, 06:45-10:00 (usual 20 a slot after the
    opening one), whose opening slot is forecast at `opening` against a usual 1."""
    usual = [1.0] + [20.0] * 12
    return day("1999-03-05 06:45", [opening, *usual[1:]], usual)


def test_four_extra_calls_at_opening_are_no_peak():
    # Before: "Fri 5 Mar 06:45–07:00: +400% over a usual Friday, ≈ 4 extra contacts": 4 extra
    # clear the usual slot's noise (2 x 1) and 1% of the 245-call day (1.6%).
    friday = quiet_friday(5.0)
    assert friday["forecast"].sum() == 245.0
    # 4 extra on a forecast of 5: within 2 sqrt(5) = 4.47 of what the slot itself may bring.
    assert find_peaks(friday, 15).empty
    # 12 there (11 extra, beyond 2 sqrt(12) = 6.9) is a peak the manager sees.
    peaks = find_peaks(quiet_friday(12.0), 15)
    assert len(peaks) == 1
    assert peaks.iloc[0]["extra_contacts"] == pytest.approx(11.0)
    assert describe_peak(peaks.iloc[0]) == (
        "Fri 5 Mar 06:45–07:00: +1100% over a usual Friday, ≈ 11 extra contacts "
        "(above the usual pattern)"
    )


def test_five_and_a_half_extra_calls_on_a_185_call_saturday_are_no_peak():
    # A Saturday evening, 17:30-22:00: 185 calls in the day, 21:30 forecast 9.5 against 4.
    usual = [10.5] * 16 + [4.0, 7.5]
    forecast = [10.5] * 16 + [9.5, 7.5]
    saturday = day("1999-03-06 17:30", forecast, usual)
    assert saturday["forecast"].sum() == pytest.approx(185.0)
    # Before: "Sat 6 Mar 21:30–21:45: +138% ..., ≈ 6 extra contacts", 5.5 extra clearing the
    # usual slot's 2 sqrt(4) = 4 and 3.0% of the day; now within 2 sqrt(9.5) = 6.2.
    assert find_peaks(saturday, 15).empty
    kept = find_peaks(saturday, 15, noise_sigmas=1.5)  # 5.5 >= 1.5 sqrt(9.5) = 4.6
    assert kept["start"].tolist() == [pd.Timestamp("1999-03-06 21:30")]
    assert kept["extra_contacts"].tolist() == [5.5]


def test_a_busy_sunday_slot_thirty_one_percent_up_stays_a_peak():
    # Tech. Axa on a Sunday, 30-minute slots: 17:00 forecast 80.3 against a usual 61.3 (+31%,
    # 19 extra, about 3 agents at 300 s), the rest of the evening as usual.
    usual = [61.3] * 8
    forecast = [61.3, 61.3, 80.3, 61.3, 61.3, 61.3, 61.3, 61.3]
    sunday = day("2012-06-03 16:00", forecast, usual, step="30min")
    peaks = find_peaks(sunday, 30)
    assert len(peaks) == 1
    peak = peaks.iloc[0]
    assert peak["start"] == pd.Timestamp("2012-06-03 17:00")
    assert peak["extra_contacts"] == pytest.approx(19.0)  # beyond 2 sqrt(80.3) = 17.9
    assert round(peak["pct_above_usual"]) == 31


def test_the_managers_ceiling_still_flags_a_small_rise():
    # A night at a usual 1 a slot with 22:00 forecast at 5: no peak of the pattern, but over a
    # ceiling of 4 contacts per interval it is the manager's.
    night = day("1999-03-05 20:00", [1.0] * 8 + [5.0] + [1.0] * 7, [1.0] * 16)
    assert find_peaks(night, 15).empty
    peaks = find_peaks(night, 15, volume_threshold=4)
    assert peaks["start"].tolist() == [pd.Timestamp("1999-03-05 22:00")]
    assert peaks.iloc[0]["over_ceiling_contacts"] == pytest.approx(1.0)
    assert peaks.iloc[0]["reason"] == "above 4 per interval"


def test_the_banks_noise_peaks_go_and_tech_axas_sunday_peak_stays(shared_data):
    bank = import_files([shared_data / "anonymous_bank" / "february_1999.txt"])
    peaks = forecast_dataset(bank, 14, NAIVE).peaks
    # Before: 8 peaks, among them "Fri 5 Mar 06:45–07:00: +400% over a usual Friday, ≈ 4 extra
    # contacts" (5 forecast) and "Sat 6 Mar 21:30–21:45: +73% ..., ≈ 6 extra contacts" (5.5 on
    # 13 forecast), each again a week later.
    assert len(peaks) == 4
    assert round(peaks["extra_contacts"].min()) == 18  # Mon 11:00-11:15, +64% on 46 forecast
    starts = set(peaks["start"])
    assert pd.Timestamp("1999-03-05 06:45") not in starts
    assert pd.Timestamp("1999-03-06 21:30") not in starts

    axa = import_files([shared_data / "axa" / "series" / "Tech. Axa.csv"])
    peaks = forecast_dataset(axa, 7, NAIVE).peaks
    # None of them is within its forecast's spread. 12 before a dip above the usual stopped
    # splitting a day: Thu 2 Jan 09:00-23:30 is one peak, not four, Tue 7 Jan two, not four.
    assert len(peaks) == 7
    sunday = peaks[peaks["start"] == pd.Timestamp("2014-01-05 17:00")].iloc[0]
    # 19 extra on 81 forecast (+31%): beyond 2 sqrt(81) = 18.
    assert sunday["extra_contacts"] == pytest.approx(19.0)
    assert sunday["forecast"] == pytest.approx(81.0)
