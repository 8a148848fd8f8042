"""Round-twenty-eight probes: NICE IEX WFM's pipe-delimited exports with eight-digit dates
("03042024"), clock times written as six digits ("083000"), and NICE CXone's Call Detail data
download, whose "Agent_No" and "Logged" columns made it look like agent statistics, and the French
"DMC" (the talk time of a DMT)."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import at, contacts_per_queue, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed

MONDAY = dt.datetime(2024, 3, 4, 8)


def _slots(days: int = 10, count: int = 16) -> list[dt.datetime]:
    """`count` half hours from 08:00 on `days` days from Monday 4 March 2024."""
    return [MONDAY + dt.timedelta(days=day, minutes=30 * slot)
            for day in range(days) for slot in range(count)]  # fmt: skip


def _calls(t: dt.datetime) -> int:
    return 10 + t.hour % 4 + t.day % 3


def _first_and_last_counted(frame) -> tuple[dt.datetime, dt.datetime]:
    """The first and last intervals holding contacts (the dataset spans whole days)."""
    counted = frame.loc[frame[schema.VOLUME] > 0, schema.INTERVAL_START]
    return counted.min().to_pydatetime(), counted.max().to_pydatetime()


# --- Eight-digit dates: NICE IEX WFM export modules ---------------------------------------------
# NICE IEX WFM Integrated, "CT Queue Data Export Module" and "CT Results Export Module"
# (help.nicecxone.com): pipe-delimited, "date" formatted mmddyyyy unless the export's dateFormat
# says otherwise (ddmmyyyy is one of its choices), "period" the start time of the period, "TZ" the
# contact type's time zone.


def _iex_export(date_format: str) -> str:
    lines = ["date|period|TZ|contacts|aht"]
    lines += [f"{t:{date_format}}|{t:%H:%M}|EST|{_calls(t)}|185" for t in _slots()]
    return "\n".join(lines) + "\n"


def test_an_iex_export_with_month_first_eight_digit_dates_is_read(tmp_path):
    # Before: "03042024" fitted no date format: refused, "no column with dates or timestamps".
    path = write(tmp_path, "ctQueue_031524_0600.txt", _iex_export("%m%d%Y"))
    result = import_files_detailed([path])
    assert result.files[0].columns["date"] == "date"
    assert result.files[0].interval_minutes == 30
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 13, 15, 30))
    assert at(result.dataset, "2024-03-12 09:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 12, 9)
    )
    assert float(frame[schema.VOLUME].sum()) == sum(map(_calls, _slots()))


def test_day_first_eight_digit_dates_are_read_day_first(tmp_path):
    result = import_files_detailed([write(tmp_path, "ctq.txt", _iex_export("%d%m%Y"))])
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 13, 15, 30))


def test_eight_digit_dates_mixing_both_orders_are_refused_naming_the_lines(tmp_path):
    text = _iex_export("%m%d%Y") + "25032024|08:00|EST|5|185\n"
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, "ctq.txt", text)])
    message = str(refused.value)
    assert "mixes day/month orders" in message
    assert "'03132024' can only be month/day" in message and "'25032024'" in message


def test_guard_digits_of_another_width_are_no_eight_digit_date(tmp_path):
    # "3042024" may be 3 April or 30 April: a date column must write every date in full.
    lines = ["date|period|contacts"] + [
        f"{t.month}{t:%d%Y}|{t:%H:%M}|{_calls(t)}" for t in _slots(days=3)
    ]
    with pytest.raises(InputError, match="no column with dates"):
        import_files_detailed([write(tmp_path, "ctq.txt", "\n".join(lines) + "\n")])


# --- Clock times written as six digits ------------------------------------------------------------


def test_an_interval_report_with_six_digit_clock_times(tmp_path):
    # Before: refused, "Column 'TIME' (e.g. '080000') was not read as clock times".
    lines = ["DATE,TIME,QUEUE,OFFERED,HANDLED"]
    lines += [f"{t:%Y%m%d},{t:%H%M%S},Q1,{_calls(t)},{_calls(t) - 1}" for t in _slots(days=5)]
    result = import_files_detailed([write(tmp_path, "acd.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["time"] == "TIME"
    assert result.files[0].interval_minutes == 30
    assert at(result.dataset, "2024-03-06 15:30")[schema.VOLUME] == _calls(
        dt.datetime(2024, 3, 6, 15)
    )
    assert float(result.dataset.intervals[schema.VOLUME].sum()) == sum(map(_calls, _slots(days=5)))


def test_a_call_log_with_six_digit_clocks_missing_their_leading_zero(tmp_path):
    # A spreadsheet writes 08:05:12 as 80512: five digits before ten o'clock.
    arrivals = [MONDAY + dt.timedelta(minutes=7 * i, seconds=i) for i in range(120)]
    lines = ["CALL_DATE,CALL_TIME,QUEUE,TALK_SEC"]
    lines += [f"{t:%Y%m%d},{int(t.strftime('%H%M%S'))},Support,120" for t in arrivals]
    result = import_files_detailed([write(tmp_path, "calls.csv", "\n".join(lines) + "\n")])
    assert result.files[0].columns["time"] == "CALL_TIME"
    frame = result.dataset.intervals
    assert _first_and_last_counted(frame) == (MONDAY, dt.datetime(2024, 3, 4, 21, 45))
    # 08:00-08:15 holds the calls at 08:00:00, 08:07:01 and 08:14:02.
    assert at(result.dataset, "2024-03-04 08:00")[schema.VOLUME] == 3
    assert float(frame[schema.VOLUME].sum()) == 120


# --- NICE CXone Call Detail data download ---------------------------------------------------------
# Columns as NICE CXone's "Call Detail" data download report documents them
# (help.nicecxone.com, Reporting > Data Download Reports): Start_Date as MM/DD/YYYY, start_time
# as HH:MM:SS, InQueue and Agent_Time in seconds, Abandon Y/N.

_CXONE_HEADER = (
    "Contact_ID,Master_Contact_ID,Contact_Code,Media_Name,Contact_Name,ANI_DIALNUM,Skill_No,"
    "Skill_Name,Campaign_No,Campaign_Name,Agent_No,Agent_Name,Team_No,Team_Name,"
    "Disposition_Code,SLA,Start_Date,start_time,PreQueue,InQueue,Agent_Time,PostQueue,"
    "Total_Time,Abandon_Time,Routing_Time,abandon,callback_time,Logged,Hold_Time"
)


def _cxone_rows(count: int = 120) -> list[tuple[dt.datetime, str, bool, int, int]]:
    """(start, skill, abandoned, seconds in queue, agent seconds) of `count` calls."""
    rows = []
    for i in range(count):
        start = MONDAY + dt.timedelta(days=i % 5, minutes=11 * (i // 5), seconds=i)
        abandoned = i % 6 == 0
        rows.append((start, ["Billing", "Tech"][i % 2], abandoned, 20 + i % 40,
                     0 if abandoned else 200 + i))  # fmt: skip
    return rows


def test_a_cxone_call_detail_report_is_read_as_calls_not_agent_figures(tmp_path):
    # Before: refused, "the file holds per-agent figures ('Agent_No', 'Logged')".
    lines = [_CXONE_HEADER]
    for i, (start, skill, abandoned, queued, talk) in enumerate(_cxone_rows()):
        agent = "," if abandoned else "4107,Ann Smith"
        lines.append(
            f"{9000 + i},{9000 + i},0,Call,Caller,6125550{i:03d},{101 + (skill == 'Tech')},"
            f"{skill},1,Inbound,{agent},1,Team A,0,0,{start.month}/{start.day}/{start.year},"
            f"{start:%H:%M:%S},4,{queued},{talk},0,{queued + talk},"
            f"{queued if abandoned else 0},0,{'Y' if abandoned else 'N'},0,0,{0 if abandoned else 8}"
        )
    result = import_files_detailed([write(tmp_path, "call_detail.csv", "\n".join(lines) + "\n")])
    columns = result.files[0].columns
    assert (columns["queue"], columns["handle"]) == ("Skill_Name", "Agent_Time")
    assert columns["abandoned flag"] == "abandon"
    assert columns["wait"] == "InQueue"  # was not read: no wait, no patience
    assert contacts_per_queue(result) == {"Billing": 60.0, "Tech": 60.0}
    frame = result.dataset.intervals
    assert float(frame[schema.ABANDONED].sum()) == 20
    assert float(frame[schema.ANSWERED].sum()) == 100
    expected_wait = sum(r[3] for r in _cxone_rows() if not r[2]) / 100
    answered = frame[frame[schema.ANSWERED] > 0]
    mean_wait = (answered[schema.WAIT_SECONDS] * answered[schema.ANSWERED]).sum() / 100
    assert mean_wait == pytest.approx(expected_wait)


def test_guard_agent_statistics_with_a_logged_in_time_are_still_refused(tmp_path):
    lines = ["Interval,Agent_Name,Calls Handled,Avg Talk Time,Logged,Ready Time"]
    lines += [
        f"{t:%Y-%m-%d %H:%M},{agent},{_calls(t)},240,1800,300"
        for t in _slots(days=2)
        for agent in ("Ann Smith", "Bo Chen")
    ]
    with pytest.raises(InputError, match="per-agent figures"):
        import_files_detailed([write(tmp_path, "agents.csv", "\n".join(lines) + "\n")])


# --- French DMC -------------------------------------------------------------------------------------
# French contact centers split the DMT (durée moyenne de traitement, the AHT) into the DMC (durée
# moyenne de communication, the talk) and the after-call work (callofsuccess.com, "Tout savoir
# sur la DMT").


def _french_report(times_header: str, times: str) -> str:
    lines = [f"Date;Tranche horaire;Appels présentés;Appels décrochés;Appels perdus;{times_header}"]
    lines += [
        f"{t:%d/%m/%Y};{t:%H:%M};{_calls(t)};{_calls(t) - 1};1;{times}" for t in _slots(days=5)
    ]
    return "\n".join(lines) + "\n"


def test_a_french_dmc_is_the_talk_time(tmp_path):
    # Before: 'DMC' was read as nothing: no handle time, staffed at the 300-s stand-in.
    result = import_files_detailed(
        [write(tmp_path, "appels.csv", _french_report("DMC", "00:03:00"))]
    )
    assert result.files[0].columns["aht"] == "DMC"
    assert set(result.dataset.intervals[schema.AHT_SECONDS].dropna()) == {180.0}


def test_a_french_dmc_and_its_after_call_work_make_the_handle_time(tmp_path):
    text = _french_report("DMC;Durée moyenne de post-traitement", "00:03:00;00:00:40")
    result = import_files_detailed([write(tmp_path, "appels.csv", text)])
    assert result.files[0].columns["aht"] == "DMC + Durée moyenne de post-traitement"
    assert set(result.dataset.intervals[schema.AHT_SECONDS].dropna()) == {220.0}
