"""Scenario layer: a forecast plus what-if settings in, a staffing plan and comparisons out."""

from planning.aht_profile import aht_profiles
from planning.build import (
    SIZED_FOR_VOLUME,
    PlanOutcome,
    build_plan,
    default_aht_by_queue,
    forecast_handle_times,
    is_plausible_aht,
    scenario_demand,
)
from planning.compare import METRIC_LABELS, compare_scenarios
from planning.scenario import QUANTILES, Scenario

__all__ = [
    "METRIC_LABELS",
    "QUANTILES",
    "SIZED_FOR_VOLUME",
    "PlanOutcome",
    "Scenario",
    "aht_profiles",
    "build_plan",
    "compare_scenarios",
    "default_aht_by_queue",
    "forecast_handle_times",
    "is_plausible_aht",
    "scenario_demand",
]
