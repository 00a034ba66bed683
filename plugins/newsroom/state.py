"""Per-build state of the newsroom plugin.

Pelican has no "build started" object that readers, generators and signal receivers all share, so
the plugin keeps one `Newsroom` per build, begun when Pelican asks for generators (every run,
including each autoreload run) and reset there, so live reload never sees stale data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import data, messages, paths, photos
from .messages import _
from .problems import ProblemLog
from .settings import fill_pelican_defaults, newsroom_settings

_current: "Newsroom | None" = None


@dataclass
class View:
    """What every template gets as `newsroom` (theme/README.md documents each field)."""

    site: dict
    regions: list
    rubrics: list
    reporters: list
    share_image: Any
    logo: Any  # the mark as inline SVG markup
    csp: Any
    referrer_policy: str
    contact: list = field(default_factory=list)  # the publisher's e-mail, phone, WhatsApp links
    standing_pages: list = field(default_factory=list)
    home: Any = None
    tags: list = field(default_factory=list)
    archive: list = field(default_factory=list)
    archive_by_year: dict = field(default_factory=dict)
    unpublished: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    corrections_latest: list = field(default_factory=list)
    jsonld_home: list = field(default_factory=list)


class Newsroom:
    def __init__(self, settings: dict):
        self.settings = settings
        fill_pelican_defaults(settings)  # also when a build is begun lazily (state.current)
        self.config = newsroom_settings(settings)
        self.content_path = Path(settings["PATH"])
        messages.use(self.config["MESSAGES_LANGUAGE"] or messages.language_of(self.content_path, self.config["DATA_PATH"]))
        # Articles and pages the reader opened (also the ones it had to skip), for `invoke check`.
        self.files_read = {"articles": 0, "pages": 0}
        # The real path of the content folder: nothing outside it is ever read.
        self.content_root = paths.content_root(self.content_path)
        self.real_dirs: dict[str, str] = {}  # folder -> its real path, for this build (paths.is_inside)
        self.site_parts = None  # reuse._site_parts: the code's digest and the content listing, once a build
        self.tags_by_name: dict[str, Any] = {}  # a topic's name in a header -> its Tag (reader.py)
        # Photos that decoded cleanly once, by path, size and time (photos.inspect).
        self.verified_photos = Path(settings.get("CACHE_PATH") or "cache") / "newsroom-photos" / "verified"
        self.problems = ProblemLog()
        self.data = data.load(self.content_path / self.config["DATA_PATH"], settings, self.problems,
                              root=self.content_root, check_photo=self.check_photo)
        # Filled in as the build goes, in this order (see __init__.py for who fills what):
        self.checked_paths: set[str] = set()  # absolute paths of the files the reader checked
        self.source_digests: dict[str, str] = {}  # absolute path -> SHA-256 of the bytes read (reuse.py)
        self.bodies_read: dict[str, str] = {}  # absolute path -> the body the reader handed Pelican (parsed.py)
        self.bodies = None  # bodies.Bodies: the converted bodies of this build (bodies.of)
        self.parsed = None  # parsed.Parsed: the stories taken from the cache of stories read
        self.view: View | None = None  # what templates get as `newsroom` (generator_init)
        self.preview = False  # drafts and embargoed stories are shown, marked (development builds)
        self.photo_items: list = []  # articles and reporters whose photos are published
        self.pages: list = []  # the published standing pages
        # A live preview update (preview.py): unchanged articles come from memory, pages are rendered
        # on request; the body cache is neither prefetched nor saved, no page is written here.
        self.live_update = False

    def check_photo(self, rel: str) -> tuple[int, int]:
        """Size of a photo named relative to the content folder, or ValueError with the problem."""
        try:
            real = paths.resolve_inside(self.content_root, rel)
        except paths.OutsideContent as exc:
            raise ValueError(_("photo {problem}", problem=exc)) from None
        if not real.is_file():
            raise ValueError(_("'{path}' does not exist; the path is relative to the content folder", path=rel))
        try:
            return photos.inspect(real, self.config["PHOTO_MAX_PIXELS"], self.verified_photos)
        except photos.PhotoProblem as exc:
            raise ValueError(_("photo '{value}' {problem}", value=rel, problem=exc)) from None

    @property
    def strict(self) -> bool:
        return bool(self.config["STRICT"])

    def images_root(self) -> Path:
        return self.content_path / self.config["IMAGES_PATH"]


def begin(settings: dict) -> Newsroom:
    global _current
    _current = Newsroom(settings)
    return _current


def current(settings: dict) -> Newsroom:
    """The state of the build that `settings` belongs to (begun lazily if needed)."""
    if _current is None or _current.settings is not settings and not _same(_current.settings, settings):
        return begin(settings)
    return _current


def _same(a: dict, b: dict) -> bool:
    return os.path.abspath(a.get("PATH", "")) == os.path.abspath(b.get("PATH", "")) and a.get(
        "NEWSROOM"
    ) == b.get("NEWSROOM")
