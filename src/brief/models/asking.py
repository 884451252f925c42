"""A chat model that keeps its answers: the one place a request becomes a key and an answer
goes to or comes from the cache. Callers ask it; none of them touches keys or the cache.

It wraps a model as an httpx client wraps a transport: it is itself a `ChatModel`, so the
extractor's re-asking, the batch workflow and the recording wrapper see no difference.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from brief.errors import BriefError
from brief.models.base import ChatModel, ChatRequest, ChatResponse, request_key
from brief.models.cache import ExtractionCache
from brief.models.keys import content_hash

_NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})\s*[.):]\s*(.+?)\s*$")


@dataclass
class CachingModel:
    """`model`, with what it answers kept in `cache` (none: nothing is kept).

    What is kept is the caller's choice: the extractor keeps an answer only once it has
    validated, so a cached entry never needs the model's re-asking again.
    """

    model: ChatModel
    cache: ExtractionCache | None = None
    name: str = field(init=False)
    concurrent: bool = field(init=False)

    def __post_init__(self) -> None:
        self.name, self.concurrent = self.model.name, self.model.concurrent

    def complete(self, request: ChatRequest) -> ChatResponse:
        return self.model.complete(request)

    def around(self, model: ChatModel) -> CachingModel:
        """Another model keeping its answers in this one's cache."""
        return CachingModel(model, self.cache)

    def key_of(self, value: object) -> str:
        """The content key of anything this model produces from `value` (a summary of an
        article under given settings): equal keys, equal results."""
        return content_hash({"model": self.model.name, "of": value})

    def key(self, request: ChatRequest) -> str:
        """The request's content key: its cache entry, its fixture, a batch's custom_id."""
        return request_key(self.model.name, request)

    def recall(self, key: str) -> str | None:
        """The answer kept under `key` (see `key`), if any."""
        return self.cache.get(key) if self.cache is not None else None

    def keep(self, key: str, answer: str, *, prompt_version: str, article_id: str = "") -> None:
        if self.cache is not None:
            self.cache.put(
                key, answer, model=self.model.name, prompt_version=prompt_version,
                article_id=article_id,
            )  # fmt: skip

    def text(self, request: ChatRequest) -> str:
        """The model's text answer, kept or asked; "" when the model fails (the caller
        then keeps the article's own words)."""
        key = self.key(request)
        kept = self.recall(key)
        if kept is not None:
            return kept
        try:
            content = self.model.complete(request).content or ""
        except BriefError:
            return ""  # no wording: the gists keep their quotes
        if content:
            self.keep(key, content, prompt_version=request.prompt_version)
        return content

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def caching(model: ChatModel) -> CachingModel:
    """`model` as a `CachingModel` (one that keeps nothing, when it was not one)."""
    return model if isinstance(model, CachingModel) else CachingModel(model)


def ask_text(request: ChatRequest, model: ChatModel) -> str:
    """`model`'s text answer to `request`, through its cache when it has one."""
    return caching(model).text(request)


def parse_numbered_lines(content: str | None, count: int) -> dict[int, str]:
    """Lines "1. text" of a text answer, by number (1..count); other lines are ignored."""
    found: dict[int, str] = {}
    for line in (content or "").splitlines():
        match = _NUMBERED_LINE.match(line)
        if match and 1 <= int(match.group(1)) <= count:
            found.setdefault(int(match.group(1)), match.group(2).strip().strip('"“”'))
    return found


def parse_yes_no(content: str | None) -> bool | None:
    """A constrained yes/no answer ({"supported": "yes"}, or a bare "yes"/"no"); None when
    it is neither, which a caller reads as no answer."""
    text = (content or "").strip()
    try:
        value = json.loads(text).get("supported") if text.startswith("{") else text
    except (ValueError, AttributeError):
        return None
    word = str(value).strip().strip(".").casefold()
    return True if word == "yes" else False if word == "no" else None
