"""What a claim states as done that its evidence only plans, threatens or foresees:
"imposed sanctions" where the evidence "threatened sanctions" or said they "may be
imminent"."""

from __future__ import annotations

from brief.language import to_infinitive
from brief.meaning.frames import Frame
from brief.meaning.lexicon import HEDGING, PROSPECTIVE, SAYING
from brief.meaning.matching import same_act
from brief.meaning.parties import stem
from brief.meaning.verdict import Verdict


def threatened_as_done(claim: Frame, told: list[Frame]) -> Verdict | None:
    """ "imposed sanctions" where the evidence only "threatened sanctions"."""
    if claim.level != "done" or claim.lemma in PROSPECTIVE | HEDGING | SAYING:
        return None
    if any(same_act(claim, f) for f in told):
        return None
    done_to = _object_heads(claim)
    for frame in told:
        planned = frame.lemma in PROSPECTIVE or frame.base in PROSPECTIVE
        # "sanctions may be imminent" foresees the sanctions a claim says "were imposed"
        foreseen = frame.token.lemma_ == "be" and bool(set(frame.markers) & _POSSIBLE)
        if (
            (planned and done_to & _object_heads(frame))
            or (foreseen and done_to & _subject_heads(frame))
            or (planned and stem(claim.base) in frame.args)
        ):
            return Verdict.refused(
                "certainty",
                f"{claim.token.text!r} states as done what the cited sentence "
                f"only says was {' '.join([*frame.markers, frame.token.text][-2:])!r}",
            )
    return None


_POSSIBLE = frozenset({"may", "might", "could"})


def aimed_as_done(claim: Frame, told: list[Frame]) -> Verdict | None:
    """ "has banned the sale" where the evidence only has "regulations to ban the sale":
    what a thing is for is not done."""
    if claim.level != "done" or claim.token.tag_ not in ("VBD", "VBN"):
        return None
    same = [f for f in told if same_act(claim, f)]
    aims = [f for f in same if _aim_of_a_thing(f)]
    if not aims or len(aims) < len(same):
        return None
    return Verdict.refused(
        "certainty",
        f"{claim.token.text!r} states as done what the cited sentence has only as the aim "
        f"of {aims[0].token.head.text!r} ('to {aims[0].token.text}')",
    )


def _aim_of_a_thing(frame: Frame) -> bool:
    """ "regulations to ban", "a bid to reach"; not "the first to reject it", who did."""
    token = frame.token
    return (
        frame.dep in ("acl", "relcl")
        and to_infinitive(token)
        and token.head.pos_ == "NOUN"
        and token.head.lower_ not in ("first", "last", "only", "one", "second", "third")
    )


def _subject_heads(frame: Frame) -> set[str]:
    return {stem(c.lemma_) for c in frame.token.children if c.dep_ == "nsubj"}


def _object_heads(frame: Frame) -> set[str]:
    """What the act is done to, by its head nouns: "seeking ransoms" plans no "surge of
    abductions … after ransom payments"."""
    heads = [c for c in frame.token.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [
        p
        for prep in frame.token.children
        if prep.dep_ == "prep" and prep.lower_ == "to"
        for p in prep.children
        if p.dep_ == "pobj"
    ]  # "invited to the White House" is a visit planned
    heads += [c for h in heads for c in h.children if c.dep_ == "conj"]
    return {stem(t.lemma_) for t in heads if t.pos_ in ("NOUN", "PROPN")}
