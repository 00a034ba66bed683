"""collector.py: the site is frozen for the garbage collector while its pages are written, and
handed back when the build ends (a live preview runs build after build in one process)."""

import gc

import pytest
from pelican import signals

from .conftest import PUBLISH, build


def test_frozen_while_pages_are_written_and_given_back_after(content, tmp_path):
    seen = {}

    def reading(*_args, **_kwargs):
        seen["reading"] = gc.get_freeze_count()

    def writing(*_args, **_kwargs):
        seen["writing"] = gc.get_freeze_count()

    signals.article_generator_finalized.connect(reading)
    signals.article_writer_finalized.connect(writing)
    try:
        gc.unfreeze()
        build(PUBLISH, content, tmp_path / "out")
    finally:
        signals.article_generator_finalized.disconnect(reading)
        signals.article_writer_finalized.disconnect(writing)
    assert seen["reading"] == 0  # nothing frozen before the site is read and checked
    assert seen["writing"] > 1000  # the articles, their metadata and indexes
    assert gc.get_freeze_count() == 0  # all handed back at the end


def test_a_build_that_stopped_half_way_is_given_back_by_the_next(content, tmp_path):
    gc.freeze()  # as a build that failed after get_writer leaves it
    assert gc.get_freeze_count() > 0
    build(PUBLISH, content, tmp_path / "out")
    assert gc.get_freeze_count() == 0
