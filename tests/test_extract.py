from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from brief.extract.extractor import Extractor, drop_unsupported_date, split_into_parts
from brief.extract.methods import extraction_schema
from brief.ingest.articles import article_from_text
from brief.models.asking import CachingModel
from brief.models.cache import ExtractionCache
from brief.models.prompts import load_extraction_prompt
from brief.schema import ExtractedEvent
from fakes import FakeChatModel, extraction

TEXT = "Pakistan called for calm. Iran agreed to talks. The talks were held in Islamabad."


def _extractor(model: FakeChatModel, cache: ExtractionCache | None, **kw: int) -> Extractor:
    return Extractor(model=CachingModel(model, cache), prompt=load_extraction_prompt(), **kw)


def test_second_run_makes_no_model_call_and_uses_a_real_sqlite_file(tmp_path: Path) -> None:
    article = article_from_text(TEXT, "a.txt")
    model = FakeChatModel().enqueue(extraction())
    with ExtractionCache(tmp_path) as cache:
        first = _extractor(model, cache).extract(article)
        second = _extractor(model, cache).extract(article)
    assert first.ok and first.usage.calls == 1 and first.cache_hits == 0
    assert second.ok and second.usage.calls == 0 and second.cache_hits == 1
    assert second.extraction == first.extraction
    rows = (
        sqlite3.connect(tmp_path / "cache.sqlite3")
        .execute("SELECT model, prompt_version, article_id FROM extractions")
        .fetchall()
    )
    assert rows == [("fake-model", load_extraction_prompt().version, article.id)]


def test_cache_entry_that_no_longer_validates_is_asked_again(tmp_path: Path) -> None:
    article = article_from_text(TEXT, "a.txt")
    model = FakeChatModel().enqueue(extraction()).enqueue(extraction())
    with ExtractionCache(tmp_path) as cache:
        _extractor(model, cache).extract(article)
        cache._db.execute("UPDATE extractions SET value = '{\"broken\": true}'")
        again = _extractor(model, cache).extract(article)
    assert again.ok and again.usage.calls == 1 and again.cache_hits == 0


def test_model_failure_becomes_a_reason_not_an_exception() -> None:
    article = article_from_text(TEXT, "a.txt")
    model = FakeChatModel()
    for _ in range(2):
        model.enqueue("nonsense", completion_tokens=5)
    outcome = _extractor(model, None, max_attempts=2).extract(article)
    assert not outcome.ok
    assert "invalid after 2 attempts" in (outcome.error or "")
    assert outcome.usage.calls == 2 and outcome.usage.completion_tokens == 10


def test_split_into_parts_keeps_whole_sentences_and_covers_all() -> None:
    sentences = tuple("x" * n for n in (40, 40, 40, 200, 10))
    parts = split_into_parts(sentences, max_chars=100)
    assert parts == [(1, 2), (3, 3), (4, 4), (5, 5)]
    assert split_into_parts(("short.",), 100) == [(1, 1)]


def test_long_article_is_sent_in_parts_with_real_sentence_numbers() -> None:
    sentences = [f"Sentence number {i} says that Pakistan wants calm." for i in range(1, 31)]
    article = article_from_text(" ".join(sentences), "long.txt")
    n = len(article.sentences)
    model = FakeChatModel()
    parts = split_into_parts(article.sentences, 600)
    for first, last in parts:
        answer = extraction()
        answer["positions"][0]["sentences"] = [first]
        answer["events"][0]["sentences"] = [last]
        model.enqueue(answer)
    outcome = _extractor(model, None, max_part_chars=600).extract(article)
    assert outcome.ok and outcome.parts == len(parts) > 1
    assert f"[{n}] " in model.history[-1].messages[-1]["content"]
    assert "[1] " not in model.history[-1].messages[-1]["content"]
    cited = sorted(p.sentences[0] for p in outcome.extraction.positions)
    assert cited == [first for first, _ in parts]


def test_citation_outside_the_part_shown_is_rejected() -> None:
    sentences = [f"Sentence {i} is about the talks between the two sides." for i in range(1, 21)]
    article = article_from_text(" ".join(sentences), "long.txt")
    model = FakeChatModel()
    bad = extraction()
    bad["positions"][0]["sentences"] = [20]  # not in the first part
    model.enqueue(bad)
    outcome = _extractor(model, None, max_part_chars=300, max_attempts=1).extract(article)
    assert not outcome.ok and "cites sentence(s) [20]" in (outcome.error or "")


def _event(date: str | None) -> ExtractedEvent:
    return ExtractedEvent(
        sentences=[1], what="talks", date=date, status="happened", category="talks"
    )


def test_event_dates_the_article_cannot_support_are_dropped() -> None:
    undated = article_from_text("Talks were held on Friday in 2020 after the strike.", "a.txt")
    assert drop_unsupported_date(_event("2020-01-10"), undated).date == "2020-01-10"
    assert drop_unsupported_date(_event("2021-09-15"), undated).date is None
    dated = undated.model_copy(update={"date": dt.date(2020, 1, 12)})
    assert drop_unsupported_date(_event("2020-01-10"), dated).date == "2020-01-10"
    assert drop_unsupported_date(_event("2020-01"), dated).date == "2020-01"
    assert drop_unsupported_date(_event("2020-09-15"), dated).date is None  # after the article
    assert drop_unsupported_date(_event("2015-01-01"), dated).date is None  # long before it
    assert drop_unsupported_date(_event(None), dated).date is None


def test_schema_sent_to_the_model_allows_only_the_sentences_it_was_shown() -> None:
    sentences = [f"Sentence {i} is about the talks between the two sides." for i in range(1, 21)]
    article = article_from_text(" ".join(sentences), "long.txt")
    model = FakeChatModel()
    for first, _ in split_into_parts(article.sentences, 300):
        answer = extraction()
        answer["positions"][0]["sentences"] = answer["events"][0]["sentences"] = [first]
        model.enqueue(answer)
    assert _extractor(model, None, max_part_chars=300).extract(article).ok
    first_part = model.history[0].schema["$defs"]
    last_part = model.history[-1].schema["$defs"]
    for name in ("ExtractedPosition", "ExtractedEvent"):
        assert first_part[name]["properties"]["sentences"]["items"]["enum"][0] == 1
        assert last_part[name]["properties"]["sentences"]["items"]["enum"][-1] == len(
            article.sentences
        )
    # The shared base schema is not changed by the per-request copies.
    base = extraction_schema()["$defs"]["ExtractedPosition"]["properties"]["sentences"]
    assert base["items"] == {"type": "integer"}


def test_an_article_too_long_to_read_whole_is_cut_with_a_warning_in_the_brief() -> None:
    from brief.pipeline import summarize_articles
    from brief.render import render_brief_markdown

    sentences = [f"Sentence {i} says that Pakistan wants calm on the border." for i in range(60)]
    article = article_from_text(" ".join(sentences), "huge.txt")
    model = FakeChatModel()
    for first, _ in split_into_parts(article.sentences, 300)[:3]:
        answer = extraction()
        answer["positions"][0]["sentences"] = answer["events"][0]["sentences"] = [first]
        model.enqueue(answer)
    extractor = _extractor(model, None, max_part_chars=300, max_parts=3)
    result = summarize_articles([article], extractor)
    assert len(model.extraction_requests) == 3  # not one call per part of the whole article
    [cut] = result.brief.read_in_part
    assert cut.path == "huge.txt" and f"of {len(article.sentences)} only" in cut.reason
    assert "## Read in part" in render_brief_markdown(result.brief)
