"""The web app manifest and the app icons, drawn from the mark at build time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from PIL import Image

import webapp
from newsroom.identity import DEFAULT_COLORS
from webapp import mark

PLUGINS = Path(__file__).resolve().parents[2]


def run_pelican(override: dict) -> None:
    """A build in its own process: Pelican's signals are process-wide, so a build here would also
    run every plugin an earlier test of this process registered (the newsroom plugin's, say)."""
    code = ("import json, sys; from pelican import Pelican; from pelican.settings import read_settings; "
            "Pelican(read_settings(path=None, override=json.loads(sys.argv[1]))).run()")
    # The mark is newsroom's (identity.py): plugins/ is importable, as pelicanconf.py makes it.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code, json.dumps(override)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("webapp")
    (tmp / "content").mkdir()
    output = tmp / "out"
    run_pelican({
        "PATH": str(tmp / "content"), "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp / "cache"),
        "SITENAME": "Uji", "SITEURL": "https://uji.example/sub", "DEFAULT_LANG": "id",
        "PLUGIN_PATHS": [str(PLUGINS)], "PLUGINS": ["webapp"], "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None,
    })
    return output


def test_manifest_names_the_site_and_lists_icons_that_exist(site):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["short_name"] == "Uji" and manifest["lang"] == "id"
    assert manifest["start_url"] == manifest["scope"] == "./"  # relative: any SITEURL, any sub-folder
    assert manifest["theme_color"] == DEFAULT_COLORS["primary"]
    sizes = {}
    for icon in manifest["icons"]:
        path = site / icon["src"]
        with Image.open(path) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"], icon
            sizes.setdefault(image.width, []).append(icon.get("purpose"))
    assert {180, 192, 512} <= set(sizes) and "maskable" in sizes[512] and "any" in sizes[512]


def test_touch_icon_is_180_px_without_transparency(site):
    with Image.open(site / "apple-touch-icon.png") as image:
        assert image.size == (180, 180) and image.mode == "RGB"


def test_icons_are_the_mark_in_the_sites_colours():
    image = mark.draw(512, "#123456", "#0b5d6b")
    assert image.getpixel((256, 20)) == (0x12, 0x34, 0x56)  # the background
    assert image.getpixel((256, 128)) == (255, 255, 255)  # the first bar (y 9 to 15 of 48 units)
    assert image.getpixel((256, 500)) == (0x0b, 0x5d, 0x6b)  # the wave
    rounded = mark.draw(192, "#123456", rounded=True)
    assert rounded.mode == "RGBA" and rounded.getpixel((0, 0))[3] == 0 and rounded.getpixel((96, 20))[3] == 255


def test_identity_comes_from_the_newsroom_site_data():
    context = {"newsroom": NS(site={"name": "FPII NTB", "long_name": "Forum Pers", "tagline": "Berita",
                                    "language": "id", "colors": {"primary": "#9b1c1c"}})}
    who = webapp.identity(context, {"SITENAME": "x"})
    assert (who["name"], who["short_name"], who["description"], who["primary"]) == (
        "Forum Pers", "FPII NTB", "Berita", "#9b1c1c")


def test_drawing_is_reproducible(tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    mark.draw(180, "#9b1c1c").save(a, "PNG", optimize=True)
    mark.draw(180, "#9b1c1c").save(b, "PNG", optimize=True)
    assert a.read_bytes() == b.read_bytes()


def icons_after_creating_the_generator(tmp_path: Path, **override) -> list[str]:
    """The cached icons right after the generator is made (as Pelican makes every generator before
    any of them reads content), in a process of its own (see run_pelican)."""
    code = ("import json, sys; from pathlib import Path; from pelican.settings import read_settings; import webapp; "
            "s = read_settings(path=None, override=json.loads(sys.argv[1])); "
            "webapp.WebAppGenerator(context={}, settings=s, path=s['PATH'], theme=s['THEME'], output_path=s['OUTPUT_PATH']); "
            "folder = Path(s['CACHE_PATH']) / 'webapp-icons'; "
            "print(json.dumps(sorted(p.suffix for p in folder.iterdir()) if folder.is_dir() else []))")
    (tmp_path / "content").mkdir()
    settings = {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "out"),
                "CACHE_PATH": str(tmp_path / "cache"), "SITENAME": "Uji", **override}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code, json.dumps(settings)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (tmp_path / "out").exists()  # nothing is written before the output
    return json.loads(done.stdout)


def test_icons_are_drawn_when_the_generator_is_made_before_any_story_is_read(tmp_path):
    # Drawn at output time, the supersampled icons were the peak of a cold build's memory.
    assert icons_after_creating_the_generator(tmp_path) == [".png"] * len(webapp.icon_files(webapp.DEFAULTS))


def test_a_check_draws_no_icons(tmp_path):
    assert icons_after_creating_the_generator(tmp_path, NEWSROOM={"CHECK_ONLY": True}) == []
