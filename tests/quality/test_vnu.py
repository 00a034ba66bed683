"""The Nu HTML Checker over every built page and every stylesheet: no errors."""

from __future__ import annotations

import pytest

from tests.quality.checks import html_files, report, run_vnu


def grouped(errors: list[str]) -> list[str]:
    """One line per distinct message, with how many places and the first few 'file:line'."""
    places: dict[str, list[str]] = {}
    for error in errors:
        file, line, message = error.split(":", 2)
        places.setdefault(message.strip(), []).append(f"{file}:{line}")
    return [
        f"{message} -- {len(where)}x: {', '.join(where[:3])}{', ...' if len(where) > 3 else ''}"
        for message, where in sorted(places.items(), key=lambda item: -len(item[1]))
    ]


def test_every_page_is_valid_html(publish_site):
    pages = html_files(publish_site)
    assert pages, "the build has no HTML file"
    errors = run_vnu(publish_site, "html")
    assert not errors, report(f"vnu: {len(errors)} errors in {len(pages)} HTML files", grouped(errors))


def test_every_stylesheet_is_valid_css(publish_site):
    sheets = sorted(publish_site.rglob("*.css"))
    if not sheets:
        pytest.skip("the build has no .css file (inline <style> is checked with the HTML)")
    errors = run_vnu(publish_site, "css")
    assert not errors, report(f"vnu: {len(errors)} errors in {len(sheets)} stylesheets", grouped(errors))
