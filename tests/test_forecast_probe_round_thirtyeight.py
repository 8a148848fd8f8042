"""Forecast probes: the `forecast` command a plan with a volume change names for all its peaks
writes the peaks that plan lists."""

from __future__ import annotations

import re

import pandas as pd

import cli
import cli_commands.forecast

# 1. A plan's volume change and the forecast that lists all its peaks.


def _peak_figures(lines: list[str]) -> list[str]:
    """'Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% ... ≈ 3,586 extra contacts' of each peak line,
    its cause left out: plan names the change 'scenario +30% ...', forecast 'campaign ...'."""
    return [re.sub(r" \(.*\)$", "", line) for line in lines if line.startswith("peak ")]


def test_the_forecast_a_plan_names_for_its_peaks_writes_the_peaks_the_plan_lists(
    shared_data, tmp_path, capsys, monkeypatch
):
    # Tech. Axa from Wed 1 Jan 2014, +30% on Mon 6 - Sun 12 Jan: plan pointed at
    # 'cli.py forecast --peaks-out PEAKS.csv', whose peaks are those of the unchanged forecast
    # (2: 'Tue 7 Jan, all day: +46% ..., ≈ 1,549 extra contacts' and Thu 2 Jan), and forecast
    # refuses --volume-change-pct. Its --campaign over the same days changes the forecast by
    # the same factor: the same 10 peaks, to the contact.
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)  # every peak printed
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "30", "--change-from", "2014-01-06", "--change-to", "2014-01-12",
            "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    planned = _peak_figures(capsys.readouterr().out.splitlines())
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 5)
    assert cli.main(plan) == 0
    named = capsys.readouterr().out.splitlines()
    assert named[-5] == (
        "peaks: 5 more after these 5, smaller; cli.py forecast --campaign 2014-01-06 2014-01-12 "
        "30 --peaks-out PEAKS.csv lists them all, the change as a campaign"
    )
    peaks_out = tmp_path / "peaks.csv"
    forecast = ["forecast", export, "--horizon-days", "14", "--campaign", "2014-01-06",
                "2014-01-12", "30", "--peaks-out", str(peaks_out),
                "--out", str(tmp_path / "forecast.csv")]  # fmt: skip
    monkeypatch.setattr(cli_commands.forecast, "PEAKS_SHOWN", 20)
    assert cli.main(forecast) == 0
    assert _peak_figures(capsys.readouterr().out.splitlines()) == planned
    written = pd.read_csv(peaks_out)
    assert written["extra_contacts"].round().astype(int).tolist() == [
        3586, 1380, 890, 716, 707, 667, 159, 76, 67, 53
    ]  # fmt: skip
    assert len(planned) == 10 and planned[0] == (
        "peak 1: Tech. Axa Mon 6 Jan 12:30–Tue 7 Jan 24:00: +66% over a usual Monday, ≈ 3,586 "
        "extra contacts"
    )


def test_a_plan_changing_every_day_names_the_campaign_over_its_horizon(
    shared_data, tmp_path, capsys
):
    # Without --change-from/--change-to the change covers the plan's 14 days, Wed 1 - Tue 14 Jan.
    export = str(shared_data / "axa" / "series" / "Tech. Axa.csv")
    plan = ["plan", export, "--aht-seconds", "300", "--horizon-days", "14",
            "--volume-change-pct", "20", "--out", str(tmp_path / "plan.csv")]  # fmt: skip
    assert cli.main(plan) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "lists them all" in line]
    assert said == [
        "peaks: 6 more after these 5, smaller; cli.py forecast --campaign 2014-01-01 2014-01-14 "
        "20 --peaks-out PEAKS.csv lists them all, the change as a campaign"
    ]
