"""Round-forty-two probes: a queue title above a table with its own queue column, a day total
on a day without intervals, PivotTable line numbers, and real export shapes (ACD interval
reports, ticket exports, Italian semicolon files, BOM and CRLF, UTF-16 text, thousands)."""

from __future__ import annotations

from import_support import note_with, write

from data.importer import import_files_detailed

# --- A queue title above a table with its own queue column ----------------------------------------


def _queue_titled(tmp_path, queues: tuple[str, ...]) -> object:
    """'Queue: Sales' above a table whose 'Queue' column holds `queues` on 2 Nov and 3 Nov."""
    lines = ["Queue: Sales", "Date,Time,Queue,Offered"]
    counts = iter((10, 12, 9, 11))
    lines += [
        f"{day},{time},{queue},{next(counts)}"
        for day in ("2026-11-02", "2026-11-03")
        for time, queue in zip(("08:00", "08:30"), queues, strict=True)
    ]
    return import_files_detailed([write(tmp_path, "sales.csv", "\n".join(lines) + "\n")])


def _per_queue(result) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby("queue")["volume"].sum().to_dict()


def test_a_queue_title_agreeing_with_the_queue_column_is_named_as_a_title(tmp_path):
    # Before: no note named the line 'Queue: Sales'.
    result = _queue_titled(tmp_path, ("Sales", "Sales"))
    assert _per_queue(result) == {"Sales": 42.0}
    assert note_with(result.dataset, "title") == (
        "sales.csv: 1 line above the header skipped as the report's title ('Queue: Sales')."
    )
    assert not any("check that this is the report" in note for note in result.dataset.notes)


def test_a_queue_title_the_queue_column_never_holds_is_warned_about(tmp_path):
    # Before: the rows were read as 'Support' and nothing said the title named 'Sales'.
    result = _queue_titled(tmp_path, ("Support", "Support"))
    assert _per_queue(result) == {"Support": 42.0}
    assert note_with(result.dataset, "queue named above") == (
        "sales.csv: the queue named above the table (line 1: 'Queue: Sales') is not in its "
        "'Queue' column, which holds 'Support' (4 rows). Each row was given the queue in its "
        "'Queue' column; check that this is the report you meant to export."
    )


def test_a_queue_title_beside_other_queues_in_the_column_is_warned_about(tmp_path):
    result = _queue_titled(tmp_path, ("Support", "Sales"))
    assert _per_queue(result) == {"Sales": 23.0, "Support": 19.0}
    assert note_with(result.dataset, "queue named above") == (
        "sales.csv: the queue named above the table (line 1: 'Queue: Sales') is not the only one "
        "in its 'Queue' column, which also holds 'Support' (2 rows). Each row was given the queue "
        "in its 'Queue' column; check that this is the report you meant to export."
    )
    assert note_with(result.dataset, "title") == (
        "sales.csv: 1 line above the header skipped as the report's title ('Queue: Sales')."
    )
