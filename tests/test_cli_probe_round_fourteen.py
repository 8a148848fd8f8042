"""Round fourteen of probing the CLI and the Shifts page: the full-time week's hours behind the
FTE, part time longer than full time, the start hours' range in words, and the peaks summary."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import run_cli
from test_app_pages import go, open_app
from test_cli_probe_round_ten import QUICK

from cli_commands.forecast import _peaks_summary
from data.errors import SettingError
from forecasting import ForecastSettings
from forecasting.synthetic import synthetic_intervals
from staffing.plan import StaffingSettings, channel_from_queue_name
from staffing.shifts import ShiftSettings

QUIET = (*QUICK, "--country", "none")
TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20, "--aht-seconds", 240)


def _fte(stdout: str) -> float:
    return float(re.search(r", ([\d,.]+) FTE,", stdout).group(1).replace(",", ""))


@pytest.fixture(scope="module")
def forecast_file(tmp_path_factory) -> str:
    """A forecast of a Mon-Fri 08:00-18:00 desk, one week."""
    folder = tmp_path_factory.mktemp("fte")
    history = folder / "desk.csv"
    frame = synthetic_intervals(56, seed=4, level=30, start="2024-03-04")
    frame[["interval_start", "volume"]].to_csv(history, index=False)
    out = folder / "forecast.csv"
    done = run_cli("forecast", history, "--horizon-days", 7, *QUIET, "--out", out)
    assert done.returncode == 0, done.stderr
    return str(out)


# 1. The app took the full-time week's hours as a setting (38 h by default); the CLI had no
# option for it, so a 40-hour desk's FTE from the CLI disagreed with the app's by 5%.


def test_staff_counts_fte_in_the_full_time_week_given(forecast_file, tmp_path):
    plans = {}
    for hours in (38, 40):
        out = tmp_path / f"plan{hours}.csv"
        done = run_cli(
            "staff", forecast_file, *TARGETS, "--weekly-contract-hours", hours, "--out", out
        )
        assert done.returncode == 0, done.stderr
        plans[hours] = _fte(done.stdout)
    # Same paid hours, counted in 40-hour weeks instead of 38: FTE x 38/40 (to the rounding).
    assert plans[40] == pytest.approx(plans[38] * 38 / 40, abs=0.06)
    assert plans[38] > plans[40] > 0


def test_a_full_time_week_longer_than_a_week_is_refused_naming_the_option(forecast_file, tmp_path):
    done = run_cli(
        "staff", forecast_file, *TARGETS, "--weekly-contract-hours", 380, "--out", tmp_path / "p"
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: --weekly-contract-hours 380: weekly contract")
    assert "cannot pass the 168 hours of a week" in done.stderr
    with pytest.raises(SettingError) as refused:
        StaffingSettings(weekly_contract_hours=200)
    assert refused.value.setting == "weekly_contract_hours"


# 2. A part-time shift longer than the full-time one was planned as "Part time 10 h", capped at
# 30% of paid hours while being the longer shift: most likely the two lengths typed swapped.


def test_part_time_longer_than_full_time_is_refused_by_the_package_and_the_cli(tmp_path):
    with pytest.raises(SettingError) as refused:
        ShiftSettings(full_hours=8, part_hours=10).types()
    assert refused.value.setting == "part_hours"
    assert "part-time shift (10 h) is longer than the full-time one (8 h)" in str(refused.value)
    # As long as full time is allowed: no part time to plan, as before.
    assert [shift.hours for shift in ShiftSettings(full_hours=8, part_hours=8).types()] == [8]

    plan = tmp_path / "plan.csv"
    times = pd.date_range("2024-03-04 08:00", periods=8, freq="30min")
    pd.DataFrame({"interval_start": times, "rostered": [2] * 8}).to_csv(plan, index=False)
    done = run_cli("shifts", plan, "--part-hours", 10, "--out", tmp_path / "s.csv")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: --part-hours 10: the part-time shift (10 h)")


def test_the_shifts_page_explains_part_time_longer_than_full_time(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_part_hours").set_value(10.0).run()
    assert not app.exception
    errors = [error.value for error in app.error]
    assert any("No shift plan: the part-time shift (10 h) is longer" in e for e in errors), errors


def test_start_hours_are_said_to_stop_short_of_24():
    with pytest.raises(SettingError) as refused:
        ShiftSettings(earliest_start=6, latest_start=24)
    assert "from 0 up to (not including) 24, e.g. 23.5" in str(refused.value)


# 3. `forecast` listed the first five peaks and said nothing of the rest, or nothing at all when
# there were none: silence read as a failed peak search.


def test_forecast_says_when_there_are_no_peaks(tmp_path):
    history = tmp_path / "desk.csv"
    frame = synthetic_intervals(56, seed=4, level=30, start="2024-03-04")
    frame[["interval_start", "volume"]].to_csv(history, index=False)
    done = run_cli("forecast", history, "--horizon-days", 7, *QUIET, "--out", tmp_path / "f.csv")
    assert done.returncode == 0, done.stderr
    assert "peak 1:" not in done.stdout
    assert (
        "peaks: none, no interval is forecast 20% or more above its usual for the weekday and "
        "time" in done.stdout
    )


def test_forecast_counts_the_peaks_it_does_not_list():
    settings = ForecastSettings(peak_threshold_pct=25)
    assert _peaks_summary(8, 100, settings) == (
        "peaks: 3 more after these 5, smaller; --peaks-out PEAKS.csv lists them all"
    )
    assert _peaks_summary(5, 100, settings) is None
    assert _peaks_summary(0, 100, settings).startswith("peaks: none, no interval is forecast 25%")
    assert _peaks_summary(0, 0, settings) is None  # an all-closed horizon has its own note


# 4. `plan --quantile p80` staffed a busier day than the mean; `forecast` wrote no p80 and
# `staff` had no --quantile, so the two-step route could not staff what `plan` did.


def test_staff_to_p80_of_a_forecast_gives_the_plan_staffed_to_p80(tmp_path):
    history = tmp_path / "desk.csv"
    frame = synthetic_intervals(56, seed=4, level=30, start="2024-03-04")
    frame["aht_seconds"] = 240.0
    frame[["interval_start", "volume", "aht_seconds"]].to_csv(history, index=False)
    forecast, staffed, planned = tmp_path / "f.csv", tmp_path / "s.csv", tmp_path / "p.csv"
    horizon = ("--horizon-days", 7, *QUIET)
    assert run_cli("forecast", history, *horizon, "--out", forecast).returncode == 0
    targets = ("--service-level", 0.8, "--answer-within-seconds", 20)
    done = run_cli("staff", forecast, *targets, "--quantile", "p80", "--out", staffed)
    assert done.returncode == 0, done.stderr
    assert "on the mean forecast (agents sized on p80)" in done.stdout
    plan_done = run_cli("plan", history, *horizon, *targets, "--quantile", "p80", "--out", planned)
    assert plan_done.returncode == 0, plan_done.stderr
    written = pd.read_csv(forecast)
    staff, plan = pd.read_csv(staffed), pd.read_csv(planned)
    # Sized on the forecast's p80, judged on its mean: the plan's figures, row for row.
    assert staff["sized_for_volume"].tolist() == written["p80"].tolist()
    assert staff["volume"].tolist() == written["forecast"].tolist()
    for column in ("agents", "rostered", "service_level"):
        assert staff[column].tolist() == plan[column].tolist(), column
    assert (written["p80"] > written["forecast"]).mean() > 0.5
    mean = tmp_path / "m.csv"
    assert run_cli("staff", forecast, *targets, "--out", mean).returncode == 0
    assert pd.read_csv(mean)["agents"].sum() < staff["agents"].sum()


def test_staff_to_a_quantile_the_file_lacks_is_refused_naming_it(forecast_file, tmp_path):
    table = pd.read_csv(forecast_file).drop(columns=["p80"])
    short = tmp_path / "short.csv"
    table.to_csv(short, index=False)
    done = run_cli("staff", short, *TARGETS, "--quantile", "p80", "--out", tmp_path / "s.csv")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: --quantile p80: ")
    assert "has no p80 column" in done.stderr and "leave --quantile out" in done.stderr


# 5. A queue named in Spanish ("Correo") or after a messaging app was staffed as calls.


@pytest.mark.parametrize(
    ("queue", "channel"),
    [
        ("Correo clientes", "email"),
        ("Courriel", "email"),
        ("Kundtjänst e-post", "email"),
        ("E-Mail Support", "email"),
        ("WhatsApp", "chat"),
        ("Facebook Messenger", "chat"),
        ("Live Chat", "chat"),
        ("Telefono", "voice"),
        ("Tickets", "voice"),  # a box office's phone line as often as a helpdesk's tickets
    ],
)
def test_a_queue_name_says_its_channel_in_more_words(queue, channel):
    assert channel_from_queue_name(queue) == channel
