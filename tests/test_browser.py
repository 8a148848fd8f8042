"""The app in a real browser: Playwright drives Debian's Chromium against `streamlit run`."""

from __future__ import annotations

import browser_support
import pytest
from browser_support import app_exceptions, main_text, screenshot, upload

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Fixtures live in browser_support; binding them here registers them for this module.
app_url = browser_support.app_url
chromium_browser = browser_support.chromium_browser
app_page = browser_support.app_page

BANK_LOG = "anonymous_bank/february_1999.txt"


def test_data_page_shows_summary_of_uploaded_bank_log(app_page, shared_data):
    # 33,344 calls from 1999-02-01 to 1999-02-28, 27,162 answered (../shared/README.md).
    upload(app_page, shared_data / BANK_LOG)
    text = main_text(app_page)
    assert "Current dataset: february_1999" in text
    assert "33,344" in text
    assert "27,162" in text
    assert "1999-02-01 – 1999-02-28" in text
    assert app_exceptions(app_page) == []
    screenshot(app_page, "data-page")
    assert app_page.errors == []
