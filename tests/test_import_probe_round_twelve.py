"""Round-twelve probes: a sparse queue's open hours, interval rows without counts at the end of
a file, footer lines in an Asterisk CDR and odd lines at the head of a Master.csv."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
from import_support import note_with, write

import forecasting
from data import schema
from data.importer import import_files, import_files_detailed
from data.open_hours import learn_open_slots

# Open hours


def _sparse_weeks(weeks: int, per_day: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(days x 48 half hours) from a Monday: Poisson `per_day` contacts a weekday spread over
    08:00-18:00, a row of 0 in every other slot."""
    rng = np.random.default_rng(seed)
    weekdays = np.arange(weeks * 7) % 7
    open_slots = (np.arange(48) >= 16) & (np.arange(48) < 36)
    rate = np.where((weekdays < 5)[:, None] & open_slots, per_day / 20, 0.0)
    return rng.poisson(rate).astype(float), weekdays


def test_a_sparse_queue_keeps_its_business_hours_while_a_busy_queues_strays_stay_closed():
    volume, weekdays = _sparse_weeks(12, 3.0, seed=5)
    hit_days = (volume > 0).reshape(12, 7, 48).sum(axis=0)
    assert (hit_days[:5, 16:36] <= 1).sum() >= 40  # most open slots hit on a day or none
    learned = learn_open_slots(volume, weekdays, 30)
    assert not learned[5:].any() and not learned[:, :15].any() and not learned[:, 37:].any()
    for weekday in range(5):
        opened = np.flatnonzero(learned[weekday])
        assert opened.tolist() == list(range(opened[0], opened[-1] + 1))  # no hole
        assert opened[0] <= 17 and opened[-1] >= 34  # 08:30 or earlier to 17:00 or later

    # A busy queue over the same weeks: its stray late calls still close their slots.
    rng = np.random.default_rng(6)
    busy = rng.poisson(np.where((weekdays < 5)[:, None] & (np.arange(48) >= 16)
                                & (np.arange(48) < 36), 4.0, 0.0)).astype(float)  # fmt: skip
    busy[1, 42] = 1  # Tuesday 21:00 once ...
    busy[8, 43] = 1  # ... and 21:30 the next Tuesday
    busy[13, 6] = 2  # a Sunday 03:00
    learned = learn_open_slots(busy, weekdays, 30)
    expected = np.zeros((7, 48), dtype=bool)
    expected[:5, 16:36] = True
    np.testing.assert_array_equal(learned, expected)


def test_a_sparse_queue_of_records_is_forecast_over_its_business_hours(tmp_path):
    # Had kept 108 of 200 weekly open slots and forecast 216 intervals, 24.4 contacts in two
    # weeks, for a queue of ~17 calls a week.
    rng = np.random.default_rng(0)
    stamps = [
        dt.datetime(2024, 3, 4) + dt.timedelta(days=day, seconds=int(second))
        for day in range(84)
        if day % 7 < 5
        for second in rng.integers(8 * 3600, 18 * 3600, rng.poisson(3))
    ]
    text = "arrival\n" + "\n".join(f"{stamp:%Y-%m-%d %H:%M:%S}" for stamp in sorted(stamps))
    dataset = import_files([write(tmp_path, "sparse.csv", text + "\n")])
    assert len(stamps) == 202
    assert note_with(dataset, "Open hours of 'sparse'") == (
        "Open hours of 'sparse': 200 of 672 weekly 15-minute slots are open."
    )
    forecast = forecasting.forecast_dataset(dataset, 14).forecast
    assert forecast[schema.IS_OPEN].sum() == 400
    assert 28 <= forecast["forecast"].sum() <= 36  # 202 calls in 12 weeks: ~34 in two


# Interval rows without counts at the end of a file


def _calls_with_empty_tail(tmp_path, empty_from: dt.datetime):
    """Half hours 08:00-18:00 from Mon 5 Feb 2024 to Fri 22 Mar 2024, each day's rows written,
    the counts left empty from `empty_from` on."""
    rows = []
    for day in range(47):
        for slot in range(20):
            stamp = dt.datetime(2024, 2, 5, 8) + dt.timedelta(days=day, minutes=30 * slot)
            count = "" if stamp >= empty_from else str(4 + slot % 3)
            rows.append(f"{stamp:%Y-%m-%d %H:%M},{count}")
    return import_files([write(tmp_path, "calls.csv", "interval,volume\n" + "\n".join(rows))])


def test_rows_without_counts_at_the_end_of_a_file_are_named_by_their_dates(tmp_path):
    dataset = _calls_with_empty_tail(tmp_path, dt.datetime(2024, 3, 2))
    assert note_with(dataset, "empty count(s)") == (
        "calls.csv: 420 empty count(s) in 'volume' read as missing."
    )
    assert note_with(dataset, "have no counts") == (
        "calls.csv: the rows from Sat 2 Mar 2024 to Fri 22 Mar 2024 have no counts: the history "
        "ends on Fri 1 Mar 2024 17:30, its last count, and the forecast starts after it. If "
        "those days are past, export their counts."
    )
    assert dataset.intervals[schema.INTERVAL_START].max() == np.datetime64("2024-03-01T23:30")

    # Only the last day's afternoon without counts: no note.
    dataset = _calls_with_empty_tail(tmp_path, dt.datetime(2024, 3, 22, 12))
    assert note_with(dataset, "empty count(s)") == (
        "calls.csv: 12 empty count(s) in 'volume' read as missing."
    )
    assert not any("have no counts" in note for note in dataset.notes)


# Asterisk CDR

_HEADER = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
    "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
    "did", "recordingfile", "cnum", "cnam",
]  # fmt: skip


def _queue_calls(count: int) -> list[tuple[str, str, str, int, str, str]]:
    """(calldate, src, dstchannel, billsec, disposition, uniqueid) of inbound queue-400 calls
    every 10 minutes from Mon 2 Mar 2026 09:00, every third one unanswered."""
    calls = []
    for n in range(count):
        stamp = dt.datetime(2026, 3, 2, 9) + dt.timedelta(minutes=10 * n)
        answered = n % 3 != 2
        calls.append((f"{stamp:%Y-%m-%d %H:%M:%S}", f"33300{n:05d}",
                      f"SIP/2{n % 10:02d}-{n}" if answered else "", 60 + n if answered else 0,
                      "ANSWERED" if answered else "NO ANSWER", f"1772442000.{n}"))  # fmt: skip
    return calls


def test_footer_rows_of_a_cdr_are_no_calls(tmp_path):
    # 'Total,13' and 'Exported 2026-03-02,by admin' had been counted as two inbound calls with
    # no queue.
    path = tmp_path / "cdr.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_HEADER)
        for stamp, src, agent, bill, disp, uid in _queue_calls(12):
            writer.writerow([stamp, src, src, "400", "ext-queues", f"SIP/trunk-{uid}", agent,
                             "Queue", "400,t", bill + 5, bill, disp, 3, "", uid, "", "", "",
                             src, ""])  # fmt: skip
        writer.writerow(["Total", "13"])
        writer.writerow(["Exported 2026-03-02", "by admin"])
    result = import_files_detailed([path])
    data = result.dataset
    assert result.contacts == 12
    assert (data.answered, data.abandoned) == (8, 4)
    assert set(data.intervals[schema.QUEUE]) == {"400"}
    assert note_with(data, "without a call start") == (
        "cdr.csv: 2 row(s) without a call start (e.g. line 14: 'Total,13') left out."
    )
    assert "its 12 rows are 12 call(s)" in note_with(data, "read as an Asterisk")


def test_a_master_csv_with_an_odd_line_among_its_first_is_still_recognised(tmp_path):
    lines = []
    for stamp, src, agent, bill, disp, uid in _queue_calls(30):
        fields = ["", src, "400", "ext-queues", f'""{src}"" <{src}>', f"SIP/trunk-{uid}", agent,
                  "Queue", "400,,,,300", stamp, stamp if agent else "", stamp]  # fmt: skip
        quoted = ",".join(f'"{field}"' for field in fields)
        lines.append(f'{quoted},{bill + 5},{bill},"{disp}","DOCUMENTATION","{uid}",""')
    lines.insert(3, "rotated,2026-03-02")  # one short line among the sampled ones
    result = import_files_detailed([write(tmp_path, "Master.csv", "\n".join(lines) + "\n")])
    data = result.dataset
    assert result.contacts == 30
    assert (data.answered, data.abandoned) == (20, 10)
    assert "Master.csv has no header row; its 18 fields a line are those of the Asterisk" in (
        note_with(data, "no header row")
    )
    assert note_with(data, "fewer than 16 fields") == (
        "Master.csv: 1 line(s) of fewer than 16 fields, no Master.csv row (e.g. line 4: "
        "'rotated,2026-03-02') left out."
    )
