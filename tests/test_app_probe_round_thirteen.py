"""Round thirteen of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, go, metric, number, open_app, small_export
from test_app_probe_round_twelve import texts, upload
from test_app_round_two import edit_table, offered, save_scenarios  # noqa: F401

SAMPLE = "Sample service desk"


def load(app: AppTest, name: str) -> AppTest:
    """Open the stored dataset `name` from the Data page, as a manager does."""
    app = go(app, "data")
    app.selectbox(key="stored_choice").set_value(name).run()
    app.button(key="stored_load").click().run()
    assert app.session_state["current_dataset"].name == name
    return app


# ------------------------------------------------- Forecast page: events follow their dataset


def test_events_ticked_for_one_dataset_do_not_apply_to_the_next_one_opened(picco_home):
    # A campaign and an exclusion ticked on the sample's Forecast page stayed ticked when
    # another desk's dataset was opened, on that dataset's default dates (the ones picked were
    # dropped): its forecast was raised by 30% on days 8 to 14 ahead nobody had chosen.
    app = upload(open_app(horizon_days=14), ("calls.csv", small_export()))
    app = go(app, "forecast")
    assert_clean(app)
    plain = number(metric(app, "Forecast contacts"))
    assert plain > 0

    app = go(load(app, SAMPLE), "forecast")
    app.checkbox(key="campaign_enabled").check()
    app.checkbox(key="exclude_enabled").check().run()
    assert_clean(app)

    app = go(load(app, "calls"), "forecast")
    assert_clean(app)
    assert app.checkbox(key="campaign_enabled").value is False
    assert app.checkbox(key="exclude_enabled").value is False
    assert number(metric(app, "Forecast contacts")) == plain
    assert not app.warning

    # Ticked for this dataset, the campaign raises its days again (the default week ahead).
    app.checkbox(key="campaign_enabled").check().run()
    assert number(metric(app, "Forecast contacts")) > plain


# ------------------------------------------------- Scenarios page: changes beyond the forecast


def test_a_change_reaching_beyond_the_forecast_says_which_of_its_days_are_changed(
    picco_home,
    offered,  # noqa: F811
):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Busy week")
    plans = offered["scenario_plans"]
    day = plans["interval_start"].dt.normalize()
    first_day, last_day = day.min(), day.max()
    start, end = last_day - pd.Timedelta(days=2), last_day + pd.Timedelta(days=4)
    edit_table(
        app,
        {1: {"volume_change_pct": 30.0, "change_from": f"{start:%Y-%m-%d}",
             "change_to": f"{end:%Y-%m-%d}"}},
    )  # fmt: skip
    assert not app.exception
    # Only the forecast's last three days carry the +30%; the page had said nothing of it.
    plans = offered["scenario_plans"]
    base, busy = (plans[plans["scenario"] == name] for name in ("Baseline", "Busy week"))
    inside = (base["interval_start"].dt.normalize() >= start).to_numpy()
    assert inside.any() and not inside.all()
    np.testing.assert_allclose(
        busy["volume"].sum(), base["volume"].sum() + 0.3 * base["volume"].to_numpy()[inside].sum()
    )
    assert texts(app, "warning") == [
        f"Scenario 'Busy week' changes volume and handle time from {start:%a} {start.day} {start:%b %Y} to "
        f"{end:%a} {end.day} {end:%b %Y}, beyond the forecast ({first_day:%a} {first_day.day} {first_day:%b %Y} to "
        f"{last_day:%a} {last_day.day} {last_day:%b %Y}): only its days inside it, {start:%a} {start.day} {start:%b} to "
        f"{last_day:%a} {last_day.day} {last_day:%b %Y}, are changed, and the figures below count those alone. "
        "Lengthen the forecast's horizon on the Forecast page to staff the whole change."
    ]

    # A change wholly inside the forecast: nothing to say.
    edit_table(app, {1: {"change_to": f"{last_day:%Y-%m-%d}"}})
    assert_clean(app)
    assert not app.warning


def test_a_change_on_days_the_queue_is_closed_says_it_staffs_the_forecast_unchanged(
    picco_home,
    offered,  # noqa: F811
):
    app = go(open_app(), "scenarios")
    save_scenarios(app, "Baseline", "Sunday rush")
    plans = offered["scenario_plans"]
    plan = plans[plans["scenario"] == "Baseline"]
    open_days = plan.groupby(plan["interval_start"].dt.normalize())["is_open"].any()
    closed = open_days[~open_days].index
    assert len(closed) > 0  # the sample's phone queue is closed on Sundays
    sunday = closed[0]
    edit_table(
        app,
        {1: {"volume_change_pct": 50.0, "change_from": f"{sunday:%Y-%m-%d}",
             "change_to": f"{sunday:%Y-%m-%d}"}},
    )  # fmt: skip
    assert not app.exception
    plans = offered["scenario_plans"]
    base, rush = (plans[plans["scenario"] == name] for name in ("Baseline", "Sunday rush"))
    # No contact and no agent more: the +50% applies to nothing, which the page now says.
    assert rush["volume"].sum() == base["volume"].sum()
    assert rush["rostered"].sum() == base["rostered"].sum()
    assert texts(app, "warning") == [
        f"Scenario 'Sunday rush' changes volume and handle time from {sunday:%a} {sunday.day} {sunday:%b %Y} to "
        f"{sunday:%a} {sunday.day} {sunday:%b %Y}: the forecast has no open interval on those days, so it staffs "
        "the forecast unchanged. Change its From and To to days the queue is open."
    ]


# ------------------------------------------------- Staffing page: paid hours name their days


def test_the_paid_hours_say_they_add_up_over_the_horizon(picco_home, offered):  # noqa: F811
    # "Paid hours" stood beside "Cost, 14 days" and the FTE (a weekly figure) without its span.
    app = go(open_app(horizon_days=14), "staffing")
    assert_clean(app)
    plan = offered["staffing_plan_phone"]
    hours = plan["paid_hours"].sum()
    supervisors = plan["supervisors"].sum() * 0.25  # 15-minute intervals
    assert number(metric(app, "Paid hours")) == round(hours)
    assert "Cost, 14 days" in [item.label for item in app.metric]
    (told,) = [item.proto.help for item in app.metric if item.label == "Paid hours"]
    assert told == (
        f"Over the 14 days of the horizon: agents {hours - supervisors:,.0f} h + supervisors "
        f"{supervisors:,.0f} h."
    )
