"""Round twenty-one of a manager's probe: day totals that add up to the horizon's total, and a
part-time cap that changes nothing, driven headless with AppTest."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
from test_app_pages import assert_clean, go, metric, open_app, table

from data.export import whole_numbers_keeping_total
from planning.compare import ShiftFigures, idle_part_time_caps
from planning.scenario import Scenario, settings_changed_since

# ------------------------------------------------- Forecast and Staffing: days add up


def test_the_days_add_up_to_the_forecast_total_on_both_pages(picco_home):
    # Two weeks with a +30% campaign on Mon 30 Nov and Tue 1 Dec: 2,875.6 and 2,689.7
    # contacts, whose halves and tenths no longer cancel out over the horizon.
    app = go(open_app(horizon_days=14), "forecast")
    app.checkbox(key="campaign_enabled").check().run()
    app.date_input(key="campaign_dates").set_value((date(2026, 11, 30), date(2026, 12, 1))).run()
    assert_clean(app)
    assert metric(app, "Forecast contacts") == "19,988"
    days, _ = table(app, "date", "forecast_contacts")
    # Before: each day rounded on its own, 19,989 in the table under a total of 19,988.
    assert days["forecast_contacts"].sum() == 19_988
    busiest = days.loc[days["forecast_contacts"].idxmax()]
    assert str(busiest["date"])[:10] == "2026-11-30"
    # The Busiest day metric says the table's figure, not a third rounding of its own.
    (busiest_help,) = [item.help for item in app.metric if item.label == "Busiest day"]
    assert busiest_help == f"{busiest['forecast_contacts']:,} contacts forecast."

    go(app, "staffing")
    assert_clean(app)
    daily, _ = table(app, "date", "contacts", "peak_agents")
    assert daily["contacts"].sum() == 19_988
    by_day = daily.set_index(daily["date"].astype(str).str[:10])["contacts"]
    shown = days.set_index(days["date"].astype(str).str[:10])["forecast_contacts"]
    assert by_day[shown.index].tolist() == shown.tolist()  # the same day, the same figure
    assert by_day["2026-11-29"] == 0  # Sunday, closed

    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    comparison = [item.value for item in app.table if "Current settings" in item.value][0]
    assert comparison.loc["Contacts expected over 14 days", "Current settings"] == "19,988"


def test_whole_numbers_keep_their_total_and_round_the_rest_as_usual():
    days = pd.Series([2875.6, 2689.7, 1558.2, 0.0, 0.4], index=[3, 4, 5, 6, 7], name="contacts")
    whole = whole_numbers_keeping_total(days)
    assert whole.sum() == round(days.sum()) == 7124
    # 0.7 and 0.6 are the largest remainders: they round up; 0.4 and 0.2 down.
    assert whole.tolist() == [2876, 2690, 1558, 0, 0]
    assert whole.index.tolist() == [3, 4, 5, 6, 7] and whole.name == "contacts"
    # Three thirds make one: one of them carries it, the first of equals.
    assert whole_numbers_keeping_total(pd.Series([1 / 3] * 3)).tolist() == [1, 0, 0]
    assert whole_numbers_keeping_total(pd.Series([], dtype=float)).tolist() == []


# ------------------------------------------------- Scenarios: a raised cap that changes nothing

IDLE_CAP = (
    "'Part time 4 h up to 50%' plans 21.2% part time under its 50% cap, less than the 30% of "
    "'Current settings' allows: the fewest paid hours use no more part time than that, so the "
    "higher cap changes nothing here. The Shifts page's table of other caps shows where a cap "
    "starts to count."
)


def test_a_raised_part_time_cap_that_plans_the_same_shifts_says_why(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    comparison = [item.value for item in app.table if "Current settings" in item.value][0]
    raised = "Part time 4 h up to 50%"
    # The sample's phone plan uses 21.2% part time: under 30%, so 50% plans the same shifts.
    assert comparison.loc["Part time on shifts (%)", [raised, "Current settings"]].tolist() == [
        "21.2",
        "21.2",
    ]
    row = "Shift cost over 7 days (EUR)"  # no change said beside the figure
    assert comparison.loc[row, raised] == comparison.loc[row, "Current settings"]
    # Before: a row of zeros, the "more part time" example looking broken, nothing said.
    assert IDLE_CAP in [item.value for item in app.info]


def test_a_raised_part_time_cap_that_plans_more_part_time_is_not_called_idle(picco_home):
    # E-mail's plan is held by its 30% cap (29.9%): there 50% plans more part time, unsaid.
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("email").run()
    go(app, "scenarios").button(key="save_example_scenarios").click().run()
    assert_clean(app)
    raised = "Part time 4 h up to 50%"
    comparison = [item.value for item in app.table if "Current settings" in item.value][0]
    assert comparison.loc["Part time on shifts (%)", [raised, "Current settings"]].tolist() == [
        "33.3 (+3.4 pp ▲)",
        "29.9",
    ]
    assert not [item.value for item in app.info if "changes nothing" in item.value]


def test_only_a_raised_cap_the_plan_stays_under_is_called_idle():
    def figures(part_time_share: float) -> ShiftFigures:
        return ShiftFigures(100, 30, 800, 17_600, part_time_share)

    caps = {"base": 0.3, "held": 0.5, "idle": 1.0, "lower": 0.1}
    plans = {
        "base": figures(0.205),
        "held": figures(0.42),  # above the base's 30%: the raise let it plan more
        "idle": figures(0.2),
        "lower": figures(0.1),  # a lower cap is no raise
    }
    assert idle_part_time_caps(plans, caps, "base") == (
        "'idle' plans 20.0% part time under no cap, less than the 30% of 'base' allows: the "
        "fewest paid hours use no more part time than that, so the higher cap changes nothing "
        "here. The Shifts page's table of other caps shows where a cap starts to count."
    )
    # A plan at its cap (29.6% under 30%, the solver's tolerance) is held by it.
    assert idle_part_time_caps({**plans, "idle": figures(0.296)}, caps, "base") is None
    assert idle_part_time_caps(plans, caps, "missing") is None


# ------------------------------------------------- Scenarios: "Current settings" grown stale


def test_current_settings_saved_earlier_say_the_pages_have_moved_on(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert not [item.value for item in app.warning if "Current settings" in item.value]

    go(app, "staffing").number_input(key="shrinkage_pct").set_value(35).run()
    assert metric(app, "FTE") == "47.5"
    go(app, "shifts").number_input(key="shift_part_max_pct").set_value(10).run()
    assert metric(app, "Shift cost, 7 days") == "€ 57,816"
    go(app, "scenarios")
    assert not app.exception
    comparison = [item.value for item in app.table if "Current settings" in item.value][0]
    # The scenario keeps the day it was saved: 44.2 FTE beside the Staffing page's 47.5.
    assert comparison.loc["FTE", "Current settings"] == "44.2"
    assert comparison.loc["Shift cost over 7 days (EUR)", "Current settings"] == "49,368"
    # Before: nothing said so, and "Current settings" read as the pages' own figures.
    assert [item.value for item in app.warning if "Current settings" in item.value] == [
        "'Current settings' holds the settings it was saved with, not those of the Staffing and "
        "Shifts pages now: shrinkage 30% saved, 35% now; part time at most 30% saved, 10% now. "
        "Change its cells in the table above, or save the current settings under a new name, to "
        "compare what the pages plan now."
    ]
    # Saved again under a new name, the pages' figures are in the comparison.
    app.text_input(key="new_scenario_name").input("Now")
    app.button(key="save_scenario").click().run()
    app.multiselect(key="compare_names").set_value(["Current settings", "Now"]).run()
    comparison = [item.value for item in app.dataframe if "Now" in item.value][0]
    assert comparison.loc["FTE", "Now"] == "47.5"
    assert comparison.loc["Shift cost over 7 days (EUR)", "Now"] == "57,816"


def test_settings_changed_since_a_scenario_was_saved_read_as_the_pages_say_them():
    saved = Scenario("Current settings")
    mail = dataclasses.replace(saved, staffing=dataclasses.replace(saved.staffing, channel="email"))
    mail_now = dataclasses.replace(
        mail, staffing=dataclasses.replace(mail.staffing, email_hours=(8.0, 18.5))
    )
    assert settings_changed_since(mail, mail_now) == [
        "e-mail hours 00:00–24:00 saved, 08:00–18:30 now"
    ]
    now = dataclasses.replace(
        saved,
        quantile="p80",
        staffing=dataclasses.replace(saved.staffing, shrinkage=0.35, email_hours=(8.0, 18.5)),
        shifts=dataclasses.replace(saved.shifts, earliest_start=7.5),
    )
    # The e-mail hours staff no voice queue: changed, they change nothing here.
    assert settings_changed_since(saved, now) == [
        "staffed to the mean forecast saved, the P80 forecast now",
        "shrinkage 30% saved, 35% now",
        "first shift start 00:00 saved, 07:30 now",
    ]
    assert settings_changed_since(saved, dataclasses.replace(saved, name="Other")) == []
