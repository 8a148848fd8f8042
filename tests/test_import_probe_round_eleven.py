"""Round-eleven probes: a combined date-time column whose clock is written as time columns write
it ("03/08/2026 0800", "2026-08-03 08h00", "08/03/2026 8:00a"), and the error of an upload none
of whose files can be read."""

from __future__ import annotations

import pytest
from import_support import at, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

# Half-hour clocks of one morning, 08:00 to 09:00, as each notation writes them.
_CLOCKS = {
    "0800": ("0800", "0830", "0900"),
    "08h00": ("08h00", "08h30", "09h00"),
    "8:00a": ("8:00a", "8:30a", "9:00a"),
}
_COUNTS = (3, 5, 7)


def _interval_export(tmp_path, dates: str, clocks: tuple[str, ...]):
    lines = ["Interval;Offered\n"] + [
        f"{dates} {clock};{count}\n" for clock, count in zip(clocks, _COUNTS, strict=True)
    ]
    return write(tmp_path, "intervals.csv", "".join(lines))


@pytest.mark.parametrize(
    ("dates", "spelling"),
    [
        ("03/08/2026", "0800"),  # day first, as the 24-hour clock says
        ("2026-08-03", "08h00"),
        ("03/08/2026", "08h00"),
        ("08/03/2026", "8:00a"),  # month first, as US 12-hour exports write it
        ("2026-08-03", "0800"),
    ],
)
def test_a_date_time_with_a_clock_written_as_a_time_column_writes_it_is_read(
    tmp_path, dates, spelling
):
    path = _interval_export(tmp_path, dates, _CLOCKS[spelling])
    dataset = import_files_detailed([path]).dataset
    assert dataset.kind == schema.KIND_INTERVALS
    assert dataset.interval_minutes == 30
    for stamp, count in zip(("08:00", "08:30", "09:00"), _COUNTS, strict=True):
        assert at(dataset, f"2026-08-03 {stamp}")[schema.VOLUME] == count
    assert dataset.intervals[schema.VOLUME].sum() == sum(_COUNTS)


def test_a_half_hour_clock_written_08h30_after_the_date_is_read(tmp_path):
    path = write(
        tmp_path, "intervals.csv", "Interval;Offered\n03/08/2026 08h30;4\n03/08/2026 09h00;6\n"
    )
    dataset = import_files_detailed([path]).dataset
    assert at(dataset, "2026-08-03 08:30")[schema.VOLUME] == 4
    assert at(dataset, "2026-08-03 09:00")[schema.VOLUME] == 6


def test_two_numbers_with_a_space_are_not_taken_for_a_date_and_clock(tmp_path):
    path = write(tmp_path, "codes.csv", "Code;Offered\n1001 2002;3\n1002 2003;5\n1003 2004;7\n")
    with pytest.raises(InputError, match="no column with dates or timestamps was found"):
        import_files_detailed([path])


_GOOD = "Interval,Offered\n2026-03-02 09:00,5\n2026-03-02 09:30,6\n"


def test_some_files_unreadable_says_the_readable_ones_were_not_stored(tmp_path):
    good = write(tmp_path, "march.csv", _GOOD)
    empty = write(tmp_path, "april.csv", "")
    with pytest.raises(InputError) as raised:
        import_files_detailed([good, empty])
    message = str(raised.value)
    assert message.startswith("1 of 2 files cannot be read; fix each one and read them again ")
    assert "(the files that can be read were not stored either)" in message
    assert "\n- april.csv: the file is empty" in message


def test_no_file_readable_does_not_speak_of_files_that_can_be_read(tmp_path):
    empty = write(tmp_path, "april.csv", "")
    bare = write(tmp_path, "may.csv", "Interval,Offered\n")
    with pytest.raises(InputError) as raised:
        import_files_detailed([empty, bare])
    message = str(raised.value)
    assert message.startswith("None of the 2 files can be read; fix each one and read them again:")
    assert "can be read were not stored" not in message
    assert "\n- april.csv: the file is empty" in message
    assert "\n- may.csv: only a header row was found" in message
