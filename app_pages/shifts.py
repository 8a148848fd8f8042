"""Shifts page: the shifts that cover the people rostered on the Staffing page, and their cost."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import cached, downloads, plots, settings, state, tables, url_state, widgets
from data.errors import InputError
from data.schema import INTERVAL_START
from staffing.cost import money_text
from staffing.shifts import UncoveredNeedError, start_grid_note, working_time_note

SESSION = "session"

st.title("Shifts")
current = state.current()
url_state.seed_from_url(url_state.QUEUE_KEY, url_state.QUEUE_PARAM, current.dataset.queues)
settings.seed_shifts(current)
state.seed({"shift_cover": settings.COVER_THIS_QUEUE, settings.ROTATION_KEY: False})
state.carry_over(url_state.QUEUE_KEY)
horizon_text = settings.days_text(st.session_state["horizon_days"])  # "1 day", "7 days"
st.caption(
    f"Dataset: **{current.name}** · the people rostered on the Staffing page (its targets, "
    f"shrinkage and costs) over the next {horizon_text}, covered by whole shifts at the fewest "
    "paid hours"
)

with st.container(border=True):
    row = st.columns([2, 3])
    queue = row[0].selectbox(
        "Queue", current.dataset.queues, key=url_state.QUEUE_KEY, persist_state=SESSION
    )
    url_state.keep_in_url(url_state.QUEUE_PARAM, queue)
    row[1].radio(
        "Cover",
        list(settings.SHIFT_COVER_LABELS),
        format_func=settings.SHIFT_COVER_LABELS.get,
        key="shift_cover",
        horizontal=True,
        persist_state=SESSION,
        help="All queues together adds up every queue's people rostered, each staffed on its own "
        "channel and handle time: right when agents take any queue's contacts.",
    )
    row = st.columns(5)
    row[0].number_input(
        "Full-time shift (hours)",
        min_value=0.5,
        max_value=12.0,
        step=0.5,
        key="shift_full_hours",
        format="%g",
        persist_state=SESSION,
        help="Paid length of a full-time shift. Breaks happen inside it: the shrinkage on the "
        "Staffing page already adds people for them.",
    )
    row[1].number_input(
        "Part-time shift (hours, 0 = none)",
        min_value=0.0,
        max_value=12.0,
        step=0.5,
        key="shift_part_hours",
        format="%g",
        persist_state=SESSION,
        help="Paid length of a part-time shift; 0 plans full-time shifts only.",
    )
    row[2].number_input(
        "Part time at most (% of paid hours)",
        min_value=0.0,
        max_value=100.0,
        step=5.0,
        key="shift_part_max_pct",
        format="%g",
        persist_state=SESSION,
        help="The most of all paid hours part-time shifts may take (a contract or policy "
        "limit); 0 plans full-time shifts only, 100 sets no limit.",
    )
    first, last = row[3].columns(2)
    settings.show_start_window(
        first,
        last,
        "First and last time of day a shift may start (both included); a last start before "
        "the first runs across midnight: 22:00 and 02:00 for a night desk. Shifts may run past "
        "midnight where the queue is open at night.",
    )
    row[4].number_input(
        "Shifts per person per week",
        min_value=1,
        max_value=7,
        step=1,
        key="shifts_per_week",
        persist_state=SESSION,
        help="Shifts one person works in a week, at most one a day: 5 for a five-day week. "
        "Sets the people to employ.",
    )
    night_window = settings.start_window_caption(*st.session_state["shift_starts"])
    if night_window:
        st.caption(night_window)
    # A manager planning a 2- or 4-week rotation repeats it: its last Sunday night's shifts
    # cover its first Monday morning, as they will the next rotation's.
    horizon_days = int(st.session_state["horizon_days"])
    rotation_weeks = settings.rotation_weeks(horizon_days)
    if rotation_weeks:
        st.checkbox(
            f"Repeat the {rotation_weeks} weeks as a rotation",
            key=settings.ROTATION_KEY,
            persist_state=SESSION,
            help=f"Read the {horizon_text} as a roster repeating every {rotation_weeks} weeks: "
            "shifts running past its last night cover its first hours, as they will the next "
            "rotation's. Unticked, the days are dated: the first morning gets shifts of its own. "
            "A plan of 7 days always repeats.",
        )
rotation = settings.shift_rotation(horizon_days)

cover_all = st.session_state["shift_cover"] == settings.COVER_ALL_QUEUES
queues = current.dataset.queues if cover_all else [queue]
problems = settings.staffing_problems()
if problems:
    # Said as the Staffing page says it, in the units typed there, not as the package's check.
    st.error(
        "No people to cover: the Staffing page's settings cannot be staffed. "
        + " ".join(problems)
        + " Change them on the Staffing page."
    )
    st.stop()
needs = []
queue_plans = []  # the Staffing page's plan of each queue covered
agent_fte = supervisor_fte = 0.0  # the Staffing page's, of the queues covered
stand_ins = []  # queues staffed on the fallback handle time, none in their data
channels = set()
for each in queues:
    try:
        scenario = settings.queue_scenario(current, each)
        outcome = settings.plan_for(current, each, scenario)
    except InputError as error:
        st.error(f"{each}: the Staffing page's settings cannot staff it: {error}")
        st.stop()
    needs.append(outcome.rostered_need())
    queue_plans.append(outcome.plan)
    agent_fte += outcome.summary.agent_fte
    supervisor_fte += outcome.summary.supervisor_fte
    channels.add(scenario.staffing.channel)
    if settings.on_stand_in_aht(current, each, scenario.staffing.aht_seconds):
        stand_ins.append(each)
if stand_ins:
    # The shifts cover people sized on a handle time nobody measured.
    st.warning(
        settings.stand_in_aht_queues_note(stand_ins, where="on the Staffing page"),
        icon=":material/timer_off:",
    )
need = pd.concat(needs).groupby(level=0).sum().astype(float)
per_week = int(st.session_state["shifts_per_week"])
try:
    types = settings.shift_types()
    result = cached.shift_plan(
        need, current.dataset.interval_minutes, types, per_week, rotation=rotation
    )
except UncoveredNeedError as error:
    st.error(settings.uncovered_need_message(error, types))
    st.stop()
except InputError as error:
    st.error(f"No shift plan: {error}")
    st.stop()

agent_cost = float(st.session_state["agent_cost"])
shifts_total = int(result.shifts["people"].sum())
weeks = result.people_to_employ(per_week)
busiest = result.busiest_week(per_week)
first_row, second_row = st.columns(3), st.columns(3)
first_row[0].metric(
    "Shifts",
    f"{shifts_total:,}",
    border=True,
    help="Shifts over the horizon: one person working one shift each.",
)
first_row[1].metric(
    "People to employ",
    f"{busiest.people if busiest is not None else 0:,}",
    border=True,
    help=f"The busiest week's shifts, worked at {per_week} shifts a week and one a day per "
    "person: per shift type, the busiest day's shifts or the week's shifts over "
    f"{per_week}, whichever is more (tab “People per week”).",
)
first_row[2].metric(
    "Paid hours on shifts",
    f"{result.paid_hours:,.0f}",
    border=True,
    help=f"The people rostered need {result.needed_hours:,.0f} h over the horizon; whole "
    "shifts cannot follow every interval's ups and downs.",
)
second_row[0].metric(
    "Share of paid hours needed",
    f"{result.efficiency:.1%}",
    border=True,
    help="Hours the plan needs over hours paid on shifts: the rest is people on shift beyond "
    # E-mail is no spare work for people the e-mail queue itself rosters.
    "the need (they can take "
    + ("training or coaching" if "email" in channels else "training, e-mail or coaching")
    + ").",
)
second_row[1].metric(
    "Hours beyond the need",
    f"{result.paid_hours - result.needed_hours:,.0f}",
    border=True,
)
second_row[2].metric(
    f"Shift cost, {horizon_text}",
    money_text(result.paid_hours * agent_cost),
    border=True,
    help=f"Paid hours at {money_text(agent_cost, cents=True)} per agent hour (Staffing page); supervisors not "
    "included.",
)
# 7 shifts of 12 h are 84 h a week: people counted at such weeks are too few to employ lawfully.
working_time = working_time_note(
    per_week, types[0].hours, "“Shifts per person per week”", "“Full-time shift (hours)”"
)
if working_time and busiest is not None:
    st.warning(working_time[0].upper() + working_time[1:] + ".", icon=":material/gavel:")
# Shifts set on the clock over the hour it skips going forward are paid an hour they do not
# work, as cli.py shifts says it.
clock_change = settings.clock_change_pay_caption(
    result, queue_plans, current.dataset.interval_minutes, agent_cost
)
if clock_change:
    st.info(clock_change, icon=":material/schedule:")
# A horizon ending on a Wednesday holds three days of its last week: said, or their people
# read as a week's.
cut_week_note = settings.busiest_week_note(busiest)
if cut_week_note:
    st.caption(cut_week_note)
# A one-week plan is a roster repeating every week: Sunday night's shift covers its Monday
# morning, as the CLI says it.
# Hourly data with a window from 07:30: shifts start with an interval, at 08:00.
on_grid = start_grid_note(
    *st.session_state["shift_starts"], need.index, current.dataset.interval_minutes
)
if on_grid:
    st.caption(on_grid[0].upper() + on_grid[1:] + ".")
repeating = settings.repeating_week_caption(result, current.dataset.interval_minutes)
if repeating:
    st.caption(repeating)
before_plan = settings.before_plan_caption(result, horizon_days)
if before_plan:
    st.caption(before_plan)
# 79 people to employ beside the Staffing page's 44.2 FTE read as a contradiction. A week is
# judged whole by the days the desk works: the shifts end with the need, and a Mon-Fri desk's
# week ending on Friday evening had read as five days of a week cut short.
contract_note = settings.people_against_fte_note(
    weeks,
    busiest,
    float(st.session_state["horizon_days"]),
    types,
    float(st.session_state["weekly_hours"]),
    # Rounded as the Staffing page's FTE help splits its total: e-mail's 22.34 agents and 2.83
    # supervisors read "Agents 22.4 + supervisors 2.8" under 25.2 there, and 22.3 here.
    tables.rounded_keeping_total(pd.Series([agent_fte, supervisor_fte]), decimals=1).iloc[0],
)
if contract_note:
    st.caption(contract_note)
full_hours = float(st.session_state["shift_full_hours"])
if float(st.session_state["shift_part_hours"]) == full_hours and result.paid_hours:
    # A part-time length equal to the full-time one plans no part time at all: said where the
    # figures are, or the cap typed beside it reads as applied.
    beyond = result.paid_hours - result.needed_hours
    st.warning(
        f"The part-time shift is as long as the full-time one ({settings.hours_text(full_hours)}), "
        f"so every shift is full time and the part-time cap plans none: {beyond:,.0f} of the "
        f"{result.paid_hours:,.0f} paid hours ({beyond / result.paid_hours:.0%}) are beyond the "
        "need. A shorter part-time shift (4 h, say) lets the plan follow the busy hours.",
        icon=":material/schedule:",
    )
if not result.optimal:
    st.warning(
        "The shift search stopped at its time limit: the plan covers every interval, but may "
        f"pay up to {result.gap:.1%} more hours than the best one. A shorter horizon solves "
        "faster."
    )
st.caption(
    "Agents only: add supervisors at one per "
    f"{st.session_state['supervisor_span']} people on shift. Every interval gets at least the "
    "people rostered; among plans paying as many hours, the one with fewer (longer) shifts."
)

st.plotly_chart(plots.shift_cover_chart(result.coverage), key="shift_cover_chart")
by_day = result.by_day()
if not by_day.empty:
    st.plotly_chart(plots.shift_days_chart(by_day), key="shift_days_chart")

named = "all_queues" if cover_all else queue
days_tab, weeks_tab, starts_tab, cover_tab = widgets.kept_tabs(
    ["Shifts per day", "People per week", "Shift starts", "Cover per interval"], key="shift_tab"
)
day_columns = {
    "day": tables.Column("Day", tables.DAY),
    "paid_hours": tables.Column("Paid hours (h)", tables.PAID_HOURS),
}
day_columns |= {
    name: tables.Column(f"{name} (shifts)", tables.COUNT)
    for name in by_day.columns
    if name not in day_columns
}
with days_tab:
    tables.show(by_day, key="shift_days_table", overrides=day_columns, all_rows_up_to=31)
    downloads.download_table(
        by_day,
        downloads.dated_stem("shifts_per_day", named, need.index),
        "Shifts per day",
        key="download_shift_days",
    )
with weeks_tab:
    tables.show(
        weeks,
        key="shift_weeks_table",
        overrides={
            "week": tables.Column("Week from", tables.DAY),
            "shift": tables.Column("Shift", tables.TEXT),
            "shifts": tables.Column("Shifts", tables.COUNT),
            "busiest_day": tables.Column("Busiest day (shifts)", tables.COUNT),
            "people": tables.Column(
                "People to employ",
                tables.COUNT,
                f"At {per_week} shifts a week and one a day each; days off need not be "
                "consecutive.",
            ),
        },
    )
    st.caption(settings.people_per_week_caption(result))
    downloads.download_table(
        weeks,
        downloads.dated_stem("people_per_week", named, need.index),
        "People per week",
        key="download_shift_weeks",
    )
with starts_tab:
    tables.show(
        result.shifts,
        key="shift_starts_table",
        overrides={
            "shift_start": tables.Column("Starts", tables.SLOT),
            "shift_end": tables.Column("Ends", tables.SLOT),
            "shift": tables.Column("Shift", tables.TEXT),
            "people": tables.Column("People", tables.COUNT, "People starting this shift then."),
        },
    )
    downloads.download_table(
        result.shifts,
        downloads.dated_stem("shift_starts", named, need.index),
        "Shift starts",
        key="download_shift_starts",
    )
with cover_tab:
    tables.show(
        result.coverage,
        key="shift_cover_table",
        overrides={
            INTERVAL_START: tables.Column("Interval start", tables.SLOT),
            "needed": tables.Column("People needed", tables.DECIMAL, "People rostered."),
            # People, where the part-time table below counts its "Beyond the need (h)" in hours.
            "on_shift": tables.Column("People on shift", tables.COUNT),
            "surplus": tables.Column(
                "People beyond the need",
                tables.DECIMAL,
                "People on shift minus people needed: free for other work in the interval.",
            ),
        },
    )
    downloads.download_table(
        result.coverage,
        downloads.dated_stem("shift_cover", named, need.index),
        "Cover per interval",
        key="download_shift_cover",
    )

st.subheader("More or fewer part-timers")
part_hours = float(st.session_state["shift_part_hours"])
if part_hours <= 0:
    st.caption("Set a part-time shift length above to see what other part-time shares would pay.")
elif part_hours == full_hours:
    # A length is set: asking for one would send the manager looking for a missing value.
    st.caption(
        f"The part-time shift is as long as the full-time one ({settings.hours_text(part_hours)}), "
        "so no cap on part time changes the plan: set a shorter part-time shift above to see "
        "what other part-time shares would pay."
    )
else:
    st.caption(
        "The same need, shift lengths and start hours with other caps on part time: the paid "
        "hours and cost each would plan, against the cap set above."
    )
    current_cap = float(st.session_state["shift_part_max_pct"])
    rows = []
    for cap in sorted({0.0, 15.0, 30.0, 50.0, 100.0, current_cap}):
        variant = settings.shift_types(part_max_pct=cap)
        try:
            # The plan above wherever it pays the fewest hours at this cap too: not solved again.
            other = cached.shift_plan_at_cap(
                result,
                min(current_cap, 100.0) / 100,
                min(cap, 100.0) / 100,
                need,
                current.dataset.interval_minutes,
                variant,
                per_week,
                rotation=rotation,
            )
        except InputError:
            continue  # e.g. full time alone cannot start early enough: the cap row is left out
        by_shift = other.paid_hours_by_shift()
        part_paid = float(by_shift.drop(variant[0].name, errors="ignore").sum())
        rows.append(
            {
                "part_time_cap": "no cap" if cap >= 100 else f"{cap:g}%",
                "set_above": cap == current_cap,
                "shifts": int(other.shifts["people"].sum()),
                "part_time_share": part_paid / other.paid_hours if other.paid_hours else 0.0,
                # Whole hours, as the table and the note above round them: the download had
                # read 1,164.5 beside 1,164 on screen.
                "paid_hours": round(other.paid_hours),
                "beyond_need": round(other.paid_hours - other.needed_hours),
                "cost": other.paid_hours * agent_cost,
                "cost_change": (other.paid_hours - result.paid_hours) * agent_cost,
            }
        )
    shares = pd.DataFrame(rows)
    tables.show(
        shares,
        key="part_time_table",
        overrides={
            "part_time_cap": tables.Column("Part time at most", tables.TEXT, align="right"),
            "set_above": tables.Column("Set above", tables.FLAG),
            "shifts": tables.Column("Shifts", tables.COUNT),
            "part_time_share": tables.Column(
                "Part time used (%)", tables.PERCENT, "Share of the paid hours on part-time shifts."
            ),
            "paid_hours": tables.Column("Paid hours (h)", tables.COUNT),
            "beyond_need": tables.Column("Beyond the need (h)", tables.COUNT),
            "cost": tables.Column("Shift cost (EUR)", tables.MONEY),
            "cost_change": tables.Column(
                "Against the cap set above (EUR)", tables.MONEY, "Negative: that cap pays less."
            ),
        },
    )
    downloads.download_table(
        shares,
        downloads.dated_stem("part_time_caps", named, need.index),
        "Part-time caps",
        key="download_part_time_caps",
    )
