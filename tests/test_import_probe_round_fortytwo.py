"""Round-forty-two probes: a queue title above a table with its own queue column, a day total
on a day without intervals, PivotTable line numbers, and real export shapes: an Avaya CMS report
of days stacked under their dates, an Italian export's 'Totale' queue rows and dots grouping
thousands, a helpdesk's tickets without a group, a gap running to the end of a day."""

from __future__ import annotations

import pandas as pd
import pytest
from import_support import at, note_with, write

from data import schema
from data.errors import InputError
from data.importer import import_files_detailed


def _refused(tmp_path, name: str, text: str) -> str:
    """The message an import of `text`, written as `name`, is refused with."""
    with pytest.raises(InputError) as refused:
        import_files_detailed([write(tmp_path, name, text)])
    return str(refused.value)


# --- A queue title above a table with its own queue column ----------------------------------------


def _queue_titled(tmp_path, queues: tuple[str, ...], title: str = "Queue: Sales") -> object:
    """`title` above a table whose 'Queue' column holds `queues` on 2 Nov and 3 Nov."""
    lines = [title, "Date,Time,Queue,Offered"]
    counts = iter((10, 12, 9, 11))
    lines += [
        f"{day},{time},{queue},{next(counts)}"
        for day in ("2026-11-02", "2026-11-03")
        for time, queue in zip(("08:00", "08:30"), queues, strict=True)
    ]
    return import_files_detailed([write(tmp_path, "sales.csv", "\n".join(lines) + "\n")])


def _per_queue(result) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby("queue")["volume"].sum().to_dict()


def test_a_queue_title_agreeing_with_the_queue_column_is_named_as_a_title(tmp_path):
    # Before: no note named the line 'Queue: Sales'.
    result = _queue_titled(tmp_path, ("Sales", "Sales"))
    assert _per_queue(result) == {"Sales": 42.0}
    assert note_with(result.dataset, "title") == (
        "sales.csv: 1 line above the header skipped as the report's title ('Queue: Sales')."
    )
    assert not any("check that this is the report" in note for note in result.dataset.notes)


def test_a_queue_title_adding_the_queue_s_number_agrees_with_its_name(tmp_path):
    # Guard: 'Queue: P6001 Sales' names the queue the column calls 'Sales'.
    result = _queue_titled(tmp_path, ("Sales", "Sales"), title="Queue: P6001 Sales")
    assert _per_queue(result) == {"Sales": 42.0}
    assert not any("queue named above" in note for note in result.dataset.notes)


def test_a_queue_title_the_queue_column_never_holds_is_warned_about(tmp_path):
    # Before: the rows were read as 'Support' and nothing said the title named 'Sales'.
    result = _queue_titled(tmp_path, ("Support", "Support"))
    assert _per_queue(result) == {"Support": 42.0}
    assert note_with(result.dataset, "queue named above") == (
        "sales.csv: the queue named above the table (line 1: 'Queue: Sales') is not in its "
        "'Queue' column, which holds 'Support' (4 rows). Each row was given the queue in its "
        "'Queue' column; check that this is the report you meant to export."
    )


def test_a_queue_title_beside_other_queues_in_the_column_is_warned_about(tmp_path):
    result = _queue_titled(tmp_path, ("Support", "Sales"))
    assert _per_queue(result) == {"Sales": 23.0, "Support": 19.0}
    assert note_with(result.dataset, "queue named above") == (
        "sales.csv: the queue named above the table (line 1: 'Queue: Sales') is not the only one "
        "in its 'Queue' column, which also holds 'Support' (2 rows). Each row was given the queue "
        "in its 'Queue' column; check that this is the report you meant to export."
    )
    assert note_with(result.dataset, "title") == (
        "sales.csv: 1 line above the header skipped as the report's title ('Queue: Sales')."
    )


# --- A day total on a day without intervals ------------------------------------------------------


def _weekdays_with_one_day_total(tmp_path, also_total: str | None = None) -> tuple:
    """Half hours 08:00-16:00 on the weekdays of 2-13 Nov 2026, but Wed 11 Nov written as one
    row dated without a time holding the day's 250 calls (and `also_total` as one of 240)."""
    lines, expected = ["Interval,Offered"], 0
    totals = {"2026-11-11": 250, also_total: 240}
    for day in pd.bdate_range("2026-11-02", "2026-11-13"):
        if f"{day:%Y-%m-%d}" in totals:
            lines.append(f"{day:%Y-%m-%d},{totals[f'{day:%Y-%m-%d}']}")
            continue
        for stamp in pd.date_range(day + pd.Timedelta("8h"), periods=16, freq="30min"):
            count = (stamp.hour * 7 + stamp.minute) % 13 + 10
            lines.append(f"{stamp:%Y-%m-%d %H:%M},{count}")
            expected += count
    path = write(tmp_path, "weekdays.csv", "\n".join(lines) + "\n")
    return import_files_detailed([path]).dataset, expected


def test_a_day_total_on_a_day_without_intervals_is_no_midnight_interval(tmp_path):
    # Before: kept as 250 calls at Wed 11 Nov 00:00, which opened Wednesdays at midnight (and
    # made Wed 4 Nov 00:00 a missing interval).
    dataset, expected = _weekdays_with_one_day_total(tmp_path)
    intervals = dataset.intervals
    assert intervals[schema.VOLUME].sum() == expected == 2_322
    assert not intervals.loc[intervals[schema.INTERVAL_START].dt.hour < 8, schema.IS_OPEN].any()
    assert note_with(dataset, "dated without a time") == (
        "weekdays.csv: 1 row dated without a time on a day with no intervals (line 114: "
        "'2026-11-11', 250) is that day's total, which fits no interval: skipped, so the "
        "history has no intervals for Wed 11 Nov 2026 rather than 250 contacts at 00:00 (the "
        "forecast learns that day from the other weeks). Export that day interval by interval "
        "to count its contacts."
    )
    assert note_with(dataset, "no data in the export") == (
        "16 open intervals have no data in the export (Wed 11 Nov 2026 08:00-16:00): kept as "
        "missing (empty), not as zero."
    )


def test_a_date_alone_after_a_round_the_clock_export_stays_its_midnight_interval(tmp_path):
    # A queue open at midnight: the export's last line is the next day's first interval.
    stamps = pd.date_range("2026-11-02", "2026-11-12", freq="30min", inclusive="left")
    lines = ["Interval,Offered"] + [f"{t:%Y-%m-%d %H:%M},5" for t in stamps] + ["2026-11-12,4"]
    dataset = import_files_detailed([write(tmp_path, "all_day.csv", "\n".join(lines) + "\n")])
    assert at(dataset.dataset, "2026-11-12 00:00")[schema.VOLUME] == 4.0
    assert not any("dated without a time" in note for note in dataset.dataset.notes)


# --- Line numbers of a compact PivotTable with blank lines -----------------------------------------

# Excel leaves a blank line after each date's times when "Insert Blank Line after Each Item" is
# on: the line numbers below count them, as a text editor does.
SPACED_PIVOT = """Row Labels,Sum of Calls
2026-11-02,30
08:00,10
08:30,20

2026-11-03,50
08:00,15
08:30,25

Grand Total,80
"""


def test_a_compact_pivot_names_its_subtotal_by_the_file_s_line(tmp_path):
    # Before: 'line 5: 50 against 40', the line counted without the blank line above it.
    result = import_files_detailed([write(tmp_path, "pivot.csv", SPACED_PIVOT)])
    volumes = result.dataset.intervals[schema.VOLUME]
    assert volumes.sum() == 70.0
    assert note_with(result.dataset, "PivotTable") == (
        "pivot.csv: an Excel PivotTable in compact layout ('Row Labels': each date with its "
        "times beneath it) was read as one row per interval; its 2 date row(s) (subtotals; 1 "
        "differs from the sum of its times: line 6: 50 against 40) and 1 total row(s) were "
        "skipped."
    )


def test_a_compact_pivot_time_before_any_date_is_refused_naming_the_file_s_line(tmp_path):
    # Before: "('08:00', line 2)", though line 2 is blank and 08:00 stands on line 3.
    text = "Row Labels,Sum of Calls\n\n08:00,10\n2026-11-02,30\n08:00,10\n08:30,20\n"
    assert _refused(tmp_path, "pivot.csv", text) == (
        "pivot.csv: this Excel PivotTable in compact layout has a time before any date "
        "('08:00', line 3). In Excel: PivotTable Design → Report Layout → Show in Tabular "
        "Form, and Repeat All Item Labels, so that each row holds its date and time; then "
        "export again."
    )


# --- An Avaya CMS interval report of several days, each day's table under its date ---------------


def _cms_days(repeat_header: bool) -> str:
    """Three days of Split/Skill interval rows as CMS prints them, each day under its 'Date:'
    line with its 'Totals' row; the header again above each day when `repeat_header`."""
    lines = ["Split/Skill Interval Report", "Split/Skill: 12 Sales"]
    header = "Time\tACD Calls\tAban Calls\tAvg ACD Time"
    for number, day in enumerate(("11/02/26", "11/03/26", "11/04/26")):
        lines += ["", f"Date: {day}"]
        lines += [header] if repeat_header or number == 0 else []
        answered = [16 + number, 19 + number, 17 + number, 20 + number]
        lines += [
            f"{clock}\t{calls}\t2\t3:{calls:02d}"
            for clock, calls in zip(
                ("8:00 AM-8:30 AM", "8:30 AM-9:00 AM", "9:00 AM-9:30 AM", "9:30 AM-10:00 AM"),
                answered,
                strict=True,
            )
        ]
        lines.append(f"Totals\t{sum(answered)}\t8\t3:30")
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_cms_report_of_several_days_gives_each_day_its_rows(tmp_path, repeat_header):
    # Before: with the header repeated, refused, "no column with dates or timestamps was found";
    # without it, every row dated Mon 2 Nov 2026, three days summed into its four half hours
    # (66 calls at 08:30, where each day had 21 to 23).
    path = write(tmp_path, "cms.txt", _cms_days(repeat_header))
    dataset = import_files_detailed([path]).dataset
    volumes = dataset.intervals.dropna(subset=[schema.VOLUME])
    read = volumes[volumes[schema.VOLUME] > 0].set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert read.to_dict() == {
        pd.Timestamp(f"2026-11-0{day} {clock}"): float(calls + day - 2 + 2)
        for day in (2, 3, 4)
        for clock, calls in (("08:00", 16), ("08:30", 19), ("09:00", 17), ("09:30", 20))
    }
    assert read.sum() == 252.0
    last = "20" if repeat_header else "19"
    assert note_with(dataset, "stacks") == (
        "cms.txt: the table has no date column; the file stacks 3 days' tables, each under its "
        f"date (line 4: '11/02/26'; line 12: '11/03/26'; line {last}: '11/04/26'): each row was "
        "given the date above its table."
    )
    assert not any("repeat a timestamp" in note for note in dataset.notes)


def test_a_cms_day_whose_date_breaks_the_order_is_refused_naming_its_line(tmp_path):
    # Before: "no column with dates or timestamps was found", naming none of the dates.
    text = _cms_days(repeat_header=True).replace("Date: 11/04/26", "Date: 25/11/26")
    assert _refused(tmp_path, "cms.txt", text) == (
        "cms.txt: column 'Report date' seems to mix day/month orders: line 20: '25/11/26' "
        "(above the table) can only be day/month, but read that way line 4: '11/02/26' (above "
        "the table) would be 2026-02-11 and the dates jump by months, while read as month/day "
        "they run day by day. Export the dates in one order, or as year-month-day (2024-03-15), "
        "and import again."
    )


# --- An Italian semicolon export: thousands, decimal commas and a 'Totale' queue row -------------


def test_an_italian_export_names_its_totale_rows_as_it_writes_them(tmp_path):
    # Before: "20 in 'Coda': '*', 'All' or 'Total' rows", none of them the word the file writes.
    lines = ["Data;Intervallo;Coda;Offerte;Gestite;TMG"]
    for day in range(2, 7):
        for slot in range(4):
            clock = f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}"
            sales, support = 20 + slot, 1_200 + 10 * slot
            lines += [
                f"0{day}/11/2026;{clock};Vendite;{sales};{sales - 1};185,5",
                f"0{day}/11/2026;{clock};Assistenza;1.{support - 1_000:03d};{support - 3};201,0",
                f"0{day}/11/2026;{clock};Totale;1.{sales + support - 1_000:03d};0;199,2",
            ]
    path = write(tmp_path, "code.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    result = import_files_detailed([path])
    assert _per_queue(result) == {"Assistenza": 5 * 4_860.0, "Vendite": 5 * 86.0}
    assert note_with(result.dataset, "total/subtotal") == (
        "code.csv: 20 total/subtotal row(s) were skipped (20 'Totale' rows in 'Coda', each the "
        "sum of the rows beside it in its interval)."
    )
    aht = result.dataset.intervals.set_index([schema.QUEUE, schema.INTERVAL_START])
    assert aht.loc[("Vendite", pd.Timestamp("2026-11-02 08:30")), schema.AHT_SECONDS] == 185.5


# --- A gap running to the end of a day ------------------------------------------------------------


def test_a_gap_to_the_end_of_the_day_ends_at_24_00(tmp_path):
    # Before: '(Wed 4 Nov 2026 22:00-00:00)', which reads as a stretch ending before it starts.
    stamps = pd.date_range("2026-11-02", "2026-11-23", freq="30min", inclusive="left")
    kept = stamps[(stamps < "2026-11-04 22:00") | (stamps >= "2026-11-05")]
    lines = ["Interval,Offered"] + [f"{t:%Y-%m-%d %H:%M},{t.hour % 5 + 2}" for t in kept]
    result = import_files_detailed([write(tmp_path, "all_day.csv", "\n".join(lines) + "\n")])
    assert len(kept) == 21 * 48 - 4
    assert note_with(result.dataset, "no data in the export") == (
        "4 open intervals have no data in the export (Wed 4 Nov 2026 22:00-24:00): kept as "
        "missing (empty), not as zero."
    )


def test_days_stacked_under_titles_of_other_queues_are_refused(tmp_path):
    # Tuesday's table under 'Coda: Vendite' in a file titled 'Coda: Assistenza'. Before:
    # refused, "no column with dates or timestamps was found", naming neither the days nor the
    # queues; read by day alone, Tuesday's Vendite calls would have been Assistenza's.
    lines = []
    for day, queue in (("02", "Assistenza"), ("03", "Vendite"), ("04", "Assistenza")):
        lines += [f"Coda: {queue}", f"Data: {day}/11/2026", "Ora;Offerte;TMC"]
        lines += [f"{clock};{12 + n};185,5" for n, clock in enumerate(("08:00", "08:30"))]
        lines.append("")
    assert _refused(tmp_path, "code.csv", "\n".join(lines)) == (
        "code.csv: the table has no date or queue column, and the file stacks days' tables under "
        "titles naming other queues too (line 7: 'Coda: Vendite'), so the day and queue of each "
        "row cannot both be told. Export the interval report with a date and a queue column on "
        "every row (or one file per queue), and import that."
    )


# --- Dots grouping thousands in a comma-separated file --------------------------------------------


def _half_hours_of(counts: list[str], header: str = "Date,Time,Calls Offered,AHT") -> str:
    stamps = pd.date_range("2026-11-02 08:00", periods=len(counts), freq="30min")
    rows = [f"{t:%d/%m/%Y},{t:%H:%M},{count},185" for t, count in zip(stamps, counts, strict=True)]
    return "\n".join([header, *rows]) + "\n"


def test_dots_grouping_thousands_in_a_comma_separated_count_column_are_thousands(tmp_path):
    # A European export saved with commas between the fields. Before: '1.008' read as 1.008
    # calls, 1,916.27 calls in all where the file holds 5,183.
    counts = ["918", "1.008", "1.250", "995", "1.012"]
    result = import_files_detailed([write(tmp_path, "eu.csv", _half_hours_of(counts))])
    volumes = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert volumes.sum() == 918 + 1_008 + 1_250 + 995 + 1_012 == 5_183
    assert volumes[pd.Timestamp("2026-11-02 08:30")] == 1_008
    assert note_with(result.dataset, "grouping thousands") == (
        "eu.csv: 'Calls Offered' counts contacts, which are whole, and writes 3 of them with a "
        "dot (line 3: '1.008'): read as grouping thousands (1,008 contacts), as European "
        "exports write them. If they are fractions of a contact, export them with one or two "
        "decimals."
    )


def test_dots_grouping_thousands_only_late_in_the_file_are_thousands(tmp_path):
    # An Italian export whose counts pass a thousand only after the 2,000 rows the separator
    # and number style are told from. Before: its last 200 counts read as 1.000 ... 1.039
    # calls, 153,103.9 calls in all where the file holds 356,800.
    stamps = pd.date_range("2026-01-01", periods=2_400, freq="30min")
    counts = [50 + k % 40 if k < 2_200 else 1_000 + k % 40 for k in range(2_400)]
    lines = ["Data;Ora;Chiamate"] + [
        f"{t:%d/%m/%Y};{t:%H:%M};{n:,}".replace(",", ".")
        for t, n in zip(stamps, counts, strict=True)
    ]
    result = import_files_detailed([write(tmp_path, "code.csv", "\n".join(lines) + "\n")])
    volumes = result.dataset.intervals.set_index(schema.INTERVAL_START)[schema.VOLUME]
    assert volumes.sum() == sum(counts) == 356_800
    assert volumes[pd.Timestamp("2026-02-15 20:30")] == 1_001
    assert note_with(result.dataset, "grouping thousands") == (
        "code.csv: 'Chiamate' counts contacts, which are whole, and writes 200 of them with a "
        "dot (line 2203: '1.001'): read as grouping thousands (1,001 contacts), as European "
        "exports write them. If they are fractions of a contact, export them with one or two "
        "decimals."
    )


def test_whole_counts_written_with_three_decimals_stay_whole(tmp_path):
    # Guard: '12.000' is twelve written as a decimal, not twelve thousand.
    counts = ["5.000", "12.000", "7.000", "9.000"]
    result = import_files_detailed([write(tmp_path, "floats.csv", _half_hours_of(counts))])
    assert result.dataset.intervals[schema.VOLUME].sum() == 33
    assert not any("grouping thousands" in note for note in result.dataset.notes)


# --- Day totals of a queue that has only day totals -----------------------------------------------


def test_an_email_queue_of_day_totals_beside_calls_per_interval_keeps_its_days(tmp_path):
    # A week of calls per half hour beside e-mail written as one total a day: the e-mail rows
    # are that queue's days, not totals of days whose intervals are missing.
    lines = ["Interval,Queue,Offered"]
    for day in pd.bdate_range("2026-11-02", "2026-11-06"):
        lines.append(f"{day:%Y-%m-%d},Email,150")
        stamps = pd.date_range(day + pd.Timedelta("8h"), periods=16, freq="30min")
        lines += [f"{t:%Y-%m-%d %H:%M},Calls,{t.hour}" for t in stamps]
    result = import_files_detailed([write(tmp_path, "mixed.csv", "\n".join(lines) + "\n")])
    assert _per_queue(result) == {"Calls": 5 * 2 * sum(range(8, 16)), "Email": 750.0}
    assert not any("dated without a time" in note for note in result.dataset.notes)


def test_day_totals_on_two_days_without_intervals_are_named_together(tmp_path):
    dataset, expected = _weekdays_with_one_day_total(tmp_path, also_total="2026-11-05")
    assert dataset.intervals[schema.VOLUME].sum() == expected == 2_322 - 258
    assert note_with(dataset, "dated without a time") == (
        "weekdays.csv: 2 rows dated without a time on days with no intervals (line 50: "
        "'2026-11-05', 240; line 99: '2026-11-11', 250) are those days' totals, which fit no "
        "interval: skipped, so the history has no intervals for Thu 5 Nov 2026, Wed 11 Nov 2026 "
        "rather than 490 contacts at 00:00 (the forecast learns those days from the other "
        "weeks). Export those days interval by interval to count their contacts."
    )


# --- Tickets without a group ----------------------------------------------------------------------


def test_tickets_without_a_group_are_said_to_be_unassigned_work(tmp_path):
    # Before: "(calls that ended in the IVR, for instance) ... To plan for agent demand only,
    # drop that queue", advice that would drop unassigned tickets from the plan.
    lines = ['"Ticket ID","Source","Group","Created time"']
    stamps = pd.date_range("2026-11-02 08:05", periods=30, freq="47min")
    for number, stamp in enumerate(stamps):
        group = "" if number % 10 == 0 else "Billing"
        lines.append(f'"{2000 + number}","Email","{group}","{stamp:%Y-%m-%d %H:%M:%S}"')
    result = import_files_detailed([write(tmp_path, "tickets.csv", "\n".join(lines) + "\n")])
    assert _per_queue(result) == {"(no queue)": 3.0, "Billing": 27.0}
    assert note_with(result.dataset, "have no 'Group'") == (
        "tickets.csv: 3 ticket(s) have no 'Group' (not yet assigned to one): read as the queue "
        "'(no queue)', forecast and staffed as a queue of their own. They are work all the "
        "same: to plan them with the queue that handles them, fill in their 'Group' in the "
        "export and import again."
    )


# --- A French Excel "Unicode text" export ----------------------------------------------------------


def test_a_french_unicode_text_export_says_how_it_writes_its_numbers(tmp_path):
    # Excel's "Unicode text": UTF-16 with a BOM, tabs, CRLF; thousands grouped by a no-break
    # space. Before: read right but said to write its numbers '1.234,5', a style it never uses.
    stamps = pd.date_range("2026-11-02 08:00", periods=4, freq="30min")
    counts = [980, 1_240, 1_315, 1_002]
    lines = ["Date\tHeure\tAppels reçus\tDMT"] + [
        f"{t:%d/%m/%Y}\t{t:%H:%M}\t{n:,}".replace(",", "\u00a0") + "\t185,5"
        for t, n in zip(stamps, counts, strict=True)
    ]
    text = "\ufeff" + "\r\n".join(lines) + "\r\n"
    path = write(tmp_path, "appels.txt", text, encoding="utf-16-le")
    result = import_files_detailed([path])
    intervals = result.dataset.intervals
    assert intervals[schema.VOLUME].sum() == 4_537
    assert intervals[schema.AHT_SECONDS].dropna().unique().tolist() == [185.5]
    assert result.dataset.notes[0] == (
        "appels.txt: 4 rows read as interval volumes (tab-separated, utf-16, numbers written "
        "1 234,5; date 'Date', time 'Heure', volume 'Appels reçus', aht 'DMT')."
    )
