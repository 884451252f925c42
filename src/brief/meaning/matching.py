"""Which clause of the evidence a claim's clause retells: the same act (or its opposite)
on the same things, by the same doer where the parse can tell."""

from __future__ import annotations

from brief.meaning.frames import Frame, is_affirmative
from brief.meaning.lexicon import ACT_GROUPS, NEGATIVE_IMPLICATIVE, OPPOSITES, SAYING
from brief.meaning.parties import same_party


def matching_frame(frame: Frame, told: list[Frame]) -> Frame | None:
    best, best_score = None, 0.0
    for candidate in told:
        score = _affinity(frame, candidate)
        if score > best_score:
            best, best_score = candidate, score
    if best is not None and not same_act(frame, best):
        # The same act by the same doer is the clause the claim retells, before another
        # that only shares more words: "demanded" against the evidence's "demanding",
        # not against its "highlighted".
        own = [f for f in told if same_act(frame, f) and same_subject(frame, f)]
        best = max(own, key=lambda f: _affinity(frame, f), default=best)
    return best if best_score >= 2 else None


def said_by_the_same(frame: Frame, match: Frame, told: list[Frame]) -> Frame | None:
    """Another clause of the evidence as close to the claim's as `match`, said by the
    claim's speaker: "the mayor said the plentiful supply …" matched first to what
    another official urged in the sentence before."""
    speaker = frame.speaker
    if speaker is None:
        return None
    own = [
        f
        for f in told
        if f is not match and any(same_party(speaker, s) is True for s in f.speakers)
    ]
    best = matching_frame(frame, own)
    if best is None or _affinity(frame, best) < int(_affinity(frame, match)):
        return None
    return best


def _affinity(a: Frame, b: Frame) -> float:
    shared = len(a.args & b.args)
    if same_act(a, b) and (shared or a.lemma not in SAYING):
        return 2 + shared
    # "This will be great", "has good relations" judge whatever their subject is: they
    # stand against a claim when said of its subject, or of much the same things.
    light = b.base in _LIGHT and not same_subject(a, b)
    if opposed(a, b) and shared >= (3 if light else 1):
        return 2 + shared
    if a.lemma in SAYING and b.lemma in SAYING:
        return 0.5 + shared if shared else 0
    if a.lemma in SAYING:
        return 0  # a saying tells what someone said, not the act its words name
    return shared if shared >= 2 else 0


_LIGHT = frozenset({"be", "have"})


def same_subject(a: Frame, b: Frame) -> bool:
    return (
        a.subject is not None
        and b.subject is not None
        and (same_party(a.subject, b.subject) is True)
    )


# One act in two words, for matching only (neither is an act a claim may not invent).
_SAME_ACTS = {"let": "allow", "permit": "allow", "urge": "call for", "press for": "call for"}


def same_act(a: Frame, b: Frame) -> bool:
    if a.lemma == b.lemma or a.base == b.base:
        return a.base != "be" or a.lemma == b.lemma
    if _SAME_ACTS.get(a.lemma, a.lemma) == _SAME_ACTS.get(b.lemma, b.lemma):
        return True
    group = ACT_GROUPS.get(a.lemma) or ACT_GROUPS.get(a.base)
    return group is not None and group == (ACT_GROUPS.get(b.lemma) or ACT_GROUPS.get(b.base))


def opposed(a: Frame, b: Frame) -> bool:
    neg = {a.lemma in NEGATIVE_IMPLICATIVE, b.lemma in NEGATIVE_IMPLICATIVE}
    aff = {is_affirmative(a), is_affirmative(b)}
    return (True in neg and True in aff) or (a.valence * b.valence < 0)


def denied_otherwise(claim: Frame, told: Frame) -> bool:
    """Another verb for the act, by the same doer on the same things, one of the two denied
    by its own "not": "does not make disclaimers" against "labels his ads with
    disclaimers" (verbs that take a side are read by their opposites instead)."""
    if not same_subject(claim, told) or len(claim.args & told.args) < 3:
        return False
    if {claim.lemma, told.lemma} & _SIDED:
        return False
    return _denied(claim) != _denied(told)


_SIDED = frozenset({w for pair in OPPOSITES for side in pair for w in side} | NEGATIVE_IMPLICATIVE)


def _denied(frame: Frame) -> bool:
    return any(c.dep_ == "neg" for c in frame.token.children)
