"""Live preview (plugins/newsroom/preview.py): a rebuild in the running process after an edit gives
the same site as a full build of the edited content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import sys

from tests.helpers import ROOT, build_site

sys.path.insert(0, str(ROOT / "plugins"))  # as pelicanconf.py does
from newsroom import state  # noqa: E402
from newsroom.preview import LivePreview  # noqa: E402


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_an_in_process_rebuild_after_an_edit_equals_a_full_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "preview"
    preview = LivePreview(ROOT, "pelicanconf.py", str(content),
                          override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "preview-cache")})
    assert preview.build()
    story = next(p for p in sorted((content / "berita").rglob("*.md")) if "Status: draft" not in p.read_text())
    text = story.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Title: (.*)$", r"Title: \1 (diperbarui)", text, count=1)
    story.write_text(text + "\nParagraf tambahan setelah berita diperbarui.\n", encoding="utf-8")
    assert preview.build()
    assert state._current.bodies.converted == 1  # only the edited story was converted again
    assert preview.pelican is not None and not preview.stale
    full = build_site("pelicanconf.py", tmp_path / "full", content=content)
    a, b = files(output), files(full)
    assert len(a) > 100
    differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    assert not differing, differing
    assert "(diperbarui)" in (output / story.relative_to(content / "berita").with_suffix("").as_posix()
                              .join(["berita/", "/index.html"])).read_text(encoding="utf-8")
