"""Map the outcome labels of contact records (English, Italian, French, German, Spanish, vendor
codes) to answered, abandoned or other."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa

from data.cjk import label_in_english
from data.labels import PLAIN_LETTERS, header_words, label_codes

# CLOSED: the contact arrived while the center was closed. No agent could take it, so it is no
# demand: counted, it would open evening or Sunday slots that the plan then staffs.
# VOICEMAIL: the caller left a message to be called back. No agent answered, but the caller did
# not give up either: as an abandon it would shorten the patience Erlang A is given (an abandoned
# caller's wait is the patience itself) and raise the abandon rate. Neither answered nor
# abandoned, still an arrival; for open hours it is a contact left unanswered, as abandoned ones
# are (a night of voicemails met a closed center).
OTHER, ANSWERED, ABANDONED, CLOSED, VOICEMAIL = 0, 1, 2, 3, 4
_NAMES = {
    OTHER: "other", ANSWERED: "answered", ABANDONED: "abandoned", CLOSED: "closed",
    VOICEMAIL: "voicemail",
}  # fmt: skip
# Outcomes of contacts no agent answered that still tell the center was reachable or not.
UNANSWERED = (ABANDONED, VOICEMAIL)

# Label prefixes, upper case. AGENT is the Anonymous Bank's code for a call an agent served;
# "Resolved" is a dialler disposition an agent set (Five9), so the call was answered.
_ANSWERED_PREFIXES = (
    "ANSW", "AGENT", "RISP", "HANDL", "GESTIT", "SERVED", "CONNECT", "ACCEPT", "COMPLET", "OK",
    "EVAS", "RESOLV", "RISOLT",
)  # fmt: skip
_ABANDONED_PREFIXES = (
    "ABAND", "ABBANDON", "HANG", "LOST", "PERS", "DROP", "MISSED", "NON RISP", "NOT ANSW",
    "UNANSW", "NO ANSW",
    "NESSUNA RISP",  # Italian "Nessuna risposta" (no answer), as "Non risposta"
)  # fmt: skip


# French, German and Spanish outcome words, accents dropped ("Répondu" reads REPONDU), as whole
# words with their plural, feminine or declined endings ("Répondues", "Angenommene",
# "Atendidas"): a bare prefix would also take "Traitement". Diabolocom and
# Kiamo write "Répondu"/"Traité", "Abandonné"/"Perdu" in their Statut column.
_ANSWERED_WORDS_ABROAD = (
    "REPONDU", "DECROCHE", "TRAITE", "PRIS", "SERVI",  # French
    "ANGENOMMEN", "BEANTWORTET", "BEARBEITET", "VERBUNDEN",  # German
    "ATENDID", "CONTESTAD", "RESPONDID",  # Spanish and Portuguese (atendida, atendidos, ...)
    "BEANTWOORD", "AANGENOMEN",  # Dutch
    "ODEBRAN", "ODEBRANY",  # Polish (odebrane, odebrana, odebrano, odebrany)
    "BESVARAT", "BESVARAD", "BESVARADE", "BESVARET", "BESVART", "BESVAREDE",  # Nordic
    "VASTATTU", "VASTATUT",  # Finnish
    "CEVAPLANDI", "CEVAPLANAN", "YANITLANDI", "YANITLANAN", "KARSILANDI", "KARSILANAN",  # Turkish
    "PRIJAT", "PRIJATY", "PRIJATO", "VYRIZEN", "VYRIZENY", "SPOJEN", "SPOJENY",  # Czech
)  # fmt: skip
# "Raccroché", "Aufgelegt", "Colgada" (hung up) are abandoned as "Hang up" is.
_ABANDONED_WORDS_ABROAD = (
    "PERDU", "RACCROCHE", "MANQUE", "SANS REPONSE", "PAS DE REPONSE",  # French (and ABAND)
    "VERLOREN", "AUFGELEGT", "ABGEBROCHEN", "VERPASST", "UNBEANTWORTET", "KEINE ANTWORT",
    "PERDID", "COLGAD", "COLGO", "SIN RESPUESTA",  # Spanish ("Abandonada" is ABAND above)
    "SEM RESPOSTA", "DESISTENCIA", "DESLIGAD",  # Portuguese
    "GEMIST", "OPGEHANGEN", "VERLATEN", "ONBEANTWOORD",  # Dutch
    "NIEODEBRAN", "NIEODEBRANY", "PORZUCON", "PORZUCONY", "UTRACON", "UTRACONY",  # Polish
    "OBESVARAT", "OBESVARAD", "OBESVARADE", "UBESVARET", "UBESVART", "TAPPAT", "TAPPAD",
    "TAPPADE", "MISSAT", "MISSAD", "MISSADE", "OVERGIVET", "OVERGIVEN", "AVBRUTET", "AVBRUTEN",
    "MISTET", "MISTEDE", "TAPT", "TABT", "OPGIVET", "AFBRUDT", "AVBRUTT",  # Nordic
    "VASTAAMATON", "VASTAAMATTA", "MENETETTY", "LUOVUTETTU", "KESKEYTETTY",  # Finnish
    "CEVAPLANMADI", "CEVAPSIZ", "YANITLANMADI", "YANITSIZ", "KACAN", "KACIRILDI", "KACIRILAN",
    "TERK EDILDI", "TERK EDILEN", "KAYIP", "KARSILANMADI",  # Turkish
    "NEPRIJAT", "NEPRIJATY", "NEPRIJATO", "ZMESKAN", "ZMESKANY", "OPUSTEN", "OPUSTENY",
    "ZTRACEN", "ZTRACENY", "NEDOVOLAN", "NEDOVOLANY", "ZAVESIL",  # Czech
)  # fmt: skip
# Whole words an outcome label may be cut from ("Abgebr.", "Beantw.", "Raccr.", "Aband."), as
# reports abbreviate them to fit a narrow column: the words above and the whole words the
# prefixes above stand for.
_ANSWERED_WHOLE_WORDS = _ANSWERED_WORDS_ABROAD + (
    "ANSWERED", "HANDLED", "CONNECTED", "ACCEPTED", "COMPLETED", "SERVED", "RESOLVED",
    "RISPOSTA", "RISPOSTO", "GESTITA", "GESTITO", "EVASA", "EVASO", "OPGENOMEN",
)  # fmt: skip
_ABANDONED_WHOLE_WORDS = _ABANDONED_WORDS_ABROAD + (
    "ABANDONED", "ABANDONNE", "ABANDONADA", "ABANDONADO", "ABBANDONATA", "ABBANDONATO",
    "ABBANDONO", "HANGUP", "MISSED", "DROPPED", "PERSA", "PERSO", "AFGEBROKEN", "DESATENDIDA",
    "ENTGANGEN", "DESLIGOU",
)  # fmt: skip
# One word cut short: three letters or more with the abbreviation's full stop, or five or more
# without one (a column cut to its width).
_ABBREVIATED = re.compile(r"^([A-Z]{3,})\.$|^([A-Z]{5,})$")
# An optional leading "Appel", "Anruf", "Llamada", Polish "Połączenie", Swedish "Samtal" or Czech
# "Hovor" ("Appel perdu", "Llamada atendida", "Połączenie odebrane", "Samtal besvarat").
_CALL_WORD = r"^(?:APPELS? |ANRUFE? |LLAMADAS? |POLACZENI[EA] |SAMTAL |OPKALD |HOVORY? )?"
_ENDINGS = r"(?:E|S|ES|O|A|OS|AS|ER|EN|EM)?\b"
_ANSWERED_ABROAD = re.compile(_CALL_WORD + f"({'|'.join(_ANSWERED_WORDS_ABROAD)}){_ENDINGS}")
_ABANDONED_ABROAD = re.compile(_CALL_WORD + f"({'|'.join(_ABANDONED_WORDS_ABROAD)}){_ENDINGS}")
# "Non traité", "Nicht angenommen", "No atendida", "Não atendida", "Niet beantwoord", "Nie
# odebrano", "Ej besvarat", "Not handled": an answered label negated; also by "N." cut short
# ("N. risp.", Italian "non risposta").
_NEGATED = re.compile(
    r"^(?:(?:NON|NOT|NO|NICHT|PAS|NAO|NIET|NIE|EJ|INTE|IKKE|IKKJE|EI) +|N\. *)(.+)"
)

# "Caller abandoned", "Short abandon": abandonment named anywhere in the label.
_ABANDONED_WORD = re.compile(r"\b(ABAND|ABBANDON)")
# A voicemail ("Voicemail", "VM", "Messagerie", "Répondeur", "Mailbox", "Segreteria", "Buzón de
# voz") means no agent answered: the row's duration is the message's, so it is no served call
# whatever time it carries, and the caller left a message instead of giving up: VOICEMAIL.
_VOICEMAIL = re.compile(
    r"\b(VOICE ?MAIL|VOICE ?BOX|VM\b|MESSAGERIE|REPONDEUR|PRISE DE MESSAGE|MESSAGE (DEPOSE|LAISSE)"
    r"|MAILBOX|SPRACHBOX|ANRUFBEANTWORTER|BUZON|SEGRETERIA TELEFONICA|CAIXA POSTAL|CORREIO DE VOZ)"
    r"|^SEGRETERIA$"
)
# Disconnect reasons that only say who ended the call: a caller who hangs up while waiting ends
# it as much as one who hangs up after talking. Amazon Connect's contact records give the reason
# (CUSTOMER_DISCONNECT, AGENT_DISCONNECT, ...) apart from whether an agent was connected
# (docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html), Cisco's "Customer Left"
# likewise; so the row's handle time tells a served caller from one who gave up.
_ENDED_BY_CALLER = re.compile(
    r"\b(CUSTOMER|CALLER|CLIENT|CLIENTE|CHIAMANTE|APPELANT|ANRUFER|KUNDE|LLAMANTE)\b.*"
    r"\b(DISCONNECT|HANG|HUNG|RELEASE|RIAGGANC|CHIUS|RACCROCH|AUFGELEGT|COLG)"
)

# A task or contact canceled by the caller ("Task canceled by caller hangup", Twilio TaskRouter's
# reason; "Cancelled by customer") was withdrawn before any agent took it: abandoned. A bare
# "canceled" says not by whom (a system timeout, a supervisor), so it stays another outcome.
_CANCELED_BY_CALLER = re.compile(
    r"\bCANCELL?ED\b.*\b(BY (THE )?(CALLER|CUSTOMER|CLIENT)\b|(CALLER|CUSTOMER|CLIENT) "
    r"(HANG|HUNG|DISCONNECT|ABANDON))"
)


# Labels saying the contact met a closed center, in the five languages ("out_of_opening_hours",
# "Outside business hours", "After hours", "Hors horaires", "Außerhalb der Geschäftszeiten",
# "Fuera de horario", "Fuori orario"): about opening hours, so they mean that in any column.
_CLOSED_HOURS = re.compile(
    r"\b(OUT ?OF (OPENING |BUSINESS |OFFICE |WORKING |SERVICE )?HOURS|OUTSIDE (OF )?(OPENING "
    r"|BUSINESS |OFFICE |WORKING |SERVICE )?HOURS|AFTER ?HOURS|OFF ?HOURS|CLOSED HOURS"
    r"|(CENTER|CENTRE|OFFICE|BUSINESS|QUEUE) (IS )?CLOSED|HORS (DES )?(HORAIRES?|HEURES)"
    r"|AUSSERHALB (DER )?(GESCHAFTS|OFFNUNGS|SERVICE|BURO)ZEIT"
    r"|FUERA (DEL? )?HORARIO|FUORI (DALL )?ORARIO)"
)
# A bare "Closed" ("Fermé", "Geschlossen", "Cerrado", "Chiuso") says so only as the reason a call
# was missed: as a ticket's status it means resolved, in Italian a call "chiusa" was hung up.
_CLOSED_REASON = re.compile(r"^(CLOSED|FERMEE?|GESCHLOSSEN|CERRADO|CHIUSO)$")


# A leading "Call" ("Call missed") or Italian "Chiamata" ("Chiamata persa", "Chiamata
# risposta"): the outcome is the word after it.
_LEADING_CALL = re.compile(r"^(?:CALL|CHIAMAT[AE]) +(?=\S)")

# Status codes that name an outcome only as a code. VICIdial's inbound closer log: TIMEOT (queue
# timeout drop), NANQUE (no agent, no queue drop), XDROP, HOLDTO (hold timeout), QVMAIL (queue
# abandon, voicemail left) were never answered, as its own reports count them; AFTHRS met the
# closed in-group; INCALL is a call an agent took and never dispositioned. Asterisk's queue_log
# exits, written by XCALLY Motion and FreePBX queue reports: the caller left the queue unanswered
# on its timeout (EXITWITHTIMEOUT), with no agent logged in (EXITEMPTY) or by a key (EXITWITHKEY).
_OUTCOME_CODES = {
    "TIMEOT": ABANDONED, "NANQUE": ABANDONED, "XDROP": ABANDONED, "HOLDTO": ABANDONED,
    "QVMAIL": ABANDONED, "AFTHRS": CLOSED, "INCALL": ANSWERED,
    "EXITWITHTIMEOUT": ABANDONED, "EXITEMPTY": ABANDONED, "EXITWITHKEY": ABANDONED,
    # Teams call queues' "timed_out": no agent took the call before the queue's time limit,
    # and its "Call Duration" is the wait, so no served call whatever time it carries. (A bare
    # "Timeout" disconnect reason says not whose time ran out: it stays another outcome.)
    "TIMED OUT": ABANDONED,
    # Asterisk's DIALSTATUS writes the CDR's "NO ANSWER" as one word.
    "NOANSWER": ABANDONED,
}  # fmt: skip
# A list of categories ("incoming, answered", "inbound,missed": Dialpad's call categories): the
# outcome the parts name.
_LIST_SEPARATOR = re.compile(r" *[,;|] *")


def _words(label: str) -> str:
    """Upper case without accents, with underscores and dashes as spaces ("CUSTOMER_DISCONNECT",
    "ABANDONNE")."""
    plain = "".join(
        char
        for char in unicodedata.normalize("NFKD", label.strip().translate(PLAIN_LETTERS).upper())
        if not unicodedata.combining(char)
    )
    return re.sub(r"[_\-/]+", " ", plain)


def classify_label(label: str) -> int:
    """ANSWERED, ABANDONED or OTHER for one outcome label.

    Anything unrecognised - e.g. the Anonymous Bank's PHANTOM records, which have no real caller
    behind them - is OTHER: it still counts as an arrival (the bank's own interval counts include
    it) but neither as answered nor as abandoned.
    """
    # "Call connected", "Call missed" (RingCentral's results): the outcome after the word call.
    upper = _LEADING_CALL.sub("", _words(label_in_english(label)))
    if upper in _OUTCOME_CODES:
        return _OUTCOME_CODES[upper]
    parts = [part for part in _LIST_SEPARATOR.split(upper) if part]
    if len(parts) > 1:
        codes = {classify_label(part) for part in parts} - {OTHER}
        for code in (CLOSED, VOICEMAIL, ABANDONED, ANSWERED):  # "answered, voicemail" too
            if code in codes:
                return code
        return OTHER
    if _CLOSED_HOURS.search(upper):
        return CLOSED  # before abandoned: "Missed - out of hours" was no demand at all
    if _VOICEMAIL.search(upper):
        return VOICEMAIL  # before answered: "Answered by voicemail" is no served call
    if (
        upper.startswith(_ABANDONED_PREFIXES)
        or _ABANDONED_WORD.search(upper)
        or _ABANDONED_ABROAD.match(upper)
        or _CANCELED_BY_CALLER.search(upper)
    ):
        return ABANDONED  # before answered: "NOT ANSWERED" is abandoned
    negated = _NEGATED.match(upper)
    if negated and classify_label(negated.group(1)) == ANSWERED:
        return ABANDONED  # "Non traité", "Nicht angenommen", "No atendida"
    if upper.startswith(_ANSWERED_PREFIXES) or _ANSWERED_ABROAD.match(upper):
        return ANSWERED
    return _abbreviated_outcome(upper)


def _abbreviated_outcome(upper: str) -> int:
    """The outcome of a word cut short ("ABGEBR." of ABGEBROCHEN) where every outcome word it
    may be cut from says the same: "VER." (VERBUNDEN or VERLOREN) says nothing."""
    cut = _ABBREVIATED.match(upper)
    if not cut:
        return OTHER
    stem = cut.group(1) or cut.group(2)
    answered = any(word.startswith(stem) for word in _ANSWERED_WHOLE_WORDS)
    abandoned = any(word.startswith(stem) for word in _ABANDONED_WHOLE_WORDS)
    if answered != abandoned:
        return ANSWERED if answered else ABANDONED
    return OTHER


# A transferred contact was served by an agent of this queue before going on, when the row
# carries that agent's handle time: its work counts in this queue's AHT. Without one (an IVR or
# queue-to-queue transfer) no agent here touched it.
# An overflow ("Débordé", "Desbordada", Italian "Trabocco", German "Überlauf", Portuguese
# "Transbordo", Dutch "Overloop") passed the contact on to another queue as a transfer does.
_TRANSFERRED = re.compile(
    r"\b(TRANSF|TRASFER|XFER|INOLTR|OVERFLOW|DEBORD|DESBORD|WEITERGELEIT|UE?BERGEBEN|TRABOCC"
    r"|UE?BERLAUF|TRANSBORD|OVERLOOP)"
)

# A deterred contact ("Dissuadé": Alcatel's caller who got a busy or closed message and was never
# queued) was not answered, whatever time its message took; nor did it abandon a queue. It stays
# an arrival that is neither, as "Busy" or "Rejected" are not abandoned either.
# VICIdial's MAXCAL ("Inbound Max Calls Drop") was turned away by a full in-group likewise.
_DETERRED = re.compile(r"\bDISSUAD|^MAXCAL$")

# Whole labels of a contact no agent of this queue took, whatever time its row carries (in Teams
# call queue logs the whole call's length): Teams' "overflown" went on to the queue's overflow
# target (another queue, voicemail) before any agent here answered; a "failed" (or "error") call
# was never connected. Neither answered nor abandoned (the caller did not give up), and no
# transfer either: an overflow names where it was sent, not an agent's work here. A "declined"
# or "rejected" call (Teams' call queue result, RingCentral's "Declined") was turned down, not
# taken, whatever its row's time.
_NEVER_SERVED = re.compile(r"^(OVERFLOWN|FAILED|FAILURE|ERROR|DECLINED|REJECTED)$")
# A bare "disconnected" says only that the call ended. Where the same column names answered
# calls by a label of their own (Teams: "agent_joined_conference"), it is a call that ended
# before any agent took it, though its row carries the call's length; alone it may be any call.
_DISCONNECTED = re.compile(r"^DISCONNECTED$")


def never_served(label: str) -> bool:
    """A label saying no agent of this queue took the contact ("overflown", "Call failed")."""
    return bool(_NEVER_SERVED.match(_LEADING_CALL.sub("", _words(label))))


def _unserved_beside_answered(labels: list[str], mapping: np.ndarray) -> set[int]:
    """Positions of bare "disconnected" labels in a column that names answered calls apart."""
    if not (mapping == ANSWERED).any():
        return set()
    return {
        position
        for position, label in enumerate(labels)
        if _DISCONNECTED.match(_LEADING_CALL.sub("", _words(label)))
    }


# Records that say no real contact stood behind them (the Anonymous Bank's PHANTOM calls, test
# calls, spam, duplicates): neither answered nor abandoned, whatever time they carry.
_NO_CONTACT = re.compile(r"\b(PHANTOM|GHOST|TEST|SPAM|JUNK|DUPLICAT|INVALID)")


def disposition(label: str) -> bool:
    """A label that names no outcome ("Sale", "Callback requested", or an empty cell): on a row
    with a handle time it is what the agent who served the contact set, so it was answered."""
    return (
        classify_label(label) == OTHER
        and not transferred(label)
        and not ended_by_caller(label)
        and not _NO_CONTACT.search(_words(label))
        and not _DETERRED.search(_words(label))
        and not never_served(label)
    )


def transferred(label: str) -> bool:
    """A label saying the contact was passed on ("Transferred", "Trasferita", "XFER")."""
    return (
        classify_label(label) == OTHER
        and bool(_TRANSFERRED.search(_words(label)))
        and not never_served(label)
    )


def ended_by_caller(label: str) -> bool:
    """A label that only says the caller ended the contact ("Customer Disconnect", "Caller hung
    up"), not whether an agent answered it first."""
    return classify_label(label) == OTHER and bool(
        _ENDED_BY_CALLER.search(_words(label_in_english(label)))
    )


def classify_outcomes(
    values: pa.ChunkedArray | pa.Array, handle: np.ndarray | None = None
) -> tuple[np.ndarray, str]:
    """Per-row outcome codes (int8) and a summary like "AGENT -> answered (27,162), ...".

    With each row's `handle` time (seconds), a label that only says the caller ended the
    contact is answered where the row has a handle time, else abandoned, and a transfer or a
    label naming no outcome (a business disposition such as "Sale") is answered where it has
    one, else OTHER; without handle times, such labels stay OTHER.
    """
    indices, labels = label_codes(values)
    mapping = np.array([classify_label(label) for label in labels], dtype=np.int8)
    codes = mapping[indices] if len(labels) else np.zeros(len(indices), dtype=np.int8)
    beside_answered = _unserved_beside_answered(labels, mapping)
    # Label position -> code of its rows without a handle time.
    unhandled = {
        position: ABANDONED if ended_by_caller(label) else OTHER
        for position, label in enumerate(labels)
        if (ended_by_caller(label) or transferred(label) or disposition(label))
        and position not in beside_answered
    }
    if handle is not None and unhandled:
        # One pass over the rows, however many labels (free-text dispositions) there are.
        by_handle_time = np.zeros(len(labels), dtype=bool)
        otherwise = mapping.copy()
        for position, code in unhandled.items():
            by_handle_time[position], otherwise[position] = True, code
        handled = np.nan_to_num(handle, nan=0.0) > 0
        codes = np.where(
            by_handle_time[indices], np.where(handled, ANSWERED, otherwise[indices]), codes
        ).astype(np.int8)
    else:
        unhandled = {}
    counts = np.bincount(indices, minlength=len(labels))
    used = [p for p in unhandled if counts[p]]
    by_handle = [p for p in used if unhandled[p] == ABANDONED]
    passed_on = [p for p in used if transferred(labels[p])]
    disposed = [p for p in used if disposition(labels[p])]
    unserved = [
        i
        for i in range(len(labels))
        if counts[i] and (never_served(labels[i]) or i in beside_answered)
    ]
    order = [i for i in np.argsort(-counts, kind="stable") if counts[i]]  # rows left out: none

    def outcome(position: int) -> str:
        if position not in unhandled:
            return f"{_NAMES[int(mapping[position])]} ({counts[position]:,})"
        split = np.bincount(codes[indices == position], minlength=len(_NAMES))
        present = [code for code in (ANSWERED, ABANDONED, VOICEMAIL, OTHER, CLOSED) if split[code]]
        if len(present) == 1:
            return f"{_NAMES[present[0]]} ({split[present[0]]:,})"
        return ", ".join(f"{_NAMES[code]} {split[code]:,}" for code in present)

    summary = ", ".join(f"{labels[i] or '(empty)'} -> {outcome(i)}" for i in order[:8])
    if len(order) > 8:
        summary += f", and {len(order) - 8} more label(s)"
    if by_handle:
        summary += (
            f"; {_quoted(labels, by_handle)} only that the caller ended the contact, not whether "
            "an agent answered it first: rows with a handle time were taken as answered, the "
            "others as abandoned"
        )
    if passed_on:
        summary += (
            f"; {_quoted(labels, passed_on)} that the contact was passed on: rows with a handle "
            "time were served here first and taken as answered (their time counts in the AHT), "
            "the others as neither answered nor abandoned"
        )
    if disposed:
        summary += (
            f"; {_quoted(labels, disposed)} no outcome the importer knows: rows with a handle "
            "time were taken as answered (an agent served them), the others as neither answered "
            "nor abandoned"
        )
    messages = [i for i in order if mapping[i] == VOICEMAIL]
    if messages:
        summary += (
            f"; {_quoted(labels, messages)} that the caller left a message to be called back: "
            "neither answered nor abandoned (the caller did not give up), still counted as "
            "arrivals"
        )
    if unserved:
        summary += (
            f"; {_quoted(labels, unserved)} that no agent of this queue took the contact (sent "
            "on to an overflow target, turned down, never connected or ended before an agent took "
            "it): neither answered nor abandoned, "
            "whatever time the row carries (still counted as arrivals)"
        )
    return codes, summary


def read_outcomes(
    name: str,
    outcome: tuple[str, pa.ChunkedArray] | None,
    direction: tuple[str, pa.ChunkedArray] | None,
    handle: np.ndarray | None,
    reason: tuple[str, pa.ChunkedArray] | None = None,
    call_type: tuple[str, pa.ChunkedArray] | None = None,
) -> tuple[np.ndarray | None, list[str]]:
    """Per-row outcome codes of one file and notes saying how they were read; None when no
    column tells how the contacts ended (answered and abandoned are then unknown).

    `outcome` is the (column, values) named as outcomes; it is not used when its values mostly
    are no outcomes (empty cells, or labels read neither by themselves nor, with a handle time,
    as dispositions) and no label names one. `direction` is a direction or call type column;
    where it holds outcomes ("abandoned", "missed" beside "inbound") it gives the outcome of the
    rows the outcome column says nothing about, as a `reason` column beside it does
    ("canceled" with the reason "Task canceled by caller hangup"). `call_type` is a column of
    outcomes ("Answered", "Missed", "Voicemail") beside an outcome column of missed-call reasons:
    it tells the voicemails among the missed calls, as it would read alone.
    """
    notes: list[str] = []
    codes = None
    if outcome is not None and names_missed_reasons(outcome[0]):
        column, values = outcome
        codes, summary = classify_missed_reasons(values)
        notes.append(f"{name}: outcome from the missed-call reasons in '{column}': {summary}.")
        if call_type is not None:
            notes += _voicemails_of_call_type(name, codes, call_type)
    elif outcome is not None:
        column, values = outcome
        found, summary = classify_outcomes(values, handle)
        unread = _no_outcomes(values, found)
        if unread is None:
            codes = found
            notes.append(f"{name}: outcome '{column}': {summary}.")
        else:
            notes.append(f"{name}: '{column}' was not read as outcomes: {unread}.")
    if direction is not None and _names_outcomes(*label_codes(direction[1])):
        column, values = direction
        found, summary = classify_outcomes(values, handle)
        if codes is None:
            codes = found
            notes.append(
                f"{name}: outcome from '{column}', whose values include outcomes: {summary}."
            )
        else:  # only a label that names an outcome by itself: "inbound" says nothing
            blank = (codes == OTHER) & (classify_outcomes(values)[0] != OTHER)
            codes[blank] = found[blank]
            if blank.any():
                notes.append(
                    f"{name}: {int(blank.sum()):,} row(s) whose '{outcome[0]}' says nothing about "
                    f"how the contact ended took it from '{column}': {summary}."
                )
    if reason is not None and codes is not None and outcome is not None:
        column, values = reason
        found = classify_outcomes(values)[0]  # only labels naming an outcome by themselves
        blank = (codes == OTHER) & (found != OTHER)
        codes[blank] = found[blank]
        if blank.any():
            summary = classify_outcomes(values.filter(pa.array(blank)))[1]
            notes.append(
                f"{name}: {int(blank.sum()):,} row(s) whose '{outcome[0]}' says nothing about "
                f"how the contact ended took it from '{column}': {summary}."
            )
    if codes is not None:
        labelled = [item for item in (outcome, direction, reason) if item is not None]
        notes += _closed_notes(name, codes, labelled)
    return codes, notes


def _voicemails_of_call_type(
    name: str, codes: np.ndarray, call_type: tuple[str, pa.ChunkedArray]
) -> list[str]:
    """Rows whose missed-call reason is empty (read as answered) or says only that the call was
    missed take an unanswered outcome from the call type column where it names one: a reason
    "Call was not picked by any agent" beside the type "Voicemail" is a voicemail, as the type
    column alone reads it. Changes `codes` in place; the note saying how many rows changed."""
    column, values = call_type
    found = classify_outcomes(values)[0]  # only labels naming an outcome by themselves
    # A reason reads as answered only where it is empty.
    taken = (found == VOICEMAIL) & (codes == ABANDONED) | np.isin(found, UNANSWERED) & (
        codes == ANSWERED
    )
    if not taken.any():
        return []
    codes[taken] = found[taken]
    summary = classify_outcomes(values.filter(pa.array(taken)))[1]
    return [
        f"{name}: {int(taken.sum()):,} row(s) read from '{column}', whose outcome the missed-call "
        f"reason did not tell apart: {summary}."
    ]


def _closed_notes(
    name: str, codes: np.ndarray, columns: list[tuple[str, pa.ChunkedArray]]
) -> list[str]:
    """The note saying how many contacts met the closed center, naming their labels."""
    closed = codes == CLOSED
    if not closed.any():
        return []
    labels: list[str] = []
    for column, values in columns:
        indices, names = label_codes(values)
        mapping = _missed_reason_mapping(names) if names_missed_reasons(column) else None
        for position in np.unique(indices[closed]):
            label = names[position]
            code = mapping[position] if mapping is not None else classify_label(label)
            if code == CLOSED and label not in labels:
                labels.append(label)
    shown = ", ".join(labels[:3]) + (" ..." if len(labels) > 3 else "")
    return [
        f"{name}: {int(closed.sum()):,} calls that arrived while the center was closed "
        f"({shown}) are left out of the demand."
    ]


# A column of the reasons calls were missed ("missed_call_reason", "Missed Reason", "Abandon
# Reason", "Motif d'appel manqué"): empty for an answered call.
REASON_WORDS = {"reason", "reasons", "raison", "motif", "motivo", "grund", "causa", "cause"}
MISSED_WORDS = {
    "missed", "abandon", "abandoned", "abandonment", "unanswered", "lost", "manque", "perdu",
    "verpasst", "verpasster", "verpasste", "perdida", "perso", "persa", "mancata", "mancato",
    "abbandono",
}  # fmt: skip
_REASON_FILLER_WORDS = {
    "call", "calls", "appel", "appels", "anruf", "anrufs", "llamada", "chiamata", "the", "of",
    "de", "d", "di", "del", "der", "des", "du", "for", "why",
}  # fmt: skip


def names_missed_reasons(header: str) -> bool:
    """A header naming the reason a call was missed and nothing else ("missed_call_reason",
    "Reason"); "Contact Reason" or "Disconnect Reason" name something else."""
    words = header_words(header) - _REASON_FILLER_WORDS
    return bool(words & REASON_WORDS) and words <= REASON_WORDS | MISSED_WORDS


def _missed_reason_mapping(labels: list[str]) -> np.ndarray:
    """Per label of a missed-call reason column: empty is answered, a closed center is CLOSED, a
    voicemail VOICEMAIL, any other reason ("short_abandoned", "no_available_agent") abandoned."""
    return np.array(
        [
            ANSWERED
            if not label
            else CLOSED
            if classify_label(label) == CLOSED or _CLOSED_REASON.match(_words(label))
            else VOICEMAIL
            if classify_label(label) == VOICEMAIL
            else ABANDONED
            for label in labels
        ],
        dtype=np.int8,
    )


def classify_missed_reasons(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, str]:
    """Per-row outcome codes (int8) from a missed-call reason column and a summary like
    "(empty) -> answered (616), short_abandoned -> abandoned (31), ..."."""
    indices, labels = label_codes(values)
    mapping = _missed_reason_mapping(labels)
    codes = mapping[indices] if len(labels) else np.zeros(len(indices), dtype=np.int8)
    counts = np.bincount(indices, minlength=len(labels))
    order = [i for i in np.argsort(-counts, kind="stable") if counts[i]]
    summary = ", ".join(
        f"{labels[i] or '(empty)'} -> {_NAMES[int(mapping[i])]} ({counts[i]:,})" for i in order[:8]
    )
    if len(order) > 8:
        summary += f", and {len(order) - 8} more label(s)"
    return codes, summary


def reads_as_missed_reasons(values: list[str]) -> bool:
    """Some value says why a call was missed by itself ("short_abandoned", "out_of_hours"): a
    header that is only "Reason" then holds missed-call reasons, not a contact's subject."""
    return any(
        classify_label(value) in (*UNANSWERED, CLOSED) or _CLOSED_REASON.match(_words(value))
        for value in values
    )


# An outcome column is used when at least this share of its rows carry an outcome read from a
# label, or when some label names answered or abandoned by itself.
MIN_OUTCOME_SHARE = 0.5


def _no_outcomes(values: pa.ChunkedArray | pa.Array, codes: np.ndarray) -> str | None:
    """Why a column's values are no outcomes ("18,853 of its 18,853 values are empty"), or None
    when they are."""
    indices, labels = label_codes(values)
    if _names_outcomes(indices, labels):
        return None
    counts = np.bincount(indices, minlength=len(labels))
    filled = np.array([bool(label) for label in labels], dtype=bool)
    read = int(((codes != OTHER) & filled[indices]).sum()) if len(labels) else 0
    if read >= MIN_OUTCOME_SHARE * len(codes):
        return None
    empty = int(counts[~filled].sum()) if len(labels) else len(codes)
    unread = [label for p, label in enumerate(labels) if label and counts[p]]
    parts = [f"{empty:,} of its {len(codes):,} values are empty"] if empty else []
    if unread:
        shown = ", ".join(f"'{label}'" for label in unread[:3])
        parts.append(f"{'the others' if empty else 'its values'} ({shown}) name no outcome")
    return " and ".join(parts)


def _names_outcomes(indices: np.ndarray, labels: list[str]) -> bool:
    """Some row's label (`label_codes`) names answered or abandoned by itself ("abandoned",
    "missed")."""
    counts = np.bincount(indices, minlength=len(labels))
    return any(counts[p] and classify_label(label) != OTHER for p, label in enumerate(labels))


def _quoted(labels: list[str], positions: list[int]) -> str:
    """ "'A' says" or "'A', 'B' and 'C' say" for up to three labels."""
    quoted = [f"'{labels[position] or '(empty)'}'" for position in positions[:3]]
    named = " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    return f"{named} say{'s' if len(quoted) == 1 else ''}"


# Yes/no cells of an "Abandoned" flag column, in the five languages and Portuguese, Dutch,
# Polish, Nordic, Finnish, Turkish, Czech, Chinese, Japanese and Korean; anything else is left
# as another outcome.
_TRUE_FLAGS = {
    "yes", "y", "true", "1", "si", "sì", "sí", "vero", "x", "oui", "o", "vrai", "ja", "j", "wahr",
    "verdadero", "s", "sim", "tak", "kyllä", "kylla", "evet", "ano", "是", "はい", "예", "네",
}  # fmt: skip
_FALSE_FLAGS = {
    "no", "n", "false", "0", "falso", "", "non", "faux", "nein", "falsch", "não", "nao", "nee",
    "nej", "nei", "nie", "ei", "hayır", "hayir", "ne", "否", "いいえ", "아니오", "아니요",
}  # fmt: skip
FLAG_VALUES = _TRUE_FLAGS | _FALSE_FLAGS


def classify_flags(
    values: pa.ChunkedArray | pa.Array, yes_means: int = ABANDONED, header: str = ""
) -> tuple[np.ndarray, str]:
    """Outcome codes from a yes/no column: "Abandoned: yes/no" (yes_means ABANDONED) or
    "Answered: Y/N" (yes_means ANSWERED); no is the other outcome. A cell repeating the
    `header` ("Answered" under "Answered", the others empty) says yes too."""
    no_means = ANSWERED if yes_means == ABANDONED else ABANDONED
    yes = _TRUE_FLAGS | ({header.strip().lower()} if header.strip() else set())
    indices, labels = label_codes(values)
    keys = [label.strip().lower() for label in labels]
    mapping = np.array(
        [yes_means if k in yes else no_means if k in _FALSE_FLAGS else OTHER for k in keys],
        dtype=np.int8,
    )
    codes = mapping[indices] if len(labels) else np.zeros(len(indices), dtype=np.int8)
    counted = np.bincount(codes, minlength=3)
    summary = f"abandoned {counted[ABANDONED]:,}, answered {counted[ANSWERED]:,}"
    return codes, summary
