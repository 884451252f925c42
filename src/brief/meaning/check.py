"""Whether a written sentence says what the sentences it cites say.

The claim and its evidence are parsed, every clause read into a frame (who does what to
whom, whether, how sure, who says so), and each clause of the claim is matched to the
evidence clause that tells the same act. Then the claim is refused, with a reason a reader
can check, when it:

- names a person, place or group, or gives a number, that the evidence does not;
- puts a number, date or place on another act than the evidence does;
- turns "not" into "is", "denied" into "admitted", "refused to X" into "X";
- turns "praised" into "criticized", "disaster" into "success";
- states as done what was threatened, planned, hoped, called for, hinted, or said "if";
- drops "alleged", "likely", "I think", or an analyst's "say analysts";
- has the doer and the target of an act the other way round, or another speaker;
- adds a cause ("in retaliation"), a superlative, an "all", or an act (a clash, a
  detonation) that the evidence does not report.

Shared words prove nothing ("Iran struck Pakistan" and "Pakistan struck Iran" share all of
theirs): a claim passes when no clause of it contradicts, sharpens or adds to its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from brief.meaning.frames import (
    Frame,
    Party,
    frames_of,
    is_affirmative,
    name_keys,
    names_in,
    stem,
)
from brief.meaning.lexicon import (
    ACT_GROUPS,
    CAUSAL,
    HEDGES,
    HEDGING,
    NEGATIVE_IMPLICATIVE,
    NUMBER_WORDS,
    PROSPECTIVE,
    SAYING,
    UNIVERSAL,
    WEAK_SAYING,
)
from brief.meaning.reading import parse_texts

Problem = Literal[
    "name", "number", "negation", "stance", "certainty", "role", "speaker", "added", "empty"
]


@dataclass(frozen=True)
class Verdict:
    """The check's answer: `supported`, and if not, what kind of problem and why."""

    supported: bool
    why: str
    problem: Problem | None = None

    @classmethod
    def ok(cls, why: str = "every clause matches a cited sentence") -> Verdict:
        return cls(True, why)

    @classmethod
    def refused(cls, problem: Problem, why: str) -> Verdict:
        return cls(False, why, problem)


def check_claim(claim: str, evidence: Sequence[str]) -> Verdict:
    """Whether `evidence` (the cited sentences) supports `claim`, with the reason."""
    if not claim.strip():
        return Verdict.refused("empty", "the claim is empty")
    if not any(e.strip() for e in evidence):
        return Verdict.refused("empty", "no cited sentence to check it against")
    docs = parse_texts([claim, *evidence])
    return judge(docs[0], docs[1:])


def judge(claim: Doc, evidence: Sequence[Doc]) -> Verdict:
    """The verdict on a parsed claim against its parsed evidence."""
    for rule in (_names, _numbers, _additions):
        verdict = rule(claim, evidence)
        if verdict is not None:
            return verdict
    claimed = frames_of(claim)
    told = [f for n, doc in enumerate(evidence) for f in frames_of(doc, n)]
    for frame in claimed:
        verdict = _threatened_as_done(frame, told)
        if verdict is not None:
            return verdict
        match = _matching_frame(frame, told)
        verdict = _compare(frame, match, told, evidence) if match else _unmatched(frame, evidence)
        if verdict is not None:
            return verdict
    return Verdict.ok()


# --------------------------------------------------------------------------- whole claim


def _names(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    known = set()
    text = " ".join(d.text for d in evidence).casefold()
    for doc in evidence:
        for name in names_in(doc):
            known |= name_keys(name.text)
        for token in doc:
            known |= name_keys(token.text) if token.pos_ in ("PROPN", "ADJ") else set()
    for name in names_in(claim):
        keys = name_keys(name.text)
        if keys & known or _said_in(name.text, text):
            continue
        return Verdict.refused("name", f"the cited sentences do not name {name.text!r}")
    return None


def _said_in(name: str, text: str) -> bool:
    words = [w.strip(".'") for w in re.split(r"[\s\-]+", name.casefold()) if len(w) > 1]
    return bool(words) and all(
        re.search(rf"(?<!\w){re.escape(w[:5])}" + ("" if len(w) > 2 else r"(?!\w)"), text)
        is not None
        for w in words
    )


@dataclass(frozen=True)
class _Number:
    value: str
    unit: str  # a unit of time it counts ("month"), else ""
    context: frozenset[str]  # the act and the things it is about


_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "century"})
_SCALES = {"hundred": 100, "thousand": 1000}


def _numbers(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    told = [n for doc in evidence for n in _numbers_in(doc)]
    values = {n.value for n in told}
    for number in _numbers_in(claim):
        if number.value not in values:
            return Verdict.refused("number", f"the cited sentences do not give {number.value}")
        same = [n for n in told if n.value == number.value]
        if number.unit and not any(n.unit in ("", number.unit) for n in same):
            return Verdict.refused(
                "number",
                f"the cited sentences give {number.value} of another unit, not {number.unit}s",
            )
        if any(n.context & number.context for n in same):
            continue
        if any(n.context & number.context for n in told if n.value != number.value):
            return Verdict.refused(
                "number", f"{number.value} belongs to another fact in the cited sentences"
            )
    for word in ("all", "every", "entire", "whole"):
        if any(t.lower_ == word for t in claim) and not any(
            t.lower_ in UNIVERSAL for doc in evidence for t in doc
        ):
            return Verdict.refused("number", f"the cited sentences do not say {word!r}")
    return _places(claim, evidence)


def _numbers_in(doc: Doc) -> list[_Number]:
    found = []
    for token in doc:
        value = _number_value(token)
        if value is None:
            continue
        unit = next((stem(h.lemma_) for h in _heads(token, 2) if h.lemma_.lower() in _UNITS), "")
        found.append(_Number(value, unit, frozenset(_number_context(token))))
    return found


def _number_value(token: Token) -> str | None:
    text = token.lower_.replace(",", "")
    if token.ent_type_ == "ORDINAL" or (token.tag_ == "JJ" and not text[:1].isdigit()):
        return None
    scale = 1
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _SCALES:
        scale = _SCALES[following.lower_]
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _shown(float(text) * scale)
    if text in NUMBER_WORDS and token.like_num and text not in ("hundred", "dozen", "thousand"):
        return _shown(NUMBER_WORDS[text] * scale)
    return None


def _shown(value: float) -> str:
    return str(value).removesuffix(".0")


def _heads(token: Token, depth: int) -> list[Token]:
    found = []
    node = token
    for _ in range(depth):
        if node.head.i == node.i:
            break
        node = node.head
        found.append(node)
    return found


def _number_context(token: Token) -> set[str]:
    """What a number is about: the nearest thing it counts (a unit of time aside), the
    act it is part of, and that act's doer and object."""
    words: set[str] = set()
    noun = verb = None
    for node in _heads(token, 5):
        lemma = node.lemma_.lower()
        if (
            noun is None
            and verb is None
            and node.pos_ in ("NOUN", "PROPN")
            and lemma not in (_UNITS | {"%", "percent"})
        ):
            noun = node
        if verb is None and node.pos_ in ("VERB", "AUX") and lemma not in ("be", "have"):
            verb = node
    if noun is not None:
        words.add(stem(noun.lemma_))
    if verb is not None:
        words.add(stem(verb.lemma_))
        for child in verb.children:
            if (
                child.dep_ in ("nsubj", "dobj", "nsubjpass")
                and child.i != token.i
                and child.lemma_.lower() not in _UNITS
                and child.pos_ in ("NOUN", "PROPN")
            ):
                words.add(stem(child.lemma_))
    return words - {""}


def _places(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """A place where something happened must be where the evidence puts something."""
    where = {
        k
        for doc in evidence
        for e in doc.ents
        if e.label_ in ("GPE", "LOC") and e.root.dep_ == "pobj"
        and e.root.head.lower_ in ("in", "at", "inside", "near", "into", "from")
        for k in name_keys(e.text)
    }  # fmt: skip
    for ent in claim.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.root.dep_ != "pobj":
            continue
        if (
            ent.root.head.lower_ not in ("in", "at", "inside", "near")
            or ent.root.head.head.pos_ != "VERB"
        ):
            continue
        if where and not (name_keys(ent.text) & where):
            return Verdict.refused("number", f"the cited sentences do not place it in {ent.text!r}")
    return None


def _additions(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    said = " ".join(d.text for d in evidence).casefold()
    text = claim.text.casefold()
    for marker in CAUSAL:
        if re.search(rf"\b{re.escape(marker)}\b", text) and not re.search(
            rf"\b{re.escape(marker)}\b", said
        ):
            return Verdict.refused(
                "added", f"it adds a cause the cited sentences do not give ({marker!r})"
            )
    lemmas = {stem(t.lemma_) for d in evidence for t in d} | {
        stem(t.text) for d in evidence for t in d
    }
    ranked = any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "last") for d in evidence for t in d
    )
    for token in claim:
        if token.tag_ in ("JJS", "RBS") and stem(token.lemma_) not in lemmas and not ranked:
            return Verdict.refused("added", f"the cited sentences do not say {token.text!r}")
    told_acts = _act_groups(evidence)
    for token in claim:
        if token.pos_ != "VERB":
            continue
        phrasal = _phrasal(token)
        group = ACT_GROUPS.get(phrasal) if phrasal != token.lemma_.lower() else None
        group = group or ACT_GROUPS.get(phrasal) or ACT_GROUPS.get(token.lemma_.lower())
        if " " in phrasal and phrasal not in ACT_GROUPS:
            group = None  # "hit back" is answering, not a strike
        if group and group not in told_acts:
            return Verdict.refused(
                "added", f"the cited sentences report no such act ({token.text!r})"
            )
    return None


def _phrasal(token: Token) -> str:
    from brief.meaning.frames import phrasal_lemma

    return phrasal_lemma(token)


def _act_groups(docs: Sequence[Doc]) -> set[str]:
    groups = set()
    for doc in docs:
        for token in doc:
            for key in (_phrasal(token), token.lemma_.lower(), token.lower_):
                if key in ACT_GROUPS:
                    groups.add(ACT_GROUPS[key])
    return groups


# --------------------------------------------------------------------------- clause by clause


def _matching_frame(frame: Frame, told: list[Frame]) -> Frame | None:
    best, best_score = None, 0.0
    for candidate in told:
        score = _affinity(frame, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= 2 else None


def _affinity(a: Frame, b: Frame) -> float:
    shared = len(a.args & b.args)
    if _same_act(a, b) and (shared or a.lemma not in SAYING):
        return 2 + shared
    if _opposed(a, b) and shared >= 1:
        return 2 + shared
    if a.lemma in SAYING and b.lemma in SAYING:
        return 0.5 + shared if shared else 0
    return shared if shared >= 2 else 0


def _same_act(a: Frame, b: Frame) -> bool:
    if a.lemma == b.lemma or a.base == b.base:
        return a.base != "be" or a.lemma == b.lemma
    group = ACT_GROUPS.get(a.lemma) or ACT_GROUPS.get(a.base)
    return group is not None and group == (ACT_GROUPS.get(b.lemma) or ACT_GROUPS.get(b.base))


def _opposed(a: Frame, b: Frame) -> bool:
    neg = {a.lemma in NEGATIVE_IMPLICATIVE, b.lemma in NEGATIVE_IMPLICATIVE}
    aff = {is_affirmative(a), is_affirmative(b)}
    return (True in neg and True in aff) or (a.valence * b.valence < 0)


def _compare(
    claim: Frame, told: Frame, frames: list[Frame], evidence: Sequence[Doc]
) -> Verdict | None:
    words = f"{claim.token.text!r}"
    if claim.polarity != told.polarity and (_same_act(claim, told) or _opposed(claim, told)):
        return Verdict.refused(
            "negation",
            f"{words} is {'affirmed' if claim.polarity else 'negated'} in the claim "
            f"but {'affirmed' if told.polarity else 'negated'} in the cited sentence",
        )
    if claim.valence * told.valence < 0 and abs(claim.valence) >= 0.5 and abs(told.valence) >= 0.5:
        return Verdict.refused(
            "stance",
            f"{words} judges it the other way from the cited sentence ({told.token.text!r})",
        )
    verdict = _certainty(claim, told)
    if verdict is not None:
        return verdict
    return _roles(claim, told, frames)


def _certainty(claim: Frame, told: Frame) -> Verdict | None:
    words = f"{claim.token.text!r}"
    if told.level == "prospective" and claim.level == "done" and claim.lemma not in PROSPECTIVE:
        return Verdict.refused(
            "certainty",
            f"{words} states as done what the cited sentence only "
            f"{_how(told)} ({', '.join(told.markers) or told.lemma})",
        )
    if told.conditional and not claim.conditional:
        return Verdict.refused("certainty", f'{words} drops the cited sentence\'s condition ("if")')
    dropped = [m for m in told.markers if m in HEDGES and m not in claim.markers]
    if dropped and claim.level == "done" and not set(claim.markers) & HEDGES:
        return Verdict.refused("certainty", f"{words} drops the cited sentence's {dropped[0]!r}")
    if told.level == "hedged" and claim.level == "done" and not _attributed(claim, told):
        return Verdict.refused(
            "certainty", f"{words} drops the cited sentence's hedge ({', '.join(told.markers)})"
        )
    if told.lemma in WEAK_SAYING and claim.lemma not in WEAK_SAYING | HEDGING | PROSPECTIVE:
        return Verdict.refused(
            "certainty", f"{words} is surer than the cited sentence ({told.token.text!r})"
        )
    if told.speaker is not None and claim.speaker is None and not _attributed(claim, told):
        named = told.speaker.identity or not told.speaker.pronoun
        if named and claim.level == "done" and told.token.lemma_.lower() not in SAYING:
            return Verdict.refused(
                "certainty",
                f"{words} states as fact what the cited sentence reports as "
                f"{_label(told.speaker)}'s view",
            )
    return None


def _threatened_as_done(claim: Frame, told: list[Frame]) -> Verdict | None:
    """ "imposed sanctions" where the evidence only "threatened sanctions"."""
    if claim.level != "done" or claim.lemma in PROSPECTIVE | HEDGING | SAYING:
        return None
    if any(_same_act(claim, f) for f in told):
        return None
    done_to = _object_words(claim)
    for frame in told:
        if frame.lemma in PROSPECTIVE and done_to & _object_words(frame):
            return Verdict.refused(
                "certainty",
                f"{claim.token.text!r} states as done what the cited sentence "
                f"only says was {frame.token.text!r}",
            )
    return None


def _object_words(frame: Frame) -> set[str]:
    return {
        stem(t.lemma_)
        for c in frame.token.children
        if c.dep_ == "dobj"
        for t in c.subtree
        if t.pos_ in ("NOUN", "PROPN")
    }


def _how(frame: Frame) -> str:
    return "plans, threatens or wishes" if frame.level == "prospective" else "hedges"


def _attributed(claim: Frame, told: Frame) -> bool:
    if claim.speaker is not None:
        return True
    return (
        told.speaker is not None
        and claim.subject is not None
        and _same_party(claim.subject, told.speaker) is not False
    )


def _roles(claim: Frame, told: Frame, frames: list[Frame]) -> Verdict | None:
    if (
        claim.subject
        and told.subject
        and _same_party(claim.subject, told.subject) is False
        and (claim.lemma not in SAYING or _same_act(claim, told))
    ):
        return Verdict.refused(
            "role",
            f"in the cited sentence it is {_label(told.subject)}, not "
            f"{_label(claim.subject)}, who {told.token.text}",
        )
    if (
        claim.subject
        and any(_same_party(claim.subject, o) for o in told.objects)
        and not (told.subject and _same_party(claim.subject, told.subject))
    ):
        return Verdict.refused(
            "role",
            f"{_label(claim.subject)} is the one acted on in the cited sentence, "
            f"not the one who acts",
        )
    if (
        told.subject
        and any(_same_party(told.subject, o) for o in claim.objects)
        and not (claim.subject and _same_party(claim.subject, told.subject))
    ):
        return Verdict.refused(
            "role",
            f"{_label(told.subject)} acts in the cited sentence; the claim makes it "
            f"the one acted on",
        )
    return _speakers(claim, told, frames)


def _speakers(claim: Frame, told: Frame, frames: list[Frame]) -> Verdict | None:
    said_by = claim.speaker
    if said_by is None or not said_by.identity:
        return None
    speaker = told.speaker
    if speaker is None:
        agents = [f.subject for f in frames if f.subject is not None and f.lemma in SAYING]
        if agents and not any(_same_party(said_by, a) for a in agents):
            return Verdict.refused(
                "speaker", f"the cited sentences do not have {_label(said_by)} saying it"
            )
        return None
    verdicts = [_same_party(said_by, s) for s in told.speakers]
    if True in verdicts or None in verdicts and speaker.identity:
        return None
    if _same_party(said_by, speaker) is False or (not speaker.identity and not speaker.pronoun):
        return Verdict.refused(
            "speaker", f"the cited sentence has {_label(speaker)} saying it, not {_label(said_by)}"
        )
    return None


def _same_party(a: Party, b: Party) -> bool | None:
    """True when both name the same party, False when they name different ones, None when
    one of them is unnamed (a pronoun, "officials") and the parse cannot tell."""
    if a.pronoun or b.pronoun:
        return None
    if a.own_names and b.own_names:
        return bool(a.own_names & b.own_names)
    if a.names and b.names:
        return bool(a.names & b.names)
    if not a.identity and not b.identity:
        return bool(a.words & b.words) or None
    return None


def _label(party: Party) -> str:
    if party.identity:
        return sorted(party.identity, key=len)[-1].title()
    return party.head


def _unmatched(frame: Frame, evidence: Sequence[Doc]) -> Verdict | None:
    """A clause the evidence does not tell, hung on the claim as a relative or participle
    clause ("which voted to condemn", "carrying missile propellant"): an added fact."""
    token = frame.token
    participle = (
        frame.dep == "advcl"
        and token.tag_ == "VBG"
        and not any(c.dep_ in ("nsubj", "mark") for c in token.children)
    )
    appended = frame.dep == "relcl" and any(c.lower_ in ("which", "who") for c in token.children)
    if not (appended or participle or frame.dep == "acl") or token.pos_ != "VERB":
        return None
    if frame.dep == "acl" and (
        token.tag_ != "VBG" or any(c.dep_ == "nsubj" for c in token.children)
    ):
        return None  # "worries that levies would push …" is the noun's content, not an addition
    lemmas = {stem(t.lemma_) for d in evidence for t in d}
    nouns = {stem(t.lemma_) for t in token.subtree if t.pos_ == "NOUN" and t.i != token.i}
    if stem(frame.base) in lemmas or frame.base in SAYING or len(nouns) < 2 or nouns & lemmas:
        return None
    return Verdict.refused(
        "added",
        f"the cited sentences do not say {frame.token.text!r} ({frame.token.sent.text[:0]}"
        f"an added clause)",
    )


from spacy.tokens import Token  # noqa: E402  (used in annotations of helpers above)

_ = HEDGES
