"""Shifts probe, round twenty: every option of `cli.py shifts` (and `cli.py staff`) names its
default in --help, as a planner reading it cannot otherwise tell what leaving it out does:
--cover-out and --rotation said nothing of theirs. The nights clocks change: the hour a clock
going back repeats, listed twice on the wall clock, is staffed as two hours (it was refused as
an interval listed twice), and shifts set on the clock over it or over the hour skipped going
forward are paid for the hours worked, said in a note."""

from __future__ import annotations

import argparse

import pandas as pd
import pytest

import cli
from data.errors import InputError
from staffing.clock_hours import could_be_repeated_hour
from staffing.plan import StaffingSettings, plan_staffing, summarise_plan

# Options with no default to state: asked for, or printing and leaving.
NO_DEFAULT = {"--help", "--version", "--out"}


def _subcommand(name: str) -> argparse.ArgumentParser:
    parser = cli.build_parser()
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return subparsers.choices[name]


@pytest.mark.parametrize("command", ["shifts", "staff"])
def test_every_option_states_its_default_in_help(command):
    parser = _subcommand(command)
    silent = [
        action.option_strings[-1]
        for action in parser._actions
        if action.option_strings
        and not action.required
        and not set(action.option_strings) & NO_DEFAULT
        and "default" not in (action.help or "")
    ]
    assert silent == []


def test_cover_out_and_rotation_say_what_leaving_them_out_does():
    actions = _subcommand("shifts")._actions
    helps = {action.option_strings[-1]: action.help for action in actions if action.option_strings}
    assert helps["--cover-out"].endswith("(default: not written)")
    assert "(default off: a plan of exactly 7 days is read so all the same" in helps["--rotation"]


# ------------------------------------- The nights clocks change: lived hours, paid hours


def _on_the_clock(first: str, last: str) -> pd.DataFrame:
    """A 24/7 forecast of 20 calls a half hour, 300 s each, on Paris wall-clock time: the night
    clocks go back lists 02:00 and 02:30 twice, the night they go forward not at all."""
    lived = pd.date_range(first, last, freq="30min", tz="Europe/Paris", inclusive="left")
    starts = lived.tz_localize(None)
    return pd.DataFrame({"interval_start": starts, "forecast": 20.0, "aht_seconds": 300.0})


AUTUMN = ("2026-10-24", "2026-10-27")  # Europe's clocks go back Sun 25 Oct 2026 03:00
SPRING = ("2026-03-28", "2026-03-31")  # and forward Sun 29 Mar 2026 02:00


@pytest.mark.parametrize(
    ("first", "last", "minutes", "repeated"),
    [
        ("2026-10-25 02:00", "2026-10-25 02:30", 30, True),  # Europe: last Sunday of October
        ("2026-11-01 01:00", "2026-11-01 01:45", 15, True),  # North America: first of November
        ("2026-04-05 02:00", "2026-04-05 02:00", 60, True),  # Australia: first of April
        ("2026-10-18 02:00", "2026-10-18 02:30", 30, False),  # a Sunday no rule names
        ("2026-10-24 02:00", "2026-10-24 02:30", 30, False),  # a Saturday
        ("2026-10-25 12:00", "2026-10-25 12:30", 30, False),  # noon
        ("2026-10-25 02:00", "2026-10-25 02:00", 30, False),  # half an hour, not an hour
    ],
)
def test_the_hour_a_clock_going_back_repeats(first, last, minutes, repeated):
    assert could_be_repeated_hour(pd.Timestamp(first), pd.Timestamp(last), minutes) is repeated


def test_the_repeated_hour_is_staffed_as_two_hours_in_the_order_lived():
    forecast = _on_the_clock(*AUTUMN)
    assert len(forecast) == 3 * 48 + 2
    # Before: "row 56 (interval_start 2026-10-25 02:00): the same interval appears twice".
    plan = plan_staffing(forecast, 30, StaffingSettings(service_level=0.8))
    night = plan[plan.interval_start.between("2026-10-25 01:30", "2026-10-25 03:00")]
    assert night.interval_start.dt.strftime("%H:%M").tolist() == [
        "01:30", "02:00", "02:30", "02:00", "02:30", "03:00",
    ]  # fmt: skip
    # 20 calls of 300 s in 30 min are 3.33 Erlangs: 6 agents for 80% in 20 s, 9 rostered at
    # 30% shrinkage (as every other half hour of the plan).
    assert night.agents.tolist() == [6] * 6 and night.rostered.tolist() == [9] * 6
    summary = summarise_plan(plan, 30)
    # Added up as one interval, the repeated hour read as a peak of 12 agents.
    assert (summary.peak_agents, summary.peak_rostered) == (6, 9)
    assert summary.paid_hours == 146 * (9 + 1) * 0.5  # 73 lived hours, 9 agents + 1 supervisor


def test_an_interval_listed_twice_on_another_night_is_still_refused():
    forecast = _on_the_clock("2026-10-17", "2026-10-20")
    twice = forecast[forecast.interval_start.between("2026-10-18 02:00", "2026-10-18 02:30")]
    at = forecast.index[forecast.interval_start == pd.Timestamp("2026-10-18 03:00")][0]
    forecast = pd.concat([forecast.loc[: at - 1], twice, forecast.loc[at:]], ignore_index=True)
    with pytest.raises(InputError, match="appears twice for one queue"):
        plan_staffing(forecast, 30, StaffingSettings(service_level=0.8))


def _cli(capsys, *args) -> str:
    assert cli.main([str(arg) for arg in args]) == 0
    return capsys.readouterr().out


def test_staff_and_shifts_count_the_night_clocks_go_back_as_lived(capsys, tmp_path):
    forecast, plan, shifts = tmp_path / "f.csv", tmp_path / "p.csv", tmp_path / "s.csv"
    _on_the_clock(*AUTUMN).to_csv(forecast, index=False)
    out = _cli(
        capsys, "staff", forecast, "--out", plan, "--service-level", 0.8,
        "--answer-within-seconds", 20,
    )  # fmt: skip
    assert out.startswith("wrote 146 intervals to ")
    assert "peak 6 agents, 9 rostered" in out
    assert (
        "note: " + str(forecast) + ": the intervals between Sun 25 Oct 2026 02:00 and 02:30 are "
        "listed twice, the hour clocks repeat when daylight-saving time ends: both are staffed, "
        "one hour after the other\n"
    ) in out
    assert pd.read_csv(plan)["paid_hours"].sum() == 730.0
    out = _cli(capsys, "shifts", plan, "--out", shifts, "--part-hours", 0)
    # 9 people on shift over 02:00-03:00 each work it twice: 9 h more, at € 22 an hour € 198.
    # Before: the plan was refused, "rows 54 and 55 are the same interval".
    assert "paid hours 648.0, " in out
    assert (
        "note: on Sun 25 Oct 2026 the 9 people on shift in 02:00–03:00, the hour clocks repeat, "
        "work it twice: an hour more than the clock says (+9.0 h). Shifts are set on the clock, "
        "and paid for the hours worked, as European payroll pays them: 657.0 paid hours, not "
        "648.0 (+€ 198)\n"
    ) in out


def test_shifts_over_the_skipped_hour_are_paid_an_hour_less(capsys, tmp_path):
    forecast, plan, shifts = tmp_path / "f.csv", tmp_path / "p.csv", tmp_path / "s.csv"
    _on_the_clock(*SPRING).to_csv(forecast, index=False)
    _cli(
        capsys, "staff", forecast, "--out", plan, "--service-level", 0.8,
        "--answer-within-seconds", 20,
    )  # fmt: skip
    out = _cli(capsys, "shifts", plan, "--out", shifts, "--part-hours", 0)
    # Before: paid 648.0 h by the clock, 9 of them in an hour that never happened.
    assert (
        "note: on Sun 29 Mar 2026 the 9 people on shift in 02:00–03:00, the hour clocks skip, "
        "do not work it: an hour less than the clock says (−9.0 h). Shifts are set on the "
        "clock, and paid for the hours worked, as European payroll pays them: 639.0 paid hours, "
        "not 648.0 (−€ 198)\n"
    ) in out


def _with_offsets(first: str, last: str) -> pd.DataFrame:
    """The same forecast as an export writes it in ISO 8601, each start with its UTC offset."""
    lived = pd.date_range(first, last, freq="30min", tz="Europe/Paris", inclusive="left")
    starts = [start.isoformat() for start in lived]
    return pd.DataFrame({"interval_start": starts, "forecast": 20.0, "aht_seconds": 300.0})


def test_starts_with_the_summer_and_winter_offsets_are_read_on_the_wall_clock():
    # Before: "row 56 (interval_start 2026-10-25T02:00:00+01:00): 'interval_start' has UTC
    # offset +01:00, row 2 has UTC offset +02:00; write every interval_start on the centre's
    # clock with no offset".
    autumn = _with_offsets(*AUTUMN)
    assert autumn.interval_start[54] == "2026-10-25T02:00:00+01:00"
    plan = plan_staffing(autumn, 30, StaffingSettings(service_level=0.8))
    assert len(plan) == 146
    assert plan.interval_start[52:56].dt.strftime("%H:%M").tolist() == [
        "02:00", "02:30", "02:00", "02:30",
    ]  # fmt: skip
    spring = plan_staffing(_with_offsets(*SPRING), 30, StaffingSettings(service_level=0.8))
    assert len(spring) == 142  # 02:00-03:00 on Sun 29 Mar 2026 never happens
    assert not spring.interval_start.isin(
        pd.date_range("2026-03-29 02:00", periods=2, freq="30min")
    ).any()
    # Offsets an hour apart on a January Monday are no clock change: still refused.
    january = pd.DataFrame(
        {"interval_start": ["2026-01-05 09:00+01:00", "2026-01-05 09:15+02:00"], "volume": 10.0}
    )
    with pytest.raises(InputError, match="row 3 .*has UTC offset \\+02:00, row 2 has UTC"):
        plan_staffing(january, 15, StaffingSettings(aht_seconds=180, service_level=0.8))
