"""Who did it: a claim may not name the doer of an act its sources leave unnamed.

"Gunmen attacked an army base in India" and, in another sentence, "Pakistan denied any
role": every word of "Pakistan attacked India" is there, and its act is there, but not its
doer. A source names the doer of an unnamed act only by a claim of it ("al-Shabab claimed
responsibility for the attack"); blame ("India blamed Pakistan") is the blamer's charge.
"""

from __future__ import annotations

from brief.meaning.frames import Frame
from brief.meaning.lexicon import ACT_GROUPS, FORCE_GROUPS
from brief.meaning.matching import same_act
from brief.meaning.parties import same_party
from brief.meaning.verdict import Verdict

_CLAIMING = frozenset({"claim"})


def unnamed_doer(claim: Frame, told: Frame, frames: list[Frame]) -> Verdict | None:
    """Refused when the claim names a doer for an act whose cited doer is unnamed
    ("gunmen", "militants", or none), and no cited sentence has that doer claim it."""
    doer = claim.subject
    if doer is None or not doer.own_names or not _done_by_its_subject(claim):
        return None
    if not same_act(claim, told):
        return None
    cited = told.subject
    if cited is not None and (cited.pronoun or cited.names):
        return None  # a named doer is compared as such; "they" the parse cannot tell
    for frame in frames:
        if frame.lemma in _CLAIMING and frame.subject and same_party(doer, frame.subject):
            return None  # "al-Shabab claimed responsibility for the attack"
    who = f"{cited.head!r}" if cited is not None else "no one"
    named = sorted(doer.own_names, key=len)[-1]
    return Verdict.refused(
        "added", f"the cited sentence names {who} as who {told.token.text}, not {named!r}"
    )


def _done_by_its_subject(claim: Frame) -> bool:
    """An act of force told in the active voice: its subject is its doer ("was killed",
    "died" tell the one it befell)."""
    group = ACT_GROUPS.get(claim.lemma) or ACT_GROUPS.get(claim.base)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in claim.token.children)
    return group in FORCE_GROUPS and not passive and claim.lemma not in ("die", "dead", "death")
