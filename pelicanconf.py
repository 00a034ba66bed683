"""Development settings of the portal.

Used by `invoke build`, `invoke serve` and `invoke livereload`. Production settings live in
publishconf.py, which imports everything from here and changes only what differs.
Everything about the newsroom itself (regions, reporters, rubrics, site identity) lives in
content/data/*.toml, not here.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Our plugins are plain packages under plugins/; make them importable for pelican and invoke.
if str(HERE / "plugins") not in sys.path:
    sys.path.insert(0, str(HERE / "plugins"))

from newsroom.identity import site_settings  # noqa: E402
from newsroom.settings import ARTICLES_FOLDER  # noqa: E402

PATH = "content"
THEME = "theme"
OUTPUT_PATH = "output"

# The site's name, language and time zone are the chapter's: content/data/site.toml [site].
IDENTITY = site_settings(HERE / PATH / "data" / "site.toml")
SITENAME = IDENTITY["SITENAME"]
TIMEZONE = IDENTITY["TIMEZONE"]
DEFAULT_LANG = IDENTITY["DEFAULT_LANG"]
SITEURL = ""
RELATIVE_URLS = False
DEFAULT_DATE_FORMAT = "%d-%m-%Y %H:%M"

# --- Content locations -------------------------------------------------------------------------
ARTICLE_PATHS = [ARTICLES_FOLDER]
PAGE_PATHS = ["halaman"]
# Photos are published by the newsroom plugin only when a published article uses them, so a
# draft's or an embargoed story's photo never leaks; images/ is therefore not a static path.
STATIC_PATHS = ["extra"]
IGNORE_FILES = [".#*", "README.md", "*.toml"]
# The file name is the slug: editing a headline never breaks a link that has been shared.
SLUGIFY_SOURCE = "basename"
DEFAULT_CATEGORY = ""
USE_FOLDER_AS_CATEGORY = False
DELETE_OUTPUT_DIRECTORY = True
TYPOGRIFY = True
# Keep widont (no lone last word) and &amp;; quotes come from Markdown's smarty extension,
# and caps/initial-quote spans would only add bytes.
TYPOGRIFY_OMIT_FILTERS = ["smartypants", "caps", "initial_quotes"]
SUMMARY_MAX_LENGTH = 40
DEFAULT_PAGINATION = 12
PAGINATED_TEMPLATES = {
    "index": None,
    "tag": None,
    "category": None,
    "author": None,
    "region": None,
}

# Every value a template prints is escaped unless the plugin hands it over as safe markup (the
# sanitised article body, the standfirst, typogrified titles): a new template is safe by default.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

# Two stories may share a file name (slug) in different months: they are different stories with
# different URLs, never "translations" of each other (Pelican groups translations by slug).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Header values are plain text, the Summary too (Pelican would run it through Markdown): what a
# reporter types is what readers see, never markup.
FORMATTED_FIELDS = []

# Only Markdown: the reStructuredText reader is switched off.
READERS = {"rst": None}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# --- URL scheme: pretty URLs, stable forever because news links get shared -------------------
ARTICLE_URL = "berita/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "berita/{date:%Y}/{date:%m}/{slug}/index.html"
ARTICLE_LANG_URL = "berita/{date:%Y}/{date:%m}/{slug}/{lang}/"
ARTICLE_LANG_SAVE_AS = "berita/{date:%Y}/{date:%m}/{slug}/{lang}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{slug}/{lang}/"
DRAFT_LANG_SAVE_AS = "drafts/{slug}/{lang}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{slug}/{lang}/"
PAGE_LANG_SAVE_AS = "{slug}/{lang}/index.html"
DRAFT_PAGE_URL = "drafts/halaman/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/halaman/{slug}/index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = "penulis/{slug}/index.html"
AUTHORS_URL = "penulis/"
AUTHORS_SAVE_AS = "penulis/index.html"
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = "kategori/{slug}/index.html"
CATEGORIES_URL = "kategori/"
CATEGORIES_SAVE_AS = "kategori/index.html"
TAG_URL = "topik/{slug}/"
TAG_SAVE_AS = "topik/{slug}/index.html"
TAGS_URL = "topik/"
TAGS_SAVE_AS = "topik/index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = "arsip/index.html"
YEAR_ARCHIVE_URL = "arsip/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "arsip/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "arsip/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "arsip/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
# Our own taxonomy (newsroom plugin): regions.
REGION_URL = "wilayah/{slug}/"
REGION_SAVE_AS = "wilayah/{slug}/index.html"
REGIONS_URL = "wilayah/"
REGIONS_SAVE_AS = "wilayah/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
)
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "authors", "categories", "tags", "archives", "search", "404", "robots"]
# robots.txt names the sitemaps at the site's own address (theme/templates/robots.html).
ROBOTS_SAVE_AS = "robots.txt"
SEARCH_URL = "cari/"
SEARCH_SAVE_AS = "cari/index.html"
TEMPLATE_PAGES = {}

# Development: no feeds (publishconf turns them on), editors see drafts and embargoed stories.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
WITH_FUTURE_DATES = True

# --- Plugins --------------------------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "newsroom",
    "safe_build",
    "pelican.plugins.neighbors",
    "pelican.plugins.sitemap",
    "search",
    "news_sitemap",  # sitemap-news.xml for Google News
    "feed_media",  # the lead photo in every feed entry
    "webapp",  # web app manifest and app icons
]

# Settings of our newsroom plugin (plugins/newsroom/settings.py documents and defaults each key).
NEWSROOM = {
    "DATA_PATH": "data",
    # Development: report problems loudly and keep building; publishconf makes them fatal.
    "STRICT": False,
    # Editors see drafts and embargoed stories in development, marked DRAF / EMBARGO.
    "PREVIEW_UNPUBLISHED": True,
}

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.8, "indexes": 0.5, "pages": 0.3},
    "changefreqs": {"articles": "daily", "indexes": "hourly", "pages": "monthly"},
    "exclude": ["^drafts/", "^404", "^robots\\.txt$"],
}
