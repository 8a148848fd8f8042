"""Start-up work kept to what is used: the CLI loads no model library it does not run."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROJECT_ROOT

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
