"""Doers the reader needs, where the sentence names none: the armed men of an attack, the
forces of a state, and the group that claims the attack.

"Gunmen stormed a hotel" has a doer, unnamed: the act is kept, done by "unidentified
attackers", and when the article says "al-Shabab claimed responsibility for the attack"
the group becomes its doer, marked as claimed. "Somali security forces" and "security
forces in Somalia" act for Somalia.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Token

from brief.language.acts import Act, Attribution
from brief.language.parse import subject
from brief.language.scene import own_clause
from brief.language.verbs import SPEECH

UNIDENTIFIED = "unidentified attackers"

ATTACKERS = frozenset({
    "gunman", "gunmen", "attacker", "assailant", "militant", "insurgent", "fighter",
    "bomber", "jihadist", "extremist", "terrorist", "rebel", "raider",
})  # fmt: skip
_FORCES = frozenset({
    "force", "troop", "soldier", "army", "military", "police", "navy", "jet", "warplane",
    "aircraft", "commando", "unit", "artillery", "coastguard",
})  # fmt: skip
_CLAIMED = frozenset({"responsibility", "credit"})
# The words of a force that say whose it is: "Somali forces", "Pakistan's army", "forces
# of Iran", "security forces in Somalia".
_OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_OWNER_PREPS = frozenset({"of", "from"})


# A continent does not act; when it is told as acting ("Europe quickly retaliated with its
# own tariffs"), the union that acts for it does.
_UNIONS = {"europe": "European Union"}


def acting_union(doer: Token | None) -> list[str]:
    """'Europe retaliated': the European Union, as the doer of an act only."""
    union = _UNIONS.get(doer.lower_) if doer is not None and doer.pos_ == "PROPN" else None
    return [union] if union else []


def is_attacker(token: Token) -> bool:
    """'gunmen', 'militants', 'attackers': armed men the sentence does not name."""
    return token.lemma_.lower() in ATTACKERS or token.lower_ in ATTACKERS


def code_name(token: Token) -> str | None:
    """The group armed men are named by, where its name is a code no name finder knows:
    "3R rebels", "M23 fighters" (letters and figures, capitals only)."""
    codes = [c.text for c in token.children if c.dep_ == "compound" and _CODE.match(c.text)]
    return codes[0] if len(codes) == 1 else None


# Capitals and figures, no hyphen: "AK-47 gunmen" are named by their rifle, not a group.
_CODE = re.compile(r"^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{2,6}$")


def owner_words(token: Token) -> Iterator[Token]:
    """The words that may name whose force `token` is, when it is one."""
    if token.lemma_.lower() not in _FORCES:
        return
    for word in token.children:
        if word.dep_ in _OWNER_DEPS:
            yield word
        elif word.dep_ == "prep" and (
            word.lower_ in _OWNER_PREPS
            # "security forces in Somalia say…": a subject's place is whose it is; an
            # object's is only where it is ("attacks on US-led forces in Iraq")
            or (word.lower_ == "in" and token.dep_ == "nsubj")
        ):
            yield from (w for w in word.children if w.dep_ == "pobj")


def claims(tokens: Iterable[Token]) -> Iterator[tuple[Token | None, Token | None]]:
    """Each claim of responsibility in a parsed sentence (its tokens): the token naming who
    claims it and the act noun claimed ("al-Shabab claimed responsibility for the hotel
    attack"). A passive claim ("responsibility was claimed by X") names its claimer after
    "by"."""
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() != "claim":
            continue
        objects = [c for c in token.children if c.lower_ in _CLAIMED]
        if not objects:
            continue
        claimer = next((c for c in token.children if c.dep_ in ("nsubj",)), None)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if claimer is None and agent is not None:
            claimer = next((c for c in agent.children if c.dep_ == "pobj"), None)
        act = None
        for holder in (*objects, token):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "for"):
                act = next((c for c in prep.children if c.dep_ == "pobj"), act)
        yield claimer, act


def credited(sentences: list[Attribution]) -> list[Attribution]:
    """Attacks by unnamed men credited to the one group the article says claimed them."""
    groups = {a.doers[0] for s in sentences for a in s.acts if a.by_claim}
    if len(groups) != 1:
        return sentences
    group = groups.pop()

    def credit(act: Act) -> Act:
        if act.category in ("attack", "strike") and act.doers == (UNIDENTIFIED,):
            act = replace(act, doers=(group,), by_claim=True)
        if UNIDENTIFIED in act.targets:  # "killed all six attackers": the group's men
            act = replace(act, targets=tuple(group if t == UNIDENTIFIED else t
                                             for t in act.targets))  # fmt: skip
        return act

    return [replace(s, acts=tuple(dict.fromkeys(credit(a) for a in s.acts))) for s in sentences]


# A day the sentence itself names: what it tells is that day's news, not background.
_A_DAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}\b|\d{1,2}\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December))"
)


def unnamed_killing(verb: Token, act: Act) -> bool:
    """'At least eight demonstrators were killed Friday in Aungban': the dead are the news
    though no one is named as killing them. Kept without a doer (the row shows the
    article's words), never given one: "unidentified attackers" would be a guess when
    the army did it. Only with its victims named or counted and its day said: "hundreds
    have been killed since 2009" is background."""
    if act.category not in ("attack", "strike") or act.doers:
        return False
    victim = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    helpers = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if victim is None or helpers not in (["was"], ["were"]):
        return False  # "have been killed since the coup": a running toll, not that day's
    named = bool(act.targets) or victim.pos_ == "PROPN"  # a name the gazetteer may not know
    # The day of the killing itself, not of who said it: "…, the group said Friday".
    own = " ".join(t.text for t in own_clause(verb))
    return (named or bool(act.counted)) and bool(_A_DAY.search(own)) and not _SO_FAR.search(own)


_SO_FAR = re.compile(r"\b(?:since|so far|in total|toll)\b", re.I)


def teller(act: Token, names: Callable[[Token], list[str]]) -> str | None:
    """Who tells an act that names no doer, when the article has someone tell it
    ("al-Rufay’i was killed Thursday, Iraqi special forces said"): their name, or the
    words that stand for them ("officials"); None when the article tells it itself."""
    head = act
    while head.dep_ in ("ccomp", "conj", "parataxis") and head.head.i != head.i:
        # what was said, not a clause beside it ("condemned the brutality, as eight were
        # killed": the killing is the article's)
        head = head.head
        if head.lemma_.lower() not in SPEECH:
            continue
        who = subject(head)
        if who is None or who.pos_ == "PRON":
            return None
        named = names(who)
        return named[0] if named else who.doc[who.left_edge.i : who.right_edge.i + 1].text
    return None


def own_account(doers: Sequence[str], speakers: list[str], owners: dict[str, str]) -> bool:
    """Whether the act's doer tells it, itself or by a body of its own ("the NISA
    statement said" Somali airstrikes killed 50: Somalia's intelligence agency)."""
    tellers = {name for s in speakers for name in (s, owners.get(s, s))}
    return bool(set(doers) & tellers)


def tellers_of(said_by: list[str | None]) -> str | None:
    """Who tells an act across its tellings ("Iraqi special forces and U.S. Central
    Command"), when every telling has a teller; None when one states it in its own voice."""
    if not said_by or None in said_by:
        return None
    return " and ".join(dict.fromkeys(t for t in said_by if t))
