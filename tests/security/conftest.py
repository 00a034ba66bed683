"""Fixtures of the security tests: builds of hostile content, run in a subprocess, and chromium.

Every build here runs `python -m pelican` in a subprocess (cwd = the repository root), exactly as
CI publishes: its exit status and its printed problem list are what the tests look at, and
Pelican's own asyncio use never meets Playwright's event loop in this process.

The content of each build is a copy of the repository's `content/` in a temporary folder, plus
files the tests add. Nothing here knows the chapter's regions, rubrics or reporters: they are read
from the copy's `content/data/*.toml`, so the tests hold for any chapter's data.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from selectolax.lexbor import LexborHTMLParser
from slugify import slugify

from tests.helpers import Newsroom, chapter_settings, header  # noqa: F401 (used by the tests of this folder)



ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
HOSTILE = Path(__file__).resolve().parent / "hostile"
PYTHON = sys.executable  # the venv's python that runs pytest (.venv/bin/python)
BUILD_TIMEOUT = 600

HOSTILE_ARTICLE = HOSTILE / "artikel-penyusup.md"
HOSTILE_REPORTER = HOSTILE / "penyusup-uji.toml"
# The second hostile story: the same payloads, not featured, so that it is listed under "latest"
# (the featured headline is not repeated there, nor in the 404 page's list).
SECOND_MARKER = ("Qwertijudul", "Qwertikedua")


# --- running builds ---------------------------------------------------------------------------------


@dataclass
class Build:
    """One subprocess run: its command, exit status, printed text and output folder."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    output: Path | None = None

    @property
    def text(self) -> str:
        return self.stdout + "\n" + self.stderr

    @property
    def problems(self) -> list[str]:
        return listed(self.text)["problems"]

    @property
    def warnings(self) -> list[str]:
        return listed(self.text)["warnings"]

    def describe(self, limit: int = 6000) -> str:
        return (f"$ {' '.join(self.args)}\nexit status {self.returncode}\n"
                f"--- stdout ---\n{self.stdout[-limit:]}\n--- stderr ---\n{self.stderr[-limit:]}")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Wide, plain log lines: a wrapped problem line could split a file name.
    env.update(COLUMNS="400", TERM="dumb", NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def run(args: list[str], timeout: int = BUILD_TIMEOUT) -> Build:
    proc = subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)
    return Build(args, proc.returncode, proc.stdout, proc.stderr)


def pelican(content: Path, output: Path, config: str = "publishconf.py", siteurl: str | None = None,
            cache: Path | None = None) -> Build:
    """`python -m pelican <content> -s <config> -o <output>` from the repository root."""
    cache = cache or output.parent / (output.name + "-cache")
    extra = [f"CACHE_PATH={json.dumps(str(cache))}"]
    if siteurl is not None:
        extra += [f"SITEURL={json.dumps(siteurl)}", f"FEED_DOMAIN={json.dumps(siteurl)}"]
    build = run([PYTHON, "-m", "pelican", str(content), "-s", config, "-o", str(output), "-e", *extra])
    build.output = output
    return build


CHECK_SNIPPET = (
    "import sys; sys.path.insert(0, 'plugins'); from newsroom.check import check; "
    "sys.exit(check('publishconf.py', override={'PATH': sys.argv[1], 'CACHE_PATH': sys.argv[2]}))"
)


def invoke_check(content: Path, cache: Path) -> Build:
    """What `invoke check --content <dir>` runs (tasks.py), with the cache kept in tmp."""
    return run([PYTHON, "-c", CHECK_SNIPPET, str(content), str(cache)])


_HEADING = re.compile(r"^(Content problems|Warnings) \(")


def listed(text: str) -> dict[str, list[str]]:
    """The lines a build prints under its 'Content problems (...)' and 'Warnings (...)' headings."""
    found: dict[str, list[str]] = {"problems": [], "warnings": [], "headings": []}
    current = None
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            current = "problems" if match[1] == "Content problems" else "warnings"
            found["headings"].append(match[1])
        elif current and line.startswith("  ") and line.strip():
            found[current].append(line.strip())
        else:
            current = None
    return found


def lines_naming(lines: list[str], rel: str, field: str | None = None) -> list[str]:
    """The listed lines about the file whose path ends in `rel` (and about `field`, if given)."""
    rel = rel.replace(os.sep, "/")
    out = []
    for line in lines:
        if not re.search(rf"(^|/){re.escape(rel)}: ", line):
            continue
        if field is None or f"{rel}: {field}: " in line:
            out.append(line)
    return out


# --- content copies and the newsroom data ------------------------------------------------------------


def copy_content(target: Path) -> Path:
    shutil.copytree(CONTENT, target, symlinks=True)
    return target


def wita_now() -> datetime.datetime:
    """Now in the site's zone (TIMEZONE of pelicanconf.py), without tzinfo, to the minute."""
    zone = zoneinfo.ZoneInfo(site_timezone())
    return datetime.datetime.now(zone).replace(tzinfo=None, second=0, microsecond=0)


@functools.cache
def site_timezone() -> str:
    return chapter_settings()["TIMEZONE"]


def published_articles(content: Path) -> list[tuple[datetime.datetime, Path, dict]]:
    """(date, file, header) of the articles a publish build would publish, newest first."""
    now = wita_now()
    found = []
    for path in (content / "berita").rglob("*.md"):
        if path.is_symlink():
            continue
        fields = header(path.read_text(encoding="utf-8"))
        if fields.get("status", "").lower() == "draft" or "date" not in fields:
            continue
        try:
            date = datetime.datetime.fromisoformat(fields["date"][:16])
        except ValueError:
            continue
        if date <= now:
            found.append((date, path, fields))
    return sorted(found, key=lambda t: t[0], reverse=True)


def article_file(content: Path, date: datetime.datetime, stem: str) -> Path:
    """content/berita/YYYY/MM/<stem>.md: the folder matches the date, as the guide asks."""
    path = content / "berita" / f"{date:%Y}" / f"{date:%m}" / f"{stem}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_article(content: Path, date: datetime.datetime, stem: str, fields: dict[str, str],
                  body: str = "Paragraf berita uji.") -> Path:
    """An article with the header `fields` (in order) and `body`; the Date is filled in."""
    path = article_file(content, date, stem)
    lines = [f"{name}: {value}" for name, value in {"Date": f"{date:%Y-%m-%d %H:%M}", **fields}.items()]
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def basic_fields(newsroom: Newsroom, title: str) -> dict[str, str]:
    """The required fields of a valid article, from the newsroom's own data."""
    return {
        "Title": title,
        "Authors": newsroom.any_reporter,
        "Region": newsroom.regions[0]["slug"],
        "Category": newsroom.rubrics[0]["slug"],
    }


def any_photo(content: Path) -> Path:
    photos = sorted(p for p in (content / "images").rglob("*.jpg") if p.is_file() and not p.is_symlink())
    assert photos, f"no JPEG photo under {content / 'images'} to copy"
    return photos[0]


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def normalise(text: str) -> str:
    """Text as a reader sees it: NBSP as a space, runs of white space as one space."""
    return " ".join((text or "").replace("\u00a0", " ").split())


def tag_page(out: Path, article: str, base: str, name: str) -> str | None:
    """URL path of the topic page that the article page links with the text `name`."""
    tree = LexborHTMLParser((out / article / "index.html").read_text(encoding="utf-8"))
    for link in tree.css("a[href]"):
        href = link.attributes.get("href") or ""
        if normalise(link.text(deep=True)) == normalise(name) and "/topik/" in href:
            return href.removeprefix(base).lstrip("/")
    return None


# --- the hostile site ---------------------------------------------------------------------------------


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@@{key}@@", value)
    assert "@@" not in template, f"unfilled placeholder in {template[:200]!r}"
    return template


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The sample content plus the hostile reporter and two hostile stories, published
    (publishconf.py, strict) with SITEURL on a local port, and served there.

    Yields a namespace: base (URL), out (output folder), build (the Build), content, typed (the
    strings as typed: title, title2, summary, dateline, imagealt, caption, credit, tags, name,
    role, bio), paths (URL paths of the pages to look at), reporter_slug, region, category.
    """
    tmp = tmp_path_factory.mktemp("security-hostile")
    content = copy_content(tmp / "content")
    newsroom = Newsroom.read(content)

    # The newest published story becomes the neighbour of the hostile one: sharing its region,
    # rubric and tags, the hostile story is first in its "related" list and its "next story".
    neighbours = published_articles(content)
    assert neighbours, "the sample content has no published article"
    ndate, npath, nfields = neighbours[0]
    region = newsroom.region(nfields.get("region", "")) or newsroom.regions[0]
    category = newsroom.rubric(nfields.get("category", "")) or newsroom.rubrics[0]
    tags = [t.strip() for t in re.split(r"[;,]", nfields.get("tags", "")) if t.strip()]

    date = max(wita_now() - datetime.timedelta(hours=1), ndate + datetime.timedelta(minutes=2))
    date2 = date - datetime.timedelta(minutes=1)
    assert date <= wita_now(), "the hostile story would be embargoed"

    reporter_slug = HOSTILE_REPORTER.stem
    reporter_file = content / "data" / "authors" / HOSTILE_REPORTER.name
    reporter_file.write_text(_fill(HOSTILE_REPORTER.read_text(encoding="utf-8"),
                                   {"REGION_SLUG": region["slug"]}), encoding="utf-8")

    photo_rel = f"images/{date:%Y}/{date:%m}/foto-penyusup.jpg"
    (content / photo_rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(any_photo(content), content / photo_rel)

    template = HOSTILE_ARTICLE.read_text(encoding="utf-8")
    values = {"AUTHOR": reporter_slug, "REGION": region["name"], "CATEGORY": category["name"],
              "TAGS": "".join(f"{t}, " for t in tags), "IMAGE": photo_rel}
    first = article_file(content, date, HOSTILE_ARTICLE.stem)
    first.write_text(_fill(template, {**values, "DATE": f"{date:%Y-%m-%d %H:%M}"}), encoding="utf-8")
    second_text = _fill(template, {**values, "DATE": f"{date2:%Y-%m-%d %H:%M}"})
    second_text = second_text.replace(*SECOND_MARKER).replace("Featured: true", "Featured: false")
    second = article_file(content, date2, HOSTILE_ARTICLE.stem + "-kedua")
    second.write_text(second_text, encoding="utf-8")

    fields, fields2 = header(first.read_text(encoding="utf-8")), header(second_text)
    profile = tomllib.loads(reporter_file.read_text(encoding="utf-8"))
    hostile_tags = [t.strip() for t in fields["tags"].split(",") if "Qwerti" in t]
    typed = SimpleNamespace(
        title=fields["title"], title2=fields2["title"], summary=fields["summary"],
        dateline=fields["dateline"], imagealt=fields["imagealt"], caption=fields["caption"],
        credit=fields["credit"], tags=hostile_tags,
        name=profile["name"], role=profile["role"], bio=profile["bio"],
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    out = tmp / "out"
    build = pelican(content, out, "publishconf.py", siteurl=base, cache=tmp / "cache")

    article = f"berita/{date:%Y}/{date:%m}/{first.stem}/"
    paths = {
        "home": "",
        "article": article,
        "article-second": f"berita/{date2:%Y}/{date2:%m}/{second.stem}/",
        "related": f"berita/{ndate:%Y}/{ndate:%m}/{npath.stem}/",
        "category": f"kategori/{category['slug']}/",
        "categories": "kategori/",
        "region": f"wilayah/{region['slug']}/",
        "regions": "wilayah/",
        "reporter": f"penulis/{reporter_slug}/",
        "reporters": "penulis/",
        "tag": None,  # found in the built article page below (Pelican's slug rules)
        "tags": "topik/",
        "month-archive": f"arsip/{date:%Y}/{date:%m}/",
        "404": "404.html",
    }
    site = SimpleNamespace(
        base=base, out=out, build=build, content=content, typed=typed, paths=paths,
        article_file=first.relative_to(content).as_posix(),
        second_file=second.relative_to(content).as_posix(),
        reporter_slug=reporter_slug, region=region, category=category, newsroom=newsroom,
    )
    if (out / article / "index.html").is_file():
        paths["tag"] = tag_page(out, article, base, hostile_tags[0])
    if build.returncode != 0 or not out.is_dir():
        # The build-status test reports the failure; the others are skipped with its output.
        yield site
        return
    with serve(out, port):
        yield site


@pytest.fixture
def hostile_built(hostile_site):
    """The hostile site, for tests that need its output: skipped if the publish build failed
    (test_build_succeeds_and_names_every_removal shows why)."""
    if hostile_site.build.returncode != 0 or not hostile_site.out.is_dir():
        pytest.skip(f"the hostile publish build failed (exit {hostile_site.build.returncode}); "
                    "see test_build_succeeds_and_names_every_removal")
    return hostile_site


# --- chromium -------------------------------------------------------------------------------------------


# The quality gates' fixtures: one chromium per module, a fresh context per test.
from tests.quality.conftest import browser, new_context  # noqa: E402,F401
