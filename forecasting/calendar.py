"""Public holidays, the days after them and bridge days: find them, learn their effects."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field

import holidays
import numpy as np
import pandas as pd

from data.errors import InputError
from forecasting.history import QueueHistory

NORMAL, HOLIDAY, AFTER_HOLIDAY, YEAR_END_EVE = 0, 1, 2, 3
# A working day between a holiday and the weekend ("ponte", "pont", "Brückentag"): many take it
# off, some centers close, and contacts held back by a Thursday holiday may land on it. The day
# after a holiday (a Friday) and the day before one (a Monday) are learned apart.
BRIDGE_AFTER, BRIDGE_BEFORE = 4, 5
BRIDGES = (BRIDGE_AFTER, BRIDGE_BEFORE)
# The working days between Christmas and New Year's Eve, where Christmas is a public holiday:
# quiet in most offices. Learned like the eves, and kept out of the level the models learn, so
# that a history ending in that week does not forecast January at its level.
YEAR_END_WEEK = 6
YEAR_END_WEEK_DATES = (1227, 1228, 1229, 1230)  # month * 100 + day
# The day after a holiday that fell on a day the queue is quiet or closed anyway (a Saturday
# holiday for a Monday-to-Friday desk): it held nothing back, so its effect is learned apart
# from the days after working-day holidays, and is no effect until the history shows one.
AFTER_QUIET_HOLIDAY = 7
# The first busy day after a working-day holiday with quiet days between (Monday after a Friday
# holiday): some of the catch-up has gone elsewhere or given up by then (AXA queues 2011-2013:
# median x1.2 against x1.46 the day straight after, on Tech. Axa). Learned apart from
# AFTER_HOLIDAY once each kind has MIN_AFTER_DAYS_APART days, else together.
AFTER_HOLIDAY_BREAK = 8
MIN_AFTER_DAYS_APART = 3
AFTER_HOLIDAYS = (AFTER_HOLIDAY, AFTER_HOLIDAY_BREAK, AFTER_QUIET_HOLIDAY)
# Other days (no holiday, eve or bridge) a day after a holiday may lie past it: a long weekend,
# as from a Thursday holiday to the Monday of a Monday-to-Thursday desk. A weekend-only desk's
# Saturday after Easter Monday is five days on, a working week between: nothing waited for it.
MAX_DAYS_TO_AFTER_HOLIDAY = 3
CHRISTMAS = 1225
# Bridges are rarer than holidays: below this many in the history, a bridge is forecast as the
# day it would otherwise be (a day after a holiday, or an ordinary day).
MIN_BRIDGES_SEEN = 2
# Christmas Eve and New Year's Eve: short working days in many contact centers, yet no public
# holiday calendar lists them. Their ratio is learned like a holiday's, so where they are
# ordinary days the forecast stays as it was.
EVE_DATES = (1224, 1231)  # month * 100 + day
# Ratios learned from a handful of days are kept in a sane band. Up to x2, as a day after a
# holiday: a night or assistance line is busiest when offices shut (AXA's night queue brought
# x1.42 to x1.77 on some holidays of 2011-2013), which a cap at x1.2 cut off.
HOLIDAY_RATIO_RANGE = (0.0, 2.0)
AFTER_RATIO_RANGE = (0.8, 2.0)
# Contacts at which a day-after-holiday ratio's Poisson noise equals the spread of real effects
# (about 0.2): 1 / 0.2^2.
EFFECT_PRIOR_CONTACTS = 25.0
# Holidays seen in at least two years that it takes to tell real differences between holidays
# (Armistice Day half worked, All Saints' Day closed) from year-to-year noise.
MIN_REPEATED_HOLIDAYS = 3
# A holiday is a closure where every past one brought at most this share of a usual day (a few
# stray contacts - a voicemail, a web form - on a day nobody worked) ...
CLOSED_SHARE = 0.05
# ... over at least this many usual contacts, so that chance alone rarely brings so few: a
# Poisson count of mean 5 is 0 about 1 time in 150.
MIN_CLOSED_EVIDENCE = 5.0
# What the `holidays` package appends to a holiday moved off a weekend ("Boxing Day (observed)")
# or dated ahead of its moon sighting ("Eid al-Fitr (estimated)"), in the languages of its
# default labels: the same holiday as the plain name, to learn its effect under that name.
SUBSTITUTE_SUFFIX = re.compile(
    r"\s*\((?:observed|observado|observé|reporté|substitute day|estimated|estimé|estimado)"
    r"(?:,\s*(?:estimated|estimé|estimado))?\)\s*$",
    re.IGNORECASE,
)


def holiday_key(name: str) -> str:
    """The holiday a day's calendar name stands for: "Christmas Day (observed)" is Christmas
    Day, so a substitute day seen for the first time takes what past Christmas Days taught.
    Holidays sharing a day ("A; B") are keyed part by part."""
    return "; ".join(SUBSTITUTE_SUFFIX.sub("", part) for part in str(name).split("; "))


def holiday_names(
    first_day: pd.Timestamp, n_days: int, country: str | None, subdivision: str | None = None
) -> dict[pd.Timestamp, str]:
    """Public holidays between `first_day` and `n_days` later, by midnight timestamp."""
    if not country:
        return {}
    country = str(country).strip().upper()
    subdivision = known_region(country, subdivision)
    years = range(first_day.year, (first_day + pd.Timedelta(days=n_days)).year + 1)
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=years)
    except NotImplementedError as error:
        regions = holidays.list_supported_countries().get(str(country).upper())
        if subdivision and regions is not None and not regions:
            raise InputError(
                f"Holiday calendar {str(country).upper()} has no regions, so region "
                f"'{subdivision}' does not exist: give no region, for the whole country."
            ) from error
        if subdivision and regions is not None:
            raise InputError(unknown_region_message(country, subdivision, regions)) from error
        raise InputError(
            f"Unknown holiday country '{country}': use an ISO code such as IT, FR, DE, GB, or none."
        ) from error
    return {pd.Timestamp(day): name for day, name in calendar.items()}


def known_region(country: str, subdivision: str | None) -> str | None:
    """The `holidays` package's spelling of `subdivision`, typed in any case ("by" for BY):
    codes are typed from memory, and the package matches them case-sensitively. Unknown ones
    are returned as given, for the caller's refusal to name."""
    if not subdivision:
        return subdivision
    regions = holidays.list_supported_countries().get(country)
    if not regions or subdivision in regions:
        return subdivision
    typed = subdivision.strip().casefold()
    matches = [code for code in regions if code.casefold() == typed]
    if not matches:  # a region's name ("bayern", "firenze") rather than its code
        matches = list(
            {code for alias, code in _region_aliases(country) if alias.casefold() == typed}
        )
    return matches[0] if len(matches) == 1 else subdivision


@functools.cache
def _region_aliases(country: str) -> tuple[tuple[str, str], ...]:
    """(name, code) pairs the `holidays` package knows for `country`'s regions."""
    try:
        aliases = getattr(holidays.country_holidays(country), "subdivisions_aliases", {}) or {}
    except NotImplementedError:
        return ()
    return tuple(aliases.items())


@functools.cache
def region_names(country: str) -> dict[str, str]:
    """Region code -> the longest of the `holidays` package's names for it ("Guadeloupe" rather
    than "GP" for 971); regions known only by their code are left out."""
    return dict(
        (code, alias) for alias, code in sorted(_region_aliases(country), key=_shortest_first)
    )


def region_label(country: str, code: str) -> str:
    """The name a manager knows a region by, "Firenze (FI)", beside the code the settings take;
    the bare code where the package has no other name for it ("Augsburg")."""
    name = region_names(country).get(code)
    return f"{name} ({code})" if name and name != code else code


# "UnitedKingdom" -> "United Kingdom", by ISO code.
COUNTRY_NAMES = {
    alpha2: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls)
    for cls, alpha2, *_ in holidays.registry.COUNTRIES.values()
}


def unknown_region_message(country: str, subdivision: str, regions: list[str]) -> str:
    """The refusal of an unknown region: every code the package knows (a planner cannot guess
    which of 100 province codes exist from the first few) and the nearest match by code or name."""
    names = region_names(country)
    choices = {code.casefold(): code for code in regions}
    choices.update({alias.casefold(): code for alias, code in _region_aliases(country)})
    near = difflib.get_close_matches(subdivision.strip().casefold(), list(choices), n=3, cutoff=0.6)
    guesses = list(dict.fromkeys(choices[match] for match in near))
    hint = ""
    if guesses:
        named = [f"{code} ({names[code]})" if code in names else code for code in guesses]
        hint = f" Did you mean {' or '.join(named)}?"
    return (
        f"Unknown holiday region '{subdivision}' of {country}: use one the `holidays` package "
        f"knows ({', '.join(regions)}), or none for the whole country.{hint}"
    )


def _shortest_first(alias_code: tuple[str, str]) -> int:
    """Shorter aliases first, so that the longest (the full name) is the one kept."""
    return len(alias_code[0])


def holiday_rows(
    first_day: pd.Timestamp, n_days: int, country: str | None, subdivision: str | None = None
) -> np.ndarray:
    """Bool per day of the `n_days` from `first_day`: a public holiday."""
    rows = np.zeros(n_days, dtype=bool)
    last_day = first_day + pd.Timedelta(days=n_days)
    for day in _holiday_dates(country, subdivision, first_day.year, last_day.year):
        row = (day - first_day).days
        if 0 <= row < n_days:
            rows[row] = True
    return rows


@functools.cache
def _holiday_dates(
    country: str | None, subdivision: str | None, first_year: int, last_year: int
) -> tuple[pd.Timestamp, ...]:
    """The holidays of whole years, kept: every queue of a forecast asks for the same ones, and
    the calendar takes a good part of a second to build."""
    first = pd.Timestamp(year=first_year, month=1, day=1)
    n_days = (pd.Timestamp(year=last_year + 1, month=1, day=1) - first).days
    return tuple(holiday_names(first, n_days, country, subdivision))


def holiday_day_names(
    first_day: pd.Timestamp,
    kinds: np.ndarray,
    country: str | None,
    subdivision: str | None = None,
) -> np.ndarray:
    """Per day of `kinds`: the holiday's name on HOLIDAY days, "" on every other day."""
    names = holiday_names(first_day, kinds.size, country, subdivision)
    labels = np.full(kinds.size, "", dtype=object)
    for day, name in names.items():
        row = (day - first_day).days
        if 0 <= row < kinds.size and kinds[row] == HOLIDAY:
            labels[row] = name
    return labels


def day_kinds(
    first_day: pd.Timestamp,
    n_days: int,
    open_weekdays: np.ndarray,
    country: str | None,
    subdivision: str | None = None,
    busy_weekdays: np.ndarray | None = None,
) -> np.ndarray:
    """NORMAL / HOLIDAY / AFTER_HOLIDAY / YEAR_END_EVE / YEAR_END_WEEK / bridges per day.

    "After" is the next busy, open day that is neither a holiday nor an eve: the contacts a
    Friday holiday holds back arrive on Monday, not on a quiet Saturday. With more than
    MAX_DAYS_TO_AFTER_HOLIDAY other days between, no day is "after" the holiday. After a holiday on a
    quiet weekday that day is AFTER_QUIET_HOLIDAY, unless a busy-day holiday claims it too;
    with quiet days between it and a busy-day holiday, AFTER_HOLIDAY_BREAK.
    Eves are marked only with a holiday calendar, like the holidays themselves.
    """
    kinds = np.zeros(n_days, dtype=np.int8)
    if not country:
        return kinds
    busy = open_weekdays if busy_weekdays is None else busy_weekdays & open_weekdays
    lookback = pd.Timedelta(days=7)  # a holiday just before the window still has an "after" day
    names = holiday_names(first_day - lookback, n_days + 7, country, subdivision)
    offsets = sorted({(day - first_day).days for day in names})
    holiday_set = set(offsets)
    dates = first_day + pd.to_timedelta(np.arange(n_days), unit="D")
    month_day = dates.month * 100 + dates.day
    eve = np.isin(month_day, EVE_DATES) & open_weekdays[dates.day_of_week]
    for offset in offsets:
        if 0 <= offset < n_days:
            kinds[offset] = HOLIDAY
    kinds[eve & (kinds == NORMAL)] = YEAR_END_EVE
    if any(day.month * 100 + day.day == CHRISTMAS for day in names):
        year_end_week = np.isin(month_day, YEAR_END_WEEK_DATES) & open_weekdays[dates.day_of_week]
        kinds[year_end_week & (kinds == NORMAL)] = YEAR_END_WEEK
    _mark_bridges(kinds, first_day, holiday_set, busy)
    for offset in offsets:
        held_back = bool(busy[(first_day.day_of_week + offset) % 7])
        claimable = (NORMAL, AFTER_QUIET_HOLIDAY) if held_back else (NORMAL,)
        days_between = 0
        for day in range(offset + 1, offset + 8):
            weekday = (first_day.day_of_week + day) % 7
            inside = 0 <= day < n_days
            if day in holiday_set or (inside and (eve[day] or kinds[day] in BRIDGES)):
                continue
            if not busy[weekday]:
                days_between += 1
                if days_between > MAX_DAYS_TO_AFTER_HOLIDAY:
                    break
                continue
            if 0 <= day < n_days and kinds[day] in claimable:
                straight_after = all(d in holiday_set for d in range(offset + 1, day))
                kinds[day] = (
                    AFTER_QUIET_HOLIDAY
                    if not held_back
                    else AFTER_HOLIDAY
                    if straight_after
                    else AFTER_HOLIDAY_BREAK
                )
            break
    return kinds


def _mark_bridges(
    kinds: np.ndarray, first_day: pd.Timestamp, holiday_set: set[int], busy: np.ndarray
) -> None:
    """Mark in place the busy days with a holiday on one side and a quiet day (weekend or
    holiday) on the other: a Friday after a Thursday holiday, a Monday before a Tuesday one.

    The holiday must fall on a busy weekday: one on a day the queue is quiet anyway (a Sunday
    holiday beside a Saturday-only queue's Saturday) gives nobody a day to bridge."""

    def busy_day(day: int) -> bool:
        return bool(busy[(first_day.day_of_week + day) % 7])

    def off(day: int) -> bool:
        return day in holiday_set or not busy_day(day)

    def bridged_holiday(day: int) -> bool:
        return day in holiday_set and busy_day(day)

    for day in np.flatnonzero(kinds == NORMAL):
        if off(day) or not (off(day - 1) and off(day + 1)):
            continue
        if bridged_holiday(day - 1):
            kinds[day] = BRIDGE_AFTER
        elif bridged_holiday(day + 1):
            kinds[day] = BRIDGE_BEFORE


def weekday_mean_totals(history: QueueHistory, leave_out: np.ndarray | None = None) -> np.ndarray:
    """(7,) mean daily total of each weekday over its observed days, but those `leave_out`
    marks (0 when never observed)."""
    observed = history.observed_days()
    if leave_out is not None:
        observed = observed & ~leave_out
    weekdays = history.weekdays()[observed]
    counts = np.bincount(weekdays, minlength=7)
    sums = np.bincount(weekdays, weights=np.nansum(history.values, axis=1)[observed], minlength=7)
    return np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)


def busy_weekdays(
    history: QueueHistory, share: float = 0.5, holidays: np.ndarray | None = None
) -> np.ndarray:
    """(7,) bool: weekdays whose mean observed total is at least `share` of the busiest one's.

    The `holidays` (bool per history day) are left out: a desk closed on Labour Day in a
    two-week history has its Wednesdays at half their level, and a working day is no day off
    for that."""
    means = weekday_mean_totals(history, holidays)
    if means.max() <= 0:
        return history.open_mask.any(axis=1)
    return means >= share * means.max()


@dataclass(frozen=True)
class SpecialDayEffects:
    """Multipliers on a normal-day forecast, learned from the history's own special days."""

    holiday_ratio: float
    after_holiday_ratio: float
    holidays_seen: int
    after_days_seen: int
    eve_ratio: float = 1.0
    eves_seen: int = 0
    year_end_week_ratio: float = 1.0  # the working days between Christmas and New Year's Eve
    year_end_week_days_seen: int = 0
    # Bridge days after / before a holiday; unseen (fewer than MIN_BRIDGES_SEEN), the ratio of
    # the day they would otherwise be.
    bridge_after_ratio: float = 1.0
    bridges_after_seen: int = 0
    bridge_before_ratio: float = 1.0
    bridges_before_seen: int = 0
    # Holiday name -> (its own ratio pulled toward holiday_ratio, its past days); empty when
    # the history does not show holidays differing beyond noise.
    by_holiday: dict[str, tuple[float, int]] = field(default_factory=dict)
    # Days after holidays that fell on a quiet weekday (AFTER_QUIET_HOLIDAY).
    after_quiet_holiday_ratio: float = 1.0
    after_quiet_days_seen: int = 0
    # Days after a working-day holiday with quiet days between (AFTER_HOLIDAY_BREAK): their
    # own ratio once MIN_AFTER_DAYS_APART of each kind were seen, else learned together with
    # the days straight after.
    after_break_ratio: float = 1.0
    after_break_days_seen: int = 0
    # Holiday name -> (its own ratio, its past days) for a holiday the queue closed (or nearly)
    # on every time it came, where the holidays weighed together say otherwise: a closure is
    # the center's rule, not noise to pull toward the other holidays' level.
    closed_on: dict[str, tuple[float, int]] = field(default_factory=dict)
    # (bridge kind, holiday name) -> (ratio, past days) for the bridge days beside one holiday
    # the queue closed on every time, at least MIN_BRIDGES_SEEN times, where the bridges
    # weighed together say otherwise: many desks close on Ascension's Friday alone.
    closed_bridges: dict[tuple[int, str], tuple[float, int]] = field(default_factory=dict)

    def bridge_effect(self, kind: int, holiday: str) -> tuple[float, int, bool]:
        """(multiplier, past days it rests on, whether they are this holiday's bridges alone)
        for a bridge day of `kind` beside the holiday called `holiday`."""
        key = (kind, holiday_key(holiday)) if holiday else None
        if key in self.closed_bridges:
            return (*self.closed_bridges[key], True)
        if kind == BRIDGE_AFTER:
            return self.bridge_after_ratio, self.bridges_after_seen, False
        return self.bridge_before_ratio, self.bridges_before_seen, False

    def after_holiday_effect(self, kind: int) -> tuple[float, int, bool]:
        """(multiplier, past days it rests on, whether learned apart) for a day of `kind`
        AFTER_HOLIDAY or AFTER_HOLIDAY_BREAK."""
        apart = min(self.after_days_seen, self.after_break_days_seen) >= MIN_AFTER_DAYS_APART
        if kind == AFTER_HOLIDAY_BREAK and apart:
            return self.after_break_ratio, self.after_break_days_seen, True
        if apart:
            return self.after_holiday_ratio, self.after_days_seen, True
        return self.after_holiday_ratio, self.after_days_seen + self.after_break_days_seen, False

    def learned_key(self, name: str) -> str:
        """The name the effect of the holiday called `name` was learned under: its own key, or
        for two holidays on one day never seen together ("All Saints' Day; National Unity Day",
        Italy when 1 November is a Sunday) the part that brought the fewest contacts."""
        key = holiday_key(name)
        known = {**self.by_holiday, **self.closed_on}
        parts = [part for part in key.split("; ") if part in known]
        if key in known or not parts:
            return key
        return min(parts, key=lambda part: known[part][0])

    def holiday_effect(self, name: str) -> tuple[float, int]:
        """(multiplier, past days it rests on) for the holiday called `name` (or its substitute
        day, `holiday_key`)."""
        key = self.learned_key(name)
        if key in self.closed_on:
            return self.closed_on[key]
        return self.by_holiday.get(key, (self.holiday_ratio, self.holidays_seen))


def usual_daily_totals(history: QueueHistory, usable: np.ndarray, weeks: int = 4) -> np.ndarray:
    """Per day: median total of the usable same-weekday days within `weeks` weeks either side."""
    totals = np.where(usable, np.nansum(history.values, axis=1), np.nan)
    n = totals.size
    neighbours = np.full((2 * weeks, n), np.nan)
    for k in range(1, weeks + 1):
        shift = 7 * k
        if shift < n:
            neighbours[2 * k - 2, shift:] = totals[:-shift]
            neighbours[2 * k - 1, :-shift] = totals[shift:]
    seen = ~np.isnan(neighbours)
    ordered = np.sort(neighbours, axis=0)
    count = seen.sum(axis=0)
    lo = np.clip((count - 1) // 2, 0, None)
    hi = np.clip(count // 2, 0, None)
    cols = np.arange(n)
    median = (ordered[lo, cols] + ordered[hi, cols]) / 2
    return np.where(count > 0, median, np.nan)


def learn_effects(
    history: QueueHistory, kinds: np.ndarray, names: np.ndarray | None = None
) -> SpecialDayEffects:
    """Median ratio of holiday (after-holiday, eve) totals to the usual total for that weekday;
    an effect never seen in the history is 1 (no change), except holidays (see below).

    With the holidays' `names` (`holiday_day_names`), each holiday also gets its own ratio
    where the history shows holidays differ (`holiday_ratios_by_name`)."""
    observed = history.observed_days()
    usual = usual_daily_totals(history, observed & (kinds == NORMAL))
    totals = np.nansum(history.values, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = totals / usual
    special = np.isin(kinds, (HOLIDAY, YEAR_END_EVE, YEAR_END_WEEK, *BRIDGES))
    # Special days worked on shorter hours count as seen, at their total (see short_days).
    observed_days = observed
    observed = observed | short_days(history, special, observed)
    seen = observed & (kinds == HOLIDAY) & (usual > 0)
    # A break with no rows may run across a day after a holiday (26 December, where only
    # Christmas Day is one): such a day is no ordinary open day breaking the run. Its own
    # ratio is learned from observed days only.
    spanned = special | np.isin(kinds, AFTER_HOLIDAYS)
    closed = unrecorded_closed_days(history, spanned, observed_days, whole_runs=True)
    ratios = np.where(closed, 0.0, ratios)
    holiday_ratio, n_holidays = _median_ratio(ratios, (seen | closed) & (kinds == HOLIDAY))
    after_next_days = observed & (kinds == AFTER_HOLIDAY) & (usual > 0)
    after_break_days = observed & (kinds == AFTER_HOLIDAY_BREAK) & (usual > 0)
    after_days = after_next_days | after_break_days
    n_after, n_break = int(after_next_days.sum()), int(after_break_days.sum())
    apart = min(n_after, n_break) >= MIN_AFTER_DAYS_APART
    pooled = after_next_days if apart else after_days
    after_ratio = _shrunk_to_one(_median_ratio(ratios, pooled)[0], float(usual[pooled].sum()))
    break_ratio = after_ratio
    if apart:
        break_ratio = _median_ratio(ratios, after_break_days)[0]
        break_ratio = _shrunk_to_one(break_ratio, float(usual[after_break_days].sum()))
    after_quiet_days = observed & (kinds == AFTER_QUIET_HOLIDAY) & (usual > 0)
    after_quiet_ratio, n_after_quiet = _median_ratio(ratios, after_quiet_days)
    after_quiet_ratio = _shrunk_to_one(after_quiet_ratio, float(usual[after_quiet_days].sum()))
    eve_ratio, n_eves = _median_ratio(
        ratios, ((observed & (usual > 0)) | closed) & (kinds == YEAR_END_EVE)
    )
    week_ratio, n_week = _median_ratio(
        ratios, ((observed & (usual > 0)) | closed) & (kinds == YEAR_END_WEEK)
    )
    after = float(np.clip(after_ratio if n_after + n_break else 1.0, *AFTER_RATIO_RANGE))
    bridges = {}
    for kind, fallback in ((BRIDGE_AFTER, after), (BRIDGE_BEFORE, 1.0)):
        known = ((observed & (usual > 0)) | closed) & (kinds == kind)
        ratio, count = _median_ratio(ratios, known)
        ratio = ratio if count >= MIN_BRIDGES_SEEN else fallback
        bridges[kind] = (float(np.clip(ratio, 0.0, AFTER_RATIO_RANGE[1])), count)
    closed_bridges = {}
    if names is not None:
        bridged = bridge_holidays(kinds, names)
        for kind in BRIDGES:
            known = ((observed & (usual > 0)) | closed) & (kinds == kind) & (bridged != "")
            keys = np.array([holiday_key(name) for name in bridged[known]], dtype=object)
            shut = closed_holidays(ratios[known], keys, usual[known])
            closed_bridges |= {
                (kind, name): effect
                for name, effect in shut.items()
                if effect[1] >= MIN_BRIDGES_SEEN and bridges[kind][0] > CLOSED_SHARE
            }
    by_holiday, closed_on = {}, {}
    if n_holidays == 0:
        holiday_ratio = _quietest_day_ratio(history)
    elif names is not None:
        used = (seen | closed) & (kinds == HOLIDAY)
        clipped = np.clip(ratios[used], *HOLIDAY_RATIO_RANGE)
        overall = float(np.clip(holiday_ratio, *HOLIDAY_RATIO_RANGE))
        # A substitute day is learned with the holiday it stands in for, not as a new one.
        keys = np.array([holiday_key(name) for name in names[used]], dtype=object)
        by_holiday = holiday_ratios_by_name(clipped, keys, overall)
        closed_on = closed_holidays(clipped, keys, usual[used])
        pooled = {name: by_holiday.get(name, (overall, n_holidays))[0] for name in closed_on}
        # Only where weighing with the other holidays would open it: a desk closed on every
        # holiday keeps its one learned ratio.
        closed_on = {
            name: effect for name, effect in closed_on.items() if pooled[name] > CLOSED_SHARE
        }
    return SpecialDayEffects(
        float(np.clip(holiday_ratio, *HOLIDAY_RATIO_RANGE)),
        after,
        n_holidays,
        n_after,
        float(np.clip(eve_ratio, *HOLIDAY_RATIO_RANGE)),
        n_eves,
        year_end_week_ratio=float(np.clip(week_ratio, *HOLIDAY_RATIO_RANGE)),
        year_end_week_days_seen=n_week,
        bridge_after_ratio=bridges[BRIDGE_AFTER][0],
        bridges_after_seen=bridges[BRIDGE_AFTER][1],
        bridge_before_ratio=bridges[BRIDGE_BEFORE][0],
        bridges_before_seen=bridges[BRIDGE_BEFORE][1],
        by_holiday=by_holiday,
        after_quiet_holiday_ratio=float(
            np.clip(after_quiet_ratio if n_after_quiet else 1.0, *AFTER_RATIO_RANGE)
        ),
        after_quiet_days_seen=n_after_quiet,
        after_break_ratio=float(
            np.clip(break_ratio if n_after + n_break else 1.0, *AFTER_RATIO_RANGE)
        ),
        after_break_days_seen=n_break,
        closed_on=closed_on,
        closed_bridges=closed_bridges,
    )


def bridge_holidays(kinds: np.ndarray, holiday_names: np.ndarray) -> np.ndarray:
    """Per day of `kinds`: on a bridge day, the name of the holiday it bridges (the day before
    a BRIDGE_AFTER, the day after a BRIDGE_BEFORE, from `holiday_names`); "" elsewhere."""
    bridged = np.full(kinds.size, "", dtype=object)
    after = np.flatnonzero(kinds[1:] == BRIDGE_AFTER) + 1
    bridged[after] = holiday_names[after - 1]
    before = np.flatnonzero(kinds[:-1] == BRIDGE_BEFORE)
    bridged[before] = holiday_names[before + 1]
    return bridged


def short_days(history: QueueHistory, special: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Special days (holidays, eves) with data in one unbroken stretch of the usual open hours
    and none before or after it, too little of the day to pass as observed: a desk open 10-14
    on holidays, or shutting at noon on Christmas Eve. An interval export lists no interval the
    desk was shut, so the hours around the stretch are closed, not lost, and the day's total
    is what the day brought. Left unseen, a desk that works holidays on Sunday hours had its
    holidays forecast as full weekdays. A day with a hole inside its stretch, or with no
    observed day after it (an export cut off that day), stays unknown."""
    open_rows = history.open_rows(0, history.n_days)
    seen = ~np.isnan(history.values) & open_rows
    short = np.zeros(history.n_days, dtype=bool)
    for day in np.flatnonzero(special & ~observed & seen.any(axis=1)):
        slots = np.flatnonzero(seen[day])
        stretch = slice(slots[0], slots[-1] + 1)
        unbroken = bool(seen[day, stretch][open_rows[day, stretch]].all())
        short[day] = unbroken and bool(observed[day + 1 :].any())
    return short


def closed_holidays(
    ratios: np.ndarray, names: np.ndarray, usual: np.ndarray
) -> dict[str, tuple[float, int]]:
    """Holidays at most CLOSED_SHARE of a usual day every time they came, over at least
    MIN_CLOSED_EVIDENCE usual contacts in all: name -> (mean ratio, days seen)."""
    groups: dict[str, list[int]] = {}
    for row, name in enumerate(names):
        groups.setdefault(str(name), []).append(row)
    return {
        name: (float(ratios[rows].mean()), len(rows))
        for name, rows in groups.items()
        if (ratios[rows] <= CLOSED_SHARE).all() and np.nansum(usual[rows]) >= MIN_CLOSED_EVIDENCE
    }


def holiday_ratios_by_name(
    ratios: np.ndarray, names: np.ndarray, overall: float
) -> dict[str, tuple[float, int]]:
    """Each holiday's ratio, its own mean pulled toward `overall` by empirical-Bayes shrinkage.

    Method of moments for the one-way random-effects model (Morris 1983, "Parametric empirical
    Bayes inference", JASA 78): the spread of a holiday across years (within) against the spread
    between holidays' means (between) gives k = within / between, and a holiday seen n times
    gets (sum of its ratios + k x overall) / (n + k). Holidays that differ only by noise give
    between <= 0: no per-holiday ratios at all, every holiday keeps `overall`.
    """
    groups: dict[str, list[float]] = {}
    for name, ratio in zip(names, ratios, strict=True):
        groups.setdefault(str(name), []).append(float(ratio))
    repeated = [np.array(g) for g in groups.values() if len(g) >= 2]
    if len(repeated) < MIN_REPEATED_HOLIDAYS:
        return {}
    within = sum(((g - g.mean()) ** 2).sum() for g in repeated) / sum(g.size - 1 for g in repeated)
    means = np.array([g.mean() for g in repeated])
    between = means.var(ddof=1) - within / np.mean([g.size for g in repeated])
    if not between > 0:
        return {}
    k = within / between
    return {name: ((sum(g) + k * overall) / (len(g) + k), len(g)) for name, g in groups.items()}


def unrecorded_closed_days(
    history: QueueHistory,
    special: np.ndarray,
    observed: np.ndarray,
    reach: int = 3,
    whole_runs: bool = False,
) -> np.ndarray:
    """Special days (holidays, eves) with no data at all between observed days: a per-contact
    export has no row for a day the center was closed, so such a day is a closure (ratio 0),
    not a gap in the export. One inside a longer gap (nothing observed within `reach` days)
    stays unknown.

    With `whole_runs`, a longer gap made only of empty special days and the days the queue is
    closed anyway, between observed days, is a closure too: a desk shut from Christmas to New
    Year leaves no row from the Friday before Christmas to the day after New Year's Day, yet
    every day of that gap is one the calendar explains. A gap with an ordinary open day in it
    stays unknown."""
    open_rows = history.open_rows(0, history.n_days)
    open_day = open_rows.any(axis=1)
    empty = ~(~np.isnan(history.values) & open_rows).any(axis=1) & open_day
    spanned = ~open_day | (special & empty)  # days an unrecorded closure may run across
    closed = np.zeros(history.n_days, dtype=bool)
    for day in np.flatnonzero(special & empty):
        before = observed[max(0, day - reach) : day].any()
        after = observed[day + 1 : day + 1 + reach].any()
        if whole_runs and not (before and after):
            first, last = day, day
            while first > 0 and spanned[first - 1] and not observed[first - 1]:
                first -= 1
            while last + 1 < history.n_days and spanned[last + 1] and not observed[last + 1]:
                last += 1
            before = first > 0 and bool(observed[first - 1])
            after = last + 1 < history.n_days and bool(observed[last + 1])
        closed[day] = before and after
    return closed


def _shrunk_to_one(ratio: float, usual_contacts: float) -> float:
    """A day-after-holiday ratio pulled toward 1 as far as its contacts are too few to tell.

    Over N usual contacts a ratio carries Poisson noise of about 1 / sqrt(N); real effects of
    such days spread about 0.2 around 1, so the posterior mean keeps N / (N + 1 / 0.2^2) of
    the ratio's distance from 1: two Mondays of a queue of 5 contacts a day seen at 10 say
    x1.3, not x2; a queue of hundreds a day keeps its ratio.
    """
    weight = usual_contacts / (usual_contacts + EFFECT_PRIOR_CONTACTS)
    return 1.0 + (ratio - 1.0) * weight


def _median_ratio(ratios: np.ndarray, select: np.ndarray) -> tuple[float, int]:
    chosen = ratios[select]
    return (float(np.median(chosen)) if chosen.size else 1.0), int(chosen.size)


def _quietest_day_ratio(history: QueueHistory) -> float:
    """No holiday seen yet: treat one like the quietest day of the week, relative to the open
    days' average. A center that closes on some day of the week (Sunday, most often) is taken
    to close on public holidays too, as offices do; one open every day gets its quietest
    day's level."""
    means = weekday_mean_totals(history)
    open_days = history.open_mask.any(axis=1) & (means > 0)
    if not open_days.all():
        return 0.0
    return float(means.min() / means.mean())
