"""Production settings: `pelican content -s publishconf.py` builds the complete public site."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = IDENTITY["SITEURL"]  # noqa: F405  (site.toml [site] url)
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/semua.atom.xml"
FEED_ALL_RSS = "feeds/semua.rss.xml"
CATEGORY_FEED_ATOM = "feeds/kategori/{slug}.atom.xml"
# One Atom feed per reporter, per rubric and per region: readers can follow just that.
AUTHOR_FEED_ATOM = "feeds/penulis/{slug}.atom.xml"
# newsroom plugin: one feed per region
REGION_FEED_ATOM = "feeds/wilayah/{slug}.atom.xml"
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = True

# Never publish by mistake: drafts are not written at all, and a story whose Date is still in
# the future (an embargo) becomes a draft until the first build after its time.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
WITH_FUTURE_DATES = False

NEWSROOM = {
    **NEWSROOM,  # noqa: F405
    "STRICT": True,
    "PREVIEW_UNPUBLISHED": False,
}
DELETE_OUTPUT_DIRECTORY = True
# safe_build plugin: build into .output.building and replace output/ only when the whole build
# succeeded; a failed or interrupted build leaves the last good site untouched.
ATOMIC_OUTPUT = True
