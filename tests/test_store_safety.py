"""The store's promises under the ways the app and its users touch the file: browser sessions
in threads saving and reading at once, a store file replaced by a backup or removed between
calls, and a process killed right after a save losing nothing it saved."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import duckdb
from conftest import PROJECT_ROOT
from test_store import assert_same_dataset, make_dataset

from data.store import Store


def test_a_replaced_store_file_is_read_afresh_not_through_the_old_connection(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    backup = Store(picco_home / "backup" / "picco.duckdb")
    backup.save_dataset(make_dataset(volumes=[7.0, 7.0, 7.0, 7.0]), "restored desk")
    assert store.list_datasets()["name"].tolist() == ["desk"]
    os.replace(backup.path, store.path)  # a backup copied over the store
    assert store.list_datasets()["name"].tolist() == ["restored desk"]
    volumes = store.load_dataset("restored desk").intervals["volume"].tolist()
    assert volumes == [7.0] * 4 + [8.0] * 4  # phone, then chat at one more


def test_a_store_file_removed_between_calls_takes_the_next_save(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    assert store.list_datasets()["name"].tolist() == ["desk"]
    store.path.unlink()  # the user cleared the store folder
    fresh = Store()  # as the app opens it again when the file is gone
    fresh.save_dataset(make_dataset(volumes=[3.0, 3.0, 3.0, 3.0]), "new desk")
    assert store.path.is_file()
    assert store.list_datasets()["name"].tolist() == ["new desk"]
    with duckdb.connect(str(store.path)) as con:  # in the file itself, not a stale instance
        assert con.execute("SELECT name, contacts FROM datasets").fetchall() == [
            ("new desk", 28.0)  # phone 4 x 3, chat 4 x 4
        ]


def test_two_sessions_save_and_read_at_once(picco_home):
    """The app serves each browser tab from a thread of its own, on one store file."""
    Store().save_dataset(make_dataset(), "desk")
    failures: list[str] = []
    seen: list[int] = []
    saving_done = threading.Event()

    def saving() -> None:
        store = Store()
        try:
            for number in range(30):
                store.save_scenario("desk", f"scenario {number}", {"number": number})
        except Exception as error:  # noqa: BLE001 - every failure is the finding
            failures.append(f"saving: {type(error).__name__}: {error}")
        finally:
            saving_done.set()

    def reading() -> None:
        store = Store()
        try:
            while not saving_done.is_set():
                names = store.list_scenarios("desk")
                # Every scenario listed reads back whole: no half-saved one is ever seen.
                for name in names[-2:]:
                    number = store.load_scenario("desk", name)["number"]
                    assert name == f"scenario {number}"
                seen.append(len(names))
        except Exception as error:  # noqa: BLE001
            failures.append(f"reading: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=saving), threading.Thread(target=reading)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert seen == sorted(seen)  # each read sees every save committed before it
    assert Store().list_scenarios("desk") == [f"scenario {number}" for number in range(30)]


def test_a_process_killed_right_after_a_save_loses_nothing(picco_home):
    picco_home.mkdir()
    script = (
        "import sys, time\n"
        f"sys.path[:0] = [{str(PROJECT_ROOT)!r}, {str(PROJECT_ROOT / 'tests')!r}]\n"
        "from data.store import Store\n"
        "from test_store import make_dataset\n"
        "store = Store()\n"
        "store.save_dataset(make_dataset(), 'desk')\n"
        "store.save_scenario('desk', 'baseline', {'span': 12})\n"
        "store.save_dataset(make_dataset(volumes=[9.0, 9.0, 9.0, 9.0]), 'desk', replace=True)\n"
        "store.list_datasets()\n"
        "store.save_preferences({'sl_target_pct': 85.0})\n"
        "print('saved', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PICCO_HOME": str(picco_home)},
    )
    try:
        assert child.stdout.readline().strip() == "saved"
    finally:
        child.kill()  # SIGKILL: no clean shutdown, no closing of connections
        child.wait(timeout=30)
    store = Store()
    assert_same_dataset(
        store.load_dataset("desk"), make_dataset(volumes=[9.0, 9.0, 9.0, 9.0]), "desk"
    )
    assert_same_dataset(
        store.load_previous_version("desk", store.list_previous_versions("desk")[0].version_id),
        make_dataset(),
        "desk",
    )
    assert store.list_scenarios("desk") == ["baseline"]
    assert store.load_preferences() == {"sl_target_pct": 85.0}
