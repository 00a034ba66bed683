"""Page weight budget of an article, and images that lay out without jumping and have text."""

from __future__ import annotations

from tests.quality.checks import (
    GZIP_BUDGET,
    decorative_images,
    image_problems,
    page_path,
    page_weight,
    report,
)


def test_article_weight_under_budget(served_site):
    base, out = served_site
    path = page_path(out, "article")
    total, breakdown, problems = page_weight(out, path, base)
    assert not problems, report(f"assets of /{path}", problems)
    print(f"/{path}: {total:,} bytes gzipped, budget {GZIP_BUDGET:,}")  # -rP shows it
    assert total < GZIP_BUDGET, (
        f"/{path}: HTML + CSS + JS is {total:,} bytes gzipped (level 9, each file apart), "
        f"budget {GZIP_BUDGET:,}:\n" + "\n".join(breakdown)
    )


def test_every_image_has_size_and_alt(publish_site):
    problems = image_problems(publish_site)
    decorative = decorative_images(publish_site)
    print(report('images marked decorative (alt="")', decorative, "image"))  # -rP shows it, for review
    assert not problems, (
        report("<img> without width/height or alt", problems)
        + "\n"
        + report('for review, images marked decorative (alt="")', decorative, "image")
    )
