"""Property tests (hypothesis) for the parsers the newsroom plugin owns.

- `reader.parse_date(value, zone)`: accepts exactly `YYYY-MM-DD[ HH:MM[:SS][offset]]`; the result
  is aware iff an offset was given; with a zone, an aware result is in that zone and is the same
  instant; it never raises anything but ValueError.
- `reader.scan_header(text)`: returns the header's fields with their line numbers, the line that
  broke the header, and never raises.
- `paths.resolve_inside(root, rel, base)`: never returns a path outside root; raises
  OutsideContent whenever the normalised path or the real path (links followed) is outside.
- Tags: the reader reports a tag exactly when Pelican's Tag would have an empty slug (a tag page
  at topik//index.html, which would overwrite the topic index).

`newsroom` is importable because pytest puts plugins/ on sys.path for this package (rootdir
conftest and the package's __init__.py files, as for the other tests here).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tomllib
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pelican.readers import _DISCARD
from pelican.urlwrappers import Tag

from newsroom import paths, state
from newsroom.reader import NewsroomMarkdownReader, parse_date, scan_header
from newsroom.tests.conftest import DEV, FIXTURE, settings_for

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UTC = datetime.timezone.utc
ZONES = [zoneinfo.ZoneInfo("Asia/Makassar"), zoneinfo.ZoneInfo("Asia/Jakarta"), zoneinfo.ZoneInfo("UTC"),
         zoneinfo.ZoneInfo("America/St_Johns"), zoneinfo.ZoneInfo("Pacific/Kiritimati"),
         datetime.timezone(datetime.timedelta(hours=8))]


# --- parse_date --------------------------------------------------------------------------------------

def _instant(value: datetime.datetime) -> datetime.timedelta:
    """An aware datetime as a point on the time line, without overflow near datetime.min/max."""
    return (value.replace(tzinfo=None) - datetime.datetime.min) - value.utcoffset()


@st.composite
def written_dates(draw):
    """(text, naive wall-clock datetime, offset or None) in the accepted grammar."""
    moment = draw(st.datetimes(min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31, 23, 59, 59)))
    moment = moment.replace(microsecond=0)
    text = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    form = draw(st.sampled_from(["date", "minutes", "seconds"]))
    offset = None
    if form == "date":
        moment = moment.replace(hour=0, minute=0, second=0)
    else:
        sep = draw(st.sampled_from([" ", "T"]))
        text += f"{sep}{moment.hour:02d}:{moment.minute:02d}"
        if form == "seconds":
            text += f":{moment.second:02d}"
        else:
            moment = moment.replace(second=0)
        kind = draw(st.sampled_from(["none", "Z", "offset"]))
        if kind == "Z":
            text += "Z"
            offset = datetime.timedelta(0)
        elif kind == "offset":
            minutes = draw(st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59))
            sign = "-" if minutes < 0 else "+"
            text += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
            offset = datetime.timedelta(minutes=minutes)
    pads = st.sampled_from(["", " ", "  ", "\t", "\n"])
    return draw(pads) + text + draw(pads), moment, offset


@SETTINGS
@given(written_dates(), st.sampled_from([None, *ZONES]))
# The edges of the calendar: an offset can carry the instant past year 1 or year 9999.
@example(("0001-01-01 00:00+05:00", datetime.datetime(1, 1, 1), datetime.timedelta(hours=5)), ZONES[0])
@example(("9999-12-31 23:00-05:00", datetime.datetime(9999, 12, 31, 23), datetime.timedelta(hours=-5)), ZONES[0])
@example(("2026-11-20T02:00:00Z", datetime.datetime(2026, 11, 20, 2), datetime.timedelta(0)), ZONES[0])
@example(("2026-11-20 09:00+07:00", datetime.datetime(2026, 11, 20, 9), datetime.timedelta(hours=7)), ZONES[0])
def test_parse_date_accepts_the_documented_forms(written, zone):
    """Every date written as the guide says is read as that time: naive without an offset, the
    same instant (shown in the site's zone when one is given) with one."""
    text, moment, offset = written
    expected = moment if offset is None else moment.replace(tzinfo=datetime.timezone(offset))
    if offset is not None and zone is not None:
        try:
            local = expected.astimezone(zone)
        except OverflowError:
            # The instant cannot be shown in that zone (year 1 or 9999): a problem, not a crash.
            with pytest.raises(ValueError):
                parse_date(text, zone)
            return
    result = parse_date(text, zone)
    assert isinstance(result, datetime.datetime)
    assert (result.tzinfo is not None and result.utcoffset() is not None) == (offset is not None), result
    if offset is None:
        assert result == moment
        return
    assert _instant(result) == _instant(expected)
    if zone is not None:
        assert result.utcoffset() == local.utcoffset()
        assert result.replace(tzinfo=None) == local.replace(tzinfo=None)


# A superset of the grammar (basic offsets, lower-case T/Z): anything outside it must be refused.
LIBERAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ Tt][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})?)?")
DATEISH = st.text(alphabet="0123456789-:. TtZz+/,\n\u00a0\u0663ab", max_size=32)


@st.composite
def mangled_dates(draw):
    """A valid date with one character inserted, removed or replaced."""
    text = draw(written_dates())[0]
    i = draw(st.integers(min_value=0, max_value=len(text)))
    char = draw(st.sampled_from(list("0123456789-: TZ+.x\u0663")))
    op = draw(st.sampled_from(["insert", "delete", "replace"]))
    if op == "insert":
        return text[:i] + char + text[i:]
    if op == "delete":
        return text[:i] + text[i + 1:]
    return text[:i] + char + text[i + 1:]


@SETTINGS
@given(st.one_of(DATEISH, mangled_dates(), st.text(max_size=40)), st.sampled_from([None, *ZONES]))
def test_parse_date_refuses_everything_else_with_value_error(text, zone):
    """Anything that is not a date in the documented form is a ValueError with the hint (a
    problem in the list), never another exception (a traceback)."""
    try:
        result = parse_date(text, zone)
    except ValueError as exc:
        assert "YYYY-MM-DD" in str(exc), str(exc)
        return
    assert isinstance(result, datetime.datetime)
    assert LIBERAL.fullmatch(text.strip()), f"{text!r} was accepted as {result!r}"


# --- scan_header -------------------------------------------------------------------------------------

NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,14}", fullmatch=True)
VALUES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=30)
CONTINUATION = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1,
                       max_size=20).filter(lambda s: s.strip())
BLANK = st.sampled_from(["", " ", "\t", "\r", "   "])


@st.composite
def headers(draw):
    """(text, expected fields) for a header of `Name: value` lines, a blank line and a body."""
    fenced = draw(st.booleans())
    lines = ["---"] if fenced else []
    expected = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        name, value = draw(NAMES), draw(VALUES)
        indent = draw(st.sampled_from(["", " ", "   "]))
        sep = draw(st.sampled_from([" ", "", "  "]))
        eol = draw(st.sampled_from(["", "\r"]))
        lines.append(f"{indent}{name}:{sep}{value}{eol}")
        expected.append((len(lines), name.lower(), value.strip()))
        if draw(st.integers(0, 4)) == 0:  # a continuation line, indented 4 spaces or more
            lines.append(" " * draw(st.integers(4, 6)) + draw(CONTINUATION))
    lines.append("---" if fenced else draw(BLANK))
    body = draw(st.text(max_size=80))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + "\n".join(lines) + "\n" + body, expected


@SETTINGS
@given(headers())
def test_scan_header_returns_exactly_the_fields_with_their_lines(case):
    """For any header of `Name: value` lines (CRLF, indents, continuation lines, --- fences, a BOM)
    the scanner finds exactly those fields, lower-case names, stripped values, right line numbers."""
    text, expected = case
    header = scan_header(text)
    assert header.fields == expected
    assert header.broken_line is None


def _is_field_line(line: str) -> bool:
    return re.match(r"[ ]{0,3}[A-Za-z0-9_-]+:", line) is not None


BROKEN = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1, max_size=30).filter(
    lambda s: s.strip() and not _is_field_line(s) and not s.startswith("    ") and not re.match(r"(-{3}|\.{3})", s))


@SETTINGS
@given(headers(), BROKEN, st.data())
def test_scan_header_reports_the_line_that_breaks_the_header(case, broken, data):
    """A line that is not `Field: value`, after any field of the header, ends the header there and
    is reported with its number; the fields before it are kept, those after it are not fields."""
    text, expected = case
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom):].split("\n")
    keep = data.draw(st.integers(min_value=1, max_value=len(expected)))
    expected = expected[:keep]
    cut = expected[-1][0]  # insert after that field (line numbers are 1-based)
    while cut < len(lines) and lines[cut].startswith("    "):
        cut += 1  # keep the field's continuation lines with it
    lines.insert(cut, broken)
    header = scan_header(bom + "\n".join(lines))
    assert header.fields == expected
    assert header.broken_line == (cut + 1, broken.strip())


@SETTINGS
@given(st.text(max_size=200))
def test_scan_header_never_raises(text):
    """Whatever a file holds, scanning its header gives a result (fields, broken line)."""
    header = scan_header(text)
    for number, name, value in header.fields:
        assert number >= 1 and name == name.lower() and "\n" not in value


# --- resolve_inside ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A content folder with links inside and out, next to an outside folder and a sibling whose
    name starts like the content folder's."""
    base = Path(os.path.realpath(tmp_path_factory.mktemp("paths")))
    root = base / "content"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "f.txt").write_text("inside")
    (root / "a" / "g.txt").write_text("inside")
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_text("outside")
    (base / "content-sibling").mkdir()
    (base / "content-sibling" / "x.txt").write_text("outside")
    links = {
        "in_link": "a", "in_file": "a/g.txt", "out_link": "../outside", "out_file": "../outside/secret.txt",
        "abs_out": str(base / "outside"), "sibling": "../content-sibling", "dangling": "nowhere",
        "loop1": "loop2", "loop2": "loop1", "a/up_link": "../..", "a/self_link": ".", "a/b/root_link": "../..",
    }
    for name, target in links.items():
        (root / name).symlink_to(target)
    return paths.content_root(root)


PARTS = st.sampled_from(["a", "b", "f.txt", "g.txt", "..", ".", "", "in_link", "in_file", "out_link", "out_file",
                         "abs_out", "sibling", "content-sibling", "dangling", "loop1", "up_link", "self_link",
                         "root_link", "secret.txt", "outside", "content", "x.txt", "nope", "x\x00y"])
RELS = st.builds(lambda absolute, parts: ("/" if absolute else "") + "/".join(parts),
                 st.booleans(), st.lists(PARTS, min_size=1, max_size=6))
BASES = st.sampled_from([None, "a", "a/b", "in_link", "a/self_link"])


def _within(path: str, root: Path) -> bool:
    p = Path(path)
    return p == root or p.is_relative_to(root)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RELS, BASES)
def test_resolve_inside_never_leaves_the_content_folder(tree, rel, base):
    """Whatever path an article or a profile names (`..`, `.`, `//`, absolute, links inside and
    outside, dangling and looping links), the file read is inside the content folder, or the path
    is refused with OutsideContent (a problem naming the file)."""
    root = tree
    base_path = None if base is None else root / base
    start = root if base_path is None else Path(os.path.realpath(base_path))
    if "\x00" in rel:
        with pytest.raises(paths.OutsideContent):
            paths.resolve_inside(root, rel, base_path)
        return
    joined = os.path.normpath(os.path.join(start, rel))
    real = os.path.realpath(joined)
    outside = not _within(joined, root) or not _within(real, root)
    try:
        result = paths.resolve_inside(root, rel, base_path)
    except paths.OutsideContent:
        assert outside, f"{rel!r} (from {base}) was refused, but {joined} -> {real} is inside {root}"
        return
    assert not outside, f"{rel!r} (from {base}) was accepted as {result}, but {joined} -> {real} is outside"
    assert _within(str(result), root), result
    assert Path(result) == Path(real)



@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(RELS, min_size=1, max_size=8))
def test_is_inside_with_remembered_folders_answers_as_realpath(tree, rels):
    """The reader asks whether each of thousands of files is inside the content folder, remembering
    each folder's real path for the build: the answer is the same as resolving every path whole
    (links to files and folders inside and out, dangling and looping links, `..`)."""
    root, remembered = tree, {}
    for rel in rels:
        if "\x00" in rel:
            continue
        path = os.path.join(root, rel.lstrip("/"))
        assert paths.is_inside(root, path, remembered) == paths.is_inside(root, path), path
        assert paths.real_path(path, remembered) == os.path.realpath(path), path
        assert paths.is_inside(root, path) == Path(os.path.realpath(path)).is_relative_to(root), path
        # A sibling folder whose name starts with the root's is not inside it.
        assert not paths.is_inside(root, str(root) + "-lain/" + os.path.basename(path))


# --- tags and slugs -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reader_setup(tmp_path_factory):
    """A writable copy of the plugin's fixture content and development settings for it."""
    base = tmp_path_factory.mktemp("tags")
    content = base / "content"
    shutil.copytree(FIXTURE, content)
    data = content / "data"
    region = tomllib.loads((data / "regions.toml").read_text(encoding="utf-8"))["region"][0]["slug"]
    category = tomllib.loads((data / "categories.toml").read_text(encoding="utf-8"))["category"][0]["slug"]
    author = sorted((data / "authors").glob("*.toml"))[0].stem
    article = content / "berita" / "2026" / "10" / "tag-properti.md"
    head = (f"Title: Uji tag\nDate: 2026-10-14 09:35\nAuthors: {author}\nRegion: {region}\n"
            f"Category: {category}\n")
    return settings_for(DEV, content, base / "out"), article, head


TAG_NAMES = st.one_of(
    st.sampled_from(["!!!", "banjir", "---", "—", "…", "🙂", "日本", "ü", "  x  ", "#", "&amp;", "<b>", "_", "1"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=",;"),
            min_size=1, max_size=12),
).filter(lambda s: s.strip())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(TAG_NAMES)
def test_tag_is_reported_exactly_when_its_slug_is_empty(reader_setup, name):
    """A reporter's tag is kept (with its own topic page) when it has a slug, and reported as a
    problem on the Tags field when it has none; never silently dropped or written to topik//."""
    settings_, article, head = reader_setup
    article.write_text(f"{head}Tags: {name}\n\nParagraf uji.\n", encoding="utf-8")
    state.begin(settings_)
    _, metadata = NewsroomMarkdownReader(settings_).read(str(article))
    # Pelican's Readers drop the fields a reader discards; reading directly, drop them here.
    tags = [t for t in metadata.get("tags") or [] if t is not _DISCARD] if metadata.get("tags") is not _DISCARD else []
    problems = [p for p in state.current(settings_).problems.items
                if p.field == "Tags" and p.path.endswith("tag-properti.md")]
    tag = Tag(name.strip(), settings_)
    if tag.slug:
        assert not problems, problems
        assert [t.name for t in tags] == [name.strip()]
    else:
        assert problems, f"the tag {name!r} has no slug and was not reported"
        assert not tags, tags
