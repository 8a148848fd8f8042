"""Real-browser test support: a `streamlit run` server, Debian's Chromium and page helpers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, require

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the fixtures report it; keep this module importable
    PlaywrightError = RuntimeError
    PlaywrightTimeout = TimeoutError

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium quiet and offline in a container (no sandbox: tests may run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT_DIR = PROJECT_ROOT / "test-output"
VIEWPORT = {"width": 1440, "height": 900}
SERVER_START_SECONDS = 90
# Long enough for a first forecast (model fitting + backtest) on a 2-core machine.
SCRIPT_RUN_MS = 180_000
ELEMENT_WAIT_MS = 30_000  # an element that has not appeared this long after an idle app is missing


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """Base URL of `streamlit run app.py` on 127.0.0.1, with an empty store in a temp dir: one
    server per test module, so modules never see each other's datasets and scenarios."""
    streamlit = Path(sys.executable).with_name("streamlit")
    require(streamlit.exists(), f"streamlit not installed next to {sys.executable}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PICCO_HOME": str(tmp_path_factory.mktemp("picco-home"))}
    OUTPUT_DIR.mkdir(exist_ok=True)
    log_path = OUTPUT_DIR / f"streamlit-{port}.log"
    command = [
        str(streamlit), "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stopping it stops its children
        )  # fmt: skip
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; log:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed (requirements-test.txt)")
    require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Counts the script runs the page has seen start, so that a rerun which has already finished by
# the time a test looks for it is not waited for until the start timeout.
COUNT_SCRIPT_RUNS = """
window.__scriptRuns = 0;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.getAttribute('data-test-script-state') !== 'notRunning') {
      window.__scriptRuns += 1;
    }
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""


@pytest.fixture()
def app_page(chromium_browser, app_url):
    """A fresh browser tab on the app; uncaught JavaScript errors are collected in `page.errors`."""
    context = chromium_browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(ELEMENT_WAIT_MS)
    context.add_init_script(COUNT_SCRIPT_RUNS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(app_url)
    wait_until_idle(page)
    yield page
    context.close()


def wait_until_idle(page, timeout_ms: int = SCRIPT_RUN_MS) -> None:
    """Wait until the script has run and Streamlit reports it is no longer running."""
    app = page.locator('[data-testid="stApp"]')
    app.wait_for(timeout=timeout_ms)
    # A rerun may start a moment after the click that triggered it: require a stable idle state.
    # On a loaded machine the browser can still be drawing the run's elements after the script
    # reports it stopped, so the page's text must also have stopped changing.
    deadline = time.monotonic() + timeout_ms / 1000
    idle_since, seen = None, None
    while time.monotonic() < deadline:
        state = app.get_attribute("data-test-script-state")
        text, runs = page.evaluate(
            """() => [document.querySelector('[data-testid="stMain"]')?.innerText ?? '',
                      window.__scriptRuns ?? 0]"""
        )
        if state == "notRunning" and text == seen:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 0.8:
                page.script_runs = runs  # the runs this idle state already includes
                return
        else:
            idle_since = None
        seen = text
        page.wait_for_timeout(100)
    raise AssertionError(f"app still running after {timeout_ms} ms")


def open_page(page, title: str) -> None:
    """Click the sidebar navigation link whose text is `title`."""
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
    wait_until_idle(page)


def upload(page, path: Path, uploader_index: int = 0) -> None:
    """Give `path` to the page's st.file_uploader as if chosen in the file dialog."""
    uploader = page.locator('[data-testid="stFileUploader"]').nth(uploader_index)
    uploader.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    uploader.get_by_text(path.name).wait_for()
    wait_for_rerun(page)


def wait_for_rerun(page, start_timeout_ms: int = 15_000) -> None:
    """After an action that triggers a rerun: wait for it to start, then for it to finish."""
    app = page.locator('[data-testid="stApp"]')
    try:
        # Running now, or a run started (and maybe ended) since the page was last idle.
        page.wait_for_function(
            """(seen) => document.querySelector('[data-testid="stApp"]')
                     ?.getAttribute('data-test-script-state') !== 'notRunning'
                     || (window.__scriptRuns ?? 0) > seen""",
            arg=getattr(page, "script_runs", 0),
            timeout=start_timeout_ms,
        )
    except PlaywrightTimeout:
        pass  # the rerun was quicker than our first look
    app.wait_for()
    wait_until_idle(page)


def screenshot(page, name: str) -> Path:
    """Save the whole page (the app scrolls inside its own container) to test-output/NAME.png."""
    OUTPUT_DIR.mkdir(exist_ok=True)
    path = OUTPUT_DIR / f"{name}.png"
    height = page.evaluate(
        """() => Math.max(...Array.from(
            document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'),
            (element) => element.scrollHeight), document.body.scrollHeight)"""
    )
    original = page.viewport_size
    page.set_viewport_size({"width": original["width"], "height": min(int(height), 8000)})
    page.wait_for_timeout(500)  # let plotly charts re-layout to the taller window
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(original)
    return path


def app_exceptions(page) -> list[str]:
    """Texts of any st.exception / error boxes the script drew."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def main_text(page) -> str:
    """Visible text of the page body (not the sidebar)."""
    return page.locator('[data-testid="stMain"]').inner_text()


def set_number(page, label: str, value: float) -> None:
    """Type into the st.number_input labelled `label` and commit it (Enter), then wait."""
    field = page.get_by_label(label, exact=True)
    field.fill(f"{value:g}")
    field.press("Enter")
    wait_for_rerun(page)


def type_text(page, label: str, text: str) -> None:
    """Type `text` into the st.text_input labelled `label` and leave the field, as a person
    does before reaching for a button.

    Inside a form the field hands its value over when it loses focus; a click that lands at
    once (as Playwright's do, under load) can submit the form before that, without the text.
    """
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    page.wait_for_timeout(300)


def click_button(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_for_rerun(page)


def open_expander(page, label: str) -> None:
    """Open the st.expander titled `label` (a click on an open one would close it), and wait
    until its content takes clicks."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=label).first
    content = expander.locator('[data-testid="stExpanderDetails"]')
    if content.get_attribute("inert") is not None:
        expander.locator("summary").click()
    page.wait_for_function(
        "(element) => !element.hasAttribute('inert')", arg=content.element_handle()
    )
    page.wait_for_timeout(300)  # the opening animation


def open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label, exact=True).click()
    page.wait_for_timeout(300)


def download(page, label: str, folder: Path) -> Path:
    """Click the st.download_button labelled `label`; return where the file was saved."""
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
    with page.expect_download() as info:
        button.click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the st.selectbox (or add it in the st.multiselect) labelled `label`."""
    widget = page.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')
    widget = widget.filter(has_text=label).first
    options = page.locator('[role="option"]')
    wanted = options.filter(has=page.get_by_text(option, exact=True))
    for attempt in range(3):
        # On a loaded machine a late rerun can redraw the widget and close its list under us:
        # wait for the page to settle and open it again.
        wait_until_idle(page)
        # Below the label: the multiselect's chosen items; the selectbox shows its value in
        # its input. Picking the value already chosen starts no rerun to wait for.
        chosen = widget.inner_text().splitlines()[1:] + [
            field.input_value() for field in widget.locator("input").all()
        ]
        if option in [line.strip() for line in chosen]:
            return  # already chosen: its list no longer offers it
        widget.click()
        try:
            # A click on the select that still has the focus of the last pick may leave its
            # list closed: click once more rather than wait for an option that never shows.
            options.first.wait_for(timeout=2_000)
        except PlaywrightTimeout:
            widget.click()
        try:
            wanted.first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            offered = options.all_inner_texts()
            page.keyboard.press("Escape")
            if attempt == 2:
                raise AssertionError(
                    f"{label!r} offers no {option!r} (offered: {offered}; the widget reads "
                    f"{widget.inner_text()!r})"
                ) from None
    page.keyboard.press("Escape")  # a multiselect stays open after a pick
    wait_for_rerun(page)


GRID_ROW_PX = 35  # st.data_editor's header and row height
ROW_MARKER_PX = 33  # the editor's leftmost column of row markers


def edit_cell(page, row: str, column: str, value: str, editor_index: int = 0) -> None:
    """Type `value` into the st.data_editor cell of the row whose first column reads `row`.

    The grid is drawn on a canvas; its hidden accessible table gives the row and column order,
    the keyboard moves to the cell and opens its editor.
    """
    grid = page.locator('[data-testid="stDataFrame"]').nth(editor_index)
    grid.scroll_into_view_if_needed()
    first_cells = grid.locator('[role="gridcell"][aria-colindex="1"]')
    # The accessible table may be filled a moment after the grid is drawn.
    try:
        first_cells.filter(has_text=row).first.wait_for(state="attached")
    except PlaywrightTimeout:
        shown = first_cells.all_inner_texts()
        raise AssertionError(
            f"no row {row!r} in the grid (rows: {shown}); the page reads:\n{main_text(page)}"
        ) from None
    headers = grid.locator('[role="columnheader"]').all_inner_texts()
    names = first_cells.all_inner_texts()
    column_number, row_number = headers.index(column), names.index(row)
    selected_target = grid.locator(
        f'[role="row"][aria-rowindex="{row_number + 2}"] '
        f'[role="gridcell"][aria-colindex="{column_number + 1}"][aria-selected="true"]'
    )
    for attempt in range(3):
        box = grid.bounding_box()
        # The first row, then down the keys: rows grow taller where long names wrap.
        page.mouse.click(box["x"] + ROW_MARKER_PX + 10, box["y"] + GRID_ROW_PX * 1.5)
        for _ in range(row_number):
            page.keyboard.press("ArrowDown")
        for _ in range(column_number):
            page.keyboard.press("ArrowRight")
        # A rerun that redraws the grid between the click and the arrows leaves another cell
        # selected; typing there renames the scenario (the compare list once offered "20"
        # instead of "Busier").
        try:
            selected_target.wait_for(state="attached", timeout=2_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
        wait_until_idle(page)
        if attempt == 2:
            selected = grid.locator('[role="gridcell"][aria-selected="true"]').all_inner_texts()
            raise AssertionError(
                f"could not select {column!r} of row {row!r} (selected: {selected})"
            )
    page.keyboard.press("Enter")
    # Text and number cells open the grid's text field, a date cell a date input (YYYY-MM-DD).
    field = page.locator('.gdg-input, [data-testid="date-picker-cell"]').first
    field.fill(value)
    field.press("Enter")
    wait_for_rerun(page)


def hidden_width(page, key: str) -> int:
    """Pixels of the grid's columns that only a sideways scroll inside the grid shows; the grid
    is the st.dataframe / st.data_editor whose widget key starts with `key`."""
    return _hidden(page, key, "scrollWidth - element.clientWidth")


def hidden_height(page, key: str) -> int:
    """Pixels of the grid's rows that only a vertical scroll inside the grid shows."""
    return _hidden(page, key, "scrollHeight - element.clientHeight")


def _hidden(page, key: str, difference: str, attempts: int = 5) -> int:
    # Streamlit marks a keyed element's container with the class st-key-<key>.
    grid = page.locator(f'[class*="st-key-{key}"] [data-testid="stDataFrame"]').first
    for attempt in range(attempts):
        try:
            grid.scroll_into_view_if_needed()
            scroller = grid.locator(".dvn-scroller").first
            return int(scroller.evaluate(f"(element) => element.{difference}"))
        except PlaywrightError as error:
            # A rerun finishing just then draws the grid anew: the element found a moment ago
            # is gone, so look it up again once the page is idle.
            if "not attached" not in str(error) or attempt == attempts - 1:
                raise
            wait_until_idle(page)
    raise AssertionError(f"the grid '{key}' was drawn anew {attempts} times while measured")


def download_until(page, label: str, folder: Path, ready, timeout_s: float = 30.0) -> Path:
    """Download until `ready(path)` holds: a button may still offer the previous run's data."""
    deadline = time.monotonic() + timeout_s
    while True:
        path = download(page, label, folder)
        if ready(path) or time.monotonic() > deadline:
            return path
        page.wait_for_timeout(1000)


def reload(page) -> None:
    """Reload the browser tab: a new session on the same server and store."""
    page.reload()
    wait_until_idle(page)
