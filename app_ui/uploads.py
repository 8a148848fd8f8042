"""Uploaded files on the Data page: their identity, stored twins, and column-mapping checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from app_ui import cached, state
from data.asterisk import cdr_columns
from data.errors import IMPORT_CHOICES, InputError
from data.importer import ImportOptions
from data.schema import INTERVAL_START, KIND_INTERVALS, KIND_RECORDS, Dataset
from data.sniff import TextFormat
from data.store import Store, name_key
from data.timestamps import is_number
from planning.scenario import MAX_NAME_LENGTH, name_length_problem

AUTOMATIC = "(automatic)"
# Column-mapping choices as the form labels them, by ImportOptions field: the names the
# importer's messages use too.
MAPPING_LABELS = {
    field: IMPORT_CHOICES[field][0]
    for field in ("time_column", "date_column", "volume_column", "queue_column")
}
# Below this share of numbers among its first values, a chosen volume column is the wrong
# column rather than a count column with a few bad cells (which the importer points out).
MIN_NUMBER_SHARE = 0.5


@dataclass(frozen=True)
class Upload:
    """The files in the uploader: (name, bytes) each, and a key that changes with any of them."""

    contents: tuple[tuple[str, bytes], ...]
    digests: tuple[str, ...]  # of each file's bytes
    key: str
    # Files picked twice (same name, same bytes), read once: named so the page can say so.
    repeated: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.contents]


def upload_of(files: list) -> Upload:
    """The uploader's files (Streamlit UploadedFile objects) as an Upload; a file picked twice
    (same name and bytes) is read once: contact records read twice would count double."""
    seen: dict[tuple[str, str], bytes] = {}
    repeated: list[str] = []
    for file in files:
        content = file.getvalue()
        identity = (file.name, hashlib.sha1(content).hexdigest())
        if identity in seen:
            repeated.append(file.name)
        else:
            seen[identity] = content
    contents = tuple((name, content) for (name, _), content in seen.items())
    digests = tuple(digest for _, digest in seen)
    key = hashlib.sha1()
    for (name, _), digest in zip(contents, digests, strict=True):
        # File names count: a file without a queue column is the queue its name says.
        key.update(f"{name}\0{digest}\0".encode())
    return Upload(contents, digests, key.hexdigest(), tuple(repeated))


def shared_names(upload: Upload) -> dict[str, int]:
    """File name -> how many different files (by content) of the upload carry it."""
    counts: dict[str, int] = {}
    for name in upload.names:
        counts[name] = counts.get(name, 0) + 1
    return {name: count for name, count in counts.items() if count > 1}


def dataset_name_problem(name: str) -> str | None:
    """Why `name` is too long for a dataset, or None when it fits: the limit scenario names
    have (MAX_NAME_LENGTH), said the way theirs is."""
    return name_length_problem(
        name, "dataset", "the pages' headers, lists and downloaded file names repeat it"
    )


def _fitted(name: str, room: int) -> str:
    """`name` cut to `room` characters, with "…" where it was cut."""
    return name if len(name) <= room else name[: room - 1].rstrip() + "…"


def upload_name(names: list[str]) -> str:
    """A dataset name from the file names: the stem of one file, else the first stems; cut to
    MAX_NAME_LENGTH characters (see `name_was_shortened`)."""
    return _fitted(_stems_name(names), MAX_NAME_LENGTH)


def _stems_name(names: list[str]) -> str:
    stems = [Path(name).stem for name in names]
    return stems[0] if len(stems) == 1 else " + ".join(stems[:3]) + (" …" if len(stems) > 3 else "")


def name_was_shortened(names: list[str]) -> bool:
    """True when the files' name was too long for a dataset and `upload_name` cut it."""
    return len(_stems_name(names)) > MAX_NAME_LENGTH


def unique_name(wanted: str, taken: list[str]) -> str:
    """`wanted`, else `wanted (2)`, `(3)`…: the first not taken, cut to fit MAX_NAME_LENGTH. A
    name taken in other capitals or spacing is taken: 'Desk' beside a stored 'desk' would list
    two datasets that read alike, which renaming then refuses."""
    keys = {name_key(name) for name in taken}
    name, number = wanted, 2
    while name_key(name) in keys:
        suffix = f" ({number})"
        name, number = _fitted(wanted, MAX_NAME_LENGTH - len(suffix)) + suffix, number + 1
    return name


def files_change(before: list[str], after: list[str]) -> str:
    """'removed c.csv; added d.csv': how the uploader's file list changed."""
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    parts = [f"removed {', '.join(removed)}"] if removed else []
    parts += [f"added {', '.join(added)}"] if added else []
    return "; ".join(parts) or "replaced the files with others of the same names"


def stored_twin(store: Store, dataset: Dataset, ignore: str | None = None) -> str | None:
    """The name of a stored dataset holding exactly this data (other than `ignore`), or None.

    The listing narrows the candidates by size and span, so at most a few are loaded and
    compared by content fingerprint.
    """
    listing = store.list_datasets()
    starts = dataset.intervals[INTERVAL_START]
    alike = listing[
        (listing["name"] != ignore)
        & (listing["interval_minutes"] == dataset.interval_minutes)
        & (listing["rows"] == len(dataset.intervals))
        & (listing["start"] == starts.min())
        & (listing["end"] == starts.max())
    ]
    token = state.fingerprint(dataset)
    for name in alike["name"]:
        try:
            if state.fingerprint(store.load_dataset(name)) == token:
                return name
        except InputError:
            continue  # deleted by another session a moment ago
    return None


def heads_of(upload: Upload) -> list[tuple[str, TextFormat | None]]:
    """(file name, header and first rows) of each file; None for a file that is no table."""
    return [
        (name, cached.upload_head(name, digest, content))
        for (name, content), digest in zip(upload.contents, upload.digests, strict=True)
    ]


def header_of(upload: Upload) -> list[str]:
    """Every column name of the uploaded files, in order of first appearance."""
    heads = [head for _, head in heads_of(upload) if head]
    # A headerless Asterisk Master.csv: its documented fields, not its first call's values.
    headers = [cdr_columns(head) or head.header for head in heads]
    return list(dict.fromkeys(column for header in headers for column in header))


def chosen_columns(options: ImportOptions | None) -> dict[str, str]:
    """Form label -> column, for the columns the user picked in the mapping."""
    if options is None:
        return {}
    picked = {label: getattr(options, field) for field, label in MAPPING_LABELS.items()}
    return {label: column for label, column in picked.items() if column}


def mapping_problems(upload: Upload, options: ImportOptions | None) -> list[str]:
    """What is wrong with the chosen columns themselves, before any file is imported."""
    cdr = _cdr_problem(upload, options)
    if cdr:
        return [cdr]
    chosen = chosen_columns(options)
    if not chosen:
        return []
    problems = []
    roles: dict[str, list[str]] = {}
    for label, column in chosen.items():
        roles.setdefault(column, []).append(label)
    for column, labels in roles.items():
        if len(labels) > 1:
            problems.append(
                f"'{column}' is chosen as the {' and as the '.join(labels)}: a column can play "
                f"one role only. Pick another column for one of them, or set it back to "
                f"{AUTOMATIC}."
            )
    volume = options.volume_column
    if volume and options.kind == KIND_RECORDS:
        problems.append(
            f"The Volume column '{volume}' cannot be used with the file kind 'records': records "
            "have one row per contact and are counted, not summed. Set File kind to 'intervals' "
            f"or {AUTOMATIC}, or set Volume column back to {AUTOMATIC}."
        )
    elif volume:
        problem = _volume_problem(upload, volume)
        if problem:
            problems.append(problem)
    return problems


def _cdr_problem(upload: Upload, options: ImportOptions | None) -> str | None:
    """A message when columns (or the kind 'intervals') are chosen for Asterisk CDRs only: the
    reader takes a CDR's fields by their meaning and would ignore the choice without a word,
    and the "re-import" would store the same data again."""
    chosen = chosen_columns(options)
    if options is not None and options.kind == KIND_INTERVALS:
        chosen[IMPORT_CHOICES["kind"][0]] = KIND_INTERVALS
    heads = [(name, head) for name, head in heads_of(upload) if head is not None]
    if not chosen or not heads or any(cdr_columns(head) is None for _, head in heads):
        return None
    names = ", ".join(name for name, _ in heads)
    picked = "; ".join(f"{label} '{column}'" for label, column in chosen.items())
    one = len(heads) == 1
    what = (
        "is an Asterisk / FreePBX call-detail record"
        if one
        else "are Asterisk / FreePBX call-detail records"
    )
    return (
        f"{names} {what} (CDR): Picco reads {'it' if one else 'them'} by the CDR's own fields "
        "('calldate' or 'start' as the arrival, 'dst' of the Queue rows as the queue, 'billsec' "
        "as the handle time, 'disposition' as the outcome) and counts each inbound call once, "
        f"so your choice ({picked}) cannot be applied and nothing was imported again. Set it "
        f"back to {AUTOMATIC}; only the Interval length applies to a call-detail record."
    )


def _volume_problem(upload: Upload, volume: str) -> str | None:
    """A message when the chosen volume column holds no counts (text, dates) in some file."""
    for name, head in heads_of(upload):
        if head is None or volume not in head.header:
            continue
        position = head.header.index(volume)
        values = [row[position].strip() for row in head.sample_rows if position < len(row)]
        values = [value for value in values if value]
        if not values:
            continue
        share = float(is_number(pa.array(values, pa.string()), head.decimal_comma).mean())
        if share < MIN_NUMBER_SHARE:
            examples = ", ".join(repr(value) for value in values[:3])
            return (
                f"The Volume column you chose, '{volume}', holds values such as {examples} in "
                f"{name}: these are not numbers of contacts. Pick the column that counts the "
                "contacts of each interval (offered or received contacts), or set Volume column "
                f"back to {AUTOMATIC}."
            )
    return None


def explain_import_error(message: str, options: ImportOptions | None) -> str:
    """The importer's message, put in terms of the column mapping when the user chose columns:
    which choice it concerns and how to change it."""
    chosen = chosen_columns(options)
    extras = []
    if options is not None and options.interval_minutes:
        extras.append(f"interval length {options.interval_minutes} minutes")
    if options is not None and options.kind:
        extras.append(f"file kind '{options.kind}'")
    if not chosen and not extras:
        return message
    named = [(label, column) for label, column in chosen.items() if f"'{column}'" in message]
    if named:
        label, column = named[0]
        advice = (
            ""  # the importer already says which choice to change, in the app's words
            if " in the app" in message
            else f" Pick another {label} under Column mapping, or set it back to {AUTOMATIC}."
        )
        return f"The {label} you chose, '{column}', cannot be used: {message}{advice}"
    choices = [f"{label} '{column}'" for label, column in chosen.items()] + extras
    return (
        f"The import with your column mapping ({'; '.join(choices)}) failed: {message} Change "
        f"these choices under Column mapping, or set them back to {AUTOMATIC}."
    )
