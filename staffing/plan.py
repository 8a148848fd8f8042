"""The plan layer: a forecast table in, a per-interval staffing plan and its summary out.

Used by the CLI (`staff`, `plan`) and the app. Closed intervals get nobody; open voice and chat
intervals get at least `min_agents_open` even with no forecast contacts (someone must be there
to answer). E-mail gets no such floor: it waits, and its response window is the guarantee.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from data.columns import is_summary_row_label
from data.dates import day_text
from data.errors import InputError, SettingError
from data.schema import AHT_SECONDS, INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from staffing.backlog import DEFAULT_RESPONSE_HOURS, email_plan, response_window_intervals
from staffing.chat import (
    DEFAULT_CONCURRENCY,
    DEFAULT_HANDLE_GROWTH,
    chat_agents_per_target,
    chat_failing_targets,
    chat_metrics,
    chat_required_agents,
    check_chat_settings,
)
from staffing.clock_hours import (
    CLOCK_CHANGE_MONTHS,
    SUNDAY,
    elapsed_order,
    interval_keys,
    repeated_hours,
)
from staffing.cost import (
    DEFAULT_AGENT_HOURLY_COST,
    DEFAULT_SUPERVISOR_HOURLY_COST,
    DEFAULT_WEEKLY_CONTRACT_HOURS,
    HOURS_PER_WEEK,
    full_time_equivalents,
    interval_cost,
    money_text,
    paid_hours,
)
from staffing.limits import (
    AS_GIVEN,
    LIMIT,
    MINIMUM_OPEN,
    OUTSIDE_EMAIL_HOURS,
    RESPONSE_WINDOW,
    LimitSummary,
    binding_limit,
    first_failing,
    limit_shares,
    open_extent,
    outside_email_hours,
)
from staffing.people import (
    DEFAULT_SHRINKAGE,
    DEFAULT_SUPERVISOR_SPAN,
    rostered_agents,
    supervisor_band,
    supervisors_needed,
)
from staffing.plausibility import duration_text
from staffing.queueing import (
    agents_per_target,
    failing_targets,
    queue_metrics,
    required_agents,
)
from staffing.validation import (
    as_float_array,
    check_non_negative,
    check_service_target,
    check_shrinkage,
    check_supervisor_span,
)

CHANNELS = ("voice", "chat", "email")
FORECAST = "forecast"  # the forecast table's volume column, accepted in place of `volume`
SIZED_FOR_VOLUME = "sized_for_volume"  # the volume a plan sized on a quantile was sized for
# What every plan row reports: people, then the service they deliver.
STAFF_COLUMNS = ["agents", "rostered", "supervisors", "service_level", "asa_seconds", "occupancy"]


# The occupancy cap a plan starts from in the app and the CLI: most contact centers cap it at
# 80-90%, as agents kept busier tire and leave. StaffingSettings keeps 1.0 (no cap), the plain
# Erlang figure.
DEFAULT_MAX_OCCUPANCY = 0.85


@dataclass
class StaffingSettings:
    """Every staffing knob, with the defaults a new scenario starts from.

    Costs are fully loaded hourly rates in EUR (defaults 22 per agent, 30 per supervisor).
    `queue_channels` maps a queue name to its channel where it differs from `channel`.
    `max_occupancy` is also the productive share of an e-mail agent's time, so an e-mail
    plan's occupancy (time on mail over time staffed) never exceeds it.
    """

    channel: str = "voice"
    aht_seconds: float = 300.0  # used where the table has no (or an unknown) handle time
    service_level: float = 0.8
    answer_within_seconds: float = 20.0
    max_occupancy: float = 1.0
    max_asa_seconds: float | None = None
    patience_seconds: float | None = None
    max_abandon_rate: float | None = None
    shrinkage: float = DEFAULT_SHRINKAGE
    supervisor_span: int = DEFAULT_SUPERVISOR_SPAN
    agent_hourly_cost: float = DEFAULT_AGENT_HOURLY_COST
    supervisor_hourly_cost: float = DEFAULT_SUPERVISOR_HOURLY_COST
    weekly_contract_hours: float = DEFAULT_WEEKLY_CONTRACT_HOURS
    min_agents_open: int = 1
    chat_concurrency: int = DEFAULT_CONCURRENCY
    chat_handle_growth: float = DEFAULT_HANDLE_GROWTH
    email_response_hours: float = DEFAULT_RESPONSE_HOURS
    # Hours of the day (start, end) when e-mail is worked; mail arriving outside them waits.
    email_hours: tuple[float, float] = (0.0, 24.0)
    fractional_agents: bool = False
    queue_channels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Each check names the field it is about: the CLI says "--max-occupancy 85: ...".
        with _about("channel"):
            for name in (self.channel, *self.queue_channels.values()):
                if name not in CHANNELS:
                    raise InputError(
                        f"channel '{name}' is unknown; use one of {', '.join(CHANNELS)}"
                    )
        with _about("aht_seconds"):
            _positive(
                self.aht_seconds, "AHT seconds", "set the average handle time in seconds, e.g. 300"
            )
        with _about("answer_within_seconds"):
            check_non_negative(
                as_float_array(self.answer_within_seconds, "answer-within seconds"),
                "answer-within seconds",
            )
        with _about("service_level"):
            check_service_target(
                np.asarray(float(self.service_level)),
                np.asarray(float(self.answer_within_seconds)),
            )
        with _about("max_occupancy"):
            if not 0 < self.max_occupancy <= 1:
                raise InputError(
                    f"maximum occupancy must be a fraction above 0 and at most 1, e.g. 0.85 "
                    f"(got {self.max_occupancy:g})"
                )
        for value, label, setting, example in (
            (
                self.max_asa_seconds,
                "maximum ASA seconds",
                "max_asa_seconds",
                "give the longest average wait to answer in seconds, e.g. 30",
            ),
            (
                self.patience_seconds,
                "patience seconds",
                "patience_seconds",
                "give the callers' mean time before hanging up in seconds, e.g. 180",
            ),
        ):
            if value is not None:
                with _about(setting):
                    _positive(value, label, example)
        if self.max_abandon_rate is not None:
            with _about("max_abandon_rate"):
                if not 0 < self.max_abandon_rate <= 1:
                    raise InputError(
                        f"maximum abandon rate must be a fraction above 0 and at most 1, e.g. "
                        f"0.05 (got {self.max_abandon_rate:g})"
                    )
            with _about("patience_seconds"):
                if self.patience_seconds is None:
                    raise InputError(
                        "an abandonment target needs the callers' patience: set patience "
                        "seconds (mean time before hanging up, e.g. 180)"
                    )
        with _about("shrinkage"):
            check_shrinkage(self.shrinkage)
        with _about("supervisor_span"):
            check_supervisor_span(self.supervisor_span)
        for value, label, setting, example in (
            (
                self.agent_hourly_cost,
                "agent hourly cost",
                "agent_hourly_cost",
                DEFAULT_AGENT_HOURLY_COST,
            ),
            (
                self.supervisor_hourly_cost,
                "supervisor hourly cost",
                "supervisor_hourly_cost",
                DEFAULT_SUPERVISOR_HOURLY_COST,
            ),
        ):
            if not math.isfinite(value) or value < 0:
                given = money_text(value, cents=True) if math.isfinite(value) else f"{value:g}"
                raise SettingError(
                    f"{label} must be {money_text(0)} or more (got {given}), e.g. "
                    f"{money_text(example, cents=True)}",
                    setting,
                )
        with _about("weekly_contract_hours"):
            _positive(
                self.weekly_contract_hours,
                "weekly contract hours",
                f"give a full-time week's paid hours, e.g. {DEFAULT_WEEKLY_CONTRACT_HOURS:g}",
            )
            if self.weekly_contract_hours > HOURS_PER_WEEK:
                raise InputError(
                    f"weekly contract hours cannot pass the {HOURS_PER_WEEK:g} hours of a week "
                    f"(got {self.weekly_contract_hours:g}); a full-time week is usually 35 to 40"
                )
        if not _whole_non_negative(self.min_agents_open):
            raise SettingError(
                f"minimum agents while open must be a whole number 0 or more, e.g. 1 "
                f"(got {self.min_agents_open})",
                "min_agents_open",
            )
        with _about("email_response_hours"):
            _positive(
                self.email_response_hours,
                "e-mail response hours",
                f"give the working hours to answer an e-mail in, e.g. {DEFAULT_RESPONSE_HOURS:g}",
            )
        start, end = (float(hour) for hour in self.email_hours)
        if not 0 <= start < end <= 24:
            raise SettingError(
                f"e-mail working hours must start before they end, within 0 to 24 "
                f"(got {start:g} to {end:g})",
                "email_hours",
            )
        with _about("chat_concurrency"):
            check_chat_settings(self.chat_concurrency, 0.0)
        with _about("chat_handle_growth"):
            check_chat_settings(DEFAULT_CONCURRENCY, self.chat_handle_growth)

    def channel_of(self, queue: object) -> str:
        """The channel `queue` is staffed on: its own in `queue_channels`, else `channel`."""
        return self.queue_channels.get(str(queue), self.channel)

    def targets(self) -> dict[str, float | None]:
        """The queue targets as keyword arguments of `required_agents`."""
        return {
            "max_occupancy": self.max_occupancy,
            "max_asa_seconds": self.max_asa_seconds,
            "patience_seconds": self.patience_seconds,
            "max_abandon_rate": self.max_abandon_rate,
        }


# Words in a queue's name that say its channel, in the languages the importer reads: Spanish
# "correo", French "courriel", Nordic "e-post"; WhatsApp and Messenger queues are chats.
EMAIL_NAME_WORDS = ("mail", "correo", "courriel", "e-post", "epost")
CHAT_NAME_WORDS = ("chat", "whatsapp", "messenger")


def channel_from_queue_name(queue: str) -> str:
    """The channel a queue's name says: "email"/"mail"/"correo" -> email, "chat"/"whatsapp" ->
    chat, else voice.

    What the app's Staffing page starts a queue on, and the command line's default, so an
    e-mail queue is not sized as calls answered within seconds.
    """
    name = str(queue).casefold()
    if any(word in name for word in EMAIL_NAME_WORDS):
        return "email"
    if any(word in name for word in CHAT_NAME_WORDS):
        return "chat"
    return "voice"


@contextmanager
def _about(setting: str) -> Iterator[None]:
    """Re-raise a refusal inside as a SettingError naming `setting` (a field of the settings)."""
    try:
        yield
    except SettingError:
        raise
    except InputError as error:
        raise SettingError(str(error), setting) from error


def _whole_non_negative(value: object) -> bool:
    """A whole number 0 or more; NaN and infinity (int() raises on them) are not."""
    try:
        return math.isfinite(value) and int(value) == value and value >= 0
    except (TypeError, ValueError):
        return False


def _positive(value: float, label: str, example: str) -> None:
    """Refuse a setting not above 0, its value as typed ("0", not "0.0") and a valid one shown."""
    if value is None or not math.isfinite(value) or value <= 0:
        given = "none" if value is None else f"{value:g}"
        raise InputError(f"{label} must be greater than 0 (got {given}); {example}")


# Erlang formulas take the contacts of an interval as arriving evenly through it; a day's or a
# half-day's contacts crowd into the busy hours, so agents sized on them come out far too few.
MAX_STAFFING_INTERVAL_MINUTES = 60


def _check_interval(interval_minutes: float) -> None:
    _positive(interval_minutes, "interval minutes", "give the intervals' length, e.g. 15")
    if interval_minutes > MAX_STAFFING_INTERVAL_MINUTES:
        grain = (
            "daily totals" if interval_minutes == 1440 else f"{interval_minutes:g}-minute totals"
        )
        raise InputError(
            f"Staffing needs intervals of at most {MAX_STAFFING_INTERVAL_MINUTES} minutes; this "
            f"data has {grain}. Agents sized on them would assume the contacts arrive evenly "
            "through each interval, yet they crowd into the busy hours: far too few agents. "
            "Import per-interval or per-contact data to staff it."
        )


# The intervals a queue of daily e-mail totals is spread over when nothing else in the table
# gives a finer grain: half hours, as the app plans.
DAILY_EMAIL_INTERVAL_MINUTES = 30.0
# Columns holding contacts per row, shared out with a day's total: the volume and the quantiles
# `cli.py forecast` writes.
_CONTACT_COLUMNS = (VOLUME, FORECAST, "p10", "p50", "p80", "p90")


@dataclass
class SpreadEmail:
    """A table whose daily e-mail totals were spread over the e-mail hours."""

    frame: pd.DataFrame
    interval_minutes: float
    queues: list[str]  # the queues spread, as written
    hours: tuple[float, float]  # the hours of the day their mail was spread over


def spread_daily_email(
    frame: pd.DataFrame, interval_minutes: float, settings: StaffingSettings
) -> SpreadEmail:
    """Spread each e-mail queue given as one total a day (every row at midnight, a day or more
    apart) evenly over that day's intervals inside the e-mail hours, so a mailbox exported per
    day plans beside calls per interval, or alone on half hours. Staffed as they came, a day's
    mail arrived in its midnight interval and nobody was rostered the rest of the day (or the
    table was refused as daily totals). Other tables come back as they were."""
    unchanged = SpreadEmail(frame, float(interval_minutes), [], settings.email_hours)
    if not isinstance(frame, pd.DataFrame) or INTERVAL_START not in frame or frame.empty:
        return unchanged
    names = frame[QUEUE].astype(str).unique() if QUEUE in frame else ["all"]
    if not any(settings.channel_of(name) == "email" for name in names):
        return unchanged
    frame = frame.reset_index(drop=True)
    starts = interval_starts(frame)
    queues = _queue_names(frame) if QUEUE in frame else np.full(len(frame), "all")
    whole_table_daily = interval_minutes > MAX_STAFFING_INTERVAL_MINUTES
    daily = np.zeros(len(frame), dtype=bool)
    spread_queues = []
    for queue in pd.unique(queues):
        rows = queues == queue
        if settings.channel_of(str(queue)) != "email":
            continue
        days = pd.DatetimeIndex(starts[rows].sort_values())
        one_a_day = bool((days == days.normalize()).all()) and (len(days) > 1 or whole_table_daily)
        if one_a_day and (days[1:] - days[:-1] >= pd.Timedelta(days=1)).all():
            daily |= rows
            spread_queues.append(str(queue))
    if not spread_queues or (whole_table_daily and not daily.all()):
        return unchanged  # a day's calls or chats cannot be staffed: refused as daily totals
    _demand_table(
        frame, settings, interval_minutes
    )  # a bad row is refused naming its row in the table as given
    step = float(interval_minutes) if not whole_table_daily else DAILY_EMAIL_INTERVAL_MINUTES
    offsets = np.arange(0.0, 24 * 60.0, step)
    start_hour, end_hour = settings.email_hours
    inside = (offsets / 60 >= start_hour) & (offsets / 60 < end_hour)
    offsets = offsets[inside] if inside.any() else offsets
    count = len(offsets)
    mail = frame[daily].loc[lambda rows: rows.index.repeat(count)].copy()
    mail[INTERVAL_START] = starts[daily].repeat(count).to_numpy() + np.tile(
        pd.to_timedelta(offsets, unit="min").to_numpy(), int(daily.sum())
    )
    for column in _CONTACT_COLUMNS:
        if column in mail:
            mail[column] = pd.to_numeric(mail[column], errors="coerce") / count
    rest = frame[~daily].assign(**{INTERVAL_START: starts[~daily].to_numpy()})
    spread = pd.concat([rest, mail], ignore_index=True)
    return SpreadEmail(spread, step, spread_queues, (start_hour, end_hour))


@dataclass
class SpreadQueues:
    """A table whose coarser queues were spread over its intervals."""

    frame: pd.DataFrame
    grains: dict[str, float]  # queue as written -> the minutes between its own rows


def spread_coarse_queues(
    frame: pd.DataFrame, interval_minutes: float, settings: StaffingSettings
) -> SpreadQueues:
    """Spread each queue whose rows come a whole number of the table's intervals apart, at
    most an hour (an hourly queue beside quarter hours), evenly over the intervals each row
    spans: the same contacts an hour, so Erlang sizes the same agents as on its own grain.
    Staffed as they came, an hour's contacts read as arriving in its first quarter hour (some
    four times the agents) and its other three quarters as missing, staffed by nobody."""
    unchanged = SpreadQueues(frame, {})
    if not isinstance(frame, pd.DataFrame) or INTERVAL_START not in frame or frame.empty:
        return unchanged
    frame = frame.reset_index(drop=True)
    starts = interval_starts(frame)
    queues = _queue_names(frame) if QUEUE in frame else np.full(len(frame), "all")
    step = pd.Timedelta(minutes=float(interval_minutes))
    repeats = np.ones(len(frame), dtype=int)
    grains = {}
    for queue in pd.unique(queues):
        rows = queues == queue
        own = pd.DatetimeIndex(starts[rows]).unique().sort_values()
        if len(own) < 2:
            continue
        gaps = (own[1:] - own[:-1]) / step
        grain = float(gaps.min())
        count = round(grain)
        whole = np.allclose(gaps / count, np.round(gaps / count)) and abs(grain - count) < 1e-9
        if count < 2 or not whole or count * interval_minutes > MAX_STAFFING_INTERVAL_MINUTES:
            continue
        repeats[rows] = count
        grains[str(queue)] = count * float(interval_minutes)
    if not grains:
        return unchanged
    _demand_table(
        frame, settings, interval_minutes
    )  # a bad row is refused naming its row in the table as given
    spread = frame.loc[frame.index.repeat(repeats)].copy()
    # each row's position among its copies: 0, 1, ... count - 1
    offset = np.arange(len(spread)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    spread[INTERVAL_START] = starts.repeat(repeats).to_numpy() + offset * step.to_timedelta64()
    shares = np.repeat(repeats, repeats).astype(float)
    for column in _CONTACT_COLUMNS:
        if column in spread:
            spread[column] = pd.to_numeric(spread[column], errors="coerce") / shares
    return SpreadQueues(spread.reset_index(drop=True), grains)


def check_email_window(
    settings: StaffingSettings, queues: Iterable[str], interval_minutes: float
) -> None:
    """Refuse an e-mail response window shorter than one interval when any of `queues` is
    staffed as e-mail (see response_window_intervals); a window no queue uses is left alone.
    Run before the slow forecast too, so a plan is refused before any work is done."""
    if any(settings.channel_of(queue) == "email" for queue in queues):
        response_window_intervals(settings.email_response_hours, float(interval_minutes) * 60.0)


@dataclass
class PlanSummary:
    """Headline figures of a plan; money in the settings' currency (EUR by default)."""

    horizon_days: float
    peak_agents: float
    peak_rostered: float
    peak_supervisors: float
    # The peak at one per 15 people rostered .. the peak at one per 8, so it holds them.
    supervisors_band: tuple[float, float]
    agent_paid_hours: float
    supervisor_paid_hours: float
    paid_hours: float
    fte: float  # agents and supervisors on the weekly contract
    agent_fte: float
    supervisor_fte: float
    cost_horizon: float
    cost_per_day: float
    cost_per_week: float
    # Service is volume-weighted over the live queues (voice, chat); a plan of e-mail queues
    # only reports the e-mail figures (answered within the window, mean response time).
    # NaN when no contact is expected (see NO_CONTACTS_NOTE): nobody to serve, nothing to score.
    service_level: float
    asa_seconds: float
    occupancy: float  # time busy over time staffed
    abandon_rate: float | None  # None without patience (Erlang C); NaN without contacts
    peak_backlog: float  # e-mail items open at the end of the worst interval
    agent_hourly_cost: float
    supervisor_hourly_cost: float
    weekly_contract_hours: float
    contacts: float = 0.0  # the contacts the service figures are measured on
    # Where each peak falls (the first of equals, over all queues): with several queues the
    # most agents and the most people rostered can fall in different intervals.
    peak_agents_start: pd.Timestamp | None = None
    peak_rostered_start: pd.Timestamp | None = None
    # A plan of e-mail queues only: its service level is the share answered within this
    # response window (hours) and its ASA the mean response time.
    email_window_hours: float | None = None
    # A plan mixing e-mail with calls or chats, whose service figures are the live queues':
    # the share of its e-mails answered within the response window, said beside them.
    email_service_level: float | None = None
    live_contacts: str = "calls and chats"  # what the live service figures count
    # E-mail is not worked some of the horizon (closed, or outside the e-mail hours): its
    # window is then counted in working hours, its response time on the clock.
    email_clock_stops: bool = False

    @property
    def has_contacts(self) -> bool:
        """Whether any contact is expected: without one, service level, ASA (or e-mail
        response time) and abandonment are not defined and read NaN."""
        return self.contacts > 0


# Why a plan without contacts shows no service figures, for every place that shows its summary.
NO_CONTACTS_NOTE = (
    "No contacts are expected, so service level, waiting time and abandonment are not defined "
    "(shown as —), and occupancy is 0%: any agents and cost are the minimum kept while the queue "
    "is open, with nothing to answer."
)


def slow_email_note(plan: pd.DataFrame, settings: StaffingSettings) -> str | None:
    """The e-mail queues whose mails take longer to handle than the response window: those are
    late whatever the staffing, which the agents' figures alone do not show (the window then
    reads as setting them)."""
    window = settings.email_response_hours * 3600.0
    mail = plan[(plan["channel"] == "email") & (plan[VOLUME] > 0)]
    if IS_OPEN in mail:
        mail = mail[mail[IS_OPEN].to_numpy(dtype=bool)]
    too_slow = mail[AHT_SECONDS].to_numpy(dtype=float) > window + 1e-9
    if not too_slow.any():
        return None
    parts = []
    for queue, rows in mail.groupby(QUEUE, sort=True):
        slow = rows[AHT_SECONDS].to_numpy(dtype=float) > window + 1e-9
        if not slow.any():
            continue
        volume = rows[VOLUME].to_numpy(dtype=float)
        share = volume[slow].sum() / volume.sum()
        which = "every e-mail" if share >= 1 else f"{share:.0%} of the e-mails"
        longest = float(rows[AHT_SECONDS].to_numpy(dtype=float)[slow].max())
        parts.append(
            f"{which} of '{queue}' (handle time {'up to ' if share < 1 else ''}"
            f"{duration_text(longest)})"
        )
    window_text = f"{settings.email_response_hours:g}-hour"
    every = len(parts) == 1 and parts[0].startswith("every")
    verb, late = ("takes", "is answered") if every else ("take", "are answered")
    return (
        f"{' and '.join(parts)} {verb} longer to handle than the {window_text} response window, "
        f"so {late} late whatever the staffing; give a response window at least as long "
        "as the handle time, or check the handle time's unit"
    )


def short_horizon_fte_note(summary: PlanSummary) -> str | None:
    """What the FTE of a plan shorter than a week stands for. FTE is paid hours per week over
    the contract (staffing.cost), so the days planned are read as every day of a week: 4 busy
    half hours on a Monday read 8.1 FTE, as if the desk were as busy every day. The paid hours
    of the days themselves are said beside it."""
    days = summary.horizon_days
    if not 0 < days < 7 or not summary.fte:
        return None
    hours = days * 24
    if abs(hours - round(hours / 24) * 24) > 1e-6:
        # A night the clocks change makes the span 23 or 25 hours a day: "312.0 paid hours a
        # day" beside "the 1 days alone take 299.0" read wrong, so the span is said in hours.
        lived = f"{hours:,.1f}".removesuffix(".0")
        span = f"{lived} hours"
        return (
            f"the {summary.fte:,.1f} FTE read the {span} planned as every hour of a week: "
            f"{summary.paid_hours:,.1f} paid hours × {HOURS_PER_WEEK:g} / {lived} h / "
            f"{summary.weekly_contract_hours:g} h a contract. The {span} alone take "
            f"{summary.paid_hours:,.1f} paid hours "
            f"({summary.paid_hours / summary.weekly_contract_hours:,.1f} weekly contracts); plan "
            "a whole week for the people a week needs"
        )
    one = round(days, 2) == 1
    planned = "1 day" if one else f"{days:,.1f}".removesuffix(".0") + " days"
    per_day = summary.paid_hours / days
    return (
        f"the {summary.fte:,.1f} FTE read the {planned} planned as every day of a week: "
        f"{per_day:,.1f} paid hours a day{'' if one else ' on average'} × 7 / "
        f"{summary.weekly_contract_hours:g} h a contract. {'The day' if one else f'The {planned}'} alone "
        f"{'takes' if one else 'take'} {summary.paid_hours:,.1f} paid hours "
        f"({summary.paid_hours / summary.weekly_contract_hours:,.1f} weekly contracts); plan a "
        "whole week for the people a week needs"
    )


def measured_chat_handle_note(
    settings: StaffingSettings, measured: dict[str, float], source: str = "the history"
) -> str | None:
    """The chat queues whose handle time (`measured`, queue -> seconds) was taken from data and
    is then stretched by the handle-time growth for agents juggling chats (staffing.chat). A
    chat export's handle time is usually measured while agents juggled, so it may hold that
    stretch already and be counted twice (25% more agent time at 2 chats)."""
    stretch = 1.0 + settings.chat_handle_growth * (settings.chat_concurrency - 1)
    chats = {
        queue: seconds
        for queue, seconds in measured.items()
        if settings.channel_of(queue) == "chat" and seconds > 0
    }
    if stretch <= 1.0 or not chats:
        return None
    named = ", ".join(
        f"'{queue}' {seconds:,.0f} s to {seconds * stretch:,.0f} s"
        for queue, seconds in sorted(chats.items())
    )
    return (
        f"the chat handle times come from {source} and are stretched by the handle-time growth "
        f"of {settings.chat_handle_growth:.0%} per extra chat at {settings.chat_concurrency} "
        f"chats at once ({named}); if they were measured while agents juggled chats, as chat "
        "exports usually are, they hold that stretch already: set the chat handle-time growth "
        "to 0"
    )


def mean_handle_times(plan: pd.DataFrame) -> dict[str, float]:
    """Each queue's handle time in `plan`, weighted by its contacts (plain mean without any)."""
    means = {}
    for queue, rows in plan.groupby(QUEUE, sort=True):
        aht = rows[AHT_SECONDS].to_numpy(dtype=float)
        weight = rows[VOLUME].to_numpy(dtype=float)
        means[str(queue)] = float(
            np.average(aht, weights=weight) if weight.sum() > 0 else aht.mean()
        )
    return means


def service_level_text(summary: PlanSummary) -> str:
    """The summary's service level as a sentence reads it: "84.2%", or "— (no contacts)"."""
    return f"{summary.service_level:.1%}" if summary.has_contacts else "— (no contacts)"


def service_text(summary: PlanSummary, live_extra: str = "") -> str:
    """The service a summary line reports: "service level 84.2%", or for a plan of e-mail
    queues what its figures are, "100.0% of e-mails answered within the 4-hour response
    window, mean response time 7.1 h" (a bare 'service level 100.0%' read as calls answered in
    seconds, and the response time was not said at all). A plan mixing e-mail with calls or
    chats says both, its service level being the calls' and chats' alone. `live_extra`
    follows the calls' and chats' figures (", 15.9% abandon"), never the e-mails'."""
    # Where e-mail is not worked round the clock the window counts working hours and the
    # response time clock hours, as email_clock_sentence says after the line.
    if summary.email_service_level is not None and summary.has_contacts:
        return (
            f"service level {summary.service_level:.1%} on the {summary.live_contacts}"
            f"{live_extra}, "
            f"{summary.email_service_level:.1%} of e-mails answered within the "
            f"{summary.email_window_hours:g}-hour response window"
        )
    if summary.email_window_hours is None or not summary.has_contacts:
        return f"service level {service_level_text(summary)}{live_extra}"
    if summary.email_clock_stops:  # its response time in a sentence: email_clock_sentence
        return (
            f"{summary.service_level:.1%} of e-mails answered within the "
            f"{summary.email_window_hours:g}-hour response window"
        )
    return (
        f"{summary.service_level:.1%} of e-mails answered within the "
        f"{summary.email_window_hours:g}-hour response window, mean response time "
        f"{summary.asa_seconds / 3600:,.1f} h"
    )


def email_clock_sentence(summary: PlanSummary) -> str:
    """'. The response window counts only the hours e-mail is worked; the mean response time,
    2.6 h, counts every hour on the clock, ...' after a plan of e-mail queues not worked round
    the clock, or '': the two clocks in one clause read 'mean response time 2.6 h on the clock, hours
    e-mail is not worked included on the mean forecast'. A plan mixing e-mail with calls or
    chats gives no mean response time, its ASA being the calls' and chats'."""
    if not summary.email_clock_stops or not summary.has_contacts:
        return ""
    if summary.email_service_level is not None:
        return ". The e-mails' response window counts only the hours e-mail is worked"
    return (
        ". The response window counts only the hours e-mail is worked; the mean response time, "
        f"{summary.asa_seconds / 3600:,.1f} h, counts every hour on the clock, the hours e-mail "
        "is not worked included"
    )


def plan_staffing(
    frame: pd.DataFrame, interval_minutes: float, settings: StaffingSettings | None = None
) -> pd.DataFrame:
    """Staff every interval of every queue; rows sorted by queue then interval_start.

    `frame` needs interval_start and volume (or forecast); aht_seconds (unknown or 0 -> the
    settings' AHT), is_open and queue are optional. Columns returned: interval_start, queue,
    channel, volume, aht_seconds, is_open, agents, limit (the limit that sets the agents, see
    staffing.limits), rostered, supervisors, service_level, asa_seconds, occupancy,
    abandon_rate (with patience), backlog (e-mail; 0 elsewhere), paid_hours, cost.
    """
    settings = settings or StaffingSettings()
    demand = _demand_table(frame, settings, interval_minutes)
    _check_interval(interval_minutes)
    check_email_window(settings, demand[QUEUE].unique(), interval_minutes)
    _check_workload(frame, demand, float(interval_minutes), settings)
    parts = [
        _plan_queue(rows, float(interval_minutes), settings, str(queue))
        for queue, rows in demand.groupby(QUEUE, sort=True)
    ]
    columns = _plan_columns(settings)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


# More agents than any contact center could have on one queue at once: the largest operators
# employ a few hundred thousand people worldwide, spread over thousands of clients and around
# the clock, and the largest single sites seat some tens of thousands. A forecast needing more
# is in the wrong unit (a day's or a cumulative count per interval, milliseconds of handling),
# and its plan read as billions of agents and a cost nobody checks.
MOST_AGENTS_PER_INTERVAL = 1_000_000


def _check_workload(
    frame: pd.DataFrame, demand: pd.DataFrame, interval_minutes: float, settings: StaffingSettings
) -> None:
    """Refuse an interval whose workload alone keeps more than MOST_AGENTS_PER_INTERVAL agents
    busy (at the occupancy cap): no real center staffs one queue so. It also keeps the count
    well below queueing.MAX_AGENTS, beyond which it overflowed into 1 agent and a 0% service level."""
    with np.errstate(over="ignore"):  # an overflow is refused below, as any huge workload
        load = demand[VOLUME].to_numpy() * demand[AHT_SECONDS].to_numpy() / (interval_minutes * 60)
    chat_stretch = 1.0 + settings.chat_handle_growth * (settings.chat_concurrency - 1)
    stretch = _read_each_value(
        demand[QUEUE], lambda queue: chat_stretch if settings.channel_of(queue) == "chat" else 1.0
    ).astype(float)
    with np.errstate(over="ignore", invalid="ignore"):
        servers = load * stretch / settings.max_occupancy
    too_many = ~(servers <= MOST_AGENTS_PER_INTERVAL)  # NaN (inf x 0) too
    if too_many.any():
        row = int(np.flatnonzero(too_many)[0])
        busy = float(servers[row])
        need = (  # beyond 1e15 the digits are noise; beyond float64, there is no count
            f"at least {busy:,.0f} agents"
            if busy < 1e15
            else f"at least {busy:.1e} agents"
            if busy < math.inf
            else "more agents than can be counted"
        )
        raise InputError(
            f"{_row_label(frame.reset_index(drop=True), int(demand.index[row]))}: "
            f"{_cell_text(demand[VOLUME].iloc[row])} contacts of "
            f"{_cell_text(demand[AHT_SECONDS].iloc[row])} s each in one "
            f"{interval_minutes:g}-minute interval need {need}, yet no contact center has more "
            f"than {MOST_AGENTS_PER_INTERVAL:,} on one queue at once; check the volume and "
            "aht_seconds units (contacts per interval, not per day or a running total; handle "
            "time in seconds, not milliseconds)"
        )


# Service figures of an interval with nobody to serve: shown blank rather than as a perfect score.
UNSERVED_BLANK_COLUMNS = (
    "service_level", "asa_seconds", "occupancy", "abandon_rate", "answered_asa_seconds"
)  # fmt: skip


def blank_when_closed(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan as read interval by interval: service figures blank (NaN) where the desk is
    closed and no contact is expected.

    Such an interval's 100% service level and 0 s answer are true but read as if someone were
    there to deliver them. Summaries weight by contacts, so they keep using the plan itself; a
    closed interval that still expects contacts keeps its figures (nobody answers them).
    """
    if IS_OPEN not in plan or VOLUME not in plan:
        return plan
    unserved = ~plan[IS_OPEN].fillna(False).astype(bool) & (
        pd.to_numeric(plan[VOLUME], errors="coerce").fillna(0) <= 0
    )
    columns = [name for name in UNSERVED_BLANK_COLUMNS if name in plan]
    shown = plan.copy()
    shown[columns] = shown[columns].astype(float)
    shown.loc[unserved, columns] = np.nan
    return shown


def _plan_columns(settings: StaffingSettings) -> list[str]:
    staff = list(STAFF_COLUMNS)
    staff.insert(staff.index("agents") + 1, LIMIT)  # what sets the agents, read beside them
    columns = [INTERVAL_START, QUEUE, "channel", VOLUME, AHT_SECONDS, IS_OPEN, *staff]
    if settings.patience_seconds is not None:
        columns += ["abandon_rate", "answered_asa_seconds"]
    return [*columns, "backlog", "paid_hours", "cost"]


def _row_label(frame: pd.DataFrame, position: int) -> str:
    value = frame[INTERVAL_START].iloc[position]
    blank = (
        value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()
    )
    return f"row {position + 2} (interval_start {'empty' if blank else value})"


def _refuse_first(frame: pd.DataFrame, bad: np.ndarray, says: Callable[[int], str]) -> None:
    """Refuse the first row flagged `bad`, naming it: "row 5 (interval_start ...): <says>"."""
    if bad.any():
        position = int(np.flatnonzero(bad.astype(bool))[0])
        raise InputError(f"{_row_label(frame, position)}: {says(position)}")


def _cell_text(value: object) -> str:
    """A table cell as an error names it: -5, 'abc', empty (never np.int64(-5) or nan)."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(value) or (isinstance(value, str) and not value.strip()):
        return "empty or not a number"
    if pd.isna(number):
        return repr(str(value))
    if not math.isfinite(float(number)):
        return "infinite"
    return f"{float(number):g}"


# How an is_open cell may be written; a blank cell reads closed.
OPEN_WORDS = frozenset({"true", "1", "1.0", "yes", "y", "open", "t"})
CLOSED_WORDS = frozenset({"false", "0", "0.0", "no", "n", "closed", "f"})


def open_flags(frame: pd.DataFrame) -> np.ndarray:
    """The is_open column as booleans. Text is read by its words: any non-empty text is True
    to Python, so "no" and "false" used to staff a closed interval; other text is refused."""
    values = frame[IS_OPEN]
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).to_numpy(dtype=bool)
    words = _read_each_value(
        values, lambda cell: "" if pd.isna(cell) else str(cell).strip().casefold()
    )
    opened = np.isin(words, list(OPEN_WORDS))
    closed = np.isin(words, list(CLOSED_WORDS)) | (words == "")
    _refuse_first(
        frame,
        ~(opened | closed),
        lambda row: (
            f"'{IS_OPEN}' is {str(values.iloc[row])!r}; write true or false (also read: "
            "yes/no, 1/0, open/closed)"
        ),
    )
    return opened


def _queue_names(frame: pd.DataFrame) -> np.ndarray:
    """The queue column as text; a blank name is refused, as its rows would be left out of
    every queue (grouping drops missing keys) and their contacts staffed by nobody."""
    values = frame[QUEUE]
    blank = _read_each_value(values, lambda cell: pd.isna(cell) or str(cell).strip() == "")
    _refuse_first(
        frame,
        blank,
        lambda _: (
            f"'{QUEUE}' is empty; name the queue of every row (or drop the queue column "
            "for a single queue)"
        ),
    )
    return _read_each_value(values, _queue_text)


def _read_each_value(values: pd.Series, read: Callable[[object], object]) -> np.ndarray:
    """`read` of every cell, called once per distinct value: a year of intervals repeats a
    handful of queue names and open flags, and a Python call per row is most of a plan's time."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return np.array([read(value) for value in distinct], dtype=object)[codes]


def _queue_text(name: object) -> str:
    """A queue name as written: a number read from a CSV (2.0) keeps its written form (2)."""
    if isinstance(name, float) and name.is_integer():
        return str(int(name))
    return str(name)


def interval_starts(frame: pd.DataFrame) -> pd.Series:
    """The interval_start column as timestamps; a value that is not a date and time, or a
    UTC offset that differs between rows, is refused naming its row."""
    column = frame[INTERVAL_START].reset_index(drop=True)
    try:
        with warnings.catch_warnings():  # odd formats parse one by one; bad ones named below
            warnings.simplefilter("ignore", UserWarning)
            starts = pd.to_datetime(column, errors="coerce")
    except (ValueError, TypeError):  # several UTC offsets: pandas refuses the whole column
        starts = None
    if starts is not None and not starts.isna().any():
        return starts
    if starts is None:
        wall = _wall_clock_across_a_change(column)
        if wall is not None:
            return wall
    zones = [_zone_of(value) for value in column]
    readable = [zone for zone in zones if zone is not _UNREADABLE]
    for position, zone in enumerate(zones):
        if zone is _UNREADABLE:
            raise InputError(
                f"{_row_label(frame, position)}: '{INTERVAL_START}' is not a date and time"
                + total_row_advice(frame, position)
            )
        if readable and zone != readable[0]:
            first = zones.index(readable[0])
            raise InputError(
                f"{_row_label(frame, position)}: '{INTERVAL_START}' has "
                f"{_zone_words(zone)}, row {first + 2} has {_zone_words(readable[0])}; "
                "write every interval_start on the centre's clock with no offset "
                "(e.g. 2026-01-05 09:00)"
            )
    if starts is not None and starts.notna().any():
        # Each cell reads alone, but not in the layout pandas took from the first one
        # ("2024-04-08 09:00" above "8 April 9:30"): the row that breaks it, not no row at all.
        position = int(np.flatnonzero(starts.isna().to_numpy())[0])
        first = int(np.flatnonzero(starts.notna().to_numpy())[0])
        raise InputError(
            f"{_row_label(frame, position)}: '{INTERVAL_START}' is written unlike row "
            f"{first + 2} ({column.iloc[first]}); write every interval_start the same way, "
            f"e.g. {starts.iloc[first]:%Y-%m-%d %H:%M}"
        )
    raise InputError(f"'{INTERVAL_START}' could not be read as dates and times")


_UNREADABLE = object()


def refuse_total_rows(frame: pd.DataFrame) -> None:
    """Refuse the first row whose interval_start is empty or a label and which a text cell
    labels a total ('Total', 'Grand total' under the queue), before its other columns are
    read: its handle time or volume would be named as the fault."""
    if INTERVAL_START not in frame:
        return
    written = frame[INTERVAL_START].astype("string").str.strip().fillna("")
    suspect = (written == "") | ~written.str.contains(r"\d", regex=True)
    for position in np.flatnonzero(suspect.to_numpy()):
        advice = total_row_advice(frame, int(position))
        if advice:
            raise InputError(
                f"{_row_label(frame, int(position))}: '{INTERVAL_START}' is not a date and "
                f"time{advice}"
            )


def total_row_advice(frame: pd.DataFrame, position: int) -> str:
    """'; it looks like a total row ('Total'), not an interval: delete it ...' where a text
    cell of the row at `position` labels a total, subtotal or statistic (as the import reads
    such labels), else ''. A spreadsheet's forecast often ends with its total."""
    cells = frame.iloc[position]
    label = next(
        (
            cell.strip()
            for cell in cells
            if isinstance(cell, str) and cell.strip() and is_summary_row_label(cell)
        ),
        None,
    )
    if label is None:
        return ""
    return (
        f"; it looks like a total row ({label!r}), not an interval: delete that row (and any "
        "other total or subtotal rows) and run again"
    )


_UTC_OFFSET = r"([+-])(\d{2}):?(\d{2})$"


def _wall_clock_across_a_change(column: pd.Series) -> pd.Series | None:
    """Starts written on the centre's clock with its UTC offset, the offset moving by one hour
    (2026-10-25T02:00:00+02:00, then 02:00:00+01:00 when summer time ends): each on the clock
    it was written on, so the hour a clock goes back is listed twice, as a wall-clock export
    lists it, and the hour it skips not at all. None for any other mix of offsets."""
    text = column.astype(str).str.strip()
    parts = text.str.extract(_UTC_OFFSET)
    if parts.isna().to_numpy().any():
        return None
    sign = np.where(parts[0] == "-", -1, 1)
    minutes = sign * (parts[1].astype(int) * 60 + parts[2].astype(int))
    if minutes.nunique() != 2 or minutes.max() - minutes.min() != 60:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        utc = pd.to_datetime(text, utc=True, errors="coerce")
    if utc.isna().any():
        return None
    wall = (utc + pd.to_timedelta(minutes, unit="min")).dt.tz_localize(None)
    # The offset may only move where a clock changes: a Sunday night of March, April,
    # September, October or November (see staffing.clock_hours), not mid-week in January.
    order = np.argsort(utc.to_numpy(), kind="stable")
    moved = np.flatnonzero(np.diff(minutes.to_numpy()[order]) != 0) + 1
    at = pd.DatetimeIndex(wall.to_numpy()[order][moved])
    changing = (at.day_of_week == SUNDAY) & (at.hour <= 4) & at.month.isin(CLOCK_CHANGE_MONTHS)
    return wall if changing.all() else None


def _zone_of(value: object) -> object:
    """The UTC offset a start is written with (None for none), or _UNREADABLE."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return _UNREADABLE
    if pd.isna(stamp):
        return _UNREADABLE
    return None if stamp.tzinfo is None else stamp.utcoffset()


def _zone_words(zone: object) -> str:
    if zone is None:
        return "no UTC offset"
    minutes = int(pd.Timedelta(zone).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC offset {sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def given_handle_times(frame: pd.DataFrame) -> np.ndarray:
    """The table's aht_seconds as numbers, NaN where blank (the settings' AHT fills those);
    text ("abc", "3 min") or a negative handle time is refused naming its row: a typo, not a
    blank. `frame` has a fresh 0..n-1 index."""
    given = pd.to_numeric(frame[AHT_SECONDS], errors="coerce").to_numpy(dtype=float)
    _refuse_first(
        frame,
        frame[AHT_SECONDS].notna().to_numpy() & ~np.isfinite(given),
        lambda row: (
            f"'{AHT_SECONDS}' is {_cell_text(frame[AHT_SECONDS].iloc[row])}; give "
            "the handle time in seconds (e.g. 300), or leave the cell empty for the default"
        ),
    )
    _refuse_first(
        frame,
        given < 0,
        lambda row: (
            f"'{AHT_SECONDS}' is negative ({given[row]:g}); handle times are 0 or more seconds"
        ),
    )
    return given


def _demand_table(
    frame: pd.DataFrame, settings: StaffingSettings, interval_minutes: float | None = None
) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InputError("the forecast must be a table with interval_start and volume columns")
    volume_column = VOLUME if VOLUME in frame else FORECAST if FORECAST in frame else None
    if INTERVAL_START not in frame or volume_column is None:
        raise InputError(
            f"the forecast table needs columns '{INTERVAL_START}' and '{VOLUME}' (or "
            f"'{FORECAST}'); it has: {', '.join(map(str, frame.columns))}"
        )
    frame = frame.reset_index(drop=True)
    starts = interval_starts(frame)
    volume = pd.to_numeric(frame[volume_column], errors="coerce").to_numpy(dtype=float)
    _refuse_first(
        frame,
        ~np.isfinite(volume) | (volume < 0),
        lambda row: (
            f"'{volume_column}' is {_cell_text(frame[volume_column].iloc[row])}; give "
            "a number of contacts, 0 or more"
        ),
    )
    aht = np.full(len(frame), float(settings.aht_seconds))
    if AHT_SECONDS in frame:
        given = given_handle_times(frame)
        aht = np.where(np.isfinite(given) & (given > 0), given, aht)
    is_open = open_flags(frame) if IS_OPEN in frame else np.ones(len(frame), dtype=bool)
    queues = _queue_names(frame) if QUEUE in frame else np.full(len(frame), "all")
    demand = pd.DataFrame(
        {
            INTERVAL_START: starts.to_numpy(),
            QUEUE: queues,
            VOLUME: volume,
            AHT_SECONDS: aht,
            IS_OPEN: is_open,
        }
    )
    demand = demand.sort_values([QUEUE, INTERVAL_START], kind="stable")
    # Sorted, a repeated interval sits right after its first row (cheaper than duplicated()).
    queue_column, start_column = demand[QUEUE].to_numpy(), demand[INTERVAL_START].to_numpy()
    repeated = (queue_column[1:] == queue_column[:-1]) & (start_column[1:] == start_column[:-1])
    if repeated.any():
        demand = _with_repeated_hours(frame, demand, interval_minutes)
    return demand


def _with_repeated_hours(
    frame: pd.DataFrame, demand: pd.DataFrame, interval_minutes: float | None
) -> pd.DataFrame:
    """`demand` whose intervals listed twice are the hour a clock going back repeats (see
    staffing.clock_hours), both kept in the order lived: two hours of contacts to staff. Any
    other interval listed twice is refused, naming its row."""
    # The second listing in the file is the second hour lived (standard time).
    occurrence = demand.sort_index().groupby([QUEUE, INTERVAL_START]).cumcount()
    occurrence = occurrence.reindex(demand.index).to_numpy()
    allowed = np.zeros(len(demand), dtype=bool)
    order = pd.Series(demand[INTERVAL_START].to_numpy(), index=demand.index)
    if interval_minutes is not None:
        for queue in pd.unique(demand[QUEUE]):
            mine = (demand[QUEUE] == queue).to_numpy()
            starts = demand.loc[mine, INTERVAL_START]
            hours = repeated_hours(starts, occurrence[mine], interval_minutes)
            for first, last in hours:
                allowed[mine] |= demand[INTERVAL_START].between(first, last).to_numpy()[mine]
            order[mine] = elapsed_order(starts, occurrence[mine], hours)
    bad = (occurrence > 1) | ((occurrence == 1) & ~allowed)
    if bad.any():
        raise InputError(
            f"{_row_label(frame, int(demand.index[bad].min()))}: the same "
            "interval appears twice for one queue; keep one row per interval"
        )
    demand = demand.assign(_lived=order.to_numpy())
    return demand.sort_values([QUEUE, "_lived"], kind="stable").drop(columns="_lived")


def _plan_queue(
    rows: pd.DataFrame,
    interval_minutes: float,
    settings: StaffingSettings,
    queue: str,
    given_agents: np.ndarray | None = None,
) -> pd.DataFrame:
    """One queue's plan; with `given_agents` it keeps them and reports what they achieve."""
    channel = settings.channel_of(queue)
    interval_seconds = interval_minutes * 60.0
    volume, aht = rows[VOLUME].to_numpy(), rows[AHT_SECONDS].to_numpy()
    is_open = rows[IS_OPEN].to_numpy()
    open_for_mail = np.asarray(is_open, dtype=bool)
    if channel == "email":
        is_open = is_open & _within_hours(rows[INTERVAL_START], settings.email_hours)
    if given_agents is not None:
        agents = given_agents
        limit = np.full(len(rows), AS_GIVEN, dtype=object)  # typed in, not sized
    else:
        needed = _needed_agents(volume, aht, interval_seconds, settings, channel, is_open)
        floor = 0 if channel == "email" else int(settings.min_agents_open)
        agents = np.where(is_open, np.maximum(needed, floor), 0)
        limit = interval_limits(volume, aht, interval_seconds, settings, channel, is_open, agents)
        if channel == "email":
            # Mail arrives then but waits for the working hours: "closed" beside an open
            # interval would read as a desk shut to mail.
            worked = np.asarray(is_open, dtype=bool)
            limit = np.where(open_for_mail & ~worked, OUTSIDE_EMAIL_HOURS, limit)
    metrics = achieved_metrics(volume, aht, interval_seconds, agents, settings, channel, is_open)
    rostered = rostered_agents(agents, settings.shrinkage, settings.fractional_agents)
    supervisors = supervisors_needed(rostered, settings.supervisor_span, settings.fractional_agents)
    plan = rows.reset_index(drop=True).assign(
        channel=channel, agents=agents, limit=limit, rostered=rostered, supervisors=supervisors
    )
    for name in (
        "service_level", "asa_seconds", "occupancy", "abandon_rate", "answered_asa_seconds",
        "backlog",
    ):  # fmt: skip
        if name in metrics:
            plan[name] = metrics[name].to_numpy()
        elif name == "answered_asa_seconds" and settings.patience_seconds is not None:
            plan[name] = np.nan  # e-mail: no caller hangs up, its response time is asa_seconds
        elif name == "backlog" or settings.patience_seconds is not None:
            plan[name] = 0.0
    plan["paid_hours"] = paid_hours(rostered + supervisors, interval_minutes)
    plan["cost"] = interval_cost(
        rostered,
        supervisors,
        interval_minutes,
        settings.agent_hourly_cost,
        settings.supervisor_hourly_cost,
    )
    return plan


def _within_hours(starts: pd.Series, hours: tuple[float, float]) -> np.ndarray:
    """Intervals starting inside [start, end) hours of the day."""
    times = pd.to_datetime(starts)
    hour = (times.dt.hour + times.dt.minute / 60.0).to_numpy()
    return (hour >= hours[0]) & (hour < hours[1])


def _needed_agents(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: float,
    settings: StaffingSettings,
    channel: str,
    is_open: np.ndarray,
) -> np.ndarray:
    if channel == "email":
        return email_plan(
            volume,
            aht,
            interval_seconds,
            settings.email_response_hours,
            is_open,
            settings.max_occupancy,  # the productive share of an e-mail agent's time
        )["agents"].to_numpy()
    return _per_channel(
        required_agents, chat_required_agents, volume, aht, interval_seconds, settings, channel
    )


def _per_channel(
    voice: Callable[..., Any],
    chat: Callable[..., Any],
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: float,
    settings: StaffingSettings,
    channel: str,
    *given: object,
) -> Any:
    """`voice(...)` or, for a chat queue, `chat(...)` on the settings' targets: the queue
    functions share one argument order, `given` (e.g. agents) after the interval length and
    the chat concurrency after the service target."""
    head = (volume, aht, interval_seconds, *given)
    target = (settings.service_level, settings.answer_within_seconds)
    if channel == "chat":
        concurrency = (settings.chat_concurrency, settings.chat_handle_growth)
        return chat(*head, *target, *concurrency, **settings.targets())
    return voice(*head, *target, **settings.targets())


def interval_limits(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: float,
    settings: StaffingSettings,
    channel: str,
    is_open: np.ndarray,
    agents: np.ndarray,
) -> np.ndarray:
    """The plan's `limit` column: per interval, the limit that sets the sized `agents`.

    The same names `binding_limit` gives on `limit_needs`, without sizing every target on its
    own: voice and chat judge each target once, one agent short of the plan (first_failing).
    E-mail's one limit needs nothing sized.
    """
    if channel == "email":
        needs = limit_needs(volume, aht, interval_seconds, settings, channel, is_open, agents)
        return binding_limit(needs, volume, is_open)
    # Only staffed intervals with contacts can have a target failing; the rest read closed,
    # no contacts or the minimum whatever the targets say.
    rows = np.flatnonzero(np.asarray(is_open, dtype=bool) & (agents > 0) & (volume > 0))
    failing = _per_channel(
        failing_targets, chat_failing_targets, volume[rows], aht[rows], interval_seconds,
        settings, channel, agents[rows] - 1,
    )  # fmt: skip
    everywhere = {}
    for name, fails in failing.items():
        everywhere[name] = np.zeros(np.size(volume), dtype=bool)
        everywhere[name][rows] = fails
    return first_failing(everywhere, agents, volume, is_open)


def limit_needs(
    volume: np.ndarray,
    aht: np.ndarray,
    interval_seconds: float,
    settings: StaffingSettings,
    channel: str,
    is_open: np.ndarray,
    email_agents: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """The agents each limit alone needs per interval, by name (see staffing.limits).

    Voice and chat: each queue target (through the functions that size the agents, the other
    targets lifted) and the minimum while open. E-mail: the response window, which is
    `email_agents` when given (its sizing carries work from one interval to the next, so it
    has no per-interval split).
    """
    if channel == "email":
        if email_agents is None:
            email_agents = _needed_agents(volume, aht, interval_seconds, settings, channel, is_open)
        return {RESPONSE_WINDOW: np.where(is_open, email_agents, 0)}
    needs = _per_channel(
        agents_per_target, chat_agents_per_target, volume, aht, interval_seconds, settings, channel
    )
    if settings.min_agents_open > 0:
        needs[MINIMUM_OPEN] = np.where(is_open, int(settings.min_agents_open), 0)
    return needs


def achieved_metrics(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    agents: np.ndarray,
    settings: StaffingSettings,
    channel: str = "voice",
    is_open: np.ndarray | None = None,
) -> pd.DataFrame:
    """Reverse what-if: what a given number of agents per interval achieves on a channel."""
    if channel == "email":
        return email_plan(
            volume,
            aht_seconds,
            interval_seconds,
            settings.email_response_hours,
            is_open,
            settings.max_occupancy,
            agents=agents,
        )
    if channel == "chat":
        return chat_metrics(
            volume,
            aht_seconds,
            interval_seconds,
            agents,
            settings.answer_within_seconds,
            settings.chat_concurrency,
            settings.chat_handle_growth,
            settings.patience_seconds,
        )
    return queue_metrics(
        volume,
        aht_seconds,
        interval_seconds,
        agents,
        settings.answer_within_seconds,
        settings.patience_seconds,
    )


def evaluate_staffing(
    frame: pd.DataFrame, interval_minutes: float, settings: StaffingSettings | None = None
) -> pd.DataFrame:
    """Reverse what-if for a table that already has an `agents` column (per queue and interval).

    Returns the same columns as `plan_staffing`, with the given agents kept as they are.
    """
    settings = settings or StaffingSettings()
    if "agents" not in frame:
        raise InputError("the staffing table needs an 'agents' column with agents per interval")
    agents = pd.to_numeric(frame["agents"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(agents) | (agents < 0)
    if bad.any():
        raise InputError(
            f"{_row_label(frame.reset_index(drop=True), int(np.flatnonzero(bad)[0]))}"
            ": 'agents' must be a number 0 or more"
        )
    demand = _demand_table(frame, settings, interval_minutes)
    given = np.floor(agents[demand.index.to_numpy()]).astype(np.int64)
    _check_interval(interval_minutes)
    check_email_window(settings, demand[QUEUE].unique(), interval_minutes)
    parts = [
        _plan_queue(rows, float(interval_minutes), settings, str(queue),
                    given[demand.index.get_indexer(rows.index)])
        for queue, rows in demand.groupby(QUEUE, sort=True)
    ]  # fmt: skip
    return pd.concat(parts, ignore_index=True)[_plan_columns(settings)]


def plan_sized_on(
    frame: pd.DataFrame,
    sizing_volume: np.ndarray,
    interval_minutes: float,
    settings: StaffingSettings | None = None,
) -> pd.DataFrame:
    """Agents sized on `sizing_volume` (per row of `frame`: a busy day's quantile such as P80),
    every other figure what those agents deliver on the frame's own volume, the contacts to
    expect. Sized and judged on the quantile alike, a plan would report the target service level
    whatever buffer it buys. Columns of `plan_staffing`, `limit` the sizing's and
    `sized_for_volume` after `volume`."""
    settings = settings or StaffingSettings()
    frame = frame.reset_index(drop=True)
    column = VOLUME if VOLUME in frame else FORECAST
    sized = plan_staffing(frame.assign(**{column: sizing_volume}), interval_minutes, settings)
    # The plan lists rows by queue and interval: put its agents back on the frame's own rows.
    agents = np.empty(len(frame))
    agents[_demand_table(frame, settings, interval_minutes).index.to_numpy()] = sized[
        "agents"
    ].to_numpy()
    plan = evaluate_staffing(frame.assign(agents=agents), interval_minutes, settings)
    plan["limit"] = sized["limit"].to_numpy()
    plan.insert(plan.columns.get_loc(VOLUME) + 1, SIZED_FOR_VOLUME, sized[VOLUME].to_numpy())
    return plan


def summarise_plan(
    plan: pd.DataFrame,
    interval_minutes: float,
    settings: StaffingSettings | None = None,
    horizon_hours: float | None = None,
) -> PlanSummary:
    """Peaks, paid hours, FTE, cost per day/week/horizon and the service the plan delivers.

    `horizon_hours`: the time the plan covers, which FTE and cost per day/week spread the paid
    hours over; default: its distinct intervals, right when the plan lists closed ones too."""
    settings = settings or StaffingSettings()
    interval_hours = float(interval_minutes) / 60.0
    lived = interval_keys(plan)
    by_interval = plan.groupby(lived)[["agents", "rostered", "supervisors"]].sum()
    slots = len(by_interval)
    if horizon_hours is None:
        horizon_hours = slots * interval_hours
    fewest, most = supervisor_band(plan["rostered"].to_numpy()) if len(plan) else ([], [])
    band = pd.DataFrame({"fewest": fewest, "most": most}, index=plan.index)
    band = band.groupby(lived)[["fewest", "most"]].sum()
    agent_hours = float(paid_hours(plan["rostered"].sum(), interval_minutes))
    supervisor_hours = float(paid_hours(plan["supervisors"].sum(), interval_minutes))
    total_cost = float(plan["cost"].sum())
    contract = settings.weekly_contract_hours
    live = (plan["channel"] != "email").to_numpy()
    rows = live if live.any() else np.ones(len(plan), dtype=bool)
    volume = plan[VOLUME].to_numpy(dtype=float) * rows
    asa = plan["asa_seconds"].to_numpy(dtype=float)
    finite = np.isfinite(asa) & (volume > 0)
    busy_time = float((plan["occupancy"] * plan["agents"]).sum())
    abandon = None
    if "abandon_rate" in plan:
        abandon = _weighted(plan["abandon_rate"].to_numpy(dtype=float), volume)
    return PlanSummary(
        horizon_days=horizon_hours / 24.0,
        peak_agents=_number(by_interval["agents"].max()) if slots else 0,
        peak_rostered=_number(by_interval["rostered"].max()) if slots else 0,
        peak_supervisors=_number(by_interval["supervisors"].max()) if slots else 0,
        # The peaks at one per 15 and one per 8, each wherever it falls, so the band holds the
        # peak supervisors at any span between. Read at the interval the supervisors first
        # peak, a quieter one at the same count (25 rostered, not 36) gave "3 (band 2-4)"
        # against the peak's 3-5; read at the rostered peak, it missed twelve small queues
        # peaking elsewhere with one supervisor each ("12 (band 6-11)").
        supervisors_band=(
            _number(band["fewest"].max()) if slots else 0,
            _number(band["most"].max()) if slots else 0,
        ),
        agent_paid_hours=agent_hours,
        supervisor_paid_hours=supervisor_hours,
        paid_hours=agent_hours + supervisor_hours,
        fte=full_time_equivalents(agent_hours + supervisor_hours, horizon_hours, contract),
        agent_fte=full_time_equivalents(agent_hours, horizon_hours, contract),
        supervisor_fte=full_time_equivalents(supervisor_hours, horizon_hours, contract),
        cost_horizon=total_cost,
        cost_per_day=total_cost / (horizon_hours / 24.0) if horizon_hours else 0.0,
        cost_per_week=total_cost / (horizon_hours / 168.0) if horizon_hours else 0.0,
        service_level=_weighted(plan["service_level"].to_numpy(dtype=float), volume),
        asa_seconds=_weighted(asa[finite], volume[finite]),
        occupancy=busy_time / float(plan["agents"].sum()) if plan["agents"].sum() else 0.0,
        abandon_rate=abandon,
        contacts=float(volume.sum()),
        peak_backlog=_number(plan.groupby(lived)["backlog"].sum().max()) if slots else 0,
        agent_hourly_cost=settings.agent_hourly_cost,
        supervisor_hourly_cost=settings.supervisor_hourly_cost,
        weekly_contract_hours=contract,
        peak_agents_start=_start(by_interval["agents"].idxmax()) if slots else None,
        peak_rostered_start=_start(by_interval["rostered"].idxmax()) if slots else None,
        email_window_hours=None if not (~live).any() else settings.email_response_hours,
        email_service_level=_email_service_level(plan, live),
        live_contacts=" and ".join(
            LIVE_CONTACTS[channel]
            for channel in ("voice", "chat")
            if (plan["channel"] == channel).any()
        )
        or "calls and chats",
        email_clock_stops=_email_clock_stops(plan, interval_minutes),
    )


def _start(value: object) -> pd.Timestamp:
    """An interval's start from its `interval_keys` group."""
    return pd.Timestamp(value[0] if isinstance(value, tuple) else value)


def limit_summary(
    plan: pd.DataFrame,
    interval_minutes: float,
    settings: StaffingSettings | None = None,
    volume_column: str = VOLUME,
) -> LimitSummary:
    """How often each limit sets the agents, and what each alone needs at the peak.

    The peak is the interval with the most agents over all queues (the first of equals), as
    PlanSummary's peak agents; its limit, agents and needs are those of the queue with the
    most agents then (named in `peak_queue` when the plan has several). `volume_column`
    holds the contacts the agents were sized for when the plan reports others (planning's
    sized_for_volume, for a plan staffed to a forecast quantile).
    """
    settings = settings or StaffingSettings()
    count, intervals, hours = limit_shares(plan)
    queues, starts = open_extent(plan)
    unworked = outside_email_hours(plan)
    staffed = plan[plan["agents"] > 0]
    if staffed.empty:
        return LimitSummary(
            count,
            intervals,
            hours,
            open_queues=queues,
            open_starts=starts,
            outside_email_hours=unworked,
        )
    lived = interval_keys(plan)
    keys = pd.MultiIndex.from_arrays(lived)[plan["agents"].to_numpy() > 0]
    by_interval = staffed.groupby(keys)["agents"].sum()
    peak_key = by_interval.idxmax()
    peak_start = _start(peak_key)
    at_peak = staffed[keys.isin([peak_key])]
    row = at_peak.loc[at_peak["agents"].idxmax()]
    several = plan[QUEUE].nunique() > 1 if QUEUE in plan else False
    return LimitSummary(
        open_intervals=count,
        interval_shares=intervals,
        hour_shares=hours,
        peak_start=pd.Timestamp(peak_start),
        peak_agents=_number(row["agents"]),
        peak_limit=str(row[LIMIT]),
        peak_needs=_needs_of_row(row, interval_minutes, settings, volume_column),
        peak_queue=str(row[QUEUE]) if several else None,
        peak_interval_agents=_number(by_interval.max()),
        open_queues=queues,
        open_starts=starts,
        staffed_starts=len(by_interval),
        flat=len(by_interval) > 1 and bool(by_interval.min() == by_interval.max()),
        outside_email_hours=unworked,
    )


def _needs_of_row(
    row: pd.Series, interval_minutes: float, settings: StaffingSettings, volume_column: str
) -> dict[str, float]:
    """The agents each limit alone needs in one staffed interval of the plan."""
    needs = limit_needs(
        np.array([float(row[volume_column])]),
        np.array([float(row[AHT_SECONDS])]),
        float(interval_minutes) * 60.0,
        settings,
        str(row["channel"]),
        np.array([True]),
        email_agents=np.array([row["agents"]]),
    )
    return {name: _number(np.ravel(values)[0]) for name, values in needs.items()}


LIVE_CONTACTS = {"voice": "calls", "chat": "chats"}


def _email_service_level(plan: pd.DataFrame, live: np.ndarray) -> float | None:
    """The share of e-mails answered within the window in a plan that mixes them with calls
    or chats; None for a plan of one kind, or without e-mails to answer."""
    if live.all() or not live.any():
        return None
    mail = ~live
    share = _weighted(
        plan["service_level"].to_numpy(dtype=float)[mail], plan[VOLUME].to_numpy(dtype=float)[mail]
    )
    return None if math.isnan(share) else share


def _email_clock_stops(plan: pd.DataFrame, interval_minutes: float) -> bool:
    """Whether some e-mail queue is not worked in part of its span: closed intervals, hours
    outside the e-mail hours, or intervals the plan leaves out (a forecast lists open ones)."""
    mail = plan[plan["channel"] == "email"]
    if mail.empty:
        return False
    worked = mail[IS_OPEN].to_numpy(dtype=bool) if IS_OPEN in mail else np.ones(len(mail), bool)
    if LIMIT in mail:
        worked = worked & (mail[LIMIT] != OUTSIDE_EMAIL_HOURS).to_numpy()
    starts = pd.to_datetime(mail[INTERVAL_START])
    span = starts.groupby(mail[QUEUE]).agg(["min", "max"])
    slots = (span["max"] - span["min"]) / pd.Timedelta(minutes=float(interval_minutes)) + 1
    counted = pd.Series(worked, index=mail.index).groupby(mail[QUEUE]).sum()
    return bool((counted < slots.round()).any())


def _weighted(values: np.ndarray, weights: np.ndarray) -> float:
    """The contacts-weighted mean; NaN without contacts, where a service figure (100%
    answered, 0 s wait) would claim a service nobody received."""
    total = float(np.sum(weights))
    return float(np.sum(values * weights) / total) if total > 0 else math.nan


def _number(value: object) -> float:
    number = float(value)
    return int(number) if number.is_integer() else number


# A queue is flagged once the open-hours minimum staffs at least this share of its agent-hours:
# then most of its cost buys presence, not answers (a near-dead queue staffed on its own).
MINIMUM_DOMINATES_SHARE = 0.5


@dataclass(frozen=True)
class MinimumStaffing:
    """How much of one queue's staffing the minimum while open accounts for."""

    queue: str
    contacts_per_open_interval: float  # mean contacts expected per open interval
    minimum_agent_hours: float  # agent-hours of intervals whose workload is under one agent
    agent_hours: float  # all its agent-hours (agents on the phones, before shrinkage)

    @property
    def share(self) -> float:
        return self.minimum_agent_hours / self.agent_hours if self.agent_hours else 0.0


def minimum_staffing(
    plan: pd.DataFrame, interval_minutes: float, min_agents_open: int = 1
) -> list[MinimumStaffing]:
    """Per live (voice, chat) queue of the plan, the agent-hours kept only by the minimum.

    An open interval counts when it is staffed at the minimum (or fewer) and its workload, the
    agents' busy time (occupancy × agents), is below one agent: the agent is there because the
    queue is open, not for its contacts. E-mail has no minimum and is left out.
    """
    if plan.empty or min_agents_open <= 0:
        return []
    hours = float(interval_minutes) / 60.0
    found = []
    for queue, rows in plan.groupby(QUEUE, sort=True):
        if (rows["channel"] == "email").all():
            continue
        agents = rows["agents"].to_numpy(dtype=float)
        staffed = rows[IS_OPEN].to_numpy(dtype=bool) & (agents > 0)
        if not staffed.any():
            continue
        workload = np.nan_to_num(rows["occupancy"].to_numpy(dtype=float)) * agents
        at_minimum = staffed & (agents <= min_agents_open) & (workload < 1.0)
        found.append(
            MinimumStaffing(
                queue=str(queue),
                contacts_per_open_interval=float(
                    rows[VOLUME].to_numpy(dtype=float)[staffed].mean()
                ),
                minimum_agent_hours=float(agents[at_minimum].sum() * hours),
                agent_hours=float(agents[staffed].sum() * hours),
            )
        )
    return found


def minimum_staffing_notes(
    plan: pd.DataFrame, interval_minutes: float, min_agents_open: int = 1
) -> list[str]:
    """A note for every queue where the minimum while open makes up most of its agent-hours
    (`MINIMUM_DOMINATES_SHARE`): its paid hours and cost would otherwise go unnoticed."""
    return [
        minimum_staffing_note(found, interval_minutes, min_agents_open)
        for found in mostly_minimum(minimum_staffing(plan, interval_minutes, min_agents_open))
    ]


def mostly_minimum(found: list[MinimumStaffing]) -> list[MinimumStaffing]:
    """The queues of `found` whose agent-hours are mostly the minimum while open."""
    return [each for each in found if each.share >= MINIMUM_DOMINATES_SHARE]


def minimum_staffing_note(
    found: MinimumStaffing,
    interval_minutes: float,
    min_agents_open: int = 1,
    paid_hours: float | None = None,
    cost: float | None = None,
) -> str:
    """The note on one queue: its contacts, the minimum's agent-hours and what to do.
    `paid_hours` and `cost`: the queue's plan's own, said as the saving when it expects no
    contacts, since then closing it saves all of them."""
    agents = "one agent" if min_agents_open == 1 else f"{min_agents_open} agents"
    if found.contacts_per_open_interval <= 0:
        # Nothing to merge: no contact is expected, so the manager's choice is to close it.
        saving = (
            f"its {paid_hours:,.0f} paid hours and {money_text(cost)} (supervisors included)"
            if paid_hours is not None and cost is not None
            else "those hours and their cost"
        )
        return (
            f"Queue '{found.queue}' expects no contacts over the horizon, yet is staffed with at "
            f"least {agents} whenever it is open: all {_hours_text(found.agent_hours)} of its "
            f"agent-hours. Close it for these days (a message or a forward to another queue "
            f"takes any stray contact) to save {saving}."
        )
    expects = (
        f"expects only {_contacts_text(found.contacts_per_open_interval)} contacts per open "
        f"{interval_minutes:g}-minute interval on average"
        if found.contacts_per_open_interval > 0
        else "expects no contacts"
    )
    return (
        f"Queue '{found.queue}' {expects}, yet is staffed with at least {agents} whenever it is "
        f"open: {_hours_text(found.minimum_agent_hours)} of its "
        f"{_hours_text(found.agent_hours)} agent-hours ({found.share:.0%}) are that minimum, in "
        "intervals whose contacts alone need less than one agent. Merge it with another queue, "
        "or have it answered by a shared pool of agents, to save most of those hours and their "
        "cost."
    )


def _contacts_text(contacts: float) -> str:
    """Contacts per interval to two decimals, or to their first digit under 0.01: a queue
    expecting 0.001 read "0.00", as if it expected none."""
    return f"{contacts:,.2f}" if contacts >= 0.01 or contacts <= 0 else f"{contacts:.1g}"


def _hours_text(hours: float) -> str:
    """Agent-hours as a note reads them: "1,240", but "0.5" where rounding would say 0 of 0."""
    return f"{hours:,.0f}" if hours >= 10 else f"{hours:.1f}".removesuffix(".0")


def minimum_queues_note(found: list[MinimumStaffing]) -> str:
    """One note on several queues staffed mostly by the minimum while open: a line each would
    fill the page for a center with a dozen side queues."""
    listed = ", ".join(
        f"{each.queue} ({_contacts_text(each.contacts_per_open_interval)} contacts per open interval; "
        f"{_hours_text(each.minimum_agent_hours)} of {_hours_text(each.agent_hours)} agent-hours)"
        for each in found
    )
    minimum = sum(each.minimum_agent_hours for each in found)
    total = sum(each.agent_hours for each in found)
    queues = "1 queue is" if len(found) == 1 else f"{len(found)} queues are"
    return (
        f"{queues} staffed mostly by the minimum while open: {listed}. Together "
        f"{_hours_text(minimum)} of their {_hours_text(total)} agent-hours are that minimum, in "
        "intervals whose contacts alone need less than one agent. Merge them with other queues, "
        "or have them answered by a shared pool of agents, to save most of those hours and "
        "their cost."
    )


# Runs of open intervals without a contact this long look like hours the desk is closed (a
# night, a weekend) more than a quiet spell: a forecast rounds a quiet hour to a fraction.
CLOSED_LOOKING_HOURS = 4.0


@dataclass(frozen=True)
class StaffedWithoutContacts:
    """Per live queue, the open intervals without a contact that lie in runs of at least
    CLOSED_LOOKING_HOURS and are staffed all the same (by the minimum while open)."""

    queue: str
    intervals: int
    agent_hours: float
    queue_agent_hours: float
    first_start: pd.Timestamp
    first_end: pd.Timestamp  # the start of the run's last interval


def staffed_without_contacts(
    plan: pd.DataFrame, interval_minutes: float, min_hours: float = CLOSED_LOOKING_HOURS
) -> list[StaffedWithoutContacts]:
    """The live queues of `plan` staffing long runs of open intervals that expect no contact:
    a forecast without an is_open column is read open everywhere, so its closed nights and
    weekends, written as 0 contacts, were staffed with the minimum without a word."""
    if plan.empty:
        return []
    step = pd.Timedelta(minutes=float(interval_minutes))
    shortest = max(1, math.ceil(min_hours * 60 / float(interval_minutes) - 1e-9))
    found = []
    for queue, rows in plan.groupby(QUEUE, sort=True):
        if (rows["channel"] == "email").all():
            continue
        rows = rows.sort_values(INTERVAL_START)
        agents = rows["agents"].to_numpy(dtype=float)
        empty = (
            rows[IS_OPEN].to_numpy(dtype=bool)
            & (agents > 0)
            & (np.nan_to_num(rows[VOLUME].to_numpy(dtype=float)) <= 0)
        )
        starts = pd.DatetimeIndex(rows[INTERVAL_START])
        # A run breaks where an interval has contacts or the next row is not the next interval.
        follows = np.concatenate([[False], (starts[1:] - starts[:-1]) == step])
        begins = empty & ~(follows & np.concatenate([[False], empty[:-1]]))
        run = np.cumsum(begins)
        lengths = np.bincount(run[empty], minlength=run.max() + 1 if run.size else 1)
        long_run = empty & (lengths[run] >= shortest)
        if not long_run.any():
            continue
        first = int(np.flatnonzero(long_run)[0])
        last = int(np.flatnonzero(long_run & (run == run[first]))[-1])
        hours = float(interval_minutes) / 60
        found.append(
            StaffedWithoutContacts(
                queue=str(queue),
                intervals=int(long_run.sum()),
                agent_hours=float(agents[long_run].sum() * hours),
                queue_agent_hours=float(agents.sum() * hours),
                first_start=starts[first],
                first_end=starts[last],
            )
        )
    return found


# Queues named one by one in the supervisors note, beyond which they are counted.
SUPERVISOR_QUEUES_NAMED = 4


def per_queue_supervisors_note(plan: pd.DataFrame, settings: StaffingSettings) -> str | None:
    """Where each queue's supervisors, rounded up on their own (each team needs its own lead),
    add up to more than all the queues' rostered as one team would need, says so at the
    supervisors' peak: a manager reading '246 rostered, 22 supervisors' at one per 12 would
    otherwise take 21 for right."""
    if settings.fractional_agents or QUEUE not in plan or plan[QUEUE].nunique() < 2:
        return None
    keys = interval_keys(plan)
    by_interval = plan.groupby(keys)[["rostered", "supervisors"]].sum()
    peak = by_interval["supervisors"].idxmax()
    rostered, supervisors = by_interval.loc[peak, ["rostered", "supervisors"]].astype(float)
    span = settings.supervisor_span
    pooled = math.ceil(rostered / span - 1e-9)
    if supervisors <= pooled:
        return None
    at = plan[pd.MultiIndex.from_arrays(keys).isin([peak]) & (plan["rostered"] > 0).to_numpy()]
    if len(at) <= SUPERVISOR_QUEUES_NAMED:
        teams = (
            " + ".join(f"{value:,.0f}" for value in at["supervisors"])
            + " for "
            + ", ".join(f"{value:,.0f}" for value in at["rostered"])
            + " rostered"
        )
    else:
        teams = f"one team per queue over {len(at):,} queues"
    return (
        f"the {supervisors:,.0f} supervisors at their peak ({day_text(peak[0], clock=True)}) are "
        f"rounded up per queue, as each queue's team needs its own lead: {teams} at one per "
        f"{span:g}; the {rostered:,.0f} rostered as one team would need {pooled:,}"
    )
