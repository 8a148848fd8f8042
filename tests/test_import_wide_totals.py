"""Row-total columns beside one count column or one block of columns per queue: the queues are
read, the total is left out (and checked where it can be), never a queue silently dropped."""

from __future__ import annotations

import numpy as np
from import_support import note_with

from data.importer import import_files


def _rows(blocks: bool, total_off: int) -> tuple[list[str], int, int]:
    """Mon 3 - Fri 7 Aug 2026, 8:00-17:00 hourly; (lines, Sales total, Support total)."""
    rng = np.random.default_rng(3)
    header = "Date,Time,Sales Calls,Sales AHT,Support Calls,Support AHT,Total"
    if not blocks:
        header = "Date,Time,Sales Calls,Support Calls,Total"
    lines, sales, support = [header], 0, 0
    for day in range(3, 8):
        for hour in range(8, 18):
            a, b = int(rng.integers(5, 30)), int(rng.integers(2, 20))
            sales, support = sales + a, support + b
            cells = [a, 240, b, 300] if blocks else [a, b]
            total = a + b + total_off
            lines.append(f"{day:02d}/08/2026,{hour}:00,{','.join(map(str, cells))},{total}")
    return lines, sales, support


def _read_both_queues(path, blocks: bool, total_off: int):
    """Import the table, check it holds Sales and Support with their whole counts: its notes."""
    lines, sales, support = _rows(blocks, total_off)
    path.write_text("\n".join(lines) + "\n")
    data = import_files([path])
    assert data.queues == ["Sales", "Support"]
    totals = data.intervals.groupby("queue", observed=True)["volume"].sum()
    assert (totals["Sales"], totals["Support"]) == (sales, support)
    return data


def test_blocks_per_queue_beside_a_plain_total_column_are_every_queue(tmp_path):
    # "Total" names no measure, so it split into no block and the whole table was read as one
    # queue's report: Support's calls were lost without a word.
    data = _read_both_queues(tmp_path / "blocks.csv", blocks=True, total_off=0)
    assert "column(s) Total left out as totals" in note_with(data, "a block of columns per queue")


def test_queue_columns_whose_total_disagrees_everywhere_stay_queues_with_a_note(tmp_path):
    # "Total" counts one to three more on every row (transfers, say): the named queues were
    # dropped for a one-queue read of "Sales Calls" alone.
    data = _read_both_queues(tmp_path / "queues.csv", blocks=False, total_off=2)
    note = note_with(data, "differs from the sum")
    assert "'Total' differs from the sum of the 2 columns on 50 of 50 row(s)" in note
    assert "the columns were read, not the total" in note
