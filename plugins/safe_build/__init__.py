"""safe_build: a publish build is all or nothing, and gives the same bytes for the same commit.

Pelican deletes the output folder before it reads any content, so a strict build that stops on
a content problem (the newsroom plugin raises ContentError) leaves an empty site, and after a
Ctrl-C `pelican` exits 0 with half a site written. Whatever deploys `output/` next (CI,
`invoke publish`) would take the portal down. This plugin:

- with ATOMIC_OUTPUT = True (publishconf.py; default False), builds into `.output.building`
  beside the output folder and swaps it in only after the whole run, after every other
  `finalized` receiver (search index, sitemap); a failure or an interruption leaves the output
  folder exactly as it was (atomic.py);
- makes Ctrl-C during any build end the process with status 130 (interrupt.py);
- keeps the build time out of the site: sitemap dates of index pages and dates of empty feeds
  come from the content (reproducible.py).

Pelican's own command-line modes keep working: `pelican -l` serves the real output folder (it
reads OUTPUT_PATH from the settings, which are redirected only while a build runs), and
`pelican -r` rebuilds atomically each time with the same Pelican instance. Builds in one process
run one after another (Pelican's are not re-entrant; i18n_subsites is not supported).
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import weakref

from pelican import signals

from newsroom.messages import _  # the editors' language, like every other build message

from . import atomic, interrupt, reproducible

logger = logging.getLogger(__name__)

SETTING = "ATOMIC_OUTPUT"


class _Build:
    """The build running in this process (Pelican builds run one at a time)."""

    def __init__(self, pelican, folders: atomic.Folders | None):
        self.pelican = weakref.ref(pelican)
        self.folders = folders
        self.handles_sigint = False
        self.finished = False
        self.kept: set[str] = set()  # folders of the staging folder kept from the spare tree
        self.emptying: atomic.Emptying | None = None  # the spare tree being emptied meanwhile


_folders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Pelican instance -> atomic.Folders
_build: _Build | None = None
_cleanup_registered = False


def redirect_output(pelican) -> None:
    """initialized: with ATOMIC_OUTPUT, the build writes into the staging folder."""
    if not pelican.settings.get(SETTING, False):
        return
    folders = atomic.Folders.beside(pelican.output_path)
    atomic.refuse_unsafe(folders, pelican.settings)
    _folders[pelican] = folders
    pelican.output_path = str(folders.staging)


def begin(pelican):
    """get_generators: a build starts (Pelican.run); set up staging, Ctrl-C and the final swap."""
    global _build, _cleanup_registered
    frame = interrupt.run_frame(pelican)
    reproducible.forget_failed_build(pelican)
    if frame is None:
        return  # generators asked for outside a run (newsroom's `invoke check`): nothing is written
    previous = _build
    if previous is not None and previous.emptying is not None:
        previous.emptying.result()  # a build that stopped before writing: its child is done with the spare
        previous.emptying = None
    if previous is not None and not previous.finished:
        # The last build of this process stopped (Pelican sends no signal for that): tidy up after it.
        if previous.handles_sigint:
            interrupt.uninstall()
        if previous.folders is not None:
            shutil.rmtree(previous.folders.staging, ignore_errors=True)
    folders = _folders.get(pelican)
    _build = _Build(pelican, folders)
    if folders is not None:
        atomic.recover(folders)
        if pelican.settings.get("DELETE_OUTPUT_DIRECTORY"):
            _build.emptying = atomic.start_emptying(folders)
        pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(folders.staging)
        if not _cleanup_registered:
            atexit.register(_remove_unfinished_staging)
            _cleanup_registered = True
        message = _("{output} is left as it was", output=folders.output)
    else:
        message = _("{output} may be incomplete", output=pelican.output_path)
    _build.handles_sigint = interrupt.install(pelican, frame, message)
    # Connected now, after every plugin's register(), and for this sender only: blinker calls
    # receivers of a specific sender after all receivers of any sender, so the swap comes last.
    signals.finalized.connect(finish, sender=pelican, weak=False)


def create_staging(pelican):
    """get_writer: nothing has been written yet; the staging folder starts empty (or as a copy)."""
    build = _build
    if build is not None and build.pelican() is pelican and build.folders is not None:
        emptying, build.emptying = build.emptying, None
        build.kept = atomic.prepare(build.folders, keep_existing=not pelican.settings.get("DELETE_OUTPUT_DIRECTORY"),
                                    emptying=emptying)
    return reproducible.ReproducibleWriter


def finish(pelican) -> None:
    """finalized, last of all: put the new site in place."""
    signals.finalized.disconnect(finish, sender=pelican)
    build = _build
    if build is None or build.pelican() is not pelican:
        return
    try:
        if build.folders is not None:
            atomic.prune(build.folders.staging, build.kept)
            atomic.swap(build.folders, pelican.output_retention)
            logger.info("Site complete in %s", build.folders.output)
        build.finished = True
    finally:
        if build.folders is not None:
            pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(build.folders.output)
        if build.handles_sigint:
            interrupt.uninstall()
            build.handles_sigint = False


def previous_site(settings: dict):
    """The last good site while an atomic build writes the next one beside it (else None): what
    did not change can be taken from it (newsroom/reuse.py checks every file it takes)."""
    build = _build
    pelican = build.pelican() if build is not None else None
    if pelican is None or build.finished or build.folders is None or pelican.settings is not settings:
        return None
    return build.folders.output if build.folders.output.is_dir() else None


def existing_folders(settings: dict) -> frozenset[str] | None:
    """While an atomic build writes into its staging folder: the folders it held when it was
    prepared (kept from the spare tree), as absolute paths; nothing removes them before the end
    of the build (`prune`). None when unknown (no atomic build of these settings running)."""
    build = _build
    pelican = build.pelican() if build is not None else None
    if pelican is None or build.finished or build.folders is None or pelican.settings is not settings:
        return None
    staging = os.path.abspath(build.folders.staging)
    return frozenset([staging, *(os.path.join(staging, rel) for rel in build.kept)])


def _remove_unfinished_staging() -> None:
    build = _build
    if build is not None and not build.finished and build.folders is not None:
        shutil.rmtree(build.folders.staging, ignore_errors=True)


def register():
    signals.initialized.connect(redirect_output)
    signals.get_generators.connect(begin)
    signals.get_writer.connect(create_staging)
    signals.article_generator_finalized.connect(reproducible.date_from_content)
