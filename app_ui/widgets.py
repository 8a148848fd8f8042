"""Small display blocks shared by the pages: dataset summary figures and captions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from data.schema import INTERVAL_START, KIND_RECORDS, VOLUME, Dataset


def _date_range(dataset: Dataset) -> str:
    starts = dataset.intervals[INTERVAL_START]
    if starts.empty:
        return "—"
    return f"{starts.min():%Y-%m-%d} – {starts.max():%Y-%m-%d}"


def dataset_caption(dataset: Dataset) -> None:
    kind = "one row per contact" if dataset.kind == KIND_RECORDS else "volumes per interval"
    files = ", ".join(dataset.source_files) or "—"
    st.caption(
        f"Detected: **{dataset.kind}** ({kind}), **{dataset.interval_minutes}-minute** intervals, "
        f"queues **{', '.join(dataset.queues)}**. Files: {files}."
    )


def dataset_metrics(dataset: Dataset) -> None:
    """Headline figures: contacts, date range, interval, queues (+ records' outcomes)."""
    contacts = float(np.nansum(dataset.intervals[VOLUME].to_numpy(dtype=float)))
    figures = [
        ("Contacts", f"{contacts:,.0f}"),
        ("Date range", _date_range(dataset)),
        ("Interval", f"{dataset.interval_minutes} min"),
        ("Queues", f"{len(dataset.queues)}"),
    ]
    if dataset.answered is not None:
        figures.append(("Answered", f"{dataset.answered:,}"))
    if dataset.abandoned is not None:
        figures.append(("Abandoned", f"{dataset.abandoned:,}"))
    if dataset.mean_handle_seconds is not None and not pd.isna(dataset.mean_handle_seconds):
        figures.append(("Mean handle time", f"{dataset.mean_handle_seconds:,.0f} s"))
    columns = st.columns(len(figures))
    for column, (label, value) in zip(columns, figures, strict=True):
        column.metric(label, value, border=True)
