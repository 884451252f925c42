"""A fake chat model for unit tests: it answers from a queue and remembers every request."""

from __future__ import annotations

import json
from typing import Any

from brief.errors import ModelError
from brief.models.base import ChatRequest, ChatResponse

_PROSE = ("gists", "bottom_line")


class FakeChatModel:
    """Not a model: returns queued answers in order and records what it was asked."""

    concurrent = False  # the queue's order is the order of articles

    def __init__(self, name: str = "fake-model") -> None:
        self.name = name
        self.queue: list[ChatResponse] = []
        self.history: list[ChatRequest] = []

    def enqueue(
        self,
        content: str | dict[str, Any] | None,
        *,
        finish_reason: str = "stop",
        prompt_tokens: int = 100,
        completion_tokens: int = 50,
        refusal: str | None = None,
    ) -> FakeChatModel:
        text = json.dumps(content) if isinstance(content, dict) else content
        self.queue.append(
            ChatResponse(text, finish_reason, prompt_tokens, completion_tokens, refusal)
        )
        return self

    @property
    def extraction_requests(self) -> list[ChatRequest]:
        """What it was asked about articles (not the brief's own prose)."""
        return [r for r in self.history if r.schema_name not in _PROSE]

    def complete(self, request: ChatRequest) -> ChatResponse:
        self.history.append(request)
        if request.schema_name in ("gists", "bottom_line"):
            # The fake writes no prose: the brief keeps its quotes and its deterministic
            # bottom line, as after a model error.
            raise ModelError("FakeChatModel writes no prose")
        if not self.queue:
            raise AssertionError("FakeChatModel was asked more often than answers were queued")
        return self.queue.pop(0)


def extraction(n_sentences: int = 3, actor: str = "Pakistan") -> dict[str, Any]:
    """A valid extraction that cites sentences 1..n_sentences."""
    cited = list(range(1, min(n_sentences, 3) + 1))
    return {
        "actors": [{"name": actor, "kind": "state", "country": actor, "role": None}],
        "positions": [
            {
                "actor": actor,
                "sentences": cited[:1],
                "says": f"{actor} calls for calm.",
                "stance": "calls_for_restraint",
                "toward": None,
            }
        ],
        "events": [
            {
                "sentences": cited[-1:],
                "what": "talks held",
                "actor": actor,
                "target": None,
                "when": None,
                "date": None,
                "status": "happened",
                "category": "talks",
            }
        ],
    }
