"""Tables as written for people: floats cut to the decimals that carry information."""

from __future__ import annotations

import pandas as pd

# 88.3348 contacts or a WAPE of 0.1234 say all there is to say; 907.2840803084948 only makes a
# spreadsheet harder to read.
EXPORT_DECIMALS = 4


def rounded(frame: pd.DataFrame, decimals: int = EXPORT_DECIMALS) -> pd.DataFrame:
    """`frame` with its float columns rounded to `decimals`; other columns as they are."""
    floats = frame.select_dtypes("float").columns
    return frame.round(dict.fromkeys(floats, decimals))
