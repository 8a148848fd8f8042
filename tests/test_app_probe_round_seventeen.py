"""Round seventeen of a manager's probe of the pages, driven headless with AppTest."""

from __future__ import annotations

from datetime import date

from test_app_pages import assert_clean, go, metric, open_app
from test_app_round_two import edit_table


def captions(app) -> list[str]:
    return [item.value for item in app.caption]


def infos(app) -> list[str]:
    return [item.value for item in app.info]


def compare_examples(app):
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    return app


# ------------------------------------------------- A one-day horizon reads "1 day"


def test_a_one_day_horizon_reads_one_day_not_one_days(picco_home):
    app = go(open_app(horizon_days=1), "staffing")
    assert_clean(app)
    # Before: "forecast of the next 1 days" and "Cost, 1 days" on every page after the Forecast.
    assert any("forecast of the next 1 day (change it" in text for text in captions(app))
    assert metric(app, "Cost, 1 day").startswith("€")
    assert not [text for text in captions(app) if "1 days" in text]

    go(app, "shifts")
    assert_clean(app)
    assert any("over the next 1 day, covered by whole shifts" in text for text in captions(app))
    assert metric(app, "Shift cost, 1 day").startswith("€")

    go(app, "scenarios")
    assert any("forecast of the next 1 day (change it" in text for text in captions(app))
    assert not [text for text in captions(app) if "1 days" in text]


# ------------------------------------------------- A campaign outside the forecast: said once


def test_a_campaign_after_the_forecast_is_said_once(picco_home):
    app = go(open_app(), "forecast")  # 7 days: Mon 23 Nov to Sun 29 Nov 2026
    app.checkbox(key="campaign_enabled").check()
    app.date_input(key="campaign_dates").set_value((date(2026, 12, 7), date(2026, 12, 9)))
    app.number_input(key="campaign_uplift_pct").set_value(50.0).run()
    assert_clean(app)
    (warning,) = [item.value for item in app.warning]
    assert warning.startswith("The planned campaign (Mon 7 Dec – Wed 9 Dec 2026) lies outside")
    # Before: also an info box "The campaign 'Planned campaign' (+50%) runs ... so it changes
    # no forecast", the same thing said a second time.
    assert not [text for text in infos(app) if "Planned campaign" in text]


def test_a_campaign_before_the_forecast_is_not_told_to_lengthen_the_horizon(picco_home):
    app = go(open_app(), "forecast")
    app.checkbox(key="campaign_enabled").check()
    app.date_input(key="campaign_dates").set_value((date(2026, 11, 16), date(2026, 11, 18)))
    app.number_input(key="campaign_uplift_pct").set_value(50.0).run()
    assert_clean(app)
    # Before: "lies outside this forecast ... lengthen the horizon", which never reaches back.
    assert [item.value for item in app.warning] == [
        "The planned campaign (Mon 16 Nov – Wed 18 Nov 2026) lies before this forecast (Mon 23 "
        "Nov – Sun 29 Nov 2026): it raises nothing. A campaign raises forecast days only: to "
        "keep its contacts out of what the forecast learns from, exclude its days as an unusual "
        "past period instead."
    ]
    assert not [text for text in infos(app) if "Planned campaign" in text]


# ------------------------------------------------- Scenarios table: a name taken


def test_a_row_renamed_to_a_taken_name_is_not_called_other_changes(picco_home):
    app = compare_examples(go(open_app(), "scenarios"))
    edit_table(app, {1: {"name": "Staffed to P80"}})
    assert not app.exception
    assert [item.value for item in app.error] == [
        "Not saved: a scenario named 'Staffed to P80' exists: give row 2 another name."
    ]
    # Before: "The table's other changes are not saved either", where the table had none.
    assert not [text for text in infos(app) if "other changes" in text]

    # A real other change still gets the warning that it waits too.
    edit_table(app, {1: {"name": "Staffed to P80"}, 2: {"volume_change_pct": 5.0}})
    assert any("The table's other changes are not saved either" in text for text in infos(app))


# ------------------------------------------------- Shifts: a part-time shift as long as full time


def test_a_part_time_shift_as_long_as_full_time_is_not_called_unset(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_part_hours").set_value(8.0).run()
    assert_clean(app)
    said = captions(app)
    # Before: "Set a part-time shift length above", with 8 h set in that very field.
    assert not [text for text in said if text.startswith("Set a part-time shift length")]
    assert (
        "The part-time shift is as long as the full-time one (8 h), so no cap on part time "
        "changes the plan: set a shorter part-time shift above to see what other part-time "
        "shares would pay."
    ) in said


# ------------------------------------------------- Scenarios: new rows while Staffing is invalid


def test_new_rows_say_whose_settings_they_take_when_the_staffing_page_cannot_staff(picco_home):
    app = compare_examples(go(open_app(), "scenarios"))
    go(app, "staffing")
    app.number_input(key="sl_target_pct").set_value(100.0).run()
    go(app, "scenarios")
    assert not app.exception
    # Before: nothing said, and a row added took 'Current settings' (80% in 20 s) silently,
    # under a caption promising the current staffing settings.
    assert [item.value for item in app.warning] == [
        "The Staffing page holds settings that cannot be staffed: A service level of 100% can "
        "never be guaranteed when contacts arrive at random (you entered 100%): enter at most "
        "99%. Rows added below start from scenario 'Current settings' instead, until they are "
        "corrected there."
    ]
