"""No horizontal scrolling at phone and laptop widths; full-page screenshots for humans to look at.

Set QA_SCREENSHOTS=/some/folder to keep the screenshots (name-width.png).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.quality.checks import overflow, page_path, settle

WIDTHS = [320, 390, 1366]
PAGES = ["home", "article", "region"]


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_overflow(served_site, new_context, name, width):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(url, wait_until="load")
    settle(page)
    if os.environ.get("QA_SCREENSHOTS"):
        folder = Path(os.environ["QA_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    found = overflow(page)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"{url} scrolls sideways at {width}px: scrollWidth {found['scrollWidth']} > innerWidth "
        f"{found['innerWidth']}; sticking out: {found['culprits']}"
    )
