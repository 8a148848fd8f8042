"""App latency: first render of each page and a cached rerun, with AppTest on a year of data.

Run: `.venv/bin/python bench/app_latency.py`. Targets: a rerun after changing one staffing
widget under 1 s (the forecast comes from the cache), the first Forecast render under 10 s.
The Shifts page's figures (its first render plans the shifts and the part-time caps beside
them) are printed without a target; the Scenarios comparison plans each scenario's shifts too.
Where ../shared holds the Anonymous Bank's 6-minute year, the Shifts page's first render on it
is timed as well (a fortnight of 24-hour 6-minute intervals: the largest programmes).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from data.importer import import_files  # noqa: E402
from data.schema import INTERVAL_START  # noqa: E402
from data.store import Store  # noqa: E402

SAMPLE = PROJECT_ROOT / "data" / "samples" / "service_desk.csv"
BANK_6MIN = (
    PROJECT_ROOT.parent
    / "shared"
    / "data"
    / "anonymous_bank"
    / "anonymous_bank_1999_6min_counts.csv"
)
DATASET_NAME = "Service desk, last year"
TARGET_RERUN_SECONDS = 1.0
TARGET_FORECAST_SECONDS = 10.0


def store_last_year(home: Path) -> tuple[int, int]:
    """Save the shipped sample's last 365 days as the only stored dataset; (rows, queues)."""
    dataset = import_files([SAMPLE])
    starts = dataset.intervals[INTERVAL_START]
    keep = starts >= starts.max().normalize() - pd.Timedelta(days=364)
    year = replace(dataset, name=DATASET_NAME, intervals=dataset.intervals[keep])
    Store(home / "picco.duckdb").save_dataset(year, DATASET_NAME)
    return int(keep.sum()), len(year.queues)


def save_two_scenarios(home: Path, queue: str) -> None:
    """A baseline and a +20% volume scenario, as the Scenarios page would store them."""
    from planning import Scenario
    from staffing.plan import StaffingSettings, channel_from_queue_name

    store = Store(home / "picco.duckdb")
    staffing = StaffingSettings(channel=channel_from_queue_name(queue), max_asa_seconds=120.0)
    for scenario in (
        Scenario("Baseline", staffing=staffing),
        Scenario("+20% volume", volume_change_pct=20, staffing=staffing),
    ):
        store.save_scenario(DATASET_NAME, scenario.name, scenario.to_dict())


def timed(label: str, action, figures: list[tuple[str, float, float]]):
    started, cpu_started = time.perf_counter(), time.process_time()
    app = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if app.exception:
        messages = "; ".join(str(item.value) for item in app.exception)
        raise SystemExit(f"{label}: the page raised: {messages}")
    figures.append((label, seconds, cpu))
    return app


def time_bank_shifts(figures: list[tuple[str, float, float]]) -> None:
    """The Shifts page's first render on the bank's 6-minute year, after its Forecast and
    Staffing pages: the plan at the page's part-time cap and the part-time caps table."""
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory(prefix="picco-bench-bank-") as home:
        os.environ["PICCO_HOME"] = home
        Store(Path(home) / "picco.duckdb").save_dataset(import_files([BANK_6MIN]), "bank")
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=600)
        app.run()
        for page in ("forecast", "staffing"):
            app.switch_page(f"app_pages/{page}.py").run()
        app.switch_page("app_pages/shifts.py")
        timed("Shifts page on the bank's 6-minute year, first render", app.run, figures)


def main() -> int:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory(prefix="picco-bench-") as home:
        os.environ["PICCO_HOME"] = home
        rows, queues = store_last_year(Path(home))
        os.chdir(PROJECT_ROOT)
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=600)
        figures: list[tuple[str, float, float]] = []
        timed("Data page, first render", app.run, figures)
        app = timed("Data page, rerun", app.run, figures)
        app.switch_page("app_pages/forecast.py")
        app = timed("Forecast page, first render (fits models)", app.run, figures)
        app = timed("Forecast page, rerun (cached)", app.run, figures)
        app.switch_page("app_pages/staffing.py")
        app = timed("Staffing page, first render", app.run, figures)
        target = app.number_input(key="sl_target_pct")
        target.set_value(float(target.value) + 5)
        app = timed("Staffing page, rerun after SL target +5 points", app.run, figures)
        app.slider(key="supervisor_span").set_value(10)
        app = timed("Staffing page, rerun after supervisor span 10", app.run, figures)
        app.switch_page("app_pages/shifts.py")
        app = timed("Shifts page, first render (plans the shifts)", app.run, figures)
        app.radio(key="shift_cover").set_value("all queues")
        app = timed("Shifts page, all queues together", app.run, figures)
        app.number_input(key="shift_part_max_pct").set_value(20.0)
        app = timed("Shifts page, rerun after part time at most 20%", app.run, figures)
        app.switch_page("app_pages/scenarios.py")
        app = timed("Scenarios page, first render (none saved)", app.run, figures)
        save_two_scenarios(Path(home), app.session_state["queue"])
        app = timed(
            "Scenarios page, compare baseline and +20% volume, with shifts", app.run, figures
        )
        app.selectbox(key="baseline_name").set_value("+20% volume")
        timed("Scenarios page, rerun after another baseline", app.run, figures)
    if BANK_6MIN.exists():
        time_bank_shifts(figures)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"App latency (AppTest), {rows:,} interval rows, {queues} queues, 15-minute data")
    print(f"  machine: {os.cpu_count()} cores, load average {load} (other work slows the figures)")
    width = max(len(label) for label, *_ in figures)
    print(f"  {'step':<{width}}  {'wall':>8}  {'CPU':>8}")
    for label, seconds, cpu in figures:
        print(f"  {label:<{width}}  {seconds:6.2f} s  {cpu:6.2f} s")
    wall = {label: seconds for label, seconds, _ in figures}
    forecast = wall["Forecast page, first render (fits models)"]
    reruns = [s for label, s in wall.items() if label.startswith("Staffing page, rerun after")]
    print(
        f"first forecast render {forecast:.2f} s (target < {TARGET_FORECAST_SECONDS:g} s: "
        f"{'met' if forecast < TARGET_FORECAST_SECONDS else 'MISSED'}); "
        f"staffing rerun max {max(reruns):.2f} s (target < {TARGET_RERUN_SECONDS:g} s: "
        f"{'met' if max(reruns) < TARGET_RERUN_SECONDS else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
