"""`invoke new` and `invoke reporter`: start an article, or a reporter's file, with every field to fill in.

Both refuse what the build would refuse (an unknown region, rubric or reporter, with the nearest
valid value) and never overwrite a file. Their messages go through the newsroom catalogue
(messages.py), so reporters read them in Indonesian.
"""

from __future__ import annotations

import datetime
import difflib
import textwrap
import zoneinfo
from pathlib import Path

from slugify import slugify

from . import identity
from .data import Lookup, NewsroomData, load
from .messages import _
from .problems import ProblemLog
from .settings import ARTICLES_FOLDER, DEFAULTS

# The roles a reporter's file may name (content/data/authors/*.toml `role`), in the order of the
# masthead. Editors (the first three) also have `initials`, which articles name in `Editor:`.
ROLES = ("Pemimpin Redaksi", "Redaktur Pelaksana", "Redaktur", "Wartawan", "Kontributor", "Fotografer")
EDITOR_ROLES = ROLES[:3]
DEFAULT_ROLE = "Wartawan"
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")

TEMPLATE = """\
Title: {title}
Date: {date}
Authors: {author}
Region: {region}
Category: {category}
Tags: 
Summary: 
Dateline: 
Editor: 
Status: draft
Image: 
ImageAlt: 
Caption: 
Credit: 

{body}
"""


def _canonical(lookup: Lookup, value: str) -> str:
    if not value:
        return ""
    found = lookup.get(value)
    if found is None:
        raise SystemExit(lookup.unknown(value))
    return found.name


def _data(content: Path) -> NewsroomData:
    return load(content / DEFAULTS["DATA_PATH"], {}, ProblemLog())


def _zone(data: NewsroomData, timezone: str | None) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(timezone) if timezone else identity.clock_of(data.site)[0]


def parse_date(value: str, zone: datetime.tzinfo, clock: str = "") -> datetime.datetime:
    """`YYYY-MM-DD HH:MM` in the newsroom's time zone (`clock`: what it calls it, e.g. WITA), as
    reporters write `Date:`."""
    text = " ".join(value.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).replace(tzinfo=zone)
        except ValueError:
            continue
    raise SystemExit(_("'{value}' is not a date and time; write it as YYYY-MM-DD HH:MM ({zone}), "
                       "e.g. 2026-10-14 09:35", value=value, zone=clock or str(zone)))


def example_region(content: Path) -> str:
    """What a reporter of this newsroom would type for a region (its first alias), for examples."""
    regions = _data(content).regions
    return next((r.aliases[0] for r in regions if r.aliases), regions[0].name if regions else "")


def check_title(title: str) -> str:
    """The headline as typed, or SystemExit with what is wrong."""
    text = " ".join((title or "").split())
    if not text:
        raise SystemExit(_('The headline is missing: invoke new --title "Judul berita"'))
    if text.startswith("-"):
        raise SystemExit(_("'{title}' looks like an option, not a headline; write the headline after --title, "
                           'in quotes: invoke new --title "Judul berita"', title=text))
    return text


def new_article(content: Path, title: str, region: str = "", author: str = "", category: str = "",
                now: datetime.datetime | None = None, timezone: str | None = None,
                date: str | datetime.datetime | None = None) -> Path:
    """Write content/berita/YYYY/MM/<slug>.md (a draft with the whole header) and return its path.

    `date` (text `YYYY-MM-DD HH:MM` on the site's clock, or a datetime) is the story's `Date:` and chooses its
    month folder; without it, `now`. A date in the future is an embargo.
    """
    title = check_title(title)
    data = _data(content)
    zone = _zone(data, timezone)
    if isinstance(date, str) and date.strip():
        when = parse_date(date, zone, data.site.get("site", {}).get("timezone_abbr", ""))
    elif isinstance(date, datetime.datetime):
        when = date if date.tzinfo else date.replace(tzinfo=zone)
    else:
        when = now or datetime.datetime.now(zone)
    slug = slugify(title, max_length=80, word_boundary=True)
    if not slug:
        raise SystemExit(_("The title has no letters or digits to make a file name from."))
    path = content / ARTICLES_FOLDER / f"{when:%Y}" / f"{when:%m}" / f"{slug}.md"
    if path.exists():
        raise SystemExit(_("{path} already exists; choose another title (nothing was overwritten).", path=path))
    text = TEMPLATE.format(
        title=title,
        date=f"{when:%Y-%m-%d %H:%M}",
        author=_canonical(data.reporter_lookup, author),
        region=_canonical(data.region_lookup, region),
        category=_canonical(data.rubric_lookup, category),
        body=_("Write the story here. The first paragraph answers what, who, when, where, why and how."),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- reporters ------------------------------------------------------------------------------------

def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def check_role(role: str) -> str:
    """One of ROLES (case and spacing do not matter), or SystemExit naming the nearest one."""
    text = " ".join((role or "").split())
    if not text:
        return DEFAULT_ROLE
    by_key = {slugify(r): r for r in ROLES}
    found = by_key.get(slugify(text))
    if found:
        return found
    hint = difflib.get_close_matches(slugify(text), list(by_key), n=1, cutoff=0.6)
    allowed = ", ".join(ROLES)
    if hint:
        raise SystemExit(_("Role '{role}' is unknown; did you mean '{hint}'? Allowed: {allowed}.",
                           role=text, hint=by_key[hint[0]], allowed=allowed))
    raise SystemExit(_("Role '{role}' is unknown. Allowed: {allowed}.", role=text, allowed=allowed))


def _comment(text: str) -> list[str]:
    """TOML comment lines (every line starts with '# '), wrapped for an editor window."""
    return ["# " + line for line in textwrap.wrap(text, 96, break_on_hyphens=False)] or ["#"]


def reporter_toml(slug: str, name: str, role: str, region: str, initials: str) -> str:
    """The text of a new reporter's file: every key, each explained in a comment."""
    roles = ", ".join(f'"{r}"' for r in ROLES)
    editors = ", ".join(f'"{r}"' for r in EDITOR_ROLES)
    lines = [
        *_comment(_("Reporter profile. The file name ({slug}.toml) is the slug: the reporter's page is "
                    "penulis/{slug}/. Do not rename the file once the reporter has published.", slug=slug)),
        *_comment(_("Made with `invoke reporter`; fill in bio and email, then commit the file.")),
        "",
        *_comment(_("Full name, as articles write it in `Authors:`.")),
        f"name = {_toml_string(name)}",
        *_comment(_("Role in the newsroom, one of: {roles}.", roles=roles)),
        f"role = {_toml_string(role)}",
        *_comment(_('Region covered: the slug of a region in content/data/regions.toml (e.g. "lombok-timur"); '
                    '"" when none.')),
        f"region = {_toml_string(region)}",
    ]
    if initials:
        lines += _comment(_("Initials of the editor, as articles write them in `Editor:` (editors only: {editors}).",
                            editors=editors))
        lines.append(f"initials = {_toml_string(initials)}")
    else:
        lines += _comment(_("Only editors ({editors}) have initials, which articles write in `Editor:`:",
                            editors=editors))
        lines.append('# initials = ""')
    lines += [
        *_comment(_("One or two sentences about the reporter, shown on the reporter's page.")),
        'bio = ""',
        *_comment(_("Work e-mail address shown to readers (optional).")),
        'email = ""',
        *_comment(_("Optional photo, relative to content/ (JPEG or PNG, square, at least 320 px):")),
        f'# photo = "images/penulis/{slug}.jpg"',
    ]
    return "\n".join(lines) + "\n"


def new_reporter(content: Path, name: str, *, region: str = "", role: str = "", initials: str = "") -> Path:
    """Write content/data/authors/<slug>.toml for a new reporter and return its path.

    `region` (name, slug or alias) is stored as the region's slug; `role` must be one of ROLES
    (default Wartawan); editors get `initials` (given, or the first letters of the name). An
    existing file is never overwritten.
    """
    name = " ".join((name or "").split())
    if not name:
        raise SystemExit(_('The name is missing: invoke reporter "Nama Lengkap"'))
    if name.startswith("-"):
        raise SystemExit(_("'{name}' looks like an option, not a name; write the name first, in quotes: "
                           'invoke reporter "Nama Lengkap" --region {region}', name=name, region=example_region(content)))
    slug = slugify(name)
    if not slug:
        raise SystemExit(_("The name has no letters or digits to make a file name from."))
    path = content / DEFAULTS["DATA_PATH"] / "authors" / f"{slug}.toml"
    if path.exists():
        raise SystemExit(_("{path} already exists; nothing was overwritten. Edit that file, or give another name.",
                           path=path))
    data = _data(content)
    known = data.reporter_lookup.get(name)
    if known is not None:
        raise SystemExit(_("'{name}' is already a reporter ({slug}.toml); nothing was written.",
                           name=name, slug=known.slug))
    role = check_role(role)
    region_slug = ""
    if region.strip():
        found = data.region_lookup.get(region)
        if found is None:
            raise SystemExit(data.region_lookup.unknown(region))
        region_slug = found.slug
    initials = "".join(initials.split()).upper()
    if role in EDITOR_ROLES:
        initials = initials or "".join(w[0] for w in slug.split("-") if w).upper()
        owner = data.editor_lookup.get(initials)
        if owner is not None:
            raise SystemExit(_("Initials '{initials}' already belong to {owner}; choose others with --initials.",
                               initials=initials, owner=owner.name))
    elif initials:
        raise SystemExit(_("Only editors ({editors}) have initials; '{role}' does not.",
                           editors=", ".join(EDITOR_ROLES), role=role))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(reporter_toml(slug, name, role, region_slug, initials))
    return path
