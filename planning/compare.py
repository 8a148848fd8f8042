"""Side-by-side figures of several scenarios: headline deltas against a baseline, and plans."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from data.errors import InputError
from data.schema import VOLUME
from planning.build import PlanOutcome
from staffing.plan import blank_when_closed
from staffing.shifts import BusiestWeek, ShiftPlan, ShiftSettings

SECONDS_PER_HOUR = 3600.0
CONTACTS_ROW = "Contacts"
ASA_ROW = "Expected ASA (s)"
RESPONSE_TIME_ROW = "Expected response time (h)"
ABANDONMENT_ROW = "Expected abandonment"
# (row label, PlanSummary attribute), in the order the comparison lists them. The plan's mean
# wait is a voice or chat ASA in seconds, or an e-mail response time best read in hours: two
# rows, each in one unit, so a download never mixes seconds and hours in one row. Contacts come
# first, from the plan rather than its summary: the horizon's contacts expected (the plan's
# `volume`, the mean forecast with the scenario's volume change), not the quantile the agents
# were sized for (`sized_for_volume`), so staffing to P80 expects as many contacts as the mean.
METRICS = [
    (CONTACTS_ROW, VOLUME),
    ("FTE", "fte"),
    ("Peak agents", "peak_agents"),
    ("Peak rostered people", "peak_rostered"),
    ("Peak supervisors", "peak_supervisors"),
    ("Paid hours", "paid_hours"),
    ("Total cost", "cost_horizon"),
    ("Cost per week", "cost_per_week"),
    ("Expected service level", "service_level"),
    (ASA_ROW, "asa_seconds"),
    (RESPONSE_TIME_ROW, "asa_seconds"),
    ("Expected occupancy", "occupancy"),
    (ABANDONMENT_ROW, "abandon_rate"),
]
METRIC_LABELS = [label for label, _ in METRICS]
LIVE_ONLY_ROWS = (ASA_ROW, ABANDONMENT_ROW)  # nobody hangs up on, or waits on the line for, mail
EMAIL_ONLY_ROWS = (RESPONSE_TIME_ROW,)
SCENARIO = "scenario"  # the plans table's column naming each row's scenario
# The whole shifts covering each scenario's people rostered, after its staffing rows.
SHIFTS_ROW = "Shifts"
PEOPLE_TO_EMPLOY_ROW = "People to employ"
SHIFT_HOURS_ROW = "Paid hours on shifts"
SHIFT_COST_ROW = "Shift cost"
# Beside the staffing "Cost per week", on the same footing (the horizon's cost over its weeks).
SHIFT_COST_PER_WEEK_ROW = "Shift cost per week"
PART_TIME_ROW = "Part time on shifts"
SHIFT_ROWS = [
    SHIFTS_ROW,
    PEOPLE_TO_EMPLOY_ROW,
    SHIFT_HOURS_ROW,
    SHIFT_COST_ROW,
    SHIFT_COST_PER_WEEK_ROW,
    PART_TIME_ROW,
]
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class ShiftFigures:
    """A scenario's shift plan in the comparison's terms: shifts over the horizon, people to
    employ in the busiest week, paid hours on shifts, their cost at the agent rate (supervisors
    apart) and the share of those hours on part-time shifts (a fraction). `busiest_week`: the
    week the people to employ are counted in, which the horizon may hold only part of (not a
    figure: left out of comparisons)."""

    shifts: float
    people_to_employ: float
    paid_hours: float
    cost: float
    part_time_share: float
    busiest_week: BusiestWeek | None = field(default=None, compare=False)

    @classmethod
    def of(cls, plan: ShiftPlan, settings: ShiftSettings, agent_hourly_cost: float) -> ShiftFigures:
        by_shift = plan.paid_hours_by_shift()
        full_time = float(by_shift.get(settings.types()[0].name, 0.0))
        busiest = plan.busiest_week(settings.shifts_per_week)
        return cls(
            shifts=float(plan.shifts["people"].sum()),
            people_to_employ=float(busiest.people if busiest is not None else 0),
            paid_hours=plan.paid_hours,
            cost=plan.paid_hours * agent_hourly_cost,
            part_time_share=1.0 - full_time / plan.paid_hours if plan.paid_hours else 0.0,
            busiest_week=busiest,
        )

    @classmethod
    def unknown(cls) -> ShiftFigures:
        """No shift plan (its shifts cannot cover the need): every figure missing."""
        return cls(*[math.nan] * 5)

    def values(self) -> list[float]:
        """The figures in the order of SHIFT_ROWS."""
        return [
            self.shifts,
            self.people_to_employ,
            self.paid_hours,
            self.cost,
            self.part_time_share,
        ]


# A plan at its part-time cap uses the cap give or take the solver's tolerance (14.9% under
# 15%); one point below it, the cap is not what limits the part time.
CAP_SLACK = 0.01


def _cap_words(share: float) -> str:
    return "no cap" if share >= 1 else f"its {share:.0%} cap"


def comparable_part_time_caps(shifts: dict[str, ShiftSettings], baseline: str) -> dict[str, float]:
    """Each scenario's part-time cap as a plan can use it (0 without a part-time shift), for
    the scenarios whose shifts differ from `baseline`'s in that cap alone: only there does a
    plan under the baseline's cap show that raising it changes nothing. A baseline without part
    time (its length 0) saved 444 shift hours against the 50% example, yet had been said to
    change nothing."""
    if baseline not in shifts:
        return {}
    base = shifts[baseline]
    return {
        name: settings.part_max_share if settings.has_part_time else 0.0
        for name, settings in shifts.items()
        if replace(settings, part_max_share=base.part_max_share) == base
    }


def idle_part_time_caps(
    figures: dict[str, ShiftFigures], caps: dict[str, float], baseline: str
) -> str | None:
    """Why a scenario that allows more part time than `baseline` can plan no more of it: its
    plan uses less part time than even the baseline's cap allows, so that cap would not have
    held it back either and the raise changes nothing.

    `figures`: each scenario's shift figures; `caps`: each one's part-time cap, a fraction of
    the paid hours (1 for none). None when no raised cap sits idle.
    """
    if baseline not in figures or baseline not in caps:
        return None
    base_cap = caps[baseline]
    raised = {
        name: shown
        for name, shown in figures.items()
        if name != baseline
        and name in caps
        and caps[name] > base_cap
        and not math.isnan(shown.part_time_share)
    }
    below = [name for name, shown in raised.items() if shown.part_time_share < base_cap - CAP_SLACK]
    # A plan near the baseline's cap can still be the baseline's plan itself: the raise let the
    # solver use more part time and the fewest paid hours did not need it.
    same = [
        name for name, shown in raised.items() if name not in below and shown == figures[baseline]
    ]
    sentences = []
    if below:
        sentences.append(
            "; ".join(
                f"'{name}' plans {raised[name].part_time_share:.1%} part time under "
                f"{_cap_words(caps[name])}"
                for name in below
            )
            + f", less than the {base_cap:.0%} of '{baseline}' allows: the fewest paid hours use "
            "no more part time than that, so the higher cap changes nothing here."
        )
    if same:
        sentences.append(
            "; ".join(
                f"'{name}' plans the same shifts, people and hours as '{baseline}' under {_cap_words(caps[name])}"
                for name in same
            )
            + f" ({figures[baseline].part_time_share:.1%} part time): the fewest paid hours need "
            f"no more part time than '{baseline}' already plans, so the higher cap changes nothing "
            "here."
        )
    if not sentences:
        return None
    return " ".join(sentences) + (
        " The Shifts page's table of other caps shows where a cap starts to count."
    )


def is_email_only(outcome: PlanOutcome) -> bool:
    """True when every queue of the plan is e-mail: its summary then reports e-mail's figures
    (answered within the response window, mean response time) instead of the live ones."""
    plan = outcome.plan
    return "channel" in plan and not plan.empty and bool((plan["channel"] == "email").all())


def contacts_expected(outcome: PlanOutcome) -> float:
    """The contacts (calls, chats or e-mails) the plan expects over its horizon: the sum of its
    `volume`, the mean forecast after the scenario's volume change."""
    plan = outcome.plan
    if VOLUME not in plan or plan.empty:
        return 0.0
    return float(pd.to_numeric(plan[VOLUME], errors="coerce").fillna(0.0).sum())


def summary_figures(outcome: PlanOutcome) -> list[float]:
    """The comparison metrics of one outcome; NaN where the plan has no such figure."""
    email = is_email_only(outcome)
    values = []
    for label, attribute in METRICS:
        if label == CONTACTS_ROW:
            values.append(contacts_expected(outcome))
            continue
        value = getattr(outcome.summary, attribute)
        if value is None or label in (LIVE_ONLY_ROWS if email else EMAIL_ONLY_ROWS):
            values.append(math.nan)
        elif label == RESPONSE_TIME_ROW:
            values.append(float(value) / SECONDS_PER_HOUR)
        else:
            values.append(float(value))
    return values


def relevant_metrics(outcomes: dict[str, PlanOutcome]) -> list[str]:
    """The row labels that apply to at least one of `outcomes`: the e-mail rows only with an
    e-mail plan among them, the live (voice, chat) rows only with a live plan."""
    email = [is_email_only(outcome) for outcome in outcomes.values()]
    return [
        label
        for label in METRIC_LABELS
        if not (label in EMAIL_ONLY_ROWS and not any(email))
        and not (label in LIVE_ONLY_ROWS and all(email))
    ]


def compare_scenarios(
    outcomes: dict[str, PlanOutcome],
    baseline: str,
    shifts: dict[str, ShiftFigures] | None = None,
) -> pd.DataFrame:
    """One row per metric, one column per scenario, then `<name> Δ` and `<name> Δ%` columns
    for every scenario other than the baseline (Δ% is NaN where the baseline figure is 0).
    With `shifts` (by scenario name; missing names count as unknown), the SHIFT_ROWS follow;
    their cost per week is the shift cost over the horizon's weeks, as the staffing cost's is.

    Every row is in one unit, named in its label where it has one; rates are fractions.
    """
    if baseline not in outcomes:
        raise InputError(
            f"Baseline scenario '{baseline}' is not among the compared scenarios "
            f"({', '.join(outcomes) or 'none'}); pick one of them as the baseline."
        )
    labels = METRIC_LABELS + (SHIFT_ROWS if shifts is not None else [])
    figures = {name: summary_figures(outcome) for name, outcome in outcomes.items()}
    if shifts is not None:
        for name, outcome in outcomes.items():
            shown = shifts.get(name, ShiftFigures.unknown())
            weeks = outcome.summary.horizon_days / DAYS_PER_WEEK
            per_week = shown.cost / weeks if weeks else math.nan
            figures[name] += [*shown.values()[:4], per_week, shown.part_time_share]
    table = pd.DataFrame(figures, index=pd.Index(labels, name="metric"))
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


def plans_side_by_side(outcomes: dict[str, PlanOutcome]) -> pd.DataFrame:
    """Every scenario's per-interval plan in one long table, `scenario` first, in the order
    of `outcomes`; closed intervals without contacts carry no service figures."""
    frames = [
        blank_when_closed(outcome.plan).assign(**{SCENARIO: name})
        for name, outcome in outcomes.items()
    ]
    if not frames:
        return pd.DataFrame(columns=[SCENARIO])
    table = pd.concat(frames, ignore_index=True)
    return table[[SCENARIO, *[column for column in table.columns if column != SCENARIO]]]
