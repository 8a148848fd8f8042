"""`cli.py backtest FILE... --out METRICS.csv`: rolling-origin accuracy of every model per queue."""

from __future__ import annotations

import argparse
import dataclasses
import textwrap

import pandas as pd

from cli_commands.notes import print_import_notes
from cli_commands.options import (
    TO_STDOUT_HELP,
    add_forecast_arguments,
    add_import_arguments,
    check_horizon,
    check_origin,
    check_out,
    check_queues,
    distinct_files,
    file_names,
    forecast_settings,
    import_options,
    one_line_errors,
    out_name,
    whole_number,
    write_csv,
)
from cli_commands.progress import StderrProgress
from cli_commands.words import counted, note_in_option_words, queue_text
from data.dates import day_text
from data.errors import InputError
from data.importer import import_files
from data.schema import INTERVAL_START, QUEUE, VOLUME, Dataset
from forecasting import ForecastSettings, backtest_dataset
from forecasting.backtest import BacktestRuns
from forecasting.settings import AUTO, MAX_HORIZON_DAYS

DEFAULT_HORIZON_DAYS = 14
DEFAULT_ORIGINS = 8
PAGE = ForecastSettings()  # the origins the Forecast page backtests on
# How METRICS.csv and the summary lines write the shares: the summary printed coverage as
# 81.7% beside the file's 0.817.
FRACTIONS = "WAPE, bias and coverage as fractions: 0.817 = 81.7%"
METRICS_COLUMNS_HELP = """\
METRICS.csv columns, one row per queue and model (auto: the model picked at each origin);
WAPE, bias and coverage are fractions (0.15 = 15%), as the summary prints them:
  queue            the queue
  model            the forecasting model, as --model names it
  n_origins        weekly origins scored
  wape_interval    sum |actual - forecast| / sum actual over the open intervals (0.15 = 15%)
  noise_floor      the wape_interval a forecast of the true mean would still score, from the
                   contacts' Poisson chance alone: only the error above it can be removed
  wape_daily       the same on each day's total
  wape_interval_d1, wape_daily_d1 (and _d2_7, _d8_14, _d15_28)
                   the same on the forecast's first day (days 2-7, 8-14, 15-28), as far as
                   --horizon-days reaches
  mase             mean absolute error over that of copying the same interval a week earlier,
                   in the history (Hyndman & Koehler 2006): below 1 beats that copy
  bias             sum (forecast - actual) / sum actual: above 0 forecasts too many contacts
  coverage_80      share of intervals whose contacts fell inside the P10-P90 band (0.8 when
                   the band is right)
  pinball          mean pinball loss of P10, P50 and P90, in contacts per interval (lower is
                   better)
  fit_seconds      seconds to fit the model, per origin
  chosen           auto only: the models picked, with how many origins each (x2)"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backtest",
        help="measure every model's accuracy on past weeks (rolling origins)",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Import FILE(s), forecast from weekly origins in the past and write WAPE (interval "
            "and daily, by horizon), MASE, bias, 80% coverage and pinball loss per queue and "
            "model to --out. 'auto' picks at each origin from earlier origins only. "
            "The app's Forecast page backtests otherwise: "
            f"{PAGE.n_origins} weekly origins over min(max(horizon, 7), 28) days, auto picking "
            f"from all {PAGE.n_origins} and each week's P10-P90 band calibrated on the other "
            f"weeks. Here each origin's pick and band come only from up to "
            f"{PAGE.selection_origins} earlier origins whose days had passed (no peeking), so "
            "coverage and WAPE can differ from the page's."
        ),
        epilog=METRICS_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    for action in parser._actions:  # the horizon is optional here: two weeks unless given
        if action.dest == "horizon_days":
            action.required = False
            action.default = DEFAULT_HORIZON_DAYS
            action.help = (
                f"days each backtest forecasts from its origin, 1 to {MAX_HORIZON_DAYS} "
                f"(default {DEFAULT_HORIZON_DAYS}); 2w reads 14"
            )
        if action.dest == "origin":  # the weekly origins are chosen before it, not from it
            action.help = (
                "backtest only the history before this date or date and time on the centre's "
                "clock, e.g. 2024-03-04 (default: the whole history)"
            )
    parser.add_argument(
        "--origins",
        type=whole_number("weekly origins", "1 or more"),
        default=DEFAULT_ORIGINS,
        help=f"weekly origins to score, the latest ones (default {DEFAULT_ORIGINS})",
    )
    parser.add_argument(
        "--out", required=True, metavar="METRICS.csv", help="table to write" + TO_STDOUT_HELP
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()  # timed from the start: the import counts
    check_horizon(args.horizon_days)
    check_out(args.out, inputs=args.files)
    args.files = distinct_files(args.files)
    settings = forecast_settings(args)  # a --country typo refused before the import
    if args.origins < 1:
        raise InputError(
            f"--origins must be 1 or more (got {args.origins}): the weekly origins to score, "
            f"e.g. {DEFAULT_ORIGINS}."
        )
    dataset = import_files(args.files, import_options(args), file_names(args.files))
    args.queue = check_queues(dataset, args.queue)
    check_origin(dataset, args.origin)
    print_import_notes(dataset, args.queue)
    settings = dataclasses.replace(
        settings,
        horizon_days=args.horizon_days,
        n_origins=args.origins,
        queues=tuple(args.queue) if args.queue else None,
    )
    try:
        result = backtest_dataset(dataset, settings, progress)
    except InputError as error:
        raise InputError(_horizon_option(str(error), args.horizon_days)) from error
    table = result.table
    write_csv(table, args.out)
    best = table[table["model"] == "auto"]
    for _, row in best.iterrows():
        scored = result.runs[row[QUEUE]].origin_times[-int(row["n_origins"]) :]
        print(f"{_auto_line(row, args.horizon_days, args.model)}; {_scored_text(scored)}")
    for note in result.notes:
        print(f"note: {note_in_option_words(_horizon_option(note, args.horizon_days))}")
    for queue, scored in best.set_index(QUEUE)["n_origins"].items():
        if scored < args.origins:
            print(f"note: {_fewer_origins(dataset, result.runs[queue], int(scored), args)}")
    print(f"wrote {counted(len(table), 'row')} to {out_name(args.out)} ({FRACTIONS})")
    return 0


# The package's advice, in the option that follows it: "backtest a shorter horizon" left the
# planner to find that the horizon is --horizon-days.
SHORTER_HORIZON = "or backtest a shorter horizon"


def _horizon_option(message: str, horizon_days: int) -> str:
    return message.replace(
        SHORTER_HORIZON, f"or backtest a shorter horizon (--horizon-days, now {horizon_days})"
    )


def _auto_line(row: pd.Series, horizon_days: int, model: str = AUTO) -> str:
    """One queue's auto figures, or those of the --model `model` taken in auto's place (its
    'auto' row); WAPE divides by the contacts that came, so weeks without any have none, and
    saying "nan" would read as a fault. The figures as METRICS.csv writes them: coverage read
    '81.7%' here and 0.817 in the file."""
    # Given --model weekday_factor, 'auto interval WAPE 0.311 (weekday_factor x2)' read as if
    # auto had picked it on its merits.
    named, chosen = ("auto", f" ({row['chosen']})") if model == AUTO else (f"--model {model}", "")
    if pd.isna(row["wape_interval"]):
        # MASE divides by the history's error of copying the week before: 0 where it never
        # changed from one week to the next, as a queue without contacts does not.
        mase = (
            "MASE undefined too (its history was the same every week, so copying the week "
            "before made no error to compare with)"
            if pd.isna(row["mase"])
            else f"MASE {row['mase']:.2f}"
        )
        return (
            f"{row[QUEUE]}: no contacts arrived in its "
            f"{counted(int(row['n_origins']), f'scored {horizon_days}-day backtest')}, so WAPE is "
            f"undefined; {mase}, P10–P90 coverage {row['coverage_80']:.3f}{chosen}"
        )
    # What chance alone would score beside it: Japon's 'interval WAPE 1.908' read as a forecast
    # gone wrong, where a forecast of the true mean would still score 1.826 on its few calls.
    floor = row.get("noise_floor")
    floor = f" (noise floor {floor:.3f})" if floor is not None and pd.notna(floor) else ""
    return (
        f"{row[QUEUE]}: {named} interval WAPE {row['wape_interval']:.3f}{floor}, "
        f"daily {row['wape_daily']:.3f}, P10–P90 coverage {row['coverage_80']:.3f}{chosen}"
    )


def _scored_text(origins: list[pd.Timestamp]) -> str:
    """The weekly origins scored, the first and the last, to match the figures to the weeks
    they come from (the Forecast page's, or another run's with a later --origin); where weeks
    between them were not scored, the weeks they spread over."""
    first, last = pd.Timestamp(origins[0]), pd.Timestamp(origins[-1])
    if len(origins) == 1:
        return f"origin {day_text(first, year=True)}"
    # AXA's Crises read '8 weekly origins, Wed 23 Nov – Wed 28 Aug 2013': 2012 to 2013.
    span = f"{day_text(first, year=first.year != last.year)} – {day_text(last, year=True)}"
    weeks = round((last - first) / pd.Timedelta(weeks=1)) + 1
    if weeks == len(origins):
        return f"{len(origins)} weekly origins, {span}"
    return f"{len(origins)} origins over {counted(weeks, 'week')}, {span}"


def _fewer_origins(
    dataset: Dataset, runs: BacktestRuns, scored: int, args: argparse.Namespace
) -> str:
    """Why `scored` origins were scored where --origins asked for more: the history is short."""
    queue = runs.queue
    rows = dataset.intervals[
        (dataset.intervals[QUEUE] == queue) & dataset.intervals[VOLUME].notna()
    ]
    times = pd.to_datetime(rows[INTERVAL_START])
    before = ""
    if args.origin:  # the backtest sees only the history before --origin
        times = times[times < pd.Timestamp(args.origin)]
        before = f" before --origin {args.origin}"
    if runs.origins:
        # Where the backtest's history starts: after the zeros of a queue not yet open, which
        # a note says are read as before it opened (its 84 days read '4,711 days of history').
        start = pd.Timestamp(runs.origin_times[0]).normalize() - pd.Timedelta(runs.origins[0], "D")
        times = times[times >= start]
    days = (times.max().normalize() - times.min().normalize()).days + 1 if len(times) else 0
    horizon = args.horizon_days
    span = counted(horizon, "day")
    was = "was" if scored == 1 else "were"
    longer = "A later --origin or a longer history" if args.origin else "A longer history"
    return (
        f"{queue_text(queue)}: {scored:,} of the {args.origins:,} origins asked for {was} scored: its "
        f"{counted(days, 'day')} of history{before} hold "
        f"{counted(len(runs.origins), f'weekly {horizon}-day backtest')}, and each "
        f"scored one needs earlier ones whose {span} had passed to pick the model and size the "
        f"band. {longer} scores more."
    )
