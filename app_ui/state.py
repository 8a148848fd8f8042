"""Session state shared by the pages: the current dataset and the store it comes from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app_ui import cached
from data.errors import InputError
from data.schema import INTERVAL_START, Dataset
from data.store import Store, default_store_path

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "samples" / "service_desk.csv"
SAMPLE_NAME = "Sample service desk"

CURRENT = "current_dataset"
# The stored names listed at the last check: a name new since then may be the current dataset
# renamed in another window, a name listed before is another dataset.
STORED_NAMES = "stored_dataset_names"
# The URL names the current dataset, so a reload (a new session) reopens it.
DATASET_PARAM = "dataset"
# Widget keys whose defaults depend on the dataset: dropped when another dataset becomes current.
# Listed in full here, not gathered as pages run, so opening a dataset drops the same keys in a
# server's first session as in later ones.
DATASET_BOUND_KEYS: tuple[str, ...] = (
    # Forecast events: another dataset's calendar gets its own default dates.
    "exclude_dates",
    "campaign_dates",
    "exclude_queue",
    "campaign_queue",
    "exclude_enabled",
    "campaign_enabled",
    # The queue on screen, and what the Staffing page takes from the data for each queue.
    "queue",
    "channel",
    "aht_seconds",
    "patience_s",
    "staffed_queue",
    "queue_channels",
    "queue_ahts",
    "queue_patience",
)


@dataclass(frozen=True)
class CurrentDataset:
    """The dataset every page works on, by its stored name, with a content fingerprint."""

    name: str
    dataset: Dataset
    token: str  # changes whenever the data does: the cache key for forecasts and plans


def store() -> Store:
    """The store under $PICCO_HOME (read per call so tests can point it elsewhere)."""
    path = default_store_path()
    state = _file_state(path)
    if state is None:  # no file yet (or removed): Store creates it with its tables
        return Store(path)
    return _opened_store(str(path), state)


def _file_state(path: Path) -> tuple[int, int, int, int] | None:
    """The store file's identity and last change; None while there is no file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


@st.cache_resource(show_spinner=False, max_entries=8)
def _opened_store(path: str, file_state: tuple[int, int, int, int]) -> Store:
    """Opening a Store checks the file's layout (a DuckDB connection, ~30 ms) and each page run
    asks for the store several times: check once per state of the file, again after any write,
    by this process or another, or when the file is replaced or removed."""
    del file_state  # the cache key only
    return Store(path)


def seed(defaults: Mapping[str, Any]) -> None:
    """Give widget keys their first value once; later runs keep what the user chose."""
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


def carry_over(key: str) -> None:
    """Before a page draws its widget keyed `key`: hold the value under the key itself.

    Pages that each draw a widget with the same key (the queue) have different widget ids; on
    the first run after a page switch the new page's widget would otherwise find no value of
    its own and start from its first option, though the other page's choice is still there.
    """
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]


def fingerprint(dataset: Dataset) -> str:
    """A short hash of the interval table and its grid: equal data, equal token."""
    digest = hashlib.sha1(str(dataset.interval_minutes).encode())
    hashes = pd.util.hash_pandas_object(dataset.intervals, index=False).to_numpy()
    digest.update(hashes.tobytes())
    return digest.hexdigest()[:16]


def set_current(name: str, dataset: Dataset) -> None:
    """Make `dataset` (stored as `name`) the one every page shows."""
    st.session_state[CURRENT] = CurrentDataset(name, dataset, fingerprint(dataset))
    for key in DATASET_BOUND_KEYS:
        st.session_state.pop(key, None)


def use_stored(name: str) -> None:
    set_current(name, store().load_dataset(name))


def _remember(name: str) -> None:
    """Keep the dataset's name in the URL (page switches may drop the query string)."""
    if st.query_params.get(DATASET_PARAM) != name:
        st.query_params[DATASET_PARAM] = name


def current() -> CurrentDataset:
    """The current dataset: this session's, else the one the URL names (a reload), else the
    sample; on a fresh store the shipped sample is imported and saved first.

    Another window may have renamed or deleted this session's dataset since the last run: every
    run checks its name against the stored names (not the data), and opens it under its new
    name, or another dataset, saying so once.
    """
    existing = st.session_state.get(CURRENT)
    if existing is None:
        existing = _reopen()
    else:
        existing = _still_stored(existing)
    _remember(existing.name)
    return existing


def _stored_listing() -> pd.DataFrame:
    listing = store().list_datasets()
    st.session_state[STORED_NAMES] = listing["name"].tolist()
    return listing


def _still_stored(existing: CurrentDataset) -> CurrentDataset:
    seen = st.session_state.get(STORED_NAMES)
    try:
        listing = _stored_listing()
    except InputError:
        return existing  # the store is busy: check again on the next run
    names = listing["name"].tolist()
    if existing.name in names:
        return existing
    new_name = _renamed_to(existing, listing, seen)
    if new_name is not None:
        st.session_state[CURRENT] = CurrentDataset(new_name, existing.dataset, existing.token)
        st.warning(
            f"Dataset '{existing.name}' was renamed to '{new_name}' in another window: it stays "
            "open under its new name.",
            icon=":material/edit:",
        )
        return st.session_state[CURRENT]
    replacement = _open_another(names)
    st.warning(
        f"Dataset '{existing.name}' is no longer stored (renamed or deleted in another "
        f"window): showing '{replacement.name}' instead.",
        icon=":material/sync_problem:",
    )
    return replacement


def _renamed_to(
    existing: CurrentDataset, listing: pd.DataFrame, seen: list[str] | None
) -> str | None:
    """The name the current dataset was renamed to: a name not listed at the last check
    holding the same data (the listing narrows the candidates, the content token decides)."""
    starts = existing.dataset.intervals[INTERVAL_START]
    alike = listing[
        ~listing["name"].isin(seen or [])
        & (listing["interval_minutes"] == existing.dataset.interval_minutes)
        & (listing["rows"] == len(existing.dataset.intervals))
        & (listing["start"] == starts.min())
        & (listing["end"] == starts.max())
    ]
    for name in alike["name"]:
        try:
            if fingerprint(store().load_dataset(name)) == existing.token:
                return name
        except InputError:
            continue  # renamed or deleted again a moment ago
    return None


def _reopen() -> CurrentDataset:
    wanted = st.query_params.get(DATASET_PARAM)
    names = _stored_listing()["name"].tolist()
    if wanted in names:
        try:
            use_stored(wanted)
            return st.session_state[CURRENT]
        except InputError:
            pass  # deleted a moment ago by another session: open another one
    opened = _open_another(names)
    if wanted is not None:
        st.warning(
            f"Dataset '{wanted}' named in the address is no longer stored (renamed or deleted "
            f"in another window): showing '{opened.name}' instead.",
            icon=":material/sync_problem:",
        )
    return opened


def _open_another(names: list[str], retry: bool = True) -> CurrentDataset:
    """Open the sample if stored, else the first stored dataset; on an empty store, save the
    shipped sample first."""
    the_store = store()
    if not names:
        try:
            the_store.save_dataset(cached.sample_dataset(str(SAMPLE_PATH)), SAMPLE_NAME)
        except InputError:
            pass  # another session saved it a moment ago
        names = _stored_listing()["name"].tolist()
    for name in dict.fromkeys([SAMPLE_NAME, *names]):
        if name in names:
            try:
                use_stored(name)
                return st.session_state[CURRENT]
            except InputError:
                continue  # deleted by another session a moment ago: try the next one
    if retry:
        return _open_another([], retry=False)  # all deleted a moment ago: start from the sample
    raise InputError(
        f"No dataset can be opened from the Picco store {the_store.path}: the datasets were "
        "deleted while opening them. Reload the page to try again."
    )


def forget_current_if(name: str) -> None:
    """After `name` was deleted here: let `current()` pick another dataset on the next run
    (the URL still naming it would read as a delete in another window)."""
    existing = st.session_state.get(CURRENT)
    if existing is not None and existing.name == name:
        del st.session_state[CURRENT]
        if st.query_params.get(DATASET_PARAM) == name:
            del st.query_params[DATASET_PARAM]


def rename_current_if(old: str, new: str) -> None:
    existing = st.session_state.get(CURRENT)
    if existing is not None and existing.name == old:
        st.session_state[CURRENT] = CurrentDataset(new, existing.dataset, existing.token)


def valid_choice(key: str, options: list[Any]) -> None:
    """Reset a selection widget's state when its value is no longer among the options."""
    if options and st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
