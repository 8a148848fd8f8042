"""Round twenty-three of probing the CLI as a planner scripting it would: a change's first day
written day first with a time after it, a two-digit year read every way a manager may mean it,
the holiday calendar hint naming the country in words, an --out that fails while it is written,
and a service-level target written whole ("80/20") given as an option of its own."""

from __future__ import annotations

import pytest

from cli_commands.options import day_first_date
from data.errors import InputError

# 1. `plan --change-from "13.02.24 08:00"`, a day-first date with a time after it, slipped past
# the day-first checks (they took a date alone) to pandas, which read it as Tue 13 Feb 2024 with
# no word, where "13.02.24" alone is refused as 13 Feb 2024 or 24 Feb 2013; "03/02/2026 08:00"
# was read month first, Mon 2 Mar 2026, where "03/02/2026" is refused as 3 Feb or 2 Mar.


def test_a_day_first_change_date_with_a_time_is_refused_as_the_date_alone_is():
    with pytest.raises(InputError) as refused:
        day_first_date("13.02.24 08:00", "--change-from")
    assert str(refused.value) == (
        "--change-from '13.02.24 08:00' could be day/month/year, Tue 13 Feb 2024, or "
        "year/month/day, Sun 24 Feb 2013: write the year in four digits, 2024-02-13 or 2013-02-24"
    )
    with pytest.raises(InputError, match="could be day/month or month/day"):
        day_first_date("03/02/2026 08:00", "--change-from")


def test_a_day_first_change_date_with_a_time_that_reads_one_way_is_read_with_its_note():
    assert day_first_date("17/02/2026 14:00", "--change-to") == (
        "2026-02-17",
        "--change-to 17/02/2026 14:00 is read as day/month, Tue 17 Feb 2026 (17 cannot be a "
        "month); write it year-month-day (2026-02-17) to leave no doubt",
    )
