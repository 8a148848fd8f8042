"""A queue whose rows change interval length over time (an ACD keeping 15-minute detail for
recent months and half hours before) is summed to its coarsest interval, with a note; a
15-minute export with missing rows stays 15 minutes. And unreadable ISO dates are shown as
the file writes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import ImportOptions, import_files, import_files_detailed

JANUARY = dt.date(2024, 1, 1)
MARCH = dt.date(2024, 3, 1)


def export(
    first: dt.date,
    last: dt.date,
    step_of: callable,
    opens: int = 8 * 60,
    closes: int = 18 * 60,
    skip: set[str] = frozenset(),
    queue: str = "Sales",
) -> list[str]:
    """Rows of `queue` from `opens` to `closes` every day, `step_of(day)` minutes apart, with 2
    contacts per quarter hour (4 in a half-hour row, 8 in an hourly one); `skip`: stamps left
    out."""
    lines = []
    day = first
    while day <= last:
        step = step_of(day)
        for minute in range(opens, closes, step):
            stamp = f"{day} {minute // 60:02d}:{minute % 60:02d}"
            if stamp not in skip:
                lines.append(f"{stamp},{queue},{2 * step // 15}")
        day += dt.timedelta(days=1)
    return lines


def csv(lines: list[str]) -> str:
    return "\n".join(["Interval Start,Queue,Offered", *lines]) + "\n"


def half_hours_then_quarters(**options) -> list[str]:
    """Sales every 30 minutes in January and February 2024, every 15 from March to April."""
    return export(JANUARY, dt.date(2024, 4, 30), lambda d: 30 if d < MARCH else 15, **options)


def volumes(dataset: schema.Dataset, day: str) -> list[float]:
    frame = dataset.intervals
    on_day = frame[frame[schema.INTERVAL_START].dt.strftime("%Y-%m-%d") == day]
    return on_day[on_day[schema.IS_OPEN]][schema.VOLUME].tolist()


def test_half_hours_then_quarter_hours_are_summed_to_half_hours_with_a_note(tmp_path):
    path = write(tmp_path, "sales.csv", csv(half_hours_then_quarters()))
    dataset = import_files([path])
    assert dataset.interval_minutes == 30
    # Every open half hour holds 4 contacts, before and after the switch: no saw-tooth.
    assert volumes(dataset, "2024-02-29") == [4.0] * 20
    assert volumes(dataset, "2024-03-01") == [4.0] * 20
    assert at(dataset, "2024-02-29 09:00").volume == 4
    assert at(dataset, "2024-03-01 09:00").volume == 4  # 09:00 + 09:15
    assert not dataset.intervals[schema.IS_MISSING].any()
    assert dataset.intervals[schema.VOLUME].sum() == 121 * 20 * 4
    note = note_with(dataset, "rows every")
    assert (
        "'Sales': rows every 30 minutes until 2024-02-29 and every 15 minutes after; all were "
        "summed to 30 minutes." in note
    )


def test_a_missing_quarter_hour_leaves_its_half_hour_missing_not_halved(tmp_path):
    lines = half_hours_then_quarters(skip={"2024-03-05 10:15"})
    dataset = import_files([write(tmp_path, "sales.csv", csv(lines))])
    missing = at(dataset, "2024-03-05 10:00")
    assert missing.is_missing and np.isnan(missing.volume)
    assert at(dataset, "2024-03-05 10:30").volume == 4


def test_hourly_months_before_quarter_hours_are_summed_to_hours(tmp_path):
    lines = export(JANUARY, dt.date(2024, 3, 31), lambda d: 60 if d < MARCH else 15)
    dataset = import_files([write(tmp_path, "sales.csv", csv(lines))])
    assert dataset.interval_minutes == 60
    assert volumes(dataset, "2024-02-29") == [8.0] * 10
    assert volumes(dataset, "2024-03-01") == [8.0] * 10
    assert "rows every 60 minutes until 2024-02-29 and every 15 minutes after" in note_with(
        dataset, "rows every"
    )


def test_a_few_weeks_of_quarter_hours_after_long_half_hours_are_summed_too(tmp_path):
    # The half hours are the more common step here: the file reads as 30 minutes.
    lines = export(JANUARY, dt.date(2024, 4, 30), lambda d: 30 if d < dt.date(2024, 4, 10) else 15)
    result = import_files_detailed([write(tmp_path, "sales.csv", csv(lines))])
    dataset = result.dataset
    assert dataset.interval_minutes == 30
    assert volumes(dataset, "2024-04-12") == [4.0] * 20
    assert "every 30 minutes until 2024-04-09 and every 15 minutes after" in note_with(
        dataset, "rows every"
    )
    assert not any("not on the 30-minute grid" in note for note in dataset.notes)


def test_other_queues_keep_their_own_interval(tmp_path):
    lines = half_hours_then_quarters() + export(
        JANUARY, dt.date(2024, 4, 30), lambda d: 15, queue="Support"
    )
    dataset = import_files([write(tmp_path, "mixed.csv", csv(lines))])
    assert dataset.interval_minutes == 30
    assert at(dataset, "2024-01-10 09:00", "Support").volume == 4  # two quarter hours
    assert at(dataset, "2024-01-10 09:00", "Sales").volume == 4
    assert not any("not on the 30-minute grid" in note for note in dataset.notes)
    assert "'Support'" not in note_with(dataset, "rows every")


def test_a_finer_interval_than_the_older_rows_allow_is_refused(tmp_path):
    path = write(tmp_path, "sales.csv", csv(half_hours_then_quarters()))
    with pytest.raises(InputError) as refused:
        import_files([path], ImportOptions(interval_minutes=15))
    message = str(refused.value)
    assert "queue 'Sales', rows from 2024-01-01 to 2024-02-29" in message
    assert "30-minute intervals" in message and "Choose 30 minutes" in message


# --- What must not change -----------------------------------------------------------------------


def test_a_quarter_hour_export_with_scattered_missing_rows_stays_quarter_hours(tmp_path):
    gaps = {f"2024-01-{day:02d} {hour:02d}:{minute:02d}" for day, hour, minute in
            [(3, 9, 15), (9, 11, 45), (17, 14, 15), (22, 8, 45), (30, 16, 15)]}  # fmt: skip
    lines = export(JANUARY, dt.date(2024, 2, 29), lambda d: 15, skip=gaps)
    result = import_files_detailed([write(tmp_path, "quarters.csv", csv(lines))])
    dataset = result.dataset
    assert dataset.interval_minutes == 15
    assert at(dataset, "2024-01-03 09:00").volume == 2
    assert at(dataset, "2024-01-03 09:15").is_missing
    assert int(dataset.intervals[schema.IS_MISSING].sum()) == len(gaps)
    assert not any("rows every" in note for note in dataset.notes)


def test_a_queue_closing_at_a_quarter_past_stays_quarter_hours(tmp_path):
    lines = export(JANUARY, dt.date(2024, 2, 29), lambda d: 15, closes=18 * 60 + 15)
    result = import_files_detailed([write(tmp_path, "quarters.csv", csv(lines))])
    dataset = result.dataset
    assert dataset.interval_minutes == 15
    assert at(dataset, "2024-01-10 18:00").volume == 2
    assert not at(dataset, "2024-01-10 18:15").is_open
    assert not dataset.intervals[schema.IS_MISSING].any()


def test_a_quiet_quarter_hour_export_without_empty_rows_stays_quarter_hours(tmp_path):
    # Contacts in a few quarter hours a day, empty ones left out: days fall on :00 and :30 by
    # chance, never for weeks at a half-hour step.
    rng = np.random.default_rng(5)
    lines = []
    for offset in range(60):
        day = JANUARY + dt.timedelta(days=offset)
        for minute in sorted(rng.choice(np.arange(8 * 60, 18 * 60, 15), 3, replace=False)):
            lines.append(f"{day} {minute // 60:02d}:{minute % 60:02d},Sales,1")
    result = import_files_detailed([write(tmp_path, "quiet.csv", csv(lines))])
    assert result.dataset.interval_minutes == 15


# --- Unreadable ISO dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Date,Time,Offered\n2024-03-04,08:00,5\n2024-03-04,08:30,6\nn/a,09:00,7\n",
        "Interval Start,Offered\n2024-03-04 08:00,5\n2024-03-04 08:30,6\nn/a,7\n",
    ],
)
def test_an_unreadable_iso_date_is_shown_as_written(tmp_path, text):
    with pytest.raises(InputError, match=r"line 4: 'n/a'"):
        import_files([write(tmp_path, "dates.csv", text)])
