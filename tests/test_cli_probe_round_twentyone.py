"""Round twenty-one of probing the CLI as a planner scripting it would: Ctrl-C pressed in the
first second, while pandas and the models load, a length in hours with a decimal comma, a
handle time written in minutes and seconds with their units, a change's days written with their
month's name, a list of queues given to one --queue, an interval length written with its
unit, an --out of /dev/stdout, standard output on a full disk, options given before the command,
--version, data piped in without naming standard input, an --origin or --change-from
with its month named in another language, and an hour written 09.30 or 0930."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from cli_support import one_line_refusal, write_two_day_forecast
from test_cli_plan import office_hours_csv  # noqa: F401 (a fixture: six weeks of office hours)

import cli
from cli_commands.options import (
    day_first_date,
    hours,
    interval_minutes_type,
    match_queues,
    read_hour,
    seconds,
)
from data.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


# 1. Ctrl-C while the CLI was still loading its modules (pandas, statsmodels: the first second)
# printed the traceback of whichever import it stopped, as round nineteen's one line covered
# only a command already running.

# SIGINT sent to the process itself as pandas is first looked for: Ctrl-C mid-import, on cue.
INTERRUPTED_AT_PANDAS = """
import os, runpy, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "pandas":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["cli.py", "inspect", "history.csv"]
runpy.run_path("cli.py", run_name="__main__")
"""


def test_an_interrupt_while_loading_ends_in_one_line_and_the_shells_code():
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_AT_PANDAS],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stderr == "interrupted: stopped while loading, before any file was read\n"
    assert done.returncode == 130


# 2. A length in hours with a decimal comma, as a French or German contract writes it,
# `--weekly-contract-hours 37,5`, read "invalid float value: '37,5': give a number of hours",
# though a share reads 0,8 and a cost 22,50.


@pytest.fixture
def forecast_csv(tmp_path):
    return write_two_day_forecast(tmp_path)


TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]
PLAN = ["--horizon-days", "7", "--aht-seconds", "240", "--model", "historical_average_4w"]


@pytest.mark.parametrize(
    ("typed", "read"), [("37,5", 37.5), ("37,5h", 37.5), ("7,25 h", 7.25), ("38h", 38.0)]
)
def test_a_length_in_hours_reads_a_decimal_comma(typed, read):
    assert hours(typed) == read


def test_a_length_in_hours_of_three_decimals_after_a_comma_is_still_refused():
    with pytest.raises(argparse.ArgumentTypeError, match="give a number of hours"):
        hours("1,000")  # perhaps a thousand


def test_a_contract_of_37_comma_5_hours_gives_the_fte_of_37_point_5(forecast_csv, tmp_path, capsys):
    command = ["staff", str(forecast_csv), *TARGETS, "--out", str(tmp_path / "plan.csv")]
    assert cli.main([*command, "--weekly-contract-hours", "37,5"]) == 0
    printed = capsys.readouterr().out
    # 12 rostered and 1 supervisor for 20 half hours a day: 130 paid hours a day, read as a
    # week of 7 such days over 37.5 h a contract, 130 × 7 / 37.5 = 24.27 FTE (38 h: 23.9).
    assert ", 24.3 FTE, " in printed.splitlines()[0]
    assert "130.0 paid hours a day on average × 7 / 37.5 h a contract" in printed


# 3. A handle time in minutes and seconds with their units, as a report writes it,
# `--aht-seconds 3m20s`, read only "give a number of seconds, e.g. 20", where 4:30 and 4m name
# their seconds.


@pytest.mark.parametrize("typed", ["3m20s", "3 min 20 s", "3min20", "3 m 20"])
def test_minutes_and_seconds_with_their_units_name_the_seconds(typed):
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        seconds(typed)
    assert str(refused.value) == (
        f"invalid float value: '{typed}': the option is in seconds; give 200 for 3 min 20 s"
    )


def test_minutes_and_seconds_are_refused_in_one_line(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["staff", "f.csv", *TARGETS, "--aht-seconds", "3m20s", "--out", "p.csv"])
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        "error: cli.py staff: argument --aht-seconds: invalid float value: '3m20s': the option "
        "is in seconds; give 200 for 3 min 20 s\n"
    )


# 4. `plan --change-from '17 Feb 2026'` (or 'Feb 17, 2026', '2026/02/17') read "'17 Feb 2026'
# is not a date; write it as YYYY-MM-DD", though --origin reads those writings.


@pytest.mark.parametrize(
    "typed",
    ["17 Feb 2026", "Feb 17, 2026", "2026/02/17", "17-Feb-2026", "Tuesday 17 February 2026"],
)
def test_a_change_day_written_with_its_month_name_or_year_first_is_read(typed):
    assert day_first_date(typed, "--change-from") == ("2026-02-17", None)


def test_a_change_day_without_a_year_is_refused_as_such():
    with pytest.raises(InputError) as refused:
        day_first_date("17 Feb", "--change-from")
    assert str(refused.value) == (
        "--change-from '17 Feb' has no year: write the date year first, like 2026-12-07"
    )
    assert day_first_date("soon", "--change-to") == ("soon", None)  # refused as no date later


def test_a_change_written_with_month_names_plans_as_its_iso_days(
    office_hours_csv,  # noqa: F811
    tmp_path,
    capsys,
):
    iso, named = tmp_path / "iso.csv", tmp_path / "named.csv"
    common = ["plan", str(office_hours_csv), *PLAN, "--volume-change-pct", "30"]
    iso_days = ["--change-from", "2026-02-17", "--change-to", "2026-02-18"]
    named_days = ["--change-from", "17 Feb 2026", "--change-to", "Feb 18, 2026"]
    assert cli.main([*common, *iso_days, "--out", str(iso)]) == 0
    assert cli.main([*common, *named_days, "--out", str(named)]) == 0
    capsys.readouterr()
    pd.testing.assert_frame_equal(pd.read_csv(named), pd.read_csv(iso))


# 5. `--queue chat,phone`, a list as a script writes one, read "--queue chat,phone: no such queue
# in the data; the queues are chat, email, phone", where --queue is repeated for several.


def test_a_list_of_queues_in_one_queue_option_names_each():
    known = ["chat", "email", "phone", "Sales, Inc"]
    assert match_queues(known, ["chat,phone"]) == ["chat", "phone"]
    assert match_queues(known, ["Chat; Phone", "email"]) == ["chat", "phone", "email"]
    assert match_queues(known, ["sales, inc"]) == ["Sales, Inc"]  # a queue's own comma
    with pytest.raises(InputError, match="--queue chat,fax: no such queue"):
        match_queues(known, ["chat,fax"])


def test_staff_of_a_list_of_queues_staffs_those_queues(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=4, freq="30min")
    forecast = tmp_path / "forecast.csv"
    pd.DataFrame(
        {
            "interval_start": list(starts) * 3,
            "queue": ["Sales"] * 4 + ["Billing"] * 4 + ["Support"] * 4,
            "volume": [40] * 4 + [20] * 4 + [10] * 4,
            "aht_seconds": 240,
        }
    ).to_csv(forecast, index=False)
    out = tmp_path / "plan.csv"
    command = ["staff", str(forecast), *TARGETS, "--out", str(out), "--queue", "sales,billing"]
    assert cli.main(command) == 0
    plan = pd.read_csv(out)
    # Erlang C, 80% in 20 s: 40 calls of 240 s a half hour (5.33 Erlangs) take 8 agents
    # (82.3%), 20 calls (2.67 Erlangs) 5 (86.7%; 4 give 66.1%). Support is left out.
    assert plan.groupby("queue", sort=False)["agents"].max().to_dict() == {"Sales": 8, "Billing": 5}
    assert capsys.readouterr().out.startswith("wrote 8 intervals")


# 6. `--interval-minutes 30min` (or '1h', '0:30') read "'30min' is not a whole number of minutes
# that divides the day evenly", though 30min is one; --horizon-days reads 14d.


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("30min", 30), ("15 minutes", 15), ("30 m", 30), ("1h", 60), ("1,5 h", 90), ("0:30", 30)],
)
def test_an_interval_length_reads_its_unit(typed, minutes):
    assert interval_minutes_type()(typed) == minutes


@pytest.mark.parametrize("typed", ["7m", "30s", "1.51h", "0:15:00"])
def test_an_interval_length_off_the_day_is_still_refused(typed):
    with pytest.raises(argparse.ArgumentTypeError, match="is not a whole number of minutes"):
        interval_minutes_type()(typed)


def test_an_export_read_in_hours_typed_as_1h(tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text("when,n\n2024-03-04 08:00,2\n2024-03-04 08:15,3\n2024-03-04 09:30,4\n")
    assert cli.main(["inspect", str(export), "--interval-minutes", "1h"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["interval_minutes"], summary["contacts"]) == (60, 9)


# 7. `--out /dev/stdout`, as scripts name standard output, was opened as a file: the summary's
# lines followed the table in a pipe, and in a file the shell had opened (`> plan.csv`) were
# written over the table's header and first rows.


def test_an_out_of_dev_stdout_is_standard_output(forecast_csv, capfd):
    command = ["staff", str(forecast_csv), *TARGETS, "--out", "/dev/stdout"]
    assert cli.main(command) == 0
    captured = capfd.readouterr()  # the table goes to the process's own stdout
    table = pd.read_csv(io.StringIO(captured.out))
    assert len(table) == 40 and table.columns[0] == "interval_start"
    assert table["agents"].max() == 8  # 40 calls of 240 s a half hour, as staff's summary says
    assert captured.err.startswith("wrote 40 intervals to standard output: peak 8 agents")


# 8. Standard output sent to a full disk (`> log.txt`) ended in Python's OSError traceback,
# exit code 1, where an --out on it reads "cannot write it (No space left on device)".


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full, a disk always full")
def test_a_summary_standard_output_cannot_take_ends_in_one_line(forecast_csv):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "cli.py", "inspect", str(forecast_csv)],
            cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    assert done.stderr == (
        "error: standard output: cannot write the summary (No space left on device); free some "
        "space, or send standard output elsewhere\n"
    )
    assert done.returncode == 2


# 9. Options given before the command, `cli.py --queue sales staff f.csv`, read "argument
# command: invalid choice: 'sales' (choose from ...)", the option's value taken for the
# command; an option alone, `cli.py -x`, "the following arguments are required: command".


def test_options_before_the_command_are_refused_with_the_line_in_order(capsys):
    assert one_line_refusal(capsys, "--queue", "sales", "staff", "f.csv", "--out", "p.csv") == (
        "error: cli.py: --queue sales: an option before the command staff; options follow the "
        "command, as in cli.py staff f.csv --out p.csv --queue sales\n"
    )
    assert one_line_refusal(capsys, "--out", "my plan.csv", "-q", "x", "plan", "h.csv") == (
        "error: cli.py: --out 'my plan.csv' -q x: options before the command plan; options "
        "follow the command, as in cli.py plan h.csv --out 'my plan.csv' -q x\n"
    )
    assert one_line_refusal(capsys, "-x") == (
        "error: cli.py: -x comes before any command: give the command first, then its options "
        "(cli.py COMMAND -x, COMMAND one of inspect, forecast, backtest, staff, plan or shifts)\n"
    )


# 10. `cli.py --version`, which a script checks before relying on an option, read "the
# following arguments are required: command" and exit code 2.


def test_version_prints_the_projects_version(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    with open(ROOT / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert capsys.readouterr().out == f"Picco {version}\n"


# 11. Data piped in without naming standard input, `cat f.csv | cli.py inspect`, read "the
# following arguments are required: FILE" alone: nothing said that - reads the pipe.


@pytest.fixture
def piped_stdin(monkeypatch, forecast_csv):
    """Standard input as a pipe holding the forecast, as `cat forecast.csv | cli.py ...`."""
    read, write = os.pipe()
    os.write(write, forecast_csv.read_bytes()[:4096])
    os.close(write)
    with os.fdopen(read) as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        yield


def test_a_missing_file_with_data_piped_in_names_the_dash(piped_stdin, capsys):
    assert one_line_refusal(capsys, "inspect") == (
        "error: cli.py inspect: the following arguments are required: FILE (data waits on "
        "standard input, which is read only when named: give - as FILE, e.g. ... | cli.py "
        "inspect -)\n"
    )
    refused = one_line_refusal(capsys, "staff", *TARGETS, "--out", "p.csv")
    assert refused.endswith("give - as FORECAST.csv, e.g. ... | cli.py staff -)\n")


def test_a_missing_file_without_data_piped_in_is_refused_as_before(monkeypatch, capsys):
    with open(os.devnull) as nothing:  # cron's standard input
        monkeypatch.setattr(sys, "stdin", nothing)
        assert one_line_refusal(capsys, "inspect") == (
            "error: cli.py inspect: the following arguments are required: FILE\n"
        )


# 12. `--origin "4 marzo 2024"` (or "lundi 4 mars 2024", "4. März 2024 08:30"), a month named
# in the planner's language as the import reads it in a file, read "'4 marzo 2024' is not a
# date/time on the center's clock"; --change-from likewise.


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("4 marzo 2024", "2024-03-04 00:00"),
        ("lundi 4 mars 2024", "2024-03-04 00:00"),
        ("Montag, 4. März 2024 08:30", "2024-03-04 08:30"),
        ("martedì 5 marzo 2024 8:30", "2024-03-05 08:30"),
        ("3 de agosto de 2026", "2026-08-03 00:00"),
    ],
)
def test_an_origin_with_its_month_named_in_another_language_is_read(typed, day):
    arguments = ["forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", typed]
    origin = cli.build_parser().parse_args(arguments).origin
    assert f"{pd.Timestamp(origin):%Y-%m-%d %H:%M}" == day
    if day.endswith("00:00"):
        assert day_first_date(typed, "--change-from") == (day[:10], None)
    else:  # a change takes whole days: a time of day it would not use is refused
        with pytest.raises(InputError, match=f"would not be used: give the day alone, {day[:10]}"):
            day_first_date(typed, "--change-from")


def test_an_origin_with_a_foreign_month_and_no_year_is_still_refused(capsys):
    refused = one_line_refusal(
        capsys, "forecast", "h.csv", "--horizon-days", "7", "--out", "f.csv", "--origin", "4 marzo"
    )
    assert refused.endswith("'4 marzo' has no year: write the date year first, like 2024-03-04 "
                            "or 2024-03-04 08:00\n")  # fmt: skip


# 13. A clock written with a dot, as German and Italian planners write it, was read as decimal
# hours: `shifts --earliest-start 07.30 --latest-start 09.30` allowed starts 07:18-09:18 and
# refused an office day of 08:00-18:00 ("no allowed shift covers Mon 4 Mar 2024 17:00"), and
# `--email-hours 08.30-17.30` opened the mail at 08:18; '0900', a roster's clock, read 900 h.


@pytest.mark.parametrize(
    ("typed", "hour"),
    [("09.30", 9.5), ("17.45", 17.75), ("9.15", 9.25), ("9,30", 9.5), ("0900", 9.0),
     ("1730", 17.5), ("9.5", 9.5), ("9.25", 9.25), ("9.75", 9.75), ("08.00", 8.0)],
)  # fmt: skip
def test_a_clock_written_with_a_dot_or_without_its_colon_reads_as_that_clock(typed, hour):
    assert read_hour(typed) == hour


def test_shifts_between_dotted_clocks_start_as_between_colon_clocks(forecast_csv, tmp_path):
    plan = tmp_path / "plan.csv"
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", str(plan)]) == 0
    written = {}
    for clocks in (("07:30", "09:30"), ("07.30", "09.30")):
        out = tmp_path / f"shifts {clocks[0]}.csv"
        window = ["--earliest-start", clocks[0], "--latest-start", clocks[1]]
        lengths = ["--full-hours", "8:30", "--part-hours", "0"]
        assert cli.main(["shifts", str(plan), "--out", str(out), *lengths, *window]) == 0
        written[clocks] = pd.read_csv(out)
    dotted = written["07.30", "09.30"]
    pd.testing.assert_frame_equal(dotted, written["07:30", "09:30"])
    # 08:00-18:00 in 8.5-hour shifts: the last half hour needs a start at 09:30, the latest
    # allowed (read as 09:18, only 09:00 was, ending at 17:30).
    assert dotted["shift_start"].str[11:16].max() == "09:30"
