"""The `attributed` extraction method: the parser decides who, the model judges the stance.

`brief.language.attribution` finds, in each sentence, who speaks (its speakers) and which
acts it reports (doer, target, kind). The model is shown only the sentences of reported
speech, each with the speaker the parse found, and answers one thing per sentence: the
stance of what that speaker says (choosing the speaker only when the parse found several).
Acts become events by rule, with their doers and targets; narration and background give
nothing. A part with no reported speech needs no model call at all.

The answer is converted to the same `ArticleExtraction` the other methods give.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel, ValidationInfo, model_validator

from brief.extract.by_sentence import check_every_key, event_status, sentence_key
from brief.language import (
    Act,
    attribute,
    find_mentions,
    names_more,
    stance_cues,
    surest,
    tellers_of,
)
from brief.schema import (
    COOPERATIVE_CATEGORIES,
    Article,
    ArticleExtraction,
    Certainty,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Stance,
)
from brief.wording import shorten


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StanceReading(_Strict):
    who: str
    says: Stance


class SpeechReading(RootModel[dict[str, StanceReading]]):
    """The model's answer: the stance of each sentence of reported speech.

    Validate with context={"keys": {key: [speakers]}}: every such sentence answered, in
    order, and `who` one of that sentence's speakers.
    """

    @model_validator(mode="after")
    def _check_against_offer(self, info: ValidationInfo) -> SpeechReading:
        offered: dict[str, list[str]] | None = (info.context or {}).get("keys")
        if offered is None:
            return self
        check_every_key(offered, self.root)
        stances: dict[str, list[str]] = (info.context or {}).get("stances", {})
        for key, reading in self.root.items():
            if reading.who not in offered[key]:
                raise ValueError(f"{key!r}: who must be one of: {', '.join(offered[key])}")
            allowed = stances.get(key)
            if allowed and reading.says not in allowed:
                raise ValueError(f"{key!r}: says must be one of: {', '.join(allowed)}")
        return self


def speech_offer(article: Article, first: int, last: int) -> dict[str, list[str]]:
    """Each sentence of reported speech in the part (its key), with its speakers."""
    attribution = attribute(article)
    return {
        sentence_key(article, n): list(attribution.sentence(n).speakers)
        for n in range(first, last + 1)
        if attribution.sentence(n).speakers
    }


def stance_offer(article: Article, first: int, last: int) -> dict[str, list[str]]:
    """Each speech sentence's key, with the stances its words allow (all when no cue)."""
    every = list(typing.get_args(Stance))
    attribution = attribute(article)
    return {
        sentence_key(article, n): list(stance_cues(article.sentence(n))) or every
        for n in range(first, last + 1)
        if attribution.sentence(n).speakers
    }


def speech_schema(article: Article, first: int, last: int) -> dict[str, Any]:
    """The answer's JSON Schema: for each speech sentence, in order, who and the stance."""
    stances = stance_offer(article, first, last)
    properties = {
        key: {
            "type": "object",
            "properties": {"who": {"enum": speakers}, "says": {"enum": stances[key]}},
            "required": ["who", "says"],
            "additionalProperties": False,
        }
        for key, speakers in speech_offer(article, first, last).items()
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def speech_sentences(article: Article, first: int, last: int) -> str:
    """What the model reads: only the sentences of reported speech, each with its speaker."""
    attribution = attribute(article)
    lines = []
    for number in range(first, last + 1):
        speakers = attribution.sentence(number).speakers
        if speakers:
            lines.append(f"[{number}] ({' / '.join(speakers)}) {article.sentence(number)}")
    return "\n".join(lines)


def to_extraction(
    reading: SpeechReading, article: Article, first: int, last: int
) -> ArticleExtraction:
    """Positions from the model's stances, events from the parse's acts."""
    numbers = {sentence_key(article, n): n for n in range(first, last + 1)}
    said = [(numbers[key], item) for key, item in reading.root.items() if key in numbers]
    positions = [
        ExtractedPosition.model_construct(
            actor=item.who,
            sentences=sentences,
            says=shorten(article.sentence(sentences[0])),
            stance=item.says,
            toward=None,
        )
        for sentences, item in _statements(said)
    ]
    events = extract_part_events(article, first, last)
    named = {p.actor for p in positions} | {e.actor for e in events if e.actor}
    return ArticleExtraction.model_construct(
        actors=_actors(article, first, last, named), positions=positions, events=events
    )


def _statements(
    said: list[tuple[int, StanceReading]],
) -> list[tuple[list[int], StanceReading]]:
    """Sentences in a row by one speaker with one stance are one statement ("Qureshi said…
    He emphasised… the FO quoted him as saying…"), citing them all."""
    statements: list[tuple[list[int], StanceReading]] = []
    for number, item in said:
        if statements:
            sentences, last = statements[-1]
            if last == item and sentences[-1] == number - 1:
                sentences.append(number)
                continue
        statements.append(([number], item))
    return statements


def extract_part_events(article: Article, first: int, last: int) -> list[ExtractedEvent]:
    """One event per act; the same act told twice in the article (same kind, doers and
    targets, and no other place or count: see `_happenings`) is one event citing both
    sentences."""
    attribution = attribute(article)
    cited: dict[Act, list[int]] = {}
    told: dict[Act, list[Certainty]] = {}
    days: dict[Act, dict[int, int | None]] = {}
    claimed: set[Act] = set()
    told_by_others: set[Act] = set()  # an act its doer alone tells is its doer's account
    tellers: dict[Act, list[str | None]] = {}  # who tells an act with no doer, each time
    found = [
        (number, act)
        for number in range(first, last + 1)
        for act in attribution.sentence(number).acts
        if not act.negated  # a denial is its speaker's position, not an act
    ]
    aims: dict[Act, str] = {}
    deeds: dict[Act, str] = {}
    for (number, act), key in zip(found, _happenings(act for _, act in found), strict=True):
        if act.aim:
            aims.setdefault(key, act.aim)
        # Its words with its own place only: the first found, unless later words name its
        # target where those do not.
        deed = act.deed if act.place == key.place else None
        if deed and (key not in deeds or names_more(deed, deeds[key], act.targets)):
            deeds[key] = deed
        if number not in cited.setdefault(key, []):
            cited[key].append(number)
        told.setdefault(key, []).append(act.certainty)
        days.setdefault(key, {})[number] = act.days_before
        if act.by_claim:
            claimed.add(key)
        if not act.self_told:
            told_by_others.add(key)
        tellers.setdefault(key, []).append(act.said_by)
    _fold_claims(cited, told, days, claimed)
    events = []
    for act, sentences in cited.items():
        sentence = article.sentence(sentences[-1])
        status = event_status(sentence)
        sure = surest(told[act])
        if act.category == "threat":
            sure = "done"  # "will strike Iran if …" threatens now; a threat is in its telling
        if sure == "prospective":
            status = "planned"
        elif status == "planned":
            status = "happened"  # the parse reads the act itself as done
        events.append(
            ExtractedEvent.model_construct(
                sentences=sentences,
                what=shorten(sentence),
                place=act.place,
                aim=aims.get(act),
                deed=deeds.get(act),
                counted=act.counted,
                actor=act.doers[0] if act.doers else None,
                target=_partner(act),
                when=None,
                date=None,
                status=status,
                category=act.category,
                certainty=sure,
                days_before={n: d for n, d in days[act].items() if d != 0},
                doer_basis="claimed" if act in claimed else None,
                self_told=act not in told_by_others,
                said_by=tellers_of(tellers.get(act, [])),
            )
        )
    return events


def _happenings(acts: Iterable[Act]) -> list[Act]:
    """Each act's key: the one happening it tells. Acts of one kind by the same doers on the
    same targets are one happening unless they are told in different places or counting
    different numbers ("killed all six attackers" at a hotel, and airstrikes that "killed at
    least 50 militants" in another region); an act that names neither joins the first."""
    scenes: dict[Act, list[list[Any]]] = {}
    chosen: list[tuple[Act, list[Any]]] = []
    for act in acts:
        base = Act(act.category, act.doers, act.targets)
        own = [act.place, act.counted]
        scene = next((s for s in scenes.setdefault(base, []) if _fits(own, s)), None)
        if scene is None:
            scene = own
            scenes[base].append(scene)
        else:  # what this report tells of it that the earlier ones did not
            scene[:] = [
                mine if theirs is None else theirs for mine, theirs in zip(own, scene, strict=True)
            ]
        chosen.append((base, scene))
    return [replace(base, place=scene[0], counted=scene[1]) for base, scene in chosen]


def _fits(own: list[Any], scene: list[Any]) -> bool:
    return all(a is None or b is None or a == b for a, b in zip(own, scene, strict=True))


def _fold_claims(
    cited: dict[Act, list[int]],
    told: dict[Act, list[Certainty]],
    days: dict[Act, dict[int, int | None]],
    claimed: set[Act],
) -> None:
    """A claim of "the attack" with no target is the claimed attack the article tells
    with one ("gunmen stormed a hotel in …"): one event citing both sentences."""
    for act in [a for a in cited if a in claimed and not a.targets]:
        whole = next((a for a in cited if a.targets and a.category == act.category
                      and a.doers == act.doers and a in claimed), None)  # fmt: skip
        if whole is None:
            continue
        cited[whole] = sorted({*cited[whole], *cited.pop(act)})
        told[whole] += told.pop(act)
        days[whole].update(days.pop(act))


def _partner(act: Act) -> str | None:
    """Whom the act was done to; for talks or an agreement between two doers ("Qureshi
    and Lavrov agreed"), the second of them."""
    if act.targets:
        return act.targets[0]
    if act.category in COOPERATIVE_CATEGORIES and len(act.doers) > 1:
        return act.doers[1]
    return None


def _actors(article: Article, first: int, last: int, named: set[str]) -> list[ExtractedActor]:
    """States, persons and armed groups the part names; other organisations only when they
    speak or act (a "UN Charter" named in passing is no actor)."""
    mentions = find_mentions(article)
    seen: dict[str, ExtractedActor] = {}
    for number in range(first, last + 1):
        for mention in mentions.sentence(number):
            if mention.kind in ("state", "person", "armed_group") or mention.name in named:
                seen.setdefault(
                    mention.name,
                    ExtractedActor.model_construct(
                        name=mention.name, kind=mention.kind, country=None, role=None
                    ),
                )
    return list(seen.values())
