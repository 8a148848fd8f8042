"""Round ten of probing the CLI as a workforce planner would: `staff` on a forecast CSV that
lists only the open intervals (FTE spread over the days it covers, not over its rows), hand-made
forecast CSVs with bad cells, `plan` with a change period outside the forecast and a -100%
volume change."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import run_cli

from forecasting.synthetic import synthetic_intervals
from staffing.plan import StaffingSettings

TARGETS = ("--aht-seconds", 300, "--service-level", 0.8, "--answer-within-seconds", 20)
QUICK = ("--model", "historical_average_4w")


def _one_line_error(done) -> str:
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: "), done.stderr
    return lines[-1]


def _fte(stdout: str) -> float:
    return float(re.search(r", ([\d,.]+) FTE,", stdout).group(1).replace(",", ""))


def test_staff_spreads_a_nine_to_five_forecast_over_its_days_not_its_open_rows(tmp_path):
    """`cli.py forecast` writes only the open intervals: 5 weekdays of 09:00-17:00 are 40 hours
    of rows but 5 days of roster; FTE counted over the rows was 4.2 times too high."""
    starts = [
        day + pd.Timedelta(minutes=30 * slot)
        for day in pd.date_range("2024-03-04 09:00", periods=5, freq="D")
        for slot in range(16)
    ]
    forecast = tmp_path / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "queue": "desk", "forecast": 20.0}).to_csv(
        forecast, index=False
    )
    out = tmp_path / "plan.csv"
    done = run_cli("staff", forecast, *TARGETS, "--out", out)
    assert done.returncode == 0, done.stderr
    plan = pd.read_csv(out)
    paid_hours = (plan["rostered"] + plan["supervisors"]).sum() * 0.5
    weeks = 5 * 24 / 168
    expected = paid_hours / weeks / StaffingSettings().weekly_contract_hours
    assert _fte(done.stdout) == pytest.approx(expected, abs=0.05)
    assert _fte(done.stdout) < paid_hours / 40 * 168 / StaffingSettings().weekly_contract_hours / 2


def test_staff_on_a_forecast_of_a_part_time_queue_agrees_with_plan(shared_data, tmp_path):
    series = shared_data / "axa" / "series" / "Gestion.csv"
    forecast, staffed, planned = (tmp_path / name for name in ("f.csv", "s.csv", "p.csv"))
    assert (
        run_cli("forecast", series, "--horizon-days", 7, *QUICK, "--out", forecast).returncode == 0
    )
    staff = run_cli("staff", forecast, *TARGETS, "--out", staffed)
    plan = run_cli("plan", series, "--horizon-days", 7, *QUICK, *TARGETS, "--out", planned)
    assert staff.returncode == 0 and plan.returncode == 0, staff.stderr + plan.stderr
    # Same agents in both files; the FTE differ only by the closed first day of the horizon.
    assert pd.read_csv(staffed)["rostered"].sum() == pd.read_csv(planned)["rostered"].sum()
    assert _fte(staff.stdout) == pytest.approx(_fte(plan.stdout), rel=0.25)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("2024-01-01 09:00,A,-5\n2024-01-01 09:30,A,10\n", "'forecast' is -5; give a number"),
        ("2024-01-01 09:00,A,\n2024-01-01 09:30,A,10\n", "'forecast' is empty or not a number;"),
        ("2024-01-01 09:00,A,nan\n2024-01-01 09:30,A,10\n", "'forecast' is empty or not a number;"),
        ("2024-01-01 09:00,A,2\n2024-01-01 09:30,A,inf\n", "row 3 (interval_start 2024-01-01 "
         "09:30): 'forecast' is infinite; give a number"),
        ("soon,A,3\n2024-01-01 09:30,A,10\n", "row 2 (interval_start soon): 'interval_start' is "
         "not a date and time"),
        ("", "forecast.csv has no intervals, only its header: nothing to staff"),
    ],
)  # fmt: skip
def test_a_hand_made_forecast_with_a_bad_cell_is_named_plainly(tmp_path, rows, message):
    forecast = tmp_path / "forecast.csv"
    forecast.write_text("interval_start,queue,forecast\n" + rows)
    out = tmp_path / "plan.csv"
    done = run_cli("staff", forecast, *TARGETS, "--out", out)
    line = _one_line_error(done)
    assert message in line
    assert "np." not in line and "Warning" not in done.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def history_csv(tmp_path_factory):
    """Five weeks of Mon-Fri 08:00-18:00 at 30 minutes from Mon 2024-03-04."""
    path = tmp_path_factory.mktemp("round10") / "history.csv"
    frame = synthetic_intervals(33, seed=3, level=30, start="2024-03-04")
    frame[["interval_start", "volume"]].rename(columns={"volume": "calls"}).to_csv(
        path, index=False
    )
    return path


def test_a_change_period_outside_the_forecast_is_refused_one_inside_plans(history_csv, tmp_path):
    out = tmp_path / "plan.csv"
    done = run_cli(
        "plan", history_csv, "--horizon-days", 7, *QUICK, "--aht-seconds", 300,
        "--volume-change-pct", 20, "--change-from", "2025-01-01", "--change-to", "2025-01-31",
        "--out", out,
    )  # fmt: skip
    line = _one_line_error(done)
    assert "--change-from/--change-to (Wed 1 Jan 2025 to Fri 31 Jan 2025) hold no open" in line
    assert "runs from Mon 8 Apr 2024 to Fri 12 Apr 2024" in line
    assert "the volume and AHT changes would apply nowhere" in line
    assert not out.exists()
    # A period inside the forecast still plans, changing only its days.
    base, changed = tmp_path / "base.csv", tmp_path / "changed.csv"
    common = ("plan", history_csv, "--horizon-days", 7, *QUICK, "--aht-seconds", 300)
    assert run_cli(*common, "--out", base).returncode == 0
    done = run_cli(
        *common, "--volume-change-pct", 50, "--change-from", "2024-04-11", "--out", changed
    )
    assert done.returncode == 0, done.stderr
    before, after = pd.read_csv(base), pd.read_csv(changed)
    late = pd.to_datetime(before["interval_start"]) >= "2024-04-11"
    assert after.loc[~late, "volume"].tolist() == pytest.approx(before.loc[~late, "volume"])
    assert after.loc[late, "volume"].tolist() == pytest.approx(before.loc[late, "volume"] * 1.5)


def test_a_plan_without_contacts_tells_no_queue_to_merge(history_csv, tmp_path):
    out = tmp_path / "plan.csv"
    done = run_cli(
        "plan", history_csv, "--horizon-days", 7, *QUICK, "--aht-seconds", 300,
        "--volume-change-pct", -100, "--out", out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "service level — (no contacts)" in done.stdout
    assert "note: No contacts are expected" in done.stdout
    assert "expects only" not in done.stdout and "Merge it" not in done.stdout
    assert "100.0%" not in done.stdout


def test_unusual_staffing_values_are_said_as_the_app_says_them(history_csv, tmp_path):
    # A shrinkage of 0.99 staffs a hundred people per agent on the phones: said, not refused.
    common = ("plan", history_csv, "--horizon-days", 7, *QUICK, "--aht-seconds", 300)
    done = run_cli(*common, "--shrinkage", 0.99, "--out", tmp_path / "odd.csv")
    assert done.returncode == 0, done.stderr
    assert (
        "note: Shrinkage of 99% is unusual: only 1% of the paid time would be spent on contacts. "
        "It is usually 25–40%."
    ) in done.stdout
    # The defaults, and --max-occupancy 1 ("no cap"), are nothing to point out.
    plain = run_cli(*common, "--max-occupancy", 1, "--out", tmp_path / "plain.csv")
    assert plain.returncode == 0, plain.stderr
    assert "is unusual" not in plain.stdout
