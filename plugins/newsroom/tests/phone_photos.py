"""Phone photos for tests: made in a temporary folder, turned by EXIF and carrying GPS."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

GPS = 0x8825
RED, BLUE = (220, 20, 20), (20, 20, 220)


def phone_photo(path: Path, size=(4000, 3000), orientation=6) -> Path:
    """A phone photo as the camera stores it: `size` pixels, turned by an EXIF orientation flag,
    with a GPS block. Upright, its top tenth is red and the rest blue."""
    w, h = size
    upright = (h, w) if orientation in (5, 6, 7, 8) else (w, h)
    image = Image.new("RGB", upright, BLUE)
    image.paste(RED, (0, 0, upright[0], upright[1] // 10))
    stored = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}
    if orientation in stored:
        image = image.transpose(stored[orientation])
    assert image.size == size
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(GPS).update({1: "S", 2: (8.0, 35.0, 1.5), 3: "E", 4: (116.0, 7.0, 2.25)})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80, exif=exif, comment=b"taken at home")
    return path


def assert_no_metadata(path: Path) -> None:
    raw = path.read_bytes()
    assert b"Exif" not in raw and b"GPS" not in raw and b"XMP" not in raw, f"{path} carries metadata"
    with Image.open(path) as im:
        exif = im.getexif()
        assert not exif.get_ifd(GPS) and not len(exif), f"{path} has EXIF {dict(exif)}"
        assert "comment" not in im.info and "xmp" not in im.info
