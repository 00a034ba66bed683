"""Markdown reader that knows the newsroom's article header.

It subclasses Pelican's own MarkdownReader (registered on `readers_init`) because only the reader
knows which file a header value came from: every problem is reported with the file, the field,
what is wrong and the nearest valid value. A file that cannot be placed on the site (no date, an
unknown region, not UTF-8, ...) is skipped with Pelican's own "skip" status, never half-published.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import hashlib
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markdown import Markdown
from pelican.contents import Page
from pelican.readers import MarkdownReader
from pelican.utils import file_suffix
from pelican.urlwrappers import Tag
from slugify import slugify

from . import bodies, bodyphotos, paths, photos, state
from .messages import _
from .pelican_compat import DISCARD
from .problems import display_path


def date_hint(clock: str) -> str:
    return _("write it as YYYY-MM-DD HH:MM in {zone}, e.g. 2026-10-14 09:35", zone=clock)

STATUSES = ("published", "draft", "retracted")
TRUE = {"true", "yes", "ya", "1", "on"}
FALSE = {"false", "no", "tidak", "0", "off", ""}
LINK_RE = re.compile(r"\{(filename|static|attach)\}([^\s)\"'<>#?]+)")
# Every header field an article or page may have (as Pelican stores them, lower case) and how
# the reporters' guide spells it. Anything else is a problem, never silently ignored.
FIELDS = {
    "title": "Title", "date": "Date", "modified": "Modified", "authors": "Authors", "author": "Author",
    "region": "Region", "category": "Category", "tags": "Tags", "summary": "Summary",
    "dateline": "Dateline", "editor": "Editor", "status": "Status", "featured": "Featured",
    "slug": "Slug", "image": "Image", "imagealt": "ImageAlt", "caption": "Caption", "credit": "Credit",
    # Accountability (accountability.py): corrections, right of reply, updates, retraction, advertorials.
    "correction": "Correction", "reply_to": "Reply_To", "update_of": "Update_Of",
    "verification": "Verification", "retraction": "Retraction", "type": "Type",
}
REPEATABLE = ("correction",)  # several `Correction:` lines, one per correction
ARTICLE_TYPES = {"berita": "", "news": "", "advertorial": "advertorial", "iklan": "advertorial",
                 "sponsored": "advertorial"}
PLAIN_TEXT_FIELDS = ("dateline", "imagealt", "caption", "credit")
# The header as Python-Markdown's meta extension reads it (markdown/extensions/meta.py).
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
LOCAL_DATE_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(?:pukul\s+)?(\d{1,2})[:.](\d{2})(?:\s*WITA)?)?", re.I)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?")


def parse_date(value: str, zone: datetime.tzinfo | None = None, clock: str = "") -> datetime.datetime:
    """Strict date: ISO 8601 as reporters write it; naive means the site's clock (Pelican's
    TIMEZONE; `clock` is what the newsroom calls it, site.toml's timezone_abbr, e.g. WITA).

    A date with an explicit offset (`Z`, `+07:00`) is converted to `zone`, so a page never shows
    another zone's clock labelled as the site's.
    """
    clock = clock or str(zone or "UTC")
    text = value.strip()
    if not DATE_RE.fullmatch(text):
        local = LOCAL_DATE_RE.fullmatch(text)
        if local:  # 20/08/2024 12:40, as Indonesians write it: say exactly what to write instead
            day, month, year, hour, minute = local.groups()
            written = f"{year}-{int(month):02d}-{int(day):02d}" + (f" {int(hour):02d}:{minute}" if hour else " HH:MM")
            raise ValueError(_("'{value}' is not in the form the site reads; write it as {written} "
                               "(year-month-day, {zone})", value=value, written=written, zone=clock))
        raise ValueError(_("'{value}' is not a date; {hint}", value=value, hint=date_hint(clock)))
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(_("'{value}' is not a real date or time; {hint}", value=value, hint=date_hint(clock))) from None
    if parsed.tzinfo is not None and zone is not None:
        try:
            parsed = parsed.astimezone(zone)
        except OverflowError:
            raise ValueError(_("'{value}' is not a real date or time; {hint}", value=value, hint=date_hint(clock))) from None
    return parsed


@dataclass
class Header:
    """The header lines of a file: field names (lower case) with line numbers and raw values."""

    fields: list[tuple[int, str, str]] = field(default_factory=list)
    broken_line: tuple[int, str] | None = None  # a line that ended the header by mistake

    def value(self, name: str) -> str | None:
        return next((v for _, k, v in self.fields if k == name), None)


def scan_header(text: str) -> Header:
    header = Header()
    lines = text.lstrip("\ufeff").split("\n")
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    for number, line in enumerate(lines[start:], start + 1):
        if not line.strip() or (start and END_RE.match(line)):
            break
        match = META_RE.match(line)
        if match:
            header.fields.append((number, match["key"].lower(), match["value"].strip()))
        elif header.fields and META_MORE_RE.match(line):
            continue
        else:
            if header.fields:
                header.broken_line = (number, line.strip())
            break
    return header


class _MetaOnly:
    """What Pelican's _parse_metadata needs of a Markdown object when no field is formatted."""

    class preprocessors:  # noqa: N801 (Markdown's attribute name)
        @staticmethod
        def deregister(name):
            pass


@functools.lru_cache(maxsize=8)
def _parts(folders: tuple[str, ...]) -> list[tuple[str, ...]]:
    """ARTICLE_PATHS as path components (`berita/` and `berita` alike)."""
    return [Path(p).parts for p in folders]


class NewsroomMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_problems: list[tuple[str, str]] | None = None
        self._file_warnings: list[tuple[str, str]] = []
        self._fatal = False
        self._unknown: dict[str, int] = {}
        self._zone = zoneinfo.ZoneInfo(self.settings.get("TIMEZONE") or "UTC")

    @property
    def _clock(self) -> str:
        """What the newsroom calls its time zone (site.toml's timezone_abbr, e.g. WITA)."""
        return state.current(self.settings).data.site.get("site", {}).get("timezone_abbr", "")

    # --- per-field processing ---------------------------------------------------------------
    def process_metadata(self, name, value):
        if self._file_problems is None:  # defaults and path metadata, outside of a file
            return super().process_metadata(name, value)
        if name not in FIELDS:
            return DISCARD  # reported with its line by _check_header; never acted upon
        if isinstance(value, list) and name not in REPEATABLE:  # written twice: reported by _check_header
            value = ", ".join(value) if name == "tags" else value[0]
        handler = getattr(self, f"_field_{name}", None)
        if handler is None:
            return super().process_metadata(name, value)
        try:
            return handler(value)
        except ValueError as exc:
            self._problem(name, str(exc), fatal=name in self._required)
            return DISCARD

    def _problem(self, field: str, message: str, fatal: bool = False) -> None:
        self._file_problems.append((FIELDS.get(field, field.capitalize()) if field else "", message))
        self._fatal = self._fatal or fatal

    def _warn(self, field: str, message: str) -> None:
        self._file_warnings.append((FIELDS.get(field, field.capitalize()) if field else "", message))

    def _field_title(self, value):
        # Pelican treats a title as HTML (typogrify runs on it next); a reporter types text.
        text = " ".join(value.split())
        if not text:
            raise ValueError(_("is empty; write the headline"))
        limit = self._newsroom.config["TITLE_MAX_LENGTH"]
        if len(text) > limit:
            self._problem("title", _("is {length} characters long; the limit is {limit}: shorten the headline",
                                     length=len(text), limit=limit))
        return bodies.plain_html(text)

    def _field_summary(self, value):
        # Plain text like the title (FORMATTED_FIELDS is empty): escaped here, typogrified next.
        return bodies.plain_html(value) or DISCARD

    def _plain(self, value):
        return " ".join(value.split()) or DISCARD

    _field_dateline = _field_imagealt = _field_caption = _field_credit = _plain

    def _field_tags(self, value):
        names = value if isinstance(value, list) else re.split(";" if ";" in value else ",", value)
        tags = []
        for name in (n.strip() for n in names):
            if not name:
                continue
            # One object per name and build: its slug (python-slugify) is worked out once, not in
            # every story that carries the tag. Equal names only: "Banjir" and "banjir" stay two.
            tag = self._newsroom.tags_by_name.get(name)
            if tag is None:
                tag = self._newsroom.tags_by_name[name] = Tag(name, self.settings)
            if not tag.slug:
                self._problem("tags", _("'{name}' has no letters or digits, so it cannot have a topic page; remove it",
                                        name=name))
            elif tag not in tags:
                tags.append(tag)
        return tags or DISCARD

    def _field_date(self, value):
        return parse_date(value, self._zone, self._clock)

    def _field_modified(self, value):
        return parse_date(value, self._zone, self._clock)

    def _field_authors(self, value):
        names = [n.strip() for n in re.split(r"[;,]", value) if n.strip()]
        if not names:
            raise ValueError(_("is empty; name the reporter(s), e.g. Authors: {example}",
                               example=self._newsroom.data.reporters[0].name if self._newsroom.data.reporters else ""))
        lookup = self._newsroom.data.reporter_lookup
        authors = []
        for name in names:
            author = lookup.get(name)
            if author is None:
                self._problem("authors", lookup.unknown(name), fatal=True)
            elif author not in authors:
                authors.append(author)
        return authors or DISCARD

    def _field_author(self, value):
        authors = self._field_authors(value)
        return authors[0] if authors is not DISCARD else DISCARD

    def _field_region(self, value):
        regions = self._newsroom.data.regions
        return self._resolve(self._newsroom.data.region_lookup, value, f"Region: {regions[0].name if regions else ''}")

    def _field_category(self, value):
        rubrics = self._newsroom.data.rubrics
        return self._resolve(self._newsroom.data.rubric_lookup, value, f"Category: {rubrics[0].name if rubrics else ''}")

    def _resolve(self, lookup, value, example):
        if not value.strip():
            raise ValueError(_("is empty; e.g. {example}", example=example))
        found = lookup.get(value)
        if found is None:
            raise ValueError(lookup.unknown(value))
        return found

    def _field_editor(self, value):
        # The sign-off that ends the story, "(Adb)": an editor's initials or the desk ("Red").
        value = value.strip().strip("()").strip()
        if not value:
            return DISCARD
        editor = self._newsroom.data.editor_lookup.get(value)
        if editor is None:
            raise ValueError(self._newsroom.data.editor_lookup.unknown(value))
        return editor

    def _field_status(self, value):
        status = value.strip().lower()
        if status not in STATUSES:
            hint = difflib.get_close_matches(status, STATUSES, n=1)
            raise ValueError(
                _("'{value}' is not a status; use {choices}", value=value, choices=" / ".join(STATUSES))
                + (_(" (did you mean '{hint}'?)", hint=hint[0]) if hint else "")
            )
        return status

    def _field_featured(self, value):
        text = value.strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise ValueError(_("'{value}' is not true or false; write true or false", value=value))

    def _field_slug(self, value):
        slug = value.strip()
        if slug != slugify(slug):
            raise ValueError(_("'{value}' is not a valid slug; use '{slug}'", value=value, slug=slugify(slug)))
        return slug or DISCARD

    def _field_image(self, value):
        rel = re.sub(r"^\{(static|attach|filename)\}", "", value.strip()).lstrip("/")
        if not rel:
            return DISCARD
        root = self._newsroom.content_root
        try:
            real = paths.resolve_inside(root, rel)
        except paths.OutsideContent as exc:
            raise ValueError(_("photo {problem}", problem=exc)) from None
        path = self._newsroom.content_path / rel
        if not real.is_file():
            hint = _nearest_file(path, self._newsroom.content_path)
            raise ValueError(
                _("photo '{value}' does not exist ({path})", value=value, path=display_path(path))
                + (_("; did you mean '{hint}'?", hint=hint) if hint else
                   _("; put the photo in {folder}/", folder=display_path(self._newsroom.images_root())))
            )
        try:
            self._image_size = photos.inspect(real, self._newsroom.config["PHOTO_MAX_PIXELS"], self._newsroom.verified_photos)
        except photos.PhotoProblem as exc:
            raise ValueError(_("photo '{value}' {problem}", value=value, problem=exc)) from None
        return PurePosixPath(os.path.normpath(rel)).as_posix()

    # --- accountability ------------------------------------------------------------------------
    def _timed_note(self, name, value, what):
        """`YYYY-MM-DD HH:MM | text` -> (datetime, text); ValueError with the fix otherwise."""
        when, bar, text = value.partition("|")
        if not bar:
            raise ValueError(_("'{value}' is not in the form 'YYYY-MM-DD HH:MM | {what}'; e.g. "
                               "{field}: 2026-10-14 15:20 | {what}", value=value, what=what, field=FIELDS[name]))
        date = parse_date(when, self._zone, self._clock)
        text = " ".join(text.split())
        if not text:
            raise ValueError(_("'{value}' has a time but no text after '|'; write the {what}", value=value, what=what))
        return date, text

    def _field_correction(self, value):
        corrections = []
        for line in value if isinstance(value, list) else [value]:
            try:
                corrections.append(self._timed_note("correction", line, _("what was corrected")))
            except ValueError as exc:
                self._problem("correction", str(exc))
        return corrections or DISCARD

    def _field_retraction(self, value):
        return self._timed_note("retraction", value, _("reason for the retraction"))

    def _linked_story(self, name, value):
        rel = re.sub(r"^\{filename\}", "", value.strip()).lstrip("/")
        if not rel:
            raise ValueError(_("is empty; write the path of the story from the content folder, e.g. "
                               "{field}: berita/2026/10/judul-berita.md", field=FIELDS[name]))
        try:
            real = paths.resolve_inside(self._newsroom.content_root, rel)
        except paths.OutsideContent as exc:
            raise ValueError(str(exc)) from None
        if not real.is_file():
            hint = _nearest_file(self._newsroom.content_path / rel, self._newsroom.content_path)
            raise ValueError(_("story '{value}' does not exist", value=value)
                             + (_("; did you mean '{hint}'?", hint=hint) if hint else ""))
        return real.relative_to(self._newsroom.content_root).as_posix()

    def _field_reply_to(self, value):
        return self._linked_story("reply_to", value)

    def _field_update_of(self, value):
        return self._linked_story("update_of", value)

    def _field_verification(self, value):
        text = value.strip().lower()
        if text != "pending":
            raise ValueError(_("'{value}' is not a verification state; write 'pending' while the story is "
                               "still being verified, or remove the line", value=value))
        return text

    def _field_type(self, value):
        text = value.strip().lower()
        if text not in ARTICLE_TYPES:
            hint = difflib.get_close_matches(text, list(ARTICLE_TYPES), n=1)
            raise ValueError(_("'{value}' is not a story type; use {choices}", value=value,
                               choices=" / ".join(ARTICLE_TYPES))
                             + (_(" (did you mean '{hint}'?)", hint=hint[0]) if hint else ""))
        return text

    # --- whole file ---------------------------------------------------------------------------
    def read(self, source_path):
        self._newsroom = state.current(self.settings)
        self._file_problems, self._file_warnings = [], []
        self._fatal, self._unknown, self._image_size = False, {}, None
        config = self._newsroom.config
        is_article = self._is_article(source_path)
        self._newsroom.files_read["articles" if is_article else "pages"] += 1
        self._newsroom.checked_paths.add(os.path.abspath(source_path))
        self._required = config["REQUIRED_FIELDS"] if is_article else ("title",)
        draft = False
        try:
            converted = bodies.of(self._newsroom)
            raw = converted.read_ahead_bytes(source_path)  # checked inside the content folder as it was read
            if raw is None:
                if not paths.is_inside(self._newsroom.content_root, source_path, self._newsroom.real_dirs):
                    self._problem("", _("is a symbolic link to {target}, outside the content folder; copy the file "
                                        "into the content folder instead of linking to it",
                                        target=display_path(os.path.realpath(source_path))), fatal=True)
                    return "", {"status": "skip"}
                raw = Path(source_path).read_bytes()
            self._newsroom.source_digests[os.path.abspath(source_path)] = hashlib.sha256(raw).hexdigest()
            if len(raw) > config["BODY_MAX_BYTES"]:
                self._problem("", _("is {size} KB; the limit is {limit} KB: split the story, or move tables and "
                                    "documents into files it links to",
                                    size=len(raw) // 1000, limit=config["BODY_MAX_BYTES"] // 1000), fatal=True)
                return "", {"status": "skip"}
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                self._problem("", _("is not UTF-8 (bad byte 0x{byte:02x} on line {line}); open it in your editor "
                                    "and save it with UTF-8 encoding", byte=raw[exc.start], line=line), fatal=True)
                return "", {"status": "skip"}
            header = scan_header(text)
            # A draft's problems are shown but do not block a publish build.
            draft = (header.value("status") or "").lower() == "draft"
            self._check_header(header)
            # Markdown and the sanitiser (bodies.py: cached by content, done in parallel before the
            # files are read); every check of the header below runs on every build regardless.
            content, removed, meta, typographed = converted.get(raw, text)
            self._newsroom.bodies_read[os.path.abspath(source_path)] = content  # (parsed.py)
            self._source_path = source_path
            self._md = _MetaOnly() if not self.settings["FORMATTED_FIELDS"] else \
                Markdown(**bodies.markdown_settings(self.settings))
            metadata = self._parse_metadata({name: list(values) for name, values in meta.items()})
            # Fields refused above are DISCARD markers until Pelican drops them: drop them now.
            metadata = {key: value for key, value in metadata.items() if value is not DISCARD}
            for what in removed:
                self._warn("", _("removed {what} from the text", what=what))
            self._check_required(metadata)
            metadata["content_links"] = self._check_links(text, source_path)
            for _line, problem in bodyphotos.check(text, source_path, self._newsroom):
                self._problem("", problem)
            if self._image_size and "image" in metadata:
                metadata["image_size"] = self._image_size
            if "modified" in metadata and "date" in metadata and metadata["modified"] < metadata["date"]:
                self._problem("modified", _("is earlier than Date; it must be the time of the last update"))
            if is_article and "date" in metadata:
                self._check_folder(source_path, metadata["date"])
            if draft:
                metadata["declared_draft"] = True  # a draft stays DRAF whatever its date (model.py)
            if self._fatal:
                metadata["status"] = "skip"
            typography = converted.converter.typography
            if typography is not None:
                # The body came typogrified from bodies.py; the title and the summary as well,
                # unless the reader changed them (then now). Pelican's pass is off for this file
                # (pelican_typogrify_off), so each goes through typogrify exactly once.
                for name in ("title", "summary"):
                    if isinstance(metadata.get(name), str):
                        value = metadata[name]
                        metadata[name] = typographed[value] if value in typographed else typography(value)
            return content, metadata
        finally:
            for field, message in self._file_problems:
                self._newsroom.problems.add(source_path, field, message, blocking=not draft)
            for field, message in self._file_warnings:
                self._newsroom.problems.warn(source_path, field, message)
            self._file_problems = None

    def _check_folder(self, source_path, date) -> None:
        """An article lives in the folder of its own month: berita/YYYY/MM/<file>.md."""
        parts = tuple(os.path.relpath(source_path, self.settings["PATH"]).split(os.sep))
        root = next((top for top in _parts(tuple(self.settings["ARTICLE_PATHS"])) if parts[: len(top)] == top), None)
        if root is None:
            return
        if parts != (*root, f"{date.year:04d}", f"{date.month:02d}", parts[-1]):
            rel, content = Path(*parts), Path(self.settings["PATH"])
            expected = Path(*root, f"{date:%Y}", f"{date:%m}", rel.name)
            self._problem("date", _("is in {month} but the file is in {folder}/; move it to {target}",
                                    month=f"{date:%Y-%m}", folder=display_path(content / rel.parent),
                                    target=display_path(content / expected)))

    def _is_article(self, source_path) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        return any(rel == p or rel.startswith(p.rstrip("/") + os.sep) for p in self.settings["ARTICLE_PATHS"])

    def _check_header(self, header: Header) -> None:
        """Unknown and repeated fields, and a line that ended the header early, by line number."""
        seen: dict[str, int] = {}
        for number, name, _value in header.fields:
            if name not in FIELDS:
                self._unknown[name] = number
                hint = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.6)
                self._problem("", _("line {number}: '{name}' is not a header field", number=number, name=name)
                              + (_("; did you mean '{field}:'?", field=FIELDS[hint[0]]) if hint else
                                 _("; see the list of fields in content/README.md")))
            elif name in seen and name not in REPEATABLE:
                self._problem(name, _("is written twice (lines {first} and {second}); keep one",
                                      first=seen[name], second=number))
            else:
                seen[name] = number
        if header.broken_line:
            number, line = header.broken_line
            self._problem("", _("line {number} ('{line}') is not a 'Field: value' line, so the header ends there and "
                                "the lines after it become story text; fix that line, or put a blank line before "
                                "the story", number=number, line=line[:40]))

    def _check_required(self, metadata):
        reported = {f.lower() for f, _ in self._file_problems}
        for field in self._required:
            present = field in metadata or (field == "authors" and "author" in metadata)
            if present or field in reported or (field == "authors" and "author" in reported):
                continue
            misspelt = difflib.get_close_matches(field, list(self._unknown), n=1, cutoff=0.6)
            if misspelt:
                self._problem(field, _("is missing: line {number} has '{written}:'; write it as '{field}:'",
                                       number=self._unknown[misspelt[0]], written=misspelt[0], field=FIELDS[field]),
                              fatal=True)
            else:
                self._problem(field, _("is missing; add a '{field}:' line to the header", field=FIELDS[field]),
                              fatal=True)

    def _check_links(self, text: str, source_path) -> tuple[str, ...]:
        """Report links to missing files or to files outside content/; return the content-relative
        paths of the {filename} links (the build checks they lead to published stories)."""
        root = self._newsroom.content_root
        linked = []
        for kind, target, path in text_links(text, source_path, root):
            if isinstance(path, paths.OutsideContent):
                self._problem("", _("links to {link}: {problem}", link=f"{{{kind}}}{target}", problem=path))
                continue
            if not path.exists():
                hint = _nearest_file(path, Path(self.settings["PATH"]))
                self._problem(
                    "", _("links to {link}, which does not exist", link=f"{{{kind}}}{target}")
                    + (_("; did you mean '{hint}'?", hint=f"{{{kind}}}/{hint}") if hint else "")
                )
            elif kind == "filename":
                linked.append(path.relative_to(root).as_posix())
        return tuple(linked)


def text_links(text: str, source_path, root: Path):
    """(kind, target, real path) for each `{filename}`/`{static}`... link of a story's text, the
    path resolved inside `root` from the story's folder (or from `root` for "/..."); in place of
    the path, the OutsideContent problem when it leads out of the content folder."""
    for kind, target in LINK_RE.findall(text):
        base = root if target.startswith("/") else Path(source_path).parent
        try:
            yield kind, target, paths.resolve_inside(root, target.lstrip("/"), base)
        except paths.OutsideContent as exc:
            yield kind, target, exc


def _nearest_file(path: Path, root: Path) -> str | None:
    """The existing file whose path is closest to `path` (same extension), relative to root."""
    candidates = [
        str(p.relative_to(root)) for p in root.rglob(f"*{path.suffix}") if p.is_file()
    ]
    try:
        wanted = str(path.relative_to(root.resolve()))
    except ValueError:
        wanted = path.name
    match = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.5)
    return match[0] if match else None


def pelican_typogrify_off(readers) -> None:
    """readers_init: Pelican's TYPOGRIFY pass (Readers.read_file) skips the files this reader reads.

    The reader hands over body, title and summary typogrified already (bodies.py: done once per
    file content, cached, in the worker processes), and widont is not idempotent: a second pass
    would change the text. So while one of this reader's files is read with TYPOGRIFY on, the
    setting reads False; Pelican checks it after the reader returns, so the reader's result is
    passed on as it is. Every other reader keeps Pelican's pass. The switch is exact: Pelican's
    pass is off for a file if and only if the build's converter typogrifies (see read()).
    """
    read_file = readers.read_file

    def read_file_typogrified_once(base_path, path, content_class=Page, fmt=None, *args, **kwargs):
        settings = readers.settings
        reader = readers.readers.get(fmt or file_suffix(path))
        if (not settings.get("TYPOGRIFY") or not isinstance(reader, NewsroomMarkdownReader)
                or bodies.of(state.current(settings)).converter.typography is None):
            return read_file(base_path, path, content_class, fmt, *args, **kwargs)
        settings["TYPOGRIFY"] = False
        try:
            return read_file(base_path, path, content_class, fmt, *args, **kwargs)
        finally:
            settings["TYPOGRIFY"] = True

    readers.read_file = read_file_typogrified_once
