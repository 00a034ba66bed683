"""Helpers for tests: build a site with Pelican's own API and parse its HTML."""

from __future__ import annotations

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
