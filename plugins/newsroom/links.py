"""Finished URLs for the theme: canonical addresses, breadcrumb trails and contact links.

Templates print these; they never slice paths, strip spaces out of phone numbers or assemble a
trail themselves (theme/README.md lists what each template gets).
"""

from __future__ import annotations

import re
from functools import partial

NOT_DIGITS = re.compile(r"\D")


def page_path(output_file: str) -> str:
    """The URL path of a written file: `berita/x/index.html` is served as `berita/x/`."""
    output_file = output_file.replace("\\", "/")
    if output_file == "index.html" or output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def canonical_url(siteurl: str, output_file: str) -> str:
    return f"{siteurl}/{page_path(output_file)}"


def page_window(current: int, last: int, around: int = 2) -> list[int]:
    """The page numbers a listing's pagination shows, in order: the first two and the last two
    (the second and the second to last stand for a gap when they are not near), and `around` either
    side of the current page. A handful of numbers, however many pages the listing has: the
    template never walks every page of the archive on every page."""
    shown = {1, 2, last - 1, last, *range(current - around, current + around + 1)}
    return sorted(n for n in shown if 1 <= n <= last)


def template_filters(siteurl: str) -> dict:
    """Jinja filters: `output_file|canonical_url`, `current|page_window(last)`."""
    return {"canonical_url": partial(canonical_url, siteurl), "page_window": page_window}


def phone_href(number: str) -> str:
    """`tel:` link of a number as people write it ("+62 370 000 000", "(0370) 000-000")."""
    number = number.strip()
    return "tel:" + ("+" if number.startswith("+") else "") + NOT_DIGITS.sub("", number)


def whatsapp_href(number: str) -> str:
    """wa.me link: the international number in digits only; a local Indonesian number (0812...)
    becomes 62812..."""
    digits = NOT_DIGITS.sub("", number)
    if not number.strip().startswith("+") and digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}"


def contact_links(publisher: dict) -> list[dict]:
    """The publisher's e-mail, phone and WhatsApp from site.toml, each `{kind, text, href}`, in
    that order; the ones site.toml leaves out are left out."""
    makers = {"email": lambda v: f"mailto:{v.strip()}", "phone": phone_href, "whatsapp": whatsapp_href}
    links = []
    for kind, make in makers.items():
        value = str(publisher.get(kind) or "").strip()
        if value and (kind == "email" or NOT_DIGITS.sub("", value)):
            links.append({"kind": kind, "text": value, "href": make(value)})
    return links


def article_trail(article) -> list[tuple[str | None, str]]:
    """Home › rubric › story, after the home page: (URL path or None for the page itself, label)."""
    trail = []
    category = getattr(article, "category", None)
    if category:
        trail.append((category.url, category.name))
    trail.append((None, article.title))
    return trail
