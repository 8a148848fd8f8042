"""Round twenty-four of a manager's probe: a raised part-time cap is called idle only against a
baseline with the same shifts, a large center's peaks, supervisors and open hours read with
thousands separators, a peak over the ceiling alone reads as a usual day, the forecast
downloads say they hold every queue and mark the days covered in part, and a shift length off
the interval grid names the lengths that fit, once for all scenarios, and the all-queues table
says every queue is staffed to the quantile picked, driven headless with AppTest on the sample
and small uploads."""

from __future__ import annotations

import pandas as pd
from import_support import note_with
from test_app_pages import assert_clean, go, metric, open_app, small_export, table
from test_app_round_two import offered  # noqa: F401  (the fixture)

from data.importer import import_files
from forecasting.peaks import describe_peak
from planning.compare import ShiftFigures, comparable_part_time_caps, idle_part_time_caps
from staffing.shifts import ShiftSettings

CSV = "text/csv"

# ------------------------------------------------- A part-time cap against no part time


def test_more_part_time_against_a_baseline_without_part_time_is_not_called_idle(picco_home):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_part_hours").set_value(0.0).run()  # full time only
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert_clean(app)
    shown = app.table[-1].value
    more_part_time = "Part time 4 h up to 50%"
    row = "Shift hours over 7 days (h)"
    assert shown.loc[row, "Current settings"] == "2,688"
    assert shown.loc[row, more_part_time] == "2,244 (−444 ▼)"
    assert shown.loc["Part time on shifts (%)", "Current settings"] == "0.0"
    # Before: "'Part time 4 h up to 50%' plans 20.5% part time under its 50% cap, less than the
    # 30% of 'Current settings' allows: ... the higher cap changes nothing here", beside its
    # 444 fewer shift hours.
    assert not [item.value for item in app.info if "changes nothing" in item.value]


def test_only_scenarios_with_the_baselines_shifts_are_weighed_for_an_idle_cap():
    base = ShiftSettings(part_max_share=0.3)
    shifts = {
        "base": base,
        "raised": ShiftSettings(part_max_share=0.5),
        "six hours": ShiftSettings(part_hours=6.0, part_max_share=1.0),  # another shift
    }
    assert comparable_part_time_caps(shifts, "base") == {"base": 0.3, "raised": 0.5}
    # No part-time shift: nothing of a cap can be used, whatever its share.
    none = {"base": ShiftSettings(part_hours=0.0), "raised": ShiftSettings(part_max_share=0.5)}
    assert comparable_part_time_caps(none, "base") == {"base": 0.0}
    full_time = {"base": ShiftSettings(part_max_share=0.0), "raised": base}
    assert comparable_part_time_caps(full_time, "base") == {"base": 0.0, "raised": 0.3}
    plans = {name: ShiftFigures(100, 30, 800, 17_600, 0.2) for name in shifts}
    caps = comparable_part_time_caps(shifts, "base")
    assert idle_part_time_caps(plans, caps, "base").startswith(
        "'raised' plans 20.0% part time under its 50% cap, less than the 30% of 'base'"
    )
    assert idle_part_time_caps(plans, comparable_part_time_caps(none, "base"), "base") is None


# ------------------------------------------------- A large center's figures, with separators


def test_a_large_centers_peaks_and_supervisors_read_with_thousands_separators(picco_home):
    app = open_app()
    big = small_export(scale=20_000.0)  # up to 33,509 calls a quarter hour
    app.file_uploader(key="upload_files").set_value([("big.csv", big, "text/csv")]).run()
    go(app, "forecast")
    app.number_input(key="peak_volume_threshold").set_value(30_000.0).run()
    assert_clean(app)
    listed = [line for item in app.markdown for line in item.value.splitlines()]
    # Before: "+0% over a usual Monday; up to 33509 per interval, ≈ 7029 over your ceiling
    # (above 30000 per interval)" under a busiest interval of "29,286–37,875 contacts".
    assert (
        "- Mon 7 Apr 08:00–08:45: as on a usual Monday; up to 33,509 per interval, ≈ 7,029 "
        "over your ceiling (above 30,000 per interval)" in listed
    )
    go(app, "staffing")
    assert_clean(app)
    assert metric(app, "Peak supervisors") == "1,565"
    # Before: "Between 1252 (1 per 15 people rostered) and 2347 (1 per 8)."
    assert [item.help for item in app.metric if item.label == "Peak supervisors"] == [
        "Between 1,252 (1 per 15 people rostered) and 2,347 (1 per 8)."
    ]


def test_a_peak_over_the_ceiling_alone_reads_as_a_usual_day_not_plus_or_minus_zero():
    def peak(pct: float) -> pd.Series:
        return pd.Series(
            {
                "start": pd.Timestamp("2026-11-23 10:30"),
                "end": pd.Timestamp("2026-11-23 11:00"),
                "pct_above_usual": pct,
                "extra_contacts": 0.0,
                "over_ceiling_contacts": 1_234.0,
                "busiest_interval": 2_345.0,
                "reason": "above 2,000 per interval",
            }
        )

    tail = "up to 2,345 per interval, ≈ 1,234 over your ceiling (above 2,000 per interval)"
    # Before: "-0% against a usual Monday; ..." and "+0% over a usual Monday; ...".
    assert describe_peak(peak(-0.4)) == f"Mon 23 Nov 10:30–11:00: as on a usual Monday; {tail}"
    assert describe_peak(peak(0.3)) == f"Mon 23 Nov 10:30–11:00: as on a usual Monday; {tail}"
    assert describe_peak(peak(-2.0)).startswith("Mon 23 Nov 10:30–11:00: -2% against a usual")


# ------------------------------------------------- Forecast downloads that hold every queue


def test_the_forecast_downloads_say_they_hold_every_queue(picco_home):
    app = go(open_app(), "forecast")
    assert_clean(app)
    days, _ = table(app, "forecast_contacts", "usual_contacts", "vs_usual")
    assert len(days) == 7  # the phone queue's week on screen
    labels = [button.label for button in app.get("download_button")]
    # Before: "Day by day (CSV)" offered 21 rows, chat, e-mail and phone, under those 7.
    assert labels == [
        f"{table_label} ({kind})"
        for table_label in (
            "Forecast, all queues",
            "Peaks, all queues",
            "Day by day, all queues",
            "Unusual intervals in the history, all queues",
            "Backtest, all queues",
            "Last backtest, actual vs forecast, all queues",
        )
        for kind in ("CSV", "Excel")
    ]


# ------------------------------------------------- A shift length off the interval grid


def test_a_shift_length_off_the_grid_names_the_lengths_that_fit_once_for_all_scenarios(
    picco_home,
):
    app = go(open_app(), "shifts")
    app.number_input(key="shift_full_hours").set_value(7.8).run()
    reason = (
        "shift 'Full time 7.8 h' lasts 7.8 h: give a length that is a whole number of the "
        "plan's 15-minute intervals, such as 7.75 h or 8 h"
    )
    # Before: "..., at least one", the manager left to work out which lengths fit.
    assert [item.value for item in app.error] == [f"No shift plan: {reason}"]
    go(app, "scenarios")
    app.button(key="save_example_scenarios").click().run()
    assert not app.exception
    names = "'Current settings', '+30% volume 23 Nov – 29 Nov', '90% in 30 s', 'Staffed to P80', "
    # Before: the same reason five times over, once after each scenario's name.
    assert [item.value for item in app.warning if item.value.startswith("No shift plan")] == [
        f"No shift plan for {names}'Part time 4 h up to 50%': {reason}. Change the scenario's "
        "PT % above, or the shift lengths and start hours on the Shifts page and save it again."
    ]


# ------------------------------------------------- Open hours of a fine grid, with separators


def test_the_open_hours_of_six_minute_counts_read_with_thousands_separators(tmp_path):
    starts = pd.date_range("2024-03-04", periods=28 * 240, freq="6min")
    calls = (starts.hour >= 1).astype(int) * 3  # every slot but the first hour of the night
    path = tmp_path / "six.csv"
    pd.DataFrame({"interval_start": starts, "calls": calls}).to_csv(path, index=False)
    dataset = import_files([path])
    # Before: "1610 of 1680 weekly 6-minute slots"; the Staffing page writes "1,634 open".
    assert note_with(dataset, "Open hours of 'six'") == (
        "Open hours of 'six': 1,610 of 1,680 weekly 6-minute slots are open."
    )


# ------------------------------------------------- Days covered in part, in the download too


def test_the_day_by_day_download_marks_the_days_covered_only_in_part(picco_home, offered):  # noqa: F811
    lines = small_export().decode().splitlines()  # Mon 3 Mar to Sun 6 Apr 2025
    cut = [line for line in lines if line < "2025-04-04 12:00" or line.startswith("timestamp")]
    app = open_app()
    upload = [("calls.csv", ("\n".join(cut) + "\n").encode(), CSV)]
    app.file_uploader(key="upload_files").set_value(upload).run()
    go(app, "forecast")
    assert_clean(app)

    def marked(frame: pd.DataFrame) -> dict[str, str]:
        pairs = zip(frame["date"], frame["hours_covered"], strict=True)
        return {f"{pd.Timestamp(day):%Y-%m-%d}": text for day, text in pairs if text}

    shown, _ = table(app, "forecast_contacts", "hours_covered")
    assert marked(shown) == {"2025-04-04": "from 12:00", "2025-04-11": "until 12:00"}
    days = offered["days_calls"]
    # Before: the download had no such column; its Friday read 74 contacts as a whole day.
    assert list(days.columns[:3]) == ["queue", "date", "hours_covered"]
    assert marked(days) == marked(shown)
    # One queue: the downloads keep their short names.
    labels = {button.label for button in app.get("download_button")}
    assert "Day by day (CSV)" in labels
    assert not [label for label in labels if "all queues" in label and "Forecast" not in label]
    assert days["forecast_contacts"].tolist()[:2] == [74.0, 0.0]


# ------------------------------------------------- All queues staffed to the quantile picked


def test_the_all_queues_table_says_every_queue_is_staffed_to_the_quantile_picked(picco_home):
    app = go(open_app(), "staffing")
    app.selectbox(key="quantile").set_value("p80").run()
    assert_clean(app)
    overview, _ = table(app, "queue", "fte")
    # Every queue on its P80 forecast: e-mail 25.2 FTE on the mean, 33.6 here.
    assert overview.set_index("queue")["fte"].to_dict() == {
        "chat": 28.4,
        "email": 33.6,
        "phone": 51.2,
    }
    captions = [item.value for item in app.caption if item.value.startswith("Each queue")]
    # Before: "... the targets, shrinkage, span and costs above apply to all." only.
    assert captions == [
        "Each queue staffed on its own channel and handle time (typed for it above, else from "
        "the data, else a stand-in); the targets, shrinkage, span and costs above apply to all, "
        "and so does staffing to the P80 forecast."
    ]
