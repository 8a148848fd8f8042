"""Public entry points: forecast a dataset (auto-selected model, intervals, peaks) and backtest it."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.dates import day_text
from data.errors import InputError
from data.open_hours import learn_open_slots
from data.schema import ABANDONED, INTERVAL_START, IS_OPEN, QUEUE, VOLUME, Dataset
from forecasting.accuracy import accuracy_table, model_row
from forecasting.backtest import (
    MIN_HISTORY_DAYS,
    MIN_OBSERVED_SHARE,
    BacktestRuns,
    choose_origins,
    run_backtest,
)
from forecasting.base import recent_weekday_days
from forecasting.baselines import HistoricalAverage
from forecasting.calendar import (
    AFTER_HOLIDAY,
    AFTER_HOLIDAY_BREAK,
    AFTER_HOLIDAYS,
    AFTER_QUIET_HOLIDAY,
    BRIDGE_AFTER,
    BRIDGE_BEFORE,
    BRIDGES,
    HOLIDAY,
    MIN_BRIDGES_SEEN,
    NORMAL,
    YEAR_END_EVE,
    YEAR_END_WEEK,
    SpecialDayEffects,
    bridge_holidays,
    busy_weekdays,
    holiday_key,
)
from forecasting.clock_change import (
    repeated_hour_note,
    repeated_hour_rows,
    repeated_hours,
    skipped_hour_note,
    skipped_hours,
    skipped_slots,
)
from forecasting.clock_shift import clock_shift_note
from forecasting.country import (
    CountrySuggestion,
    daily_totals,
    holiday_hint_note,
    suggest_holiday_country,
)
from forecasting.data_end import DataEnd, cut_day_ends, find_data_end, trim_to_data
from forecasting.events import CAMPAIGN, campaign_outside_note, event_slots
from forecasting.history import QueueHistory, history_from_intervals, infer_interval_minutes
from forecasting.hours_change import hours_change_note
from forecasting.intervals import (
    DEFAULT_DISPERSION,
    Dispersion,
    calibrate_dispersion,
    quantile_forecasts,
    week_spread_dispersion,
)
from forecasting.level_shift import LevelShift
from forecasting.month_days import OFF_DAY_RANK, month_day_index
from forecasting.optional_holidays import optional_holiday_note
from forecasting.origin_hours import closed_before_origin_note, hours_before_origin
from forecasting.outliers import closed_days, detect_outliers, outlier_table, recent_one_off_days
from forecasting.peaks import (
    PEAK_COLUMNS,
    REASON,
    SPECIAL_DAY,
    USUAL,
    day_outlook,
    find_peaks,
)
from forecasting.pipeline import (
    OriginData,
    QueueInputs,
    day_multipliers,
    origin_data,
    prepare_queue,
    run_model,
)
from forecasting.recent_run import find_recent_run, recent_run_note
from forecasting.regions import regional_holiday_note
from forecasting.registry import (
    BASELINES,
    COMBINATIONS,
    HISTORICAL_AVERAGE,
    auto_candidates,
    make_model,
    model_label,
)
from forecasting.select import (
    PREFERRED_MODEL,
    WEEKS_BETTER,
    evaluate,
    origin_abs_errors,
    pick_model,
)
from forecasting.settings import AUTO, MAX_HORIZON_DAYS, ForecastSettings, check_horizon_days
from forecasting.sparse_hours import too_sparse, weekly_contacts, widen_sparse_hours
from forecasting.year_end import year_end_closure_note
from forecasting.yearly import yearly_factors

Progress = Callable[[float, str], None]
FORECAST_COLUMNS = [INTERVAL_START, QUEUE, "forecast", "p10", "p50", "p80", "p90", IS_OPEN]
FALLBACK_MODEL = "historical_average_4w"
# A peak day whose day-of-month (or yearly) multiplier is at least this is put down to it.
CALENDAR_REASON_FACTOR = 1.05
MAX_QUEUES_LISTED = 10  # queues a failed backtest lists one per line before counting the rest
PEAK_BASIS_COLUMNS = [INTERVAL_START, QUEUE, "forecast", USUAL, REASON]
PEAK_REASON = "peak_reason"  # REASON less the campaigns that lower the forecast
# One row per special day of the horizon: what it is, the multiplier applied to a usual day,
# how many past days it was learned from and which, and the day's forecast total.
SPECIAL_DAY_COLUMNS = [
    "date",
    QUEUE,
    "special_day",
    "effect",
    "learned_from_days",
    "learned_from",
    "forecast_contacts",
]
EVE_NAMES = {24: "Christmas Eve", 31: "New Year's Eve"}
YEAR_END_WEEK_NAME = "Between Christmas and New Year"
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class ForecastResult:
    """Forecast of every slot of the horizon plus how it was chosen and what stands out."""

    forecast: pd.DataFrame  # FORECAST_COLUMNS; closed slots 0
    chosen_models: dict[str, str]
    backtest: pd.DataFrame  # accuracy per queue x model over the recent origins
    peaks: pd.DataFrame  # peaks.PEAK_COLUMNS, ranked by extra contacts
    outliers: pd.DataFrame = field(default_factory=pd.DataFrame)  # detected in the history
    notes: list[str] = field(default_factory=list)
    # Open slots with their usual level and known cause: what flag_peaks reads, so new peak
    # rules do not refit the models.
    peak_basis: pd.DataFrame = field(default_factory=pd.DataFrame)
    interval_minutes: int = 0
    # The latest backtest origin, long: interval_start, queue, model, actual, forecast (the
    # chosen model and the 4-week average), for actual-vs-forecast charts.
    last_backtest: pd.DataFrame = field(default_factory=pd.DataFrame)
    special_days: pd.DataFrame = field(default_factory=pd.DataFrame)  # SPECIAL_DAY_COLUMNS
    days: pd.DataFrame = field(default_factory=pd.DataFrame)  # peaks.DAY_OUTLOOK_COLUMNS
    # A holiday calendar the history's quiet days match clearly better than the one used, which
    # notes names too (holiday_hint_note); None when the one used fits.
    holiday_suggestion: CountrySuggestion | None = None
    # Open slots (queue, interval_start) a clock going back lives twice, listed once in
    # `forecast`: `clock_change.with_repeated_hours` lists them twice, as `staff` reads them.
    repeated_slots: pd.DataFrame = field(default_factory=pd.DataFrame)


def _last_origin(runs: BacktestRuns, history: QueueHistory, models: list[str]) -> pd.DataFrame:
    """The latest origin's actuals beside `models`' forecasts, one row per slot and model;
    both are NaN where there is no actual (closed or missing), so charts show a gap."""
    last = len(runs.origins) - 1
    times = history.slot_times(runs.origins[last], runs.horizon_days)
    actual = runs.actual[last].ravel()
    unseen = np.isnan(actual)
    return pd.concat(
        [
            pd.DataFrame(
                {
                    INTERVAL_START: times,
                    QUEUE: history.queue,
                    "model": name,
                    "actual": actual,
                    "forecast": np.where(unseen, np.nan, runs.forecasts[name][last].ravel()),
                }
            )
            for name in models
        ],
        ignore_index=True,
    )


def flag_peaks(
    basis: pd.DataFrame, interval_minutes: int, settings: ForecastSettings
) -> pd.DataFrame:
    """The peaks of a forecast (ForecastResult.peak_basis) under `settings`' peak rules."""
    if basis.empty:
        return pd.DataFrame(columns=PEAK_COLUMNS)
    return find_peaks(
        basis,
        interval_minutes,
        settings.peak_threshold_pct,
        settings.peak_min_contacts,
        settings.peak_volume_threshold,
        settings.peak_noise_sigmas,
        settings.peak_min_day_share_pct,
    )


@dataclass
class BacktestResult:
    """Accuracy table plus the forecasts behind it (for actual-vs-forecast charts)."""

    table: pd.DataFrame
    runs: dict[str, BacktestRuns]
    notes: list[str] = field(default_factory=list)  # queues left out, and why


def _unpack(source: Dataset | pd.DataFrame) -> tuple[pd.DataFrame, int, pd.DataFrame | None]:
    if isinstance(source, Dataset):
        return source.intervals, source.interval_minutes, source.open_hours
    if not isinstance(source, pd.DataFrame):
        raise InputError("Forecasting needs a Dataset or an interval table (DataFrame).")
    missing = [c for c in (INTERVAL_START, VOLUME) if c not in source.columns]
    if missing:
        raise InputError(f"The interval table lacks column(s) {', '.join(missing)}.")
    frame = source if QUEUE in source.columns else source.assign(**{QUEUE: "all"})
    return frame, infer_interval_minutes(pd.to_datetime(frame[INTERVAL_START])), None


def _repeated_rows_note(source: Dataset | pd.DataFrame) -> str | None:
    """What an interval table given as a DataFrame does with rows repeating an interval start of
    the same queue: history_from_intervals sums them, as the import does (a Dataset has none)."""
    if isinstance(source, Dataset):
        return None
    keys = [INTERVAL_START, QUEUE] if QUEUE in source.columns else [INTERVAL_START]
    stamps = source[keys].assign(**{INTERVAL_START: pd.to_datetime(source[INTERVAL_START])})
    repeated = stamps[stamps.duplicated(keep="first")]
    if repeated.empty:
        return None
    shown = ", ".join(
        f"{day_text(stamp, year=True)} {stamp:%H:%M}"
        for stamp in repeated[INTERVAL_START].drop_duplicates().head(3)
    )
    return (
        f"{len(repeated):,} row(s) of the interval table repeat an interval start already given "
        f"for the same queue (e.g. {shown}): their volumes were summed into that interval, as "
        "the import sums them. If the table holds the same rows twice, drop the repeats "
        "(drop_duplicates) and forecast again."
    )


# Days of zeros that open a queue's history before its first contact, to read them as the time
# before the queue opened: a sparse queue's first contact may take a week or so to come.
LAUNCH_ZERO_DAYS = 14
# Such a queue's hours are learned again from its days since its first contact when the
# import's, learned over the zeros too, leave out more than this share of its contacts (a
# sparse queue's strays, 40% of AXA's Gestion, are the sparse-hours rule's to widen).
LAUNCH_HOURS_LEFT_OUT = 0.5
# A weekday whose latest usable day is older than this is named: the 8-week models' window.
STALE_WEEKDAY_WEEKS = 8
OCCASIONAL_WEEKS = 12  # the weeks a weekday's open dates are counted over in its note
# A run of open days without data this long is named when a backtest finds too few with data.
MISSING_STRETCH_DAYS = 7
# A backtest origin's level shift this close to the forecast's is the same step, found then.
SAME_SHIFT_DAYS = 7


def _histories(
    source: Dataset | pd.DataFrame, settings: ForecastSettings
) -> tuple[
    list[QueueHistory],
    pd.Timestamp,
    int,
    list[str],
    dict[str, pd.DatetimeIndex],
    dict[str, pd.Timestamp],
]:
    """Per-queue histories cut at the origin, the timestamp where the forecast starts, notes
    on how the data's end was read, per queue the days other queues counted contacts, and per
    queue its last count on the forecast's first day, before it starts (the histories hold
    whole days: that day's are not in them)."""
    frame, step, open_hours = _unpack(source)
    notes: list[str] = []
    if settings.origin is None:
        frame, notes = cut_day_ends(frame, settings.country, settings.subdivision)
    repeated = _repeated_rows_note(source)
    notes += [repeated] if repeated else []
    times = pd.to_datetime(frame[INTERVAL_START])
    if settings.origin is not None:
        # An origin inside an interval keeps that interval as history (its counts run past the
        # origin), so the forecast and its horizon start at the next interval start.
        origin = pd.Timestamp(settings.origin)
        interval = pd.Timedelta(minutes=step)
        start = origin.normalize() + math.ceil((origin - origin.normalize()) / interval) * interval
        cut = bool((times >= start).any())
        frame = frame[times < start]
        if frame.empty:
            raise InputError(f"No history before the origin {origin}: pick a later origin.")
    else:
        cut = False
        # After the last interval with data: an export's grid pads a partial last day with
        # missing intervals, and the rest of that day still needs its forecast.
        seen = pd.to_numeric(frame[VOLUME], errors="coerce").notna()
        if IS_OPEN in frame.columns:
            seen &= frame[IS_OPEN].astype(bool)
        last_seen = (times[seen] if seen.any() else times).max()
        start = last_seen + pd.Timedelta(minutes=step)
        if start != start.normalize() and _rest_of_day_closed(frame, start, step, open_hours):
            start = start.normalize() + pd.Timedelta(days=1)  # business hours: a whole next day
        # Rows without counts past the start's day (not closed slots' zeros).
        empty = times[pd.to_numeric(frame[VOLUME], errors="coerce").isna() & (times > last_seen)]
        if seen.any() and not empty.empty and empty.max().normalize() > start.normalize():
            notes.append(_empty_tail_note(last_seen, empty.max(), times.max(), start))
    queues = sorted(frame[QUEUE].astype(str).unique())
    strangers = sorted({e.queue for e in settings.events if e.queue and e.queue not in queues})
    if strangers:
        raise InputError(
            f"Event(s) for queue(s) {', '.join(strangers)}, which the data does not have; the "
            f"queues are {', '.join(queues)}."
        )
    if settings.queues:
        unknown = sorted(set(settings.queues) - set(queues))
        if unknown:
            raise InputError(
                f"Queue(s) {', '.join(unknown)} not in the data; the queues are {', '.join(queues)}."
            )
        queues = [q for q in queues if q in settings.queues]
    frame = frame.assign(**{QUEUE: frame[QUEUE].astype(str)})
    elsewhere = _busy_elsewhere(frame)
    start_day_counts = _start_day_counts(frame, start)
    histories = []
    for queue in queues:
        history = history_from_intervals(frame, queue, step, open_hours)
        # Pad or cut so every queue's matrix ends where its forecast starts: at the start's day,
        # or after it when the rest of that day is closed anyway (business-hours exports).
        rows = history.day_index(start)
        slot = int((start - start.normalize()) / pd.Timedelta(minutes=step))
        weekday = start.day_of_week
        if slot and not history.open_mask[weekday, slot:].any():
            rows += 1
        values = np.full((rows, history.slots_per_day), np.nan)
        keep = min(rows, history.n_days)
        values[:keep] = history.values[:keep]
        launch = _first_day_with_contacts(values)
        if LAUNCH_ZERO_DAYS <= launch < len(values):  # a queue never busy is no new queue
            # Zero rows before a queue's first contact pad a file of several queues: read as
            # zeros they make a new queue's start a steep trend. Cut, not blanked: blank rows
            # would pass for history, backtesting a two-week-old queue on empty weeks.
            first_day = history.first_day + pd.Timedelta(days=launch)
            notes.append(
                f"{queue}: no contact before {day_text(first_day, year=True)}, {launch:,} days into the "
                "data: its history starts there, the zeros before it read as before the queue "
                "opened."
            )
            history = dataclasses.replace(history, first_day=first_day, values=values[launch:])
            totals = weekly_contacts(history)
            if totals[~history.open_mask].sum() > LAUNCH_HOURS_LEFT_OUT * totals.sum():
                # The import learned its hours over the zeros before it opened too, and they
                # hold few of its contacts: learned again from its days since.
                since = learn_open_slots(history.values, history.weekdays(), step)
                history = dataclasses.replace(history, open_mask=history.open_mask | since)
        else:
            history = history.with_values(values)
        if cut and np.nansum(history.values) > 0:  # the import's hours saw the days after too
            mask = hours_before_origin(history)
            if (history.open_mask & ~mask).any():
                notes.append(closed_before_origin_note(history, history.open_mask & ~mask, start))
                history = dataclasses.replace(history, open_mask=mask)
        histories.append(history)
    histories = _with_sparse_hours(histories, frame, step, open_hours, notes)
    return histories, start, step, notes, elsewhere, start_day_counts


def _start_day_counts(frame: pd.DataFrame, start: pd.Timestamp) -> dict[str, pd.Timestamp]:
    """Per queue, its last open interval with a count on `start`'s day before `start`."""
    times = pd.to_datetime(frame[INTERVAL_START])
    seen = pd.to_numeric(frame[VOLUME], errors="coerce").notna().to_numpy()
    seen = seen & (times >= start.normalize()).to_numpy() & (times < start).to_numpy()
    if IS_OPEN in frame.columns:
        seen &= frame[IS_OPEN].to_numpy(dtype=bool)
    return times[seen].groupby(frame[QUEUE].to_numpy()[seen]).max().to_dict()


def _with_sparse_hours(
    histories: list[QueueHistory],
    frame: pd.DataFrame,
    step: int,
    open_hours: pd.DataFrame | None,
    notes: list[str],
) -> list[QueueHistory]:
    """The histories with a too-sparse queue's open hours widened (see sparse_hours), the
    file's busier queues - forecast or not - lending theirs; a note per widened queue."""
    # Calls nobody answered only lower what a queue's hours leave out: read them only when
    # some queue would be too sparse without them.
    if not any(too_sparse(history) for history in histories):
        return histories
    unanswered = _weekly_abandoned(frame, step)
    masks = {}  # the open hours of every queue not too sparse to learn its own
    for queue in frame[QUEUE].unique():
        history = next((h for h in histories if h.queue == queue), None)
        history = history or history_from_intervals(frame, queue, step, open_hours)
        if not too_sparse(history, unanswered.get(queue)):
            masks[queue] = history.open_mask
    widened = []
    for history in histories:
        others = [mask for queue, mask in masks.items() if queue != history.queue]
        reference = np.logical_or.reduce(others) if others else None
        history, note = widen_sparse_hours(history, reference, unanswered.get(history.queue))
        if note:
            notes.append(note)
        widened.append(history)
    return widened


def _weekly_abandoned(frame: pd.DataFrame, step: int) -> dict[str, np.ndarray]:
    """Per queue with outcomes, its abandoned contacts per weekday x slot (7, slots)."""
    if ABANDONED not in frame.columns:
        return {}
    abandoned = pd.to_numeric(frame[ABANDONED], errors="coerce").to_numpy(dtype=float)
    known = ~np.isnan(abandoned)
    if not known.any():
        return {}
    times = pd.to_datetime(frame[INTERVAL_START])[known]
    slot = ((times - times.dt.normalize()) / pd.Timedelta(minutes=step)).to_numpy().astype(int)
    cell = times.dt.day_of_week.to_numpy() * (1440 // step) + slot
    result = {}
    queues = frame[QUEUE].to_numpy()[known]
    for queue in np.unique(queues):  # one bincount per queue
        mine = queues == queue
        weights = abandoned[known][mine]
        result[queue] = np.bincount(cell[mine], weights, 7 * 1440 // step).reshape(7, -1)
    return result


def _busy_elsewhere(frame: pd.DataFrame) -> dict[str, pd.DatetimeIndex]:
    """Per queue (every queue of the data, forecast or not), the days on which another queue
    counted contacts: the export ran on them, so the queue's zeros there are real."""
    busy = frame.loc[pd.to_numeric(frame[VOLUME], errors="coerce").fillna(0).to_numpy() > 0]
    days = pd.DataFrame(
        {QUEUE: busy[QUEUE].to_numpy(), "day": pd.to_datetime(busy[INTERVAL_START]).dt.normalize()}
    ).drop_duplicates()
    queues_busy = days.groupby("day").size()
    result = {}
    for queue in frame[QUEUE].unique():
        own = days.loc[days[QUEUE] == queue, "day"]
        others = queues_busy.sub(queues_busy.index.isin(own).astype(int))
        result[queue] = pd.DatetimeIndex(others.index[others.to_numpy() > 0])
    return result


def _empty_tail_note(
    last_seen: pd.Timestamp, last_empty: pd.Timestamp, last_row: pd.Timestamp, start: pd.Timestamp
) -> str:
    """Rows without counts after the last count, past the day the forecast starts on: an export
    padded ahead, or days whose counts were lost. The forecast then starts inside the file's
    dates, which must not pass unsaid: planned from, those days may already be past.
    `last_empty`: the last open slot without a count; `last_row`: the data's last row (AXA's
    Crises ran on a day past it with zeros in closed slots)."""
    days = (last_row.normalize() - start.normalize()).days + 1
    closed_after = last_row.normalize() > last_empty.normalize()
    return (
        f"The data's rows run to {day_text(last_row, year=True)}, but the last count is at "
        f"{day_text(last_seen, year=True, clock=True)}: the {days:,} days from {day_text(start)} on have rows "
        "without counts, read as missing"
        + (f", to {day_text(last_empty)}, then only zeros in closed slots" if closed_after else "")
        + f". The forecast starts at {day_text(start, year=True, clock=True)}, "
        "right after the last count. If those days are past, import their counts."
    )


def _first_day_with_contacts(values: np.ndarray) -> int:
    """Day row of the first contact (the number of rows when there is none)."""
    busy = np.flatnonzero((np.nan_to_num(values) > 0).any(axis=1))
    return int(busy[0]) if busy.size else len(values)


def _rest_of_day_closed(
    frame: pd.DataFrame, start: pd.Timestamp, step: int, open_hours: pd.DataFrame | None
) -> bool:
    """No queue has ever been open from `start`'s clock time to midnight on that weekday."""
    for queue in frame[QUEUE].astype(str).unique():
        mask = history_from_intervals(frame, queue, step, open_hours).open_mask
        slot = int((start - start.normalize()) / pd.Timedelta(minutes=step))
        if mask[start.day_of_week, slot:].any():
            return False
    return True


def _candidates(settings: ForecastSettings) -> list[str]:
    names = list(settings.candidates) if settings.candidates else auto_candidates()
    for name in names:
        make_model(name)  # raises InputError on an unknown name
    return names


def _models_to_run(settings: ForecastSettings) -> list[str]:
    if settings.model == AUTO:
        return _candidates(settings)
    make_model(settings.model)
    return list(dict.fromkeys([*BASELINES, settings.model]))


def _usual(training: QueueHistory, weeks: int) -> np.ndarray:
    """Median of the same weekday and slot over the last `weeks` normal observed weeks: (7, slots).
    A weekday the desk opens on only some dates is judged by the dates it opened: its usual of 0
    read every Saturday forecast as a peak "above usual"."""
    closed = closed_days(training)[:, None]
    recent = recent_weekday_days(
        training.with_values(np.where(closed, np.nan, training.values)), weeks
    )
    filled = np.where(np.isnan(recent).all(axis=1, keepdims=True), 0.0, recent)
    return np.nanmedian(filled, axis=1)


def _reasons(
    inputs: QueueInputs,
    data: OriginData,
    n_days: int,
    mean: np.ndarray,
    usual: np.ndarray,
    names: list[str],
    settings: ForecastSettings,
) -> np.ndarray:
    """Known cause per forecast slot: campaign, a holiday or eve busier than usual, day after a
    holiday, a day of the month that runs high (payday, billing), weeks that rose in both past
    years, or a level above usual.
    `names`: the horizon days' special-day names (`_special_day_names`)."""
    origin = data.origin
    reasons = np.full(mean.shape, "", dtype=object)
    kinds = inputs.kinds[origin : origin + n_days].copy()
    holidays = _holidays_and_bridged(inputs, origin, n_days)
    named_days = (HOLIDAY, YEAR_END_EVE, YEAR_END_WEEK)
    for row in np.flatnonzero(np.isin(kinds, (*named_days, *AFTER_HOLIDAYS, *BRIDGES))):
        effect = _special_day_effect(data.effects, kinds[row], holidays[row], names[row])[0]
        if kinds[row] in named_days:
            # A holiday or eve that brings more than a usual day (a night or assistance line)
            # is why it stands above usual; a quieter one explains no peak.
            reasons[row] = names[row] if effect >= CALENDAR_REASON_FACTOR else ""
        elif abs(np.log(max(effect, 1e-9))) < np.log(CALENDAR_REASON_FACTOR):
            kinds[row] = NORMAL  # forecast as an ordinary day: its cause is not the holiday
        elif kinds[row] in AFTER_HOLIDAYS:
            reasons[row] = f"day after {names[row]}"
        else:
            reasons[row] = "b" + names[row][1:]  # "bridge day after Ascension Day"
    threshold = 1 + settings.peak_threshold_pct / 100
    # A day's level against usual without its campaigns' uplift: a two-hour mailing that lifts
    # the day is the campaign's doing (named on its intervals), not a trend of the whole day.
    uplift = inputs.uplift[origin : origin + n_days]
    base = np.divide(mean, uplift, out=mean.copy(), where=uplift > 0)
    day_ratio = base.sum(axis=1) / np.maximum(usual.sum(axis=1), 1e-9)
    month_day = month_day_index(inputs.history.first_day, origin, n_days)
    if data.month_day_rows is not None:
        month_day = data.month_day_rows[origin : origin + n_days]
    factor = data.month_day[month_day]
    of_month = " working day of the month" if data.by_working_day else ""
    season = np.ones(n_days)
    if data.day_levels is not None:
        season = yearly_factors(data.day_levels, n_days)
    for row in np.flatnonzero((kinds == NORMAL) & (day_ratio > threshold)):
        causes = []
        if factor[row] >= CALENDAR_REASON_FACTOR and month_day[row] != OFF_DAY_RANK:
            causes.append(
                f"day of month: the {_ordinal(month_day[row] + 1)}{of_month} usually brings "
                f"{factor[row] - 1:.0%} more"
            )
        if season[row] >= CALENDAR_REASON_FACTOR:
            causes.append(
                f"season: these weeks rose in each of the last two years (+{season[row] - 1:.0%})"
            )
        if day_ratio[row] / max(factor[row], 1.0) / max(season[row], 1.0) > threshold:
            causes.append("trend: recent level above usual")
        reasons[row] = "; ".join(causes)
    campaign = inputs.campaign[origin : origin + n_days]
    named = np.char.find(np.char.lower(campaign.astype(str)), "campaign") >= 0
    label = np.where(named, campaign.astype(str), "campaign " + campaign.astype(str))
    # A campaign at 0% changes nothing, so it explains nothing either.
    return np.where((campaign != "") & (uplift != 1), label, reasons)


def _peak_reasons(reasons: np.ndarray, inputs: QueueInputs, origin: int) -> np.ndarray:
    """`reasons` as causes of a peak: a campaign that lowers the forecast (-20% while a site is
    down) cannot be why an interval stands above usual or a ceiling, so it is not named there."""
    uplift = inputs.uplift[origin : origin + reasons.shape[0]]
    lowered = (uplift < 1) & (inputs.campaign[origin : origin + reasons.shape[0]] != "")
    return np.where(lowered, "", reasons)


def _ordinal(day: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 23rd ... 31st."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _special_day_names(inputs: QueueInputs, origin: int, n_days: int) -> list[str]:
    """Per horizon day: the holiday's name (for a day after one, the holiday before it), the
    eve's name, a bridge day's "Bridge day after/before <holiday>", or ""."""
    holidays = np.flatnonzero(inputs.holiday_names != "")
    history = inputs.history
    past_holidays = inputs.kinds[: history.n_days] == HOLIDAY
    busy = busy_weekdays(history, holidays=past_holidays) & history.open_mask.any(axis=1)
    # A day after a working-day holiday is named after it, not after a quiet-day holiday that
    # came between (Sunday's, before the Monday after a Friday holiday).
    worked = holidays[busy[(history.first_day.day_of_week + holidays) % 7]]
    labels = []
    for row, kind in enumerate(inputs.kinds[origin : origin + n_days]):
        day = origin + row
        if kind == HOLIDAY:
            labels.append(inputs.holiday_names[day] or "Holiday")
        elif kind in AFTER_HOLIDAYS:
            before = holidays[holidays < day]
            if kind != AFTER_QUIET_HOLIDAY and (worked < day).any():
                before = worked[worked < day]
            labels.append(inputs.holiday_names[before[-1]] if before.size else "holiday")
        elif kind == YEAR_END_EVE:
            date = inputs.history.first_day + pd.Timedelta(days=day)
            labels.append(EVE_NAMES.get(date.day, "Eve"))
        elif kind == YEAR_END_WEEK:
            labels.append(YEAR_END_WEEK_NAME)
        elif kind == BRIDGE_AFTER:
            labels.append(f"Bridge day after {inputs.holiday_names[day - 1] or 'a holiday'}")
        elif kind == BRIDGE_BEFORE:
            following = inputs.holiday_names[day + 1] if day + 1 < inputs.kinds.size else ""
            labels.append(f"Bridge day before {following or 'a holiday'}")
        else:
            labels.append("")
    return labels


def _holidays_and_bridged(inputs: QueueInputs, origin: int, n_days: int) -> np.ndarray:
    """Per horizon day: the holiday's name on a holiday, the bridged holiday's on a bridge
    day, else ""."""
    bridged = bridge_holidays(inputs.kinds, inputs.holiday_names)
    named = np.where(bridged != "", bridged, inputs.holiday_names)
    return named[origin : origin + n_days]


def _special_day_effect(
    effects: SpecialDayEffects, kind: int, holiday: str, label: str
) -> tuple[float, int, str]:
    """(multiplier, past days it was learned from, which days) for one special day."""
    if kind == HOLIDAY:
        effect, days = effects.holiday_effect(holiday)
        # A substitute day ("Boxing Day (observed)") was learned from the holiday's own days.
        key = effects.learned_key(holiday) if holiday else label
        if key in effects.closed_on:
            shut = "closed" if effect == 0 else "nearly empty"
            return effect, days, f"{key} in past years: {shut} each time"
        if key in effects.by_holiday:
            return effect, days, f"{key} in past years, weighed with all holidays"
        if days:
            return effect, days, "all past holidays"
        if effect == 0:
            return effect, days, "none seen: closed, as on the days of the week you close"
        return effect, days, "none seen: like your quietest day of the week"
    if kind in BRIDGES:
        effect, days, own = effects.bridge_effect(kind, holiday)
        after = kind == BRIDGE_AFTER
        side = "after" if after else "before"
        if own:
            shut = "closed" if effect == 0 else "nearly empty"
            key = holiday_key(holiday)
            return effect, days, f"bridge days {side} {key} in past years: {shut} each time"
        if days >= MIN_BRIDGES_SEEN:
            return effect, days, f"all past bridge days {side} a holiday"
        usual = "like a day after a holiday" if after else "an ordinary day"
        return effect, days, f"too few bridge days seen: {usual}"
    if kind in (AFTER_HOLIDAY, AFTER_HOLIDAY_BREAK):
        effect, days, apart = effects.after_holiday_effect(kind)
        basis = "days after holidays"
        if apart:  # "days off": days the desk is closed or quiet
            between = kind == AFTER_HOLIDAY_BREAK
            basis = (
                "days after holidays and days off" if between else "days straight after holidays"
            )
    elif kind == AFTER_QUIET_HOLIDAY:
        effect, days, basis = (
            effects.after_quiet_holiday_ratio,
            effects.after_quiet_days_seen,
            "days after holidays on days off",
        )
    elif kind == YEAR_END_WEEK:
        effect, days = effects.year_end_week_ratio, effects.year_end_week_days_seen
        basis = "days between Christmas and New Year"
    else:
        effect, days, basis = effects.eve_ratio, effects.eves_seen, "Christmas and New Year's Eves"
    return effect, days, f"all past {basis}" if days else "none seen: an ordinary day"


def _special_days(
    inputs: QueueInputs,
    data: OriginData,
    n_days: int,
    mean: np.ndarray,
    names: list[str],
    start: pd.Timestamp,
) -> pd.DataFrame:
    """The horizon's special days with the effect applied and what it was learned from;
    `names` as from `_special_day_names`. A day the horizon starts inside counts its contacts
    from `start` on, as the forecast rows do."""
    kinds = inputs.kinds[data.origin : data.origin + n_days]
    holidays = _holidays_and_bridged(inputs, data.origin, n_days)
    open_days = inputs.history.open_rows(data.origin, n_days).any(axis=1)  # closed: nothing to say
    ahead = np.asarray(inputs.history.slot_times(data.origin, n_days) >= start)
    mean = np.where(ahead.reshape(mean.shape), mean, 0.0)
    rows = []
    for row, kind in enumerate(kinds):
        if kind == NORMAL or not open_days[row]:
            continue
        effect, days, basis = _special_day_effect(data.effects, kind, holidays[row], names[row])
        rows.append(
            {
                "date": inputs.history.first_day + pd.Timedelta(days=data.origin + row),
                QUEUE: inputs.history.queue,
                "special_day": f"Day after {names[row]}" if kind in AFTER_HOLIDAYS else names[row],
                "effect": effect,
                "learned_from_days": days,
                "learned_from": basis,
                "forecast_contacts": float(mean[row].sum()),
            }
        )
    return pd.DataFrame(rows, columns=SPECIAL_DAY_COLUMNS)


def _unseen_weekdays_note(history: QueueHistory, training: QueueHistory) -> str | None:
    """A note naming the open weekdays that no usable training day stands for: every model
    forecasts them at 0, which must not pass for a quiet day."""
    seen = np.zeros(7, dtype=bool)
    seen[training.weekdays()[training.observed_days()]] = True
    # The hours as they are now: a weekday closed lately needs no forecast.
    now_open = history.open_mask.any(axis=1) & training.open_mask.any(axis=1)
    unseen = [WEEKDAY_NAMES[day] for day in np.flatnonzero(now_open & ~seen)]
    if not unseen:
        return None
    days = " or ".join([", ".join(unseen[:-1]), unseen[-1]] if len(unseen) > 1 else unseen)
    return (
        f"{history.queue}: no ordinary {days} in the history (each was a holiday, the day after "
        "one, excluded or missing), so the forecast has nothing to go on for those days and "
        "shows 0 contacts. Upload more weeks, or do not plan them from this forecast."
    )


def _stale_weekdays_note(history: QueueHistory, training: QueueHistory) -> str | None:
    """A note naming the open weekdays whose latest usable day is long past: every model
    repeats or averages the last days it has of a weekday, however old, so an event line busy
    twice a year forecasts next Sunday as its last busy Sunday."""
    observed, weekdays = training.observed_days(), training.weekdays()
    stale = []
    for day in np.flatnonzero(history.open_mask.any(axis=1)):
        rows = np.flatnonzero(observed & (weekdays == day))
        if rows.size and training.n_days - rows[-1] > STALE_WEEKDAY_WEEKS * 7:
            latest = training.first_day + pd.Timedelta(days=int(rows[-1]))
            weeks = (training.n_days - rows[-1]) // 7
            stale.append(
                f"{WEEKDAY_NAMES[day]}s from {day_text(latest, year=True)}, {weeks:,} weeks back"
            )
    if not stale:
        return None
    return (
        f"{history.queue}: the latest usable days of some weekdays are long past, so they are "
        f"forecast from them: {'; '.join(stale)}. The weeks since hold no data for those days. "
        "If the queue is busy only on set dates (an event line), plan those dates by hand; if "
        "the export missed weeks, import them."
    )


def _occasional_weekdays_note(
    queue: str, training: QueueHistory, mean: np.ndarray, usual: np.ndarray, origin: int
) -> str | None:
    """A note naming the weekdays the desk opens on only some dates (`closed_days`): every such
    day of the horizon is forecast at their average with the closed ones, far below a day it
    opens, and the history cannot tell which dates those will be."""
    closed = closed_days(training)
    weekdays = training.weekdays()
    ahead = training.weekdays(origin, mean.shape[0])
    open_contacts = np.nansum(training.values * training.open_rows(0, training.n_days), axis=1)
    observed = training.observed_days()
    parts = []
    for day in np.unique(weekdays[closed]):
        rows = np.flatnonzero(ahead == day)
        if not rows.size:
            continue
        recent = np.flatnonzero(observed & (weekdays == day))[-OCCASIONAL_WEEKS:]
        opened = recent[open_contacts[recent] > 0]
        dates = ", ".join(
            f"{day_text(training.first_day + pd.Timedelta(days=int(row)), weekday=False)}"
            for row in opened
        )
        parts.append(
            f"{WEEKDAY_NAMES[day]}s opened on {opened.size} of the last {recent.size} ({dates}): "
            f"each is forecast at about {mean[rows].sum(axis=1).mean():,.0f} contacts, their "
            f"average with the closed ones, where an open one brings about "
            f"{usual[rows].sum(axis=1).mean():,.0f}"
        )
    if not parts:
        return None
    return (
        f"{queue}: {'; '.join(parts)}. If you know the dates it will stay closed, add them as a "
        "campaign of -100% (closed)."
    )


def _listed_weekdays(
    source: Dataset | pd.DataFrame, settings: ForecastSettings, start: pd.Timestamp
) -> dict[str, set[int]]:
    """Per queue, the weekdays the data gives counts on (before the origin, when one is set):
    a week whose closed weekend follows its last open hour ends the history on the Friday,
    the weekend's rows read as the forecast's first closed days, yet the file showed them."""
    frame, _, _ = _unpack(source)
    times = pd.to_datetime(frame[INTERVAL_START])
    counted = pd.to_numeric(frame[VOLUME], errors="coerce").notna()
    if settings.origin is not None:
        counted &= times < start
    weekdays = times[counted].dt.day_of_week
    return {
        str(queue): set(days.tolist())
        for queue, days in weekdays.groupby(frame.loc[counted, QUEUE].astype(str))
    }


def _kept_new_hours(history: QueueHistory, flagged: np.ndarray, data: OriginData) -> np.ndarray:
    """The unusual intervals `flagged` (days, slots) less those of slots whose opening changed,
    on the days since: the forecast learns the new hours from them (follow_hours_change), so
    they are neither unusual nor left out of training."""
    change = data.hours_change
    if change is None:
        return flagged
    weekdays = history.weekdays(0, flagged.shape[0])
    since = np.arange(flagged.shape[0]) >= change.since[weekdays]
    changed = (change.opened | change.closed)[weekdays] & (change.since[weekdays] >= 0)[:, None]
    return flagged & ~(changed & since[:, None])


def _short_history_note(history: QueueHistory, listed: set[int]) -> str | None:
    """A note naming the weekdays a history shorter than a week never shows, nor the data
    (`listed`: weekdays it gives counts on, a closed weekend's zero rows included): their open
    hours are unknown, so they are forecast as closed."""
    if history.n_days >= 7:
        return None
    unseen = set(range(7)) - set(history.weekdays()) - listed
    if not unseen:
        return None
    never = [WEEKDAY_NAMES[day] for day in sorted(unseen)]
    days = " and ".join([", ".join(never[:-1]), never[-1]] if len(never) > 1 else never)
    span = "1 day" if history.n_days == 1 else f"{history.n_days:,} days"
    return (
        f"{history.queue}: the history covers only {span}, so {days} never "
        "appear in it: they are treated as closed and not forecast. Upload at least a full week."
    )


def _level_shift_note(history: QueueHistory, shift: LevelShift, model: str) -> str:
    """The shift, and how `model` follows it: the plain weekly averages average the weeks as
    they came (the seasonal naive copies the last week, at the new level by then)."""
    day = history.first_day + pd.Timedelta(days=shift.row)
    members = COMBINATIONS.get(model, (model,))
    plain = [name for name in members if isinstance(make_model(name), HistoricalAverage)]
    follows = "The forecast starts from the new level: the weeks before were rescaled to it."
    if plain == list(members):
        follows = (
            f"The model '{model_label(model)}' (--model {model}) averages the weeks as they "
            "came, the earlier level included, so its forecast does not start from the new "
            "level; the other models rescale the weeks before to it."
        )
    elif plain:
        follows = (
            f"The forecast follows the new level only in part: of its members, "
            f"'{model_label(plain[0])}' averages the weeks as they came, the earlier level "
            "included; the others rescale the weeks before to it."
        )
    return (
        f"{history.queue}: volume changed to x{shift.ratio:.2f} of its earlier level from "
        f"{day_text(day, year=True)}. {follows} If the change was temporary (a campaign, an outage "
        f"elsewhere), exclude the days from {day_text(day, year=True)} as an unusual past period on the "
        "Forecast page: the forecast then keeps the level before."
    )


def _refuse_all_excluded(history: QueueHistory, inputs: QueueInputs) -> None:
    """Events that leave out every observed day would forecast zero for a busy queue."""
    observed = history.observed_days()
    excluded = inputs.excluded[: history.n_days].any(axis=1)
    if observed.any() and not (observed & ~excluded).any():
        raise InputError(
            f"{history.queue}: the excluded periods cover every day of its history, so "
            "nothing is left to forecast from. Shorten the excluded period."
        )


def _to_data_end(
    history: QueueHistory,
    inputs: QueueInputs,
    settings: ForecastSettings,
    extra_days: int,
    busy_elsewhere: pd.DatetimeIndex,
    last_count: pd.Timestamp | None = None,
) -> tuple[QueueHistory, QueueInputs, list[str]]:
    """The history cut where its data ends (trailing impossible zero days read as missing,
    unless other queues counted contacts on them: `busy_elsewhere`), the inputs for it, and a
    note when that moved anything. `last_count`: the queue's last count on the forecast's
    first day, before it starts (not in the history, which holds whole days)."""
    days = history.first_day + pd.to_timedelta(np.arange(history.n_days), unit="D")
    end = find_data_end(
        history, inputs.kinds[: history.n_days] != NORMAL, days.isin(busy_elsewhere)
    )
    trimmed = trim_to_data(history, end)
    if trimmed is history:
        return history, inputs, [_stopped_note(history, end)] if end.stopped_days else []
    gap = history.n_days - trimmed.n_days
    inputs = prepare_queue(trimmed, extra_days + gap, settings)
    last = history.first_day + pd.Timedelta(days=end.last_day)
    if end.zero_days:
        # The span by its dates: the count leaves out holidays and the days beside them, so
        # "the last 7 open days" read short of the 10 weekdays a manager counts.
        seen = (~np.isnan(history.values) & history.open_rows(0, history.n_days)).any(axis=1)
        rows = np.flatnonzero(seen[end.last_day + 1 :]) + end.last_day + 1
        first, final = (history.first_day + pd.Timedelta(days=int(r)) for r in rows[[0, -1]])
        text = (
            f"{history.queue}: zero contacts from {day_text(first)} to {day_text(final, year=True)}, "
            f"where the weeks before bring many on each of its {end.zero_days:,} ordinary open "
            f"days: read as missing (an export cut short), so the history ends "
            f"{day_text(last, year=True)}. If the queue really stopped, leave it out."
        )
    elif last_count is not None:
        # The data's last count, which the note on the export's end names too, is on the day
        # the forecast starts: "no data after" the day before it would contradict that note.
        after, before = last + pd.Timedelta(days=1), history.end_day - pd.Timedelta(days=1)
        text = (
            f"{history.queue}: no data from {day_text(after, year=after.year != before.year)} to "
            f"{day_text(before, year=True)} ({end.gap_days:,} days); its last count, {day_text(last_count, year=True, clock=True)}, is on the "
            "day the forecast starts, and the forecast learns from whole days: it is forecast "
            f"from its own last weeks of data, to {day_text(last, year=True)}. If the queue "
            "closed, leave it out; if the export missed it, import the missing weeks."
        )
    else:
        text = (
            f"{history.queue}: no data after {day_text(last, year=True)}, {end.gap_days:,} days before "
            "the forecast starts: it is forecast from its own last weeks of data. If the queue "
            "closed, leave it out; if the export missed it, import the missing weeks."
        )
    return trimmed, inputs, [text]


def _stopped_note(history: QueueHistory, end: DataEnd) -> str:
    """Why a queue silent for months is forecast at 0 (its zeros are kept as data)."""
    last = history.first_day + pd.Timedelta(days=end.last_day)
    since = last - pd.Timedelta(days=end.stopped_days - 1)
    return (
        f"{history.queue}: no contact at all from {day_text(since, year=True)} to {day_text(last, year=True)} "
        f"({end.stopped_days:,} days), longer than an export padded to the end of its period: "
        "read as a queue that stopped, and forecast at 0. If it is still open, check the export "
        "for those months; if it closed, leave it out."
    )


def _idle_campaign_notes(
    inputs: QueueInputs,
    data: OriginData,
    n_days: int,
    start: pd.Timestamp,
    horizon_days: int,
    settings: ForecastSettings,
    names: list[str],
) -> list[str]:
    """One note per campaign whose days in the horizon all fall when the queue is closed (a
    Sunday, a holiday it shuts on, the evening): its uplift multiplies nothing, unsaid.
    `names`: the horizon's special-day names, as the forecast frame lists them."""
    history = inputs.history
    campaigns = [
        event
        for event in settings.events
        if event.kind == CAMPAIGN and event.queue in (None, history.queue)
    ]
    if not campaigns:  # most forecasts: no work for the note
        return []
    step = pd.Timedelta(minutes=history.interval_minutes)
    end = start + pd.Timedelta(days=horizon_days)
    first = history.first_day + pd.Timedelta(days=data.origin)
    times = pd.DatetimeIndex(history.slot_times(data.origin, n_days))
    # Open as the queue would be without the campaigns: a -100% campaign shuts nothing.
    plain = dataclasses.replace(inputs, uplift=np.ones_like(inputs.uplift))
    is_open = (day_multipliers(plain, data, n_days) > 0).ravel()
    kinds = inputs.kinds[data.origin : data.origin + n_days]
    open_days = data.training.open_rows(data.origin, n_days).any(axis=1)
    notes = []
    for event in campaigns:
        if not event.uplift_pct or pd.Timestamp(event.end) > end:
            continue  # no change asked for, or days past the horizon that may be open
        covered = np.zeros(times.size, dtype=bool)
        covered[event_slots(event, first, n_days, history.interval_minutes)] = True
        covered &= np.asarray((times >= start) & (times < end))
        if not covered.any() or is_open[covered].any():
            continue
        rows = np.unique(np.flatnonzero(covered) // history.slots_per_day)
        days = []
        for row in rows:
            day = first + pd.Timedelta(days=int(row))
            if kinds[row] == HOLIDAY:
                why = names[row]
            elif not open_days[row]:
                why = f"closed on {WEEKDAY_NAMES[day.day_of_week]}s"
            else:
                slots = np.flatnonzero(covered.reshape(n_days, -1)[row])
                hours = f"{day + slots[0] * step:%H:%M}–{day + (slots[-1] + 1) * step:%H:%M}"
                why = f"closed {hours.replace('–00:00', '–24:00')}"
            days.append(f"{day_text(day, year=True)} ({why})")
        listed = days if len(days) <= 4 else [*days[:3], f"… {len(days):,} days in all"]
        notes.append(
            f"{history.queue}: the campaign '{event.name}' ({event.uplift_pct:+g}%) falls only "
            f"when the queue is closed, on {', '.join(listed)}, so it changes no forecast. If "
            "its contacts will come on the open days around it, set the campaign on those "
            "days; if the queue will open for it, plan those hours by hand."
        )
    return notes


def _one_off_notes(history: QueueHistory, flagged: np.ndarray) -> list[str]:
    """One note per one-off day, or per run of them (a surge week: one note, not five)."""
    runs: list[list[tuple[int, float]]] = []
    for row, ratio in recent_one_off_days(history, flagged):
        if runs and row - runs[-1][-1][0] <= 3 and (ratio > 0) == (runs[-1][-1][1] > 0):
            runs[-1].append((row, ratio))  # the next working day of the same run
        else:
            runs.append([(row, ratio)])
    notes = []
    for run in runs:
        first = history.first_day + pd.Timedelta(days=run[0][0])
        last = history.first_day + pd.Timedelta(days=run[-1][0])
        ratios = [ratio for _, ratio in run]
        their = "its" if len(run) == 1 else "their"
        if ratios[0] == 0:
            brought = "no contact at all"
        elif f"{min(ratios):.1f}" == f"{max(ratios):.1f}":
            brought = f"x{ratios[0]:.1f} {their} usual contacts"
        else:
            brought = f"x{min(ratios):.1f}–x{max(ratios):.1f} {their} usual contacts"
        when, was = f"{day_text(first, year=True)}", "was"
        if len(run) > 1:
            when = f"{day_text(first, year=first.year != last.year)} – {day_text(last, year=True)}"
            when, was = f"{when} ({len(run):,} days)", "were"
        notes.append(
            f"{history.queue}: {when} brought {brought} and {was} left out of the training as a "
            "one-off (a storm, an outage, a broken export). If it starts a new level, the "
            "forecast will follow once a few more days show it."
        )
    return notes


def _known_level_actuals(runs: BacktestRuns, shift: LevelShift | None) -> np.ndarray:
    """The backtest actuals to size the P10-P90 band on, when the forecast follows a level
    shift: the days from the step on are left out of the origins that did not know of it (it
    came after them, or too lately to be seen). Their forecasts missed by the whole step,
    which the forecast has undone: sized on them, a queue that doubled would get a band
    several times too wide for weeks."""
    if shift is None:
        return runs.actual
    actual = runs.actual.copy()
    days = np.arange(runs.horizon_days)
    for i, (origin, seen) in enumerate(zip(runs.origins, runs.level_shifts, strict=True)):
        if seen is None or abs(seen.row - shift.row) >= SAME_SHIFT_DAYS:
            actual[i, origin + days >= shift.row] = np.nan
    return actual


def held_out_dispersions(runs: BacktestRuns, name: str, level: float) -> list[Dispersion]:
    """Per origin, the dispersion calibrated on the other origins: the band's coverage at an
    origin it was not fitted on, as the forecast's band will meet the weeks ahead. Calibrated on
    every origin, each model's coverage would read the target by construction."""
    forecast = runs.forecasts[name]
    origins = np.arange(len(runs.origins))
    if origins.size < 2:
        return [calibrate_dispersion(runs.actual, forecast, level)] * origins.size
    return [
        calibrate_dispersion(runs.actual[origins != i], forecast[origins != i], level)
        for i in origins
    ]


def _selection_table(runs: BacktestRuns, level: float) -> pd.DataFrame:
    rows = []
    # No origin with a scale (a queue without two weeks of open data): MASE is NaN, unwarned.
    scale = float(np.nanmean(runs.scales)) if np.isfinite(runs.scales).any() else np.nan
    origins = list(range(len(runs.origins)))
    preferred = (
        origin_abs_errors(runs, PREFERRED_MODEL, origins)
        if PREFERRED_MODEL in runs.forecasts
        else None
    )
    for name, forecast in runs.forecasts.items():
        dispersion = held_out_dispersions(runs, name, level)
        row = {QUEUE: runs.queue, "model": name, "n_origins": len(runs.origins)}
        if preferred is not None and name != PREFERRED_MODEL:
            row[WEEKS_BETTER] = int((origin_abs_errors(runs, name, origins) < preferred).sum())
        row.update(model_row(runs.actual, forecast, dispersion, scale))
        row["fit_seconds"] = runs.fit_seconds[name]
        rows.append(row)
    return pd.DataFrame(rows)


def forecast_dataset(
    dataset_or_intervals: Dataset | pd.DataFrame,
    horizon_days: int,
    settings: ForecastSettings | None = None,
    progress: Progress | None = None,
) -> ForecastResult:
    """Forecast every slot of the `horizon_days` after the history (or `settings.origin`).

    Per queue: backtest the models on the last `n_origins` weekly origins, pick one by
    `select.pick_model` (or take `settings.model`), calibrate its P10-P90 band on those backtests,
    refit on the whole history and flag the peaks of the horizon.
    """
    settings = settings or ForecastSettings()
    horizon_days = check_horizon_days(horizon_days)
    histories, start, step, end_notes, elsewhere, start_day = _histories(
        dataset_or_intervals, settings
    )
    listed = _listed_weekdays(dataset_or_intervals, settings, start)
    names = _models_to_run(settings)
    backtest_days = int(min(max(horizon_days, 7), 28))
    frames, tables, peaks, outliers, chosen, notes = [], [], [], [], {}, list(end_notes)
    last_runs: list[pd.DataFrame] = []
    special: list[pd.DataFrame] = []
    outlook: list[pd.DataFrame] = []
    repeated: list[pd.DataFrame] = []
    forecast_queues = {history.queue for history in histories}
    for event in settings.events:
        if event.queue in (None, *forecast_queues):
            note = campaign_outside_note(
                event, start, start + pd.Timedelta(days=horizon_days), MAX_HORIZON_DAYS
            )
            notes += [note] if note else []
    for number, history in enumerate(histories):
        report = _scaled(progress, number, len(histories))
        last_slot = start + pd.Timedelta(days=horizon_days) - pd.Timedelta(minutes=step)
        n_days = history.day_index(last_slot) - history.n_days + 1
        inputs = prepare_queue(history, n_days + backtest_days, settings)
        history, inputs, note = _to_data_end(
            history,
            inputs,
            settings,
            n_days + backtest_days,
            elsewhere[history.queue],
            start_day.get(history.queue),
        )
        notes += note
        origin = history.n_days
        n_days = history.day_index(last_slot) - origin + 1
        _refuse_all_excluded(history, inputs)
        origins = choose_origins(inputs, settings.n_origins, backtest_days, settings.step_days)
        model = settings.model if settings.model != AUTO else FALLBACK_MODEL
        dispersion = Dispersion(DEFAULT_DISPERSION)
        data = origin_data(inputs, origin)
        if origins:
            runs = run_backtest(inputs, names, origins, backtest_days, report)
            if settings.model == AUTO:
                model = pick_model(runs, names, list(range(len(origins))))
            level = settings.interval_coverage
            dispersion = calibrate_dispersion(
                _known_level_actuals(runs, data.level_shift), runs.forecasts[model], level
            )
            tables.append(_selection_table(runs, level))
            shown = [model, *[name for name in (HISTORICAL_AVERAGE,) if name != model]]
            last_runs.append(_last_origin(runs, history, [n for n in shown if n in names]))
        else:
            training = data.training
            dispersion = week_spread_dispersion(
                training.values,
                training.weekdays(),
                training.open_rows(0, training.n_days),
                settings.interval_coverage,
            )
            without = (
                _forecast_without_backtest(model, dispersion != Dispersion(DEFAULT_DISPERSION))
                if history.open_mask.any()
                else " Its forecast is zero: no contact ever arrived."
            )
            notes.append(_not_backtestable(history, backtest_days) + without)
        chosen[history.queue] = model
        if data.level_shift:
            notes.append(_level_shift_note(history, data.level_shift, model))
        if data.clock_shift:
            notes.append(clock_shift_note(history, data.clock_shift))
        if data.hours_change:
            notes.append(hours_change_note(history, data.hours_change))
        for note in (
            _short_history_note(history, listed.get(history.queue, set())),
            _unseen_weekdays_note(history, data.training),
            _stale_weekdays_note(history, data.training),
            regional_holiday_note(history, n_days, settings.country, settings.subdivision),
            optional_holiday_note(
                history,
                n_days,
                settings.country,
                settings.subdivision,
                inputs.kinds[: origin + n_days] == NORMAL,
            ),
        ):
            if note:
                notes.append(note)
        mean = run_model(make_model(model), inputs, data, n_days)
        # The hour a clock going forward skips never happens: no contacts, nobody staffed.
        skipped = _skipped_slots(history, origin, n_days, start, notes)
        mean = np.where(skipped, 0.0, mean)
        if not data.level_shift:  # a shift has its own note, and the forecast follows it
            ordinary = (inputs.kinds[origin : origin + n_days] == NORMAL) & (
                inputs.uplift[origin : origin + n_days] == 1
            ).all(axis=1)
            # The days as they came, intervals cleaned as outliers put back: cleaning may trim a
            # surge's busiest intervals, and the note speaks of the contacts the manager saw.
            seen = data.training
            if data.outliers is not None:
                raw = inputs.history.values[:origin]
                kept = data.outliers & seen.observed_days()[:, None]  # not the days left out
                seen = seen.with_values(np.where(kept, raw, seen.values))
            run = find_recent_run(seen, mean, ordinary)
            if run:
                notes.append(recent_run_note(history, run))
        quantiles = quantile_forecasts(mean, dispersion)
        usual = _usual(data.training, settings.usual_weeks)[history.weekdays(origin, n_days)]
        usual = usual * data.training.open_rows(origin, n_days)  # the hours as they are now
        note = _occasional_weekdays_note(history.queue, data.training, mean, usual, origin)
        notes += [note] if note else []
        # A day the history shows closed (a holiday, a bridge at x0) or an event closes is shut:
        # nobody is staffed there, not even the minimum an open slot gets.
        is_open = (day_multipliers(inputs, data, n_days) > 0) & ~skipped
        repeated_notes, repeated_starts = _repeated_hour_notes(
            history, origin, mean, is_open, start, horizon_days
        )
        notes += repeated_notes
        repeated.append(pd.DataFrame({QUEUE: history.queue, INTERVAL_START: repeated_starts}))
        note = year_end_closure_note(
            history, is_open.any(axis=1), settings.country, settings.subdivision
        )
        notes += [note] if note else []
        day_names = _special_day_names(inputs, origin, n_days)
        notes += _idle_campaign_notes(
            inputs, data, n_days, start, horizon_days, settings, day_names
        )
        kinds = inputs.kinds[origin : origin + n_days]
        reasons = _reasons(inputs, data, n_days, mean, usual, day_names, settings)
        frame = pd.DataFrame(
            {
                INTERVAL_START: history.slot_times(origin, n_days),
                QUEUE: history.queue,
                "forecast": mean.ravel(),
                "p10": quantiles[0.1].ravel(),
                "p50": quantiles[0.5].ravel(),
                "p80": quantiles[0.8].ravel(),
                "p90": quantiles[0.9].ravel(),
                IS_OPEN: is_open.ravel(),
                USUAL: usual.ravel(),
                REASON: reasons.ravel(),
                PEAK_REASON: _peak_reasons(reasons, inputs, origin).ravel(),
                # Holidays, eves and bridges by name; a day after one has its cause in REASON.
                SPECIAL_DAY: np.repeat(
                    np.where(
                        np.isin(kinds, (HOLIDAY, YEAR_END_EVE, YEAR_END_WEEK, *BRIDGES)),
                        day_names,
                        "",
                    ),
                    history.slots_per_day,
                ),
            }
        )
        end = start + pd.Timedelta(days=horizon_days)
        frame = frame[(frame[INTERVAL_START] >= start) & (frame[INTERVAL_START] < end)]
        frames.append(frame)
        outlook.append(day_outlook(frame))
        days = _special_days(inputs, data, n_days, mean, day_names, start)
        special.append(days[(days["date"] >= start.normalize()) & (days["date"] < end)])
        candidates = frame.loc[frame[IS_OPEN]]
        candidates = candidates.drop(columns=REASON).rename(columns={PEAK_REASON: REASON})
        peaks.append(candidates[PEAK_BASIS_COLUMNS])
        raw = inputs.history
        if data.outliers is not None:
            notes += _one_off_notes(raw, data.outliers)
        outliers.append(outlier_table(raw, _kept_new_hours(raw, detect_outliers(raw), data)))
    suggestion = suggest_holiday_country(
        daily_totals(_unpack(dataset_or_intervals)[0]), settings.country
    )
    notes += [holiday_hint_note(suggestion)] if suggestion else []
    if progress:
        progress(1.0, "forecast ready")
    forecast = pd.concat(frames, ignore_index=True)
    basis = pd.concat(peaks, ignore_index=True)
    return ForecastResult(
        forecast=forecast[FORECAST_COLUMNS].reset_index(drop=True),
        chosen_models=chosen,
        backtest=pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(),
        peaks=flag_peaks(basis, step, settings),
        outliers=pd.concat(outliers, ignore_index=True),
        notes=notes,
        peak_basis=basis,
        interval_minutes=step,
        last_backtest=pd.concat(last_runs, ignore_index=True) if last_runs else pd.DataFrame(),
        special_days=pd.concat(special, ignore_index=True),
        days=pd.concat(outlook, ignore_index=True),
        holiday_suggestion=suggestion,
        repeated_slots=pd.concat(repeated, ignore_index=True),
    )


def _skipped_slots(
    history: QueueHistory, origin: int, n_days: int, start: pd.Timestamp, notes: list[str]
) -> np.ndarray:
    """Bool (n_days, slots): the forecast's slots in an hour the history shows the clock
    skipping on such days before, with a note naming the days of the horizon it applies to."""
    rules = skipped_hours(history)
    mask = skipped_slots(history, rules, origin, n_days)
    for rule in rules:
        alone = skipped_slots(history, [rule], origin, n_days)
        rows = np.flatnonzero(alone.any(axis=1))
        days = [history.first_day + pd.Timedelta(days=origin + int(row)) for row in rows]
        days = [day for day in days if day >= start.normalize()]
        if days:
            notes.append(skipped_hour_note(history.queue, rule, days))
    return mask


def _repeated_hour_notes(
    history: QueueHistory,
    origin: int,
    mean: np.ndarray,
    is_open: np.ndarray,
    start: pd.Timestamp,
    horizon_days: int,
) -> tuple[list[str], pd.DatetimeIndex]:
    """A note on each night of the horizon a clock going back repeats an hour the queue is open,
    by the rule the history shows it going forward by, and the starts of those hours: the
    forecast's grid is the wall clock's, which lists that hour once where the desk lives it
    twice."""
    notes: list[str] = []
    starts = pd.DatetimeIndex([])
    per_hour = 60 // history.interval_minutes if history.interval_minutes <= 60 else 0
    if not per_hour or 60 % history.interval_minutes:
        return notes, starts
    first = int((start.normalize() - history.first_day) / pd.Timedelta(days=1))
    last = int((start + pd.Timedelta(days=horizon_days) - history.first_day) / pd.Timedelta(days=1))
    for rule in repeated_hours(skipped_hours(history)):
        for row in repeated_hour_rows(history, rule, origin, mean.shape[0]):
            hour = slice(rule.hour * per_hour, (rule.hour + 1) * per_hour)
            slots = history.slot_times(row, 1)[hour]
            # A forecast from a mid-day origin starts after that night's hour: not listed.
            if not first <= row < last or slots[0] < start or not is_open[row - origin, hour].all():
                continue
            contacts = float(mean[row - origin, hour].sum())
            notes.append(repeated_hour_note(history, rule, row, contacts, origin))
            starts = starts.append(slots)
    return notes, starts


def backtest_dataset(
    dataset_or_intervals: Dataset | pd.DataFrame,
    settings: ForecastSettings | None = None,
    progress: Progress | None = None,
) -> BacktestResult:
    """Rolling-origin accuracy of every model and of auto-selection, per queue.

    Scores the last `n_origins` weekly origins over `horizon_days`; at each one, auto's pick and
    every model's interval calibration use only the `selection_origins` earlier origins whose
    actuals were known by then, so the figures are what the manager would have experienced.
    """
    settings = settings or ForecastSettings()
    check_horizon_days(settings.horizon_days)
    histories, _, _, end_notes, elsewhere, start_day = _histories(dataset_or_intervals, settings)
    candidates = _models_to_run(settings) if settings.model == AUTO else [settings.model]
    names = list(dict.fromkeys([*_models_to_run(settings), *settings.extra_models]))
    for name in settings.extra_models:
        make_model(name)
    horizon = settings.horizon_days
    tables, all_runs, notes = [], {}, list(end_notes)
    too_short: dict[str, str] = {}  # queue -> what it has, when too short to backtest
    short_notes: set[str] = set()  # their own notes, listed together when no queue is scored
    for number, history in enumerate(histories):
        inputs = prepare_queue(history, horizon, settings)
        history, inputs, note = _to_data_end(
            history,
            inputs,
            settings,
            horizon,
            elsewhere[history.queue],
            start_day.get(history.queue),
        )
        notes += note
        origins = _origins(inputs, horizon, settings)
        if not origins:
            longest = _longest_scored_horizon(inputs, horizon, settings)
            advice = (
                _longer_history(horizon, longest or 0, _missing_weeks(history, horizon))
                if history.open_mask.any()
                else " There is nothing to backtest: no contact ever arrived."
            )
            notes.append(_not_backtestable(history, horizon) + advice)
            if history.open_mask.any():
                too_short[history.queue] = _history_has(history) + _at_most(longest)
                short_notes.add(notes[-1])
            continue
        runs = run_backtest(
            inputs, names, origins, horizon, _scaled(progress, number, len(histories))
        )
        evaluation = evaluate(
            runs,
            candidates,
            settings.n_origins,
            settings.selection_origins,
            settings.interval_coverage,
        )
        if not evaluation.indices:  # no origin had an earlier one whose actuals were known
            longest = _longest_scored_horizon(inputs, horizon, settings)
            notes.append(_not_scored(history, horizon, settings.step_days, longest))
            continue
        tables.append(accuracy_table(runs, evaluation))
        all_runs[history.queue] = runs
    if not tables:
        raise InputError(_nothing_backtested(notes, too_short, short_notes, horizon))
    if progress:
        progress(1.0, "backtest ready")
    return BacktestResult(pd.concat(tables, ignore_index=True), all_runs, notes)


def _origins(inputs: QueueInputs, horizon_days: int, settings: ForecastSettings) -> list[int]:
    """The origins a backtest of `horizon_days` runs: the scored ones and, before them, those
    auto's pick and the bands are made from."""
    warmup = settings.selection_origins + math.ceil(horizon_days / settings.step_days) - 1
    return choose_origins(inputs, settings.n_origins + warmup, horizon_days, settings.step_days)


def _longest_scored_horizon(
    inputs: QueueInputs, horizon_days: int, settings: ForecastSettings
) -> int | None:
    """The longest backtest shorter than `horizon_days` that scores an origin on this history:
    one with an earlier origin whose days had passed (as `evaluate` needs). The 28-days-plus-
    horizon rule alone offered 11 days to a 39-day history, which scores only 4."""
    for days in range(horizon_days - 1, 0, -1):
        origins = _origins(inputs, days, settings)
        if any(earlier + days <= origin for origin in origins for earlier in origins):
            return days
    return None


def _at_most(longest: int | None) -> str:
    return f" (a backtest of {_days(longest)} at most fits)" if longest else ""


def _nothing_backtested(
    notes: list[str], too_short: dict[str, str], short_notes: set[str], horizon_days: int
) -> str:
    """Why a backtest scored no queue, one line per queue: queues too short for it share one
    statement of what a backtest needs, so forty short queues read as a list, not a paragraph."""
    if len(too_short) < 2:
        return " ".join(notes)
    others = [note for note in notes if note not in short_notes]
    listed = [f"- '{queue}': {has}." for queue, has in too_short.items()]
    if len(listed) > MAX_QUEUES_LISTED:
        listed = [*listed[:MAX_QUEUES_LISTED], f"- … and {len(listed) - MAX_QUEUES_LISTED} more."]
    head = (
        f"None of the {len(too_short):,} queues below could be backtested: each "
        f"{_backtest_needs(horizon_days)}.{_longer_history(horizon_days)}"
    )
    return "\n".join([*others, head, *listed])


def _backtest_needs(horizon_days: int, open_weekdays: int = 0) -> str:
    """What a backtest origin needs, in the days with data that decide it (`choose_origins`):
    'needs 42 days of history' read beside 'it has 4,723 days', the need met, the refusal not
    explained. `open_weekdays`: the queue's, 0 for several queues at once."""
    return (
        f"needs {_training_days(open_weekdays)} and, after those, a {horizon_days}-day stretch "
        f"with at least {MIN_OBSERVED_SHARE:.0%} of its open intervals observed to score"
    )


def _training_days(open_weekdays: int) -> str:
    """'20 days with data to train on (4 of each of its 5 open weekdays)': what the first
    backtest origin needs before it (`choose_origins`); 0 `open_weekdays` for several queues."""
    per_weekday = MIN_HISTORY_DAYS // 7
    if open_weekdays == 7:
        return f"{MIN_HISTORY_DAYS} days with data to train on ({per_weekday} of each weekday)"
    if open_weekdays:
        return (
            f"{per_weekday * open_weekdays} days with data to train on ({per_weekday} of each of "
            f"its {open_weekdays} open weekdays)"
        )
    return (
        f"{per_weekday} of each open weekday with data to train on ({MIN_HISTORY_DAYS} days "
        "with data for a queue open every day)"
    )


def _history_has(history: QueueHistory) -> str:
    """What a queue too short to backtest has, to set beside what a backtest needs: its days
    with data first, the unit the need is in, then the calendar days they lie over."""
    observed = int(history.observed_days().sum())
    if not history.open_mask.any() and (~np.isnan(history.values)).any():
        if history.n_days == 1:
            return "its 1 day holds no contacts at all"
        return f"its {history.n_days:,} days hold no contacts at all"
    if history.n_days == 1:
        return f"it has 1 day, {'with' if observed else 'without'} data"
    # The span, so the count reads beside the Data page's, which also counts closed days after
    # the last open one (the forecast starts after those).
    first, last = history.first_day, history.first_day + pd.Timedelta(days=history.n_days - 1)
    span = (
        f"{day_text(first, year=first.year != last.year, weekday=False)}"
        f" – {day_text(last, year=True, weekday=False)}"
    )
    if observed == history.n_days:
        return f"it has {history.n_days:,} days, all with data ({span})"
    with_data = "1 day with data" if observed == 1 else f"{observed:,} days with data"
    return f"it has {with_data} over {history.n_days:,} calendar days ({span})" + (
        f": none {stretch}" if (stretch := _missing_stretch(history)) else ""
    )


def _missing_stretch(history: QueueHistory) -> str:
    """'from Mon 10 Jan 2011 to Fri 1 Dec 2023 (673 weeks)', the longest run of open days
    without data between two with, when a week or longer: a history long enough whose weeks
    are missing needs them imported, not a longer one."""
    observed = np.flatnonzero(history.observed_days())
    if observed.size < 2:
        return ""
    longest = int(np.argmax(np.diff(observed)))
    open_days = np.flatnonzero(history.open_rows(0, history.n_days).any(axis=1))
    inside = open_days[(open_days > observed[longest]) & (open_days < observed[longest + 1])]
    if not inside.size or inside[-1] - inside[0] + 1 < MISSING_STRETCH_DAYS:
        return ""
    first, last = (history.first_day + pd.Timedelta(days=int(row)) for row in inside[[0, -1]])
    weeks = round((inside[-1] - inside[0] + 1) / 7)
    return (
        f"from {day_text(first, year=True)} to {day_text(last, year=True)} "
        f"({weeks:,} {'week' if weeks == 1 else 'weeks'})"
    )


def _missing_weeks(history: QueueHistory, horizon_days: int) -> bool:
    """The history spans what a backtest needs, but too few of its days have data."""
    return history.n_days >= horizon_days + MIN_HISTORY_DAYS and bool(_missing_stretch(history))


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count:,} days"


def _not_backtestable_text(queue: str, has: str, horizon_days: int, open_weekdays: int = 0) -> str:
    needs = _backtest_needs(horizon_days, open_weekdays)
    return f"Queue '{queue}' was not backtested: it {needs}; {has}."


def _not_backtestable(history: QueueHistory, horizon_days: int) -> str:
    open_weekdays = int(history.open_mask.any(axis=1).sum())
    return _not_backtestable_text(history.queue, _history_has(history), horizon_days, open_weekdays)


def _forecast_without_backtest(model: str, spread: bool = False) -> str:
    """What a queue too short to backtest is forecast with; `spread`: its band was sized on the
    history's week-to-week spread (`week_spread_dispersion`), else it has the default width."""
    band = (
        "is sized on how its weeks differed from one another" if spread else "has a default width"
    )
    return (
        f" It is forecast with the model '{model_label(model)}' (--model {model}), and its P10–P90 "
        f"band {band} instead of being calibrated on backtests."
    )


def _longer_history(horizon_days: int, longest: int | None = None, gap: bool = False) -> str:
    """The advice to a history too short: a shorter horizon only when one would score (given
    `longest`), else when the horizon is over a week (several queues, said once for all);
    `gap`: the history is long enough, but its weeks are missing."""
    more = "Import the missing weeks" if gap else "Import a longer history"
    if longest:
        return f" {more}, or backtest a shorter horizon: {_days(longest)} at most."
    shorter = ", or backtest a shorter horizon" if horizon_days > 7 and longest is None else ""
    return f" {more}{shorter}."


def _not_scored(
    history: QueueHistory, horizon_days: int, step_days: int, longest: int | None
) -> str:
    """A history long enough for backtest origins, but not for one scored after an earlier one
    whose actuals were known (auto's choice and the bands are made from those)."""
    # Origins lie whole steps apart (choose_origins), so the earlier one is at least a step
    # back: a 1-day backtest on weekly origins needs 28 + 7 + 1 days, not 28 + 2.
    after = step_days * math.ceil(horizon_days / step_days) + horizon_days
    needed = MIN_HISTORY_DAYS + after
    open_weekdays = int(history.open_mask.any(axis=1).sum())
    # In days with data, as the refusal of a history too short for any origin: 'some 42 days
    # of history or more; it has 38' read in calendar days beside it.
    return (
        f"Queue '{history.queue}' was not backtested: a scored {horizon_days}-day backtest "
        f"needs an earlier one whose {_days(horizon_days)} had passed (to choose the model and "
        f"size the P10–P90 band as a forecast would): {_training_days(open_weekdays)} before "
        f"the earlier one, then {_days(after)} for the two backtests: {needed:,} calendar days "
        f"of history at the least; {_history_has(history)}."
        + _longer_history(horizon_days, longest or 0, _missing_weeks(history, horizon_days))
    )


def _scaled(progress: Progress | None, number: int, total: int) -> Progress | None:
    """Map one queue's 0..1 progress into its share of the whole run."""
    if progress is None:
        return None
    return lambda fraction, message: progress((number + fraction) / total * 0.95, message)
