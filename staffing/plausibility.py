"""Possible but unusual staffing settings, each said with what is typical: a plan is still
made, the planner only learns the figures may rest on a typo (shared by the app and the CLI)."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from staffing.cost import money_text


def amount_text(value: float) -> str:
    """A figure as a person writes it: "1,200", "12.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def percent_text(pct: float) -> str:
    """A percentage as amount_text writes it, but never rounded onto 0 or 100 when it is not
    that: a shrinkage of 0.999999 reads "99.9999", not "100" (a value the check refuses)."""
    value = float(pct)
    for decimals in range(2, 5):
        if round(value, decimals) not in (0.0, 100.0) or value in (0.0, 100.0):
            return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return "over 99.9999" if value > 50 else "under 0.0001"


def duration_text(seconds: float) -> str:
    """A wait in the unit a person reads it in: "18 s", "5 min", "11.9 h"; "—" when endless."""
    if seconds is None or not np.isfinite(seconds):
        return "—"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 120 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:,.1f} h"


# What most contact centres plan with; values outside get a warning, never a refusal.
TYPICAL_SHRINKAGE_PCT = (25.0, 40.0)
PLAUSIBLE_SHRINKAGE_PCT = (10.0, 60.0)
TYPICAL_OCCUPANCY_PCT = (80.0, 90.0)
PLAUSIBLE_OCCUPANCY_PCT = (60.0, 95.0)
TYPICAL_SERVICE_LEVEL_PCT = (80.0, 90.0)
LOWEST_PLAUSIBLE_SERVICE_LEVEL_PCT = 50.0
PLAUSIBLE_AHT_SECONDS = (20.0, 3600.0)
PLAUSIBLE_AGENT_COST = (5.0, 200.0)  # EUR per paid hour, fully loaded
TYPICAL_WEEKLY_HOURS = (35.0, 40.0)
PLAUSIBLE_WEEKLY_HOURS = (30.0, 48.0)  # a full-time contract's paid hours a week


def _range(bounds: tuple[float, float], unit: str = "%") -> str:
    return f"{amount_text(bounds[0])}–{amount_text(bounds[1])}{unit}"


def implausible_values(
    channel: str | Collection[str] = "voice",
    service_level_pct: float | None = None,
    max_occupancy_pct: float | None = None,
    shrinkage_pct: float | None = None,
    aht_s: float | None = None,
    agent_cost: float | None = None,
    weekly_contract_hours: float | None = None,
    supervisor_cost: float | None = None,
    chat_handle_growth: float | None = None,
) -> list[str]:
    """Possible but unusual settings, each with what is typical: the plan is still made, the
    manager only learns the figures may rest on a typo.

    `channel` is the plan's channel, or the channels of its queues: a note on a live-queue
    target (the service level) is given only when some queue is voice or chat."""
    channels = {channel} if isinstance(channel, str) else set(channel)
    notes = []
    low, high = PLAUSIBLE_OCCUPANCY_PCT
    if max_occupancy_pct is not None and not low <= max_occupancy_pct <= high:
        effect = (
            f"agents may spend at most {percent_text(max_occupancy_pct)}% of their time on contacts, "
            "so the plan needs many more of them"
            if max_occupancy_pct < low
            else "agents kept that busy tire and leave, and the plan has no slack for surprises"
        )
        notes.append(
            f"Max occupancy of {percent_text(max_occupancy_pct)}% is unusual: {effect}. Most contact "
            f"centres cap it at {_range(TYPICAL_OCCUPANCY_PCT)}."
        )
    low, high = PLAUSIBLE_SHRINKAGE_PCT
    if shrinkage_pct is not None and not low <= shrinkage_pct <= high:
        effect = (
            "breaks, training, meetings, leave and sickness take more of the paid time than that"
            if shrinkage_pct < low
            else f"only {percent_text(100 - shrinkage_pct)}% of the paid time would be spent on "
            "contacts"
        )
        notes.append(
            f"Shrinkage of {percent_text(shrinkage_pct)}% is unusual: {effect}. It is usually "
            f"{_range(TYPICAL_SHRINKAGE_PCT)}."
        )
    if (
        channels - {"email"}
        and service_level_pct is not None
        and 0 < service_level_pct < LOWEST_PLAUSIBLE_SERVICE_LEVEL_PCT
    ):
        notes.append(
            f"A service level target of {percent_text(service_level_pct)}% leaves most contacts "
            f"waiting past the target time; targets are usually {_range(TYPICAL_SERVICE_LEVEL_PCT)}."
        )
    low, high = PLAUSIBLE_AHT_SECONDS
    if aht_s is not None and aht_s > 0 and not low <= aht_s <= high:
        notes.append(
            f"An average handle time of {duration_text(aht_s)} is unusual (most queues take "
            f"{duration_text(low)} to {duration_text(high)} per contact): check the unit is "
            "seconds."
        )
    low, high = PLAUSIBLE_AGENT_COST
    # A team lead's hour was never checked: a supervisor cost of 3000 (a monthly wage) went
    # into the total silently. Costs are said before or after this note, so it names neither.
    for who, cost in (("An agent", agent_cost), ("A supervisor", supervisor_cost)):
        if cost is not None and not low <= cost <= high:
            notes.append(
                f"{who} cost of {money_text(cost, cents=True)} per paid hour is unusual: a fully "
                f"loaded hour usually costs {money_text(low)} to {money_text(high)}, so the costs "
                "may be off."
            )
    # At k chats each lasts 1 + g (k - 1) times as long, so an agent clears k / (1 + g (k - 1))
    # chats per handle time: from g = 1 on, juggling gains nothing over one chat at a time,
    # more often '25' typed for 25% (26 times as long: 153 agents where 0.25 needs 8).
    if "chat" in channels and chat_handle_growth is not None and chat_handle_growth >= 1:
        growth = percent_text(chat_handle_growth * 100)
        notes.append(
            f"A chat handle-time growth of {growth}% is unusual: each extra chat at once adds "
            f"{growth}% to every chat's handle time, so agents answer no more chats juggling "
            "than one at a time. Give it as a fraction, e.g. 0.25 for 25%."
        )
    low, high = PLAUSIBLE_WEEKLY_HOURS
    if weekly_contract_hours is not None and not low <= weekly_contract_hours <= high:
        hours = amount_text(weekly_contract_hours)
        notes.append(
            f"A full-time week of {hours} h is unusual: each FTE then counts {hours} h of pay a "
            f"week. Full-time contracts usually run {_range(TYPICAL_WEEKLY_HOURS, ' h')}."
        )
    return notes


def unusual_handle_times(
    means: dict[str, float], subject: str, named: bool = True, advice: str | None = None
) -> str | None:
    """The queues whose handle times (`means`: queue -> contact-weighted mean seconds, called
    `subject`, e.g. "the handle times in f.csv's aht_seconds") lie outside
    PLAUSIBLE_AHT_SECONDS, said as a typed AHT is: a column of minutes (5 for 5 min) was staffed
    as 5-second calls, one agent for 70 calls a half hour, without the note `--aht-seconds 5`
    gets. `advice` replaces the default one, to check the unit is seconds."""
    low, high = PLAUSIBLE_AHT_SECONDS
    odd = {
        queue: seconds
        for queue, seconds in sorted(means.items())
        if seconds > 0 and not low <= seconds <= high
    }
    if not odd:
        return None
    figures = ", ".join(
        # under a second, two digits: 0.018 s read "0 s"
        (f"{seconds:.2g} s" if seconds < 1 else duration_text(seconds))
        + (f" on '{queue}'" if named else "")
        for queue, seconds in odd.items()
    )
    if advice is None:
        hint = " (5 minutes is 300 s)" if min(odd.values()) < low else ""
        advice = f"check the unit is seconds{hint}"
    return (
        f"{subject} average {figures}: unusual, as most queues take {duration_text(low)} to "
        f"{duration_text(high)} per contact; {advice}"
    )
