"""CLI probe, round thirty: `plan` spreads a spring weekend over the 71 hours `staff` does,
`forecast` says the contacts it forecasts, and the text of a few refusals and dates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cli

STAFF = ["--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20"]


@pytest.fixture(scope="module")
def nuit_spring(shared_data: Path) -> Path:
    """AXA's Nuit (a night desk), 3 days from Fri 23 Mar 2012: its clocks go forward on Sun 25
    Mar 2012, 02:00-03:00 never lived."""
    return shared_data / "axa" / "series" / "Nuit.csv"


def test_plan_spreads_the_spring_weekend_over_71_hours_as_staff_does(
    nuit_spring: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: plan counted the skipped hour's two closed rows as lived and read 175.5 paid hours
    # over 72 hours, 10.8 FTE (175.5 / 72 x 168 / 38 = 10.78), while staff on the same forecast
    # read 10.9 over 71 hours (175.5 / 71 x 168 / 38 = 10.93). Since each weekday's day total is
    # forecast at its mean, not its median (477.6 contacts, p80 611, p90 689, € 4,089 before),
    # both read 176.0 paid hours: 176.0 / 71 x 168 / 38 = 10.96, 11.0 FTE; the half hour more
    # of an agent at € 22/h costs € 4,089 + € 11 = € 4,100.
    horizon = ["--origin", "2012-03-23", "--horizon-days", "3"]
    plan_out, forecast_out = tmp_path / "plan.csv", tmp_path / "forecast.csv"
    assert cli.main(["plan", str(nuit_spring), *horizon, *STAFF[:2], "--out", str(plan_out)]) == 0
    planned = capsys.readouterr().out
    assert cli.main(["forecast", str(nuit_spring), *horizon, "--out", str(forecast_out)]) == 0
    forecast_said = capsys.readouterr().out.splitlines()
    staff_out = tmp_path / "staff.csv"
    assert cli.main(["staff", str(forecast_out), *STAFF, "--out", str(staff_out)]) == 0
    staffed = capsys.readouterr().out
    assert pd.read_csv(plan_out)["paid_hours"].sum() == 176.0
    assert pd.read_csv(staff_out)["paid_hours"].sum() == 176.0
    words = "cost € 4,100 over 3 days (71 hours, the clocks went forward on Sun 25 Mar 2012; "
    for printed in (planned, staffed):
        assert ", 11.0 FTE, 9.2 of them agents, " in printed
        assert words in printed
        assert (
            "the 11.0 FTE read the 71 hours planned as every hour of a week: 176.0 paid" in printed
        )
    # Before: forecast said no total; staff said 'contacts staffed: 483.5' of the same file.
    sums = pd.read_csv(forecast_out)[["forecast", "p80", "p90"]].sum()
    assert round(sums["forecast"], 1) == 483.5 and sums["p80"] == 615 and sums["p90"] == 694
    assert forecast_said[1] == "contacts forecast: 483.5 (p80 615, p90 694)"
    assert "contacts staffed: 483.5" in staffed


def test_forecast_says_the_contacts_of_each_queue(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Japon and Médical, the 2 days after their history: the written file's forecast column
    # sums to 689.7 (3.2 + 686.6, each rounded), p80 to 886 and p90 to 1,002. While each weekday's day total
    # was forecast at its median rather than its mean, Médical read 685.3 (688.4 in all); Japon,
    # under 10 contacts on its typical day, keeps its median.
    series = shared_data / "axa" / "series"
    out = tmp_path / "forecast.csv"
    argv = ["forecast", str(series / "Japon.csv"), str(series / "Médical.csv")]
    assert cli.main([*argv, "--horizon-days", "2", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    written = pd.read_csv(out)
    per_queue = written.groupby("queue")["forecast"].sum().round(1).to_dict()
    assert per_queue == {"Japon": 3.2, "Médical": 686.6}
    assert written[["p80", "p90"]].sum().tolist() == [886, 1002]
    assert lines[0].startswith("wrote 192 open intervals to ")
    assert lines[1] == "contacts forecast: 689.7 (Japon 3.2, Médical 686.6); p80 886, p90 1,002"


# ------------------------------------ forecast: a volume what-if points to --campaign


@pytest.mark.parametrize(
    ("given", "pct"), [(["--volume-change-pct", "20"], "20"), (["--volume-change-pct"], "PCT")]
)
def test_forecast_refusing_a_volume_change_names_the_campaign_that_moves_it(
    nuit_spring: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    given: list[str],
    pct: str,
) -> None:
    # Before: '(forecast has no --volume-change-pct: plan takes it)', the forecast's own way
    # to move its volume unsaid.
    out = tmp_path / "forecast.csv"
    with pytest.raises(SystemExit) as done:
        cli.main(["forecast", str(nuit_spring), "--out", str(out), *given])
    assert done.value.code == 2
    assert capsys.readouterr().err.strip() == (
        f"error: cli.py forecast: unrecognized arguments: {' '.join(given)} (forecast has no "
        f"--volume-change-pct: plan takes it, or --campaign FROM TO {pct} moves the forecast "
        "itself from date FROM to TO); see cli.py forecast --help"
    )
    assert not out.exists()


# ------------------------------------------ staff: a peak among several years names its year


def test_staff_names_the_peaks_year_when_the_file_spans_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Mon 1 Mar 1999 08:00-17:30 at 80 calls a half hour, Wed 1 Jan 2014 at 40, 240 s each:
    # the peak is 1999's 14 agents (Erlang C, 80% in 20 s on 10.67 Erlangs). Before: 'At the
    # peak (Mon 1 Mar 08:00)' beside the note's 2014 dates.
    days = [
        pd.DataFrame(
            {
                "interval_start": pd.date_range(f"{day} 08:00", periods=20, freq="30min"),
                "volume": volume,
                "aht_seconds": 240,
            }
        )
        for day, volume in (("1999-03-01", 80), ("2014-01-01", 40))
    ]
    path, out = tmp_path / "forecast.csv", tmp_path / "plan.csv"
    pd.concat(days).to_csv(path, index=False)
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(["staff", str(path), *targets, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "what sets the agents: At the peak (Mon 1 Mar 1999 08:00) the 80% in 20 s target sets "
        "the 14 agents; the occupancy cap of 85% alone would need 13."
    ) in printed
    assert pd.read_csv(out)["agents"].max() == 14


def test_staff_of_one_year_keeps_its_dates_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    starts = pd.date_range("2014-01-01 08:00", periods=20, freq="30min")
    path, out = tmp_path / "forecast.csv", tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": starts, "volume": 80, "aht_seconds": 240}).to_csv(
        path, index=False
    )
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(["staff", str(path), *targets, "--out", str(out)]) == 0
    sets = [line for line in capsys.readouterr().out.splitlines() if "sets the agents" in line]
    assert len(sets) == 1 and "(Wed 1 Jan 08:00)" in sets[0] and "2014" not in sets[0]


# ------------------------------------------- plan and staff: one chat handle time, not two


def test_plan_and_staff_name_the_same_stretched_chat_handle_time(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bank's February 1999 as chat, a week at p90. Before: plan named the history's mean,
    # 'all' 176 s to 220 s, and staff of the forecast the handle time the week is staffed with,
    # shaped by weekday and time and weighted by the contacts, 177 s to 221 s; both staffed
    # the same 23.6 FTE on it.
    bank = shared_data / "anonymous_bank" / "february_1999.txt"
    week = ["--horizon-days", "7"]
    chat = ["--channel", "chat", "--quantile", "p90"]
    plan_out, forecast_out = tmp_path / "plan.csv", tmp_path / "forecast.csv"
    assert cli.main(["plan", str(bank), *week, *chat, "--out", str(plan_out)]) == 0
    planned = capsys.readouterr().out
    assert cli.main(["forecast", str(bank), *week, "--out", str(forecast_out)]) == 0
    capsys.readouterr()
    written = pd.read_csv(forecast_out)
    weighted = (written["aht_seconds"] * written["forecast"]).sum() / written["forecast"].sum()
    assert round(weighted) == 177 and round(weighted * 1.25) == 221
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20"]
    staff_out = tmp_path / "staff.csv"
    assert cli.main(["staff", str(forecast_out), *targets, *chat, "--out", str(staff_out)]) == 0
    staffed = capsys.readouterr().out
    for printed in (planned, staffed):
        assert ", 23.6 FTE, 20.9 of them agents, " in printed
        assert "at 2 chats at once ('all' 177 s to 221 s)" in printed


# ---------------------------------------------- plan: the contacts it staffed, as staff says


def test_plan_at_p80_says_the_contacts_it_staffed_and_sized_for(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bank's week after February 1999 at p80. Before: plan said no contacts, while staff
    # of the same forecast said 'contacts staffed: 8,012.1 on the mean forecast; the agents
    # are sized for 10,010 (p80)'.
    bank = shared_data / "anonymous_bank" / "february_1999.txt"
    out = tmp_path / "plan.csv"
    argv = ["plan", str(bank), "--horizon-days", "7", "--quantile", "p80", "--out", str(out)]
    assert cli.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    written = pd.read_csv(out)
    assert round(written["volume"].sum(), 1) == 8012.1
    assert written["sized_for_volume"].sum() == 10010
    assert lines[1] == (
        "contacts staffed: 8,012.1 on the mean forecast; the agents are sized for 10,010 (p80)"
    )
