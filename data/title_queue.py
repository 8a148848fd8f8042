"""A report of one queue named only in its title lines ("Queue: P6001 Support" above the table):
that queue, rather than the file's name, for every row."""

from __future__ import annotations

import csv
import re

from data.cjk import has_cjk
from data.columns import ID_WORDS, PROPER_QUEUE_WORDS, SERVICE_HEADERS
from data.labels import header_words
from data.sniff import TextFormat

# Labels naming the one queue a report covers: Mitel "Queue:", Avaya CMS "Split/Skill:" or
# "Skill:", Cisco "CSQ Name:", "Coda:", "File d'attente :", "Warteschlange:", "Cola:", a ring
# group or hunt group. Italian "code" (queues) is plural, and "code" is also a report's code.
TITLE_QUEUE_WORDS = (PROPER_QUEUE_WORDS - {"code", "queues", "campaign", "campagna"}) | {
    "file",
    "ring",
    "hunt",
}
# A label that is only a service or a line ("Servizio: Assistenza", "Line: Support FR").
SERVICE_WORDS = set().union(*SERVICE_HEADERS)
# Words that may stand beside them in such a label ("Nom de la file d'attente", "Queue Name").
LABEL_FILLER_WORDS = {
    "name", "nome", "nom", "nombre", "de", "di", "d", "la", "del", "della", "du", "der", "the",
    "selected", "selezionata", "selezionato",
}  # fmt: skip
# A value that is a filter for every queue, no queue: "All", "(All)", "Tutte le code", "*".
ALL_WORDS = {
    "all", "tutte", "tutti", "tutto", "alle", "toutes", "tous", "todas", "todos", "any",
    "le", "les", "las", "los", "queues", "skills", "splits", "code", "colas", "files",
    "warteschlangen", "services", "servizi", "lines", "selected",
}  # fmt: skip
# Chinese and Japanese write the colon full width: "队列：售后服务".
ALL_CJK = {"全部", "所有", "全部队列", "全部隊列", "すべて", "全て", "전체", "모두"}
_LABEL = re.compile(r"^\s*([^\W\d_][^:：]*?)\s*[:：]\s*(.*)$")
# A report's title naming its queue after a dash, "Queue Report - Sales", "Skill Statistics –
# Billing": the words before the dash a queue's and a report's only.
_DASHED_TITLE = re.compile(r"^\s*([^\W\d_][^-–—:：]*?)\s+[-–—]\s+(\S.*)$")
REPORT_WORDS = {
    "report", "reports", "statistics", "stats", "summary", "overview", "detail", "details",
    "interval", "intervals", "daily", "weekly", "performance", "activity", "rapport", "bericht",
    "statistik", "statistiche", "resumen", "informe", "riepilogo",
}  # fmt: skip
# A second "Label:" in the same cell ("Queue: Support    Date: 03/04/2024") ends the value.
_NEXT_LABEL = re.compile(r"\s{2,}[^\W\d_][\w /'.-]*[:：]")


def names_title_queue(label: str) -> bool:
    """A title label naming the single queue of the report."""
    words = header_words(label)
    if not words or not words <= TITLE_QUEUE_WORDS | SERVICE_WORDS | LABEL_FILLER_WORDS | ID_WORDS:
        return False
    if words & TITLE_QUEUE_WORDS - {"file", "ring", "hunt"}:
        return True
    if {"file", "attente"} <= words or words & {"ring", "hunt"} and "group" in words:
        return True
    return bool(words & SERVICE_WORDS) and not words & ID_WORDS


def title_queue(text_format: TextFormat) -> tuple[int, str, str] | None:
    """(line, the line's label and value as written, the queue) of the one queue named above the
    table; None when no line names one, or the lines name several (a report of more queues,
    whose rows are not told apart)."""
    found = _title_queues(text_format)
    named = [item for item in found if not header_words(item[1]) & ID_WORDS]
    if len({queue for _, _, queue in named}) == 1:
        found = named  # "Queue ID: 6001" beside "Queue Name: Support": the name
    if len({queue for _, _, queue in found}) != 1:
        return None
    line, label, queue = found[0]
    return line, written_title(text_format.title_lines[line - 1], label, queue), queue


def written_title(text: str, label: str, queue: str) -> str:
    """A queue's title as a message quotes it: "Queue: Support", or a dashed title as written,
    "Queue Report - Support"."""
    dashed = _DASHED_TITLE.match(text.strip().strip(",;\t|").strip().strip('"'))
    if dashed and dashed.group(1) == label and dashed.group(2).strip() == queue:
        return dashed.group(0).strip()
    return f"{label}: {queue}"


def _title_queues(text_format: TextFormat) -> list[tuple[int, str, str]]:
    """(line, label, value) of every label above the header that names a queue."""
    return queue_titles(text_format.title_lines, text_format.delimiter)


def queue_titles(lines: list[str], delimiter: str) -> list[tuple[int, str, str]]:
    """(line from 1, label, value) of every label in `lines` that names a queue, written
    "Queue: Support" in one cell, or "Queue:" (or "Queue" alone on its line) then the value in
    the next filled cell, or a title alone on its line, "Queue Report - Support"."""
    found = []
    for line, text in enumerate(lines, start=1):
        try:
            cells = [
                cell.strip()
                for cell in next(csv.reader([text], delimiter=delimiter), [])
                if cell.strip()
            ]
        except csv.Error:
            continue
        dashed = _DASHED_TITLE.match(cells[0]) if len(cells) == 1 else None
        if dashed and _names_report_of_queue(dashed.group(1)):
            value = dashed.group(2).strip()
            if _is_queue_name(value):
                found.append((line, dashed.group(1), value))
            continue
        for index, cell in enumerate(cells):
            labelled = _LABEL.match(cell)
            if labelled:
                label, value = labelled.groups()
            elif len(cells) == 2 and index == 0:
                label, value = cell, ""
            else:
                continue
            if not value and index + 1 < len(cells):
                value = cells[index + 1]
            value = _NEXT_LABEL.split(value, maxsplit=1)[0].strip()
            if names_title_queue(label) and _is_queue_name(value):
                found.append((line, label, value))
    return found


def _names_report_of_queue(words_before_dash: str) -> bool:
    """ "Queue Report", "Skill Statistics": a queue's word and a report's, nothing else."""
    words = header_words(words_before_dash)
    queue_words = TITLE_QUEUE_WORDS - {"file", "ring", "hunt"}
    return (
        bool(words & queue_words)
        and bool(words & REPORT_WORDS)
        and words <= (queue_words | REPORT_WORDS | LABEL_FILLER_WORDS)
    )


def _is_queue_name(value: str) -> bool:
    """A value naming one queue: not empty, no "All" filter, no list of queues."""
    words = header_words(value)
    if words <= ALL_WORDS and not (has_cjk(value) and value not in ALL_CJK):
        return False  # a Chinese, Japanese or Korean name has no Latin words
    return not re.search(r"[,;|，、]", value)
