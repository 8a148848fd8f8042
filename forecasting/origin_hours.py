"""The open hours a forecast from an earlier origin reads: those of the history before it.

The import learns a queue's hours over the whole export. Forecast from an origin inside it, the
weeks after the origin must not open slots the desk kept closed until then: AXA's Tech. Axa had
5 contacts between 00:00 and 07:00 in the 95 weeks before Mon 22 Oct 2012, and thousands a month
from February 2013, so its export's hours are open around the clock."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.dates import day_text
from data.open_hours import STRAY_SHARE, learn_open_slots
from forecasting.history import QueueHistory
from forecasting.hours_change import EARLIER_WEEKS, RECENT_WEEKS, slot_spans

# Hours opened lately show in the last weeks alone (over two years, a night opened six weeks ago
# is hit on too few of its days): the weeks the forecast reads hours changes from.
RECENT_HOURS_WEEKS = RECENT_WEEKS + EARLIER_WEEKS


def hours_before_origin(history: QueueHistory) -> np.ndarray:
    """The open mask (7, slots) of `history`, cut at the origin, less the slots its days show
    closed by the import's rules. A run of such slots stays open when it had contacts, in the
    last `RECENT_HOURS_WEEKS`, on more days than those rules leave to strays (a night opened
    lately), or when most other open weekdays keep its slots open (a quiet Tuesday night of a
    desk open around the clock, as the import keeps such nights)."""
    weekdays = history.weekdays()
    learned = learn_open_slots(history.values, weekdays, history.interval_minutes)
    recent = slice(max(0, history.n_days - 7 * RECENT_HOURS_WEEKS), history.n_days)
    runs = []  # (weekday, slots) of the closed runs kept closed by their recent days
    for weekday in np.flatnonzero((history.open_mask & ~learned).any(axis=1)):
        days = history.values[recent][weekdays[recent] == weekday]
        strays = max(1.0, STRAY_SHARE * int((~np.isnan(days)).any(axis=1).sum()))
        slots = np.flatnonzero(history.open_mask[weekday] & ~learned[weekday])
        for run in np.split(slots, np.flatnonzero(np.diff(slots) > 1) + 1):
            if (np.nan_to_num(days[:, run]) > 0).any(axis=1).sum() <= strays:
                runs.append((weekday, run))
    closed = np.zeros_like(history.open_mask)
    for weekday, run in runs:
        closed[weekday, run] = True
    kept = history.open_mask & ~closed
    open_weekdays = kept.any(axis=1)
    for weekday, run in runs:
        others = open_weekdays & (np.arange(7) != weekday)
        if kept[others][:, run].all(axis=1).sum() > others.sum() / 2:
            closed[weekday, run] = False
    return history.open_mask & ~closed


def closed_before_origin_note(
    history: QueueHistory, closed: np.ndarray, origin: pd.Timestamp
) -> str:
    """'Tech. Axa: 79 weekly 30-minute slots ... forecast closed: Mon 00:30-07:00; ...'."""
    weekdays = history.weekdays()
    contacts = float(np.nansum(history.values * closed[weekdays]))
    weeks = history.n_days // 7
    return (
        f"{history.queue}: {int(closed.sum()):,} weekly {history.interval_minutes}-minute slots "
        "open in the export's hours, learned over its weeks after the origin too, had "
        f"{contacts:,.0f} contacts in the {weeks:,} weeks before the origin "
        f"{day_text(origin, year=True)}: forecast closed, as the desk was then: "
        f"{'; '.join(slot_spans(closed, history.interval_minutes))}."
    )
