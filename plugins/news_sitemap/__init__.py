"""news_sitemap: `sitemap-news.xml` for Google News, written inside the Pelican run.

A News sitemap lists only what is news now: the articles published in the last two days (at most
1,000), each with the publication's name and language, its publication time and its title
(https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). It changes
with the clock, so the scheduled publish build (hourly, for embargoes) keeps it fresh; the build
time itself is never written into it, so two builds of one commit in the same hour are the same.

What is listed (`is_news`): published articles only. Drafts never reach Pelican's article list in
a publish build; embargoed stories shown to editors in a development build carry the newsroom
plugin's `state` "embargo" and are left out; so is every article whose `Type` header is one of
NEWS_SITEMAP["EXCLUDE_TYPES"] (advertorials, once articles have a Type field), and any article a
site's own NEWS_SITEMAP["EXCLUDE"] callable refuses.

Settings (NEWS_SITEMAP, a dict; every key optional):
    SAVE_AS            output file (default "sitemap-news.xml"; "" writes nothing)
    PUBLICATION_NAME   as registered with Google News (default: SITENAME)
    LANGUAGE           ISO 639 code (default: DEFAULT_LANG)
    MAX_AGE_HOURS      how far back (default 48: Google News takes two days)
    MAX_URLS           at most this many, newest first (default 1000, Google's limit)
    EXCLUDE_TYPES      lower-case `Type` values never listed (default: advertorial and its synonyms)
    EXCLUDE            a function article -> bool, True to leave it out (default: none)
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SAVE_AS": "sitemap-news.xml",
    "PUBLICATION_NAME": None,
    "LANGUAGE": None,
    "MAX_AGE_HOURS": 48,
    "MAX_URLS": 1000,
    "EXCLUDE_TYPES": ("advertorial", "pariwara", "iklan", "sponsored", "konten bersponsor"),
    "EXCLUDE": None,
}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def settings_of(settings: dict) -> dict:
    given = settings.get("NEWS_SITEMAP") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"NEWS_SITEMAP setting has unknown key(s) {unknown}; known: {sorted(DEFAULTS)}")
    merged = {**DEFAULTS, **given}
    merged["PUBLICATION_NAME"] = merged["PUBLICATION_NAME"] or settings.get("SITENAME", "")
    merged["LANGUAGE"] = merged["LANGUAGE"] or settings.get("DEFAULT_LANG", "en")
    merged["EXCLUDE_TYPES"] = {str(t).strip().lower() for t in merged["EXCLUDE_TYPES"]}
    return merged


def article_type(article) -> str:
    """The article's `Type` header (advertorial, ...), lower case; "" when it has none."""
    value = (getattr(article, "metadata", None) or {}).get("type", "")
    return str(value).strip().lower()


def is_news(article, cfg: dict) -> bool:
    """True when the article may be listed at all (whatever its age): the hook for what is not news."""
    if getattr(article, "status", "published") != "published":
        return False
    if getattr(article, "state", "published") != "published":  # newsroom: "embargo", "draft"
        return False
    if article_type(article) in cfg["EXCLUDE_TYPES"]:
        return False
    exclude = cfg["EXCLUDE"]
    return not (exclude is not None and exclude(article))


def entries(articles, cfg: dict, now: datetime.datetime) -> list:
    """The articles to list: news, published in the last MAX_AGE_HOURS (not in the future),
    newest first, at most MAX_URLS."""
    since = now - datetime.timedelta(hours=cfg["MAX_AGE_HOURS"])
    fresh = [a for a in articles if is_news(a, cfg) and since <= a.date <= now]
    fresh.sort(key=lambda a: (a.date, a.url), reverse=True)
    return fresh[: cfg["MAX_URLS"]]


def plain(value) -> str:
    if hasattr(value, "__html__"):
        value = Markup(value).striptags()
    return " ".join(str(value).split())


def render(articles, cfg: dict, siteurl: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<urlset xmlns={quoteattr(SITEMAP_NS)} xmlns:news={quoteattr(NEWS_NS)}>",
    ]
    for article in articles:
        lines += [
            "<url>",
            f"<loc>{escape(f'{siteurl}/{article.url}')}</loc>",
            "<news:news>",
            "<news:publication>",
            f"<news:name>{escape(plain(cfg['PUBLICATION_NAME']))}</news:name>",
            f"<news:language>{escape(cfg['LANGUAGE'])}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{article.date.replace(microsecond=0).isoformat()}</news:publication_date>",
            f"<news:title>{escape(plain(article.title))}</news:title>",
            "</news:news>",
            "</url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


class NewsSitemapGenerator(Generator):
    """Writes the News sitemap once every article is known (generate_output)."""

    def generate_context(self):
        self.cfg = settings_of(self.settings)

    def generate_output(self, writer):
        cfg = self.cfg
        if not cfg["SAVE_AS"]:
            return
        now = datetime.datetime.now(datetime.UTC)
        listed = entries(self.context.get("articles", []), cfg, now)
        target = Path(self.output_path) / cfg["SAVE_AS"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(listed, cfg, self.settings.get("SITEURL", "")), encoding="utf-8")
        logger.info("News sitemap: %d article(s) from the last %d hours in %s", len(listed),
                    cfg["MAX_AGE_HOURS"], target)


def check_settings(pelican) -> None:
    settings_of(pelican.settings)  # a misspelt key stops the build before anything is written


def get_generators(pelican):
    return NewsSitemapGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
