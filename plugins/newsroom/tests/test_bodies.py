"""Article bodies cached by content and converted in parallel (bodies.py): the same site, the same
problems and warnings, whether a body came from the cache, a worker process or the build itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom import bodies, render, state
from newsroom.problems import ContentError

from .conftest import PUBLISH, build
from .test_hardening import article, lines_for

HOSTILE_BODY = ('<script>alert(1)</script>\n\nTeks <a href="javascript:alert(2)">klik</a>.\n\n'
                '<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n')


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("  ")]


def test_a_cached_build_reports_every_problem_and_warning_again(content, tmp_path, capsys):
    article(content / "berita/2026/10", "isi-jahat.md", body=HOSTILE_BODY)  # warnings
    article(content / "berita/2026/10", "wilayah-salah.md", extra="Status: draft\n").write_text(
        (content / "berita/2026/10/wilayah-salah.md").read_text().replace("Region: Lotim", "Region: Atlantis"))
    out = tmp_path / "out"
    build(PUBLISH, content, out)
    first = capsys.readouterr().err
    cold = state._current.bodies
    assert cold.converted > 0 and (tmp_path / "cache" / bodies.CACHE_FILE).is_file()
    build(PUBLISH, content, out)
    second = capsys.readouterr().err
    warm = state._current.bodies
    assert warm.converted == 0 and warm.hits == cold.converted
    assert problem_lines(second) == problem_lines(first)
    assert lines_for(second, "isi-jahat.md") and lines_for(second, "wilayah-salah.md")


def test_a_cached_file_that_gains_a_problem_stops_the_strict_build(content, tmp_path, capsys):
    build(PUBLISH, content, tmp_path / "out")
    capsys.readouterr()
    story = next(p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text())
    # The body is unchanged (a header line only): the check of the header runs all the same.
    story.write_text(story.read_text().replace("Category:", "Category: Atlantis\nX-Category:", 1))
    with pytest.raises(ContentError):
        build(PUBLISH, content, tmp_path / "out")
    assert lines_for(capsys.readouterr().err, story.name)


def test_pelican_content_cache_cannot_switch_the_checks_off(content, tmp_path, caplog):
    build(PUBLISH, content, tmp_path / "out", CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert any("CACHE_CONTENT" in r.getMessage() for r in caplog.records)
    story = next(p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text())
    story.write_text(story.read_text().replace("Region: ", "Region: Atlantis\nX-Region: ", 1))
    with pytest.raises(ContentError):
        build(PUBLISH, content, tmp_path / "out", CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)


def test_worker_processes_give_the_bytes_of_a_serial_build(content, tmp_path, monkeypatch):
    article(content / "berita/2026/10", "isi-jahat.md", body=HOSTILE_BODY)
    serial = build(PUBLISH, content, tmp_path / "serial" / "out",
                   NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 1, "CONTENT_CACHE": False})
    monkeypatch.setattr(bodies, "MIN_POOL", 1)
    monkeypatch.setattr(render, "MIN_PAGES", 1)  # pages rendered by a forked worker too,
    monkeypatch.setattr(render, "CHUNK", 3)  # a few at a time
    parallel = build(PUBLISH, content, tmp_path / "parallel" / "out",
                     NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 2})
    assert state._current.bodies.converted > 1 and state._current.bodies.workers == 2
    cached = build(PUBLISH, content, tmp_path / "parallel" / "again",
                   NEWSROOM={**PUBLISH["NEWSROOM"], "WORKERS": 2})
    assert state._current.bodies.converted == 0
    assert files(serial) == files(parallel) == files(cached)


def test_the_key_follows_bytes_settings_and_language():
    base = bodies.Converter({"MARKDOWN": {}, "SITEURL": ""}, False)
    assert base.key(b"a") == bodies.Converter({"MARKDOWN": {}, "SITEURL": ""}, False).key(b"a")
    assert base.key(b"a") != base.key(b"b")
    assert base.key(b"a") != bodies.Converter({"MARKDOWN": {}, "SITEURL": "https://x.example"}, False).key(b"a")
    assert base.key(b"a") != bodies.Converter({"MARKDOWN": {}, "SITEURL": ""}, True).key(b"a")
