"""A report of one queue named only in its title lines ("Queue: P6001 Support" above the table):
that queue, rather than the file's name, for every row."""

from __future__ import annotations

import csv
import re

from data.cjk import has_cjk
from data.columns import ID_WORDS, PROPER_QUEUE_WORDS, SERVICE_HEADERS
from data.labels import header_words
from data.sniff import TextFormat
from data.timestamps import MONTH_WORDS

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
    "Queue Report - Support", "Queue report Assistenza - June 2026"."""
    cleaned = text.strip().strip(",;\t|").strip().strip('"')
    if _report_title_queue(cleaned) == (label, queue):
        return cleaned
    dashed = _DASHED_TITLE.match(cleaned)
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
        leading = _report_title_queue(cells[0]) if len(cells) == 1 else None
        if leading:
            found.append((line, *leading))
            continue
        dashed = _DASHED_TITLE.match(cells[0]) if len(cells) == 1 else None
        if dashed and _names_report_of_queue(dashed.group(1)):
            value = dashed.group(2).strip()
            if _is_queue_name(value) and not _is_period(value):  # "- June 2026": no queue
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


# Words of the period a title may end with ("- June 2026", "- week 23", "- Q2 2026").
PERIOD_WORDS = {
    "week", "wk", "settimana", "semaine", "woche", "kw", "semana", "month", "mese", "mois",
    "monat", "mes", "day", "giorno", "jour", "tag", "dia", "year", "anno", "annee", "jahr",
    "ano", "q1", "q2", "q3", "q4", "to", "al", "au", "bis", "from", "dal", "du", "von", "del",
}  # fmt: skip
# A name before the queue's ("Queue report for Sales"): no part of it.
_TITLE_PREPOSITIONS = {"for", "per", "pour", "fur", "para", "of", "di", "de", "della", "del"}
# A breakdown the report is made by, no queue: "by Period", "per agente", "par tranche".
_BREAKDOWN_WORDS = {"by", "per", "par", "nach", "por", "pro", "je"}
_TITLE_DASH = re.compile(r"\s+[-–—]\s+")


def _report_title_queue(cell: str) -> tuple[str, str] | None:
    """(label, queue) of a title that names its report then its queue, "Queue report Assistenza",
    "Report coda Vendite", "Rapport file d'attente Support", optionally followed by its period
    after a dash ("- June 2026"). The rule: a queue's word and a report's word open the title,
    nothing else before the name; after it nothing but a period (month names, numbers, dates)."""
    head, *tail = _TITLE_DASH.split(cell.strip(), maxsplit=1)
    if tail and not _is_period(tail[0]):
        return None
    tokens = head.split()
    queue_words = TITLE_QUEUE_WORDS - {"ring", "hunt"}
    allowed = queue_words | REPORT_WORDS | LABEL_FILLER_WORDS | {"attente"}
    for end in range(2, len(tokens)):
        words = header_words(" ".join(tokens[:end]))
        if not words <= allowed:
            return None
        # "file" is English for a document too: a queue's word only with "attente" or "rapport".
        named_queue = (
            words & (queue_words - {"file"})
            or {"file"} <= words
            and (words & {"attente", "rapport"})
        )
        following = header_words(tokens[end])
        if not (named_queue and words & REPORT_WORDS) or following <= allowed:
            continue
        name = tokens[end:]
        if header_words(name[0]) <= _BREAKDOWN_WORDS:  # "Queue Performance by Period"
            return None
        if header_words(name[0]) <= _TITLE_PREPOSITIONS:
            name = name[1:]
        while name and _is_period_token(name[-1]):  # "Queue report Assistenza June 2026"
            name = name[:-1]
        value = " ".join(name)
        value_words = header_words(value)
        if not value_words or value_words & ALL_WORDS or value_words <= REPORT_WORDS | PERIOD_WORDS:
            return None
        return (" ".join(tokens[:end]), value) if _is_queue_name(value) else None
    return None


def _is_period_token(token: str) -> bool:
    """A year, a month's name or a date ending a title: "2026", "June", "30/06/2026"."""
    if re.fullmatch(r"(19|20)\d\d|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", token):
        return True
    return token.casefold().strip(".,") in MONTH_WORDS


def _is_period(text: str) -> bool:
    """A report's period as a title writes it: "June 2026", "2026-06-01 to 2026-06-30"."""
    words = header_words(text)
    numbers = re.sub(r"[\d\s/.:-]", "", text) == "" and any(c.isdigit() for c in text)
    return (
        numbers
        or bool(words)
        and all(word.isdigit() or word in MONTH_WORDS or word in PERIOD_WORDS for word in words)
    )


def _is_queue_name(value: str) -> bool:
    """A value naming one queue: not empty, no "All" filter, no list of queues."""
    words = header_words(value)
    if words <= ALL_WORDS and not (has_cjk(value) and value not in ALL_CJK):
        return False  # a Chinese, Japanese or Korean name has no Latin words
    return not re.search(r"[,;|，、]", value)
