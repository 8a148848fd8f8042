"""CLI probe, round twenty-eight: the whole command-line flow on real exports, and the figures
one command prints read against another's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cli


def _plan_with_a_busy_sunday(folder: Path, first_day: str, days: int) -> Path:
    """A plan open 08:00-16:00 every day, 2 rostered a half hour, 10 on Sunday."""
    starts = pd.date_range(first_day, periods=days * 48, freq="30min")
    starts = starts[(starts.hour >= 8) & (starts.hour < 16)]
    rostered = [10 if start.day_of_week == 6 else 2 for start in starts]
    path = folder / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": rostered}).to_csv(path, index=False)
    return path


def _shifts_summary(capsys: pytest.CaptureFixture[str], plan: Path, folder: Path) -> str:
    """What `shifts` prints for one 8-hour shift a day starting at 08:00."""
    argv = ["shifts", str(plan), "--out", str(folder / "shifts.csv"), "--part-hours", "0"]
    assert cli.main([*argv, "--earliest-start", "8", "--latest-start", "8"]) == 0
    return capsys.readouterr().out


# 1. A plan starting on a Saturday (the bank's 6-minute counts, forecast from Sat 1 Jan 2000)
#    has its busiest week cut to Sat-Sun: shifts read "people to employ: 37 in the busiest
#    week (... of which the plan holds only Sat 1 Jan – Sun 2 Jan ...)", then "that week's
#    356 shift hours are 8.9 full-time people or 9.4 FTE": two days' hours set against a
#    weekly contract, a quarter of the people just named.


def test_a_cut_busiest_week_relates_the_busiest_whole_week_to_fte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sat 2 - Fri 15 Mar 2024: Sat-Sun hold 2 + 10 shifts (10 people, the busiest); the whole
    # week Mon 4 - Sun 10 holds 6 × 2 + 10 = 22 shifts of 8 h = 176 h, 4.4 people of 40 h and
    # 176 / 38 = 4.6 FTE (before: Sat-Sun's 96 h as "2.4 full-time people or 2.5 FTE").
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-02", 14), tmp_path)
    assert "people to employ: 10 in the busiest week (from Sat 2 Mar 2024, of which" in out
    assert "the busiest whole week, from Mon 4 Mar 2024, needs 10" in out
    assert (
        "a 38-h contract (supervisors included): the busiest whole week's (from Mon 4 Mar "
        "2024) 176 shift hours are 4.4 full-time people or 4.6 FTE\n"
    ) in out


def test_a_plan_without_a_whole_week_relates_its_pace_to_fte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Wed 6 - Fri 15 Mar 2024: both calendar weeks are cut. The busiest, Wed 6 - Sun 10, holds
    # 4 × 2 + 10 = 18 shifts of 8 h = 144 h in 5 days, 144 × 7 / 5 = 201.6 h a week: 5.0
    # people of 40 h, 201.6 / 38 = 5.3 FTE (before: "144 shift hours are 3.6 full-time people
    # or 3.8 FTE").
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-06", 10), tmp_path)
    assert (
        "(supervisors included): that week's 5 days hold 144 shift hours, 202 a week at that "
        "pace: 5.0 full-time people or 5.3 FTE\n"
    ) in out


def test_a_whole_busiest_week_keeps_its_own_hours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Mon 4 - Sun 17 Mar 2024, two whole weeks of 22 shifts each: 176 h as before.
    out = _shifts_summary(capsys, _plan_with_a_busy_sunday(tmp_path, "2024-03-04", 14), tmp_path)
    assert (
        "(supervisors included): that week's 176 shift hours are 4.4 full-time people or 4.6 FTE\n"
    ) in out


# 2. A forecast edited by hand with its p80 cell emptied read, under `staff --quantile p80`,
#    "F.csv: row 11: 'p80' is 'nan'; give a number of contacts, 0 or more": the file holds
#    no 'nan', and the row's interval was not named as the forecast column's refusal names it.


def _two_queue_forecast(folder: Path, p80_of_row_5: str) -> Path:
    """Tue 5 Mar 2024 09:00-10:30 for queues 'sales' and 'care', 20 contacts, p80 26."""
    starts = pd.date_range("2024-03-05 09:00", periods=4, freq="30min")
    table = pd.DataFrame(
        {
            "interval_start": [*starts, *starts],
            "queue": ["sales"] * 4 + ["care"] * 4,
            "forecast": 20.0,
            "p80": "26",
        }
    )
    table.loc[3, "p80"] = p80_of_row_5  # file row 5: sales at 10:30
    table.loc[5, "p80"] = p80_of_row_5  # file row 7: care at 09:30
    path = folder / "forecast.csv"
    table.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("cell", "said"),
    [("", "empty or not a number"), ("-4", "-4"), ("inf", "infinite"), ("lots", "'lots'")],
)
def test_a_quantile_cell_that_is_no_count_is_named_as_the_forecast_column_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, said: str
) -> None:
    forecast = _two_queue_forecast(tmp_path, cell)
    argv = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), "--quantile", "p80"]
    argv += ["--aht-seconds", "300", "--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: {forecast}: row 5 (interval_start 2024-03-05 10:30:00): 'p80' is {said}; "
        "give a number of contacts, 0 or more\n"
    )
    # With --queue care the row is still counted in the file: care's 09:30 is row 7.
    assert cli.main([*argv, "--queue", "care"]) == 2
    assert capsys.readouterr().err == (
        f"error: {forecast}: row 7 (interval_start 2024-03-05 09:30:00): 'p80' is {said}; "
        "give a number of contacts, 0 or more\n"
    )


# 3. `plan --change-from 2014-01-10` without a --volume-change-pct or --aht-change-pct, and
#    `plan --flat-aht` on AXA's Tech. Axa (no handle times in the export), wrote the plan
#    without the change the manager meant, and without a word: € 179,402 either way.


def _office_export(folder: Path) -> Path:
    """Four weeks of 30 calls a half hour, Monday-Friday 08:00-12:00, without handle times."""
    starts = pd.date_range("2026-01-05", "2026-02-01 23:30", freq="30min")
    is_open = (starts.day_of_week < 5) & (starts.hour >= 8) & (starts.hour < 12)
    path = folder / "office.csv"
    pd.DataFrame({"timestamp": starts[is_open].strftime("%Y-%m-%d %H:%M"), "calls": 30}).to_csv(
        path, index=False
    )
    return path


def _plan_notes(
    capsys: pytest.CaptureFixture[str], folder: Path, *options: str
) -> tuple[list[str], float]:
    """The notes `plan` prints and the cost PLAN.csv adds up to, on the office export."""
    out = folder / "plan.csv"
    argv = ["plan", str(_office_export(folder)), "--horizon-days", "7", "--out", str(out)]
    argv += ["--model", "historical_average_4w", "--aht-seconds", "240"]
    argv += ["--service-level", "0.8", "--answer-within-seconds", "20", *options]
    assert cli.main(argv) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note:")]
    return notes, float(pd.read_csv(out)["cost"].sum())


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--change-from", "2026-02-04"], "--change-from 2026-02-04 is not used: it gives"),
        (
            ["--change-from", "2026-02-04", "--change-to", "2026-02-05"],
            "--change-from 2026-02-04 --change-to 2026-02-05 are not used: they give",
        ),
    ],
)
def test_a_change_period_without_a_change_is_named_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    _, cost_without = _plan_notes(capsys, tmp_path)
    notes, cost = _plan_notes(capsys, tmp_path, *options)
    # 30 calls of 240 s a half hour are 4 Erlangs: Erlang C gives 6 agents 75.9% in 20 s, 7
    # agents 89.5% (hand-checked), so 7 agents, 7 / 0.7 = 10 rostered and 1 supervisor:
    # 10 × 22 € + 30 € = 250 € an hour, 4 hours a day, 5 days.
    assert cost == cost_without == 5 * 4 * 250
    assert (
        f"note: {said} the days of a change, but neither --volume-change-pct nor "
        "--aht-change-pct is given; add one, e.g. --volume-change-pct 20, to plan the change "
        "on those days"
    ) in notes


def test_a_change_period_with_its_change_is_not_named_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes, cost = _plan_notes(
        capsys, tmp_path, "--change-from", "2026-02-04", "--volume-change-pct", "20"
    )
    assert cost > 5 * 4 * 250
    assert not [note for note in notes if "not used" in note]


def test_flat_aht_without_a_handle_time_shape_is_named_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes, cost = _plan_notes(capsys, tmp_path, "--flat-aht")
    assert cost == 5 * 4 * 250
    assert (
        "note: --flat-aht is not used: no queue's history shows handle times that follow the "
        "weekday and time of day, so every interval of a queue is staffed on one handle time "
        "already"
    ) in notes


# 4. Staffed with `staff --weekly-contract-hours 40` (Tech. Axa: 98.5 FTE), the plan's shifts
#    read "staff's FTE divide paid hours by a 38-h contract ...: that week's 3,764 shift hours
#    are 94.1 full-time people or 99.1 FTE", a contract the plan was not staffed on; shifts
#    had no way to be told.


def test_shifts_relate_to_the_fte_of_the_contract_staff_was_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_with_a_busy_sunday(tmp_path, "2024-03-04", 14)
    argv = ["shifts", str(plan), "--out", str(tmp_path / "shifts.csv"), "--part-hours", "0"]
    argv += ["--earliest-start", "8", "--latest-start", "8"]
    assert cli.main([*argv, "--weekly-contract-hours", "40"]) == 0
    # 176 shift hours over a 40-h contract: 4.4 FTE, as many as people of 5 × 8 h.
    assert (
        "staff's FTE divide paid hours by a 40-h contract (supervisors included): that week's "
        "176 shift hours are 4.4 full-time people or 4.4 FTE\n"
    ) in capsys.readouterr().out
    assert cli.main([*argv, "--weekly-contract-hours", "37,5"]) == 0  # as a French contract
    assert (
        "37.5-h contract (supervisors included): that week's 176 shift hours are 4.4 "
        "full-time people or 4.7 FTE\n" in capsys.readouterr().out
    )


@pytest.mark.parametrize("given", ["0", "200"])
def test_a_contract_outside_a_week_is_refused_by_shifts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    plan = _plan_with_a_busy_sunday(tmp_path, "2024-03-04", 14)
    argv = ["shifts", str(plan), "--out", str(tmp_path / "shifts.csv")]
    assert cli.main([*argv, "--weekly-contract-hours", given]) == 2
    assert capsys.readouterr().err == (
        f"error: --weekly-contract-hours {given}: a full-time contract's paid hours a week must "
        "be above 0 and at most the 168 hours of a week; give the one `staff` or `plan` was "
        "given, e.g. 38\n"
    )
    assert not (tmp_path / "shifts.csv").exists()


# 5. A plan written by `plan --quantile p80` (AXA's Médical and Japon, 38.4 FTE) given back to
#    `staff` to try another shrinkage was sized on its mean volume, 35.4 FTE at the same
#    shrinkage, its sized_for_volume column passed over without a word.


@pytest.mark.parametrize(("sized", "noted"), [(26.0, True), (20.0, False)])
def test_a_plans_sized_volume_left_unused_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sized: float, noted: bool
) -> None:
    starts = pd.date_range("2024-03-05 09:00", periods=4, freq="30min")
    plan = tmp_path / "plan_p80.csv"
    pd.DataFrame(
        {"interval_start": starts, "volume": 20.0, "sized_for_volume": sized, "rostered": 9}
    ).to_csv(plan, index=False)
    argv = ["staff", str(plan), "--out", str(tmp_path / "again.csv"), "--aht-seconds", "240"]
    assert cli.main([*argv, "--service-level", "0.8", "--answer-within-seconds", "20"]) == 0
    note = (
        f"note: {plan}'s sized_for_volume column, 104 contacts, is not used: the agents are "
        "sized on its volume column, 80, the mean; to size them on the quantile again, give "
        "`staff` the forecast with --quantile (e.g. p80), or run `plan --quantile`\n"
    )
    assert (note in capsys.readouterr().out) is noted


# 6. `staff --help` listed the columns FORECAST.csv may hold as "interval_start, volume or
#    forecast; optional aht_seconds, queue, is_open": not the channel column it reads from a
#    `plan` output (README: "a channel column, as plan writes, sets each queue's channel"),
#    nor the p50/p80/p90 --quantile reads.


def test_staff_help_names_every_column_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["staff", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "Read FORECAST.csv (interval_start, volume or forecast; optional aht_seconds, queue, "
        "is_open, channel as `plan` writes it, and the p50, p80, p90 --quantile sizes on) and "
        "write the staffing plan to PLAN.csv."
    ) in text


# 7. The bank's forecast (aht_seconds 123-220 s by weekday and time) staffed with
#    `staff --aht-seconds 300` cost € 73,604 over 14 days, `plan --aht-seconds 300` € 73,724:
#    plan keeps the handle time's weekday and time shape around the 300 s, staff one figure,
#    and its note said only "staffs every row in place of F.csv's aht_seconds (123-220 s)".


def test_staff_aht_seconds_over_a_shaped_forecast_names_plans_flat_aht(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = shared_data / "anonymous_bank" / "february_1999.txt"
    forecast, staffed, planned = (tmp_path / name for name in ("f.csv", "s.csv", "p.csv"))
    targets = ["--service-level", "0.8", "--answer-within-seconds", "20", "--aht-seconds", "300"]
    assert cli.main(["forecast", str(log), "--horizon-days", "7", "--out", str(forecast)]) == 0
    capsys.readouterr()
    assert cli.main(["staff", str(forecast), "--out", str(staffed), *targets]) == 0
    written = pd.read_csv(forecast)["aht_seconds"]
    low, high = round(written.min()), round(written.max())
    assert (
        f"note: --aht-seconds 300 staffs every row in place of {forecast}'s aht_seconds "
        f"({low}-{high} s), one figure for all, as `plan --aht-seconds 300 --flat-aht` does "
        "(without --flat-aht, `plan` gives each interval 300 s times its weekday and time's "
        "ratio); leave it out to staff on the file's handle times\n"
    ) in capsys.readouterr().out
    argv = ["plan", str(log), "--horizon-days", "7", "--out", str(planned), *targets]
    assert cli.main([*argv, "--flat-aht"]) == 0
    # The same agents and cost in every interval, as the note says.
    staff_plan, plan_plan = pd.read_csv(staffed), pd.read_csv(planned)
    assert staff_plan["agents"].tolist() == plan_plan["agents"].tolist()
    assert staff_plan["cost"].sum() == plan_plan["cost"].sum() > 0


# 8. Tech. Axa's forecast with one row's 10:00 edited to 10:10 was read as 20-minute intervals
#    (the shortest step, 10:10 to 10:30): every row's 30 minutes of contacts staffed as
#    arriving in 20, peak 80 agents for 53, 97.8 FTE for 103.6, with only a note on
#    "2 intervals missing ... at Wed 8 Jan 2014 10:10".


def _half_hours(folder: Path, edited: str | None, queue: str = "sales") -> Path:
    """Tue 5 Mar 2024 09:00-12:00 in half hours, 40 calls each; row 4 (10:00) `edited`."""
    starts = pd.date_range("2024-03-05 09:00", periods=6, freq="30min").astype(str).tolist()
    if edited:
        starts[2] = edited
    path = folder / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "queue": queue, "volume": 40}).to_csv(path, index=False)
    return path


def test_a_start_off_the_grid_of_the_others_is_refused_naming_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forecast = _half_hours(tmp_path, "2024-03-05 10:10:00")
    argv = ["staff", str(forecast), "--out", str(tmp_path / "plan.csv"), "--aht-seconds", "240"]
    argv += ["--service-level", "0.8", "--answer-within-seconds", "20"]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: {forecast}: row 4 (interval_start 2024-03-05 10:10:00): it lies off the "
        "30-minute grid the other intervals of queue 'sales' keep, between its 10:00 and "
        "10:30; correct its time, or give --interval-minutes if the intervals are shorter\n"
    )
    assert not (tmp_path / "plan.csv").exists()
    # On the grid, the six half hours are staffed as 30-minute intervals: 40 calls of 240 s
    # are 5.33 Erlangs, 8 agents at 80% in 20 s (Erlang C by hand: 7 give 64.4%, 8 82.3%),
    # 8 / 0.7 = 12 rostered at 30% shrinkage, 1 supervisor (before: 11 agents, as 20-minute).
    assert cli.main([*argv[:1], str(_half_hours(tmp_path, None)), *argv[2:]]) == 0
    plan = pd.read_csv(tmp_path / "plan.csv")
    assert plan["agents"].tolist() == [8] * 6
    assert plan["paid_hours"].sum() == 6 * 0.5 * (12 + 1)


def test_shifts_refuse_a_start_off_the_grid_naming_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same edit in a plan read "interval Wed 1 Jan 2014 00:30 is not on the 20-minute
    # grid that starts Wed 1 Jan 2014 00:00", a row on the grid blamed.
    plan = _half_hours(tmp_path, "2024-03-05 10:10:00")
    pd.read_csv(plan).rename(columns={"volume": "rostered"}).to_csv(plan, index=False)
    argv = ["shifts", str(plan), "--out", str(tmp_path / "shifts.csv")]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: {plan}: row 4 (interval_start 2024-03-05 10:10:00): it lies off the "
        "30-minute grid the other intervals of queue 'sales' keep, between its 10:00 and "
        "10:30; correct its time, or give --interval-minutes if the intervals are shorter\n"
    )
