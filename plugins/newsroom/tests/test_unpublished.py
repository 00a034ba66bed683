"""Drafts and embargoed stories never reach a publish build; editors see them in development."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from .conftest import DEV, build

SECRETS = (b"ZZDRAFTSECRET", b"ZZEMBARGOSECRET", b"draf-rahasia", b"embargo-masa-depan", b"Draf Rahasia", b"Berita Embargo")


def all_files(site: Path):
    return [p for p in site.rglob("*") if p.is_file()]


def test_publish_build_has_not_one_byte_of_unpublished_stories(published):
    files = all_files(published)
    assert len(files) > 10
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret not in data, f"{secret!r} leaked into {path.relative_to(published)}"
    assert not (published / "drafts").exists()
    assert not (published / "berita" / "2099").exists()
    # Their photos are not copied either; the published story's photo is.
    names = {p.name for p in files}
    assert not any(n.startswith(("draf", "embargo")) for n in names)
    assert "tembakau-800.jpg" in names


def test_development_build_shows_them_marked(development):
    draft = LexborHTMLParser((development / "drafts/draf-rahasia/index.html").read_text())
    assert draft.css_first("article").attributes["data-state"] == "draft"
    assert draft.css_first(".flag").text() == "DRAF"
    embargo = LexborHTMLParser((development / "berita/2099/01/embargo-masa-depan/index.html").read_text())
    assert embargo.css_first(".flag").text() == "EMBARGO"
    home = LexborHTMLParser((development / "index.html").read_text())
    states = {n.text(): n.attributes["data-state"] for n in home.css("ul.unpublished li")}
    assert states == {"Draf Rahasia Belum Diverifikasi": "draft", "Berita Embargo Masa Depan": "embargo"}
    assert (development / "images/draf-800.jpg").is_file()


def test_embargo_lifts_by_itself_after_its_time(content, tmp_path):
    story = content / "berita/2099/01/embargo-masa-depan.md"
    lifted = content / "berita/2026/01/embargo-masa-depan.md"  # its time has come, in its month's folder
    lifted.parent.mkdir(parents=True)
    lifted.write_text(story.read_text().replace("2099-01-01 08:00", "2026-01-01 08:00"))
    story.unlink()
    from .conftest import PUBLISH

    out = build(PUBLISH, content, tmp_path / "out")
    assert (out / "berita/2026/01/embargo-masa-depan/index.html").is_file()


def test_draft_linked_static_file_is_not_copied(content, tmp_path):
    extra = content / "extra"
    extra.mkdir()
    (extra / "dokumen-rahasia.pdf").write_bytes(b"%PDF-1.4 secret")
    draft = content / "berita/2026/10/draf-rahasia.md"
    draft.write_text(draft.read_text() + "\n[Dokumen]({static}/extra/dokumen-rahasia.pdf)\n")
    from .conftest import PUBLISH

    out = build(PUBLISH, content, tmp_path / "out")
    assert not list(out.rglob("dokumen-rahasia.pdf"))
    dev = build(DEV, content, tmp_path / "dev")
    assert list(dev.rglob("dokumen-rahasia.pdf"))
