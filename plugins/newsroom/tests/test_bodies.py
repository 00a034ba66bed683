"""Article bodies cached by content and converted in parallel (bodies.py): the same site, the same
problems and warnings, whether a body came from the cache, a worker process or the build itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsroom import bodies, render, state
from newsroom.problems import ContentError

from .conftest import PUBLISH, build
from .test_hardening import HEADER, article, lines_for

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



def test_unchanged_files_are_not_read_ahead_and_a_change_behind_the_same_identity_is_still_seen(content, tmp_path):
    out = tmp_path / "out"
    build(PUBLISH, content, out)
    assert state._current.bodies.read_ahead > 0
    build(PUBLISH, content, out)
    warm = state._current.bodies
    assert warm.read_ahead == 0 and warm.converted == 0 and warm.hits > 0
    # A story rewritten in place with the same size and modification time: it is not read ahead,
    # but the reader looks its body up by its bytes, so the site shows the new words.
    story = next(p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text())
    text, info = story.read_text(encoding="utf-8"), story.stat()
    head, body = text.split("\n\n", 1)
    word = re.search(r"\b[a-z]{6,}\b", body).group(0)
    marker = "q" * len(word)
    story.write_text(head + "\n\n" + body.replace(word, marker, 1), encoding="utf-8")
    os.utime(story, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert story.stat().st_size == info.st_size and story.stat().st_ino == info.st_ino
    build(PUBLISH, content, out)
    again = state._current.bodies
    assert again.read_ahead == 0 and again.converted == 1
    assert any(marker in page.read_text(encoding="utf-8") for page in out.rglob("*.html"))
    # Another settings' keys (a development build sharing the cache) do not count as known.
    build(PUBLISH, content, out, SITEURL="https://lain.example")
    assert state._current.bodies.read_ahead > 0


def story_reads(content: Path, monkeypatch) -> list[str]:
    """The absolute path of every story of `content` read from now on, once per read."""
    opened = []
    real_read_bytes = Path.read_bytes

    def counting(self):
        if self.suffix == ".md" and os.path.abspath(self).startswith(str(content)):
            opened.append(os.path.abspath(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return opened


def test_a_cold_build_opens_each_story_once(content, tmp_path, monkeypatch):
    # prefetch reads every story for the workers; the reader takes those bytes instead of
    # checking and opening the file again.
    opened = story_reads(content, monkeypatch)
    out = build(PUBLISH, content, tmp_path / "out")
    stories = {os.path.abspath(p) for p in content.rglob("*.md")}
    assert set(opened) == stories and len(opened) == len(stories)
    assert state._current.bodies.read_ahead == len(stories)
    assert state._current.bodies._read == {}, "nothing read ahead is left over"
    assert list(out.rglob("index.html"))


def test_past_the_read_ahead_limit_the_reader_opens_the_file_itself(content, tmp_path, monkeypatch):
    full = files(build(PUBLISH, content, tmp_path / "a" / "full"))
    monkeypatch.setattr(bodies, "READ_AHEAD_BYTES", 1)  # nothing kept: each story is read twice
    opened = story_reads(content, monkeypatch)
    limited = files(build(PUBLISH, content, tmp_path / "b" / "limited"))  # cold too: a cache of its own
    assert set(opened) == {os.path.abspath(p) for p in content.rglob("*.md")}
    assert all(opened.count(path) == 2 for path in set(opened))
    assert {k: v for k, v in limited.items() if k.endswith(".html")} == {k: v for k, v in full.items() if k.endswith(".html")}


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


# --- one Markdown parser per process ---------------------------------------------------------------
STATEFUL = {  # every extension that keeps state between files, and Markdown's own (references, HTML stash)
    "extensions": ["markdown.extensions.extra", "markdown.extensions.smarty", "markdown.extensions.toc",
                   "markdown.extensions.meta"],
    "output_format": "html5",
}
FIRST = ("Title: Satu\nSummary: Ringkas\n\n[TOC]\n\n## Jalan\n\n## Jalan\n\n"
         "Dana BOS[^a] untuk \"sekolah\" -- kata *NTB* [situs][s].\n\n[^a]: Bantuan Operasional.\n\n"
         "*[NTB]: Nusa Tenggara Barat\n\n[s]: https://situs.example\n\n<div>mentah</div>\n")
SECOND = ("Title: Dua\n\n## Jalan\n\nTanpa catatan kaki, tetapi NTB lagi dan [s] tanpa tautan, "
          "[^a] tanpa catatan.\n\n<p>lain</p>\n")


def test_one_reused_parser_gives_what_a_new_parser_gives():
    reused = bodies.Converter({"MARKDOWN": STATEFUL, "SITEURL": ""}, False)
    for text in (FIRST, FIRST, SECOND, FIRST, SECOND, SECOND):
        md = reused._parser()
        html, meta = md.convert(text), dict(md.Meta)
        fresh = bodies.Markdown(**reused.markdown)
        assert (html, meta) == (fresh.convert(text), fresh.Meta)
    # The state that must not leak is there to leak: footnotes, abbreviations, references, ids.
    first = bodies.Markdown(**reused.markdown).convert(FIRST)
    assert 'class="footnote"' in first and "<abbr" in first and 'href="https://situs.example"' in first
    assert 'id="jalan_1"' in first


def test_a_converter_in_a_worker_builds_its_own_parser():
    import pickle

    converter = bodies.Converter({"MARKDOWN": STATEFUL, "SITEURL": ""}, False)
    expected = converter(FIRST)
    copy = pickle.loads(pickle.dumps(converter))
    assert copy._md is None and copy(FIRST) == expected == converter(FIRST)


# --- typogrify once, inside the cached conversion ---------------------------------------------------
TYPO_BODY = ('Harga "cabai" naik -- kata pedagang di Pasar & Terminal... '
             "BULOG menyebut stok aman.\n\n<pre>kode &amp; \"kutip\" -- tetap</pre>\n\n"
             "Paragraf terakhir yang cukup panjang untuk widont di akhir kalimat\n")


@pytest.mark.parametrize("typografi", [
    {"TYPOGRIFY_OMIT_FILTERS": ["smartypants", "caps", "initial_quotes"]},  # the site's settings
    {"TYPOGRIFY_OMIT_FILTERS": [], "TYPOGRIFY_DASHES": "oldschool", "TYPOGRIFY_IGNORE_TAGS": ["pre", "h1"]},
])
def test_typogrify_runs_once_and_gives_the_bytes_of_pelicans_own_pass(content, tmp_path, monkeypatch, typografi):
    header = HEADER.format(title='Harga "Cabai" & Bawang Naik -- Pedagang Mengeluh', date="2026-10-12 10:00")
    header = header.replace("Summary: Ringkasan.", 'Summary: Stok "beras" & minyak -- aman sampai akhir tahun')
    article(content / "berita/2026/10", "harga-cabai.md", body=TYPO_BODY, header=header)
    settings = {"TYPOGRIFY": True, **typografi}
    ours = build(PUBLISH, content, tmp_path / "ours" / "out", **settings)
    assert state._current.bodies.converter.typography is not None
    cached = build(PUBLISH, content, tmp_path / "ours" / "again", **settings)
    assert state._current.bodies.converted == 0
    # Pelican's own pass (Readers.read_file) over the same content: the converter does not typogrify,
    # so the reader leaves TYPOGRIFY on for Pelican.
    monkeypatch.setattr(bodies.Typography, "of", classmethod(lambda cls, settings: None))
    pelicans = build(PUBLISH, content, tmp_path / "pelican" / "out", **settings)
    assert state._current.bodies.converter.typography is None
    assert files(ours) == files(cached) == files(pelicans)
    story = next(text for name, text in files(ours).items() if "harga-cabai" in name and name.endswith(".html"))
    assert b'<span class="amp">&amp;</span>' in story and b"&nbsp;" in story  # typogrify did run


def test_the_key_follows_typogrify_settings():
    base = {"MARKDOWN": {}, "SITEURL": "", "TYPOGRIFY": True, "TYPOGRIFY_OMIT_FILTERS": ["caps"]}
    key = bodies.Converter(base, False).key(b"a")
    assert key != bodies.Converter({**base, "TYPOGRIFY": False}, False).key(b"a")
    assert key != bodies.Converter({**base, "TYPOGRIFY_OMIT_FILTERS": []}, False).key(b"a")
    assert key != bodies.Converter({**base, "TYPOGRIFY_DASHES": "oldschool"}, False).key(b"a")
    assert key != bodies.Converter({**base, "TYPOGRIFY_IGNORE_TAGS": ["pre"]}, False).key(b"a")


def test_a_word_is_counted_once_and_character_references_are_not_words():
    body = ("<p>Warga&nbsp;desa &ldquo;menanam&rdquo; jagung &#8212; <em>padi</em> &amp; "
            "<a href=\"https://x.id/a-b\">kedelai</a>.</p>")
    assert bodies.word_count(body) == 6
    assert bodies.word_count("<p>&nbsp;&#8220;&#x201d;&mdash;</p>") == 0


def test_a_few_new_bodies_go_to_the_journal_and_many_rewrite_the_file(content, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    main, journal = cache / bodies.CACHE_FILE, cache / bodies.JOURNAL_FILE
    monkeypatch.setattr(bodies, "_last_saved", None)
    build(PUBLISH, content, tmp_path / "out")
    written = main.read_bytes()
    assert not journal.exists()
    stories = [p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text()]
    monkeypatch.setattr(bodies, "JOURNAL_MIN", 1)  # the fixture's few stories stand for thousands
    monkeypatch.setattr(bodies, "JOURNAL_SHARE", 2)
    for round_ in (1, 2):
        stories[0].write_text(stories[0].read_text() + f"\nKalimat baru {round_}.\n")
        for memory in (True, False):  # the entries kept in this process, or read from the files
            if not memory:
                monkeypatch.setattr(bodies, "_last_saved", None)
            build(PUBLISH, content, tmp_path / "out")
            used = state._current.bodies
            assert used.converted == (1 if memory else 0) and used.hits > 0
        assert main.read_bytes() == written  # the file is not written again
        assert len(bodies.cachefile.load(journal, "")["entries"]) == 1  # the new body only, this round's
    cold = build(PUBLISH, content, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    assert files(tmp_path / "out") == files(cold)

    for story in stories:  # many new bodies: the file written whole again, without a journal
        story.write_text(story.read_text() + "\nKalimat lain.\n")
    build(PUBLISH, content, tmp_path / "out")
    assert main.read_bytes() != written and not journal.exists()
    monkeypatch.setattr(bodies, "_last_saved", None)
    build(PUBLISH, content, tmp_path / "out")
    assert state._current.bodies.converted == 0


def test_a_journal_of_another_file_is_not_read(content, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(bodies, "JOURNAL_MIN", 1)
    monkeypatch.setattr(bodies, "JOURNAL_SHARE", 2)
    monkeypatch.setattr(bodies, "_last_saved", None)
    build(PUBLISH, content, tmp_path / "out")
    story = next(p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text())
    story.write_text(story.read_text() + "\nKalimat baru.\n")
    build(PUBLISH, content, tmp_path / "out")
    stale = (cache / bodies.JOURNAL_FILE).read_bytes()
    (cache / bodies.CACHE_FILE).unlink()
    monkeypatch.setattr(bodies, "_last_saved", None)
    build(PUBLISH, content, tmp_path / "out")  # a new file, another token
    assert not (cache / bodies.JOURNAL_FILE).exists()
    (cache / bodies.JOURNAL_FILE).write_bytes(stale)
    monkeypatch.setattr(bodies, "_last_saved", None)
    loaded = bodies.Bodies(state._current.settings, state._current.config)
    assert loaded.entries and loaded.journal_keys == frozenset() and set(loaded.entries) == set(loaded.file_keys)


def test_a_build_of_other_settings_writes_the_file_not_a_journal_it_could_not_read(content, tmp_path, monkeypatch):
    from .conftest import DEV

    monkeypatch.setattr(bodies, "_last_saved", None)
    build(PUBLISH, content, tmp_path / "out")
    build(DEV, content, tmp_path / "dev")  # the same cache, other keys: the file is the development build's
    assert not (tmp_path / "cache" / bodies.JOURNAL_FILE).exists()
    monkeypatch.setattr(bodies, "_last_saved", None)
    build(DEV, content, tmp_path / "dev")
    assert state._current.bodies.converted == 0
