"""Integer codes for a text label column (queue, outcome) read as dictionary or plain text."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data.cjk import header_in_english

LABEL_TYPE = pa.dictionary(pa.int32(), pa.string())  # how the CSV reader should read labels


def label_codes(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str]]:
    """(code per row, labels): labels are trimmed, composed (NFC) and distinct, codes index them;
    an empty or missing cell is the label ""."""
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    if not pa.types.is_dictionary(values.type):
        values = pc.dictionary_encode(values)
    labels: list[str] = []
    position: dict[str, int] = {}
    parts = []
    for chunk in values.chunks:  # each chunk has its own small dictionary: map it to ours
        mapping = []
        for label in chunk.dictionary.to_pylist():
            # A Mac writes "é" as "e" + a combining accent (NFD): the same name as Windows' "é".
            label = unicodedata.normalize("NFC", (label or "").strip())
            if label not in position:
                position[label] = len(labels)
                labels.append(label)
            mapping.append(position[label])
        indices = np.asarray(chunk.indices.fill_null(-1), dtype=np.int64)
        if (indices < 0).any():
            mapping.append(_blank(position, labels))  # index -1 = the last entry: a missing cell
        parts.append(np.asarray(mapping, dtype=np.int64)[indices])
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    # A filtered column keeps its whole dictionary: a queue whose rows were all left out (an
    # outbound-only campaign) would otherwise live on as a queue without a single contact.
    used = np.zeros(len(labels), dtype=bool)
    used[codes] = True
    if not used.all():
        renumber = np.cumsum(used) - 1
        codes = renumber[codes]
        labels = [label for label, kept in zip(labels, used, strict=True) if kept]
    return codes, labels


# Latin letters that carry no separable accent, so that NFKD leaves them whole: written as the
# plain letters a reader takes them for (Polish "Połączenia" -> "Polaczenia", German "Größe"),
# not as a break splitting the word in two. "Ø" stays a sign: German headers write it for
# "average" ("Ø Bearbeitungszeit").
PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d",
     "Đ": "D", "ı": "i", "ø": "o"}
    # A footnote mark a spreadsheet writes after a header ("Offered¹") is no part of its word:
    # NFKD would make "offered1" of it.
    | {mark: " " for mark in "⁰¹²³⁴⁵⁶⁷⁸⁹"}
)  # fmt: skip


# Header words of Swedish, Danish, Norwegian, Finnish, Turkish and Czech exports (accents
# dropped), as the English words the importer reads: "Inkommande samtal" is "incoming calls",
# "Ortalama Konuşma Süresi" "average talk duration", "Příchozí hovory" "incoming calls".
# Compounds are written whole ("samtalstid": talk time).
FOREIGN_HEADER_WORDS = {
    # Swedish, Danish, Norwegian
    "tidpunkt": "time", "klokkeslet": "time", "klockslag": "time", "dato": "date", "samtal": "calls",
    "opkald": "calls", "anrop": "calls", "samtaler": "calls", "inkommande": "incoming",
    "indgaende": "incoming", "innkommende": "incoming", "erbjudna": "offered",
    "tilbudte": "offered", "besvarade": "answered", "besvarede": "answered",
    "besvarte": "answered", "besvarat": "answered", "tappade": "abandoned", "tappat": "abandoned",
    "opgivet": "abandoned", "tapt": "lost",
    "overgivna": "abandoned", "missade": "missed", "mistede": "missed", "tapte": "lost",
    "tabte": "lost", "ubesvarede": "missed", "obesvarade": "missed",
    "genomsnittlig": "average", "genomsnitt": "average", "gennemsnitlig": "average",
    "gennemsnit": "average", "gjennomsnittlig": "average", "snitt": "average",
    "samtalstid": "talk time", "samtaletid": "talk time", "taletid": "talk time",
    "hanteringstid": "handle time", "behandlingstid": "handle time", "vantetid": "wait time",
    "koetid": "wait time", "kotid": "wait time", "ventetid": "wait time",
    "svarstid": "answer time", "svartid": "answer time", "efterarbete": "acw",
    "efterbehandling": "acw", "etterarbeid": "acw",
    "serviceniva": "service level", "servicegrad": "service level", "riktning": "direction",
    "retning": "direction",
    # Finnish
    "paivamaara": "date", "pvm": "date", "aika": "time", "kellonaika": "time", "jono": "queue",
    "puhelut": "calls", "puheluita": "calls", "puhelua": "calls", "saapuneet": "incoming",
    "vastatut": "answered", "vastaamattomat": "missed", "luovutetut": "abandoned",
    "keskimaarainen": "average", "puheaika": "talk time", "jonotusaika": "wait time",
    "odotusaika": "wait time", "odotus": "wait",
    "kasittelyaika": "handle time", "tila": "status",
    # Turkish ("ı" reads "i")
    "tarih": "date", "saat": "time", "zaman": "time", "kuyruk": "queue", "cagri": "calls",
    "cagrilar": "calls", "cagrisi": "calls", "arama": "calls", "gelen": "incoming",
    "cevaplanan": "answered", "yanitlanan": "answered", "karsilanan": "answered",
    "kacan": "missed", "kacirilan": "missed", "terk": "abandoned", "kayip": "lost",
    "ortalama": "average", "konusma": "talk", "suresi": "duration",
    "bekleme": "wait", "yon": "direction", "durum": "status", "sonuc": "result", "edildi": "was",
    "edilen": "was",
    # Czech
    "fronta": "queue", "fronty": "queue", "hovory": "calls", "hovoru": "call",
    "hovor": "call", "prichozi": "incoming", "nabidnute": "offered", "prijate": "answered",
    "prijatych": "answered", "vyrizene": "answered", "zmeskane": "missed",
    "nedovolane": "missed", "opustene": "abandoned", "ztracene": "lost",
    "prumerna": "average", "prumerny": "average", "doba": "duration", "cekani": "wait",
    "vyrizeni": "handle", "smer": "direction", "stav": "status", "vysledek": "result",
}  # fmt: skip


# Short words that read as others once their accents are gone, as written: Swedish "Kö" and
# Danish "Kø" (queue; Italian reports count failures under "KO"), Czech "Čas" (time; French "cas"
# are cases), Turkish "Süre" (duration), and Nordic "Tid" (time; "TID" is a transaction id).
_ACCENTED_SHORT_WORDS = (
    (re.compile(r"\b[Kk][øö](?:en|er|erne|n)?\b"), "queue"),
    (re.compile(r"\b[Čč]as\b"), "time"),
    (re.compile(r"\b[Ss]üre\b"), "duration"),
    (re.compile(r"\b[Tt]id\b"), "time"),
)


# English words of contact-center export headers, for headers written in lower case with no
# break between their words, as Amazon Athena and Hive write column names ("agentinteractionduration"
# for Connect's Agent.AgentInteractionDuration): such a run is split where every piece is one.
_RUN_TOGETHER_WORDS = frozenset(
    "abandon abandoned after agent agents answer answered average avg call callback called caller "
    "calls campaign channel connect connected contact contacts conversation count created customer "
    "date dequeue direction disconnect disconnected duration end ended enqueue first group handle "
    "handled handling hold id in inbound initial initiation interaction interval last length "
    "master media method name number offered outbound outcome parent previous queue queued reason "
    "received result ring routing seconds session skill speed start started status system talk "
    "team time timestamp to total transfer transferred type wait waiting work wrap wrapup acw acd"
    # Words read whole elsewhere, not as the pieces they hold.
    " agentin calldate datetime username workgroup workgroups".split()
)


@functools.lru_cache(maxsize=4096)
def _run_together(word: str) -> tuple[str, ...]:
    """`word` in the fewest pieces that are all _RUN_TOGETHER_WORDS ("contactid" -> contact, id),
    or as it is when it is one already or splits no such way."""
    if word in _RUN_TOGETHER_WORDS or len(word) < 6:
        return (word,)
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for begin in range(max(0, end - 16), end - 1):
            head, piece = best[begin], word[begin:end]
            if head is not None and piece in _RUN_TOGETHER_WORDS:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = (*head, piece)
    return best[-1] or (word,)


def header_words(name: str) -> set[str]:
    """Lower-case ASCII words of a header: 'CSPL_RECEIVED_CALLS' -> {cspl, received, calls}."""
    # Chinese, Japanese and Korean terms are written as the English words they mean.
    name = header_in_english(name)
    for word, english in _ACCENTED_SHORT_WORDS:
        name = word.sub(english, name)
    # Accents drop off their letters; other signs (’, –, €) separate words like any punctuation.
    ascii_name = "".join(
        char if ord(char) < 128 else " "
        for char in unicodedata.normalize("NFKD", name.translate(PLAIN_LETTERS))
        if not unicodedata.combining(char)
    )
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", ascii_name)
    words = {
        piece for word in re.findall(r"[a-z0-9]+", spaced.lower()) for piece in _run_together(word)
    }
    if words & FOREIGN_HEADER_WORDS.keys():
        words = set().union(*(FOREIGN_HEADER_WORDS.get(word, word).split() for word in words))
    # "% Ans Calls" (Avaya CMS) is a share of the calls, not a count of them.
    return words | {"percent"} if "%" in name else words


# Hungarian notation names a column by a lower-case type prefix before its capitalised name:
# "nEnteredAcd" a count, "tTalkAcd" a time, "mtAnsweredAcd" a maximum time, "cName" a text,
# "dIntervalStart" a date (PureConnect's interval tables; Genesys Cloud's "tHandle", "nOffered").
_HUNGARIAN = re.compile(r"(mt|mn|[ntmcd])([A-Z][A-Za-z0-9]*)")


def hungarian_parts(name: str) -> tuple[str, str] | None:
    """(type prefix, rest) of a header in Hungarian notation ("tTalkAcd" -> ("t", "TalkAcd")),
    else None."""
    match = _HUNGARIAN.fullmatch(name.strip())
    return (match.group(1), match.group(2)) if match else None


def _blank(position: dict[str, int], labels: list[str]) -> int:
    if "" not in position:
        position[""] = len(labels)
        labels.append("")
    return position[""]


# Dates in an export's file name ("calls_2024-03.csv", "Vendite marzo 2024.xlsx") say which
# period it covers, not which queue: monthly exports of one queue must make one history.
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre gen mag giu lug ago set ott dic "
    # French, German, Spanish, Dutch, Nordic
    "janvier fevrier février mars avril mai juin juillet aout août septembre octobre decembre "
    "décembre januar februar märz maerz juni juli oktober dezember enero febrero abril mayo "
    "junio julio septiembre octubre noviembre diciembre januari februari maart mei augustus "
    "augusti maj okt"
).split()
# Month names short enough to be words of a queue's name ("bom_sep", "help_may"): a date only
# with a year beside them ("sep_2024", "Mar24").
_SHORT_MONTHS = {month for month in _MONTHS if len(month) <= 4} - {"june", "july"}
_DATE_PARTS = re.compile(
    r"(?<![a-z0-9])("
    r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월](?:\s*\d{1,2}\s*[日일])?"  # 2024年3月, 2024년 3월 4일
    r"|\d{1,2}\s*[月월](?:\s*\d{1,2}\s*[日일])?"  # 3月, 3月4日
    r"|\d{4}[-_.]?\d{1,2}(?:[-_.]?\d{1,2})?"  # 2024-03, 202403, 2024_03_01
    r"|\d{1,2}[-_.]\d{1,2}[-_.]\d{2,4}"  # 01-03-2024
    r"|(?:19|20)\d{2}"  # 2024
    r"|q[1-4]|(?:week|wk|settimana|sett)[-_ ]?\d{1,2}"  # Q1, week 12
    r"|(?:0?[1-9]|1[0-2])[-_.](?:19|20)\d{2}"  # 03-2024
    rf"|(?:{'|'.join(_MONTHS)})(?:[-_. ]?(?:19|20)?\d{{2}})?"  # Mar, Mar24, marzo2024
    r")(?![a-z0-9])",
    re.IGNORECASE,
)
_SEPARATORS = "_-. \t"
# Words that join or open dates in a file name ("2024-03-01_to_2024-03-31", "dal 01-03-2024").
_DATE_JOINERS = re.compile(
    r"(?<![a-z])(?:to|til|until|thru|through|al|a|fino|from|since|dal|da)(?![a-z])", re.I
)


def _period_parts(stem: str, short_months: bool) -> list[tuple[int, int]]:
    """(start, end) of each date in a file name that says which period the export covers. A
    year alone between words of the name is part of it ("anonymous_bank_1999_6min_counts"),
    as is a month's short name without a year ("bom_sep": "sep" is no September there) unless
    `short_months` (the other files' names hold other months in its place)."""
    found = [
        match
        for match in _DATE_PARTS.finditer(stem)
        if short_months or match.group().lower() not in _SHORT_MONTHS
    ]
    if not found:
        return []
    between = [stem[: found[0].start()]]
    between += [stem[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)]
    between.append(stem[found[-1].end() :])
    blank = [not _DATE_JOINERS.sub("", text).strip(_SEPARATORS) for text in between]
    return [
        (match.start(), match.end())
        for index, match in enumerate(found)
        if all(blank[: index + 1])  # only dates before it: the name starts with the period
        or all(blank[index + 1 :])  # or ends with it
        or not _YEAR_ALONE.fullmatch(match.group())
    ]


_YEAR_ALONE = re.compile(r"(?:19|20)\d{2}")


# A browser saving a file twice names the second "Queue Report (1).csv": the same queue.
_DUPLICATE_SUFFIX = re.compile(r"\s*\(\d{1,3}\)$")


def queue_from_file_name(name: str, short_months: bool = False) -> str:
    """The queue a file without a queue column holds: its name without extension and without
    dates ("calls_2024-03.csv", "calls_Mar24.csv" -> "calls") and without a browser's " (1)" copy
    number; "all" when nothing else is left ("2024-03.csv"). A month's short name alone
    ("calls_mar.csv") is a date only with `short_months`. Composed (NFC), as queue labels are:
    a Mac's file system writes "é" as "e" + a combining accent."""
    name = unicodedata.normalize("NFC", name)
    stem = _DUPLICATE_SUFFIX.sub("", Path(name).stem) or Path(name).stem
    dates = _period_parts(stem, short_months)
    if not dates:
        return stem
    edges = [0, *(edge for date in dates for edge in date), len(stem)]
    kept = "\0".join(stem[edges[at] : edges[at + 1]] for at in range(0, len(edges), 2))
    # A removed date leaves its separators behind: keep one, drop those at the ends.
    kept = re.sub(rf"[{re.escape(_SEPARATORS)}]*\0[{re.escape(_SEPARATORS)}\0]*", "\0", kept)
    # "2024-03-01_to_2024-03-31", "dal 01-03-2024": words joining or opening dates go too.
    kept = re.sub(r"\0(?:to|til|until|thru|through|al|a|fino)\0", "\0", kept, flags=re.I)
    kept = re.sub(r"(^|[ _.-])(?:from|since|dal|da)\0", "\\1\0", kept, flags=re.I)
    parts = [part.strip(_SEPARATORS) for part in kept.split("\0")]
    joiner = next((mark for mark in (" ", "_", "-") if mark in stem), " ")
    joined = joiner.join(part for part in parts if part)
    return joined or "all"


def queues_from_file_names(names: list[str]) -> list[str]:
    """The queue each file name gives (see queue_from_file_name), a month's short name alone
    read as a date where another name differs from it by that month only ("calls_mar.csv"
    beside "calls_apr.csv": both "calls"), so that monthly exports still join."""
    strict = [queue_from_file_name(name) for name in names]
    lenient = [queue_from_file_name(name, short_months=True) for name in names]
    spelled: dict[str, set[str]] = {}
    for exact, loose in zip(strict, lenient, strict=True):
        spelled.setdefault(loose, set()).add(exact)
    return [
        loose if len(spelled[loose]) > 1 else exact
        for exact, loose in zip(strict, lenient, strict=True)
    ]
