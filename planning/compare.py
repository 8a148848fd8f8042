"""Side-by-side headline figures of several scenarios, with deltas against a baseline."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data.errors import InputError
from planning.build import PlanOutcome

# (row label, PlanSummary attribute), in the order the comparison lists them.
METRICS = [
    ("FTE", "fte"),
    ("Peak agents", "peak_agents"),
    ("Peak rostered people", "peak_rostered"),
    ("Peak supervisors", "peak_supervisors"),
    ("Paid hours", "paid_hours"),
    ("Total cost", "cost_horizon"),
    ("Cost per week", "cost_per_week"),
    ("Expected service level", "service_level"),
    ("Expected ASA (s)", "asa_seconds"),
    ("Expected occupancy", "occupancy"),
    ("Expected abandonment", "abandon_rate"),
]
METRIC_LABELS = [label for label, _ in METRICS]


def summary_figures(outcome: PlanOutcome) -> list[float]:
    """The comparison metrics of one outcome; NaN where the plan has no such figure."""
    values = []
    for _, attribute in METRICS:
        value = getattr(outcome.summary, attribute)
        values.append(math.nan if value is None else float(value))
    return values


def compare_scenarios(outcomes: dict[str, PlanOutcome], baseline: str) -> pd.DataFrame:
    """One row per metric, one column per scenario, then `<name> Δ` and `<name> Δ%` columns
    for every scenario other than the baseline (Δ% is NaN where the baseline figure is 0)."""
    if baseline not in outcomes:
        raise InputError(
            f"Baseline scenario '{baseline}' is not among the compared scenarios "
            f"({', '.join(outcomes) or 'none'}); pick one of them as the baseline."
        )
    table = pd.DataFrame(
        {name: summary_figures(outcome) for name, outcome in outcomes.items()},
        index=pd.Index(METRIC_LABELS, name="metric"),
    )
    base = table[baseline].to_numpy()
    for name in outcomes:
        if name == baseline:
            continue
        delta = table[name].to_numpy() - base
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = np.where(base != 0, delta / np.abs(base) * 100.0, np.nan)
        table[f"{name} Δ"] = delta
        table[f"{name} Δ%"] = percent
    return table
