"""Writes what Pelican has no generator for: the region index and pages, and the photos.

The photos (renditions, social cards: renditions.py) are made and put in place by a forked child
while the build goes on with the other generators and `finalized` (the sitemap, the search
index), and waited for before the site is complete (`wait_for_photos`, a `finalized` receiver
that runs before safe_build's swap): in a cold build of 5,000 stories without photos the 5,000
drawn cards took 8 s on both cores with the build process waiting, in a rebuild placing them took
0.3 s of the build process's own time. A failure in the child fails the build with its error.
NEWSROOM["WORKERS"] = 1, a platform without fork and the live preview make them in the build
process, as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from . import forked, identity, photos, renditions, security, state

_photos_child: tuple | None = None  # (its forked.Child, the build's newsroom state)


class NewsroomGenerator(Generator):
    def generate_context(self):
        self.newsroom = state.current(self.settings)
        pattern = self.settings["REGION_FEED_ATOM"]  # settings.PELICAN_DEFAULTS
        url = self.settings["REGION_FEED_ATOM_URL"] or pattern
        for region in self.newsroom.data.regions:
            region.feed = url.format(slug=region.slug) if pattern else None

    def generate_output(self, writer):
        newsroom = self.newsroom
        self.write_pages(writer)
        self.start_photos()
        self.write_identity()
        if newsroom.config["HEADERS_FILE"]:
            security.write_headers_file(Path(self.output_path), newsroom.config["HEADERS_FILE"])

    def write_pages(self, writer):
        """The region index, region pages and feeds: all through `writer` (the live preview records them)."""
        newsroom = self.newsroom
        settings = self.settings
        write = writer.write_file
        relative = settings["RELATIVE_URLS"]
        if settings.get("REGIONS_SAVE_AS"):
            write(settings["REGIONS_SAVE_AS"], self.get_template("regions"), self.context,
                  relative_urls=relative, template_name="regions", url=settings.get("REGIONS_URL", ""),
                  page_name="regions")
        template = self.get_template("region")
        for region in newsroom.data.regions:
            write(region.save_as, template, self.context, relative_urls=relative,
                  region=region, articles=region.articles, dates=region.articles,
                  template_name="region", url=region.url, page_name=region.page_name, blog=True,
                  all_articles=self.context.get("articles", []))
        self.write_region_feeds(writer)

    def write_identity(self):
        """The colours as CSS custom properties, the logo and the favicon, from site.toml."""
        data = self.newsroom.data
        colors = identity.colors_of(data.site)
        name = data.site.get("site", {}).get("name", "")
        folder = Path(self.output_path) / self.settings["THEME_STATIC_DIR"]
        files = {
            "css/identity.css": identity.stylesheet(colors),
            "img/logo.svg": identity.mark_svg(colors, title=name),
            "img/favicon.svg": identity.mark_svg(colors),
        }
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")

    def write_region_feeds(self, writer):
        """One Atom feed per region (REGION_FEED_ATOM), so readers can follow their own area."""
        pattern = self.settings["REGION_FEED_ATOM"]
        if not pattern:
            return
        for region in self.newsroom.data.regions:
            writer.write_feed(region.articles, self.context, pattern.format(slug=region.slug),
                              region.feed, feed_title=region.name)

    def start_photos(self) -> None:
        """write_photos() in a forked child (see the module docstring), or here."""
        global _photos_child
        wait_for_photos()  # a child left by a build of this process that stopped before the end
        newsroom = self.newsroom
        if (newsroom.config["WORKERS"] == 1 or not hasattr(os, "fork")
                or getattr(newsroom, "live_update", False)):
            self.write_photos()
            return
        signals.finalized.connect(wait_for_photos)  # once: connected after every plugin's receivers

        def work() -> bytes:
            self.write_photos()
            return str(newsroom.photos_made).encode()

        _photos_child = (forked.Child(work), newsroom)

    def write_photos(self):
        """Every picture of what is published (lead, body and reporter photos in every size and
        format, the social cards, the site's card), from the cache; new ones on every core."""
        newsroom = self.newsroom
        data = newsroom.data
        outputs = [photos.share_card_output(data.site.get("site", {}), data.site.get("colors", {}))]
        for item in getattr(newsroom, "photo_items", []):
            for photo in (getattr(item, "photo", None), *getattr(item, "body_photos", ())):
                if photo:
                    outputs += photo.outputs()
            card = getattr(item, "card", None)
            if card is not None:
                outputs.append(card.output)
        cache = Path(self.settings.get("CACHE_PATH") or "cache") / "newsroom-photos"
        newsroom.photos_made = renditions.publish(outputs, Path(self.output_path), cache,
                                                  newsroom.config["PHOTO_QUALITY"], newsroom.config["WORKERS"])


def wait_for_photos(*_sender) -> None:
    """finalized (and before a new child): wait for the photos' child; its failure fails the build."""
    global _photos_child
    if _photos_child is None:
        return
    child, newsroom = _photos_child
    _photos_child = None
    try:
        newsroom.photos_made = int(child.result() or 0)
    except forked.ChildFailed as error:
        raise RuntimeError(f"Making the photos in a worker process failed:\n{error}") from None
