"""Who the parties of a clause are: its subject, objects and speaker read as names that can
be compared ("Beijing" is China, "Buhari" is "Muhammadu Buhari", "he" the last person named)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brief.language import demonyms, load_gazetteer, normalise_name
from brief.meaning.lexicon import (
    CLOSING_QUOTES,
    CONTINENTS,
    MOUTHPIECES,
    OPENING_QUOTES,
    SEATS,
    SHORTHAND,
)

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW",
                          "WORK_OF_ART", "PRODUCT"})  # fmt: skip
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                        "QUANTITY"})  # fmt: skip
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their",
                       "its", "our", "him", "them", "us", "who", "which", "that"})  # fmt: skip


def stem(word: str) -> str:
    return normalise_name(word)[:5] if word else ""


def told_stems(evidence: Sequence[Doc]) -> set[str]:
    """Every word of the evidence by its stem, as lemma and as written."""
    words = [t for doc in evidence for t in doc]
    return {stem(t.lemma_) for t in words} | {stem(t.text) for t in words}


@dataclass(frozen=True)
class Party:
    """Who a clause's subject, object or speaker is: the names it carries (as comparable
    keys), the ones that name it rather than its owner ("Altun" in "Erdogan's chief,
    Fahrettin Altun"), and its head word."""

    names: frozenset[str]
    own_names: frozenset[str]
    head: str
    pronoun: bool
    words: frozenset[str] = frozenset()  # its head and the nouns compounded with it
    # The state whose office names it: Pakistan in "Pakistan's prime minister Imran Khan".
    office_of: frozenset[str] = frozenset()

    @property
    def identity(self) -> frozenset[str]:
        return self.own_names or self.names


def name_keys(text: str) -> set[str]:
    """Comparable keys of a name: the state or organisation it stands for, else its
    normalised form and its last word (a surname, "Buhari" for "Muhammadu Buhari")."""
    keys: set[str] = set()
    for part in re.split(r"[-–—/]", text):
        part = re.sub(r"['’]s?$", "", part.strip())
        if not part:
            continue
        key = normalise_name(part)
        if not key:
            continue
        keys.add(SHORTHAND.get(key, key))
        keys.update(SEATS.get(key, ()))
        known = load_gazetteer().lookup(part)
        if known is not None:
            keys.add(normalise_name(known.name))
        state = _demonym_state(part) or CONTINENTS.get(key)
        if state:
            keys.add(normalise_name(state))
        words = key.split()
        if len(words) > 1 and known is None:
            # "U.N. Office for the Coordination of …": of the United Nations, by its first word
            keys.update((SHORTHAND.get(words[0], words[0]), words[-1]))
    return {k for k in keys if len(k) > 1}


def _demonym_state(word: str) -> str | None:
    table = demonyms()
    return table.get(word) or table.get(word.rstrip("s"))


def names_in(doc: Doc | Span) -> list[Span]:
    """The names in a sentence: its entities, and runs of proper nouns they miss."""
    found = [e for e in doc.ents if e.label_ in _NAME_LABELS]
    covered = {t.i for e in found for t in e}
    run: list[Token] = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.pos_ == "PROPN"
            and token.i not in covered
            and token.ent_type_ not in _NOT_NAMES
        ):
            run.append(token)
            continue
        if run:
            found.append(run[0].doc[run[0].i : run[-1].i + 1])
            run = []
    # A name is written with a capital: "physicians" tagged as a person is no name.
    return [name for name in found if any(t.text[:1].isupper() for t in name)]


_RESOLVED = frozenset({"he", "she", "they"})
_NOT_PEOPLE = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC"})


def party_of(token: Token) -> Party:
    if token.lower_ == "which" and token.head.dep_ == "relcl":
        return party_of(token.head.head)  # "Mauritius, which argues …" is Mauritius
    if token.lower_ in _RESOLVED:
        earlier = _antecedent(token)
        if earlier is not None:
            return party_of(earlier)
    teller = _own_teller(token)
    if teller is not None:
        return party_of(teller)
    span = _core(token)
    within = _names_within(span) or [
        name for name in _names_within(token.doc[token.left_edge.i : token.right_edge.i + 1])
        if not _in_relative(name.root, token)
    ]  # fmt: skip
    names: set[str] = set()
    own: set[str] = set()
    for name in within:
        keys = name_keys(name.text)
        names |= keys
        if not _owned(name, token):
            own |= keys
    whole = _known_whole(span)
    if whole:
        names |= whole  # "Doctors Without Borders", which the recogniser reads as words
        own |= whole
    hyphened = token.i + 1 < len(token.doc) and token.nbor().text == "-"  # "Ex-minister"
    covered = any(token.i in range(name.start, name.end) for name in within)
    if not covered and _bare_name(token) and not hyphened:
        # "Countryman worries …", tagged a noun; "Mehdiyev, an Azerbaijani, said"
        keys = name_keys(token.text)
        names, own = (keys, keys) if not within else (names | keys, own | keys)
    if token.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "case" for c in token.children):
        own = set()  # "Omarov's said": someone of Omarov's (his lawyer), not Omarov
    head = token.lemma_.lower()
    words = {stem(head)} | {stem(c.lemma_) for c in token.children if c.dep_ == "compound"}
    return Party(frozenset(names), frozenset(own), head, token.lower_ in PRONOUNS,
                 frozenset(words), _office_of(span))  # fmt: skip


def _office_of(span: Span) -> frozenset[str]:
    """The state or body that gives the party its office, by the office's owner
    ("Pakistan's", "Iranian", "Hamas"), not by a place after it ("Somalia's ambassador to
    Kenya" is not Kenya's); a person's spokesman does not speak for him."""
    if any(t.lower_ in _NO_LONGER for t in span):
        return frozenset()
    owners = [c for t in span if t.lemma_.lower() in _OFFICES for c in t.children
              if c.dep_ in ("poss", "amod", "compound") and c.text[:1].isupper()
              and c.ent_type_ != "PERSON"]  # fmt: skip
    return frozenset(k for c in owners for k in name_keys(c.text))


# Offices whose holder speaks for the state that gives them: its president, its ministers,
# their spokespeople, its envoys. An official, an adviser or a former minister does not.
_OFFICES = frozenset({"president", "minister", "premier", "chancellor", "king",
                      "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
                      "secretary"})  # fmt: skip
_NO_LONGER = frozenset({"former", "ex", "late", "outgoing"})


def _in_relative(node: Token, head: Token) -> bool:
    """Whether a name below the party sits in a relative clause on it: "populists who
    criticize the Schengen system" are not Schengen."""
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False


def _known_whole(span: Span) -> set[str]:
    words = [t for t in span if t.dep_ not in ("det", "poss", "case", "punct")]
    if len(words) < 2 or not any(t.text[:1].isupper() for t in words):
        return set()
    text = span.doc[words[0].i : words[-1].i + 1].text
    return name_keys(text) if load_gazetteer().lookup(text) is not None else set()


def _own_teller(token: Token) -> Token | None:
    """ "Somalia said it killed…": the "it" of what a named party says is that party."""
    clause = token.head
    if token.lower_ != "it" or token.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    teller = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return teller if teller is not None and teller.pos_ == "PROPN" else None


def _core(token: Token) -> Span:
    """The words that name the party, without what a relative clause says of it: the
    "David Gee" in "Rogene Gee Calvert, who wrote about her father, David Gee" is not her."""
    end = token.right_edge.i
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            end = min(end, child.left_edge.i - 1)
    return token.doc[token.left_edge.i : max(end, token.i) + 1]


def _antecedent(pronoun: Token) -> Token | None:
    """The nearest earlier subject that is a name or a noun: who "he" or "they" most
    likely is, in a sentence and the one before it."""
    person = pronoun.lower_ in ("he", "she")
    wanted = ("PROPN",) if person else ("PROPN", "NOUN")
    for token in reversed(pronoun.doc[: _before_quote(pronoun)]):
        if person and token.ent_type_ in _NOT_PEOPLE:
            continue  # "'… for the West to pull Russia away,' he said": he is no West
        if token.dep_ in ("nsubj", "nsubjpass") and (token.pos_ in wanted or _bare_name(token)):
            return token
    return None


def _before_quote(pronoun: Token) -> int:
    """Where the words before "he said" stop being a quote: "'Schengen no longer exists,'
    he said" does not make Schengen the speaker. A quote opened in an earlier sentence
    leaves no one in this one."""
    doc = pronoun.doc
    before = reversed(doc[max(pronoun.i - 2, 0) : pronoun.i])
    closing = next((t for t in before if t.text in CLOSING_QUOTES), None)
    if closing is None:
        return pronoun.i
    opening = next((t for t in reversed(doc[: closing.i]) if t.text in OPENING_QUOTES), None)
    return opening.i if opening is not None else 0


def _bare_name(token: Token) -> bool:
    """A capitalised singular noun with no article or owner is a name the tagger missed:
    "Barnier, too, was …"."""
    return (
        token.tag_ == "NN"
        and token.text[:1].isupper()
        and not any(c.dep_ in ("det", "poss") for c in token.children)
    )


def _names_within(span: Span) -> list[Span]:
    doc = span.doc
    found = [e for e in doc.ents if e.label_ in _NAME_LABELS and e.start >= span.start
             and e.end <= span.end]  # fmt: skip
    covered = {t.i for e in found for t in e}
    run: list[Token] = []
    for token in [*span, None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in covered:
            run.append(token)
            continue
        if run:
            found.append(doc[run[0].i : run[-1].i + 1])
            run = []
    return found


def _owned(name: Span, head: Token) -> bool:
    """Whether the name is an owner or a place of the party, not the party itself:
    "Pakistan" in "Pakistan's foreign minister", "Sudan" in "his teams in Sudan"."""
    if head.i in range(name.start, name.end):
        return False
    if (
        name.label_ == "PERSON"
        and name.end == head.right_edge.i + 1
        and name.root.head.lower_ == "for"
    ):
        return False  # "U.N. Resident Coordinator for Myanmar Andrew Kirkwood": he
    node = name.root
    while node.i != head.i and node.head.i != node.i:
        if node.head.lemma_.lower() in MOUTHPIECES and node.dep_ in ("poss", "compound"):
            return False  # "the NISA statement", "VOA's review": NISA and VOA say it
        if node.dep_ in ("poss", "pobj", "compound", "amod", "nmod") and node.head.pos_ in (
            "NOUN",
            "ADP",
        ):
            return not (node.dep_ == "compound" and node.head.pos_ == "PROPN")
        if node.dep_ == "appos":
            return False
        node = node.head
    return False


def same_party(a: Party, b: Party) -> bool | None:
    """True when both name the same party, False when they name different ones, None when
    one of them is unnamed (a pronoun, "officials") and the parse cannot tell."""
    if a.pronoun or b.pronoun:
        return None
    named, plain = (a, b) if a.identity else (b, a)
    if a.head == b.head and not plain.identity and named.own_names <= {named.head}:
        return True  # "Government said" (read as a bare name) is "the government said"
    if _speaks_for(a, b) or _speaks_for(b, a):
        return True
    people = _other_people(a, b)
    if people is not None:
        return people
    if a.own_names and b.own_names:
        return bool(a.own_names & b.own_names)
    other_sides = a.head != b.head and _known(a.names) and _known(b.names)
    if a.names and b.names and (a.own_names or b.own_names or a.words & b.words or other_sides):
        # "Beijing's envoy" is not "Washington's envoy", "Turkish troops" not "Kurdish
        # militias"; "people south of the Sahara" and "sub-Saharan Africans" are not
        # told apart by their places.
        return bool(a.names & b.names) or bool(_stems(a.names) & _stems(b.names))
    if not a.identity and not b.identity:
        return bool(a.words & b.words) or None
    return None


def _speaks_for(state: Party, holder: Party) -> bool:
    """ "Pakistan" said what "Pakistan's prime minister Imran Khan" said: a state or a body
    speaks through the holder of one of its offices, named as its in the same words."""
    return bool(state.own_names) and state.own_names <= holder.office_of


def _known(names: frozenset[str]) -> bool:
    """Whether the names stand for a state or body the gazetteer knows."""
    return any(load_gazetteer().lookup(n) is not None for n in names)


def _other_people(a: Party, b: Party) -> bool | None:
    """Two full names are one person only by the whole name: "Mark Simon" is not "Mark
    Clifford", "David Gee" not "Albert Gee", though they share a word."""
    full_a = {k for k in a.own_names if " " in k}
    full_b = {k for k in b.own_names if " " in k}
    if not full_a or not full_b or full_a & full_b:
        return None
    if not a.own_names & b.own_names:
        return None  # no shared word: the rules below tell them apart
    if any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in full_a for y in full_b):
        return None  # "Asia Society" and "Asia Society Texas"
    firsts_a, firsts_b = {k.split()[0] for k in full_a}, {k.split()[0] for k in full_b}
    lasts_a, lasts_b = {k.split()[-1] for k in full_a}, {k.split()[-1] for k in full_b}
    if lasts_a & lasts_b and firsts_a & firsts_b:
        return None  # "Muhammadu Buhari" and "President Muhammadu Buhari"
    return False


def _stems(names: frozenset[str]) -> set[str]:
    """ "malawian" and "malawi" alike: single-word names by their first five letters."""
    return {n[:5] for n in names if " " not in n and len(n) >= 5}
