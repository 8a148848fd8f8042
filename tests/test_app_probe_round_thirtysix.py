"""Round thirty-six of a manager's probe: the chats per agent the Staffing page takes come from
staffing.chat's own limit. Driven on AppTest runs on the sample and on the pages' helpers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_app_pages import assert_clean, go, open_app

from app_ui import comparison, preferences
from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN
from planning.scenario import Scenario, days_covered, interval_step
from staffing.chat import MAX_CHAT_CONCURRENCY, check_chat_settings

# ------------------------------------------------ Staffing: chats per agent, one named limit


def test_the_chats_per_agent_widget_stops_at_staffing_chats_own_limit(picco_home):
    # One figure behind the package's check, the page's widget and the kept preference: 10.
    assert MAX_CHAT_CONCURRENCY == 10
    check_chat_settings(MAX_CHAT_CONCURRENCY, 0.25)
    with pytest.raises(InputError, match="from 1 to 10 chats per agent, got 11"):
        check_chat_settings(MAX_CHAT_CONCURRENCY + 1, 0.25)
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    widget = app.number_input(key="chat_concurrency")
    assert widget.max == MAX_CHAT_CONCURRENCY
    assert widget.help.startswith(f"From 1 to {MAX_CHAT_CONCURRENCY}; most chat desks")
    assert_clean(app)
    assert preferences.KEPT["chat_concurrency"](MAX_CHAT_CONCURRENCY) is True
    assert preferences.KEPT["chat_concurrency"](MAX_CHAT_CONCURRENCY + 1) is False


# ----------------------------------------- Scenarios: one count of 24-hour days, in planning


def test_a_horizons_days_are_counted_in_planning_as_the_scenarios_page_says_them(monkeypatch):
    # A 14-day forecast of 15-minute intervals from Fri 4 Apr 2025 08:00: 1,344 intervals, 15
    # dates. A change on 4-10 Apr covers Fri 08:00 to Fri 11 Apr 00:00, 640 intervals of 15
    # minutes = 160 h = 6.667 days (by hand).
    starts = pd.Series(pd.date_range("2025-04-04 08:00", periods=14 * 96, freq="15min"))
    assert interval_step(starts) == pd.Timedelta(minutes=15)
    assert days_covered(starts) == 14.0
    week = Scenario(
        "+30% volume 4 Apr – 10 Apr",
        volume_change_pct=30.0,
        change_from=dt.date(2025, 4, 4),
        change_to=dt.date(2025, 4, 10),
    )
    changed = week.changes_on(starts)
    assert changed.sum() == 640
    assert days_covered(starts[changed], interval_step(starts)) == pytest.approx(160 / 24)
    # Open intervals alone (08:00-18:00): the gap overnight is no interval.
    daytime = starts[(starts.dt.hour >= 8) & (starts.dt.hour < 18)]
    assert interval_step(daytime) == pd.Timedelta(minutes=15)
    assert days_covered(daytime) == pytest.approx(14 * 10 / 24)
    assert interval_step(starts[:1]) == pd.Timedelta(days=1)
    # The Scenarios page's note counts with it: a count off by a day there shows in the text.
    plan = pd.DataFrame({INTERVAL_START: starts, IS_OPEN: True})
    said = comparison.change_on_part_of_forecast(week, plan)
    assert said.startswith(
        "'+30% volume 4 Apr – 10 Apr' changes 6.7 of the forecast's 14 days (Fri 4 Apr 08:00 – "
        "Fri 11 Apr 2025 00:00)"
    )
    monkeypatch.setattr(comparison, "days_covered", lambda starts, step=None: 15.0)
    assert "of the forecast's 15 days" in comparison.change_on_part_of_forecast(week, plan)
