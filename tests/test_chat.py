"""Chat sized as k x agents slots of a queue, handle time growing with concurrency."""

from __future__ import annotations

import pytest

from data.errors import InputError
from staffing import queue_metrics, required_agents
from staffing.chat import chat_metrics, chat_required_agents, concurrent_handle_seconds


def test_handle_time_grows_with_concurrency():
    assert concurrent_handle_seconds(300, 1, 0.25) == 300
    assert concurrent_handle_seconds(300, 2, 0.25) == 375
    assert concurrent_handle_seconds(300, 3, 0.5) == 600


def test_two_chats_each_100_per_half_hour():
    # 100 chats / 30 min of 300 s alone, 375 s at two at once: 20.8 Erlangs of slots
    slots = int(required_agents(100, 375, 1800, 0.8, 20))
    assert slots == 26
    assert chat_required_agents(100, 300, 1800, 0.8, 20) == 13
    odd = int(required_agents(100, 375, 1800, 0.8, 60))
    assert chat_required_agents(100, 300, 1800, 0.8, 60) == -(-odd // 2)


def test_one_chat_at_a_time_is_a_voice_queue():
    assert chat_required_agents([0, 50, 500], 240, 900, 0.8, 30, concurrency=1).tolist() == (
        required_agents([0, 50, 500], 240, 900, 0.8, 30).tolist()
    )


def test_metrics_are_those_of_the_slots():
    chat = chat_metrics(100, 300, 1800, 13, 20)
    slots = queue_metrics(100, 375, 1800, 26, 20)
    assert chat.to_numpy() == pytest.approx(slots.to_numpy())
    assert chat.service_level.iloc[0] >= 0.8


def test_more_concurrency_without_slowdown_needs_fewer_agents():
    needed = [int(chat_required_agents(300, 300, 1800, 0.8, 20, k, 0.0)) for k in (1, 2, 3)]
    assert needed[0] > needed[1] > needed[2]


def test_patience_and_abandonment_targets_apply_to_slots():
    agents = chat_required_agents(100, 300, 1800, 0.8, 20, patience_seconds=120,
                                  max_abandon_rate=0.01)  # fmt: skip
    metrics = chat_metrics(100, 300, 1800, agents, 20, patience_seconds=120)
    assert metrics.abandon_rate.iloc[0] <= 0.01


@pytest.mark.parametrize(("concurrency", "growth"), [(0, 0.2), (11, 0.2), (2.5, 0.2), (2, -0.1)])
def test_bad_chat_settings_are_rejected(concurrency, growth):
    with pytest.raises(InputError, match="chat"):
        chat_required_agents(100, 300, 1800, 0.8, 20, concurrency, growth)
