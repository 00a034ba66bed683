"""search: a Pagefind index of the published articles, built inside the Pelican run.

Pagefind (PyPI `pagefind[bin]`) does the indexing and ships the browser side (pagefind/); this
plugin only hands it what Pelican already knows: each published article's text, title, photo,
date, region and rubric. Records come from the content objects rather than from crawling the
HTML, so the index never depends on theme markup and never contains a draft or an embargoed
story, even in a development build. pelican-search was not used: it needs the Stork binary,
which cannot be installed from a package registry.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {"ENABLED": True, "OUTPUT": "pagefind", "LANGUAGE": "id"}
TAGS = re.compile(r"<[^>]+>")

_articles: list = []


def settings_of(settings: dict) -> dict:
    given = settings.get("SEARCH") or {}
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"SEARCH setting has unknown key(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    return {**DEFAULTS, **given}


def collect(generator) -> None:
    _articles.clear()
    _articles.extend(a for a in generator.articles if getattr(a, "state", "published") == "published")


def text_of(fragment: str) -> str:
    return html.unescape(TAGS.sub(" ", fragment or "")).strip()


def record(article, siteurl: str) -> dict:
    meta = {"title": text_of(article.title), "date": article.date.isoformat()}
    photo = getattr(article, "photo", None)
    if photo:
        meta["image"] = f"{siteurl}/{photo.renditions[0][0]}"
        meta["image_alt"] = photo.alt
    filters = {"rubrik": [article.category.name]}
    region = getattr(article, "region", None)
    if region is not None:
        filters["wilayah"] = [region.name]
    return {
        "url": f"{siteurl}/{article.url}",
        "content": f"{text_of(article.title)}\n{text_of(getattr(article, 'summary', ''))}\n{text_of(article.content)}",
        "meta": meta,
        "filters": filters,
        "sort": {"date": article.date.strftime("%Y%m%d%H%M")},
    }


async def _write(records: list[dict], output: Path, language: str) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, output_path=str(output))
    async with PagefindIndex(config=config) as index:
        for r in records:
            await index.add_custom_record(language=language, **r)


def build_index(pelican) -> None:
    cfg = settings_of(pelican.settings)
    if not cfg["ENABLED"]:
        return
    # Site-root paths keep one index valid for any host (preview, CI, production).
    siteurl = re.sub(r"^https?://[^/]+", "", pelican.settings.get("SITEURL", ""))
    records = [record(a, siteurl) for a in _articles]
    output = Path(pelican.output_path) / cfg["OUTPUT"]
    asyncio.run(_write(records, output, cfg["LANGUAGE"]))
    logger.info("Search index: %d article(s) in %s", len(records), output)
    _articles.clear()


def check_settings(pelican) -> None:
    settings_of(pelican.settings)  # refuse a misspelt key before anything is built


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(collect)
    signals.finalized.connect(build_index)
