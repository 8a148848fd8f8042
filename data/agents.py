"""Exports of per-agent figures (one row per agent, or per agent and interval: logged-in,
staffed, available, AUX times): agent statistics, not contacts. Told apart by their headers,
alike in a CSV file and in a workbook's sheet."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from data.aggregate import grows_with_count
from data.columns import (
    ANSWERED_COUNT_WORDS,
    ARRIVAL_COUNT_WORDS,
    GENERIC_COUNT_WORDS,
    NOT_COUNT_WORDS,
    OFFERED_WORDS,
    QUEUE_WORDS,
    VOLUME_WORDS,
    ColumnPlan,
    ImportOptions,
    header_words,
)
from data.errors import InputError, where_to_choose
from data.labels import hungarian_parts
from data.rows import ParsedRows
from data.schema import KIND_INTERVALS, KIND_RECORDS

# A table of per-agent rows names its agents and measures their states (logged in, staffed,
# available, in AUX): agent statistics, not contacts. A call log names the agent who took each
# call but measures no agent state, so it needs both. Without agent states, a table naming its
# agents beside a header that only counts arriving contacts ("Offered", "Queue Offered", "Calls
# Offered") is one row per agent and interval too: a call log has no such count.
AGENT_WORDS = {
    "agent", "agente", "operator", "operatore", "employee", "dipendente", "advisor", "user",
    "username", "rep", "mitarbeiter", "agentin", "conseiller", "asesor", "login",
}  # fmt: skip
AGENT_STATE_WORDS = {
    "logged", "staffed", "available", "avail", "idle", "aux", "occupancy", "adherence",
    "utilization", "utilisation", "ready", "loggato", "disponibile", "pausa", "angemeldet",
    "disponible", "pause",
}  # fmt: skip
# What to export instead of agent statistics: the queue's own report per interval.
QUEUE_REPORT = (
    "the queue's interval report (per queue, split or skill: contacts offered, answered and "
    "abandoned per interval), or a list of contacts with their arrival times"
)
# Measures summed over the agents of one interval when they differ; the others are averaged.
_COUNT_MEASURES = ("volume", "answered", "abandoned")
_TIME_MEASURES = ("aht", "wait", "abandon_wait")
# Each time, the count it is taken over, and its name in a note. An agent's time that grows with
# its count is its total (summed over the agents, as interval reports of totals are: divided by
# the count later, data.interval_volumes); else a mean per contact.
_TIME_COUNTS = (
    ("aht", "answered", "handle time"),
    ("wait", "answered", "wait"),
    ("abandon_wait", "abandoned", "abandoned callers' wait"),
)
_TIME_LABELS = {measure: label for measure, _, label in _TIME_COUNTS}


def agent_columns(header: list[str]) -> tuple[str, ...]:
    """The first header naming agents and the first naming an agent state, when there are both;
    else the header naming agents alone, when another header only counts arriving contacts;
    else ()."""
    agent = next(
        (
            column
            for column in header
            if header_words(column) & AGENT_WORDS
            and not header_words(column) & NOT_COUNT_WORDS
            and not _hungarian_measure(column)
        ),
        None,
    )
    state = next((column for column in header if header_words(column) & AGENT_STATE_WORDS), None)
    if agent and state:
        return tuple(dict.fromkeys((agent, state)))
    if agent and _names_agents_only(agent) and any(_counts_arrivals(c) for c in header):
        return (agent,)
    return ()


def contact_per_row(plan: ColumnPlan) -> bool:
    """A call log naming each row's contact (beside a transfer's master contact id) or whether
    it was abandoned or answered holds one row per contact, whatever agent state one of its
    columns names: NICE CXone's Call Detail data download carries "Agent_No" and "Logged" beside
    "Contact_ID", "Master_Contact_ID" and the "Abandon" Y/N flag."""
    return plan.kind == KIND_RECORDS and any(
        (
            plan.master_contact_column,
            plan.abandoned_flag_column,
            plan.answered_flag_column,
        )
    )


def _hungarian_measure(column: str) -> bool:
    """A count, time or maximum in Hungarian notation ("tAgentLoggedIn": the staffed time a
    queue's interval table, PureConnect's IWrkgrpQueueStats, sums over its agents), never the
    column naming each row's agent."""
    parts = hungarian_parts(column)
    return parts is not None and parts[0] in ("n", "t", "m", "mt", "mn")


def _names_agents_only(column: str) -> bool:
    """A header naming agents, not counting them or their contacts ("Agent Count", "Agent
    Handled")."""
    return not header_words(column) & (VOLUME_WORDS | ANSWERED_COUNT_WORDS)


def _counts_arrivals(column: str) -> bool:
    """A header saying nothing but a count of arriving contacts: "Offered", "Queue Offered",
    "Calls Offered", "Contacts Received"; not "Received" alone (a ticket's date) nor "Inbound"
    alone (a call's direction)."""
    words = header_words(column)
    if not words & ARRIVAL_COUNT_WORDS or not words <= VOLUME_WORDS | QUEUE_WORDS:
        return False
    counted = words - ARRIVAL_COUNT_WORDS - GENERIC_COUNT_WORDS - QUEUE_WORDS  # calls, contacts
    return bool(words & OFFERED_WORDS or counted)


def _has_agent_states(columns: tuple[str, ...]) -> bool:
    return any(header_words(column) & AGENT_STATE_WORDS for column in columns)


def named(columns: tuple[str, ...]) -> str:
    return ", ".join(f"'{column}'" for column in columns)


def arriving_count(plan: ColumnPlan, options: ImportOptions) -> str | None:
    """The column of `plan` counting contacts per interval that a per-agent table may still be
    read by: arriving contacts (an agent's handled calls are no demand), or the count the user
    chose; None without one."""
    counted = plan.volume_column if plan.kind == KIND_INTERVALS else None
    if counted and (header_words(counted) & ARRIVAL_COUNT_WORDS or options.volume_column):
        return counted
    return None


# PureConnect keeps the same queue statistics per workgroup (IWrkgrpQueueStats: "cName" the
# workgroup) and per agent (IAgentQueueStats: "cName" the agent's user ID, "cReportGroup" the
# workgroup, "*" for all of them). An agent row counts the ACD contacts routed to that agent: one
# that alerted two agents in turn is entered twice, one transferred between agents is answered by
# both, and one abandoned before any agent was alerted is in no agent's row (Genesys, PureConnect
# data dictionary, IAgentQueueStats view). Told by a name saying agents or users (the file, the
# sheet) or a type column saying so ("cType": "Agent" / "A").
_PURECONNECT_AGENT_NAME_WORDS = {"agent", "agents", "user", "users"}
_PURECONNECT_AGENT_TYPES = {"agent", "agents", "user", "users", "a", "u"}


def pureconnect_agent_table(
    plan: ColumnPlan, header: list[str], sample_rows: list[list[str]], name: str
) -> bool:
    """Whether a PureConnect queue-statistics table read by its "cName" queue is the per-agent
    one (IAgentQueueStats), whose "cName" names agents, not workgroups."""
    if plan.queue_column is None or hungarian_parts(plan.queue_column) != ("c", "Name"):
        return False
    # "IAgentQueueStats" -> I Agent Queue Stats: the view's "I" prefix is a word of its own.
    if header_words(re.sub(r"([A-Z])([A-Z][a-z])", r"\1 \2", name)) & _PURECONNECT_AGENT_NAME_WORDS:
        return True
    kinds = next((i for i, column in enumerate(header) if column.strip() == "cType"), None)
    if kinds is None:
        return False
    values = {row[kinds].strip().lower() for row in sample_rows if kinds < len(row)} - {""}
    return bool(values) and values <= _PURECONNECT_AGENT_TYPES


def refuse_pureconnect_agent_table(name: str, plan: ColumnPlan) -> None:
    group = f"'{plan.split_column}'" if plan.split_column else "another column"
    raise InputError(
        f"{name}: the file is PureConnect's per-agent queue statistics (IAgentQueueStats): "
        f"'{plan.queue_column}' names each row's agent and {group} the workgroup. Its counts "
        "are the contacts routed to each agent, not those that reached the workgroup: a contact "
        "alerting several agents is counted once per agent, and one abandoned before reaching "
        "an agent is in no row, so they cannot be added up to the workgroup's demand. Instead, "
        "export the workgroup queue statistics (IWrkgrpQueueStats: the same columns, one row "
        f"per workgroup and interval), or {QUEUE_REPORT.split(', or ')[-1]}, and import that."
    )


def refuse_per_agent(name: str, columns: tuple[str, ...]) -> None:
    """A CSV file of agent statistics: read per row they count the agents' logins, summed per
    interval their handled contacts, never the contacts that arrived."""
    raise InputError(
        f"{name}: the file holds per-agent figures ({named(columns)}), not contacts per interval "
        "or per contact, so it gives no contact history to forecast from. Instead, export "
        f"{QUEUE_REPORT}, and import that. If a column of this file does count the contacts "
        f"that arrived in each interval, name it ({where_to_choose('volume_column')})."
    )


def read_per_agent_counts(
    rows: ParsedRows, columns: tuple[str, ...], counted: str, name: str
) -> None:
    """Counts of contacts read from a table of per-agent figures, made one row per interval and
    queue, with a note. Where the agents' rows of an interval all hold the same count, it is the
    queue's, written on every agent's row: taken once, not summed over the agents. Where the
    counts differ, they are the agents' own and are summed, which counts a contact once per
    agent it reached. Other figures are taken once when shared too, else summed (counts, and
    times that are each agent's total over its contacts) or averaged (times per contact)."""
    start = f"{name}: the file holds per-agent figures ({named(columns)}) beside a count of "
    key = rows.seconds * max(1, len(rows.queue_names)) + rows.codes
    groups, first, group_of = np.unique(key, return_index=True, return_inverse=True)
    if len(groups) == len(key):
        if _has_agent_states(columns):  # else nothing tells it from a queue's own report
            rows.notes.append(
                start + f"contacts per interval ('{counted}'), one row per interval: that count "
                "was read."
            )
        return
    shared = _same_in_each_group(rows.volume, group_of)
    agents = int(np.max(np.bincount(group_of)))
    order = np.argsort(first)  # intervals in the order the file gives them
    answered = rows.answered  # each agent's row: the weights of the agents' times
    totals = [
        label
        for measure, count_name, label in _TIME_COUNTS
        if _agents_totals(getattr(rows, measure), getattr(rows, count_name), group_of)
    ]
    for measure in (*_COUNT_MEASURES, *_TIME_MEASURES):
        values = getattr(rows, measure)
        if values is not None:
            summed = measure in _COUNT_MEASURES or _TIME_LABELS[measure] in totals
            grouped = _one_per_group(values, group_of, summed, answered)
            setattr(rows, measure, grouped[order])
    rows.seconds, rows.codes = rows.seconds[first[order]], rows.codes[first[order]]
    added = (
        f" Each agent's {' and '.join(totals)} (its total over the contacts it took, growing "
        "with them) was added up per interval."
        if totals
        else ""
    )
    if shared:
        rows.notes.append(
            start + f"contacts per interval ('{counted}') that is the same on every agent's row "
            f"of an interval (up to {agents} agents each): the queue's count, read once per "
            "interval, not summed over the agents." + added
        )
        return
    rows.notes.append(
        start + f"contacts per interval ('{counted}') that differs between the agents of one "
        f"interval (up to {agents} agents each), so the agents' counts were summed: a contact "
        f"offered to several agents (or transferred) is counted once per agent. Instead, export "
        f"{QUEUE_REPORT}." + added
    )


def _agents_totals(
    values: np.ndarray | None, counts: np.ndarray | None, group_of: np.ndarray
) -> bool:
    """A time that differs between the agents of an interval and grows in proportion to each
    agent's count (log-log slope 1: the agent's total talk or wrap-up time), not a mean per
    contact (slope 0), told only where the agents' counts vary enough."""
    if values is None or counts is None or _same_in_each_group(values, group_of):
        return False
    return grows_with_count(values, counts)


def _same_in_each_group(values: np.ndarray | None, group_of: np.ndarray) -> bool:
    if values is None:
        return True
    spread = pd.Series(values).groupby(group_of).agg(["min", "max"])
    known = spread.dropna()
    return bool((known["min"] == known["max"]).all())


def _one_per_group(
    values: np.ndarray, group_of: np.ndarray, summed: bool, answered: np.ndarray | None
) -> np.ndarray:
    """One value per group: the shared one when every row of each group holds the same; else a
    sum for counts (and times that are totals), a mean (weighted by the answered contacts, when
    they differ) for times per contact."""
    series = pd.Series(values)
    if _same_in_each_group(values, group_of):
        return series.groupby(group_of).first().to_numpy(dtype=float)
    if summed:
        return series.groupby(group_of).sum(min_count=1).to_numpy(dtype=float)
    weights = np.ones(len(values)) if answered is None else np.nan_to_num(answered)
    weights = np.where(np.isnan(values), 0.0, weights)
    weighted = pd.Series(np.nan_to_num(values) * weights).groupby(group_of).sum().to_numpy()
    total = pd.Series(weights).groupby(group_of).sum().to_numpy()
    plain = series.groupby(group_of).mean().to_numpy(dtype=float)  # no agent answered any
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / total, plain)
