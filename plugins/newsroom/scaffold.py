"""`invoke new`: start an article with every header field a reporter has to fill in."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

from slugify import slugify

from .data import Lookup, load
from .problems import ProblemLog

TEMPLATE = """\
Title: {title}
Date: {date}
Authors: {author}
Region: {region}
Category: {category}
Tags: 
Summary: 
Dateline: 
Editor: 
Status: draft
Image: 
ImageAlt: 
Caption: 
Credit: 

Tulis berita di sini. Paragraf pertama menjawab apa, siapa, kapan, di mana, mengapa dan bagaimana.
"""


def _canonical(lookup: Lookup, value: str) -> str:
    if not value:
        return ""
    found = lookup.get(value)
    if found is None:
        raise SystemExit(lookup.unknown(value))
    return found.name


def new_article(content: Path, title: str, region: str = "", author: str = "", category: str = "",
                now: datetime.datetime | None = None, timezone: str = "Asia/Makassar") -> Path:
    now = now or datetime.datetime.now(zoneinfo.ZoneInfo(timezone))
    data = load(content / "data", {}, ProblemLog())
    slug = slugify(title, max_length=80, word_boundary=True)
    if not slug:
        raise SystemExit("The title has no letters or digits to make a file name from.")
    path = content / "berita" / f"{now:%Y}" / f"{now:%m}" / f"{slug}.md"
    if path.exists():
        raise SystemExit(f"{path} already exists; choose another title (nothing was overwritten).")
    text = TEMPLATE.format(
        title=title,
        date=f"{now:%Y-%m-%d %H:%M}",
        author=_canonical(data.reporter_lookup, author),
        region=_canonical(data.region_lookup, region),
        category=_canonical(data.category_lookup, category),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
