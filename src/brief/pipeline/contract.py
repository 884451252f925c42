"""Summarizing as two steps with a file between them, each usable alone, so that any
engine can run the first (a thread pool here, Ray Data, a Spark UDF):

- `summarize_article(article, extractor)`: one article to its typed summary. A pure
  function of the article and the settings: the same input gives the same summary.
- `merge(summaries)`: the brief from summaries, with no model call but the wording and
  its meaning check.

`brief extract` writes one line per article (`SummaryLine`: the summary, the content key
of what produced it, or why there is none), as JSON lines or Parquet (`summaries_file`); a
rerun skips every article whose line is there with the same key, so a run cut short loses
nothing it finished. `brief merge` reads such files. `brief summarize` is these two steps
in one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from brief.assemble import MAX_KEY_ACTORS, summarized
from brief.errors import ModelError
from brief.extract import ExtractionOutcome, Extractor
from brief.ingest import ReadResult
from brief.models import ChatModel
from brief.pipeline.reading import read_corpus
from brief.pipeline.runs import Progress, SummarizeResult
from brief.pipeline.stats import RunStats
from brief.pipeline.steps import StepTools, brief_from
from brief.pipeline.summaries_file import (
    SUMMARY_FORMAT,
    StoredSummary,
    SummaryLine,
    known_keys,
    writing,
)
from brief.schema import (
    Article,
    ArticleSummary,
    Skipped,
)


def summary_key(article: Article, extractor: Extractor) -> str:
    """The content key of an article's summary: equal keys, equal summaries."""
    return extractor.asking.key_of({
        "format": SUMMARY_FORMAT, "article": article.id, "prompt": extractor.prompt.version,
        "max_tokens": extractor.max_tokens, "max_attempts": extractor.max_attempts,
        "parts": [extractor.max_part_chars, extractor.max_parts],
    })  # fmt: skip


def summarize_article(article: Article, extractor: Extractor) -> ArticleSummary:
    """One article's summary (from the cache when it is there); ModelError when the model
    failed on it. For any engine: open the extractor once per worker
    (`brief.extract.open_extractor(settings)`) and call this per article."""
    outcome = extractor.extract(article)
    if outcome.extraction is None:
        raise ModelError(outcome.error or "no extraction")
    return summarized(article, outcome.extraction)


def line_of(outcome: ExtractionOutcome, order: int, key: str) -> SummaryLine:
    extraction = outcome.extraction
    stored = (
        StoredSummary.of(summarized(outcome.article, extraction))
        if extraction is not None
        else None
    )
    return SummaryLine(
        article_id=outcome.article.id, path=outcome.article.path, order=order, key=key,
        stored=stored, error=outcome.error if stored is None else None, cut=outcome.cut,
    )  # fmt: skip


def merge(
    given: Iterable[SummaryLine | ArticleSummary],
    *,
    writer: ChatModel | None = None,
    title: str | None = None,
    max_actors: int = MAX_KEY_ACTORS,
    skipped: Sequence[Skipped] = (),
) -> SummarizeResult:
    """The brief from summary lines, exactly as `summarize` builds it: the steps after
    extraction, in order; the model (`writer`) is asked only to word, and its words are
    checked. Articles without a summary are listed in the brief with why. Summaries
    (`summarize_article`'s, from any engine) may stand for lines."""
    lines = [ln if isinstance(ln, SummaryLine) else _line_of_summary(ln, n)
             for n, ln in enumerate(given)]  # fmt: skip
    summaries = [line.stored.summary() for line in lines if line.stored is not None]
    failures = [Skipped(path=ln.path, reason=ln.error or "no summary", by=ln.by)
                for ln in lines if ln.stored is None]  # fmt: skip
    stats = RunStats(articles_read=len(lines), articles_summarized=len(summaries),
                     failed=len(failures), skipped=len(skipped))  # fmt: skip
    tools = StepTools(stats, writer, skipped, title, max_actors, failures)
    brief = brief_from(summaries, tools)
    cut = [Skipped(path=ln.path, reason=ln.cut) for ln in lines if ln.stored and ln.cut]
    return SummarizeResult(brief=brief.model_copy(update={"read_in_part": cut}), stats=stats)


def _line_of_summary(summary: ArticleSummary, order: int) -> SummaryLine:
    article = summary.article
    return SummaryLine(article_id=article.id, path=article.path, order=order, key="",
                       stored=StoredSummary.of(summary))  # fmt: skip


@dataclass
class ExtractResult:
    stats: RunStats
    extracted: int = 0  # articles asked about in this run
    kept: int = 0  # articles whose summary the file already had


def extract_paths(
    paths: Sequence[Path | str],
    extractor: Extractor,
    output: Path,
    *,
    progress: Progress | None = None,
) -> ExtractResult:
    """Summarize every article of `paths` not yet in `output` (by key) into `output`, one
    line per article as it finishes."""
    corpus = read_corpus(paths)
    have = known_keys(output)
    with writing(output) as write:
        return _extract(corpus, extractor, have, write, progress)


def _extract(
    corpus: ReadResult,
    extractor: Extractor,
    have: set[str],
    write: Callable[[SummaryLine], None],
    progress: Progress | None,
) -> ExtractResult:
    found = [(a.id, summary_key(a, extractor)) for a in corpus.articles]
    run = ExtractRun.of(found, corpus.skipped, have, write)
    wanted = set(run.todo)
    todo = [a for a in corpus.articles if a.id in wanted]
    if progress is not None:
        progress.articles_known(len(todo))

    def done(outcome: ExtractionOutcome) -> None:
        run.stats.add(outcome)
        write(run.line(outcome))
        if progress is not None:
            progress.article_done(outcome)

    extractor.extract_all(todo, done)
    return run.result


@dataclass
class ExtractRun:
    """What one `brief extract` run, on any engine, has to do: each article's key and
    place in the corpus, the articles not yet summarized, and its counts."""

    keys: dict[str, str]
    order: dict[str, int]
    todo: list[str]  # the ids of the articles to summarize, in corpus order
    result: ExtractResult

    @property
    def stats(self) -> RunStats:
        return self.result.stats

    @classmethod
    def of(
        cls,
        found: list[tuple[str, str]],
        skipped: Sequence[Skipped],
        have: set[str],
        write: Callable[[SummaryLine], None],
    ) -> ExtractRun:
        """The run over the (id, key) of every article read, in corpus order, with a line
        written for every input that could not be read."""
        keys = dict(found)
        todo = [id_ for id_, key in found if key not in have]
        stats = RunStats(articles_read=len(found), skipped=len(skipped))
        for item in skipped:
            write(SummaryLine(article_id=f"unread:{item.path}", path=item.path, order=-1,
                              key="", error=item.reason, by="reader"))  # fmt: skip
        order = {id_: n for n, (id_, _) in enumerate(found)}
        kept = len(found) - len(todo)
        return cls(keys, order, todo, ExtractResult(stats, extracted=len(todo), kept=kept))

    def line(self, outcome: ExtractionOutcome) -> SummaryLine:
        return line_of(outcome, self.order[outcome.article.id], self.keys[outcome.article.id])
