"""`cli.py staff` on forecasts written the European way: slash dates read in the order an
import reads them (05/01/2026 is 5 January), thousands separators read where the file's
convention makes them certain and refused naming the fix where it does not. Every agent count
is checked against a textbook Erlang C written here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from staff_support import erlang_c_agents, one_line_error, staff

from data.errors import InputError
from data.reader import read_date_column

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20"]
AHT = 300
VOLUMES = [100, 120, 80]


def expected_agents(volumes: list[float], interval_minutes: float = 15) -> list[int]:
    """The default 85% occupancy cap applies, as in the CLI's defaults."""
    return [
        erlang_c_agents(volume * AHT / (interval_minutes * 60), AHT, 20, 0.8, 0.85)
        for volume in volumes
    ]


def write(tmp_path, text: str, name: str = "forecast.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(starts: list[str], volumes: list[object], separator: str = ",") -> str:
    lines = [f"interval_start{separator}volume{separator}aht_seconds"]
    lines += [
        f"{start}{separator}{volume}{separator}{AHT}"
        for start, volume in zip(starts, volumes, strict=True)
    ]
    return "\n".join(lines) + "\n"


def plan_of(capsys, tmp_path, text: str) -> tuple[pd.DataFrame, str]:
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, write(tmp_path, text), out, *TARGETS)
    assert code == 0, err
    return pd.read_csv(out), stdout


ISO_STARTS = ["2026-01-05 09:00", "2026-01-05 09:15", "2026-01-05 09:30"]


# --- day/month order -----------------------------------------------------------------------


def test_an_italian_5_january_lands_on_5_january_with_a_note(tmp_path, capsys):
    starts = ["05/01/2026 09:00", "05/01/2026 09:15", "05/01/2026 09:30"]
    plan, stdout = plan_of(capsys, tmp_path, rows(starts, VOLUMES))
    assert plan.interval_start.tolist() == [
        "2026-01-05 09:00:00",
        "2026-01-05 09:15:00",
        "2026-01-05 09:30:00",
    ]
    assert plan.agents.tolist() == expected_agents(VOLUMES) == [40, 48, 32]
    iso, _ = plan_of(capsys, tmp_path, rows(ISO_STARTS, VOLUMES))
    pd.testing.assert_frame_equal(plan, iso)
    notes = [line for line in stdout.splitlines() if "day/month" in line]
    assert len(notes) == 1
    assert "read as day/month" in notes[0] and "Mon 5 Jan 2026 (not 1 May)" in notes[0]
    assert "year-month-day (e.g. 2026-01-05 09:00)" in notes[0]
    assert "Mon 5 Jan 09:15" in stdout  # the peak sentence names the right day


def test_a_day_above_12_anywhere_reads_every_row_day_first(tmp_path, capsys):
    # The first rows fit both orders; "13/01" later settles it. It used to be "not a date".
    starts = ["05/01/2026 09:00", "05/01/2026 09:15", "13/01/2026 09:00", "13/01/2026 09:15"]
    plan, stdout = plan_of(capsys, tmp_path, rows(starts, [100, 120, 80, 60]))
    assert plan.interval_start.tolist() == [
        "2026-01-05 09:00:00",
        "2026-01-05 09:15:00",
        "2026-01-13 09:00:00",
        "2026-01-13 09:15:00",
    ]
    assert plan.agents.tolist() == expected_agents([100, 120, 80, 60])
    assert "day/month" not in stdout  # the column told the order: nothing to note


def test_day_first_dates_with_seconds_and_dots_read_day_first(tmp_path, capsys):
    starts = ["05.01.2026 09:00:00", "05.01.2026 09:15:00", "05.01.2026 09:30:00"]
    plan, _ = plan_of(capsys, tmp_path, rows(starts, VOLUMES))
    assert plan.interval_start.tolist()[0] == "2026-01-05 09:00:00"
    assert plan.agents.tolist() == expected_agents(VOLUMES)


def test_month_first_dates_that_run_day_by_day_are_read_so_with_a_note(tmp_path, capsys):
    # Read day first, 01/05 and 01/06 would be a month apart (and the FTE spread over a month):
    # the import reads them month/day, which puts them a day apart, and so does the CLI.
    starts = ["01/05/2026 09:00", "01/05/2026 09:15", "01/06/2026 09:00", "01/06/2026 09:15"]
    plan, stdout = plan_of(capsys, tmp_path, rows(starts, [100, 120, 80, 60]))
    assert plan.interval_start.tolist() == [
        "2026-01-05 09:00:00",
        "2026-01-05 09:15:00",
        "2026-01-06 09:00:00",
        "2026-01-06 09:15:00",
    ]
    assert plan.agents.tolist() == expected_agents([100, 120, 80, 60])
    note = next(line for line in stdout.splitlines() if "month/day alike" in line)
    assert "read as month/day" in note and "Mon 5 Jan 2026 (not 1 May)" in note


def test_a_us_file_with_a_day_above_12_stays_month_first(tmp_path, capsys):
    starts = ["01/13/2026 09:00", "01/13/2026 09:15", "01/13/2026 09:30"]
    plan, stdout = plan_of(capsys, tmp_path, rows(starts, VOLUMES))
    assert plan.interval_start.tolist()[0] == "2026-01-13 09:00:00"
    assert plan.agents.tolist() == expected_agents(VOLUMES)
    assert "month/day alike" not in stdout


def test_both_orders_in_one_column_are_refused_in_one_line(tmp_path, capsys):
    starts = ["13/01/2026 09:00", "13/01/2026 09:15", "01/14/2026 09:00"]
    path = write(tmp_path, rows(starts, VOLUMES))
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "mixes day/month orders" in line
    assert "'13/01/2026 09:00' can only be day/month" in line
    assert "'01/14/2026 09:00' only month/day" in line


def test_an_unreadable_start_among_slash_dates_names_its_row_and_the_form(tmp_path, capsys):
    starts = ["05/01/2026 09:00", "05/01/2026 09:15", "5 gennaio alle nove"]
    path = write(tmp_path, rows(starts, VOLUMES))
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "row 4 (interval_start 5 gennaio alle nove)" in line
    assert "like row 2's 05/01/2026 09:00" in line


@pytest.mark.parametrize(
    "starts",
    [
        ISO_STARTS,
        ["2026-01-05T09:00", "2026-01-05T09:15", "2026-01-05T09:30"],
        ["2026-01-05 09:00:00", "2026-01-05 09:15:00", "2026-01-05 09:30:00"],
        ["2026-01-05T09:00:00", "2026-01-05T09:15:00", "2026-01-05T09:30:00"],
    ],
)
def test_iso_starts_read_exactly_as_before_without_a_note(tmp_path, capsys, starts):
    plan, stdout = plan_of(capsys, tmp_path, rows(starts, VOLUMES))
    assert plan.interval_start.tolist() == [
        "2026-01-05 09:00:00",
        "2026-01-05 09:15:00",
        "2026-01-05 09:30:00",
    ]
    assert plan.agents.tolist() == expected_agents(VOLUMES)
    # The only note: the FTE of a plan shorter than a week (round eleven).
    assert [line for line in stdout.splitlines() if line.startswith("note:")] == [
        line for line in stdout.splitlines() if "planned as every day of a week" in line
    ]


def test_a_forecast_as_cli_forecast_writes_it_staffs_on_its_forecast_column(tmp_path, capsys):
    # interval_start, queue, forecast, p10, p50, p90 (ISO starts, only the open intervals)
    frame = pd.DataFrame(
        {
            "interval_start": ["2026-01-05 09:00:00", "2026-01-05 09:15:00"] * 2,
            "queue": ["sales", "sales", "billing", "billing"],
            "forecast": [100.4, 120.0, 37.5, 8.25],
            "p10": [80.0, 99.0, 30.0, 6.0],
            "p50": [100.0, 119.0, 37.0, 8.0],
            "p90": [121.0, 141.0, 45.0, 11.0],
        }
    )
    path = tmp_path / "forecast.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, "--aht-seconds", AHT, *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(out).set_index(["queue", "interval_start"])
    for row in frame.itertuples():
        assert plan.loc[(row.queue, row.interval_start), "volume"] == row.forecast
        assert (
            plan.loc[(row.queue, row.interval_start), "agents"]
            == expected_agents([row.forecast])[0]
        )
    assert "month/day" not in stdout


def test_read_date_column_decides_the_order_from_the_whole_column():
    found = read_date_column(["05/01/2026 09:00", None, "13/01/2026 09:15"], "f.csv", "start")
    assert found is not None and found.fmt == "%d/%m/%Y %H:%M" and found.other_order is None
    days = found.seconds // 86_400
    assert days[0] == np.datetime64("2026-01-05", "D").astype(int)
    assert np.isnan(found.seconds[1])
    assert days[2] == np.datetime64("2026-01-13", "D").astype(int)
    guessed = read_date_column(["05/01/2026 09:00"], "f.csv", "start")
    assert guessed is not None and guessed.other_order is not None
    assert guessed.other_order[0] // 86_400 == np.datetime64("2026-05-01", "D").astype(int)
    with pytest.raises(InputError, match="mixes day/month orders"):
        read_date_column(["13/01/2026 09:00", "01/14/2026 09:00"], "f.csv", "start")


# --- thousands separators ------------------------------------------------------------------


def test_a_lone_quoted_1_200_is_refused_saying_what_to_fix(tmp_path, capsys):
    path = write(tmp_path, rows(ISO_STARTS, ['"1,200"', 120, 80]))
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "row 2 (interval_start 2026-01-05 09:00)" in line
    assert "'volume' is '1,200'" in line
    assert "reads as 1200 (a comma between thousands) or as 1.2 (a decimal comma)" in line
    assert "write it without thousands separators (1200)" in line


def test_an_unquoted_1_200_that_splits_the_row_is_named_with_its_cause(tmp_path, capsys):
    # It used to shift every cell one column left ("interval_start 1").
    path = write(tmp_path, rows(ISO_STARTS, [100, "1,200", 80]))
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "line 3 has 4 fields but the header names 3 columns" in line
    assert "thousands separator (1,200) splits into two fields" in line
    assert "write it without the separator (1200)" in line


def test_certain_thousands_in_a_dot_decimal_file_are_read(tmp_path, capsys):
    # "1,234.5" and a column that writes decimals with a dot leave the comma one reading.
    volumes = ['"1,200"', '"1,234.5"', "80.5"]
    plan, _ = plan_of(capsys, tmp_path, rows(ISO_STARTS, volumes))
    assert plan.volume.tolist() == [1200, 1234.5, 80.5]
    assert plan.agents.tolist() == expected_agents([1200, 1234.5, 80.5])
    assert plan.agents.tolist()[:2] == [471, 485]


def test_a_semicolon_file_reads_dot_thousands_and_decimal_commas(tmp_path, capsys):
    plan, _ = plan_of(capsys, tmp_path, rows(ISO_STARTS, ["1.200,5", "12,5", "1.200"], ";"))
    assert plan.volume.tolist() == [1200.5, 12.5, 1200]
    assert plan.agents.tolist() == expected_agents([1200.5, 12.5, 1200])


def test_slash_dates_and_decimal_commas_together_as_italian_excel_saves(tmp_path, capsys):
    starts = ["05/01/2026 09:00", "05/01/2026 09:15", "05/01/2026 09:30"]
    plan, _ = plan_of(capsys, tmp_path, rows(starts, ["1.200,5", "12,5", "80"], ";"))
    assert plan.interval_start.tolist()[0] == "2026-01-05 09:00:00"
    assert plan.agents.tolist() == expected_agents([1200.5, 12.5, 80])


def test_quoted_decimal_commas_in_a_comma_file_read_as_decimals(tmp_path, capsys):
    # A European spreadsheet saved with commas between fields quotes "12,5": data.sniff finds
    # such columns, as the import reads them.
    text = rows(ISO_STARTS, ['"12,5"', '"0,75"', "80"]).replace("volume", "forecast", 1)
    plan, _ = plan_of(capsys, tmp_path, text)
    assert plan.volume.tolist() == [12.5, 0.75, 80]
    assert plan.agents.tolist() == expected_agents([12.5, 0.75, 80])


def test_a_separator_at_the_end_of_every_row_adds_no_column(tmp_path, capsys):
    header, *lines = rows(ISO_STARTS, VOLUMES).splitlines()
    text = "\n".join([header, *(f"{line}," for line in lines)]) + "\n"
    plan, _ = plan_of(capsys, tmp_path, text)
    assert plan.interval_start.tolist()[0] == "2026-01-05 09:00:00"
    assert plan.agents.tolist() == expected_agents(VOLUMES)
