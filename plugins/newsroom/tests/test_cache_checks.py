"""Pelican's own content cache never hides a problem: every build reports it again."""

from __future__ import annotations

from .conftest import DEV, build
from .test_hardening import article, lines_for


def test_a_broken_story_is_reported_on_every_build_with_pelicans_content_cache_on(content, tmp_path, capsys):
    # A problem that does not stop the story (an unknown field): the story is built, so Pelican's
    # cache would remember it and hand it back next time without reading it.
    article(content / "berita/2026/10", "medan-salah.md", extra="Sumber: kantor bupati\n")
    for _ in range(2):
        build(DEV, content, tmp_path / "out", CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
        reported = lines_for(capsys.readouterr().err, "medan-salah.md")
        assert any("'sumber' is not a header field" in line for line in reported), reported
        assert (tmp_path / "out/berita/2026/10/medan-salah/index.html").is_file()
