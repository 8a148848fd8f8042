"""Counts written with the word that fits them: "1 open interval", "2 open intervals"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 agent', '3 agents', '1,244 open intervals' (`plural` for words not made with a
    trailing s); thousands grouped as in the rest of the summaries."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


def days_text(days: float) -> str:
    """'1 day', '7 days', '6.5 days': the span a total is over, as a summary gives it."""
    if abs(days - round(days)) < 0.05:
        return counted(int(round(days)), "day")
    return f"{days:,.1f} days"
