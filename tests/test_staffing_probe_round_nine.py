"""Staffing probe, round nine: intervals deleted from a forecast before `cli.py staff`, the
Erlang A occupancy cap met up to rounding, and an e-mail plan that starts on a closed day."""

from __future__ import annotations

import pandas as pd
import pytest
from staff_support import staff

from staffing.erlang_a import erlang_a_metrics
from staffing.plan import StaffingSettings, plan_staffing
from staffing.queueing import agents_per_target, failing_targets, required_agents

TARGETS = ("--service-level", 0.8, "--answer-within-seconds", 20, "--aht-seconds", 300)


def _desk_forecast(weeks: int = 2, queue: str | None = "phone") -> pd.DataFrame:
    """What `cli.py forecast` writes for a Mon-Fri 08:00-18:00 desk: only its open intervals,
    so nights and weekends are absent on every day. Starts Monday 1 June 2026."""
    starts = pd.date_range("2026-06-01", periods=weeks * 7 * 96, freq="15min")
    starts = starts[(starts.day_of_week < 5) & (starts.hour >= 8) & (starts.hour < 18)]
    frame = pd.DataFrame({"interval_start": starts, "volume": 20.0})
    if queue is not None:
        frame.insert(1, "queue", queue)
    return frame


def _without(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """`frame` less the rows from `first` to `last` (a block deleted in a spreadsheet)."""
    starts = pd.to_datetime(frame["interval_start"])
    return frame[(starts < pd.Timestamp(first)) | (starts > pd.Timestamp(last))]


def test_a_forecast_of_open_intervals_only_gets_no_missing_note(capsys, tmp_path):
    # 10 working days x 40 intervals: the nights and the weekend are closed hours, absent on
    # every day alike, so nothing is missing.
    path = tmp_path / "forecast.csv"
    _desk_forecast().to_csv(path, index=False)
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    assert "missing" not in err and "missing" not in out
    assert len(pd.read_csv(tmp_path / "plan.csv")) == 400


def test_intervals_deleted_from_the_forecast_are_named_in_a_note(capsys, tmp_path):
    full, cut = tmp_path / "full.csv", tmp_path / "cut.csv"
    _desk_forecast().to_csv(full, index=False)
    # Monday 1 June 09:00-11:45 deleted: 12 quarter hours that Monday 8 June lists.
    _without(_desk_forecast(), "2026-06-01 09:00", "2026-06-01 11:45").to_csv(cut, index=False)
    code, out, err = staff(capsys, cut, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    assert (
        f"note: {cut}: 12 intervals missing between Mon 1 Jun 2026 09:00 and 11:45 "
        "(queue 'phone') are staffed as nobody"
    ) in out
    assert "put them back with their forecast if they are open" in out
    # Only the note is new: the plan and the summary are the file's own 388 intervals.
    assert len(pd.read_csv(tmp_path / "plan.csv")) == 388
    assert "wrote 388 intervals" in out
    staff(capsys, full, tmp_path / "full_plan.csv", *TARGETS)
    full_plan = pd.read_csv(tmp_path / "full_plan.csv")
    kept = pd.read_csv(tmp_path / "plan.csv")
    assert (
        kept.agents.tolist()
        == full_plan.set_index("interval_start").loc[kept.interval_start, "agents"].tolist()
    )


def test_several_deleted_blocks_are_counted_and_the_first_named(capsys, tmp_path):
    frame = _desk_forecast(weeks=3, queue=None)
    for first, last in (
        ("2026-06-02 17:00", "2026-06-02 17:45"),  # Tuesday's last hour: 4
        ("2026-06-10 08:00", "2026-06-10 08:15"),  # Wednesday's first half hour: 2
        ("2026-06-12 12:30", "2026-06-12 12:30"),  # one Friday quarter hour: 1
        ("2026-06-15 10:00", "2026-06-15 10:15"),  # Monday 15 June: 2
        ("2026-06-17 08:00", "2026-06-17 17:45"),  # all of Wednesday 17 June: a holiday
    ):
        frame = _without(frame, first, last)
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    # The fourth block is counted, the first three named; a day absent whole is closed, as
    # `cli.py forecast` writes a holiday it closes. No queue column: no queue named.
    assert (
        f"note: {path}: 9 intervals missing, in 4 runs: between Tue 2 Jun 2026 17:00 and "
        "17:45, between Wed 10 Jun 2026 08:00 and 08:15, at Fri 12 Jun 2026 12:30 "
        "and 1 more, are staffed as nobody"
    ) in out
    assert "(queue" not in out


def test_a_deleted_first_or_last_interval_of_the_file_is_outside_its_span(capsys, tmp_path):
    # The file's span is its first to its last listed interval: a forecast starting at 10:00
    # or ending at 12:00 is a shorter forecast, not missing rows.
    frame = _without(_desk_forecast(), "2026-06-01 00:00", "2026-06-01 09:45")
    frame = _without(frame, "2026-06-12 12:15", "2026-06-12 23:45")
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    code, out, err = staff(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert code == 0, err
    assert "missing" not in err and "missing" not in out


# Loads at which n agents are busy exactly the occupancy cap: A / cap = n in exact arithmetic.
# Far more agents than Erlangs wait almost never (abandonment ~1e-18 and below), so Erlang A
# carries all the load, as Erlang C does.
EXACT_CAP_LOADS = [
    # 98.1 calls x 300 s / 900 s = 32.7 Erlangs; 32.7 / 0.3 = 109 agents, read 0.30000000000000004
    pytest.param(98.1, 300.0, 900.0, 0.3, 109, id="32.7 Erlangs at a 30% cap"),
    # 20,519 calls x 180 s / 1,800 s = 2,051.9 Erlangs; / 0.85 = 2,414, read 0.8500000000000001
    pytest.param(20519.0, 180.0, 1800.0, 0.85, 2414, id="2,051.9 Erlangs at an 85% cap"),
]


@pytest.mark.parametrize(("volume", "aht", "interval", "cap", "agents"), EXACT_CAP_LOADS)
def test_erlang_a_takes_the_agents_whose_occupancy_is_the_cap_up_to_rounding(
    volume, aht, interval, cap, agents
):
    got = erlang_a_metrics(volume * aht / interval, float(agents), aht, 20.0, 180.0)
    assert got["occupancy"][0] == pytest.approx(cap, rel=1e-15)  # the cap, to the last digit
    assert got["abandon_rate"][0] < 1e-15
    targets = dict(max_occupancy=cap, patience_seconds=180.0)
    # The occupancy cap binds (the 80% in 20 s target needs far fewer), and Erlang C agrees.
    assert required_agents(volume, aht, interval, 0.8, 20, max_occupancy=cap) == agents
    assert required_agents(volume, aht, interval, 0.8, 20, **targets) == agents  # was + 1
    assert agents_per_target(volume, aht, interval, 0.8, 20, **targets)["occupancy"] == agents
    failing = failing_targets(volume, aht, interval, agents, 0.8, 20, **targets)
    assert not failing["occupancy"]  # was missed at the cap itself
    assert failing_targets(volume, aht, interval, agents - 1, 0.8, 20, **targets)["occupancy"]


def test_a_plan_with_patience_staffs_the_exact_cap_as_without():
    frame = pd.DataFrame(
        {"interval_start": pd.date_range("2026-06-01 09:00", periods=2, freq="15min"),
         "volume": [98.1, 0.0]}
    )  # fmt: skip
    settings = StaffingSettings(aht_seconds=300.0, max_occupancy=0.3, patience_seconds=180.0)
    plan = plan_staffing(frame, 15, settings)
    assert plan.agents.tolist() == [109, 1]
    assert plan.limit.iloc[0] == "occupancy"


def _office_mail(
    start: str, days: int, response_hours: float, sunday_mail: float = 10.0
) -> pd.DataFrame:
    """10 e-mails of 5 minutes every 15 minutes round the clock (`sunday_mail` on Sundays),
    worked Mon-Fri 08:00-18:00; the plan `plan_staffing` makes of them, by interval_start."""
    starts = pd.date_range(start, periods=days * 96, freq="15min")
    frame = pd.DataFrame(
        {
            "interval_start": starts,
            "volume": pd.Series(10.0, index=starts).where(starts.day_of_week != 6, sunday_mail),
            "aht_seconds": 300.0,
            "is_open": starts.day_of_week < 5,  # the desk is shut to mail at the weekend
        }
    ).reset_index(drop=True)
    settings = StaffingSettings(
        channel="email", email_response_hours=response_hours, email_hours=(8.0, 18.0)
    )
    return plan_staffing(frame, 15, settings).set_index("interval_start")


MONDAY = "2026-12-07"  # the plans below start Sunday 6 or Monday 7 December 2026


@pytest.mark.parametrize(
    ("response_hours", "monday_total"),
    [
        # 4 working hours: the night's mail (Sunday 18:00 to Monday 08:00, 56 intervals x
        # 3,000 s) is shared by 08:00-11:45, 15 agents each (see round eight), then 3,000 s an
        # interval (3.33 agents) to 18:00: 16 x 15 + 24 x 10 / 3 = 320 agent-intervals.
        pytest.param(4.0, 320, id="4 working hours"),
        # 24 working hours (2.4 working days): in steady state a day pays for a day's mail,
        # 96 x 3,000 s / 900 s = 320 agent-intervals.
        pytest.param(24.0, 320, id="24 working hours"),
    ],
)
def test_a_plan_starting_on_a_closed_day_staffs_monday_as_one_starting_monday(
    response_hours, monday_total
):
    # No mail on the closed Sunday: Monday must not depend on whether the plan lists Sunday.
    # It started with an empty inbox: 215 (4 h) and 73 (24 h) agent-intervals on Monday.
    from_sunday = _office_mail("2026-12-06", 4, response_hours, sunday_mail=0.0).loc[MONDAY]
    from_monday = _office_mail(MONDAY, 3, response_hours, sunday_mail=0.0).loc[MONDAY]
    assert from_monday.agents.sum() == monday_total
    assert from_sunday.agents.tolist() == from_monday.agents.tolist()
    assert from_sunday.backlog.tolist() == pytest.approx(from_monday.backlog.tolist())
    assert from_sunday.service_level.min() == pytest.approx(1.0)


def test_the_closed_days_mail_is_answered_on_top_of_the_usual_monday():
    # Sunday's own mail (96 intervals x 10 e-mails x 300 s = 288,000 s) joins the inbox Monday
    # 08:00 opens on and is due by 12:00 (4 working hours): 18,000 s = 20 more agents in each
    # of 08:00-11:45 than a Monday whose day before was a working day (15), the afternoon alike.
    # It was 27-30 agents, the inbox carried in from before Sunday left out.
    from_sunday = _office_mail("2026-12-06", 4, 4.0).loc[MONDAY]
    from_monday = _office_mail(MONDAY, 3, 4.0).loc[MONDAY]
    morning = slice(f"{MONDAY} 08:00", f"{MONDAY} 11:45")
    assert from_sunday.loc[morning, "agents"].tolist() == [35] * 16
    assert from_monday.loc[morning, "agents"].tolist() == [15] * 16
    afternoon = slice(f"{MONDAY} 12:00", f"{MONDAY} 17:45")
    assert (from_sunday.loc[afternoon, "agents"] == from_monday.loc[afternoon, "agents"]).all()
    assert from_sunday.agents.sum() == 320 + 320
    # at 07:45: Monday's inbox (635, round eight) and Sunday's 960 e-mails
    assert from_sunday.loc[f"{MONDAY} 07:45", "backlog"] == pytest.approx(635 + 960)
    assert from_sunday.service_level.min() == pytest.approx(1.0)
