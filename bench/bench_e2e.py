"""End-to-end time of `brief --no-cache summarize seeds/` on the embedded model, split by
stage: model load, English pipeline load, parsing (speakers, doers), reading (the model's
stance calls), merging (timeline and bottom line), gists (the model's wording calls), and
the model's bottom line (one call, kept only when it retells every fact).

    .venv/bin/python bench/bench_e2e.py [PATH ...]

Runs the same library calls `brief summarize` makes, in one process, with no cache.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from brief.assemble.bottom_line import retold
from brief.assemble.bottom_wording import write_bottom_line
from brief.assemble.gists import word_gists
from brief.assemble.merge import merge_summaries
from brief.config import load_settings
from brief.evaluate.page import count_words
from brief.extract.setup import open_extractor
from brief.ingest.articles import read_articles
from brief.language.attribution import attribute
from brief.pipeline import date_summaries
from brief.render.markdown import render_brief_markdown
from brief.schema import ArticleSummary

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    paths = sys.argv[1:] or [str(REPO / "seeds")]
    started = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(name: str, since: float) -> float:
        now = time.perf_counter()
        marks[name] = now - since
        return now

    settings = load_settings(os.environ, backend="embedded", use_cache=False)
    t = time.perf_counter()
    extractor = open_extractor(settings)  # verifies and loads the English pipeline
    t = mark("English pipeline load", t)
    extractor.model._load()  # type: ignore[attr-defined]
    t = mark("model load", t)
    articles = read_articles(paths).articles
    t = mark("reading files", t)
    for article in articles:
        attribute(article)
    t = mark("parsing", t)
    outcomes = extractor.extract_all(articles)
    t = mark("stances (model)", t)
    summaries = [
        ArticleSummary(article=o.article, extraction=o.extraction)
        for o in outcomes
        if o.extraction is not None
    ]
    brief = merge_summaries(date_summaries(summaries))
    t = mark("merge, timeline, bottom line", t)
    brief, stats = word_gists(brief, extractor.model)
    t = mark("gists (model)", t)
    brief, written = write_bottom_line(retold(brief), extractor.model)
    t = mark("bottom line (model)", t)
    page = render_brief_markdown(brief)
    mark("render", t)
    total = time.perf_counter() - started
    print(
        f"{len(articles)} articles, 2 cores" if os.cpu_count() == 2 else f"{len(articles)} articles"
    )
    for name, seconds in marks.items():
        print(f"{name:32} {seconds:7.2f} s")
    print(f"{'total':32} {total:7.2f} s")
    print(
        f"gists: {stats.written} worded, {stats.fell_back} quoted; bottom line "
        f"{'worded' if written else 'from the timeline'}; brief {count_words(page)} words"
    )


if __name__ == "__main__":
    main()
