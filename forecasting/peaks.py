"""Upcoming peaks (forecast periods far above the usual weekday and slot, ranked by extra work)
and the day-by-day outlook against a usual such weekday."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE

USUAL = "usual"
REASON = "reason"
# A dip between two periods of a day, still above the usual, joins them when it lasts no longer
# than the shorter of the two (a manager reads a 1.5 h lull between 1.5 h and 2 h of surge as
# one busy afternoon, and 1.5 h between two 1 h bursts as two peaks), or at most this long
# whatever their length: Tech. Axa's bridge day opens with a 30-minute burst an hour before the
# rest of its surge.
BRIDGED_DIP = pd.Timedelta(hours=1)
PEAK_COLUMNS = [
    "rank",
    QUEUE,
    "rank_in_queue",
    "start",
    "end",
    "extra_contacts",
    "pct_above_usual",
    "forecast",
    USUAL,
    "busiest_interval",
    "over_ceiling_contacts",
    REASON,
]


def find_peaks(
    frame: pd.DataFrame,
    interval_minutes: int,
    threshold_pct: float = 20.0,
    min_contacts: float = 1.0,
    volume_threshold: float | None = None,
    noise_sigmas: float = 2.0,
    min_day_share_pct: float = 1.0,
) -> pd.DataFrame:
    """Merge consecutive flagged intervals of a day into periods and rank them by extra contacts.

    `frame` has interval_start, queue, forecast, usual (what a normal such weekday and slot
    brings) and optionally reason (a known cause per interval). An interval is flagged when the
    forecast beats the usual by `threshold_pct` %, by `min_contacts` and by `noise_sigmas` x
    sqrt(usual) (Poisson noise: a quiet night slot going from 15 to 18 is no peak; below one
    usual contact the noise still counts as one, so a slot going from 0 to 1 is none) - alone,
    or summed over its day, when the whole day beats the usual by both - or exceeds
    the manager's `volume_threshold` per interval. A period whose extra contacts are under
    `min_day_share_pct` % of its day's forecast (a few calls more at night are no workload to
    plan for), or under `noise_sigmas` x sqrt(its forecast) (the spread of the contacts that
    will come: 4 extra on a forecast 5 could as well be a usual slot), is dropped unless it is
    over the manager's threshold.

    Two periods of a day apart by a dip no longer than the shorter of them (or than
    BRIDGED_DIP), forecast above the usual throughout, are one where the two with the dip stay
    `threshold_pct` above their usual.

    Extra contacts are the period's forecast less its usual (none where it is below it, as
    `pct_above_usual` then says); `over_ceiling_contacts` count above the manager's
    ceiling (an interval at 98 under a ceiling of 90 is 8 more than the team on shift can
    answer, even where a usual week brings 100), and periods rank by the larger of the two,
    `rank` over every queue and `rank_in_queue` within each queue.
    `busiest_interval` is the period's highest interval forecast, comparable with the ceiling.
    """
    if volume_threshold is not None and not (
        np.isfinite(volume_threshold) and volume_threshold > 0
    ):
        # At or below 0 every interval would be "over the ceiling" by more than its forecast.
        raise InputError(
            f"Peak ceiling must be a number of contacts per interval above 0 (got "
            f"{volume_threshold}); leave it out for no ceiling."
        )
    data = frame.sort_values([QUEUE, INTERVAL_START]).reset_index(drop=True)
    forecast = data["forecast"].to_numpy(dtype=float)
    usual = np.nan_to_num(data[USUAL].to_numpy(dtype=float))
    extra = forecast - usual
    times = pd.to_datetime(data[INTERVAL_START])
    step = pd.Timedelta(minutes=interval_minutes)
    queue = data[QUEUE].to_numpy()
    # Rows that follow the row before on the same day of the same queue.
    follows = (
        (times.diff() == step).to_numpy()
        & (times.dt.normalize().diff() == pd.Timedelta(0)).to_numpy()
        & np.concatenate([[False], queue[1:] == queue[:-1]])
    )
    relative = (forecast > usual * (1 + threshold_pct / 100)) & (extra >= min_contacts)
    needed = noise_sigmas * np.sqrt(np.maximum(usual, 1.0))
    above_pattern = relative & (extra >= needed)
    # A day above its usual as a whole is judged on its totals too: a day at +34% (a catch-up
    # after a holiday) has few intervals clear the noise alone, though its extra contacts are
    # many times the Poisson spread of its usual total. Its intervals above the bars count.
    day = np.cumsum(~follows)
    day_forecast = np.bincount(day, forecast)
    day_usual = np.bincount(day, usual)
    whole_day = (day_forecast > day_usual * (1 + threshold_pct / 100)) & (
        day_forecast - day_usual >= noise_sigmas * np.sqrt(np.maximum(day_usual, 1.0))
    )
    above_pattern |= relative & whole_day[day]
    over_limit = np.zeros(len(data), dtype=bool)
    over_ceiling = np.zeros(len(data))
    if volume_threshold is not None:
        over_limit = forecast > volume_threshold
        over_ceiling = np.clip(forecast - volume_threshold, 0, None)
    flagged = above_pattern | over_limit
    if not flagged.any():
        return pd.DataFrame(columns=PEAK_COLUMNS)
    # A new period starts where the previous row is not a flagged neighbour; a period may run
    # past midnight (a 22:00-02:00 surge on a queue open around the clock is one peak).
    adjacent = (times.diff() == step).to_numpy() & np.concatenate(
        [[False], queue[1:] == queue[:-1]]
    )
    contiguous = adjacent & np.concatenate([[False], flagged[:-1]])
    period = np.cumsum(flagged & ~contiguous)
    rows = pd.Series(np.flatnonzero(flagged))
    first, last = (
        rows.groupby(period[flagged]).min().to_numpy(),
        rows.groupby(period[flagged]).max().to_numpy(),
    )
    date = times.dt.normalize()
    by_row = pd.DataFrame(
        {
            QUEUE: queue,
            "start": times,
            "end": times + step,
            "forecast": forecast,
            USUAL: usual,
            "extra": extra,
            REASON: (
                data[REASON].to_numpy(dtype=object)
                if REASON in data.columns
                else np.full(len(data), "")
            ),
            "over_limit": over_limit,
            "over_ceiling": over_ceiling,
            "day_total": data.groupby([data[QUEUE], date])["forecast"].transform("sum"),
            "date": date,
        }
    )
    peaks = _periods(by_row, first, last)
    worth = peaks["extra_contacts"] >= min_day_share_pct / 100 * peaks["day_total"]
    # The contacts that come will scatter around the forecast itself by about sqrt(forecast)
    # (Poisson), so extra contacts within that spread could as well arrive as a usual period:
    # 5 forecast against a usual 1 is "+400%" but within 2 x sqrt(5) = 4.5 of a usual slot.
    stands_out = peaks["extra_contacts"] >= noise_sigmas * np.sqrt(
        np.maximum(peaks["forecast"], 1.0)
    )
    kept = ((worth & stands_out) | peaks["over_limit"]).to_numpy()
    if not kept.any():
        return pd.DataFrame(columns=PEAK_COLUMNS)
    joined = _joined_over_dips(by_row, day, first[kept], last[kept], step, threshold_pct)
    peaks = _periods(by_row, *joined)
    with np.errstate(divide="ignore", invalid="ignore"):
        peaks["pct_above_usual"] = np.where(
            peaks[USUAL] > 0, 100 * (peaks["forecast"] / peaks[USUAL] - 1), np.inf
        )
    peaks["workload"] = np.maximum(peaks["extra_contacts"], peaks["over_ceiling_contacts"])
    peaks = peaks.sort_values(["workload", "start"], ascending=[False, True])
    peaks["rank"] = np.arange(1, len(peaks) + 1)
    # A manager filtering the download on one queue looks for its own 1, 2, 3.
    peaks["rank_in_queue"] = peaks.groupby(QUEUE).cumcount() + 1
    # A known cause beats "over the threshold", which beats the generic label.
    if volume_threshold is not None:
        unexplained = (peaks[REASON] == "") & peaks["over_limit"]
        peaks.loc[unexplained, REASON] = f"above {volume_threshold:,g} per interval"
    peaks[REASON] = peaks[REASON].replace("", "above the usual pattern")
    return peaks.reset_index(drop=True)[PEAK_COLUMNS]


def _periods(by_row: pd.DataFrame, first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    """One row per period, rows `first[i]` to `last[i]` of `by_row` (both included)."""
    lengths = last - first + 1
    label = np.repeat(np.arange(len(first)), lengths)
    rows = (
        np.repeat(first, lengths)
        + np.arange(lengths.sum())
        - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    peaks = (
        by_row.iloc[rows]
        .groupby(label)
        .agg(
            queue=(QUEUE, "first"),
            start=("start", "min"),
            end=("end", "max"),
            extra_contacts=("extra", "sum"),
            forecast=("forecast", "sum"),
            usual=(USUAL, "sum"),
            busiest_interval=("forecast", "max"),
            over_limit=("over_limit", "any"),
            over_ceiling_contacts=("over_ceiling", "sum"),
            day_total=("day_total", "first"),
        )
    )
    # Each day's first known cause, so a peak past midnight names both days' causes.
    day_reasons = by_row.iloc[rows].groupby([label, by_row["date"].to_numpy()[rows]])[REASON]
    peaks[REASON] = day_reasons.agg(_first_reason).groupby(level=0).agg(_joined_reasons)
    # Net of the intervals under their usual: a period over the ceiling at -3% against a usual
    # Monday read "≈ 8 extra contacts", the sum of its intervals above it alone.
    peaks["extra_contacts"] = peaks["extra_contacts"].clip(lower=0)
    return peaks


def _joined_over_dips(
    by_row: pd.DataFrame,
    run: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    step: pd.Timedelta,
    threshold_pct: float,
) -> tuple[np.ndarray, np.ndarray]:
    """The periods (rows `first` to `last`; `run` numbers the rows that follow each other on
    a day of a queue), each joined with the next of its day where the dip between them lasts
    no longer than the shorter of the two or than BRIDGED_DIP, is forecast above its usual
    throughout and leaves the two with the dip `threshold_pct` above their usual: a bridge day
    at +23% read as five peaks, split by single slots at +15%."""
    extra = by_row["extra"].to_numpy()
    not_above = np.concatenate([[0], np.cumsum(extra <= 0)])  # over rows [i, j): [j] - [i]
    forecast = np.concatenate([[0.0], np.cumsum(by_row["forecast"].to_numpy())])
    usual = np.concatenate([[0.0], np.cumsum(by_row[USUAL].to_numpy())])
    dip_first, dip_end = last[:-1] + 1, first[1:]  # the rows between a period and the next
    span_first, span_end = first[:-1], last[1:] + 1  # the two periods with the dip
    lengths, bridged = last - first + 1, BRIDGED_DIP // step
    joins = (
        (run[dip_end] == run[last[:-1]])
        & (dip_end - dip_first <= np.maximum(np.minimum(lengths[:-1], lengths[1:]), bridged))
        & (not_above[dip_end] - not_above[dip_first] == 0)
        & (
            forecast[span_end] - forecast[span_first]
            > (usual[span_end] - usual[span_first]) * (1 + threshold_pct / 100)
        )
    )
    group = np.concatenate([[0], np.cumsum(~joins)])
    return (
        pd.Series(first).groupby(group).min().to_numpy(),
        pd.Series(last).groupby(group).max().to_numpy(),
    )


def _joined_reasons(reasons: pd.Series) -> str:
    """Each day's cause once: 'a' and 'b; a' read 'a; b'."""
    parts = (part for r in reasons if isinstance(r, str) and r for part in r.split("; "))
    return "; ".join(dict.fromkeys(parts))


def _first_reason(values: pd.Series) -> str:
    known = [v for v in values if v]
    return known[0] if known else ""


def describe_peak(peak: pd.Series) -> str:
    """'Mon 3 Mar 09:30–11:00: +38% over a usual Monday, ≈ 420 extra contacts (reason)', and
    over a manager's ceiling '…; up to 98 per interval, ≈ 8 over your ceiling (reason)'; past
    midnight 'Mon 3 Mar 22:00–Tue 4 Mar 02:00: …'."""
    start, end = pd.Timestamp(peak["start"]), pd.Timestamp(peak["end"])
    pct = peak["pct_above_usual"]
    until = "24:00" if end == start.normalize() + pd.Timedelta(days=1) else f"{end:%H:%M}"
    if not np.isfinite(pct):
        against = f"new volume over a usual {start:%A}"
    elif round(pct) == 0:  # over a manager's ceiling alone: "+0%" or "-0%" says nothing
        against = f"as on a usual {start:%A}"
    elif pct >= 0:
        against = f"+{pct:.0f}% over a usual {start:%A}"
    else:  # above a manager's ceiling, yet below a usual such day
        against = f"{pct:.0f}% against a usual {start:%A}"
    parts = [against]
    extra = round(peak["extra_contacts"])
    if extra > 0:
        parts[0] += f", ≈ {extra:,} extra contact{'s' if extra > 1 else ''}"
    over = peak.get("over_ceiling_contacts", 0.0)
    if over > 0:
        parts.append(
            f"up to {peak['busiest_interval']:,.0f} per interval, ≈ {max(over, 1):,.0f} over your "
            "ceiling"
        )
    day = f"{start:%a} {start.day} {start:%b}"
    if end > start.normalize() + pd.Timedelta(days=1):  # past midnight: the end's day too
        # Ending at a midnight, the day it ends reads "Tue 7 Jan 24:00", not "Wed 8 Jan 00:00".
        last = end - pd.Timedelta(days=1) if end == end.normalize() else end
        clock = "24:00" if end == end.normalize() else f"{end:%H:%M}"
        until = f"{last:%a} {last.day} {last:%b} {clock}"
    when = f"{day} {start:%H:%M}–{until}"
    if start == start.normalize() and end == start + pd.Timedelta(days=1):
        when = f"{day}, all day"  # daily totals read "00:00–24:00"
    elif start == start.normalize() and end == end.normalize():
        last = end - pd.Timedelta(days=1)
        when = f"{day} – {last:%a} {last.day} {last:%b}, all day"
    return f"{when}: {'; '.join(parts)} ({peak[REASON]})"


SPECIAL_DAY = "special_day"
DAY_OUTLOOK_COLUMNS = [
    QUEUE,
    "date",
    "forecast_contacts",
    "usual_contacts",
    "vs_usual",
    "busiest_start",
    "busiest_forecast",
    "busiest_p90",
    REASON,
]


def day_outlook(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per queue and open day of a forecast: its contacts against a usual such weekday,
    its busiest interval (forecast and P90) and its cause where known.

    `frame`: interval_start, queue, forecast, p90, is_open, usual, and optionally reason and
    special_day (a holiday's or eve's name). A special day names itself, followed by the first
    known cause among its intervals when that is another one (a campaign on a bridge day);
    otherwise that cause alone does.
    """
    data = frame[frame["is_open"]].copy()
    if data.empty:
        return pd.DataFrame(columns=DAY_OUTLOOK_COLUMNS)
    data["date"] = pd.to_datetime(data[INTERVAL_START]).dt.normalize()
    for column in (REASON, SPECIAL_DAY):
        if column not in data.columns:
            data[column] = ""
    groups = data.groupby([QUEUE, "date"], sort=True)
    busiest = data.loc[groups["forecast"].idxmax()].set_index([QUEUE, "date"])
    days = groups.agg(
        forecast_contacts=("forecast", "sum"),
        usual_contacts=(USUAL, "sum"),
        special=(SPECIAL_DAY, _first_reason),
        cause=(REASON, _first_reason),
    )
    usual = days["usual_contacts"]
    days["vs_usual"] = days["forecast_contacts"] / usual.where(usual > 0) - 1  # NaN: no usual
    days["busiest_start"] = busiest[INTERVAL_START]
    days["busiest_forecast"] = busiest["forecast"]
    days["busiest_p90"] = busiest["p90"]
    days[REASON] = [
        _day_reason(special, cause)
        for special, cause in zip(days["special"], days["cause"], strict=True)
    ]
    return days.reset_index()[DAY_OUTLOOK_COLUMNS]


def _day_reason(special: str, cause: str) -> str:
    """A special day's name with its intervals' cause beside it: a +50% campaign on a bridge
    day the calendar moves by 1% must not read as the bridge's doing."""
    if not special or not cause or cause.lower() in special.lower():
        return special or cause
    return f"{special}; {cause}"
