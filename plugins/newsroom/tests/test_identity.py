"""identity.py: the site's name, language, clock, colours and mark come from site.toml alone."""

from __future__ import annotations

from xml.etree import ElementTree

from PIL import Image, ImageDraw

from newsroom import identity

COLORS = {"primary": "#123456", "accent": "#abcdef"}


def test_site_settings_come_from_site_toml(tmp_path):
    toml = tmp_path / "site.toml"
    toml.write_text('[site]\nname = "FPII Uji"\nlanguage = "en"\ntimezone = "Asia/Jayapura"\n'
                    'url = "https://uji.example/"\n', encoding="utf-8")
    assert identity.site_settings(toml) == {"SITENAME": "FPII Uji", "DEFAULT_LANG": "en",
                                            "TIMEZONE": "Asia/Jayapura", "SITEURL": "https://uji.example"}


def test_a_broken_or_missing_site_toml_gives_fallbacks_not_a_traceback(tmp_path):
    broken = tmp_path / "site.toml"
    broken.write_text("[site\nname = ", encoding="utf-8")
    for path in (broken, tmp_path / "missing.toml"):
        assert identity.site_settings(path) == {"SITENAME": "", "DEFAULT_LANG": "id", "TIMEZONE": "UTC", "SITEURL": ""}


def test_colours_default_and_derive_their_dark_variants():
    colors = identity.colors_of({"colors": {"primary": "#000000"}})
    assert colors["primary"] == "#000000" and colors["accent"] == identity.DEFAULT_COLORS["accent"]
    assert colors["primary_dark"] == identity.lighten("#000000", 0.55) != "#000000"
    assert identity.colors_of({"colors": {**COLORS, "accent_dark": "#00ff00"}})["accent_dark"] == "#00ff00"


def test_stylesheet_sets_the_custom_properties_in_both_schemes():
    css = identity.stylesheet(identity.colors_of({"colors": COLORS}))
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    assert "--primary: #123456" in light and "--brand: #123456" in light and "--link: #abcdef" in light
    assert "--primary: #123456" not in dark and f"--primary: {identity.lighten('#123456', 0.55)}" in dark


def test_mark_svg_uses_the_site_colours():
    svg = identity.mark_svg(COLORS, title="FPII Uji")
    root = ElementTree.fromstring(svg)
    fills = {el.get("fill") for el in root.iter() if el.get("fill")}
    assert fills == {"#123456", "#abcdef", identity.INK}
    assert root.get("aria-label") == "FPII Uji" and root.get("role") == "img"
    inline = ElementTree.fromstring(identity.mark_svg(COLORS, standalone=False, size=40, css_class="logo"))
    assert inline.get("aria-hidden") == "true" and inline.get("class") == "logo" and inline.get("width") == "40"


def test_draw_mark_paints_the_mark_inside_its_square():
    image = Image.new("RGB", (200, 200), "#000000")
    identity.draw_mark(ImageDraw.Draw(image), 20, 20, 96, COLORS)
    unit = 96 / identity.UNITS
    at = lambda x, y: image.getpixel((round(20 + x * unit), round(20 + y * unit)))  # noqa: E731
    assert at(4, 4) == (0x12, 0x34, 0x56)  # background
    assert at(20, 12) == (255, 255, 255)  # first bar
    assert at(24, 45) == (0xAB, 0xCD, 0xEF)  # wave
    assert at(0.3, 47.7) == (0, 0, 0) and at(47.7, 0.3) == (0, 0, 0)  # round corners
    assert image.getpixel((150, 150)) == (0, 0, 0)  # nothing outside the square
