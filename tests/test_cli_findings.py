"""CLI: an --out that cannot be written, the horizon cap the app shares, backtests scored on fewer
origins than asked for, and the auto rule stated as the code applies it."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import PROJECT_ROOT

import cli
from cli_commands.options import AUTO_RULE, write_csv
from data.errors import InputError
from forecasting.select import MAX_SWITCH_BIAS, PREFERRED_MODEL, SWITCH_MARGIN
from forecasting.settings import MAX_HORIZON_DAYS
from forecasting.synthetic import synthetic_intervals

FAST = ("--model", "weighted_profile")
STAFFING = ("--service-level", "0.8", "--answer-within-seconds", "20", "--aht-seconds", "300")


@pytest.fixture(scope="module")
def desk_csv(tmp_path_factory):
    """Twelve weeks of Mon-Fri 08:00-18:00 counts at 30 minutes."""
    frame = synthetic_intervals(7 * 12 - 2, seed=5, level=30)
    path = tmp_path_factory.mktemp("cli") / "desk.csv"
    frame.rename(columns={"volume": "calls"})[["interval_start", "calls"]].to_csv(path, index=False)
    return path


@pytest.fixture()
def forecast_csv(tmp_path):
    starts = pd.date_range("2026-03-02 08:00", periods=8, freq="30min")
    path = tmp_path / "forecast.csv"
    pd.DataFrame({"interval_start": starts, "volume": 20.0}).to_csv(path, index=False)
    return path


def run(capsys, *arguments: object) -> tuple[int, str, str]:
    code = cli.main([str(argument) for argument in arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def error_lines(err: str) -> list[str]:
    """stderr without the import notes the commands print before their work."""
    return [line for line in err.splitlines() if not line.startswith("import:")]


def commands(data: object, forecast: object) -> dict[str, list[object]]:
    return {
        "forecast": ["forecast", data, "--horizon-days", 7, *FAST],
        "backtest": ["backtest", data, "--horizon-days", 7, *FAST],
        "plan": ["plan", data, "--horizon-days", 7, *FAST, "--aht-seconds", 300],
        "staff": ["staff", forecast, *STAFFING],
    }


# 1. An --out in a folder that does not exist, or that is no file, is one line and exit 2.


@pytest.mark.parametrize("command", ["forecast", "backtest", "plan", "staff"])
def test_an_out_in_a_missing_folder_is_one_line_naming_it(
    command, desk_csv, forecast_csv, tmp_path, capsys
):
    out = tmp_path / "no_such_folder" / "x.csv"
    code, _, err = run(capsys, *commands(desk_csv, forecast_csv)[command], "--out", out)
    assert code == 2
    lines = error_lines(err)
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: --out {out}: ")
    assert "does not exist" in lines[0]
    assert not out.parent.exists()  # not created behind the user's back


@pytest.mark.parametrize("command", ["forecast", "staff"])
def test_an_out_that_is_a_folder_or_under_a_file_is_refused(
    command, desk_csv, forecast_csv, tmp_path, capsys
):
    arguments = commands(desk_csv, forecast_csv)[command]
    code, _, err = run(capsys, *arguments, "--out", tmp_path)
    assert code == 2
    assert error_lines(err) == [
        f"error: --out {tmp_path} is a folder: give a file name, e.g. {tmp_path / 'out.csv'}."
    ]
    under_a_file = forecast_csv / "x.csv"
    code, _, err = run(capsys, *arguments, "--out", under_a_file)
    assert code == 2
    assert error_lines(err) == [
        f"error: --out {under_a_file}: {forecast_csv} is a file, not a folder; write elsewhere."
    ]


def test_a_write_that_fails_all_the_same_names_the_path(tmp_path):
    with pytest.raises(InputError, match=f"^--out {tmp_path}: cannot write it"):
        write_csv(pd.DataFrame({"a": [1]}), str(tmp_path))


# 2. The horizon is capped as on the app's Forecast page, with one shared constant.


def test_a_horizon_longer_than_the_page_takes_is_refused(desk_csv, tmp_path, capsys):
    out = tmp_path / "x.csv"
    code, _, err = run(capsys, "forecast", desk_csv, "--horizon-days", 1000, *FAST, "--out", out)
    assert code == 2
    assert error_lines(err) == [
        f"error: --horizon-days 1000: the horizon must be at most {MAX_HORIZON_DAYS} days, "
        "about a quarter, as on the app's Forecast page."
    ]
    assert not out.exists()
    code, _, err = run(
        capsys, "backtest", desk_csv, "--horizon-days", MAX_HORIZON_DAYS + 1, "--out", out
    )
    assert code == 2 and "at most 92 days" in err


def test_the_page_and_the_cli_share_the_cap():
    source = (PROJECT_ROOT / "app_ui" / "settings.py").read_text()
    assert "MAX_HORIZON_DAYS = 92" not in source  # not a copy that could drift
    assert "from forecasting.settings import MAX_HORIZON_DAYS" in source
    help_text = cli.build_parser()._subparsers._group_actions[0].choices["forecast"].format_help()
    assert f"(1 to {MAX_HORIZON_DAYS})" in help_text


# 3. A backtest that scores fewer origins than asked for says how many and why.


def test_a_short_history_says_how_many_origins_were_scored(desk_csv, tmp_path, capsys):
    out = tmp_path / "metrics.csv"
    code, stdout, _ = run(capsys, "backtest", desk_csv, *FAST, "--out", out)
    assert code == 0
    scored = int(pd.read_csv(out)["n_origins"].iloc[0])
    assert scored < 8
    assert (
        f"note: desk: {scored} of the 8 origins asked for were scored: its 82 days of history "
        in stdout
    )
    assert "A longer history scores more." in stdout
    code, stdout, _ = run(capsys, "backtest", desk_csv, *FAST, "--origins", scored, "--out", out)
    assert code == 0 and "origins asked for" not in stdout


def test_backtest_help_says_how_it_differs_from_the_page():
    parser = cli.build_parser()._subparsers._group_actions[0].choices["backtest"]
    text = " ".join(parser.format_help().split())
    assert "4 weekly origins over min(max(horizon, 7), 28) days" in text
    assert "calibrated on the other weeks" in text
    assert "up to 4 earlier origins whose days had passed (no peeking)" in text
    assert "coverage and WAPE can differ from the page's" in text


# 11. The auto rule: one wording, the code's, in the CLI help and the README.


def test_the_auto_rule_is_the_codes_and_the_readme_says_it_in_the_same_words():
    assert f"lower by more than {SWITCH_MARGIN:.0%} overall" in AUTO_RULE
    assert f"missing the total by more than {MAX_SWITCH_BIAS:.0%}" in AUTO_RULE
    assert f"(or by more than {PREFERRED_MODEL} did)" in AUTO_RULE
    readme = " ".join((PROJECT_ROOT / "README.md").read_text().split())
    assert AUTO_RULE in readme
    parser = cli.build_parser()._subparsers._group_actions[0].choices["forecast"]
    assert AUTO_RULE in " ".join(parser.format_help().split())
