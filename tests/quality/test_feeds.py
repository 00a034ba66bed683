"""Feeds and the sitemap of the publish build."""

from __future__ import annotations

from tests.quality.checks import feed_problems, report, sitemap_problems


def test_feeds_are_valid(publish_site):
    root = publish_site / "feeds"
    feeds = sorted(p for p in root.rglob("*") if p.is_file())
    assert feeds, "the publish build has no file under feeds/"
    # Feeds in a subfolder belong to one reporter, region or rubric: they may be empty for now.
    problems = [p for feed in feeds for p in feed_problems(feed, allow_empty=feed.parent != root)]
    assert not problems, report(f"{len(feeds)} feeds", problems)
    assert any(feed.parent == root for feed in feeds), "the whole site has a feed"


def test_a_reporter_without_stories_gets_a_valid_empty_feed(tmp_path):
    """A chapter adds a reporter before their first story: the build and the gates stay green."""
    import shutil

    from tests.helpers import ROOT, build_site, page

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "data/authors/uji-tanpa-berita.toml").write_text('name = "Uji Tanpa Berita"\nrole = "Wartawan"\n',
                                                              encoding="utf-8")
    out = build_site("publishconf.py", tmp_path / "out", content=content)
    feed = out / "feeds/penulis/uji-tanpa-berita.atom.xml"
    assert feed_problems(feed, allow_empty=True) == []
    links = [a.attributes.get("href") for a in page(out, "penulis/uji-tanpa-berita").css('link[rel="alternate"]')]
    assert any(href and href.endswith("feeds/penulis/uji-tanpa-berita.atom.xml") for href in links)


def test_sitemap_lists_every_article_and_no_draft(publish_site):
    problems = sitemap_problems(publish_site)
    assert not problems, report("sitemap.xml", problems)
