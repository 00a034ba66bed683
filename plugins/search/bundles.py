"""One Pagefind bundle per period of publication, each kept in the cache until its period changes.

Pagefind holds a whole index in memory while it writes it, so one index over the archive needs
memory that grows with the archive (474 MB at 2,000 articles, 1.16 GB at 5,000). Split by the
period of publication, a run holds one period at most, and a build indexes only the periods
whose records changed: in a newsroom that is the current one, the older ones are taken from
the cache.

- **Periods.** A year before the newest year of publication is one period ("2024"); the newest
  year is split into its quarters ("2026-tw4", triwulan), so that an edit to today's story
  indexes three months at most again, not the whole year (a newsroom publishing 30 stories a
  day writes some 11,000 a year, 2,700 a quarter). When the first story of a new year is
  published, the last year's quarters become one period, indexed once. Older years stay whole
  so that a search merges few bundles: years - 1 + at most 4.
- **Layout.** The newest period is the primary bundle in `pagefind/` (its pagefind.js, worker and
  WebAssembly run every search); each older period is in `pagefind-<period>/` with only its index
  files (entry, meta, word index, filters, fragments), merged at search time by the search
  page (`mergeIndex`, theme/static/js/search.js). Pagefind's own UI files are not published:
  the theme draws its own results.
- **Cache.** A period's bundle is kept in CACHE_PATH/search/<key>/, the key being the SHA-256 of
  its records (path and bytes), the Pagefind version, the language and this plugin's code. A
  period whose key is in the cache is put into the output (hard links to the cached files, else
  copies with their bytes and modification times), not indexed again. Entries used by this build
  and by the one before it are kept (a development and a publish build may alternate), the rest
  are removed.
- **Same bytes.** What is cached is the bundle after stable.py, so a bundle from the cache and
  one just made are the same bytes; tests/test_years.py checks that a rebuild equals a cold build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from . import stable

FORMAT = 1
CACHE_FOLDER = "search"
LAST_BUILD = "last-build.json"
# What the browser needs of a bundle: the primary all of it, a merged one only its index.
RUNTIME = re.compile(r"^(pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$")
UNUSED = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$")
CODE = [Path(__file__).with_name(name) for name in ("__init__.py", "bundles.py", "stable.py")]

# One entry per Pagefind run of this build: period, records, peak_mb, and the pid of the process
# that ran it (the build's, or its background indexing child's) (bench, tests). peak_mb is the
# child's ru_maxrss, which on Linux is at least the build process's size when it forked the child:
# an upper bound of Pagefind's own peak (tools/bench.py says so).
runs: list[dict] = []


def period_of(date, newest_year: int) -> str:
    """The period whose bundle holds a story published at `date`: its year ("2024"), or in the
    newest year of publication its quarter ("2026-tw4"). Periods sort as strings, oldest first."""
    if date.year < newest_year:
        return str(date.year)
    return f"{date.year}-tw{(date.month - 1) // 3 + 1}"


def folder_name(output: str, period: str, newest: str) -> str:
    return output if period == newest else f"{output}-{period}"


def merged_paths(output: str, periods) -> list[str]:
    """The folders the search page merges into the primary one, newest first ("pagefind-2025/")."""
    periods = sorted(set(periods), reverse=True)
    return [f"{folder_name(output, period, periods[0])}/" for period in periods[1:]]


Records = Callable[[], Iterable[tuple[str, bytes]]]  # a period's records, made on demand, in write_order


def write_order(rel: str) -> list[str]:
    """The key that orders a period's records, newest page first (`reverse=True`): the reverse of
    the page order stable.normalize gives the bundle (stable.page_key of the URL Pagefind makes of
    the record's path: a folder's index.html is the folder).

    Pagefind numbers pages in the order it walks the records folder. Where a folder lists its
    newest entry first (tmpfs, /dev/shm: fast_folder), records written in this order are walked
    in page order, and normalize only has to re-compress the word index instead of renumbering
    every posting in it (about half a second per thousand records). Written in any other order,
    or on another file system, the bundle is the same, made a little slower."""
    url = "/" + rel
    return stable.page_key(url[:-len("index.html")] if url.endswith("/index.html") else url)


def key_of(records: Records, language: str) -> str:
    """Records are hashed as they are made, not kept: memory does not grow with the archive."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{metadata.version('pagefind')}\0{language}\0".encode())
    for path in CODE:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for rel, data in records():
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def fast_folder() -> str | None:
    """Where the records are written for Pagefind to read: memory (/dev/shm) when there is one.

    The records live for one Pagefind run; on a disk, creating thousands of small files and their
    folders costs more than indexing them (a fraction of a millisecond each on this project's machines, thousands of times). None:
    the system's temporary folder."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def write_records(records: Records, folder: Path) -> int:
    """Lay the records out in `folder` as the site is (Pagefind makes URLs from paths), in the
    order they come (write_order); how many."""
    count = 0
    for rel, data in records():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        count += 1
    return count


# Pagefind's allocator (jemalloc, built with the `_rjem_` prefix, so it reads _RJEM_MALLOC_CONF) made
# to keep one arena instead of one per thread group: measured with Pagefind 1.5.2 over 1,667 records
# on 2 cores, peak memory 240 -> 194 MB at the same CPU, and the same bundle once normalized. The
# largest period of a 10,000-story archive is indexed while the build renders, so this peak is
# part of the whole build's. A setting already in the environment wins; an allocator that does not
# read it ignores it.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "narenas:1"}


def pagefind_environment(environ=os.environ) -> dict:
    return {**ALLOCATOR, **environ}


def index_folder(folder: Path, count: int, target: Path, language: str, period: str) -> None:
    """Run Pagefind over a folder of `count` records into `target`, normalized."""
    with tempfile.TemporaryFile() as out:
        # `python -m pagefind` execs the binary: wait4 gives that child's own figures.
        proc = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", str(target),
             "--force-language", language, "--quiet"],
            stdout=out, stderr=subprocess.STDOUT, env=pagefind_environment(),
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    runs.append({"period": period, "records": count, "peak_mb": usage.ru_maxrss / 1024, "pid": os.getpid(),
                 "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)})
    if proc.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({proc.returncode}) for {period}: {log[-4000:]}")
    for path in target.iterdir():
        if UNUSED.match(path.name):
            path.unlink()
    stable.normalize(target)


def place(source: Path, target: Path, primary: bool) -> None:
    """Put a cached bundle into the output, bytes and modification times kept: each file a hard
    link to the cached one (nothing is copied, and removing it later frees nothing), or a copy
    where links cannot be made. Nothing writes into a placed file: the cache entry is final
    (normalized before it is renamed into place) and the output is only ever replaced."""
    ignore = None if primary else (lambda folder, names: [n for n in names if RUNTIME.match(n)])
    shutil.copytree(source, target, ignore=ignore, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def clear_output(output_path: Path, output: str) -> None:
    """Remove the bundles of a previous build (Pagefind keeps files whose name already exists)."""
    pattern = re.compile(rf"^{re.escape(output)}(-\d{{4}}(-tw[1-4])?)?$")
    if output_path.is_dir():
        for path in output_path.iterdir():
            if path.is_dir() and pattern.match(path.name):
                shutil.rmtree(path)


def plan(periods: dict[str, Records], language: str, cache_path: Path) -> dict[str, str]:
    """The cache key of each period's bundle: {period: key}."""
    return {period: key_of(records, language) for period, records in periods.items()}


def index_missing(periods: dict[str, Records], keys: dict[str, str], language: str, cache_path: Path) -> list[str]:
    """Index into the cache every period whose bundle is not there yet, one period's records at a
    time (the background child prepares them all first: prepare_missing); the periods indexed."""
    indexed = []
    for period in _missing(keys, cache_path):
        indexed += index_jobs(prepare_missing({period: periods[period]}, {period: keys[period]}, cache_path),
                              language, cache_path)
    return indexed


def _missing(keys: dict[str, str], cache_path: Path) -> list[str]:
    """The periods whose bundle the cache lacks, newest first."""
    cache = cache_path / CACHE_FOLDER
    cache.mkdir(parents=True, exist_ok=True)
    return [period for period in sorted(keys, reverse=True) if not (cache / keys[period]).is_dir()]


def _building(key: str, cache_path: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{key}.", dir=cache_path / CACHE_FOLDER))


def _store(building: Path, key: str, cache_path: Path) -> None:
    try:
        building.rename(cache_path / CACHE_FOLDER / key)
    except OSError:  # made meanwhile by another build of the same records
        shutil.rmtree(building, ignore_errors=True)


def prepare_missing(periods: dict[str, Records], keys: dict[str, str], cache_path: Path) -> list[dict]:
    """Write the records of every period the cache lacks into its own temporary folder (in memory
    where there is /dev/shm): the jobs `index_jobs` runs, newest first."""
    jobs = []
    try:
        for period in _missing(keys, cache_path):
            folder = Path(tempfile.mkdtemp(prefix="pagefind-", dir=fast_folder()))
            jobs.append({"period": period, "key": keys[period], "folder": str(folder)})
            jobs[-1]["count"] = write_records(periods[period], folder)
    except BaseException:
        for job in jobs:
            shutil.rmtree(job["folder"], ignore_errors=True)
        raise
    return jobs


def index_jobs(jobs: list[dict], language: str, cache_path: Path) -> list[str]:
    """Index prepared folders into the cache (each folder removed once indexed); the periods indexed."""
    indexed = []
    try:
        for job in jobs:
            building = _building(job["key"], cache_path)
            try:
                index_folder(Path(job["folder"]), job["count"], building / "bundle", language, job["period"])
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
            shutil.rmtree(job["folder"], ignore_errors=True)
            _store(building, job["key"], cache_path)
            indexed.append(job["period"])
    finally:
        for job in jobs:
            shutil.rmtree(job["folder"], ignore_errors=True)
    return indexed


def run_jobs_and_report(arguments: str) -> None:
    """The indexing child after it replaced itself with a fresh interpreter (search/__init__.py):
    index the prepared jobs, write the report to the inherited pipe, exit."""
    given = json.loads(arguments)
    report_and_exit(int(given["report_fd"]), lambda: {
        "keys": given["keys"], "indexed": index_jobs(given["jobs"], given["language"], Path(given["cache"])),
        "runs": runs})


def report_and_exit(fd: int, work: Callable[[], dict]) -> None:
    """In a child process: run `work`, write what it returns (or the error) to `fd` as JSON, and
    leave without running any exit handler of the build process."""
    code = 0
    try:
        report = work()
    except BaseException:  # noqa: BLE001 (everything is reported to the build process)
        import traceback

        report, code = {"error": traceback.format_exc()[-20000:]}, 1
    try:
        data = json.dumps(report).encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
    finally:
        os._exit(code)


def place_all(keys: dict[str, str], output_path: Path, output: str, cache_path: Path) -> None:
    """Put every period's cached bundle into the output (after clearing the last build's)."""
    clear_output(output_path, output)
    cache = cache_path / CACHE_FOLDER
    newest = max(keys)
    for period in sorted(keys, reverse=True):
        place(cache / keys[period] / "bundle", output_path / folder_name(output, period, newest),
              primary=period == newest)
    prune(cache, list(keys.values()))


def write(periods: dict[str, Records], output_path: Path, output: str, language: str,
          cache_path: Path) -> dict:
    """Write one bundle per period into output_path; {"indexed": [periods], "reused": [periods]}."""
    keys = plan(periods, language, cache_path)
    indexed = index_missing(periods, keys, language, cache_path)
    place_all(keys, output_path, output, cache_path)
    return {"indexed": indexed, "reused": sorted((p for p in keys if p not in indexed), reverse=True)}


def prune(cache: Path, used: list[str]) -> None:
    """Keep the entries of this build and of the build before it; remove the others."""
    record = cache / LAST_BUILD
    try:
        before = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = []
    keep = set(used) | set(before if isinstance(before, list) else [])
    for path in cache.iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    record.write_text(json.dumps(sorted(set(used))), encoding="utf-8")
