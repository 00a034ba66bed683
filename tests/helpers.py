"""Helpers for tests: build a site with Pelican's own API and parse its HTML."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent


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
