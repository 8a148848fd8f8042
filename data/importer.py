"""Import contact-history exports (interval volumes or contact records) into one Dataset."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from data import schema
from data.aggregate import DEFAULT_INTERVAL_MINUTES
from data.columns import ColumnPlan, ImportOptions
from data.errors import InputError, where_to_choose
from data.interval_volumes import check_interval, drop_overlaps, intervals_dataset
from data.reader import FileReport, read_file
from data.records import records_dataset
from data.rows import ParsedRows, merge_rows

__all__ = ["FileReport", "ImportOptions", "ImportResult", "import_files", "import_files_detailed"]


@dataclass
class ImportResult:
    dataset: schema.Dataset
    files: list[FileReport]
    first_interval: pd.Timestamp  # the first and last interval holding rows of the exports
    last_interval: pd.Timestamp
    contacts: float  # every contact read: records, or the sum of the counts

    @property
    def rows(self) -> int:
        return sum(report.rows for report in self.files)


def import_files(
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    names: Sequence[str] | None = None,
) -> schema.Dataset:
    """Read one or more exports (one queue per file unless a file has a queue column) into a
    Dataset on a regular interval grid. Raises InputError for anything the user must fix."""
    return import_files_detailed(paths, options, names).dataset


def import_files_detailed(
    paths: Sequence[str | Path],
    options: ImportOptions | None = None,
    names: Sequence[str] | None = None,
) -> ImportResult:
    """`import_files` plus a per-file report of what was detected."""
    options = options or ImportOptions()
    paths = [Path(path) for path in paths]
    if not paths:
        raise InputError("No file was given: choose at least one contact-history export.")
    display = [str(name) for name in names] if names is not None else [p.name for p in paths]
    if len(display) != len(paths):
        raise ValueError("names must give one display name per path")
    if options.kind not in (None, schema.KIND_INTERVALS, schema.KIND_RECORDS):
        raise InputError(
            f"Unknown file kind '{options.kind}': use '{schema.KIND_INTERVALS}' (counts per "
            f"interval) or '{schema.KIND_RECORDS}' (one row per contact) "
            f"({where_to_choose('kind')})."
        )
    check_interval(options.interval_minutes)
    parsed: list[tuple[ColumnPlan, ParsedRows, FileReport]] = []
    failures: list[InputError] = []
    for path, name in zip(paths, display, strict=True):
        try:
            parsed.append(read_file(path, name, options))
        except InputError as error:  # read the rest: every file to fix is named at once
            failures.append(error)
    if failures:
        raise _all_failures(failures, len(paths))
    kinds = {plan.kind for plan, _, _ in parsed}
    if len(kinds) > 1:
        described = ", ".join(f"{report.name} ({plan.kind})" for plan, _, report in parsed)
        raise InputError(
            f"These files mix interval volumes and contact records: {described}. Import each "
            f"shape separately, or set the file kind ({where_to_choose('kind')})."
        )
    kind = kinds.pop()
    rows = merge_rows([item[1] for item in parsed])
    reports = [item[2] for item in parsed]
    merge_notes: list[str] = []
    if kind == schema.KIND_RECORDS:
        dataset = records_dataset(rows, _record_interval(parsed, options.interval_minutes))
    else:
        rows = drop_overlaps(rows, [report.name for report in reports], merge_notes)
        dataset = intervals_dataset(rows, reports, options.interval_minutes)
    dataset.name = _dataset_name(display)
    dataset.source_files = list(display)
    file_notes = [note for item in parsed for note in item[1].notes]
    dataset.notes = file_notes + merge_notes + dataset.notes
    step = dataset.interval_minutes * 60
    first, last = (pd.Timestamp(int(edge) // step * step, unit="s") for edge in _span(rows))
    contacts = float(len(rows.seconds)) if rows.volume is None else float(np.nansum(rows.volume))
    future = _future_history_note(first, display)
    if future:
        dataset.notes.append(future)
    return ImportResult(dataset, reports, first, last, contacts)


def _all_failures(failures: list[InputError], n_files: int) -> InputError:
    """One error naming every file that cannot be read (each message starts with its file)."""
    if len(failures) == 1:
        return failures[0]
    listed = "\n".join(f"- {error}" for error in failures)
    return InputError(
        f"{len(failures)} of {n_files} files cannot be read; fix each one and read them again "
        f"(the files that can be read were not stored either):\n{listed}"
    )


def _future_history_note(first: pd.Timestamp, display: Sequence[str]) -> str | None:
    """A note when the whole history lies after today, else None.

    A note, not a refusal: the rows themselves read correctly, and a file dated ahead can be
    meant so (a test or training file shifted forward, a sandbox system whose clock is ahead).
    But a history of past contacts cannot start tomorrow, so the user is told before planning
    from it: most often the year is wrong in the export."""
    today = pd.Timestamp.today().normalize()
    if first.normalize() <= today:
        return None
    files = ", ".join(display[:3]) + (f" and {len(display) - 3} more" if len(display) > 3 else "")
    return (
        f"{files}: every row is dated after today (the history starts on {first:%Y-%m-%d}; "
        f"today is {today:%Y-%m-%d}). It was read as written. If these are past contacts, check "
        "the year of the dates in the export (or the clock of the system that wrote it) and "
        "import again."
    )


def _record_interval(
    parsed: list[tuple[ColumnPlan, ParsedRows, FileReport]], requested: int | None
) -> int:
    """The requested interval, else 15 minutes; a whole day when the records carry dates only
    (they cannot be placed within the day)."""
    dated_only = [report.name for plan, _, report in parsed if not plan.time_column
                  and not plan.timestamp_column]  # fmt: skip
    if not dated_only:
        return requested or DEFAULT_INTERVAL_MINUTES
    if requested not in (None, 1440):
        raise InputError(
            f"{dated_only[0]}: the records have a date but no time of day, so they can only be "
            "counted per day. Choose a daily interval of 1440 minutes "
            f"({where_to_choose('interval_minutes', 1440)}), or export arrival times."
        )
    return 1440


def _span(rows: ParsedRows) -> tuple[int, int]:
    seconds = rows.seconds if rows.volume is None else rows.seconds[~np.isnan(rows.volume)]
    return int(seconds.min()), int(seconds.max())


def _dataset_name(display: list[str]) -> str:
    stems = [Path(name).stem for name in display]
    return stems[0] if len(stems) == 1 else f"{stems[0]} + {len(stems) - 1} more"
