"""Probe round one of the staffing maths and the `staff`/`plan` command line: fixed findings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli

from data.errors import InputError
from staffing import queue_metrics, required_agents
from staffing.backlog import email_plan
from staffing.chat import chat_required_agents
from staffing.erlang_a import _log_waiting_weight

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]


@pytest.fixture()
def three_queues(tmp_path):
    """Two hours of 15-minute intervals for a phone, a chat and an e-mail queue."""
    starts = pd.date_range("2026-01-05 09:00", periods=8, freq="15min")
    frame = pd.concat(
        pd.DataFrame({"interval_start": starts, "queue": queue, "volume": volume})
        for queue, volume in (("Phone", 50), ("Chat sales", 30), ("E-mail support", 20))
    )
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


def test_staff_sizes_email_and_chat_queues_on_the_channels_their_names_say(three_queues, tmp_path):
    # Before: every queue was voice, so 20 mails per 15 minutes (due within 24 h) were sized as
    # calls answered within 20 s at 85% occupancy: 7 agents all day instead of 1 or 2.
    out = tmp_path / "plan.csv"
    result = run_cli("staff", three_queues, "--aht-seconds", "180", *TARGETS, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "'Chat sales' as chat, 'E-mail support' as email" in result.stdout
    plan = pd.read_csv(out)
    assert "backlog" in plan.columns
    agents = {queue: rows["agents"].to_numpy() for queue, rows in plan.groupby("queue")}
    np.testing.assert_array_equal(
        agents["Phone"], required_agents(np.full(8, 50.0), 180, 900, 0.8, 20, 0.85)
    )
    assert agents["Phone"][0] == 14  # the worked example, capped at 85% occupancy
    np.testing.assert_array_equal(
        agents["Chat sales"],
        chat_required_agents(np.full(8, 30.0), 180, 900, 0.8, 20, max_occupancy=0.85),
    )
    mail = email_plan(np.full(8, 20.0), 180, 900, 24.0, productivity=0.85)["agents"]
    np.testing.assert_array_equal(agents["E-mail support"], mail.to_numpy())
    assert agents["E-mail support"].max() <= 2
    voice = required_agents(20, 180, 900, 0.8, 20, 0.85)
    assert voice == 7 and agents["E-mail support"].max() < voice
    # --channel still puts every queue on one channel, as before
    result = run_cli("staff", three_queues, "--aht-seconds", "180", *TARGETS,
                     "--channel", "voice", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "as their names say" not in result.stdout
    plan = pd.read_csv(out)
    assert "backlog" not in plan.columns
    assert (plan.loc[plan["queue"] == "E-mail support", "agents"] == voice).all()


def test_plan_sizes_an_email_queue_as_email(tmp_path):
    # Four weeks of 30-minute history for 'phone' and 'email', 08:00-18:00 on weekdays.
    starts = pd.date_range("2026-01-05", "2026-02-01 23:30", freq="30min")
    hours = starts.hour + starts.minute / 60
    is_open = (starts.day_of_week < 5) & (hours >= 8) & (hours < 18)
    frames = [
        pd.DataFrame({"timestamp": starts[is_open].strftime("%Y-%m-%d %H:%M"),
                      "queue": queue, "count": count})
        for queue, count in (("phone", 40), ("email", 40))
    ]  # fmt: skip
    history = tmp_path / "history.csv"
    pd.concat(frames).to_csv(history, index=False)
    out = tmp_path / "plan.csv"
    result = run_cli("plan", history, "--horizon-days", 7, "--aht-seconds", 300,
                     "--model", "historical_average_4w", "--out", out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "'email' as email" in result.stdout
    plan = pd.read_csv(out)
    channels = plan.groupby("queue")["channel"].first().to_dict()
    assert channels == {"email": "email", "phone": "voice"}
    # 40 calls of 300 s per half hour at 80/20 and 85% occupancy: 10 agents (before, the e-mail
    # queue got them too); the same 40 mails, answered within 24 h, keep 40 * 300 / 1800 = 6.67
    # agents busy, 7.84 at 85% occupancy on average, and every mail is answered in time.
    phone = plan.loc[plan["queue"] == "phone", "agents"]
    mail = plan[plan["queue"] == "email"]
    assert (phone == required_agents(40, 300, 1800, 0.8, 20, 0.85)).all()
    assert phone.iloc[0] == 10
    assert mail["agents"].mean() == pytest.approx(40 * 300 / 1800 / 0.85, rel=0.03)
    assert (mail["service_level"] == 1.0).all()
    assert mail["backlog"].max() > 0


def test_staff_refuses_an_interval_longer_than_the_data_step(tmp_path):
    # Before: --interval-minutes 30 on 15-minute data spread each interval's 100 calls over half
    # an hour: 21 agents where 39 are needed, written without a word.
    path = tmp_path / "forecast.csv"
    starts = pd.date_range("2026-01-05 09:00", periods=4, freq="15min")
    pd.DataFrame({"interval_start": starts, "volume": 100}).to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    common = [path, "--aht-seconds", "300", *TARGETS, "--max-occupancy", "1", "--out", out]
    result = run_cli("staff", *common, "--interval-minutes", "30")
    assert result.returncode == 2
    assert "--interval-minutes 30 is longer than the 15 minutes between" in result.stderr
    assert not out.exists()
    assert required_agents(100, 300, 1800, 0.8, 20) == 21
    result = run_cli("staff", *common, "--interval-minutes", "15")
    assert result.returncode == 0, result.stderr
    assert (pd.read_csv(out)["agents"] == 39).all()
    assert required_agents(100, 300, 900, 0.8, 20) == 39


def test_staff_refuses_a_zero_interval_instead_of_ignoring_it(tmp_path):
    # Before: 0 was read as "not given" and the plan written on the file's 15 minutes.
    path = tmp_path / "forecast.csv"
    starts = pd.date_range("2026-01-05 09:00", periods=4, freq="15min")
    pd.DataFrame({"interval_start": starts, "volume": 100}).to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    result = run_cli("staff", path, "--aht-seconds", "300", *TARGETS,
                     "--interval-minutes", "0", "--out", out)  # fmt: skip
    assert result.returncode == 2
    assert "--interval-minutes must be greater than 0 (got 0)" in result.stderr
    assert not out.exists()


def test_a_single_setting_that_is_not_a_number_is_named_without_a_position():
    # Before: "service level must be a finite number; position 0 is nan" for one typed value.
    with pytest.raises(InputError) as caught:
        required_agents(100, 300, 900, float("nan"), 20)
    assert str(caught.value) == "service level must be a finite number, got nan"
    with pytest.raises(InputError, match="position 1 is inf"):
        required_agents([100, float("inf")], 300, 900, 0.8, 20)


def test_erlang_a_tends_to_erlang_c_for_very_patient_callers_at_a_large_center():
    # 5,000 calls of 300 s per 15 minutes (1,666.7 Erlangs) on 1,667 agents. Before, scipy's
    # gammainc(5.6e8, 5.555e8) lost its digits: at 1e8 s and 1e9 s of patience the ASA read
    # 39,484 s and 394,291 s (4.5 days) and abandonment stopped falling at 3.9e-4, where Erlang
    # C (infinite patience) waits 890.9 s on average.
    erlang_c = queue_metrics(5000, 300, 900, 1667, 20)
    assert erlang_c["asa_seconds"].iloc[0] == pytest.approx(890.88, abs=0.01)
    asa, abandon = [], []
    for patience in (1e7, 1e8, 1e9, 1e10):
        got = queue_metrics(5000, 300, 900, 1667, 20, patience_seconds=patience)
        asa.append(got["asa_seconds"].iloc[0])
        abandon.append(got["abandon_rate"].iloc[0])
    assert np.all(np.diff(asa) > 0) and np.all(np.diff(abandon) < 0)
    assert asa[2] == pytest.approx(883.0, abs=0.5)
    assert asa[3] == pytest.approx(890.08, abs=0.05)
    assert abandon[2] == pytest.approx(8.83e-7, rel=1e-3)
    # the waiting weight J itself, against summing its series term by term
    x, b = np.array([5000 * 1e9 / 900]), np.array([1667 * 1e9 / 300])
    terms = np.r_[0.0, np.cumsum(-np.log1p((b + np.arange(1.0, 2e5) - x) / x))]
    assert _log_waiting_weight(x, b)[0] == pytest.approx(np.logaddexp.reduce(terms), abs=1e-9)
