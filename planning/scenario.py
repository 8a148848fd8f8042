"""A named planning scenario: volume/AHT what-ifs, the forecast quantile and staffing settings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from data.dates import day_text
from data.errors import InputError
from staffing.plan import StaffingSettings
from staffing.shifts import ShiftSettings

# Which forecast column a scenario staffs to; "mean" is the point forecast, the contacts expected.
MEAN_QUANTILE = "mean"
QUANTILE_COLUMNS = {MEAN_QUANTILE: "forecast", "p50": "p50", "p80": "p80", "p90": "p90"}
QUANTILES = tuple(QUANTILE_COLUMNS)
# The longest name a scenario may be given: the comparison repeats it in its Δ and Δ% column
# headers and the charts' legends, which a longer one makes unreadable. Checked where a name is
# typed, not on loading, so a scenario stored before the limit still opens.
MAX_NAME_LENGTH = 60


def name_length_problem(
    name: str,
    what: str = "scenario",
    repeated_in: str = "the comparison's columns and charts repeat it",
) -> str | None:
    """Why `name` is too long for a `what` (a scenario, a dataset), or None when it fits
    `MAX_NAME_LENGTH`; `repeated_in` says where a long one would show."""
    length = len(str(name).strip())
    if length <= MAX_NAME_LENGTH:
        return None
    return (
        f"the {what} name is {length} characters long; keep it to {MAX_NAME_LENGTH} at most "
        f"({repeated_in})."
    )


@dataclass
class Scenario:
    """What-if settings saved with a dataset; `to_dict` is JSON-safe for the store."""

    name: str
    volume_change_pct: float = 0.0
    aht_change_pct: float = 0.0
    quantile: str = "mean"
    staffing: StaffingSettings = field(default_factory=StaffingSettings)
    # The queue whose handle time and channel `staffing` holds; None for scenarios saved
    # before the queue was recorded.
    queue: str | None = None
    # The days (both included) the volume and AHT changes apply on; None: from the forecast's
    # first day, to its last. "+30% in the lockdown week" leaves the other weeks as forecast.
    change_from: dt.date | None = None
    change_to: dt.date | None = None
    # The shifts covering the people rostered; defaults for scenarios saved before shifts.
    shifts: ShiftSettings = field(default_factory=ShiftSettings)
    # Each interval's handle time shaped by its weekday and time of day, where the queue's
    # history shows a shape (the Staffing page's tick); True for scenarios saved before it.
    aht_by_time_of_day: bool = True

    def __post_init__(self) -> None:
        self.name = str(self.name).strip()
        if not self.name:
            raise InputError("Scenario name is empty: give the scenario a name.")
        self.change_from = _day(self.name, "first day of the change", self.change_from)
        self.change_to = _day(self.name, "last day of the change", self.change_to)
        if self.change_from and self.change_to and self.change_from > self.change_to:
            raise InputError(
                f"Scenario '{self.name}': the change runs from {day_text(self.change_from, year=True, weekday=False)} to "
                f"{day_text(self.change_to, year=True, weekday=False)}; the first day must not be after the last."
            )
        self.volume_change_pct = _percent(self.name, "volume change", self.volume_change_pct)
        self.aht_change_pct = _percent(self.name, "AHT change", self.aht_change_pct)
        if self.volume_change_pct < -100:
            raise InputError(
                f"Scenario '{self.name}': volume change {self.volume_change_pct:g}% is below "
                "-100% (no contacts at all); use a value of -100 or more."
            )
        if self.aht_change_pct <= -100:
            raise InputError(
                f"Scenario '{self.name}': AHT change {self.aht_change_pct:g}% leaves no handle "
                "time; use a value above -100."
            )
        if self.quantile not in QUANTILE_COLUMNS:
            raise InputError(
                f"Scenario '{self.name}': forecast quantile '{self.quantile}' is unknown; "
                f"use one of {', '.join(QUANTILES)}."
            )
        if not isinstance(self.staffing, StaffingSettings):
            raise InputError(f"Scenario '{self.name}': staffing settings are missing.")
        if not isinstance(self.shifts, ShiftSettings):
            raise InputError(f"Scenario '{self.name}': shift settings are missing.")

    @property
    def forecast_column(self) -> str:
        return QUANTILE_COLUMNS[self.quantile]

    @property
    def has_change_period(self) -> bool:
        return self.change_from is not None or self.change_to is not None

    def changes_on(self, interval_starts: Any) -> np.ndarray:
        """Per interval start, whether the volume and AHT changes apply there."""
        days = pd.to_datetime(pd.Series(interval_starts)).dt.normalize()
        inside = np.ones(len(days), dtype=bool)
        if self.change_from is not None:
            inside &= (days >= pd.Timestamp(self.change_from)).to_numpy()
        if self.change_to is not None:
            inside &= (days <= pd.Timestamp(self.change_to)).to_numpy()
        return inside

    def other_settings(self) -> dict[str, Any]:
        """The settings the Scenarios table does not show, as a download lists them beside it
        so it holds every setting the scenario is planned with."""
        staffing = self.staffing
        return {
            "queue": self.queue,
            "max_occupancy_pct": staffing.max_occupancy * 100,
            "max_asa_seconds": staffing.max_asa_seconds,
            "erlang_a_patience_seconds": staffing.patience_seconds,
            "max_abandon_pct": None
            if staffing.max_abandon_rate is None
            else staffing.max_abandon_rate * 100,
            "chats_per_agent": staffing.chat_concurrency,
            "email_response_hours": staffing.email_response_hours,
            "email_hours": f"{staffing.email_hours[0]:g}-{staffing.email_hours[1]:g}",
            "weekly_contract_hours": staffing.weekly_contract_hours,
            "full_time_shift_hours": self.shifts.full_hours,
            "shift_start_hours": f"{self.shifts.earliest_start:g}-{self.shifts.latest_start:g}",
            "shifts_per_person_per_week": self.shifts.shifts_per_week,
            "aht_by_time_of_day": self.aht_by_time_of_day,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "volume_change_pct": self.volume_change_pct,
            "aht_change_pct": self.aht_change_pct,
            "quantile": self.quantile,
            "staffing": dataclasses.asdict(self.staffing),
            "queue": self.queue,
            "change_from": self.change_from.isoformat() if self.change_from else None,
            "change_to": self.change_to.isoformat() if self.change_to else None,
            "shifts": dataclasses.asdict(self.shifts),
            "aht_by_time_of_day": self.aht_by_time_of_day,
        }

    @classmethod
    def from_dict(cls, settings: dict[str, Any]) -> Scenario:
        """Rebuild a stored scenario; staffing knobs added since it was saved get defaults."""
        if not isinstance(settings, dict) or "name" not in settings:
            raise InputError("Stored scenario is not readable: it has no name.")
        staffing = settings.get("staffing") or {}
        known = {item.name for item in dataclasses.fields(StaffingSettings)}
        unknown = sorted(set(staffing) - known)
        if unknown:
            raise InputError(
                f"Scenario '{settings['name']}' has unknown staffing settings "
                f"{', '.join(unknown)}; save it again from the Scenarios page."
            )
        shifts = settings.get("shifts") or {}
        unknown = sorted(set(shifts) - {item.name for item in dataclasses.fields(ShiftSettings)})
        if unknown:
            raise InputError(
                f"Scenario '{settings['name']}' has unknown shift settings {', '.join(unknown)}; "
                "save it again from the Scenarios page."
            )
        try:
            shift_settings = ShiftSettings(**shifts)
        except InputError as error:
            raise InputError(f"Scenario '{settings['name']}': {error}.") from None
        return cls(
            name=settings["name"],
            volume_change_pct=settings.get("volume_change_pct", 0.0),
            aht_change_pct=settings.get("aht_change_pct", 0.0),
            quantile=settings.get("quantile", "mean"),
            staffing=StaffingSettings(**_from_json(staffing)),
            queue=settings.get("queue"),
            change_from=settings.get("change_from"),
            change_to=settings.get("change_to"),
            shifts=shift_settings,
            aht_by_time_of_day=bool(settings.get("aht_by_time_of_day", True)),
        )


def interval_step(interval_starts: Any) -> pd.Timedelta:
    """The length of one interval of a plan: the shortest gap between its distinct starts (a
    plan lists open intervals alone, so nights leave longer gaps); a day for a lone start."""
    starts = pd.Series(pd.to_datetime(pd.Series(interval_starts)).unique()).sort_values()
    return starts.diff().min() if len(starts) > 1 else pd.Timedelta(days=1)


def days_covered(interval_starts: Any, step: pd.Timedelta | None = None) -> float:
    """The days of 24 hours the distinct `interval_starts` cover, each one interval (`step`, by
    default `interval_step`) long, as a horizon is counted: a 14-day forecast from 08:00 is
    14 days, not the 15 dates it touches, and its change up to the 7th date 6.7 of them (160
    of its 336 hours)."""
    starts = pd.to_datetime(pd.Series(interval_starts)).unique()
    if step is None:
        step = interval_step(starts)
    return len(starts) * step / pd.Timedelta(days=1)


def _percent(name: str, label: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise InputError(f"Scenario '{name}': {label} '{value}' is not a number of percent.")
    return number


def _day(name: str, label: str, value: Any) -> dt.date | None:
    """A calendar day from a date, a timestamp or an ISO text; None for an empty value."""
    try:
        empty = bool(pd.isna(value))  # also an empty cell of the scenario table: NaN or NaT
    except (TypeError, ValueError):
        empty = False  # a container: not a date, said below
    if empty or (isinstance(value, str) and not value.strip()):
        return None
    day = pd.NaT
    try:
        if isinstance(value, str):  # ISO only: 01/12/2026 reads one way in Rome, another in Boston
            day = pd.Timestamp(dt.datetime.fromisoformat(value.strip()))
        elif isinstance(value, dt.date | np.datetime64):
            day = pd.Timestamp(value)
    except ValueError:
        pass
    if pd.isna(day):
        raise InputError(
            f"Scenario '{name}': {label} '{value}' is not a date; write it as YYYY-MM-DD."
        )
    return day.date()


def _from_json(staffing: dict[str, Any]) -> dict[str, Any]:
    # JSON turns tuples into lists; give tuple-typed knobs their tuples back.
    defaults = StaffingSettings()
    return {
        key: tuple(value)
        if isinstance(value, list) and isinstance(getattr(defaults, key), tuple)
        else value
        for key, value in staffing.items()
    }


# The name the first example scenario takes: the settings of the pages when it was saved.
CURRENT_SETTINGS = "Current settings"


def _share(value: Any) -> str:
    return "none" if value is None else f"{float(value):.0%}"


def _plain(unit: str = "") -> Any:
    return lambda value: "none" if value is None else f"{float(value):g}{unit}"


def _forecast_words(quantile: Any) -> str:
    return f"the {quantile if quantile == MEAN_QUANTILE else str(quantile).upper()} forecast"


def _clock(hour: Any) -> str:
    minutes = round(float(hour) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# The settings a manager sets on the Staffing and Shifts pages, as those pages name them, each
# with how its value reads: (where it lives, field, name, value as text).
PAGE_SETTINGS: list[tuple[str, str, str, Any]] = [
    ("scenario", "quantile", "staffed to", _forecast_words),
    (
        "scenario",
        "aht_by_time_of_day",
        "handle time by weekday and time of day",
        lambda ticked: "ticked" if ticked else "unticked",
    ),
    ("staffing", "channel", "channel", str),
    ("staffing", "aht_seconds", "handle time", _plain(" s")),
    ("staffing", "service_level", "service level target", _share),
    ("staffing", "answer_within_seconds", "answered within", _plain(" s")),
    ("staffing", "max_occupancy", "occupancy cap", _share),
    ("staffing", "max_asa_seconds", "ASA cap", _plain(" s")),
    ("staffing", "patience_seconds", "callers' patience", _plain(" s")),
    ("staffing", "shrinkage", "shrinkage", _share),
    ("staffing", "supervisor_span", "agents per supervisor", _plain()),
    ("staffing", "agent_hourly_cost", "agent cost per hour", _plain()),
    ("staffing", "supervisor_hourly_cost", "supervisor cost per hour", _plain()),
    ("staffing", "weekly_contract_hours", "full-time week", _plain(" h")),
    ("staffing", "chat_concurrency", "chats per agent", _plain()),
    ("staffing", "email_response_hours", "e-mail response window", _plain(" h")),
    ("staffing", "email_hours", "e-mail hours", lambda value: "–".join(map(_clock, value))),
    ("shifts", "full_hours", "full-time shift", _plain(" h")),
    ("shifts", "part_hours", "part-time shift", _plain(" h")),
    ("shifts", "part_max_share", "part time at most", _share),
    ("shifts", "earliest_start", "first shift start", _clock),
    ("shifts", "latest_start", "last shift start", _clock),
    ("shifts", "shifts_per_week", "shifts per person per week", _plain()),
]


# Settings only some channels are staffed by; the others apply to every channel.
LIVE_CHANNELS = ("voice", "chat")
CHANNELS_A_SETTING_MATTERS_FOR: dict[str, tuple[str, ...]] = {
    "service_level": LIVE_CHANNELS,
    "answer_within_seconds": LIVE_CHANNELS,
    "max_asa_seconds": LIVE_CHANNELS,
    "patience_seconds": LIVE_CHANNELS,
    "chat_concurrency": ("chat",),
    "email_response_hours": ("email",),
    "email_hours": ("email",),
}


def settings_changed_since(saved: Scenario, now: Scenario) -> list[str]:
    """The page settings `now` holds that differ from those `saved` with a scenario, as
    "shrinkage 30% saved, 35% now": a scenario named for the current settings keeps those of
    the day it was saved, which a manager reads as the pages' own."""
    channels = {saved.staffing.channel, now.staffing.channel}
    changed = []
    for where, name, label, text in PAGE_SETTINGS:
        if not channels & set(CHANNELS_A_SETTING_MATTERS_FOR.get(name, channels)):
            continue  # chats per agent typed while a voice queue was on screen change nothing
        owners = {"scenario": (saved, now), "staffing": (saved.staffing, now.staffing)}
        owners["shifts"] = (saved.shifts, now.shifts)
        before, after = (getattr(owner, name) for owner in owners[where])
        if before != after:
            changed.append(f"{label} {text(before)} saved, {text(after)} now")
    return changed


def example_scenarios(
    base: Scenario, first_day: pd.Timestamp | None, last_day: pd.Timestamp | None = None
) -> list[Scenario]:
    """The comparisons a manager makes first, from the current settings: the same demand 30%
    higher over the forecast's first week (a campaign, a lockdown week; a forecast shorter than
    a week, `first_day` to `last_day`, over its own days), a stricter target (voice and chat:
    e-mail has a response window instead), staffing to the P80 forecast and more part-time
    shifts."""
    examples = [dataclasses.replace(base, name=CURRENT_SETTINGS)]
    if first_day is not None:
        week_end = first_day + pd.Timedelta(days=6)
        # Days past the forecast would only earn the example a warning that they change nothing.
        change_to = min(week_end, last_day) if last_day is not None else week_end
        days = (
            f"{day_text(first_day, weekday=False)} – {day_text(change_to, weekday=False)}"
            if change_to.normalize() > first_day.normalize()
            else f"{day_text(first_day, weekday=False)}"
        )
        examples.append(
            dataclasses.replace(
                base,
                name=f"+30% volume {days}",
                volume_change_pct=30.0,
                change_from=first_day.date(),
                change_to=change_to.date(),
            )
        )
    if base.staffing.channel != "email":
        strict = dataclasses.replace(base.staffing, service_level=0.9, answer_within_seconds=30.0)
        examples.append(dataclasses.replace(base, name="90% in 30 s", staffing=strict))
    examples.append(dataclasses.replace(base, name="Staffed to P80", quantile="p80"))
    examples.append(more_part_time(base))
    # One the current settings already are (a P80 plan, a 90/30 target) compares it to itself.
    same = dataclasses.replace(examples[0], name="-")
    return examples[:1] + [s for s in examples[1:] if dataclasses.replace(s, name="-") != same]


# The part-time cap the "more part-timers" example raises a lower one to: half of the paid hours.
MORE_PART_TIME_SHARE = 0.5


def more_part_time(base: Scenario) -> Scenario:
    """`base` with more room for part-time shifts: a cap below half of the paid hours raised to
    half, a higher one lifted; without part-time shifts, ones of half the full-time length (in
    whole hours) up to half."""
    shifts = base.shifts
    part_hours, share = shifts.part_hours, 1.0
    if not shifts.has_part_time:  # whole hours: a length every interval of an hour or less fits
        part_hours = float(max(1, round(shifts.full_hours / 2)))
    if not shifts.has_part_time or shifts.part_max_share < MORE_PART_TIME_SHARE:
        share = MORE_PART_TIME_SHARE
    more = dataclasses.replace(shifts, part_hours=part_hours, part_max_share=share)
    cap = "no cap" if share >= 1 else f"up to {share:.0%}"
    return dataclasses.replace(base, name=f"Part time {part_hours:g} h {cap}", shifts=more)
