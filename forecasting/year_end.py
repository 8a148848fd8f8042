"""A desk's break between Christmas and New Year, seen last year, that the forecast keeps open."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.dates import day_text
from forecasting.calendar import CHRISTMAS, holiday_rows, unrecorded_closed_days
from forecasting.history import QueueHistory
from forecasting.regions import closed_days

# The days between Christmas Day and New Year's Day (month * 100 + day).
BETWEEN_THE_HOLIDAYS = (1226, 1227, 1228, 1229, 1230, 1231)
# Working days closed in a row that make a break rather than a single day off.
MIN_BREAK_DAYS = 2


def year_end_closure_note(
    history: QueueHistory,
    forecast_open: np.ndarray,
    country: str | None,
    subdivision: str | None = None,
) -> str | None:
    """A note when the queue closed on every working day between Christmas and New Year the
    last time its history covered them, yet some of those days in the `forecast_open` horizon
    (bool per day, right after the history) are forecast open. None when there is nothing to say.

    The days after a holiday and the eves take the effect of all such days of the year, so one
    year's break does not close 26 or 31 December; the manager is told which days and how to
    mark them, and the forecast is left alone: a break may not come back."""
    if not country or not forecast_open.any():
        return None
    n_past, n_ahead = history.n_days, forecast_open.size
    dates = history.first_day + pd.to_timedelta(np.arange(n_past + n_ahead), unit="D")
    is_holiday = holiday_rows(history.first_day, n_past + n_ahead, country, subdivision)
    christmas = set(dates[is_holiday & (dates.month * 100 + dates.day == CHRISTMAS)].year)
    between = np.isin(dates.month * 100 + dates.day, BETWEEN_THE_HOLIDAYS)
    between &= np.isin(dates.year, list(christmas))
    open_day = np.concatenate(
        [history.open_rows(0, n_past).any(axis=1), history.open_rows(n_past, n_ahead).any(axis=1)]
    )
    working = between & open_day & ~is_holiday
    past_years = sorted({date.year for date in dates[:n_past][working[:n_past]]})
    if not past_years:
        return None
    year = past_years[-1]
    rows = np.flatnonzero(working & (dates.year == year))
    if rows[-1] >= n_past or rows.size < MIN_BREAK_DAYS:
        return None  # the history ends inside that week, or it holds one working day alone
    # A per-contact export lists no row for the days of a break: between observed days, days
    # of it with no data are closed too.
    shut = closed_days(history) | unrecorded_closed_days(
        history, (between | is_holiday)[:n_past], history.observed_days(), whole_runs=True
    )
    if not shut[rows].all():
        return None
    ahead = np.flatnonzero(working[n_past:] & forecast_open & (dates[n_past:].year > year))
    if ahead.size == 0:
        return None
    days = [dates[n_past + row] for row in ahead]
    named = ", ".join(day_text(day) for day in days[:-1])
    named = f"{named} and {day_text(days[-1], year=True)}" if named else day_text(days[-1], True)
    verb = "are" if len(days) > 1 else "is"
    return (
        f"{history.queue}: closed on every working day between Christmas and New Year in {year} "
        f"({day_text(dates[rows[0]])} to {day_text(dates[rows[-1]], year=True)}), yet {named} "
        f"{verb} forecast open: each takes the effect learned from all past days of its kind (days "
        "after a holiday, eves), not from that break alone. If the desk closes again, add a "
        "planned campaign of -100% on those days (Forecast page, Events), or set their contacts "
        "to 0 in the forecast file before staffing it."
    )
