"""Interval reports written one row per agent, with no agent-state column: the queue's offered
count repeated on every agent's row is read once per interval and queue, the agents' handled
counts and their talk and wrap-up totals are added up. Counts that differ per agent are still
summed, a call log naming each call's agent stays a call log, and agent statistics without a
count of arriving contacts are still refused."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from import_support import note_with

from data import schema
from data.errors import InputError
from data.importer import ImportResult, import_files_detailed

# Three weeks of half hours, open 08:00-18:00 Monday to Friday.
SLOTS = pd.date_range("2024-03-04", periods=21 * 48, freq="30min")
OPEN = SLOTS[(SLOTS.day_of_week < 5) & (SLOTS.hour >= 8) & (SLOTS.hour < 18)]
AGENTS = {
    "Sales": ["Rossi, Anna", "Bianchi, Luca", "Verdi, Sara"],
    "Support": ["Neri, Paolo", "Gallo, Marta", "Costa, Ugo", "Conti, Elena"],
}
PER_DAY = {"Sales": 180, "Support": 420}


def hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def per_agent_export(
    path: Path, seed: int, agent_header: str = "Agent Name", count_header: str = "Offered"
) -> tuple[Path, pd.DataFrame]:
    """One row per half hour, queue and agent: the queue's offered count on every agent's row,
    each agent's handled calls and its talk and after-call work totals (hh:mm:ss). Returns the
    file and the truth per queue and half hour."""
    rng = np.random.default_rng(seed)
    hours = np.asarray(OPEN.hour + OPEN.minute / 60)
    shape = np.sin(np.pi * (hours - 8) / 10) + 0.3
    rows, truth = [], []
    for slot, start in enumerate(OPEN):
        for queue, agents in AGENTS.items():
            offered = int(rng.poisson(PER_DAY[queue] / 20 * shape[slot] / shape.mean()))
            handled = int(rng.binomial(offered, 0.92))
            split = rng.multinomial(handled, np.ones(len(agents)) / len(agents))
            handle_seconds = 0
            for agent, calls in zip(agents, split, strict=True):
                talk = int(rng.gamma(4.0, 50.0, calls).sum())
                wrap = int(rng.gamma(2.0, 20.0, calls).sum())
                handle_seconds += talk + wrap
                row = [f"{start:%Y-%m-%d %H:%M}", queue, agent, offered, int(calls)]
                rows.append([*row, hms(talk), hms(wrap)])
            truth.append((start, queue, offered, handled, handle_seconds))
    header = ["Interval", "Queue", agent_header, count_header, "Handled", "Talk Time", "ACW Time"]
    frame = pd.DataFrame(truth, columns=["start", "queue", "offered", "handled", "seconds"])
    return write_csv(path, header, rows), frame


def per_queue(result: ImportResult, column: str) -> dict[str, float]:
    intervals = result.dataset.intervals
    return intervals.groupby(schema.QUEUE)[column].sum().to_dict()


@pytest.mark.parametrize(
    ("agent_header", "count_header"),
    [("Agent Name", "Offered"), ("Agent", "Queue Offered"), ("Operatore", "Calls Offered")],
)
def test_a_queue_count_on_every_agents_row_is_read_once_per_interval(
    tmp_path, agent_header, count_header
):
    path, truth = per_agent_export(tmp_path / "agents.csv", 16, agent_header, count_header)
    result = import_files_detailed([path])
    assert result.files[0].kind == schema.KIND_INTERVALS
    assert result.dataset.interval_minutes == 30
    offered = truth.groupby("queue")["offered"].sum().astype(float).to_dict()
    assert per_queue(result, schema.VOLUME) == offered  # not 3 or 4 times over
    assert result.contacts == sum(offered.values())
    # The agents' handled calls are their own: summed into the queue's answered count.
    handled = truth.groupby("queue")["handled"].sum().astype(float).to_dict()
    assert per_queue(result, schema.ANSWERED) == handled
    note = note_with(result.dataset, "per-agent figures")
    assert f"'{agent_header}'" in note and f"'{count_header}'" in note
    assert "read once per interval" in note and "up to 4 agents" in note
    assert "handle time" in note and "added up" in note
    assert not any("repeat a timestamp" in note for note in result.dataset.notes)
    # Talk + after-call work, each agent's total, summed and divided by the handled calls.
    intervals = result.dataset.intervals.set_index([schema.INTERVAL_START, schema.QUEUE])
    served = truth[truth["handled"] > 0].set_index(["start", "queue"])
    read = intervals.loc[served.index]
    np.testing.assert_allclose(read[schema.AHT_SECONDS], served["seconds"] / served["handled"])
    assert (read[schema.ANSWERED] == served["handled"]).all()


def test_counts_that_differ_between_the_agents_are_still_summed(tmp_path):
    # Each agent's own offered count (the calls presented to that agent): no queue count to
    # read once, so the agents' counts are added up, with a note saying so.
    rng = np.random.default_rng(7)
    rows, offered = [], {"Sales": 0, "Support": 0}
    for start in OPEN:
        for queue, agents in AGENTS.items():
            for agent in agents:
                presented = int(rng.poisson(3.0)) + len(agent) % 3
                offered[queue] += presented
                handled = int(rng.binomial(presented, 0.9))
                rows.append(
                    [f"{start:%Y-%m-%d %H:%M}", queue, agent, presented, handled,
                     hms(180 * handled), hms(30 * handled)]
                )  # fmt: skip
    header = ["Interval", "Queue", "Agent Name", "Offered", "Handled", "Talk Time", "ACW Time"]
    result = import_files_detailed([write_csv(tmp_path / "agents.csv", header, rows)])
    assert per_queue(result, schema.VOLUME) == {q: float(n) for q, n in offered.items()}
    note = note_with(result.dataset, "per-agent figures")
    assert "'Offered'" in note and "counted once per agent" in note
    assert "read once per interval" not in note
    aht = result.dataset.intervals[schema.AHT_SECONDS].dropna()
    np.testing.assert_allclose(aht, 210.0)


def test_a_call_log_naming_each_calls_agent_stays_a_call_log(tmp_path):
    rng = np.random.default_rng(3)
    arrivals = pd.Timestamp("2024-03-04 08:00") + pd.to_timedelta(
        np.sort(rng.uniform(0, 5 * 24 * 3600, 2000)), unit="s"
    )
    talk, wrap, wait = rng.gamma(4, 50, 2000), rng.gamma(2, 20, 2000), rng.exponential(30, 2000)
    rows = [
        [f"{arrival:%Y-%m-%d %H:%M:%S}", "Sales", AGENTS["Sales"][index % 3],
         int(talk[index]), int(wrap[index]), int(wait[index])]
        for index, arrival in enumerate(arrivals)
    ]  # fmt: skip
    header = ["Call Start", "Queue", "Agent Name", "Talk Time", "ACW Time", "Wait Time"]
    result = import_files_detailed([write_csv(tmp_path / "calls.csv", header, rows)])
    assert result.files[0].kind == schema.KIND_RECORDS
    assert result.contacts == 2000
    assert not any("per-agent" in note for note in result.dataset.notes)


def test_agent_statistics_without_a_count_of_arriving_contacts_are_refused(tmp_path):
    rng = np.random.default_rng(5)
    rows = [
        [f"{start:%Y-%m-%d %H:%M}", agent, int(rng.poisson(4)), 240, 1800, int(rng.integers(300))]
        for start in OPEN
        for agent in AGENTS["Sales"]
    ]
    header = ["Interval", "Agent", "Calls Handled", "Avg Talk Time", "Login Time (s)", "Ready Time"]
    with pytest.raises(InputError) as raised:
        import_files_detailed([write_csv(tmp_path / "agents.csv", header, rows)])
    message = str(raised.value)
    assert message.startswith("agents.csv: the file holds per-agent figures ('Agent', ")
    assert "interval report" in message and "import that" in message
