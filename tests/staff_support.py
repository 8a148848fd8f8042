"""Shared by the `cli.py staff` tests: the command run in-process, its one-line errors, and a
textbook Erlang C to check agent counts against."""

from __future__ import annotations

import math

import cli


def staff(capsys, forecast, out, *extra) -> tuple[int, str, str]:
    """`cli.py staff` in-process: exit code, stdout, stderr."""
    code = cli.main(["staff", str(forecast), "--out", str(out), *map(str, extra)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(capsys, forecast, out, *extra) -> str:
    code, _, err = staff(capsys, forecast, out, *extra)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert not out.exists()
    return lines[0]


def erlang_c_agents(
    erlangs: float, aht: float, within: float, level: float, occupancy: float = 1.0
) -> int:
    """Fewest agents n > A with SL = 1 - C(n, A) e^{-(n - A) t / AHT} >= level and A / n <=
    occupancy; C from the Erlang B recursion B(n) = A B(n-1) / (n + A B(n-1)), B(0) = 1, and
    C = B / (B + (1 - A / n)(1 - B)) (Gross & Harris, Fundamentals of Queueing Theory, ch. 2)."""
    blocking, n = 1.0, 0
    while True:
        n += 1
        blocking = erlangs * blocking / (n + erlangs * blocking)
        if n <= erlangs or erlangs / n > occupancy + 1e-12:
            continue
        wait = blocking / (blocking + (1 - erlangs / n) * (1 - blocking))
        if 1 - wait * math.exp(-(n - erlangs) * within / aht) >= level - 1e-12:
            return n
