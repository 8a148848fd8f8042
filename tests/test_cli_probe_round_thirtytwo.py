"""CLI probe, round thirty-two: `staff` reads `cli.py forecast`'s own output without warning
about its format, and the plan and staff summaries say their figures in words."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cli_support import write_two_day_forecast

import cli

# ---------------------------- staff: forecast's own output, its left-out intervals closed


@pytest.fixture(scope="module")
def night_forecast(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """`cli.py forecast` of AXA's Nuit (a night desk), 7 days from Wed 1 Jan 2014."""
    out = tmp_path_factory.mktemp("nuit") / "forecast.csv"
    argv = ["forecast", str(shared_data / "axa" / "series" / "Nuit.csv")]
    assert cli.main([*argv, "--horizon-days", "7", "--out", str(out)]) == 0
    return out


def _staff_notes(capsys: pytest.CaptureFixture[str], forecast: Path, *options: str) -> list[str]:
    capsys.readouterr()
    out = forecast.with_name("plan.csv")
    argv = ["staff", str(forecast), "--aht-seconds", "300", "--out", str(out), *options]
    assert cli.main(argv) == 0
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]


def test_staff_on_forecasts_own_output_reads_its_left_out_intervals_closed(
    night_forecast: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'note: forecast.csv has no is_open column, so every interval it lists is read
    # open: queue 'Nuit' has 59 intervals without a contact ... add an is_open column ... as
    # `cli.py forecast` leaves closed intervals out' and 'note: forecast.csv: 2 intervals
    # missing between Sun 5 Jan 2014 08:00 and 08:30 (queue 'Nuit') ... put them back with
    # their forecast', both about the file forecast itself wrote.
    notes = _staff_notes(capsys, night_forecast)
    assert not [note for note in notes if "is_open" in note or "missing" in note], notes
    # The intervals left out, counted from the file: its 30-minute grid from the first to the
    # last start, less the rows it lists.
    starts = pd.to_datetime(pd.read_csv(night_forecast)["interval_start"])
    grid = pd.date_range(starts.min(), starts.max(), freq="30min")
    left_out = len(grid) - starts.nunique()
    assert left_out > 100  # a night desk: its days are closed
    said = [note for note in notes if "laid out as `cli.py forecast` writes it" in note]
    assert said == [
        f"note: {night_forecast} is laid out as `cli.py forecast` writes it, with only the open "
        f"intervals: the {left_out} intervals it leaves out between its first and last are "
        "closed, staffed with nobody"
    ]


def test_a_hand_made_file_without_is_open_still_gets_the_warnings(
    night_forecast: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same rows under a `volume` column are not forecast's output: its long runs without a
    # contact may be closed nights written as 0, so the warning stays.
    table = pd.read_csv(night_forecast)[["interval_start", "queue", "forecast"]]
    hand_made = tmp_path / "hand_made.csv"
    table.rename(columns={"forecast": "volume"}).to_csv(hand_made, index=False)
    notes = _staff_notes(capsys, hand_made)
    assert any("has no is_open column" in note for note in notes), notes
    assert not any("laid out as `cli.py forecast`" in note for note in notes)


# ------------------------- plan: what the agents are sized on, and abandonment, in words


@pytest.fixture(scope="module")
def axa_plan_with_patience(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> tuple[str, Path]:
    """`cli.py plan` of AXA's Tech. Axa for 7 days with callers' patience of 60 s (Erlang A):
    its first stdout line and PLAN.csv."""
    out = tmp_path_factory.mktemp("tech_axa") / "plan.csv"
    argv = ["plan", str(shared_data / "axa" / "series" / "Tech. Axa.csv"), "--horizon-days", "7"]
    argv += ["--model", "seasonal_naive", "--aht-seconds", "300", "--patience-seconds", "60"]
    with pytest.MonkeyPatch.context() as patch:
        lines: list[str] = []
        patch.setattr("builtins.print", lambda *parts, **_: lines.append(" ".join(map(str, parts))))
        assert cli.main([*argv, "--out", str(out)]) == 0
    return next(line for line in lines if line.startswith("wrote ")), out


def test_plan_says_what_the_agents_are_sized_on_in_words(
    axa_plan_with_patience: tuple[str, Path],
) -> None:
    # Before: '(models Tech. Axa: seasonal_naive; staffed to mean)'.
    first, _ = axa_plan_with_patience
    assert "(models Tech. Axa: seasonal_naive; agents sized on the mean forecast): " in first
    assert "staffed to" not in first


def test_plan_gives_abandonment_in_percent_with_its_meaning(
    axa_plan_with_patience: tuple[str, Path],
) -> None:
    # Before: 'service level 0.887 = 88.7%, 0.064 abandon': the second share bare.
    first, out = axa_plan_with_patience
    plan = pd.read_csv(out)
    # The summary's shares are PLAN.csv's columns weighted by the contacts of each interval.
    served = np.average(plan["service_level"], weights=plan["volume"])
    abandoned = np.average(plan["abandon_rate"], weights=plan["volume"])
    assert 0.02 < abandoned < 0.2  # 60 s of patience on 5-minute calls: some hang up
    assert first.endswith(
        f"service level {served:.3f} = {served:.1%}, {abandoned:.1%} of calls abandoned"
    ), first


def test_staff_gives_abandonment_with_its_meaning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'service level 80.8%, 8.3% abandon'.
    forecast = write_two_day_forecast(tmp_path)
    out = tmp_path / "plan.csv"
    argv = ["staff", str(forecast), "--patience-seconds", "120", "--out", str(out)]
    assert cli.main(argv) == 0
    first = capsys.readouterr().out.splitlines()[0]
    plan = pd.read_csv(out)
    abandoned = np.average(plan["abandon_rate"], weights=plan["volume"])
    said = re.search(r", (\d+\.\d)% of calls abandoned$", first)
    assert said, first
    # PLAN.csv rounds each interval's rate to 4 decimals: 8.2% from the file, 8.3% said.
    assert float(said[1]) == pytest.approx(abandoned * 100, abs=0.06)


# ----------------------- forecast: the queue of a file without queue names, quoted as elsewhere


def test_the_queue_of_a_file_named_by_dates_is_quoted_where_a_line_leads_with_it(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file named by its month alone holds queue 'all': the import and the staffing notes
    # quote it ("Open hours of 'all'", "Queue 'all' expects only"), the other lines did not:
    # 'models all: seasonal_naive', 'special day: all Tue 31 Dec 2013 New Year's Eve' (read
    # as every Tuesday) and '25 intervals of all's history'.
    month = tmp_path / "2013-12.csv"
    month.write_bytes((shared_data / "axa" / "series" / "Gestion Clients.csv").read_bytes())
    argv = ["forecast", str(month), "--horizon-days", "7", "--model", "seasonal_naive"]
    assert cli.main([*argv, "--out", str(tmp_path / "f.csv")]) == 0
    captured = capsys.readouterr()
    assert "Open hours of 'all'" in captured.err
    lines = captured.out.splitlines()
    assert lines[0].endswith("(models 'all': seasonal_naive)")
    special = [line for line in lines if line.startswith("special day: ")]
    assert special and all(line.startswith("special day: 'all' ") for line in special), special
    assert any(" intervals of the history are far from their usual level" in line for line in lines)
    assert not [line for line in lines if "models all" in line or "all's" in line]


# ------------------- plan: the holiday-calendar hint where forecast gives it, under the holidays


def test_plan_gives_forecasts_calendar_hint_last_as_forecast_does(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AXA's queues are French; both commands default to the Italian calendar. `forecast` ends on
    # the hint, under the special days it names (Epiphany, an Italian holiday); `plan` gave it
    # between its notes, four peak lines and four special-day lines above the Epiphany it
    # explains.
    history = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    common = ["--horizon-days", "7", "--model", "seasonal_naive"]
    assert cli.main(["forecast", history, *common, "--out", str(tmp_path / "f.csv")]) == 0
    forecast_lines = capsys.readouterr().out.splitlines()
    plan_argv = ["plan", history, *common, "--aht-seconds", "300"]
    assert cli.main([*plan_argv, "--out", str(tmp_path / "p.csv")]) == 0
    plan_lines = capsys.readouterr().out.splitlines()
    hint = (
        "hint: the history's quiet days match the public holidays of France (FR): 24 of 24 on "
        "busy weekdays were quiet, against 14 of 23 for Italy (IT); try --country FR"
    )
    assert forecast_lines[-1] == plan_lines[-1] == hint
    assert [line for line in plan_lines if line.startswith("hint: ")] == [hint]
    assert any("Epiphany" in line for line in plan_lines[:-1] if line.startswith("special day:"))


# --------------- staff: the FTE over the whole week names the day left out, not a day after


def test_staff_of_a_forecast_missing_its_closed_first_day_gives_plans_fte(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AXA's CAT forecast from Wed 1 Jan 2014 leaves out New Year's Day, closed: it lists Thu 2 -
    # Tue 7 Jan. Before: 'if its queues are closed on the days after them (Wed), 7 days' FTE is
    # 36.1', a Wed 8 Jan outside the forecast; the Wed left out is the first.
    history = str(shared_data / "axa" / "series" / "CAT.csv")
    common = ["--horizon-days", "7", "--model", "seasonal_naive"]
    forecast = tmp_path / "f.csv"
    assert cli.main(["forecast", history, *common, "--out", str(forecast)]) == 0
    assert pd.to_datetime(pd.read_csv(forecast)["interval_start"]).min().day == 2
    notes = _staff_notes(capsys, forecast)
    assert cli.main(["plan", history, *common, "--aht-seconds", "300", "--out",
                     str(tmp_path / "p.csv")]) == 0  # fmt: skip
    plan_fte = re.search(r", ([\d.]+) FTE, ", capsys.readouterr().out)
    assert plan_fte
    said = [note for note in notes if "FTE spreads" in note]
    assert said == [
        f"note: the FTE spreads the paid hours over the 6 days {forecast} lists (Thu 2 Jan – Tue "
        f"7 Jan 2014); if the Wed it leaves out of 7 days was closed, 7 days' FTE is "
        f"{plan_fte[1]}, as `plan` counts it over a 7-day horizon"
    ]


def test_staff_on_forecasts_output_of_two_queues_counts_each_queues_left_out_intervals(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'the 438 intervals it leaves out between its first and last', as if the file's
    # first and last: the count is each queue's, added up.
    series = shared_data / "axa" / "series"
    forecast = tmp_path / "f.csv"
    argv = ["forecast", str(series / "CAT.csv"), str(series / "Nuit.csv"), "--horizon-days", "7"]
    assert cli.main([*argv, "--model", "seasonal_naive", "--out", str(forecast)]) == 0
    table = pd.read_csv(forecast, parse_dates=["interval_start"])
    left_out = sum(
        len(pd.date_range(starts.min(), starts.max(), freq="30min")) - starts.nunique()
        for _, starts in table.groupby("queue")["interval_start"]
    )
    said = [note for note in _staff_notes(capsys, forecast) if "laid out as" in note]
    assert said == [
        f"note: {forecast} is laid out as `cli.py forecast` writes it, with only the open "
        f"intervals: the {left_out} intervals it leaves out between each queue's first and last "
        "are closed, staffed with nobody"
    ]


def test_a_row_of_one_contact_without_a_handle_time_says_contact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'row 2 (interval_start 2024-03-04 09:00) has 1 contacts but its ...'.
    forecast = tmp_path / "f.csv"
    forecast.write_text(
        "interval_start,volume,aht_seconds\n2024-03-04 09:00,1,\n2024-03-04 09:30,2,300\n"
    )
    assert cli.main(["staff", str(forecast), "--out", str(tmp_path / "p.csv")]) == 2
    assert "row 2 (interval_start 2024-03-04 09:00) has 1 contact but its 'aht_seconds' is " in (
        capsys.readouterr().err
    )


# --------------------------- plan: what sets the agents, as staff says it of the same forecast


def test_plan_says_what_sets_the_agents_as_staff_does_on_its_forecast(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: `staff` on forecast's output of CAT said 'what sets the agents: At the peak (Tue 7
    # Jan 10:00) the 80% in 20 s target sets the 32 agents; ...', `plan` on the same history
    # gave the 32 agents and no word of what set them.
    history = str(shared_data / "axa" / "series" / "CAT.csv")
    common = ["--horizon-days", "7", "--model", "seasonal_naive"]
    forecast, planned = tmp_path / "f.csv", tmp_path / "p.csv"
    assert cli.main(["forecast", history, *common, "--out", str(forecast)]) == 0
    assert cli.main(["plan", history, *common, "--aht-seconds", "300", "--out", str(planned)]) == 0
    plan_lines = capsys.readouterr().out.splitlines()
    assert cli.main(["staff", str(forecast), "--aht-seconds", "300", "--out",
                     str(tmp_path / "s.csv")]) == 0  # fmt: skip
    staff_lines = capsys.readouterr().out.splitlines()
    said = [line for line in plan_lines if line.startswith("what sets the agents: ")]
    assert said == [line for line in staff_lines if line.startswith("what sets the agents: ")]
    # The shares are those of PLAN.csv's limit column, over its open intervals.
    shares = pd.read_csv(planned)["limit"].value_counts(normalize=True)
    assert len(shares) == 2
    assert said[0].endswith(
        f"Over the {len(pd.read_csv(planned))} open intervals the agents are set by: service "
        f"level in {shares['service level']:.0%} of them, minimum while open in "
        f"{shares['minimum while open']:.0%}."
    ), said
