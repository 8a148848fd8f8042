"""Round thirty-five of a manager's probe: the Staffing page takes up to 10 chats per agent, as
staffing.chat and `cli.py staff --chat-concurrency` do, not 6; the Scenarios table's cost
columns say they are per paid hour ("Agent €/h"), as the Staffing page's boxes are, not totals;
and a change on part of a forecast starting mid-day counts its days as cli.py plan does, in days
of 24 hours ("6.7 of the forecast's 14 days"), not the 15 dates a 14-day horizon from 08:00
touches. Driven on AppTest runs on the sample and an upload, and on the pages' pure helpers."""

from __future__ import annotations

from test_app_pages import assert_clean, go, metric, open_app, table

from app_ui import comparison, preferences, settings
from staffing.chat import DEFAULT_HANDLE_GROWTH, chat_required_agents

# ------------------------------------------------------- Staffing: chats per agent, as the CLI


def test_the_staffing_page_takes_as_many_chats_per_agent_as_the_cli(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="queue").set_value("chat").run()
    widget = app.number_input(key="chat_concurrency")
    # staffing.chat.check_chat_settings takes 1 to 10, as cli.py staff --chat-concurrency does.
    # Before: the page stopped at 6.
    assert widget.max == 10
    assert widget.help.startswith("From 1 to 10; most chat desks run 2 to 4.")
    app.number_input(key="chat_concurrency").set_value(8).run()
    assert_clean(app)
    # Before: 8 lay past the widget's bound and the page planned 25 agents at its peak, as at
    # 1 chat each; at 6 it plans 9.
    assert (metric(app, "Peak agents"), metric(app, "FTE")) == ("8", "14.0")
    plan, _ = table(app, "interval_start", "agents", "limit")
    plan = plan[plan["is_open"] & (plan["volume"] > 0)]
    assert plan["agents"].max() == 8
    # Cross-checked on staffing.chat at the page's targets (80% in 20 s, occupancy 85%, ASA
    # 120 s), every open interval: a chat of 494 s alone lasts 494 x (1 + 0.25 x 7) = 1,358.5 s
    # at 8 at once.
    assert DEFAULT_HANDLE_GROWTH == 0.25
    alone = chat_required_agents(
        plan["volume"].to_numpy(dtype=float),
        plan["aht_seconds"].to_numpy(dtype=float),
        900.0,
        0.8,
        20.0,
        concurrency=8,
        max_occupancy=0.85,
        max_asa_seconds=120.0,
    )
    assert (alone == plan["agents"].to_numpy()).all()


def test_a_kept_chat_concurrency_up_to_the_clis_limit_is_restored():
    assert settings.MAX_CHATS_AT_ONCE == 10
    assert preferences.KEPT["chat_concurrency"](10) is True  # before: refused beyond 6
    assert preferences.KEPT["chat_concurrency"](11) is False


# ------------------------------------------------ Scenarios: cost columns per paid hour


def test_the_scenario_tables_cost_columns_say_they_are_per_paid_hour(picco_home):
    app = go(open_app(), "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    _, columns = table(app, "name", "agent_hourly_cost", "supervisor_hourly_cost")
    # Before: 'Agent €' and 'Sup €', read beside the comparison's 'Total cost over 7 days
    # (EUR)' as totals, the rate only in the help.
    assert (columns["agent_hourly_cost"]["label"], columns["supervisor_hourly_cost"]["label"]) == (
        "Agent €/h",
        "Sup €/h",
    )
    assert columns["agent_hourly_cost"]["help"] == (
        "Agent cost in EUR per paid hour, as on the Staffing page (0 or more)."
    )
    # The warning naming the table's cells names them so too.
    warned = comparison.stale_current_settings_warning(
        ["agent cost per hour 22 saved, 25 now", "full-time week 38 h saved, 40 h now"]
    )
    assert (
        "The table above has cells for some of them (Agent €/h) but none for the full-time week"
        in warned
    )
