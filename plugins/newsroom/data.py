"""The newsroom's data files (content/data/*.toml): regions, rubrics, reporters, site identity.

Read with the standard library's tomllib. Every problem in a data file is reported with its file
and field, like problems in articles; a chapter in another province edits these files, not Python.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pelican.urlwrappers import Author, Category, URLWrapper
from slugify import slugify

from . import paths
from .messages import _
from .problems import ProblemLog, display_path


def desk_initials(site: dict) -> str:
    """The desk's sign-off, `[desk] initials` in site.toml ("Red", for Redaksi, by default)."""
    return str(site.get("desk", {}).get("initials") or "Red")


class FeedOf:
    """`feed_url`: the absolute address of a listing's Atom feed, from the feed setting named by
    FEED_SETTING (and its `_URL` variant, as Pelican reads them), or "" when none is written."""

    FEED_SETTING = ""

    @property
    def feed_url(self) -> str:
        pattern = self.settings.get(self.FEED_SETTING)
        if not pattern:
            return ""
        path = (self.settings.get(f"{self.FEED_SETTING}_URL") or pattern).format(slug=self.slug)
        return f"{self.settings.get('FEED_DOMAIN') or self.settings.get('SITEURL', '')}/{path}"


class Region(FeedOf, URLWrapper):
    """A regency, city or the province; URLs from REGION_URL / REGION_SAVE_AS."""

    FEED_SETTING = "REGION_FEED_ATOM"

    # The `kind` values of regions.toml; PROVINCE_WIDE holds the province's own stories (its page
    # and feed, but no block of its own on the home page).
    KINDS = ("kota", "kabupaten", "provinsi")
    PROVINCE_WIDE = "provinsi"

    def __init__(self, name, settings, *, slug, kind="kabupaten", aliases=(), description=""):
        super().__init__(name, settings)
        self.slug = slug
        self.kind = kind
        self.aliases = list(aliases)
        self.description = description
        self.articles = []

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def province_wide(self) -> bool:
        return self.kind == self.PROVINCE_WIDE

    @property
    def latest(self):
        return self.articles[0] if self.articles else None


class Rubric(FeedOf, Category):
    """A rubric of categories.toml: Pelican's `Category` (the `Category` header field, the
    category pages) with what the newsroom adds. URLs from CATEGORY_URL / CATEGORY_SAVE_AS
    (Pelican reads them as RUBRIC_*, which settings.fill_pelican_defaults mirrors)."""

    FEED_SETTING = "CATEGORY_FEED_ATOM"

    def __init__(self, name, settings, *, slug, description="", aliases=()):
        super().__init__(name, settings)
        self.slug = slug
        self.description = description
        self.aliases = list(aliases)
        self.articles = []  # published, newest first (model.build_indexes)
        self.jsonld = []  # its page's schema.org blocks (structured.py)

    @property
    def count(self) -> int:
        return len(self.articles)


class Reporter(FeedOf, Author):
    """A reporter or editor of content/data/authors/<slug>.toml: Pelican's `Author` (the `Authors`
    header field, the author pages) with the newsroom's profile. URLs from AUTHOR_URL /
    AUTHOR_SAVE_AS (Pelican reads them as REPORTER_*, which settings.fill_pelican_defaults mirrors)."""

    FEED_SETTING = "AUTHOR_FEED_ATOM"

    def __init__(self, name, settings, *, slug, role="", bio="", email="", initials="", region=None,
                 photo_path="", photo_size=None):
        super().__init__(name, settings)
        self.slug = slug
        self.role = role
        self.bio = bio
        self.email = email
        self.initials = initials  # an editor's, for the `Editor` field; empty for reporters
        self.avatar = "".join(w[0] for w in name.split()[:2]).upper()  # two letters when there is no photo
        self.region = region  # a Region or None
        self.photo_path = photo_path  # relative to the content folder; "" for none
        self.photo_size = photo_size  # (width, height) once checked
        self.photo = None  # the measured photo (photos.measure), once the build knows its URLs
        self.articles = []  # published, newest first (model.build_indexes)
        self.jsonld = []  # its page's schema.org blocks (structured.py)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def is_editor(self) -> bool:
        return bool(self.initials)


def _key(text) -> str:
    """Lookup key: case, spacing and punctuation do not matter ('Kab. Bima' == 'kab bima')."""
    return _slug_key(str(text))


@functools.lru_cache(maxsize=8192)
def _slug_key(text: str) -> str:
    # Every story names its region, rubric, reporters and editor: the same few names thousands of
    # times, each slugified (python-slugify: transliteration and several regular expressions).
    return slugify(text)


@dataclass(frozen=True)
class Editor:
    """Who signs a story off at its end, "(Adb)": an editor by initials, or the desk ("Red")."""

    initials: str  # as the newsroom writes it, and as the sign-off is printed
    name: str  # who that is ("Redaksi" for the desk)
    author: "Reporter | None" = None  # the editor's profile; None for the desk

    def __str__(self) -> str:
        return self.initials


@dataclass
class Lookup:
    """Resolve what a reporter typed (slug, name or alias) to one object, or suggest one."""

    what: str
    where: str = ""  # the file(s) a reporter opens to see or extend the list
    by_key: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)  # key -> the spelling to suggest

    def add(self, obj, *spellings: str, label: str) -> str | None:
        """Register spellings; return one that is already taken by another object."""
        clash = None
        for spelling in spellings:
            key = _key(spelling)
            if not key:
                continue
            if key in self.by_key and self.by_key[key] is not obj:
                clash = spelling
                continue
            self.by_key[key] = obj
            self.labels[key] = label
        return clash

    def get(self, value: str):
        return self.by_key.get(_key(value))

    def suggest(self, value: str) -> str | None:
        key = _key(value)
        match = difflib.get_close_matches(key, list(self.by_key), n=1, cutoff=0.6)
        return self.labels[match[0]] if match else None

    def unknown(self, value: str) -> str:
        message = _("{what} '{value}' is unknown", what=self.what, value=value)
        hint = self.suggest(value)
        if hint:
            return message + _("; did you mean '{hint}'?", hint=hint)
        return message + "; " + self.where


COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
COLOR_KEYS = ("primary", "accent", "primary_dark", "accent_dark")  # site.toml [colors], see identity.py


class DataError(Exception):
    pass


def _load_toml(path: Path, problems: ProblemLog, root: Path | None = None) -> dict:
    if root is not None and path.exists() and not paths.is_inside(root, path):
        problems.add(path, "", _("is a symbolic link to a file outside the content folder; copy the file into the "
                                 "content folder instead of linking to it"))
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.add(path, "", _("data file is missing; every newsroom needs it (copy it from the sample)"))
    except tomllib.TOMLDecodeError as exc:
        problems.add(path, "", _("is not valid TOML ({error}); check quotes and brackets on that line", error=exc))
    except UnicodeDecodeError:
        problems.add(path, "", _("is not UTF-8; save it with UTF-8 encoding"))
    return {}


def _require(entry: dict, keys: tuple[str, ...], path: Path, where: str, problems: ProblemLog) -> bool:
    ok = True
    for key in keys:
        if not str(entry.get(key, "")).strip():
            problems.add(path, f"{where}.{key}", _("is missing; add it"))
            ok = False
    return ok


def _entries(path: Path, table: str, problems: ProblemLog, root: Path | None):
    """(where, entry) for each [[table]] of a data file that has its slug and name."""
    for i, entry in enumerate(_load_toml(path, problems, root).get(table, [])):
        where = f"{table}[{i}]"
        if _require(entry, ("slug", "name"), path, where, problems):
            yield where, entry


@dataclass
class NewsroomData:
    site: dict
    regions: list[Region]
    rubrics: list[Rubric]
    reporters: list[Reporter]
    region_lookup: Lookup
    rubric_lookup: Lookup
    reporter_lookup: Lookup
    editor_lookup: Lookup


def load(data_dir: Path, settings: dict, problems: ProblemLog, root: Path | None = None,
         check_photo: Callable[[str], tuple[int, int]] | None = None) -> NewsroomData:
    """Read the data files. `root` (the real content folder) refuses files linked from outside it;
    `check_photo(path)` returns a reporter photo's size or raises ValueError with the problem."""
    site = _load_toml(data_dir / "site.toml", problems, root)
    for key, value in list(site.get("colors", {}).items()):
        if key not in COLOR_KEYS:
            problems.add(data_dir / "site.toml", f"colors.{key}", _("is not a colour the site uses; write one of {allowed}",
                                                                     allowed=", ".join(COLOR_KEYS)))
            del site["colors"][key]
            continue
        # Colours reach CSS, a <meta> and the drawn share card: only plain hex colours.
        if not (isinstance(value, str) and COLOR_RE.fullmatch(value)):
            problems.add(data_dir / "site.toml", f"colors.{key}",
                         _("'{value}' is not a colour; write it as #rrggbb, e.g. \"#9b1c1c\"", value=value))
            del site["colors"][key]

    regions_file = data_dir / "regions.toml"
    regions: list[Region] = []
    region_lookup = Lookup(_("Region"), _("the list is in {file}", file=display_path(regions_file)))
    for where, entry in _entries(regions_file, "region", problems, root):
        kind = entry.get("kind", "kabupaten")
        if kind not in Region.KINDS:
            problems.add(regions_file, f"{where}.kind", _("'{value}' is not a kind of region; write one of {allowed}",
                                                          value=kind, allowed=", ".join(Region.KINDS)))
            kind = "kabupaten"
        region = Region(
            entry["name"],
            settings,
            slug=entry["slug"],
            kind=kind,
            aliases=entry.get("aliases", []),
            description=entry.get("description", ""),
        )
        clash = region_lookup.add(region, region.slug, region.name, *region.aliases, label=region.name)
        if clash:
            problems.add(regions_file, f"{where}.aliases",
                         _("'{name}' is already used by another region; remove it from one of them", name=clash))
        regions.append(region)

    # The data file and its table keep Pelican's word, as the `Category` header field does.
    rubrics_file = data_dir / "categories.toml"
    rubrics: list[Rubric] = []
    rubric_lookup = Lookup(_("Category"), _("the list is in {file}", file=display_path(rubrics_file)))
    for where, entry in _entries(rubrics_file, "category", problems, root):
        rubric = Rubric(entry["name"], settings, slug=entry["slug"], description=entry.get("description", ""),
                        aliases=entry.get("aliases", []))
        clash = rubric_lookup.add(rubric, rubric.slug, rubric.name, *rubric.aliases, label=rubric.name)
        if clash:
            problems.add(rubrics_file, where, _("'{name}' is already used by another rubric", name=clash))
        rubrics.append(rubric)

    reporters: list[Reporter] = []
    authors_dir = data_dir / "authors"
    reporter_lookup = Lookup(_("Reporter"), _("add the reporter with: invoke reporter \"Full Name\" (it writes {folder}/<name>.toml)",
                                           folder=display_path(authors_dir)))
    editor_lookup = Lookup(_("Editor"), _("write the initials of an editor (the 'initials' in {folder}/*.toml) "
                                       "or '{desk}' for the desk", folder=display_path(authors_dir),
                                       desk=desk_initials(site)))
    # The desk always exists: "(Red)" signs off what the newsroom as a whole edited.
    desk = site.get("desk", {})
    editor_lookup.add(Editor(desk_initials(site), desk.get("name") or _("Editorial desk")), desk_initials(site),
                      label=desk_initials(site))
    for path in sorted(authors_dir.glob("*.toml")):
        entry = _load_toml(path, problems, root)
        if not entry or not _require(entry, ("name",), path, "author", problems):
            continue
        photo_path, photo_size = str(entry.get("photo", "")).lstrip("/"), None
        if photo_path and check_photo is not None:
            try:
                photo_size = check_photo(photo_path)
            except ValueError as exc:
                problems.add(path, "photo", str(exc))
                photo_path = ""
        region_name = entry.get("region", "")
        region = region_lookup.get(region_name) if region_name else None
        if region_name and region is None:
            problems.add(path, "region", region_lookup.unknown(region_name))
        author = Reporter(entry["name"], settings, slug=path.stem, role=entry.get("role", ""), bio=entry.get("bio", ""),
                          email=entry.get("email", ""), initials=entry.get("initials", ""), region=region,
                          photo_path=photo_path, photo_size=photo_size)
        clash = reporter_lookup.add(author, author.slug, author.name, label=author.name)
        if clash:
            problems.add(path, "name", _("'{name}' is already used by another reporter", name=clash))
        if author.initials:
            taken = editor_lookup.add(Editor(author.initials, author.name, author), author.initials,
                                      label=author.initials)
            if taken:
                problems.add(path, "initials", _("'{initials}' is already used by another editor or by the desk",
                                                 initials=taken))
        reporters.append(author)
    if not reporters:
        problems.add(authors_dir, "", _("no reporter files found; add one <slug>.toml per reporter "
                                        "(invoke reporter \"Full Name\")"))

    return NewsroomData(
        site, regions, rubrics, reporters, region_lookup, rubric_lookup, reporter_lookup, editor_lookup
    )
