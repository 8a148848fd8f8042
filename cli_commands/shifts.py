"""`cli.py shifts PLAN.csv --out SHIFTS.csv`: whole shifts that cover a plan's rostered people."""

from __future__ import annotations

import argparse
import math
import shlex
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from cli_commands.options import (
    STDOUT,
    TO_STDOUT_HELP,
    check_input_file,
    check_out,
    euros,
    file_row_words,
    hour_of_day,
    hours,
    in_option_words,
    known_column_names,
    led_by_file,
    match_queues,
    one_line_errors,
    out_name,
    read_once,
    read_text_table,
    seconds,
    share,
    shown_input,
    whole_number,
    write_csv,
)
from cli_commands.staff import (
    clock_repeated_starts,
    clock_skipped_starts,
    missing_intervals_notes,
    off_grid_start,
    read_numbers,
    read_slash_starts,
)
from cli_commands.words import counted
from data.dates import day_text
from data.errors import InputError, SettingError
from data.schema import INTERVAL_START, QUEUE, VOLUME
from data.sniff import sniff_file
from staffing.clock_hours import clock_change_pay_note
from staffing.cost import (
    DEFAULT_AGENT_HOURLY_COST,
    DEFAULT_WEEKLY_CONTRACT_HOURS,
    HOURS_PER_WEEK,
    money_text,
)
from staffing.plan import interval_starts
from staffing.plausibility import implausible_values
from staffing.shifts import (
    BLOCK_DAYS,
    DEFAULT_SHIFTS_PER_WEEK,
    DEFAULT_TIME_LIMIT_SECONDS,
    MAX_SHIFT_HOURS,
    MIP_MAX_NODES,
    BusiestWeek,
    NotWholeWeeksError,
    OutOfTimeError,
    ShiftPlan,
    ShiftSettings,
    ShiftType,
    UncoveredNeedError,
    check_shifts_per_week,
    idle_hours_note,
    plan_shifts,
    repeating_week_note,
    shifts_before_plan_note,
    start_grid_note,
    start_window_note,
    working_time_note,
)

ROSTERED = "rostered"
# Matched whatever their case or spacing ("Rostered "), as `staff` matches its columns.
KNOWN_COLUMNS = (INTERVAL_START, QUEUE, ROSTERED)
SOURCE_HINT = "give the plan `cli.py staff` or `cli.py plan` writes"
SHIFTS_COLUMNS_HELP = """\
SHIFTS.csv columns, one row per start time and shift type used:
  shift_start      when the shift starts, on the centre's clock
  shift_end        when it ends (paid length; breaks inside, as shrinkage covers them)
  shift            the shift type, e.g. Full time 8 h
  people           people starting this shift then
COVER.csv columns (--cover-out), every interval from the plan's first to its last:
  interval_start   start of the interval
  needed           people rostered in PLAN.csv (0 where it lists none)
  on_shift         people on shift
  surplus          on_shift - needed: time for training, e-mail or coaching
Agents only: supervisors are not included in the shifts or their cost."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "shifts",
        help="cover a plan's rostered people with whole shifts at the fewest paid hours",
        description=(
            "Read PLAN.csv (interval_start, rostered, optional queue: what `cli.py staff` or\n"
            "`cli.py plan` writes) and write the shifts that put at least the people rostered\n"
            "on duty in every interval, at the fewest paid hours, to --out SHIFTS.csv."
        ),
        epilog=SHIFTS_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    parser.add_argument("plan", metavar="PLAN.csv", help="plan with a rostered column")
    parser.add_argument(
        "--out", required=True, metavar="SHIFTS.csv", help="shifts to write" + TO_STDOUT_HELP
    )
    parser.add_argument(
        "--cover-out",
        metavar="COVER.csv",
        help="also write the people on shift per interval (default: not written)",
    )
    parser.add_argument(
        "--queue",
        action="append",
        metavar="NAME",
        help="cover this queue only (repeat for several, summed; default: every queue's "
        "rostered summed, for agents who work every queue)",
    )
    group = parser.add_argument_group("shifts (defaults as on the app's Shifts page)")
    group.add_argument(
        "--full-hours",
        type=hours,
        metavar="HOURS",
        default=8.0,
        help=f"full-time shift, at most {MAX_SHIFT_HOURS:g} (default 8)",
    )
    group.add_argument(
        "--part-hours",
        type=hours,
        default=4.0,
        metavar="HOURS",
        help="part-time shift (default 4; 0 = none)",
    )
    group.add_argument(
        "--part-max-share",
        type=share,
        metavar="SHARE",
        default=0.3,
        help="the most of all paid hours part time may take (default 0.3; 0 = no part time, "
        "1 = no cap)",
    )
    group.add_argument(
        "--earliest-start",
        type=hour_of_day,
        metavar="HOUR",
        default=0.0,
        help="first hour of the day a shift may start, e.g. 7 or 7:30 (default 0)",
    )
    group.add_argument(
        "--latest-start",
        type=hour_of_day,
        metavar="HOUR",
        default=23.5,
        help="last hour of the day a shift may start, included (default 23.5 = 23:30); one "
        "before --earliest-start runs across midnight, e.g. 22 to 2 for night shifts",
    )
    group.add_argument(
        "--interval-minutes",
        type=float,
        metavar="MINUTES",
        help="length of the plan's intervals (default: the step between its interval starts)",
    )
    group.add_argument(
        "--agent-hourly-cost",
        type=euros,
        metavar="EUR",
        default=DEFAULT_AGENT_HOURLY_COST,
        help=f"EUR per paid hour (default {DEFAULT_AGENT_HOURLY_COST:g})",
    )
    group.add_argument(
        "--shifts-per-week",
        type=whole_number("shifts a week", "1 to 7"),
        metavar="N",
        default=DEFAULT_SHIFTS_PER_WEEK,
        help="shifts one person works in a week, one a day at most, for the people to employ "
        f"(default {DEFAULT_SHIFTS_PER_WEEK})",
    )
    group.add_argument(
        "--weekly-contract-hours",
        type=hours,
        metavar="HOURS",
        default=DEFAULT_WEEKLY_CONTRACT_HOURS,
        help="paid hours of one full-time contract a week, as given to `staff` or `plan`, for "
        "the note relating the shift hours to their FTE "
        f"(default {DEFAULT_WEEKLY_CONTRACT_HOURS:g}, as theirs)",
    )
    group.add_argument(
        "--rotation",
        action="store_true",
        help="read a plan of whole weeks (14 or 28 days) as a rotation repeating after its "
        "last week: shifts running past its end cover its first hours, as they will the next "
        "rotation's (default off: a plan of exactly 7 days is read so all the same; any other "
        "as dated days, its first hours left to the shifts before it)",
    )
    group.add_argument(
        "--time-limit-seconds",
        type=seconds,
        metavar="SECONDS",
        default=DEFAULT_TIME_LIMIT_SECONDS,
        help=f"longest the shift search may run (default {DEFAULT_TIME_LIMIT_SECONDS:g})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    types = shift_types(args)
    if not args.time_limit_seconds > 0:
        raise InputError(
            f"--time-limit-seconds {args.time_limit_seconds:g}: the shift search needs time to "
            f"run; give more than 0 seconds (default {DEFAULT_TIME_LIMIT_SECONDS:g})"
        )
    try:
        check_shifts_per_week(args.shifts_per_week)
    except SettingError as error:
        raise InputError(in_option_words(error, args)) from error
    if args.agent_hourly_cost < 0 or not math.isfinite(args.agent_hourly_cost):
        raise InputError(
            f"--agent-hourly-cost must be {money_text(0)} or more (got "
            f"{money_text(args.agent_hourly_cost, cents=True)})"
        )
    contract = args.weekly_contract_hours
    if not (math.isfinite(contract) and 0 < contract <= HOURS_PER_WEEK):
        raise InputError(
            f"--weekly-contract-hours {contract:g}: a full-time contract's paid hours a week "
            f"must be above 0 and at most the {HOURS_PER_WEEK:g} hours of a week; give the "
            f"one `staff` or `plan` was given, e.g. {DEFAULT_WEEKLY_CONTRACT_HOURS:g}"
        )
    check_out(args.out, inputs=[args.plan])
    if args.cover_out is not None:  # "--cover-out ''" is refused, not skipped
        check_out(args.cover_out, "--cover-out", inputs=[args.plan])
        if args.cover_out == args.out == STDOUT:
            raise InputError(
                "--out - and --cover-out - would both go to standard output, one table after "
                "the other: write one of them to a file"
            )
        if Path(args.cover_out).resolve() == Path(args.out).resolve():
            raise InputError(
                f"--cover-out {args.cover_out} is the --out file: give each its own file name"
            )
    name = shown_input(args.plan)
    table, reading_notes = _read_plan(args.plan)
    if args.interval_minutes is None:
        _check_grid(table, name)
    queues = _queues_covered(table, args.queue, name)
    need = _rostered(table, queues, name, args.interval_minutes)
    interval_minutes = _interval_minutes(table, name, args.interval_minutes)
    _check_queues_share_a_grid(table, queues, interval_minutes, name)
    try:
        result = plan_shifts(
            need,
            interval_minutes,
            types,
            args.time_limit_seconds,
            args.shifts_per_week,
            repeat_week=True if args.rotation else None,
        )
    except NotWholeWeeksError as error:
        raise InputError(f"--rotation: {error}, leaving out --rotation") from error
    except UncoveredNeedError as error:
        raise InputError(
            error.advice("--earliest-start and --latest-start", shift_length_options(types))
        ) from error
    except OutOfTimeError as error:
        raise InputError(str(error).replace("the time limit", "--time-limit-seconds")) from error
    weeks = result.people_to_employ(args.shifts_per_week)
    write_csv(result.shifts, args.out)
    if args.cover_out:
        write_csv(_whole_people(result.coverage), args.cover_out, "--cover-out")
    _print_summary(args, result, interval_minutes, queues)
    for note in (
        idle_hours_note(result, types, interval_minutes),
        start_window_note(args.earliest_start, args.latest_start),
        start_grid_note(args.earliest_start, args.latest_start, need.index, interval_minutes),
        repeating_week_note(result, interval_minutes),
        shifts_before_plan_note(result, "--rotation"),
        _clock_change_note(table, queues, result, interval_minutes, args.agent_hourly_cost),
    ):
        if note:
            print(f"note: {note}")
    for note in reading_notes:
        print(f"note: {note}")
    busiest = result.busiest_week(args.shifts_per_week)
    _print_people(weeks, args.shifts_per_week, busiest, _days_worked(result.coverage))
    if busiest is not None:
        print(_contract_note(weeks, types, args, busiest))
        week_note = working_week_note(args.shifts_per_week, types[0].hours)
        if week_note:
            print(f"note: {week_note}")
    for note in implausible_values(agent_cost=args.agent_hourly_cost):
        print(f"note: {note}")
    for note in _missing_rows_notes(table, queues, interval_minutes, name):
        print(f"note: {note}")
    return 0


def _missing_rows_notes(
    table: pd.DataFrame, queues: list[str], interval_minutes: float, name: str
) -> list[str]:
    """`staff`'s notes on intervals a file leaves out of a day it lists, for the plan's queues
    covered: rows deleted from PLAN.csv need nobody, so the shifts may leave them uncovered."""
    if QUEUE in table and queues:
        table = table[table[QUEUE].str.strip().isin(queues)]
    queue = table[QUEUE].str.strip() if QUEUE in table else ""
    starts = pd.DataFrame({INTERVAL_START: table["_start"].to_numpy(), QUEUE: queue})
    if VOLUME in table:  # a plan's forecast volume tells a closing in quiet hours from rows lost
        starts[VOLUME] = pd.to_numeric(table[VOLUME], errors="coerce").to_numpy()
    return missing_intervals_notes(
        starts,
        interval_minutes,
        name,
        QUEUE in table,
        taken_as="taken as needing nobody",
        rows_hold="their rostered people",
        repeated_as="a shift set on the clock over it is on duty in both, so the busier of the "
        "two is covered",
    )


def working_week_note(shifts_per_week: int, full_hours: float) -> str | None:
    """The working-time note in the CLI's own options (staffing.shifts.working_time_note)."""
    return working_time_note(shifts_per_week, full_hours, "--shifts-per-week", "--full-hours")


def _whole_people(coverage: pd.DataFrame) -> pd.DataFrame:
    """The cover's people columns as whole numbers (2, not 2.0) when every one is whole, as
    the plan's rostered are; a hand-made plan's 2.5 people stay as written."""
    people = coverage.select_dtypes("number")
    values = people.to_numpy(dtype=float)
    if people.empty or not (np.isfinite(values).all() and (values == np.round(values)).all()):
        return coverage
    return coverage.astype({name: "int64" for name in people.columns})


def shift_types(args: argparse.Namespace) -> list[ShiftType]:
    """Full time, and part time when its length and share are above 0, as the app's Shifts page
    builds them (a share of 1 is no cap); the package checks lengths and start hours."""
    for option, value in (("--part-hours", args.part_hours), ("--full-hours", args.full_hours)):
        if not math.isfinite(value) or value < 0:
            raise InputError(f"{option} must be a length in hours, 0 or more (got {value:g})")
    share = args.part_max_share
    if not 0 <= share <= 1:
        raise InputError(
            f"--part-max-share must be a share from 0 to 1, e.g. 0.3 for at most 30% of paid "
            f"hours (got {share:g}); 0 plans full time only, 1 sets no cap"
        )
    try:
        settings = ShiftSettings(
            full_hours=args.full_hours,
            part_hours=args.part_hours,
            part_max_share=share,
            earliest_start=args.earliest_start,
            latest_start=args.latest_start,
        )
        return settings.types()
    except SettingError as error:
        raise InputError(in_option_words(error, args)) from error


def shift_length_options(types: list[ShiftType]) -> str:
    """The options setting the lengths of `types`: part time's only when it is planned."""
    return "--full-hours" + (" or --part-hours" if len(types) > 1 else "")


def _read_plan(given: str) -> tuple[pd.DataFrame, list[str]]:
    """PLAN.csv as text cells, its known columns named as the plan names them; its separator
    and encoding sniffed as for imports (a plan saved again by a spreadsheet reads as written),
    and notes on how its dates were read."""
    path = shown_input(given)  # how messages name it
    check_input_file(Path(given), "plan")
    separator, encoding, skip = ",", "utf-8-sig", 0
    comma_said = False
    with read_once([given]) as (readable,):
        try:
            sniffed = sniff_file(Path(readable), path)
            separator, encoding, skip = sniffed.delimiter, sniffed.encoding, sniffed.header_line
            comma_said = bool(sniffed.decimal_comma_columns)
        except InputError:
            pass  # empty or header-only: read plainly, the checks below say what is missing
        table = read_text_table(
            Path(readable), separator, encoding, skip, path, keep_default_na=False
        )
    table = table.rename(columns=known_column_names(table.columns, KNOWN_COLUMNS))
    for column in (INTERVAL_START, ROSTERED):
        if column not in table:
            raise InputError(
                f"{path} has no {column} column: {SOURCE_HINT} (columns found: "
                f"{', '.join(map(str, table.columns)) or 'none'})"
            )
    if table.empty:
        raise InputError(f"{path} has no intervals, only its header: nothing to cover")
    # Slash dates in the order `staff` and the import read them: an Italian spreadsheet's
    # 01/06/2026 is 1 June, not 6 January (pandas alone reads month first).
    notes = read_slash_starts(table, path, skip + 2)
    # The line each row came from, for messages, before any row is left out.
    rows = np.arange(len(table)) + skip + 2
    # A plan saved again by a spreadsheet set to a decimal comma writes 12,0 people, as `staff`
    # reads its forecast: '12,0' was refused as no number of people.
    try:
        number_note = read_numbers(table, path, comma_said, (ROSTERED,))
    except InputError as error:
        raise InputError(file_row_words(rows)(str(error))) from error
    notes += [number_note] if number_note else []
    try:
        starts = interval_starts(table)  # names a row whose start is not a date
    except InputError as error:
        raise InputError(led_by_file(path, file_row_words(rows)(str(error)))) from error
    return table.assign(_row=rows, _start=starts.to_numpy()), notes


def _queues_covered(table: pd.DataFrame, queues: list[str] | None, name: str) -> list[str]:
    """The plan's queues the shifts cover: those --queue names, else all of them."""
    known = (
        list(dict.fromkeys(table[QUEUE].str.strip().replace("", np.nan).dropna()))
        if QUEUE in table
        else []
    )
    if not queues:
        return known
    if not known:
        raise InputError(f"--queue {queues[0]}: {name} has no queue column; leave --queue out")
    return list(dict.fromkeys(match_queues(known, queues) or []))


def _rostered(
    table: pd.DataFrame, queues: list[str], name: str, given_minutes: float | None = None
) -> pd.Series:
    """People rostered per interval start, summed over `queues` (agents who work every queue);
    a blank cell (a closed interval) is 0, anything else not a number 0 or more is refused."""
    if QUEUE in table and queues:
        table = table[table[QUEUE].str.strip().isin(queues)]
    cells = table[ROSTERED].str.strip()
    people = pd.to_numeric(cells.replace("", "0"), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(people) | (people < 0)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"{name}: row {table['_row'].iloc[position]} (interval_start "
            f"{table[INTERVAL_START].iloc[position]}): '{ROSTERED}' is "
            f"'{cells.iloc[position]}'; give a number of people, 0 or more (blank when closed)"
        )
    queue = table[QUEUE].str.strip().to_numpy() if QUEUE in table else np.full(len(table), "")
    keys = pd.DataFrame({"queue": queue, "start": table["_start"].to_numpy()})
    twice = keys.duplicated(keep=False).to_numpy().copy()
    if twice.any():
        twice &= ~_in_repeated_hour(table, queue, _interval_minutes(table, name, given_minutes))
    if twice.any():
        rows = table["_row"].to_numpy()[twice][:2]
        raise InputError(
            f"{name}: rows {rows[0]} and {rows[1]} are the same interval "
            f"({table[INTERVAL_START].iloc[int(np.flatnonzero(twice)[0])]}"
            f"{f', queue {queue[twice][0]}' if queue[twice][0] else ''}): list each once"
        )
    # The hour a clock going back repeats, listed twice: a shift set on the clock over it is
    # on duty in both, so its busier listing is the need (the extra hour worked is noted).
    people = keys.assign(people=people).groupby(["queue", "start"], sort=False)["people"].max()
    return pd.Series(
        people.to_numpy(),
        index=pd.DatetimeIndex(people.index.get_level_values("start")),
        name=ROSTERED,
    )


def _in_repeated_hour(
    table: pd.DataFrame, queue: np.ndarray, interval_minutes: float
) -> np.ndarray:
    """Rows of `table` in the hour a clock going back repeats, listed twice for their queue."""
    starts = pd.Series(table["_start"].to_numpy())
    inside = np.zeros(len(table), dtype=bool)
    for name in pd.unique(queue):
        mine = queue == name
        repeated = clock_repeated_starts(starts[mine], interval_minutes)
        inside[mine] = starts[mine].isin(repeated).to_numpy()
    return inside


def _clock_change_note(
    table: pd.DataFrame,
    queues: list[str],
    result: ShiftPlan,
    interval_minutes: float,
    hourly_cost: float,
) -> str | None:
    """The hours the shifts are paid once the night a clock changes is counted as lived."""
    if QUEUE in table and queues:
        table = table[table[QUEUE].str.strip().isin(queues)]
    starts = pd.Series(table["_start"].to_numpy())
    grid = pd.DatetimeIndex(result.coverage["interval_start"])
    repeated = clock_repeated_starts(starts, interval_minutes)
    skipped = clock_skipped_starts(grid.difference(pd.DatetimeIndex(starts)), interval_minutes)
    return clock_change_pay_note(
        result.coverage, repeated, skipped, interval_minutes, result.paid_hours, hourly_cost
    )


def _check_grid(table: pd.DataFrame, name: str) -> None:
    """A start off the grid its queue's other intervals keep, refused naming its row, as
    `staff` refuses it: one half hour edited to 10:10 read 'interval Wed 1 Jan 2014 00:30 is
    not on the 20-minute grid', blaming a row on the grid."""
    table = table.reset_index(drop=True)
    queue = table[QUEUE].astype(str).str.strip() if QUEUE in table else None
    queue = queue if queue is not None else pd.Series("all", index=table.index)
    try:
        off_grid_start(queue, table["_start"], name)
    except InputError as error:
        raise InputError(file_row_words(table["_row"].to_numpy())(str(error))) from error


def _interval_minutes(table: pd.DataFrame, name: str, given: float | None) -> float:
    """--interval-minutes, else the shortest step between one queue's consecutive intervals
    (a plan from `cli.py plan` lists open intervals only: nights leave longer steps)."""
    if given is not None and not (math.isfinite(given) and given > 0):
        raise InputError(
            f"--interval-minutes must be above 0 (got {given:g}); give the length of {name}'s "
            "intervals (e.g. 15) or leave it out to read it from the file"
        )
    queue = table[QUEUE].str.strip() if QUEUE in table else pd.Series("", index=table.index)
    steps = (
        pd.DataFrame({"queue": queue.to_numpy(), "start": table["_start"].to_numpy()})
        .drop_duplicates()
        .sort_values(["queue", "start"])
        .groupby("queue")["start"]
        .diff()
        .dt.total_seconds()
        .dropna()
        .to_numpy()
    )
    steps = steps[steps > 0]
    if steps.size == 0:
        if given is None:
            raise InputError(
                f"{name}: cannot tell the interval length from one interval; give "
                "--interval-minutes"
            )
        return given
    step = float(steps.min()) / 60
    if given is not None and abs(given - step) > 1e-9:
        # Shorter: the time in between would need nobody. Longer: the starts fall off its
        # grid, refused as "not on the 60-minute grid" or as a shift length, naming no option.
        shorter = given < step
        raise InputError(
            f"--interval-minutes {given:g} is {'shorter' if shorter else 'longer'} than the "
            f"{step:g} minutes between {name}'s intervals: "
            + (
                "the time in between would be covered for nobody"
                if shorter
                else f"each interval would be taken as {given:g} minutes, overlapping the next"
            )
            + f". Give --interval-minutes {step:g} or leave it out."
        )
    return given if given is not None else step


def _check_queues_share_a_grid(
    table: pd.DataFrame, queues: list[str], interval_minutes: float, name: str
) -> None:
    """Refuse queues summed whose intervals start on grids apart (one at :00 and :30, one at
    :15 and :45), saying how to cover them: the shifts cover one grid of `interval_minutes`,
    and the search refused them as 'not on the 30-minute grid', naming no way out."""
    if QUEUE not in table or len(queues) < 2:
        return
    table = table[table[QUEUE].str.strip().isin(queues)]
    starts = pd.DatetimeIndex(table["_start"])
    step = pd.Timedelta(minutes=interval_minutes)
    offsets = pd.Series((starts - starts.normalize()) % step, index=table[QUEUE].str.strip())
    by_queue = offsets.groupby(level=0, sort=False).agg(lambda offset: offset.unique().tolist())
    one_grid = by_queue[by_queue.map(len) == 1]  # a queue off its own grid is refused later
    grids = one_grid.map(lambda offset: offset[0])
    if grids.nunique() < 2:
        return
    first, other = grids.index[0], grids.index[grids != grids.iloc[0]][0]
    minutes = pd.Series(starts.minute, index=offsets.index)

    def clock(queue: str) -> str:
        shown = sorted(set(minutes[queue]))
        return " and ".join(f":{minute:02d}" for minute in shown[:4])

    apart = abs(grids[other] - grids[first]).total_seconds() / 60
    raise InputError(
        f"{name}: queue '{other}' starts its intervals at {clock(other)} and queue '{first}' at "
        f"{clock(first)}, {apart:g} minutes apart, while the shifts cover the queues summed on "
        f"one {interval_minutes:g}-minute grid: give --queue {shlex.quote(first)} or --queue "
        f"{shlex.quote(other)} to cover each queue in a run of its own, or plan both from "
        "forecasts whose intervals start at the same minutes"
    )


def _print_summary(
    args: argparse.Namespace, result: ShiftPlan, interval_minutes: float, queues: list[str]
) -> None:
    """What a manager reads: shifts, paid and needed hours, the surplus, the cost; then notes
    on how the plan was found."""
    shifts = int(result.shifts["people"].sum())
    by_type = result.shifts.groupby("shift", sort=False)["people"].sum()
    kinds = ", ".join(f"{count:,} {shift}" for shift, count in by_type.items())
    print(
        f"wrote {counted(shifts, 'shift')} to {out_name(args.out)}"
        + (f" ({kinds})" if kinds else "")
    )
    if result.needed_hours <= 0:
        print(f"note: {shown_input(args.plan)} rosters nobody: no shift to plan")
    else:
        beyond = result.paid_hours - result.needed_hours
        print(
            f"paid hours {result.paid_hours:,.1f}, needed {result.needed_hours:,.1f} "
            f"({result.efficiency:.1%} of the paid hours), {beyond:,.1f} h beyond the need"
            + _rounding_text(result)
        )
        print(
            f"cost {money_text(result.paid_hours * args.agent_hourly_cost)} at "
            f"{money_text(args.agent_hourly_cost, cents=True)}/h per agent (supervisors not "
            "included)"
        )
    if args.cover_out:
        intervals = counted(len(result.coverage), "interval")
        print(f"wrote the cover of {intervals} to {out_name(args.cover_out)}")
    if len(queues) > 1:
        which = "these queues" if args.queue else "every queue"  # named by --queue, or all
        print(
            f"note: covered the {len(queues)} queues' rostered summed, for agents who work "
            f"{which} ({', '.join(queues)}); give --queue NAME to cover one"
        )
    if result.out_of_time:
        # The clock, unlike the node limit, depends on the machine: say the plan may differ.
        dearer = (
            f"; it may pay up to {result.gap:.1%} more hours than the best one"
            if not result.optimal
            else ""
        )
        print(
            f"note: the shift search ran into its {args.time_limit_seconds:g}-s time limit (a "
            "busy machine or a long plan): the plan covers every interval, but another run may "
            f"give a different one{dearer}; raise --time-limit-seconds or give a shorter plan"
        )
    elif not result.optimal:
        print(
            f"note: the shift search stopped at its work limit ({MIP_MAX_NODES:,} "
            "branch-and-bound nodes per block): the plan covers every interval, but may pay up "
            f"to {result.gap:.1%} more hours than the best one; the same plan comes back on "
            "every run"
        )
    span = result.coverage[INTERVAL_START]
    days = (span.iloc[-1] - span.iloc[0] + pd.Timedelta(minutes=interval_minutes)).days
    if len(span) > max(1, round(BLOCK_DAYS * 24 * 60 / interval_minutes)):
        print(
            f"note: the {days} days were planned in {BLOCK_DAYS // 7}-week blocks, each covering "
            "what the shifts before it leave: the paid hours may be a little above the best "
            "plan for the whole horizon"
        )


def _rounding_text(result: ShiftPlan) -> str:
    """Where the plan's people are fractions, the part of the hours beyond the need that
    only rounds each interval up to whole people: 2.5 rostered read 'needed 10.6 h' while
    the shifts must put 3 on duty."""
    if round(result.rounding_hours, 1) <= 0:
        return ""
    return (
        f", {result.rounding_hours:,.1f} h of them rounding the plan's fractional people up "
        "to whole ones"
    )


def _contract_note(
    weeks: pd.DataFrame,
    types: Sequence[ShiftType],
    args: argparse.Namespace,
    busiest: BusiestWeek,
) -> str:
    """How the busiest week's people relate to `staff`'s FTE: a full-time person here works
    --shifts-per-week full shifts, an FTE is --weekly-contract-hours paid hours (a fixed 38
    read '38-h contract' beside a plan staffed on 40-h ones). A week the plan
    cuts holds only some days' hours, so the busiest whole week speaks instead (a bank plan's
    Sat-Sun read '356 shift hours are 8.9 full-time people' beside 37 people to employ), or,
    where no week is whole, the days held at their pace over seven days, as staff's FTE are."""
    shifts_per_week, contract = args.shifts_per_week, args.weekly_contract_hours
    hours_of = {kind.name: kind.hours for kind in types}
    full_week = shifts_per_week * types[0].hours

    def hours_in(week: pd.Timestamp) -> float:
        chosen = weeks[weeks["week"] == week]
        return float((chosen["shifts"] * chosen["shift"].map(hours_of)).sum())

    hours = hours_in(busiest.week)
    said = f"that week's {hours:,.0f} shift hours are"
    if busiest.cut and busiest.whole_week is not None:
        hours = hours_in(busiest.whole_week)
        said = (
            f"the busiest whole week's (from {day_text(busiest.whole_week, year=True)}) "
            f"{hours:,.0f} shift hours are"
        )
    elif busiest.cut:
        days = (busiest.last_day - busiest.first_day).days + 1
        weekly = hours * 7 / days
        said = (
            f"that week's {counted(days, 'day')} hold {hours:,.0f} shift hours, "
            f"{weekly:,.0f} a week at that pace:"
        )
        hours = weekly
    return (
        f"note: a full-time person works {shifts_per_week} × {types[0].hours:g} h = "
        f"{full_week:g} h a week here, while staff's FTE divide paid hours by a "
        f"{contract:g}-h contract (supervisors included): {said} "
        f"{hours / full_week:,.1f} full-time people or {hours / contract:,.1f} FTE"
    )


WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _days_worked(coverage: pd.DataFrame) -> list[int]:
    """The weekdays (0 = Monday) the plan needs anyone on; none where the plan holds under a
    week, which says nothing of the days the desk works (a plan of one Monday)."""
    if coverage[INTERVAL_START].dt.normalize().nunique() < 7:
        return []
    needed = coverage.loc[coverage["needed"] > 0, INTERVAL_START]
    return sorted(set(needed.dt.day_of_week))


def _people_pace(shifts_per_week: int, days_worked: list[int]) -> tuple[str, str]:
    """Who the people are and how much they work: where the desk needs anyone on fewer
    weekdays than the shifts a person works a week, nobody can work those shifts, so the
    people are weekend or part-week staff working only those days."""
    if not days_worked or len(days_worked) >= shifts_per_week:
        return "people", f"at {shifts_per_week} shifts a week and one a day each"
    names = [WEEKDAY_NAMES[day] for day in days_worked]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    who = "weekend staff" if set(days_worked) <= {5, 6} else "part-week staff"
    return who, (
        f"{counted(len(days_worked), 'day')} a week each at most, one shift a day ({listed}, "
        f"the only days the plan needs anyone): contracts for those days, not {shifts_per_week} "
        "shifts a week"
    )


def _print_people(
    weeks: pd.DataFrame,
    shifts_per_week: int,
    busiest: BusiestWeek | None,
    days_worked: list[int] | None = None,
) -> None:
    """The people to employ in the busiest week, per shift type; where the plan holds only
    part of that week, which days it holds and the busiest whole week's people; where the desk
    works fewer days than `shifts_per_week`, that they work those days alone."""
    if busiest is None:
        return
    who, pace = _people_pace(shifts_per_week, days_worked or [])
    kinds = weeks[weeks["week"] == busiest.week]
    parts = ", ".join(f"{int(row.people):,} {row.shift}" for row in kinds.itertuples())
    held, whole = "", ""
    if busiest.cut:
        held = f", of which the plan holds only {busiest.days_held}"
        if busiest.whole_week is not None:
            whole = (
                f"; the busiest whole week, from {day_text(busiest.whole_week, year=True)}, "
                f"needs {busiest.whole_people:,}"
            )
    people = f"{busiest.people:,}" if who == "people" else f"{busiest.people:,} {who}"
    print(
        f"people to employ: {people} in the busiest week (from "
        f"{day_text(busiest.week, year=True)}{held}: {parts}), {pace}{whole}"
    )
