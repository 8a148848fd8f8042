"""CLI probe, round twenty-eight: the whole command-line flow on real exports, and the figures
one command prints read against another's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cli


def _plan_with_a_busy_sunday(folder: Path, first_day: str, days: int) -> Path:
    """A plan open 08:00-16:00 every day, 2 rostered a half hour, 10 on Sunday."""
    starts = pd.date_range(first_day, periods=days * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 16)]
    rostered = [10 if start.day_of_week == 6 else 2 for start in starts]
    path = folder / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": rostered}).to_csv(path, index=False)
    return path


def _shifts_summary(capsys: pytest.CaptureFixture[str], plan: Path, folder: Path) -> str:
    """What `shifts` prints for one 8-hour shift a day starting at 08:00."""
    argv = ["shifts", str(plan), "--out", str(folder / "shifts.csv"), "--part-hours", "0"]
    assert cli.main([*argv, "--earliest-start", "8", "--latest-start", "8"]) == 0
    return capsys.readouterr().out


# 1. A plan starting on a Saturday (the bank's 6-minute counts, forecast from Sat 1 Jan 2000)
#    has its busiest week cut to Sat-Sun: shifts read "people to employ: 37 in the busiest
#    week (... of which the plan holds only Sat 1 Jan – Sun 2 Jan ...)", then "that week's
#    356 shift hours are 8.9 full-time people or 9.4 FTE": two days' hours set against a
#    weekly contract, a quarter of the people just named.


def test_a_cut_busiest_week_relates_the_busiest_whole_week_to_fte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sat 2 - Fri 15 Mar 2024: Sat-Sun hold 2 + 10 shifts (10 people, the busiest); the whole
    # week Mon 4 - Sun 10 holds 6 × 2 + 10 = 22 shifts of 8 h = 176 h, 4.4 people of 40 h and
    # 176 / 38 = 4.6 FTE (before: Sat-Sun's 96 h as "2.4 full-time people or 2.5 FTE").
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-02", 14), tmp_path)
    assert "people to employ: 10 in the busiest week (from Sat 2 Mar 2024, of which" in out
    assert "the busiest whole week, from Mon 4 Mar 2024, needs 10" in out
    assert (
        "a 38-h contract (supervisors included): the busiest whole week's (from Mon 4 Mar "
        "2024) 176 shift hours are 4.4 full-time people or 4.6 FTE\n"
    ) in out


def test_a_plan_without_a_whole_week_relates_its_pace_to_fte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Wed 6 - Fri 15 Mar 2024: both calendar weeks are cut. The busiest, Wed 6 - Sun 10, holds
    # 4 × 2 + 10 = 18 shifts of 8 h = 144 h in 5 days, 144 × 7 / 5 = 201.6 h a week: 5.0
    # people of 40 h, 201.6 / 38 = 5.3 FTE (before: "144 shift hours are 3.6 full-time people
    # or 3.8 FTE").
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-06", 10), tmp_path)
    assert (
        "(supervisors included): that week's 5 days hold 144 shift hours, 202 a week at that "
        "pace: 5.0 full-time people or 5.3 FTE\n"
    ) in out


def test_a_whole_busiest_week_keeps_its_own_hours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Mon 4 - Sun 17 Mar 2024, two whole weeks of 22 shifts each: 176 h as before.
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-04", 14), tmp_path)
    assert (
        "(supervisors included): that week's 176 shift hours are 4.4 full-time people or 4.6 FTE\n"
    ) in out
