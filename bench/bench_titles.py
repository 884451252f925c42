"""The cost of reading who is who: the "title persons" step's work per article (finding
the names, then the titles next to them), on the shared corpus or any articles given.

Usage: .venv/bin/python bench/bench_titles.py [ARTICLES...]   (default: the shared corpus)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from brief.ingest import read_articles
from brief.language import mentions_of, person_titles

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa-2019-2025.jsonl"


def main(paths: list[str]) -> None:
    articles = read_articles([*paths] or [str(DEFAULT)]).articles
    words = sum(len(a.text.split()) for a in articles) // max(len(articles), 1)
    best_names = best_titles = float("inf")
    for _ in range(3):
        mentions_of.cache_clear()  # as in a run of more articles than the names cache holds
        started = time.perf_counter()
        found = [mentions_of(a.sentences) for a in articles]
        named = time.perf_counter()
        for article, mentions in zip(articles, found, strict=True):
            person_titles(article.sentences, mentions)
        done = time.perf_counter()
        best_names, best_titles = min(best_names, named - started), min(best_titles, done - named)
    per = 1000 / max(len(articles), 1)
    print(f"{len(articles)} articles, {words} words on average")
    print("| part | ms per article |\n| --- | --- |")
    print(f"| names (mentions) | {best_names * per:.2f} |")
    print(f"| titles next to them | {best_titles * per:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
