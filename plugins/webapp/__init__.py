"""webapp: a web app manifest and PNG app icons, drawn at build time from the portal's mark.

Phones use them when a reader adds the portal to the home screen: the manifest
(`manifest.webmanifest`) names the site in its language and colour and lists the icons; iOS takes
`apple-touch-icon.png` (180 px, no transparency). The icons are drawn with Pillow (mark.py) from
the same mark as the share card and the SVG logo, in the brand colour of content/data/site.toml,
so a chapter in another province gets its own without an image editor.

The theme links them from every page through `webapp` in the template context (`manifest`,
`touch_icon`, `logo`: the 512 px icon, for structured data). Setting WEBAPP (a dict, keys
optional): MANIFEST (file name, "" for none), ICONS_PATH (folder of the other icons),
TOUCH_ICON, DISPLAY ("minimal-ui"), BACKGROUND ("#ffffff").
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

from pelican import signals
from pelican.generators import Generator

from newsroom.identity import DEFAULT_COLORS

from . import mark

logger = logging.getLogger(__name__)

DEFAULTS = {
    "MANIFEST": "manifest.webmanifest",
    "ICONS_PATH": "icons",
    "TOUCH_ICON": "apple-touch-icon.png",
    "DISPLAY": "minimal-ui",
    "BACKGROUND": "#ffffff",
}


def settings_of(settings: dict) -> dict:
    given = settings.get("WEBAPP") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"WEBAPP setting has unknown key(s) {unknown}; known: {sorted(DEFAULTS)}")
    return {**DEFAULTS, **given}


def icon_files(cfg: dict) -> list[dict]:
    """Every icon: file (site path), size, purpose for the manifest, and how it is drawn."""
    folder = cfg["ICONS_PATH"].strip("/")
    return [
        {"file": f"{folder}/icon-192.png", "size": 192, "purpose": "any", "rounded": True, "inset": 0.0},
        {"file": f"{folder}/icon-512.png", "size": 512, "purpose": "any", "rounded": True, "inset": 0.0},
        {"file": f"{folder}/maskable-512.png", "size": 512, "purpose": "maskable", "rounded": False, "inset": 0.1},
        {"file": cfg["TOUCH_ICON"], "size": 180, "purpose": None, "rounded": False, "inset": 0.0},
    ]


def identity(context: dict, settings: dict) -> dict:
    """Name, description, colours and language: the newsroom's site.toml when the newsroom plugin
    runs (context["newsroom"].site), else Pelican's SITENAME."""
    site = getattr(context.get("newsroom"), "site", None) or {}
    colors = site.get("colors") or {}
    name = site.get("name") or settings.get("SITENAME", "")
    return {
        "name": site.get("long_name") or name,
        "short_name": name,
        "description": site.get("tagline", ""),
        "lang": site.get("language") or settings.get("DEFAULT_LANG", "en"),
        "primary": colors.get("primary") or DEFAULT_COLORS["primary"],
        "accent": colors.get("accent") or DEFAULT_COLORS["accent"],
    }


def manifest(who: dict, cfg: dict) -> dict:
    """The manifest; URLs are relative to it (it sits at the site's root), so any SITEURL works."""
    icons = []
    for icon in icon_files(cfg):
        entry = {"src": icon["file"], "sizes": f"{icon['size']}x{icon['size']}", "type": "image/png"}
        if icon["purpose"]:
            entry["purpose"] = icon["purpose"]
        icons.append(entry)
    return {
        "name": who["name"],
        "short_name": who["short_name"],
        "description": who["description"],
        "lang": who["lang"],
        "dir": "ltr",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": cfg["DISPLAY"],
        "background_color": cfg["BACKGROUND"],
        "theme_color": who["primary"],
        "icons": icons,
    }


def drawn(icon: dict, who: dict, cache: Path) -> Path:
    """The icon's PNG in the cache, drawn once per colour, size and version of mark.py (drawing
    takes most of a second; a live-reloading preview should not pay for it every time)."""
    recipe = json.dumps([icon["size"], icon["inset"], icon["rounded"], who["primary"], who["accent"]])
    key = hashlib.sha1(recipe.encode() + Path(mark.__file__).read_bytes()).hexdigest()[:16]
    path = cache / f"{key}.png"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        picture = mark.draw(icon["size"], who["primary"], who["accent"], inset=icon["inset"], rounded=icon["rounded"])
        partial = path.with_suffix(".tmp")
        picture.save(partial, "PNG", optimize=True)
        partial.replace(path)
    return path


class WebAppGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cfg = settings_of(self.settings)
        # The icons are drawn (when the cache lacks them: a cold build) as the generators are made,
        # before any story is read, not when the output is written: drawn 4 times larger than
        # they are (mark.SUPERSAMPLE), a 512-px icon takes some 40 MB for a moment, and at the
        # end of a cold build of 10,000 stories that moment was the build process's peak
        # (381 MB, against 344 MB otherwise; the limit is 400). `invoke check` writes
        # nothing and draws nothing.
        checking = (self.settings.get("NEWSROOM") or {}).get("CHECK_ONLY")
        self.icons = self._icons() if self.cfg["MANIFEST"] and not checking else None

    def _icons(self) -> dict[str, Path]:
        """Each icon's site path and its drawn PNG in the cache."""
        who = identity(self.context, self.settings)
        cache = Path(self.settings.get("CACHE_PATH") or "cache") / "webapp-icons"
        return {icon["file"]: drawn(icon, who, cache) for icon in icon_files(self.cfg)}

    def generate_context(self):
        if not self.cfg["MANIFEST"]:
            return
        largest = next(i for i in icon_files(self.cfg) if i["size"] == 512 and i["purpose"] == "any")
        self.context["webapp"] = SimpleNamespace(
            manifest=self.cfg["MANIFEST"],
            touch_icon=self.cfg["TOUCH_ICON"],
            logo={"url": largest["file"], "width": 512, "height": 512},
        )

    def generate_output(self, writer):
        if not self.cfg["MANIFEST"]:
            return
        output = Path(self.output_path)
        for file, png in (self.icons or self._icons()).items():
            target = output / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(png, target)
        who = identity(self.context, self.settings)
        text = json.dumps(manifest(who, self.cfg), ensure_ascii=False, indent=2) + "\n"
        (output / self.cfg["MANIFEST"]).write_text(text, encoding="utf-8")
        logger.info("Web app manifest and %d icons written", len(icon_files(self.cfg)))


def check_settings(pelican) -> None:
    settings_of(pelican.settings)


def get_generators(pelican):
    return WebAppGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
