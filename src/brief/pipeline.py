"""The library's entry point: paths in, a brief and what it cost out."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from brief.assemble.bottom_line import retold, write_bottom_line
from brief.assemble.compare import compare_periods
from brief.assemble.gists import word_comparison_gists, word_gists
from brief.assemble.merge import MAX_KEY_ACTORS as MAX_KEY_ACTORS  # the CLI default
from brief.assemble.merge import merge_summaries
from brief.assemble.periods import Period, check_periods_have_articles, parse_periods
from brief.errors import ModelError, UserError
from brief.extract.extractor import ExtractionOutcome, Extractor
from brief.ingest.articles import ReadResult, read_articles, stream_articles
from brief.ingest.dates import date_article
from brief.ingest.event_dates import date_events
from brief.schema import Article, ArticleSummary, Brief, Comparison, Skipped


class Progress(Protocol):
    """What a caller is told while a run goes on (the CLI draws a progress bar from it)."""

    def articles_known(self, total: int) -> None:
        """How many articles there are to do, as far as is known: called again with a
        larger number while articles are still being read."""
        ...

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
    gists_written: int = 0  # worded by the model and checked
    gists_quoted: int = 0  # fell back to the article's own words
    bottom_line_written: bool = False  # by the model, checked; else the deterministic one
    step_seconds: list[tuple[str, float]] = field(default_factory=list)

    def add(self, outcome: ExtractionOutcome) -> None:
        self.model_calls += outcome.usage.calls
        self.cache_hits += outcome.cache_hits
        self.prompt_tokens += outcome.usage.prompt_tokens
        self.completion_tokens += outcome.usage.completion_tokens
        if outcome.ok:
            self.articles_summarized += 1
        else:
            self.failed += 1

    def step_lines(self) -> list[str]:
        """A line per step that ran, with its time (shown by `brief -v`)."""
        return [f"step {n}. {s}: {t:.2f} s" for n, (s, t) in enumerate(self.step_seconds, 1)]

    def closing_line(self) -> str:
        tokens = self.prompt_tokens + self.completion_tokens
        return (
            f"{self.articles_read} articles read, {self.articles_summarized} summarized, "
            f"{self.model_calls} model calls, {self.cache_hits} cache hits, "
            f"{tokens:,} tokens ({self.prompt_tokens:,} prompt + {self.completion_tokens:,} "
            f"completion), {self.failed} failed, {self.skipped} skipped"
            + (
                f"; gists: {self.gists_written} worded, {self.gists_quoted} quoted; "
                f"bottom line {'worded' if self.bottom_line_written else 'from the timeline'}"
                if self.gists_written or self.gists_quoted
                else ""
            )
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
        raise _nothing_to_read(result)
    return result


def _nothing_to_read(result: ReadResult) -> UserError:
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped[:5]) or "nothing given"
    return UserError(
        f"no readable articles ({reasons})",
        hint="point brief at .txt, .md, .json, .jsonl or .html files, or folders of them",
    )


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
    stats.step_seconds.append(("read and extract", time.perf_counter() - started))
    stats.articles_read = len(outcomes)
    return _merged(outcomes, stats, skipped, title, extractor if word_gists else None, max_actors)


# ------------------------------------------------------------------------------ the steps
#
# After extraction, a run is a list of named steps, each from typed data to the same type:
# the per-article summaries, then (after the merge) the brief. Adding a step is writing it
# and naming it here; `pipe_names()` prints the order and `brief -v` the time of each.


T = TypeVar("T")


@dataclass
class StepTools:
    """What a step may use: the model and cache to word with (None: no wording) and the
    run's counters."""

    writer: Extractor | None
    stats: RunStats


@dataclass(frozen=True)
class Step(Generic[T]):
    name: str
    run: Callable[[T, StepTools], T]


def _date_step(summaries: list[ArticleSummary], tools: StepTools) -> list[ArticleSummary]:
    return date_summaries(summaries)

def _word_gists_step(brief: Brief, tools: StepTools) -> Brief:
    if tools.writer is None:
        return brief
    brief, gists = word_gists(brief, tools.writer.model, cache=tools.writer.cache)
    tools.stats.gists_written, tools.stats.gists_quoted = gists.written, gists.fell_back
    return brief


def _retell_step(brief: Brief, tools: StepTools) -> Brief:
    # The stands in the bottom line read as the worded gists.
    return retold(brief) if tools.writer is not None else brief


def _word_bottom_line_step(brief: Brief, tools: StepTools) -> Brief:
    if tools.writer is None:
        return brief
    brief, tools.stats.bottom_line_written = write_bottom_line(
        brief, tools.writer.model, cache=tools.writer.cache
    )
    return brief


SUMMARY_STEPS: tuple[Step[list[ArticleSummary]], ...] = (
    Step("date articles and events", _date_step),
)
BRIEF_STEPS: tuple[Step[Brief], ...] = (
    Step("word the gists (checked)", _word_gists_step),
    Step("tell the bottom line", _retell_step),
    Step("word the bottom line (checked)", _word_bottom_line_step),
)


def pipe_names() -> list[str]:
    """The steps of `brief summarize`, in order."""
    return [
        "read and extract",
        *(s.name for s in SUMMARY_STEPS),
        "merge",
        *(s.name for s in BRIEF_STEPS),
    ]


def run_steps(steps: Sequence[Step[T]], value: T, tools: StepTools) -> T:
    """Each step in turn, timed into the run's counters."""
    for step in steps:
        started = time.perf_counter()
        value = step.run(value, tools)
        tools.stats.step_seconds.append((step.name, time.perf_counter() - started))
    return value


def _merged(
    outcomes: list[ExtractionOutcome],
    stats: RunStats,
    skipped: Sequence[Skipped],
    title: str | None,
    writer: Extractor | None,
    max_actors: int,
) -> SummarizeResult:
    tools = StepTools(writer=writer, stats=stats)
    extracted = [
        ArticleSummary(article=o.article, extraction=o.extraction)
        for o in outcomes
        if o.extraction is not None
    ]
    summaries = run_steps(SUMMARY_STEPS, extracted, tools)
    started = time.perf_counter()
    brief = merge_summaries(
        summaries, skipped=[*skipped, *_failures(outcomes)], title=title, max_actors=max_actors
    )
    stats.step_seconds.append(("merge", time.perf_counter() - started))
    brief = run_steps(BRIEF_STEPS, brief, tools)
    cut = [Skipped(path=o.article.path, reason=o.cut) for o in outcomes if o.ok and o.cut]
    brief = brief.model_copy(update={"read_in_part": cut})
    return SummarizeResult(brief=brief, stats=stats, outcomes=outcomes)


def date_summaries(summaries: Sequence[ArticleSummary]) -> list[ArticleSummary]:
    """Fill in inferred article dates and weekday event dates (see `brief.ingest.dates`).

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
        stats.step_seconds.append(("read and extract", time.perf_counter() - started))
    finally:
        reader.stop()
    corpus = reader.result
    if not corpus.articles:
        raise _nothing_to_read(corpus)
    stats.articles_read = len(corpus.articles)
    stats.skipped = len(corpus.skipped)
    stats.duplicates = len(corpus.duplicates)
    writer = extractor if word_gists else None
    return _merged(outcomes, stats, corpus.skipped, title, writer, max_actors)


class ReadAhead:
    """Reads a corpus in a daemon thread; iterating yields each article as it is read.

    After iteration, `result` holds everything read, skipped and repeated. An error in the
    reader is raised in the iterating thread. A daemon thread, so that Ctrl-C during a run
    is never held up by a read in progress.
    """

    _END = object()

    def __init__(self, paths: Sequence[Path | str]) -> None:
        self.result = ReadResult()
        self.read = 0
        self.finished = False
        self._queue: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(list(paths),), name="brief-read", daemon=True
        )
        self._thread.start()

    def _run(self, paths: list[Path | str]) -> None:
        try:
            for article in stream_articles(paths, self.result):
                if self._stop.is_set():
                    return
                self.read += 1
                self._queue.put(article)
        except BaseException as error:  # handed to the iterating thread, raised there
            self._queue.put(_ReaderFailed(error))
        finally:
            self.finished = True
            self._queue.put(self._END)

    @property
    def expected(self) -> int:
        """Articles to expect: those read once reading is over; until then at least one
        per file found (a JSON Lines file may hold many)."""
        return self.read if self.finished else max(self.read, self.result.files_found)

    def __iter__(self) -> Iterator[Article]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, _ReaderFailed):
                raise item.error
            yield item

    def stop(self) -> None:
        self._stop.set()


@dataclass
class _ReaderFailed:
    error: BaseException


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
        comparison, gists = word_comparison_gists(
            comparison, extractor.model, cache=extractor.cache
        )
        stats.gists_written, stats.gists_quoted = gists.written, gists.fell_back
    return CompareResult(comparison=comparison, stats=stats)


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
