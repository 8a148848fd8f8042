"""Shared fixtures: the real data in ../shared/data and a rule that CI never skips silently."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

# OpenBLAS starts a thread per core in every process that loads numpy and keeps them spinning
# for work between calls: under `pytest -n 2` two workers' threads (and the CLI's and browser
# tests' processes, which inherit this) fight over two cores. One thread each is read before
# numpy loads, so here, ahead of every import of it; the forecasts come out the same.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

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
    """`python cli.py ARGUMENTS` from the project root, as a user runs it: a process of its own,
    forked from one that has loaded the CLI's imports (cli_process.py)."""
    from cli_process import run_python_script

    return run_python_script("cli.py", list(map(str, arguments)), PROJECT_ROOT, timeout=300)


def stderr_notes(stderr: str) -> list[str]:
    """The CLI's stderr lines without its progress lines, which a loaded machine can push past
    the progress threshold (cli_commands/progress.py) on any run."""
    return [line for line in stderr.strip().splitlines() if not line.startswith("progress: ")]


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


@pytest.fixture(autouse=True, scope="session")
def compile_app_scripts_once() -> Any:
    """AppTest starts every run with a new ScriptCache, so each run parses and compiles app.py
    and its page again (20-50 ms a run, a third of a rerun's time); `streamlit run` keeps one
    cache per server. One cache for the session instead, keyed by each file's size and
    modification time, so a script written or changed by a test is compiled afresh."""
    if "streamlit.testing.v1" not in sys.modules:  # no AppTest collected: nothing to speed up
        yield
        return
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    compiled: dict[tuple[str, int, int], Any] = {}
    guard = threading.Lock()

    class SessionScriptCache(ScriptCache):
        def get_bytecode(self, script_path: str) -> Any:
            try:
                info = os.stat(script_path)
            except OSError:
                return super().get_bytecode(script_path)  # Streamlit's own error
            key = (os.path.abspath(script_path), info.st_mtime_ns, info.st_size)
            with guard:
                code = compiled.get(key)
            if code is None:
                code = super().get_bytecode(script_path)
                with guard:
                    compiled[key] = code
            return code

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_test, "ScriptCache", SessionScriptCache)
        patch.setattr(local_script_runner, "ScriptCache", SessionScriptCache)
        yield


@pytest.fixture(autouse=True, scope="session")
def wait_for_app_runs_without_polling() -> Any:
    """AppTest waits for a script run by waking every millisecond to look for its end; each
    wake takes the GIL from the script thread it is waiting for, so a run costs some 10% more
    CPU than the script itself. Joining the script thread wakes once, when the run is over; a
    run that has not ended by its timeout is stopped with Streamlit's own error, as before."""
    if "streamlit.testing.v1" not in sys.modules:  # no AppTest collected: nothing to speed up
        yield
        return
    from streamlit.testing.v1 import local_script_runner

    poll_until_stopped = local_script_runner.require_widgets_deltas

    def join_until_stopped(runner: Any, timeout: float = 3) -> None:
        started = time.monotonic()
        thread = runner._script_thread
        if thread is not None:
            thread.join(timeout)
        if runner.script_stopped():
            return
        if thread is not None and thread.is_alive():  # still running: Streamlit's timeout
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")
        poll_until_stopped(runner, max(timeout - (time.monotonic() - started), 0.0))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(local_script_runner, "require_widgets_deltas", join_until_stopped)
        yield


@pytest.fixture(autouse=True, scope="session")
def scan_installed_components_once() -> Any:
    """Each AppTest scans the metadata of every installed package for Streamlit components on
    its first run (some 60 ms CPU; the app uses none), where `streamlit run` scans once per server.
    The installed packages do not change during the tests: scan once for the session."""
    if "streamlit.testing.v1" not in sys.modules:  # no AppTest collected: nothing to speed up
        yield
        return
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list[Any] = []
    guard = threading.Lock()

    def scan_once(*args: Any, **kwargs: Any) -> list[Any]:
        with guard:
            if not found:
                found.append(scan(*args, **kwargs))
            return list(found[0])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scan_once)
        yield


# The browser fixtures, registered once for every test module: a session fixture bound in
# several modules would start one Playwright per module in the same worker, and a second
# sync Playwright cannot start inside the first one's event loop.
from browser_support import app_page, app_url, chromium_browser  # noqa: E402, F401
