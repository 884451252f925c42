"""The chat-model protocol every backend implements."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

from brief.models.keys import content_hash

Message = dict[str, str]

# Set on the first Ctrl-C (see `Extractor.extract_all`): from then on no request is sent,
# none is retried or re-asked, and an answer still trickling in is abandoned. Answers that
# already came back are still cached. One per process, as Ctrl-C is.
STOP = threading.Event()


class Interrupted(Exception):
    """A request not sent, or abandoned, because the run was interrupted."""


def check_not_stopped() -> None:
    if STOP.is_set():
        raise Interrupted("interrupted before the request was sent")


@dataclass(frozen=True)
class ChatRequest:
    """One chat-completion request, independent of the wire format of any server."""

    messages: tuple[Message, ...]
    prompt_version: str
    schema_name: str
    schema: dict[str, Any] | None = None
    max_tokens: int = 2048
    temperature: float = 0.0
    # llama.cpp's repetition penalty; 1.0 is none. Servers without it ignore it.
    repeat_penalty: float = 1.0
    # How to write the schema into the prompt for servers that cannot enforce it. It comes
    # from the prompt file, whose version is already in the key.
    schema_hint: str = field(default="{schema}", compare=False)
    # Shown in error messages (e.g. a replay miss); not part of the key.
    label: str = field(default="", compare=False)

    def with_messages(self, *extra: Message) -> ChatRequest:
        return ChatRequest(
            messages=self.messages + extra,
            prompt_version=self.prompt_version,
            schema_name=self.schema_name,
            schema=self.schema,
            max_tokens=self.max_tokens,
            temperature=self.temperature,
            repeat_penalty=self.repeat_penalty,
            schema_hint=self.schema_hint,
            label=self.label,
        )


@dataclass(frozen=True)
class ChatResponse:
    content: str | None
    finish_reason: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    refusal: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "finish_reason": self.finish_reason,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "refusal": self.refusal,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatResponse:
        return cls(
            content=data.get("content"),
            finish_reason=data.get("finish_reason", "stop"),
            prompt_tokens=int(data.get("prompt_tokens", 0)),
            completion_tokens=int(data.get("completion_tokens", 0)),
            refusal=data.get("refusal"),
        )


class ChatModel(Protocol):
    """Anything that answers a chat request. `name` identifies the model in every key.

    `concurrent` says whether `complete` may be called from several threads at once: true
    for a server (it queues or serves requests in parallel), false for an in-process model
    that computes one answer at a time.
    """

    name: str
    concurrent: bool

    def complete(self, request: ChatRequest) -> ChatResponse: ...


def request_key(model_name: str, request: ChatRequest) -> str:
    """The content hash that names a request's fixture and its cache entry."""
    return content_hash(
        {
            "model": model_name,
            "prompt_version": request.prompt_version,
            "messages": list(request.messages),
            "schema": request.schema,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "repeat_penalty": request.repeat_penalty,
        }
    )
