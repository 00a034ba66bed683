"""reuse.site_digest: what every article page depends on besides its own stories.

Whole rebuilds against cold builds are in tests/test_incremental.py; here the digest itself."""

from __future__ import annotations

import os
import shutil
from types import SimpleNamespace

from pelican.settings import read_settings

from newsroom import reuse

from .conftest import BASE, FIXTURE


def _site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    settings = read_settings(path=None, override={**BASE, "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out")})
    articles = [SimpleNamespace(source_path=str(p)) for p in sorted((content / "berita").rglob("*.md"))]
    others = [p for p in content.rglob("*") if p.is_file() and "berita" not in p.parts]
    assert len(articles) >= 2 and others
    return content, settings, articles, others


def test_the_content_is_listed_once_a_build_and_each_digest_leaves_out_its_own_stories(tmp_path, monkeypatch):
    content, settings, articles, others = _site(tmp_path)
    walked = []
    original = os.walk

    def walk(top, *args, **kwargs):
        walked.append(os.path.abspath(top))
        return original(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    build = SimpleNamespace(real_dirs={})
    every = reuse.site_digest(settings, build, articles)  # as parsed.py asks: every story file left out
    published = reuse.site_digest(settings, build, articles[1:])  # as Record asks: a story not published
    assert walked.count(str(content)) == 1  # the content and the code were listed and hashed once
    # Each equals what a build of its own would make: nothing of the first call leaks into the second.
    assert published == reuse.site_digest(settings, SimpleNamespace(real_dirs={}), articles[1:])
    assert every == reuse.site_digest(settings, SimpleNamespace(real_dirs={}), articles)
    assert every != published  # the unpublished story's file counts for the pages of the others

    # The next build sees a changed data file, standing page or photo, and a new setting.
    os.utime(others[0], ns=(1, 1))
    assert reuse.site_digest(settings, SimpleNamespace(real_dirs={}), articles) != every
    changed = {**settings, "SITENAME": "Portal Lain"}
    assert reuse.site_digest(changed, build, articles) != reuse.site_digest(settings, build, articles)
