"""Markdown reader that knows the newsroom's article header.

It subclasses Pelican's own MarkdownReader (registered on `readers_init`) because only the reader
knows which file a header value came from: every problem is reported with the file, the field,
what is wrong and the nearest valid value. A file that cannot be placed on the site (no date, an
unknown region, not UTF-8, ...) is skipped with Pelican's own "skip" status, never half-published.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from pathlib import Path

from pelican.readers import _DISCARD, MarkdownReader
from slugify import slugify

from . import state
from .problems import display_path

DATE_HINT = "write it as YYYY-MM-DD HH:MM in WITA, e.g. 2026-10-14 09:35"
STATUSES = ("published", "draft")
TRUE = {"true", "yes", "ya", "1", "on"}
FALSE = {"false", "no", "tidak", "0", "off", ""}
LINK_RE = re.compile(r"\{(filename|static|attach)\}([^\s)\"'<>#?]+)")


def parse_date(value: str) -> datetime.datetime:
    """Strict date: ISO 8601 as reporters write it; naive means WITA (Pelican's TIMEZONE)."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?", text):
        raise ValueError(f"'{value}' is not a date; {DATE_HINT}")
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a real date or time ({exc}); {DATE_HINT}") from None


class NewsroomMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_problems: list[tuple[str, str]] | None = None
        self._fatal = False

    # --- per-field processing ---------------------------------------------------------------
    def process_metadata(self, name, value):
        if self._file_problems is None:  # defaults and path metadata, outside of a file
            return super().process_metadata(name, value)
        handler = getattr(self, f"_field_{name}", None)
        if handler is None:
            return super().process_metadata(name, value)
        try:
            return handler(value)
        except ValueError as exc:
            self._problem(name, str(exc), fatal=name in self._required)
            return _DISCARD

    def _problem(self, field: str, message: str, fatal: bool = False) -> None:
        self._file_problems.append((field.capitalize() if field else "", message))
        self._fatal = self._fatal or fatal

    def _field_date(self, value):
        return parse_date(value)

    def _field_modified(self, value):
        return parse_date(value)

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
        path = self._newsroom.content_path / rel
        if not path.is_file():
            hint = _nearest_file(path, self._newsroom.content_path)
            raise ValueError(
                f"photo '{value}' does not exist ({display_path(path)})"
                + (f"; did you mean '{hint}'?" if hint else f"; put the photo in {display_path(self._newsroom.images_root())}/")
            )
        return rel

    # --- whole file ---------------------------------------------------------------------------
    def read(self, source_path):
        self._newsroom = state.current(self.settings)
        self._file_problems = []
        self._fatal = False
        is_article = self._is_article(source_path)
        self._required = self._newsroom.config["REQUIRED_FIELDS"] if is_article else ("title",)
        try:
            raw = Path(source_path).read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                self._problem("", f"is not UTF-8 (bad byte 0x{raw[exc.start]:02x} on line {line}); "
                              "open it in your editor and save it with UTF-8 encoding", fatal=True)
                return "", {"status": "skip"}
            content, metadata = super().read(source_path)
            self._check_required(metadata)
            self._check_links(text, source_path)
            if "modified" in metadata and "date" in metadata and metadata["modified"] < metadata["date"]:
                self._problem("modified", "is earlier than Date; it must be the time of the last update")
            if self._fatal:
                metadata["status"] = "skip"
            return content, metadata
        finally:
            draft = False
            if self._file_problems:
                # A draft's problems are shown but do not block a publish build.
                draft = "status: draft" in _header(source_path).lower()
            for field, message in self._file_problems:
                self._newsroom.problems.add(source_path, field, message, blocking=not draft)
            self._file_problems = None

    def _is_article(self, source_path) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        return any(rel == p or rel.startswith(p.rstrip("/") + os.sep) for p in self.settings["ARTICLE_PATHS"])

    def _check_required(self, metadata):
        reported = {f.lower() for f, _ in self._file_problems}
        for field in self._required:
            present = field in metadata or (field == "authors" and "author" in metadata)
            if not present and field not in reported and not (field == "authors" and "author" in reported):
                self._problem(field, f"is missing; add a '{field.capitalize()}:' line to the header", fatal=True)

    def _check_links(self, text: str, source_path) -> None:
        root = Path(self.settings["PATH"])
        for kind, target in LINK_RE.findall(text):
            base = root if target.startswith("/") else Path(source_path).parent
            path = (base / target.lstrip("/")).resolve()
            if not path.exists():
                hint = _nearest_file(path, root)
                self._problem(
                    "", f"links to {{{kind}}}{target}, which does not exist"
                    + (f"; did you mean '{{{kind}}}/{hint}'?" if hint else "")
                )


def _header(source_path) -> str:
    try:
        text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return text.split("\n\n", 1)[0]


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
