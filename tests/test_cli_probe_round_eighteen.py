"""Round eighteen of probing the CLI as a planner scripting it would: an empty --out or
--cover-out, a ~ the shell left unexpanded, a fraction of --origins, seconds typed with their
unit or as minutes, the defaults and units of the Erlang A and handle-time options in --help,
the columns of backtest's table and the keys of inspect's JSON explained in their --help, a
change in percent written with its percent sign, a choice typed in capitals, hours written with
their unit or as hours and minutes, a cost written with its currency or a decimal comma, and
e-mail hours written as the Staffing page writes them."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from cli_support import write_two_day_forecast
from staff_support import erlang_c_agents

import cli

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


def _names_explained(text: str) -> set[str]:
    """The words of a help table's name column: a line's first 17 characters, or the whole
    line where a long name has a line of its own."""
    fields = [
        line[:17] if len(line) > 17 and line[16] == " " else line
        for line in re.findall(r"^  (\S.*)$", text, re.MULTILINE)
    ]
    return {name for field in fields for name in re.findall(r"\w+", field)}


def _help(command: str) -> str:
    parser = cli.build_parser()._subparsers._group_actions[0].choices[command]
    return parser.format_help()


@pytest.fixture
def forecast_csv(tmp_path):
    return write_two_day_forecast(tmp_path)


# 1. `--out ""` (an unset shell variable) was refused as "--out  is a folder: give a file name,
# e.g. out.csv", and `shifts --cover-out ""` wrote no cover at all and exited 0.


def test_an_empty_out_or_cover_out_is_refused_as_empty(forecast_csv, tmp_path, capsys):
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", ""]) == 2
    assert capsys.readouterr().err == (
        "error: --out is empty: give a file name, e.g. --out out.csv.\n"
    )
    plan = tmp_path / "plan.csv"
    plan.write_text("interval_start,rostered\n2024-03-04 08:00,2\n2024-03-04 08:30,2\n")
    shifts = ["shifts", str(plan), "--out", str(tmp_path / "s.csv"), "--cover-out", ""]
    assert cli.main(shifts) == 2
    assert capsys.readouterr().err == (
        "error: --cover-out is empty: give a file name, e.g. --cover-out out.csv.\n"
    )
    assert not (tmp_path / "s.csv").exists()


# 2. `--out=~/plan.csv` (bash leaves ~ as it is after "=", and in quotes) read "~ does not
# exist; create it or write elsewhere", as if a folder named ~ were to be made.


def test_a_tilde_the_shell_left_is_named_with_the_folder_meant(
    forecast_csv, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out=~/plan.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: --out ~/plan.csv: the shell did not expand ~ (it does not in quotes or after "
        f"'='): write the folder in full, e.g. --out {tmp_path / 'home' / 'plan.csv'}.\n"
    )


# 3. `backtest --origins 2.5` read only "invalid int value: '2.5'", where the other counts name
# the whole numbers either side and the range.


def test_a_fraction_of_origins_names_the_whole_numbers_either_side(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["backtest", "h.csv", "--origins", "2.5", "--out", "m.csv"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: cli.py backtest: argument --origins: invalid int value: '2.5': give a whole "
        "number of weekly origins, 2 or 3 (1 or more)\n"
    )


# 4. `--answer-within-seconds 20s` read "invalid float value: '20s'", and `--aht-seconds 4:30`,
# an AHT as an ACD report writes it, the same with no word of the 270 s meant.


def test_seconds_read_with_their_unit_and_minutes_are_refused_with_their_seconds(
    forecast_csv, tmp_path, capsys
):
    out = tmp_path / "plan.csv"
    arguments = ["staff", str(forecast_csv), "--service-level", "0.8", "--out", str(out)]
    assert cli.main([*arguments, "--answer-within-seconds", "20s"]) == 0
    # 40 calls of 240 s in 30 minutes are 5.33 Erlangs: 80% in 20 s takes 8 agents.
    assert erlang_c_agents(40 * 240 / 1800, 240, 20, 0.8, 0.85) == 8
    assert set(pd.read_csv(out)["agents"]) == {8}
    capsys.readouterr()
    for given, says in (
        ("4:30", "the option is in seconds; give 270 for 4 min 30 s"),
        ("4m", "the option is in seconds; give 240 for 4 min"),
        ("twenty", "give a number of seconds, e.g. 20"),
    ):
        with pytest.raises(SystemExit) as stop:
            cli.main([*arguments, "--answer-within-seconds", "20", "--aht-seconds", given])
        assert stop.value.code == 2
        assert capsys.readouterr().err == (
            f"error: cli.py staff: argument --aht-seconds: invalid float value: '{given}': {says}\n"
        )


# 5. staff and plan --help gave --patience-seconds and --max-abandon-rate no default, and
# --aht-seconds no unit ("handle time (default: from the data)").


@pytest.mark.parametrize("command", ["staff", "plan"])
def test_the_erlang_a_and_handle_time_options_give_unit_and_default(command):
    text = " ".join(_help(command).split())
    assert "--aht-seconds AHT_SECONDS handle time per contact in seconds, for every queue" in text
    assert "instead of C (default none: Erlang C, no caller hangs up)" in text
    assert "e.g. 0.05 or 5% (needs --patience-seconds; default none)" in text


# 6. backtest --help named no column of the table it writes: noise_floor, mase, pinball,
# wape_interval_d2_7 or chosen were left to guess.


def test_every_column_backtest_writes_is_explained_in_its_help(tmp_path, capsys):
    starts = pd.date_range("2024-01-08 08:00", periods=63 * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 18)]
    history = tmp_path / "h.csv"
    pd.DataFrame({"interval_start": starts, "calls": 30 + starts.hour}).to_csv(history, index=False)
    out = tmp_path / "m.csv"
    arguments = ["backtest", str(history), "--model", "seasonal_naive", "--origins", "1"]
    assert cli.main([*arguments, "--horizon-days", "14", "--out", str(out)]) == 0
    columns = pd.read_csv(out).columns
    assert "wape_daily_d8_14" in columns
    text = _help("backtest").split("METRICS.csv columns", 1)[1]
    named = _names_explained(text)
    for column in columns:
        bucket = re.fullmatch(r"wape_(?:interval|daily)(_d\w+)", column)
        assert column in named or (bucket and bucket[1] in named), column


# 7. inspect --help said "print a JSON summary" and no more: patience_seconds (what to give
# --patience-seconds), answered or mean_handle_seconds were not explained.


def test_every_key_of_inspect_json_is_explained_in_its_help(shared_data, capsys):
    bank = shared_data / "anonymous_bank" / "february_1999.txt"
    assert cli.main(["inspect", str(bank)]) == 0
    summary = json.loads(capsys.readouterr().out)
    # The bank's outcomes as ../shared/README.md counts them: 27,162 AGENT, 5,904 HANG.
    assert (summary["answered"], summary["abandoned"]) == (27162, 5904)
    text = _help("inspect").split("The JSON's keys:", 1)[1]
    named = _names_explained(text)
    assert set(summary) <= named, set(summary) - named


# 8. `plan --volume-change-pct 20%` read "invalid float value: '20%'": an option whose unit is
# already percent refused the percent sign the shares take.


def test_a_change_in_percent_reads_its_percent_sign():
    parser = cli.build_parser()
    plan = ["plan", "h.csv", "--horizon-days", "7", "--out", "p.csv"]
    args = parser.parse_args([*plan, "--volume-change-pct", "20%", "--aht-change-pct", "-10%"])
    assert (args.volume_change_pct, args.aht_change_pct) == (20.0, -10.0)
    args = parser.parse_args([*plan, "--volume-change-pct", "2,5", "--aht-change-pct", "+5"])
    assert (args.volume_change_pct, args.aht_change_pct) == (2.5, 5.0)


def test_a_change_that_is_no_percent_says_what_to_give(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["plan", "h.csv", "--horizon-days", "7", "--volume-change-pct", "lots"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: cli.py plan: argument --volume-change-pct: invalid float value: 'lots': give a "
        "change in percent, such as 20 (or 20%) for 20% more, or -10 for 10% less\n"
    )


# 9. `--quantile P80` (as the app labels it), `--channel Voice`, `--kind Records` and
# `--model Seasonal_Naive` were refused as "invalid choice" for their case alone.


def test_a_choice_is_read_in_any_case(forecast_csv, tmp_path, capsys):
    parser = cli.build_parser()
    args = parser.parse_args(
        ["plan", "h.csv", "--horizon-days", "7", "--out", "p.csv", "--quantile", "P80"]
        + ["--channel", "Voice", "--kind", "Records", "--model", "Seasonal_Naive"]
    )
    assert (args.quantile, args.channel, args.kind, args.model) == (
        "p80",
        "voice",
        "records",
        "seasonal_naive",
    )
    table = pd.read_csv(forecast_csv).assign(p80=50)
    table.to_csv(forecast_csv, index=False)
    out = tmp_path / "plan.csv"
    staff = ["staff", str(forecast_csv), *TARGETS, "--quantile", "P80", "--out", str(out)]
    assert cli.main(staff) == 0
    # Sized on the p80's 50 calls of 240 s a half hour: 6.67 Erlangs.
    assert erlang_c_agents(50 * 240 / 1800, 240, 20, 0.8, 0.85) == 10
    assert set(pd.read_csv(out)["agents"]) == {10}


# 10. `--weekly-contract-hours 38h`, `shifts --full-hours 8h` or `--part-hours 4:30` read
# "invalid float value": a length in hours refused its unit and hours written as a clock.


def test_a_length_in_hours_reads_its_unit_and_hours_and_minutes(capsys):
    parser = cli.build_parser()
    staff = ["staff", "f.csv", *TARGETS, "--out", "p.csv"]
    args = parser.parse_args([*staff, "--weekly-contract-hours", "38h"])
    assert args.weekly_contract_hours == 38.0
    args = parser.parse_args([*staff, "--email-response-hours", "4 hours"])
    assert args.email_response_hours == 4.0
    shifts = ["shifts", "p.csv", "--out", "s.csv"]
    args = parser.parse_args([*shifts, "--full-hours", "7:30", "--part-hours", "4h"])
    assert (args.full_hours, args.part_hours) == (7.5, 4.0)
    with pytest.raises(SystemExit) as stop:
        cli.main([*shifts, "--full-hours", "eight"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: cli.py shifts: argument --full-hours: invalid float value: 'eight': give a "
        "number of hours, e.g. 7.5 or 7:30\n"
    )


# 11. `--agent-hourly-cost €22` (or 22,50 as a European payroll writes it) read "invalid float
# value".


def test_a_cost_reads_its_currency_and_a_decimal_comma(capsys):
    parser = cli.build_parser()
    staff = ["staff", "f.csv", *TARGETS, "--out", "p.csv"]
    args = parser.parse_args(
        [*staff, "--agent-hourly-cost", "€22", "--supervisor-hourly-cost", "30,50 EUR"]
    )
    assert (args.agent_hourly_cost, args.supervisor_hourly_cost) == (22.0, 30.5)
    args = parser.parse_args(["shifts", "p.csv", "--out", "s.csv", "--agent-hourly-cost", "22€"])
    assert args.agent_hourly_cost == 22.0
    # '1,000' may be a thousand: refused rather than read as 1.
    for given in ("cheap", "1,000"):
        with pytest.raises(SystemExit) as stop:
            cli.main([*staff, "--agent-hourly-cost", given])
        assert stop.value.code == 2
        assert capsys.readouterr().err == (
            f"error: cli.py staff: argument --agent-hourly-cost: invalid float value: '{given}': "
            "give an amount in EUR, e.g. 22 or 22.50\n"
        )


# 12. `--email-hours 09:00–17:00`, as the Staffing page writes e-mail hours (an en dash), was
# refused as "must look like 8-18 or 8:30-17:30".


def test_email_hours_read_as_the_staffing_page_writes_them(forecast_csv, tmp_path, capsys):
    email = ["staff", str(forecast_csv), *TARGETS, "--channel", "email"]
    plans = {}
    for hours in ("09:00–17:00", "9 to 17", "9-17", None):
        out = tmp_path / f"{hours}.csv"
        given = ["--email-hours", hours] if hours else []
        assert cli.main([*email, *given, "--out", str(out)]) == 0, capsys.readouterr().err
        plans[hours] = pd.read_csv(out)
    pd.testing.assert_frame_equal(plans["09:00–17:00"], plans["9-17"])
    pd.testing.assert_frame_equal(plans["9 to 17"], plans["9-17"])
    # Nobody answers mail at 08:00 when it is worked from 09:00, as it is when worked all open.
    first = plans["9-17"].iloc[0]
    assert (first["interval_start"], first["agents"]) == ("2024-03-04 08:00:00", 0)
    assert plans[None].iloc[0]["agents"] > 0
