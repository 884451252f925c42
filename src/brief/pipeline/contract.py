"""Summarizing as two steps with a file between them, each usable alone, so that any
engine can run the first (a thread pool here, Ray Data, a Spark UDF):

- `summarize_article(article, extractor)`: one article to its typed summary. A pure
  function of the article and the settings: the same input gives the same summary.
- `merge(summaries)`: the brief from summaries, with no model call but the wording and
  its meaning check.

`brief extract` writes one JSON line per article (`SummaryLine`: the summary, the content
key of what produced it, or why there is none); a rerun skips every article whose line is
there with the same key, so a run cut short loses nothing it finished. `brief merge`
reads such files. `brief summarize` is these two steps in one process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from brief.assemble import MAX_KEY_ACTORS, summarized
from brief.errors import ModelError, UserError
from brief.extract import ExtractionOutcome, Extractor
from brief.models import ChatModel
from brief.pipeline.reading import read_corpus
from brief.pipeline.runs import Progress, SummarizeResult
from brief.pipeline.stats import RunStats
from brief.pipeline.steps import StepTools, brief_from
from brief.schema import (
    Article,
    ArticleExtraction,
    ArticleSummary,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Skipped,
)

SUMMARY_FORMAT = 1  # the line format's version, part of every key


class StoredExtraction(BaseModel):
    """An article's extraction as stored: the parts of a long article joined, so without
    the per-answer bounds `ArticleExtraction` holds one model answer to."""

    model_config = ConfigDict(extra="forbid")

    actors: list[ExtractedActor]
    positions: list[ExtractedPosition]
    events: list[ExtractedEvent]


class StoredSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: Article
    extraction: StoredExtraction
    principal: tuple[str, ...] | None = None  # see ArticleSummary; lines before it lack it

    @classmethod
    def of(cls, summary: ArticleSummary) -> StoredSummary:
        parts = summary.extraction
        stored = StoredExtraction.model_construct(
            actors=parts.actors, positions=parts.positions, events=parts.events
        )
        return cls.model_construct(
            article=summary.article, extraction=stored, principal=summary.principal
        )

    def summary(self) -> ArticleSummary:
        parts = self.extraction
        joined = ArticleExtraction.model_construct(
            actors=parts.actors, positions=parts.positions, events=parts.events
        )
        return ArticleSummary.model_construct(
            article=self.article, extraction=joined, principal=self.principal
        )


class SummaryLine(BaseModel):
    """One article in a summaries file: its summary, or the reason it has none."""

    model_config = ConfigDict(extra="forbid")

    format: int = SUMMARY_FORMAT
    article_id: str
    path: str
    order: int  # its place in the corpus it was read from: merge keeps that order
    key: str  # what produced it: the article, the model, the prompt, the settings
    stored: StoredSummary | None = None
    error: str | None = None
    cut: str | None = None  # where reading stopped, for an article too long to read whole
    by: Literal["reader", "model"] = "model"  # who could not process it, when none


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


@dataclass
class SummariesRead:
    """The lines of summaries files (the last line of each article wins), and the lines
    that could not be read."""

    lines: list[SummaryLine] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)


def read_summaries(paths: Sequence[Path]) -> SummariesRead:
    """Every article's last line in `paths`, in corpus order; a bad line costs itself."""
    last: dict[str, tuple[int, SummaryLine]] = {}
    read = SummariesRead()
    for rank, path in enumerate(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"cannot read summaries file {str(path)!r}: {e}") from e
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                line = SummaryLine.model_validate_json(raw)
            except ValidationError as e:
                problem = e.errors()[0]["msg"] if e.errors() else "invalid"
                read.bad.append(f"{path}:{number}: not a summary line ({problem})")
                continue
            last[line.article_id] = (rank, line)
    read.lines = [line for _, line in sorted(last.values(), key=lambda p: (p[0], p[1].order))]
    return read


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


def known_keys(path: Path) -> set[str]:
    """The keys of the summaries already in `path` (none when there is no such file)."""
    if not path.exists():
        return set()
    return {line.key for line in read_summaries([path]).lines if line.stored is not None}


def append_line(path: Path) -> Callable[[SummaryLine], None]:
    """A writer of lines to `path`, each flushed to disk as it comes: a run cut short
    keeps every article it finished."""

    def write(line: SummaryLine) -> None:
        text = json.dumps(line.model_dump(mode="json"), ensure_ascii=False) + "\n"
        try:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as e:
            raise UserError(f"cannot write {str(path)!r}: {e.strerror}") from e

    return write


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
    write = append_line(output)
    keys = {a.id: summary_key(a, extractor) for a in corpus.articles}
    order = {a.id: n for n, a in enumerate(corpus.articles)}
    todo = [a for a in corpus.articles if keys[a.id] not in have]
    stats = RunStats(articles_read=len(corpus.articles), skipped=len(corpus.skipped))
    for item in corpus.skipped:
        write(SummaryLine(article_id=f"unread:{item.path}", path=item.path, order=-1, key="",
                          error=item.reason, by="reader"))  # fmt: skip
    if progress is not None:
        progress.articles_known(len(todo))

    def done(outcome: ExtractionOutcome) -> None:
        stats.add(outcome)
        write(line_of(outcome, order[outcome.article.id], keys[outcome.article.id]))
        if progress is not None:
            progress.article_done(outcome)

    extractor.extract_all(todo, done)
    return ExtractResult(stats, extracted=len(todo), kept=len(corpus.articles) - len(todo))
