"""What a sentence reports as said, read from its parse: the words a quote under a gist
or in the bottom line shows, without the sentence's own "X told Y on Friday that" before
them. A quotation is what was said; else the clause under the verb of saying."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from brief.language.english import parse
from brief.language.modality import SAYING

_MIN_SAID = 6  # words: a shorter clause ("said it was bad") keeps its sentence whole
_SHORT_LEAD = 5  # words: "Pakistan already has said it will not …" stays whole
_LONG_QUOTE = 14  # words: the most a quote in the bottom line shows
# "quoted Bajwa as telling Zarif that …": a verb that reports someone else's saying
_REPORTING = SAYING | {"quote", "cite"}


@functools.lru_cache(maxsize=4096)  # one quote serves a gist, the bottom line, a compare
def what_was_said(sentence: str) -> str:
    """The words said: a quotation, else the clause under the verb of saying when the
    sentence opens with who said it, else the sentence without a long aside after its
    subject; each cut marked "…". The whole sentence when it reports no saying."""
    quotation = _quotation(sentence)
    if quotation is not None and len(quotation[0].split()) >= _MIN_SAID:
        said, start, end = quotation
        said = re.sub(r"^that\s+", "", said.strip()).rstrip(",;: ")
        if len(said.split()) > _LONG_QUOTE:  # the point, not only the first of its asides
            said = _without_aside(parse([said])[0]) or said
        before = "…" if sentence[:start].strip(' “"') else ""
        after = "…" if sentence[end:].strip(' .,;:”"') else ""
        return f"{before}{said}{after}"
    doc = parse([sentence])[0]
    clause = _said_clause(doc)
    if clause is None or len(clause.split()) < _MIN_SAID:
        return _without_aside(doc) or sentence
    return _cut(sentence, sentence.find(clause))


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _quotation(sentence: str) -> tuple[str, int, int] | None:
    """The first quotation of at least 20 characters, and where its words start and end,
    read pair by pair (not the text between one quotation's close and the next's open)."""
    for match in _QUOTED.finditer(sentence):
        if len(match[0]) - 2 >= 20:
            return match[0][1:-1], match.start() + 1, match.end() - 1
    return None


def _cut(sentence: str, start: int) -> str:
    if start <= 0 or len(sentence[:start].split()) < _SHORT_LEAD:
        return sentence
    return "…" + sentence[start:].lstrip(' “"')


def _said_clause(doc: Doc) -> str | None:
    """The text from the first clause under a verb of saying to the sentence's end."""
    for token in doc:
        if token.lemma_.lower() not in _REPORTING or token.pos_ != "VERB":
            continue
        said = _clauses_of(token)
        said += [g for c in token.children if c.dep_ == "advcl" for g in _clauses_of(c)]
        said += [
            t
            for c in token.children
            if c.dep_ == "dobj"
            for t in c.subtree
            if t.dep_ in ("acl", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)
        ]  # "told envoys of several states that …", the clause parsed under "states"
        if said:
            first = min(said, key=lambda c: c.left_edge.i)
            start = first.left_edge
            if start.lower_ == "that":
                start = start.nbor()
            return doc[start.i :].text
    return None


def _clauses_of(token: Token) -> list[Token]:
    """The clauses said under a verb of saying, after it; none under another verb ("as
    telling Zarif that war is not an option": the saying under the "as")."""
    if token.lemma_.lower() not in _REPORTING:
        return []
    return [c for c in token.children if c.dep_ in ("ccomp", "xcomp") and c.i > token.i]


_ASIDE_WORDS = 4  # fewer are kept: "Pedersen, the envoy, said" reads as well whole


def _without_aside(doc: Doc) -> str | None:
    """The sentence without the description set off by commas after its subject: "The
    Kurdish-led Autonomous Administration in north and east Syria … was the first to
    reject the constitution", the "a de facto civilian authority affiliated with …" cut
    and marked; or "the absence of any reference to the Kurds … is a clear rejection of
    Syria's multicultural identity", the ", as the second-largest ethnic group …, or to the
    Assyrians, …," cut. None when it has no such aside."""
    subject = next(
        (t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None
    )
    if subject is None:
        return None
    cut = _subject_tail_cut(doc, subject)
    if cut is not None:
        return cut
    for token in (t for t in subject.subtree if t.dep_ == "appos"):
        aside = list(token.subtree)
        start, end = aside[0].i - 1, aside[-1].i + 1
        if start < 0 or doc[start].text != "," or len(aside) < _ASIDE_WORDS:
            continue
        return f"{doc[:start].text} … {doc[end:].text.lstrip(' ,')}"
    return None


def _subject_tail_cut(doc: Doc, subject: Token) -> str | None:
    """The sentence without what follows the first comma of its subject, when a comma
    closes the subject right before its verb ("the absence of …, as …, or to …, is …")."""
    end = subject.right_edge.i
    if doc[end].text != ",":
        end += 1
    first = next((t.i for t in subject.subtree if t.text == "," and t.i > subject.i), None)
    if first is None or end >= len(doc) or doc[end].text != "," or end - first - 1 < _ASIDE_WORDS:
        return None
    if subject.head.i <= end:
        return None  # the verb is inside what would be cut
    cut = doc[first + 1 : end]
    if any(t.lower_ in _KEEPS or (t.dep_ == "conj" and t.head == subject) for t in cut):
        return None  # "All 15, with the exception of Russia, …", "X, Britain and Y, …"
    if any(cut.text.count(a) != cut.text.count(b) for a, b in _PAIRS):
        return None  # a bracket or quotation opened and not closed in it
    return f"{doc[:first].text} … {doc[end + 1 :].text.lstrip(' ,')}"


# Words that make what follows a subject's comma part of what it says: an exception, a
# contrast, someone else in on it.
_KEEPS = frozenset(
    {
        "except",
        "exception",
        "excluding",
        "apart",
        "besides",
        "but",
        "not",
        "no",
        "never",
        "nor",
        "without",
        "along",
        "together",
        "unlike",
        "than",
    }
)
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))  # (’ is also an apostrophe)
