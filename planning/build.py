"""Turn a forecast and a scenario into a per-interval staffing plan and its summary."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.errors import InputError
from data.reader import PLAUSIBLE_HANDLE_SECONDS
from data.schema import AHT_SECONDS, ANSWERED, INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from forecasting.clock_change import could_be_skipped_hour
from planning.aht_profile import aht_factors
from planning.scenario import MEAN_QUANTILE, Scenario
from staffing.clock_hours import interval_keys
from staffing.plan import (
    SIZED_FOR_VOLUME,
    MinimumStaffing,
    PlanSummary,
    mean_handle_times,
    measured_chat_handle_note,
    minimum_staffing,
    minimum_staffing_note,
    mostly_minimum,
    open_flags,
    plan_sized_on,
    plan_staffing,
    slow_email_note,
    summarise_plan,
)


@dataclass
class PlanOutcome:
    """The per-interval plan of one scenario, its headline figures and what they hide."""

    plan: pd.DataFrame
    summary: PlanSummary
    # What a manager should hear beside the figures, e.g. a queue staffed mostly by the minimum.
    notes: list[str] = field(default_factory=list)
    # Per voice or chat queue, the agent-hours the minimum while open accounts for.
    minimum: list[MinimumStaffing] = field(default_factory=list)

    def rostered_need(self) -> pd.Series:
        """People rostered per interval start, queues added up: the need shifts must cover."""
        starts = pd.to_datetime(self.plan[INTERVAL_START])
        need = pd.to_numeric(self.plan["rostered"], errors="coerce").fillna(0.0)
        return need.groupby(starts.to_numpy()).sum().astype(float)


def is_plausible_aht(seconds: float) -> bool:
    """A mean handle time a contact center could have: outside this band a unit was misread."""
    low, high = PLAUSIBLE_HANDLE_SECONDS
    return low <= seconds <= high


def default_aht_by_queue(intervals: pd.DataFrame, plausible_only: bool = True) -> dict[str, float]:
    """Mean handle time per queue from the history, each interval's AHT weighted by the contacts
    it was measured on: its answered count where the history has one, else its volume. Queues
    without AHT (or, with `plausible_only`, with an implausible one: the import notes say why)
    are left out."""
    if AHT_SECONDS not in intervals or intervals.empty:
        return {}
    aht = pd.to_numeric(intervals[AHT_SECONDS], errors="coerce").to_numpy(dtype=float)
    weight = handled_contacts(intervals)
    usable = np.isfinite(aht) & np.isfinite(weight) & (weight > 0) & (aht > 0)
    if not usable.any():
        return {}
    known = pd.DataFrame(
        {QUEUE: intervals[QUEUE].to_numpy()[usable], "weighted": aht[usable] * weight[usable],
         "weight": weight[usable]}
    )  # fmt: skip
    sums = known.groupby(QUEUE, sort=True)[["weighted", "weight"]].sum()
    learned = {str(queue): float(row.weighted / row.weight) for queue, row in sums.iterrows()}
    if plausible_only:
        return {queue: seconds for queue, seconds in learned.items() if is_plausible_aht(seconds)}
    return learned


def handled_contacts(intervals: pd.DataFrame) -> np.ndarray:
    """Per interval, the contacts its handle time is a mean over: the answered ones where the
    history counts them (abandoned calls have no handle time, so weighing an interval's AHT by
    all its contacts over-weighs the busy, high-abandon hours), else every contact."""
    volume = pd.to_numeric(intervals[VOLUME], errors="coerce").to_numpy(dtype=float)
    if ANSWERED not in intervals:
        return volume
    answered = pd.to_numeric(intervals[ANSWERED], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(answered), answered, volume)


def forecast_handle_times(
    forecast_frame: pd.DataFrame,
    aht_by_queue: dict[str, float] | None,
    aht_profile: pd.DataFrame | None = None,
    fallback_seconds: float = math.nan,
) -> np.ndarray:
    """Each forecast row's handle time in seconds: its queue's AHT (`aht_by_queue`, else
    `fallback_seconds`; NaN when neither) times its weekday and time's ratio in `aht_profile`.

    What a plan staffs each interval with before any what-if, and what `cli.py forecast` writes
    next to the volumes, so staffing that file gives the plan's agents."""
    known_aht = {
        queue: float(seconds)
        for queue, seconds in (aht_by_queue or {}).items()
        if seconds is not None and math.isfinite(float(seconds)) and float(seconds) > 0
    }
    queues = forecast_frame[QUEUE].astype(str)
    aht = queues.map(known_aht).astype(float).fillna(fallback_seconds).to_numpy()
    return aht * aht_factors(forecast_frame, aht_profile)


def scenario_demand(
    forecast_frame: pd.DataFrame,
    scenario: Scenario,
    aht_by_queue: dict[str, float] | None = None,
    aht_profile: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The volume and AHT the scenario staffs to: chosen quantile and AHT, both scaled by the
    what-ifs on the days of the scenario's change (every day when it has no period). A queue in
    `aht_profile` (from `aht_profiles`) has its AHT shaped by weekday and time of day."""
    missing = [
        name
        for name in (INTERVAL_START, QUEUE, scenario.forecast_column)
        if name not in forecast_frame
    ]
    if missing:
        raise InputError(
            f"Forecast table lacks column(s) {', '.join(missing)} needed for scenario "
            f"'{scenario.name}'; run the forecast again."
        )
    volume = pd.to_numeric(forecast_frame[scenario.forecast_column], errors="coerce")
    volume = volume.fillna(0.0).clip(lower=0.0).to_numpy(dtype=float)
    changed = scenario.changes_on(forecast_frame[INTERVAL_START])
    volume_factor = np.where(changed, 1.0 + scenario.volume_change_pct / 100.0, 1.0)
    base_aht = float(scenario.staffing.aht_seconds)
    queues = forecast_frame[QUEUE].astype(str)
    aht = forecast_handle_times(forecast_frame, aht_by_queue, aht_profile, base_aht)
    aht_factor = np.where(changed, 1.0 + scenario.aht_change_pct / 100.0, 1.0)
    # Read as the staffing layer reads it: "no" or "false" is closed, not truthy text.
    is_open = (
        open_flags(forecast_frame)
        if IS_OPEN in forecast_frame
        else np.ones(len(forecast_frame), dtype=bool)
    )
    return pd.DataFrame(
        {
            INTERVAL_START: forecast_frame[INTERVAL_START].to_numpy(),
            QUEUE: queues.to_numpy(),
            VOLUME: volume * volume_factor,
            AHT_SECONDS: aht * aht_factor,
            IS_OPEN: is_open,
        }
    )


def build_plan(
    forecast_frame: pd.DataFrame,
    interval_minutes: int,
    scenario: Scenario,
    aht_by_queue: dict[str, float] | None = None,
    aht_profile: pd.DataFrame | None = None,
) -> PlanOutcome:
    """Staff the scenario's demand interval by interval and summarise it.

    Agents are sized on the scenario's forecast quantile; the volume, service level, ASA,
    occupancy, abandonment and e-mail backlog reported are what those agents deliver on the
    mean forecast, the contacts expected. Staffing to P80 thus shows the buffer it buys: a
    higher expected service level and a lower occupancy than staffing to the mean. The plan's
    `sized_for_volume` column keeps the volume each interval was sized for.

    `aht_by_queue` (queue -> seconds, e.g. from `default_aht_by_queue`) wins over the scenario's
    own AHT for the queues it names; the scenario's AHT change applies to both. `aht_profile`
    (from `aht_profiles`) shapes either by weekday and time of day.
    """
    demand = scenario_demand(forecast_frame, scenario, aht_by_queue, aht_profile)
    settings = scenario.staffing  # its AHT is only the fallback: demand has every row's AHT
    if scenario.quantile == MEAN_QUANTILE:
        plan = plan_staffing(demand, interval_minutes, settings)
        plan.insert(plan.columns.get_loc(VOLUME) + 1, SIZED_FOR_VOLUME, plan[VOLUME].to_numpy())
    else:
        expected = scenario_demand(
            forecast_frame,
            dataclasses.replace(scenario, quantile=MEAN_QUANTILE),
            aht_by_queue,
            aht_profile,
        )
        plan = plan_sized_on(expected, demand[VOLUME].to_numpy(), interval_minutes, settings)
    minimum = minimum_staffing(plan, interval_minutes, settings.min_agents_open)
    # The hour a clock going forward skips is listed closed, but never lived: the FTE and cost
    # per day spread the paid hours over the 71 hours of a spring weekend, as `staff` does.
    slots = len(plan.groupby(interval_keys(plan)).size())
    skipped = clock_skipped_starts(plan, interval_minutes).isin(plan[INTERVAL_START]).sum()
    horizon_hours = (slots - int(skipped)) * float(interval_minutes) / 60.0
    summary = summarise_plan(plan, interval_minutes, settings, horizon_hours=horizon_hours)
    return PlanOutcome(
        plan=plan,
        summary=summary,
        notes=[
            minimum_staffing_note(
                found,
                interval_minutes,
                settings.min_agents_open,
                paid_hours=summary.paid_hours,
                cost=summary.cost_horizon,
            )
            for found in mostly_minimum(minimum)
        ]
        + [
            note
            for note in [
                measured_chat_handle_note(
                    settings, _staffed_handle_times(forecast_frame, aht_by_queue, aht_profile)
                ),
                slow_email_note(plan, settings),
            ]
            if note
        ],
        minimum=minimum,
    )


def _staffed_handle_times(
    forecast_frame: pd.DataFrame,
    aht_by_queue: dict[str, float] | None,
    aht_profile: pd.DataFrame | None,
) -> dict[str, float]:
    """Per queue with a measured handle time, the one its open intervals are staffed with,
    weighted by the mean forecast: the figure `staff` gives for the file `forecast` writes.
    The history's own mean ('all' 176 s) read 1 s off the shaped week's (177 s)."""
    if not aht_by_queue or forecast_frame.empty:
        return {}
    frame = pd.DataFrame(
        {
            QUEUE: forecast_frame[QUEUE].astype(str).to_numpy(),
            AHT_SECONDS: forecast_handle_times(forecast_frame, aht_by_queue, aht_profile),
            VOLUME: pd.to_numeric(forecast_frame.get("forecast", 0.0), errors="coerce"),
        }
    )
    frame[VOLUME] = frame[VOLUME].fillna(0.0).clip(lower=0.0)
    is_open = open_flags(forecast_frame) if IS_OPEN in forecast_frame else True
    frame = frame[is_open & frame[QUEUE].isin(list(aht_by_queue)) & frame[AHT_SECONDS].notna()]
    return mean_handle_times(frame) if not frame.empty else {}


def clock_skipped_starts(plan: pd.DataFrame, interval_minutes: float) -> pd.DatetimeIndex:
    """The starts of the hour a clock going forward skips: a whole hour a spring clock change
    can name (see forecasting.clock_change.could_be_skipped_hour) that a queue open on both
    sides of it has closed. A queue closed at night tells nothing of the clock."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    open_rows = plan[open_flags(plan)] if IS_OPEN in plan else plan
    skipped = pd.DatetimeIndex([])
    for _, starts in pd.to_datetime(open_rows[INTERVAL_START]).groupby(open_rows[QUEUE]):
        listed = pd.DatetimeIndex(starts.dropna()).unique().sort_values()
        if listed.size < 2:
            continue
        missing = pd.date_range(listed[0], listed[-1], freq=step).difference(listed)
        if missing.empty:
            continue
        breaks = np.flatnonzero(missing[1:] - missing[:-1] != step) + 1
        for first, last in zip(np.r_[0, breaks], np.r_[breaks - 1, missing.size - 1], strict=True):
            if could_be_skipped_hour(missing[first], missing[last], interval_minutes):
                skipped = skipped.union(missing[first : last + 1])
    return skipped
