"""Round-seventeen probes: Avaya CMS split/skill intervals, percent headers, Five9 campaigns."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, contacts_per_queue, note_with, write

from data.importer import import_files_detailed

_AVAYA_HEADER = (
    "Time\tAvg Speed Ans\tAvg Aban Time\tACD Calls\tAvg ACD Time\tAvg ACW Time\tAban Calls\t"
    "Flow In\tFlow Out\tExtn Out Calls\tDequeued Calls\t% Ans Calls\tAvg Pos Staff"
)


def _avaya_split_interval(tmp_path, totals: bool = True):
    """An Avaya CMS "Split/Skill Interval" report of Monday 4 March 2024 as CMS writes it: a
    two-digit-year date in the title, 12-hour interval labels, no offered count, a Totals row."""
    lines = ["Split/Skill Interval", "Split/Skill: 2 Sales", "Date: 3/4/24", "", _AVAYA_HEADER]
    for n in range(20):
        start = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=30 * n)
        end = start + dt.timedelta(minutes=30)
        label = f"{start:%I:%M %p}-{end:%I:%M %p}".lstrip("0").replace("-0", "-")
        lines.append(f"{label}\t0:20\t0:40\t{20 + n}\t3:00\t0:30\t{n % 3}\t1\t2\t7\t0\t95.5\t6.5")
    if totals:
        lines.append("Totals\t0:20\t0:40\t590\t3:00\t0:30\t19\t20\t40\t140\t0\t95.5\t6.5")
    return import_files_detailed([write(tmp_path, "avaya.txt", "\n".join(lines) + "\n")])


@pytest.mark.parametrize("totals", [True, False], ids=["with totals", "without totals"])
def test_an_avaya_split_interval_report_counts_acd_and_abandoned_calls(tmp_path, totals):
    # 'Dequeued Calls' (all zero) had been read as the count: 0 contacts. Then '% Ans Calls'
    # (95.5 every half hour) had: 1,910 contacts. Offered is ACD Calls + Aban Calls.
    result = _avaya_split_interval(tmp_path, totals)
    columns = result.files[0].columns
    assert "volume" not in columns
    assert columns["answered"] == "ACD Calls"
    assert columns["abandoned"] == "Aban Calls"
    assert contacts_per_queue(result) == {"2 Sales": 590 + 19}
    # Talk 3:00 + after-call work 0:30.
    assert at(result.dataset, "2024-03-04 08:30")["aht_seconds"] == 210


def test_a_two_digit_year_beside_an_am_pm_clock_reads_month_first(tmp_path):
    # 3/4/24 beside "8:00 AM-8:30 AM" had been read as 3 April (day first): the AM/PM hint was
    # dropped for two-digit years, and a "Totals" label in the time column hid the clock too.
    result = _avaya_split_interval(tmp_path)
    days = result.dataset.intervals["interval_start"].dt.date.unique()
    assert days.tolist() == [dt.date(2024, 3, 4)]
    assert at(result.dataset, "2024-03-04 09:00")["answered"] == 22
    assert "because the times are written with AM/PM" in note_with(
        result.dataset, "read as month/day (%m/%d/%y)"
    )
    assert "If it is year first (2003-04-24, %y/%m/%d)" in note_with(
        result.dataset, "two-digit years"
    )


def test_a_percent_header_is_no_count(tmp_path):
    # "% Offered Calls" is a share: 'Calls' (the real count) had lost to its arrival word.
    lines = ["Interval,% Offered Calls,Calls"] + [
        f"2024-03-04 {8 + n // 2:02d}:{30 * (n % 2):02d},{50 + n}.5,{10 + n}" for n in range(16)
    ]
    result = import_files_detailed([write(tmp_path, "queue.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["volume"] == "Calls"
    assert result.contacts == sum(10 + n for n in range(16))


def test_a_five9_call_log_splits_by_skill_not_by_campaign(tmp_path):
    # One inbound campaign feeds two skills: the queue had been the campaign, one queue of 30.
    lines = ['"CALL ID","TIMESTAMP","CAMPAIGN","CALL TYPE","SKILL","HANDLE TIME","ABANDONED"']
    for n in range(30):
        arrival = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=13 * n)
        skill = "Sales" if n % 3 else "Support"
        lines.append(
            f'"{100 + n}","{arrival:%a, %d %b %Y %H:%M:%S}","Main Inbound","Inbound",'
            f'"{skill}","0:0{3 + n % 5}:00","{int(n % 7 == 0)}"'
        )
    result = import_files_detailed([write(tmp_path, "five9.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["queue"] == "SKILL"
    assert contacts_per_queue(result) == {"Sales": 20, "Support": 10}


def test_a_uccx_call_by_call_report_adds_the_work_time(tmp_path):
    # Cisco UCCX's "Work Time" (the agent's Work state after the call) had been left out: the
    # handle time was talk + hold alone, 30 s short on every answered call.
    lines = [
        "Node ID - Session ID - Sequence No.,Call Start Time,Contact Disposition,CSQ Names,"
        "Queue Time,Talk Time,Hold Time,Work Time"
    ]
    for n in range(24):
        arrival = dt.datetime(2024, 3, 4, 8) + dt.timedelta(minutes=17 * n)
        handled = n % 6 != 0
        talk = f"00:0{2 + n % 4}:00" if handled else "00:00:00"
        lines.append(
            f"1-{n}-0,{arrival:%m/%d/%Y %I:%M:%S %p},{'Handled' if handled else 'Abandoned'},"
            f"CSQ_{'Sales' if n % 2 else 'Billing'},00:00:20,{talk},00:00:10,"
            f"{'00:00:30' if handled else '00:00:00'}"
        )
    result = import_files_detailed([write(tmp_path, "ccdr.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["handle"] == "Talk Time + Hold Time + Work Time"
    handled = [n for n in range(24) if n % 6 != 0]
    expected = sum(60 * (2 + n % 4) + 10 + 30 for n in handled) / len(handled)
    assert result.dataset.mean_handle_seconds == pytest.approx(expected)
    assert contacts_per_queue(result) == {"CSQ_Billing": 12, "CSQ_Sales": 12}


def test_a_teams_call_queue_timeout_is_a_missed_call(tmp_path):
    # Teams writes the whole call's length on every row: "timed_out" calls had been taken as
    # answered by that duration, their wait counted in the handle time.
    lines = ["Date,Call Start Time,Call Queue Name,Call Queue Call Result,Call Duration (Seconds)"]
    for n in range(20):
        arrival = dt.datetime(2024, 3, 4, 9) + dt.timedelta(minutes=11 * n)
        result = "timed_out" if n % 5 == 0 else "agent_joined_conference"
        seconds = 180 if n % 5 == 0 else 240 + n
        lines.append(f"{arrival:%Y-%m-%d},{arrival:%Y-%m-%d %H:%M:%S},CQ Help,{result},{seconds}")
    result = import_files_detailed([write(tmp_path, "teams.csv", "\n".join(lines) + "\n")])
    dataset = result.dataset
    assert (dataset.answered, dataset.abandoned) == (16, 4)
    served = [240 + n for n in range(20) if n % 5]
    assert dataset.mean_handle_seconds == pytest.approx(sum(served) / 16)
    assert "timed_out -> abandoned (4)" in note_with(dataset, "outcome 'Call Queue Call Result':")
