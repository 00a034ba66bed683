"""Structured data: strict JSON everywhere; a complete NewsArticle on every article page."""

from __future__ import annotations

from tests.quality.checks import article_paths, jsonld_problems, report


def test_jsonld_parses_and_articles_are_news_articles(publish_site):
    assert article_paths(publish_site), "the publish build has no article page"
    problems = jsonld_problems(publish_site)
    assert not problems, report("JSON-LD", problems)
