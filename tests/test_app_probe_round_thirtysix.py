"""Round thirty-six of a manager's probe: the chats per agent the Staffing page takes come from
staffing.chat's own limit. Driven on AppTest runs on the sample and on the pages' helpers."""

from __future__ import annotations

import pytest
from test_app_pages import assert_clean, go, open_app

from app_ui import preferences
from data.errors import InputError
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
