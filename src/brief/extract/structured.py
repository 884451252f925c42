"""Ask → validate → re-ask. The only place that parses model output.

Every attempt's tokens are counted, whether the attempt succeeds or not. Transport failures
(HTTP errors, timeouts) are retried by the backend, not here: this loop only re-asks when the
model answered with something that does not validate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception, stop_after_attempt

from brief.errors import (
    InvalidOutputError,
    OutputTruncatedError,
    RefusalError,
    describe_validation_error,
)
from brief.models import STOP, ChatModel, ChatRequest, ChatResponse

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


@dataclass
class Usage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, response: ChatResponse) -> None:
        self.calls += 1
        self.prompt_tokens += response.prompt_tokens
        self.completion_tokens += response.completion_tokens

    def __iadd__(self, other: Usage) -> Usage:
        self.calls += other.calls
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        return self


@dataclass
class StructuredResult(Generic[T]):
    value: T
    attempts: int
    usage: Usage = field(default_factory=Usage)


class _InvalidAnswer(Exception):
    """One attempt's answer did not validate."""

    def __init__(self, error: str, content: str) -> None:
        super().__init__(error)
        self.error = error
        self.content = content


def strip_json_fences(content: str) -> str:
    """Some servers wrap JSON in a Markdown code fence even in JSON mode."""
    match = _FENCE.match(content)
    return match.group(1) if match else content.strip()


def parse_answer(content: str, output_type: type[T], context: Mapping[str, object] | None) -> T:
    """Validate one answer. Raises ValueError with a short description when it is invalid."""
    text = strip_json_fences(content)
    try:
        return output_type.model_validate_json(text, context=context)
    except ValidationError as e:
        if any(item["type"] == "json_invalid" for item in e.errors()):
            raise ValueError(f"not valid JSON: {_json_error(text)}") from e
        raise ValueError(describe_validation_error(e)) from e


def _json_error(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return f"{e.msg} at line {e.lineno} column {e.colno}"
    return "unexpected content"


@dataclass
class _Conversation:
    request: ChatRequest
    attempts: int = 0


def ask_structured(
    model: ChatModel,
    request: ChatRequest,
    output_type: type[T],
    *,
    reask_template: str,
    context: Mapping[str, object] | None = None,
    max_attempts: int = 3,
) -> StructuredResult[T]:
    """Ask until the answer validates as `output_type`, at most `max_attempts` times.

    Raises InvalidOutputError when attempts run out, OutputTruncatedError when the answer
    was cut off by the token limit, RefusalError on a refusal; each carries `usage`.
    """
    usage = Usage()
    conversation = _Conversation(request)

    def attempt() -> T:
        current = conversation.request
        conversation.attempts += 1
        response = model.complete(current)
        usage.add(response)
        if response.refusal:
            raise RefusalError(f"the model refused: {response.refusal}")
        content = response.content or ""
        try:
            # An answer cut at the token limit is still used when what came is whole and
            # valid: it is paid for, and nothing was lost.
            return parse_answer(content, output_type, context)
        except ValueError as e:
            if response.finish_reason == "length":
                # Re-asking would be cut off the same way: report it as what it is.
                raise OutputTruncatedError(current.max_tokens, response.completion_tokens) from e
            conversation.request = current.with_messages(
                {"role": "assistant", "content": content},
                {"role": "user", "content": reask_template.format(error=str(e))},
            )
            raise _InvalidAnswer(str(e), content) from e

    retrying = Retrying(
        stop=stop_after_attempt(max_attempts),
        # No re-ask after Ctrl-C: the invalid answer stands as this article's failure.
        retry=retry_if_exception(lambda e: isinstance(e, _InvalidAnswer) and not STOP.is_set()),
        reraise=True,
    )
    try:
        value = retrying(attempt)
    except _InvalidAnswer as e:
        raise InvalidOutputError(
            f"the answer was still invalid after {conversation.attempts} attempts: {e.error}",
            last_content=e.content,
            n_attempts=conversation.attempts,
            usage=usage,
        ) from e
    except (OutputTruncatedError, RefusalError) as e:
        e.usage = usage
        raise
    return StructuredResult(value=value, attempts=conversation.attempts, usage=usage)
