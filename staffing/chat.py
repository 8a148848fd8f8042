"""Chat: agents serve up to k chats at once, each lasting longer the more they juggle."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.errors import InputError
from staffing.queueing import (
    agents_per_target,
    failing_targets,
    queue_metrics,
    required_agents,
)

DEFAULT_CONCURRENCY = 2
# Each extra simultaneous chat stretches every chat's handle time by this share (0.25 = 25%),
# because the agent's attention is split; handle time at k chats = AHT * (1 + f (k - 1)).
DEFAULT_HANDLE_GROWTH = 0.25
# The most chats one agent is planned to run at once (the CLI's --chat-concurrency and the
# Staffing page take the same). Most desks run 2 to 4. Each chat beyond the first stretches
# every chat, so an agent's capacity k / (1 + 0.25 (k - 1)) levels off below 4 chats' worth:
# 3.1 at 10 against 3.5 at 20, and a larger figure is likelier a typo than a desk.
MAX_CHAT_CONCURRENCY = 10


def check_chat_settings(concurrency: int, handle_growth: float) -> None:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int | np.integer):
        raise InputError(f"chat concurrency must be a whole number of chats, got {concurrency!r}")
    if not 1 <= concurrency <= MAX_CHAT_CONCURRENCY:
        raise InputError(
            f"chat concurrency must be from 1 to {MAX_CHAT_CONCURRENCY} chats per agent, "
            f"got {concurrency}"
        )
    if not np.isfinite(handle_growth) or handle_growth < 0:
        raise InputError(
            f"chat handle-time growth must be 0 or more, e.g. 0.15 for 15% longer per extra chat "
            f"(got {handle_growth:g})"
        )


def concurrent_handle_seconds(
    aht_seconds: np.ndarray, concurrency: int, handle_growth: float
) -> np.ndarray:
    """Handle time of one chat when the agent runs `concurrency` chats side by side."""
    return np.asarray(aht_seconds, dtype=float) * (1.0 + handle_growth * (concurrency - 1))


def chat_required_agents(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    service_level: float,
    answer_within_seconds: float,
    concurrency: int = DEFAULT_CONCURRENCY,
    handle_growth: float = DEFAULT_HANDLE_GROWTH,
    **targets: object,
) -> np.ndarray:
    """Agents for chat: size k x agents "slots" as servers of a queue, then agents = ceil(slots/k).

    `aht_seconds` is the handle time of a chat handled alone; targets (max_occupancy,
    max_asa_seconds, patience_seconds, max_abandon_rate) apply to the slots.
    """
    check_chat_settings(concurrency, handle_growth)
    slots = required_agents(
        volume,
        concurrent_handle_seconds(aht_seconds, concurrency, handle_growth),
        interval_seconds,
        service_level,
        answer_within_seconds,
        **targets,
    )
    return _agents_for_slots(slots, concurrency)


def chat_agents_per_target(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    service_level: float,
    answer_within_seconds: float,
    concurrency: int = DEFAULT_CONCURRENCY,
    handle_growth: float = DEFAULT_HANDLE_GROWTH,
    **targets: object,
) -> dict[str, np.ndarray]:
    """The chat agents each target would need on its own (see queueing.agents_per_target):
    the slots it needs at `concurrency` chats per agent, in whole agents."""
    check_chat_settings(concurrency, handle_growth)
    slots = agents_per_target(
        volume,
        concurrent_handle_seconds(aht_seconds, concurrency, handle_growth),
        interval_seconds,
        service_level,
        answer_within_seconds,
        **targets,
    )
    return {name: _agents_for_slots(each, concurrency) for name, each in slots.items()}


def chat_failing_targets(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    agents: np.ndarray,
    service_level: float,
    answer_within_seconds: float,
    concurrency: int = DEFAULT_CONCURRENCY,
    handle_growth: float = DEFAULT_HANDLE_GROWTH,
    **targets: object,
) -> dict[str, np.ndarray]:
    """Whether each chat target is missed with `agents` (see queueing.failing_targets): judged
    on their agents x concurrency slots, so a target fails at n agents exactly when it alone
    needs more than n (its slots over n x concurrency)."""
    check_chat_settings(concurrency, handle_growth)
    return failing_targets(
        volume,
        concurrent_handle_seconds(aht_seconds, concurrency, handle_growth),
        interval_seconds,
        np.asarray(agents) * concurrency,
        service_level,
        answer_within_seconds,
        **targets,
    )


def _agents_for_slots(slots: np.ndarray, concurrency: int) -> np.ndarray:
    return -(-slots // concurrency)


def chat_metrics(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    agents: np.ndarray,
    answer_within_seconds: float,
    concurrency: int = DEFAULT_CONCURRENCY,
    handle_growth: float = DEFAULT_HANDLE_GROWTH,
    patience_seconds: float | None = None,
) -> pd.DataFrame:
    """What `agents` achieve on chat; occupancy is the share of chat slots in use."""
    check_chat_settings(concurrency, handle_growth)
    return queue_metrics(
        volume,
        concurrent_handle_seconds(aht_seconds, concurrency, handle_growth),
        interval_seconds,
        np.asarray(agents) * concurrency,
        answer_within_seconds,
        patience_seconds,
    )
