"""The build's own cache files (bodies, stories read, page record): read leniently, written atomically.

Each is a pickled dict in CACHE_PATH. A missing, damaged or foreign file is an empty cache (a
colder build), never a failure; a file is replaced whole (a temporary beside it, then
os.replace), so a build reading it at the same moment sees the old one or the new one.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

logger = logging.getLogger(__name__)


def load(path: Path | None, what: str) -> dict:
    """The dict stored at `path`, or {} (`what` names it in the info line about a bad file)."""
    if path is None:
        return {}
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)
    except FileNotFoundError:
        return {}
    except Exception as exc:  # noqa: BLE001 (damaged, foreign, from another version: start empty)
        logger.info("newsroom: %s %s not used (%s)", what, path, exc)
        return {}
    return stored if isinstance(stored, dict) else {}


def save(path: Path, data: dict, what: str) -> bool:
    """Replace the file at `path` with `data`; False (and an info line) if it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with temporary.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return True
    except OSError as exc:
        logger.info("newsroom: %s not saved (%s)", what, exc)
        return False
