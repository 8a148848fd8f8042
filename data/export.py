"""Tables as written for people: floats cut to the decimals that carry information."""

from __future__ import annotations

import numpy as np
import pandas as pd

# 88.3348 contacts or a WAPE of 0.1234 say all there is to say; 907.2840803084948 only makes a
# spreadsheet harder to read.
EXPORT_DECIMALS = 4


def rounded(frame: pd.DataFrame, decimals: int = EXPORT_DECIMALS) -> pd.DataFrame:
    """`frame` with its float columns rounded to `decimals`; other columns as they are."""
    floats = frame.select_dtypes("float").columns
    return frame.round(dict.fromkeys(floats, decimals))


def whole_numbers_keeping_total(values: pd.Series) -> pd.Series:
    """`values` as whole numbers that add up to their own total, rounded.

    Rounding each day of a forecast on its own can leave the days one or two contacts off the
    headline total printed above them (19,989 against 19,988); the largest remainders take
    the units the total holds, so a manager adding up the column finds the same figure.
    """
    numbers = pd.to_numeric(values, errors="coerce").fillna(0.0).astype(float)
    floors = np.floor(numbers)
    units_left = int(round(float(numbers.sum())) - floors.sum())
    # Stable: among equal remainders the earlier row takes the unit, the same on every run.
    order = np.argsort(-(numbers - floors).to_numpy(), kind="stable")
    bumped = floors.to_numpy().copy()
    bumped[order[: max(units_left, 0)]] += 1
    return pd.Series(bumped.astype("int64"), index=values.index, name=values.name)
