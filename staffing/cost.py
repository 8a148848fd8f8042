"""Paid hours, FTE and cost of a staffing plan."""

from __future__ import annotations

import numpy as np

# Defaults when the user gives no rates: fully loaded hourly cost in EUR (wage plus employer
# charges) of a front-line agent and of a team lead in a Western European contact center.
DEFAULT_AGENT_HOURLY_COST = 22.0
DEFAULT_SUPERVISOR_HOURLY_COST = 30.0
DEFAULT_WEEKLY_CONTRACT_HOURS = 38.0
HOURS_PER_WEEK = 7 * 24
# Every front end writes money with this sign before the amount: the rates and costs are euros.
CURRENCY_SIGN = "€"


def money_text(amount: float, cents: bool = False) -> str:
    """Money as the app, the CLI and their notes write it: "€ 38,152" (whole euros, thousands
    separated); with `cents`, a rate keeps them where it has any: "€ 22", "€ 22.50"; "—" for
    no figure (NaN)."""
    value = float(amount)
    if not np.isfinite(value):  # no figure to show, not "€ nan"
        return "—"
    if not cents or round(value, 2).is_integer():
        figure = f"{abs(value):,.0f}"
    else:
        figure = f"{abs(value):,.2f}"
    sign = "-" if figure.strip("0,.") and value < 0 else ""
    return f"{sign}{CURRENCY_SIGN} {figure}"


def paid_hours(people: np.ndarray, interval_minutes: float) -> np.ndarray:
    """Hours paid for `people` rostered during each interval."""
    return np.asarray(people, dtype=float) * (interval_minutes / 60.0)


def interval_cost(
    rostered: np.ndarray,
    supervisors: np.ndarray,
    interval_minutes: float,
    agent_hourly_cost: float = DEFAULT_AGENT_HOURLY_COST,
    supervisor_hourly_cost: float = DEFAULT_SUPERVISOR_HOURLY_COST,
) -> np.ndarray:
    """Cost of each interval: paid agent hours and paid supervisor hours at their rates."""
    return (
        paid_hours(rostered, interval_minutes) * agent_hourly_cost
        + paid_hours(supervisors, interval_minutes) * supervisor_hourly_cost
    )


def full_time_equivalents(
    total_paid_hours: float, horizon_hours: float, weekly_contract_hours: float
) -> float:
    """Average headcount on a weekly contract: paid hours per week / contract hours."""
    if horizon_hours <= 0:
        return 0.0
    return total_paid_hours / (horizon_hours / HOURS_PER_WEEK) / weekly_contract_hours
