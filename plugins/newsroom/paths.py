"""Every path that content names must stay inside the content folder.

Articles name files (`Image:`, `{static}`/`{filename}` links, a reporter's `photo`), and Pelican
follows symbolic links when it walks `content/`. A path that climbs out with `..`, an absolute
path, or a link that points outside the repository would let one committed file publish any file
the build machine can read. These helpers answer one question with a message a reporter can act
on; callers report it as a problem with the file and the field.
"""

from __future__ import annotations

import os
from pathlib import Path

from .messages import _
from .problems import display_path


class OutsideContent(ValueError):
    """The path leaves the content folder; str() is the message for the reporter."""


def content_root(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(path))


def resolve_inside(root: Path, rel: str, base: Path | None = None) -> Path:
    """The real path of `rel` (relative to `base`, default `root`) if it is inside `root`.

    `root` must already be a real path (content_root()). Raises OutsideContent when the path
    climbs out of the folder (`..`, absolute paths) or is a symbolic link (or inside a linked
    folder) whose target lies outside it.
    """
    base = root if base is None else Path(os.path.realpath(base))
    if "\x00" in rel:
        raise OutsideContent(_("'{path}' is not a valid path", path=rel))
    joined = Path(os.path.normpath(os.path.join(base, rel)))
    if not _within(joined, root):
        raise OutsideContent(_("'{path}' points outside the content folder ({root}); put the file inside it and "
                               "use a path relative to it", path=rel, root=display_path(root)))
    real = Path(os.path.realpath(joined))
    if not _within(real, root):
        raise OutsideContent(_("'{path}' is a symbolic link to {target}, outside the content folder; copy the file "
                               "into the content folder instead of linking to it", path=rel, target=display_path(real)))
    return real


def is_inside(root: Path, path: str | os.PathLike, real_dirs: dict[str, str] | None = None) -> bool:
    """Whether the real path of `path` (links followed) is inside `root` (a real path).

    `real_dirs` (a dict kept for one build) remembers the real path of each folder: the real path
    of a file that is not itself a symbolic link is that of its folder joined with its name, so
    the thousands of files of one folder cost one `lstat` each instead of one per path component.
    """
    real, top = real_path(path, real_dirs), os.fspath(root)
    # Both are real paths (normalised, absolute): as Path.is_relative_to, without making Paths.
    return real == top or real.startswith(top if top.endswith(os.sep) else top + os.sep)


def real_path(path: str | os.PathLike, real_dirs: dict[str, str] | None = None) -> str:
    """os.path.realpath(path), with the folders' real paths remembered in `real_dirs` (is_inside)."""
    if real_dirs is None:
        return os.path.realpath(path)
    # Not normalised: "link/.." must resolve the link first, as realpath does.
    folder, name = os.path.split(os.path.join(os.getcwd(), path) if not os.path.isabs(path) else os.fspath(path))
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real_folder = real_dirs.get(folder)
    if real_folder is None:
        try:  # strict: a folder behind a looping or dangling link is not remembered
            real_folder = real_dirs[folder] = os.path.realpath(folder, strict=True)
        except OSError:
            return os.path.realpath(path)
    return os.path.join(real_folder, name)


def _within(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)
