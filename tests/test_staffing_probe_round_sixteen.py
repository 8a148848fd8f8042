"""Staffing probe, round sixteen: a one-week shift plan read as the roster it is, one week
repeating, so the night shift starting Sunday 22:00 covers Monday 00:00-06:00 of the same
pattern instead of a second shift being paid for those hours (a fortnight's dated plan keeps
its ends); and shift start windows across midnight (earliest 22:00, latest 02:00), as night
desks start their shifts, planned instead of refused, with a note saying how such a window is
read so a latest start meant on a 12-hour clock (8 to 6 for 08:00 to 18:00) is not silent; and
a forecast without an is_open column whose closed nights and weekends are written as 0 contacts,
read open and staffed with the one-agent minimum, now noted with those agent-hours; and a queue
expecting under 0.01 contacts an interval no longer said to expect '0.00' of them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cli
from data.errors import InputError
from staffing.shifts import ShiftSettings, ShiftType, plan_shifts

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def _nights(days: int = 7, night: float = 1.0, day: float = 0.0) -> pd.Series:
    """A desk needing `night` people from 22:00 to 06:00 and `day` in between, half hours."""
    index = pd.date_range("2026-06-01", periods=days * 48, freq="30min")
    hour = index.hour + index.minute / 60
    return pd.Series(np.where((hour >= 22) | (hour < 6), night, day), index=index)


def test_a_one_week_night_desk_is_a_repeating_roster():
    # One person each night 22:00-06:00, 8-hour shifts: seven nights are seven shifts, 56 h,
    # when Sunday 22:00's shift covers Monday 00:00-06:00 as it does every week. Before: the
    # week had to open with a Monday 00:00-08:00 shift of its own, 8 shifts and 64 paid hours
    # (the Sunday shift paid in full for its 2 h inside the week).
    plan = plan_shifts(_nights(), 30, ShiftSettings(part_max_share=0).types())
    assert (plan.paid_hours, plan.needed_hours) == (56.0, 56.0)
    assert plan.repeats_weekly
    assert plan.shifts["shift_start"].dt.hour.tolist() == [22] * 7
    assert plan.shifts["shift_end"].max() == pd.Timestamp("2026-06-08 06:00")
    cover = plan.coverage.set_index("interval_start")["on_shift"]
    assert cover["2026-06-01 00:00":"2026-06-01 05:30"].tolist() == [1.0] * 12
    assert cover["2026-06-01 06:00":"2026-06-01 21:30"].sum() == 0
    # with part time at most 30%, 3 people to employ before (a 4-hour Sunday shift to finish
    # the week at 60 paid hours), 2 now: 7 shifts at 5 a week
    capped = plan_shifts(_nights(), 30, ShiftSettings().types())
    assert (capped.paid_hours, capped.busiest_week_people()) == (56.0, 2)


def test_a_24_7_desk_of_one_week_needs_no_extra_monday_shift():
    # 2 people at night, 1 by day: 16 h x 1 + 8 h x 2 = 32 person-hours a day, 224 a week,
    # 28 shifts of 8 h (6 people at 5 a week). Before: 232 paid hours full time only, and 228
    # h with 7 people with part time.
    need = _nights(night=2.0, day=1.0)
    for types in (ShiftSettings(part_max_share=0).types(), ShiftSettings().types()):
        plan = plan_shifts(need, 30, types)
        assert (plan.paid_hours, plan.busiest_week_people()) == (224.0, 6)
        assert (plan.coverage["surplus"] == 0).all()


def test_a_dated_fortnight_keeps_its_ends_and_a_week_can_be_asked_dated():
    # Two weeks are dated days: the last Sunday's night shift runs past the horizon and the
    # first Monday opens with a shift of its own, 15 shifts (120 h) for 14 nights (112 h).
    fortnight = plan_shifts(_nights(days=14), 30, ShiftSettings(part_max_share=0).types())
    assert fortnight.paid_hours == 120.0
    assert not fortnight.repeats_weekly
    dated = plan_shifts(_nights(), 30, ShiftSettings(part_max_share=0).types(), repeat_week=False)
    assert (dated.repeats_weekly, dated.paid_hours) == (False, 64.0)
    # a two-week rotation asked for as one: 14 shifts, 112 h
    rotation = plan_shifts(
        _nights(days=14), 30, ShiftSettings(part_max_share=0).types(), repeat_week=True
    )
    assert (rotation.paid_hours, rotation.repeats_weekly) == (112.0, True)
    from staffing.shifts import repeating_week_note

    assert repeating_week_note(rotation, 30) == (
        "the plan is 2 weeks, read as a roster repeating every 2 weeks: the shift starting Sun "
        "14 Jun 22:00 runs past its end and covers its first hours from Mon 1 Jun 00:00, as it "
        "will the next rotation's"
    )
    with pytest.raises(
        InputError,
        match="a rotation of whole weeks needs a plan of whole weeks: this one spans 10 days",
    ):
        plan_shifts(_nights(days=10), 30, ShiftSettings().types(), repeat_week=True)


def test_night_shift_starts_across_midnight_are_planned():
    # Starts from 22:00 to 02:00 (before: refused, 'give hours ... the earliest first'). The
    # 22:00-06:00 need with 8-hour shifts: one shift a night at 22:00.
    settings = ShiftSettings(earliest_start=22, latest_start=2, part_max_share=0)
    plan = plan_shifts(_nights(), 30, settings.types())
    assert plan.paid_hours == 56.0
    assert set(plan.shifts["shift_start"].dt.hour) == {22}
    # a need at 04:00-10:00 takes its shift at 02:00, the window's latest, not 22:00
    index = pd.date_range("2026-06-01", periods=48, freq="30min")
    hour = index.hour + index.minute / 60
    need = pd.Series(np.where((hour >= 4) & (hour < 10), 1.0, 0.0), index=index)
    late = plan_shifts(need, 30, [ShiftType("Night 8 h", 8, 22, 2)], repeat_week=False)
    assert late.shifts["shift_start"].tolist() == [pd.Timestamp("2026-06-01 02:00")]
    assert late.paid_hours == 8.0


def test_a_window_across_midnight_is_said_as_read():
    from staffing.shifts import start_window_note

    assert start_window_note(22, 2) == (
        "shifts may start from 22:00 to 02:00 the next morning, across midnight, as the latest "
        "start is before the earliest"
    )
    # 8 to 6 may be 08:00 to 18:00 on a 12-hour clock: the note says how to write that
    assert start_window_note(8, 6) == (
        "shifts may start from 08:00 to 06:00 the next morning, across midnight, as the latest "
        "start is before the earliest; for 08:00 to 18:00 give the latest as 18"
    )
    assert start_window_note(6, 22) is None


def test_the_cli_plans_a_night_desk_and_says_so(tmp_path, capsys):
    need = _nights()
    plan = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": need.index, "rostered": need.astype(int)}).to_csv(
        plan, index=False
    )
    out = tmp_path / "shifts.csv"
    args = ["shifts", str(plan), "--out", str(out), "--earliest-start", "22"]
    assert cli.main([*args, "--latest-start", "2"]) == 0
    printed = capsys.readouterr().out
    assert "wrote 7 shifts" in printed
    assert "paid hours 56.0, needed 56.0" in printed
    assert (
        "note: the plan is one week, read as a roster repeating every week: the shift starting "
        "Sun 7 Jun 22:00 runs past its end and covers its first hours from Mon 1 Jun 00:00, as "
        "it will the next week's"
    ) in printed
    assert "note: shifts may start from 22:00 to 02:00 the next morning, across midnight" in (
        printed
    )


def _office_without_open_column(path) -> None:
    """Two weeks from Wed 3 Jun 2026 of a desk answering 30 calls a half hour 08:00-18:00 on
    weekdays, its closed hours written as 0 contacts and no is_open column."""
    starts = pd.date_range("2026-06-03", periods=14 * 48, freq="30min")
    hour = starts.hour + starts.minute / 60
    open_ = (hour >= 8) & (hour < 18) & (starts.day_of_week < 5)
    frame = pd.DataFrame(
        {"interval_start": starts, "volume": np.where(open_, 30.0, 0.0), "aht_seconds": 300}
    )
    frame.to_csv(path, index=False)


def test_closed_hours_written_as_zero_contacts_are_said_to_be_staffed(tmp_path, capsys):
    # Without is_open every row is open, so each of the 472 closed half hours (14 x 48 = 672
    # rows, 10 weekdays x 20 open) gets the one-agent minimum: 236 agent-hours of 1,036, a
    # fifth of the plan's cost, with no word (before: only 'minimum while open in 70% of
    # them' among the limits).
    forecast = tmp_path / "forecast.csv"
    _office_without_open_column(forecast)
    args = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv")]
    assert cli.main([*args, *map(str, TARGETS)]) == 0
    printed = capsys.readouterr().out
    assert (
        f"note: {forecast} has no is_open column, so every interval it lists is read open: "
        "queue 'all' has 472 intervals without a contact in runs of 4 h or more (the first Wed "
        "3 Jun 00:00–08:00), each staffed with one agent: 236 of its 1,036 agent-hours. If the "
        "desk is closed then, add an is_open column (false in those rows) or delete the rows, "
        "as `cli.py forecast` leaves closed intervals out; --min-agents-open 0 staffs nobody "
        "where no contact is expected"
    ) in printed


def test_marked_hours_and_quiet_spells_say_nothing(tmp_path, capsys):
    # an is_open column says which hours are open: nothing to note
    forecast = tmp_path / "forecast.csv"
    _office_without_open_column(forecast)
    frame = pd.read_csv(forecast)
    frame.assign(is_open=frame["volume"] > 0).to_csv(forecast, index=False)
    args = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), *map(str, TARGETS)]
    assert cli.main(args) == 0
    assert "no is_open column" not in capsys.readouterr().out
    # a 24-hour desk quiet for 3.5 h a night (under 4 h) is no closure
    starts = pd.date_range("2026-06-01", periods=7 * 48, freq="30min")
    quiet = (starts.hour >= 1) & (starts.hour + starts.minute / 60 < 4.5)
    pd.DataFrame(
        {"interval_start": starts, "volume": np.where(quiet, 0.0, 5.0), "aht_seconds": 300}
    ).to_csv(forecast, index=False)
    assert cli.main(args) == 0
    assert "no is_open column" not in capsys.readouterr().out


def test_a_queue_of_a_contact_in_ten_days_is_not_said_to_expect_none():
    from staffing.plan import MinimumStaffing, minimum_queues_note, minimum_staffing_note

    # 0.001 contacts a half hour (one call in 500 half hours) read '0.00', beside a note that
    # says 'expects no contacts' for a queue with none
    tiny = MinimumStaffing("Fax", 0.001, 24.0, 24.0)
    assert minimum_staffing_note(tiny, 30).startswith(
        "Queue 'Fax' expects only 0.001 contacts per open 30-minute interval on average"
    )
    both = minimum_queues_note([tiny, MinimumStaffing("Crises", 0.12, 6.0, 8.0)])
    assert "Fax (0.001 contacts per open interval; 24 of 24 agent-hours), Crises (0.12" in both


def test_a_repeating_week_out_of_time_keeps_the_dated_week(monkeypatch):
    import staffing.shifts as shifts

    # The rolled week's programmes stopping without a plan leave the dated week, which covers
    # every interval already (64 h for the seven nights), instead of refusing the whole plan.
    solve = shifts._solve_block

    def out_of_time(*args, **kwargs):
        if kwargs.get("costs") is not None:
            raise InputError("no shift plan found within 0.5 s")
        return solve(*args, **kwargs)

    monkeypatch.setattr(shifts, "_solve_block", out_of_time)
    plan = plan_shifts(_nights(), 30, ShiftSettings(part_max_share=0).types())
    assert (plan.paid_hours, plan.repeats_weekly) == (64.0, True)
    assert (plan.coverage["surplus"] >= 0).all()
