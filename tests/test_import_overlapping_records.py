"""Contact-record exports that overlap (the last 30 days taken twice) count each contact once;
files of different contacts over the same days (one per agent or team) are added up."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.importer import import_files_detailed


def _calls(first: str, days: int, seed: int) -> pd.DataFrame:
    """Calls on weekdays 08:00-18:00 at random seconds, handle times 30-900 s."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in pd.date_range(first, periods=days, freq="D"):
        if day.day_of_week >= 5:
            continue
        offsets = np.sort(rng.integers(8 * 3600, 18 * 3600, size=40))
        for offset, handle in zip(offsets, rng.integers(30, 900, size=40), strict=True):
            rows.append((day + pd.Timedelta(seconds=int(offset)), int(handle)))
    return pd.DataFrame(rows, columns=["Call Start", "Handle Time (s)"])


def _write(frame: pd.DataFrame, path) -> None:
    frame.assign(**{"Call Start": frame["Call Start"].dt.strftime("%Y-%m-%d %H:%M:%S")}).to_csv(
        path, index=False
    )


def test_two_exports_overlapping_by_a_week_count_its_contacts_once(tmp_path):
    calls = _calls("2026-03-02", 28, seed=1)
    early = calls[calls["Call Start"] < "2026-03-23"]  # 2-22 March
    late = calls[calls["Call Start"] >= "2026-03-16"]  # 16-29 March: 16-20 March in both
    _write(early, tmp_path / "calls_2026-03-02.csv")
    _write(late, tmp_path / "calls_2026-03-16.csv")
    result = import_files_detailed(
        [tmp_path / "calls_2026-03-02.csv", tmp_path / "calls_2026-03-16.csv"]
    )
    assert result.dataset.queues == ["calls"]
    assert result.contacts == len(calls) == 20 * 40
    twice = len(early) + len(late) - len(calls)
    assert twice == 5 * 40
    (note,) = [n for n in result.dataset.notes if "appear in another file too" in n]
    assert note.startswith(f"{twice} contact record(s) of calls_2026-03-02.csv appear in")
    assert "16 Mar 2026 to 20 Mar 2026" in note


def test_files_of_different_contacts_over_the_same_days_are_added_up(tmp_path):
    # One export per team, the same queue and days: no contact is in both.
    _write(_calls("2026-03-02", 14, seed=2).assign(Queue="Sales"), tmp_path / "calls_team_a.csv")
    _write(_calls("2026-03-02", 14, seed=3).assign(Queue="Sales"), tmp_path / "calls_team_b.csv")
    paths = [tmp_path / "calls_team_a.csv", tmp_path / "calls_team_b.csv"]
    result = import_files_detailed(paths)
    assert result.dataset.queues == ["Sales"]
    assert result.contacts == 2 * 10 * 40
    assert not [n for n in result.dataset.notes if "appear in another file too" in n]
