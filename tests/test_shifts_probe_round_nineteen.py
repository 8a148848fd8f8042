"""Shifts probe, round nineteen: a start window whose first or last start falls between the
plan's interval starts (07:05 to 21:50 on half hours, 07:30 to 16:30 on an hourly plan, 07:00
on a plan of :15 and :45) is said as read, since a shift starts with an interval: the refusal of
a need no allowed shift covers named the window as typed ('starts 07:05–21:50'), whose 21:50
start would have covered the 05:30 it refused, and a plan made on such a window said nothing
of its starts moved to 07:30 and 21:30, nor did the Shifts page and the Scenarios comparison of
a half-hour window on hourly data. Driven on staffing.shifts.plan_shifts, its pure note,
cli.main and one AppTest run on an hourly desk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_app_pages import assert_clean, go, open_app

import cli
from data.errors import InputError
from staffing.shifts import ShiftSettings, plan_shifts, start_grid_note, start_window_on_grid

HALF_HOURS = pd.date_range("2026-06-01", periods=96, freq="30min")
HOURS = pd.date_range("2026-06-01", periods=48, freq="60min")
QUARTER_PAST = pd.date_range("2026-06-01 00:15", periods=96, freq="30min")


@pytest.mark.parametrize(
    ("earliest", "latest", "starts", "read"),
    [
        (7 + 5 / 60, 21 + 50 / 60, HALF_HOURS, (7.5, 21.5)),
        (7.5, 16.5, HOURS, (8.0, 16.0)),
        (7.0, 16.0, QUARTER_PAST, (7.25, 15.75)),
        (22.25, 1.75, HALF_HOURS, (22.5, 1.5)),  # across midnight, both ends moved inward
        (22.0, 2.0, HALF_HOURS, (22.0, 2.0)),
        (7 + 10 / 60, 7 + 20 / 60, HALF_HOURS, None),  # no interval starts in 07:10-07:20
    ],
)
def test_a_start_window_is_read_on_the_plans_interval_starts(earliest, latest, starts, read):
    step = (starts[1] - starts[0]).total_seconds() / 60
    assert start_window_on_grid(earliest, latest, starts, step) == read


def test_a_window_off_the_intervals_is_said_as_read():
    assert start_grid_note(7.5, 16.5, HOURS, 60) == (
        "shifts start with the plan's 60-minute intervals, so the start window 07:30 to 16:30 "
        "is read as 08:00 to 16:00"
    )
    assert start_grid_note(7 + 10 / 60, 7 + 20 / 60, HALF_HOURS, 30) == (
        "no shift can start from 07:10 to 07:20: shifts start with the plan's 30-minute "
        "intervals, and none starts then"
    )
    # On the intervals, or a whole day whose 23:30 an hourly plan reads as its last start 23:00
    # (every interval start allowed either way): nothing to say.
    assert start_grid_note(7.0, 16.0, HOURS, 60) is None
    assert start_grid_note(0.0, 23.5, HOURS, 60) is None
    assert start_grid_note(9.0, 23.5, HOURS, 60) is None  # to the day's end, as read
    assert start_grid_note(22.0, 21.75, HALF_HOURS, 30) is None


def _day_and_night(days: int = 2) -> pd.Series:
    """Half hours from Mon 1 Jun 2026: 4 people 07:00-22:00, 1 at night."""
    index = pd.date_range("2026-06-01", periods=days * 48, freq="30min")
    hour = index.hour + index.minute / 60
    return pd.Series(np.where((hour >= 7) & (hour < 22), 4.0, 1.0), index=index)


def test_the_uncovered_need_names_the_window_the_intervals_allow():
    # Starts 07:05-21:50 on half hours are 07:30-21:30: the last 8-h shift ends at 05:30, so
    # 05:30 is bare (Monday's first: the hours before it are the previous roster's). Before: '(Full time 8 h starts 07:05–21:50)', a window whose 21:50
    # start would end at 05:50 and cover it.
    window = ShiftSettings(part_max_share=0, earliest_start=7 + 5 / 60, latest_start=21 + 50 / 60)
    with pytest.raises(InputError) as refused:
        plan_shifts(_day_and_night(), 30, window.types())
    assert str(refused.value) == (
        "no allowed shift covers Mon 1 Jun 2026 05:30 (1 person needed): widen the start hours "
        "(Full time 8 h starts 07:30–21:30, the interval starts within 07:05–21:50)"
    )
    # A window on the intervals is named as given, as before
    on_grid = ShiftSettings(part_max_share=0, earliest_start=7.5, latest_start=21.5)
    with pytest.raises(InputError, match=r"\(Full time 8 h starts 07:30–21:30\)$"):
        plan_shifts(_day_and_night(), 30, on_grid.types())


def test_the_shifts_command_says_how_it_read_the_window(capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    need = _day_and_night()
    need.rename("rostered").rename_axis("interval_start").reset_index().to_csv(plan, index=False)
    args = ["shifts", str(plan), "--out", str(tmp_path / "s.csv"), "--part-hours", "0"]
    assert cli.main([*args, "--earliest-start", "5:05", "--latest-start", "21:50"]) == 0
    out = capsys.readouterr().out
    assert (
        "note: shifts start with the plan's 30-minute intervals, so the start window 05:05 to "
        "21:50 is read as 05:30 to 21:30\n"
    ) in out
    shifts = pd.read_csv(tmp_path / "s.csv", parse_dates=["shift_start"])
    clock = shifts["shift_start"].dt.hour + shifts["shift_start"].dt.minute / 60
    assert clock.between(5.5, 21.5).all()
    assert cli.main([*args, "--earliest-start", "5:30", "--latest-start", "21:30"]) == 0
    assert "start with the plan's" not in capsys.readouterr().out


def _hourly_export(days: int = 35) -> bytes:
    """A one-queue hourly export, open 08:00-18:00 on weekdays."""
    starts = pd.date_range("2025-03-03", periods=days * 24, freq="60min")
    is_open = (starts.hour >= 8) & (starts.hour < 18) & (starts.day_of_week < 5)
    calls = np.where(is_open, np.round(40 * (1 + np.sin(starts.hour / 3.0))), 0).astype(int)
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": calls})
    return frame.to_csv(index=False).encode()


def test_the_shifts_and_scenarios_pages_say_how_hourly_data_reads_a_half_hour_window(picco_home):
    # The page's boxes offer half hours: 07:30 and 16:30 on hourly data start shifts at 08:00
    # and 16:00. Before: no word on either page.
    app = open_app(shift_starts=[7.5, 16.5])
    app.file_uploader(key="upload_files").set_value([("desk.csv", _hourly_export(), "text/csv")])
    app.run()
    said = (
        "Shifts start with the plan's 60-minute intervals, so the start window 07:30 to 16:30 is "
        "read as 08:00 to 16:00."
    )
    go(app, "shifts")
    assert_clean(app)
    assert said in [item.value for item in app.caption]
    go(app, "scenarios")
    for name in ("Base", "Again"):
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
    assert_clean(app)
    assert f"Every scenario's shifts: {said}" in [item.value for item in app.caption]
