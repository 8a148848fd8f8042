"""Round-thirty-nine probes: a count column whose numbers are mostly gaps ("#N/A", "nan", "n/d",
"inf") read as the count column, its gaps named with their lines or refused naming them, never
dropped for one contact per row; "nan" and "#N/A" counts named as written, not as empty cells."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import note_with, write

from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4)


# --- A count column of mostly gaps ---------------------------------------------------------------


def _half_hour_counts(gap: str, gaps: set[int], rows: int = 5) -> str:
    """`rows` half hours from Monday 08:00 under 'interval_start,calls', 20 + k calls in slot k
    and `gap` written in the slots `gaps`."""
    lines = ["interval_start,calls"]
    for k in range(rows):
        t = MONDAY + dt.timedelta(hours=8, minutes=30 * k)
        lines.append(f"{t:%Y-%m-%d %H:%M:%S},{gap if k in gaps else 20 + k}")
    return "\n".join(lines)


@pytest.mark.parametrize("gap", ["nan", "#N/A", "#DIV/0!", "n/d", "N/D"])
def test_a_count_column_of_mostly_gaps_is_read_as_counts_with_the_gaps_named(tmp_path, gap):
    # Before: 'calls' left out (fewer than half its values numbers) and the five rows read as
    # 5 contact records, one contact each, with no word of the counts.
    path = write(tmp_path, "slots.csv", _half_hour_counts(gap, {0, 1, 2, 3}))
    result = import_files_detailed([path])
    assert result.files[0].columns["volume"] == "calls"
    assert result.contacts == 24  # the one count written, slot 4's 20 + 4
    assert note_with(result.dataset, "not available") == (
        f"slots.csv: 4 cell(s) in 'calls' say the count is not available (line 2: '{gap}'; "
        f"line 3: '{gap}'; line 4: '{gap}'): read as missing, not as 0 contacts."
    )


def test_an_infinite_count_is_refused_naming_its_lines(tmp_path):
    # A formula's division by zero. Before: 5 contact records, the counts dropped unsaid.
    path = write(tmp_path, "slots.csv", _half_hour_counts("inf", {0, 1, 2, 3}))
    with pytest.raises(InputError) as error:
        import_files_detailed([path])
    assert str(error.value) == (
        "slots.csv: column 'calls' should hold counts but 4 value(s) are not numbers (line 2: "
        "'inf'; line 3: 'inf'; line 4: 'inf'). Replace them with the count (0 if none), or leave "
        "the cell empty when the interval is unknown."
    )


def test_a_few_nan_counts_are_named_as_written_not_as_empty_cells(tmp_path):
    # Arrow reads 'nan' in a column of numbers as an empty cell. Before: '2 empty count(s) in
    # 'calls' read as missing.', of cells that are not empty, with no line.
    path = write(tmp_path, "slots.csv", _half_hour_counts("nan", {1, 3}, rows=10))
    result = import_files_detailed([path])
    assert result.contacts == sum(20 + k for k in range(10)) - 21 - 23  # 201
    assert note_with(result.dataset, "not available") == (
        "slots.csv: 2 cell(s) in 'calls' say the count is not available (line 3: 'nan'; "
        "line 5: 'nan'): read as missing, not as 0 contacts."
    )
    assert not any("empty count" in note for note in result.dataset.notes)


def test_an_empty_count_is_still_called_empty(tmp_path):
    path = write(tmp_path, "slots.csv", _half_hour_counts("", {1, 3}, rows=10))
    result = import_files_detailed([path])
    assert result.contacts == 201
    assert "slots.csv: 2 empty count(s) in 'calls' read as missing." in result.dataset.notes
