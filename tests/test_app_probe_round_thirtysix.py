"""Round thirty-six of a manager's probe: the chats per agent the Staffing page takes come from
staffing.chat's own limit; the Scenarios page counts a horizon's days with planning's function;
the Shifts page solves no part-time cap the plan without one keeps already. Driven on AppTest
runs on the sample and on the pages' helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from test_app_pages import assert_clean, go, metric, open_app, table

import staffing.shifts as shift_planning
from app_ui import cached, comparison, preferences, settings
from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN
from planning.scenario import Scenario, days_covered, interval_step
from staffing.chat import MAX_CHAT_CONCURRENCY, check_chat_settings

# ------------------------------------------------ Staffing: chats per agent, one named limit


def test_the_chats_per_agent_widget_stops_at_staffing_chats_own_limit(picco_home):
    # One figure behind the package's check, the page's widget and the kept preference: 10.
    assert MAX_CHAT_CONCURRENCY == 10
    check_chat_settings(MAX_CHAT_CONCURRENCY, 0.25)
    with pytest.raises(InputError, match="from 1 to 10 chats per agent, got 11"):
        check_chat_settings(MAX_CHAT_CONCURRENCY + 1, 0.25)
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    widget = app.number_input(key="chat_concurrency")
    assert widget.max == MAX_CHAT_CONCURRENCY
    assert widget.help.startswith(f"From 1 to {MAX_CHAT_CONCURRENCY}; most chat desks")
    assert_clean(app)
    assert preferences.KEPT["chat_concurrency"](MAX_CHAT_CONCURRENCY) is True
    assert preferences.KEPT["chat_concurrency"](MAX_CHAT_CONCURRENCY + 1) is False


# ----------------------------------------- Scenarios: one count of 24-hour days, in planning


def test_a_horizons_days_are_counted_in_planning_as_the_scenarios_page_says_them(monkeypatch):
    # A 14-day forecast of 15-minute intervals from Fri 4 Apr 2025 08:00: 1,344 intervals, 15
    # dates. A change on 4-10 Apr covers Fri 08:00 to Fri 11 Apr 00:00, 640 intervals of 15
    # minutes = 160 h = 6.667 days (by hand).
    starts = pd.Series(pd.date_range("2025-04-04 08:00", periods=14 * 96, freq="15min"))
    assert interval_step(starts) == pd.Timedelta(minutes=15)
    assert days_covered(starts) == 14.0
    week = Scenario(
        "+30% volume 4 Apr – 10 Apr",
        volume_change_pct=30.0,
        change_from=dt.date(2025, 4, 4),
        change_to=dt.date(2025, 4, 10),
    )
    changed = week.changes_on(starts)
    assert changed.sum() == 640
    assert days_covered(starts[changed], interval_step(starts)) == pytest.approx(160 / 24)
    # Open intervals alone (08:00-18:00): the gap overnight is no interval.
    daytime = starts[(starts.dt.hour >= 8) & (starts.dt.hour < 18)]
    assert interval_step(daytime) == pd.Timedelta(minutes=15)
    assert days_covered(daytime) == pytest.approx(14 * 10 / 24)
    assert interval_step(starts[:1]) == pd.Timedelta(days=1)
    # The Scenarios page's note counts with it: a count off by a day there shows in the text.
    plan = pd.DataFrame({INTERVAL_START: starts, IS_OPEN: True})
    said = comparison.change_on_part_of_forecast(week, plan)
    assert said.startswith(
        "'+30% volume 4 Apr – 10 Apr' changes 6.7 of the forecast's 14 days (Fri 4 Apr 08:00 – "
        "Fri 11 Apr 2025 00:00)"
    )
    monkeypatch.setattr(comparison, "days_covered", lambda starts, step=None: 15.0)
    assert "of the forecast's 15 days" in comparison.change_on_part_of_forecast(week, plan)


# ------------------------------------ Shifts: a part-time cap the plan keeps is not solved again


def test_the_part_time_table_takes_the_plan_above_where_it_is_the_best_at_a_cap(
    picco_home, monkeypatch
):
    st.cache_data.clear()  # a plan cached by an earlier test would hide the solves
    solved, asked = [], []
    plan_shifts = shift_planning.plan_shifts

    def counting(need, interval_minutes, types, **options):
        solved.append(tuple(kind.max_hours_share for kind in types))
        asked.append((need, interval_minutes, options))
        return plan_shifts(need, interval_minutes, types, **options)

    monkeypatch.setattr(shift_planning, "plan_shifts", counting)
    app = go(open_app(), "shifts")
    assert_clean(app)
    # The sample's phone queue, 7 days, part time 4 h at most 30%: 340 shifts, 2,244 h, 21.2%
    # of them part time (338 and 20.5% before the search for fewer people put them first). The plan without a cap pays 2,244 h too, so the plan at 30% is the
    # best at 50% as well: not solved again. Before: five programmes, 50% among them.
    assert (metric(app, "Shifts"), metric(app, "Paid hours on shifts")) == ("340", "2,244")
    assert len(solved) == 4
    assert set(solved) == {(None, 0.3), (None,), (None, 0.15), (None, None)}
    caps, _ = table(app, "part_time_cap", "paid_hours")
    assert caps[["part_time_cap", "shifts", "paid_hours", "beyond_need"]].values.tolist() == [
        ["0%", 336, 2688, 1164],
        ["15%", 336, 2340, 816],
        ["30%", 340, 2244, 720],
        ["50%", 340, 2244, 720],
        ["no cap", 340, 2244, 720],
    ]
    assert caps["part_time_share"].round(1).tolist() == [0.0, 14.9, 21.2, 21.2, 21.2]
    # Cross-checked on the programme solved with a 50% cap: the same paid hours.
    need, interval_minutes, options = asked[0]
    full = shift_planning.ShiftType("Full time 8 h", 8.0, 0.0, 23.5)
    part = shift_planning.ShiftType("Part time 4 h", 4.0, 0.0, 23.5, 0.5)
    at_half = plan_shifts(need, interval_minutes, [full, part], **options)
    assert at_half.optimal and at_half.paid_hours == 2244.0


def test_a_plan_stands_for_another_cap_only_where_it_is_proven_the_best_there():
    # 4 people needed 08:00-18:00, a 5th 12:00-16:00 (44 h): at a 30% cap, 4 full-timers
    # 08:00-16:00, one 10:00-18:00 and 3 part-timers 14:00-18:00, 52 h with 12 on part time
    # (23.1%), as without a cap.
    starts = pd.date_range("2025-04-07 08:00", "2025-04-07 17:45", freq="15min")
    need = pd.Series(4.0, index=starts)
    need[(starts.hour >= 12) & (starts.hour < 16)] = 5.0
    full = shift_planning.ShiftType("Full time 8 h", 8.0, 0.0, 23.5)
    part = shift_planning.ShiftType("Part time 4 h", 4.0, 0.0, 23.5)

    def capped(share):
        return [full, replace(part, max_hours_share=share)]

    planned = cached.shift_plan(need, 15, capped(0.3))
    assert planned.paid_hours == 52.0
    assert cached.part_time_share(planned, capped(0.3)) == pytest.approx(12 / 52)
    # A tighter cap it keeps (25%) and looser ones (50%, none): the same plan, not solved.
    for share in (0.25, 0.5, None):
        assert cached.shift_plan_at_cap(planned, 0.3, share, need, 15, capped(share)) is planned
    # 20% it breaks: solved with its cap, 2 part-timers 08:00-12:00 and 6 full-timers, 56 h.
    tighter = cached.shift_plan_at_cap(planned, 0.3, 0.2, need, 15, capped(0.2))
    assert tighter.paid_hours == 56.0
    assert cached.part_time_share(tighter, capped(0.2)) == pytest.approx(8 / 56)


# ----------------------------------- Staffing: supervisors rounded up per queue, as cli.py staff


def test_the_staffing_page_says_its_supervisors_are_rounded_up_per_queue(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    # The sample's three queues at one supervisor per 12 at their busiest interval together,
    # Tue 24 Nov 14:30: chat 16 rostered -> 2, e-mail 13 -> 2, phone 49 -> 5, 9 in all, where
    # 78 people as one team need ceil(78 / 12) = 7. Before: the all-queues FTE held the 9
    # without a word; cli.py staff says it in this wording.
    assert (
        "Supervisors in the FTE above: the 9 supervisors at their peak (Tue 24 Nov 14:30) are "
        "rounded up per queue, as each queue's team needs its own lead: 2 + 2 + 5 for 16, 13, "
        "49 rostered at one per 12; the 78 rostered as one team would need 7."
    ) in [item.value for item in app.caption]
    # One per 8: the peak moves to Mon 23 Nov 10:45, ceil(18 / 8) + ceil(8 / 8) + ceil(60 / 8)
    # = 3 + 1 + 8 = 12, where 86 together need ceil(10.75) = 11.
    app.slider(key="supervisor_span").set_value(8).run()
    said = [item.value for item in app.caption if item.value.startswith("Supervisors in the")]
    assert said == [
        "Supervisors in the FTE above: the 12 supervisors at their peak (Mon 23 Nov 10:45) are "
        "rounded up per queue, as each queue's team needs its own lead: 3 + 1 + 8 for 18, 8, 60 "
        "rostered at one per 8; the 86 rostered as one team would need 11."
    ]


# ------------------------------------------- Shifts: the hour clocks skip is paid, not worked


def spring_calls() -> bytes:
    """Hourly calls round the clock from Mon 4 Mar 2024 to Fri 28 Mar 2025, without Sun 31 Mar
    2024 02:00-03:00, the hour the clock skipped: its forecast skips Sun 30 Mar 2025's."""
    starts = pd.date_range("2024-03-04", "2025-03-28 23:00", freq="60min")
    starts = starts[~((starts >= "2024-03-31 02:00") & (starts < "2024-03-31 03:00"))]
    volume = np.round(20 * (1.5 + np.sin((starts.hour - 6) / 24 * 2 * np.pi))).astype(int)
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": volume})
    return frame.to_csv(index=False).encode()


def test_the_shifts_page_says_the_hour_clocks_skip_is_paid_and_not_worked(picco_home):
    app = open_app(horizon_days=7, shift_full_hours=8.0, shift_part_hours=0.0)
    app.file_uploader(key="upload_files").set_value(("spring.csv", spring_calls(), "text/csv"))
    app.run()
    go(app, "shifts")
    assert_clean(app)
    cover, _ = table(app, "interval_start", "needed", "on_shift")
    night = cover.set_index("interval_start").loc["2025-03-30 01:00":"2025-03-30 03:00"]
    # The forecast closes 02:00 (no one needed) and 5 full-timers' shifts run through it; at
    # 03:00 the 5 needed are on shift (6 before the search for fewer people looked for fewer
    # shifts, at the same 1,288 paid hours).
    assert night["needed"].tolist() == [5.0, 0.0, 5.0]
    assert night["on_shift"].tolist() == [5, 5, 5]
    assert metric(app, "Paid hours on shifts") == "1,288"
    # 5 people x 1 h not worked at € 22 an hour (the Staffing page's agent cost): € 110, as
    # cli.py shifts says it on such a plan. Before: the page said nothing.
    assert [item.value for item in app.info if "clocks skip" in item.value] == [
        "On Sun 30 Mar 2025 the 5 people on shift in 02:00–03:00, the hour clocks skip, do not "
        "work it: an hour less than the clock says (−5.0 h). Shifts are set on the clock, and "
        "paid for the hours worked, as European payroll pays them: 1,283.0 paid hours, not "
        "1,288.0 (−€ 110)."
    ]


def plan_of(starts: pd.DatetimeIndex, closed: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({INTERVAL_START: starts, IS_OPEN: ~closed})


def test_only_a_lone_closed_hour_on_a_spring_sunday_is_read_as_the_hour_clocks_skip():
    starts = pd.date_range("2025-03-29", periods=3 * 96, freq="15min")
    lone = (starts >= "2025-03-30 02:00") & (starts < "2025-03-30 03:00")
    skipped = settings.clock_skipped_starts([plan_of(starts, lone)], 15)
    assert skipped.tolist() == list(pd.date_range("2025-03-30 02:00", periods=4, freq="15min"))
    # A desk closed every night 00:00-06:00 is closed on both sides of that hour: none.
    nights = np.asarray(starts.hour < 6)
    assert settings.clock_skipped_starts([plan_of(starts, nights)], 15).empty
    # Closed 02:00-03:00 every night (maintenance) or every Sunday: not the clock either.
    every_night = np.asarray(starts.hour == 2)
    assert settings.clock_skipped_starts([plan_of(starts, every_night)], 15).empty
    fortnight = pd.date_range("2025-03-22", periods=15 * 96, freq="15min")
    sundays = np.asarray((fortnight.hour == 2) & (fortnight.day_of_week == 6))
    assert settings.clock_skipped_starts([plan_of(fortnight, sundays)], 15).empty
    # The same lone hour on a January Sunday is no clock change, nor is 02:00-02:45.
    january = starts - pd.Timedelta(days=77)  # Sat 11 Jan 2025 on
    assert settings.clock_skipped_starts([plan_of(january, lone)], 15).empty
    short = lone & (starts < "2025-03-30 02:45")
    assert settings.clock_skipped_starts([plan_of(starts, short)], 15).empty
