"""Shared fixtures: the real data in ../shared/data and a rule that CI never skips silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"

sys.path.insert(0, str(PROJECT_ROOT))


def require(condition: bool, reason: str) -> None:
    """Skip locally when a dependency is missing, but fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing dependency fails instead of skipping)")
    pytest.skip(reason)


def run_cli(*arguments: object) -> subprocess.CompletedProcess:
    """`python cli.py ARGUMENTS` from the project root, as a user runs it."""
    return subprocess.run(
        [sys.executable, "cli.py", *map(str, arguments)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def shared_data() -> Path:
    require(SHARED_DATA.is_dir(), f"real data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def picco_home(tmp_path, monkeypatch) -> Path:
    """An empty store directory for every test, via the PICCO_HOME override: no test sees
    another's datasets, scenarios or last used settings, nor writes to the user's own store."""
    home = tmp_path / "picco-home"
    monkeypatch.setenv("PICCO_HOME", str(home))
    return home


# The browser fixtures, registered once for every test module: a session fixture bound in
# several modules would start one Playwright per module in the same worker, and a second
# sync Playwright cannot start inside the first one's event loop.
from browser_support import app_page, app_url, chromium_browser  # noqa: E402, F401
