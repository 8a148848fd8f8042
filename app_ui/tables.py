"""Tables on screen: human column labels with units and number formats; downloads keep raw names.

Every `st.dataframe` of the app goes through `show`, which looks each machine column name up in
`COLUMNS`. Fractions (service level, occupancy, WAPE) are shown as percentages of 0–100 with one
decimal, counts as whole numbers with thousands separators, long waits (e-mail) in hours.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from data.export import whole_numbers_keeping_total
from data.schema import INTERVAL_START, IS_OPEN

COUNT = "count"  # whole number with thousands separators
DECIMAL = "decimal"  # one decimal with thousands separators
# Hours paid: whole where every row is a whole number of hours (the shifts' 520 h a day had read
# 520.0), else one decimal, so the column lines up on one format.
PAID_HOURS = "paid_hours"
PRECISE = "precise"  # two decimals (ratios such as MASE)
PERCENT = "percent"  # a fraction shown as 0–100 with one decimal; the label says (%)
MONEY = "money"  # whole euros with thousands separators; the label says (EUR)
TEXT = "text"
FLAG = "flag"
DATETIME = "datetime"
STAMP = "stamp"  # a compact date and time, for tables with several of them
SLOT = "slot"  # weekday, day and time without the year, for a plan of a few weeks
DAY = "day"
TIME = "time"  # the time of day only, for a table with one row per day
HOURS = "hours"  # a duration held in seconds, shown in hours with one decimal; label says (h)
# A duration held in seconds, shown in milliseconds with one decimal; label says (ms). A fit of
# 0.4 ms read 0.0 in seconds.
MILLISECONDS = "milliseconds"

NUMBER_FORMATS = {
    COUNT: "%,d",
    DECIMAL: "%,.1f",
    PRECISE: "%.2f",
    PERCENT: "%.1f",
    MONEY: "%,.0f",
    HOURS: "%,.1f",
    MILLISECONDS: "%,.1f",
}
DATETIME_FORMAT = "ddd D MMM YYYY, HH:mm"
DAY_FORMAT = "ddd D MMM YYYY"
STAMP_FORMAT = "YYYY-MM-DD HH:mm"
SLOT_FORMAT = "ddd D MMM, HH:mm"
TIME_FORMAT = "HH:mm"
SECONDS_PER_HOUR = 3600
MILLISECONDS_PER_SECOND = 1000
ROW_HEIGHT_PX = 35  # st.dataframe's row (and header) height
# One rule on every page: an en dash joins the ends of a range ("08:00–18:00", "Mon 23 Nov –
# Sun 29 Nov"), an em dash stands for a figure there is none of. Tables had read "–" for none
# beside metrics reading "—".
MISSING = "—"
RANGE_DASH = "–"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str
    help: str | None = None
    width: str | int | None = None  # "small", "medium", "large", pixels, or None (fit the content)
    align: str | None = None  # "right" for a text column of figures ("3 of 4", "15%")


COLUMNS: dict[str, Column] = {
    # Intervals, plans and daily totals
    "interval_start": Column("Interval start", DATETIME),
    "date": Column("Date", DAY),
    "queue": Column("Queue", TEXT),
    "channel": Column("Channel", TEXT),
    "volume": Column("Contacts", DECIMAL),
    "contacts": Column("Contacts", COUNT),
    "answered": Column("Answered", COUNT),
    "abandoned": Column("Abandoned", COUNT),
    "aht_seconds": Column("AHT (s)", COUNT, "Average handle time, seconds."),
    "wait_seconds": Column("Wait (s)", COUNT, "Average wait before an answer, seconds."),
    "abandon_wait_seconds": Column(
        "Wait before hanging up (s)", COUNT, "Average time abandoned callers held on, seconds."
    ),
    "is_open": Column("Open", FLAG),
    "is_missing": Column("Missing", FLAG, "No data for this interval in the files."),
    "satisfaction": Column(
        "Satisfaction",
        DECIMAL,
        "Mean score of the interval's rated contacts, on your files' own scale (none is assumed).",
    ),
    "agents": Column("Agents", COUNT, "Agents handling contacts at once."),
    "limit": Column(
        "Set by",
        TEXT,
        "The limit that sets the interval's agents, the one needing the most: service level, "
        "ASA, abandonment, occupancy cap or minimum while open (e-mail: the response window, "
        "or outside e-mail hours when mail arrives but is not worked).",
    ),
    "rostered": Column("People rostered", COUNT, "Agents plus shrinkage: people on the roster."),
    "supervisors": Column("Supervisors", COUNT),
    "service_level": Column("Service level (%)", PERCENT, "Share answered within the target."),
    "asa_seconds": Column(
        "ASA (s)",
        COUNT,
        "Average speed of answer, seconds. With callers' patience (Erlang A): the mean wait of "
        "every contact, those who hang up included; the download's answered_asa_seconds is "
        "the answered ones' alone, as an ACD report counts it.",
    ),
    "occupancy": Column("Occupancy (%)", PERCENT, "Share of agents' time spent handling."),
    "abandon_rate": Column("Abandoned (%)", PERCENT, "Share of callers expected to hang up."),
    "answered_asa_seconds": Column(
        "ASA of answered (s)",
        DECIMAL,
        "Mean wait of the answered contacts alone, seconds: the ASA an ACD report shows.",
    ),
    # E-mail alone has a backlog: its unit as the Staffing page's "Peak backlog (e-mails)" says it.
    "backlog": Column("Backlog (e-mails)", DECIMAL, "E-mails waiting at the interval's end."),
    "paid_hours": Column("Paid hours (h)", PAID_HOURS),
    "cost": Column("Cost (EUR)", MONEY),
    "peak_agents": Column("Peak agents", COUNT),
    "peak_rostered": Column("Peak people rostered", COUNT),
    "peak_supervisors": Column("Peak supervisors", COUNT),
    "fte": Column("FTE", DECIMAL, "Full-time equivalents, agents and supervisors."),
    # Forecast backtest
    "model": Column("Model", TEXT),
    "chosen": Column("Chosen", FLAG, "The model that forecasts this queue."),
    "n_origins": Column("Backtest weeks", COUNT),
    # WAPE is forecasting jargon: the header keeps the short name, the help says what it means.
    "wape_interval": Column(
        "WAPE per interval (%)",
        PERCENT,
        "Error per interval: the contacts the forecast missed, over or under, as a share of the "
        "contacts that came. Lower is better; the model choice rests on it.",
    ),
    "weeks_better": Column(
        "Weeks better",
        TEXT,  # "3 of 4"; the preferred model's own row reads "preferred"
        "Backtest weeks in which this model's error was lower than the preferred combination's.",
        align="right",
    ),
    "wape_daily": Column(
        "WAPE per day (%)",
        PERCENT,
        "The same error on daily totals: how far each day's total was off, as a share of the "
        "day's contacts. Lower than per interval, as misses within a day cancel out.",
    ),
    # In the words of `cli.py backtest --help`; MASE as Hyndman & Koehler (2006) scale it.
    "mase": Column(
        "MASE",
        PRECISE,
        "Error per interval against that of copying the same interval a week earlier, through "
        "the history: below 1 beats that copy (0.75: a quarter less error), above 1 does worse.",
    ),
    "bias": Column(
        "Bias (%)",
        PERCENT,
        "Forecast minus actual, as a share of the contacts that came: above 0 the forecast was "
        "too high (agents to spare), below 0 too low (queues build up).",
    ),
    "coverage_80": Column(
        "Coverage (%)",
        PERCENT,
        "Share of actual intervals inside the P10–P90 band; aim: 80%. Above it the band is "
        "wider than it need be, below it too narrow.",
    ),
    "fit_seconds": Column(
        "Fit time (ms)",
        MILLISECONDS,
        "Time to fit the model and forecast one backtest week, milliseconds (the mean over the "
        "weeks); a combination takes its models' times added up.",
    ),
    # Special days of the forecast horizon
    "special_day": Column("Special day", TEXT),
    "effect": Column(
        "× an ordinary day",
        PRECISE,
        "Volume multiplier on the forecast this day would have as an ordinary such weekday. The "
        "day-by-day table compares with the recent weeks' median instead, so its % can differ.",
    ),
    "forecast_contacts": Column("Forecast contacts", COUNT),
    # Day by day
    "usual_contacts": Column(
        "Usual contacts",
        COUNT,
        "A usual such weekday: the median of each interval over recent ordinary weeks, summed.",
    ),
    "vs_usual": Column("Vs usual (%)", PERCENT, "Forecast against a usual such weekday."),
    "busiest_start": Column("Busiest interval", TIME, "Start of the day's busiest interval."),
    "busiest_forecast": Column(
        "Busiest interval, forecast (contacts)",
        DECIMAL,
        "Contacts forecast in the day's busiest interval, on the mean forecast.",
    ),
    "busiest_p90": Column("Busiest interval, P90", COUNT, "Contacts in 9 cases out of 10 at most."),
    # The Forecast page's day by day and the Staffing page's daily totals.
    "hours_covered": Column(
        "Hours",
        TEXT,
        "Empty for a whole day. The horizon starts right after the history's last interval, so "
        "when the history ends mid-day its first and last days are covered only in part.",
    ),
    "reason": Column(
        "Cause", TEXT, "Holiday, day after one, campaign, day of month, season or trend."
    ),
    "learned_from_days": Column(
        "Learned from (days)", COUNT, "Past days of this kind in the history the effect comes from."
    ),
    # Stored datasets and the upload report
    "name": Column("Dataset", TEXT),
    "kind": Column("Kind", TEXT),
    "interval_minutes": Column("Interval (min)", COUNT),
    "queues": Column("Queues", TEXT),
    "rows": Column("Rows", COUNT),
    "start": Column("First interval", STAMP),
    "end": Column("Last interval", STAMP),
    "saved_at": Column("Saved (UTC)", STAMP),
    "file": Column("File", TEXT),
    "encoding": Column("Encoding", TEXT),
    "delimiter": Column("Delimiter", TEXT),
    "decimal_comma": Column(
        "European numbers",
        FLAG,
        "Numbers written 1.234,5: the dot groups thousands, the comma marks decimals.",
    ),
}


def rounded_keeping_total(
    values: pd.Series, decimals: int = 0, keep: Hashable | None = None
) -> pd.Series:
    """`values` rounded to `decimals` so that they add up to their own total rounded alike: the
    largest remainders take the units, as the day totals of the Forecast and Staffing pages do,
    so a column shown beside its total adds up to it.

    `keep`: the label of a row rounded on its own, as a metric above the table shows it (the
    queue on screen); the other rows share what is left of the total."""
    scale = 10**decimals
    if keep is None or keep not in values.index or len(values) < 2:
        return whole_numbers_keeping_total(values * scale) / scale
    numbers = pd.to_numeric(values, errors="coerce").fillna(0.0).astype(float) * scale
    # As the metric prints it: format's rounding, not numpy's halves to even on the scaled value.
    own = float(f"{numbers[keep] / scale:.{decimals}f}") * scale
    others = numbers.drop(keep)
    floors = np.floor(others)
    units_left = int(round(float(numbers.sum())) - round(own) - floors.sum())
    order = np.argsort(-(others - floors).to_numpy(), kind="stable")
    bumped = floors.to_numpy().copy()
    bumped[order[: min(max(units_left, 0), len(bumped))]] += 1
    shown = pd.Series(bumped, index=others.index)
    shown[keep] = round(own)
    return (shown.reindex(values.index) / scale).rename(values.name)


def staffing_daily_totals(plan: pd.DataFrame) -> pd.DataFrame:
    """The Staffing page's daily totals of a plan per interval: whole contacts adding up to the
    horizon's total, as the Forecast page's do, and paid hours and cost whole, as the page's
    metrics and all-queues table show them, adding up to those metrics on screen and in the
    download (a day's EUR 6,483.50 had read 6,484 on screen and 6483.5 in the file; days of
    4,148.5 paid hours in tenths under a metric of 4,148)."""
    starts = pd.to_datetime(plan[INTERVAL_START])
    daily = (
        plan.assign(date=starts.dt.date)
        .groupby("date", sort=True)
        .agg(
            # Closed days stay listed with their zeros, marked, as on the Forecast page.
            is_open=(IS_OPEN, "any"),
            contacts=("volume", "sum"),
            peak_agents=("agents", "max"),
            peak_rostered=("rostered", "max"),
            peak_supervisors=("supervisors", "max"),
            paid_hours=("paid_hours", "sum"),
            cost=("cost", "sum"),
        )
        .reset_index()
    )
    daily["contacts"] = whole_numbers_keeping_total(daily["contacts"])
    daily["paid_hours"] = whole_numbers_keeping_total(daily["paid_hours"])
    daily["cost"] = rounded_keeping_total(daily["cost"])
    return daily


def empty_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` without a single value: figures the files did not hold (the
    sample's answered and abandoned contacts, waits and satisfaction), which a table would
    show as a column of dashes on every row."""
    return [str(name) for name, filled in frame.notna().any().items() if not filled]


def unheld_text(labels: list[str]) -> str:
    """The sentence naming the columns a table leaves out because the files held none of
    their figures ("" when there are none)."""
    if not labels:
        return ""
    listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
    which = "that column is" if len(labels) == 1 else "those columns are"
    return f" Your files hold no {listed} figures: {which} left out here (empty in the download)."


def without_backlog_unless_email(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` without its "backlog" column where no row is an e-mail queue's: voice and chat
    keep no backlog, and "Backlog (e-mails)" in a phone queue's column menu offers a column of
    zeros as if it were a figure of that queue."""
    if "backlog" in frame and "channel" in frame and not frame["channel"].eq("email").any():
        return frame.drop(columns="backlog")
    return frame


def column_for(name: str, overrides: dict[str, Column] | None = None) -> Column:
    """The display column of a machine name; unknown names get a readable label."""
    if overrides and name in overrides:
        return overrides[name]
    return COLUMNS.get(name) or Column(str(name).replace("_", " ").capitalize(), TEXT)


def paid_hours_kind(values: pd.Series) -> str:
    """COUNT when every hour figure of `values` is whole, else DECIMAL."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    numbers = numbers[np.isfinite(numbers)]
    # To the tenth the cell would show: 519.96 reads 520.0 in one decimal, a whole 520.
    return COUNT if np.all(np.round(numbers, 1) == np.round(numbers)) else DECIMAL


def resolved(frame: pd.DataFrame, overrides: dict[str, Column] | None) -> dict[str, Column]:
    """Each column of `frame` as shown, a PAID_HOURS column given the format its figures need."""
    columns = {name: column_for(name, overrides) for name in frame.columns}
    return {
        name: replace(column, kind=paid_hours_kind(frame[name]))
        if column.kind == PAID_HOURS
        else column
        for name, column in columns.items()
    }


def config_of(column: Column) -> Any:
    """The st.column_config entry of one display column."""
    common = {"help": column.help, "width": column.width}
    if column.kind == TEXT and column.align:
        common["alignment"] = column.align
    if column.kind in NUMBER_FORMATS:
        return st.column_config.NumberColumn(
            column.label, format=NUMBER_FORMATS[column.kind], **common
        )
    if column.kind == DATETIME:
        return st.column_config.DatetimeColumn(column.label, format=DATETIME_FORMAT, **common)
    if column.kind == STAMP:
        return st.column_config.DatetimeColumn(column.label, format=STAMP_FORMAT, **common)
    if column.kind == SLOT:
        return st.column_config.DatetimeColumn(column.label, format=SLOT_FORMAT, **common)
    if column.kind == TIME:
        return st.column_config.DatetimeColumn(column.label, format=TIME_FORMAT, **common)
    if column.kind == DAY:
        return st.column_config.DateColumn(column.label, format=DAY_FORMAT, **common)
    if column.kind == FLAG:
        return st.column_config.CheckboxColumn(column.label, **common)
    return st.column_config.TextColumn(column.label, **common)


def display_frame(frame: pd.DataFrame, overrides: dict[str, Column] | None = None) -> pd.DataFrame:
    """The values as shown: fractions × 100, counts rounded (a printf %d would truncate)."""
    shown = frame.copy()
    columns = resolved(frame, overrides)
    for name in shown.columns:
        kind = columns[name].kind
        if kind == PERCENT:
            # Rounded as shown, + 0.0 so that -0.04% reads 0.0 rather than -0.0.
            shown[name] = (pd.to_numeric(shown[name], errors="coerce") * 100).round(1) + 0.0
        elif kind == COUNT:
            shown[name] = pd.to_numeric(shown[name], errors="coerce").round().astype("Int64")
        elif kind == HOURS:
            # An endless wait (work left unanswered at the horizon's end) shows as missing.
            seconds = pd.to_numeric(shown[name], errors="coerce").replace([np.inf, -np.inf], np.nan)
            shown[name] = seconds / SECONDS_PER_HOUR
        elif kind == MILLISECONDS:
            shown[name] = pd.to_numeric(shown[name], errors="coerce") * MILLISECONDS_PER_SECOND
    return shown


def show(
    frame: pd.DataFrame,
    key: str,
    overrides: dict[str, Column] | None = None,
    all_rows_up_to: int | None = None,
    columns: list[str] | None = None,
    **options: Any,
) -> None:
    """st.dataframe of `frame` with labelled, formatted columns and no index.

    `all_rows_up_to`: tables up to that many rows are drawn tall enough to need no scrolling.
    `columns`: the columns the table opens on, in order, so a wide table fits the page; the
    others stay in the data and can be shown from the table's column menu.
    """
    # A missing figure (a closed interval's service level, an endless e-mail wait) reads as a
    # dash, as in the scenario comparison, rather than the grid's default "None".
    options.setdefault("placeholder", MISSING)
    if all_rows_up_to:
        options["height"] = ROW_HEIGHT_PX * (min(len(frame), all_rows_up_to) + 1) + 3
    if columns is not None:
        options["column_order"] = [name for name in columns if name in frame.columns]
    # A keyed container: the page's HTML names the table (class st-key-<key>_box), which
    # st.dataframe alone does not.
    columns_shown = resolved(frame, overrides)
    with st.container(key=f"{key}_box"):
        st.dataframe(
            display_frame(frame, overrides),
            key=key,
            hide_index=True,
            column_config={name: config_of(columns_shown[name]) for name in frame.columns},
            **options,
        )
