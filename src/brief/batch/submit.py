"""Planning and submitting batches: one JSONL line per article part not cached and not
already in a batch; checking on them and cancelling them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from brief.batch.state import BatchRecord, BatchState, RequestRef, save_state
from brief.errors import BatchError
from brief.extract import Extractor
from brief.models import ENDPOINT, BatchAPI, ChatRequest, StructuredMode, chat_completion_body
from brief.schema import Article

# The Batch API's limits on one input file (OpenAI: 50,000 requests, 200 MB). The byte limit
# is taken in decimal megabytes, which stays under the limit whichever unit the server means.
MAX_REQUESTS = 50_000
MAX_BYTES = 200_000_000

InvalidChoice = Literal["reask", "resubmit"]


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
            if extractor.method.silent_answer(article, first, last) is not None:
                continue  # nothing to ask: the part is read without a model
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


DEFAULT_LIMITS = Limits()


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
        record = BatchRecord(
            id=f"{CREATING}{file_id}",
            input_file_id=file_id,
            model=model,
            prompt_version=prompt_version,
            max_tokens=parts[0].request.max_tokens,
            mode=mode,
            created_at=time.time(),
            status="creating",
            requests={part.key: part.ref() for part, _ in chunk},
        )
        # Saved before the batch is asked for: if the run stops between the two, the next
        # submit finds the batch by its input file instead of paying for it again.
        state.batches.append(record)
        save_state(state, state_path)
        batch = api.create(file_id, {"tool": "brief", "prompt_version": prompt_version})
        record.id = batch.id
        record.created_at = float(batch.created_at or record.created_at)
        _update(record, batch)
        save_state(state, state_path)
        records.append(record)
        if on_batch is not None:
            on_batch(record)
    return records


# --------------------------------------------------------------------------- status


CREATING = "creating-"  # the id of a record whose batch was being created


def settle_creations(api: BatchAPI, state: BatchState, state_path: Path) -> None:
    """Records left "creating" by a run that stopped while it created their batch: the
    batch the server made from the input file, when it made one; else the record goes,
    and its requests may be submitted again."""
    unsettled = [r for r in state.batches if r.status == "creating"]
    for record in unsettled:
        batch = api.find_batch(record.input_file_id)
        if batch is None:
            state.batches.remove(record)
            continue
        record.id = batch.id
        _update(record, batch)
    if unsettled:
        save_state(state, state_path)


def refresh(api: BatchAPI, state: BatchState, state_path: Path) -> list[BatchRecord]:
    """Ask the server about every batch that may still change; the records, updated."""
    settle_creations(api, state, state_path)
    for record in state.batches:
        if not record.collected and not record.final:
            _update(record, api.retrieve(record.id))
    save_state(state, state_path)
    return state.batches


def cancel(
    api: BatchAPI, state: BatchState, state_path: Path, batch_ids: Sequence[str] = ()
) -> list[BatchRecord]:
    """Cancel the given batches, or every unfinished one. What was done is still collected."""
    settle_creations(api, state, state_path)
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
