"""A run cut short keeps every finished article; the same run again asks only for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.cache import ExtractionCache
from brief.extract.extractor import Extractor
from brief.extract.prompts import load_extraction_prompt
from brief.ingest.articles import article_from_text
from brief.models.base import ChatRequest, ChatResponse
from brief.pipeline import summarize_articles
from fakes import FakeChatModel, extraction


class InterruptingFakeModel(FakeChatModel):
    """A fake that is 'interrupted' (Ctrl-C) on its n-th request."""

    def __init__(self, interrupt_on: int) -> None:
        super().__init__()
        self.interrupt_on = interrupt_on

    def complete(self, request: ChatRequest) -> ChatResponse:
        if len(self.history) + 1 == self.interrupt_on:
            self.history.append(request)
            raise KeyboardInterrupt
        return super().complete(request)


def test_interrupted_run_resumes_without_asking_twice(tmp_path: Path) -> None:
    articles = [
        article_from_text(f"Story {i}: Pakistan called for calm. Talks were held.", f"{i}.txt")
        for i in range(3)
    ]
    first_model = InterruptingFakeModel(interrupt_on=3)
    first_model.enqueue(extraction(2)).enqueue(extraction(2))
    with ExtractionCache(tmp_path) as cache, pytest.raises(KeyboardInterrupt):
        summarize_articles(articles, Extractor(first_model, load_extraction_prompt(), cache))

    second_model = FakeChatModel().enqueue(extraction(2))
    with ExtractionCache(tmp_path) as cache:
        result = summarize_articles(
            articles, Extractor(second_model, load_extraction_prompt(), cache)
        )
    assert len(second_model.extraction_requests) == 1  # only the article that was cut off
    assert "Story 2" in second_model.extraction_requests[0].messages[-1]["content"]
    assert result.stats.cache_hits == 2 and result.stats.model_calls == 1
    assert len(result.brief.sources) == 3
