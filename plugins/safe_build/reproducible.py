"""Same content, same bytes: the build time never reaches the site.

Two publish builds of one commit must give identical files, so that a rebuild (CI rebuilds
hourly for embargoes) changes only what a story changed, and a deploy can be checked against a
local build. Comparing two builds found the build time in two places outside our plugins:

- pelican-sitemap dates index pages (home, rubrics, regions, archives: anything that is not an
  article or a page) with the time its module was imported (`SitemapGenerator.now`). An index
  page changes when a story in it is published or corrected, so the right `lastmod` is the
  newest published article's `modified` (or `date`): a crawler then revisits listings after
  each new or corrected story, and only then. (Per-listing dates would be finer, but the plugin
  has one value for all of them; a value that moves on every build makes crawlers ignore it.)
- feedgenerator dates a feed that has no entries (a region without a story yet) with the time
  of writing. The same newest-article date is used, through a Writer that changes only that.

Without any published article, SOURCE_DATE_EPOCH (the reproducible-builds convention) is used if
set; otherwise the build time stays (an empty site has nothing to be reproducible about).

A build that failed in a long-lived process (`pelican -r`, tests) also leaves pelican-sitemap
holding the failed build's pages and Pelican instance, so the next sitemap would list stale
pages or not be written at all; `forget_failed_build` clears that.
"""

from __future__ import annotations

import datetime
import os
import sys

from pelican.writers import Writer

SITEMAP_MODULE = "pelican.plugins.sitemap.sitemap"

_newest: datetime.datetime | None = None


def newest_change(articles) -> datetime.datetime | None:
    """When the newest published article last changed: its `modified`, else its `date`."""
    published = (a for a in articles if getattr(a, "status", "published") == "published"
                 and getattr(a, "state", "published") == "published")  # newsroom: not embargoed
    dates = [getattr(a, "modified", None) or a.date for a in published]
    if dates:
        return max(dates)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    return None


def _sitemap():
    return getattr(sys.modules.get(SITEMAP_MODULE), "generator", None)


def date_from_content(generator) -> None:
    """article_generator_finalized: fix the date of index pages and empty feeds."""
    global _newest
    _newest = newest_change([*generator.articles, *generator.translations])
    sitemap = _sitemap()
    if sitemap is not None and _newest is not None:
        sitemap.now = _newest


def forget_failed_build(pelican) -> None:
    """Drop what pelican-sitemap kept from a build that never reached `finalized` (a failed
    build, or `invoke check`, which reads everything and writes nothing): otherwise the next build
    in this process would belong to another Pelican instance and write no sitemap."""
    sitemap = _sitemap()
    if sitemap is not None and getattr(sitemap, "_main_pelican", None) not in (None, pelican):
        sitemap.page_queue = []
        sitemap._main_pelican = pelican


class ReproducibleWriter(Writer):
    """Pelican's Writer, except that a feed without entries is dated by the content, not the clock."""

    def _create_new_feed(self, *args, **kwargs):
        feed = super()._create_new_feed(*args, **kwargs)
        clock = feed.latest_post_date

        def latest_post_date():
            dated = any(item.get("updateddate") or item.get("pubdate") for item in feed.items)
            return clock() if dated or _newest is None else _newest

        feed.latest_post_date = latest_post_date
        return feed
