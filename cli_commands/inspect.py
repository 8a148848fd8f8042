"""`cli.py inspect FILE...`: import exports and print what was read as one JSON object."""

from __future__ import annotations

import argparse
import json
import math
import textwrap

from cli_commands.options import (
    add_import_arguments,
    distinct_files,
    file_names,
    import_options,
    one_line_errors,
)
from data import schema
from data.importer import ImportResult, import_files_detailed
from planning.patience import MIN_ABANDONED, patience_by_queue

SUMMARY_KEYS_HELP = f"""\
The JSON's keys:
  kind             intervals (one row per interval with a count) or records (one per contact)
  rows             rows read, over every file
  contacts         contacts counted
  start, end       starts of the first and the last interval with data, on the centre's clock
  interval_minutes length of the intervals the contacts are counted in
  queues           the queues (a file without a queue column is one queue, named after it)
  answered, abandoned
                   contacts with that outcome (null where the export has no outcome column)
  mean_handle_seconds
                   records only: mean handle time of the contacts served, in seconds
  mean_satisfaction
                   records only: mean satisfaction score (null where there is none)
  patience_seconds per queue, the callers' mean patience in seconds (their total wait over
                   those who abandoned), to give plan and staff --patience-seconds; a queue
                   with no waits or under {MIN_ABANDONED} abandoned calls has none
  files            per file: its name, rows read and the column read for each field
  notes            what the import noticed (forecast, backtest and plan print them as import:)"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "inspect",
        help="read contact-history exports and summarise them as JSON",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Read one or more exports and print a JSON summary: the queues a file's queue "
            "column names, or, without one, one queue named after the file."
        ),
        epilog=SUMMARY_KEYS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    files = distinct_files(args.files)
    result = import_files_detailed(files, import_options(args), file_names(files))
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
