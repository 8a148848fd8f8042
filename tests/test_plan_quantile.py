"""Staffing to a forecast quantile: agents sized on the quantile, service judged on the mean.

Also the app's defaults and wording around it: a default campaign that shows as a peak, a
confirmation before a scenario is deleted, e-mail hours read as a clock, and channel words.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from browser_support import (
    app_exceptions,
    choose,
    click_button,
    main_text,
    open_expander,
    open_page,
    screenshot,
    type_text,
    wait_for_rerun,
)
from test_app_pages import assert_clean, go, metric, number, open_app, small_export, table

from app_ui import settings as app_settings
from data.store import Store
from planning import SIZED_FOR_VOLUME, Scenario, build_plan, scenario_demand
from staffing.plan import StaffingSettings, plan_staffing
from staffing.queueing import queue_metrics

QUARTER_HOUR = 15
SAMPLE = "Sample service desk"


def one_open_interval(mean: float, p80: float, queue: str = "phone") -> pd.DataFrame:
    """A forecast of one open quarter hour (mean and P80 given) and one closed one."""
    return pd.DataFrame(
        {
            "interval_start": pd.to_datetime(["2026-03-02 10:00", "2026-03-02 22:00"]),
            "queue": queue,
            "forecast": [mean, 0.0],
            "p10": [mean * 0.8, 0.0],
            "p50": [mean, 0.0],
            "p80": [p80, 0.0],
            "p90": [p80 * 1.1, 0.0],
            "is_open": [True, False],
        }
    )


def erlang_c_service_level(load: float, agents: int, aht: float, within: float) -> float:
    """Reference: 1 - C(A, N) e^(-(N - A) t / AHT), with C from the Erlang B recursion."""
    blocking = 1.0
    for servers in range(1, agents + 1):
        blocking = load * blocking / (servers + load * blocking)
    waits = agents * blocking / (agents - load * (1 - blocking))
    return 1 - waits * math.exp(-(agents - load) * within / aht)


def plans(frame: pd.DataFrame, staffing: StaffingSettings, minutes: int = QUARTER_HOUR):
    return {
        quantile: build_plan(
            frame, minutes, Scenario(quantile, quantile=quantile, staffing=staffing)
        )
        for quantile in ("mean", "p80")
    }


# 1. Agents sized on the quantile, service, waits and occupancy on the mean forecast.


def test_p80_voice_agents_buy_a_higher_service_level_and_lower_occupancy_on_the_mean():
    # 30 calls of 300 s a quarter hour = 10 Erlangs expected; the P80 of 45 calls = 15 Erlangs.
    # At 80% within 20 s, Erlang C needs 14 agents for 10 Erlangs and 19 for 15.
    frame = one_open_interval(mean=30.0, p80=45.0)
    outcome = plans(frame, StaffingSettings(aht_seconds=300.0))
    mean, p80 = outcome["mean"].plan.iloc[0], outcome["p80"].plan.iloc[0]
    assert (mean["agents"], p80["agents"]) == (14, 19)
    assert (p80["volume"], p80[SIZED_FOR_VOLUME]) == (30.0, 45.0)
    assert (mean["volume"], mean[SIZED_FOR_VOLUME]) == (30.0, 30.0)
    # 19 agents on the 10 Erlangs expected: busy 10/19 of the time, not 15/19 (78.9%).
    assert p80["occupancy"] == pytest.approx(10 / 19)  # 52.6%
    assert mean["occupancy"] == pytest.approx(10 / 14)  # 71.4%
    expected = erlang_c_service_level(10.0, 19, 300.0, 20.0)
    assert expected == pytest.approx(0.9957, abs=1e-4)  # not the 81.3% 19 agents give at P80
    assert p80["service_level"] == pytest.approx(expected)
    assert mean["service_level"] == pytest.approx(erlang_c_service_level(10.0, 14, 300.0, 20.0))
    assert mean["service_level"] == pytest.approx(0.8666, abs=1e-4)
    summary_mean, summary_p80 = outcome["mean"].summary, outcome["p80"].summary
    assert summary_p80.service_level == pytest.approx(0.9957, abs=1e-4)
    assert summary_p80.occupancy == pytest.approx(10 / 19)
    assert summary_p80.asa_seconds < summary_mean.asa_seconds
    assert (summary_p80.peak_agents, summary_mean.peak_agents) == (19, 14)
    assert summary_p80.cost_horizon > summary_mean.cost_horizon  # the buffer is paid for
    # The closed interval: nobody, nothing expected.
    assert outcome["p80"].plan.iloc[1][["agents", "volume", SIZED_FOR_VOLUME]].tolist() == [0, 0, 0]


def test_p80_abandonment_is_what_its_agents_leave_on_the_mean_forecast():
    frame = one_open_interval(mean=30.0, p80=45.0)
    staffing = StaffingSettings(aht_seconds=300.0, patience_seconds=180.0)
    outcome = plans(frame, staffing)
    p80 = outcome["p80"].plan.iloc[0]
    reference = queue_metrics(
        np.array([30.0]), 300.0, QUARTER_HOUR * 60.0, np.array([p80["agents"]]), 20.0, 180.0
    ).iloc[0]
    assert p80["abandon_rate"] == pytest.approx(reference["abandon_rate"])
    assert p80["service_level"] == pytest.approx(reference["service_level"])
    assert outcome["p80"].summary.abandon_rate < outcome["mean"].summary.abandon_rate


def test_p80_chat_agents_leave_half_their_chat_slots_free_on_the_mean():
    # 240 s chats, two at once, each 25% longer: 300 s a chat, so 30 chats = 10 Erlangs of
    # slots (14 slots = 7 agents) and the P80's 45 = 15 Erlangs (19 slots = 10 agents).
    frame = one_open_interval(mean=30.0, p80=45.0, queue="chat")
    outcome = plans(frame, StaffingSettings(channel="chat", aht_seconds=240.0))
    mean, p80 = outcome["mean"].plan.iloc[0], outcome["p80"].plan.iloc[0]
    assert (mean["agents"], p80["agents"]) == (7, 10)
    assert mean["occupancy"] == pytest.approx(10 / 14)
    assert p80["occupancy"] == pytest.approx(10 / 20)  # 10 Erlangs on 20 slots
    assert p80["service_level"] == pytest.approx(erlang_c_service_level(10.0, 20, 300.0, 20.0))
    assert p80["service_level"] > mean["service_level"]


def test_p80_email_agents_work_off_the_mean_inflow_with_time_to_spare():
    # 20 mails an hour of 360 s each = 2 agent-hours expected; the P80's 30 = 3 agent-hours.
    # A one-hour response window: each hour's mail is answered within that hour.
    starts = pd.date_range("2026-03-02", periods=24, freq="60min")
    frame = pd.DataFrame(
        {"interval_start": starts, "queue": "mail", "forecast": 20.0, "p50": 20.0,
         "p80": 30.0, "p90": 33.0, "is_open": True}
    )  # fmt: skip
    staffing = StaffingSettings(
        channel="email", aht_seconds=360.0, email_response_hours=1.0, email_hours=(0.0, 24.0)
    )
    outcome = plans(frame, staffing, minutes=60)
    mean, p80 = outcome["mean"].plan, outcome["p80"].plan
    assert (mean["agents"] == 2).all() and (p80["agents"] == 3).all()
    assert (p80["volume"] == 20.0).all() and (p80[SIZED_FOR_VOLUME] == 30.0).all()
    # 2 hours of mail on 3 agent-hours, not the 3 on 3 (100%) the P80 volume would give.
    np.testing.assert_allclose(p80["occupancy"], 2 / 3)
    np.testing.assert_allclose(mean["occupancy"], 1.0)
    assert (p80["backlog"] == 0).all() and (p80["service_level"] == 1.0).all()
    assert outcome["p80"].summary.occupancy == pytest.approx(2 / 3)
    assert outcome["p80"].summary.service_level == 1.0


def test_p50_below_the_mean_shows_the_shortfall_instead_of_the_target():
    # The P50's 27 calls (9 Erlangs) need 13 agents; on the 10 Erlangs expected they miss 80%.
    frame = one_open_interval(mean=30.0, p80=45.0).assign(p50=[27.0, 0.0])
    outcome = build_plan(frame, QUARTER_HOUR, Scenario("median", quantile="p50"))
    row = outcome.plan.iloc[0]
    assert row["agents"] == 13
    assert row["service_level"] == pytest.approx(erlang_c_service_level(10.0, 13, 300.0, 20.0))
    assert row["service_level"] < 0.8
    assert row["occupancy"] == pytest.approx(10 / 13)


def test_each_queue_and_interval_keeps_its_own_sized_volume_and_agents():
    # Two queues, rows shuffled, +10% volume: every what-if applies to both volumes.
    starts = pd.date_range("2026-03-02 08:00", periods=8, freq="15min")
    rows = []
    for queue, scale in (("phone", 1.0), ("sales", 2.5)):
        mean = scale * np.arange(10.0, 50.0, 5.0)
        rows.append(
            pd.DataFrame(
                {
                    "interval_start": starts,
                    "queue": queue,
                    "forecast": mean,
                    "p50": mean,
                    "p80": mean * 1.3,
                    "p90": mean * 1.5,
                    "is_open": True,
                }
            )
        )
    frame = pd.concat(rows).sample(frac=1.0, random_state=4).reset_index(drop=True)
    scenario = Scenario("busy", volume_change_pct=10, quantile="p80")
    plan = build_plan(frame, QUARTER_HOUR, scenario).plan.set_index(["queue", "interval_start"])
    truth = frame.set_index(["queue", "interval_start"]).loc[plan.index]
    np.testing.assert_allclose(plan["volume"], truth["forecast"] * 1.1)
    np.testing.assert_allclose(plan[SIZED_FOR_VOLUME], truth["p80"] * 1.1)
    sized = plan_staffing(scenario_demand(frame, scenario), QUARTER_HOUR, scenario.staffing)
    np.testing.assert_array_equal(
        plan["agents"], sized.set_index(["queue", "interval_start"]).loc[plan.index, "agents"]
    )


def test_mean_plan_is_sized_and_judged_on_the_same_volume():
    frame = one_open_interval(mean=30.0, p80=45.0)
    plan = build_plan(frame, QUARTER_HOUR, Scenario("mean")).plan
    assert plan.columns.tolist()[3:5] == ["volume", SIZED_FOR_VOLUME]
    np.testing.assert_array_equal(plan["volume"], plan[SIZED_FOR_VOLUME])
    direct = plan_staffing(frame, QUARTER_HOUR, StaffingSettings())
    pd.testing.assert_frame_equal(plan.drop(columns=SIZED_FOR_VOLUME), direct)


def test_staffing_page_p80_shows_the_service_its_buffer_buys_on_the_expected_contacts(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("phone").run()
    app.number_input(key="sl_target_pct").set_value(90.0).run()
    figures = {}
    for quantile in ("mean", "p80"):
        app.selectbox(key="quantile").set_value(quantile).run()
        assert_clean(app)
        daily, _ = table(app, "date", "contacts")
        plan, columns = table(app, "interval_start", "rostered")
        figures[quantile] = {
            "agents": number(metric(app, "Peak agents")),
            "service": number(metric(app, "Expected service level")),
            "occupancy": number(metric(app, "Expected occupancy")),
            "day_contacts": daily["contacts"].sum(),
            "plan": plan,
            "columns": columns,
        }
    mean, p80 = figures["mean"], figures["p80"]
    assert p80["agents"] > mean["agents"]
    assert p80["service"] > mean["service"] >= 90.0
    assert p80["occupancy"] < mean["occupancy"]
    # The day's contacts are the ones expected, whatever the agents were sized for.
    assert p80["day_contacts"] == mean["day_contacts"]
    np.testing.assert_allclose(p80["plan"]["volume"], mean["plan"]["volume"])
    assert (p80["plan"][SIZED_FOR_VOLUME] >= p80["plan"]["volume"]).all()
    assert p80["plan"][SIZED_FOR_VOLUME].sum() > p80["plan"]["volume"].sum()
    assert p80["columns"][SIZED_FOR_VOLUME]["label"] == "Staffed for (P80)"
    assert any("sized for the P80 forecast" in item.value for item in app.caption)


# 2. The default planned campaign is big enough to show as a peak.


def test_the_default_campaign_rises_above_the_default_peak_threshold():
    defaults = app_settings.FORECAST_DEFAULTS
    assert defaults["campaign_uplift_pct"] == 30.0
    assert defaults["campaign_uplift_pct"] > defaults["peak_threshold_pct"] == 20.0


def test_the_default_campaign_on_regular_weeks_shows_as_one_peak_a_working_day(picco_home):
    # Five identical weeks, so the forecast of a weekday equals the usual such weekday. The
    # default campaign (8 to 14 days after the data, Monday 14 to Sunday 20 April) lifts the
    # forecast by 30%: over the 20% threshold, and the day as a whole far beyond the noise
    # rule's 2 x sqrt(usual), so each working day is one peak from opening to closing (slot by
    # slot only the 08:00-11:30 morning, from 45 usual contacts, would beat it).
    app = open_app(horizon_days=14)
    upload = ("weeks.csv", small_export(days=35, scale=60.0), "text/csv")
    app.file_uploader(key="upload_files").set_value(upload).run()
    app = go(app, "forecast")
    assert_clean(app)
    assert number(metric(app, "Peaks found")) == 0
    app.checkbox(key="campaign_enabled").check().run()
    assert_clean(app)
    assert number(metric(app, "Peaks found")) == 5
    assert app.number_input(key="campaign_uplift_pct").value == 30.0
    listed = [line for item in app.markdown for line in item.value.splitlines()]
    campaign = [line for line in listed if "(Planned campaign)" in line]
    days = ("Mon 14 Apr", "Tue 15 Apr", "Wed 16 Apr", "Thu 17 Apr", "Fri 18 Apr")
    assert sorted(line[2:12] for line in campaign) == sorted(days)
    assert all("08:00–14:45: +30% over a usual" in line for line in campaign), campaign
    assert all("≈ 392 extra contacts" in line for line in campaign), campaign


# 3. A scenario is deleted only after the manager confirms.


def save_scenarios(app, *names: str):
    for name in names:
        app.text_input(key="new_scenario_name").input(name)
        app.button(key="save_scenario").click().run()
    return app


def test_deleting_a_scenario_asks_first_and_cancel_keeps_it(picco_home):
    app = save_scenarios(go(open_app(), "scenarios"), "Baseline", "Busy week")
    app.selectbox(key="scenario_pick").set_value("Busy week")
    app.button(key="scenario_delete").click().run()
    assert_clean(app)
    assert Store().list_scenarios(SAMPLE) == ["Baseline", "Busy week"]  # only asked
    assert any("Delete scenario 'Busy week'?" in item.value for item in app.warning)
    assert app.button(key="scenario_delete_confirm").label == "Yes, delete 'Busy week'"

    app.button(key="scenario_delete_cancel").click().run()
    assert Store().list_scenarios(SAMPLE) == ["Baseline", "Busy week"]
    assert not [item for item in app.button if item.key == "scenario_delete_confirm"]

    # Picking another scenario withdraws the question rather than moving it to that one.
    app.button(key="scenario_delete").click().run()
    app.selectbox(key="scenario_pick").set_value("Baseline").run()
    assert not [item for item in app.button if item.key == "scenario_delete_confirm"]

    app.selectbox(key="scenario_pick").set_value("Busy week")
    app.button(key="scenario_delete").click().run()
    app.button(key="scenario_delete_confirm").click().run()
    assert_clean(app)
    assert Store().list_scenarios(SAMPLE) == ["Baseline"]
    assert any("Deleted scenario 'Busy week'" in item.value for item in app.success)


# 4. Hours read as a clock and the window in hours; words that fit the channel.


def test_clock_text_reads_hours_of_the_day():
    assert [app_settings.clock_text(hour) for hour in (0.0, 8.0, 17.5, 24.0)] == [
        "00:00", "08:00", "17:30", "24:00",
    ]  # fmt: skip


def widget_texts(app) -> str:
    widgets = [*app.number_input, *app.checkbox, *app.selectbox, *app.get("select_slider")]
    return " ".join(f"{item.label} {item.help or ''}" for item in widgets)


def test_email_hours_read_as_a_clock_and_the_window_in_whole_hours(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("email").run()
    assert_clean(app)
    hours = app.select_slider(key="email_hours")
    assert hours.value == (8.0, 18.0)
    # The half hours of the day, shown as a clock: 8.0 is the 17th, 18.0 the 37th.
    assert len(hours.options) == 49
    assert (hours.options[16], hours.options[36]) == ("08:00", "18:00")
    assert (hours.options[0], hours.options[-1]) == ("00:00", "24:00")
    window = app.number_input(key="email_response_hours")
    assert window.value == 24.0
    assert window.proto.format % window.value == "24"  # not "24.00"
    assert "off the phones" not in widget_texts(app)


def test_chat_is_worded_for_chat_customers_not_callers(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    assert_clean(app)
    texts = widget_texts(app)
    for phone_words in ("callers", "hanging up", "hang up", "off the phones"):
        assert phone_words not in texts, phone_words
    assert app.checkbox(key="use_patience").label == "Erlang A: chat customers abandon"
    app.selectbox(key="queue").set_value("phone").run()
    assert app.checkbox(key="use_patience").label == "Erlang A: callers abandon"


# The same in a real browser: a moved or restored range stays a range, the question shows.


@pytest.mark.browser
def test_email_hours_stay_a_clock_range_when_moved_and_after_a_queue_switch(app_page):
    page = app_page
    open_page(page, "Staffing")
    choose(page, "Queue", "email")
    hours = page.locator('[data-testid="stSlider"]').filter(has_text="E-mail worked between")
    assert hours.locator('[data-testid="stSliderThumbValue"]').all_inner_texts() == [
        "08:00", "18:00",
    ]  # fmt: skip
    assert page.get_by_label("E-mails answered within (hours)", exact=True).input_value() == "24"
    hours.locator('input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")  # one half hour later
    wait_for_rerun(page)
    choose(page, "Queue", "phone")
    choose(page, "Queue", "email")
    assert not app_exceptions(page)
    assert hours.locator('[data-testid="stSliderThumbValue"]').all_inner_texts() == [
        "08:30", "18:00",
    ]  # fmt: skip


@pytest.mark.browser
def test_a_scenario_is_deleted_in_a_real_browser_only_after_confirming(app_page):
    page = app_page
    open_page(page, "Scenarios")
    for name in ("Baseline", "Busy week"):
        type_text(page, "Scenario name", name)
        click_button(page, "Save as scenario")
    open_expander(page, "Duplicate, rename or delete a scenario")
    click_button(page, "Delete…")
    # The message of the last save is gone and everything below it moves up: the expander,
    # keyed, stays open with the question in it.
    assert "Delete scenario 'Baseline'?" in main_text(page)
    screenshot(page, "scenario-delete-question")
    click_button(page, "Yes, delete 'Baseline'")
    assert "Deleted scenario 'Baseline'." in main_text(page)
    assert not app_exceptions(page)


@pytest.mark.browser
def test_enter_in_the_scenario_name_saves_it_in_a_real_browser(app_page):
    page = app_page
    open_page(page, "Scenarios")
    page.get_by_label("Scenario name", exact=True).fill("Typed and entered")
    page.get_by_label("Scenario name", exact=True).press("Enter")
    wait_for_rerun(page)
    assert "Saved scenario 'Typed and entered'." in main_text(page)
    assert not app_exceptions(page)
