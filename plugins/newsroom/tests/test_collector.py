"""collector.py: the collector is paused while the stories are read, the site is frozen for it
while its pages are written and after, and handed back when the next build starts (a live preview
runs build after build in one process)."""

import gc

from pelican import signals

from newsroom import collector

from .conftest import PUBLISH, build


def test_paused_while_reading_frozen_while_writing_and_given_back_by_the_next_build(content, tmp_path):
    seen = {}

    def reading(*_args, **_kwargs):
        seen.setdefault("reading", []).append((gc.isenabled(), gc.get_freeze_count()))

    def read(*_args, **_kwargs):
        seen["read"] = (gc.isenabled(), gc.get_freeze_count())

    def writing(*_args, **_kwargs):
        seen["writing"] = (gc.isenabled(), gc.get_freeze_count())
        seen["threshold"] = gc.get_threshold()

    signals.article_generator_pretaxonomy.connect(reading)
    signals.all_generators_finalized.connect(read)
    signals.article_writer_finalized.connect(writing)
    collector.unfreeze()
    before = gc.get_threshold()
    try:
        gc.unfreeze()
        build(PUBLISH, content, tmp_path / "out")
        assert seen["reading"] == [(False, 0)]  # paused, nothing frozen before the site is read and checked
        assert seen["read"][0] is True  # back on once the stories are read, what they made frozen
        assert seen["read"][1] > 1000
        assert seen["writing"][0] is True
        assert seen["writing"][1] > 1000  # the articles, their metadata and indexes
        assert seen["threshold"][:2] == before[:2] and seen["threshold"][2] >= collector.FULL_EVERY
        assert gc.isenabled()
        assert gc.get_freeze_count() > 1000  # still frozen: no full scan of the whole site at its end

        build(PUBLISH, content, tmp_path / "out")
        assert seen["reading"][1] == (False, 0)  # the last site handed back before this one is read
    finally:
        signals.article_generator_pretaxonomy.disconnect(reading)
        signals.all_generators_finalized.disconnect(read)
        signals.article_writer_finalized.disconnect(writing)
        collector.unfreeze()
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_a_build_that_stopped_half_way_is_given_back_by_the_next(content, tmp_path):
    gc.freeze()  # as a build that failed after get_writer leaves it
    gc.disable()  # as one that failed while reading
    seen = []

    def reading(*_args, **_kwargs):
        seen.append(gc.get_freeze_count())

    signals.article_generator_pretaxonomy.connect(reading)
    try:
        build(PUBLISH, content, tmp_path / "out")
        assert seen == [0]  # handed back before the stories were read
        assert gc.isenabled()
    finally:
        signals.article_generator_pretaxonomy.disconnect(reading)
        collector.unfreeze()


def test_a_live_update_is_not_paused(monkeypatch):
    from types import SimpleNamespace

    from newsroom import state

    newsroom = SimpleNamespace(live_update=True)
    monkeypatch.setattr(state, "current", lambda settings: newsroom)
    generator = SimpleNamespace(settings={})
    try:
        collector.pause(generator)
        assert gc.isenabled()
        gc.disable()  # switched off by someone else: not the newsroom's to switch on
        collector.read()
        assert not gc.isenabled()
        gc.enable()
        newsroom.live_update = False
        collector.pause(generator)
        assert not gc.isenabled()
        collector.read()
        assert gc.isenabled()
    finally:
        collector.unfreeze()


def test_markdown_workers_collect(monkeypatch):
    """The conversion pool is forked while the build process's collector is paused: its workers
    turn theirs back on (each conversion leaves cyclic garbage)."""
    from newsroom import bodies

    monkeypatch.setattr(bodies, "_worker_converter", None)
    gc.disable()
    try:
        bodies._init_worker(None)
        assert gc.isenabled()
    finally:
        gc.enable()
