"""Make a Pagefind 1.5 bundle byte-for-byte reproducible: the same articles give the same files.

Two Pagefind runs over the same records do not give the same bundle, for two reasons found by
comparing builds (Pagefind 1.5.2):

1. Filters come out of Rust hash maps: the order of the values inside each filter file (and of
   the filters and sorts listed in the meta file) changes from run to run, so the filter files'
   content hashes, hence their names, the meta file and `pagefind-entry.json` change too.
   Upstream sorts them since commit 0b56369 (after 1.5.2; no release has it yet).
2. Pages are numbered in the order Pagefind walks the records folder, which is the file
   system's directory order: on ext4 it follows a hash seeded per file system, on tmpfs the
   creation order. Builds on two machines (or in two temporary folders on different file
   systems) number the pages differently, and every word index, filter and sort holds page
   numbers. Upstream walks unsorted still.

`normalize()` rewrites the bundle the way a Pagefind without those two effects would write it:
pages numbered in URL order, filters and their values sorted by name, sorts sorted by key;
rewritten files are named with Pagefind's own hash scheme and gzipped without a timestamp.
Fragments, the WebAssembly and the scripts are left as Pagefind wrote them (already stable).
Word positions, the bulk of the index, are copied as bytes, not decoded: about a second of CPU
per thousand articles. tests/test_stable.py checks the result with Pagefind's own search.

The files are gzip-compressed CBOR (the meta, word index and filter files) or JSON (fragments),
each prefixed with `pagefind_dcd`. The small CBOR codec below covers what Pagefind writes
(unsigned and negative integers, text, definite-length arrays) and reproduces Pagefind's bytes
exactly; anything else is refused rather than guessed at.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
import re
from pathlib import Path

logger = logging.getLogger(__name__)

SIGNATURE = b"pagefind_dcd"
# Bundles whose layout this module was checked against (index/index_metadata.rs,
# index_words.rs and index_filter.rs of that tag). A newer Pagefind is left alone, with a warning.
KNOWN_VERSIONS = {"1.5.2"}


class FormatError(ValueError):
    """The bundle is not laid out as this module expects."""


# --- CBOR: the subset Pagefind's minicbor writes -------------------------------------------------

def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise FormatError(f"integer too large for CBOR: {value}")


def encode(item) -> bytes:
    out = bytearray()

    def put(x):
        if isinstance(x, bool) or x is None:
            raise FormatError(f"unexpected CBOR value {x!r}")
        if isinstance(x, int):
            out.extend(_head(0, x) if x >= 0 else _head(1, -1 - x))
        elif isinstance(x, str):
            raw = x.encode("utf-8")
            out.extend(_head(3, len(raw)))
            out.extend(raw)
        elif isinstance(x, list):
            out.extend(_head(4, len(x)))
            for y in x:
                put(y)
        else:
            raise FormatError(f"unexpected CBOR value {x!r}")

    put(item)
    return bytes(out)


def decode(data: bytes):
    pos = 0

    def argument(info: int) -> int:
        nonlocal pos
        if info < 24:
            return info
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
        if size is None:
            raise FormatError(f"unsupported CBOR length encoding {info} at byte {pos}")
        value = int.from_bytes(data[pos:pos + size], "big")
        pos += size
        return value

    def item():
        nonlocal pos
        if pos >= len(data):
            raise FormatError("CBOR data ends early")
        major, info = data[pos] >> 5, data[pos] & 31
        pos += 1
        value = argument(info)
        if major == 0:
            return value
        if major == 1:
            return -1 - value
        if major == 3:
            text = data[pos:pos + value].decode("utf-8")
            pos += value
            return text
        if major == 4:
            return [item() for _ in range(value)]
        raise FormatError(f"unsupported CBOR major type {major}")

    result = item()
    if pos != len(data):
        raise FormatError(f"{len(data) - pos} byte(s) after the CBOR item")
    return result


# --- Pagefind's files ----------------------------------------------------------------------------

def read_payload(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name} is not a Pagefind file")
    return data[len(SIGNATURE):]


def write_payload(path: Path, payload: bytes) -> None:
    # mtime=0: no build time in the gzip header. Level 6 (zlib's default, as Pagefind's own
    # files): a year's word index (1,667 stories) in 0.2 s instead of 0.46 s at level 9, for
    # 0.65 % more bytes (1.75 MB against 1.74 MB, of which a search fetches a few chunks).
    path.write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=6, mtime=0))


def full_hash(data: bytes) -> str:
    """Pagefind's `full_hash`: SHA-1 with each byte in unpadded hex (Rust's `{:x?}`)."""
    return "".join(format(b, "x") for b in hashlib.sha1(data).digest())


def _short_name(language: str, data: bytes, taken: set[str]) -> str:
    whole = f"{language}_{full_hash(data)}"
    length = len(language) + 8
    name = whole[:length]
    while name in taken and length < len(whole):
        length += 1
        name = whole[:length]
    taken.add(name)
    return name


# One CBOR integer (major type 0 or 1, any width); `_ints(n)` matches an array's n of them at C speed.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39].{2}|[\x1a\x3a].{4}|[\x1b\x3b].{8})"


@functools.cache
def _ints(count: int) -> re.Pattern:
    return re.compile(_INT + b"{%d}" % count, re.DOTALL)


class _Reader:
    """Walks a word index chunk without turning its millions of word positions into objects."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def head(self, major: int) -> int:
        data, pos = self.data, self.pos
        if data[pos] >> 5 != major:
            raise FormatError(f"expected CBOR major type {major} at byte {pos}")
        info = data[pos] & 31
        if info < 24:
            self.pos = pos + 1
            return info
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
        if size is None:
            raise FormatError(f"unsupported CBOR length encoding {info} at byte {pos}")
        self.pos = pos + 1 + size
        return int.from_bytes(data[pos + 1:pos + 1 + size], "big")

    def text(self) -> bytes:
        start = self.pos
        length = self.head(3)
        self.pos += length
        return self.data[start:self.pos]


def _renumber_postings(reader: _Reader, new_number: dict[int, int], out: bytearray) -> None:
    """Postings [[page delta, locs, meta_locs], ...]: map page numbers, keep them ascending."""
    count = reader.head(4)
    data, pos = reader.data, reader.pos
    postings, number = [], 0
    for _ in range(count):
        if data[pos] != 0x83:  # an array of 3 fields
            raise FormatError(f"a posting of 3 fields expected at byte {pos}")
        pos += 1
        if data[pos] < 24:  # the common short forms are read inline: this loop runs per posting
            number += data[pos]
            pos += 1
        else:
            reader.pos = pos
            number += reader.head(0)
            pos = reader.pos
        start = pos
        for _field in range(2):  # locs, meta_locs: arrays of integers, copied as they are
            if 0x80 <= data[pos] < 0x98:
                items = data[pos] - 0x80
                pos += 1
            else:
                reader.pos = pos
                items = reader.head(4)
                pos = reader.pos
            match = _ints(items).match(data, pos)
            if match is None:
                raise FormatError(f"expected {items} integer(s) at byte {pos}")
            pos = match.end()
        postings.append((new_number[number], data[start:pos]))
    reader.pos = pos
    postings.sort()
    out += _head(4, count)
    last = 0
    for number, positions in postings:
        out += b"\x83" + _head(0, number - last) + positions
        last = number


def renumber_word_index(data: bytes, new_number: dict[int, int]) -> bytes:
    """A word index chunk (WordIndex: [[word, postings, [[form, postings], ...]], ...]]) renumbered."""
    reader, out = _Reader(data), bytearray()
    if reader.head(4) != 1:
        raise FormatError("a word index chunk is an array of 1 field")
    words = reader.head(4)
    out += _head(4, 1) + _head(4, words)
    for _ in range(words):
        if reader.head(4) != 3:
            raise FormatError(f"a word of 3 fields expected before byte {reader.pos}")
        out += b"\x83" + reader.text()
        _renumber_postings(reader, new_number, out)
        variants = reader.head(4)
        out += _head(4, variants)
        for _ in range(variants):
            if reader.head(4) != 2:
                raise FormatError(f"a variant of 2 fields expected before byte {reader.pos}")
            out += b"\x82" + reader.text()
            _renumber_postings(reader, new_number, out)
    if reader.pos != len(data):
        raise FormatError(f"{len(data) - reader.pos} byte(s) after the word index")
    return bytes(out)


def renumber(bundle: Path, language: str, meta: list, new_number: dict[int, int]) -> list:
    """Renumber every page of one language's index; return the new meta (files are rewritten)."""
    version, pages, chunks, filters, sorts, meta_fields = meta
    old_of = sorted(new_number, key=new_number.get)
    pages = [pages[old] for old in old_of]
    # Read everything first: a rewritten file may take the name an unread one has now.
    word_chunks = [read_payload(bundle / "index" / f"{name}.pf_index") for _, _, name in chunks]
    filters = sorted(filters, key=lambda f: f[0])
    filter_files = [decode(read_payload(bundle / "filter" / f"{name}.pf_filter")) for _, name in filters]
    for _, _, name in chunks:
        (bundle / "index" / f"{name}.pf_index").unlink(missing_ok=True)
    for _, name in filters:
        (bundle / "filter" / f"{name}.pf_filter").unlink(missing_ok=True)

    # Pages Pagefind already numbered in the new order (bundles.write_records): the word index,
    # the bulk of the bundle, is right as it is and only re-compressed (renumbering it with the
    # identity gives the same bytes; test_stable.py checks it).
    unchanged = all(old == new for old, new in new_number.items())
    taken: set[str] = set()
    new_chunks = []
    for (start, end, _), words in zip(chunks, word_chunks):
        payload = words if unchanged else renumber_word_index(words, new_number)
        new_name = _short_name(language, payload, taken)
        write_payload(bundle / "index" / f"{new_name}.pf_index", payload)
        new_chunks.append([start, end, new_name])

    taken = set()
    new_filters = []
    for (filter_name, _), (title, values) in zip(filters, filter_files):
        values = sorted(([value, sorted(new_number[p] for p in numbers)] for value, numbers in values),
                        key=lambda v: v[0])
        payload = encode([title, values])
        new_name = _short_name(language, payload, taken)
        write_payload(bundle / "filter" / f"{new_name}.pf_filter", payload)
        new_filters.append([filter_name, new_name])

    new_sorts = [[key, [new_number[p] for p in order]] for key, order in sorted(sorts, key=lambda s: s[0])]
    return [version, pages, new_chunks, new_filters, new_sorts, meta_fields]


def fragment_url(bundle: Path, page_hash: str) -> str:
    return json.loads(read_payload(bundle / "fragment" / f"{page_hash}.pf_fragment"))["url"]


def page_key(url: str) -> list[str]:
    """Where a page goes in the normalized numbering: by URL, one path segment at a time, so a
    folder's pages come before the next folder's (`/a/` before `/a-2/`). That is also the order of
    a walk through the records' folders with each folder's entries sorted by name, which lets
    bundles.write_records lay the records out so that Pagefind numbers them this way already."""
    return url.split("/")


def url_order(keys: list[tuple]) -> list[int]:
    """Old page numbers in their new order: by URL (page_key; then fragment hash and word count,
    which only identical pages share, so any order among those gives the same bytes)."""
    return sorted(range(len(keys)), key=lambda n: (page_key(keys[n][0]), *keys[n][1:]))


def normalize(bundle: Path, order=url_order) -> bool:
    """Rewrite the bundle in `bundle` (a `pagefind/` folder) reproducibly; False if left alone.

    `order` maps each page's (url, fragment hash, word count) to the new page order; tests
    pass a shuffled one to show that the result does not depend on the order Pagefind used.
    """
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry.get("version") not in KNOWN_VERSIONS:
        logger.warning("Search index: Pagefind %s is not one plugins/search/stable.py was checked against "
                       "(%s); its files are left as written, so they may differ between builds.",
                       entry.get("version"), ", ".join(sorted(KNOWN_VERSIONS)))
        return False
    languages = {}
    for language, info in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = decode(read_payload(meta_file))
        if len(meta) != 6:
            raise FormatError(f"{meta_file.name} has {len(meta)} fields, expected 6")
        keys = [(fragment_url(bundle, page_hash), page_hash, words) for page_hash, words in meta[1]]
        meta = renumber(bundle, language, meta, {old: new for new, old in enumerate(order(keys))})
        payload = encode(meta)
        meta_hash = f"{language}_{full_hash(payload)[:len(language) + 8]}"
        meta_file.unlink()
        write_payload(bundle / f"pagefind.{meta_hash}.pf_meta", payload)
        languages[language] = {**info, "hash": meta_hash}
    entry["languages"] = languages
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
