"""Round twenty of a manager's probe: a handle time nobody measured, the weekly pattern to roster
from, and e-mail outside its working hours, driven headless with AppTest."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from test_app_pages import assert_clean, contact_records, go, metric, open_app, table
from test_app_probe_round_sixteen import TWO_QUEUES, two_queue_export, upload
from test_app_round_two import offered  # noqa: F401  (the fixture)

from staffing.plan import StaffingSettings, limit_summary, plan_staffing
from staffing.weekly import weekly_pattern

STAND_IN = "is a stand-in, not a measured figure"

# ------------------------------------------------- Staffing and Shifts: the 300 s stand-in


def test_a_queue_without_handle_times_says_its_300_s_is_a_stand_in(picco_home):
    billing, sales = TWO_QUEUES
    app = upload(open_app(), "two.csv", two_queue_export())  # counts only, no handle time
    go(app, "staffing")
    assert not app.exception
    assert app.session_state["queue"] == billing
    assert app.number_input(key="aht_seconds").value == 300
    # Before: only the input's tooltip said so; the All queues caption even claimed each
    # queue's handle time came "from the data".
    assert [item.value for item in app.warning] == [
        f"The data holds no handle times for '{billing}': the 300 s above {STAND_IN}, and "
        "every agent, hour and cost below rests on it. Type the queue's average handle time "
        "(talk, hold and after-call work).",
        # The queue on screen, warned of above, is not listed again (round twenty-eight).
        f"No handle times in the data for '{sales}': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue above and type its average handle time.",
    ]
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [300, 300]

    # A typed handle time is the manager's own: only the other queue is still a stand-in.
    app.number_input(key="aht_seconds").set_value(240).run()
    assert [item.value for item in app.warning] == [
        f"No handle times in the data for '{sales}': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue above and type its average handle time."
    ]
    overview, _ = table(app, "queue", "aht_seconds", "fte")
    assert overview["aht_seconds"].tolist() == [240, 300]

    # The Shifts page covers people sized on it, so it says so too.
    go(app, "shifts")
    assert not app.exception
    assert [item.value for item in app.warning] == []  # Billing EN, typed: nothing to say
    app.radio(key="shift_cover").set_value("all queues").run()
    assert [item.value for item in app.warning] == [
        f"No handle times in the data for '{sales}': it is staffed at a 300-s stand-in, not a "
        "measured figure. Pick the queue on the Staffing page and type its average handle time."
    ]


def test_the_shifts_page_explains_an_impossible_staffing_setting_in_its_units(picco_home):
    app = go(open_app(), "staffing")
    app.number_input(key="aht_seconds").set_value(0).run()
    assert [item.value for item in app.error] == [
        "These settings cannot be staffed: Average handle time must be more than 0 seconds "
        "(you entered 0 s)."
    ]
    go(app, "shifts")
    assert not app.exception
    # Before: "phone: the Staffing page's settings cannot staff it: AHT seconds must be greater
    # than 0, got 0.0", the package's check in its own words.
    assert [item.value for item in app.error] == [
        "No people to cover: the Staffing page's settings cannot be staffed. Average handle "
        "time must be more than 0 seconds (you entered 0 s). Change them on the Staffing page."
    ]
    assert not app.metric


def test_the_sample_with_measured_handle_times_warns_of_no_stand_in(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert app.number_input(key="aht_seconds").value == 307  # the phone queue's own
    assert not [item for item in app.warning if STAND_IN in item.value]


# ------------------------------------------------- Staffing: the weekly pattern, downloadable


def test_the_weekly_pattern_the_heat_map_draws_can_be_downloaded(picco_home, offered):  # noqa: F811
    # Two Mondays, the second with a +30% campaign: a cell is the busier week's, not the mean.
    app = go(open_app(horizon_days=14), "forecast")
    app.checkbox(key="campaign_enabled").check().run()
    app.date_input(key="campaign_dates").set_value((date(2026, 11, 30), date(2026, 11, 30))).run()
    go(app, "staffing")
    assert_clean(app)
    keys = {button.key for button in app.get("download_button")}
    # Before: the weekday × time-of-day grid was a chart only, to be copied off the screen.
    assert {"download_weekly_pattern_csv", "download_weekly_pattern_xlsx"} <= keys
    pattern = offered["staffing_weekly_pattern_phone"]
    assert list(pattern.columns) == ["time_of_day", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert len(pattern) == 96 and pattern["time_of_day"].iloc[[0, 43]].tolist() == [
        "00:00",
        "10:45",
    ]
    plan = offered["staffing_plan_phone"]
    starts = pd.to_datetime(plan["interval_start"])
    mondays_1045 = plan.loc[(starts.dt.day_of_week == 0) & (starts.dt.strftime("%H:%M") == "10:45")]
    quiet, busy = mondays_1045["rostered"]
    assert busy > quiet  # Mon 30 Nov, the campaign day
    # Each cell is the busier of the horizon's weeks, as the page's caption says.
    assert pattern.set_index("time_of_day").loc["10:45", "Mon"] == mondays_1045["rostered"].max()
    assert pattern.drop(columns="time_of_day").to_numpy().max() == float(
        metric(app, "Peak people rostered")
    )
    assert pattern.loc[pattern["time_of_day"] == "03:00", "Sun"].item() == 0  # closed


def test_the_weekly_pattern_adds_queues_and_keeps_the_busier_week():
    starts = pd.to_datetime(["2026-11-23 09:00", "2026-11-23 09:00", "2026-11-30 09:00"])
    plan = pd.DataFrame(
        {"interval_start": starts, "queue": ["a", "b", "a"], "rostered": [2.0, 1.0, 5.0]}
    )
    pattern = weekly_pattern(plan)
    # Mon 09:00: 2 + 1 = 3 people in the first week, 5 in the second.
    assert pattern.most.loc[0, "09:00"] == 5 and pattern.mean.loc[0, "09:00"] == 4
    grid = pattern.table()
    assert grid.to_dict("records") == [
        {
            "time_of_day": "09:00",
            "Mon": 5.0,
            "Tue": 0.0,
            "Wed": 0.0,
            "Thu": 0.0,
            "Fri": 0.0,
            "Sat": 0.0,
            "Sun": 0.0,
        }  # fmt: skip
    ]


# ------------------------------------------------- E-mail: open for mail, not worked


def test_email_outside_its_working_hours_is_not_called_closed(picco_home, offered):  # noqa: F811
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("email").run()
    assert_clean(app)
    assert app.select_slider(key="email_hours").value == (8.0, 18.0)
    plan = offered["staffing_plan_email"].set_index("interval_start")
    # Mon 23 Nov 00:45: the mailbox is open and an e-mail is expected; it waits for 08:00.
    night = plan.loc[pd.Timestamp("2026-11-23 00:45")]
    assert (bool(night["is_open"]), night["volume"], night["agents"]) == (True, 1.0, 0)
    # Before: "closed", beside the Open tick, as though the mailbox took no mail at night.
    assert night["limit"] == "outside e-mail hours"
    worked = plan.loc[pd.Timestamp("2026-11-23 09:00")]
    assert worked["limit"] == "response window" and worked["agents"] > 0
    assert plan["limit"].value_counts().to_dict() == {
        "outside e-mail hours": 7 * 96 - 7 * 40,
        "response window": 7 * 40,
    }
    # The share of limits still counts only the hours mail is worked.
    assert any(
        item.value.startswith("In all 280 worked intervals the agents are set by the response")
        for item in app.caption
    )


def test_a_plan_names_email_hours_apart_from_closed_intervals():
    starts = pd.date_range("2026-01-05 00:00", periods=96, freq="15min")  # a Monday
    frame = pd.DataFrame(
        {"interval_start": starts, "queue": "mail", "volume": 4.0, "is_open": starts.hour < 20}
    )
    settings = StaffingSettings(
        aht_seconds=225, queue_channels={"mail": "email"}, email_hours=(8.0, 18.0)
    )
    plan = plan_staffing(frame, 15, settings)
    by_hour = plan.groupby(plan.interval_start.dt.hour)["limit"].agg(set)
    assert by_hour[7] == {"outside e-mail hours"}  # mail comes, nobody works it yet
    assert by_hour[9] == {"response window"}
    assert by_hour[19] == {"outside e-mail hours"}
    assert by_hour[21] == {"closed"}  # the queue itself is shut
    summary = limit_summary(plan, 15, settings)
    assert summary.open_intervals == 40  # 08:00-18:00: the hours mail is worked


# ------------------------------------------------- Staffing: FTE on the contract's own week


def test_fte_counts_in_the_full_time_week_the_manager_types(picco_home):
    app = go(open_app(), "staffing")
    assert_clean(app)
    assert app.number_input(key="weekly_hours").value == 38
    paid = float(metric(app, "Paid hours").replace(",", ""))  # 1,678 h over the 7 days
    assert metric(app, "FTE") == f"{paid / 38:.1f}" == "44.2"
    # Before: 38 hours were fixed, so a desk on 40-hour contracts read 5% too many FTE.
    app.number_input(key="weekly_hours").set_value(40).run()
    assert_clean(app)
    assert metric(app, "FTE") == "42.0"  # 1,678 h / 40 h
    (fte_help,) = [item.help for item in app.metric if item.label == "FTE"]
    assert fte_help == "Agents 38.1 + supervisors 3.9 on 40-hour weeks."
    overview, _ = table(app, "queue", "fte")
    # Shown to one decimal, rounded so the queues add up to the All queues line.
    assert overview.set_index("queue")["fte"].to_dict() == pytest.approx(
        {
            "chat": 23.750000 * 38 / 40,
            # e-mail's 24-hour window counts working hours (08:00-18:00): 2.4 working days
            "email": 25.171053 * 38 / 40,
            "phone": 44.157895 * 38 / 40,
        },
        abs=0.1,
    )
    # Saved with a scenario, and kept for the next session.
    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    comparison = [item.value for item in app.table if "Current settings" in item.value][0]
    assert comparison.loc["FTE", "Current settings"] == "42.0"
    reopened = go(open_app(), "staffing")
    assert reopened.number_input(key="weekly_hours").value == 40
    assert metric(reopened, "FTE") == "42.0"


# ------------------------------------------------- Staffing: the supervisors' usual range


def test_the_supervisors_range_reads_as_one_figure_when_both_ends_agree(picco_home):
    app = go(open_app(), "staffing")
    (sample_help,) = [item.help for item in app.metric if item.label == "Peak supervisors"]
    # The peaks at 1 per 15 and 1 per 8: a range of two figures, said as one. (Read where the 5
    # supervisors first peak, a quieter interval than the rostered peak, it was 4 and 7.)
    assert sample_help == "Between 4 (1 per 15 people rostered) and 8 (1 per 8)."
    go(upload(go(app, "data"), "calls.csv", contact_records()), "staffing")
    assert metric(app, "Peak people rostered") == "5"
    (small_help,) = [item.help for item in app.metric if item.label == "Peak supervisors"]
    # Before: "Between 1 (1 per 15 people rostered) and 1 (1 per 8)."
    assert small_help == "1 at any usual span, from 1 per 8 to 1 per 15 people rostered."
