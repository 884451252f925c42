"""The extraction methods: how a part of an article is asked for, validated and turned into
an `ArticleExtraction`. Named by the prompt file's `method`."""

from __future__ import annotations

import copy
from functools import cache, lru_cache
from typing import Any, Protocol, TypedDict, cast

from pydantic import BaseModel

from brief.errors import ConfigError
from brief.extract.attributed import (
    SpeechReading,
    speech_offer,
    speech_schema,
    speech_sentences,
    stance_offer,
)
from brief.extract.attributed import to_extraction as speech_to_extraction
from brief.extract.attribution_check import check_attribution
from brief.extract.by_sentence import ArticleReading, offer, reading_schema
from brief.extract.by_sentence import to_extraction as reading_to_extraction
from brief.models import ExtractionPrompt
from brief.schema import Article, ArticleExtraction

SCHEMA_NAME = "article_extraction"


@cache
def extraction_schema() -> dict[str, Any]:
    """The JSON Schema sent to the model: pydantic's, without the noise of titles."""
    schema: dict[str, Any] = _drop_titles(ArticleExtraction.model_json_schema())
    return schema


@lru_cache(maxsize=1024)  # a copy per request was a fiftieth of brief's own CPU per article
def schema_for_sentences(first: int, last: int) -> dict[str, Any]:
    """The extraction schema with citations limited to sentences first..last (shared
    between requests: read it, never change it).

    llama.cpp turns the enum into grammar, so the embedded model cannot cite a sentence it
    was not shown (a 1.5B model otherwise invents numbers past the end and fails every
    re-ask). Servers that ignore schemas are still held to it by validation.
    """
    schema = copy.deepcopy(extraction_schema())
    allowed = list(range(first, last + 1))
    for name in ("ExtractedPosition", "ExtractedEvent"):
        schema["$defs"][name]["properties"]["sentences"]["items"] = {
            "type": "integer",
            "enum": allowed,
        }
    return schema


def _drop_titles(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_titles(v) for k, v in node.items() if k != "title"}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


class PartContext(TypedDict, total=False):
    """What validation is told about the part an answer is for (pydantic's `context`):
    the sentence numbers shown, and the speakers and stances each key was offered."""

    first_sentence: int
    last_sentence: int
    keys: dict[str, list[str]]
    stances: dict[str, list[str]]


class Method(Protocol):
    """How a part of an article is asked for, validated and turned into an extraction."""

    schema_name: str
    output_type: type[BaseModel]

    def schema(self, article: Article, first: int, last: int) -> dict[str, Any]: ...

    def context(self, article: Article | None, first: int, last: int) -> PartContext:
        """The validation context; without the article, only what the numbers decide."""
        ...

    def to_extraction(
        self, answer: BaseModel, article: Article, first: int, last: int
    ) -> ArticleExtraction: ...

    def shown(self, article: Article, first: int, last: int) -> str:
        """The part's sentences as the model reads them."""
        ...

    def silent_answer(self, article: Article, first: int, last: int) -> BaseModel | None:
        """The answer when the method needs no model for this part, else None."""
        ...


def numbered(article: Article, first: int, last: int) -> str:
    return "\n".join(f"[{n}] {article.sentence(n)}" for n in range(first, last + 1))


class _AsksEveryPart:
    def shown(self, article: Article, first: int, last: int) -> str:
        return numbered(article, first, last)

    def silent_answer(self, article: Article, first: int, last: int) -> BaseModel | None:
        return None


class WholeArticleMethod(_AsksEveryPart):
    """One answer lists the article's actors, positions and events, citing sentences."""

    schema_name = SCHEMA_NAME
    output_type: type[BaseModel] = ArticleExtraction

    def schema(self, article: Article, first: int, last: int) -> dict[str, Any]:
        return schema_for_sentences(first, last)

    def context(self, article: Article | None, first: int, last: int) -> PartContext:
        return part_context(first, last)

    def to_extraction(
        self, answer: BaseModel, article: Article, first: int, last: int
    ) -> ArticleExtraction:
        # The model wrote its own claims: who says and does what is held to the parse.
        return check_attribution(cast(ArticleExtraction, answer), article)


class BySentenceMethod(_AsksEveryPart):
    """The model reads each sentence in turn (see `brief.extract.by_sentence`)."""

    schema_name = "article_reading"
    output_type: type[BaseModel] = ArticleReading

    def schema(self, article: Article, first: int, last: int) -> dict[str, Any]:
        return reading_schema(article, first, last)

    def context(self, article: Article | None, first: int, last: int) -> PartContext:
        return {} if article is None else {"keys": offer(article, first, last)}

    def to_extraction(
        self, answer: BaseModel, article: Article, first: int, last: int
    ) -> ArticleExtraction:
        return reading_to_extraction(cast(ArticleReading, answer), article, first, last)


class AttributedMethod:
    """The parse decides who speaks and acts; the model judges stances
    (see `brief.extract.attributed`)."""

    schema_name = "speech_reading"
    output_type: type[BaseModel] = SpeechReading

    def schema(self, article: Article, first: int, last: int) -> dict[str, Any]:
        return speech_schema(article, first, last)

    def context(self, article: Article | None, first: int, last: int) -> PartContext:
        if article is None:
            return {}
        return {
            "keys": speech_offer(article, first, last),
            "stances": stance_offer(article, first, last),
        }

    def to_extraction(
        self, answer: BaseModel, article: Article, first: int, last: int
    ) -> ArticleExtraction:
        return speech_to_extraction(cast(SpeechReading, answer), article, first, last)

    def shown(self, article: Article, first: int, last: int) -> str:
        return speech_sentences(article, first, last)

    def silent_answer(self, article: Article, first: int, last: int) -> BaseModel | None:
        # No reported speech: nothing to judge, and the acts are the parse's.
        return None if speech_offer(article, first, last) else SpeechReading({})


_METHODS: dict[str, Method] = {
    "whole_article": WholeArticleMethod(),
    "by_sentence": BySentenceMethod(),
    "attributed": AttributedMethod(),
}


def method_for(prompt: ExtractionPrompt) -> Method:
    try:
        return _METHODS[prompt.method]
    except KeyError:
        known = ", ".join(_METHODS)
        raise ConfigError(
            f"prompt {prompt.version!r} names an unknown method {prompt.method!r}",
            hint=f"use one of: {known}",
        ) from None


def part_context(first: int, last: int) -> PartContext:
    """The validation context of a part: the sentence numbers the model was shown."""
    return {"first_sentence": first, "last_sentence": last}
