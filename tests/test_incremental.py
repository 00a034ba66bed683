"""A rebuild that takes unchanged article pages from the last site (plugins/newsroom/reuse.py)
gives exactly the site a cold build of the same content gives."""

from __future__ import annotations

import logging
import re
import shutil

from tests.helpers import ROOT, build_site


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def published(content):
    return [p for p in sorted((content / "berita").rglob("*.md"))
            if not re.search(r"(?mi)^Status:\s*draft", p.read_text(encoding="utf-8"))]


def test_a_rebuild_after_edits_equals_a_cold_build(tmp_path, caplog):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = build_site("publishconf.py", tmp_path / "site", content=content)
    pages = [name for name in files(site) if name.startswith("berita/") and name.endswith("/index.html")]
    assert len(pages) >= 3 and len(published(content)) >= 3  # whatever the chapter's stories: three to change

    # A story in the middle of the archive gets a new headline (its neighbours, the listings and
    # the stories it is related to show that headline) and a new paragraph; another one a new
    # paragraph only.
    stories = published(content)
    edited, other, deleted = stories[len(stories) // 2], stories[0], stories[-1]
    text = edited.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Title: (.*)$", r"Title: \1 (diperbarui)", text, count=1)
    edited.write_text(text + "\nParagraf tambahan untuk uji pembangunan ulang.\n", encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8") + "\nSatu kalimat lagi.\n", encoding="utf-8")
    last_site = files(site)

    with caplog.at_level(logging.INFO, logger="newsroom.reuse"):
        build_site("publishconf.py", site, content=content)  # same output and cache folders
    counts = [re.search(r"(\d+) unchanged .* (\d+) rendered", r.getMessage()) for r in caplog.records]
    counts = [tuple(map(int, m.groups())) for m in counts if m]
    assert counts and counts[-1][0] > 0, "the rebuild took no page from the last site"
    assert counts[-1][1] > 0  # and it rendered the changed ones
    # Nothing was written into a file of the last site (pages taken from it are hard links to its
    # files): the site it replaced, kept as the spare tree, still has every byte it had.
    assert files(site.parent / f".{site.name}.spare") == last_site

    # Once more: this rebuild starts from the spare tree's folders, and the last story in path
    # order is deleted (it must disappear from every page, listing and feed).
    other.write_text(other.read_text(encoding="utf-8") + "\nDan satu lagi.\n", encoding="utf-8")
    deleted.unlink()
    last_site = files(site)
    build_site("publishconf.py", site, content=content)
    assert files(site.parent / f".{site.name}.spare") == last_site

    cold = build_site("publishconf.py", tmp_path / "cold", content=content)
    a, b = files(site), files(cold)
    differing = sorted(
        [f"only in the rebuild: {name}" for name in a.keys() - b.keys()]
        + [f"only in the cold build: {name}" for name in b.keys() - a.keys()]
        + [f"different bytes: {name}" for name in a.keys() & b.keys() if a[name] != b[name]]
    )
    assert not differing, "\n".join(differing)


def test_a_page_edited_in_the_last_site_is_rendered_again(tmp_path):
    """The last site's file must hold the bytes recorded for it; otherwise it is not taken."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = build_site("publishconf.py", tmp_path / "site", content=content)
    page = next(p for p in sorted(site.glob("berita/*/*/*/index.html")))
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>TAMPERED</p></body>"))
    build_site("publishconf.py", site, content=content)
    assert page.read_bytes() == original


def test_a_new_story_re_renders_only_the_pages_that_show_it(tmp_path, caplog):
    """Adding a story changes the story counts of its reporters, rubric and region: only the pages
    that show the story or those counts are rendered again, not every page of the site."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = build_site("publishconf.py", tmp_path / "site", content=content)
    stories = published(content)
    assert len(stories) >= 3
    model = stories[len(stories) // 2]
    text = re.sub(r"(?m)^Title: (.*)$", r"Title: \1 (laporan lanjutan)", model.read_text(encoding="utf-8"), count=1)
    (model.parent / f"{model.stem}-lanjutan.md").write_text(text, encoding="utf-8")

    with caplog.at_level(logging.INFO, logger="newsroom.reuse"):
        build_site("publishconf.py", site, content=content)
    counts = [re.search(r"(\d+) unchanged .* (\d+) rendered", r.getMessage()) for r in caplog.records]
    counts = [tuple(map(int, m.groups())) for m in counts if m]
    assert counts and counts[-1][0] > 0, "a new story made every page render again"

    cold = build_site("publishconf.py", tmp_path / "cold", content=content)
    a, b = files(site), files(cold)
    assert a.keys() == b.keys()
    assert sorted(name for name in a if a[name] != b[name]) == []


def test_a_page_linking_to_a_story_shows_its_new_address(tmp_path):
    """A {filename} link in a story's text becomes the linked story's URL: when that URL changes
    (a new Slug), the linking story's page is rendered again although its own file did not change."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    stories = published(content)
    assert len(stories) >= 2
    linking, linked = stories[0], stories[-1]
    rel = linked.relative_to(content).as_posix()
    linking.write_text(linking.read_text(encoding="utf-8") + f"\nBaca juga [berita terkait]({{filename}}/{rel}).\n",
                       encoding="utf-8")
    site = build_site("publishconf.py", tmp_path / "site", content=content)

    text = re.sub(r"(?m)^Slug:.*\n", "", linked.read_text(encoding="utf-8"))
    linked.write_text(f"Slug: {linked.stem}-alamat-baru\n" + text, encoding="utf-8")
    build_site("publishconf.py", site, content=content)

    cold = build_site("publishconf.py", tmp_path / "cold", content=content)
    a, b = files(site), files(cold)
    assert a.keys() == b.keys()
    assert sorted(name for name in a if a[name] != b[name]) == []
    assert any(f"{linked.stem}-alamat-baru/".encode() in data for name, data in b.items()
               if name.endswith("index.html") and linked.stem not in name)


def test_a_page_replaced_in_the_last_site_with_its_size_and_time_is_rendered_again(tmp_path):
    """The last site's file is trusted without reading it only while it is the very file recorded:
    another file put in its place, with the same size and modification time, is read and refused."""
    import os

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = build_site("publishconf.py", tmp_path / "site", content=content)
    build_site("publishconf.py", site, content=content)  # the pages' files are now old enough to be vouched for
    page = next(p for p in sorted(site.glob("berita/*/*/*/index.html")))
    original, st = page.read_bytes(), page.stat()
    tampered = original.replace(b"</body>", b"<!--X--></body>")[: len(original)]
    assert len(tampered) == len(original) and tampered != original
    impostor = page.with_name("impostor")
    impostor.write_bytes(tampered)
    os.utime(impostor, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(impostor, page)
    build_site("publishconf.py", site, content=content)
    assert page.read_bytes() == original


def test_a_story_saved_while_the_site_is_built_is_rendered_again_by_the_next_build(tmp_path):
    """A page's fingerprint holds the bytes the reader read, not what the file holds by the time
    the page is written: an editor who saves during a build gets the new words at the next one."""
    from pelican import signals

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = build_site("publishconf.py", tmp_path / "site", content=content)
    stories = published(content)
    story = stories[len(stories) // 2]
    text = story.read_text(encoding="utf-8")
    sentence = "Disimpansaatdibangun"  # one word: typogrify binds the last two words of a paragraph

    def save_during_the_build(generator):
        story.write_text(text + f"\nKalimat {sentence} ditambahkan.\n", encoding="utf-8")

    signals.article_generator_finalized.connect(save_during_the_build)
    try:
        build_site("publishconf.py", site, content=content)  # read before the save: the old words
    finally:
        signals.article_generator_finalized.disconnect(save_during_the_build)
    build_site("publishconf.py", site, content=content)
    shown = [p for p in site.glob("berita/*/*/*/index.html") if sentence in p.read_text(encoding="utf-8")]
    assert len(shown) == 1, "the words saved during a build never reached the story's page"
