"""Build the plugin's small content fixture with Pelican's own API, into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "test_data" / "content"
THEME = HERE / "test_data" / "theme"
PLUGINS = HERE.parent.parent

BASE = {
    "THEME": str(THEME),
    "PLUGIN_PATHS": [str(PLUGINS)],
    "PLUGINS": ["newsroom"],
    "TIMEZONE": "Asia/Makassar",
    "DEFAULT_LANG": "id",
    "ARTICLE_PATHS": ["berita"],
    "PAGE_PATHS": ["halaman"],
    "STATIC_PATHS": [],
    "IGNORE_FILES": ["*.toml"],
    "SLUGIFY_SOURCE": "basename",
    "DEFAULT_CATEGORY": "",
    "READERS": {"rst": None},
    "ARTICLE_URL": "berita/{date:%Y}/{date:%m}/{slug}/",
    "ARTICLE_SAVE_AS": "berita/{date:%Y}/{date:%m}/{slug}/index.html",
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "AUTHOR_URL": "penulis/{slug}/",
    "AUTHOR_SAVE_AS": "penulis/{slug}/index.html",
    "AUTHORS_SAVE_AS": "penulis/index.html",
    "CATEGORY_URL": "kategori/{slug}/",
    "CATEGORY_SAVE_AS": "kategori/{slug}/index.html",
    "TAG_URL": "topik/{slug}/",
    "TAG_SAVE_AS": "topik/{slug}/index.html",
    "DRAFT_URL": "drafts/{slug}/",
    "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
    "DEFAULT_PAGINATION": 2,
    "PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "author": None, "region": None},
    "PAGINATION_PATTERNS": (
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
    ),
    "DIRECT_TEMPLATES": ["index", "authors"],
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
}

DEV = {**BASE, "WITH_FUTURE_DATES": True, "NEWSROOM": {"STRICT": False, "PREVIEW_UNPUBLISHED": True}}
PUBLISH = {
    **BASE,
    "SITEURL": "https://uji.example",
    "WITH_FUTURE_DATES": False,
    "DRAFT_SAVE_AS": "",
    "FEED_DOMAIN": "https://uji.example",
    "FEED_ALL_ATOM": "feeds/semua.atom.xml",
    "NEWSROOM": {"STRICT": True, "PREVIEW_UNPUBLISHED": False},
}


def settings_for(mode: dict, content: Path, output: Path, **extra) -> dict:
    return read_settings(
        path=None,
        override={**mode, "PATH": str(content), "OUTPUT_PATH": str(output),
                  "CACHE_PATH": str(output.parent / "cache"), **extra},
    )


def build(mode: dict, content: Path, output: Path, **extra) -> Path:
    Pelican(settings_for(mode, content, output, **extra)).run()
    return output


@pytest.fixture
def content(tmp_path) -> Path:
    """A private, writable copy of the fixture content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return build(PUBLISH, FIXTURE, tmp_path_factory.mktemp("publish") / "out")


@pytest.fixture(scope="module")
def development(tmp_path_factory) -> Path:
    return build(DEV, FIXTURE, tmp_path_factory.mktemp("dev") / "out")
