"""Streamlit caches around the package calls: the only place the app memoises anything.

Arguments starting with `_` are not hashed: a dataset or forecast is identified by a short token
(its content fingerprint plus the settings) passed next to it.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from data.errors import InputError
from data.importer import ImportOptions, ImportResult, import_files, import_files_detailed
from data.schema import QUEUE, Dataset
from data.sniff import HEAD_BYTES, TextFormat, sniff_bytes, sniff_file
from data.workbook import has_workbook_signature, workbook_to_csv


@st.cache_data(show_spinner="Importing the shipped sample data…", max_entries=2)
def sample_dataset(path: str) -> Dataset:
    return import_files([path])


@st.cache_data(show_spinner="Reading the uploaded files…", max_entries=8)
def import_uploads(
    files: tuple[tuple[str, bytes], ...], options_key: str, _options: ImportOptions | None
) -> ImportResult:
    """Import uploaded files (name, bytes) through temp files; InputError passes through."""
    with tempfile.TemporaryDirectory(prefix="picco-upload-") as folder:
        paths = []
        for position, (name, content) in enumerate(files):
            path = Path(folder) / f"{position}-{_short_file_name(name)}"
            path.write_bytes(content)
            paths.append(path)
        return import_files_detailed(paths, _options, names=[name for name, _ in files])


# The bytes of an uploaded file's name kept for its temp copy: a file system refuses a name of
# more than 255 bytes, which a long name (or a shorter one in another script) can reach.
TEMP_NAME_BYTES = 120


def _short_file_name(name: str) -> str:
    """`name` without folders, its stem cut to fit TEMP_NAME_BYTES (the display name stays whole)."""
    path = Path(name)
    stem = path.stem.encode()[:TEMP_NAME_BYTES].decode(errors="ignore")
    return f"{stem}{path.suffix[:16]}"


@st.cache_data(show_spinner=False, max_entries=12)
def forecast(token: str, settings_key: str, horizon_days: int, _dataset: Dataset, _settings: Any):
    """Fit and forecast every queue of the dataset, with a progress bar while it runs."""
    from forecasting import forecast_dataset

    bar = st.progress(0.0, text="Fitting forecast models…")

    def report(fraction: float, message: str) -> None:
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=message)

    result = forecast_dataset(_dataset, horizon_days, _settings, progress=report)
    bar.empty()
    return result


@st.cache_data(show_spinner="Staffing the forecast…", max_entries=48)
def plan(
    forecast_key: str,
    scenario_key: str,
    aht_key: str,
    interval_minutes: int,
    _forecast_frame: pd.DataFrame,
    _scenario: Any,
    _aht_by_queue: dict[str, float] | None,
    _aht_profile: pd.DataFrame | None = None,
):
    """The staffing plan (per interval + summary) of one scenario on one forecast; `aht_key`
    names the handle times (`_aht_by_queue`, `_aht_profile`) it was given."""
    from planning import build_plan

    return build_plan(_forecast_frame, interval_minutes, _scenario, _aht_by_queue, _aht_profile)


# Room for the Shifts page's plan and its part-time caps, and a comparison of six scenarios.
@st.cache_data(show_spinner="Choosing the shifts…", max_entries=32)
def shifts(
    need_key: str,
    types_key: str,
    interval_minutes: int,
    shifts_per_week: int,
    _need: pd.Series,
    _types: Any,
    rotation: bool = False,
):
    """The shifts covering `_need` (people per interval start) with `_types` (cached);
    `rotation` reads a need of whole weeks as a rotation repeating after its last week."""
    from staffing.shifts import plan_shifts

    return plan_shifts(
        _need,
        interval_minutes,
        _types,
        shifts_per_week=shifts_per_week,
        repeat_week=True if rotation else None,
    )


def shift_plan(
    need: pd.Series,
    interval_minutes: int,
    types: Any,
    shifts_per_week: int = 5,
    rotation: bool = False,
) -> Any:
    """`shifts` keyed by the need itself: any setting that changes the people rostered (a
    queue's handle time typed on the Staffing page included) changes the key."""
    return shifts(
        need_key(need), repr(types), interval_minutes, int(shifts_per_week), need, types, rotation
    )


def need_key(need: pd.Series) -> str:
    """A fingerprint of `need`'s values and interval starts."""
    index = pd.DatetimeIndex(need.index)
    return hashlib.sha1(need.to_numpy().tobytes() + index.asi8.tobytes()).hexdigest()


def part_time_cap(types: Any) -> float | None:
    """The cap on part time of shift `types` (a share of paid hours); None: no cap."""
    return next((kind.max_hours_share for kind in types[1:]), None)


def shift_plan_beside(
    planned: dict[tuple, tuple[float | None, Any]],
    need: pd.Series,
    interval_minutes: int,
    types: Any,
    shifts_per_week: int = 5,
    rotation: bool = False,
) -> Any:
    """`shift_plan`, or the plan kept in `planned` for the same need, shift lengths, start hours
    and shifts a week under another part-time cap where `shift_plan_at_cap` proves it the best
    at this cap too; a plan made here is kept in `planned`. A reused plan saves a solve (the
    bank's part-time caps table: 5 HiGHS solves to 3) and shows one plan for caps it is best
    under: the fewer-people search stops at HiGHS' root node, so two caps solved apart may
    still differ where the hours do not."""
    uncapped = [replace(kind, max_hours_share=None) for kind in types]
    key = (need_key(need), repr(uncapped), interval_minutes, int(shifts_per_week), rotation)
    cap = part_time_cap(types)
    if key not in planned:
        plan = shift_plan(need, interval_minutes, types, shifts_per_week, rotation)
        planned[key] = (cap, plan)
        return plan
    earlier_cap, earlier = planned[key]
    return shift_plan_at_cap(
        earlier, earlier_cap, cap, need, interval_minutes, types, shifts_per_week, rotation
    )


def part_time_share(plan: Any, types: Any) -> float:
    """The share of `plan`'s paid hours on its part-time shifts (every type of `types` but the
    first, the full-time one); 0 for a plan paying no hours."""
    if not plan.paid_hours:
        return 0.0
    by_type = plan.paid_hours_by_shift()
    return float(by_type.drop(types[0].name, errors="ignore").sum()) / plan.paid_hours


def shift_plan_at_cap(
    planned: Any,
    planned_cap: float | None,
    cap: float | None,
    need: pd.Series,
    interval_minutes: int,
    types: Any,
    shifts_per_week: int = 5,
    rotation: bool = False,
) -> Any:
    """The shifts `types` (part time capped at `cap`, a share; None: no cap) plan for `need`,
    beside `planned`, the plan at `planned_cap`: `planned` itself where it is proven to pay the
    fewest hours at `cap` too, else `shift_plan`. It pays the fewest hours under its own cap,
    so under any tighter cap it keeps; and under any looser one too where the plan without a
    cap pays no fewer hours, since no cap can do better than none. The capped programmes are
    the slow ones (no longer totally unimodular): the Shifts page's table of other caps had
    solved four more on the bank's 6-minute fortnight, 4.3-5.3 s each."""

    def solved(kinds: Any) -> Any:
        return shift_plan(need, interval_minutes, kinds, shifts_per_week, rotation)

    if not planned.optimal:  # an unproven plan proves nothing about another cap
        return solved(types)
    loosest = 1.0 if planned_cap is None else planned_cap
    wanted = 1.0 if cap is None else cap
    if part_time_share(planned, types) > wanted + 1e-9:
        return solved(types)  # it breaks the cap asked for
    if wanted <= loosest:
        return planned
    free = solved([replace(kind, max_hours_share=None) for kind in types])
    if free.optimal and free.paid_hours >= planned.paid_hours - 1e-6:
        return planned
    looser = solved(types)
    # `planned` keeps this looser cap: against a fresh solve paying more hours, or as many with
    # more people or shifts (the search for fewer people stops at HiGHS' root node), it is the
    # better plan. AXA's Médical at 50% had read 121 shifts and 26 people for the 868 h the
    # 30% plan pays with 119 and 25.
    if looser.paid_hours > planned.paid_hours + 1e-6:
        return planned
    if looser.paid_hours > planned.paid_hours - 1e-6 and _heads_and_shifts(
        planned, shifts_per_week
    ) <= _heads_and_shifts(looser, shifts_per_week):
        return planned
    return looser


def _heads_and_shifts(plan: Any, shifts_per_week: int) -> tuple[int, int]:
    """The people `plan` employs in its busiest week, and its shifts."""
    return plan.busiest_week_people(shifts_per_week), int(plan.shifts["people"].sum())


@st.cache_data(show_spinner=False, max_entries=8)
def holiday_suggestion(token: str, _dataset: Dataset, country: str | None) -> Any:
    """A holiday calendar matching the history's quiet days better than `country`, or None."""
    from forecasting.country import daily_totals, suggest_holiday_country

    return suggest_holiday_country(daily_totals(_dataset.intervals), country)


@st.cache_data(show_spinner=False, max_entries=8)
def patience_by_queue(token: str, _dataset: Dataset) -> dict[str, Any]:
    """Callers' mean patience per queue from waits and abandonments (queues without them left out)."""
    from planning.patience import patience_by_queue as estimate

    return estimate(_dataset.intervals)


@st.cache_data(show_spinner=False, max_entries=8)
def aht_by_queue(token: str, _dataset: Dataset) -> dict[str, float]:
    """Volume-weighted mean handle time per queue from the history (queues without it left out)."""
    from planning import default_aht_by_queue

    return default_aht_by_queue(_dataset.intervals)


@st.cache_data(show_spinner=False, max_entries=8)
def aht_profiles(token: str, _dataset: Dataset) -> pd.DataFrame:
    """Handle time by weekday and time of day, for the queues whose history shows one."""
    from planning import aht_profiles as learn

    return learn(_dataset.intervals)


@st.cache_data(show_spinner=False, max_entries=8)
def aht_weeks(token: str, _dataset: Dataset) -> dict[str, int]:
    """Per queue, the weeks of handle times a shape is learned from (`learned_weeks`)."""
    from planning.aht_profile import learned_weeks

    return learned_weeks(_dataset.intervals)


@st.cache_data(show_spinner=False, max_entries=8)
def aht_overall(token: str, _dataset: Dataset) -> float | None:
    """Volume-weighted mean handle time over the queues `aht_by_queue` knows one for; None when
    it knows none."""
    from planning import default_aht_by_queue

    known = aht_by_queue(token, _dataset)
    if not known:
        return None
    intervals = _dataset.intervals
    together = intervals[intervals[QUEUE].isin(list(known))].assign(**{QUEUE: ""})
    return default_aht_by_queue(together, plausible_only=False).get("")


@st.cache_data(show_spinner=False, max_entries=16)
def upload_head(name: str, digest: str, _content: bytes) -> TextFormat | None:
    """Header and first rows of one uploaded file, an Excel workbook's sheet included; None
    when it cannot be read as a table. `digest` identifies the content."""
    try:
        if not has_workbook_signature(_content):
            head = _content[:HEAD_BYTES]
            return sniff_bytes(head, name, complete=len(head) < HEAD_BYTES)
        with tempfile.TemporaryDirectory(prefix="picco-upload-head-") as folder:
            workbook, sheet = Path(folder) / "upload", Path(folder) / "sheet.csv"
            workbook.write_bytes(_content)
            workbook_to_csv(workbook, name, sheet)
            return sniff_file(sheet, name)
    except InputError:
        return None
