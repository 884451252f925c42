"""Which actors each sentence names: the candidates a model chooses from when it reads an
article sentence by sentence (the `by_sentence` extraction method).

A small model is good at picking who speaks in a sentence from a short list, and bad at
writing names and sentence numbers itself. So names are found here, by rule: runs of
capitalised words, with titles taken off the front ("Foreign Minister Shah Mehmood
Qureshi" is Shah Mehmood Qureshi), states found by name, capital or adjective ("Tehran",
"Iranian"), organisations by the gazetteer or an organisation word ("Foreign Office"), and
a surname alone resolved to the full name the same article gives ("Zarif").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Token

from brief.language.aliases import Gazetteer, load_gazetteer, normalise_name
from brief.schema import ActorKind, Article

# A capitalised word, an initialism ("U.S."), or a particle-prefixed one ("al-Hakim").
_WORD = r"(?:(?:al|el|ul|ud|bin|ibn)-)?(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'’\-]*)"
_PARTICLE = r"(?:al|el|ul|ud|bin|ibn|bint|de|da|di|du|van|von|der|den|la|le)"
_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD})*")
POSSESSIVE = re.compile(r"['’]s$")  # "Iran's": the name is "Iran"

# The names of the days and the months: capitalised, and times, never actors or places.
CALENDAR_WORDS = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
))  # fmt: skip
# Capitalised words that start sentences or name times and places, not actors.
_NOT_NAMES = CALENDAR_WORDS | frozenset((
    "a", "an", "the", "in", "on", "at", "of", "for", "from", "to", "by", "with", "after",
    "before", "but", "and", "or", "as", "while", "when", "where", "this", "that", "these",
    "those", "it", "its", "he", "she", "his", "her", "they", "their", "we", "our", "you", "i",
    "there", "here", "then", "however", "meanwhile", "also", "so", "if", "since", "though",
    "although", "until", "during", "earlier", "later", "last", "next", "today", "yesterday",
    "tomorrow", "mr", "mrs", "ms", "dr",
))  # fmt: skip
# Last words that make a run a place, not an actor ("Persian Gulf", "Middle East").
_PLACE_WORDS = frozenset((
    "gulf", "sea", "ocean", "strait", "straits", "province", "region", "valley", "river",
    "mountains", "border", "east", "west", "north", "south", "peninsula", "island", "islands",
    "street", "square", "city", "town", "district", "airport",
))  # fmt: skip

# Adjectives of regions and faiths: a run holding one is a description, not a person's
# name ("South Asian", "Sunni Muslim").
_GROUP_ADJECTIVES = frozenset((
    "asian", "african", "european", "american", "arab", "arabian", "latin", "western",
    "eastern", "northern", "southern", "central", "nordic", "baltic", "balkan", "caribbean",
    "pacific", "atlantic", "mediterranean", "sunni", "shia", "shiite", "muslim", "islamic",
    "christian", "jewish", "hindu", "buddhist",
))  # fmt: skip


# Group adjectives that are also given names, when another name follows.
_GIVEN_NAMES = frozenset(("christian",))


@dataclass(frozen=True)
class Mention:
    name: str
    kind: ActorKind


@dataclass(frozen=True)
class NamedRun:
    """A run of capitalised words at sentence[start:end] and the actors it names, the run's
    head last ("Pakistani Foreign Minister Shah Mehmood Qureshi": Pakistan, then Qureshi)."""

    start: int
    end: int
    mentions: tuple[Mention, ...]

    @property
    def head(self) -> Mention:
        return self.mentions[-1]


@dataclass(frozen=True)
class Acronym:
    name: str  # the body's full name: "National Intelligence and Security Agency"
    owner: str | None  # the state whose body it is, when the article says so


@dataclass
class ArticleMentions:
    """The actors named in each sentence (1-based), as one canonical name per actor, and
    the runs of words that name them (where in the sentence, for `brief.language.agency`)."""

    by_sentence: list[list[Mention]] = field(default_factory=list)
    runs: list[list[NamedRun]] = field(default_factory=list)
    # The bodies the article names by letters it defines ("…, or NISA"), by those letters.
    acronyms: dict[str, Acronym] = field(default_factory=dict)

    @property
    def owners(self) -> dict[str, str]:
        """A state's own bodies, as the article names them: "Somalia's National Intelligence
        and Security Agency, or NISA" is Somalia's (so what it says of Somalia's acts is
        Somalia's own account)."""
        return {a.name: a.owner for a in self.acronyms.values() if a.owner}

    def sentence(self, number: int) -> list[Mention]:
        return self.by_sentence[number - 1]

    def names(self, first: int, last: int) -> list[str]:
        """Every actor named in sentences first..last, in order of first mention."""
        seen: dict[str, None] = {}
        for mentions in self.by_sentence[first - 1 : last]:
            seen.update((m.name, None) for m in mentions)
        return list(seen)

    def kinds(self) -> dict[str, ActorKind]:
        return {m.name: m.kind for mentions in self.by_sentence for m in mentions}


@functools.cache
def demonyms() -> dict[str, str]:
    text = resources.files("brief").joinpath("data/demonyms.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["demonyms"])


def find_mentions(article: Article) -> ArticleMentions:
    """The actors each sentence of `article` names (the same object for the same text:
    do not change it)."""
    return mentions_of(article.sentences)


# One article's mentions serve its request schema, the answer's validation and its
# conversion, for each part of a long article: found once (0.5 s for a 5 MB article), not
# at every step. Keyed by the sentences, whose strings cache their own hashes.
@functools.lru_cache(maxsize=32)
def mentions_of(sentences: tuple[str, ...]) -> ArticleMentions:
    """`find_mentions` for the sentences alone (cached by them)."""
    gazetteer = load_gazetteer()
    raw = [_sentence_runs(sentence, gazetteer) for sentence in sentences]
    people = _full_names(
        [m for runs in raw for run in runs for m in run.mentions if m.kind == "person"]
    )
    acronyms = defined_acronyms(sentences)
    raw = [
        _with_acronyms(sentence, runs, acronyms)
        for sentence, runs in zip(sentences, raw, strict=True)
    ]
    result = ArticleMentions(acronyms=acronyms)
    for runs in raw:
        kept = [run for run in (_resolve_run(run, people) for run in runs) if run.mentions]
        named: dict[str, Mention] = {}
        for mention in (m for run in kept for m in run.mentions):
            named.setdefault(mention.name, mention)
        result.by_sentence.append(list(named.values()))
        result.runs.append(kept)
    return result


# "Somalia's National Intelligence and Security Agency, or NISA," and "the African Union
# Mission in Somalia (AMISOM)": a body's name and the letters the article uses for it after.
_DEFINED = re.compile(
    r"(?:(?P<owner>[A-Z][\w]+)['’]s\s+)?(?:the\s+)?"
    r"(?P<full>[A-Z][\w-]+(?:\s+(?:(?:and|of|for|in|on|the)\s+)*[A-Z][\w-]+){1,7})"
    r",?\s+(?:or\s+|\()(?P<letters>[A-Z]{2,7})\b"
)
_SMALL = frozenset({"and", "of", "for", "in", "on", "the"})


def defined_acronyms(sentences: tuple[str, ...]) -> dict[str, Acronym]:
    """The letters an article defines for a body's name, by their initials matching it."""
    found: dict[str, Acronym] = {}
    for sentence in sentences:
        for match in _DEFINED.finditer(sentence):
            letters, words = match.group("letters"), match.group("full").split()
            name = _named_by(words, letters)
            if name is None or letters in found:
                continue
            owner = state_named(match.group("owner")) if match.group("owner") else None
            found[letters] = Acronym(name, owner)
    return found


def _named_by(words: list[str], letters: str) -> str | None:
    """The last words of `words` whose initials are `letters` ("The National Security
    Council" for NSC: "National Security Council"), small words between them kept."""
    start, left = len(words), len(letters)
    while start and left:
        start -= 1
        if words[start] not in _SMALL:
            if words[start][0] != letters[left - 1]:
                return None
            left -= 1
    return " ".join(words[start:]) if left == 0 else None


def _with_acronyms(
    sentence: str, runs: list[NamedRun], acronyms: dict[str, Acronym]
) -> list[NamedRun]:
    """The sentence's runs with each defined body named once, by its full name, wherever
    the article writes it in full or by its letters."""
    if not acronyms:
        return runs
    bodies: list[NamedRun] = []
    for letters, body in acronyms.items():
        for match in re.finditer(
            rf"{re.escape(body.name)}(?:,?\s+(?:or\s+)?\(?{letters}\)?)?|\b{letters}\b", sentence
        ):
            bodies.append(
                NamedRun(match.start(), match.end(), (Mention(body.name, "organization"),))
            )
    kept = []
    for run in runs:
        inside = [
            b for b in bodies if b.start <= run.start < b.end or run.start <= b.start < run.end
        ]
        if not inside:
            kept.append(run)
        elif run.start < inside[0].start:  # "Somalia's National …": the owner stays named
            states = tuple(m for m in run.mentions if m.kind == "state")
            if states:
                kept.append(NamedRun(run.start, inside[0].start, states))
    return sorted([*kept, *bodies], key=lambda r: r.start)


def _resolve_run(run: NamedRun, people: dict[str, str]) -> NamedRun:
    """The run with each person named in full; a lone word no full name explains is not
    trusted as a person and dropped."""
    resolved = []
    for mention in run.mentions:
        if mention.kind == "person":
            full = people.get(mention.name)
            if full is None:
                continue
            mention = Mention(full, "person")
        resolved.append(mention)
    return NamedRun(run.start, run.end, tuple(resolved))


def _sentence_runs(sentence: str, gazetteer: Gazetteer) -> list[NamedRun]:
    runs = []
    for match in _RUN.finditer(sentence):
        words = [POSSESSIVE.sub("", w) for w in match.group(0).split()]
        mentions = _run_mentions(words, gazetteer)
        if mentions:
            runs.append(NamedRun(match.start(), match.end(), tuple(mentions)))
    return runs


def _run_mentions(words: list[str], gazetteer: Gazetteer) -> list[Mention]:
    """The actors one run of capitalised words names: 'Pakistani Foreign Minister Shah
    Mehmood Qureshi' names Pakistan and Shah Mehmood Qureshi."""
    found: list[Mention] = []
    while words and (words[0].casefold() in _NOT_NAMES or words[0].endswith("ing")):
        words = words[1:]  # "The", "After", "Highlighting Pakistan's concern"
    if not words:
        return found
    known = gazetteer.lookup(" ".join(words))
    if known is not None:
        return [Mention(known.name, known.kind)]
    state = demonyms().get(words[0]) or _state_name(words[0], gazetteer)
    if state is not None:
        found.append(Mention(state, "state"))
        words = words[1:]
    if not words:
        return found
    last_state = _state_name(words[-1], gazetteer) if len(words) > 1 else None
    if last_state is not None:  # "Sunni-majority Pakistan", "Radio Pakistan"
        found.append(Mention(last_state, "state"))
    lowered = [w.casefold() for w in words]
    name = list(words)
    while name and normalise_name(name[0]) in gazetteer.titles:
        name = name[1:]
    if (
        name
        and not any(w.casefold() in gazetteer.organization_words for w in name)
        and not any(gazetteer.lookup(w) for w in name)  # "UN Charter" is no one's name
    ):
        if (
            name[-1].casefold() not in _PLACE_WORDS
            and last_state is None
            # "Sunni Muslim", "South Asian" describe groups; "Christian Lindner" is a
            # person whose given name is also a faith's adjective.
            and not any(
                w.casefold() in _GROUP_ADJECTIVES
                for w in (name[1:] if name[0].casefold() in _GIVEN_NAMES else name)
            )
        ):
            found.append(Mention(" ".join(name), "person"))
    elif len(words) > 1 and any(w in gazetteer.organization_words for w in lowered):
        found.append(Mention(" ".join(words), "organization"))
    return found


def state_named(word: str) -> str | None:
    """The state a single word names, as a state or its demonym: "US", "Saudi"."""
    return demonyms().get(word) or _state_name(word, load_gazetteer())


def _state_name(word: str, gazetteer: Gazetteer) -> str | None:
    known = gazetteer.lookup(word)
    return known.name if known is not None and known.kind == "state" else None


def _full_names(people: list[Mention]) -> dict[str, str]:
    """Each person name as written → the fullest form of it in the article.

    Names of two words or more stand for themselves; a single word counts only as the
    last word of exactly one longer name ("Zarif", but not "Khan" when two Khans appear),
    or failing that as the first word of exactly one ("Imran").
    """
    full = sorted({m.name for m in people if len(m.name.split()) >= 2}, key=len, reverse=True)
    resolved: dict[str, str] = {}
    for name in full:
        longer = [f for f in full if f != name and f.endswith(" " + name)]
        resolved[name] = longer[0] if len(longer) == 1 else name
    for mention in people:
        if len(mention.name.split()) == 1:
            owners = {resolved[f] for f in full if mention.name.casefold() in _surnames(f)}
            if not owners:  # "Prime Minister Imran" for Imran Khan
                owners = {resolved[f] for f in full if f.split()[0] == mention.name}
            if len(owners) == 1:
                resolved[mention.name] = owners.pop()
    return resolved


def _surnames(name: str) -> set[str]:
    """A name's last word, and without its Arabic article, as articles write it after the
    full name: "Assad" of "Bashar al-Assad", "Sisi" of "Abdel Fattah el-Sisi"."""
    last = name.split()[-1]
    return {last.casefold(), _ARTICLE.sub("", last).casefold()}


_ARTICLE = re.compile(r"^(?:al|el|Al|El)-(?=[A-Z])")


def led_by(token: Token) -> list[str]:
    """'US-led forces', 'Saudi-led coalition': the state that leads what `token` names."""
    found: list[str] = []
    for word in token.subtree:
        if word.lower_ == "led" and word.i >= 2 and word.nbor(-1).text == "-":
            name = state_named(word.nbor(-2).text)
            if name:
                found.append(name)
    return found


def described_state(verb: Token, runs: list[NamedRun], doers: list[str]) -> list[str]:
    """'struck targets inside the South Asian country', 'the tariff on its northern
    neighbor's steel': the one state the sentence names besides the doer and the doer's
    own ("U.S. President Donald Trump"), when whom `verb`'s act is done to is described."""
    described = any(
        word.lemma_.lower() in _DESCRIBED_STATES
        and any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "its") for d in word.children)
        for word in verb.subtree
    )
    own = {m.name for run in runs if any(m.name in doers for m in run.mentions)
           for m in run.mentions}  # fmt: skip
    states = {m.name for run in runs for m in run.mentions if m.kind == "state"}
    others = states - set(doers) - own
    return sorted(others) if described and len(others) == 1 else []


_DESCRIBED_STATES = frozenset({"country", "nation", "neighbor", "neighbour"})
