"""Round twenty-three of probing the CLI as a planner scripting it would: a change's day written
day first with a time after it, or with a time of day the change would not use, a two-digit
year read every way a manager may mean it, a --change-to naming a month alone, a foreign month
without a day, an --origin with a time zone, the holiday calendar hint naming the country in
words, a country written by a name the calendars lack, an --out that fails while it is written
or cannot be written at all, a service-level target given as an option of its own, a chat or
e-mail option no queue uses, a quantile written as a percentile, a model written with hyphens
or by its shown name, a backtest without contacts, and a time in minutes and seconds."""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cli_support import one_line_refusal, write_two_day_forecast

import cli
from cli_commands.backtest import _auto_line as auto_line
from cli_commands.notes import forecast_note_lines
from cli_commands.options import day_first_date, forecast_settings, seconds, write_csv
from data.errors import InputError
from data.schema import QUEUE
from forecasting.country import CountryMatch, CountrySuggestion

# 1. `plan --change-from "13.02.24 08:00"`, a day-first date with a time after it, slipped past
# the day-first checks (they took a date alone) to pandas, which read it as Tue 13 Feb 2024 with
# no word, where "13.02.24" alone is refused as 13 Feb 2024 or 24 Feb 2013; "03/02/2026 08:00"
# was read month first, Mon 2 Mar 2026, where "03/02/2026" is refused as 3 Feb or 2 Mar.


def test_a_day_first_change_date_with_a_time_is_refused_as_the_date_alone_is():
    with pytest.raises(InputError) as refused:
        day_first_date("13.02.24 08:00", "--change-from")
    assert str(refused.value) == (
        "--change-from '13.02.24 08:00' could be day/month/year, Tue 13 Feb 2024, or "
        "year/month/day, Sun 24 Feb 2013: write the year in four digits, 2024-02-13 or 2013-02-24"
    )
    with pytest.raises(InputError, match="could be day/month or month/day"):
        day_first_date("03/02/2026 08:00", "--change-from")


def test_a_day_first_change_date_with_a_time_that_reads_one_way_is_read_with_its_note():
    assert day_first_date("17/02/2026 00:00", "--change-from") == (
        "2026-02-17",
        "--change-from 17/02/2026 00:00 is read as day/month, Tue 17 Feb 2026 (17 cannot be a "
        "month); write it year-month-day (2026-02-17) to leave no doubt",
    )


# 2. `--change-from 03/02/26` was refused naming two readings, 3 Feb 2026 and 2 Mar 2026, though
# with its year first (yy/mm/dd, as the bank's own dates 990201 and Swedish or Korean dates
# write it) it is 26 Feb 2003 too, which "26-02-03" is refused as. And a two-digit year was put
# in 2000-2099 where pandas reads the nearest century: "15/02/99" planned Sun 15 Feb 2099.


@pytest.mark.parametrize("option", ["--change-from", "--origin"])
def test_a_two_digit_year_date_names_all_three_days_it_may_be(capsys, option):
    typed = "03/02/26"
    said = (
        f"'{typed}' could be day/month/year, Tue 3 Feb 2026, month/day/year, Mon 2 Mar 2026, or "
        "year/month/day, Wed 26 Feb 2003: write the date year first, 2026-02-03, 2026-03-02 or "
        "2003-02-26"
    )
    if option == "--change-from":
        with pytest.raises(InputError) as refused:
            day_first_date(typed, option)
        assert str(refused.value) == f"--change-from {said}"
    else:
        argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", typed]
        assert one_line_refusal(capsys, *argv) == (
            f"error: cli.py forecast: argument --origin: {said}\n"
        )


def test_a_two_digit_year_with_a_time_names_its_three_readings_too():
    with pytest.raises(InputError) as refused:
        day_first_date("04.02.24 08:00", "--change-to")
    assert "Sun 4 Feb 2024, month/day/year, Tue 2 Apr 2024, or year/month/day, Tue 24 Feb 2004" in (
        str(refused.value)
    )


def test_a_two_digit_year_is_read_in_the_century_pandas_reads_it_in():
    # dateutil (which pandas' parser follows): the century within 50 years of today.
    assert day_first_date("15/02/99", "--change-from")[0] == "1999-02-15"
    assert day_first_date("25/02/31", "--change-to")[0] == "2031-02-25"
    with pytest.raises(InputError, match=r"1999-02-03 \(day 3, month 2\) or 1999-03-02"):
        day_first_date("03/02/99", "--change-from")


# 3. The holiday calendar hint named countries by code alone, "match IL's public holidays (...,
# against 0 of 9 for FR): try --country IL", where the app's Forecast page names them in words;
# a manager may not know IL from IS or IT. The `holidays` package names each country.


def test_the_holiday_calendar_hint_names_each_country_in_words_and_code():
    suggestion = CountrySuggestion(
        suggested=CountryMatch(country="IL", kept=8, holidays=9),
        current=CountryMatch(country="FR", kept=1, holidays=9),
    )
    assert forecast_note_lines([], suggestion)[0] == (
        "hint: the history's quiet days match the public holidays of Israel (IL): 8 of 9 on busy "
        "weekdays were quiet, against 1 of 9 for France (FR); try --country IL"
    )
    alone = CountrySuggestion(
        suggested=CountryMatch(country="GB", kept=5, holidays=6), current=None
    )
    assert forecast_note_lines([], alone)[0].startswith(
        "hint: the history's quiet days match the public holidays of United Kingdom (GB): 5 of 6"
    )


# 4. An --out the folder checks pass (it exists, is a folder, may be written) but whose write
# fails midway, on a full disk or at Ctrl-C, left the table half-written over the previous one:
# 'plan.csv' cut after its header, last week's plan gone, with only "cannot write it" said.


def _failing_write(reason: BaseException):
    def to_csv(self, file, **_):
        file.write("interval_start,queue,volume\n2024-03-04 08:00,")
        raise reason

    return to_csv


@pytest.mark.parametrize(
    "reason", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()]
)
def test_an_out_whose_write_fails_keeps_the_previous_file_whole(tmp_path, monkeypatch, reason):
    out = tmp_path / "plan.csv"
    out.write_text("last week's plan\n")
    monkeypatch.setattr(pd.DataFrame, "to_csv", _failing_write(reason))
    with pytest.raises(InputError if isinstance(reason, OSError) else KeyboardInterrupt) as failed:
        write_csv(pd.DataFrame({"a": [1]}), str(out))
    if isinstance(reason, OSError):
        assert str(failed.value) == f"--out {out}: cannot write it (No space left on device)."
    assert out.read_text() == "last week's plan\n"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.csv"]


def test_an_out_through_a_link_or_to_a_device_is_written_there(tmp_path):
    kept = tmp_path / "kept.csv"
    kept.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(kept)
    write_csv(pd.DataFrame({"a": [1, 2]}), str(link))
    assert link.is_symlink()
    assert kept.read_text() == "a\n1\n2\n"
    write_csv(pd.DataFrame({"a": [1]}), os.devnull)
    assert Path(os.devnull).is_char_device()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.csv", "latest.csv"]


# 5. A target written whole, "80/20" or "80% in 20s", is refused by --service-level naming the
# two options it stands for; given as an option of its own, `staff f.csv --target 80/20` read
# "the following arguments are required: --service-level, --answer-within-seconds", the option
# typed unnamed (argparse says what is missing before what is unknown), and `plan ... --target
# 80/20` "plan has no --target" alone. A misspelt --servicelevel was hidden likewise.

TARGET_AS_OPTIONS = (
    "a target of 80% answered within 20 s is two options: give --service-level 0.8 "
    "--answer-within-seconds 20"
)


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("staff", ["--target", "80/20"]),
        ("staff", ["--target", "80% in 20s"]),
        ("staff", ["--sla=0.8/20"]),
        ("plan", ["--target", "80/20"]),
    ],
)
def test_a_target_given_as_an_option_of_its_own_names_the_two_options(capsys, command, target):
    argv = [command, "f.csv", "--out", "p.csv", *target]
    argv += ["--horizon-days", "7"] if command == "plan" else []
    name = target[0].split("=")[0]
    assert one_line_refusal(capsys, *argv) == (
        f"error: cli.py {command}: unrecognized arguments: {' '.join(target)} ({command} has no "
        f"{name}: {TARGET_AS_OPTIONS}); see cli.py {command} --help\n"
    )


def test_a_misspelt_option_is_named_before_the_options_missing(capsys):
    argv = ["staff", "f.csv", "--out", "p.csv", "--servicelevel", "0.8"]
    assert one_line_refusal(capsys, *argv, "--answer-within-seconds", "20") == (
        "error: cli.py staff: unrecognized arguments: --servicelevel 0.8 (--servicelevel: perhaps "
        "--service-level); see cli.py staff --help\n"
    )


# 6. A change's day given with a time of day, `--change-from "2026-02-17 14:00"` as a campaign
# starting after lunch, was taken as the whole day with no word: the morning was raised too.
# The changes apply to whole days (planning.Scenario keeps the date alone).

WHOLE_DAYS = (
    "the volume and AHT changes apply to whole days, from the start of --change-from's day to the "
    "end of --change-to's"
)


@pytest.mark.parametrize(
    ("typed", "option"),
    [("2026-02-17 14:00", "--change-from"), ("17/02/2026 14:00", "--change-to")],
)
def test_a_change_day_with_a_time_of_day_is_refused_naming_the_day(typed, option):
    with pytest.raises(InputError) as refused:
        day_first_date(typed, option)
    assert str(refused.value) == (
        f"{option} '{typed}': {WHOLE_DAYS}, so 14:00 would not be used: give the day alone, "
        "2026-02-17."
    )


def test_a_change_to_at_midnight_names_both_days_it_may_end_on():
    with pytest.raises(InputError) as refused:
        day_first_date("2026-02-18 00:00", "--change-to")
    assert str(refused.value) == (
        f"--change-to '2026-02-18 00:00': {WHOLE_DAYS}, so 00:00 could end the change on Tue 17 "
        "Feb 2026 or on Wed 18 Feb 2026: give the last day it applies to alone, 2026-02-17 or "
        "2026-02-18."
    )
    # Midnight is where --change-from's day starts anyway, 23:59 or 24:00 where --change-to's
    # ends: read as the day alone.
    assert day_first_date("2026-02-17 00:00", "--change-from") == ("2026-02-17", None)
    assert day_first_date("2026-02-18 23:59", "--change-to") == ("2026-02-18", None)
    assert day_first_date("18/02/2026 24:00", "--change-to")[0] == "2026-02-18"


# 7. A chat or e-mail knob given where no queue is staffed on that channel, `staff f.csv
# --chat-concurrency 3` for a queue staffed as voice by its name, changed nothing, with no word:
# the planner read the plan as sized for three chats at once.


def test_a_chat_or_email_option_no_queue_uses_is_said_to_be_unused(tmp_path, capsys):
    forecast = write_two_day_forecast(tmp_path)
    argv = ["staff", str(forecast), "--service-level", "0.8", "--answer-within-seconds", "20"]
    argv += ["--out", str(tmp_path / "p.csv"), "--chat-concurrency", "3", "--email-hours", "8-18"]
    assert cli.main(argv) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "is not used" in line]
    assert notes == [
        "note: --chat-concurrency 3 is not used: no queue is staffed as chat (every queue here is "
        "voice); give --channel chat to staff every queue as chat",
        "note: --email-hours 8-18 is not used: no queue is staffed as email (every queue here is "
        "voice); give --channel email to staff every queue as email",
    ]
    # Staffed as chats, the concurrency is used and said nothing of: 4 agents at the peak, each
    # on 3 chats of 360 s (240 s stretched 25% per extra chat), where voice takes 8.
    assert cli.main([*argv, "--channel", "chat"]) == 0
    out = capsys.readouterr().out
    assert "--chat-concurrency 3 is not used" not in out
    assert "peak 4 agents" in out


# 8. A --change-to naming a month or a year without a day, `--change-to "Nov 2026"` (or
# "2026-11", "2026"), was read as its first day, as pandas reads it: a change meant for November
# ended on Sun 1 Nov, with no word. And a time with PM was named by its 12-hour clock: "8:00 PM"
# said "08:00 would not be used".


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Nov 2026", "a month, not a day: the changes would end on its first day, Sun 1 Nov 2026; "
         "give the last day they apply to, e.g. 2026-11-30 for the whole month"),
        ("2026-11", "a month, not a day: the changes would end on its first day, Sun 1 Nov 2026; "
         "give the last day they apply to, e.g. 2026-11-30 for the whole month"),
        ("2026", "a year, not a day: the changes would end on its first day, Thu 1 Jan 2026; give "
         "the last day they apply to, e.g. 2026-12-31 for the whole year"),
    ],
)  # fmt: skip
def test_a_change_to_naming_a_month_or_a_year_is_refused_naming_its_last_day(typed, said):
    with pytest.raises(InputError) as refused:
        day_first_date(typed, "--change-to")
    assert str(refused.value) == f"--change-to '{typed}' names {said}"


def test_a_change_from_naming_a_month_starts_on_its_first_day():
    assert day_first_date("Nov 2026", "--change-from") == ("2026-11-01", None)
    assert day_first_date("2024-02-29", "--change-to") == ("2024-02-29", None)


def test_a_change_day_with_a_pm_time_names_its_24_hour_clock():
    with pytest.raises(InputError, match="so 20:00 would not be used: give the day alone, 2026-11"):
        day_first_date("23/11/2026 8:00 PM", "--change-from")


# 9. A month named in another language without a day, `--origin "novembre 2026"` or
# `--change-from "März 2024"`, lost its month with the weekday the reading strips ("lundi" of
# "lundi 4 mars 2024"), the month's name taken for a weekday's: read as 2026 and 2024 alone,
# 1 January, ten and two months early, with no word.


@pytest.mark.parametrize(
    ("typed", "day"), [("novembre 2026", "2026-11-01"), ("März 2024", "2024-03-01")]
)
def test_a_foreign_month_without_a_day_keeps_its_month(typed, day):
    assert day_first_date(typed, "--change-from") == (day, None)
    argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", typed]
    assert pd.Timestamp(cli.build_parser().parse_args(argv).origin) == pd.Timestamp(day)
    assert day_first_date(f"lundi 4 {typed}", "--change-from")[0] == day[:8] + "04"


# 10. `--quantile 90` (or "90%", "0.9", "median"), as a planner says a percentile, read
# "invalid choice: '90' (choose from 'mean', 'p50', 'p80', 'p90')"; "P90" was read already.


@pytest.mark.parametrize("command", ["staff", "plan"])
@pytest.mark.parametrize(("typed", "read"), [("90", "p90"), ("80%", "p80"), ("0.9", "p90"),
                                             ("median", "p50"), ("P80", "p80")])  # fmt: skip
def test_a_quantile_written_as_a_percentile_is_read(command, typed, read):
    argv = [command, "f.csv", "--out", "p.csv", "--quantile", typed]
    argv += ["--service-level", "0.8", "--answer-within-seconds", "20"]
    argv += ["--horizon-days", "7"] if command == "plan" else []
    assert cli.build_parser().parse_args(argv).quantile == read


def test_a_quantile_the_forecast_has_no_column_for_is_still_refused(capsys):
    argv = ["plan", "f.csv", "--out", "p.csv", "--horizon-days", "7", "--quantile", "95"]
    assert one_line_refusal(capsys, *argv) == (
        "error: cli.py plan: argument --quantile: invalid choice: 'p95' (choose from 'mean', "
        "'p50', 'p80', 'p90')\n"
    )


# 11. `--country England` (or Scotland, "Great Britain", "Czech Republic", Greece's EU code EL),
# as a planner writes the country, read "Unknown holiday country 'ENGLAND': use an ISO code
# such as IT, FR, DE, GB, or none", though the calendars know it, under another name.


@pytest.mark.parametrize(
    ("typed", "calendar"),
    [("England", ("GB", "ENG")), ("scotland", ("GB", "SCT")), ("Great Britain", ("GB", None)),
     ("Czech Republic", ("CZ", None)), ("EL", ("GR", None))],
)  # fmt: skip
def test_a_country_written_by_another_name_reads_its_calendar(typed, calendar):
    argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--country", typed]
    settings = forecast_settings(cli.build_parser().parse_args(argv))
    assert (settings.country, settings.subdivision) == calendar


# 12. `backtest` of a queue without a contact yet, AXA's Gestion before March 2011, printed
# "no contacts arrived in its 3 scored 7-day backtests, so WAPE is undefined; MASE nan": the
# history divides MASE by its own error of copying the week before, 0 when every week is the
# same (Hyndman & Koehler 2006), and "nan" reads as a fault.


def test_a_backtest_without_contacts_says_why_mase_is_undefined():
    row = pd.Series(
        {QUEUE: "Gestion", "wape_interval": np.nan, "mase": np.nan, "n_origins": 3,
         "coverage_80": 1.0, "chosen": "seasonal_naive x3"}
    )  # fmt: skip
    assert auto_line(row, 7) == (
        "Gestion: no contacts arrived in its 3 scored 7-day backtests, so WAPE is undefined; "
        "MASE undefined too (its history was the same every week, so copying the week before "
        "made no error to compare with), P10–P90 coverage 1.000 (seasonal_naive x3)"
    )
    row["mase"] = 0.5  # a history with contacts, then backtest weeks without any
    assert "undefined; MASE 0.50, P10–P90 coverage" in auto_line(row, 7)


# 13. `--aht-seconds 4:00` read "give 240 for 4 min 0 s", and `--answer-within-seconds 0:20`
# "give 20 for 0 min 20 s": a zero part said aloud.


@pytest.mark.parametrize(
    ("typed", "said"),
    [("4:00", "240 for 4 min"), ("0:20", "20 for 20 s"), ("4:30", "270 for 4 min 30 s")],
)
def test_a_time_in_minutes_and_seconds_names_its_parts_that_are_not_zero(typed, said):
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        seconds(typed)
    assert str(refused.value) == (
        f"invalid float value: '{typed}': the option is in seconds; give {said}"
    )


# 14. `forecast --out` and `backtest --out` in a folder that does not exist, at a folder, and
# where writing is not allowed are refused in one line, exit 2, before the history is read and
# without a file left: checked here, no change (the permission is mocked: tests may run as root).


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err


@pytest.mark.parametrize("command", ["forecast", "backtest"])
def test_an_out_that_cannot_be_written_is_one_line_before_any_work(
    tmp_path, monkeypatch, capsys, command
):
    history = write_two_day_forecast(tmp_path)
    argv = [command, str(history), "--horizon-days", "7", "--out"]
    assert _refused(capsys, *argv, str(tmp_path / "no" / "f.csv")) == (
        f"error: --out {tmp_path / 'no' / 'f.csv'}: {tmp_path / 'no'} does not exist; create it "
        "or write elsewhere.\n"
    )
    assert _refused(capsys, *argv, str(tmp_path)) == (
        f"error: --out {tmp_path} is a folder: give a file name, e.g. {tmp_path / 'out.csv'}.\n"
    )
    monkeypatch.setattr(os, "access", lambda *_: False)
    assert _refused(capsys, *argv, str(tmp_path / "f.csv")) == (
        f"error: --out {tmp_path / 'f.csv'}: no permission to write there; write elsewhere.\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["forecast.csv"]


# 15. `--origin 2026-11-23T08:00+01:00`, as an ISO timestamp from another system carries its
# offset, read "is not a date/time on the center's clock: write it like 2024-03-04", though it
# is one: nothing said the zone was the fault.


@pytest.mark.parametrize(
    ("typed", "zone"), [("2026-11-23T08:00+01:00", "UTC+01:00"), ("2026-11-23T08:00Z", "UTC+00:00")]
)
def test_an_origin_with_a_time_zone_says_the_zone_is_the_fault(capsys, typed, zone):
    argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", typed]
    assert one_line_refusal(capsys, *argv) == (
        f"error: cli.py forecast: argument --origin: '{typed}' has a time zone ({zone}): --origin "
        "is read on the center's clock, as the history's times are: write it without the zone, "
        "e.g. 2026-11-23 08:00 if that is the center's clock\n"
    )


# 16. `--model combination-glm`, or the model's name as the notes and the app show it
# ("4-week average", in "It is forecast with the model '4-week average' (--model
# historical_average_4w)"), read "invalid choice: 'combination-glm' (choose from ...)".


@pytest.mark.parametrize("command", ["forecast", "backtest", "plan"])
@pytest.mark.parametrize(
    ("typed", "read"),
    [("combination-glm", "combination_glm"), ("4-week average", "historical_average_4w"),
     ("Same day last week", "seasonal_naive"), ("holt winters top down", "holt_winters_top_down")],
)  # fmt: skip
def test_a_model_written_with_hyphens_or_by_its_shown_name_is_read(command, typed, read):
    argv = [command, "h.csv", "--horizon-days", "7", "--out", "f.csv", "--model", typed]
    assert cli.build_parser().parse_args(argv).model == read


def test_a_model_no_name_reads_is_still_refused_with_the_choices(capsys):
    argv = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--model", "glm"]
    assert one_line_refusal(capsys, *argv).startswith(
        "error: cli.py forecast: argument --model: invalid choice: 'glm' (choose from 'auto', "
    )


def test_a_nation_typed_by_name_beside_another_subdivision_is_refused_in_the_words_given(
    tmp_path, capsys
):
    # Before: "--country GB-ENG names the region ENG, ...", a code the manager never typed.
    path = tmp_path / "desk.csv"
    path.write_text("interval_start,volume\n2024-03-04 08:00,5\n2024-03-04 08:30,6\n")
    args = ["forecast", str(path), "--horizon-days", "1", "--country", "England"]
    assert cli.main([*args, "--subdivision", "SCT", "--out", str(tmp_path / "f.csv")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: --country England (GB-ENG) names the region ENG, but --subdivision says SCT: "
        "give one of them, e.g. --country GB --subdivision ENG."
    )
