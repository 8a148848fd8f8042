"""`cli.py inspect FILE...`: import exports and print what was read as one JSON object."""

from __future__ import annotations

import argparse
import json
import math

from cli_commands.options import (
    add_import_arguments,
    distinct_files,
    import_options,
    one_line_errors,
)
from data import schema
from data.importer import ImportResult, import_files_detailed
from planning.patience import patience_by_queue


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "inspect",
        help="read contact-history exports and summarise them as JSON",
        description="Read one or more exports (one queue per file) and print a JSON summary.",
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = import_files_detailed(distinct_files(args.files), import_options(args))
    print(json.dumps(summarise(result), ensure_ascii=False))
    return 0


def summarise(result: ImportResult) -> dict:
    """The inspect summary: shape, size, time span, interval, queues, outcomes when the export
    counts them, handle time and satisfaction of records, callers' patience when it can tell."""
    dataset = result.dataset
    summary = {
        "kind": dataset.kind,
        "rows": result.rows,
        "contacts": _number(result.contacts),
        "start": result.first_interval.isoformat(),
        "end": result.last_interval.isoformat(),
        "interval_minutes": dataset.interval_minutes,
        "queues": dataset.queues,
    }
    summary["answered"] = dataset.answered
    summary["abandoned"] = dataset.abandoned
    if dataset.kind == schema.KIND_RECORDS:
        summary["mean_handle_seconds"] = (
            None if dataset.mean_handle_seconds is None else round(dataset.mean_handle_seconds, 3)
        )
        summary["mean_satisfaction"] = (
            None if dataset.mean_satisfaction is None else round(dataset.mean_satisfaction, 3)
        )
    # Per queue, for --patience-seconds (Erlang A): total wait of all callers / abandoned.
    summary["patience_seconds"] = {
        queue: round(estimate.seconds, 1)
        for queue, estimate in patience_by_queue(dataset.intervals).items()
    }
    summary["files"] = [
        {"name": report.name, "rows": report.rows, "columns": report.columns}
        for report in result.files
    ]
    summary["notes"] = dataset.notes
    return summary


def _number(value: float) -> int | float:
    """Whole totals as integers; imputed halves (x.5) stay floats."""
    return int(value) if math.isfinite(value) and float(value).is_integer() else float(value)
