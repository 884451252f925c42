"""Decoding an answer whose every value is one of a few JSON texts: by choosing, not writing.

The by-sentence reading (see `brief.extract.by_sentence`) is an object whose keys are fixed and in
order, and whose every value is one of a short list: `null`, or `{"who": name, "says":
stance}` for a handful of names and stances. Written token by token under a llama.cpp
grammar, most of its tokens are forced (every key, every `"who": "`, the rest of a name once
its first token is chosen), yet each costs a full decode step and a grammar check over the
whole vocabulary: about 8 tokens a second on 2 cores.

Here the answer is laid out as fixed texts and choices. Fixed tokens are fed to the model in
one batch with the next choice's context, and at a choice the model's logits are read only
for the tokens that continue some allowed value. Greedy choice over those tokens, with
llama.cpp's repetition penalty applied to them, is what the grammar-constrained sampler
does; the answer is always one the schema allows.

This module knows JSON Schema and token lists, not llama.cpp: the backend passes a
`TokenModel` (see `models.embedded`).
"""

from __future__ import annotations

import json
import math
import random
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any, Protocol

# More alternatives than this for one value and the grammar path is used instead: the
# choice lists are tokenized up front.
MAX_CHOICES = 2048
# llama.cpp's default window for the repetition penalty (`last_n_tokens_size`).
PENALTY_WINDOW = 64


class TokenModel(Protocol):
    """What choosing needs from a model: text to tokens, and the next token's logits."""

    def tokenize(self, text: str) -> list[int]: ...

    def detokenize(self, tokens: Sequence[int]) -> str: ...

    def logits_after(self, tokens: Sequence[int]) -> Callable[[int], float]:
        """Feed `tokens` (continuing what was fed before) and return the logit of a token
        id for the position after them."""
        ...


@dataclass(frozen=True)
class ChoicePlan:
    """An object answer: keys in order, each with the JSON texts its value may be."""

    keys: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ChoiceAnswer:
    text: str
    tokens: int  # tokens in the answer, fixed and chosen
    choices: int  # times the model's logits were read
    truncated: bool


def choice_plan(schema: dict[str, Any] | None) -> ChoicePlan | None:
    """The plan for a schema that is an object of required keys whose values can each take
    only a few texts; None for any other schema (it goes to the grammar)."""
    if not schema or not _is_closed_object(schema):
        return None
    per_key = _texts_per_property(schema)
    if per_key is None:
        return None
    return ChoicePlan(keys=tuple(schema["properties"]), values=tuple(map(tuple, per_key)))


def json_texts(schema: dict[str, Any]) -> list[str] | None:
    """Every JSON text the schema allows, written as json.dumps writes it, when they are
    few (at most MAX_CHOICES); else None. Numbers and free strings are never few."""
    if "enum" in schema:
        texts = [json.dumps(v) for v in schema["enum"]]
    elif "const" in schema:
        texts = [json.dumps(schema["const"])]
    elif "anyOf" in schema or "oneOf" in schema:
        texts = []
        for option in schema.get("anyOf") or schema["oneOf"]:
            option_texts = json_texts(option)
            if option_texts is None:
                return None
            texts.extend(option_texts)
    elif schema.get("type") == "null":
        texts = ["null"]
    elif schema.get("type") == "boolean":
        texts = ["true", "false"]
    elif _is_closed_object(schema):
        object_texts = _object_texts(schema)
        if object_texts is None:
            return None
        texts = object_texts
    else:
        return None
    if any(_is_number(t) for t in texts):
        return None  # "1" is a prefix of "12": a number does not say where it ends
    texts = list(dict.fromkeys(texts))
    return texts if 0 < len(texts) <= MAX_CHOICES else None


def _texts_per_property(schema: dict[str, Any]) -> list[list[str]] | None:
    """For each property of a closed object, the texts its value may be; None when one of
    them is not a short list."""
    per_key = []
    for value_schema in schema["properties"].values():
        texts = json_texts(value_schema)
        if texts is None:
            return None
        per_key.append(texts)
    return per_key


def _object_texts(schema: dict[str, Any]) -> list[str] | None:
    keys = list(schema["properties"])
    per_key = _texts_per_property(schema)
    if per_key is None or math.prod(len(texts) for texts in per_key) > MAX_CHOICES:
        return None
    return [
        "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in zip(keys, combo, strict=True)) + "}"
        for combo in product(*per_key)
    ]


def _is_closed_object(schema: dict[str, Any]) -> bool:
    properties = schema.get("properties")
    return (
        schema.get("type") == "object"
        and isinstance(properties, dict)
        and schema.get("additionalProperties") is False
        and list(schema.get("required", [])) == list(properties)
    )


def _is_number(text: str) -> bool:
    return text[:1].isdigit() or text[:1] == "-"


def decode(
    model: TokenModel,
    prompt_tokens: Sequence[int],
    plan: ChoicePlan,
    *,
    max_tokens: int,
    temperature: float = 0.0,
    repeat_penalty: float = 1.0,
    seed: int = 0,
) -> ChoiceAnswer:
    """Write the plan's answer after the prompt, choosing each value with the model."""
    chooser = _Chooser(model, prompt_tokens, temperature, repeat_penalty, seed)
    for index, (key, texts) in enumerate(zip(plan.keys, plan.values, strict=True)):
        chooser.fixed(("{" if index == 0 else ", ") + json.dumps(key) + ":")
        chooser.choose([" " + text for text in texts])
        if len(chooser.out) > max_tokens:
            break
    if not plan.keys:
        chooser.fixed("{")
    chooser.fixed("}")
    truncated = len(chooser.out) > max_tokens
    tokens = chooser.out[:max_tokens]
    return ChoiceAnswer(
        text=model.detokenize(tokens) if truncated else "".join(chooser.parts),
        tokens=len(tokens),
        choices=chooser.reads,
        truncated=truncated,
    )


class _Chooser:
    def __init__(
        self,
        model: TokenModel,
        prompt_tokens: Sequence[int],
        temperature: float,
        repeat_penalty: float,
        seed: int,
    ) -> None:
        self.model = model
        self.pending: list[int] = list(prompt_tokens)  # not yet fed to the model
        self.out: list[int] = []
        self.parts: list[str] = []
        self.recent: deque[int] = deque(maxlen=PENALTY_WINDOW)
        self.temperature = temperature
        self.penalty = repeat_penalty
        self.random = random.Random(seed)
        self.reads = 0
        self._tokens: dict[str, list[int]] = {}

    def tokens(self, text: str) -> list[int]:
        if text not in self._tokens:
            self._tokens[text] = self.model.tokenize(text)
        return self._tokens[text]

    def fixed(self, text: str) -> None:
        # Not counted by the repetition penalty: the keys are the article's first words,
        # and penalising them pushed the model away from the names the sentence starts with.
        self.parts.append(text)
        self._emit(self.tokens(text), counted=False)

    def choose(self, texts: list[str]) -> None:
        """Emit one of `texts`, choosing token by token where they differ."""
        alive = [(text, self.tokens(text)) for text in texts]
        position = 0
        while len(alive) > 1:
            # No text is a prefix of another (JSON values say where they end, and numbers
            # are never choices), so every alive token list is longer than `position`.
            nexts = list(dict.fromkeys(t[position] for _, t in alive))
            token = self._pick(nexts) if len(nexts) > 1 else nexts[0]
            self._emit([token])
            alive = [(s, t) for s, t in alive if t[position] == token]
            position += 1
        text, tokens = alive[0]
        self._emit(tokens[position:])
        self.parts.append(text)

    def _pick(self, candidates: list[int]) -> int:
        logit = self.model.logits_after(self.pending)
        self.pending = []
        self.reads += 1
        scores = [self._penalised(token, logit(token)) for token in candidates]
        if self.temperature <= 0:
            return candidates[max(range(len(scores)), key=scores.__getitem__)]
        top = max(scores)
        weights = [math.exp((s - top) / self.temperature) for s in scores]
        return self.random.choices(candidates, weights=weights)[0]

    def _penalised(self, token: int, logit: float) -> float:
        # As llama.cpp's penalties sampler: a recent token's logit is pushed toward zero.
        if self.penalty == 1.0 or token not in self.recent:
            return logit
        return logit / self.penalty if logit > 0 else logit * self.penalty

    def _emit(self, tokens: list[int], *, counted: bool = True) -> None:
        self.pending.extend(tokens)
        self.out.extend(tokens)
        if counted:
            self.recent.extend(tokens)
