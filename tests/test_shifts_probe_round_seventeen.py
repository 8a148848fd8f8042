"""Shifts probe, round seventeen: a one-week repeating roster that starts on another weekday
than Monday (a Wednesday-to-Tuesday week) counted as the one week it is, its people to employ
from the whole pattern instead of from two calendar part-weeks; the EU Working Time Directive's
weekly limits (2003/88/EC arts. 5 and 6) checked by one function in `staffing/` that the CLI and
the Shifts page both use; the Shifts page's start window able to run across midnight, as the
CLI's is, with the repeating-week note the CLI prints; and the Staffing page's per-interval
column menu offering the e-mail backlog only where an e-mail queue is in the table."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from test_app_pages import go, open_app, table

import cli
from app_ui import preferences, settings
from app_ui.tables import without_backlog_unless_email
from cli_commands.shifts import working_week_note
from staffing.plan import StaffingSettings, plan_staffing
from staffing.shifts import ShiftSettings, plan_shifts, working_time_note


def _wednesday_week(start: str = "2026-06-03", night: float = 0.0) -> pd.Series:
    """Seven days of half hours from Wed 3 Jun 2026: 10 people 08:00-16:00 every day and
    `night` people 22:00-06:00."""
    index = pd.date_range(start, periods=7 * 48, freq="30min")
    hour = index.hour + index.minute / 60
    day = (hour >= 8) & (hour < 16)
    nights = (hour >= 22) | (hour < 6)
    return pd.Series(np.where(day, 10.0, np.where(nights, night, 0.0)), index=index)


def test_a_wednesday_to_tuesday_roster_is_one_week_of_people():
    # 70 day shifts (10 a day, 7 days) at 5 a week take ceil(70 / 5) = 14 people. Before: the
    # calendar weeks Wed-Sun (50 shifts, 10 people) and Mon-Tue (20 shifts, 10 people), the
    # busiest read as 10 people "in the busiest week" and flagged as cut short.
    plan = plan_shifts(_wednesday_week(), 30, ShiftSettings(part_max_share=0).types())
    assert plan.repeats_weekly and plan.paid_hours == 560.0
    weeks = plan.people_to_employ(5)
    assert weeks[["week", "shifts", "busiest_day", "people"]].values.tolist() == [
        [pd.Timestamp("2026-06-03"), 70, 10, 14]
    ]
    busiest = plan.busiest_week(5)
    assert (busiest.week, busiest.people, busiest.cut) == (pd.Timestamp("2026-06-03"), 14, False)
    assert (busiest.first_day, busiest.last_day) == (
        pd.Timestamp("2026-06-03"),
        pd.Timestamp("2026-06-09"),
    )
    # the same days planned dated keep their calendar weeks, as before
    dated = plan_shifts(
        _wednesday_week(), 30, ShiftSettings(part_max_share=0).types(), repeat_week=False
    )
    assert dated.people_to_employ(5)["people"].tolist() == [10, 10]
    assert dated.busiest_week(5).cut


def test_a_roster_from_wednesday_06_00_counts_its_last_night_in_its_own_week():
    # From Wed 06:00 to the next Wed 06:00: 10 by day, 2 at night; each day 10 + 2 shifts,
    # 84 in all: max(12, ceil(84 / 5) = 17) = 17 people, the last Tuesday night's shifts the
    # roster's own (before: 12 and 12 in two calendar part-weeks).
    need = _wednesday_week("2026-06-03 06:00", night=2.0)
    types = ShiftSettings(part_max_share=0, earliest_start=0, latest_start=23.5).types()
    plan = plan_shifts(need, 30, types)
    assert plan.paid_hours == 672.0
    assert plan.people_to_employ(5)[["shifts", "busiest_day", "people"]].values.tolist() == [
        [84, 12, 17]
    ]
    assert plan.busiest_week_people(5) == 17


def test_the_cli_counts_a_wednesday_roster_as_one_week(tmp_path, capsys):
    need = _wednesday_week()
    plan = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": need.index, "rostered": need.to_numpy()}).to_csv(
        plan, index=False
    )
    args = ["shifts", str(plan), "--out", str(tmp_path / "s.csv"), "--part-max-share", "0"]
    assert cli.main(args) == 0
    # before: '10 in the busiest week (from Wed 3 Jun 2026, of which the plan holds only
    # Wed 3 Jun – Sun 7 Jun: 10 Full time 8 h)'
    assert (
        "people to employ: 14 in the busiest week (from Wed 3 Jun 2026: 14 Full time 8 h), at 5 "
        "shifts a week" in capsys.readouterr().out
    )


def test_one_working_time_rule_names_each_front_ends_own_settings():
    # 2003/88/EC art. 6: at most 48 h a week on average; art. 5: a weekly rest of 24 h on top
    # of the daily 11 h, so at most 6 shifts in 7 days.
    page = ("“Shifts per person per week”", "“Full-time shift (hours)”")
    assert working_time_note(6, 8, *page) is None and working_time_note(4, 12, *page) is None
    assert working_time_note(7, 12, *page) == (
        "7 × 12 h = 84 h a week is above the 48 h on average the EU Working Time Directive "
        "(2003/88/EC, art. 6) allows, and 7 shifts a week leave no weekly rest (art. 5: 24 h on "
        "top of the daily 11 h in every 7 days): the people to employ above are too few for "
        "lawful weeks; lower “Shifts per person per week” or “Full-time shift (hours)”"
    )
    # the CLI's note is the same rule in its options' words, as before
    assert working_week_note(7, 12) == working_time_note(7, 12, "--shifts-per-week", "--full-hours")


def test_the_shifts_page_warns_of_weeks_the_working_time_directive_forbids(picco_home):
    # Before: 7 shifts of 12 h a week, 84 h, gave the people to employ without a word, as the
    # CLI's note gave it.
    app = go(open_app(shifts_per_week=7, shift_full_hours=12.0), "shifts")
    assert not app.exception and not app.error
    warnings = [item.value for item in app.warning if "Working Time Directive" in item.value]
    assert warnings == [
        "7 × 12 h = 84 h a week is above the 48 h on average the EU Working Time Directive "
        "(2003/88/EC, art. 6) allows, and 7 shifts a week leave no weekly rest (art. 5: 24 h on "
        "top of the daily 11 h in every 7 days): the people to employ above are too few for "
        "lawful weeks; lower “Shifts per person per week” or “Full-time shift (hours)”."
    ]


def _calls(channel: str) -> pd.DataFrame:
    """A morning of one queue's contacts staffed on `channel`."""
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 08:00", periods=4, freq="30min"),
            "queue": "Desk",
            "volume": 10.0,
            "aht_seconds": 300,
        }
    )
    return plan_staffing(frame, 30, StaffingSettings(channel=channel, email_response_hours=4))


def test_the_per_interval_table_offers_a_backlog_only_for_e_mail():
    # The package writes a backlog of 0 for voice and chat (staffing.plan.plan_staffing); the
    # Staffing page had offered it in a phone queue's column menu as "Backlog (e-mails)".
    for channel in ("voice", "chat"):
        plan = _calls(channel)
        assert plan["backlog"].tolist() == [0.0] * 4
        assert "backlog" not in without_backlog_unless_email(plan)
    mail = _calls("email")
    assert without_backlog_unless_email(mail)["backlog"].tolist() == mail["backlog"].tolist()
    both = pd.concat([_calls("voice"), mail], ignore_index=True)
    assert "backlog" in without_backlog_unless_email(both)


def test_the_staffing_page_of_a_phone_queue_has_no_e_mail_backlog(picco_home):
    app = go(open_app(), "staffing")
    assert not app.exception and not app.error
    shown, columns = table(app, "interval_start", "rostered")
    assert "backlog" not in shown and "Backlog (e-mails)" not in json.dumps(columns)


def test_a_start_window_across_midnight_is_said_and_kept():
    assert settings.start_window_caption(22.0, 2.0) == (
        "Shifts start from 22:00 to 02:00 the next morning, across midnight, as the last start "
        "is before the first."
    )
    assert settings.start_window_caption(8.0, 18.0) is None
    assert settings.start_window_caption(7.0, 7.0) is None
    # a night window saved as a preference comes back (before: dropped as not a range)
    assert preferences.KEPT["shift_starts"]([22.0, 2.0])
    assert not preferences.KEPT["shift_starts"]([7.0, 24.0])


def test_the_shifts_page_says_a_one_week_plan_is_a_repeating_roster():
    # One person each night 22:00-06:00 for a week (as test_staffing_probe_round_sixteen): the
    # CLI's note, as the page's sentence (before: the page said nothing of it).
    index = pd.date_range("2026-06-01", periods=7 * 48, freq="30min")
    hour = index.hour + index.minute / 60
    need = pd.Series(np.where((hour >= 22) | (hour < 6), 1.0, 0.0), index=index)
    plan = plan_shifts(need, 30, ShiftSettings(part_max_share=0).types())
    assert settings.repeating_week_caption(plan, 30) == (
        "The plan is one week, read as a roster repeating every week: the shift starting Sun 7 "
        "Jun 22:00 runs past its end and covers its first hours from Mon 1 Jun 00:00, as it will "
        "the next week's."
    )
    dated = plan_shifts(need, 30, ShiftSettings(part_max_share=0).types(), repeat_week=False)
    assert settings.repeating_week_caption(dated, 30) is None


def test_the_shifts_page_plans_a_start_window_across_midnight(picco_home):
    # The window kept under the session key "shift_starts" (a saved preference, an older
    # session) as 20:00 to 12:00 the next morning: the two boxes show it, the caption says it
    # and the plan starts no shift from 12:30 to 19:30. Before: a range slider, which cannot
    # hold a latest start before the earliest.
    app = go(open_app(shift_starts=(20.0, 12.0)), "shifts")
    assert not app.exception and not app.error
    boxes = (
        app.selectbox(key="shift_earliest_start").value,
        app.selectbox(key="shift_latest_start").value,
    )
    assert boxes == (20.0, 12.0)
    assert (
        "Shifts start from 20:00 to 12:00 the next morning, across midnight, as the last start "
        "is before the first."
    ) in [item.value for item in app.caption]
    starts = pd.to_datetime(table(app, "shift_start")[0]["shift_start"])
    clock = starts.dt.hour + starts.dt.minute / 60
    assert ((clock >= 20) | (clock <= 12)).all()
    cover = table(app, "on_shift")[0]
    need = cover.set_index(pd.to_datetime(cover["interval_start"]))["needed"]
    expected = plan_shifts(need, 15, ShiftSettings(earliest_start=20.0, latest_start=12.0).types())
    paid = [item.value for item in app.metric if item.label == "Paid hours on shifts"]
    assert paid == [f"{expected.paid_hours:,.0f}"]
