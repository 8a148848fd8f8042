"""Which limit sets the agents of an interval, and how often each one does.

Agents per interval are the fewest that meet every target at once. Each target only gets
easier with more agents, so that number is the largest of the agents each target would need on
its own; the limit that "binds" is the one needing the most. When several need the same number
the first in LIMIT_ORDER is named: service level, ASA, abandonment, occupancy, minimum while
open. Chat targets apply to the chat slots (agents x concurrency) and are counted in whole
agents; e-mail has one limit, its response window (the occupancy cap there is the share of an
agent's time on mail, applied in every interval). Other values of the plan's `limit` column:
"closed" (nobody staffed), "outside e-mail hours" (an e-mail queue open for mail, but outside
the hours its mail is worked: nobody staffed, the mail waits), "no contacts" (open, nothing
expected and no minimum) and "as given" (a what-if on agents typed in, not sized).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from data.dates import day_text
from data.schema import INTERVAL_START, QUEUE
from staffing.clock_hours import interval_keys
from staffing.queueing import (
    ABANDON_TARGET,
    ASA_TARGET,
    OCCUPANCY_TARGET,
    SERVICE_LEVEL_TARGET,
    TARGET_ORDER,
)

if TYPE_CHECKING:  # only for type hints: staffing.plan imports this module
    from staffing.plan import StaffingSettings

LIMIT = "limit"  # the plan column
MINIMUM_OPEN = "minimum while open"
RESPONSE_WINDOW = "response window"
CLOSED = "closed"
OUTSIDE_EMAIL_HOURS = "outside e-mail hours"
# Intervals nobody is staffed for whatever the targets: left out of the limits' shares.
NOT_WORKED = (CLOSED, OUTSIDE_EMAIL_HOURS)
NO_CONTACTS = "no contacts"
AS_GIVEN = "as given"
# Ties go to the first of these: the targets a manager sets before the guard rails.
LIMIT_ORDER = (*TARGET_ORDER, MINIMUM_OPEN, RESPONSE_WINDOW)


def binding_limit(
    needs: dict[str, np.ndarray], volume: np.ndarray, is_open: np.ndarray
) -> np.ndarray:
    """Per interval, the name of the limit needing the most agents (ties: LIMIT_ORDER).

    `needs` maps limit names to the agents each alone needs per interval. Closed intervals
    read "closed"; open ones with no contacts and nothing needed read "no contacts".
    """
    size = np.size(volume)
    names = [name for name in LIMIT_ORDER if name in needs]
    if not names or size == 0:
        return np.full(size, CLOSED, dtype=object)
    table = np.column_stack([np.broadcast_to(needs[name], (size,)) for name in names])
    limit = np.asarray(names, dtype=object)[table.argmax(axis=1)]  # argmax: first of equals
    idle = (table.max(axis=1) <= 0) & (np.asarray(volume) <= 0)
    limit = np.where(idle, NO_CONTACTS, limit)
    return np.where(np.asarray(is_open, dtype=bool), limit, CLOSED)


def first_failing(
    failing: dict[str, np.ndarray], agents: np.ndarray, volume: np.ndarray, is_open: np.ndarray
) -> np.ndarray:
    """Per interval, the limit that sets its `agents`, from the targets missed one agent short.

    `failing` maps target names to whether each is missed with one agent fewer. The agents are
    the largest single-target need, so a target needs them all exactly when it fails one short:
    the first such in LIMIT_ORDER is what `binding_limit` names. None failing: the minimum
    while open set them. Closed and no-contact intervals read as in `binding_limit`.
    """
    size = np.size(agents)
    limit = np.full(size, MINIMUM_OPEN, dtype=object)
    for name in reversed(LIMIT_ORDER):  # the first in the order is written last, so it wins
        if name in failing:
            limit[np.broadcast_to(failing[name], (size,))] = name
    idle = (np.asarray(agents) <= 0) & (np.asarray(volume) <= 0)
    limit[idle] = NO_CONTACTS
    limit[~np.asarray(is_open, dtype=bool)] = CLOSED
    return limit


@dataclass(frozen=True)
class LimitSummary:
    """How often each limit sets the agents of a plan, and which one sets its peak."""

    open_intervals: int  # intervals not closed, each queue's counted apart
    interval_shares: dict[str, float]  # limit -> share of the open intervals, largest first
    hour_shares: dict[str, float]  # limit -> share of the agent-hours, largest first
    peak_start: pd.Timestamp | None = None
    peak_agents: float = 0
    peak_limit: str | None = None
    # At the peak: the agents each limit alone needs (the peak queue's, for several queues).
    peak_needs: dict[str, float] = field(default_factory=dict)
    # With several queues: the queue whose agents are described, and the agents of all queues
    # at the peak (PlanSummary's peak agents), which a sentence must not pass off as its own.
    peak_queue: str | None = None
    peak_interval_agents: float = 0
    # The queues with open intervals, and the distinct times those are open: with several
    # queues `open_intervals` adds up each queue's, so a sentence must say it counts those.
    open_queues: int = 1
    open_starts: int = 0
    # Distinct interval starts with agents on duty, and whether every one of them has the same
    # agents (all queues together): a flat plan has no peak, only a first interval.
    staffed_starts: int = 0
    flat: bool = False
    # Open (queue-)intervals of an e-mail queue outside its working hours: no limit sets their
    # agents, so they are left out of `open_intervals`, and a sentence must say so.
    outside_email_hours: int = 0


def limit_shares(plan: pd.DataFrame) -> tuple[int, dict[str, float], dict[str, float]]:
    """Open intervals (each queue's counted apart), and each limit's share of them and of the
    agent-hours, largest first."""
    served = plan[~plan[LIMIT].isin(NOT_WORKED)]
    if served.empty:
        return 0, {}, {}
    counts = served[LIMIT].value_counts(normalize=True)
    agents = served.groupby(LIMIT)["agents"].sum()
    total = float(agents.sum())
    hours = (agents / total).sort_values(ascending=False) if total > 0 else agents * 0.0
    return len(served), _ordered(counts), _ordered(hours[hours > 0])


def outside_email_hours(plan: pd.DataFrame) -> int:
    """Open intervals (each queue's counted apart) outside an e-mail queue's working hours."""
    return int((plan[LIMIT] == OUTSIDE_EMAIL_HOURS).sum())


def open_extent(plan: pd.DataFrame) -> tuple[int, int]:
    """The queues with an open interval, and the distinct interval starts open in any of them."""
    served = plan[~plan[LIMIT].isin(NOT_WORKED)]
    if served.empty:
        return 0, 0
    queues = served[QUEUE].nunique() if QUEUE in served else 1
    if INTERVAL_START not in served:
        return int(queues), len(served)
    starts = len(served.groupby(interval_keys(served)).size())
    return int(queues), int(starts)


def _ordered(shares: pd.Series) -> dict[str, float]:
    """Largest share first; equal shares in LIMIT_ORDER."""
    rank = {name: position for position, name in enumerate(LIMIT_ORDER)}
    items = sorted(shares.items(), key=lambda item: (-item[1], rank.get(item[0], len(rank))))
    return {str(name): float(share) for name, share in items}


def limit_phrase(limit: str, settings: StaffingSettings) -> str:
    """A limit as a sentence names it, with its value: "the occupancy cap of 85%"."""
    minimum = settings.min_agents_open
    phrases = {
        SERVICE_LEVEL_TARGET: f"the {settings.service_level * 100:g}% in "
        f"{settings.answer_within_seconds:g} s target",
        ASA_TARGET: f"the ASA cap of {settings.max_asa_seconds or 0:g} s",
        ABANDON_TARGET: f"the abandonment cap of {(settings.max_abandon_rate or 0) * 100:g}%",
        OCCUPANCY_TARGET: f"the occupancy cap of {settings.max_occupancy * 100:g}%",
        MINIMUM_OPEN: f"the minimum of {minimum} agent{'' if minimum == 1 else 's'} while open",
        RESPONSE_WINDOW: f"the {settings.email_response_hours:g}-hour response window",
    }
    return phrases.get(limit, limit)


def peak_limit_sentence(
    summary: LimitSummary, settings: StaffingSettings, with_year: bool = False
) -> str | None:
    """What sets the peak's agents, against what the service target alone would need:
    "At the peak (Mon 23 Nov 10:30) the occupancy cap of 85% sets the 42 agents: the 80% in
    20 s target alone would need 38." A flat plan, every staffed interval at the same agents,
    says so and names its first interval instead: "The agents are flat, 1 in each of the 234
    staffed intervals: none is a peak. At the first (Mon 23 Nov 00:00) ...". None without a
    staffed peak. `with_year` names the peak's year, for a plan spanning more than one."""
    if summary.peak_start is None or summary.peak_limit not in LIMIT_ORDER:
        return None
    agents = _count(summary.peak_agents)
    plural = "" if agents == "1" else "s"
    # A flat plan's first interval is no peak: named one, an e-mail desk's Mon 00:00 had sent
    # the manager looking for a busy hour there is none of.
    total = _count(max(summary.peak_interval_agents, summary.peak_agents))
    flat = (
        f"The agents are flat, {total}{' over all queues' if summary.peak_queue else ''} in each "
        f"of the {summary.staffed_starts:,} staffed intervals: none is a peak. "
        if summary.flat
        else ""
    )
    when = "the first" if summary.flat else "the peak"
    head = (
        f"{flat}At {when} ({day_text(summary.peak_start, year=with_year, clock=True)}) "
        f"{limit_phrase(summary.peak_limit, settings)} sets the {agents} agent{plural}"
    )
    if summary.peak_queue is not None:
        # The peak's agents are those of all queues; the limit is the busiest queue's own.
        head = (
            f"{flat}At {when} ({day_text(summary.peak_start, year=with_year, clock=True)}, {total} agents over all "
            f"queues) {limit_phrase(summary.peak_limit, settings)} sets the {agents} "
            f"agent{plural} of queue '{summary.peak_queue}', the most of any queue"
        )
    # The minimum while open is a floor, not a need: beside a target that sets more agents,
    # "the minimum of 1 agent while open alone would need 1" says nothing.
    others = {
        k: v for k, v in summary.peak_needs.items() if k not in (summary.peak_limit, MINIMUM_OPEN)
    }
    if not others:
        return head + "."
    # Against the service target when something else binds; else against the runner-up.
    other = SERVICE_LEVEL_TARGET if SERVICE_LEVEL_TARGET in others else max(others, key=others.get)
    need = _count(others[other])
    joint = ": " if summary.peak_limit != SERVICE_LEVEL_TARGET else "; "
    same = " as well" if need == agents else ""
    return f"{head}{joint}{limit_phrase(other, settings)} alone would need {need}{same}."


def shares_sentence(summary: LimitSummary) -> str | None:
    """Each limit's share of the open intervals: "Over the 504 open intervals the agents
    are set by: service level in 62% of them, occupancy in 30%, minimum while open in 8%."
    One limit alone:
    "In all 504 open intervals the agents are set by the service level." With several queues
    the count is of queue-intervals, and says so: "Over the 340 open queue-intervals (2 queues,
    170 intervals) ..." """
    if not summary.open_intervals:
        return None
    count = f"{summary.open_intervals:,}"
    unit = "interval" if summary.open_intervals == 1 else "intervals"
    queue_unit = "queue-" if summary.open_queues > 1 else ""
    if summary.open_queues > 1:  # each queue's intervals are counted: 2 queues x 170 = 340
        starts = "interval" if summary.open_starts == 1 else "intervals"
        unit = f"queue-{unit} ({summary.open_queues} queues, {summary.open_starts:,} {starts})"
    # Outside e-mail hours nothing is staffed, so those open intervals are not counted: the
    # count is of the worked ones ("In all 448 open intervals" of a plan of 1,344 open).
    kind, rest = "open", ""
    if summary.outside_email_hours:
        kind = "worked"
        others = summary.outside_email_hours
        rest = (
            f"; the other {others:,} open {queue_unit}interval{'' if others == 1 else 's'}, "
            "outside e-mail hours, have no agents: their e-mail waits for the working hours"
        )
    if len(summary.interval_shares) == 1:  # "100%" beside other percentages reads as a setting
        where = "In the" if summary.open_intervals == 1 else "In all"
        return f"{where} {count} {kind} {unit} {_alone(next(iter(summary.interval_shares)))}{rest}."
    # "in 99% of them": a bare "service level 99%" read as a service level of 99%.
    parts = [f"{name} in {_share_text(share)}" for name, share in summary.interval_shares.items()]
    parts[0] += " of them"
    return f"Over the {count} {kind} {unit} the agents are set by: {', '.join(parts)}{rest}."


def _share_text(share: float) -> str:
    """A share in whole percent that never rounds a limit that does set some intervals to "0%"
    (nor the others to "100%"): 3 intervals in 1,000 read "<1%", the other 997 ">99%"."""
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


# A limit named in a sentence of its own, as a manager says it.
_SENTENCE_NAMES = {
    SERVICE_LEVEL_TARGET: "the service level",
    ASA_TARGET: "the ASA cap",
    ABANDON_TARGET: "the abandonment cap",
    OCCUPANCY_TARGET: "the occupancy cap",
    MINIMUM_OPEN: "the minimum while open",
    RESPONSE_WINDOW: "the response window",
}


def _alone(limit: str) -> str:
    """What sets the agents when one limit does everywhere: "the agents are set by the ASA cap"."""
    if limit == NO_CONTACTS:
        return "no contacts are expected and nobody is needed"
    if limit == AS_GIVEN:
        return "the agents are as given, not sized"
    return f"the agents are set by {_SENTENCE_NAMES.get(limit, limit)}"


def _count(value: float) -> str:
    return f"{float(value):,.0f}"
