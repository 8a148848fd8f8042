"""Staffing probe, round fourteen: an e-mail's response time of at least its own handle time
where capacity exceeds the work, and never in time when its handling outlasts the window; the
shift solver's uncovered-need advice in each front end's words (the CLI's options, the Shifts
page's controls), a longer shift offered only where one would reach the need; and a gap inside a
day whose weekday a forecast file given to `cli.py staff` lists once (a single-day file)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from staff_support import staff

import cli
from staffing.backlog import email_plan
from staffing.shifts import ShiftType, UncoveredNeedError, plan_shifts

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def test_an_email_is_answered_no_faster_than_its_handle_time():
    # Two mails of 612 s per half hour on 5 agents: capacity is 9,000 s against 1,224 s of
    # work, so the fluid backlog finishes each interval's work as it arrives and read a mean
    # response time of 0 s ("0.0 h"); a reply still takes its 612 s of handling.
    plan = email_plan(np.array([2.0, 2.0, 0.0]), 612.0, 1800, 24, agents=np.array([5, 5, 5]))
    assert plan["asa_seconds"].tolist() == [612.0, 612.0, 0.0]
    assert plan["service_level"].tolist() == [1.0, 1.0, 1.0]
    # where mail waits, the wait is kept: 6 mails of 900 s on 1 agent (1,800 s of capacity
    # each half hour) finish the middle mail's 2,700 s of work 1.5 half hours in, 1,800 s
    # after the middle of the half hour it came in -- already above its handle time
    waiting = email_plan(np.array([6.0, 0.0, 0.0]), 900.0, 1800, 24, agents=np.array([1, 1, 1]))
    assert waiting["asa_seconds"].iloc[0] == 1800.0


def test_a_mail_whose_handling_outlasts_the_window_is_never_in_time():
    # 90-minute mails, one a half hour, within 1 hour: each takes 1.5 h of handling, so none
    # is answered within the hour (before: 100% in time beside a response time of 5,400 s)
    plan = email_plan(np.full(3, 1.0), 5400.0, 1800, 1.0)
    assert plan["service_level"].tolist() == [0.0, 0.0, 0.0]
    assert plan["asa_seconds"].tolist() == [5400.0, 5400.0, 5400.0]
    # an hour's handling fits a 1-hour window exactly
    assert email_plan(np.full(3, 1.0), 3600.0, 1800, 1.0)["service_level"].tolist() == [1.0] * 3


def test_the_staff_summary_gives_the_handle_time_as_the_least_response_time(capsys, tmp_path):
    starts = pd.date_range("2026-06-01", periods=48, freq="30min")
    path = tmp_path / "forecast.csv"
    pd.DataFrame(
        {"interval_start": starts, "queue": "E-mail", "volume": 2.0, "aht_seconds": 612}
    ).to_csv(path, index=False)
    # 1,224 s of mail a half hour on 1 agent, 1,530 s at the 85% occupancy cap
    code, out, err = staff(
        capsys, path, tmp_path / "plan.csv", *TARGETS, "--email-response-hours", 1
    )
    assert code == 0, err
    # 612 s = 0.17 h (before: "mean response time 0.0 h")
    assert "within the 1-hour response window, mean response time 0.2 h\n" in out


def _evening_need() -> pd.Series:
    """2 people an hour from Mon 08:00 to Tue 02:00."""
    starts = pd.date_range("2026-06-01 08:00", periods=19, freq="h")
    return pd.Series(2.0, index=starts)


def test_the_uncovered_need_says_a_longer_shift_only_where_one_reaches_it():
    # Starts 08:00-14:00: an 8-h shift ends by 22:00, a 12-h one (the longest) from 14:00 runs
    # to 02:00, so lengthening reaches 22:00. The refusal ended "or add a shift type", which
    # neither the CLI nor the Shifts page can do.
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(_evening_need(), 60, [ShiftType("Full", 8, 8, 14)])
    assert str(raised.value) == (
        "no allowed shift covers Mon 1 Jun 2026 22:00 (2 people needed): widen the start "
        "hours (Full starts 08:00–14:00) or lengthen the shifts"
    )
    assert raised.value.advice("A", "B").endswith("widen A (Full starts 08:00–14:00) or lengthen B")
    # before the first start of the horizon's first day, no longer shift helps
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(_evening_need(), 60, [ShiftType("Full", 8, 9, 14)])
    assert str(raised.value).endswith("widen the start hours (Full starts 09:00–14:00)")


def test_the_shifts_command_words_the_uncovered_need_in_its_options(capsys, tmp_path):
    path = tmp_path / "plan.csv"
    need = _evening_need()
    pd.DataFrame({"interval_start": need.index, "rostered": 2}).to_csv(path, index=False)
    run = ["shifts", str(path), "--out", str(tmp_path / "s.csv")]
    assert cli.main([*run, "--earliest-start", "8", "--latest-start", "14"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: no allowed shift covers Mon 1 Jun 2026 22:00 (2 people needed): widen "
        "--earliest-start and --latest-start (Full time 8 h starts 08:00–14:00; Part time 4 h "
        "starts 08:00–14:00) or lengthen --full-hours or --part-hours"
    )
    assert (
        cli.main([*run, "--earliest-start", "8", "--latest-start", "14", "--part-hours", "0"]) == 2
    )
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("(Full time 8 h starts 08:00–14:00) or lengthen --full-hours")
    )


def _staff_notes(capsys, tmp_path, starts: pd.DatetimeIndex) -> list[str]:
    path = tmp_path / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40, "aht_seconds": 300}).to_csv(
        path, index=False
    )
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    return [line for line in out.splitlines() if "missing" in line]


def test_a_gap_inside_a_single_day_forecast_is_noted(capsys, tmp_path):
    # One Monday 08:00-18:00 in half hours with 12:00-13:00 deleted: the three half hours were
    # staffed as nobody with no word, the weekday note needing a second Monday to compare.
    day = pd.date_range("2026-06-01 08:00", periods=20, freq="30min")
    notes = _staff_notes(capsys, tmp_path, day.delete([8, 9, 10]))
    assert notes == [
        f"note: {tmp_path / 'forecast.csv'}: 3 intervals missing between Mon 1 Jun 2026 12:00 and "
        "13:00, inside the hours listed that day, are staffed as nobody; if the desk is open "
        "then, put them back with their forecast"
    ]
    # the whole day listed: no note
    assert _staff_notes(capsys, tmp_path, day) == []


def test_a_week_closed_at_lunch_every_day_gets_no_gap_note(capsys, tmp_path):
    # A week's forecast lists each weekday once; closed 12:00-13:00 every day is the desk's
    # hours, while the same hour gone from Wednesday alone is rows deleted.
    week = pd.DatetimeIndex(
        [start for day in pd.date_range("2026-06-01 08:00", periods=7, freq="D")
         for start in pd.date_range(day, periods=20, freq="30min")]
    )  # fmt: skip
    lunch = (week.hour == 12) | ((week.hour == 13) & (week.minute == 0))
    assert _staff_notes(capsys, tmp_path, week[~lunch]) == []
    wednesday = lunch & (week.day == 3)
    notes = _staff_notes(capsys, tmp_path, week[~wednesday])
    assert (
        len(notes) == 1 and "3 intervals missing between Wed 3 Jun 2026 12:00 and 13:00" in notes[0]
    )
