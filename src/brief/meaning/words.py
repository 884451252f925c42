"""The rules that read the whole claim against the whole evidence: names, numbers, dates
and places, added causes, superlatives and acts, and words that say the opposite."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from brief.language import (
    clause_polarity,
    implicative,
    phrasal_lemma,
    to_infinitive,
)
from brief.meaning.lexicon import (
    ACT_GROUPS,
    CAUSAL,
    CAUSAL_KIN,
    NEGATIVE_PREFIXES,
    NEGATORS,
    OPPOSITES,
    SAYING,
)
from brief.meaning.names import names_problem
from brief.meaning.numbers import numbers_problem
from brief.meaning.parties import stem, told_stems
from brief.meaning.places import places_problem
from brief.meaning.swaps import swapped_parties
from brief.meaning.verdict import Verdict

# Words that make a claim surer than its source unless the source says them.
_BOOSTERS = frozenset({"certainly", "definitely", "undoubtedly", "surely", "clearly",
                       "conclusively", "unquestionably", "indisputably"})  # fmt: skip


def _additions(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    said = " ".join(d.text for d in evidence).casefold()
    # "is due to testify" is a schedule, not a cause
    text = " ".join(
        "_" if t.lower_ == "due" and t.i + 2 < len(claim) and claim[t.i + 2].tag_ == "VB"
        else t.lower_
        for t in claim
    )  # fmt: skip
    for marker in CAUSAL:
        kin = next((k for k in CAUSAL_KIN if marker in k), {marker})
        if re.search(rf"\b{re.escape(marker)}\b", text) and not any(
            re.search(rf"\b{re.escape(m)}\b", said) for m in kin
        ):
            return Verdict.refused(
                "added", f"it adds a cause the cited sentences do not give ({marker!r})"
            )
    purpose = _added_purpose(claim, evidence)
    if purpose is not None:
        return Verdict.refused(
            "added", f"it adds a purpose the cited sentences do not give ({purpose!r})"
        )
    sure = any(t.lower_ in _BOOSTERS for d in evidence for t in d)
    for token in claim:
        if token.lower_ in _BOOSTERS and not sure:  # "clearly" for "definitely" is as sure
            return Verdict.refused(
                "certainty", f"the cited sentences are not that sure ({token.text!r})"
            )
    lemmas = told_stems(evidence)
    ranked = any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "last", "top", "bottom")
        for d in evidence
        for t in d
    )
    for token in claim:
        if token.tag_ in ("JJS", "RBS") and stem(token.lemma_) not in lemmas and not ranked:
            return Verdict.refused("added", f"the cited sentences do not say {token.text!r}")
    told_acts = _act_groups(evidence)
    for token in claim:
        if (
            token.pos_ != "VERB"
            or to_infinitive(token)
            or token.dep_ in ("acl", "amod", "xcomp", "csubj")
        ):
            continue  # "permits to shoot elephants" tells no shooting
        phrasal = phrasal_lemma(token)
        group = ACT_GROUPS.get(phrasal) or ACT_GROUPS.get(token.lemma_.lower())
        if " " in phrasal and phrasal not in ACT_GROUPS:
            group = None  # "hit back" is answering, not a strike
        if any(_NO_FOE & _named_by(c) for c in token.children if c.dep_ == "dobj"):
            group = None  # "battling the fires" is no fight, "hit a record 3 million" no blow
        if group and group not in told_acts:
            return Verdict.refused(
                "added", f"the cited sentences report no such act ({token.text!r})"
            )
    return None


# What is fought or hit without a foe: "firefighters battling the blazes", "fighting
# poverty", "hit a record".
_NO_FOE = frozenset({"fire", "blaze", "flame", "wildfire", "bushfire", "disease", "virus",
                     "pandemic", "outbreak", "epidemic", "poverty", "inflation", "drought",
                     "flood", "corruption", "hunger", "cancer", "record", "high", "low",
                     "peak", "level", "milestone", "mark", "snag"})  # fmt: skip


# Verbs whose "to" clause is what they ask, want or try, not why they acted.
_CONTROL = frozenset({
    "ask", "urge", "order", "allow", "tell", "force", "persuade", "invite", "help",
    "encourage", "call", "press", "want", "expect", "enable", "try", "seek", "plan", "agree",
    "decide", "refuse", "hope", "continue", "begin", "start", "need", "fail", "promise",
    "vow", "threaten", "aim", "intend", "prepare", "offer", "appeal", "warn", "require",
    "permit", "authorize", "authorise", "pledge", "move", "attempt", "struggle", "manage",
})  # fmt: skip


def _added_purpose(claim: Doc, evidence: Sequence[Doc]) -> str | None:
    """ "occupied 36 hospitals to hunt for wounded protesters" where the evidence gives no
    reason at all: the purpose is the claim's. A purpose the evidence words otherwise ("in
    an attempt to get control") is a paraphrase, so any "to" clause there lets it pass."""
    if any(_is_purpose(t) or _aimed_to(t) for d in evidence for t in d):
        return None
    lemmas = told_stems(evidence)
    for token in claim:
        if _is_purpose(token) and stem(token.lemma_) not in lemmas:
            return f"to {token.text}"
    return None


def _aimed_to(token: Token) -> bool:
    """A "to" that may word a purpose ("in an attempt to get control"); not the "to" of
    what a verb like "decided" or "agreed" says was decided."""
    verb = token.head
    controlled = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CONTROL
    return token.lower_ == "to" and token.dep_ == "aux" and not controlled


# Nouns whose "to" clause says what they are for: "permits to shoot elephants" is what
# was granted, not why.
_TO_NOUNS = frozenset({
    "permit", "license", "licence", "right", "authority", "power", "permission", "order",
    "mandate", "plan", "bid", "attempt", "effort", "chance", "opportunity", "decision",
    "agreement", "deal", "call", "request", "proposal", "offer", "promise", "pledge",
    "threat", "warning", "vote", "motion", "bill", "law", "measure", "way", "ability",
})  # fmt: skip


def _is_purpose(token: Token) -> bool:
    head = token.head
    objects = [c for c in head.children if c.dep_ == "dobj"]
    return (
        token.dep_ in ("xcomp", "advcl")
        and to_infinitive(token)
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in _CONTROL
        and bool(objects)
        and not any(o.lemma_.lower() in _TO_NOUNS for o in objects)
    )


# "voted against", "is against": a preposition takes a side only after these verbs; "the
# war against Ukraine", "measures against smuggling" take none.
_SIDING_VERBS = frozenset({"be", "vote", "stand", "speak", "come", "argue", "campaign",
                           "lobby", "side", "rule", "decide", "turn"})  # fmt: skip


def _takes_a_side(token: Token) -> bool:
    return token.pos_ != "ADP" or token.head.lemma_.lower() in _SIDING_VERBS


def _opposites(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """ "rare" where the evidence says "common", "constitutional" for "unconstitutional":
    a word whose opposite the evidence says the same way (both or neither negated)."""
    told = [
        t
        for doc in evidence
        for t in doc
        if t.is_alpha and _takes_a_side(t) and not _bound(t) and not _near(t)
    ]
    told_lemmas = {t.lemma_.lower() for t in told} | {t.lower_ for t in told}
    for token in claim:
        if not token.is_alpha or token.pos_ not in ("VERB", "ADJ", "ADV", "NOUN", "ADP"):
            continue
        if not _takes_a_side(token) or _bound(token) or _near(token):
            continue
        # ("held her family back": a verb with its particle, written "hold_back" there)
        mine = {token.lemma_.lower(), token.lower_, phrasal_lemma(token).replace(" ", "_")}
        if mine & told_lemmas or _kin(mine) & told_lemmas:
            continue  # "welcomed" where the evidence "praised" as well as reported "blasts"
        if any(_opposed_words(mine, {c.lemma_.lower(), c.lower_}, False) for c in token.conjuncts):
            continue  # "big and small", "rich and poor": all of them, no side taken
        for other in told:
            theirs = {other.lemma_.lower(), other.lower_}
            opposed = _opposed_words(mine, theirs, _negatable(token, other))
            across = bool(mine & _STANCE_WORDS and theirs & _STANCE_WORDS)
            opposed = opposed and (across or not _other_kind(token, other))
            if opposed and (clause_polarity(token) == clause_polarity(other)):
                return Verdict.refused(
                    "stance", f"{token.text!r} says the opposite of the cited {other.text!r}"
                )
    return None


# Words that take a side whatever their part of speech: "videos praising" against "videos
# critical of" is praise against criticism, a verb against an adjective.
_STANCE_WORDS = frozenset({"praise", "praising", "hail", "commend", "criticize", "criticise",
                           "condemn", "denounce", "critical", "supportive", "opposed",
                           "help", "helpful", "hamper", "hinder", "impede", "hurt",
                           "hold_back"})  # fmt: skip


def _near(token: Token) -> bool:
    """ "closer security ties", "close to 500,000": close as near, not as shut."""
    return token.lemma_.lower() == "close" and token.pos_ in ("ADJ", "ADV")


def _bound(token: Token) -> bool:
    """ "more than 2 meters deeper": a bound on a number, not a side of a comparison."""
    doc = token.doc
    after = doc[token.i + 1 : token.i + 3]
    return (
        token.lower_ in ("more", "less", "fewer")
        and len(after) == 2
        and after[0].lower_ == "than"
        and after[1].like_num
    )


def _kin(words: set[str]) -> set[str]:
    """The words on the same side of an opposition as these."""
    return {w for side in (s for pair in OPPOSITES for s in pair) if words & side for w in side}


def _named_by(noun: Token) -> set[str]:
    """A noun and the nouns and words that name its kind: "record" in "a record 3 tons"."""
    kinds = (c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "nummod"))
    return {noun.lemma_.lower(), *(c.lemma_.lower() for c in kinds)}


def _objects_of(verb: Token) -> set[str]:
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "nsubjpass")}


_WHEN_WORDS = frozenset({"earlier", "later", "previous", "next", "former", "latter", "prior"})


def _other_kind(a: Token, b: Token) -> bool:
    """ "a hotel close by" is not the "closed" of a shop: a describing word and a verb are
    not opposites of each other, nor a thing's describing word and an act's."""
    describing = ("ADJ", "ADV")
    if {a.dep_, b.dep_} == {"amod", "advmod"} and {a.lower_, b.lower_} <= _WHEN_WORDS:
        return True  # "an earlier raid" says when the raid was, "later identified" when the naming
    if to_infinitive(a) != to_infinitive(b) and _objects_of(a) != _objects_of(b):
        return True  # an aim "to stop the deal" against "continues to press its case"
    # "a concerning signal": a participle that describes a thing describes
    a_describes, b_describes = (t.pos_ in describing or t.dep_ == "amod" for t in (a, b))
    return a_describes != b_describes and "VERB" in (a.pos_, b.pos_)


def _negatable(a: Token, b: Token) -> bool:
    """Whether a negative prefix on one of these words can make it the other's opposite:
    on describing words ("legal", "illegal") and "dis-" on verbs ("agree", "disagree");
    not on nouns and verbs that only begin alike ("migration", "immigration"; "prison",
    "imprisoned")."""
    describing = ("ADJ", "ADV")
    if a.pos_ in describing and b.pos_ in describing:
        return True
    return a.pos_ == b.pos_ == "VERB" and "dis" in (a.lower_[:3], b.lower_[:3])


def _opposed_words(a: set[str], b: set[str], prefixed: bool = True) -> bool:
    for first, second in OPPOSITES:
        if (a & first and b & second) or (a & second and b & first):
            return True
    for x in a if prefixed else ():
        for y in b:
            for prefix in NEGATIVE_PREFIXES:
                if len(x) > 4 and (y == prefix + x or x == prefix + y):
                    return True
    return False


_LIGHT_STEMS = frozenset(stem(w) for w in ("be", "have", "do"))
_NONE_WORDS = frozenset({"one", "body", "longer", "more", "less", "matter", "doubt"})
_DENYING = frozenset({"without", "absent", "missing", "lack", "only", "fail"})


def _lost_negation(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """ "There is no rejoicing" told as "there is cause for rejoicing", "no one has taken
    responsibility" as "Islamic State has claimed responsibility", "said nothing about" as
    "spoke about": the claim keeps what the evidence denies and no denial of its own."""
    mine = _affirmed([claim])
    for doc in evidence:
        for token in doc:
            if _denied_words(token) & mine:
                return Verdict.refused(
                    "negation",
                    f"the cited sentence denies it ({token.text!r} … {token.head.text!r})",
                )
    return None


def _added_negation(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """ "killed 50 militants but no senior leaders" where the evidence has them "including
    a senior leader": the claim denies, with "no" or "no one", what the evidence tells."""
    denied = {w for t in claim for w in _denied_words(t)}
    if not denied:
        return None
    told = _affirmed(evidence)
    told_denied = {w for doc in evidence for t in doc for w in _denied_words(t)}
    kept = (denied & told) - told_denied - _LIGHT_STEMS - {_SAY}
    if kept:
        return Verdict.refused(
            "negation", f"the claim denies what the cited sentences tell ({sorted(kept)[0]!r})"
        )
    return None


_SAY = "<say>"  # any verb of saying or speaking: "said nothing about" denies "spoke about"
_SPEAKING = SAYING | {"speak", "talk", "comment", "mention", "discuss"}


def _affirmed(docs: Sequence[Doc]) -> set[str]:
    """What the texts tell without denying it, by `_key`."""
    return {_key(t) for doc in docs for t in doc if not _denied_here(t)}


def _key(token: Token) -> str:
    return _SAY if token.lemma_.lower() in _SPEAKING else stem(token.lemma_)


def _denied_here(token: Token) -> bool:
    """Whether the claim itself denies this word: "not", "no", "denied", "without" on it or
    on the clause it is in."""
    near = [token, token.head, *token.children, *token.head.children]
    return not clause_polarity(token) or any(_denies(t) for t in near)


def _denies(token: Token) -> bool:
    return (
        token.dep_ == "neg"
        or token.lower_ in NEGATORS
        or token.lemma_.lower() in _DENYING
        or bool(implicative(token))
    )


def _denied_words(token: Token) -> set[str]:
    """What a "no", "nothing" or "no one" denies: the thing there is none of, or the act no
    one did (with its object)."""
    word = token.lower_
    if token.dep_ == "neg" and token.head.pos_ == "ADJ" and token.head.dep_ in ("acomp", "oprd"):
        return {stem(token.head.lemma_)}  # "pleaded not guilty" denies the guilt
    if word == "no" and token.dep_ == "det" and token.head.lemma_.lower() not in _NONE_WORDS:
        return {stem(token.head.lemma_)}
    if word == "without" and token.dep_ == "prep":  # "came without explanation"
        return {stem(c.lemma_) for c in token.children if c.dep_ == "pobj"}
    pronoun = word in ("nothing", "nobody", "none") or (
        word == "one" and any(c.lower_ == "no" for c in token.children)
    )
    if not pronoun or token.head.pos_ not in ("VERB", "AUX"):
        return set()
    verb = token.head
    found = {_key(verb)}
    found |= {stem(c.lemma_) for c in verb.children if c.dep_ == "dobj" and c.i != token.i}
    return found - _LIGHT_STEMS


def _act_groups(docs: Sequence[Doc]) -> set[str]:
    groups = set()
    for doc in docs:
        for token in doc:
            for key in (phrasal_lemma(token), token.lemma_.lower(), token.lower_):
                if key in ACT_GROUPS:
                    groups.add(ACT_GROUPS[key])
    return groups


def whole_claim_problem(
    claim: Doc, evidence: Sequence[Doc], known: Sequence[str] = ()
) -> Verdict | None:
    """The first problem of the claim as a whole, if any."""
    verdict = names_problem(claim, evidence, known)
    for rule in (
        numbers_problem,
        places_problem,
        swapped_parties,
        _additions,
        _opposites,
        _lost_negation,
        _added_negation,
    ):
        verdict = verdict or rule(claim, evidence)
    return verdict
