"""Benchmark: build a synthetic corpus of N articles with our site and with plain Pelican.

    python tools/bench.py --articles 2000 --runs 3

Each build runs in a fresh process (as `pelican` does); the median wall time of `--runs` builds
is reported with articles per second, peak memory and the ratio to plain Pelican (default theme,
no plugins, no typogrify) over the same files. Figures only: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "pemerintah daerah warga desa kabupaten kota petani nelayan harga pasar jalan sekolah guru siswa "
    "rumah sakit puskesmas dinas kepala bupati wali gubernur anggaran dewan perwakilan rakyat polisi "
    "kejaksaan pengadilan korupsi dana bantuan banjir hujan kemarau air bersih sawah jagung bawang "
    "merah tembakau sapi kuda pantai gili wisatawan hotel festival budaya adat masjid pesantren "
    "mahasiswa kampus olahraga sepak bola pembalap sirkuit mandalika lombok sumbawa bima dompu "
    "mataram selong praya gerung tanjung taliwang program kegiatan pembangunan layanan masyarakat"
).split()


def synth_corpus(target: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    shutil.copytree(ROOT / "content" / "data", target / "data")
    shutil.copytree(ROOT / "content" / "halaman", target / "halaman")
    images = sorted((ROOT / "content" / "images").rglob("*.jpg"))[:6]
    for img in images:
        dest = target / img.relative_to(ROOT / "content")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(img, dest)
    data = ROOT / "content" / "data"
    regions = [r["name"] for r in tomllib.loads((data / "regions.toml").read_text())["region"]]
    cats = [c["name"] for c in tomllib.loads((data / "categories.toml").read_text())["category"]]
    authors = [tomllib.loads(p.read_text())["name"] for p in sorted((data / "authors").glob("*.toml"))]
    tags = [f"topik {w}" for w in WORDS[:60]]
    for i in range(n):
        month = 1 + i % 10
        day = 1 + (i * 7) % 28
        words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
        paragraphs = "\n\n".join(words(rng.randint(40, 70)).capitalize() + "." for _ in range(rng.randint(5, 9)))
        header = [
            f"Title: {words(8).title()} {i}",
            f"Date: 2025-{month:02d}-{day:02d} {6 + i % 15:02d}:{i % 60:02d}",
            f"Authors: {', '.join(rng.sample(authors, 1 + (i % 7 == 0)))}",
            f"Region: {rng.choice(regions)}",
            f"Category: {rng.choice(cats)}",
            f"Tags: {', '.join(rng.sample(tags, 3))}",
            f"Summary: {words(20).capitalize()}.",
            "Dateline: Mataram",
            "Editor: LAF",
        ]
        if images and i % 10 == 0:
            img = images[i % len(images)].relative_to(ROOT / "content")
            header += [f"Image: {img}", "ImageAlt: Ilustrasi", "Caption: Ilustrasi.", "Credit: Redaksi"]
        folder = target / "berita" / "2025" / f"{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"berita-sintetis-{i:05d}.md").write_text("\n".join(header) + "\n\n" + paragraphs + "\n", encoding="utf-8")


def inner(config: str, content: str, output: str) -> None:
    sys.path.insert(0, str(ROOT))
    from pelican import Pelican
    from pelican.settings import read_settings

    import os
    os.chdir(ROOT)
    if config == "plain":
        settings = read_settings(path=None, override={
            "PATH": content, "OUTPUT_PATH": output, "TIMEZONE": "Asia/Makassar", "ARTICLE_PATHS": ["berita"],
            "PAGE_PATHS": ["halaman"], "IGNORE_FILES": ["*.toml"], "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
            "TRANSLATION_FEED_ATOM": None, "READERS": {"rst": None},
        })
    else:
        settings = read_settings(str(ROOT / config), override={
            "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": output + "-cache",
        })
    start = time.perf_counter()
    Pelican(settings).run()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH " + json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def measure(config: str, content: Path, work: Path, runs: int) -> dict:
    times, peaks = [], []
    for run in range(runs):
        out = work / f"out-{config.replace('.py', '')}-{run}"
        proc = subprocess.run(
            [sys.executable, __file__, "--inner", config, str(content), str(out)],
            capture_output=True, text=True, cwd=ROOT,
        )
        line = next((l for l in proc.stdout.splitlines() if l.startswith("BENCH ")), None)
        if proc.returncode != 0 or line is None:
            sys.exit(f"{config} build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        figures = json.loads(line[6:])
        times.append(figures["seconds"])
        peaks.append(figures["peak_mb"])
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "peak_mb": max(peaks), "times": times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--inner", nargs=3, metavar=("CONFIG", "CONTENT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(*args.inner)
        return
    with tempfile.TemporaryDirectory(prefix="fpii-bench-") as tmp:
        work = Path(tmp)
        content = work / "content"
        synth_corpus(content, args.articles)
        print(f"Synthetic corpus: {args.articles} articles, {args.runs} run(s) per configuration\n")
        results = {name: measure(name, content, work, args.runs) for name in ("plain", "publishconf.py", "pelicanconf.py")}
        base = results["plain"]["median"]
        print(f"{'configuration':<28}{'median s':>10}{'min s':>8}{'max s':>8}{'articles/s':>12}{'peak MB':>9}{'vs plain':>10}")
        labels = {"plain": "plain Pelican (no plugins)", "publishconf.py": "portal, publish", "pelicanconf.py": "portal, development"}
        for name, r in results.items():
            print(f"{labels[name]:<28}{r['median']:>10.2f}{r['min']:>8.2f}{r['max']:>8.2f}"
                  f"{args.articles / r['median']:>12.0f}{r['peak_mb']:>9.0f}{r['median'] / base:>9.2f}x")
        pages = sum(1 for _ in (work / "out-publishconf-0").rglob("*.html"))
        print(f"\nPublish build wrote {pages} HTML files.")


if __name__ == "__main__":
    main()
