"""`cli.py staff FORECAST.csv ... --out PLAN.csv`: agents, people and service per interval."""

from __future__ import annotations

import argparse
import csv
import itertools
import re
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
from data.reader import read_date_column
from data.schema import AHT_SECONDS, INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from data.sniff import sniff_file
from staffing.limits import LIMIT, peak_limit_sentence, shares_sentence
from staffing.plan import (
    FORECAST,
    NO_CONTACTS_NOTE,
    STAFF_COLUMNS,
    PlanSummary,
    blank_when_closed,
    interval_starts,
    limit_summary,
    minimum_staffing_notes,
    plan_staffing,
    service_level_text,
    summarise_plan,
)

# The limit that sets the agents sits beside them, as in the plan `cli.py plan` writes.
PLAN_COLUMNS = [
    INTERVAL_START,
    VOLUME,
    *[name for column in STAFF_COLUMNS for name in ([column, LIMIT] if column == "agents"
                                                    else [column])],
]  # fmt: skip
# The columns read from FORECAST.csv, matched whatever their case or spacing ("Volume ").
KNOWN_COLUMNS = (INTERVAL_START, VOLUME, FORECAST, AHT_SECONDS, QUEUE, IS_OPEN)
NUMBER_COLUMNS = (VOLUME, FORECAST, AHT_SECONDS)


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
    forecast, reading_notes = _read_forecast(Path(args.forecast))
    if args.aht_seconds is None and "aht_seconds" not in forecast:
        raise InputError(
            f"{args.forecast} has no aht_seconds column: give --aht-seconds (e.g. 300)"
        )
    if args.aht_seconds is None:
        _check_handle_times(forecast, args.forecast)
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
        f"{counted(summary.peak_agents, 'agent')}{_peaks_apart(summary)}, "
        f"{summary.peak_rostered} rostered, {counted(summary.peak_supervisors, 'supervisor')} "
        f"(band {low}-{high}), {summary.fte:.1f} FTE, cost EUR {summary.cost_horizon:,.0f} "
        f"(EUR {summary.agent_hourly_cost:g}/h agent, {summary.supervisor_hourly_cost:g}/h "
        f"supervisor), service level {service_level_text(summary)}"
    )
    limits = limit_summary(plan, interval_minutes, settings)
    sets = [peak_limit_sentence(limits, settings), shares_sentence(limits)]
    if sets[0]:
        print(f"what sets the agents: {' '.join(part for part in sets if part)}")
    for note in [
        *reading_notes,
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


def _read_forecast(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """FORECAST.csv as text cells, its known columns named as the plan names them, and notes
    on how it was read.

    Its separator and decimal mark are sniffed as for imports, so a file a European
    spreadsheet saved ("interval_start;volume", "12,5") reads as written; every cell stays
    text (a queue named 1 is not renamed 1.0), the plan layer reads the numbers. Slash dates
    are read as timestamps here, in the order an import would read them."""
    if path.is_dir():
        raise InputError(f"{path} is a folder: give the forecast CSV file")
    if not path.exists():
        raise InputError(f"{path}: file not found")
    separator, decimal_comma, encoding, skip = ",", False, "utf-8-sig", 0
    comma_columns: list[str] = []
    try:
        sniffed = sniff_file(path, str(path))
        separator, decimal_comma = sniffed.delimiter, sniffed.decimal_comma
        encoding, skip = sniffed.encoding, sniffed.header_line
        comma_columns = sniffed.decimal_comma_columns
    except InputError:
        pass  # empty or header-only: read plainly, the checks below say what is missing
    _refuse_split_numbers(path, separator, encoding, skip)
    try:
        with warnings.catch_warnings():  # trailing separators: their empty fields are dropped
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            table = pd.read_csv(
                path, sep=separator, dtype=str, encoding=encoding, skiprows=skip,
                skipinitialspace=True, index_col=False,
            )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split())  # one line, whatever the parser wrote
        raise InputError(f"{path}: not a readable CSV table ({reason})") from error
    renamed = _known_names(table.columns)
    table = table.rename(columns=renamed)
    comma_columns = [renamed.get(name, name) for name in comma_columns]
    for name in NUMBER_COLUMNS:
        if name not in table:
            continue
        if decimal_comma or name in comma_columns:
            table[name] = table[name].map(_dot_decimal)
        else:
            table[name] = _without_thousands(table, name, str(path))
    notes = [note for note in [_read_starts(table, str(path), skip + 2)] if note]
    return table, notes


def _refuse_split_numbers(path: Path, separator: str, encoding: str, skip: int) -> None:
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
        f"{path}: line {number} has {len(row)} fields but the header names {width} columns "
        f"({separator.join(row)}){why}"
    )


# A comma grouping thousands ("1,200"), or making a decimal: only the file's convention tells.
_COMMA_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
_DOT_DECIMAL = re.compile(r"[-+]?\d*\.\d+")


def _without_thousands(table: pd.DataFrame, name: str, path: str) -> pd.Series:
    """A dot-decimal column with its thousands commas dropped where nothing else can be meant:
    "1,234,567", "1,234.5", or any "1,200" in a column that writes decimals with a dot
    elsewhere. A lone "1,200" is 1200 or (a decimal comma) 1.2: refused, naming the fix."""
    cells = table[name].map(lambda cell: cell.strip() if isinstance(cell, str) else cell)
    grouped = cells.map(lambda cell: isinstance(cell, str) and bool(_COMMA_GROUPED.fullmatch(cell)))
    if not grouped.any():
        return table[name]
    dotted = cells.map(lambda cell: isinstance(cell, str) and bool(_DOT_DECIMAL.fullmatch(cell)))
    certain = cells.map(lambda cell: isinstance(cell, str) and (cell.count(",") > 1 or "." in cell))
    if not dotted.any():
        doubtful = grouped & ~certain
        if doubtful.any():
            position = int(np.flatnonzero(doubtful.to_numpy())[0])
            cell = cells.iloc[position]
            whole, mark = cell.replace(",", ""), cell.replace(",", ".")
            start = table[INTERVAL_START].iloc[position] if INTERVAL_START in table else "?"
            raise InputError(
                f"{path}: row {position + 2} (interval_start {start}): '{name}' is '{cell}', "
                f"which reads as {whole} (a comma between thousands) or as {float(mark):g} (a "
                f"decimal comma); write it without thousands separators ({whole}), with a dot "
                "for decimals"
            )
    return table[name].where(~grouped, cells.str.replace(",", "", regex=False))


def _read_starts(table: pd.DataFrame, name: str, first_line: int) -> str | None:
    """interval_start as timestamps when written with day, month and year fields ("05/01/2026
    09:00"), in the order the import reads them, so an Italian 5 January is not 1 May; a note
    when nothing in the column told the order. ISO starts are left to the plan layer."""
    if INTERVAL_START not in table or table.empty:
        return None
    cells = [None if pd.isna(cell) else str(cell) for cell in table[INTERVAL_START]]
    reading = read_date_column(cells, name, INTERVAL_START, first_line)
    if reading is None or "%d" not in reading.fmt:
        return None
    unread = np.isnan(reading.seconds)
    first = int(np.flatnonzero(~unread)[0]) if (~unread).any() else None
    if unread.any():
        position = int(np.flatnonzero(unread)[0])
        like = f" like row {first + 2}'s {cells[first]}" if first is not None else ""
        raise InputError(
            f"{name}: row {position + 2} (interval_start {cells[position] or 'empty'}): "
            f"'{INTERVAL_START}' is not a date and time{like}; write it as the other rows do, "
            "or as year-month-day (e.g. 2026-01-05 09:00)"
        )
    starts = pd.to_datetime(reading.seconds, unit="s")
    table[INTERVAL_START] = starts
    if reading.other_order is None or first is None:
        return None
    differ = np.flatnonzero(reading.seconds // 86_400 != reading.other_order // 86_400)[0]
    as_read = starts[differ]
    other = pd.Timestamp(reading.other_order[differ], unit="s")
    order = "day/month" if reading.fmt.startswith("%d") else "month/day"
    return (
        f"{name}: every interval_start fits day/month and month/day alike; read as {order}, so "
        f"{cells[differ]} is {as_read:%a %d %b %Y} (not {other:%d %b}). To make it unambiguous, "
        f"write the dates year-month-day (e.g. {as_read:%Y-%m-%d %H:%M})."
    )


def _known_names(columns: pd.Index) -> dict[str, str]:
    """Header -> the plan's name, for headers naming a known column in another case or with
    spaces around ("Volume ", "AHT_seconds"); left alone when two headers would collide."""
    keys = {str(name): str(name).strip().casefold() for name in columns}
    renamed = {}
    for known in KNOWN_COLUMNS:
        matching = [name for name, key in keys.items() if key == known]
        if len(matching) == 1 and matching[0] != known and known not in keys:
            renamed[matching[0]] = known
    return renamed


def _dot_decimal(cell: object) -> object:
    """A decimal-comma number as the plan reads it: "1.234,5" -> "1234.5", "1.200" -> "1200"
    (with a decimal comma a dot can only group thousands); text unchanged."""
    if not isinstance(cell, str):
        return cell
    text = cell.strip()
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
        if "," not in text:
            return text
    if re.fullmatch(r"[-+]?\d*,\d+", text):
        return text.replace(",", ".")
    return cell


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
            f"has {volume[position]:g} contacts but its '{AHT_SECONDS}' is {written}; fill in "
            "its handle time in seconds, or give --aht-seconds for such rows"
        )


def _peaks_apart(summary: PlanSummary) -> str:
    """Where the agents' and the people rostered's peaks fall, when in different intervals
    (several queues): otherwise the line reads as one interval's agents and roster."""
    agents, rostered = summary.peak_agents_start, summary.peak_rostered_start
    if agents is None or rostered is None or agents == rostered:
        return ""
    return f" ({agents:%a %d %b %H:%M}; the most rostered at {rostered:%a %d %b %H:%M})"


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
    starts = interval_starts(forecast)  # names a row whose start is not a date
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
    return given if given is not None else step
