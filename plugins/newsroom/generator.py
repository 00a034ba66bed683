"""Writes what Pelican has no generator for: the region index and pages, and the photos."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from . import identity, photos, renditions, security, state


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
        self.write_photos()
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
