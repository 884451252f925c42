"""Events and actors told in a few plain words: "the United States struck Qasem
Soleimani", "Pakistan's foreign minister Shah Mahmood Qureshi".

Built from the parse's doer, target and kind of act, never from the model: a timeline row
and a bottom-line sentence say only who did what to whom, which the parse decided.
"""

from __future__ import annotations

import re
from collections import Counter

from brief.language import (
    AIMED_CATEGORIES,
    ATTACKERS,
    OFFICE_WORDS,
    Gazetteer,
    demonyms,
    normalise_name,
)
from brief.schema import BriefActor, BriefEvent, CitedSentence
from brief.wording import upper_first

_VERBS = {
    "strike": "struck", "attack": "attacked", "sanction": "imposed sanctions on",
    "threat": "threatened", "accusation": "accused", "talks": "held talks with",
    "agreement": "agreed with", "offer": "made an offer to",
}  # fmt: skip
_VERBS_ALONE = {
    "talks": "held talks", "agreement": "agreed", "offer": "made an offer",
    "sanction": "imposed sanctions",
}  # fmt: skip
# A planned act told as planned, not as done with a tag: "planned tariffs on France",
# never "imposed tariffs on France (planned)". Every verb above has its planned form.
_PLANNED = {
    "struck": "planned to strike", "attacked": "planned to attack",
    "imposed sanctions on": "planned sanctions on", "imposed sanctions": "planned sanctions",
    "imposed tariffs on": "planned tariffs on", "imposed tariffs": "planned tariffs",
    "threatened": "planned to threaten", "accused": "planned to accuse",
    "held talks with": "planned talks with", "held talks": "planned talks",
    "agreed with": "planned to agree with", "agreed": "planned to agree",
    "made an offer to": "planned an offer to", "made an offer": "planned an offer",
}  # fmt: skip
# An announced act is told as announced: "Donald Trump announced sanctions", never
# "imposed sanctions (announced)", which states as done what was only announced.
_ANNOUNCED = {
    "struck": "announced strikes on", "attacked": "announced an attack on",
    "imposed sanctions on": "announced sanctions on", "imposed sanctions": "announced sanctions",
    "imposed tariffs on": "announced tariffs on", "imposed tariffs": "announced tariffs",
    "threatened": "threatened", "accused": "accused",
    "held talks with": "announced talks with", "held talks": "announced talks",
    "agreed with": "announced an agreement with", "agreed": "announced an agreement",
    "made an offer to": "announced an offer to", "made an offer": "announced an offer",
}  # fmt: skip
_TOLD_AS: dict[str, dict[str, str]] = {"planned": _PLANNED, "announced": _ANNOUNCED}


def event_headline(event: BriefEvent, gazetteer: Gazetteer) -> str | None:
    """'the United States struck Qasem Soleimani'; None when the parse gave no doer or
    the kind of act has no plain verb (the row then shows the article's words). An act
    told as done, in the past, says what was done in its article's words: "Somalia killed
    at least 50 al-Shabab militants", not only "attacked al-Shabab"."""
    if event.actor is None:
        # "At least eight demonstrators were killed": the dead told without a doer.
        if not (event.deed and event.status == "happened"):
            return None
        told = _at_its_place(event.deed, event)
        if event.said_by:  # "al-Rufay’i was killed, Iraq and the United States said"
            tellers = (with_article(t, gazetteer) for t in event.said_by.split(" and "))
            told = f"{told}, {' and '.join(tellers)} said"
        return _tagged(told, event)
    aimed = event.aim and event.category in AIMED_CATEGORIES  # "agreed … to build": the aim
    deed = None
    if event.deed and event.status == "happened" and not aimed:
        deed = event.deed if _says_whom(event, gazetteer) else _group_named(event, gazetteer)
        deed = deed or _done_at_a_place(event, gazetteer) or _levied_on(event, gazetteer)
    if deed:
        deed = _in_full(deed, event.target)
        return _tagged(f"{_doer(event, gazetteer)} {_at_its_place(deed, event)}", event)
    if event.category not in _VERBS:
        return None
    verb = _VERBS[event.category] if event.target else _VERBS_ALONE.get(event.category)
    if verb is None:
        return None
    if event.category == "sanction" and "tariff" in event.what.casefold():
        verb = "imposed tariffs on" if event.target else "imposed tariffs"
    if event.status in _TOLD_AS:
        verb = _TOLD_AS[event.status][verb]
    target = f" {with_article(event.target, gazetteer)}" if event.target else ""
    place = f" in {event.place}" if event.place else ""
    aim = f" {event.aim}" if event.aim and event.category in AIMED_CATEGORIES else ""
    return _tagged(f"{_doer(event, gazetteer)} {verb}{target}{aim}{place}", event)


def _doer(event: BriefEvent, gazetteer: Gazetteer) -> str:
    """Who did it, and, when only its doer tells it, that it is the doer's own account:
    "Somalia said it killed all six al-Shabab attackers" (its forces "say they killed")."""
    actor = event.actor or ""
    doer = with_article(actor, gazetteer)
    # Force told by its own user is what readers weigh: its strikes and its dead. Talks
    # and agreements that a party announces are no less so for being its announcement.
    if not event.self_told or event.category not in ("strike", "attack"):
        return doer
    known = gazetteer.lookup(actor)
    if known is None and not actor.endswith("s"):
        return doer  # a person, or a name we cannot give a pronoun
    return f"{doer} said {'it' if known is not None else 'they'}"


def _levied_on(event: BriefEvent, gazetteer: Gazetteer) -> str | None:
    """A measure's words and whom it falls on: "doubled the 25% U.S. tariff to 50% on
    Canada", where the article's words say "its northern neighbor"."""
    if event.category != "sanction" or not event.deed or not event.target:
        return None
    return f"{event.deed} on {with_article(event.target, gazetteer)}"


def _at_its_place(deed: str, event: BriefEvent) -> str:
    """The deed and where it was done, unless its words say where already."""
    return f"{deed} in {event.place}" if event.place and event.place not in deed else deed


def _says_whom(event: BriefEvent, gazetteer: Gazetteer) -> bool:
    """Whether the act's own words name its target, if it has one: "carried out strikes"
    would lose the Iran that "struck Iran" names; a press attack stays an accusation."""
    if event.category == "accusation" or event.deed is None:
        return False
    if event.target is None:
        return True
    target = normalise_name(event.target)
    known = gazetteer.lookup(event.target)
    words = normalise_name(event.deed).split()
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            said = " ".join(words[start : start + size])
            said = normalise_name(demonyms().get(said.capitalize(), said))
            hit = gazetteer.lookup(said)
            if said == target or (known is not None and hit is not None and hit == known):
                return True
    # A person by surname ("killed Soleimani"): a name the gazetteer does not know, of
    # two words or more, whose last word is written with a capital in the deed.
    parts = event.target.split()
    capitals = {w.strip(".,'’") for w in event.deed.split() if w[:1].isupper()}
    return known is None and len(parts) > 1 and parts[-1] in capitals


def _in_full(deed: str, target: str | None) -> str:
    """The deed with its target named in full where its words give the surname alone
    ("killed Soleimani": "killed Qasem Soleimani"), so the page can say who he was; not
    a word of another name ("North Korea" is not "South Korea")."""
    parts = (target or "").split()
    words = deed.split()
    if len(parts) < 2 or " ".join(parts) in deed:
        return deed
    for index, word in enumerate(words):
        alone = index == 0 or not words[index - 1][:1].isupper()
        if word.strip(".,;:") == parts[-1] and alone:
            return " ".join([*words[:index], *parts[:-1], word, *words[index + 1 :]])
    return deed


def _done_at_a_place(event: BriefEvent, gazetteer: Gazetteer) -> str | None:
    """'stormed a hotel' in Beledweyne, where the target is only the state the place is in
    ("Gunmen stormed a hotel in the Somali city of Beledweyne"): what was done, and where,
    say more than "attacked Somalia". Only a deed that names no one."""
    target = gazetteer.lookup(event.target) if event.target else None
    if event.deed is None or event.place is None or target is None or target.kind != "state":
        return None
    names_no_one = not any(w[:1].isupper() for w in event.deed.split())
    return event.deed if names_no_one else None


def _group_named(event: BriefEvent, gazetteer: Gazetteer) -> str | None:
    """The deed with its armed group named where its words leave the men unnamed: "killed
    all six al-Shabab attackers" for "killed all six attackers", when the parse has the
    attackers as the group's (the group claimed the attack)."""
    known = gazetteer.lookup(event.target) if event.target else None
    if event.deed is None or known is None or known.kind != "armed_group":
        return None
    words = event.deed.split()
    for index, word in enumerate(words):
        if word.casefold() not in ATTACKERS and word.casefold().rstrip("s") not in ATTACKERS:
            continue
        before = words[index - 1] if index else ""
        # after "all six", "two", "the": not after a name ("Islamic Jihad fighters") or
        # an owner ("the group's fighters"), which say whose they are already
        named = any(w[:1].isupper() for w in words[:index]) or before.endswith(("'s", "’s"))
        if named or not (before.islower() or before.isdigit()):
            return None
        return " ".join([*words[:index], known.name, *words[index:]])
    return None


def _tagged(told: str, event: BriefEvent) -> str:
    if event.certainty == "hedged":
        return f"{told} (alleged)"
    if not event.doer_basis:
        return told
    rest = told.removeprefix(event.actor or "")
    if event.actor and rest != told and rest.strip():
        seen = _unnamed_doer(event, rest.split()[0])
        if seen is not None:
            # Known by its claim: who the sources saw do it, then who claimed it ("gunmen
            # stormed a hotel in Beledweyne; al-Shabab claimed responsibility"), never the
            # act with a tag that reads as if the attack were in doubt.
            return f"{seen}{rest}; {event.actor} claimed responsibility"
    return f"{told} (claimed)"


def _unnamed_doer(event: BriefEvent, verb: str) -> str | None:
    """The word a cited sentence gives the doers it does not name, right before the act's
    verb: "Gunmen stormed a hotel" gives "gunmen"."""
    for citation in event.citations:
        words = citation.quote.split()
        for before, word in zip(words, words[1:], strict=False):
            if word == verb and before.casefold().removesuffix("s") in ATTACKERS | _PLURALS:
                return before.casefold()
    return None


_PLURALS = frozenset({"gunmen"})


def describe(actor: BriefActor, gazetteer: Gazetteer) -> str:
    """'Pakistan's foreign minister Shah Mahmood Qureshi', 'the United Nations'."""
    if actor.kind != "person":
        return with_article(actor.name, gazetteer)
    if actor.country == "United States":  # "U.S. President Donald Trump", as news writes it
        return " ".join(part for part in ("U.S.", actor.role, actor.name) if part)
    owner = _possessive(with_article(actor.country, gazetteer)) if actor.country else None
    # "Pakistan's foreign minister Jalil Abbas Jilani", but "President Ahmed al-Sharaa":
    # a title straight before a name, with no owner, is written as a title.
    role = _lower_titles(actor.role, gazetteer) if actor.role and owner else actor.role
    return " ".join(part for part in (owner, role, actor.name) if part)


def with_article(name: str, gazetteer: Gazetteer) -> str:
    return f"the {name}" if gazetteer.is_definite(name) else name


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _lower_titles(role: str, gazetteer: Gazetteer) -> str:
    # "Foreign Minister" reads "foreign minister" before a name; "Quds Force" keeps capitals.
    lower = gazetteer.titles | OFFICE_WORDS
    return " ".join(w.lower() if w.casefold() in lower else w for w in role.split())


def introduced(
    lines: list[CitedSentence], actors: list[BriefActor], gazetteer: Gazetteer
) -> list[CitedSentence]:
    """The sentences with each person described where first named ("Pakistan's foreign
    minister Shah Mahmood Qureshi held talks…") and by surname after, outside quotes."""
    persons = [(a, a.name.split()[-1]) for a in actors if a.kind == "person"]
    surnames = Counter(surname for _, surname in persons)
    named: set[str] = set()
    done: list[CitedSentence] = []
    for line in lines:
        text = line.text
        for actor, surname in persons:
            if actor.name not in text:
                # A gist's "Qureshi told …" before any full "Shah Mahmood Qureshi".
                alone = surname in text and actor.name not in named and surnames[surname] == 1
                if alone and _names_unquoted(text, surname):
                    text = _renamed(text, surname, describe(actor, gazetteer), first_only=True)
                    named.add(actor.name)
                continue  # most of a big brief's persons are not in the bottom line
            if actor.name in named:
                if surnames[surname] == 1:
                    text = _renamed(text, actor.name, surname, first_only=False)
            elif _names_unquoted(text, actor.name):
                described = describe(actor, gazetteer)
                text = _renamed(text, actor.name, described, first_only=True)
                named.add(actor.name)
                if surnames[surname] == 1:  # "…; then Trump imposed…" in the same sentence
                    cut = text.find(described) + len(described)
                    later = _renamed(text[cut:], actor.name, surname, first_only=False)
                    text = text[:cut] + later
        done.append(line.model_copy(update={"text": upper_first(text)}))
    return done


def _renamed(text: str, name: str, new: str, *, first_only: bool) -> str:
    """`text` with `name` as a whole name outside quotes put as `new` (the first time
    only, with `first_only`); a name already so described stays as it is."""
    pattern = _whole(name)
    parts: list[str] = []
    left = 1 if first_only else -1
    for part in _UNQUOTED.finditer(text):
        piece = part.group(0)
        if piece.startswith("“") or left == 0:
            parts.append(piece)
            continue
        out, at = [], 0
        for found in pattern.finditer(piece):
            if left == 0:
                break
            left -= 1
            told = (piece[: found.start()] + name).endswith(new) and len(new) > len(name)
            out += [piece[at : found.start()], found.group(0) if told else new]
            at = found.end()
        parts.append("".join(out) + piece[at:])
    return "".join(parts)


def _names_unquoted(text: str, name: str) -> bool:
    pattern = _whole(name)
    return any(
        pattern.search(p.group(0))
        for p in _UNQUOTED.finditer(text)
        if not p.group(0).startswith("“")
    )


def _whole(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


_UNQUOTED = re.compile(r"[^“]+|“[^”]*”?")
