"""The embedded store: datasets and their scenarios in one DuckDB file that survives restarts."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from data.errors import InputError
from data.schema import (
    ABANDON_WAIT_SECONDS,
    ABANDONED,
    AHT_SECONDS,
    ANSWERED,
    INTERVAL_COLUMNS,
    INTERVAL_START,
    IS_MISSING,
    IS_OPEN,
    MINUTE_OF_DAY,
    QUEUE,
    SATISFACTION,
    VOLUME,
    WAIT_SECONDS,
    WEEKDAY,
    Dataset,
)

STORE_FILE_NAME = "picco.duckdb"
HOME_ENV_VAR = "PICCO_HOME"
SCHEMA_VERSION = 3  # 2: satisfaction per interval and per dataset; 3: abandoned callers' wait
OPEN_HOURS_COLUMNS = [QUEUE, WEEKDAY, MINUTE_OF_DAY, IS_OPEN]
LIST_COLUMNS = [
    "name",
    "kind",
    "interval_minutes",
    "queues",
    "start",
    "end",
    "contacts",
    "rows",
    "saved_at",
]
# Another process (the app or a CLI run) may hold DuckDB's single-writer lock for a moment.
LOCK_WAIT_SECONDS = 10.0
PREFERENCES_KEY = "preferences"  # store_meta row holding the last used settings
# Previous versions kept per dataset: enough to step back over a few bad uploads in a row (a
# wrong column mapping tried twice, then a short file), while the store file, each version
# holding a whole interval table, grows by at most this many times a dataset's own size.
PREVIOUS_VERSIONS_KEPT = 3
# The columns a dataset row holds besides its id and name: what a previous version keeps too.
DATA_COLUMNS = [
    "kind",
    "interval_minutes",
    "source_files",
    "notes",
    "answered",
    "abandoned",
    "mean_handle_seconds",
    "column_dtypes",
    "queues",
    "first_interval",
    "last_interval",
    "contacts",
    "row_count",
    "saved_at",
    "mean_satisfaction",
]

_SCHEMA_SQL = f"""
CREATE SEQUENCE IF NOT EXISTS dataset_ids START 1;
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS datasets (
    id BIGINT PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,
    interval_minutes INTEGER NOT NULL,
    source_files VARCHAR NOT NULL,   -- JSON list
    notes VARCHAR NOT NULL,          -- JSON list
    answered BIGINT,
    abandoned BIGINT,
    mean_handle_seconds DOUBLE,
    column_dtypes VARCHAR NOT NULL,  -- JSON {{table: {{column: pandas dtype}}}}, for exact reloads
    queues VARCHAR[] NOT NULL,
    first_interval TIMESTAMP,
    last_interval TIMESTAMP,
    contacts DOUBLE NOT NULL,
    row_count BIGINT NOT NULL,
    saved_at TIMESTAMP NOT NULL,     -- UTC
    mean_satisfaction DOUBLE
);
-- The data a replace or a restore displaced, newest first by id. A version's id comes from
-- the dataset sequence, so its rows stay in intervals and open_hours under that id without
-- clashing with a dataset's: keeping or restoring a version re-keys rows instead of copying
-- them. Same data columns as datasets: a column added there is added here too.
CREATE TABLE IF NOT EXISTS dataset_versions (
    id BIGINT PRIMARY KEY,
    dataset_id BIGINT NOT NULL,      -- the dataset it belonged to (its name may change)
    replaced_at TIMESTAMP NOT NULL,  -- UTC
    kind VARCHAR NOT NULL,
    interval_minutes INTEGER NOT NULL,
    source_files VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    answered BIGINT,
    abandoned BIGINT,
    mean_handle_seconds DOUBLE,
    column_dtypes VARCHAR NOT NULL,
    queues VARCHAR[] NOT NULL,
    first_interval TIMESTAMP,
    last_interval TIMESTAMP,
    contacts DOUBLE NOT NULL,
    row_count BIGINT NOT NULL,
    saved_at TIMESTAMP NOT NULL,     -- UTC, when this data was stored
    mean_satisfaction DOUBLE
);
CREATE TABLE IF NOT EXISTS intervals (
    dataset_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    {INTERVAL_START} TIMESTAMP,
    {QUEUE} VARCHAR,
    {VOLUME} DOUBLE,
    {ANSWERED} DOUBLE,
    {ABANDONED} DOUBLE,
    {AHT_SECONDS} DOUBLE,
    {WAIT_SECONDS} DOUBLE,
    {ABANDON_WAIT_SECONDS} DOUBLE,
    {IS_OPEN} BOOLEAN,
    {IS_MISSING} BOOLEAN,
    {SATISFACTION} DOUBLE
);
CREATE TABLE IF NOT EXISTS open_hours (
    dataset_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    {QUEUE} VARCHAR,
    {WEEKDAY} INTEGER,
    {MINUTE_OF_DAY} INTEGER,
    {IS_OPEN} BOOLEAN
);
CREATE TABLE IF NOT EXISTS scenarios (
    dataset_id BIGINT NOT NULL,
    name VARCHAR NOT NULL,
    position BIGINT NOT NULL,        -- save order
    settings VARCHAR NOT NULL,       -- JSON object
    saved_at TIMESTAMP NOT NULL,     -- UTC
    PRIMARY KEY (dataset_id, name)
);
"""

# Files written by older schema versions gain the newer columns (NULL: not known then); a
# table they lack (dataset_versions) comes from the CREATE ... IF NOT EXISTS above.
_MIGRATIONS_SQL = f"""
ALTER TABLE datasets ADD COLUMN IF NOT EXISTS mean_satisfaction DOUBLE;
ALTER TABLE intervals ADD COLUMN IF NOT EXISTS {SATISFACTION} DOUBLE;
ALTER TABLE intervals ADD COLUMN IF NOT EXISTS {ABANDON_WAIT_SECONDS} DOUBLE;
"""


def default_store_path() -> Path:
    """`$PICCO_HOME/picco.duckdb`, else the user data directory (XDG) `picco/picco.duckdb`."""
    home = os.environ.get(HOME_ENV_VAR)
    if home:
        return Path(home).expanduser() / STORE_FILE_NAME
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "picco" / STORE_FILE_NAME


@dataclass(frozen=True)
class PreviousVersion:
    """A dataset's data as it was before a replace or a restore displaced it."""

    version_id: int
    saved_at: datetime  # UTC: when this data was stored
    replaced_at: datetime  # UTC: when newer data took its place
    kind: str
    interval_minutes: int
    queues: tuple[str, ...]
    start: datetime | None  # first interval
    end: datetime | None  # last interval
    contacts: float
    rows: int
    source_files: tuple[str, ...]


class Store:
    """Datasets and scenarios in a DuckDB file, one short-lived connection per operation.

    Short connections let the app and the CLI share the file: DuckDB allows one writing process
    at a time, so a process only holds the file while it reads or writes.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # PICCO_HOME is a file, or a folder not ours to write in
            raise InputError(
                f"Cannot create the folder of the Picco store {self.path} "
                f"({error.strerror or error}): set {HOME_ENV_VAR} to a directory you can "
                "write to, and try again."
            ) from error
        with self._transaction() as con:
            stored = _stored_schema_version(con)
            if stored is not None and stored > SCHEMA_VERSION:
                # A newer Picco's layout: writing to it with this one's would break it.
                raise InputError(
                    f"The Picco store {self.path} was written by a newer Picco (store layout "
                    f"{stored}, this Picco knows up to {SCHEMA_VERSION}): update Picco, or set "
                    f"{HOME_ENV_VAR} to another directory; the file is left as it is."
                )
            con.execute(_SCHEMA_SQL)
            con.execute(_MIGRATIONS_SQL)
            if stored != SCHEMA_VERSION:  # write only on a change: opening stays a read
                con.execute(
                    "INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)",
                    [str(SCHEMA_VERSION)],
                )

    # ----------------------------------------------------------------- connections

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection held by this thread alone; a full disk or a damaged file mid-way
        becomes an InputError saying what to do."""
        lock = _process_lock(self.path)
        if not lock.acquire(timeout=LOCK_WAIT_SECONDS):
            raise _busy(self.path)
        try:
            con = _open_with_retry(self.path)
            try:
                yield con
            except duckdb.Error as error:
                problem = _unusable_store(self.path, error)
                if problem is None:
                    raise
                raise problem from error
            finally:
                con.close()
        finally:
            lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: any exception rolls back, leaving the stored data as it was."""
        with self._connect() as con:
            con.begin()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    # ----------------------------------------------------------------- datasets

    def save_dataset(
        self, dataset: Dataset, name: str | None = None, replace: bool = False
    ) -> None:
        """Store `dataset` under `name` (default: its own name); an existing name needs replace.

        Replacing keeps the data replaced as a previous version (see `restore_previous_version`).
        """
        name = _clean_name(dataset.name if name is None else name, "dataset")
        intervals = _checked_frame(dataset.intervals, INTERVAL_COLUMNS, "intervals", name)
        open_hours = _checked_frame(dataset.open_hours, OPEN_HOURS_COLUMNS, "open hours", name)
        summary = _summarise(intervals)
        metadata = [  # in DATA_COLUMNS order
            dataset.kind,
            int(dataset.interval_minutes),
            json.dumps([str(path) for path in dataset.source_files]),
            json.dumps([str(note) for note in dataset.notes]),
            _optional_int(dataset.answered),
            _optional_int(dataset.abandoned),
            _optional_float(dataset.mean_handle_seconds),
            json.dumps({"intervals": _dtypes(intervals), "open_hours": _dtypes(open_hours)}),
            summary["queues"],
            summary["start"],
            summary["end"],
            summary["contacts"],
            summary["rows"],
            _utc_now(),
            _optional_float(dataset.mean_satisfaction),
        ]
        with self._transaction() as con:
            dataset_id = _find_dataset_id(con, name)
            if dataset_id is not None and not replace:
                raise InputError(
                    f"A dataset named '{name}' is already stored: choose another name, "
                    "or replace it."
                )
            if dataset_id is None:
                (dataset_id,) = con.execute("SELECT nextval('dataset_ids')").fetchone()
                con.execute(
                    "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [dataset_id, name, *metadata],
                )
            else:
                # Keep the id so the dataset's scenarios stay attached to the new data; the data
                # replaced stays restorable (a wrong mapping or a shorter file loses nothing).
                _keep_as_previous(con, dataset_id)
                assignments = ", ".join(f"{column} = ?" for column in DATA_COLUMNS)
                con.execute(
                    f"UPDATE datasets SET {assignments} WHERE id = ?", [*metadata, dataset_id]
                )
                _drop_old_versions(con, dataset_id)
            _insert_frame(con, "intervals", dataset_id, intervals, INTERVAL_COLUMNS)
            _insert_frame(con, "open_hours", dataset_id, open_hours, OPEN_HOURS_COLUMNS)

    def list_datasets(self) -> pd.DataFrame:
        """One row per stored dataset (LIST_COLUMNS; `queues` is a list, `saved_at` UTC)."""
        with self._connect() as con:
            rows = con.execute(
                """SELECT name, kind, interval_minutes, queues, first_interval, last_interval,
                          contacts, row_count, saved_at
                   FROM datasets ORDER BY lower(name), name"""
            ).fetchall()
        frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
        frame["queues"] = [list(queues) for queues in frame["queues"]]
        for column in ("start", "end", "saved_at"):
            frame[column] = pd.to_datetime(frame[column])
        return frame.astype({"interval_minutes": "int64", "contacts": "float64", "rows": "int64"})

    def load_dataset(self, name: str) -> Dataset:
        """The dataset stored under `name`, exactly as it was saved."""
        with self._connect() as con:
            dataset_id = _require_dataset_id(con, name)
            return _read_dataset(con, "datasets", dataset_id, name)

    def rename_dataset(self, old: str, new: str) -> None:
        """Rename a stored dataset; its scenarios follow it."""
        new = _clean_name(new, "dataset")
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, old)
            if new == old:
                raise InputError(
                    f"Cannot rename '{old}' to '{new}': that is already its name. "
                    "Choose another name."
                )
            # Another dataset's name, or that name in other capitals or spacing: two entries
            # that read alike.
            alike = [
                name
                for (name,) in con.execute(
                    "SELECT name FROM datasets WHERE id <> ?", [dataset_id]
                ).fetchall()
                if name_key(name) == name_key(new)
            ]
            if alike:
                holder = new if new in alike else alike[0]
                raise InputError(
                    f"Cannot rename '{old}' to '{new}': a dataset named '{holder}' already "
                    "exists. Choose another name."
                )
            con.execute("UPDATE datasets SET name = ? WHERE id = ?", [new, dataset_id])

    def delete_dataset(self, name: str) -> None:
        """Delete a stored dataset together with its scenarios and previous versions.

        The versions go too: the delete is confirmed first, and versions kept behind would be
        data the manager chose to remove, out of reach once the name is gone.
        """
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, name)
            _drop_old_versions(con, dataset_id, keep=0)
            for table in ("scenarios", "intervals", "open_hours"):
                con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])
            con.execute("DELETE FROM datasets WHERE id = ?", [dataset_id])

    # ----------------------------------------------------------------- previous versions

    def list_previous_versions(self, name: str) -> list[PreviousVersion]:
        """The data a replace or restore displaced from dataset `name`, most recent first."""
        with self._connect() as con:
            dataset_id = _require_dataset_id(con, name)
            rows = con.execute(
                """SELECT id, saved_at, replaced_at, kind, interval_minutes, queues,
                          first_interval, last_interval, contacts, row_count, source_files
                   FROM dataset_versions WHERE dataset_id = ? ORDER BY id DESC""",
                [dataset_id],
            ).fetchall()
        return [
            PreviousVersion(
                version_id=int(version_id),
                saved_at=saved_at,
                replaced_at=replaced_at,
                kind=kind,
                interval_minutes=int(interval_minutes),
                queues=tuple(queues),
                start=start,
                end=end,
                contacts=float(contacts),
                rows=int(row_count),
                source_files=tuple(json.loads(source_files)),
            )
            for (
                version_id,
                saved_at,
                replaced_at,
                kind,
                interval_minutes,
                queues,
                start,
                end,
                contacts,
                row_count,
                source_files,
            ) in rows
        ]

    def load_previous_version(self, name: str, version_id: int) -> Dataset:
        """A previous version of dataset `name`, exactly as it was stored."""
        with self._connect() as con:
            dataset_id = _require_dataset_id(con, name)
            _require_version(con, dataset_id, version_id, name)
            return _read_dataset(con, "dataset_versions", version_id, name)

    def restore_previous_version(self, name: str, version_id: int) -> None:
        """Make a previous version the data of dataset `name` again.

        The data it held until now becomes a previous version in turn, so a restore can be
        undone the same way; the scenarios stay with the dataset.
        """
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, name)
            _require_version(con, dataset_id, version_id, name)
            _keep_as_previous(con, dataset_id)
            assignments = ", ".join(f"{column} = kept.{column}" for column in DATA_COLUMNS)
            con.execute(
                f"""UPDATE datasets SET {assignments} FROM dataset_versions AS kept
                    WHERE datasets.id = ? AND kept.id = ?""",
                [dataset_id, version_id],
            )
            for table in ("intervals", "open_hours"):
                con.execute(
                    f"UPDATE {table} SET dataset_id = ? WHERE dataset_id = ?",
                    [dataset_id, version_id],
                )
            con.execute("DELETE FROM dataset_versions WHERE id = ?", [version_id])
            _drop_old_versions(con, dataset_id)

    # ----------------------------------------------------------------- preferences

    def save_preferences(self, values: dict[str, Any]) -> None:
        """Keep the settings the manager last used (a JSON-able dict), replacing earlier ones."""
        text = json.dumps(values, default=_json_default, allow_nan=False)
        with self._transaction() as con:
            con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [PREFERENCES_KEY, text])

    def load_preferences(self) -> dict[str, Any]:
        """The settings last kept by `save_preferences`; empty when none are (or unreadable)."""
        with self._connect() as con:
            row = con.execute(
                "SELECT value FROM store_meta WHERE key = ?", [PREFERENCES_KEY]
            ).fetchone()
        try:
            values = json.loads(row[0]) if row else {}
        except json.JSONDecodeError:
            return {}  # a settings blob from elsewhere: start from the defaults
        return values if isinstance(values, dict) else {}

    # ----------------------------------------------------------------- scenarios

    def save_scenario(
        self,
        dataset_name: str,
        scenario_name: str,
        settings: dict[str, Any],
        replace: bool = True,
    ) -> None:
        """Store `settings` (a JSON-able dict) as a named scenario of a stored dataset.

        Replacing keeps the scenario's place in the save order.
        """
        scenario_name = _clean_name(scenario_name, "scenario")
        settings_json = _settings_to_json(settings, scenario_name)
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            holder = _scenario_named(con, dataset_id, scenario_name)
            if holder is not None and holder != scenario_name:
                raise InputError(
                    f"Dataset '{dataset_name}' already has a scenario named '{holder}': choose "
                    "another name."
                )
            exists = holder is not None
            if exists and not replace:
                raise InputError(
                    f"Dataset '{dataset_name}' already has a scenario named '{scenario_name}': "
                    "choose another name, or replace it."
                )
            if exists:
                con.execute(
                    "UPDATE scenarios SET settings = ?, saved_at = ? "
                    "WHERE dataset_id = ? AND name = ?",
                    [settings_json, _utc_now(), dataset_id, scenario_name],
                )
            else:
                con.execute(
                    """INSERT INTO scenarios
                       SELECT ?, ?, coalesce(max(position), 0) + 1, ?, ?
                       FROM scenarios WHERE dataset_id = ?""",
                    [dataset_id, scenario_name, settings_json, _utc_now(), dataset_id],
                )

    def list_scenarios(self, dataset_name: str) -> list[str]:
        """Scenario names of a stored dataset, in the order they were first saved."""
        with self._connect() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            rows = con.execute(
                "SELECT name FROM scenarios WHERE dataset_id = ? ORDER BY position",
                [dataset_id],
            ).fetchall()
        return [row[0] for row in rows]

    def load_scenario(self, dataset_name: str, scenario_name: str) -> dict[str, Any]:
        """The settings saved for a scenario."""
        with self._connect() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            row = con.execute(
                "SELECT settings FROM scenarios WHERE dataset_id = ? AND name = ?",
                [dataset_id, scenario_name],
            ).fetchone()
        if row is None:
            raise _unknown_scenario(dataset_name, scenario_name)
        return json.loads(row[0])

    def rename_scenario(self, dataset_name: str, old: str, new: str) -> None:
        """Rename a scenario of a stored dataset, keeping its place in the order."""
        new = _clean_name(new, "scenario")
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            if not _scenario_exists(con, dataset_id, old):
                raise _unknown_scenario(dataset_name, old)
            if new == old:
                return
            holder = _scenario_named(con, dataset_id, new)
            if holder is not None and holder != old:
                raise InputError(
                    f"Cannot rename scenario '{old}' to '{new}': dataset '{dataset_name}' "
                    f"already has a scenario named '{holder}'."
                )
            _move_scenario(con, dataset_id, old, new)

    def rename_scenarios(self, dataset_name: str, renames: dict[str, str]) -> None:
        """Rename several scenarios of a stored dataset at once, all or none, each keeping its
        place in the order. Names may be swapped or passed on (A to B and B to A): every
        scenario moves through a temporary name first, so no step clashes with another."""
        moving = {old: _clean_name(new, "scenario") for old, new in renames.items()}
        moving = {old: new for old, new in moving.items() if new != old}
        if not moving:
            return
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            for old in moving:
                if not _scenario_exists(con, dataset_id, old):
                    raise _unknown_scenario(dataset_name, old)
            stored = [
                row[0]
                for row in con.execute(
                    "SELECT name FROM scenarios WHERE dataset_id = ?", [dataset_id]
                ).fetchall()
            ]
            # The names the scenarios will hold afterwards, by the key a person reads them by.
            holders = {name_key(name): name for name in stored if name not in moving}
            for old, new in moving.items():
                holder = holders.get(name_key(new))
                if holder is not None:
                    raise InputError(
                        f"Cannot rename scenario '{old}' to '{new}': dataset '{dataset_name}' "
                        f"already has a scenario named '{holder}'."
                    )
                holders[name_key(new)] = new
            temporary = {old: f"__renaming_{uuid.uuid4().hex}" for old in moving}
            for old, parked in temporary.items():
                con.execute(
                    "UPDATE scenarios SET name = ? WHERE dataset_id = ? AND name = ?",
                    [parked, dataset_id, old],
                )
            for old, new in moving.items():
                _move_scenario(con, dataset_id, temporary[old], new)

    def delete_scenario(self, dataset_name: str, name: str) -> None:
        """Delete one scenario of a stored dataset."""
        with self._transaction() as con:
            dataset_id = _require_dataset_id(con, dataset_name)
            if not _scenario_exists(con, dataset_id, name):
                raise _unknown_scenario(dataset_name, name)
            con.execute(
                "DELETE FROM scenarios WHERE dataset_id = ? AND name = ?", [dataset_id, name]
            )


# --------------------------------------------------------------------- helpers


# One connection at a time per store file within this process: the app serves each browser
# tab from a thread of its own, and two connections at once race DuckDB's instance cache
# ("already attached") or clash on the same rows ("Conflict on update!").
_PROCESS_LOCKS: dict[str, threading.RLock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def _process_lock(path: Path) -> threading.RLock:
    with _PROCESS_LOCKS_GUARD:
        return _PROCESS_LOCKS.setdefault(os.path.abspath(path), threading.RLock())


def _busy(path: Path) -> InputError:
    return InputError(
        f"The Picco store {path} is busy: another Picco process is writing to it. "
        "Wait for it to finish (or close it) and try again."
    )


def _open_with_retry(path: Path) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    forgot_empty_file = False
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.Error as error:
            message = str(error)
            locked = "lock" in message.lower() and isinstance(error, duckdb.IOException)
            # Still attached by a connection closing elsewhere in this process: a moment's wait.
            if locked or isinstance(error, duckdb.ResourceInUseException):
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                raise _busy(path) from error
            empty = "not a valid duckdb" in message.lower() and not forgot_empty_file
            if empty and _forget_empty_file(path):
                forgot_empty_file = True  # once: the retry creates the file or says why not
                continue
            raise _unusable_store(path, error) or InputError(
                f"Cannot open the Picco store {path} ({_first_line(message)}): move the file "
                f"aside, or set {HOME_ENV_VAR} to another directory, and try again."
            ) from error


def _forget_empty_file(path: Path) -> bool:
    """Remove a store file of zero bytes, which DuckDB refuses to open: it holds nothing (a full
    disk stopped the first write of its header), and without this the store never opens again.
    The removal happens under DuckDB's own file lock, so a process creating it is not hit."""
    wal = path.with_name(path.name + ".wal")
    try:
        if path.stat().st_size or (wal.exists() and wal.stat().st_size):
            return False
        with open(path, "rb+") as handle:
            try:
                import fcntl  # POSIX only: elsewhere the file is left for the user to move
            except ImportError:
                return False
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # another process has it open: the retry sees what it wrote
            if os.fstat(handle.fileno()).st_size:
                return False
            path.unlink()
        return True
    except OSError:
        return False


def _unusable_store(path: Path, error: duckdb.Error) -> InputError | None:
    """The user's way out when the store file cannot be read or written; None for any other
    error (a bug, or data DuckDB cannot store), which is raised as it is."""
    lowered = str(error).lower()
    for words, advice in _STORE_PROBLEMS:
        if any(word in lowered for word in words):
            return InputError(
                advice.format(path=path, reason=_first_line(str(error)), home=HOME_ENV_VAR)
            )
    return None


# What DuckDB or the OS says when the store file cannot be used, and the user's way out.
_STORE_PROBLEMS = (
    (
        ("permission denied", "read-only file system"),
        "Picco may not write to its store {path} ({reason}): make the file and its folder "
        "writable for you, or set {home} to a directory you can write to.",
    ),
    (
        ("no space left", "file too large", "disk quota", "could not write"),
        "Picco could not write to its store {path} ({reason}): free some disk space, or set "
        "{home} to a directory on another disk, and try again (what was stored before is "
        "unchanged).",
    ),
    (
        ("corrupt", "could not read", "not a valid duckdb", "is a directory"),
        "Cannot open the Picco store {path}: it is damaged or not a Picco store ({reason}); "
        "move the file aside (Picco then starts an empty store), or set {home} to another "
        "directory, and try again.",
    ),
)


def _first_line(message: str) -> str:
    """DuckDB's message without its trailing punctuation or extra lines, to quote in ours."""
    return message.strip().splitlines()[0].rstrip(".!") if message.strip() else "unknown error"


def _stored_schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store layout a file was written with; None for a new file."""
    tables = con.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'store_meta'"
    ).fetchone()
    if tables is None:
        return None
    row = con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else None
    except ValueError:
        return None


def _clean_name(name: object, what: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"The {what} name is empty: give the {what} a name.")
    return name.strip()


def _find_dataset_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    row = con.execute("SELECT id FROM datasets WHERE name = ?", [name]).fetchone()
    return None if row is None else int(row[0])


def _require_dataset_id(con: duckdb.DuckDBPyConnection, name: str) -> int:
    dataset_id = _find_dataset_id(con, name)
    if dataset_id is None:
        stored = [
            row[0] for row in con.execute("SELECT name FROM datasets ORDER BY name").fetchall()
        ]
        known = ", ".join(f"'{each}'" for each in stored) if stored else "none yet"
        raise InputError(f"No stored dataset is named '{name}' (stored datasets: {known}).")
    return dataset_id


def _require_version(
    con: duckdb.DuckDBPyConnection, dataset_id: int, version_id: int, name: str
) -> None:
    row = con.execute(
        "SELECT 1 FROM dataset_versions WHERE id = ? AND dataset_id = ?",
        [int(version_id), dataset_id],
    ).fetchone()
    if row is None:
        raise InputError(
            f"Dataset '{name}' has no such previous version (restored or deleted meanwhile?)."
        )


def _keep_as_previous(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Turn the dataset's current data into a previous version: its row copied, its interval
    and open-hours rows moved to the version's id (moved, not copied: nothing is duplicated)."""
    (version_id,) = con.execute("SELECT nextval('dataset_ids')").fetchone()
    columns = ", ".join(DATA_COLUMNS)
    con.execute(
        f"""INSERT INTO dataset_versions (id, dataset_id, replaced_at, {columns})
            SELECT ?, id, ?, {columns} FROM datasets WHERE id = ?""",
        [version_id, _utc_now(), dataset_id],
    )
    for table in ("intervals", "open_hours"):
        con.execute(
            f"UPDATE {table} SET dataset_id = ? WHERE dataset_id = ?", [version_id, dataset_id]
        )


def _drop_old_versions(
    con: duckdb.DuckDBPyConnection, dataset_id: int, keep: int = PREVIOUS_VERSIONS_KEPT
) -> None:
    """Delete the dataset's previous versions beyond the `keep` most recent, with their rows."""
    dropped = [
        row[0]
        for row in con.execute(
            "SELECT id FROM dataset_versions WHERE dataset_id = ? ORDER BY id DESC OFFSET ?",
            [dataset_id, keep],
        ).fetchall()
    ]
    for version_id in dropped:
        for table in ("intervals", "open_hours"):
            con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [version_id])
        con.execute("DELETE FROM dataset_versions WHERE id = ?", [version_id])


def _read_dataset(con: duckdb.DuckDBPyConnection, table: str, row_id: int, name: str) -> Dataset:
    """The dataset whose row `row_id` of `table` (datasets or dataset_versions) describes."""
    cursor = con.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    columns = [description[0] for description in cursor.description]
    stored = dict(zip(columns, cursor.fetchone(), strict=True))
    intervals = _select_frame(con, "intervals", row_id, INTERVAL_COLUMNS)
    open_hours = _select_frame(con, "open_hours", row_id, OPEN_HOURS_COLUMNS)
    dtypes = json.loads(stored["column_dtypes"])
    return Dataset(
        name=name,
        kind=stored["kind"],
        interval_minutes=int(stored["interval_minutes"]),
        intervals=_restore_dtypes(intervals, dtypes["intervals"]),
        open_hours=_restore_dtypes(open_hours, dtypes["open_hours"]),
        source_files=json.loads(stored["source_files"]),
        notes=json.loads(stored["notes"]),
        answered=stored["answered"],
        abandoned=stored["abandoned"],
        mean_handle_seconds=stored["mean_handle_seconds"],
        mean_satisfaction=stored["mean_satisfaction"],
    )


def _scenario_exists(con: duckdb.DuckDBPyConnection, dataset_id: int, name: str) -> bool:
    row = con.execute(
        "SELECT 1 FROM scenarios WHERE dataset_id = ? AND name = ?", [dataset_id, name]
    ).fetchone()
    return row is not None


def _scenario_named(con: duckdb.DuckDBPyConnection, dataset_id: int, name: str) -> str | None:
    """The stored scenario `name` would be mistaken for: the same name in any case or spacing
    ("baseline " beside "Baseline")."""
    key = name_key(name)
    rows = con.execute("SELECT name FROM scenarios WHERE dataset_id = ?", [dataset_id]).fetchall()
    return next((row[0] for row in rows if name_key(row[0]) == key), None)


def name_key(name: str) -> str:
    """Names that differ only in case or spacing are the same name to a manager."""
    return " ".join(name.split()).casefold()


def _move_scenario(con: duckdb.DuckDBPyConnection, dataset_id: int, old: str, new: str) -> None:
    """Give scenario `old` the name `new`; its settings carry its name too (the app's tables
    show that one)."""
    (stored,) = con.execute(
        "SELECT settings FROM scenarios WHERE dataset_id = ? AND name = ?",
        [dataset_id, old],
    ).fetchone()
    settings = json.loads(stored)
    if isinstance(settings, dict) and "name" in settings:
        settings["name"] = new
    con.execute(
        "UPDATE scenarios SET name = ?, settings = ? WHERE dataset_id = ? AND name = ?",
        [new, _settings_to_json(settings, new), dataset_id, old],
    )


def _unknown_scenario(dataset_name: str, name: str) -> InputError:
    return InputError(f"Dataset '{dataset_name}' has no scenario named '{name}'.")


def _checked_frame(frame: pd.DataFrame, columns: list[str], what: str, name: str) -> pd.DataFrame:
    """The frame with exactly `columns`; anything else would be lost on reload, so refuse it.
    A frame from before satisfaction or abandoned waits were stored gets them as unknown."""
    for later in (SATISFACTION, ABANDON_WAIT_SECONDS):
        if later in columns and later not in frame.columns:
            frame = frame.assign(**{later: np.nan})
    missing = [column for column in columns if column not in frame.columns]
    extra = [column for column in frame.columns if column not in columns]
    if missing or extra:
        raise InputError(
            f"Cannot store dataset '{name}': its {what} table must have the columns "
            f"{columns} (missing: {missing or 'none'}; unexpected: {extra or 'none'})."
        )
    return frame[columns]


def _summarise(intervals: pd.DataFrame) -> dict[str, Any]:
    starts = intervals[INTERVAL_START]
    empty = intervals.empty
    return {
        "queues": sorted(str(queue) for queue in intervals[QUEUE].dropna().unique()),
        "start": None if empty else pd.Timestamp(starts.min()).to_pydatetime(),
        "end": None if empty else pd.Timestamp(starts.max()).to_pydatetime(),
        "contacts": float(np.nansum(pd.to_numeric(intervals[VOLUME], errors="coerce"))),
        "rows": len(intervals),
    }


def _insert_frame(
    con: duckdb.DuckDBPyConnection,
    table: str,
    dataset_id: int,
    frame: pd.DataFrame,
    columns: list[str],
) -> None:
    """Bulk insert through DuckDB's DataFrame scan; `position` keeps the frame's row order."""
    # A real copy: DuckDB's DataFrame scan fails on views with negative strides (df.iloc[::-1]).
    incoming = frame.reset_index(drop=True).copy(deep=True)
    incoming["_position"] = np.arange(len(frame), dtype="int64")
    view = f"incoming_{table}"
    con.register(view, incoming)
    try:
        column_list = ", ".join(columns)
        con.execute(
            f"INSERT INTO {table} (dataset_id, position, {column_list}) "
            f"SELECT ?, _position, {column_list} FROM {view}",
            [dataset_id],
        )
    finally:
        con.unregister(view)


def _select_frame(
    con: duckdb.DuckDBPyConnection, table: str, dataset_id: int, columns: list[str]
) -> pd.DataFrame:
    return con.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE dataset_id = ? ORDER BY position",
        [dataset_id],
    ).df()


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {column: str(dtype) for column, dtype in frame.dtypes.items()}


def _restore_dtypes(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    return frame.astype(dtypes).reset_index(drop=True)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} value {value!r}")


def _settings_to_json(settings: dict[str, Any], scenario_name: str) -> str:
    if not isinstance(settings, dict):
        raise InputError(
            f"Scenario '{scenario_name}': settings must be a dict, not {type(settings).__name__}."
        )
    try:
        return json.dumps(settings, default=_json_default, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise InputError(
            f"Scenario '{scenario_name}': settings can only hold numbers, text, true/false, "
            f"lists and dicts; cannot save {error}."
        ) from error
