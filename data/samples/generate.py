"""Seeded generator of the shipped sample: an Italian multi-channel service desk, 15-minute export."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

DEFAULT_SEED = 20261123
DEFAULT_START = "2024-11-25"  # a Monday: two full years of weeks ...
DEFAULT_END = "2026-11-22"  # ... ending the Sunday before "today"
SAMPLE_PATH = Path(__file__).resolve().parent / "service_desk.csv"
SURGE_WEEK_START = pd.Timestamp("2025-03-10")  # a lockdown-like week: everyone calls the desk
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
SLOT_MINUTES = 15
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES
# Slot mid-points in hours after midnight, for the intraday shapes.
SLOT_HOURS = (np.arange(SLOTS_PER_DAY) * SLOT_MINUTES + SLOT_MINUTES / 2) / 60

# Busier in January and September (renewals, back to work), August dip; factor at mid-month.
MONTH_FACTORS = np.array([1.15, 1.08, 1.02, 0.97, 0.97, 0.92, 0.85, 0.62, 1.15, 1.06, 1.00, 0.88])
YEARLY_GROWTH = 0.05  # slight upward trend in contacts
DAILY_NOISE_CV = 0.07  # day-to-day variation on top of the Poisson count noise
HANDLE_TIME_CV = 0.65  # spread of single contacts' handle times around the slot's mean


def _bump(centre_hour: float, width_hours: float) -> np.ndarray:
    return np.exp(-0.5 * ((SLOT_HOURS - centre_hour) / width_hours) ** 2)


@dataclass(frozen=True)
class Channel:
    """How one queue behaves: open hours, volume level and shape, handle time."""

    name: str
    wednesday_contacts: float  # contacts on an ordinary Wednesday at the start of the series
    weekday_factors: tuple[float, ...]  # Mon..Sun, per-slot intensity relative to Wednesday
    opening: tuple[tuple[int, int] | None, ...]  # Mon..Sun (open hour, close hour); None = closed
    intraday_shape: np.ndarray  # relative arrivals per slot of the day
    closes_on_holidays: bool
    holiday_factor: float  # arrivals on a public holiday, when the queue still receives them
    aht_seconds: float
    surge_factor: float


CHANNELS = (
    Channel(
        name="phone",
        wednesday_contacts=1600,
        weekday_factors=(1.25, 1.08, 1.0, 0.97, 0.90, 0.55, 0.0),
        opening=((8, 20),) * 5 + ((9, 13), None),
        # Late-morning and early-afternoon peaks with a lunch dip between them.
        intraday_shape=0.15 + 0.25 * _bump(13, 3.5) + _bump(11, 0.9) + 0.85 * _bump(15, 0.9),
        closes_on_holidays=True,
        holiday_factor=0.0,
        aht_seconds=300,
        surge_factor=1.75,
    ),
    Channel(
        name="chat",
        wednesday_contacts=700,
        weekday_factors=(1.20, 1.06, 1.0, 0.98, 0.93, 0.65, 0.0),
        opening=((8, 22),) * 5 + ((9, 18), None),
        # Peaks a little later than phone, and a small after-work bump in the evening.
        intraday_shape=(
            0.20
            + 0.20 * _bump(13, 4)
            + 0.8 * _bump(11.5, 1.0)
            + 0.9 * _bump(15.5, 1.0)
            + 0.35 * _bump(20.5, 1.0)
        ),
        closes_on_holidays=True,
        holiday_factor=0.0,
        aht_seconds=480,
        surge_factor=1.8,
    ),
    Channel(
        name="email",
        wednesday_contacts=450,
        # Monday carries the weekend's mail; e-mail keeps arriving on Sundays and at night.
        weekday_factors=(1.30, 1.05, 1.0, 0.97, 0.90, 0.45, 0.35),
        opening=((0, 24),) * 7,
        intraday_shape=0.06
        + 0.9 * _bump(9.5, 1.5)
        + 0.7 * _bump(14.5, 1.8)
        + 0.15 * _bump(21, 1.5),
        closes_on_holidays=False,
        holiday_factor=0.4,
        aht_seconds=600,
        surge_factor=1.6,
    ),
)


def _weekly_open(channel: Channel) -> np.ndarray:
    """(7, slots) bool: which slots of each weekday the queue is open."""
    weekly = np.zeros((7, SLOTS_PER_DAY), dtype=bool)
    for weekday, hours in enumerate(channel.opening):
        if hours is not None:
            weekly[weekday, hours[0] * 60 // SLOT_MINUTES : hours[1] * 60 // SLOT_MINUTES] = True
    return weekly


def _seasonality(days: pd.DatetimeIndex) -> np.ndarray:
    """Monthly factors interpolated smoothly (and periodically) over the day of the year."""
    mid_month_days = np.array([15.5 + 30.4 * month for month in range(12)])
    return np.interp(days.day_of_year.to_numpy(), mid_month_days, MONTH_FACTORS, period=365.25)


def _first_open_day_after_holiday(closed: np.ndarray, is_holiday: np.ndarray) -> np.ndarray:
    """True for the first open day after a closed run that contained a public holiday."""
    after = np.zeros(len(closed), dtype=bool)
    pending = False
    for day, day_closed in enumerate(closed):  # one step per day, not per interval
        if day_closed:
            pending |= bool(is_holiday[day])
        else:
            after[day], pending = pending, False
    return after


def _last_sunday(year: int, month: int) -> pd.Timestamp:
    month_end = pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
    return month_end - pd.Timedelta(days=(month_end.day_of_week + 1) % 7)


def _dst_masks(days: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """(days, slots) masks of the wall-clock hour skipped in spring and repeated in autumn.

    Italy changes clocks at 02:00 on the last Sundays of March and October: 02:00-02:59 does not
    exist in spring and happens twice in autumn (the export sums both into one wall-clock slot).
    """
    skipped = np.zeros((len(days), SLOTS_PER_DAY), dtype=bool)
    repeated = np.zeros_like(skipped)
    night_hour = (SLOT_HOURS >= 2) & (SLOT_HOURS < 3)
    for year in range(days[0].year, days[-1].year + 1):
        for month, mask in ((3, skipped), (10, repeated)):
            mask[days == _last_sunday(year, month)] |= night_hour
    return skipped, repeated


def generate(
    seed: int = DEFAULT_SEED,
    start: str | date = DEFAULT_START,
    end: str | date = DEFAULT_END,
) -> pd.DataFrame:
    """The sample export: interval_start, queue, volume, aht_seconds for every open slot.

    `start` and `end` are the first and last day (inclusive). Closed slots have no row, as in a
    real export; open slots without contacts have volume 0 and no handle time.
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range(start, end, freq="D")
    weekdays = days.day_of_week.to_numpy()
    italy = holidays.Italy(years=range(days[0].year, days[-1].year + 1))
    is_holiday = np.array([day in italy for day in days.date])
    desk_closed = is_holiday | (weekdays == 6)
    after_holiday = _first_open_day_after_holiday(desk_closed, is_holiday)
    month_day = days.strftime("%m-%d")
    festive_lull = np.where(
        np.isin(month_day, ["12-24", "12-31"]),
        0.6,
        np.where((month_day >= "12-27") | (month_day <= "01-05"), 0.8, 1.0),
    )
    in_surge = (days >= SURGE_WEEK_START) & (days < SURGE_WEEK_START + pd.Timedelta(days=7))
    years_elapsed = (days - days[0]).days.to_numpy() / 365.25
    common = _seasonality(days) * (1 + YEARLY_GROWTH * years_elapsed) * festive_lull
    dst_skipped, dst_repeated = _dst_masks(days)
    slot_offsets = pd.to_timedelta(np.arange(SLOTS_PER_DAY) * SLOT_MINUTES, unit="min")
    starts = (days.to_numpy()[:, None] + slot_offsets.to_numpy()[None, :]).ravel()

    frames = []
    for channel in CHANNELS:
        weekly_open = _weekly_open(channel)
        is_open = weekly_open[weekdays] & ~dst_skipped
        if channel.closes_on_holidays:
            is_open &= ~is_holiday[:, None]
        holiday = np.where(is_holiday, channel.holiday_factor, 1.0)
        daily_noise = rng.gamma(DAILY_NOISE_CV**-2, DAILY_NOISE_CV**2, size=len(days))
        daily = (
            channel.wednesday_contacts
            * np.asarray(channel.weekday_factors)[weekdays]
            * common
            * holiday
            * np.where(after_holiday, 1.25, 1.0)
            * np.where(in_surge, channel.surge_factor, 1.0)
            * daily_noise
        )
        # Share of a Wednesday's contacts per slot; other days scale the same per-slot intensity.
        shares = channel.intraday_shape / channel.intraday_shape[weekly_open[2]].sum()
        expected = daily[:, None] * shares[None, :] * is_open * np.where(dst_repeated, 2.0, 1.0)
        volume = rng.poisson(expected)

        # Mean handle time of the slot's contacts: lognormal around the channel's level, tighter
        # with more contacts; a little longer in the afternoon and during the surge.
        slot_level = channel.aht_seconds * (1 + 0.05 * (SLOT_HOURS >= 14))[None, :]
        level = slot_level * np.where(in_surge, 1.1, 1.0)[:, None]
        sigma = HANDLE_TIME_CV / np.sqrt(np.maximum(volume, 1))
        aht = level * np.exp(sigma * rng.standard_normal(volume.shape) - sigma**2 / 2)
        aht = np.clip(aht, 0.25 * level, 4 * level)  # a lone contact is neither 1 s nor 3 hours

        keep = is_open.ravel()
        frames.append(
            pd.DataFrame(
                {
                    "interval_start": starts[keep],
                    "queue": channel.name,
                    "volume": volume.ravel()[keep].astype("int64"),
                    "aht_seconds": pd.array(
                        np.where(volume > 0, np.round(aht), np.nan).ravel()[keep], dtype="Int64"
                    ),
                }
            )
        )
    sample = pd.concat(frames, ignore_index=True)
    return sample.sort_values(["interval_start", "queue"], kind="stable", ignore_index=True)


def write_csv(sample: pd.DataFrame, path: Path) -> None:
    """Write the sample as the desk's export: ISO timestamps, integers, blank unknown AHT."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sample.to_csv(path, index=False, date_format=TIMESTAMP_FORMAT, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--start", default=DEFAULT_START, help="first day, YYYY-MM-DD")
    parser.add_argument("--end", default=DEFAULT_END, help="last day, YYYY-MM-DD (inclusive)")
    parser.add_argument("--out", type=Path, default=SAMPLE_PATH)
    args = parser.parse_args(argv)
    sample = generate(args.seed, args.start, args.end)
    write_csv(sample, args.out)
    totals = sample.groupby("queue")["volume"].sum()
    print(
        f"wrote {len(sample):,} rows to {args.out}: "
        + ", ".join(f"{queue} {total:,}" for queue, total in totals.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
