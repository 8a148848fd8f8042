"""Round thirteen of probing the CLI: a pipe closed early, settings refused without naming their
option, an --aht-seconds that a forecast's own handle times silently outweighed, and `forecast`
then `staff` disagreeing with `plan` on the same history."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import PROJECT_ROOT, run_cli
from staff_support import erlang_c_agents, one_line_error, staff
from test_cli_probe_round_twelve import QUIET, _by_time_of_day, _history

import cli

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


@pytest.fixture()
def forecast_with_aht(tmp_path):
    """Three half-hours of Mon 2026-01-05 with 100, 0 and 50 contacts, each of 180 s."""
    path = tmp_path / "forecast.csv"
    pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=3, freq="30min"),
            "volume": [100, 0, 50],
            "aht_seconds": [180, 180, 180],
        }
    ).to_csv(path, index=False)
    return path


# 1. `cli.py plan ... | head -1` (or any reader that stops early) ended in a BrokenPipeError
# traceback after the CSV was written, as if the run had failed.


def test_a_reader_that_stops_early_gets_no_traceback(forecast_with_aht, tmp_path):
    out = tmp_path / "plan.csv"
    command = [sys.executable, "cli.py", "staff", str(forecast_with_aht), *map(str, TARGETS),
               "--out", str(out)]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # the reader is gone before the summary is printed
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
    assert pd.read_csv(out).agents.tolist() == [14, 1, 8]


# 2. A refused staffing setting did not name its option: "maximum occupancy must be a fraction
# above 0 and at most 1 (got 85.0)" left the planner to find which of twenty options it meant,
# and "Horizon must be at least one day" did not say --horizon-days.


@pytest.mark.parametrize(
    ("extra", "start"),
    [
        (("--max-occupancy", 85), "error: --max-occupancy 85: maximum occupancy must be"),
        (("--shrinkage", 30), "error: --shrinkage 30: shrinkage must be a fraction"),
        (("--max-abandon-rate", 0.05), "error: --patience-seconds not given: an abandonment"),
        (("--patience-seconds", 60, "--max-abandon-rate", 5),
         "error: --max-abandon-rate 5: maximum abandon rate must be"),
        (("--email-hours", "18-8"), "error: --email-hours 18-8: e-mail working hours must"),
        (("--chat-concurrency", 0), "error: --chat-concurrency 0: chat concurrency must be"),
        (("--supervisor-span", 20), "error: --supervisor-span 20: supervisor span must be"),
        (("--min-agents-open", -1), "error: --min-agents-open -1: minimum agents while open"),
    ],
)  # fmt: skip
def test_a_refused_setting_is_named_by_its_option_and_value(
    forecast_with_aht, tmp_path, capsys, extra, start
):
    line = one_line_error(capsys, forecast_with_aht, tmp_path / "plan.csv", *TARGETS, *extra)
    assert line.startswith(start)


def test_a_service_level_typed_as_a_percentage_names_the_option(
    forecast_with_aht, tmp_path, capsys
):
    line = one_line_error(capsys, forecast_with_aht, tmp_path / "plan.csv",
                          "--service-level", 80, "--answer-within-seconds", 20)  # fmt: skip
    assert line.startswith("error: --service-level 80: service level must be a fraction")
    assert "e.g. 0.8 for 80%" in line
    line = one_line_error(capsys, forecast_with_aht, tmp_path / "plan.csv",
                          "--service-level", 0.8, "--answer-within-seconds", -5)  # fmt: skip
    assert (
        line
        == "error: --answer-within-seconds -5: answer-within seconds cannot be negative (got -5)"
    )


@pytest.mark.parametrize(
    ("extra", "start"),
    [
        (("--earliest-start", 8, "--latest-start", 24),
         "error: --latest-start 24: shifts may start from 8 h to 24 h"),
        (("--earliest-start", 25), "error: --earliest-start 25: shifts may start from 25 h"),
        (("--full-hours", 0), "error: --full-hours 0: the full-time shift length must be"),
        (("--shifts-per-week", 0), "error: --shifts-per-week 0: shifts per person per week"),
    ],
)  # fmt: skip
def test_a_refused_shift_setting_is_named_by_its_option(tmp_path, capsys, extra, start):
    plan = tmp_path / "plan.csv"
    plan.write_text("interval_start,rostered\n2026-06-01 08:00,2\n2026-06-01 09:00,3\n")
    out = tmp_path / "shifts.csv"
    assert cli.main(["shifts", str(plan), "--out", str(out), *map(str, extra)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), lines
    assert not out.exists()


def test_a_horizon_out_of_range_names_the_option(capsys):
    for days, says in ((0, "at least one day"), (93, "at most 92 days")):
        code = cli.main(["forecast", "in.csv", "--horizon-days", str(days), "--out", "x.csv"])
        err = capsys.readouterr().err
        assert code == 2
        assert err.startswith(f"error: --horizon-days {days}: the horizon must be {says}")


# 3. `staff --aht-seconds 600` on a forecast with its own aht_seconds column staffed the file's
# 180 s without a word: --aht-seconds only filled blank cells, while `plan --aht-seconds` and
# --help ("handle time (default: from the data)") make it the handle time.


def test_aht_seconds_replaces_the_forecasts_own_handle_times(forecast_with_aht, tmp_path, capsys):
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, forecast_with_aht, out, *TARGETS, "--aht-seconds", 600)
    assert code == 0, err
    # 100 contacts of 600 s in 30 minutes: 33.3 Erlangs.
    assert erlang_c_agents(100 * 600 / 1800, 600, 20, 0.8) == 40
    assert erlang_c_agents(50 * 600 / 1800, 600, 20, 0.8) == 22
    assert pd.read_csv(out).agents.tolist() == [40, 1, 22]
    assert (
        f"note: --aht-seconds 600 staffs every row in place of {forecast_with_aht}'s aht_seconds "
        "(180 s); leave it out to staff on the file's handle times"
    ) in stdout.splitlines()
    # Without the option the file's own 180 s are staffed, as before.
    code, stdout, err = staff(capsys, forecast_with_aht, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out).agents.tolist() == [14, 1, 8]
    assert "--aht-seconds" not in stdout


# 4. `forecast` wrote no handle time, so `staff FORECAST.csv` needed one --aht-seconds for every
# queue: run separately, forecast + staff staffed other agents than `plan` on the same history
# (which learns each queue's handle time, and its weekday and time-of-day shape).


def test_forecast_then_staff_staffs_what_plan_staffs(tmp_path):
    history = tmp_path / "history.csv"
    frame = pd.concat(
        [
            _history(33, _by_time_of_day).assign(queue="phone"),  # 150 s mornings, 450 s later
            _history(33, 240.0, level=12, seed=5).assign(queue="chat"),
        ]
    )
    frame.to_csv(history, index=False)
    forecast, staffed, plan = (tmp_path / name for name in ("f.csv", "s.csv", "p.csv"))
    common = (history, "--horizon-days", 3, *QUIET)
    done = run_cli("forecast", *common, "--out", forecast)
    assert done.returncode == 0, done.stderr
    written = pd.read_csv(forecast)
    assert written.columns.tolist()[-1] == "aht_seconds"
    chat = written[written.queue == "chat"].aht_seconds
    assert chat.round(6).eq(240.0).all()  # one handle time everywhere: no shape
    phone = written[written.queue == "phone"].set_index("interval_start").aht_seconds
    assert phone["2024-04-08 09:00:00"] < 200 < 400 < phone["2024-04-08 15:00:00"]
    assert (
        "note: aht_seconds is the handle time `plan` staffs with, learned from the history: "
        "chat 240 s, phone 288 s (by weekday and time of day); `staff` staffs on it unless "
        "given --aht-seconds"
    ) in done.stdout.splitlines()  # 288 s: the busier mornings weigh more

    assert run_cli("plan", *common, "--out", plan).returncode == 0
    done = run_cli("staff", forecast, *TARGETS, "--max-occupancy", 0.85, "--out", staffed)
    assert done.returncode == 0, done.stderr
    planned = pd.read_csv(plan).sort_values(["queue", "interval_start"], ignore_index=True)
    alone = pd.read_csv(staffed).sort_values(["queue", "interval_start"], ignore_index=True)
    assert len(planned) == len(alone) == 2 * 20  # Monday 8 April, both queues
    assert alone.agents.tolist() == planned.agents.tolist()
    assert alone.rostered.tolist() == planned.rostered.tolist()
    assert alone.agents.sum() == planned.agents.sum() > 40


def test_a_forecast_of_counts_only_has_no_handle_time_column(tmp_path):
    history = tmp_path / "history.csv"
    _history(33, 240.0)[["interval_start", "volume"]].to_csv(history, index=False)
    forecast = tmp_path / "f.csv"
    done = run_cli("forecast", history, "--horizon-days", 3, *QUIET, "--out", forecast)
    assert done.returncode == 0, done.stderr
    assert "aht_seconds" not in pd.read_csv(forecast).columns
    assert "aht_seconds" not in done.stdout


# 5. A forecast or plan saved again by a spreadsheet was refused when its headers were retitled
# ("Interval Start", "AHT Seconds": only case was forgiven) or when the sheet left rows of bare
# separators below the table (";;;"): "row 5 (interval_start empty) is not a date".


def _as_a_spreadsheet_saves_it(table: pd.DataFrame, path, headers: dict[str, str]) -> None:
    """Semicolons, decimal commas, day/month/year starts, retitled headers, CRLF, a BOM and two
    rows of bare separators below the table."""
    saved = table.assign(
        interval_start=pd.to_datetime(table["interval_start"]).dt.strftime("%d/%m/%Y %H:%M")
    ).rename(columns=headers)
    text = saved.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    separators = ";" * (len(saved.columns) - 1)
    path.write_text(text + f"{separators}\r\n{separators}\r\n", encoding="utf-8-sig")


def test_a_forecast_saved_again_by_a_spreadsheet_staffs_as_the_original(
    forecast_with_aht, tmp_path, capsys
):
    edited = tmp_path / "edited.csv"
    headers = {"interval_start": "Interval Start", "aht_seconds": "AHT Seconds"}
    table = pd.read_csv(forecast_with_aht).assign(volume=[100.5, 0.0, 50.25])
    _as_a_spreadsheet_saves_it(table, edited, headers)
    assert edited.read_text(encoding="utf-8-sig").splitlines()[:2] == [
        "Interval Start;volume;AHT Seconds",
        "05/01/2026 09:00;100,5;180",
    ]
    code, _, err = staff(capsys, edited, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(tmp_path / "plan.csv")
    assert plan.volume.tolist() == [100.5, 0.0, 50.25]
    assert plan.agents.tolist() == [14, 1, 8]


def test_a_plan_saved_again_by_a_spreadsheet_gets_the_same_shifts(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    starts = pd.date_range("2026-06-01 08:00", periods=10, freq="60min")
    pd.DataFrame({"interval_start": starts, "rostered": [1, 3, 3, 3, 2, 2, 3, 3, 3, 1]}).to_csv(
        plan, index=False
    )
    edited = tmp_path / "edited.csv"
    _as_a_spreadsheet_saves_it(pd.read_csv(plan), edited, {"interval_start": "Interval Start"})
    covered = []
    for source in (plan, edited):
        out = tmp_path / f"shifts_of_{source.stem}.csv"
        assert cli.main(["shifts", str(source), "--out", str(out)]) == 0, capsys.readouterr().err
        covered.append(pd.read_csv(out))
    capsys.readouterr()
    pd.testing.assert_frame_equal(covered[1], covered[0])
    assert covered[0].people.sum() >= 3


# 6. A share typed as a planner writes it, "80%" or with a decimal comma "0,8", was refused as
# "invalid float value: '80%'", without a word on what to write instead.


def test_shares_read_as_percentages_or_with_a_decimal_comma(forecast_with_aht, tmp_path, capsys):
    plans = []
    for level, occupancy, shrinkage in (("0.8", "0.85", "0.3"), ("80%", "85 %", "0,3")):
        out = tmp_path / f"plan_{len(plans)}.csv"
        code, stdout, err = staff(capsys, forecast_with_aht, out, "--service-level", level,
                                  "--answer-within-seconds", 20, "--max-occupancy", occupancy,
                                  "--shrinkage", shrinkage)  # fmt: skip
        assert code == 0, err
        plans.append(pd.read_csv(out))
    pd.testing.assert_frame_equal(plans[1], plans[0])
    assert plans[0].rostered.tolist() == [20, 2, 12]  # 14, 1 and 8 agents at 30% shrinkage
    with pytest.raises(SystemExit) as stopped:  # argparse refuses it before `run`
        staff(capsys, forecast_with_aht, tmp_path / "x.csv", "--service-level", "8O",
              "--answer-within-seconds", 20)  # fmt: skip
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip() == (
        "error: cli.py staff: argument --service-level: invalid share '8O': give a fraction such "
        "as 0.8, or a percentage such as 80%"
    )


# 7. `plan` over a holiday staffed it lower (or not at all) without saying why: only `forecast`
# named the special days of the horizon and the ratio each is forecast at.


def test_plan_names_the_special_days_it_staffs_as_forecast_does(tmp_path):
    history = tmp_path / "history.csv"
    _history(47, 200.0).to_csv(history, index=False)  # Mon 4 March - Fri 19 April 2024
    common = (history, "--horizon-days", 7, "--model", "historical_average_4w")
    lines = {}
    for command in ("forecast", "plan"):
        done = run_cli(command, *common, "--out", tmp_path / f"{command}.csv")
        assert done.returncode == 0, done.stderr
        lines[command] = [line for line in done.stdout.splitlines() if line.startswith("special")]
    assert lines["plan"] == lines["forecast"]
    assert any("Thu 25 Apr 2024 Liberation Day" in line for line in lines["plan"]), lines


# 8. `plan --queue` cut the export to that queue before forecasting, so its horizon began after
# that queue's last row, not after the export's end as `forecast --queue` does: a queue closed
# at the weekend, in an export running to Sunday night, was planned from Saturday, a day short.


def test_plan_of_one_queue_covers_the_days_forecast_of_that_queue_covers(tmp_path):
    phone = _history(33, 200.0).assign(queue="phone")  # Mon-Fri 08:00-18:00 to Fri 5 April
    email = pd.DataFrame(  # every half hour, every day, to Sun 7 April 23:30
        {"interval_start": pd.date_range("2024-03-04", "2024-04-07 23:30", freq="30min")}
    ).assign(volume=2, aht_seconds=600.0, queue="email")
    history = tmp_path / "history.csv"
    pd.concat([phone, email]).to_csv(history, index=False)
    common = (history, "--horizon-days", 1, "--queue", "phone", *QUIET)
    forecast, plan, staffed = (tmp_path / name for name in ("f.csv", "p.csv", "s.csv"))
    assert run_cli("forecast", *common, "--out", forecast).returncode == 0
    done = run_cli("plan", *common, "--out", plan)
    assert done.returncode == 0, done.stderr
    assert "holds no open interval" not in done.stdout  # before: Saturday, closed
    planned = pd.read_csv(plan)
    assert len(planned) == 20
    assert planned.interval_start.iloc[0] == "2024-04-08 08:00:00"  # Monday
    assert planned.interval_start.tolist() == pd.read_csv(forecast).interval_start.tolist()
    done = run_cli("staff", forecast, *TARGETS, "--max-occupancy", 0.85, "--out", staffed)
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(staffed).agents.tolist() == planned.agents.tolist()


# 9. `staff PLAN.csv` (a plan staffed again with other targets) left the plan's channel column
# unread: `plan --channel chat` staffed 'phone' as chat, `staff` staffed it again as voice, as
# the name says, with many more agents and no word of the change.


def test_staff_of_a_plan_keeps_the_channel_the_plan_was_staffed_on(tmp_path, capsys):
    history = tmp_path / "history.csv"
    _history(33, 200.0).assign(queue="phone").to_csv(history, index=False)
    plan, staffed = tmp_path / "plan.csv", tmp_path / "staffed.csv"
    done = run_cli("plan", history, "--horizon-days", 3, *QUIET, "--channel", "chat",
                   "--out", plan)  # fmt: skip
    assert done.returncode == 0, done.stderr
    planned = pd.read_csv(plan)
    assert set(planned.channel) == {"chat"}
    code, stdout, err = staff(capsys, plan, staffed, *TARGETS, "--max-occupancy", 0.85)
    assert code == 0, err
    assert pd.read_csv(staffed).agents.tolist() == planned.agents.tolist()
    assert (
        f"note: staffed 'phone' as chat, as {plan}'s channel column writes them; give --channel "
        "to staff every queue on one channel"
    ) in stdout.splitlines()
    # --channel still decides for every queue; as voice the same calls need more agents.
    code, _, err = staff(capsys, plan, staffed, *TARGETS, "--max-occupancy", 0.85,
                         "--channel", "voice")  # fmt: skip
    assert code == 0, err
    assert pd.read_csv(staffed).agents.sum() > planned.agents.sum()


def test_a_channel_column_naming_no_channel_is_refused_naming_the_row(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "interval_start,queue,channel,volume,aht_seconds\n"
        "2026-01-05 09:00,phone,voice,10,180\n2026-01-05 09:30,phone,fax,10,180\n"
    )
    line = one_line_error(capsys, plan, tmp_path / "x.csv", *TARGETS)
    assert line == (
        f"error: {plan}: row 3: 'channel' is 'fax'; write one of voice, chat, email, or give "
        "--channel to staff every queue on one"
    )


# 10. "cost EUR 83,746" did not say over what: a week, the horizon or a day.


def test_the_cost_says_the_days_it_covers(forecast_with_aht, tmp_path, capsys):
    code, stdout, err = staff(capsys, forecast_with_aht, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    # 20 + 2 + 12 people for half an hour at EUR 22, 2 + 1 + 1 supervisors at EUR 30.
    assert (20 + 2 + 12) * 0.5 * 22 + (2 + 1 + 1) * 0.5 * 30 == 434
    assert "cost € 434 over 1 day (€ 22/h agent, € 30/h supervisor)" in stdout
    history = tmp_path / "history.csv"
    _history(33, 200.0).to_csv(history, index=False)
    done = run_cli("plan", history, "--horizon-days", 7, *QUIET, "--out", tmp_path / "p.csv")
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"cost € [\d,]+ over 7 days \(€ 22/h agent, € 30/h supervisor\), service level",
        done.stdout,
    ), done.stdout
