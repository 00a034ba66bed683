"""feed_media: every feed entry carries its article's lead photo.

Feed readers and aggregators show a story with its picture when the entry names one. Pelican
hands every feed it builds to `feed_generated` before writing it; this plugin finds each entry's
article (by its link) and, when the article has a lead photo (the newsroom plugin's `photo`):

- adds a Media RSS element, `<media:content url=... medium="image" type=... width=... height=...>`
  with the caption as `<media:description>` and the credit as `<media:credit>`, to Atom entries
  and RSS items alike (the namespace is declared on the feed's root element);
- puts the photo, as a `<figure>` with its alternative text and caption, at the top of the HTML
  content of Atom entries (RSS items carry only the summary: RSS_FEED_SUMMARY_ONLY).

Every URL is absolute (SITEURL). Names and captions are escaped: what a reporter typed stays text.
Nothing here depends on the clock or on dictionary order, so feeds stay byte-for-byte reproducible.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import urlsplit, urlunsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed
from pelican import signals

MEDIA_NS = "http://search.yahoo.com/mrss/"
TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
KEY = "lead_image"


class _MediaFeed:
    """Adds each item's `lead_image` to a feedgenerator feed (the subclasses declare the namespace)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get(KEY)
        if not image:
            return
        handler.startElement("media:content", {
            "url": image["url"], "medium": "image", "type": image["type"],
            "width": str(image["width"]), "height": str(image["height"]),
        })
        if image["caption"]:
            handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
        if image["credit"]:
            handler.addQuickElement("media:credit", image["credit"])
        handler.endElement("media:content")


class MediaAtom1Feed(_MediaFeed, Atom1Feed):
    def root_attributes(self):  # <feed>
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}


class MediaRss201rev2Feed(_MediaFeed, Rss201rev2Feed):
    def rss_attributes(self):  # <rss>
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}


MEDIA_CLASSES = {Atom1Feed: MediaAtom1Feed, Rss201rev2Feed: MediaRss201rev2Feed}


def _key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))  # FEED_APPEND_REF adds ?ref=feed


def lead_image(photo, siteurl: str) -> dict:
    """The feed's view of a photo: the largest rendition, absolute."""
    url, width, height = photo.largest if hasattr(photo, "largest") else (photo.full_src, photo.full_width, photo.full_height)
    extension = posixpath.splitext(url)[1].lower()
    return {
        "url": f"{siteurl}/{url}",
        "type": TYPES.get(extension, "image/jpeg"),
        "width": width,
        "height": height,
        "alt": getattr(photo, "alt", "") or "",
        "caption": getattr(photo, "caption", "") or "",
        "credit": getattr(photo, "credit", "") or "",
        "default": f"{siteurl}/{photo.default[0]}" if hasattr(photo, "default") else f"{siteurl}/{url}",
        "default_size": (photo.default[1], photo.default[2]) if hasattr(photo, "default") else (width, height),
    }


def figure(image: dict) -> str:
    """The photo as the first thing in an Atom entry's content (escaped, absolute)."""
    esc = html.escape
    width, height = image["default_size"]
    caption = " ".join(filter(None, (image["caption"], image["credit"])))
    text = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="{esc(image["default"])}" width="{width}" height="{height}" '
            f'alt="{esc(image["alt"])}">{text}</figure>')


class _Articles:
    """Articles by absolute URL, rebuilt when the build's article list changes."""

    def __init__(self):
        self.owner = None
        self.by_url: dict = {}

    def lookup(self, context: dict) -> dict:
        articles = context.get("articles") or []
        if self.owner is not articles or len(self.by_url) != len(articles):
            siteurl = context.get("SITEURL", "")
            self.by_url = {_key(f"{siteurl}/{a.url}"): a for a in articles}
            self.owner = articles
        return self.by_url


_articles = _Articles()


def add_lead_images(context, feed) -> None:
    """feed_generated: give every entry of an article with a photo its lead image."""
    media_class = MEDIA_CLASSES.get(type(feed))
    if media_class is None:
        return  # another feed class (a plugin's own): left as it is
    feed.__class__ = media_class
    siteurl = context.get("SITEURL", "")
    by_url = _articles.lookup(context)
    for item in feed.items:
        article = by_url.get(_key(item.get("link") or ""))
        photo = getattr(article, "photo", None)
        if not photo:
            continue
        image = lead_image(photo, siteurl)
        item[KEY] = image
        if item.get("content"):
            item["content"] = figure(image) + item["content"]


def register():
    signals.feed_generated.connect(add_lead_images)
