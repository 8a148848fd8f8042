"""`cli.py staff` probed again: decimal commas under a `volume` header (forecasts are means,
not counts), the notes on how the file was read, workloads no center could staff, the note on
a plan without contacts, the help on PLAN.csv's columns, and a very large center checked
against the square-root staffing rule. Agent counts are checked against the textbook Erlang C
in staff_support."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pyworkforce.queuing import ErlangC
from scipy.optimize import brentq
from scipy.stats import norm
from staff_support import erlang_c_agents, one_line_error, staff

import cli
from data.errors import InputError
from staffing import required_agents
from staffing.plan import StaffingSettings, minimum_staffing_notes, plan_staffing

TARGETS = ["--service-level", "0.8", "--answer-within-seconds", "20", "--aht-seconds", "300"]


def write(tmp_path, text: str, name: str = "forecast.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def agents_for(volume: float, aht: float = 300, minutes: float = 15) -> int:
    """The CLI's defaults: 80% in 20 s, occupancy at most 85%."""
    return erlang_c_agents(volume * aht / (minutes * 60), aht, 20, 0.8, 0.85)


# --- decimal commas under a volume header ---------------------------------------------------


def test_a_quoted_decimal_comma_volume_in_a_comma_file_reads_as_a_decimal(tmp_path, capsys):
    # "12,5" under `volume` was refused ("'volume' is '12,5'; give a number of contacts"):
    # the sniffer takes a volume column for whole counts, but a forecast's volumes are means.
    # "12,5" can only be a decimal comma, so the file's "1,200" is 1.2, not 1200.
    path = write(
        tmp_path,
        'interval_start,volume\n2026-01-05 09:00,"12,5"\n2026-01-05 09:15,"10,25"\n'
        '2026-01-05 09:30,"1,200"\n',
    )
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(out)
    assert plan.volume.tolist() == [12.5, 10.25, 1.2]
    # 12.5 x 300 s / 900 s = 4.17 Erlangs -> 7 agents; 3.42 -> 6; 0.4 -> 2 (80% in 20 s).
    assert plan.agents.tolist() == [agents_for(12.5), agents_for(10.25), agents_for(1.2)]
    assert plan.agents.tolist() == [7, 6, 2]
    assert (
        "note: " + str(path) + ": numbers read with a decimal comma, as row 2's volume '12,5' "
        "(12.5) writes them" in stdout
    )


def test_a_file_writing_both_decimal_marks_refuses_the_one_cell_either_could_mean(tmp_path, capsys):
    path = write(
        tmp_path,
        'interval_start,volume\n2026-01-05 09:00,"12,5"\n2026-01-05 09:15,10.25\n'
        '2026-01-05 09:30,"1,200"\n',
    )
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "row 4 (interval_start 2026-01-05 09:30): 'volume' is '1,200'" in line
    assert "reads as 1200 (a comma between thousands) or as 1.2 (a decimal comma)" in line
    assert "both with a comma (row 2's '12,5') and with a dot (row 3's '10.25')" in line


def test_a_semicolon_file_with_only_thousand_like_commas_is_refused_not_read_as_decimals(
    tmp_path, capsys
):
    # The sniffer reads "1,464" under `forecast` as 1.464 with a doubt; staff printed nothing
    # and staffed 1.464 contacts with 2 agents, where 1464 would need 499.
    path = write(
        tmp_path, "interval_start;forecast\n2026-01-05 09:00;1,464\n2026-01-05 09:15;2,250\n"
    )
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    assert "row 2 (interval_start 2026-01-05 09:00): 'forecast' is '1,464'" in line
    assert "reads as 1464 (a comma between thousands) or as 1.464 (a decimal comma)" in line
    assert "write it without thousands separators (1464), or as 1.464 if that is meant" in line
    # With one cell only a decimal comma writes, the file says which: 1.464 and 2.25.
    path.write_text(
        "interval_start;forecast\n2026-01-05 09:00;1,464\n2026-01-05 09:15;2,250\n"
        "2026-01-05 09:30;0,5\n"
    )
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    plan = pd.read_csv(out)
    assert plan.volume.tolist() == [1.464, 2.25, 0.5]
    assert plan.agents.tolist() == [agents_for(1.464), agents_for(2.25), agents_for(0.5)]
    assert "numbers read with a decimal comma, as row 4's forecast '0,5' (0.5)" in stdout


# --- notes on how the file was read ---------------------------------------------------------


def test_two_digit_years_that_also_read_year_first_get_a_note(tmp_path, capsys):
    # 13/01/26 can only be day/month, but the year may come first (26 Jan 2013): the import
    # warns of it; staff read it silently.
    path = write(tmp_path, "interval_start,volume\n13/01/26 09:00,12\n13/01/26 09:15,10\n")
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out).interval_start.tolist() == [
        "2026-01-13 09:00:00",
        "2026-01-13 09:15:00",
    ]
    assert (
        "interval_start writes two-digit years, and nothing tells whether the year comes "
        "first or last: read last, so 13/01/26 09:00 is Tue 13 Jan 2026 (not 26 Jan 2013)"
    ) in stdout
    # Four-digit years: nothing to say.
    path.write_text("interval_start,volume\n13/01/2026 09:00,12\n13/01/2026 09:15,10\n")
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    # The only note: the FTE of a plan shorter than a week (round eleven).
    assert [line for line in stdout.splitlines() if line.startswith("note:")] == [
        line for line in stdout.splitlines() if "planned as every day of a week" in line
    ]


def test_title_lines_above_the_header_are_named_when_skipped(tmp_path, capsys):
    path = write(
        tmp_path,
        "Forecast export\n\nweek 2;\ninterval_start;volume\n2026-01-05 09:00;10\n"
        "2026-01-05 09:15;12,5\n",
    )
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out).volume.tolist() == [10, 12.5]
    assert (
        "the header is on line 4; lines 1-3 were skipped as a title, not data "
        "('Forecast export'; 'week 2;')"
    ) in stdout
    assert "numbers read with a decimal comma" in stdout


# --- workloads no center could staff --------------------------------------------------------


def test_a_volume_no_center_could_staff_is_refused_with_its_agents(tmp_path, capsys):
    # 1e12 contacts per 15 minutes used to be staffed: 392,156,862,746 agents and EUR 3.4e12.
    path = write(tmp_path, "interval_start,volume\n2026-01-05 09:00,1e12\n2026-01-05 09:15,10\n")
    line = one_line_error(capsys, path, tmp_path / "plan.csv", *TARGETS)
    # 1e12 x 300 s / 900 s = 3.33e11 Erlangs, at 85% occupancy 3.92e11 agents.
    assert f"need at least {math.ceil(1e12 * 300 / 900 / 0.85) - 1:,} agents" in line
    assert "no contact center has more than 1,000,000 on one queue at once" in line
    assert "not per day or a running total" in line


def test_the_largest_plausible_workload_is_still_staffed(tmp_path, capsys):
    # Guard: just under the bound, the plan is made; the occupancy cap sets the agents.
    path = write(tmp_path, "interval_start,volume\n2026-01-05 09:00,2540000\n2026-01-05 09:15,10\n")
    out = tmp_path / "plan.csv"
    code, _, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out).agents.iloc[0] == math.ceil(2540000 * 300 / 900 / 0.85) == 996079


def test_the_package_refuses_the_same_workload():
    # As the app plans it (no occupancy cap): 3.3e6 x 300 s / 900 s = 1.1e6 Erlangs.
    frame = pd.DataFrame({"interval_start": ["2026-01-05 09:00"], "volume": [3.3e6]})
    with pytest.raises(InputError, match="need at least 1,100,000 agents"):
        plan_staffing(frame, 15, StaffingSettings(aht_seconds=300))


# --- no contacts ----------------------------------------------------------------------------


def test_the_no_contacts_notes_say_occupancy_and_readable_hours(tmp_path, capsys):
    path = write(tmp_path, "interval_start,volume\n2026-01-05 09:00,0\n2026-01-05 09:15,0\n")
    out = tmp_path / "plan.csv"
    code, stdout, err = staff(capsys, path, out, *TARGETS)
    assert code == 0, err
    assert pd.read_csv(out).occupancy.tolist() == [0.0, 0.0]
    assert "and occupancy is 0%: any agents and cost are the minimum kept while" in stdout
    # One agent for two 15-minute intervals: 0.5 agent-hours, read "0 of its 0" before.
    assert (
        "Queue 'all' expects no contacts over the horizon, yet is staffed with at least one agent"
        in stdout
    )
    assert "all 0.5 of its agent-hours" in stdout


def test_minimum_notes_keep_whole_hours_for_real_queues():
    # Guard: 40 half hours at 0.1 contacts: 20 agent-hours, written as before.
    frame = pd.DataFrame(
        {
            "interval_start": pd.date_range("2026-01-05 09:00", periods=40, freq="30min"),
            "volume": 0.1,
        }
    )
    plan = plan_staffing(frame, 30, StaffingSettings(aht_seconds=300))
    (note,) = minimum_staffing_notes(plan, 30)
    assert "expects only 0.10 contacts per open 30-minute interval on average" in note
    assert "20 of its 20 agent-hours (100%)" in note


# --- help -----------------------------------------------------------------------------------


def test_help_names_every_plan_column_and_its_unit(capsys):
    with pytest.raises(SystemExit):
        cli.main(["staff", "--help"])
    text = capsys.readouterr().out
    for column, unit in [
        ("service_level", "share (0-1) answered within --answer-within-seconds"),
        ("asa_seconds", "average speed of answer in seconds"),
        ("occupancy", "share (0-1) of the agents' time"),
        ("rostered", "agents / (1 - shrinkage), rounded up"),
        ("abandon_rate", "with --patience-seconds"),
        ("backlog", "e-mails still open"),
    ]:
        assert any(line.split()[:1] == [column] and unit in line for line in text.splitlines())


# --- a very large center --------------------------------------------------------------------


@pytest.mark.parametrize("erlangs", [1000.0, 5000.0, 20000.0])
def test_thousands_of_erlangs_match_textbook_pyworkforce_and_square_root_staffing(erlangs):
    # Guard. The square-root rule (Halfin & Whitt 1981): N = A + beta sqrt(A), with beta from
    # SL = 1 - P(wait) e^{-beta sqrt(A) t / AHT} and P(wait) = 1 / (1 + beta Phi(beta)/phi(beta)).
    aht, within, level = 300.0, 20.0, 0.8
    volume = erlangs * 900 / aht
    ours = int(required_agents(volume, aht, 900, level, within))
    assert ours == erlang_c_agents(erlangs, aht, within, level)
    reference = ErlangC(transactions=volume, aht=aht / 60, asa=within / 60, interval=15)
    assert ours == reference.required_positions(service_level=level)["raw_positions"]

    def shortfall(beta: float) -> float:
        waits = 1 / (1 + beta * norm.cdf(beta) / norm.pdf(beta))
        return 1 - waits * math.exp(-beta * math.sqrt(erlangs) * within / aht) - level

    beta = brentq(shortfall, 1e-9, 5)
    assert ours == math.ceil(erlangs + beta * math.sqrt(erlangs))
    assert {1000.0: 1015, 5000.0: 5019, 20000.0: 20022}[erlangs] == ours


@pytest.mark.parametrize("command", ["staff", "plan"])
def test_help_explains_every_staffing_option_with_its_default(capsys, command):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    defaults = StaffingSettings()
    for said in [
        f"--shrinkage SHRINKAGE share of paid time away from contacts: breaks, training, absence "
        f"(default {defaults.shrinkage:g})",
        f"agents per supervisor, 8 to 15 (default {defaults.supervisor_span})",
        f"chats one agent handles at once (default {defaults.chat_concurrency})",
        "e.g. 0.15 for 15% (default",
        "e-mails answered within this many working hours: the clock runs only in the hours "
        f"e-mail is worked, as a business-hours SLA (default "
        f"{defaults.email_response_hours:g})",
        f"FTE are paid hours a week over it (default {defaults.weekly_contract_hours:g}, as the "
        "app)",
        f"agents on every open interval, however quiet (default {defaults.min_agents_open})",
        f"EUR per paid agent hour (default {defaults.agent_hourly_cost:g})",
        f"EUR per paid supervisor hour (default {defaults.supervisor_hourly_cost:g})",
    ]:
        assert said in text, said
