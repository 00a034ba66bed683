"""The NEWSROOM setting: one dict, defaults filled in one place, wrong values reported clearly."""

from __future__ import annotations

# Where `invoke new` and `invoke import-text` put a new article, under the content folder
# (pelicanconf.py's ARTICLE_PATHS starts with it).
ARTICLES_FOLDER = "berita"

DEFAULTS = {
    # Folder of the newsroom data files, relative to PATH (the content folder).
    "DATA_PATH": "data",
    # Language of the messages reporters and editors read (problems, checks): "" means the
    # `language` of site.toml; "en" gives English. NEWSROOM_LANG in the environment wins.
    "MESSAGES_LANGUAGE": "",
    # Strict builds (publish, CI) stop before writing anything when content has problems.
    "STRICT": False,
    # `invoke check` (check.py): run Pelican as a build does, and stop it once every file has been
    # read and checked, before anything is written.
    "CHECK_ONLY": False,
    # Development builds show drafts and embargoed stories to editors, clearly marked.
    "PREVIEW_UNPUBLISHED": True,
    # Header fields every article must have (lower case, as Pelican stores them).
    "REQUIRED_FIELDS": ("title", "date", "authors", "region", "category"),
    # Folder, relative to PATH, that holds article photos (never copied as a whole).
    "IMAGES_PATH": "images",
    # Widths (px) of the photo renditions written for srcset; the largest is never upscaled.
    "PHOTO_WIDTHS": (480, 800, 1200, 1600),
    "PHOTO_QUALITY": 78,
    # Formats served through <picture> before the JPEG (or PNG) every browser reads: "WEBP",
    # "AVIF" (see renditions.py for the figures behind the choice).
    "PHOTO_FORMATS": ("WEBP",),
    # Limits, each with a clear message: a photo above this many pixels is refused before it is
    # decoded (a phone photo is 12 to 50 megapixels); a headline longer than this many characters;
    # an article file larger than this many bytes.
    "PHOTO_MAX_PIXELS": 50_000_000,
    "TITLE_MAX_LENGTH": 150,
    "BODY_MAX_BYTES": 300_000,
    # Links to other sites get rel="noopener"; True adds "nofollow" (the editors' choice).
    "EXTERNAL_LINKS_NOFOLLOW": False,
    # Security headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages); "" for none.
    "HEADERS_FILE": "_headers",
    # Words per minute for the reading time shown on article pages.
    "READING_WPM": 200,
    # How many related stories an article page lists.
    "RELATED_COUNT": 4,
    # Home page: how many latest stories, and how many per rubric and per region block.
    "HOME_LATEST": 8,
    "HOME_PER_RUBRIC": 4,
    "HOME_PER_REGION": 1,
    # Order of the standing pages in the footer (page slugs); others follow by title.
    "STANDING_PAGES": (
        "tentang-kami",
        "redaksi",
        "pedoman-media-siber",
        "kode-etik-jurnalistik",
        "koreksi-dan-hak-jawab",
        "kontak",
    ),
    # Article bodies (Markdown, then the sanitiser) are converted by this many worker processes
    # when many files are new (0: one per CPU; 1: none), and cached by content in CACHE_PATH
    # (bodies.py); the checks of every file run on every build either way.
    "WORKERS": 0,
    "CONTENT_CACHE": True,
    # Share targets in the order readers in Indonesia use them.
    "SHARE": ("whatsapp", "facebook", "x", "telegram", "email"),
}


# Pelican-level settings the plugin relies on, filled in when a site does not set them.
PELICAN_DEFAULTS = {
    # One Atom feed per region when set (publishconf.py), e.g. "feeds/wilayah/{slug}.atom.xml";
    # REGION_FEED_ATOM_URL its URL when it differs.
    "REGION_FEED_ATOM": None,
    "REGION_FEED_ATOM_URL": None,
    "REGION_URL": "wilayah/{slug}/",
    "REGION_SAVE_AS": "wilayah/{slug}/index.html",
    "REGIONS_URL": "wilayah/",
    "REGIONS_SAVE_AS": "wilayah/index.html",
}


# Pelican names a URLWrapper's URL settings after its class: our `data.Reporter` (an `Author`)
# reads REPORTER_URL, `data.Rubric` (a `Category`) RUBRIC_URL. They are the author and category
# pages, so those settings always mirror Pelican's own; change AUTHOR_* / CATEGORY_*.
MIRRORED_URL_SETTINGS = {"REPORTER": "AUTHOR", "RUBRIC": "CATEGORY"}


def fill_pelican_defaults(settings: dict) -> None:
    for key, value in PELICAN_DEFAULTS.items():
        settings.setdefault(key, value)
    for ours, pelicans in MIRRORED_URL_SETTINGS.items():
        for suffix in ("URL", "SAVE_AS"):
            if f"{pelicans}_{suffix}" in settings:
                settings[f"{ours}_{suffix}"] = settings[f"{pelicans}_{suffix}"]
    paginated = settings.setdefault("PAGINATED_TEMPLATES", {})
    paginated.setdefault("region", None)


class SettingsError(ValueError):
    pass


def newsroom_settings(settings: dict) -> dict:
    """Return NEWSROOM with defaults filled in; reject keys we do not know."""
    given = settings.get("NEWSROOM") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            f"NEWSROOM setting has unknown key(s) {', '.join(unknown)}; "
            f"known keys are {', '.join(sorted(DEFAULTS))}"
        )
    merged = {**DEFAULTS, **given}
    merged["REQUIRED_FIELDS"] = tuple(f.lower() for f in merged["REQUIRED_FIELDS"])
    return merged
