"""Small display blocks shared by the pages: dataset summary figures, captions and the delete
question."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from app_ui.tables import MISSING
from data.dates import day_text
from data.schema import INTERVAL_START, KIND_RECORDS, SATISFACTION, VOLUME, Dataset

# Three a row: a quarter of a 1440-px page cut "Sun 22 Nov 2026" to "Sun 22 No…".
FIGURES_PER_ROW = 3
RANGE_SLIDERS_DRAWN = "range_sliders_drawn"  # keys of the range sliders this session has shown
OPEN_TABS = "open_tabs"  # the tab last opened per tabs' key, kept while other pages run


def history_day(value: object) -> str:
    """A day of the history as the other pages write their days, "Mon 25 Nov 2024"; "—" for
    none."""
    return MISSING if pd.isna(value) else day_text(value, year=True)


def dataset_caption(dataset: Dataset) -> None:
    kind = "one row per contact" if dataset.kind == KIND_RECORDS else "volumes per interval"
    files = ", ".join(dataset.source_files) or MISSING
    starts = dataset.intervals[INTERVAL_START]
    st.caption(
        f"Detected: **{dataset.kind}** ({kind}), **{dataset.interval_minutes}-minute** intervals, "
        f"queues **{', '.join(dataset.queues)}**, from **{history_day(starts.min())} to "
        f"{history_day(starts.max())}**. Files: {files}."
    )


def outcomes_help(contacts: float, answered: int | None, abandoned: int | None) -> str | None:
    """The contacts that are neither answered nor abandoned, said beside the total: the bank's
    27,162 answered and 5,904 abandoned leave 278 of its 33,344 calls for a manager to find."""
    if answered is None or abandoned is None:
        return None
    other = round(contacts) - answered - abandoned
    if other <= 0:
        return None
    return (
        f"{answered:,} answered, {abandoned:,} abandoned and {other:,} with neither outcome in "
        "the data (another outcome, or none): “What was detected while reading the files” "
        "names the outcomes read."
    )


def satisfaction_help(intervals: pd.DataFrame) -> str:
    """What the mean satisfaction is measured on: the files' own scale, which no import can
    know (1-5, 0-10, a percentage), told by the range of the intervals' mean scores."""
    scores = intervals[SATISFACTION].to_numpy(dtype=float)
    said = "Mean score of the rated contacts, on your files' own scale (none is assumed)"
    if np.isnan(scores).all():
        return said + "."
    return (
        f"{said}: the intervals' mean scores run from {np.nanmin(scores):,.1f} to "
        f"{np.nanmax(scores):,.1f}."
    )


def dataset_metrics(
    dataset: Dataset,
    handle_seconds: float | None = None,
    queue_handle_seconds: dict[str, float] | None = None,
) -> None:
    """Headline figures: contacts, first and last day, interval, queues (+ records' outcomes).

    `handle_seconds`: the mean handle time of interval volumes that carry one (contact records
    hold their own), with `queue_handle_seconds` per queue for its help."""
    contacts = float(np.nansum(dataset.intervals[VOLUME].to_numpy(dtype=float)))
    figures = [
        (
            "Contacts",
            f"{contacts:,.0f}",
            outcomes_help(contacts, dataset.answered, dataset.abandoned),
        ),
        ("First day", history_day(dataset.intervals[INTERVAL_START].min())),
        ("Last day", history_day(dataset.intervals[INTERVAL_START].max())),
        ("Interval", f"{dataset.interval_minutes} min"),
        ("Queues", f"{len(dataset.queues)}"),
    ]
    if dataset.answered is not None:
        figures.append(("Answered", f"{dataset.answered:,}"))
    if dataset.abandoned is not None:
        figures.append(("Abandoned", f"{dataset.abandoned:,}"))
    if dataset.mean_handle_seconds is not None and not pd.isna(dataset.mean_handle_seconds):
        handle_seconds = dataset.mean_handle_seconds
    if handle_seconds is not None and not pd.isna(handle_seconds):
        per_queue = queue_handle_seconds or {}
        said = ", ".join(f"{queue} {seconds:,.0f} s" for queue, seconds in per_queue.items())
        figures.append(
            (
                "Mean handle time",
                f"{handle_seconds:,.0f} s",
                f"Per queue, weighted by contacts: {said}." if len(per_queue) > 1 else None,
            )
        )
    if dataset.mean_satisfaction is not None and not pd.isna(dataset.mean_satisfaction):
        figures.append(
            (
                "Mean satisfaction",
                f"{dataset.mean_satisfaction:.2f}",
                satisfaction_help(dataset.intervals),
            )
        )
    for first in range(0, len(figures), FIGURES_PER_ROW):
        columns = st.columns(FIGURES_PER_ROW)
        for column, (label, value, *help_text) in zip(
            columns, figures[first : first + FIGURES_PER_ROW], strict=False
        ):
            column.metric(label, value, border=True, help=help_text[0] if help_text else None)


def confirm_delete(
    question: str, name: str, key: str, on_confirm: Callable, args: tuple, on_cancel: Callable
) -> None:
    """The question asked before a delete that cannot be undone, with "Yes, delete 'name'"
    (button key `key`_confirm) and Cancel (`key`_cancel)."""
    with st.container(border=True):
        st.warning(question, icon=":material/delete_forever:")
        buttons = st.container(horizontal=True)
        buttons.button(
            f"Yes, delete '{name}'",
            key=f"{key}_confirm",
            type="primary",
            on_click=on_confirm,
            args=args,
        )
        buttons.button("Cancel", key=f"{key}_cancel", on_click=on_cancel)


def range_select_slider(
    container: Any,
    label: str,
    *,
    options: Sequence[float],
    key: str,
    start: tuple[float, float],
    **widget_options: Any,
) -> tuple[float, float]:
    """A select slider over a (first, last) range of `options`, its value kept under `key`.

    Streamlit reads a select slider as a range only when given a range as its value, and logs
    a warning when a widget given a value also finds its key set through the session state (a
    page's seed, a restored preference). So the first time the session shows the slider, the
    value the session holds, else `start`, is taken out of the session state and given as the
    widget's value, once; from then on the widget holds it and passes it on.
    """
    drawn = st.session_state.setdefault(RANGE_SLIDERS_DRAWN, set())
    if key in drawn:
        opening = st.session_state.get(key, start)
    else:
        opening = st.session_state.pop(key, start)  # no browser shows it yet: nothing to undo
    chosen = container.select_slider(
        label, options=options, value=tuple(opening), key=key, **widget_options
    )
    drawn.add(key)
    return chosen


def kept_tabs(labels: Sequence[str], key: str) -> Sequence[Any]:
    """st.tabs that open on the tab last opened under `key`, also after another page ran.

    Tabs cannot keep their state across pages as the pages' inputs do: Streamlit drops a
    widget's state on a page that does not draw it, so the Shifts page's "People per week"
    opened on "Shifts per day" again after a look at the Staffing page. The tab opened is kept
    here under a key of the session's own and given back as the tabs' default."""
    opened = st.session_state.setdefault(OPEN_TABS, {})
    if key in st.session_state:  # drawn in the last run of this page
        opened[key] = st.session_state[key]
    default = opened.get(key)
    return st.tabs(
        list(labels),
        key=key,
        default=default if default in labels else None,
        on_change=_keep_tab,
        args=(key,),
    )


def _keep_tab(key: str) -> None:
    st.session_state.setdefault(OPEN_TABS, {})[key] = st.session_state[key]


SLOW_SECONDS = 1.0  # steps quicker than this all together (cached) show no bar


class SlowProgress:
    """A progress bar over `total` steps, drawn once they have taken SLOW_SECONDS: a rerun
    whose plans are cached draws none, a first comparison of five scenarios (20 s of
    "Staffing the forecast…" and "Choosing the shifts…" spinners, none saying how many were
    left) counts them."""

    def __init__(
        self,
        total: int,
        slot: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = max(total, 1)
        self.slot = slot if slot is not None else st.empty()
        self.clock = clock
        self.started = clock()
        self.bar: Any = None

    def done(self, steps: int, text: str) -> None:
        """`steps` of the total are done; `text` says what comes next."""
        if self.bar is None and self.clock() - self.started < SLOW_SECONDS:
            return
        if self.bar is None:
            self.bar = self.slot.progress(0.0)
        self.bar.progress(min(steps / self.total, 1.0), text=text)

    def close(self) -> None:
        self.slot.empty()


def comparison_step_text(step: int, names: Sequence[str]) -> str:
    """What a comparison of `names` does after `step` of its 2 × len(names) steps: each
    scenario staffed, then its shifts chosen."""
    count = len(names)
    if step < count:
        return f"Staffing scenario {step + 1} of {count}: '{names[step]}'…"
    shifted = step - count
    if shifted < count:
        return f"Choosing the shifts of scenario {shifted + 1} of {count}: '{names[shifted]}'…"
    return f"Compared {count} scenarios."
