"""Progress of a slow forecast or backtest, on stderr: a run over many queues takes a minute
without a word otherwise, and a planner cannot tell it from a hang."""

from __future__ import annotations

import sys
import time
from typing import TextIO

# Quiet runs stay quiet: the first line comes only once a run has taken this long, then at
# most one line per EVERY_SECONDS.
AFTER_SECONDS = 3.0
EVERY_SECONDS = 5.0


class StderrProgress:
    """A `progress(fraction, message)` callback for forecast_dataset and backtest_dataset
    that prints `progress: 40% CAT: backtest origin 3/8` on stderr (stdout stays the summary a
    script reads)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.last: float | None = None

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.started < AFTER_SECONDS:
            return
        done = fraction >= 1.0
        if self.last is not None and now - self.last < EVERY_SECONDS and not done:
            return
        if done and self.last is None:
            return  # nothing said so far: "ready" alone says nothing
        self.last = now
        stream = self.stream or sys.stderr
        print(f"progress: {min(fraction, 1.0):.0%} {message}", file=stream, flush=True)
