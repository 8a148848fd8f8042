"""The settings the manager last used, kept in the store so a reload or the next day starts there.

Targets, costs and forecast options are the center's policy rather than one visit's: they are
restored once per browser session, before the pages seed their defaults, and saved at the end
of every run in which one of them changed. Values that come from the data (channel, handle time,
patience, event dates) are not kept: they follow the dataset and queue on screen. The holiday
calendar is kept twice: as the last used, and per dataset, so that each desk gets its own back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app_ui import settings, state
from data.errors import InputError
from planning.scenario import QUANTILES
from staffing.validation import SUPERVISOR_SPAN_RANGE

RESTORED = "preferences_restored"  # set once the session has taken the stored values
SAVED = "preferences_saved"  # what the store holds, so an unchanged run writes nothing
_UNSET = object()  # a setting this session has not saved yet


def _number(low: float = 0.0, high: float = float("inf"), whole: bool = False):
    def valid(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return low <= value <= high and (not whole or float(value).is_integer())

    return valid


def _one_of(options: Callable[[], list[Any]]):
    return lambda value: value in options()


def _hours(choices: list[float], same: bool = False, across_midnight: bool = False):
    """A (first, last) pair of hours among `choices`, the first earlier (or equal, `same`), or
    either way round where the pair may run `across_midnight` (shift starts 22:00 to 02:00)."""

    def valid(value: Any) -> bool:
        return (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(hour in choices for hour in value)
            and (across_midnight or (value[0] <= value[1] if same else value[0] < value[1]))
        )

    return valid


# Every kept setting with what a stored value must be for its widget to take it; anything else
# (an older version's setting, a hand-edited store) is left out and the default applies.
KEPT: dict[str, Callable[[Any], bool]] = {
    "horizon_days": _number(1, settings.MAX_HORIZON_DAYS, whole=True),
    "forecast_model": _one_of(lambda: settings.MODEL_CHOICES),
    "holiday_country": _one_of(settings.country_codes),
    "peak_threshold_pct": _number(),
    "peak_volume_threshold": _number(),
    "clean_outliers": lambda value: isinstance(value, bool),
    "quantile": _one_of(lambda: list(QUANTILES)),
    "sl_target_pct": _number(),
    "answer_within_s": _number(),
    "max_asa_s": _number(),
    "max_occupancy_pct": _number(),
    "use_patience": lambda value: isinstance(value, bool),
    "aht_by_time_of_day": lambda value: isinstance(value, bool),
    "shrinkage_pct": _number(),
    "supervisor_span": _number(*SUPERVISOR_SPAN_RANGE, whole=True),
    "agent_cost": _number(),
    "supervisor_cost": _number(),
    "weekly_hours": _number(1, settings.MAX_WEEKLY_HOURS),
    "chat_concurrency": _number(1, settings.MAX_CHATS_AT_ONCE, whole=True),
    "email_response_hours": _number(0.25),
    "email_hours": _hours(settings.EMAIL_HOUR_CHOICES),
    "shift_full_hours": _number(0.5, 12),
    "shift_part_hours": _number(0, 12),
    "shift_part_max_pct": _number(0, 100),
    "shift_starts": _hours(settings.SHIFT_START_CHOICES, across_midnight=True),
    "shifts_per_week": _number(1, 7, whole=True),
    "shift_cover": _one_of(lambda: list(settings.SHIFT_COVER_LABELS)),
    settings.ROTATION_KEY: lambda value: isinstance(value, bool),
}
HOUR_RANGES = ("email_hours", "shift_starts")  # stored as lists, widgets take tuples
REGION = "holiday_subdivision"  # kept with the country it belongs to
# Widgets whose values are whole numbers; JSON gives them back as they were, but a float here
# would make Streamlit refuse the widget (its bounds are ints).
WHOLE_NUMBERS = ("horizon_days", "supervisor_span", "chat_concurrency", "shifts_per_week")


def restore() -> None:
    """Once per session: give each kept setting the stored value, unless this session (or a
    test) already set it. A store that cannot be read leaves the defaults."""
    session = st.session_state
    if session.get(RESTORED):
        return
    session[RESTORED] = True
    try:
        stored = state.store().load_preferences()
    except (InputError, OSError):
        return
    usable = {key: value for key, value in stored.items() if key in KEPT and KEPT[key](value)}
    # A region belongs to its country: kept only where the country it was chosen in is.
    country = usable.get("holiday_country", settings.FORECAST_DEFAULTS["holiday_country"])
    region = stored.get(REGION)
    if (
        region in settings.region_codes(country)
        and session.get("holiday_country", country) == country
    ):
        usable[REGION] = region
    for key, value in usable.items():
        if key in WHOLE_NUMBERS:
            value = int(value)
        elif key in HOUR_RANGES:
            value = tuple(float(hour) for hour in value)
        session.setdefault(key, value)
    calendars = stored.get(settings.DATASET_CALENDARS)
    calendars = calendars if isinstance(calendars, dict) else {}
    session[SAVED] = {**usable, settings.DATASET_CALENDARS: calendars}


def remember() -> None:
    """Save the kept settings this session changed since it last saved, over what the store
    holds now: another tab's (or person's) changes to other settings stay. A setting whose page
    is not on screen is not a change, since Streamlit may drop an unseen widget's key."""
    session = st.session_state
    saved = session.get(SAVED) or {}
    changed = {
        key: list(session[key]) if isinstance(session[key], tuple) else session[key]
        for key in (*KEPT, REGION)
        if key in session
    }
    changed = {key: value for key, value in changed.items() if saved.get(key, _UNSET) != value}
    calendar = _dataset_calendar(session)
    if calendar is not None and saved.get(settings.DATASET_CALENDARS, {}).get(calendar[0]) != [
        *calendar[1:]
    ]:
        changed[settings.DATASET_CALENDARS] = {calendar[0]: [*calendar[1:]]}
    if not changed:
        return
    try:
        the_store = state.store()
        stored = the_store.load_preferences()
        if settings.DATASET_CALENDARS in changed:  # one dataset's entry, over the others'
            others = stored.get(settings.DATASET_CALENDARS)
            others = others if isinstance(others, dict) else {}
            changed[settings.DATASET_CALENDARS] = {**others, **changed[settings.DATASET_CALENDARS]}
        the_store.save_preferences({**stored, **changed})
    except (InputError, OSError, TypeError, ValueError):
        return  # not kept this time; the session itself goes on with its values
    session[SAVED] = {**saved, **changed}


def _dataset_calendar(session: Any) -> tuple[str, str, str] | None:
    """(dataset, country, region) of the calendar on screen, once the forecast settings were
    matched to a dataset; None before."""
    name = session.get(settings.CALENDAR_FOR)
    if name is None or "holiday_country" not in session:
        return None
    region = session.get(REGION, settings.NO_REGION)
    return str(name), str(session["holiday_country"]), str(region)
