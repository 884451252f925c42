"""The by-sentence method: its schema, its validation, and how a reading becomes an
extraction. The model here is a fake that returns queued answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brief.extract.by_sentence import (
    ArticleReading,
    event_status,
    named_act,
    offer,
    reading_schema,
    sentence_key,
    shorten,
    to_extraction,
)
from brief.extract.extractor import Extractor
from brief.extract.structured import parse_answer
from brief.ingest.articles import article_from_text
from brief.models.asking import CachingModel
from brief.models.cache import ExtractionCache
from brief.models.prompts import load_extraction_prompt
from brief.schema import Article
from fakes import FakeChatModel

TEXT = (
    "Iranian Foreign Minister Mohammad Javad Zarif met Pakistani leaders on Friday. "
    "Officials gave no details. "
    "Zarif called for restraint on all sides. "
    "He said Iran will host talks next month."
)
ARTICLE = article_from_text(TEXT, "zarif.txt")
KEYS = [sentence_key(ARTICLE, n) for n in range(1, 5)]


def reading(*items: dict[str, str] | None) -> dict[str, Any]:
    return dict(zip(KEYS, items, strict=True))


def test_keys_start_with_the_sentence_and_offer_its_persons_over_its_states() -> None:
    assert KEYS[0] == "1 Iranian Foreign Minister Mohammad"
    offered = offer(ARTICLE, 1, 4)
    assert offered[KEYS[0]] == ["Mohammad Javad Zarif"]
    assert offered[KEYS[1]] == ["Mohammad Javad Zarif"]  # the person of the sentence before
    assert offered[KEYS[3]] == ["Iran", "Mohammad Javad Zarif"]


def test_schema_lists_every_sentence_in_order_and_forces_null_without_names() -> None:
    lone = article_from_text("Nothing named here. Zarif spoke.", "lone.txt")
    schema = reading_schema(lone, 1, 2)
    assert list(schema["properties"]) == schema["required"]
    assert schema["properties"]["1 Nothing named here"] == {"type": "null"}
    full = reading_schema(ARTICLE, 1, 4)
    says = full["properties"][KEYS[2]]["anyOf"][1]
    assert says["properties"]["who"] == {"enum": ["Mohammad Javad Zarif"]}
    assert "calls_for_restraint" in says["properties"]["says"]["enum"]


def check(answer: dict[str, Any], article: Article = ARTICLE) -> ArticleReading:
    """The answer validated against every sentence of `article`, as the extractor does."""
    keys = offer(article, 1, len(article.sentences))
    value = parse_answer(json.dumps(answer), ArticleReading, {"keys": keys})
    assert isinstance(value, ArticleReading)
    return value


def test_a_name_not_offered_for_the_sentence_is_invalid() -> None:
    with pytest.raises(ValueError, match="who must be one of: Mohammad Javad Zarif"):
        check(reading(None, {"who": "Pakistan", "says": "supports"}, None, None))


def test_a_missing_sentence_is_invalid() -> None:
    answer = reading(None, None, None, None)
    del answer[KEYS[3]]
    with pytest.raises(ValueError, match="answer every sentence key exactly once"):
        check(answer)


def test_a_reading_becomes_claims_citing_their_own_sentences() -> None:
    value = check(reading(
        {"who": "Mohammad Javad Zarif", "did": "talks"},
        None,
        {"who": "Mohammad Javad Zarif", "says": "calls_for_restraint"},
        {"who": "Iran", "did": "statement"},
    ))  # fmt: skip
    extraction = to_extraction(value, ARTICLE, 1, 4)
    assert [(p.actor, p.sentences, p.stance) for p in extraction.positions] == [
        ("Mohammad Javad Zarif", [3], "calls_for_restraint"),
        ("Iran", [4], "neutral"),  # a statement is something said: a position
    ]
    assert extraction.positions[0].says == ARTICLE.sentence(3)
    [event] = extraction.events
    assert (event.sentences, event.category, event.status) == ([1], "talks", "happened")
    assert [a.name for a in extraction.actors] == ["Iran", "Mohammad Javad Zarif", "Pakistan"]


def test_organisations_are_actors_only_when_they_speak_or_act() -> None:
    article = article_from_text(
        "The National Press Club hosted Imran Khan. The Foreign Office said talks went well.",
        "org.txt",
    )
    keys = [sentence_key(article, n) for n in (1, 2)]
    answer = {keys[0]: None, keys[1]: {"who": "Foreign Office", "says": "supports"}}
    value = check(answer, article)
    names = [a.name for a in to_extraction(value, article, 1, 2).actors]
    assert names == ["Imran Khan", "Foreign Office"]


def test_a_view_in_a_sentence_that_names_a_strike_also_yields_the_strike() -> None:
    article = article_from_text(
        "Islamabad said on Thursday it had launched air strikes on insurgents in Iran. "
        "Fears of conflict grew after the tit-for-tat airstrikes. "
        "Pakistan called for calm.",
        "strikes.txt",
    )
    keys = [sentence_key(article, n) for n in (1, 2, 3)]
    assert offer(article, 1, 3)[keys[1]] == []  # no name in sentence 2: nothing to pick
    answer = {
        keys[0]: {"who": "Pakistan", "says": "calls_for_restraint"},
        keys[1]: None,
        keys[2]: {"who": "Pakistan", "says": "calls_for_restraint"},
    }
    value = check(answer, article)
    extraction = to_extraction(value, article, 1, 3)
    assert [p.sentences for p in extraction.positions] == [[1], [3]]  # the views stay
    [event] = extraction.events
    assert (event.sentences, event.category, event.actor) == ([1], "strike", "Pakistan")


def test_a_named_act_has_no_actor_the_sentence_does_not_name() -> None:
    article = article_from_text(
        "Foreign Minister Jalil Abbas Jilani spoke to his Iranian counterpart. "
        "Fears of conflict grew after tit-for-tat airstrikes on each other's territory.",
        "jilani.txt",
    )
    keys = [sentence_key(article, n) for n in (1, 2)]
    answer = {keys[0]: None, keys[1]: {"who": "Jalil Abbas Jilani", "says": "warns_or_threatens"}}
    value = check(answer, article)
    [event] = to_extraction(value, article, 1, 2).events
    assert (event.category, event.actor) == ("strike", None)


@pytest.mark.parametrize(
    ("sentence", "act"),
    [
        ("Tehran struck alleged terrorist targets inside Pakistan.", "strike"),
        ("Soleimani was killed in a US drone strike in Baghdad.", "strike"),
        ("Iran launched missile attacks on US-led forces in Iraq.", "strike"),
        ("Gunmen carried out an attack on a mosque in Peshawar.", "attack"),
        ("Washington imposed sanctions on the ministry.", "sanction"),
        ("The ministers discussed trade and the weather.", None),
        ("Workers went on strike over pay.", None),
    ],
)
def test_named_acts(sentence: str, act: str | None) -> None:
    assert named_act(sentence) == act


def test_event_status_and_shortening() -> None:
    assert event_status("Iran will host talks next month.") == "planned"
    assert event_status("China announced a plan.") == "announced"
    assert event_status("Troops crossed the border.") == "happened"
    long = "word " * 100
    assert len(shorten(long, 50)) <= 50 and shorten(long, 50).endswith("…")


def test_extractor_caches_the_reading_and_serves_it_again(tmp_path: Path) -> None:
    prompt = load_extraction_prompt("extract.v3")
    says = {"who": "Mohammad Javad Zarif", "says": "calls_for_restraint"}
    model = FakeChatModel().enqueue(reading(None, None, says, None))
    with ExtractionCache(tmp_path) as cache:
        first = Extractor(CachingModel(model, cache), prompt).extract(ARTICLE)
        again = Extractor(CachingModel(model, cache), prompt).extract(ARTICLE)
    assert first.ok and again.ok and again.cache_hits == 1 and len(model.history) == 1
    assert first.extraction == again.extraction
    assert model.history[0].schema_name == "article_reading"
    assert first.extraction is not None and first.extraction.positions[0].sentences == [3]


def test_an_invalid_reading_is_asked_again_with_the_reason() -> None:
    prompt = load_extraction_prompt("extract.v3")
    model = FakeChatModel()
    model.enqueue(reading(None, {"who": "Pakistan", "says": "supports"}, None, None))
    model.enqueue(reading(None, None, None, None))
    outcome = Extractor(model, prompt).extract(ARTICLE)
    assert outcome.ok and outcome.usage.calls == 2
    assert "who must be one of" in model.history[1].messages[-1]["content"]
