"""The settings last used come back in a new session (a reload, the next day), checked first."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_app_pages import APP, FAST_MODEL, assert_clean, go, open_app, table
from test_stale_dataset import SAMPLE, with_week_open

from app_ui import preferences, settings
from data.store import Store


def new_session(page: str) -> AppTest:
    """A browser opening the app again: a fresh session on the same store, with the fast model
    (so the horizon and the other settings come from the store)."""
    app = AppTest.from_file(APP, default_timeout=300)
    app.session_state["forecast_model"] = FAST_MODEL
    return go(app.run(), page)


def test_targets_costs_and_horizon_come_back_in_a_new_session(picco_home):
    app = go(open_app(), "staffing")
    app.number_input(key="sl_target_pct").set_value(90.0).run()
    app.number_input(key="answer_within_s").set_value(30.0).run()
    app.number_input(key="agent_cost").set_value(25.5).run()
    app.slider(key="supervisor_span").set_value(10).run()
    go(app, "forecast").number_input(key="horizon_days").set_value(9).run()
    assert_clean(app)

    again = new_session("staffing")
    assert_clean(again)
    assert again.number_input(key="sl_target_pct").value == 90.0
    assert again.number_input(key="answer_within_s").value == 30.0
    assert again.number_input(key="agent_cost").value == 25.5
    assert again.slider(key="supervisor_span").value == 10
    assert "next 9 days" in " ".join(item.value for item in again.caption)
    # Untouched settings keep their defaults; what comes from the data is not kept.
    assert (
        again.number_input(key="shrinkage_pct").value == settings.STAFFING_DEFAULTS["shrinkage_pct"]
    )
    assert "aht_seconds" not in Store().load_preferences()


def test_shift_lengths_cap_and_start_hours_come_back_in_a_new_session(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_full_hours").set_value(7.5).run()
    app.number_input(key="shift_part_max_pct").set_value(20.0).run()
    app.selectbox(key="shift_earliest_start").set_value(6.0)
    app.selectbox(key="shift_latest_start").set_value(14.0).run()
    assert_clean(app)

    again = new_session("shifts")
    assert_clean(again)
    assert again.number_input(key="shift_full_hours").value == 7.5
    assert again.number_input(key="shift_part_max_pct").value == 20.0
    assert (
        again.selectbox(key="shift_earliest_start").value,
        again.selectbox(key="shift_latest_start").value,
    ) == (6.0, 14.0)
    assert set(again.session_state["shift_starts"]) == {6.0, 14.0}
    assert "Full time 7.5 h" in set(table(again, "shift_start")[0]["shift"])


def test_stored_values_a_widget_cannot_take_are_left_out(picco_home):
    Store().save_preferences(
        {
            "sl_target_pct": "ninety",
            "supervisor_span": 40,
            "horizon_days": 9.0,
            "email_hours": [18.0, 8.0],
            "holiday_country": "FR",
            "holiday_subdivision": "971",  # Guadeloupe: kept with France
            "old_setting": 1,
        }
    )
    again = new_session("staffing")
    assert_clean(again)
    assert again.number_input(key="sl_target_pct").value == 80.0
    assert (
        again.slider(key="supervisor_span").value == settings.STAFFING_DEFAULTS["supervisor_span"]
    )
    assert again.session_state["horizon_days"] == 9 and isinstance(
        again.session_state["horizon_days"], int
    )
    assert again.session_state["email_hours"] == settings.STAFFING_DEFAULTS["email_hours"]
    # France is a calendar the widget takes: read back, it is what the sample's own match (its
    # quiet days are Italy's holidays) replaces, with a note.
    assert again.session_state["holiday_country"] == "IT"
    assert again.session_state[settings.CALENDAR_PICKED][1] == "FR"


@pytest.mark.parametrize(
    ("key", "value", "kept"),
    [
        ("forecast_model", "a_model_since_removed", False),
        ("forecast_model", "poisson_glm", True),
        ("holiday_country", "XX", False),
        ("quantile", "p80", True),
        ("use_patience", 1, False),
        ("chat_concurrency", 11, False),
        ("email_hours", [8.0, 17.5], True),
        ("email_response_hours", 0.1, False),
        ("max_asa_s", -5, False),
        ("peak_threshold_pct", True, False),
        ("shift_starts", [7.0, 7.0], True),
        ("shift_starts", [7.0, 24.0], False),
        ("shift_full_hours", 13, False),
        ("shift_part_max_pct", 120, False),
        ("shifts_per_week", 8, False),
        ("shifts_per_week", 4, True),
    ],
)
def test_each_kept_setting_is_checked_before_it_is_restored(key, value, kept):
    assert preferences.KEPT[key](value) is kept


def test_a_region_is_not_restored_under_another_country(picco_home):
    Store().save_preferences({"holiday_country": "XX", "holiday_subdivision": "971"})
    again = new_session("forecast")
    assert_clean(again)
    assert again.session_state["holiday_country"] == settings.FORECAST_DEFAULTS["holiday_country"]
    assert again.session_state["holiday_subdivision"] == settings.NO_REGION


def test_the_targets_and_costs_go_back_to_their_defaults_and_stay_there(picco_home):
    app = go(open_app(), "staffing")
    aht = app.number_input(key="aht_seconds").value
    app.number_input(key="sl_target_pct").set_value(90.0).run()
    app.number_input(key="agent_cost").set_value(30.0).run()
    app.button(key="staffing_defaults").click().run()
    assert_clean(app)
    assert app.number_input(key="sl_target_pct").value == 80.0
    assert app.number_input(key="agent_cost").value == settings.STAFFING_DEFAULTS["agent_cost"]
    assert app.number_input(key="aht_seconds").value == aht  # from the data, untouched
    assert Store().load_preferences()["sl_target_pct"] == 80.0
    assert new_session("staffing").number_input(key="sl_target_pct").value == 80.0


def test_two_sessions_changing_different_settings_keep_both(picco_home):
    first = go(open_app(), "staffing")
    second = go(open_app(), "staffing")  # another tab, opened before the first one's change
    first.number_input(key="sl_target_pct").set_value(90.0).run()
    second.number_input(key="agent_cost").set_value(27.0).run()
    assert_clean(first)
    assert_clean(second)
    kept = Store().load_preferences()
    assert (kept["sl_target_pct"], kept["agent_cost"]) == (90.0, 27.0)
    again = new_session("staffing")
    assert again.number_input(key="sl_target_pct").value == 90.0
    assert again.number_input(key="agent_cost").value == 27.0


def open_stored(app: AppTest, name: str) -> AppTest:
    """Load the stored dataset `name` on the Data page, then show the Forecast page."""
    go(app, "data").selectbox(key="stored_choice").set_value(name).run()
    app.button(key="stored_load").click().run()
    assert app.header[0].value == f"Current dataset: {name}"
    return go(app, "forecast")


def test_each_dataset_gets_back_the_holiday_calendar_chosen_for_it(picco_home):
    # A French desk beside the Italian sample: the calendar chosen for one does not follow the
    # manager to the other, and each comes back when its dataset is opened again.
    app = go(with_week_open(), "forecast")
    app.selectbox(key="holiday_country").set_value("FR").run()
    assert_clean(app)
    open_stored(app, SAMPLE)
    # Never chosen for the sample: not the last used (France) but the calendar its quiet days
    # match, Italy's.
    assert app.session_state["holiday_country"] == "IT"
    app.selectbox(key="holiday_country").set_value("IT").run()
    assert open_stored(app, "week").session_state["holiday_country"] == "FR"
    assert Store().load_preferences()[settings.DATASET_CALENDARS] == {
        "week": ["FR", settings.NO_REGION],
        SAMPLE: ["IT", settings.NO_REGION],
    }
    # A new session opens on the sample: its own calendar, not the one last used (France).
    assert Store().load_preferences()["holiday_country"] == "FR"
    again = new_session("forecast")
    assert again.session_state["holiday_country"] == "IT"


def test_covering_all_queues_together_comes_back_in_a_new_session(picco_home):
    app = go(open_app(), "shifts")
    app.radio(key="shift_cover").set_value(settings.COVER_ALL_QUEUES).run()
    assert_clean(app)
    blended = table(app, "shift_start")[0]

    # Before: a reload went back to "The queue picked", and the shifts to one queue's people.
    again = new_session("shifts")
    assert_clean(again)
    assert again.radio(key="shift_cover").value == settings.COVER_ALL_QUEUES
    assert table(again, "shift_start")[0].equals(blended)
