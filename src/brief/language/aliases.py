"""Actor names: the curated gazetteer (data/aliases.json), normalised name keys, and person
names read into title, given names and surname."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import cast

from brief.schema import ActorKind

_NON_WORD = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_DROPPED = re.compile(r"[.'’`]")
_SINGLE_LETTER_RUN = re.compile(r"\b(?:\w )+\w\b")


# ------------------------------------------------------------------------ gazetteer


@dataclass(frozen=True)
class KnownActor:
    """A state or organisation from the gazetteer."""

    name: str
    kind: ActorKind
    definite: bool  # reads with "the" in a sentence: "the United States"


@dataclass(frozen=True)
class Gazetteer:
    """Curated names and the word lists used to take person names apart."""

    known: dict[str, KnownActor]
    titles: frozenset[str]
    title_expansions: dict[str, str]
    particles: frozenset[str]
    organization_words: frozenset[str]

    def lookup(self, name: str) -> KnownActor | None:
        """The state or organisation `name` stands for, if the gazetteer knows it."""
        return self.known.get(normalise_name(name))

    def is_definite(self, name: str) -> bool:
        """Whether `name` reads with "the": a known actor listed so, or an institution the
        gazetteer does not know whose name ends in a word that takes one ("the Wall Street
        Journal", "the National Security Committee", not "Deutsche Bank")."""
        entry = self.lookup(name)
        if entry is not None:
            return entry.definite and entry.name == name
        words = name.split()
        return len(words) > 1 and words[0][:1].isupper() and words[-1].casefold() in _THE_WORDS


# Last words of institutions' names that are said with "the".
_THE_WORDS = frozenset({
    "ministry", "office", "council", "committee", "commission", "army", "forces", "agency",
    "authority", "court", "league", "front", "movement", "organization", "organisation",
    "union", "alliance", "association", "embassy", "consulate", "parliament", "assembly",
    "senate", "congress", "cabinet", "administration", "department", "institute",
    "foundation", "fund", "brigade", "brigades", "guard", "guards", "coalition", "federation",
    "bureau", "centre", "center", "journal", "times", "post", "corps", "network", "mission",
})  # fmt: skip


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with brief (read once)."""
    text = resources.files("brief").joinpath("data/aliases.json").read_text(encoding="utf-8")
    data = json.loads(text)
    known: dict[str, KnownActor] = {}
    for group, default_kind in (("states", "state"), ("organizations", "organization")):
        for entry in data[group]:
            actor = KnownActor(
                name=entry["name"],
                kind=cast(ActorKind, entry.get("kind", default_kind)),
                definite=bool(entry.get("the", False)),
            )
            for alias in [entry["name"], *entry["aliases"]]:
                known[normalise_name(alias)] = actor
    return Gazetteer(
        known=known,
        titles=frozenset(data["titles"]),
        title_expansions=dict(data["title_expansions"]),
        particles=frozenset(data["particles"]),
        organization_words=frozenset(data["organization_words"]),
    )


@functools.lru_cache(maxsize=1 << 16)  # the same few names recur across thousands of articles
def normalise_name(text: str) -> str:
    """A comparison key: no accents, case, dots, possessives or leading "the"."""
    if text.isascii():  # most names: nothing to take apart (and 3x faster so)
        plain = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _DROPPED.sub("", _POSSESSIVE.sub("", plain))
    words = _NON_WORD.sub(" ", plain).replace("_", " ").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    # "u s a" (from "U. S. A.") reads as the acronym "usa".
    return _SINGLE_LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), " ".join(words))


# ---------------------------------------------------------------------- person names


@dataclass(frozen=True)
class PersonName:
    """A person's name taken apart: titles and qualifiers in front, name tokens after."""

    display: str  # the name as written, without its leading titles
    tokens: tuple[str, ...]  # normalised name tokens, particles ("al", "bin") left out
    title: str | None  # normalised, expanded title phrase: "foreign minister"
    qualifier: str | None  # what stood before the title: "pakistan" in "Pakistan's FM"

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def parse_person_name(surface: str, gazetteer: Gazetteer) -> PersonName:
    """Split `surface` into leading titles (with a country qualifier) and the name proper."""
    words = surface.split()
    keys = [normalise_name(w).split() for w in words]
    is_title = [bool(k) and all(part in gazetteer.titles for part in k) for k in keys]
    cut = _title_cut(is_title)
    skipped = [i for i in range(cut) if not is_title[i]]
    if cut == len(words) and not all(_is_qualifier(words[i], keys[i], gazetteer) for i in skipped):
        cut, skipped = 0, []  # "John Major", "Martin Luther King": a name ending in a title
    title_words = [
        gazetteer.title_expansions.get(t, t)
        for k, title in zip(keys[:cut], is_title[:cut], strict=True)
        if title
        for t in k
    ]
    qualifier = " ".join(t for i in skipped for t in keys[i]) if title_words else ""
    rest = [t for k in keys[cut:] for t in k]
    return PersonName(
        display=" ".join(words[cut:]) or " ".join(words),
        tokens=tuple(t for t in rest if t not in gazetteer.particles) or tuple(rest),
        title=" ".join(title_words) or None,
        qualifier=qualifier or None,
    )


def _title_cut(is_title: list[bool]) -> int:
    """How many leading words are titles, with up to two other words among them."""
    cut, others = 0, 0
    for i, title in enumerate(is_title):
        if title:
            cut = i + 1
            continue
        others += 1
        if others > 2:
            break
    return cut


_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ch")


def _is_qualifier(word: str, key: list[str], gazetteer: Gazetteer) -> bool:
    """'Pakistan's', 'Russian', 'US': words that say whose official follows."""
    text = " ".join(key)
    return (
        bool(_POSSESSIVE.search(word))
        or gazetteer.known.get(text) is not None
        or text.endswith(_DEMONYM_ENDINGS)
    )


def looks_like_person(surface: str, gazetteer: Gazetteer) -> bool:
    """A guess for names the model did not classify: titled, or 2-4 capitalised name words."""
    parsed = parse_person_name(surface, gazetteer)
    # Without a name, "Pakistan Army" is an institution, "Iran's foreign minister" a person.
    checked = parsed.tokens or tuple(normalise_name(surface).split())
    if not checked or any(w in gazetteer.organization_words for w in checked):
        return False
    if parsed.title:
        return True
    return 2 <= len(parsed.tokens) <= 4 and _capitalised(parsed.display, gazetteer)


def _capitalised(name: str, gazetteer: Gazetteer) -> bool:
    """Every word starts with a capital once particles are set aside: "Ali al-Hakim"."""
    for word in name.split():
        parts = [
            p for p in re.split(r"[-‐]", word) if p and p.casefold() not in gazetteer.particles
        ]
        if parts and not parts[0][:1].isupper():
            return False
    return True


# ------------------------------------------------------------ comparing person keys


def surname_blocks(keys: list[str]) -> list[list[str]]:
    """Blocks of person keys worth comparing: same surname, or same surname skeleton."""
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in keys:
        last = key.split()[-1]
        blocks[("last", last)].add(key)
        blocks[("skeleton", _skeleton(last))].add(key)
    unique = {tuple(sorted(b)) for b in blocks.values() if len(b) > 1}
    return [list(b) for b in sorted(unique)]


def _skeleton(word: str) -> str:
    """First letter plus consonants without repeats: Soleimani and Suleimani agree."""
    consonants = [c for c in word[1:] if c not in "aeiouy"]
    squeezed = [c for i, c in enumerate(consonants) if i == 0 or consonants[i - 1] != c]
    return word[:1] + "".join(squeezed)


def same_shape(a: str, b: str) -> bool:
    """Fuzzy matches must also agree on token count and first and last initials."""
    ta, tb = a.split(), b.split()
    return len(ta) == len(tb) and ta[0][0] == tb[0][0] and ta[-1][0] == tb[-1][0]
