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


def open_at(served_site, new_context, name, width):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(url, wait_until="load")
    settle(page)
    return url, page


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_overflow(served_site, new_context, name, width):
    url, page = open_at(served_site, new_context, name, width)
    if os.environ.get("QA_SCREENSHOTS"):
        folder = Path(os.environ["QA_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    found = overflow(page)
    assert found["scrollWidth"] <= found["innerWidth"], (
        f"{url} scrolls sideways at {width}px: scrollWidth {found['scrollWidth']} > innerWidth "
        f"{found['innerWidth']}; sticking out: {found['culprits']}"
    )


OVERLAPS = """() => {
  const boxes = (sel) => Array.from(document.querySelectorAll(sel)).map((el) => [el, el.getBoundingClientRect()]);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const found = [];
  for (const [card] of boxes("article.card, article.lead-story")) {
    const photo = card.querySelector("img");
    if (!photo) continue;
    const p = photo.getBoundingClientRect();
    for (const text of card.querySelectorAll("h1, h2, h3, h4, p")) {
      const t = text.getBoundingClientRect();
      if (t.width && t.height && hit(p, t)) found.push(text.textContent.trim().slice(0, 60));
    }
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "region"])
def test_card_text_never_lies_on_its_photo(served_site, new_context, name, width):
    url, page = open_at(served_site, new_context, name, width)
    assert page.evaluate(OVERLAPS) == [], f"{url} at {width}px: card text drawn over its photo"
