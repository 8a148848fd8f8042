"""The Shifts page driven headless with AppTest on the shipped sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_app_pages import assert_clean, go, metric, number, open_app, table

from staffing.shifts import ShiftType, plan_shifts


def _tables(app) -> dict[str, pd.DataFrame]:
    """The page's three tables by their first column."""
    found = {}
    for name in ("day", "shift_start", "on_shift"):
        found[name] = table(app, name)[0]
    return found


def test_the_shifts_cover_the_staffing_pages_people_at_the_hours_shown(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    plan = table(app, "interval_start", "rostered")[0]
    app = go(app, "shifts")
    assert_clean(app)
    shown = _tables(app)
    cover, starts, days = shown["on_shift"], shown["shift_start"], shown["day"]
    # The need is the Staffing page's people rostered, interval by interval.
    needed = plan.set_index(pd.to_datetime(plan["interval_start"]))["rostered"].fillna(0)
    on_grid = cover.set_index(pd.to_datetime(cover["interval_start"]))["needed"]
    assert on_grid.reindex(needed.index).tolist() == needed.astype(float).tolist()
    assert (cover["on_shift"] >= cover["needed"]).all()
    # The default shifts (8 h full time, 4 h part time at most 30% of paid hours), as the
    # package plans them on that need.
    expected = plan_shifts(
        on_grid,
        15,
        [ShiftType("Full time 8 h", 8), ShiftType("Part time 4 h", 4, max_hours_share=0.3)],
    )
    assert number(metric(app, "Paid hours on shifts")) == round(expected.paid_hours)
    hours = pd.to_datetime(starts["shift_end"]) - pd.to_datetime(starts["shift_start"])
    paid = float((hours.dt.total_seconds() / 3600 * starts["people"]).sum())
    assert paid == expected.paid_hours
    assert (
        number(metric(app, "Shifts"))
        == starts["people"].sum()
        == days[["Full time 8 h", "Part time 4 h"]].sum().sum()
    )
    part = float(
        (hours.dt.total_seconds() / 3600 * starts["people"])[
            starts["shift"] == "Part time 4 h"
        ].sum()
    )
    assert part <= 0.3 * paid + 1e-9
    assert metric(app, "Share of paid hours needed") == f"{expected.efficiency:.1%}"
    assert number(metric(app, "Shift cost, 7 days")) == round(paid * 22.0)
    assert {
        "download_shift_days_csv",
        "download_shift_starts_xlsx",
        "download_shift_cover_csv",
    } <= {button.key for button in app.get("download_button")}
    assert len(app.get("plotly_chart")) == 2


def test_full_time_only_and_a_start_window_change_the_plan(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_part_hours").set_value(0.0).run()
    assert_clean(app)
    starts = table(app, "shift_start")[0]
    assert set(starts["shift"]) == {"Full time 8 h"}
    # Starts only from 09:00 to 10:00: the sample desk opens earlier, which no shift covers.
    app.selectbox(key="shift_earliest_start").set_value(9.0)
    app.selectbox(key="shift_latest_start").set_value(10.0).run()
    assert not app.exception
    errors = [item.value for item in app.error]
    assert len(errors) == 1 and errors[0].startswith("No shift plan: no allowed shift covers ")
    # in the page's own words; no shift up to 12 h from 09:00-10:00 reaches an earlier opening
    assert errors[0].endswith(
        "widen “Shifts start between” and “and” (Full time 8 h starts 09:00–10:00)"
    )


def test_all_queues_together_cover_the_sum_of_every_queues_people(picco_home):
    app = go(open_app(), "shifts")
    one = table(app, "on_shift")[0]["needed"].sum()
    app.radio(key="shift_cover").set_value("all queues").run()
    assert_clean(app)
    together = table(app, "on_shift")[0]
    # The sample's three queues (phone, chat, e-mail) together need more than the phone alone.
    assert together["needed"].sum() > one
    assert (together["on_shift"] >= together["needed"]).all()
    assert np.isclose(
        number(metric(app, "Hours beyond the need")),
        round(number(metric(app, "Paid hours on shifts")) - together["needed"].sum() / 4),
        atol=1,
    )


def test_other_part_time_caps_show_what_they_would_pay(picco_home):
    app = go(open_app(), "shifts")
    assert_clean(app)
    caps = table(app, "part_time_cap")[0]
    assert caps["part_time_cap"].tolist() == ["0%", "15%", "30%", "50%", "no cap"]
    # A looser cap can only pay less or the same; full time only uses no part time at all.
    paid = caps["paid_hours"].tolist()
    assert paid == sorted(paid, reverse=True) and paid[0] > paid[-1]
    assert caps["part_time_share"].iloc[0] == 0.0
    assert (caps["part_time_share"] <= [0.0, 15.0, 30.0, 50.0, 100.0]).all()
    # The row of the cap set above is the plan the page shows.
    chosen = caps[caps["set_above"]].iloc[0]
    assert chosen["part_time_cap"] == "30%" and chosen["cost_change"] == 0
    assert round(chosen["paid_hours"]) == number(metric(app, "Paid hours on shifts"))
    # Full time only: every shift 8 hours, so the paid hours are a multiple of 8.
    assert paid[0] % 8 == 0
    assert caps["cost_change"].iloc[0] == (paid[0] - chosen["paid_hours"]) * 22.0
    app.number_input(key="shift_part_hours").set_value(0.0).run()
    assert_clean(app)
    assert "Set a part-time shift length above" in " ".join(item.value for item in app.caption)


def test_people_to_employ_follow_the_shifts_per_week(picco_home):
    app = go(open_app(), "shifts")
    assert_clean(app)
    weeks = table(app, "busiest_day")[0]
    starts = table(app, "shift_start")[0]
    # The shifts per week and type add up to the shift starts; five a week each.
    assert weeks["shifts"].sum() == starts["people"].sum()
    expected = np.maximum(weeks["busiest_day"], np.ceil(weeks["shifts"] / 5)).astype(int)
    assert weeks["people"].tolist() == expected.tolist()
    busiest = weeks.groupby("week")["people"].sum().max()
    assert number(metric(app, "People to employ")) == busiest
    # Four shifts a week: more people for the same shifts.
    app.number_input(key="shifts_per_week").set_value(4).run()
    assert_clean(app)
    assert number(metric(app, "People to employ")) > busiest


def test_another_queues_handle_time_changes_the_all_queues_shifts(picco_home):
    app = go(open_app(), "shifts")
    app.radio(key="shift_cover").set_value("all queues").run()
    before = table(app, "on_shift")[0]["needed"].sum()
    # On the Staffing page, chat's handle time doubled; back on Shifts, phone still picked.
    app = go(app, "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    aht = app.number_input(key="aht_seconds")
    aht.set_value(float(aht.value) * 2).run()
    app.selectbox(key="queue").set_value("phone").run()
    app = go(app, "shifts")
    assert_clean(app)
    assert app.radio(key="shift_cover").value == "all queues"
    # Before: the same cached plan, keyed by the phone queue's settings alone.
    assert table(app, "on_shift")[0]["needed"].sum() > before
