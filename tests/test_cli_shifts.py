"""`cli.py shifts`: the shifts covering a plan's rostered people, checked on small plans whose
best shifts are worked out by hand, the `plan` -> `shifts` round trip, and one-line errors."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import run_cli
from test_cli_plan import office_hours_csv  # noqa: F401 (a fixture: six weeks of office hours)

import cli
from cli_commands import shifts as shifts_command

TWO_HOUR_SHIFTS = ["--full-hours", 2, "--part-hours", 0]


def shifts(capsys, plan, out, *extra) -> tuple[int, str, str]:
    """`cli.py shifts` in-process: exit code, stdout, stderr."""
    code = cli.main(["shifts", str(plan), "--out", str(out), *map(str, extra)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(capsys, plan, out, *extra) -> str:
    code, _, err = shifts(capsys, plan, out, *extra)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert not out.exists()
    return lines[0]


def write_plan(path, rostered, start="2026-06-01 08:00", freq="60min", **columns):
    """A plan as `cli.py staff` writes it: interval_start, rostered (and any other columns)."""
    starts = pd.date_range(start, periods=len(rostered), freq=freq)
    pd.DataFrame({"interval_start": starts, **columns, "rostered": rostered}).to_csv(
        path, index=False
    )
    return path


def read_shifts(path) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["shift_start", "shift_end"])


def test_a_four_hour_need_of_one_person_takes_two_two_hour_shifts(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 1, 1, 1])
    out, cover = tmp_path / "shifts.csv", tmp_path / "cover.csv"
    code, printed, err = shifts(capsys, plan, out, *TWO_HOUR_SHIFTS, "--cover-out", cover)
    assert code == 0, err
    table = read_shifts(out)
    assert table.columns.tolist() == ["shift_start", "shift_end", "shift", "people"]
    assert table["shift_start"].tolist() == [
        pd.Timestamp("2026-06-01 08:00"),
        pd.Timestamp("2026-06-01 10:00"),
    ]
    assert table["shift_end"].tolist() == [
        pd.Timestamp("2026-06-01 10:00"),
        pd.Timestamp("2026-06-01 12:00"),
    ]
    assert table["shift"].tolist() == ["Full time 2 h", "Full time 2 h"]
    assert table["people"].tolist() == [1, 1]
    assert f"wrote 2 shifts to {out}" in printed
    # 2 shifts x 2 h = 4 h paid for 4 h needed; 4 h x EUR 22 (the default) = EUR 88
    assert "paid hours 4.0, needed 4.0 (100.0% of the paid hours), 0.0 h beyond" in printed
    assert "cost € 88 at € 22/h" in printed
    coverage = pd.read_csv(cover)
    assert coverage.columns.tolist() == ["interval_start", "needed", "on_shift", "surplus"]
    assert coverage["on_shift"].tolist() == [1, 1, 1, 1]
    assert coverage["surplus"].tolist() == [0, 0, 0, 0]


def test_a_peak_of_1_3_3_1_is_cut_into_8_paid_hours(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 3, 3, 1])
    out, cover = tmp_path / "shifts.csv", tmp_path / "cover.csv"
    code, printed, err = shifts(capsys, plan, out, *TWO_HOUR_SHIFTS, "--cover-out", cover)
    assert code == 0, err
    table = read_shifts(out)
    # 08-10 one, 09-11 two, 10-12 one: 4 shifts, 8 h, exactly the 1+3+3+1 hours needed
    assert table["shift_start"].dt.hour.tolist() == [8, 9, 10]
    assert table["people"].tolist() == [1, 2, 1]
    assert "paid hours 8.0, needed 8.0 (100.0% of the paid hours)" in printed
    assert pd.read_csv(cover)["on_shift"].tolist() == [1, 3, 3, 1]


def test_a_need_shorter_than_whole_shifts_says_the_hours_beyond_and_their_cost(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 1, 1])
    out = tmp_path / "shifts.csv"
    code, printed, err = shifts(capsys, plan, out, *TWO_HOUR_SHIFTS, "--agent-hourly-cost", 30)
    assert code == 0, err
    # 3 h needed take two 2-hour shifts: 4 h paid, 3/4 = 75% needed, 1 h beyond, 4 x 30 = 120
    assert read_shifts(out)["people"].sum() == 2
    assert "paid hours 4.0, needed 3.0 (75.0% of the paid hours), 1.0 h beyond" in printed
    assert "cost € 120 at € 30/h" in printed


@pytest.mark.parametrize(
    ("share", "paid", "kinds"),
    [
        # 12 h of one person: 8 + 4 puts part time at 4/12 = 33% > 30%, so two full shifts
        ("0.3", 16.0, {"Full time 8 h": 2}),
        ("0.5", 12.0, {"Full time 8 h": 1, "Part time 4 h": 1}),
        # 1 is no cap; three part-time shifts pay as much, but fewer shifts are preferred
        ("1", 12.0, {"Full time 8 h": 1, "Part time 4 h": 1}),
        ("0", 16.0, {"Full time 8 h": 2}),
    ],
)
def test_the_part_time_share_is_capped_as_on_the_app(capsys, tmp_path, share, paid, kinds):
    plan = write_plan(tmp_path / "plan.csv", [1] * 12)
    out = tmp_path / "shifts.csv"
    code, printed, err = shifts(capsys, plan, out, "--part-max-share", share)
    assert code == 0, err
    table = read_shifts(out)
    assert table.groupby("shift")["people"].sum().to_dict() == kinds
    assert f"paid hours {paid:.1f}, needed 12.0" in printed


def two_queue_plan(path):
    """Queue 'Sales' needs 1 person 08-12, 'Tech Support' 1 person 10-14 (hourly)."""
    starts = pd.date_range("2026-06-01 08:00", periods=4, freq="60min")
    frame = pd.concat(
        [
            pd.DataFrame({"interval_start": starts, "queue": "Sales", "rostered": 1}),
            pd.DataFrame(
                {
                    "interval_start": starts + pd.Timedelta(hours=2),
                    "queue": "Tech Support",
                    "rostered": 1,
                }
            ),  # fmt: skip
        ]
    )
    frame.to_csv(path, index=False)
    return path


def test_two_queues_are_summed_unless_queue_picks_one(capsys, tmp_path):
    plan = two_queue_plan(tmp_path / "plan.csv")
    out, cover = tmp_path / "shifts.csv", tmp_path / "cover.csv"
    code, printed, err = shifts(capsys, plan, out, *TWO_HOUR_SHIFTS, "--cover-out", cover)
    assert code == 0, err
    # Summed 1, 1, 2, 2, 1, 1 from 08:00: 8 h needed, covered by four 2-hour shifts
    assert pd.read_csv(cover)["needed"].tolist() == [1, 1, 2, 2, 1, 1]
    assert read_shifts(out)["people"].sum() == 4
    assert "paid hours 8.0, needed 8.0" in printed
    assert "covered the 2 queues' rostered summed" in printed
    # The queue named in another case and spacing, as `--queue` elsewhere
    code, printed, err = shifts(
        capsys, plan, out, *TWO_HOUR_SHIFTS, "--cover-out", cover, "--queue", " tech  SUPPORT"
    )
    assert code == 0, err
    coverage = pd.read_csv(cover, parse_dates=["interval_start"])
    assert coverage["interval_start"].dt.hour.tolist() == [10, 11, 12, 13]
    assert coverage["needed"].tolist() == [1, 1, 1, 1]
    assert "paid hours 4.0, needed 4.0" in printed
    assert "rostered summed" not in printed


def test_blank_rostered_is_none_and_the_step_skips_closed_nights(capsys, tmp_path):
    # Half hours 08:00-09:00 and 20:00-21:00 (closed in between, as `plan` leaves it out), one
    # blank rostered as `staff` may write for a closed interval.
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "interval_start,rostered\n2026-06-01 08:00,2\n2026-06-01 08:30,\n"
        "2026-06-01 20:00,1\n2026-06-01 20:30,1\n"
    )
    out, cover = tmp_path / "shifts.csv", tmp_path / "cover.csv"
    code, printed, err = shifts(
        capsys, plan, out, "--full-hours", 0.5, "--part-hours", 0, "--cover-out", cover
    )
    assert code == 0, err
    # Read as 30-minute intervals (not 11.5 h): 2 + 0 + 1 + 1 half-hour shifts, 2 h paid
    assert read_shifts(out)["people"].sum() == 4
    assert "paid hours 2.0, needed 2.0" in printed
    coverage = pd.read_csv(cover)
    assert len(coverage) == 26  # 08:00 to 20:30 in half hours, the closed ones needing 0
    assert coverage["needed"].sum() == 4


def test_a_horizon_over_four_weeks_says_it_was_planned_in_blocks(capsys, tmp_path):
    starts = pd.date_range("2026-06-01", periods=29 * 24, freq="60min")
    need = ((starts.hour >= 9) & (starts.hour < 17)).astype(int)
    plan = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": need}).to_csv(plan, index=False)
    out = tmp_path / "shifts.csv"
    code, printed, err = shifts(capsys, plan, out, "--part-hours", 0)
    assert code == 0, err
    assert read_shifts(out)["people"].sum() == 29  # one 09-17 shift a day
    assert "note: the 29 days were planned in 4-week blocks" in printed
    plan_28 = tmp_path / "plan28.csv"
    pd.read_csv(plan).iloc[: 28 * 24].to_csv(plan_28, index=False)
    code, printed, err = shifts(capsys, plan_28, out, "--part-hours", 0)
    assert code == 0, err
    assert "blocks" not in printed


@pytest.mark.parametrize(
    ("out_of_time", "said"),
    [
        (True, "ran into its 60-s time limit (a busy machine or a long plan)"),
        (False, "stopped at its work limit (5,000 branch-and-bound nodes per block)"),
    ],
)
def test_a_search_stopped_at_its_time_limit_says_the_gap(
    capsys, tmp_path, monkeypatch, out_of_time, said
):
    real = shifts_command.plan_shifts

    def stopped(*arguments, **options):
        plan = real(*arguments, **options)
        return dataclasses.replace(plan, optimal=False, gap=0.032, out_of_time=out_of_time)

    monkeypatch.setattr(shifts_command, "plan_shifts", stopped)
    plan = write_plan(tmp_path / "plan.csv", [1, 1, 1, 1])
    code, printed, err = shifts(capsys, plan, tmp_path / "shifts.csv", *TWO_HOUR_SHIFTS)
    assert code == 0, err
    assert said in printed
    assert "up to 3.2% more hours" in printed


def test_the_plan_command_s_output_is_covered_in_every_interval(
    capsys,
    office_hours_csv,  # noqa: F811 (the fixture imported above)
    tmp_path,
):
    plan = tmp_path / "plan.csv"
    made = run_cli("plan", office_hours_csv, "--horizon-days", 7, "--aht-seconds", 240,
                   "--model", "historical_average_4w", "--out", plan)  # fmt: skip
    assert made.returncode == 0, made.stderr
    out, cover = tmp_path / "shifts.csv", tmp_path / "cover.csv"
    code, printed, err = shifts(capsys, plan, out, "--cover-out", cover)
    assert code == 0, err
    rostered = pd.read_csv(plan, parse_dates=["interval_start"]).set_index("interval_start")
    coverage = pd.read_csv(cover, parse_dates=["interval_start"]).set_index("interval_start")
    # Every open half hour needs its rostered people; the closed nights in between need none.
    assert (coverage.loc[rostered.index, "needed"] == rostered["rostered"]).all()
    assert coverage["needed"].sum() == rostered["rostered"].sum()
    assert (coverage["on_shift"] >= coverage["needed"]).all()
    table = read_shifts(out)
    hours = (table["shift_end"] - table["shift_start"]).dt.total_seconds() / 3600
    paid = float((hours * table["people"]).sum())
    assert paid >= rostered["rostered"].sum() / 2  # needed hours: people x half hours
    assert f"paid hours {paid:,.1f}, needed {rostered['rostered'].sum() / 2:,.1f}" in printed
    # Part time takes at most 30% of the paid hours (the default cap)
    part = float((hours * table["people"])[table["shift"] == "Part time 4 h"].sum())
    assert part <= 0.3 * paid + 1e-9
    assert set(table["shift"]) <= {"Full time 8 h", "Part time 4 h"}


def test_a_file_without_rostered_asks_for_the_staff_or_plan_output(capsys, tmp_path):
    plan = tmp_path / "forecast.csv"
    pd.DataFrame({"interval_start": ["2026-06-01 08:00"], "volume": [10]}).to_csv(plan)
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv")
    assert "has no rostered column" in line
    assert "`cli.py staff` or `cli.py plan`" in line


@pytest.mark.parametrize(("cell", "shown"), [("many", "'many'"), ("-1", "'-1'")])
def test_a_rostered_not_a_number_of_people_is_refused_naming_its_row(capsys, tmp_path, cell, shown):
    plan = write_plan(tmp_path / "plan.csv", ["1", cell, "1"])
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv")
    assert line.startswith(f"error: {plan}: row 3 (interval_start 2026-06-01 09:00:00)")
    assert f"'rostered' is {shown}" in line


def test_an_unknown_queue_is_refused_listing_the_queues(capsys, tmp_path):
    plan = two_queue_plan(tmp_path / "plan.csv")
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv", "--queue", "Billing")
    assert "--queue Billing: no such queue" in line
    assert "the queues are Sales, Tech Support" in line


def test_a_queue_asked_of_a_plan_without_queues_is_refused(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 1])
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv", "--queue", "Sales")
    assert "has no queue column; leave --queue out" in line


def test_a_shift_not_a_whole_number_of_intervals_gets_the_packages_message(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 1, 1, 1])
    line = one_line_error(
        capsys, plan, tmp_path / "shifts.csv", "--full-hours", 2.5, "--part-hours", 0
    )
    assert "shift 'Full time 2.5 h' lasts 2.5 h" in line
    assert "whole number of the plan's 60-minute intervals" in line


def test_out_in_a_missing_folder_is_refused_before_any_work(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [1, 1])
    out = tmp_path / "missing" / "shifts.csv"
    line = one_line_error(capsys, plan, out)
    assert line == f"error: --out {out}: {out.parent} does not exist; create it or write elsewhere."
    cover = tmp_path / "missing" / "cover.csv"
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv", "--cover-out", cover)
    assert line.startswith(f"error: --cover-out {cover}: {cover.parent} does not exist")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--part-max-share", 1.5], "--part-max-share must be a share from 0 to 1"),
        (["--part-hours", -4], "--part-hours must be a length in hours, 0 or more"),
        (["--agent-hourly-cost", -1], "--agent-hourly-cost must be € 0 or more"),
        (["--interval-minutes", 30], "--interval-minutes 30 is shorter than the 60 minutes"),
        (["--earliest-start", 20, "--latest-start", 24], "may start from 20 h to 24 h"),
    ],
)
def test_impossible_settings_are_refused(capsys, tmp_path, extra, message):
    plan = write_plan(tmp_path / "plan.csv", [1, 1, 1, 1])
    assert message in one_line_error(capsys, plan, tmp_path / "shifts.csv", *extra)


def test_a_single_interval_needs_its_length(capsys, tmp_path):
    plan = write_plan(tmp_path / "plan.csv", [2])
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv", *TWO_HOUR_SHIFTS)
    assert "cannot tell the interval length from one interval" in line
    out = tmp_path / "shifts.csv"
    code, printed, err = shifts(capsys, plan, out, "--interval-minutes", 60, *TWO_HOUR_SHIFTS)
    assert code == 0, err
    assert read_shifts(out)["people"].tolist() == [2]


def test_an_interval_listed_twice_is_refused_naming_both_rows(capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "interval_start,rostered\n2026-06-01 08:00,1\n2026-06-01 09:00,1\n2026-06-01 08:00,2\n"
    )
    line = one_line_error(capsys, plan, tmp_path / "shifts.csv")
    assert "rows 2 and 4 are the same interval (2026-06-01 08:00)" in line


def test_the_people_to_employ_are_printed_for_the_busiest_week(capsys, tmp_path):
    # Mon 1 - Sat 6 June: 1 person 08:00-16:00 each day (6 shifts of 8 h: 2 people at 5 a week);
    # Mon 8 June: 3 at once (3 shifts, 3 people).
    days = [pd.Timestamp("2026-06-01") + pd.Timedelta(days=d) for d in range(6)]
    starts = [day + pd.Timedelta(hours=8 + h) for day in days for h in range(8)]
    starts += [pd.Timestamp("2026-06-08 08:00") + pd.Timedelta(hours=h) for h in range(8)]
    rostered = [1] * 48 + [3] * 8
    plan = tmp_path / "plan.csv"
    pd.DataFrame({"interval_start": starts, "rostered": rostered}).to_csv(plan, index=False)
    out = tmp_path / "shifts.csv"
    code, printed, err = shifts(capsys, plan, out, "--part-hours", 0, "--interval-minutes", 60)
    assert code == 0, err
    assert (
        "people to employ: 3 in the busiest week (from Mon 8 Jun 2026, of which the plan holds "
        "only Mon 8 Jun: 3 Full time 8 h), at 5 shifts a week and one a day each; the busiest "
        "whole week, from Mon 1 Jun 2026, needs 2"
    ) in printed
    code, printed, err = shifts(
        capsys, plan, out, "--part-hours", 0, "--interval-minutes", 60, "--shifts-per-week", 2
    )
    assert code == 0, err
    # 6 shifts at 2 a week: 3 people in the first week, as many as the second's.
    assert "people to employ: 3 in the busiest week (from Mon 1 Jun 2026" in printed
    error = one_line_error(capsys, plan, tmp_path / "none.csv", "--shifts-per-week", 0)
    assert error.endswith("shifts per person per week must be a whole number from 1 to 7 (got 0)")
