"""Counts written with the word that fits them: "1 open interval", "2 open intervals"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """'1 agent', '3 agents', '1,244 open intervals' (`plural` for words not made with a
    trailing s); thousands grouped as in the rest of the summaries."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"
