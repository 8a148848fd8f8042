"""Tests for the shipped sample: reproducible byte for byte, and the desk's patterns really there."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from data.samples.generate import SAMPLE_PATH, generate

GENERATOR = PROJECT_ROOT / "data" / "samples" / "generate.py"
# Italian public holidays falling Monday-Saturday inside the sample, listed by hand.
HOLIDAYS_ON_OPEN_DAYS = [
    "2024-12-25", "2024-12-26", "2025-01-01", "2025-01-06", "2025-04-21", "2025-04-25",
    "2025-05-01", "2025-06-02", "2025-08-15", "2025-12-08", "2025-12-25", "2025-12-26",
    "2026-01-01", "2026-01-06", "2026-04-06", "2026-05-01", "2026-06-02", "2026-04-25",
    "2026-08-15", "2025-11-01",
]  # fmt: skip
SURGE_WEEK = pd.Timestamp("2025-03-10")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    frame = pd.read_csv(SAMPLE_PATH, keep_default_na=False, dtype=str)
    return frame


@pytest.fixture(scope="module")
def parsed(sample) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "interval_start": pd.to_datetime(sample["interval_start"], format="%Y-%m-%d %H:%M:%S"),
            "queue": sample["queue"],
            "volume": sample["volume"].astype(int),
            "aht_seconds": pd.to_numeric(sample["aht_seconds"].replace("", np.nan)),
        }
    )
    frame["day"] = frame["interval_start"].dt.normalize()
    frame["time"] = frame["interval_start"].dt.strftime("%H:%M")
    return frame


def daily_totals(parsed: pd.DataFrame, queue: str) -> pd.Series:
    return parsed[parsed["queue"] == queue].groupby("day")["volume"].sum()


# ------------------------------------------------------------------- the file itself


def test_the_script_regenerates_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "service_desk.csv"
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, timeout=120)
    assert out.read_bytes() == SAMPLE_PATH.read_bytes()


def test_the_seed_changes_the_counts_but_not_the_open_slots():
    one = generate(seed=1, start="2025-03-03", end="2025-03-16")
    two = generate(seed=2, start="2025-03-03", end="2025-03-16")
    pd.testing.assert_frame_equal(
        one[["interval_start", "queue"]], two[["interval_start", "queue"]]
    )
    assert not one["volume"].equals(two["volume"])
    pd.testing.assert_frame_equal(one, generate(seed=1, start="2025-03-03", end="2025-03-16"))


def test_file_is_a_small_tidy_export(sample):
    assert SAMPLE_PATH.stat().st_size < 8_000_000
    assert SAMPLE_PATH.read_text().splitlines()[0] == "interval_start,queue,volume,aht_seconds"
    assert sample["interval_start"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:(00|15|30|45):00").all()
    assert sample["volume"].str.fullmatch(r"\d+").all()
    assert sample["aht_seconds"].str.fullmatch(r"\d*").all()
    # Handle time is unknown exactly when nobody contacted the desk in the slot.
    assert ((sample["aht_seconds"] == "") == (sample["volume"] == "0")).all()
    assert sorted(sample["queue"].unique()) == ["chat", "email", "phone"]
    assert sample["interval_start"].min() == "2024-11-25 00:00:00"
    assert sample["interval_start"].max() == "2026-11-22 23:45:00"
    assert not sample.duplicated(["interval_start", "queue"]).any()


def test_handle_times_sit_around_each_channels_level(parsed):
    weighted = (parsed["aht_seconds"] * parsed["volume"]).groupby(parsed["queue"]).sum()
    mean_aht = weighted / parsed.groupby("queue")["volume"].sum()
    assert mean_aht["phone"] == pytest.approx(300 * 1.025, rel=0.04)  # +5% after 14:00
    assert mean_aht["chat"] == pytest.approx(480 * 1.025, rel=0.04)
    assert mean_aht["email"] == pytest.approx(600 * 1.025, rel=0.04)


# ------------------------------------------------------------------- open hours and calendar


@pytest.mark.parametrize(
    ("queue", "weekday_hours", "saturday_hours"),
    [
        ("phone", ("08:00", "19:45"), ("09:00", "12:45")),
        ("chat", ("08:00", "21:45"), ("09:00", "17:45")),
    ],
)
def test_phone_and_chat_keep_office_hours_and_close_on_sundays(
    parsed, queue, weekday_hours, saturday_hours
):
    rows = parsed[parsed["queue"] == queue]
    weekday = rows["interval_start"].dt.day_of_week
    assert not (weekday == 6).any()
    for days, (first, last) in ((weekday < 5, weekday_hours), (weekday == 5, saturday_hours)):
        times = rows.loc[days, "time"]
        assert (times.min(), times.max()) == (first, last)
        slots_per_day = rows[days].groupby("day").size()
        expected = pd.Timestamp(f"2025-01-01 {last}") - pd.Timestamp(f"2025-01-01 {first}")
        assert (slots_per_day == expected // pd.Timedelta("15min") + 1).all()


def test_email_arrives_day_and_night_but_less_at_night_and_on_sundays(parsed):
    email = parsed[parsed["queue"] == "email"]
    slots_per_day = email.groupby("day").size()
    assert slots_per_day.value_counts().index[0] == 96
    by_time = email.groupby("time")["volume"].mean()
    assert by_time["03:00"] < 0.15 * by_time["09:30"]
    daily = daily_totals(parsed, "email")
    weekday_mean = daily.groupby(daily.index.day_of_week).mean()
    assert weekday_mean[6] < 0.5 * weekday_mean[2]


def test_clock_changes_skip_and_fold_the_night_hour(parsed):
    email = parsed[parsed["queue"] == "email"].set_index("interval_start")["volume"]
    for spring in ("2025-03-30", "2026-03-29"):
        assert f"{spring} 02:00" not in set(email.index.strftime("%Y-%m-%d %H:%M"))
        assert pd.Timestamp(f"{spring} 01:45") in email.index
    # 02:00-02:59 happens twice on 2025-10-26: its slots hold two wall-clock quarters of mail.
    autumn = email["2025-10-26 02:00":"2025-10-26 02:45"].sum()
    other_sundays = [email[f"{day} 02:00":f"{day} 02:45"].sum() for day in
                     pd.date_range("2025-09-07", "2025-12-21", freq="7D").strftime("%Y-%m-%d")]  # fmt: skip
    assert autumn > 1.3 * np.mean(other_sundays)


def test_italian_public_holidays_are_closed(parsed):
    for queue in ("phone", "chat"):
        open_days = set(parsed.loc[parsed["queue"] == queue, "day"])
        assert not open_days & set(pd.to_datetime(HOLIDAYS_ON_OPEN_DAYS))
    email = daily_totals(parsed, "email")
    for holiday in ("2025-12-25", "2025-06-02"):
        same_weekday = email[email.index.day_of_week == pd.Timestamp(holiday).day_of_week]
        assert email[holiday] < 0.6 * same_weekday.median()


def test_the_day_after_a_holiday_is_busier(parsed):
    phone = daily_totals(parsed, "phone")
    # First open day after a holiday vs the same weekday one and two weeks either side.
    after = ["2024-12-27", "2025-01-02", "2025-01-07", "2025-04-22", "2025-04-26", "2025-05-02",
             "2025-06-03", "2025-08-16", "2025-11-03", "2025-12-09", "2025-12-27", "2026-01-02",
             "2026-01-07", "2026-04-07", "2026-04-27", "2026-05-02", "2026-06-03",
             "2026-08-17"]  # fmt: skip
    ratios = []
    for day in pd.to_datetime(after):
        around = [day + pd.Timedelta(weeks=k) for k in (-2, -1, 1, 2)]
        usual = phone.reindex(around).drop(pd.to_datetime(HOLIDAYS_ON_OPEN_DAYS), errors="ignore")
        ratios.append(phone[day] / usual.mean())
    assert np.median(ratios) > 1.1


# ------------------------------------------------------------------- volume patterns


def test_monday_is_the_busiest_day_and_saturday_quieter(parsed):
    for queue in ("phone", "chat", "email"):
        daily = daily_totals(parsed, queue)
        by_weekday = daily.groupby(daily.index.day_of_week).mean()
        assert by_weekday[0] > 1.12 * by_weekday[2], queue
        assert by_weekday[0] == by_weekday.max(), queue
        assert by_weekday[5] < 0.7 * by_weekday[2], queue


def test_phone_has_a_late_morning_and_an_early_afternoon_peak(parsed):
    phone = parsed[(parsed["queue"] == "phone") & (parsed["interval_start"].dt.day_of_week < 5)]
    by_time = phone.groupby("time")["volume"].mean()
    lunch = by_time["13:00":"13:15"].mean()
    morning_peak = by_time["10:30":"11:15"].mean()
    afternoon_peak = by_time["14:30":"15:15"].mean()
    assert morning_peak > 1.8 * lunch
    assert afternoon_peak > 1.5 * lunch
    assert by_time.idxmax() in {"10:30", "10:45", "11:00", "11:15"}
    assert by_time["08:00"] < 0.3 * morning_peak and by_time["19:45"] < 0.3 * afternoon_peak


def test_annual_seasonality_busier_january_and_september_august_dip(parsed):
    monthly = parsed.groupby([parsed["interval_start"].dt.to_period("M"), "queue"])["volume"].sum()
    monthly = monthly.unstack()
    for year in (2025, 2026):
        august, september = monthly.loc[f"{year}-08"], monthly.loc[f"{year}-09"]
        assert (august < 0.75 * september).all()
        assert (monthly.loc[f"{year}-01"] > 1.1 * monthly.loc[f"{year}-07"]).all()


def test_the_surge_week_stands_out(parsed):
    weekly = parsed.groupby([parsed["interval_start"].dt.to_period("W"), "queue"])["volume"].sum()
    weekly = weekly.unstack()
    surge = weekly.loc[SURGE_WEEK.to_period("W")]
    around = weekly.loc[
        [(SURGE_WEEK + pd.Timedelta(weeks=k)).to_period("W") for k in (-2, -1, 1, 2)]
    ]
    assert (surge >= 1.5 * around.mean()).all()
    assert (surge <= 2.0 * around.mean()).all()
    assert surge["phone"] == weekly["phone"].max()


def test_a_slight_upward_trend(parsed):
    phone = daily_totals(parsed, "phone")
    phone = phone.drop(phone[SURGE_WEEK : SURGE_WEEK + pd.Timedelta(days=6)].index)
    first = phone["2024-11-25":"2025-11-23"].mean()
    second = phone["2025-11-24":"2026-11-22"].mean()
    assert 1.02 < second / first < 1.1  # the generator adds 5% a year
