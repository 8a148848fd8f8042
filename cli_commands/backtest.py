"""`cli.py backtest FILE... --out METRICS.csv`: rolling-origin accuracy of every model per queue."""

from __future__ import annotations

import argparse
import dataclasses

from cli_commands.notes import print_import_notes
from cli_commands.options import (
    add_forecast_arguments,
    add_import_arguments,
    check_horizon,
    check_origin,
    check_queues,
    forecast_settings,
    import_options,
    one_line_errors,
)
from data.errors import InputError
from data.importer import import_files
from forecasting import backtest_dataset

DEFAULT_HORIZON_DAYS = 14
DEFAULT_ORIGINS = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backtest",
        help="measure every model's accuracy on past weeks (rolling origins)",
        description=(
            "Import FILE(s), forecast from weekly origins in the past and write WAPE (interval "
            "and daily, by horizon), MASE, bias, 80%% coverage and pinball loss per queue and "
            "model to --out. 'auto' picks at each origin from earlier origins only."
        ),
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    for action in parser._actions:  # the horizon is optional here: two weeks unless given
        if action.dest == "horizon_days":
            action.required = False
            action.default = DEFAULT_HORIZON_DAYS
    parser.add_argument(
        "--origins", type=int, default=DEFAULT_ORIGINS, help="origins to score (default 8)"
    )
    parser.add_argument("--out", required=True, metavar="METRICS.csv", help="table to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_horizon(args.horizon_days)
    if args.origins < 1:
        raise InputError(f"--origins must be 1 or more (got {args.origins}): the origins to score.")
    dataset = import_files(args.files, import_options(args))
    check_queues(dataset, args.queue)
    check_origin(dataset, args.origin)
    print_import_notes(dataset)
    settings = dataclasses.replace(
        forecast_settings(args),
        horizon_days=args.horizon_days,
        n_origins=args.origins,
        queues=tuple(args.queue) if args.queue else None,
    )
    result = backtest_dataset(dataset, settings)
    table = result.table
    table.to_csv(args.out, index=False)
    best = table[table["model"] == "auto"]
    for _, row in best.iterrows():
        print(
            f"{row['queue']}: auto interval WAPE {row['wape_interval']:.3f}, "
            f"daily {row['wape_daily']:.3f}, 80% coverage {row['coverage_80']:.1%} "
            f"({row['chosen']})"
        )
    for note in result.notes:
        print(f"note: {note}")
    print(f"wrote {len(table)} rows to {args.out}")
    return 0
