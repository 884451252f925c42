"""The `by_sentence` extraction method: the model reads the article one sentence at a time.

For every sentence, in order, the model answers `null` (background), `{"who", "says"}` (an
actor states a view: its stance) or `{"who", "did"}` (an actor acts: the kind of event),
choosing `who` from the actors that sentence names (found by rule, see `brief.language.mentions`).

Why: a 1.5B model asked for whole lists of actors, positions and events wrote plausible
text but cited sentence numbers almost at random, and spent most of its time writing
paraphrases. Here each claim's citation is the sentence being read, by construction; every
name is one the article wrote; and the answer is a few hundred tokens. Each JSON key starts
with the sentence's first words, which keeps the model reading the right sentence.

The answer is converted to the same `ArticleExtraction` the whole-article method gives, so
merging, comparing and scoring do not know which method ran. The positions' and events'
texts are the cited sentences, shortened: the article's words, not a paraphrase.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, RootModel, ValidationInfo, model_validator

from brief.language import ArticleMentions, Mention, attribute, find_mentions, surest
from brief.schema import (
    Article,
    ArticleExtraction,
    EventCategory,
    EventStatus,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Stance,
)
from brief.wording import shorten

_KEY_WORDS = 4
# Persons first: a small model leans to the first name offered, and the person who speaks
# is what a brief needs ("Mohammad Faisal", not the "Foreign Ministry" he speaks for).
_KIND_ORDER = {"person": 0, "organization": 1, "armed_group": 1, "social_group": 1, "state": 2}
# Said things: read as positions, not timeline events.
_SAID = frozenset({"statement"})
_PLANNED = re.compile(
    r"\b(will|would|plans to|planned|planning to|expected to|is due to|are due to)\b"
)
_ANNOUNCED = re.compile(r"\b(announced|declared|unveiled)\b")
# Acts a sentence names in so many words, strongest first. The 1.5B model reads a sentence
# as a view or as an act, and a view wins when someone speaks: "Islamabad said it had
# launched air strikes" came back as Pakistan calling for restraint, and the strikes were
# lost from the timeline. A sentence the model gives to an actor and that names one of
# these acts also yields the event.
_ACTS: tuple[tuple[EventCategory, re.Pattern[str]], ...] = (
    ("strike", re.compile(
        r"\b(air ?strikes?|drone strikes?|missile (strikes?|attacks?)|strikes? (on|in|against)"
        r"|struck|bomb(ed|ing|ings)|shell(ed|ing))\b", re.IGNORECASE)),
    ("attack", re.compile(r"\b(attack(ed|s)? (on|in|against)|killed|killing of)\b",
                          re.IGNORECASE)),
    ("sanction", re.compile(r"\b(sanctions? (on|against)|imposed sanctions)\b", re.IGNORECASE)),
)  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SaysReading(_Strict):
    who: str
    says: Stance


class DidReading(_Strict):
    who: str
    did: EventCategory


SentenceReading = SaysReading | DidReading | None


class ArticleReading(RootModel[dict[str, SentenceReading]]):
    """The model's answer: one reading per sentence key.

    Validate with context={"keys": {key: [names offered]}} to hold a server that ignores
    the schema to the same rules as the grammar: every sentence, in order, and `who` one of
    the names offered for it.
    """

    @model_validator(mode="after")
    def _check_against_offer(self, info: ValidationInfo) -> ArticleReading:
        offered: dict[str, list[str]] | None = (info.context or {}).get("keys")
        if offered is None:
            return self
        check_every_key(offered, self.root)
        for key, reading in self.root.items():
            if reading is not None and reading.who not in offered[key]:
                choices = ", ".join(offered[key]) or "none: answer null"
                raise ValueError(f"{key!r}: who must be one of: {choices}")
        return self


def check_every_key(offered: dict[str, list[str]], answered: dict[str, Any]) -> None:
    """ValueError unless the answer has exactly the sentence keys it was offered."""
    missing = [k for k in offered if k not in answered]
    extra = [k for k in answered if k not in offered]
    if missing or extra:
        raise ValueError(
            f"answer every sentence key exactly once; missing {missing[:3]}, unknown {extra[:3]}"
        )


def sentence_key(article: Article, number: int) -> str:
    """'7 A military statement issued': the number and the sentence's first words."""
    words = re.sub(r"[^\w' -]", "", article.sentence(number)).split()[:_KEY_WORDS]
    return " ".join([str(number), *words])


def offered_names(mentions: ArticleMentions, number: int) -> list[str]:
    """Who may speak or act in sentence `number`: the persons it names when it names any
    (offered a state or a ministry beside a person, the 1.5B model picked the state or
    ministry for most sentences where the person spoke), else the states and groups it
    names; then the persons of the sentence before (a quote often runs on: "He added")."""
    own = sorted(mentions.sentence(number), key=lambda m: _KIND_ORDER[m.kind])
    if any(m.kind == "person" for m in own):
        own = [m for m in own if m.kind == "person"]
    before = mentions.sentence(number - 1) if number > 1 else []
    names = [m.name for m in own] + [m.name for m in before if m.kind == "person"]
    return list(dict.fromkeys(names))


def offer(article: Article, first: int, last: int) -> dict[str, list[str]]:
    """Each sentence key of the part, with the names offered for it."""
    mentions = find_mentions(article)
    return {sentence_key(article, n): offered_names(mentions, n) for n in range(first, last + 1)}


def reading_schema(article: Article, first: int, last: int) -> dict[str, Any]:
    """The JSON Schema of the answer for sentences first..last; llama.cpp makes it a
    grammar, so the keys come in order and `who` is always a name offered."""
    properties: dict[str, Any] = {}
    for key, names in offer(article, first, last).items():
        if not names:
            properties[key] = {"type": "null"}
            continue
        who = {"enum": names}
        properties[key] = {
            "anyOf": [
                {"type": "null"},
                _object({"who": who, "says": {"enum": list(typing.get_args(Stance))}}),
                _object({"who": who, "did": {"enum": list(typing.get_args(EventCategory))}}),
            ]
        }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def to_extraction(
    reading: ArticleReading, article: Article, first: int, last: int
) -> ArticleExtraction:
    """The reading as an extraction: actors named in the part, a position per view, an
    event per act, each citing its sentence."""
    mentions = find_mentions(article)
    attribution = attribute(article)
    numbers = {sentence_key(article, n): n for n in range(first, last + 1)}
    positions: list[ExtractedPosition] = []
    events: list[ExtractedEvent] = []
    chosen: set[str] = set()
    for key, item in reading.root.items():
        number = numbers.get(key)
        if item is None or number is None:
            continue
        chosen.add(item.who)
        sentence = article.sentence(number)
        text = shorten(sentence)
        did = item.did if isinstance(item, DidReading) else None
        said = did is None or did in _SAID
        act = named_act(sentence) if said else did
        if said:
            stance: Stance = item.says if isinstance(item, SaysReading) else "neutral"
            positions.append(
                ExtractedPosition.model_construct(
                    actor=item.who, sentences=[number], says=text, stance=stance, toward=None
                )
            )
        if act is None:
            continue
        # A named act's actor only when the sentence itself names them: in "Fears grew
        # after tit-for-tat airstrikes", the speaker offered from the sentence before did
        # not strike.
        named = not said or any(m.name == item.who for m in mentions.sentence(number))
        parsed = [a for a in attribution.sentence(number).acts if a.category == act]
        if parsed and all(a.negated for a in parsed):
            continue  # "denied carrying out the strike": a denial, not a strike
        sure = surest(a.certainty for a in parsed if not a.negated)
        status = "planned" if sure == "prospective" else event_status(sentence)
        if status == "planned" and sure == "done" and parsed:
            status = "happened"  # "will" elsewhere in the sentence: the act itself was done
        events.append(
            ExtractedEvent.model_construct(
                sentences=[number], what=text, actor=item.who if named else None,
                target=None, when=None, date=None, status=status, category=act,
                certainty=sure,
            )
        )  # fmt: skip
    actors = _actors(mentions, first, last, chosen)
    # Built from validated parts; a reading may hold more claims than the whole-article
    # method's list bounds, which exist to stop a model listing forever.
    return ArticleExtraction.model_construct(actors=actors, positions=positions, events=events)


def _actors(
    mentions: ArticleMentions, first: int, last: int, chosen: set[str]
) -> list[ExtractedActor]:
    """States and persons named in the part; other organisations only when they speak or
    act (a "UN Charter" or "National Press Club" named in passing is not an actor)."""
    seen: dict[str, Mention] = {}
    for number in range(first, last + 1):
        for mention in mentions.sentence(number):
            seen.setdefault(mention.name, mention)
    return [
        ExtractedActor.model_construct(name=m.name, kind=m.kind, country=None, role=None)
        for m in seen.values()
        if m.kind in ("state", "person") or m.name in chosen
    ]


def named_act(sentence: str) -> EventCategory | None:
    """The strongest act the sentence names in so many words (a strike, an attack, a
    sanction), or None."""
    return next((category for category, words in _ACTS if words.search(sentence)), None)


def event_status(sentence: str) -> EventStatus:
    """Planned when the sentence speaks of what will happen, announced when of an
    announcement, else happened."""
    status: Literal["happened", "announced", "planned"] = "happened"
    if _PLANNED.search(sentence):
        status = "planned"
    elif _ANNOUNCED.search(sentence):
        status = "announced"
    return status
