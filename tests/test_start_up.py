"""Start-up work kept to what is used: the CLI loads no model library it does not run, the app
opens its store once per state of the file rather than several times a page run, and AppTest
runs compile a page script once (as `streamlit run` does) rather than on every run."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT_ROOT
from streamlit.runtime.scriptrunner import script_cache
from streamlit.testing.v1 import AppTest

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


def test_app_test_runs_compile_a_script_once_and_again_when_it_changes(tmp_path, monkeypatch):
    parsed: list[str] = []
    add_magic = script_cache.magic.add_magic

    def counted(code: str, script_path: str):
        parsed.append(script_path)
        return add_magic(code, script_path)

    monkeypatch.setattr(script_cache.magic, "add_magic", counted)
    script = tmp_path / "tiny_app.py"
    script.write_text("import streamlit as st\nst.write('one')\n")
    for _ in range(3):
        assert AppTest.from_file(str(script)).run().markdown[0].value == "one"
    assert len(parsed) == 1
    script.write_text("import streamlit as st\nst.write('two two')\n")  # a new size
    assert AppTest.from_file(str(script)).run().markdown[0].value == "two two"
    assert len(parsed) == 2
