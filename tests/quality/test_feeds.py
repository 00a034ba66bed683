"""Feeds and the sitemap of the publish build."""

from __future__ import annotations

from tests.quality.checks import feed_problems, report, sitemap_problems


def test_feeds_are_valid(publish_site):
    feeds = sorted(p for p in (publish_site / "feeds").rglob("*") if p.is_file())
    assert feeds, "the publish build has no file under feeds/"
    problems = [p for feed in feeds for p in feed_problems(feed)]
    assert not problems, report(f"{len(feeds)} feeds", problems)


def test_sitemap_lists_every_article_and_no_draft(publish_site):
    problems = sitemap_problems(publish_site)
    assert not problems, report("sitemap.xml", problems)
