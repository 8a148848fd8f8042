"""`cli.py staff FORECAST.csv ... --out PLAN.csv`: agents, people and service per interval."""

from __future__ import annotations

import argparse
import re
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
    forecast = _read_forecast(Path(args.forecast))
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


def _read_forecast(path: Path) -> pd.DataFrame:
    """FORECAST.csv as text cells, its known columns named as the plan names them.

    Its separator and decimal mark are sniffed as for imports, so a file a European
    spreadsheet saved ("interval_start;volume", "12,5") reads as written; every cell stays
    text (a queue named 1 is not renamed 1.0), the plan layer reads the numbers."""
    if path.is_dir():
        raise InputError(f"{path} is a folder: give the forecast CSV file")
    if not path.exists():
        raise InputError(f"{path}: file not found")
    separator, decimal_comma, encoding, skip = ",", False, "utf-8-sig", 0
    try:
        sniffed = sniff_file(path, str(path))
        separator, decimal_comma = sniffed.delimiter, sniffed.decimal_comma
        encoding, skip = sniffed.encoding, sniffed.header_line
    except InputError:
        pass  # empty or header-only: read plainly, the checks below say what is missing
    try:
        table = pd.read_csv(
            path, sep=separator, dtype=str, encoding=encoding, skiprows=skip,
            skipinitialspace=True,
        )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split())  # one line, whatever the parser wrote
        raise InputError(f"{path}: not a readable CSV table ({reason})") from error
    table = table.rename(columns=_known_names(table.columns))
    for name in NUMBER_COLUMNS:
        if name in table and decimal_comma:
            table[name] = table[name].map(_dot_decimal)
    return table


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
    """A decimal-comma number as the plan reads it: "1.234,5" -> "1234.5"; text unchanged."""
    if not isinstance(cell, str):
        return cell
    text = cell.strip()
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
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
