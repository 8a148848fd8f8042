"""Days and moments as every message writes them: "Tue 7 Jan 2025 09:30", not strftime's "07"."""

from __future__ import annotations

import pandas as pd


def day_text(day: object, year: bool = False, *, weekday: bool = True, clock: bool = False) -> str:
    """ "Tue 7 Jan" (with `year`, "Tue 7 Jan 2025"; with `clock`, "... 09:30"; without
    `weekday`, "7 Jan"). The day of month has no leading zero, as people write it."""
    stamp = pd.Timestamp(day)
    text = f"{stamp.day} {stamp:%b}"
    if weekday:
        text = f"{stamp:%a} {text}"
    if year:
        text = f"{text} {stamp.year}"
    if clock:
        text = f"{text} {stamp:%H:%M}"
    return text
