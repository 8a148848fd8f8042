"""Data page: upload contact history, see what was detected, browse and manage stored datasets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from app_ui import cached, plots, state, tables
from app_ui.widgets import dataset_caption, dataset_metrics
from data.errors import InputError
from data.importer import ImportOptions
from data.sniff import sniff_bytes

AUTOMATIC = "(automatic)"
_DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
INTERVAL_CHOICES = [AUTOMATIC, 5, 6, 10, 15, 30, 60]
# Session keys of the upload flow (not widgets).
IMPORTED_SIGNATURE = "upload_signature"  # files + options last imported, so reruns skip it
UPLOAD_DATASET_NAME = "upload_dataset_name"  # stored name the last upload was saved under
UPLOAD_ERROR = "upload_error"
UPLOAD_REPORTS = "upload_reports"  # per-file detection reports of the last good import
UPLOAD_INTERVAL = "upload_interval"  # interval (minutes) of the last good import's grid
IMPORT_OPTIONS = "import_options"
STORED_ROWS = tables.Column("Interval rows", tables.COUNT)
DETECTED_INTERVAL = tables.Column(
    "Interval (min)",
    tables.COUNT,
    "Interval length of the file; one-row-per-contact files: the interval the contacts were "
    "counted in.",
)
PREVIEW_ROWS = 500


def _unique_name(wanted: str, taken: list[str]) -> str:
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted} ({number})", number + 1
    return name


def _upload_name(files: list) -> str:
    stems = [Path(file.name).stem for file in files]
    return stems[0] if len(stems) == 1 else " + ".join(stems[:3]) + (" …" if len(stems) > 3 else "")


def _import_and_save(files: list) -> None:
    """Import new uploads once, store them (nothing uploaded is lost) and make them current."""
    options: ImportOptions | None = st.session_state.get(IMPORT_OPTIONS)
    contents = tuple((file.name, file.getvalue()) for file in files)
    files_hash = hashlib.sha1(b"".join(content for _, content in contents)).hexdigest()
    signature = f"{files_hash}|{options!r}"
    if st.session_state.get(IMPORTED_SIGNATURE) == signature:
        return
    st.session_state[IMPORTED_SIGNATURE] = signature
    st.session_state.pop(UPLOAD_REPORTS, None)
    try:
        imported = cached.import_uploads(contents, repr(options), options)
        dataset = imported.dataset
        store = state.store()
        previous = st.session_state.get(UPLOAD_DATASET_NAME)
        if previous and previous[0] == files_hash:
            name = previous[1]  # a re-import with another column mapping replaces the first try
            store.save_dataset(dataset, name, replace=True)
        else:
            name = _unique_name(_upload_name(files), store.list_datasets()["name"].tolist())
            store.save_dataset(dataset, name)
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = str(error)
        return
    st.session_state.pop(UPLOAD_ERROR, None)
    st.session_state[UPLOAD_REPORTS] = imported.files
    st.session_state[UPLOAD_INTERVAL] = dataset.interval_minutes
    st.session_state[UPLOAD_DATASET_NAME] = (files_hash, name)
    state.set_current(name, dataset)


def _detection(reports: list, interval_minutes: int) -> None:
    """What the reader recognised in each file: shape, format and the columns it used.

    Contact records have no interval of their own: they show the one they were counted in.
    """
    rows = [
        {
            "file": report.name,
            "kind": report.kind,
            "rows": report.rows,
            "interval_minutes": report.interval_minutes or interval_minutes,
            "encoding": report.encoding,
            "delimiter": _DELIMITERS.get(report.delimiter, report.delimiter),
            "decimal_comma": report.decimal_comma,
        }
        for report in reports
    ]
    st.markdown("**Detected in the upload**")
    tables.show(
        pd.DataFrame(rows),
        key="detection_table",
        overrides={"interval_minutes": DETECTED_INTERVAL},
    )
    # Below the table rather than in it: the list is long and would be cut off at the edge.
    for report in reports:
        used = "; ".join(f"{role}: `{column}`" for role, column in report.columns.items())
        st.caption(f"Columns used in {report.name} — {used}")


def _header_of(upload) -> list[str]:
    try:
        return sniff_bytes(upload.getvalue()[: 1 << 20], upload.name).header
    except InputError:
        return []


def _mapping_form(files: list) -> None:
    """Column-mapping fallback: override what detection chose and import again."""
    header = list(dict.fromkeys(column for upload in files for column in _header_of(upload)))
    columns = [AUTOMATIC, *header]
    with st.expander("Column mapping — use when the detection above got it wrong"):
        with st.form("column_mapping", border=False):
            left, middle, right = st.columns(3)
            time_column = left.selectbox("Timestamp column", columns, key="map_time_column")
            date_column = left.selectbox(
                "Date column (when date and time are separate)", columns, key="map_date_column"
            )
            volume_column = middle.selectbox(
                "Volume column (contacts per interval)", columns, key="map_volume_column"
            )
            queue_column = middle.selectbox("Queue column", columns, key="map_queue_column")
            interval = right.selectbox(
                "Interval length (minutes)", INTERVAL_CHOICES, key="map_interval_minutes"
            )
            kind = right.selectbox("File kind", [AUTOMATIC, "intervals", "records"], key="map_kind")
            if st.form_submit_button("Import again with this mapping", key="map_apply"):

                def chosen(value):
                    return None if value == AUTOMATIC else value

                st.session_state[IMPORT_OPTIONS] = ImportOptions(
                    interval_minutes=chosen(interval),
                    time_column=chosen(time_column),
                    date_column=chosen(date_column),
                    volume_column=chosen(volume_column),
                    queue_column=chosen(queue_column),
                    kind=chosen(kind),
                )
                st.rerun()


def _picked() -> str:
    # Read at click time: the selection may have changed in the same interaction.
    return st.session_state["stored_choice"]


def _load() -> None:
    name = _picked()
    try:
        state.use_stored(name)
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = str(error)


def _rename() -> None:
    old = _picked()
    new = st.session_state.get("rename_to", "").strip()
    try:
        state.store().rename_dataset(old, new)
    except InputError as error:
        st.session_state["manage_error"] = str(error)
        return
    state.rename_current_if(old, new)
    st.session_state["rename_to"] = ""


def _delete() -> None:
    name = _picked()
    try:
        state.store().delete_dataset(name)
    except InputError as error:
        st.session_state["manage_error"] = str(error)
        return
    state.forget_current_if(name)


def _stored_datasets(current_name: str) -> None:
    st.subheader("Stored datasets")
    listing = state.store().list_datasets()
    if listing.empty:
        st.info("No dataset is stored yet: upload one above.")
        return
    table = listing.assign(queues=listing["queues"].map(", ".join))
    tables.show(table, key="stored_table", overrides={"rows": STORED_ROWS})
    names = listing["name"].tolist()
    if (
        st.session_state.get("stored_choice") not in names
        or st.session_state.get("stored_choice_follows") != current_name
    ):
        # A newly current dataset (upload, load) becomes the selection to manage.
        st.session_state["stored_choice"] = current_name if current_name in names else names[0]
        st.session_state["stored_choice_follows"] = current_name
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    left.selectbox("Stored dataset", names, key="stored_choice")
    left.button("Load this dataset", key="stored_load", on_click=_load)
    middle.text_input("New name for it", key="rename_to", placeholder="e.g. Service desk 2025")
    middle.button("Rename", key="stored_rename", on_click=_rename)
    right.button(
        "Delete",
        key="stored_delete",
        on_click=_delete,
        type="primary",
        help="Deletes the dataset and its scenarios from the store.",
    )
    if "manage_error" in st.session_state:
        st.error(st.session_state.pop("manage_error"))


st.title("Data")
files = st.file_uploader(
    "Upload contact history (CSV, text or Excel .xlsx exports; several files at once)",
    accept_multiple_files=True,
    key="upload_files",
    help="Interval volumes (time + count per interval, or a grid with the intervals or the days "
    "as columns) or one row per contact; delimiter, decimal mark, encoding and date format are "
    "detected. A file without a queue column is the queue its name says, less any dates: "
    "calls_2024-03.csv and calls_2024-04.csv make one 'calls' history.",
)
if files:
    _import_and_save(files)
    if UPLOAD_ERROR in st.session_state:
        st.error(st.session_state[UPLOAD_ERROR])
    if UPLOAD_REPORTS in st.session_state:
        stored_as = st.session_state[UPLOAD_DATASET_NAME][1]
        st.success(
            f"Stored as '{stored_as}' and opened on every page. Rename it under Stored datasets.",
            icon=":material/check_circle:",
        )
        _detection(st.session_state[UPLOAD_REPORTS], st.session_state[UPLOAD_INTERVAL])
    _mapping_form(files)
elif UPLOAD_ERROR in st.session_state:
    st.error(st.session_state.pop(UPLOAD_ERROR))

current = state.current()
# Above the charts: picking another dataset comes before looking at this one, and the controls
# do not move while the charts below load.
_stored_datasets(current.name)

dataset = current.dataset
st.header(f"Current dataset: {current.name}")
dataset_caption(dataset)
dataset_metrics(dataset)

if dataset.notes:
    with st.expander("What was detected while reading the files", expanded=bool(files)):
        for note in dataset.notes:
            st.markdown(f"- {note}")

history_tab, intraday_tab, preview_tab = st.tabs(["History", "Intraday", "Preview"])
with history_tab:
    st.plotly_chart(plots.daily_history(dataset.intervals), key="history_chart")
with intraday_tab:
    state.valid_choice("intraday_queue", dataset.queues)
    queue = st.selectbox("Queue", dataset.queues, key="intraday_queue")
    st.plotly_chart(plots.intraday_profile(dataset.intervals, queue), key="intraday_chart")
with preview_tab:
    preview = dataset.intervals.head(PREVIEW_ROWS)
    volume = preview["volume"].dropna()
    whole = bool((volume == volume.round()).all())
    counts = {"volume": tables.Column("Contacts", tables.COUNT)} if whole else None
    tables.show(preview, key="preview_table", overrides=counts)
    st.caption(f"First {len(preview):,} of {len(dataset.intervals):,} interval rows.")
