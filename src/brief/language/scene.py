"""Where an act happened, how many it fell on, what it was to do and what was done, read
from the parse.

Both tell one act from another of the same kind by the same doer: "killed all six attackers
who laid siege to a hotel … and later killed at least 50 militants in airstrikes" are two
acts, and "airstrikes … in the Middle Shabelle region" happened somewhere else than the
storming of a hotel "in the Somali city of Beledweyne".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from brief.language.aliases import load_gazetteer
from brief.language.mentions import CALENDAR_WORDS
from brief.language.modality import to_infinitive
from brief.language.verbs import ISSUED_STATEMENTS

# Prepositions that put an act somewhere: "in Beledweyne", "near the border town of X".
_AT = frozenset({"in", "at", "near", "outside", "inside", "across", "around"})
_IN = frozenset({"in", "at", "inside"})
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
    no place here: "in central Somalia" says no more than the doer or the target does. Only
    a place it was in or at: "near Gonaives" is not where it was, and is told "in" X."""
    inside = [name for name, preposition in _places(verb) if preposition in _IN]
    return inside[-1] if inside else None  # the last is the most specific: "the city of X"


def places_in(verb: Token) -> list[str]:
    """Every named place the act's own clause puts it in, in the order written."""
    return [name for name, _ in _places(verb)]


def _places(verb: Token) -> list[tuple[str, str]]:
    """Each named place of the act's own clause, with the preposition that puts it there."""
    found = []
    for token in own_clause(verb):
        if token.pos_ != "PROPN" or (token.i > 0 and token.nbor(-1).pos_ == "PROPN"):
            continue  # not a name, or not its first word
        name = _name_from(token)
        preposition = _put_by_preposition(token)
        if preposition and _is_place_name(name):
            found.append((name, preposition))
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


def deed_of(verb: Token, *, doerless: bool = False) -> str | None:
    """What was done, in the article's own words: the verb as written and its object
    ("killed all six attackers", "signed a constitutional declaration"), for a verb told
    in the past ("have killed" too, where that is the same word). None when there is no
    object, the object holds a pronoun (whose "their leader"?), or words stand between the
    verb and its object. An object that runs long loses its last phrases ("levied 25%
    tariffs on steel and aluminum exports", not "… to the U.S. from 35 countries"). An act
    with no doer is told in its passive; one done to its subject by a named doer, in the
    active ("was killed in a US drone strike": "killed Soleimani")."""
    if doerless:
        return passive_deed(verb)
    if verb.pos_ != "VERB":
        return None
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return _active_deed(verb)
    if not _told_as_past(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    # "fired missiles at two U.S. bases": whom the act was aimed at is part of it; and
    # what a threat or a charge was ("threatened the EU with 200% tariffs").
    aimed = [
        c
        for c in verb.children
        if c.dep_ == "prep"
        and (c.lower_ in _AIMED_AT or c.lower_ == _WITH_WHAT.get(verb.lemma_.lower()))
        and not any(t.lower_ in CALENDAR_WORDS for t in c.subtree)  # "on Monday": when
    ]  # fmt: skip
    parts = [obj, *aimed, *(c for c in verb.children if c.dep_ == "prt")]
    kept = {verb.i, *(t.i for part in parts for t in _phrase(part))}
    # ("doubled the tariff on its neighbor's exports to 50%": whose neighbor the reader
    # cannot tell, so that phrase goes, and what the tariff was raised to stays)
    unsaid = _pronoun_phrases(obj, aimed, kept)
    kept -= unsaid
    span = _words_from(verb, kept | unsaid)
    while len(_told(span, unsaid).split()) > _DEED_WORDS:
        cut = _last_phrase(span, obj)
        if cut is None:
            return None
        kept -= cut
        span = _words_from(verb, kept | unsaid)
    told = [t for t in span if t.i not in unsaid]
    if obj.i > span.end - 1 or any(t.pos_ == "PRON" and not _own_word(t, obj) for t in told):
        return None
    return " ".join([_past(verb), _told(span[1:], unsaid)]).strip()


_DEED_WORDS = 10


def names_more(deed: str | None, had: str | None, targets: Iterable[str]) -> bool:
    """Whether an act's words `deed` name one of its targets where the words it `had` name
    none, and so should stand for it: "launched air strikes on insurgents in Iran", not
    "carried out strikes" (for an act told twice, in one article or in several)."""
    named = [t for t in targets if t]
    if not deed or not any(t in deed for t in named):
        return False
    return not any(t in (had or "") for t in named)


# The preposition that tells what an act was done with, or for: "threatened the EU with
# 200% tariffs", "charged him with treason", "accused Iran of arming the rebels".
_WITH_WHAT = {
    "threaten": "with", "hit": "with", "slap": "with", "punish": "with", "target": "with",
    "charge": "with", "accuse": "of", "double": "to", "triple": "to", "raise": "to",
    "increase": "to", "lift": "to", "hike": "to", "cut": "to", "lower": "to", "reduce": "to",
}  # fmt: skip


def _words_from(verb: Token, kept: set[int]) -> Span:
    end = verb.i
    while end + 1 in kept and verb.doc[end + 1].text not in _BREAKS:
        end += 1  # up to a comma: what follows one is an aside ("…, including …")
    return verb.doc[verb.i : end + 1]


def _pronoun_phrases(obj: Token, aimed: list[Token], kept: set[int]) -> set[int]:
    """The phrases of the act ("on its northern neighbor's exports") that hold a pronoun
    whose owner the deed alone would not tell, when another kept phrase follows them."""
    found: set[int] = set()
    preps = [c for c in obj.children if c.dep_ == "prep" and c.lower_ != "of"]
    for prep in [*preps, *aimed]:
        words = {t.i for t in prep.subtree}
        owned = any(t.pos_ == "PRON" and not _own_word(t, obj) for t in prep.subtree)
        if owned and words <= kept and any(i in kept for i in range(max(words) + 1, max(kept) + 1)):
            found |= words
    return found


def _told(span: Span, unsaid: set[int]) -> str:
    return "".join(t.text_with_ws for t in span if t.i not in unsaid).strip()


def _last_phrase(span: Span, obj: Token) -> set[int] | None:
    """The last phrase of `span` that may go and leave its act the same act, only told
    with less ("to the U.S.", "from 35 countries"): a prepositional phrase of the object's,
    but none of "of" ("the leader of al-Shabab" is not "the leader")."""
    phrases = [
        t for t in span
        if t.dep_ == "prep" and t.lower_ != "of" and t.i > obj.i and t.head.i >= obj.i
    ]  # fmt: skip
    if not phrases:
        return None
    last = max(phrases, key=lambda t: t.i)
    return {t.i for t in last.subtree}


def _active_deed(verb: Token) -> str | None:
    """'Soleimani … was killed in a US drone strike' by a named doer: 'killed Soleimani'.
    Only where the participle is also the past ("killed", "struck"; not "taken")."""
    subject, helpers = _passive_parts(verb)
    if subject is None or helpers not in _DONE or not _past_participle(verb):
        return None
    return f"{verb.text} {subject}"


def _past_participle(verb: Token) -> bool:
    return verb.lower_.endswith("ed") or verb.lower_ in _SAME_PAST


# Participles that are also the past: "was struck" is what "struck" did.
_SAME_PAST = frozenset({
    "hit", "struck", "shot", "held", "caught", "cut", "hurt", "put", "sent", "built",
    "lost", "kept", "found", "brought", "sold", "led", "fled", "beat", "set", "spent",
})  # fmt: skip
# "was killed", "were killed", "have been killed": plainly done ("would be" is not).
_DONE = (["was"], ["were"], ["has", "been"], ["have", "been"])


def passive_deed(verb: Token) -> str | None:
    """What was done to whom, told without a doer, in the article's words: "at least
    eight anti-coup demonstrators were killed", "Arnel Joseph was killed" (the subject up to
    its first comma; an aside after it left out). None when the subject holds a pronoun
    or runs long, or the verb is not plainly done."""
    subject, helpers = _passive_parts(verb)
    if subject is None or helpers not in _DONE:
        return None
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return " ".join([subject, *(t.text for t in [*auxiliaries, verb])])  # no aside


def _passive_parts(verb: Token) -> tuple[str | None, list[str]]:
    """A passive verb's subject, in its words up to its first comma, and its helping verbs
    ("were", "has been"); no subject when there is none, it holds a pronoun or runs long,
    or the verb is denied."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    helpers = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if subject is None or any(c.dep_ == "neg" for c in verb.children):
        return None, helpers
    words = []
    for token in subject.subtree:
        if token.text in _BREAKS:
            break
        words.append(token)
    if not words or len(words) > _DEED_WORDS or any(t.pos_ == "PRON" for t in words):
        return None, helpers
    subject_words = verb.doc[words[0].i : words[-1].i + 1].text  # "anti-coup" kept whole
    if words[0].pos_ != "PROPN" and words[0].text[:1].isupper():  # told mid-sentence
        subject_words = words[0].text[:1].lower() + subject_words[1:]
    return subject_words, helpers


def _own_word(pronoun: Token, obj: Token) -> bool:
    # A statement's "his" or "its" is the speaker's own: "issued his appeal".
    return (
        pronoun.dep_ == "poss" and pronoun.head == obj and obj.lemma_.lower() in ISSUED_STATEMENTS
    )


_AIMED_AT = frozenset({"at", "on", "against", "into"})
_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
# What an object's own words leave out: another clause, or another name for the same thing.
_ASIDES = frozenset({"relcl", "acl", "appos", "parataxis"})


def _told_as_past(verb: Token) -> bool:
    if any(c.dep_ in ("aux", "neg") and c.lemma_ != "have" for c in verb.children):
        return False  # "would kill", "did not sign": not plainly done
    if verb.tag_ == "VBD":
        return True
    if _trailing_participle(verb):
        return True  # "ramped up his trade war on Tuesday, doubling the tariff": then too
    # "have killed": the participle of a regular verb is its past ("have struck" is not).
    has = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return verb.tag_ == "VBN" and has and verb.lower_.endswith("ed")


def hung_participle(verb: Token) -> bool:
    """ ", carrying missile propellant", ", offering to mediate": a participle hung on the
    clause it belongs to, with no subject or conjunction of its own."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ in ("nsubj", "mark") for c in verb.children)
    )


def _trailing_participle(verb: Token) -> bool:
    """A participle that follows a clause told in the past, and tells more of it."""
    return hung_participle(verb) and verb.head.tag_ == "VBD" and verb.i > verb.head.i


def _past(verb: Token) -> str:
    """The verb as a past tense: as written, or its participle's lemma made past
    ("doubling": "doubled", "banning": "banned", "striking": "struck")."""
    if verb.tag_ != "VBG":
        return verb.text
    lemma = verb.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return f"{lemma}d"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma):
        return f"{lemma}{lemma[-1]}ed"  # one short syllable: "banned", "stopped"
    if re.fullmatch(r".*[^aeiou]y", lemma):
        return f"{lemma[:-1]}ied"
    return f"{lemma}ed"


_IRREGULAR = {
    "strike": "struck", "hit": "hit", "make": "made", "take": "took", "send": "sent",
    "hold": "held", "shoot": "shot", "lead": "led", "bring": "brought", "give": "gave",
    "set": "set", "put": "put", "cut": "cut", "win": "won", "fight": "fought", "sell": "sold",
    "buy": "bought", "build": "built", "leave": "left", "keep": "kept", "tell": "told",
    "say": "said", "begin": "began", "run": "ran", "go": "went", "seek": "sought",
    "blow": "blew", "throw": "threw", "shut": "shut", "spread": "spread", "meet": "met",
}  # fmt: skip


def _phrase(obj: Token) -> list[Token]:
    return _reach([obj], _ASIDES)


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


def own_clause(verb: Token) -> list[Token]:
    """The verb's clause without the clauses inside it (the verb itself left out)."""
    own = [c for c in verb.children if c.dep_ not in _OTHER_CLAUSES]
    return sorted(_reach(own, _OTHER_CLAUSES), key=lambda t: t.i)


def _reach(tokens: list[Token], left_out: frozenset[str]) -> list[Token]:
    """The tokens and everything below them, but what hangs by a relation in `left_out`."""
    found: list[Token] = []
    stack = list(tokens)
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in left_out)
    return found


def _put_by_preposition(token: Token) -> str | None:
    """The preposition ("in", "at", …) the name hangs from (through "the city of"), or
    None for a name used as a qualifier ("Somali forces"), a doer or a target."""
    head = token
    while True:
        if head.dep_ in ("compound", "amod", "appos", "flat"):
            head = head.head
        elif head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in _AT:
            return str(head.head.lower_)
        elif head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head  # "the town of Beledweyne": the town's preposition
        else:
            return None


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
