"""`cli.py plan`: import + forecast + staffing from the command line, as a subprocess."""

from __future__ import annotations

import subprocess

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli, stderr_notes

from data.importer import import_files
from staffing import required_agents

PLAN_COLUMNS = [
    "interval_start", "queue", "channel", "volume", "sized_for_volume", "aht_seconds", "agents",
    "limit", "rostered", "supervisors", "service_level", "asa_seconds", "occupancy", "backlog",
    "paid_hours", "cost",
]  # fmt: skip


def run_plan(*arguments: object) -> subprocess.CompletedProcess:
    return run_cli("plan", *arguments)


@pytest.fixture(scope="module")
def office_hours_csv(tmp_path_factory):
    """Six weeks of 30-minute counts, open Monday-Friday 08:00-18:00 (20 slots a day)."""
    starts = pd.date_range("2026-01-05", "2026-02-15 23:30", freq="30min")
    hours = starts.hour + starts.minute / 60
    is_open = (starts.day_of_week < 5) & (hours >= 8) & (hours < 18)
    rng = np.random.default_rng(7)
    calls = np.where(is_open, rng.poisson(30 + 20 * np.sin((hours - 8) / 10 * np.pi)), 0)
    frame = pd.DataFrame({"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": calls})
    path = tmp_path_factory.mktemp("cli-plan") / "office.csv"
    frame[is_open].to_csv(path, index=False)  # closed slots are simply absent, as in exports
    return path


def test_plan_of_generated_office_hours_staffs_every_open_half_hour(office_hours_csv, tmp_path):
    out = tmp_path / "plan.csv"
    result = run_plan(office_hours_csv, "--horizon-days", 7, "--aht-seconds", 240,
                     "--model", "historical_average_4w", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert all(line.startswith("import: ") for line in stderr_notes(result.stderr))
    assert f"wrote 100 open intervals to {out}" in result.stdout
    plan = pd.read_csv(out, parse_dates=["interval_start"])
    assert plan.columns.tolist() == PLAN_COLUMNS
    # 5 working days x 20 half hours; the week after the history, nothing on the weekend
    assert len(plan) == 100
    assert plan["interval_start"].min() == pd.Timestamp("2026-02-16 08:00")
    assert plan["interval_start"].max() == pd.Timestamp("2026-02-20 17:30")
    assert (plan["interval_start"].dt.day_of_week < 5).all()
    # Agents are Erlang C on the written volume at 80/20 (at least one agent while open).
    expected = np.maximum(required_agents(plan["volume"], 240.0, 1800.0, 0.8, 20.0), 1)
    np.testing.assert_array_equal(plan["agents"], expected)
    assert (plan["service_level"] >= 0.8 - 1e-9).all()
    assert (plan["rostered"] >= plan["agents"]).all()
    # The app's default occupancy cap (85%) holds here too; below 4 agents Erlang C alone
    # leaves them idler than that at 80/20.
    assert plan["occupancy"].max() <= 0.85 + 1e-9


def test_the_default_occupancy_cap_is_the_apps_and_1_lifts_it(office_hours_csv, tmp_path):
    # Ten times the calls: Erlang C at 80/20 alone would keep agents over 85% busy.
    frame = pd.read_csv(office_hours_csv)
    frame["calls"] *= 10
    busy = tmp_path / "busy.csv"
    frame.to_csv(busy, index=False)
    capped, uncapped = tmp_path / "capped.csv", tmp_path / "uncapped.csv"
    common = [busy, "--horizon-days", 7, "--aht-seconds", 240, "--model", "historical_average_4w"]
    assert run_plan(*common, "--out", capped).returncode == 0
    assert run_plan(*common, "--max-occupancy", 1, "--out", uncapped).returncode == 0
    capped, uncapped = pd.read_csv(capped), pd.read_csv(uncapped)
    assert capped["occupancy"].max() <= 0.85 + 1e-9 < uncapped["occupancy"].max()
    assert (capped["agents"] >= uncapped["agents"]).all()
    np.testing.assert_array_equal(
        uncapped["agents"],
        np.maximum(required_agents(uncapped["volume"], 240.0, 1800.0, 0.8, 20.0), 1),
    )


def test_several_files_are_queues_and_queue_option_picks_one(office_hours_csv, tmp_path):
    # A second file, one queue each: a quieter chat queue (the same hours, a third of the calls).
    frame = pd.read_csv(office_hours_csv)
    chat = tmp_path / "chat.csv"
    frame.assign(calls=frame["calls"] // 3).to_csv(chat, index=False)
    common = ["--horizon-days", 7, "--aht-seconds", 240, "--model", "historical_average_4w"]
    both, only_chat = tmp_path / "both.csv", tmp_path / "chat-plan.csv"
    assert run_plan(office_hours_csv, chat, *common, "--out", both).returncode == 0
    result = run_plan(office_hours_csv, chat, *common, "--queue", "chat", "--out", only_chat)
    assert result.returncode == 0, result.stderr
    both, only_chat = pd.read_csv(both), pd.read_csv(only_chat)
    assert both.groupby("queue").size().to_dict() == {"chat": 100, "office": 100}
    assert set(only_chat["queue"]) == {"chat"}
    # Planning one queue alone gives it the same staff as planning it next to the other.
    np.testing.assert_array_equal(
        only_chat["agents"], both.loc[both["queue"] == "chat", "agents"].to_numpy()
    )
    office = both[both["queue"] == "office"]
    assert office["volume"].sum() > 2 * both.loc[both["queue"] == "chat", "volume"].sum()


def test_higher_quantile_and_volume_change_staff_more(office_hours_csv, tmp_path):
    common = [office_hours_csv, "--horizon-days", 7, "--aht-seconds", 240,
              "--model", "historical_average_4w"]  # fmt: skip
    mean_out, p90_out = tmp_path / "mean.csv", tmp_path / "p90.csv"
    assert run_plan(*common, "--out", mean_out).returncode == 0
    result = run_plan(*common, "--quantile", "p90", "--volume-change-pct", 20, "--out", p90_out)
    assert result.returncode == 0, result.stderr
    assert "on the mean forecast" in result.stdout  # the service level is the expected one
    mean, p90 = pd.read_csv(mean_out), pd.read_csv(p90_out)
    # Sized on the P90 +20%; the volume written is the mean +20%, the contacts expected.
    assert (p90["sized_for_volume"] >= mean["volume"] * 1.2 - 1e-9).all()
    np.testing.assert_allclose(p90["volume"], mean["volume"] * 1.2)
    np.testing.assert_array_equal(mean["sized_for_volume"], mean["volume"])
    assert (p90["agents"] >= mean["agents"]).all()
    assert p90["cost"].sum() > mean["cost"].sum()


def test_a_volume_change_on_some_days_changes_only_those_days(office_hours_csv, tmp_path):
    common = [office_hours_csv, "--horizon-days", 7, "--aht-seconds", 240,
              "--model", "historical_average_4w"]  # fmt: skip
    plain_out, week_out = tmp_path / "plain.csv", tmp_path / "lockdown.csv"
    assert run_plan(*common, "--out", plain_out).returncode == 0
    result = run_plan(*common, "--volume-change-pct", 30, "--change-from", "2026-02-17",
                      "--change-to", "2026-02-18", "--out", week_out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    plain = pd.read_csv(plain_out, parse_dates=["interval_start"])
    week = pd.read_csv(week_out, parse_dates=["interval_start"])
    inside = plain["interval_start"].dt.day.isin([17, 18]).to_numpy()
    assert inside.sum() == 40  # Tuesday and Wednesday, 20 half hours each
    np.testing.assert_allclose(week["volume"][inside], plain["volume"][inside] * 1.3)
    np.testing.assert_array_equal(week["agents"][~inside], plain["agents"][~inside])
    assert week["agents"][inside].sum() > plain["agents"][inside].sum()


def test_plan_says_what_the_forecast_noticed(office_hours_csv, tmp_path):
    # A second queue whose export stops four weeks before the first one's: staffed on, and said.
    frame = pd.read_csv(office_hours_csv)
    legacy = tmp_path / "legacy.csv"
    frame[frame["timestamp"] < "2026-01-19"].to_csv(legacy, index=False)
    out = tmp_path / "plan.csv"
    result = run_plan(office_hours_csv, legacy, "--horizon-days", 7, "--aht-seconds", 240,
                      "--model", "historical_average_4w", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "note: legacy: no data after Fri 16 Jan 2026, 28 days before the forecast starts" in (
        result.stdout
    )
    assert set(pd.read_csv(out)["queue"]) == {"office", "legacy"}


def test_plan_of_bank_call_log_uses_learned_handle_time(shared_data, tmp_path):
    log = shared_data / "anonymous_bank" / "february_1999.txt"
    out = tmp_path / "bank-plan.csv"
    result = run_plan(log, "--horizon-days", 7, "--out", out)
    assert result.returncode == 0, result.stderr
    plan = pd.read_csv(out, parse_dates=["interval_start"])
    assert plan.columns.tolist() == PLAN_COLUMNS
    # One row per open 15-minute slot of the week 1999-03-01 .. 03-07, by the learned open hours.
    dataset = import_files([log])
    open_slots = dataset.open_hours[dataset.open_hours["is_open"]]
    assert len(plan) == len(open_slots)
    assert plan["interval_start"].min() >= pd.Timestamp("1999-03-01")
    assert plan["interval_start"].max() < pd.Timestamp("1999-03-08")
    assert not plan.duplicated(["queue", "interval_start"]).any()
    # Handle time learned from the calls (mean talk time about 176 s per ../shared/README.md),
    # shaped by weekday and time of day: the calls of 09:00-12:00 run longer than at 07:00.
    assert (plan["aht_seconds"] * plan["volume"]).sum() / plan["volume"].sum() == pytest.approx(
        176, abs=15
    )
    by_hour = plan.groupby(plan["interval_start"].dt.hour)["aht_seconds"].mean()
    assert by_hour.loc[9:12].min() > by_hour.loc[7] * 1.1
    assert "note: the handle time of 'all' follows the weekday and time of day" in result.stdout
    assert plan["agents"].max() > 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--horizon-days", "abc"], "--horizon-days: invalid int value"),
        (["--quantile", "p95"], "--quantile: invalid choice"),
        (["--service-level", "1.5"], "service level must be a fraction"),
        (["--supervisor-span", "20"], "span"),
        (["--queue", "nope"], "--queue nope: no such queue"),
        (["--volume-change-pct", "-150"], "below -100%"),
        (["--change-from", "17/13/2026"], "'17/13/2026' is not a date; write it as YYYY-MM-DD"),
        (["--change-from", "2026-02-18", "--change-to", "2026-02-17"], "must not be after"),
        (
            ["--horizon-days", "0", "--aht-seconds", "240"],
            "--horizon-days 0: the horizon must be at least one day",
        ),
        ([], "give --aht-seconds"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(office_hours_csv, tmp_path, capsys, arguments, message):
    # In-process through cli.main (what the subprocess runs) to keep the suite quick.
    import cli

    if "--horizon-days" not in arguments:
        arguments = [*arguments, "--horizon-days", "7"]
    out = tmp_path / "never.csv"
    try:
        code = cli.main(["plan", str(office_hours_csv), *arguments, "--out", str(out)])
    except SystemExit as exit_:
        code = exit_.code
    stderr = capsys.readouterr().err
    assert code == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert not out.exists()


def test_missing_file_exits_2_with_one_line_naming_it(tmp_path):
    result = run_plan(tmp_path / "absent.csv", "--horizon-days", 7, "--out", tmp_path / "p.csv")
    assert result.returncode == 2
    assert "absent.csv" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_option_exits_2_with_one_line(office_hours_csv, tmp_path):
    result = run_plan(office_hours_csv, "--horizon-days", 7, "--colour", "red",
                     "--out", tmp_path / "p.csv")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: cli.py plan: unrecognized arguments: --colour red (plan has no --colour); "
        "see cli.py plan --help"
    ]


def test_an_implausible_learned_handle_time_is_refused_not_staffed(tmp_path):
    # A handle time implausible in seconds and in milliseconds alike (8 hours a call): it would
    # staff thousands of agents, so the plan stops and asks for the handle time instead.
    starts = pd.date_range("2026-01-05 08:00", periods=20 * 28, freq="30min")
    frame = pd.DataFrame(
        {"timestamp": starts.strftime("%Y-%m-%d %H:%M"), "calls": 10, "Avg Handle": 29_000_000}
    )
    path = tmp_path / "genesys.csv"
    frame.to_csv(path, index=False)
    result = run_plan(path, "--horizon-days", 1, "--out", tmp_path / "plan.csv")
    assert result.returncode == 2
    assert "implausible for genesys (29,000,000 s)" in result.stderr
    assert "--aht-seconds" in result.stderr
    assert not (tmp_path / "plan.csv").exists()
