"""Import contact-history exports (interval volumes or contact records) into one Dataset."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from data import schema
from data.aggregate import DEFAULT_INTERVAL_MINUTES
from data.columns import ColumnPlan, ImportOptions
from data.dates import day_text
from data.errors import InputError, where_to_choose
from data.interval_volumes import check_interval, drop_overlaps, intervals_dataset
from data.labels import header_words, queue_from_file_name, queues_from_file_names
from data.reader import FileReport, read_file
from data.records import demand_rows, drop_repeated_records, records_dataset
from data.rows import ParsedRows, merge_rows
from data.workbook import (
    HIDDEN_READ,
    HIDDEN_SHEETS_READ,
    WorkbookSheets,
    is_workbook,
    workbook_sheets_to_csv,
)

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
            if is_workbook(path):  # a sheet per month or per queue: each read as a file
                parsed.extend(_read_workbook(path, name, options))
            else:
                parsed.append(read_file(path, name, options))
        except InputError as error:  # read the rest: every file to fix is named at once
            failures.append(error)
    if failures:
        raise _all_failures(failures, len(paths))
    _join_short_month_names(parsed)
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
        rows = demand_rows(drop_repeated_records(rows, [r.name for r in reports], merge_notes))
        interval = _record_interval(parsed, options.interval_minutes)
        if options.interval_minutes is None and interval == DEFAULT_INTERVAL_MINUTES:
            interval = _records_grid(rows.seconds, [r.name for r in reports], merge_notes)
        dataset = records_dataset(rows, interval)
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
    if contacts == 0:  # zeros throughout: a report run before its data was loaded, or empty queues
        counts = sorted({f"'{report.columns['volume']}'" for report in reports
                         if "volume" in report.columns}) or ["answered and abandoned"]  # fmt: skip
        dataset.notes.append(
            f"{', '.join(display[:3])}: every count of contacts ({', '.join(counts)}) is 0, from "
            f"{_days(first, last)}: there is no demand to forecast from. Check that the export "
            "covers the right queues and dates, and import it again."
        )
    future = _future_history_note(first, display)
    if future:
        dataset.notes.append(future)
    return ImportResult(dataset, reports, first, last, contacts)


def _all_failures(failures: list[InputError], n_files: int) -> InputError:
    """One error naming every file that cannot be read (each message starts with its file)."""
    if n_files == 1:
        return failures[0]
    listed = "\n".join(f"- {error}" for error in failures)
    if len(failures) == n_files:  # no file was read: none to say was not stored
        return InputError(
            f"None of the {n_files} files can be read; fix each one and read them again:\n{listed}"
        )
    # Also for one bad file of several: the lead-in says the others were not stored either.
    return InputError(
        f"{len(failures)} of {n_files} files cannot be read; fix each one and read them again "
        f"(the files that can be read were not stored either):\n{listed}"
    )


Parsed = tuple[ColumnPlan, ParsedRows, FileReport]


def _read_workbook(path: Path, name: str, options: ImportOptions) -> list[Parsed]:
    """The workbook's sheet of contact history, with every sheet holding the same table (a
    sheet per month or per queue), each sheet read as a file of its own."""
    with tempfile.TemporaryDirectory(prefix="picco-workbook-") as folder:
        sheets = workbook_sheets_to_csv(path, name, Path(folder), options)
        if len(sheets.parts) == 1:
            plan, rows, report = read_file(sheets.parts[0][1], name, options, sheet=sheets.chosen)
            rows.notes.insert(0, _named_by_sheet(rows, sheets.chosen, name, sheets.note))
            return [(plan, rows, report)]
        read: dict[str, Parsed] = {}
        failures: list[InputError] = []
        for sheet, text_path in sheets.parts:
            try:
                read[sheet] = read_file(text_path, _sheet_name(name, sheet), options, sheet=sheet)
            except InputError as error:
                failures.append(error)
    if failures:
        listed = ", ".join(f"'{sheet}'" for sheet, _ in sheets.parts)
        errors = "\n".join(f"  - {error}" for error in failures)
        raise InputError(
            f"{name}: the sheets {listed} hold the same columns and are read together as one "
            f"history, but {len(failures)} of them cannot be read. Fix each such sheet (or delete "
            f"it from the workbook) and import again:\n{errors}"
        )
    return _join_sheets(name, sheets, read)


def _named_by_sheet(rows: ParsedRows, sheet: str, name: str, note: str) -> str:
    """The one sheet read is its queue's when its name names one ("Sales", not "Sheet1",
    "Data" or "Jun"), as sheets named for queues are when several are read: the queue is the
    same whether a workbook holds one queue's sheet or more. Returns `note`, saying so."""
    owns = _queue_names([sheet])
    if not owns or rows.queue_names != [queue_from_file_name(name)]:  # a queue column or title
        return note
    rows.queue_names = [owns.pop()]
    return f"{note} Its rows are read as queue '{rows.queue_names[0]}', named by the sheet."


def _sheet_name(name: str, sheet: str) -> str:
    # Ends with the file name, so that it still reads as a workbook where the name is shown.
    return f"sheet '{sheet}' of {name}"


def _join_sheets(name: str, sheets: WorkbookSheets, read: dict[str, Parsed]) -> list[Parsed]:
    """The sheets of one table, as several files are joined: a sheet whose rows another sheet
    already holds (a copy, a chart's extract) or at another interval (a summary) is left out;
    sheets of periods make one queue named by the file, sheets over the same dates one queue
    each named by the sheet, unless the table has a queue column of its own."""
    _, _, reference = read[sheets.chosen]
    left_out: list[str] = []
    kept: dict[str, Parsed] = {}
    largest_first = sorted(read, key=lambda sheet: -len(read[sheet][1].seconds))
    for sheet in largest_first:
        plan, rows, report = read[sheet]
        if plan.kind != read[sheets.chosen][0].kind:
            left_out.append(f"'{sheet}': read as {plan.kind}, not {reference.kind}")
        elif report.interval_minutes != reference.interval_minutes and _summary_of(
            read[sheet], read[sheets.chosen]
        ):
            left_out.append(
                f"'{sheet}': the same columns, but {_every(report.interval_minutes)} where "
                f"'{sheets.chosen}' has {_every(reference.interval_minutes)} (a summary)"
            )
        else:
            copy_of = next(
                (other for other in kept if _rows_within(rows, sheet, kept[other][1], other, name)),
                None,
            )
            if copy_of is None:
                kept[sheet] = read[sheet]
            else:
                left_out.append(f"'{sheet}': its rows are on sheet '{copy_of}' too (a copy)")
    order = [sheet for sheet in read if sheet in kept]  # workbook order: a later sheet wins
    named_by_file = [sheet for sheet in order if _named_by_file(kept[sheet][1], sheet, name)]
    queue = queue_from_file_name(name)
    # Sheets named "Jun" and "Jul" are periods whatever their dates; sheets named "Sales" and
    # "Support" are queues whatever theirs; "Sheet1" and "Sheet2" are periods unless they
    # cover the same dates.
    period_names = all(
        queue_from_file_name(sheet, short_months=True) == "all" for sheet in named_by_file
    )
    by_queue_name = not period_names and len(_queue_names(named_by_file)) > 1
    same_dates = _overlapping([kept[sheet][1].seconds for sheet in named_by_file])
    periods = period_names or not (by_queue_name or same_dates)
    if not periods:  # a sheet of each interval's total beside one sheet per queue
        for sheet in _totals_sheets(named_by_file, kept):
            named_by_file.remove(sheet)
            order.remove(sheet)
            contacts = _total_count(kept.pop(sheet)[1])
            left_out.append(
                f"'{sheet}': each of its counts is the sum of the other sheets' at that time, a "
                f"total of the queues, which would count its {contacts:,.0f} contacts twice"
            )
    owns = [_sheet_queue(sheet) for sheet in named_by_file]  # "Sales Jun", "Sales Jul": Sales
    joined_periods = False
    if not periods:  # sheets over the same dates are as many queues: never one name for two
        spans: dict[str, list[np.ndarray]] = {}
        for sheet, own in zip(named_by_file, owns, strict=True):
            spans.setdefault(own, []).append(kept[sheet][1].seconds)
        # A queue's sheets of other dates ("Sales Jun", "Sales Jul") are its periods.
        shared = {own for own, parts in spans.items() if len(parts) > 1 and _overlapping(parts)}
        joined_periods = any(len(parts) > 1 and own not in shared for own, parts in spans.items())
        owns = [
            sheet if own in shared else own for sheet, own in zip(named_by_file, owns, strict=True)
        ]
    for sheet, own in zip(named_by_file, owns, strict=True):
        if periods:
            kept[sheet][1].queue_names = [queue]
        else:
            kept[sheet][1].queue_names = [own if own != "all" else sheet]
    if len(order) == 1:  # the others repeat its rows or sum them up
        hidden = HIDDEN_READ if sheets.hidden else ""
        rows = kept[order[0]][1]
        if named_by_file:
            rows.queue_names = [queue]
        note = _named_by_sheet(
            rows, order[0], name, f"{name}: read sheet '{order[0]}' of the workbook{hidden}."
        )
    else:
        described = ", ".join(_sheet_span(sheet, kept[sheet][1], periods) for sheet in order)
        if not named_by_file and not any(kept[sheet][0].queue_column for sheet in order):
            how = "each as the queue named above its table"
        elif not named_by_file:
            how = "their own queue column names the queues"
        elif periods:
            how = f"as periods of one queue, '{queue}', named by the file"
        elif joined_periods:
            how = "as the queues their names give, a queue's sheets of other dates as its periods"
        elif same_dates:
            how = "as one queue per sheet, since they cover the same dates"
        else:
            how = "as one queue per sheet, since they are named for different queues"
        extra = _extra_columns({sheet: kept[sheet][2] for sheet in order})
        holding = "the same time and count columns" if extra else "the same columns"
        read_sheets = HIDDEN_SHEETS_READ if sheets.hidden else "sheets"
        note = (
            f"{name}: read {len(order)} {read_sheets} holding {holding}, {how}: {described}.{extra}"
        )
    passed_over = left_out + sheets.left_out
    if passed_over:
        more = f"; and {len(passed_over) - 6} more" if len(passed_over) > 6 else ""
        note += f" Other sheets were not read ({'; '.join(passed_over[:6])}{more})."
    first = kept[order[0]][1]
    first.notes.insert(0, note)
    return [kept[sheet] for sheet in order]


def _extra_columns(reports: dict[str, FileReport]) -> str:
    """The columns of a sheet that the other sheets read with it do not have, and whether the
    import read them (" 'Support' also has 'Answered', read for its rows only."); "" if none."""
    headers = {
        sheet: [column for column in report.header if column.strip()]
        for sheet, report in reports.items()
    }
    shared = set.intersection(*({column.strip().lower() for column in h} for h in headers.values()))
    said = []
    for sheet, header in headers.items():
        extra = [column for column in header if column.strip().lower() not in shared]
        if not extra:
            continue
        roles = set(reports[sheet].columns.values())
        read = [f"'{column}'" for column in extra if column in roles]
        unused = [f"'{column}'" for column in extra if column not in roles]
        parts = []
        if read:
            parts.append(f"{', '.join(read)}, read for its rows only")
        if unused:
            parts.append(f"{', '.join(unused)}, left out as the import has no use for it")
        said.append(f" '{sheet}' also has {'; and '.join(parts)}.")
    return "".join(said)


def _join_short_month_names(parsed: list[tuple[ColumnPlan, ParsedRows, FileReport]]) -> None:
    """Files named by their queue and a month's short name ("calls_mar.csv", "calls_apr.csv")
    are periods of one queue, "calls": their rows are given it, with a note."""
    by_file = [
        (rows, report)
        for _, rows, report in parsed
        if rows.queue_names == [queue_from_file_name(report.name)]
    ]
    joined = queues_from_file_names([report.name for _, report in by_file])
    changed = [
        (rows, report, queue)
        for (rows, report), queue in zip(by_file, joined, strict=True)
        if rows.queue_names != [queue]
    ]
    for rows, _, queue in changed:
        rows.queue_names = [queue]
    if changed:
        files = ", ".join(report.name for _, report, _ in changed[:3])
        files += f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        changed[0][0].notes.append(
            f"{files}: their names differ only by a month's short name: read as periods of one "
            f"queue, '{changed[0][2]}'."
        )


# Words of sheet names that say what a sheet holds or where it stands, not which queue:
# spreadsheets' default names in several languages ("Sheet1", "Foglio1", "Tabelle1") and
# report words ("Data", "Queue Performance", "Agents by interval").
_SHEET_WORDS = frozenset(
    "sheet sheets tab page foglio feuil feuille tabelle blatt hoja blad planilha arkusz list "
    "data dati daten donnees datos dados export exports report reports rapport bericht informe "
    "relatorio interval intervals intervalli intervalle queue queues performance daily hourly "
    "weekly monthly summary detail details call calls contact contacts volume volumes history "
    "raw table query result results stats statistics statistiche overview log agent agents and "
    "by per of the total totals chart notes pivot dashboard import output input new old copy "
    "final all quarter quarters hour hours half minute minutes min day days week weeks month "
    "months year intraday time times slot slots kpi kpis metrics sla acd ivr cms skill skills "
    "split trend inbound incoming traffic activity "
    # The same words in Italian, German, French and Spanish reports.
    "chiamate contatti riepilogo dettaglio rapporto intervallo statistiche coda code ore orario "
    "giorno giorni totale anrufe uebersicht ubersicht zusammenfassung statistiken warteschlange "
    "stunden tag tage gesamt appels heures jours llamadas resumen detalle estadisticas cola "
    "horas dia dias "
    # Periods and parts a table is split into: "W1", "KW 36", "Semaine 3", "Part 2", "Pagina 2".
    "wk kw week semaine woche settimana sett mese mois monat mes trimestre quartal semestre part "
    "parte teil partie pagina seite".split()
)


def _sheet_queue(sheet: str) -> str:
    """The queue a sheet's name gives, a month's short name a date there ("Sales Jun": Sales):
    a sheet's name is short, and one queue's sheets of other months must keep one name."""
    return queue_from_file_name(sheet, short_months=True)


def _queue_names(sheets: list[str]) -> set[str]:
    """The queues named by `sheets`' names: "Sales Jun" and "Sales Jul" name 'Sales', "Jun",
    "Sheet1", "Data" or "Queue Performance" none."""
    return {
        own
        for own in map(_sheet_queue, sheets)
        if any(
            len(letters) > 1 and letters not in _SHEET_WORDS  # "W1", "P2", "H1": periods
            for word in header_words(own)
            for letters in re.findall("[a-z]+", word)  # "Sheet1": "sheet"
        )
    }


def _summary_of(part: Parsed, other: Parsed) -> bool:
    """Of two sheets at different intervals, the coarser one's counts are the finer one's
    summed over its intervals (a sheet of hours or days beside the quarter hours): a summary,
    not a queue of its own ("Sales" every half hour beside "Support" every quarter hour)."""
    (_, rows, report), (_, other_rows, other_report) = part, other
    if report.interval_minutes is None or other_report.interval_minutes is None:
        return True
    if rows.volume is None or other_rows.volume is None:
        return True
    (coarse, coarse_minutes), (fine, _) = sorted(
        [(rows, report.interval_minutes), (other_rows, other_report.interval_minutes)],
        key=lambda item: -item[1],
    )
    step = coarse_minutes * 60
    coarse_sums = pd.Series(coarse.volume).groupby(coarse.seconds // step).sum()
    fine_sums = pd.Series(fine.volume).groupby(fine.seconds // step).sum()
    shared = coarse_sums.index.intersection(fine_sums.index)
    if not len(shared):  # other dates: no sum to compare, left out as before
        return True
    return bool(np.allclose(coarse_sums[shared], fine_sums[shared], rtol=1e-6, atol=0.5))


def _every(minutes: int | None) -> str:
    if minutes is None:
        return "a single time"
    return "one row per day" if minutes == 1440 else f"{minutes}-minute intervals"


def _named_by_file(rows: ParsedRows, sheet: str, name: str) -> bool:
    """The sheet has no queue column: its rows are the queue the reader named by the sheet."""
    return rows.queue_names == [queue_from_file_name(_sheet_name(name, sheet))]


def _rows_within(
    rows: ParsedRows, sheet: str, other: ParsedRows, other_sheet: str, name: str
) -> bool:
    """Every row of `rows` (time, count, queue) is also a row of `other`."""
    if not len(rows.seconds):
        return True

    def keys(part: ParsedRows, part_sheet: str) -> pd.MultiIndex:
        counts = np.zeros(len(part.seconds)) if part.volume is None else part.volume
        labels = np.asarray(part.queue_names, dtype=object)[part.codes]
        if _named_by_file(part, part_sheet, name):
            labels = np.full(len(part.seconds), "", dtype=object)  # named by its sheet
        return pd.MultiIndex.from_arrays([part.seconds, labels, np.nan_to_num(counts, nan=-1.0)])

    return bool(keys(rows, sheet).isin(keys(other, other_sheet)).all())


def _totals_sheets(sheets: list[str], kept: dict[str, Parsed]) -> list[str]:
    """The sheets, among three or more over the same dates, whose count at each of their times
    is the sum of the other sheets' counts there: a "Total" sheet beside a sheet per queue."""
    counts = {
        sheet: pd.Series(kept[sheet][1].volume, index=kept[sheet][1].seconds)
        for sheet in sheets
        if kept[sheet][1].volume is not None and len(kept[sheet][1].seconds)
    }
    if len(counts) < 3:
        return []
    totals = []
    for sheet, own in counts.items():
        others = pd.concat([other for name, other in counts.items() if name != sheet])
        summed = others.groupby(level=0).sum(min_count=1).reindex(own.index)
        if own.sum() > 0 and np.allclose(own.to_numpy(), summed.to_numpy(), equal_nan=False):
            totals.append(sheet)
    return totals[:1]  # with one total left out, the others are queues again


def _total_count(rows: ParsedRows) -> float:
    return float(np.nansum(rows.volume)) if rows.volume is not None else 0.0


def _overlapping(spans: list[np.ndarray]) -> bool:
    """Two sheets cover much the same dates: at least half of the shorter one's span. Monthly
    exports that share a day or two are still periods one after the other."""
    edges = [(int(seconds.min()), int(seconds.max())) for seconds in spans if len(seconds)]
    for index, (start, end) in enumerate(edges):
        for other_start, other_end in edges[index + 1 :]:
            shared = min(end, other_end) - max(start, other_start)
            shorter = max(1, min(end - start, other_end - other_start))
            if shared >= shorter / 2:
                return True
    return False


def _sheet_span(sheet: str, rows: ParsedRows, periods: bool) -> str:
    if not len(rows.seconds):
        return f"'{sheet}' (no rows)"
    first, last = (pd.Timestamp(int(edge), unit="s") for edge in _span(rows))
    days = _days(first, last)
    if periods or rows.queue_names == [sheet] or len(rows.queue_names) != 1:
        return f"'{sheet}' {days}"
    return f"'{sheet}' {days} as queue '{rows.queue_names[0]}'"


def _days(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """ "Mon 4 Mar 2024 to Wed 6 Mar 2024", or the one day both fall on."""
    if first.normalize() == last.normalize():
        return day_text(first, True)
    return f"{day_text(first, True)} to {day_text(last, True)}"


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
        f"{files}: every row is dated after today (the history starts on "
        f"{day_text(first, True)}; today is {day_text(today, True)}). It was read as written. If "
        "these are past contacts, check the year of the dates in the export (or the clock of the "
        "system that wrote it) and import again."
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


# A log whose every arrival time falls on the hour or half hour (08:00, 08:30 ...) was written
# at that step: counted in quarter hours, every other slot would stay empty, read as closed and
# forecast at zero. Enough records that a log written to the minute would not fall so by chance
# ((1/30) ** 10 is 2e-15).
RECORD_GRIDS_MINUTES = (60, 30)
MIN_RECORDS_FOR_GRID = 10


def _records_grid(seconds: np.ndarray, names: list[str], notes: list[str]) -> int:
    """The interval to count records in when none is asked for: their own step where every
    arrival falls on the hour or half hour, else DEFAULT_INTERVAL_MINUTES."""
    if len(seconds) < MIN_RECORDS_FOR_GRID or len(np.unique(seconds % 86400)) < 2:
        return DEFAULT_INTERVAL_MINUTES
    for minutes in RECORD_GRIDS_MINUTES:
        if not np.any(seconds % (minutes * 60)):
            on = "hour" if minutes == 60 else "hour or half hour"
            notes.append(
                f"{', '.join(names[:3])}: every contact's time falls on the {on}, so the records "
                f"are counted in {minutes}-minute intervals: {DEFAULT_INTERVAL_MINUTES}-minute ones "
                "would leave the slots between empty. Set the interval length "
                f"({where_to_choose('interval_minutes')}) to count them otherwise."
            )
            return minutes
    return DEFAULT_INTERVAL_MINUTES


def _span(rows: ParsedRows) -> tuple[int, int]:
    seconds = rows.seconds if rows.volume is None else rows.seconds[~np.isnan(rows.volume)]
    return int(seconds.min()), int(seconds.max())


def _dataset_name(display: list[str]) -> str:
    stems = [Path(name).stem for name in display]
    return stems[0] if len(stems) == 1 else f"{stems[0]} + {len(stems) - 1} more"
