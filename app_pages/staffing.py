"""Staffing page: service targets and costs in, agents, people, supervisors and cost out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import cached, downloads, plots, settings, state, tables, url_state, widgets
from app_ui.tables import MISSING
from data.errors import InputError
from data.schema import INTERVAL_START, QUEUE
from planning import SIZED_FOR_VOLUME
from staffing.chat import DEFAULT_HANDLE_GROWTH
from staffing.cost import money_text
from staffing.limits import peak_limit_sentence, shares_sentence
from staffing.people import rostered_rule_text
from staffing.plan import (
    NO_CONTACTS_NOTE,
    blank_when_closed,
    limit_summary,
    minimum_queues_note,
    mostly_minimum,
    per_queue_supervisors_note,
)
from staffing.plausibility import TYPICAL_SHRINKAGE_PCT
from staffing.validation import SUPERVISOR_SPAN_RANGE
from staffing.weekly import weekly_pattern

SESSION = "session"
DAYS_WITHOUT_SCROLLING = 31


def fte_pace_note(horizon_days: float) -> str:
    """FTE is paid hours per week: a horizon of other than whole weeks sets a week's pace by
    the days it holds (a busy Monday alone reads as a week of Mondays)."""
    if horizon_days % 7 == 0:
        return ""
    return (
        f" The {settings.days_text(horizon_days)} of the horizon "
        f"{'is' if round(horizon_days) == 1 else 'are'} scaled to a week, so the "
        "days it holds set the pace: a horizon of whole weeks gives the weekly need."
    )


def supervisor_band_text(low: float, high: float) -> str:
    """The supervisors the usual spans would give at the peak; one figure when they agree
    ("Between 1 ... and 1" read as a range that is none)."""
    fewest, most = SUPERVISOR_SPAN_RANGE[1], SUPERVISOR_SPAN_RANGE[0]
    if round(low) == round(high):
        return f"{low:,.0f} at any usual span, from 1 per {most} to 1 per {fewest} people rostered."
    return f"Between {low:,.0f} (1 per {fewest} people rostered) and {high:,.0f} (1 per {most})."


def heatmap_caption(horizon_days: float) -> str:
    """What a cell of the weekday × time-of-day heat map shows, and why the most, not the mean."""
    days = settings.days_text(horizon_days)
    return (
        "Each cell: the most people rostered (agents plus shrinkage) that weekday and time of "
        f"day needs in any week of the {days} of the horizon; hover for the mean over those "
        "weeks. The most, not the mean: a weekly shift pattern repeats every week, so it has to "
        "cover the busiest one. A blank cell: nobody is needed (closed). The download below holds "
        "this grid, a row per time of day and a column per weekday."
    )


st.title("Staffing")
current = state.current()
url_state.seed_from_url(url_state.QUEUE_KEY, url_state.QUEUE_PARAM, current.dataset.queues)
settings.seed_staffing(current)
state.carry_over(url_state.QUEUE_KEY)  # the queue picked on another page
st.caption(
    f"Dataset: **{current.name}** · forecast of the next "
    f"{settings.days_text(st.session_state['horizon_days'])} (change it on the Forecast page)"
)

with st.container(border=True):
    row = st.columns(4)
    queue = row[0].selectbox(
        "Queue", current.dataset.queues, key=url_state.QUEUE_KEY, persist_state=SESSION
    )
    url_state.keep_in_url(url_state.QUEUE_PARAM, queue)
    row[1].selectbox(
        "Channel",
        list(settings.CHANNEL_LABELS),
        format_func=settings.CHANNEL_LABELS.get,
        key="channel",
        persist_state=SESSION,
        help="Guessed from the queue's name (chat, e-mail, else voice); a change is kept for "
        "this queue and used below and in saved scenarios.",
    )
    settings.remember_channel()
    known_aht = settings.data_aht(current, queue)
    row[2].number_input(
        "Average handle time, AHT (seconds)",
        step=10.0,
        key="aht_seconds",
        format="%g",
        persist_state=SESSION,
        help=f"From the data: {known_aht:.0f} s."
        if known_aht
        else "The data has no handle times: enter your own.",
    )
    row[3].selectbox(
        "Staff to forecast",
        list(settings.QUANTILE_LABELS),
        format_func=settings.QUANTILE_LABELS.get,
        key="quantile",
        persist_state=SESSION,
        help="A higher quantile staffs for busier-than-expected days. The expected service, "
        "occupancy and abandonment are still measured on the mean forecast, the contacts to "
        "expect, so they show the buffer a higher quantile buys.",
    )
    warned_of_stand_in = settings.on_stand_in_aht(
        current, queue, float(st.session_state["aht_seconds"])
    )
    if warned_of_stand_in:
        # Only in the input's tooltip, the default read as the data's own handle time.
        st.warning(settings.stand_in_aht_note(queue), icon=":material/timer_off:")
    shape = settings.learned_aht_profile(current, queue)
    if shape is not None:
        # A history shorter than the window: its own weeks, not "the last 8" it does not hold.
        shape_weeks = cached.aht_weeks(current.token, current.dataset).get(str(queue))
        st.checkbox(
            "Handle time by weekday and time of day",
            key=settings.AHT_BY_TIME,
            persist_state=SESSION,
            help=f"In {settings.aht_weeks_text(shape_weeks)}, this queue's contacts took longer "
            "at some hours than at others, and that shape predicted each held-out week's "
            "workload better than one figure. Ticked, each interval is staffed with the AHT above times "
            "its weekday and time's ratio; the AHT above stays the average.",
        )
        if st.session_state[settings.AHT_BY_TIME]:
            st.caption(
                settings.aht_shape_caption(
                    shape, float(st.session_state["aht_seconds"]), shape_weeks
                )
            )
    is_email = st.session_state["channel"] == "email"
    row = st.columns(4)
    if is_email:
        # E-mail waits in an inbox: its target is a response window, not seconds to answer.
        row[0].number_input(
            "E-mails answered within (hours)",
            min_value=0.25,
            step=1.0,
            key="email_response_hours",
            format="%g",  # 24, 0.5: no trailing zeros in a count of hours
            persist_state=SESSION,
            help="Every e-mail answered within this many working hours of arriving (the clock "
            "stops outside the e-mail hours, as a business-hours SLA: with 08:00-18:00, 10 is "
            "the same time the next working day and mail of the night is due 10 hours after "
            "08:00); the work is spread evenly over that window.",
        )
        # A select slider over the half hours, so the hours read as a clock (08:00, 17:30).
        widgets.range_select_slider(
            row[1],
            "E-mail worked between",
            options=settings.EMAIL_HOUR_CHOICES,
            key="email_hours",
            start=settings.STAFFING_DEFAULTS["email_hours"],
            format_func=settings.clock_text,
            persist_state=SESSION,
            help="Mail arriving outside these hours waits for the next working hour (office "
            "hours by default); 00:00 to 24:00 = whenever the queue is open.",
        )
    else:
        row[0].number_input(
            "Service level target (% answered in time)",
            # No max_value: Streamlit would silently refuse 100%; the check below explains it.
            min_value=0.0,
            step=5.0,
            key="sl_target_pct",
            # "%g": 85.5 shows as typed (the plan uses it), 80 without ".0"
            format="%g",
            persist_state=SESSION,
            help=f"At most {settings.MAX_SERVICE_LEVEL_PCT:.0f}%: when contacts arrive at "
            "random, 100% is never guaranteed.",
        )
        row[1].number_input(
            "Answer within (seconds)",
            min_value=0.0,
            step=5.0,
            key="answer_within_s",
            format="%g",
            persist_state=SESSION,
        )
        row[2].number_input(
            "Max average speed of answer, ASA (seconds)",
            min_value=0.0,
            step=10.0,
            key="max_asa_s",
            format="%g",
            persist_state=SESSION,
            help="0 = no ASA limit.",
        )
    row[3].number_input(
        "Max occupancy (%)",
        step=1.0,
        key="max_occupancy_pct",
        format="%g",
        persist_state=SESSION,
        help="The share of their logged-in time agents spend handling contacts at most; for "
        "e-mail, the share of their time spent on mail.",
    )
    row = st.columns(4)
    row[0].number_input(
        "Shrinkage (% of paid time away from contacts)",
        # No limits: Streamlit would silently refuse a value beyond them; the check below
        # explains one from 100% up or below 0%.
        step=1.0,
        key="shrinkage_pct",
        format="%g",
        persist_state=SESSION,
        help="Breaks, training, meetings, leave and sickness: usually "
        f"{TYPICAL_SHRINKAGE_PCT[0]:.0f}–{TYPICAL_SHRINKAGE_PCT[1]:.0f}%.",
    )
    row[1].slider(
        "Agents per supervisor",
        min_value=8,
        max_value=15,
        key="supervisor_span",
        persist_state=SESSION,
        help="Counted on the people rostered in each interval (the agents plus shrinkage): "
        "supervisors lead everyone on shift.",
    )
    # What a paid hour holds: without it a manager types the wage alone, or the cost of an
    # hour on the phones, and the cost below reads short or counts the shrinkage twice.
    row[2].number_input(
        "Agent cost (EUR per paid hour)",
        min_value=0.0,
        step=1.0,
        key="agent_cost",
        persist_state=SESSION,
        help="What one paid hour of an agent costs, wage and employer charges: the cost below "
        "is the people rostered's paid hours (the agents plus shrinkage) times this rate.",
    )
    row[3].number_input(
        "Supervisor cost (EUR per paid hour)",
        min_value=0.0,
        step=1.0,
        key="supervisor_cost",
        persist_state=SESSION,
        help="What one paid hour of a supervisor costs, wage and employer charges: the cost "
        "below adds the supervisors' paid hours times this rate.",
    )
    row = st.columns(4)
    if not is_email:  # nobody hangs up on an e-mail
        waiting = settings.WAITING_CONTACTS[st.session_state["channel"]]
        giving_up = settings.GIVING_UP[st.session_state["channel"]]
        row[0].checkbox(
            f"Erlang A: {waiting} abandon",
            key="use_patience",
            persist_state=SESSION,
            help=f"{waiting.capitalize()} give up after a while ({giving_up}): fewer agents "
            "reach the same service level.",
        )
        patience = settings.data_patience(current, queue)
        row[1].number_input(
            f"Average patience before {giving_up} (seconds)",
            min_value=1.0,
            step=10.0,
            key="patience_s",
            format="%.0f",
            persist_state=SESSION,
            disabled=not st.session_state["use_patience"],
            help=(
                f"From the data: {patience.seconds:.0f} s, the time all {patience.answered:,} "
                f"answered and {patience.abandoned:,} abandoned {waiting} waited, divided by the "
                "abandoned ones (the estimate for exponential patience)."
            )
            if patience
            else "The data has too few abandoned contacts with their wait to estimate it: enter "
            "your own (a typical voice queue: 1 to 5 minutes).",
        )
    if st.session_state["channel"] == "chat":
        row[2].number_input(
            "Chats per agent at once",
            min_value=1,
            max_value=settings.MAX_CHATS_AT_ONCE,
            step=1,
            key="chat_concurrency",
            persist_state=SESSION,
            help=f"From 1 to {settings.MAX_CHATS_AT_ONCE}; most chat desks run 2 to 4. Each "
            f"chat beyond the first makes every chat last "
            f"{DEFAULT_HANDLE_GROWTH:.0%} longer, as the agent's attention is split, "
            "so more chats at once save fewer agents than they seem to.",
        )
    row[3].number_input(
        "Full-time week (hours)",
        min_value=1.0,
        max_value=settings.MAX_WEEKLY_HOURS,
        step=1.0,
        key="weekly_hours",
        format="%g",
        persist_state=SESSION,
        help="The paid hours of one full-time contract a week: the FTE figures are paid hours "
        "per week over it.",
    )
    # The settings are kept from one visit to the next (app_ui.preferences): a way back.
    defaults = settings.STAFFING_DEFAULTS
    st.button(
        "Back to the default targets and costs",
        key="staffing_defaults",
        type="tertiary",
        icon=":material/restart_alt:",
        on_click=settings.reset_staffing_defaults,
        help=f"Service level {defaults['sl_target_pct']:.0f}% within "
        f"{defaults['answer_within_s']:.0f} s, the ASA and occupancy caps, shrinkage, span, "
        f"costs and the {defaults['weekly_hours']:g}-hour full-time week as a new plan starts; "
        "the channel, handle time and its shape by weekday and time of day stay as they are.",
    )

settings.remember_queue_values()  # a queue picked again keeps its handle time and patience

problems = settings.staffing_problems()
if problems:
    st.error("These settings cannot be staffed: " + " ".join(problems))
    st.stop()
unusual = settings.staffing_warnings()
if unusual:
    st.warning(
        "Some values are unusual; the plan below uses them as entered.\n"
        + "\n".join(f"- {note}" for note in unusual)
    )
scenario = settings.current_scenario()
try:
    outcome = settings.plan_for(current, queue, scenario)
except InputError as error:
    st.error(f"These settings cannot be staffed: {error}")
    st.stop()
plan, summary = outcome.plan, outcome.summary
settings.show_past_days_note(plan[INTERVAL_START], current.name, counted="agents and cost")
response_window = settings.hours_text(float(st.session_state["email_response_hours"]))

# Four boxes a row, the cost and paid hours on their own: a fifth of a 1440-px page held
# "€ 999,999" at most, and a large centre's month cost more.
figures = st.columns(4)
figures[0].metric("Peak agents", f"{summary.peak_agents:,.0f}", border=True)
figures[1].metric(
    "Peak people rostered",
    f"{summary.peak_rostered:,.0f}",
    border=True,
    help=rostered_rule_text(scenario.staffing.shrinkage),
)
low, high = summary.supervisors_band
figures[2].metric(
    "Peak supervisors",
    f"{summary.peak_supervisors:,.0f}",
    border=True,
    help=supervisor_band_text(low, high),
)
# The parts rounded to add up to the metric beside them: e-mail's 22.34 + 2.84 FTE had read
# "Agents 22.3 + supervisors 2.8" under 25.2, and 849 h + 108 h under 956 paid hours.
agent_fte, supervisor_fte = tables.rounded_keeping_total(
    pd.Series([summary.agent_fte, summary.supervisor_fte]), decimals=1
)
agent_hours, supervisor_hours = tables.rounded_keeping_total(
    pd.Series([summary.agent_paid_hours, summary.supervisor_paid_hours])
)
figures[3].metric(
    "FTE",
    f"{summary.fte:,.1f}",
    border=True,
    help=f"Agents {agent_fte:,.1f} + supervisors {supervisor_fte:,.1f} on "
    f"{summary.weekly_contract_hours:g}-hour weeks." + fte_pace_note(summary.horizon_days),
)
bill = st.columns(4)
horizon_text = settings.days_text(summary.horizon_days)
bill[0].metric(
    f"Cost, {horizon_text}",
    money_text(summary.cost_horizon),
    border=True,
    help=f"Agents and supervisors over the {horizon_text} of the horizon"
    # Over a week or less, a cost per week would only repeat (or scale up) the total.
    + (
        f": {money_text(summary.cost_per_week)} per week."
        if settings.shows_per_week(summary.horizon_days)
        else "."
    ),
)
bill[1].metric(
    "Paid hours",
    f"{summary.paid_hours:,.0f}",
    border=True,
    # A total over the horizon, as the cost beside it: not per week like the FTE.
    help=f"Over the {horizon_text} of the horizon: agents "
    f"{agent_hours:,.0f} h + supervisors {supervisor_hours:,.0f} h.",
)
# No contacts, no service to measure: "—", not the "nan%" a NaN would print.
service_level_shown = f"{summary.service_level:.1%}" if summary.has_contacts else MISSING
figures = st.columns(4)
if is_email:
    first_hour, last_hour = st.session_state["email_hours"]
    worked = (
        "the queue's open hours"
        if (first_hour, last_hour) == (0.0, 24.0)
        else f"e-mail hours ({settings.clock_text(first_hour)}–{settings.clock_text(last_hour)})"
    )
    # The window counts working hours, the response time every hour: 100% within 24 h beside a
    # mean of 28.5 h read as a contradiction.
    figures[0].metric(
        f"Answered within {response_window}",
        service_level_shown,
        border=True,
        help=f"Share of the e-mails answered within {response_window} counted in {worked}: the "
        "clock stops outside them, as in a business-hours SLA. The response time beside counts every "
        f"hour, nights and weekends included, so it can pass {response_window} while every "
        "e-mail is in time.",
    )
    figures[1].metric(
        "Expected response time",
        settings.duration_text(summary.asa_seconds),
        border=True,
        help="Mean time from an e-mail's arrival to its answer, every hour counted, nights and "
        f"weekends included: the {response_window} window beside counts {worked} alone.",
    )
else:
    figures[0].metric("Expected service level", service_level_shown, border=True)
    waiting = settings.WAITING_CONTACTS[st.session_state["channel"]]
    # The answered ones' own mean, the ASA an ACD report shows: "a little less" was no figure,
    # and a heavy overload can make it more.
    answered_wait = settings.answered_asa_seconds(plan)
    figures[1].metric(
        "Expected ASA",
        settings.duration_text(summary.asa_seconds),
        border=True,
        help=(
            f"Average speed of answer: the mean time in queue of all {waiting}, those "
            f"{settings.GIVING_UP[st.session_state['channel']]} before an answer included "
            "(Erlang A: abandonment × mean patience)."
            + (
                f" The answered {waiting} alone wait "
                f"{settings.duration_text(answered_wait)} on average, the ASA an ACD report "
                "shows (per interval: “ASA of answered”, from the table's column menu below, "
                "and in its download)."
                if answered_wait is not None
                else ""
            )
            if st.session_state["use_patience"]
            else "Average speed of answer: the mean wait before an agent answers, contacts "
            "answered at once counting 0 s."
        ),
    )
# Nobody staffed: occupancy is busy time over no staffed time, undefined, not the 0.0% the
# plan summary leaves there.
anyone_staffed = summary.peak_agents > 0
figures[2].metric(
    "Expected occupancy",
    f"{summary.occupancy:.1%}" if anyone_staffed else MISSING,
    border=True,
    help="Share of the agents' staffed time spent handling contacts."
    if anyone_staffed
    else "No agent is staffed in any interval, so there is no working time to be busy in.",
)
if is_email:
    figures[3].metric(
        "Peak backlog (e-mails)",
        f"{summary.peak_backlog:,.0f}",
        border=True,
        help="Most e-mails waiting unanswered at the end of an interval.",
    )
else:
    figures[3].metric(
        "Expected abandonment",
        MISSING
        if summary.abandon_rate is None or not summary.has_contacts
        else f"{summary.abandon_rate:.1%}",
        border=True,
    )
    high_abandonment = settings.abandonment_warning(summary.abandon_rate, summary.service_level)
    if high_abandonment:
        st.warning(high_abandonment)
    if summary.abandon_rate is None and summary.has_contacts:
        waiting = settings.WAITING_CONTACTS[st.session_state["channel"]]
        st.caption(f"Expected abandonment needs the {waiting}' patience: tick Erlang A above.")
if not summary.has_contacts:  # a 100% service level here would praise an empty queue
    st.caption(NO_CONTACTS_NOTE)
# Which target sets the agents: a tighter service target changes nothing where the occupancy
# cap or the minimum decides, and the figures above alone do not say so.
limits = limit_summary(
    plan, current.dataset.interval_minutes, scenario.staffing, volume_column=SIZED_FOR_VOLUME
)
peak_sentence = peak_limit_sentence(limits, scenario.staffing)
if peak_sentence:
    st.markdown(f"**What sets the agents:** {peak_sentence}")
    st.caption(
        f"{shares_sentence(limits)} Each interval gets the fewest agents meeting every target at "
        "once; the limit named is the one needing the most (column “Set by” per interval below)."
    )
for note in outcome.notes:  # e.g. a near-dead queue whose cost is mostly the open-hours minimum
    st.info(note, icon=":material/person_off:")
quantile = st.session_state["quantile"]
sized_on_quantile = quantile != "mean"
if sized_on_quantile:
    quantile_name = settings.QUANTILE_NAMES[quantile]
    st.caption(
        f"Agents are sized for the {quantile_name} forecast of each interval (busiest interval: "
        f"{plan[SIZED_FOR_VOLUME].max():,.0f} contacts). The expected figures above are what they "
        f"deliver on the mean forecast, the {plan['volume'].sum():,.0f} contacts to expect "
        f"over the {settings.days_text(summary.horizon_days)} (busiest interval: "
        f"{plan['volume'].max():,.0f})."
    )

# Each chart names its queue, as the Forecast page's do: a chart saved as an image keeps it.
st.plotly_chart(plots.staffing_chart(plan, queue=queue), key="staffing_interval_chart")
st.plotly_chart(plots.requirement_heatmap(plan, queue=queue), key="staffing_heatmap")
st.caption(heatmap_caption(summary.horizon_days))
# The grid a weekly roster is drawn from: one row per time of day, a column per weekday.
downloads.download_table(
    weekly_pattern(plan).table(),
    downloads.dated_stem("staffing_weekly_pattern", queue, plan[INTERVAL_START]),
    "Weekly pattern, people rostered",
    key="download_weekly_pattern",
)

daily = tables.staffing_daily_totals(plan)
# A horizon from mid-day holds part of its first and last days, whose totals read low beside
# the whole days: marked as on the Forecast page's day by day ("from 08:00").
queue_hours = current.dataset.open_hours
partial = settings.partial_days(
    plan[INTERVAL_START],
    current.dataset.interval_minutes,
    queue_hours[queue_hours[QUEUE] == queue],
)
if partial:
    daily.insert(
        1,
        "hours_covered",
        [partial.get(pd.Timestamp(day).normalize(), "") for day in daily["date"]],
    )
st.plotly_chart(plots.daily_totals_chart(daily, queue=queue), key="staffing_daily_chart")

# Tracked, so a changed target, or a look at another page, keeps the tab the manager was
# reading open.
daily_tab, interval_tab = widgets.kept_tabs(
    ["Daily totals", "Per interval"], key="staffing_result_tab"
)
with daily_tab:
    tables.show(
        daily,
        key="staffing_daily_table",
        overrides={"paid_hours": tables.Column("Paid hours (h)", tables.COUNT)},
        all_rows_up_to=DAYS_WITHOUT_SCROLLING,
    )
    downloads.download_table(
        daily,
        downloads.dated_stem("staffing_daily", queue, plan[INTERVAL_START]),
        "Daily totals",
        key="download_daily",
    )
with interval_tab:
    # The columns that fit the page; queue, channel, AHT, open flag and supervisors (also in
    # the chart above) stay in the table's column menu and the download.
    shown = [
        INTERVAL_START,
        "volume",
        *([SIZED_FOR_VOLUME] if sized_on_quantile else []),
        "agents",
        # e-mail's is always the response window (the sentence above says so): download only
        *([] if is_email else ["limit"]),
        "rostered",
        "service_level",
        "asa_seconds",
        *(["backlog"] if is_email else ["abandon_rate", "occupancy"]),
        "paid_hours",
        "cost",
    ]
    plan_columns = {INTERVAL_START: tables.Column("Interval start", tables.SLOT)}
    sized_for = settings.QUANTILE_NAMES[quantile]
    plan_columns |= {
        "volume": tables.Column(
            "Contacts",
            tables.DECIMAL,
            "Contacts expected (the mean forecast): the service figures are measured on them.",
        ),
        SIZED_FOR_VOLUME: tables.Column(
            f"Staffed for ({sized_for})",
            tables.DECIMAL,
            f"Contacts the agents were sized for: the {sized_for} forecast of the interval.",
        ),
    }
    if st.session_state["channel"] == "chat":
        plan_columns["abandon_rate"] = tables.Column(
            "Abandoned (%)", tables.PERCENT, "Share of chats expected to leave before an answer."
        )
    if is_email:
        plan_columns |= {
            "service_level": tables.Column(
                f"Answered within {response_window} (%)",
                tables.PERCENT,
                "Share of the interval's e-mails answered within the response window.",
            ),
            "asa_seconds": tables.Column(
                "Response time (h)",
                tables.HOURS,
                "Mean time from arrival to answer of the interval's e-mails, hours.",
            ),
        }
    per_interval = blank_when_closed(plan)  # closed hours: no service figure, not 100%
    tables.show(
        tables.without_backlog_unless_email(per_interval),
        key="staffing_plan_table",
        overrides=plan_columns,
        columns=shown,
    )
    downloads.download_table(
        per_interval,
        downloads.dated_stem("staffing_plan", queue, plan[INTERVAL_START]),
        "Plan per interval",
        key="download_plan",
    )

st.subheader("All queues with these targets")
st.caption(
    "Each queue staffed on its own channel and handle time (typed for it above, else from the "
    "data, else a stand-in); the targets, shrinkage, span and costs above apply to all"
    # Every queue is staffed to the forecast picked above: P80 raised the e-mail queue's 25.2
    # FTE to 33.2 without a word that it had.
    + (f", and so does staffing to the {sized_for} forecast." if sized_on_quantile else ".")
)
rows = []
queue_plans = []  # each queue's plan, for the supervisors they add up to
flagged = []  # queues whose agent-hours are mostly the minimum while open
stand_ins = []  # queues staffed on the fallback handle time, none in their data
for each in current.dataset.queues:
    try:
        scenario_of = settings.queue_scenario(current, each)
        outcome_of = settings.plan_for(current, each, scenario_of)
    except InputError as error:
        st.warning(f"{each}: {error}")
        continue
    summary_of = outcome_of.summary
    queue_plans.append(outcome_of.plan)
    found = outcome_of.minimum  # the queue's own plan: one entry, or none for e-mail
    minimum_share = found[0].share if found else float("nan")
    flagged += mostly_minimum(found)
    if settings.on_stand_in_aht(current, each, scenario_of.staffing.aht_seconds):
        stand_ins.append(each)
    rows.append(
        {
            "queue": each,
            "channel": scenario_of.staffing.channel,
            "aht_seconds": scenario_of.staffing.aht_seconds,
            "target": settings.target_text(scenario_of.staffing, scenario_of.staffing.channel),
            "peak_agents": summary_of.peak_agents,
            "peak_rostered": summary_of.peak_rostered,
            "fte": summary_of.fte,
            "paid_hours": summary_of.paid_hours,
            "cost": summary_of.cost_horizon,
            "service_level": summary_of.service_level,
            "minimum_share": minimum_share,
        }
    )
if rows:
    overview = pd.DataFrame(rows)
    # Each queue's FTE, paid hours and cost rounded as the total line below shows them, so the
    # column adds up to it (one decimal each had summed to 93.2 FTE under a total of 93.1); the
    # queue on screen reads as its metrics above, the others taking the rounding.
    on_screen = next(iter(overview.index[overview["queue"] == queue]), None)
    shown_totals = overview.assign(
        fte=tables.rounded_keeping_total(overview["fte"], decimals=1, keep=on_screen),
        paid_hours=tables.rounded_keeping_total(overview["paid_hours"], keep=on_screen),
        cost=tables.rounded_keeping_total(overview["cost"], keep=on_screen),
    )
    totals = shown_totals[["fte", "paid_hours", "cost"]].sum()
    tables.show(
        shown_totals.assign(channel=overview["channel"].map(settings.CHANNEL_LABELS)),
        key="all_queues_table",
        # The handle time each queue is staffed with and its share at the one-agent minimum stay
        # in the column menu and the download: shown too, the table no longer fits at 1440 px.
        columns=[c for c in overview.columns if c not in ("aht_seconds", "minimum_share")],
        overrides={
            "paid_hours": tables.Column("Paid hours (h)", tables.COUNT),
            "cost": tables.Column("Cost over the horizon (EUR)", tables.MONEY),
            "target": tables.Column(
                "Target",
                tables.TEXT,
                "Voice and chat: share answered within the seconds; e-mail: every mail "
                "answered within the hours.",
            ),
            "minimum_share": tables.Column(
                "At the one-agent minimum (%)",
                tables.PERCENT,
                "Share of the queue's agent-hours in open intervals whose contacts alone need "
                "less than one agent: the agent is there because the queue is open.",
            ),
            "service_level": tables.Column(
                "Expected service level (%)",
                tables.PERCENT,
                "Voice and chat: share answered within the target seconds; e-mail: share "
                "answered within the response window.",
            ),
        },
    )
    st.markdown(
        f"**All queues:** {totals['fte']:,.1f} FTE, {totals['paid_hours']:,.0f} paid hours, "
        f"{money_text(totals['cost'])} over the horizon."
    )
    # Each queue's team gets its own supervisors, rounded up: more than the queues' people
    # rostered together would need, as cli.py staff says it.
    per_queue = per_queue_supervisors_note(pd.concat(queue_plans), scenario.staffing)
    if per_queue:
        st.caption(f"Supervisors in the FTE above: {per_queue}.")
    downloads.download_table(
        # As on screen: the unrounded FTE (93.08) had stood beside the table's 93.1.
        shown_totals,
        # Every queue of the dataset: named by the dataset, as the Forecast page names its own.
        downloads.dated_stem("staffing_all_queues", current.name, plan[INTERVAL_START]),
        "All queues",
        key="download_queues",
    )
    # The caption above says "else from the data": not so for these. The queue on screen was
    # warned about at its handle time already: AXA's Tech. Axa had read twice.
    if warned_of_stand_in:
        stand_ins = [each for each in stand_ins if each != queue]
    if stand_ins:
        st.warning(settings.stand_in_aht_queues_note(stand_ins), icon=":material/timer_off:")
    # The queue on screen had its own note above, in more detail: CMS alone read it twice.
    if mostly_minimum(outcome.minimum):
        flagged = [each for each in flagged if each.queue != queue]
    if flagged:
        st.info(minimum_queues_note(flagged), icon=":material/person_off:")
