"""Choice decoding (models/choices.py): which schemas it takes, and what it writes, on a fake
token model whose preferences are known."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import pytest

from brief.extract.by_sentence import ArticleReading, offer, reading_schema
from brief.extract.methods import schema_for_sentences
from brief.models.choices import MAX_CHOICES, choice_plan, decode, json_texts
from brief.schema import Article


class FakeTokenModel:
    """Not a model: one token per character, and a logit per character from `likes`.

    It records each batch it is fed, so a test can see which tokens were decided and which
    were fed in bulk.
    """

    def __init__(self, likes: Callable[[str, str], float]) -> None:
        self.likes = likes  # (text so far, next character) -> logit
        self.fed: list[list[int]] = []

    def tokenize(self, text: str) -> list[int]:
        return [ord(c) for c in text]

    def detokenize(self, tokens: Sequence[int]) -> str:
        return "".join(chr(t) for t in tokens)

    def logits_after(self, tokens: Sequence[int]) -> Callable[[int], float]:
        self.fed.append(list(tokens))
        so_far = "".join(chr(t) for batch in self.fed for t in batch)
        return lambda token: self.likes(so_far, chr(token))


def _closed(properties: dict[str, object]) -> dict[str, object]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def test_json_texts_enumerates_nulls_enums_and_closed_objects() -> None:
    schema = {
        "anyOf": [
            {"type": "null"},
            _closed({"who": {"enum": ["Iran", "Pakistan"]}, "says": {"enum": ["yes", "no"]}}),
        ]
    }
    texts = json_texts(schema)
    assert texts is not None
    assert texts[0] == "null"
    assert '{"who": "Pakistan", "says": "no"}' in texts
    assert len(texts) == 5
    assert all(json.loads(t) is None or set(json.loads(t)) == {"who", "says"} for t in texts)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string"},  # free text is never a short list
        {"type": "integer"},
        {"enum": [1, 2, 3]},  # "1" would be a prefix of "12"
        {"type": "object", "properties": {"a": {"type": "null"}}},  # not closed
        _closed({f"k{i}": {"enum": list(range(10, 20))} for i in range(4)}),  # numbers
        _closed({f"k{i}": {"enum": [f"v{j}" for j in range(10)]} for i in range(4)}),  # 10^4
    ],
)
def test_json_texts_refuses_what_is_unbounded_or_too_many(schema: dict[str, object]) -> None:
    assert json_texts(schema) is None


def test_the_cap_is_on_alternatives_per_value() -> None:
    exactly = {"enum": [f"v{j}" for j in range(MAX_CHOICES)]}
    assert json_texts(exactly) is not None
    assert json_texts({"enum": [f"v{j}" for j in range(MAX_CHOICES + 1)]}) is None


def test_a_reading_schema_is_planned_and_the_whole_article_schema_is_not() -> None:
    article = Article(
        id="a", path="a.txt", title="t", text="", date=None,
        sentences=("The weather was mild.",
                   "Pakistan's Foreign Minister Shah Mahmood Qureshi urged restraint."),
    )  # fmt: skip
    plan = choice_plan(reading_schema(article, 1, 2))
    assert plan is not None
    assert plan.keys == tuple(offer(article, 1, 2))
    assert plan.values[0] == ("null",)  # no name in sentence 1: nothing to choose
    assert '{"who": "Shah Mahmood Qureshi", "says": "supports"}' in plan.values[1]
    assert choice_plan(schema_for_sentences(1, 2)) is None  # whole article: free text
    assert choice_plan(None) is None


def _schema() -> dict[str, object]:
    value = {
        "anyOf": [
            {"type": "null"},
            _closed({"who": {"enum": ["Iran", "Iraq"]}, "says": {"enum": ["calm", "war"]}}),
        ]
    }
    return _closed({"1 first": value, "2 second": {"type": "null"}, "3 third": value})


def test_decode_follows_the_models_preferences_and_writes_valid_json() -> None:
    def likes(so_far: str, char: str) -> float:
        # Sentence 1: Iraq says war; sentence 3: null.
        if so_far.count('"1 first":') and not so_far.count('"3 third":'):
            return {"{": 2.0, "q": 1.0, "w": 1.0}.get(char, 0.0)
        return {"n": 3.0}.get(char, 0.0)

    model = FakeTokenModel(likes)
    plan = choice_plan(_schema())
    assert plan is not None
    answer = decode(model, [ord(c) for c in "PROMPT"], plan, max_tokens=500)
    assert json.loads(answer.text) == {
        "1 first": {"who": "Iraq", "says": "war"}, "2 second": None, "3 third": None
    }  # fmt: skip
    assert not answer.truncated
    assert answer.tokens == len(answer.text)
    # Decisions: null or object, Iran or Iraq, calm or war, then null or object for
    # sentence 3. Sentence 2 has one possible value and costs no decision.
    assert answer.choices == 4
    # The prompt and every fixed text went in with the decision they lead to, in batches.
    assert model.fed[0][:6] == [ord(c) for c in "PROMPT"]
    assert "".join(chr(t) for batch in model.fed for t in batch).startswith('PROMPT{"1 first":')


def test_the_repetition_penalty_counts_values_not_keys() -> None:
    # The key names "Iran"; the model likes Iran slightly better than Iraq.
    schema = _closed({
        "1 Iran": {"enum": ["Iran", "Iraq"]},
        "2 next": {"enum": ["Iran", "Iraq"]},
    })  # fmt: skip
    plan = choice_plan(schema)
    assert plan is not None

    def likes(so_far: str, char: str) -> float:
        return {"n": 1.2, "q": 1.0}.get(char, 0.0)

    answer = decode(FakeTokenModel(likes), [1], plan, max_tokens=500, repeat_penalty=1.3)
    # Sentence 1: "n" was only in the key, so it is not penalised and Iran wins. Sentence
    # 2: "n" is now in a value, 1.2 / 1.3 < 1.0, so Iraq wins.
    assert json.loads(answer.text) == {"1 Iran": "Iran", "2 next": "Iraq"}
    plain = decode(FakeTokenModel(likes), [1], plan, max_tokens=500, repeat_penalty=1.0)
    assert json.loads(plain.text) == {"1 Iran": "Iran", "2 next": "Iran"}


def test_an_answer_longer_than_max_tokens_is_cut_and_says_so() -> None:
    plan = choice_plan(_schema())
    assert plan is not None
    answer = decode(FakeTokenModel(lambda s, c: 0.0), [1], plan, max_tokens=12)
    assert answer.truncated
    assert answer.tokens == 12
    assert answer.text == '{"1 first": '[:12]


def test_a_decoded_reading_passes_the_readings_own_validation() -> None:
    article = Article(
        id="a", path="a.txt", title="t", text="", date=None,
        sentences=("Iran's Foreign Minister Hossein Amirabdollahian met Jalil Abbas Jilani.",
                   "Pakistan said it wanted calm.", "Nothing happened."),
    )  # fmt: skip
    plan = choice_plan(reading_schema(article, 1, 3))
    assert plan is not None
    answer = decode(FakeTokenModel(lambda s, c: {"{": 1.0}.get(c, 0.0)), [1], plan,
                    max_tokens=2048)  # fmt: skip
    reading = ArticleReading.model_validate_json(
        answer.text, context={"keys": offer(article, 1, 3)}
    )
    assert reading.root[plan.keys[0]] is not None
