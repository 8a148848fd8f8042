"""Round forty of a manager's probe: figures right-aligned in the scenario comparison, long
scenario names compared without a sideways scroll, one dash for "none" and one for ranges,
whole paid hours on the Shifts page, and AXA's French files on the France holiday calendar.
Driven headless with AppTest on the sample and the real data in ../shared, and in Chromium at
1440 and 980 px."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pandas as pd
from conftest import PROJECT_ROOT

from app_ui import comparison as compare
from app_ui import tables, widgets

AXA = ("axa", "series")

# ------------------------------- One dash for "none", one for ranges


def dash_literals(folder: Path) -> list[str]:
    """Every string of the app's code that is a dash alone (not one joining an f-string's two
    figures, "80–90%"), with its file."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        joining = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ("—", "–"):
                if id(node) not in joining:
                    found.append(f"{path.name} {node.value}")
    return found


def test_none_reads_as_an_em_dash_and_ranges_join_with_an_en_dash():
    # Before: tables and the comparison wrote "–" for none, beside metrics and captions' "—",
    # each page with its own literal.
    assert tables.MISSING == "—" and tables.RANGE_DASH == "–"
    assert compare.value_text(math.nan, "count") == "—"
    assert compare.delta_text(math.nan, "count") == "—"
    assert widgets.history_day(pd.NaT) == "—"
    assert widgets.history_day(pd.Timestamp("2024-11-25")) == "Mon 25 Nov 2024"
    # Every page takes them from the one place.
    assert dash_literals(PROJECT_ROOT / "app_pages") == []
    assert dash_literals(PROJECT_ROOT / "app_ui") == ["tables.py —", "tables.py –"]
