"""What a sentence says, read from its parse: for every clause, who does what to whom,
whether it is so (polarity), how sure it is (done, hedged, or only threatened, planned or
wished), and who says it. The meaning check compares these, not the words."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from brief.language import (
    AFFIRMATIVE,
    OBJECTS,
    SAYING,
    certainty,
    conditional,
    context_polarity,
    is_predicate,
    phrasal_lemma,
    polarity,
)
from brief.meaning.lexicon import CLOSING_QUOTES, OPENING_QUOTES, valence
from brief.meaning.parties import Party, party_of, stem
from brief.schema import Certainty

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
    level: Certainty
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
        if is_predicate(token):
            frames.append(_frame(token, sentence))
    return frames


def _frame(token: Token, sentence: int) -> Frame:
    lemma = phrasal_lemma(token)
    markers: list[str] = []
    return Frame(
        token=token,
        lemma=lemma,
        base=token.lemma_.lower(),
        polarity=polarity(token),
        level=certainty(token, markers),
        conditional=conditional(token),
        subject=_subject(token),
        objects=_objects(token),
        speakers=_speakers(token),
        args=arguments(token),
        valence=_valence(token),
        dep=token.dep_,
        sentence=sentence,
        markers=markers,
    )


def _finite(acl: Token) -> bool:
    """A verb read as a noun's modifier that is the sentence's own verb: finite, or
    with a clause of what was said under a noun that heads the sentence."""
    clause = any(c.dep_ == "ccomp" for c in acl.children)
    return acl.tag_ in ("VBD", "VBZ") or (clause and acl.head.dep_ == "ROOT")


def _has_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in token.subtree)


def _subject(token: Token) -> Party | None:
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return party_of(pobj)
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
    if token.dep_ == "relcl" and [c.tag_ for c in subjects] == ["WDT"]:
        # "the US drone strike that killed Soleimani": the strike killed, not "that"
        return party_of(token.head)
    if subjects:
        # "A media analyst at …, Gatov also noted": a description put first, read as a
        # second subject; the name is who speaks.
        # "The charity Doctors Without Borders says": the one with a name in it.
        named = [c for c in subjects if _has_name(c)] if len(subjects) > 1 else []
        return party_of((named or subjects)[-1 if named else 0])
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and _finite(token):
        return party_of(token.head)  # "…'s chief, Fahrettin Altun, tweeted that": a finite verb
    if token.dep_ == "advcl" and token.tag_ == "VBN" and not _marked(token):
        return None  # "Asked at the White House …, Trump said": he was asked, by someone
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
                if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                    # "calling on the government to allow …": the government allows
                    called = [g for g in child.children if g.dep_ == "pobj"]
                    if called and token.head.lemma_.lower() == "call":
                        return party_of(called[0])
        return _subject(token.head)
    passive = any(c.dep_ == "nsubjpass" for c in token.children)
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN") and not passive:
        # ("no sign the Golbon was intercepted": the sign is not who intercepts)
        return party_of(token.head)
    return _stranded_subject(token)


def _marked(token: Token) -> bool:
    return any(c.dep_ in ("mark", "aux", "auxpass") for c in token.children)


def _stranded_subject(verb: Token) -> Party | None:
    """ ", setting off a siege, witnesses and a lawmaker said.": a closing verb of saying
    whose subject the parse joined to the noun before it; the speaker is the words
    between the last comma and the verb."""
    if verb.dep_ != "ROOT" or not _says(verb) or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ not in ("conj", "appos"):
        return None
    first = before
    while first.dep_ == "conj" and first.head.i < first.i:
        if any(t.text == "," for t in verb.doc[first.head.i : first.i]):
            break  # "a continuing siege, witnesses": the comma ends the speakers
        first = first.head
    return party_of(first)


def _objects(token: Token) -> list[Party]:
    found = []
    for child in token.children:
        if child.dep_ == "nsubjpass":
            continue  # the one acted on, but a passive's adjective reading ("disappointed") too
        if child.dep_ == "prep" and child.lower_ == "according":
            continue
        if child.dep_ in OBJECTS:
            found.append(party_of(child))
        elif child.dep_ == "prep" and child.lower_ not in ("in", "at", "during", "after",
                                                             "before", "since", "for"):  # fmt: skip
            found.extend(party_of(g) for g in child.children if g.dep_ == "pobj")
    return found


def _speakers(token: Token) -> list[Party]:
    """Who says the clause, nearest first: the subjects of the verbs of saying above it
    (a report of a report names both), then the "according to" of its sentence."""
    found = []
    below = token
    for node in token.ancestors:
        if below.dep_ == "relcl" and _denies(node):
            break  # "denied the charges, which included …": what the charges were, told by us
        # (nor is an act joined to the saying: "Gachagua denied the charges but was convicted")
        aside = below.dep_ in ("nsubj", "nsubjpass", "advcl") or (
            below.dep_ == "conj"
            and not _says(below)
            and not any(c.dep_ == "mark" and c.lower_ == "that" for c in below.children)
        )
        if (
            below.dep_ == "advcl"
            and _says(below)
            and any(c.dep_ == "nsubj" for c in below.children)
        ):
            break  # "…, while Omarov's lawyer said …": a report of its own, no one else's
        below = node
        if aside:
            # "Simasiku, who has campaigned in Europe, says …", "Hours after the siege
            # ended, NISA said …": what the speaker is or when he spoke is not what he says
            continue
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
    return found or _quoted_by(token)


def _quoted_by(token: Token) -> list[Party]:
    """Who says a quotation the parse cut into sentences of its own: '“We are still
    colonized. We are the last colony,” Evenor said' is all Evenor's."""
    doc = token.doc
    before = [t for t in doc[: token.i] if t.text in OPENING_QUOTES | CLOSING_QUOTES]
    straight = sum(t.text == '"' for t in before)
    curly = sum(t.text == "“" for t in before) - sum(t.text == "”" for t in before)
    if not before or not (curly > 0 or straight % 2 == 1):
        return []  # not inside a quotation
    closing = next((t for t in doc[token.i + 1 :] if t.text in CLOSING_QUOTES), None)
    if closing is None:
        return []
    # '“…,” Evenor said' after the quotation, or 'Evenor said, “…”' before it; only across
    # the sentences the parse cut it into ("faces charges of “transmitting …”" quotes
    # words, not speech, and the parse links speech within a sentence itself).
    opening = before[-1].i
    near = [*doc[closing.i + 1 : closing.i + 5], *doc[max(0, opening - 4) : opening]]
    for node in near:
        if node.sent.start == token.sent.start:
            continue
        if _says(node) and (subject := _subject(node)) is not None:
            return [subject]
    return []


_DENYING = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "rebuff"})


def _denies(noun: Token) -> bool:
    """Whether the noun a relative clause hangs on is what a denial is of."""
    denier = noun.head if noun.dep_ in ("dobj", "pobj") else noun
    return denier.lemma_.lower() in _DENYING


def _says(node: Token) -> bool:
    if node.lemma_.lower() in _FINDING:
        return any(c.dep_ == "ccomp" or _shown_doing(c) for c in node.children)
    if node.lemma_.lower() in SAYING or phrasal_lemma(node) in SAYING:
        return True
    return node.lemma_.lower() == "make" and any(c.lower_ == "clear" for c in node.children)


def _shown_doing(child: Token) -> bool:
    """ "the review shows the vessel sailing home" reports a finding; "found himself alone"
    does not."""
    return child.dep_ == "dobj" and any(
        g.dep_ == "acl" and g.tag_ in ("VBG", "VBN") for g in child.children
    )


# Verbs that report a saying or a view only with a clause of what is said under them.
_FINDING = frozenset({"find", "show", "feel", "agree", "worry", "doubt", "reveal"})


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
    return words - {""}  # a symbol ("%", "&") stems to nothing, shared by every clause


def _valence(token: Token) -> float:
    """How good or bad the clause says its object is: its verb, or what a copula or
    "called X …"/"described X as …" says of it."""
    total = valence(phrasal_lemma(token)) or valence(token.lemma_.lower())
    if token.lemma_.lower() in _LIGHT_VERBS:  # "voiced alarm", "won backing", "met with…"
        total += sum(
            valence(word.lemma_.lower())
            for child in token.children
            for word in ([child] if child.dep_ == "dobj" else
                         [g for g in child.children if g.dep_ == "pobj"]
                         if child.dep_ == "prep" and child.lower_ == "with" else [])
        )  # fmt: skip
    for child in token.children:
        judged: tuple[str, ...] = ("acomp", "oprd", "attr")
        if token.lemma_.lower() in ("call", "describe", "term", "label", "brand"):
            judged = (*judged, "ccomp", "xcomp")
        if child.dep_ in judged:
            total += valence(child.lemma_.lower()) or valence(child.lower_)
        if child.dep_ == "advcl" and "ccomp" in judged:
            # "called the EU move to tax spirits 'deeply disappointing'": the judgment
            # parsed under the object's own clause
            total += sum(valence(g.lemma_.lower()) for g in child.children if g.dep_ == "oprd")
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
    return total if context_polarity(token) else -total


# Verbs whose object carries the stance: "voiced alarm", "won backing", "drew criticism".
_LIGHT_VERBS = frozenset({
    "voice", "express", "raise", "win", "meet", "draw", "receive", "earn", "face", "garner",
    "attract", "lodge", "register", "signal", "show", "get",
})  # fmt: skip


def is_affirmative(frame: Frame) -> bool:
    return frame.lemma in AFFIRMATIVE or frame.base in AFFIRMATIVE


def with_offices(frames: list[Frame]) -> list[Frame]:
    """A person named once with a state's office ("Pakistan's foreign minister Shah Mahmood
    Qureshi") holds it where named again by name alone ("Qureshi called for restraint"), in
    the sentences read together."""
    offices: dict[str, frozenset[str]] = {}
    for frame in frames:
        for party in (frame.subject, *frame.objects, *frame.speakers):
            if party is None or not party.office_of:
                continue
            for key in party.own_names:
                offices[key] = offices.get(key, frozenset()) | party.office_of
    if not offices:
        return frames

    def held(party: Party | None) -> Party | None:
        if party is None or party.office_of or party.pronoun:
            return party
        found = frozenset().union(*(offices.get(k, frozenset()) for k in party.own_names))
        return replace(party, office_of=found) if found else party

    for frame in frames:
        frame.subject = held(frame.subject)
        frame.objects = [p for p in map(held, frame.objects) if p is not None]
        frame.speakers = [p for p in map(held, frame.speakers) if p is not None]
    return frames
