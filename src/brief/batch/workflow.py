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
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import openai
from pydantic import BaseModel

from brief.batch.state import BatchRecord, BatchState, RequestRef, load_state, save_state
from brief.errors import BatchError, BatchPendingError, BriefError, ModelError, UserError
from brief.extract.extractor import Extractor
from brief.extract.structured import StructuredResult, Usage
from brief.models.base import ChatRequest, ChatResponse, request_key
from brief.models.openai import (
    BackoffHonouringRetryAfter,
    StructuredMode,
    chat_completion_body,
    response_from_completion,
    short_error,
    transport_retrying,
)
from brief.pipeline import Progress, SummarizeResult, read_corpus, summarize_articles
from brief.schema import Article, Skipped

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
# The Batch API's limits on one input file (OpenAI: 50,000 requests, 200 MB). The byte limit
# is taken in decimal megabytes, which stays under the limit whichever unit the server means.
MAX_REQUESTS = 50_000
MAX_BYTES = 200_000_000

InvalidChoice = Literal["reask", "resubmit"]
T = TypeVar("T")


# ------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class PartRequest:
    """One request of the corpus: an article part, as Extractor would send it online."""

    key: str
    article: Article
    first: int
    last: int
    request: ChatRequest
    attempt: int = 1
    # The conversation after `request` (an invalid answer and its re-ask), when resubmitted.
    turns: tuple[dict[str, str], ...] = ()

    def ref(self) -> RequestRef:
        return RequestRef(
            path=self.article.path,
            article_id=self.article.id,
            first=self.first,
            last=self.last,
            attempt=self.attempt,
            turns=list(self.turns),
        )

    def line(self, model: str, mode: StructuredMode = "json_schema") -> bytes:
        """This request as one line of a Batch API input file."""
        body = chat_completion_body(model, self.request.with_messages(*self.turns), mode)
        row = {"custom_id": self.key, "method": "POST", "url": ENDPOINT, "body": body}
        return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def corpus_requests(articles: Sequence[Article], extractor: Extractor) -> list[PartRequest]:
    """Every part request of `articles`, in corpus order, each key once."""
    seen: set[str] = set()
    requests = []
    for article in articles:
        ranges, _cut = extractor.part_ranges(article)
        for first, last in ranges:
            request, key = extractor.part_request(article, first, last)
            if key not in seen:
                seen.add(key)
                requests.append(PartRequest(key, article, first, last, request))
    return requests


@dataclass
class Plan:
    """What a submit sends, and what it leaves out because it is paid for already."""

    to_send: list[PartRequest]
    cached: int = 0
    # custom_id → id of the batch, not collected yet, that already holds it.
    pending: dict[str, str] = field(default_factory=dict)


def plan_submission(articles: Sequence[Article], extractor: Extractor, state: BatchState) -> Plan:
    """The requests of `articles` that are neither cached nor in a batch not yet collected."""
    in_flight = state.pending_keys()
    plan = Plan(to_send=[])
    for part in corpus_requests(articles, extractor):
        if extractor.is_cached(part.key, part.first, part.last):
            plan.cached += 1
        elif part.key in in_flight:
            plan.pending[part.key] = in_flight[part.key]
        else:
            plan.to_send.append(part)
    return plan


def chunk_lines(
    lines: Iterable[tuple[PartRequest, bytes]], *, max_requests: int, max_bytes: int
) -> Iterator[list[tuple[PartRequest, bytes]]]:
    """The lines in consecutive chunks, each within both limits of one batch input file."""
    chunk: list[tuple[PartRequest, bytes]] = []
    size = 0
    for part, line in lines:
        if len(line) > max_bytes:
            raise BatchError(
                f"{part.article.path}: the request for sentences {part.first}-{part.last} is "
                f"{len(line):,} bytes, more than one batch file may hold ({max_bytes:,})"
            )
        if chunk and (len(chunk) >= max_requests or size + len(line) > max_bytes):
            yield chunk
            chunk, size = [], 0
        chunk.append((part, line))
        size += len(line)
    if chunk:
        yield chunk


# ------------------------------------------------------------------------ the server


class BatchAPI:
    """The Files and Batches endpoints `brief` uses, with the one transport retry policy and
    errors turned into BatchError (the API key cut out of any server text)."""

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        max_retries: int = 4,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.client = client.with_options(max_retries=0)  # one retry layer: ours
        self._retrying = transport_retrying(
            max_retries,
            BackoffHonouringRetryAfter(backoff_initial, backoff_max),
            sleep or time.sleep,
        )

    def upload(self, name: str, data: bytes) -> str:
        """Upload a batch input file; its file id."""
        uploaded = self._call(
            f"uploading {name}",
            lambda: self.client.files.create(
                file=(name, data, "application/jsonl"), purpose="batch"
            ),
        )
        return uploaded.id

    def create(self, input_file_id: str, metadata: dict[str, str]) -> Any:
        return self._call(
            f"creating a batch from {input_file_id}",
            lambda: self.client.batches.create(
                input_file_id=input_file_id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata=metadata,
            ),
        )

    def retrieve(self, batch_id: str) -> Any:
        return self._call(f"checking {batch_id}", lambda: self.client.batches.retrieve(batch_id))

    def cancel(self, batch_id: str) -> Any:
        return self._call(f"cancelling {batch_id}", lambda: self.client.batches.cancel(batch_id))

    def content(self, file_id: str) -> str:
        return self._call(f"downloading {file_id}", lambda: self.client.files.content(file_id).text)

    def _call(self, what: str, call: Callable[[], T]) -> T:
        try:
            return self._retrying(call)
        except openai.APIStatusError as e:
            raise BatchError(
                f"{what}: the server answered HTTP {e.status_code}: {self._short(e)}"
            ) from None
        except openai.APIConnectionError as e:
            raise BatchError(f"{what}: {self._short(e)}") from None

    def _short(self, error: Exception) -> str:
        return short_error(error, secret=self.client.api_key)


def _update(record: BatchRecord, batch: Any) -> None:
    """Copy what the server says about a batch into its record."""
    record.status = batch.status
    record.output_file_id = batch.output_file_id
    record.error_file_id = batch.error_file_id
    counts = batch.request_counts
    if counts is not None:
        record.completed, record.failed = counts.completed, counts.failed
    errors = getattr(batch.errors, "data", None) or []
    record.errors = [f"{e.code or 'error'}: {e.message or ''}".strip() for e in errors]


# ------------------------------------------------------------------------ submitting


@dataclass(frozen=True)
class Limits:
    max_requests: int = MAX_REQUESTS
    max_bytes: int = MAX_BYTES


def submit(
    parts: Sequence[PartRequest],
    *,
    model: str,
    prompt_version: str,
    api: BatchAPI,
    state: BatchState,
    state_path: Path,
    limits: Limits = Limits(),
    on_batch: Callable[[BatchRecord], None] | None = None,
    mode: StructuredMode = "json_schema",
) -> list[BatchRecord]:
    """Upload `parts` as one or more batch files and create a batch for each.

    The state is saved after every batch is created, so that a failure half-way (an upload
    refused, a dropped connection) keeps track of every batch already paid for.
    """
    records = []
    lines = ((part, part.line(model, mode)) for part in parts)
    chunks = chunk_lines(lines, max_requests=limits.max_requests, max_bytes=limits.max_bytes)
    for number, chunk in enumerate(chunks, start=1):
        name = f"brief-{prompt_version}-{int(time.time())}-{number}.jsonl"
        file_id = api.upload(name, b"".join(line for _, line in chunk))
        batch = api.create(file_id, {"tool": "brief", "prompt_version": prompt_version})
        record = BatchRecord(
            id=batch.id,
            input_file_id=file_id,
            model=model,
            prompt_version=prompt_version,
            max_tokens=parts[0].request.max_tokens,
            mode=mode,
            created_at=float(batch.created_at or time.time()),
            requests={part.key: part.ref() for part, _ in chunk},
        )
        _update(record, batch)
        state.batches.append(record)
        save_state(state, state_path)
        records.append(record)
        if on_batch is not None:
            on_batch(record)
    return records


# --------------------------------------------------------------------------- status


def refresh(api: BatchAPI, state: BatchState, state_path: Path) -> list[BatchRecord]:
    """Ask the server about every batch that may still change; the records, updated."""
    for record in state.batches:
        if not record.collected and not record.final:
            _update(record, api.retrieve(record.id))
    save_state(state, state_path)
    return state.batches


def cancel(
    api: BatchAPI, state: BatchState, state_path: Path, batch_ids: Sequence[str] = ()
) -> list[BatchRecord]:
    """Cancel the given batches, or every unfinished one. What was done is still collected."""
    chosen = (
        [state.find(i) for i in batch_ids]
        if batch_ids
        else [r for r in state.batches if not r.collected and not r.final]
    )
    for record in chosen:
        if not record.final:
            _update(record, api.cancel(record.id))
    save_state(state, state_path)
    return chosen


# -------------------------------------------------------------------------- collecting


@dataclass
class _Invalid:
    key: str
    ref: RequestRef
    content: str
    error: str


@dataclass
class CollectReport:
    """What one collect did. `lost` maps a batch id to its requests with no extraction."""

    collected: list[BatchRecord] = field(default_factory=list)
    cached: int = 0
    reasked: int = 0
    usage: Usage = field(default_factory=Usage)
    resubmitted: list[BatchRecord] = field(default_factory=list)
    still_running: list[BatchRecord] = field(default_factory=list)

    @property
    def lost(self) -> dict[str, dict[str, str]]:
        return {r.id: r.lost for r in self.collected if r.lost}


@dataclass
class Collector:
    """Collects finished batches into the extractor's cache.

    `articles` (by id) are needed only to ask again about invalid answers: the first
    request is rebuilt from the article, and must have the same key it was submitted with.
    """

    api: BatchAPI
    extractor: Extractor
    state: BatchState
    state_path: Path
    articles: dict[str, Article]
    invalid: InvalidChoice = "reask"
    limits: Limits = Limits()

    def collect(self) -> CollectReport:
        report = CollectReport()
        refresh(self.api, self.state, self.state_path)
        for record in list(self.state.batches):
            if record.collected:
                continue
            if not record.final:
                report.still_running.append(record)
                continue
            self._collect_one(record, report)
            record.collected = True
            save_state(self.state, self.state_path)
            report.collected.append(record)
        return report

    def _collect_one(self, record: BatchRecord, report: CollectReport) -> None:
        lines = self._lines(record)
        # Resubmitted by a collect of this batch that was cut short: that batch answers it.
        resubmitted = {
            k for b in self.state.batches if b is not record and not b.collected for k in b.requests
        }
        invalid: list[_Invalid] = []
        for key, ref in record.requests.items():
            if key in resubmitted or self._cached(key, ref):
                continue  # collected before (a collect cut short): never asked again
            line = lines.get(key)
            if line is None:
                record.lost[key] = _not_answered(record)
                continue
            try:
                response = _response_of(line)
                value = _checked(response, ref, self.extractor, self.articles.get(ref.article_id))
            except _InvalidLine as e:
                invalid.append(_Invalid(key, ref, e.content, e.error))
            except BriefError as e:
                record.lost[key] = str(e)
            else:
                self.extractor.store(key, value, ref.article_id)
                report.cached += 1
        self._handle_invalid(record, invalid, report)

    def _cached(self, key: str, ref: RequestRef) -> bool:
        return self.extractor.is_cached(key, ref.first, ref.last)

    def _lines(self, record: BatchRecord) -> dict[str, dict[str, Any]]:
        """Output and error lines by custom_id (they come back in any order)."""
        lines: dict[str, dict[str, Any]] = {}
        for file_id in (record.error_file_id, record.output_file_id):
            if not file_id:
                continue
            for number, text in enumerate(self.api.content(file_id).splitlines(), start=1):
                if not text.strip():
                    continue
                try:
                    row = json.loads(text)
                    lines[str(row["custom_id"])] = row
                except (ValueError, KeyError, TypeError):
                    raise BatchError(
                        f"{record.id}: line {number} of file {file_id} is not a batch result"
                    ) from None
        return lines

    def _handle_invalid(
        self, record: BatchRecord, invalid: list[_Invalid], report: CollectReport
    ) -> None:
        again: list[PartRequest] = []
        for item in invalid:
            left = self.extractor.max_attempts - item.ref.attempt
            if left <= 0:
                record.lost[item.key] = (
                    f"the answer was still invalid after {item.ref.attempt} attempts: {item.error}"
                )
                continue
            try:
                part = self._continued(item)
            except BriefError as e:
                record.lost[item.key] = f"invalid answer ({item.error}); {e}"
                continue
            again.append(part)
        if again and self.invalid == "reask":
            self._reask_all(record, again, report)
        elif again:
            report.resubmitted += submit(
                again,
                model=record.model,
                prompt_version=record.prompt_version,
                mode=record.mode,
                api=self.api,
                state=self.state,
                state_path=self.state_path,
                limits=self.limits,
            )

    def _continued(self, item: _Invalid) -> PartRequest:
        """The invalid line's conversation with the answer and the re-ask appended."""
        article = self.articles.get(item.ref.article_id)
        if article is None:
            raise BatchError(
                f"cannot ask again: {item.ref.path} is not in the articles given to collect"
            )
        request, key = self.extractor.part_request(article, item.ref.first, item.ref.last)
        if key != item.key:
            raise BatchError(
                "cannot ask again: the request is not the one submitted "
                "(another model, prompt or --max-tokens?)"
            )
        reask = self.extractor.prompt.reask.format(error=item.error)
        turns = (
            *(dict(t) for t in item.ref.turns),
            {"role": "assistant", "content": item.content},
            {"role": "user", "content": reask},
        )
        return PartRequest(
            key, article, item.ref.first, item.ref.last, request, item.ref.attempt + 1, turns
        )

    def _reask_all(
        self, record: BatchRecord, parts: list[PartRequest], report: CollectReport
    ) -> None:
        """Ask again online, as many at once as an online run would."""
        workers = self.extractor.concurrency if self.extractor.model.concurrent else 1
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            outcomes = list(pool.map(self._reask, parts))
        # Records and the report are changed here, in one thread, not by the workers.
        for part, outcome in zip(parts, outcomes, strict=True):
            if isinstance(outcome, ModelError):
                if isinstance(outcome.usage, Usage):
                    report.usage += outcome.usage
                record.lost[part.key] = f"invalid answer, re-asked online: {outcome}"
            else:
                report.usage += outcome.usage
                report.reasked += 1
                self.extractor.store(part.key, outcome.value, part.article.id)

    def _reask(self, part: PartRequest) -> StructuredResult[BaseModel] | ModelError:
        try:
            return self.extractor.ask_part(
                part.request.with_messages(*part.turns),
                part.article,
                part.first,
                part.last,
                # The batch's answers count: at most max_attempts asks in all.
                max_attempts=self.extractor.max_attempts - part.attempt + 1,
            )
        except ModelError as e:
            return e


class _InvalidLine(Exception):
    """The model answered, but not with a valid extraction: it may be asked again."""

    def __init__(self, content: str, error: str) -> None:
        super().__init__(error)
        self.content = content
        self.error = error


def _response_of(line: dict[str, Any]) -> ChatResponse:
    """The chat response in one output line; BatchError for a failed line."""
    error = line.get("error")
    response = line.get("response") or {}
    status = response.get("status_code")
    body = response.get("body") or {}
    if error or status != 200:
        detail = error or body.get("error") or body
        message = detail.get("message") if isinstance(detail, dict) else None
        code = f"HTTP {status}" if status else "failed"
        text = message or json.dumps(detail)[:200]
        if status == 400 and any(w in text for w in ("response_format", "json_schema")):
            text += " (for a server without json_schema output: submit with --json-mode)"
        raise BatchError(f"the request failed ({code}): {text}")
    try:
        return response_from_completion(body)
    except ValueError as e:
        raise BatchError(f"the answer could not be read: {e}") from None


def _checked(
    response: ChatResponse, ref: RequestRef, extractor: Extractor, article: Article | None
) -> BaseModel:
    """The validated answer, with the same rules as an online answer (structured.py)."""
    if response.refusal:
        raise BatchError(f"the model refused: {response.refusal}")
    if response.finish_reason == "length":
        raise BatchError(
            f"the model's answer was cut off by the token limit after "
            f"{response.completion_tokens} tokens (raise --max-tokens)"
        )
    content = response.content or ""
    try:
        return extractor.check_answer(content, article, ref.first, ref.last)
    except ValueError as e:
        raise _InvalidLine(content, str(e)) from None


def _not_answered(record: BatchRecord) -> str:
    why = f"; {record.errors[0]}" if record.errors else ""
    return f"not answered: batch {record.id} {record.status}{why}"


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
        key = request_key(self.name, request)
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
    limits: Limits = Limits(),
    on_batch: Callable[[BatchRecord], None] | None = None,
    mode: StructuredMode = "json_schema",
) -> SubmitResult:
    """Read `paths` and submit every request not cached and not already in a batch."""
    corpus = read_corpus(paths)
    state = load_state(state_path)
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
    limits: Limits = Limits(),
) -> tuple[CollectRun, BatchState]:
    """Collect every finished batch in the state file into the cache."""
    state = load_state(state_path, must_exist=True)
    check_same_requests(state, extractor)
    corpus = read_corpus(corpus_paths(paths, state))
    collector = Collector(
        api, extractor, state, state_path, {a.id: a for a in corpus.articles}, invalid, limits
    )
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
    offline = dataclasses.replace(
        extractor, model=BatchResultsOnly(extractor.model.name, state), concurrency=1
    )
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
