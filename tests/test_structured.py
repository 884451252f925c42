from __future__ import annotations

import pytest

from brief.errors import InvalidOutputError, OutputTruncatedError, RefusalError
from brief.extract.structured import ask_structured, strip_json_fences
from brief.models.base import ChatRequest
from brief.schema import ArticleExtraction
from fakes import FakeChatModel, extraction

REASK = "Invalid: {error}"
CONTEXT = {"first_sentence": 1, "last_sentence": 3}


def _request() -> ChatRequest:
    return ChatRequest(
        messages=({"role": "system", "content": "sys"}, {"role": "user", "content": "article"}),
        prompt_version="test-v1",
        schema_name="article_extraction",
        schema={"type": "object"},
        max_tokens=500,
    )


def _ask(model: FakeChatModel, attempts: int = 3):
    return ask_structured(
        model,
        _request(),
        ArticleExtraction,
        reask_template=REASK,
        context=CONTEXT,
        max_attempts=attempts,
    )


def test_valid_answer_is_accepted_first_time() -> None:
    model = FakeChatModel().enqueue(extraction())
    result = _ask(model)
    assert result.attempts == 1
    assert result.value.actors[0].name == "Pakistan"
    assert (result.usage.calls, result.usage.prompt_tokens, result.usage.completion_tokens) == (
        1,
        100,
        50,
    )


def test_broken_json_is_reasked_with_the_error_and_tokens_of_every_attempt_count() -> None:
    model = FakeChatModel().enqueue('{"actors": [', completion_tokens=7).enqueue(extraction())
    result = _ask(model)
    assert result.attempts == 2
    assert result.usage.calls == 2
    assert result.usage.completion_tokens == 57
    follow_up = model.history[1].messages
    assert follow_up[-2] == {"role": "assistant", "content": '{"actors": ['}
    assert follow_up[-1]["content"].startswith("Invalid: not valid JSON")


def test_citation_of_a_missing_sentence_is_a_validation_error_and_reasked() -> None:
    bad = extraction()
    bad["positions"][0]["sentences"] = [9]
    model = FakeChatModel().enqueue(bad).enqueue(extraction())
    result = _ask(model)
    assert result.attempts == 2
    assert "cites sentence(s) [9]" in model.history[1].messages[-1]["content"]


def test_attempts_are_bounded_and_the_error_carries_what_was_spent() -> None:
    model = FakeChatModel()
    for _ in range(3):
        model.enqueue("not json at all")
    with pytest.raises(InvalidOutputError) as info:
        _ask(model, attempts=3)
    assert info.value.n_attempts == 3
    assert info.value.usage.calls == 3
    assert info.value.last_content == "not json at all"
    assert not model.queue and len(model.history) == 3


def test_cut_off_answer_is_reported_as_truncation_not_as_bad_json() -> None:
    model = FakeChatModel().enqueue('{"actors": [{"na', finish_reason="length")
    model.enqueue(extraction())  # must not be used: re-asking would be cut off the same way
    with pytest.raises(OutputTruncatedError) as info:
        _ask(model)
    assert "token limit" in str(info.value)
    assert len(model.history) == 1


def test_an_answer_cut_at_the_limit_whose_json_is_whole_and_valid_is_used() -> None:
    model = FakeChatModel().enqueue(extraction(), finish_reason="length")
    model.enqueue(extraction())  # must not be asked for: the first answer was good
    result = _ask(model)
    assert result.value is not None
    assert len(model.history) == 1 and len(model.queue) == 1


def test_refusal_is_reported() -> None:
    model = FakeChatModel().enqueue(None, refusal="I can't help with that")
    with pytest.raises(RefusalError, match="refused"):
        _ask(model)


def test_schema_violation_extra_field_is_rejected() -> None:
    bad = extraction()
    bad["actors"][0]["nickname"] = "PK"
    model = FakeChatModel().enqueue(bad).enqueue(extraction())
    assert _ask(model).attempts == 2
    assert "nickname" in model.history[1].messages[-1]["content"]


def test_fenced_json_is_unwrapped() -> None:
    assert strip_json_fences('```json\n{"a": 1}\n```') == '{"a": 1}'
    assert strip_json_fences('{"a": 1}') == '{"a": 1}'
