"""Selections kept in the page's URL, so a browser reload (a new session) shows them again."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

SEEDED = "url_seeded_keys"  # widget keys already given their value from the URL this session
# The queue on screen: one session key and one URL parameter for the Forecast, Staffing and
# Scenarios pages, so a reload on any of them, or a switch between them, keeps the queue.
QUEUE_KEY = "queue"
QUEUE_PARAM = "queue"


def seed_from_url(key: str, param: str, options: Sequence[str], many: bool = False) -> None:
    """Once per session, before the widget is drawn: give `key` the value the URL's `param`
    holds, when the session has none and the value is still among `options`. `many`: a
    multiselect, whose values are the parameter repeated."""
    seeded = st.session_state.setdefault(SEEDED, set())
    if key in seeded:
        return
    seeded.add(key)
    if key in st.session_state:
        return
    if many:
        values = [value for value in st.query_params.get_all(param) if value in options]
        if values:
            st.session_state[key] = list(dict.fromkeys(values))
    else:
        value = st.query_params.get(param)
        if value in options:
            st.session_state[key] = value


def keep_in_url(param: str, value: str | list[str] | None) -> None:
    """Write the selection into the URL (only when it changed: every write reaches the browser)."""
    if value is None or value == []:
        if param in st.query_params:
            del st.query_params[param]
        return
    if isinstance(value, list):
        if st.query_params.get_all(param) != value:
            st.query_params[param] = value
    elif st.query_params.get(param) != value:
        st.query_params[param] = value
