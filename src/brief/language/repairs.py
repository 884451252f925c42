"""Misparses of the small English pipeline repaired in the parse itself, so every reader of
it (acts, speakers, the meaning check) sees the sentence as it is.

"Trump imposed tariffs on Canada": a name that is also an English word, first in its
sentence, is read as a noun or an imperative ("trump") with "imposed" describing
"tariffs", and the sentence tells no act. When the sentence's root is that first word,
has no subject, and a verb in the past with neither a subject nor an agent ("by …") of
its own follows within a few words, hung below it, the verb is the sentence's root (a
finite past, VBD) and the first word its subject.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# How far after the name its verb may stand: "Trump at first imposed …".
_REACH = 3
# What a name keeps of its own when its verb takes the rest: "President Trump", "Trump's".
_NAME_PARTS = frozenset({"compound", "amod", "det", "poss", "appos", "nmod", "case"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def repair(doc: Doc) -> Doc:
    """`doc` with a leading name read as its verb's subject (see the module), sentence by
    sentence; in place."""
    if not doc.has_annotation("DEP"):
        return doc  # no parse to repair
    for sentence in list(doc.sents):
        root = sentence.root
        verb = _stranded_verb(root) if _leading_word(root, sentence[0]) else None
        if verb is not None:
            _reroot(root, verb)
    return doc


def _reroot(root: Token, verb: Token) -> None:
    verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
    for child in list(root.children):
        if child.dep_ not in _NAME_PARTS:
            child.head = verb
    root.head, root.dep_ = verb, "nsubj"
    if root.pos_ == "VERB":  # "Trump" read as the imperative "trump"
        root.pos_, root.tag_, root.lemma_ = "PROPN", "NNP", root.text


def _leading_word(root: Token, start: Token) -> bool:
    first = next((t for t in root.doc[start.i :] if not t.is_punct), None)
    # An imperative with its object ("Remember the soldiers killed …") is read right.
    imperative = root.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp") for c in root.children)
    return (
        first is not None
        and first.i == root.i
        and root.text[:1].isupper()
        and root.pos_ in ("NOUN", "PROPN", "VERB")
        and not imperative
        and not any(c.dep_ in _SUBJECTS for c in root.children)
    )


def _stranded_verb(root: Token) -> Token | None:
    """The first verb in the past after the root, within reach, with neither a subject nor
    an agent of its own ("Kyiv hit by Russian missiles" is a passive headline), hung below
    the root as a modifier or a clause: "imposed" read as describing "tariffs"."""
    doc = root.doc
    for token in doc[root.i + 1 : root.i + 1 + _REACH]:
        if token.tag_ not in ("VBD", "VBN"):
            continue
        own = [c for c in token.children if c.dep_ in _SUBJECTS or c.dep_ == "agent"]
        own += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"]
        hung = token.dep_ in ("amod", "acl", "pcomp", "advcl") and root in token.ancestors
        return token if hung and not own else None
    return None
