"""Helpers for tests: build a site with Pelican's own API and parse its HTML."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser
from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))


@contextmanager
def chdir(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def build_site(config: str, output: Path, content: Path | None = None, **override) -> Path:
    """Run a full Pelican build of `content` (default: the sample content) into `output`."""
    override = {"OUTPUT_PATH": str(output), "CACHE_PATH": str(output.parent / (output.name + "-cache")), **override}
    if content is not None:
        override["PATH"] = str(content)
    with chdir(ROOT):
        settings = read_settings(str(ROOT / config), override=override)
        Pelican(settings).run()
    return output


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def page(site: Path, url_path: str) -> LexborHTMLParser:
    """Parse the built page for a URL path such as 'wilayah/dompu/'."""
    url_path = url_path.strip("/")
    target = site / url_path / "index.html" if url_path else site / "index.html"
    assert target.exists(), f"{url_path!r} was not built ({target})"
    return parse(target)


def jsonld(tree) -> list:
    """Every JSON-LD block of a parsed page, read with strict json.loads (an invalid one raises)."""
    return [json.loads(s.text(deep=True)) for s in tree.css('script[type="application/ld+json"]')]


def jsonld_nodes(tree) -> list[dict]:
    """Every JSON-LD object of a page, nested ones included (lists, @graph, values)."""
    nodes, stack = [], jsonld(tree)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack += item
        elif isinstance(item, dict):
            nodes.append(item)
            stack += [v for v in item.values() if isinstance(v, (dict, list))]
    return nodes


# --- the chapter's own data: tests that hold for any chapter derive their expectations from it ----

@functools.cache
def chapter_settings() -> dict:
    """SITENAME, DEFAULT_LANG, TIMEZONE and the public SITEURL, from content/data/site.toml."""
    from newsroom.identity import site_settings

    return site_settings(ROOT / "content" / "data" / "site.toml")


def chapter() -> "Newsroom":
    """The newsroom of this checkout's content/ (whatever chapter it is)."""
    return Newsroom.read(ROOT / "content")


def header(text: str) -> dict[str, str]:
    """The 'Name: value' lines before the first blank line, by lower-case name."""
    fields = {}
    for line in text.split("\n"):
        if not line.strip():
            break
        name, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z0-9_-]+", name.strip()):
            fields[name.strip().lower()] = value.strip()
    return fields


@dataclass
class Newsroom:
    """What content/data/ of a content folder holds (read with tomllib, as the plugin does)."""

    content: Path
    site: dict
    regions: list[dict]
    rubrics: list[dict]
    reporters: dict[str, dict] = field(default_factory=dict)  # slug -> profile

    @classmethod
    def read(cls, content: Path) -> "Newsroom":
        data = content / "data"
        load = lambda p: tomllib.loads(p.read_text(encoding="utf-8"))  # noqa: E731
        reporters = {p.stem: load(p) for p in sorted((data / "authors").glob("*.toml"))}
        return cls(content, load(data / "site.toml"), load(data / "regions.toml")["region"],
                   load(data / "categories.toml")["category"], reporters)

    @staticmethod
    def _find(entries: list[dict], typed: str) -> dict | None:
        key = slugify(typed)
        for entry in entries:
            names = [entry["slug"], entry["name"], *entry.get("aliases", [])]
            if key in {slugify(n) for n in names}:
                return entry
        return None

    def region(self, typed: str) -> dict | None:
        return self._find(self.regions, typed)

    def rubric(self, typed: str) -> dict | None:
        return self._find(self.rubrics, typed)

    @property
    def any_reporter(self) -> str:
        return next(iter(self.reporters))

    @property
    def timezone_abbr(self) -> str:
        return self.site.get("site", {}).get("timezone_abbr", "")


