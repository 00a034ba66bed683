"""Offline link check: every internal href, src and srcset of the publish build resolves to a file."""

from __future__ import annotations

from tests.quality.checks import broken_links, html_files, report


def test_no_broken_internal_links(publish_site):
    assert html_files(publish_site), "the build has no HTML file"
    broken = broken_links(publish_site)
    assert not broken, report("broken internal links (page: attribute URL)", broken)
