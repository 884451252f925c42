"""The resolver that merges actor name variants into actors.

The resolver compares distinct normalised keys, and only within small blocks, never all
pairs of mentions, so that its time grows with the number of mentions, not its square:

1. States and organisations are looked up in the gazetteer (data/aliases.json); other
   non-persons merge on their exact normalised key.
2. Person names lose their leading titles; full names (two or more name tokens) merge on
   an exact key, then on a fuzzy ratio within blocks that share the surname, then a
   shorter form ("Javad Zarif") joins the one longer form that contains it.
3. A lone surname ("Qureshi") or a role ("Pakistan's foreign minister") is resolved per
   article against the persons that article names, then globally, and only when exactly
   one person fits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from rapidfuzz import fuzz, process

from brief.language import (
    Gazetteer,
    PersonName,
    load_gazetteer,
    looks_like_person,
    normalise_name,
    parse_person_name,
    same_shape,
    surname_blocks,
)
from brief.schema import ActorKind

# Spelling variants of one person ("Mahmood"/"Mehmood") score 90+; different people who
# share a surname ("Imran Khan"/"Ismail Khan") score below 80.
PERSON_SIMILARITY = 88.0


@dataclass
class ResolvedActor:
    """One actor after merging, with what its mentions said about it."""

    name: str
    kind: ActorKind
    aliases: list[str]
    country: str | None
    role: str | None
    articles: set[int]
    definite: bool = False


@dataclass(slots=True)
class _Mention:
    surface: str
    article: int
    node: tuple[str, ...]
    kind: ActorKind
    guessed: bool
    country: str | None
    role: str | None
    person: PersonName | None


@dataclass
class _PersonEntry:
    tokens: frozenset[str]
    first: str
    last: str
    root: tuple[str, ...]
    role: str | None
    country: str | None


@dataclass
class _UnionFind:
    parent: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def find(self, node: tuple[str, ...]) -> tuple[str, ...]:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.parent[node] = self.find(parent)
        return parent

    def union(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key as root keeps results independent of input order.
            self.parent[max(ra, rb)] = min(ra, rb)


class ActorResolver:
    """Collects actor mentions from many articles and merges them into actors.

    Add every mention whose kind is known first, then the ones without a kind (a
    position's actor string), since those are classified against what was seen. Then call
    `resolve()` once; `actor_of` and `find` answer afterwards.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self._mentions: list[_Mention] = []
        self._by_surface: dict[tuple[int, str], int] = {}
        self._full_keys: set[str] = set()
        self._surnames: set[str] = set()
        self._other_keys: set[str] = set()
        self._uf = _UnionFind()
        self._final: list[tuple[str, ...]] = []
        self._actor_index: dict[tuple[str, ...], int] = {}
        self._by_article: dict[int, list[_PersonEntry]] = defaultdict(list)
        self._roots_by_last: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self._parsed: dict[str, PersonName] = {}
        self._countries: dict[str, str] = {}
        self._placed: dict[
            tuple[str, str], tuple[tuple[str, ...], PersonName | None, ActorKind]
        ] = {}
        self._actors: list[ResolvedActor] = []

    # ------------------------------------------------------------------ collecting

    def add(
        self,
        name: str,
        article: int,
        *,
        kind: ActorKind | None = None,
        country: str | None = None,
        role: str | None = None,
    ) -> int:
        """Record one mention of `name` in `article`; returns the mention's id."""
        surface = " ".join(name.split()) or name
        guessed = kind is None
        if kind is None:
            kind, node, person = self._classify(surface, article)
        else:
            node, person, kind = self._node_for(surface, kind)
        mention = _Mention(surface, article, node, kind, guessed, country, role, person)
        self._mentions.append(mention)
        self._by_surface.setdefault((article, normalise_name(surface)), len(self._mentions) - 1)
        return len(self._mentions) - 1

    def _node_for(
        self, surface: str, kind: ActorKind
    ) -> tuple[tuple[str, ...], PersonName | None, ActorKind]:
        # The same few names recur in thousands of articles: each is placed once (what
        # placing records, in sets, holds already for a name seen before).
        placed = self._placed.get((surface, kind))
        if placed is None:
            placed = self._placed[(surface, kind)] = self._place(surface, kind)
        return placed

    def _place(
        self, surface: str, kind: ActorKind
    ) -> tuple[tuple[str, ...], PersonName | None, ActorKind]:
        if kind != "person":
            known = self.gazetteer.lookup(surface)
            if known is not None:
                return ("known", known.name), None, known.kind
            key = normalise_name(surface) or surface.casefold()
            self._other_keys.add(key)
            return ("other", key), None, kind
        person = self._parse(surface)
        return self._person_node(person, surface), person, "person"

    def _parse(self, surface: str) -> PersonName:
        parsed = self._parsed.get(surface)
        if parsed is None:
            parsed = self._parsed[surface] = parse_person_name(surface, self.gazetteer)
        return parsed

    def _person_node(self, person: PersonName, surface: str) -> tuple[str, ...]:
        node = _person_node_key(person, surface)
        if node[0] == "person":
            self._full_keys.add(person.key)
            self._surnames.add(person.tokens[-1])
        return node

    def _classify(
        self, surface: str, article: int
    ) -> tuple[ActorKind, tuple[str, ...], PersonName | None]:
        # A name the article's actor list already has keeps that classification.
        earlier = self._by_surface.get((article, normalise_name(surface)))
        if earlier is not None:
            seen = self._mentions[earlier]
            return seen.kind, seen.node, seen.person
        known = self.gazetteer.lookup(surface)
        if known is not None:
            return known.kind, ("known", known.name), None
        key = normalise_name(surface) or surface.casefold()
        if key in self._other_keys:
            return "organization", ("other", key), None
        person = self._parse(surface)
        is_known_person = person.key in self._full_keys or (
            len(person.tokens) == 1 and person.tokens[0] in self._surnames
        )
        if is_known_person or looks_like_person(surface, self.gazetteer):
            return "person", self._person_node(person, surface), person
        self._other_keys.add(key)
        return "organization", ("other", key), None

    # ------------------------------------------------------------------- resolving

    def resolve(self) -> list[ResolvedActor]:
        """Merge all mentions into actors. Call once, after every `add`."""
        self._merge_full_names()
        self._index_persons()
        self._final = [self._final_node(m.node, m.person, m.article) for m in self._mentions]
        groups: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
        for mention, node in zip(self._mentions, self._final, strict=True):
            groups[node].append(mention)
        for node, mentions in groups.items():
            self._actor_index[node] = len(self._actors)
            self._actors.append(self._build_actor(node, mentions))
        return self._actors

    def actor_of(self, mention: int) -> int:
        """The index (into `resolve()`'s list) of the actor a mention was merged into."""
        return self._actor_index[self._final[mention]]

    def find(self, name: str, article: int) -> int | None:
        """The actor `name` refers to in `article`, without creating one."""
        surface = " ".join(name.split())
        earlier = self._by_surface.get((article, normalise_name(surface)))
        if earlier is not None:
            return self.actor_of(earlier)
        known = self.gazetteer.lookup(surface)
        if known is not None:
            return self._actor_index.get(("known", known.name))
        other = self._actor_index.get(("other", normalise_name(surface)))
        if other is not None:
            return other
        person = self._parse(surface)
        node = _person_node_key(person, surface)
        return self._actor_index.get(self._final_node(node, person, article))

    def display_name(self, name: str, article: int) -> str:
        """The canonical name for `name` as used in `article`, or the name tidied up."""
        return self.lookup(name, article)[1]

    def lookup(self, name: str, article: int) -> tuple[int | None, str]:
        """`find` and `display_name` at once: the actor, if any, and the name to show."""
        found = self.find(name, article)
        if found is not None:
            return found, self._actors[found].name
        known = self.gazetteer.lookup(name)
        return None, known.name if known else " ".join(name.split())

    def _merge_full_names(self) -> None:
        keys = sorted(self._full_keys)
        by_joined: dict[str, str] = {}
        for key in keys:
            # "Amir-Abdollahian" and "Amirabdollahian" differ only in a space.
            joined = key.replace(" ", "")
            if joined in by_joined:
                self._uf.union(("person", by_joined[joined]), ("person", key))
            else:
                by_joined[joined] = key
        for block in surname_blocks(keys):
            self._merge_similar(block)
        self._merge_contained(keys)

    def _merge_similar(self, block: list[str]) -> None:
        for i, key in enumerate(block[:-1]):
            rest = block[i + 1 :]
            matches = process.extract(
                key, rest, scorer=fuzz.ratio, score_cutoff=PERSON_SIMILARITY, limit=None
            )
            for other, _score, _index in matches:
                if same_shape(key, other):
                    self._uf.union(("person", key), ("person", other))

    def _merge_contained(self, keys: list[str]) -> None:
        by_last: dict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
        for key in keys:
            words = key.split()
            by_last[words[-1]].append((frozenset(words), key))
        for key in sorted(keys, key=lambda k: -len(k.split())):
            words = key.split()
            if any(len(w) == 1 for w in words):
                continue  # "George W Bush" is specific already; "George H W Bush" is another man
            inside = frozenset(words)
            own = self._uf.find(("person", key))
            roots = {
                self._uf.find(("person", other))
                for other_words, other in by_last[words[-1]]
                if inside < other_words
            } - {own}
            # "George Bush" inside both "George W Bush" and "George H W Bush": no guess.
            if len(roots) == 1:
                self._uf.union(own, roots.pop())

    def _index_persons(self) -> None:
        # One entry per person as described (name, role, country), shared by every article
        # that describes them so: entries are only read from here on.
        entries: dict[tuple[object, ...], _PersonEntry] = {}
        for mention in self._mentions:
            if mention.node[0] != "person" or mention.person is None:
                continue
            described = (mention.node, mention.person.tokens, mention.role, mention.country)
            entry = entries.get(described)
            if entry is None:
                entry = entries[described] = self._person_entry(mention, mention.person)
                self._roots_by_last[entry.last].add(entry.root)
            self._by_article[mention.article].append(entry)

    def _person_entry(self, mention: _Mention, person: PersonName) -> _PersonEntry:
        tokens = person.tokens
        return _PersonEntry(
            tokens=frozenset(tokens),
            first=tokens[0],
            last=tokens[-1],
            root=self._uf.find(mention.node),
            role=_role_key(mention.role, self.gazetteer),
            country=self._country(mention.country),
        )

    def _final_node(
        self, node: tuple[str, ...], person: PersonName | None, article: int
    ) -> tuple[str, ...]:
        if node[0] == "person":
            return self._uf.find(node)
        if node[0] == "surname":
            return self._resolve_surname(node[1], article) or node
        if node[0] == "role" and person is not None:
            return self._resolve_role(person, article) or node
        return node

    def _resolve_surname(self, surname: str, article: int) -> tuple[str, ...] | None:
        local = self._by_article.get(article, [])
        in_article = {e.root for e in local if e.last == surname}
        if in_article:
            return in_article.pop() if len(in_article) == 1 else None
        anywhere = self._roots_by_last.get(surname)
        if anywhere:
            return next(iter(anywhere)) if len(anywhere) == 1 else None
        # "Prime Minister Imran" next to "Imran Khan" in the same article.
        by_first = {e.root for e in local if e.first == surname}
        return by_first.pop() if len(by_first) == 1 else None

    def _resolve_role(self, person: PersonName, article: int) -> tuple[str, ...] | None:
        if person.title is None:
            return None
        fits = {
            e.root
            for e in self._by_article.get(article, [])
            if e.role == person.title and _country_fits(person.qualifier, e.country)
        }
        return fits.pop() if len(fits) == 1 else None

    # -------------------------------------------------------------------- building

    def _build_actor(self, node: tuple[str, ...], mentions: list[_Mention]) -> ResolvedActor:
        known = self.gazetteer.lookup(node[1]) if node[0] == "known" else None
        name = known.name if known else _canonical_name(node, mentions)
        aliases = sorted(
            {m.surface for m in mentions if m.surface.casefold() != name.casefold()},
            key=lambda a: (a.casefold(), a),
        )
        return ResolvedActor(
            name=name,
            kind=known.kind if known else _actor_kind(mentions),
            aliases=aliases,
            country=_most_common(self._country(m.country) for m in mentions),
            role=_most_common(m.role.strip() if m.role else None for m in mentions),
            articles={m.article for m in mentions},
            definite=known.definite if known else False,
        )

    def _country(self, country: str | None) -> str | None:
        if not country:
            return None
        found = self._countries.get(country)
        if found is None:  # a few countries, asked of every mention: each looked up once
            found = self._countries[country] = self._look_up_country(country)
        return found or None

    def _look_up_country(self, country: str) -> str:
        if not country.strip():
            return ""
        known = self.gazetteer.lookup(country)
        return known.name if known and known.kind == "state" else " ".join(country.split())


def _person_node_key(person: PersonName, surface: str) -> tuple[str, ...]:
    """A full name is a node of its own; a lone surname or a bare role is resolved later."""
    if not person.tokens:
        return ("role", normalise_name(surface))
    if len(person.tokens) == 1:
        return ("surname", person.tokens[0])
    return ("person", person.key)


def _role_key(role: str | None, gazetteer: Gazetteer) -> str | None:
    if not role:
        return None
    words = [gazetteer.title_expansions.get(w, w) for w in normalise_name(role).split()]
    return " ".join(words) or None


def _country_fits(qualifier: str | None, country: str | None) -> bool:
    """'pakistan'/'pakistani' fits Pakistan; no qualifier or no known country fits too."""
    if qualifier is None or country is None:
        return True
    stem = normalise_name(country)
    stem = stem[: min(len(stem), 5)]
    return any(word.startswith(stem) for word in qualifier.split())


def _canonical_name(node: tuple[str, ...], mentions: list[_Mention]) -> str:
    """Most frequent full form, longest among ties; persons without their titles."""
    persons = [m.person for m in mentions if m.person is not None and m.person.tokens]
    full = [p.display for p in persons if len(p.tokens) >= 2]
    forms = full or [p.display for p in persons] or [m.surface for m in mentions]
    counts = Counter(forms)
    return min(counts, key=lambda f: (-counts[f], -len(f), f))


def _actor_kind(mentions: list[_Mention]) -> ActorKind:
    stated = _most_common(m.kind for m in mentions if not m.guessed)
    guessed = _most_common(m.kind for m in mentions if m.guessed)
    return cast(ActorKind, stated or guessed or "organization")


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value, compared without case; first seen wins ties."""
    given = [value for value in values if value]
    if len(set(given)) <= 1:
        return given[0] if given else None  # most actors: one value, or none
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for value in given:
        counts[value.casefold()] += 1
        spelling[value.casefold()][value] += 1
    best = counts.most_common(1)[0][0]
    return spelling[best].most_common(1)[0][0]
