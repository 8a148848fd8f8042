"""Forecast page: settings, the forecast with its P10–P90 band, the model choice and the peaks."""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
import streamlit as st

from app_ui import downloads, plots, settings, state, tables, url_state
from app_ui.tables import MISSING, RANGE_DASH
from data.dates import day_text
from data.errors import InputError
from data.export import whole_numbers_keeping_total
from data.schema import INTERVAL_START, IS_OPEN, QUEUE
from forecasting.peaks import describe_peak
from forecasting.select import MAX_SWITCH_BIAS, PREFERRED_MODEL, SWITCH_MARGIN, WEEKS_BETTER
from forecasting.settings import AUTO

HISTORY_TAIL_DAYS = 14
MAX_PEAKS_LISTED = 10
UNUSUAL_DAYS_SHOWN = 5
# The cause beside the comparison with a usual day it explains, wide enough for "Bridge day
# before Immaculate Conception": sized by the first rows (ordinary days, no cause) it was cut
# off. The busiest interval's mean forecast stays in the column menu and the download.
DAY_COLUMNS = [
    "date",
    "hours_covered",
    "forecast_contacts",
    "usual_contacts",
    "vs_usual",
    "reason",
    "busiest_start",
    "busiest_p90",
]
DAY_OVERRIDES = {
    "reason": replace(
        tables.COLUMNS["reason"],
        width=270,
        help="Holiday, day after one, campaign, day of month, season or trend; Closed: no open "
        "hours that day (0 contacts, as on the Staffing page), with the holiday or the campaign "
        "of -100% that shuts a day the queue otherwise opens.",
    ),
    "busiest_p90": replace(tables.COLUMNS["busiest_p90"], label="Busiest, P90"),
}
SPECIAL_DAY_ORDER = [
    "date",
    "special_day",
    "effect",
    "forecast_contacts",
    "learned_from_days",
    "learned_from",
]
BACKTEST_COLUMNS = [
    "model",
    "chosen",
    "wape_interval",
    "weeks_better",
    "wape_daily",
    "mase",
    "bias",
    "coverage_80",
]  # fit_seconds too, in the download and the table's column menu
# With one backtest week there is no other week to calibrate its band on: the band is fitted to
# that week itself, and every model would read the target.
BACKTEST_OVERRIDES = {
    "coverage_80": replace(
        tables.COLUMNS["coverage_80"],
        help=f"{tables.COLUMNS['coverage_80'].help} Each week is judged with a band calibrated "
        "on the other weeks, so it needs at least two backtest weeks; empty with one.",
    )
}


def named(stem: str, dataset: str, horizon: pd.Series) -> str:
    """A download's file name: the tables hold every queue of the dataset, so they are named by
    the dataset (as the Staffing page names a queue's plan by its queue), and by the days of
    the forecast `horizon` (interval starts) they come with, so next week's download keeps
    this week's."""
    return downloads.dated_stem(stem, dataset, horizon)


def with_day_figures(special: pd.DataFrame, every_day: pd.DataFrame) -> pd.DataFrame:
    """`special` with each day's contacts as the day-by-day table's whole figures: each day
    rounded on its own could read a contact off the same day there (4,015 against 4,016)."""
    if special.empty:
        return special
    figures = pd.Series(
        every_day["forecast_contacts"].to_numpy(),
        index=pd.MultiIndex.from_arrays([every_day[QUEUE], pd.to_datetime(every_day["date"])]),
    )
    keys = pd.MultiIndex.from_arrays([special[QUEUE], pd.to_datetime(special["date"])])
    shown = figures.reindex(keys).to_numpy()
    return special.assign(
        forecast_contacts=pd.Series(shown, index=special.index).fillna(special["forecast_contacts"])
    )


st.title("Forecast")
current = state.current()
url_state.seed_from_url(url_state.QUEUE_KEY, url_state.QUEUE_PARAM, current.dataset.queues)
settings.seed_busiest_queue(current)
settings.seed_forecast(current)
state.carry_over(url_state.QUEUE_KEY)  # the queue picked on another page
st.caption(f"Dataset: **{current.name}** · {current.dataset.interval_minutes}-minute intervals")

top = st.columns([2, 1.3, 2.2, 2.2, 1.6])
queue = top[0].selectbox(
    "Queue", current.dataset.queues, key=url_state.QUEUE_KEY, persist_state="session"
)
url_state.keep_in_url(url_state.QUEUE_PARAM, queue)
top[1].number_input(
    "Horizon (days)",
    min_value=1,
    max_value=settings.MAX_HORIZON_DAYS,
    step=1,
    key="horizon_days",
    persist_state="session",
    help=f"From 1 to {settings.MAX_HORIZON_DAYS} days ahead (about a quarter): a longer "
    "horizon is not taken.",
)
top[2].selectbox(
    "Model",
    settings.MODEL_CHOICES,
    format_func=settings.model_label,
    key="forecast_model",
    persist_state="session",
    help=f"Auto: per queue, keeps {settings.model_label(PREFERRED_MODEL)} unless another model "
    f"had the lower backtest error in every recent week and more than {SWITCH_MARGIN:.0%} lower "
    f"overall, without missing the total by more than {MAX_SWITCH_BIAS:.0%} (or by more than "
    f"{settings.model_label(PREFERRED_MODEL)} did). Backtests run as far ahead as the horizon (up to 4 weeks), so a longer horizon can "
    "pick another model, and next week's figures move with it.",
)
top[3].selectbox(
    "Holiday calendar (country)",
    settings.country_codes(),
    key="holiday_country",
    format_func=settings.country_label,
    persist_state="session",
    help="Public holidays, the first busy day after each, Christmas Eve and New Year's Eve "
    "each get their own volume ratio, learned from your history. Before any holiday is "
    "seen, a holiday is forecast closed when you close on some day of the week, else like your "
    "quietest day; eves never seen stay ordinary. When your history's quiet days match another "
    "country's public holidays better, a note under these boxes names it, with a button to "
    "switch.",
)
country = st.session_state["holiday_country"]
regions = settings.region_codes(country)
# A region of the country chosen before (or of a stale setting) is not one of this country's.
region = st.session_state.get("holiday_subdivision")
region_note = settings.foreign_region_note(country, region, regions)
state.valid_choice("holiday_subdivision", regions)
top[4].selectbox(
    "Region / province",
    regions,
    key="holiday_subdivision",
    # The country bound now: a label read later (a test reading the widget) gets the same text.
    format_func=functools.partial(settings.region_label, country),
    persist_state="session",
)
if region_note:
    st.info(region_note, icon=":material/public:")
picked = settings.picked_calendar_note(current)
if picked:
    note, action = st.columns([5, 1], vertical_alignment="center")
    note.info(picked[0], icon=":material/event_available:")
    action.button(
        f"Back to {picked[1]}",
        key="undo_picked_country",
        on_click=settings.choose_country,
        args=(picked[1],),
        help=f"Holiday calendar: {settings.country_label(picked[1])}",
    )
suggestion = settings.holiday_suggestion(current)
if suggestion:
    message, code = suggestion
    note, action = st.columns([5, 1], vertical_alignment="center")
    note.info(message)
    action.button(
        f"Use {code}",
        key="use_suggested_country",
        on_click=settings.choose_country,
        args=(code,),
        help=f"Holiday calendar: {settings.country_label(code)}",
    )

if "exclude_dates" not in st.session_state:
    # The period to exclude starts on the latest unusual days the page lists for the queue. The
    # forecast that finds them does not depend on these dates while no period is excluded (and
    # is cached for the run below); with an exclusion already on, the plain default is kept.
    unusual = None
    if not st.session_state.get("exclude_enabled"):
        try:
            unusual = settings.unusual_days(
                settings.current_forecast(current).outliers, queue, UNUSUAL_DAYS_SHOWN
            )
        except InputError:
            unusual = None  # the forecast below shows why
    listed = [] if unusual is None else list(unusual.index)
    state.seed({"exclude_dates": settings.event_date_defaults(current, listed)["exclude_dates"]})
# Within the horizon: a 7-day forecast had its campaign start on the week after it.
horizon = int(st.session_state["horizon_days"])
state.seed({"campaign_dates": settings.event_date_defaults(current, [], horizon)["campaign_dates"]})
with st.expander("Events: leave out an unusual past period, add a planned campaign"):
    left, right = st.columns(2)
    left.checkbox(
        "Exclude a past period from training (e.g. a surge week)",
        key="exclude_enabled",
        persist_state="session",
    )
    left.date_input(
        "Period to exclude (first and last day)",
        key="exclude_dates",
        persist_state="session",
        help="Starts on the latest run of unusual days listed below for the queue on screen, "
        "when there is one; else on a week five weeks before the data's end. One day picked "
        "excludes that day alone.",
    )
    left.selectbox(
        "Excluded for",
        [settings.ALL_QUEUES, *current.dataset.queues],
        key="exclude_queue",
        persist_state="session",
        help="The queue whose training leaves the period out, or every queue.",
    )
    unusual_days = left.container()
    left.checkbox(
        "Leave unusual intervals out of training",
        key="clean_outliers",
        persist_state="session",
        help="Intervals far from the same weekday and time of the 4 weeks either side (an "
        "outage, a one-off surge) are left out when the models learn, so they do not come back "
        "in the forecast. Holidays are learned apart and are never left out this way. Unusual "
        "intervals are marked on the chart and listed in the downloads either way. Untick to "
        "train on every interval as it came.",
    )
    right.checkbox("Add a planned campaign", key="campaign_enabled", persist_state="session")
    right.date_input(
        "Campaign days (first and last day)",
        key="campaign_dates",
        persist_state="session",
        help="One day picked is a one-day campaign.",
    )
    right.selectbox(
        "Campaign on",
        [settings.ALL_QUEUES, *current.dataset.queues],
        key="campaign_queue",
        persist_state="session",
        help="The queue the campaign brings contacts to, or every queue: the uplift raises only "
        "its forecast, and so only its staffing.",
    )
    right.number_input(
        "Campaign uplift (%)",
        min_value=-100.0,
        max_value=1000.0,
        step=5.0,
        key="campaign_uplift_pct",
        persist_state="session",
        help="Added to the forecast of the campaign days. Their intervals show as peaks when "
        "the result is more than the peak threshold above a usual week (Peak rules below).",
    )
with st.expander("Peak rules: what counts as a peak"):
    left, right = st.columns(2)
    left.number_input(
        "Flag intervals above a usual weekday and time by (%)",
        min_value=1.0,
        max_value=500.0,
        step=5.0,
        key="peak_threshold_pct",
        persist_state="session",
        help="Compared with the same weekday and time of day over recent weeks; quiet slots "
        "also need more extra contacts than chance would bring.",
    )
    right.number_input(
        "Also flag every interval above (contacts per interval, 0 = off)",
        min_value=0.0,
        step=10.0,
        key="peak_volume_threshold",
        persist_state="session",
        help="Your own ceiling, e.g. what the team on shift can answer in one interval.",
    )

try:
    result = settings.current_forecast(current)
except InputError as error:
    st.error(str(error))
    st.stop()

per_day = settings.unusual_days(result.outliers, queue, UNUSUAL_DAYS_SHOWN)
if not per_day.empty:
    days = ", ".join(
        f"{day_text(day, year=True)} ({count} interval{'' if count == 1 else 's'})"
        for day, count in per_day.items()
    )
    kept = settings.unusual_training_note(result.outliers, queue, list(per_day.index))
    unusual_days.caption(
        f"Days of {queue} with the most intervals far from the usual level: {days}.{kept}"
    )
forecast = result.forecast
settings.show_past_days_note(forecast[INTERVAL_START], current.name)
for note in settings.events_without_days():
    st.warning(note)
exclusion_note = settings.exclusion_outside_note(current.dataset.intervals[INTERVAL_START])
if exclusion_note:
    st.warning(exclusion_note)
campaign_note = settings.campaign_outside_note(forecast[INTERVAL_START])
if campaign_note:
    st.warning(campaign_note)
for note in settings.idle_campaign_notes(result.notes):
    st.warning(note)
history = current.dataset.intervals
tail_start = history[INTERVAL_START].max() - pd.Timedelta(days=HISTORY_TAIL_DAYS)
all_peaks = settings.current_peaks(result)
peaks = all_peaks[all_peaks[QUEUE] == queue]
st.plotly_chart(
    plots.forecast_chart(
        history[history[INTERVAL_START] > tail_start],
        forecast,
        peaks,
        queue,
        unusual=result.outliers,
        # Per interval: an excluded period leaves its unusual intervals out even when kept.
        unusual_left_out=settings.unusual_left_out(result.outliers),
    ),
    key="forecast_chart",
)

ahead = forecast[forecast[QUEUE] == queue]
# Whole contacts per day adding up to the total, the figures the day-by-day table shows.
daily = whole_numbers_keeping_total(ahead.groupby(ahead[INTERVAL_START].dt.date)["forecast"].sum())
queue_hours = current.dataset.open_hours
partial = settings.partial_days(
    ahead[INTERVAL_START], result.interval_minutes, queue_hours[queue_hours[QUEUE] == queue]
)
span = settings.horizon_span(ahead[INTERVAL_START], result.interval_minutes)
# A history that ends on closed hours (a weekend): the forecast starts after its last open
# hours, on days the history already holds (the Data page's last day), not after them.
history_end = history[INTERVAL_START].max()
after = (
    f"the history's last open hours with contacts: its days from "
    f"{day_text(ahead[INTERVAL_START].min())} to "
    f"{day_text(history_end, year=True)} were closed or without data, so they are "
    "forecast too"
    if not ahead.empty and ahead[INTERVAL_START].min().normalize() < history_end.normalize()
    else "the history's last interval"
)
figures = st.columns(4)
figures[0].metric(
    "Forecast contacts",
    f"{ahead['forecast'].sum():,.0f}",
    border=True,
    help=(
        f"Every interval from {span}: the {st.session_state['horizon_days']} × 24 hours after "
        + after
        + (", so the first and last days are covered only in part." if partial else ".")
        if span
        else None
    ),
)
# A forecast of no contacts has no busiest interval or day: naming one would point at a quiet slot.
busy_ahead = ahead[ahead["forecast"] > 0]
busiest = busy_ahead.loc[busy_ahead["forecast"].idxmax()] if not busy_ahead.empty else None
if busiest is not None:
    busiest_start = pd.Timestamp(busiest[INTERVAL_START])
    busiest_when = f"{day_text(busiest_start)} {busiest_start:%H:%M}"
figures[1].metric(
    "Busiest interval, P10–P90",
    # The unit is said below: "242–334 contacts" read "242–334 co…" in a quarter of 1440 px.
    f"{busiest['p10']:,.0f}{RANGE_DASH}{busiest['p90']:,.0f}" if busiest is not None else MISSING,
    border=True,
    help=(
        f"{busiest_when}: {busiest['forecast']:,.0f} "
        "contacts forecast; in 8 cases out of 10 between these two."
        if busiest is not None
        else None
    ),
)
if busiest is not None:
    figures[1].caption(f"{busiest_when}: {busiest['forecast']:,.0f} contacts forecast")
figures[2].metric(
    "Busiest day",
    day_text(daily.idxmax()) if daily.gt(0).any() else MISSING,
    border=True,
    help=f"{daily.max():,.0f} contacts forecast." if daily.gt(0).any() else None,
)
if daily.gt(0).any():
    figures[2].caption(f"{daily.max():,.0f} contacts forecast")  # how big, not only which day
figures[3].metric("Peaks found", f"{len(peaks)}", border=True)

st.subheader("Peaks")
if busiest is None:
    st.info(
        "No contacts are forecast for this queue over the horizon, so it has no peaks: its "
        "recent weeks brought none."
    )
elif peaks.empty:
    st.info(
        f"No interval of this forecast is more than {st.session_state['peak_threshold_pct']:g}% "
        "above a usual week (beyond random ups and downs)"
        + (
            f" or above {st.session_state['peak_volume_threshold']:,.0f} contacts"
            if st.session_state["peak_volume_threshold"] > 0
            else ""
        )
        + ". The busiest day and interval are shown above; lower the threshold or set your own "
        "ceiling under Peak rules to flag more."
    )
else:
    shown = peaks.head(MAX_PEAKS_LISTED)
    order = settings.peaks_order_caption(
        len(shown), len(peaks), float(st.session_state["peak_volume_threshold"])
    )
    if order:
        st.caption(order)
    st.markdown("\n".join(f"- {describe_peak(peak)}" for _, peak in shown.iterrows()))

st.subheader("Day by day")
# Every day of the horizon, the closed ones with their 0 contacts, as the Staffing page's days.
every_day = settings.with_closed_days(
    result.days,
    forecast,
    result.special_days,
    settings.closing_campaign_days(settings.planned_events(), forecast, queue_hours),
)
if not every_day.empty:
    # Each day rounded on its own could add up to a contact or two off the total above; the
    # downloads hold these whole figures too (1,740.45 there had read 1,740 beside 1,741 here).
    # The usual day and the busiest P90 are whole as the table shows them, rounded as it rounds
    # (938.5 had read 938 there and 939 in a spreadsheet).
    every_day = every_day.assign(
        forecast_contacts=every_day.groupby(QUEUE, observed=True)["forecast_contacts"].transform(
            whole_numbers_keeping_total
        ),
        usual_contacts=every_day["usual_contacts"].round(),
        busiest_p90=every_day["busiest_p90"].round(),
    )
days = every_day[every_day[QUEUE] == queue]
if not days[IS_OPEN].any():
    st.caption("No open day in this horizon.")
else:
    # The chart's date axis leaves a closed day's gap: bars and a usual line for open days.
    st.plotly_chart(
        plots.day_outlook_chart(days[days[IS_OPEN]], queue, partial), key="day_outlook_chart"
    )
    if partial:
        st.caption(
            "Hatched: "
            + "; ".join(f"{day_text(day)} is forecast {text}" for day, text in partial.items())
            + ", as the horizon starts right after the history's last interval."
        )
    with st.expander("Day by day as a table"):
        covered = [partial.get(pd.Timestamp(day).normalize(), "") for day in days["date"]]
        tables.show(
            days.drop(columns=QUEUE).assign(hours_covered=covered),
            key="day_outlook_table",
            all_rows_up_to=31,
            columns=DAY_COLUMNS,
            overrides=DAY_OVERRIDES,
        )

st.subheader("Holidays and special days")
special = result.special_days
special = special[special[QUEUE] == queue] if not special.empty else special
if st.session_state["holiday_country"] == settings.NO_CALENDAR:
    st.caption("No holiday calendar is selected: every day is forecast as an ordinary weekday.")
elif special.empty:
    st.caption(
        "No public holiday, first busy day after one, Christmas Eve or New Year's Eve in this "
        f"horizon ({settings.country_label(st.session_state['holiday_country'])} calendar)."
    )
else:
    tables.show(
        with_day_figures(special, every_day).drop(columns=QUEUE),
        key="special_days_table",
        all_rows_up_to=len(special),
        # The counts before the long "learned from" text, so they stay in view.
        columns=SPECIAL_DAY_ORDER,
    )
    if suggestion:
        foreign = settings.foreign_holidays_note(
            special, st.session_state["holiday_country"], suggestion[1]
        )
        if foreign:
            st.warning(foreign)
    # Said of the days it concerns: a bare "learned from 0 days" read as said of the table.
    unseen = special[special["learned_from_days"] == 0]
    unseen_text = ""
    if not unseen.empty:
        unseen_days = ", ".join(
            f"{name} ({day_text(day)})"
            for name, day in zip(unseen["special_day"], unseen["date"], strict=True)
        )
        unseen_text = (
            f"Not seen in your history yet, so learned from no past day: {unseen_days}. Such a "
            "holiday is forecast closed when you close on some day of the week (as offices close "
            "on public holidays), else like your quietest day; an eve or a day after a holiday "
            "like an ordinary day. "
        )
    st.caption(
        "Each kind of day gets the volume ratio it had in your history against the usual weekday, "
        "applied to what this forecast gives an ordinary such weekday. "
        "A holiday your history shows behaving differently from the others (half worked, say) "
        "gets its own ratio from past years, weighed with all holidays as the years agree. "
        + unseen_text
        + "The day after a holiday that fell on a day you are quiet or closed anyway (a Saturday, "
        "say) is learned apart from the days after working-day holidays: no work was held back "
        "that day, so it stays ordinary until your history shows otherwise."
    )

st.subheader("Why this model")
backtest = result.backtest
if not backtest.empty and queue in set(backtest[QUEUE]):
    chosen = result.chosen_models.get(queue)
    backtest = backtest[backtest[QUEUE] == queue].sort_values("wape_interval", ignore_index=True)
    backtest = backtest.assign(chosen=backtest["model"] == chosen)
    # "3 of 4" per model, worked out on the machine names before they are labelled.
    weeks_better = (
        settings.weeks_better_text(backtest) if WEEKS_BETTER in backtest.columns else None
    )
    backtest = backtest.assign(model=backtest["model"].map(settings.model_label))
    st.markdown(
        settings.model_choice_sentence(
            backtest,
            settings.model_label(chosen),
            st.session_state["forecast_model"],
            preferred=settings.model_label(PREFERRED_MODEL),
        )
    )
    if weeks_better is not None:
        backtest = backtest.assign(**{WEEKS_BETTER: weeks_better})
    one_week = "n_origins" in backtest.columns and (backtest["n_origins"] < 2).all()
    if one_week:
        backtest = backtest.assign(coverage_80=float("nan"))
    kept = [c for c in [*BACKTEST_COLUMNS, "fit_seconds"] if c in backtest.columns]
    tables.show(
        backtest[kept],
        key="backtest_table",
        all_rows_up_to=len(backtest),
        columns=BACKTEST_COLUMNS,
        overrides=BACKTEST_OVERRIDES,
    )
    if one_week:
        st.caption(
            "Coverage is left empty: with one backtest week the band can only be calibrated on "
            "that same week; it needs at least two."
        )
    st.caption(
        "Rolling-origin backtest on recent weeks. WAPE = absolute error as a share of the "
        "contacts; coverage = share of actual intervals inside the P10–P90 band (aim: 80%), each "
        "week judged with a band calibrated on the other weeks, as the band will meet the weeks "
        "ahead."
    )
    if not result.last_backtest.empty:
        last = result.last_backtest[result.last_backtest[QUEUE] == queue]
        st.plotly_chart(
            plots.backtest_chart(
                last.assign(model=last["model"].map(settings.model_label)),
                queue,
                settings.model_label(chosen),
            ),
            key="backtest_chart",
        )
        st.caption(
            "The chart shows the latest backtest weeks only; the table above averages every "
            "backtest week, which is what the choice rests on, so a model can lose on these "
            "days and still be the better one."
        )
for note in settings.forecast_notes(result.notes, campaign_note, result.holiday_suggestion):
    st.info(note)

st.subheader("Downloads")
# Every table below holds all the queues, while the page above shows the one picked: a "Day
# by day" of 21 rows under 7 on screen is said to be so.
every_queue = ", all queues" if len(current.dataset.queues) > 1 else ""

downloads.download_table(
    forecast,
    named("forecast", current.name, forecast[INTERVAL_START]),
    "Forecast" + every_queue,
    key="download_forecast",
)
# The table's "Hours" column too: a day the horizon covers only in part ("from 12:00") reads
# so in the download, each queue by its own open hours.
covered_by_queue = {
    each: settings.partial_days(
        forecast.loc[forecast[QUEUE] == each, INTERVAL_START],
        result.interval_minutes,
        queue_hours[queue_hours[QUEUE] == each],
    )
    for each in every_day[QUEUE].unique()
}
every_day_covered = every_day.copy()
every_day_covered.insert(
    every_day.columns.get_loc("date") + 1,
    "hours_covered",
    [
        covered_by_queue[each].get(pd.Timestamp(day).normalize(), "")
        for each, day in zip(every_day[QUEUE], every_day["date"], strict=True)
    ],
)
for frame, stem, label in (
    (all_peaks, "peaks", "Peaks"),
    (every_day_covered, "days", "Day by day"),
    (result.outliers, "unusual_intervals", "Unusual intervals in the history"),
    (with_day_figures(result.special_days, every_day), "special_days", "Special days"),
):
    if not frame.empty:
        downloads.download_table(
            frame,
            named(stem, current.name, forecast[INTERVAL_START]),
            label + every_queue,
            key=f"download_{stem}",
        )
if not result.backtest.empty:
    # Downloads keep the machine name (the CLI's --model) beside the readable label.
    chosen_model = result.backtest[QUEUE].map(result.chosen_models)
    how = "chosen by auto" if st.session_state["forecast_model"] == AUTO else "chosen by hand"
    downloads.download_table(
        settings.labelled_models(
            result.backtest.assign(
                chosen=(result.backtest["model"] == chosen_model).map({True: how, False: ""}),
                # One backtest week calibrates its own band: its coverage means nothing.
                coverage_80=result.backtest["coverage_80"].where(result.backtest["n_origins"] >= 2),
            )
        ),
        named("backtest", current.name, forecast[INTERVAL_START]),
        "Backtest" + every_queue,
        key="download_backtest",
    )
if not result.last_backtest.empty:
    downloads.download_table(
        settings.labelled_models(result.last_backtest),
        named("last_backtest", current.name, forecast[INTERVAL_START]),
        "Last backtest, actual vs forecast" + every_queue,
        key="download_last_backtest",
    )
