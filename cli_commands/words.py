"""Counts written with the word that fits them: "1 open interval", "2 open intervals"."""

from __future__ import annotations

import re

import numpy as np


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 agent', '3 agents', '1,244 open intervals' (`plural` for words not made with a
    trailing s); thousands grouped as in the rest of the summaries."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


# The queue of a file without a queue column whose name is only dates ("2024-03.csv"), as
# data.labels.queue_from_file_name names it.
UNNAMED_QUEUE = "all"


def queue_text(queue: object) -> str:
    """A queue's name as a line leading with it says it: 'all' quoted, as the notes quoting
    every queue say it, since bare it read as a word ("special day: all Tue 31 Dec 2013",
    "models all: seasonal_naive"); any other name as it is."""
    name = str(queue)
    return f"'{name}'" if name == UNNAMED_QUEUE else name


def contacts_text(contacts: float) -> str:
    """'1,600', or '1,234.5' where a forecast's fractions leave a half to tell."""
    return f"{contacts:,.0f}" if abs(contacts - round(contacts)) < 0.05 else f"{contacts:,.1f}"


def days_text(days: float) -> str:
    """'1 day', '7 days', '6.5 days': the span a total is over, as a summary gives it."""
    if abs(days - round(days)) < 0.05:
        return counted(int(round(days)), "day")
    return f"{days:,.1f} days"


def fte_text(fte: float, agent_fte: float) -> str:
    """'8.1 FTE, 7.4 of them agents': the total holds the supervisors' hours too, and read
    alone it was taken for the agents to hire (a tenth too many at one lead per 12)."""
    return f"{fte:,.1f} FTE, {agent_fte:,.1f} of them agents"


def abandon_text(abandon_rate: float | None, contacts: str = "calls") -> str:
    """', 15.9% of calls abandoned' after a plan's service level when it models patience
    (Erlang A): the service level counts the callers who hang up as missed, but alone never says
    how many. `contacts` names what the share is of, as the summary's live contacts."""
    if abandon_rate is None or abandon_rate != abandon_rate:  # Erlang C, or no contacts (NaN)
        return ""
    return f", {abandon_rate:.1%} of {contacts} abandoned"


# The app's settings named in the notes staffing shares with it, as the CLI's options set them.
APP_SETTING_WORDS = {
    "set the chat handle-time growth to 0": "give --chat-handle-growth 0",
    # the Forecast page's events, as --exclude and --campaign set them
    "as an unusual past period on the Forecast page": "with --exclude FROM TO",
    "as an unusual past period instead": "with --exclude FROM TO instead",
    "(Forecast page, Events)": "(--campaign FROM TO -100)",
}


# A --campaign's note names it as the app names its events, by the name the CLI gives it, which
# is its dates: "The campaign 'campaign Mon 3 Feb – Tue 4 Feb 2014' (+50%) runs Mon 3 Feb – Tue
# 4 Feb 2014" said them twice.
CAMPAIGN_NAMED = re.compile(r"\b([Tt]he) campaign 'campaign [^']*' \(")


def note_in_option_words(note: str) -> str:
    """A staffing note as the CLI says it: 'set the chat handle-time growth to 0', the app's
    setting, reads 'give --chat-handle-growth 0', the option that sets it here."""
    for words, option in APP_SETTING_WORDS.items():
        note = note.replace(words, option)
    return CAMPAIGN_NAMED.sub(r"\1 --campaign (", note)


def quantile_sums_note(mean: np.ndarray, quantiles: dict[str, np.ndarray]) -> str | None:
    """Why the sums of per-interval quantiles (`quantiles`, 'p80' -> each interval's p80) fall
    below the sum of the `mean` forecasts, when one does; None otherwise. A quantile in whole
    contacts of an interval expecting a fraction of one is 0, so a nearly empty week read
    'contacts forecast: 2.3 (p80 2, p90 4)', a p80 below the mean, without a word."""
    mean = np.nan_to_num(np.asarray(mean, dtype=float))
    below = [
        name
        for name, values in quantiles.items()
        if np.nan_to_num(np.asarray(values, dtype=float)).sum() < mean.sum() - 0.05
    ]
    if not below:
        return None
    lowest = np.nan_to_num(np.asarray(quantiles[below[0]], dtype=float))
    short = int((lowest < mean).sum())
    one = short == 1
    # An interval whose quantile in whole contacts is below a mean under 1 has a quantile of 0.
    why = (
        f"{'expects' if one else 'expect'} less than one contact, so {'its' if one else 'their'} "
        f"{below[0]} in whole contacts is 0"
        if (mean[lowest < mean] < 1).all()
        else f"{'has' if one else 'have'} a {below[0]} below {'its' if one else 'their'} own mean"
    )
    names = " and ".join(below)
    return (
        f"the {names} {'is' if len(below) == 1 else 'are'} the sum of each interval's own, not "
        f"the total's: {short:,} of the {counted(mean.size, 'interval')} {why}, which puts the "
        f"{names} sum below the mean forecast"
    )
