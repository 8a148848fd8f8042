"""A count column whose values are mostly not whole numbers (a handle time chosen as the count)
gets a note saying to check it."""

from __future__ import annotations

from import_support import write

from data.columns import ImportOptions
from data.importer import import_files

TEXT = "Interval,Calls,AHT\n2024-03-04 08:00,4,230.5\n2024-03-04 08:30,6,241.2\n"


def test_handle_times_chosen_as_the_count_get_a_note(tmp_path):
    dataset = import_files([write(tmp_path, "q.csv", TEXT)], ImportOptions(volume_column="AHT"))
    assert dataset.intervals["volume"].sum() == 471.7
    assert (
        "q.csv: check the count column: 100% of the values in 'AHT' are not whole numbers "
        "(line 2: '230.5'; line 3: '241.2'), as counts of contacts are." in " ".join(dataset.notes)
    )


def test_whole_counts_get_no_such_note(tmp_path):
    dataset = import_files([write(tmp_path, "q.csv", TEXT)])
    assert dataset.intervals["volume"].sum() == 10
    assert not [note for note in dataset.notes if "check the count column" in note]
