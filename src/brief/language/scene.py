"""Where an act happened, how many it fell on and what it was to do, read from the parse.

Both tell one act from another of the same kind by the same doer: "killed all six attackers
who laid siege to a hotel … and later killed at least 50 militants in airstrikes" are two
acts, and "airstrikes … in the Middle Shabelle region" happened somewhere else than the
storming of a hotel "in the Somali city of Beledweyne".
"""

from __future__ import annotations

from spacy.tokens import Token

from brief.language.aliases import load_gazetteer
from brief.language.mentions import CALENDAR_WORDS
from brief.language.modality import to_infinitive

# Prepositions that put an act somewhere: "in Beledweyne", "near the border town of X".
_AT = frozenset({"in", "at", "near", "outside", "inside", "across", "around"})
# Not walked into: another clause tells of its own act and its own place.
_OTHER_CLAUSES = frozenset({"conj", "ccomp", "advcl", "xcomp", "relcl", "acl", "parataxis"})
_COUNTED = frozenset({"dobj", "nsubjpass"})
_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20,
}  # fmt: skip


def place_of(verb: Token) -> str | None:
    """The most specific named place the act's own clause puts it in ("in the Somali city
    of Beledweyne": Beledweyne), or None. A state or organisation named by its own name is
    no place here: "in central Somalia" says no more than the doer or the target does."""
    found: str | None = None
    for token in _own_clause(verb):
        if token.pos_ != "PROPN" or (token.i > 0 and token.nbor(-1).pos_ == "PROPN"):
            continue  # not a name, or not its first word
        name = _name_from(token)
        if _put_by_preposition(token) and _is_place_name(name):
            found = name  # the last is the most specific: "the city of Beledweyne"
    return found


# The kinds of act that are to do something: an agreement or an offer says what.
AIMED_CATEGORIES = frozenset({"agreement", "offer"})


def aim_of(verb: Token) -> str | None:
    """What an agreement or an offer is to do, in its own words ("agreed to make joint
    efforts for regional peace": "to make joint efforts for regional peace"), at most
    `_AIM_WORDS` words; None when the verb has no "to" clause."""
    clause = next((c for c in verb.children if c.dep_ == "xcomp" and to_infinitive(c)), None)
    if clause is None:
        return None
    words = [t.text for t in clause.subtree if not t.is_punct or t.text == "-"]
    if len(words) > _AIM_WORDS:
        return None  # too long to say in a row: the row keeps the article's words
    return " ".join(words).replace(" - ", "-")


_AIM_WORDS = 12


def victims_counted(verb: Token) -> int | None:
    """How many the act fell on, as its object counts them ("killed all six attackers": 6,
    "at least 50 militants were killed": 50), or None."""
    for obj in verb.children:
        if obj.dep_ not in _COUNTED:
            continue
        for number in obj.children:
            if number.dep_ == "nummod":
                return _number(number.text)
    return None


def _own_clause(verb: Token) -> list[Token]:
    """The verb's clause without the clauses inside it."""
    found: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSES)
    return sorted(found, key=lambda t: t.i)


def _put_by_preposition(token: Token) -> bool:
    """Whether the name hangs from "in", "at", … (through "the city of"), not a name used
    as a qualifier ("Somali forces"), a doer or a target."""
    head = token
    while True:
        if head.dep_ in ("compound", "amod", "appos", "flat"):
            head = head.head
        elif head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in _AT:
            return True
        elif head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head  # "the town of Beledweyne": the town's preposition
        else:
            return False


def _name_from(first: Token) -> str:
    words = [first.text]
    for token in first.doc[first.i + 1 :]:
        if token.pos_ != "PROPN" and token.text != "-":
            break
        words.append(token.text)
    return " ".join(words).replace(" - ", "-")


def _is_place_name(name: str) -> bool:
    if name.casefold() in CALENDAR_WORDS:
        return False  # "in March", "on Tuesday": a time
    known = load_gazetteer().lookup(name)
    # A state's or organisation's own name is no place here; a capital ("in Kabul") is.
    return known is None or known.name.casefold() != name.casefold()


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdecimal() and text.isascii():
        return int(text)
    return _SMALL.get(text)
