"""Scenarios page: save what-if settings with the dataset, edit them in a table, compare them."""

from __future__ import annotations

import dataclasses
import math
import textwrap
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from app_ui import cached, downloads, plots, settings, state, url_state, widgets
from app_ui import comparison as compare
from app_ui.tables import MISSING
from app_ui.widgets import confirm_delete
from data.dates import day_text
from data.errors import InputError
from data.schema import INTERVAL_START
from planning import Scenario, compare_scenarios
from planning.compare import (
    ABANDONMENT_ROW,
    SHIFT_ROWS,
    ShiftFigures,
    comparable_part_time_caps,
    idle_part_time_caps,
    is_email_only,
    plans_side_by_side,
    relevant_metrics,
)
from planning.scenario import (
    CURRENT_SETTINGS,
    example_scenarios,
    name_length_problem,
    settings_changed_since,
)
from staffing.cost import money_text
from staffing.plan import NO_CONTACTS_NOTE
from staffing.shifts import start_grid_note

MAX_COMPARED = 6
# More scenarios than this compare in one column each, the change beside the figure: three
# with their Δ and Δ% columns fill the 978 px of a 1440-px window.
SIDE_BY_SIDE_ABOVE = 3
ROW_HEIGHT_PX = 35
NAME_COLUMN_PX = 92
# The grid wraps a cell's text only in rows taller than 4rem (64 px); a wrapped line of its
# 14-px font takes about 19 px, and the cell keeps about 8 px above and below. A name's line
# holds about (92 - 17 px padding) / 7 px a letter of text, as the headers are counted.
WRAPPING_ROW_MIN_PX = 65
WRAPPED_LINE_PX = 19
WRAPPED_ROW_PADDING_PX = 10
NAME_LINE_LETTERS = (NAME_COLUMN_PX - 17) // 7
EDITOR_VERSION = "scenario_editor_version"  # bumped after a save so the editor starts clean
MESSAGES = "scenario_messages"  # (kind, text) shown once after an action
DELETE_PENDING = "scenario_delete_pending"  # (dataset, scenario) whose deletion awaits confirmation
# (dataset, names) of the rows deleted in the table: asked about, then confirmed, before saving.
TABLE_DELETE_PENDING = "scenario_table_delete_pending"
TABLE_DELETE_CONFIRMED = "scenario_table_delete_confirmed"
# (name, fresh) of the scenario the name field just saved: see _save_current.
JUST_SAVED = "scenario_just_saved"
SESSION = "session"  # widget values kept across page switches
QUEUE_PICKER = "scenarios_queue"  # this page's queue widget; the shared selection is "queue"
# URL parameters holding the page's selections, so a reload shows the same comparison (the
# queue's parameter is shared with the Forecast and Staffing pages).
COMPARE_PARAM = "compare"
BASELINE_PARAM = "baseline"
# Short headers with the full meaning in the help, so every column fits at 1440 px: about
# 7 px per header letter, plus 36 px for padding and the edit icon (16 px when read-only).
# No min_value or max_value: the grid would silently refuse a value beyond them; saving the
# table explains instead what is wrong with it (_row_problems).
TABLE_COLUMNS = {
    "name": st.column_config.TextColumn(
        "Scenario", required=True, width=NAME_COLUMN_PX, pinned=True, help="Name of the scenario."
    ),
    "volume_change_pct": st.column_config.NumberColumn(
        "Vol %",
        format="%+.1f",
        width=72,
        help="Change of the forecast volume, in percent (+20 = 20% more contacts; -100 or more).",
    ),
    "aht_change_pct": st.column_config.NumberColumn(
        "AHT %",
        format="%+.1f",
        width=72,
        help="Change of the average handle time, in percent (above -100).",
    ),
    # The days the changes apply on, next to them. A day reads "30 Nov": a horizon spans at most
    # 92 days, so the year is never in doubt.
    "change_from": st.column_config.DateColumn(
        "From",
        format="D MMM",
        width=64,
        help="First day the Vol % and AHT % changes apply (empty: the forecast's first day).",
    ),
    "change_to": st.column_config.DateColumn(
        "To",
        format="D MMM",
        width=60,  # "30 Nov" fits; the 4 px left go to the cost columns' "€/h"
        help="Last day the Vol % and AHT % changes apply, included (empty: the forecast's last "
        "day). A busy week: +30 in Vol %, its Monday in From, its Sunday in To.",
    ),
    "service_level_pct": st.column_config.NumberColumn(
        compare.GRID_HEADERS["service_level"],
        format="%g",  # 85.5 as typed: the plan uses the decimals
        width=64,
        help="Service level target: percent of contacts answered within the seconds next to it. "
        f"At most {settings.MAX_SERVICE_LEVEL_PCT:.0f}%: when contacts arrive at random, 100% is "
        "never guaranteed. Voice and chat only: e-mail is staffed to its response window.",
    ),
    "answer_within_seconds": st.column_config.NumberColumn(
        compare.GRID_HEADERS["answer_within_seconds"],
        format="%g",
        width=64,
        help="Answer within this many seconds (the service level's time limit; 0 or more).",
    ),
    "shrinkage_pct": st.column_config.NumberColumn(
        compare.GRID_HEADERS["shrinkage"],
        format="%g",
        width=72,
        help="Shrinkage: percent of paid time away from contacts (breaks, training, absence), "
        "from 0 up to (not including) 100.",
    ),
    "supervisor_span": st.column_config.NumberColumn(
        compare.GRID_HEADERS["supervisor_span"],
        format="%d",
        step=1,
        width=64,
        help="Agents per supervisor (8 to 15).",
    ),
    # "P80" as the Staffing page and the example's name "Staffed to P80" write it, not "p80".
    "quantile": st.column_config.SelectboxColumn(
        compare.GRID_HEADERS["quantile"],
        options=list(settings.QUANTILE_NAMES.values()),
        width=72,
        help="Forecast to staff to: mean, or the P50 / P80 / P90 quantile for busier days.",
    ),
    "agent_hourly_cost": st.column_config.NumberColumn(
        compare.GRID_HEADERS["agent_hourly_cost"],
        format="%.2f",
        width=99,
        help="Agent cost in EUR per paid hour, as on the Staffing page (0 or more).",
    ),
    "supervisor_hourly_cost": st.column_config.NumberColumn(
        compare.GRID_HEADERS["supervisor_hourly_cost"],
        format="%.2f",
        width=85,
        help="Supervisor cost in EUR per paid hour, as on the Staffing page (0 or more).",
    ),
    "part_max_pct": st.column_config.NumberColumn(
        compare.GRID_HEADERS["part_max_share"],
        format="%g",
        width=64,
        help="Part-time shifts may take at most this percent of the paid shift hours (0 to 100; "
        "0: full time only, 100: no limit). More part-timers: raise it. Shift lengths, start "
        "hours and shifts per week come from the Shifts page.",
    ),
}


# A service level target in seconds means nothing to e-mail, staffed to its response window.
SERVICE_LEVEL_COLUMNS = ("service_level_pct", "answer_within_seconds")


def _grid_columns(scenarios: list[Scenario]) -> list[str]:
    """The grid's columns: without the service level's when every row is e-mail."""
    if all(scenario.staffing.channel == "email" for scenario in scenarios):
        return [column for column in TABLE_COLUMNS if column not in SERVICE_LEVEL_COLUMNS]
    return list(TABLE_COLUMNS)


def _row_height(names: Iterable[str]) -> int:
    """Pixels of the editor's rows: one line, or enough for the longest name wrapped in the
    pinned name column, where a longer one read "Current setting…" cut off at 1440 px."""
    lines = max((len(textwrap.wrap(name, NAME_LINE_LETTERS)) for name in names), default=1)
    if lines <= 1:
        return ROW_HEIGHT_PX
    return max(WRAPPING_ROW_MIN_PX, lines * WRAPPED_LINE_PX + WRAPPED_ROW_PADDING_PX)


def _context_caption(scenarios: dict[str, Scenario], has_shape: bool = False) -> str:
    """The channel and handle time the scenarios staff with, which the table does not show;
    `has_shape`: the queue's history shows a weekday and time-of-day shape, which the scenarios
    saved with the Staffing page's tick apply."""

    def text(scenario: Scenario) -> str:
        staffing = scenario.staffing
        channel = settings.CHANNEL_LABELS.get(staffing.channel, staffing.channel)
        if staffing.channel == "email":  # its target, as the grid has no SL columns for it
            channel += f" answered within {staffing.email_response_hours:g} h"
        return f"{channel}, {staffing.aht_seconds:.0f} s handle time"

    texts = {name: text(scenario) for name, scenario in scenarios.items()}
    if len(set(texts.values())) == 1:
        told = f"Every scenario: {next(iter(texts.values()))}"
    else:
        told = "; ".join(f"{name}: {value}" for name, value in texts.items())
    said = f"{told} before the AHT % change (set on the Staffing page when each was saved)."
    shaped = [name for name, scenario in scenarios.items() if scenario.aht_by_time_of_day]
    if has_shape and shaped:
        who, others = "every scenario staffs", ""
        if len(shaped) < len(scenarios):
            flat = [name for name in scenarios if name not in shaped]
            who = f"{_names(shaped)} staff{'s' if len(shaped) == 1 else ''}"
            verb = "staffs" if len(flat) == 1 else "staff"
            others = f"; {_names(flat)} {verb} every interval with the one figure"
        said += (
            f" That handle time is the average: {who} each interval with it times the "
            "interval's weekday and time-of-day ratio, as the Staffing page's “Handle time by "
            f"weekday and time of day” was ticked when saved{others}."
        )
    return said


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _waiting_words(scenarios: Iterable[Scenario]) -> str:
    """Who waits in these scenarios' channels: "callers", "chat customers" or both."""
    channels = sorted({scenario.staffing.channel for scenario in scenarios}, reverse=True)
    words = [settings.WAITING_CONTACTS.get(channel, "callers") for channel in channels]
    return " or ".join(dict.fromkeys(words))


def _shift_week_words(scenarios: Iterable[Scenario]) -> str:
    """The shifts a person works a week in these scenarios: "5 shifts a person a week"."""
    counts = sorted({scenario.shifts.shifts_per_week for scenario in scenarios})
    told = " or ".join(str(count) for count in counts)
    return f"{told} shift{'' if counts == [1] else 's'} a person a week"


def _pick_queue() -> None:
    st.session_state["queue"] = st.session_state[QUEUE_PICKER]


def _say(kind: str, text: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((kind, text))


def _row_of(scenario: Scenario) -> dict:
    staffing = scenario.staffing
    return {
        "name": scenario.name,
        "volume_change_pct": scenario.volume_change_pct,
        "aht_change_pct": scenario.aht_change_pct,
        "change_from": scenario.change_from,
        "change_to": scenario.change_to,
        "service_level_pct": staffing.service_level * 100,
        "answer_within_seconds": staffing.answer_within_seconds,
        "shrinkage_pct": staffing.shrinkage * 100,
        "supervisor_span": staffing.supervisor_span,
        "quantile": settings.QUANTILE_NAMES.get(scenario.quantile, scenario.quantile),
        "agent_hourly_cost": staffing.agent_hourly_cost,
        "supervisor_hourly_cost": staffing.supervisor_hourly_cost,
        "part_max_pct": scenario.shifts.part_max_share * 100,
        "channel": staffing.channel,
        "aht_seconds": staffing.aht_seconds,
    }


def _scenario_of(row: pd.Series, base: Scenario) -> Scenario:
    """The table row as a scenario; knobs the table does not show come from `base`."""

    def number(column: str) -> float:
        value = pd.to_numeric(row[column], errors="coerce")
        if pd.isna(value):
            raise InputError(f"'{TABLE_COLUMNS[column].get('label', column)}' is empty.")
        return float(value)

    problems = _row_problems(number)
    if problems:
        raise InputError(" ".join(problems))
    staffing = dataclasses.replace(
        base.staffing,
        service_level=number("service_level_pct") / 100,
        answer_within_seconds=number("answer_within_seconds"),
        shrinkage=number("shrinkage_pct") / 100,
        supervisor_span=int(number("supervisor_span")),
        agent_hourly_cost=number("agent_hourly_cost"),
        supervisor_hourly_cost=number("supervisor_hourly_cost"),
    )
    return Scenario(
        name=str(row["name"] or "").strip(),
        volume_change_pct=number("volume_change_pct"),
        aht_change_pct=number("aht_change_pct"),
        quantile=_quantile(row.get("quantile")),
        staffing=staffing,
        queue=base.queue,
        change_from=row.get("change_from"),
        change_to=row.get("change_to"),
        shifts=dataclasses.replace(base.shifts, part_max_share=number("part_max_pct") / 100),
        aht_by_time_of_day=base.aht_by_time_of_day,
    )


def _quantile(value: object) -> str:
    """The Staff to cell as the planner names it ("P80" is p80); an emptied cell reads NaN or
    None, which must not be shown as 'nan'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
        label = TABLE_COLUMNS["quantile"].get("label", "quantile")
        names = ", ".join(settings.QUANTILE_NAMES.values())
        raise InputError(f"'{label}' is empty: pick one of {names}.")
    return str(value).strip().lower()


def _row_problems(number: Callable[[str], float]) -> list[str]:
    """What is impossible about a table row's values, in the units of the table's columns."""
    problems = settings.target_problems(
        service_level_pct=number("service_level_pct"),
        answer_within_s=number("answer_within_seconds"),
        supervisor_span=number("supervisor_span"),
        shrinkage_pct=number("shrinkage_pct"),
    )
    volume = number("volume_change_pct")
    if volume < -100:
        problems.append(
            f"The volume change (Vol %) must be -100% or more (you entered {volume:g}%): "
            "-100% already means no contacts at all."
        )
    aht = number("aht_change_pct")
    if aht <= -100:
        problems.append(
            f"The handle time change (AHT %) must be above -100% (you entered {aht:g}%): "
            "-100% leaves no time to handle a contact."
        )
    for column, who in (
        ("agent_hourly_cost", "An agent"),
        ("supervisor_hourly_cost", "A supervisor"),
    ):
        cost = number(column)
        if cost < 0:
            problems.append(
                f"{who}'s cost must be {money_text(0)} or more per paid hour (you entered "
                f"{money_text(cost, cents=True)})."
            )
    part_max = number("part_max_pct")
    if not 0 <= part_max <= 100:
        problems.append(
            f"The part-time cap (PT %) must be from 0 to 100% of the paid shift hours (you "
            f"entered {part_max:g}%); 100 sets no limit."
        )
    return problems


def _with_defaults(row: pd.Series, defaults: dict) -> pd.Series:
    """A new row's empty cells filled from `defaults` (its name stays the manager's to give)."""
    filled = row.astype(object)  # a row of text cells only would refuse a number
    for column, value in defaults.items():
        if column != "name" and column in filled and pd.isna(filled[column]):
            filled[column] = value
    return filled


def _load_all(dataset_name: str) -> dict[str, Scenario]:
    store = state.store()
    loaded = {}
    try:
        names = store.list_scenarios(dataset_name)
    except InputError as error:
        # Renamed or deleted in another window since this run's check: the next run says which.
        st.error(
            f"The scenarios of '{dataset_name}' cannot be listed: {error} Open the page again: "
            "it shows the datasets stored now."
        )
        st.stop()
    for name in names:
        try:
            loaded[name] = Scenario.from_dict(store.load_scenario(dataset_name, name))
        except InputError as error:
            st.warning(f"Scenario '{name}' cannot be read: {error}")
    return loaded


def _name_key(name: object) -> str:
    """Names that differ only in case or spacing are the same name to a manager."""
    return " ".join(str(name).split()).casefold()


def _taken(name: str, names: Iterable[str]) -> str | None:
    """The name among `names` that `name` would be mistaken for, if any."""
    key = _name_key(name)
    return next((each for each in names if _name_key(each) == key), None)


def _save_current(dataset_name: str) -> None:
    name = st.session_state.get("new_scenario_name", "").strip()
    just_saved = st.session_state.get(JUST_SAVED)
    if not name and just_saved:
        # Enter saved the name and cleared the field; the button clicked right after it (as
        # most people do) is the same save, not a save without a name.
        _say("success", f"Saved scenario '{just_saved[0]}'.")
        st.session_state[JUST_SAVED] = (just_saved[0], True)
        return
    try:
        # The button was drawn before another window renamed or deleted the dataset.
        if dataset_name not in state.store().list_datasets()["name"].tolist():
            raise InputError(
                f"dataset '{dataset_name}' was renamed or deleted in another window: check the "
                "dataset named above and save again."
            )
        # The Staffing page's own check first: it explains in the units typed there (80%, not
        # the planner's 0.8), as the Staffing page does.
        problems = settings.staffing_problems()
        if problems:
            raise InputError(
                "the Staffing page holds settings that cannot be staffed: " + " ".join(problems)
            )
        scenario = settings.current_scenario(name or "")
        too_long = name_length_problem(scenario.name)
        if too_long:
            raise InputError(too_long)
        taken = _taken(scenario.name, state.store().list_scenarios(dataset_name))
        if taken:
            raise InputError(
                f"a scenario named '{taken}' exists: choose another name, or change "
                "that scenario in the table below."
            )
        state.store().save_scenario(dataset_name, scenario.name, scenario.to_dict(), replace=False)
    except InputError as error:
        _say("error", f"Not saved: {error}")
        return
    _say("success", f"Saved scenario '{scenario.name}'.")
    _compare_too(scenario.name)
    st.session_state["new_scenario_name"] = ""
    st.session_state[JUST_SAVED] = (scenario.name, True)


def _save_examples(current: state.CurrentDataset, queue: str) -> None:
    """Save the example scenarios and compare them against the current settings."""
    problems = settings.staffing_problems()
    if problems:
        _say(
            "error",
            "Not saved: the Staffing page holds settings that cannot be staffed: "
            + " ".join(problems),
        )
        return
    _, forecast = settings.queue_forecast(current, queue)
    starts = pd.to_datetime(forecast[INTERVAL_START]) if len(forecast) else None
    first_day = starts.min().normalize() if starts is not None else None
    last_day = starts.max().normalize() if starts is not None else None
    taken = set(state.store().list_scenarios(current.name))
    saved = []
    for scenario in example_scenarios(settings.current_scenario(), first_day, last_day):
        if scenario.name in taken:
            continue
        state.store().save_scenario(current.name, scenario.name, scenario.to_dict(), replace=False)
        saved.append(scenario.name)
    if saved:
        st.session_state["compare_names"] = saved[:MAX_COMPARED]
        st.session_state["baseline_name"] = saved[0]
        _say(
            "success",
            f"Saved {len(saved)} example scenarios: {', '.join(saved)}. Change them in the "
            "table below, or delete those you do not need.",
        )


def _compare_too(name: str) -> None:
    """A scenario just made joins the comparison while it has room: it is the one the manager
    wants to see against the others next."""
    chosen = list(st.session_state.get("compare_names") or [])
    if name in chosen:
        return
    if len(chosen) < MAX_COMPARED:
        st.session_state["compare_names"] = [*chosen, name]
    else:  # said, or the manager looks for it in the comparison in vain
        _say(
            "info",
            f"'{name}' is not compared: the comparison already shows {MAX_COMPARED} scenarios, "
            "the most it holds. Remove one under Compare scenarios to add it.",
        )


def _follow_renames(renames: dict[str, str]) -> None:
    """Renamed scenarios (old name: new name) keep their place in the comparison, as its
    baseline and in the picker: left under the old name, one would drop out of the comparison
    on the next run, and the picker would fall back to the first scenario (which a Delete
    clicked next would remove). All at once, so a swap (A to B, B to A) maps each just once."""
    chosen = list(st.session_state.get("compare_names") or [])
    if any(name in renames for name in chosen):
        st.session_state["compare_names"] = [renames.get(name, name) for name in chosen]
    for key in ("baseline_name", "scenario_pick"):
        value = st.session_state.get(key)
        if isinstance(value, str) and value in renames:
            st.session_state[key] = renames[value]


def _baseline_after_deleting(deleted: Iterable[str], remaining: list[str]) -> str | None:
    """When the comparison's baseline was among the `deleted` scenarios: pick the scenario the
    comparison falls back to (its first one left, as the page would) and say so, rather than
    letting another scenario become the yardstick unannounced. `remaining`: the stored names."""
    baseline = st.session_state.get("baseline_name")
    if baseline not in set(deleted):
        return None
    chosen = [name for name in st.session_state.get("compare_names") or [] if name in remaining]
    if len(chosen) < 2:  # as the page does: fewer than two left compares the first ones stored
        chosen = remaining[:MAX_COMPARED]
    if len(chosen) < 2:  # nothing left to compare: no baseline to speak of
        return None
    st.session_state["compare_names"] = chosen
    st.session_state["baseline_name"] = chosen[0]
    return f"'{baseline}' was the baseline; '{chosen[0]}' is the baseline now."


def _forget_just_saved() -> None:
    """Keep the just-saved name for the one run after the save's own, then forget it: a click
    on an empty field later on is a mistake to explain."""
    just_saved = st.session_state.get(JUST_SAVED)
    if just_saved and just_saved[1]:
        st.session_state[JUST_SAVED] = (just_saved[0], False)
    else:
        st.session_state.pop(JUST_SAVED, None)


def _manage(action: str, dataset_name: str, scenarios: dict[str, Scenario]) -> None:
    """Duplicate or rename the scenario picked in the selectbox."""
    picked = st.session_state.get("scenario_pick")
    new_name = st.session_state.get("scenario_new_name", "").strip()
    store = state.store()
    try:
        if picked not in scenarios:
            raise InputError("Pick a saved scenario first.")
        stored = store.list_scenarios(dataset_name)
        if action == "duplicate":
            copy = dataclasses.replace(scenarios[picked], name=new_name or f"{picked} (copy)")
            too_long = name_length_problem(copy.name)
            if too_long:
                raise InputError(f"Not duplicated: {too_long}")
            taken = _taken(copy.name, stored)
            if taken:
                raise InputError(f"A scenario named '{taken}' exists: choose another name.")
            store.save_scenario(dataset_name, copy.name, copy.to_dict(), replace=False)
            _compare_too(copy.name)
            done = f"Duplicated '{picked}' as '{copy.name}'."
        elif action == "rename":
            # Its own name in another case or spacing is a correction, not a clash.
            taken = _taken(new_name, [name for name in stored if name != picked])
            if new_name and taken:
                raise InputError(
                    f"Cannot rename scenario '{picked}' to '{new_name}': a scenario named "
                    f"'{taken}' exists: choose another name."
                )
            if new_name == picked:
                raise InputError(f"Scenario '{picked}' already has that name: type a new one.")
            too_long = name_length_problem(new_name)
            if too_long:
                raise InputError(f"Not renamed: {too_long}")
            store.rename_scenario(dataset_name, picked, new_name)
            _follow_renames({picked: new_name})
            done = f"Renamed '{picked}' to '{new_name}'."
    except InputError as error:
        _say("error", str(error))
        return
    _say("success", done)
    st.session_state["scenario_new_name"] = ""
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def _ask_delete(dataset_name: str) -> None:
    st.session_state[DELETE_PENDING] = (dataset_name, st.session_state.get("scenario_pick"))


def _cancel_delete() -> None:
    st.session_state.pop(DELETE_PENDING, None)


def _delete(dataset_name: str, name: str) -> None:
    """Delete `name`, the scenario the confirmation named (not whatever is picked now)."""
    st.session_state.pop(DELETE_PENDING, None)
    try:
        state.store().delete_scenario(dataset_name, name)
        remaining = state.store().list_scenarios(dataset_name)
    except InputError as error:
        _say("error", str(error))
        return
    moved = _baseline_after_deleting([name], remaining)
    _say("success", f"Deleted scenario '{name}'." + (f" {moved}" if moved else ""))
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def _delete_confirmation(dataset_name: str, picked: str | None) -> None:
    """Ask before deleting: a deleted scenario cannot be brought back."""
    asked = st.session_state.get(DELETE_PENDING)
    if asked is None:
        return
    if asked != (dataset_name, picked):
        del st.session_state[DELETE_PENDING]  # another scenario was picked: the question lapses
        return
    confirm_delete(
        f"Delete scenario '{picked}'? This cannot be undone: its settings would have to be "
        "entered and saved again.",
        picked,
        "scenario_delete",
        _delete,
        (dataset_name, picked),
        _cancel_delete,
    )


def _read_table(
    edited: pd.DataFrame, stored: list[str], scenarios: dict[str, Scenario], fallback: Scenario
) -> tuple[list[tuple[str | None, Scenario]], tuple[str, ...], list[str]]:
    """The edited table as (stored name, or None for a new row; scenario) pairs, the names of
    the rows deleted from it, and what stops it from being saved."""
    originals = list(scenarios)
    rows, problems, names = [], [], []
    for number, (position, row) in enumerate(edited.iterrows(), start=1):
        old = (
            originals[position] if isinstance(position, int) and position < len(originals) else None
        )
        name = "" if pd.isna(row.get("name")) else str(row.get("name")).strip()
        if not old and not name:
            problems.append(f"Not saved: row {number} has no name: give the scenario a name.")
            continue
        names.append((number, old, name))
        too_long = name_length_problem(name) if name != old else None  # a stored name stays
        if too_long:
            problems.append(f"Not saved: row {number}: {too_long}")
            continue
        if not old:  # a new row starts from the current settings, as the caption says
            row = _with_defaults(row, _row_of(fallback))
        try:
            scenario = _scenario_of(row, scenarios[old] if old else fallback)
        except InputError as error:
            problems.append(f"Scenario '{old or name}' not saved: {error}")
            continue
        if old and name == old:
            followed = _name_following_settings(old, scenarios[old], scenario)
            if followed != old:
                scenario = dataclasses.replace(scenario, name=followed)
                names[-1] = (number, old, followed)
        rows.append((number, old, scenario))
    # Unreadable scenarios are in the store but not in the table: their names are taken too.
    unreadable = [name for name in stored if name not in scenarios]
    clashes, clashing = _name_clashes(names, unreadable)
    # A row refused for its name is a problem, not one of the table's other changes.
    kept = [(old, scenario) for number, old, scenario in rows if number not in clashing]
    return kept, _deleted_rows(edited, scenarios), problems + clashes


def _setting_names(scenario: Scenario) -> list[str]:
    """The names the example scenarios give these settings, one per setting they name:
    "90% in 30 s", "Staffed to P80", "+30% volume 23 Nov – 29 Nov", "Part time 4 h up to 50%"
    (planning.scenario.example_scenarios)."""
    staffing, shifts = scenario.staffing, scenario.shifts
    days = ""
    if scenario.change_from is not None and scenario.change_to is not None:
        first, last = pd.Timestamp(scenario.change_from), pd.Timestamp(scenario.change_to)
        days = day_text(first, weekday=False)
        if last > first:
            days += f" – {day_text(last, weekday=False)}"
    cap = "no cap" if shifts.part_max_share >= 1 else f"up to {shifts.part_max_share:.0%}"
    return [
        f"{staffing.service_level * 100:g}% in {staffing.answer_within_seconds:g} s",
        f"Staffed to {settings.QUANTILE_NAMES.get(scenario.quantile, scenario.quantile)}",
        f"{scenario.volume_change_pct:+g}% volume {days}".strip(),
        f"Part time {shifts.part_hours:g} h {cap}",
    ]


def _name_following_settings(name: str, stored: Scenario, edited: Scenario) -> str:
    """`name` when typed by the manager; when it is the name the examples give the stored
    settings, the one they give the edited settings: "90% in 30 s" edited to 85% is saved as
    "85% in 30 s", where it kept a name its figures no longer said."""
    for before, after in zip(_setting_names(stored), _setting_names(edited), strict=True):
        if name == before:
            return after
    return name


def _deleted_rows(edited: pd.DataFrame, scenarios: dict[str, Scenario]) -> tuple[str, ...]:
    """The scenarios whose rows were deleted in the grid (it keeps every stored row's position
    as its index)."""
    return tuple(name for position, name in enumerate(scenarios) if position not in edited.index)


def _name_clashes(
    names: list[tuple[int, str | None, str]], unreadable: list[str]
) -> tuple[list[str], set[int]]:
    """A row named like another (in any case or spacing) would overwrite it in the store: what
    to say, and the numbers of the rows refused for it."""
    groups: dict[str, list[tuple[int, str | None, str]]] = {}
    for entry in names:
        if entry[2]:
            groups.setdefault(_name_key(entry[2]), []).append(entry)
    problems, clashing = [], set()
    for key, group in groups.items():
        # A row keeping its stored name is never refused: older stores may hold case variants.
        keeping = [name for _, old, name in group if old == name]
        moved = [(number, name) for number, old, name in group if old != name]
        holder = keeping[0] if keeping else _taken(key, unreadable)
        if holder:
            problems += [
                f"Not saved: a scenario named '{holder}' exists: give row {number} another name."
                for number, _ in moved
            ]
            clashing.update(number for number, _ in moved)
        elif len(moved) > 1:
            numbers = [str(number) for number, _ in moved]
            problems.append(
                f"Not saved: rows {', '.join(numbers[:-1])} and {numbers[-1]} have the same "
                f"name '{moved[0][1]}': give each scenario its own name."
            )
            clashing.update(number for number, _ in moved)
    return problems, clashing


def _same(stored: object, edited: object) -> bool:
    """Whether a value is unchanged, up to the rounding of going through percent."""
    if isinstance(stored, dict) and isinstance(edited, dict):
        return stored.keys() == edited.keys() and all(_same(stored[k], edited[k]) for k in stored)
    if isinstance(stored, int | float) and isinstance(edited, int | float):
        return math.isclose(stored, edited, rel_tol=1e-9, abs_tol=1e-12)
    return stored == edited


def _is_change(old: str | None, scenario: Scenario, scenarios: dict[str, Scenario]) -> bool:
    """Whether a row is new or differs from the scenario stored as `old`."""
    return not old or not _same(scenarios[old].to_dict(), scenario.to_dict())


def _save_table(
    edited: pd.DataFrame,
    dataset_name: str,
    scenarios: dict[str, Scenario],
    fallback: Scenario,
    confirmed: tuple | None,
) -> None:
    """Write the edited table back (deleted, renamed, changed and new rows), all of it or, when
    a row cannot be saved, none of it; deleting waits for the manager's confirmation."""
    store = state.store()
    rows, deleted, problems = _read_table(
        edited, store.list_scenarios(dataset_name), scenarios, fallback
    )
    if problems:
        for problem in problems:
            _say("error", problem)
        if deleted or any(_is_change(old, scenario, scenarios) for old, scenario in rows):
            _say(
                "info",
                "The table's other changes are not saved either: they stay in the table until "
                "the rows above are corrected and the table saved again.",
            )
        return  # the grid keeps the edits, to be corrected
    if deleted and confirmed != (dataset_name, deleted):
        st.session_state[TABLE_DELETE_PENDING] = (dataset_name, deleted)
        return
    saved, removed = [], []
    # Renamed all at once: two names swapped (A to B, B to A) pass through temporary names in
    # one store transaction, where one rename after the other would clash.
    renames = {old: scenario.name for old, scenario in rows if old and scenario.name != old}
    try:
        for name in deleted:  # first, so a new row may take a deleted scenario's name
            store.delete_scenario(dataset_name, name)
            removed.append(name)
            saved.append(f"Deleted scenario '{name}'.")
        if renames:
            store.rename_scenarios(dataset_name, renames)
            _follow_renames(renames)
            saved += [f"Renamed '{old}' to '{new}'." for old, new in renames.items()]
        for old, scenario in rows:
            if not old:
                store.save_scenario(dataset_name, scenario.name, scenario.to_dict(), replace=False)
                saved.append(f"Saved scenario '{scenario.name}'.")
                continue
            if _is_change(old, dataclasses.replace(scenario, name=old), scenarios):
                store.save_scenario(dataset_name, scenario.name, scenario.to_dict())
                saved.append(f"Saved the changes to scenario '{scenario.name}'.")
    except InputError as error:
        problem = f"Not saved: {error}"
        if saved:
            problem += " Saved before that: " + " ".join(saved)
        _say("error", problem)
    else:
        for text in saved:
            _say("success", text)
        for old, scenario in rows:
            if not old:
                _compare_too(scenario.name)
        if not saved:
            _say("info", "Nothing to save: the table holds the stored scenarios unchanged.")
    if removed:  # deleted, even when a later step failed: the comparison lost them
        moved = _baseline_after_deleting(removed, store.list_scenarios(dataset_name))
        if moved:
            _say("info", moved)
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def _confirm_table_delete(dataset_name: str, names: tuple[str, ...]) -> None:
    st.session_state.pop(TABLE_DELETE_PENDING, None)
    st.session_state[TABLE_DELETE_CONFIRMED] = (dataset_name, names)


def _cancel_table_delete() -> None:
    st.session_state.pop(TABLE_DELETE_PENDING, None)
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
    _say("info", "Nothing deleted or saved: the table shows the stored scenarios again.")


def _table_delete_confirmation(dataset_name: str, deleted: tuple[str, ...]) -> None:
    """Ask before saving a table whose deleted rows would delete scenarios for good."""
    asked = st.session_state.get(TABLE_DELETE_PENDING)
    if asked is None:
        return
    if asked != (dataset_name, deleted):
        del st.session_state[TABLE_DELETE_PENDING]  # the table changed: the question lapses
        return
    quoted = [f"'{name}'" for name in deleted]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    plural = len(deleted) > 1
    confirm_delete(
        f"Delete scenario{'s' if plural else ''} {listed} and save the table? This cannot be "
        f"undone: {'their' if plural else 'its'} settings would have to be entered and saved "
        "again.",
        "', '".join(deleted),  # the button reads "Yes, delete 'A', 'B'"
        "scenario_table_delete",
        _confirm_table_delete,
        (dataset_name, deleted),
        _cancel_table_delete,
    )


st.title("Scenarios")
current = state.current()
url_state.seed_from_url(url_state.QUEUE_KEY, url_state.QUEUE_PARAM, current.dataset.queues)
settings.seed_shifts(current)  # the staffing settings, and the shift ones scenarios save too
queue_column, caption_column = st.columns([1, 3], vertical_alignment="bottom")
# A widget of its own that follows the shared queue: a second widget keyed "queue" would start
# from its first option after a page switch instead of the queue picked on another page.
st.session_state[QUEUE_PICKER] = st.session_state["queue"]
queue = queue_column.selectbox(
    "Queue",
    current.dataset.queues,
    key=QUEUE_PICKER,
    on_change=_pick_queue,
    help="The queue whose forecast the scenarios are staffed on: the same queue as on the "
    "Forecast and Staffing pages.",
)
url_state.keep_in_url(url_state.QUEUE_PARAM, queue)
caption_column.caption(
    f"Dataset: **{current.name}** · queue **{queue}** · forecast of the next "
    f"{settings.days_text(st.session_state['horizon_days'])} (change it on the Forecast page). "
    "Scenarios are stored with the dataset."
)
for kind, text in st.session_state.pop(MESSAGES, []):
    getattr(st, kind)(text)
_forget_just_saved()

with st.container(border=True):
    st.subheader("Save the current staffing settings")
    # A form, so Enter in the name field saves as the button does.
    with st.form("save_scenario_form", border=False, enter_to_submit=True):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(
            "Scenario name", key="new_scenario_name", placeholder="e.g. Baseline, +20% volume"
        )
        right.form_submit_button(
            "Save as scenario", key="save_scenario", on_click=_save_current, args=(current.name,)
        )

scenarios = _load_all(current.name)
if not scenarios:
    try:
        base = settings.current_scenario()
    except InputError as error:
        # Settings no plan can staff have no examples to offer: said in the units typed, not
        # the package's fractions ('lower the service level (e.g. 0.8)') that ended the page.
        why = " ".join(settings.staffing_problems()) or str(error)
        st.warning(
            f"No scenario saved for this dataset yet, and the Staffing page holds settings that "
            f"cannot be staffed: {why} Correct them there to save the current settings or the "
            "example scenarios."
        )
        st.stop()
    # The examples the button saves: an e-mail queue gets no 90% in 30 s, a P80 plan no P80.
    st.info(compare.examples_offer(base))
    st.button(
        "Start with example scenarios",
        key="save_example_scenarios",
        on_click=_save_examples,
        args=(current, queue),
        help="Saves the examples from the current Staffing settings; change or delete them "
        "afterwards like any other scenario.",
    )
    st.stop()

st.subheader("Edit scenarios")
st.caption(
    "Change cells, add rows (new scenarios start from the current staffing settings) or delete "
    "rows, then save. Vol % and AHT % apply from From to To (empty: the whole forecast). Other "
    "settings (occupancy and ASA caps, Erlang A, chats per agent, full-time week; shift lengths, "
    "start hours and shifts per week) are those the Staffing and Shifts pages had when each scenario was saved, "
    "and new rows take their current ones; the download lists them all. "
    + _context_caption(scenarios, settings.learned_aht_profile(current, queue) is not None)
)
version = st.session_state.setdefault(EDITOR_VERSION, 0)
table = pd.DataFrame([_row_of(scenario) for scenario in scenarios.values()])
try:
    fallback = settings.current_scenario("new")
except InputError as error:  # the Staffing page holds settings that cannot be staffed
    fallback = next(iter(scenarios.values()))
    # Said, as the caption above promises the current settings: a row added now would be saved
    # with this scenario's targets unannounced.
    why = " ".join(settings.staffing_problems()) or str(error)
    st.warning(
        f"The Staffing page holds settings that cannot be staffed: {why} Rows added below start "
        f"from scenario '{fallback.name}' instead, until they are corrected there."
    )
new_row = _row_of(fallback)
row_height = _row_height(list(scenarios))
edited = st.data_editor(
    table,
    key=f"scenario_editor_{version}",
    num_rows="dynamic",
    hide_index=True,
    # Names longer than the pinned column wrap onto as many lines as the longest needs, and
    # the grid is as tall as its rows and the one for adding, none behind a scroll.
    row_height=row_height,
    height=ROW_HEIGHT_PX + row_height * (len(table) + 1) + 3,
    # A row added in the grid shows the current settings it will be saved with.
    column_config={
        column: config if column == "name" else {**config, "default": new_row[column]}
        for column, config in TABLE_COLUMNS.items()
    },
    # Channel and AHT, set on the Staffing page, stay in the table and its download but off
    # the grid: the caption says them, where in the grid they pushed the last columns away.
    column_order=_grid_columns([*scenarios.values(), fallback]),
    placeholder=MISSING,  # an empty From or To: the forecast's first or last day
)
# A confirmed deletion saves the table as it is now, not as it was when the question came up.
confirmed = st.session_state.pop(TABLE_DELETE_CONFIRMED, None)
if st.button("Save table changes", key="scenario_table_save", type="primary") or confirmed:
    _save_table(edited, current.name, scenarios, fallback, confirmed)
    st.rerun()
_table_delete_confirmation(current.name, _deleted_rows(edited, scenarios))
# The download holds every setting each scenario is planned with, not only the grid's.
everything = table.join(pd.DataFrame([s.other_settings() for s in scenarios.values()]))
downloads.download_table(
    everything,
    downloads.file_stem("scenarios", current.name),
    "Scenarios",
    key="download_scenarios",
)

# Keyed, so the browser keeps it open or closed as the manager left it, even when a message
# above it comes or goes between reruns.
with st.expander("Duplicate, rename or delete a scenario", key="scenario_manage"):
    left, middle = st.columns(2)
    # Kept after a look at another page, as the comparison's picks are: a Delete clicked on
    # coming back must not act on the first scenario instead of the one picked.
    state.valid_choice("scenario_pick", list(scenarios))
    picked = left.selectbox("Scenario", list(scenarios), key="scenario_pick", persist_state=SESSION)
    # A form sends the typed name with the button's click: a click that also ends the typing
    # must never duplicate under the old name.
    with middle.form("scenario_name_form", border=False, enter_to_submit=False):
        st.text_input("New name (for duplicate or rename)", key="scenario_new_name")
        buttons = st.container(horizontal=True)
        for action, label in (("duplicate", "Duplicate"), ("rename", "Rename")):
            buttons.form_submit_button(
                label,
                key=f"scenario_{action}",
                on_click=_manage,
                args=(action, current.name, scenarios),
            )
    left.button(
        "Delete…",
        key="scenario_delete",
        on_click=_ask_delete,
        args=(current.name,),
        help="Deletes the scenario from the store, after you confirm.",
    )
    _delete_confirmation(current.name, picked)

st.subheader("Compare scenarios")
names = list(scenarios)
url_state.seed_from_url("compare_names", COMPARE_PARAM, names, many=True)
chosen = [name for name in st.session_state.get("compare_names") or [] if name in names]
if len(chosen) < 2:
    chosen = names[:MAX_COMPARED]
st.session_state["compare_names"] = chosen[:MAX_COMPARED]
# The whole width for the chips: in three quarters of it, five example names ran past its
# edge, the last one cut ("Part time 4 h up t") behind a sideways scroll.
chosen = st.multiselect(
    "Scenarios to compare (2 to 6)",
    names,
    key="compare_names",
    max_selections=MAX_COMPARED,
    persist_state=SESSION,
)
baseline = None
if chosen:
    url_state.seed_from_url("baseline_name", BASELINE_PARAM, chosen)
    state.valid_choice("baseline_name", chosen)
    baseline = st.columns([1, 2])[0].selectbox(
        "Baseline",
        chosen,
        key="baseline_name",
        persist_state=SESSION,
        help="The scenario the others are measured against (the Δ columns).",
    )
url_state.keep_in_url(COMPARE_PARAM, chosen)
url_state.keep_in_url(BASELINE_PARAM, baseline)
if len(chosen) < 2:
    st.info("Pick at least two scenarios to compare.")
    st.stop()

outcomes = {}
progress = widgets.SlowProgress(2 * len(chosen))
progress.done(0, widgets.comparison_step_text(0, chosen))
for step, name in enumerate(chosen, start=1):
    try:
        outcomes[name] = settings.plan_for(current, queue, scenarios[name])
    except InputError as error:
        st.error(f"Scenario '{name}' cannot be staffed: {error}")
    progress.done(step, widgets.comparison_step_text(step, chosen))
if len(outcomes) < 2 or baseline not in outcomes:
    progress.close()
    st.stop()
# As the Forecast and Staffing pages say it: a history ending weeks ago compares days gone.
settings.show_past_days_note(
    outcomes[baseline].plan[INTERVAL_START], current.name, counted="agents and costs"
)
campaign = settings.campaign_under_scenarios_note(
    settings.planned_events(), queue, outcomes[baseline].plan[INTERVAL_START]
)
if campaign:
    st.info(campaign)
elsewhere = [scenarios[name] for name in outcomes if scenarios[name].queue not in (None, queue)]
if elsewhere:
    saved_on = "; ".join(
        f"'{s.name}' on queue '{s.queue}' "
        f"({settings.CHANNEL_LABELS[s.staffing.channel]}, AHT {s.staffing.aht_seconds:.0f} s)"
        for s in elsewhere
    )
    st.warning(
        f"Saved for another queue: {saved_on}. Here they staff the forecast of '{queue}' with "
        "that channel and handle time. Pick their queue on the Staffing page to compare them "
        f"there, or save them again while '{queue}' is selected."
    )

saved_current = scenarios.get(CURRENT_SETTINGS)
if CURRENT_SETTINGS in outcomes and saved_current.queue in (None, queue):
    # Named for the pages' settings, it keeps those of the day it was saved: said, or its
    # FTE and cost read as the Staffing and Shifts pages' own and disagree with them.
    now = settings.current_scenario()
    if settings.learned_aht_profile(current, queue) is None:  # a tick that shapes nothing here
        now = dataclasses.replace(now, aht_by_time_of_day=saved_current.aht_by_time_of_day)
    drift = settings_changed_since(saved_current, now)
    if drift:
        st.warning(compare.stale_current_settings_warning(drift))
for name, outcome in outcomes.items():
    missed = compare.change_outside_forecast(scenarios[name], outcome.plan)
    if missed:
        st.warning(missed)

# Every scenario staffs the same forecast: its days are those the totals add up over.
horizon_days = outcomes[baseline].summary.horizon_days
# Planned as the Shifts page plans them, a rotation where it reads one: a dated fortnight of
# night shifts had paid its first Monday morning again beside the page's rotation.
rotation = settings.shift_rotation(horizon_days)
weeks = settings.rotation_weeks(horizon_days)
shift_figures = {}
shift_notes: dict[str, list[str]] = {}
unplanned: dict[str, list[str]] = {}  # a reason and the scenarios it holds for
# A scenario changing only the cap on part time gets the plan the Shifts page's table of caps
# shows for it, not another of as many paid hours with more shifts.
planned_shifts: dict[tuple, tuple] = {}
for name, outcome in outcomes.items():
    step = len(chosen) + chosen.index(name)
    progress.done(step, widgets.comparison_step_text(step, chosen))
    shifts = scenarios[name].shifts
    try:
        shift_plan = cached.shift_plan_beside(
            planned_shifts,
            outcome.rostered_need(),
            current.dataset.interval_minutes,
            shifts.types(),
            shifts.shifts_per_week,
            rotation=rotation,
        )
    except InputError as error:
        unplanned.setdefault(str(error), []).append(f"'{name}'")
        continue
    cost = scenarios[name].staffing.agent_hourly_cost
    shift_figures[name] = ShiftFigures.of(shift_plan, shifts, cost)
    on_grid = start_grid_note(
        shifts.earliest_start,
        shifts.latest_start,
        outcome.rostered_need().index,
        current.dataset.interval_minutes,
    )
    shift_notes[name] = [
        note
        for note in (
            on_grid and on_grid[0].upper() + on_grid[1:] + ".",
            settings.repeating_week_caption(shift_plan, current.dataset.interval_minutes),
            settings.before_plan_caption(shift_plan, horizon_days, on_shifts_page=False),
        )
        if note
    ]
progress.close()
if unplanned:
    # One reason said once: five scenarios saved with the same shift lengths had read the
    # same sentence five times over.
    st.warning(
        "No shift plan for "
        + "; ".join(f"{', '.join(names)}: {reason}" for reason, names in unplanned.items())
        + ". Change the scenario's PT % above, or the shift lengths and start hours on the "
        "Shifts page and save it again."
    )
comparison = compare_scenarios(outcomes, baseline, shift_figures)
# A raised part-time cap that plans the very shifts of the baseline looks like a bug unsaid.
idle_caps = idle_part_time_caps(
    shift_figures,
    comparable_part_time_caps({name: scenarios[name].shifts for name in shift_figures}, baseline),
    baseline,
)
comparison = comparison.loc[
    compare.rows_shown(relevant_metrics(outcomes) + SHIFT_ROWS, horizon_days)
]
email_names = [name for name, outcome in outcomes.items() if is_email_only(outcome)]
# The service level row in the Staffing page's words: "Answered within 24 h (%)" for e-mail.
wording = {
    compare.SERVICE_LEVEL_ROW: compare.service_level_label(
        [
            scenarios[name].staffing.email_response_hours if name in email_names else None
            for name in outcomes
        ]
    )
}
side_by_side = len(outcomes) > SIDE_BY_SIDE_ABOVE or not compare.fits_grid(
    compare.texts(comparison, horizon_days, wording)
)
if side_by_side:
    # A static table wraps long names in its headers, where the grid cut them.
    st.table(compare.side_by_side(comparison, horizon_days, wording))
else:
    shown_table = compare.styled(comparison, horizon_days, wording)
    st.dataframe(
        shown_table,
        key="comparison_table",
        height=ROW_HEIGHT_PX * (len(comparison) + 1) + 3,  # every metric without scrolling
        column_config={
            "_index": st.column_config.TextColumn(
                width=compare.label_column_px(shown_table.data.index)
            ),
            **{
                str(column): st.column_config.TextColumn(alignment="right") for column in comparison
            },
        },
    )
st.caption(
    "Contacts expected: the calls, chats or e-mails each scenario expects over the "
    f"{settings.days_text(horizon_days)} on the mean forecast, after its volume change. "
    + (
        f"In brackets: the change against the baseline '{baseline}' (pp: percentage points); the "
        "download adds the relative change. "
        if side_by_side
        else f"Δ: change against the baseline '{baseline}' (pp: percentage points), Δ%: relative "
        "change. "
    )
    + "Green: cheaper or better service than the baseline; red: costlier or worse service."
)
for name, outcome in outcomes.items():
    diluted = compare.change_on_part_of_forecast(scenarios[name], outcome.plan)
    if diluted:
        st.caption(diluted)
if any(scenarios[name].quantile != "mean" for name in outcomes):
    st.caption(
        "A scenario staffed to a forecast quantile (P50, P80, P90) is sized on it; its expected "
        "contacts, service level, waits, occupancy and abandonment are measured on the mean "
        "forecast, the contacts to expect, so a buffer shows as better service at a higher cost "
        "(the plans below list the contacts each interval was sized for as sized_for_volume)."
    )
if email_names:
    st.caption(compare.email_window_caption([scenarios[name] for name in email_names]))
st.caption(
    "Shifts: whole shifts covering each scenario's people rostered at the fewest paid hours, "
    "part time within its PT %; people to employ in the busiest week at "
    + _shift_week_words(scenarios[name] for name in outcomes)
    + "."
    + compare.cut_week_words(shift_figures)
    + (
        f" The {settings.days_text(horizon_days)} are read as a rotation of {weeks} weeks "
        f"repeating, as the Shifts page reads them with “Repeat the {weeks} weeks as a "
        "rotation” ticked."
        if rotation
        else ""
    )
    + " Shift hours are the agents' paid hours on those shifts, and shift cost those hours at "
    "each scenario's agent rate (supervisors apart, in Total cost)."
)
for note in compare.shift_plan_notes(shift_notes):
    st.caption(note)
# Blended agents on the Shifts page: the sample's 113 people to employ there beside 79 here.
cover_note = compare.shift_cover_note(
    st.session_state.get("shift_cover", settings.COVER_THIS_QUEUE), queue, current.dataset.queues
)
if cover_note:
    st.caption(cover_note)
silent = [name for name, outcome in outcomes.items() if not outcome.summary.has_contacts]
if silent:  # their service figures are blank, not the 100% an empty queue would score
    listed = ", ".join(f"'{name}'" for name in silent)
    st.caption(f"Scenario{'s' if len(silent) > 1 else ''} {listed}: {NO_CONTACTS_NOTE}")
live_names = [name for name in outcomes if name not in email_names and name not in silent]
# Blank for want of the waiting customers' patience; blank for want of contacts is said above,
# and ticking Erlang A would change nothing there.
unpatient = [name for name in live_names if outcomes[name].summary.abandon_rate is None]
if unpatient and comparison.loc[ABANDONMENT_ROW, unpatient].isna().any():
    st.caption(
        f"Expected abandonment shows {compare.MISSING} for scenarios saved without the "
        f"{_waiting_words(scenarios[name] for name in unpatient)}' patience: tick Erlang A on "
        "the Staffing page and save the scenario again to see it."
    )
if idle_caps:
    st.info(idle_caps, icon=":material/info:")
unshown = compare.unshown_differences({name: scenarios[name] for name in outcomes})
if unshown:
    st.info(
        "These scenarios also differ in settings the table above does not show (set on the "
        "Staffing and Shifts pages when each was saved):\n"
        + "\n".join(f"- {line}" for line in unshown),
        icon=":material/info:",
    )
# The download holds numbers, each row in the one unit its label names (rates in percent,
# ASA in seconds, e-mail response time in hours); the screen shows them as text.
# Named by queue and days, as the other pages name theirs: every queue and horizon compares
# under the same scenario names.
horizon_starts = outcomes[baseline].plan[INTERVAL_START]
downloads.download_table(
    compare.scaled(comparison, horizon_days, wording).reset_index(),
    downloads.dated_stem("scenario_comparison", queue, horizon_starts),
    "Comparison",
    key="download_comparison",
)
shown = compare.chart_values(comparison, horizon_days, wording)
grid = st.columns(3)
for number, (row, label) in enumerate(zip(comparison.index, shown.index, strict=True)):
    values = shown.loc[label, list(outcomes)]
    if values.isna().all():
        continue
    grid[number % 3].plotly_chart(
        plots.scenario_bars(values, label, baseline, whole=compare.metric_of(row).kind == "count"),
        key=f"compare_chart_{number}",
        # A third of the page is too narrow for the toolbar beside the title: it covered it.
        config={"displayModeBar": False},
    )

st.subheader("When the scenarios differ")
plans = plans_side_by_side(outcomes)
st.plotly_chart(plots.scenario_staff_chart(plans, baseline), key="compare_staff_chart")
st.caption(
    "Above: people rostered (agents with shrinkage) in every interval of the horizon. Below: "
    f"how many more (or fewer) each scenario needs than '{baseline}'. Click a name in the legend "
    "to hide or show it; drag across the chart to zoom in on a day."
)
downloads.download_table(
    plans,
    downloads.dated_stem("scenario_plans", queue, horizon_starts),
    "Plans per interval, all compared scenarios",
    key="download_plans",
)
