"""The import's notes on missing intervals count in words that agree with the number."""

import pandas as pd
import pytest
from import_support import write

from data.columns import ImportOptions
from data.importer import import_files


def _export_without(tmp_path, dropped: list[int]):
    """Two weeks of 15-minute rows, weekdays 08:00-18:00, with the rows at `dropped` left out."""
    starts = pd.date_range("2026-03-02", periods=14 * 96, freq="15min")
    minutes = starts.hour * 60 + starts.minute
    open_ = (minutes >= 480) & (minutes < 1080) & (starts.day_of_week < 5)
    frame = pd.DataFrame({"interval": starts[open_].strftime("%Y-%m-%d %H:%M"), "calls": 5})
    return write(tmp_path, "desk.csv", frame.drop(index=frame.index[dropped]).to_csv(index=False))


@pytest.mark.parametrize(
    ("dropped", "missing", "partial"),
    [
        (
            [10],
            "1 open interval has no data in the export",
            "1 30-minute interval is missing because part of it has no row in the export: a "
            "partial total would understate it.",
        ),
        (
            [10, 50, 90],
            "3 open intervals have no data in the export",
            "3 30-minute intervals are missing because part of them has no row in the export: "
            "a partial total would understate them.",
        ),
    ],
)
def test_missing_interval_notes_agree_with_their_count(tmp_path, dropped, missing, partial):
    path = _export_without(tmp_path, dropped)
    assert any(note.startswith(missing) for note in import_files([path]).notes)
    notes = import_files([path], ImportOptions(interval_minutes=30)).notes
    assert partial in notes
