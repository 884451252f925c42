"""The library's entry point: paths in, a brief and what it cost out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .articles import ReadResult, read_articles
from .compare import compare_periods
from .dates import date_article, date_events
from .errors import ModelError, UserError
from .extract import ExtractionOutcome, Extractor
from .merge import merge_summaries
from .periods import Period, check_periods_have_articles, parse_periods
from .schema import Article, ArticleSummary, Brief, Comparison, Skipped


class Progress(Protocol):
    """What a caller is told while a run goes on (the CLI draws a progress bar from it)."""

    def started(self, total: int) -> None: ...

    def article_done(self, outcome: ExtractionOutcome) -> None: ...


@dataclass
class RunStats:
    articles_read: int = 0
    articles_summarized: int = 0
    model_calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0

    def add(self, outcome: ExtractionOutcome) -> None:
        self.model_calls += outcome.usage.calls
        self.cache_hits += outcome.cache_hits
        self.prompt_tokens += outcome.usage.prompt_tokens
        self.completion_tokens += outcome.usage.completion_tokens
        if outcome.ok:
            self.articles_summarized += 1
        else:
            self.failed += 1

    def closing_line(self) -> str:
        tokens = self.prompt_tokens + self.completion_tokens
        return (
            f"{self.articles_read} articles read, {self.articles_summarized} summarized, "
            f"{self.model_calls} model calls, {self.cache_hits} cache hits, "
            f"{tokens:,} tokens ({self.prompt_tokens:,} prompt + {self.completion_tokens:,} "
            f"completion), {self.failed} failed, {self.skipped} skipped"
        )


@dataclass
class SummarizeResult:
    brief: Brief
    stats: RunStats
    outcomes: list[ExtractionOutcome] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.stats.failed == 0 and self.stats.skipped == 0


def read_corpus(paths: Sequence[Path | str]) -> ReadResult:
    """Read articles, raising UserError when there is nothing at all to work on."""
    result = read_articles(paths)
    if not result.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped[:5]) or "nothing given"
        raise UserError(
            f"no readable articles ({reasons})",
            hint="point brief at .txt, .md, .json, .jsonl or .html files, or folders of them",
        )
    return result


def summarize_articles(
    articles: Sequence[Article],
    extractor: Extractor,
    *,
    skipped: Sequence[Skipped] = (),
    title: str | None = None,
    progress: Progress | None = None,
) -> SummarizeResult:
    """Extract every article (cache first) and merge what was extracted into one brief.

    An article the model fails on is listed in the brief with the reason; it does not stop
    the run. Each finished article is in the cache at once, so an interrupted run loses
    nothing it finished.
    """
    stats = RunStats(articles_read=len(articles), skipped=len(skipped))
    outcomes = _extract_counted(articles, extractor, stats, progress)
    summaries = date_summaries(
        [
            ArticleSummary(article=o.article, extraction=o.extraction)
            for o in outcomes
            if o.extraction is not None
        ]
    )
    brief = merge_summaries(summaries, skipped=[*skipped, *_failures(outcomes)], title=title)
    cut = [Skipped(path=o.article.path, reason=o.cut) for o in outcomes if o.ok and o.cut]
    brief = brief.model_copy(update={"read_in_part": cut})
    return SummarizeResult(brief=brief, stats=stats, outcomes=outcomes)


def date_summaries(summaries: Sequence[ArticleSummary]) -> list[ArticleSummary]:
    """Fill in inferred article dates and weekday event dates (see `brief.dates`).

    Runs after extraction on purpose: the model is shown only dates written on the
    article, so an inferred date never turns into a model's "fact" (and recorded requests
    stay the same).
    """
    dated = []
    for summary in summaries:
        article = date_article(summary.article)
        extraction = date_events(summary.extraction, article)
        dated.append(ArticleSummary.model_construct(article=article, extraction=extraction))
    return dated


def summarize_paths(
    paths: Sequence[Path | str],
    extractor: Extractor,
    *,
    title: str | None = None,
    progress: Progress | None = None,
) -> SummarizeResult:
    """Read `paths` and summarize them into one brief."""
    corpus = read_corpus(paths)
    result = summarize_articles(
        corpus.articles, extractor, skipped=corpus.skipped, title=title, progress=progress
    )
    result.stats.duplicates = len(corpus.duplicates)
    return result


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
    return CompareResult(comparison=comparison, stats=stats)


def _extract_counted(
    articles: Sequence[Article],
    extractor: Extractor,
    stats: RunStats,
    progress: Progress | None,
) -> list[ExtractionOutcome]:
    """Every article's outcome, counted in `stats` and reported to `progress` as it ends."""
    if progress:
        progress.started(len(articles))

    def done(outcome: ExtractionOutcome) -> None:
        stats.add(outcome)
        if progress:
            progress.article_done(outcome)

    return extractor.extract_all(articles, done)


def _failures(outcomes: Sequence[ExtractionOutcome]) -> list[Skipped]:
    return [Skipped(path=o.article.path, reason=f"model: {o.error}") for o in outcomes if not o.ok]


def _check_extracted(periods: Sequence[Period], summaries: Sequence[ArticleSummary]) -> None:
    # A period emptied by model failures is the model's fault, not a date problem.
    for period in periods:
        if not any(s.article.date and period.contains(s.article.date) for s in summaries):
            raise ModelError(f"the model failed on every article in period {period.label!r}")


def _in_any(article: Article, periods: Sequence[Period]) -> bool:
    return article.date is not None and any(p.contains(article.date) for p in periods)
