"""Sum parsed rows onto a regular per-queue grid of intervals, in one vectorised pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from data import schema
from data.labels import header_words
from data.open_hours import learn_open_slots

SECONDS_PER_DAY = 86_400
DEFAULT_INTERVAL_MINUTES = 15  # records, and interval files whose step cannot be seen
EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)


@dataclass
class GridLayout:
    """Where each queue's days sit in one flat array: queue q covers days first_day[q] ..
    first_day[q] + n_days[q] - 1, every slot of every day, starting at offset[q]."""

    interval_minutes: int
    first_day: np.ndarray
    n_days: np.ndarray
    offset: np.ndarray

    @property
    def slots_per_day(self) -> int:
        return 1440 // self.interval_minutes

    @property
    def size(self) -> int:
        return int(self.offset[-1] + self.n_days[-1] * self.slots_per_day)

    def days_of(self, code: int) -> slice:
        """The slots of queue `code`: reshape them to (days, slots per day)."""
        start = int(self.offset[code])
        return slice(start, start + int(self.n_days[code]) * self.slots_per_day)

    def weekdays_of(self, code: int) -> np.ndarray:
        """Weekday (0 = Monday) of each day of queue `code`."""
        return (self.first_day[code] + np.arange(int(self.n_days[code])) + EPOCH_WEEKDAY) % 7

    def index_of(self, seconds: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """Flat grid position of each row (wall-clock seconds, queue code)."""
        step = self.interval_minutes * 60
        return self.offset[codes] + (seconds - self.first_day[codes] * SECONDS_PER_DAY) // step


def plan_grid(
    seconds: np.ndarray, codes: np.ndarray, n_queues: int, interval_minutes: int
) -> GridLayout:
    """One grid per queue from the first to the last day that queue has rows."""
    day = seconds // SECONDS_PER_DAY
    first = np.full(n_queues, np.iinfo(np.int64).max)
    last = np.full(n_queues, np.iinfo(np.int64).min)
    np.minimum.at(first, codes, day)
    np.maximum.at(last, codes, day)
    return days_grid(first, last, interval_minutes)


def days_grid(first: np.ndarray, last: np.ndarray, interval_minutes: int) -> GridLayout:
    """One grid per queue from its `first` to its `last` day (days since 1970)."""
    n_days = last - first + 1
    offset = np.concatenate([[0], np.cumsum(n_days * (1440 // interval_minutes))[:-1]])
    return GridLayout(interval_minutes, first, n_days, offset.astype(np.int64))


def sum_at(index: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Per-slot sums (or counts without weights); NaN weights count as nothing."""
    if weights is None:
        return np.bincount(index, minlength=size).astype(float)
    known = ~np.isnan(weights)
    if known.all():
        return np.bincount(index, weights=weights, minlength=size)
    return np.bincount(index[known], weights=weights[known], minlength=size)


def mean_at(index: np.ndarray, size: int, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per-slot mean of `values` over rows in `mask` with a known value; NaN where none."""
    chosen = mask & ~np.isnan(values)
    total = np.bincount(index[chosen], weights=values[chosen], minlength=size)
    count = np.bincount(index[chosen], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def weighted_mean_at(
    index: np.ndarray, size: int, values: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Per-slot mean of `values` weighted by `weights` over rows where both are known; NaN
    where the known weights sum to 0."""
    weighted = values * weights
    known = sum_at(index, size, np.where(np.isnan(weighted), np.nan, weights))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(known > 0, sum_at(index, size, weighted) / known, np.nan)


def handled_weights(answered: np.ndarray | None, volume: np.ndarray) -> np.ndarray:
    """Weights for a mean handle time: the answered count where it is known (handle times
    are means over the contacts an agent handled, not over the offered ones), else the volume."""
    if answered is None:
        return volume
    return np.where(np.isnan(answered), volume, answered)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Row-wise mean of `values` weighted by `weights` over the entries where both are known;
    NaN where the known weights sum to 0."""
    known = ~np.isnan(values * weights)
    total = np.where(known, weights, 0.0).sum(axis=1)
    weighted = np.where(known, values * weights, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / total, np.nan)


@dataclass
class IntervalGrid:
    """Flat per-slot arrays of one grid layout, plus the learned open hours of each queue."""

    layout: GridLayout
    queue_names: list[str]
    volume: np.ndarray  # NaN where missing
    is_open: np.ndarray
    is_missing: np.ndarray
    open_slots: np.ndarray  # (queues, 7, slots per day) bool
    aht: np.ndarray | None = None
    # Interval reports with outcome counts: summed counts, and waits weighted by them.
    answered: np.ndarray | None = None
    abandoned: np.ndarray | None = None
    wait: np.ndarray | None = None  # mean wait of the answered
    abandon_wait: np.ndarray | None = None  # mean wait of the abandoned

    def open_hours_frame(self) -> pd.DataFrame:
        """The Dataset.open_hours table: queue x weekday x slot start."""
        queues, days, slots = self.open_slots.shape
        minutes = np.arange(slots) * self.layout.interval_minutes
        return pd.DataFrame(
            {
                schema.QUEUE: _repeat_names(self.queue_names, np.full(queues, days * slots)),
                schema.WEEKDAY: np.tile(np.repeat(np.arange(days), slots), queues),
                schema.MINUTE_OF_DAY: np.tile(minutes, queues * days),
                schema.IS_OPEN: self.open_slots.ravel(),
            }
        )

    def open_hours_notes(self) -> list[str]:
        """One line per queue: how many weekly slots are open, and contacts in closed ones."""
        layout = self.layout
        weekly = 7 * layout.slots_per_day
        queue_of_slot = np.repeat(
            np.arange(len(self.queue_names)), layout.n_days * layout.slots_per_day
        )

        def in_closed_slots(values: np.ndarray | None) -> np.ndarray:
            """Per queue, the sum of `values` over its closed slots (0 when unknown)."""
            if values is None:
                return np.zeros(len(self.queue_names))
            return np.bincount(
                queue_of_slot,
                weights=np.where(self.is_open, 0.0, np.nan_to_num(values)),
                minlength=len(self.queue_names),
            )

        closed_contacts = in_closed_slots(self.volume)
        closed_abandoned = in_closed_slots(self.abandoned)
        # Unanswered is all but the answered (abandoned, left for voicemail, ...) where a
        # queue's answered contacts are known; else its abandoned ones.
        closed_answered = in_closed_slots(self.answered)
        known = np.zeros(len(self.queue_names), dtype=bool)
        if self.answered is not None:
            counted = np.isfinite(self.answered)
            known = np.bincount(queue_of_slot, weights=counted, minlength=len(known)) > 0
        notes = []
        for code, queue in enumerate(self.queue_names):
            stray = closed_contacts[code]
            unanswered = (
                max(stray - closed_answered[code], 0.0)
                if known[code]
                else min(stray, closed_abandoned[code])
            )
            kept = "kept"
            if unanswered:  # unanswered after-hours calls: the reason their slots are closed
                share = "none" if unanswered == stray else f"{stray - unanswered:,.0f}"
                kept += f"; {share} of them answered"
            open_slots = int(self.open_slots[code].sum())
            notes.append(
                f"Open hours of '{queue}': {open_slots:,} of {weekly:,} weekly "
                f"{layout.interval_minutes}-minute slots are open"
                + (f"; {stray:,.0f} contact(s) arrived in closed slots ({kept})." if stray else ".")
                + self._guessed_hours(code, open_slots)
            )
        return notes

    def _guessed_hours(self, code: int, open_slots: int) -> str:
        """A warning where most of a queue's open weekly slots never saw a contact: its hours
        were filled in between the contacts, not seen, and quiet open hours cannot be told from
        closed ones."""
        layout = self.layout
        days = layout.days_of(code)
        volume = np.nan_to_num(self.volume[days]).reshape(-1, layout.slots_per_day)
        weekdays = layout.weekdays_of(code)
        hit = np.zeros((7, layout.slots_per_day))
        np.add.at(hit, weekdays, volume > 0)
        unseen = int((self.open_slots[code] & (hit == 0)).sum())
        if not open_slots or unseen <= GUESSED_HOURS_SHARE * open_slots:
            return ""
        contacts = float(volume.sum())
        return (
            f" They are a guess: {unseen:,} of those {open_slots:,} slots never had a contact "
            f"({contacts:,.0f} contacts over {int(layout.n_days[code]):,} days), so the hours "
            "follow each weekday's first and last contacts; check them, or import a longer "
            "history."
        )


# Open hours where more than this share of the open weekly slots never saw a contact are filled
# in between a few contacts rather than seen: the note says they are a guess.
GUESSED_HOURS_SHARE = 0.5


def learn_grid_open_hours(
    layout: GridLayout, volume: np.ndarray, observed: np.ndarray, answered: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Learn open hours per queue from the observed slots; return (is_open per slot,
    open slots per queue x weekday x slot). With `answered` counts (NaN = unknown), a slot
    must also have contacts answered in it to be open."""
    slots = layout.slots_per_day
    is_open = np.zeros(layout.size, dtype=bool)
    tables = np.zeros((len(layout.n_days), 7, slots), dtype=bool)
    for code in range(len(layout.n_days)):  # one numpy pass per queue, not per interval
        days = layout.days_of(code)
        history = np.where(observed[days], volume[days], np.nan).reshape(-1, slots)
        weekdays = layout.weekdays_of(code)
        tables[code] = learn_open_slots(history, weekdays, layout.interval_minutes)
        if answered is not None:
            served = np.where(observed[days], answered[days], np.nan).reshape(-1, slots)
            tables[code] &= _answered_hours(history, served, weekdays, layout.interval_minutes)
        is_open[days] = tables[code][weekdays].ravel()
    return is_open, tables


# Exports that log every call keep the ones that met a closed center without saying so (an
# unanswered call at 03:00, when the bank's agents work 07:00-24:00): slots whose contacts are
# never answered are closed, learned by the same rules from the answered counts. Only a queue
# that answers at least this share of its contacts tells its hours by them: below it, the
# outcomes say something else (a voicemail line, an outbound list, a mislabelled column).
MIN_ANSWERED_SHARE_FOR_HOURS = 0.3


def _answered_hours(
    history: np.ndarray, served: np.ndarray, weekdays: np.ndarray, interval_minutes: int
) -> np.ndarray:
    """Open hours (7 x slots) as the answered contacts tell them; all open when they cannot."""
    known = ~np.isnan(served) & ~np.isnan(history)
    if not known.any() or (
        served[known].sum() < MIN_ANSWERED_SHARE_FOR_HOURS * history[known].sum()
    ):
        return np.ones((7, history.shape[1]), dtype=bool)
    # A slot whose answered count is unknown (a file without outcomes) counts its contacts.
    return learn_open_slots(np.where(np.isnan(served), history, served), weekdays, interval_minutes)


def coarsen(grid: IntervalGrid, ratio: int) -> IntervalGrid:
    """Sum `ratio` consecutive slots into one. A coarse slot with any missing part is missing
    (its total is unknown, and a partial sum would be a silent undercount); it is open when
    any part is open; its handle time is the mean of its parts weighted by the contacts handled
    (answered, or the volume where unknown), its waits the answered- and abandoned-weighted
    means."""
    if ratio == 1:
        return grid
    layout = grid.layout
    coarse = GridLayout(layout.interval_minutes * ratio, layout.first_day, layout.n_days,
                        layout.offset // ratio)  # fmt: skip
    missing = grid.is_missing.reshape(-1, ratio).any(axis=1)
    total = np.nansum(grid.volume.reshape(-1, ratio), axis=1)

    def summed(counts: np.ndarray | None) -> np.ndarray | None:
        if counts is None:
            return None
        parts = counts.reshape(-1, ratio)
        unknown = missing | np.isnan(parts).all(axis=1)
        return np.where(unknown, np.nan, np.nansum(parts, axis=1))

    def mean(values: np.ndarray | None, weights: np.ndarray | None) -> np.ndarray | None:
        if values is None or weights is None:
            return None
        return weighted_mean(values.reshape(-1, ratio), weights.reshape(-1, ratio))

    queues, days, slots = grid.open_slots.shape
    return IntervalGrid(
        layout=coarse,
        queue_names=grid.queue_names,
        volume=np.where(missing, np.nan, total),
        is_open=grid.is_open.reshape(-1, ratio).any(axis=1),
        is_missing=missing,
        open_slots=grid.open_slots.reshape(queues, days, slots // ratio, ratio).any(axis=3),
        aht=mean(grid.aht, handled_weights(grid.answered, grid.volume)),
        answered=summed(grid.answered),
        abandoned=summed(grid.abandoned),
        wait=mean(grid.wait, grid.answered),
        abandon_wait=mean(grid.abandon_wait, grid.abandoned),
    )


def grid_frame(
    layout: GridLayout,
    queue_names: list[str],
    volume: np.ndarray,
    is_open: np.ndarray,
    is_missing: np.ndarray,
    *,
    aht: np.ndarray | None = None,
    answered: np.ndarray | None = None,
    abandoned: np.ndarray | None = None,
    wait: np.ndarray | None = None,
    abandon_wait: np.ndarray | None = None,
    satisfaction: np.ndarray | None = None,
) -> pd.DataFrame:
    """The long interval table (schema.INTERVAL_COLUMNS) from flat per-slot arrays; a measure
    that is not known (None) is NaN throughout."""
    slots = layout.slots_per_day
    step = np.timedelta64(layout.interval_minutes, "m")
    starts = [
        np.datetime64(int(first), "D") + np.arange(int(days) * slots) * step
        for first, days in zip(layout.first_day, layout.n_days, strict=True)
    ]
    unknown = np.full(layout.size, np.nan)
    frame = pd.DataFrame(
        {
            schema.INTERVAL_START: np.concatenate(starts).astype("datetime64[ns]"),
            schema.QUEUE: _repeat_names(queue_names, layout.n_days * slots),
            schema.VOLUME: volume,
            schema.ANSWERED: unknown if answered is None else answered,
            schema.ABANDONED: unknown if abandoned is None else abandoned,
            schema.AHT_SECONDS: unknown if aht is None else aht,
            schema.WAIT_SECONDS: unknown if wait is None else wait,
            schema.ABANDON_WAIT_SECONDS: unknown if abandon_wait is None else abandon_wait,
            schema.IS_OPEN: is_open,
            schema.IS_MISSING: is_missing,
            schema.SATISFACTION: unknown if satisfaction is None else satisfaction,
        }
    )
    return frame


def _repeat_names(names: list[str], counts: np.ndarray) -> pd.Series:
    """Each name `count` times as a pandas str column, without a Python object per row."""
    codes = pa.array(np.repeat(np.arange(len(names)), counts))
    return (
        pa.DictionaryArray.from_arrays(codes, pa.array(names, pa.string()))
        .cast(pa.string())
        .to_pandas()
    )


# A mean per contact does not grow with the number of contacts; a total grows in proportion
# (log-log slope 1). Half way between, and only where the counts vary enough to tell.
TOTAL_SLOPE = 0.5
MIN_LOG_COUNT_SPREAD = 0.2
# Below that spread, the slope is still read when its standard error is this small (the slope
# of a mean, 0, then lies 2.5 errors below TOTAL_SLOPE), and the counts vary at all.
MAX_SLOPE_ERROR = 0.2
MIN_LOG_COUNT_SPREAD_TO_FIT = 0.02
MIN_ROWS_TO_TELL = 20


def grows_with_count(values: np.ndarray, counts: np.ndarray) -> bool:
    """`values` grow in proportion to `counts` (a total over the contacts, not a mean per
    contact), told only from enough rows whose counts vary enough."""
    return count_slope_says_total(values, counts) is True


def count_slope_says_total(values: np.ndarray, counts: np.ndarray) -> bool | None:
    """Whether `values` grow in proportion to `counts`; None when too few rows, or counts too
    steady, to tell."""
    usable = np.isfinite(values) & np.isfinite(counts) & (values > 0) & (counts > 0)
    if usable.sum() < MIN_ROWS_TO_TELL:
        return None
    log_count, log_value = np.log(counts[usable]), np.log(values[usable])
    spread = float(log_count.var())
    if spread < MIN_LOG_COUNT_SPREAD_TO_FIT**2:
        return None
    slope = float(np.cov(log_count, log_value, bias=True)[0, 1]) / spread
    if spread < MIN_LOG_COUNT_SPREAD**2:
        # Steady counts (12 to 14 calls every half hour) still tell when the fit is tight: a
        # talk total of 185 s a call follows them closely, a mean per call does not.
        residual = log_value - log_value.mean() - slope * (log_count - log_count.mean())
        slope_error = float(np.sqrt(residual.var() / (spread * usable.sum())))
        if slope_error > MAX_SLOPE_ERROR:
            return None
    return slope >= TOTAL_SLOPE


TOTAL_HEADER_WORDS = {
    "total", "totale", "sum", "somma", "t",  # "t": Genesys' tHandle, tAnswered
    "suma", "laczny", "laczna", "laczne",  # Polish "Łączny czas rozmowy"
}  # fmt: skip
MEAN_HEADER_WORDS = {
    "avg", "average", "mean", "media", "medio", "aht", "asa", "tma", "tmc", "tme", "tmo", "dmt", "dmc",
    "gem", "gemiddelde", "moyenne", "durchschnitt", "sredni", "srednia", "srednie",
}  # fmt: skip


# Where neither the header nor the counts tell a total from a mean, the size does: a mean
# handle time over an hour is no contact centre's (calls, chats and e-mails are handled in
# minutes), while the same values divided by the count giving 1 to 30 minutes are usual ones.
MEAN_TOO_LONG_SECONDS = 3600.0
TOTAL_PER_CONTACT_SECONDS = (60.0, 1800.0)


def _sizes_as_mean_and_total(
    values: np.ndarray, counts: np.ndarray, least_count: int
) -> tuple[float, float] | None:
    """(median value, median value per contact) over the intervals with a time and at least
    `least_count` contacts; None where there are none."""
    counted = np.isfinite(values) & np.isfinite(counts) & (values > 0) & (counts >= least_count)
    if not counted.any():
        return None
    return float(np.median(values[counted])), float(np.median(values[counted] / counts[counted]))


def is_interval_total(column: str, values: np.ndarray, counts: np.ndarray) -> bool:
    """Whether an interval report's time column holds each interval's total over its contacts
    (its header says so, it grows with the count, or only a total is a plausible size), not a
    mean per contact."""
    return interval_total_reason(column, values, counts) is not None


def interval_total_reason(column: str, values: np.ndarray, counts: np.ndarray) -> str | None:
    """Why an interval report's time column is read as each interval's total ("it grows with
    the number of contacts"), or None when it is read as a mean per contact."""
    words = header_words(column)
    if words & MEAN_HEADER_WORDS:
        return None
    if words & TOTAL_HEADER_WORDS:
        return "its header says so"
    told = count_slope_says_total(values, counts)
    if told is not None:
        return "it grows with the number of contacts" if told else None
    sizes = _sizes_as_mean_and_total(values, counts, least_count=1)
    if sizes is None:
        return None
    as_mean, per_contact = sizes
    low, high = TOTAL_PER_CONTACT_SECONDS
    if as_mean > MEAN_TOO_LONG_SECONDS and low <= per_contact <= high:
        return (
            f"too few rows to tell by the counts, but as a mean it would be {as_mean:,.0f} s, "
            "over an hour per contact, which no contact centre takes"
        )
    return None


def undecided_mean(
    column: str, values: np.ndarray, counts: np.ndarray
) -> tuple[float, float] | None:
    """(median as a mean, median per contact as a total) where an interval report's time column
    was read as a mean without its header or counts telling, though a total would be plausible
    too; None where the reading was told, or only a mean is plausible."""
    if header_words(column) & (MEAN_HEADER_WORDS | TOTAL_HEADER_WORDS):
        return None
    if count_slope_says_total(values, counts) is not None:
        return None
    sizes = _sizes_as_mean_and_total(values, counts, least_count=2)
    if sizes is None:
        return None
    as_mean, per_contact = sizes
    low, high = TOTAL_PER_CONTACT_SECONDS
    if as_mean <= MEAN_TOO_LONG_SECONDS and low <= per_contact <= high:
        return as_mean, per_contact
    return None
