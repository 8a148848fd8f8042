"""`cli.py inspect FILE...`: import exports and print what was read as one JSON object."""

from __future__ import annotations

import argparse
import json
import math

from data import schema
from data.importer import ImportOptions, ImportResult, import_files_detailed


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "inspect",
        help="read contact-history exports and summarise them as JSON",
        description="Read one or more exports (one queue per file) and print a JSON summary.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="CSV/TXT export(s)")
    parser.add_argument("--interval-minutes", type=int, help="interval length to aggregate to")
    parser.add_argument("--time-column", help="column with the timestamp (or clock time)")
    parser.add_argument("--date-column", help="column with the date, when time is separate")
    parser.add_argument("--volume-column", help="column with the count per interval")
    parser.add_argument("--queue-column", help="column with the queue/channel name")
    parser.add_argument("--kind", choices=[schema.KIND_INTERVALS, schema.KIND_RECORDS])
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = ImportOptions(
        interval_minutes=args.interval_minutes,
        time_column=args.time_column,
        date_column=args.date_column,
        volume_column=args.volume_column,
        queue_column=args.queue_column,
        kind=args.kind,
    )
    result = import_files_detailed(args.files, options)
    print(json.dumps(summarise(result), ensure_ascii=False))
    return 0


def summarise(result: ImportResult) -> dict:
    """The inspect summary: shape, size, time span, interval, queues and, for records, outcomes."""
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
    if dataset.kind == schema.KIND_RECORDS:
        summary["answered"] = dataset.answered
        summary["abandoned"] = dataset.abandoned
        summary["mean_handle_seconds"] = (
            None if dataset.mean_handle_seconds is None else round(dataset.mean_handle_seconds, 3)
        )
    summary["files"] = [
        {"name": report.name, "rows": report.rows, "columns": report.columns}
        for report in result.files
    ]
    summary["notes"] = dataset.notes
    return summary


def _number(value: float) -> int | float:
    """Whole totals as integers; imputed halves (x.5) stay floats."""
    return int(value) if math.isfinite(value) and float(value).is_integer() else float(value)
