"""Previous versions in data.store: a replace keeps the data it replaced, a restore swaps it back
(and can itself be undone), scenarios stay with the dataset, a delete takes the versions along,
and a store file from before versions opens and keeps them from then on."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from test_store import assert_same_dataset, fail_after_first_insert, make_dataset
from test_store import make_records_dataset as records_dataset

from data import store as store_module
from data.errors import InputError
from data.store import PREVIOUS_VERSIONS_KEPT, Store


def row_counts(store: Store) -> dict[str, int]:
    with duckdb.connect(str(store.path)) as con:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("datasets", "dataset_versions", "intervals", "open_hours", "scenarios")
        }


def volumes(total: float) -> list[float]:
    """Slot volumes making 2 * total + 4 contacts over make_dataset's two queues (chat gets +1
    per slot), so each version is told apart by its contacts."""
    return [total, 0.0, 0.0, 0.0]


def test_a_replace_keeps_the_replaced_data_as_a_previous_version(picco_home):
    store = Store()
    original = make_dataset()
    store.save_dataset(original, "desk")
    listed = store.list_datasets().iloc[0]
    assert store.list_previous_versions("desk") == []
    newer = make_dataset(queues=("email",), volumes=[1.0, 2.0, 3.0, 4.0], start="2025-04-01")
    store.save_dataset(newer, "desk", replace=True)

    reopened = Store()
    assert_same_dataset(reopened.load_dataset("desk"), newer, "desk")
    (kept,) = reopened.list_previous_versions("desk")
    assert kept.saved_at == listed["saved_at"]  # when the replaced data was stored
    assert kept.replaced_at >= kept.saved_at
    assert (kept.rows, kept.contacts) == (8, 19.0)  # 3+5+0 on phone, 4+6+1 on chat
    assert kept.queues == ("chat", "phone")
    assert (kept.start, kept.end) == (
        pd.Timestamp("2025-03-10 08:00"),
        pd.Timestamp("2025-03-10 08:45"),
    )
    assert (kept.kind, kept.interval_minutes) == ("intervals", 15)
    assert kept.source_files == ("phone.csv", "chat.csv")
    assert_same_dataset(reopened.load_previous_version("desk", kept.version_id), original, "desk")
    # The listing and the interval table hold the new data only as the dataset's own.
    assert reopened.list_datasets()["rows"].tolist() == [4]
    assert row_counts(reopened)["intervals"] == 8 + 4


def test_a_records_version_keeps_its_totals_and_notes(picco_home):
    store = Store()
    bank = records_dataset()
    store.save_dataset(bank, "bank")
    store.save_dataset(make_dataset(), "bank", replace=True)
    (kept,) = store.list_previous_versions("bank")
    assert_same_dataset(store.load_previous_version("bank", kept.version_id), bank, "bank")


def test_at_most_the_last_few_versions_are_kept_newest_first(picco_home):
    store = Store()
    for total in range(6):  # the first save, then five replaces
        store.save_dataset(make_dataset(volumes=volumes(float(total))), "desk", replace=True)
    kept = store.list_previous_versions("desk")
    assert len(kept) == PREVIOUS_VERSIONS_KEPT == 3
    # The data of totals 4, 3 and 2, latest replaced first; those of 0 and 1 are dropped.
    assert [version.contacts for version in kept] == [12.0, 10.0, 8.0]
    assert [version.replaced_at for version in kept] == sorted(
        (version.replaced_at for version in kept), reverse=True
    )
    # The dropped versions' rows are gone too: the current data and three versions remain.
    assert row_counts(store) == {
        "datasets": 1,
        "dataset_versions": 3,
        "intervals": 8 * 4,
        "open_hours": 4 * 4,
        "scenarios": 0,
    }
    assert store.list_datasets()["contacts"].tolist() == [14.0]


def test_a_restore_swaps_the_data_and_can_itself_be_undone(picco_home):
    store = Store()
    original, newer = make_dataset(), make_dataset(queues=("email",), volumes=[1.0, 2.0, 3.0, 4.0])
    store.save_dataset(original, "desk")
    store.save_dataset(newer, "desk", replace=True)
    (first,) = store.list_previous_versions("desk")

    store.restore_previous_version("desk", first.version_id)
    reopened = Store()
    assert_same_dataset(reopened.load_dataset("desk"), original, "desk")
    listed = reopened.list_datasets().iloc[0]
    assert (listed["rows"], listed["contacts"], listed["queues"]) == (8, 19.0, ["chat", "phone"])
    assert listed["saved_at"] == first.saved_at  # the restored import keeps its own time
    (swapped,) = reopened.list_previous_versions("desk")
    assert (swapped.rows, swapped.contacts, swapped.queues) == (4, 10.0, ("email",))
    assert_same_dataset(reopened.load_previous_version("desk", swapped.version_id), newer, "desk")
    with pytest.raises(InputError, match="no such previous version"):
        reopened.restore_previous_version("desk", first.version_id)  # restored already

    reopened.restore_previous_version("desk", swapped.version_id)  # the undo
    assert_same_dataset(reopened.load_dataset("desk"), newer, "desk")
    (again,) = reopened.list_previous_versions("desk")
    assert_same_dataset(reopened.load_previous_version("desk", again.version_id), original, "desk")
    assert row_counts(reopened)["intervals"] == 8 + 4


def test_a_restore_keeps_the_number_of_versions(picco_home):
    store = Store()
    for total in range(4):
        store.save_dataset(make_dataset(volumes=volumes(float(total))), "desk", replace=True)
    oldest = store.list_previous_versions("desk")[-1]
    assert oldest.contacts == 4.0
    store.restore_previous_version("desk", oldest.version_id)
    assert store.list_datasets()["contacts"].tolist() == [4.0]
    # The data it replaced comes first; none is dropped, the count stays at three.
    assert [version.contacts for version in store.list_previous_versions("desk")] == [
        10.0,
        8.0,
        6.0,
    ]


def test_scenarios_stay_with_the_dataset_through_replace_restore_and_rename(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    store.save_scenario("desk", "baseline", {"service_level": 0.8})
    store.save_dataset(make_dataset(queues=("email",)), "desk", replace=True)
    store.save_scenario("desk", "busier", {"service_level": 0.9})
    (kept,) = store.list_previous_versions("desk")
    store.restore_previous_version("desk", kept.version_id)
    assert store.list_scenarios("desk") == ["baseline", "busier"]
    assert store.load_scenario("desk", "busier") == {"service_level": 0.9}

    store.rename_dataset("desk", "Service desk")  # the versions follow the name
    (swapped,) = store.list_previous_versions("Service desk")
    assert swapped.queues == ("email",)
    store.restore_previous_version("Service desk", swapped.version_id)
    assert store.load_dataset("Service desk").queues == ["email"]
    assert store.list_scenarios("Service desk") == ["baseline", "busier"]


def test_versions_belong_to_their_dataset(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    store.save_dataset(make_dataset(), "other")
    store.save_dataset(make_dataset(queues=("email",)), "other", replace=True)
    assert store.list_previous_versions("desk") == []
    (other,) = store.list_previous_versions("other")
    for call in (
        lambda: store.restore_previous_version("desk", other.version_id),
        lambda: store.load_previous_version("desk", other.version_id),
        lambda: store.restore_previous_version("desk", 999),
    ):
        with pytest.raises(InputError, match="Dataset 'desk' has no such previous version"):
            call()
    with pytest.raises(InputError, match="No stored dataset is named 'nope'"):
        store.list_previous_versions("nope")


def test_deleting_a_dataset_deletes_its_versions_only(picco_home):
    store = Store()
    for name in ("desk", "other"):
        store.save_dataset(make_dataset(), name)
        store.save_dataset(make_dataset(queues=("email",)), name, replace=True)
    store.save_scenario("desk", "baseline", {"span": 12})
    store.delete_dataset("desk")
    assert row_counts(store) == {
        "datasets": 1,
        "dataset_versions": 1,
        "intervals": 4 + 8,
        "open_hours": 2 + 4,
        "scenarios": 0,
    }
    assert len(store.list_previous_versions("other")) == 1
    store.save_dataset(make_dataset(), "desk")  # the name is free again, with no old versions
    assert store.list_previous_versions("desk") == []


def test_a_failed_replace_keeps_no_half_version(picco_home, monkeypatch):
    store = Store()
    original = make_dataset()
    store.save_dataset(original, "desk")
    before = row_counts(store)
    fail_after_first_insert(monkeypatch)
    with pytest.raises(OSError, match="disk full"):
        store.save_dataset(make_dataset(queues=("email",)), "desk", replace=True)
    monkeypatch.undo()
    assert row_counts(store) == before
    assert store.list_previous_versions("desk") == []
    assert_same_dataset(store.load_dataset("desk"), original, "desk")


def test_a_failed_restore_changes_nothing(picco_home, monkeypatch):
    store = Store()
    original, newer = make_dataset(), make_dataset(queues=("email",))
    store.save_dataset(original, "desk")
    store.save_dataset(newer, "desk", replace=True)
    (kept,) = store.list_previous_versions("desk")
    before = row_counts(store)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "_drop_old_versions", fail)  # the restore's last step
    with pytest.raises(OSError, match="disk full"):
        store.restore_previous_version("desk", kept.version_id)
    monkeypatch.undo()
    assert row_counts(store) == before
    assert_same_dataset(store.load_dataset("desk"), newer, "desk")
    assert store.list_previous_versions("desk") == [kept]


def test_a_store_file_without_the_versions_table_opens_and_keeps_versions(picco_home):
    store = Store()
    original = records_dataset()
    store.save_dataset(original, "bank")
    store.save_scenario("bank", "baseline", {"span": 12})
    # What schema version 3 wrote: no table of previous versions.
    with duckdb.connect(str(store.path)) as con:
        con.execute("DROP TABLE dataset_versions")
        con.execute("UPDATE store_meta SET value = '3' WHERE key = 'schema_version'")
    reopened = Store()
    assert_same_dataset(reopened.load_dataset("bank"), original, "bank")
    assert reopened.list_previous_versions("bank") == []
    reopened.save_dataset(make_dataset(), "bank", replace=True)
    (kept,) = reopened.list_previous_versions("bank")
    reopened.restore_previous_version("bank", kept.version_id)
    assert_same_dataset(Store().load_dataset("bank"), original, "bank")
    assert reopened.list_scenarios("bank") == ["baseline"]
