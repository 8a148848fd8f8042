"""`cli.py forecast FILE... --horizon-days D --out OUT.csv`: forecast every open interval ahead."""

from __future__ import annotations

import argparse
import dataclasses
import textwrap

from cli_commands.notes import (
    empty_horizon_note,
    midday_start_note,
    origin_off_grid_note,
    print_import_notes,
    queues_without_rows_note,
    unusual_intervals_note,
)
from cli_commands.options import (
    add_forecast_arguments,
    add_import_arguments,
    check_horizon,
    check_origin,
    check_out,
    check_queues,
    forecast_settings,
    import_options,
    one_line_errors,
    write_csv,
)
from cli_commands.progress import StderrProgress
from cli_commands.words import counted
from data.importer import import_files
from data.schema import INTERVAL_START, IS_OPEN, QUEUE
from forecasting import forecast_dataset
from forecasting.country import daily_totals, suggest_holiday_country
from forecasting.peaks import describe_peak

OUTPUT_COLUMNS = [INTERVAL_START, QUEUE, "forecast", "p10", "p50", "p90"]
PEAKS_SHOWN = 5
FORECAST_COLUMNS_HELP = """\
OUT.csv columns, one row per open interval and queue (closed intervals are left out):
  interval_start   start of the interval, on the centre's clock
  queue            the queue
  forecast         contacts expected in the interval (the mean; what `staff` sizes on)
  p10, p50, p90    contacts the interval stays under with 10%, 50% and 90% probability"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "forecast",
        help="forecast every open interval after the history (auto-selected model per queue)",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Import FILE(s), pick each queue's model by backtest (or take --model) "
            "and write interval_start, queue, forecast, p10, p50, p90 for every open interval of "
            "the --horizon-days after the history (or after --origin) to --out."
        ),
        epilog=FORECAST_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="forecast to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()  # timed from the start: the import counts
    check_horizon(args.horizon_days)
    check_out(args.out, inputs=args.files)
    settings = forecast_settings(args)  # a --country typo refused before the import
    dataset = import_files(args.files, import_options(args))
    args.queue = check_queues(dataset, args.queue)
    check_origin(dataset, args.origin)
    print_import_notes(dataset)
    if args.queue:
        settings = dataclasses.replace(settings, queues=tuple(args.queue))
    result = forecast_dataset(dataset, args.horizon_days, settings, progress)
    table = result.forecast[result.forecast[IS_OPEN]][OUTPUT_COLUMNS]
    write_csv(table, args.out)
    models = ", ".join(f"{queue}: {model}" for queue, model in result.chosen_models.items())
    print(f"wrote {counted(len(table), 'open interval')} to {args.out} (models {models})")
    empty = empty_horizon_note(result.forecast, dataset.open_hours)
    if empty:
        print(f"note: {empty}")
    for extra in (
        queues_without_rows_note(result.forecast, args.out),
        None if args.origin else midday_start_note(result.forecast),
        origin_off_grid_note(args.origin, dataset.interval_minutes),
        unusual_intervals_note(result.outliers, kept=args.keep_outliers),
    ):
        if extra:
            print(f"note: {extra}")
    for _, peak in result.peaks.head(PEAKS_SHOWN).iterrows():
        print(f"peak {peak['rank']}: {peak[QUEUE]} {describe_peak(peak)}")
    for _, day in result.special_days.iterrows():
        print(
            f"special day: {day[QUEUE]} {day['date']:%a %Y-%m-%d} {day['special_day']}, "
            f"volume x{day['effect']:.2f} of a usual day "
            f"(learned from {counted(int(day['learned_from_days']), 'past day')}: "
            f"{day['learned_from']})"
        )
    for note in result.notes:
        print(f"note: {note}")
    suggestion = suggest_holiday_country(daily_totals(dataset.intervals), settings.country)
    if suggestion:
        best, now = suggestion.suggested, suggestion.current
        against = f", against {now.kept} of {now.holidays} for {now.country}" if now else ""
        print(
            f"hint: the history's quiet days match {best.country}'s public holidays ({best.kept} "
            f"of {best.holidays} on busy weekdays were quiet{against}): try --country "
            f"{best.country}"
        )
    return 0
