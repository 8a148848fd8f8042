"""Round thirty-one of a manager's probe: the Shifts page's refusal of a need no allowed shift
covers names both boxes its start window is now chosen in, “Shifts start between” and “and”;
the caption under the people per week reads a one-week plan as the repeating roster the
figures above it count, whole from whichever weekday it starts on, instead of saying that a
week the horizon cuts counts only its days inside it; the Data page's download of the stored
datasets names its save times' zone, saved_at_utc, as the table's 'Saved (UTC)' does; the
Forecast page's day table names the unit of the busiest interval's forecast, contacts; the
Scenarios page keeps the scenario picked to duplicate, rename or delete after a look at
another page.
Driven on the pages' pure helpers, on plans from staffing.shifts.plan_shifts, and headless
with one AppTest run on the sample."""

from __future__ import annotations

import pandas as pd
import pytest
from test_app_pages import assert_clean, go, open_app

from app_ui import downloads, settings, tables
from staffing.shifts import ShiftPlan, ShiftSettings, UncoveredNeedError, plan_shifts


def hourly_plan(first_day: str, days: int, people: int) -> ShiftPlan:
    """Full-time shifts over `days` whole days of hourly intervals from `first_day`, `people`
    needed 08:00-16:00 each day and none at other hours."""
    grid = pd.date_range(f"{first_day} 00:00", periods=24 * days, freq="60min")
    need = pd.Series(
        [people if 8 <= stamp.hour < 16 else 0 for stamp in grid], index=grid, dtype=float
    )
    return plan_shifts(need, 60, ShiftSettings(part_hours=0).types())


# ------------------------------------------------- Shifts: a need no shift covers


def test_a_need_no_shift_covers_names_both_start_window_boxes():
    # One person needed at 07:00, full time starting 09:00-10:00 alone (as test_app_shifts'
    # start window on the sample): no shift reaches it, a longer one neither.
    need = pd.Series([1.0] * 4, index=pd.date_range("2026-06-03 07:00", periods=4, freq="60min"))
    types = ShiftSettings(part_hours=0, earliest_start=9, latest_start=10).types()
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(need, 60, types)
    # Before: 'widen “Shifts start between” (...)', the box of the first start alone, though
    # the last start is chosen in the box beside it, “and”.
    assert settings.uncovered_need_message(raised.value, types) == (
        "No shift plan: no allowed shift covers Wed 3 Jun 2026 07:00 (1 person needed): widen "
        "“Shifts start between” and “and” (Full time 8 h starts 09:00–10:00)"
    )
    # One person 09:00-19:00 with part time offered: a full-time shift from 10:00 ends at 18:00,
    # and a longer one of either type (up to 12 h, MAX_SHIFT_HOURS) would reach 18:00.
    late = pd.Series([1.0] * 10, index=pd.date_range("2026-06-03 09:00", periods=10, freq="60min"))
    both = ShiftSettings(earliest_start=9, latest_start=10).types()
    with pytest.raises(UncoveredNeedError) as raised:
        plan_shifts(late, 60, both)
    assert settings.uncovered_need_message(raised.value, both) == (
        "No shift plan: no allowed shift covers Wed 3 Jun 2026 18:00 (1 person needed): widen "
        "“Shifts start between” and “and” (Full time 8 h starts 09:00–10:00; Part time "
        "4 h starts 09:00–10:00) or lengthen “Full-time shift (hours)” or “Part-time shift "
        "(hours, 0 = none)”"
    )


# ------------------------------------------------- Shifts: the people per week's caption


def test_a_one_week_plan_from_a_wednesday_is_captioned_as_one_whole_repeating_week():
    # Seven days from Wed 3 Jun 2026, 10 people 08:00-16:00 each day: 70 shifts, at 5 a week
    # ceil(70 / 5) = 14 people, counted as one week from Wed 3 Jun (commit 101e7ad), not as
    # two calendar part-weeks Wed-Sun and Mon-Tue.
    plan = hourly_plan("2026-06-03", 7, 10)
    assert plan.repeats_weekly
    weeks = plan.people_to_employ(5)
    assert weeks["week"].tolist() == [pd.Timestamp("2026-06-03")]
    assert (weeks["shifts"].item(), weeks["people"].item()) == (70, 14)
    busiest = plan.busiest_week(5)
    assert (busiest.people, busiest.cut) == (14, False)
    # Before: 'A week the horizon cuts counts only its days inside it.', beside one week of
    # seven days the horizon, from a Wednesday, cuts in two calendar weeks.
    caption = settings.people_per_week_caption(plan)
    assert caption.startswith(
        "The plan's seven days from Wed 3 Jun are read as one week of a roster repeating every "
        "week, counted whole, whichever weekday it starts on. "
    )
    assert "counts only its days inside it" not in caption
    assert caption.endswith("leave room for it when you assign people.")


def test_a_dated_plan_keeps_saying_a_cut_week_counts_only_its_days():
    # Eight days, Wed 3 to Wed 10 Jun: no repeating roster; its weeks are calendar weeks cut
    # by the horizon, Wed 3 - Sun 7 Jun (5 days, 50 shifts) and Mon 8 - Wed 10 Jun (3 days, 30).
    plan = hourly_plan("2026-06-03", 8, 10)
    assert not plan.repeats_weekly
    weeks = plan.people_to_employ(5)
    assert weeks["week"].tolist() == [pd.Timestamp("2026-06-03"), pd.Timestamp("2026-06-08")]
    assert weeks["shifts"].tolist() == [50, 30]
    assert settings.people_per_week_caption(plan).startswith(
        "A week the horizon cuts counts only its days inside it. "
    )


# ------------------------------------------------- Data: the stored datasets' download


def test_the_stored_datasets_download_names_the_zone_of_its_save_times():
    # As Store.list_datasets lists it: saved_at naive, in UTC (data/store.py's _utc_now), which
    # the table on the page heads 'Saved (UTC)'.
    listing = pd.DataFrame(
        {
            "name": ["Sample service desk"],
            "queues": ["chat, email, phone"],
            "saved_at": [pd.Timestamp("2026-12-07 01:42:47.123456")],
        }
    )
    written = downloads.to_csv_bytes(downloads.stored_datasets_download(listing)).decode()
    # Before: 'name,queues,saved_at' and '2026-12-07 01:42:47.123456', a time of no zone.
    assert written.splitlines() == [
        "name,queues,saved_at_utc",
        'Sample service desk,"chat, email, phone",2026-12-07 01:42:47',
    ]
    assert tables.column_for("saved_at").label == "Saved (UTC)"  # the page's table, as before


# ------------------------------------------------- Forecast: the day table's units


def test_the_day_tables_busiest_interval_forecast_names_its_unit():
    # The Forecast page's Day by day keeps the busiest interval's mean forecast in the column menu and
    # the download beside 'Forecast contacts' and 'Busiest, P90' (whose help says contacts).
    # Before: 'Busiest interval, forecast' and no help, a figure of no unit (137.2 on Tech.
    # Axa's Wed 1 Jan 2014, beside its 2,697 contacts forecast that day).
    column = tables.column_for("busiest_forecast")
    assert column.label == "Busiest interval, forecast (contacts)"
    assert column.help == "Contacts forecast in the day's busiest interval, on the mean forecast."
    assert tables.NUMBER_FORMATS[column.kind] == "%,.1f"


# ------------------------------------------------- Scenarios: the picked scenario kept


def test_the_scenario_picked_to_manage_is_kept_after_a_look_at_another_page(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    app.selectbox(key="scenario_pick").set_value("90% in 30 s").run()
    go(app, "staffing")
    go(app, "scenarios")
    assert_clean(app)
    # Before: 'Current settings' again, the first scenario, Streamlit dropping the picker's
    # state on a page that does not draw it; the comparison's baseline was kept already.
    assert app.selectbox(key="scenario_pick").value == "90% in 30 s"
    # Delete acts on the scenario kept, after its confirmation.
    app.button(key="scenario_delete").click().run()
    assert any("Delete scenario '90% in 30 s'" in item.value for item in app.warning), [
        item.value for item in app.warning
    ]
