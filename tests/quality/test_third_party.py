"""Nothing is fetched from another site (no CDN, font service, analytics or embed): the built files.

test_requests.py checks what a browser really requests.
"""

from __future__ import annotations

from tests.quality.checks import report, third_party_problems


def test_built_pages_reference_only_the_site(publish_site):
    problems = third_party_problems(publish_site)
    assert not problems, report("resources from other origins in the publish build", problems)
