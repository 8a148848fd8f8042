"""The scenario comparison as shown: each metric in its unit, signed deltas, better/worse colours.

`planning.compare_scenarios` gives one row per metric (rates as fractions) and `<name> Δ`,
`<name> Δ%` columns; this module formats that table for the screen, the charts and the download
(numbers only, each row in the one unit its label names).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from app_ui.settings import (
    CHANNEL_LABELS,
    COVER_ALL_QUEUES,
    COVER_THIS_QUEUE,
    SHIFT_COVER_LABELS,
    clock_text,
    days_text,
    duration_text,
    hours_text,
    shows_per_week,
)
from app_ui.tables import MISSING, RANGE_DASH
from data.dates import day_text
from data.schema import INTERVAL_START, IS_OPEN
from planning.compare import (
    ASA_ROW,
    CONTACTS_ROW,
    PART_TIME_ROW,
    PEOPLE_TO_EMPLOY_ROW,
    RESPONSE_TIME_ROW,
    SHIFT_COST_PER_WEEK_ROW,
    SHIFT_COST_ROW,
    SHIFT_HOURS_ROW,
    SHIFTS_ROW,
    ShiftFigures,
)
from planning.scenario import (
    CURRENT_SETTINGS,
    PAGE_SETTINGS,
    Scenario,
    days_covered,
    example_scenarios,
    interval_step,
)

MINUS = "−"  # a real minus sign: as wide as the plus and easier to read than a hyphen
BETTER_COLOUR = "color: #1a7f37"
WORSE_COLOUR = "color: #cf222e"
# st.table sets each text cell's alignment inline, to the left: only an !important rule wins.
RIGHT = "text-align: right !important"
COUNT, DECIMAL, MONEY, RATE = "count", "decimal", "money", "rate"
SECONDS = "seconds"  # a wait, read on screen as duration_text does ("18 s", "5 min")
# Units a chart of waits switches to, as duration_text does: (seconds per unit, label).
WAIT_UNITS = [(1.0, "s"), (60.0, "min"), (3600.0, "h")]
WAIT_UNIT_LIMIT = 120  # below 120 of a unit, that unit reads best


@dataclass(frozen=True)
class Metric:
    label: str  # the row label on screen, with its unit unless every cell carries it
    kind: str  # COUNT, DECIMAL, MONEY, RATE (a fraction shown in percent) or SECONDS
    better: int  # +1: higher is better, -1: lower is better (cheaper), 0: neither
    numeric_label: str = ""  # the label beside plain numbers (download, charts), when different

    @property
    def unit_label(self) -> str:
        return self.numeric_label or self.label


# By the row labels of planning.compare.METRICS. People, hours and money: less is cheaper.
# Contacts are what the desk must answer, neither better nor worse: the contacts expected (the
# mean forecast with the scenario's change), calls, chats or e-mails as the queue has them.
METRICS = {
    CONTACTS_ROW: Metric("Contacts expected", COUNT, 0),
    "FTE": Metric("FTE", DECIMAL, -1),
    "Peak agents": Metric("Peak agents", COUNT, -1),
    # The row planning names "Peak rostered people" reads as the Staffing page's metric.
    "Peak rostered people": Metric("Peak people rostered", COUNT, -1),
    "Peak supervisors": Metric("Peak supervisors", COUNT, -1),
    "Paid hours": Metric("Paid hours (h)", COUNT, -1),
    "Total cost": Metric("Total cost (EUR)", MONEY, -1),
    "Cost per week": Metric("Cost per week (EUR)", MONEY, -1),
    "Expected service level": Metric("Expected service level (%)", RATE, 1),
    ASA_ROW: Metric("Expected ASA", SECONDS, -1, numeric_label=ASA_ROW),
    RESPONSE_TIME_ROW: Metric("Expected e-mail response time (h)", DECIMAL, -1),
    "Expected occupancy": Metric("Expected occupancy (%)", RATE, 0),
    "Expected abandonment": Metric("Expected abandonment (%)", RATE, -1),
    SHIFTS_ROW: Metric("Shifts", COUNT, -1),
    PEOPLE_TO_EMPLOY_ROW: Metric("People to employ (busiest week)", COUNT, -1),
    # Short: with the horizon's days ("Shift hours over 14 days (h)") they fit the first column.
    SHIFT_HOURS_ROW: Metric("Shift hours (h)", COUNT, -1),
    SHIFT_COST_ROW: Metric("Shift cost (EUR)", MONEY, -1),
    SHIFT_COST_PER_WEEK_ROW: Metric("Shift cost per week (EUR)", MONEY, -1),
    # More part time is the manager's choice (cheaper, but more people to hire and brief).
    PART_TIME_ROW: Metric("Part time on shifts (%)", RATE, 0),
}


COST_PER_WEEK_ROW = "Cost per week"  # rows of planning.compare.METRICS this module words
SERVICE_LEVEL_ROW = "Expected service level"
LIVE_SERVICE_LABEL = METRICS[SERVICE_LEVEL_ROW].label


def service_level_label(email_windows: Sequence[float | None]) -> str:
    """The service level row's label in the Staffing page's words for the scenarios compared.

    `email_windows`: each scenario's e-mail response window in hours, None for one staffing
    voice or chat. E-mail alone reads "Answered within 24 h (%)" as its Staffing metric does
    ("... the response window (%)" when the windows differ); voice and chat keep "Expected
    service level (%)"; a mix of both is answered within each one's own target.
    """
    windows = set(email_windows)
    if None in windows:
        return LIVE_SERVICE_LABEL if windows == {None} else "Answered within target (%)"
    if len(windows) == 1:
        return f"Answered within {hours_text(next(iter(windows)))} (%)"
    return "Answered within the response window (%)"


def rows_shown(rows: Sequence[str], horizon_days: float) -> list[str]:
    """`rows` less the costs per week over a horizon of a week or less, where they would repeat
    the total costs beside them (7 days) or scale a few days up to a week."""
    per_week = (COST_PER_WEEK_ROW, SHIFT_COST_PER_WEEK_ROW)
    return [row for row in rows if row not in per_week or shows_per_week(horizon_days)]


# Rows that add up over the whole horizon: their labels name its days ("Total cost over 14 days
# (EUR)", "Contacts expected over 14 days"), which the label alone would leave to a caption.
HORIZON_TOTALS = (
    CONTACTS_ROW,
    "Paid hours",
    "Total cost",
    SHIFTS_ROW,
    SHIFT_HOURS_ROW,
    SHIFT_COST_ROW,
)


def metric_of(
    row: str, horizon_days: float | None = None, wording: Mapping[str, str] | None = None
) -> Metric:
    """How `row` reads; with `horizon_days`, a total over the horizon names its days, before
    the unit: "Total cost over 14 days (EUR)", "Contacts expected over 14 days". `wording`:
    labels that depend on the scenarios compared (service_level_label), by row."""
    metric = METRICS.get(row) or Metric(row, DECIMAL, 0)
    if wording and row in wording:
        metric = dataclasses.replace(metric, label=wording[row])
    if horizon_days is not None and row in HORIZON_TOTALS:
        name, unit = metric.label, ""
        if name.endswith(")") and " (" in name:
            name, unit = name.rsplit(" (", 1)
            unit = f" ({unit}"
        metric = Metric(f"{name} over {days_text(horizon_days)}{unit}", metric.kind, metric.better)
    return metric


def _signed(text: str) -> str:
    return text.replace("-", MINUS)


def value_text(value: float, kind: str) -> str:
    if value is None or not math.isfinite(value):
        return MISSING
    if kind == SECONDS:
        return duration_text(value)
    if kind == DECIMAL:
        return _signed(f"{value:,.1f}")
    if kind == RATE:
        return _signed(f"{value:.1f}")
    return _signed(f"{value:,.0f}")


def delta_text(delta: float, kind: str) -> str:
    """A signed change with an arrow: '+3 ▲', '−1.5 pp ▼', '+2 min ▲', '0'."""
    if delta is None or not math.isfinite(delta):
        return MISSING
    arrow = "▲" if delta > 0 else "▼"
    sign = "+" if delta > 0 else MINUS
    if kind == SECONDS:
        amount = duration_text(abs(delta))
        return "0" if amount.startswith("0 ") else f"{sign}{amount} {arrow}"
    digits = 1 if kind in (DECIMAL, RATE) else 0
    if round(delta, digits) == 0:
        return "0"
    unit = " pp" if kind == RATE else ""  # rates change by percentage points
    return _signed(f"{delta:+,.{digits}f}{unit} {arrow}")


def percent_text(percent: float) -> str:
    if percent is None or not math.isfinite(percent):
        return MISSING
    if round(percent, 1) == 0:
        return "0%"
    return _signed(f"{percent:+.1f}%")


def _changes(columns: pd.Index) -> list:
    """The value and Δ columns: everything but the relative Δ%, which keeps its unit."""
    return [column for column in columns if not str(column).endswith("Δ%")]


def scaled(
    table: pd.DataFrame,
    horizon_days: float | None = None,
    wording: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Numbers for the download: rates as percentages (values and Δ; Δ% stays relative), waits
    in seconds, every row labelled with its one unit (and totals with the horizon's days)."""
    shown = table.astype(float)
    for row in shown.index:
        if metric_of(row).kind == RATE:
            columns = _changes(shown.columns)
            shown.loc[row, columns] = shown.loc[row, columns] * 100
    shown.index = [metric_of(row, horizon_days, wording).unit_label for row in table.index]
    shown.index.name = "Metric"
    return shown


def wait_unit(seconds: pd.Series) -> tuple[float, str]:
    """(seconds per unit, unit) that reads best for the longest of these waits."""
    longest = seconds.abs().max()
    for size, unit in WAIT_UNITS:
        if not longest >= WAIT_UNIT_LIMIT * size:
            return size, unit
    return WAIT_UNITS[-1]


def chart_values(
    table: pd.DataFrame,
    horizon_days: float | None = None,
    wording: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Numbers for the charts: as `scaled`, with the waits in the unit that reads best (a 5-minute
    ASA in minutes, not 300 seconds), named in the row label."""
    shown = scaled(table, horizon_days, wording)
    labels = list(shown.index)
    columns = _changes(shown.columns)
    scenarios = [column for column in columns if not str(column).endswith("Δ")]
    for position, row in enumerate(table.index):
        metric = metric_of(row)
        if metric.kind == SECONDS:
            size, unit = wait_unit(shown.loc[labels[position], scenarios])
            shown.loc[labels[position], columns] = shown.loc[labels[position], columns] / size
            labels[position] = f"{metric.label} ({unit})"
    shown.index = pd.Index(labels, name=shown.index.name)
    return shown


def delta_colour(delta: float, metric: Metric) -> str:
    """Green when better than the baseline, red when worse; none for a change shown as 0."""
    if not metric.better or delta_text(delta, metric.kind) in ("0", MISSING):
        return ""
    return BETTER_COLOUR if delta * metric.better > 0 else WORSE_COLOUR


def shown_figure(value: float, kind: str) -> float:
    """`value` as its cell reads it: a rate to a tenth of a point, money to the euro, a wait
    in the unit `duration_text` gives it."""
    if value is None or not math.isfinite(value):
        return math.nan
    if kind == SECONDS:
        size = 1.0 if value < 120 else 60.0 if value < 120 * 60 else 360.0
        return float(f"{value / size:.0f}") * size
    digits = 1 if kind in (DECIMAL, RATE) else 0
    return float(f"{value:.{digits}f}")


def with_shown_changes(shown: pd.DataFrame, kinds: Sequence[str]) -> pd.DataFrame:
    """`shown` (as `scaled` gives it, rows of `kinds`) with every Δ column the difference of
    the two figures on screen: Médical's +30% week read "88.0" beside "88.0" with a Δ of
    "−0.1 pp" (87.96% against 88.04%)."""
    changed = shown.copy()
    values = [column for column in shown.columns if not str(column).endswith(("Δ", "Δ%"))]
    bases = [column for column in values if f"{column} Δ" not in shown.columns]
    if len(bases) != 1:
        return changed
    for column in values:
        delta = f"{column} Δ"
        if delta not in shown.columns:
            continue
        changed[delta] = [
            shown_figure(value, kind) - shown_figure(base, kind)
            if math.isfinite(change)
            else change
            for value, base, change, kind in zip(
                shown[column], shown[bases[0]], shown[delta], kinds, strict=True
            )
        ]
    return changed


def _formatter(column: str, kind: str) -> Callable[[float], str]:
    if column.endswith("Δ%"):
        return percent_text
    if column.endswith("Δ"):
        return partial(delta_text, kind=kind)
    return partial(value_text, kind=kind)


def colours(shown: pd.DataFrame, metrics: list[Metric]) -> pd.DataFrame:
    """CSS per cell: a delta (and its Δ%) green when better than the baseline, red when worse."""
    css = pd.DataFrame("", index=shown.index, columns=shown.columns)
    for column in shown.columns:
        if str(column).endswith("Δ"):
            css[column] = [
                delta_colour(delta, metric)
                for delta, metric in zip(shown[column], metrics, strict=True)
            ]
            if f"{column}%" in css:
                css[f"{column}%"] = css[column]
    return css


def texts(
    table: pd.DataFrame,
    horizon_days: float | None = None,
    wording: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every cell as shown: the metric's unit, signed deltas with arrows, MISSING where none."""
    shown = with_shown_changes(scaled(table), [metric_of(row).kind for row in table.index])
    labels = [metric_of(row, horizon_days, wording).label for row in table.index]
    cells = pd.DataFrame(index=labels, columns=shown.columns, dtype=object)
    cells.index.name = "Metric"
    for position, row in enumerate(table.index):
        kind = metric_of(row).kind
        for column in shown.columns:
            value = shown.iloc[position][column]
            cells.iloc[position, cells.columns.get_loc(column)] = _formatter(str(column), kind)(
                value
            )
    # A change shown as 0 is none in its relative column too: the bank's ASA read 15 s and
    # 15 s, Δ 0 beside a Δ% of +1.9% (15.2 s against 15.5 s, unseen).
    for column in cells.columns:
        relative = f"{column}%"
        if str(column).endswith("Δ") and relative in cells.columns:
            cells.loc[cells[column] == "0", relative] = "0%"
    return cells


def styled(
    table: pd.DataFrame,
    horizon_days: float | None = None,
    wording: Mapping[str, str] | None = None,
) -> Styler:
    """`compare_scenarios`' table for st.dataframe: the texts, deltas coloured better/worse.

    The cells are text (a null number would show as "None" in the grid, not as MISSING).
    """
    metrics = [metric_of(row) for row in table.index]
    cells = texts(table, horizon_days, wording)
    shown = with_shown_changes(scaled(table), [metric.kind for metric in metrics])
    css = colours(shown, metrics).set_axis(cells.index)  # the screen's row labels
    return cells.style.apply(lambda _: css, axis=None)


def side_by_side(
    table: pd.DataFrame,
    horizon_days: float | None = None,
    wording: Mapping[str, str] | None = None,
) -> Styler:
    """`styled` with one column per scenario, for more scenarios than a row of Δ and Δ% columns
    holds at 1440 px (five read 13 columns, 975 px of them behind a sideways scroll): each
    figure followed by its change against the baseline, "85,630 (+9,490 ▲)", coloured as the
    Δ; the relative change stays in the download."""
    metrics = [metric_of(row) for row in table.index]
    cells = texts(table, horizon_days, wording)
    changes = colours(with_shown_changes(scaled(table), [m.kind for m in metrics]), metrics)
    names = [column for column in cells.columns if not str(column).endswith(("Δ", "Δ%"))]
    joined = cells[names].copy()
    css = pd.DataFrame("", index=cells.index, columns=names)
    for name in names:
        delta = f"{name} Δ"
        if delta not in cells.columns:
            continue  # the baseline
        said = ~cells[delta].isin(["0", MISSING]) & (cells[name] != MISSING)
        joined.loc[said, name] = cells.loc[said, name] + " (" + cells.loc[said, delta] + ")"
        css[name] = changes[delta].to_numpy()
    # Figures right-aligned under right-aligned names, as a spreadsheet lines up its digits;
    # the metric labels stay left.
    css = css.map(lambda colour: f"{colour}; {RIGHT}" if colour else RIGHT)
    return joined.style.apply(lambda _: css, axis=None).set_table_styles(
        [{"selector": "thead th:not(:first-child)", "props": [("text-align", "right !important")]}]
    )


# Widest letter on average of a metric label in the grid's 14-px Source Sans, as Chromium
# measures them: "Answered within the response window (%)" 248 px for 39 letters; and the
# grid's 8.5 px of padding either side of a cell, with room to spare.
LABEL_LETTER_PX = 6.5
GRID_PADDING_PX = 20


def label_column_px(labels: Iterable[str]) -> int:
    """Pixels of the comparison grid's pinned column of metric labels for the longest to read
    whole, where the grid's own width cut "People to employ (busiest week)" at 1440 px."""
    return math.ceil(max(len(label) for label in labels) * LABEL_LETTER_PX) + GRID_PADDING_PX


# The comparison grid's room in a 1440-px window, as Chromium lays the page out.
GRID_ROOM_PX = 978


def grid_px(cells: pd.DataFrame) -> int:
    """Pixels the comparison grid (`styled`'s cells) needs for every header and figure to read
    whole: the grid fits each column to its longest text on one line and never wraps a header."""
    columns = [
        max([len(str(name)), *(len(str(cell)) for cell in cells[name])]) for name in cells.columns
    ]
    return label_column_px(cells.index) + sum(
        math.ceil(letters * LABEL_LETTER_PX) + GRID_PADDING_PX for letters in columns
    )


def fits_grid(cells: pd.DataFrame) -> bool:
    """Whether the grid of `cells` reads whole without a sideways scroll at 1440 px: three
    scenarios named in 40 letters had made it 2,135 px wide, 1,157 px of it behind a scroll
    ("Part-time evening cover for the winter peak Δ%" a header of its own)."""
    return grid_px(cells) <= GRID_ROOM_PX


def _percent_text(fraction: float) -> str:
    return f"{fraction * 100:g}%"


LIVE, CHAT, EMAIL, ANY = ("voice", "chat"), ("chat",), ("email",), ("voice", "chat", "email")
# Staffing settings a scenario holds but the editor table does not show (they come from the
# Staffing page when it is saved): (label, how a value reads, the channels it matters for).
# Targets, shrinkage, span, costs, the quantile and the changes' days are in the table.
UNSHOWN_SETTINGS: dict[str, tuple[str, Callable[[object], str], tuple[str, ...]]] = {
    "channel": ("channel", lambda v: CHANNEL_LABELS.get(str(v), str(v)), ANY),
    "aht_seconds": ("handle time before the AHT % change", lambda v: f"{v:.0f} s", ANY),
    "max_occupancy": ("occupancy cap", _percent_text, ANY),
    "max_asa_seconds": ("ASA cap", lambda v: "none" if v is None else duration_text(v), LIVE),
    "patience_seconds": (
        "Erlang A patience",
        lambda v: "off (Erlang C)" if v is None else duration_text(v),
        LIVE,
    ),
    "max_abandon_rate": (
        "abandonment cap",
        lambda v: "none" if v is None else _percent_text(v),
        LIVE,
    ),
    "chat_concurrency": ("chats per agent at once", str, CHAT),
    "chat_handle_growth": (
        "chat handle time per extra chat",
        lambda v: f"+{_percent_text(v)}",
        CHAT,
    ),
    "email_response_hours": ("e-mail response window", hours_text, EMAIL),
    "email_hours": (
        "e-mail hours",
        lambda v: RANGE_DASH.join(clock_text(hour) for hour in v),
        EMAIL,
    ),
    "min_agents_open": ("minimum agents while open", str, ANY),
    "weekly_contract_hours": ("weekly contract hours", hours_text, ANY),
}


# Shift settings the editor table does not show (its PT % column shows the part-time cap).
UNSHOWN_SHIFT_SETTINGS: dict[str, tuple[str, Callable[[Scenario], str]]] = {
    "full_hours": ("full-time shift", lambda s: f"{s.shifts.full_hours:g} h"),
    "part_hours": (
        "part-time shift",
        lambda s: f"{s.shifts.part_hours:g} h" if s.shifts.part_hours else "none",
    ),
    "start_hours": (
        "shift start hours",
        lambda s: RANGE_DASH.join(
            clock_text(hour) for hour in (s.shifts.earliest_start, s.shifts.latest_start)
        ),
    ),
    "shifts_per_week": ("shifts per person per week", lambda s: str(s.shifts.shifts_per_week)),
}


def unshown_differences(scenarios: dict[str, Scenario]) -> list[str]:
    """One line per setting the editor table does not show that differs between `scenarios`:
    "occupancy cap: Baseline 85%, Cap 90 90%". Empty when they agree on all of them, so the
    table tells the whole difference. Settings of a channel none of them staffs are left out."""
    channels = {scenario.staffing.channel for scenario in scenarios.values()}
    lines = []
    for field, (label, text, matters_for) in UNSHOWN_SETTINGS.items():
        if not channels & set(matters_for):
            continue
        values = {name: getattr(scenario.staffing, field) for name, scenario in scenarios.items()}
        if len({repr(value) for value in values.values()}) > 1:
            shown = ", ".join(f"{name} {text(value)}" for name, value in values.items())
            lines.append(f"{label}: {shown}")
    for label, text in UNSHOWN_SHIFT_SETTINGS.values():
        shift_values = {name: text(scenario) for name, scenario in scenarios.items()}
        if len(set(shift_values.values())) > 1:
            lines.append(f"{label}: " + ", ".join(f"{n} {v}" for n, v in shift_values.items()))
    return lines


def email_window_caption(scenarios: Sequence[Scenario]) -> str:
    """How the e-mail scenarios' two service figures are counted: the window in e-mail hours,
    the clock stopping outside them, the response time in every hour, so "Answered within 24 h"
    at 100% beside a mean response of 28.5 h is no contradiction (the Staffing page's helps
    say so beside its metrics)."""
    hours = {tuple(scenario.staffing.email_hours) for scenario in scenarios}
    windows = {scenario.staffing.email_response_hours for scenario in scenarios}
    if len(hours) > 1:
        worked = "each scenario's e-mail hours"
    elif next(iter(hours)) == (0.0, 24.0):
        worked = "the queue's open hours"
    else:
        first, last = next(iter(hours))
        worked = f"e-mail hours ({clock_text(first)}–{clock_text(last)})"
    window = hours_text(next(iter(windows))) if len(windows) == 1 else "the window"
    return (
        f"E-mail is staffed to a response window counted in {worked}: the clock stops outside "
        "them, as in a business-hours SLA, and the service level is the share of e-mails "
        "answered within that window. The response time is the mean time from arrival to "
        f"answer, every hour counted, nights and weekends included, so it can pass {window} "
        "while every e-mail is in time. Nobody hangs up on an e-mail, so it has no ASA or "
        "abandonment."
    )


def change_on_part_of_forecast(scenario: Scenario, plan: pd.DataFrame) -> str | None:
    """What to say when the scenario changes some of the forecast's open days and not others
    ("+30% in one week" over a 14-day forecast): its FTE, cost per week and expected service
    are averages over every day, the unchanged ones with them, and read its change diluted."""
    changes = scenario.volume_change_pct or scenario.aht_change_pct
    if not (changes and scenario.has_change_period) or plan.empty:
        return None
    starts = pd.to_datetime(plan[INTERVAL_START])
    changed = scenario.changes_on(starts)
    is_open = (
        plan[IS_OPEN].fillna(False).astype(bool).to_numpy()
        if IS_OPEN in plan
        else np.ones(len(plan), dtype=bool)
    )
    if not ((changed & is_open).any() and (~changed & is_open).any()):
        return None
    # In days of 24 hours, as the horizon and cli.py plan count them: a 14-day forecast from
    # 08:00 touches 15 dates, and its first week's change is 6.7 of its 14 days, not 7 of 15.
    step = interval_step(starts)
    horizon = days_covered(starts, step)
    changed_span = days_covered(starts[changed], step)
    first, end = starts[changed].min(), starts[changed].max() + step
    if first == first.normalize() and end == end.normalize():
        span = f"{day_text(first)} – {day_text(end - pd.Timedelta(days=1))}"
    else:  # days reached part-way: the clock says where
        span = f"{day_text(first, clock=True)} – {day_text(end, year=True, clock=True)}"
    # The cost per week is shown over more than a week only (rows_shown).
    per_week = ", cost per week" if shows_per_week(horizon) else ""
    return (
        f"'{scenario.name}' changes {days_text(changed_span).split()[0]} of the forecast's "
        f"{days_text(horizon)} ({span}): its FTE{per_week} and expected service level, waits "
        f"and occupancy are averages over all {days_text(horizon)}, its unchanged days with "
        "them, so they read its change diluted. Its totals add up every day; the chart below "
        "shows the change interval by interval."
    )


def change_outside_forecast(scenario: Scenario, plan: pd.DataFrame) -> str | None:
    """What to say when the scenario's changes miss part of the forecast's open days: limited
    to days the forecast does not reach or holds closed, it staffs the forecast unchanged, and
    reaching beyond it, only its days inside are changed. Either way its name may suggest more,
    as the Forecast page says of a campaign beyond its forecast."""
    changes = scenario.volume_change_pct or scenario.aht_change_pct
    if not (changes and scenario.has_change_period) or plan.empty:
        return None
    starts = pd.to_datetime(plan[INTERVAL_START])
    changed = scenario.changes_on(starts)
    period = " to ".join(
        day_text(day, year=True) if day else "…"
        for day in (scenario.change_from, scenario.change_to)
    )
    first_day, last_day = starts.min().date(), starts.max().date()
    first, last = (day_text(day, year=True) for day in (first_day, last_day))
    said = f"Scenario '{scenario.name}' changes volume and handle time from {period}"
    if not changed.any():
        return (
            f"{said}, outside the forecast ({first} to {last}): it staffs the forecast unchanged. "
            "Change its From and To, or the forecast's horizon on the Forecast page."
        )
    is_open = (
        plan[IS_OPEN].fillna(False).astype(bool).to_numpy()
        if IS_OPEN in plan
        else np.ones(len(plan), dtype=bool)
    )
    if not (changed & is_open).any():
        # The plan lists closed intervals too: a change on a closed Sunday applies to nothing.
        return (
            f"{said}: the forecast has no open interval on those days, so it staffs the forecast "
            "unchanged. Change its From and To to days the queue is open."
        )
    beyond = (scenario.change_from is not None and scenario.change_from < first_day) or (
        scenario.change_to is not None and scenario.change_to > last_day
    )
    if not beyond:
        return None
    inside = starts[changed]
    return (
        f"{said}, beyond the forecast ({first} to {last}): only its days inside it, "
        f"{day_text(inside.min())} to {day_text(inside.max(), year=True)}, are changed, and "
        "the figures "
        "below count those alone. Lengthen the forecast's horizon on the Forecast page to "
        "staff the whole change."
    )


# What each example the "Start with example scenarios" button saves compares, by its name.
EXAMPLE_WORDS = (
    ("+30% volume", "30% more contacts in the forecast's first week"),
    ("90% in 30 s", "a 90% in 30 s target"),
    ("Staffed to P80", "staffing to the P80 forecast"),
    ("Part time", "more part-time shifts"),
)


def examples_offer(base: Scenario) -> str:
    """The comparisons the example button saves from `base`, the current settings, in words:
    an e-mail queue gets no seconds target, and one the settings already are (a P80 plan) is
    left out, so the offer names only those the button will save."""
    some_day = pd.Timestamp("2000-01-03")  # any day: only the +30% example's name holds one
    names = [example.name for example in example_scenarios(base, some_day, some_day)]
    said = ["the current settings"]
    for name in names[1:]:
        said += [words for lead, words in EXAMPLE_WORDS if name.startswith(lead)]
    listed = ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
    return (
        "No scenario saved for this dataset yet: name the current settings and save them, or "
        f"start from the usual comparisons: {listed}."
    )


def cut_week_words(figures: Mapping[str, ShiftFigures]) -> str:
    """Where the horizon holds only some days of a scenario's busiest week, which days, and the
    busiest whole week's people, as the Shifts page says it: " The horizon holds only Mon 30
    Nov – Wed 2 Dec of every scenario's busiest week, whose people to employ work those days
    alone; the busiest whole week needs 77 for 'A', 99 for 'B'." Empty for whole weeks."""
    cut = {
        name: shown.busiest_week
        for name, shown in figures.items()
        if shown.busiest_week is not None and shown.busiest_week.cut
    }
    if not cut:
        return ""
    by_days: dict[str, list[str]] = {}
    for name, week in cut.items():
        by_days.setdefault(week.days_held, []).append(f"'{name}'")
    if len(by_days) == 1 and len(cut) == len(figures) > 1:  # the same days for all
        held = f"only {next(iter(by_days))} of every scenario's busiest week"
    else:
        held = "; ".join(
            f"only {days} of the busiest week of {_listed(names)}"
            for days, names in by_days.items()
        )
    said = f" The horizon holds {held}, whose people to employ work those days alone"
    whole = [
        f"{week.whole_people:,} for '{name}'"
        for name, week in cut.items()
        if week.whole_week is not None
    ]
    if whole:
        said += f"; the busiest whole week needs {', '.join(whole)}"
    wanting = [f"'{name}'" for name, week in cut.items() if week.whole_week is None]
    if wanting and not whole:
        said += "; the horizon holds no whole week, whose shifts may need more people"
    elif wanting:
        said += f"; no whole week for {_listed(wanting)}, whose shifts may need more people"
    return said + "."


def shift_plan_notes(notes: Mapping[str, Sequence[str]]) -> list[str]:
    """Each scenario's notes on its shift plan (by scenario name), each note said once with
    the scenarios it holds for: "Every scenario's shifts: ..." where it holds for all of
    several, "Shifts of 'A' and 'B': ..." otherwise."""
    by_note: dict[str, list[str]] = {}
    for name, said in notes.items():
        for note in said:
            by_note.setdefault(note, []).append(f"'{name}'")
    return [
        f"Every scenario's shifts: {note}"
        if len(names) == len(notes) > 1
        else f"Shifts of {_listed(names)}: {note}"
        for note, names in by_note.items()
    ]


def shift_cover_note(cover: str, queue: str, queues: Sequence[str]) -> str | None:
    """Where the Shifts page covers every queue's people together while the comparison's shifts
    cover the one queue its scenarios staff: said, or a scenario's shifts and people to employ
    read as the Shifts page's and fall short of them. None where both cover the same people."""
    if cover != COVER_ALL_QUEUES or len(queues) < 2:
        return None
    return (
        f"The shifts here cover queue '{queue}' alone, the queue every scenario staffs, while the "
        f"Shifts page covers “{SHIFT_COVER_LABELS[COVER_ALL_QUEUES]}” ({len(queues)} queues): "
        "its shifts, people to employ and paid hours add up every queue's people, so they read "
        f"more than these. Pick “{SHIFT_COVER_LABELS[COVER_THIS_QUEUE]}” there to see this "
        "queue's alone."
    )


def _listed(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# The scenario grid's headers of the page settings it has a cell for, by setting (the field of
# planning.scenario.PAGE_SETTINGS); the others are set on the Staffing and Shifts pages alone.
GRID_HEADERS = {
    "service_level": "SL %",
    "answer_within_seconds": "SL s",
    "shrinkage": "Shr %",
    "supervisor_span": "Span",
    "quantile": "Staff",
    # Per paid hour, as the Staffing page's "Agent cost (EUR per paid hour)": "Agent €" read
    # as a total, beside the comparison's cost rows in EUR.
    "agent_hourly_cost": "Agent €/h",
    "supervisor_hourly_cost": "Sup €/h",
    "part_max_share": "PT %",
}


def _setting_of(change: str) -> tuple[str, str]:
    """(field, name) of a settings_changed_since line, "shrinkage 30% saved, 35% now": the
    longest name it starts with, as "handle time" starts "handle time by weekday ..." too."""
    named = [(field, name) for _, field, name, _ in PAGE_SETTINGS if change.startswith(f"{name} ")]
    return max(named, key=lambda pair: len(pair[1]))


def stale_current_settings_warning(changes: Sequence[str]) -> str:
    """What the saved 'Current settings' scenario holds apart from the pages, and how to bring
    it level: its cells in the grid for the settings the grid has, a new save for the others
    (the full-time week, shift lengths, start hours ...), which no cell changes."""
    said = (
        f"'{CURRENT_SETTINGS}' holds the settings it was saved with, not those of the Staffing "
        f"and Shifts pages now: {'; '.join(changes)}. "
    )
    settings = [_setting_of(change) for change in changes]
    uncelled = [name for field, name in settings if field not in GRID_HEADERS]
    if not uncelled:
        return (
            f"{said}Change its cells in the table above, or save the current settings under a "
            "new name, to compare what the pages plan now."
        )
    celled = [GRID_HEADERS[field] for field, _ in settings if field in GRID_HEADERS]
    missing = f"the {_listed(uncelled)}"
    where = (
        f"The table above has cells for some of them ({', '.join(celled)}) but none for {missing}"
        if celled
        else f"The table above has no cell for {missing}"
    )
    return (
        f"{said}{where}: save the current settings under a new name, or delete "
        f"'{CURRENT_SETTINGS}' (“Duplicate, rename or delete a scenario”) and save them under "
        "that name again, to compare what the pages plan now."
    )
