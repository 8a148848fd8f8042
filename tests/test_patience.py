"""Callers' patience from the history: total wait of all callers over the abandoned ones."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from data.importer import import_files
from data.schema import ABANDON_WAIT_SECONDS, ABANDONED, ANSWERED, QUEUE, WAIT_SECONDS
from planning.patience import MIN_ABANDONED, patience_by_queue


def intervals(queue: str, answered, abandoned, wait, abandon_wait) -> pd.DataFrame:
    return pd.DataFrame(
        {
            QUEUE: queue,
            ANSWERED: answered,
            ABANDONED: abandoned,
            WAIT_SECONDS: wait,
            ABANDON_WAIT_SECONDS: abandon_wait,
        }
    )


def test_hand_computed_patience():
    # 30 answered after 20 s and 10 after 50 s; 15 hung up after 60 s and 5 after 30 s.
    # Waited: 30*20 + 10*50 + 15*60 + 5*30 = 600 + 500 + 900 + 150 = 2150 s over 20 abandons.
    frame = intervals("voice", [30, 10, 0], [15, 5, 0], [20.0, 50.0, np.nan], [60, 30, np.nan])
    estimate = patience_by_queue(frame)["voice"]
    assert estimate.seconds == pytest.approx(2150 / 20)
    assert (estimate.abandoned, estimate.answered) == (20, 40)


def test_exponential_patience_is_recovered_from_simulated_waits():
    # M/M/n+M-style censoring: each caller waits min(patience, time to an agent); patience is
    # exponential with mean 120 s, so the estimate must land near 120 s.
    rng = np.random.default_rng(7)
    patience = rng.exponential(120.0, 20_000)
    offered_wait = rng.exponential(60.0, 20_000)
    abandoned = patience < offered_wait
    waited = np.where(abandoned, patience, offered_wait)
    slot = np.arange(20_000) % 50
    frame = pd.DataFrame({"slot": slot, "waited": waited, "abandoned": abandoned})
    per_slot = frame.groupby("slot").apply(
        lambda g: pd.Series(
            {
                ANSWERED: (~g.abandoned).sum(),
                ABANDONED: g.abandoned.sum(),
                WAIT_SECONDS: g.waited[~g.abandoned].mean(),
                ABANDON_WAIT_SECONDS: g.waited[g.abandoned].mean(),
            }
        ),
        include_groups=False,
    )
    estimate = patience_by_queue(per_slot.assign(**{QUEUE: "voice"}))["voice"]
    assert estimate.seconds == pytest.approx(120.0, rel=0.05)


def test_too_few_abandons_or_no_waits_give_no_estimate():
    few = intervals("chat", [50], [MIN_ABANDONED - 1], [10.0], [40.0])
    assert patience_by_queue(few) == {}
    unknown = intervals("voice", [50], [30], [np.nan], [np.nan])
    assert patience_by_queue(unknown) == {}
    assert patience_by_queue(few.drop(columns=[ABANDON_WAIT_SECONDS])) == {}


def test_bank_log_patience_matches_the_raw_calls(shared_data):
    # Cross-check on the Anonymous Bank's February 1999 call log: sum of q_time over answered
    # (AGENT) and abandoned (HANG) calls, divided by the HANG calls.
    path = shared_data / "anonymous_bank" / "february_1999.txt"
    with open(path, newline="") as handle:
        calls = list(csv.DictReader(handle, delimiter="\t"))
    waited = sum(int(c["q_time"]) for c in calls if c["outcome"].strip() in ("AGENT", "HANG"))
    hung_up = sum(c["outcome"].strip() == "HANG" for c in calls)
    estimate = patience_by_queue(import_files([path]).intervals)["all"]
    assert estimate.abandoned == hung_up == 5_904
    assert estimate.seconds == pytest.approx(waited / hung_up)
    assert estimate.seconds == pytest.approx(231.6, abs=0.1)


def test_patience_from_an_acd_interval_report(tmp_path):
    path = tmp_path / "acd.csv"
    path.write_text(
        "Interval,Answered,Abandoned,ASA,Avg Abandon Time\n"
        "2024-03-04 08:00,45,5,10,40\n2024-03-04 08:15,90,15,20,60\n"
        "2024-03-04 08:30,100,0,5,\n2024-03-04 08:45,50,10,30,30\n"
    )
    estimate = patience_by_queue(import_files([path]).intervals)["acd"]
    # (45*10 + 90*20 + 100*5 + 50*30) + (5*40 + 15*60 + 10*30) = 4250 + 1400, over 30 abandons
    assert estimate.seconds == pytest.approx(5650 / 30)
    assert (estimate.answered, estimate.abandoned) == (285, 30)
