"""Shifts probe, round twenty-one: the search for fewer people minimises the people the pages
and `cli.py shifts` report, those of the busiest week with the weeks counted as
`ShiftPlan.busiest_week` counts them (from Monday, a repeating roster's from its first day), and
keeps the first plan where it finds no fewer people, on real forecasts of AXA's queues."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cli
import staffing.shifts as shifts_module
from staffing.shifts import ShiftType, plan_shifts

STAFF = ["--aht-seconds", "300"]


def _forecast_plan(shared_data: Path, folder: Path, queue: str, origin: str, days: int) -> Path:
    out = folder / f"{queue}_{origin}.csv"
    argv = ["plan", str(shared_data / "axa" / "series" / f"{queue}.csv"), "--origin", origin]
    assert cli.main([*argv, "--horizon-days", str(days), *STAFF, "--out", str(out)]) == 0
    return out


def _need(plan_csv: Path) -> pd.Series:
    plan = pd.read_csv(plan_csv, parse_dates=["interval_start"])
    return plan.groupby("interval_start")["rostered"].sum().astype(float)


def _types(part_cap: float) -> list[ShiftType]:
    return [
        ShiftType("Full time 8 h", 8.0),
        ShiftType("Part time 4 h", 4.0, max_hours_share=part_cap),
    ]


def _people_by_hand(plan: shifts_module.ShiftPlan, week_of_day) -> list[int]:
    """People per week counted from the shifts alone: per week and type, the busiest day's
    shifts or the week's shifts over 5, whichever is more, summed over the types."""
    shifts = plan.shifts.assign(day=plan.shifts["shift_start"].dt.normalize())
    shifts = shifts.assign(week=week_of_day(shifts["day"]))
    daily = shifts.groupby(["week", "shift", "day"])["people"].sum()
    weekly = daily.groupby(level=["week", "shift"]).agg(["sum", "max"])
    people = np.maximum(weekly["max"], np.ceil(weekly["sum"] / 5))
    return people.groupby(level="week").sum().astype(int).tolist()


@pytest.fixture(scope="module")
def japon_fortnight(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """AXA's Japon forecast for 14 days from Thu 3 May 2012: 672 half hours, round the clock."""
    return _forecast_plan(shared_data, tmp_path_factory.mktemp("japon"), "Japon", "2012-05-03", 14)


def test_a_dated_fortnight_employs_fewest_in_its_busiest_week(
    japon_fortnight: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dated from a Thursday: calendar weeks Thu 3-Sun 6, Mon 7-Sun 13 and Mon 14-Wed 16 May.
    # Before: the search summed the weeks' people and stopped at 8, 11 and 7 (26 in all), the
    # pages reading 11 people to employ; now 8, 10 and 8 (26 as well) at the same 784 h (776 h
    # while each weekday's day total was forecast at its median, not its mean).
    plan = plan_shifts(_need(japon_fortnight), 30, _types(0.3))
    assert plan.repeats_weekly is False
    assert (plan.paid_hours, int(plan.shifts["people"].sum())) == (784.0, 102)
    mondays = lambda day: day - pd.to_timedelta(day.dt.day_of_week, "D")  # noqa: E731
    assert _people_by_hand(plan, mondays) == [8, 10, 8]
    busiest = plan.busiest_week()
    assert (busiest.people, busiest.week, busiest.cut) == (10, pd.Timestamp("2012-05-07"), False)
    # The first plan alone pays the same hours with as many shifts and 11 in its busiest week (12
    # on the forecast of each weekday's median day total).
    monkeypatch.setattr(shifts_module, "_fewer_people", lambda chosen, *args: chosen)
    first = plan_shifts(_need(japon_fortnight), 30, _types(0.3))
    assert (first.paid_hours, int(first.shifts["people"].sum())) == (784.0, 102)
    assert first.busiest_week_people() == 11


def test_a_week_from_sunday_is_searched_as_the_one_week_it_is_reported(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> None:
    # Seven days from Sun 10 Jun 2012 are one week of a repeating roster, Sunday to Saturday.
    # Before: the search counted Sunday as one week and Monday-Saturday as another, summed,
    # and kept 52 shifts needing 12 people in the roster's week; now 51 shifts (47 of 8 h, 4 of
    # 4 h: the fewest an exact programme finds at 392 h; 53 before the rotation's fewest-shifts
    # pass) and 11 people, at the same 392 h.
    plan_csv = _forecast_plan(
        shared_data, tmp_path_factory.mktemp("japon_week"), "Japon", "2012-06-10", 7
    )
    plan = plan_shifts(_need(plan_csv), 30, _types(0.3))
    assert plan.repeats_weekly is True
    assert (plan.paid_hours, int(plan.shifts["people"].sum())) == (392.0, 51)
    one_week = lambda day: pd.Series(0, index=day.index)  # noqa: E731
    assert _people_by_hand(plan, one_week) == [11] == [plan.busiest_week_people()]


def test_no_more_shifts_for_as_many_people(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> None:
    # Gestion (open a few hours on weekdays) over 14 days from Thu 3 May 2012 as a rotation,
    # part time up to 50%: the first plan's 20 shifts need 4 people each week. Before: the
    # search put in 23 shifts for the same 4 people a week (fewer in its own weeks from Monday),
    # at the same 128 h; now the first plan stands.
    plan_csv = _forecast_plan(
        shared_data, tmp_path_factory.mktemp("gestion"), "Gestion", "2012-05-03", 14
    )
    plan = plan_shifts(_need(plan_csv), 30, _types(0.5), repeat_week=True)
    assert (plan.paid_hours, int(plan.shifts["people"].sum())) == (128.0, 20)
    by_week = plan.people_to_employ().groupby("week")["people"].sum()
    assert by_week.tolist() == [4, 4]


# ------------------------------------------------- cli.py shifts: out of time, in the CLI's words


def test_out_of_time_names_the_option_not_the_solvers_status(
    japon_fortnight: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'error: no shift plan found within 0.0001 s (Time limit reached. (HiGHS Status 13:
    # model_status is Time limit reached; primal_status is None)): shorten the horizon or raise
    # the time limit', the solver's status and no option named.
    argv = ["shifts", str(japon_fortnight), "--out", str(tmp_path / "s.csv")]
    assert cli.main([*argv, "--time-limit-seconds", "0.0001"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "error: no shift plan found within 0.0001 s: shorten the horizon or raise "
        "--time-limit-seconds"
    )


def test_out_of_time_in_a_block_says_the_blocks_before_it_took_the_limit(
    japon_fortnight: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Planned 7 days at a time, the blocks share one time limit: the second block finding no
    # plan in what the first left of it says so. Before: 'within their 0.0001 s of the
    # 0.0002-s time limit', each block given its share of the clock.
    monkeypatch.setattr(shifts_module, "BLOCK_DAYS", 7)
    solve, calls = shifts_module._solve_block, []

    def second_out_of_time(*args, **kwargs):
        if len(args) > 6:  # the search for fewer people
            return solve(*args, **kwargs)
        calls.append(args[5])  # the seconds the block's first plan may take
        if len(calls) == 2:
            raise shifts_module.OutOfTimeError("no shift plan found within 0 s")
        return solve(*args, **kwargs)

    monkeypatch.setattr(shifts_module, "_solve_block", second_out_of_time)
    with pytest.raises(shifts_module.OutOfTimeError) as raised:
        plan_shifts(_need(japon_fortnight), 30, _types(0.3), time_limit_seconds=60)
    assert str(raised.value) == (
        "no shift plan found for the 7 days from Thu 10 May 2012 within what the blocks before "
        "it left of the 60-s time limit (a horizon over 7 days is planned 7 days at a time): "
        "shorten the horizon or raise the time limit"
    )
    # the first block was given the whole minute, not half of it
    assert 59 < calls[0] <= 60
