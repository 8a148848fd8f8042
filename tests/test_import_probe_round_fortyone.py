"""Round-forty-one probes: the hour clocks skip in a 24/7 export, Excel's '(blank)' pivot rows, a
title line with blank cells above the header, and a report-run date above a times-only table."""

from __future__ import annotations

import pandas as pd
import pytest
from import_support import note_with, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

# --- 24/7 half hours without the hour clocks skip on Sun 29 Mar 2026 (EU: last Sunday of March) --


def _round_the_clock(tmp_path, also_lost: tuple[str, ...] = ()) -> tuple:
    """Three weeks of half hours, every hour of every day, without 02:00-03:00 on the Sunday
    European clocks go forward, and without the `also_lost` half hours."""
    stamps = pd.date_range("2026-03-16", "2026-04-06", freq="30min", inclusive="left")
    skipped = (stamps >= "2026-03-29 02:00") & (stamps < "2026-03-29 03:00")
    kept = stamps[~skipped & ~stamps.isin(pd.DatetimeIndex(list(also_lost)))]
    lines = ["Interval,Offered"] + [f"{t:%Y-%m-%d %H:%M},{n % 13 + 3}" for n, t in enumerate(kept)]
    path = write(tmp_path, "round_the_clock.csv", "\n".join(lines) + "\n")
    return import_files_detailed([path]), kept


def test_the_hour_clocks_skip_is_not_counted_as_missing(tmp_path):
    # Before: '2 open intervals have no data in the export (Sun 29 Mar 2026 02:00-03:00)'.
    result, kept = _round_the_clock(tmp_path)
    dataset = result.dataset
    assert len(kept) == 21 * 48 - 2 == 1_006
    assert dataset.intervals[schema.VOLUME].sum() == sum(n % 13 + 3 for n in range(1_006))
    assert not any("no data in the export" in note for note in dataset.notes)
    assert note_with(dataset, "clocks skip") == (
        "Sun 29 Mar 2026 02:00-03:00: no rows, as expected: it is the hour clocks skip when they "
        "go forward, which never happens, so nothing is missing there."
    )


def test_a_real_gap_beside_the_skipped_hour_is_still_counted(tmp_path):
    result, _ = _round_the_clock(tmp_path, also_lost=("2026-03-24 14:00", "2026-03-24 14:30"))
    assert note_with(result.dataset, "no data in the export") == (
        "2 open intervals have no data in the export (Tue 24 Mar 2026 14:00-15:00): kept as "
        "missing (empty), not as zero."
    )
    assert note_with(result.dataset, "clocks skip").startswith("Sun 29 Mar 2026 02:00-03:00:")


# --- Excel's '(blank)' item in a compact PivotTable ---------------------------------------------

# Nov 3 has a '(blank)' time (5 calls, in its subtotal of 45); then a '(blank)' date (subtotal
# 7) with an 08:00 (4) and a '(blank)' time (3) beneath it; the grand total is 30 + 45 + 7.
BLANK_ITEMS_PIVOT = """Row Labels,Sum of Calls
2026-11-02,30
08:00,10
08:30,20
2026-11-03,45
08:00,15
08:30,25
(blank),5
(blank),7
08:00,4
(blank),3
Grand Total,82
"""


def test_excel_blank_items_in_a_compact_pivot_are_skipped_with_their_contacts(tmp_path):
    # Before: refused, "('(blank)' is neither a date nor a time), so it cannot be read as
    # intervals".
    result = import_files_detailed([write(tmp_path, "pivot.csv", BLANK_ITEMS_PIVOT)])
    volumes = result.dataset.intervals.dropna(subset=[schema.VOLUME])
    read = volumes.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert read[read > 0].to_dict() == {
        pd.Timestamp("2026-11-02 08:00"): 10.0,
        pd.Timestamp("2026-11-02 08:30"): 20.0,
        pd.Timestamp("2026-11-03 08:00"): 15.0,
        pd.Timestamp("2026-11-03 08:30"): 25.0,
    }
    assert note_with(result.dataset, "PivotTable") == (
        "pivot.csv: an Excel PivotTable in compact layout ('Row Labels': each date with its times "
        "beneath it) was read as one row per interval; its 2 date row(s) (subtotals, each the sum "
        "of its times in 'Sum of Calls') and 1 total row(s) were skipped. 4 rows under Excel's "
        "'(blank)' item (source rows without a date or a time) were skipped too: their 12 "
        "contacts fit no interval and are not in the history. Fill in the date and time in the "
        "source data to count them."
    )


# --- A title line padded with blank cells above a header naming every column ----------------------


def test_a_title_with_blank_cells_over_a_complete_header_is_a_title(tmp_path):
    # Before: read as a two-line header, columns 'Sales Team Interval', 'Sales Team Offered',
    # 'Nov 2026 Answered'.
    stamps = pd.date_range("2026-11-02 08:00", periods=24, freq="30min")
    lines = ["Sales Team,,Nov 2026", "Interval,Offered,Answered"]
    lines += [f"{t:%Y-%m-%d %H:%M},{n % 9 + 4},{n % 9 + 3}" for n, t in enumerate(stamps)]
    result = import_files_detailed([write(tmp_path, "sales.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns == {
        "timestamp": "Interval",
        "volume": "Offered",
        "answered": "Answered",
    }
    intervals = result.dataset.intervals
    assert intervals[schema.VOLUME].sum() == sum(n % 9 + 4 for n in range(24)) == 183
    assert intervals[schema.ANSWERED].sum() == 183 - 24
    assert note_with(result.dataset, "title") == (
        "sales.csv: 1 line above the header skipped as the report's title ('Sales Team Nov 2026')."
    )
    assert not any("spans lines" in note for note in result.dataset.notes)


# --- A times-only table under the date the report was run -----------------------------------------


def test_a_report_run_date_above_a_times_only_table_is_said_to_be_no_day_of_data(tmp_path):
    # Before: "no column with dates or timestamps was found. Columns: Interval (e.g. '08:00');
    # Offered (e.g. '5')", as if the title's date were not there.
    lines = ["Report generated 2026-11-03 07:00", "Interval,Offered"]
    lines += [f"{8 + k // 2:02d}:{30 * (k % 2):02d},{k + 5}" for k in range(24)]
    path = write(tmp_path, "today.csv", "\n".join(lines) + "\n")
    with pytest.raises(InputError) as refused:
        import_files_detailed([path])
    assert str(refused.value) == (
        "today.csv: the table has no date column, and the date above it (line 1: 'Report "
        "generated 2026-11-03 07:00') is when the report was run, not the day of its rows, so "
        "the day of each row is unknown. Export the report with its date column (a date or a "
        "date and time on every row) and import that."
    )


def test_a_bare_title_date_above_a_times_only_table_still_dates_its_rows(tmp_path):
    lines = ["Date: 2026-11-03", "Interval,Offered"]
    lines += [f"{8 + k // 2:02d}:{30 * (k % 2):02d},{k + 5}" for k in range(24)]
    result = import_files_detailed([write(tmp_path, "day.csv", "\n".join(lines) + "\n")])
    intervals = result.dataset.intervals.dropna(subset=[schema.VOLUME])
    assert intervals[schema.VOLUME].sum() == sum(k + 5 for k in range(24)) == 396
    assert intervals[schema.INTERVAL_START].dt.normalize().unique().tolist() == [
        pd.Timestamp("2026-11-03")
    ]


def test_excel_blank_items_in_an_outline_pivot_are_skipped_with_their_contacts(tmp_path):
    # The same PivotTable in outline form: each date on a row of its own beside its subtotal.
    # Before: refused, "column 'Date' has 4 value(s) that are not readable dates/times (line 8:
    # ''; line 9: '(blank)'; line 10: '(blank)')".
    outline = """Date,Time,Sum of Calls
2026-11-02,,30
,08:00,10
,08:30,20
2026-11-03,,45
,08:00,15
,08:30,25
,(blank),5
(blank),,7
,08:00,4
,(blank),3
Grand Total,,82
"""
    result = import_files_detailed([write(tmp_path, "outline.csv", outline)])
    read = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME].dropna()
    assert read[read > 0].to_dict() == {
        pd.Timestamp("2026-11-02 08:00"): 10.0,
        pd.Timestamp("2026-11-02 08:30"): 20.0,
        pd.Timestamp("2026-11-03 08:00"): 15.0,
        pd.Timestamp("2026-11-03 08:30"): 25.0,
    }
    assert note_with(result.dataset, "'(blank)'") == (
        "outline.csv: 4 rows under Excel's '(blank)' item (source rows without a date or a time) "
        "were skipped: their 12 contacts fit no interval and are not in the history. Fill in the "
        "date and time in the source data to count them."
    )
    # The date's subtotal (45) holds its '(blank)' time (5): still checked and skipped.
    assert note_with(result.dataset, "total/subtotal").startswith(
        "outline.csv: 3 total/subtotal row(s) were skipped (line 2: no label; line 5: no label;"
    )
