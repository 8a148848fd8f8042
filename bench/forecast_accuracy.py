"""Forecast accuracy on real call-center data: every model vs the baselines, rolling origins."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from data.columns import ImportOptions  # noqa: E402
from data.importer import import_files  # noqa: E402
from data.schema import INTERVAL_START, Dataset  # noqa: E402
from forecasting import ForecastSettings, backtest_dataset, forecast_dataset  # noqa: E402
from forecasting.accuracy import model_row  # noqa: E402
from forecasting.api import BacktestResult  # noqa: E402
from forecasting.backtest import BacktestRuns  # noqa: E402
from forecasting.metrics import poisson_noise_floor, wape  # noqa: E402
from forecasting.registry import HISTORICAL_AVERAGE, auto_candidates, model_names  # noqa: E402
from forecasting.select import AUTO_NAME, evaluate  # noqa: E402

SHARED = PROJECT_ROOT.parent / "shared" / "data"
BANK = SHARED / "anonymous_bank" / "anonymous_bank_1999_6min_counts.csv"
AXA = SHARED / "axa" / "series"
# (label, loader, holiday country). Gestion.csv itself holds 125 calls in three years, so the
# Gestion queue with real volume stands in for it.
SERIES = [
    ("Anonymous Bank 1999", "bank", "IL"),
    ("Tech. Axa", "axa", "FR"),
    ("Téléphonie", "axa", "FR"),
    ("Gestion - Accueil Telephonique", "axa", "FR"),
]


def load(label: str, kind: str) -> Dataset:
    """Through the importer: the bank's 6-minute counts are summed to 30 minutes; AXA slots
    without a row are missing, not zero."""
    if kind == "bank":
        return import_files([BANK], ImportOptions(interval_minutes=30))
    return import_files([AXA / f"{label}.csv"])


def plain_average_backtest(dataset: Dataset, settings: ForecastSettings) -> BacktestResult:
    """Backtest of the spreadsheet baseline: the 4-week average with no holiday calendar and no
    outlier cleaning, over the same origins."""
    return backtest_dataset(
        dataset,
        replace(
            settings,
            country=None,
            clean_outliers=False,
            extra_models=(),
            model=HISTORICAL_AVERAGE,
        ),
    )


def plain_average_wape(dataset: Dataset, settings: ForecastSettings) -> float:
    """Interval WAPE of the spreadsheet baseline (`plain_average_backtest`)."""
    plain = plain_average_backtest(dataset, settings).table
    return float(plain.loc[plain["model"] == HISTORICAL_AVERAGE, "wape_interval"].iloc[0])


def auto_over_last_origins(
    runs: BacktestRuns,
    plain: BacktestRuns,
    counts: list[int],
    selection_origins: int,
    level: float = 0.8,
) -> pd.DataFrame:
    """Auto against the plain 4-week average (`plain`, its backtest) over the last n scored
    origins, for each n of `counts`: the figures a run with --origins n prints (its origins are
    this run's last ones), without fitting the models again. A gain that holds at 8, 12 and 16
    origins is no lucky stretch of weeks."""
    candidates = [name for name in auto_candidates() if name in runs.forecasts]
    rows = []
    for count in counts:
        evaluation = evaluate(runs, candidates, count, selection_origins, level)
        actual = runs.actual[evaluation.indices]
        auto = model_row(
            actual, evaluation.forecasts[AUTO_NAME], evaluation.dispersions[AUTO_NAME], np.nan
        )
        baseline = evaluate(plain, [HISTORICAL_AVERAGE], count, selection_origins, level)
        plain_wape = wape(plain.actual[baseline.indices], baseline.forecasts[HISTORICAL_AVERAGE])
        rows.append(
            {
                "origins": len(evaluation.indices),
                "auto_wape": auto["wape_interval"],
                "plain_wape": plain_wape,
                "gain": 1 - auto["wape_interval"] / plain_wape,
                "coverage_80": auto["coverage_80"],
            }
        )
    return pd.DataFrame(rows)


def hindsight_level_wape(runs: BacktestRuns, model: str, n_scored: int) -> float:
    """Interval WAPE of `model` over the scored origins had each forecast been scaled to the true
    total of its horizon: about what a perfect level forecast (trend, level shifts) could bring."""
    actual, forecast = runs.actual[-n_scored:], runs.forecasts[model][-n_scored:]
    seen = ~np.isnan(actual)
    totals = np.where(seen, actual, 0.0).sum(axis=(1, 2))
    predicted = np.where(seen, forecast, 0.0).sum(axis=(1, 2))
    scale = np.where(predicted > 0, totals / np.where(predicted > 0, predicted, 1.0), 1.0)
    return wape(actual, forecast * scale[:, None, None])


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_total_hindsight_wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Interval WAPE had each forecast day been scaled to that day's true total: what is left is
    the intraday split's error alone (and the Poisson noise), the rest of the WAPE the daily
    totals'. Arrays (origins, days, slots), NaN where no actual."""
    seen = ~np.isnan(actual)
    totals = np.where(seen, actual, 0.0).sum(axis=-1)
    predicted = np.where(seen, forecast, 0.0).sum(axis=-1)
    scale = np.where(predicted > 0, totals / np.where(predicted > 0, predicted, 1.0), 1.0)
    return wape(actual, forecast * scale[..., None])


def wape_by_weekday(
    actual: np.ndarray, forecast: np.ndarray, origin_times: list[pd.Timestamp]
) -> pd.DataFrame:
    """Interval WAPE, Poisson noise floor and share of the contacts by weekday of the forecast
    day. Weekly origins put the same weekday on day 1 of every horizon, so a light weekday's
    noise reads as a bad first day unless it is seen here."""
    n_days = actual.shape[1]
    weekdays = np.array([(t.day_of_week + np.arange(n_days)) % 7 for t in origin_times])
    total = np.nansum(actual)
    rows = []
    for weekday in range(7):
        a, f = actual[weekdays == weekday], forecast[weekdays == weekday]
        if np.isnan(a).all():  # not in the horizons, or closed on every date
            continue
        rows.append(
            {
                "weekday": WEEKDAYS[weekday],
                "share": float(np.nansum(a) / total) if total > 0 else np.nan,
                "wape_interval": wape(a, f),
                "noise_floor": poisson_noise_floor(a, f),
            }
        )
    return pd.DataFrame(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--origins", type=int, default=8)
    parser.add_argument("--horizon-days", type=int, default=14)
    parser.add_argument(
        "--selection-origins",
        type=int,
        default=4,
        help="earlier origins auto picks from and calibrates on",
    )
    parser.add_argument(
        "--also-origins",
        type=int,
        nargs="+",
        default=[],
        metavar="N",
        help="also print auto against the plain 4-week average over the last N of the scored "
        "origins (each N from 1 to --origins), from the same backtest",
    )
    parser.add_argument("--only", help="run one series (label)")
    parser.add_argument(
        "--keep-outliers",
        action="store_true",
        help="train every model on unusual intervals too (as the CLI's --keep-outliers)",
    )
    args = parser.parse_args()
    for count in args.also_origins:
        if not 1 <= count <= args.origins:
            parser.error(
                f"--also-origins {count}: give a number of origins from 1 to --origins "
                f"({args.origins}); to see more, raise --origins"
            )
    pd.set_option("display.width", 200)
    summary, by_origins = [], []
    for label, kind, country in SERIES:
        if args.only and args.only != label:
            continue
        dataset = load(label, kind)
        days = dataset.intervals[INTERVAL_START].dt.normalize().nunique()
        settings = ForecastSettings(
            country=country,
            n_origins=args.origins,
            horizon_days=args.horizon_days,
            extra_models=tuple(model_names()),  # every model side by side, MSTL ones included
            selection_origins=args.selection_origins,
            clean_outliers=not args.keep_outliers,
        )
        started = time.perf_counter()
        result = backtest_dataset(dataset, settings)
        backtest_seconds = time.perf_counter() - started
        table = result.table
        plain = plain_average_backtest(dataset, settings)
        plain_table = plain.table
        plain_wape = float(
            plain_table.loc[plain_table["model"] == HISTORICAL_AVERAGE, "wape_interval"].iloc[0]
        )
        started = time.perf_counter()
        forecast_dataset(dataset, args.horizon_days, ForecastSettings(country=country))
        forecast_seconds = time.perf_counter() - started
        years = days / 365
        print(
            f"\n== {label}: {days} days, {len(result.runs[dataset.queues[0]].origins)} "
            f"origins run, {args.origins} scored, horizon {args.horizon_days} d =="
        )
        columns = [
            "model",
            "wape_interval",
            "wape_interval_d1",
            "wape_interval_d2_7",
            "wape_interval_d8_14",
            "noise_floor",
            "wape_daily",
            "mase",
            "bias",
            "coverage_80",
            "pinball",
            "fit_seconds",
        ]
        print(table[columns].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        auto = table[table["model"] == "auto"].iloc[0]
        base = table[table["model"] == "historical_average_4w"].iloc[0]
        gain = 1 - auto["wape_interval"] / base["wape_interval"]
        print(f"auto picked: {auto['chosen']}")
        print(
            f"4-week average without holiday calendar and cleaning: interval WAPE {plain_wape:.3f} "
            f"(auto {1 - auto['wape_interval'] / plain_wape:+.1%} lower)"
        )
        print(
            f"auto vs 4-week average: interval WAPE {auto['wape_interval']:.3f} vs "
            f"{base['wape_interval']:.3f} ({gain:+.1%} lower), coverage {auto['coverage_80']:.1%}"
        )
        print(
            f"Poisson noise floor of the auto forecast: {auto['noise_floor']:.3f} "
            f"(error above it a better mean could remove: {auto['wape_interval'] - auto['noise_floor']:.3f})"
        )
        picked = auto["chosen"].split(",")[0].rsplit(" x", 1)[0]  # the model auto picked most
        runs = result.runs[dataset.queues[0]]
        level = hindsight_level_wape(runs, picked, int(auto["n_origins"]))
        print(
            f"{picked} with each horizon's true total (hindsight level): {level:.3f}, "
            f"{1 - level / base['wape_interval']:+.1%} lower than the 4-week average"
        )
        actual = runs.actual[-int(auto["n_origins"]) :]
        forecast = runs.forecasts[picked][-int(auto["n_origins"]) :]
        print(
            f"{picked} with each day's true total (perfect daily totals): "
            f"{day_total_hindsight_wape(actual, forecast):.3f}; the rest is the intraday split's"
        )
        by_weekday = wape_by_weekday(actual, forecast, runs.origin_times[-int(auto["n_origins"]) :])
        print(
            f"{picked} by weekday of the forecast day (day 1 is a "
            f"{runs.origin_times[-1].day_name()}): "
            + ", ".join(
                f"{row.weekday} {row.wape_interval:.3f} (floor {row.noise_floor:.3f}, "
                f"{row.share:.0%} of contacts)"
                for row in by_weekday.itertuples()
            )
        )
        print(
            f"forecast_dataset (auto, 4 origins + final fit): {forecast_seconds:.2f} s for "
            f"{years:.2f} queue-years = {forecast_seconds / years:.2f} s per queue-year; "
            f"full backtest {backtest_seconds:.1f} s"
        )
        if args.also_origins:
            rows = auto_over_last_origins(
                runs,
                plain.runs[dataset.queues[0]],
                args.also_origins,
                args.selection_origins,
            )
            by_origins.append(rows.assign(series=label))
        summary.append(
            (
                label,
                auto["wape_interval"],
                base["wape_interval"],
                gain,
                plain_wape,
                1 - auto["wape_interval"] / plain_wape,
                auto["coverage_80"],
                forecast_seconds / years,
                auto["noise_floor"],
                level,
            )
        )
    print(
        "\nTarget: auto >= 10% lower interval WAPE than the 4-week average of the same weekday and"
        "\nslot. 'plain' is that average as a spreadsheet computes it; '4w avg' also gets our"
        "\nholiday calendar and outlier cleaning, a stricter reference. 'hindsight level' is auto's"
        "\nmodel scaled to each horizon's true total: a perfect forecast of the horizon's level."
        "\nseries | auto WAPE | 4w avg WAPE | gain | plain 4w avg WAPE | "
        "gain | 80% coverage | s per queue-year | noise floor | hindsight level"
    )
    for row in summary:
        print(
            f"{row[0]} | {row[1]:.3f} | {row[2]:.3f} | {row[3]:+.1%} | {row[4]:.3f} | "
            f"{row[5]:+.1%} | {row[6]:.1%} | {row[7]:.2f} | {row[8]:.3f} | {row[9]:.3f}"
        )
    if by_origins:
        print(
            "\nThe same backtest over its last origins (as --origins N would score them):"
            "\nseries | origins | auto WAPE | plain 4w avg WAPE | gain | 80% coverage"
        )
        for row in pd.concat(by_origins).itertuples():
            print(
                f"{row.series} | {row.origins} | {row.auto_wape:.4f} | {row.plain_wape:.4f} | "
                f"{row.gain:+.2%} | {row.coverage_80:.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
