"""The library's entry points: paths in, a brief (or a comparison) and what it cost out.
The runner is here: reading beside the model, extraction in threads, progress, and
Ctrl-C; the steps after extraction are in `steps.py`."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from brief.assemble import (
    MAX_KEY_ACTORS,
    Period,
    check_periods_have_articles,
    compare_periods,
    parse_periods,
    summarized,
    word_comparison_gists,
)
from brief.errors import ModelError
from brief.extract import ExtractionOutcome, Extractor
from brief.ingest import date_article, date_events
from brief.pipeline.reading import ReadAhead, nothing_to_read, read_corpus
from brief.pipeline.stats import RunStats
from brief.pipeline.steps import EXTRACT, StepTools, brief_from
from brief.schema import Article, ArticleSummary, Brief, Comparison, Skipped


class Progress(Protocol):
    """What a caller is told while a run goes on (the CLI draws a progress bar from it)."""

    def articles_known(self, total: int) -> None:
        """How many articles there are to do, as far as is known: called again with a
        larger number while articles are still being read."""
        ...

    def article_done(self, outcome: ExtractionOutcome) -> None: ...


@dataclass
class SummarizeResult:
    brief: Brief
    stats: RunStats
    outcomes: list[ExtractionOutcome] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.stats.failed == 0 and self.stats.skipped == 0


def summarize_articles(
    articles: Iterable[Article],
    extractor: Extractor,
    *,
    skipped: Sequence[Skipped] = (),
    title: str | None = None,
    progress: Progress | None = None,
    max_actors: int = MAX_KEY_ACTORS,
    word_gists: bool = True,
) -> SummarizeResult:
    """Extract every article (cache first) and merge what was extracted into one brief.

    An article the model fails on is listed in the brief with the reason; it does not stop
    the run. Each finished article is in the cache at once, so an interrupted run loses
    nothing it finished.
    """
    stats = RunStats(skipped=len(skipped))
    started = time.perf_counter()
    outcomes = _extract_counted(articles, extractor, stats, progress)
    stats.step_seconds.append((EXTRACT, time.perf_counter() - started))
    stats.articles_read = len(outcomes)
    writer = extractor.model if word_gists else None
    return _merged(outcomes, StepTools(stats, writer, skipped, title, max_actors))


def summarize_paths(
    paths: Sequence[Path | str],
    extractor: Extractor,
    *,
    title: str | None = None,
    progress: Progress | None = None,
    max_actors: int = MAX_KEY_ACTORS,
    word_gists: bool = True,
) -> SummarizeResult:
    """Read `paths` and summarize them into one brief.

    Reading runs in a thread beside the model: the first article goes to the model as soon
    as it is read, not after the whole corpus is (10,000 files take seconds to read, and
    an embedded model would sit idle meanwhile). Merging and rendering need every article,
    so they come after.
    """
    reader = ReadAhead(paths)
    try:
        stats = RunStats()
        started = time.perf_counter()
        outcomes = _extract_counted(reader, extractor, stats, progress, reader)
        stats.step_seconds.append((EXTRACT, time.perf_counter() - started))
    finally:
        reader.stop()
    corpus = reader.result
    if not corpus.articles:
        raise nothing_to_read(corpus)
    stats.articles_read = len(corpus.articles)
    stats.skipped = len(corpus.skipped)
    stats.duplicates = len(corpus.duplicates)
    writer = extractor.model if word_gists else None
    return _merged(outcomes, StepTools(stats, writer, corpus.skipped, title, max_actors))


@dataclass
class CompareResult:
    comparison: Comparison
    stats: RunStats

    @property
    def complete(self) -> bool:
        return self.stats.failed == 0 and self.stats.skipped == 0


def compare_paths(
    paths: Sequence[Path | str],
    extractor: Extractor,
    periods: Sequence[str],
    *,
    progress: Progress | None = None,
    word_gists: bool = True,
) -> CompareResult:
    """Read `paths`, date every article, and compare `periods` ("2020", "2024-01", ...).

    Bad periods fail before anything is read, and an empty period before the model is
    asked; only articles inside a period are extracted.
    """
    parsed = parse_periods(periods)
    corpus = read_corpus(paths)
    # The extractor gets each article as read: an inferred date is added afterwards.
    dated = {a.id: date_article(a) for a in corpus.articles}
    check_periods_have_articles(parsed, [a.date for a in dated.values()])
    inside = [a for a in corpus.articles if _in_any(dated[a.id], parsed)]
    stats = RunStats(articles_read=len(corpus.articles), skipped=len(corpus.skipped))
    outcomes = _extract_counted(inside, extractor, stats, progress)
    failures = _failures(outcomes)
    summaries = [
        ArticleSummary.model_construct(
            article=dated[o.article.id],
            extraction=date_events(o.extraction, dated[o.article.id]),
        )
        for o in outcomes
        if o.extraction is not None
    ]
    _check_extracted(parsed, summaries)
    extracted = {a.id for a in inside}
    left_out = [dated[a.id] for a in corpus.articles if a.id not in extracted]
    comparison = compare_periods(
        summaries, parsed, left_out=left_out, skipped=[*corpus.skipped, *failures]
    )
    if word_gists:
        comparison, gists = word_comparison_gists(comparison, extractor.model)
        stats.gists_written, stats.gists_quoted = gists.written, gists.fell_back
    return CompareResult(comparison=comparison, stats=stats)


def _merged(outcomes: list[ExtractionOutcome], tools: StepTools) -> SummarizeResult:
    tools.failures = _failures(outcomes)
    extracted = [summarized(o.article, o.extraction) for o in outcomes if o.extraction is not None]
    brief = brief_from(extracted, tools)
    cut = [Skipped(path=o.article.path, reason=o.cut) for o in outcomes if o.ok and o.cut]
    brief = brief.model_copy(update={"read_in_part": cut})
    return SummarizeResult(brief=brief, stats=tools.stats, outcomes=outcomes)


def _extract_counted(
    articles: Iterable[Article],
    extractor: Extractor,
    stats: RunStats,
    progress: Progress | None,
    reader: ReadAhead | None = None,
) -> list[ExtractionOutcome]:
    """Every article's outcome, counted in `stats` and reported to `progress` as it ends.

    With a `reader`, the number of articles grows while they are extracted, and `progress`
    is told the number read so far each time one arrives.
    """
    if progress is None:
        return extractor.extract_all(articles, stats.add)
    if reader is None:
        articles = list(articles)
        progress.articles_known(len(articles))
    else:
        articles = _reporting_count(reader, progress)

    def done(outcome: ExtractionOutcome) -> None:
        stats.add(outcome)
        if reader is not None:
            progress.articles_known(reader.expected)  # more may have been read meanwhile
        progress.article_done(outcome)

    return extractor.extract_all(articles, done)


def _reporting_count(reader: ReadAhead, progress: Progress) -> Iterator[Article]:
    for article in reader:
        progress.articles_known(reader.expected)
        yield article


def _failures(outcomes: Sequence[ExtractionOutcome]) -> list[Skipped]:
    return [
        Skipped(path=o.article.path, reason=str(o.error), by="model") for o in outcomes if not o.ok
    ]


def _check_extracted(periods: Sequence[Period], summaries: Sequence[ArticleSummary]) -> None:
    # A period emptied by model failures is the model's fault, not a date problem.
    for period in periods:
        if not any(s.article.date and period.contains(s.article.date) for s in summaries):
            raise ModelError(f"the model failed on every article in period {period.label!r}")


def _in_any(article: Article, periods: Sequence[Period]) -> bool:
    return article.date is not None and any(p.contains(article.date) for p in periods)
