"""Nothing is fetched from another site: no CDN, font service, analytics or embed."""

from __future__ import annotations

import pytest

from tests.quality.checks import foreign_requests, page_path, report, third_party_problems

PAGES = ["home", "article", "region", "404"]


def test_built_pages_reference_only_the_site(publish_site):
    problems = third_party_problems(publish_site)
    assert not problems, report("resources from other origins in the publish build", problems)


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_browser_requests_stay_local(served_site, new_context, name):
    base, out = served_site
    url = f"{base}/{page_path(out, name)}"
    requested, foreign = foreign_requests(new_context(), url, base)
    assert requested, f"no request recorded for {url}"
    assert not foreign, report(f"{url} made requests to other origins", foreign)
