"""Collecting finished batches into the cache, re-asking or resubmitting invalid answers."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from brief.batch.state import BatchRecord, BatchState, RequestRef, save_state
from brief.batch.submit import InvalidChoice, Limits, PartRequest, refresh, submit
from brief.errors import BatchError, BriefError, ModelError
from brief.extract import Extractor, StructuredResult, Usage
from brief.models import BatchAPI, ChatResponse, response_from_completion
from brief.schema import Article

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
    # Lines of an output file that are no batch result: skipped, each said.
    bad_lines: list[str] = field(default_factory=list)

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
        lines = self._lines(record, report)
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

    def _lines(self, record: BatchRecord, report: CollectReport) -> dict[str, dict[str, Any]]:
        """Output and error lines by custom_id (they come back in any order). A line that
        is no batch result costs itself alone: the good ones are kept, the bad one said
        (its request, with no line, is lost and can be submitted again)."""
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
                    report.bad_lines.append(
                        f"{record.id}: line {number} of file {file_id} is not a batch result"
                    )
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
