"""Shifts that cover the rostered people per interval at the fewest paid hours (HiGHS MILP)."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy.sparse import csc_array, hstack, identity, vstack

from data.dates import day_text
from data.errors import InputError, SettingError
from staffing.people import ROUNDING_TOLERANCE

# Among plans paying the same hours, fewer and longer shifts are fewer people to hire and brief;
# per shift this weighs 3.6 seconds of pay: only a plan 250 shifts shorter could pay 15 minutes
# more for it.
SHIFT_TIEBREAK_HOURS = 1e-3
DEFAULT_TIME_LIMIT_SECONDS = 60.0
# The Shifts page's longest shift; EU Directive 2003/88/EC art. 3 (11 h daily rest) leaves
# at most 13 h a day, and a shift over 24 h would overlap the person's next one.
MAX_SHIFT_HOURS = 12.0
# How close to the best plan the search must prove it is before it stops. A binding part-time
# cap makes the proof slow: on the sample's three queues over 14 days, 15% part time took 37 s
# to prove best and 1.0 s to come within 0.5% (that plan paid 0.12% more). Plans without a cap
# are solved exactly at the root all the same.
MIP_RELATIVE_GAP = 0.005
DEFAULT_SHIFTS_PER_WEEK = 5  # a full week's work: five shifts, two days off
# Horizons longer than this are planned a block at a time: four weeks with a part-time cap solve
# in about 1.5 s, a year in one programme not within minutes (bench/shift_speed.py).
BLOCK_DAYS = 28
# Plans paying the same hours can start their shifts on different days, and the busiest day sets
# the people to employ (`ShiftPlan.people_to_employ`). A second search, at most the first plan's
# paid hours, minimises the people to employ in the busiest week, its weeks counted as
# `ShiftPlan.busiest_week` counts them, then the people of every week (PEOPLE_SEARCH_TOTAL_WEIGHT
# each), its hours (PEOPLE_SEARCH_HOUR_WEIGHT) and shifts (SHIFT_TIEBREAK_HOURS); it is kept only
# where the busiest week needs fewer people, or as many with no more shifts (`_fewer_people`).
# Summed over weeks from Monday, it planned a fortnight of Japon from Thu 3 May 2012 for 8, 11 and
# 7 people in its three weeks, where 8, 10 and 8 employ one fewer. Had
# people weighed 0.001 h beside the hours, MIP_RELATIVE_GAP of the hours would hide them: AXA's
# Médical week at a 50% part-time cap stopped at 121 shifts and 26 people for the 868 h the 30%
# plan pays with 119 and 25. It stops after the root node (HiGHS' node limit, not
# a time limit, so a plan is the same on a busy machine): office hours, 14 days of 15 minutes
# with the 30% part-time cap, 82 people to 58 at 0.2 s CPU more. Its cost follows the size of
# the block's covering matrix, and a share cap makes the root need cuts: four weeks of 15 minutes
# round the clock (86k entries) take 0.3 s more with 8 h shifts alone, 7-8 s with the 30% cap
# (129k), the sample's three queues over 14 days with the cap (64k) 1.2-1.6 s. A block larger than
# PEOPLE_SEARCH_MAX_NONZEROS (CAPPED_SEARCH_MAX_NONZEROS with a cap) keeps its first plan, and
# the blocks of one horizon search PEOPLE_SEARCH_BUDGET_NONZEROS in all, those needing the most
# hours first: a year of 8 h shifts alone searches three of its 13 blocks (bench/shift_speed.py).
# At most the first plan's hours, within MIP_RELATIVE_GAP of the fewest, so the hours saved
# outweigh a person only in a block paying over 2 million hours (0.5% x 1e-4 x 2e6 = 1).
PEOPLE_SEARCH_HOUR_WEIGHT = 1e-4
PEOPLE_SEARCH_TOTAL_WEIGHT = 0.01
PEOPLE_SEARCH_NODES = 1
PEOPLE_SEARCH_MAX_NONZEROS = 100_000
CAPPED_SEARCH_MAX_NONZEROS = 60_000
PEOPLE_SEARCH_BUDGET_NONZEROS = 300_000
# Only against a model the size gate misjudges: on the benchmark cases the search ends long before.
PEOPLE_SEARCH_SAFETY_SECONDS = 20.0
# Each programme stops at a count of branch-and-bound nodes (HiGHS' mip_max_nodes), the same
# on any machine, so one input gives one plan; the wall-clock limit, shared by the whole
# horizon, is only a safety net, and a plan it stopped says so (`ShiftPlan.out_of_time`). A
# time share per block made a year's plan depend on the machine's load: bench/shift_speed.py's
# low load with the 30% cap employed 211 people on an idle machine and 295 at load 11.5. Every
# block of the benchmark and of AXA's queues is solved at the root node.
MIP_MAX_NODES = 5_000


@dataclass(frozen=True)
class ShiftType:
    """A shift people can work: its length (paid, breaks inside: shrinkage covers them), the
    hours of the day it may start (inclusive), and optionally the most of all paid hours it may
    take (a part-time cap: 0.3 for at most 30%)."""

    name: str
    hours: float
    earliest_start: float = 0.0
    latest_start: float = 23.99
    max_hours_share: float | None = None


DEFAULT_SHIFT_TYPES = (
    ShiftType("Full time 8 h", 8.0),
    ShiftType("Part time 4 h", 4.0, max_hours_share=0.3),
)


@dataclass(frozen=True)
class ShiftSettings:
    """The shifts a plan may use, as a manager sets them: full time, part time up to a share of
    all paid hours (`part_max_share`; 0 or a part-time length of 0: full time only; 1: no cap),
    the hours of the day both may start (inclusive), and the shifts one person works a week."""

    full_hours: float = 8.0
    part_hours: float = 4.0
    part_max_share: float = 0.3
    earliest_start: float = 0.0
    latest_start: float = 23.5
    shifts_per_week: int = DEFAULT_SHIFTS_PER_WEEK

    def __post_init__(self) -> None:
        # Each refusal names the field it is about: the CLI says "--full-hours 0: ...".
        if not (_is_number(self.full_hours) and 0 < self.full_hours <= MAX_SHIFT_HOURS):
            raise SettingError(
                f"the full-time shift length must be a number of hours above 0 and at most "
                f"{MAX_SHIFT_HOURS:g} (got {_text(self.full_hours)})",
                "full_hours",
            )
        if not (_is_number(self.part_hours) and self.part_hours >= 0):
            raise SettingError(
                "the part-time shift length must be a number of hours, 0 for no part time (got "
                f"{_text(self.part_hours)})",
                "part_hours",
            )
        share = self.part_max_share
        if not (_is_number(share) and 0 <= share <= 1):
            raise SettingError(
                "the part-time cap must be a share of paid hours from 0 to 1, e.g. 0.3 for at "
                f"most 30% (got {_text(share)}); 0 plans full time only, 1 sets no cap",
                "part_max_share",
            )
        earliest, latest = self.earliest_start, self.latest_start
        if not (_is_number(earliest) and _is_number(latest) and _is_hour(earliest, latest)):
            # The earliest when it is no hour of the day on its own, else the latest.
            alone = _is_number(earliest) and 0 <= earliest < 24
            raise SettingError(
                f"shifts may start from {_text(earliest)} h to {_text(latest)} h: give hours of "
                f"the day from 0 up to (not including) 24, e.g. 23.5; {ACROSS_MIDNIGHT_HINT}",
                "latest_start" if alone else "earliest_start",
            )
        check_shifts_per_week(self.shifts_per_week)

    @property
    def has_part_time(self) -> bool:
        return (
            self.part_hours > 0 and self.part_max_share > 0 and self.part_hours != self.full_hours
        )

    def types(self, part_max_share: float | None = None) -> list[ShiftType]:
        """Full time, and part time when it has a length and a cap above 0 (a cap of 1 is no
        cap); `part_max_share` replaces the cap."""
        settings = self
        if part_max_share is not None:
            settings = replace(self, part_max_share=part_max_share)
        if self.part_hours > self.full_hours:
            # Read as typed, a "part time" longer than full time would be capped as part time
            # while being the longer shift: more likely the two lengths swapped.
            raise SettingError(
                f"the part-time shift ({_text(self.part_hours)} h) is longer than the full-time "
                f"one ({_text(self.full_hours)} h): give part time the shorter length, or 0 for "
                "full time only",
                "part_hours",
            )
        earliest, latest = settings.earliest_start, settings.latest_start
        full = settings.full_hours
        types = [ShiftType(f"Full time {full:g} h", full, earliest, latest)]
        if settings.has_part_time:
            share = settings.part_max_share
            types.append(
                ShiftType(
                    f"Part time {settings.part_hours:g} h",
                    settings.part_hours,
                    earliest,
                    latest,
                    max_hours_share=share if share < 1 else None,
                )
            )
        return types


# Night desks start their night shifts either side of midnight: a latest start before the
# earliest reads as a window across it.
ACROSS_MIDNIGHT_HINT = (
    "a latest start before the earliest runs across midnight (22 to 2: 22:00 to 02:00)"
)


def _is_hour(*hours: float) -> bool:
    return all(0 <= hour < 24 for hour in hours)


def starts_across_midnight(shift: ShiftType) -> bool:
    """Whether `shift` may start late in the evening and early in the morning but not between:
    its latest start is before its earliest (22 to 2 for 22:00 to 02:00)."""
    return shift.latest_start < shift.earliest_start


def next_part_of_day(hour: float) -> str:
    """How a latest start across midnight is placed: 02:00 'the next morning', 21:00 'the
    next day' (a window of 22 to 21 is 22:00 to 21:00 the next evening, not morning)."""
    return "the next morning" if hour <= 12 else "the next day"


def start_window_note(earliest: float, latest: float) -> str | None:
    """What a window across midnight is read as, so a latest start meant on a 12-hour clock
    (8 to 6 for 08:00 to 18:00) does not pass unsaid as 08:00 to 06:00 the next morning."""
    if not latest < earliest:
        return None
    note = (
        f"shifts may start from {_clock(earliest)} to {_clock(latest)} "
        f"{next_part_of_day(latest)}, across midnight, as the latest start is before the earliest"
    )
    if latest < 12 and latest + 12 > earliest:
        note += (
            f"; for {_clock(earliest)} to {_clock(latest + 12)} give the latest as {latest + 12:g}"
        )
    return note


def repeating_week_note(plan: ShiftPlan, interval_minutes: float) -> str | None:
    """Where a one-week plan read as a repeating roster has shifts running past its end, which
    of them cover its first hours: the plan is the steady week, not dated days alone."""
    if not plan.repeats_weekly or plan.shifts.empty or plan.coverage.empty:
        return None
    first = plan.coverage["interval_start"].iloc[0]
    end = plan.coverage["interval_start"].iloc[-1] + pd.Timedelta(minutes=interval_minutes)
    past = plan.shifts[plan.shifts["shift_end"] > end]
    if past.empty:
        return None
    people = int(past["people"].sum())
    earliest, latest = (
        day_text(past["shift_start"].agg(edge), clock=True) for edge in ("min", "max")
    )
    when = f"starting {earliest}" if earliest == latest else f"starting {earliest} to {latest}"
    one = people == 1
    weeks = round((end - first) / pd.Timedelta(days=7))
    span = "one week" if weeks == 1 else f"{weeks} weeks"
    return (
        f"the plan is {span}, read as a roster repeating every {span.removeprefix('one ')}: "
        f"{'the shift' if one else f'the {people:,} shifts'} {when} "
        f"{'runs' if one else 'run'} past its end and {'covers' if one else 'cover'} its first "
        f"hours from {day_text(first, clock=True)}, as {'it' if one else 'they'} will the next "
        f"{'week' if weeks == 1 else 'rotation'}'s"
    )


# EU Working Time Directive 2003/88/EC: at most 48 h of work a week on average, overtime
# included (art. 6), and 24 h of rest on top of the daily 11 h in every 7 days (art. 5).
MOST_WEEKLY_HOURS = 48.0
MOST_SHIFTS_PER_WEEK = 6


def idle_hours_note(
    plan: ShiftPlan, types: Sequence[ShiftType], interval_minutes: float
) -> str | None:
    """Where a large part of the paid hours falls on intervals needing nobody, why: the need
    comes in spells shorter than the shortest shift, which runs on through the hours between
    (AXA's Gestion fortnight from Thu 3 May 2012: 128 h paid for 48 h needed, all 80 h beyond
    the need in such hours). None where those hours are under 10% of the paid hours."""
    if plan.coverage.empty or plan.paid_hours <= 0:
        return None
    step_hours = interval_minutes / 60
    needed = plan.coverage["needed"].to_numpy() > 0
    idle = float(plan.coverage["on_shift"].to_numpy()[~needed].sum()) * step_hours
    if idle < max(1.0, 0.1 * plan.paid_hours):
        return None
    # Spells of need: runs of intervals needing someone, split where one needs nobody.
    edges = np.diff(np.concatenate([[0], needed.astype(np.int8), [0]]))
    spells = (np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)) * step_hours
    shortest = min(types, key=lambda shift: shift.hours)
    cap = f", at most {shortest.max_hours_share:.0%} of paid hours" if _is_capped(shortest) else ""
    beyond = plan.paid_hours - plan.needed_hours
    proven = (
        "no plan of these shifts pays fewer (proven)"
        if plan.optimal and plan.gap == 0
        else "a shorter shift pays fewer"
    )
    return (
        f"{idle:,.1f} h of the {beyond:,.1f} h beyond the need are on shift when the plan needs "
        f"nobody: the need comes in {_counted_spells(len(spells))} of {spells.min():g} to "
        f"{spells.max():g} h ({spells.mean():.1f} h on average), the shortest shift is "
        f"{shortest.hours:g} h ({shortest.name}{cap}), and a shift runs on through the hours "
        f"between spells; {proven}, shorter shifts or a need gathered into longer spells pay "
        "fewer"
    )


def _counted_spells(count: int) -> str:
    return f"{count:,} spell" + ("" if count == 1 else "s")


def working_time_note(
    shifts_per_week: int, full_hours: float, shifts_control: str, hours_control: str
) -> str | None:
    """Why the people to employ, counted at `shifts_per_week` full shifts of `full_hours`
    each, are too few when such a week breaks the EU's working-time limits: at 7 shifts of
    8 h a week of 1,932 shift hours read 41 people (59 at 5 shifts), with no word on the
    56-hour weeks it takes. `shifts_control` and `hours_control` name the settings to lower
    as the front end shows them (--shifts-per-week and --full-hours on the CLI)."""
    week = shifts_per_week * full_hours
    too_long = week > MOST_WEEKLY_HOURS + 1e-9
    broken = []
    if too_long:
        broken.append(
            f"{shifts_per_week} × {full_hours:g} h = {week:g} h a week is above the "
            f"{MOST_WEEKLY_HOURS:g} h on average the EU Working Time Directive (2003/88/EC, "
            "art. 6) allows"
        )
    if shifts_per_week > MOST_SHIFTS_PER_WEEK:
        directive = "" if too_long else "EU Working Time Directive 2003/88/EC, "
        broken.append(
            f"{shifts_per_week} shifts a week leave no weekly rest ({directive}art. 5: 24 h on "
            "top of the daily 11 h in every 7 days)"
        )
    if not broken:
        return None
    fix = f"{shifts_control} or {hours_control}" if too_long else shifts_control
    return (
        f"{', and '.join(broken)}: the people to employ above are too few for lawful weeks; "
        f"lower {fix}"
    )


def _allowed_starts(hour: np.ndarray, shift: ShiftType) -> np.ndarray:
    """Where on the clock (`hour` of the day per interval) `shift` may start; a window across
    midnight (latest before earliest) is the evening's and the morning's hours."""
    return _in_window(hour, shift.earliest_start, shift.latest_start)


def _in_window(hour: np.ndarray, earliest: float, latest: float) -> np.ndarray:
    late = hour >= earliest - 1e-9
    early = hour <= latest + 1e-9
    return (late | early) if latest < earliest else (late & early)


def _hours_of_day(starts: pd.DatetimeIndex | pd.Series, interval_minutes: float) -> np.ndarray:
    """The clock times (hours of the day, in order) intervals of `interval_minutes` start at on
    the grid of the plan's interval `starts`, whichever hours the plan itself lists."""
    first = pd.DatetimeIndex(starts).min()
    offset = (first.hour * 60 + first.minute + first.second / 60) % interval_minutes
    minutes = np.arange(offset, 24 * 60 - 1e-9, interval_minutes)
    return np.round(minutes / 60, 9)


def start_window_on_grid(
    earliest: float,
    latest: float,
    starts: pd.DatetimeIndex | pd.Series,
    interval_minutes: float,
) -> tuple[float, float] | None:
    """The first and last start the window allows among the clock times the plan's intervals
    (`starts`, every `interval_minutes`) begin at, as a shift starts with an interval: 07:05 to
    21:50 on half hours is 07:30 to 21:30. None when no interval starts inside it."""
    hours = _hours_of_day(starts, interval_minutes)
    allowed = hours[_in_window(hours, earliest, latest)]
    if allowed.size == 0:
        return None
    if latest < earliest:  # across midnight: the evening's first start, the morning's last
        evening, morning = allowed[allowed >= earliest - 1e-9], allowed[allowed <= latest + 1e-9]
        first = evening[0] if evening.size else morning[0]
        last = morning[-1] if morning.size else evening[-1]
        return float(first), float(last)
    return float(allowed[0]), float(allowed[-1])


def _read_otherwise(earliest: float, latest: float, hours: np.ndarray) -> tuple[bool, bool]:
    """Whether the window's first and its last start fall between the clock times `hours`
    intervals start at, and so are read as others. A last start after the day's last interval
    start (23:59, or 23:30 on an hourly plan) means to the end of the day, as read; a window
    allowing every interval start leaves nothing out."""
    if _in_window(hours, earliest, latest).all():
        return False, False
    first_off = not np.isclose(hours, earliest, atol=1e-6).any()
    last_off = not np.isclose(hours, latest, atol=1e-6).any() and latest < hours[-1]
    return first_off, last_off


def start_grid_note(
    earliest: float, latest: float, starts: pd.DatetimeIndex | pd.Series, interval_minutes: float
) -> str | None:
    """Where a start window's first or last start falls between the plan's interval starts,
    what it is read as: a shift starts with an interval, so 21:50 on half hours is 21:30 and
    its 8 hours end at 05:30, not 05:50. Nothing where every interval start is allowed (the
    whole day's 23:30 on an hourly plan, whose last start is 23:00 anyway)."""
    first_off, last_off = _read_otherwise(earliest, latest, _hours_of_day(starts, interval_minutes))
    if not (first_off or last_off):
        return None
    read = start_window_on_grid(earliest, latest, starts, interval_minutes)
    typed = f"{_clock(earliest)} to {_clock(latest)}"
    step = f"the plan's {interval_minutes:g}-minute intervals"
    if read is None:
        return f"no shift can start from {typed}: shifts start with {step}, and none starts then"
    first, last = read[0] if first_off else earliest, read[1] if last_off else latest
    return (
        f"shifts start with {step}, so the start window {typed} is read as "
        f"{_clock(first)} to {_clock(last)}"
    )


def _text(value: object) -> str:
    return f"{value:g}" if _is_number(value) else repr(value)


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float | np.integer | np.floating)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


@dataclass(frozen=True)
class BusiestWeek:
    """The week of a shift plan needing most people to employ.

    `week`: its first day in the plan; `people`: its people to employ; `first_day`, `last_day`:
    the days of its calendar week the plan holds. `cut`: the plan leaves out a day of that week
    on a weekday it needs people on elsewhere (it starts or ends inside the week), so `people`
    covers those days alone; then `whole_week` and `whole_people` name the busiest week the plan
    holds whole, None where it holds none."""

    week: pd.Timestamp
    people: int
    first_day: pd.Timestamp
    last_day: pd.Timestamp
    cut: bool
    whole_week: pd.Timestamp | None = None
    whole_people: int | None = None

    @property
    def days_held(self) -> str:
        """The days of the week the plan holds: 'Mon 8 Jun – Wed 10 Jun', or one day."""
        if self.first_day == self.last_day:
            return day_text(self.first_day)
        return f"{day_text(self.first_day)} – {day_text(self.last_day)}"


@dataclass(frozen=True)
class ShiftPlan:
    """The shifts chosen and what they cover.

    `shifts`: shift_start, shift_end, shift, people (one row per start time and type used).
    `coverage`: interval_start, needed, on_shift, surplus (on_shift - needed), every interval
    from the first to the last of the need. `optimal`: the paid hours are proven within
    MIP_RELATIVE_GAP of the best possible (exactly the best without part-time caps); False when
    the solver stopped at its node limit (MIP_MAX_NODES) or, `out_of_time`, its time limit.
    `gap`: how far above the best they may be."""

    shifts: pd.DataFrame
    coverage: pd.DataFrame
    paid_hours: float
    needed_hours: float
    optimal: bool
    gap: float
    # Hours a fractional need (a hand-made plan's 2.5 people) gains when each interval is
    # rounded up to the whole people a shift can put on duty; part of the hours beyond the need.
    rounding_hours: float = 0.0
    # The need was one week of a repeating roster: shifts running past its end cover its start.
    repeats_weekly: bool = False
    # A dated plan's first hours left to shifts starting before it (`shifts_before_plan_note`):
    # their first interval, their end, and the most people needed in them.
    before_plan: tuple[pd.Timestamp, pd.Timestamp, float] | None = None
    # The wall-clock limit, not the work limit, stopped a programme: a rerun may differ.
    out_of_time: bool = False

    @property
    def efficiency(self) -> float:
        """Needed over paid hours: the share of shift time the need asks for."""
        return self.needed_hours / self.paid_hours if self.paid_hours else 1.0

    def by_day(self) -> pd.DataFrame:
        """Per day the shifts start: people per shift type and paid hours. Every day the
        coverage spans is listed, a closed one with no shifts at 0, as the staffing day table
        lists it."""
        if self.shifts.empty:
            return pd.DataFrame(columns=["day", "paid_hours"])
        frame = self.shifts.assign(day=self.shifts["shift_start"].dt.normalize())
        hours = (frame["shift_end"] - frame["shift_start"]).dt.total_seconds() / 3600
        frame = frame.assign(paid_hours=hours * frame["people"])
        table = frame.pivot_table(
            index="day", columns="shift", values="people", aggfunc="sum", fill_value=0
        )
        table.columns = [str(name) for name in table.columns]
        table["paid_hours"] = frame.groupby("day")["paid_hours"].sum()
        days = table.index
        if not self.coverage.empty:
            covered = self.coverage["interval_start"].dt.normalize()
            days = days.union(pd.date_range(covered.min(), covered.max(), freq="D"))
        table = table.reindex(days, fill_value=0).rename_axis("day")
        return table.astype({"paid_hours": float}).reset_index()

    def paid_hours_by_shift(self) -> pd.Series:
        """Paid hours per shift type (by name), the types used only."""
        hours = (self.shifts["shift_end"] - self.shifts["shift_start"]).dt.total_seconds() / 3600
        return (hours * self.shifts["people"]).groupby(self.shifts["shift"]).sum().astype(float)

    def busiest_week_people(self, shifts_per_week: int = DEFAULT_SHIFTS_PER_WEEK) -> int:
        """The people to employ in the week needing most (`people_to_employ` summed per week)."""
        busiest = self.busiest_week(shifts_per_week)
        return busiest.people if busiest is not None else 0

    def busiest_week(self, shifts_per_week: int = DEFAULT_SHIFTS_PER_WEEK) -> BusiestWeek | None:
        """The week of `people_to_employ` needing most people, the days of it the plan holds,
        and, where the plan holds only part of it, the busiest week it holds whole. None
        without shifts."""
        weeks = self.people_to_employ(shifts_per_week)
        if weeks.empty:
            return None
        by_week = weeks.groupby("week")["people"].sum()
        busiest = pd.Timestamp(by_week.idxmax())
        cut = self._weeks_cut(by_week.index)
        is_cut = bool(cut[by_week.index.get_loc(busiest)])
        whole_week, whole_people = None, None
        if is_cut and not cut.all():
            whole = by_week[~cut]
            whole_week, whole_people = pd.Timestamp(whole.idxmax()), int(whole.max())
        first, last = self._days_held(busiest)
        return BusiestWeek(
            busiest, int(by_week.max()), first, last, is_cut, whole_week, whole_people
        )

    def _days_held(self, week: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The first and last day of the plan's span inside the calendar week holding `week`."""
        if self.repeats_weekly:  # the roster's own seven days, from whichever weekday
            return week, week + pd.Timedelta(days=6)
        starts = (
            self.coverage["interval_start"]
            if not self.coverage.empty
            else self.shifts["shift_start"]
        )
        monday = week.normalize() - pd.Timedelta(days=week.day_of_week)
        first = max(monday, starts.min().normalize())
        last = min(monday + pd.Timedelta(days=6), starts.max().normalize())
        return first, last

    def _weeks_cut(self, weeks: pd.Index) -> np.ndarray:
        """Per week of people_to_employ (named by its first day in the plan), whether the plan's
        span leaves out a day of its calendar week on a weekday the plan needs people on
        elsewhere: a plan that starts or ends mid-week. Days the desk is closed (a Mon-Fri
        plan's weekend) cut nothing."""
        if self.coverage.empty or self.repeats_weekly:
            return np.zeros(len(weeks), dtype=bool)
        needed = self.coverage.loc[self.coverage["needed"] > 0, "interval_start"]
        open_weekdays = set(needed.dt.day_of_week)
        cut = []
        for week in pd.to_datetime(weeks):  # one per week of the plan
            first, last = self._days_held(week)
            monday = week.normalize() - pd.Timedelta(days=week.day_of_week)
            days = pd.date_range(monday, periods=7, freq="D")
            left_out = days[(days < first) | (days > last)]
            cut.append(bool(set(left_out.day_of_week) & open_weekdays))
        return np.array(cut, dtype=bool)

    @property
    def roster_weeks(self) -> int:
        """The whole weeks a repeating roster spans (1 for a one-week plan)."""
        if self.coverage.empty:
            return 1
        span = self.coverage["interval_start"].iloc[-1] - self.coverage["interval_start"].iloc[0]
        return max(1, math.ceil(span / pd.Timedelta(days=7)))

    def people_to_employ(self, shifts_per_week: int = DEFAULT_SHIFTS_PER_WEEK) -> pd.DataFrame:
        """Per week (from Monday) and shift type: its shifts, its busiest day, and the fewest
        people who can work them at one shift a day and `shifts_per_week` a week,
        max(busiest day, ceil(shifts / shifts_per_week)).

        That many are enough: deal the week's shifts out day after day to the people in turn;
        nobody gets two on one day (no day has more shifts than people) nor more than
        `shifts_per_week` (the deal goes round fewer times than that). Days off need not be
        consecutive; a week the horizon cuts counts only its days inside it, and is named by
        its first day inside it (a Wednesday start reads from that Wednesday, not the Monday
        before the horizon). A repeating roster's weeks are its own seven days from its first
        day, whichever weekday that is: a Wednesday-to-Tuesday roster is one week, not two
        calendar part-weeks."""
        check_shifts_per_week(shifts_per_week)
        columns = ["week", "shift", "shifts", "busiest_day", "people"]
        if self.shifts.empty:
            return pd.DataFrame(columns=columns)
        starts = self.shifts["shift_start"]
        day = starts.dt.normalize()
        monday = day - pd.to_timedelta(starts.dt.day_of_week, "D")
        first_day = day.min()
        if not self.coverage.empty:
            first_day = min(first_day, self.coverage["interval_start"].min().normalize())
        week = monday.clip(lower=first_day)
        if self.repeats_weekly:
            # A shift starting on the day after the roster's last (a 06:00-to-06:00 week's
            # Wednesday night hours) is its first weekday's: days wrap round the roster.
            span = pd.Timedelta(days=7 * self.roster_weeks)
            day = first_day + (day - first_day) % span
            week = first_day + (day - first_day) // pd.Timedelta(days=7) * pd.Timedelta(days=7)
        frame = self.shifts.assign(day=day, week=week)
        daily = frame.groupby(["week", "shift", "day"], sort=True)["people"].sum()
        weekly = daily.groupby(level=["week", "shift"]).agg(["sum", "max"])
        weekly.columns = ["shifts", "busiest_day"]
        weekly["people"] = np.maximum(
            weekly["busiest_day"], -(-weekly["shifts"] // shifts_per_week)
        )
        return weekly.reset_index()[columns]


def check_shifts_per_week(shifts_per_week: object) -> None:
    """Shifts one person works a week, at most one a day: a whole number from 1 to 7."""
    if not (
        isinstance(shifts_per_week, int | np.integer)
        and not isinstance(shifts_per_week, bool)
        and 1 <= shifts_per_week <= 7
    ):
        raise SettingError(
            f"shifts per person per week must be a whole number from 1 to 7 (got "
            f"{shifts_per_week!r})",
            "shifts_per_week",
        )


def _check_types(types: Sequence[ShiftType], interval_minutes: float) -> list[int]:
    """Each type's length in intervals; one clear InputError for the first bad type."""
    if not types:
        raise InputError("give at least one shift type (a name and its length in hours)")
    names = [shift.name for shift in types]
    if len(set(names)) < len(names):
        raise InputError(f"shift type names must differ; got {', '.join(names)}")
    lengths = []
    for shift in types:
        steps = shift.hours * 60 / interval_minutes
        if not math.isfinite(steps) or steps < 1 or abs(steps - round(steps)) > 1e-9:
            raise InputError(
                f"shift '{shift.name}' lasts {shift.hours:g} h: give a length that is a whole "
                f"number of the plan's {interval_minutes:g}-minute intervals"
                + _nearest_lengths(steps, interval_minutes)
            )
        if not _is_hour(shift.earliest_start, shift.latest_start):
            raise InputError(
                f"shift '{shift.name}' may start from {shift.earliest_start:g} h to "
                f"{shift.latest_start:g} h: give hours of the day from 0 up to (not including) 24, "
                f"e.g. 23.5; {ACROSS_MIDNIGHT_HINT}"
            )
        share = shift.max_hours_share
        if share is not None and not 0 < share <= 1:
            raise InputError(
                f"shift '{shift.name}': its most share of paid hours must be a fraction above "
                f"0 and at most 1, e.g. 0.3 for 30% (got {share:g})"
            )
        lengths.append(round(steps))
    if all(shift.max_hours_share is not None and shift.max_hours_share < 1 for shift in types):
        caps = sum(shift.max_hours_share or 0 for shift in types)
        if caps < 1:
            raise InputError(
                "the shift types' most shares of paid hours add up to "
                f"{caps:.0%}, so no plan can fill 100%: raise one or leave one uncapped"
            )
    return lengths


def _nearest_lengths(steps: float, interval_minutes: float) -> str:
    """The whole-interval lengths either side of `steps` intervals: ", such as 7.5 h or 8 h"
    for 7.75 h in half hours, so the manager need not work out which lengths fit."""
    if not math.isfinite(steps):
        return ", at least one"
    hours = [
        whole * interval_minutes / 60
        for whole in sorted({max(1, math.floor(steps)), max(1, math.ceil(steps))})
    ]
    return ", such as " + " or ".join(f"{length:g} h" for length in hours)


def _need_on_grid(need: pd.Series, interval_minutes: float) -> pd.Series:
    """The need on a regular grid from its first to its last interval, 0 where absent."""
    if not np.issubdtype(np.asarray(need.index).dtype, np.datetime64) and not isinstance(
        need.index, pd.DatetimeIndex
    ):
        raise InputError("the need per interval must be indexed by interval start times")
    values = pd.to_numeric(need, errors="coerce").astype(float)
    bad = ~np.isfinite(values.to_numpy()) | (values.to_numpy() < 0)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        value = need.iloc[first]
        shown = f"{float(value):g}" if isinstance(value, (int, float, np.number)) else repr(value)
        raise InputError(
            f"people needed at {day_text(need.index[first], year=True, clock=True)} is {shown}: give a number "
            "0 or more for every interval"
        )
    values = values.groupby(level=0).sum().sort_index()
    step = pd.Timedelta(minutes=interval_minutes)
    offsets = (values.index - values.index[0]) % step
    if (offsets != pd.Timedelta(0)).any():
        at = values.index[int(np.flatnonzero(offsets != pd.Timedelta(0))[0])]
        raise InputError(
            f"interval {day_text(at, year=True, clock=True)} is not on the {interval_minutes:g}-minute grid "
            f"that starts {day_text(values.index[0], year=True, clock=True)}"
        )
    grid = pd.date_range(values.index[0], values.index[-1], freq=step)
    return values.reindex(grid, fill_value=0.0)


def _candidate_starts(
    grid: pd.DatetimeIndex, needed: np.ndarray, shift: ShiftType, length: int
) -> np.ndarray:
    """Grid positions where `shift` may start and would cover some need (others never help)."""
    allowed = _allowed_starts(np.asarray(grid.hour + grid.minute / 60), shift)
    busy = np.concatenate([[0], np.cumsum(needed > 0)])
    ends = np.minimum(np.arange(len(grid)) + length, len(grid))
    covers = busy[ends] - busy[: len(grid)] > 0
    return np.flatnonzero(allowed & covers)


class NotWholeWeeksError(InputError):
    """A rotation of whole weeks asked of a need of other days, for each front end to name
    its own control."""


class OutOfTimeError(InputError):
    """No plan found within the time limit, for each front end to name its own control."""


class UncoveredNeedError(InputError):
    """A need no allowed shift reaches, its advice left for each front end to word in its own
    controls (`advice`): options on the command line, the Shifts page's fields in the app."""

    def __init__(self, at: pd.Timestamp, people: float, windows: str, longer_helps: bool) -> None:
        self.at, self.people, self.windows = at, people, windows
        # A shift of MAX_SHIFT_HOURS from an allowed start would reach the interval.
        self.longer_helps = longer_helps
        super().__init__(self.advice("the start hours", "the shifts"))

    def advice(self, start_hours: str, lengths: str) -> str:
        """The refusal ending "widen `start_hours` (...)", and "or lengthen `lengths`" where a
        longer shift would reach the interval."""
        people = f"{self.people:g} {'person' if self.people == 1 else 'people'}"
        longer = f" or lengthen {lengths}" if self.longer_helps else ""
        return (
            f"no allowed shift covers {day_text(self.at, year=True, clock=True)} ({people} needed): widen "
            f"{start_hours} ({self.windows}){longer}"
        )


def _first_uncovered(
    grid: pd.DatetimeIndex,
    needed: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    longest: int,
    interval_minutes: float,
) -> None:
    """Refuse a need no allowed shift can cover, naming its first interval; `longest` is
    MAX_SHIFT_HOURS in intervals."""
    one_each = [np.ones(len(first)) for first in starts]
    reach = _on_duty(len(grid), starts, lengths, one_each) > 0
    bare = np.flatnonzero((needed > 0) & ~reach)
    if bare.size:
        windows = "; ".join(
            f"{shift.name} {_starts_text(shift, grid, interval_minutes)}" for shift in types
        )
        first = int(bare[0])
        hour = np.asarray(grid.hour + grid.minute / 60)
        allowed = np.zeros(len(grid), dtype=bool)
        for shift in types:
            allowed |= _allowed_starts(hour, shift)
        longer_helps = bool(allowed[max(0, first - longest + 1) : first + 1].any())
        raise UncoveredNeedError(grid[first], float(needed[first]), windows, longer_helps)


def _starts_text(shift: ShiftType, grid: pd.DatetimeIndex, interval_minutes: float) -> str:
    """ "starts 07:30–21:30", the window as the plan's intervals allow it, with the window as
    given where that differs ("starts 07:30–21:30, the interval starts within 07:05–21:50")."""
    given = f"{_clock(shift.earliest_start)}–{_clock(shift.latest_start)}"
    read = start_window_on_grid(shift.earliest_start, shift.latest_start, grid, interval_minutes)
    if read is None:
        return f"starts {given}, when no interval of the plan starts"
    hours = _hours_of_day(grid, interval_minutes)
    first_off, last_off = _read_otherwise(shift.earliest_start, shift.latest_start, hours)
    if not (first_off or last_off):
        return f"starts {given}"
    first = read[0] if first_off else shift.earliest_start
    last = read[1] if last_off else shift.latest_start
    return f"starts {_clock(first)}–{_clock(last)}, the interval starts within {given}"


def _clock(hours: float) -> str:
    """An hour of the day as the Shifts page's start slider shows it: 9.5 -> "09:30"."""
    minutes = min(round(hours * 60), 24 * 60 - 1)  # 23.99 h, "any time", is 23:59
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan_shifts(
    need: pd.Series,
    interval_minutes: float,
    types: Sequence[ShiftType] = DEFAULT_SHIFT_TYPES,
    time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS,
    shifts_per_week: int = DEFAULT_SHIFTS_PER_WEEK,
    repeat_week: bool | None = None,
) -> ShiftPlan:
    """The shifts that put at least `need` people (per interval start) on duty in every
    interval at the fewest paid hours, each type within its start hours and share cap; among
    such plans, one needing fewer people at `shifts_per_week` where a search at the root node
    finds it (blocks small enough, see PEOPLE_SEARCH_MAX_NONZEROS).

    Integer programmes solved by HiGHS, so shifts run across midnight where a 24-hour desk needs
    it. Without share caps every column of the covering matrix is a run of consecutive
    intervals: the matrix is totally unimodular and the LP at the root is already whole.
    A horizon longer than `BLOCK_DAYS` is planned a block at a time, each block covering what
    the shifts of the blocks before leave uncovered, its part-time cap kept within the block
    (a year with a cap in one programme outlasts any time limit); `optimal` then means each
    block was proven best (within MIP_RELATIVE_GAP) given the shifts running into it.

    `repeat_week`: the need is a roster of whole weeks that repeats, so a shift running past
    its last interval (Sunday 22:00 to Monday 06:00) covers its first ones, as it covers the
    next Monday's. None reads so a need spanning exactly one week (7 days of intervals, from
    any weekday and clock time), and a longer or shorter one as dated days: the first Monday's
    early hours of a fortnight's forecast follow a Sunday outside it; True asks it of a
    rotation of several weeks, a need listing open intervals alone taken over its whole days
    and weeks (`_whole_days_of_weeks`). A dated plan's first hours that only a shift starting
    before it reaches are left to the previous roster (`ShiftPlan.before_plan`)."""
    if time_limit_seconds <= 0:
        raise InputError(f"time limit must be above 0 seconds (got {time_limit_seconds:g})")
    if not interval_minutes > 0:
        raise InputError(f"interval length must be above 0 minutes (got {interval_minutes:g})")
    if len(need) == 0:
        raise InputError("no intervals to cover: the need per interval is empty")
    check_shifts_per_week(shifts_per_week)
    lengths = _check_types(types, interval_minutes)
    grid_need = _need_on_grid(need, interval_minutes)
    if repeat_week:
        grid_need = _whole_days_of_weeks(grid_need, interval_minutes)
    grid = pd.DatetimeIndex(grid_need.index)
    needed = grid_need.to_numpy()
    wrap = _repeats_weekly(grid, interval_minutes, repeat_week)
    starts = [
        _candidate_starts(grid, needed, shift, length)
        for shift, length in zip(types, lengths, strict=True)
    ]
    longest = max(1, math.floor(MAX_SHIFT_HOURS * 60 / interval_minutes + 1e-9))
    # A dated plan's first hours only a shift from before it reaches (nights starting at
    # 22:00, the plan at Monday 00:00) are the previous roster's, as its own last shifts run
    # past its end into the next one's: left to them, not refused as no start hour reaching.
    # A repeating roster's own last shifts must cover them.
    before = _reached_from_before(grid, needed, starts, lengths, types)
    solved_need = np.where(before, 0.0, needed)
    # A repeating week is planned from a dated one (`_rolled_week`): the rest of its need must
    # be reachable without the wrap as well.
    _first_uncovered(grid, solved_need, starts, lengths, types, longest, interval_minutes)
    step_hours = interval_minutes / 60
    clock = _Clock(time_limit_seconds)
    plan = _Cover(
        grid,
        solved_need,
        starts,
        lengths,
        types,
        step_hours,
        clock,
        shifts_per_week,
        repeats_weekly=wrap,
    )
    people = [np.zeros(len(first)) for first in starts]
    # A repeating week keeps its dated plan only where the rolled one pays no fewer hours:
    # the search for fewer people (most of the solve) is spent on the plan kept alone.
    optimal, gap = plan.cover(people, search=not wrap)
    if wrap:
        try:
            rolled, rolled_optimal, rolled_gap = _rolled_week(
                plan, people, replace(plan, needed=needed), must=bool(before.any())
            )
        except InputError:  # a programme out of time: the dated week covers it all the same
            rolled = None
        if rolled is None:
            # the dated week leaves the hours reached from before it to nobody
            _first_uncovered(grid, needed, starts, lengths, types, longest, interval_minutes)
            people = [np.zeros(len(first)) for first in starts]
            optimal, gap = plan.cover(people)
        else:
            people, optimal, gap = rolled, rolled_optimal, rolled_gap
        people = _fewer_wrapped_shifts(replace(plan, needed=needed), people)
        before[:] = False
    result = _plan(grid, needed, starts, lengths, types, people, step_hours, optimal, gap, wrap)
    result = replace(result, out_of_time=clock.hit)
    if not before.any():
        return result
    # The previous roster's people count as on shift where they were left the need.
    held = np.where(before, np.ceil(needed - ROUNDING_TOLERANCE), 0.0)
    coverage = result.coverage.assign(on_shift=result.coverage["on_shift"] + held)
    coverage["surplus"] = coverage["on_shift"] - coverage["needed"]
    last = int(np.flatnonzero(before)[-1])
    return replace(
        result,
        coverage=coverage,
        before_plan=(grid[0], grid[last] + pd.Timedelta(minutes=interval_minutes), held.max()),
    )


def _reached_from_before(
    grid: pd.DatetimeIndex,
    needed: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
) -> np.ndarray:
    """The plan's first intervals with a need that no allowed shift starting inside the plan
    reaches but one starting before it, at an allowed hour, does."""
    one_each = [np.ones(len(first)) for first in starts]
    bare = (needed > 0) & ~(_on_duty(len(grid), starts, lengths, one_each) > 0)
    step = grid[1] - grid[0] if len(grid) > 1 else pd.Timedelta(0)
    reach = 0  # intervals from the plan's start a shift from before it covers
    for shift, length in zip(types, lengths, strict=True):
        earlier = pd.DatetimeIndex([grid[0] - step * back for back in range(1, length)])
        allowed = _allowed_starts(np.asarray(earlier.hour + earlier.minute / 60), shift)
        if allowed.any():
            reach = max(reach, length - 1 - int(np.flatnonzero(allowed)[0]))
    return bare & (np.arange(len(grid)) < reach)


def shifts_before_plan_note(plan: ShiftPlan, rotation_control: str) -> str | None:
    """Where a dated plan's first hours were left to shifts starting before it, which hours
    and how many people those shifts must leave on duty; `rotation_control` names the
    setting reading the plan as a rotation, as the front end shows it."""
    if plan.before_plan is None:
        return None
    first, end, people = plan.before_plan
    until = f"{end:%H:%M}" if end.normalize() == first.normalize() else day_text(end, clock=True)
    return (
        f"{day_text(first, clock=True)}–{until} ({people:g} "
        f"{'person' if people == 1 else 'people'} at most) is reached only by shifts starting "
        "before the plan, on the previous roster, as this plan's last shifts run past its end: "
        "left to them and counted on shift in the cover, not paid here; a plan of whole weeks "
        f"read as a rotation ({rotation_control}) covers them with its own last shifts"
    )


@dataclass
class _Clock:
    """One plan's wall-clock safety net: what is left of its time limit, and whether a
    programme ran into it (then the plan depends on the machine's speed)."""

    seconds: float
    deadline: float = field(init=False)
    hit: bool = False

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def left(self, at_most: float = np.inf) -> float:
        return max(0.0, min(at_most, self.deadline - time.monotonic()))


@dataclass(frozen=True)
class _Cover:
    """What the blocks of a horizon are covered from: the need on its grid and the candidate
    starts of each shift type."""

    grid: pd.DatetimeIndex
    needed: np.ndarray
    starts: list[np.ndarray]
    lengths: list[int]
    types: Sequence[ShiftType]
    step_hours: float
    clock: _Clock
    shifts_per_week: int
    # The plan is read as a repeating roster, its weeks counted from its first day: so are the
    # search's, whether or not this cover's shifts wrap round its end.
    repeats_weekly: bool = False

    def cover(
        self,
        people: list[np.ndarray],
        wrap: bool = False,
        costs: list[np.ndarray] | None = None,
        search: bool = True,
    ) -> tuple[bool, float]:
        """Add to `people` (per candidate start) the shifts covering what they leave of the
        need, a block at a time; `costs` in place of each start's paid hours, and `search`
        for fewer people to employ. Whether every block was proven best, and the largest gap."""
        grid, needed, starts, lengths = self.grid, self.needed, self.starts, self.lengths
        block = max(1, round(BLOCK_DAYS * 24 / self.step_hours))
        blocks = range(0, len(grid), block)
        optimal, gap, solved_before = True, 0.0, False
        searched = (
            _blocks_to_search(blocks, block, needed, starts, lengths, self.types) if search else ()
        )
        for begin in blocks:
            end = min(begin + block, len(grid))
            on_duty = _on_duty(len(grid), starts, lengths, people, wrap)
            left = np.zeros(len(grid))
            left[begin:end] = np.maximum(needed[begin:end] - on_duty[begin:end], 0)
            if not (left > 0).any():
                continue
            picks = _block_picks(starts, lengths, begin, end)
            block_starts = [first[pick] for first, pick in zip(starts, picks, strict=True)]
            limit = self.clock.left()
            block_costs = (
                None
                if costs is None
                else [cost[pick] for cost, pick in zip(costs, picks, strict=True)]
            )
            try:
                chosen, solved, block_gap, out_of_time = _solve_block(
                    left,
                    block_starts,
                    lengths,
                    self.types,
                    self.step_hours,
                    limit,
                    costs=block_costs,
                )
            except OutOfTimeError as error:
                self.clock.hit = True
                if not solved_before:
                    raise OutOfTimeError(
                        f"no shift plan found within {self.clock.seconds:g} s: shorten the "
                        "horizon or raise the time limit"
                    ) from error
                # The blocks share one limit: the ones before this took the rest of it.
                raise OutOfTimeError(
                    f"no shift plan found for the {BLOCK_DAYS} days from "
                    f"{day_text(grid[begin], year=True)} within what the blocks before it left "
                    f"of the {self.clock.seconds:g}-s time limit (a horizon over {BLOCK_DAYS} "
                    f"days is planned {BLOCK_DAYS} days at a time): shorten the horizon or raise "
                    "the time limit"
                ) from error
            self.clock.hit |= out_of_time
            solved_before = True
            if begin in searched:
                weeks = _Weeks.of(
                    grid, starts, people, block_starts, self.shifts_per_week, self.repeats_weekly
                )
                chosen = _fewer_people(
                    chosen,
                    left,
                    block_starts,
                    lengths,
                    self.types,
                    self.step_hours,
                    weeks,
                    self.clock,
                )
            for total, pick, extra in zip(people, picks, chosen, strict=True):
                total[pick] += extra
            optimal, gap = optimal and solved, max(gap, block_gap)
        return optimal, gap


def _rolled_week(
    plan: _Cover, dated: list[np.ndarray], whole: _Cover, must: bool
) -> tuple[list[np.ndarray] | None, bool, float]:
    """The week's shifts read as a roster repeating every week, covering `whole`'s need,
    whether they were proven best and their gap; None where they break a part-time cap or,
    unless a need only they reach (`must`) leaves `dated` short, pay no fewer hours than
    `dated` (`plan`'s first plan, before any search for fewer people).

    A programme whose shifts wrap from the week's end to its start has no longer consecutive
    runs of ones: with a part-time cap, bench/shift_speed.py's low load over its first week in
    5-minute intervals ran into the 60 s time limit unproven (52 s CPU, gap 2.9%), at 7,620 h
    where the dated week pays 7,408. So it is solved in two consecutive-run programmes: the
    first weighs each shift by its hours inside the week, so the shifts running past its end
    (their hours beyond it fall on the next Monday, which repeats this one) cost less; those
    are kept, and the second covers what they leave at full paid hours, Monday's first hours
    included. Which shifts to run past the end is the first programme's guess, and their hours
    on the week's first intervals may go idle: AXA's Nuit week from Mon 11 Jun 2012 at a 30%
    cap paid 660 h in 107 shifts, where shifts wrapping round the week pay 640 h in 104 (an
    exact programme); `_fewer_wrapped_shifts` finds that plan afterwards, keeping the people
    to employ. The wrapped programme at the fewest hours is not taken here: unsearched for
    fewer people, on AXA's Médical week from Wed 1 Jan 2014 it paid 864 h for 28 people where
    the dated week's search pays 868 h for 25. No hour is counted twice: each shift's hours
    past the end fall on the week's first intervals once (`_on_duty`)."""
    rolled, rolled_optimal, rolled_gap = _two_pass_week(plan, whole)
    hours = [length * plan.step_hours for length in plan.lengths]
    if rolled is None:
        return None, False, 0.0
    dearer = _hours(rolled, hours) >= _hours(dated, hours) - 1e-9
    if (dearer and not must) or not _within_caps(rolled, hours, plan.types):
        return None, False, 0.0
    return rolled, rolled_optimal, rolled_gap


def _wraps_in_one(whole: _Cover) -> bool:
    """Whether a roster is small enough for one wrapped programme at the root node: one block,
    sized as the search for fewer people (the root's cuts on a 5-minute week with the 30% cap,
    290k entries, outlasted 20 s)."""
    if len(whole.grid) > max(1, round(BLOCK_DAYS * 24 / whole.step_hours)):
        return False
    capped = any(_is_capped(shift) for shift in whole.types)
    lengths = zip(whole.starts, whole.lengths, strict=True)
    size = sum(len(first) * length for first, length in lengths)
    return size <= (CAPPED_SEARCH_MAX_NONZEROS if capped else PEOPLE_SEARCH_MAX_NONZEROS)


def _fewer_wrapped_shifts(whole: _Cover, people: list[np.ndarray]) -> list[np.ndarray]:
    """`people`, or a roster of fewer shifts at no more paid hours and people to employ, with
    shifts wrapping round its end, where HiGHS finds one at the root node: the rotation of
    tests/test_app_probe_round_thirtythree.py's night calls paid 448 h in 67 shifts, where 62
    cover it at 448 h."""
    # A roster of no shift (a scenario needing nobody) has nothing fewer to find, and HiGHS
    # refuses a programme of no variable.
    if not _wraps_in_one(whole) or not any(first.sum() > 0 for first in people):
        return people
    hours = [length * whole.step_hours for length in whole.lengths]
    paid = _hours(people, hours)
    # per shift one, and its hours a little: the fewest shifts, then the fewest hours
    costs = [
        np.full(len(first), 1.0 + each * PEOPLE_SEARCH_HOUR_WEIGHT)
        for first, each in zip(whole.starts, hours, strict=True)
    ]
    try:
        found, _, _, out_of_time = _solve_block(
            whole.needed,
            whole.starts,
            whole.lengths,
            whole.types,
            whole.step_hours,
            whole.clock.left(PEOPLE_SEARCH_SAFETY_SECONDS),
            most_hours=paid,
            limits={"node_limit": PEOPLE_SEARCH_NODES},
            costs=costs,
            wrap=True,
        )
    except InputError:
        return people
    if out_of_time:
        whole.clock.hit = True
        return people
    none = [np.zeros(len(first)) for first in whole.starts]
    weeks = _Weeks.of(whole.grid, whole.starts, none, whole.starts, whole.shifts_per_week, True)
    kept = (
        _shift_count(found) < _shift_count(people)
        and _hours(found, hours) <= paid + 1e-9
        and _within_caps(found, hours, whole.types)
        # a rotation's people work all its weeks: its busiest week employs them
        and weeks.people(found)[0] <= weeks.people(people)[0]
    )
    return found if kept else people


def _two_pass_week(plan: _Cover, whole: _Cover) -> tuple[list[np.ndarray] | None, bool, float]:
    """The week in two consecutive-run programmes (see `_rolled_week`); None where the first
    runs no shift past the week's end."""
    n_intervals = len(plan.grid)
    inside = [
        np.minimum(length, n_intervals - first) * plan.step_hours
        for first, length in zip(plan.starts, plan.lengths, strict=True)
    ]
    lean = [np.zeros(len(first)) for first in plan.starts]
    plan.cover(lean, costs=inside, search=False)
    rolled = [
        np.where(first + length > n_intervals, count, 0.0)
        for first, length, count in zip(plan.starts, plan.lengths, lean, strict=True)
    ]
    if not any(count.any() for count in rolled):
        return None, False, 0.0
    rolled_optimal, rolled_gap = whole.cover(rolled, wrap=True)
    return rolled, rolled_optimal, rolled_gap


def _within_caps(people: list[np.ndarray], hours: list[float], types: Sequence[ShiftType]) -> bool:
    """Whether each capped type's share of all paid hours is within its cap."""
    paid = [count.sum() * each for count, each in zip(people, hours, strict=True)]
    total = sum(paid)
    return all(
        not _is_capped(shift) or mine <= shift.max_hours_share * total + 1e-6
        for shift, mine in zip(types, paid, strict=True)
    )


def _whole_days_of_weeks(need: pd.Series, interval_minutes: float) -> pd.Series:
    """`need` from its first day's midnight to its last day's end, closed hours at 0, where it
    is not whole weeks itself but its days are: a plan of open intervals alone (08:00-18:00 over
    14 days) spans 13 days and 10 hours, while its rotation is two whole weeks. Days after its
    last up to a whole week are added closed where the plan needs nobody on their weekdays: a
    Monday-to-Friday desk's four weeks end on a Friday."""
    step = pd.Timedelta(minutes=interval_minutes)
    week = pd.Timedelta(days=7)
    if abs((len(need) * step / week) % 1) < 1e-9:
        return need
    first, last = need.index[0], need.index[-1]
    start = first - (first - first.normalize()) // step * step
    days = (last.normalize() - start.normalize()).days + 1
    end = start + pd.Timedelta(days=7 * math.ceil(days / 7))
    added = pd.date_range(last.normalize() + pd.Timedelta(days=1), end, freq="D", inclusive="left")
    worked = set(need.index[need.to_numpy() > 0].day_of_week)
    if set(added.day_of_week) & worked or (end - start) % step:
        end = last.normalize() + pd.Timedelta(days=1)  # whole days only: refused if not weeks
    grid = pd.date_range(start, end, freq=step, inclusive="left")
    if abs((len(grid) * step / week) % 1) > 1e-9:
        return need  # refused in `_repeats_weekly`, naming its days
    return need.reindex(grid, fill_value=0.0)


def _repeats_weekly(
    grid: pd.DatetimeIndex, interval_minutes: float, repeat_week: bool | None
) -> bool:
    """Whether the need is read as a repeating roster (see `plan_shifts`)."""
    days = len(grid) * interval_minutes / (24 * 60)
    one_week = abs(days - 7) < 1e-9
    if repeat_week and abs(days / 7 - round(days / 7)) > 1e-9:
        first, last = grid[0].normalize(), grid[-1].normalize()
        calendar_days = (last - first).days + 1
        raise NotWholeWeeksError(
            f"a rotation of whole weeks needs a plan of whole weeks: this one spans "
            f"{calendar_days} days, {day_text(first, year=True)} to {day_text(last, year=True)}; "
            "give 7, 14, 21 or 28 days, or plan its days as dated ones"
        )
    return one_week if repeat_week is None else repeat_week


def _block_picks(
    starts: list[np.ndarray], lengths: list[int], begin: int, end: int
) -> list[np.ndarray]:
    """The candidate starts a block from `begin` to `end` may add people at, per shift type:
    shifts from before the block where they alone reach its first intervals."""
    return [
        np.flatnonzero((first > begin - length) & (first < end))
        for first, length in zip(starts, lengths, strict=True)
    ]


def _blocks_to_search(
    blocks: range,
    block: int,
    needed: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
) -> set[int]:
    """The first intervals of the blocks the search for fewer people covers, decided from the
    sizes of their covering matrices alone: the blocks needing the most hours first (the
    busiest week is likelier there), each within its size limit, all within the budget."""
    capped = any(_is_capped(shift) for shift in types)
    largest = CAPPED_SEARCH_MAX_NONZEROS if capped else PEOPLE_SEARCH_MAX_NONZEROS
    left, chosen = PEOPLE_SEARCH_BUDGET_NONZEROS, set()
    hours = {begin: needed[begin : begin + block].sum() for begin in blocks}
    for begin in sorted(blocks, key=lambda first: -hours[first]):
        if hours[begin] <= 0:
            break
        picks = _block_picks(starts, lengths, begin, min(begin + block, len(needed)))
        size = sum(len(pick) * length for pick, length in zip(picks, lengths, strict=True))
        if size <= min(largest, left):
            left -= size
            chosen.add(begin)
    return chosen


def _fewer_people(
    chosen: list[np.ndarray],
    left: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    step_hours: float,
    weeks: _Weeks,
    clock: _Clock,
) -> list[np.ndarray]:
    """`chosen`, or a plan covering the same need at no more paid hours that HiGHS finds at the
    root node (within what is left of `clock`, PEOPLE_SEARCH_SAFETY_SECONDS at most) with fewer people in the block's busiest week, the
    people `ShiftPlan.busiest_week` reports; or, in a dated plan, as many there and fewer in its
    other weeks; or as many people at fewer hours or shifts. More shifts for as many people to
    employ keep `chosen`: a Gestion fortnight read as a rotation went from 20 shifts to 23 for
    4 people both."""
    hours = [length * step_hours for length in lengths]
    paid = _hours(chosen, hours)
    found = _root_search(left, starts, lengths, types, step_hours, clock, weeks, paid)
    if found is None or _hours(found, hours) > paid + 1e-9:
        return chosen
    (busiest, total), (was_busiest, was_total) = weeks.people(found), weeks.people(chosen)
    shifts, was_shifts = _shift_count(found), _shift_count(chosen)
    # A rotation's people work all its weeks: fewer in a quieter week employ nobody fewer. A dated
    # plan's other weeks are shown, the busiest whole one named where the busiest is cut short.
    fewer_elsewhere = busiest == was_busiest and total < was_total and not weeks.repeats_weekly
    if busiest < was_busiest or fewer_elsewhere:
        return _fewest_shifts(found, left, starts, lengths, types, step_hours, weeks, clock)
    as_many = busiest == was_busiest and (weeks.repeats_weekly or total == was_total)
    if as_many and (round(_hours(found, hours), 6), shifts) < (round(paid, 6), was_shifts):
        return found
    return chosen


def _fewest_shifts(
    found: list[np.ndarray],
    left: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    step_hours: float,
    weeks: _Weeks,
    clock: _Clock,
) -> list[np.ndarray]:
    """`found`, or a plan needing no more people in any week and shift type, at no more paid hours,
    with fewer shifts, where HiGHS finds one at the root node."""
    hours = [length * step_hours for length in lengths]
    fewer = _root_search(
        left, starts, lengths, types, step_hours, clock, weeks, _hours(found, hours),
        weeks.per_row(found),
    )  # fmt: skip
    if fewer is None:
        return found
    no_more = bool((weeks.per_row(fewer) <= weeks.per_row(found)).all())
    kept = no_more and _shift_count(fewer) < _shift_count(found)
    return fewer if kept else found


def _root_search(
    left: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    step_hours: float,
    clock: _Clock,
    weeks: _Weeks,
    most_hours: float,
    most_people: np.ndarray | None = None,
) -> list[np.ndarray] | None:
    """`_solve_block`'s fewest people within `most_hours` (and `most_people` per week and shift
    type) as HiGHS finds them at the root node; None where it finds no such plan there, or
    only when stopped by the clock (what it found then depends on the machine's load)."""
    try:
        found, _, _, out_of_time = _solve_block(
            left,
            starts,
            lengths,
            types,
            step_hours,
            clock.left(PEOPLE_SEARCH_SAFETY_SECONDS),
            weeks,
            most_hours,
            {"node_limit": PEOPLE_SEARCH_NODES},
            most_people=most_people,
        )
    except OutOfTimeError:
        clock.hit = True
        return None
    except InputError:
        return None
    if out_of_time:
        clock.hit = True
        return None
    return found


def _shift_count(people: list[np.ndarray]) -> int:
    return int(sum(count.sum() for count in people))


def _hours(people: list[np.ndarray], hours: list[float]) -> float:
    return float(sum(count.sum() * each for count, each in zip(people, hours, strict=True)))


@dataclass(frozen=True)
class _Weeks:
    """People per week and shift type as rows over a block's candidate starts, the weeks as
    `ShiftPlan.people_to_employ` counts them (from Monday, a repeating roster's from its first
    day): `days` x starts counts each day's shifts of a type, `weeks` x starts each week's; the
    shifts earlier blocks fixed add `day_fixed` and `week_fixed`. `day_week` is each day row's
    week row, `week_of_row` each week row's week of the plan."""

    days: csc_array
    weeks: csc_array
    day_fixed: np.ndarray
    week_fixed: np.ndarray
    day_week: np.ndarray
    week_of_row: np.ndarray
    shifts_per_week: int
    repeats_weekly: bool = False

    @classmethod
    def of(
        cls,
        grid: pd.DatetimeIndex,
        starts: list[np.ndarray],
        fixed: list[np.ndarray],
        block_starts: list[np.ndarray],
        shifts_per_week: int,
        repeats_weekly: bool = False,
    ) -> _Weeks:
        first_day = grid[0].normalize()
        day = np.asarray((grid.normalize() - first_day) // pd.Timedelta(days=1), dtype=np.int64)
        week = day // 7 if repeats_weekly else (day + first_day.day_of_week) // 7
        n_days, n_weeks = int(day[-1]) + 1, int(week[-1]) + 1
        kinds = np.concatenate([np.full(len(f), i) for i, f in enumerate(block_starts)])
        where = np.concatenate(block_starts)
        fixed_at = np.concatenate(starts)
        fixed_kind = np.concatenate([np.full(len(f), i) for i, f in enumerate(starts)])
        counts = np.concatenate(fixed)
        day_keys, day_col = np.unique(kinds * n_days + day[where], return_inverse=True)
        week_keys, week_col = np.unique(kinds * n_weeks + week[where], return_inverse=True)
        day_fixed = np.bincount(
            fixed_kind * n_days + day[fixed_at], counts, minlength=len(starts) * n_days
        )[day_keys]
        week_fixed = np.bincount(
            fixed_kind * n_weeks + week[fixed_at], counts, minlength=len(starts) * n_weeks
        )[week_keys]
        kind_of_day, day_number = np.divmod(day_keys, n_days)
        day_of_number = np.zeros(n_days, dtype=np.int64)
        day_of_number[day] = week  # the week of each day of the grid
        day_week = np.searchsorted(week_keys, kind_of_day * n_weeks + day_of_number[day_number])
        columns = np.arange(where.size)
        ones = np.ones(where.size)
        return cls(
            days=csc_array((ones, (day_col, columns)), shape=(len(day_keys), where.size)),
            weeks=csc_array((ones, (week_col, columns)), shape=(len(week_keys), where.size)),
            day_fixed=day_fixed,
            week_fixed=week_fixed,
            day_week=day_week,
            week_of_row=np.unique(week_keys % n_weeks, return_inverse=True)[1],
            shifts_per_week=shifts_per_week,
            repeats_weekly=repeats_weekly,
        )

    def per_row(self, chosen: list[np.ndarray]) -> np.ndarray:
        """People to employ per week and shift type with `chosen` (people per candidate start)."""
        x = np.concatenate(chosen)
        busiest = np.zeros(self.weeks.shape[0])
        np.maximum.at(busiest, self.day_week, self.days @ x + self.day_fixed)
        spread = np.ceil((self.weeks @ x + self.week_fixed) / self.shifts_per_week - 1e-9)
        return np.maximum(busiest, spread)

    def people(self, chosen: list[np.ndarray]) -> tuple[int, int]:
        """People to employ with `chosen`: in the block's busiest week, as
        `ShiftPlan.busiest_week` reports them, and summed over its weeks."""
        per_week = np.bincount(self.week_of_row, self.per_row(chosen))
        return int(per_week.max()), int(per_week.sum())

    def constraint(self) -> tuple[csc_array, np.ndarray, np.ndarray]:
        """Rows over [starts, people per week and type, people in the busiest week]: each day's
        shifts and the week's over shifts_per_week at most those people (less the fixed
        shifts), as `people` counts them, and each week's people at most the busiest week's;
        the bounds, and the costs of the columns after the starts: the busiest week's people
        first, the others summed PEOPLE_SEARCH_TOTAL_WEIGHT each."""
        n_rows = self.weeks.shape[0]
        rows = np.arange(len(self.day_week))
        on_day = csc_array((-np.ones(rows.size), (rows, self.day_week)), shape=(rows.size, n_rows))
        spread = csc_array(
            (np.full(n_rows, -float(self.shifts_per_week)), (np.arange(n_rows),) * 2),
            shape=(n_rows, n_rows),
        )
        n_weeks = int(self.week_of_row.max()) + 1
        summed = csc_array(
            (np.ones(n_rows), (self.week_of_row, np.arange(n_rows))), shape=(n_weeks, n_rows)
        )
        no_starts = csc_array((n_weeks, self.weeks.shape[1]))
        matrix = vstack(
            [
                hstack([self.days, on_day, csc_array((rows.size, 1))]),
                hstack([self.weeks, spread, csc_array((n_rows, 1))]),
                hstack([no_starts, summed, csc_array(-np.ones((n_weeks, 1)))]),
            ]
        ).tocsc()
        bound = -np.concatenate([self.day_fixed, self.week_fixed, np.zeros(n_weeks)])
        costs = np.append(np.full(n_rows, PEOPLE_SEARCH_TOTAL_WEIGHT), 1.0)
        return matrix, bound, costs


def _on_duty(
    n_intervals: int,
    starts: list[np.ndarray],
    lengths: list[int],
    people: list[np.ndarray],
    wrap: bool = False,
) -> np.ndarray:
    """People on duty per interval from the shifts chosen so far; with `wrap`, the hours of a
    shift past the last interval fall on the first ones."""
    past = max(lengths) if wrap else 0
    size = n_intervals + past
    change = np.zeros(size + 1)
    for first, length, count in zip(starts, lengths, people, strict=True):
        np.add.at(change, first, count)
        np.add.at(change, np.minimum(first + length, size), -count)
    duty = np.cumsum(change)[:size]
    head = duty[:n_intervals].copy()
    head[: min(past, n_intervals)] += duty[n_intervals : n_intervals + min(past, n_intervals)]
    return head


def _solve_block(
    left: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    step_hours: float,
    time_limit_seconds: float,
    weeks: _Weeks | None = None,
    most_hours: float = np.inf,
    limits: dict[str, int] | None = None,
    costs: list[np.ndarray] | None = None,
    most_people: np.ndarray | None = None,
    wrap: bool = False,
) -> tuple[list[np.ndarray], bool, float, bool]:
    """People per candidate start covering `left` (people still needed per interval) at the
    fewest paid hours (or `costs` per start), or with `weeks` the fewest people to employ
    paying at most `most_hours` (then fewest hours and shifts), or, given `most_people` (per
    week and shift type), the fewest shifts and hours needing no more; whether HiGHS
    proved it best, its gap otherwise, and whether the time limit, not `limits` or
    MIP_MAX_NODES, stopped it."""
    # scipy.optimize loads here, not with the module: the planning pages and CLI commands that
    # import shift types but solve none start faster.
    from scipy.optimize import Bounds, LinearConstraint, milp

    coverage = _coverage_matrix(len(left), starts, lengths, wrap)
    hours = np.concatenate(
        [
            np.full(len(first), length * step_hours)
            for first, length in zip(starts, lengths, strict=True)
        ]
    )
    rows = np.flatnonzero(left > 0)
    caps = _share_caps(starts, types, hours)
    cost = (hours if costs is None else np.concatenate(costs)) + SHIFT_TIEBREAK_HOURS
    people_rows: list[LinearConstraint] = []
    if weeks is not None:
        matrix, bound, people_costs = weeks.constraint()
        extra = matrix.shape[1] - hours.size
        coverage = hstack([coverage, csc_array((coverage.shape[0], extra))]).tocsc()
        if caps is not None:
            caps = hstack([caps, csc_array((caps.shape[0], extra))]).tocsc()
        # The fewest people first: weighed beside the hours, the gap left them unsearched.
        cost = np.concatenate(
            [hours * PEOPLE_SEARCH_HOUR_WEIGHT + SHIFT_TIEBREAK_HOURS, people_costs]
        )
        people_rows.append(LinearConstraint(matrix, lb=-np.inf, ub=bound))
        if most_people is not None:
            # The people set, the shifts come first: beside the people, the gap hid them.
            cost[hours.size :] = 0.0
            cost[: hours.size] = hours * PEOPLE_SEARCH_HOUR_WEIGHT + SHIFT_TIEBREAK_HOURS
            rows_of_people = most_people.size
            each_week = hstack(
                [
                    csc_array((rows_of_people, hours.size)),
                    identity(rows_of_people, format="csc"),
                    csc_array((rows_of_people, 1)),
                ]
            ).tocsc()
            people_rows.append(LinearConstraint(each_week, lb=-np.inf, ub=most_people + 1e-6))
    if most_hours < np.inf:
        paid = np.concatenate([hours, np.zeros(cost.size - hours.size)])[None, :]
        people_rows.append(LinearConstraint(paid, lb=-np.inf, ub=most_hours + 1e-6))
    constraints = [LinearConstraint(coverage[rows], lb=left[rows], ub=np.inf), *people_rows]
    if caps is not None:
        constraints.append(LinearConstraint(caps, lb=-np.inf, ub=0.0))
    result = milp(
        c=cost,
        constraints=constraints,
        integrality=np.ones(cost.size),
        bounds=Bounds(0, np.inf),
        options={
            "time_limit": float(time_limit_seconds),
            "mip_rel_gap": MIP_RELATIVE_GAP,
            "node_limit": MIP_MAX_NODES,
            **(limits or {}),
        },
    )
    if result.status == 2:  # coverage alone is always feasible here: a share cap is not
        capped = ", ".join(
            f"{shift.name} at most {shift.max_hours_share:.0%}"
            for shift in types
            if shift.max_hours_share is not None and shift.max_hours_share < 1
        )
        raise InputError(
            f"no shift plan keeps the part-time caps ({capped}): the other shifts' start hours "
            "leave some intervals to the capped ones alone. Raise the cap or widen the other "
            "shifts' start hours"
        )
    if result.x is None:  # HiGHS' own words ("model_status is Time limit reached") say no more
        raise OutOfTimeError(
            f"no shift plan found within {time_limit_seconds:g} s: shorten the horizon or raise "
            "the time limit"
        )
    chosen = np.round(result.x[: hours.size])
    offsets = np.cumsum([0, *[len(first) for first in starts]])
    parts = [chosen[offsets[i] : offsets[i + 1]] for i in range(len(starts))]
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0)
    # status 1 is scipy's "Iteration or time limit reached": no iteration limit is set here
    return parts, result.status == 0, gap, result.status == 1


def _coverage_matrix(
    n_intervals: int, starts: list[np.ndarray], lengths: list[int], wrap: bool = False
) -> csc_array:
    """Intervals x shift starts: 1 where the shift is on duty; with `wrap`, its hours past the
    last interval on the first ones."""
    row_parts, col_parts, column = [], [], 0
    for first, length in zip(starts, lengths, strict=True):
        rows = first[:, None] + np.arange(length)[None, :]
        cols = np.repeat(np.arange(column, column + len(first)), length).reshape(rows.shape)
        if wrap:
            rows = rows % n_intervals
        keep = rows < n_intervals
        row_parts.append(rows[keep])
        col_parts.append(cols[keep])
        column += len(first)
    rows, cols = np.concatenate(row_parts), np.concatenate(col_parts)
    data = np.ones(rows.size)
    return csc_array((data, (rows, cols)), shape=(n_intervals, column))


def _is_capped(shift: ShiftType) -> bool:
    return shift.max_hours_share is not None and shift.max_hours_share < 1


def _share_caps(
    starts: list[np.ndarray], types: Sequence[ShiftType], hours: np.ndarray
) -> csc_array | None:
    """One row per capped type: its hours - share x all hours <= 0."""
    rows = []
    offsets = np.cumsum([0, *[len(first) for first in starts]])
    for index, shift in enumerate(types):
        if not _is_capped(shift):
            continue
        row = -shift.max_hours_share * hours
        mine = slice(offsets[index], offsets[index + 1])
        row[mine] += hours[mine]
        rows.append(csc_array(row[None, :]))
    return vstack(rows).tocsc() if rows else None


def _plan(
    grid: pd.DatetimeIndex,
    needed: np.ndarray,
    starts: list[np.ndarray],
    lengths: list[int],
    types: Sequence[ShiftType],
    people: list[np.ndarray],
    step_hours: float,
    optimal: bool,
    gap: float,
    wrap: bool,
) -> ShiftPlan:
    step = pd.Timedelta(hours=step_hours)
    records = []
    for first, length, shift, chosen in zip(starts, lengths, types, people, strict=True):
        for position in np.flatnonzero(chosen > 0):
            begin = grid[first[position]]
            records.append((begin, begin + length * step, shift.name, int(chosen[position])))
    shifts = pd.DataFrame(records, columns=["shift_start", "shift_end", "shift", "people"])
    shifts = shifts.astype({"shift_start": grid.dtype, "shift_end": grid.dtype, "people": int})
    shifts = shifts.sort_values(["shift_start", "shift"], ignore_index=True)
    on_duty = _on_duty(len(grid), starts, lengths, people, wrap)
    coverage = pd.DataFrame(
        {"interval_start": grid, "needed": needed, "on_shift": on_duty, "surplus": on_duty - needed}
    )
    durations = (shifts["shift_end"] - shifts["shift_start"]).dt.total_seconds() / 3600
    paid = float((durations * shifts["people"]).sum())
    return ShiftPlan(
        shifts=shifts,
        coverage=coverage,
        paid_hours=paid,
        needed_hours=float(needed.sum() * step_hours),
        optimal=optimal,
        gap=gap,
        rounding_hours=float((np.ceil(needed - ROUNDING_TOLERANCE) - needed).clip(0).sum())
        * step_hours,
        repeats_weekly=wrap,
    )
