"""Peaks: flagged intervals merged into periods, ranked by extra contacts, described in words."""

import numpy as np
import pandas as pd
import pytest

from data.errors import InputError
from forecasting.peaks import day_outlook, describe_peak, find_peaks


def day_frame() -> pd.DataFrame:
    times = pd.date_range("2025-03-03 08:00", periods=8, freq="30min")  # Monday 3 March 2025
    usual = np.full(8, 100.0)
    forecast = np.array([100, 150, 160, 130, 100, 125, 100, 100.0])
    reason = ["", "", "campaign spring", "", "", "", "", ""]
    return pd.DataFrame(
        {
            "interval_start": times,
            "queue": "phone",
            "forecast": forecast,
            "usual": usual,
            "reason": reason,
        }
    )


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


@pytest.mark.parametrize("ceiling", [0.0, -5.0, float("nan")])
def test_a_ceiling_of_no_contacts_is_refused(ceiling):
    # A ceiling of -5 made every interval a peak, 5 contacts more "over the ceiling" than its
    # whole forecast.
    with pytest.raises(InputError, match="Peak ceiling must be a number of contacts"):
        find_peaks(day_frame(), 30, volume_threshold=ceiling)


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


def test_a_peak_running_to_midnight_ends_at_24_00():
    peak = pd.Series(
        {"start": pd.Timestamp("2014-01-05 12:00"), "end": pd.Timestamp("2014-01-06 00:00"),
         "pct_above_usual": 63.0, "extra_contacts": 1885.0, "reason": "trend"}
    )  # fmt: skip
    assert describe_peak(peak).startswith("Sun 5 Jan 12:00–24:00: +63% over a usual Sunday")


def slots(start: str, forecast: list[float], usual: list[float]) -> pd.DataFrame:
    """Consecutive 30-minute slots of one queue from `start`."""
    times = pd.date_range(start, periods=len(forecast), freq="30min")
    return pd.DataFrame(
        {"interval_start": times, "queue": "phone", "forecast": forecast, "usual": usual}
    )


def test_quiet_slots_need_more_than_poisson_noise():
    # The rest of the day as usual, so that the day as a whole is no peak (+6.5%).
    frame = slots(
        "2025-03-03 02:00", [19.0, 24.0, 10.0] + [15.0] * 16, [15.0, 15.0, 5.0] + [15.0] * 16
    )
    times = frame["interval_start"]
    # +4 on a usual 15 is within 2 sqrt(15) = 7.7 (noise); +9 on 15 and +5 on 5 (> 4.5) are not
    peaks = find_peaks(frame, 30, threshold_pct=20)
    assert len(peaks) == 1
    assert peaks.iloc[0]["start"] == times[1]
    assert peaks.iloc[0]["end"] == times[2] + pd.Timedelta(minutes=30)
    assert peaks.iloc[0]["extra_contacts"] == pytest.approx(14)


def test_a_few_extra_calls_are_no_peak():
    frame = day_frame()
    frame["forecast"] = frame["usual"]
    frame.loc[7, ["usual", "forecast"]] = [0.0, 3.0]  # 3 calls where none are usual
    # Per interval it passes (3 >= 2 x one contact of noise), but 3 extra calls are 0.4%
    # of the day's 703 forecast contacts, under the 1% a period needs.
    assert find_peaks(frame, 30).empty
    # Nor is it clear of the 2 x sqrt(3) = 3.5 spread of its own forecast: both rules relaxed.
    assert find_peaks(frame, 30, min_day_share_pct=0.4).empty
    kept = find_peaks(frame, 30, min_day_share_pct=0.4, noise_sigmas=1.5)
    assert kept["extra_contacts"].tolist() == [3.0]
    # The manager's own threshold still flags it.
    assert len(find_peaks(frame, 30, volume_threshold=2)) == 1


def test_one_contact_where_none_is_usual_is_chance_not_a_peak():
    # A tiny queue: a usual of 0-0.5 contacts per slot. Poisson noise of such a slot is still
    # about one contact, so 1.5 extra is no peak; 2.5 extra clears it, yet the 3 forecast
    # contacts spread by 2 sqrt(3) = 3.5 themselves, so that is no peak either.
    # The rest of the day as usual: 5.5 extra on a usual 11 is within the day's noise too.
    frame = slots("2025-03-03 10:00", [1.5, 2.0, 3.0] + [0.5] * 20, [0.0, 0.5, 0.5] + [0.5] * 20)
    times = frame["interval_start"]
    assert find_peaks(frame, 30).empty
    # 5 forecast there lifts the day to +68% (7.5 extra, beyond 2 sqrt(11) = 6.6), so its first
    # three slots are one period: 7.5 extra on 8.5 forecast, beyond 2 sqrt(8.5) = 5.8.
    frame.loc[2, "forecast"] = 5.0
    peaks = find_peaks(frame, 30)
    assert peaks["start"].tolist() == [times[0]]
    assert peaks["extra_contacts"].tolist() == [7.5]


def test_a_day_above_usual_as_a_whole_is_judged_on_its_total():
    # A day at +34% on a usual 10 per slot: +3.4 per slot is within 2 sqrt(10) = 6.3, yet the
    # day's 54 extra contacts are far beyond 2 sqrt(160) = 25: every slot of it is the peak.
    frame = slots("2025-03-03 08:00", [13.4] * 16, [10.0] * 16)
    peaks = find_peaks(frame, 30)
    assert len(peaks) == 1
    assert peaks.iloc[0]["extra_contacts"] == pytest.approx(54.4)
    # The same slots on a day that is otherwise usual stay within the noise.
    assert find_peaks(slots("2025-03-03 08:00", [13.4] * 4 + [10.0] * 12, [10.0] * 16), 30).empty


def test_share_of_day_is_per_day():
    # The same +25 contacts over a usual 100 in one interval: 3.0% of a quiet day's 825
    # forecast contacts (kept), 0.7% of a busy day's 3625 (dropped).
    quiet = day_frame().assign(forecast=100.0)
    quiet.loc[3, "forecast"] = 125.0
    busy = quiet.assign(
        interval_start=quiet["interval_start"] + pd.Timedelta(days=1), usual=500.0, forecast=500.0
    )
    busy.loc[3, ["usual", "forecast"]] = [100.0, 125.0]
    peaks = find_peaks(pd.concat([quiet, busy], ignore_index=True), 30)
    assert peaks["start"].tolist() == [pd.Timestamp("2025-03-03 09:30")]
    assert peaks["extra_contacts"].tolist() == [25.0]


def test_day_outlook_sums_each_open_day_and_names_its_busiest_interval_and_cause():
    times = pd.date_range("2024-03-04 09:00", periods=3, freq="30min")  # a Monday
    times = times.append(pd.date_range("2024-03-05 09:00", periods=3, freq="30min"))
    times = times.append(pd.date_range("2024-03-06 09:00", periods=3, freq="30min"))
    frame = pd.DataFrame(
        {
            "interval_start": times,
            "queue": "desk",
            "forecast": [10.0, 30.0, 20.0, 5.0, 5.0, 0.0, 7.0, 8.0, 9.0],
            "p90": [14.0, 38.0, 26.0, 8.0, 8.0, 0.0, 11.0, 12.0, 13.0],
            "is_open": [True] * 5 + [False] + [True] * 3,
            "usual": [10.0, 20.0, 20.0, 10.0, 10.0, 0.0, 8.0, 8.0, 8.0],
            "reason": ["", "campaign spring", "", "", "", "", "", "", ""],
            "special_day": [""] * 3 + ["Easter Monday"] * 3 + [""] * 3,
        }
    )
    days = day_outlook(frame).set_index("date")
    monday, tuesday, wednesday = days.index
    assert days.loc[monday, "forecast_contacts"] == 60 and days.loc[monday, "usual_contacts"] == 50
    assert days.loc[monday, "vs_usual"] == pytest.approx(0.2)
    assert days.loc[monday, "busiest_start"] == pd.Timestamp("2024-03-04 09:30")
    assert days.loc[monday, "busiest_p90"] == 38
    assert days.loc[monday, "reason"] == "campaign spring"
    # The closed 10:00 slot is left out; a holiday names itself.
    assert days.loc[tuesday, "forecast_contacts"] == 10 and days.loc[tuesday, "vs_usual"] == -0.5
    assert days.loc[tuesday, "reason"] == "Easter Monday"
    assert days.loc[wednesday, "vs_usual"] == pytest.approx(0.0)
    assert days.loc[wednesday, "reason"] == ""


def test_a_peak_above_a_ceiling_but_below_usual_counts_contacts_over_the_ceiling():
    # A usual Monday brings 100 at 10:30-11:30; the forecast 98 and 97 is no pattern peak, but the
    # team on shift answers 90 an interval: 8 + 8 contacts too many, and the top interval is 98.
    frame = slots("2026-11-23 10:00", [60, 98, 98, 60], [60, 100, 100, 60])
    peak = find_peaks(frame, 30, volume_threshold=90).iloc[0]
    assert peak["start"] == pd.Timestamp("2026-11-23 10:30")
    assert peak["extra_contacts"] == pytest.approx(0)
    assert peak["over_ceiling_contacts"] == pytest.approx(16)
    assert peak["busiest_interval"] == pytest.approx(98)
    assert describe_peak(peak) == (
        "Mon 23 Nov 10:30–11:30: -2% against a usual Monday; up to 98 per interval, ≈ 16 over "
        "your ceiling (above 90 per interval)"
    )


def test_peaks_rank_by_extra_or_over_the_ceiling_whichever_is_larger():
    # 08:30-10:00 is 140 above usual and 10 + 20 over a 140 ceiling; an evening of 300
    # where 300 is usual is 160 over the ceiling and outranks it.
    frame = day_frame()
    evening = slots("2025-03-03 18:00", [300], [300])
    peaks = find_peaks(pd.concat([frame, evening], ignore_index=True), 30, volume_threshold=140)
    assert list(peaks["over_ceiling_contacts"].round()) == [160, 30, 0]
    assert list(peaks["extra_contacts"].round()) == [0, 140, 25]
    assert describe_peak(peaks.iloc[1]).endswith(
        "+47% over a usual Monday, ≈ 140 extra contacts; up to 160 per interval, ≈ 30 over your "
        "ceiling (campaign spring)"
    )
