"""data.load builds declared objects, once, from the data files: Region, Rubric, Reporter, Editor."""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican.urlwrappers import Author, Category

from newsroom import data
from newsroom.problems import ProblemLog
from newsroom.settings import fill_pelican_defaults

from .conftest import BASE, FIXTURE


def _load(content: Path, **override):
    settings = {**BASE, **override}
    fill_pelican_defaults(settings)
    problems = ProblemLog()
    return data.load(content / "data", settings, problems), problems


def test_reporters_and_rubrics_are_declared_objects_with_pelicans_urls(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "data/authors/zz-uji.toml").write_text(
        'name = "Zainul Uji Tiga"\nrole = "Redaktur"\nregion = "no-such-region"\ninitials = "ZUT"\nbio = "b"\n'
        'email = "z@example.org"\n', encoding="utf-8")
    loaded, problems = _load(content, AUTHOR_URL="orang/{slug}.html", AUTHOR_SAVE_AS="orang/{slug}.html",
                             CATEGORY_URL="rubrik/{slug}/", CATEGORY_SAVE_AS="rubrik/{slug}/index.html")
    assert loaded.reporters and loaded.rubrics
    for reporter in loaded.reporters:
        # Pelican's author pages, whatever AUTHOR_* say; a profile with every field declared.
        assert isinstance(reporter, data.Reporter) and isinstance(reporter, Author)
        assert reporter.url == f"orang/{reporter.slug}.html" and reporter.save_as == reporter.url
        assert reporter.articles == [] and reporter.count == 0 and reporter.photo is None and reporter.jsonld == []
        assert reporter.region is None or isinstance(reporter.region, data.Region)
        assert reporter.is_editor == bool(reporter.initials)
        assert len(reporter.avatar) <= 2 and reporter.avatar == reporter.avatar.upper()
    new = next(r for r in loaded.reporters if r.slug == "zz-uji")
    assert (new.name, new.role, new.bio, new.email, new.initials, new.avatar) == (
        "Zainul Uji Tiga", "Redaktur", "b", "z@example.org", "ZUT", "ZU")
    assert new.region is None  # unknown, and reported
    assert [(p.field, "no-such-region" in p.message) for p in problems.items if p.path.endswith("zz-uji.toml")] == [
        ("region", True)]
    editor = loaded.editor_lookup.get("zut")
    assert isinstance(editor, data.Editor) and editor.author is new and str(editor) == "ZUT"
    for rubric in loaded.rubrics:
        assert isinstance(rubric, data.Rubric) and isinstance(rubric, Category)
        assert rubric.url == f"rubrik/{rubric.slug}/" and rubric.save_as == f"rubrik/{rubric.slug}/index.html"
        assert rubric.count == 0 and rubric.jsonld == [] and loaded.rubric_lookup.get(rubric.slug) is rubric


def test_counts_follow_the_articles():
    rubric = data.Rubric("Ekonomi", {}, slug="ekonomi", description="d", aliases=["eko"])
    reporter = data.Reporter("Nama Panjang Sekali", {}, slug="nama")
    rubric.articles.append(object())
    reporter.articles.extend([object(), object()])
    assert (rubric.count, reporter.count, reporter.avatar, reporter.is_editor) == (1, 2, "NP", False)
    assert rubric.aliases == ["eko"] and rubric.description == "d"


def test_url_settings_mirror_pelicans_and_follow_a_change():
    settings = {"AUTHOR_URL": "a/{slug}/", "AUTHOR_SAVE_AS": "a/{slug}/index.html",
                "CATEGORY_URL": "c/{slug}/", "CATEGORY_SAVE_AS": "c/{slug}/index.html", "REPORTER_URL": "stale/"}
    fill_pelican_defaults(settings)
    assert (settings["REPORTER_URL"], settings["RUBRIC_SAVE_AS"]) == ("a/{slug}/", "c/{slug}/index.html")


def test_listings_hand_the_theme_their_feed_address(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    loaded, _ = _load(content, SITEURL="https://uji.example", FEED_DOMAIN="https://umpan.example",
                      AUTHOR_FEED_ATOM="umpan/orang/{slug}.atom.xml", CATEGORY_FEED_ATOM="umpan/rubrik/{slug}.xml",
                      CATEGORY_FEED_ATOM_URL="umpan/rubrik/{slug}/", REGION_FEED_ATOM="umpan/wilayah/{slug}.xml")
    reporter, rubric, region = loaded.reporters[0], loaded.rubrics[0], loaded.regions[0]
    assert reporter.feed_url == f"https://umpan.example/umpan/orang/{reporter.slug}.atom.xml"
    assert rubric.feed_url == f"https://umpan.example/umpan/rubrik/{rubric.slug}/"  # the _URL variant wins
    assert region.feed_url == f"https://umpan.example/umpan/wilayah/{region.slug}.xml"
    # No feed written (development settings): no address, and the theme prints no link.
    loaded, _ = _load(content, AUTHOR_FEED_ATOM=None, CATEGORY_FEED_ATOM=None, REGION_FEED_ATOM=None)
    assert (loaded.reporters[0].feed_url, loaded.rubrics[0].feed_url, loaded.regions[0].feed_url) == ("", "", "")
