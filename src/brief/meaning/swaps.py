"""Two parties that trade places: "criminal groups would not succumb to pressure from his
administration" where the evidence has the administration not succumbing to pressure from
criminal groups. Every word of such a claim is in its evidence; only the places differ.

A party's place is where it stands in its sentence: subject, object, or the object of a
preposition, and the word it hangs on ("pressure from", "support of", "apologizing to").
A claim is refused when two of its parties each stand where the evidence has the other,
and neither stands where the evidence has it. Voice alone moves no one into the other's
place ("X attacked Y", "Y was attacked by X": the subject's place is not the object's), and
acts done together ("met with", "clashed with") have no sides to swap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from brief.meaning.lexicon import TOGETHER_ACTS
from brief.meaning.parties import stem
from brief.meaning.verdict import Verdict

Place = tuple[str, str]
Party = tuple[str, str]  # its stem, and whether it is a name or a noun

_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss"})
# Acts done with each other, and words for them: either side may be named first.
_TOGETHER = TOGETHER_ACTS | {"tie", "relation", "deal", "agreement", "talks", "call", "summit",
                             "war"}  # fmt: skip


def swapped_parties(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """Two parties of the claim in each other's places in the evidence."""
    mine = _places(claim)
    theirs: dict[Party, set[Place]] = defaultdict(set)
    for doc in evidence:
        for party, places in _places(doc).items():
            theirs[party] |= places
    shared = [p for p in mine if p in theirs and not mine[p] & theirs[p]]
    for i, a in enumerate(shared):
        for b in shared[i + 1 :]:
            if a[1] != b[1]:
                continue
            if _moved(mine[a], theirs[b]) and _moved(mine[b], theirs[a]):
                return Verdict.refused(
                    "role",
                    f"the cited sentences have {_shown(claim, a)} and {_shown(claim, b)} "
                    f"the other way round",
                )
    return None


_DIRECTIONS = frozenset({"from", "to", "into", "toward", "towards", "against", "by"})
_TOGETHER_STEMS = frozenset(stem(w) for w in _TOGETHER)


def _moved(claimed: set[Place], told: set[Place]) -> bool:
    return any(not _together(place) for place in claimed & told)


def _together(place: Place) -> bool:
    preposition = place[0].split(":")[0]
    return place[1] in _TOGETHER_STEMS or preposition in ("with", "between", "among")


def _places(doc: Doc) -> dict[Party, set[Place]]:
    """Each party (a noun or name, by its stem) and the places it stands in. A name and a
    noun are never taken to trade places: "the journalist's lawyer … Mech Dara" and "Mech
    Dara's lawyer … the journalist" name one man twice."""
    found: dict[Party, set[Place]] = defaultdict(set)
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _ROLES:
            continue
        if token.pos_ == "PROPN" and token.i + 1 < len(doc) and token.nbor().dep_ == "flat":
            continue
        found[_party(token)].add(_place(token))
        if token.dep_ == "pobj" and token.head.lower_ in _DIRECTIONS:
            # "from Nampula to Cabo Delgado": where from and where to, whatever was moved
            found[_party(token)].add((token.head.lower_, "*"))
    return found


def _party(token: Token) -> Party:
    named = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if token.pos_ == "NOUN" and named:
        return stem(named[0].lemma_), "PROPN"  # "Cabo Delgado province" is a place by name
    return stem(token.lemma_), token.pos_


def _place(token: Token) -> Place:
    head = token.head
    if token.dep_ == "pobj":
        # "pressure from X": the preposition and the word it hangs on
        return f"{head.lower_}:{stem(head.head.lemma_)}", stem(head.head.lemma_)
    return token.dep_, stem(head.lemma_)


def _shown(doc: Doc, party: Party) -> str:
    token = next((t for t in doc if _party(t) == party), None)
    return repr(token.text) if token is not None else repr(party[0])
