"""What a sentence says, read from its parse: for every clause, who does what to whom,
whether it is so (polarity), how sure it is (done, hedged, or only threatened, planned or
wished), and who says it. The meaning check compares these, not the words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from brief.meaning.lexicon import (
    AFFIRMATIVE,
    HEDGES,
    HEDGING,
    MODALS,
    NEGATIVE_IMPLICATIVE,
    NEGATORS,
    PROSPECTIVE,
    PROSPECTIVE_NOUNS,
    SAYING,
    valence,
)
from brief.meaning.parties import Party, party_of, stem

Level = Literal["done", "hedged", "prospective"]
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "acl", "csubj", "parataxis", "prep",
                      "pobj", "dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos", "npadvmod",
                      "advmod"})  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their",
                       "its", "our", "him", "them", "us", "who", "which", "that"})  # fmt: skip
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB", "ADV"})
_STOP_ARGS = frozenset({"say", "tell", "be", "have", "do", "also", "then", "so", "just",
                        "more", "most", "other", "such", "there", "here", "very"})  # fmt: skip


@dataclass
class Frame:
    """One clause: its predicate and what the parse says about it."""

    token: Token
    lemma: str
    base: str
    polarity: bool
    level: Level
    conditional: bool
    subject: Party | None
    objects: list[Party]
    speakers: list[Party]
    args: set[str]
    valence: float
    dep: str
    sentence: int
    markers: list[str] = field(default_factory=list)

    @property
    def speaker(self) -> Party | None:
        return self.speakers[0] if self.speakers else None


# ------------------------------------------------------------------------------ names


# ------------------------------------------------------------------------------ frames


def frames_of(doc: Doc, sentence: int = 0) -> list[Frame]:
    """Every clause of the parsed sentence, with a frame each."""
    frames = []
    for token in doc:
        if _is_predicate(token):
            frames.append(_frame(token, sentence))
    return frames


def _is_predicate(token: Token) -> bool:
    if token.lower_ in ("according", "including"):
        return False  # "according to X", "including Y": prepositions tagged as verbs
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and token.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl",
                                                   "xcomp", "acl", "parataxis")  # fmt: skip


def _frame(token: Token, sentence: int) -> Frame:
    lemma = phrasal_lemma(token)
    markers: list[str] = []
    return Frame(
        token=token,
        lemma=lemma,
        base=token.lemma_.lower(),
        polarity=_polarity(token),
        level=_level(token, markers),
        conditional=_conditional(token),
        subject=_subject(token),
        objects=_objects(token),
        speakers=_speakers(token),
        args=arguments(token),
        valence=_valence(token),
        dep=token.dep_,
        sentence=sentence,
        markers=markers,
    )


def phrasal_lemma(token: Token) -> str:
    """ "hit back", "turn down", "call for", "open fire", "shoot dead"; a copula is read as
    what it says something is ("was not supportive" → "supportive")."""
    base = token.lemma_.lower()
    if base == "be":
        for child in token.children:
            if child.dep_ in ("acomp", "attr") and child.pos_ != "PRON":
                return child.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in ("back", "away")):
            return f"{base} {child.lemma_.lower()}"
        if (
            base in ("call", "ask", "appeal", "press")
            and child.dep_ == "prep"
            and child.lower_ == "for"
        ):
            return f"{base} for"
        if base == "open" and child.dep_ == "dobj" and child.lower_ == "fire":
            return "open fire"
        if base == "shoot" and child.lower_ == "dead":
            return "shoot dead"
        if base == "declare" and child.dep_ == "dobj" and child.lower_ == "war":
            return "declare war"
    return base


def _governors(token: Token, *, through_conj: bool = False) -> list[Token]:
    """The clauses above this one, nearest first, stopping at a relative clause (what a
    relative clause says of its noun is not under the main clause's negation) and at an
    adverbial clause ("if", "when", "saying"). The first of two conjoined clauses is not
    above the second ("did not stop and left"), unless `through_conj`."""
    chain = []
    current = token
    while current.head.i != current.i and (
        current.dep_ not in ("ROOT", "relcl", "advcl") or _content_clause(current)
    ):
        skip = current.dep_ == "conj" and not through_conj
        current = current.head
        if not skip:
            chain.append(current)
        if current.dep_ not in _CLAUSAL and current.dep_ != "conj":
            break
    return chain


def _content_clause(token: Token) -> bool:
    """A "relative" clause with no relative word is the noun's content: "no indications
    the plane went down"."""
    return token.dep_ == "relcl" and not any(
        c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that" for c in token.children
    )


def _own_negation(token: Token) -> int:
    flips = 0
    if token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "nor" for c in token.head.children
    ):
        flips += 1  # "neither … nor will its land be used"
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in token.children):
        flips += 1
    for child in token.children:
        if (
            child.dep_ == "neg"
            or (child.dep_ in ("advmod", "det") and child.lower_ in NEGATORS)
            or child.dep_ in (*_SUBJECTS, *_OBJECTS, "nsubjpass")
            and _negated_noun(child)
        ):
            flips += 1
    if token.pos_ in ("NOUN", "PROPN") and _negated_noun(token):
        flips += 1
    return flips


def _negated_noun(token: Token) -> bool:
    return any(c.dep_ in ("det", "preconj", "amod") and c.lower_ in ("no", "neither", "none")
               for c in token.children)  # fmt: skip


def _implicative(token: Token) -> int:
    lemma = phrasal_lemma(token)
    return int(lemma in NEGATIVE_IMPLICATIVE or token.lemma_.lower() in NEGATIVE_IMPLICATIVE)


def _unprefixed(lemma: str) -> bool:
    return lemma.startswith(("unconfirm", "unverif", "unwill", "unable", "unsupport"))


def clause_polarity(token: Token) -> bool:
    """Whether the clause a word belongs to says it is so ("not" and "denied" flip it)."""
    node = token
    while not _is_predicate(node) and node.head.i != node.i:
        if node.pos_ in ("NOUN", "ADJ") and _own_negation(node):
            return not _polarity_of_self(node.head)
        node = node.head
    return _polarity_of_self(node)


def _polarity(token: Token) -> bool:
    flips = _own_negation(token) + _implicative(token)
    if token.lemma_.lower() == "be":
        flips += sum(_implicative(c) for c in token.children if c.dep_ in ("acomp", "attr"))
    for governor in _governors(token):
        flips += _own_negation(governor) + _implicative(governor)
    return flips % 2 == 0


def _level(token: Token, markers: list[str]) -> Level:
    level: Level = "done"
    for node in [token, *_governors(token, through_conj=True)]:
        lemma = phrasal_lemma(node)
        for child in node.children:
            if child.dep_ == "aux" and child.lemma_.lower() in MODALS:
                markers.append(child.lower_)
                level = "prospective"
            if child.dep_ in ("advmod", "amod") and child.lower_ in HEDGES:
                markers.append(child.lower_)
                level = "hedged" if level == "done" else level
            if child.dep_ in (*_OBJECTS, "nsubj", "pobj"):
                for grand in child.children:
                    if grand.dep_ in ("amod", "advmod") and grand.lower_ in HEDGES:
                        markers.append(grand.lower_)
                        level = "hedged" if level == "done" else level
        if node.i != token.i and node.pos_ == "NOUN" and node.lemma_.lower() in PROSPECTIVE_NOUNS:
            markers.append(node.lemma_.lower())
            level = "prospective"
        if node.i != token.i and node.lemma_.lower() in MODALS:
            markers.append(node.lower_)
            level = "prospective"
        if node.i != token.i and (lemma in PROSPECTIVE or node.lemma_.lower() in PROSPECTIVE):
            markers.append(lemma)
            level = "prospective"
        elif node.i != token.i and lemma in HEDGING:
            markers.append(lemma)
            level = "hedged" if level == "done" else level
        if node.tag_ == "VBG" and node.dep_ == "pcomp" and node.head.lower_ in ("including",):
            level = "prospective"
    return level


def _conditional(token: Token) -> bool:
    for node in [token, *_governors(token)]:
        for child in node.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children
            ):
                return True
    return False


def _subject(token: Token) -> Party | None:
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return party_of(pobj)
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj"):
            return party_of(child)
    if token.dep_ in ("xcomp", "conj", "advcl") and token.head.pos_ in ("VERB", "AUX"):
        if token.dep_ == "xcomp":
            for child in token.head.children:
                if child.dep_ in ("dobj",) and token.head.lemma_.lower() in (
                    "urge",
                    "ask",
                    "order",
                    "call",
                    "press",
                    "tell",
                    "persuade",
                    "allow",
                ):
                    return party_of(child)
        return _subject(token.head)
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        return party_of(token.head)
    return None


def _objects(token: Token) -> list[Party]:
    found = []
    for child in token.children:
        if child.dep_ == "nsubjpass":
            continue  # the one acted on, but a passive's adjective reading ("disappointed") too
        if child.dep_ == "prep" and child.lower_ == "according":
            continue
        if child.dep_ in _OBJECTS:
            found.append(party_of(child))
        elif child.dep_ == "prep" and child.lower_ not in ("in", "at", "during", "after",
                                                             "before", "since", "for"):  # fmt: skip
            found.extend(party_of(g) for g in child.children if g.dep_ == "pobj")
    return found


def _speakers(token: Token) -> list[Party]:
    """Who says the clause, nearest first: the subjects of the verbs of saying above it
    (a report of a report names both), then the "according to" of its sentence."""
    found = []
    for node in token.ancestors:
        if _says(node):
            subject = _subject(node)
            if subject is not None:
                found.append(subject)
    for child in token.children:
        if child.dep_ == "parataxis" and _says(child):
            subject = _subject(child)
            if subject is not None:
                found.append(subject)
    for node in token.sent:
        if node.lower_ == "according":
            for to in node.children:
                found.extend(party_of(p) for p in to.children if p.dep_ == "pobj")
    return found


def _says(node: Token) -> bool:
    if node.lemma_.lower() in SAYING or phrasal_lemma(node) in SAYING:
        return True
    return node.lemma_.lower() == "make" and any(c.lower_ == "clear" for c in node.children)


def arguments(token: Token) -> set[str]:
    """The content words of the clause's own arguments (not of the clauses under it),
    compared on their first five letters."""
    words: set[str] = set()
    skipped = ("ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "aux")
    stack = [c for c in token.children if c.dep_ not in skipped]
    while stack:
        node = stack.pop()
        if node.pos_ in _CONTENT_POS and node.lemma_.lower() not in _STOP_ARGS:
            words.add(stem(node.lemma_))
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "ccomp"))
    return words


def _valence(token: Token) -> float:
    """How good or bad the clause says its object is: its verb, or what a copula or
    "called X …"/"described X as …" says of it."""
    total = valence(phrasal_lemma(token)) or valence(token.lemma_.lower())
    for child in token.children:
        judged: tuple[str, ...] = ("acomp", "oprd", "attr")
        if token.lemma_.lower() in ("call", "describe", "term", "label", "brand"):
            judged = (*judged, "ccomp", "xcomp")
        if child.dep_ in judged:
            total += valence(child.lemma_.lower()) or valence(child.lower_)
        if child.dep_ in (*judged, "dobj"):
            total += sum(valence(g.lower_) for g in child.children if g.dep_ == "amod")
        preps = [child] if child.dep_ == "prep" else []
        if child.dep_ == "dobj":
            preps = [g for g in child.children if g.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ != "as":
                continue
            for pobj in prep.children:
                total += valence(pobj.lemma_.lower())
                total += sum(valence(g.lower_) for g in pobj.children if g.dep_ == "amod")
    return total if _polarity_of_self(token) else -total


def _polarity_of_self(token: Token) -> bool:
    flips = _own_negation(token)
    for governor in _governors(token):
        flips += _own_negation(governor) + _implicative(governor)
    return flips % 2 == 0


def is_affirmative(frame: Frame) -> bool:
    return frame.lemma in AFFIRMATIVE or frame.base in AFFIRMATIVE
