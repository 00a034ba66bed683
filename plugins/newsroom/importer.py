"""`invoke import-text`: turn a story as reporters really send it into a draft article.

Reporters send stories pasted from WhatsApp or a word processor, in the shapes of the portals
they also write for: a stray outlet line at the top ("NTB.FPII.OR.ID"), the headline, a byline
("Nama - NTB.FPII.OR.ID" at the top, "Penulis : Nama" at the end), a date line in English or
Indonesian ("Aug 20, 2024 - 12:40", "Selasa, 20 Agustus 2024 | 12:40 WITA", "20/08/2024 12:40"),
converted to the chapter's time zone (site.toml),
a dateline glued to the first paragraph ("SELONG, NTB – ..."), and a sign-off ("(Adb)",
"Editor : Red"). No library parses these: date parsers know neither Indonesian month names nor
WITA, and nothing knows a dateline or a sign-off, so this module recognises each shape with a
small, anchored pattern and keeps everything else as written (quotes, typographic quotes,
paragraphs).

The work is split so it can be tested without files: `parse_story(text, data)` is pure and
returns a `Story`; `write_article(story, content, ...)` checks it, resolves reporters, region and
rubric against the newsroom data, creates the profiles of people the data does not know yet and
writes the draft; `run(...)` reads the input and returns the lines `invoke import-text` prints.
Every refusal is an `ImportRefused` raised before anything is written.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from slugify import slugify

from . import identity, messages, scaffold
from .data import NewsroomData, Region, load
from .messages import _, n_
from .problems import ProblemLog, display_path
from .settings import ARTICLES_FOLDER, DEFAULTS

TEXT_SUFFIXES_REFUSED = {".doc", ".odt", ".rtf", ".pdf", ".pages"}
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30

# --- small text helpers ---------------------------------------------------------------------------

INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SPACES_RE = re.compile(r"[ \t\u00a0\u202f\u2007]+")
# WhatsApp's *bold* and _italic_ around a whole line (a headline, a byline).
WRAPPED_RE = re.compile(r"^([*_~]+)(.+?)\1$")
# WhatsApp's *bold* inside a paragraph is Markdown's **bold**.
WA_BOLD_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash
DOMAIN_RE = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/?", re.I)
OUTLET_WORDS = {"berita", "news", "media", "post", "pos", "tv", "online", "portal", "pers", "fpii", "times",
                "koran", "info", "com", "id"}
NAME_PARTICLES = {"bin", "binti", "van", "de", "da", "al", "el"}
ENDS_SENTENCE = ".!?:;\"”’')…]"


def _clean_line(line: str) -> str:
    return SPACES_RE.sub(" ", INVISIBLE_RE.sub("", line)).strip()


def _unwrap(line: str) -> str:
    """The line without WhatsApp's *...* or _..._ around all of it."""
    match = WRAPPED_RE.match(line)
    return match[2].strip() if match else line


def _words(text: str) -> list[str]:
    return text.split()


def _is_domain(text: str) -> bool:
    return bool(DOMAIN_RE.fullmatch(text.strip()))


# --- the newsroom's own spellings --------------------------------------------------------------------

@dataclass
class Context:
    """What parsing needs from the newsroom data: lookups, outlet names and the site's clock."""

    data: NewsroomData
    zone: datetime.tzinfo
    outlet_keys: set[str]
    dateline_re: re.Pattern

    @classmethod
    def of(cls, data: NewsroomData) -> "Context":
        site = data.site.get("site", {})
        zone, _abbr = identity.clock_of(data.site)
        keys = {slugify(str(site.get(k, ""))) for k in ("name", "long_name")}
        host = re.sub(r"^https?://(www\.)?", "", str(site.get("url", ""))).strip("/")
        keys |= {slugify(host)} if host else set()
        return cls(data, zone, {k for k in keys if k}, dateline_pattern(data))


# --- shapes: outlet lines, bylines, sign-offs ------------------------------------------------------

def is_outlet_line(line: str, ctx: Context) -> bool:
    """A line that only names an outlet: a domain, the site's name, or a short line in capitals."""
    text = _unwrap(line).strip(" .|")
    if not text:
        return False
    if _is_domain(text) or slugify(text) in ctx.outlet_keys:
        return True
    words = _words(text)
    if any(c.islower() for c in text) or not any(c.isalpha() for c in text) or len(words) > 4:
        return False
    return len(words) <= 2 or any(w.lower().strip(".") in OUTLET_WORDS for w in words)


def _is_name(text: str, ctx: Context) -> bool:
    """A person's name: a reporter the data knows, or 1-5 capitalised words without digits."""
    if ctx.data.reporter_lookup.get(text) is not None:
        return True
    words = _words(text)
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words) and \
        all(re.fullmatch(r"[^\W\d_][\w.'’-]*", w) for w in words)


def split_names(value: str) -> list[str]:
    """'A, B dan C' -> ['A', 'B', 'C'] (roles in brackets and stray punctuation dropped)."""
    value = re.sub(r"\([^)]*\)", " ", value)
    parts = re.split(r"\s*(?:,|;|&|/|\bdan\b|\band\b)\s*", value, flags=re.I)
    names = []
    for part in parts:
        name = _clean_line(part).strip(" .-–—*_")
        if name and name not in names:
            names.append(name)
    return names


def _strip_outlet_suffix(value: str, ctx: Context) -> str:
    """'Nama - NTB.FPII.OR.ID' -> 'Nama'; 'Nama (BERITA NTB)' -> 'Nama'."""
    value = re.sub(r"\s*\(([^)]*)\)\s*$", lambda m: "" if is_outlet_line(m[1], ctx) else m[0], value)
    parts = re.split(rf"\s+[{DASHES}|]+\s+|\s*\|\s*", value)
    if len(parts) > 1 and is_outlet_line(parts[-1], ctx):
        return " ".join(parts[:-1]).strip()
    return value


BYLINE_LABELS = r"penulis|reporter|wartawan|pewarta|oleh|kontributor|laporan|liputan|by"
EDITOR_LABELS = r"editor|redaktur|penyunting|editing"
CODE_RE = re.compile(r"[^\W_][\w.]{0,9}")
LABEL_RE = re.compile(rf"\b(?P<label>{BYLINE_LABELS}|{EDITOR_LABELS})\s*:\s*", re.I)
OLEH_RE = re.compile(r"^(?:oleh|by)\s+(?P<names>.+)$", re.I)


@dataclass
class Labelled:
    reporters: list[str] = field(default_factory=list)
    editor: str = ""


def labelled_line(line: str, ctx: Context, oleh: bool = True) -> Labelled | None:
    """'Penulis : A dan B | Editor : Adb' (one or more labels), or None when the line is not one.

    `oleh`: also 'Oleh Nama' without a colon (only around the story: inside it, a sentence)."""
    text = _unwrap(line)
    matches = list(LABEL_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        oleh = oleh and OLEH_RE.match(text)
        names = split_names(_strip_outlet_suffix(oleh["names"], ctx)) if oleh else []
        return Labelled(reporters=names) if names and all(_is_name(n, ctx) for n in names) else None
    found = Labelled()
    for match, after in zip(matches, matches[1:] + [None]):
        value = text[match.end(): after.start() if after else len(text)].strip(" |/;,-–—")
        value = _strip_outlet_suffix(value, ctx)
        if re.fullmatch(EDITOR_LABELS, match["label"], re.I):
            found.editor = found.editor or value.strip(" .()")
        else:
            found.reporters += [n for n in split_names(value) if n not in found.reporters]
    # 'Laporan: BPS mencatat ...' in the story is a sentence, not a byline: names must look like names.
    if not all(_is_name(n, ctx) for n in found.reporters):
        return None
    if found.editor and not (CODE_RE.fullmatch(found.editor) or _is_name(found.editor, ctx)):
        return None
    return found if found.reporters or found.editor else None


def top_byline(line: str, ctx: Context) -> list[str] | None:
    """'Nama Reporter - NTB.FPII.OR.ID': names before an outlet, or None."""
    text = _unwrap(line)
    stripped = _strip_outlet_suffix(text, ctx)
    names = split_names(stripped)
    if stripped == text:  # no outlet: only reporters the newsroom knows ('Lalu Uji Dua')
        known = names and all(ctx.data.reporter_lookup.get(n) is not None for n in names)
        return names if known else None
    return names if names and all(_is_name(n, ctx) for n in names) else None


SIGN_OFF = r"\((?P<code>[^\W\d_][^\W_]{1,7}|\*)\)"
SIGN_OFF_LINE_RE = re.compile(rf"^{SIGN_OFF}\.?$")
# At the end of the last paragraph, after the closing punctuation of its last sentence.
SIGN_OFF_END_RE = re.compile(rf"(?<=[.!?\"”’'])\s*{SIGN_OFF}\.?$")


# --- dates ---------------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6,
    "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8,
    "agus": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10,
    "oct": 10, "november": 11, "nopember": 11, "nov": 11, "nop": 11, "desember": 12, "december": 12,
    "des": 12, "dec": 12,
}
DAY_NAMES = (r"senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|"
             r"friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun")
ZONE_HOURS = {"wib": 7, "wita": 8, "wit": 9}
MONTH = r"(?P<mon>[^\W\d_]{3,10})\.?"
DATE_FORMS = (
    rf"(?P<d>\d{{1,2}})\s+{MONTH},?\s+(?P<y>\d{{4}})",  # 20 Agustus 2024, 6 Okt 2024
    rf"{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",  # Aug 20, 2024
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})",  # 20/08/2024 (day first, always)
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",  # 2024-08-20
)
DATE_LABEL = r"(?:(?:tanggal|tgl\.?|diterbitkan|dipublikasikan|terbit|published|posted|dikirim)\s*:?\s*)?"
DAY = rf"(?:(?:{DAY_NAMES})\.?\s*,?\s*)?"
TIME = (rf"(?:(?:\s*[{DASHES}|,@/]\s*|\s+)(?:(?:pukul|pkl\.?|jam|at)\s*)?"
        r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*"
        r"(?P<zone>wita|wib|wit|(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?00)?)?)?")
DATE_LINE_RES = tuple(re.compile(rf"{DATE_LABEL}{DAY}{form}{TIME}\s*\.?", re.I) for form in DATE_FORMS)


@dataclass
class StoryDate:
    when: datetime.datetime  # the site's local time (site.toml's time zone), naive, as `Date:` is written
    has_time: bool
    written: str  # the line as the reporter wrote it
    zone_written: str = ""  # WIB / WIT / UTC+7 when the line named another zone


def _zone_offset(zone: str) -> int | None:
    zone = re.sub(r"\s+", "", zone.lower())
    if zone in ZONE_HOURS:
        return ZONE_HOURS[zone]
    match = re.fullmatch(r"(?:gmt|utc)([+-]\d{1,2})(?::?00)?", zone)
    return int(match[1]) if match else None


def _hour(match: re.Match) -> int:
    hour = int(match["H"])
    ampm = (match["ampm"] or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        return hour + 12
    if ampm == "am" and hour == 12:
        return 0
    return hour


def parse_date_line(line: str, zone: datetime.tzinfo) -> StoryDate | None:
    """The date and time a whole line states, in the site's zone; None when the line is not a date."""
    text = _unwrap(_clean_line(line)).strip("()[] ")
    for pattern in DATE_LINE_RES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = MONTHS.get(match["mon"].lower()) if "mon" in match.groupdict() else int(match["m"])
        year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        try:
            when = datetime.datetime(year, month or 0, int(match["d"]),
                                     _hour(match) if match["H"] else 0, int(match["M"] or 0))
        except (TypeError, ValueError):
            return None
        offset = _zone_offset(match["zone"]) if match["zone"] else None
        if offset is not None:
            aware = when.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=offset)))
            local = aware.astimezone(zone).replace(tzinfo=None)
            written_zone = match["zone"].upper() if local != when else ""
            return StoryDate(local, True, text, written_zone)
        return StoryDate(when, bool(match["H"]), text)
    return None


# --- datelines ----------------------------------------------------------------------------------

PLACE_WORD = r"[^\W\d_][\w.'’]*"
DOMAIN = r"(?i:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"


def dateline_pattern(data: NewsroomData) -> re.Pattern:
    """'Place[,] [PROVINCE|outlet.domain|(anything)] - rest': the province is 'NTB' or an all-capitals
    name of the data's province region; after a comma any abbreviation in capitals ('Kupang, NTT -')."""
    provinces = {"NTB"} | {s for r in data.regions if r.kind == "provinsi" for s in (r.name, *r.aliases)
                           if s.isupper() and " " not in s}
    province = "|".join(sorted(map(re.escape, provinces), key=len, reverse=True))
    return re.compile(
        rf"^[*_]*(?P<place>{PLACE_WORD}(?:\s+{PLACE_WORD}){{0,3}}?)[*_]*"
        rf"(?:\s*,\s*(?:\((?P<paren>[^)]{{1,40}})\)|{DOMAIN}|[A-Z]{{2,5}})"
        rf"|\s+(?:\((?P<paren2>[^)]{{1,40}})\)|{DOMAIN}|{province}))?"
        rf"(?:\s+[{DASHES}]+\s*|[{DASHES}]+(?:\s+|$))(?P<rest>\S.*)?$",
        re.S,
    )


def _place_spelling(place: str, ctx: Context) -> str:
    """'SELONG' -> 'Selong'; a region's name or alias keeps the data's spelling ('KLU')."""
    if any(c.islower() for c in place):
        return place
    region = ctx.data.region_lookup.get(place)
    if region is not None:
        for spelling in (region.name, *region.aliases):
            if slugify(spelling) == slugify(place):
                return spelling
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in place.split())


def split_dateline(paragraph: str, ctx: Context) -> tuple[str, str]:
    """('Mataram', rest of the paragraph) for 'Mataram NTB - ...', or ('', paragraph)."""
    match = ctx.dateline_re.match(paragraph)
    if match is None:
        return "", paragraph
    place = match["place"]
    if not all(w[0].isupper() for w in place.split()):
        return "", paragraph
    paren = match["paren"] or match["paren2"]
    if paren and not is_outlet_line(paren, ctx) and paren.upper() != paren:
        return "", paragraph
    return _place_spelling(place, ctx), match["rest"] or ""


# --- paragraphs -----------------------------------------------------------------------------------

BLOCK_START_RE = re.compile(r"^(?:#|>|[-*+] |\d+[.)] |\|)")


def _splits_here(before: str, after: str) -> bool:
    """A sentence that a copy and paste split: no closing punctuation, then a lower-case start."""
    if BLOCK_START_RE.match(before) or BLOCK_START_RE.match(after):
        return False
    return before[-1] not in ENDS_SENTENCE and after[0].islower()


def rejoin(paragraphs: list[str]) -> tuple[list[str], int]:
    """Join every paragraph that continues the previous one's sentence; return them and the count."""
    out: list[str] = []
    joined = 0
    for paragraph in paragraphs:
        if out and _splits_here(out[-1], paragraph):
            out[-1] = f"{out[-1]} {paragraph}"
            joined += 1
        else:
            out.append(paragraph)
    return out, joined


def _markdown(paragraph: str) -> str:
    return WA_BOLD_RE.sub(r"**\1**", paragraph)


def _body_text(paragraphs: list[str]) -> str:
    """Paragraphs separated by blank lines; consecutive list items stay one list."""
    text = ""
    for i, paragraph in enumerate(paragraphs):
        if i:
            is_item = BLOCK_START_RE.match(paragraph) and paragraph[0] in "-*+0123456789"
            was_item = BLOCK_START_RE.match(paragraphs[i - 1]) and paragraphs[i - 1][0] in "-*+0123456789"
            text += "\n" if is_item and was_item else "\n\n"
        text += paragraph
    return text


# --- the story -----------------------------------------------------------------------------------

@dataclass
class Story:
    """What a pasted story says. Empty strings and None for what it does not say."""

    title: str = ""
    date: StoryDate | None = None
    reporters: list[str] = field(default_factory=list)  # as written
    dateline: str = ""  # the place only: 'Mataram', 'Selong'
    region: Region | None = None  # the dateline's region, when the data knows the place
    editor: str = ""  # the sign-off exactly as written: 'Adb', 'Red', 'LNG04'
    paragraphs: list[str] = field(default_factory=list)
    rejoined: int = 0  # sentences split by copy and paste, joined again

    @property
    def body(self) -> str:
        return _body_text(self.paragraphs)


def _is_title(line: str, ctx: Context) -> bool:
    words = _words(line)
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS:
        return False
    # A lead paragraph, not a headline: a long sentence that ends with a full stop, or a sentence
    # after a dateline ('Mataram NTB - Harga cabai naik.'; a headline 'Jembatan Dibuka - Warga Lega' is one).
    ends = line.rstrip("”\"’'")[-1:] in ".!?"
    return not (ends and (len(words) > 12 or split_dateline(line, ctx)[0]))


def _take_head(lines: list[str], story: Story, ctx: Context) -> int:
    """Read outlet lines, byline, date and title from the top; return where the story starts."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if (found := labelled_line(line, ctx)) is not None:
            _add_labelled(story, found)
        elif (names := top_byline(line, ctx)) is not None:
            story.reporters += [n for n in names if n not in story.reporters]
        elif is_outlet_line(line, ctx):
            pass
        elif story.date is None and (date := parse_date_line(line, ctx.zone)) is not None:
            story.date = date
        elif not story.title and _is_title(_unwrap(line), ctx):
            story.title = _unwrap(line).strip()
            # A headline that the paste broke in two: the next line goes on in lower case.
            while i + 1 < len(lines) and _splits_here(story.title, lines[i + 1]) and len(lines[i + 1]) < 120:
                i += 1
                story.title = f"{story.title} {_unwrap(lines[i]).strip()}"
        else:
            break
        i += 1
    return i


def _add_labelled(story: Story, found: Labelled) -> None:
    story.reporters += [n for n in found.reporters if n not in story.reporters]
    story.editor = story.editor or found.editor


def _take_tail(lines: list[str], story: Story, ctx: Context) -> list[str]:
    """Remove sign-offs, bylines, editor and outlet lines from the end (and labelled lines anywhere)."""
    kept = []
    for number, line in enumerate(lines):
        found = labelled_line(line, ctx, oleh=number == len(lines) - 1)
        if found is None:
            kept.append(line)
        else:
            _add_labelled(story, found)
    code = ""
    while kept:
        last = _unwrap(kept[-1])
        if (sign_off := SIGN_OFF_LINE_RE.match(last)) is not None:
            code = code or sign_off["code"]
        elif story.date is None and (date := parse_date_line(last, ctx.zone)) is not None:
            story.date = date
        elif not is_outlet_line(last, ctx):
            break
        kept.pop()
    if kept and (match := SIGN_OFF_END_RE.search(kept[-1])):
        code = code or match["code"]
        kept[-1] = kept[-1][: match.start()].rstrip()
    if code != "*":
        story.editor = story.editor or code
    return kept


def _take_date_anywhere(lines: list[str], story: Story, ctx: Context) -> list[str]:
    """A date line that is not at the top: the first line that is only a date."""
    if story.date is not None:
        return lines
    for i, line in enumerate(lines):
        date = parse_date_line(line, ctx.zone)
        if date is not None:
            story.date = date
            return lines[:i] + lines[i + 1:]
    return lines


def story_lines(text: str) -> list[str]:
    """Non-empty lines, cleaned. Chat and word processors never wrap lines: a line is a paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [line for line in (_clean_line(raw) for raw in text.split("\n")) if line]


def parse_story(text: str, data: NewsroomData) -> Story:
    """Everything a pasted story says about itself; the body keeps the reporter's words."""
    ctx = Context.of(data)
    story = Story()
    lines = story_lines(text)
    start = _take_head(lines, story, ctx)
    body = _take_tail(lines[start:], story, ctx)
    body = _take_date_anywhere(body, story, ctx)
    paragraphs, story.rejoined = rejoin(body)
    if paragraphs:
        # 'MATARAM -' may also stand alone on the line above the first paragraph.
        story.dateline, paragraphs[0] = split_dateline(paragraphs[0], ctx)
        story.region = ctx.data.region_lookup.get(story.dateline) if story.dateline else None
    story.paragraphs = [_markdown(p) for p in paragraphs if p.strip()]
    return story


# --- writing the article -----------------------------------------------------------------------------

class ImportRefused(Exception):
    """The story cannot be imported as it is; nothing was written. The message says what to do."""


@dataclass
class Profile:
    """A reporter's file the import created, to be completed."""

    path: Path
    name: str
    initials: str = ""  # set for a sign-off the newsroom did not know
    hint: str = ""  # a known reporter with a similar name (a typo in the byline?)


@dataclass
class Imported:
    path: Path
    story: Story
    authors: list[str]
    region: str
    region_from: str  # "dateline" or "option"
    category: str
    editor: str
    profiles: list[Profile]


def _example(items) -> str:
    return items[0].name if items else ""


def _resolve_option(lookup, value: str, option: str):
    found = lookup.get(value)
    if found is None:
        hint = lookup.suggest(value)
        if hint:
            raise ImportRefused(_("{option} '{value}' is unknown; did you mean '{hint}'? "
                                  "Nothing was written.",
                                  option=option, value=value, hint=hint))
        raise ImportRefused(_("{option} '{value}' is unknown; {where}. Nothing was written.",
                              option=option, value=value, where=lookup.where or "content/data/"))
    return found


def check_story(story: Story, zone_abbr: str) -> None:
    """Refuse a story without a headline or a date (`zone_abbr`: what the newsroom calls its clock)."""
    if not story.title:
        raise ImportRefused(_("No headline found: the first line of the text should be the headline, "
                              "on a line of its own. Add it, then import again. Nothing was written."))
    if story.date is None:
        raise ImportRefused(_("No date found: add a line such as 'Selasa, 20 Agustus 2024 | 12:40 {zone}' "
                              "under the headline, then import again. Nothing was written.", zone=zone_abbr))
    if not story.paragraphs:
        raise ImportRefused(_("No story text found after the headline and the date. Nothing was written."))


def _choose_region(story: Story, option: str, data: NewsroomData) -> tuple[Region, str]:
    if option.strip():
        return _resolve_option(data.region_lookup, option, "--region"), "option"
    if story.region is not None:
        return story.region, "dateline"
    if story.dateline:
        raise ImportRefused(_("The dateline '{place}' is not a region of the newsroom: pass --region "
                              "(e.g. --region \"{example}\"). Nothing was written.",
                              place=story.dateline, example=_example(data.regions)))
    raise ImportRefused(_("No region: the story has no dateline naming one; pass --region "
                          "(e.g. --region \"{example}\"). Nothing was written.",
                          example=_example(data.regions)))


def _choose_rubric(option: str, data: NewsroomData):
    if not option.strip():
        raise ImportRefused(_("No rubric: a pasted story never says it; pass --category (e.g. --category "
                              "\"{example}\"). Nothing was written.", example=_example(data.rubrics)))
    return _resolve_option(data.rubric_lookup, option, "--category")


def _person_name(name: str) -> str:
    """A name typed in capitals ('LALU UJI') is written as a name ('Lalu Uji')."""
    return " ".join(w.capitalize() for w in name.split()) if name.isupper() else name


def _choose_authors(story: Story, option: str, data: NewsroomData) -> tuple[list[str], dict[str, str]]:
    """(names for `Authors:`, {name the data does not know yet: a known name like it, or ""})."""
    names = split_names(option) if option.strip() else story.reporters
    if not names:
        raise ImportRefused(_("No reporter found: the text has no byline; pass --author (e.g. --author "
                              "\"{example}\"). Nothing was written.", example=_example(data.reporters)))
    authors, unknown = [], {}
    for name in names:
        known = data.reporter_lookup.get(name)
        name = known.name if known is not None else _person_name(name)
        if name not in authors:
            authors.append(name)
            if known is None:
                unknown[name] = data.reporter_lookup.suggest(name) or ""
    return authors, unknown


def _choose_editor(story: Story, data: NewsroomData) -> tuple[str, str]:
    """(the sign-off for `Editor:`, the name of the profile to create for it, "" when it is known).

    A sign-off is kept as written ('Adb'); an 'Editor : Full Name' line becomes the editor's initials.
    """
    editor = story.editor
    if not editor or data.editor_lookup.get(editor) is not None:
        return editor, ""
    known = data.reporter_lookup.get(editor)
    if known is not None and getattr(known, "initials", ""):
        return known.initials, ""
    if len(editor.split()) > 1:  # a full name the newsroom does not know: its initials sign the story
        name = _person_name(editor)
        return "".join(w[0] for w in name.split() if w[0].isalnum()).upper(), name
    return editor, editor


def target_path(content: Path, story: Story) -> Path:
    slug = slugify(story.title, max_length=80, word_boundary=True)
    if not slug:
        raise ImportRefused(_("The headline has no letters or digits to make a file name from. "
                              "Nothing was written."))
    when = story.date.when
    path = content / ARTICLES_FOLDER / f"{when:%Y}" / f"{when:%m}" / f"{slug}.md"
    if path.exists():
        raise ImportRefused(_("{path} already exists; nothing was overwritten. If this is another story, "
                              "change its headline; if it is the same one, edit that file.",
                              path=display_path(path)))
    return path


def article_text(story: Story, authors: list[str], region: str, category: str, editor: str) -> str:
    """The article with the same header as `invoke new` (scaffold.TEMPLATE), Status: draft."""
    text = scaffold.TEMPLATE.format(title=story.title, date=f"{story.date.when:%Y-%m-%d %H:%M}",
                                    author=", ".join(authors), region=region, category=category, body="\0")
    header = text[: text.index("\0")] if "\0" in text else text.split("\n\n")[0] + "\n\n"
    for name, value in (("Dateline", story.dateline), ("Editor", editor)):
        header = re.sub(rf"^{name}:[ \t]*$", f"{name}: {value}".rstrip(), header, count=1, flags=re.M)
    return header + story.body + "\n"


NewProfile = Callable[..., Path]


def _create_profiles(content: Path, unknown: dict[str, str], editor: tuple[str, str], region: Region,
                     new_profile: NewProfile) -> list[Profile]:
    """Profiles for unknown reporters and for the unknown sign-off `editor` (initials, name)."""
    created = []
    try:
        for name, hint in unknown.items():
            created.append(Profile(new_profile(content, name, region=region.slug), name, hint=hint))
        initials, name = editor
        if name:
            path = new_profile(content, name, role=scaffold.EDITOR_ROLES[-1], initials=initials)
            created.append(Profile(path, name, initials))
    except SystemExit as exc:  # new_reporter refuses with a message, never overwriting
        done = ", ".join(display_path(p.path) for p in created) or "-"
        raise ImportRefused(_("{problem} The article was not written (profiles already created: {done}).",
                              problem=exc.code, done=done)) from None
    return created


def write_article(story: Story, content: Path, *, author: str = "", region: str = "", category: str = "",
                  data: NewsroomData | None = None, new_profile: NewProfile | None = None) -> Imported:
    """Check the story, create the profiles it needs and write the draft; refuse before writing anything.

    `author`, `region` and `category` (the task's options) override what the text says.
    """
    data = data or load(content / DEFAULTS["DATA_PATH"], {}, ProblemLog())
    check_story(story, identity.clock_of(data.site)[1])
    chosen_region, region_from = _choose_region(story, region, data)
    chosen_rubric = _choose_rubric(category, data)
    authors, unknown = _choose_authors(story, author, data)
    editor, editor_profile = _choose_editor(story, data)
    path = target_path(content, story)
    profiles = _create_profiles(content, unknown, (editor, editor_profile), chosen_region,
                                new_profile or scaffold.new_reporter)
    text = article_text(story, authors, chosen_region.name, chosen_rubric.name, editor)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:
        fh.write(text)
    return Imported(path, story, authors, chosen_region.name, region_from, chosen_rubric.name, editor,
                    profiles)


# --- input and the report ------------------------------------------------------------------------

def read_source(source: str, stdin: TextIO | None = None) -> str:
    """The text of a .txt file, of a .docx file (its paragraphs in order) or of standard input ('-')."""
    if source == "-":
        return (stdin or sys.stdin).read()
    path = Path(source)
    if not path.is_file():
        raise ImportRefused(_("{file} does not exist (or is not a file). Nothing was written.", file=source))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(path)
    if suffix in TEXT_SUFFIXES_REFUSED:
        raise ImportRefused(_("{file} is a {kind} file; save it as .docx or .txt (or paste the text into "
                              "standard input with -). Nothing was written.", file=source, kind=suffix))
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Notepad's "ANSI" on Windows


def _read_docx(path: Path) -> str:
    import docx  # python-docx; imported here so the other tasks do not pay for it

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged or renamed file
        raise ImportRefused(_("{file} is not a readable .docx file ({error}). Nothing was written.",
                              file=str(path), error=type(exc).__name__)) from None
    return "\n".join(p.text for p in document.paragraphs)


def summary(imported: Imported, zone_abbr: str) -> list[str]:
    """What the import found and did, one line each; the article's path is the last line."""
    story = imported.story
    when = story.date.when.strftime("%Y-%m-%d %H:%M")
    lines = [_("Title: {title}", title=story.title),
             n_("Reporter: {names}", "Reporters: {names}", len(imported.authors),
                names=", ".join(imported.authors)),
             _("Date: {date} {zone}", date=when, zone=zone_abbr)]
    if story.date.zone_written:
        lines.append(_("  (converted from {written}, written in {zone})", written=story.date.written,
                       zone=story.date.zone_written))
    if not story.date.has_time:
        lines.append(_("  The date line gives no time: Date is set to 00:00; correct it in the header."))
    lines.append(_("Dateline: {place}", place=story.dateline) if story.dateline
                 else _("Dateline: none found"))
    lines.append(_("Region: {region} (from the dateline)", region=imported.region)
                 if imported.region_from == "dateline"
                 else _("Region: {region} (from --region)", region=imported.region))
    lines.append(_("Rubric: {category}", category=imported.category))
    lines.append(_("Sign-off: {editor}", editor=imported.editor) if imported.editor
                 else _("Sign-off: none found"))
    if story.rejoined:
        lines.append(n_("Rejoined {count} sentence that the copy and paste had split.",
                        "Rejoined {count} sentences that the copy and paste had split.", story.rejoined))
    for profile in imported.profiles:
        lines += _profile_lines(profile)
    lines.append(_("The article is a draft (Status: draft): an editor must review it, then remove that line "
                   "to publish it."))
    lines.append(display_path(imported.path))
    return lines


def _profile_lines(profile: Profile) -> list[str]:
    where = display_path(profile.path)
    if profile.initials:
        first = _("Sign-off '{initials}' is not in the newsroom data: created the profile {path}.",
                  initials=profile.initials, path=where)
        if profile.name == profile.initials:
            return [first, _("  It must be completed: write the editor's full name instead of '{initials}', "
                             "and a bio.", initials=profile.initials)]
        return [first, _("  It must be completed with a bio; the story is signed off with the initials "
                         "'{initials}' of {name}.", initials=profile.initials, name=profile.name)]
    lines = [_("Reporter '{name}' is not in the newsroom data: created the profile {path}.",
               name=profile.name, path=where),
             _("  It must be completed (role, region, bio) before the story is published.")]
    if profile.hint:
        lines.append(_("  Did you mean '{hint}'? Then write that name in Authors: and delete {path}.",
                       hint=profile.hint, path=where))
    return lines


def run(source: str, content: Path, *, author: str = "", region: str = "", category: str = "",
        stdin: TextIO | None = None) -> list[str]:
    """`invoke import-text`: read, parse, write; return the lines to print. Raises ImportRefused."""
    messages.use(messages.language_of(content))
    data = load(content / DEFAULTS["DATA_PATH"], {}, ProblemLog())
    text = read_source(source, stdin)
    if not text.strip():
        raise ImportRefused(_("The text is empty. Nothing was written."))
    story = parse_story(text, data)
    imported = write_article(story, content, author=author, region=region, category=category, data=data)
    return summary(imported, identity.clock_of(data.site)[1])

