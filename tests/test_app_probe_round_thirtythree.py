"""Round thirty-three of a manager's probe: the Scenarios comparison plans each scenario's shifts
as the Shifts page plans them, a fortnight read as a rotation where the page's "Repeat the 2
weeks as a rotation" is ticked, with the page's notes on shifts running past the plan's end
and on first hours left to the previous roster, so a scenario's shifts and paid hours read as
the Shifts page's, and says its shifts cover one queue where the Shifts page covers all
queues together; the rotation box is kept in the preferences as the other shift options are;
and the Forecast, Staffing and Shifts downloads are named by their queue (or dataset) and the
horizon's days, as the Scenarios downloads are, so next week's file does not overwrite this
week's; a flat plan (an e-mail desk at 1 agent round the clock) names no peak, only its first
interval. Driven on the pages' pure helpers and two AppTest runs, on an upload of night calls
and on the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, metric, open_app
from test_app_round_two import offered  # noqa: F401

from app_ui import comparison, preferences, settings, uploads
from data.store import Store
from staffing.limits import peak_limit_sentence
from staffing.plan import StaffingSettings, limit_summary, plan_staffing
from staffing.shifts import ShiftSettings, plan_shifts


def night_calls() -> bytes:
    """One row per call, 40 a night arriving 22:00-06:00 from Sun 2 Mar 2025, the history
    ending with the night into Sat 5 Apr: a forecast from Sun 6 Apr 00:00 of night work alone."""
    rng = np.random.default_rng(3)
    seconds = np.sort(rng.uniform(22 * 3600, 30 * 3600, (35, 40)), axis=1)
    starts = pd.date_range("2025-03-02", periods=35, freq="D").to_numpy()[:, None]
    arrivals = pd.Series((starts + seconds.astype("timedelta64[s]")).ravel())
    talk = rng.integers(60, 400, len(arrivals))
    kept = (arrivals < pd.Timestamp("2025-04-06")).to_numpy()
    frame = pd.DataFrame(
        {"arrival": arrivals[kept].dt.strftime("%Y-%m-%d %H:%M:%S"), "talk_seconds": talk[kept]}
    )
    return frame.to_csv(index=False).encode()


def nights(days: int, people: float = 2.0) -> pd.Series:
    """`people` needed 22:00-06:00 every night over `days` days of half hours from Mon 1 Jun
    2026, its first night's morning included."""
    index = pd.date_range("2026-06-01", periods=days * 48, freq="30min")
    hour = index.hour
    return pd.Series(np.where((hour >= 22) | (hour < 6), people, 0.0), index=index)


# ------------------------------------------------- Scenarios: shifts planned as on the Shifts page


def test_the_comparison_plans_a_fortnight_as_the_shifts_pages_rotation(picco_home, offered):  # noqa: F811
    app = open_app(horizon_days=14)
    upload = ("nights.csv", night_calls(), "text/csv")
    app.file_uploader(key="upload_files").set_value(upload).run()
    assert_clean(app)
    go(app, "shifts")
    assert_clean(app)
    # Dated, the first Sunday's 00:00-06:00 takes shifts of its own: 72 shifts, 460 h, 8
    # people (65 shifts and 9 people before the search for fewer people put them first).
    assert (metric(app, "Shifts"), metric(app, "Paid hours on shifts")) == ("72", "460")
    assert metric(app, "People to employ") == "8"
    app.checkbox(key=settings.ROTATION_KEY).check().run()
    assert_clean(app)
    # The last Saturday's night shifts cover it, as they will the next rotation's. 62 shifts,
    # 50 of 8 h and 12 of 4 h, are 448 h, and an exact programme (gap 0, no time limit) finds
    # no fewer at 448 h (before: 67, 45 and 22, for the same 448 h and 9 people).
    assert (metric(app, "Shifts"), metric(app, "Paid hours on shifts")) == ("62", "448")
    # Kept for the next session, as the other shift options are (before: the session only).
    assert Store().load_preferences()[settings.ROTATION_KEY] is True
    # Named by the queue and the plan's days (before: 'shift_starts_nights', each fortnight's
    # download overwriting the last).
    assert "shift_starts_nights_2025-04-06_to_2025-04-19" in offered
    assert "part_time_caps_nights_2025-04-06_to_2025-04-19" in offered

    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    table = app.table[-1].value
    # Before: the dated plan's shifts and 460 h, beside the Shifts page's 62 and 448.
    assert table.loc["Shifts over 14 days", "Current settings"] == "62"
    assert table.loc["Shift hours over 14 days (h)", "Current settings"] == "448"
    captions = [item.value for item in app.caption]
    assert any(
        "The 14 days are read as a rotation of 2 weeks repeating, as the Shifts page reads them "
        "with “Repeat the 2 weeks as a rotation” ticked." in text
        for text in captions
    ), captions
    # The 62 shifts run 5 full-time ones from Sat 19 Apr 22:00 into the rotation's first hours
    # (before: 3, among the 67).
    assert any(
        text.startswith("Shifts of 'Current settings'")
        and "The plan is 2 weeks, read as a roster repeating every 2 weeks: the 5 shifts "
        "starting Sat 19 Apr 22:00 run past its end and cover its first hours from Sun 6 Apr "
        "00:00, as they will the next rotation's."
        in text
        for text in captions
    ), captions

    go(app, "staffing")
    assert_clean(app)
    assert "staffing_plan_nights_2025-04-06_to_2025-04-19" in offered
    assert "staffing_daily_nights_2025-04-06_to_2025-04-19" in offered
    assert "staffing_weekly_pattern_nights_2025-04-06_to_2025-04-19" in offered
    assert "staffing_all_queues_nights_2025-04-06_to_2025-04-19" in offered
    go(app, "forecast")
    assert_clean(app)
    assert "forecast_nights_2025-04-06_to_2025-04-19" in offered
    assert "days_nights_2025-04-06_to_2025-04-19" in offered


def test_a_dated_plans_first_hours_are_noted_on_the_scenarios_page_naming_the_shifts_box():
    # Two people each night, shifts starting 21:00-23:00 only: Mon 1 Jun 00:00-06:00 is reached
    # by Sunday's shifts alone (staffing.shifts, 9badea1). 14 days offer the rotation box.
    window = ShiftSettings(part_max_share=0, earliest_start=21, latest_start=23)
    plan = plan_shifts(nights(14), 30, window.types())
    assert plan.before_plan is not None
    assert settings.before_plan_caption(plan, 14, on_shifts_page=False) == (
        "Mon 1 Jun 00:00–06:00 (2 people at most) is reached only by shifts starting before the "
        "plan, on the previous roster, as this plan's last shifts run past its end: left to "
        "them and counted on shift in the cover, not paid here; a plan of whole weeks read as a "
        "rotation (“Repeat the 2 weeks as a rotation” on the Shifts page) covers them with its "
        "own last shifts."
    )
    # The Shifts page keeps its own words, the box above it
    assert settings.before_plan_caption(plan, 14).endswith(
        "(“Repeat the 2 weeks as a rotation” above) covers them with its own last shifts."
    )
    # 10 days offer no box: the horizon to choose is named
    assert settings.before_plan_caption(plan_shifts(nights(10), 30, window.types()), 10).endswith(
        "(a horizon of 14 or 28 days, then “Repeat the weeks as a rotation” here) covers them "
        "with its own last shifts."
    )


def test_the_shifts_page_reads_a_rotation_only_where_it_offers_the_box():
    assert [settings.rotation_weeks(days) for days in (7, 10, 14, 21, 28, 30)] == [0, 0, 2, 3, 4, 0]


def test_each_shift_note_is_said_once_with_the_scenarios_it_holds_for():
    notes = {"A": ["Note one.", "Note two."], "B": ["Note one."], "C": ["Note one."]}
    assert comparison.shift_plan_notes(notes) == [
        "Every scenario's shifts: Note one.",
        "Shifts of 'A': Note two.",
    ]
    assert comparison.shift_plan_notes({"A": ["Note one."], "B": []}) == [
        "Shifts of 'A': Note one."
    ]
    assert comparison.shift_plan_notes({"A": [], "B": []}) == []


def test_the_rotation_box_is_a_kept_setting_checked_before_it_is_restored():
    kept = preferences.KEPT[settings.ROTATION_KEY]
    assert (kept(True), kept(False), kept(1), kept("yes")) == (True, True, False, False)


# ------------------------------------------------- Staffing: a flat plan names no peak


def test_a_flat_e_mail_plan_names_no_peak_but_its_flat_agents():
    # 10 e-mails of 300 s every half hour 08:00-18:00 for a week, answered within 24 h: 16.7 h
    # of work a day, under one agent on duty round the clock (16.7 / 24 = 0.69), so 1 agent in
    # every staffed interval. Before: 'At the peak (Mon 23 Nov 00:00) the 24-hour response
    # window sets the 1 agent.', the first of equal values, before any e-mail had come.
    starts = pd.date_range("2026-11-23", periods=7 * 48, freq="30min")
    volume = np.where((starts.hour >= 8) & (starts.hour < 18), 10.0, 0.0)
    staffing = StaffingSettings(channel="email", aht_seconds=300, email_response_hours=24)
    plan = plan_staffing(pd.DataFrame({"interval_start": starts, "volume": volume}), 30, staffing)
    staffed = plan.loc[plan["agents"] > 0, "agents"]
    assert (staffed.min(), staffed.max(), len(staffed)) == (1, 1, 234)
    summary = limit_summary(plan, 30, staffing)
    assert peak_limit_sentence(summary, staffing) == (
        "The agents are flat, 1 in each of the 234 staffed intervals: none is a peak. At the "
        "first (Mon 23 Nov 00:00) the 24-hour response window sets the 1 agent."
    )
    # One interval alone is its own peak, and a plan with a busier interval keeps naming it.
    one = limit_summary(plan.iloc[20:21], 30, staffing)
    assert one.flat is False
    plan.loc[plan.index[20], "agents"] = 2
    assert peak_limit_sentence(limit_summary(plan, 30, staffing), staffing).startswith(
        "At the peak (Mon 23 Nov 10:00) the 24-hour response window sets the 2 agents"
    )


# ------------------------------------------------- Scenarios: whose people the shifts cover


def test_the_comparison_says_its_shifts_cover_one_queue_where_the_shifts_page_covers_all(
    picco_home,
):
    # The sample: the Shifts page covering all queues together reads 560 shifts, 112 people to
    # employ and 3,820 paid hours; the phone queue alone, as the comparison plans it, 340, 77
    # and 2,244. Before: nothing said the comparison's shifts were one queue's.
    app = open_app()
    app.session_state["shift_cover"] = settings.COVER_ALL_QUEUES
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    table = app.table[-1].value
    assert table.loc["People to employ (busiest week)", "Current settings"] == "77"
    assert [item.value for item in app.caption if "Shifts page covers" in item.value] == [
        "The shifts here cover queue 'phone' alone, the queue every scenario staffs, while the "
        "Shifts page covers “All queues together (agents who work every queue)” (3 queues): its "
        "shifts, people to employ and paid hours add up every queue's people, so they read more "
        "than these. Pick “The queue picked” there to see this queue's alone."
    ]


def test_one_queue_covered_on_both_pages_says_nothing():
    queues = ["phone", "chat", "email"]
    assert comparison.shift_cover_note(settings.COVER_THIS_QUEUE, "phone", queues) is None
    assert comparison.shift_cover_note(settings.COVER_ALL_QUEUES, "phone", ["phone"]) is None


def test_an_upload_named_as_a_stored_dataset_in_other_capitals_gets_a_name_of_its_own():
    # Before: 'Desk' beside a stored 'desk' was stored as 'Desk', two entries reading alike in
    # the lists, which renaming either of them then refused.
    assert uploads.unique_name("Desk", ["desk"]) == "Desk (2)"
    assert uploads.unique_name("Sales  team", ["sales team"]) == "Sales  team (2)"
    assert uploads.unique_name("Desk", ["DESK", "desk (2)"]) == "Desk (3)"
    assert uploads.unique_name("Desk", ["Desks"]) == "Desk"
