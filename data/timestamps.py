"""Vectorised parsing of timestamps, dates, times of day, durations and numbers from text columns."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ISO = "ISO 8601"
# Seconds or milliseconds since 1970-01-01 UTC, as databases and APIs export them; only values
# between 2000 and 2040 count, so that an id or a count is never taken for a time.
EPOCH_SECONDS = "Unix time (seconds)"
EPOCH_MILLISECONDS = "Unix time (milliseconds)"
# Days since 1899-12-30 with the time as a fraction, as a spreadsheet cell holds a date-time
# formatted as "General" and writes it to CSV.
EXCEL_SERIAL = "Excel serial date-time"
EPOCH_FORMATS = (EPOCH_SECONDS, EPOCH_MILLISECONDS, EXCEL_SERIAL)
# Whole days since 1899-12-30: a spreadsheet date column formatted as "General" (45355 is
# 2024-03-04). A date format, not an epoch one: only five-digit whole numbers in range read.
EXCEL_SERIAL_DATE = "Excel serial date"
_EPOCH_RANGE = (946_684_800, 2_208_988_800)  # 2000-01-01 .. 2040-01-01
_EXCEL_EPOCH_DAYS = 25_569  # serial of 1970-01-01
MIN_YEAR = 1900  # earlier four-digit years are two-digit years misread, not contact history

# Tried in this order on a sample; the first that reads every sample value wins, so day-first
# (European) beats month-first when both fit, and ISO (year first) is never ambiguous.
DATETIME_FORMATS = [
    ISO,
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y%m%d %H:%M:%S",
    "%Y%m%d %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",  # US exports with a 12-hour clock
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
    # Day-first dates with a 12-hour clock (India, Australia, the Philippines): after the US
    # ones, so a sample that fits both is month/day here; the reader then decides the order
    # from the whole column (reader._day_month_order).
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%y %I:%M:%S %p",
    "%d/%m/%y %I:%M %p",
    "%d-%m-%Y %I:%M:%S %p",
    "%d-%m-%Y %I:%M %p",
    "%d.%m.%Y %I:%M:%S %p",
    "%d.%m.%Y %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",  # year-first dates with a 12-hour clock, "2026-08-03 8:05 PM"
    "%Y-%m-%d %I:%M %p",
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %I:%M %p",
    "%d.%m.%y %H:%M:%S",  # German short dates, "04.03.24 08:00"
    "%d.%m.%y %H:%M",
    "%d.%m.%Y %H.%M.%S",  # Italian clocks written with dots
    "%d.%m.%Y %H.%M",
    "%d/%m/%Y %H.%M.%S",
    "%d/%m/%Y %H.%M",
    "%d-%m-%Y %H.%M.%S",
    "%d-%m-%Y %H.%M",
    # Month names, full or abbreviated: English, or another language's translated first (see
    # english_months)
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y %H:%M",
    "%d-%b-%Y %I:%M:%S %p",  # Oracle-style, "03-Aug-2026 08:05 PM"
    "%d-%b-%Y %I:%M %p",
    # Oracle's default DD-MON-RR with its clock (NLS_DATE_FORMAT), "04-MAR-24 08:05:00"
    "%d-%b-%y %H:%M:%S",
    "%d-%b-%y %H:%M",
    "%d-%b-%y %I:%M:%S %p",
    "%d-%b-%y %I:%M %p",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %H:%M",
    "%d %b %Y %I:%M:%S %p",  # Zoho Desk, "31 Aug 2026 08:21 AM"
    "%d %b %Y %I:%M %p",
    "%d/%b/%y %I:%M %p",  # Jira, "31/Aug/26 8:28 AM"
    "%d/%b/%y %H:%M",
    "%d/%b/%Y %I:%M %p",
    "%d/%b/%Y %H:%M",
]
DATE_FORMATS = [
    ISO,
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d.%m.%y",  # German short dates, "04.03.24"
    "%d/%m/%y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%Y/%m/%d",
    "%Y%m%d",
    "%y%m%d",
    # Eight digits day or month first: NICE IEX WFM's exports write "mmddyyyy" by default (CT
    # Queue Data, CT Results export modules) and "ddmmyyyy" on request. Day-first on a tie, as
    # the slash formats; the reader then decides the order from the whole column.
    "%d%m%Y",
    "%m%d%Y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%A, %B %d, %Y",  # Excel's long date, "Monday, March 4, 2024"
    "%d-%b-%y",
    EXCEL_SERIAL_DATE,  # last: digits alone are a date only when no written format reads them
]
# Month names and abbreviations of the languages read (English, Italian, French, German,
# Spanish; also as written without accents, "aout", "Maerz", "Marz") -> the English
# abbreviation the month-name formats above read. Month names are distinct enough that a day
# and a month name are never ambiguous, whatever the order.
_MONTH_NAMES = {
    "Jan": "january jan gennaio gen janvier janv januar jänner janner enero ene",
    "Feb": "february feb febbraio février fevrier févr fevr fév fev februar febrero",
    "Mar": "march mar marzo mars märz maerz marz mär mrz",
    "Apr": "april apr aprile avril avr abril abr",
    "May": "may maggio mag mai mayo",
    "Jun": "june jun giugno giu juin juni junio",
    "Jul": "july jul luglio lug juillet juil juli julio",
    "Aug": "august aug agosto ago août aout",
    "Sep": "september sept sep settembre set septembre septiembre setiembre",
    "Oct": "october oct ottobre ott octobre oktober okt octubre",
    "Nov": "november nov novembre noviembre",
    "Dec": "december dec dicembre dic décembre decembre déc dezember dez diciembre",
}
# Dutch, Portuguese, Swedish, Danish, Norwegian, Turkish, and Czech and Polish in the genitive
# their dates write ("4. března 2024", "4 marca 2024").
_MORE_MONTH_NAMES = {
    "Jan": "januari janeiro ocak ledna stycznia",
    "Feb": "februari fevereiro şubat subat února unora lutego",
    "Mar": "maart mrt março marts mart března brezna marca",
    "Apr": "nisan dubna kwietnia",
    "May": "mei maio maj mayıs mayis května kvetna maja",
    "Jun": "junho haziran června cervna czerwca",
    "Jul": "julho temmuz července cervence lipca",
    "Aug": "augustus augusti ağustos agustos srpna sierpnia",
    "Sep": "setembro eylül eylul září zari września wrzesnia",
    "Oct": "outubro ekim října rijna października pazdziernika",
    "Nov": "novembro kasım kasim listopadu listopada",
    "Dec": "dezembro desember aralık aralik prosince grudnia",
}
_MONTH_NAMES = {
    english: f"{names} {_MORE_MONTH_NAMES[english]}" for english, names in _MONTH_NAMES.items()
}
# Every month name read, lower-case ("june", "giugno", "juin"): a period in a report's title.
MONTH_WORDS = frozenset(word for names in _MONTH_NAMES.values() for word in names.split())
# A letter of the languages read. Latin-1 letters rather than \p{L}: RE2 compiles the Unicode
# class slowly, for every column sample tried.
_LETTER = "a-zA-ZÀ-ÖØ-öø-ÿčďěňřšťžČĎĚŇŘŠŤŽąćęłńśźżĄĆĘŁŃŚŹŻğışĞİŞ"
# One pattern per month: the name as a whole word (not "Augustus"), any case, with or without
# the abbreviation's dot ("Aug.", "ago.", "févr.").
_MONTH_PATTERNS = [
    (
        rf"(?i)(^|[^{_LETTER}])(?:{'|'.join(names.split())})\.?([^{_LETTER}]|$)",
        rf"\1{english}\2",
    )
    for english, names in _MONTH_NAMES.items()
]
# How the languages write a date around the month name, turned into "3 Aug 2026": the German
# dot after the day ("3. August 2026"), the Spanish "de" ("3 de agosto de 2026"), an ordinal
# ("3rd August", "1er août") and a comma between the year and the clock ("2026, 08:30").
_MONTH_DATE_WORDS = [
    (rf"^(\d{{1,2}})\.\s*([{_LETTER}])", r"\1 \2"),
    (rf"(?i)([{_LETTER}\d])\s+del?\s+([{_LETTER}\d])", r"\1 \2"),
    (r"(?i)^(\d{1,2})(?:st|nd|rd|th|er)\b", r"\1"),
    (rf"(?i)([{_LETTER}]\.?\s+\d{{1,2}})(?:st|nd|rd|th)\b", r"\1"),
    (r"(\d{4}),\s*(\d{1,2}:\d{2})", r"\1 \2"),
    # The comma before the year left out after a month name and a day: "August 3 2026".
    (rf"^([{_LETTER}]{{3,}}\.?\s+\d{{1,2}})\s+(\d{{4}})\b", r"\1, \2"),
]
_FRACTION = r"(\d:\d{2})\.\d+"  # milliseconds after the seconds: dropped (intervals are minutes)
# Oracle's default TIMESTAMP text writes the clock with dots, its fraction and AM/PM after it,
# "04-MAR-24 08.05.00.000000 AM" (NLS_TIMESTAMP_FORMAT 'DD-MON-RR HH.MI.SSXFF AM'): written with
# colons. Only with a fraction or AM/PM, which a date's dots never carry.
ORACLE_CLOCK = (
    r"(\s\d{1,2})\.(\d{2})\.(\d{2})(?:\.\d{1,9}(\s*[AaPp]\.?[Mm]\.?)?|(\s*[AaPp]\.?[Mm]\.?))$"
)
# An offset after the clock, "+01:00", "+0100" or " +0100" (Zendesk), is dropped, never applied:
# wall clock only. Anchored on the clock, so the year of "04-03-2024" is not taken for one. A
# German "Uhr" after the clock ("um 08:30 Uhr") goes too.
# PostgreSQL writes a whole-hour offset as its hour alone, "08:00:00+01", right after the clock.
_ZONE = r"(\d:\d{2}(?::\d{2})?)(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|Uhr)|[+-]\d{2})$"
# A zone named by its region after the clock or its offset, as Java's ZonedDateTime writes it
# ("2024-03-04T08:00+01:00[Europe/Paris]") or bare ("08:00:00 Europe/Paris"), or as Windows
# names it ("08:00 (UTC+01:00)"): dropped, the offset before it left to the rule above.
_ZONE_REGION = (
    r"(\d:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)\s*"
    r"(?:\[[A-Za-z_]+(?:/[A-Za-z_+-]+)*\]|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?"
    r"|\((?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?\))$"
)
# A zone written as its name or as an hour offset after the clock (and its AM/PM): "20:05 CEST",
# "8:05 PM EST", "20:05 UTC+2". Three to five capitals, so AM and PM are never taken for one.
_ZONE_NAME = (
    r"(\d:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)\s+"
    r"(?:[A-Z]{3,5}|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?)$"
)
# An ISO 8601 interval, "2024-02-19T07:00:00.000Z/2024-02-19T07:30:00.000Z" (or "start/PT30M"),
# stands for its start.
# An ISO 8601 week date, "2024-W10-1" or "2024W101" (Monday of week 10), as planning tools and
# some BI exports write days; what follows it (a clock) is kept.
_ISO_WEEK_DATE = re.compile(r"^(\d{4})-?W(\d{2})-?([1-7])(?=$|[ T])")
_ISO_WEEK_DATE_HINT = r"^\d{4}-?W\d{2}-?[1-7]"
_ISO_INTERVAL = r"^(\d{4}-\d{2}-\d{2}T[^/\s]+)/(?:\d{4}-\d{2}-\d{2}T\S+|P\S+)$"
# "3/4/2024, 8:08 AM" (Salesforce): the comma between date and clock goes.
_DATE_COMMA = r"^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}),\s*(\d{1,2}[:.]\d{2})"
# A word for "at" between a date's year and its clock goes: German "03.08.2026 um 08:30", "3.
# August 2026 um 08:30", English "August 3, 2026 at 8:30 AM", French "à", Spanish "a las",
# Italian "alle", Portuguese "às", Dutch "om", Nordic "kl.", Finnish "klo", Turkish "saat".
_AT_CLOCK = (
    r"(\d{4}),?\s+(?:um|at|à|a las|alle|ore|às|om|kl\.?|klo|kello|saat)\s+(\d{1,2}[:.]\d{2})"
)
# "lun 04/03/2024", "Mon, 3/4/2024", "Mon, 19 Feb 2024", "Monday, February 19, 2024",
# "lunes, 3 de agosto de 2026": a weekday name before a date goes. A lone month name before the
# day, "Mar 04, 2024", is kept: only a word followed by a numeric date, a day and a month name,
# or a month name and a day goes.
_WEEKDAY = (
    r"^\p{L}{2,12}\.?,?\s+"
    r"(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}\.?\s+(?:de\s+)?\p{L}{3,}|\p{L}{3,}\.?\s+\d{1,2}\b)"
)
# \p{L} costs RE2 ~10 ms to compile on every call; this wider pattern (anything but a digit, a
# blank or punctuation for a letter) costs 0.06 ms and rules most columns out first.
_MAYBE_WEEKDAY = (
    r"^[^\d\s.,]{2,12}\.?,?\s+"
    r"(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}\.?\s+(?:de\s+)?[^\d\s]{3,}|[^\d\s.]{3,}\.?\s+\d{1,2})"
)
# A weekday's name after a numeric date, in brackets or not, "04/03/2024 (lun)", "04.03.2024,
# Montag", "2024-03-04 Mon 08:00": it goes (Chinese, Japanese and Korean ones: _BRACKETED_WEEKDAY).
# Named one by one in English, Italian, French, Spanish, German, Portuguese and Dutch, so that a
# total's label after a date ("04/03/2024 Totale", "Moyenne") is never taken for one.
_WEEKDAY_NAMES = (
    "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    "saturday|sunday|lun|mar|mer|gio|ven|sab|dom|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|"
    "venerd[iì]|sabato|domenica|jeu|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "mi[eé]|jue|vie|s[aá]b|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|mo|di|mi|"
    "do|fr|sa|so|die|mit|don|fre|son|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "seg|ter|qua|qui|sex|segunda|ter[cç]a|quarta|quinta|sexta|ma|wo|vr|za|zo|maandag|dinsdag|"
    "woensdag|donderdag|vrijdag|zaterdag|zondag"
)
_WEEKDAY_AFTER = (
    r"^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}),?\s*(\(\s*)?(?i:" + _WEEKDAY_NAMES + r")\.?"
    r"(?:\s*\))?(\s|$)",
    r"\1\3",
)
# C's asctime, Unix `date` and Java's Date.toString write the year last, after the clock and
# its zone: "Mon Mar  4 08:00:00 CET 2024" (the weekday gone by then) becomes "Mar 4 2024 08:00:00".
_YEAR_AFTER_CLOCK = (
    r"^([^\d\s.,]{3,}\.?\s+\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s+(?:[A-Z]{3,5}|[+-]\d{4}))?\s+(\d{4})$"
)
# IBM Db2 writes a TIMESTAMP as text with a dash before the clock and dots inside it,
# "2024-03-04-08.00.00.000000" (Db2 SQL reference, "Datetime values").
DB2_TIMESTAMP = r"^(\d{4}-\d{2}-\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.\d{1,12})?$"
# Hungarian dates run year first with dots, the day closed by one too: "2024.03.04. 8:00:00"
# (written "2024/03/04 8:00:00", as the year-first formats read it).
_YEAR_FIRST_DOTS = r"^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?(\s|$)"
# "08:00 - 08:15"; Chinese, Japanese and Korean write a tilde, "08:00~08:15", "08:00～08:15".
_RANGE_MARKS = "-–~～〜"
_ISO_SHAPE = r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$"
# Spanish and Portuguese write the half of the day with a space inside it, "08:00 a. m." (Windows
# and CLDR put a no-break space there): the same AM/PM as "8:00 a.m.".
_HALF_DAY_GAP = "[\\s\u00a0\u202f]"
# Either clock may carry its half of the day: "03/04/2024 1:00 PM - 1:30 PM".
_HALF_AFTER = r"(?:" + _HALF_DAY_GAP + r"?[AaPp]\.?(?:" + _HALF_DAY_GAP + r"?[Mm]\.?)?)?"
_RANGE_END = (
    rf"(\d:\d{{2}}(?::\d{{2}})?{_HALF_AFTER})\s*[{_RANGE_MARKS}]\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    + _HALF_AFTER
    + "$"
)
_TIME_OF_DAY = (
    r"^(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?"
    r"(?:" + _HALF_DAY_GAP + r"*(?P<half>[AaPp])\.?(?:" + _HALF_DAY_GAP + r"?[Mm]\.?)?)?"
    rf"(?:\s*[{_RANGE_MARKS}].*)?$"
)
# Fractions of a second after a dot or, where the locale writes one, a comma ("00:03:05,120").
_DURATION = r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<f>\d+))?$"
# A day count before the clock, as pandas writes a timedelta ("0 days 00:03:05") and PostgreSQL
# an interval ("1 day 02:00:00"), or Python's str() ("1 day, 2:00:00").
_DAYS_BEFORE_CLOCK = r"^(\d+)\s*days?,?\s+(\d+:)"
_DAYS_COUNT = r"^(?P<d>\d+)\s*days?,?\s+\d+:"
# "04:33": minutes and seconds, or hours and minutes; the column as a whole tells which.
_TWO_FIELDS = r"^(?P<a>\d+):(?P<b>[0-5]\d)$"
# Seconds written ("1:02:03", "4:33.5"): the column's two-field values are minutes:seconds.
_SECONDS_WRITTEN = r"^\d+:\d{2}(:\d{2}|[.,]\d+)$"
# A header naming the notation, "AHT (mm:ss)" or "Handle (hh:mm)".
_HEADER_MINUTES_SECONDS = re.compile(r"(?<![hH][:.])\b[mM]{1,2}[:.][sS]{2}\b")
_HEADER_HOURS_MINUTES = re.compile(r"\b[hH]{1,2}[:.][mM]{2}\b(?![:.][sS])")
# Italian exports write durations with dots, "00.03.53" for 3 min 53 s: no number has two-digit
# groups, so it is no thousands-grouped "1.234.567" either (and without the dots, 353, is wrong).
_DOTTED_DURATION = r"^\d{1,3}\.\d{2}\.\d{2}$"
# "1h 2m 3s", "5m 0s", "1m 28s", "59s", "2 min 5 sec": hours, minutes and seconds in words, also
# German "3 Min. 5 Sek." ("1 Std."), Spanish "3 min 5 seg", Italian "3 minuti 5 secondi".
_UNIT_DURATION = (
    r"(?i)^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h(?:rs?|ours?|oras?|ore|eures?)?|std|stunden?)\.?\s*)?"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*m(?:in(?:s|utes?|uten?|utos?|uti)?)?\.?\s*)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*s(?:ec(?:s|onds?|ondes?|ondi|ondo)?|ek(?:unden?)?|eg(?:undos?)?)?\.?)?$"
)
# Units with a decimal comma ("3,5 min", "1,5 h") and minutes or seconds after a larger unit with
# no unit of their own ("1h30" for 1 h 30 min, "3'05" for 3 min 5 s), as French and Italian
# reports write lengths.
_UNIT_SHORTHANDS = (
    (r"^(\d+),(\d{1,2})(\s*[A-Za-z])", r"\1.\2\3"),
    (r"^(\d+)\s*[hH]\s*([0-5]\d)$", r"\1h \2m"),
    (r"^(\d+)m\s*([0-5]\d)$", r"\1m \2s"),
)
# A clock with its unit after it, as some reports write lengths: "3:05 min" is 3 min 5 s, "2:30 h"
# and "1:02:05 h" hours first (written in the unit words above, which read them).
_UNIT_OF_MINUTES = r"(?i:min(?:s|utes?|uten?|uti|utos)?|mn|m)\.?"
_UNIT_OF_HOURS = r"(?i:h(?:rs?|ours?|eures?|oras?)?|ore|std|stunden?)\.?"
_CLOCK_WITH_UNIT = (
    (r"^(\d+):([0-5]\d)\s*" + _UNIT_OF_MINUTES + "$", r"\1m \2s"),
    (r"^(\d+):([0-5]\d)\s*" + _UNIT_OF_HOURS + "$", r"\1h \2m"),
    (r"^(\d+):([0-5]\d):([0-5]\d)(?:[.,]\d+)?\s*" + _UNIT_OF_HOURS + "$", r"\1h \2m \3s"),
)
# ISO 8601 durations, as Microsoft and cloud APIs export them: "PT5M40S", "P0DT0H5M40S", "PT1H".
_ISO_DURATION = (
    r"^[Pp](?:(?P<d>\d+)[Dd])?(?:[Tt](?:(?P<h>\d+)[Hh])?(?:(?P<m>\d+)[Mm])?"
    r"(?:(?P<s>\d+(?:\.\d+)?)[Ss])?)?$"
)
# Italian reports mark minutes and seconds with apostrophes, "4' 33\"", "4'33''", "1h 04' 33\"":
# the marks are turned into the units above (seconds first, their '' holds a minute's ').
_SECONDS_MARK = r"(\d)\s*(?:''|’’|′′|\"|″|”)"
_MINUTES_MARK = r"(\d)\s*['’′]"
# Chinese, Japanese and Korean units, "1小时2分3秒", "2分5秒", "1時間2分", "2분 5초": as "1h2m3s".
_CJK_UNITS = (
    (r"(\d)\s*(?:小时|小時|時間|시간)\s*", r"\1h "),
    (r"(\d)\s*(?:分钟|分鐘|分|분)\s*", r"\1m "),
    (r"(\d)\s*(?:秒钟|秒鐘|秒|초)", r"\1s"),
)
_THOUSANDS = r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$"
# Thousands grouped by an apostrophe (Swiss "1'234.5") or a space (French "1 234,5": Excel
# writes a no-break or narrow no-break space), whichever the decimal mark: no number else reads so.
_GROUP_MARKS = "[ '’\u00a0\u202f\u2009]"
_SPACE_MARKS = "[ \u00a0\u202f\u2009]"  # in a duration an apostrophe marks minutes instead


def _grouped_thousands(marks: str) -> str:
    return rf"^[-+]?\d{{1,3}}({marks}\d{{3}})+(\.\d+)?$"


_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
_INTEGER_HOUR = r"^\d{1,2}$"
# French clocks, "08h00", "8h30", "8h"; and clocks without a colon, "0800", "1330" (HHMM).
_H_CLOCK = r"^(\d{1,2})\s?[hH]\s?(\d{2})\b"
_H_HOUR = rf"^(\d{{1,2}})\s?[hH](\s*[{_RANGE_MARKS}].*)?$"  # also a range "8h-9h"
_HHMM = r"^(\d{2})(\d{2})$"
_HHMMSS = r"^(\d{2})(\d{2})(\d{2})$"
HOUR_RANGE = rf"^(\d{{1,2}})\s*[{_RANGE_MARKS}]\s*\d{{1,2}}$"  # "08-09": the hour from 8 to 9
# A date-time whose clock is written as a time column may write it, "03/08/2026 0800",
# "2026-08-03 08h00", "08/03/2026 8:00a" (also "8:00 a.m."): the last word after a date ending
# in its year or in a day or month after a separator (so the year of "August 3 2026" is no
# clock). Only the clock is turned (see colon_clocks): the formats still decide what is a date.
DATE_THEN_CLOCK = (
    r"^(?P<date>.*(?:[/.-]\d{1,4}|\d{4}))\s+"
    r"(?P<clock>\d{3,4}|\d{1,2}[hH]\d{2}|\d{1,2}:\d{2}(?::\d{2})?" + _HALF_DAY_GAP + r"?[AaPp]\.?"
    r"(?:" + _HALF_DAY_GAP + r"?[Mm]\.)?"
    # ... or a whole hour, as an hourly report's date-time may: "03/04/2024 8 AM", "04/03/2024 8h"
    r"|\d{1,2}" + _HALF_DAY_GAP + r"?[AaPp]\.?" + _HALF_DAY_GAP + r"?[Mm]\.?|\d{1,2}[hH])$"
)
# Most date-times end in a clock with a colon or dot, "08:00", "08.00": this short pattern spares
# them DATE_THEN_CLOCK, which costs more on millions of rows.
_USUAL_CLOCK_END = r"[:.]\d{2}$"
# "8:00A", "8:00 P.M." (upper-cased): the half of the day as the %p formats read it, "8:00 AM".
_HALF_DAY = _HALF_DAY_GAP + r"?([AP])\.?(?:" + _HALF_DAY_GAP + r"?M\.)?$"
# "24:00" closes a day in exports that label intervals by their end: midnight of the next day.
_END_OF_DAY = r"(^|[ T])24([:.])00((?::00)?)$"
_ONE_DAY = pa.scalar(86_400, pa.duration("s"))
# ACD reports print a dash for "none": a count of 0, a duration that does not exist.
DASHES = ("-", "–", "—", "--", "---")
# Cells saying a value is not available: Excel's error values ("#DIV/0!" where a formula
# divided by an empty interval), the words arrow reads as null in a column typed as numbers, and
# the French, Spanish and Italian "n/d" (non disponible, no disponible, non disponibile).
NOT_AVAILABLE = (
    "#n/a", "#na", "#n/a n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!",
    "#spill!", "#calc!", "n/a", "na", "null", "nan", "none", "n/d",
)  # fmt: skip


# Chinese, Japanese and Korean Windows locales write the half of the day before the clock:
# "2024/3/4 下午 02:30:00", "오전 8:00:00" (上午/午前/오전 morning, 下午/午後/오후 afternoon). Moved
# after the clock as AM/PM, the 12-hour formats read them.
_EAST_ASIAN_MORNING = r"(?:上午|午前|오전)"
_EAST_ASIAN_AFTERNOON = r"(?:下午|午後|오후)"
_EAST_ASIAN_CLOCK = r"\s*(\d{1,2}:\d{2}(?::\d{2})?)$"
_EAST_ASIAN_SAMPLE = 1000  # values looked at for the marks: a column writes its clocks one way
_EAST_ASIAN_HOUR_ZERO = r"(^|\s)0?0(:\d{2}(?::\d{2})? [AP]M)$"


def _rewritten_if_sampled(
    values: pa.ChunkedArray | pa.Array, hint: str, rewrites: tuple[tuple[str, str], ...]
) -> pa.ChunkedArray | pa.Array:
    """`values` with each (pattern, replacement) of `rewrites` applied in turn, where `hint`
    matches one of the first _EAST_ASIAN_SAMPLE values; else as they are, unread further."""
    head = values.slice(0, _EAST_ASIAN_SAMPLE)
    if not pc.any(pc.match_substring_regex(head, hint)).as_py():
        return values
    for pattern, replacement in rewrites:
        values = pc.replace_substring_regex(values, pattern, replacement)
    return values


# Java's "K:mm a" (and the systems writing its pattern) counts each half of the day from 0 too:
# "0:05 PM" is 12:05, "0:40 AM" 00:40.
_HOUR_ZERO_HALF_DAY = r"(^|\s)0?0(:\d{2}(?::\d{2})?\s*[AaPp]\.?\s?[Mm]\.?)$"


def _hour_zero_half_day(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with a 12-hour clock's hour 0 ("0:05 PM") written as the %I formats' 12."""
    # A column writes its clocks one way: its first values tell whether it writes AM/PM at all.
    head = values.slice(0, _EAST_ASIAN_SAMPLE)
    if not pc.any(pc.match_substring(head, "m", ignore_case=True)).as_py():
        return values
    if not pc.any(pc.match_substring_regex(values, _HOUR_ZERO_HALF_DAY)).as_py():
        return values
    return pc.replace_substring_regex(values, _HOUR_ZERO_HALF_DAY, r"\112\2")


# Whole hours with their half of the day, as hourly reports label their rows: "8 AM", "8am",
# "8 a.m.", a range "8 AM - 9 AM" (by its start) or "8-9 AM" (its half after the end alone).
_HALF_DAY_WORD = r"[AaPp]\.?" + _HALF_DAY_GAP + r"?[Mm]\.?"
_WHOLE_HOUR_HALF_DAY = rf"^(\d{{1,2}}){_HALF_DAY_GAP}*({_HALF_DAY_WORD})(\s*[{_RANGE_MARKS}].*)?$"
_WHOLE_HOURS_RANGE = (  # "8 AM - 9 AM": both ends
    rf"^(\d{{1,2}}){_HALF_DAY_GAP}*({_HALF_DAY_WORD})(\s*[{_RANGE_MARKS}]\s*)(\d{{1,2}})"
    rf"{_HALF_DAY_GAP}*({_HALF_DAY_WORD})$"
)
_WHOLE_HOUR_RANGE_HALF_DAY = (
    rf"^(\d{{1,2}})\s*([{_RANGE_MARKS}])\s*(\d{{1,2}})({_HALF_DAY_GAP}*{_HALF_DAY_WORD})$"
)


def _whole_hours_half_day(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with a whole hour's "8 AM" written "8:00 AM", and "8-9 AM" "8:00-9:00 AM"."""
    return _rewritten_if_sampled(
        values,
        rf"^\d{{1,2}}\s*(?:[AaPp]|[{_RANGE_MARKS}])",
        (
            (_WHOLE_HOURS_RANGE, r"\1:00 \2\3\4:00 \5"),
            (_WHOLE_HOUR_HALF_DAY, r"\1:00 \2\3"),
            (_WHOLE_HOUR_RANGE_HALF_DAY, r"\1:00\2\3:00\4"),
        ),
    )


# French hour ranges, "8h-9h", "8h à 9h" once written_ranges has read its words.
_H_HOURS_RANGE = rf"^(\d{{1,2}})\s?[hH](\s*[{_RANGE_MARKS}]\s*)(\d{{1,2}})\s?[hH]$"


# A date and an hourly range in one cell, as an hourly report's one time column may write them:
# "03/04/2024 8-9 AM", "03/04/2024 8 AM - 9 AM", "04/03/2024 8h-9h", "2024-03-04 08-09". The
# date ends in its year or in a day or month after a separator, as in DATE_THEN_CLOCK.
_DATE_BEFORE = r"^(.*(?:[/.-]\d{1,4}|\d{4})\s+)"
DATE_THEN_HOUR_RANGE = (
    _DATE_BEFORE + rf"\d{{1,2}}(?:\s?[hH]|{_HALF_DAY_GAP}*{_HALF_DAY_WORD})?\s*[{_RANGE_MARKS}]\s*"
    rf"\d{{1,2}}(?:\s?[hH]|{_HALF_DAY_GAP}*{_HALF_DAY_WORD})?$"
)
_DATE_HOURS_RANGE = (  # "8 AM - 9 AM": both ends
    _DATE_BEFORE + rf"(\d{{1,2}}){_HALF_DAY_GAP}*({_HALF_DAY_WORD})(\s*[{_RANGE_MARKS}]\s*)"
    rf"(\d{{1,2}}){_HALF_DAY_GAP}*({_HALF_DAY_WORD})$"
)
# "8-9 AM" (the half after the end alone), "8h-9h", "08-09".
_DATE_HOUR_RANGE = (
    _DATE_BEFORE + rf"(\d{{1,2}})\s?[hH]?(\s*[{_RANGE_MARKS}]\s*)(\d{{1,2}})"
    rf"(?:\s?[hH]|({_HALF_DAY_GAP}*{_HALF_DAY_WORD}))?$"
)


def _date_then_hour_range(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with a date's hourly range written with clocks, "03/04/2024 8-9 AM" as
    "03/04/2024 8:00-9:00 AM", which the steps after it read as the range's start."""
    return _rewritten_if_sampled(
        values,
        DATE_THEN_HOUR_RANGE,
        (
            (_DATE_HOURS_RANGE, r"\1\2:00 \3\4\5:00 \6"),
            (_DATE_HOUR_RANGE, r"\1\2:00\3\4:00\5"),
        ),
    )


def whole_hour_clocks(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with whole hours written as clocks, as a grid's column headers may name them: "8 AM"
    "8:00 AM", "8 AM - 9 AM" "8:00 AM - 9:00 AM", "8-9 AM" "8:00-9:00 AM", "8h-9h" "8:00-9:00"."""
    values = _whole_hours_half_day(values)
    return pc.replace_substring_regex(values, _H_HOURS_RANGE, r"\1:00\2\3:00")


def _east_asian_half_day(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with "上午 8:00" written "8:00 AM" and "下午 2:30" written "2:30 PM"."""
    head = values.slice(0, _EAST_ASIAN_SAMPLE)
    marked = pc.match_substring_regex(head, _EAST_ASIAN_MORNING + "|" + _EAST_ASIAN_AFTERNOON)
    if not pc.any(marked).as_py():
        return values
    values = pc.replace_substring_regex(values, _EAST_ASIAN_MORNING + _EAST_ASIAN_CLOCK, r"\1 AM")
    values = pc.replace_substring_regex(values, _EAST_ASIAN_AFTERNOON + _EAST_ASIAN_CLOCK, r"\1 PM")
    # Japanese clocks count each half from 0 ("午後0:30" is 12:30): hour 0 is the %I formats' 12.
    return pc.replace_substring_regex(values, _EAST_ASIAN_HOUR_ZERO, r"\112\2")


# An interval range with the half of the day written once, after its end, as Avaya CMS prints
# its interval column: "1:00- 1:30 PM" starts at 13:00, "11:30-12:00 PM" at 11:30.
_RANGE_HALF_AFTER_END = (
    r"^(?P<before>.*?)(?P<start>(?P<sh>\d{1,2})[:.](?P<sm>\d{2})(?::\d{2})?)\s*["
    f"{_RANGE_MARKS}"
    r"]\s*(?P<eh>\d{1,2})[:.](?P<em>\d{2})(?::\d{2})?"
    f"{_HALF_DAY_GAP}*"
    r"(?P<half>[AaPp])\.?(?:"
    f"{_HALF_DAY_GAP}?"
    r"[Mm]\.?)?$"
)


def range_start_half(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with an interval range whose AM/PM follows only its end ("1:00- 1:30 PM") written as
    its start with its own half of the day ("1:00 PM"); other values as they are."""
    if not pc.any(
        pc.match_substring_regex(
            values.slice(0, _EAST_ASIAN_SAMPLE),
            r"\d\s*[" + _RANGE_MARKS + r"]\s*\d{1,2}[:.]\d{2}.*[AaPp]\.?"
            r"(?:" + _HALF_DAY_GAP + r"?[Mm]\.?)?$",
        )
    ).as_py():
        return values
    parts = pc.extract_regex(values, _RANGE_HALF_AFTER_END)
    written = pc.is_valid(parts)
    if not pc.any(written).as_py():
        return values
    start_hour = _field_float(parts, "sh")
    end_hour = _field_float(parts, "eh")
    # Booleans, not objects, where a value is no range (a grid's "Date" header): ~None is -1.
    half = pc.fill_null(pc.utf8_upper(pc.struct_field(parts, "half")), "")
    afternoon = np.asarray(pc.equal(half, "P"), dtype=bool)
    start_afternoon = afternoon.copy()
    # "11:30-12:00 PM" is written for the slot before noon and, by some, for the one before
    # midnight: the hour-11 slots before it tell which half the file keeps (both: by the clock).
    crossed = start_hour % 12 > end_hour % 12
    elevens = np.unique(afternoon[(start_hour == 11) & ~crossed])
    if len(elevens) == 1:
        start_afternoon[crossed] = elevens[0]
    elif _half_follows_start(afternoon, crossed, _follows_slot_before(parts)):
        start_afternoon[crossed] = afternoon[crossed]
    else:
        start_afternoon[crossed] = ~afternoon[crossed]
    halves = pa.array(np.where(start_afternoon, " PM", " AM"))
    start = pc.binary_join_element_wise(
        pc.struct_field(parts, "before"), pc.struct_field(parts, "start"), halves, ""
    )
    return pc.if_else(written, start, values)


def _follows_slot_before(parts: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Per row, whether the row above is a range ending where this one starts ("10:00-11:00 AM"
    above "11:00-12:00 PM"): only that slot tells which half of the day this one is in. The
    previous day's last hour above a day's first ("5-6 PM" above "11-12 PM") tells nothing."""
    start = _field_float(parts, "sh") % 12 * 60 + _field_float(parts, "sm")
    end = _field_float(parts, "eh") % 12 * 60 + _field_float(parts, "em")
    follows = np.zeros(len(start), dtype=bool)
    follows[1:] = end[:-1] == start[1:]  # NaN (no range) equals nothing
    return follows


def _half_follows_start(afternoon: np.ndarray, crossed: np.ndarray, follows: np.ndarray) -> bool:
    """Whether a file running round the clock writes a range crossing noon or midnight with its
    start's half ("11:30-12:00 AM" for 11:30): the slot before it in the file then keeps its half,
    where the end's half would change it ("11:00-11:30 AM", "11:30-12:00 PM"). With no slot
    before it, the 12-hour clock's own reading stands: "11-12 PM" ends at noon, so starts at 11."""
    rows = np.flatnonzero(crossed[1:] & follows[1:] & ~crossed[:-1]) + 1
    same = int(np.count_nonzero(afternoon[rows] == afternoon[rows - 1]))
    return same > len(rows) - same


# Other locales' names for the halves of the day after the clock (CLDR day periods): Greek
# "π.μ."/"μ.μ.", Swedish "fm"/"em", German "vorm."/"nachm.". Written AM/PM, the 12-hour
# formats read them.
_CLOCK_END = r"(\d:\d{2}(?::\d{2})?)" + _HALF_DAY_GAP + "*"
_LOCAL_MORNING = _CLOCK_END + r"(?:π\.?" + _HALF_DAY_GAP + r"?μ\.?|fm|f\.m\.|vorm\.?)$"
_LOCAL_AFTERNOON = _CLOCK_END + r"(?:μ\.?" + _HALF_DAY_GAP + r"?μ\.?|em|e\.m\.|nachm\.?)$"


def _local_half_day(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with "8:00 π.μ." or "8:00 fm" written "8:00 AM", "2:30 μ.μ." "2:30 PM"."""
    marked = pc.match_substring_regex(values.slice(0, _EAST_ASIAN_SAMPLE), r"μ|m\.?$|vorm")
    if not pc.any(marked).as_py():
        return values
    values = pc.replace_substring_regex(values, _LOCAL_MORNING, r"\1 AM")
    return pc.replace_substring_regex(values, _LOCAL_AFTERNOON, r"\1 PM")


# Chinese, Japanese and Korean dates and clocks written with their unit marks: "2024年3月4日",
# "2024년 3월 4일", Korean "2024. 3. 4.", a weekday in brackets after the date ("2024/03/04(月)"),
# clocks "8時30分", "8点30分", "8시 30분 00초". Written as "2024/3/4" and "8:30:00", the usual
# year-first formats read them.
_EAST_ASIAN_DATE_MARKS = (
    r"\d\s*[年년]\s*\d|\d\s*[時时点點시]\s*\d|^\d{4}\.\s+\d|\d\s*[(（][月火水木金土日월화수목금토일][)）]"
    r"|\d\s*(?:星期|礼拜|禮拜|周|週|[月火水木金土日]曜|[월화수목금토일]요일)"
)
_EAST_ASIAN_DATE = (r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?", r"\1/\2/\3")
_KOREAN_DOTTED_DATE = (r"^(\d{4})\.\s+(\d{1,2})\.\s+(\d{1,2})\.?", r"\1/\2/\3")
_BRACKETED_WEEKDAY = (r"\s*[(（][月火水木金土日월화수목금토일][)）]", "")
# A weekday after the date, as long dates write it: "2024年3月4日星期一", "2024年3月4日 月曜日",
# "2024년 3월 4일 월요일".
_WRITTEN_WEEKDAY = (
    r"(\d)\s*(?:(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|[月火水木金土日]曜日?|[월화수목금토일]요일)",
    r"\1",
)
_EAST_ASIAN_CLOCK_SECONDS = (
    r"(\d{1,2})\s*[時时点點시]\s*(\d{2})\s*[分분]\s*(\d{2})\s*[秒초]",
    r"\1:\2:\3",
)
_EAST_ASIAN_CLOCK_MINUTES = (r"(\d{1,2})\s*[時时点點시]\s*(\d{2})\s*[分분]?", r"\1:\2")


def _east_asian_dates(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with "2024年3月4日 8時30分" written "2024/3/4 8:30" (see _EAST_ASIAN_DATE_MARKS)."""
    rewritten = _rewritten_if_sampled(
        values,
        _EAST_ASIAN_DATE_MARKS,
        (
            _EAST_ASIAN_DATE, _KOREAN_DOTTED_DATE, _BRACKETED_WEEKDAY, _WRITTEN_WEEKDAY,
            _EAST_ASIAN_CLOCK_SECONDS,
            _EAST_ASIAN_CLOCK_MINUTES,
        ),
    )  # fmt: skip
    return values if rewritten is values else pc.utf8_trim_whitespace(rewritten)


def _iso_week_dates(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text with an ISO week date ("2024-W10-1 08:00") written as its calendar date
    ("2024-03-04 08:00"): no strptime format reads week dates, so the formats could not."""
    if not pc.any(pc.match_substring_regex(values, _ISO_WEEK_DATE_HINT)).as_py():
        return values
    return pa.array([_calendar_date(value) for value in values.to_pylist()], pa.string())


@functools.lru_cache(maxsize=4096)
def _calendar_date(value: str | None) -> str | None:
    match = _ISO_WEEK_DATE.match(value) if value else None
    if not match:
        return value
    year, week, day = (int(part) for part in match.groups())
    try:
        date = dt.date.fromisocalendar(year, week, day)
    except ValueError:  # week 53 of a year with 52: left for the reader to name as unreadable
        return value
    return date.isoformat() + value[match.end() :].replace("T", " ", 1)


# A clock's UTC offset, "08:30:00+02:00" or "08:30+0200" (ISO 8601 and RFC 3339).
_UTC_OFFSET = (
    r"\d:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})$"
)


def utc_offset_minutes(values: pa.ChunkedArray | pa.Array) -> np.ndarray | None:
    """Each timestamp's UTC offset in minutes (+02:00 is 120), NaN where none is written; None
    when the column is not text or no value carries one."""
    if not pa.types.is_string(values.type):
        return None
    parts = pc.extract_regex(pc.utf8_trim_whitespace(values), _UTC_OFFSET)
    hours = _field_float(parts, "hours")
    if np.isnan(hours).all():
        return None
    sign = np.where(np.asarray(pc.equal(pc.struct_field(parts, "sign"), "-")), -1.0, 1.0)
    return sign * (hours * 60 + _field_float(parts, "minutes"))


def clean_text(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trim blanks, keep an ISO interval's start, drop a leading weekday, fractional seconds, the
    end of an interval range ("08:00 - 08:15"), a comma after the date, a word for "at" before
    the clock ("um 08:30") and zone offsets or a UTC mark, so one format fits every value."""
    values = _east_asian_half_day(_east_asian_dates(pc.utf8_trim_whitespace(values)))
    values = pc.replace_substring_regex(values, _ZONE_REGION, r"\1")  # before "/" is a range
    values = _hour_zero_half_day(_local_half_day(values))
    values = range_start_half(_date_then_hour_range(_iso_week_dates(values)))
    values = pc.replace_substring_regex(values, _YEAR_FIRST_DOTS, r"\1/\2/\3\4")
    values = pc.replace_substring_regex(values, DB2_TIMESTAMP, r"\1 \2:\3:\4")
    values = pc.replace_substring_regex(values, _ISO_INTERVAL, r"\1")
    if pc.any(pc.match_substring_regex(values, _WEEKDAY_AFTER[0])).as_py():
        values = pc.replace_substring_regex(values, *_WEEKDAY_AFTER)
    if pc.any(pc.match_substring_regex(values, _MAYBE_WEEKDAY)).as_py():
        values = pc.replace_substring_regex(values, _WEEKDAY, r"\1")
        values = pc.replace_substring_regex(values, _YEAR_AFTER_CLOCK, r"\1 \3 \2")
    values = pc.replace_substring_regex(values, ORACLE_CLOCK, r"\1:\2:\3\4\5")
    values = pc.replace_substring_regex(values, _FRACTION, r"\1")
    values = pc.replace_substring_regex(values, _RANGE_END, r"\1")
    values = pc.replace_substring_regex(values, _DATE_COMMA, r"\1 \2")
    values = pc.replace_substring_regex(values, _AT_CLOCK, r"\1 \2")
    values = pc.replace_substring_regex(values, _ZONE, r"\1")
    values = pc.replace_substring_regex(values, _ZONE_NAME, r"\1")
    return _clock_after_date(values)


def _clock_after_date(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Cleaned text with the clock of a date-time written 0800, 08h00 or 8:00a (see
    DATE_THEN_CLOCK) written as the formats read it: "03/08/2026 08:00", "08/03/2026 8:00 AM"."""
    unusual = pc.invert(pc.fill_null(pc.match_substring_regex(values, _USUAL_CLOCK_END), True))
    if not pc.any(unusual).as_py():
        return values
    parts = pc.extract_regex(values, DATE_THEN_CLOCK)  # null where the value is not so written
    spelled = pc.is_valid(parts)
    if not pc.any(spelled).as_py():
        return values
    clocks = pc.utf8_upper(colon_clocks(pc.struct_field(parts, "clock")))
    clocks = pc.replace_substring_regex(clocks, _HALF_DAY, r" \1M")
    joined = pc.binary_join_element_wise(pc.struct_field(parts, "date"), clocks, " ")
    return pc.if_else(spelled, joined, values)


def detect_format(sample: list[str], formats: list[str], min_share: float = 1.0) -> str | None:
    """The format in `formats` that reads the most non-empty values of `sample` (the first one on
    a tie), if it reads at least `min_share` of them. A share below 1 lets a column with a few
    bad values still be recognised, so the reader can then name the bad rows."""
    # One import asks about the same column sample several times (column roles, a date in the
    # title, wide layouts): answered once. Long samples are rare and not kept.
    if len(sample) <= _CACHED_SAMPLE_SIZE:
        return _detect_format_cached(tuple(sample), tuple(formats), min_share)
    return _detect_format(sample, formats, min_share)


_CACHED_SAMPLE_SIZE = 500


@functools.lru_cache(maxsize=512)
def _detect_format_cached(
    sample: tuple[str, ...], formats: tuple[str, ...], min_share: float
) -> str | None:
    return _detect_format(sample, formats, min_share)


def _detect_format(sample: Sequence[str], formats: Sequence[str], min_share: float) -> str | None:
    values = pa.array([value for value in sample if value.strip()], pa.string())
    if len(values) == 0:
        return None
    values = clean_text(values)
    best, best_read = None, 0
    worded = None  # month names translated once for all the month-name formats tried
    for fmt in formats:
        if _names_months(fmt):
            worded = english_months(values) if worded is None else worded
            parsed = _parse_months_read(worded, fmt)
        else:
            parsed = parse_with_format(values, fmt)
        read = len(values) - parsed.null_count
        if read > best_read:
            best, best_read = fmt, read
        if read == len(values):
            break
    return best if best_read >= min_share * len(values) else None


def parse_with_format(values: pa.ChunkedArray | pa.Array, fmt: str) -> pa.ChunkedArray | pa.Array:
    """Timestamps (unit s) from cleaned text; null where a value does not fit `fmt`."""
    if _names_months(fmt):
        values = english_months(values)
    return _parse_months_read(values, fmt)


def _names_months(fmt: str) -> bool:
    return fmt != EXCEL_SERIAL_DATE and ("%b" in fmt or "%B" in fmt)


def _parse_months_read(values: pa.ChunkedArray | pa.Array, fmt: str) -> pa.ChunkedArray | pa.Array:
    """parse_with_format on text whose month names english_months has already translated."""
    if fmt == EXCEL_SERIAL_DATE:
        return _excel_serial_dates(values)
    late = pc.fill_null(pc.match_substring_regex(values, _END_OF_DAY), False)
    if pc.any(late).as_py():
        values = pc.replace_substring_regex(values, _END_OF_DAY, r"\100\200\3")
        parsed = _parse_months_read(values, fmt)
        return pc.if_else(late, pc.add(parsed, _ONE_DAY), parsed)
    if fmt == ISO:
        shaped = pc.match_substring_regex(values, _ISO_SHAPE)
        values = pc.if_else(
            shaped, pc.replace_substring(values, "T", " "), pa.scalar(None, pa.string())
        )
        fmt = "%Y-%m-%d %H:%M:%S"
        # Pad the optional parts so one strptime pattern reads "2011-01-01", "...T08:30" and
        # "... 08:30:00" alike.
        values = pc.replace_substring_regex(values, r"^(\d{4}-\d{2}-\d{2})$", r"\1 00:00:00")
        values = pc.replace_substring_regex(values, r" (\d{1,2}:\d{2})$", r" \1:00")
    parsed = pc.strptime(values, format=fmt, unit="s", error_is_null=True)
    if "%Y" in fmt:  # strptime takes "24" for the year 24: a two-digit year is %y's to read
        parsed = pc.if_else(pc.less(pc.year(parsed), MIN_YEAR), None, parsed)
    return _without_impossible_days(values, parsed, fmt)


# Months a day past the end of another rolls into: arrow's strptime reads "2024-02-30" as 1 March
# and "31/04/2024" as 1 May, where a date that does not exist must be named instead.
_ROLLED_INTO = [3, 5, 7, 10, 12]
_LATE_DAY = r"(^|\D)(29|30|31)(\D|$)"


def _without_impossible_days(
    values: pa.ChunkedArray | pa.Array, parsed: pa.ChunkedArray | pa.Array, fmt: str
) -> pa.ChunkedArray | pa.Array:
    """`parsed` with null where the text names a day its month does not have ("31/02/2024")."""
    if "%d" not in fmt or len(parsed) == 0:
        return parsed
    # Only a day 1-3 of a month after a short one, written with a 29-31 somewhere, can be one.
    early = pc.and_(
        pc.less_equal(pc.day(parsed), 3), pc.is_in(pc.month(parsed), pa.array(_ROLLED_INTO))
    )
    rows = np.flatnonzero(np.asarray(pc.fill_null(early, False)))
    texts = pc.take(values, pa.array(rows, pa.int64()))
    late = np.asarray(pc.fill_null(pc.match_substring_regex(texts, _LATE_DAY), False), dtype=bool)
    rows, texts = rows[late], pc.filter(texts, pa.array(late))
    if len(rows) == 0:
        return parsed
    impossible = np.zeros(len(parsed), dtype=bool)
    for row, text in zip(rows, texts.to_pylist(), strict=True):
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError as error:
            impossible[row] = "day is out of range" in str(error)
    return pc.if_else(pa.array(impossible), pa.scalar(None, parsed.type), parsed)


def month_lacking_day(text: str, fmt: str) -> str | None:
    """What a date-time its month does not have names ("February 2024 has 29 days" for
    "31/02/2024" read with %d/%m/%Y); None for any other value."""
    if fmt == ISO:
        fmt = "%Y-%m-%d %H:%M:%S"
    if "%d" not in fmt:
        return None
    cleaned = clean_text(pa.array([text], pa.string()))
    if _names_months(fmt):
        cleaned = english_months(cleaned)
    written = cleaned[0].as_py() or ""
    if fmt == "%Y-%m-%d %H:%M:%S":
        written = re.sub(r"^(\d{4}-\d{2}-\d{2})$", r"\1 00:00:00", written.replace("T", " "))
        written = re.sub(r" (\d{1,2}:\d{2})$", r" \1:00", written)
    try:
        dt.datetime.strptime(written, fmt)
        return None
    except ValueError as error:
        if "day is out of range" not in str(error):
            return None
    # The day is the late number whose change to the 1st makes the date read.
    for late in re.finditer(_LATE_DAY, written):
        first = written[: late.start(2)] + "01" + written[late.end(2) :]
        try:
            month = dt.datetime.strptime(first, fmt)
        except ValueError:
            continue
        days = calendar.monthrange(month.year, month.month)[1]
        return f"{month:%B %Y} has {days} days"
    return None


def english_months(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Cleaned text with a date's month name in any of the languages read, and the words
    around it, written as the English month-name formats read it: "3. März 2026",
    "3 de agosto de 2026", "lundi 3 août 2026" (weekday gone) and "3 ago. 2026 08:30" become
    "3 Mar 2026", "3 Aug 2026", "3 Aug 2026" and "3 Aug 2026 08:30"."""
    if not pc.any(pc.match_substring_regex(values, f"[{_LETTER}]")).as_py():
        return values  # no word at all: numbers, clocks or numeric dates
    for pattern, replacement in _MONTH_DATE_WORDS + _MONTH_PATTERNS:
        values = pc.replace_substring_regex(values, pattern, replacement)
    return values


def _excel_serial_dates(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Midnight timestamps from five-digit day serials within 2000-2040; null elsewhere."""
    whole = pc.if_else(pc.match_substring_regex(values, r"^\d{5}$"), values, None)
    seconds = pc.multiply(pc.subtract(pc.cast(whole, pa.int64()), _EXCEL_EPOCH_DAYS), 86_400)
    low, high = _EPOCH_RANGE
    plausible = pc.and_(pc.greater_equal(seconds, low), pc.less(seconds, high))
    return pc.cast(pc.if_else(plausible, seconds, None), pa.timestamp("s"))


def epoch_format(sample: list[str]) -> str | None:
    """EPOCH_SECONDS or EPOCH_MILLISECONDS when every sample value is a whole number of that
    kind within 2000-2040; None otherwise."""
    values = [value.strip() for value in sample if value.strip()]
    # A decimal comma where the spreadsheet's locale writes one: "45355,3333".
    if not values or not all(re.fullmatch(r"[0-9]+([.,][0-9]+)?", value) for value in values):
        return None
    numbers = np.array([float(value.replace(",", ".")) for value in values])
    low, high = _EPOCH_RANGE
    if all("." not in value for value in values):
        for fmt, scale in ((EPOCH_SECONDS, 1), (EPOCH_MILLISECONDS, 1000)):
            if ((numbers / scale >= low) & (numbers / scale < high)).all():
                return fmt
    serial_seconds = (numbers - _EXCEL_EPOCH_DAYS) * 86_400
    if ((serial_seconds >= low) & (serial_seconds < high)).all() and (numbers % 1 > 0).any():
        return EXCEL_SERIAL  # a fraction somewhere: times of day, not a count of days
    return None


def _serial_seconds(numbers: np.ndarray) -> np.ndarray:
    """Seconds since 1970 of Excel serial date-times, to the nearest second, or to the nearest
    whole minute where the digits written cannot tell it apart: four decimals of a day are 8.64 s
    apart, so 08:20 is written 45355.3472, 08:19:58 read back, in the 08:15 slot."""
    raw = (numbers - _EXCEL_EPOCH_DAYS) * 86_400
    seconds = np.round(raw)
    half_step = np.zeros(len(numbers))
    for decimals in range(_SERIAL_DECIMALS, -1, -1):  # fewest decimals that write the value
        # Within a float's error of the value written (1e-9 of a day is 86 µs).
        written = np.rint(numbers * 10.0**decimals) / 10.0**decimals
        exact = np.abs(numbers - written) < 1e-9
        half_step[exact] = 43_200 / 10.0**decimals
    # A serial rounded from a whole minute lies at most half a step from it (0.01 s for the float);
    # one export writes a column to one number of decimals, so the value needing most tells it.
    reach = (half_step.min() if len(half_step) else 0.0) + 0.01
    # Three decimals are 86.4 s apart, so two minutes may be within reach of one serial: 08:15
    # is written 45355.344, 08:15:21.6 read back, nearer 08:14 by the second. Where every value
    # of the column is within reach of a five-minute mark, they are an interval grid.
    grid = np.round(raw / 300) * 300
    if len(raw) and bool((np.abs(raw - grid) <= reach).all()):
        return grid
    minutes = np.round(raw / 60) * 60
    return np.where(np.abs(raw - minutes) <= reach, minutes, seconds)


_SERIAL_DECIMALS = 8  # beyond this a serial is exact to the millisecond: the second is known


def parse_timestamps(values: pa.ChunkedArray | pa.Array, fmt: str) -> np.ndarray:
    """Wall-clock seconds since 1970-01-01 (float, whole seconds), NaN where a value does not
    fit `fmt`. Columns the CSV reader already typed as dates/timestamps are taken as they are;
    clean ISO text takes arrow's native cast; anything else goes through strptime."""
    if fmt in EPOCH_FORMATS:
        comma = not _is_numeric(values.type) and pc.any(pc.match_substring(values, ",")).as_py()
        numbers = parse_number(values, decimal_comma=bool(comma))
        if fmt == EXCEL_SERIAL:
            seconds = _serial_seconds(numbers)
        else:
            seconds = np.floor(numbers / (1000 if fmt == EPOCH_MILLISECONDS else 1))
        low, high = _EPOCH_RANGE
        return np.where((seconds >= low) & (seconds < high), seconds, np.nan)
    if pa.types.is_timestamp(values.type) or pa.types.is_date(values.type):
        return _to_float(pc.cast(pc.cast(values, pa.timestamp("s"), safe=False), pa.int64()))
    values = _as_text(values)
    if fmt == ISO:
        try:
            nanos = pc.cast(pc.cast(values, pa.timestamp("ns")), pa.int64())
            if nanos.null_count == 0:
                return (np.asarray(nanos) // 1_000_000_000).astype(float)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass  # blanks, offsets, odd values: the tolerant path below finds them
    parsed = parse_with_format(clean_text(values), fmt)
    return _to_float(pc.cast(parsed, pa.int64()))


def iso_interval_minutes(values: pa.ChunkedArray | pa.Array) -> int | None:
    """The length in minutes that most ISO 8601 intervals of a column span
    ("2024-02-19T07:00:00Z/2024-02-19T07:30:00Z" is 30), or None when it holds none."""
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return None
    parts = pc.extract_regex(
        pc.utf8_trim_whitespace(values),
        r"^(?P<start>\d{4}-\d{2}-\d{2}T[^/\s]+)/(?P<end>\d{4}-\d{2}-\d{2}T\S+)$",
    )
    starts = parse_timestamps(pc.struct_field(parts, "start"), ISO)
    ends = parse_timestamps(pc.struct_field(parts, "end"), ISO)
    lengths = (ends - starts) / 60
    lengths = lengths[np.isfinite(lengths) & (lengths > 0)]
    if len(lengths) == 0:
        return None
    found, counts = np.unique(np.round(lengths), return_counts=True)
    return int(found[counts.argmax()])


def parse_time_of_day(
    values: pa.ChunkedArray | pa.Array, day_fractions: bool = False
) -> np.ndarray:
    """Seconds after midnight from `H:MM[:SS]`, `HH.MM`, `08:00 - 08:15`, `8:00 AM`, `8:00a`,
    `08h30`, `0830` (when every digits-only value is such an HHMM time), a whole hour `8` or an
    hour range `08-09`; NaN where unreadable or out of range. With `day_fractions` (a column
    under a time header), a column whose every value is a number in [0, 1) that does not all
    read as clocks is an Excel time written as its number: 0.3333 = 08:00."""
    if day_fractions:
        fractions = excel_day_fractions(values)
        if fractions is not None:
            return fractions
    values = colon_clocks(values)
    parts = pc.extract_regex(values, _TIME_OF_DAY)
    hours = _field_float(parts, "h")
    minutes = _field_float(parts, "m")
    seconds = np.nan_to_num(_field_float(parts, "s"), nan=0.0)
    half = pc.utf8_upper(pc.fill_null(pc.struct_field(parts, "half"), ""))
    twelve_hour = np.asarray(pc.not_equal(half, ""), dtype=bool)
    if twelve_hour.any():  # "8:00 AM", "12:30 PM"; "12:00 AM" is midnight
        afternoon = np.asarray(pc.equal(half, "P"), dtype=bool)
        out_of_range = twelve_hour & ((hours < 1) | (hours > 12))
        hours = np.where(twelve_hour, hours % 12 + 12 * afternoon, hours)
        hours[out_of_range] = np.nan
    values = pc.replace_substring_regex(values, HOUR_RANGE, r"\1")  # a range starts its hour
    whole_hour = _to_float(
        pc.cast(
            pc.if_else(pc.match_substring_regex(values, _INTEGER_HOUR), values, None), pa.float64()
        )
    )
    total = np.where(np.isnan(hours), whole_hour * 3600, hours * 3600 + minutes * 60 + seconds)
    bad = (hours >= 24) | (minutes >= 60) | (seconds >= 60) | (whole_hour >= 24)
    bad &= total != 86_400  # "24:00" = the end of the day (midnight of the next one)
    total[bad] = np.nan
    return total


def excel_day_fractions(values: pa.ChunkedArray | pa.Array) -> np.ndarray | None:
    """Seconds after midnight (to the second) when every non-empty value is a plain number in
    [0, 1) and some of them are not clock times ("0.3333333333333333", "0.375"; a column of
    "0.15", "0.30" alone is read as dotted clocks); None otherwise."""
    if _is_numeric(values.type):
        numbers = _to_float(values)
    else:
        text = pc.utf8_trim_whitespace(_as_text(values))
        if not pc.all(pc.match_substring_regex(text, r"^(0?[.,]\d+|0|)$")).as_py():
            return None
        # A German or French spreadsheet writes them with a decimal comma, "0,3333333333": with
        # three decimals or more somewhere, as no clock is written.
        comma = pc.any(pc.match_substring(text, ",")).as_py()
        if comma and (
            pc.any(pc.match_substring(text, ".")).as_py()
            or not pc.any(pc.match_substring_regex(text, r",\d{3,}$")).as_py()
        ):
            return None
        numbers = parse_number(text, decimal_comma=bool(comma))
    written = ~np.isnan(numbers)
    if not written.any() or not ((numbers[written] >= 0) & (numbers[written] < 1)).all():
        return None
    if not _is_numeric(values.type) and not np.isnan(parse_time_of_day(values)[written]).any():
        return None  # every value also reads as a dotted clock, "0.30" = 00:30
    return np.round(numbers * 86_400)


# Interval ranges written with words or in other shapes, as "08:00-08:30" (start first): German
# "08:00 bis 08:30", French "08:00 à 08:30", Spanish "de 08:00 a 08:30", Italian "dalle 08:00
# alle 08:30", English "08:00 to 08:30", a half-open "[08:00 - 08:30)", clocks without colons
# "0800-0830", and a whole hour at either end, "8-8:30".
_RANGE_CLOCK = r"(\d{1,2}(?:[:.hH]\d{2}){0,2}[hH]?)"
_RANGE_FROM = r"(?i:(?:de|from|dalle|dal|von|du|entre|van|od|desde)\s+)?"
_RANGE_TO = r"(?:\s+(?i:bis|à|a|to|till|until|alle|al|au|hasta|até|ate|tot|do|t/m)\s+|\s*[-–~]\s*)"
_WRITTEN_RANGE = (
    r"^[\[(]?\s*" + _RANGE_FROM + _RANGE_CLOCK + _RANGE_TO + _RANGE_CLOCK + r"\s*[\])]?$"
)
_WRITTEN_RANGE_HINT = (
    r"^[\[(]|\d[hH]?\s+\D+\s+\d|^\d{4}\s*[-–]\s*\d{4}$|^\d{1,2}\s*[-–]\s*\d{1,2}[:.]"
    r"|^\d{1,2}\s?[hH]\s*[-–]"
)
HHMM_RANGE = r"^([01]\d|2[0-3])([0-5]\d)-([01]\d|2[0-4])([0-5]\d)$"
_HOUR_THEN_CLOCK = r"^(\d{1,2})-(\d{1,2}[:.]\d{2})$"


# A clock with a word for "at" before it or "o'clock" after it, as a time column alone may write
# it: Swedish "kl. 08.00", Italian "ore 08:00", German "08:00 Uhr", military "0800 hrs", "08:00 h".
_CLOCK_WORD_BEFORE = r"^(?i:kl\.?|klo\.?|kello|ore|um|at|à|a las|às|om|saat|godz\.?)\s*(\d)"
_CLOCK_WORD_AFTER = r"(\d[:.]\d{2}(?::\d{2})?|^\d{3,4})\s*(?i:uhr|hrs?|hours|h|std\.?|godz\.?)$"
_CLOCK_WORD_HINT = r"^(?i:kl|klo|kello|ore|um|at|à|a las|às|om|saat|godz)\b|\d\s*(?i:uhr|hrs?|hours|h|std\.?|godz\.?)$"


def _without_clock_words(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trimmed text with the words of _CLOCK_WORD_BEFORE and _CLOCK_WORD_AFTER gone."""
    return _rewritten_if_sampled(
        values, _CLOCK_WORD_HINT, ((_CLOCK_WORD_BEFORE, r"\1"), (_CLOCK_WORD_AFTER, r"\1"))
    )


def written_ranges(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trimmed text with the interval ranges of _WRITTEN_RANGE written "08:00-08:30"."""
    if not pc.any(
        pc.match_substring_regex(values.slice(0, _EAST_ASIAN_SAMPLE), _WRITTEN_RANGE_HINT)
    ).as_py():
        return values
    values = pc.replace_substring_regex(values, _WRITTEN_RANGE, r"\1-\2")
    values = pc.replace_substring_regex(values, HHMM_RANGE, r"\1:\2-\3:\4")
    return pc.replace_substring_regex(values, _HOUR_THEN_CLOCK, r"\1:00-\2")


def colon_clocks(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trimmed text with "08h30"/"8h" and, when the whole column is written so, "0830" turned
    into "08:30": the other clock notations then read them."""
    values = written_ranges(_without_clock_words(pc.utf8_trim_whitespace(_as_text(values))))
    values = _local_half_day(_east_asian_half_day(_east_asian_dates(values)))  # "오전 8:30"
    values = _hour_zero_half_day(_whole_hours_half_day(values))  # "0:30 PM", "8 AM"
    values = range_start_half(values)  # "1:00- 1:30 PM"
    # Plain substring and digit tests first: the patterns cost more on millions of rows.
    lettered = pc.or_(pc.match_substring(values, "h"), pc.match_substring(values, "H"))
    if pc.any(lettered).as_py():
        values = pc.replace_substring_regex(values, _H_CLOCK, r"\1:\2")
        values = pc.replace_substring_regex(values, _H_HOUR, r"\1:00\2")
    digits = pc.fill_null(pc.utf8_is_digit(values), False)
    if pc.any(digits).as_py() and _hhmmss_column(pc.filter(values, digits)):
        padded = pc.if_else(digits, pc.utf8_lpad(values, width=6, padding="0"), values)
        return pc.replace_substring_regex(padded, _HHMMSS, r"\1:\2:\3")
    if pc.any(digits).as_py() and _hhmm_column(pc.filter(values, digits)):
        padded = pc.if_else(digits, pc.utf8_lpad(values, width=4, padding="0"), values)
        values = pc.replace_substring_regex(padded, _HHMM, r"\1:\2")
    return values


def _hhmmss_column(digits: pa.ChunkedArray | pa.Array) -> bool:
    """True when the digits-only values are clock times with seconds written without colons
    ("083000", or "83000" with its leading zero dropped by a spreadsheet), as SAP and mainframe
    extracts write them: all of five or six digits, each a valid clock."""
    lengths = np.asarray(pc.utf8_length(digits))
    if len(digits) == 0 or lengths.min() < 5 or lengths.max() > 6:
        return False
    numbers = np.asarray(pc.cast(digits, pa.int64()))
    hours, minutes, seconds = numbers // 10_000, numbers // 100 % 100, numbers % 100
    return bool(((hours < 24) & (minutes < 60) & (seconds < 60)).all())


def _hhmm_column(digits: pa.ChunkedArray | pa.Array) -> bool:
    """True when the digits-only values are clock times written without a colon: all of three
    or four digits (a bad one such as "1360" is then named by the reader), or of one to four
    digits that all read as HHMM ("0", "30", "100": leading zeros dropped by a spreadsheet). A
    column of one or two digits holds whole hours."""
    if len(digits) == 0:
        return False
    lengths = np.asarray(pc.utf8_length(digits))
    if lengths.max() > 4 or lengths.max() < 3:
        return False
    if lengths.min() >= 3:
        return True
    numbers = np.asarray(pc.cast(digits, pa.int64()))
    hours, minutes = numbers // 100, numbers % 100
    return bool(((minutes < 60) & ((hours < 24) | (numbers == 2400))).all())


def has_end_of_day_labels(values: pa.ChunkedArray | pa.Array) -> bool:
    """True when some value is "24:00" (alone or after a date): the export labels intervals by
    their end, since a start is never 24:00."""
    if pa.types.is_timestamp(values.type) or pa.types.is_date(values.type):
        return False  # the CSV reader typed them: no value was 24:00
    values = colon_clocks(values)
    whole_hour = pc.equal(values, "24")
    return bool(pc.any(pc.or_(pc.match_substring_regex(values, _END_OF_DAY), whole_hour)).as_py())


def parse_duration(
    values: pa.ChunkedArray | pa.Array, decimal_comma: bool, hours_minutes: bool = False
) -> np.ndarray:
    """Seconds from plain numbers (seconds), `H:MM:SS` / `M:SS` / `HH.MM.SS` or units in words or
    marks ("5m 0s", "4' 33\""); NaN where unreadable. Two fields ("04:33") are minutes:seconds,
    or hours:minutes with `hours_minutes` (see `two_field_reading`)."""
    # An apostrophe in a duration marks minutes ("4'33''"), but seconds never run to three
    # digits: "1'056" and "12'345" are Swiss thousands (parse_number reads just those groups).
    numbers = parse_number(values, decimal_comma)
    if _is_numeric(values.type):
        return numbers
    numbers[dotted_durations(values)] = np.nan  # "00.03.53" read as a number would be 353
    unread = np.flatnonzero(np.isnan(numbers))
    if len(unread) == 0:
        return numbers
    # Only the values that are not plain numbers go through the clock-notation pattern.
    rest = pc.utf8_trim_whitespace(pc.take(_as_text(values), pa.array(unread, pa.int64())))
    dotted = pc.match_substring_regex(rest, _DOTTED_DURATION)
    rest = pc.if_else(dotted, pc.replace_substring(rest, ".", ":"), rest)
    days = 0.0
    if pc.any(pc.match_substring(rest, "day")).as_py():  # a plain search: the regex is slower
        days = np.nan_to_num(_field_float(pc.extract_regex(rest, _DAYS_COUNT), "d"), nan=0.0)
        rest = pc.replace_substring_regex(rest, _DAYS_BEFORE_CLOCK, r"\2")
    if hours_minutes:
        rest = pc.replace_substring_regex(rest, _TWO_FIELDS, r"\0:00")
    parts = pc.extract_regex(rest, _DURATION)
    hours = np.nan_to_num(_field_float(parts, "h"), nan=0.0)
    clocked = (
        days * 86_400 + hours * 3600 + _field_float(parts, "m") * 60 + _field_float(parts, "s")
    ) + _fraction(parts, "f")
    numbers[unread] = clocked
    worded = np.isnan(clocked)
    if worded.any():
        numbers[unread[worded]] = _worded_durations(pc.filter(rest, pa.array(worded)))
    return numbers


def _worded_durations(written: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Seconds of durations in ISO 8601 ("PT5M40S") or in units, words or marks ("5m 0s",
    "1h 2m 3s", "4' 33\"", "2分5秒", "3:05 min"); NaN where unreadable."""
    for clock, units in _CLOCK_WITH_UNIT:
        written = pc.replace_substring_regex(written, clock, units)
    for unit, letter in _CJK_UNITS:
        written = pc.replace_substring_regex(written, unit, letter)
    written = pc.replace_substring_regex(written, _SECONDS_MARK, r"\1s")
    written = pc.replace_substring_regex(written, _MINUTES_MARK, r"\1m")
    for shorthand, units in _UNIT_SHORTHANDS:
        written = pc.replace_substring_regex(written, shorthand, units)
    words = pc.extract_regex(written, _UNIT_DURATION)
    units = [_field_float(words, part) for part in ("h", "m", "s")]
    total = sum(np.nan_to_num(unit, nan=0.0) * scale
                for unit, scale in zip(units, (3600, 60, 1), strict=True))  # fmt: skip
    total[np.isnan(np.stack(units)).all(axis=0)] = np.nan
    iso = _iso_durations(written)
    return np.where(np.isnan(iso), total, iso)


def _iso_durations(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Seconds of ISO 8601 durations ("PT5M40S"); NaN for anything else, "P" and "PT" alone
    included."""
    parts = pc.extract_regex(values, _ISO_DURATION)
    units = [_field_float(parts, part) for part in ("d", "h", "m", "s")]
    total = sum(np.nan_to_num(unit, nan=0.0) * scale
                for unit, scale in zip(units, (86_400, 3600, 60, 1), strict=True))  # fmt: skip
    total[np.isnan(np.stack(units)).all(axis=0)] = np.nan
    return total


def dotted_durations(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """True where a value is a duration written with dots ("00.03.53")."""
    if _is_numeric(values.type):
        return np.zeros(len(values), dtype=bool)
    trimmed = pc.utf8_trim_whitespace(_as_text(values))
    matched = pc.fill_null(pc.match_substring_regex(trimmed, _DOTTED_DURATION), False)
    return np.asarray(matched, dtype=bool)


@dataclass(frozen=True)
class TwoFieldReading:
    """How the durations of a column written with two fields ("04:33") are read."""

    hours_minutes: bool  # else minutes:seconds
    note: str | None  # what was read and why, when the values' range alone did not tell


def two_field_reading(
    values: pa.ChunkedArray | pa.Array,
    handle_band: tuple[float, float] | None = None,
    like: tuple[str, bool] | None = None,
    header: str = "",
) -> TwoFieldReading | None:
    """How to read a duration column's values written "A:BB"; None when it has none.

    As the `header` says when it names the notation ("AHT (mm:ss)"); minutes:seconds when the
    column writes seconds elsewhere ("1:02:03") or a first field above 23 (no contact lasts a
    day). Otherwise the column decides as a whole, with a note: `like`
    (another column of the same file, and whether it was read as hours:minutes) first; for a
    handle time (`handle_band`: plausible mean seconds), hours:minutes when every value is under
    1:00 (handle times all under a minute are implausible), else the reading whose median is
    plausible, minutes:seconds when both are; for a wait, minutes:seconds.
    """
    if _is_numeric(values.type):
        return None
    text = pc.utf8_trim_whitespace(_as_text(values))
    parts = pc.extract_regex(text, _TWO_FIELDS)
    first, second = _field_float(parts, "a"), _field_float(parts, "b")
    two = ~np.isnan(first)
    if not two.any():
        return None
    example = text[int(np.flatnonzero(two)[0])].as_py()
    first, second = first[two], second[two]
    seconds_written = pc.any(pc.match_substring_regex(text, _SECONDS_WRITTEN)).as_py()
    as_minutes = first * 60 + second  # seconds, read as minutes:seconds
    positive = as_minutes[as_minutes > 0]
    if _HEADER_HOURS_MINUTES.search(header):
        return TwoFieldReading(True, None)
    if seconds_written or first.max() > 23 or len(positive) == 0:
        return TwoFieldReading(False, None)
    if _HEADER_MINUTES_SECONDS.search(header):
        return TwoFieldReading(False, None)
    median = float(np.median(positive))
    if like is not None:
        other_column, hours_minutes = like
        why = f", as '{other_column}' of the same file was"
    elif handle_band is None:
        hours_minutes, why = False, ", as waits most often are"
    else:
        low, high = handle_band
        plausible, plausible_as_hours = low <= median <= high, low <= median * 60 <= high
        hours = f"{median * 60 / 3600:.1f} hours"
        if first.max() == 0 and plausible_as_hours:
            hours_minutes = True
            why = "; read as minutes:seconds every contact would have been served in under a minute"
        elif plausible and plausible_as_hours:
            hours_minutes = False
            why = f"; read as hours:minutes the median would be {hours} per contact"
        elif plausible_as_hours:
            hours_minutes = True
            why = f"; read as minutes:seconds the median would be {median:,.0f} s per contact, "
            why += "which is implausible"
        else:  # plausible as minutes:seconds only (a median of a second is a minute as H:MM)
            hours_minutes = False
            why = f"; read as hours:minutes the median would be {hours} per contact, which is "
            why += "implausible"
    chosen, other = ("hours:minutes", "minutes:seconds")
    if not hours_minutes:
        chosen, other = other, chosen
    median_seconds = median * 60 if hours_minutes else median
    note = (
        f"holds durations written with two fields (e.g. '{example}'): read as {chosen} "
        f"(median {median_seconds:,.0f} s){why}. If they are {other}, export them with seconds "
        "(H:MM:SS) or in seconds."
    )
    return TwoFieldReading(hours_minutes, note)


def parse_number(
    values: pa.ChunkedArray | pa.Array, decimal_comma: bool, apostrophe_thousands: bool = True
) -> np.ndarray:
    """Floats from text (decimal comma when asked); NaN where empty or not a number. Thousands
    grouped by spaces ("1 234") are read, and by apostrophes ("1'234") unless told not to."""
    if _is_numeric(values.type):
        return _finite(_to_float(values))
    values = _as_text(values)
    if decimal_comma:  # "1.234,5": the dot can only group thousands
        values = pc.replace_substring(pc.replace_substring(values, ".", ""), ",", ".")
    empty = pc.equal(values, "")
    try:  # arrow's own cast reads clean columns in one pass; odd values need the pattern below
        return _finite(
            _to_float(
                pc.cast(pc.if_else(empty, pa.scalar(None, pa.string()), values), pa.float64())
            )
        )
    except pa.ArrowInvalid:
        pass
    values = pc.utf8_trim_whitespace(values)
    if not decimal_comma:  # "1,234.5": commas grouping thousands
        grouped = pc.match_substring_regex(values, _THOUSANDS)
        values = pc.if_else(grouped, pc.replace_substring(values, ",", ""), values)
    marks = _GROUP_MARKS if apostrophe_thousands else _SPACE_MARKS
    spaced = pc.match_substring_regex(values, _grouped_thousands(marks))
    values = pc.if_else(spaced, pc.replace_substring_regex(values, marks, ""), values)
    valid = pc.match_substring_regex(values, _NUMBER)
    kept = pc.if_else(valid, values, pa.scalar(None, pa.string()))
    return _finite(_to_float(pc.cast(kept, pa.float64())))


def _finite(numbers: np.ndarray) -> np.ndarray:
    """NaN for "inf"/"nan" cells: arrow reads them as floats, but no count or time is infinite."""
    return np.where(np.isfinite(numbers), numbers, np.nan)


def is_number(values: pa.ChunkedArray | pa.Array, decimal_comma: bool) -> np.ndarray:
    """True where a value reads as a number (empty values are False)."""
    return ~np.isnan(parse_number(values, decimal_comma))


def _is_numeric(kind: pa.DataType) -> bool:
    return pa.types.is_integer(kind) or pa.types.is_floating(kind)


def _as_text(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Text for the pattern-based parsers, whatever type the CSV reader inferred."""
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values
    return pc.cast(values, pa.string())


def _fraction(parts: pa.ChunkedArray | pa.Array, name: str) -> np.ndarray:
    """The digits of field `name` as a fraction of one ("5" tenths 0.5, "120" 0.12), 0 where
    absent."""
    digits = pc.struct_field(parts, name)
    places = np.nan_to_num(_to_float(pc.utf8_length(digits)), nan=0.0)
    return np.nan_to_num(_field_float(parts, name), nan=0.0) / 10.0**places


def _field_float(parts: pa.ChunkedArray | pa.Array, name: str) -> np.ndarray:
    field = pc.struct_field(parts, name)
    field = pc.if_else(pc.equal(field, ""), pa.scalar(None, pa.string()), field)
    return _to_float(pc.cast(field, pa.float64()))


def _to_float(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return np.asarray(pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
