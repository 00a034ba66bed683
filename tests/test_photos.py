"""Photos on the built site: a phone photo with an EXIF turn and GPS as a lead photo, social cards
for every article, and a second publish build that processes no image."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import ROOT, build_site, parse

sys.path.insert(0, str(ROOT / "plugins"))  # as pelicanconf.py does
from newsroom.tests.phone_photos import GPS, assert_no_metadata, phone_photo  # noqa: E402

PHOTO = "images/uji/ponsel-uji.jpg"
REPORTER = "images/uji/wartawan-uji.jpg"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample content with its oldest illustrated story's photo replaced by a 4000x3000 phone
    JPEG (turned by EXIF, with GPS), built twice with publishconf.py into the same output folder."""
    work = tmp_path_factory.mktemp("photos")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    phone_photo(content / PHOTO)
    stories = []
    for path in (content / "berita").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        date = re.search(r"^Date:\s*(.+)$", text, re.M)
        if re.search(r"^Image:", text, re.M) and not re.search(r"^Status:\s*draft", text, re.M | re.I) and date:
            stories.append((date.group(1), path, text))
    _, story, text = min(stories)
    # Its text links the photo file itself too: the link must not publish the original.
    text = re.sub(r"^Image:.*$", f"Image: {PHOTO}", text, count=1, flags=re.M)
    story.write_text(f"{text.rstrip()}\n\n[Foto ukuran penuh]({{static}}/{PHOTO})\n", encoding="utf-8")
    # Its first reporter gets a photo too (a small one, upright, with GPS).
    author = re.search(r"^Authors?:\s*([^,\n]+)", text, re.M).group(1).strip()
    for profile in (content / "data" / "authors").glob("*.toml"):
        if re.search(rf'^name\s*=\s*"{re.escape(author)}"', profile.read_text(encoding="utf-8"), re.M):
            profile.write_text(profile.read_text(encoding="utf-8") + f'photo = "{REPORTER}"\n', encoding="utf-8")
            break
    else:
        pytest.fail(f"no profile for {author}")
    phone_photo(content / REPORTER, size=(600, 800), orientation=1)
    out = work / "output"
    build_site("publishconf.py", out, content)
    first = renditions(out)
    build_site("publishconf.py", out, content)  # the publish settings clear the output folder
    return out, first


def renditions(out: Path) -> dict[Path, int]:
    """Modification times of what the photo pipeline publishes (the images/ folder)."""
    return {p: p.stat().st_mtime_ns for p in (out / "images").rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES}


def article_pages(out: Path):
    for page in out.rglob("index.html"):
        tree = parse(page)
        if tree.css_first('meta[property="og:type"][content="article"]'):
            yield page, tree


def local(out: Path, url: str) -> Path:
    return out / re.sub(r"^https?://[^/]+/", "", url)


def test_the_phone_photo_is_served_upright_in_webp_and_jpeg_widths(site):
    out, _ = site
    pages = [t for _, t in article_pages(out)
             if "ponsel-uji" in t.css_first('meta[property="og:image"]').attributes["content"]]
    assert len(pages) == 1, "the story with the phone photo was published, with its photo's card"
    picture = pages[0].css_first("figure.story-photo picture")
    assert "ponsel-uji" in picture.html
    webp = picture.css_first('source[type="image/webp"]')
    entries = [e.split() for e in webp.attributes["srcset"].split(",")]
    assert len(entries) >= 3
    img = picture.css_first("img")
    assert img.attributes["width"] == "3000" and img.attributes["height"] == "4000"
    assert img.attributes.get("fetchpriority") == "high" and "loading" not in img.attributes
    for url, width in entries:
        with Image.open(local(out, url)) as im:
            assert im.format == "WEBP" and im.width == int(width[:-1])
            assert im.height > im.width, "upright (a portrait), as the EXIF flag says"
    for url, _ in (e.split() for e in img.attributes["srcset"].split(",")):
        with Image.open(local(out, url)) as im:
            assert im.format == "JPEG" and im.height > im.width
    assert not any(out.rglob("ponsel-uji.jpg")), "the original is never published"
    # The link to the photo file opens its largest rendition (same picture, no metadata).
    [link] = [a for a in pages[0].css("article a") if "ponsel-uji" in a.attributes.get("href", "")]
    with Image.open(local(out, link.attributes["href"])) as im:
        assert im.format == "JPEG" and im.size == (1200, 1600)


def test_no_published_image_carries_metadata(site):
    out, _ = site
    images = [p for p in out.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len(images) > 10
    for path in images:
        if path.suffix.lower() in (".jpg", ".jpeg", ".webp"):
            assert_no_metadata(path)
        with Image.open(path) as im:
            assert not im.getexif().get_ifd(GPS), path


def test_every_article_has_its_own_card(site):
    out, _ = site
    share = {}
    pages = list(article_pages(out))
    assert pages
    for page, tree in pages:
        og = tree.css_first('meta[property="og:image"]').attributes["content"]
        twitter = tree.css_first('meta[name="twitter:image"]').attributes["content"]
        assert og == twitter
        assert tree.css_first('meta[property="og:image:width"]').attributes["content"] == "1200"
        assert tree.css_first('meta[property="og:image:height"]').attributes["content"] == "630"
        with Image.open(local(out, og)) as card:
            assert card.size == (1200, 630), page
        share.setdefault(og, []).append(page)
    site_card = parse(out / "index.html").css_first('meta[property="og:image"]').attributes["content"]
    assert site_card not in share, "no article falls back to the site's card"


def test_a_second_build_processes_no_image(site):
    out, first = site
    now = renditions(out)
    assert len(now) > 20 and now.keys() == first.keys()
    changed = [str(p) for p in now if now[p] != first[p]]
    assert not changed, f"made or copied again: {changed[:5]}"


def test_the_reporter_photo_is_served_in_webp_and_jpeg_on_the_byline_and_the_reporter_page(site):
    out, _ = site
    story = next(t for _, t in article_pages(out)
                 if "ponsel-uji" in t.css_first('meta[property="og:image"]').attributes["content"])
    byline = [n for n in story.css(".byline-author") if n.css_first("picture")]
    assert byline, "the reporter's photo is in the byline"
    reporter_page = local(out, byline[0].css_first("a").attributes["href"]) / "index.html"
    for tree in (story, parse(reporter_page)):
        picture = next(n for n in tree.css("picture") if "wartawan-uji" in n.html)
        assert picture.css_first('source[type="image/webp"]') is not None
        for node in (picture.css_first("source"), picture.css_first("img")):
            for entry in node.attributes["srcset"].split(","):
                assert local(out, entry.split()[0]).is_file()
    assert not any(out.rglob("wartawan-uji.jpg")), "the original is never published"
