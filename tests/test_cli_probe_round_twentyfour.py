"""Round twenty-four of probing the CLI as a planner scripting it would: a forecast that leaves
out the hours one weekday alone is closed (the Israeli bank's Saturday night pause) read by
`staff` beside the other days that list them, a forecast from a history ending mid-day, its
last day reached part-way, the options' help without a default and README's table beside
`--help`, two files of one name in two folders, a plan's volume change on part of its days or
past them, a --subdivision of another country than --country's, a backtest of a model given,
the hourly costs a plan is costed at, the chat handle-time note naming the app's setting, and
the origins a backtest scored."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from cli_support import write_two_day_forecast

import cli
from cli_commands.backtest import _auto_line as auto_line
from cli_commands.notes import closed_days_note, midday_start_note
from cli_commands.options import forecast_settings
from data.errors import InputError
from data.schema import INTERVAL_START, IS_OPEN, QUEUE
from planning import Scenario

ROOT = Path(__file__).resolve().parent.parent
BANK_COUNTS = ROOT.parent / "shared/data/anonymous_bank/anonymous_bank_1999_6min_counts.csv"
TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


# 1. `staff` on a two-day (or a week's) forecast of the bank read 'note: 46 intervals missing
# between Sat 1 Jan 2000 02:42 and 07:12 ..., inside the hours listed that day, are staffed as
# nobody; if the desk is open then, put them back with their forecast': the forecast leaves out
# the bank's Saturday night pause, which its history shows closed, while Sunday lists those
# hours, open and quiet; a one-day forecast of that Saturday read the same. A gap whose times
# the other days forecast as quiet hours, or that lies between quiet intervals of a day listed
# alone, is that day's closing; rows deleted from busy hours are still named.


def _bank_days(tmp_path: Path, deleted: tuple[str, str], days: tuple[str, str]) -> Path:
    """The bank's 6-minute counts of `days` (first, last) as a forecast file, the counts as its
    volume, without the `deleted` span, at the answered calls' mean of 176 s."""
    counts = pd.read_csv(BANK_COUNTS, parse_dates=["interval_start"])
    kept = counts[counts["interval_start"].between(days[0], f"{days[1]} 23:54")]
    kept = kept[~kept["interval_start"].between(*deleted)]
    path = tmp_path / "forecast.csv"
    kept.rename(columns={"calls": "volume"}).assign(aht_seconds=176).to_csv(path, index=False)
    return path


WEEKEND = ("1999-12-25", "1999-12-26")  # Sat 25 and Sun 26 Dec 1999


def _missing_notes(capsys, forecast: Path, tmp_path: Path) -> list[str]:
    assert cli.main(["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), *TARGETS]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if "missing" in line]


def test_a_closing_of_one_weekday_in_the_others_quiet_hours_is_not_missing(capsys, tmp_path):
    # Sat 25 Dec 1999 took no call 02:42-07:12 (the pause); Sun 26 Dec took 15 there, 0.33 a
    # slot against 7.61 over the day (1,827 calls in 240 slots): 4% of its mean.
    counts = pd.read_csv(BANK_COUNTS, parse_dates=["interval_start"])
    calls = counts.set_index("interval_start")["calls"]
    assert calls["1999-12-25 02:42":"1999-12-25 07:12"].sum() == 0
    assert calls["1999-12-26 02:42":"1999-12-26 07:12"].sum() == 15
    assert calls["1999-12-26"].sum() == 1827
    pause = ("1999-12-25 02:42", "1999-12-25 07:12")
    assert _missing_notes(capsys, _bank_days(tmp_path, pause, WEEKEND), tmp_path) == []
    # Saturday alone, a one-day forecast: the pause lies between quiet slots, 02:36 and 07:18
    # took no call (the day took 221 in its 194 slots listed)
    assert calls[["1999-12-25 02:36", "1999-12-25 07:18"]].sum() == 0
    saturday = _bank_days(tmp_path, pause, (WEEKEND[0], WEEKEND[0]))
    assert _missing_notes(capsys, saturday, tmp_path) == []


def test_rows_deleted_from_busy_hours_are_still_named(capsys, tmp_path):
    # Saturday's 12:00-12:54 deleted, hours Sunday took 110 calls in (11 a slot against its
    # 7.61): rows gone, not a closing.
    lunch = ("1999-12-25 12:00", "1999-12-25 12:54")
    forecast = _bank_days(tmp_path, lunch, WEEKEND)
    assert _missing_notes(capsys, forecast, tmp_path) == [
        f"note: {forecast}: 10 intervals missing between Sat 25 Dec 1999 12:00 and 12:54, inside "
        "the hours listed that day, are staffed as nobody; if the desk is open then, put them "
        "back with their forecast"
    ]
    # Sunday alone without its 12:00-12:54: 11:54 and 13:00 took 21 and 11 calls
    sunday = _bank_days(tmp_path, ("1999-12-26 12:00", "1999-12-26 12:54"), (WEEKEND[1],) * 2)
    assert _missing_notes(capsys, sunday, tmp_path) == [
        f"note: {sunday}: 10 intervals missing between Sun 26 Dec 1999 12:00 and 12:54, inside "
        "the hours listed that day, are staffed as nobody; if the desk is open then, put them "
        "back with their forecast"
    ]


# 2. `forecast --horizon-days 14` from a history ending Wed 18 Nov 2026 05:45 forecasts 14 days
# of 24 hours, Wed 06:00 to Wed 2 Dec 06:00, as `staff` and `plan` count them ('over 14 days'),
# but its notes named Wed 2 Dec 'closed all day', the desk closed only in the six hours of it
# the horizon reaches, and said where the forecast starts and not where it ends.


def _desk_from_wednesday_six() -> pd.DataFrame:
    """14 days of quarter hours from Wed 18 Nov 2026 06:00, as forecast_dataset lays them out,
    open Mon-Sat 08:00-20:00 (the sample's phone queue)."""
    starts = pd.date_range("2026-11-18 06:00", periods=14 * 96, freq="15min")
    is_open = (starts.day_of_week < 6) & (starts.hour >= 8) & (starts.hour < 20)
    return pd.DataFrame({INTERVAL_START: starts, QUEUE: "phone", IS_OPEN: is_open})


def test_a_last_day_the_horizon_reaches_only_before_opening_is_not_closed_all_day():
    assert closed_days_note(_desk_from_wednesday_six(), "f.csv") == (
        "closed all day, so no row in f.csv: Sun 22 Nov 2026, Sun 29 Nov 2026"
    )


def test_a_forecast_from_mid_day_says_where_it_ends_and_how_to_get_whole_days():
    assert midday_start_note(_desk_from_wednesday_six()) == (
        "the history ends part-way through Wed 18 Nov 2026: the forecast starts at 06:00, right "
        "after the last interval with data, covers the rest of that day (its open intervals after "
        "the last with data) and runs 14 days of 24 hours, to Wed 2 Dec 2026 06:00; for "
        "14 whole days, Wed 18 Nov – Tue 1 Dec 2026, give --origin 2026-11-18."
    )
    one_day = _desk_from_wednesday_six().iloc[:96]
    assert midday_start_note(one_day).endswith(
        "runs 1 day of 24 hours, to Thu 19 Nov 2026 06:00; for 1 whole day, Wed 18 Nov 2026, "
        "give --origin 2026-11-18."
    )


# 3. `--help` left two forecast options without their default or the form of their value:
# '--origin ORIGIN  forecast from this date/time, using only the history before it' (from
# when, by default? written how?), which in `backtest` cuts the history the weekly origins are
# chosen in, and '--subdivision  region/province code for regional holidays' (none by default).
# README's table gave `cli.py staff FORECAST.csv --aht-seconds S ... --out P.csv`, where staff
# requires --service-level and --answer-within-seconds, not --aht-seconds.

# Commands whose options are checked here; shifts' --cover-out and --rotation are its own.
HELPED_COMMANDS = ("inspect", "forecast", "backtest", "staff", "plan")


def _parsers() -> dict[str, argparse.ArgumentParser]:
    return cli._commands(cli.build_parser())


def test_every_optional_option_names_its_default_in_its_help():
    undefaulted = []
    for name in HELPED_COMMANDS:
        parser = _parsers()[name]
        for group in parser._action_groups:
            if "detected when not given" in (group.title or ""):
                continue  # the import's: its group says they are detected
            for action in group._group_actions:
                if (
                    action.required
                    or action.dest in ("help", "version")
                    or not action.option_strings
                ):
                    continue
                if "default" not in (action.help or ""):
                    undefaulted.append(f"{name} {action.option_strings[-1]}")
    assert undefaulted == []


def test_the_origin_help_says_how_to_write_it_and_what_backtest_does_with_it():
    forecast = " ".join(_parsers()["forecast"].format_help().split())
    assert "e.g. 2024-03-04" in forecast and "default: right after the" in forecast
    backtest = " ".join(_parsers()["backtest"].format_help().split())
    assert "--origin ORIGIN backtest only the history before this date" in backtest


def test_inspect_help_says_a_file_may_hold_several_queues():
    # It read "Read one or more exports (one queue per file)", where a queue column splits one
    # file into its queues, as test_cli_inspect's file of queues 'a' and 'b' is read.
    described = " ".join(_parsers()["inspect"].description.split())
    assert described == (
        "Read one or more exports and print a JSON summary: the queues a file's queue column "
        "names, or, without one, one queue named after the file."
    )


def test_the_readme_table_gives_each_command_with_the_options_it_requires():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^\| `cli\.py (\w+) ([^`]*)` \|", readme, flags=re.MULTILINE)
    assert [command for command, _ in lines] == list(_parsers())
    for command, usage in lines:
        required = {
            action.option_strings[-1]
            for action in _parsers()[command]._actions
            if action.required and action.option_strings
        }
        assert set(re.findall(r"--[\w-]+", usage)) == required, command


# 4. Two sites' exports under one name in two folders, `inspect site_a/calls.csv
# site_b/calls.csv` (forecast, backtest and plan alike), read 'calls.csv: 20 rows read ...'
# twice and '20 interval row(s) appear in more than one file for the same queue; the later
# file's counts were kept instead of adding them up (calls.csv by calls.csv)': which site's
# counts were kept could not be told.


def test_files_of_one_name_in_two_folders_are_named_by_their_folders(capsys, tmp_path):
    starts = pd.date_range("2024-03-04 08:00", periods=20, freq="30min")
    files = []
    for site, calls in (("site_a", 40), ("site_b", 25)):
        (tmp_path / site).mkdir()
        path = tmp_path / site / "calls.csv"
        pd.DataFrame({"interval_start": starts, "calls": calls}).to_csv(path, index=False)
        files.append(str(path))
    assert cli.main(["inspect", *files]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert [file["name"] for file in summary["files"]] == ["site_a/calls.csv", "site_b/calls.csv"]
    assert summary["queues"] == ["calls"] and summary["contacts"] == 20 * 25
    assert (
        "20 interval row(s) appear in more than one file for the same queue; the later file's "
        "counts were kept instead of adding them up (site_a/calls.csv by site_b/calls.csv)."
    ) in summary["notes"]


def test_a_file_is_named_by_as_many_folders_as_tell_it_apart():
    # Imported here, so that the module's other tests run where it is missing.
    from cli_commands.options import file_names

    assert file_names(["a/x/phone.csv", "b/x/phone.csv", "phone.csv", "chat.csv"]) == [
        "a/x/phone.csv",
        "b/x/phone.csv",
        "phone.csv",
        "chat.csv",
    ]
    assert file_names(["/data/2024/calls.csv", "/data/2025/calls.csv"]) == [
        "2024/calls.csv",
        "2025/calls.csv",
    ]


# 5. `plan --volume-change-pct 30 --change-from 2026-11-23 --change-to 2026-11-29` over 14 days
# said nothing of the change holding one week of two, where the Scenarios page says its FTE,
# cost and service level are averages over every day ("changes 7 of the forecast's 14 days");
# a --change-to past the horizon (31 Dec on a plan ending 2 Dec) changed the days up to its
# end with no word.


def test_a_change_on_part_of_the_plan_says_the_summary_dilutes_it():
    # Imported here, so that the module's other tests run where it is missing.
    from cli_commands.plan import change_period_notes

    scenario = Scenario(
        "plan", volume_change_pct=30, change_from="2026-11-23", change_to="2026-11-29"
    )
    assert change_period_notes(scenario, _desk_from_wednesday_six(), 14.0) == [
        "--volume-change-pct 30 changes 7 of the plan's 14 days (Mon 23 Nov – Sun 29 Nov 2026): "
        "the FTE, cost and service level above are over all 14 days, the unchanged days with "
        "them, so they read the change diluted; the rows of those days give it alone"
    ]
    # the whole horizon changed, or no period: nothing to say
    whole = Scenario("plan", volume_change_pct=30, change_from="2026-11-18")
    assert change_period_notes(whole, _desk_from_wednesday_six(), 14.0) == []


def test_a_change_running_past_the_plan_is_said_and_counted_in_days_of_24_hours():
    from cli_commands.plan import change_period_notes

    scenario = Scenario(
        "plan", volume_change_pct=30, aht_change_pct=-10, change_from="2026-11-23",
        change_to="2026-12-31",
    )  # fmt: skip
    assert change_period_notes(scenario, _desk_from_wednesday_six(), 14.0) == [
        # 23 Nov 00:00 to 2 Dec 06:00, where the horizon ends: 9.25 days of 24 hours
        "--volume-change-pct 30 and --aht-change-pct -10 change 9.2 of the plan's 14 days (Mon "
        "23 Nov 00:00 – Wed 2 Dec 2026 06:00): the FTE, cost and service level above are over "
        "all 14 days, the unchanged days with them, so they read the change diluted; the rows "
        "of those days give it alone",
        "--change-to Thu 31 Dec 2026 runs past the plan's last day, Wed 2 Dec 2026: "
        "--volume-change-pct 30 and --aht-change-pct -10 change only the days up to it; give a "
        "longer --horizon-days to plan the whole change",
    ]


# 6. `forecast ... --subdivision BY`, Bavaria's holidays asked without its --country, was refused
# as "Unknown holiday region 'BY' of IT: use one the `holidays` package knows (AG, AL, AN, ...)",
# the 107 provinces of the default country, with no word of the country BY belongs to.


def _settings(*argv: str):
    args = cli.build_parser().parse_args(
        ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", *argv]
    )
    return forecast_settings(args)


def test_a_region_of_another_country_names_the_country_it_belongs_to():
    with pytest.raises(InputError) as refused:
        _settings("--subdivision", "BY")
    assert str(refused.value) == (
        "--subdivision BY is not a region of --country IT (the default): it is a region of DE; "
        "give --country DE --subdivision BY"
    )
    with pytest.raises(InputError, match="^--subdivision eng is not a region of --country FR: it "
                       "is a region of GB; give --country GB --subdivision ENG$"):  # fmt: skip
        _settings("--country", "FR", "--subdivision", "eng")
    # a region of no country, one of several (01: FI, MY, PT and ST), and one of the country
    # given, as before
    with pytest.raises(InputError, match="^Unknown holiday region '01' of FR: "):
        _settings("--country", "FR", "--subdivision", "01")
    with pytest.raises(InputError, match="^Unknown holiday region 'ZZ' of DE: "):
        _settings("--country", "DE", "--subdivision", "ZZ")
    assert _settings("--country", "DE", "--subdivision", "BY").subdivision == "BY"


# 7. `backtest --model weekday_factor` on the bank's 1999 counts (2 origins of 7 days) printed
# 'auto interval WAPE 0.311, daily 0.121, P10–P90 coverage 0.849 (weekday_factor x2)', as if auto
# had picked the model the planner imposed.


def test_a_backtest_of_a_model_given_names_it_not_auto():
    row = pd.Series(
        {QUEUE: "bank", "wape_interval": 0.3107, "wape_daily": 0.1214, "mase": 0.8,
         "n_origins": 2, "coverage_80": 0.849, "chosen": "weekday_factor x2"}
    )  # fmt: skip
    assert auto_line(row, 7, "weekday_factor") == (
        "bank: --model weekday_factor interval WAPE 0.311, daily 0.121, P10–P90 coverage 0.849"
    )
    assert auto_line(row, 7, "auto") == (
        "bank: auto interval WAPE 0.311, daily 0.121, P10–P90 coverage 0.849 (weekday_factor x2)"
    )


# 8. `plan ... --agent-hourly-cost "18,50 €"` printed 'cost EUR ... over 1 day, service level
# ...' without the rates it was costed at, where `staff` prints '(EUR 22/h agent, 30/h
# supervisor)': whether the typed cost was read as meant could not be seen.


def test_plan_prints_the_hourly_costs_it_costed_at(capsys, tmp_path):
    # Four weeks of 40 calls of 240 s a half hour, 08:00-18:00.
    starts = pd.date_range("2024-02-05", periods=28 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    history = tmp_path / "history.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40, "aht_seconds": 240}).to_csv(
        history, index=False
    )
    out = tmp_path / "plan.csv"
    argv = ["plan", str(history), "--horizon-days", "1", "--country", "none",
            "--agent-hourly-cost", "18,50 €", "--out", str(out)]  # fmt: skip
    assert cli.main(argv) == 0
    summary = capsys.readouterr().out.splitlines()[0]
    plan = pd.read_csv(out)
    # the file's cost: the rostered people at 18.50 and the supervisors at 30, for half an hour
    cost = ((plan["rostered"] * 18.5 + plan["supervisors"] * 30) * 0.5).sum()
    assert len(plan) == 20 and plan["cost"].sum() == pytest.approx(cost)
    assert f"cost € {cost:,.0f} over 1 day (€ 18.50/h agent, € 30/h supervisor), " in summary


# 9. `staff` and `plan` of a chat queue whose handle times come from the data ended their note
# 'if they were measured while agents juggled chats, ..., they hold that stretch already: set
# the chat handle-time growth to 0', the app's setting, where the CLI's is --chat-handle-growth.


def test_the_chat_handle_time_note_names_the_option_that_sets_the_growth(capsys, tmp_path):
    forecast = write_two_day_forecast(tmp_path)  # 40 contacts of 240 s a half hour
    argv = ["staff", str(forecast), "--channel", "chat", "--out", str(tmp_path / "plan.csv"),
            *TARGETS]  # fmt: skip
    assert cli.main(argv) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "juggled" in line]
    # 2 chats at once, 25% longer per extra chat: 240 s x 1.25 = 300 s
    assert notes == [
        f"note: the chat handle times come from {forecast}'s aht_seconds and are stretched by "
        "the handle-time growth of 25% per extra chat at 2 chats at once ('all' 240 s to "
        "300 s); if they were measured while agents juggled chats, as chat exports usually are, "
        "they hold that stretch already: give --chat-handle-growth 0"
    ]


# 10. `backtest` printed its figures without the weeks they came from: AXA's Téléphonie before
# --origin 2012-06-15, 3 origins of 7 days, read 'auto interval WAPE 0.170, daily 0.099, 80%
# coverage 81.7% (combination_glm x2, smoothed_profile x1)', the weeks scored (origins Fri 25
# May, 1 Jun and 8 Jun 2012, the last whose 7 days had passed) left to guess.


def test_the_backtest_line_names_the_origins_scored():
    from cli_commands.backtest import _scored_text as scored_text

    weekly = list(pd.date_range("2012-05-25", periods=3, freq="7D"))
    assert scored_text(weekly) == "3 weekly origins, Fri 25 May – Fri 8 Jun 2012"
    assert scored_text([pd.Timestamp("2012-06-14")]) == "origin Thu 14 Jun 2012"


def test_a_backtest_of_seven_weeks_scores_its_last_week(capsys, tmp_path):
    # Seven weeks of 40 calls a half hour, Mon 5 Feb - Sun 24 Mar 2024: the one origin scored
    # is the last whose 7 days had passed, Mon 18 Mar (18-24 Mar).
    starts = pd.date_range("2024-02-05", periods=49 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    history = tmp_path / "desk.csv"
    pd.DataFrame({"interval_start": starts, "volume": 40}).to_csv(history, index=False)
    argv = ["backtest", str(history), "--origins", "1", "--horizon-days", "7", "--country",
            "none", "--out", str(tmp_path / "m.csv")]  # fmt: skip
    assert cli.main(argv) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("desk: auto interval WAPE 0.000") and line.endswith(
        "; origin Mon 18 Mar 2024"
    )


def test_a_forecast_after_an_export_ending_at_the_next_days_midnight_says_what_it_covers(
    tmp_path, capsys
):
    # Two weeks round the clock, Mon 2 - Sun 15 Nov 2026, then the closing row Mon 16 Nov 00:00:
    # the import no longer lists that day's other 47 half hours as without data, so the note
    # read '(the open intervals the import found without data)' of intervals it had not listed.
    starts = pd.date_range("2026-11-02", "2026-11-16 00:00", freq="30min")
    export = tmp_path / "desk.csv"
    pd.DataFrame({"interval_start": starts, "calls": 10}).to_csv(export, index=False)
    out = tmp_path / "forecast.csv"
    assert cli.main(["forecast", str(export), "--horizon-days", "1", "--out", str(out)]) == 0
    assert (
        "note: the history ends part-way through Mon 16 Nov 2026: the forecast starts at 00:30, "
        "right after the last interval with data, covers the rest of that day (its open intervals "
        "after the last with data) and runs 1 day of 24 hours, to Tue 17 Nov 2026 00:30; for 1 "
        "whole day, Mon 16 Nov 2026, give --origin 2026-11-16."
    ) in capsys.readouterr().out.splitlines()
