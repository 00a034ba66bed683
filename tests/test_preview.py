"""Live preview (plugins/newsroom/preview.py): after an article is saved, the pages the preview renders
on request equal a full build of the edited content; any other change is a full build in the running
process, which gives the same site as a fresh one."""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

from tests.helpers import ROOT, build_site

sys.path.insert(0, str(ROOT / "plugins"))  # as pelicanconf.py does
from newsroom import state  # noqa: E402
from newsroom.preview import LivePreview  # noqa: E402


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def start(tmp_path: Path) -> tuple[LivePreview, Path]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    preview = LivePreview(ROOT, "pelicanconf.py", str(content),
                          override={"OUTPUT_PATH": str(tmp_path / "preview"),
                                    "CACHE_PATH": str(tmp_path / "preview-cache")})
    assert preview.build()
    assert preview.pages is None  # the first build writes the whole site
    return preview, content


def published(content: Path) -> list[Path]:
    return [p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text()]


def set_field(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(rf"(?m)^{field}:", text):
        text = re.sub(rf"(?m)^{field}: .*$", f"{field}: {value}", text, count=1)
    else:
        text = re.sub(r"(?m)^Title: ", f"{field}: {value}\nTitle: ", text, count=1)
    path.write_text(text, encoding="utf-8")


def call(preview: LivePreview, url: str) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(preview.wsgi_app({"PATH_INFO": url, "REQUEST_METHOD": "GET"}, start_response))
    return answer["status"], answer["headers"], body


def test_a_live_update_after_edits_equals_a_full_build(tmp_path):
    preview, content = start(tmp_path)
    first, second = published(content)[:2]
    text = first.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Title: (.*)$", r"Title: \1 (diperbarui)", text, count=1)
    first.write_text(text + "\nParagraf tambahan setelah berita diperbarui.\n", encoding="utf-8")
    set_field(second, "Tags", "topik-baru-pratinjau")
    assert preview.build()

    newsroom = state._current
    assert preview.pages is not None and newsroom.live_update  # a live update, not a full build
    assert newsroom.bodies.converted == 2  # only the edited stories were read again
    full = build_site("pelicanconf.py", tmp_path / "full", content=content)
    built = files(full)
    pages = sorted(preview.pages)
    differing = [name for name in pages if preview.page(name) != built.get(name)]
    assert not differing, differing
    # Every page of the site is rendered from memory: none is served stale from the last build.
    written_by_templates = {name for name in built if name.endswith(".html") and not name.startswith("pagefind")}
    assert written_by_templates - set(pages) == set()
    assert "topik/topik-baru-pratinjau/index.html" in pages

    url = "/berita/" + first.relative_to(content / "berita").with_suffix("").as_posix() + "/"
    assert url[1:] + "index.html" in pages
    status, headers, body = call(preview, url)
    assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "(diperbarui)" in body.decode() and "Paragraf tambahan" in body.decode()
    css = next(name for name in built if name.endswith(".css"))
    assert call(preview, "/" + css)[2] == built[css]  # everything else from the output folder
    status, _headers, body = call(preview, "/tidak/ada/")
    assert status == "404 Not Found" and body == built["404.html"]
    assert call(preview, "/../pelicanconf.py")[0] == "404 Not Found"


def test_a_story_that_moved_is_no_longer_served_from_the_last_build(tmp_path):
    preview, content = start(tmp_path)
    story = published(content)[0]
    old = "berita/" + story.relative_to(content / "berita").with_suffix("").as_posix() + "/"
    assert call(preview, "/" + old)[0] == "200 OK"
    set_field(story, "Slug", "alamat-baru-pratinjau")
    assert preview.build() and preview.pages is not None
    assert (tmp_path / "preview" / old / "index.html").is_file()  # still there from the last full build
    assert call(preview, "/" + old)[0] == "404 Not Found"
    moved = [name for name in preview.pages if "/alamat-baru-pratinjau/" in name]
    assert len(moved) == 1 and call(preview, "/" + moved[0])[0] == "200 OK"


def test_other_changes_rebuild_everything_in_the_running_process(tmp_path):
    preview, content = start(tmp_path)
    story = published(content)[0]
    set_field(story, "Tags", "topik-baru-pratinjau")
    assert preview.build() and preview.pages is not None
    page = next((content / "halaman").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nParagraf tambahan di halaman tetap.\n", encoding="utf-8")
    assert preview.build()
    assert preview.pages is None  # a standing page changed: a full build, served from the output folder
    # Only the edited page and the story edited before were converted again (a live update reads the
    # story's new body but does not save the body cache).
    assert state._current.bodies.converted == 2
    assert preview.pelican is not None and not preview.stale
    full = build_site("pelicanconf.py", tmp_path / "full", content=content)
    a, b = files(tmp_path / "preview"), files(full)
    assert len(a) > 100
    differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    assert not differing, differing
    assert any(b"Paragraf tambahan di halaman" in body for name, body in a.items() if name.endswith(".html"))


def problems_of(newsroom) -> list[tuple]:
    return sorted((p.path, p.field, p.message, p.blocking, p.warning) for p in newsroom.problems.items)


def same_as_a_full_build(preview: LivePreview, content: Path, output: Path) -> list[tuple]:
    """Every recorded page equals the full build's file, and the problems are the same; those problems."""
    full = build_site("pelicanconf.py", output, content=content)
    expected_problems = problems_of(state._current)
    built = files(full)
    pages = sorted(preview.pages)
    assert {name for name in built if name.endswith(".html") and not name.startswith("pagefind")} - set(pages) == set()
    differing = [name for name in pages if preview.page(name) != built.get(name)]
    assert not differing, differing
    assert problems_of(preview.newsroom) == expected_problems
    return expected_problems


def url_of(content: Path, story: Path) -> str:
    return "berita/" + story.relative_to(content / "berita").with_suffix("").as_posix() + "/index.html"


def test_edits_of_words_update_the_site_in_place(tmp_path):
    preview, content = start(tmp_path)
    converted = state._current.bodies.converted
    stories = published(content)
    with_photo = next((s for s in stories if re.search(r"(?m)^Caption: ", s.read_text(encoding="utf-8"))), None)
    first, second, *others = [s for s in stories if s != with_photo]
    third = next(s for s in others if re.search(r"(?m)^Summary: ", s.read_text(encoding="utf-8")))
    text = first.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Title: (.*)$", r"Title: \1 (diperbarui)", text, count=1)
    first.write_text(text + "\nParagraf tambahan setelah berita diperbarui.\n", encoding="utf-8")
    set_field(second, "Summary", "Ringkasan baru yang ditulis ulang oleh redaktur untuk pratinjau.")
    third.write_text(re.sub(r"(?m)^Summary: .*\n", "", third.read_text(encoding="utf-8")), encoding="utf-8")
    if with_photo is not None:
        set_field(with_photo, "Caption", "Keterangan foto yang baru.")
        set_field(with_photo, "Credit", "Foto: Redaksi Pratinjau")
    assert preview.build()
    assert preview.last_update == "in place", preview.not_in_place
    # Only the edited files were read again.
    assert state._current.bodies.converted - converted == 3 + (with_photo is not None)
    same_as_a_full_build(preview, content, tmp_path / "full1")
    assert "(diperbarui)" in preview.page(url_of(content, first)).decode()
    assert "Ringkasan baru" in preview.page(url_of(content, second)).decode()
    assert "(diperbarui)" in preview.page("index.html").decode() or url_of(content, first)[:-10] not in \
        preview.page("index.html").decode()

    # A problem the edit brings is reported as a full build reports it, and goes when it is fixed.
    set_field(first, "Title", "Judul " + "sangat panjang " * 20)
    assert preview.build()
    assert preview.last_update == "in place", preview.not_in_place
    found = same_as_a_full_build(preview, content, tmp_path / "full2")
    assert any(path.endswith(first.name) and field == "Title" for path, field, *_rest in found)
    set_field(first, "Title", "Judul yang sudah dipendekkan")
    assert preview.build()
    assert preview.last_update == "in place", preview.not_in_place
    found = same_as_a_full_build(preview, content, tmp_path / "full3")
    assert not any(path.endswith(first.name) and field == "Title" for path, field, *_rest in found)


def test_edits_that_may_move_a_story_rebuild_the_lists(tmp_path):
    preview, content = start(tmp_path)
    story, other = published(content)[:2]
    # An edit in place first: what the lists are built from next (the story as last read) is its new state.
    set_field(other, "Title", "Judul lain yang diperbarui di tempat")
    assert preview.build()
    assert preview.last_update == "in place", preview.not_in_place
    text = story.read_text(encoding="utf-8")
    date = re.search(r"(?m)^Date: (\d{4})", text)
    rubric = re.search(r"(?m)^Category: (.*)$", text)
    region = re.search(r"(?m)^Region: (.*)$", text)
    data = (content / "data")
    rubrics = re.findall(r'(?m)^name = "(.*)"', (data / "categories.toml").read_text(encoding="utf-8"))
    regions = tomllib.loads((data / "regions.toml").read_text(encoding="utf-8"))["region"]
    edits = [("Date", f"{int(date[1]) - 1}-01-15 09:30"), ("Tags", "topik-baru-pratinjau"),
             ("Slug", "alamat-baru-pratinjau"), ("Category", next(r for r in rubrics if r != rubric[1]))]
    if region is not None:
        names = [{r["slug"], r["name"].lower(), *(a.lower() for a in r.get("aliases", []))} for r in regions]
        edits.append(("Region", next(r["name"] for r, n in zip(regions, names) if region[1].strip().lower() not in n)))
    for field, value in edits:
        set_field(story, field, value)
        assert preview.build()
        assert preview.last_update == "context", field
        assert f"{field.lower()} changed" in preview.not_in_place
        story.write_text(text, encoding="utf-8")
        assert preview.build()
        assert preview.last_update == "context", field
    # After the lists were built again, an edit of words is in place again, and still right.
    set_field(story, "Title", "Judul baru setelah berita dipindah")
    assert preview.build()
    assert preview.last_update == "in place", preview.not_in_place
    same_as_a_full_build(preview, content, tmp_path / "full")
