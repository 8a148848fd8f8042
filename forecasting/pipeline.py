"""Run one model at one origin: clean the training history, forecast, apply calendar and events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from forecasting.base import ForecastModel
from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_QUIET_HOLIDAY,
    BRIDGES,
    HOLIDAY,
    NORMAL,
    YEAR_END_EVE,
    YEAR_END_WEEK,
    SpecialDayEffects,
    bridge_holidays,
    busy_weekdays,
    day_kinds,
    holiday_day_names,
    holiday_rows,
    learn_effects,
)
from forecasting.clock_shift import ClockShift, find_clock_shift, on_current_clock
from forecasting.ensemble import Combination
from forecasting.events import event_grids
from forecasting.history import QueueHistory
from forecasting.hours_change import HoursChange, find_hours_change, follow_hours_change
from forecasting.level_shift import LevelShift, find_level_shift, rescale_before
from forecasting.month_days import month_day_effect, month_day_index, working_day_ranks
from forecasting.outliers import (
    LongestReading,
    NeighbourReading,
    detect_outliers,
    ordinary_values,
    outage_days,
)
from forecasting.settings import ForecastSettings
from forecasting.shared_shapes import SharedShapes, shared_shapes
from forecasting.yearly import HISTORY_DAYS, day_levels, yearly_factors


@dataclass(frozen=True)
class QueueInputs:
    """A queue's raw history plus its calendar and event grids over history and horizon."""

    history: QueueHistory
    kinds: np.ndarray  # (days,) calendar.NORMAL / HOLIDAY / ... from history.first_day
    holiday_names: np.ndarray  # (days,) the holiday's name on HOLIDAY days, else ""
    excluded: np.ndarray  # (days, slots) bool: user-excluded periods
    uplift: np.ndarray  # (days, slots) campaign multiplier
    campaign: np.ndarray  # (days, slots) campaign name or ""
    clean_outliers: bool

    @cached_property
    def outage_reading(self) -> NeighbourReading:
        """The whole history's reading of outages, as `origin_data` reads them, read once per
        queue: each origin's history, unless moved to another clock, is its first days."""
        return NeighbourReading.of(ordinary_values(self.history, outage_judged(self, self.history)))

    @cached_property
    def unrecorded_days(self) -> np.ndarray:
        """backtest.unrecorded_days, read once per queue: its origins and actuals both ask."""
        n_days = self.history.n_days
        if not self.clean_outliers:
            return np.zeros(n_days, dtype=bool)
        ordinary = (self.kinds[:n_days] == NORMAL) & ~self.excluded[:n_days].any(axis=1)
        return outage_days(self.history, ordinary)

    @cached_property
    def outlier_reading(self) -> LongestReading:
        """The outlier check's neighbours of the longest training read so far, which a backtest
        origin's training cuts where it is its first days (no level shift or hours change
        rescaled it otherwise)."""
        return LongestReading()


def outage_judged(inputs: QueueInputs, raw: QueueHistory) -> np.ndarray:
    """Bool per day of `raw` (the history up to an origin): the observed ordinary days no
    left-out period touches, on which outages are read."""
    origin = raw.n_days
    return (
        raw.observed_days()
        & (inputs.kinds[:origin] == NORMAL)
        & ~inputs.excluded[:origin].any(axis=1)
    )


def prepare_queue(
    history: QueueHistory, horizon_days: int, settings: ForecastSettings
) -> QueueInputs:
    n_days = history.n_days + horizon_days + 1
    open_weekdays = history.open_mask.any(axis=1)
    holidays = holiday_rows(
        history.first_day, history.n_days, settings.country, settings.subdivision
    )
    kinds = day_kinds(
        history.first_day,
        n_days,
        open_weekdays,
        settings.country,
        settings.subdivision,
        busy_weekdays(history, holidays=holidays),
    )
    names = holiday_day_names(history.first_day, kinds, settings.country, settings.subdivision)
    excluded, uplift, campaign = event_grids(
        settings.events, history.queue, history.first_day, n_days, history.interval_minutes
    )
    return QueueInputs(history, kinds, names, excluded, uplift, campaign, settings.clean_outliers)


@dataclass(frozen=True)
class OriginData:
    """What every model sees at one origin: cleaned training history and special-day effects."""

    origin: int  # day row where the forecast starts
    training: QueueHistory
    effects: SpecialDayEffects
    month_day: np.ndarray  # (31,) day-of-month multipliers, all ones when there is no effect
    # The same cleaned history without the level-shift rescale, for the baselines.
    plain_training: QueueHistory
    level_shift: LevelShift | None = None  # the training days before it are rescaled
    shapes: SharedShapes | None = None  # intraday shapes borrowed across alike weekdays
    # Per day, the raw level of ordinary days (yearly.day_levels), for the yearly move.
    day_levels: np.ndarray | None = None
    outliers: np.ndarray | None = None  # (days, slots) intervals cleaned out of the training
    hours_change: HoursChange | None = None  # opening hours changed lately; training follows
    clock_shift: ClockShift | None = None  # the day moved an hour; earlier days moved with it
    # Per day row, history and horizon: its index into month_day (the date less one, or its
    # rank among the month's working days where that indexing was learned: by_working_day).
    month_day_rows: np.ndarray | None = None
    by_working_day: bool = False


def origin_data(inputs: QueueInputs, origin: int) -> OriginData:
    raw = inputs.history.truncate(origin)
    # A fixed-offset export whose day moved an hour at a daylight-saving switch: the weeks
    # before are read on the current clock, before anything learns hours or shapes from them.
    regular = (inputs.kinds[:origin] == NORMAL) & ~inputs.excluded[:origin].any(axis=1)
    clock = find_clock_shift(raw, raw.observed_days() & regular)
    if clock:
        raw = on_current_clock(raw, clock)
    values = np.where(inputs.excluded[:origin], np.nan, raw.values)
    ordinary = raw.observed_days() & (inputs.kinds[:origin] == NORMAL)
    shift = find_level_shift(raw, ordinary & ~inputs.excluded[:origin].any(axis=1))
    shifted = rescale_before(values, shift)
    effects = learn_effects(
        raw.with_values(shifted), inputs.kinds[:origin], inputs.holiday_names[:origin]
    )
    special = inputs.kinds[:origin] != NORMAL
    with_special = raw.with_values(values.copy())  # a silent holiday is a silent day too
    shifted[special] = values[special] = np.nan
    # New opening hours, before the cleaning (to which the first contacts of newly opened slots
    # look like outliers): the forecast keeps to them, baselines included. Days an outage left
    # empty, the queue back since, show no hours: read as closed, a month's outage ending a day
    # before the origin closed every weekday but the one it came back on.
    outage = outage_days(raw, outage_judged(inputs, raw), inputs.outage_reading)
    hours = find_hours_change(
        raw.with_values(np.where(outage[:, None], np.nan, shifted)), with_special
    )
    if hours.any():
        values = follow_hours_change(raw.with_values(values), hours).values
        raw = follow_hours_change(raw, hours)
        shifted = follow_hours_change(raw.with_values(shifted), hours).values
    # Learned before cleaning: a payday far above its neighbours is what they are made of.
    # Working days: the busy weekdays that are no holiday, the horizon's included.
    total_days = inputs.kinds.size
    weekdays = (raw.first_day.day_of_week + np.arange(total_days)) % 7
    busy = busy_weekdays(raw, holidays=inputs.kinds[:origin] == HOLIDAY)
    working = busy[weekdays] & (inputs.kinds != HOLIDAY)
    month_day, by_working = month_day_effect(raw.with_values(shifted), working)
    month_day_rows = (
        working_day_ranks(raw.first_day, working)
        if by_working
        else month_day_index(raw.first_day, 0, total_days)
    )
    outliers = None
    if inputs.clean_outliers:
        outliers = detect_outliers(raw.with_values(shifted), longest=inputs.outlier_reading)
        shifted[outliers] = values[outliers] = np.nan
    training = raw.with_values(shifted)
    plain = training if shift is None else raw.with_values(values)
    # Raw, not outlier-cleaned: a recurring lull is what the yearly move is made of. Only
    # worked out where there are two years to move by.
    levels = None
    if origin >= HISTORY_DAYS:
        regular = (inputs.kinds[:origin] == NORMAL) & ~inputs.excluded[:origin].any(axis=1)
        levels = day_levels(raw, regular, month_day[month_day_rows[:origin]])
    return OriginData(
        origin, training, effects, month_day, plain, shift, shared_shapes(training), levels,
        outliers, hours if hours.any() else None, clock, month_day_rows, by_working,
    )  # fmt: skip


def day_multipliers(inputs: QueueInputs, data: OriginData, horizon_days: int) -> np.ndarray:
    """(days, slots) factor for holidays, the days after them, eves, bridges, campaigns and closed
    slots."""
    span = slice(data.origin, data.origin + horizon_days)
    kinds = inputs.kinds[span]
    effects = data.effects
    holiday = [effects.holiday_effect(name)[0] for name in inputs.holiday_names[span]]
    bridged = bridge_holidays(inputs.kinds, inputs.holiday_names)[span]
    bridge = [
        effects.bridge_effect(kind, name)[0] if kind in BRIDGES else 1.0
        for kind, name in zip(kinds, bridged, strict=True)
    ]
    day_factor = np.select(
        [
            kinds == HOLIDAY,
            kinds == AFTER_HOLIDAY,
            kinds == AFTER_HOLIDAY_BREAK,
            kinds == AFTER_QUIET_HOLIDAY,
            kinds == YEAR_END_EVE,
            kinds == YEAR_END_WEEK,
            np.isin(kinds, BRIDGES),
        ],
        [
            holiday,
            effects.after_holiday_effect(AFTER_HOLIDAY)[0],
            effects.after_holiday_effect(AFTER_HOLIDAY_BREAK)[0],
            effects.after_quiet_holiday_ratio,
            effects.eve_ratio,
            effects.year_end_week_ratio,
            bridge,
        ],
        1.0,
    )
    open_rows = data.training.open_rows(data.origin, horizon_days)  # hours as they are now
    return day_factor[:, None] * inputs.uplift[span] * open_rows


def run_model(
    model: ForecastModel, inputs: QueueInputs, data: OriginData, horizon_days: int
) -> np.ndarray:
    """The model's mean forecast for `horizon_days` days from the origin: (days, slots), >= 0.

    Models with an adjusted history fit on the history with level shifts undone and day-of-month
    effects divided out (so a level is not pulled up by a recent payday), get the effects
    multiplied back on their forecast and their intraday split moved toward the shapes shared by
    alike weekdays; the baselines fit on the plain cleaned history.
    """
    if isinstance(model, Combination):  # each member as it runs alone, as backtests score them
        members = [run_model(member, inputs, data, horizon_days) for member in model.members]
        model.history_ = data.training
        return np.mean(members, axis=0)
    training, factors = data.training, np.ones(horizon_days)
    if not model.adjusted_history:
        training = data.plain_training
    elif (data.month_day != 1).any():
        rows = data.month_day_rows
        if rows is None:
            rows = month_day_index(training.first_day, 0, data.origin + horizon_days)
        training = training.with_values(
            training.values / data.month_day[rows[: training.n_days]][:, None]
        )
        factors = data.month_day[rows[data.origin : data.origin + horizon_days]]
    if model.adjusted_history and data.day_levels is not None:
        factors = factors * yearly_factors(data.day_levels, horizon_days)
    model.fit(training)
    raw = np.clip(np.nan_to_num(model.predict_days(horizon_days)), 0, None)
    if model.adjusted_history and data.shapes is not None:
        raw = data.shapes.apply(raw, training.weekdays(training.n_days, horizon_days))
    return raw * factors[:, None] * day_multipliers(inputs, data, horizon_days)
