"""Staffing probe, round eleven: the FTE of a plan shorter than a week, and the hours shifts
add to a plan of fractional people, chat handle times from data stretched again by the growth,
what the Erlang A ASA is the mean of, the FTE of a week that starts at noon, and what a plan with e-mail queues reports."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from staff_support import erlang_c_agents, staff

import cli
from planning import Scenario, build_plan
from staffing.plan import StaffingSettings, evaluate_staffing
from staffing.shifts import DEFAULT_SHIFT_TYPES, plan_shifts

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20)


def _staff_out(capsys, path, tmp_path, *extra: object) -> str:
    """What `cli.py staff` prints for `path` at 80% in 20 s, once it succeeded."""
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS, *extra)
    assert code == 0, err
    return out


def _morning(tmp_path, periods: int = 4, days: int = 1) -> object:
    """`periods` half hours of 100 calls at 180 s (10 Erlangs) from 09:00 on `days` days."""
    starts = pd.DatetimeIndex(
        [
            start
            for day in pd.date_range("2026-06-01 09:00", periods=days, freq="D")
            for start in pd.date_range(day, periods=periods, freq="30min")
        ]
    )
    frame = pd.DataFrame({"interval_start": starts, "volume": 100.0, "aht_seconds": 180})
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


def test_a_one_day_plan_says_its_fte_reads_the_day_as_every_day_of_a_week(capsys, tmp_path):
    # 14 agents (textbook Erlang C at 10 Erlangs, 80/20), 20 rostered at 30% shrinkage and 2
    # supervisors in 4 half hours: 44 paid hours, read as 7 such days = 308 h / 38 = 8.1 FTE.
    # Before, '8.1 FTE' stood alone, as if the desk needed 8 people all week.
    assert erlang_c_agents(10, 180, 20, 0.8, 0.85) == 14
    out = _staff_out(capsys, _morning(tmp_path), tmp_path)
    assert "8.1 FTE, 7.4 of them agents" in out
    assert (
        "note: the 8.1 FTE read the 1 day planned as every day of a week: 44.0 paid hours a day "
        "× 7 / 38 h a contract. The day alone takes 44.0 paid hours (1.2 weekly contracts); "
        "plan a whole week for the people a week needs"
    ) in out


def test_a_three_day_plan_gives_its_mean_day_and_a_week_gets_no_such_note(capsys, tmp_path):
    out = _staff_out(capsys, _morning(tmp_path, days=3), tmp_path)
    # 3 days of 44 paid hours: 44 a day on average, 132 in all = 3.5 contracts of 38 h.
    assert "read the 3 days planned as every day of a week: 44.0 paid hours a day on average" in out
    assert "The 3 days alone take 132.0 paid hours (3.5 weekly contracts)" in out
    out = _staff_out(capsys, _morning(tmp_path, days=7), tmp_path)
    assert "8.1 FTE" in out  # 7 days of 44 h over one week: the same pace, no note
    assert "planned as every day of a week" not in out


def test_shifts_say_how_much_of_the_hours_beyond_a_fractional_need_is_rounding(capsys, tmp_path):
    # 2.5 people for 4 h, then 0.4 for 4 h: 11.6 h needed, but a shift puts whole people on
    # duty (3, then 1): 16 h. Two 8-h and one 4-h shift pay 20 h. Before, '8.4 h beyond the
    # need' read as all shift waste; 4.4 h of it is the rounding up.
    starts = pd.date_range("2026-06-01 09:00", periods=16, freq="30min")
    need = pd.Series([2.5] * 8 + [0.4] * 8, index=starts)
    result = plan_shifts(need, 30, DEFAULT_SHIFT_TYPES)
    assert result.needed_hours == pytest.approx(11.6)
    assert result.rounding_hours == pytest.approx(4.4)
    assert result.paid_hours == pytest.approx(20.0)
    assert result.coverage["on_shift"].tolist() == [3] * 8 + [2] * 8
    path = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": need.to_numpy()}).to_csv(path, index=False)
    assert cli.main(["shifts", str(path), "--out", str(tmp_path / "shifts.csv")]) == 0
    assert (
        "paid hours 20.0, needed 11.6 (58.0% of the paid hours), 8.4 h beyond the need, 4.4 h "
        "of them rounding the plan's fractional people up to whole ones"
    ) in capsys.readouterr().out
    # Whole people (the plans `staff` and `plan` write): no rounding to speak of.
    assert plan_shifts(need.round(), 30, DEFAULT_SHIFT_TYPES).rounding_hours == 0


def _chat_forecast(tmp_path) -> object:
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 09:00", periods=4, freq="30min"),
            "queue": "chat",
            "volume": [60, 60, 30, 30],
            "aht_seconds": [400, 400, 700, 700],
        }
    )
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


def test_chat_handle_times_from_a_file_are_said_to_be_stretched_by_the_growth(capsys, tmp_path):
    # Weighted by the contacts: (120 x 400 + 60 x 700) / 180 = 500 s; at 2 chats and 25% growth
    # each chat is staffed as 625 s. A chat export's handle time is measured while juggling, so
    # that stretch may be counted twice; before, nothing said so.
    path = _chat_forecast(tmp_path)
    assert (
        f"note: the chat handle times come from {path}'s aht_seconds and are stretched by the "
        "handle-time growth of 25% per extra chat at 2 chats at once ('chat' 500 s to 625 s); if "
        "they were measured while agents juggled chats"
    ) in _staff_out(capsys, path, tmp_path)
    # A handle time typed on the command line, or no growth: nothing to say.
    for extra in (("--aht-seconds", 500), ("--chat-handle-growth", 0)):
        assert "handle-time growth" not in _staff_out(capsys, path, tmp_path, *extra)


def test_plan_says_the_chat_handle_time_it_learned_is_stretched_by_the_growth():
    forecast = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-06-01 09:00", periods=4, freq="30min"),
            "queue": ["Chat"] * 4,
            "forecast": 30.0,
            "is_open": True,
        }
    )
    chat = StaffingSettings(channel="chat", chat_concurrency=3)
    notes = build_plan(forecast, 30, Scenario("Base", staffing=chat), {"Chat": 400.0}).notes
    # 3 chats at once, 25% per extra chat: 400 s x 1.5 = 600 s.
    assert any("('Chat' 400 s to 600 s)" in note for note in notes)
    voice = build_plan(forecast, 30, Scenario("Base"), {"Chat": 400.0}).notes
    assert not any("handle-time growth" in note for note in voice)


def _served_and_all_waits(erlangs: float, agents: int, aht: float, patience: float):
    """Mean wait of all offered callers and of the answered ones in M/M/n+M, from the
    birth-death chain (Palm; Mandelbaum & Zeltyn 2007, "The Palm/Erlang-A queue"). A caller
    finding j waiting ahead passes stage s = j .. 0 at rate n mu + (s + 1) theta, answered with
    probability n mu / (n mu + (j + 1) theta); exponential stages make each stage's time
    independent of how the wait ends."""
    mu, theta = 1.0 / aht, 1.0 / patience
    top = agents + 150  # 150 waiting at 10 Erlangs and 15 agents: weight below 1e-100
    weights = [1.0]
    for k in range(1, top + 1):
        weights.append(
            weights[-1] * erlangs * mu / (min(k, agents) * mu + max(k - agents, 0) * theta)
        )
    total = sum(weights)
    all_wait = served_wait = answered = 0.0
    answered += sum(weights[:agents]) / total
    for k in range(agents, top):
        ahead = k - agents
        times = [1.0 / (agents * mu + (s + 1) * theta) for s in range(ahead, -1, -1)]
        served = agents * mu / (agents * mu + (ahead + 1) * theta)
        reach, mean = 1.0, 0.0
        for s, time in zip(range(ahead, -1, -1), times, strict=True):
            mean += reach * time
            reach *= (agents * mu + s * theta) / (agents * mu + (s + 1) * theta)
        share = weights[k] / total
        all_wait += share * mean
        served_wait += share * served * sum(times)
        answered += share * served
    return all_wait, served_wait / answered


def test_erlang_a_asa_is_the_mean_wait_of_every_caller_and_the_help_says_so(capsys):
    # 100 calls of 180 s per 30 minutes (10 Erlangs), 15 agents, 60-s patience: every offered
    # caller waits 1.07 s on average (= 1.78% abandoning x 60 s, Little's law on the queue),
    # the answered ones 0.83 s. The plan's asa_seconds is the first; its help called it
    # "average speed of answer" alone, which an ACD report computes over answered calls.
    all_wait, served_wait = _served_and_all_waits(10.0, 15, 180.0, 60.0)
    assert all_wait == pytest.approx(1.0668, abs=1e-4)
    assert served_wait == pytest.approx(0.8319, abs=1e-4)
    frame = pd.DataFrame(
        {"interval_start": pd.date_range("2026-06-01 09:00", periods=1, freq="30min"),
         "volume": [100.0], "agents": [15]}
    )  # fmt: skip
    plan = evaluate_staffing(frame, 30, StaffingSettings(aht_seconds=180, patience_seconds=60))
    assert plan["asa_seconds"].iloc[0] == pytest.approx(all_wait, rel=1e-9)
    with pytest.raises(SystemExit):
        cli.main(["staff", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "asa_seconds average speed of answer in seconds; with --patience-seconds the mean wait "
        "of every caller, those who hang up included, as --max-asa-seconds caps it "
        "(answered_asa_seconds gives the answered callers' own wait)"
    ) in text


def _week_from(tmp_path, first: str) -> object:
    """Seven days of 100 calls of 180 s every half hour round the clock from `first`."""
    starts = pd.date_range(first, periods=7 * 48, freq="30min")
    frame = pd.DataFrame({"interval_start": starts, "volume": 100.0, "aht_seconds": 180})
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    return path


def test_a_week_that_starts_at_noon_has_the_fte_of_a_week(capsys, tmp_path):
    # 20 rostered and 2 supervisors round the clock for 7 days: 22 x 168 h / 38 h = 97.3 FTE.
    # Started at Mon 12:00 (a forecast with a midday origin), its last interval falls on the
    # 8th date and the paid hours were spread over 8 days: 85.1 FTE, 'over 8 days'.
    assert 22 * 168 / 38 == pytest.approx(97.26, abs=0.01)
    for first in ("2026-06-01 00:00", "2026-06-01 12:00"):
        out = _staff_out(capsys, _week_from(tmp_path, first), tmp_path)
        assert "97.3 FTE, 88.4 of them agents, cost € 84,000 over 7 days" in out


def test_an_email_plan_says_its_mail_is_answered_within_the_window_and_its_response_time(
    capsys, tmp_path
):
    # 10 mails of 300 s every 15 minutes round the clock, worked 08:00-18:00 within 4 working
    # hours: the night's 168,000 s of mail is done by 12:00 (18 agents at 85% occupancy, as
    # round eight works out). Before, the line ended 'service level 100.0%', read as calls in
    # seconds, and the mean response time (7.1 h, nights included) was not said.
    starts = pd.date_range("2026-06-01", periods=7 * 96, freq="15min")
    frame = pd.DataFrame({"interval_start": starts, "volume": 10.0, "aht_seconds": 300})
    path = tmp_path / "forecast.csv"
    frame.assign(queue="E-mail").to_csv(path, index=False)
    out = _staff_out(capsys, path, tmp_path, "--email-hours", "8-18", "--email-response-hours", 4)
    assert "peak 18 agents" in out
    assert (
        "over 7 days (€ 22/h agent, € 30/h supervisor), 100.0% of e-mails answered within the "
        "4-hour response window. The response window counts only the hours e-mail is worked; "
        "the mean response time, 7.1 h, counts every hour on the clock, the hours e-mail is not "
        "worked included\n"
    ) in out
    assert "service level" not in out.splitlines()[0]
    # Calls keep their service level.
    frame.assign(queue="Phone").to_csv(path, index=False)
    line = _staff_out(capsys, path, tmp_path).splitlines()[0]
    assert re.search(r", service level \d+\.\d%$", line) and "e-mails" not in line


def test_a_plan_mixing_email_with_calls_says_both_services(capsys, tmp_path):
    # Two hours of quarter hours: 50 calls, 30 chats and 20 e-mails of 180 s each. The service
    # level is the calls' 88.84% and the chats' 93.58% weighted by their contacts: (50 x 0.8884
    # + 30 x 0.9358) / 80 = 90.6%. Before, 'service level 90.6%' alone left the e-mails out
    # without a word.
    starts = pd.date_range("2026-01-05 09:00", periods=8, freq="15min")
    queues = {"Phone": 50, "Chat sales": 30, "E-mail support": 20}
    frame = pd.concat(
        pd.DataFrame({"interval_start": starts, "queue": queue, "volume": volume})
        for queue, volume in queues.items()
    )
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    out = _staff_out(capsys, path, tmp_path, "--aht-seconds", 180)
    assert (
        "service level 90.6% on the calls and chats, 100.0% of e-mails answered within the "
        "24-hour response window\n"
    ) in out
    frame[frame.queue != "Chat sales"].to_csv(path, index=False)
    out = _staff_out(capsys, path, tmp_path, "--aht-seconds", 180)
    assert "service level 88.8% on the calls, 100.0% of e-mails answered within the" in out
    # Callers hanging up are the calls' figure, said beside them, not after the e-mails'.
    out = _staff_out(capsys, path, tmp_path, "--aht-seconds", 180, "--patience-seconds", 60)
    assert re.search(
        r"service level [\d.]+% on the calls, [\d.]+% of calls abandoned, 100\.0% of e-mails", out
    )
