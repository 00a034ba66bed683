"""Markdown reader that knows the newsroom's article header.

It subclasses Pelican's own MarkdownReader (registered on `readers_init`) because only the reader
knows which file a header value came from: every problem is reported with the file, the field,
what is wrong and the nearest valid value. A file that cannot be placed on the site (no date, an
unknown region, not UTF-8, ...) is skipped with Pelican's own "skip" status, never half-published.
"""

from __future__ import annotations

import datetime
import difflib
import html
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pelican.readers import _DISCARD, MarkdownReader
from pelican.urlwrappers import Tag
from slugify import slugify

from . import paths, photos, sanitize, state
from .problems import display_path

DATE_HINT = "write it as YYYY-MM-DD HH:MM in WITA, e.g. 2026-10-14 09:35"
STATUSES = ("published", "draft")
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
}
PLAIN_TEXT_FIELDS = ("dateline", "imagealt", "caption", "credit")
# The header as Python-Markdown's meta extension reads it (markdown/extensions/meta.py).
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?")


def parse_date(value: str, zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """Strict date: ISO 8601 as reporters write it; naive means WITA (Pelican's TIMEZONE).

    A date with an explicit offset (`Z`, `+07:00`) is converted to `zone`, so a page never shows
    another zone's clock labelled WITA.
    """
    text = value.strip()
    if not DATE_RE.fullmatch(text):
        raise ValueError(f"'{value}' is not a date; {DATE_HINT}")
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a real date or time ({exc}); {DATE_HINT}") from None
    if parsed.tzinfo is not None and zone is not None:
        try:
            parsed = parsed.astimezone(zone)
        except OverflowError:
            raise ValueError(f"'{value}' is not a real date or time; {DATE_HINT}") from None
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


class NewsroomMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_problems: list[tuple[str, str]] | None = None
        self._file_warnings: list[tuple[str, str]] = []
        self._fatal = False
        self._unknown: dict[str, int] = {}
        self._zone = zoneinfo.ZoneInfo(self.settings.get("TIMEZONE") or "UTC")

    # --- per-field processing ---------------------------------------------------------------
    def process_metadata(self, name, value):
        if self._file_problems is None:  # defaults and path metadata, outside of a file
            return super().process_metadata(name, value)
        if name not in FIELDS:
            return _DISCARD  # reported with its line by _check_header; never acted upon
        if isinstance(value, list):  # a field written twice: reported by _check_header
            value = ", ".join(value) if name == "tags" else value[0]
        handler = getattr(self, f"_field_{name}", None)
        if handler is None:
            return super().process_metadata(name, value)
        try:
            return handler(value)
        except ValueError as exc:
            self._problem(name, str(exc), fatal=name in self._required)
            return _DISCARD

    def _problem(self, field: str, message: str, fatal: bool = False) -> None:
        self._file_problems.append((FIELDS.get(field, field.capitalize()) if field else "", message))
        self._fatal = self._fatal or fatal

    def _warn(self, field: str, message: str) -> None:
        self._file_warnings.append((FIELDS.get(field, field.capitalize()) if field else "", message))

    def _field_title(self, value):
        # Pelican treats a title as HTML (typogrify runs on it next); a reporter types text.
        text = " ".join(value.split())
        if not text:
            raise ValueError("is empty; write the headline")
        limit = self._newsroom.config["TITLE_MAX_LENGTH"]
        if len(text) > limit:
            self._problem("title", f"is {len(text)} characters long; the limit is {limit}: shorten the headline")
        return html.escape(text, quote=False)

    def _field_summary(self, value):
        # Plain text like the title (FORMATTED_FIELDS is empty): escaped here, typogrified next.
        return html.escape(" ".join(value.split()), quote=False) or _DISCARD

    def _plain(self, value):
        return " ".join(value.split()) or _DISCARD

    _field_dateline = _field_imagealt = _field_caption = _field_credit = _plain

    def _field_tags(self, value):
        names = value if isinstance(value, list) else re.split(";" if ";" in value else ",", value)
        tags = []
        for name in (n.strip() for n in names):
            if not name:
                continue
            tag = Tag(name, self.settings)
            if not tag.slug:
                self._problem("tags", f"'{name}' has no letters or digits, so it cannot have a topic page; remove it")
            elif tag not in tags:
                tags.append(tag)
        return tags or _DISCARD

    def _field_date(self, value):
        return parse_date(value, self._zone)

    def _field_modified(self, value):
        return parse_date(value, self._zone)

    def _field_authors(self, value):
        names = [n.strip() for n in re.split(r"[;,]", value) if n.strip()]
        if not names:
            raise ValueError("is empty; name the reporter(s), e.g. Authors: Siti Rahmawati")
        lookup = self._newsroom.data.reporter_lookup
        authors = []
        for name in names:
            author = lookup.get(name)
            if author is None:
                self._problem("authors", lookup.unknown(name), fatal=True)
            elif author not in authors:
                authors.append(author)
        return authors or _DISCARD

    def _field_author(self, value):
        authors = self._field_authors(value)
        return authors[0] if authors is not _DISCARD else _DISCARD

    def _field_region(self, value):
        return self._resolve(self._newsroom.data.region_lookup, value, "Region: Lombok Timur")

    def _field_category(self, value):
        return self._resolve(self._newsroom.data.category_lookup, value, "Category: Ekonomi")

    def _resolve(self, lookup, value, example):
        if not value.strip():
            raise ValueError(f"is empty; e.g. {example}")
        found = lookup.get(value)
        if found is None:
            raise ValueError(lookup.unknown(value))
        return found

    def _field_editor(self, value):
        value = value.strip()
        if value and self._newsroom.data.editor_lookup.get(value) is None:
            raise ValueError(self._newsroom.data.editor_lookup.unknown(value))
        return value.upper() or _DISCARD

    def _field_status(self, value):
        status = value.strip().lower()
        if status not in STATUSES:
            hint = difflib.get_close_matches(status, STATUSES, n=1)
            raise ValueError(
                f"'{value}' is not a status; use {' or '.join(STATUSES)}"
                + (f" (did you mean '{hint[0]}'?)" if hint else "")
            )
        return status

    def _field_featured(self, value):
        text = value.strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise ValueError(f"'{value}' is not true or false")

    def _field_slug(self, value):
        slug = value.strip()
        if slug != slugify(slug):
            raise ValueError(f"'{value}' is not a valid slug; use '{slugify(slug)}'")
        return slug or _DISCARD

    def _field_image(self, value):
        rel = re.sub(r"^\{(static|attach|filename)\}", "", value.strip()).lstrip("/")
        if not rel:
            return _DISCARD
        root = self._newsroom.content_root
        try:
            real = paths.resolve_inside(root, rel)
        except paths.OutsideContent as exc:
            raise ValueError(f"photo {exc}") from None
        path = self._newsroom.content_path / rel
        if not real.is_file():
            hint = _nearest_file(path, self._newsroom.content_path)
            raise ValueError(
                f"photo '{value}' does not exist ({display_path(path)})"
                + (f"; did you mean '{hint}'?" if hint else f"; put the photo in {display_path(self._newsroom.images_root())}/")
            )
        try:
            self._image_size = photos.inspect(real, self._newsroom.config["PHOTO_MAX_PIXELS"], self._newsroom.verified_photos)
        except photos.PhotoProblem as exc:
            raise ValueError(f"photo '{value}' {exc}") from None
        return PurePosixPath(os.path.normpath(rel)).as_posix()

    # --- whole file ---------------------------------------------------------------------------
    def read(self, source_path):
        self._newsroom = state.current(self.settings)
        self._file_problems, self._file_warnings = [], []
        self._fatal, self._unknown, self._image_size = False, {}, None
        config = self._newsroom.config
        is_article = self._is_article(source_path)
        self._required = config["REQUIRED_FIELDS"] if is_article else ("title",)
        draft = False
        try:
            if not paths.is_inside(self._newsroom.content_root, source_path):
                self._problem("", f"is a symbolic link to {display_path(os.path.realpath(source_path))}, outside the "
                              "content folder; copy the file into the content folder instead of linking to it", fatal=True)
                return "", {"status": "skip"}
            raw = Path(source_path).read_bytes()
            if len(raw) > config["BODY_MAX_BYTES"]:
                self._problem("", f"is {len(raw) // 1000} KB; the limit is {config['BODY_MAX_BYTES'] // 1000} KB: "
                              "split the story, or move tables and documents into files it links to", fatal=True)
                return "", {"status": "skip"}
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                self._problem("", f"is not UTF-8 (bad byte 0x{raw[exc.start]:02x} on line {line}); "
                              "open it in your editor and save it with UTF-8 encoding", fatal=True)
                return "", {"status": "skip"}
            header = scan_header(text)
            # A draft's problems are shown but do not block a publish build.
            draft = (header.value("status") or "").lower() == "draft"
            self._check_header(header)
            content, metadata = super().read(source_path)
            content, removed = sanitize.clean_body(
                content, site_url=self.settings.get("SITEURL", ""), nofollow=config["EXTERNAL_LINKS_NOFOLLOW"]
            )
            for what in removed:
                self._warn("", f"removed {what} from the text")
            self._check_required(metadata)
            metadata["content_links"] = self._check_links(text, source_path)
            if self._image_size and "image" in metadata:
                metadata["image_size"] = self._image_size
            if "modified" in metadata and "date" in metadata and metadata["modified"] < metadata["date"]:
                self._problem("modified", "is earlier than Date; it must be the time of the last update")
            if self._fatal:
                metadata["status"] = "skip"
            return content, metadata
        finally:
            for field, message in self._file_problems:
                self._newsroom.problems.add(source_path, field, message, blocking=not draft)
            for field, message in self._file_warnings:
                self._newsroom.problems.warn(source_path, field, message)
            self._file_problems = None

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
                self._problem("", f"line {number}: '{name}' is not a header field"
                              + (f"; did you mean '{FIELDS[hint[0]]}:'?" if hint else
                                 "; see the list of fields in content/README.md"))
            elif name in seen:
                self._problem(name, f"is written twice (lines {seen[name]} and {number}); keep one")
            else:
                seen[name] = number
        if header.broken_line:
            number, line = header.broken_line
            self._problem("", f"line {number} ('{line[:40]}') is not a 'Field: value' line, so the header ends there "
                          "and the lines after it become story text; fix that line, or put a blank line before the story")

    def _check_required(self, metadata):
        reported = {f.lower() for f, _ in self._file_problems}
        for field in self._required:
            present = field in metadata or (field == "authors" and "author" in metadata)
            if present or field in reported or (field == "authors" and "author" in reported):
                continue
            misspelt = difflib.get_close_matches(field, list(self._unknown), n=1, cutoff=0.6)
            if misspelt:
                self._problem(field, f"is missing: line {self._unknown[misspelt[0]]} has '{misspelt[0]}:'; "
                              f"write it as '{FIELDS[field]}:'", fatal=True)
            else:
                self._problem(field, f"is missing; add a '{FIELDS[field]}:' line to the header", fatal=True)

    def _check_links(self, text: str, source_path) -> tuple[str, ...]:
        """Report links to missing files or to files outside content/; return the content-relative
        paths of the {filename} links (the build checks they lead to published stories)."""
        root = self._newsroom.content_root
        linked = []
        for kind, target in LINK_RE.findall(text):
            base = root if target.startswith("/") else Path(source_path).parent
            try:
                path = paths.resolve_inside(root, target.lstrip("/"), base)
            except paths.OutsideContent as exc:
                self._problem("", f"links to {{{kind}}}{target}: {exc}")
                continue
            if not path.exists():
                hint = _nearest_file(path, Path(self.settings["PATH"]))
                self._problem(
                    "", f"links to {{{kind}}}{target}, which does not exist"
                    + (f"; did you mean '{{{kind}}}/{hint}'?" if hint else "")
                )
            elif kind == "filename":
                linked.append(path.relative_to(root).as_posix())
        return tuple(linked)


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
