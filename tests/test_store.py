"""Tests for data.store: persistence across reopenings, rename/delete, scenarios, transactions."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import store as store_module
from data.errors import InputError
from data.schema import INTERVAL_COLUMNS, KIND_INTERVALS, KIND_RECORDS, Dataset
from data.store import Store, default_store_path


def make_dataset(
    name: str = "desk",
    queues: tuple[str, ...] = ("phone", "chat"),
    volumes: list[float] | None = None,
    start: str = "2025-03-10 08:00",
    kind: str = KIND_INTERVALS,
) -> Dataset:
    """Four 15-minute slots per queue; the third slot of each queue is a gap in the export."""
    slots = pd.date_range(start, periods=4, freq="15min").astype("datetime64[ns]")
    volumes = volumes if volumes is not None else [3.0, 5.0, np.nan, 0.0]
    frames = []
    for offset, queue in enumerate(queues):
        frames.append(
            pd.DataFrame(
                {
                    "interval_start": slots,
                    "queue": queue,
                    "volume": [v + offset if not np.isnan(v) else v for v in volumes],
                    "answered": np.nan,
                    "abandoned": np.nan,
                    "aht_seconds": [300.0, 312.5, np.nan, np.nan],
                    "wait_seconds": np.nan,
                    "abandon_wait_seconds": np.nan,
                    "is_open": [True, True, True, False],
                    "is_missing": [False, False, True, False],
                    "satisfaction": np.nan,
                }
            )
        )
    intervals = pd.concat(frames, ignore_index=True)[INTERVAL_COLUMNS]
    open_hours = pd.DataFrame(
        {
            "queue": [q for q in queues for _ in range(2)],
            "weekday": [0, 6] * len(queues),
            "minute_of_day": [480, 480] * len(queues),
            "is_open": [True, False] * len(queues),
        }
    )
    return Dataset(
        name=name,
        kind=kind,
        interval_minutes=15,
        intervals=intervals,
        open_hours=open_hours,
        source_files=["phone.csv", "chat.csv"],
        notes=["3 duplicated timestamps summed"],
    )


def make_records_dataset() -> Dataset:
    dataset = make_dataset(name="bank", queues=("Téléphonie",), kind=KIND_RECORDS)
    dataset.intervals["answered"] = [2.0, 4.0, np.nan, 0.0]
    dataset.intervals["abandoned"] = [1.0, 1.0, np.nan, 0.0]
    dataset.intervals["wait_seconds"] = [12.0, 30.5, np.nan, np.nan]
    dataset.intervals["abandon_wait_seconds"] = [95.0, 40.0, np.nan, np.nan]
    dataset.intervals["satisfaction"] = [4.5, 3.0, np.nan, np.nan]
    dataset.answered, dataset.abandoned, dataset.mean_handle_seconds = 6, 2, 305.25
    dataset.mean_satisfaction = 3.75
    return dataset


def assert_same_dataset(loaded: Dataset, expected: Dataset, name: str) -> None:
    assert loaded.name == name
    assert loaded.kind == expected.kind
    assert loaded.interval_minutes == expected.interval_minutes
    assert loaded.source_files == expected.source_files
    assert loaded.notes == expected.notes
    assert loaded.answered == expected.answered
    assert loaded.abandoned == expected.abandoned
    assert loaded.mean_handle_seconds == expected.mean_handle_seconds
    assert loaded.mean_satisfaction == expected.mean_satisfaction
    pd.testing.assert_frame_equal(loaded.intervals, expected.intervals.reset_index(drop=True))
    pd.testing.assert_frame_equal(loaded.open_hours, expected.open_hours.reset_index(drop=True))


# ------------------------------------------------------------------- location


def test_store_file_lives_under_picco_home(picco_home):
    assert default_store_path() == picco_home / "picco.duckdb"
    Store()
    assert (picco_home / "picco.duckdb").is_file()


def test_store_defaults_to_the_xdg_user_data_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("PICCO_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "picco" / "picco.duckdb"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / ".local" / "share" / "picco" / "picco.duckdb"


def test_explicit_path_wins_over_picco_home(picco_home, tmp_path):
    path = tmp_path / "elsewhere" / "mine.duckdb"
    Store(path).save_dataset(make_dataset(), "desk")
    assert path.is_file()
    assert not (picco_home / "picco.duckdb").exists()
    assert Store(path).list_datasets()["name"].tolist() == ["desk"]


def test_a_file_that_is_not_a_store_gives_a_clear_message(tmp_path):
    path = tmp_path / "picco.duckdb"
    path.write_text("name,volume\nnot,a database\n")
    with pytest.raises(InputError, match="Cannot open the Picco store .*picco.duckdb"):
        Store(path)


# ------------------------------------------------------------------- datasets


@pytest.mark.parametrize(
    "dataset", [make_dataset(), make_records_dataset()], ids=["intervals", "records"]
)
def test_dataset_round_trips_through_a_reopened_store(picco_home, dataset):
    Store().save_dataset(dataset, "Téléphonie 2025")
    loaded = Store().load_dataset("Téléphonie 2025")  # a new Store: the app was restarted
    assert_same_dataset(loaded, dataset, "Téléphonie 2025")
    assert loaded.intervals["interval_start"].dtype == "datetime64[ns]"
    assert loaded.intervals["is_open"].dtype == bool
    assert loaded.intervals["is_missing"].tolist() == [False, False, True, False] * len(
        loaded.queues
    )
    assert np.isnan(loaded.intervals["volume"][2])


def test_round_trip_keeps_row_order_and_microsecond_timestamps(picco_home):
    dataset = make_dataset()
    dataset.intervals = dataset.intervals.iloc[::-1]
    dataset.intervals["interval_start"] = dataset.intervals["interval_start"].astype(
        "datetime64[us]"
    )
    Store().save_dataset(dataset, "desk")
    assert_same_dataset(Store().load_dataset("desk"), dataset, "desk")


def test_save_defaults_to_the_datasets_own_name_and_trims_names(picco_home):
    store = Store()
    store.save_dataset(make_dataset(name="desk"))
    store.save_dataset(make_dataset(), "  spaced  ")
    assert store.list_datasets()["name"].tolist() == ["desk", "spaced"]


def test_list_datasets_summarises_each_dataset(picco_home):
    store = Store()
    store.save_dataset(make_dataset(queues=("phone", "chat", "email")), "desk")
    store.save_dataset(make_records_dataset(), "Bank")
    listing = store.list_datasets()
    assert listing.columns.tolist() == [
        "name", "kind", "interval_minutes", "queues", "start", "end", "contacts", "rows",
        "saved_at",
    ]  # fmt: skip
    assert listing["name"].tolist() == ["Bank", "desk"]  # case-insensitive name order
    desk = listing.set_index("name").loc["desk"]
    assert desk["kind"] == "intervals"
    assert desk["interval_minutes"] == 15
    assert desk["queues"] == ["chat", "email", "phone"]
    assert desk["start"] == pd.Timestamp("2025-03-10 08:00")
    assert desk["end"] == pd.Timestamp("2025-03-10 08:45")
    # phone 3+5+0, chat 4+6+1, email 5+7+2 (the NaN gap counts nothing)
    assert desk["contacts"] == 33.0
    assert desk["rows"] == 12
    saved_at = listing["saved_at"]
    now = pd.Timestamp.now("UTC").tz_localize(None)
    assert saved_at.between(now - pd.Timedelta("1min"), now).all()


def test_empty_store_lists_no_datasets_with_the_same_columns(picco_home):
    listing = Store().list_datasets()
    assert listing.empty
    assert "contacts" in listing.columns and "queues" in listing.columns


def test_saving_an_existing_name_needs_replace_and_keeps_the_old_data(picco_home):
    store = Store()
    original = make_dataset()
    store.save_dataset(original, "desk")
    with pytest.raises(InputError, match="'desk' is already stored"):
        store.save_dataset(make_dataset(volumes=[9.0, 9.0, 9.0, 9.0]), "desk")
    assert_same_dataset(store.load_dataset("desk"), original, "desk")


def test_replace_swaps_the_data_and_keeps_the_scenarios(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    store.save_scenario("desk", "baseline", {"service_level": 0.8})
    newer = make_dataset(queues=("email",), volumes=[1.0, 2.0, 3.0, 4.0])
    store.save_dataset(newer, "desk", replace=True)
    assert_same_dataset(store.load_dataset("desk"), newer, "desk")
    assert store.list_datasets()["contacts"].tolist() == [10.0]
    assert store.list_scenarios("desk") == ["baseline"]


@pytest.mark.parametrize("name", ["", "   ", None])
def test_empty_dataset_names_are_refused(picco_home, name):
    store = Store()
    with pytest.raises(InputError, match="dataset name is empty"):
        store.save_dataset(make_dataset(name=""), name)
    store.save_dataset(make_dataset(), "desk")
    with pytest.raises(InputError, match="dataset name is empty"):
        store.rename_dataset("desk", name)


def test_unknown_dataset_names_the_stored_ones(picco_home):
    store = Store()
    with pytest.raises(
        InputError, match=r"No stored dataset is named 'nope' \(stored datasets: none"
    ):
        store.load_dataset("nope")
    store.save_dataset(make_dataset(), "desk")
    for call in (
        lambda: store.load_dataset("nope"),
        lambda: store.rename_dataset("nope", "other"),
        lambda: store.delete_dataset("nope"),
        lambda: store.list_scenarios("nope"),
        lambda: store.save_scenario("nope", "s", {}),
    ):
        with pytest.raises(InputError, match="'nope' .*'desk'"):
            call()


def test_frames_without_the_schema_columns_are_refused(picco_home):
    dataset = make_dataset()
    dataset.intervals = dataset.intervals.drop(columns="is_missing").assign(extra=1)
    with pytest.raises(InputError, match=r"missing: \['is_missing'\]; unexpected: \['extra'\]"):
        Store().save_dataset(dataset, "desk")
    assert Store().list_datasets().empty


def test_rename_dataset_moves_data_and_scenarios(picco_home):
    store = Store()
    dataset = make_dataset()
    store.save_dataset(dataset, "desk")
    store.save_dataset(make_dataset(), "other")
    store.save_scenario("desk", "baseline", {"shrinkage": 0.3})
    store.rename_dataset("desk", "Téléphonie")
    reopened = Store()
    assert reopened.list_datasets()["name"].tolist() == ["other", "Téléphonie"]
    assert_same_dataset(reopened.load_dataset("Téléphonie"), dataset, "Téléphonie")
    assert reopened.load_scenario("Téléphonie", "baseline") == {"shrinkage": 0.3}
    with pytest.raises(InputError, match="No stored dataset is named 'desk'"):
        reopened.load_dataset("desk")
    with pytest.raises(InputError, match="a dataset named 'other' already exists"):
        reopened.rename_dataset("Téléphonie", "other")
    with pytest.raises(InputError, match="'Téléphonie': that is already its name"):
        reopened.rename_dataset("Téléphonie", "Téléphonie")
    assert reopened.list_datasets()["name"].tolist() == ["other", "Téléphonie"]


@pytest.fixture()
def two_datasets(picco_home) -> Store:
    """Datasets 'desk' and 'other', each with a scenario named 'baseline' of its own."""
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    store.save_dataset(make_dataset(), "other")
    store.save_scenario("desk", "baseline", {"span": 12})
    store.save_scenario("other", "baseline", {"span": 10})
    return store


def test_delete_dataset_removes_its_rows_and_scenarios_only(two_datasets):
    store = two_datasets
    store.delete_dataset("desk")
    assert Store().list_datasets()["name"].tolist() == ["other"]
    assert store.load_scenario("other", "baseline") == {"span": 10}
    with duckdb.connect(str(store.path)) as con:
        for table, expected in (("intervals", 8), ("open_hours", 4), ("scenarios", 1)):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected
    store.save_dataset(make_dataset(), "desk")  # the name is free again, with no old scenarios
    assert store.list_scenarios("desk") == []


# ------------------------------------------------------------------- transactions


def fail_after_first_insert(monkeypatch):
    """Make the second bulk insert of a save (the open-hours table) fail midway."""
    real_insert = store_module._insert_frame
    calls = []

    def insert_then_fail(con, table, *args, **kwargs):
        real_insert(con, table, *args, **kwargs)
        calls.append(table)
        if len(calls) == 1:
            raise OSError("disk full")

    monkeypatch.setattr(store_module, "_insert_frame", insert_then_fail)


def test_failed_first_save_leaves_nothing_behind(picco_home, monkeypatch):
    store = Store()
    # Its own patch context: undoing `monkeypatch` itself would also drop picco_home's
    # PICCO_HOME, and the Store() reopened below would read the user's own store.
    with monkeypatch.context() as failing:
        fail_after_first_insert(failing)
        with pytest.raises(OSError, match="disk full"):
            store.save_dataset(make_dataset(), "desk")
    assert Store().path == store.path
    assert Store().list_datasets().empty
    with duckdb.connect(str(store.path)) as con:
        assert con.execute("SELECT count(*) FROM intervals").fetchone()[0] == 0
    store.save_dataset(make_dataset(), "desk")  # and the name can be used afterwards
    assert store.list_datasets()["rows"].tolist() == [8]


def test_failed_replace_keeps_the_previous_version(picco_home, monkeypatch):
    store = Store()
    original = make_dataset()
    store.save_dataset(original, "desk")
    store.save_scenario("desk", "baseline", {"service_level": 0.8})
    listed_before = store.list_datasets()
    fail_after_first_insert(monkeypatch)
    with pytest.raises(OSError, match="disk full"):
        store.save_dataset(make_dataset(queues=("email",)), "desk", replace=True)
    reopened = Store()
    assert_same_dataset(reopened.load_dataset("desk"), original, "desk")
    pd.testing.assert_frame_equal(reopened.list_datasets(), listed_before)
    assert reopened.list_scenarios("desk") == ["baseline"]


def test_a_frame_duckdb_cannot_store_rolls_back(picco_home):
    store = Store()
    original = make_dataset()
    store.save_dataset(original, "desk")
    bad = make_dataset()
    bad.intervals["volume"] = bad.intervals["volume"].astype(object)
    bad.intervals.loc[5, "volume"] = "twelve"
    with pytest.raises(duckdb.Error):
        store.save_dataset(bad, "desk", replace=True)
    assert_same_dataset(Store().load_dataset("desk"), original, "desk")


# ------------------------------------------------------------------- scenarios


def test_scenarios_keep_save_order_and_settings(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    settings_b = {"volume_change_pct": 20, "quantile": "p80", "costs": {"agent": 21.5}}
    store.save_scenario("desk", "zeta", {"service_level": 0.8, "answer_within_seconds": 20})
    store.save_scenario("desk", "Été +20%", settings_b)
    store.save_scenario("desk", "alpha", {"shrinkage": np.float64(0.35), "span": np.int64(12)})
    reopened = Store()
    assert reopened.list_scenarios("desk") == ["zeta", "Été +20%", "alpha"]
    assert reopened.load_scenario("desk", "Été +20%") == settings_b
    loaded = reopened.load_scenario("desk", "alpha")
    assert loaded == {"shrinkage": 0.35, "span": 12}
    assert type(loaded["span"]) is int


def test_replacing_a_scenario_keeps_its_place(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    for name in ("a", "b", "c"):
        store.save_scenario("desk", name, {"n": name})
    store.save_scenario("desk", "a", {"n": "a2"})
    assert store.list_scenarios("desk") == ["a", "b", "c"]
    assert store.load_scenario("desk", "a") == {"n": "a2"}
    with pytest.raises(InputError, match="already has a scenario named 'b'"):
        store.save_scenario("desk", "b", {"n": "b2"}, replace=False)
    assert store.load_scenario("desk", "b") == {"n": "b"}


def test_scenarios_belong_to_their_dataset(two_datasets):
    store = two_datasets
    store.save_scenario("desk", "baseline", {"span": 14})
    assert store.load_scenario("desk", "baseline") == {"span": 14}
    assert store.load_scenario("other", "baseline") == {"span": 10}
    assert store.list_scenarios("other") == ["baseline"]


def test_rename_and_delete_scenarios(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    for name in ("a", "b", "c"):
        store.save_scenario("desk", name, {"n": name})
    store.rename_scenario("desk", "b", "Téléphonie")
    assert store.list_scenarios("desk") == ["a", "Téléphonie", "c"]
    assert store.load_scenario("desk", "Téléphonie") == {"n": "b"}
    with pytest.raises(InputError, match="already has a scenario named 'c'"):
        store.rename_scenario("desk", "a", "c")
    with pytest.raises(InputError, match="scenario name is empty"):
        store.rename_scenario("desk", "a", " ")
    store.delete_scenario("desk", "a")
    assert Store().list_scenarios("desk") == ["Téléphonie", "c"]
    store.save_scenario("desk", "d", {})
    assert store.list_scenarios("desk") == ["Téléphonie", "c", "d"]
    # Settings that carry their own name (as the app's scenarios do) follow the rename.
    store.save_scenario("desk", "90/30", {"name": "90/30", "service_level": 0.9})
    store.rename_scenario("desk", "90/30", "90 in 30")
    assert store.load_scenario("desk", "90 in 30") == {"name": "90 in 30", "service_level": 0.9}


def test_a_scenario_name_differing_only_in_case_or_spacing_is_refused(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    store.save_scenario("desk", "Baseline", {"n": 1})
    store.save_scenario("desk", "Peak  week", {"n": 2})
    with pytest.raises(InputError, match="already has a scenario named 'Baseline'"):
        store.save_scenario("desk", " baseline ", {"n": 3})
    with pytest.raises(InputError, match="already has a scenario named 'Peak  week'"):
        store.rename_scenario("desk", "Baseline", "peak week")
    store.rename_scenario("desk", "Baseline", "BASELINE")  # its own name in other case
    assert store.list_scenarios("desk") == ["BASELINE", "Peak  week"]
    assert store.load_scenario("desk", "BASELINE") == {"n": 1}


def test_unknown_or_bad_scenarios_give_clear_messages(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    for call in (
        lambda: store.load_scenario("desk", "ghost"),
        lambda: store.rename_scenario("desk", "ghost", "x"),
        lambda: store.delete_scenario("desk", "ghost"),
    ):
        with pytest.raises(InputError, match="Dataset 'desk' has no scenario named 'ghost'"):
            call()
    with pytest.raises(InputError, match="scenario name is empty"):
        store.save_scenario("desk", "", {})
    with pytest.raises(InputError, match="settings must be a dict"):
        store.save_scenario("desk", "s", [("a", 1)])
    with pytest.raises(InputError, match="cannot save .*object"):
        store.save_scenario("desk", "s", {"when": object()})
    assert store.list_scenarios("desk") == []


# ------------------------------------------------------------------- other processes


def hold_store_lock(path, seconds: float) -> subprocess.Popen:
    """Another process (say, a nightly CLI run) writing to the store for a while."""
    script = (
        "import sys, time, duckdb\n"
        f"con = duckdb.connect({str(path)!r})\n"
        "print('ready', flush=True)\n"
        f"time.sleep({seconds})\n"
        "con.close()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_last_used_settings_survive_a_reopened_store_and_are_replaced_whole(picco_home):
    assert Store().load_preferences() == {}  # a new store: the defaults apply
    Store().save_preferences({"sl_target_pct": 90.0, "email_hours": [8.0, 17.5]})
    assert Store().load_preferences() == {"sl_target_pct": 90.0, "email_hours": [8.0, 17.5]}
    Store().save_preferences({"sl_target_pct": 85.0})
    assert Store().load_preferences() == {"sl_target_pct": 85.0}
    with pytest.raises(ValueError):  # not JSON: nothing half-written
        Store().save_preferences({"max_asa_s": float("nan")})
    assert Store().load_preferences() == {"sl_target_pct": 85.0}


def test_unreadable_last_used_settings_leave_the_defaults(picco_home):
    the_store = Store()
    with duckdb.connect(str(the_store.path)) as con:
        con.execute("INSERT OR REPLACE INTO store_meta VALUES ('preferences', '{not json')")
    assert the_store.load_preferences() == {}


def test_waits_for_another_process_to_release_the_store(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    holder = hold_store_lock(store.path, seconds=1.0)
    try:
        started = time.monotonic()
        assert store.list_datasets()["name"].tolist() == ["desk"]
        assert time.monotonic() - started > 0.3  # it really waited for the lock
    finally:
        holder.wait(timeout=30)


def test_a_store_busy_for_too_long_gives_a_clear_message(picco_home, monkeypatch):
    store = Store()
    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.3)
    holder = hold_store_lock(store.path, seconds=3.0)
    try:
        with pytest.raises(InputError, match="is busy: another Picco process"):
            store.list_datasets()
    finally:
        holder.wait(timeout=30)


# ------------------------------------------------------------------- property


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    queue=st.text(min_size=1, max_size=12),
    volumes=st.lists(
        st.one_of(st.floats(0, 1e6, allow_nan=False), st.just(float("nan"))),
        min_size=4,
        max_size=4,
    ),
    name=st.text(min_size=1, max_size=20).filter(lambda text: text.strip() == text and text),
)
def test_any_names_and_volumes_round_trip(picco_home, queue, volumes, name):
    dataset = make_dataset(queues=(queue,), volumes=volumes)
    store = Store()
    store.save_dataset(dataset, name, replace=True)
    assert_same_dataset(store.load_dataset(name), dataset, name)
    store.delete_dataset(name)


# ------------------------------------------------------------------- real import


def test_the_imported_shipped_sample_round_trips(picco_home):
    from data.importer import import_files
    from data.samples.generate import SAMPLE_PATH

    dataset = import_files([SAMPLE_PATH])
    Store().save_dataset(dataset, "Service desk")
    assert_same_dataset(Store().load_dataset("Service desk"), dataset, "Service desk")
    listed = Store().list_datasets().iloc[0]
    assert listed["queues"] == ["chat", "email", "phone"]
    assert listed["rows"] == len(dataset.intervals)
    # e-mail runs 24/7: 728 days x 96 slots on its regular grid
    assert (dataset.intervals["queue"] == "email").sum() == 728 * 96
    raw = pd.read_csv(SAMPLE_PATH)
    assert listed["contacts"] == raw["volume"].sum()
    assert listed["start"] == pd.Timestamp("2024-11-25 00:00")
    assert listed["end"] == pd.Timestamp("2026-11-22 23:45")


def test_a_store_file_from_before_satisfaction_opens_and_keeps_its_data(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    # what schema version 1 wrote: no satisfaction columns
    with duckdb.connect(str(store.path)) as con:
        con.execute("ALTER TABLE intervals DROP COLUMN satisfaction")
        con.execute("ALTER TABLE datasets DROP COLUMN mean_satisfaction")
        con.execute("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'")
    reopened = Store()
    loaded = reopened.load_dataset("desk")
    assert loaded.mean_satisfaction is None
    assert loaded.intervals["satisfaction"].isna().all()
    assert loaded.intervals["volume"].sum() == make_dataset().intervals["volume"].sum()
    reopened.save_dataset(make_records_dataset(), "bank")
    assert reopened.load_dataset("bank").mean_satisfaction == 3.75
    with duckdb.connect(str(store.path)) as con:
        version = con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'")
        assert version.fetchone()[0] == "3"


def test_a_store_file_from_before_abandoned_waits_opens_with_them_unknown(picco_home):
    store = Store()
    store.save_dataset(make_records_dataset(), "bank")
    # what schema version 2 wrote: no abandoned callers' wait
    with duckdb.connect(str(store.path)) as con:
        con.execute("ALTER TABLE intervals DROP COLUMN abandon_wait_seconds")
        con.execute("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'")
    loaded = Store().load_dataset("bank")
    assert loaded.intervals["abandon_wait_seconds"].isna().all()
    assert loaded.intervals["wait_seconds"].tolist()[:2] == [12.0, 30.5]
