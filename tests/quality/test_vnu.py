"""The Nu HTML Checker over every built page and every stylesheet: no errors."""

from __future__ import annotations

import pytest

from tests.quality.checks import html_files, report, run_vnu


def test_every_page_is_valid_html(publish_site):
    assert html_files(publish_site), "the build has no HTML file"
    errors = run_vnu(publish_site, "html")
    assert not errors, report(f"vnu on {len(html_files(publish_site))} HTML files", errors)


def test_every_stylesheet_is_valid_css(publish_site):
    sheets = sorted(publish_site.rglob("*.css"))
    if not sheets:
        pytest.skip("the build has no .css file (inline <style> is checked with the HTML)")
    errors = run_vnu(publish_site, "css")
    assert not errors, report(f"vnu on {len(sheets)} stylesheets", errors)
