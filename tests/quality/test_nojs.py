"""Without JavaScript a reader still gets the headline, the navigation and the share links."""

from __future__ import annotations

import pytest

from tests.quality.checks import nojs_problems, page_path, report


@pytest.mark.browser
@pytest.mark.parametrize("name", ["home", "article"])
def test_works_without_javascript(served_site, new_context, name):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    page = new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900}).new_page()
    page.goto(url, wait_until="load")
    problems = nojs_problems(page, name)
    assert not problems, report(f"{url} without JavaScript", problems)
