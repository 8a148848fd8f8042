"""What `forecast` and `plan` tell besides their table: the import notes, an empty horizon,
the special days ahead."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from cli_commands.words import UNNAMED_QUEUE, counted, note_in_option_words, queue_text
from data.dates import day_text
from data.schema import INTERVAL_START, IS_OPEN, MINUTE_OF_DAY, QUEUE, WEEKDAY, Dataset

if TYPE_CHECKING:
    from forecasting.country import CountrySuggestion

# Notes that come once per file or per queue and only say what was found (columns, open hours):
# listed one by one up to this many of a kind, counted in one line beyond.
ROUTINE_SHOWN = 3
READ_NOTE = re.compile(r"^.+: [\d,]+ rows read as ")
OPEN_HOURS_NOTE = re.compile(r"^Open hours of '.*': .* slots are open")
STRAY = "closed slots"  # "...; 35 contact(s) arrived in closed slots (kept)."
INSPECT = "cli.py inspect lists them"
DAY_MINUTES = 1440


def forecast_note_lines(notes: list[str], suggestion: CountrySuggestion | None) -> list[str]:
    """A forecast's notes as the CLI prints them: its holiday-calendar note (suggestion, from
    forecast_dataset) as a hint naming the option that chooses that calendar."""
    from forecasting.country import holiday_hint, holiday_hint_note

    said = holiday_hint_note(suggestion) if suggestion else None
    lines = [f"note: {note_in_option_words(note)}" for note in notes if note != said]
    if suggestion:
        code = suggestion.suggested.country
        lines.append(f"hint: {holiday_hint(suggestion, f'try --country {code}')}")
    return lines


def import_note_lines(notes: list[str]) -> list[str]:
    """The import notes (as `inspect` reports them), one `import:` line each, the routine ones
    counted in one line when a dataset of many files or queues would repeat them at length."""
    read = [note for note in notes if READ_NOTE.match(note)]
    hours = [note for note in notes if OPEN_HOURS_NOTE.match(note)]
    lines = []
    for note in notes:
        if note in read and len(read) > ROUTINE_SHOWN:
            if note == read[0]:
                lines.append(f"{counted(len(read), 'file')} read ({INSPECT} with their columns).")
        elif note in hours and len(hours) > ROUTINE_SHOWN:
            if note == hours[0]:
                stray = sum(STRAY in line for line in hours)
                some = f", {stray:,} of them with contacts in closed slots (kept)" if stray else ""
                queues = counted(len(hours), "queue")
                lines.append(f"Open hours learned for {queues}{some} ({INSPECT}).")
        else:
            lines.append(note)
    return [f"import: {line}" for line in lines]


def print_import_notes(
    dataset: Dataset, queues: list[str] | None = None, file: TextIO | None = None
) -> None:
    """The import notes on stderr, before the forecast's own output; with --queue `queues`,
    without the notes on other queues only."""
    stream = file or sys.stderr
    for line in import_note_lines(notes_for_queues(dataset.notes, dataset.queues, queues)):
        print(line, file=stream)
    stream.flush()


def notes_for_queues(notes: list[str], known: list[str], queues: list[str] | None) -> list[str]:
    """`notes` without those naming ('billing') only queues outside `queues`: `plan --queue
    sales` printed billing's open hours and odd days, as if they bore on the sales plan. A note
    naming no queue (a file's columns) or a chosen one is kept; no `queues` keeps them all."""
    if not queues:
        return notes
    others = [f"'{queue}'" for queue in known if queue not in queues]
    chosen = [f"'{queue}'" for queue in queues]
    return [
        note
        for note in notes
        if any(name in note for name in chosen) or not any(name in note for name in others)
    ]


def empty_horizon_note(forecast: pd.DataFrame, open_hours: pd.DataFrame) -> str | None:
    """Why a forecast has no open interval (every day of its horizon is closed) and how long a
    horizon reaches the next open day; None when it has open intervals."""
    if forecast.empty or forecast[IS_OPEN].any():
        return None
    days = pd.DatetimeIndex(pd.to_datetime(forecast[INTERVAL_START]).dt.normalize().unique())
    queues = sorted(forecast[QUEUE].astype(str).unique())
    who = f"{queue_text(queues[0])} is" if len(queues) == 1 else "every queue is"
    if len(days) <= 3:
        when = " and ".join(", ".join(day_text(day, year=True) for day in days).rsplit(", ", 1))
        when = f"on {when}"
    else:
        when = f"from {day_text(days[0], year=True)} to {day_text(days[-1], year=True)}"
    open_rows = open_hours[open_hours[IS_OPEN] & open_hours[QUEUE].astype(str).isin(queues)]
    open_weekdays = set(open_rows[WEEKDAY].astype(int))
    if not open_weekdays:  # no contact ever arrived: no opening hours to forecast
        never = f"{queue_text(queues[0])} has no" if len(queues) == 1 else "no queue has any"
        return (
            f"the horizon holds no open interval: {never} open slot in its history (no "
            "contact ever arrived), so there is nothing to forecast."
        )
    advice = "give a longer --horizon-days"
    for ahead in range(1, 8):
        day = days[-1] + pd.Timedelta(days=ahead)
        if day.day_of_week in open_weekdays:
            first = open_rows.loc[open_rows[WEEKDAY] == day.day_of_week, MINUTE_OF_DAY].min()
            opens = day + pd.Timedelta(minutes=int(first))
            needed = (day - days[0]).days + 1
            advice = (
                f"give --horizon-days {needed} or more to reach the next open day, "
                f"{day_text(opens, year=True)} from {opens:%H:%M}"
            )
            break
    return f"the horizon holds no open interval ({who} closed {when}): {advice}."


def queues_without_rows_note(forecast: pd.DataFrame, out: str) -> str | None:
    """The queues forecast with no open interval in the horizon while others have some: they
    have no row in --out, which must not pass for a queue the command forgot."""
    if forecast.empty or not forecast[IS_OPEN].any():
        return None  # empty_horizon_note speaks of an entirely closed horizon
    is_open = forecast[IS_OPEN].astype(bool).groupby(forecast[QUEUE].astype(str)).any()
    absent = sorted(is_open.index[~is_open])
    if not absent:
        return None
    who = f"{absent[0]} has" if len(absent) == 1 else f"{', '.join(absent)} have"
    return (
        f"{who} no open interval in the horizon, so no row in {out}: see the notes below "
        "(no contact ever arrived, or closed on those days)."
    )


# Closed days a note names one by one; any more are counted.
CLOSED_DAYS_NAMED = 6


def closed_days_note(forecast: pd.DataFrame, out: str) -> str | None:
    """The whole days of the horizon on which a queue that is open on others has no open
    interval (a Sunday, a holiday it closes): --out lists open intervals only, so they have
    no row, and a day-by-day reader would not know them from days left out by mistake."""
    if forecast.empty or not forecast[IS_OPEN].any():
        return None  # empty_horizon_note and queues_without_rows_note speak of those
    starts = pd.to_datetime(forecast[INTERVAL_START])
    days = starts.dt.normalize()
    per_day = forecast[IS_OPEN].astype(bool).groupby([forecast[QUEUE].astype(str), days]).any()
    per_day = per_day[per_day.groupby(level=0).transform("any")]  # queues open some day
    # A day the horizon starts in the middle of (after the history's last interval) is not
    # known whole: its hours before the start are the history's; nor is a day it ends in the
    # middle of (14 days from Wed 06:00 end at the next Wed but one 06:00, before it opens).
    first = starts.min()
    day = per_day.index.get_level_values(1)
    whole = (day >= first.ceil("D")) & (day + pd.Timedelta(days=1) <= horizon_end(starts))
    closed = per_day[~per_day.to_numpy() & whole]
    if closed.empty:
        return None
    by_days: dict[tuple, list[str]] = {}
    for queue, rows in closed.groupby(level=0, sort=True):
        by_days.setdefault(tuple(rows.index.get_level_values(1)), []).append(str(queue))
    several = forecast[QUEUE].nunique() > 1
    parts = []
    for dates, queues in by_days.items():
        named = ", ".join(day_text(day, year=True) for day in dates[:CLOSED_DAYS_NAMED])
        more = len(dates) - CLOSED_DAYS_NAMED
        named += f" and {more:,} more" if more > 0 else ""
        parts.append(f"{named} ({', '.join(queues)})" if several else named)
    return f"closed all day, so no row in {out}: {'; '.join(parts)}"


def unusual_intervals_note(
    outliers: pd.DataFrame, kept: bool, interval_minutes: int | None = None
) -> str | None:
    """How many intervals of the history were unusual (far from the same weekday and time of
    the weeks around them), per queue when several, their busiest day, and what training did
    with them: the forecast is not trained on what the manager sees in the history. Daily
    totals (`interval_minutes` 1440) count days, with no busiest day."""
    if outliers is None or outliers.empty:
        return None
    per_queue = outliers[QUEUE].astype(str).value_counts()
    days = outliers.groupby([outliers[QUEUE].astype(str), outliers[INTERVAL_START].dt.date]).size()
    (queue, day), most = days.idxmax(), int(days.max())
    owner = "" if len(per_queue) == 1 else f" of {queue}'s"
    busiest = f"{most:,}{owner} on {day_text(day, year=True)}, the most of any day"
    if most == 1:  # daily totals read '1 on Mon 2 Jan 2023, the most of any day'
        busiest = "" if interval_minutes == DAY_MINUTES else "none of them on the same day"
    unit = "day" if interval_minutes == DAY_MINUTES else "interval"
    done = (
        "kept in training (--keep-outliers)"
        if kept
        else "left out of training (--keep-outliers keeps them)"
    )
    if len(per_queue) == 1:
        # A file without queues read "of all's history".
        whose = "the" if queue == UNNAMED_QUEUE else f"{queue}'s"
        return (
            f"{counted(len(outliers), unit)} of {whose} history "
            f"{'is' if len(outliers) == 1 else 'are'} far from "
            f"{'its' if len(outliers) == 1 else 'their'} usual level"
            f"{f' ({busiest})' if busiest else ''}: {done}."
        )
    split = ", ".join(f"{name} {count:,}" for name, count in per_queue.items())
    return (
        f"{counted(len(outliers), unit)} of the history are far from their usual level ({split}"
        f"{f'; {busiest}' if busiest else ''}): {done}."
    )


def horizon_end(starts: pd.Series) -> pd.Timestamp:
    """Where a forecast's grid of interval `starts` (closed ones included) ends: its last start
    plus one interval."""
    distinct = pd.DatetimeIndex(starts.unique()).sort_values()
    step = (distinct[1:] - distinct[:-1]).min() if distinct.size > 1 else pd.Timedelta(days=1)
    return distinct[-1] + step


def midday_start_note(forecast: pd.DataFrame) -> str | None:
    """When the history ends part-way through an open day (and no --origin was given): the
    forecast starts right after the last interval with data and covers the rest of that day
    (its open intervals after it: listed without data by the import, or after the export's last
    row where a round-the-clock export ends at the next day's 00:00), and its days of 24 hours end at
    that clock time, part-way through the last; --origin at the first day's start gives them
    whole."""
    if forecast.empty:
        return None
    times = pd.to_datetime(forecast[INTERVAL_START])
    first = times.min()
    if first == first.normalize():
        return None
    same_day = forecast[IS_OPEN].astype(bool) & (times.dt.normalize() == first.normalize())
    if not same_day.any():
        return None
    end = horizon_end(times)
    days = round((end - first) / pd.Timedelta(days=1))
    whole = first.normalize() + pd.Timedelta(days=days - 1)
    span = (
        f"{day_text(first)} – {day_text(whole, year=True)}"
        if days > 1
        else day_text(first, year=True)
    )
    return (
        f"the history ends part-way through {day_text(first, year=True)}: the forecast starts at "
        f"{first:%H:%M}, right after the last interval with data, covers the rest of that day "
        f"(its open intervals after the last with data) and runs {counted(days, 'day')} of "
        f"24 hours, to {day_text(end, year=True, clock=True)}; for {counted(days, 'whole day')}, "
        f"{span}, give --origin {first:%Y-%m-%d}."
    )


def origin_off_grid_note(origin: str | None, interval_minutes: int) -> str | None:
    """Where the forecast starts when --origin falls between two interval starts: the interval
    holding it is history (its counts cover time after the origin, and cannot be split), so
    the forecast starts at the next interval start, not at the origin as given."""
    if origin is None:
        return None
    start = pd.Timestamp(origin)
    step = pd.Timedelta(minutes=interval_minutes)
    held = start.normalize() + (start - start.normalize()) // step * step
    if held == start:
        return None
    after = held + step
    if interval_minutes == 1440:
        return (
            f"--origin {origin} falls inside a day of daily totals: "
            f"{day_text(held, year=True)} stays in the history, and the forecast starts on the "
            f"next day, {day_text(after, year=True)}."
        )
    return (
        f"--origin {origin} falls inside the {held:%H:%M} interval of the {interval_minutes}-minute "
        f"data: that interval stays in the history (its counts run to {after:%H:%M}), and the "
        f"forecast starts at the next interval start, {day_text(after, year=True, clock=True)}."
    )


def special_day_lines(special_days: pd.DataFrame) -> list[str]:
    """A `special day:` line per holiday or day around one in the horizon, with the ratio its
    volume is forecast at and what that was learned from. A day several queues share is one
    line naming the queues by ratio, and one line under it of what each learned from: AXA's 28
    queues read 111 lines, one per queue and day, 15 of them 'x0.00' on New Year's Day."""
    if special_days.empty:
        return []
    days = special_days.groupby(["date", "special_day"], sort=False)
    if days.ngroups == len(special_days):  # no day shared: one line each, as listed
        return [_one_queue_line(day) for _, day in special_days.iterrows()]
    lines = []
    for (date, name), day in sorted(days, key=lambda group: group[0][0]):
        if len(day) == 1:
            lines.append(_one_queue_line(day.iloc[0]))
            continue
        lines += [
            f"special day: {day_text(date, year=True)} {name}, volume of a usual day in "
            f"{len(day)} queues: {_queues_by_ratio(day)}",
            f"  learned from (past days per queue): {_queues_by_basis(day)}",
        ]
    return lines


def _one_queue_line(day: pd.Series) -> str:
    """A special day of one queue, as the lines of several say it: 'closed' where no contact is
    forecast ('volume x0.00 of a usual day' read beside 'CMS is closed on Wed 1 Jan 2014'), and
    a ratio above 0 that rounds to it with two figures."""
    effect = float(day["effect"])
    ratio = (
        "closed, no contact forecast"
        if effect == 0
        else f"volume x{effect:.2g} of a usual day"
        if effect < 0.005
        else f"volume x{effect:.2f} of a usual day"
    )
    return (
        f"special day: {queue_text(day[QUEUE])} {day_text(day['date'], year=True)} {day['special_day']}, "
        f"{ratio} ({_learned_from(day)})"
    )


def _queues_by_ratio(day: pd.DataFrame) -> str:
    """'closed in CAT, CMS; x0.72 Domicile; x1.00 Japon, Manager': the queues of one special
    day by the ratio their volume is forecast at, lowest first; 'closed' where no contact is
    forecast, not 'x0.00', and a ratio above 0 that rounds to it with two figures (x0.0043)."""
    effect = day["effect"].astype(float)
    ratio = effect.map(
        lambda value: (
            "closed in" if value == 0 else f"x{value:.2g}" if value < 0.005 else f"x{value:.2f}"
        )
    )
    order = day.assign(ratio=ratio, rounded=effect.round(2), opened=effect > 0).sort_values(
        ["rounded", "opened"], kind="stable"
    )
    groups = order.groupby("ratio", sort=False)[QUEUE]
    return "; ".join(f"{ratio} {', '.join(queues.astype(str))}" for ratio, queues in groups)


def _queues_by_basis(day: pd.DataFrame) -> str:
    """'all past holidays (CMS 2, Gestion 4); none seen: an ordinary day (Evenements)': what
    each queue's ratio was learned from, and from how many past days."""
    parts = []
    for basis, queues in day.groupby("learned_from", sort=False):
        named = [
            f"{queue} {days}" if days else str(queue)
            for queue, days in zip(
                queues[QUEUE], queues["learned_from_days"].astype(int), strict=True
            )
        ]
        parts.append(f"{basis} ({', '.join(named)})")
    return "; ".join(parts)


def _learned_from(day: pd.Series) -> str:
    """'learned from 19 past days: all past days straight after holidays'; where no such day
    was seen, what stood in for it alone: 'learned from 0 past days: none seen: an ordinary
    day' read as a figure learned from nothing."""
    count = int(day["learned_from_days"])
    if count == 0:
        return str(day["learned_from"])
    return f"learned from {counted(count, 'past day')}: {day['learned_from']}"
