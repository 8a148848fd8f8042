"""Round thirty-five of a manager's probe: the Staffing page takes up to 10 chats per agent, as
staffing.chat and `cli.py staff --chat-concurrency` do, not 6. Driven on AppTest runs on the
sample and on the pages' pure helpers."""

from __future__ import annotations

from test_app_pages import assert_clean, go, metric, open_app, table

from app_ui import preferences, settings
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
