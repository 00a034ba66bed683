"""Nothing is fetched from another site: what a browser really requests on key pages."""

from __future__ import annotations

import pytest

from tests.quality.checks import foreign_requests, page_path, report

PAGES = ["home", "article", "region", "404"]


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_browser_requests_stay_local(served_site, new_context, name):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    requested, foreign = foreign_requests(new_context(), url, base)
    assert requested, f"no request recorded for {url}"
    assert not foreign, report(f"{url} made requests to other origins", foreign)
