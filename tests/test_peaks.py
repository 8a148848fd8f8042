"""Peaks: flagged intervals merged into periods, ranked by extra contacts, described in words."""

import numpy as np
import pandas as pd
import pytest

from forecasting.peaks import describe_peak, find_peaks


def day_frame() -> pd.DataFrame:
    times = pd.date_range("2025-03-03 08:00", periods=8, freq="30min")  # Monday 3 March 2025
    usual = np.full(8, 100.0)
    forecast = np.array([100, 150, 160, 130, 100, 125, 100, 100.0])
    reason = ["", "", "campaign spring", "", "", "", "", ""]
    return pd.DataFrame({"interval_start": times, "queue": "phone", "forecast": forecast,
                         "usual": usual, "reason": reason})


def test_consecutive_intervals_merge_and_rank_by_extra_contacts():
    peaks = find_peaks(day_frame(), 30, threshold_pct=20)
    assert len(peaks) == 2
    first, second = peaks.iloc[0], peaks.iloc[1]
    # 08:30-10:00: extra 50 + 60 + 30 = 140, +46.7 % over the usual 300
    assert first["start"] == pd.Timestamp("2025-03-03 08:30")
    assert first["end"] == pd.Timestamp("2025-03-03 10:00")
    assert first["extra_contacts"] == pytest.approx(140)
    assert first["pct_above_usual"] == pytest.approx(140 / 300 * 100)
    assert first["reason"] == "campaign spring"
    assert first["rank"] == 1
    # 10:30 alone: +25 %, no known reason
    assert second["extra_contacts"] == pytest.approx(25)
    assert second["reason"] == "above the usual pattern"


def test_higher_threshold_keeps_only_the_big_period():
    peaks = find_peaks(day_frame(), 30, threshold_pct=40)
    assert len(peaks) == 1
    assert peaks.iloc[0]["extra_contacts"] == pytest.approx(110)  # 150 and 160 only


def test_manager_threshold_flags_busy_intervals_even_when_usual():
    frame = day_frame()
    frame["usual"] = frame["forecast"]
    peaks = find_peaks(frame, 30, volume_threshold=140)
    assert len(peaks) == 1
    assert peaks.iloc[0]["start"] == pd.Timestamp("2025-03-03 08:30")
    assert peaks.iloc[0]["reason"] == "campaign spring"


def test_no_peak_gives_an_empty_table_with_columns():
    frame = day_frame()
    frame["forecast"] = frame["usual"]
    peaks = find_peaks(frame, 30)
    assert peaks.empty and "extra_contacts" in peaks.columns


def test_description_reads_like_a_sentence():
    peak = find_peaks(day_frame(), 30).iloc[0]
    assert describe_peak(peak) == (
        "Mon 3 Mar 08:30–10:00: +47% over a usual Monday, ≈ 140 extra contacts (campaign spring)"
    )


def test_quiet_slots_need_more_than_poisson_noise():
    times = pd.date_range("2025-03-03 02:00", periods=3, freq="30min")
    frame = pd.DataFrame({"interval_start": times, "queue": "phone",
                          "forecast": [19.0, 24.0, 10.0], "usual": [15.0, 15.0, 5.0]})
    # +4 on a usual 15 is within 2 sqrt(15) = 7.7 (noise); +9 on 15 and +5 on 5 (> 4.5) are not
    peaks = find_peaks(frame, 30, threshold_pct=20)
    assert len(peaks) == 1
    assert peaks.iloc[0]["start"] == times[1]
    assert peaks.iloc[0]["end"] == times[2] + pd.Timedelta(minutes=30)
    assert peaks.iloc[0]["extra_contacts"] == pytest.approx(14)
