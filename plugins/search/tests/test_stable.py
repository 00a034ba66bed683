"""The Pagefind bundle is the same for the same articles, and still answers the same searches."""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from newsroom.tests.conftest import FIXTURE, PUBLISH, build

from search import stable

PLUGINS = ["newsroom", "search"]
URLS = {
    "cabai": "/berita/2026/10/harga-cabai-mataram/",
    "panen": "/berita/2026/10/panen-tembakau-lotim/",
    "pasar": "/berita/2026/10/pasar-lotim-sepi/",
    "sapi": "/berita/2026/10/pencurian-sapi-dompu/",
}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def raw_bundle(tmp_path_factory) -> Path:
    """The fixture's bundle exactly as Pagefind wrote it (not normalized)."""
    out = tmp_path_factory.mktemp("raw") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stable, "normalize", lambda bundle: False)
        build(PUBLISH, FIXTURE, out, PLUGINS=PLUGINS)
    return out / "pagefind"


@pytest.fixture
def bundle(raw_bundle, tmp_path) -> Path:
    copy = tmp_path / "pagefind"
    shutil.copytree(raw_bundle, copy)
    return copy


def read_index(bundle: Path):
    """(urls by page number, meta, filters {name: {value: {urls}}}, words {word: [urls]})."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = stable.decode(stable.read_payload(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta"))
    urls = [stable.fragment_url(bundle, page_hash) for page_hash, _ in meta[1]]
    filters = {}
    for name, file_hash in meta[3]:
        _title, values = stable.decode(stable.read_payload(bundle / "filter" / f"{file_hash}.pf_filter"))
        filters[name] = {value: {urls[p] for p in pages} for value, pages in values}
    words = {}
    for _, _, chunk in meta[2]:
        [entries] = stable.decode(stable.read_payload(bundle / "index" / f"{chunk}.pf_index"))
        for word, postings, _variants in entries:
            number, pages = 0, []
            for delta, _locs, _meta_locs in postings:
                number += delta
                pages.append(urls[number])
            words[word] = pages
    return urls, meta, filters, words


def test_the_codec_reads_and_writes_pagefind_files_byte_for_byte(raw_bundle):
    paths = [*raw_bundle.glob("*.pf_meta"), *raw_bundle.glob("index/*"), *raw_bundle.glob("filter/*")]
    assert len(paths) >= 4
    for path in paths:
        payload = stable.read_payload(path)
        assert stable.encode(stable.decode(payload)) == payload, path.name
        # ... and names them as Pagefind does (SHA-1 in unpadded hex, shortened).
        assert stable.full_hash(payload).startswith(path.name.split(".")[-2].split("_")[1]), path.name
    for path in raw_bundle.glob("index/*"):
        payload = stable.read_payload(path)
        pages = json.loads((raw_bundle / "pagefind-entry.json").read_text())["languages"]["id"]["page_count"]
        assert stable.renumber_word_index(payload, {n: n for n in range(pages)}) == payload


def test_pagefind_version_is_one_the_normalizer_knows():
    """Upgrading Pagefind: check stable.py against the new index format, then add the version."""
    from importlib.metadata import version

    assert version("pagefind") in stable.KNOWN_VERSIONS


def test_the_result_does_not_depend_on_pagefinds_page_order(raw_bundle, tmp_path):
    results = []
    for seed in (1, 2, 3):
        copy = tmp_path / f"copy{seed}"
        shutil.copytree(raw_bundle, copy)
        shuffled = lambda keys, seed=seed: random.Random(seed).sample(range(len(keys)), len(keys))
        assert stable.normalize(copy, order=shuffled)  # as if Pagefind had walked the folder in another order
        assert stable.normalize(copy)
        results.append(files(copy))
    plain = tmp_path / "plain"
    shutil.copytree(raw_bundle, plain)
    stable.normalize(plain)
    assert all(result == files(plain) for result in results)
    assert stable.normalize(plain) and files(plain) == results[0]  # normalizing twice changes nothing


def test_the_normalized_index_holds_what_pagefind_wrote(raw_bundle, bundle):
    urls, _, filters, words = read_index(raw_bundle)
    stable.normalize(bundle)
    new_urls, meta, new_filters, new_words = read_index(bundle)
    assert new_urls == sorted(urls, key=stable.page_key)
    assert new_filters == filters
    assert {w: sorted(p) for w, p in new_words.items()} == {w: sorted(p) for w, p in words.items()}
    assert new_words["tembakau"] == [URLS["panen"]] and new_words["sapi"] == [URLS["sapi"]]
    assert new_filters["wilayah"]["Lombok Timur"] == {URLS["panen"], URLS["pasar"]}
    # The date sort lists pages oldest first; every value is distinct (time to the second, then URL).
    by_date = [new_urls[p] for p in dict(meta[4])["date"]]
    assert by_date == [URLS["pasar"], URLS["sapi"], URLS["cabai"], URLS["panen"]]
    assert [name for name, _ in meta[3]] == sorted(name for name, _ in meta[3])


def test_records_on_another_file_system_give_the_same_index(tmp_path, monkeypatch):
    """Pagefind numbers pages in directory order, which differs between file systems (ext4 hashes
    names, tmpfs keeps creation order): the records' folder must not matter."""
    other = Path("/dev/shm")
    if not other.is_dir() or os.stat(other).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system at /dev/shm")
    bundles = []
    for name, records in (("here", tmp_path / "records"), ("there", other)):
        records.mkdir(exist_ok=True)
        monkeypatch.setattr(tempfile, "tempdir", str(records))
        # A cache of its own each: the second build must index, not take the first one's bundle.
        bundles.append(files(build(PUBLISH, FIXTURE, tmp_path / name, PLUGINS=PLUGINS,
                                   CACHE_PATH=str(tmp_path / f"{name}-cache")) / "pagefind"))
    assert bundles[0] == bundles[1]


def test_records_written_in_write_order_need_no_renumbering_on_tmpfs(tmp_path, monkeypatch):
    """bundles.write_order: records laid out newest page first in a folder that lists its newest
    entry first are numbered by Pagefind in page order already, so normalize keeps the word index
    (renumbering only re-encodes it) and still gives what a shuffled numbering gives."""
    from search import bundles

    shm = bundles.fast_folder()
    if shm is None:
        pytest.skip("no /dev/shm")
    # Folders of several months, and slugs that are prefixes of others (`-2` made for a repeated title).
    rels = [f"berita/2026/{month:02d}/{slug}/index.html" for month in (1, 2, 11)
            for slug in ("banjir", "banjir-2", "banjir-di-bima", "pasar", "pasar-lama", "a")]
    records = [(rel, f'<html lang="id"><body data-pagefind-body><p>banjir pasar {rel}</p></body></html>'.encode())
               for rel in random.Random(3).sample(rels, len(rels))]
    records.sort(key=lambda record: bundles.write_order(record[0]), reverse=True)
    folder = Path(tempfile.mkdtemp(dir=shm))
    try:
        assert bundles.write_records(lambda: records, folder) == len(rels)
        raw = tmp_path / "raw"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(stable, "normalize", lambda bundle: False)
            bundles.index_folder(folder, len(rels), raw, "id", 2026)
    finally:
        shutil.rmtree(folder)
    urls, *_ = read_index(raw)
    if urls != sorted(urls, key=stable.page_key):
        pytest.skip(f"{shm} does not list a folder newest first here: normalize renumbers (slower, same bytes)")
    shuffled = tmp_path / "shuffled"
    shutil.copytree(raw, shuffled)
    assert stable.normalize(shuffled, order=lambda keys: random.Random(5).sample(range(len(keys)), len(keys)))
    assert stable.normalize(shuffled)

    def renumbered(*args):
        raise AssertionError("the word index was renumbered")

    monkeypatch.setattr(stable, "renumber_word_index", renumbered)
    assert stable.normalize(raw)
    assert files(raw) == files(shuffled)
    assert read_index(raw)[0] == sorted(urls, key=stable.page_key)


@pytest.mark.browser
def test_pagefind_answers_the_same_searches_after_normalizing(raw_bundle, bundle):
    """Pagefind's own search (its JavaScript and WebAssembly, in chromium) over both bundles."""
    import contextlib
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    assert Path(chromium).exists(), f"{chromium} is missing: apt-get install chromium (or set CHROMIUM)"
    stable.normalize(bundle)
    searches = [
        ["tembakau", {}], ["harga", {}], [None, {"filters": {"wilayah": "Lombok Timur"}}],
        [None, {"sort": {"date": "desc"}}],
        [None, {"filters": {"rubrik": "Ekonomi"}, "sort": {"date": "asc"}}],
    ]
    script = """async ([base, searches]) => {
        const pagefind = await import(base + '/pagefind.js');
        await pagefind.options({basePath: base + '/'});
        const answers = [];
        for (const [query, options] of searches) {
            const found = await pagefind.search(query, options);
            const urls = await Promise.all(found.results.map(r => r.data().then(d => d.url)));
            answers.push({urls, filters: found.filters, total: found.unfilteredResultCount});
        }
        return answers;
    }"""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    root = bundle.parent.parent / "served"
    shutil.copytree(raw_bundle, root / "raw")
    shutil.copytree(bundle, root / "normalized")
    (root / "index.html").write_text("<!doctype html><title>t</title>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p, contextlib.closing(
            p.chromium.launch(executable_path=chromium, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        ) as browser:
            page = browser.new_page()
            page.goto(base + "/")
            raw = page.evaluate(script, [base + "/raw", searches])
            normalized = page.evaluate(script, [base + "/normalized", searches])
    finally:
        server.shutdown()
        server.server_close()
    assert raw[0]["urls"] == [URLS["panen"]]
    for (query, options), before, after in zip(searches, raw, normalized):
        if "sort" in options:
            assert after == before, (query, options)
        else:  # equal scores may come back in page order, which normalizing changes
            assert sorted(after["urls"]) == sorted(before["urls"]) and after["filters"] == before["filters"]
