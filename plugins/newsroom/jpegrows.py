"""JPEG files put together from rows encoded once, for pictures that share most of their rows.

Five thousand drawn social cards (cards.py) are one background with a different headline: the
mark, the site's name, the empty rows around the headline and the region band (one per region)
are the same pixels on every card, yet encoding whole cards spent more CPU than anything else in
a cold build but rendering pages (about 2.5 ms a card, 12 s at 5,000 stories).

A baseline JPEG written with a restart marker after every row of MCUs (`restart_marker_rows=1`)
codes each row on its own: the DC predictions start again at every marker, and with the standard
Huffman tables (no `optimize`) and 4:2:0 subsampling (which averages within a 16x16 block) the
bytes of a row depend only on that row's pixels. So a row encoded once can be reused in any
picture of the same width and quality, and a picture is its header, its rows with the markers
numbered 0-7 between them, and an end marker: the same bytes as Pillow's own encoding of the whole
picture with the same options (tests/test_jpegrows.py compares them).

Nothing here knows about cards: `encode()` gives the rows of a strip (a band of the picture that
starts on a row boundary), `join()` makes the file. No library does this (jpegtran's lossless
crop and drop work on files, through a command, and cost more than the encoding they would save).
"""

from __future__ import annotations

import functools
import io
import re

from PIL import Image

MCU = 16  # pixel rows in a row of MCUs with 4:2:0 subsampling
OPTIONS = {"subsampling": "4:2:0", "restart_marker_rows": 1}
_RST = [bytes((0xFF, 0xD0 + n)) for n in range(8)]
_SOS, _EOI = 0xDA, b"\xff\xd9"
_SOFS = {0xC0, 0xC1, 0xC2}  # the frame header holds the picture's height
_MARKER = re.compile(rb"\xff[\xd0-\xd7]")  # a restart marker


def _save(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **OPTIONS)
    return buffer.getvalue()


def split(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """A JPEG written with OPTIONS: its header (up to the scan's data) and its rows, without
    the restart markers between them and the end marker."""
    at = 2
    while True:
        if jpeg[at] != 0xFF:
            raise ValueError("not a JPEG written by encode(): a marker was expected")
        marker, length = jpeg[at + 1], int.from_bytes(jpeg[at + 2:at + 4], "big")
        at += 2 + length
        if marker == _SOS:
            break
    header, data = jpeg[:at], jpeg[at:]
    if not data.endswith(_EOI):
        raise ValueError("not a JPEG written by encode(): no end marker after the scan")
    # Inside coded data a 0xFF byte is always followed by 0x00: any other pair is a marker.
    return header, _MARKER.split(data[:-2])


def encode(strip: Image.Image, quality: int) -> list[bytes]:
    """The coded rows of `strip` (RGB): a band of a picture starting on a row boundary, MCU rows
    high each except for the picture's last row (rows(height) of them for a strip `height` high)."""
    _, coded = split(_save(strip, quality))
    if len(coded) != rows(strip.height):
        raise ValueError(f"expected {rows(strip.height)} rows of MCUs, the encoder wrote {len(coded)}")
    return coded


def rows(height: int) -> int:
    return -(-height // MCU)


@functools.lru_cache(maxsize=32)
def header(width: int, height: int, quality: int) -> bytes:
    """What comes before the rows in a picture of this size: the header of a one-row picture
    of that width, with the height written into its frame header."""
    head, _ = split(_save(Image.new("RGB", (width, MCU)), quality))
    at = 2
    while True:
        marker, length = head[at + 1], int.from_bytes(head[at + 2:at + 4], "big")
        if marker in _SOFS:  # length(2) precision(1) height(2) width(2)
            return head[:at + 5] + height.to_bytes(2, "big") + head[at + 7:]
        at += 2 + length


def join(width: int, height: int, quality: int, coded: list[bytes]) -> bytes:
    """The JPEG of a `width` x `height` RGB picture from its coded rows (from encode())."""
    if len(coded) != rows(height):
        raise ValueError(f"a picture {height} pixels high has {rows(height)} rows of MCUs, not {len(coded)}")
    parts = [header(width, height, quality), coded[0]]
    for n, row in enumerate(coded[1:]):
        parts += (_RST[n % 8], row)
    parts.append(_EOI)
    return b"".join(parts)
