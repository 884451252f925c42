"""Whether a clause says a thing is so, and how sure: read from the parse. "not",
"never", "no ransom was paid" and "denied that" negate; "will", "if", "threatened to",
"plans to", "a bid to" make it not (yet) done; "alleged", "likely", "believed" hedge it.
Used by the attribution (an act's status) and by the meaning check (a claim's clauses)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from brief.language.unsure import (
    AMOUNTS,
    TO_BE,
    aside_to_the_reader,
    directs,
    past_question,
    told_of,
    who_it_falls_on,
)
from brief.schema import Certainty

# Negation inside a clause ("not", "never", "no ransom was paid", "neither … nor").
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "none", "nobody", "nothing"})

# Verbs whose complement is not so: "denied that X", "refused to X", "stepped back from X".
NEGATIVE_IMPLICATIVE = frozenset({
    "deny", "refuse", "reject", "decline", "fail", "refrain", "avoid", "stop", "hesitate",
    "dismiss", "rebuff", "refute", "dispute", "oppose", "resist", "forgo", "abandon",
    "step back", "back away", "rule out", "turn down", "cease", "brush off", "shrug off",
    "wave off", "play down", "downplay", "prevent", "deter", "dissuade", "bar", "prohibit",
    "forbid",
})  # fmt: skip

# Verbs that affirm their complement or object: opposite in polarity to the set above.
AFFIRMATIVE = frozenset({
    "admit", "acknowledge", "confirm", "accept", "concede", "endorse", "approve", "support",
    "back", "welcome", "embrace", "agree", "affirm", "recognize", "recognise", "take",
})  # fmt: skip

# Verbs after which what follows is not done: a threat, a plan, a wish, a demand.
PROSPECTIVE = frozenset({
    "threaten", "plan", "propose", "intend", "aim", "seek", "hope", "wish", "want", "expect",
    "demand", "urge", "call for", "ask", "request", "consider", "weigh", "promise", "pledge",
    "vow", "warn", "prepare", "offer", "order", "press", "push", "try", "attempt", "prefer",
    "need", "plot", "appeal", "invite", "predict", "forecast", "look", "mull", "anticipate",
    "foresee",
})  # fmt: skip

# Verbs after which what follows is someone's belief or charge, not a known fact.
HEDGING = frozenset({
    "allege", "claim", "believe", "think", "suspect", "fear", "estimate", "assess", "hint",
    "suggest", "signal", "float", "speculate", "guess", "imply", "accuse", "contend", "argue",
})  # fmt: skip
# Nouns whose clause is not done: "a bid to address the court", "plans to vaccinate".
PROSPECTIVE_NOUNS = frozenset({
    "bid", "request", "plan", "call", "demand", "threat", "offer", "proposal", "attempt",
    "effort", "push", "appeal", "pledge", "promise", "intention", "hope", "wish", "order",
    "permit", "license", "licence", "right", "chance", "plot", "ultimatum", "deadline",
})  # fmt: skip

# Modal auxiliaries: "will hit", "could strike", "may" — not done.
MODALS = frozenset({"will", "would", "may", "might", "could", "can", "should", "must", "shall",
                    "ought"})  # fmt: skip

# A hedge on a word: "alleged targets", "likely killed", "reportedly seized".
HEDGES = frozenset({
    "alleged", "allegedly", "reportedly", "reported", "likely", "probably", "possibly",
    "possible", "apparently", "apparent", "suspected", "purported", "purportedly", "so-called",
    "presumably", "perhaps", "maybe", "unconfirmed", "unverified", "potential", "potentially",
    "expected", "planned", "proposed", "would-be", "believed",
})  # fmt: skip

# Weak ways of saying: hinting is not announcing.
WEAK_SAYING = frozenset({"hint", "suggest", "signal", "float", "imply", "indicate", "speculate"})

# Verbs of saying and believing: the subject is the speaker of the clause under them.
SAYING = frozenset({
    "say", "tell", "note", "add", "state", "tweet", "write", "announce", "claim", "argue",
    "insist", "stress", "emphasize", "emphasise", "warn", "report", "declare", "explain",
    "assert", "contend", "maintain", "reiterate", "reaffirm", "confirm", "acknowledge",
    "admit", "deny", "believe", "think", "assess", "suggest", "hint", "indicate", "allege",
    "accuse", "describe", "call", "urge", "predict", "estimate", "observe", "remark",
    "recall", "signal", "concede", "vow", "pledge", "promise", "threaten", "post", "mention",
    "suspect", "fear", "hope", "expect", "feel", "agree", "show", "find", "conclude",
    "testify", "point out", "forecast",
})  # fmt: skip


CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "acl", "csubj", "parataxis", "prep",
                      "pobj", "dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos", "npadvmod",
                      "advmod"})  # fmt: skip


SUBJECTS = frozenset({"nsubj", "csubj", "expl"})


OBJECTS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})


def is_predicate(token: Token) -> bool:
    if token.lower_ in ("according", "including"):
        return False  # "according to X", "including Y": prepositions tagged as verbs
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and token.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl",
                                                   "xcomp", "acl", "parataxis")  # fmt: skip


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


def governors(token: Token, *, through_conj: bool = False) -> list[Token]:
    """The clauses above this one, nearest first, stopping at a relative clause (what a
    relative clause says of its noun is not under the main clause's negation) and at an
    adverbial clause ("if", "when", "saying"). The first of two conjoined clauses is not
    above the second ("did not stop and left"), unless `through_conj`."""
    chain = []
    current = token
    while current.head.i != current.i and (
        current.dep_ not in ("ROOT", "relcl", "advcl") or _content_clause(current)
    ):
        if current.dep_ == "acl" and current.tag_ == "VBN":
            break  # "the plan found on his devices": found, whatever is done with the plan
        if past_question(current) and token.tag_ in ("VBD", "VBN"):
            break  # "will investigate what conditions led to the jailbreak": they did lead
        if current.dep_ == "pcomp" and current.head.lower_ in ("as", "since"):
            # "dismissed the findings as being controlled": what they are called; "has
            # sought to finalize it since winning power": the win is past, whatever is sought
            break
        skip = current.dep_ == "conj" and not through_conj
        finite = current.tag_ in ("VBD", "VBZ")
        current = current.head
        if skip and finite and current.tag_ == "VB" and current.dep_ == "xcomp":
            # "refused to take sides and also stepped back": a finite verb is no second
            # infinitive of "refused" but its partner; neither is above the other.
            current = current.head
        if not skip:
            chain.append(current)
        # "is unlikely to come", "will be able to attend": the adjective's verb is under
        # the clause of its "be" (its "not", its "will", its "unless").
        if current.dep_ not in CLAUSAL and current.dep_ not in ("conj", "acomp"):
            break
    return chain


def _content_clause(token: Token) -> bool:
    """A "relative" clause with no relative word, on a noun that has content, is that
    content: "no indications the plane went down". On another noun it is a relative clause
    all the same: "denying any plan to return the Uyghurs it had held" says it held them.
    "pressed for the party to be abolished": what was pressed for, read as an adverb."""
    if token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in token.children
    ):
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return (
        token.dep_ == "relcl"
        and token.head.lemma_.lower() in _CONTENT_NOUNS
        and not any(
            c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that" for c in token.children
        )
    )


_CONTENT_NOUNS = frozenset({
    "indication", "sign", "evidence", "fact", "claim", "report", "suggestion", "idea",
    "belief", "news", "hope", "fear", "chance", "possibility", "proof", "word", "assurance",
    "guarantee", "doubt", "notion", "impression", "rumor", "rumour", "allegation", "view",
})  # fmt: skip


def own_negation(token: Token) -> int:
    flips = 0
    if token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "nor" for c in token.head.children
    ):
        flips += 1  # "neither … nor will its land be used"
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in token.children):
        flips += 1
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        flips += 1  # "without commenting": no comment
    for child in token.children:
        if (
            child.dep_ == "neg"
            or (child.dep_ in ("advmod", "det") and child.lower_ in NEGATORS)
            or child.dep_ in (*SUBJECTS, *OBJECTS, "nsubjpass")
            and _negated_noun(child)
        ):
            flips += 1
    if token.pos_ in ("NOUN", "PROPN") and _negated_noun(token):
        flips += 1
    if any(
        c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in token.children
    ):
        flips += 1  # "no longer remain": not any more
    return flips


def _negated_noun(token: Token) -> bool:
    return any(c.dep_ in ("det", "preconj", "amod") and c.lower_ in ("no", "neither", "none")
               for c in token.children)  # fmt: skip


def implicative(token: Token) -> int:
    lemma = phrasal_lemma(token)
    if lemma == "decline" and not any(c.dep_ in ("xcomp", "dobj") for c in token.children):
        return 0  # "the number declined to 230,000 after a deal supporting returns": it fell
    if lemma in NEGATIVE_IMPLICATIVE or token.lemma_.lower() in NEGATIVE_IMPLICATIVE:
        return 1
    return int(_yet_to(token))


def _yet_to(token: Token) -> bool:
    """ "has yet to find", "is yet to decide": not done (so far)."""
    children = list(token.children)
    return (
        token.lemma_.lower() in ("have", "be")
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children)
        and any(c.dep_ == "xcomp" for c in children)
    )


def surest(told: Iterable[Certainty]) -> Certainty:
    """What an article says of an act told more than once: done if any sentence says it
    was, else hedged if any hedges it, else prospective; done when told nowhere."""
    order: tuple[Certainty, ...] = ("done", "hedged", "prospective")
    return min(told, key=order.index, default="done")


def clause_polarity(token: Token) -> bool:
    """Whether the clause a word belongs to says it is so ("not" and "denied" flip it)."""
    node = token
    while not is_predicate(node) and node.head.i != node.i:
        if node.pos_ in ("NOUN", "ADJ") and own_negation(node):
            return not context_polarity(node.head)
        node = node.head
    return context_polarity(node)


def polarity(token: Token) -> bool:
    flips = own_negation(token) + implicative(token)
    if token.lemma_.lower() == "be":
        flips += sum(implicative(c) for c in token.children if c.dep_ in ("acomp", "attr"))
    if _judged(token):
        return flips % 2 == 0  # "it wasn't good to impeach him": the judging is denied
    for governor in governors(token):
        flips += own_negation(governor) + implicative(governor)
    return flips % 2 == 0


def _judged(token: Token) -> bool:
    """ "It wasn't good to impeach someone": an act judged by "it is (not) ADJ to …", whose
    "not" is the judging's, not the act's."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and to_infinitive(token)
        and head.lemma_.lower() == "be"
        and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.children)
        and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children)
    )


def certainty(token: Token, markers: list[str]) -> Certainty:
    level: Certainty = "done"
    for node in [token, *governors(token, through_conj=True)]:
        lemma = phrasal_lemma(node)
        hearsay = told_of(node)  # "the legend is …"
        for child in node.children:
            if child.dep_ == "aux" and child.lemma_.lower() in MODALS:
                markers.append(child.lower_)
                level = "prospective"
            # ("potential implications of handing it over": the implications are potential)
            on_a_thing = node.i != token.i and node.pos_ == "NOUN" and child.dep_ == "amod"
            # ("was almost gunned down": a near miss is no act)
            near_miss = (
                child.dep_ == "advmod"
                and node.i == token.i
                and child.lower_ in ("almost", "nearly")
                and token.lemma_.lower() not in AMOUNTS
            )
            hedge = child.dep_ in ("advmod", "amod") and child.lower_ in HEDGES
            if near_miss or (hedge and not on_a_thing):
                markers.append(child.lower_)
                level = "hedged" if level == "done" else level
            if child.dep_ in (*OBJECTS, "nsubj", "pobj") and not (
                node.i != token.i and node.pos_ == "ADP"
            ):
                for grand in child.children:
                    # ("would deter potential adversaries": the deterring is no less sure)
                    if child.dep_ in OBJECTS and grand.lower_ in TO_BE and who_it_falls_on(child):
                        continue
                    if grand.dep_ in ("amod", "advmod") and grand.lower_ in HEDGES:
                        markers.append(grand.lower_)
                        level = "hedged" if level == "done" else level
        if _likely_to(node):  # "is unlikely to come", "is set to sign": not yet done
            said = [c.lower_ for c in node.children if c.dep_ == "acomp"]  # "likely", not "is"
            markers.append(said[0] if said else node.lower_)
            level = "prospective"
        if node.i != token.i and node.pos_ == "NOUN" and node.lemma_.lower() in PROSPECTIVE_NOUNS:
            markers.append(node.lemma_.lower())
            level = "prospective"
        if node.i != token.i and node.lemma_.lower() in MODALS:
            markers.append(node.lower_)
            level = "prospective"
        if node.i != token.i and (
            lemma in PROSPECTIVE or node.lemma_.lower() in PROSPECTIVE or directs(node, token)
        ):
            markers.append(lemma)
            level = "prospective"
        elif node.i != token.i and (lemma in HEDGING or _seeming(node, token) or hearsay):
            markers.append(hearsay or lemma)
            level = "hedged" if level == "done" else level
        if node.tag_ == "VBG" and node.dep_ == "pcomp" and node.head.lower_ in ("including",):
            level = "prospective"
    return level


def _seeming(node: Token, token: Token) -> bool:
    """ "appears to be preparing": what only seems so; not "appeared with celebrities"."""
    if node.lemma_.lower() not in ("appear", "seem"):
        return False
    step = token
    while step.head.i != node.i and step.head.i != step.i:
        step = step.head
    return step.dep_ == "xcomp"


def to_infinitive(token: Token) -> bool:
    """ "to discuss", "to shoot": a verb with its "to", which tells an act as aimed at,
    not as done."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def conditional(token: Token) -> bool:
    for node in [token, *governors(token)]:
        for child in node.children:
            if (
                child.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children)
                and not aside_to_the_reader(child)
            ):
                return True
    return False


def context_polarity(token: Token) -> bool:
    flips = own_negation(token)
    for governor in governors(token):
        flips += own_negation(governor) + implicative(governor)
    return flips % 2 == 0


# "is set to", "is due to": what a sentence expects to come, one word as good as another
# ("set to" for "expected to"); with "likely to" and the rest, not what was done.
EXPECTING = frozenset({"expected", "set", "poised", "due", "slated", "scheduled"})
_EXPECTING = EXPECTING | {"likely", "unlikely", "bound", "about", "inclined", "willing", "ready",
                          "prepared", "keen", "eager"}  # fmt: skip


# The same told as a passive verb: "are set to clash", "is slated to sign" ("expect" is
# itself a verb of what is not yet done: PROSPECTIVE).
_EXPECTED = frozenset({"set", "slate", "schedule", "poise", "incline", "prepare"})


def _likely_to(node: Token) -> bool:
    if node.lemma_.lower() in _EXPECTED and any(c.dep_ == "auxpass" for c in node.children):
        return any(c.dep_ == "xcomp" for c in node.children)
    return node.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lower_ in _EXPECTING and any(g.dep_ == "xcomp" for g in c.children)
        for c in node.children
    )
