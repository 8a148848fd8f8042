"""Staffing engine: Erlang C/A queues, channels, people and cost, for whole horizons at once."""

from staffing.queueing import queue_metrics, required_agents

__all__ = ["queue_metrics", "required_agents"]
