"""The Pagefind index holds every published article and nothing unpublished."""

import gzip
import json

import pytest

from newsroom.tests.conftest import DEV, FIXTURE, PUBLISH, build


def fragments(site):
    records = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return {r["url"]: r for r in records}


@pytest.mark.parametrize("mode", [PUBLISH, DEV], ids=["publish", "development"])
def test_index_has_published_articles_only(mode, tmp_path):
    site = build(mode, FIXTURE, tmp_path / "out", PLUGINS=["newsroom", "search"])
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["id"]["page_count"] == 4
    records = fragments(site)
    assert set(records) == {
        "/berita/2026/10/panen-tembakau-lotim/",
        "/berita/2026/10/harga-cabai-mataram/",
        "/berita/2026/10/pencurian-sapi-dompu/",
        "/berita/2026/10/pasar-lotim-sepi/",
    }
    panen = records["/berita/2026/10/panen-tembakau-lotim/"]
    assert panen["meta"]["title"] == "Panen Tembakau di Lotim Dimulai"
    assert panen["filters"] == {"rubrik": ["Ekonomi"], "wilayah": ["Lombok Timur"], "periode": ["2026-tw4"]}
    # Only what the results show: no photo (the story has one), no other meta.
    assert set(panen["meta"]) == {"title", "date"}
    assert "memanen daun tembakau" in panen["content"]
    # What the theme's results show: the time for the reader's clock, and text that does not
    # start with the title (the title is searched through its meta, not repeated in excerpts).
    assert panen["meta"]["date"] == "2026-10-14T09:35:00+08:00"
    assert not panen["content"].startswith("Panen Tembakau")
    assert panen["content"].count("Petani tembakau Lombok Timur mulai panen.") == 1  # the Summary, once
    for record in records.values():
        assert record["content"].count(record["meta"]["title"]) == 0, record["url"]
    blob = b"".join(p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file())
    everything = blob + b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind/fragment").iterdir())
    assert b"ZZDRAFTSECRET" not in everything and b"ZZEMBARGOSECRET" not in everything


def test_unknown_setting_is_refused(tmp_path):
    from pelican import Pelican

    from newsroom.tests.conftest import settings_for

    settings = settings_for(PUBLISH, FIXTURE, tmp_path / "out", PLUGINS=["newsroom", "search"], SEARCH={"ENABLE": False})
    with pytest.raises(ValueError, match="ENABLE"):
        Pelican(settings).run()


def test_pagefind_gets_one_allocator_arena_and_makes_the_same_bundle(tmp_path, monkeypatch):
    from search import bundles

    records = tmp_path / "records"
    for i in range(3):
        page = records / f"berita/cerita-{i}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="id"><body><main data-pagefind-body><h1 data-pagefind-meta="title">Judul {i}</h1>'
                        f'<span data-pagefind-filter="rubrik:R{i % 2}"></span><p>Kata ke-{i} di Mataram.</p></main></body></html>',
                        encoding="utf-8")

    def bundle(name: str) -> dict:
        bundles.index_folder(records, 3, tmp_path / name, "id", "2026-tw4")
        return {str(p.relative_to(tmp_path / name)): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}

    monkeypatch.delenv("_RJEM_MALLOC_CONF", raising=False)
    assert bundles.pagefind_environment()["_RJEM_MALLOC_CONF"] == "narenas:1"
    one_arena = bundle("one")
    monkeypatch.setenv("_RJEM_MALLOC_CONF", "narenas:4")  # a setting of the environment wins
    assert bundles.pagefind_environment()["_RJEM_MALLOC_CONF"] == "narenas:4"
    assert bundle("four") == one_arena and any(name.startswith("fragment/") for name in one_arena)
