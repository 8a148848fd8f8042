"""Start-up work kept to what is used: the CLI loads no model library it does not run, and the
app opens its store once per state of the file rather than several times a page run."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT_ROOT

from app_ui import state
from data.store import Store

# Each takes a quarter to half a second to import: only the commands that fit a model, solve
# shifts or judge open hours need them.
HEAVY_MODULES = ("statsmodels", "scipy.stats", "scipy.optimize")


def test_building_the_cli_loads_no_model_fitting_library():
    script = (
        "import json, sys, cli; cli.build_parser(); "
        f"print(json.dumps([name for name in {HEAVY_MODULES!r} if name in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_app_checks_its_store_once_per_state_of_the_file(picco_home, monkeypatch):
    checks: list[str] = []
    open_store = Store.__init__

    def counted(self, path=None):
        checks.append(str(path))
        open_store(self, path)

    monkeypatch.setattr(Store, "__init__", counted)
    first = state.store()  # no file yet: created with its tables
    second = state.store()  # the file as created: checked once more, then kept
    assert state.store() is second and state.store() is second
    assert len(checks) == 2 and first.path == second.path == picco_home / "picco.duckdb"
    # A write changes the file: the next call checks it again, once.
    second.save_preferences({"horizon_days": 9})
    assert state.store() is state.store() is not second
    assert len(checks) == 3
    # A store removed while the app runs is created again, tables and all.
    second.path.unlink()
    assert state.store().list_datasets().empty
    assert state.store().load_preferences() == {}
    assert len(checks) == 5
