"""The store under stress: full disks, damaged or foreign files, unusable homes, shared use."""

from __future__ import annotations

import subprocess
import sys
import threading

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from test_store import assert_same_dataset, make_dataset

from data.errors import InputError
from data.schema import INTERVAL_COLUMNS, Dataset
from data.store import Store


def month_of_five_minutes(name: str = "month", queues: int = 3, seed: int = 0) -> Dataset:
    """30 days of 5-minute intervals per queue: a store file of a few megabytes."""
    slots = pd.date_range("2025-01-01", periods=30 * 288, freq="5min").astype("datetime64[ns]")
    rng = np.random.default_rng(seed)
    frames = [
        pd.DataFrame(
            {
                "interval_start": slots,
                "queue": f"queue {queue}",
                "volume": rng.poisson(5, len(slots)).astype(float),
                "answered": np.nan,
                "abandoned": np.nan,
                "aht_seconds": rng.normal(300, 20, len(slots)),
                "wait_seconds": np.nan,
                "abandon_wait_seconds": np.nan,
                "is_open": True,
                "is_missing": False,
                "satisfaction": np.nan,
            }
        )
        for queue in range(queues)
    ]
    open_hours = pd.DataFrame(
        {"queue": ["queue 0"], "weekday": [0], "minute_of_day": [0], "is_open": [True]}
    )
    return Dataset(
        name=name,
        kind="intervals",
        interval_minutes=5,
        intervals=pd.concat(frames, ignore_index=True)[INTERVAL_COLUMNS],
        open_hours=open_hours,
    )


def schema_version(path) -> str:
    with duckdb.connect(str(path)) as con:
        return con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()[
            0
        ]


# ------------------------------------------------------------------- full disk


# A child process whose files may not grow past LIMIT bytes: writes beyond fail as on a full
# disk (EFBIG instead of ENOSPC), with no root needed to mount a tiny file system.
FULL_DISK_CHILD = """
import resource, signal, sys
sys.path[:0] = [{root!r}, {tests!r}]
from test_store_durability import month_of_five_minutes
from data.errors import InputError
from data.store import Store
path, limit = sys.argv[1], int(sys.argv[2])
bigger = month_of_five_minutes(seed=1)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    store = Store(path)
    store.save_dataset(bigger, "desk", replace=True)
    print("saved")
except InputError as error:
    print("InputError:", error)
"""


def run_on_a_full_disk(path, limit: int) -> str:
    script = FULL_DISK_CHILD.format(root=str(PROJECT_ROOT), tests=str(PROJECT_ROOT / "tests"))
    child = subprocess.run(
        [sys.executable, "-c", script, str(path), str(limit)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-2000:]  # no traceback: a message
    return child.stdout.strip()


def test_a_full_disk_while_saving_says_so_and_keeps_the_stored_data(picco_home):
    store = Store()
    original = month_of_five_minutes()
    store.save_dataset(original, "desk")
    store.save_scenario("desk", "baseline", {"span": 12})
    size = store.path.stat().st_size
    said = run_on_a_full_disk(store.path, limit=size + 10_000)
    assert said.startswith(f"InputError: Picco could not write to its store {store.path}")
    assert "free some disk space, or set PICCO_HOME" in said
    assert "what was stored before is unchanged" in said
    reopened = Store()
    assert_same_dataset(reopened.load_dataset("desk"), original, "desk")
    assert reopened.list_previous_versions("desk") == []
    assert reopened.list_scenarios("desk") == ["baseline"]


def test_a_store_left_empty_by_a_full_disk_opens_once_there_is_space_again(picco_home):
    path = picco_home / "picco.duckdb"
    picco_home.mkdir()
    said = run_on_a_full_disk(path, limit=0)  # the very first start, on a full disk
    assert said.startswith(f"InputError: Picco could not write to its store {path}")
    assert path.stat().st_size == 0  # what DuckDB leaves behind
    store = Store()  # space freed: the empty file held nothing, a new store starts
    store.save_dataset(make_dataset(), "desk")
    assert_same_dataset(Store().load_dataset("desk"), make_dataset(), "desk")


# ------------------------------------------------------------------- files it cannot read


def test_a_store_from_a_newer_picco_is_refused_and_left_as_it_is(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    with duckdb.connect(str(store.path)) as con:  # what a later Picco might write
        con.execute("UPDATE store_meta SET value = '9' WHERE key = 'schema_version'")
        con.execute("ALTER TABLE datasets ADD COLUMN region VARCHAR NOT NULL DEFAULT 'north'")
    with pytest.raises(
        InputError,
        match=r"store .*picco.duckdb was written by a newer Picco \(store layout 9, this Picco "
        r"knows up to 3\): update Picco, or set PICCO_HOME",
    ):
        Store()
    assert schema_version(store.path) == "9"  # not marked as this Picco's layout


def test_a_truncated_store_gives_a_clear_message_and_is_left_untouched(picco_home):
    store = Store()
    store.save_dataset(month_of_five_minutes(), "desk")
    whole = store.path.read_bytes()
    store.path.write_bytes(whole[: len(whole) // 2])  # a copy cut short
    kept = store.path.read_bytes()
    reopened = Store()
    for call in (
        lambda: reopened.load_dataset("desk"),
        lambda: reopened.save_dataset(make_dataset(), "other"),
    ):
        with pytest.raises(InputError, match=r"store .*picco.duckdb: it is damaged .*move the"):
            call()
    assert store.path.read_bytes() == kept


def test_a_store_with_a_damaged_header_gives_a_clear_message(picco_home):
    store = Store()
    store.save_dataset(make_dataset(), "desk")
    whole = store.path.read_bytes()
    damaged = whole[:100] + bytes(byte ^ 0xFF for byte in whole[100:200]) + whole[200:]
    store.path.write_bytes(damaged)
    with pytest.raises(
        InputError,
        match=r"Cannot open the Picco store .*picco.duckdb: it is damaged or not a Picco store "
        r"\(Corrupt database file.*\); move the file aside",
    ):
        Store()
    assert store.path.read_bytes() == damaged


# ------------------------------------------------------------------- where it lives


def test_a_picco_home_that_is_a_file_gives_a_clear_message(picco_home):
    picco_home.write_text("not a folder")
    with pytest.raises(
        InputError,
        match=r"Cannot create the folder of the Picco store .*picco.duckdb \(File exists\): "
        r"set PICCO_HOME to a directory you can write to",
    ):
        Store()
    assert picco_home.read_text() == "not a folder"


def test_a_store_it_may_not_write_says_to_make_it_writable(picco_home, monkeypatch):
    Store().save_dataset(make_dataset(), "desk")
    path = picco_home / "picco.duckdb"

    def read_only(database, *args, **kwargs):  # what DuckDB raises on a file mode 0444
        raise duckdb.IOException(f'IO Error: Cannot open file "{database}": Permission denied')

    with (
        monkeypatch.context() as patched,
        pytest.raises(
            InputError,
            match=r"Picco may not write to its store .*picco.duckdb \(.*Permission denied\): make "
            r"the file and its folder writable for you, or set PICCO_HOME",
        ),
    ):
        patched.setattr(duckdb, "connect", read_only)  # root ignores file modes: simulate
        Store()
    assert Store().list_datasets()["name"].tolist() == ["desk"]
    assert path.is_file()


# ------------------------------------------------------------------- shared use


def test_browser_sessions_of_one_app_process_use_the_store_at_once(picco_home):
    """The app serves each browser tab from its own thread, all on the same store file."""
    Store().save_dataset(make_dataset(), "desk")
    failures: list[str] = []

    def session(number: int) -> None:
        for round_ in range(8):
            try:
                store = Store()
                data = make_dataset(volumes=[float(number), 1.0, 1.0, 1.0])
                store.save_dataset(data, "desk", replace=True)
                store.save_scenario("desk", f"tab {number}", {"round": round_})
                store.list_datasets()
            except Exception as error:  # noqa: BLE001 - every failure is the finding
                failures.append(f"{type(error).__name__}: {error}")

    sessions = [threading.Thread(target=session, args=(number,)) for number in range(4)]
    for thread in sessions:
        thread.start()
    for thread in sessions:
        thread.join(timeout=120)
    assert failures == []
    store = Store()
    assert sorted(store.list_scenarios("desk")) == [f"tab {number}" for number in range(4)]
    assert len(store.list_previous_versions("desk")) == 3
    assert store.list_datasets()["rows"].tolist() == [8]
