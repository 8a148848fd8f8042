"""Rolling-origin backtests: forecast from many past origins and keep forecasts beside actuals."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.history import QueueHistory
from forecasting.level_shift import LevelShift
from forecasting.metrics import seasonal_naive_scale
from forecasting.pipeline import QueueInputs, origin_data, run_model
from forecasting.registry import COMBINATIONS, make_model

Progress = Callable[[float, str], None]
MIN_HISTORY_DAYS = 28
MIN_OBSERVED_SHARE = 0.5  # an origin needs this share of its horizon's open slots observed


@dataclass
class BacktestRuns:
    """Forecasts of every model at every origin, aligned with the actuals (NaN = missing)."""

    queue: str
    horizon_days: int
    origins: list[int]  # day rows of the history where each forecast starts
    origin_times: list[pd.Timestamp]
    actual: np.ndarray  # (origins, days, slots); NaN where missing or closed
    scales: np.ndarray  # (origins,) in-sample MAE of the weekly seasonal naive (MASE scale)
    forecasts: dict[str, np.ndarray] = field(default_factory=dict)
    fit_seconds: dict[str, float] = field(default_factory=dict)  # mean per origin
    # Per origin, the level shift its training found and undid (None: none found).
    level_shifts: list[LevelShift | None] = field(default_factory=list)


def unrecorded_days(inputs: QueueInputs) -> np.ndarray:
    """Bool per history day: ordinary days an outage or an export fault left empty (as the
    cleaning reads them). They are no actuals: no model can forecast them, and three such weeks
    scored gave a P10 of 0 on every slot of a busy desk. None when training keeps outliers:
    the days then count as they came."""
    return inputs.unrecorded_days  # read once per queue: choosing origins reads it too


def choose_origins(
    inputs: QueueInputs, count: int, horizon_days: int, step_days: int, end_row: int | None = None
) -> list[int]:
    """Up to `count` origins stepping back from the last one whose horizon fits before `end_row`,
    skipping origins with little history or a mostly missing horizon."""
    history = inputs.history
    end_row = history.n_days if end_row is None else end_row
    open_rows = history.open_rows(0, history.n_days)
    seen = ~np.isnan(history.values) & open_rows & ~inputs.excluded[: history.n_days]
    unrecorded = unrecorded_days(inputs)
    seen &= ~unrecorded[:, None]
    # An origin right after such days sees an export cut short, which the forecast itself
    # never trains on (it starts from the queue's last data): not a week it will meet.
    open_days = np.flatnonzero(open_rows.any(axis=1))
    # The minimum history is days with data, as many as MIN_HISTORY_DAYS hold open: a week of
    # 2011 and three of 2023 spanned 4,723 days, and an origin trained on the 2011 week alone
    # chose the forecast's model. Any 28 days hold 4 of each weekday, so a history without gaps
    # keeps its origins.
    open_weekdays = history.open_mask.any(axis=1)
    needed_days = MIN_HISTORY_DAYS // 7 * int(open_weekdays.sum())
    days_with_data = np.concatenate([[0], np.cumsum(history.observed_days())])
    origins: list[int] = []
    origin = end_row - horizon_days
    for _ in range(6):  # start on an open day, so "day 1" of each horizon has volume
        if open_weekdays[history.weekdays(origin, 1)[0]]:
            break
        origin -= 1
    while origin >= MIN_HISTORY_DAYS and len(origins) < count:
        if days_with_data[origin] < needed_days:
            break  # earlier origins have fewer still
        span = slice(origin, origin + horizon_days)
        n_open = open_rows[span].sum()
        before = open_days[open_days < origin]
        cut_short = before.size > 0 and unrecorded[before[-1]]
        if n_open and seen[span].sum() >= MIN_OBSERVED_SHARE * n_open and not cut_short:
            origins.append(origin)
        origin -= step_days
    return origins[::-1]


def _open_values(history: QueueHistory, max_days: int) -> np.ndarray:
    """The last `max_days` days' values with closed slots as NaN: the errors are scored on open
    slots only, so the MASE scale must not be diluted by the closed hours' zero differences."""
    days = min(max_days, history.n_days)
    start = history.n_days - days
    return np.where(history.open_rows(start, days), history.values[start:], np.nan)


def run_backtest(
    inputs: QueueInputs,
    model_names: list[str],
    origins: list[int],
    horizon_days: int,
    progress: Progress | None = None,
) -> BacktestRuns:
    history = inputs.history
    slots = history.slots_per_day
    shape = (len(origins), horizon_days, slots)
    actual = np.full(shape, np.nan)
    scales = np.full(len(origins), np.nan)
    direct = [n for n in model_names if n not in COMBINATIONS]
    for combo in (n for n in model_names if n in COMBINATIONS):
        direct += [m for m in COMBINATIONS[combo] if m not in direct]
    forecasts = {name: np.zeros(shape) for name in direct}
    seconds = dict.fromkeys(direct, 0.0)
    shifts: list[LevelShift | None] = []
    unrecorded = unrecorded_days(inputs)
    for i, origin in enumerate(origins):
        stop = min(origin + horizon_days, history.n_days)
        # Periods the user left out (a surge week) are no actuals either: scored, they would
        # pick the model and widen the P10-P90 band by the very days the forecast must ignore.
        scored = history.open_rows(origin, stop - origin) & ~inputs.excluded[origin:stop]
        scored &= ~unrecorded[origin:stop, None]
        actual[i, : stop - origin] = np.where(scored, history.values[origin:stop], np.nan)
        data = origin_data(inputs, origin)
        shifts.append(data.level_shift)
        scales[i] = seasonal_naive_scale(_open_values(data.training, 7 * 52), 7 * slots)
        for name in direct:
            started = time.perf_counter()
            forecasts[name][i] = run_model(make_model(name), inputs, data, horizon_days)
            seconds[name] += time.perf_counter() - started
        if progress:
            progress(
                (i + 1) / len(origins), f"{history.queue}: backtest origin {i + 1}/{len(origins)}"
            )
    for combo in (n for n in model_names if n in COMBINATIONS):
        forecasts[combo] = np.mean([forecasts[m] for m in COMBINATIONS[combo]], axis=0)
        seconds[combo] = sum(seconds[m] for m in COMBINATIONS[combo])
    return BacktestRuns(
        queue=history.queue,
        horizon_days=horizon_days,
        origins=list(origins),
        origin_times=[history.first_day + pd.Timedelta(days=o) for o in origins],
        actual=actual,
        scales=scales,
        forecasts={n: forecasts[n] for n in model_names},
        fit_seconds={n: seconds[n] / max(len(origins), 1) for n in model_names},
        level_shifts=shifts,
    )
