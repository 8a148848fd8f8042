"""Data page: upload contact history, see what was detected, browse and manage stored datasets."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from app_ui import cached, downloads, plots, settings, state, tables, uploads, url_state, widgets
from app_ui.tables import MISSING
from app_ui.widgets import confirm_delete, dataset_caption, dataset_metrics, history_day
from data.errors import InputError
from data.importer import ImportOptions
from data.schema import INTERVAL_START, IS_OPEN, QUEUE, VOLUME, Dataset
from data.store import PREVIOUS_VERSIONS_KEPT, PreviousVersion
from staffing.plan import MAX_STAFFING_INTERVAL_MINUTES

AUTOMATIC = uploads.AUTOMATIC
_DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
INTERVAL_CHOICES = [AUTOMATIC, 5, 6, 10, 15, 30, 60]
# Session keys of the upload flow (not widgets).
IMPORTED_SIGNATURE = "upload_signature"  # files + options last imported, so reruns skip it
UPLOAD_DATASET = "upload_dataset"  # UploadedDataset: what the uploader's files stored or opened
UPLOAD_PENDING = "upload_pending"  # PendingUpload: changed files imported but not stored yet
UPLOAD_MESSAGE = "upload_message"  # (kind, text) of the last upload's outcome
UPLOAD_ERROR = "upload_error"
UPLOAD_REPORTS = "upload_reports"  # per-file detection reports of the last good import
UPLOAD_INTERVAL = "upload_interval"  # interval (minutes) of the last good import's grid
IMPORT_OPTIONS = "import_options"
UPLOAD_KEYS = [
    IMPORTED_SIGNATURE,
    UPLOAD_DATASET,
    UPLOAD_PENDING,
    UPLOAD_MESSAGE,
    UPLOAD_ERROR,
    UPLOAD_REPORTS,
    UPLOAD_INTERVAL,
    IMPORT_OPTIONS,
]
DELETE_PENDING = "stored_delete_pending"  # the dataset whose deletion awaits confirmation
MANAGE_ERROR = "manage_error"
DELETED = "stored_deleted"  # (name, what went with it, was it current) of the last delete here
RESTORE_PENDING = "restore_pending"  # (dataset, version id) whose restore awaits confirmation
RESTORE_MESSAGE = "restore_message"  # (kind, text) of the last restore's outcome
STORED_ROWS = tables.Column("Interval rows", tables.COUNT)
DETECTED_INTERVAL = tables.Column(
    "Interval (min)",
    tables.COUNT,
    "Interval length of the file; one-row-per-contact files: the interval the contacts were "
    "counted in.",
)
PREVIEW_ROWS = 500
INTRADAY_PICKER = "intraday_queue"  # this page's queue widget; the shared selection is "queue"


@dataclass(frozen=True)
class UploadedDataset:
    """The stored dataset the uploader's files went to; `created` when this upload stored it
    (rather than finding the same data stored already), so only then may it replace it."""

    files_key: str
    file_names: list[str]
    name: str
    created: bool


@dataclass(frozen=True)
class PendingUpload:
    """Files that changed after an upload was stored: imported, shown, stored on request."""

    files_key: str
    file_names: list[str]
    dataset: Dataset


def _say(kind: str, text: str) -> None:
    st.session_state[UPLOAD_MESSAGE] = (kind, text)


def _forget_upload() -> None:
    """The uploader was emptied: the next files are a new upload, with detection afresh."""
    for key in UPLOAD_KEYS:
        st.session_state.pop(key, None)


def _import_and_save(upload: uploads.Upload) -> None:
    """Import the uploader's files once per change and decide where their data goes.

    The same data stored already is opened, never stored twice. A new upload is stored at
    once (nothing uploaded is lost). Files added or removed afterwards are only shown until
    the manager stores them as a new dataset or lets them replace this upload's dataset; the
    same files imported again with another column mapping replace this upload's first try.
    """
    options: ImportOptions | None = st.session_state.get(IMPORT_OPTIONS)
    signature = f"{upload.key}|{options!r}"
    previous = st.session_state.get(IMPORTED_SIGNATURE)
    if previous == signature:
        return
    st.session_state[IMPORTED_SIGNATURE] = signature
    # The same files read again because the mapping changed, rather than because the files
    # came back (a file added or a bad one removed since): the messages say which.
    remapped = previous is not None and previous.startswith(f"{upload.key}|")
    for key in (UPLOAD_REPORTS, UPLOAD_PENDING, UPLOAD_MESSAGE, UPLOAD_ERROR):
        st.session_state.pop(key, None)
    problems = uploads.mapping_problems(upload, options)
    if problems:
        st.session_state[UPLOAD_ERROR] = " ".join(problems)
        return
    try:
        imported = cached.import_uploads(upload.contents, repr(options), options)
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = uploads.explain_import_error(str(error), options)
        return
    st.session_state[UPLOAD_REPORTS] = imported.files
    st.session_state[UPLOAD_INTERVAL] = imported.dataset.interval_minutes
    try:
        _place(upload, imported.dataset, remapped)
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = str(error)


def _held(name: str) -> Dataset | None:
    """The data stored as `name` now; None when another window deleted it a moment ago."""
    try:
        return state.store().load_dataset(name)
    except InputError:
        return None


def _place(upload: uploads.Upload, dataset: Dataset, remapped: bool) -> None:
    store = state.store()
    before: UploadedDataset | None = st.session_state.get(UPLOAD_DATASET)
    own = before.name if before and before.created and before.files_key == upload.key else None
    twin = uploads.stored_twin(store, dataset, ignore=own)
    held = _held(own) if own and not twin else None
    if twin:
        state.use_stored(twin)
        st.session_state[UPLOAD_DATASET] = UploadedDataset(upload.key, upload.names, twin, False)
        _say(
            "info",
            f"This data is already stored as '{twin}': opened it instead of storing a copy.",
        )
    elif own and held is not None and state.fingerprint(held) == state.fingerprint(dataset):
        # Storing it again would push a real earlier import out of the few kept for restoring.
        state.set_current(own, held)
        if remapped:
            said = (
                f"Imported again with your column mapping: the result is the data '{own}' holds "
                "already, so nothing was stored again. Change another choice under Column "
                "mapping if the data is still wrong."
            )
        else:
            said = (
                f"The uploader holds the files that stored '{own}' again, and '{own}' holds "
                "their data already: nothing was stored again."
            )
        _say("info", said)
    elif own:
        store.save_dataset(dataset, own, replace=True)
        state.set_current(own, dataset)
        how = "Imported again with your column mapping" if remapped else "Read the files again"
        _say(
            "success",
            f"{how}: '{own}' now holds this data (the data it held is kept under Previous "
            "imports).",
        )
    elif before is None:
        name = uploads.unique_name(
            uploads.upload_name(upload.names), store.list_datasets()["name"].tolist()
        )
        store.save_dataset(dataset, name)
        state.set_current(name, dataset)
        st.session_state[UPLOAD_DATASET] = UploadedDataset(upload.key, upload.names, name, True)
        _say(
            "success",
            f"Stored as '{name}' and opened on every page{_shortened_note(upload.names)}. "
            + (_taken_note(upload.names, name) or "Rename it under Stored datasets."),
        )
    else:
        st.session_state[UPLOAD_PENDING] = PendingUpload(upload.key, upload.names, dataset)


def _shortened_note(file_names: list[str]) -> str:
    """The words saying the dataset name made from `file_names` was cut to fit, else ""."""
    if not uploads.name_was_shortened(file_names):
        return ""
    return (
        f" (a dataset name stops at {uploads.MAX_NAME_LENGTH} characters, so the files' name was "
        "shortened)"
    )


def _taken_note(file_names: list[str], name: str) -> str:
    """The words saying why the upload got a numbered name, else "": a new export under a
    stored name looks like it replaced that dataset, when it was stored beside it."""
    wanted = uploads.upload_name(file_names)
    if name == wanted:
        return ""
    return (
        f"A dataset named '{wanted}' is stored already, with other data: it was left as it was. "
        "To keep one of them under that name, delete the other under Stored datasets and rename "
        "this one there."
    )


def _store_pending(replace_name: str | None) -> None:
    """Button callback: store the changed upload as a new dataset, or under `replace_name`."""
    pending: PendingUpload = st.session_state[UPLOAD_PENDING]
    store = state.store()
    try:
        if replace_name:
            name = replace_name
            store.save_dataset(pending.dataset, name, replace=True)
        else:
            taken = store.list_datasets()["name"].tolist()
            name = uploads.unique_name(uploads.upload_name(pending.file_names), taken)
            store.save_dataset(pending.dataset, name)
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = str(error)
        return
    del st.session_state[UPLOAD_PENDING]
    state.set_current(name, pending.dataset)
    st.session_state[UPLOAD_DATASET] = UploadedDataset(
        pending.files_key, pending.file_names, name, True
    )
    if replace_name:
        done = f"Replaced the data of '{name}' and opened it on every page; the data it held is "
        done += "kept under Previous imports."
    else:
        done = f"Stored as '{name}' and opened it on every page"
        done += f"{_shortened_note(pending.file_names)}."
    _say("success", done)


def _pending_choice(pending: PendingUpload) -> None:
    """Files changed after the upload was stored: say so, show them, offer the two ways."""
    before: UploadedDataset | None = st.session_state.get(UPLOAD_DATASET)
    stored = state.store().list_datasets()["name"].tolist()
    replaceable = before is not None and before.created and before.name in stored
    if before is None:
        said = "The dataset this upload stored was deleted."
    else:
        if pending.files_key == before.files_key:
            change = "imported the files again with another column mapping"
        else:
            change = uploads.files_change(before.file_names, pending.file_names)
        said = f"You {change} after this upload {'stored' if before.created else 'opened'} "
        said += f"'{before.name}'."
    with st.container(border=True):
        st.warning(
            f"{said} This data is not stored yet: store it as a new dataset"
            + (f", or let it replace '{before.name}'" if replaceable else "")
            + ", before you leave this page (the uploader empties on another page).",
            icon=":material/pending:",
        )
        dataset_caption(pending.dataset)
        buttons = st.container(horizontal=True)
        new_name = uploads.unique_name(uploads.upload_name(pending.file_names), stored)
        buttons.button(
            f"Store as new dataset '{new_name}'",
            key="upload_store_new",
            on_click=_store_pending,
            args=(None,),
            type="primary",
        )
        if replaceable:
            buttons.button(
                f"Replace '{before.name}'",
                key="upload_replace",
                on_click=_store_pending,
                args=(before.name,),
                help="Its scenarios stay with it and are compared on the new data; the data it "
                "holds now is kept under Previous imports.",
            )


def _is_workbook(name: str) -> bool:
    return name.lower().endswith(WORKBOOK_SUFFIXES)


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
            # A workbook is read through a text copy: its encoding and delimiter are not the file's.
            "encoding": "workbook" if _is_workbook(report.name) else report.encoding,
            "delimiter": MISSING
            if _is_workbook(report.name)
            else _DELIMITERS.get(report.delimiter, report.delimiter),
            "decimal_comma": report.decimal_comma,
        }
        for report in reports
    ]
    st.markdown("**Detected in the upload**")
    detected = pd.DataFrame(rows)
    tables.show(detected, key="detection_table", overrides={"interval_minutes": DETECTED_INTERVAL})
    downloads.download_table(
        detected, "upload_detection", "Detected files", key="download_detection"
    )
    # Below the table rather than in it: the list is long and would be cut off at the edge.
    for report in reports:
        used = "; ".join(f"{role}: `{column}`" for role, column in report.columns.items())
        st.caption(f"Columns used in {report.name} — {used}")


def _mapping_form(upload: uploads.Upload) -> None:
    """Column-mapping fallback: override what detection chose and import again."""
    columns = [AUTOMATIC, *uploads.header_of(upload)]
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


def _pick_queue() -> None:
    """The intraday picker changed: the queue the other pages show changes with it."""
    st.session_state[url_state.QUEUE_KEY] = st.session_state[INTRADAY_PICKER]


def _picked() -> str:
    # Read at click time: the selection may have changed in the same interaction.
    return st.session_state["stored_choice"]


def _load() -> None:
    name = _picked()
    try:
        state.use_stored(name)
    except InputError as error:
        st.session_state[MANAGE_ERROR] = str(error)


def _rename() -> None:
    old = _picked()
    new = st.session_state.get("rename_to", "").strip()
    try:
        too_long = uploads.dataset_name_problem(new)
        if too_long:
            raise InputError(f"Not renamed: {too_long}")
        state.store().rename_dataset(old, new)
    except InputError as error:
        st.session_state[MANAGE_ERROR] = str(error)
        return
    state.rename_current_if(old, new)
    st.session_state["stored_choice"] = new  # still the one to manage, under its new name
    uploaded: UploadedDataset | None = st.session_state.get(UPLOAD_DATASET)
    if uploaded is not None and uploaded.name == old:
        # A later re-import or replacement of this upload goes to the dataset's new name.
        st.session_state[UPLOAD_DATASET] = replace(uploaded, name=new)
        st.session_state.pop(UPLOAD_MESSAGE, None)  # it names the old name
    st.session_state["rename_to"] = ""


def _ask_delete() -> None:
    st.session_state[DELETE_PENDING] = _picked()


def _cancel_delete() -> None:
    st.session_state.pop(DELETE_PENDING, None)


def _delete(name: str) -> None:
    """Delete `name`, the dataset the confirmation named (not whatever is selected now)."""
    st.session_state.pop(DELETE_PENDING, None)
    store = state.store()
    try:
        with_it = _kept_with(store, name)
        store.delete_dataset(name)
    except InputError as error:
        st.session_state[MANAGE_ERROR] = str(error)
        return
    # The pages switch to another dataset only on the next run: said there, naming it.
    was_current = getattr(st.session_state.get(state.CURRENT), "name", None) == name
    st.session_state[DELETED] = (name, with_it, was_current)
    state.forget_current_if(name)
    if st.session_state.get("stored_choice") == name:
        st.session_state.pop("stored_choice")  # deleted here: nothing to say about it
    uploaded: UploadedDataset | None = st.session_state.get(UPLOAD_DATASET)
    if uploaded is not None and uploaded.name == name:
        # The upload's dataset is gone: its message no longer holds, nothing is left to replace.
        st.session_state.pop(UPLOAD_DATASET)
        st.session_state.pop(UPLOAD_MESSAGE, None)


def _kept_with(store, name: str) -> str:
    """What deleting `name` deletes too: " and its 5 saved scenarios", or ""."""
    scenarios = len(store.list_scenarios(name))
    versions = len(store.list_previous_versions(name))
    kept = [f"{scenarios} saved scenario{'' if scenarios == 1 else 's'}"] if scenarios else []
    kept += [f"{versions} previous import{'' if versions == 1 else 's'}"] if versions else []
    return f" and its {' and '.join(kept)}" if kept else ""


def _deleted_message(current_name: str) -> None:
    """Say what the last delete took away and, when it was the open dataset, which one the
    pages show now: without it they switched data with no word."""
    if DELETED not in st.session_state:
        return
    name, with_it, was_current = st.session_state.pop(DELETED)
    now = (
        f" Every page now shows '{current_name}', with its own queues and scenarios."
        if was_current
        else ""
    )
    st.success(f"Deleted '{name}'{with_it}.{now}", icon=":material/delete:")


def _delete_confirmation(selected: str) -> None:
    """Ask before deleting: a dataset and its scenarios cannot be brought back."""
    asked = st.session_state.get(DELETE_PENDING)
    if asked is None:
        return
    if asked != selected:
        del st.session_state[DELETE_PENDING]  # another dataset was picked: the question lapses
        return
    try:
        with_kept = _kept_with(state.store(), asked)
    except InputError:
        with_kept = ""
    confirm_delete(
        f"Delete '{asked}'{with_kept} from the store? This cannot be undone: only uploading "
        "the files again brings the data back.",
        asked,
        "stored_delete",
        _delete,
        (asked,),
        _cancel_delete,
    )


def _stored_datasets(current_name: str) -> None:
    st.subheader("Stored datasets")
    listing = state.store().list_datasets()
    if listing.empty:
        st.info("No dataset is stored yet: upload one above.")
        return
    table = listing.assign(queues=listing["queues"].map(", ".join))
    tables.show(table, key="stored_table", overrides={"rows": STORED_ROWS})
    downloads.download_table(
        downloads.stored_datasets_download(table),
        "stored_datasets",
        "Stored datasets",
        key="download_stored",
    )
    names = listing["name"].tolist()
    if current_name not in names:
        # Deleted in another window since this run's check: run again, so the current dataset
        # falls back (with its message) before any control can act on another dataset.
        st.rerun()
    picked = st.session_state.get("stored_choice")
    follows = st.session_state.get("stored_choice_follows")
    # The previous current dataset gone is the current dataset's message to give.
    if picked is not None and picked not in names and picked != follows:
        st.info(
            f"Dataset '{picked}' is no longer stored (renamed or deleted in another window): "
            f"the selection is back on the current dataset '{current_name}'.",
            icon=":material/sync_problem:",
        )
    if picked not in names or follows != current_name:
        # A newly current dataset (upload, load, or a fallback) becomes the selection to manage.
        st.session_state["stored_choice"] = current_name
        st.session_state["stored_choice_follows"] = current_name
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    selected = left.selectbox("Stored dataset", names, key="stored_choice")
    left.button("Load this dataset", key="stored_load", on_click=_load)
    # A form sends the typed name with the click (or Enter), so no click is lost to the typing.
    with middle.form("stored_rename_form", border=False, enter_to_submit=True):
        st.text_input("New name for it", key="rename_to", placeholder="e.g. Service desk 2025")
        st.form_submit_button("Rename", key="stored_rename", on_click=_rename)
    right.button(
        "Delete…",
        key="stored_delete",
        on_click=_ask_delete,
        help="Deletes the dataset and its scenarios from the store, after you confirm.",
    )
    _delete_confirmation(selected)
    _deleted_message(current_name)
    if MANAGE_ERROR in st.session_state:
        st.error(st.session_state.pop(MANAGE_ERROR))


def _import_label(version: PreviousVersion) -> str:
    """When the version was stored, as "the import of 28 Nov 10:42 UTC" (UTC like the table)."""
    stored = version.saved_at
    return f"the import of {stored.day} {stored:%b %H:%M} UTC"


def _import_size(version: PreviousVersion) -> str:
    queues = len(version.queues)
    return f"{version.contacts:,.0f} contacts, {queues} queue{'' if queues == 1 else 's'}"


def _ask_restore(name: str, version_id: int) -> None:
    st.session_state[RESTORE_PENDING] = (name, version_id)


def _cancel_restore() -> None:
    st.session_state.pop(RESTORE_PENDING, None)


def _restore(name: str, version: PreviousVersion) -> None:
    """Restore `version` into `name`, the dataset the confirmation named; open the result."""
    st.session_state.pop(RESTORE_PENDING, None)
    store = state.store()
    try:
        store.restore_previous_version(name, version.version_id)
        restored = store.load_dataset(name)
    except InputError as error:
        st.session_state[RESTORE_MESSAGE] = ("error", str(error))
        return
    # A new content token: the cached forecasts and plans of the replaced data no longer apply.
    state.set_current(name, restored)
    uploaded: UploadedDataset | None = st.session_state.get(UPLOAD_DATASET)
    if uploaded is not None and uploaded.name == name:
        st.session_state.pop(UPLOAD_MESSAGE, None)  # "now holds this data" no longer holds
    st.session_state[RESTORE_MESSAGE] = (
        "success",
        f"Restored {_import_label(version)} ({_import_size(version)}); the replaced one is kept "
        "under Previous imports.",
    )


def _restore_confirmation(name: str, version: PreviousVersion) -> None:
    """Ask before a restore, as before a delete, though this one can be undone."""
    with st.container(border=True):
        st.warning(
            f"Restore {_import_label(version)} ({_import_size(version)}) as the data of "
            f"'{name}'? The data it holds now is kept under Previous imports, so you can switch "
            "back; its scenarios stay with it.",
            icon=":material/history:",
        )
        buttons = st.container(horizontal=True)
        buttons.button(
            "Yes, restore it",
            key="restore_confirm",
            type="primary",
            on_click=_restore,
            args=(name, version),
        )
        buttons.button("Cancel", key="restore_cancel", on_click=_cancel_restore)


def _previous_imports(name: str) -> None:
    """The data earlier uploads held under this name, each restorable after a confirmation."""
    if RESTORE_MESSAGE in st.session_state:
        kind, text = st.session_state.pop(RESTORE_MESSAGE)
        getattr(st, kind)(text, icon=":material/history:")
    try:
        versions = state.store().list_previous_versions(name)
    except InputError:
        versions = []  # renamed or deleted in another window: the next run says so
    pending = st.session_state.get(RESTORE_PENDING)
    if pending is not None and (
        pending[0] != name or pending[1] not in {each.version_id for each in versions}
    ):
        del st.session_state[RESTORE_PENDING]  # another dataset, or restored elsewhere: lapses
        pending = None
    if not versions:
        return
    with st.expander(f"Previous imports of '{name}'", expanded=pending is not None):
        st.caption(
            f"Data a later upload or restore replaced; the latest {PREVIOUS_VERSIONS_KEPT} are "
            "kept. Restoring one swaps it back in and keeps the current data here, so a restore "
            "can be undone."
        )
        for version in versions:
            text, button = st.columns([5, 1], vertical_alignment="center")
            first, last = (history_day(day) for day in (version.start, version.end))
            text.markdown(
                f"**Stored {version.saved_at:%Y-%m-%d %H:%M} UTC** — "
                f"{version.contacts:,.0f} contacts, {first} – {last}, queues "
                f"{', '.join(version.queues) or MISSING}"
            )
            button.button(
                "Restore",
                key=f"restore_{version.version_id}",
                on_click=_ask_restore,
                args=(name, version.version_id),
                help="Make this the dataset's data again, after you confirm.",
            )
            if pending == (name, version.version_id):
                _restore_confirmation(name, version)


def _queues_never_open(intervals: pd.DataFrame, queues: list[str]) -> list[str]:
    """The queues without a single contact, nor so an open interval, in the history."""
    if IS_OPEN not in intervals:
        return []
    # Per queue by groupby, not a set of every row's name: 6 ms instead of 80 on the sample.
    by_queue = intervals.assign(**{IS_OPEN: intervals[IS_OPEN].astype(bool)}).groupby(
        intervals[QUEUE].astype(str)
    )
    opened, contacts = by_queue[IS_OPEN].any(), by_queue[VOLUME].sum()
    return [
        queue
        for queue in queues
        if not opened.get(str(queue), False) and not contacts.get(str(queue), 0) > 0
    ]


def _too_coarse_to_staff(name: str, interval_minutes: int) -> None:
    """Warn here, where the file lands, that daily (or hours-long) totals cannot be staffed:
    the upload said only "stored", and the Staffing page's refusal came pages later."""
    if interval_minutes <= MAX_STAFFING_INTERVAL_MINUTES:
        return
    grain = "daily totals" if interval_minutes == 1440 else f"{interval_minutes}-minute totals"
    st.warning(
        f"'{name}' holds {grain}: the Forecast page forecasts them, but the Staffing, Shifts and "
        f"Scenarios pages size agents on intervals of at most {MAX_STAFFING_INTERVAL_MINUTES} "
        "minutes only, as a day's contacts crowd into its busy hours. Import per-interval or "
        "per-contact data to staff this desk.",
        icon=":material/schedule:",
    )


def _interval_download(name: str, intervals: pd.DataFrame) -> None:
    """The whole interval table as CSV, written only when asked for (it can be large). Named as
    the other pages' downloads are, by the dataset and its days, the history's first and last:
    a later import's download does not overwrite this one under the same name."""
    stem = downloads.dated_stem("intervals", name, intervals[INTERVAL_START].agg(["min", "max"]))
    st.download_button(
        "Interval data (CSV)",
        data=lambda: downloads.to_csv_bytes(intervals),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="download_intervals_csv",
        on_click="ignore",
        icon=":material/download:",
        help=f"All {len(intervals):,} interval rows; the preview above shows the latest open ones.",
    )


MESSAGE_ICONS = {"success": ":material/check_circle:", "info": ":material/content_copy:"}

st.title("Data")
files = st.file_uploader(
    "Upload contact history (CSV, text, JSON records, Excel .xlsx / .xls or LibreOffice .ods "
    "exports; several files at once)",
    accept_multiple_files=True,
    key="upload_files",
    help="Interval volumes (time + count per interval, or a grid with the intervals or the days "
    "as columns) or one row per contact; delimiter, decimal mark, encoding and date format are "
    "detected. A file without a queue column is the queue its name says, less any dates: "
    "calls_2024-03.csv and calls_2024-04.csv make one 'calls' history. Files already stored "
    "are opened, not stored again.",
)
if files:
    upload = uploads.upload_of(files)
    if upload.repeated:
        repeated = list(dict.fromkeys(upload.repeated))
        st.info(
            f"{', '.join(repeated)} {'was' if len(repeated) == 1 else 'were'} picked more than "
            "once with the same content: read once, so no contact is counted twice.",
            icon=":material/content_copy:",
        )
    for name, count in uploads.shared_names(upload).items():
        # Same-named exports from two folders: the notes below name them alike, so say it here.
        st.warning(
            f"{count} different files are {'both' if count == 2 else 'all'} named {name} (from "
            "different folders?): each was read. What they share was counted once (interval "
            "rows: the later file's counts; contact records: each contact once), as the notes "
            "below say, which name both files alike: if one of them should not be here, remove "
            "it and upload again.",
            icon=":material/file_copy:",
        )
    _import_and_save(upload)
    if UPLOAD_ERROR in st.session_state:
        st.error(st.session_state[UPLOAD_ERROR])
    if UPLOAD_MESSAGE in st.session_state:
        kind, text = st.session_state[UPLOAD_MESSAGE]
        getattr(st, kind)(text, icon=MESSAGE_ICONS[kind])
    if UPLOAD_PENDING in st.session_state:
        _pending_choice(st.session_state[UPLOAD_PENDING])
    if UPLOAD_REPORTS in st.session_state:
        _detection(st.session_state[UPLOAD_REPORTS], st.session_state[UPLOAD_INTERVAL])
    _mapping_form(upload)
else:
    _forget_upload()

current = state.current()
# Above the charts: picking another dataset comes before looking at this one, and the controls
# do not move while the charts below load.
_stored_datasets(current.name)

dataset = current.dataset
st.header(f"Current dataset: {current.name}")
dataset_caption(dataset)
# Interval volumes may carry a handle time per interval: its mean, as contact records show theirs.
queue_handle_seconds = cached.aht_by_queue(current.token, dataset)
dataset_metrics(dataset, cached.aht_overall(current.token, dataset), queue_handle_seconds)
_too_coarse_to_staff(current.name, dataset.interval_minutes)
_previous_imports(current.name)

if dataset.notes:
    with st.expander("What was detected while reading the files", expanded=bool(files)):
        for note in dataset.notes:
            st.markdown(f"- {note}")

# Tracked, so a look at another page keeps the tab the manager was reading open.
history_tab, intraday_tab, preview_tab = widgets.kept_tabs(
    ["History", "Intraday", "Preview"], key="data_tab"
)
with history_tab:
    st.plotly_chart(plots.daily_history(dataset.intervals), key="history_chart")
    # A queue whose contacts never came has no open day to draw: its line is missing, and a
    # chart of such queues alone is empty.
    unopened = _queues_never_open(dataset.intervals, dataset.queues)
    if unopened:
        listed = ", ".join(f"'{name}'" for name in unopened)
        st.caption(
            f"No line for {listed}: no contact in the whole history, so no open day to draw. "
            "Check that the right column was read as the volume."
            if len(unopened) == 1
            else f"No line for {listed}: no contact in the whole history of these queues, so no "
            "open day to draw. Check that the right column was read as the volume."
        )
with intraday_tab:
    # One queue for every page: the one the URL or another page picked, else the busiest (the
    # alphabetically first can be a side queue with an all but empty profile). A widget of its
    # own that shows the shared choice and, when changed here, changes it for the other pages,
    # as on the Scenarios page.
    url_state.seed_from_url(url_state.QUEUE_KEY, url_state.QUEUE_PARAM, dataset.queues)
    settings.seed_busiest_queue(current)
    st.session_state[INTRADAY_PICKER] = st.session_state[url_state.QUEUE_KEY]
    queue = st.selectbox(
        "Queue",
        dataset.queues,
        key=INTRADAY_PICKER,
        on_change=_pick_queue,
        help="The same queue as on the Forecast, Staffing, Shifts and Scenarios pages: a change "
        "here changes it there too.",
    )
    url_state.keep_in_url(url_state.QUEUE_PARAM, queue)
    st.plotly_chart(plots.intraday_profile(dataset.intervals, queue), key="intraday_chart")
    if queue in queue_handle_seconds:
        st.caption(f"Mean handle time of {queue}: {queue_handle_seconds[queue]:,.0f} s.")
with preview_tab:
    # The latest open intervals: the first rows of a history are mostly closed night slots.
    intervals = dataset.intervals
    open_rows = intervals[intervals[IS_OPEN]] if IS_OPEN in intervals else intervals
    preview = open_rows.sort_values(INTERVAL_START, kind="stable").tail(PREVIEW_ROWS)
    volume = preview["volume"].dropna()
    whole = bool((volume == volume.round()).all())
    counts = {"volume": tables.Column("Contacts", tables.COUNT)} if whole else None
    if preview.empty:  # an empty grid under "the latest 0 open intervals" explains nothing
        st.caption(
            f"No open interval among the {len(intervals):,} interval rows: no contact arrived in "
            "any of them, so no open hours could be found. The download below holds them all."
        )
    else:
        # Figures the files never held read as a column of dashes on every row: left to the
        # column menu, and said.
        unheld = tables.empty_columns(intervals)
        tables.show(
            preview,
            key="preview_table",
            overrides=counts,
            columns=[name for name in preview.columns if name not in unheld],
        )
        st.caption(
            f"The latest {len(preview):,} open intervals of {len(intervals):,} interval rows; the "
            "download below holds them all, closed slots included."
            + tables.unheld_text([tables.column_for(name, counts).label for name in unheld])
        )
    _interval_download(current.name, dataset.intervals)
