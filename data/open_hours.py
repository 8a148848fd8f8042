"""Learn each queue's open hours (weekday x slot) from its history, telling closed from missing."""

from __future__ import annotations

import numpy as np

# A weekday x slot is closed when no contact ever arrived there, or - once the history holds
# enough weeks to tell - when contacts arrived on at most one day or 2% of the observed days: one
# stray after-hours call in a year must not open the slot, while a slot busy on a quarter of its
# days is genuinely open. Short histories cannot tell a stray from a quiet open slot, so there any
# contact opens the slot.
STRAY_SHARE = 0.02
WEEKS_TO_JUDGE_STRAYS = 8
# Quiet open slots inside opening hours (a slow half hour in a small queue) are kept open: a run
# of closed slots no longer than this, with open slots on both sides the same day, is filled ...
MAX_QUIET_GAP_MINUTES = 60
# ... unless the history shows it is a closure (a lunch hour): over that weekday's history the run
# held far fewer contacts than the NEIGHBOUR_MINUTES on its quieter side. Both are counted over the
# same days, so given their total the run's count is binomial, p = its slots / all slots compared,
# whatever the day-to-day swings. The run is closed when so few contacts would have a chance below
# CLOSURE_EVIDENCE shared among the week's open slots (any of them could have been left quiet by
# chance, so a queue's quiet open slots are wrongly closed in fewer than 1% of histories). An hour
# of lunch between busy slots is far below that bar; a slot left empty by chance in a queue of a
# few contacts a day is not, nor are the quiet night slots of a real queue.
NEIGHBOUR_MINUTES = 60
CLOSURE_EVIDENCE = 0.01
# A sparse queue (a few contacts a day) sees each open slot hit on only a day or two, so the
# stray rule alone would close most of its hours. Its hours are judged over the SPAN_MINUTES on
# either side instead: a slot between the weekday's first and last regularly hit slots (with
# contacts within that span on more than the stray share of days) is open unless its run of
# closed slots holds fewer hit days than the weekday's rate would leave by chance (shared among
# the runs, as CLOSURE_EVIDENCE); a run reaching farther than that span from any contact must
# also pass with the other weekdays of regular hours, so a lunch break silent on all of them
# stays closed. A busy queue's stray night call is no such first or last slot: it is alone in
# its span. Only a weekday with contacts on at least
# REGULAR_DAY_SHARE of its days has regular hours to judge: a line busy in rare bursts (a crisis
# line) keeps the per-slot rule.
SPAN_MINUTES = 60
REGULAR_DAY_SHARE = 0.25


def learn_open_slots(volume: np.ndarray, weekdays: np.ndarray, interval_minutes: int) -> np.ndarray:
    """Open-hours table (7 x slots per day, bool) for one queue.

    `volume` is (days, slots per day) with NaN where the export has no row (missing, or closed
    and not exported); `weekdays` gives each day's weekday (0 = Monday).
    """
    slots_per_day = volume.shape[1]
    observed = ~np.isnan(volume)
    active = observed & (volume > 0)
    cell = (weekdays[:, None] * slots_per_day + np.arange(slots_per_day)).ravel()
    observed_days = np.bincount(cell, observed.ravel(), minlength=7 * slots_per_day)
    active_days = np.bincount(cell, active.ravel(), minlength=7 * slots_per_day)
    observed_days = observed_days.reshape(7, slots_per_day)
    active_days = active_days.reshape(7, slots_per_day)
    stray_days = np.where(
        observed_days >= WEEKS_TO_JUDGE_STRAYS, np.maximum(1.0, STRAY_SHARE * observed_days), 0.0
    )
    is_open = active_days > stray_days
    is_open |= _sparse_hours(active, cell, is_open, active_days, stray_days, volume,
                             weekdays, max(1, SPAN_MINUTES // interval_minutes))  # fmt: skip
    around_the_clock = _round_the_clock(active, observed.any(axis=1), weekdays)
    # A queue open around the clock on most of its weekdays keeps every weekday's quiet night:
    # a weekday whose night blocks fell just under the share by chance is no night desk.
    mostly = around_the_clock.sum() > is_open.any(axis=1).sum() / 2
    is_open &= ~_stray_runs(is_open, active_days, observed_days, around_the_clock | mostly)
    # Contacts per weekday x slot over the history; no row counts as no contact.
    totals = np.bincount(cell, np.nan_to_num(volume).ravel(), minlength=7 * slots_per_day)
    totals = totals.reshape(7, slots_per_day)
    neighbour_slots = max(1, NEIGHBOUR_MINUTES // interval_minutes)
    is_open = _fill_quiet_gaps(
        is_open,
        totals,
        MAX_QUIET_GAP_MINUTES // interval_minutes,
        neighbour_slots,
        around_the_clock,
        np.bincount(weekdays, observed.any(axis=1), minlength=7) < WEEKS_TO_JUDGE_STRAYS,
    )
    return _widen_to_shared_hours(
        is_open, totals, observed_days > 0, MAX_QUIET_GAP_MINUTES // interval_minutes,
        neighbour_slots,
    )  # fmt: skip


# A desk closed for part of the day still sees a stray contact there on a few percent of days
# (a transfer, a misrouted call): a night desk's daytime slots, each hit on 3-7% of some 150
# days, pass the stray share one by one and would each be staffed at the one-agent minimum. A
# slot is open only if contacts arrive on a meaningful share of its weekday's days: at least
# MEANINGFUL_RATE_SHARE of the share its weekday's regular slots (hit on REGULAR_DAY_SHARE of
# days or more) are hit on. A run of open slots each below twice that share is closed when its
# hit days, pooled, fall short of the meaningful share by a chance below CLOSURE_EVIDENCE
# (shared among the runs judged). A sparse desk has no regular slots to compare with, and a
# weekday open around the clock keeps its quiet night: there a night is part of the cover.
MEANINGFUL_RATE_SHARE = 0.1


def _stray_runs(
    is_open: np.ndarray,
    active_days: np.ndarray,
    observed_days: np.ndarray,
    around_the_clock: np.ndarray,
) -> np.ndarray:
    """Open slots (7 x slots, bool) whose contacts are only strays: hit on too small a share of
    their weekday's `observed_days` (per weekday x slot, as `active_days`, the days with a
    contact) against the weekday's regular slots."""
    share = active_days / observed_days.clip(1)
    regular = is_open & (share >= REGULAR_DAY_SHARE)
    from scipy.stats import binom  # loaded on first use, as in _sparse_hours

    runs = []  # (weekday, first slot, end, meaningful share)
    for weekday in range(7):  # 7 rows: a tiny fixed loop
        if (
            around_the_clock[weekday]
            or not regular[weekday].any()
            or observed_days[weekday].max() < WEEKS_TO_JUDGE_STRAYS
        ):
            continue
        meaningful = MEANINGFUL_RATE_SHARE * float(np.median(share[weekday, regular[weekday]]))
        # A slot clearly hit on more days than the meaningful share ends a run; one closed
        # already, or above the share by chance alone, must not split it.
        above = binom.sf(active_days[weekday] - 1, observed_days[weekday], meaningful)
        low = (above >= CLOSURE_EVIDENCE) | ~is_open[weekday]
        edges = np.diff(np.concatenate(([0], low.astype(int), [0])))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            runs.append((weekday, start, end, meaningful))
    strays = np.zeros_like(is_open)
    if not runs:
        return strays
    bar = CLOSURE_EVIDENCE / len(runs)
    for weekday, start, end, meaningful in runs:
        # Only its open slots are judged: the closed ones say nothing of them.
        judged = is_open[weekday, start:end]
        hits = int(active_days[weekday, start:end][judged].sum())
        trials = int(observed_days[weekday, start:end][judged].sum())
        if binom.cdf(hits, trials, meaningful) < bar:
            strays[weekday, start:end] = True
    return strays & is_open


# A weekday's first and last open slots are those it had a contact in, so a quiet opening or
# closing slot left empty by chance (a desk of 3 contacts an hour leaves its last quarter hour
# empty on 3 Wednesdays about one time in ten) makes that weekday open later or close earlier
# than the others. Its hours reach, by up to MAX_QUIET_GAP_MINUTES, to the earliest opening and
# latest closing that SHARED_EDGE_WEEKDAYS weekdays or more share, unless its own contacts show
# it closed there: the slots gained held fewer contacts than its NEIGHBOUR_MINUTES of open slots
# beside them would leave by a chance below CLOSURE_EVIDENCE, shared among the edges judged. A
# Saturday opening at 09:00 beside weekdays at 08:00 keeps its hours once they show (none before
# 09:00 against 12 in the hour after: a chance of 0.5^12 = 0.0002); one weekday's stray early
# contact moves no other weekday's opening. The slots gained are also held against the other
# weekdays open there: a sparse desk's Friday closing half an hour early holds too few contacts
# in its last hour to show it (10 over 8 weeks at 2 an hour), the other weekdays' same half
# hour some 32.
SHARED_EDGE_WEEKDAYS = 2


def _widen_to_shared_hours(
    is_open: np.ndarray,
    totals: np.ndarray,
    observed: np.ndarray,
    max_gap_slots: int,
    neighbour_slots: int,
) -> np.ndarray:
    """Open hours (7 x slots) with each weekday's edges widened to the shared ones, by at most
    `max_gap_slots`; `totals` are contacts and `observed` whether the export has rows, per
    weekday x slot."""
    shared = np.flatnonzero(is_open.sum(axis=0) >= SHARED_EDGE_WEEKDAYS)
    if not shared.size:
        return is_open
    runs = []  # (weekday, slots gained, the open slots beside them)
    for weekday in np.flatnonzero(is_open.any(axis=1)):  # at most 7 rows
        opened = np.flatnonzero(is_open[weekday])
        runs.append((weekday, slice(shared[0], opened[0]),
                     slice(opened[0], opened[0] + neighbour_slots)))  # fmt: skip
        runs.append((weekday, slice(opened[-1] + 1, shared[-1] + 1),
                     slice(max(0, opened[-1] + 1 - neighbour_slots), opened[-1] + 1)))  # fmt: skip
    # Judged: a run of at most `max_gap_slots` the export has rows for, beside a full side of
    # open slots (a weekday of other hours, or of a stray contact or two, has none).
    runs = [
        (weekday, gained, side)
        for weekday, gained, side in runs
        if 0 < gained.stop - gained.start <= max_gap_slots
        and observed[weekday, gained].all()
        and is_open[weekday, side].sum() == neighbour_slots
    ]
    widened = is_open.copy()
    bar = CLOSURE_EVIDENCE / max(1, len(runs))
    for weekday, gained, side in runs:
        beside = _chance_beside(totals[weekday, gained], totals[weekday, side])
        shaped = _chance_shaped(weekday, gained, is_open, totals)
        # Either test may show the closure; the second, added to the first, gets half the bar.
        if beside >= bar and (shaped is None or shaped >= bar / 2):
            widened[weekday, gained] = True
    return widened


def _chance_shaped(
    weekday: int, gained: slice, is_open: np.ndarray, totals: np.ndarray
) -> float | None:
    """How likely the `gained` slots of `weekday` would hold as few of their contacts over all
    weekdays open there as they did, were its contacts there in proportion to theirs as in the
    slots it shares with them (the conditional binomial test comparing two Poisson rates,
    Przyborowski & Wilenski 1940); None when no other weekday is open there. An hour beside the
    run holds few contacts in a sparse desk (16 over 8 Fridays at 2 an hour), the other
    weekdays' same slots twice as many, each side's noise counted."""
    others = is_open[:, gained].all(axis=1)
    others[weekday] = False
    if not others.any():
        return None
    shared = is_open[weekday] & is_open[others].all(axis=0)
    own_run = int(round(float(totals[weekday, gained].sum())))
    their_run = int(round(float(totals[others][:, gained].sum())))
    own_day = float(totals[weekday, shared].sum())
    their_day = float(totals[others][:, shared].sum())
    if own_day + their_day <= 0:
        return None
    share = own_day / (own_day + their_day)
    if own_run >= share * (own_run + their_run):
        return 1.0
    from scipy.stats import binom  # loaded on first use, as in _sparse_hours

    return float(binom.cdf(own_run, own_run + their_run, share))


def _sparse_hours(
    active: np.ndarray,
    cell: np.ndarray,
    is_open: np.ndarray,
    active_days: np.ndarray,
    stray_days: np.ndarray,
    volume: np.ndarray,
    weekdays: np.ndarray,
    radius: int,
) -> np.ndarray:
    """Slots (7 x slots per day) open by the contacts around them rather than their own hit days.
    `active` is (days, slots) with a contact; `is_open`, `active_days` and `stray_days` are the
    per-slot rule's, per weekday x slot."""
    days, slots = active.shape
    runs = np.zeros((days, slots + 1), dtype=int)
    runs[:, 1:] = np.cumsum(active, axis=1)
    index = np.arange(slots)
    around = runs[:, np.minimum(index + radius + 1, slots)] - runs[:, np.maximum(index - radius, 0)]
    span_days = np.bincount(cell, (around > 0).ravel(), minlength=7 * slots).reshape(7, slots)
    regular = span_days > stray_days
    # The weekday's hours: from its first to its last slot hit amid regular contacts.
    hit = regular & (active_days > 0)
    first = np.where(hit.any(axis=1), hit.argmax(axis=1), slots)
    last = slots - 1 - hit[:, ::-1].argmax(axis=1)
    day_counts = np.bincount(weekdays, minlength=7).clip(1)
    busy_days = np.bincount(weekdays, active.any(axis=1), minlength=7)
    steady = busy_days >= REGULAR_DAY_SHARE * day_counts
    # Slots far from any contact count too: a weekday of two days and a contact an hour stays
    # silent for two hours somewhere about once in ten.
    hours = (index >= first[:, None]) & (index <= last[:, None]) & steady[:, None]
    # The weekday's contacts per day spread over those hours.
    daily = np.bincount(weekdays, np.nansum(volume, axis=1), minlength=7) / day_counts
    hit_chance = 1.0 - np.exp(-daily / hours.sum(axis=1).clip(1))
    closed = hours & ~is_open
    bar = CLOSURE_EVIDENCE / max(1, int(closed.sum()))
    # scipy.stats takes ~0.5 s to load: only for histories with a run to judge.
    from scipy.stats import binom

    rescued = np.zeros((7, slots), dtype=bool)
    for weekday in np.flatnonzero(closed.any(axis=1)):  # at most 7 rows
        edges = np.diff(np.concatenate(([0], closed[weekday].astype(int), [0])))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
            hits = int(active_days[weekday, start:end].sum())
            trials = int(day_counts[weekday]) * (end - start)  # no row counts as no contact
            if binom.cdf(hits, trials, hit_chance[weekday]) < bar:
                continue
            if regular[weekday, start:end].all():
                rescued[weekday, start:end] = True
                continue
            # A run with no contact within SPAN_MINUTES is judged again with every weekday of
            # regular hours: a long break silent on all of them is a closure, though each alone
            # has too few days to tell, and so are the hours between a lone late contact and
            # the weekday's own where the other weekdays are closed.
            alike = steady
            pooled_trials = int(day_counts[alike].sum()) * (end - start)
            pooled_chance = (day_counts * hit_chance)[alike].sum() / day_counts[alike].sum()
            pooled_hits = int(active_days[alike, start:end].sum())
            if binom.cdf(pooled_hits, pooled_trials, pooled_chance) >= bar:
                rescued[weekday, start:end] = True
    return rescued


def _fill_quiet_gaps(
    is_open: np.ndarray,
    totals: np.ndarray,
    max_gap_slots: int,
    neighbour_slots: int,
    around_the_clock: np.ndarray,
    few_days: np.ndarray,
) -> np.ndarray:
    """Open the short closed runs that sit between open slots of the same weekday, except those
    whose contacts (`totals`, per weekday x slot) show a closure. On `around_the_clock`
    weekdays a closed run of any length is judged the same way, across midnight too. On
    `few_days` weekdays (too few weeks to judge alone) a run silent on several of them at
    once is judged on all of them together."""
    filled = is_open.copy()
    if max_gap_slots < 1:
        return filled
    slots = is_open.shape[1]
    # Shared among all open slots, not only the runs that turned out quiet: any could have.
    bar = CLOSURE_EVIDENCE / max(1, int(is_open.sum()))
    silent = _silent_runs(is_open, totals, max_gap_slots, few_days & ~around_the_clock)
    for weekday in range(7):  # 7 rows: a tiny fixed loop
        following = (weekday + 1) % 7
        if around_the_clock[weekday] and around_the_clock[following]:
            # The night from this weekday into the next is one stretch of the week.
            line = np.concatenate((is_open[weekday], is_open[following]))
            counts = np.concatenate((totals[weekday], totals[following]))
            limit = 2 * slots
        else:
            line, counts = is_open[weekday], totals[weekday]
            limit = slots if around_the_clock[weekday] else max_gap_slots
        open_slots = np.flatnonzero(line)
        for start, end in zip(open_slots[:-1], open_slots[1:], strict=True):
            if not 0 < end - start - 1 <= limit or start >= slots:
                continue  # runs starting on the next weekday are judged from that weekday
            chance = _chance_if_open(counts, start + 1, end, neighbour_slots)
            alike = silent.get((start, end), [])
            if weekday in alike and len(alike) > 1:
                # The same silent run on other weekdays too (a lunch hour): under
                # WEEKS_TO_JUDGE_STRAYS weeks one weekday has too few days to tell, all together
                # do. Longer, each weekday is judged alone (contacts come in busy days).
                pooled = totals[alike].sum(axis=0)
                chance = min(chance, _chance_if_open(pooled, start + 1, end, neighbour_slots))
            if chance >= bar:
                run = np.arange(start + 1, end)
                filled[np.where(run < slots, weekday, following), run % slots] = True
    return filled


def _silent_runs(
    is_open: np.ndarray, totals: np.ndarray, max_gap_slots: int, judged: np.ndarray
) -> dict[tuple[int, int], list[int]]:
    """The `judged` weekdays (value) on which the closed run between open slots (start, end)
    (key) held no contact at all, for the runs `_fill_quiet_gaps` judges within one day."""
    runs: dict[tuple[int, int], list[int]] = {}
    for weekday in np.flatnonzero(judged):
        open_slots = np.flatnonzero(is_open[weekday])
        for start, end in zip(open_slots[:-1], open_slots[1:], strict=True):
            if 0 < end - start - 1 <= max_gap_slots and not totals[weekday, start + 1 : end].any():
                runs.setdefault((int(start), int(end)), []).append(int(weekday))
    return runs


# A queue open around the clock is told by contacts on at least REGULAR_DAY_SHARE of a weekday's
# days in every ROUND_THE_CLOCK_BLOCK_MINUTES of it, over at least WEEKS_TO_JUDGE_STRAYS weeks:
# a quiet night there hits each slot on only a few days, so the per-slot rule leaves scattered
# night slots closed (holes of hours in round-the-clock cover). A queue closed at night sees its
# night blocks empty most nights (a stray, an evening running past midnight), and keeps the
# one-hour limit on quiet gaps.
ROUND_THE_CLOCK_BLOCK_MINUTES = 240


def _round_the_clock(active: np.ndarray, seen: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Which weekdays (bool, 7) have regular contacts in every block of the day; `active` is
    (days, slots) with a contact, `seen` the days the export has rows for: a week it lost says
    nothing of the nights."""
    days, slots = active.shape
    blocks = max(1, min(slots, 24 * 60 // ROUND_THE_CLOCK_BLOCK_MINUTES))
    block_of_slot = np.arange(slots) * blocks // slots
    busy_blocks = np.zeros((days, blocks), dtype=bool)
    for block in range(blocks):  # six blocks: a fixed tiny loop
        busy_blocks[:, block] = active[:, block_of_slot == block].any(axis=1)
    day_counts = np.bincount(weekdays, seen, minlength=7)
    share = (
        np.stack(
            [np.bincount(weekdays, busy_blocks[:, block], minlength=7) for block in range(blocks)],
            axis=1,
        )
        / day_counts.clip(1)[:, None]
    )
    return (share >= REGULAR_DAY_SHARE).all(axis=1) & (day_counts >= WEEKS_TO_JUDGE_STRAYS)


def _chance_if_open(totals: np.ndarray, first: int, end: int, neighbour_slots: int) -> float:
    """How likely the run first..end-1 would hold as few contacts as it did, were it open at
    the rate of the quieter of the `neighbour_slots` before it and after it."""
    before = totals[max(0, first - neighbour_slots) : first]
    after = totals[end : end + neighbour_slots]
    side = min(before, after, key=lambda window: window.sum() / len(window))
    return _chance_beside(totals[first:end], side)


def _chance_beside(run: np.ndarray, side: np.ndarray) -> float:
    """How likely the slots `run` would hold as few contacts as they did, were they open at the
    rate of the open slots `side` (contacts per slot, both over the same days)."""
    run_slots = len(run)
    run_contacts = int(round(float(run.sum())))
    compared = run_contacts + int(round(float(side.sum())))
    share = run_slots / (run_slots + len(side))
    if run_contacts >= share * compared:  # as busy as its side: nothing suggests a closure
        return 1.0
    from scipy.stats import binom  # loaded on first use, as in _sparse_hours

    return float(binom.cdf(run_contacts, compared, share))


# Contact records cannot show a gap directly: a day missing from the export just has no rows.
# A day without a single contact is taken as a gap when that weekday normally brings at least
# this many contacts (a Poisson day expecting 20 has a 2e-9 chance of staying empty); quieter
# weekdays keep their zero days as real zeros.
MIN_DAILY_CONTACTS_FOR_GAP = 20


def empty_days_that_are_gaps(daily_totals: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Which days (bool per day) are empty although their weekday is normally busy."""
    typical = np.zeros(7)
    for weekday in range(7):  # 7 medians: a fixed tiny loop
        totals = daily_totals[weekdays == weekday]
        typical[weekday] = np.median(totals) if len(totals) else 0.0
    return (daily_totals == 0) & (typical[weekdays] >= MIN_DAILY_CONTACTS_FOR_GAP)
