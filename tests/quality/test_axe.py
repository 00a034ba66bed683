"""axe-core, WCAG 2.2 A and AA: no violation on the key pages, in light and dark colour schemes."""

from __future__ import annotations

import pytest

from tests.quality.checks import axe_violations, describe_violations, page_path, report

PAGES = ["home", "article", "region", "reporter", "category", "redaksi", "regions", "reporters", "404"]
CASES = [(name, "light") for name in PAGES] + [("home", "dark"), ("article", "dark")]


@pytest.mark.browser
@pytest.mark.parametrize(("name", "scheme"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_axe_wcag22_aa(served_site, new_context, name, scheme):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    page = new_context(color_scheme=scheme, bypass_csp=True).new_page()
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    violations = axe_violations(page)
    assert not violations, report(f"axe WCAG 2.2 A/AA on {url} ({scheme})", describe_violations(violations))
