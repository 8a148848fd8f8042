"""Widget keys, their defaults, and the package settings the pages build from them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from app_ui import cached, state
from data.dates import day_text
from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN, MINUTE_OF_DAY, QUEUE, VOLUME, WEEKDAY, Dataset
from forecasting import ForecastResult, flag_peaks
from forecasting.calendar import COUNTRY_NAMES, holiday_names, region_names
from forecasting.clock_change import could_be_skipped_hour
from forecasting.country import CountrySuggestion, holiday_hint, holiday_hint_note
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent
from forecasting.registry import MODEL_LABELS as REGISTRY_LABELS
from forecasting.registry import model_label as registry_model_label
from forecasting.registry import model_names
from forecasting.select import MAX_SWITCH_BIAS, PREFERRED_MODEL, SWITCH_MARGIN, WEEKS_BETTER
from forecasting.settings import AUTO, ForecastSettings
from forecasting.settings import MAX_HORIZON_DAYS as MAX_HORIZON_DAYS  # the CLI's cap too
from planning.aht_profile import AHT_FACTOR
from planning.aht_profile import DAY_NAMES as AHT_DAY_NAMES
from planning.aht_profile import WINDOW_WEEKS as AHT_WINDOW_WEEKS
from planning.patience import PatienceEstimate
from planning.scenario import Scenario
from staffing.backlog import DEFAULT_RESPONSE_HOURS
from staffing.chat import DEFAULT_CONCURRENCY, MAX_CHAT_CONCURRENCY
from staffing.clock_hours import clock_change_pay_note
from staffing.cost import (
    DEFAULT_AGENT_HOURLY_COST,
    DEFAULT_SUPERVISOR_HOURLY_COST,
    DEFAULT_WEEKLY_CONTRACT_HOURS,
)
from staffing.people import DEFAULT_SHRINKAGE, DEFAULT_SUPERVISOR_SPAN
from staffing.plan import DEFAULT_MAX_OCCUPANCY, StaffingSettings, channel_from_queue_name
from staffing.plausibility import amount_text as _amount
from staffing.plausibility import duration_text as duration_text  # the pages' unit of waits
from staffing.plausibility import implausible_values
from staffing.shifts import (
    DEFAULT_SHIFTS_PER_WEEK,
    BusiestWeek,
    ShiftPlan,
    ShiftSettings,
    ShiftType,
    UncoveredNeedError,
    next_part_of_day,
    repeating_week_note,
    shifts_before_plan_note,
)
from staffing.validation import SUPERVISOR_SPAN_RANGE

NO_CALENDAR = "(none)"
NO_REGION = "(whole country)"
MODEL_CHOICES = [AUTO, *model_names()]  # single models and their combinations
# The registry's readable model names, and auto's; the machine names stay the widget values,
# the saved settings and the CLI's --model names.
MODEL_LABELS = {AUTO: "Auto (picked by backtest)", **REGISTRY_LABELS}
MODEL_LABEL = "model_label"  # download column: the readable name beside the machine name
# Forecast widgets (keys and first values); the date ranges depend on the dataset.
FORECAST_DEFAULTS: dict[str, Any] = {
    "horizon_days": 14,
    "forecast_model": AUTO,
    "holiday_country": "IT",
    "holiday_subdivision": NO_REGION,
    "exclude_enabled": False,
    "campaign_enabled": False,
    # Above the peak threshold (20%) with room to spare: a campaign at exactly the threshold is
    # never "more than 20% above usual", so the default campaign would show no peak at all.
    "campaign_uplift_pct": 30.0,
    "peak_threshold_pct": ForecastSettings.peak_threshold_pct,
    "peak_volume_threshold": 0.0,  # 0 = no ceiling
    "clean_outliers": ForecastSettings.clean_outliers,
}


def holiday_suggestion(current: state.CurrentDataset) -> tuple[str, str] | None:
    """(sentence, ISO code) proposing the calendar whose holidays the history's quiet days
    match, when it is not the one selected; None when the selection fits best."""
    selected = st.session_state["holiday_country"]
    country = None if selected == NO_CALENDAR else selected
    suggestion = cached.holiday_suggestion(current.token, current.dataset, country)
    if suggestion is None:
        return None
    code = suggestion.suggested.country
    advice = (
        "switch calendars so the right days are learned as holidays."
        if suggestion.current
        else "choose that calendar to forecast them."
    )
    message = holiday_hint(suggestion, advice, lambda country: COUNTRY_NAMES.get(country, country))
    return message[0].upper() + message[1:], code


def foreign_holidays_note(special: pd.DataFrame, country: str, suggested: str) -> str | None:
    """The special days of one queue's forecast (`date`, `special_day`, `effect`) that only the
    calendar picked makes holidays, when the history's quiet days match `suggested`'s better:
    AXA's French queues on the Italy calendar forecast Epiphany, Mon 6 Jan 2014, at 0.91 of an
    ordinary day and the day after at 1.41, its busiest day, beside a note on another calendar
    that did not say so. None when every listed holiday is one of `suggested`'s too."""
    if special.empty:
        return None
    days = pd.to_datetime(special["date"])
    first, last = days.min().normalize(), days.max().normalize()
    theirs = holiday_names(first, (last - first).days + 1, suggested)
    ours = holiday_names(first, (last - first).days + 1, country)
    foreign = {name for day, name in ours.items() if day not in theirs}
    listed = [
        f"{name} on {day_text(day, year=True)} at {effect:.2f} × an ordinary day"
        for name, day, effect in zip(special["special_day"], days, special["effect"], strict=True)
        if name in foreign or any(name == f"Day after {holiday}" for holiday in foreign)
    ]
    if not listed:
        return None
    picked, better = COUNTRY_NAMES.get(country, country), COUNTRY_NAMES.get(suggested, suggested)
    return (
        f"Forecast as special days by the {picked} calendar, not holidays in {better}, whose "
        f"holidays your history's quiet days match: {'; '.join(listed)}. "
        f"Use {suggested} above to forecast them as ordinary days."
    )


def follow_dataset_calendar(current: state.CurrentDataset) -> None:
    """On opening a dataset, the holiday calendar last chosen for it: a center with desks in
    two countries keeps each one's holidays. A dataset never given one keeps the last used,
    unless its history's quiet days clearly match another country's public holidays: then that
    calendar, with a note saying so (AXA's French queues had opened on the Italy calendar,
    Epiphany forecast as a holiday under a mere suggestion to switch)."""
    session = st.session_state
    name = current.name
    if session.get(CALENDAR_FOR) == name:
        return
    session[CALENDAR_FOR] = name
    try:
        calendars = state.store().load_preferences().get(DATASET_CALENDARS)
    except (InputError, OSError):
        return
    chosen = calendars.get(name) if isinstance(calendars, dict) else None
    if not (isinstance(chosen, list | tuple) and len(chosen) == 2):
        _pick_matching_calendar(current)
        return
    country, region = chosen
    if country in country_codes() and region in region_codes(country):
        session["holiday_country"], session["holiday_subdivision"] = country, region


def _pick_matching_calendar(current: state.CurrentDataset) -> None:
    """Select the calendar the history's quiet days clearly match, when it is not the one on
    screen, and keep why for `picked_calendar_note`."""
    session = st.session_state
    previous = session.get("holiday_country", FORECAST_DEFAULTS["holiday_country"])
    country = None if previous == NO_CALENDAR else previous
    suggestion = cached.holiday_suggestion(current.token, current.dataset, country)
    if suggestion is None:
        return
    best, now = suggestion.suggested, suggestion.current
    named = COUNTRY_NAMES.get(best.country, best.country)
    reason = f"{best.kept:,} of {named}'s {best.holidays:,} holidays on busy weekdays were quiet"
    if now:
        reason += f", against {now.kept:,} of {COUNTRY_NAMES.get(now.country, now.country)}'s"
        reason += f" {now.holidays:,}"
    session["holiday_country"], session["holiday_subdivision"] = best.country, NO_REGION
    session[CALENDAR_PICKED] = (current.name, previous, best.country, reason)


def picked_calendar_note(current: state.CurrentDataset) -> tuple[str, str] | None:
    """(note, calendar picked before) when the calendar on screen was picked for this dataset
    by its history, until the manager picks one."""
    picked = st.session_state.get(CALENDAR_PICKED)
    if not picked or picked[0] != current.name:
        return None
    name, previous, code, reason = picked
    if st.session_state.get("holiday_country") != code:
        # The manager's own pick since: the note is done, even if the same calendar comes back.
        del st.session_state[CALENDAR_PICKED]
        return None
    return (
        f"Holiday calendar set to {country_label(code)} for {name}, in place of "
        f"{country_label(previous)}: its history's quiet days match the public holidays of "
        f"{COUNTRY_NAMES.get(code, code)} ({reason}). Pick another above if your desk keeps "
        "other holidays.",
        previous,
    )


def choose_country(code: str) -> None:
    """Button callback: select `code` as the holiday calendar (whole country)."""
    st.session_state["holiday_country"] = code
    st.session_state["holiday_subdivision"] = NO_REGION


def country_label(code: str) -> str:
    if code == NO_CALENDAR:
        return "No holiday calendar"
    return f"{code} — {COUNTRY_NAMES.get(code, code)}"


def country_codes() -> list[str]:
    return [NO_CALENDAR, *sorted(COUNTRY_NAMES)]


def region_codes(country: str) -> list[str]:
    import holidays

    if country == NO_CALENDAR:
        return [NO_REGION]
    return [NO_REGION, *holidays.country_holidays(country).subdivisions]


def foreign_region_note(country: str, region: object, regions: list[str]) -> str | None:
    """What to say when the chosen `region` is not one of `country`'s `regions` (it was picked
    for another country): the whole country's calendar is used instead. None when it is."""
    if country == NO_CALENDAR or region is None or region == NO_REGION or region in regions:
        return None  # without a calendar, no region is used: nothing to say
    return (
        f"Region {region} is not a region of {country_label(country)}: the holidays of the "
        "whole country are used. Pick one of its regions if you need one."
    )


def region_label(country: str, code: str) -> str:
    """'MI — Milano': the code the CLI takes, and the name a planner knows the region by."""
    name = region_names(country).get(code) if country != NO_CALENDAR else None
    return f"{code} — {name}" if name else code


# Preferences entry: dataset name -> [country, region] last chosen for it; session key: the
# dataset the session's calendar was last matched to.
DATASET_CALENDARS = "dataset_calendars"
CALENDAR_FOR = "calendar_for"
# (dataset, calendar before, calendar picked, why) of a calendar its history picked.
CALENDAR_PICKED = "calendar_picked"


def seed_forecast(current: state.CurrentDataset) -> None:
    """First values for the forecast widgets; the event dates start near the data's end."""
    state.seed(FORECAST_DEFAULTS)
    follow_dataset_calendar(current)
    # An event is days of one dataset's calendar: another dataset gets its own default dates
    # (state.DATASET_BOUND_KEYS), so a tick left on would not exclude or raise days the manager
    # never picked for it.
    for key in ("exclude_queue", "campaign_queue"):
        state.valid_choice(key, [ALL_QUEUES, *current.dataset.queues])
    # Every page opens on the busiest queue, not only the Forecast page: Staffing or Scenarios
    # visited first would otherwise show the alphabetically first, maybe a side queue.
    seed_busiest_queue(current)


def seed_busiest_queue(current: state.CurrentDataset) -> None:
    """The pages open on the busiest queue unless the URL or the session names one: the
    alphabetically first can be a side queue with a handful of contacts."""
    if st.session_state.get("queue") not in current.dataset.queues:
        st.session_state["queue"] = busiest_queue(current.dataset)


def busiest_queue(dataset: Dataset) -> str:
    """The queue with the most contacts in the history (the first listed on a tie)."""
    totals = dataset.intervals.groupby(QUEUE, observed=True)[VOLUME].sum()
    totals = totals.reindex(dataset.queues).fillna(0.0)
    return str(totals.idxmax()) if len(totals) else dataset.queues[0]


def event_date_defaults(
    current: state.CurrentDataset, unusual: list[date] | None = None, horizon_days: int = 14
) -> dict[str, tuple[date, date]]:
    """Where the event date pickers start: the most recent run of `unusual` days to exclude
    (else a past week), the forecast's second week to boost, or its first days when a
    `horizon_days` under two weeks ends before a second week: a campaign ticked on at once
    raises the forecast rather than being told it lies outside it."""
    last_day = pd.Timestamp(current.dataset.intervals[INTERVAL_START].max()).date()
    run = latest_run(unusual or [])
    first, last = (8, 14) if horizon_days >= 14 else (1, max(1, min(int(horizon_days), 7)))
    return {
        "exclude_dates": run or (last_day - timedelta(days=34), last_day - timedelta(days=28)),
        "campaign_dates": (last_day + timedelta(days=first), last_day + timedelta(days=last)),
    }


def latest_run(days: list[date]) -> tuple[date, date] | None:
    """First and last day of the latest run of consecutive `days`; None without days."""
    if not days:
        return None
    ordered = sorted(set(days))
    first = last = ordered[-1]
    for day in reversed(ordered[:-1]):
        if (first - day).days > 1:
            break
        first = day
    return first, last


def unusual_days(outliers: pd.DataFrame, queue: str, shown: int) -> pd.Series:
    """The `shown` days of `queue` with the most intervals far from the usual level: date ->
    count, most first (the list the Forecast page shows beside "Exclude a past period")."""
    if outliers.empty:
        return pd.Series(dtype=int)
    flagged = outliers[outliers[QUEUE] == queue]
    return flagged.groupby(flagged[INTERVAL_START].dt.date).size().nlargest(shown)


def excluded_by_period(starts: pd.Series, queues: pd.Series) -> pd.Series:
    """Per interval (its start and queue), whether the period to exclude, when ticked, leaves
    it out of training: its day lies in the period and the period applies to its queue."""
    days = event_days("exclude_dates")
    if not st.session_state.get("exclude_enabled") or not days:
        return pd.Series(False, index=starts.index)
    dates = pd.to_datetime(starts).dt.date
    inside = (dates >= days[0]) & (dates <= days[1])
    queue = event_queue("exclude_queue")
    return inside if queue is None else inside & (queues.astype(str) == queue)


def unusual_left_out(outliers: pd.DataFrame) -> pd.Series:
    """Per unusual interval, whether training leaves it out: every one while unusual intervals
    are left out, else those inside the period excluded. Ticking "kept" does not bring back
    an interval that the excluded period leaves out."""
    if st.session_state.get("clean_outliers", FORECAST_DEFAULTS["clean_outliers"]):
        return pd.Series(True, index=outliers.index)
    return excluded_by_period(outliers[INTERVAL_START], outliers[QUEUE])


def peaks_order_caption(listed: int, found: int, ceiling: float = 0.0) -> str | None:
    """How the Forecast page orders the `listed` of a queue's `found` peaks: by the workload
    forecasting.peaks ranks them on, largest first, not by day, so a list whose days go back and
    forth is not read as a calendar. None for a single peak."""
    if listed < 2:
        return None
    by = "the extra contacts each brings over a usual week"
    if ceiling > 0:
        by += f", or over your ceiling of {ceiling:,g} per interval where that is more"
    if found > listed:
        return (
            f"The {listed} largest of {found} peaks, ranked by {by}: largest first, not by day; "
            "all are in the download."
        )
    return f"Ranked by {by}: largest first, not by day."


def unusual_training_note(outliers: pd.DataFrame, queue: str, days: list[date]) -> str:
    """What training does with `queue`'s unusual intervals on `days` (the days listed): nothing
    to add while they are all left out, else which are kept."""
    if st.session_state.get("clean_outliers", FORECAST_DEFAULTS["clean_outliers"]):
        return ""
    flagged = outliers[outliers[QUEUE] == queue]
    flagged = flagged[flagged[INTERVAL_START].dt.date.isin(days)]
    left_out = excluded_by_period(flagged[INTERVAL_START], flagged[QUEUE])
    if flagged.empty or not left_out.any():
        return " They are kept in training."
    if left_out.all():
        return " They are left out of training all the same: they lie in the period excluded."
    return " Those in the period excluded are left out of training; the others are kept."


# A forecast note may name the CLI's option for what it did ("(--model historical_average_4w)");
# the page names the model in words already.
CLI_MODEL_OPTION = re.compile(r" \(--model [\w.-]+\)")


def page_note(note: str) -> str:
    """A forecast note as the page shows it: without the CLI's --model option."""
    return CLI_MODEL_OPTION.sub("", note)


def partial_days(
    starts: pd.Series, interval_minutes: float, open_hours: pd.DataFrame | None = None
) -> dict[pd.Timestamp, str]:
    """The horizon's first and last day when it covers only part of them (the history ended
    mid-day): day -> "from 12:00" or "until 12:00". Whole days are left out, and so is a day
    whose uncovered hours are all closed in `open_hours` (weekday, minute_of_day, is_open of
    the queue), such as an evening after closing time."""
    if starts.empty:
        return {}
    first = pd.Timestamp(starts.min())
    end = pd.Timestamp(starts.max()) + pd.Timedelta(minutes=interval_minutes)

    def opens(day: pd.Timestamp, start: int, stop: int) -> bool:
        if open_hours is None or open_hours.empty:
            return True
        rows = open_hours[open_hours[WEEKDAY].astype(int) == day.day_of_week]
        minutes = rows.loc[rows[IS_OPEN].astype(bool), MINUTE_OF_DAY].astype(int)
        return bool(((minutes >= start) & (minutes < stop)).any())

    parts: dict[pd.Timestamp, list[str]] = {}
    since = first.hour * 60 + first.minute
    if since and opens(first, 0, since):
        parts.setdefault(first.normalize(), []).append(f"from {first:%H:%M}")
    until = end.hour * 60 + end.minute
    if until and opens(end, until, 24 * 60):
        parts.setdefault(end.normalize(), []).append(f"until {end:%H:%M}")
    return {day: " ".join(texts) for day, texts in parts.items()}


def horizon_span(starts: pd.Series, interval_minutes: float) -> str | None:
    """ "Fri 23 May 12:00 to Fri 6 Jun 12:00": the period a forecast covers."""
    if starts.empty:
        return None
    first = pd.Timestamp(starts.min())
    end = pd.Timestamp(starts.max()) + pd.Timedelta(minutes=interval_minutes)
    return f"{day_text(first, year=True)} {first:%H:%M} to {day_text(end, year=True)} {end:%H:%M}"


CLOSED = "Closed"  # the cause a closed day of the day-by-day table gives


def closing_campaign_days(
    events: list[ForecastEvent], forecast: pd.DataFrame, open_hours: pd.DataFrame
) -> dict[tuple[str, pd.Timestamp], str]:
    """The days of the forecast a campaign of -100% shuts where the queue opens on that weekday
    otherwise: (queue, day) -> "Planned campaign (-100%)", the cause with_closed_days gives
    them. A day the queue is closed on anyway (a Sunday) is not the campaign's doing."""
    campaigns = [e for e in events if e.kind == CAMPAIGN and e.uplift_pct <= -100]
    if not campaigns or forecast.empty:
        return {}
    opened = open_hours[open_hours[IS_OPEN].astype(bool)]
    weekdays = {
        str(queue): set(rows[WEEKDAY].astype(int))
        for queue, rows in opened.groupby(QUEUE, observed=True)
    }
    days = forecast[[QUEUE]].assign(date=pd.to_datetime(forecast[INTERVAL_START]).dt.normalize())
    days = days.drop_duplicates(ignore_index=True)
    shut: dict[tuple[str, pd.Timestamp], str] = {}
    for event in campaigns:
        start, end = pd.Timestamp(event.start), pd.Timestamp(event.end)
        inside = days[(days["date"] >= start) & (days["date"] < end)]
        if event.queue is not None:
            inside = inside[inside[QUEUE] == event.queue]
        for queue, day in inside.itertuples(index=False):
            if day.day_of_week in weekdays.get(str(queue), set()):
                shut.setdefault((queue, day), f"{event.name} ({event.uplift_pct:+g}%)")
    return shut


def with_closed_days(
    days: pd.DataFrame,
    forecast: pd.DataFrame,
    special_days: pd.DataFrame | None = None,
    closing: dict[tuple[str, pd.Timestamp], str] | None = None,
) -> pd.DataFrame:
    """The forecast's day-by-day table (one row per queue and open day) with the horizon's
    closed days added, as the Staffing page's daily totals list them: their contacts (0), no
    usual such day or busiest interval, `is_open` False and the cause "Closed", or "Closed:
    Christmas Day" on a special day, "Closed: Planned campaign (-100%)" on a day `closing`
    (closing_campaign_days) names. Open days get `is_open` True."""
    if forecast.empty:
        return days.assign(**{IS_OPEN: True})
    starts = pd.to_datetime(forecast[INTERVAL_START])
    per_day = forecast.assign(date=starts.dt.normalize()).groupby(
        [QUEUE, "date"], sort=True, observed=True
    )
    listed = pd.MultiIndex.from_frame(
        days[[QUEUE, "date"]].assign(date=pd.to_datetime(days["date"]))
    )
    closed = per_day["forecast"].sum().loc[lambda every: ~every.index.isin(listed)]
    names = dict(closing or {})
    if special_days is not None and not special_days.empty:
        names |= {
            (queue, pd.Timestamp(day).normalize()): name
            for queue, day, name in special_days[[QUEUE, "date", "special_day"]].itertuples(
                index=False
            )
        }
    added = pd.DataFrame(
        {
            QUEUE: closed.index.get_level_values(QUEUE),
            "date": closed.index.get_level_values("date"),
            "forecast_contacts": closed.to_numpy(dtype=float),
            IS_OPEN: False,
            "reason": [
                f"{CLOSED}: {names[key]}" if key in names else CLOSED for key in closed.index
            ],
        }
    )
    parts = [part for part in (days.assign(**{IS_OPEN: True}), added) if not part.empty]
    if not parts:
        return days.assign(**{IS_OPEN: pd.Series(dtype=bool)})
    every = pd.concat(parts, ignore_index=True).reindex(columns=[*days.columns, IS_OPEN])
    every = every.assign(date=pd.to_datetime(every["date"]))
    return every.sort_values([QUEUE, "date"], ignore_index=True)


def _day_after(day: date) -> pd.Timestamp:
    return pd.Timestamp(day) + pd.Timedelta(days=1)


# The queue choice of an event that applies to every queue of the dataset.
ALL_QUEUES = "(every queue)"


def event_queue(key: str) -> str | None:
    """The queue an event's "Applies to" widget names, or None for every queue."""
    queue = st.session_state.get(key)
    return None if queue in (None, ALL_QUEUES) else queue


def event_days(key: str) -> tuple[date, date] | None:
    """First and last day of an event's date range widget: one day picked is that day alone
    (the range picker holds a single date until a second one is clicked); None without any."""
    dates = st.session_state.get(key) or ()
    if isinstance(dates, date):
        dates = (dates,)
    dates = tuple(dates)
    # Ordered: a range typed last day first (or set so by a script) is the same days.
    return (min(dates), max(dates)) if dates else None


CAMPAIGN_NAME = "Planned campaign"  # the one campaign the Forecast page sets
# The forecast's note on a campaign whose days in the horizon all fall when a queue is closed.
IDLE_CAMPAIGN = re.compile(
    rf": the campaign '{re.escape(CAMPAIGN_NAME)}' \([^)]*\) falls only when the queue is closed"
)


def idle_campaign_notes(notes: list[str]) -> list[str]:
    """The forecast's notes on the planned campaign falling only on a queue's closed days, where
    it changes no forecast: warned about beside the Events, as a campaign outside the forecast
    is, rather than among the notes under the backtest."""
    return [note for note in notes if IDLE_CAMPAIGN.search(note)]


def forecast_notes(
    notes: list[str], campaign_note: str | None, suggestion: CountrySuggestion | None = None
) -> list[str]:
    """The forecast's notes as the page shows them, less the one on the planned campaign when
    `campaign_note` (campaign_outside_note) already said it, those idle_campaign_notes warns
    of, and the holiday-calendar note of `suggestion`, which the page proposes above with a
    button: one message, not two."""
    said = f"The campaign '{CAMPAIGN_NAME}'"
    hinted = holiday_hint_note(suggestion) if suggestion else None
    idle = set(idle_campaign_notes(notes))
    return [
        page_note(note)
        for note in notes
        if not (campaign_note and note.startswith(said)) and note != hinted and note not in idle
    ]


def _events() -> list[ForecastEvent]:
    events = []
    session = st.session_state
    days = event_days("exclude_dates")
    if session.get("exclude_enabled") and days:
        events.append(
            ForecastEvent(
                "Excluded period",
                pd.Timestamp(days[0]),
                _day_after(days[1]),
                EXCLUDE,
                queue=event_queue("exclude_queue"),
            )
        )
    days = event_days("campaign_dates")
    if session.get("campaign_enabled") and days:
        events.append(
            ForecastEvent(
                CAMPAIGN_NAME,
                pd.Timestamp(days[0]),
                _day_after(days[1]),
                CAMPAIGN,
                uplift_pct=float(session.get("campaign_uplift_pct", 0.0)),
                queue=event_queue("campaign_queue"),
            )
        )
    return events


def planned_events() -> list[ForecastEvent]:
    """The exclusion and campaign the Forecast page has ticked on, as the forecast takes them."""
    return _events()


def campaign_under_scenarios_note(
    events: list[ForecastEvent], queue: str, starts: pd.Series
) -> str | None:
    """What the Scenarios page says of a planned campaign the forecast holds for `queue`: every
    scenario staffs that raised forecast, and a scenario's Vol % comes on top of it, so the
    example '+30% volume' over a +30% campaign week reads 1.3 × 1.3, +69% over the forecast
    without it. None when no campaign raises a day of `starts`."""
    if starts.empty:
        return None
    first = pd.Timestamp(starts.min()).normalize()
    end = pd.Timestamp(starts.max()).normalize() + pd.Timedelta(days=1)
    for event in events:
        start, stop = pd.Timestamp(event.start), pd.Timestamp(event.end)
        if (
            event.kind != CAMPAIGN
            or not event.uplift_pct
            or event.queue not in (None, queue)
            or stop <= first
            or start >= end
        ):
            continue
        days = f"{day_text(max(start, first))} – {day_text(min(stop, end) - pd.Timedelta(days=1))}"
        return (
            f"Every scenario staffs the forecast with the Forecast page's planned campaign in it, "
            f"{event.uplift_pct:+g}% on {days}: a scenario's Vol % on those days comes on top of "
            "it, not in its place. Untick the campaign on the Forecast page to compare the "
            "scenarios without it."
        )
    return None


def events_without_days() -> list[str]:
    """A note per event ticked on whose date range holds no day: it changes nothing."""
    return [
        f'"{what}" is ticked but has no days, so it changes nothing: pick its first and last '
        "day (or one day), or untick it."
        for what, enabled, key in (
            ("Exclude a past period", "exclude_enabled", "exclude_dates"),
            ("Add a planned campaign", "campaign_enabled", "campaign_dates"),
        )
        if st.session_state.get(enabled) and not event_days(key)
    ]


def campaign_outside_note(starts: pd.Series) -> str | None:
    """A note when the planned campaign's days fall (partly) outside the forecast, where they
    raise nothing; None when no campaign is on or it lies inside."""
    session = st.session_state
    days = event_days("campaign_dates")
    if not session.get("campaign_enabled") or not days or starts.empty:
        return None
    start, end = days
    first, last = pd.Timestamp(starts.min()).date(), pd.Timestamp(starts.max()).date()
    if first <= start and end <= last:
        return None
    campaign = f"{day_text(start)} – {day_text(end, year=True)}"
    horizon = f"{day_text(first)} – {day_text(last, year=True)}"
    if end < first:  # a longer horizon reaches further ahead, never back to these days
        return (
            f"The planned campaign ({campaign}) lies before this forecast ({horizon}): it "
            "raises nothing. A campaign raises forecast days only: to keep its contacts out of "
            "what the forecast learns from, exclude its days as an unusual past period instead."
        )
    if start > last:
        return (
            f"The planned campaign ({campaign}) lies outside this forecast ({horizon}): it "
            "raises nothing. Move its days into the forecast or lengthen the horizon."
        )
    return (
        f"The planned campaign ({campaign}) reaches beyond this forecast ({horizon}): only its "
        "days inside the forecast are raised."
    )


def exclusion_outside_note(history_starts: pd.Series) -> str | None:
    """A note when the period to exclude holds no day of the history (or only some): days the
    forecast never learns from cannot be left out; None when none is on or it lies inside."""
    days = event_days("exclude_dates")
    if not st.session_state.get("exclude_enabled") or not days or history_starts.empty:
        return None
    start, end = days
    first = pd.Timestamp(history_starts.min()).date()
    last = pd.Timestamp(history_starts.max()).date()
    if first <= start and end <= last:
        return None
    period = f"The period to exclude ({day_text(start)} – "
    period += f"{day_text(end, year=True)})"
    history = f"the history ({day_text(first, year=True)} – "
    history += f"{day_text(last, year=True)})"
    if end < first or start > last:
        return (
            f"{period} lies outside {history}: it leaves nothing out, so the forecast is the "
            "same as without it. Pick past days of the history; to raise or lower days ahead, "
            "add a planned campaign instead."
        )
    return f"{period} reaches beyond {history}: only its days inside the history are left out."


def weeks_better_text(backtest: pd.DataFrame, preferred: str = PREFERRED_MODEL) -> pd.Series:
    """The "weeks better than preferred" column as people read it: "3 of 4" per model, and
    "preferred" on the preferred combination's own row (it has nothing to beat)."""
    weeks = backtest[WEEKS_BETTER].astype(float)
    origins = backtest["n_origins"].astype(int)
    text = [
        "preferred" if model == preferred else (f"{int(w)} of {n}" if np.isfinite(w) else "")
        for model, w, n in zip(backtest["model"], weeks, origins, strict=True)
    ]
    return pd.Series(text, index=backtest.index, name=WEEKS_BETTER)


def model_choice_sentence(
    backtest: pd.DataFrame,
    chosen: str | None,
    requested: str,
    preferred: str = PREFERRED_MODEL,
    margin: float = SWITCH_MARGIN,
) -> str:
    """Why `chosen` forecasts this queue, from its backtest table (one row per model).

    Auto keeps `preferred` unless another model had the lower error in every backtest week and
    an interval WAPE lower by more than `margin` overall, as forecasting.select.pick_model decides.
    """
    rows = backtest.set_index("model")
    if chosen not in rows.index:
        return f"Using **{chosen}**."
    errors = rows["wape_interval"].astype(float)
    error = errors[chosen]
    origins = int(rows.loc[chosen, "n_origins"]) if "n_origins" in rows else 0
    if errors.isna().all():  # WAPE divides by the contacts that came: none came
        how = "was chosen by hand" if requested != AUTO else "forecasts this queue"
        return (
            f"No contacts arrived in the {origins} backtest weeks, so no model's error can be "
            f"measured on them; **{chosen}** {how}. With contacts this rare, staff the queue from "
            "a shared pool rather than to its forecast."
        )
    if requested != AUTO:
        return f"**{chosen}** was chosen by hand; its backtest error is {error:.1%} WAPE."
    scored = f"{error:.1%} WAPE per interval over {origins} backtest weeks"
    rule = (
        f"auto switches only to a model better in every week and by more than {margin:.0%} "
        f"overall that misses the total by no more than {MAX_SWITCH_BIAS:.0%}, so one lucky week "
        "does not decide"
    )
    best = errors.idxmin()
    if chosen == preferred:
        if best == chosen or errors[best] >= error:
            return f"**auto** kept **{chosen}**, the preferred combination: the lowest error ({scored})."
        gain = 1 - errors[best] / error
        if f"{gain:.1%}" == "0.0%":  # "X was 0.0% better" reads as nonsense: a tie
            return (
                f"**auto** kept **{chosen}**, the preferred combination ({scored}): no other "
                "model's error was lower by 0.1% or more."
            )
        weeks = rows[WEEKS_BETTER].get(best) if WEEKS_BETTER in rows else None
        in_weeks = (
            f" but better in only {int(weeks)} of {origins} weeks"
            if weeks is not None and np.isfinite(weeks) and weeks < origins
            else ""
        )
        if not in_weeks and "bias" in rows:
            missed = float(rows.loc[best, "bias"])
            if abs(missed) > max(abs(float(rows.loc[chosen, "bias"])), MAX_SWITCH_BIAS):
                in_weeks = f" but missed the total by {missed:+.1%}"
        digits = _error_digits(error, errors[best])
        scored = f"{error:.{digits}%} WAPE per interval over {origins} backtest weeks"
        return (
            f"**auto** kept **{chosen}** ({scored}): {best} was {gain:.1%} better overall "
            f"({errors[best]:.{digits}%}){in_weeks}; {rule}."
        )
    if preferred in errors.index and np.isfinite(errors[preferred]) and errors[preferred] > 0:
        gain = 1 - error / errors[preferred]
        digits = _error_digits(error, errors[preferred])
        scored = f"{error:.{digits}%} WAPE per interval over {origins} backtest weeks"
        return (
            f"**auto** picked **{chosen}** ({scored}): better than the preferred {preferred} in "
            f"every backtest week and {gain:.1%} lower error overall "
            f"({errors[preferred]:.{digits}%})."
        )
    return f"**auto** picked **{chosen}**: the lowest error ({scored})."


def _error_digits(error: float, other: float) -> int:
    """Decimals to write two WAPEs with: one, or two where one would print them alike, as
    8.52% and 8.47% did ("8.5% ... was 0.5% better overall (8.5%)", a gain with no difference
    to show for it)."""
    return 1 if f"{error:.1%}" != f"{other:.1%}" else 2


def model_label(name: str) -> str:
    """The manager's name of a forecasting model, auto included."""
    return MODEL_LABELS[AUTO] if name == AUTO else registry_model_label(name)


def labelled_models(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `model_label` beside its `model` column, for downloads: the label to read,
    the machine name to give the CLI's --model or to join on."""
    position = frame.columns.get_loc("model") + 1
    labelled = frame.copy()
    labelled.insert(position, MODEL_LABEL, frame["model"].map(model_label))
    return labelled


def forecast_settings() -> ForecastSettings:
    session = st.session_state
    country = session.get("holiday_country", "IT")
    region = session.get("holiday_subdivision", NO_REGION)
    return ForecastSettings(
        model=session.get("forecast_model", AUTO),
        country=None if country == NO_CALENDAR else country,
        subdivision=None if region == NO_REGION else region,
        events=_events(),
        clean_outliers=bool(session.get("clean_outliers", ForecastSettings.clean_outliers)),
    )


def current_peaks(result: ForecastResult) -> pd.DataFrame:
    """The forecast's peaks under the page's peak rules (re-flagged, never refitted)."""
    session = st.session_state
    ceiling = float(
        session.get("peak_volume_threshold", FORECAST_DEFAULTS["peak_volume_threshold"])
    )
    rules = replace(
        forecast_settings(),
        peak_threshold_pct=float(
            session.get("peak_threshold_pct", FORECAST_DEFAULTS["peak_threshold_pct"])
        ),
        peak_volume_threshold=ceiling if ceiling > 0 else None,
    )
    return flag_peaks(result.peak_basis, result.interval_minutes, rules)


def forecast_key(current: state.CurrentDataset) -> str:
    """Identifies a forecast: the data, the settings and the horizon."""
    return f"{current.token}|{int(st.session_state['horizon_days'])}|{forecast_settings()!r}"


def current_forecast(current: state.CurrentDataset):
    """The forecast for the current dataset and forecast widgets (fitted once, then cached)."""
    seed_forecast(current)
    settings = forecast_settings()
    return cached.forecast(
        current.token,
        repr(settings),
        int(st.session_state["horizon_days"]),
        current.dataset,
        settings,
    )


FALLBACK_PATIENCE_SECONDS = 180.0  # callers' patience when the data cannot tell it
# Staffing widgets: percentages in the UI, fractions in StaffingSettings.
STAFFING_DEFAULTS: dict[str, Any] = {
    "sl_target_pct": 80.0,
    "answer_within_s": 20.0,
    "max_asa_s": 120.0,
    "max_occupancy_pct": round(DEFAULT_MAX_OCCUPANCY * 100, 6),
    "use_patience": False,
    "patience_s": FALLBACK_PATIENCE_SECONDS,
    "shrinkage_pct": DEFAULT_SHRINKAGE * 100,
    "supervisor_span": DEFAULT_SUPERVISOR_SPAN,
    "agent_cost": DEFAULT_AGENT_HOURLY_COST,
    "supervisor_cost": DEFAULT_SUPERVISOR_HOURLY_COST,
    # A full-time contract's hours a week: one FTE. Contracts differ (35, 38, 40 h), so typed.
    "weekly_hours": DEFAULT_WEEKLY_CONTRACT_HOURS,
    "chat_concurrency": DEFAULT_CONCURRENCY,
    "email_response_hours": DEFAULT_RESPONSE_HOURS,
    "email_hours": (8.0, 18.0),  # hours of the day e-mail is worked: office hours by default
    "quantile": "mean",
    # Handle time shaped by weekday and time of day where the history shows a shape.
    "aht_by_time_of_day": True,
}
AHT_BY_TIME = "aht_by_time_of_day"
# Shifts page widgets: lengths in hours, the part-time cap in percent of paid hours, and the
# hours of the day shifts may start (whenever needed by default).
SHIFT_DEFAULTS: dict[str, Any] = {
    "shift_full_hours": 8.0,
    "shift_part_hours": 4.0,
    "shift_part_max_pct": 30.0,
    "shift_starts": (0.0, 23.5),
    "shifts_per_week": DEFAULT_SHIFTS_PER_WEEK,
}
SHIFT_START_CHOICES = [half / 2 for half in range(48)]  # 00:00 to 23:30
# The two boxes the Shifts page chooses the start window with; the window itself is kept as one
# (earliest, latest) pair under "shift_starts", as preferences and older sessions hold it.
EARLIEST_START_KEY, LATEST_START_KEY = "shift_earliest_start", "shift_latest_start"
# Whose people the Shifts page covers: a policy (are agents blended?), so kept between visits.
COVER_THIS_QUEUE, COVER_ALL_QUEUES = "this queue", "all queues"
SHIFT_COVER_LABELS = {
    COVER_THIS_QUEUE: "The queue picked",
    COVER_ALL_QUEUES: "All queues together (agents who work every queue)",
}
CHANNEL_LABELS = {"voice": "Voice (calls)", "chat": "Chat", "email": "E-mail"}
QUANTILE_LABELS = {
    "mean": "Mean forecast",
    "p50": "P50 (median)",
    "p80": "P80 (each interval's volume exceeded 1 time in 5)",
    "p90": "P90 (each interval's volume exceeded 1 time in 10)",
}
QUANTILE_NAMES = {"mean": "mean", "p50": "P50", "p80": "P80", "p90": "P90"}  # in a sentence
# Who waits in a live queue and how they give up, as the Staffing page words it per channel.
WAITING_CONTACTS = {"voice": "callers", "chat": "chat customers"}
GIVING_UP = {"voice": "hanging up", "chat": "leaving the chat"}
# The e-mail working hours slider: every half hour of the day, read as a clock.
EMAIL_HOUR_CHOICES = [half / 2 for half in range(49)]
FALLBACK_AHT_SECONDS = 300.0
# The Staffing page's chats per agent go up to the most staffing.chat takes (its
# check_chat_settings, behind cli.py staff --chat-concurrency too), so a plan made there is one
# the page can make.
MAX_CHATS_AT_ONCE = MAX_CHAT_CONCURRENCY
MAX_WEEKLY_HOURS = 7 * 24.0  # a full-time week's hours cannot pass the week's own
MAX_SERVICE_LEVEL_PCT = 99.0  # 100% is never guaranteed when contacts arrive at random


def target_problems(
    service_level_pct: float | None = None,
    answer_within_s: float | None = None,
    aht_s: float | None = None,
    supervisor_span: float | None = None,
    shrinkage_pct: float | None = None,
) -> list[str]:
    """What is impossible about these targets, in the units the manager typed them in.

    The staffing package checks the same limits on fractions; this says it in percent and
    seconds before the package is called.
    """
    problems = []
    if aht_s is not None and not aht_s > 0:
        problems.append(
            f"Average handle time must be more than 0 seconds (you entered {_amount(aht_s)} s)."
        )
    if service_level_pct is not None:
        typed = f"you entered {_amount(service_level_pct)}%"
        if service_level_pct >= 100 and answer_within_s is not None and answer_within_s <= 0:
            problems.append(
                f"Answering 100% of contacts within 0 seconds is impossible ({typed} within "
                f"{_amount(answer_within_s)} s): contacts arrive at random, so some always wait. "
                f"Enter at most {MAX_SERVICE_LEVEL_PCT:.0f}% and allow some seconds, e.g. 80% "
                "within 20 s."
            )
        elif service_level_pct > 100:
            problems.append(
                f"A service level cannot be more than 100% of the contacts ({typed}): enter at "
                f"most {MAX_SERVICE_LEVEL_PCT:.0f}%."
            )
        elif service_level_pct >= 100:
            problems.append(
                f"A service level of 100% can never be guaranteed when contacts arrive at random "
                f"({typed}): enter at most {MAX_SERVICE_LEVEL_PCT:.0f}%."
            )
        elif service_level_pct > MAX_SERVICE_LEVEL_PCT:
            # 99.9% within 0 s sized 57 agents for 18 calls: the cap is a choice, not a limit
            # of the queue, so the message says so rather than calling it impossible.
            problems.append(
                f"A service level of {_amount(service_level_pct)}% is above the "
                f"{MAX_SERVICE_LEVEL_PCT:.0f}% the planner sizes for: near 100% each further "
                "step takes many more agents for a few more contacts answered in time. "
                f"Enter at most {MAX_SERVICE_LEVEL_PCT:.0f}%."
            )
        elif not service_level_pct > 0:
            problems.append(f"The service level target must be above 0% ({typed}).")
    if answer_within_s is not None and answer_within_s < 0:
        problems.append(
            f"Answer within must be 0 seconds or more (you entered {_amount(answer_within_s)} s)."
        )
    low, high = SUPERVISOR_SPAN_RANGE
    if supervisor_span is not None and (
        not float(supervisor_span).is_integer() or not low <= supervisor_span <= high
    ):
        problems.append(
            f"Agents per supervisor must be a whole number from {low} to {high} "
            f"(you entered {_amount(supervisor_span)})."
        )
    if shrinkage_pct is not None and not 0 <= shrinkage_pct < 100:
        problems.append(
            f"Shrinkage must be from 0% up to (not including) 100% "
            f"(you entered {_amount(shrinkage_pct)}%)."
        )
    return problems


def staffing_problems() -> list[str]:
    """Impossible values among the Staffing page's widgets, explained in their own units."""
    session = st.session_state
    problems = target_problems(
        service_level_pct=float(session["sl_target_pct"]),
        answer_within_s=float(session["answer_within_s"]),
        aht_s=float(session["aht_seconds"]),
        supervisor_span=float(session["supervisor_span"]),
        shrinkage_pct=float(session["shrinkage_pct"]),
    )
    if session["channel"] == "email":
        # The e-mail view hides the voice and chat target, yet the other queues still use it.
        voice_target = set(
            target_problems(
                service_level_pct=float(session["sl_target_pct"]),
                answer_within_s=float(session["answer_within_s"]),
            )
        )
        problems = [
            f"{problem} This is the voice and chat target: change it on a voice or chat queue."
            if problem in voice_target
            else problem
            for problem in problems
        ]
    occupancy = float(session["max_occupancy_pct"])
    if not 0 < occupancy <= 100:
        problems.append(
            f"Max occupancy is a share of the agents' time: enter more than 0% and at most 100% "
            f"(you entered {_amount(occupancy)}%); most contact centres cap it at 80–90%."
        )
    start, end = session["email_hours"]
    if session["channel"] == "email" and start >= end:
        problems.append(
            f"E-mail needs some working time: {clock_text(start)} to {clock_text(end)} is none. "
            "Widen the hours."
        )
    return problems


def staffing_warnings() -> list[str]:
    """Unusual values among the Staffing page's widgets (see implausible_values)."""
    session = st.session_state
    return implausible_values(
        channel=session["channel"],
        service_level_pct=float(session["sl_target_pct"]),
        max_occupancy_pct=float(session["max_occupancy_pct"]),
        shrinkage_pct=float(session["shrinkage_pct"]),
        aht_s=float(session["aht_seconds"]),
        agent_cost=float(session["agent_cost"]),
        weekly_contract_hours=float(session["weekly_hours"]),
        supervisor_cost=float(session["supervisor_cost"]),
    )


def hours_text(hours: float) -> str:
    return f"{_amount(hours)} h"


def days_text(days: float) -> str:
    """A count of days as read: "1 day", "7 days" (a one-day horizon is no "1 days"), and part
    of one as cli.py writes it, "6.7 days", so a span counted in 24-hour days reads alike."""
    if abs(days - round(days)) < 0.05:
        return f"{round(days):.0f} day{'' if round(days) == 1 else 's'}"
    return f"{days:,.1f} days"


DAYS_PER_WEEK = 7


def shows_per_week(horizon_days: float) -> bool:
    """Whether a per-week figure beside a horizon's total tells the manager anything: over 7
    days it repeats the total, and over fewer it scales a few days up to a week nobody plans."""
    return horizon_days > DAYS_PER_WEEK


def target_text(staffing: StaffingSettings, channel: str) -> str:
    """A queue's service target in words: "80% within 20 s", or "all within 24 h" for e-mail."""
    if channel == "email":
        return f"all within {hours_text(staffing.email_response_hours)}"
    percent = _amount(round(staffing.service_level * 100, 2))
    return f"{percent}% within {_amount(staffing.answer_within_seconds)} s"


def clock_text(hour: float) -> str:
    """An hour of the day as a clock: 8.0 -> "08:00", 17.5 -> "17:30", 24.0 -> "24:00"."""
    minutes = round(float(hour) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def data_patience(current: state.CurrentDataset, queue: str) -> PatienceEstimate | None:
    """The queue's PatienceEstimate from the history, or None when it has too few abandons."""
    return cached.patience_by_queue(current.token, current.dataset).get(queue)


def data_aht(current: state.CurrentDataset, queue: str) -> float | None:
    seconds = cached.aht_by_queue(current.token, current.dataset).get(queue)
    return None if seconds is None else float(round(seconds))


def on_stand_in_aht(current: state.CurrentDataset, queue: str, aht_seconds: float) -> bool:
    """Whether `queue` is staffed on the fallback handle time: its data holds none and the
    one used is still the figure the page started from, not a measured or typed one."""
    return data_aht(current, queue) is None and aht_seconds == FALLBACK_AHT_SECONDS


def stand_in_aht_note(queue: str) -> str:
    """Why figures resting on the fallback handle time need the manager's own: every agent,
    hour and cost scales with it, yet nothing measured it."""
    return (
        f"The data holds no handle times for '{queue}': the {FALLBACK_AHT_SECONDS:.0f} s above "
        "is a stand-in, not a measured figure, and every agent, hour and cost below rests on "
        "it. Type the queue's average handle time (talk, hold and after-call work)."
    )


def stand_in_aht_queues_note(queues: list[str], where: str = "above") -> str:
    """The queues staffed on the fallback handle time, and what to do: pick each `where` (the
    Staffing page's queue box) and type its own."""
    quoted = [f"'{queue}'" for queue in queues]
    listed = " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    staffed = "it is" if len(queues) == 1 else "they are"
    return (
        f"No handle times in the data for {listed}: {staffed} staffed at a "
        f"{FALLBACK_AHT_SECONDS:.0f}-s stand-in, not a measured figure. Pick "
        f"{'the queue' if len(queues) == 1 else 'each queue'} {where} and type its average "
        "handle time."
    )


QUEUE_CHANNELS = "queue_channels"  # channel of every queue: guessed from its name, then edited


def queue_channel(queue: str) -> str:
    """The channel `queue` is staffed on: the one chosen for it, else guessed from its name."""
    return (st.session_state.get(QUEUE_CHANNELS) or {}).get(queue) or channel_from_queue_name(queue)


def remember_channel() -> None:
    """Keep the Channel widget's value as the channel of the queue on screen."""
    channels = dict(st.session_state.get(QUEUE_CHANNELS) or {})
    channels[st.session_state["queue"]] = st.session_state["channel"]
    st.session_state[QUEUE_CHANNELS] = channels


# Handle time and patience typed for each queue (seconds), so a queue picked again keeps them
# and the All queues table staffs every queue with what its own page would show.
QUEUE_AHTS = "queue_ahts"
QUEUE_PATIENCE = "queue_patience"


def queue_aht(current: state.CurrentDataset, queue: str) -> float:
    """The handle time `queue` is staffed with: the one typed for it, else the data's, else the
    usual fallback (never another queue's)."""
    typed = (st.session_state.get(QUEUE_AHTS) or {}).get(queue)
    return typed if typed is not None else data_aht(current, queue) or FALLBACK_AHT_SECONDS


def queue_patience(current: state.CurrentDataset, queue: str) -> float:
    """The callers' patience of `queue`: typed for it, else the data's, else the fallback."""
    typed = (st.session_state.get(QUEUE_PATIENCE) or {}).get(queue)
    if typed is not None:
        return typed
    patience = data_patience(current, queue)
    return float(round(patience.seconds)) if patience else FALLBACK_PATIENCE_SECONDS


def remember_queue_values() -> None:
    """Keep the handle time and patience widgets' values as those of the queue on screen; an
    impossible one (0 s or less, explained on the page) is not kept for the other queues' rows."""
    queue = st.session_state["queue"]
    for memory, key in ((QUEUE_AHTS, "aht_seconds"), (QUEUE_PATIENCE, "patience_s")):
        values = dict(st.session_state.get(memory) or {})
        value = float(st.session_state[key])
        if value > 0:
            values[queue] = value
        else:
            values.pop(queue, None)
        st.session_state[memory] = values


def seed_staffing(current: state.CurrentDataset) -> None:
    """First values for the staffing widgets; channel and AHT follow the chosen queue."""
    seed_forecast(current)
    state.seed(STAFFING_DEFAULTS)
    st.session_state[QUEUE_CHANNELS] = {
        queue: queue_channel(queue) for queue in current.dataset.queues
    }
    queue = st.session_state["queue"]
    if st.session_state.get("staffed_queue") != queue:
        # A new queue: its channel and handle time replace the previous queue's.
        st.session_state["staffed_queue"] = queue
        st.session_state["channel"] = queue_channel(queue)
        st.session_state["aht_seconds"] = queue_aht(current, queue)
        st.session_state["patience_s"] = queue_patience(current, queue)


def seed_shifts(current: state.CurrentDataset) -> None:
    """First values for the staffing widgets (the shifts cover that plan) and the shift ones."""
    seed_staffing(current)
    state.seed(SHIFT_DEFAULTS)


def shift_settings() -> ShiftSettings:
    """The shifts the Shifts page's widgets describe (their defaults before it is opened)."""
    session = st.session_state

    def value(key: str) -> Any:
        return session.get(key, SHIFT_DEFAULTS[key])

    earliest, latest = (float(hour) for hour in value("shift_starts"))
    return ShiftSettings(
        full_hours=float(value("shift_full_hours")),
        part_hours=float(value("shift_part_hours")),
        part_max_share=float(value("shift_part_max_pct")) / 100,
        earliest_start=earliest,
        latest_start=latest,
        shifts_per_week=int(value("shifts_per_week")),
    )


def show_start_window(first: Any, last: Any, help_text: str) -> None:
    """The Shifts page's start window as two boxes, `first` and `last` the containers: a last
    start before the first runs across midnight (22:00 and 02:00 for a night desk), which a
    range slider cannot hold. They show the pair kept under "shift_starts", however it was set
    (a restored preference, a test), and write it back when one is changed."""
    session = st.session_state
    earliest, latest = (float(hour) for hour in session["shift_starts"])
    session[EARLIEST_START_KEY], session[LATEST_START_KEY] = earliest, latest
    for container, label, key in (
        (first, "Shifts start between", EARLIEST_START_KEY),
        (last, "and", LATEST_START_KEY),
    ):
        container.selectbox(
            label,
            SHIFT_START_CHOICES,
            key=key,
            format_func=clock_text,
            on_change=_keep_start_window,
            help=help_text,
        )


def uncovered_need_message(error: UncoveredNeedError, types: list[ShiftType]) -> str:
    """The Shifts page's refusal of a need no allowed shift covers, in its own controls: the
    start window is two boxes, “Shifts start between” and “and”, either of which may widen it."""
    lengths = "“Full-time shift (hours)”" + (
        " or “Part-time shift (hours, 0 = none)”" if len(types) > 1 else ""
    )
    return f"No shift plan: {error.advice('“Shifts start between” and “and”', lengths)}"


def _keep_start_window() -> None:
    session = st.session_state
    session["shift_starts"] = (session[EARLIEST_START_KEY], session[LATEST_START_KEY])


ROTATION_KEY = "shift_rotation"  # the Shifts page's "Repeat the N weeks as a rotation" box


def rotation_weeks(horizon_days: float) -> int:
    """The weeks the Shifts page offers to repeat as a rotation: those of a horizon of 14 days
    or more in whole weeks; 0 for any other (a plan of 7 days always repeats)."""
    days = int(horizon_days)
    return days // 7 if days == horizon_days and days % 7 == 0 and days >= 14 else 0


def shift_rotation(horizon_days: float) -> bool:
    """Whether the Shifts page reads a plan of `horizon_days` as a rotation: its box offered
    for those days and ticked (unticked before the page is opened)."""
    return bool(rotation_weeks(horizon_days) and st.session_state.get(ROTATION_KEY, False))


def before_plan_caption(
    plan: ShiftPlan, horizon_days: float, on_shifts_page: bool = True
) -> str | None:
    """The note on a dated plan's first hours left to the previous roster, as a sentence naming
    the Shifts page's rotation box (or the horizon that offers it); `on_shifts_page` names
    the box where it is, else on the Shifts page."""
    weeks = rotation_weeks(horizon_days)
    box = "above" if on_shifts_page else "on the Shifts page"
    where = "here" if on_shifts_page else "on the Shifts page"
    note = shifts_before_plan_note(
        plan,
        f"“Repeat the {weeks} weeks as a rotation” {box}"
        if weeks
        else f"a horizon of 14 or 28 days, then “Repeat the weeks as a rotation” {where}",
    )
    return None if note is None else f"{note[0].upper()}{note[1:]}."


def repeating_week_caption(plan: ShiftPlan, interval_minutes: float) -> str | None:
    """The CLI's note on a one-week plan read as a roster repeating every week, as a sentence
    under the page's figures: which shifts run past its end and cover its first hours."""
    note = repeating_week_note(plan, interval_minutes)
    return None if note is None else f"{note[0].upper()}{note[1:]}."


def clock_skipped_starts(plans: list[pd.DataFrame], interval_minutes: float) -> pd.DatetimeIndex:
    """The interval starts of `plans` (one per queue covered) in an hour a clock skips going
    forward: a whole hour a spring-forward rule can name (forecasting.clock_change.
    could_be_skipped_hour) that a queue's plan holds closed between an open interval right
    before it and one right after, and open the day or the week before or after where the
    plan lists them, as its forecast closes that hour where the history shows the clock
    skipping it. A desk closed at night is closed on both sides, a closing for maintenance
    every night or every Sunday closed on the days around too: neither is read so."""
    step = pd.Timedelta(minutes=float(interval_minutes))
    around = [pd.Timedelta(days=days) for days in (-7, -1, 1, 7)]
    skipped = []
    for plan in plans:
        if plan.empty or IS_OPEN not in plan:
            continue
        ordered = plan.sort_values(INTERVAL_START)
        starts = pd.DatetimeIndex(ordered[INTERVAL_START])
        is_open = ordered[IS_OPEN].fillna(False).astype(bool).to_numpy()
        closed = np.flatnonzero(~is_open)
        if closed.size == 0:
            continue
        breaks = np.flatnonzero(np.diff(closed) != 1) + 1
        firsts, lasts = closed[np.r_[0, breaks]], closed[np.r_[breaks - 1, closed.size - 1]]
        # Open on both sides, one interval away: the few runs left are checked one by one.
        inside = (firsts > 0) & (lasts < len(starts) - 1)
        firsts, lasts = firsts[inside], lasts[inside]
        hour_long = starts[lasts] + step - starts[firsts] == pd.Timedelta(hours=1)
        next_to = (starts[firsts] - starts[firsts - 1] == step) & (
            starts[lasts + 1] - starts[lasts] == step
        )
        open_at = pd.Series(is_open, index=starts)
        open_at = open_at[~open_at.index.duplicated()]
        for first, last in zip(
            firsts[hour_long & next_to], lasts[hour_long & next_to], strict=True
        ):
            hour = starts[first : last + 1]
            if not could_be_skipped_hour(hour[0], hour[-1], interval_minutes):
                continue
            listed = [open_at.reindex(hour + shift).dropna() for shift in around]
            listed = [days for days in listed if len(days)]
            if listed and all(days.astype(bool).all() for days in listed):
                skipped.append(hour)
    if not skipped:
        return pd.DatetimeIndex([])
    return skipped[0].append(skipped[1:]).unique().sort_values()


def clock_change_pay_caption(
    plan: ShiftPlan, queue_plans: list[pd.DataFrame], interval_minutes: float, hourly_cost: float
) -> str | None:
    """The CLI's note on the hours shifts are paid over a night the clock goes forward
    (staffing.clock_hours.clock_change_pay_note), as a sentence: the people on shift in the
    skipped hour do not work it. None when nobody is on shift then. The hour a clock repeats
    going back is listed once by the app's forecast, so it is not found here."""
    skipped = clock_skipped_starts(queue_plans, interval_minutes)
    if skipped.empty:
        return None
    note = clock_change_pay_note(
        plan.coverage,
        pd.DatetimeIndex([]),
        skipped,
        interval_minutes,
        plan.paid_hours,
        hourly_cost,
    )
    return None if note is None else f"{note[0].upper()}{note[1:]}."


def people_per_week_caption(plan: ShiftPlan) -> str:
    """The caption under the people per week: how the weeks are read, as `people_to_employ`
    reads them. A one-week plan is a roster repeating every week, counted whole from its first
    day; a dated plan's week the horizon cuts counts only its days inside it."""
    rest = (
        "Rest between a late shift and the next day's early one is not checked: leave room for "
        "it when you assign people."
    )
    if plan.repeats_weekly and not plan.coverage.empty:
        first = plan.coverage["interval_start"].iloc[0]
        # A Monday start is a calendar week: "whichever weekday" there hinted at another.
        whole = "Monday to Sunday" if first.day_of_week == 0 else "whichever weekday it starts on"
        weeks = plan.roster_weeks
        if weeks == 1:
            return (
                f"The plan's seven days from {day_text(first)} are read as one week of a roster "
                f"repeating every week, counted whole, {whole}. {rest}"
            )
        return (
            f"The plan's {weeks * 7} days from {day_text(first)} are read as a rotation of "
            f"{weeks} weeks repeating every {weeks} weeks, each week counted whole, {whole}. "
            f"{rest}"
        )
    return f"A week the horizon cuts counts only its days inside it. {rest}"


def start_window_caption(earliest: float, latest: float) -> str | None:
    """What a start window across midnight is read as, said under its boxes; None for one
    within the day."""
    if not latest < earliest:
        return None
    return (
        f"Shifts start from {clock_text(earliest)} to {clock_text(latest)} "
        f"{next_part_of_day(latest)}, across midnight, as the last start is before the first."
    )


def shift_types(part_max_pct: float | None = None) -> list[ShiftType]:
    """The shift types the Shifts page's widgets describe: full time, and part time when its
    length and cap are above 0 (a cap of 100% is no cap). `part_max_pct` replaces the cap."""
    share = None if part_max_pct is None else part_max_pct / 100
    return shift_settings().types(part_max_share=share)


def busiest_week_note(busiest: BusiestWeek | None) -> str | None:
    """Where the horizon holds only some days of the busiest week (it starts or ends inside
    it), which days, and the busiest whole week's people, as the CLI's shifts command says it:
    a few days' people read as a week's. None for a whole week."""
    if busiest is None or not busiest.cut:
        return None
    said = (
        f"The busiest week, from {day_text(busiest.week, year=True)}, is one the horizon holds "
        f"only {busiest.days_held} of: its {busiest.people:,} people to employ work those days "
        "alone."
    )
    if busiest.whole_week is not None:
        return (
            f"{said} The busiest whole week, from {day_text(busiest.whole_week, year=True)}, "
            f"needs {busiest.whole_people:,}."
        )
    return (
        f"{said} The horizon holds no whole week, whose shifts may need more people: a "
        "“Horizon (days)” on the Forecast page that takes in a whole week from Monday to "
        "Sunday gives them."
    )


def people_against_fte_note(
    weeks: pd.DataFrame,
    busiest: BusiestWeek | None,
    horizon_days: float,
    types: list[ShiftType],
    weekly_hours: float,
    agent_fte: float,
) -> str | None:
    """Why the people to employ outnumber the Staffing page's FTE: they are heads, each
    part-timer one, on whole shifts; the FTE count the hours needed over a full-time week.
    `weeks`: the shift plan's people per week; `busiest`: its busiest week (ShiftPlan.
    busiest_week); `agent_fte`: the Staffing page's agents alone. None unless the horizon holds
    a week and the busiest week whole (days the desk is closed, as a Mon-Fri desk's weekend,
    cut nothing): a few days' hours over a week's contract would read as fewer FTE than the
    Staffing page's pace."""
    if weeks.empty or weekly_hours <= 0 or busiest is None or busiest.cut or horizon_days < 7:
        return None
    kinds = weeks[weeks["week"] == busiest.week]
    hours_of = {kind.name: kind.hours for kind in types}
    hours = float((kinds["shifts"] * kinds["shift"].map(hours_of)).sum())
    return (
        f"The {busiest.people:,} people to employ are heads, each part-timer one: the "
        f"busiest week's {hours:,.0f} shift hours are {hours / weekly_hours:,.1f} FTE on the "
        f"{weekly_hours:g}-h full-time week. The Staffing page's FTE count the hours needed "
        f"instead of whole shifts: {agent_fte:,.1f} for its agents, without the supervisors."
    )


def reset_staffing_defaults() -> None:
    """Targets, costs, shrinkage and span back to their defaults; the channel, handle time, its
    weekday and time-of-day shape and patience stay, as they come from the data."""
    for key, value in STAFFING_DEFAULTS.items():
        if key not in state.DATASET_BOUND_KEYS and key != AHT_BY_TIME:
            st.session_state[key] = value


def staffing_settings() -> StaffingSettings:
    """StaffingSettings from the widgets; InputError explains an impossible combination."""
    session = st.session_state
    return StaffingSettings(
        channel=session["channel"],
        aht_seconds=float(session["aht_seconds"]),
        service_level=float(session["sl_target_pct"]) / 100,
        answer_within_seconds=float(session["answer_within_s"]),
        max_occupancy=float(session["max_occupancy_pct"]) / 100,
        max_asa_seconds=float(session["max_asa_s"]) if session["max_asa_s"] else None,
        patience_seconds=float(session["patience_s"]) if session["use_patience"] else None,
        shrinkage=float(session["shrinkage_pct"]) / 100,
        supervisor_span=int(session["supervisor_span"]),
        agent_hourly_cost=float(session["agent_cost"]),
        supervisor_hourly_cost=float(session["supervisor_cost"]),
        weekly_contract_hours=float(session["weekly_hours"]),
        chat_concurrency=int(session["chat_concurrency"]),
        email_response_hours=float(session["email_response_hours"]),
        email_hours=tuple(float(hour) for hour in session["email_hours"]),
        queue_channels=dict(session.get(QUEUE_CHANNELS) or {}),
    )


def current_scenario(name: str = "Current settings") -> Scenario:
    return Scenario(
        name=name,
        quantile=st.session_state["quantile"],
        staffing=staffing_settings(),
        queue=st.session_state.get("queue"),
        shifts=shift_settings(),
        aht_by_time_of_day=bool(st.session_state.get(AHT_BY_TIME, STAFFING_DEFAULTS[AHT_BY_TIME])),
    )


def queue_scenario(current: state.CurrentDataset, queue: str) -> Scenario:
    """The current settings for another queue: its own channel, handle time and patience (typed
    for it on this page, else from the data), as the page shows them when that queue is picked."""
    scenario = current_scenario(f"Current settings, {queue}")
    if queue == st.session_state["queue"]:
        return scenario  # the queue on screen keeps what the user typed
    staffing = replace(
        scenario.staffing,
        channel=queue_channel(queue),
        aht_seconds=queue_aht(current, queue),
        patience_seconds=queue_patience(current, queue)
        if scenario.staffing.patience_seconds is not None
        else None,
    )
    return replace(scenario, staffing=staffing, queue=queue)


def queue_forecast(current: state.CurrentDataset, queue: str) -> tuple[str, pd.DataFrame]:
    """(cache key, forecast rows) of one queue of the current forecast."""
    result = current_forecast(current)
    frame = result.forecast[result.forecast[QUEUE] == queue].reset_index(drop=True)
    return f"{forecast_key(current)}|{queue}", frame


def plan_for(current: state.CurrentDataset, queue: str, scenario: Scenario):
    """The staffing plan of `scenario` on the current forecast of `queue` (cached)."""
    key, frame = queue_forecast(current, queue)
    # Keyed without the shift settings: they do not change the people rostered.
    staffing_key = repr(replace(scenario, shifts=ShiftSettings()))
    # The scenario's own tick: one saved unticked stays flat whatever the page holds now.
    profile = learned_aht_profile(current, queue) if scenario.aht_by_time_of_day else None
    return cached.plan(
        key,
        staffing_key,
        "" if profile is None else f"{current.token}|profile",
        current.dataset.interval_minutes,
        frame,
        scenario,
        None,
        profile,
    )


def learned_aht_profile(current: state.CurrentDataset, queue: str) -> pd.DataFrame | None:
    """`queue`'s handle-time shape from its history, used or not; None when it shows none."""
    profiles = cached.aht_profiles(current.token, current.dataset)
    rows = profiles[profiles[QUEUE] == queue]
    return None if rows.empty else rows


def aht_weeks_text(weeks: int | None) -> str:
    """The weeks a handle-time shape is learned from, as the caption says them: "the last 8
    weeks", or "the 4 weeks the history holds" when it holds fewer (a February's calls)."""
    if weeks is None or weeks >= AHT_WINDOW_WEEKS:
        return f"the last {AHT_WINDOW_WEEKS} weeks"
    return f"the {weeks} week{'' if weeks == 1 else 's'} the history holds"


def aht_shape_caption(shape: pd.DataFrame, aht_seconds: float, weeks: int | None = None) -> str:
    """What a ticked handle-time shape does, its range in seconds of the AHT typed as well as
    in multipliers: a manager plans in seconds, and "1.11×" alone leaves the sum to them.
    `weeks`: those it was learned from, when fewer than the window."""
    low = shape.loc[shape[AHT_FACTOR].idxmin()]
    high = shape.loc[shape[AHT_FACTOR].idxmax()]

    def point(row: pd.Series) -> str:
        minute = int(row[MINUTE_OF_DAY])
        when = f"{AHT_DAY_NAMES[int(row[WEEKDAY])]} {minute // 60:02d}:{minute % 60:02d}"
        factor = float(row[AHT_FACTOR])
        return f"{factor:.2f}× ({aht_seconds * factor:.0f} s) on {when}"

    return (
        f"Each interval's handle time is the AHT above ({aht_seconds:.0f} s on average) times "
        f"its weekday and time-of-day ratio in {aht_weeks_text(weeks)}: from "
        f"{point(low)} to {point(high)}."
    )


# Expected abandonment above this share: the service level is met partly by callers who give up.
HIGH_ABANDONMENT = 0.10


def abandonment_warning(abandon_rate: float | None, service_level: float) -> str | None:
    """A warning when Erlang A meets the target by letting many contacts give up."""
    # NaN: no contacts, so nobody to give up (`not >` also refuses NaN).
    if abandon_rate is None or not abandon_rate > HIGH_ABANDONMENT:
        return None
    return (
        f"{abandon_rate:.1%} of the contacts are expected to give up before an answer: the "
        f"service level of {service_level:.1%} is reached partly because they leave the queue. "
        "Raise the service level target or shorten the answer time to keep more of them."
    )


def answered_asa_seconds(plan: pd.DataFrame) -> float | None:
    """The mean wait of the answered contacts alone over the plan's voice and chat intervals,
    each interval's answered ASA weighted by the contacts it answers (contacts × (1 − its
    abandonment)); None without Erlang A's columns or any answered contact."""
    if "answered_asa_seconds" not in plan or "abandon_rate" not in plan:
        return None
    live = (plan["channel"] != "email").to_numpy()
    volume = pd.to_numeric(plan[VOLUME], errors="coerce").to_numpy(dtype=float)
    abandon = pd.to_numeric(plan["abandon_rate"], errors="coerce").to_numpy(dtype=float)
    wait = pd.to_numeric(plan["answered_asa_seconds"], errors="coerce").to_numpy(dtype=float)
    answered = volume * (1.0 - abandon)
    usable = live & np.isfinite(wait) & np.isfinite(answered) & (answered > 0)
    if not usable.any():
        return None
    return float(np.average(wait[usable], weights=answered[usable]))


def show_past_days_note(interval_starts: pd.Series, dataset_name: str, counted: str = "") -> None:
    """`past_days_note` on the page: a notice for the manager's own data, a caption for the
    shipped sample, whose dates are its own and nothing the manager needs to act on."""
    sample = dataset_name == state.SAMPLE_NAME
    note = past_days_note(interval_starts, counted, sample=sample)
    if note:
        (st.caption if sample else st.info)(note)


def past_days_note(
    interval_starts: pd.Series, counted: str = "", today: date | None = None, sample: bool = False
) -> str | None:
    """A note when the forecast starts before today: its first days are already past (the
    history ends earlier than the last days worked). `counted` says what the page still adds
    up over them ("agents and cost"). `sample`: the shipped sample's, whose history ends on
    its own dates: said as such, not as a plan in the past to set right."""
    if interval_starts.empty:
        return None
    today = today or date.today()
    days = pd.Series(interval_starts.dt.date.unique())
    past = days[days < today]
    if past.empty:
        return None
    # A one-day horizon is that day, not "Mon 23 Nov – Mon 23 Nov".
    span = (
        f"{day_text(days.min(), year=True)}"
        if len(days) == 1
        else f"{day_text(days.min())} – {day_text(days.max(), year=True)}"
    )
    if sample:
        return (
            f"The sample's own dates: its forecast follows its history, {span}. Import your "
            "contacts on the Data page to plan your coming days."
        )
    if len(past) == len(days):
        return (
            f"The whole horizon ({span}) is already past: the history ends before it. Import "
            "your latest contacts to plan the coming days."
        )
    return (
        f"The forecast starts right after the history, on {day_text(days.min())}: "
        + (
            f"its first day, {day_text(past.max())}, is already past"
            if len(past) == 1
            else f"its first {len(past)} days, up to {day_text(past.max())}, are already past"
        )
        + (f", and their {counted} are counted in the totals" if counted else "")
        + ". Import your latest contacts to plan from today."
    )
