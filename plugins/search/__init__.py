"""search: a Pagefind index of the published articles, built inside the Pelican run.

Pagefind (PyPI `pagefind[bin]`) does the indexing and ships the browser side (pagefind/); this
plugin only hands it what Pelican already knows: each published article's text, title, photo,
date, region and rubric. It writes one minimal HTML record per article into a temporary folder
laid out like the site and runs the Pagefind binary over it once, so the index never depends on
theme markup and never contains a draft or an embargoed story, even in a development build.
(Pagefind's Python API answers one record per 0.1 s, too slow for a newsroom's archive; the
binary indexes thousands of records in seconds.) pelican-search was not used: it needs the Stork
binary, which no package registry provides.

What a record holds is what the theme's own results (theme/static/js/search.js) show: the title
as `title` meta only (it is searched, but kept out of the text, so an excerpt never repeats it),
the publication time as `date` meta (ISO 8601 in the site's time zone, for the reader's clock),
`wilayah` and `rubrik` as filters, the lead photo as `image`, and as text the Summary when the
reporter wrote one (the standfirst readers see above the story) followed by the story itself.

Two builds of the same content give the same index, byte for byte, on any machine (so a rebuild
that changes no story uploads no new search files): every sort value is unique (the publication
time to the second, then the URL), the `pagefind/` folder is emptied before Pagefind writes into
it (Pagefind never rewrites a file whose name already exists), and stable.py undoes what Pagefind
1.5 leaves to chance: the order of filter values, and page numbers that follow the records
folder's directory order (which the file system, not the plugin, decides). Where the records
folder is does not matter otherwise: no path reaches the index.
"""

import datetime
import html
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import signals

from . import stable

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
    published = (a for a in generator.articles if getattr(a, "state", "published") == "published")
    _articles.extend(sorted(published, key=lambda a: a.save_as))  # page order itself is stable.py's


def sort_value(article) -> str:
    """The `date` sort key: UTC time to the second, then the URL, so no two articles tie.

    A string on purpose: Pagefind reads a value that looks like a number as a 32-bit float,
    and a 12-digit YYYYmmddHHMM loses its last digits there (all stories of one day compared
    equal). A tie would be broken by Pagefind's page order, which is not reproducible.
    """
    date = article.date
    when = date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if date.tzinfo else date.isoformat()
    return f"{when} {article.url}"


def iso_date(article) -> str:
    """The publication time as the site states it (2026-11-10T08:05:00+08:00), for the results."""
    return article.date.replace(microsecond=0).isoformat()


def text_of(fragment: str) -> str:
    return html.unescape(TAGS.sub(" ", fragment or "")).strip()


def record_html(article, siteurl: str, language: str) -> str:
    """A page for Pagefind alone: the article's text with its metadata and filters marked."""
    esc = html.escape
    title = text_of(article.title)
    parts = [
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{esc(title)}</title></head>',
        "<body><main data-pagefind-body>",
        # Pagefind searches the title meta by itself; ignored as text, no excerpt starts with it.
        f'<h1 data-pagefind-meta="title" data-pagefind-ignore>{esc(title)}</h1>',
        f'<time data-pagefind-meta="date[datetime]" datetime="{esc(iso_date(article))}"></time>',
        f'<span data-pagefind-sort="date:{esc(sort_value(article))}"></span>',
        f'<span data-pagefind-filter="rubrik:{esc(article.category.name)}"></span>',
    ]
    region = getattr(article, "region", None)
    if region is not None:
        parts.append(f'<span data-pagefind-filter="wilayah:{esc(region.name)}"></span>')
    photo = getattr(article, "photo", None)
    if photo:
        parts.append(
            f'<img data-pagefind-meta="image[src], image_alt[alt]" src="{esc(siteurl)}/{esc(photo.renditions[0][0])}" alt="{esc(photo.alt)}">'
        )
    # Only a Summary the reporter wrote: Pelican's fallback summary is the story's first words,
    # which would then be in the record twice (and in excerpts twice).
    standfirst = (getattr(article, "metadata", None) or {}).get("summary")
    if standfirst:
        parts.append(f"<p>{esc(text_of(standfirst))}</p>")
    parts.append(article.content)
    parts.append("</main></body></html>")
    return "".join(parts)


def build_index(pelican) -> None:
    cfg = settings_of(pelican.settings)
    if not cfg["ENABLED"]:
        return
    # Site-root paths keep one index valid for any host (preview, CI, production).
    siteurl = re.sub(r"^https?://[^/]+", "", pelican.settings.get("SITEURL", ""))
    output = Path(pelican.output_path) / cfg["OUTPUT"]
    # Pagefind keeps any hashed file that already exists: start from nothing, or old ones pile up.
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        for article in _articles:
            # Pagefind makes URLs from file paths: lay records out as the site is, prefix included.
            target = Path(tmp) / siteurl.lstrip("/") / article.save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record_html(article, siteurl, cfg["LANGUAGE"]), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(output),
             "--force-language", cfg["LANGUAGE"], "--quiet"],
            capture_output=True, text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({result.returncode}): {result.stdout[-2000:]} {result.stderr[-2000:]}")
    stable.normalize(output)
    logger.info("Search index: %d article(s) in %s", len(_articles), output)
    _articles.clear()


def check_settings(pelican) -> None:
    settings_of(pelican.settings)  # refuse a misspelt key before anything is built


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(collect)
    signals.finalized.connect(build_index)
