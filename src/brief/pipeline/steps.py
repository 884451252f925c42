"""The steps of a run after extraction, in order, each a named function from typed data to
typed data: the per-article summaries are dated, merged into a brief, and the brief is
worded and checked. Adding a step is writing it and naming it in `SUMMARY_STEPS` or
`BRIEF_STEPS`; `pipe_names()` prints the order and `brief -v` the time of each. The runner
(reading, threads, progress, Ctrl-C) is in `runs.py`, apart from the steps."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from brief.assemble import MAX_KEY_ACTORS, merge_summaries, retold, word_gists, write_bottom_line
from brief.extract import title_persons
from brief.ingest import date_article, date_events
from brief.models import ChatModel
from brief.pipeline.stats import RunStats
from brief.schema import ArticleSummary, Brief, Skipped

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass
class StepTools:
    """What a step may use: the model to word with (None: no wording), what the run was
    asked for, and the run's counters."""

    stats: RunStats
    writer: ChatModel | None = None
    skipped: Sequence[Skipped] = ()
    title: str | None = None
    max_actors: int = MAX_KEY_ACTORS
    failures: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class Step(Generic[In, Out]):
    name: str
    run: Callable[[In, StepTools], Out]

    def timed(self, value: In, tools: StepTools) -> Out:
        started = time.perf_counter()
        done = self.run(value, tools)
        tools.stats.step_seconds.append((self.name, time.perf_counter() - started))
        return done


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
        dated.append(summary.model_copy(update={"article": article, "extraction": extraction}))
    return dated


def _date_step(summaries: list[ArticleSummary], tools: StepTools) -> list[ArticleSummary]:
    return date_summaries(summaries)


def _merge_step(summaries: list[ArticleSummary], tools: StepTools) -> Brief:
    skipped = [*tools.skipped, *tools.failures]
    return merge_summaries(
        summaries, skipped=skipped, title=tools.title, max_actors=tools.max_actors
    )


def _word_gists_step(brief: Brief, tools: StepTools) -> Brief:
    if tools.writer is None:
        return brief
    brief, gists = word_gists(brief, tools.writer)
    tools.stats.gists_written, tools.stats.gists_quoted = gists.written, gists.fell_back
    return brief


def _retell_step(brief: Brief, tools: StepTools) -> Brief:
    # The stands in the bottom line read as the worded gists.
    return retold(brief) if tools.writer is not None else brief


def _word_bottom_line_step(brief: Brief, tools: StepTools) -> Brief:
    if tools.writer is None:
        return brief
    brief, tools.stats.bottom_line_written = write_bottom_line(brief, tools.writer)
    return brief


def _title_step(summaries: list[ArticleSummary], tools: StepTools) -> list[ArticleSummary]:
    return [title_persons(summary) for summary in summaries]


SUMMARY_STEPS: tuple[Step[list[ArticleSummary], list[ArticleSummary]], ...] = (
    Step("date articles and events", _date_step),
    Step("title persons", _title_step),
)
MERGE: Step[list[ArticleSummary], Brief] = Step("merge", _merge_step)
BRIEF_STEPS: tuple[Step[Brief, Brief], ...] = (
    Step("word the gists (checked)", _word_gists_step),
    Step("tell the bottom line", _retell_step),
    Step("word the bottom line (checked)", _word_bottom_line_step),
)
EXTRACT = "read and extract"  # the runner's own step, before these


def pipe_names() -> list[str]:
    """The steps of `brief summarize`, in order."""
    names = [step.name for step in SUMMARY_STEPS]
    return [EXTRACT, *names, MERGE.name, *(step.name for step in BRIEF_STEPS)]


def brief_from(summaries: list[ArticleSummary], tools: StepTools) -> Brief:
    """Every step after extraction, in order, each timed into the run's counters."""
    for step in SUMMARY_STEPS:
        summaries = step.timed(summaries, tools)
    brief = MERGE.timed(summaries, tools)
    for brief_step in BRIEF_STEPS:
        brief = brief_step.timed(brief, tools)
    return brief
