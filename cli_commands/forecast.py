"""`cli.py forecast FILE... --horizon-days D --out OUT.csv`: forecast every open interval ahead."""

from __future__ import annotations

import argparse
import dataclasses
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from cli_commands.notes import (
    closed_days_note,
    empty_horizon_note,
    forecast_note_lines,
    midday_start_note,
    origin_off_grid_note,
    print_import_notes,
    queues_without_rows_note,
    special_day_lines,
    unusual_intervals_note,
)
from cli_commands.options import (
    STDOUT,
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
    history_before,
    import_options,
    one_line_errors,
    out_name,
    write_csv,
)
from cli_commands.progress import StderrProgress
from cli_commands.words import contacts_text, counted, quantile_sums_note, queue_text
from data.errors import InputError
from data.importer import import_files
from data.schema import AHT_SECONDS, IS_OPEN, QUEUE
from forecasting import ForecastSettings, forecast_dataset
from forecasting.api import FORECAST_COLUMNS
from forecasting.clock_change import with_repeated_hours
from forecasting.peaks import PEAK_COLUMNS, describe_peak
from planning import aht_profiles, default_aht_by_queue, forecast_handle_times

# The forecast table as the package gives it, less the open flag: only open intervals are written.
OUTPUT_COLUMNS = [name for name in FORECAST_COLUMNS if name != IS_OPEN]
PEAKS_SHOWN = 5
# The peaks as the Forecast page's download has them, less the contacts over a ceiling the CLI
# does not set (always 0).
PEAKS_OUT_COLUMNS = [name for name in PEAK_COLUMNS if name != "over_ceiling_contacts"]
FORECAST_COLUMNS_HELP = """\
OUT.csv columns, one row per open interval and queue (closed intervals are left out):
  interval_start   start of the interval, on the centre's clock
  queue            the queue
  forecast         contacts expected in the interval (the mean; what `staff` sizes on)
  p10, p50, p80, p90
                   contacts the interval stays under with 10%, 50%, 80% and 90% probability
                   (`staff --quantile p80` sizes on p80)
  aht_seconds      handle time per contact in seconds, as `plan` staffs it: the queue's mean
                   before --origin, by weekday and time of day where that predicts better
                   (when the history has handle times; `staff` uses it unless --aht-seconds)

PEAKS.csv columns (--peaks-out), one row per peak, the largest first:
  rank             rank by extra contacts over every queue
  queue            the queue
  rank_in_queue    rank within the queue
  start, end       the period, on the centre's clock (end excluded)
  extra_contacts   contacts forecast above a usual such weekday and time
  pct_above_usual  percent above the usual (empty where nothing is usual)
  forecast, usual  contacts forecast and usual over the period
  busiest_interval the period's highest interval forecast
  reason           its known cause, or 'above the usual pattern'"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "forecast",
        help="forecast every open interval after the history (auto-selected model per queue)",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Import FILE(s), pick each queue's model by backtest (or take --model) "
            "and write interval_start, queue, forecast, p10, p50, p80, p90 (and aht_seconds when the "
            "history has handle times) for every open interval of the --horizon-days after the "
            "history (or after --origin) to --out."
        ),
        epilog=FORECAST_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    parser.add_argument(
        "--out", required=True, metavar="OUT.csv", help="forecast to write" + TO_STDOUT_HELP
    )
    parser.add_argument(
        "--peaks-out",
        metavar="PEAKS.csv",
        help=f"every peak found to write (the summary prints the {PEAKS_SHOWN} largest), ranked "
        "over all queues and within each (default: none written)" + TO_STDOUT_HELP,
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()  # timed from the start: the import counts
    check_horizon(args.horizon_days)
    check_out(args.out, inputs=args.files)
    _check_peaks_out(args)
    args.files = distinct_files(args.files)
    settings = forecast_settings(args)  # a --country typo refused before the import
    dataset = import_files(args.files, import_options(args), file_names(args.files))
    args.queue = check_queues(dataset, args.queue)
    check_origin(dataset, args.origin)
    print_import_notes(dataset, args.queue)
    if args.queue:
        settings = dataclasses.replace(settings, queues=tuple(args.queue))
    result = forecast_dataset(dataset, args.horizon_days, settings, progress)
    table = result.forecast[result.forecast[IS_OPEN]][OUTPUT_COLUMNS]
    # The handle times `plan` would staff with: without them `staff FORECAST.csv` needed one
    # --aht-seconds for every queue and disagreed with `plan` on the same forecast.
    history = history_before(dataset.intervals, args.origin)
    learned = default_aht_by_queue(history)
    if learned:
        profiles = aht_profiles(history)
        table = table.assign(**{AHT_SECONDS: forecast_handle_times(table, learned, profiles)})
    # The hour a clock going back repeats, listed twice as lived: `staff` staffs both.
    table = with_repeated_hours(table, result.repeated_slots)
    write_csv(table, args.out)
    models = ", ".join(
        f"{queue_text(queue)}: {model}" for queue, model in result.chosen_models.items()
    )
    print(f"wrote {counted(len(table), 'open interval')} to {out_name(args.out)} (models {models})")
    empty = empty_horizon_note(result.forecast, dataset.open_hours)
    if empty:
        print(f"note: {empty}")
    else:
        print(forecast_total_line(table))
        sums_note = quantile_sums_note(table["forecast"], {q: table[q] for q in ("p80", "p90")})
        if sums_note:
            print(f"note: {sums_note}")
    for extra in (
        _handle_times_note(table, learned, profiles) if learned else None,
        queues_without_rows_note(result.forecast, out_name(args.out)),
        closed_days_note(result.forecast, out_name(args.out)),
        None if args.origin else midday_start_note(result.forecast),
        origin_off_grid_note(args.origin, dataset.interval_minutes),
        unusual_intervals_note(
            result.outliers, kept=args.keep_outliers, interval_minutes=dataset.interval_minutes
        ),
    ):
        if extra:
            print(f"note: {extra}")
    for line in peak_lines(result.peaks, len(table), settings, args.peaks_out):
        print(line)
    if args.peaks_out is not None:
        write_csv(_peaks_table(result.peaks), args.peaks_out, "--peaks-out")
        print(f"wrote {counted(len(result.peaks), 'peak')} to {out_name(args.peaks_out)}")
    for line in special_day_lines(result.special_days):
        print(line)
    for line in forecast_note_lines(result.notes, result.holiday_suggestion):
        print(line)
    return 0


def forecast_total_line(table: pd.DataFrame) -> str:
    """'contacts forecast: 477.6 (p80 535.1, p90 571.0)': the sums of OUT.csv's forecast columns,
    in all and per queue when it holds several, as `staff` says the contacts it staffed, so a
    manager checks the forecast's size before staffing it."""
    sums = table[["forecast", "p80", "p90"]].apply(pd.to_numeric, errors="coerce").fillna(0.0)
    line = f"contacts forecast: {contacts_text(float(sums['forecast'].sum()))}"
    queues = table[QUEUE].astype(str)
    if queues.nunique() > 1:
        per_queue = sums["forecast"].groupby(queues, sort=False).sum()
        each = ", ".join(f"{queue} {contacts_text(float(n))}" for queue, n in per_queue.items())
        line += f" ({each})"
    high = ", ".join(f"{name} {contacts_text(float(sums[name].sum()))}" for name in ("p80", "p90"))
    return f"{line}; {high}" if queues.nunique() > 1 else f"{line} ({high})"


def _handle_times_note(
    table: pd.DataFrame, learned: dict[str, float], profiles: pd.DataFrame
) -> str:
    """Which handle time each queue of the forecast got in its aht_seconds column, in seconds."""
    queues = sorted(table[QUEUE].astype(str).unique())
    shaped = set(profiles[QUEUE].astype(str)) if not profiles.empty else set()
    said = [
        f"{queue_text(queue)} {learned[queue]:,.0f} s"
        + (" (by weekday and time of day)" if queue in shaped else "")
        for queue in queues
        if queue in learned
    ]
    blank = [queue for queue in queues if queue not in learned]
    missing = (
        f"; blank for {', '.join(blank)}, which has no plausible handle time in the history"
        if blank
        else ""
    )
    return (
        f"aht_seconds is the handle time `plan` staffs with, learned from the history: "
        f"{', '.join(said)}{missing}; `staff` staffs on it unless given --aht-seconds"
    )


def _check_peaks_out(args: argparse.Namespace) -> None:
    """Refuse a --peaks-out that cannot be written, or that would take the forecast's place."""
    if args.peaks_out is None:  # "--peaks-out ''" is refused, not skipped
        return
    check_out(args.peaks_out, "--peaks-out", inputs=args.files)
    if args.peaks_out == args.out == STDOUT:
        raise InputError(
            "--out - and --peaks-out - would both go to standard output, one table after the "
            "other: write one of them to a file"
        )
    if args.peaks_out != STDOUT and Path(args.peaks_out).resolve() == Path(args.out).resolve():
        raise InputError(
            f"--peaks-out {args.peaks_out} is the --out file: give each its own file name"
        )


def _peaks_table(peaks: pd.DataFrame) -> pd.DataFrame:
    """The peaks as --peaks-out writes them: a percent over nothing usual is empty, not 'inf'."""
    table = peaks[PEAKS_OUT_COLUMNS].copy()
    pct = pd.to_numeric(table["pct_above_usual"], errors="coerce")
    table["pct_above_usual"] = pct.where(np.isfinite(pct))
    return table


def peak_lines(
    peaks: pd.DataFrame,
    n_rows: int,
    settings: ForecastSettings,
    peaks_out: str | None = None,
    lists_them_all: str = "--peaks-out PEAKS.csv lists them all",
) -> list[str]:
    """The forecast's first PEAKS_SHOWN peaks, one line each ('peak 1: Tech. Axa Tue 7 Jan, all
    day: +46% over a usual Tuesday, ...'), and how many more there are or that there are none;
    `lists_them_all` says where the rest are listed."""
    lines = [
        f"peak {peak['rank']}: {queue_text(peak[QUEUE])} {describe_peak(peak)}"
        for _, peak in peaks.head(PEAKS_SHOWN).iterrows()
    ]
    summary = _peaks_summary(len(peaks), n_rows, settings, peaks_out, lists_them_all)
    return [*lines, summary] if summary else lines


def _peaks_summary(
    n_peaks: int,
    n_rows: int,
    settings: ForecastSettings,
    peaks_out: str | None = None,
    lists_them_all: str = "--peaks-out PEAKS.csv lists them all",
) -> str | None:
    """How many peaks were left unlisted, or that there are none: silence read as a bug, and
    the peaks are what the manager asked for."""
    if n_peaks > PEAKS_SHOWN:
        # The rest were on the Forecast page alone: the CLI had no way to list them.
        where = "" if peaks_out is not None else f"; {lists_them_all}"
        return f"peaks: {n_peaks - PEAKS_SHOWN:,} more after these {PEAKS_SHOWN}, smaller{where}"
    if n_peaks == 0 and n_rows:
        return (
            f"peaks: none, no interval is forecast {settings.peak_threshold_pct:g}% or more above "
            "its usual for the weekday and time (by more than random ups and downs)"
        )
    return None
