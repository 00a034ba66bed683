"""How long an editor waits for the live preview (`invoke livereload`) after saving a story.

    .venv/bin/python tools/preview_bench.py --corpus /work/corpus10000 --work /tmp/preview-bench [--edits 5]

Copies the corpus (a content folder, e.g. one made by `invoke bench`) into WORK/content, runs the
preview's first build (newsroom/preview.py, development settings), then edits one story at a time
(title and body), as an editor saving a file would, and measures, for each edit:

- update: `LivePreview.build()`, from the save to the moment the new site is in memory (the content
  folder scanned for changes, the edited file read, the context built again, the pages recorded);
- page: rendering the edited story's page on request, as the preview server does;
- home: rendering the home page (where a new title shows first).

The edited page can be fetched after update + page. Medians over the edits after the first
(shown on its own: the first save after a full build may cost more, e.g. recording the pages);
wall-clock and CPU seconds (this process), each step of the update (`LivePreview.timings`), how it
was done (`LivePreview.last_update`: "in place" or "context") and the peak memory.
`--context` makes every update build the site's context again (the path taken when an edit may
move a story), for comparison. The livereload server's own polling of the folder (about a second)
comes on top.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsroom.preview import LivePreview  # noqa: E402


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse WORK as it is (content, output, cache)")
    parser.add_argument("--context", action="store_true", help="never update in place (inplace.py)")
    args = parser.parse_args()
    content = args.work / "content"
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
        args.work.mkdir(parents=True)
        shutil.copytree(args.corpus, content)
    preview = LivePreview(ROOT, "pelicanconf.py", str(content),
                          override={"OUTPUT_PATH": str(args.work / "output"), "CACHE_PATH": str(args.work / "cache")})
    if args.context:
        preview._in_place = lambda edited: False
    ok, wall, cpu = timed(preview.build)
    assert ok, "the first build failed"
    print(f"first build: {wall:.1f} s wall, {cpu:.1f} s CPU (this process)", flush=True)

    stories = sorted((content / "berita").rglob("*.md"))
    step = max(1, len(stories) // (args.edits + 1))
    rows = []
    for number in range(args.edits):
        story = stories[(number + 1) * step]
        text = story.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^Title: (.*)$", rf"Title: \1 (diperbarui {number})", text, count=1)
        story.write_text(text + f"\nParagraf tambahan {number}.\n", encoding="utf-8")
        ok, update, update_cpu = timed(preview.build)
        assert ok and preview.pages is not None, "not a live update"
        url = "berita/" + story.relative_to(content / "berita").with_suffix("").as_posix() + "/index.html"
        body, page, page_cpu = timed(lambda: preview.page(url))
        assert body is not None and f"(diperbarui {number})".encode() in body, url
        _home, home, _ = timed(lambda: preview.page("index.html"))
        rows.append({"update": update, "update CPU": update_cpu, "page": page, "page CPU": page_cpu,
                     "available": update + page, "home": home, **preview.timings})
        print(f"edit {number} ({preview.last_update}): update {update:.2f} s (CPU {update_cpu:.2f}), page {page:.3f} s, "
              f"home {home:.3f} s; " + ", ".join(f"{k} {v:.2f}" for k, v in preview.timings.items()), flush=True)
    later = rows[1:] or rows
    print("median of", len(later), "edits" + (" after the first:" if rows[1:] else ":"))
    for key in later[0]:
        if all(key in r for r in later):
            print(f"  {key}: {statistics.median(r[key] for r in later):.3f} s")
    print(f"peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
