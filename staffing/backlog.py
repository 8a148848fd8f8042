"""E-mail and back office: deferrable work answered within a response window, with backlog.

Each interval's work (volume x handle time) is spread evenly over the open intervals of its
response window, which is the cheapest even schedule that answers everything in time. The
window is counted in working (open) intervals, as helpdesk SLAs in business hours are: the
clock starts at the first open interval at or after the mail's arrival and stops while the
mailbox is closed. Counted in calendar hours, a 4-hour window and an 08:00-18:00 mailbox made
every mail of the night due in the single 15-minute interval at 08:00 (76 agents there against
a handful for the rest of the morning); a manager expects it answered over 08:00-12:00. Whole
agents then keep the finished work at or ahead of that smooth schedule, carrying the unused
part of a rounded-up agent into the next interval: rounding each interval up on its own would
pay for up to one idle agent per interval (+16% agent-hours on the shipped sample's e-mail
queue), because the work waits instead of being lost. The backlog is then carried forward with
the Lindley recursion B_i = max(0, B_{i-1} + work_i - capacity_i), written as a running minimum
of the cumulative sum so a year takes one numpy pass. Work is handled first in, first out, so
the share of an interval's items answered in time and their mean response follow from the
cumulative curves (a fluid approximation within each interval). The plan's edges are treated
as cuts out of a continuing stream (see email_plan).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data.errors import InputError
from staffing.validation import as_float_array, check_non_negative, check_positive

DEFAULT_RESPONSE_HOURS = 24.0
_TOLERANCE = 1e-9


def email_plan(
    volume: np.ndarray,
    aht_seconds: np.ndarray,
    interval_seconds: float,
    response_hours: float = DEFAULT_RESPONSE_HOURS,
    is_open: np.ndarray | None = None,
    productivity: float = 1.0,
    agents: np.ndarray | None = None,
) -> pd.DataFrame:
    """Agents, backlog and in-window share per interval for deferrable work, in time order.

    `productivity` is the share of an agent's interval spent on the work (1.0 = all of it).
    Give `agents` to see what a staffing level achieves instead of sizing it.
    Columns: agents, backlog (items still open at the end of the interval, the inbox carried
    in at the start of a plan of a day or more included), service_level
    (share of the interval's items answered within the window), asa_seconds (mean time to
    answer of the interval's items), occupancy (work done over the agents' whole staffed
    time, so at most `productivity`).
    """
    volume, aht = _checked_work(volume, aht_seconds, interval_seconds)
    work = volume * aht
    size = volume.size
    open_mask = np.ones(size, bool) if is_open is None else np.asarray(is_open, dtype=bool)
    if open_mask.shape != volume.shape:
        raise InputError(
            f"e-mail opening flags must be one per interval: {open_mask.size} flags for "
            f"{size} intervals"
        )
    if agents is not None:  # checked as numbers, kept as given (whole agents stay integers)
        check_non_negative(as_float_array(agents, "e-mail agents"), "e-mail agents")
    if not 0 < productivity <= 1:
        raise InputError(f"e-mail productivity must be above 0 and at most 1, got {productivity}")
    window = response_window_intervals(response_hours, interval_seconds)
    capacity_per_agent = interval_seconds * productivity
    if size and not open_mask.any() and np.any(work > 0):
        raise InputError("e-mail work arrives but no interval is open to answer it")
    # The horizon is cut out of a continuing stream. Before it, the arrivals still due inside
    # the horizon are assumed to follow the horizon's own weekdays and times (read one week
    # later, or on a horizon under a week as its first worked day) and to have been staffed to
    # plan, so the inbox at the start holds the night's mail: an empty inbox gave Monday 08:00
    # 22 agents against Tuesday's 76. A plan starting on a closed day (Sunday) so holds the
    # mail since the last worked hour before it, as one starting on Monday does, and its own
    # closed day's arrivals come on top. After it, the open pattern goes on and the next
    # period is staffed to plan: work whose window runs past the end is staffed here only for
    # its share inside the horizon, and is not late for want of it.
    lead = _lead_intervals(open_mask, window, interval_seconds)
    after = _pattern_after(open_mask, window, interval_seconds)
    full_volume = np.concatenate([volume[lead], volume, np.zeros(after.size)])
    full_work = np.concatenate([work[lead], work, np.zeros(after.size)])
    full_open = np.concatenate([open_mask[lead], open_mask, after])
    spread, due = _spread_over_open_window(full_work, full_open, window)
    first, last = lead.size, lead.size + size  # the horizon within the full arrays
    if agents is None:
        inbox = full_work[:first].sum() - spread[:first].sum()  # carried in, in seconds
        agents = _whole_agents_ahead_of(
            np.cumsum(spread[first:last]), inbox + np.cumsum(work), capacity_per_agent
        )
    agents = np.where(open_mask, np.asarray(agents), 0)
    capacity = agents * capacity_per_agent
    full_capacity = np.concatenate([spread[:first], capacity, spread[last:]])
    arrived = np.cumsum(full_work)
    surplus = np.cumsum(full_work - full_capacity)
    backlog_work = surplus - np.minimum(np.minimum.accumulate(surplus), 0.0)
    done = arrived - backlog_work  # cumulative work finished by the end of each interval
    before = arrived - full_work  # work queued ahead of each interval's first item
    deadline = due[first:last]
    with np.errstate(divide="ignore", invalid="ignore"):
        in_time = np.where(
            work > 0, np.clip((done[deadline] - before[first:last]) / work, 0.0, 1.0), 1.0
        )
        processed = np.diff(done[first - 1 : last] if first else np.r_[0.0, done[:last]])
        # Time busy over time staffed, as for voice and chat: the whole interval of every agent,
        # not only its productive share (`capacity`), so it stays at or under `productivity`.
        staffed_seconds = agents * interval_seconds
        occupancy = np.where(staffed_seconds > 0, processed / staffed_seconds, 0.0)
    items_arrived = np.cumsum(full_volume)
    # items finished: read the cumulative item count off the cumulative work curve
    items_done = np.interp(done, np.r_[0.0, arrived], np.r_[0.0, items_arrived])
    backlog = np.maximum(items_arrived - items_done, 0.0)[first:last]
    response = _mean_response_seconds(full_work, before, done, interval_seconds)[first:last]
    # The fluid model finishes an interval's work as it arrives when capacity is ample, yet a
    # reply takes at least its own handle time: 0 s read as "0.0 h" beside 612-s mails.
    response = np.where(work > 0, np.maximum(response, aht), response)
    # Nor is a mail whose handling alone outlasts the window ever in time: 90-minute mails
    # read 100% within 1 hour beside a response time of 1.5 h.
    in_time = np.where((work > 0) & (aht > response_hours * 3600.0 * (1 + 1e-9)), 0.0, in_time)
    return pd.DataFrame(
        {
            "agents": agents,
            "backlog": backlog,
            "service_level": in_time,
            "asa_seconds": response,
            "occupancy": np.clip(occupancy, 0.0, productivity),  # float noise only
        }
    )


def _checked_work(
    volume: np.ndarray, aht_seconds: np.ndarray, interval_seconds: float
) -> tuple[np.ndarray, np.ndarray]:
    """Volume and handle time per interval, refused (as for voice and chat) when a figure is
    missing, infinite or negative: NaN work used to come out as NaN backlog and service level,
    and a negative volume as agents paid to answer mail that never came."""
    volume = np.ravel(as_float_array(volume, "e-mail volume"))
    check_non_negative(volume, "e-mail volume")
    aht = as_float_array(aht_seconds, "e-mail AHT seconds")
    check_positive(aht, "e-mail AHT seconds", "; set the average handle time in seconds, e.g. 300")
    interval = as_float_array(interval_seconds, "interval seconds")
    check_positive(interval, "interval seconds", "; e.g. 900 for 15-minute intervals")
    try:
        aht = np.broadcast_to(aht, volume.shape)
    except ValueError as error:
        raise InputError(
            f"e-mail AHT seconds must be one number or one per interval: {aht.size} handle "
            f"times for {volume.size} intervals"
        ) from error
    return volume, aht


def response_window_intervals(response_hours: float, interval_seconds: float) -> int:
    """The whole intervals of a response window (rounded down: answered in time means within
    the window); a window shorter than one interval is refused.

    Arrivals are counted per interval, so the model cannot tell an e-mail answered 6 minutes
    after it came from one answered 14 minutes after: rounded up to one interval, a window of
    0.1 h on 15-minute data reported every mail answered in time, a silent wrong answer.
    """
    if not np.isfinite(response_hours) or response_hours <= 0:
        raise InputError(f"e-mail response window must be more than 0 hours, got {response_hours}")
    window = int(np.floor(response_hours * 3600.0 / interval_seconds + _TOLERANCE))
    if window < 1:
        minutes = interval_seconds / 60.0
        # Rounded up to the hundredth of an hour, so the hours suggested are never refused.
        least = math.ceil(interval_seconds / 36.0 - _TOLERANCE) / 100.0
        raise InputError(
            f"an e-mail response window of {response_hours:g} hours "
            f"({response_hours * 60:.3g} minutes) is shorter than one {minutes:g}-minute "
            "interval of the data, so the plan cannot tell which mail is answered within it: "
            f"give a window of at least {least:g} hours (one interval), or staff the queue as "
            "chat or voice for answers within minutes"
        )
    return window


def _lead_intervals(open_mask: np.ndarray, window: int, interval_seconds: float) -> np.ndarray:
    """Where the intervals before the horizon are read from: the same weekdays and times one
    week later (on a horizon under a week, its first day again), going back far enough that
    every earlier arrival was due before the horizon starts, i.e. past `window` open intervals.

    A horizon under a week starting on a closed day (Sunday, mail worked Monday to Friday)
    reads them as its first worked day instead: its first day again never opens, so the inbox
    was empty at the start and its Monday answered less mail than the Monday of a plan
    starting Monday (73 agent-intervals against 320 on a 24-hour window). Empty (an empty
    inbox at the start) on under a day of data or with no whole period of the horizon open.
    """
    for days in (7, 1):
        period = int(round(days * 86_400 / interval_seconds))
        if 0 < period <= open_mask.size:
            break
    else:
        return np.zeros(0, dtype=np.int64)
    whole = open_mask[: open_mask.size // period * period].reshape(-1, period)
    open_per_period = np.count_nonzero(whole, axis=1)
    worked = np.flatnonzero(open_per_period)
    if worked.size == 0:
        return np.zeros(0, dtype=np.int64)
    first = int(worked[0])  # the first day (or week) with a worked interval
    # Whole periods holding at least `window` open intervals, plus one for the closed run
    # before the earliest of them (mail arriving then is due at the same time).
    periods = -(-window // int(open_per_period[first])) + 1
    return np.arange(-periods * period, 0) % period + first * period


def _pattern_after(open_mask: np.ndarray, window: int, interval_seconds: float) -> np.ndarray:
    """Open flags after the horizon, its last week (else day) again, long enough to hold
    `window` open intervals so every arrival in the horizon has its whole window.

    A horizon under a week ending on a closed day (Monday to Saturday, Saturday closed) goes
    on with its own days from the first: its last day again would never open, and the mail of
    its last open days read as never answered (service level 0, infinite response time).
    """
    for days in (7, 1):
        period = int(round(days * 86_400 / interval_seconds))
        if 0 < period <= open_mask.size:
            pattern = open_mask[-period:]
            if days == 1 and not pattern.any():
                # whole days from the first, at the time of day the horizon ends
                whole = open_mask.size // period * period
                pattern = open_mask[(np.arange(whole) + open_mask.size) % whole]
            open_per_period = int(np.count_nonzero(pattern))
            periods = -(-window // open_per_period) + 1 if open_per_period else 1
            return np.resize(pattern, periods * pattern.size)
    return np.ones(window, dtype=bool)  # under a day of data: no pattern to go on


def _whole_agents_ahead_of(
    target: np.ndarray, arrived: np.ndarray, capacity_per_agent: float
) -> np.ndarray:
    """Fewest whole agents per interval keeping cumulative finished work >= `target`.

    Finished work can never run ahead of what has arrived, so idle capacity is lost rather
    than banked; that cap makes this a sequential recursion (a plain loop over floats, a few
    tens of milliseconds for a year of 15-minute intervals). `target` never exceeds `arrived`
    because each item is spread only over intervals at or after its arrival.
    """
    agents = np.zeros(target.size, dtype=np.int64)
    done = 0.0
    for index, (goal, available) in enumerate(zip(target.tolist(), arrived.tolist(), strict=True)):
        short = goal - done
        if short > _TOLERANCE * max(goal, 1.0):
            count = math.ceil(short / capacity_per_agent - _TOLERANCE)
            agents[index] = count
            done = min(available, done + count * capacity_per_agent)
    return agents


def _spread_over_open_window(
    work: np.ndarray, open_mask: np.ndarray, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Work each interval must do when every arrival is shared evenly by its window's open
    slots, and the interval each arrival is due by.

    The window is `window` open intervals from the first open interval at or after the
    arrival (the clock runs in working hours only). Work with no open interval left before
    the array ends is not staffed here: it is the next period's backlog, due at the end.
    """
    size = work.size
    open_rank = np.cumsum(open_mask)  # open intervals up to and including i
    total_open = int(open_rank[-1]) if size else 0
    due = np.full(size, size - 1, dtype=np.int64)
    if total_open == 0:  # email_plan refuses work with no open interval at all
        return np.zeros(size), due
    first = open_rank - open_mask  # index (among open slots) of the first open slot >= i
    ahead = first < total_open  # an open interval remains at or after the arrival
    last = np.minimum(first + window, total_open)  # one past the window's last open slot
    rate = np.where((work > 0) & ahead, work / np.maximum(last - first, 1), 0.0)
    change = np.zeros(total_open + 1)
    np.add.at(change, np.minimum(first, total_open), rate)
    np.add.at(change, last, -rate)
    per_open_slot = np.cumsum(change)[:total_open]
    result = np.zeros(size)
    result[open_mask] = per_open_slot
    positions = np.flatnonzero(open_mask)
    due[ahead] = positions[last[ahead] - 1]
    return result, due


def _mean_response_seconds(
    work: np.ndarray, before: np.ndarray, done: np.ndarray, interval_seconds: float
) -> np.ndarray:
    """Time from the middle of an interval until its middle item is finished, FIFO."""
    middle = before + work / 2.0
    finish = np.searchsorted(done, middle - _TOLERANCE * np.maximum(middle, 1.0), side="left")
    size = work.size
    finished = finish < size
    at = np.minimum(finish, size - 1)
    previous = np.where(at > 0, done[np.maximum(at - 1, 0)], 0.0)
    step = done[at] - previous
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(step > 0, (middle - previous) / step, 1.0)
    elapsed = (at - np.arange(size) + np.clip(fraction, 0.0, 1.0) - 0.5) * interval_seconds
    response = np.where(finished, np.maximum(elapsed, 0.0), np.inf)
    return np.where(work > 0, response, 0.0)
