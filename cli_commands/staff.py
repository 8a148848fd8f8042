"""`cli.py staff FORECAST.csv ... --out PLAN.csv`: agents, people and service per interval."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from cli_commands.options import (
    add_staffing_arguments,
    check_out,
    one_line_errors,
    queue_channels_note,
    staffing_settings,
    unusual_settings,
    write_csv,
)
from cli_commands.words import counted
from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE, VOLUME
from staffing.plan import (
    NO_CONTACTS_NOTE,
    STAFF_COLUMNS,
    blank_when_closed,
    minimum_staffing_notes,
    plan_staffing,
    service_level_text,
    summarise_plan,
)

PLAN_COLUMNS = [INTERVAL_START, VOLUME, *STAFF_COLUMNS]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "staff",
        help="turn a forecast CSV into agents, rostered people and supervisors per interval",
        description=(
            "Read FORECAST.csv (interval_start, volume or forecast; optional aht_seconds, "
            "queue, is_open) and write the staffing plan to PLAN.csv."
        ),
    )
    parser.add_argument("forecast", metavar="FORECAST.csv", help="forecast table")
    parser.add_argument("--out", required=True, metavar="PLAN.csv", help="plan to write")
    add_staffing_arguments(parser, targets_required=True)
    parser.add_argument("--interval-minutes", type=float, help="default: read from the CSV")
    one_line_errors(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_out(args.out)
    forecast = _read_forecast(Path(args.forecast))
    if args.aht_seconds is None and "aht_seconds" not in forecast:
        raise InputError(
            f"{args.forecast} has no aht_seconds column: give --aht-seconds (e.g. 300)"
        )
    queues = forecast[QUEUE].dropna().astype(str).unique() if QUEUE in forecast else []
    settings = staffing_settings(args, queues)
    interval_minutes = _interval_minutes(forecast, args.forecast, args.interval_minutes)
    plan = plan_staffing(forecast, interval_minutes, settings)
    columns = list(PLAN_COLUMNS)
    if QUEUE in forecast:
        columns.insert(1, QUEUE)
    if args.patience_seconds is not None:
        columns.append("abandon_rate")
    if (plan["channel"] == "email").any():
        columns.append("backlog")
    write_csv(blank_when_closed(plan)[columns], args.out)
    summary = summarise_plan(
        plan, interval_minutes, settings, horizon_hours=_horizon_hours(plan, interval_minutes)
    )
    low, high = summary.supervisors_band
    print(
        f"wrote {counted(len(plan), 'interval')} to {args.out}: peak "
        f"{counted(summary.peak_agents, 'agent')}, {summary.peak_rostered} rostered, "
        f"{counted(summary.peak_supervisors, 'supervisor')} "
        f"(band {low}-{high}), {summary.fte:.1f} FTE, cost EUR {summary.cost_horizon:,.0f} "
        f"(EUR {summary.agent_hourly_cost:g}/h agent, {summary.supervisor_hourly_cost:g}/h "
        f"supervisor), service level {service_level_text(summary)}"
    )
    for note in [
        *unusual_settings(args, settings, plan[QUEUE].unique()),
        queue_channels_note(settings),
    ]:
        if note:
            print(f"note: {note}")
    if not summary.has_contacts:
        print(f"note: {NO_CONTACTS_NOTE}")
    for note in minimum_staffing_notes(plan, interval_minutes, settings.min_agents_open):
        print(f"note: {note}")
    return 0


def _read_forecast(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path)
    except FileNotFoundError as error:
        raise InputError(f"{path}: file not found") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV table ({error})") from error


def _horizon_hours(plan: pd.DataFrame, interval_minutes: float) -> float:
    """The hours the forecast covers, to spread the paid hours over (FTE, cost per day/week):
    the whole days from its first to its last interval. `cli.py forecast` writes only the open
    intervals, so counting the rows would leave out the closed nights and weekends and
    multiply the FTE of a queue open 9 to 5."""
    starts = pd.to_datetime(plan[INTERVAL_START])
    listed = starts.nunique() * float(interval_minutes) / 60.0
    if starts.empty:
        return listed
    days = (starts.max().normalize() - starts.min().normalize()).days + 1
    return max(listed, days * 24.0)


def _interval_minutes(forecast: pd.DataFrame, name: str, given: float | None = None) -> float:
    """The shortest step between consecutive intervals of a queue, or the --interval-minutes
    `given`, once it is no longer than that step: a longer one would spread each interval's
    contacts over time the next interval's contacts also use (30 on 15-minute data halves the
    agents)."""
    if given is not None and not given > 0:
        raise InputError(
            f"--interval-minutes must be greater than 0, got {given:g}; give the length of "
            f"{name}'s intervals (e.g. 15) or leave it out to read it from the file"
        )
    if INTERVAL_START not in forecast:
        return given or 15.0  # the plan layer names the missing column
    if forecast.empty:
        raise InputError(f"{name} has no intervals, only its header: nothing to staff")
    with warnings.catch_warnings():  # odd formats parse one by one
        warnings.simplefilter("ignore", UserWarning)
        starts = pd.to_datetime(forecast[INTERVAL_START], errors="coerce")
    if starts.isna().any():
        return given or 15.0  # the plan layer names the row whose start is not a date
    groups = forecast[QUEUE].astype(str) if QUEUE in forecast else pd.Series("all", forecast.index)
    steps = (
        pd.DataFrame({"queue": groups, "start": starts})
        .dropna()
        .drop_duplicates()
        .sort_values(["queue", "start"])
        .groupby("queue")["start"]
        .diff()
        .dt.total_seconds()
        .to_numpy()
    )
    steps = steps[np.isfinite(steps) & (steps > 0)]
    if steps.size == 0:
        if given is not None:
            return given
        raise InputError(
            f"{name}: cannot tell the interval length from one interval; give --interval-minutes"
        )
    step = float(steps.min()) / 60.0
    if given is not None and given > step + 1e-9:
        raise InputError(
            f"--interval-minutes {given:g} is longer than the {step:g} minutes between {name}'s "
            f"intervals: each interval's contacts would be taken as spread over {given:g} "
            f"minutes, so too few agents. Give --interval-minutes {step:g} or leave it out."
        )
    return given if given is not None else step
