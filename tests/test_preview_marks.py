"""The editors' preview (development build): a draft is DRAF whatever its date, only a non-draft
story with a future date is EMBARGO, and the mark goes wherever the story is listed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import ROOT, build_site, page


def _copy_story(content: Path, date: str, name: str, draft: bool) -> Path:
    source = next((content / "berita").rglob("*.md"))
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^Date: .+$", f"Date: {date}", text, count=1, flags=re.M)
    text = re.sub(r"^(Featured|Status|Modified): .+\n", "", text, flags=re.M)
    if draft:
        text = text.replace("\n\n", "\nStatus: draft\n\n", 1)
    target = content / "berita" / date[:4] / date[5:7] / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_embargo_and_draft_marks_in_the_preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    _copy_story(content, "2099-01-02 08:00", "cerita-embargo.md", draft=False)
    _copy_story(content, "2099-01-03 08:00", "draf-bertanggal-depan.md", draft=True)
    out = build_site("pelicanconf.py", tmp_path / "out", content=content)

    embargo = page(out, "berita/2099/01/cerita-embargo")
    assert "EMBARGO" in embargo.css_first(".state-banner").text()
    draft = page(out, "drafts/draf-bertanggal-depan")
    assert "DRAF" in draft.css_first(".state-banner").text() and "EMBARGO" not in draft.css_first(".state-banner").text()

    home = page(out, "")
    latest = [li for li in home.css(".home-latest li") if "cerita-embargo" in li.html]
    assert latest, "the embargoed story is listed in the preview's latest news"
    assert all(li.css_first(".flag") and li.css_first(".flag").text() == "EMBARGO" for li in latest)
    listed = {a.attributes["href"].rstrip("/").rsplit("/", 1)[-1]: li.text() for li in home.css(".unpublished li")
              for a in li.css("a")}
    assert listed["draf-bertanggal-depan"].startswith("DRAF")
    assert listed["cerita-embargo"].startswith("EMBARGO")
