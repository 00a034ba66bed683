"""Stories read cleanly before are taken from the cache (parsed.py) only while nothing their reading
depends on has changed; everything else is read, and its problems reported, on every build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pelican import signals

from newsroom import state
from newsroom.tests.conftest import DEV, FIXTURE, PUBLISH, build


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def stories(content: Path) -> list[Path]:
    return sorted((content / "berita").rglob("*.md"))


def run(content: Path, output: Path, mode=DEV):
    build(mode, content, output)
    newsroom = state._current
    return newsroom, newsroom.parsed


def problems_of(newsroom, path: Path) -> list[str]:
    return [p.message for p in newsroom.problems.items if Path(p.path).name == path.name]


def test_a_rebuild_takes_the_unchanged_stories_relinked_and_equals_a_cold_build(content, tmp_path):
    _, first = run(content, tmp_path / "out")
    assert first.hits == 0 and len(first.stored) >= 4  # every clean story, read once
    assert not any("2099" in path for path in first.stored)  # dated in the future: read every time
    edited = next(p for p in stories(content) if p.name == "pasar-lotim-sepi.md")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKalimat baru tentang pasar.\n", encoding="utf-8")

    newsroom, second = run(content, tmp_path / "out")
    assert second.hits == len(first.stored) - 1  # all but the edited story
    assert sorted(second.stored) == sorted(first.stored)
    data = newsroom.data
    for article in newsroom.photo_items:
        if hasattr(article, "date"):  # the build's own regions, rubrics, reporters and topics
            assert article.region is None or any(article.region is r for r in data.regions)
            assert any(article.category is r for r in data.rubrics)
            assert all(any(a is r for r in data.reporters) for a in article.authors)
            assert all(newsroom.tags_by_name[t.name] is t for t in getattr(article, "tags", []))
            assert article.settings is newsroom.settings
    cold = build(DEV, content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    assert files(tmp_path / "out") == files(cold)
    assert b"Kalimat baru tentang pasar." in b"".join(files(cold).values())


def test_a_story_with_a_problem_is_read_and_reported_on_every_build(content, tmp_path):
    bad = content / "berita/2026/10/topik-salah.md"  # a problem that does not stop the story
    text = (content / "berita/2026/10/pasar-lotim-sepi.md").read_text(encoding="utf-8")
    bad.write_text(text.replace("Tags: harga", "Tags: harga, ###"), encoding="utf-8")
    warned = content / "berita/2026/10/skrip.md"  # a warning: the sanitiser removed something
    warned.write_text(text + "\n<script>alert(1)</script>\n", encoding="utf-8")
    for _ in range(2):
        newsroom, parsed = run(content, tmp_path / "out")
        assert any("###" in m for m in problems_of(newsroom, bad)) and problems_of(newsroom, warned)
        assert any(a.source_path == str(bad) for a in newsroom.photo_items)  # in the site, problem and all
        assert str(bad) not in parsed.stored and str(warned) not in parsed.stored
    assert parsed.hits == len(parsed.stored) > 0  # the clean ones were taken


def test_a_changed_data_file_reads_every_story_again(content, tmp_path):
    run(content, tmp_path / "out")
    regions = content / "data/regions.toml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    _, parsed = run(content, tmp_path / "out")
    assert parsed.hits == 0 and parsed.stored


def test_a_story_linking_to_a_deleted_story_is_read_again(content, tmp_path):
    run(content, tmp_path / "out")
    (content / "berita/2026/10/harga-cabai-mataram.md").unlink()  # panen-tembakau-lotim links to it
    newsroom, parsed = run(content, tmp_path / "out")
    linking = content / "berita/2026/10/panen-tembakau-lotim.md"
    assert any("harga-cabai-mataram.md" in m for m in problems_of(newsroom, linking))
    assert str(linking) not in parsed.stored and parsed.hits == len(parsed.stored)


def test_other_bytes_with_the_same_size_and_time_are_read(content, tmp_path):
    run(content, tmp_path / "out")
    story = content / "berita/2026/10/pasar-lotim-sepi.md"
    before = story.stat()
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("sepi pembeli sejak", "ramai pembeli saat"), encoding="utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert story.stat().st_size == before.st_size
    _, parsed = run(content, tmp_path / "out")
    assert parsed.hits == len(parsed.stored) - 1
    page = (tmp_path / "out/berita/2026/10/pasar-lotim-sepi/index.html").read_text(encoding="utf-8")
    assert "ramai pembeli saat" in page


def test_another_listener_of_content_object_init_turns_the_cache_off(content, tmp_path):
    run(content, tmp_path / "out")
    seen = []

    def count(instance):
        seen.append(instance)

    signals.content_object_init.connect(count)
    try:
        _, parsed = run(content, tmp_path / "out")
    finally:
        signals.content_object_init.disconnect(count)
    assert parsed.hits == 0 and not parsed.active and len(seen) >= len(stories(content))


def test_a_publish_build_after_a_development_build_gives_the_same_site(content, tmp_path):
    """Both share the cache folder; a story is taken only under the settings it was read with."""
    run(content, tmp_path / "out")
    _, parsed = run(content, tmp_path / "pub", mode=PUBLISH)
    assert parsed.hits == 0
    cold = build(PUBLISH, content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    _, parsed = run(content, tmp_path / "pub", mode=PUBLISH)
    assert parsed.hits > 0
    assert files(tmp_path / "pub") == files(cold)


def test_a_taken_story_keeps_the_urls_its_last_build_settled_and_new_url_settings_read_it_again(
        content, tmp_path, monkeypatch):
    from pelican.contents import Article

    _, first = run(content, tmp_path / "out")
    urls = {a.source_path: (a.url, a.save_as) for a in state._current.photo_items if isinstance(a, Article)}
    edited = next(p for p in stories(content) if p.name == "pasar-lotim-sepi.md")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKalimat baru.\n", encoding="utf-8")
    formatted = []
    original = Article._expand_settings

    def counting(self, key):
        formatted.append(self.source_path)
        return original(self, key)

    monkeypatch.setattr(Article, "_expand_settings", counting)
    newsroom, second = run(content, tmp_path / "out")
    taken = set(second.stored) - {str(edited)}  # kept: taken, or read cleanly (the edited one)
    assert second.hits == len(taken) > 0
    assert not set(formatted) & taken and str(edited) in formatted  # only the story read was formatted
    assert {a.source_path: (a.url, a.save_as) for a in newsroom.photo_items if isinstance(a, Article)} == urls

    # Other URL settings are another environment: every story is read, and has its new URL.
    newsroom, third = run(content, tmp_path / "out", mode={**DEV, "ARTICLE_URL": "kabar/{slug}/",
                                                           "ARTICLE_SAVE_AS": "kabar/{slug}/index.html"})
    assert third.hits == 0
    assert all(a.url.startswith("kabar/") for a in newsroom.photo_items
               if isinstance(a, Article) and a.state == "published")
    assert (tmp_path / "out" / "kabar" / "pasar-lotim-sepi" / "index.html").is_file()


def test_the_files_are_checked_by_a_child_meanwhile_and_without_it_by_the_build(content, tmp_path, monkeypatch):
    from newsroom import parsed as parsed_module

    run(content, tmp_path / "out")
    log = tmp_path / "checks"
    original = parsed_module._check
    main = os.getpid()

    def noting(source, *args):
        with open(log, "a", encoding="utf-8") as fh:  # O_APPEND: whole lines from every process
            fh.write(f"{os.getpid()} {Path(source).name}\n")
        return original(source, *args)

    monkeypatch.setattr(parsed_module, "_check", noting)
    _, second = run(content, tmp_path / "out")
    checkers = {line.split()[0] for line in log.read_text().splitlines()}
    assert second.hits == len(second.stored) > 3
    assert checkers and str(main) not in checkers  # every file checked by the child
    assert parsed_module._open_checks is None  # waited for once the stories were read

    def dying(source, *args):
        if os.getpid() != main:
            os._exit(3)  # the child dies at its first file
        return noting(source, *args)

    log.unlink()
    monkeypatch.setattr(parsed_module, "_check", dying)
    edited = next(p for p in stories(content) if p.name == "pasar-lotim-sepi.md")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKalimat baru.\n", encoding="utf-8")
    _, third = run(content, tmp_path / "out")
    assert {line.split()[0] for line in log.read_text().splitlines()} == {str(main)}  # the build checked them
    assert third.hits == len(third.stored) - 1
    cold = build(DEV, content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    assert files(tmp_path / "out") == files(cold)


def test_a_checking_child_left_by_a_stopped_build_is_ended_by_the_next_even_without_the_cache(content, tmp_path,
                                                                                                monkeypatch):
    from newsroom import parsed as parsed_module

    closed = []

    class Left:  # stands for the child of a build that stopped while its stories were read
        def close(self):
            closed.append(True)

    monkeypatch.setattr(parsed_module, "_open_checks", Left())
    build(DEV, content, tmp_path / "out", NEWSROOM={**DEV["NEWSROOM"], "CONTENT_CACHE": False})
    assert closed == [True] and parsed_module._open_checks is None
