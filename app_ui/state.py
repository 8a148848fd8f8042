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
from data.schema import Dataset
from data.store import Store

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "samples" / "service_desk.csv"
SAMPLE_NAME = "Sample service desk"

CURRENT = "current_dataset"
# The URL names the current dataset, so a reload (a new session) reopens it.
DATASET_PARAM = "dataset"
# Widget keys whose defaults depend on the dataset: dropped when another dataset becomes current.
DATASET_BOUND_KEYS: list[str] = []


@dataclass(frozen=True)
class CurrentDataset:
    """The dataset every page works on, by its stored name, with a content fingerprint."""

    name: str
    dataset: Dataset
    token: str  # changes whenever the data does: the cache key for forecasts and plans


def store() -> Store:
    """The store under $PICCO_HOME (read per call so tests can point it elsewhere)."""
    return Store()


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


def bind_to_dataset(*keys: str) -> None:
    """Mark widget keys whose default comes from the data, so a new dataset resets them."""
    for key in keys:
        if key not in DATASET_BOUND_KEYS:
            DATASET_BOUND_KEYS.append(key)


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
    sample; on a fresh store the shipped sample is imported and saved first."""
    existing = st.session_state.get(CURRENT)
    if existing is None:
        existing = _reopen()
    _remember(existing.name)
    return existing


def _reopen() -> CurrentDataset:
    the_store = store()
    names = the_store.list_datasets()["name"].tolist()
    wanted = st.query_params.get(DATASET_PARAM)
    if wanted in names:
        try:
            use_stored(wanted)
            return st.session_state[CURRENT]
        except InputError:
            pass  # deleted a moment ago by another session: open another one
    if not names:
        try:
            the_store.save_dataset(cached.sample_dataset(str(SAMPLE_PATH)), SAMPLE_NAME)
        except InputError:
            pass  # another session saved it a moment ago
        names = the_store.list_datasets()["name"].tolist()
    use_stored(SAMPLE_NAME if SAMPLE_NAME in names else names[0])
    return st.session_state[CURRENT]


def forget_current_if(name: str) -> None:
    """After `name` was deleted: let `current()` pick another dataset on the next run."""
    existing = st.session_state.get(CURRENT)
    if existing is not None and existing.name == name:
        del st.session_state[CURRENT]


def rename_current_if(old: str, new: str) -> None:
    existing = st.session_state.get(CURRENT)
    if existing is not None and existing.name == old:
        st.session_state[CURRENT] = CurrentDataset(new, existing.dataset, existing.token)


def valid_choice(key: str, options: list[Any]) -> None:
    """Reset a selection widget's state when its value is no longer among the options."""
    if options and st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
