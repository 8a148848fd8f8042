"""Download buttons that offer a table as CSV and as an Excel workbook."""

from __future__ import annotations

import io
import re

import pandas as pd
import streamlit as st

from data.export import rounded


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return rounded(frame).to_csv(index=False).encode("utf-8")


def to_excel_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        rounded(frame).to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()


def stored_datasets_download(table: pd.DataFrame) -> pd.DataFrame:
    """The Data page's stored datasets as downloaded: the save time, stored in UTC, named
    saved_at_utc and written to the second, so the file says its zone as the table's
    'Saved (UTC)' does."""
    saved = pd.to_datetime(table["saved_at"]).dt.floor("s")
    return table.assign(saved_at=saved).rename(columns={"saved_at": "saved_at_utc"})


def file_stem(stem: str, queue: str) -> str:
    """`stem` and the queue, as a file name keeps it: "staffing_plan_Billing_EN"."""
    named = re.sub(r"[^\w-]+", "_", queue, flags=re.UNICODE).strip("_")
    return f"{stem}_{named}" if named else stem


def dated_stem(stem: str, queue: str, starts: pd.Series) -> str:
    """`stem`, the queue and the days `starts` span: "scenario_plans_phone_2025-11-23_to_2025-11-29".
    A table that is a snapshot of one horizon keeps its days in its name, so next week's
    download does not overwrite this week's under the same name."""
    days = pd.to_datetime(pd.Series(starts)).dropna()
    if days.empty:
        return file_stem(stem, queue)
    first, last = days.min(), days.max()
    span = f"{first:%Y-%m-%d}"
    if last.normalize() != first.normalize():
        span += f" to {last:%Y-%m-%d}"
    return file_stem(stem, f"{queue} {span}")


def download_table(frame: pd.DataFrame, stem: str, label: str, key: str) -> None:
    """Two buttons side by side: `label` (CSV) and `label` (Excel); keys `key`_csv / `key`_xlsx."""
    row = st.container(horizontal=True)
    with row:
        st.download_button(
            f"{label} (CSV)",
            data=to_csv_bytes(frame),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            f"{label} (Excel)",
            # Built on demand: writing a workbook takes longer than a CSV.
            data=lambda: to_excel_bytes(frame, stem),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            on_click="ignore",
            icon=":material/download:",
        )
