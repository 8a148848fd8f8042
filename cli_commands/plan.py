"""`cli.py plan FILE... --horizon-days D --out PLAN.csv`: import, forecast and staff in one go."""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import textwrap

import numpy as np
import pandas as pd

from cli_commands.forecast import peak_lines
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
    TO_STDOUT_HELP,
    add_forecast_arguments,
    add_import_arguments,
    add_staffing_arguments,
    check_horizon,
    check_origin,
    check_out,
    check_queues,
    day_first_date,
    default_targets,
    distinct_files,
    file_names,
    forecast_settings,
    forecast_words,
    history_before,
    import_options,
    one_line_errors,
    out_name,
    percent_change,
    quantile_name,
    queue_channels_note,
    staffing_settings,
    unusual_settings,
    write_csv,
)
from cli_commands.progress import StderrProgress
from cli_commands.staff import (
    PLAN_COLUMN_TEXTS,
    agents_set_line,
    columns_help,
    contacts_line,
    lived_hours_text,
)
from cli_commands.words import (
    abandon_text,
    counted,
    days_text,
    fte_text,
    note_in_option_words,
    quantile_sums_note,
    queue_text,
)
from data.dates import day_text
from data.errors import InputError
from data.importer import import_files
from data.schema import AHT_SECONDS, INTERVAL_START, IS_OPEN, QUEUE, VOLUME, Dataset
from forecasting import ForecastResult, ForecastSettings, flag_peaks, forecast_dataset
from forecasting.clock_change import with_repeated_hours
from forecasting.peaks import REASON
from planning import QUANTILES, Scenario, build_plan, default_aht_by_queue, is_plausible_aht
from planning.aht_profile import WINDOW_WEEKS, aht_profiles, profile_range_text
from planning.scenario import days_covered, interval_step
from staffing.cost import money_text
from staffing.plan import (
    MAX_STAFFING_INTERVAL_MINUTES,
    NO_CONTACTS_NOTE,
    SIZED_FOR_VOLUME,
    PlanSummary,
    check_email_window,
    email_clock_sentence,
    mean_handle_times,
    service_text,
    short_horizon_fte_note,
)
from staffing.plausibility import unusual_handle_times

PLAN_COLUMNS_HELP = columns_help(
    "PLAN.csv columns, one row per open interval and queue:",
    {
        **PLAN_COLUMN_TEXTS,
        "volume": "contacts expected in the interval (mean forecast, with the changes)",
        "backlog": "e-mails still open at the end of the interval (0 for voice and chat)",
    },
    list(PLAN_COLUMN_TEXTS),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="forecast contact-history exports and staff the forecast, interval by interval",
        description=textwrap.fill(  # the raw formatter keeps the epilog's columns
            "Import FILE(s), forecast the next --horizon-days and write agents, the limit that "
            "sets them (column limit), rostered people, supervisors, expected service and cost "
            "per open interval to --out PLAN.csv."
        ),
        epilog=PLAN_COLUMNS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one_line_errors(parser)
    add_import_arguments(parser, longest_interval=MAX_STAFFING_INTERVAL_MINUTES)
    add_forecast_arguments(parser)
    add_staffing_arguments(parser)
    group = parser.add_argument_group("scenario")
    group.add_argument(
        "--quantile",
        type=quantile_name,  # P80 as the app labels it, or 80, 80% and 0.8
        choices=QUANTILES,
        default="mean",
        help="forecast to size the agents on (default mean); the volume and service written are "
        "those expected on the mean forecast, the sized volume is in column sized_for_volume",
    )
    group.add_argument(
        "--volume-change-pct",
        type=percent_change,
        default=0.0,
        help="change of the forecast volume in percent, e.g. 20 or 20%% = +20%% (default 0)",
    )
    group.add_argument(
        "--aht-change-pct",
        type=percent_change,
        default=0.0,
        help="change of the handle time in percent, e.g. -10 or -10%% = 10%% faster (default 0)",
    )
    group.add_argument(
        "--change-from",
        metavar="YYYY-MM-DD",
        help="first day the volume and AHT changes apply (default: the forecast's first day)",
    )
    group.add_argument(
        "--change-to",
        metavar="YYYY-MM-DD",
        help="last day they apply, included (default: the forecast's last day)",
    )
    group.add_argument(
        "--flat-aht",
        action="store_true",
        help=f"one handle time for every interval (default: where the last {WINDOW_WEEKS} weeks "
        "show handle times that follow the weekday and time of day, and that shape predicts "
        "held-out weeks better, each interval gets the queue's AHT times its weekday and "
        "time's ratio)",
    )
    parser.add_argument(
        "--out", required=True, metavar="PLAN.csv", help="plan to write" + TO_STDOUT_HELP
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    progress = StderrProgress()  # timed from the start: the import counts
    default_targets(args)  # plan's --help and README give its defaults; its output stays as it was
    args.change_from, from_note = day_first_date(args.change_from, "--change-from")
    args.change_to, to_note = day_first_date(args.change_to, "--change-to")
    try:
        scenario = Scenario(
            name="plan",
            volume_change_pct=args.volume_change_pct,
            aht_change_pct=args.aht_change_pct,
            quantile=args.quantile,
            staffing=staffing_settings(args),  # checked before the slow import
            change_from=args.change_from,
            change_to=args.change_to,
        )
    except InputError as error:
        raise InputError(_in_option_words(str(error))) from error
    check_horizon(args.horizon_days)
    check_out(args.out, inputs=args.files)
    args.files = distinct_files(args.files)
    settings = forecast_settings(args)  # a --country typo refused before the import
    dataset = import_files(args.files, import_options(args), file_names(args.files))
    queues = check_queues(dataset, args.queue)
    planned = _only_queues(dataset, queues)  # the queues staffed: their handle times, channels
    check_origin(dataset, args.origin)
    # Handle times as known at --origin, like the volumes: a plan replaying a past week would
    # otherwise be staffed on the handle times of the weeks after it.
    history = history_before(planned.intervals, args.origin)
    aht_by_queue = _handle_times(planned, history, args.aht_seconds)
    scenario = dataclasses.replace(scenario, staffing=staffing_settings(args, planned.queues))
    # Known once the data's interval is: refused before the slow forecast, not after it.
    check_email_window(scenario.staffing, planned.queues, dataset.interval_minutes)
    print_import_notes(dataset, queues)
    if queues:
        # Forecast from the whole export, as `forecast --queue` does: cut to one queue, the
        # history ended at that queue's last row (Saturday 12:45 for a queue closed on Sunday)
        # and the horizon started there, a day short of the one `forecast` gives.
        settings = dataclasses.replace(settings, queues=tuple(queues))
    result = forecast_dataset(dataset, args.horizon_days, settings, progress)
    learned_profiles = aht_profiles(history)
    profiles = None if args.flat_aht else learned_profiles
    # The hour a clock going back repeats is staffed twice, as lived (and as `staff` reads it).
    forecast = with_repeated_hours(result.forecast, result.repeated_slots)
    outcome = build_plan(forecast, dataset.interval_minutes, scenario, aht_by_queue, profiles)
    plan = outcome.plan[outcome.plan[IS_OPEN]].drop(columns=IS_OPEN)
    _check_change_period(scenario, plan)
    write_csv(plan, args.out)
    summary = outcome.summary
    models = ", ".join(
        f"{queue_text(queue)}: {model}" for queue, model in result.chosen_models.items()
    )
    empty = empty_horizon_note(result.forecast, dataset.open_hours)
    if empty:  # no staff, cost or service level to speak of
        print(f"wrote 0 open intervals to {out_name(args.out)} (models {models})\nnote: {empty}")
        return 0
    print(
        f"wrote {counted(len(plan), 'open interval')} to {out_name(args.out)} (models {models}; "
        f"{_sized_on_words(args.quantile)}): peak {counted(summary.peak_agents, 'agent')}, "
        f"{summary.peak_rostered:,} rostered, {counted(summary.peak_supervisors, 'supervisor')}, "
        f"{fte_text(summary.fte, summary.agent_fte)}, "
        f"cost {money_text(summary.cost_horizon)} over {days_text(summary.horizon_days)} "
        # The rates it was costed at, as staff gives them: '--agent-hourly-cost 18,50 €' read.
        # The night a clock goes back is listed 25 hours long (its hour twice), as staff says.
        f"({lived_hours_text(plan, summary.horizon_days * 24, dataset.interval_minutes)}"
        f"{money_text(summary.agent_hourly_cost, cents=True)}/h agent, "
        f"{money_text(summary.supervisor_hourly_cost, cents=True)}/h supervisor), "
        f"{_service_words(summary)}"
        + ("" if args.quantile == "mean" else " on the mean forecast")
        + email_clock_sentence(summary),
        file=sys.stdout,
    )
    # As staff says them: the contacts the plan read, and at a quantile those it was sized for.
    print(contacts_line(plan, args.quantile))
    if args.quantile != "mean":
        sums_note = quantile_sums_note(plan[VOLUME], {args.quantile: plan[SIZED_FOR_VOLUME]})
        if sums_note:
            print(f"note: {sums_note}")
    # What sets the agents, as staff says it of the same forecast: plan gave the agents alone.
    sets_line = agents_set_line(
        outcome.plan, dataset.interval_minutes, scenario.staffing, args.quantile
    )
    if sets_line:
        print(sets_line)
    for extra in (
        from_note,
        to_note,
        *_shaped_handle_times(profiles, history),
        *unusual_settings(args, scenario.staffing, dataset.queues),
        queue_channels_note(scenario.staffing, planned.queues),
        _changed_handle_times_note(args.aht_change_pct, outcome.plan),
        *_unused_scenario_options(args, learned_profiles),
        *change_period_notes(scenario, outcome.plan, summary.horizon_days),
        None if summary.has_contacts else NO_CONTACTS_NOTE,
        short_horizon_fte_note(summary),
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
    # What the forecast noticed (a queue that stopped, a day left out, no backtest) is staffed
    # on: the manager hears it here as from `forecast`.
    # Without any contact (--volume-change-pct -100) every queue would be told it expects
    # "only 0.00 contacts" and to merge: the no-contacts note above already says it.
    forecast_lines = forecast_note_lines(result.notes, result.holiday_suggestion)
    hints = [line for line in forecast_lines if line.startswith("hint: ")]
    for line in forecast_lines:
        if line not in hints:
            print(line)
    for note in outcome.notes if summary.has_contacts else []:
        print(f"note: {note_in_option_words(note)}")
    # The busiest stretches, as `forecast` lists them: where the agents above will be needed.
    lists_them_all = _peaks_listed_by(scenario, plan, args)
    peaks = _planned_peaks(result, scenario, settings)
    for line in peak_lines(peaks, len(plan), settings, lists_them_all=lists_them_all):
        print(line)
    # Why a holiday week is staffed lower (or a day after it higher), as `forecast` says it.
    for line in special_day_lines(result.special_days):
        print(line)
    # Last, as `forecast` says it: under the holidays it tells the calendar mistaken.
    for line in hints:
        print(line)
    return 0


def _planned_peaks(
    result: ForecastResult, scenario: Scenario, settings: ForecastSettings
) -> pd.DataFrame:
    """The peaks of the volume the plan staffs: with --volume-change-pct, the forecast changed
    on the days it covers, each changed interval's cause naming the scenario ('scenario +30%
    Mon 6 Jan – Sun 12 Jan'), so a week planned 30% up lists as the peak it is."""
    if not scenario.volume_change_pct or result.peak_basis.empty:
        return result.peaks
    basis = result.peak_basis.copy()
    changed = scenario.changes_on(basis[INTERVAL_START])
    basis["forecast"] = basis["forecast"] * np.where(
        changed, 1 + scenario.volume_change_pct / 100, 1.0
    )
    cause = _scenario_cause(scenario)
    known = basis[REASON].fillna("").astype(str)
    basis[REASON] = np.where(changed, np.where(known != "", known + "; " + cause, cause), known)
    return flag_peaks(basis, result.interval_minutes, settings)


def _peaks_listed_by(scenario: Scenario, plan: pd.DataFrame, args: argparse.Namespace) -> str:
    """The `forecast` command that writes every peak of the volume the plan staffs: the plan's
    files and every option of it that changes the forecast (--origin, --queue, --exclude,
    --country, its own --campaign ...: `forecast_words`), and the volume change as a --campaign
    over its days ('--campaign 2014-01-06 2014-01-12 30'), which changes the forecast by the
    same factor. It named --campaign alone, and its peaks were those of another forecast."""
    words = forecast_words(args)
    changed = ""
    if scenario.volume_change_pct and not plan.empty:
        days = pd.to_datetime(plan[INTERVAL_START]).dt.date
        first = scenario.change_from or days.min()
        last = scenario.change_to or days.max()
        words += ["--campaign", first.isoformat(), last.isoformat()]
        words.append(f"{scenario.volume_change_pct:g}")
        changed = ", the change as a campaign"
    return (
        f"cli.py forecast {' '.join(words)} --out FORECAST.csv --peaks-out PEAKS.csv lists them "
        f"all{changed}"
    )


def _scenario_cause(scenario: Scenario) -> str:
    """'scenario +30% Mon 6 Jan – Sun 12 Jan': the change and the days it covers."""
    cause = f"scenario {scenario.volume_change_pct:+g}%"
    start, end = scenario.change_from, scenario.change_to
    if start is not None and end is not None:
        return f"{cause} {day_text(start)} – {day_text(end)}"
    if start is not None:
        return f"{cause} from {day_text(start)}"
    if end is not None:
        return f"{cause} to {day_text(end)}"
    return cause


def _sized_on_words(quantile: str) -> str:
    """What the agents were sized on, as `staff` says it: 'staffed to mean' read as jargon."""
    return (
        "agents sized on the mean forecast" if quantile == "mean" else f"agents sized on {quantile}"
    )


def _service_words(summary: PlanSummary) -> str:
    """The summary's service level as PLAN.csv's fraction and in percent, and any abandonment
    in words after it: 'service level 0.885 = 88.5%, 0.042 abandon' gave the second share bare,
    its meaning unsaid; now '..., 4.2% of calls abandoned'."""
    abandon = abandon_text(summary.abandon_rate, summary.live_contacts)
    marker = "\0"  # the abandonment is kept out of the shares said as fractions
    service = as_plan_fractions(service_text(summary, marker if abandon else ""))
    return service.replace(marker, abandon)


# A share as the summary writes it ("85.6%"): PLAN.csv writes it as a fraction (0.856).
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)%")


def as_plan_fractions(service: str) -> str:
    """The summary's shares as PLAN.csv writes them, fractions, the first said both ways once
    as `backtest` does: 'service level 85.6%' read beside the file's 0.856; now 'service level
    0.856 = 85.6%', and ', 15.9% abandon' after it ', 0.159 abandon'."""
    said = []

    def fraction(match: re.Match) -> str:
        text = f"{float(match[1]) / 100:.3f}"
        said.append(text)
        return f"{text} = {match[0]}" if len(said) == 1 else text

    return _PERCENT.sub(fraction, service)


def _changed_handle_times_note(aht_change_pct: float, plan: pd.DataFrame) -> str | None:
    """Handle times an --aht-change-pct takes out of any queue's range, noted as an unusual
    --aht-seconds is: -99.99 (for -9.99) staffed the bank's 176-s calls as 0.02-s ones, one
    agent for 20 calls a quarter hour, with no word (learned handle times that far off are
    refused, and --aht-seconds noted, before any change)."""
    if not aht_change_pct:
        return None
    return unusual_handle_times(
        mean_handle_times(plan),
        f"the handle times after --aht-change-pct {aht_change_pct:g}",
        advice="check --aht-change-pct, a change in percent (-10 for 10% faster)",
    )


def change_period_notes(scenario: Scenario, plan: pd.DataFrame, horizon_days: float) -> list[str]:
    """What a --change-from/--change-to leaves out, as the Scenarios page says it: changing
    some of the plan's open days, the summary's FTE, cost and service level are over every day,
    the unchanged ones with them; running past the plan's days, the days beyond are not
    planned. `plan` holds every interval of the horizon, closed ones too (is_open)."""
    changes = [
        f"--{option} {value:g}"
        for option, value in (
            ("volume-change-pct", scenario.volume_change_pct),
            ("aht-change-pct", scenario.aht_change_pct),
        )
        if value
    ]
    if not (changes and scenario.has_change_period) or plan.empty:
        return []
    starts = pd.to_datetime(plan[INTERVAL_START])
    changed = scenario.changes_on(starts)
    is_open = plan[IS_OPEN].fillna(False).astype(bool).to_numpy()
    notes = []
    which = " and ".join(changes)
    verb = "change" if len(changes) > 1 else "changes"
    days = starts.dt.normalize()
    if (changed & is_open).any() and (~changed & is_open).any():
        changed_days = days[changed]
        # In days of 24 hours, as the horizon is counted: from a mid-day history its last day
        # is reached part-way (a change to its end is 9.25 of 14 days, not 10 dates of 15).
        step = interval_step(starts)
        changed_span = days_covered(starts[changed], step)
        first, end = starts[changed].min(), starts[changed].max() + step
        span = f"{day_text(changed_days.min())} – {day_text(changed_days.max(), year=True)}"
        if first != first.normalize() or end != end.normalize():  # days reached part-way
            span = f"{day_text(first, clock=True)} – {day_text(end, year=True, clock=True)}"
        notes.append(
            f"{which} {verb} {days_text(changed_span).split()[0]} of the plan's "
            f"{days_text(horizon_days)} "
            f"({span}): the "
            f"FTE, cost and service level above are over all {days_text(horizon_days)}, the "
            "unchanged days with them, so they read the change diluted; the rows of those days "
            "give it alone"
        )
    first_day, last_day = days.min().date(), days.max().date()
    if scenario.change_to is not None and scenario.change_to > last_day and changed.any():
        notes.append(
            f"--change-to {day_text(scenario.change_to, year=True)} runs past the plan's last "
            f"day, {day_text(last_day, year=True)}: {which} {verb} only the days up to it; give "
            "a longer --horizon-days to plan the whole change"
        )
    if scenario.change_from is not None and scenario.change_from < first_day and changed.any():
        notes.append(
            f"--change-from {day_text(scenario.change_from, year=True)} comes before the plan's "
            f"first day, {day_text(first_day, year=True)}: {which} {verb} only the days from it"
        )
    return notes


def _unused_scenario_options(args: argparse.Namespace, profiles: pd.DataFrame) -> list[str]:
    """Options given that change nothing, as `staff` names an unused --email-hours: a period
    without a change to apply in it, or --flat-aht where no handle time has a shape."""
    notes = []
    period = [
        f"{option} {day}"
        for option, day in (("--change-from", args.change_from), ("--change-to", args.change_to))
        if day is not None
    ]
    if period and not (args.volume_change_pct or args.aht_change_pct):
        notes.append(
            f"{' '.join(period)} {'are' if len(period) > 1 else 'is'} not used: "
            f"{'they give' if len(period) > 1 else 'it gives'} the days of a change, but neither "
            "--volume-change-pct nor --aht-change-pct is given; add one, e.g. "
            "--volume-change-pct 20, to plan the change on those days"
        )
    if args.flat_aht and profiles.empty:
        notes.append(
            "--flat-aht is not used: no queue's history shows handle times that follow the "
            "weekday and time of day, so every interval of a queue is staffed on one handle "
            "time already"
        )
    return notes


# The app's scenario wording, as the options that set it: the CLI has no scenario named 'plan'.
SCENARIO_WORDS = {
    "Scenario 'plan': ": "",
    "first day of the change": "--change-from",
    "last day of the change": "--change-to",
    "the change runs from": "--change-from/--change-to run from",
    "volume change ": "--volume-change-pct ",
    "AHT change ": "--aht-change-pct ",
}


def _in_option_words(message: str) -> str:
    for words, option in SCENARIO_WORDS.items():
        message = message.replace(words, option)
    return message


def _check_change_period(scenario: Scenario, plan: pd.DataFrame) -> None:
    """Refuse a --change-from/--change-to that misses every open interval of the forecast: the
    plan would staff the forecast unchanged while the manager reads it as the what-if."""
    changes = scenario.volume_change_pct or scenario.aht_change_pct
    if not (changes and scenario.has_change_period) or plan.empty:
        return
    starts = pd.to_datetime(plan[INTERVAL_START])
    if scenario.changes_on(starts).any():
        return
    period = " to ".join(
        day_text(day, year=True) if day else "…"
        for day in (scenario.change_from, scenario.change_to)
    )
    first, last = (day_text(day, year=True) for day in (starts.min(), starts.max()))
    raise InputError(
        f"--change-from/--change-to ({period}) hold no open interval of the forecast, which "
        f"runs from {first} to {last}: the volume and "
        "AHT changes would apply nowhere. Give days the queues are open within the forecast, "
        "or a longer --horizon-days."
    )


def _only_queues(dataset: Dataset, queues: list[str] | None) -> Dataset:
    """The dataset cut to `queues` (the data's names, as check_queues matched them)."""
    if not queues:
        return dataset
    return dataclasses.replace(
        dataset,
        intervals=dataset.intervals[dataset.intervals[QUEUE].isin(queues)],
        open_hours=dataset.open_hours[dataset.open_hours[QUEUE].isin(queues)],
    )


def _shaped_handle_times(profiles: pd.DataFrame | None, history: pd.DataFrame) -> list[str]:
    """One line per queue whose handle time follows the weekday and time of day."""
    if profiles is None or profiles.empty:
        return []
    return [
        f"the handle time of {queue_text(queue)} follows the weekday and time of day of its last "
        f"{counted(_profile_weeks(history, str(queue)), 'week')}: each interval gets its AHT "
        f"times that weekday and time's ratio, {profile_range_text(rows)} (--flat-aht for one "
        "figure)"
        for queue, rows in profiles.groupby(QUEUE, sort=True)
    ]


def _profile_weeks(history: pd.DataFrame, queue: str) -> int:
    """The weeks a queue's handle-time profile is learned from: its last WINDOW_WEEKS weeks
    with handle times, or fewer when the history is shorter (four weeks of data are not
    "the last 8 weeks")."""
    rows = history[history[QUEUE].astype(str) == queue]
    aht = pd.to_numeric(rows[AHT_SECONDS], errors="coerce")
    volume = pd.to_numeric(rows[VOLUME], errors="coerce")
    starts = pd.to_datetime(rows.loc[(aht > 0) & (volume > 0), INTERVAL_START])
    if starts.empty:
        return WINDOW_WEEKS
    age = starts.max() - starts
    weeks = age[age < pd.Timedelta(weeks=WINDOW_WEEKS)] // pd.Timedelta(weeks=1)
    return int(weeks.nunique())


def _handle_times(
    dataset: Dataset, history: pd.DataFrame, aht_seconds: float | None
) -> dict[str, float] | None:
    """--aht-seconds for every queue when given, else each queue's AHT learned from `history`
    (the data before --origin)."""
    if aht_seconds is not None:
        return None
    learned = default_aht_by_queue(history, plausible_only=False)
    implausible = {queue: s for queue, s in learned.items() if not is_plausible_aht(s)}
    if implausible:
        shown = ", ".join(
            f"{queue_text(queue)} ({seconds:,.0f} s)" for queue, seconds in implausible.items()
        )
        raise InputError(
            f"The handle time per contact learned from the data is implausible for {shown}: "
            "a unit or an interval total read as a mean? (`cli.py inspect` shows how each "
            "column was read.) Give --aht-seconds (e.g. 300), or fix the column and import again."
        )
    unknown = [queue for queue in dataset.queues if queue not in learned]
    if unknown:
        raise InputError(
            f"The data has no handle times for queue(s) {', '.join(unknown)}: "
            "give --aht-seconds (e.g. 300)."
        )
    return learned
