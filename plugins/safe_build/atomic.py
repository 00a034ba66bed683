"""Build into a staging folder; put it in the output folder's place only when the build is over.

Pelican empties the output folder before it reads a single article, so a build that stops (a
strict content check, a template error, Ctrl-C) leaves an empty or half-written site where the
last good one was. Here the build writes into `.output.building` beside `output` (same parent
folder, so the same file system: every step below is a rename), and the swap at the very end
is: retained items (OUTPUT_RETENTION, e.g. `.git`) move from the old site into the new one,
`output` becomes `.output.previous`, `.output.building` becomes `output`, the previous site is
deleted. If any rename fails, or Ctrl-C arrives meanwhile, the renames done so far are undone.
A build killed mid-swap (SIGKILL, power loss) is repaired by the next build (`recover`).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from newsroom.messages import _

from . import interrupt

logger = logging.getLogger(__name__)


class UnsafeOutput(ValueError):
    """ATOMIC_OUTPUT cannot be used with this output folder."""


@dataclass(frozen=True)
class Folders:
    output: Path  # the real output folder (symbolic links resolved: the target is what is replaced)
    staging: Path  # where the build writes
    previous: Path  # where the old site waits during the swap

    @classmethod
    def beside(cls, output: str | os.PathLike) -> Folders:
        real = Path(os.path.realpath(output))
        return cls(real, real.with_name(f".{real.name}.building"), real.with_name(f".{real.name}.previous"))


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def refuse_unsafe(folders: Folders, settings: dict) -> None:
    """The output folder is renamed as a whole: it must not contain the content or the theme."""
    output = folders.output
    if output.parent == output:
        raise UnsafeOutput(f"ATOMIC_OUTPUT: the output folder {output} is a file system root; "
                           "use a folder inside it")
    for key in ("PATH", "THEME"):
        value = settings.get(key)
        if value and os.path.isdir(value) and Path(os.path.realpath(value)).is_relative_to(output):
            raise UnsafeOutput(
                f"ATOMIC_OUTPUT: the output folder {output} contains {key} ({value}); the whole output "
                "folder is replaced at the end of a build, so write the site to a folder of its own "
                "(OUTPUT_PATH / -o)"
            )


def recover(folders: Folders) -> None:
    """Clean up after a build that stopped early; put the old site back if a swap was cut short."""
    if _exists(folders.previous):
        if not _exists(folders.output):
            os.rename(folders.previous, folders.output)
            logger.warning(_("Put back the site a stopped build had moved aside: {output}", output=folders.output))
        else:
            shutil.rmtree(folders.previous)
    if _exists(folders.staging):
        shutil.rmtree(folders.staging)


def prepare(folders: Folders, keep_existing: bool) -> None:
    """An empty staging folder, or a copy of the site when DELETE_OUTPUT_DIRECTORY is off
    (then, as without staging, files the build does not write again are kept)."""
    if _exists(folders.staging):
        shutil.rmtree(folders.staging)
    if keep_existing and folders.output.is_dir():
        shutil.copytree(folders.output, folders.staging, symlinks=True)
    else:
        folders.staging.mkdir(parents=True)


def swap(folders: Folders, retention) -> None:
    """Put the staging folder in place of the output folder, or leave everything as it was."""
    done: list[tuple[Path, Path]] = []

    def move(source: Path, target: Path) -> None:
        os.rename(source, target)
        done.append((source, target))

    with interrupt.deferred() as interrupted:
        try:
            if _exists(folders.output):
                for name in retention:
                    kept, fresh = folders.output / name, folders.staging / name
                    # Something the build wrote under that name wins over the old one.
                    if _exists(kept) and not _exists(fresh):
                        move(kept, fresh)
                move(folders.output, folders.previous)
            move(folders.staging, folders.output)
            if interrupted():
                raise interrupt.BuildInterrupted()
        except BaseException:
            _undo(done)
            raise
    shutil.rmtree(folders.previous, ignore_errors=True)


def _undo(done: list[tuple[Path, Path]]) -> None:
    for source, target in reversed(done):
        try:
            os.rename(target, source)
        except OSError as exc:
            logger.critical(_("Could not move {target} back to {source} ({error}): move it back by hand",
                              target=target, source=source, error=exc))
