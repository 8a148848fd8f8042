"""Command-line options shared by subcommands: import overrides, forecast and staffing knobs."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import math
import os
import re
import shlex
import shutil
import stat
import sys
import tempfile
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pyarrow as pa
from dateutil import parser as dateutil_parser

from cli_commands.words import counted
from data.columns import ImportOptions
from data.dates import day_text
from data.errors import InputError, SettingError
from data.export import rounded
from data.schema import (
    INTERVAL_START,
    IS_MISSING,
    IS_OPEN,
    KIND_INTERVALS,
    KIND_RECORDS,
    MINUTE_OF_DAY,
    VOLUME,
    WEEKDAY,
    Dataset,
)
from data.timestamps import english_months
from forecasting import ForecastSettings
from forecasting.calendar import holiday_names
from forecasting.events import CAMPAIGN, EXCLUDE, ForecastEvent
from forecasting.registry import MODEL_LABELS, model_names
from forecasting.select import MAX_SWITCH_BIAS, PREFERRED_MODEL, SWITCH_MARGIN
from forecasting.settings import AUTO, MAX_HORIZON_DAYS
from staffing.chat import MAX_CHAT_CONCURRENCY
from staffing.plan import (
    CHANNELS,
    DEFAULT_MAX_OCCUPANCY,
    StaffingSettings,
    channel_from_queue_name,
)
from staffing.plausibility import implausible_values

NO_HOLIDAYS = "none"
MINUTES_PER_DAY = 1440
# What forecasting.select.pick_model applies, in the words the README uses too.
AUTO_RULE = (
    f"another model had a lower error than {PREFERRED_MODEL} in every backtest week, and lower "
    f"by more than {SWITCH_MARGIN:.0%} overall, without missing the total by more than "
    f"{MAX_SWITCH_BIAS:.0%} (or by more than {PREFERRED_MODEL} did)"
)


def one_line_errors(parser: argparse.ArgumentParser) -> None:
    """Report bad arguments as one `error:` line (exit 2), like InputError, without the usage."""

    def error(message: str) -> None:
        parser.exit(2, f"error: {parser.prog}: {message}{_piped_hint(parser, message)}\n")

    parser.error = error  # type: ignore[method-assign]
    if hasattr(parser, "_negative_number_matcher"):
        # "--aht-change-pct -10%" (or -2,5) is a value, not an option: argparse's own pattern
        # takes only plain negative numbers and read "expected one argument".
        parser._negative_number_matcher = re.compile(r"^-(\d+([.,]\d*)?|[.,]\d+)%?$")


def _piped_hint(parser: argparse.ArgumentParser, message: str) -> str:
    """How to read data piped in (`cat f.csv | cli.py inspect`) when the refusal is the input
    file missing: it read "the following arguments are required: FILE" alone, while the data
    waited on standard input."""
    if not message.startswith("the following arguments are required:"):
        return ""
    missing = [
        action.metavar
        for action in parser._actions
        if not action.option_strings and action.metavar and action.metavar in message
    ]
    if not missing or not _stdin_holds_data():
        return ""
    return (
        f" (data waits on standard input, which is read only when named: give - as "
        f"{missing[0]}, e.g. ... | {parser.prog} -)"
    )


def _stdin_holds_data() -> bool:
    """Whether standard input is a pipe or a file (`| cli.py`, `< f.csv`), not a terminal or
    /dev/null as under cron."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # closed, or replaced by an object
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def interval_minutes_type(longest: int = MINUTES_PER_DAY):
    """argparse type for --interval-minutes: a whole number of minutes that divides the day
    evenly, at most `longest`; the refusal lists every length that is accepted."""
    accepted = [m for m in range(1, longest + 1) if MINUTES_PER_DAY % m == 0]
    listed = f"{', '.join(map(str, accepted[:-1]))} or {accepted[-1]}"
    if longest == MINUTES_PER_DAY:
        listed += " (daily totals)"
        rule = "a whole number of minutes that divides the day evenly"
    else:
        rule = (
            f"a whole number of minutes that divides the day evenly, at most {longest} "
            "(staffing needs intervals of an hour or less)"
        )

    def parse(text: str) -> int:
        minutes = _interval_length_minutes(text)
        if minutes is None or minutes not in accepted:
            raise argparse.ArgumentTypeError(f"'{text}' is not {rule}: use {listed}")
        return minutes

    return parse


_MINUTES_LENGTH = re.compile(r"\s*(\d+)\s*(?:m|min|mins|minutes?)?\s*", re.IGNORECASE)
_HOURS_LENGTH = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)\s*", re.IGNORECASE)
_HOURS_MINUTES_LENGTH = re.compile(r"\s*(\d+):([0-5]\d)\s*")


def _interval_length_minutes(text: str) -> int | None:
    """An interval's length in whole minutes as people write it: '30', '30min', '1h', '1.5h' or
    '0:30' (hours and minutes: an interval is never seconds long); None for anything else."""
    if match := _MINUTES_LENGTH.fullmatch(text):
        return int(match[1])
    if match := _HOURS_LENGTH.fullmatch(text):
        minutes = float(match[1].replace(",", ".")) * 60
    elif match := _HOURS_MINUTES_LENGTH.fullmatch(text):
        minutes = int(match[1]) * 60 + int(match[2])
    else:
        return None
    return int(minutes) if minutes == int(minutes) else None


def add_import_arguments(
    parser: argparse.ArgumentParser, longest_interval: int = MINUTES_PER_DAY
) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="CSV/TXT export(s)")
    group = parser.add_argument_group("import (detected when not given)")
    group.add_argument(
        "--interval-minutes",
        type=interval_minutes_type(longest_interval),
        help="interval length to aggregate to (a whole number of minutes that divides the day)",
    )
    group.add_argument("--time-column", help="column with the timestamp (or clock time)")
    group.add_argument("--date-column", help="column with the date, when time is separate")
    group.add_argument("--volume-column", help="column with the count per interval")
    group.add_argument("--queue-column", help="column with the queue/channel name")
    group.add_argument(
        "--kind",
        type=str.lower,
        choices=[KIND_INTERVALS, KIND_RECORDS],
        help=f"{KIND_INTERVALS}: one row per interval with a count; {KIND_RECORDS}: one row per "
        "contact, counted into intervals",
    )


def import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        interval_minutes=args.interval_minutes,
        time_column=args.time_column,
        date_column=args.date_column,
        volume_column=args.volume_column,
        queue_column=args.queue_column,
        kind=args.kind,
    )


def add_forecast_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ForecastSettings()
    group = parser.add_argument_group("forecast")
    group.add_argument(
        "--horizon-days",
        type=_horizon_days,
        required=True,
        help=f"days to forecast after the history (1 to {MAX_HORIZON_DAYS}), e.g. 14 or 2w",
    )
    group.add_argument(
        "--queue",
        action="append",
        metavar="NAME",
        help="only this queue (repeat for several; default: every queue)",
    )
    group.add_argument(
        "--model",
        type=model_name,
        choices=[AUTO, *model_names()],
        default=AUTO,
        help=f"auto (default): per queue, {PREFERRED_MODEL} unless {AUTO_RULE}".replace("%", "%%"),
    )
    group.add_argument(
        "--country",
        default=defaults.country,
        help=(
            f"holiday calendar: an ISO code such as FR or DE-BY, or the country's English name "
            f"(default {defaults.country}; '{NO_HOLIDAYS}' = off)"
        ),
    )
    group.add_argument(
        "--subdivision",
        help="region or province code for its regional holidays too, e.g. BY with --country DE "
        "(default none: the country's national holidays only)",
    )
    group.add_argument(
        "--origin",
        type=_date_time,
        help="forecast from this date or date and time on the centre's clock, e.g. 2024-03-04 "
        "or '2024-03-04 08:00', using only the history before it (default: right after the "
        "history's last interval with data)",
    )
    group.add_argument(
        "--exclude",
        nargs=2,
        action="append",
        metavar=("FROM", "TO"),
        help="leave the days FROM to TO (both included; with a time, up to TO) out of what the "
        "forecast learns from, as an unusual past period: a surge week, an outage, a broken "
        "export, e.g. --exclude 2026-03-02 2026-03-08 (repeat for several; default none)",
    )
    group.add_argument(
        "--campaign",
        nargs=3,
        action="append",
        metavar=("FROM", "TO", "PCT"),
        help="a planned campaign: forecast the days FROM to TO (both included) PCT%% above "
        "usual, or below with a negative PCT (-100: closed), e.g. --campaign 2026-12-01 "
        "2026-12-07 30 (repeat for several; overlapping ones multiply; default none)",
    )
    group.add_argument(
        "--keep-outliers",
        action="store_true",
        help="train on unusual intervals too (default: intervals far from the same weekday and "
        "time of the weeks around them, such as an outage or a one-off surge, are left out of "
        "training)",
    )


def forecast_words(args: argparse.Namespace) -> list[str]:
    """The files and the options of `cli.py forecast` as `args` gives them (a `plan`'s), each
    token quoted for a shell: the forecast the plan staffed, run on its own. Only what was given
    is said; the defaults are forecast's own."""
    parser = argparse.ArgumentParser(add_help=False)
    add_import_arguments(parser)
    add_forecast_arguments(parser)
    words = []
    for action in parser._actions:
        value = getattr(args, action.dest, None)
        if not action.option_strings:  # the files
            words += [str(path) for path in value or []]
            continue
        if value is None or value is False or (value == action.default and not action.required):
            continue
        option = action.option_strings[0]
        if value is True:
            words.append(option)
        elif action.nargs is not None and isinstance(action.nargs, int):  # --exclude, --campaign
            for given in value:
                words += [option, *map(str, given)]
        elif isinstance(value, list):  # --queue, repeated
            for given in value:
                words += [option, str(given)]
        else:
            words += [option, f"{value:g}" if isinstance(value, float) else str(value)]
    return [shlex.quote(word) for word in words]


_DAYS_UNIT = re.compile(r"\s*(\d+)\s*(?:d|days?)\s*", re.IGNORECASE)
_WEEKS_UNIT = re.compile(r"\s*(\d+)\s*(?:w|wks?|weeks?)\s*", re.IGNORECASE)


def model_name(text: str) -> str:
    """--model as the models are named: in any case, with '-' or spaces for '_'
    ('combination-glm'), or by the name the app and the notes show ('4-week average', as in
    "the model '4-week average' (--model historical_average_4w)"); they read "invalid choice".
    Other text is left for argparse's refusal, naming the choices."""
    word = " ".join(text.split()).casefold()
    by_label = {label.casefold(): name for name, label in MODEL_LABELS.items()}
    return by_label.get(word) or re.sub(r"[\s-]+", "_", word)


def _horizon_days(text: str) -> int:
    """--horizon-days as a whole number of days, also written with its unit ('14d') or in weeks
    ('2w', '2 weeks': 14); a fraction ('1.5') is refused naming the fix (the range is checked
    by check_horizon, after parsing). '2w' read only "give a whole number of days"."""
    try:
        return int(text)
    except ValueError:
        pass
    if match := _DAYS_UNIT.fullmatch(text):
        return int(match[1])
    if match := _WEEKS_UNIT.fullmatch(text):
        return 7 * int(match[1])
    try:
        days = float(text)
    except ValueError:
        days = None
    if days is not None and days == days and days not in (float("inf"), float("-inf")):
        lower, upper = max(1, int(days)), max(1, -int(-days // 1))
        hint = f"{lower} or {upper}" if lower != upper else f"{lower}"
        raise argparse.ArgumentTypeError(
            f"invalid int value: '{text}': the horizon is whole days (the forecast covers every "
            f"open interval of each day); give {hint}, from 1 to {MAX_HORIZON_DAYS}"
        )
    raise argparse.ArgumentTypeError(
        f"invalid int value: '{text}': give a whole number of days, from 1 to {MAX_HORIZON_DAYS}"
    )


def whole_number(counts: str, accepted: str) -> Callable[[str], int]:
    """argparse type for a whole number of `counts` ("agents per supervisor"), `accepted`
    naming its range: 12.0 reads 12, a fraction is refused with the whole numbers either side
    of it, as --horizon-days is ('12.5' read only "invalid int value: '12.5'")."""

    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            pass
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value == round(value):
            return int(value)
        either = f", {math.floor(value)} or {math.ceil(value)}" if math.isfinite(value) else ""
        raise argparse.ArgumentTypeError(
            f"invalid int value: '{text}': give a whole number of {counts}{either} ({accepted})"
        )

    return parse


_SECONDS_UNIT = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:s|sec|secs|seconds?)\s*", re.IGNORECASE)
_MINUTES_SECONDS = re.compile(r"\s*(\d+):([0-5]\d)\s*")
# Minutes and seconds with their units, as a report or a person writes an AHT: "3m20s",
# "3 min 20 s", "3min20".
_MINUTES_AND_SECONDS = re.compile(
    r"\s*(\d+)\s*(?:m|min|mins|minutes?)\s*([0-5]?\d)\s*(?:s|sec|secs|seconds?)?\s*",
    re.IGNORECASE,
)
_MINUTES_UNIT = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:m|min|mins|minutes?)\s*", re.IGNORECASE)


def seconds(text: str) -> float:
    """argparse type for an option in seconds: '20s' reads 20; a time in minutes ('4:30', '4m')
    is refused with its seconds, as reading it either way could be a wrong guess ('20s' read
    only "invalid float value: '20s'")."""
    try:
        return float(text)
    except ValueError:
        pass
    if match := _SECONDS_UNIT.fullmatch(text):
        return float(match[1])
    if match := _MINUTES_SECONDS.fullmatch(text) or _MINUTES_AND_SECONDS.fullmatch(text):
        minutes, secs = int(match[1]), int(match[2])
        said = " ".join(
            part for part in (minutes and f"{minutes} min", secs and f"{secs} s") if part
        )
        raise argparse.ArgumentTypeError(
            f"invalid float value: '{text}': the option is in seconds; give "
            f"{minutes * 60 + secs} for {said or '0 s'}"
        )
    if match := _MINUTES_UNIT.fullmatch(text):
        minutes = float(match[1])
        raise argparse.ArgumentTypeError(
            f"invalid float value: '{text}': the option is in seconds; give "
            f"{minutes * 60:g} for {minutes:g} min"
        )
    raise argparse.ArgumentTypeError(
        f"invalid float value: '{text}': give a number of seconds, e.g. 20"
    )


# A number of hours with a decimal point or, at most two decimals, a decimal comma ("37,5"):
# "1,000" may be a thousand, so three decimals after a comma are not read.
_HOURS_UNIT = re.compile(
    r"\s*(\d+(?:\.\d*)?|\.\d+|\d+,\d{1,2})\s*(?:h|hrs?|hours?)?\s*", re.IGNORECASE
)
_HOURS_MINUTES = re.compile(r"\s*(\d+):([0-5]\d)\s*h?\s*", re.IGNORECASE)


def hours(text: str) -> float:
    """argparse type for a length in hours: '38h' reads 38, '37,5' 37.5 (a decimal comma, as a
    French or German contract writes it) and '7:30' 7.5, hours and minutes ('38h' read only
    "invalid float value: '38h'", '37,5' likewise)."""
    try:
        return float(text)
    except ValueError:
        pass
    if match := _HOURS_UNIT.fullmatch(text):
        return float(match[1].replace(",", "."))
    if match := _HOURS_MINUTES.fullmatch(text):
        return int(match[1]) + int(match[2]) / 60
    raise argparse.ArgumentTypeError(
        f"invalid float value: '{text}': give a number of hours, e.g. 7.5 or 7:30"
    )


_EUROS = re.compile(
    r"\s*(?:€|eur\b)?\s*(\d+(?:\.\d*)?|\d+,\d{1,2}|\.\d+)\s*(?:€|eur)?\s*"
    r"(?:(?:/|\bper\b|\ban\b|\ba\b)\s*(?:h|hr|hour)\b\.?)?\s*",  # "22 €/h", "22 EUR per hour"
    re.IGNORECASE,
)


def euros(text: str) -> float:
    """argparse type for an amount in EUR: '€22', '22 EUR', '22 €/h' and '22,50' (a decimal
    comma, at most two decimals: '1,000' may be a thousand) read as written ('€22' read only
    "invalid float value: '€22'", '22 €/h' likewise)."""
    try:
        return float(text)
    except ValueError:
        pass
    if match := _EUROS.fullmatch(text):
        return float(match[1].replace(",", "."))
    raise argparse.ArgumentTypeError(
        f"invalid float value: '{text}': give an amount in EUR, e.g. 22 or 22.50"
    )


MIN_ORIGIN_YEAR = 1900
# A date written day and month first ("02/04/2024", "04.02.24"): both numbers may be the month.
DAY_MONTH_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)")


def _full_year(year: int) -> int:
    """A two-digit year as pandas reads it (dateutil's rule): in this century, unless that is
    50 years or more ahead ('99' is 1999, '24' 2024); four digits as written."""
    if year >= 100:
        return year
    this_year = dt.date.today().year
    year += this_year // 100 * 100
    if year >= this_year + 50:
        return year - 100
    return year + 100 if year < this_year - 50 else year


def _readings_refusal(text: str, match: re.Match) -> str | None:
    """Why a date of three numbers (02/03/2024, 03/02/26) is refused, naming each day it may be:
    day and month swapped, and with a two-digit year the year first too (yy/mm/dd, as the
    bank's 990201 and Swedish or Korean dates write it); None where only one is a day. pandas
    would read one of them with no word, and on the command line nothing beside the value tells
    which is meant."""
    first, second, third = (int(part) for part in match.groups())
    year = _full_year(third)
    candidates = [
        ("day/month/year", year, second, first),
        ("month/day/year", year, first, second),
    ]
    if len(match[3]) == 2:
        candidates.append(("year/month/day", _full_year(first), second, third))
    readings: dict[str, pd.Timestamp] = {}
    for order, *ymd in candidates:
        try:
            day = pd.Timestamp(*ymd)
        except ValueError:
            continue
        if day not in readings.values():
            readings[order] = day
    if len(readings) < 2:
        return None
    if "year/month/day" not in readings:
        return (
            f"'{text}' could be day/month or month/day: write the date year first, "
            f"{year}-{second:02d}-{first:02d} (day {first}, month {second}) or "
            f"{year}-{first:02d}-{second:02d} (month {first}, day {second})"
        )
    said = [f"{order}, {day_text(day, year=True)}" for order, day in readings.items()]
    isos = [f"{day:%Y-%m-%d}" for day in readings.values()]
    # Four digits settle day/month/year against year/month/day, not day against month.
    fix = "the date year first" if "month/day/year" in readings else "the year in four digits"
    return (
        f"'{text}' could be {', '.join(said[:-1])}, or {said[-1]}: write {fix}, "
        f"{', '.join(isos[:-1])} or {isos[-1]}"
    )


def _date_time(text: str) -> str:
    """--origin as given, once it reads as a date/time; a date whose day and month could be
    swapped (02/04/2024) is refused: read month first, it silently moved the forecast by weeks."""
    ambiguous = DAY_MONTH_FIRST.match(text)
    if ambiguous and (refusal := _readings_refusal(text, ambiguous)):
        raise argparse.ArgumentTypeError(refusal)
    stamp, read = _timestamp(text)
    if not pd.isna(stamp) and stamp.tzinfo is not None:
        offset = f"{stamp:%z}"
        raise argparse.ArgumentTypeError(
            f"'{text}' has a time zone (UTC{offset[:3]}:{offset[3:]}): --origin is read on the "
            "center's clock, as the history's times are: write it without the zone, e.g. "
            f"{stamp:%Y-%m-%d %H:%M} if that is the center's clock"
        )
    if pd.isna(stamp):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date/time on the center's clock: write it like 2024-03-04 or "
            "2024-03-04 08:00"
        )
    if stamp.year < MIN_ORIGIN_YEAR:  # pandas reads a date without a year ("2 April") as year 1
        raise argparse.ArgumentTypeError(
            f"'{text}' has no year: write the date year first, like 2024-03-04 or 2024-03-04 08:00"
        )
    return read


# A weekday's name before the day and its month, as "lundi 4 mars 2024" or "Montag, 4. März
# 2024" write it; not a month before its year ("novembre 2026" read as 2026, 1 January).
_LEADING_WEEKDAY = re.compile(r"^\s*[^\W\d_]+\.?,?\s+(?=\d{1,2}\b\.?\s*[^\W\d_])")


def _timestamp(text: str) -> tuple[pd.Timestamp, str]:
    """`text` as a timestamp (NaT if none), and the text it was read from: as given, or with a
    month named in French, German, Italian, Spanish and the other languages the import reads
    written in English ("4 marzo 2024 08:00" as "4 Mar 2024 08:00"), its weekday left out."""
    for read in (text, _english_month_date(text)):
        try:
            stamp = pd.Timestamp(read)
        except (ValueError, TypeError, OverflowError):
            continue
        if not pd.isna(stamp):
            return stamp, read
    return pd.NaT, text


def _english_month_date(text: str) -> str:
    """A date with its month named in another language as English month names write it."""
    english = english_months(pa.array([text.strip()]))[0].as_py()
    return _LEADING_WEEKDAY.sub("", english) if english != text.strip() else text


def day_first_date(text: str | None, option: str) -> tuple[str | None, str | None]:
    """A --change-from/--change-to written day/month/year read as the day it can only be
    (13/03/2024 is 13 March: 13 is no month), as ISO text, with a note saying so; one whose
    day and month could be swapped (02/03/2024), or whose two-digit year could come first
    (26-02-03), is refused, also with a time after it (13.02.24 08:00), as is a time of day the
    change would not use. Other text is left as given."""
    match = DAY_MONTH_FIRST.match(text or "")
    if match and (refusal := _readings_refusal(text, match)):
        raise InputError(f"{option} {refusal}")
    day_alone = text
    if clock := _TIME_OF_DAY.search(text or ""):
        day_alone = _day_alone(text, option, clock)
    if match is None:
        if option == "--change-to" and (period := _period_without_day(day_alone)):
            first_day, last_day, unit = period
            raise InputError(
                f"--change-to '{text}' names a {unit}, not a day: the changes would end on its "
                f"first day, {day_text(first_day, year=True)}; give the last day they apply to, "
                f"e.g. {last_day:%Y-%m-%d} for the whole {unit}"
            )
        return _written_date(day_alone, option), None
    first, second, year = (int(part) for part in match.groups())
    year = _full_year(year)
    day, month = (second, first) if first <= 12 < second else (first, second)
    try:
        read = pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return text, None  # 31/02/2024 is no day either way: refused as not a date
    if first == second:  # 05/05/2024 reads one way only
        return f"{read:%Y-%m-%d}", None
    order = "day/month" if day == first else "month/day"
    return f"{read:%Y-%m-%d}", (
        f"{option} {text} is read as {order}, {day_text(read, year=True)} ({max(first, second)} "
        f"cannot be a month); write it year-month-day ({read:%Y-%m-%d}) to leave no doubt"
    )


def _period_without_day(text: str | None) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """The first and last day of a month or year written without a day ('2026-11', 'Nov 2026',
    '2026'), which pandas reads as its first day, and which of the two it is; None for a day."""
    if not text:
        return None
    read = _timestamp(text)[1]
    try:
        days = [dateutil_parser.parse(read, default=dt.datetime(2000, 1, day)) for day in (1, 2)]
        months = [
            dateutil_parser.parse(read, default=dt.datetime(2000, month, 1)) for month in (1, 2)
        ]
    except (ValueError, OverflowError):
        return None
    first = pd.Timestamp(days[0]).normalize()
    if months[0].month != months[1].month:
        return first, first + pd.offsets.YearEnd(0), "year"
    if days[0].day != days[1].day:
        return first, first + pd.offsets.MonthEnd(0), "month"
    return None


# A time of day in a date ("2026-02-17 14:00", "17/02/2026 8:30:00", "2026-02-17T14:00").
_TIME_OF_DAY = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?![\d:])")


def _day_alone(text: str, option: str, clock: re.Match) -> str:
    """A change's day given with a time of day, without it where the time is where the change
    starts or ends anyway (--change-from at 00:00, --change-to at 23:59 or 24:00); any other
    time is refused: the changes apply from the start of --change-from's day to the end of
    --change-to's, so '--change-from 2026-02-17 14:00' raised the morning too, with no word.
    A --change-to at 00:00 may be the day's end or the next one's start: refused as well."""
    hour, minute = int(clock[1]), int(clock[2])
    stamp, _ = _timestamp(text)
    if not pd.isna(stamp):  # its PM read too: '23/11/2026 8:00 PM' is 20:00
        hour, minute = stamp.hour, stamp.minute
    at_the_edge = (
        (hour, minute) == (0, 0)
        if option == "--change-from"
        else ((hour, minute) in ((23, 59), (24, 0)))
    )
    if at_the_edge:
        return text[: clock.start()].rstrip(" T,")
    try:
        day = dt.date.fromisoformat(day_first_date(text[: clock.start()].rstrip(" T,"), option)[0])
    except (InputError, TypeError, ValueError):
        day = None
    whole_days = (
        f"{option} '{text}': the volume and AHT changes apply to whole days, from the start of "
        "--change-from's day to the end of --change-to's"
    )
    if day is None:
        raise InputError(f"{whole_days}, so a time of day is not used: give the day alone.")
    if option == "--change-to" and hour == minute == 0:
        before = day - dt.timedelta(days=1)
        raise InputError(
            f"{whole_days}, so 00:00 could end the change on {day_text(before, year=True)} or "
            f"on {day_text(day, year=True)}: give the last day it applies to alone, "
            f"{before:%Y-%m-%d} or {day:%Y-%m-%d}."
        )
    raise InputError(
        f"{whole_days}, so {hour:02d}:{minute:02d} would not be used: give the day alone, "
        f"{day:%Y-%m-%d}."
    )


def _written_date(text: str | None, option: str) -> str | None:
    """A day written with its month's name or year first ('7 Dec 2026', 'Dec 7, 2026',
    '2026/12/07'), as --origin reads it, as ISO text; ISO text and what no reading makes a day
    of are left as given, the latter refused by the scenario as not a date."""
    if text is None:
        return None
    try:
        dt.date.fromisoformat(text.strip()[:10])
        return text
    except ValueError:
        pass
    stamp, _ = _timestamp(text)
    if pd.isna(stamp) or stamp.tzinfo is not None:
        return text
    if stamp.year < MIN_ORIGIN_YEAR:  # pandas reads a date without a year ("7 Dec") as year 1
        raise InputError(
            f"{option} '{text}' has no year: write the date year first, like 2026-12-07"
        )
    return f"{stamp:%Y-%m-%d}"


def history_before(intervals: pd.DataFrame, origin: str | None) -> pd.DataFrame:
    """The intervals that start before --origin (all of them without one): what was known then,
    handle times included."""
    if not origin:
        return intervals
    return intervals[pd.to_datetime(intervals[INTERVAL_START]) < pd.Timestamp(origin)]


def check_horizon(days: int) -> None:
    """Refuse a horizon under a day (the forecast would refuse it after importing) or longer than
    the app takes, before importing."""
    if days < 1:
        raise InputError(
            f"--horizon-days {days}: the horizon must be at least one day, e.g. 14 for two weeks."
        )
    if days > MAX_HORIZON_DAYS:
        raise InputError(
            f"--horizon-days {days}: the horizon must be at most {MAX_HORIZON_DAYS} days, about "
            "a quarter, as on the app's Forecast page."
        )


STDOUT = "-"
# The --out help's tail: "-" is standard output, as for most command-line tools.
TO_STDOUT_HELP = "; - writes it to standard output, the summary then to stderr"


def out_name(path: str) -> str:
    """Where a summary says the table went: the file, or standard output for "-"."""
    return "standard output" if path == STDOUT else str(path)


def check_out(path: str, option: str = "--out", inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an --out that cannot be written before any work is done: a folder that does not
    exist (it is not created: a mistyped path would leave a stray folder), a folder given as the
    file, a place without write permission, one of the `inputs` (the history or plan read would
    be replaced by the output). `option` names the flag in the message."""
    if path == STDOUT:
        return
    if not path.strip():  # `--out ""`, an unset shell variable: Path("") is the working folder
        raise InputError(f"{option} is empty: give a file name, e.g. {option} out.csv.")
    if fault := path_as_typed_fault(path, option):
        raise InputError(fault)
    target = Path(path)
    if target.suffix.lower() in SPREADSHEET_SUFFIXES:
        # CSV text under a workbook's name: Excel refuses to open it ("file format or file
        # extension is not valid"), and LibreOffice reads it as a broken workbook.
        raise InputError(
            f"{option} {path}: the table is written as CSV text, which a spreadsheet will not "
            f"open as a {target.suffix} workbook: give a name ending in .csv, e.g. "
            f"{option} {target.with_suffix('.csv')} (Excel and LibreOffice open it)."
        )
    folder = target.parent
    if target.is_dir():
        raise InputError(
            f"{option} {path} is a folder: give a file name, e.g. {target / 'out.csv'}."
        )
    if path.endswith(("/", os.sep)):  # Path() drops the slash and would write "out.csv"
        raise InputError(
            f"{option} {path} ends in a slash, so it names a folder: give a file name, "
            "without the final slash."
        )
    for given in inputs:
        if _same_file(target, Path(given)):
            raise InputError(
                f"{option} {path} is the input file {given}: writing it would replace what was "
                "read; give another file name."
            )
    if not folder.is_dir():
        # The nearest part of the path that exists: a file there (out.csv/plan.csv) cannot be
        # made a folder, so "create it" would not help.
        existing = next(
            part for part in (folder, *folder.parents) if part.exists() or part == part.parent
        )
        if existing.exists() and not existing.is_dir():
            raise InputError(
                f"{option} {path}: {existing} is a file, not a folder; write elsewhere."
            )
        raise InputError(f"{option} {path}: {folder} does not exist; create it or write elsewhere.")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(f"{option} {path}: no permission to write there; write elsewhere.")


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# A Windows path: a drive (C:\ or C:/) or a network share (\\server\share).
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]|\\\\")


def path_as_typed_fault(path: str, option: str = "") -> str | None:
    """Why `path` would not name the place meant, or None: a leading ~ the shell left as it is
    (in quotes, after "="), which names a folder called ~ here, not the home folder; a Windows
    path on a system whose folders are split by "/", where C:\\Users\\ana\\plan.csv is one file
    name with backslashes in the current folder. `option` leads the message ("--out")."""
    given = f"{option} {path}" if option else path
    if re.match(r"~[^/\\]*(?:/|$)", path) and os.path.expanduser(path) != path:
        full = os.path.expanduser(path)
        full = os.path.join(full, "out.csv") if path.rstrip("/") == path.split("/")[0] else full
        local = f" (a folder named ~ here is ./{path})" if Path(path.split("/")[0]).is_dir() else ""
        return (
            f"{given}: the shell did not expand ~ (it does not in quotes or after '='): write "
            f"the folder in full, e.g. {option + ' ' if option else ''}{full}{local}."
        )
    if os.sep == "/" and (_WINDOWS_PATH.match(path) or "\\" in path):
        return (
            f"{given} is a Windows path (a drive or backslashes), which this system does not "
            "read as one: write it as this system names it, folders split by / (under WSL, "
            "C:\\ is /mnt/c/)."
        )
    return None


def distinct_files(paths: list[str]) -> list[str]:
    """The input files with a file given again left out, said on stderr: read twice, its rows
    were said to "appear in more than one file" (h.csv by h.csv) and its notes said twice."""
    kept: list[str] = []
    for path in paths:
        earlier = next((given for given in kept if _same_file(Path(given), Path(path))), None)
        if earlier is None:
            kept.append(path)
        else:
            again = "again" if earlier == path else f"again as {path}"
            print(f"import: {earlier} is given {again}: read once.", file=sys.stderr)
    return kept


def file_names(paths: list[str]) -> list[str]:
    """The names the import gives `paths` by in its notes: each file's own name, with as many
    of its folders as tell it from another file of that name (site_a/phone.csv beside
    site_b/phone.csv, which read "phone.csv by phone.csv" where one's rows replaced the
    other's). The queue a file without a queue column holds is still named by the file."""
    parts = [Path(path).parts or (path,) for path in paths]

    def tail(index: int, depth: int) -> tuple[str, ...]:
        return parts[index][-depth:]

    names = []
    for index, own in enumerate(parts):
        depth = 1
        while depth < len(own) and any(
            tail(other, depth) == tail(index, depth)
            for other in range(len(parts))
            if other != index
        ):
            depth += 1
        names.append("/".join(tail(index, depth)))
    return names


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (through links, "./", another case on some systems)."""
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return first.resolve() == second.resolve()


def write_csv(table: pd.DataFrame, path: str, option: str = "--out") -> None:
    """`table` to --out `path`, floats at the app downloads' decimals; a write that fails all
    the same (disk full, a file locked) is one line naming the path, like any bad input."""
    try:
        # sys.__stdout__: the summary's prints are sent to stderr meanwhile (cli.main).
        if path == STDOUT:
            rounded(table).to_csv(sys.__stdout__, index=False)
        else:
            _write_whole(rounded(table), path)
    except BrokenPipeError:
        raise  # the reader of stdout left: not a file to fix (cli.main ends quietly)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{option} {path}: cannot write it ({reason}).") from error


def _write_whole(table: pd.DataFrame, path: str) -> None:
    """`table` as CSV at `path`, whole or not at all: written beside it under a passing name
    and renamed over it once complete, so a write that fails (a full disk, Ctrl-C) leaves no
    half-written table, nor a previous one cut short. A device or pipe (/dev/null, a FIFO) is
    written as it is: a rename would replace it."""
    # Opened here: pandas would expand a leading ~ and write where --out was not checked.
    target = Path(os.path.realpath(path))  # through a link: the file it names gets the table
    if target.exists() and not target.is_file():
        with open(target, "w", newline="", encoding="utf-8") as file:
            table.to_csv(file, index=False)
        return
    passing = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(passing, "x", newline="", encoding="utf-8") as file:
            table.to_csv(file, index=False)
        if target.exists():
            shutil.copymode(target, passing)  # a shared file keeps who may read it
        os.replace(passing, target)
    except BaseException:
        passing.unlink(missing_ok=True)
        raise


def check_queues(dataset: Dataset, queues: list[str] | None) -> list[str] | None:
    """The data's names of the --queue values, typed in any case or spacing ("tech. axa" for
    "Tech. Axa": names are typed from memory); a value naming no queue is refused."""
    return match_queues(dataset.queues, queues)


def match_queues(known: list[str], queues: list[str] | None) -> list[str] | None:
    """The `known` names of the --queue values, typed in any case, spacing or accents; a value
    naming no queue, or several that differ only so, is refused listing the known ones."""
    if not queues:
        return queues
    by_key: dict[str, list[str]] = {}
    for name in known:
        by_key.setdefault(_queue_key(name), []).append(name)

    def named(name: str) -> bool:
        return name in known or len(by_key.get(_queue_key(name), [])) == 1

    # "--queue chat,phone", a list as scripts write one: each name a queue, the whole none.
    listed: list[str] = []
    for name in queues:
        parts = [part.strip() for part in re.split(r"[,;]", name)]
        whole_list = not named(name) and len(parts) > 1 and all(map(named, parts))
        listed += parts if whole_list else [name]
    queues = listed
    found = [name if name in known else by_key.get(_queue_key(name)) for name in queues]
    unknown = sorted(
        name
        for name, match in zip(queues, found, strict=True)
        if match is None or (isinstance(match, list) and len(match) != 1)
    )
    if unknown:
        raise InputError(
            f"--queue {', '.join(unknown)}: no such queue in the data"
            f"{_closest_queues(unknown, known)}; the queues are {', '.join(known)}."
        )
    return [match[0] if isinstance(match, list) else match for match in found]


def _closest_queues(unknown: list[str], known: list[str]) -> str:
    """ " (perhaps Sales)" for a --queue one typo away from a queue: among forty AXA queues the
    list alone left the planner to find the one meant."""
    keys = {_queue_key(name): name for name in known}
    # 0.75 takes a letter dropped or swapped ("sale", "Tech Axa") but not another queue's word.
    close = [
        keys[match[0]]
        for name in unknown
        if (match := difflib.get_close_matches(_queue_key(name), list(keys), 1, 0.75))
    ]
    return f" (perhaps {', '.join(dict.fromkeys(close))})" if close else ""


def _queue_key(name: str) -> str:
    """A queue name in any case, spacing and accents: 'telephonie' typed on a keyboard without
    accents names 'Téléphonie' (it read 'no such queue in the data (perhaps Téléphonie)')."""
    letters = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))


def check_origin(dataset: Dataset, origin: str | None) -> None:
    """Refuse an --origin on or before the first day with data (not a whole day of history), or
    after the end of the data: the history would end in open intervals
    without data (forecast as if the queue had gone quiet). An origin up to the first open
    interval after the last data is fine (a weekend or a closed evening in between)."""
    if origin is None:
        return
    start = pd.Timestamp(origin)
    intervals = dataset.intervals
    # Data: a count in an open interval that the export had (closed intervals are filled with
    # zeros to the end of the last day), or contacts in a closed one.
    volume = intervals[VOLUME]
    is_open = intervals[IS_OPEN].fillna(False).astype(bool)
    missing = intervals[IS_MISSING].fillna(False).astype(bool)
    seen = volume.notna() & ~missing & (is_open | (volume > 0))
    times = pd.to_datetime(intervals.loc[seen, INTERVAL_START])
    if times.empty:
        return  # the forecast says there is no history
    first = times.min()
    if start.normalize() <= first.normalize():
        where = "before the data" if start <= first else "on the first day of the data"
        raise InputError(
            f"--origin {origin} is {where} (the first interval with data starts "
            f"{day_text(first, year=True, clock=True)}): not one whole day of history to forecast "
            "from. Give a "
            "later origin, after at least a week of data, or leave --origin out to forecast from "
            "the end of the data."
        )
    last = times.max()
    step = pd.Timedelta(minutes=dataset.interval_minutes)
    if start <= last + step:
        return
    latest = _first_open_slot(dataset, last + step, start)
    if latest is None or start <= latest:
        return
    raise InputError(
        f"--origin {origin} is after the end of the data (the last interval with data starts "
        f"{day_text(last, year=True, clock=True)}): the history would end in "
        f"{_span(latest, start)} of open intervals without data. Give an origin up to "
        f"{day_text(latest, year=True, clock=True)} (--origin '{latest:%Y-%m-%d %H:%M}'), or "
        "leave --origin out to forecast from the end of the data."
    )


def _first_open_slot(
    dataset: Dataset, after: pd.Timestamp, before: pd.Timestamp
) -> pd.Timestamp | None:
    """The first interval from `after` (at most a week on, and before `before`) that is open
    for some queue; None when no interval in between is open."""
    hours = dataset.open_hours
    open_slots = set(
        zip(
            hours.loc[hours[IS_OPEN].astype(bool), WEEKDAY].astype(int),
            hours.loc[hours[IS_OPEN].astype(bool), MINUTE_OF_DAY].astype(int),
            strict=True,
        )
    )
    end = min(before, after + pd.Timedelta(days=7))
    slots = pd.date_range(after, end, freq=f"{dataset.interval_minutes}min", inclusive="left")
    minutes = (slots - slots.normalize()) // pd.Timedelta(minutes=1)
    for slot, weekday, minute in zip(slots, slots.day_of_week, minutes, strict=True):
        if (weekday, minute) in open_slots:
            return slot
    return None


def _span(first: pd.Timestamp, end: pd.Timestamp) -> str:
    """'8 weeks', '3 days', '2 hours' or '45 minutes' from `first` to `end`."""
    minutes = (end - first) / pd.Timedelta(minutes=1)
    if minutes >= 14 * 1440:
        # --origin 2104-01-01 for 2014 read "4696 weeks".
        return counted(round(minutes / (7 * 1440)), "week")
    for unit, length in (("day", 1440), ("hour", 60)):
        if minutes >= length:
            return counted(round(minutes / length), unit)
    return counted(round(minutes), "minute")


def forecast_settings(args: argparse.Namespace) -> ForecastSettings:
    country = None if str(args.country).lower() == NO_HOLIDAYS else str(args.country).upper()
    subdivision = args.subdivision
    if country is None and subdivision:
        raise InputError(
            f"--subdivision {subdivision} needs a holiday calendar: give its --country, "
            f"or leave --subdivision out with --country {NO_HOLIDAYS}."
        )
    if country and "-" in country and country not in holidays.list_supported_countries():
        country, subdivision = _country_and_region(args.country, subdivision)
    elif country:
        country = _country_code(country)
        if "-" in country:  # a nation of the United Kingdom: its own region's holidays
            country, subdivision = _country_and_region(country, subdivision, args.country)
    # An unknown country or region, refused now rather than after a long import.
    try:
        holiday_names(pd.Timestamp("2024-01-01"), 1, country, subdivision)
    except InputError as error:
        raise InputError(_region_elsewhere(country, subdivision) or str(error)) from error
    return ForecastSettings(
        model=args.model,
        country=country,
        subdivision=subdivision,
        origin=args.origin,
        clean_outliers=not args.keep_outliers,
        events=forecast_events(args),
    )


def forecast_events(args: argparse.Namespace) -> list[ForecastEvent]:
    """--exclude FROM TO and --campaign FROM TO PCT as the Forecast page's events: FROM from its
    start, a TO without a time to the end of its day (as --change-to reads it); its dates read
    as --origin reads one, a day and month that could swap refused."""
    events, typed = [], []
    for start, end in getattr(args, "exclude", None) or []:
        first, stop = _event_span("--exclude", start, end)
        events.append(ForecastEvent(f"excluded {_event_days(first, stop)}", first, stop, EXCLUDE))
        typed.append(f"--exclude {start} {end}")
    for start, end, pct in getattr(args, "campaign", None) or []:
        first, stop = _event_span("--campaign", start, end)
        uplift = _percent(pct)
        if uplift is None:
            raise InputError(
                f"--campaign {start} {end} {pct}: '{pct}' is not a number of percent; give the "
                "change the campaign brings, e.g. 30 for +30% or -100 for closed."
            )
        # Named as peaks and days give their cause: 'campaign 2014-01-06 to 2014-01-07' echoed
        # the dates as typed, in another form than every other date of the summary.
        name = f"campaign {_event_days(first, stop)}"
        events.append(ForecastEvent(name, first, stop, CAMPAIGN, uplift_pct=uplift))
        typed.append(f"--campaign {start} {end} {pct}")
    for event, option in zip(events, typed, strict=True):
        try:
            event.bounds()  # an end before the start, an uplift below -100%, refused now
        except InputError as error:  # named as typed, not as the app's "Event '...'"
            raise InputError(str(error).replace(f"Event '{event.name}'", option)) from error
    return events


def _event_days(first: pd.Timestamp, stop: pd.Timestamp) -> str:
    """'Mon 6 Jan 2014', 'Mon 6 – Tue 7 Jan 2014', or with the clock where an event starts or
    ends within a day: the span an event option gives, as the summaries write dates."""
    if first == first.normalize() and stop == stop.normalize():
        last = stop - pd.Timedelta(days=1)
        if last == first:
            return day_text(first, year=True)
        return f"{day_text(first, year=first.year != last.year)} – {day_text(last, year=True)}"
    return f"{day_text(first, year=True, clock=True)} – {day_text(stop, year=True, clock=True)}"


def _event_span(option: str, start: str, end: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """FROM and TO of an event option as its start and (exclusive) end."""
    moments = []
    for text in (start, end):
        try:
            moments.append(pd.Timestamp(_date_time(text)))
        except argparse.ArgumentTypeError as error:
            raise InputError(f"{option} {start} {end}: {error}") from error
    first, last = moments
    stop = last + pd.Timedelta(days=1) if last == last.normalize() and ":" not in end else last
    if stop <= first:
        raise InputError(
            f"{option} {start} {end}: TO comes before FROM; give the first day, then the last."
        )
    return first, stop


def _percent(text: str) -> float | None:
    """'30', '+30', '30%', '-100 %' or '12,5' as a number of percent; None for other text."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _region_elsewhere(country: str | None, subdivision: str | None) -> str | None:
    """The refusal of a --subdivision that is no region of `country` but is one of a single
    other country, naming it: '--subdivision BY' alone was refused as 'Unknown holiday region
    'BY' of IT' and IT's 107 provinces, the default --country taken for Bavaria's. A code
    several countries use ('01') or a country without regions keeps the calendar's refusal."""
    if not (country and subdivision):
        return None
    region = subdivision.strip().upper()
    own = {str(known).upper() for known in holidays.list_supported_countries().get(country, [])}
    if not own or region in own:
        return None
    owners = [
        code
        for code, regions in holidays.list_supported_countries(include_aliases=False).items()
        if region in {str(known).upper() for known in regions}
    ]
    if len(owners) != 1:
        return None
    default = " (the default)" if country == ForecastSettings().country else ""
    return (
        f"--subdivision {subdivision} is not a region of --country {country}{default}: it is a "
        f"region of {owners[0]}; give --country {owners[0]} --subdivision {region}"
    )


# Names a planner writes a country by that the holiday calendars do not: the UK's nations
# (their own bank holidays: Scotland's 2 January, St Andrew's Day), a former name, the EU's code
# for Greece.
COUNTRY_ALIASES = {
    "greatbritain": "GB",
    "britain": "GB",
    "england": "GB-ENG",
    "scotland": "GB-SCT",
    "wales": "GB-WLS",
    "northernireland": "GB-NIR",
    "czechrepublic": "CZ",
    "holland": "NL",
    "el": "GR",
}


def _country_code(given: str) -> str:
    """The two-letter code of a country typed by its English name or three-letter code
    ("Israel", "ISR", "United Kingdom" read IL, IL, GB), as the holiday calendars know it;
    anything else as given, for the calendar's refusal to name."""
    if given in holidays.list_supported_countries():
        return given
    key = re.sub(r"[\s_.'-]+", "", given).casefold()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    registry = getattr(getattr(holidays, "registry", None), "COUNTRIES", {})
    for module, (class_name, code, *others) in registry.items():
        names = {module.replace("_", ""), class_name.casefold(), *(o.casefold() for o in others)}
        if key in names:
            return code
    return given


def _country_and_region(
    code: str, subdivision: str | None, given: str | None = None
) -> tuple[str, str]:
    """An ISO 3166-2 code ("DE-BY", as regions are usually written) as the country and its
    region; a --subdivision naming another region beside it is refused, naming the country as
    `given` ("England (GB-ENG)") where it was typed otherwise than its code."""
    country, _, region = code.strip().upper().partition("-")
    if subdivision and subdivision.strip().upper() != region:
        named = f"{given} ({code})" if given and given.strip().upper() != code.upper() else code
        raise InputError(
            f"--country {named} names the region {region}, but --subdivision says {subdivision}: "
            f"give one of them, e.g. --country {country} --subdivision {region}."
        )
    return country, region


def share(text: str) -> float:
    """A share option as a fraction: "0.8", "0,8" (a decimal comma) or "80%" are 0.8. "80" stays
    80, refused by the setting with its option named: it may be a typo for 0.8 or for 8%."""
    cleaned = text.strip().replace(",", ".")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.removesuffix("%").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid share '{text}': give a fraction such as 0.8, or a percentage such as 80%"
        ) from None
    return value / 100 if percent else value


# A target as a contact centre says it: "80/20" or "80% in 20s", 80% answered within 20 seconds.
_TARGET = re.compile(
    r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*(?:/|\bin\b|\bwithin\b)\s*(\d+(?:[.,]\d+)?)\s*(?:s|secs?|seconds?)?\s*",
    re.IGNORECASE,
)


# A quantile as a planner writes it: "p90", "90", "90%", "0.9" (the 90th percentile).
_QUANTILE = re.compile(r"p?\s*(\d+(?:[.,]\d+)?)\s*%?")
QUANTILE_WORDS = {"median": "p50", "average": "mean"}


def quantile_name(text: str) -> str:
    """--quantile as the forecast's column names it: 'P90' (as the app labels it), '90', '90%'
    and '0.9' read p90, 'median' p50 (they read "invalid choice: '90'"); other text is left for
    argparse's refusal, naming the choices."""
    word = text.strip().casefold()
    if word in QUANTILE_WORDS:
        return QUANTILE_WORDS[word]
    match = _QUANTILE.fullmatch(word)
    if match is None:
        return word
    number = float(match[1].replace(",", "."))
    percent = number * 100 if number < 1 and not word.startswith("p") else number
    return f"p{percent:g}"


def service_level_share(text: str) -> float:
    """--service-level as `share` reads it; a target written whole ("80/20", "80%/20s") is
    refused with the two options it stands for ("80/20" read only "give a fraction such as
    0.8"): taking its seconds here could contradict --answer-within-seconds."""
    if said := target_as_options(text):
        raise argparse.ArgumentTypeError(f"invalid share '{text}': {said}")
    return share(text)


def target_as_options(text: str) -> str | None:
    """What a target written whole ("80/20", "80% in 20s", "0.8/20") is as the two options it
    stands for; None for other text."""
    match = _TARGET.fullmatch(text)
    if match is None:
        return None
    level = float(match[1].replace(",", "."))
    within = match[2].replace(",", ".")
    given = f"{level / 100:g}" if level > 1 else f"{level:g}"
    return (
        f"a target of {level * (100 if level <= 1 else 1):g}% answered within {within} s is "
        f"two options: give --service-level {given} --answer-within-seconds {within}"
    )


# The words a planner calls the voice channel by.
VOICE_WORDS = frozenset({"phone", "phones", "telephone", "telephony", "call", "calls"})


def channel_name(text: str) -> str:
    """argparse type of --channel: a channel in any case ('Voice'), or the word a desk calls it
    by: 'phone' or 'calls' is voice, 'mail' or 'e-mail' email, 'whatsapp' chat, as a queue's
    name says its channel (they read "invalid choice: 'phone'"). Any other word is left for
    argparse's refusal, naming the choices."""
    word = text.strip().casefold()
    if word in CHANNELS:
        return word
    if word in VOICE_WORDS:
        return "voice"
    by_name = channel_from_queue_name(word)
    return by_name if by_name != "voice" else word


def percent_change(text: str) -> float:
    """A change in percent: "20", "+20", "20%" and "2,5" (a decimal comma) read as written;
    the unit is already percent, so "20%" is 20 ("20%" read "invalid float value")."""
    try:
        return float(text.strip().replace(",", ".").removesuffix("%").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid float value: '{text}': give a change in percent, such as 20 (or 20%) for "
            "20% more, or -10 for 10% less"
        ) from None


def add_staffing_arguments(parser: argparse.ArgumentParser) -> None:
    """Every staffing knob, with StaffingSettings' defaults. The service level and its seconds
    default to None, so `default_targets` knows whether they were given and fills them."""
    defaults = StaffingSettings()
    group = parser.add_argument_group("staffing")
    group.add_argument(
        "--channel",
        type=channel_name,
        choices=CHANNELS,
        help="channel of every queue: voice (or phone), chat or email (or e-mail, mail) "
        "(default: each queue's from its name, as in the app: a name with 'mail' or 'correo' "
        "is e-mail, with 'chat' or 'whatsapp' chat, any other voice)",
    )
    group.add_argument(
        "--aht-seconds",
        type=seconds,
        help="handle time per contact in seconds, for every queue, e.g. 300 (default: the data's "
        "handle times; needed where the data has none)",
    )
    group.add_argument(
        "--service-level",
        type=service_level_share,
        help="share of contacts answered within --answer-within-seconds, e.g. 0.8 or 80%%"
        f" (default {defaults.service_level:g})",
    )
    group.add_argument(
        "--answer-within-seconds",
        type=seconds,
        help="service-level threshold in seconds, e.g. 20"
        f" (default {defaults.answer_within_seconds:g})",
    )
    group.add_argument(
        "--max-occupancy",
        type=share,
        default=DEFAULT_MAX_OCCUPANCY,
        help=f"share of the agents' time on contacts, at most (default {DEFAULT_MAX_OCCUPANCY:g}, "
        "as the app; 1 for no cap)",
    )
    group.add_argument(
        "--max-asa-seconds",
        type=seconds,
        help="cap on average speed of answer, seconds (default none)",
    )
    group.add_argument(
        "--patience-seconds",
        type=seconds,
        help="callers' mean patience in seconds: staffs with Erlang A (abandonment) instead of C "
        "(default none: Erlang C, no caller hangs up)",
    )
    group.add_argument(
        "--max-abandon-rate",
        type=share,
        help="share that may abandon, at most, e.g. 0.05 or 5%% (needs --patience-seconds; "
        "default none)",
    )
    group.add_argument(
        "--shrinkage",
        type=share,
        default=defaults.shrinkage,
        help="share of paid time away from contacts: breaks, training, absence (default "
        f"{defaults.shrinkage:g})",
    )
    group.add_argument(
        "--supervisor-span",
        type=whole_number("agents per supervisor", "8 to 15"),
        default=defaults.supervisor_span,
        help=f"agents per supervisor, 8 to 15 (default {defaults.supervisor_span})",
    )
    group.add_argument(
        "--chat-concurrency",
        type=whole_number("chats at once", f"1 to {MAX_CHAT_CONCURRENCY}"),
        default=defaults.chat_concurrency,
        help=f"chats one agent handles at once (default {defaults.chat_concurrency})",
    )
    group.add_argument(
        "--chat-handle-growth",
        type=share,
        default=defaults.chat_handle_growth,
        help="how much longer each chat takes per extra chat at once, e.g. 0.15 for 15%% "
        f"(default {defaults.chat_handle_growth:g})",
    )
    group.add_argument(
        "--email-response-hours",
        type=hours,
        default=defaults.email_response_hours,
        help="e-mails answered within this many working hours: the clock runs only in the "
        f"hours e-mail is worked, as a business-hours SLA (default "
        f"{defaults.email_response_hours:g})",
    )
    group.add_argument(
        "--email-hours",
        default="{:g}-{:g}".format(*defaults.email_hours),
        metavar="START-END",
        help="hours of the day e-mail is worked, e.g. 8-18 or 8:30-17:30 (default: whenever open)",
    )
    group.add_argument(
        "--min-agents-open",
        type=whole_number("agents on every open interval", "0 or more"),
        default=defaults.min_agents_open,
        help=f"agents on every open interval, however quiet (default {defaults.min_agents_open})",
    )
    group.add_argument(
        "--weekly-contract-hours",
        type=hours,
        default=defaults.weekly_contract_hours,
        help="paid hours of one full-time contract a week: FTE are paid hours a week over it "
        f"(default {defaults.weekly_contract_hours:g}, as the app)",
    )
    group.add_argument(
        "--agent-hourly-cost",
        type=euros,
        default=defaults.agent_hourly_cost,
        help=f"EUR per paid agent hour (default {defaults.agent_hourly_cost:g})",
    )
    group.add_argument(
        "--supervisor-hourly-cost",
        type=euros,
        default=defaults.supervisor_hourly_cost,
        help=f"EUR per paid supervisor hour (default {defaults.supervisor_hourly_cost:g})",
    )


def staffing_settings(
    args: argparse.Namespace,
    queues: Iterable[str] = (),
    written_channels: dict[str, str] | None = None,
) -> StaffingSettings:
    """StaffingSettings from the parsed knobs (raises InputError on impossible values).

    Without --channel, each of `queues` is staffed on the channel `written_channels` gives it
    (a plan's own `channel` column), else on the one its name says, as in the app: an "email"
    queue sized as calls answered within 20 s would need agents all day for mail that can wait
    hours."""
    aht = args.aht_seconds if args.aht_seconds is not None else StaffingSettings.aht_seconds
    guessed = {str(queue): channel_from_queue_name(str(queue)) for queue in queues}
    guessed.update(written_channels or {})
    try:
        return _staffing_settings(args, aht, guessed)
    except SettingError as error:
        raise InputError(in_option_words(error, args)) from error


def in_option_words(error: SettingError, args: argparse.Namespace) -> str:
    """A refused setting's message led by the option and value that set it: "maximum occupancy
    must be a fraction..." alone left the user to find which of twenty options it meant."""
    if not hasattr(args, error.setting):  # a setting the command line has no option for
        return str(error)
    option = "--" + error.setting.replace("_", "-")
    value = getattr(args, error.setting)
    if value is None:
        return f"{option} not given: {error}"
    return (
        f"{option} {value:g}: {error}" if isinstance(value, float) else f"{option} {value}: {error}"
    )


def default_targets(args: argparse.Namespace) -> str | None:
    """Fill --service-level and --answer-within-seconds left out with StaffingSettings'
    defaults, the same for `staff` and `plan`, and say which were filled: "the target is 80%
    answered within 20 s: the default --service-level and ...", or None when both were given."""
    defaults = StaffingSettings()
    level_default = args.service_level is None
    within_default = args.answer_within_seconds is None
    if level_default:
        args.service_level = defaults.service_level
    if within_default:
        args.answer_within_seconds = defaults.answer_within_seconds
    if not (level_default or within_default):
        return None
    level = f"{args.service_level * 100:g}%"  # 0.875 is 87.5%, not a rounded 88%
    target = f"{level} answered within {args.answer_within_seconds:g} s"
    if level_default and within_default:
        defaulted = (
            "the default --service-level and --answer-within-seconds, as `plan` uses; give them"
        )
    elif level_default:
        defaulted = f"{level} is the default --service-level, as `plan` uses; give it"
    else:
        defaulted = (
            f"{args.answer_within_seconds:g} s is the default --answer-within-seconds, "
            "as `plan` uses; give it"
        )
    return f"the target is {target}: {defaulted} for another target"


def _staffing_settings(
    args: argparse.Namespace, aht: float, guessed: dict[str, str]
) -> StaffingSettings:
    return StaffingSettings(
        channel=args.channel or StaffingSettings.channel,
        queue_channels=(
            {}
            if args.channel
            else {queue: channel for queue, channel in guessed.items() if channel != "voice"}
        ),
        aht_seconds=aht,
        service_level=args.service_level,
        answer_within_seconds=args.answer_within_seconds,
        max_occupancy=args.max_occupancy,
        max_asa_seconds=args.max_asa_seconds,
        patience_seconds=args.patience_seconds,
        max_abandon_rate=args.max_abandon_rate,
        shrinkage=args.shrinkage,
        supervisor_span=args.supervisor_span,
        agent_hourly_cost=args.agent_hourly_cost,
        supervisor_hourly_cost=args.supervisor_hourly_cost,
        weekly_contract_hours=args.weekly_contract_hours,
        min_agents_open=args.min_agents_open,
        chat_concurrency=args.chat_concurrency,
        chat_handle_growth=args.chat_handle_growth,
        email_response_hours=args.email_response_hours,
        email_hours=_hour_range(args.email_hours),
    )


def queue_channels_note(settings: StaffingSettings, queues: Iterable[str]) -> str | None:
    """Which of `queues` (the queues staffed) were staffed on a channel other than voice
    because of their names; the others are said to be voice only when there are any (a lone
    'mail' queue read '(the other queues as voice)')."""
    if not settings.queue_channels:
        return None
    listed = ", ".join(
        f"'{queue}' as {channel}" for queue, channel in settings.queue_channels.items()
    )
    names = "its name says" if len(settings.queue_channels) == 1 else "their names say"
    voice = any(settings.channel_of(queue) == "voice" for queue in map(str, queues))
    others = " (the other queues as voice)" if voice else ""
    return (
        f"staffed {listed}, as {names}{others}; give --channel to staff every queue on one channel"
    )


def unusual_settings(
    args: argparse.Namespace, settings: StaffingSettings, queues: Iterable[str] = ()
) -> list[str]:
    """The staffing knobs set to possible but unusual values, said as the app says them (a
    shrinkage of 0.99 staffs 100 people per agent on the phones: more often a typo than meant).

    Judged on the channels `queues` are staffed on (`settings`), as each queue gets the channel
    its name says without --channel: a service-level target says nothing about e-mail queues."""
    channels = {settings.channel_of(queue) for queue in queues}
    return (
        _seconds_as_minutes(args)
        + _unused_channel_options(settings, channels)
        + implausible_values(
            channel=channels or settings.channel,
            service_level_pct=args.service_level * 100,
            # 1 is "no cap", as --help says, not an occupancy to warn about.
            max_occupancy_pct=args.max_occupancy * 100 if args.max_occupancy < 1 else None,
            shrinkage_pct=args.shrinkage * 100,
            aht_s=args.aht_seconds,
            agent_cost=args.agent_hourly_cost,
            weekly_contract_hours=args.weekly_contract_hours,
            supervisor_cost=args.supervisor_hourly_cost,
            chat_handle_growth=args.chat_handle_growth,
        )
    )


# The knobs of one channel alone: their StaffingSettings field, option and channel.
CHANNEL_KNOBS = (
    ("chat_concurrency", "--chat-concurrency", "chat"),
    ("chat_handle_growth", "--chat-handle-growth", "chat"),
    ("email_response_hours", "--email-response-hours", "email"),
    ("email_hours", "--email-hours", "email"),
)


def _unused_channel_options(settings: StaffingSettings, channels: set[str]) -> list[str]:
    """Notes on the chat or e-mail knobs set where no queue is staffed on that channel: a
    '--chat-concurrency 3' for a queue staffed as voice changed nothing, with no word."""
    if not channels:
        return []
    defaults = StaffingSettings()
    staffed = " or ".join(sorted(channels))
    notes = []
    for field, option, channel in CHANNEL_KNOBS:
        value = getattr(settings, field)
        if channel in channels or value == getattr(defaults, field):
            continue
        given = "{:g}-{:g}".format(*value) if isinstance(value, tuple) else f"{value:g}"
        notes.append(
            f"{option} {given} is not used: no queue is staffed as {channel} (every queue here "
            f"is {staffed}); give --channel {channel} to staff every queue as {channel}"
        )
    return notes


# Callers' mean patience, in seconds, below which the figure reads as minutes typed: callers
# mostly hang up after tens of seconds to minutes (the Israeli bank's February 1999 callers,
# in ../shared/data, after 232 s on average: `cli.py inspect` patience_seconds).
FEWEST_PATIENCE_SECONDS = 10.0
MOST_PATIENCE_SECONDS = 3600.0


def _seconds_as_minutes(args: argparse.Namespace) -> list[str]:
    """Notes on options in seconds whose value reads as minutes typed: a patience of 3 s (3 min
    meant) staffed 40 calls a half hour with 7 agents at 13.8% abandon instead of 8 at 3.7%,
    without a word; an answer or ASA target under a second (0.33 for 20 s)."""
    notes = []
    patience = args.patience_seconds
    if patience is not None and not FEWEST_PATIENCE_SECONDS <= patience <= MOST_PATIENCE_SECONDS:
        meant = (
            f"{patience:g} min is {patience * 60:,g} s"
            if patience < FEWEST_PATIENCE_SECONDS
            else f"{patience:,g} ms is {patience / 1000:,g} s"
        )
        notes.append(
            f"--patience-seconds {patience:g}: a mean patience of {patience:,g} s is unusual "
            "(callers mostly wait tens of seconds to minutes before hanging up): check the unit "
            f"is seconds ({meant})"
        )
    for option, value in (
        ("--answer-within-seconds", args.answer_within_seconds),
        ("--max-asa-seconds", args.max_asa_seconds),
    ):
        if value is not None and 0 < value < 1:
            notes.append(
                f"{option} {value:g}: a target under a second is unusual: check the unit is "
                f"seconds ({value:g} min is {value * 60:g} s)"
            )
    return notes


def _hour_range(text: str) -> tuple[float, float]:
    """'8-18', '8.5-17' or '8:30-17:30' -> (8.0, 18.0), with an en dash too, as the Staffing page
    writes the hours ('08:00–18:00'), or 'to'; StaffingSettings checks the order and range."""
    parts = re.split(r"\s*(?:-|–|—|\bto\b)\s*", str(text).strip())
    try:
        start, end = (read_hour(part) for part in parts)
    except ValueError as error:
        raise InputError(
            f"--email-hours must look like 8-18 or 8:30-17:30 (start and end hour of the day), "
            f"got '{text}'"
        ) from error
    return start, end


# A clock as written in English or French: '8:30', '7pm', '7:30 p.m.', '8h30', '14h'.
_CLOCK = re.compile(r"(\d{1,2})(?:(?::|h)([0-5]\d)|(h))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)


# A clock written with a dot, as German or Italian planners write it ('09.30', '17.45'): read as
# hours, 9.30 was 09:18, a time no interval starts at; 9.25, 9.5 and 9.75 stay hours.
_DOTTED_CLOCK = re.compile(r"(\d{1,2})[.,](15|30|45)")
# A 24-hour clock without its colon, as rosters write it: '0900', '1730'.
_BARE_CLOCK = re.compile(r"([01]\d|2[0-3])([0-5]\d)")


def read_hour(text: str) -> float:
    """An hour of the day as hours since midnight: '8', '8.5', '8,5', a clock '8:30' (8.5),
    '7pm' (19), '12am' (0), '8h30' (8.5), '08.30' (8.5) or '0830' (8.5). A clock used to be refused ('invalid float value:
    23:30') though --help spoke of 23:30, and '7pm' and '8h30' read 'invalid hour'."""
    cleaned = str(text).strip()
    if clock := _DOTTED_CLOCK.fullmatch(cleaned) or _BARE_CLOCK.fullmatch(cleaned):
        return int(clock[1]) + int(clock[2]) / 60
    clock = _CLOCK.fullmatch(cleaned)
    if clock and (clock[2] or clock[3] or clock[4]):
        hour, minutes = int(clock[1]), int(clock[2] or 0)
        if clock[4]:  # 12-hour clock: 12am is midnight, 12pm noon
            if not 1 <= hour <= 12:
                raise ValueError(f"{text}: a 12-hour clock runs from 1 to 12")
            hour = hour % 12 + (12 if clock[4].lower() == "p" else 0)
        return hour + minutes / 60
    return float(cleaned.replace(",", "."))


def hour_of_day(text: str) -> float:
    """argparse type of an hour option: read_hour, refused in one line naming the forms."""
    try:
        return read_hour(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid hour: '{text}': give an hour of the day such as 8, 8.5 or 8:30"
        ) from None


# "row 5" in a message: a table's row counted as if its header were the file's first line.
ROW_IN_MESSAGE = re.compile(r"\brow (\d+)")


def file_row_words(file_rows: np.ndarray) -> Callable[[str], str]:
    """What turns "row N" of a table's rows in a message (N = position + 2) into the file's
    row `file_rows[position]`."""

    def file_row(row: re.Match) -> str:
        position = int(row.group(1)) - 2
        return f"row {file_rows[position]}" if 0 <= position < file_rows.size else row[0]

    return lambda text: ROW_IN_MESSAGE.sub(file_row, text)


def led_by_file(name: str, message: str) -> str:
    """`message` led by the file `name` when it starts at a row: the staffing package names
    a row of the table it was given, the CLI's own messages lead with the file."""
    return f"{name}: {message}" if ROW_IN_MESSAGE.match(message) else message


# An input path reading standard input, as for most command-line tools.
STDIN = "-"


def shown_input(path: str | Path) -> str:
    """How messages name an input: standard input for "-", else the path as given."""
    return "standard input" if str(path) == STDIN else str(path)


@contextlib.contextmanager
def read_once(paths: Iterable[str]) -> Iterator[list[str]]:
    """`paths`, with standard input ("-") and any pipe (/dev/stdin, <(...)) copied once to a
    temporary file named as given ("stdin" for "-"): the readers open a file more than once
    (to sniff its layout, then to read it), and a pipe gives its rows to the first read only,
    so `cat plan.csv | cli.py shifts -` read an empty table. Regular files are read in place."""
    with tempfile.TemporaryDirectory(prefix="picco-input-") as folder:
        copies: dict[str, str] = {}  # "-" given twice is one stream: one copy
        for path in paths:
            if path in copies:
                continue
            if not os.path.exists(path) and (fault := path_as_typed_fault(path)):
                raise InputError(fault)
            piped = path == STDIN or (os.path.exists(path) and not os.path.isdir(path)
                                      and not os.path.isfile(path))  # fmt: skip
            if not piped:
                copies[path] = path
                continue
            copy = Path(folder) / str(len(copies)) / _pipe_name(path, paths)
            copy.parent.mkdir()
            with contextlib.ExitStack() as stack:
                source = (
                    sys.stdin.buffer if path == STDIN else stack.enter_context(open(path, "rb"))
                )
                with copy.open("wb") as target:
                    shutil.copyfileobj(source, target)
            copies[path] = str(copy)
        yield [copies[path] for path in paths]


# A process substitution `<(...)`: its path is a descriptor number, no name of the data.
_DESCRIPTOR = re.compile(r"/(?:dev|proc/[^/]+)/fd/\d+")


def _pipe_name(path: str, paths: Iterable[str]) -> str:
    """The name a piped input is read (and its queue named) by: "stdin" for "-", "input" for
    a `<(...)` (numbered when there are several), which read "63: 1,720 rows read" and made a
    queue named 63; any other pipe by its own name."""
    if path == STDIN:
        return "stdin"
    if not _DESCRIPTOR.fullmatch(path):
        return Path(path).name
    substituted = list(dict.fromkeys(given for given in paths if _DESCRIPTOR.fullmatch(given)))
    return "input" if len(substituted) == 1 else f"input {substituted.index(path) + 1}"


def check_input_file(path: Path, what: str) -> None:
    """Refuse a folder or a missing file given where `what` (a CSV file) is expected."""
    if str(path) == STDIN:
        return
    if path.is_dir():
        raise InputError(f"{path} is a folder: give the {what} CSV file")
    if not path.exists():
        raise InputError(path_as_typed_fault(str(path)) or f"{path}: file not found")


def read_text_table(
    path: Path, separator: str, encoding: str, skip: int, name: str = "", **options: object
) -> pd.DataFrame:
    """A CSV table the CLI reads back (a forecast, a plan) with every cell as text; a file the
    parser cannot read is one line naming it (`name`, else its path)."""
    try:
        with warnings.catch_warnings():  # trailing separators: their empty fields are dropped
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            table = pd.read_csv(
                path, sep=separator, dtype=str, encoding=encoding, skiprows=skip,
                skipinitialspace=True, index_col=False, **options,
            )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split())  # one line, whatever the parser wrote
        raise InputError(f"{name or path}: not a readable CSV table ({reason})") from error
    # A spreadsheet saves rows it once touched below the table as bare separators (";;;;"):
    # empty rows at the end are no intervals. Inside the table they stay, refused by row number.
    cells = table.fillna("").astype(str)
    filled = cells.apply(lambda column: column.str.strip() != "").any(axis=1).to_numpy()
    last = int(filled.nonzero()[0][-1]) + 1 if filled.any() else 0
    return table.iloc[:last]


def known_column_names(columns: pd.Index, known: Iterable[str]) -> dict[str, str]:
    """Header -> the known name, for headers naming a known column in another case, with
    spaces around or words apart ("Volume ", "AHT_seconds", "Interval Start" as a spreadsheet
    retitles it); left alone when two headers would collide."""
    keys = {str(name): _column_key(name) for name in columns}
    renamed = {}
    for name in known:
        matching = [header for header, key in keys.items() if key == name]
        if len(matching) == 1 and matching[0] != name and name not in keys:
            renamed[matching[0]] = name
    return renamed


def _column_key(header: object) -> str:
    """A header as a column name: "Interval Start", "interval-start" -> "interval_start"."""
    return "_".join(re.split(r"[\s_-]+", str(header).strip().casefold()))
