"""Handle time by weekday and time of day: learned where held-out weeks prove it, staffed on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli

from data.importer import import_files
from data.schema import AHT_SECONDS, INTERVAL_START, MINUTE_OF_DAY, QUEUE, VOLUME, WEEKDAY
from planning import Scenario, aht_profiles, build_plan
from planning.aht_profile import AHT_FACTOR, aht_factors
from staffing.plan import StaffingSettings

SAMPLE = "data/samples/service_desk.csv"


def desk(weeks: int, afternoon_aht: float, seed: int = 0) -> pd.DataFrame:
    """Mon-Fri 08:00-18:00 half hours, about 40 calls each; each interval's AHT is the mean of
    its calls' lognormal handle times (CV 0.6) around 240 s before 13:00, `afternoon_aht` after."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-01-01", periods=7 * weeks, freq="D")
    days = days[days.day_of_week < 5]
    starts = pd.DatetimeIndex(
        [day + pd.Timedelta(minutes=480 + 30 * k) for day in days for k in range(20)]
    )
    volume = rng.poisson(40, len(starts)).astype(float)
    mean = np.where(starts.hour >= 13, afternoon_aht, 240.0)
    sigma = np.sqrt(np.log(1 + 0.6**2))
    # The mean of n lognormal calls: its spread shrinks as 1/sqrt(n).
    noise = rng.standard_normal(len(starts)) * sigma / np.sqrt(np.maximum(volume, 1))
    aht = mean * np.exp(noise - noise.var() / 2)
    return pd.DataFrame(
        {INTERVAL_START: starts, QUEUE: "desk", VOLUME: volume, AHT_SECONDS: np.round(aht)}
    )


def test_a_longer_afternoon_is_learned_as_its_ratio():
    frame = desk(8, afternoon_aht=360.0)
    profile = aht_profiles(frame)
    assert set(profile[QUEUE]) == {"desk"}
    hours = profile[MINUTE_OF_DAY] // 60
    weekdays = profile[WEEKDAY] < 5
    morning = profile.loc[weekdays & (hours < 13), AHT_FACTOR]
    afternoon = profile.loc[weekdays & (hours >= 13), AHT_FACTOR]
    # 360 s against 240 s: the afternoon's ratio is 1.5 times the morning's.
    assert afternoon.mean() / morning.mean() == pytest.approx(1.5, rel=0.02)
    # The ratios average 1 over the contacts they were learned from: the AHT keeps its meaning.
    factors = aht_factors(frame, profile)
    assert np.average(factors, weights=frame[VOLUME]) == pytest.approx(1.0, abs=1e-9)


def test_one_handle_time_all_day_gets_no_shape():
    # Noise only: no shape beats one figure on the held-out weeks by 2%.
    assert aht_profiles(desk(8, afternoon_aht=240.0)).empty


def test_the_same_handle_time_in_every_interval_gets_no_shape():
    # Every held-out error is 0, the flat figure's too: a tie is no shape.
    frame = desk(8, afternoon_aht=240.0).assign(**{AHT_SECONDS: 240.0})
    assert aht_profiles(frame).empty


def test_fewer_than_four_weeks_are_not_judged():
    assert aht_profiles(desk(3, afternoon_aht=360.0)).empty
    assert not aht_profiles(desk(4, afternoon_aht=360.0)).empty


def test_without_handle_times_nothing_is_learned():
    assert aht_profiles(desk(8, 360.0).drop(columns=AHT_SECONDS)).empty
    assert aht_profiles(desk(8, 360.0).assign(**{AHT_SECONDS: np.nan})).empty


def test_the_sample_phone_queue_finds_the_generators_afternoon():
    # data/samples/generate.py makes each slot's handle time 5% longer from 14:00.
    profile = aht_profiles(import_files([SAMPLE]).intervals)
    phone = profile[profile[QUEUE] == "phone"]
    later = phone[MINUTE_OF_DAY] >= 14 * 60
    ratio = phone.loc[later, AHT_FACTOR].mean() / phone.loc[~later, AHT_FACTOR].mean()
    assert ratio == pytest.approx(1.05, abs=0.01)


def test_the_bank_calls_take_longest_late_morning(shared_data):
    # Anonymous Bank, February 1999, one row per call: mean service time by hour is about 142 s
    # at 07:00, 196-203 s from 09:00 to 12:00 and 144-147 s at 16:00-17:00.
    bank = import_files([shared_data / "anonymous_bank" / "february_1999.txt"]).intervals
    profile = aht_profiles(bank)
    assert set(profile[QUEUE]) == {"all"}
    factors = pd.Series(aht_factors(bank, profile), index=bank.index)
    busy = bank[VOLUME] > 0
    hour = bank[INTERVAL_START].dt.hour
    by_hour = factors[busy].groupby(hour[busy]).mean()
    assert by_hour.loc[9:12].min() > 1.05
    assert by_hour.loc[[7, 16, 17]].max() < 0.95


def test_the_plan_staffs_each_interval_with_its_shaped_handle_time():
    history = desk(8, afternoon_aht=360.0)
    profile = aht_profiles(history)
    future = pd.date_range("2024-02-26 08:00", periods=20, freq="30min")  # Monday
    forecast = pd.DataFrame(
        {INTERVAL_START: future, QUEUE: "desk", "forecast": 40.0, "is_open": True}
    )
    scenario = Scenario(name="s", staffing=StaffingSettings(aht_seconds=288.0))
    shaped = build_plan(forecast, 30, scenario, aht_profile=profile).plan
    flat = build_plan(forecast, 30, scenario).plan
    factors = aht_factors(forecast, profile)
    np.testing.assert_allclose(shaped[AHT_SECONDS], 288.0 * factors)
    assert (flat[AHT_SECONDS] == 288.0).all()
    afternoon = shaped[INTERVAL_START].dt.hour >= 13
    # More agents where calls take longer, fewer where they are quick.
    assert (shaped.loc[afternoon, "agents"] > flat.loc[afternoon, "agents"]).all()
    assert (shaped.loc[~afternoon, "agents"] < flat.loc[~afternoon, "agents"]).all()


def test_the_cli_plan_names_the_shape_and_flat_aht_turns_it_off(tmp_path):
    path = tmp_path / "desk.csv"
    desk(8, afternoon_aht=360.0).to_csv(path, index=False)
    arguments = ("plan", path, "--horizon-days", 5, "--model", "weighted_profile")
    shaped = run_cli(*arguments, "--out", tmp_path / "shaped.csv")
    assert shaped.returncode == 0, shaped.stderr
    assert "note: the handle time of desk follows the weekday and time of day" in shaped.stdout
    flat = run_cli(*arguments, "--flat-aht", "--out", tmp_path / "flat.csv")
    assert flat.returncode == 0, flat.stderr
    assert "follows the weekday" not in flat.stdout
    shaped_plan = pd.read_csv(tmp_path / "shaped.csv", parse_dates=[INTERVAL_START])
    flat_plan = pd.read_csv(tmp_path / "flat.csv", parse_dates=[INTERVAL_START])
    assert flat_plan[AHT_SECONDS].nunique() == 1
    afternoon = shaped_plan[INTERVAL_START].dt.hour >= 13
    ratio = shaped_plan.loc[afternoon, AHT_SECONDS].mean() / (
        shaped_plan.loc[~afternoon, AHT_SECONDS].mean()
    )
    assert ratio == pytest.approx(1.5, rel=0.03)


def test_the_staffing_page_shapes_the_sample_phone_queue_unless_unticked(picco_home):
    from test_app_pages import assert_clean, go, open_app
    from test_preferences import new_session

    app = go(open_app(), "staffing")
    assert_clean(app)
    assert app.session_state["queue"] == "phone"
    box = app.checkbox(key="aht_by_time_of_day")
    assert box.value is True and box.label == "Handle time by weekday and time of day"
    shown = [item.value for item in app.caption if item.value.startswith("Each interval's handle")]
    assert len(shown) == 1 and "ratio in the last 8 weeks: from 0." in shown[0]
    costs = {item.label: item.value for item in app.metric}

    box.uncheck().run()
    assert_clean(app)
    assert not [item for item in app.caption if item.value.startswith("Each interval's handle")]
    # Afternoon calls 5% longer, morning ones shorter: the cost of the week moves with them.
    assert {item.label: item.value for item in app.metric} != costs

    # A policy, kept like the targets: a new session starts unticked.
    again = new_session("staffing")
    assert_clean(again)
    assert again.checkbox(key="aht_by_time_of_day").value is False


def test_a_queue_without_a_shape_shows_no_choice(picco_home):
    from test_app_pages import assert_clean, go, open_app

    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    assert_clean(app)
    assert not [box for box in app.checkbox if box.key == "aht_by_time_of_day"]
