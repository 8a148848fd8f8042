"""Acceptance on real exports in ../shared/data; every expected figure is computed here from the
raw file with the csv module, independently of the importer."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data import schema
from data.importer import ImportOptions, import_files, import_files_detailed


def read_rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


# --- Anonymous Bank, per-call log, February 1999 ------------------------------------------------


@pytest.fixture(scope="module")
def bank_calls(shared_data) -> list[dict[str, str]]:
    return read_rows(shared_data / "anonymous_bank" / "february_1999.txt", "\t")


@pytest.fixture(scope="module")
def bank_dataset(shared_data) -> schema.Dataset:
    return import_files([shared_data / "anonymous_bank" / "february_1999.txt"])


def arrival(row: dict[str, str]) -> dt.datetime:
    day = dt.datetime.strptime(row["date"], "%y%m%d")
    hours, minutes, seconds = (int(part) for part in row["vru_entry"].split(":"))
    return day + dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def test_bank_log_is_read_as_records_with_every_call(bank_calls, bank_dataset):
    outcomes = Counter(row["outcome"] for row in bank_calls)
    assert len(bank_calls) == 33_344  # the README's figures, re-counted from the raw file
    assert outcomes == {"AGENT": 27_162, "HANG": 5_904, "PHANTOM": 278}
    assert bank_dataset.kind == schema.KIND_RECORDS
    assert bank_dataset.interval_minutes == 15
    assert bank_dataset.queues == ["all"]  # the file name says when, not which queue
    assert bank_dataset.intervals[schema.VOLUME].sum() == len(bank_calls)  # PHANTOM counts
    assert bank_dataset.answered == outcomes["AGENT"]
    assert bank_dataset.abandoned == outcomes["HANG"]


def test_bank_log_per_interval_counts_and_times_match_the_raw_calls(bank_calls, bank_dataset):
    volume: Counter = Counter()
    answered: Counter = Counter()
    talk = defaultdict(list)
    wait = defaultdict(list)
    held_on = defaultdict(list)  # abandoned callers' time in queue
    for row in bank_calls:
        moment = arrival(row)
        slot = moment.replace(minute=moment.minute // 15 * 15, second=0)
        volume[slot] += 1
        if row["outcome"] == "AGENT":
            answered[slot] += 1
            talk[slot].append(int(row["ser_time"]))
            wait[slot].append(int(row["q_time"]))
        if row["outcome"] == "HANG":
            held_on[slot].append(int(row["q_time"]))
    frame = bank_dataset.intervals.set_index(schema.INTERVAL_START)
    assert frame.index[0] == pd.Timestamp("1999-02-01 00:00")
    assert frame.index[-1] == pd.Timestamp("1999-02-28 23:45")
    assert len(frame) == 28 * 96
    slots = sorted(volume)
    assert frame[schema.VOLUME].sum() == sum(volume.values())
    np.testing.assert_array_equal(frame.loc[slots, schema.VOLUME], [volume[s] for s in slots])
    np.testing.assert_array_equal(frame.loc[slots, schema.ANSWERED], [answered[s] for s in slots])
    served = sorted(talk)
    np.testing.assert_allclose(
        frame.loc[served, schema.AHT_SECONDS], [np.mean(talk[s]) for s in served]
    )
    np.testing.assert_allclose(
        frame.loc[served, schema.WAIT_SECONDS], [np.mean(wait[s]) for s in served]
    )
    hung_up = sorted(held_on)
    np.testing.assert_allclose(
        frame.loc[hung_up, schema.ABANDON_WAIT_SECONDS], [np.mean(held_on[s]) for s in hung_up]
    )
    every_talk = [value for values in talk.values() for value in values]
    assert bank_dataset.mean_handle_seconds == pytest.approx(np.mean(every_talk))
    assert bank_dataset.mean_handle_seconds == pytest.approx(176, abs=1)  # README: mean ≈ 176 s


def test_bank_log_customer_ids_are_not_needed_and_not_mangled(bank_calls, shared_data):
    result = import_files_detailed([shared_data / "anonymous_bank" / "february_1999.txt"])
    assert "customer_id" not in result.files[0].columns.values()
    assert result.rows == len(bank_calls)
    assert result.first_interval == pd.Timestamp("1999-02-01 00:00")


# --- Anonymous Bank, 6-minute counts, whole 1999 -----------------------------------------------


@pytest.fixture(scope="module")
def bank_counts_path(shared_data) -> Path:
    return shared_data / "anonymous_bank" / "anonymous_bank_1999_6min_counts.csv"


def test_bank_six_minute_counts_keep_totals_labels_and_halves(bank_counts_path):
    rows = read_rows(bank_counts_path, ",")
    total = sum(float(row["calls"]) for row in rows)
    halves = sum(not float(row["calls"]).is_integer() for row in rows)
    result = import_files_detailed([bank_counts_path])
    dataset = result.dataset
    assert dataset.kind == schema.KIND_INTERVALS and dataset.interval_minutes == 6
    assert result.rows == len(rows) == 87_600
    frame = dataset.intervals
    assert frame[schema.VOLUME].sum() == pytest.approx(total)
    assert (frame[schema.VOLUME] % 1 != 0).sum() == halves == 91  # README: 91 x.5 values
    # The file's own labels are kept: row i is the slot starting at its interval_start.
    labels = pd.to_datetime([row["interval_start"] for row in rows])
    assert (frame[schema.INTERVAL_START].to_numpy() == labels.to_numpy()).all()
    np.testing.assert_array_equal(frame[schema.VOLUME], [float(row["calls"]) for row in rows])
    assert not frame[schema.IS_MISSING].any()


def test_february_counts_equal_the_call_log_phantoms_included(bank_counts_path, bank_calls):
    rows = read_rows(bank_counts_path, ",")
    february = sum(float(row["calls"]) for row in rows if row["interval_start"][:7] == "1999-02")
    assert february == len(bank_calls)  # so PHANTOM records belong in the arrival counts


def test_six_minute_counts_can_be_read_as_half_hours(bank_counts_path):
    dataset = import_files([bank_counts_path], ImportOptions(interval_minutes=30))
    rows = read_rows(bank_counts_path, ",")
    first_half_hour = sum(float(row["calls"]) for row in rows[:5])
    assert dataset.interval_minutes == 30
    assert dataset.intervals[schema.VOLUME].iloc[0] == first_half_hour
    assert len(dataset.intervals) == 365 * 48


# --- AXA: 28 half-hour series imported together ------------------------------------------------


@pytest.fixture(scope="module")
def axa_files(shared_data) -> list[Path]:
    files = sorted((shared_data / "axa" / "series").glob("*.csv"))
    assert len(files) == 28
    return files


@pytest.fixture(scope="module")
def axa_result(axa_files):
    return import_files_detailed(axa_files)


def raw_axa(path: Path) -> tuple[list[str], list[int]]:
    rows = read_rows(path, ";")
    return [row["DATE"] for row in rows], [int(row["CSPL_RECEIVED_CALLS"]) for row in rows]


def test_axa_series_form_one_multi_queue_dataset(axa_files, axa_result):
    dataset = axa_result.dataset
    assert dataset.kind == schema.KIND_INTERVALS and dataset.interval_minutes == 30
    assert dataset.queues == sorted(path.stem for path in axa_files)
    assert "Tech. Axa" in dataset.queues and "Téléphonie" in dataset.queues
    assert all(report.interval_minutes == 30 for report in axa_result.files)
    frame = dataset.intervals
    assert (frame[schema.VOLUME].isna() == frame[schema.IS_MISSING]).all()
    assert not (frame[schema.IS_MISSING] & ~frame[schema.IS_OPEN]).any()
    assert len(dataset.open_hours) == 28 * 7 * 48
    assert list(frame.columns) == schema.INTERVAL_COLUMNS
    assert frame.equals(frame.sort_values([schema.QUEUE, schema.INTERVAL_START]))


def test_axa_totals_rows_and_date_ranges_per_queue(axa_files, axa_result):
    frame = axa_result.dataset.intervals
    by_queue = dict(tuple(frame.groupby(schema.QUEUE, sort=False)))
    for path, report in zip(axa_files, axa_result.files, strict=True):
        stamps, calls = raw_axa(path)
        queue = by_queue[path.stem]
        assert report.rows == len(stamps), path.name
        assert queue[schema.VOLUME].sum() == sum(calls), path.name
        first, last = min(stamps), max(stamps)
        assert queue[schema.INTERVAL_START].iloc[0] == pd.Timestamp(first[:10]), path.name
        assert queue[schema.INTERVAL_START].iloc[-1] == pd.Timestamp(last[:10] + " 23:30")
        days = (pd.Timestamp(last[:10]) - pd.Timestamp(first[:10])).days + 1
        assert len(queue) == days * 48, path.name
        # Every exported row is an interval with data; absent slots are missing only if open.
        has_row = queue[schema.INTERVAL_START].isin(pd.to_datetime(stamps))
        assert has_row.sum() == len(stamps), path.name
        assert (queue.loc[~has_row & queue[schema.IS_OPEN], schema.IS_MISSING]).all()
        assert not queue.loc[has_row, schema.IS_MISSING].any()


def test_axa_spring_clock_change_is_missing_not_zero(axa_result, shared_data):
    stamps, _ = raw_axa(shared_data / "axa" / "series" / "Tech. Axa.csv")
    absent = {"2011-03-27 01:30:00.000", "2011-03-27 02:00:00.000", "2011-03-27 02:30:00.000"}
    assert not absent & set(stamps)  # the README's DST gap, confirmed in the raw file
    frame = axa_result.dataset.intervals
    tech = frame[frame[schema.QUEUE] == "Tech. Axa"].set_index(schema.INTERVAL_START)
    gap = pd.to_datetime(sorted(absent))
    assert tech.loc[gap, schema.IS_MISSING].all()
    assert tech.loc[gap, schema.VOLUME].isna().all()
