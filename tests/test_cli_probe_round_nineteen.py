"""Round nineteen of probing the CLI as a planner scripting it would: a ~ the shell left as it
is, beside a folder named ~ and alone, a Windows path typed on Linux, a service level written as
80/20, a country typed by its English name, a horizon written in weeks, rows deleted from a plan
fed to shifts, a patience or target in seconds that reads as minutes, an --out named as a
workbook, Ctrl-C, a plan saved with decimal commas, an hour on a 12-hour clock or written the
French way, a queue named without its accents, a channel called by a desk's word for it, an
hourly cost written per hour, and a volume column beside a forecast column."""

from __future__ import annotations

import pandas as pd
import pytest
from cli_support import write_two_day_forecast

import cli
from cli_commands.options import forecast_settings
from forecasting.calendar import holiday_names

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


@pytest.fixture
def forecast_csv(tmp_path):
    return write_two_day_forecast(tmp_path)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of its own, and a working folder apart from it."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return home


# 1. `--out '~/plan.csv'` beside a folder named ~ (left by an earlier quoted ~) passed the checks
# made on ./~ and was then written by pandas, which expands ~, to the home folder, while the
# summary said "wrote 40 intervals to ~/plan.csv" and exit 0. A bare `--out '~'` read "cannot
# write it (Is a directory)", pandas having taken it for the home folder.


def test_a_quoted_tilde_is_refused_beside_a_folder_named_tilde(forecast_csv, home, capsys):
    (home.parent / "work" / "~").mkdir()
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", "~/plan.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: --out ~/plan.csv: the shell did not expand ~ (it does not in quotes or after "
        f"'='): write the folder in full, e.g. --out {home}/plan.csv (a folder named ~ here is "
        "./~/plan.csv).\n"
    )
    assert not (home / "plan.csv").exists()
    # Written as ./~/plan.csv it goes into that folder, and nowhere else.
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", "./~/plan.csv"]) == 0
    assert len(pd.read_csv(home.parent / "work" / "~" / "plan.csv")) == 40
    assert not (home / "plan.csv").exists()


def test_a_bare_tilde_out_and_a_tilde_input_name_the_home_folder(forecast_csv, home, capsys):
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", "~"]) == 2
    assert capsys.readouterr().err == (
        "error: --out ~: the shell did not expand ~ (it does not in quotes or after '='): "
        f"write the folder in full, e.g. --out {home}/out.csv.\n"
    )
    (home / "h.csv").write_text(forecast_csv.read_text())
    assert cli.main(["inspect", "~/h.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: ~/h.csv: the shell did not expand ~ (it does not in quotes or after '='): "
        f"write the folder in full, e.g. {home}/h.csv.\n"
    )


# 2. A Windows path typed on Linux: `--out 'C:\Users\ana\plan.csv'` wrote a file of that name,
# backslashes included, into the working folder and said "wrote 40 intervals to
# C:\Users\ana\plan.csv", exit 0; as an input it read "file not found" alone.


WINDOWS_WORDS = (
    "is a Windows path (a drive or backslashes), which this system does not read as one: write "
    "it as this system names it, folders split by / (under WSL, C:\\ is /mnt/c/).\n"
)


@pytest.mark.parametrize("out", ["C:\\Users\\ana\\plan.csv", "plans\\plan.csv", "D:/plan.csv"])
def test_a_windows_out_is_refused_not_written_as_one_name(
    forecast_csv, tmp_path, monkeypatch, capsys, out
):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", out]) == 2
    assert capsys.readouterr().err == f"error: --out {out} {WINDOWS_WORDS}"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["forecast.csv"]


def test_a_windows_input_is_named_as_such(capsys):
    assert cli.main(["shifts", "C:\\Users\\ana\\plan.csv", "--out", "s.csv"]) == 2
    assert capsys.readouterr().err == f"error: C:\\Users\\ana\\plan.csv {WINDOWS_WORDS}"
    assert cli.main(["inspect", "C:\\Users\\ana\\history.csv"]) == 2
    assert capsys.readouterr().err == f"error: C:\\Users\\ana\\history.csv {WINDOWS_WORDS}"


# 3. `--service-level 80/20`, a target as a contact centre says it, read "invalid share
# '80/20': give a fraction such as 0.8, or a percentage such as 80%", no word of the seconds.


@pytest.mark.parametrize(
    ("given", "level", "within", "options"),
    [
        ("80/20", "80", "20", "0.8 --answer-within-seconds 20"),
        ("90%/30s", "90", "30", "0.9 --answer-within-seconds 30"),
        ("0.8/15", "80", "15", "0.8 --answer-within-seconds 15"),
        ("80% in 20 seconds", "80", "20", "0.8 --answer-within-seconds 20"),
    ],
)
def test_a_service_level_written_as_a_target_names_both_options(
    forecast_csv, capsys, given, level, within, options
):
    with pytest.raises(SystemExit) as stop:
        cli.main(["staff", str(forecast_csv), "--service-level", given, "--out", "p.csv"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"error: cli.py staff: argument --service-level: invalid share '{given}': a target of "
        f"{level}% answered within {within} s is two options: give --service-level {options}\n"
    )


# 4. `--country Israel`, typed for the Israeli bank's history, read "Unknown holiday country
# 'ISRAEL': use an ISO code such as IT, FR, DE, GB, or none", though the calendar is there as IL.


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Israel", "IL"), ("united kingdom", "GB"), ("Germany", "DE"), ("FR", "FR"), ("DE-BY", "DE")],
)
def test_a_country_typed_by_its_name_reads_its_calendar(typed, code):
    args = cli.build_parser().parse_args(
        ["forecast", "h.csv", "--horizon-days", "7", "--country", typed, "--out", "f.csv"]
    )
    assert forecast_settings(args).country == code


def test_israel_by_name_gives_the_days_the_bank_closed():
    args = cli.build_parser().parse_args(
        ["forecast", "h.csv", "--horizon-days", "7", "--country", "Israel", "--out", "f.csv"]
    )
    names = holiday_names(pd.Timestamp("1999-05-01"), 153, forecast_settings(args).country, None)
    # The shared bank data's two near-empty days of 1999 (14 calls on 21 May, 29 on 11 Sep).
    assert names[pd.Timestamp("1999-05-21")] == "Shavuot"
    assert names[pd.Timestamp("1999-09-11")] == "Rosh Hashanah"


# 5. `--horizon-days 2w`, a horizon as a planner says it, read "invalid int value: '2w': give
# a whole number of days, from 1 to 92".


@pytest.mark.parametrize(
    ("command", "typed", "days"),
    [("forecast", "2w", 14), ("plan", "1 week", 7), ("backtest", "14d", 14), ("forecast", "9", 9)],
)
def test_a_horizon_reads_its_unit_and_weeks(command, typed, days):
    args = cli.build_parser().parse_args(
        [command, "h.csv", "--horizon-days", typed, "--out", "out.csv"]
    )
    assert args.horizon_days == days


def test_a_fraction_of_a_week_is_still_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["forecast", "h.csv", "--horizon-days", "1.5w", "--out", "out.csv"])
    assert stop.value.code == 2
    assert "invalid int value: '1.5w': give a whole number of days" in capsys.readouterr().err


# 6. Rows deleted from a plan fed to `shifts` were taken as needing nobody with no word, while
# `staff` names the same gap in a forecast file.


def _plan_csv(tmp_path, deleted: list[str]):
    """One Monday of 3 people rostered a half hour on 'sales', 08:00-18:00, less `deleted`."""
    starts = pd.date_range("2024-03-04 08:00", "2024-03-04 17:30", freq="30min")
    plan = pd.DataFrame({"interval_start": starts, "queue": "sales", "rostered": 3})
    plan = plan[~plan["interval_start"].isin(pd.to_datetime(deleted))]
    path = tmp_path / "plan.csv"
    plan.to_csv(path, index=False)
    return path


def test_rows_deleted_from_a_plan_are_named_by_shifts(tmp_path, capsys):
    plan = _plan_csv(tmp_path, ["2024-03-04 12:00", "2024-03-04 12:30"])
    assert cli.main(["shifts", str(plan), "--out", str(tmp_path / "s.csv")]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "missing" in line]
    assert notes == [
        f"note: {plan}: 2 intervals missing between Mon 4 Mar 2024 12:00 and 12:30 "
        "(queue 'sales'), inside the hours listed that day, are taken as needing nobody; if "
        "the desk is open then, put them back with their rostered people"
    ]
    whole = _plan_csv(tmp_path, [])
    assert cli.main(["shifts", str(whole), "--out", str(tmp_path / "s.csv")]) == 0
    assert "missing" not in capsys.readouterr().out


# 7. `--patience-seconds 3`, minutes typed for 3 min, staffed 40 calls a half hour with 7 agents
# at 13.8% abandon (8 at 3.7% with 180 s) without a word; an answer target of 0.33 (a third of
# a minute) likewise.


def _unit_notes(capsys) -> list[str]:
    return [line for line in capsys.readouterr().out.splitlines() if "check the unit" in line]


def test_a_patience_or_target_that_reads_as_minutes_is_noted(forecast_csv, tmp_path, capsys):
    out = ["--out", str(tmp_path / "p.csv")]
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--patience-seconds", "3", *out]) == 0
    assert _unit_notes(capsys) == [
        "note: --patience-seconds 3: a mean patience of 3 s is unusual (callers mostly wait tens "
        "of seconds to minutes before hanging up): check the unit is seconds (3 min is 180 s)"
    ]
    assert pd.read_csv(tmp_path / "p.csv")["agents"].max() == 7
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--patience-seconds", "180", *out]) == 0
    assert _unit_notes(capsys) == []
    assert pd.read_csv(tmp_path / "p.csv")["agents"].max() == 8
    late = ["--service-level", "0.8", "--answer-within-seconds", "0.33"]
    assert cli.main(["staff", str(forecast_csv), *late, *out]) == 0
    assert _unit_notes(capsys) == [
        "note: --answer-within-seconds 0.33: a target under a second is unusual: check the unit "
        "is seconds (0.33 min is 19.8 s)"
    ]


# 8. `--out plan.xlsx` wrote CSV text under a workbook's name, exit 0; Excel refuses to open such
# a file ("file format or file extension is not valid").


@pytest.mark.parametrize("out", ["plan.xlsx", "plan.XLS", "plan.ods"])
def test_an_out_named_as_a_workbook_is_refused(forecast_csv, tmp_path, capsys, out):
    target = tmp_path / out
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--out", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {target}: the table is written as CSV text, which a spreadsheet will not "
        f"open as a {target.suffix} workbook: give a name ending in .csv, e.g. --out "
        f"{tmp_path / 'plan.csv'} (Excel and LibreOffice open it).\n"
    )
    assert not target.exists()


# 9. Ctrl-C during a long forecast or shift search ended in Python's traceback
# (KeyboardInterrupt) and exit code 1.


def test_an_interrupt_ends_in_one_line_and_the_shells_code(forecast_csv, monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr("cli_commands.inspect.run", interrupted)
    try:
        code = cli.main(["inspect", str(forecast_csv)])
    except KeyboardInterrupt:  # would stop the test run itself
        pytest.fail("Ctrl-C left cli.main as a KeyboardInterrupt, Python's traceback")
    assert code == 130
    assert capsys.readouterr().err == (
        "interrupted: stopped before the end; an --out not yet written is left as it was\n"
    )


# 10. A plan saved again by a spreadsheet set to a decimal comma (semicolons, '3,0' people) was
# refused by `shifts`: "'rostered' is '3,0'; give a number of people", though `staff` reads
# its forecast so.


def test_shifts_reads_a_plan_with_decimal_commas_as_staff_reads_a_forecast(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", "2024-03-04 17:30", freq="30min")
    rostered = [3.0] * 8 + [4.5] * 12
    plan = pd.DataFrame({"rostered": rostered, "interval_start": starts, "occupancy": 0.75})
    plan.to_csv(tmp_path / "dot.csv", index=False)
    plan.to_csv(tmp_path / "comma.csv", sep=";", decimal=",", index=False, lineterminator="\r\n")
    assert "4,5" in (tmp_path / "comma.csv").read_text()
    assert cli.main(["shifts", str(tmp_path / "dot.csv"), "--out", str(tmp_path / "a.csv")]) == 0
    dot = capsys.readouterr().out
    assert cli.main(["shifts", str(tmp_path / "comma.csv"), "--out", str(tmp_path / "b.csv")]) == 0
    comma = capsys.readouterr().out
    # 3 people 08:00-12:00 and 4.5 12:00-18:00: 3 x 4 h + 4.5 x 6 h = 39 hours needed.
    assert "needed 39.0" in dot and "needed 39.0" in comma
    assert f"note: {tmp_path / 'comma.csv'}: numbers read with a decimal comma" in comma
    assert pd.read_csv(tmp_path / "a.csv").equals(pd.read_csv(tmp_path / "b.csv"))


# 11. An hour written on a 12-hour clock or the French way: 'shifts --latest-start 7pm' and
# '--email-hours 8am-6pm' read "invalid hour: '7pm'" and "must look like 8-18", '8h30' likewise.


@pytest.mark.parametrize(
    ("typed", "hour"),
    [("7pm", 19.0), ("7:30 p.m.", 19.5), ("12am", 0.0), ("12pm", 12.0), ("8h30", 8.5), ("14h", 14)],
)
def test_an_hour_reads_a_twelve_hour_clock_and_the_french_way(typed, hour):
    args = cli.build_parser().parse_args(["shifts", "p.csv", "--latest-start", typed, "--out", "s"])
    assert args.latest_start == hour


def test_email_hours_read_am_and_pm(forecast_csv, tmp_path):
    out = tmp_path / "p.csv"
    mail = ["--channel", "email", "--email-hours", "8am-4pm", "--out", str(out)]
    assert cli.main(["staff", str(forecast_csv), *TARGETS, *mail]) == 0
    agents = pd.read_csv(out).set_index("interval_start")["agents"]
    # Worked 08:00-16:00 only: nobody on the mail at 16:00 or later.
    assert agents.loc["2024-03-04 15:30:00"] > 0
    assert agents.loc["2024-03-04 16:00:00"] == 0


@pytest.mark.parametrize("typed", ["13pm", "0am", "8h75"])
def test_an_hour_off_the_clock_is_still_refused(capsys, typed):
    with pytest.raises(SystemExit) as stop:
        cli.main(["shifts", "p.csv", "--earliest-start", typed, "--out", "s.csv"])
    assert stop.value.code == 2
    assert f"invalid hour: '{typed}'" in capsys.readouterr().err


# 12. `--queue telephonie`, typed without accents, read "no such queue in the data (perhaps
# Téléphonie)", though it names one queue alone.


def test_a_queue_is_named_without_its_accents(tmp_path, capsys):
    starts = pd.date_range("2013-06-03 08:00", periods=20, freq="30min")
    forecast = pd.concat(
        [
            pd.DataFrame({"interval_start": starts, "queue": "Téléphonie", "volume": 40}),
            pd.DataFrame({"interval_start": starts, "queue": "Gestion", "volume": 10}),
        ]
    ).assign(aht_seconds=240)
    forecast.to_csv(tmp_path / "f.csv", index=False)
    out = tmp_path / "p.csv"
    given = ["--queue", "telephonie", "--out", str(out)]
    assert cli.main(["staff", str(tmp_path / "f.csv"), *TARGETS, *given]) == 0
    plan = pd.read_csv(out)
    assert set(plan["queue"]) == {"Téléphonie"}
    assert len(plan) == 20 and plan["agents"].max() == 8  # 40 calls of 240 s: 8 at 80/20


# 13. `--channel phone`, `--channel mail` or `--channel e-mail`, the words a desk calls its
# channels by, read "invalid choice: 'phone' (choose from 'voice', 'chat', 'email')".


@pytest.mark.parametrize(
    ("typed", "channel"),
    [("phone", "voice"), ("Calls", "voice"), ("E-Mail", "email"), ("mail", "email"),
     ("WhatsApp", "chat"), ("Voice", "voice")],
)  # fmt: skip
def test_a_channel_reads_the_word_a_desk_calls_it_by(typed, channel):
    for command in ("staff", "plan"):
        args = cli.build_parser().parse_args(
            [command, "f.csv", "--horizon-days", "7", "--channel", typed, "--out", "p.csv"]
            if command == "plan"
            else [command, "f.csv", *TARGETS, "--channel", typed, "--out", "p.csv"]
        )
        assert args.channel == channel


def test_a_channel_no_desk_staffs_is_still_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["staff", "f.csv", *TARGETS, "--channel", "fax", "--out", "p.csv"])
    assert stop.value.code == 2
    assert "invalid choice: 'fax' (choose from 'voice', 'chat', 'email')" in (
        capsys.readouterr().err
    )


# 14. `--agent-hourly-cost '22 €/h'`, a rate as a payslip writes it, read "invalid float value:
# '22 €/h': give an amount in EUR, e.g. 22 or 22.50".


@pytest.mark.parametrize("typed", ["22 €/h", "22/h", "€22/hour", "22 EUR per hour"])
def test_an_hourly_cost_reads_its_per_hour(forecast_csv, tmp_path, capsys, typed):
    out = ["--out", str(tmp_path / "p.csv")]
    assert cli.main(["staff", str(forecast_csv), *TARGETS, "--agent-hourly-cost", typed, *out]) == 0
    # As round eighteen's 22: 40 intervals of 12 rostered at EUR 22 and 1-2 supervisors at 30.
    assert "cost € 5,880 over 2 days (€ 22/h agent" in capsys.readouterr().out


def test_a_cost_per_day_is_still_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["staff", "f.csv", *TARGETS, "--agent-hourly-cost", "180/d", "--out", "p.csv"])
    assert stop.value.code == 2
    assert "invalid float value: '180/d'" in capsys.readouterr().err


# 15. A forecast file with a volume column added beside `forecast`'s own (doubled for a
# campaign in a spreadsheet) staffed the volume column with no word of the other.


def test_a_volume_beside_a_forecast_column_is_named(tmp_path, capsys):
    starts = pd.date_range("2024-03-04 08:00", periods=20, freq="30min")
    table = pd.DataFrame({"interval_start": starts, "forecast": 20.0, "aht_seconds": 240})
    path = tmp_path / "f.csv"
    table.assign(volume=40.0).to_csv(path, index=False)
    assert cli.main(["staff", str(path), *TARGETS, "--out", str(tmp_path / "p.csv")]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "both" in line]
    assert notes == [
        f"note: {path} has both a volume and a forecast column, 800 and 400 contacts: the volume "
        "column is staffed; delete the column not meant if it should be the other"
    ]
    assert pd.read_csv(tmp_path / "p.csv")["agents"].max() == 8  # 40 calls of 240 s
    table.assign(volume=20.0).to_csv(path, index=False)  # the same figures: nothing to choose
    assert cli.main(["staff", str(path), *TARGETS, "--out", str(tmp_path / "p.csv")]) == 0
    assert "both" not in capsys.readouterr().out
