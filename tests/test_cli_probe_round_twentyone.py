"""Round twenty-one of probing the CLI as a planner scripting it would: Ctrl-C pressed in the
first second, while pandas and the models load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# 1. Ctrl-C while the CLI was still loading its modules (pandas, statsmodels: the first second)
# printed the traceback of whichever import it stopped, as round nineteen's one line covered
# only a command already running.

# SIGINT sent to the process itself as pandas is first looked for: Ctrl-C mid-import, on cue.
INTERRUPTED_AT_PANDAS = """
import os, runpy, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "pandas":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["cli.py", "inspect", "history.csv"]
runpy.run_path("cli.py", run_name="__main__")
"""


def test_an_interrupt_while_loading_ends_in_one_line_and_the_shells_code():
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_AT_PANDAS],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stderr == "interrupted: stopped while loading, before any file was read\n"
    assert done.returncode == 130
