"""CLI probe, round twenty-seven: numeric options refused with their value as typed ("got 0",
not "got 0.0") and an example of a valid one; a plan over the 25-hour night the clocks go back
saying its FTE are over 73 hours; `plan` writing its service level as PLAN.csv does and
listing the peaks `forecast` lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from cli_support import write_two_day_forecast

import cli
from cli_commands.plan import as_plan_fractions

TARGETS = ("--service-level", "0.8", "--answer-within-seconds", "20")


def _refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What `cli.py ARGV` writes to stderr, checked to be one line with exit code 2."""
    assert cli.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return err


# 1. `staff --aht-seconds 0` read "AHT seconds must be greater than 0, got 0.0".


@pytest.mark.parametrize(
    ("option", "value", "refusal"),
    [
        ("--aht-seconds", "0",
         "--aht-seconds 0: AHT seconds must be greater than 0 (got 0); set the average handle "
         "time in seconds, e.g. 300"),
        ("--aht-seconds", "-5",
         "--aht-seconds -5: AHT seconds must be greater than 0 (got -5); set the average handle "
         "time in seconds, e.g. 300"),
        ("--max-asa-seconds", "0",
         "--max-asa-seconds 0: maximum ASA seconds must be greater than 0 (got 0); give the "
         "longest average wait to answer in seconds, e.g. 30"),
        ("--patience-seconds", "0",
         "--patience-seconds 0: patience seconds must be greater than 0 (got 0); give the "
         "callers' mean time before hanging up in seconds, e.g. 180"),
        ("--max-occupancy", "0",
         "--max-occupancy 0: maximum occupancy must be a fraction above 0 and at most 1, "
         "e.g. 0.85 (got 0)"),
        ("--shrinkage", "1",
         "--shrinkage 1: shrinkage must be a fraction from 0 up to (not including) 1, e.g. 0.3 "
         "for 30% (got 1)"),
        ("--chat-handle-growth", "-1",
         "--chat-handle-growth -1: chat handle-time growth must be 0 or more, e.g. 0.15 for 15% "
         "longer per extra chat (got -1)"),
        ("--email-response-hours", "0",
         "--email-response-hours 0: e-mail response hours must be greater than 0 (got 0); give "
         "the working hours to answer an e-mail in, e.g. 24"),
        ("--weekly-contract-hours", "0",
         "--weekly-contract-hours 0: weekly contract hours must be greater than 0 (got 0); give "
         "a full-time week's paid hours, e.g. 38"),
        ("--agent-hourly-cost", "-1",
         "--agent-hourly-cost -1: agent hourly cost must be € 0 or more (got -€ 1), e.g. € 22"),
        ("--supervisor-hourly-cost", "-2.5",
         "--supervisor-hourly-cost -2.5: supervisor hourly cost must be € 0 or more "
         "(got -€ 2.50), e.g. € 30"),
        ("--interval-minutes", "0",
         "--interval-minutes must be greater than 0 (got 0); give the length of "),
    ],
)  # fmt: skip
def test_a_refused_number_reads_as_typed_with_a_valid_example(
    capsys, tmp_path, option, value, refusal
):
    forecast = write_two_day_forecast(tmp_path)
    out = str(tmp_path / "plan.csv")
    line = _refusal(capsys, "staff", str(forecast), "--out", out, *TARGETS, option, value)
    assert line.startswith(f"error: {refusal}")
    assert ".0)" not in line and ".0;" not in line


# 2. A 3-day plan over the 25-hour night the clocks go back read "over 3 days", its FTE over 73 h.


def _on_the_clock(first: str, last: str, queues: tuple[str, ...] = ()) -> pd.DataFrame:
    """Half hours of Paris wall-clock time from `first` to `last`, 20 calls of 300 s each, as
    `cli.py forecast` writes them: the autumn hour twice, the spring hour not at all."""
    lived = pd.date_range(first, last, freq="30min", tz="Europe/Paris", inclusive="left")
    one = pd.DataFrame({"interval_start": lived.tz_localize(None), "forecast": 20.0,
                        "aht_seconds": 300.0})  # fmt: skip
    if not queues:
        return one
    return pd.concat([one.assign(queue=queue) for queue in queues], ignore_index=True)


def _staff_summary(capsys, tmp_path, forecast: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    path, plan = tmp_path / "forecast.csv", tmp_path / "plan.csv"
    forecast.to_csv(path, index=False)
    assert cli.main(["staff", str(path), "--out", str(plan), *TARGETS]) == 0
    return capsys.readouterr().out.splitlines()[0], pd.read_csv(plan)


def test_a_plan_over_the_night_the_clocks_go_back_says_its_73_hours(capsys, tmp_path):
    line, plan = _staff_summary(capsys, tmp_path, _on_the_clock("2026-10-24", "2026-10-27"))
    # 146 half hours lived, 9 agents + 1 supervisor each: 730 paid hours, spread over 73 hours:
    # 730 / 73 x 24 x 7 / 38 = 44.2 FTE (over 72 hours it would read 44.8).
    assert plan["paid_hours"].sum() == 730.0
    assert "44.2 FTE, " in line
    assert (
        "cost € 16,644 over 3 days (73 hours, the clocks went back on Sun 25 Oct 2026; "
        "€ 22/h agent, € 30/h supervisor)"
    ) in line


def test_a_plan_over_the_spring_night_says_its_71_hours(capsys, tmp_path):
    line, plan = _staff_summary(capsys, tmp_path, _on_the_clock("2026-03-28", "2026-03-31"))
    # 142 half hours lived, 9 agents + 1 supervisor each: 710 paid hours over the 71 hours
    # lived: 710 / 71 x 24 x 7 / 38 = 44.2 FTE, as the autumn's 730 over 73 (over 72 hours it
    # read 43.6).
    assert plan["paid_hours"].sum() == 710.0
    assert "44.2 FTE, " in line
    assert (
        "over 3 days (71 hours, the clocks went forward on Sun 29 Mar 2026; "
        "€ 22/h agent, € 30/h supervisor)"
    ) in line


def test_a_queue_closed_at_night_tells_nothing_of_the_spring_clock(capsys, tmp_path):
    days = _on_the_clock("2026-03-28", "2026-03-31")
    days = days[days["interval_start"].dt.hour.between(8, 17)]
    line, plan = _staff_summary(capsys, tmp_path, days)
    # 60 half hours, 10 paid people each: 300 paid hours over 3 days of 24 hours:
    # 300 / 72 x 168 / 38 = 18.4 FTE.
    assert plan["paid_hours"].sum() == 300.0 and "18.4 FTE, " in line
    assert "over 3 days (€ 22/h agent, € 30/h supervisor)" in line


def test_two_queues_open_at_night_spread_over_the_73_hours_one_queue_is(capsys, tmp_path):
    night = _on_the_clock("2026-10-24", "2026-10-27")
    night = night[night["interval_start"].dt.hour < 6]
    line, plan = _staff_summary(capsys, tmp_path, night)
    assert plan["paid_hours"].sum() == 190.0 and "11.5 FTE, " in line  # 190 / 73 x 168 / 38
    both = pd.concat([night.assign(queue="a"), night.assign(queue="b")], ignore_index=True)
    line, plan = _staff_summary(capsys, tmp_path, both)
    # 380 paid hours: 380 / 73 x 168 / 38 = 23.0 FTE, twice the one queue's; over 72 h as
    # read before, 23.3.
    assert plan["paid_hours"].sum() == 380.0
    assert "23.0 FTE, " in line
    assert "over 3 days (73 hours, the clocks went back on Sun 25 Oct 2026; " in line


# 3. `plan` printed "service level 85.6%" beside PLAN.csv's fractions, and no peaks.

ROOT = Path(__file__).resolve().parent.parent
TECH_AXA = ROOT.parent / "shared/data/axa/series/Tech. Axa.csv"


def test_plan_writes_its_service_level_as_its_csv_does_and_lists_the_peaks(capsys, tmp_path):
    plan_csv, forecast_csv = tmp_path / "plan.csv", tmp_path / "forecast.csv"
    week = ["--horizon-days", "7"]
    argv = ["plan", str(TECH_AXA), "--out", str(plan_csv), *TARGETS, "--aht-seconds", "300"]
    assert cli.main([*argv, *week]) == 0
    lines = capsys.readouterr().out.splitlines()
    plan = pd.read_csv(plan_csv)
    # The summary's service level is the plan's, weighted by the contacts of each interval.
    weighted = (plan["service_level"] * plan["volume"]).sum() / plan["volume"].sum()
    assert round(weighted, 3) == 0.854
    assert lines[0].endswith(", service level 0.854 = 85.4%")
    assert cli.main(["forecast", str(TECH_AXA), "--out", str(forecast_csv), *week]) == 0
    peaks = [line for line in capsys.readouterr().out.splitlines() if line.startswith("peak")]
    assert peaks == [
        "peak 1: Tech. Axa Tue 7 Jan, all day: +47% over a usual Tuesday, ≈ 1,554 extra "
        "contacts (day after Epiphany)",
        "peak 2: Tech. Axa Thu 2 Jan 06:30–24:00: +44% over a usual Thursday, ≈ 1,384 extra "
        "contacts (day after New Year's Day)",
    ]
    assert [line for line in lines if line.startswith("peak")] == peaks


@pytest.mark.parametrize(
    ("service", "as_in_the_csv"),
    [
        ("service level 85.6%", "service level 0.856 = 85.6%"),
        ("service level 80.2%, 15.9% abandon", "service level 0.802 = 80.2%, 0.159 abandon"),
        ("100.0% of e-mails answered within the 4-hour response window, mean response time 7.1 h",
         "1.000 = 100.0% of e-mails answered within the 4-hour response window, mean response "
         "time 7.1 h"),
        ("service level — (no contacts)", "service level — (no contacts)"),
    ],
)  # fmt: skip
def test_every_share_of_the_plan_summary_reads_as_a_fraction(service, as_in_the_csv):
    assert as_plan_fractions(service) == as_in_the_csv


# 4. `forecast` over AXA's 28 queues printed 111 special-day lines, one per queue and day, 15
#    of them 'x0.00' on New Year's Day; now a line per day shared by several queues.


def test_a_special_day_shared_by_queues_is_one_line_naming_them_by_ratio():
    from cli_commands.notes import special_day_lines

    queues = ["CAT", "CMS", "Evenements", "Gestion - Accueil Telephonique", "Domicile"]
    # As AXA's queues learned them (forecast from the whole export, 14 days from 31 Dec 2013).
    days = pd.DataFrame(
        {
            "date": pd.to_datetime(["2014-01-01"] * 5 + ["2014-01-04"]),
            "queue": [*queues, "Evenements"],
            "special_day": ["New Year's Day"] * 5 + ["Day after New Year's Day"],
            "effect": [0.0, 0.0, 0.0, 0.0023, 0.72, 1.0],
            "learned_from_days": [1, 1, 0, 20, 2, 0],
            "learned_from": [
                "New Year's Day in past years, weighed with all holidays",
                "all past holidays",
                "none seen: closed, as on the days of the week you close",
                "all past holidays",
                "New Year's Day in past years, weighed with all holidays",
                "none seen: an ordinary day",
            ],
        }
    )
    assert special_day_lines(days) == [
        "special day: Wed 1 Jan 2014 New Year's Day, volume of a usual day in 5 queues: closed "
        "in CAT, CMS, Evenements; x0.0023 Gestion - Accueil Telephonique; x0.72 Domicile",
        "  learned from (past days per queue): New Year's Day in past years, weighed with all "
        "holidays (CAT 1, Domicile 2); all past holidays (CMS 1, Gestion - Accueil Telephonique "
        "20); none seen: closed, as on the days of the week you close (Evenements)",
        "special day: Evenements Sat 4 Jan 2014 Day after New Year's Day, volume x1.00 of a usual "
        "day (none seen: an ordinary day)",
    ]


def test_forecast_over_four_axa_queues_lists_each_shared_special_day_once(capsys, tmp_path):
    series = ROOT.parent / "shared/data/axa/series"
    files = [str(series / f"{name}.csv") for name in ("CAT", "CMS", "Evenements",
                                                      "Gestion - Accueil Telephonique")]  # fmt: skip
    argv = ["forecast", *files, "--out", str(tmp_path / "f.csv"), "--horizon-days", "14"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    special = [line for line in out.splitlines() if line.startswith("special day:")]
    # Before: 17 lines, one per queue and day, 7 of them 'x0.00'.
    assert len(special) == 7
    assert "x0.00 " not in out
    assert special[1].startswith(
        "special day: Wed 1 Jan 2014 New Year's Day, volume of a usual day in 4 queues: closed "
        "in CAT, CMS, Evenements; x0.0"
    )


@pytest.mark.parametrize(
    ("argv", "refusal"),
    [
        (["forecast", "--horizon-days", "0"],
         "error: --horizon-days 0: the horizon must be at least one day, e.g. 14 for two weeks.\n"),
        (["backtest", "--origins", "0"],
         "error: --origins must be 1 or more (got 0): the weekly origins to score, e.g. 8.\n"),
    ],
)  # fmt: skip
def test_a_refused_count_of_days_or_origins_gives_a_valid_one(capsys, tmp_path, argv, refusal):
    forecast = write_two_day_forecast(tmp_path)
    command, *options = argv
    assert _refusal(capsys, command, str(forecast), "--out", str(tmp_path / "o.csv"), *options) == (
        refusal
    )
