"""Per-build state of the newsroom plugin.

Pelican has no "build started" object that readers, generators and signal receivers all share, so
the plugin keeps one `Newsroom` per build, begun when Pelican asks for generators (every run,
including each autoreload run) and reset there, so live reload never sees stale data.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import data
from .problems import ProblemLog
from .settings import newsroom_settings

_current: "Newsroom | None" = None


class Newsroom:
    def __init__(self, settings: dict):
        self.settings = settings
        self.config = newsroom_settings(settings)
        self.content_path = Path(settings["PATH"])
        self.problems = ProblemLog()
        self.data = data.load(self.content_path / self.config["DATA_PATH"], settings, self.problems)
        self.unpublished = []
        self.source_files: dict[str, str] = {}  # absolute source path -> save_as of what it made

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
