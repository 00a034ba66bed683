"""Per-build state of the newsroom plugin.

Pelican has no "build started" object that readers, generators and signal receivers all share, so
the plugin keeps one `Newsroom` per build, begun when Pelican asks for generators (every run,
including each autoreload run) and reset there, so live reload never sees stale data.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import data, messages, paths, photos
from .messages import _
from .problems import ProblemLog
from .settings import newsroom_settings

_current: "Newsroom | None" = None


class Newsroom:
    def __init__(self, settings: dict):
        self.settings = settings
        self.config = newsroom_settings(settings)
        self.content_path = Path(settings["PATH"])
        messages.use(self.config["MESSAGES_LANGUAGE"] or messages.language_of(self.content_path, self.config["DATA_PATH"]))
        # Articles and pages the reader opened (also the ones it had to skip), for `invoke check`.
        self.files_read = {"articles": 0, "pages": 0}
        # The real path of the content folder: nothing outside it is ever read.
        self.content_root = paths.content_root(self.content_path)
        # Photos that decoded cleanly once, by path, size and time (photos.inspect).
        self.verified_photos = Path(settings.get("CACHE_PATH") or "cache") / "newsroom-photos" / "verified"
        self.problems = ProblemLog()
        self.data = data.load(self.content_path / self.config["DATA_PATH"], settings, self.problems,
                              root=self.content_root, check_photo=self.check_photo)
        self.unpublished = []
        self.source_files: dict[str, str] = {}  # absolute source path -> save_as of what it made

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
