"""The scenario comparison as shown: each metric in its unit, signed deltas, better/worse colours.

`planning.compare_scenarios` gives one row per metric (rates as fractions) and `<name> Δ`,
`<name> Δ%` columns; this module formats that table for the screen only (downloads keep it raw).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
from pandas.io.formats.style import Styler

MISSING = "–"
MINUS = "−"  # a real minus sign: as wide as the plus and easier to read than a hyphen
BETTER_COLOUR = "color: #1a7f37"
WORSE_COLOUR = "color: #cf222e"
COUNT, DECIMAL, MONEY, RATE = "count", "decimal", "money", "rate"


@dataclass(frozen=True)
class Metric:
    label: str  # the row label on screen, with its unit
    kind: str  # COUNT, DECIMAL, MONEY or RATE (a fraction shown in percent)
    better: int  # +1: higher is better, -1: lower is better (cheaper), 0: neither


# By the row labels of planning.compare.METRICS. People, hours and money: less is cheaper.
METRICS = {
    "FTE": Metric("FTE", DECIMAL, -1),
    "Peak agents": Metric("Peak agents", COUNT, -1),
    "Peak rostered people": Metric("Peak rostered people", COUNT, -1),
    "Peak supervisors": Metric("Peak supervisors", COUNT, -1),
    "Paid hours": Metric("Paid hours (h)", COUNT, -1),
    "Total cost": Metric("Total cost (EUR)", MONEY, -1),
    "Cost per week": Metric("Cost per week (EUR)", MONEY, -1),
    "Expected service level": Metric("Expected service level (%)", RATE, 1),
    "Expected ASA (s)": Metric("Expected ASA (s)", COUNT, -1),
    "Expected occupancy": Metric("Expected occupancy (%)", RATE, 0),
    "Expected abandonment": Metric("Expected abandonment (%)", RATE, -1),
}


def metric_of(row: str) -> Metric:
    return METRICS.get(row) or Metric(row, DECIMAL, 0)


def _signed(text: str) -> str:
    return text.replace("-", MINUS)


def value_text(value: float, kind: str) -> str:
    if value is None or not math.isfinite(value):
        return MISSING
    if kind == DECIMAL:
        return _signed(f"{value:,.1f}")
    if kind == RATE:
        return _signed(f"{value:.1f}")
    return _signed(f"{value:,.0f}")


def delta_text(delta: float, kind: str) -> str:
    """A signed change with an arrow: '+3 ▲', '−1.5 pp ▼', '0'."""
    if delta is None or not math.isfinite(delta):
        return MISSING
    digits = 1 if kind in (DECIMAL, RATE) else 0
    if round(delta, digits) == 0:
        return "0"
    unit = " pp" if kind == RATE else ""  # rates change by percentage points
    arrow = "▲" if delta > 0 else "▼"
    return _signed(f"{delta:+,.{digits}f}{unit} {arrow}")


def percent_text(percent: float) -> str:
    if percent is None or not math.isfinite(percent):
        return MISSING
    if round(percent, 1) == 0:
        return "0%"
    return _signed(f"{percent:+.1f}%")


def scaled(table: pd.DataFrame) -> pd.DataFrame:
    """Rates as percentages (values and Δ; Δ% stays relative), rows relabelled with units."""
    shown = table.astype(float)
    for row in shown.index:
        if metric_of(row).kind == RATE:
            columns = [c for c in shown.columns if not str(c).endswith("Δ%")]
            shown.loc[row, columns] = shown.loc[row, columns] * 100
    shown.index = [metric_of(row).label for row in table.index]
    shown.index.name = "Metric"
    return shown


def delta_colour(delta: float, metric: Metric) -> str:
    """Green when better than the baseline, red when worse; none for a change shown as 0."""
    if not metric.better or delta_text(delta, metric.kind) in ("0", MISSING):
        return ""
    return BETTER_COLOUR if delta * metric.better > 0 else WORSE_COLOUR


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


def texts(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as shown: the metric's unit, signed deltas with arrows, "–" where missing."""
    shown = scaled(table)
    cells = pd.DataFrame(index=shown.index, columns=shown.columns, dtype=object)
    for label, row in zip(shown.index, table.index, strict=True):
        kind = metric_of(row).kind
        for column in shown.columns:
            cells.loc[label, column] = _formatter(str(column), kind)(shown.loc[label, column])
    return cells


def styled(table: pd.DataFrame) -> Styler:
    """`compare_scenarios`' table for st.dataframe: the texts, deltas coloured better/worse.

    The cells are text (a null number would show as "None" in the grid, not as "–").
    """
    metrics = [metric_of(row) for row in table.index]
    css = colours(scaled(table), metrics)
    return texts(table).style.apply(lambda _: css, axis=None)
