"""Asking a model for a short text answer (a gist, a bottom line) through the cache: the
one place outside the extractor that turns a request into an answer. A model failure of any
kind is an empty answer, so the caller keeps the article's own words."""

from __future__ import annotations

import re

from brief.cache import ExtractionCache
from brief.errors import BriefError
from brief.models.base import ChatModel, ChatRequest, request_key

_NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})\s*[.):]\s*(.+?)\s*$")


def parse_numbered_lines(content: str | None, count: int) -> dict[int, str]:
    """Lines "1. text" of a text answer, by number (1..count); other lines are ignored."""
    found: dict[int, str] = {}
    for line in (content or "").splitlines():
        match = _NUMBERED_LINE.match(line)
        if match and 1 <= int(match.group(1)) <= count:
            found.setdefault(int(match.group(1)), match.group(2).strip().strip('"“”'))
    return found


def ask_text(request: ChatRequest, model: ChatModel, cache: ExtractionCache | None) -> str:
    """The model's text answer, from the cache when it is there; "" when the model fails
    (the caller then keeps the article's own words)."""
    key = request_key(model.name, request)
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return cached
    try:
        content = model.complete(request).content or ""
    except BriefError:
        return ""  # no wording: the gists keep their quotes
    if cache is not None and content:
        cache.put(key, content, model=model.name, prompt_version=request.prompt_version,
                  article_id="")  # fmt: skip
    return content
