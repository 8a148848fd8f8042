"""Helpers the import tests share: write an export, look up one interval of the result."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data import schema


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def at(dataset: schema.Dataset, stamp: str, queue: str | None = None) -> pd.Series:
    frame = dataset.intervals
    rows = frame[frame[schema.INTERVAL_START] == pd.Timestamp(stamp)]
    if queue is not None:
        rows = rows[rows[schema.QUEUE] == queue]
    assert len(rows) == 1, rows
    return rows.iloc[0]
