"""CPython's garbage collector during a build: paused while the site is read, and the site read is
frozen while its pages are written.

A build holds the whole site in memory (thousands of articles with their metadata, indexes and
relations) from the moment it is read until it ends, and nothing of it becomes garbage before
then. CPython's collections scan every tracked object all the same, again and again.

- While the stories are read (`article_generator_init` to `article_generator_finalized`) the
  collector is off (`gc.disable()`): the heap only grows then, and every collection scanned what
  reading had made, the full ones all of it. When they are read, what they made moves to the
  collector's permanent generation (`gc.freeze()`), unscanned, and the collector is back on. In a
  rebuild after one edit of a 5,000-story site the collector took 0.45-0.6 s of the build
  process's 8 before, about 0.2 s with all of this (measured with `gc.callbacks`). What reading
  leaves as cyclic garbage (about 14 objects per Markdown conversion done in the build process)
  waits for the end of the build. A live update (preview.py) is not paused.
- Once the site is read and checked (`get_writer`, just before any page is written), what was
  made since moves there too (`gc.freeze()`, which Python's documentation advises before
  `fork()`): collections scan only what writing allocates, and the renderers (render.py) share
  the parent's memory instead of copying it (a forked process that collects writes into the
  header of every object it scans, so the kernel copies that page).

  Full collections are ten times rarer then (FULL_EVERY): the garbage writing makes is young
  (rendering a page leaves cycles the younger generations collect); what full collections found
  in a 5,000-story build was some 13,000 objects in all, and they took 0.4 s of it.

All of this is undone when the next build starts (`get_generators`), whether the last one ended or
stopped half-way, so that the long-running live preview and a test run collect each old site. It
is not undone when a build ends: the whole site back in the collector's view made the next full
collection scan all of it, in the middle of the sitemap (0.45 s of a 9 s rebuild of 5,000
stories, measured with `gc.callbacks`), and a process that ends after its build exits without
scanning it (CPython's collection at exit leaves frozen objects alone). A larger young-generation
threshold was measured too: it cost more than it saved while pages are written.
"""

from __future__ import annotations

import gc


_paused = False  # the collector was switched off here for this build's reading


def pause(generator) -> None:
    """article_generator_init: no collection while the stories are read (not in a live update)."""
    global _paused
    from . import state

    if not getattr(state.current(generator.settings), "live_update", False):
        gc.disable()
        _paused = True


def read(*_args, **_kwargs) -> None:
    """article_generator_finalized: what reading made is frozen, unscanned; collections resume."""
    if _paused:
        freeze()


FULL_EVERY = 100  # collections of the middle generation per full collection while pages are written
_threshold: tuple | None = None  # the collector's thresholds before the build


def freeze(*_args, **_kwargs) -> None:
    global _threshold, _paused
    _paused = False
    gc.enable()
    gc.freeze()
    if _threshold is None:
        _threshold = gc.get_threshold()
        gc.set_threshold(_threshold[0], _threshold[1], max(_threshold[2], FULL_EVERY))


def unfreeze(*_args, **_kwargs) -> None:
    global _threshold, _paused
    _paused = False
    gc.enable()
    gc.unfreeze()
    if _threshold is not None:
        gc.set_threshold(*_threshold)
        _threshold = None


def register(signals) -> None:
    signals.get_generators.connect(unfreeze)  # the last build's site, handed back (see the docstring)
    signals.article_generator_init.connect(pause)
    signals.article_generator_finalized.connect(read)
    signals.get_writer.connect(freeze)
