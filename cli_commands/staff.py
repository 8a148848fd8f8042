"""`cli.py staff FORECAST.csv ... --out PLAN.csv`: agents, people and service per interval."""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from cli_commands.forecast import OUTPUT_COLUMNS as FORECAST_OUTPUT_COLUMNS
from cli_commands.options import (
    TO_STDOUT_HELP,
    add_staffing_arguments,
    check_input_file,
    check_out,
    default_targets,
    file_row_words,
    known_column_names,
    led_by_file,
    match_queues,
    one_line_errors,
    out_name,
    quantile_name,
    queue_channels_note,
    read_once,
    read_text_table,
    shown_input,
    staffing_settings,
    unusual_settings,
    write_csv,
)
from cli_commands.words import (
    abandon_text,
    contacts_text,
    counted,
    days_text,
    fte_text,
    note_in_option_words,
    quantile_sums_note,
)
from data.dates import day_text
from data.errors import InputError
from data.reader import read_date_column
from data.schema import AHT_SECONDS, INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from data.sniff import sniff_file
from forecasting.clock_change import could_be_skipped_hour
from planning.scenario import MEAN_QUANTILE, QUANTILES
from staffing.clock_hours import could_be_repeated_hour, interval_keys
from staffing.cost import money_text
from staffing.limits import LIMIT, peak_limit_sentence, shares_sentence
from staffing.plan import (
    CHANNELS,
    CLOSED_LOOKING_HOURS,
    FORECAST,
    MAX_STAFFING_INTERVAL_MINUTES,
    NO_CONTACTS_NOTE,
    SIZED_FOR_VOLUME,
    STAFF_COLUMNS,
    PlanSummary,
    SpreadEmail,
    SpreadQueues,
    StaffingSettings,
    blank_when_closed,
    email_clock_sentence,
    given_handle_times,
    interval_starts,
    limit_summary,
    mean_handle_times,
    measured_chat_handle_note,
    minimum_staffing_notes,
    open_flags,
    per_queue_supervisors_note,
    plan_sized_on,
    plan_staffing,
    refuse_total_rows,
    service_text,
    short_horizon_fte_note,
    slow_email_note,
    spread_coarse_queues,
    spread_daily_email,
    staffed_without_contacts,
    summarise_plan,
    total_row_advice,
)
from staffing.plausibility import unusual_handle_times
from staffing.validation import SUPERVISOR_SPAN_RANGE

# The limit that sets the agents sits beside them, as in the plan `cli.py plan` writes.
PLAN_COLUMNS = [
    INTERVAL_START,
    VOLUME,
    *[name for column in STAFF_COLUMNS for name in ([column, LIMIT] if column == "agents"
                                                    else [column])],
]  # fmt: skip
# The columns read from FORECAST.csv, matched whatever their case or spacing ("Volume ").
CHANNEL = "channel"  # what `plan` writes: the channel each row was staffed on
QUANTILE_COLUMNS = tuple(name for name in QUANTILES if name != MEAN_QUANTILE)
KNOWN_COLUMNS = (
    INTERVAL_START,
    VOLUME,
    FORECAST,
    *QUANTILE_COLUMNS,
    AHT_SECONDS,
    QUEUE,
    IS_OPEN,
    CHANNEL,
)
NUMBER_COLUMNS = (VOLUME, FORECAST, *QUANTILE_COLUMNS, AHT_SECONDS)
# What each column of a staffing plan holds, in its unit, for `staff --help` and `plan --help`.
PLAN_COLUMN_TEXTS = {
    "interval_start": "start of the interval, on the centre's clock",
    "queue": "the queue",
    "channel": "voice, chat or email: how the queue was staffed",
    "volume": "contacts expected in the interval",
    "sized_for_volume": "contacts the agents were sized for (the --quantile forecast)",
    "aht_seconds": "handle time per contact in seconds",
    "agents": "agents answering (on the phones or chats), whole people",
    "limit": "what sets the agents: a target, the minimum while open, no contacts",
    "rostered": "people to schedule: agents / (1 - shrinkage), rounded up",
    "supervisors": "supervisors for the people rostered (one per --supervisor-span)",
    "service_level": "share (0-1) answered within --answer-within-seconds; e-mail: within the "
    "response window",
    "asa_seconds": "average speed of answer in seconds; with --patience-seconds the mean wait "
    "of every caller, those who hang up included, as --max-asa-seconds caps it "
    "(answered_asa_seconds gives the answered callers' own wait); e-mail: mean response time",
    "occupancy": "share (0-1) of the agents' time spent on contacts",
    "abandon_rate": "share (0-1) hanging up before an answer (with --patience-seconds)",
    "answered_asa_seconds": "mean wait of the answered callers alone in seconds, the ASA an "
    "ACD report shows (with --patience-seconds)",
    "backlog": "e-mails still open at the end of the interval",
    "paid_hours": "hours paid in the interval: rostered and supervisors",
    "cost": "EUR paid in the interval: agents and supervisors at their hourly cost",
}


def columns_help(title: str, texts: dict[str, str], names: list[str]) -> str:
    """A --help epilog listing `names`' columns, one per line, long texts wrapped under theirs."""
    lines = [title]
    for name in names:
        first = f"  {name:<17}"
        if len(name) > 16:  # no room beside it: the text starts under the name
            lines.append(f"  {name}")
            first = " " * 19
        lines += textwrap.wrap(texts[name], 90, initial_indent=first, subsequent_indent=" " * 19)
    return "\n".join(lines)


PLAN_COLUMNS_HELP = (
    columns_help(
        "PLAN.csv columns, one row per interval (and queue):",
        {
            **PLAN_COLUMN_TEXTS,
            "queue": "the queue (only when FORECAST.csv has one)",
            "backlog": "e-mails still open at the end of the interval (when a queue is e-mail)",
        },
        ["interval_start", "queue", "volume", "sized_for_volume", "agents", "limit"]
        + [
            "rostered",
            "supervisors",
            "service_level",
            "asa_seconds",
            "occupancy",
            "abandon_rate",
            "answered_asa_seconds",
            "backlog",
            "paid_hours",
            "cost",
        ],
    )
    + "\nService figures are blank where the queue is closed and no contact is expected."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "staff",
        help="turn a forecast CSV into agents, rostered people and supervisors per interval",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Read FORECAST.csv (interval_start, volume or forecast; optional aht_seconds, "
            "queue, is_open, channel as `plan` writes it, and the p50, p80, p90 --quantile "
            "sizes on) and write the staffing plan to PLAN.csv."
        ),
        epilog=PLAN_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("forecast", metavar="FORECAST.csv", help="forecast table")
    parser.add_argument(
        "--out", required=True, metavar="PLAN.csv", help="plan to write" + TO_STDOUT_HELP
    )
    add_staffing_arguments(parser)
    parser.add_argument(
        "--quantile",
        type=quantile_name,  # P80 as the app labels it, or 80, 80% and 0.8
        choices=QUANTILES,
        default=MEAN_QUANTILE,
        help="FORECAST.csv column to size the agents on, e.g. p80 for a busier day than the "
        "mean (default mean: the forecast or volume column); the service written is what they "
        "deliver on the mean, the sized volume is in column sized_for_volume",
    )
    parser.add_argument(
        "--queue",
        action="append",
        metavar="NAME",
        help="staff only this queue of FORECAST.csv (repeat for several; default: every queue)",
    )
    parser.add_argument(
        "--interval-minutes",
        type=float,
        metavar="MINUTES",
        help="length of FORECAST.csv's intervals (default: the step between its interval starts)",
    )
    one_line_errors(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target_note = default_targets(args)
    check_out(args.out, inputs=[args.forecast])
    name = shown_input(args.forecast)
    forecast, reading_notes, title_lines = _read_forecast(args.forecast)
    _check_forecast_columns(forecast, name)
    forecast, padded_note = _strip_queue_names(forecast, name, title_lines)
    reading_notes = [*reading_notes, padded_note] if padded_note else reading_notes
    forecast, in_file_rows = _only_queues(forecast, args.queue, name, title_lines)
    try:
        return _staff(args, forecast, name, reading_notes, in_file_rows, target_note)
    except InputError as error:
        raise InputError(led_by_file(name, in_file_rows(str(error)))) from error


def _staff(
    args: argparse.Namespace,
    forecast: pd.DataFrame,
    name: str,
    reading_notes: list[str],
    in_file_rows: Callable[[str], str],
    target_note: str | None = None,
) -> int:
    refuse_total_rows(forecast)
    from_forecast = written_by_forecast(forecast)
    if args.aht_seconds is None and "aht_seconds" not in forecast:
        raise InputError(f"{name} has no aht_seconds column: give --aht-seconds (e.g. 300)")
    if args.aht_seconds is None:
        _check_handle_times(forecast, name)
    reading_notes = [
        *reading_notes,
        _two_volumes_note(forecast, name),
        _sized_volume_note(forecast, name, args.quantile),
    ]
    replaced_aht_note = None
    if args.aht_seconds is not None and AHT_SECONDS in forecast:
        # --aht-seconds is the handle time, as in `plan`: left as a fallback for blank rows, it
        # was silently outweighed by the file's column, and a what-if at 600 s staffed 300 s.
        replaced_aht_note = _replaced_aht_note(forecast, args.aht_seconds, name)
        forecast = forecast.drop(columns=AHT_SECONDS)
    queues = forecast[QUEUE].dropna().astype(str).unique() if QUEUE in forecast else []
    # A plan's own channel column (`plan --channel chat`) wins over the queue's name: guessed
    # from "phone", a plan staffed as chat was staffed again as voice, with 60% more agents.
    written = {} if args.channel else _written_channels(forecast, name)
    settings = staffing_settings(args, [*queues, *written], written)
    interval_minutes = _interval_minutes(forecast, name, args.interval_minutes)
    spread = spread_daily_email(forecast, interval_minutes, settings)
    forecast, interval_minutes = spread.frame, spread.interval_minutes
    reading_notes.append(_spread_email_note(spread, name))
    coarse = spread_coarse_queues(forecast, interval_minutes, settings)
    forecast = coarse.frame
    reading_notes.append(_coarse_queues_note(coarse, interval_minutes, name))
    columns = list(PLAN_COLUMNS)
    if args.quantile == MEAN_QUANTILE:
        plan = plan_staffing(forecast, interval_minutes, settings)
    else:
        sizing = _quantile_volume(forecast, args)
        order_note = _quantile_order_note(forecast, sizing, args)
        reading_notes.append(order_note and in_file_rows(order_note))
        plan = plan_sized_on(forecast, sizing, interval_minutes, settings)
        columns.insert(columns.index(VOLUME) + 1, SIZED_FOR_VOLUME)
    if QUEUE in forecast:
        columns.insert(1, QUEUE)
    if args.patience_seconds is not None:
        columns += ["abandon_rate", "answered_asa_seconds"]
    if (plan["channel"] == "email").any():
        columns.append("backlog")
    # The summary's cost is these columns' total: a manager reconciles the file with it.
    columns += ["paid_hours", "cost"]
    written_plan = blank_when_closed(plan)[columns]
    write_csv(written_plan, args.out)
    horizon_hours = _horizon_hours(plan, interval_minutes)
    summary = summarise_plan(plan, interval_minutes, settings, horizon_hours=horizon_hours)
    low, high = summary.supervisors_band
    print(
        f"wrote {counted(len(plan), 'interval')} to {out_name(args.out)}: peak "
        f"{counted(summary.peak_agents, 'agent')}{_peaks_apart(summary)}, "
        f"{summary.peak_rostered:,} rostered, {counted(summary.peak_supervisors, 'supervisor')} "
        f"({_supervisor_band_text(settings.supervisor_span, low, high)}), {fte_text(summary.fte, summary.agent_fte)}, cost {money_text(summary.cost_horizon)} "
        f"over {days_text(summary.horizon_days)}{_periods_words(plan)} "
        f"({lived_hours_text(plan, horizon_hours, interval_minutes)}"
        f"{money_text(summary.agent_hourly_cost, cents=True)}/h agent, "
        f"{money_text(summary.supervisor_hourly_cost, cents=True)}/h "
        f"supervisor), {service_text(summary, abandon_text(summary.abandon_rate, summary.live_contacts))}"
        + (
            ""
            if args.quantile == MEAN_QUANTILE
            else f" on the mean forecast (agents sized on {args.quantile})"
        )
        + email_clock_sentence(summary)
    )
    print(contacts_line(written_plan, args.quantile))
    if args.quantile != MEAN_QUANTILE:
        sums_note = quantile_sums_note(plan[VOLUME], {args.quantile: plan[SIZED_FOR_VOLUME]})
        if sums_note:
            print(f"note: {sums_note}")
    sets_line = agents_set_line(plan, interval_minutes, settings, args.quantile)
    if sets_line:
        print(sets_line)
    for note in [
        # The target sets no e-mail queue's agents: their response window does.
        target_note if (plan["channel"] != "email").any() else None,
        *reading_notes,
        replaced_aht_note,
        *unusual_settings(args, settings, plan[QUEUE].unique()),
        _written_channels_note(written, name) if written else queue_channels_note(settings, queues),
        _separate_periods_note(plan, name, horizon_hours)
        or _closed_days_note(plan, summary.fte, name, horizon_hours)
        or short_horizon_fte_note(summary),
        _closed_contacts_note(plan, name),
        per_queue_supervisors_note(plan, settings),
        slow_email_note(plan, settings),
        None
        if args.aht_seconds is not None
        else note_in_option_words(
            measured_chat_handle_note(settings, mean_handle_times(plan), f"{name}'s aht_seconds")
            or ""
        ),
        None
        if args.aht_seconds is not None
        else unusual_handle_times(
            mean_handle_times(plan),
            f"the handle times in {name}'s aht_seconds",
            named=QUEUE in forecast,
        ),
    ]:
        if note:
            print(f"note: {note}")
    if not summary.has_contacts:
        print(f"note: {NO_CONTACTS_NOTE}")
    for note in minimum_staffing_notes(plan, interval_minutes, settings.min_agents_open):
        print(f"note: {note}")
    if IS_OPEN not in forecast and not from_forecast:
        for note in _unmarked_closed_notes(plan, interval_minutes, name, settings.min_agents_open):
            print(f"note: {note}")
    for note in missing_intervals_notes(
        plan, interval_minutes, name, QUEUE in forecast, closed_left_out=from_forecast
    ):
        print(f"note: {note}")
    if from_forecast:
        closed_note = _left_out_closed_note(plan, interval_minutes, name)
        if closed_note:
            print(f"note: {closed_note}")
    return 0


def agents_set_line(
    plan: pd.DataFrame, interval_minutes: float, settings: StaffingSettings, quantile: str
) -> str | None:
    """'what sets the agents: At the peak (...) the occupancy cap of 85% sets the 53 agents:
    ...', what each limit alone needs at the peak and how often each sets the agents, on the
    contacts the agents were sized for: on the mean, a P90 plan read 'the 80% in 20 s target
    sets the 16 agents; the occupancy cap alone would need 12'."""
    sized = VOLUME if quantile == MEAN_QUANTILE else SIZED_FOR_VOLUME
    limits = limit_summary(plan, interval_minutes, settings, volume_column=sized)
    # "Mon 1 Mar 09:45" beside 2014 dates hid that the peak was 1999's; a closed evening of
    # 2013 before a week of 2014 is no other year.
    listed = plan[plan[IS_OPEN].fillna(False).astype(bool)] if IS_OPEN in plan else plan
    years = pd.to_datetime(listed[INTERVAL_START]).dt.year.nunique()
    sets = [peak_limit_sentence(limits, settings, with_year=years > 1), shares_sentence(limits)]
    if not sets[0]:
        return None
    return f"what sets the agents: {' '.join(part for part in sets if part)}"


def written_by_forecast(forecast: pd.DataFrame) -> bool:
    """Whether FORECAST.csv has the columns `cli.py forecast` writes and no other: its rows are
    the open intervals and the ones it leaves out are closed. Its own output read 'no is_open
    column, so every interval it lists is read open' and 'intervals missing ... put them back'."""
    columns = set(forecast.columns)
    return set(FORECAST_OUTPUT_COLUMNS) <= columns <= {*FORECAST_OUTPUT_COLUMNS, AHT_SECONDS}


def _left_out_closed_note(plan: pd.DataFrame, interval_minutes: float, name: str) -> str | None:
    """One sentence on the intervals `cli.py forecast` left out between a queue's first and last
    listed interval: its closed hours, staffed with nobody (the hour a clock skips aside)."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    left_out = 0
    for _, starts in pd.to_datetime(plan[INTERVAL_START]).groupby(plan[QUEUE].astype(str)):
        listed = pd.DatetimeIndex(starts.dropna()).unique().sort_values()
        if listed.size < 2:
            continue
        missing = pd.date_range(listed[0], listed[-1], freq=step).difference(listed)
        left_out += missing.difference(clock_skipped_starts(missing, interval_minutes)).size
    if not left_out:
        return None
    # Counted per queue: Nuit and CAT in one file read "438 intervals it leaves out between its
    # first and last", as if between the file's.
    whose = "its" if plan[QUEUE].nunique() == 1 else "each queue's"
    return (
        f"{name} is laid out as `cli.py forecast` writes it, with only the open intervals: the "
        f"{counted(left_out, 'interval')} it leaves out between {whose} first and last "
        f"{'is' if left_out == 1 else 'are'} closed, staffed with nobody"
    )


def _supervisor_band_text(span: int, low: float, high: float) -> str:
    """'one per 12 rostered; band 2-3 at one per 15 to one per 8': the --supervisor-span the
    supervisors are counted at, and those the usual ratio allows at the peak; 'band 2-3' alone
    left the manager to guess what it was a band of."""
    most_span, fewest_span = SUPERVISOR_SPAN_RANGE[1], SUPERVISOR_SPAN_RANGE[0]
    return (
        f"one per {span} rostered; band {low:,}-{high:,} at one per {most_span} to one per "
        f"{fewest_span}"
    )


def contacts_line(written: pd.DataFrame, quantile: str) -> str:
    """'contacts staffed: 2,400 (Sales 1,600, Support 800)': the sums of PLAN.csv's volume
    column, in all and per queue, so a manager checks the forecast the plan read in full."""
    volume = pd.to_numeric(written[VOLUME], errors="coerce").fillna(0.0)
    line = f"contacts staffed: {contacts_text(float(volume.sum()))}"
    if QUEUE in written and written[QUEUE].nunique() > 1:
        per_queue = volume.groupby(written[QUEUE].astype(str), sort=False).sum()
        line += (
            " ("
            + ", ".join(
                f"{queue} {contacts_text(float(contacts))}" for queue, contacts in per_queue.items()
            )
            + ")"
        )
    if quantile != MEAN_QUANTILE and SIZED_FOR_VOLUME in written:
        sized = pd.to_numeric(written[SIZED_FOR_VOLUME], errors="coerce").fillna(0.0).sum()
        line += f" on the mean forecast; the agents are sized for {contacts_text(float(sized))} ({quantile})"
    return line


def _spread_email_note(spread: SpreadEmail, name: str) -> str | None:
    """Which queues of daily e-mail totals were spread, over which hours, and how to change them."""
    if not spread.queues:
        return None
    queues = ", ".join(f"'{queue}'" for queue in spread.queues)
    start, end = (f"{int(hour):02d}:{round(hour % 1 * 60):02d}" for hour in spread.hours)
    return (
        f"{name} gives {queues} as one total a day: each day's e-mails are spread evenly over "
        f"{start}–{end} in {spread.interval_minutes:g}-minute intervals, the hours e-mail is "
        "worked; give --email-hours for other hours, or a forecast per interval for the hours "
        "mail really comes in"
    )


def _coarse_queues_note(coarse: SpreadQueues, interval_minutes: float, name: str) -> str | None:
    """Which queues listed less often than the file's intervals were spread over them."""
    if not coarse.grains:
        return None
    queues = "; ".join(
        f"'{queue}' one every {minutes:g} minutes" for queue, minutes in coarse.grains.items()
    )
    return (
        f"{name} lists {queues}, beside its {interval_minutes:g}-minute intervals: each of "
        f"those rows' contacts is spread evenly over the {interval_minutes:g}-minute intervals "
        "it spans, the same contacts an hour, so they are staffed as on their own intervals"
    )


def _only_queues(
    forecast: pd.DataFrame, queues: list[str] | None, name: str, title_lines: int
) -> tuple[pd.DataFrame, Callable[[str], str]]:
    """FORECAST.csv's rows of the --queue `queues` (typed in any case or spacing; every row
    without), and what turns a row number of those rows in a message into the file's: "row 3"
    of the rows staffed is the file's row 8 when rows of other queues or a title come first."""
    kept = np.ones(len(forecast), dtype=bool)
    if queues:
        if QUEUE not in forecast:
            raise InputError(f"--queue {queues[0]}: {name} has no queue column; leave --queue out")
        written = forecast[QUEUE].fillna("").astype(str).str.strip()
        chosen = match_queues(list(dict.fromkeys(written[written != ""])), queues) or []
        kept = written.isin(chosen).to_numpy()
    # The header is the line after the title's.
    in_file_rows = file_row_words(np.flatnonzero(kept) + title_lines + 2)
    return forecast[kept].reset_index(drop=True), in_file_rows


def _strip_queue_names(
    forecast: pd.DataFrame, name: str, title_lines: int
) -> tuple[pd.DataFrame, str | None]:
    """FORECAST.csv with the spaces around its queue names dropped, and a note where that
    joined a name to another: "Sales " beside "Sales" (a spreadsheet's stray space) had been
    staffed as a second queue, its agents apart and summed at the peak. Where both list one
    interval, which of them holds the forecast is not guessed: refused, naming both rows."""
    if QUEUE not in forecast:
        return forecast, None
    written = forecast[QUEUE]
    texts = written.astype("string")
    stripped = texts.str.strip()
    padded = (texts != stripped).fillna(False).to_numpy()
    if not padded.any():
        return forecast, None
    forecast = forecast.assign(**{QUEUE: written.where(~padded, stripped)})
    clean = set(stripped[~padded].dropna())
    joins = padded & stripped.isin(clean).fillna(False).to_numpy()
    if not joins.any():
        return forecast, None
    if INTERVAL_START in forecast:
        keys = pd.DataFrame(
            {"queue": stripped.to_numpy(), "start": forecast[INTERVAL_START].astype(str).to_numpy()}
        )
        twice = keys.duplicated(keep=False).to_numpy() & keys["queue"].isin(clean).to_numpy()
        if (twice & joins).any():
            second = int(np.flatnonzero(twice & joins)[0])
            same = keys.iloc[second]
            first = int(
                np.flatnonzero(
                    twice
                    & ~padded
                    & (keys["start"] == same["start"]).to_numpy()
                    & (keys["queue"] == same["queue"]).to_numpy()
                )[0]
            )
            raise InputError(
                f"{name}: row {second + title_lines + 2} (queue {texts.iloc[second]!r}, "
                f"interval_start {same['start']}) lists the interval row "
                f"{first + title_lines + 2} lists for queue {same['queue']!r}, the names "
                "differing only by spaces: if they are one queue, keep one row per interval; "
                "if two, name them apart"
            )
    rows = pd.Series(np.arange(len(forecast)))[joins]
    joined = "; ".join(
        f"queue {queue!r} ({counted(int(at.size), 'row')} from row {int(at.iloc[0]) + title_lines + 2}) "
        f"as {queue.strip()!r}"
        for queue, at in rows.groupby(texts[joins].to_numpy(), sort=False)
    )
    return forecast, (
        f"{name}: read {joined}, the names differing only by spaces around them: one queue, "
        "staffed as one"
    )


def _check_forecast_columns(forecast: pd.DataFrame, name: str) -> None:
    """A contact export given in place of a forecast ("interval_start,calls") is told apart
    from a forecast that lost a column: both lack the volume, and `plan` reads the export."""
    missing = [
        column
        for column, present in [
            (INTERVAL_START, INTERVAL_START in forecast),
            (f"{VOLUME} (or {FORECAST})", VOLUME in forecast or FORECAST in forecast),
        ]
        if not present
    ]
    if missing:
        raise InputError(
            f"{name} has no {' and no '.join(missing)} column (its columns: "
            f"{', '.join(map(str, forecast.columns))}): `staff` reads a forecast as "
            f"`cli.py forecast` writes it; to forecast and staff a contact export in one go, "
            f"run `cli.py plan {name} ...`, or name its count column {VOLUME} to staff those "
            "counts as they are"
        )


def _read_forecast(given: str) -> tuple[pd.DataFrame, list[str], int]:
    """FORECAST.csv as text cells, its known columns named as the plan names them, notes on
    how it was read, and the lines above its header (a title).

    Its separator and decimal mark are sniffed as for imports, so a file a European
    spreadsheet saved ("interval_start;volume", "12,5") reads as written; every cell stays
    text (a queue named 1 is not renamed 1.0), the plan layer reads the numbers. Slash dates
    are read as timestamps here, in the order an import would read them."""
    name = shown_input(given)
    check_input_file(Path(given), "forecast")
    with read_once([given]) as (readable,):
        return _read_forecast_file(Path(readable), name)


def _read_forecast_file(path: Path, name: str) -> tuple[pd.DataFrame, list[str], int]:
    separator, encoding, skip = ",", "utf-8-sig", 0
    comma_columns: list[str] = []
    title_lines: list[str] = []
    decimal_comma_shown = False  # some cell the sniffer read can only be a decimal comma
    try:
        sniffed = sniff_file(path, name)
        separator, encoding, skip = sniffed.delimiter, sniffed.encoding, sniffed.header_line
        comma_columns = sniffed.decimal_comma_columns
        title_lines = sniffed.title_lines
        # The sniffer takes "1,464" alone for a decimal comma, with a note; only a cell no
        # thousands mark can make ("12,5", "1.234") settles it here.
        decimal_comma_shown = sniffed.decimal_comma and any(
            _comma_decimal_only(cell.strip()) or _DOT_GROUPS.fullmatch(cell.strip())
            for row in sniffed.sample_rows
            for cell in row
        )
    except InputError:
        pass  # empty or header-only: read plainly, the checks below say what is missing
    _refuse_split_numbers(path, separator, encoding, skip, name)
    table = read_text_table(path, separator, encoding, skip, name)
    renamed = known_column_names(table.columns, KNOWN_COLUMNS)
    table = table.rename(columns=renamed)
    comma_columns = [renamed.get(column, column) for column in comma_columns]
    in_file_rows = file_row_words(np.arange(len(table)) + skip + 2)
    try:
        number_note = read_numbers(table, name, bool(comma_columns) or decimal_comma_shown)
    except InputError as error:
        raise InputError(in_file_rows(str(error))) from error
    notes = [
        _title_note(name, title_lines, skip),
        number_note and in_file_rows(number_note),
        *read_slash_starts(table, name, skip + 2),
    ]
    return table, [note for note in notes if note], skip


def _refuse_split_numbers(path: Path, separator: str, encoding: str, skip: int, name: str) -> None:
    """A row with more filled fields than the header: in a comma-separated file a number with
    a thousands separator (1,200) splits in two, and every cell after it shifts one column."""
    try:
        with path.open(encoding=encoding, newline="") as file:
            rows = csv.reader(itertools.islice(file, skip, None), delimiter=separator)
            width = len(next(rows, []))
            for row in rows:
                if len(row) > width and any(cell.strip() for cell in row[width:]):
                    number = skip + rows.line_num
                    break
            else:
                return
    except (UnicodeDecodeError, csv.Error):
        return  # the CSV reader below names what it cannot read
    thousands = separator == "," and any(re.fullmatch(r"\s*\d{3}\s*", cell) for cell in row[1:])
    why = (
        "; a number written with a thousands separator (1,200) splits into two fields in a "
        "comma-separated file: write it without the separator (1200)"
        if thousands
        else "; remove the extra fields, or quote cells holding the separator"
    )
    raise InputError(
        f"{name}: line {number} has {len(row)} fields but the header names {width} columns "
        f"({separator.join(row)}){why}"
    )


# How a number cell is written, as far as its decimal mark goes. A forecast's volumes are
# means, not counts, so "12,5" contacts is a decimal like any other.
_COMMA_DECIMAL = re.compile(r"[-+]?(\d{1,3}(\.\d{3})+|\d+),\d+")  # "12,5", "1.234,5", "1,200"
_ONE_COMMA_GROUP = re.compile(r"[-+]?[1-9]\d{0,2},\d{3}")  # "1,200": 1200 or 1.2
_COMMA_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")  # "1,234,567", "1,234.5"
_DOT_DECIMAL = re.compile(r"[-+]?\d*\.\d+")  # "12.5", "0.75", "1.200"
_DOT_GROUPS = re.compile(r"[-+]?[1-9]\d{0,2}(\.\d{3})+")  # "1.200": 1.2 or 1200
_ONE_DOT_GROUP = re.compile(r"[-+]?[1-9]\d{0,2}\.\d{3}")


def read_numbers(
    table: pd.DataFrame, path: str, comma_said: bool, number_columns: Iterable[str] = NUMBER_COLUMNS
) -> str | None:
    """The number columns with their decimal mark settled for the whole file, read as the
    plan reads numbers (dot decimals, no thousands marks); a note when a decimal comma was
    read. `comma_said`: the sniffer saw decimal commas in the file.

    A cell such as "12,5" or "1.234,5" can only be a decimal comma, and "10.5", "1,234,567"
    or "1,234.5" only a decimal point: either settles the file's convention. "1,200" and
    "1.200" read 1.2 or 1200 by that convention; refused, naming both readings, when the
    file shows none or both (a thousand-fold difference in the agents)."""
    columns = [name for name in number_columns if name in table]
    cells = {name: table[name].map(_stripped) for name in columns}
    comma_cells = {name: cells[name].map(_comma_decimal_only) for name in columns}
    point_cells = {name: cells[name].map(_point_only) for name in columns}
    comma_at, point_at = _first_cell(cells, comma_cells), _first_cell(cells, point_cells)
    comma_seen = comma_said or comma_at is not None
    comma, point = comma_seen and point_at is None, point_at is not None and not comma_seen
    # A "1.200" is 1.2 unless the file writes decimal commas; with both marks nothing tells.
    doubtful = _ONE_COMMA_GROUP if not (comma or point) else None
    mixed = comma_seen and point_at is not None

    def is_ambiguous(cell: object) -> bool:
        if not isinstance(cell, str):
            return False
        return bool(doubtful and doubtful.fullmatch(cell)) or bool(
            mixed and _ONE_DOT_GROUP.fullmatch(cell)
        )

    for name in columns:
        ambiguous = cells[name].map(is_ambiguous)
        if ambiguous.any():
            _refuse_ambiguous(table, name, cells[name], ambiguous, path, comma_at, point_at)
        table[name] = cells[name].map(lambda cell: _as_dot_decimal(cell, comma))
    if not comma or comma_at is None:
        return None
    name, row, cell = comma_at
    return (
        f"{path}: numbers read with a decimal comma, as row {row}'s {name} '{cell}' "
        f"({_as_dot_decimal(cell, True)}) writes them; a dot in a number groups thousands "
        "(1.200 is 1200)"
    )


def _stripped(cell: object) -> object:
    return cell.strip() if isinstance(cell, str) else cell


def _comma_decimal_only(cell: object) -> bool:
    return (
        isinstance(cell, str)
        and bool(_COMMA_DECIMAL.fullmatch(cell))
        and not _ONE_COMMA_GROUP.fullmatch(cell)
    )


def _point_only(cell: object) -> bool:
    if not isinstance(cell, str):
        return False
    dotted = bool(_DOT_DECIMAL.fullmatch(cell)) and not _DOT_GROUPS.fullmatch(cell)
    grouped = bool(_COMMA_THOUSANDS.fullmatch(cell)) and not _ONE_COMMA_GROUP.fullmatch(cell)
    return dotted or grouped


def _first_cell(
    cells: dict[str, pd.Series], flags: dict[str, pd.Series]
) -> tuple[str, int, str] | None:
    """(column, file row, text) of the first flagged cell, by row then column."""
    found = [
        (int(np.flatnonzero(flags[name].to_numpy(dtype=bool))[0]), name)
        for name in flags
        if flags[name].any()
    ]
    if not found:
        return None
    position, name = min(found)
    return name, position + 2, str(cells[name].iloc[position])


def _as_dot_decimal(cell: object, comma: bool) -> object:
    """One cell as the plan reads it: "12,5" -> "12.5", "1,234.5" -> "1234.5"; with a decimal
    comma "1,200" -> "1.200" and "1.200" -> "1200", else "1,200" -> "1200"; text unchanged."""
    if not isinstance(cell, str):
        return cell
    if _comma_decimal_only(cell) or (comma and _ONE_COMMA_GROUP.fullmatch(cell)):
        return cell.replace(".", "").replace(",", ".")
    if _COMMA_THOUSANDS.fullmatch(cell):
        return cell.replace(",", "")
    if _DOT_GROUPS.fullmatch(cell) and (comma or not _ONE_DOT_GROUP.fullmatch(cell)):
        return cell.replace(".", "")  # "1.234.567" has no decimal reading
    return cell


def _refuse_ambiguous(
    table: pd.DataFrame,
    name: str,
    cells: pd.Series,
    ambiguous: pd.Series,
    path: str,
    comma_at: tuple[str, int, str] | None,
    point_at: tuple[str, int, str] | None,
) -> None:
    position = int(np.flatnonzero(ambiguous.to_numpy(dtype=bool))[0])
    cell = str(cells.iloc[position])
    mark = cell[len(cell.rstrip("0123456789")) - 1]
    whole = cell.replace(mark, "")
    decimal = float(cell.replace(",", "."))
    start = table[INTERVAL_START].iloc[position] if INTERVAL_START in table else "?"
    both = ""
    if comma_at and point_at:
        both = (
            f"; the file writes decimals both with a comma (row {comma_at[1]}'s "
            f"'{comma_at[2]}') and with a dot (row {point_at[1]}'s '{point_at[2]}')"
        )
    between = "a comma" if mark == "," else "a dot"
    decimal_mark = "a decimal comma" if mark == "," else "a decimal point"
    raise InputError(
        f"{path}: row {position + 2} (interval_start {start}): '{name}' is '{cell}', "
        f"which reads as {whole} ({between} between thousands) or as {decimal:g} "
        f"({decimal_mark}){both}; write it without thousands separators ({whole}), or as "
        f"{decimal:g} if that is meant"
    )


def read_slash_starts(table: pd.DataFrame, name: str, first_line: int) -> list[str]:
    """interval_start as timestamps when written with day, month and year fields ("05/01/2026
    09:00"), in the order the import reads them, so an Italian 5 January is not 1 May; notes
    when nothing in the column told the order, or where a two-digit year is. ISO starts are
    left to the plan layer."""
    if INTERVAL_START not in table or table.empty:
        return []
    cells = [None if pd.isna(cell) else str(cell) for cell in table[INTERVAL_START]]
    reading = read_date_column(cells, name, INTERVAL_START, first_line)
    if reading is None or "%d" not in reading.fmt:
        return []
    unread = np.isnan(reading.seconds)
    first = int(np.flatnonzero(~unread)[0]) if (~unread).any() else None
    if unread.any():
        position = int(np.flatnonzero(unread)[0])
        like = f" like row {first + 2}'s {cells[first]}" if first is not None else ""
        total = total_row_advice(table, position)
        raise InputError(
            f"{name}: row {position + 2} (interval_start {cells[position] or 'empty'}): "
            f"'{INTERVAL_START}' is not a date and time"
            + (
                total
                or f"{like}; write it as the other rows do, or as year-month-day "
                "(e.g. 2026-01-05 09:00)"
            )
        )
    starts = pd.to_datetime(reading.seconds, unit="s")
    table[INTERVAL_START] = starts
    notes = [_two_digit_year_note(cells, starts, reading.fmt, name)]
    if reading.other_order is not None and first is not None:
        differ = np.flatnonzero(reading.seconds // 86_400 != reading.other_order // 86_400)[0]
        as_read = starts[differ]
        other = pd.Timestamp(reading.other_order[differ], unit="s")
        order = "day/month" if reading.fmt.startswith("%d") else "month/day"
        notes.insert(
            0,
            f"{name}: every interval_start fits day/month and month/day alike; read as {order}, "
            f"so {cells[differ]} is {day_text(as_read, year=True)} (not {day_text(other, weekday=False)}). To make it "
            f"unambiguous, write the dates year-month-day (e.g. {as_read:%Y-%m-%d %H:%M}).",
        )
    return [note for note in notes if note]


def _two_digit_year_note(
    cells: list[str | None], starts: pd.DatetimeIndex, fmt: str, name: str
) -> str | None:
    """A note when interval_start writes two-digit years that also read year first ("05/01/26"
    as 26 Jan 2005), as the import warns: nothing in such a file tells where the year is."""
    turned = re.fullmatch(r"%[dm]([/.-])%[dm]\1%y(.*)", fmt)
    if not turned:
        return None
    separator, rest = turned.groups()
    year_first = pd.to_datetime(
        pd.Series(cells), format=f"%y{separator}%m{separator}%d{rest}", errors="coerce"
    )
    if year_first.isna().any():
        return None  # some date has no year-first reading ("31/04/05"): the year is last
    differ = np.flatnonzero(year_first.dt.normalize().to_numpy() != starts.normalize().to_numpy())
    if differ.size == 0:
        return None
    position = int(differ[0])
    as_read, other = starts[position], year_first.iloc[position]
    return (
        f"{name}: interval_start writes two-digit years, and nothing tells whether the year "
        f"comes first or last: read last, so {cells[position]} is {day_text(as_read, year=True)} (not "
        f"{day_text(other, year=True, weekday=False)}). To make it unambiguous, write the dates year-month-day (e.g. "
        f"{as_read:%Y-%m-%d %H:%M})."
    )


def _title_note(name: str, title_lines: list[str], header_line: int) -> str | None:
    """A note naming the lines above the header that were skipped (a report's title), so a
    table that starts lower than the planner thought is not read without a word."""
    shown = [line.strip() for line in title_lines if line.strip()]
    if not header_line or not shown:
        return None
    lines = "line 1 was" if header_line == 1 else f"lines 1-{header_line} were"
    quoted = "; ".join(f"'{line}'" for line in shown[:2]) + ("; ..." if len(shown) > 2 else "")
    return (
        f"{name}: the header is on line {header_line + 1}; {lines} skipped as a title, not "
        f"data ({quoted})"
    )


def _written_channels(forecast: pd.DataFrame, name: str) -> dict[str, str]:
    """Each queue's channel as FORECAST.csv's `channel` column writes it (what `plan` writes);
    empty without one. A channel that is none of voice, chat, email, or two for one queue, is
    refused naming the row."""
    if CHANNEL not in forecast:
        return {}
    queues = forecast[QUEUE].astype(str) if QUEUE in forecast else pd.Series("all", forecast.index)
    written = forecast[CHANNEL].fillna("").astype(str).str.strip().str.casefold()
    unknown = (written != "") & ~written.isin(CHANNELS)
    if unknown.any():
        position = int(np.flatnonzero(unknown.to_numpy())[0])
        raise InputError(
            f"{name}: row {position + 2}: '{CHANNEL}' is '{forecast[CHANNEL].iloc[position]}'; "
            f"write one of {', '.join(CHANNELS)}, or give --channel to staff every queue on one"
        )
    pairs = pd.DataFrame({QUEUE: queues, CHANNEL: written})[written != ""].drop_duplicates()
    twice = pairs[pairs[QUEUE].duplicated(keep=False)]
    if not twice.empty:
        queue = twice[QUEUE].iloc[0]
        both = " and ".join(twice.loc[twice[QUEUE] == queue, CHANNEL])
        raise InputError(
            f"{name}: queue '{queue}' is written as {both} in column '{CHANNEL}': one queue is "
            "staffed on one channel; correct the column, or give --channel"
        )
    return dict(zip(pairs[QUEUE], pairs[CHANNEL], strict=True))


def _written_channels_note(channels: dict[str, str], name: str) -> str:
    """Which channel each queue was staffed on, as the file's channel column writes it."""
    listed = ", ".join(f"'{queue}' as {channel}" for queue, channel in channels.items())
    return (
        f"staffed {listed}, as {name}'s channel column writes them; give --channel to staff "
        "every queue on one channel"
    )


def _two_volumes_note(forecast: pd.DataFrame, name: str) -> str | None:
    """A file holding both a volume and a forecast column that disagree (a volume column added
    in a spreadsheet beside `forecast`'s own): the volume is staffed, which one was meant is
    the planner's to say. It was chosen without a word."""
    if VOLUME not in forecast or FORECAST not in forecast:
        return None
    totals = [
        pd.to_numeric(forecast[column], errors="coerce").sum() for column in (VOLUME, FORECAST)
    ]
    if np.isclose(totals[0], totals[1], rtol=1e-3):
        return None
    return (
        f"{name} has both a {VOLUME} and a {FORECAST} column, {totals[0]:,.0f} and "
        f"{totals[1]:,.0f} contacts: the {VOLUME} column is staffed; delete the column not meant "
        "if it should be the other"
    )


def _sized_volume_note(forecast: pd.DataFrame, name: str, quantile: str) -> str | None:
    """A plan written by `plan --quantile` staffed again on its mean: its sized_for_volume
    column was passed over without a word, and a P80 plan of 38.4 FTE came back as 35.4."""
    staffed = VOLUME if VOLUME in forecast else FORECAST
    if quantile != MEAN_QUANTILE or SIZED_FOR_VOLUME not in forecast or staffed not in forecast:
        return None
    sized, mean = (
        pd.to_numeric(forecast[column], errors="coerce").sum()
        for column in (SIZED_FOR_VOLUME, staffed)
    )
    if np.isclose(sized, mean, rtol=1e-3):
        return None
    return (
        f"{name}'s {SIZED_FOR_VOLUME} column, {sized:,.0f} contacts, is not used: the agents "
        f"are sized on its {staffed} column, {mean:,.0f}, the mean; to size them on the "
        "quantile again, give `staff` the forecast with --quantile (e.g. p80), or run "
        "`plan --quantile`"
    )


def _replaced_aht_note(forecast: pd.DataFrame, aht_seconds: float, name: str) -> str:
    """Says that --aht-seconds replaced FORECAST.csv's own handle times, and what they were."""
    # Refused as without --aht-seconds: "abc" in the column says the file is not as it seems.
    written = pd.Series(given_handle_times(forecast.reset_index(drop=True)))
    written = written[written > 0]
    if written.empty:
        return f"--aht-seconds {aht_seconds:g} staffs every row ({name}'s aht_seconds is blank)"
    low, high = written.min(), written.max()
    if round(low) == round(high):
        return (
            f"--aht-seconds {aht_seconds:g} staffs every row in place of {name}'s aht_seconds "
            f"({low:,.0f} s); leave it out to staff on the file's handle times"
        )
    # `plan --aht-seconds` keeps the weekday and time shape around the figure given: the
    # bank's forecast staffed here at a flat 300 s cost € 73,604, plan's € 73,724.
    return (
        f"--aht-seconds {aht_seconds:g} staffs every row in place of {name}'s aht_seconds "
        f"({low:,.0f}-{high:,.0f} s), one figure for all, as `plan --aht-seconds "
        f"{aht_seconds:g} --flat-aht` does (without --flat-aht, `plan` gives each interval "
        f"{aht_seconds:g} s times its weekday and time's ratio); leave it out to staff on the "
        "file's handle times"
    )


def _quantile_volume(forecast: pd.DataFrame, args: argparse.Namespace) -> np.ndarray:
    """The --quantile column's contacts per row, refused when FORECAST.csv has none or a row
    holds no number 0 or more."""
    column = args.quantile
    if column not in forecast:
        raise InputError(
            f"--quantile {column}: {shown_input(args.forecast)} has no {column} column (it has "
            f"{', '.join(map(str, forecast.columns))}); `cli.py forecast` writes p10, p50, p80 "
            "and p90, or leave --quantile out to staff to the mean"
        )
    volume = pd.to_numeric(forecast[column], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(volume) | (volume < 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        cell = forecast[column].iloc[row]
        # As the volume column's refusal names a cell: a blank p80 read "'p80' is 'nan'".
        if pd.isna(cell) or not str(cell).strip():
            said = "empty or not a number"
        elif np.isinf(volume[row]):
            said = "infinite"
        elif np.isnan(volume[row]):
            said = f"'{cell}'"
        else:
            said = f"{volume[row]:g}"
        raise InputError(
            f"{shown_input(args.forecast)}: row {row + 2} (interval_start "
            f"{forecast[INTERVAL_START].iloc[row]}): '{column}' is {said}; give a number of "
            "contacts, 0 or more"
        )
    return volume


def _quantile_order_note(
    forecast: pd.DataFrame, sizing: np.ndarray, args: argparse.Namespace
) -> str | None:
    """Rows whose --quantile column lies below the mean forecast or a lower quantile: a column
    mixed up or edited by hand, which would staff a busy day with fewer agents than a usual one
    (p80 at 90 beside a mean of 100 planned 12 agents and 64% on the mean, without a word)."""
    chosen = args.quantile
    open_rows = open_flags(forecast) if IS_OPEN in forecast else np.ones(len(forecast), bool)
    volume_column = VOLUME if VOLUME in forecast else FORECAST
    # A P80 or P90 is at least the mean but for rounding to whole contacts (a quiet slot's
    # P80 may be 0 beside a mean of 0.3); a P50 may lie well under the mean of a skewed count.
    lower = [(f"the mean forecast ('{volume_column}')", volume_column, 1.0)] * (chosen != "p50")
    lower += [(name, name, 0.0) for name in QUANTILE_COLUMNS[: QUANTILE_COLUMNS.index(chosen)]]
    for said, name, rounding in lower:
        if name not in forecast:
            continue
        below = pd.to_numeric(forecast[name], errors="coerce").to_numpy(dtype=float)
        crossed = open_rows & (sizing < below - rounding - 1e-9)
        if crossed.any():
            row = int(np.flatnonzero(crossed)[0])
            return (
                f"{shown_input(args.forecast)}: {chosen} is below {said} in {crossed.sum():,} of "
                f"{open_rows.sum():,} open rows (first row {row + 2}: {sizing[row]:,.4g} against "
                f"{below[row]:,.4g}), so they are staffed for fewer contacts than {name} "
                f"holds; a {chosen} is never lower but for rounding, so check the file's columns"
            )
    return None


def _check_handle_times(forecast: pd.DataFrame, name: str) -> None:
    """Without --aht-seconds, every row with contacts needs its own handle time: a blank or 0
    used to be staffed on an unstated 300 s."""
    if AHT_SECONDS not in forecast:
        return
    volume_column = VOLUME if VOLUME in forecast else FORECAST
    if volume_column not in forecast:
        return  # the plan layer names the missing column
    volume = pd.to_numeric(forecast[volume_column], errors="coerce").fillna(0).to_numpy()
    aht = pd.to_numeric(forecast[AHT_SECONDS], errors="coerce").to_numpy(dtype=float)
    blank = forecast[AHT_SECONDS].isna().to_numpy() | (aht == 0)
    missing = blank & (volume > 0)
    if missing.any():
        position = int(np.flatnonzero(missing)[0])
        written = "empty" if forecast[AHT_SECONDS].isna().iloc[position] else "0"
        raise InputError(
            f"{name}: row {position + 2} (interval_start "
            f"{forecast[INTERVAL_START].iloc[position] if INTERVAL_START in forecast else '?'}) "
            f"has {volume[position]:g} contact{'' if volume[position] == 1 else 's'} but its "
            f"'{AHT_SECONDS}' is {written}; fill in "
            "its handle time in seconds, or give --aht-seconds to staff every row on one handle time"
        )


def _peaks_apart(summary: PlanSummary) -> str:
    """Where the agents' and the people rostered's peaks fall, when in different intervals
    (several queues): otherwise the line reads as one interval's agents and roster."""
    agents, rostered = summary.peak_agents_start, summary.peak_rostered_start
    if agents is None or rostered is None or agents == rostered:
        return ""
    return (
        f" ({day_text(agents, clock=True)}; the most rostered at {day_text(rostered, clock=True)})"
    )


# Runs of missing intervals a note names by their start and end; any more are only counted.
MISSING_RUNS_NAMED = 3


def missing_intervals_notes(
    plan: pd.DataFrame,
    interval_minutes: float,
    name: str,
    named_queues: bool,
    taken_as: str = "staffed as nobody",
    rows_hold: str = "their forecast",
    repeated_as: str = "both are staffed, one hour after the other",
    closed_left_out: bool = False,
) -> list[str]:
    """A note per queue whose FORECAST.csv rows leave out intervals of a day it lists that the
    same weekday's other days list, inside the file's span (its first to its last listed
    interval): rows deleted in a spreadsheet, staffed as nobody. `cli.py forecast` writes only
    the open intervals, so closed nights and weekends are absent on every such day alike, and
    a holiday it closes is absent whole: neither raises a note. A weekday listed once has
    nothing to be judged against. `taken_as` and `rows_hold` word a PLAN.csv read by shifts.
    `closed_left_out`: the file is `cli.py forecast`'s, whose left-out intervals are closed,
    so only the clock changes are noted."""
    notes = []
    queues = plan[QUEUE].astype(str)
    volumes = plan[VOLUME] if VOLUME in plan else pd.Series(np.nan, index=plan.index)
    for queue, starts in pd.to_datetime(plan[INTERVAL_START]).groupby(queues, sort=True):
        listed = pd.DatetimeIndex(starts.dropna())
        missing = _missing_starts(listed).union(_missing_at_the_ends(listed))
        known = starts.notna()
        lone_gaps = _gaps_in_lone_days(
            pd.DatetimeIndex(starts[known]),
            interval_minutes,
            volumes[starts.index][known].to_numpy(dtype=float),
        )
        skipped = clock_skipped_starts(missing.union(lone_gaps), interval_minutes)
        missing = missing.difference(skipped)
        about = f" (queue '{queue}')" if named_queues else ""
        if closed_left_out:
            lone_gaps, missing = lone_gaps[:0], missing[:0]
        notes += _lone_day_gaps_notes(
            lone_gaps.difference(skipped), interval_minutes, name, about, taken_as, rows_hold
        )
        if not skipped.empty:
            hours = "; ".join(_run_text(*run) for run in _runs(skipped, interval_minutes))
            notes.append(
                f"{name}: no row {hours}{about}, the hour clocks skip when daylight-saving "
                f"time starts: it does not happen that night and is {taken_as}"
            )
        repeated = clock_repeated_starts(starts, interval_minutes)
        if not repeated.empty:
            hours = "; ".join(_run_text(*run) for run in _runs(repeated, interval_minutes))
            notes.append(
                f"{name}: the intervals {hours} are listed twice{about}, the hour clocks repeat when "
                f"daylight-saving time ends: {repeated_as}"
            )
        if missing.empty:
            continue
        runs = _runs(missing, interval_minutes)
        if len(runs) == 1:
            where = f" {_run_text(*runs[0])}"
        else:
            named = ", ".join(_run_text(*run) for run in runs[:MISSING_RUNS_NAMED])
            more = len(runs) - MISSING_RUNS_NAMED
            where = f", in {len(runs)} runs: {named}" + (f" and {more:,} more" if more > 0 else "")
        verb = "is" if missing.size == 1 else "are"
        notes.append(
            f"{name}: {counted(missing.size, 'interval')} missing{where}{about}"
            f"{',' if len(runs) > 1 else ''} {verb} {taken_as}, though the same weekday's "
            f"other days in the file list them; put them back with {rows_hold} if they are open"
        )
    return notes


def _lone_day_gaps_notes(
    gaps: pd.DatetimeIndex,
    interval_minutes: float,
    name: str,
    about: str,
    taken_as: str,
    rows_hold: str,
) -> list[str]:
    """The note on intervals missing inside a day the same weekday's other days cannot vouch
    for (`gaps`, see _gaps_in_lone_days), as many forecasts of a week or a day are."""
    if gaps.empty:
        return []
    runs = _runs(gaps, interval_minutes)
    where = ", ".join(_run_text(*run) for run in runs[:MISSING_RUNS_NAMED])
    more = len(runs) - MISSING_RUNS_NAMED
    where += f" and {more:,} more" if more > 0 else ""
    verb = "is" if gaps.size == 1 else "are"
    return [
        f"{name}: {counted(gaps.size, 'interval')} missing {where}{about}, inside the hours "
        f"listed that day, {verb} {taken_as}; if the desk is open then, put them back "
        f"with {rows_hold}"
    ]


# A lone day's gap whose times the other days forecast below this share of their mean interval
# lies in their quiet hours: there a forecast leaves out the intervals its history found closed
# on that weekday alone (the bank's Saturday night pause, 02:42-07:12, at 8% of Sunday's mean).
QUIET_SHARE = 0.25


def _gaps_in_lone_days(
    listed: pd.DatetimeIndex, interval_minutes: float, volumes: np.ndarray | None = None
) -> pd.DatetimeIndex:
    """Starts missing between the first and last listed interval of a day whose weekday the
    file lists once (a single-day forecast, or a week's), and that no other listed day leaves
    out too: a lunch closing every day shares is the desk's hours, not rows deleted. With the
    listed intervals' `volumes`, a run of them the other days forecast as quiet hours (see
    QUIET_SHARE), or that lies between quiet intervals in a day listed alone, is that day's
    closing, as `cli.py forecast` leaves it out, not rows deleted."""
    if listed.tz is not None:
        listed = listed.tz_localize(None)
    if volumes is None:
        volumes = np.full(listed.size, np.nan)
    # One volume per start: a start listed twice counts its rows' contacts together.
    per_start = pd.Series(volumes, index=listed).groupby(level=0).sum(min_count=1)
    listed = pd.DatetimeIndex(per_start.index)
    if listed.size < 2:
        return listed[:0]
    days = listed.normalize()
    listed_days = days.unique()
    lone = listed_days[~pd.Index(listed_days.day_of_week).duplicated(keep=False)]
    step = pd.Timedelta(minutes=float(interval_minutes))
    clocks = pd.TimedeltaIndex(listed - days)
    times = pd.Series(clocks).groupby(days)
    first, last = times.min(), times.max()
    gaps = []
    for day in lone:  # at most seven: one per weekday
        grid = pd.timedelta_range(first[day], last[day], freq=step)
        absent = grid.difference(pd.TimedeltaIndex(times.get_group(day)))
        other = days != day
        if other.any():  # kept only where another day lists that time of day
            quiet = _in_quiet_runs(absent, clocks[other], per_start[other], step)
            absent = absent[absent.isin(clocks[other]) & ~quiet]
        else:  # a day alone: judged by its own intervals either side of each run
            own = ~other
            absent = absent[~_between_quiet_edges(absent, clocks[own], per_start[own], step)]
        gaps.append(day + absent)
    if not gaps:
        return listed[:0]
    return pd.DatetimeIndex(np.concatenate([gap.to_numpy() for gap in gaps])).sort_values()


def _between_quiet_edges(
    absent: pd.TimedeltaIndex, clocks: pd.TimedeltaIndex, volumes: pd.Series, step: pd.Timedelta
) -> np.ndarray:
    """Whether each of `absent`'s clock times lies in a run of them whose listed neighbours,
    the intervals just before and after it at `clocks` with `volumes`, forecast under
    QUIET_SHARE of the day's mean interval together: a forecast of one day closes where its
    history had no contacts, so its closings lie between quiet intervals (the bank's Saturday
    02:36 and 07:18 forecast 0.01 and 0.08 calls against 1.49 over the day); rows deleted from
    busy hours lie between busy ones. None without volumes."""
    quiet = np.zeros(absent.size, dtype=bool)
    mean = float(np.nanmean(volumes)) if volumes.notna().any() else math.nan
    if absent.empty or not mean > 0:
        return quiet
    at_clock = pd.Series(volumes.to_numpy(), index=clocks)
    run = np.r_[0, np.cumsum(absent[1:] - absent[:-1] != step)]
    runs = pd.Series(absent).groupby(run)
    edges = (
        at_clock.reindex(runs.min() - step).to_numpy()
        + at_clock.reindex(runs.max() + step).to_numpy()
    )
    quiet_runs = edges / 2 < QUIET_SHARE * mean  # NaN edges (no volume) are not quiet
    return quiet_runs[run]


def _in_quiet_runs(
    absent: pd.TimedeltaIndex, clocks: pd.TimedeltaIndex, volumes: pd.Series, step: pd.Timedelta
) -> np.ndarray:
    """Whether each of `absent`'s clock times lies in a run of them (one `step` apart) whose
    times the other days, listed at `clocks` with `volumes`, forecast under QUIET_SHARE of
    their mean interval, where they list them; none without volumes."""
    quiet = np.zeros(absent.size, dtype=bool)
    mean = float(np.nanmean(volumes)) if volumes.notna().any() else math.nan
    if absent.empty or not mean > 0:
        return quiet
    at_clock = pd.Series(volumes.to_numpy(), index=clocks).groupby(level=0).mean()
    run = np.r_[0, np.cumsum(absent[1:] - absent[:-1] != step)]
    in_run = pd.Series(at_clock.reindex(absent).to_numpy()).groupby(run).transform("mean")
    return (in_run < QUIET_SHARE * mean).to_numpy()


def _missing_starts(listed: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The starts of the days `listed` holds that another day of the same weekday lists and
    their own day does not, inside `listed`'s span, sorted."""
    if listed.tz is not None:  # one UTC offset for the whole file: its wall clock is the clock
        listed = listed.tz_localize(None)
    listed = listed.unique().sort_values()
    if listed.size < 2:
        return listed[:0]
    days = listed.normalize()
    slots = pd.DataFrame({"weekday": days.day_of_week, "time": listed - days}).drop_duplicates()
    # Only days with a row: a day absent whole is a closed one (a holiday), as the forecast
    # writes it.
    listed_days = days.unique()
    expected = pd.DataFrame({"day": listed_days, "weekday": listed_days.day_of_week}).merge(
        slots, on="weekday"
    )
    expected = pd.DatetimeIndex(expected["day"] + expected["time"])
    expected = expected[(expected >= listed[0]) & (expected <= listed[-1])]
    return expected.difference(listed).sort_values()


def _missing_at_the_ends(listed: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Starts the file's first day leaves out before its first listed interval, or its last
    day after its last, that the same weekday's other days list, where a horizon cut at a
    clock time cannot explain them: a file whose first day starts as that weekday's others
    do covers whole days, so its last day should end as its weekday's others do; and a first
    day starting late, beside a last day ending as its weekday's others do, is a forecast
    from a mid-day origin unless its clock time comes nowhere between the last listed
    interval and the next the weekdays list (so no horizon of whole days from it ends
    there)."""
    if listed.tz is not None:
        listed = listed.tz_localize(None)
    listed = listed.unique().sort_values()
    days = listed.normalize()
    if listed.size < 2 or days[0] == days[-1]:
        return listed[:0]
    slots = pd.DataFrame({"day": days, "weekday": days.day_of_week, "clock": listed - days})

    def usual(day: pd.Timestamp) -> pd.TimedeltaIndex:
        """Clock times the other days of `day`'s weekday list."""
        others = slots[(slots["weekday"] == day.day_of_week) & (slots["day"] != day)]
        return pd.TimedeltaIndex(others["clock"].unique()).sort_values()

    first, last = listed[0], listed[-1]
    first_usual, last_usual = usual(days[0]), usual(days[-1])
    gaps = []
    if first_usual.size and first - days[0] <= first_usual[0]:
        gaps.append(days[-1] + last_usual[last_usual > last - days[-1]])
    early = first_usual[first_usual < first - days[0]]
    # Both ends short: which one rows were deleted from cannot be told.
    if early.size and last_usual.size and last - days[-1] >= last_usual[-1]:
        ahead = pd.date_range(days[-1], periods=8, freq="D")
        weekly = slots.groupby("weekday")["clock"].unique()
        later = [
            day + pd.TimedeltaIndex(weekly[day.day_of_week])
            for day in ahead  # eight days: the next listed slot, if the weekdays list any
            if day.day_of_week in weekly.index
        ]
        after = pd.DatetimeIndex(np.concatenate([stamps.to_numpy() for stamps in later]))
        after = after[after > last]
        horizon_end = last.normalize() + (first - days[0])
        horizon_end += pd.Timedelta(days=1) if horizon_end <= last else pd.Timedelta(0)
        if after.size and horizon_end > after.min():
            gaps.append(days[0] + early)
    if not gaps:
        return listed[:0]
    return pd.DatetimeIndex(np.concatenate([gap.to_numpy() for gap in gaps])).sort_values()


def clock_skipped_starts(missing: pd.DatetimeIndex, interval_minutes: float) -> pd.DatetimeIndex:
    """The `missing` starts whose run is the whole hour a clock going forward skips (see
    forecasting.clock_change.could_be_skipped_hour): `cli.py forecast` leaves it out, so its
    absence is no row deleted."""
    return _in_clock_hours(missing, interval_minutes, could_be_skipped_hour)


def clock_repeated_starts(starts: pd.Series, interval_minutes: float) -> pd.DatetimeIndex:
    """The starts listed twice whose run is the whole hour a clock going back repeats (see
    staffing.clock_hours.could_be_repeated_hour)."""
    known = starts.dropna()
    twice = pd.DatetimeIndex(known[known.duplicated()]).unique().sort_values()
    return _in_clock_hours(twice, interval_minutes, could_be_repeated_hour)


def _in_clock_hours(
    starts: pd.DatetimeIndex,
    interval_minutes: float,
    is_clock_hour: Callable[[pd.Timestamp, pd.Timestamp, float], bool],
) -> pd.DatetimeIndex:
    """The sorted `starts` in the runs one interval apart that `is_clock_hour` takes for the
    whole hour a clock change skips or repeats."""
    if starts.empty:
        return starts
    runs = [
        pd.date_range(first, last, freq=pd.Timedelta(minutes=float(interval_minutes)))
        for first, last in _runs(starts, interval_minutes)
        if is_clock_hour(first, last, interval_minutes)
    ]
    return starts[starts.isin(runs[0].append(runs[1:]))] if runs else starts[:0]


def _runs(
    starts: pd.DatetimeIndex, interval_minutes: float
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """(first, last) of each run of `starts` one interval apart."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    breaks = np.flatnonzero(starts[1:] - starts[:-1] != step) + 1
    firsts = np.r_[0, breaks]
    lasts = np.r_[breaks - 1, starts.size - 1]
    return [(starts[first], starts[last]) for first, last in zip(firsts, lasts, strict=True)]


def _run_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """A run of interval starts, its days written as every message writes a day."""
    start = day_text(first, year=True, clock=True)
    if first == last:
        return f"at {start}"
    same_day = first.normalize() == last.normalize()
    end = f"{last:%H:%M}" if same_day else day_text(last, year=True, clock=True)
    return f"between {start} and {end}"


# Listed days from which a forecast that stops short of a whole week reads as one with closed days.
MOST_OF_A_WEEK = 5


# More days than this without a row between two listed days is no closed weekend or holiday:
# the forecast holds separate periods.
SEPARATE_PERIODS_GAP_DAYS = 7


def _separate_periods(plan: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The first and last day of each period of FORECAST.csv's days, a period ending where more
    than SEPARATE_PERIODS_GAP_DAYS days pass without a row (one period for most files)."""
    days = pd.DatetimeIndex(pd.to_datetime(plan[INTERVAL_START]).dropna().dt.normalize().unique())
    days = days.sort_values()
    if days.size < 2:
        return [(days[0], days[0])] if days.size else []
    gaps = np.diff(days.to_numpy()) / np.timedelta64(1, "D")
    breaks = np.flatnonzero(gaps > SEPARATE_PERIODS_GAP_DAYS + 1)
    firsts = days[np.r_[0, breaks + 1]]
    lasts = days[np.r_[breaks, days.size - 1]]
    return list(zip(firsts, lasts, strict=True))


def _periods_words(plan: pd.DataFrame) -> str:
    """' in 2 separate periods' after the days the FTE and cost are over, when they are."""
    periods = len(_separate_periods(plan))
    return f" in {periods} separate periods" if periods > 1 else ""


def _separate_periods_note(plan: pd.DataFrame, name: str, horizon_hours: float) -> str | None:
    """Where FORECAST.csv's days fall in periods more than SEPARATE_PERIODS_GAP_DAYS apart,
    which, and that the FTE and cost are over the days they hold (`horizon_hours`), not over
    every day from the first to the last: a week of 1999 and one of 2014 in one file read
    "0.1 FTE ... over 5,427 days" for two desks of 27.3 and 23.3."""
    periods = _separate_periods(plan)
    if len(periods) < 2:
        return None
    said = [
        day_text(first, year=True)
        if first == last
        else f"{day_text(first, year=True)} – {day_text(last, year=True)}"
        for first, last in periods
    ]
    shown = "; ".join(said[:3]) + (f" and {len(said) - 3} more" if len(said) > 3 else "")
    spanned = (periods[-1][1] - periods[0][0]).days + 1
    return (
        f"{name} lists {len(periods)} separate periods ({shown}), more than "
        f"{SEPARATE_PERIODS_GAP_DAYS} days apart: the FTE above spreads the paid hours over the "
        f"{days_text(horizon_hours / 24)} the periods hold, not over all {spanned:,} days from "
        "the first to the last. Staff each period from a file of its own for each one's FTE"
    )


def _closed_days_note(
    plan: pd.DataFrame, fte: float, name: str, horizon_hours: float
) -> str | None:
    """The FTE over whole weeks when the days FORECAST.csv lists stop short of them and the
    days left to the next whole week fall on weekdays it never lists. A forecast leaves its
    closed days out, so a 7-day forecast of a Mon-Fri queue lists 5 days: the FTE, spread over
    those 5, reads 7/5 of `plan`'s on the same forecast, unless the days were all it forecast."""
    starts = pd.to_datetime(plan[INTERVAL_START]).dropna()
    if starts.empty or not fte:
        return None
    first, last = starts.min().normalize(), starts.max().normalize()
    days = round(horizon_hours / 24.0)  # the days the FTE is spread over
    if days < MOST_OF_A_WEEK:  # a day or a few planned on their own are not a short week
        return None
    weeks = -(-days // 7)
    after = pd.date_range(last + pd.Timedelta(days=1), periods=weeks * 7 - days, freq="D")
    if after.empty or set(after.day_of_week) & set(starts.dt.day_of_week):
        return None
    listed = f"{day_text(first)} – {day_text(last, year=True)}"
    # The weekdays, not the dates: the day left out may as well be before the first listed (a
    # forecast from Wed 1 Jan whose New Year's Day is closed lists Thu 2 - Tue 7), and "closed
    # on the days after them (Wed)" named Wed 8 Jan, outside the forecast.
    weekdays = list(dict.fromkeys(f"{day:%a}" for day in after))
    closed = " and ".join(", ".join(weekdays).rsplit(", ", 1))
    was = "was" if len(after) == 1 else "were"
    return (
        f"the FTE spreads the paid hours over the {days} days {name} lists ({listed}); if the "
        f"{closed} it leaves out of {weeks * 7} days {was} closed, {weeks * 7} days' FTE is "
        f"{fte * days / (weeks * 7):,.1f}, as `plan` counts it over a {weeks * 7}-day horizon"
    )


def _hours(hours: float) -> str:
    """Agent-hours as notes read them: "1,036", but "2.5" where rounding would say 2."""
    return f"{hours:,.0f}" if hours >= 10 else f"{hours:.1f}".removesuffix(".0")


def _unmarked_closed_notes(
    plan: pd.DataFrame, interval_minutes: float, name: str, min_agents_open: int
) -> list[str]:
    """Per queue, the long runs of intervals without a contact a forecast without is_open had
    staffed at the minimum: closed nights written as 0 contacts, read open and paid for."""
    agents = "one agent" if min_agents_open == 1 else f"{min_agents_open} agents"
    notes = []
    for found in staffed_without_contacts(plan, interval_minutes):
        end = found.first_end + pd.Timedelta(minutes=interval_minutes)
        until = (
            end.strftime("%H:%M")
            if end.normalize() == found.first_start.normalize()
            else (day_text(end, clock=True))
        )
        notes.append(
            f"{name} has no is_open column, so every interval it lists is read open: queue "
            f"'{found.queue}' has {found.intervals:,} intervals without a contact in runs of "
            f"{CLOSED_LOOKING_HOURS:g} h or more (the first {day_text(found.first_start, clock=True)}"
            f"–{until}), each staffed with {agents}: {_hours(found.agent_hours)} of its "
            f"{_hours(found.queue_agent_hours)} agent-hours. If the desk is closed then, add an "
            "is_open column (false in those rows) or delete the rows, as `cli.py forecast` "
            "leaves closed intervals out; --min-agents-open 0 staffs nobody where no contact "
            "is expected"
        )
    return notes


def _closed_contacts_note(plan: pd.DataFrame, name: str) -> str | None:
    """Contacts FORECAST.csv expects in intervals it marks closed: nobody is staffed for them and
    the service level counts them unanswered, so a plan meeting 80/20 in every open interval
    read 'service level 53.8%' without saying why."""
    volume = pd.to_numeric(plan[VOLUME], errors="coerce").fillna(0).to_numpy()
    # E-mail that arrives while closed waits in the backlog for the next open hours.
    live = (plan["channel"] != "email").to_numpy()
    closed = ~plan[IS_OPEN].fillna(False).astype(bool).to_numpy() & (volume > 0) & live
    if not closed.any():
        return None
    first = pd.Timestamp(plan[INTERVAL_START].to_numpy()[np.flatnonzero(closed)[0]])
    share = volume[closed].sum() / volume[live].sum()
    return (
        f"{name} expects {volume[closed].sum():,.0f} of its {volume[live].sum():,.0f} calls and chats "
        f"({share:.0%}) in {counted(int(closed.sum()), 'interval')} it marks closed (first "
        f"{day_text(first, clock=True)}): nobody is staffed for them and the service level counts them "
        "unanswered; mark those intervals open (is_open true) to staff them"
    )


def _horizon_hours(plan: pd.DataFrame, interval_minutes: float) -> float:
    """The hours the forecast covers, to spread the paid hours over: `_period_hours` of each of
    its separate periods, added up. A week of 1999 beside one of 2014 covers 14 days, not the
    5,427 from the first to the last, which read 0.1 FTE for two desks of 27.3 and 23.3."""
    periods = _separate_periods(plan)
    if len(periods) < 2:
        return _period_hours(plan, interval_minutes)
    days = pd.to_datetime(plan[INTERVAL_START]).dt.normalize()
    return sum(
        _period_hours(plan[days.between(first, last).to_numpy()], interval_minutes)
        for first, last in periods
    )


def _period_hours(plan: pd.DataFrame, interval_minutes: float) -> float:
    """The hours one period of the forecast covers, to spread the paid hours over (FTE, cost
    per day/week): whole days from its first interval's start to its last interval's end. `cli.py forecast`
    writes only the open intervals, so counting the rows would leave out the closed nights and
    weekends and multiply the FTE of a queue open 9 to 5; counting calendar dates made a week
    starting at noon (Mon 12:00 to Mon 11:30) 8 days, its FTE 7/8 of the same week from
    midnight's."""
    starts = pd.to_datetime(plan[INTERVAL_START])
    listed = len(plan.groupby(interval_keys(plan)).size()) * float(interval_minutes) / 60.0
    if starts.empty:
        return listed
    span = starts.max() + pd.Timedelta(minutes=float(interval_minutes)) - starts.min()
    days = math.ceil(span / pd.Timedelta(days=1) - 1e-9)
    # The night a clock goes back lasts 25 hours: its repeated hour is lived on top of the span;
    # the night it goes forward lasts 23, its skipped hour never lived.
    repeated = _repeated_starts(plan).size * float(interval_minutes)
    skipped = _skipped_starts(plan, interval_minutes).size * float(interval_minutes)
    return max(listed, days * 24.0 + (repeated - skipped) / 60.0)


def _repeated_starts(plan: pd.DataFrame) -> pd.DatetimeIndex:
    """The starts of the hours a clock going back repeats, listed a second time for any queue
    (the plan layer refuses any other interval listed twice)."""
    starts, occurrence = interval_keys(plan)
    return pd.DatetimeIndex(starts[occurrence.to_numpy() == 1].unique()).sort_values()


def _skipped_starts(plan: pd.DataFrame, interval_minutes: float) -> pd.DatetimeIndex:
    """The starts of the hour a clock going forward skips, where a queue listing the intervals
    around it leaves out just that hour (a queue closed at night tells nothing of the clock)."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    skipped = pd.DatetimeIndex([])
    for _, starts in pd.to_datetime(plan[INTERVAL_START]).groupby(plan[QUEUE].astype(str)):
        listed = pd.DatetimeIndex(starts.dropna()).unique().sort_values()
        if listed.tz is not None:
            listed = listed.tz_localize(None)
        if listed.size < 2:
            continue
        missing = pd.date_range(listed[0], listed[-1], freq=step).difference(listed)
        skipped = skipped.union(clock_skipped_starts(missing, interval_minutes))
    return skipped


def lived_hours_text(plan: pd.DataFrame, horizon_hours: float, interval_minutes: float) -> str:
    """'73 hours, the clocks went back on Sun 25 Oct 2026; ' when the span the FTE and cost are
    over holds a night a clock went back (or '71 hours, the clocks went forward on ...' for one
    it went forward), else '': the paid hours are spread over the hours lived, and "over 3
    days" alone hid the hour more or less."""
    changes = [
        (starts, moved)
        for starts, moved in (
            (_repeated_starts(plan), "back"),
            (_skipped_starts(plan, interval_minutes), "forward"),
        )
        if not starts.empty
    ]
    if not changes:
        return ""
    nights = "; ".join(
        f"the clocks went {moved} on "
        + " and ".join(day_text(night, year=True) for night in starts.normalize().unique())
        for starts, moved in changes
    )
    return f"{horizon_hours:,.0f} hours, {nights}; "


def off_grid_start(queues: pd.Series, starts: pd.Series, name: str) -> None:
    """Refuse a start off the grid the rest of its queue keeps: one 30-minute row edited to
    10:10 read the file as 20-minute intervals and staffed every row's contacts as arriving in
    20 minutes (Tech. Axa: peak 80 agents for 53, 97.8 FTE for 103.6), without a word. The grid
    is the queue's most common step; a queue whose starts mostly keep no one grid is left
    alone."""
    frame = pd.DataFrame({"queue": queues.to_numpy(), "start": starts.to_numpy()}).dropna()
    frame = frame.drop_duplicates().sort_values(["queue", "start"])
    step = frame.groupby("queue")["start"].diff().dt.total_seconds() // 60
    grid = step.groupby(frame["queue"]).agg(lambda steps: steps.mode().min())
    minutes = frame["queue"].map(grid)
    usable = minutes.notna() & (minutes > 0) & (minutes <= 60) & (1440 % minutes.fillna(1) == 0)
    frame, minutes = frame[usable], minutes[usable]
    if frame.empty:
        return
    start = frame["start"]
    offset = (start.dt.hour * 60 + start.dt.minute) % minutes + start.dt.second / 60
    usual = offset.groupby(frame["queue"]).agg(lambda offsets: offsets.mode().min())
    off = (offset != frame["queue"].map(usual)).to_numpy().copy()
    off_share = pd.Series(off).groupby(frame["queue"].to_numpy()).mean()
    off &= frame["queue"].map(off_share).to_numpy() < 0.25  # a few edited rows, not a mix
    if not off.any():
        return
    position = int(frame.index[np.flatnonzero(off)[0]])
    queue = frame.loc[position, "queue"]
    bad = pd.Timestamp(starts.iloc[position])
    every = int(grid[queue])
    before = bad.floor(f"{every}min") + pd.Timedelta(minutes=float(usual[queue]))
    after = before + pd.Timedelta(minutes=every)
    if before > bad:
        before, after = before - pd.Timedelta(minutes=every), before
    raise InputError(
        f"{name}: row {position + 2} (interval_start {bad}): it lies off the {every}-minute "
        f"grid the other intervals{'' if queue == 'all' else f' of queue {queue!r}'} keep, "
        f"between its {before:%H:%M} and {after:%H:%M}; correct its time, or give "
        "--interval-minutes if the intervals are shorter"
    )


def _interval_minutes(forecast: pd.DataFrame, name: str, given: float | None = None) -> float:
    """The shortest step between consecutive intervals of a queue, or the --interval-minutes
    `given`, once it is no longer than that step: a longer one would spread each interval's
    contacts over time the next interval's contacts also use (30 on 15-minute data halves the
    agents)."""
    if given is not None and not given > 0:
        raise InputError(
            f"--interval-minutes must be greater than 0 (got {given:g}); give the length of "
            f"{name}'s intervals (e.g. 15) or leave it out to read it from the file"
        )
    if INTERVAL_START not in forecast:
        return given or 15.0  # the plan layer names the missing column
    if forecast.empty:
        raise InputError(f"{name} has no intervals, only its header: nothing to staff")
    starts = interval_starts(forecast)  # names a row whose start is not a date
    groups = forecast[QUEUE].astype(str) if QUEUE in forecast else pd.Series("all", forecast.index)
    if given is None:
        off_grid_start(groups, pd.Series(starts), name)
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
        if pd.DataFrame({"queue": groups, "start": starts}).duplicated().any():
            return 15.0  # the plan layer names the interval listed twice, the real fault
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
    # Shorter than a step of an hour or less: the contacts would be taken as arriving in part
    # of the interval (7 on 15-minute data doubled the agents). A longer step is a queue open
    # one interval a day, which says nothing of the interval's length.
    if given is not None and given < step - 1e-9 and step <= MAX_STAFFING_INTERVAL_MINUTES:
        raise InputError(
            f"--interval-minutes {given:g} is shorter than the {step:g} minutes between {name}'s "
            f"intervals: each interval's contacts would be taken as arriving in {given:g} "
            f"minutes, so too many agents. Give --interval-minutes {step:g} or leave it out."
        )
    return given if given is not None else step
