"""Build into a staging folder; put it in the output folder's place only when the build is over.

Pelican empties the output folder before it reads a single article, so a build that stops (a
strict content check, a template error, Ctrl-C) leaves an empty or half-written site where the
last good one was. Here the build writes into `.output.building` beside `output` (same parent
folder, so the same file system: every step below is a rename), and the swap at the very end
is: retained items (OUTPUT_RETENTION, e.g. `.git`) move from the old site into the new one,
`output` becomes `.output.previous`, `.output.building` becomes `output`, the previous site is
kept as the spare tree. If any rename fails, or Ctrl-C arrives meanwhile, the renames done so far
are undone. A build killed mid-swap (SIGKILL, power loss) is repaired by the next build (`recover`).

The spare tree (`.output.spare`): creating and deleting a site's thousands of folders (one per
story) is what costs most on a rebuild here (about 1 ms to make a folder, several to remove one
on this kind of disk, against a tenth of that to remove a file). So the site a swap replaces is
not deleted: it waits beside as the spare, and the next build's staging folder is that tree with
every file removed and its folders kept (`prepare`); before the swap, the kept folders the new
build left empty are removed (`prune`), so the new site is exactly what an empty staging folder
would have given. Most of the spare's files are hard links shared with the site in place (pages
taken from the last site, newsroom/reuse.py), so it costs little disk, and removing them costs
nothing to the live site. Deleting the spare (or any of these folders) only makes the next
build slower. When there is no spare (the first build after a cold one), a forked child makes
one of folders only, the live site's, while the build reads its content: the first rebuild then
does not wait on thousands of new folders either.
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
    spare: Path  # the site before, kept after the swap for its folders (see the module docstring)

    @classmethod
    def beside(cls, output: str | os.PathLike) -> Folders:
        real = Path(os.path.realpath(output))
        return cls(real, real.with_name(f".{real.name}.building"), real.with_name(f".{real.name}.previous"),
                   real.with_name(f".{real.name}.spare"))


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


class Emptying:
    """The spare tree emptied of its files by a forked child while the build reads its content
    (removing thousands of files is waiting on the disk, not work for the processor); or, with
    `like` (the live site) and no spare, a spare of folders only made like it."""

    def __init__(self, spare: Path, like: Path | None = None):
        self.spare = spare
        self.pid = None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: empty the tree, send its folders, leave without any exit handler
            code = 1
            try:
                os.close(read_end)
                made = _empty(spare) if like is None else _folders_like(like, spare)
                names = "\0".join(sorted(made)).encode("utf-8", "surrogateescape")
                with os.fdopen(write_end, "wb") as fh:
                    fh.write(names)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end

    def result(self) -> set[str] | None:
        """Wait for the child: the tree's folders, or None if it could not empty it."""
        if self.pid is None:
            return None
        pid, self.pid = self.pid, None
        with os.fdopen(self.read_end, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            return None
        names = data.decode("utf-8", "surrogateescape")
        return set(names.split("\0")) if names else set()


def start_emptying(folders: Folders) -> Emptying | None:
    """Begin emptying the spare tree in the background, or making one of folders like the live
    site's when there is none (None: neither, or no fork here)."""
    if not hasattr(os, "fork") or folders.spare.is_symlink() or folders.output.is_symlink():
        return None
    if folders.spare.is_dir():
        emptying = Emptying(folders.spare)
    elif not _exists(folders.spare) and folders.output.is_dir():
        emptying = Emptying(folders.spare, like=folders.output)
    else:
        return None
    return emptying if emptying.pid is not None else None


def prepare(folders: Folders, keep_existing: bool, emptying: Emptying | None = None) -> set[str]:
    """A staging folder without files: the spare tree emptied of its files (its folders are
    returned, relative to the staging folder, for `prune`), or a new folder; or a copy of the
    site when DELETE_OUTPUT_DIRECTORY is off (then, as without staging, files the build does
    not write again are kept)."""
    if _exists(folders.staging):
        shutil.rmtree(folders.staging)
    kept = emptying.result() if emptying is not None else None
    if keep_existing and folders.output.is_dir():
        if _exists(folders.spare):
            shutil.rmtree(folders.spare)
        shutil.copytree(folders.output, folders.staging, symlinks=True)
        return set()
    if folders.spare.is_dir() and not folders.spare.is_symlink():
        try:
            os.rename(folders.spare, folders.staging)
            return kept if kept is not None else _empty(folders.staging)
        except OSError as exc:  # a spare that cannot be used is only a slower build
            logger.info("safe_build: spare tree not used (%s)", exc)
            shutil.rmtree(folders.staging, ignore_errors=True)
    if _exists(folders.spare):
        shutil.rmtree(folders.spare, ignore_errors=True)
    folders.staging.mkdir(parents=True)
    return set()


def _walk(root: Path):
    """(relative path, entry) of everything under `root`, a folder given before what it holds;
    the path is None for what is not a folder (links to folders included: never followed)."""
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(root, rel)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    child = f"{rel}/{entry.name}" if rel else entry.name
                    pending.append(child)
                    yield child, entry
                else:
                    yield None, entry


def _empty(root: Path) -> set[str]:
    """Remove every file and symbolic link under `root`, keep its folders; their relative paths."""
    folders: set[str] = set()
    for rel, entry in _walk(root):
        if rel is None:
            os.unlink(entry.path)
        else:
            folders.add(rel)
    return folders


def _folders_like(site: Path, spare: Path) -> set[str]:
    """Make `spare` a tree of the folders of `site` (no file, no link); their relative paths. One
    cut short is still a spare: `prepare` lists what it holds when the child reports nothing."""
    folders: set[str] = set()
    os.mkdir(spare)
    for rel, _entry in _walk(site):
        if rel is not None:
            os.mkdir(os.path.join(spare, rel))
            folders.add(rel)
    return folders


def prune(staging: Path, kept: set[str]) -> None:
    """Remove the folders kept from the spare tree that the build left empty, deepest first, so
    that the staging folder holds what it would hold had it started empty."""
    for rel in sorted(kept, key=lambda r: r.count("/"), reverse=True):
        try:
            os.rmdir(staging / rel)
        except OSError:  # not empty (or already gone): the build wrote into it
            pass


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
    _keep_spare(folders)


def _keep_spare(folders: Folders) -> None:
    """The replaced site becomes the spare tree (or is deleted if it cannot)."""
    try:
        if _exists(folders.spare):
            shutil.rmtree(folders.spare)
        os.rename(folders.previous, folders.spare)
    except OSError:
        shutil.rmtree(folders.previous, ignore_errors=True)


def _undo(done: list[tuple[Path, Path]]) -> None:
    for source, target in reversed(done):
        try:
            os.rename(target, source)
        except OSError as exc:
            logger.critical(_("Could not move {target} back to {source} ({error}): move it back by hand",
                              target=target, source=source, error=exc))
