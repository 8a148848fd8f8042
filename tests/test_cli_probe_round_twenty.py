"""Round twenty of probing the CLI as a planner scripting it would, on what earlier rounds saw
and left alone: a --change-from written day first that can only be one day (13/03/2024), the
busiest week of `shifts` when the plan holds only part of it, two queues planned on half-hour
grids a quarter hour apart fed to `shifts`, and intervals missing at the start or end of a day
that the same weekday's other days list."""

from __future__ import annotations

import pandas as pd
import pytest
from test_cli_plan import office_hours_csv  # noqa: F401 (a fixture: six weeks of office hours)

import cli
from cli_commands.options import day_first_date

PLAN = ["--horizon-days", "7", "--aht-seconds", "240", "--model", "historical_average_4w"]


# 1. `plan --change-from 13/03/2024` read "'13/03/2024' is not a date; write it as YYYY-MM-DD",
# though 13 cannot be a month; --origin and the files staff reads take such dates.


def test_a_day_first_date_that_can_only_be_one_day_is_read_with_a_note():
    assert day_first_date("13/03/2024", "--change-from") == (
        "2024-03-13",
        "--change-from 13/03/2024 is read as day/month, Wed 13 Mar 2024 (13 cannot be a "
        "month); write it year-month-day (2024-03-13) to leave no doubt",
    )
    assert day_first_date("03/13/24", "--change-to")[0] == "2024-03-13"  # month first
    assert day_first_date("05.05.2024", "--change-to") == ("2024-05-05", None)
    assert day_first_date("2024-03-13", "--change-from") == ("2024-03-13", None)
    assert day_first_date(None, "--change-from") == (None, None)
    assert day_first_date("31/02/2024", "--change-from") == ("31/02/2024", None)  # no day


def test_a_day_first_change_from_changes_the_same_days_as_its_iso_date(
    office_hours_csv,  # noqa: F811
    tmp_path,
    capsys,
):
    iso, slashed = tmp_path / "iso.csv", tmp_path / "slashed.csv"
    change = ["--volume-change-pct", "30", "--change-to", "2026-02-18"]
    common = ["plan", str(office_hours_csv), *PLAN, *change]
    assert cli.main([*common, "--change-from", "2026-02-17", "--out", str(iso)]) == 0
    capsys.readouterr()
    assert cli.main([*common, "--change-from", "17/02/2026", "--out", str(slashed)]) == 0
    out = capsys.readouterr().out
    assert (
        "note: --change-from 17/02/2026 is read as day/month, Tue 17 Feb 2026 (17 cannot be a "
        "month); write it year-month-day (2026-02-17) to leave no doubt"
    ) in out
    pd.testing.assert_frame_equal(pd.read_csv(slashed), pd.read_csv(iso))


def test_a_day_first_change_date_that_could_be_either_is_still_refused(
    office_hours_csv,  # noqa: F811
    tmp_path,
    capsys,
):
    out = tmp_path / "never.csv"
    arguments = ["plan", str(office_hours_csv), *PLAN, "--volume-change-pct", "30"]
    assert cli.main([*arguments, "--change-from", "02/03/2026", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        "error: --change-from '02/03/2026' could be day/month or month/day: write the date "
        "year first, 2026-03-02 (day 2, month 3) or 2026-02-03 (month 2, day 3)\n"
    )
    assert not out.exists()


# 2. Two queues planned on half-hour grids a quarter hour apart (phones at :00 and :30, chat at
# :15 and :45), summed by `shifts`, read "interval Mon 1 Jun 2026 08:15 is not on the 30-minute
# grid that starts Mon 1 Jun 2026 08:00": nothing said how to cover them.


@pytest.fixture
def offset_queues_csv(tmp_path):
    """Phone 2 people 08:00-16:00 at :00/:30, Chat 1 person 08:15-16:15 at :15/:45."""
    phone = pd.date_range("2026-06-01 08:00", periods=16, freq="30min")
    chat = phone + pd.Timedelta(minutes=15)
    path = tmp_path / "plan.csv"
    pd.DataFrame(
        {
            "interval_start": [*phone, *chat],
            "queue": ["Phone"] * 16 + ["Chat"] * 16,
            "rostered": [2] * 16 + [1] * 16,
        }
    ).to_csv(path, index=False)
    return path


def test_queues_on_grids_apart_are_refused_saying_how_to_cover_them(
    offset_queues_csv, tmp_path, capsys
):
    out = tmp_path / "shifts.csv"
    assert cli.main(["shifts", str(offset_queues_csv), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {offset_queues_csv}: queue 'Chat' starts its intervals at :15 and :45 and "
        "queue 'Phone' at :00 and :30, 15 minutes apart, while the shifts cover the queues "
        "summed on one 30-minute grid: give --queue Phone or --queue Chat to cover each queue "
        "in a run of its own, or plan both from forecasts whose intervals start at the same "
        "minutes\n"
    )
    assert not out.exists()
    # Either queue alone is covered: Chat's one person 08:15-16:15 by one 8-hour shift.
    assert cli.main(["shifts", str(offset_queues_csv), "--out", str(out), "--queue", "Chat"]) == 0
    shifts = pd.read_csv(out)
    assert shifts[["shift_start", "people"]].values.tolist() == [["2026-06-01 08:15:00", 1]]


# 3. `shifts` named the busiest week by its people alone, though the plan may hold only a few
# days of it: a plan ending on a Monday of 3 people read "3 in the busiest week (from Mon 8 Jun
# 2026: ...)" beside a whole week needing 2, as if that Monday were a week.


def office_days_plan(path, people_by_day: dict[str, int]):
    """One 8-hour day 08:00-16:00 of hourly intervals per day given, at its people."""
    starts, rostered = [], []
    for day, people in people_by_day.items():
        starts += list(pd.date_range(f"{day} 08:00", periods=8, freq="60min"))
        rostered += [people] * 8
    pd.DataFrame({"interval_start": starts, "rostered": rostered}).to_csv(path, index=False)
    return path


def people_line(capsys, plan, out) -> str:
    code = cli.main(["shifts", str(plan), "--out", str(out), "--part-hours", "0"])
    printed = capsys.readouterr().out
    assert code == 0
    return next(line for line in printed.splitlines() if line.startswith("people to employ"))


def test_a_busiest_week_the_plan_holds_part_of_says_so(tmp_path, capsys):
    # Mon-Fri 1-5 June at 1 person (5 shifts: 1 person at 5 a week), Mon-Wed 8-10 June at 2
    # (6 shifts, 2 on each day: 2 people); Thu and Fri 11-12 June, open days, are not planned.
    week = {f"2026-06-0{day}": 1 for day in range(1, 6)}
    plan = office_days_plan(
        tmp_path / "plan.csv", week | {"2026-06-08": 2, "2026-06-09": 2, "2026-06-10": 2}
    )
    assert people_line(capsys, plan, tmp_path / "shifts.csv") == (
        "people to employ: 2 in the busiest week (from Mon 8 Jun 2026, of which the plan holds "
        "only Mon 8 Jun – Wed 10 Jun: 2 Full time 8 h), at 5 shifts a week and one a day each; "
        "the busiest whole week, from Mon 1 Jun 2026, needs 1"
    )
    # A Mon-Fri week without its weekend is whole: the desk is closed then.
    plan = office_days_plan(tmp_path / "week.csv", week)
    assert people_line(capsys, plan, tmp_path / "shifts.csv") == (
        "people to employ: 1 in the busiest week (from Mon 1 Jun 2026: 1 Full time 8 h), at 5 "
        "shifts a week and one a day each"
    )


# 4. Intervals deleted at the start or end of a day were noted only inside the file's span
# (its first to its last listed interval): a two-week forecast whose last Friday lost its
# 17:00 and 17:30 rows, or a daily desk's whose first Monday lost 08:00, staffed them as
# nobody without a word, though the same weekday's other days list them.

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


def desk_forecast(path, days: str, first: str, last: str, deleted=()):
    """A forecast of 20 calls a half hour at 240 s, 08:00-18:00 on `days` ('daily' or
    'weekdays'), from `first` to `last` included, without the `deleted` starts."""
    starts = pd.date_range(first, last, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    if days == "weekdays":
        starts = starts[starts.day_of_week < 5]
    starts = starts.difference(pd.DatetimeIndex(deleted))
    frame = pd.DataFrame({"interval_start": starts, "volume": 20, "aht_seconds": 240})
    frame.to_csv(path, index=False)
    return path


def staff_notes(capsys, forecast, tmp_path) -> list[str]:
    code = cli.main(["staff", str(forecast), *TARGETS, "--out", str(tmp_path / "plan.csv")])
    printed = capsys.readouterr().out
    assert code == 0
    return [line for line in printed.splitlines() if "missing" in line]


def test_intervals_deleted_at_the_ends_of_the_file_are_noted(tmp_path, capsys):
    forecast = desk_forecast(
        tmp_path / "end.csv", "weekdays", "2024-03-04", "2024-03-15 23:30",
        deleted=["2024-03-15 17:00", "2024-03-15 17:30"],
    )  # fmt: skip
    assert staff_notes(capsys, forecast, tmp_path) == [
        f"note: {forecast}: 2 intervals missing between Fri 15 Mar 2024 17:00 and 17:30 "
        "are staffed as nobody, though the same weekday's other days in the file list them; "
        "put them back with their forecast if they are open"
    ]
    # The plan staff wrote lacks them too, and shifts says so as well.
    plan, out = tmp_path / "plan.csv", tmp_path / "shifts.csv"
    assert cli.main(["shifts", str(plan), "--out", str(out)]) == 0
    assert (
        f"note: {plan}: 2 intervals missing between Fri 15 Mar 2024 17:00 and 17:30 are "
        "taken as needing nobody"
    ) in capsys.readouterr().out
    # A desk open every day: after Sun 17 March 17:30 the next open interval is Mon 08:00,
    # so no horizon of whole days from Mon 4 March 08:30 ends there.
    forecast = desk_forecast(
        tmp_path / "start.csv", "daily", "2024-03-04", "2024-03-17 23:30",
        deleted=["2024-03-04 08:00"],
    )  # fmt: skip
    assert staff_notes(capsys, forecast, tmp_path) == [
        f"note: {forecast}: 1 interval missing at Mon 4 Mar 2024 08:00 is staffed as nobody, "
        "though the same weekday's other days in the file list them; put them back with their "
        "forecast if they are open"
    ]


def test_a_forecast_cut_at_a_clock_time_is_no_missing_intervals(tmp_path, capsys):
    # From a mid-day origin: Mon 4 March 12:00 to Mon 11 March 11:30, a week of whole days.
    forecast = desk_forecast(tmp_path / "f.csv", "daily", "2024-03-04 12:00", "2024-03-11 11:30")
    assert staff_notes(capsys, forecast, tmp_path) == []
    # A Mon-Fri desk's first Monday from 08:30 may be a forecast from Mon 08:30 to Sat 08:30:
    # nothing in the file tells it from a deleted 08:00, so nothing is said.
    forecast = desk_forecast(
        tmp_path / "g.csv", "weekdays", "2024-03-04 08:30", "2024-03-15 23:30"
    )  # fmt: skip
    assert staff_notes(capsys, forecast, tmp_path) == []
