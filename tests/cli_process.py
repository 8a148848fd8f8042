"""`python cli.py ARGUMENTS` as a process of its own, forked from one that has loaded the CLI.

A fresh interpreter spends about a second of CPU importing pandas, pyarrow and the CLI's modules
before the CLI reads its first argument, and the suite runs the CLI well over a hundred times.
The standard library's forkserver (multiprocessing) imports `cli` once per test process, just
what `python cli.py` imports before it runs, and forks a child per run, which sets the caller's
environment, working directory and argv, writes to files at its own file descriptors 1 and 2
and exits with the code `python cli.py` exits with. What a run loads later (statsmodels for a
fit) it loads itself, in the same order as a fresh process; its caches, store connections and
settings die with it."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import runpy
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

_FORKSERVER = multiprocessing.get_context("forkserver")
_FORKSERVER.set_forkserver_preload(["cli"])


def _start_forkserver(project_root: Path) -> None:
    """Start the forkserver in `project_root`: it imports its preload on the interpreter's own
    sys.path, whose first entry is the directory it starts in (Python 3.11 does not give it the
    caller's sys.path), and a preload it cannot import is skipped without a word, leaving every
    child to import the CLI itself."""
    previous = os.getcwd()
    os.chdir(project_root)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        os.chdir(previous)


def _exit_code(stop: SystemExit) -> int:
    """The code the interpreter exits with for `stop` (a non-integer is printed, exit 1)."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code & 0xFF
    print(stop.code, file=sys.stderr)
    return 1


def _run_as_main(
    script: str, arguments: list[str], cwd: str, environment: dict[str, str], out: str, err: str
) -> None:
    """In the forked child: `python script arguments` in `cwd` under `environment`."""
    for path, descriptor in ((out, 1), (err, 2)):
        opened = os.open(path, os.O_WRONLY)
        os.dup2(opened, descriptor)
        os.close(opened)
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(cwd)
    sys.argv = [script, *arguments]
    try:
        runpy.run_path(script, run_name="__main__")
        code = 0
    except SystemExit as stop:
        code = _exit_code(stop)
    except BaseException:  # an uncaught error prints its traceback and exits 1, as Python does
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or broken by the run, as at interpreter exit
            pass
    os._exit(code)


def run_python_script(
    script: str, arguments: list[str], cwd: Path, timeout: float
) -> subprocess.CompletedProcess:
    """What `subprocess.run([sys.executable, script, *arguments], cwd=cwd, capture_output=True,
    text=True, timeout=timeout)` returns, for a script whose imports `cli` has loaded."""
    command = [sys.executable, script, *arguments]
    _start_forkserver(cwd)
    with tempfile.TemporaryDirectory(prefix="picco-cli-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        out.touch()
        err.touch()
        child = _FORKSERVER.Process(
            target=_run_as_main,
            args=(script, arguments, str(cwd), dict(os.environ), str(out), str(err)),
        )
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(command, timeout, out.read_bytes(), err.read_bytes())
        # Read as text=True reads a pipe: the locale's encoding, universal newlines.
        stdout = out.read_text(encoding=None, errors="strict")
        stderr = err.read_text(encoding=None, errors="strict")
    # -N for a child killed by signal N, as subprocess reports it.
    return subprocess.CompletedProcess(command, child.exitcode, stdout, stderr)
