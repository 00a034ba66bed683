"""search: Pagefind indexes of the published articles, built inside the Pelican run.

Pagefind (PyPI `pagefind[bin]`) does the indexing and ships the browser side (pagefind/); this
plugin only hands it what Pelican already knows: each published article's text, title, date,
region and rubric. It writes one minimal HTML record per article into a temporary folder
laid out like the site and runs the Pagefind binary over it, so the index never depends on
theme markup and never contains a draft or an embargoed story, even in a development build.
(Pagefind's Python API answers one record per 0.1 s, too slow for a newsroom's archive; the
binary indexes thousands of records in seconds.) pelican-search was not used: it needs the Stork
binary, which no package registry provides.

There is one index per period of publication (bundles.py: each year before the newest, and
each quarter of the newest year): the newest in `pagefind/`, the older ones in
`pagefind-<period>/`, merged by the search page; a period whose records did not change is taken
from the cache instead of indexed again, so a build's Pagefind memory and time follow the newest
quarter (or the one an edited story is in), not the archive. The search page gets the folders to
merge as `SEARCH_MERGE`.

Indexing overlaps the rest of the build: as soon as the published articles are known and final
(`article_generator_finalized`: read, checked, enriched; what a record holds does not change
after that), a forked child makes the records of the periods the cache lacks, then replaces itself
with a fresh interpreter (so that it does not keep a copy of the build's memory) that runs
Pagefind over them and stores their bundles in the cache, while the build process goes on with
the other generators, the last checks and the pages; at the end (`finalized`) the build waits for
it and places the bundles. A failure in the child fails the build with its error; a build that
stops before (a problem in a strict build) leaves only cache entries behind, and `invoke check`
(NEWSROOM["CHECK_ONLY"]) starts no indexing at all. SEARCH["BACKGROUND"] = False (or a platform without fork) indexes in the
build process instead; both give the same bytes (tests/test_years.py). The records are written
into memory (/dev/shm) when the system has it: Pagefind reads them once.

What a record holds is what the theme's own results (theme/static/js/search.js) use: the title
as `title` meta only (it is searched, but kept out of the text, so an excerpt never repeats it),
the publication time as `date` meta (ISO 8601 in the site's time zone, for the reader's clock)
and as the `date` sort, `wilayah` and `rubrik` as filters, `periode` (the bundle's period, one
value per bundle) as the filter that lets the page list the merged periods newest first, and as text the
Summary when the reporter wrote one (the standfirst readers see above the story) followed by the
story itself. Nothing else: the results show no photo, so a record has none.

Two builds of the same content give the same index, byte for byte, on any machine (so a rebuild
that changes no story uploads no new search files): every sort value is unique (the publication
time to the second, then the URL), each bundle folder is emptied before Pagefind writes into
it (Pagefind never rewrites a file whose name already exists), and stable.py undoes what Pagefind
1.5 leaves to chance: the order of filter values, and page numbers that follow the records
folder's directory order (which the file system, not the plugin, decides). Where the records
folder is does not matter otherwise: no path reaches the index.
"""

import datetime
import functools
import gc
import html
import json
import logging
import os
import re
import shutil
import signal
import sys
from collections import defaultdict
from pathlib import Path

from pelican import signals

from . import bundles

logger = logging.getLogger(__name__)

DEFAULTS = {"ENABLED": True, "OUTPUT": "pagefind", "LANGUAGE": "id", "BACKGROUND": True}
TAGS = re.compile(r"<[^>]+>")

_articles: list = []
_period_of: dict[int, str] = {}  # id(article) -> the period whose bundle holds its record (bundles.period_of)
_background: tuple[int, int] | None = None  # (pid, pipe) of the indexing child


def settings_of(settings: dict) -> dict:
    given = settings.get("SEARCH") or {}
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"SEARCH setting has unknown key(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    return {**DEFAULTS, **given}


def collect(generator) -> None:
    """article_generator_finalized: the published articles, final; their indexing starts."""
    _articles.clear()
    published = (a for a in generator.articles if getattr(a, "state", "published") == "published")
    _articles.extend(sorted(published, key=lambda a: a.save_as))  # page order itself is stable.py's
    newest = max((a.date.year for a in _articles), default=0)
    _period_of.clear()
    _period_of.update((id(a), bundles.period_of(a.date, newest)) for a in _articles)
    cfg = settings_of(generator.settings)
    periods = set(_period_of.values()) if cfg["ENABLED"] else ()
    # The search page merges these into the newest period's bundle (templates/search.html).
    generator.context["SEARCH_MERGE"] = bundles.merged_paths(cfg["OUTPUT"], periods) if periods else []
    if not _nothing_written(generator.settings):
        start_index(generator.settings)


def _nothing_written(settings: dict) -> bool:
    """`invoke check` (NEWSROOM["CHECK_ONLY"]) and the live preview's updates (newsroom/preview.py:
    the context built again, pages rendered when opened, no site written) need no index."""
    if (settings.get("NEWSROOM") or {}).get("CHECK_ONLY"):
        return True
    newsroom_state = sys.modules.get("newsroom.state")  # the newsroom plugin, if it is loaded
    return newsroom_state is not None and bool(getattr(newsroom_state.current(settings), "live_update", False))


def sort_value(article) -> str:
    """The `date` sort key: UTC time to the second, then the URL, so no two articles tie.

    A string on purpose: Pagefind reads a value that looks like a number as a 32-bit float,
    and a 12-digit YYYYmmddHHMM loses its last digits there (all stories of one day compared
    equal). A tie would be broken by Pagefind's page order, which is not reproducible.
    """
    date = article.date
    when = date.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if date.tzinfo else date.isoformat()
    return f"{when} {article.url}"


def iso_date(article) -> str:
    """The publication time as the site states it (2026-11-10T08:05:00+08:00), for the results."""
    return article.date.replace(microsecond=0).isoformat()


def text_of(fragment: str) -> str:
    return html.unescape(TAGS.sub(" ", fragment or "")).strip()


def record_html(article, siteurl: str, language: str, period: str) -> str:
    """A page for Pagefind alone: the article's text with its metadata and filters marked."""
    esc = html.escape
    title = text_of(article.title)
    parts = [
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{esc(title)}</title></head>',
        "<body><main data-pagefind-body>",
        # Pagefind searches the title meta by itself; ignored as text, no excerpt starts with it.
        f'<h1 data-pagefind-meta="title" data-pagefind-ignore>{esc(title)}</h1>',
        f'<time data-pagefind-meta="date[datetime]" datetime="{esc(iso_date(article))}"></time>',
        f'<span data-pagefind-sort="date:{esc(sort_value(article))}"></span>',
        f'<span data-pagefind-filter="periode:{esc(period)}"></span>',
        f'<span data-pagefind-filter="rubrik:{esc(article.category.name)}"></span>',
    ]
    region = getattr(article, "region", None)
    if region is not None:
        parts.append(f'<span data-pagefind-filter="wilayah:{esc(region.name)}"></span>')
    # Only a Summary the reporter wrote: Pelican's fallback summary is the story's first words,
    # which would then be in the record twice (and in excerpts twice).
    standfirst = (getattr(article, "metadata", None) or {}).get("summary")
    if standfirst:
        parts.append(f"<p>{esc(text_of(standfirst))}</p>")
    parts.append(body_of(article))
    parts.append("</main></body></html>")
    return "".join(parts)


def body_of(article) -> str:
    """The story's HTML as read, before Pelican resolves its `{filename}` and `{static}` links
    (Pelican's `_content`, listed in newsroom/pelican_compat.py): those resolve against pages and
    static files not known yet when the records are made (`collect`), and a record needs the text,
    not where its links lead."""
    return article._content or ""


def _periods(settings: dict, cfg: dict) -> dict:
    """{period: records}: each period's records, made on demand, in bundles.write_order."""
    # Site-root paths keep one index valid for any host (preview, CI, production).
    siteurl = re.sub(r"^https?://[^/]+", "", settings.get("SITEURL", ""))
    by_period: dict[str, list] = defaultdict(list)
    for article in _articles:
        # Pagefind makes URLs from file paths: lay records out as the site is, prefix included.
        by_period[_period_of[id(article)]].append((f"{siteurl.strip('/')}/{article.save_as}".lstrip("/"), article))
    for placed in by_period.values():
        placed.sort(key=lambda pair: bundles.write_order(pair[0]), reverse=True)

    def records(period, placed):
        for rel, article in placed:
            yield rel, record_html(article, siteurl, cfg["LANGUAGE"], period).encode("utf-8")

    return {period: functools.partial(records, period, placed) for period, placed in by_period.items()}


def _cache_of(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH") or "cache")


def start_index(settings: dict) -> None:
    """The articles are final (`collect`); index in a forked process while the build goes on, so
    Pagefind's work overlaps the build's instead of following it.

    The child makes the records of the periods the cache lacks, then becomes a fresh interpreter
    that runs Pagefind over them and stores their bundles in the cache (as an in-process build
    would), then reports the keys; `build_index` waits for it and places the bundles. Nothing the
    child does touches the output folder."""
    global _background
    _reap()  # a build that failed after starting one leaves it behind (live preview)
    cfg = settings_of(settings)
    if not cfg["ENABLED"] or not cfg["BACKGROUND"] or not _articles or not hasattr(os, "fork"):
        return
    periods, cache = _periods(settings, cfg), _cache_of(settings)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: records, then Pagefind in a fresh interpreter, report, leave
        gc.freeze()  # its collections would copy the build's memory, page by page, until it execs
        os.close(read_end)

        def work():
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            keys = bundles.plan(periods, cfg["LANGUAGE"], cache)
            jobs = bundles.prepare_missing(periods, keys, cache)
            if jobs:
                _exec_runner(jobs, keys, cfg["LANGUAGE"], cache, write_end)  # does not return
            return {"keys": keys, "indexed": [], "runs": []}  # every period is in the cache

        bundles.report_and_exit(write_end, work)
    os.close(write_end)
    _background = (pid, read_end)


def _exec_runner(jobs: list, keys: dict, language: str, cache: Path, report_fd: int) -> None:
    """Replace the forked child with a fresh interpreter that runs Pagefind over the prepared
    records (bundles.run_jobs_and_report). Once the records are written the child needs nothing of
    the build's memory, but a forked copy of it keeps it: every page the build process writes to
    afterwards stays in the child as a private copy (at 10,000 articles about 250 MB, alive for
    every Pagefind run). The new interpreter holds some 40 MB."""
    os.set_inheritable(report_fd, True)
    arguments = json.dumps({"jobs": jobs, "keys": keys, "language": language, "cache": str(cache),
                            "report_fd": report_fd})
    plugins = str(Path(__file__).resolve().parent.parent)
    program = (f"import sys; sys.path.insert(0, {plugins!r}); "
               "from search import bundles; bundles.run_jobs_and_report(sys.argv[1])")
    try:
        os.execv(sys.executable, [sys.executable, "-c", program, arguments])
    except BaseException:
        for job in jobs:
            shutil.rmtree(job["folder"], ignore_errors=True)
        raise


def _reap() -> dict | None:
    """Wait for the indexing child, if any; its report."""
    global _background
    if _background is None:
        return None
    pid, read_end = _background
    _background = None
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    try:
        report = json.loads(data.decode("utf-8"))
    except ValueError:
        report = {"error": f"the search indexing process ended with status {status} and no report"}
    return report


def build_index(pelican) -> None:
    cfg = settings_of(pelican.settings)
    report = _reap()
    if not cfg["ENABLED"]:
        return
    output_path = Path(pelican.output_path)
    if not _articles:
        bundles.clear_output(output_path, cfg["OUTPUT"])
        logger.info("Search index: no published article, no index")
        return
    cache = _cache_of(pelican.settings)
    if report is None:  # no background run: index here
        periods = _periods(pelican.settings, cfg)
        done = bundles.write(periods, output_path, cfg["OUTPUT"], cfg["LANGUAGE"], cache)
    else:
        if "error" in report:
            raise RuntimeError(f"Indexing the search failed:\n{report['error']}")
        keys = dict(report["keys"])
        bundles.runs.extend(report["runs"])
        bundles.place_all(keys, output_path, cfg["OUTPUT"], cache)
        indexed = report["indexed"]
        periods = keys
        done = {"indexed": indexed, "reused": sorted((p for p in keys if p not in indexed), reverse=True)}
    logger.info("Search index: %d article(s) in %d period(s) under %s; indexed %s, from the cache %s",
                len(_articles), len(periods), output_path, done["indexed"] or "none", done["reused"] or "none")
    _articles.clear()
    _period_of.clear()


def check_settings(pelican) -> None:
    settings_of(pelican.settings)  # refuse a misspelt key before anything is built


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(collect)
    signals.finalized.connect(build_index)
