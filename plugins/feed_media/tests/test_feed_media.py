"""Every feed entry of an article with a photo carries the photo: Media RSS and, in Atom, the HTML."""

from __future__ import annotations

import io
from types import SimpleNamespace as NS

import feedparser
import pytest
from feedgenerator import Atom1Feed, Rss201rev2Feed
from lxml import etree

import feed_media
from newsroom.tests.conftest import FIXTURE, PUBLISH, build

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def photo():
    return NS(largest=("images/x-1200.jpg", 1200, 800), default=("images/x-800.jpg", 800, 533),
              alt='Daun "tembakau" <dijemur>', caption="Daun & batang", credit="Foto: <Redaksi>")


def feed_with(cls, photo_or_none):
    feed = cls(title="Uji", link="https://uji.example/", description="")
    feed.add_item(title="Satu", link="https://uji.example/berita/satu/?ref=feed", description="Ringkas",
                  content="<p>Isi.</p>" if cls is Atom1Feed else None)
    context = {"SITEURL": "https://uji.example",
               "articles": [NS(url="berita/satu/", photo=photo_or_none)]}
    feed_media.add_lead_images(context, feed)
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


@pytest.mark.parametrize("cls", [Atom1Feed, Rss201rev2Feed])
def test_entry_gets_media_content_with_escaped_text(cls):
    text = feed_with(cls, photo())
    assert not feedparser.parse(text).bozo
    root = etree.fromstring(text.encode())
    content = root.find(f".//{MEDIA}content")
    assert content.attrib == {"url": "https://uji.example/images/x-1200.jpg", "medium": "image",
                              "type": "image/jpeg", "width": "1200", "height": "800"}
    assert content.findtext(f"{MEDIA}description") == "Daun & batang"
    assert content.findtext(f"{MEDIA}credit") == "Foto: <Redaksi>"


def test_atom_content_starts_with_the_photo():
    root = etree.fromstring(feed_with(Atom1Feed, photo()).encode())
    html = root.find(f".//{ATOM}content").text
    assert html.startswith('<figure><img src="https://uji.example/images/x-800.jpg" width="800" height="533" '
                           'alt="Daun &quot;tembakau&quot; &lt;dijemur&gt;">')
    assert "<figcaption>Daun &amp; batang Foto: &lt;Redaksi&gt;</figcaption></figure><p>Isi.</p>" in html


def test_entry_without_photo_is_left_alone():
    text = feed_with(Atom1Feed, None)
    assert "media:content" not in text and "<figure>" not in text and "Isi." in text


def test_on_the_fixture_build_every_feed_parses_and_the_photo_story_has_its_image(tmp_path):
    site = build(PUBLISH, FIXTURE, tmp_path / "out", PLUGINS=["newsroom", "feed_media"],
                 FEED_ALL_RSS="feeds/semua.rss.xml", CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml")
    feeds = sorted((site / "feeds").glob("*.xml"))
    assert len(feeds) >= 3
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path.name, parsed.bozo_exception)
    parsed = feedparser.parse((site / "feeds" / "semua.atom.xml").read_bytes())
    panen = next(e for e in parsed.entries if e.link.endswith("/panen-tembakau-lotim/"))
    assert panen.media_content[0]["url"].startswith("https://uji.example/images/tembakau-")  # the largest size
    html = panen.content[0].value  # as feedparser gives it (attributes sorted)
    assert html.startswith("<figure><img ") and 'src="https://uji.example/images/tembakau-' in html
    others = [e for e in parsed.entries if e is not panen]
    assert others and all("media_content" not in e for e in others)
