"""Where a claim puts an act against where its evidence puts things: "killed in Irbil" needs
a cited sentence that places something in Irbil."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from brief.meaning.parties import name_keys
from brief.meaning.verdict import Verdict


def places_problem(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """A place where something happened must be where the evidence puts something."""
    where = {
        k
        for doc in evidence
        for e in doc.ents
        if e.label_ in ("GPE", "LOC") and _placed_by(e.root)
        for k in name_keys(e.text)
    }  # fmt: skip
    # "the Somali city of Beledweyne", a name the recogniser may miss or call a person,
    # and the state it is in; "in eastern Shan state"
    where |= {k for doc in evidence for t in doc if t.pos_ == "PROPN" and t.dep_ == "pobj"
              and _place_of_kind(t.head)
              for w in [t, *(a for a in t.head.head.children if a.dep_ == "amod")]
              for k in name_keys(w.text)}  # fmt: skip
    # "in the capital, Khartoum"
    where |= {k for doc in evidence for t in doc if t.pos_ == "PROPN" and t.head.dep_ == "pobj"
              and (t.dep_ in ("appos", "conj") or t.dep_ == "compound"
                   and t.head.lemma_.lower() in _PLACE_KINDS)
              for k in name_keys(t.text)}  # fmt: skip
    told_sides = {side for doc in evidence for side in _compass(doc)}
    for side in _compass(claim):
        if told_sides and side not in told_sides:
            return Verdict.refused("number", f"the cited sentences do not say {side!r}")
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


_WHERE = frozenset({"in", "at", "inside", "near", "into", "from", "on", "across", "throughout"})
# The words between a place and the preposition that places something: "in Haiti's north",
# "in Texas and Southern states", "on the Middle Shabelle and Hiran regions".
_WITHIN = frozenset({"nmod", "compound", "poss", "conj", "appos", "amod", "det"})


def _placed_by(root: Token) -> bool:
    node = root
    for _ in range(4):
        if node.dep_ == "pobj":
            return node.head.lower_ in _WHERE
        if node.dep_ not in _WITHIN or node.head.i == node.i:
            return False
        node = node.head
    return False


_PLACE_KINDS = frozenset({"city", "town", "village", "province", "region", "district",
                          "state", "capital", "area", "county", "port"})  # fmt: skip


def _place_of_kind(preposition: Token) -> bool:
    """ "in the Somali city of Beledweyne": the place is Beledweyne."""
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in _PLACE_KINDS


_SIDES = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")


def _compass(doc: Doc) -> set[str]:
    """The points of the compass a sentence names: "northeastern" and "north-east" are
    "northeast"."""
    # A name's own ("North Korea", "the West Bank") points nowhere.
    text = " ".join("_" if t.ent_type_ or t.text[:1].isupper() else t.lower_ for t in doc)
    words = re.findall(r"\b(?:north|south)?(?: - )?(?:north|south|east|west)(?:ern)?\b", text)
    sides = {side for w in words if (side := w.replace(" - ", "").removesuffix("ern")) in _SIDES}
    # "in north and east Syria" is its northeast
    return sides | {a + b for a in ("north", "south") for b in ("east", "west") if {a, b} <= sides}
