"""The weekly pattern of a plan: the people each weekday and time of day needs.

A weekly shift pattern repeats every week, so each weekday and slot takes the most any week of
the horizon needs (a holiday Monday must not halve a normal Monday's need, as a mean would);
the mean over the weeks is kept beside it. Queues sharing an interval add up.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.schema import INTERVAL_START

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TIME_OF_DAY = "time_of_day"


@dataclass(frozen=True)
class WeeklyPattern:
    """Weekday (0 = Monday, all seven rows) × time of day ("08:15") grids of people."""

    most: pd.DataFrame  # the busiest week's, per cell
    mean: pd.DataFrame  # the mean over the weeks the horizon holds that weekday

    def table(self) -> pd.DataFrame:
        """One row per time of day, one column per weekday (Mon … Sun) of the busiest week's
        people: the grid a roster is drawn from, 0 where nobody is needed."""
        grid = self.most.fillna(0.0).T
        grid.columns = [WEEKDAY_NAMES[day] for day in grid.columns]
        return grid.rename_axis(TIME_OF_DAY).reset_index()


def weekly_pattern(plan: pd.DataFrame, value_column: str = "rostered") -> WeeklyPattern:
    """The most and the mean of `value_column` per weekday and time of day over `plan`."""
    per_interval = (
        pd.DataFrame(
            {INTERVAL_START: pd.to_datetime(plan[INTERVAL_START]), "v": plan[value_column]}
        )
        .groupby(INTERVAL_START, sort=True)["v"]
        .sum()
    )
    starts = per_interval.index.to_series()
    grouped = pd.DataFrame(
        {
            "weekday": starts.dt.day_of_week.to_numpy(),
            "time": starts.dt.strftime("%H:%M").to_numpy(),
            "v": per_interval.to_numpy(dtype=float),
        }
    ).groupby(["weekday", "time"], sort=True)["v"]
    most = grouped.max().unstack("time").reindex(range(len(WEEKDAY_NAMES)))
    mean = grouped.mean().unstack("time").reindex(index=most.index, columns=most.columns)
    return WeeklyPattern(most=most, mean=mean)
