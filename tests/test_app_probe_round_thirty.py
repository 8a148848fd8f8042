"""Round thirty of a manager's probe: the backtest table's fit times read in milliseconds, so
a fast model's 0.4 ms no longer reads 0.0 s; the Shifts page and the Scenarios comparison say
when the horizon holds only some days of the busiest week, with the busiest whole week's
people, from the one function the CLI's shifts command uses; a stale 'Current settings'
scenario is told to change its cells only for the settings the grid has cells for; the Shifts
and Staffing pages open on the tab last read after a look at another page, and the Shifts
page's cover per interval names its people as people; the Staffing page's FTE and paid
hours helps add up to their metrics; a Monday-to-Friday desk's people to employ are set
against the Staffing page's FTE as a seven-day desk's are.
Driven headless with AppTest on the sample and a generated weekday desk, and on the pages' pure
helpers."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
from test_app_pages import assert_clean, go, metric, open_app, small_export, table
from test_app_round_two import offered  # noqa: F401  (the fixture)

from app_ui import comparison, settings, tables
from planning.compare import ShiftFigures
from planning.scenario import CURRENT_SETTINGS, Scenario, settings_changed_since
from staffing.shifts import ShiftPlan, ShiftSettings, plan_shifts

CSV = "text/csv"


# ------------------------------------------------- Forecast: fit times that say something


def test_the_backtest_tables_fit_times_read_in_milliseconds():
    # The sample's phone queue fits its 4-week average in 0.000387 s and its seasonal naive in
    # 0.001745 s per backtest week: both read 0.0 under "Fit time (s)" at one decimal.
    backtest = pd.DataFrame(
        {"model": ["mean4", "seasonal_naive"], "fit_seconds": [0.000387, 0.001745]}
    )
    column = tables.column_for("fit_seconds")
    assert column.label == "Fit time (ms)"
    assert tables.NUMBER_FORMATS[column.kind] == "%,.1f"
    shown = tables.display_frame(backtest)["fit_seconds"]
    assert [f"{value:,.1f}" for value in shown] == ["0.4", "1.7"]
    # A slow model's 2.5 s reads 2,500.0 ms; a download keeps fit_seconds in seconds.
    assert (
        tables.display_frame(pd.DataFrame({"fit_seconds": [2.5]}))["fit_seconds"].item() == 2500.0
    )


# ------------------------------------------------- Shifts and Scenarios: a busiest week cut short


def office_days_plan(people_by_day: dict[str, int]) -> ShiftPlan:
    """Shifts over one 8-hour day 08:00-16:00 of hourly intervals per day given, at its people,
    as test_cli_probe_round_twenty's plan."""
    starts, rostered = [], []
    for day, people in people_by_day.items():
        starts += list(pd.date_range(f"{day} 08:00", periods=8, freq="60min"))
        rostered += [people] * 8
    need = pd.Series(rostered, index=pd.DatetimeIndex(starts), dtype=float)
    return plan_shifts(need, 60, ShiftSettings(part_hours=0).types())


FIRST_WEEK = {f"2026-06-0{day}": 1 for day in range(1, 6)}  # Mon-Fri 1-5 June at 1 person
# Mon-Wed 8-10 June at 2: 6 shifts, 2 on each day, 2 people; Thu and Fri 11-12 June, days the
# desk works, lie past the plan.
CUT_SHORT = FIRST_WEEK | {"2026-06-08": 2, "2026-06-09": 2, "2026-06-10": 2}


def test_the_busiest_week_says_which_of_its_days_the_plan_holds():
    busiest = office_days_plan(CUT_SHORT).busiest_week()
    # As the CLI's shifts command reads it: "2 in the busiest week (from Mon 8 Jun 2026, of
    # which the plan holds only Mon 8 Jun – Wed 10 Jun ...); the busiest whole week, from Mon 1
    # Jun 2026, needs 1" (5 shifts at 5 a week).
    assert (busiest.week, busiest.people, busiest.cut) == (pd.Timestamp("2026-06-08"), 2, True)
    assert busiest.days_held == "Mon 8 Jun – Wed 10 Jun"
    assert (busiest.whole_week, busiest.whole_people) == (pd.Timestamp("2026-06-01"), 1)
    # A Mon-Fri week without its weekend is whole: the desk is closed then.
    whole = office_days_plan(FIRST_WEEK).busiest_week()
    assert (whole.people, whole.cut, whole.whole_week) == (1, False, None)


def test_the_shifts_page_and_the_comparison_say_the_busiest_week_is_cut_short():
    plan = office_days_plan(CUT_SHORT)
    # Before: 'People to employ' 2 on both pages, three days read as a week.
    assert settings.busiest_week_note(plan.busiest_week()) == (
        "The busiest week, from Mon 8 Jun 2026, is one the horizon holds only Mon 8 Jun – Wed "
        "10 Jun of: its 2 people to employ work those days alone. The busiest whole week, from "
        "Mon 1 Jun 2026, needs 1."
    )
    assert settings.busiest_week_note(office_days_plan(FIRST_WEEK).busiest_week()) is None
    shifts = ShiftSettings(part_hours=0)
    figures = {
        "Now": ShiftFigures.of(plan, shifts, 22.0),
        "Full week": ShiftFigures.of(office_days_plan(FIRST_WEEK), shifts, 22.0),
    }
    assert figures["Now"].people_to_employ == 2  # the Shifts page's figure, as before
    assert comparison.cut_week_words(figures) == (
        " The horizon holds only Mon 8 Jun – Wed 10 Jun of the busiest week of 'Now', whose "
        "people to employ work those days alone; the busiest whole week needs 1 for 'Now'."
    )
    both = {"Now": figures["Now"], "Busier": ShiftFigures.of(plan, shifts, 25.0)}
    assert comparison.cut_week_words(both) == (
        " The horizon holds only Mon 8 Jun – Wed 10 Jun of every scenario's busiest week, whose "
        "people to employ work those days alone; the busiest whole week needs 1 for 'Now', 1 "
        "for 'Busier'."
    )
    # Wed 3 to Tue 9 June, every day open, a busy Saturday: two weeks, each cut short. The
    # first's 7 shifts, 3 on Saturday, need 3 people; the second's 2 need 1.
    days = {f"2026-06-0{day}": 3 if day == 6 else 1 for day in range(3, 10)}
    assert settings.busiest_week_note(office_days_plan(days).busiest_week()) == (
        "The busiest week, from Wed 3 Jun 2026, is one the horizon holds only Wed 3 Jun – Sun "
        "7 Jun of: its 3 people to employ work those days alone. The horizon holds no whole "
        "week, whose shifts may need more people: a “Horizon (days)” on the Forecast page that "
        "takes in a whole week from Monday to Sunday gives them."
    )


def test_a_campaign_at_the_horizons_end_makes_the_busiest_week_one_of_three_days(picco_home):
    app = open_app(horizon_days=10)  # Mon 23 Nov to Wed 2 Dec 2026
    app.session_state["campaign_enabled"] = True
    app.session_state["campaign_dates"] = (date(2026, 11, 30), date(2026, 12, 2))
    app.session_state["campaign_uplift_pct"] = 100.0
    go(app, "shifts")
    assert_clean(app)
    # Twice the contacts on Mon 30 Nov - Wed 2 Dec: 146 people on their busiest day, beside
    # 77 for the whole week before (the sample's 10 days without the campaign read 77).
    assert metric(app, "People to employ") == "146"
    captions = [item.value for item in app.caption]
    assert (
        "The busiest week, from Mon 30 Nov 2026, is one the horizon holds only Mon 30 Nov – Wed "
        "2 Dec of: its 146 people to employ work those days alone. The busiest whole week, from "
        "Mon 23 Nov 2026, needs 77."
    ) in captions
    # No FTE set against three days' hours (round twenty-seven).
    assert not [text for text in captions if "are heads" in text]
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    (said,) = [item.value for item in app.caption if item.value.startswith("Shifts:")]
    assert (
        "The horizon holds only Mon 30 Nov – Wed 2 Dec of every scenario's busiest week, whose "
        "people to employ work those days alone; the busiest whole week needs 77 for 'Current "
        "settings', 99 for '+30% volume 23 Nov – 29 Nov', 81 for '90% in 30 s', 89 for 'Staffed "
        "to P80', 77 for 'Part time 4 h up to 50%'."
    ) in said


# ------------------------------------------------- Scenarios: how to bring 'Current settings' level


def test_a_stale_current_settings_warning_points_to_cells_only_where_the_grid_has_them():
    saved = Scenario(CURRENT_SETTINGS)
    shifts = dataclasses.replace(saved.shifts, full_hours=9.0, earliest_start=7.5)
    staffing = dataclasses.replace(saved.staffing, shrinkage=0.35, weekly_contract_hours=40.0)
    start = (
        "'Current settings' holds the settings it was saved with, not those of the Staffing and "
        "Shifts pages now: "
    )
    # Shrinkage has its Shr % cell: the advice as before (round twenty-one).
    shrinkage = settings_changed_since(
        saved,
        dataclasses.replace(saved, staffing=dataclasses.replace(saved.staffing, shrinkage=0.35)),
    )
    assert comparison.stale_current_settings_warning(shrinkage) == (
        f"{start}shrinkage 30% saved, 35% now. Change its cells in the table above, or save the "
        "current settings under a new name, to compare what the pages plan now."
    )
    # Shift lengths and start hours have no cell: before, 'Change its cells in the table above'
    # all the same.
    only_shifts = settings_changed_since(saved, dataclasses.replace(saved, shifts=shifts))
    assert comparison.stale_current_settings_warning(only_shifts) == (
        f"{start}full-time shift 8 h saved, 9 h now; first shift start 00:00 saved, 07:30 now. "
        "The table above has no cell for the full-time shift and first shift start: save the "
        "current settings under a new name, or delete 'Current settings' (“Duplicate, rename or "
        "delete a scenario”) and save them under that name again, to compare what the pages "
        "plan now."
    )
    both = settings_changed_since(
        saved, dataclasses.replace(saved, staffing=staffing, quantile="p80")
    )
    assert comparison.stale_current_settings_warning(both).startswith(
        f"{start}staffed to the mean forecast saved, the P80 forecast now; shrinkage 30% saved, "
        "35% now; full-time week 38 h saved, 40 h now. The table above has cells for some of them "
        "(Staff, Shr %) but none for the full-time week: save the current "
        "settings under a new name, or delete"
    )


# ------------------------------------------------- Shifts and Staffing: the tab read, kept


def test_the_tab_read_stays_open_after_a_look_at_another_page(picco_home):
    app = go(open_app(), "shifts")
    app.session_state["shift_tab"] = "People per week"
    app.run()
    go(app, "staffing")
    app.session_state["staffing_result_tab"] = "Per interval"
    app.run()
    # Before: back on "Shifts per day" and "Daily totals", Streamlit dropping a tab's state
    # on the pages that do not draw it.
    go(app, "shifts")
    assert_clean(app)
    assert app.session_state["shift_tab"] == "People per week"
    # The cover per interval counts people, beside the part-time table's hours beyond the
    # need: before, 'On shift' and 'Beyond the need' there, 'Beyond the need (h)' here.
    _, cover = table(app, "interval_start", "needed", "on_shift", "surplus")
    _, caps = table(app, "part_time_cap", "beyond_need")
    assert (cover["on_shift"]["label"], cover["surplus"]["label"]) == (
        "People on shift",
        "People beyond the need",
    )
    assert caps["beyond_need"]["label"] == "Beyond the need (h)"
    go(app, "staffing")
    assert app.session_state["staffing_result_tab"] == "Per interval"


# ------------------------------------------------- Staffing: the metrics' parts add up to them


def test_the_fte_and_paid_hours_helps_add_up_to_their_metrics(
    picco_home,
    offered,  # noqa: F811
):
    app = open_app()
    app.session_state["queue"] = "email"
    go(app, "staffing")
    assert_clean(app)
    helps = {item.label: item.help for item in app.metric}
    plan = offered["staffing_plan_email"]
    hours = plan["paid_hours"].sum()
    supervisors = plan["supervisors"].sum() * 0.25  # 15-minute intervals
    # The plan's 956.5 paid hours: 849.0 for agents and 107.5 for supervisors (1 per 12 on
    # 15-minute intervals), 22.34 and 2.83 FTE on 38-h weeks, 25.17 in all. Each rounded
    # alone they read 22.3 + 2.8 = 25.1 under the FTE metric's 25.2, and 849 + 108 = 957 under
    # the Paid hours metric's 956.
    assert (hours, supervisors) == (956.5, 107.5)
    assert metric(app, "FTE") == "25.2"
    assert helps["FTE"] == "Agents 22.4 + supervisors 2.8 on 38-hour weeks."
    assert metric(app, "Paid hours") == "956"
    assert (
        helps["Paid hours"] == "Over the 7 days of the horizon: agents 849 h + supervisors 107 h."
    )


# ------------------------------------------------- Shifts: a Monday-to-Friday desk's week is whole


def test_a_weekday_desks_people_are_set_against_the_staffing_fte(picco_home):
    app = open_app()
    # Open 08:00-18:00 Monday to Friday, five weeks to Sun 6 Apr 2025: the 7 days forecast run
    # from Sat 5 to Fri 11 Apr (after the history's last open hours), the shifts from Mon 7 to
    # Fri 11 Apr, the weekend after it closed.
    app.file_uploader(key="upload_files").set_value([("desk.csv", small_export(), CSV)]).run()
    go(app, "staffing")
    assert_clean(app)
    assert metric(app, "FTE") == "13.3"
    go(app, "shifts")
    assert_clean(app)
    assert (metric(app, "People to employ"), metric(app, "Paid hours on shifts")) == ("28", "832")
    # 832 h / 38 h = 21.9 FTE, beside the Staffing page's agents' 11.7 (its FTE help 'Agents
    # 11.7 + supervisors 1.6'). Before: no note, the week of Mon 7 Apr read as cut short by the
    # horizon, which lacks its weekend, though the desk is closed then.
    assert (
        "The 28 people to employ are heads, each part-timer one: the busiest week's 832 shift "
        "hours are 21.9 FTE on the 38-h full-time week. The Staffing page's FTE count the hours "
        "needed instead of whole shifts: 11.7 for its agents, without the supervisors."
    ) in [item.value for item in app.caption]
