"""`cli.py plan FILE... --horizon-days D --out PLAN.csv`: import, forecast and staff in one go."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from cli_commands.options import (
    add_forecast_arguments,
    add_import_arguments,
    add_staffing_arguments,
    forecast_settings,
    import_options,
    one_line_errors,
    staffing_settings,
)
from data.errors import InputError
from data.importer import import_files
from data.schema import IS_OPEN, QUEUE, Dataset
from forecasting import forecast_dataset
from planning import QUANTILES, Scenario, build_plan, default_aht_by_queue


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="forecast contact-history exports and staff the forecast, interval by interval",
        description=(
            "Import FILE(s), forecast the next --horizon-days and write agents, rostered people, "
            "supervisors, expected service and cost per open interval to --out PLAN.csv."
        ),
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    add_staffing_arguments(parser)
    group = parser.add_argument_group("scenario")
    group.add_argument(
        "--quantile", choices=QUANTILES, default="mean", help="forecast to staff to (default mean)"
    )
    group.add_argument("--volume-change-pct", type=float, default=0.0, help="e.g. 20 = +20%%")
    group.add_argument("--aht-change-pct", type=float, default=0.0, help="e.g. -10 = 10%% faster")
    parser.add_argument("--out", required=True, metavar="PLAN.csv", help="plan to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = Scenario(
        name="plan",
        volume_change_pct=args.volume_change_pct,
        aht_change_pct=args.aht_change_pct,
        quantile=args.quantile,
        staffing=staffing_settings(args),
    )
    dataset = _only_queues(import_files(args.files, import_options(args)), args.queue)
    aht_by_queue = _handle_times(dataset, args.aht_seconds)
    result = forecast_dataset(dataset, args.horizon_days, forecast_settings(args))
    outcome = build_plan(result.forecast, dataset.interval_minutes, scenario, aht_by_queue)
    plan = outcome.plan[outcome.plan[IS_OPEN]].drop(columns=IS_OPEN)
    plan.to_csv(args.out, index=False)
    summary = outcome.summary
    models = ", ".join(f"{queue}: {model}" for queue, model in result.chosen_models.items())
    print(
        f"wrote {len(plan)} open intervals to {args.out} (models {models}; staffed to "
        f"{args.quantile}): peak {summary.peak_agents} agents, {summary.peak_rostered} rostered, "
        f"{summary.peak_supervisors} supervisors, {summary.fte:.1f} FTE, "
        f"cost EUR {summary.cost_horizon:,.0f}, service level {summary.service_level:.1%}",
        file=sys.stdout,
    )
    return 0


def _only_queues(dataset: Dataset, queues: list[str] | None) -> Dataset:
    if not queues:
        return dataset
    unknown = sorted(set(queues) - set(dataset.queues))
    if unknown:
        raise InputError(
            f"--queue {', '.join(unknown)}: no such queue in the data; "
            f"the queues are {', '.join(dataset.queues)}."
        )
    return dataclasses.replace(
        dataset,
        intervals=dataset.intervals[dataset.intervals[QUEUE].isin(queues)],
        open_hours=dataset.open_hours[dataset.open_hours[QUEUE].isin(queues)],
    )


def _handle_times(dataset: Dataset, aht_seconds: float | None) -> dict[str, float] | None:
    """--aht-seconds for every queue when given, else each queue's AHT learned from the data."""
    if aht_seconds is not None:
        return None
    learned = default_aht_by_queue(dataset.intervals)
    unknown = [queue for queue in dataset.queues if queue not in learned]
    if unknown:
        raise InputError(
            f"The data has no handle times for queue(s) {', '.join(unknown)}: "
            "give --aht-seconds (e.g. 300)."
        )
    return learned
