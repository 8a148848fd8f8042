"""Reports of one queue that name it only in the title lines above the table (Mitel "Queue:",
Avaya CMS "Split/Skill:", Cisco "CSQ Name:", "Coda:", "File d'attente :", "Warteschlange:",
"Cola:"): that queue, not the file's name, for every row."""

from __future__ import annotations

import openpyxl
import pytest
from import_support import at, note_with, write

from data import schema
from data.importer import import_files_detailed
from data.sniff import sniff_file
from data.title_queue import names_title_queue, title_queue


def contacts_per_queue(result) -> dict[str, float]:
    frame = result.dataset.intervals
    return frame.groupby(schema.QUEUE)[schema.VOLUME].sum().to_dict()


def intervals_per_queue(result) -> dict[str, int]:
    frame = result.dataset.intervals
    frame = frame[frame[schema.VOLUME] > 0]
    return frame.groupby(schema.QUEUE).size().to_dict()


MITEL = """Queue Performance by Period
Queue: P6001 Support
Date range: 03/04/2024 - 03/05/2024
Generated: 03/06/2024 07:02
Site: Head office

Period,Calls Offered,Calls Handled,Calls Abandoned,Avg Handle Time,Avg Speed of Answer
03/04/2024 08:00,12,11,1,00:04:10,00:00:21
03/04/2024 08:15,15,14,1,00:04:02,00:00:25
03/04/2024 08:30,18,16,2,00:03:55,00:00:31
03/05/2024 08:00,10,10,0,00:04:20,00:00:12
03/05/2024 08:15,14,13,1,00:04:11,00:00:19
Report total,69,64,5,00:04:07,00:00:22
"""


def test_a_mitel_queue_performance_report_is_the_queue_its_title_names(tmp_path):
    result = import_files_detailed([write(tmp_path, "report (3).csv", MITEL)])
    data = result.dataset
    assert data.queues == ["P6001 Support"]
    assert result.contacts == 69
    assert intervals_per_queue(result) == {"P6001 Support": 5}
    assert at(data, "2024-03-04 08:30")[schema.VOLUME] == 18
    assert note_with(data, "queue named above") == (
        "report (3).csv: the table has no queue column; the queue named above it (line 2: "
        "'Queue: P6001 Support') was given to every row."
    )


AVAYA = """Split/Skill Interval Report
Split/Skill: 2 Sales
Date: 3/4/2024
Switch: Main ACD
Report generated: 3/5/2024 7:02 AM

Time,ACD Calls,Avg Speed Ans,Aban Calls,Avg Aban Time,Avg ACD Time,Avg ACW Time,Calls Offered
08:00,20,0:15,2,0:40,3:10,0:30,22
08:30,25,0:18,3,0:35,3:05,0:25,28
09:00,30,0:22,1,0:50,3:20,0:35,31
09:30,28,0:20,2,0:45,3:15,0:30,30
Totals,103,0:19,8,0:43,3:12,0:30,111
"""


def test_an_avaya_cms_split_report_of_one_day_gets_its_title_date_and_queue(tmp_path):
    # The date and the queue are both written only above the table.
    result = import_files_detailed([write(tmp_path, "Split Skill Interval_2024-03-04.csv", AVAYA)])
    data = result.dataset
    assert data.queues == ["2 Sales"]
    assert result.contacts == 111
    assert intervals_per_queue(result) == {"2 Sales": 4}
    first = at(data, "2024-03-04 08:00")
    assert (first[schema.VOLUME], first[schema.ANSWERED], first[schema.ABANDONED]) == (22, 20, 2)
    assert "(line 2: 'Split/Skill: 2 Sales')" in note_with(data, "queue named above")
    assert "line 3: '3/4/2024'" in note_with(data, "the date above it")


def _interval_table(delimiter: str, header: list[str], counts: list[int]) -> str:
    """An interval table on Monday 2024-03-04 from 08:00, one half hour per count."""
    lines = [delimiter.join(header)]
    for slot, count in enumerate(counts):
        time = f"{8 + slot // 2:02d}:{30 * (slot % 2):02d}"
        lines.append(delimiter.join(["04/03/2024", time, str(count)]))
    return "\n".join(lines) + "\n"


LANGUAGES = [
    # (title lines, delimiter, table header, queue)
    (
        ["Rapporto code per intervallo", "Coda: Assistenza clienti", "Periodo: 04/03/2024"],
        ";",
        ["Data", "Ora", "Chiamate offerte"],
        "Assistenza clienti",
    ),
    (
        ["Statistiche servizio", "Servizio: Assistenza tecnica", "Generato il: 05/03/2024 07:00"],
        ";",
        ["Data", "Ora", "Chiamate offerte"],
        "Assistenza tecnica",
    ),
    (
        ["Statistiques par intervalle", "File d'attente : SAV", "Édité le : 05/03/2024 07:00"],
        ";",
        ["Date", "Heure", "Appels reçus"],
        "SAV",
    ),
    (
        ["Intervallbericht", "Warteschlange: Vertrieb", "Erstellt am: 05.03.2024 07:00"],
        ";",
        ["Datum", "Uhrzeit", "Anrufe angeboten"],
        "Vertrieb",
    ),
    (
        ["Informe por intervalo", "Cola: Soporte", "Generado: 05/03/2024 07:00"],
        ";",
        ["Fecha", "Hora", "Llamadas recibidas"],
        "Soporte",
    ),
    (
        ["Contact Service Queue Activity Report (by Interval)", "CSQ Name: Support_CSQ"],
        ",",
        ["Date", "Interval Start", "Calls Presented"],
        "Support_CSQ",
    ),
    (
        ["Skill Interval Report", "Skill: 12 Billing", "Date range: 04/03/2024 - 04/03/2024"],
        ",",
        ["Date", "Time", "Offered"],
        "12 Billing",
    ),
    (
        ["Ring group statistics", "Ring Group:,600 Sales", "From:,04/03/2024"],
        ",",
        ["Date", "Time", "Calls"],
        "600 Sales",
    ),
    (["Line report", "Line,Support FR"], ",", ["Date", "Time", "Calls"], "Support FR"),
]


@pytest.mark.parametrize(
    ("title", "delimiter", "header", "queue"), LANGUAGES, ids=[row[3] for row in LANGUAGES]
)
def test_each_language_label_names_the_queue(tmp_path, title, delimiter, header, queue):
    counts = [4, 7, 9, 6]
    text = "\n".join(title) + "\n\n" + _interval_table(delimiter, header, counts)
    result = import_files_detailed([write(tmp_path, "export.csv", text)])
    assert result.dataset.queues == [queue]
    assert contacts_per_queue(result) == {queue: 26}
    assert intervals_per_queue(result) == {queue: 4}
    assert "export.csv: the table has no queue column; the queue named above it (line 2:" in (
        note_with(result.dataset, "queue named above")
    )


def test_two_reports_of_two_queues_with_alike_file_names_stay_two_queues(tmp_path):
    # Both files would otherwise be the queue "Queue Performance by Period" and be summed.
    sales = MITEL.replace("P6001 Support", "P6002 Sales")
    sales = sales.replace(",12,11,1,", ",30,28,2,").replace("Report total,69", "Report total,87")
    paths = [
        write(tmp_path, "Queue Performance by Period.csv", MITEL),
        write(tmp_path, "Queue Performance by Period (1).csv", sales),
    ]
    result = import_files_detailed(paths)
    assert sorted(result.dataset.queues) == ["P6001 Support", "P6002 Sales"]
    assert contacts_per_queue(result) == {"P6001 Support": 69, "P6002 Sales": 87}
    assert intervals_per_queue(result) == {"P6001 Support": 5, "P6002 Sales": 5}
    assert at(result.dataset, "2024-03-04 08:00", "P6002 Sales")[schema.VOLUME] == 30


def test_a_workbook_with_the_queue_above_its_table(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Report"
    sheet.append(["Queue Performance by Period"])
    sheet.append(["Queue:", "P6001 Support"])
    sheet.append(["Date range:", "03/04/2024 - 03/05/2024"])
    sheet.append(["Generated:", "03/06/2024 07:02"])
    sheet.append([])
    sheet.append(["Period", "Calls Offered", "Calls Handled", "Calls Abandoned"])
    for day, hour, offered, handled in [(4, 8, 12, 11), (4, 9, 15, 14), (5, 8, 10, 10)]:
        stamp = f"2024-03-{day:02d} {hour:02d}:00"
        sheet.append([stamp, offered, handled, offered - handled])
    path = tmp_path / "report.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert result.dataset.queues == ["P6001 Support"]
    assert contacts_per_queue(result) == {"P6001 Support": 37}
    assert intervals_per_queue(result) == {"P6001 Support": 3}
    assert "(line 2: 'Queue: P6001 Support')" in note_with(result.dataset, "queue named above")


def test_a_workbook_of_one_sheet_per_queue_named_above_each_table(tmp_path):
    book = openpyxl.Workbook()
    for position, (queue, base) in enumerate([("Sales", 10), ("Support", 20)]):
        sheet = book.active if position == 0 else book.create_sheet()
        sheet.title = f"Sheet{position + 1}"
        sheet.append(["Queue Performance by Period"])
        sheet.append([f"Queue: {queue}"])
        sheet.append([])
        sheet.append(["Period", "Calls Offered"])
        for hour in range(8, 12):
            sheet.append([f"2024-03-04 {hour:02d}:00", base + hour])
    path = tmp_path / "queues.xlsx"
    book.save(path)
    result = import_files_detailed([path])
    assert contacts_per_queue(result) == {"Sales": 78, "Support": 118}
    assert intervals_per_queue(result) == {"Sales": 4, "Support": 4}


CISCO_RECORDS = """Contact Service Queue Detail Report
CSQ Name: Support_CSQ
Report Date: 03/04/2024 - 03/05/2024
Generated on: 03/06/2024 06:00:00

Call Start Time,Call ANI,Disposition,Talk Time,Queue Time
03/04/2024 08:01:10,5551001,Handled,00:03:10,00:00:12
03/04/2024 08:05:40,5551002,Handled,00:04:00,00:00:20
03/04/2024 08:12:00,5551003,Abandoned,00:00:00,00:00:45
03/04/2024 08:20:30,5551004,Handled,00:02:30,00:00:05
03/05/2024 09:02:00,5551005,Handled,00:05:00,00:00:30
"""


def test_contact_records_below_a_csq_name(tmp_path):
    result = import_files_detailed([write(tmp_path, "csq_detail.csv", CISCO_RECORDS)])
    data = result.dataset
    assert data.queues == ["Support_CSQ"]
    assert result.contacts == 5
    assert (data.answered, data.abandoned) == (4, 1)
    assert at(data, "2024-03-04 08:00")[schema.VOLUME] == 3


def test_several_queue_names_above_keep_the_file_name(tmp_path):
    text = MITEL.replace("Site: Head office", "Queue: P6002 Sales")
    result = import_files_detailed([write(tmp_path, "queue_report.csv", text)])
    assert result.dataset.queues == ["queue_report"]
    assert contacts_per_queue(result) == {"queue_report": 69}
    assert not any("queue named above" in note for note in result.dataset.notes)


@pytest.mark.parametrize("value", ["All", "(All)", "All Queues", "Tutte le code", "Sales; Support"])
def test_a_filter_of_every_queue_or_a_list_is_no_queue(tmp_path, value):
    text = MITEL.replace("Queue: P6001 Support", f'"Queue: {value}"')
    result = import_files_detailed([write(tmp_path, "queue_report.csv", text)])
    assert result.dataset.queues == ["queue_report"]


def test_a_queue_column_wins_over_the_title(tmp_path):
    text = MITEL.replace("Period,", "Period,Queue,")
    table = [
        line.replace(",", ",Billing,", 1) if line[:2].isdigit() else line
        for line in text.splitlines()
        if not line.startswith("Report total")
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(table) + "\n")])
    assert result.dataset.queues == ["Billing"]
    assert contacts_per_queue(result) == {"Billing": 69}


def test_a_queue_name_beside_its_number_is_the_name(tmp_path):
    text = MITEL.replace("Site: Head office", "Queue ID: 6001").replace(
        "Queue: P6001 Support", "Queue Name: Support"
    )
    result = import_files_detailed([write(tmp_path, "report.csv", text)])
    assert result.dataset.queues == ["Support"]


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("Queue", True),
        ("Nome coda", True),
        ("Nom de la file d'attente", True),
        ("Split/Skill", True),
        ("Service", True),
        ("Servizio", True),
        ("Ring Group", True),
        ("Split/Skill Report", False),
        ("Service Level", False),
        ("Queue Performance", False),
        ("File", False),
        ("Report", False),
        ("Date", False),
        ("Code", False),
    ],
)
def test_which_labels_name_a_queue(label, names):
    assert names_title_queue(label) is names


def test_title_queue_reads_only_the_lines_above_the_header(tmp_path):
    path = write(tmp_path, "report.csv", MITEL)
    assert title_queue(sniff_file(path, "report.csv")) == (
        2,
        "Queue: P6001 Support",
        "P6001 Support",
    )


def test_a_single_queue_number_in_the_table_takes_the_name_above(tmp_path):
    lines = MITEL.splitlines()
    table = [
        ("Queue ID," + line if line.startswith("Period") else f"6001,{line}")
        if line[:1].isdigit() or line.startswith("Period")
        else line
        for line in lines
        if not line.startswith("Report total")
    ]
    result = import_files_detailed([write(tmp_path, "report.csv", "\n".join(table) + "\n")])
    assert result.dataset.queues == ["P6001 Support"]
    assert contacts_per_queue(result) == {"P6001 Support": 69}
    assert "the table's 'Queue ID' holds a single queue number" in note_with(
        result.dataset, "queue named above"
    )
