"""Bulk runs through the OpenAI Batch API: submit every article part as one JSONL line, check
on the batches, collect the answers into the cache, and build the brief from the cache.

The unit is the part request `Extractor` would send online (one per ordinary article), and
its `custom_id` is that request's cache key. So collecting a batch is filling the cache,
and the brief is then built by the ordinary summarize path from cache hits alone: the same
extractions, the same post-processing, the same brief as an online run, with no model call.

Nothing is paid for twice: a request already in the cache, or in a batch not collected yet,
is not submitted. The local state file (batch_state.py) says which batch holds which request.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from brief.batch.collect import Collector, CollectReport
from brief.batch.state import BatchRecord, BatchState, load_state, state_lock
from brief.batch.submit import (
    DEFAULT_LIMITS,
    InvalidChoice,
    Limits,
    PartRequest,
    Plan,
    corpus_requests,
    plan_submission,
    settle_creations,
    submit,
)
from brief.errors import BatchPendingError, ModelError, UserError
from brief.extract import Extractor
from brief.models import BatchAPI, ChatRequest, ChatResponse, StructuredMode, caching
from brief.pipeline import Progress, SummarizeResult, read_corpus, summarize_articles
from brief.schema import Article, Skipped

# ---------------------------------------------------------------- the brief afterwards


class BatchResultsOnly:
    """A chat model that never calls anyone: the brief after a collect is built from the
    cache alone, and a request found nowhere there fails with the reason the batch gave.

    Named for what it is to `Extractor`: a model whose name is that of the batch model,
    so that every request key is the one the batches were submitted with.
    """

    concurrent = False

    def __init__(self, name: str, state: BatchState) -> None:
        self.name = name
        self._lost = {k: v for r in state.batches for k, v in r.lost.items()}
        self._pending = state.pending_keys()

    def complete(self, request: ChatRequest) -> ChatResponse:
        key = caching(self).key(request)  # the key the batches were submitted with
        if key in self._pending:
            raise ModelError(f"still in batch {self._pending[key]}: collect again later")
        if key in self._lost:
            raise ModelError(self._lost[key])
        raise ModelError("not submitted in any batch: run `brief batch submit` for it")


def running_for(requests: Sequence[PartRequest], state: BatchState) -> dict[str, str]:
    """custom_id → batch id for the requests of a corpus still in batches not collected."""
    pending = state.pending_keys()
    return {p.key: pending[p.key] for p in requests if p.key in pending}


# ------------------------------------------------------------- whole runs, for the CLI


@dataclass
class SubmitResult:
    plan: Plan
    batches: list[BatchRecord]
    articles: int
    skipped: list[Skipped]


def submit_paths(
    paths: Sequence[Path | str],
    extractor: Extractor,
    api: BatchAPI,
    state_path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    on_batch: Callable[[BatchRecord], None] | None = None,
    mode: StructuredMode = "json_schema",
) -> SubmitResult:
    """Read `paths` and submit every request not cached and not already in a batch."""
    corpus = read_corpus(paths)
    with state_lock(state_path):
        state = load_state(state_path)
        settle_creations(api, state, state_path)
        plan = plan_submission(corpus.articles, extractor, state)
        batches: list[BatchRecord] = []
        if plan.to_send:
            # Remembered so that `collect` can be run with the state file alone.
            given = [str(Path(p).resolve()) for p in paths]
            state.corpus = list(dict.fromkeys([*state.corpus, *given]))
            batches = submit(
                plan.to_send,
                model=extractor.model.name,
                prompt_version=extractor.prompt.version,
                api=api,
                state=state,
                state_path=state_path,
                limits=limits,
                on_batch=on_batch,
                mode=mode,
            )
    return SubmitResult(plan, batches, len(corpus.articles), list(corpus.skipped))


def batch_model(state: BatchState) -> str | None:
    """The model of the batches still to collect (else of all), when there is just one."""
    records = [r for r in state.batches if not r.collected] or state.batches
    models = {r.model for r in records}
    return models.pop() if len(models) == 1 else None


def check_same_requests(state: BatchState, extractor: Extractor) -> None:
    """Collecting with another model, prompt or token limit would look for other keys (the
    brief would find none of the answers): say so before anything is downloaded."""
    ours = (extractor.model.name, extractor.prompt.version, extractor.max_tokens)
    for record in state.batches:
        theirs = (record.model, record.prompt_version, record.max_tokens)
        if not record.collected and theirs != ours:
            raise UserError(
                f"batch {record.id} was submitted with model {record.model!r}, prompt "
                f"{record.prompt_version!r} and --max-tokens {record.max_tokens}; this run "
                f"uses {ours[0]!r}, {ours[1]!r} and {ours[2]}",
                hint="pass the same --model, --prompt and --max-tokens",
            )


def corpus_paths(paths: Sequence[Path], state: BatchState) -> list[Path]:
    if paths:
        return list(paths)
    if not state.corpus:
        raise UserError(
            "no articles given and none recorded in the state file",
            hint="brief batch collect PATHS",
        )
    return [Path(p) for p in state.corpus]


@dataclass
class CollectRun:
    """A collect with the articles it was run for: the report, then the brief."""

    report: CollectReport
    articles: list[Article]
    skipped: list[Skipped]
    duplicates: int


def collect_paths(
    paths: Sequence[Path],
    extractor: Extractor,
    api: BatchAPI,
    state_path: Path,
    *,
    invalid: InvalidChoice = "reask",
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[CollectRun, BatchState]:
    """Collect every finished batch in the state file into the cache."""
    state = load_state(state_path, must_exist=True)
    check_same_requests(state, extractor)
    corpus = read_corpus(corpus_paths(paths, state))
    with state_lock(state_path):
        state = load_state(state_path, must_exist=True)  # as it is now that it is ours
        collector = Collector(
            api, extractor, state, state_path, {a.id: a for a in corpus.articles}, invalid,
            limits,
        )  # fmt: skip
        report = collector.collect()
    run = CollectRun(report, list(corpus.articles), list(corpus.skipped), len(corpus.duplicates))
    return run, state


def summarize_collected(
    run: CollectRun,
    extractor: Extractor,
    state: BatchState,
    *,
    title: str | None = None,
    progress: Progress | None = None,
) -> SummarizeResult:
    """The brief, exactly as `summarize` builds it, from the cache alone.

    Raises BatchPendingError while any request of these articles is in a running batch.
    """
    answers_only = extractor.asking.around(BatchResultsOnly(extractor.model.name, state))
    offline = dataclasses.replace(extractor, model=answers_only, concurrency=1)
    running = running_for(corpus_requests(run.articles, offline), state)
    if running:
        batches = sorted(set(running.values()))
        raise BatchPendingError(
            f"{len(running)} requests of these articles are still in {len(batches)} running "
            f"batch(es) ({', '.join(batches)}); what has finished is cached",
            hint="run `brief batch collect` again later; `brief batch status` shows progress",
        )
    result = summarize_articles(
        run.articles, offline, skipped=run.skipped, title=title, progress=progress
    )
    result.stats.duplicates = run.duplicates
    return result
