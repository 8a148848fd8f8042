"""Round ten of a manager's probe of the Data page, driven headless with AppTest: Asterisk /
FreePBX call-detail records and their column mapping, a bad file among good ones, the same file
picked twice or two files of one name, a large export, and Previous imports after a
re-import."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest
from test_app_pages import assert_clean, contact_records, metric, number, open_app, small_export
from test_import_probe_round_ten import _freepbx, _master_csv

from data.asterisk import MASTER_CSV_FIELDS
from data.store import Store

CSV = "text/csv"
AUTOMATIC = "(automatic)"


def texts(app: AppTest, kind: str) -> list[str]:
    return [item.value for item in getattr(app, kind)]


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    """Empty the uploader, then pick `files` in one go (a new upload)."""
    app.file_uploader(key="upload_files").set_value([]).run()
    return app.file_uploader(key="upload_files").set_value([(n, b, CSV) for n, b in files]).run()


def stored() -> dict[str, float]:
    listing = Store().list_datasets()
    return dict(zip(listing["name"], listing["contacts"], strict=True))


def notes(app: AppTest) -> str:
    return "\n".join(texts(app, "markdown"))


def apply_mapping(app: AppTest, **choices) -> AppTest:
    for key, value in choices.items():
        app.selectbox(key=f"map_{key}").set_value(value)
    return app.button(key="map_apply").click().run()


def cdr_bytes(tmp_path) -> bytes:
    return _freepbx(tmp_path / "cdr.csv").read_bytes()


# ------------------------------------------------- call-detail records on the Data page


def test_a_freepbx_cdr_upload_shows_its_calls_notes_and_the_cdr_columns_used(picco_home, tmp_path):
    app = upload(open_app(), ("cdr.csv", cdr_bytes(tmp_path)))
    assert_clean(app)
    assert "Stored as 'cdr' and opened on every page." in texts(app, "success")[0]
    assert stored()["cdr"] == 7  # 7 inbound queue calls of 13 CDR rows
    assert number(metric(app, "Contacts")) == 7
    used = [text for text in texts(app, "caption") if text.startswith("Columns used in")]
    assert used == [
        "Columns used in cdr.csv — timestamp: `calldate`; handle: `billsec`; outcome: "
        "`disposition`; queue: `dst`"
    ]
    shown = notes(app)
    assert "cdr.csv was read as an Asterisk / FreePBX call-detail record (CDR): its 13 rows" in (
        shown
    )
    assert "2 outbound or internal call(s) left out" in shown
    detected = app.dataframe[0].value
    assert detected.loc[0, "file"] == "cdr.csv" and detected.loc[0, "rows"] == 13


def test_a_headerless_master_csv_offers_its_documented_fields_for_the_mapping(picco_home, tmp_path):
    # Had offered its first call's values ('3331234567', 'ext-queues', ...) as column names.
    master = _master_csv(tmp_path / "Master.csv").read_bytes()
    app = upload(open_app(), ("Master.csv", master))
    assert_clean(app)
    assert stored()["Master"] == 7
    assert "Master.csv has no header row; its 18 fields a line are those of the Asterisk" in (
        notes(app)
    )
    for key in ("map_time_column", "map_queue_column", "map_volume_column"):
        assert app.selectbox(key=key).options == [AUTOMATIC, *MASTER_CSV_FIELDS]


def test_a_column_chosen_for_a_cdr_is_refused_by_name_not_silently_ignored(picco_home, tmp_path):
    # Had said "Imported again with your column mapping" over the same data, the choice
    # ignored, and kept that same data under Previous imports.
    app = upload(open_app(), ("cdr.csv", cdr_bytes(tmp_path)))
    apply_mapping(app, queue_column="channel")
    assert not app.exception
    (error,) = texts(app, "error")
    assert error.startswith("cdr.csv is an Asterisk / FreePBX call-detail record (CDR)")
    assert "your choice (Queue column 'channel') cannot be applied" in error
    assert f"Set it back to {AUTOMATIC}; only the Interval length applies" in error
    assert not texts(app, "success")
    assert Store().list_previous_versions("cdr") == []
    assert stored()["cdr"] == 7 and number(metric(app, "Contacts")) == 7

    # Back to automatic: the same data again, nothing stored, said so.
    apply_mapping(app, queue_column=AUTOMATIC)
    assert_clean(app)
    assert any("nothing was stored again" in text for text in texts(app, "info"))
    assert Store().list_previous_versions("cdr") == []


def test_a_cdr_counted_in_30_minutes_keeps_the_15_minute_import_restorable(picco_home, tmp_path):
    app = upload(open_app(), ("cdr.csv", cdr_bytes(tmp_path)))
    apply_mapping(app, interval_minutes=30)
    assert_clean(app)
    assert "'cdr' now holds this data" in texts(app, "success")[0]
    assert app.session_state["current_dataset"].dataset.interval_minutes == 30
    (kept,) = Store().list_previous_versions("cdr")
    assert (kept.interval_minutes, kept.contacts, kept.queues) == (15, 7, ("400", "401"))
    app.button(key=f"restore_{kept.version_id}").click().run()
    app.button(key="restore_confirm").click().run()
    assert_clean(app)
    assert app.session_state["current_dataset"].dataset.interval_minutes == 15
    assert [v.interval_minutes for v in Store().list_previous_versions("cdr")] == [30]


def test_a_mapping_that_changes_nothing_keeps_the_earlier_imports(picco_home):
    # Each such click had stored the same data again, pushing a real earlier import out of the
    # few kept for restoring.
    app = upload(open_app(), ("calls.csv", small_export()))
    apply_mapping(app, volume_column="calls")  # what detection chose already
    assert_clean(app)
    (info,) = [text for text in texts(app, "info") if "nothing was stored again" in text]
    assert info.startswith("Imported again with your column mapping: the result is the data ")
    assert "'calls' holds already" in info
    assert Store().list_previous_versions("calls") == []
    assert stored()["calls"] == 11200


# ------------------------------------------------- a bad file among good ones


def test_an_empty_file_and_a_pdf_beside_a_good_one_store_nothing_and_are_both_named(picco_home):
    app = upload(open_app(), ("first.csv", small_export()))
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(256)
    upload(app, ("good.csv", small_export(scale=5)), ("empty.csv", b""), ("report.csv", pdf))
    assert not app.exception
    (error,) = texts(app, "error")
    assert error.startswith("2 of 3 files cannot be read")
    assert "- empty.csv: the file is empty." in error
    assert "- report.csv: this is a PDF document, not a CSV/text export." in error
    assert "good.csv" not in error
    assert set(stored()) == {"first", "Sample service desk"}  # nothing of good.csv stored
    assert app.session_state["current_dataset"].name == "first"
    assert number(metric(app, "Contacts")) == stored()["first"] == 11200


# ------------------------------------------------- the same file twice, two files of one name


def test_the_same_records_file_picked_twice_is_counted_once_and_said(picco_home):
    # Had been stored as 'rec + rec' with every contact counted twice, without a word.
    records = contact_records()
    app = upload(open_app(), ("rec.csv", records), ("rec.csv", records))
    assert_clean(app)
    assert stored()["rec"] == 35 * 40
    assert "rec + rec" not in stored()
    (said,) = [text for text in texts(app, "info") if "picked more than once" in text]
    assert said.startswith("rec.csv was picked more than once with the same content: read once")


def test_two_different_files_of_one_name_are_both_read_and_pointed_out(picco_home):
    first, second = contact_records(days=7), contact_records(days=14, per_day=10)
    app = upload(open_app(), ("rec.csv", first), ("rec.csv", second))
    assert_clean(app)
    assert stored()["rec + rec"] == 7 * 40 + 14 * 10  # both files' contacts
    (warned,) = [text for text in texts(app, "warning") if "named rec.csv" in text]
    assert warned.startswith("2 different files are both named rec.csv")
    assert "contact records: each contact once" in warned
    assert not [text for text in texts(app, "info") if "picked more than once" in text]


# ------------------------------------------------- a large export


def test_a_year_of_300_000_contact_records_is_stored_whole(picco_home):
    rng = np.random.default_rng(1)
    n = 300_000
    seconds = np.sort(rng.integers(0, 365, n) * 86400 + rng.integers(8 * 3600, 18 * 3600, n))
    frame = pd.DataFrame(
        {
            "arrival": pd.to_datetime(seconds + 1735689600, unit="s").strftime("%Y-%m-%d %H:%M:%S"),
            "queue": rng.choice(["Sales", "Support", "Billing"], n),
            "talk_seconds": rng.integers(30, 900, n),
        }
    )
    app = open_app()
    began = time.perf_counter()
    upload(app, ("big.csv", frame.to_csv(index=False).encode()))
    assert time.perf_counter() - began < 60
    assert_clean(app)
    assert stored()["big"] == n
    assert number(metric(app, "Contacts")) == n
    assert "big.csv: 300,000 rows read as contact records" in notes(app)
