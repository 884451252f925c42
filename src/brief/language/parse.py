"""Reading a dependency parse: subjects, objects, clauses. Small questions about one token,
asked by `attribution`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from brief.language.mentions import Mention, NamedRun
from brief.language.verbs import ACT_NOUNS, OUTLET_NOUNS, SPEECH, act_category, names_an_outlet

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def head_name(run: NamedRun) -> str:
    return run.head.name


def is_outlet(run: NamedRun, sentence: str) -> bool:
    return names_an_outlet(sentence[run.start : run.end]) or is_media(run.head)


def is_media(mention: Mention) -> bool:
    return mention.kind == "organization" and names_an_outlet(mention.name)


def subject(verb: Token | None) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it is joined to."""
    seen = 0
    while verb is not None and seen < 6:
        found = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if found is not None:
            return found
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            return None
        controller = child(verb.head, "dobj") if verb.dep_ == "xcomp" else None
        if controller is not None:  # "instructed Qureshi to visit": Qureshi visits
            return controller
        verb, seen = verb.head, seen + 1
    return None


def child(token: Token | None, dep: str) -> Token | None:
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ == dep), None)


def object_of(token: Token, preposition: str) -> Token | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == preposition), None)
    return child(prep, "pobj") if prep is not None else None


def preps(token: Token, words: tuple[str, ...]) -> list[Token]:
    objects = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in words:
            objects += [c for c in prep.children if c.dep_ == "pobj"]
    return objects


def has_act(clause: Token) -> bool:
    return any(act_category(t)[0] is not None for t in main_clauses(clause))


def main_clauses(token: Token) -> Iterator[Token]:
    """The token and the verbs joined to it or subordinate to it as clauses (not the
    relative clauses that describe a noun)."""
    yield token
    for child in token.children:
        if child.dep_ in ("conj", "advcl", "ccomp"):
            yield from main_clauses(child)


def in_speech(token: Token) -> bool:
    """Whether the token is inside what a verb of saying reports."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH:
            return True
        token = token.head
    return False


def under_act_noun(token: Token) -> bool:
    """'the killing of X in a drone strike': the strike is the killing's, not an act."""
    head = token.head
    while head.i != head.head.i:
        if head.lemma_.lower() in ACT_NOUNS and head.pos_ == "NOUN":
            return True
        head = head.head
    return False


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_covered(noun: Token, done: set[int]) -> bool:
    """A noun that is the object of an act verb already read ("launched air strikes")."""
    head = noun.head
    return head.i in done or (head.dep_ == "prep" and head.head.i in done)


def nesting(token: Token) -> int:
    """How many reports deep a verb is: 'X said [Y reaffirmed [that…]]'."""
    depth = 0
    while token.head.i != token.i:
        depth += token.dep_ == "ccomp"
        token = token.head
    return depth


# Prepositions of where an object is, or where goods go: never whom an act is done to.
WHERE = frozenset({"in", "inside", "at", "near", "across", "to"})
PENALTIES = frozenset({"tariff", "levy", "duty", "embargo", "sanction"})
# Whom one arrests, releases, expels or summons, when the sentence names them by role.
PEOPLE = frozenset((
    "envoy", "ambassador", "diplomat", "journalist", "reporter", "prisoner", "hostage",
    "activist", "leader", "official", "soldier", "citizen", "national", "suspect", "chargé",
))  # fmt: skip


def preps_or_poss(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "poss"] + preps(noun, ("of", "from"))


def names_an_act(noun: Token) -> bool:
    """'retaliation for the US drone strike', 'response to the attack': a phrase about
    another act. 'A meeting with Imran Khan' is this act's own noun, and its partner."""
    if noun.lemma_.lower() in ACT_NOUNS:
        return False
    return any(t.lemma_.lower() in ACT_NOUNS for t in noun.subtree)


def press_object(verb: Token, runs: list[NamedRun]) -> str | None:
    """The news outlet a verb is done to, if its object is one ("attacked The Wall Street
    Journal newspaper": words, not arms)."""
    text = verb.doc.text
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
        outlets = [r for r in runs if start <= r.start and r.end <= end and is_outlet(r, text)]
        if outlets:
            return text[outlets[0].start : outlets[0].end]
        if obj.lemma_.lower() in OUTLET_NOUNS:
            return obj.text
    return None


def has_own_object(verb: Token) -> bool:
    """A second verb with its own object tells an act of its own: "killed all six
    attackers … and later killed at least 50 militants"."""
    return verb.dep_ == "conj" and any(c.dep_ == "dobj" for c in verb.children)


def has_partner(verb: Token) -> bool:
    """Whether talks told by `verb` name a partner: "with", "between" or "to" on the verb,
    its object, or a noun of its own phrase ("discussed … in a phone call with …"); not
    "along with Britain", nor "a meeting on Iran's program", a topic."""
    words = [verb, *verb.children]
    near = {w.i for w in words}
    for word in words:  # "… discussed tensions in a call with …": the call of a phrase
        near |= {g.i for p in word.children if p.dep_ == "prep" for g in p.children}
    return any(
        t.dep_ == "prep" and t.lower_ in ("with", "between", "to") and t.head.i in near
        for t in verb.subtree
    )
