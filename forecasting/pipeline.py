"""Run one model at one origin: clean the training history, forecast, apply calendar and events."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.base import ForecastModel
from forecasting.calendar import (
    AFTER_HOLIDAY,
    HOLIDAY,
    NORMAL,
    SpecialDayEffects,
    day_kinds,
    learn_effects,
)
from forecasting.events import event_grids
from forecasting.history import QueueHistory
from forecasting.outliers import detect_outliers
from forecasting.settings import ForecastSettings


@dataclass(frozen=True)
class QueueInputs:
    """A queue's raw history plus its calendar and event grids over history and horizon."""

    history: QueueHistory
    kinds: np.ndarray  # (days,) NORMAL / HOLIDAY / AFTER_HOLIDAY from history.first_day
    excluded: np.ndarray  # (days, slots) bool: user-excluded periods
    uplift: np.ndarray  # (days, slots) campaign multiplier
    campaign: np.ndarray  # (days, slots) campaign name or ""
    clean_outliers: bool


def prepare_queue(history: QueueHistory, horizon_days: int, settings: ForecastSettings) -> QueueInputs:
    n_days = history.n_days + horizon_days + 1
    open_weekdays = history.open_mask.any(axis=1)
    kinds = day_kinds(history.first_day, n_days, open_weekdays, settings.country, settings.subdivision)
    excluded, uplift, campaign = event_grids(
        settings.events, history.queue, history.first_day, n_days, history.interval_minutes
    )
    return QueueInputs(history, kinds, excluded, uplift, campaign, settings.clean_outliers)


@dataclass(frozen=True)
class OriginData:
    """What every model sees at one origin: cleaned training history and special-day effects."""

    origin: int  # day row where the forecast starts
    training: QueueHistory
    effects: SpecialDayEffects


def origin_data(inputs: QueueInputs, origin: int) -> OriginData:
    raw = inputs.history.truncate(origin)
    values = np.where(inputs.excluded[:origin], np.nan, raw.values)
    effects = learn_effects(raw.with_values(values), inputs.kinds[:origin])
    values[inputs.kinds[:origin] != NORMAL] = np.nan
    if inputs.clean_outliers:
        values[detect_outliers(raw.with_values(values))] = np.nan
    return OriginData(origin, raw.with_values(values), effects)


def day_multipliers(inputs: QueueInputs, data: OriginData, horizon_days: int) -> np.ndarray:
    """(days, slots) factor for holidays, after-holiday days, campaigns and closed slots."""
    span = slice(data.origin, data.origin + horizon_days)
    kinds = inputs.kinds[span]
    day_factor = np.select(
        [kinds == HOLIDAY, kinds == AFTER_HOLIDAY],
        [data.effects.holiday_ratio, data.effects.after_holiday_ratio],
        1.0,
    )
    open_rows = inputs.history.open_rows(data.origin, horizon_days)
    return day_factor[:, None] * inputs.uplift[span] * open_rows


def run_model(
    model: ForecastModel, inputs: QueueInputs, data: OriginData, horizon_days: int
) -> np.ndarray:
    """The model's mean forecast for `horizon_days` days from the origin: (days, slots), >= 0."""
    model.fit(data.training)
    raw = np.nan_to_num(model.predict_days(horizon_days))
    return np.clip(raw, 0, None) * day_multipliers(inputs, data, horizon_days)
