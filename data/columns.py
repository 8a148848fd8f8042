"""Decide which column holds what (timestamp, counts, handle time, queue, ...) from headers and
sample values, in English or Italian; explicit overrides always win."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import pyarrow as pa

from data.cjk import direction_of as cjk_direction
from data.cjk import has_cjk
from data.errors import IMPORT_CHOICES, InputError, where_to_choose
from data.labels import header_words, hungarian_parts
from data.outcomes import (
    ANSWERED,
    FLAG_VALUES,
    MISSED_WORDS,
    OTHER,
    REASON_WORDS,
    UNANSWERED,
    classify_label,
    names_missed_reasons,
    reads_as_missed_reasons,
    transferred,
)
from data.schema import KIND_INTERVALS, KIND_RECORDS
from data.timestamps import (
    DASHES,
    DATE_FORMATS,
    DATE_THEN_CLOCK,
    DATE_THEN_HOUR_RANGE,
    DATETIME_FORMATS,
    DB2_TIMESTAMP,
    HHMM_RANGE,
    HOUR_RANGE,
    NOT_AVAILABLE,
    ORACLE_CLOCK,
    detect_format,
    epoch_format,
    is_number,
    parse_duration,
    parse_number,
    parse_time_of_day,
    parse_timestamps,
)

TIME_WORDS = {
    "timestamp", "datetime", "time", "ora", "orario", "hour", "start", "inizio", "arrival",
    "arrivo", "entry", "ingresso", "received", "ricezione", "created", "creazione", "opened",
    "apertura", "interval", "intervallo", "fascia", "slot", "period", "periodo", "dt", "when",
    "heure", "uhrzeit", "zeit", "hora", "tijd", "tijdvak",
    "godzina", "czas", "przedzial", "interwal", "poczatek",  # Polish
}  # fmt: skip
# Headers a Unix time may sit under: "epoch", "ts", or a moment named "..._at" ("started_at",
# "created_at": Aircall, Intercom and most REST exports write these as seconds since 1970).
EPOCH_WORDS = {"epoch", "unix", "ts", "timestamp", "at"}
DATE_WORDS = {"date", "data", "giorno", "day", "dt", "jour", "datum", "fecha", "dzien"}
VOLUME_WORDS = {
    "calls", "call", "chiamate", "chiamata", "volume", "volumi", "count", "conteggio",
    "contacts", "contatti", "offered", "offerte", "offerti", "received", "ricevute", "ricevuti",
    "entranti", "arrivals", "arrivi", "inbound", "n", "num", "numero", "nr", "tickets", "chats",
    "emails", "mails", "totale", "total", "qty", "quantity", "volumes", "presented", "presentate",
    "entrate", "entered", "pervenute", "incoming", "handled", "gestite", "offer", "anrufe", "angeboten",
    "eingehend", "appels", "recus", "entrants", "llamadas", "recibidas", "entrantes", "ofrecidas",
    "chamadas", "ligacoes", "ofertadas", "aangeboden", "gesprekken", "oproepen",
    # Polish: "Połączenia przychodzące" (incoming calls), "Liczba połączeń" (number of calls)
    "polaczenia", "polaczen", "przychodzace", "oferowane", "liczba", "zgloszenia",
    # German "Angebotene" (offered) and "Eingegangen" (received), Portuguese "Recebidas". A bare
    # "Angebot" is a CRM's quote, no count.
    "angebotene", "eingegangen", "eingegangene", "recebidas", "recebidos",
    "recibidos", "recues", "ricevuto", "ricevuta",  # "Chats recibidos", "Demandes reçues"
    "offerts", "offertes",  # French "Appels offerts", written "Offerts" alone
}  # fmt: skip
# Volume words that say "a number of" without saying of what: "Total Handle" or "Total Queue" in
# a call log is a time, so a column named only by these must sit on an interval grid.
GENERIC_COUNT_WORDS = {
    "total", "totale", "n", "num", "numero", "nr", "count", "conteggio", "qty", "quantity",
    "liczba",
}  # fmt: skip
# Words that say a count is of arriving contacts (demand), preferred over a generic "calls"; and
# words that say it counts only served ones: taken only when nothing else is there, since
# abandoned contacts were demand too.
ARRIVAL_COUNT_WORDS = {
    "offered", "offerte", "offerti", "received", "ricevute", "ricevuti", "entrate", "entranti",
    "incoming", "arrivals", "arrivi", "inbound", "presented", "presentate", "pervenute", "offer",
    "angeboten", "eingehend", "recus", "entrants", "recibidas", "entrantes", "ofrecidas",
    "ofertadas", "aangeboden", "binnenkomend", "przychodzace", "oferowane",
    "entered",  # contacts that entered the queue ("Calls Entered", PureConnect's nEnteredAcd)
    "angebotene", "eingegangen", "eingegangene", "recebidas", "recebidos",
    "recibidos", "recues", "ricevuto", "ricevuta", "offerts", "offertes",
}  # fmt: skip
SERVED_COUNT_WORDS = {
    "handled", "gestite", "served", "evase", "connected", "servis", "decroches", "bearbeitete",
    "obsluzone",
}  # fmt: skip
# Avaya's "ACD Calls" are the calls an agent took; "Answer" is Genesys' answered count.
ANSWERED_WORDS_ABROAD = {
    "acd", "answer", "angenommen", "angenommene", "beantwortet", "repondus", "traites", "atendidas", "contestadas",
    "beantwoord", "aangenomen", "odebrane", "odebranych",
}  # fmt: skip
# Per-interval outcome counts and waits of ACD interval reports.
ANSWERED_COUNT_WORDS = (
    SERVED_COUNT_WORDS | ANSWERED_WORDS_ABROAD | {"answered", "risposte", "risposta", "accepted"}
)
# German abandoned counts ("Abgebrochen", "Abgebrochene Anrufe", "Aufgelegt", "Verpasste
# Anrufe"): the words German ACDs write where English ones write "Abandoned".
ABANDONED_WORDS_GERMAN = {
    "abgebrochen", "abgebrochene", "aufgelegt", "aufgelegte", "verpasst", "verpasste",
    "unbeantwortet", "unbeantwortete",
}  # fmt: skip
ABANDONED_COUNT_WORDS = ABANDONED_WORDS_GERMAN | {
    "abandoned", "abbandonate", "abbandonata", "abbandoni", "abandons", "lost", "perse", "dropped",
    "abandon", "aband", "abn", "verloren", "verlorene", "abandonnes", "abandonados", "abandonadas", "perdidas",
    "perdus", "missed", "aban", "verlaten", "gemist", "opgehangen", "unanswered",
    # Polish "nieodebrane" (unanswered), "porzucone" (abandoned), "utracone" (lost)
    "nieodebrane", "nieodebranych", "porzucone", "porzuconych", "utracone", "utraconych",
}  # fmt: skip
RATE_WORDS = {"rate", "pct", "percent", "perc", "tasso", "ratio", "share", "procent", "wskaznik"}
# Marks (never a word of a header) set on Hungarian-notation headers for the kind their prefix
# names: "nEnteredAcd" a count, "tTalkAcd" a time (see _read_hungarian_notation).
HUNGARIAN_COUNT = "#n"
HUNGARIAN_TIME = "#t"
TIME_MEASURE_WORDS = {HUNGARIAN_TIME} | {
    "time", "tempo", "avg", "average", "media", "medio", "mean", "sec", "secs", "seconds",
    "secondi", "asa", "tma", "wait", "attesa", "duration", "durata", "speed", "velocita", "tme",
    "gem", "gemiddelde",
    "czas", "sredni", "srednia", "srednie", "oczekiwania",  # Polish: time, mean, waiting
}  # fmt: skip
# A header with one of these measures a time or a rate, not a count ("Avg Abandon Time").
NOT_COUNT_WORDS = TIME_MEASURE_WORDS | RATE_WORDS
NOT_VOLUME_WORDS = {
    "id", "answered", "risposte", "risposta", "abandoned", "abbandonate", "abbandonata", "lost",
    "perse", "aht", "handle", "durata", "duration", "wait", "attesa", "rate", "pct", "percent",
    "sl", "level", "livello", *ANSWERED_WORDS_ABROAD, "abandon", "aband", "aban", "abn",
    "verloren", "verlorene", "abandonados", "abandonadas", "abandonnes", "perdidas", "perdus", "verlaten", "gemist",
    "nieodebrane", "nieodebranych", "porzucone", "porzuconych", "utracone", "utraconych",
    "obsluzone", "czas", "poziom", "wychodzace",
    *ABANDONED_WORDS_GERMAN, "unanswered",
    "out", "outbound", "outgoing", "uscita", "uscenti", "effettuate", "ivr", "contained",
    # The caller's or dialled number (Cisco "Call ANI", "Called Number DNIS"), never a count.
    "ani", "dnis", "clid", "cli", "caller", "called",
    # A code of the kind of call or its status (Vocalcom Hermes "CallType", "CallStatusGroup"
    # 1, 2 ...), never a count.
    "type", "tipo", "status", "stato", "statut", "estado",
    # Calls that left or bypassed the queue (Avaya CMS "Dequeued Calls", "Trans Out",
    # "Calls Busy/Disc", "Extn In Calls"): a part of the traffic, never the offered count.
    "dequeued", "transferred", "transfer", "transfers", "trasferite", "overflow", "overflowed",
    "interflow", "interflowed", "redirected", "busy", "blocked", "extn", "aux", "conf",
}  # fmt: skip
OUTBOUND_WORDS = {"out", "outbound", "outgoing", "uscita", "uscenti", "effettuate"}
# Of several arrival counts, the one offered to the agents' queue: "Calls Received" may include
# calls the IVR answered on its own.
OFFERED_WORDS = {
    "offered", "offer", "offerte", "offerti", "presented", "presentate", "angeboten", "ofertadas",
    "aangeboden", "angebotene",
}  # fmt: skip
# Handle time, best first: the whole handle time (talk + hold + wrap-up: "AHT", Italian TMC,
# French DMT, Spanish TMO, German Bearbeitungszeit), then talk time or a plain duration.
WHOLE_HANDLE_WORDS = {
    "handle", "handling", "aht", "tmc", "tmg", "gestione", "dmt", "tmo", "bearbeitungszeit",
    "traitement", "afhandeltijd", "atendimento", "atencion",
    "obslugi",  # Polish "Czas obsługi" (handling time)
}  # fmt: skip
# Plain durations: a call's length, a handle time only when nothing more precise is given.
PLAIN_DURATION_WORDS = {
    "durata", "duration", "duree", "duracion", "dauer", "duracao", "duur",
    "trwania",  # Polish "Czas trwania" (duration)
}  # fmt: skip
HANDLE_WORDS = WHOLE_HANDLE_WORDS | PLAIN_DURATION_WORDS | {
    "talk", "talking", "conversazione", "conversation", "ser", "service", "servizio", "acd",
    "communication", "conversacion", "gesprach", "gespraech", "gesprachsdauer",
    "gesprachszeit", "tracked", "gesprekstijd", "gespreksduur",
    "conv",  # Vocalcom Hermes "ConvDuration"
    "dmc",  # French "durée moyenne de communication": the talk part of the DMT
    # An Asterisk-based PBX's "Billsec" (Wildix, FreePBX, NethVoice CDRs) runs from answer to
    # hang-up: the talk time, where its "Duration" counts the ringing too.
    "billsec",
    "rozmowy",  # Polish "Czas rozmowy" (talk time)
}  # fmt: skip
# A call's whole length ("duration (total)" beside "duration (in call)", Aircall) runs from
# arrival to hang-up, the wait included: a handle time only when no other length is given.
WHOLE_CALL_WORDS = {"total", "totale", "overall", "gesamt", "whole"}
# Parts of a handle time, summed when no whole handle time is given: talk (handle words that
# name neither the whole nor a plain duration, which may include the queue), the agent's hold,
# after-call work. Handle time = talk + hold + after-call work (Genesys tHandle = tTalk + tHeld +
# tAcw; Avaya CMS's "Avg Work Time" = ACD talk + ACW: AT&T CMS User's Guide, ch. 7).
TALK_WORDS = HANDLE_WORDS - WHOLE_HANDLE_WORDS - PLAIN_DURATION_WORDS
HOLD_WORDS = {"hold", "held"}
WRAP_UP_WORDS = {
    "acw", "wrap", "wrapup", "nachbearbeitung", "nacharbeit", "riordino", "postchiamata",
}  # fmt: skip
# TMA is the Italian "tempo medio di attesa": a wait, not a handle time. "Hold" is the time an
# agent held the caller, a part of handling, unless it says it was a queue's hold.
WAIT_WORDS = {
    "wait", "waiting", "attesa", "q", "asa", "delay", "ring", "queued", "tma", "espera",
    "wartezeit", "attente", "ringing", "tme", "wachttijd",
    "oczekiwania", "oczekiwanie",  # Polish "Czas oczekiwania"
    "wartedauer",  # German compound, "wait duration"
}  # fmt: skip
# The average speed of answer is the answered contacts' mean wait: Avaya's "Avg Speed Ans" (BCMS
# User's Manual, Issue 5.0, 2005, "Header definitions": the time answered ACD calls spent in queue
# and ringing; CMS's "Avg Speed Answer"), "Speed of Answer", Italian "Velocità di risposta".
# "Ans" alone is no wait ("% Ans Calls"): only beside "speed".
SPEED_WORDS = {"speed", "velocita"}
ANSWER_WORDS = {"ans", "answer", "answered", "answering", "risposta", "reponse", "respuesta"}
# Words naming a length of time, in a header that names what was timed ("Time to Answer",
# "Tempo di risposta", "Queue Duration").
LENGTH_WORDS = {
    "time", "tempo", "temps", "tiempo", "zeit", "duration", "durata", "duree", "duracion",
    "dauer", "seconds", "sec", "secs", "secondi", "duracao", "duur", "tijd", "czas",
    HUNGARIAN_TIME,  # "tConnected": a time by its prefix
}  # fmt: skip
# A queue as the place a length was spent in: "Queue Time", "Tempo in coda", Spanish "Tiempo en
# cola", Portuguese "Tempo em fila", Dutch "Tijd in wachtrij", Polish "Czas w kolejce", French
# "Temps en file".
QUEUE_PLACE_WORDS = {"queue", "coda", "cola", "fila", "wachtrij", "kolejce", "kolejka", "file"}
# A moment, not a length: "Answer Date", "Answer Timestamp" (and "Answered At": MOMENT_WORDS).
DATE_WORDS_OF_A_MOMENT = {"date", "data", "datetime", "timestamp", "ts", "stamp", "fecha", "datum"}
# Waits of one contact longer than this are clock times ("Answer Time" 08:01:25), not waits.
MAX_WAIT_SECONDS = 3600
# A service level or a rate measured in seconds is neither a handle time nor a wait.
NOT_A_TIME_WORDS = RATE_WORDS | {"level", "livello", "sl", "poziom"}
COUNTED_THINGS = {
    "calls", "call", "chiamate", "contacts", "contatti", "tickets", "chats", "emails", "mails",
    "anrufe", "appels", "llamadas", "chamadas", "ligacoes", HUNGARIAN_COUNT,
    "polaczenia", "polaczen", "zgloszenia",
}  # fmt: skip
# "CSQ" is Cisco's contact service queue.
QUEUE_WORDS = {
    "queue", "coda", "code", "channel", "canale", "skill", "split", "assignment", "group",
    "gruppo", "campaign", "campagna", "queues", "attente", "warteschlange", "cola", "csq",
    "fila", "wachtrij",
    "workgroup", "workgroups",  # PureConnect's and ShoreTel's queues ("LastAssignedWorkgroup")
    "kolejka", "kolejki", "kolejce", "grupa",  # Polish ("w kolejce": in the queue)
}  # fmt: skip
# A column that says what kind of contact a row counts ("Media Type", "CallTypeName", "Tipo
# contatto"): a queue of its own, or, beside a queue column, a split of each queue.
KIND_OF_CONTACT_WORDS = {
    "call",
    "media",
    "contact",
    "interaction",
    "contatto",
    "chiamata",
    "ticket",
}
CHANNEL_WORDS = {"channel", "canale", "media"}
# Words that name a queue itself, not the channel its contacts came by: such a column is the
# queue wherever it stands, and a channel or media type column beside it splits each queue.
PROPER_QUEUE_WORDS = QUEUE_WORDS - CHANNEL_WORDS
# An e-mail export's mailbox ("Casella postale", "Mailbox", "Inbox", "Boîte de réception",
# "Postfach", "Buzón"): the queue when no column names one better.
MAILBOX_WORDS = {"casella", "mailbox", "inbox", "boite", "postfach", "buzon"}
# Help desks and some switches route by team or department ("Team currently assigned",
# "Département", Alcatel's "Pilote"; a header that is only "Service"): the queue, after a column
# named as one.
TEAM_WORDS = {
    "team", "equipe", "squadra", "department", "departement", "dipartimento", "reparto",
    "abteilung", "departamento", "pilote", "groups", "pipeline", "project",
} | MAILBOX_WORDS  # fmt: skip
# Words beside "code" (Italian for queues) or a team word that name something else: the
# caller's country ("country_code"), a phone line's number, a project's key.
NOT_QUEUE_NAME_WORDS = {
    "country", "area", "postal", "zip", "dial", "phone", "number", "caller", "customer",
    "language", "key", "id", "item", "items",
}  # fmt: skip
# A header that is only "Service" or "Line" (Aircall's line: "Support FR"); "vru+line" numbers
# a phone line, no queue.
SERVICE_HEADERS = ({"service"}, {"servizio"}, {"servicio"}, {"line"}, {"linea"}, {"ligne"})
# The name a phone line was given ("number name": Aircall's "Support FR" beside the "number"
# itself; "Line Name"): the line the caller dialled, so the queue when none is named. Its
# number alone ("number": +33 1 ...) is no queue.
LINE_NAME_HEADERS = (
    {"number", "name"}, {"line", "name"}, {"linea", "nome"}, {"nome", "linea"}, {"ligne", "nom"},
    {"nom", "ligne"}, {"numero", "nome"}, {"nome", "numero"},
)  # fmt: skip
_PHONE_NUMBER = re.compile(r"\+?[\d\s().-]{6,}")
# A queue named by an identifier ("Queue Id" a0b1c2d3-e4f5-...): the queue, but a readable
# name beside it ("Queue Name") labels it better. "code" is Italian for queues, no key here.
ID_WORDS = {"id", "uuid", "guid", "key", "no", "nr", "number", "nummer"}
OPAQUE_ID_WORDS = {"id", "uuid", "guid"}
RESOLUTION_WORDS = {
    "business", "resolution", "resolve", "resolved", "close", "closed", "age", "calendar",
    "lifetime",
}  # fmt: skip
_OPAQUE_ID = re.compile(r"(?=.*\d)[0-9a-f]{8,}(-[0-9a-f]{4,})*", re.IGNORECASE)
MAX_SPLIT_VALUES = 12  # distinct values in the sample: more is not a handful of channels
# A queue, skill or split named by its number ("Numero coda", "Queue ID", "Skill No", "Split
# No.", "Code de file"): a key to tell queues apart, never a count, though "numero" and "n" name
# counts elsewhere. French "file" (d'attente) names a queue; a number under "File" alone may be a
# file's, so numbers need a key word beside it.
# Spanish "fila" is a row as well as a Portuguese queue: numbers under it are no queue keys.
QUEUE_KEY_WORDS = (QUEUE_WORDS - {"fila"}) | {"file", "vdn", "hunt"}
KEY_WORDS = {
    "id", "no", "nr", "n", "num", "numero", "number", "nummer", "code", "codice", "cod", "key",
}  # fmt: skip
# Words that make a queue-named header a measure of the queue ("Calls in Queue", "Queue Time",
# "Max Queue Length"), not its name.
QUEUE_MEASURE_WORDS = {"in", "waiting", "length", "size", "max", "longest", "oldest", "depth"}
# A time that is the interval's longest, not its typical one ("Max Queue Time").
LONGEST_WORDS = {"max", "maximum", "longest", "oldest", "peak", "massimo", "massima"}
MAX_QUEUE_KEYS = 100  # distinct queue numbers in the sample: more is no set of queues
# A queue a call went through, first or last (Vocalcom Hermes "FirstQueue", "LastQueue"): a
# queue by name or number, never a count. The queue a call ended in is the one that served or
# lost it, so it is read before the first.
PASSED_QUEUE_WORDS = {"first", "last", "initial", "final"}
ENTRY_QUEUE_WORDS = {"first", "initial"}
# Queue words a first/last queue is named by: a campaign ("LastCampaign") is the dialler's.
PASSED_QUEUE_KEY_WORDS = QUEUE_KEY_WORDS - {"campaign", "campagna", "file", "channel", "canale"}
# A disconnect reason names the outcome too ("Disconnect Reason", "Termination Type"): its
# abandoned labels say which contacts no agent served.
OUTCOME_WORDS = {
    "outcome", "esito", "result", "risultato", "status", "stato", "disposition", "disconnect",
    "disconnection", "termination", "hangup", "statut", "etat", "resultat", "estado",
    "resultado", "ergebnis", "resultaat", "wynik",
    "categories",  # Dialpad's call categories ("incoming, missed")
}  # fmt: skip
# ... but not a moment or a length named so ("Disconnect Time", "Status Duration").
NOT_OUTCOME_WORDS = {
    "time", "timestamp", "datetime", "date", "data", "ora", "tempo", "at", "ts", "duration",
    "durata", "seconds", "sec",
}  # fmt: skip
# A yes/no column saying whether each contact was abandoned ("Abandon", "Abandon Flag", "Is
# Abandoned"): its header names abandonment alone, never a count ("Abandons") or a time ("Abandon
# Time", "Avg Abandon").
ABANDONED_FLAG_WORDS = (ABANDONED_COUNT_WORDS - {"abandons", "abbandoni"}) | {
    "abbandonato", "abandonne", "abandonnee", "abandonado", "abandonada",
}  # fmt: skip
# An "Answered: Y/N" flag says the opposite: yes is answered ("Beantwortet ja/nein", "是否接通
# 是/否", "Répondu oui/non"). Counting words that are no past participle ("ACD") stay out.
ANSWERED_FLAG_WORDS = (ANSWERED_COUNT_WORDS - {"acd", "traites", "repondus"}) | {
    "repondu", "repondue", "risposto", "atendida", "atendido", "contestada", "contestado",
    "beantwortete", "odebrany", "odebrane",
}  # fmt: skip
FLAG_FILLER_WORDS = {"is", "was", "flag", "call", "contact", "y", "n", "yn", "indicator", "ind"}
SATISFACTION_WORDS = {
    "satisfaction", "soddisfazione", "csat", "rating", "score", "voto", "nps",
    "bewertung", "valutazione",  # German and Italian for a rating (Userlike "Bewertung")
}  # fmt: skip
# Values of a call-direction column. Outbound and internal calls are not customer demand: a
# contact-record export that mixes them in would inflate the forecast.
INBOUND_VALUES = {
    "inbound", "in", "incoming", "inb", "ib", "entrante", "entranti", "in entrata", "ingresso",
    "inbound call", "ricevuta", "ricevute", "entrant", "entrants", "appel entrant", "eingehend",
    "eingehende", "ankommend", "entrada", "llamada entrante", "entrantes", "recibida",
    "przychodzace", "przychodzące", "przychodzacy", "przychodzący",
    "inkommande", "indgående", "indgaende", "innkommende", "saapuva", "gelen", "příchozí",
    "prichozi",  # Swedish, Danish, Norwegian, Finnish, Turkish, Czech
    "trunking-originating",  # Twilio: from the PSTN into the center's own trunk
}  # fmt: skip
NOT_INBOUND_VALUES = {
    "outbound", "out", "outgoing", "outb", "ob", "uscente", "uscenti", "in uscita", "uscita",
    "outbound call", "effettuata", "effettuate", "internal", "interna", "interno", "intern",
    "sortant", "sortants", "appel sortant", "interne", "ausgehend", "ausgehende", "abgehend",
    "saliente", "salientes", "salida", "llamada saliente",
    "wychodzace", "wychodzące", "wychodzacy", "wychodzący", "wewnetrzne", "wewnętrzne",
    "utgående", "utgaende", "udgående", "udgaende", "lähtevä", "lahteva", "giden", "odchozí",
    "odchozi", "interní", "interni", "intern samtal",  # Nordic, Finnish, Turkish, Czech
    "trunking-terminating",  # Twilio: from the center's trunk out to the PSTN
}  # fmt: skip
# Telephony systems spell directions their own way ("outbound-api", "Outgoing", "Manual" for a
# dialled call): the first word decides. A missed call was an incoming one nobody answered.
INBOUND_FIRST_WORDS = {
    "inbound", "incoming", "in", "inb", "entrante", "entranti", "missed", "entrant", "eingehend",
}  # fmt: skip
NOT_INBOUND_FIRST_WORDS = {
    "outbound", "outgoing", "out", "outb", "uscente", "uscenti", "manual", "internal", "interna",
    "interno", "intern", "dialer", "predictive", "preview", "sortant", "ausgehend", "saliente",
    "ringout",  # RingCentral's click-to-dial call out ("RingOut", "RingOut Web")
}  # fmt: skip
# Microsoft Teams' PSTN usage report names its call types by who took part and the direction
# after it: "user_in", "conf_in", "ucap_in" inbound; "user_out", "user_out_transfer" outbound.
WHO_THEN_DIRECTION = re.compile(r"[a-z]+_(in|out)(?:_[a-z]+)*")
DIRECTION_SHARE = 0.9  # of a column's sample values must be directions for it to be one
# ... or this share under a header that says it holds directions.
NAMED_DIRECTION_SHARE = 0.5
DIRECTION_WORDS = {
    "direction", "direzione", "dir", "verso", "richtung", "sens", "direccion", "kierunek",
}  # fmt: skip
# A call log's one-letter directions (Avaya IP Office SMDR: "I", "O"), read only under a header
# naming a direction: a lone letter says nothing elsewhere.
DIRECTION_LETTERS = {"i": True, "o": False}


# A moment rather than a length: "q_start" is a clock time even though "q" suggests waiting.
MOMENT_WORDS = {"start", "end", "exit", "entry", "inizio", "fine", "arrival", "arrivo", "at"}
# Preferred arrival-time columns when several columns hold clock times.
ARRIVAL_WORDS = {
    "arrival", "arrivo", "entry", "ingresso", "received", "created", "start", "inizio", "started",
}  # fmt: skip


# Share of sample values that must read as a type for the column to be taken as that type: a few
# bad cells must not hide the column (the reader then names them), a text column must not pass.
MIN_SHARE = 0.5
# Spreadsheet exports often end with a "Totale" row (or a day's "Subtotal", an "Average"): a
# summary, not an interval. Whole first words, so a queue named "Summer" or "Subscriptions" stays.
TOTAL_LABEL = re.compile(
    r"^(tot\w*|sum|summary|somma|grand|sub-?\s?tot\w*|average|avg|media|mean)\b"
    # German "Gesamt" and "Summe", French "Somme", Spanish "Suma", Dutch "Eindtotaal".
    r"|^(gesamt\w*|summe|somme|suma|eindtotaal)\b"
    r"|^(合计|合計|总计|總計|小计|小計|总和|합계|총계|소계|평균)",  # Chinese, Japanese, Korean
    re.IGNORECASE,
)


@dataclass
class ColumnPlan:
    """Which column plays which role in one file (None = not present)."""

    kind: str
    timestamp_column: str | None = None  # date and time in one column
    timestamp_format: str | None = None
    date_column: str | None = None  # or: a date column ...
    date_format: str | None = None
    time_column: str | None = None  # ... plus an optional clock-time column
    minute_column: str | None = None  # ... and the minutes past its hour, where it holds hours
    # Minutes per part where the minute column numbers the parts of the hour instead ("Half
    # Hour" 1-2: 30), and the number of the first part (1, or 0).
    minute_part: int = 0
    minute_first: int = 0
    volume_column: str | None = None
    aht_column: str | None = None
    queue_column: str | None = None
    # Channels or call types within each queue: every pair is a queue ("Support / Chat").
    split_column: str | None = None
    handle_column: str | None = None
    wait_column: str | None = None
    outcome_column: str | None = None
    satisfaction_column: str | None = None
    direction_column: str | None = None  # inbound / outbound: only inbound rows are kept
    # The date column dates each row's week ("Week Ending" 10/03/2024) and this one names its
    # day ("Monday"): the row's date is that weekday of the week, which ends on the week's date
    # when `week_ends`, else starts on it.
    weekday_column: str | None = None
    week_ends: bool = False
    # Interval reports: outcome counts, and the abandoned callers' mean wait. Without an offered
    # count, the volume is answered + abandoned.
    answered_column: str | None = None
    abandoned_column: str | None = None
    abandon_wait_column: str | None = None
    abandoned_flag_column: str | None = None  # records: "Abandoned" yes/no instead of an outcome
    answered_flag_column: str | None = None  # records: "Answered" yes/no, yes being answered
    # Records: the id of the contact a row is a leg of ("Master Contact ID"), beside each row's
    # own id: a transfer's legs share it and make one contact.
    master_contact_column: str | None = None
    # ... and each row's own id ("Contact ID"): a first leg whose master id is empty (Amazon
    # Connect leaves a contact's "InitialContactId" blank on its first leg) is its own master.
    contact_id_column: str | None = None
    # Records: each row's call id repeated on its legs beside a leg or segment number (Avaya
    # CMS's CALLID and SEGMENT): rows of one id close in time are one contact, its first leg.
    leg_column: str | None = None
    # Records: a bare "Reason" beside the outcome column ("canceled" + "Task canceled by caller
    # hangup"): it tells how the contacts ended where the outcome column says nothing.
    reason_column: str | None = None
    # Records: a call type of outcomes ("Answered", "Missed", "Voicemail") beside an outcome
    # column of missed-call reasons, which may say only "not picked" of a voicemail.
    call_type_column: str | None = None
    # Records: a call log's "Action" (RingCentral: "Phone Call", "RingOut", "Outgoing Fax")
    # beside or instead of a direction: its outgoing actions are no demand, left out.
    action_column: str | None = None
    # Records without a status saying so (chat exports): the agent and the time to the first
    # response, both empty on a contact nobody answered. Set only as a pair.
    agent_column: str | None = None
    first_response_column: str | None = None
    # Records: Dialpad's "target_type" beside the queue it names ("callcenter", "department",
    # "user"): a call to a user went to a person, no queue, where the file has queues too.
    target_type_column: str | None = None
    # Records: the handle column of an export whose vendor writes it in minutes without saying
    # so in the header (Dialpad's "talk_duration"): read in minutes when its values fit.
    handle_in_minutes: bool = False
    # Records without a handle time: each contact's end ("End", "End Time"), a date-time beside
    # a date-time start or a clock beside a clock: the handle time is the span between them.
    end_column: str | None = None
    # The queue column holds queue numbers ("Queue ID"): one number alone in the file names no
    # queue, so the file's name does.
    queue_is_key: bool = False
    # No whole handle time, but its parts: talk (the aht/handle column), hold, after-call work,
    # summed row by row. Empty when the handle time is one column.
    handle_parts: tuple[str, ...] = ()
    # An interval report's hold time beside summed parts: left out (see reader._handle_seconds).
    unsummed_hold_column: str | None = None
    # The handle column is a call's whole length, its wait in queue included (VICIdial's
    # length_in_sec): the wait is taken off it row by row.
    handle_includes_wait: bool = False
    # One count column per queue beside the times ("retail", "business", ...): the reader turns
    # the file into one row per interval and queue. Empty for any other layout.
    queue_count_columns: tuple[str, ...] = ()
    # The queue each of them counts, by its header less the count word ("Sales Calls" -> "Sales").
    queue_names: tuple[str, ...] = ()
    # Per-queue blocks ("Sales Calls,Sales AHT,Support Calls,Support AHT"): each measure's
    # header in the long table and its column per queue, in the order of queue_count_columns.
    queue_measures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notes: list[str] = field(default_factory=list)  # what the user should know about the roles

    def used_columns(self) -> list[str]:
        names = [
            self.timestamp_column, self.date_column, self.weekday_column, self.time_column,
            self.minute_column, self.volume_column, self.aht_column, self.queue_column, self.split_column, self.handle_column,
            self.wait_column,
            self.outcome_column, self.satisfaction_column, self.direction_column,
            self.answered_column, self.abandoned_column, self.abandon_wait_column,
            self.abandoned_flag_column, self.answered_flag_column, self.master_contact_column,
            self.contact_id_column, self.leg_column, self.reason_column, self.call_type_column,
            self.action_column, self.agent_column,
            self.first_response_column, self.target_type_column, self.end_column,
            *self.handle_parts,
        ]  # fmt: skip
        return list(dict.fromkeys(name for name in names if name))

    def roles(self) -> dict[str, str]:
        """Role -> column, for showing the user what was detected."""
        pairs = {
            "timestamp": self.timestamp_column, "date": self.date_column,
            "weekday": self.weekday_column, "time": self.time_column,
            "minute": self.minute_column,
            "volume": self.volume_column, "aht": self.aht_column,
            "queue": self.queue_column, "queue split": self.split_column,
            "handle": self.handle_column, "wait": self.wait_column,
            "outcome": self.outcome_column, "satisfaction": self.satisfaction_column,
            "direction": self.direction_column, "answered": self.answered_column,
            "abandoned": self.abandoned_column, "abandon wait": self.abandon_wait_column,
            "abandoned flag": self.abandoned_flag_column,
            "answered flag": self.answered_flag_column,
            "master contact": None if self.leg_column else self.master_contact_column,
            "call id": self.master_contact_column if self.leg_column else None,
            "leg": self.leg_column,
            "outcome reason": self.reason_column, "call type": self.call_type_column,
            "action": self.action_column,
            "agent": self.agent_column, "first response": self.first_response_column,
            "end": self.end_column,
        }  # fmt: skip
        if self.handle_parts:  # "Avg ACD Time + Avg ACW Time"
            role = "aht" if self.aht_column else "handle"
            pairs[role] = " + ".join(self.handle_parts)
        if self.minute_part:  # a number, not minutes: "Half Hour" 2, "Interval" 17
            role = "part of hour" if self.time_column else "interval number"
            pairs = {role if key == "minute" else key: column for key, column in pairs.items()}
        return {role: column for role, column in pairs.items() if column}

    def roles_of(self, column: str) -> list[str]:
        """The roles `column` plays: ["volume"], ["aht"] for a part of a summed handle time."""
        roles = [role for role, used in self.roles().items() if used == column]
        if column in self.handle_parts:
            roles.append("aht" if self.aht_column else "handle")
        return list(dict.fromkeys(roles))


@dataclass
class ImportOptions:
    """Explicit choices that override detection; None = detect."""

    interval_minutes: int | None = None
    time_column: str | None = None
    date_column: str | None = None
    volume_column: str | None = None
    queue_column: str | None = None
    kind: str | None = None  # KIND_INTERVALS or KIND_RECORDS


@dataclass
class _Column:
    name: str
    position: int
    words: set[str]
    values: list[str]  # non-empty sample values
    decimal_comma: bool = False  # numbers written 1.234,5
    cells: list[str] = field(default_factory=list)  # every sample row's cell, empty ones too

    @property
    def text(self) -> pa.Array:
        return pa.array(self.values, pa.string())


# TMA is the Italian "tempo medio di attesa" (a wait) but the Portuguese "tempo médio de
# atendimento" and the Spanish "tiempo medio de atención" (a handle time), whose wait is TME
# ("tempo/tiempo médio de espera"). Headers in those languages, or a TME beside it, tell.
IBERIAN_HEADER_WORDS = {
    "tme", "chamadas", "ligacoes", "atendimento", "fila", "llamadas", "atencion", "espera",
    "fecha", "recebidas", "recibidas", "cola", "atendidas", "abandonadas",
}  # fmt: skip


def _read_acd_as_a_place(columns: list[_Column]) -> None:
    """Drop "ACD" from a header that counts offered or abandoned contacts ("ACD Calls Offered",
    "ACD Calls Abandoned"): there it says which contacts, not Avaya's "ACD Calls" (answered) or
    "ACD Time" (talk)."""
    for column in columns:
        if "acd" in column.words and column.words & (ARRIVAL_COUNT_WORDS | ABANDONED_COUNT_WORDS):
            column.words = column.words - {"acd"}


# A word denying the answer right before it: "Non répondus", "Nicht angenommen", "Non risposte",
# "No atendidas", "Não atendidas", "Niet beantwoord", "Calls not answered" count the contacts
# nobody answered. "No." is a number ("No. Answered"), no denial.
_NEGATED_ANSWER = re.compile(r"\b(?:non|not|nicht|niet|nao|no(?!\.))[\s_-]+([a-z]+)")


def _read_negated_answers(columns: list[_Column]) -> None:
    """Read a header denying an answered count as the unanswered (abandoned) count."""
    for column in columns:
        plain = unicodedata.normalize("NFD", column.name.lower())  # not NFKD: "Nº" is no "No"
        plain = "".join(char for char in plain if not unicodedata.combining(char))
        denied = {
            word
            for match in _NEGATED_ANSWER.finditer(plain)
            for word in header_words(match.group(1)) & ANSWERED_COUNT_WORDS
        }
        if denied:
            column.words = (
                column.words - denied - {"non", "not", "nicht", "niet", "nao", "no"}
            ) | {"unanswered"}


def _read_iberian_tma(columns: list[_Column]) -> None:
    """Read a TMA column as the handle time ("aht") in a Portuguese or Spanish header row."""
    if not any(column.words & IBERIAN_HEADER_WORDS for column in columns):
        return
    for column in columns:
        if "tma" in column.words:
            column.words = (column.words - {"tma"}) | {"aht"}


# German writes a queue's kind of group as one word ("Operatorgruppe", "Agentengruppe",
# "Anrufgruppe", "Zielwarteschlange"): its last part (or a bare "Gruppe") names the queue.
GERMAN_QUEUE_HEADS = {"gruppe": "group", "gruppen": "group", "warteschlange": "queue"}


def _read_german_compounds(columns: list[_Column]) -> None:
    for column in columns:
        for word in list(column.words):
            column.words.update(
                meaning for head, meaning in GERMAN_QUEUE_HEADS.items() if word.endswith(head)
            )


# Hungarian-notation headers a table needs to be read as such: one "tHandle" among plain headers
# keeps its words.
MIN_HUNGARIAN_HEADERS = 3
# Service level abbreviated in a Hungarian name ("nAnsweredAcdSvcLvl": answered within it).
SERVICE_LEVEL_ABBREVIATIONS = {"svc", "lvl"}


def _read_hungarian_notation(columns: list[_Column]) -> None:
    """Words for a header row in Hungarian notation (PureConnect's IWrkgrpQueueStats: cName,
    cReportGroup, dIntervalStart, nDuration, nEnteredAcd, tTalkAcd, mtAnsweredAcd ...): the
    prefix says what the name measures. A count ("n") is never a time, so "nDuration" (the
    interval's length) is no handle time; a time ("t") is never a count, so "tAcw" is no volume;
    a "t" before an outcome is the time until it ("tAnsweredAcd": the wait of the answered).
    "Acd" says the contacts were routed by the ACD, not that they were answered (Avaya's "ACD
    Calls"). "cName" beside a group column ("cReportGroup") names the queue the group splits."""
    decoded = [(column, hungarian_parts(column.name)) for column in columns]
    hungarian = [(column, parts) for column, parts in decoded if parts]
    if len(hungarian) < MIN_HUNGARIAN_HEADERS or not any(p == "n" for _, (p, _) in hungarian):
        _read_timed_metrics(hungarian)
        return
    named = [column for column, parts in hungarian if parts == ("c", "Name")]
    groups = [
        column
        for column, (prefix, rest) in hungarian
        if prefix == "c" and header_words(rest) & QUEUE_WORDS
    ]
    for column, (prefix, rest) in hungarian:
        words = header_words(rest)
        if len(words) > 1:
            words -= {"acd"}
        if words & SERVICE_LEVEL_ABBREVIATIONS:
            words = (words - SERVICE_LEVEL_ABBREVIATIONS) | {"sl", "level"}
        if "not" in words:  # "nNotAnsweredAcd" counts no answered contacts
            words -= ANSWERED_COUNT_WORDS | ABANDONED_COUNT_WORDS | ARRIVAL_COUNT_WORDS
        if prefix in ("n", "mn"):
            words = (words - TIME_MEASURE_WORDS - LENGTH_WORDS) | {HUNGARIAN_COUNT}
        elif "t" in prefix:
            words |= {HUNGARIAN_TIME}
            if prefix == "t" and words & ANSWER_WORDS:  # not "tConnected", a talk time
                words |= {"wait"}
        if prefix.startswith("m"):
            words |= {"max"}
        if named and column in groups:  # a sub-group of each named queue, like a channel
            words = (words - PROPER_QUEUE_WORDS) | {"channel"}
        if groups and column in named:
            words |= {"queue"}
        column.words = words


def _read_timed_metrics(hungarian: list[tuple[_Column, tuple[str, str]]]) -> None:
    """Genesys Cloud's timed metrics among plain headers ("Answer", "Abandon", "tAnswered",
    "tAbandoned"): a "t" prefix makes a time of the rest, and a time before an outcome is the
    wait until it (Genesys Cloud analytics metrics: tAnswered, the time in queue until answered;
    tAbandon, until abandoned)."""
    for column, (prefix, rest) in hungarian:
        if prefix != "t":
            continue
        words = header_words(rest)
        column.words = column.words | words | {HUNGARIAN_TIME}
        if words & ANSWER_WORDS:
            column.words |= {"wait"}


def plan_columns(
    header: list[str],
    sample_rows: list[list[str]],
    decimal_comma: bool,
    overrides: ImportOptions,
    display_name: str,
    decimal_comma_columns: Collection[str] = (),
) -> ColumnPlan:
    """Work out the column roles of one file from its header and first rows. Numbers are
    written 1.234,5 throughout with `decimal_comma`, else only in `decimal_comma_columns`."""
    totals = [row for row in sample_rows if is_total_row_label(row[0] if row else "")]
    if totals and len(totals) == len(sample_rows):
        raise InputError(
            f"{display_name}: the only data row(s) hold totals ('{totals[0][0].strip()}'), no "
            "interval or contact rows. Export the history with one row per interval or per "
            "contact, not only its totals."
        )
    sample_rows = [row for row in sample_rows if not is_total_row_label(row[0] if row else "")]
    columns = []
    for position, name in enumerate(header):
        cells = [row[position].strip() if position < len(row) else "" for row in sample_rows]
        comma = decimal_comma or name in decimal_comma_columns
        columns.append(
            _Column(name, position, header_words(name), [v for v in cells if v], comma, cells)
        )
    _read_iberian_tma(columns)
    _read_negated_answers(columns)
    _read_acd_as_a_place(columns)
    _read_hungarian_notation(columns)
    _read_german_compounds(columns)
    by_name = {column.name: column for column in columns}
    overrides = _as_header_names(overrides, header, display_name)
    chosen = _chosen_columns(overrides, header, display_name)
    if not chosen:
        plan = _detect_roles(columns, by_name, header, overrides, display_name, frozenset())
        _refuse_data_as_header(plan, header, display_name)
        plan.notes += _repeated_header_notes(plan, columns, by_name, display_name)
        return plan
    # Detection leaves the chosen columns alone; what it would have made of them tells whether a
    # choice took a column the file needs in another role.
    try:
        detected: ColumnPlan | None = _detect_roles(
            columns, by_name, header, overrides, display_name, frozenset()
        )
    except InputError:
        detected = None
    try:
        plan = _detect_roles(columns, by_name, header, overrides, display_name, frozenset(chosen))
    except InputError as refusal:
        if detected is None:
            raise
        _refuse_needed_column(chosen, detected, display_name, refusal)
        raise
    if detected is not None:
        kind_changed = overrides.kind is None and plan.kind != detected.kind
        if kind_changed:
            _refuse_needed_column(chosen, detected, display_name, None)
        plan.notes += _taken_role_notes(chosen, detected, plan, display_name)
    if not set(chosen) & {c.name for c in columns if _REPEATED_NAME.fullmatch(c.name)}:
        plan.notes += _repeated_header_notes(plan, columns, by_name, display_name)
    return plan


# sniff names a header's second "Calls" 'Calls.1', its third 'Calls.2'.
def _refuse_data_as_header(plan: ColumnPlan, header: list[str], display_name: str) -> None:
    """A file without a header line (Avaya IP Office's SMDR, many a switch's call log): its
    first row was taken as the header, so one contact is lost and no column is known by name.
    Told by the time column's "name", which is itself a time of the column's format."""
    for column, fmt in (
        (plan.timestamp_column, plan.timestamp_format),
        (plan.date_column, plan.date_format),
    ):
        if not column or not fmt:
            continue
        if np.isnan(parse_timestamps(pa.array([column.strip()], pa.string()), fmt)).all():
            continue
        first = ",".join(name.strip() for name in header[:4])
        raise InputError(
            f"{display_name}: the first line ('{first}, ...') is a row of data, not a header "
            f"naming the columns: '{column.strip()}' is a date, not a column name. Add a first "
            "line naming each column (the names the system's documentation gives its fields, "
            "such as 'Call Start', 'Direction', 'Connected Time') and import again."
        )


_REPEATED_NAME = re.compile(r"(.+)\.(\d{1,2})")
# Roles the user can choose another column for, by their ImportOptions field.
_CHOOSABLE_ROLES = {
    "volume": "volume_column", "queue": "queue_column", "timestamp": "time_column",
    "date": "date_column",
}  # fmt: skip


def _repeated_header_notes(
    plan: ColumnPlan, columns: list[_Column], by_name: dict[str, _Column], display_name: str
) -> list[str]:
    """A header written twice over different values ("Calls,Calls"): the first column was read,
    the other left out. Said, naming both by position, since either may be the one meant;
    twins holding the same values, or both read (per-queue blocks), need no word."""
    twins: dict[str, list[_Column]] = {}
    for column in columns:
        match = _REPEATED_NAME.fullmatch(column.name)
        if match and match.group(1) in by_name:
            twins.setdefault(match.group(1), [by_name[match.group(1)]]).append(column)
    notes = []
    for name, group in twins.items():
        read = [c for c in group if plan.roles_of(c.name)]
        left = [c for c in group if c not in read and c.cells != read[0].cells] if read else []
        if not left:
            continue
        roles = plan.roles_of(read[0].name)
        option = _CHOOSABLE_ROLES.get(roles[0])
        other = left[0].position + 1
        fix = (
            f"choose '{left[0].name}' ({where_to_choose(option)})"
            if option
            else f"rename the headers in the file so that only column {other} is named '{name}'"
        )
        positions = [str(c.position + 1) for c in group]
        unread = [str(c.position + 1) for c in left]
        notes.append(
            f"{display_name}: {len(group)} columns are named '{name}' (columns "
            f"{', '.join(positions[:-1])} and {positions[-1]}) and hold different values: "
            f"column {read[0].position + 1} was read as the "
            f"{' and '.join(roles)} column, column{'s' * (len(unread) > 1)} "
            f"{', '.join(unread)} left out. If column {other} is the one to read, {fix}."
        )
    return notes


# The roles (ColumnPlan.roles) each chosen column plays by the user's choice.
CHOSEN_ROLES = {
    "time_column": {"timestamp", "time"},
    "date_column": {"date"},
    "volume_column": {"volume"},
    "queue_column": {"queue"},
}
# Roles that make the history: without them the file reads as another kind, or not at all.
NEEDED_ROLES = {
    "volume": "count of contacts per interval (volume)",
    "answered": "count of answered contacts per interval",
    "abandoned": "count of abandoned contacts per interval",
    "timestamp": "date and time",
    "date": "date",
    "time": "time of day",
}


def _as_header_names(
    overrides: ImportOptions, header: list[str], display_name: str
) -> ImportOptions:
    """`overrides` with each chosen column named as the header writes it: a name typed in
    another case or with spaces around it ('date' for 'DATE') is that column, unless two
    columns then answer to it."""
    names: dict[str, str] = {}
    for option in CHOSEN_ROLES:
        column = getattr(overrides, option)
        if not column or column in header:
            continue
        key = column.strip().casefold()
        matches = [name for name in header if name.strip().casefold() == key]
        if len(matches) > 1:
            raise InputError(
                f"{display_name}: '{column}' (chosen as the {_role_name(option)}) names "
                f"{len(matches)} columns written in different case or spacing: "
                f"{', '.join(repr(name) for name in matches)}. Choose one of them written "
                f"exactly as the file's header writes it ({where_to_choose(option)})."
            )
        if matches:
            names[option] = matches[0]
    return replace(overrides, **names) if names else overrides


def _chosen_columns(
    overrides: ImportOptions, header: list[str], display_name: str
) -> dict[str, str]:
    """Chosen column -> its ImportOptions field; InputError for a name the file lacks or a column
    chosen for two roles."""
    chosen: dict[str, str] = {}
    for option in CHOSEN_ROLES:
        column = getattr(overrides, option)
        if not column:
            continue
        if column not in header:
            raise InputError(
                f"{display_name}: there is no column named '{column}' (chosen as the "
                f"{_role_name(option)}: {where_to_choose(option)}). The columns are: "
                f"{', '.join(header)}. Pick one of these names."
            )
        if column in chosen:
            first = chosen[column]
            raise InputError(
                f"{display_name}: '{column}' is chosen as the {_role_name(first)} and as the "
                f"{_role_name(option)}, but a column can play one role only. Choose another "
                f"column for one of them ({where_to_choose(first)}; {where_to_choose(option)})."
            )
        chosen[column] = option
    return chosen


def _role_name(option: str) -> str:
    """'volume column' for "volume_column"."""
    return option.replace("_", " ")


def _other_roles(chosen: dict[str, str], plan: ColumnPlan) -> list[tuple[str, str, str]]:
    """(column, option, role): each role `plan` gives a chosen column besides its chosen one."""
    return [
        (column, option, role)
        for column, option in chosen.items()
        for role in plan.roles_of(column)
        if role not in CHOSEN_ROLES[option]
    ]


def _refuse_needed_column(
    chosen: dict[str, str],
    detected: ColumnPlan,
    display_name: str,
    refusal: InputError | None,
) -> None:
    """InputError when a chosen column is the one the file needs in another role (its only count
    of contacts chosen as the queue column): honouring the choice would read the file wrongly,
    or not at all. Returns when no choice took such a column."""
    conflicts = [item for item in _other_roles(chosen, detected) if item[2] in NEEDED_ROLES]
    if not conflicts:
        return
    column, option, role = conflicts[0]
    label = IMPORT_CHOICES[option][0]
    raise InputError(
        f"{display_name}: '{column}' was chosen as the {_role_name(option)} "
        f"({where_to_choose(option)}), but it is the file's {NEEDED_ROLES[role]}, which no "
        f"other column gives: a column can play one role only. Choose another column as the "
        f"{label}, or leave the {label} to detection."
    ) from refusal


def _unread_handle_notes(columns: list[_Column], display_name: str) -> list[str]:
    """A column named as the handle time whose values mostly read as no duration is left out:
    said, with examples, rather than planning with the default handle time unawares."""
    notes = []
    for column in columns:
        named = column.words & (WHOLE_HANDLE_WORDS | TALK_WORDS | HANDLE_WORDS)
        # A level or rate ("Service Level" of '80 %') is no time, whatever word it shares.
        unlike = MOMENT_WORDS | OPAQUE_ID_WORDS | NOT_A_TIME_WORDS
        if not named or not column.values or column.words & unlike:
            continue
        unread = np.isnan(parse_duration(column.text, column.decimal_comma))
        if unread.mean() <= 1 - MIN_SHARE:
            continue
        examples = ", ".join(
            repr(v) for v in list(dict.fromkeys(np.array(column.values)[unread].tolist()))[:3]
        )
        notes.append(
            f"{display_name}: '{column.name}' was not read as the handle time: "
            f"{int(unread.sum()):,} of {len(unread):,} sampled values are no duration "
            f"(e.g. {examples}). Write them as seconds, H:MM:SS or 5m 40s."
        )
        break
    return notes


def _taken_role_notes(
    chosen: dict[str, str], detected: ColumnPlan, plan: ColumnPlan, display_name: str
) -> list[str]:
    """Notes on chosen columns that detection would have read in another role too."""
    notes = []
    for column, option, role in _other_roles(chosen, detected):
        instead = plan.roles().get(role)
        then = f"which is now '{instead}'" if instead else f"so no {role} column was read"
        notes.append(
            f"{display_name}: '{column}' was read as the {_role_name(option)} only, as chosen; "
            f"detection would have read it as the {role} column too, {then}."
        )
    return notes


def _detect_roles(
    columns: list[_Column],
    by_name: dict[str, _Column],
    header: list[str],
    overrides: ImportOptions,
    display_name: str,
    reserved: frozenset[str],
) -> ColumnPlan:
    """The column roles, with the chosen columns in their chosen roles and the `reserved` ones
    (chosen columns) in no other."""
    chosen_times = {overrides.time_column, overrides.date_column}
    unreserved = [c for c in columns if c.name not in reserved or c.name in chosen_times]
    plan = ColumnPlan(kind=KIND_RECORDS)
    _plan_time(plan, unreserved, by_name, overrides, display_name)
    taken = set(plan.used_columns()) | reserved
    plan.direction_column = next(
        (c.name for c in columns if c.name not in taken and _is_direction(c)), None
    )
    taken = set(plan.used_columns()) | reserved
    free = [column for column in columns if column.name not in taken]
    # Queue numbers are set aside before counts are looked for: "Numero coda" is no count.
    row_times = _row_times(plan, by_name)
    queue_keys = sorted((c for c in free if _is_queue_key(c, row_times)), key=_names_entry_queue)
    free = [column for column in free if column not in queue_keys]
    # A caller's number or a contact's id is never a count or a time. Either, or an outcome per
    # row, makes a file without a column named as a count a contact log, whatever step its
    # times happen to fall on ("Calls" beside "Disposition" still counts each outcome's calls).
    contact_keys = [c for c in free if _identifies_contacts(c) and not names_bi_count(c.name)]
    per_contact = not overrides.kind and (
        bool(contact_keys) or any(_holds_outcome_labels(c) for c in free)
    )
    plan.notes += [
        f"{display_name}: '{c.name}' holds a number per row, each distinct and rising (e.g. "
        f"{_examples(c, 3)}): read as each contact's number, one contact a row, not as a count."
        for c in contact_keys
        if c.words <= NUMBERED_CONTACT_WORDS and c.words & VOLUME_WORDS and not overrides.kind
    ]
    # A phone number repeated down the rows (the line dialled: "JustCall Number" +1415...) is
    # no count either, whatever its header says.
    measurable = [c for c in free if c not in contact_keys and not _holds_phone_numbers(c)]
    numeric = [c for c in measurable if _number_share(c) == 1]
    mostly_numeric = [c for c in measurable if _number_share(c) >= MIN_SHARE]
    durations = [c for c in measurable if _duration_share(c) >= MIN_SHARE]

    # "Outbound Answered" (外呼接通量) counts calls made, not the answered share of those offered.
    inbound_counts = [c for c in mostly_numeric if not c.words & (OUTBOUND_WORDS - {"out"})]
    answered = _pick_count(inbound_counts, ANSWERED_COUNT_WORDS)
    abandoned = _pick_count(inbound_counts, ABANDONED_COUNT_WORDS)
    # Counts per interval sit on an interval grid; a call log's arrival times run to the second.
    on_grid = _on_interval_grid(plan, by_name)
    # A count column nobody filled in is still the count column (the reader then says so), but
    # only on an interval grid: off it, an empty "Call Notes" beside per-contact times is no count.
    countable = mostly_numeric + [c for c in free if not c.values and on_grid]
    # A count column whose numbers are mostly gaps ("#N/A", "nan", "-") is still the count
    # column: read as one contact per row instead, it would lose every count without a word.
    countable += [c for c in measurable if c not in mostly_numeric and _numbers_with_gaps(c)]
    if overrides.volume_column:
        plan.volume_column = overrides.volume_column
        _warn_of_timed_volume(plan, by_name.get(overrides.volume_column), display_name)
    elif overrides.kind != KIND_RECORDS:
        plan.volume_column = _pick_volume(numeric, countable, on_grid and not per_contact)
        served_only = plan.volume_column and header_words(plan.volume_column) & SERVED_COUNT_WORDS
        if answered and abandoned and (not plan.volume_column or served_only):
            plan.volume_column = None  # offered = answered + abandoned
    # Answered/abandoned count columns make an interval report only on an interval grid: a call
    # log with 0/1 answered and abandoned flags has arrival times to the second.
    outcome_counts = (
        bool(answered and abandoned)
        and overrides.kind != KIND_RECORDS
        and on_grid
        and not per_contact
    )
    plan.kind = overrides.kind or (
        KIND_INTERVALS if plan.volume_column or outcome_counts else KIND_RECORDS
    )
    chosen_counts = overrides.kind == KIND_RECORDS or overrides.volume_column or per_contact
    blocks = None
    if not chosen_counts and not overrides.queue_column:
        # Per-queue blocks hold outcome counts too: "Sales Answered" is no one-queue report.
        blocks = _queue_blocks(plan, columns, by_name)
    if blocks:
        plan.queue_count_columns, plan.queue_names, plan.queue_measures = blocks
    elif not chosen_counts and not overrides.queue_column and not outcome_counts:
        plan.queue_count_columns = _queue_count_columns(plan, columns, by_name)
        plan.queue_names = _queue_names(plan.queue_count_columns)
    if plan.queue_count_columns:
        plan.kind, plan.volume_column = KIND_INTERVALS, None
        return plan
    # One timestamp column shows an interval report by its rows: one per interval, a step apart.
    timed_grid = plan.time_column or _one_row_per_interval(plan, by_name)
    if (
        plan.kind == KIND_RECORDS
        and not overrides.kind
        and on_grid
        and timed_grid
        and not per_contact
    ):
        _refuse_unnamed_counts(plan, numeric, header, display_name)
        _refuse_worded_counts(plan, columns, display_name)
        _refuse_unavailable_counts(plan, columns, display_name)
    if plan.kind == KIND_INTERVALS:
        plan.answered_column = answered if answered != plan.volume_column else None
        plan.abandoned_column = abandoned
        plan.notes += _unread_outcome_count_notes(plan, measurable, display_name)
    if plan.kind == KIND_INTERVALS and not plan.volume_column and not outcome_counts:
        raise InputError(
            f"{display_name}: no column of counts per interval was found (columns: "
            f"{', '.join(header)}). Name the count column ({where_to_choose('volume_column')})."
        )
    if plan.kind == KIND_RECORDS:
        looks_per_contact = contact_keys or any(_holds_outcome_labels(c) for c in free)
        if overrides.kind == KIND_RECORDS and on_grid and not looks_per_contact:
            unread = _pick_volume(numeric, countable, True)
            plan.notes += [_unread_count_note(unread, display_name)] if unread else []
        plan.volume_column = None
    taken = set(plan.used_columns()) | reserved

    def pick(candidates: list[_Column], words: set[str]) -> str | None:
        for column in candidates:
            if column.name not in taken and column.words & words:
                taken.add(column.name)
                return column.name
        return None

    # An identifier ("Conversation ID") is no length, whatever its numbers read as; nor is a
    # ticket's time to resolution ("business_duration", "Resolution Time") a handle time.
    timed = [
        c
        for c in durations
        if not c.words
        & (MOMENT_WORDS | NOT_A_TIME_WORDS | OUTBOUND_WORDS | OPAQUE_ID_WORDS | RESOLUTION_WORDS)
    ]
    # A count ("ACD Calls") reads as seconds too: a time column must not name a count alone.
    timed = [c for c in timed if c.words & TIME_MEASURE_WORDS or not c.words & COUNTED_THINGS]
    speed_of_answer = [c for c in timed if c.words & ANSWER_WORDS]
    if plan.kind == KIND_INTERVALS:
        # "Durata media attesa", "Durée moyenne d'abandon": lengths of waits, not of handling.
        # ... nor is the longest of the interval ("mtTalkAcd", "Max Talk Time").
        lengths_handled = [
            c
            for c in timed
            if not c.words & (WAIT_WORDS | ABANDONED_COUNT_WORDS | LONGEST_WORDS | {"abbandono"})
        ]
        whole = [c for c in timed if not _names_post_processing(c.words)]
        plan.aht_column = pick(whole, WHOLE_HANDLE_WORDS) or pick(lengths_handled, HANDLE_WORDS)
        # "Avg Abandon Time": a time (not a count or a rate) named after abandonment.
        measured = [c for c in timed if c.words & TIME_MEASURE_WORDS and not c.words & RATE_WORDS]
        plan.abandon_wait_column = pick(measured, ABANDONED_COUNT_WORDS | {"abandon", "abbandono"})
        plan.wait_column = (
            pick(speed_of_answer, SPEED_WORDS)
            or pick(timed, WAIT_WORDS | {"answer", "risposta"})
            or pick([c for c in timed if {"hold"} & c.words], {"queue", "coda"})
            # "Avg Queue Time": the time spent queued, not its longest ("Max Queue Time").
            or pick(
                [c for c in timed if c.words & LENGTH_WORDS and not c.words & LONGEST_WORDS],
                QUEUE_PLACE_WORDS,
            )
        )
    else:
        # Clock times under a wait's name ("Answer Time" 08:01:25) are moments, not waits.
        arrival = _arrival_clock(plan, by_name)
        waits = [c for c in timed if not _holds_clock_times(c, arrival)]
        answer_times = [
            c for c in waits if c.words & LENGTH_WORDS and not c.words & DATE_WORDS_OF_A_MOMENT
        ]
        # NICE CXone's "InQueue" (Call Detail data download): a contact's seconds in queue.
        queue_times = [
            c for c in waits if c.words & (LENGTH_WORDS | {"hold"}) or c.words == {"in", "queue"}
        ]
        plan.wait_column = (
            pick([c for c in speed_of_answer if c in waits], SPEED_WORDS)
            or pick(waits, WAIT_WORDS)
            or pick(answer_times, ANSWER_WORDS)  # "Time to Answer", "Tempo di risposta"
            or pick(queue_times, QUEUE_PLACE_WORDS)  # "Queue Time", "Queue Duration"
            # Genesys Cloud's interaction export times each stage as "Total <stage>": its "Total
            # Queue" is the contact's time in queue.
            or pick([c for c in waits if _names_total_of_a_place(c.words)], QUEUE_PLACE_WORDS)
        )
        plan.handle_column = (
            pick([c for c in timed if not _names_post_processing(c.words)], WHOLE_HANDLE_WORDS)
            or pick(timed, TALK_WORDS)
            or pick([c for c in timed if _names_agent_interaction(c.words)], {"interaction"})
            or pick([c for c in timed if _names_agent_time(c.words)], {"agent"})
            or pick([c for c in timed if _names_agent_session(c.words)], AGENT_SESSION_WORDS)
            or pick([c for c in timed if not c.words & WHOLE_CALL_WORDS], HANDLE_WORDS)
            or pick(timed, HANDLE_WORDS)
            or pick([c for c in timed if _names_call_length(c.words)], {"length"})
            or _lone_unit_column(timed, taken)
        )
        plan.handle_includes_wait = bool(
            plan.wait_column
            and plan.handle_column
            and _names_call_length(header_words(plan.handle_column))
        )
        text = [c for c in free if c.values and c not in numeric]
        named = [c for c in text if not c.words & NOT_OUTCOME_WORDS]
        # The reasons calls were missed say, besides answered or not, which met the closed
        # center: read before any other outcome. A header that is only "Reason" must show some.
        reasons = [c for c in free if names_missed_reasons(c.name)]
        named_missed = [c for c in reasons if c.words & MISSED_WORDS]
        bare_reasons = [c for c in reasons if reads_as_missed_reasons(c.values)]
        # A yes/no abandoned flag says outright how each contact ended: an outcome column beside
        # it is most often the agent's disposition ("Sale", empty when abandoned).
        # A cell may also repeat the header, empty where not so ("Answered" or nothing).
        flags = [
            c
            for c in free
            if c.values
            and all(v.lower() in FLAG_VALUES or _echoes_header(v, c.name) for v in c.values)
        ]
        plan.outcome_column = pick(named_missed, REASON_WORDS)
        if plan.outcome_column:
            plan.call_type_column = _outcome_labels_column(named, pick)
        if not plan.outcome_column:
            plan.abandoned_flag_column = pick(
                _flags_of(flags, ABANDONED_FLAG_WORDS), ABANDONED_FLAG_WORDS
            )
        if not (plan.outcome_column or plan.abandoned_flag_column):
            plan.answered_flag_column = pick(
                _flags_of(flags, ANSWERED_FLAG_WORDS), ANSWERED_FLAG_WORDS
            )
        if not (plan.outcome_column or plan.abandoned_flag_column or plan.answered_flag_column):
            plan.outcome_column = pick(named, OUTCOME_WORDS)
            if not plan.outcome_column:
                plan.outcome_column = pick(bare_reasons, REASON_WORDS)
                if plan.outcome_column:
                    plan.call_type_column = _outcome_labels_column(named, pick)
            if not plan.outcome_column:
                plan.outcome_column = _outcome_labels_column(named, pick)
        plan.satisfaction_column = pick(mostly_numeric, SATISFACTION_WORDS)
        plan.master_contact_column, plan.contact_id_column = _master_contact_columns(free, taken)
        if not plan.master_contact_column:
            plan.master_contact_column, plan.leg_column = _leg_columns(free, taken)
        if plan.outcome_column:
            plan.reason_column = pick(
                [c for c in reasons if c.words <= REASON_WORDS and c.values], REASON_WORDS
            )
        plan.action_column = pick([c for c in free if _holds_outgoing_actions(c)], ACTION_WORDS)
        agent = next((c for c in text if c.name not in taken and _names_agent(c.words)), None)
        response = next(
            (c for c in columns if c.name not in reserved and _names_first_response(c.words)),
            None,
        )
        chats = any(c.words & CHAT_WORDS for c in columns)
        if agent and response and chats:
            plan.agent_column, plan.first_response_column = agent.name, response.name
            taken.add(agent.name)
    _plan_handle_parts(plan, [c for c in timed if c.name not in taken])
    taken.update(plan.handle_parts)
    if plan.kind == KIND_RECORDS and not (plan.handle_column or plan.handle_parts):
        plan.end_column = _end_moment_column(plan, [c for c in free if c.name not in taken])
        taken.update([plan.end_column] if plan.end_column else [])
    if not (plan.handle_column or plan.aht_column or plan.handle_parts or plan.end_column):
        plan.notes += _unread_handle_notes([c for c in free if c.name not in taken], display_name)
    text = [c for c in free if c not in numeric and c.name not in taken]
    # "Queue Time" holding clock times names a moment of each contact, not its queue.
    labelled = [
        c
        for c in text
        if (_names_a_queue(c) or _names_a_kind_of_contact(c) or _names_a_source_channel(c))
        and not c.words & LENGTH_WORDS
    ]
    # The queue by meaning, wherever it stands: a column naming a queue itself (a readable name
    # before an id), then queue numbers, and only then a channel or kind of contact.
    queues = sorted((c for c in labelled if _names_a_queue_itself(c)), key=_queue_rank)
    if overrides.queue_column:
        plan.queue_column = overrides.queue_column
    elif queues:
        plan.queue_column = queues[0].name
    elif (target := _target_name_column(text)) is not None:
        plan.queue_column = target.name
        plan.target_type_column = next(c.name for c in text if c.words == {"target", "type"})
    elif queue_keys:
        plan.queue_column, plan.queue_is_key = queue_keys[0].name, True
        plan.notes.append(
            f"{display_name}: '{queue_keys[0].name}' holds queue numbers (e.g. "
            f"{_examples(queue_keys[0], 2)}): read as the queue, not as a count."
        )
    elif labelled:
        plan.queue_column = labelled[0].name
    elif plan.kind == KIND_INTERVALS:
        plan.queue_column = _unnamed_queue_column(plan, text, by_name, display_name)
    # A ticket's source splits only where it holds channels: one "web" all through splits none.
    splits = [
        c
        for c in labelled
        if c.name != plan.queue_column
        and (
            c.words & CHANNEL_WORDS
            or _names_a_kind_of_contact(c)
            or (_names_a_source_channel(c) and len(set(c.values)) > 1)
        )
        and len(set(c.values)) <= MAX_SPLIT_VALUES
    ]
    if plan.queue_column and splits and not overrides.queue_column:
        plan.split_column = splits[0].name
    if plan.queue_column and not overrides.queue_column:
        plan.notes += _passed_queue_note(plan.queue_column, columns, display_name)
    plan.handle_in_minutes = _is_dialpad_talk_duration(plan.handle_column, header)
    return plan


# Headers of the moment a contact ended ("End", "End Time", "Ora fine", "Endzeit", "Hora fin").
# A ticket's "Closed" or "Resolved" time is no end of handling: its span is a resolution time.
END_MOMENT_WORDS = {"end", "ended", "fine", "ende", "endzeit", "fin", "stop", "hangup"}


def _end_moment_column(plan: ColumnPlan, untaken: list[_Column]) -> str | None:
    """A column of each contact's end: date-times beside a date-time start column, clock times
    beside either start."""
    for column in untaken:
        if not column.values or not column.words & END_MOMENT_WORDS:
            continue
        if column.words & (RESOLUTION_WORDS | {"week", "settimana", "woche", "semaine"}):
            continue
        if plan.timestamp_column and detect_format(column.values, DATETIME_FORMATS):
            return column.name
        clocks = parse_time_of_day(pa.array(column.values, pa.string()))
        if (plan.time_column or plan.timestamp_column) and not np.isnan(clocks).any():
            return column.name  # "End" 09:02:30 beside "Start" 2026-06-01 09:00:00 too
    return None


# Dialpad's call history: "talk_duration" in minutes (3.25), beside these columns of its own.
DIALPAD_COLUMNS = {"date_started", "target_type", "talk_duration"}
DIALPAD_CATEGORY_COLUMNS = {"categories", "category"}


def _is_dialpad_talk_duration(handle: str | None, header: list[str]) -> bool:
    """The handle column is Dialpad's "talk_duration", in a header that is Dialpad's."""
    names = {name.strip().lower() for name in header}
    return (
        handle is not None
        and handle.strip().lower() == "talk_duration"
        and DIALPAD_COLUMNS <= names
        and bool(names & DIALPAD_CATEGORY_COLUMNS)
    )


def _target_name_column(text: list[_Column]) -> _Column | None:
    """Dialpad's call history names the call center or department a call reached in a bare
    "name" column beside "target_type" ("callcenter", "department", "user"): the queue."""
    if not any(column.words == {"target", "type"} for column in text):
        return None
    return next((column for column in text if column.words == {"name"}), None)


# A call log's "Action" column (RingCentral): what the call was, outgoing ones among them.
ACTION_WORDS = {"action", "azione", "aktion", "accion"}


def _holds_outgoing_actions(column: _Column) -> bool:
    """An "Action" column with some outgoing call or fax ("Outgoing Fax", "RingOut")."""
    return bool(column.words & ACTION_WORDS) and any(
        is_direction_value(value) is False for value in column.values
    )


# Only a chat nobody picked up is missed demand: a ticket without an agent or a first reply
# (Zendesk, Freshdesk) is still open, waiting in the backlog.
CHAT_WORDS = {"chat", "chats", "conversation", "conversations", "messaging"}

# The agent who took a contact ("Agent", "Agent Name", "Operatore"): not a time of theirs.
_AGENT_WORDS = {"agent", "agente", "operator", "operatore", "assignee", "mitarbeiter"}


def _names_agent(words: set[str]) -> bool:
    return bool(words & _AGENT_WORDS) and not words & (LENGTH_WORDS | TIME_MEASURE_WORDS)


def _names_first_response(words: set[str]) -> bool:
    """The time to a chat's first agent reply ("First Response Time (s)", "First Reply")."""
    return "first" in words and bool(words & {"response", "reply", "risposta"})


# Columns naming a person or a phone, not a queue, though each interval repeats per value too.
PERSON_WORDS = {
    "agent", "agente", "agents", "user", "username", "operator", "operatore", "employee",
    "staff", "login", "extension", "interno", "mitarbeiter", "benutzer", "supervisor", "phone",
    "number", "email", "mail", "first", "last", "full", "team", "id",
}  # fmt: skip
UNNAMED_QUEUE_SKIP_WORDS = PERSON_WORDS | DIRECTION_WORDS | OUTCOME_WORDS


def _unnamed_queue_column(
    plan: ColumnPlan, text: list[_Column], by_name: dict[str, _Column], display_name: str
) -> str | None:
    """An interval report whose rows repeat each interval once per value of a text column with
    a handful of values named nothing this reader knows (Cisco's "EnterpriseName" of each call
    type): that column tells the rows apart, so it is the queue. Summed, the queues would merge."""
    row_times = _row_times(plan, by_name)
    if not row_times or len(set(row_times)) == len(row_times):
        return None
    for column in text:
        distinct = set(column.values)
        # Agents, directions, outcomes, or a bare "Name" (of whom?): no queues.
        if column.words & UNNAMED_QUEUE_SKIP_WORDS or column.words <= {"name"}:
            continue
        if not 2 <= len(distinct) <= MAX_SPLIT_VALUES:
            continue
        if any(re.fullmatch(r"[\d.,:\s/-]+", value) for value in column.values):
            continue  # numbers, dates or times: no queue names
        pairs = list(zip(row_times, column.cells, strict=True))
        if all(cell for _, cell in pairs) and len(set(pairs)) == len(pairs):
            plan.notes.append(
                f"{display_name}: each interval comes once per value of '{column.name}' (e.g. "
                f"{_examples(column, 2)}): read as the queue, so they are kept apart. If they are "
                f"not queues, choose the queue column ({where_to_choose('queue_column')})."
            )
            return column.name
    return None


# A contact's id ("Contact ID", "Call ID") and the id of the contact a row continues ("Master
# Contact ID", "Parent Contact ID", "Original Contact ID", "Root Contact ID", Amazon Connect's
# "InitialContactId"): a transferred call is one row per leg, each with its own id and the master
# id of the first. A "Previous Contact ID" names only the leg before, not the contact.
CONTACT_ID_WORDS = {"contact", "call", "interaction", "conversation", "session"}
MASTER_ID_WORDS = {"master", "parent", "original", "root", "initial"}


# A phone number: a "+" or a trunk "0" before its digits, or more digits than any count per row
# (counts above ten million are refused as such); spaces, dots and dashes may group them.
_CALLER_NUMBER = re.compile(r"(?:\+|00?)[1-9][\d .\-]{5,}\d|[1-9]\d{7,}")
# A column of these, mostly distinct in the sample, names each row's caller or contact: a DNIS
# repeated down an interval report's rows does not.
MIN_DISTINCT_KEY_SHARE = 0.5
# Headers naming the caller's number ("Caller", "From", "ANI", "Chiamante", "Anrufer"): its
# numbers are phone numbers in whatever order the log was sorted.
CALLER_WORDS = {
    "caller", "calling", "ani", "clid", "cli", "phone", "telephone", "telefono", "from",
    "chiamante", "anrufer", "rufnummer", "llamante", "appelant",
}  # fmt: skip


def _identifies_contacts(column: _Column) -> bool:
    """Callers' numbers ("Caller", "From": 0212340001, +39 02 1234) or contact ids ("Call ID",
    "Contact ID") that mostly differ from row to row: one contact per row."""
    values = column.values
    if len(values) < MIN_GRID_TIMES or len(set(values)) < MIN_DISTINCT_KEY_SHARE * len(values):
        return False
    if "id" in column.words and column.words & CONTACT_ID_WORDS:
        return True
    # "Call #", "Call No", "Call Number", "Numero chiamata" (1002311, 1002312 ...): a number
    # given to each call, not the "number of calls", whose word is plural. Nearly every row's
    # own, as a count per interval is not.
    if _numbers_contacts(column) and len(set(values)) >= MIN_DISTINCT_NUMBER_SHARE * len(values):
        return True
    # A bare "Call" or "Ticket" is a count per interval or each row's number: told by its values.
    if column.words and column.words <= NUMBERED_CONTACT_WORDS and _numbered_in_order(values):
        return True
    if not all(_CALLER_NUMBER.fullmatch(value) for value in values):
        return False
    if column.words & CALLER_WORDS or all(value[0] in "+0" for value in values):
        return True  # a log sorted by caller still holds one caller a row
    # Callers come in no order; long numbers rising with the rows are keys or epoch times of an
    # interval report ("IntervalKey" 202403040800).
    digits = [int(re.sub(r"\D", "", value)) for value in values]
    return any(later < earlier for earlier, later in zip(digits, digits[1:], strict=False))


# Singular words of a contact a number is given to ("Call #", "Numero chiamata", "Ticket No").
NUMBERED_CONTACT_WORDS = CONTACT_ID_WORDS | {"chiamata", "ticket", "case", "anruf", "appel"}
CONTACT_NUMBER_WORDS = {"no", "nr", "n", "num", "numero", "number", "nummer"}
MIN_DISTINCT_NUMBER_SHARE = 0.9


# Contact numbers rise down a log one by one ("5001, 5002, 5003") or in large numbers: counts
# per interval repeat and are small.
MIN_UNIT_STEP_SHARE = 0.5
MIN_LARGE_NUMBER = 10_000
MIN_NUMBERED_ROWS = 10  # a few rising counts ("1, 2, 3" of a morning) say nothing


def _numbered_in_order(values: list[str]) -> bool:
    """Whole numbers, every one distinct and rising down the rows, mostly 1 apart or large."""
    if len(values) < MIN_NUMBERED_ROWS or not all(value.isdigit() for value in values):
        return False
    if len(set(values)) < len(values):
        return False
    numbers = np.array([int(value) for value in values])
    steps = np.diff(numbers)
    if len(steps) == 0 or (steps <= 0).any():
        return False
    return bool((steps == 1).mean() >= MIN_UNIT_STEP_SHARE or numbers.min() >= MIN_LARGE_NUMBER)


def _numbers_contacts(column: _Column) -> bool:
    """A header giving each contact its number: "Call #", "Call No", "Numero chiamata"."""
    named = column.words & CONTACT_NUMBER_WORDS or "#" in column.name
    return bool(named and column.words & NUMBERED_CONTACT_WORDS)


def _holds_phone_numbers(column: _Column) -> bool:
    """Every value a phone number written with its "+" or a "0" trunk prefix: no count has one."""
    return bool(column.values) and all(
        value[0] in "+0" and _CALLER_NUMBER.fullmatch(value) for value in column.values
    )


def _echoes_header(value: str, header: str) -> bool:
    """A flag cell that repeats its column's name: "Answered" under "Answered"."""
    return value.strip().lower() == header.strip().lower()


def _flags_of(columns: list[_Column], flag_words: set[str]) -> list[_Column]:
    """The yes/no columns whose header is only a flag's word and filler ("Is Answered", "是否接通")."""
    return [
        c
        for c in columns
        if c.words - FLAG_FILLER_WORDS and c.words - FLAG_FILLER_WORDS <= flag_words
    ]


def _holds_outcome_labels(column: _Column) -> bool:
    """An outcome column ("Result", "Disposition") whose labels say how each contact ended
    (answered, abandoned): an interval's row counts several contacts and ends no one way."""
    if not column.words & OUTCOME_WORDS or column.words & NOT_OUTCOME_WORDS:
        return False
    return _labels_outcomes(column)


def _outcome_labels_column(
    named: list[_Column], pick: Callable[[list[_Column], set[str]], str | None]
) -> str | None:
    """A column whose labels say how each call ended: a "Call Type" of Answered, Missed and
    Voicemail, or such labels under any header ("Situação": Atendida, Abandonada)."""
    outcomes = [c for c in named if _labels_outcomes(c)]
    return pick(outcomes, {"type", "tipo"}) or pick(
        outcomes, {word for c in named for word in c.words}
    )


def _labels_outcomes(column: _Column) -> bool:
    """Its labels include both answered and unanswered ones ("Answered", "Missed", "Voicemail")."""
    labels = [classify_label(value) for value in set(column.values)]
    return ANSWERED in labels and bool(set(labels) & set(UNANSWERED))


def _master_contact_columns(
    columns: list[_Column], taken: set[str]
) -> tuple[str | None, str | None]:
    """The master contact id column of a record export and each row's own contact id column
    beside it; (None, None) without both (a master id alone cannot tell a leg from the contact
    it continues)."""
    ids = [
        c
        for c in columns
        if c.name not in taken and "id" in c.words and c.words & CONTACT_ID_WORDS and c.values
    ]
    masters = [c for c in ids if c.words & MASTER_ID_WORDS]
    own = [c for c in ids if not c.words & MASTER_ID_WORDS]
    if not masters or not own:
        return None, None
    # The row's own id is named by nothing but id words ("Contact ID"), not "Previous Contact ID".
    own.sort(key=lambda c: bool(c.words - CONTACT_ID_WORDS - ID_WORDS))
    taken.update((masters[0].name, own[0].name))
    return masters[0].name, own[0].name


# A column numbering or naming each row's leg of a call: "Segment", "Leg", "SeqNo", "Hop".
LEG_WORDS = {"leg", "legs", "segment", "seg", "segmento", "tratta", "seq", "seqno", "hop"}


def _leg_columns(columns: list[_Column], taken: set[str]) -> tuple[str | None, str | None]:
    """A call id that repeats down the rows ("Call ID", "CALLID") beside a leg or segment
    column: (the id, the leg column), else (None, None). A repeated id alone may be a switch's
    numbering starting again each day: it joins no rows."""
    ids = [
        c
        for c in columns
        if c.name not in taken
        and "id" in c.words
        and c.words & CONTACT_ID_WORDS
        and c.values
        and len(set(c.values)) < len(c.values)
    ]
    legs = [
        c
        for c in columns
        if c.name not in taken
        and c.values
        and c.words & LEG_WORDS
        and not c.words & (MOMENT_WORDS | TIME_MEASURE_WORDS | {"time", "date"})
    ]
    if not ids or not legs:
        return None, None
    taken.update((ids[0].name, legs[0].name))
    return ids[0].name, legs[0].name


def _row_times(plan: ColumnPlan, by_name: dict[str, _Column]) -> list[tuple[str, ...]]:
    """Each sample row's date and time as written, to tell which rows share an interval."""
    timing = [
        by_name[name].cells
        for name in (plan.timestamp_column, plan.date_column, plan.time_column)
        if name
    ]
    return list(zip(*timing, strict=True)) if timing else []


def _is_queue_key(column: _Column, row_times: list[tuple[str, ...]]) -> bool:
    """A column of queue, skill or split numbers: a header naming a queue by its number ("Queue
    ID", "Numero coda", "Skill No") or naming only a queue ("Skill"), over whole numbers that
    repeat, few of them. A header naming only a queue must show several numbers in one
    interval, or a handful of numbers taking turns, none of them 0: a lone "Queue" column of
    whole numbers may count the calls queued."""
    words = column.words - {"de", "di", "del", "della", "of", "the", "d"}
    if not words & QUEUE_KEY_WORDS or words & (COUNTED_THINGS | QUEUE_MEASURE_WORDS):
        return False
    named_by_number = bool(words & KEY_WORDS) and not words & (
        (VOLUME_WORDS - KEY_WORDS) | NOT_COUNT_WORDS | ANSWERED_COUNT_WORDS
        | ABANDONED_COUNT_WORDS
    )  # fmt: skip
    # "File" alone may be a file's number; "File d'attente" names a queue, "Attente" alone a wait.
    named_only = words <= QUEUE_KEY_WORDS and bool(words - {"file"}) and not words <= WAIT_WORDS
    passed = _names_a_passed_queue(words)
    values = column.values
    if not (named_by_number or named_only or passed) or not values:
        return False
    if not all(value.isdigit() for value in values):
        return False
    distinct = len(set(values))
    if distinct > MAX_QUEUE_KEYS or (len(values) >= 4 and distinct * 2 > len(values)):
        return False  # not a handful of numbers repeating down the rows
    if named_by_number or passed:
        return True
    numbers_by_time: dict[tuple[str, ...], set[str]] = {}
    for time, cell in zip(row_times, column.cells, strict=False):
        numbers_by_time.setdefault(time, set()).add(cell)
    if any(len(numbers) > 1 for numbers in numbers_by_time.values()):
        return True
    return _numbers_take_turns(values)


def _numbers_take_turns(values: list[str]) -> bool:
    """Queues whose rows take turns, one queue per interval row (101, 102, 101, ...): a handful
    of numbers, each on several rows. A count of calls queued drops to 0 or spreads wider."""
    numbers = np.array([int(value) for value in values])
    distinct = np.unique(numbers)
    return (
        2 <= len(distinct) <= MAX_SPLIT_VALUES
        and len(numbers) >= 4 * len(distinct)
        and not (numbers == 0).any()
    )


def _names_a_passed_queue(words: set[str]) -> bool:
    """A queue the call went through, first or last, named by nothing else ("LastQueue",
    "First Skill")."""
    rest = words - PASSED_QUEUE_WORDS
    return bool(words & PASSED_QUEUE_WORDS) and bool(rest) and rest <= PASSED_QUEUE_KEY_WORDS


def _names_entry_queue(column: _Column) -> bool:
    """The queue a call entered first ("FirstQueue"), to be read after the one it ended in."""
    return _names_a_passed_queue(column.words) and bool(column.words & ENTRY_QUEUE_WORDS)


def _passed_queue_note(chosen: str, columns: list[_Column], display_name: str) -> list[str]:
    """Which of a first and a last queue column was read, when the file has both."""
    entry = next((c.name for c in columns if _names_entry_queue(c)), None)
    if entry is None or entry == chosen or not _names_a_passed_queue(header_words(chosen)):
        return []
    return [
        f"{display_name}: each call is counted in '{chosen}', the queue it ended in, not in "
        f"'{entry}', the queue it entered. To count calls where they came in, choose '{entry}' "
        f"as the queue column ({where_to_choose('queue_column')})."
    ]


def _plan_handle_parts(plan: ColumnPlan, untaken: list[_Column]) -> None:
    """Talk, hold and after-call work to sum when the handle time found is talk alone. An
    interval report's hold time is left out: it is often a mean over the held calls only
    (Cisco's AHoldT = InCallsOnHoldTime / InCallsOnHold), or already inside the talk time (AT&T
    CMS: "Talk time includes time that calls were put on hold"), so adding it would overstate."""
    talk = plan.aht_column or plan.handle_column
    words = header_words(talk) if talk else set()
    talks = words & TALK_WORDS or _names_agent_interaction(words) or _names_agent_session(words)
    if not (talks or _names_agent_time(words)) or words & WHOLE_HANDLE_WORDS:
        return
    own = [c for c in untaken if not c.words & {"queue", "coda"}]  # a queue's hold is a wait
    wrap_up = next((c.name for c in own if _names_wrap_up(c.words)), None)
    if wrap_up is None and plan.kind == KIND_RECORDS:
        # A contact's bare "Work Time" beside its talk and hold (Cisco UCCX's call-by-call
        # report) is the agent's Work state after the call.
        wrap_up = next((c.name for c in own if _names_work_state(c.words)), None)
    hold = next((c.name for c in own if c.words & HOLD_WORDS and c.name != wrap_up), None)
    if _names_agent_time(words):
        hold = None  # the agent's time holds the caller's hold already
    # A Hungarian "t" time ("tHoldAcd") is the interval's sum over the held contacts, kept apart
    # from the talk time ("tTalkAcd"): no mean, so it is added.
    summed_hold = any(c.name == hold and HUNGARIAN_TIME in c.words for c in own)
    if plan.kind == KIND_INTERVALS and not summed_hold:
        parts = (talk, wrap_up) if wrap_up else ()
        plan.unsummed_hold_column = hold if wrap_up else None
    else:
        parts = tuple(part for part in (talk, hold, wrap_up) if part)
    if len(parts) > 1:
        plan.handle_parts = parts


def _names_call_length(words: set[str]) -> bool:
    """A call's length, named only so ("length_in_sec", VICIdial's closer log; "Call Length"):
    from entering the queue to hang-up, not a queue's length."""
    return "length" in words and words <= {"length", "call", "in", "total"} | LENGTH_WORDS


# A header that is only a unit ("Seconds", "Secs", "Minutes"): a phone system's call log names
# each call's length so, beside its caller and the number called.
UNIT_ONLY_WORDS = {"sec", "secs", "seconds", "secondi", "min", "mins", "minutes", "minuti"}


def _lone_unit_column(timed: list[_Column], taken: set[str]) -> str | None:
    """The one duration column named only by its unit: a call's length. Of two ("Seconds"
    beside "Minutes") none is chosen: they may time different things."""
    lone = [c for c in timed if c.words and c.words <= UNIT_ONLY_WORDS and c.name not in taken]
    if len(lone) != 1:
        return None
    taken.add(lone[0].name)
    return lone[0].name


def _names_total_of_a_place(words: set[str]) -> bool:
    """A header naming only a total and a queue ("Total Queue"), with durations under it."""
    return (
        bool(words & WHOLE_CALL_WORDS)
        and bool(words & QUEUE_PLACE_WORDS)
        and (words <= WHOLE_CALL_WORDS | QUEUE_PLACE_WORDS)
    )


def _names_agent_time(words: set[str]) -> bool:
    """The time an agent spent on a contact, named only so ("Agent Time", NICE CXone's contact
    detail): its talk and hold, without the after-call work beside it."""
    return "agent" in words and words <= {"agent"} | LENGTH_WORDS


def _names_agent_interaction(words: set[str]) -> bool:
    """An agent's time interacting with the customer ("Agent Interaction Duration", Amazon
    Connect's contact records): talk, with the customer's hold and the after-contact work kept
    apart beside it, so the handle time is their sum."""
    return {"agent", "interaction"} <= words and words <= {"agent", "interaction"} | LENGTH_WORDS


# A contact's time connected to or processed by an agent, named only so ("Connected Time": Avaya
# IP Office SMDR, without the ringing, hold and park times; "Processing Time": 8x8, beside its
# "Wrap Up" or "Post Processing Time"): its talk, the hold and after-call work kept apart.
AGENT_SESSION_WORDS = {"connected", "processing"}


def _names_agent_session(words: set[str]) -> bool:
    """A header that is "Connected Time", "Processing Duration" or "tConnected", not "Post
    Processing Time"."""
    # "t" heads a time metric's name in Hungarian notation ("tConnected").
    return bool(words & AGENT_SESSION_WORDS) and words <= AGENT_SESSION_WORDS | LENGTH_WORDS | {"t"}


def _names_wrap_up(words: set[str]) -> bool:
    """After-call work: "ACW", "Wrap Up", "After Call Work", "Post-call", "Post chiamata"."""
    after_call = {"after", "work"} <= words
    post_call = "post" in words and bool(words & {"call", "chiamata", "appel", "llamada"})
    return bool(words & WRAP_UP_WORDS) or after_call or post_call or _names_post_processing(words)


def _names_work_state(words: set[str]) -> bool:
    """A contact's time in the agent's Work state, named only so ("Work Time")."""
    return "work" in words and words <= {"work"} | LENGTH_WORDS


def _names_post_processing(words: set[str]) -> bool:
    """After-call work named as processing after the call ("Durée de post-traitement", Odigo and
    Vocalcom), though "traitement" alone names the whole handle time."""
    return "post" in words and bool(words & {"traitement", "processing"})


# A column of file names, not of queues: French "File" (d'attente) is a queue, a recording's
# "File Name" or "Nome file" is no queue.
FILE_NAME_WORDS = {
    "name", "nome", "path", "percorso", "recording", "registrazione", "size", "url", "link",
    "attachment", "allegato", "audio",
}  # fmt: skip
_FILE_NAME = re.compile(r"[/\\]|\.[A-Za-z0-9]{2,4}$")


def _names_a_queue(column: _Column) -> bool:
    """A header naming a queue, skill, split or campaign; French "File" only over values that
    are no file names ("Particuliers", not "rec_0412.wav")."""
    if _names_a_phone_line(column):
        return True
    if column.words & NOT_QUEUE_NAME_WORDS and not column.words & PROPER_QUEUE_WORDS - {"code"}:
        return False
    if column.words & QUEUE_WORDS or _names_a_team(column):
        return True
    return (
        "file" in column.words
        and not column.words & FILE_NAME_WORDS
        and not any(_FILE_NAME.search(value) for value in column.values)
    )


def _names_a_queue_itself(column: _Column) -> bool:
    """A queue, skill, group or campaign ("Group", "CSQ Name"), not only the channel or media
    its contacts came by ("Channel", "Media Type")."""
    if not _names_a_queue(column):
        return False
    if column.words & PROPER_QUEUE_WORDS or _names_a_team(column):
        return True
    return not column.words & CHANNEL_WORDS  # French "File"


# A ticket's "Source" (Freshdesk: Email, Portal, Phone, Chat) or "Via" (Zendesk: Mail, Web form,
# Chat, Phone call) is the channel it came by.
SOURCE_WORDS = {"source", "origine", "quelle", "origen", "fonte", "origin", "via"}
CHANNEL_VALUE_WORDS = {
    "phone", "email", "mail", "chat", "portal", "web", "sms", "whatsapp", "voice", "call",
    "telefono", "social", "facebook", "twitter", "messenger", "form", "widget",
}  # fmt: skip


def _names_a_source_channel(column: _Column) -> bool:
    """Most of its values name channels: an Italian "Via" of street names ("Via Roma 12") is an
    address, whatever one of them holds."""
    values = set(column.values)
    channels = sum(bool(header_words(value) & CHANNEL_VALUE_WORDS) for value in values)
    return bool(column.words & SOURCE_WORDS) and channels > MIN_SHARE * len(values)


def _names_a_team(column: _Column) -> bool:
    return (
        bool(column.words & TEAM_WORDS)
        or column.words in SERVICE_HEADERS
        or _names_a_phone_line(column)
    )


def _names_a_phone_line(column: _Column) -> bool:
    """A phone line's name ("number name": "Support FR"), not its number ("+33 1 87 65 43 21").
    A line's name may carry the vendor's ("JustCall Line Name"); a number's may not ("Caller
    Number Name" names a person)."""
    named = column.words in LINE_NAME_HEADERS or any(
        header <= column.words and not header & {"number", "numero"} for header in LINE_NAME_HEADERS
    )
    return named and not any(_PHONE_NUMBER.fullmatch(value) for value in column.values)


# A dialler's campaign (Five9 "CAMPAIGN" beside "SKILL") may feed several skills: the queue
# the agents staff is the skill, queue or split beside it.
CAMPAIGN_WORDS = {"campaign", "campagna"}


def _queue_rank(column: _Column) -> tuple[bool, bool, bool, bool, bool]:
    """Readable names before ids, a queue named as such before a campaign, a team or
    department, a mailbox last; the queue a call ended in before the one it entered."""
    return (
        _names_by_id(column),
        not column.words & QUEUE_WORDS,
        not column.words & (QUEUE_WORDS - CAMPAIGN_WORDS),
        bool(column.words & MAILBOX_WORDS),
        _names_entry_queue(column),
    )


def _names_by_id(column: _Column) -> bool:
    """A queue column holding identifiers: named so ("Queue Id") or all opaque hex keys."""
    if column.words & ID_WORDS:
        return True
    return bool(column.values) and all(_OPAQUE_ID.fullmatch(v) for v in column.values)


# "Call Queue Target Type" (Teams: User, Voicemail) types where a call went, not the call.
NOT_A_KIND_OF_CONTACT_WORDS = {"target", "destination", "destinazione", "agent", "transfer"}


def _names_a_kind_of_contact(column: _Column) -> bool:
    # A "Call Type" of Answered, Missed, Voicemail (JustCall) types how calls ended: an outcome.
    return bool(
        column.words & {"type", "tipo"}
        and column.words & KIND_OF_CONTACT_WORDS
        and not column.words & (NOT_A_KIND_OF_CONTACT_WORDS | QUEUE_WORDS)
        and not _labels_outcomes(column)
    )


def _plan_time(
    plan: ColumnPlan,
    columns: list[_Column],
    by_name: dict[str, _Column],
    overrides: ImportOptions,
    display_name: str,
) -> None:
    _plan_date_and_time(plan, columns, by_name, overrides, display_name)
    hours = by_name.get(plan.time_column or "")
    if hours is None or not hours.values:
        return
    if all(_WHOLE_HOUR.fullmatch(v) for v in hours.values):
        minutes = [c for c in columns if c is not hours and _holds_minutes_past(c)]
        if minutes:
            plan.minute_column = minutes[0].name
            return
    elif not all(_WHOLE_HOUR_CLOCK.fullmatch(v) for v in hours.values):
        return
    # The hour as a number (8) or a clock on the hour ("08:00", "8:00 AM"), the part numbered.
    date = by_name.get(plan.date_column or plan.timestamp_column or "")
    for column in columns:
        part = _numbered_part_of_hour(column, hours, date)
        if column is not hours and part is not None:
            plan.minute_column, (plan.minute_part, plan.minute_first) = column.name, part
            return


# Headers of the minutes past the hour beside an hour column ("call_minute", "Minuto",
# "Minute"), as a query grouping by HOUR() and MINUTE() writes them.
MINUTE_WORDS = {"minute", "minuto", "minuta", "minuut", "minut"}
_WHOLE_HOUR = re.compile(r"(?:[01]?\d|2[0-3])")
_WHOLE_HOUR_CLOCK = re.compile(
    r"\d{1,2}(?:[:.h]00(?::00)?|\s?h)?(?:\s?[AaPp]\.?[Mm]\.?)?"  # "08:00", "8:00 AM", "8h"
    r"(?:\s?[-–]\s?\d{1,2}(?:[:.h]00(?::00)?|\s?h)?(?:\s?[AaPp]\.?[Mm]\.?)?)?"  # "8-9"
)


# Headers numbering the parts of an hour beside an hour column: "Half Hour" 1-2 (also "Mezz'ora",
# "Demi-heure", "Halbe Stunde") and "Quarter" or "Quarter Hour" 1-4 ("Viertelstunde", "Quart
# d'heure", "Cuarto", "Kwartier").
HALF_WORDS = {"half", "halbe", "halbstunde", "mezz", "mezza", "demi", "halfuur"}
QUARTER_WORDS = {"quarter", "qh", "viertelstunde", "quarto", "quart", "cuarto", "kwartier"}


def _numbered_part_of_hour(
    column: _Column, hours: _Column, date: _Column | None
) -> tuple[int, int] | None:
    """(minutes per part, number of the first part) of a column numbering the half hours or
    quarters of each hour: 1-2 under "Half Hour", 1-4 (or 0-3) under "Quarter"; minutes written
    under such a header (0, 30) are minutes past the hour."""
    part = 15 if column.words & QUARTER_WORDS else 30 if column.words & HALF_WORDS else 0
    values = [v for v in column.values if not is_total_row_label(v)]  # an hour's "Total" row
    if not part or not values or not all(v.isdigit() for v in values):
        return None
    numbers = [int(v) for v in values]
    if len(set(numbers)) < 2:
        return None
    if set(numbers) <= set(range(0, 60, part)) and max(numbers) >= part:
        return 0, 0  # minutes past the hour
    first = min(numbers)
    # A stray number past the last part is named by the reader, not taken for another column.
    within = [n for n in numbers if n - first < 60 // part]
    if first not in (0, 1) or len(within) < MIN_SHARE * len(numbers) or len(set(within)) < 2:
        return None
    # A year's quarter (1-4) is the same all day: the parts of an hour change within one hour.
    return (part, first) if _varies_within(column, date, hours) else None


def _varies_within(column: _Column, date: _Column | None, hours: _Column | None) -> bool:
    """Some sample rows of one date (and hour) hold different values of `column`."""
    cells = [c.cells for c in (date, hours) if c is not None]
    seen: dict[tuple[str, ...], set[str]] = {}
    for key, cell in zip(zip(*cells, strict=False), column.cells, strict=False):
        seen.setdefault(key, set()).add(cell)
    return any(len(values) > 1 for values in seen.values())


def _holds_minutes_past(column: _Column) -> bool:
    """Minutes past the hour on an interval grid: 0, 15, 30, 45 (at least two of them)."""
    values = column.values
    if not (column.words & MINUTE_WORDS) or not values or not all(v.isdigit() for v in values):
        return False
    minutes = [int(value) for value in values]
    # A stray minute past 59 is named by the reader, not taken for another kind of column.
    within = [minute for minute in minutes if minute < 60]
    return len(within) >= MIN_SHARE * len(minutes) and len(set(within)) >= 2 and 0 in within


def _plan_date_and_time(
    plan: ColumnPlan,
    columns: list[_Column],
    by_name: dict[str, _Column],
    overrides: ImportOptions,
    display_name: str,
) -> None:
    if overrides.time_column:
        chosen = by_name[overrides.time_column]
        fmt = _datetime_format(chosen)
        if fmt:
            plan.timestamp_column, plan.timestamp_format = chosen.name, fmt
            return
        if not _is_clock(chosen, allow_hours=True):
            raise InputError(
                f"{display_name}: column '{chosen.name}' does not hold dates or times (e.g. "
                f"{_examples(chosen)}). Choose the column with the date and time of each row "
                f"({where_to_choose('time_column')})."
            )
        plan.time_column = chosen.name
        date = by_name.get(overrides.date_column or "") or _first(
            [c for c in columns if c is not chosen], _date_format, DATE_WORDS
        )
        if date is None or not _date_format(date):
            raise InputError(
                f"{display_name}: '{chosen.name}' holds clock times but no date column was "
                f"found. Name the date column too ({where_to_choose('date_column')})."
            )
        plan.date_column, plan.date_format = date.name, _date_format(date)
        return
    if overrides.date_column:
        date = by_name[overrides.date_column]
        if not _date_format(date):
            raise InputError(
                f"{display_name}: column '{date.name}' does not hold dates (e.g. "
                f"{_examples(date)}). Choose the column with the date of each row "
                f"({where_to_choose('date_column')})."
            )
        plan.date_column, plan.date_format = date.name, _date_format(date)
        clock = _first([c for c in columns if c is not date], _clock_only, TIME_WORDS)
        plan.time_column = clock.name if clock else None
        return
    stamped = _first(columns, _datetime_format, TIME_WORDS | DATE_WORDS)
    if stamped is not None and _midnights_only(stamped):
        # "8/3/2026 12:00:00 AM" beside "Hour" 8, 9 ... (Power BI, Teams): a date whose clock
        # sits in its own column.
        clock = _first([c for c in columns if c is not stamped], _clock_only, TIME_WORDS)
        if clock is not None:
            plan.date_column, plan.date_format = stamped.name, _datetime_format(stamped)
            plan.time_column = clock.name
            return
    pair = _arrival_pair(columns, stamped) if stamped is not None else None
    if stamped is not None and pair is None:
        plan.timestamp_column, plan.timestamp_format = stamped.name, _datetime_format(stamped)
        return
    if pair is not None:
        date, clock = pair
        plan.date_column, plan.date_format = date.name, _date_format(date)
        plan.time_column = clock.name
        plan.notes.append(
            f"{display_name}: '{stamped.name}' holds whole timestamps, but '{clock.name}' (on "
            f"'{date.name}') names the arrival, so contacts are counted when they arrived."
        )
        return
    date = _first(columns, _date_format, DATE_WORDS)
    if date is None:
        _refuse_week_and_weekday(display_name, columns)
        _refuse_weekdays_without_dates(display_name, columns)
        _refuse_dates_without_year(display_name, columns)
        described = "; ".join(f"{c.name} (e.g. {_examples(c, 1)})" for c in columns)
        raise InputError(
            f"{display_name}: no column with dates or timestamps was found. Columns: "
            f"{described}. Add a date/time column such as 2024-03-01 08:15 or 01/03/2024 08:15, "
            f"or name it ({where_to_choose('time_column')})."
        )
    plan.date_column, plan.date_format = date.name, _date_format(date)
    clock = _first([c for c in columns if c is not date], _clock_only, TIME_WORDS)
    plan.time_column = clock.name if clock else None
    _plan_weekday_of_week(plan, columns, date, display_name)
    if clock is None:
        _plan_interval_number(plan, columns, date, display_name)


# A week's date that is its last day ("Week Ending"), not its first ("Week Beginning", "Week of").
WEEK_END_WORDS = {"ending", "end", "ended", "ends", "ende", "fin", "fine"}


def _plan_weekday_of_week(
    plan: ColumnPlan, columns: list[_Column], date: _Column, display_name: str
) -> None:
    """A date column naming a week ("Week Ending", "Week Beginning") beside a column of weekday
    names dates each row by its weekday within that week: read so, rather than every day of a
    week on the week's date and the weekdays taken for queues."""
    if not date.words & WEEK_NUMBER_WORDS:
        return
    weekday = next(
        (
            c for c in columns
            if c is not date and c.name != plan.time_column and c.values
            and all(weekday_number(v) is not None for v in c.values) and len(set(c.values)) > 1
        ),
        None,
    )  # fmt: skip
    if weekday is None:
        return
    plan.weekday_column = weekday.name
    plan.week_ends = bool(date.words & WEEK_END_WORDS)
    plan.notes.append(
        f"{display_name}: '{date.name}' dates each row's week (its "
        f"{'last' if plan.week_ends else 'first'} day) and '{weekday.name}' names the day: each "
        f"row is put on that weekday of its week (e.g. {_examples(weekday, 1)})."
    )


# Headers numbering the intervals of the day beside a date ("Interval" 1-48, "Slot", "Periodo").
INTERVAL_NUMBER_WORDS = {
    "interval", "intervallo", "intervalle", "intervalo", "slot", "period", "periodo", "periode",
    "tijdvak", "interwal", "przedzial", "fascia",
}  # fmt: skip


def _plan_interval_number(
    plan: ColumnPlan, columns: list[_Column], date: _Column, display_name: str
) -> None:
    """Read a column numbering the intervals of each day, 1 to 48 (or 0 to 47) for half hours
    and up to 96 for quarter hours, as the interval's start (17 is 08:00 in half hours). An
    index that stays within 1-24 may be hours or the morning's half hours: left unread."""
    for column in columns:
        values = column.values
        if column is date or not column.words & INTERVAL_NUMBER_WORDS or not values:
            continue
        if not all(v.isdigit() for v in values) or len(set(values)) < 2:
            continue
        numbers = [int(v) for v in values]
        # Numbered from 1 as most ACDs do, unless a 0 is seen (a desk open after midnight
        # shows neither).
        first, last = (0 if 0 in numbers else 1), max(numbers)
        # Quarter hours where several numbers pass the half hours' last: one stray is named by
        # the reader, not taken for a finer day.
        per_day = 96 if len({n for n in numbers if n - first >= 48}) > 1 else 48
        finer = len({n for n in numbers if n - first >= 96}) > 1  # five minutes: not read
        if last <= 24 or finer or not _varies_within(column, date, None):
            continue
        minutes = 1440 // per_day
        plan.minute_column, plan.minute_part, plan.minute_first = column.name, minutes, first
        start = f"{first} = 00:00-00:{minutes:02d}"
        plan.notes.append(
            f"{display_name}: '{column.name}' numbers the {minutes}-minute intervals of the day "
            f"({start}, up to {last} in this file): read so. If it numbers them otherwise, "
            "export each interval's start time (08:00) instead."
        )
        return


# A week number beside a weekday name ("Week 10", "Monday") places a row in a week of some year
# only: the headers and weekday names (first three letters, accents dropped) that tell it.
WEEK_NUMBER_WORDS = {"week", "wk", "kw", "woche", "settimana", "semaine", "semana", "sem", "weeknr"}
_WEEKDAY_STARTS = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",  # English
    "lun", "mar", "mer", "gio", "ven", "sab", "dom",  # Italian (and French/Spanish lundi, lunes)
    "jeu", "sam", "dim", "mie", "jue", "vie",  # French, Spanish
    "die", "mit", "don", "fre", "son",  # German (Montag and Samstag are above)
    "mo", "di", "mi", "do", "fr", "sa", "so",  # German two-letter forms ("Mo.", "Di.")
}  # fmt: skip


def _weekday_name(value: str) -> bool:
    """A weekday's name or its short form: "Monday", "Mo.", "mercredi", "Mié"."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", value.strip().lower().rstrip("."))
        if not unicodedata.combining(char)
    )  # fmt: skip
    return plain.isalpha() and len(plain) >= 2 and plain[:3] in _WEEKDAY_STARTS


# Each weekday (Monday 0) by the first three letters of its name in English, Italian, French,
# Spanish and German, or by German's two-letter forms.
_WEEKDAY_NUMBERS = {
    **dict.fromkeys(["mon", "lun", "mo"], 0), **dict.fromkeys(["tue", "mar", "die", "di"], 1),
    **dict.fromkeys(["wed", "mer", "mie", "mit", "mi"], 2),
    **dict.fromkeys(["thu", "gio", "jeu", "jue", "don", "do"], 3),
    **dict.fromkeys(["fri", "ven", "vie", "fre", "fr"], 4),
    **dict.fromkeys(["sat", "sab", "sam", "sa"], 5),
    **dict.fromkeys(["sun", "dom", "dim", "son", "so"], 6),
}  # fmt: skip


def weekday_number(value: str) -> int | None:
    """The weekday (Monday 0) a name or its short form names ("Monday", "Mo.", "mercredi");
    None for anything else."""
    if not _weekday_name(value):
        return None
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", value.strip().lower().rstrip("."))
        if not unicodedata.combining(char)
    )  # fmt: skip
    return _WEEKDAY_NUMBERS.get(plain[:3] if len(plain) > 2 else plain)


# Headers that name a length of time: chosen as the volume, each second would be a contact.
DURATION_HEADER_WORDS = (
    WHOLE_HANDLE_WORDS | PLAIN_DURATION_WORDS | TALK_WORDS | WAIT_WORDS | TIME_MEASURE_WORDS
) - {"avg", "average", "media", "medio", "mean", "acd", "service", "servizio", "ser"}


def _warn_of_timed_volume(plan: ColumnPlan, column: _Column | None, display_name: str) -> None:
    """Say so when the column chosen as the volume names a time ("Handle Time (s)"): its
    seconds would be read as contacts, 240,000 of them where there were a hundred."""
    if column is None or not column.words & DURATION_HEADER_WORDS:
        return
    numbers = parse_number(column.text, column.decimal_comma)
    numbers = numbers[np.isfinite(numbers)]
    typical = f" (typically {np.median(numbers):,.0f} a row)" if numbers.size else ""
    plan.notes.append(
        f"{display_name}: '{column.name}', chosen as the volume, names a time{typical}: each "
        "second or minute of it is counted as a contact. If it is a handle time or a wait, "
        "choose the column counting the contacts as the volume instead."
    )


def _refuse_week_and_weekday(display_name: str, columns: list[_Column]) -> None:
    """Refuse, saying why, a table dated only by a week number and a weekday name: which year's
    week 10 it means is nowhere, and guessing one would date every row wrongly."""
    weeks = [
        c
        for c in columns
        if c.words & WEEK_NUMBER_WORDS
        and c.values
        and all(v.strip().isdigit() and 1 <= int(v) <= 53 for v in c.values)
    ]
    weekdays = [
        c
        for c in columns
        if c.values and all(_weekday_name(v) for v in c.values) and len(set(c.values)) > 1
    ]
    if weeks and weekdays:
        raise InputError(
            f"{display_name}: '{weeks[0].name}' holds week numbers (e.g. {_examples(weeks[0], 1)})"
            f" and '{weekdays[0].name}' weekday names (e.g. {_examples(weekdays[0], 1)}), but no "
            "column gives the date. Write each row's day as a date (2024-03-04) or an ISO week "
            "date (2024-W10-1, Monday of week 10) and import again."
        )


def _refuse_weekdays_without_dates(display_name: str, columns: list[_Column]) -> None:
    """Refuse, saying why, a table whose rows are weekdays without a date (a heat map of calls
    by weekday and hour): a typical week, no history of days to learn from."""
    weekdays = [
        c for c in columns
        if c.values and all(weekday_number(v) is not None for v in c.values)
        and len(set(c.values)) > 1
    ]  # fmt: skip
    if weekdays:
        raise InputError(
            f"{display_name}: '{weekdays[0].name}' names weekdays (e.g. "
            f"{_examples(weekdays[0], 1)}), but no column gives each row's date: a table of a "
            "typical week (calls by weekday and hour) is no history to forecast from. Export "
            "the contacts with their dates, one row per day, interval (2024-03-04 08:00) or "
            "contact, and import again."
        )


# A day and month with no year, after a weekday or not, a clock after them or not: "Mon 04/03",
# "04.03.", "4 Mar", "Mar 4 08:00".
_WEEKDAY_BEFORE = r"(?:(?P<weekday>[^\W\d_]{2,9})\.?,?\s+)?"
_CLOCK_AFTER = r"(?:,?\s+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
_DAY_MONTH = re.compile(
    _WEEKDAY_BEFORE
    + r"(?:(?P<first>\d{1,2})[./-](?P<second>\d{1,2})\.?"
    + r"|\d{1,2}\.?[\s-](?P<month>[^\W\d_]{3,9})\.?|(?P<month_first>[^\W\d_]{3,9})\.?\s\d{1,2})"
    + _CLOCK_AFTER
)


def _day_and_month_only(value: str) -> bool:
    """ "Mon 04/03", "4 Mar": a day and a month without a year (the numbers a possible pair)."""
    match = _DAY_MONTH.fullmatch(value.strip())
    if match is None or (match["weekday"] and not _weekday_name(match["weekday"])):
        return False
    if match["first"]:
        first, second = int(match["first"]), int(match["second"])
        return 1 <= min(first, second) <= 12 and max(first, second) <= 31
    return True


def _refuse_dates_without_year(display_name: str, columns: list[_Column]) -> None:
    """Refuse, saying why, a table whose dates carry no year ("Mon 04/03"): guessing the year
    would date every row, and its weekday, wrongly."""
    for column in columns:
        values = column.values
        if not values or not (column.words & DATE_WORDS or _weekday_name(values[0].split()[0])):
            continue
        if len(set(values)) > 1 and sum(map(_day_and_month_only, values)) >= MIN_SHARE * len(
            values
        ):
            raise InputError(
                f"{display_name}: '{column.name}' holds days and months without a year (e.g. "
                f"{_examples(column, 1)}), so which year each row falls in is unknown. Export the "
                "dates with their year (04/03/2024 or 2024-03-04) and import again."
            )


def refuse_split_dates(
    header: list[str], sample_rows: list[list[str]], display_name: str, first_data_line: int
) -> None:
    """Refuse, naming the line, rows wider than the header because a date written with commas
    ("Monday, March 4, 2024") was left unquoted in a comma-separated file: its pieces would be
    read as other columns' values, and every column after it shifted."""
    width = len(header)
    wide = [number for number, row in enumerate(sample_rows) if len(row) > width]
    if not wide or len(wide) < MIN_SHARE * len(sample_rows):
        return
    rows = [sample_rows[number] for number in wide]
    extra = min(len(row) for row in rows) - width
    for position in range(width):
        alone = [row[position].strip() for row in rows]
        if _date_format(_sampled(header[position], alone)) or _datetime_format(
            _sampled(header[position], alone)
        ):
            continue  # a date already: the extra fields lie elsewhere
        for pieces in range(2, extra + 2):
            joined = [",".join(row[position : position + pieces]).strip() for row in rows]
            column = _sampled(header[position], joined)
            if not (_date_format(column) or _datetime_format(column)):
                continue
            raise InputError(
                f"{display_name}: line {first_data_line + wide[0]} has {len(rows[0])} fields "
                f"under a header of {width}: its date '{joined[0]}' holds commas, the file's "
                f"separator, so it was cut into {pieces} fields from column "
                f"'{header[position]}' on, and the columns after it shifted. Quote the dates "
                f'("{joined[0]}") or export the file with semicolons or tabs between fields, '
                "and import again."
            )


def _sampled(name: str, values: list[str]) -> _Column:
    """A column named `name` holding the sample `values`, to test their format."""
    return _Column(name, 0, header_words(name), [v for v in values if v], False, values)


def _midnights_only(column: _Column) -> bool:
    """Every sample timestamp of `column` at 00:00: dates written with a clock of midnight."""
    fmt = _datetime_format(column)
    if not fmt or not column.values:
        return False
    seconds = parse_timestamps(pa.array(column.values, pa.string()), fmt)
    seconds = seconds[~np.isnan(seconds)]
    return bool(seconds.size) and not np.any(seconds % 86400)


# Plain numbers in a duration column are seconds unless the header names another unit.
DURATION_UNITS = (
    ({"ms", "msec", "millis", "milliseconds", "millisecondi", "millisec"}, 0.001, "milliseconds"),
    ({"min", "mins", "minutes", "minute", "minuti", "minuto"}, 60.0, "minutes"),
    ({"hours", "hrs", "hr", "h"}, 3600.0, "hours"),
)


# Genesys Cloud's timed metrics ("tHandle", "tTalk", "tAcw", "tAnswered") are in milliseconds
# (Genesys Cloud analytics: metrics named t* are durations in ms).
GENESYS_TIMED_METRIC = re.compile(r"t[A-Z][A-Za-z]+")


SECONDS_WORDS = {"s", "sec", "secs", "seconds", "secondi", "ss"}


def names_seconds(name: str) -> bool:
    """Whether a duration column's header says its values are seconds ("Avg Handle (s)")."""
    return bool(header_words(name) & SECONDS_WORDS)


def unit_from_prefix(name: str) -> bool:
    """Whether a header's only word on its unit is its Hungarian "t" ("tHandle", "tTalkAcd"):
    milliseconds in Genesys Cloud, summed seconds in PureConnect, so its values decide."""
    words = header_words(name)
    named = set().union(*(unit_words for unit_words, _, _ in DURATION_UNITS)) | SECONDS_WORDS
    return bool(GENESYS_TIMED_METRIC.fullmatch(name.strip())) and not words & named


def duration_unit(name: str) -> tuple[float, str]:
    """(seconds per unit, unit) that a duration column's header names; (1, "seconds") when it
    names none or says seconds too ("AHT (mm:ss)" holds clock notation, not minutes)."""
    words = header_words(name)
    if words & SECONDS_WORDS:
        return 1.0, "seconds"
    if GENESYS_TIMED_METRIC.fullmatch(name.strip()):
        return 0.001, "milliseconds"
    for unit_words, factor, unit in DURATION_UNITS:
        if words & unit_words:
            return factor, unit
    return 1.0, "seconds"


# How a contact began, beside inbound and outbound (Amazon Connect's InitiationMethod: TRANSFER,
# QUEUE_TRANSFER, CALLBACK), as whole values so a queue's name is never read so: a transfer leg
# continues a contact counted where it arrived; a callback is work for a customer who called.
TRANSFER_BEGINNINGS = {"transfer", "queue transfer"}
CALLBACK_BEGINNINGS = {"callback", "call back", "queue callback"}


def begun_by_transfer(value: str) -> bool:
    return re.sub(r"[_\-]+", " ", value.strip().lower()) in TRANSFER_BEGINNINGS


def begun_by_callback(value: str) -> bool:
    return re.sub(r"[_\-]+", " ", value.strip().lower()) in CALLBACK_BEGINNINGS


def is_direction_value(value: str, letters: bool = False) -> bool | None:
    """True for inbound, False for outbound or internal, None for anything else; in a column
    known to hold directions, the first word decides ("outbound-api", "Manual"), or the word
    after who took part ("user_in", "user_out_transfer"). With `letters` (the header names a
    direction), "I" and "O" are inbound and outbound."""
    if letters and value.strip().lower() in DIRECTION_LETTERS:
        return DIRECTION_LETTERS[value.strip().lower()]
    exact = _exact_direction(value)
    if exact is not None:
        return exact
    first = re.match(r"[a-z]+", value.strip().lower())
    if first and first.group() in INBOUND_FIRST_WORDS:
        return True
    if first and first.group() in NOT_INBOUND_FIRST_WORDS:
        return False
    who = WHO_THEN_DIRECTION.fullmatch(value.strip().lower())
    return who.group(1) == "in" if who else None


# Internal calls are no calls out: "Support - Intern" may name a trainee's queue.
INTERNAL_VALUES = {
    "internal", "interna", "interno", "intern", "interne", "wewnetrzne", "wewnętrzne",
    "interní", "interni", "intern samtal",
}  # fmt: skip
# A channel or queue with an outbound direction after it, in brackets or after a dash, slash or
# colon: Zendesk's "Phone call (outbound)", "Voice - Outbound", "Calls / outgoing".
_QUALIFIED_CHANNEL = re.compile(r"^\S.*?(?:\(\s*([^()]+?)\s*\)|\s[-–—/:|]\s*([^-–—/:|()]+?))\s*$")


def names_outbound_channel(value: str) -> bool:
    """A channel or queue named with an outbound direction after it ("Phone call (outbound)",
    "Sales - Outbound"). A direction first ("Outbound Sales") may be a team's name: not so."""
    qualified = _QUALIFIED_CHANNEL.match(value.strip())
    if not qualified:
        return False
    direction = (qualified.group(1) or qualified.group(2)).lower()
    return direction not in INTERNAL_VALUES and _exact_direction(direction) is False


def names_direction(header: str) -> bool:
    """A header naming a call's direction ("Direction", "Call Direction")."""
    return bool(header_words(header) & DIRECTION_WORDS)


def _exact_direction(value: str) -> bool | None:
    key = value.strip().lower()
    if key in INBOUND_VALUES:
        return True
    if key in NOT_INBOUND_VALUES:
        return False
    return cjk_direction(value) if has_cjk(value) else None


def _is_direction(column: _Column) -> bool:
    """Values that are directions; read loosely only under a header that says so ("Call
    Direction", "Call Type"): a campaign named "Inbound Support" is not a direction."""
    if not column.values:
        return False
    named = bool(column.words & (DIRECTION_WORDS | {"type", "tipo"}))
    letters = names_direction(column.name)
    known = [
        (is_direction_value(value, letters) if named else _exact_direction(value)) is not None
        or begun_by_transfer(value)
        or begun_by_callback(value)
        for value in column.values
    ]
    share = NAMED_DIRECTION_SHARE if named else DIRECTION_SHARE
    return sum(known) >= share * len(known)


def is_total_label(value: str) -> bool:
    return bool(TOTAL_LABEL.match(value.strip()))


# A row's label where a date belongs may name its total anywhere: "Week 36 total", "Wk 36
# Total", "Summe KW 36", "Totale settimana 36"; a German PivotTable's "Gesamtergebnis" and
# "01.06.2026 Ergebnis".
TOTAL_ROW_WORDS = re.compile(
    r"\b(tot\w*|sub-?\s?tot\w*|summe|somma|summary|gesamt|grand|\w*ergebnis)\b", re.IGNORECASE
)


# A week's subtotal row labelled by the week alone where a date belongs: "Settimana 36",
# "Sett. 36", "KW 36", "Semaine 36", "Week 36/2026", "Semana 36".
WEEK_LABEL = re.compile(
    r"^(settimana|sett\.?|kw|kalenderwoche|woche|semaine|sem\.?|semana|week|wk\.?|w)"
    r"\s*\d{1,2}(\s*[/-]\s*\d{2,4})?$",
    re.IGNORECASE,
)


def is_total_row_label(value: str) -> bool:
    """A cell that labels a total or subtotal row rather than holding a date or time."""
    text = value.strip()
    return is_total_label(text) or bool(TOTAL_ROW_WORDS.search(text) or WEEK_LABEL.match(text))


# Rows of statistics a report prints under its table beside its total ("Maximum", "Median",
# "Std Dev", "Mittelwert", "Massimo", "Mínimo", "Écart type"): no interval either.
STATISTIC_ROW_LABEL = re.compile(
    r"^(max|maximum|maximal|massimo|m[aá]ximo|min|minimum|minimal|minimo|m[ií]nimo|median|"
    r"m[eé]diane|mediana|mittelwert|durchschnitt|moyenne|promedio|m[eé]dia|"
    r"std\.?\s?dev\.?|stdev|standard\s+deviation|standardabweichung|[eé]cart[\s-]type|"
    r"deviazione\s+standard|desviaci[oó]n\s+est[aá]ndar)\s*:?$",
    re.IGNORECASE,
)


def is_summary_row_label(value: str) -> bool:
    """A cell, in a row without a readable date or time, that labels a total, subtotal or
    statistic row. Only such rows are asked: a queue named "Max" stays a queue."""
    return is_total_row_label(value) or bool(STATISTIC_ROW_LABEL.match(value.strip()))


def _arrival_pair(columns: list[_Column], stamped: _Column) -> tuple[_Column, _Column] | None:
    """A date column and a clock column named as the arrival, when the only whole timestamp
    names another moment ("Answer Time", "End"): demand is counted when contacts arrive."""
    if stamped.words & ARRIVAL_WORDS:
        return None
    others = [column for column in columns if column is not stamped]
    clock = next((c for c in others if c.words & ARRIVAL_WORDS and _clock_only(c)), None)
    if clock is None:
        return None
    dates = [c for c in others if c is not clock and c.values and not _datetime_format(c)]
    date = _first(dates, _date_format, DATE_WORDS)
    return (date, clock) if date is not None else None


def _first(columns: list[_Column], test, words: set[str]) -> _Column | None:
    """Among columns passing `test`, the leftmost with a preferred word, else the leftmost."""
    passing = [column for column in columns if column.values and test(column)]
    for preferred in (ARRIVAL_WORDS, words):
        for column in passing:
            if column.words & preferred:
                return column
    return passing[0] if passing else None


def _datetime_format(column: _Column) -> str | None:
    # A spreadsheet's date-time cell saved as "General" ("45355.3333") under "Date" too.
    moment = TIME_WORDS | EPOCH_WORDS | DATE_WORDS_OF_A_MOMENT
    if column.values and column.words & moment and "id" not in column.words:
        epoch = epoch_format(column.values)
        if epoch:
            return epoch
        compact = _compact_datetime_format(column.values)
        if compact:
            return compact
    # Most values carry a clock: one footer line "generated 24/03/2024 07:02" in a date column
    # does not make it a timestamp column.
    clocked = sum(_has_clock(value) for value in column.values)
    if not column.values or clocked < MIN_SHARE * len(column.values):
        return None
    return detect_format(column.values, DATETIME_FORMATS, MIN_SHARE)


# Date and clock as one run of digits, year first, as SAP's TIMESTAMP ("20240304081500",
# YYYYMMDDhhmmss) and telephone switches' call records write them; only under a date or time
# header, so a phone number or an id is never one.
COMPACT_DATETIME_FORMATS = {"%Y%m%d%H%M%S": 14, "%Y%m%d%H%M": 12}


def _compact_datetime_format(values: list[str]) -> str | None:
    widths = {len(value) for value in values}
    for fmt, width in COMPACT_DATETIME_FORMATS.items():
        if widths == {width} and all(value.isdigit() for value in values):
            return detect_format(values, [fmt], MIN_SHARE)
    return None


_DATE_THEN_CLOCK = re.compile(DATE_THEN_CLOCK)
_DATE_THEN_HOUR_RANGE = re.compile(DATE_THEN_HOUR_RANGE)
_ORACLE_CLOCK = re.compile(ORACLE_CLOCK)
_DB2_TIMESTAMP = re.compile(DB2_TIMESTAMP)
_EAST_ASIAN_CLOCK = re.compile(r"\d\s*[時时点點시]\s*\d{2}")  # "8時30分", "8시 30분"


def _has_clock(value: str) -> bool:
    """A time of day in the text: "08:15", "08.15" after the date (Italian exports), "8時30分", or a
    clock after the date written as time columns write it, "0800", "08h00"."""
    return (
        ":" in value
        or bool(re.search(r"\s\d{1,2}\.\d{2}(\.\d{2})?\s*$", value))
        or bool(_ORACLE_CLOCK.search(value))
        or bool(_DB2_TIMESTAMP.match(value.strip()))
        or bool(_EAST_ASIAN_CLOCK.search(value))
        or bool(_DATE_THEN_CLOCK.match(value.strip()))
        or bool(_DATE_THEN_HOUR_RANGE.match(value.strip()))
    )


# Dates written as digits alone, and the width of every one of them.
COMPACT_DATE_WIDTHS = {"%Y%m%d": 8, "%y%m%d": 6, "%d%m%Y": 8, "%m%d%Y": 8}


def _date_format(column: _Column) -> str | None:
    # Mostly clock-free: a stray footer such as "generated 24/03/2024 07:02" does not count.
    if not column.values or sum(":" in value for value in column.values) >= MIN_SHARE * len(
        column.values
    ):
        return None
    if all(value.isdigit() for value in column.values) and not column.words & DATE_WORDS:
        return None  # digits alone are a date (yymmdd) only under a date-like header
    fmt = detect_format(column.values, DATE_FORMATS, MIN_SHARE)
    width = COMPACT_DATE_WIDTHS.get(fmt or "")
    if width and not all(len(v) == width for v in column.values):
        return None  # "3042024" may be 3 April or 30 April: only full-width digits say which
    return fmt


# Clocks written without a colon: "08h30" (French), or "0830" and "083000" under a time header.
_H_CLOCK = re.compile(r"\d{1,2}\s?[hH](\s?\d{2})?\b")
_HHMM = re.compile(r"\d{3,6}")
# Military time with its word after it: "0800 hrs", "1730 h" (the word says it is a clock).
_HHMM_WORD = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\s*(?i:hrs?|hours|h|uhr|std\.?|godz\.?)")


# Headers under which a whole number (8, 9 ... 17) is the hour of the day: "Hour", Italian "Ora",
# Spanish and Portuguese "Hora", French "Heure", German "Stunde", Dutch "Uur", Polish "Godzina".
HOUR_WORDS = {
    "ora", "hour", "hours", "orario", "oraria", "fascia", "hora", "heure", "stunde", "uur",
    "godzina",
}  # fmt: skip


def _is_clock(column: _Column, allow_hours: bool) -> bool:
    hour_ranges = all(
        re.match(HOUR_RANGE, value) or re.match(HHMM_RANGE, value) for value in column.values
    )
    timed = bool(column.words & TIME_WORDS)
    written = any(
        ":" in v
        or "." in v
        or ("," in v and timed)  # an Excel time as its number, "0,3333333333"
        or _H_CLOCK.match(v)
        or _EAST_ASIAN_CLOCK.search(v)
        or _HHMM_WORD.fullmatch(v)
        for v in column.values
    )
    colonless = bool(column.words & TIME_WORDS) and all(_HHMM.fullmatch(v) for v in column.values)
    if not (allow_hours or hour_ranges or written or colonless):
        return False
    seconds = parse_time_of_day(column.text, day_fractions=bool(column.words & TIME_WORDS))
    return len(seconds) > 0 and float((~np.isnan(seconds)).mean()) >= MIN_SHARE


def _clock_only(column: _Column) -> bool:
    """A time of day: H:MM values not under a header that names a length ("Call Duration",
    "AHT"), which reads as H:MM:SS too."""
    # "Half Hour" 1, 2 numbers the parts of an hour: it holds no hours.
    allow_hours = bool(column.words & HOUR_WORDS) and not column.words & (
        HALF_WORDS | QUARTER_WORDS
    )
    return (
        not _names_a_length(column) and _is_clock(column, allow_hours) and not _date_format(column)
    )


def _names_a_length(column: _Column) -> bool:
    lengths = (HANDLE_WORDS | WAIT_WORDS | TIME_MEASURE_WORDS) - {"time", "tempo"}
    return bool(column.words & lengths) and not column.words & MOMENT_WORDS


def _arrival_clock(plan: ColumnPlan, by_name: dict[str, _Column]) -> np.ndarray | None:
    """Each sample row's arrival as seconds after midnight (NaN where unread); None without a
    time of day."""
    if plan.time_column:
        cells = pa.array(by_name[plan.time_column].cells, pa.string())
        return parse_time_of_day(cells, day_fractions=True)
    if plan.timestamp_column and plan.timestamp_format:
        cells = pa.array(by_name[plan.timestamp_column].cells, pa.string())
        return parse_timestamps(cells, plan.timestamp_format) % 86_400
    return None


# Share of rows whose value falls just after the row's arrival for a column to be its clock.
CLOCK_SHARE = 0.9


def _holds_clock_times(column: _Column, arrival: np.ndarray | None) -> bool:
    """Values written as clock times: the moment something happened ("Answer Time" 08:01:25),
    not how long the contact waited. Told by a median of an hour or more, or by values that
    fall, read as times of day, within an hour after each row's arrival ("8:01" for a call at
    08:00:47, which reads as 8 minutes too)."""
    if not column.values or sum(":" in v for v in column.values) < MIN_SHARE * len(column.values):
        return False
    lengths = parse_duration(column.text, column.decimal_comma)
    lengths = lengths[~np.isnan(lengths)]
    if len(lengths) and float(np.median(lengths)) >= MAX_WAIT_SECONDS:
        return True
    if arrival is None:
        return False
    clock = parse_time_of_day(pa.array(column.cells, pa.string()))
    both = ~np.isnan(clock) & ~np.isnan(arrival)
    after = (clock[both] >= arrival[both] - 60) & (clock[both] <= arrival[both] + MAX_WAIT_SECONDS)
    return bool(both.sum()) and float(after.mean()) >= CLOCK_SHARE


def _number_share(column: _Column) -> float:
    """Share of the non-empty values that are numbers; a lone dash, as an ACD or a spreadsheet's
    accounting format writes a zero, is one beside other numbers."""
    if not column.values:
        return 0.0
    numbers = is_number(column.text, column.decimal_comma)
    if not numbers.any():
        return 0.0
    return float((numbers | np.isin(column.values, DASHES)).mean())


# A count a formula could not give: infinite where it divided by zero. Not available, as the
# reader's NOT_AVAILABLE cells are, but named by the reader as no count.
_NO_COUNT = ("inf", "-inf", "+inf", "infinity", "-infinity")


def _numbers_with_gaps(column: _Column) -> bool:
    """Numbers where the other values only say that the number is not available (see
    NOT_AVAILABLE), a dash or an infinite result."""
    if not column.values:
        return False
    numbers = is_number(column.text, column.decimal_comma)
    gaps = np.isin(np.char.lower(np.asarray(column.values)), NOT_AVAILABLE + DASHES + _NO_COUNT)
    return bool(numbers.any()) and bool((numbers | gaps).all())


def _duration_share(column: _Column) -> float:
    if not column.values:
        return 0.0
    return float((~np.isnan(parse_duration(column.text, column.decimal_comma))).mean())


def _on_interval_grid(plan: ColumnPlan, by_name: dict[str, _Column]) -> bool:
    """True when the sample's times of day all fall on a grid of 5 minutes or more (interval
    starts: 6-minute slots too)."""
    if plan.time_column:
        seconds = parse_time_of_day(by_name[plan.time_column].text, day_fractions=True)
    elif plan.timestamp_column and plan.timestamp_format:
        column = by_name[plan.timestamp_column]
        seconds = parse_timestamps(column.text, plan.timestamp_format) % 86_400
    else:
        return True  # dates only: one row per day
    seconds = seconds[~np.isnan(seconds)].astype(np.int64)
    # The day's length joins the gcd so that it is an interval length dividing the day.
    return bool(len(seconds)) and int(np.gcd.reduce(np.append(seconds, 86_400))) >= 300


# A share written with its sign, "5 %", "5%", "12,5 %" (a no-break space as Excel writes it).
_PERCENTAGE = re.compile(r"[-+]?\d+(?:[.,]\d+)?[\s\u00a0\u202f]*%")


def _unread_outcome_count_notes(
    plan: ColumnPlan, measurable: list[_Column], display_name: str
) -> list[str]:
    """A note for each outcome count an interval report names but writes mostly as something
    else ("Abandoned" of 'N/A' in most rows, numbers in the others): it is not read, so that
    outcome is unknown. Lengths ("Abandoned 0:35") are no counts."""
    notes = []
    for role, chosen, words in (
        ("answered", plan.answered_column, ANSWERED_COUNT_WORDS),
        ("abandoned", plan.abandoned_column, ABANDONED_COUNT_WORDS),
    ):
        named = next(
            (
                c
                for c in measurable
                if c.values
                and c.words & words
                and not c.words & NOT_COUNT_WORDS
                and c.name != plan.volume_column
            ),
            None,
        )
        if chosen or named is None:
            continue
        shares = [v for v in named.values if _PERCENTAGE.fullmatch(v.strip())]
        if len(shares) >= MIN_SHARE * len(named.values):
            notes.append(
                f"{display_name}: '{named.name}' holds percentages (e.g. "
                f"{', '.join(repr(v) for v in list(dict.fromkeys(shares))[:3])}), a share of the "
                f"contacts, not their number: it was not read as the {role} count, so the {role} "
                f"contacts are unknown, not 0. Export the {role} count and import again."
            )
            continue
        if not 0 < _number_share(named) < MIN_SHARE:
            continue
        if _duration_share(named) >= MIN_SHARE:
            continue
        numbers = is_number(named.text, named.decimal_comma) | np.isin(named.values, DASHES)
        others, counts = np.unique(np.asarray(named.values)[~numbers], return_counts=True)
        shown = ", ".join(f"'{value}'" for value in others[np.argsort(-counts, kind="stable")][:3])
        notes.append(
            f"{display_name}: '{named.name}' was not read as the {role} count: only "
            f"{int(numbers.sum())} of its first {len(named.values)} values are numbers, the "
            f"others {shown}. The {role} contacts are therefore unknown, not 0. If those values "
            "stand for none, export them as 0 and import again."
        )
    return notes


def _pick_count(columns: list[_Column], words: set[str]) -> str | None:
    """The first (mostly) numeric column named with `words` that is not a time or a rate."""
    for column in columns:
        if column.words & words and not column.words & NOT_COUNT_WORDS:
            return column.name
    return None


# A BI tool's count of a field's rows per group, named for the field counted: Power BI's
# "Count of Call ID" and "Count of Call ID (Distinct)", Tableau's "CNT(Calls)" and
# "CNTD(Call ID)", and Tableau's count of every row, "Number of Records". A count of contacts,
# never their identifier.
_BI_COUNT = re.compile(
    r"^\s*(?:(?:distinct\s+)?count\s+of\s|(?:cnt|cntd|count|countd)\s*\(|number\s+of\s+records\s*$)",
    re.IGNORECASE,
)


def names_bi_count(name: str) -> bool:
    return bool(_BI_COUNT.match(name))


def _pick_volume(numeric: list[_Column], countable: list[_Column], on_grid: bool) -> str | None:
    """A count-like header over (mostly) numbers - one naming arriving contacts ("offered")
    first, one naming only served contacts ("handled") last; else the only plain numeric
    column. Off an interval grid a header must say what it counts ("Total Queue" is a wait)."""
    # "Count of Call ID" counts the rows of each interval, whatever identifies them.
    words = {
        column.name: column.words - {"id"} | {"count"}
        if names_bi_count(column.name)
        else column.words
        for column in countable
    }
    named = [
        column
        for column in countable
        if words[column.name] & VOLUME_WORDS
        and not words[column.name] & NOT_VOLUME_WORDS
        and not column.words & TIME_MEASURE_WORDS  # "After Call Work Time" is no count
        and (on_grid or column.words & (VOLUME_WORDS - GENERIC_COUNT_WORDS))
    ]
    ranked = sorted(
        named,
        key=lambda c: (
            not c.words & ARRIVAL_COUNT_WORDS,
            bool(c.words & SERVED_COUNT_WORDS),
            not c.words & OFFERED_WORDS,
        ),
    )
    if ranked:
        return ranked[0].name
    counts = [c for c in numeric if not c.words & NOT_VOLUME_WORDS]
    other_roles = HANDLE_WORDS | WAIT_WORDS | SATISFACTION_WORDS | QUEUE_WORDS
    unnamed = [c for c in counts if not c.words & other_roles]
    return unnamed[0].name if on_grid and len(unnamed) == 1 and len(numeric) == 1 else None


# A table of one count column per queue has at least this many queues ...
MIN_QUEUE_COLUMNS = 2
# ... on at least this many distinct times, this share of its rows at a distinct time (one row
# per interval: a contact log repeats busy moments) ...
MIN_GRID_TIMES = 4
DISTINCT_TIME_SHARE = 0.95
# ... this share of the steps between them one interval long (the rest span closed hours) ...
INTERVAL_STEP_SHARE = 0.5
# ... and this share of its counts whole numbers (an export may average a few).
WHOLE_COUNT_SHARE = 0.9
# Headers of numbers that are no counts of contacts: times, rates, ids.
NOT_QUEUE_COUNT_WORDS = NOT_COUNT_WORDS | WHOLE_HANDLE_WORDS | {"id"}


def _queue_count_columns(
    plan: ColumnPlan, columns: list[_Column], by_name: dict[str, _Column]
) -> tuple[str, ...]:
    """The queue columns of a table with one count column per queue ("Interval,Sales,Support"):
    no count recognised by its header (a "Total" aside), every other column holding counts
    (numbers >= 0, mostly whole, not one number repeated), one row per interval on a regular
    step. A row-total column must be the sum of the queues. Empty for any other table: a
    contact log's numbers sit beside irregular arrival times."""
    times = {plan.timestamp_column, plan.date_column, plan.time_column} - {None}
    others = [c for c in columns if c.name not in times]
    totals = [c for c in others if is_total_label(c.name)]
    # A trailing delimiter's nameless column ("column_6", see sniff) is no queue while empty.
    queues = [
        c
        for c in others
        if c not in totals and (c.values or not re.fullmatch(r"column_\d+", c.name))
    ]
    if not (plan.timestamp_column or plan.date_column) or len(queues) < MIN_QUEUE_COLUMNS:
        return ()
    # A count named as such makes an ordinary interval report, unless every column is a count
    # of its own queue ("Sales Calls", "Support Calls").
    counted = plan.volume_column and plan.volume_column not in {c.name for c in totals}
    if counted and _queue_labels([c.name for c in queues]) is None:
        return ()
    counts = {c.name: _counts(c) for c in queues + totals}
    if any(c.words & NOT_QUEUE_COUNT_WORDS or _names_an_outcome(c.words) for c in queues) or any(
        value is None for value in counts.values()
    ):
        return ()
    if any(_one_number_repeated(counts[c.name]) for c in queues):
        return ()  # the same count on every row (agents staffed) counts no arrivals
    if not _one_row_per_interval(plan, by_name):
        return ()
    summed = np.nansum(np.stack([counts[c.name] for c in queues]), axis=0)
    if any(
        _sums_the_others(counts[c.name], summed - np.nan_to_num(counts[c.name])) for c in queues
    ):
        return ()  # offered = answered + abandoned under unknown headers: no queues
    # Headers naming a queue each ("Sales Calls", "Support Calls") are queues whatever a total
    # says: the reader names the rows it disagrees on. Bare headers need the total to agree.
    named = _queue_labels([c.name for c in queues]) is not None
    for total in totals:
        stated = counts[total.name]
        known = ~np.isnan(stated)
        off = known.any() and np.mean(np.abs(stated[known] - summed[known]) <= 0.5) < 0.9
        if off and not named:
            return ()  # a "Total" that is no sum of these columns: they may be no queues
    return tuple(c.name for c in queues)


def _names_an_outcome(words: set[str]) -> bool:
    """A header of an outcome's count ("Answered", "Répondus", "Sales Abandoned"): answered or
    abandoned contacts are no queue's arrivals, as they are no file's count alone. A served
    count ("Sales Handled") is read as the count, with a note, as ever; "ACD" names queues too.
    """
    outcome = ANSWERED_COUNT_WORDS | ABANDONED_COUNT_WORDS
    return bool(words & (outcome - SERVED_COUNT_WORDS - VOLUME_WORDS - {"acd"}))


# Words saying what a column counts ("Sales Calls", "N. chiamate di Vendita"): what is left of
# its header may name a queue.
COUNT_NOUNS = COUNTED_THINGS | {
    "chat", "email", "mail", "ticket", "contact", "contatto", "chiamata", "volume", "volumes",
    "volumi", "count", "conteggio", "n", "num", "numero", "nr", "no", "qty", "quantity",
}  # fmt: skip
LABEL_FILLER_WORDS = {"of", "di", "de", "del", "della", "delle", "dei"}
# What is left naming an outcome, a measure or a direction ("Calls Offered", "Inbound Calls",
# "Calls in Queue") makes the columns parts of one report, not queues. A queue may be called
# "Service" though: beside a count word it names no service time.
NOT_QUEUE_LABEL_WORDS = (
    VOLUME_WORDS | ANSWERED_COUNT_WORDS | ABANDONED_COUNT_WORDS | NOT_VOLUME_WORDS
    | NOT_QUEUE_COUNT_WORDS | OUTBOUND_WORDS | INBOUND_FIRST_WORDS | NOT_INBOUND_FIRST_WORDS
    | (HANDLE_WORDS - {"service", "servizio", "ser"}) | WAIT_WORDS | HOLD_WORDS | WRAP_UP_WORDS
    | LENGTH_WORDS | QUEUE_MEASURE_WORDS | LONGEST_WORDS | SATISFACTION_WORDS | OUTCOME_WORDS
    | NOT_A_TIME_WORDS | TIME_WORDS | DATE_WORDS | WHOLE_CALL_WORDS | {
        "short", "transferred", "transfer", "transfers", "trasferite", "overflow", "overflowed",
        "interflow", "interflowed", "redirected", "dequeued", "callback", "callbacks",
        "blocked", "busy", "internal", "external", "agents", "agent", "staff", "forecast",
        "target", "sla", "ivr", "all", "other", "altre", "altri",
    }
)  # fmt: skip


# Count words a queue's count column may carry beside the queue's name: the count nouns, the
# words for arriving contacts ("Sales Offered", "Offered Support") and for served ones ("Sales
# Handled", read with a note as a lone "Handled" is); "Inbound Calls" names a direction, no queue.
QUEUE_COUNT_WORDS = (
    COUNT_NOUNS | (ARRIVAL_COUNT_WORDS - {"inbound", "incoming"}) | SERVED_COUNT_WORDS
)


def _queue_label(header: str) -> str | None:
    """The header less its count word ("Sales Calls" -> "Sales"), or None when it has none or
    only a count word."""
    tokens = re.split(r"[\W_]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", header))
    kept = [
        t for t in tokens if t and not header_words(t) <= QUEUE_COUNT_WORDS | LABEL_FILLER_WORDS
    ]
    if not kept or not any(header_words(t) & QUEUE_COUNT_WORDS for t in tokens if t):
        return None
    return " ".join(kept)


# Channels a count column may be named by alone ("Calls, Chats, Emails", "N. chiamate, N. chat"):
# then each column is the queue of its channel.
CHANNEL_NOUN_GROUPS = (
    frozenset({
        "calls", "call", "chiamate", "chiamata", "telefonate", "anrufe", "appels", "llamadas",
        "voice", "voce", "phone", "telefono", "chamadas", "chamada", "gesprekken", "oproepen",
    }),
    frozenset({"chats", "chat"}),
    frozenset({"emails", "email", "mails", "mail", "e", "correos", "correo", "courriels",
               "courriel"}),
    frozenset({"tickets", "ticket"}),
    frozenset({"sms", "messages", "messaggi", "whatsapp"}),
)  # fmt: skip


def _channel_labels(headers: list[str]) -> list[str] | None:
    """Each header as its channel's queue name ("N. chiamate" -> "Chiamate") when every header
    names only a channel, each a different one; None otherwise."""
    labels, channels = [], set()
    for header in headers:
        kept = [
            token
            for token in re.split(r"[^\w-]+", header)
            if token
            and not header_words(token)
            <= GENERIC_COUNT_WORDS | LABEL_FILLER_WORDS | ARRIVAL_COUNT_WORDS
        ]
        words = header_words(" ".join(kept))
        group = next((g for g in CHANNEL_NOUN_GROUPS if words and words <= g), None)
        if group is None or group in channels:
            return None
        channels.add(group)
        label = " ".join(kept)
        labels.append(label[:1].upper() + label[1:])
    return labels if len(labels) >= MIN_QUEUE_COLUMNS else None


def _queue_labels(headers: list[str]) -> list[str] | None:
    """The queue each count column names ("Sales Calls", "Support Calls" -> Sales, Support;
    "Calls", "Chats" -> Calls, Chats), or None unless every one names a distinct queue that is
    no outcome or measure."""
    channels = _channel_labels(headers)
    if channels:
        return channels
    labels = [_queue_label(header) for header in headers]
    if len(labels) < MIN_QUEUE_COLUMNS or None in labels:
        return None
    named = [label for label in labels if label is not None]
    if len({label.lower() for label in named}) < len(named):
        return None
    return None if _names_no_queue(named) else named


# A block's measures besides its count, each read under its own name in the long table.
BLOCK_MEASURE_ROLES = ("answered", "abandoned", "aht", "wait")
COUNT_ROLES = frozenset({"volume", "answered", "abandoned"})


def _block_role(words: set[str]) -> str | None:
    """'volume', 'answered', 'abandoned', 'aht' or 'wait' for the words of a block header less
    its queue label ("Offered", "AHT", "Avg Speed Ans"); None for anything else."""
    words = words - LABEL_FILLER_WORDS
    timed = bool(words & (TIME_MEASURE_WORDS | LENGTH_WORDS))
    if not words or words & (RATE_WORDS | OUTBOUND_WORDS | LONGEST_WORDS | {"sl", "level"}):
        return None
    if words & ABANDONED_COUNT_WORDS:
        return None if timed else "abandoned"
    if words & WHOLE_HANDLE_WORDS or (words & HANDLE_WORDS - {"acd"} and timed):
        return "aht"
    if words & (WAIT_WORDS | SPEED_WORDS):
        return "wait"
    if words & ANSWERED_COUNT_WORDS:
        return None if timed else "answered"
    countable = COUNT_NOUNS | VOLUME_WORDS
    return "volume" if words <= countable and not words & NOT_VOLUME_WORDS else None


def _block_split(header: str, leading: bool) -> tuple[str, str, str] | None:
    """(queue label, role, the header less the label) with the label the header's shortest
    leading (or trailing) words before (after) a known role; None when no split names one."""
    tokens = [t for t in re.split(r"[\W_]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", header)) if t]
    cuts = range(1, len(tokens)) if leading else range(len(tokens) - 1, 0, -1)
    for cut in cuts:
        label, rest = (tokens[:cut], tokens[cut:]) if leading else (tokens[cut:], tokens[:cut])
        role = _block_role(header_words(" ".join(rest)))
        if role:
            return " ".join(label), role, " ".join(rest)
    return None


def _queue_blocks(
    plan: ColumnPlan, columns: list[_Column], by_name: dict[str, _Column]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] | None:
    """(count columns, queue names, measures) of a table of per-queue blocks ("Sales Calls,
    Sales AHT, Support Calls, Support AHT"): every column but the times splits, on the same
    side, into a queue label and a role; two or more queues hold the same roles, a count among
    them and some other measure (one count per queue is _queue_count_columns' table). None
    otherwise: an ACD report of one queue ("Calls Offered, Calls Answered") has one label."""
    times = {plan.timestamp_column, plan.date_column, plan.time_column} - {None}
    # A trailing delimiter's nameless column ("column_6", see sniff) is no block while empty.
    # A row total of its own ("Total" with no measure named) sums the blocks' counts: the
    # reader leaves it out, it splits into no block.
    others = [
        c
        for c in columns
        if c.name not in times
        and (c.values or not re.fullmatch(r"column_\d+", c.name))
        and not (is_total_label(c.name) and _block_split(c.name, True) is None)
    ]
    if not (plan.timestamp_column or plan.date_column) or len(others) < 2 * MIN_QUEUE_COLUMNS:
        return None
    for leading in (True, False):
        splits = [_block_split(c.name, leading) for c in others]
        if None in splits:
            continue
        groups: dict[str, dict[str, tuple[str, str]]] = {}
        labels: dict[str, str] = {}
        for column, (label, role, rest) in zip(others, splits, strict=True):
            roles = groups.setdefault(label.lower(), {})
            labels.setdefault(label.lower(), label)
            if role in roles:
                break  # two counts under one label: no block of one queue
            roles[role] = (column.name, rest)
        else:
            blocks = _checked_blocks(groups, labels, by_name, plan)
            if blocks:
                return blocks
    return None


def _checked_blocks(
    groups: dict[str, dict[str, tuple[str, str]]],
    labels: dict[str, str],
    by_name: dict[str, _Column],
    plan: ColumnPlan,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] | None:
    """The blocks of `_queue_blocks` when they name queues holding counts and measures."""
    # A "Total" block sums the queues: no queue of its own, left out as totals.
    queues = [key for key in groups if not is_total_label(labels[key])]
    # Every block counts its contacts and holds some measure beside; blocks of channels may
    # measure differently ("Voice Offered, Answered, Abandoned" beside "Email Received,
    # Handled": e-mail has no abandoned count), a block's missing measure left empty.
    if len(queues) < MIN_QUEUE_COLUMNS or any(
        "volume" not in groups[key] or len(groups[key]) < 2 for key in queues
    ):
        return None
    shared = frozenset().union(*(groups[key] for key in queues))
    if _names_no_queue([labels[key] for key in queues]):
        return None
    held = [(key, role) for key in queues for role in shared if role in groups[key]]
    counted = [by_name[groups[key][role][0]] for key, role in held if role in COUNT_ROLES]
    if any(_counts(c) is None for c in counted):
        return None
    timed = [by_name[groups[key][role][0]] for key, role in held if role not in COUNT_ROLES]
    if any(c.values and max(_number_share(c), _duration_share(c)) < MIN_SHARE for c in timed):
        return None
    if not _one_row_per_interval(plan, by_name):
        return None
    measures = []
    for role in sorted(shared - {"volume"}, key=BLOCK_MEASURE_ROLES.index):
        columns = tuple(groups[key][role][0] if role in groups[key] else "" for key in queues)
        rest = next(groups[key][role][1] for key in queues if role in groups[key])
        # The rest of the header keeps its unit ("AHT (min)") for the duration reading.
        header = role if header_words(rest) == {role} else f"{role} ({rest})"
        units = {duration_unit(column) for column in columns if column}
        if len(units) > 1:
            return None  # queues timed in different units: no one header says them all
        measures.append((header, columns))
    return (
        tuple(groups[key]["volume"][0] for key in queues),
        tuple(labels[key] for key in queues),
        tuple(measures),
    )


def _names_no_queue(labels: list[str]) -> bool:
    """Some label names an outcome or a measure ("Lost", "Inbound", "Transferred"; the outcome
    reader knows outcomes the word sets miss), so the labels name no queues."""
    return any(
        header_words(label) & NOT_QUEUE_LABEL_WORDS
        or classify_label(label) != OTHER
        or transferred(label)
        for label in labels
    )


def _queue_names(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Each queue column's queue: its header less a count word when every header has one."""
    return tuple(_queue_labels(list(columns)) or columns)


def _counts(column: _Column) -> np.ndarray | None:
    """Each sample row's count (NaN where empty; an ACD's lone dash is 0), or None when the
    column holds anything else than numbers >= 0, mostly whole."""
    cells = ["0" if cell in DASHES else cell for cell in column.cells]
    numbers = parse_number(pa.array(cells, pa.string()), column.decimal_comma)
    filled = np.array([bool(cell) for cell in cells])
    known = numbers[~np.isnan(numbers)]
    if np.isnan(numbers[filled]).any() or (known < 0).any():
        return None
    if len(known) and np.mean(known == np.round(known)) < WHOLE_COUNT_SHARE:
        return None
    return numbers


def _sums_the_others(counts: np.ndarray, others: np.ndarray) -> bool:
    """The column is the sum of the other columns wherever they count anything: a total or an
    outcome breakdown, which separate queues never are."""
    busy = others > 0
    return busy.sum() >= MIN_GRID_TIMES and bool(np.mean(counts[busy] == others[busy]) >= 0.9)


def _one_number_repeated(counts: np.ndarray) -> bool:
    """One number other than 0 on every filled row (a queue without contacts is all zeros)."""
    distinct = np.unique(counts[~np.isnan(counts)])
    return len(distinct) == 1 and distinct[0] != 0


def _one_row_per_interval(plan: ColumnPlan, by_name: dict[str, _Column]) -> bool:
    """The sample's rows fall on distinct times a fixed step apart (days, or intervals of 5
    minutes or more), mostly one step after another."""
    if plan.timestamp_column and plan.timestamp_format:
        cells = pa.array(by_name[plan.timestamp_column].cells, pa.string())
        moments = parse_timestamps(cells, plan.timestamp_format)
    elif plan.date_column and plan.date_format:
        days = parse_timestamps(
            pa.array(by_name[plan.date_column].cells, pa.string()), plan.date_format
        )
        # A date written once per day holds for the rows below it.
        last = np.maximum.accumulate(np.where(np.isnan(days), 0, np.arange(len(days))))
        moments = days[last]
        if plan.time_column:
            cells = pa.array(by_name[plan.time_column].cells, pa.string())
            moments = moments + parse_time_of_day(cells, day_fractions=True)
    else:
        return False
    known = moments[~np.isnan(moments)]
    distinct = np.unique(known)
    if len(distinct) < MIN_GRID_TIMES or len(known) < DISTINCT_TIME_SHARE * len(moments):
        return False
    if len(distinct) < DISTINCT_TIME_SHARE * len(known):
        return False  # several rows at one time: a contact log, or a queue column elsewhere
    steps = np.diff(distinct).astype(np.int64)
    values, times = np.unique(steps, return_counts=True)
    step = int(values[np.argmax(times)])
    on_step = step >= 300 and (86_400 % step == 0 or step % 86_400 == 0)
    return on_step and not (steps % step).any() and times.max() >= INTERVAL_STEP_SHARE * len(steps)


def _refuse_unnamed_counts(
    plan: ColumnPlan, numeric: list[_Column], header: list[str], display_name: str
) -> None:
    """Times on an interval grid beside count-like numbers make an interval report whose count
    header was not recognised: reading it as one contact per row would be silently wrong."""
    other_roles = HANDLE_WORDS | WAIT_WORDS | SATISFACTION_WORDS | NOT_COUNT_WORDS
    counts = [
        c.name
        for c in numeric
        if c.name not in plan.used_columns()
        and not c.words & other_roles
        and "id" not in c.words
        and all(re.fullmatch(r"\d+", value) for value in c.values)
    ]
    if counts:
        raise InputError(
            f"{display_name}: the times fall on an interval grid, so this looks like a report "
            f"of counts per interval, but no column was recognised as the count (columns: "
            f"{', '.join(header)}). Name the column with the number of contacts offered, e.g. "
            f"'{counts[0]}' ({where_to_choose('volume_column', counts[0])}); if each row is one "
            f"contact, choose the per-contact layout ({where_to_choose('kind', KIND_RECORDS)})."
        )


# Numbers written as words in the languages read ("five", "cinque", "fünf", "cinq", "cinco").
NUMBER_WORDS = {
    "zero", "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "and", "nessuno", "uno", "una", "due", "tre", "quattro", "cinque", "sei", "sette",
    "otto", "nove", "dieci", "venti", "null", "eins", "ein", "zwei", "drei", "vier", "funf",
    "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "zwanzig", "un", "une", "deux", "trois",
    "quatre", "cinq", "sept", "huit", "neuf", "dix", "vingt", "cero", "dos", "tres", "cuatro",
    "cinco", "seis", "siete", "ocho", "nueve", "diez", "veinte",
}  # fmt: skip


def _number_in_words(value: str) -> bool:
    """ "five", "twenty-one", "Fünf": a number written out in words."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", value.lower())
        if not unicodedata.combining(char)
    )  # fmt: skip
    words = re.findall(r"[a-z]+", plain)
    return bool(words) and all(word in NUMBER_WORDS for word in words)


def _unused_word_columns(
    plan: ColumnPlan, columns: list[_Column], holds: Callable[[str], bool]
) -> Iterator[_Column]:
    """The columns no role took whose header is a count word and every value `holds`."""
    used = plan.used_columns()
    for column in columns:
        if (
            column.name not in used
            and column.values
            and column.words
            and column.words <= VOLUME_WORDS
            and all(holds(value) for value in column.values)
        ):
            yield column


def _refuse_worded_counts(plan: ColumnPlan, columns: list[_Column], display_name: str) -> None:
    """A count column on an interval grid holding only words ("five", "cinque"): read as one
    contact per row, every interval would hold one contact whatever its count said."""
    for column in _unused_word_columns(plan, columns, _number_in_words):
        raise InputError(
            f"{display_name}: '{column.name}' should count the contacts of each interval, but "
            f"it holds words, not numbers (e.g. {_examples(column)}). Write the counts as "
            "digits (5, not 'five') and import again."
        )


def _refuse_unavailable_counts(plan: ColumnPlan, columns: list[_Column], display_name: str) -> None:
    """A count column on an interval grid whose every value says the count is not available
    ("#N/A"): read as one contact per row, every interval would hold one contact."""
    unavailable = NOT_AVAILABLE + _NO_COUNT
    for column in _unused_word_columns(plan, columns, lambda value: value.lower() in unavailable):
        written = ", ".join(repr(value) for value in list(dict.fromkeys(column.values))[:3])
        raise InputError(
            f"{display_name}: '{column.name}' should count the contacts of each interval, but "
            f"its values only say that the count is not available ({written}). Export the "
            "report again once its counts are filled in, and import it again."
        )


def _unread_count_note(column: str, display_name: str) -> str:
    """A count column on an interval grid that the chosen file kind, contact records, leaves
    unread: each row counts as one contact, whatever the column says (AXA's CMS export of 232
    calls read so as 18,803 contacts, without a word)."""
    return (
        f"{display_name}: '{column}' looks like counts per interval, but the file kind is set to "
        f"contact records ({where_to_choose('kind')}), so each row is read as one contact and "
        f"'{column}' is not read. To read its counts, leave the file kind to be detected or "
        "set it to intervals."
    )


def _examples(column: _Column, count: int = 3) -> str:
    shown = [repr(value) for value in column.values[:count]]
    return ", ".join(shown) if shown else "no values"
