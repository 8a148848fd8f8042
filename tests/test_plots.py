"""Forecast page charts: readable hovers and day-by-day ticks on the days with bars."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from app_ui import plots
from forecasting.peaks import day_outlook

FIRST_DAY = pd.Timestamp("2026-11-23")  # a Monday
PLACEHOLDER = re.compile(r"%\{([^}|:]+)(?:\|([^}]*))?(?::([^}]*))?\}")


def render(trace: go.Scatter | go.Bar, point: int) -> str:
    """A trace's hovertemplate filled in for one point the way plotly's d3 formats would (the
    date and number formats used here mean the same in Python)."""

    def value(match: re.Match) -> str:
        name, date_format, number_format = match.groups()
        index = re.fullmatch(r"customdata\[(\d)\]", name)
        if index:
            raw = trace.customdata[point][int(index.group(1))]
        else:
            raw = getattr(trace, name)[point]
        if date_format:
            return pd.Timestamp(raw).strftime(date_format)
        return format(float(raw), number_format) if number_format else str(raw)

    return PLACEHOLDER.sub(value, trace.hovertemplate).replace("<extra></extra>", "")


def unformatted(trace: go.Scatter | go.Bar) -> list[str]:
    """Placeholders that would show a number raw (ready-made strings may go in as they are)."""
    raw = []
    for name, date_format, number_format in PLACEHOLDER.findall(trace.hovertemplate):
        if date_format or number_format:
            continue
        index = re.fullmatch(r"customdata\[(\d)\]", name)
        first = trace.customdata[0][int(index.group(1))] if index else getattr(trace, name)[0]
        if not isinstance(first, str):
            raw.append(name)
    return raw


def forecast_frames(scale: float = 1.0) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """History of Friday 20 Nov, a forecast of Monday 23 Nov 10:00-12:00 (closed at 11:00) and
    one peak 10:30-11:00."""
    past = pd.date_range("2026-11-20 10:00", periods=4, freq="15min")
    history = pd.DataFrame(
        {
            "interval_start": past,
            "queue": "phone",
            "volume": [80.0, 91.0, 0.0, 77.0],
            "is_open": [True, True, False, True],
        }
    )
    starts = pd.date_range("2026-11-23 10:00", periods=8, freq="15min")
    forecast = scale * np.array([60.2, 70.9, 88.33475, 93.6, 0, 0, 50.5, 40.1])
    frame = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": forecast,
            "p10": forecast * 0.85,
            "p90": forecast * 1.155,
            "is_open": [True, True, True, True, False, False, True, True],
        }
    )
    # As forecasting.peaks.find_peaks gives it: 181.9 contacts against a usual 128.5.
    peaks = pd.DataFrame(
        {
            "rank": [1],
            "queue": ["phone"],
            "start": [starts[2]],
            "end": [starts[4]],
            "extra_contacts": [53.4],
            "pct_above_usual": [41.6],
            "forecast": [181.9],
            "usual": [128.5],
            "busiest_interval": [93.6],
            "over_ceiling_contacts": [0.0],
            "reason": ["above the usual pattern"],
        }
    )
    return history, frame, peaks


def trace(figure: go.Figure, name: str) -> go.Scatter | go.Bar:
    return next(item for item in figure.data if item.name == name)


def test_forecast_hover_names_the_interval_and_rounds_forecast_and_band():
    history, frame, peaks = forecast_frames()
    figure = plots.forecast_chart(history, frame, peaks, "phone")
    line = trace(figure, "forecast")
    assert render(line, 2) == "Mon 23 Nov 10:30 · forecast 88 contacts (P10–P90 75–102)"
    assert render(line, 3) == "Mon 23 Nov 10:45 · forecast 94 contacts (P10–P90 80–108)"
    assert np.isnan(line.y[4])  # closed: no point, so no hover
    past = trace(figure, "history")
    assert render(past, 1) == "Fri 20 Nov 10:15 · actual 91 contacts"
    marker = trace(figure, "peak")
    assert render(marker, 0) == (
        "Mon 23 Nov 10:45 · peak top: forecast 94 contacts (P90 108)<br>Mon 23 Nov "
        "10:30–11:00: +42% over a usual Monday, ≈ 53 extra contacts (above the usual pattern)"
    )
    # One hover per trace with its own time; the band stays silent.
    assert figure.layout.hovermode == "x"
    assert figure.layout.xaxis.hoverformat == "%a %-d %b %H:%M"
    assert trace(figure, "P10–P90").hoverinfo == "skip"


def test_every_forecast_hover_formats_its_numbers_and_dates():
    history, frame, peaks = forecast_frames()
    figure = plots.forecast_chart(history, frame, peaks, "phone")
    shown = [item for item in figure.data if item.hoverinfo != "skip"]
    assert [item.name for item in shown] == ["history", "forecast", "peak"]
    for item in shown:
        template = item.hovertemplate
        assert template and template.endswith("<extra></extra>"), item.name
        assert "%{x|%a %-d %b %H:%M}" in template, item.name
        assert "%{y:,.0f}" in template or "%{customdata:,.0f}" in template, item.name
        assert not unformatted(item), (item.name, template)
        assert "%{x}" not in template


def test_a_small_queue_keeps_one_decimal_in_its_forecast_hover():
    history, frame, peaks = forecast_frames(scale=0.01)
    figure = plots.forecast_chart(history, frame, peaks, "phone")
    assert render(trace(figure, "forecast"), 2) == (
        "Mon 23 Nov 10:30 · forecast 0.9 contacts (P10–P90 0.8–1.0)"
    )
    # Whole counts of history stay whole.
    assert render(trace(figure, "history"), 0) == "Fri 20 Nov 10:00 · actual 80 contacts"


def outlook(
    days: int, first: pd.Timestamp = FIRST_DAY, closed: tuple[int, ...] = (5, 6)
) -> pd.DataFrame:
    """day_outlook of a forecast over `days` calendar days from `first`, open 09:00-11:00 on
    weekdays not in `closed` (0 = Monday), as the Forecast page builds it."""
    starts = pd.date_range(first + pd.Timedelta(hours=9), periods=days * 24 * 4, freq="15min")
    open_mask = ~starts.day_of_week.isin(closed) & (starts.hour >= 9) & (starts.hour < 11)
    forecast = np.where(open_mask, 12.4, 0.0)
    frame = pd.DataFrame(
        {
            "interval_start": starts,
            "queue": "phone",
            "forecast": forecast,
            "p90": forecast * 1.2,
            "usual": np.where(open_mask, 11.0, 0.0),
            "is_open": open_mask,
        }
    )
    frame = frame[frame["interval_start"] < first + pd.Timedelta(days=days)]
    return day_outlook(frame)


def labels(figure: go.Figure) -> list[str]:
    return [text.replace("<br>", " ") for text in figure.layout.xaxis.ticktext]


def test_day_chart_ticks_are_the_open_days_from_the_first_forecast_day():
    days = outlook(12)  # Mon 23 Nov to Fri 4 Dec: 10 open days, a closed weekend between
    figure = plots.day_outlook_chart(days, "phone")
    bars = trace(figure, "forecast")
    assert len(bars.x) == 10
    axis = figure.layout.xaxis
    assert axis.tickmode == "array"
    assert [pd.Timestamp(value) for value in axis.tickvals] == [
        pd.Timestamp(value) for value in bars.x
    ]
    assert labels(figure) == [
        "Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov",
        "Mon 30 Nov", "Tue 1 Dec", "Wed 2 Dec", "Thu 3 Dec", "Fri 4 Dec",
    ]  # fmt: skip
    assert axis.ticktext[0] == "Mon<br>23 Nov"  # two lines: a fortnight fits unslanted
    assert axis.title.text == "Date"
    assert figure.layout.yaxis.title.text == "Contacts per day"
    assert bars.marker.color == plots.FORECAST_COLOUR


def test_day_chart_labels_one_day_a_week_over_a_long_horizon():
    figure = plots.day_outlook_chart(outlook(28, closed=(6,)), "phone")
    assert len(trace(figure, "forecast").x) == 24  # Sundays closed
    assert labels(figure) == ["Mon 23 Nov", "Mon 30 Nov", "Mon 7 Dec", "Mon 14 Dec"]

    quarter = plots.day_outlook_chart(outlook(92, closed=(6,)), "phone")
    assert len(trace(quarter, "forecast").x) == 79
    assert len(quarter.layout.xaxis.ticktext) == 14
    assert all(label.startswith("Mon ") for label in labels(quarter))


def test_day_chart_week_labels_start_on_the_first_day_and_skip_closed_mondays():
    # From Thursday 26 Nov: the Monday four days on would crowd the first label.
    figure = plots.day_outlook_chart(outlook(30, first=pd.Timestamp("2026-11-26")), "phone")
    assert labels(figure) == ["Thu 26 Nov", "Mon 7 Dec", "Mon 14 Dec", "Mon 21 Dec"]
    # A week whose Monday is closed is labelled on its first open day.
    days = outlook(21)
    days = days[days["date"] != pd.Timestamp("2026-11-30")]
    days = pd.concat([days, outlook(7, first=pd.Timestamp("2026-12-14"))])
    figure = plots.day_outlook_chart(days, "phone")
    assert len(trace(figure, "forecast").x) == 19
    assert labels(figure) == ["Mon 23 Nov", "Tue 1 Dec", "Mon 7 Dec", "Mon 14 Dec"]


def test_day_chart_hover_gives_forecast_usual_and_percent_rounded():
    days = outlook(12)
    days.loc[1, ["forecast_contacts", "vs_usual"]] = [0.0, -1.0]
    days.loc[2, "reason"] = "Campaign spring"
    days.loc[3, ["usual_contacts", "vs_usual"]] = [0.0, np.nan]
    days.loc[4, "vs_usual"] = -0.001  # rounds to no change, not "-0%"
    figure = plots.day_outlook_chart(days, "phone")
    bars = trace(figure, "forecast")
    assert render(bars, 0) == "Mon 23 Nov · forecast 99 contacts, usual 88 (+13% vs usual)"
    assert render(bars, 1) == "Tue 24 Nov · forecast 0 contacts, usual 88 (-100% vs usual)"
    assert render(bars, 2) == (
        "Wed 25 Nov · forecast 99 contacts, usual 88 (+13% vs usual)<br>Campaign spring"
    )
    assert render(bars, 3) == (
        "Thu 26 Nov · forecast 99 contacts, usual 0 (no usual such day to compare)"
    )
    assert render(bars, 4).endswith("(+0% vs usual)")
    usual = trace(figure, "usual for the weekday")
    assert render(usual, 5) == "Mon 30 Nov · usual for a Monday: 88 contacts"
    for item in figure.data:
        assert not unformatted(item), item.hovertemplate
    assert figure.layout.hovermode == "closest"
