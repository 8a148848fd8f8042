"""Plotly figures for the pages: history, forecast band with peaks, staffing heatmap, comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from data.dates import day_text
from data.schema import INTERVAL_START, IS_OPEN, QUEUE, VOLUME
from forecasting.peaks import describe_peak
from planning.compare import SCENARIO
from staffing.weekly import weekly_pattern

HISTORY_WINDOW_DAYS = 182  # the history chart opens on the last six months (slider for more)
WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
BAND_COLOUR = "rgba(31, 119, 180, 0.30)"
FORECAST_COLOUR = "#1f77b4"
HISTORY_COLOUR = "#555555"
PEAK_COLOUR = "rgba(214, 39, 40, 0.14)"
PEAK_MARKER = "#d62728"
UNUSUAL_COLOUR = "#9467bd"  # purple: apart from the peaks' red and the forecast's blue
HOVER_TIME = "%a %-d %b %H:%M"  # d3 format of an interval in hovers: "Mon 23 Nov 10:45"
HOVER_DAY = "%a %-d %b"
# Ticks of a time axis as the app writes days, "Mon 23 Nov" ("Nov 23" in plotly's own), with
# the time of day above it once zoomed in to ticks less than a day apart.
DAY_MS = 24 * 3600 * 1000
INTERVAL_TICKS = [
    {"dtickrange": [None, DAY_MS - 1], "value": "%H:%M\n" + HOVER_DAY},
    {"dtickrange": [DAY_MS, None], "value": HOVER_DAY},
]
MAX_DAILY_TICKS = 16  # beyond this many days, label one day a week so labels stay level
MIN_TICK_GAP_DAYS = 5  # closer week labels than this (after a mid-week start) would overlap
SCENARIO_BASELINE_COLOUR = "#9e9e9e"  # the scenario the others are measured against
SCENARIO_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"]  # up to 5 compared


def _layout(figure: go.Figure, title: str, y_title: str, height: int = 380) -> go.Figure:
    figure.update_layout(
        title=title,
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hovermode="x unified",
        # Whole trace names in the hover: plotly cuts them at 15 characters ("people roste...").
        hoverlabel={"namelength": -1},
    )
    figure.update_yaxes(title_text=y_title, rangemode="tozero")
    return figure


def daily_history(intervals: pd.DataFrame) -> go.Figure:
    """Contacts per day, one line per queue (days without any data stay empty)."""
    frame = intervals[[INTERVAL_START, QUEUE, VOLUME, IS_OPEN]].copy()
    frame["day"] = frame[INTERVAL_START].dt.normalize()
    # groupby's own sum, not a Python lambda per queue and day: 35 ms less on the sample's 2,000.
    by_day = frame.groupby([QUEUE, "day"], sort=True)
    daily = pd.DataFrame(
        {VOLUME: by_day[VOLUME].sum(min_count=1), IS_OPEN: by_day[IS_OPEN].any()}
    ).reset_index()
    daily = daily[daily[IS_OPEN]]  # closed days (e.g. Sundays) would draw a zero every week
    figure = go.Figure()
    for queue, rows in daily.groupby(QUEUE, sort=True):
        figure.add_trace(
            go.Scatter(
                x=rows["day"], y=rows[VOLUME], mode="lines", name=str(queue), line={"width": 1.2}
            )
        )
    if not daily.empty:
        last = daily["day"].max()
        first = max(daily["day"].min(), last - pd.Timedelta(days=HISTORY_WINDOW_DAYS))
        figure.update_xaxes(range=[first, last + pd.Timedelta(days=1)])
    figure.update_xaxes(rangeslider={"visible": True, "thickness": 0.06})
    # The history spans years: its hover names the year, as the page's other dates do.
    figure.update_xaxes(title_text="Date", hoverformat=HOVER_DAY + " %Y")
    return _layout(figure, "Contacts per open day", "Contacts per day", height=420)


def intraday_profile(intervals: pd.DataFrame, queue: str) -> go.Figure:
    """Mean contacts per interval by time of day, one line per weekday; closed slots empty."""
    rows = intervals[intervals[QUEUE] == queue]
    starts = rows[INTERVAL_START]
    volume = rows[VOLUME].where(rows[IS_OPEN].astype(bool))
    profile = (
        pd.DataFrame(
            {"weekday": starts.dt.day_of_week, "time": starts.dt.strftime("%H:%M"), "v": volume}
        )
        .groupby(["weekday", "time"], sort=True)["v"]
        .mean()
        .unstack("weekday")
    )
    figure = go.Figure()
    for weekday in profile.columns:
        figure.add_trace(
            go.Scatter(
                x=profile.index,
                y=profile[weekday],
                mode="lines",
                name=WEEKDAY_NAMES[weekday],
                connectgaps=False,
            )
        )
    figure.update_xaxes(title_text="Time of day (interval start)", nticks=24)
    return _layout(figure, f"Average day, {queue}: contacts per interval", "Contacts per interval")


def _count_format(values: pd.Series) -> str:
    """d3 format for contacts: whole numbers, one decimal only for a small fractional queue."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    finite = numbers[np.isfinite(numbers)]
    if finite.size == 0 or finite.max() >= 10 or np.all(finite == np.round(finite)):
        return ",.0f"
    return ",.1f"


def _band_outline(times: pd.Series, low: pd.Series, high: pd.Series, open_mask: pd.Series):
    """x/y of one closed polygon per run of open slots, separated by None (filled with toself).

    A plain fill between two gapped lines bleeds across the gaps; separate polygons keep closed
    hours empty.
    """
    run_id = (open_mask != open_mask.shift()).cumsum()[open_mask]
    xs: list = []
    ys: list = []
    for _, run in times[open_mask].groupby(run_id):
        index = run.index
        xs += [*run, *run[::-1], None]
        ys += [*high[index], *low[index][::-1], None]
    return xs, ys


def forecast_chart(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    peaks: pd.DataFrame | None,
    queue: str,
    unusual: pd.DataFrame | None = None,
    unusual_left_out: bool | pd.Series = True,
) -> go.Figure:
    """History tail and forecast with its P10–P90 band; closed slots are gaps; peaks marked, and
    the history's unusual intervals (queue, interval_start, volume, usual) when given, marked
    left out of or kept in training as `unusual_left_out` says (all of them, or per row)."""
    figure = go.Figure()
    past = history[history[QUEUE] == queue]
    past_volume = past[VOLUME].where(past[IS_OPEN].astype(bool))
    past_format = _count_format(past_volume)
    figure.add_trace(
        go.Scatter(
            x=past[INTERVAL_START],
            y=past_volume,
            mode="lines",
            name="history",
            line={"color": HISTORY_COLOUR, "width": 1},
            hovertemplate=f"%{{x|{HOVER_TIME}}} · actual %{{y:{past_format}}} "
            "contacts<extra></extra>",
        )
    )
    if unusual is not None and not unusual.empty and not past.empty:
        shown = unusual[
            (unusual[QUEUE] == queue)
            & (unusual[INTERVAL_START] >= past[INTERVAL_START].min())
            & (unusual[INTERVAL_START] <= past[INTERVAL_START].max())
        ]
        left_out = (
            unusual_left_out.reindex(shown.index).fillna(False).astype(bool)
            if isinstance(unusual_left_out, pd.Series)
            else pd.Series(bool(unusual_left_out), index=shown.index)
        )
        for out, how in ((True, "left out of training"), (False, "kept in training")):
            marked = shown[left_out == out]
            if marked.empty:
                continue
            figure.add_trace(
                go.Scatter(
                    x=marked[INTERVAL_START],
                    y=marked[VOLUME],
                    mode="markers",
                    name=f"unusual ({how})",
                    # Left out: a cross; kept: an open circle, so the two read apart.
                    marker={
                        "color": UNUSUAL_COLOUR,
                        "symbol": "x" if out else "circle-open",
                        "size": 7,
                    },
                    customdata=marked["usual"].to_numpy(dtype=float),
                    hovertemplate=f"%{{x|{HOVER_TIME}}} · unusual: %{{y:{past_format}}} "
                    f"contacts against a usual %{{customdata:{past_format}}} ({how})"
                    "<extra></extra>",
                )
            )
    ahead = forecast[forecast[QUEUE] == queue].reset_index(drop=True)
    open_mask = ahead[IS_OPEN].astype(bool)
    # One format for the line, its band and the peaks, so their figures compare.
    count = _count_format(ahead["p90"].where(open_mask))
    band_x, band_y = _band_outline(ahead[INTERVAL_START], ahead["p10"], ahead["p90"], open_mask)
    figure.add_trace(
        go.Scatter(
            x=band_x,
            y=band_y,
            mode="lines",
            line={"width": 0},
            fill="toself",
            fillcolor=BAND_COLOUR,
            name="P10–P90",
            hoverinfo="skip",
        )
    )
    # NaN on closed slots breaks the line, so closed hours show as empty space.
    figure.add_trace(
        go.Scatter(
            x=ahead[INTERVAL_START],
            y=ahead["forecast"].where(open_mask),
            mode="lines",
            name="forecast",
            line={"color": FORECAST_COLOUR, "width": 1.5},
            customdata=np.column_stack(
                [ahead["p10"].to_numpy(dtype=float), ahead["p90"].to_numpy(dtype=float)]
            ),
            hovertemplate=f"%{{x|{HOVER_TIME}}} · forecast %{{y:{count}}} contacts "
            f"(P10–P90 %{{customdata[0]:{count}}}–%{{customdata[1]:{count}}})<extra></extra>",
        )
    )
    if peaks is not None and not peaks.empty:
        # One layout update: add_vrect per peak re-validates every shape each time (quadratic).
        figure.update_layout(
            shapes=[
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": start,
                    "x1": end,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": PEAK_COLOUR,
                    "line": {"width": 0},
                    "layer": "below",
                }
                for start, end in zip(peaks["start"], peaks["end"], strict=True)
            ]
        )
        # Marker above the band at each peak's busiest interval, where staffing is tightest.
        tops = peak_tops(ahead, peaks)
        figure.add_trace(
            go.Scatter(
                x=tops[INTERVAL_START],
                y=tops["p90"],
                mode="markers",
                name="peak",
                marker={"color": PEAK_MARKER, "symbol": "triangle-down", "size": 11},
                customdata=tops["forecast"],
                # The whole peak as the list under the chart words it: its extra contacts (or
                # those over the ceiling, where it peaks at a usual level) and its cause.
                text=[describe_peak(peak) for _, peak in peaks.iterrows()],
                hovertemplate=f"%{{x|{HOVER_TIME}}} · peak top: forecast %{{customdata:{count}}} "
                f"contacts (P90 %{{y:{count}}})<br>%{{text}}<extra></extra>",
            )
        )
    figure.update_xaxes(
        title_text="Date and time", hoverformat=HOVER_TIME, tickformatstops=INTERVAL_TICKS
    )
    _layout(figure, f"Forecast, {queue}: contacts per interval", "Contacts per interval", 440)
    # Each hover names its own interval; a unified box repeats the time and lists raw values.
    figure.update_layout(hovermode="x")
    return figure


def peak_tops(ahead: pd.DataFrame, peaks: pd.DataFrame) -> pd.DataFrame:
    """The busiest interval of each peak (in the peaks' order): interval_start, forecast, p90.

    A peak record holds only its start and end; its top is read off the forecast between them
    (the first interval when the forecast has none of them).
    """
    times = pd.to_datetime(ahead[INTERVAL_START])
    rows = []
    for start, end in zip(peaks["start"], peaks["end"], strict=True):
        inside = ahead[(times >= pd.Timestamp(start)) & (times < pd.Timestamp(end))]
        if inside.empty:
            rows.append({INTERVAL_START: pd.Timestamp(start), "forecast": np.nan, "p90": np.nan})
        else:
            top = inside.loc[inside["forecast"].idxmax()]
            rows.append({name: top[name] for name in (INTERVAL_START, "forecast", "p90")})
    return pd.DataFrame(rows, columns=[INTERVAL_START, "forecast", "p90"])


BASELINE_COLOUR = "#ff7f0e"


def backtest_chart(last: pd.DataFrame, queue: str, chosen: str) -> go.Figure:
    """The latest backtest of `queue`: actual contacts beside the chosen model's forecast and
    the 4-week average's, each named with its error (WAPE) over those days only."""
    rows = last[last[QUEUE] == queue]
    figure = go.Figure()
    if rows.empty:
        return _layout(figure, f"Last backtest, {queue}", "Contacts per interval")
    first = rows[rows["model"] == rows["model"].iloc[0]]
    figure.add_trace(
        go.Scatter(
            x=first[INTERVAL_START],
            y=first["actual"],
            name="actual",
            mode="lines",
            line={"color": HISTORY_COLOUR, "width": 1},
        )
    )
    for model, frame in rows.groupby("model", sort=False):
        seen = frame["actual"].notna()
        error = (frame["forecast"] - frame["actual"])[seen].abs().sum()
        total = frame["actual"][seen].sum()
        wape = f" (WAPE {error / total:.1%} on these days)" if total > 0 else ""
        is_chosen = model == chosen
        figure.add_trace(
            go.Scatter(
                x=frame[INTERVAL_START],
                y=frame["forecast"],
                name=f"{model}{' — chosen' if is_chosen else ''}{wape}",
                mode="lines",
                line={
                    "color": FORECAST_COLOUR if is_chosen else BASELINE_COLOUR,
                    "width": 1.4 if is_chosen else 1,
                    "dash": "solid" if is_chosen else "dot",
                },
            )
        )
    start = pd.Timestamp(first[INTERVAL_START].min())
    figure.update_xaxes(
        title_text="Date and time", hoverformat=HOVER_TIME, tickformatstops=INTERVAL_TICKS
    )
    return _layout(
        figure,
        f"Last backtest, {queue}: forecast from {day_text(start, year=True)} vs what happened",
        "Contacts per interval",
    )


def staffing_chart(plan: pd.DataFrame, queue: str | None = None) -> go.Figure:
    """Agents on the phones, people rostered and supervisors per interval; closed slots empty.
    The title names `queue`, as the Forecast page's charts name theirs."""
    open_mask = plan[IS_OPEN].astype(bool)
    figure = go.Figure()
    for column, label in (
        ("rostered", "people rostered"),
        ("agents", "agents needed"),
        ("supervisors", "supervisors"),
    ):
        figure.add_trace(
            go.Scatter(
                x=plan[INTERVAL_START],
                y=plan[column].where(open_mask),
                mode="lines",
                line={"shape": "hv", "width": 1.3},
                name=label,
            )
        )
    figure.update_xaxes(
        title_text="Date and time", hoverformat=HOVER_TIME, tickformatstops=INTERVAL_TICKS
    )
    title = "Staff per interval" + (f", {queue}" if queue is not None else "")
    return _layout(figure, title, "People at once", height=360)


def shift_cover_chart(coverage: pd.DataFrame) -> go.Figure:
    """People the plan needs per interval against people on the chosen shifts."""
    figure = go.Figure()
    for column, label, colour in (
        ("needed", "people rostered (needed)", HISTORY_COLOUR),
        ("on_shift", "people on shift", FORECAST_COLOUR),
    ):
        figure.add_trace(
            go.Scatter(
                x=coverage["interval_start"],
                y=coverage[column],
                mode="lines",
                line={"shape": "hv", "width": 1.3, "color": colour},
                name=label,
                hovertemplate="%{y:,.0f}",
            )
        )
    figure.update_xaxes(
        title_text="Date and time", hoverformat=HOVER_TIME, tickformatstops=INTERVAL_TICKS
    )
    return _layout(figure, "Shifts against the people needed", "People at once", height=360)


def shift_days_chart(by_day: pd.DataFrame) -> go.Figure:
    """Shifts starting each day, stacked by shift type."""
    figure = go.Figure()
    for column in [name for name in by_day.columns if name not in ("day", "paid_hours")]:
        figure.add_trace(
            go.Bar(
                x=by_day["day"],
                y=by_day[column],
                name=column,
                hovertemplate="%{x|%a %-d %b}: %{y:,.0f} shifts<extra>" + column + "</extra>",
            )
        )
    _layout(figure, "Shifts starting each day", "Shifts (people)", height=320)
    figure.update_layout(barmode="stack", hovermode="closest")
    figure.update_yaxes(tickformat=",d")
    return _day_axis(figure, pd.to_datetime(by_day["day"]))


def scenario_staff_chart(plans: pd.DataFrame, baseline: str) -> go.Figure:
    """People rostered per interval, one line per scenario (`plans` from
    planning.compare.plans_side_by_side), and below it each scenario's difference from the
    baseline, where lines that overlap above come apart. Closed slots are gaps."""
    figure = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.6, 0.4]
    )
    base = plans[plans[SCENARIO] == baseline].set_index(INTERVAL_START)["rostered"]
    others = 0
    for name, plan in plans.groupby(SCENARIO, sort=False):
        is_baseline = name == baseline
        rostered = plan["rostered"].where(plan[IS_OPEN].astype(bool))
        # One colour per scenario in both rows (plotly would give the lower row's lines new ones).
        line = {"shape": "hv", "width": 1.3, "color": SCENARIO_BASELINE_COLOUR, "dash": "dot"}
        if not is_baseline:
            line |= {"color": SCENARIO_COLOURS[others % len(SCENARIO_COLOURS)], "dash": "solid"}
            others += 1
        label = f"{name} (baseline)" if is_baseline else str(name)
        figure.add_trace(
            go.Scatter(
                x=plan[INTERVAL_START], y=rostered, mode="lines", line=line, name=label,
                legendgroup=label,
            ),
            row=1, col=1,
        )  # fmt: skip
        if is_baseline:
            continue
        extra = rostered.to_numpy(dtype=float) - base.reindex(plan[INTERVAL_START]).to_numpy(
            dtype=float
        )
        figure.add_trace(
            go.Scatter(
                x=plan[INTERVAL_START], y=extra, mode="lines", line=line, name=label,
                legendgroup=label, showlegend=False,
            ),
            row=2, col=1,
        )  # fmt: skip
    figure.update_xaxes(title_text="Date and time", row=2, col=1)
    figure.update_xaxes(hoverformat=HOVER_TIME, tickformatstops=INTERVAL_TICKS)  # both rows
    _layout(figure, "People rostered per interval, by scenario", "People at once", 480)
    figure.update_yaxes(title_text="Vs the baseline (people)", rangemode="normal", row=2, col=1)
    return figure


def requirement_heatmap(
    plan: pd.DataFrame, value_column: str = "rostered", queue: str | None = None
) -> go.Figure:
    """People required by weekday × time of day: the most of any week of the plan horizon
    (staffing.weekly), the hover adding the mean over those weeks; the title names `queue`."""
    pattern = weekly_pattern(plan, value_column)
    most, mean = pattern.most, pattern.mean
    values = most.to_numpy(dtype=float, copy=True)
    values[values == 0] = np.nan  # closed: leave the cell blank rather than a misleading 0
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=list(most.columns),
            y=[WEEKDAY_NAMES[day] for day in most.index],
            customdata=mean.to_numpy(dtype=float),
            colorscale="Blues",
            colorbar={"title": "People rostered"},
            hoverongaps=False,
            hovertemplate=(
                "%{y} %{x}: %{z:.1f} people in the busiest week"
                "<br>mean over the weeks: %{customdata:.1f}<extra></extra>"
            ),
        )
    )
    figure.update_yaxes(autorange="reversed", title_text="Weekday")
    figure.update_xaxes(title_text="Time of day (interval start)", nticks=24)
    figure.update_layout(
        title=(
            "People required"
            + (f", {queue}" if queue is not None else "")
            + " (rostered, incl. shrinkage), most in any week: weekday × time of day"
        ),
        height=360,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure


def integer_step(top: float, max_ticks: int = 6) -> int:
    """The smallest 1-2-5 × 10^k whole step that covers 0..`top` in at most `max_ticks` steps."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if top <= step * max_ticks:
                return step
        magnitude *= 10


def daily_totals_chart(daily: pd.DataFrame, queue: str | None = None) -> go.Figure:
    """Paid hours per day as bars with the peak agents as a line on a second axis; the title
    names `queue`."""
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_trace(
        go.Bar(
            x=daily["date"],
            y=daily["paid_hours"],
            name="paid hours",
            hovertemplate="%{x|%a %-d %b}: %{y:,.1f} h<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=daily["date"],
            y=daily["peak_agents"],
            name="peak agents",
            mode="lines+markers",
            hovertemplate="%{x|%a %-d %b}: %{y:,.0f} agents<extra></extra>",
        ),
        secondary_y=True,
    )
    named = f", {queue}" if queue is not None else ""
    _layout(figure, f"Daily totals{named}: paid hours and peak agents", "", height=360)
    figure.update_layout(hovermode="closest")
    figure.update_yaxes(title_text="Paid hours per day (h)", tickformat=",.0f", secondary_y=False)
    # Whole agents on their own ticks: synced ticks would land on fractions like 4.25 agents.
    top = float(np.nanmax(daily["peak_agents"])) if len(daily) else 0.0
    step = integer_step(top)
    figure.update_yaxes(
        title_text="Peak agents (people at once)",
        secondary_y=True,
        tickmode="linear",
        tick0=0,
        dtick=step,
        range=[0, step * max(int(np.ceil(top / step)), 1) * 1.05],
        tickformat=",d",
        showgrid=False,
    )
    return _day_axis(figure, pd.to_datetime(daily["date"]))


def _day_axis(figure: go.Figure, dates: pd.Series, parts: list[str] | None = None) -> go.Figure:
    """A date axis labelled at `_day_ticks(dates)`, two lines per label so they stay level:
    automatic daily ticks fell on closed days and before the first day. `parts`, beside
    `dates`: "from 12:00" on a day covered only in part, added to its label."""
    ticks = _day_ticks(dates)
    by_day = dict(zip(pd.to_datetime(dates).dt.normalize(), parts or [], strict=False))
    figure.update_xaxes(
        title_text="Date",
        tickmode="array",
        tickvals=ticks,
        ticktext=[
            f"{day:%a}<br>{day.day} {day:%b}" + (f" ({by_day[day]})" if by_day.get(day) else "")
            for day in ticks
        ],
    )
    return figure


def _day_ticks(dates: pd.Series) -> list[pd.Timestamp]:
    """The days to label on a day-by-day axis: every day given (the days with bars), or, past
    MAX_DAILY_TICKS of them, the first and then the first given day of each later week."""
    days = pd.DatetimeIndex(pd.to_datetime(dates).dt.normalize().drop_duplicates()).sort_values()
    if len(days) <= MAX_DAILY_TICKS:
        return list(days)
    ticks = [days[0]]
    starts = days[~days.to_period("W").duplicated()]  # weeks run Monday to Sunday
    for day in starts[1:]:
        if (day - ticks[-1]).days >= MIN_TICK_GAP_DAYS:
            ticks.append(day)
    return ticks


def _vs_usual(fraction: float) -> str:
    if not np.isfinite(fraction):
        return "no usual such day to compare"
    percent = round(100 * fraction) + 0  # + 0 turns -0 into 0
    return f"{percent:+d}% vs usual"


def day_outlook_chart(
    days: pd.DataFrame, queue: str, partial: dict[pd.Timestamp, str] | None = None
) -> go.Figure:
    """Forecast contacts per day as bars, a usual such weekday as a line; special days and
    days with a known cause carry it in their hover. `partial`: days the horizon covers only in
    part ("from 12:00"), hatched and labelled so a short bar is not read as a quiet day."""
    rows = days[days[QUEUE] == queue].sort_values("date")
    dates = pd.to_datetime(rows["date"])
    parts = [(partial or {}).get(pd.Timestamp(day).normalize(), "") for day in dates]
    causes = [
        "".join(f"<br>{text}" for text in (f"({part})" if part else "", reason) if text)
        for part, reason in zip(parts, rows["reason"].fillna(""), strict=True)
    ]
    usual = rows["usual_contacts"].astype(float)
    count = _count_format(pd.concat([rows["forecast_contacts"], usual]))
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=dates,
            y=rows["forecast_contacts"],
            name="forecast",
            marker_color=FORECAST_COLOUR,
            # Rows of (cause, usual, vs usual): a list keeps the numbers numbers for d3.
            customdata=list(
                zip(causes, usual, [_vs_usual(v) for v in rows["vs_usual"]], strict=True)
            ),
            hovertemplate=f"%{{x|{HOVER_DAY}}} · forecast %{{y:{count}}} contacts, usual "
            f"%{{customdata[1]:{count}}} (%{{customdata[2]}})%{{customdata[0]}}<extra></extra>",
            marker_pattern_shape=["/" if part else "" for part in parts],
            text=parts,
            textposition="inside",
            insidetextanchor="end",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=dates,
            y=usual,
            name="usual for the weekday",
            mode="markers+lines",
            line={"color": HISTORY_COLOUR, "width": 1, "dash": "dot"},
            hovertemplate=f"%{{x|{HOVER_DAY}}} · usual for a %{{x|%A}}: %{{y:{count}}} "
            "contacts<extra></extra>",
        )
    )
    _layout(
        figure,
        f"Day by day, {queue}: forecast against a usual such weekday",
        "Contacts per day",
        height=340,
    )
    figure.update_layout(hovermode="closest")
    return _day_axis(figure, dates, parts)  # ticks only on the days with bars


def _short_number(value: float, whole: bool) -> str:
    if not np.isfinite(value):
        return ""
    return f"{value:,.0f}" if whole or abs(value) >= 100 else f"{value:,.1f}"


# Bar labels of six digits and more read in thousands or millions: over five bars in a third of
# a 1440-px page, plotly shrank "1,234,567" to fit its bar, too small to read.
ABBREVIATE_FROM = 100_000
ABBREVIATIONS = [(1e6, "M"), (1e3, "k")]


def bar_labels(numbers: pd.Series, whole: bool) -> list[str]:
    """The bars' labels: as `_short_number` below 100,000; when the largest bar reaches it,
    every bar in the thousands or millions the largest reads in, to three figures ("103 k",
    "1.23 M"), one unit for all the bars of the chart."""
    finite = numbers[np.isfinite(numbers)]
    largest = float(finite.abs().max()) if len(finite) else 0.0
    if largest < ABBREVIATE_FROM:
        return [_short_number(value, whole) for value in numbers]
    size, unit = next((size, unit) for size, unit in ABBREVIATIONS if largest >= size)
    digits = max(0, 2 - int(np.floor(np.log10(largest / size))))  # three figures for the largest
    return [f"{value / size:,.{digits}f} {unit}" if np.isfinite(value) else "" for value in numbers]


def scenario_bars(values: pd.Series, label: str, baseline: str, whole: bool = False) -> go.Figure:
    """One metric across scenarios (index = scenario names); the baseline bar is grey.

    `label` names the metric with its unit; `whole` labels the bars as whole numbers (counts).
    """
    names = values.index.astype(str).tolist()
    colours = [SCENARIO_BASELINE_COLOUR if name == baseline else FORECAST_COLOUR for name in names]
    numbers = values.astype(float)
    figure = go.Figure(
        go.Bar(
            x=names,
            y=numbers,
            marker_color=colours,
            text=bar_labels(numbers, whole),
            # The exact figure on hover, where the label is abbreviated.
            customdata=[_short_number(v, whole) for v in numbers],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
        )
    )
    # Labels upright along the bars, inside those tall enough, at the font's full size: level,
    # plotly scaled any label wider than its bar down (by 0.55 for "112,376", 0.42 for
    # "1,234,567" over five bars in a third of a 1440-px page); unscaled, a level one ran into
    # its neighbour's.
    figure.update_traces(textposition="auto", cliponaxis=False, constraintext="none", textangle=-90)
    figure.update_layout(
        title=label, height=300, margin={"l": 10, "r": 10, "t": 50, "b": 10}, showlegend=False
    )
    # No axis title: the chart's title names the metric and its unit, and in a third of the
    # page a long one ("Contacts expected over 14 days") ran past the plot's top, cut off.
    figure.update_yaxes(rangemode="tozero")
    top = float(np.nanmax(numbers)) if numbers.notna().any() else 0.0
    if whole:  # ticks on whole numbers only: automatic ones fall on 0.5 supervisors
        figure.update_yaxes(tickmode="linear", tick0=0, dtick=integer_step(top), tickformat=",d")
    figure.update_xaxes(title_text="Scenario")
    return figure
