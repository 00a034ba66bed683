"""CPython's garbage collector during a build: the site read is frozen while its pages are written.

A build holds the whole site in memory (thousands of articles with their metadata, indexes and
relations) from the moment it is read until it ends, and nothing of it becomes garbage before
then. CPython's full collections scan every tracked object all the same, again and again while
the pages are written; and a forked renderer (render.py) that collects writes into the header of
every object it scans, so the kernel copies the parent's memory into the child page by page.

So once the site is read and checked (`get_writer`, just before any page is written), its objects
move to the collector's permanent generation (`gc.freeze()`, which Python's documentation advises
before `fork()`): collections scan only what writing allocates, and the renderers share the
parent's memory instead of copying it. They are handed back (`gc.unfreeze()`) when the build ends,
and at the start of the next one should a build have stopped half-way, so that the long-running
live preview collects each old site as before. A live update (preview.py) never sends
`get_writer`, so it freezes nothing.
"""

from __future__ import annotations

import gc


def freeze(*_args, **_kwargs) -> None:
    gc.freeze()


def unfreeze(*_args, **_kwargs) -> None:
    gc.unfreeze()


def register(signals) -> None:
    signals.get_generators.connect(unfreeze)
    signals.get_writer.connect(freeze)
    signals.finalized.connect(unfreeze)
