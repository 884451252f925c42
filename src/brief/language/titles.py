"""What an article calls each person it names: "Pakistani Foreign Minister Shah Mehmood
Qureshi", "Pakistan's foreign minister Jalil Abbas Jilani", "Jilani, Pakistan's foreign
minister," give Qureshi and Jilani the role "Foreign Minister" and the country Pakistan.

Read from the words written next to the name, by rule: the model is never asked, so a
brief never gives a person a title the article did not."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from brief.language.aliases import Gazetteer, load_gazetteer
from brief.language.mentions import ArticleMentions, NamedRun, state_named
from brief.language.roles import ROLE_NOUNS

# Role nouns that say a rank, not an office: "his counterpart", "a senior diplomat".
_NOT_OFFICES = frozenset({"counterpart", "diplomat"})
# Words of a title that are not themselves in the gazetteer's list ("Secretary-General").
_JOINED = re.compile(r"^[\w.]+(?:-[\w.]+)+$")
# Where a title after the name starts: "Jilani, Pakistan's foreign minister, said".
_AFTER = re.compile(r"^,\s+(?:the\s+)?(?P<title>[^,;:()]{3,60}?)\s*[,;.)]")
_WHOSE = frozenset({"chief", "secretary", "leader", "official", "commander"})
# Words of an office that are no title before a name by themselves.
OFFICE_WORDS = frozenset({"press", "military", "senior", "top", "interim", "transitional"})
# Words before a capitalised title that are part of it: "interim President".
_QUALIFIERS = frozenset({"interim", "transitional", "former", "acting", "caretaker", "deputy"})
_OWNER = re.compile(r"(?<=.)['’]s?$")  # "Pakistan's", "Philippines'": the state's name


@dataclass(frozen=True)
class Title:
    role: str
    country: str | None


def person_titles(sentences: tuple[str, ...], mentions: ArticleMentions) -> dict[str, Title]:
    """Each titled person's most told title; a state named with it in preference."""
    gazetteer = load_gazetteer()
    found: dict[str, Counter[Title]] = {}
    for sentence, runs in zip(sentences, mentions.runs, strict=True):
        earlier: list[Title] = []  # the titles of the persons named before, in this sentence
        for run in runs:
            if run.head.kind != "person":
                continue
            titles = _titles_by(run, sentence, gazetteer) or _counterpart(run, sentence, earlier)
            for title in titles:
                found.setdefault(run.head.name, Counter())[title] += 1
            earlier += titles
    return {person: _chosen(told) for person, told in found.items()}


def _counterpart(run: NamedRun, sentence: str, earlier: list[Title]) -> list[Title]:
    """ "Pakistani foreign minister Jalil Abbas Jilani has spoken to his Iranian counterpart
    Hossein Amirabdollahian": the counterpart holds the same office, for the state named."""
    words = sentence[: run.start].split()[-3:]
    if not earlier or len(words) < 3 or words[-1].casefold() != "counterpart":
        return []
    state = state_of(words[-2])
    return [Title(earlier[-1].role, state)] if state and words[0].casefold() in _OWNERS else []


_OWNERS = frozenset({"his", "her", "their", "its"})


def _chosen(told: Counter[Title]) -> Title:
    # "Foreign Minister" with its state beats the same title alone, however often.
    ranked = sorted(told.items(), key=lambda item: (item[0].country is None, -item[1]))
    return ranked[0][0]


def _titles_by(run: NamedRun, sentence: str, gazetteer: Gazetteer) -> list[Title]:
    """The titles written before the name (inside its run of capitals or just before it, in
    lower case) and in an aside just after it."""
    text = sentence[run.start : run.end]
    cut = max(text.find(run.head.name.split()[0]), 0)
    inside = text[:cut].split()
    before = sentence[: run.start].split()[-6:]
    if inside:  # "interim President …", "Iran's Foreign Minister …": no second office
        kept = len(before)
        while kept and (before[kept - 1].casefold() in _QUALIFIERS or state_of(before[kept - 1])):
            kept -= 1
        before = before[kept:]
    before_name = _posted(sentence[: run.start + cut]) or _read(before + inside, gazetteer)
    found = [before_name] if before_name else []
    after = _AFTER.match(sentence[run.end :])
    if after is not None:
        title = _read(after.group("title").split(), gazetteer, whole=True)
        if title is not None:
            found.append(title)
    return found


# "the Iranian ambassador to Pakistan Syed Mohammad Ali Hosseini": an envoy's post names
# where they serve; the state before it, whose envoy they are.
_POSTED = re.compile(
    r"(?P<owner>\S+)\s+(?P<role>ambassador|envoy|high commissioner)\s+to\s+"
    r"(?:the\s+)?(?P<post>[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2}?)\s*,?\s*$",
    re.IGNORECASE,
)


def _posted(before_name: str) -> Title | None:
    found = _POSTED.search(before_name)
    if found is None or not found.group("post")[:1].isupper():
        return None
    owner = state_of(found.group("owner"))
    role = f"{_cased(found.group('role'))} to {found.group('post')}"
    return Title(role, owner) if owner else None


def _read(words: list[str], gazetteer: Gazetteer, *, whole: bool = False) -> Title | None:
    """The title the words end with, and the state written before it: "Pakistan's foreign
    minister", "Iranian Foreign Minister", "U.S. Secretary of State". With `whole`, every
    word must be part of it (an aside that is something else gives nothing)."""
    role: list[str] = []
    index = len(words)
    while index and _title_word(words[index - 1], gazetteer):
        index -= 1
        role.insert(0, words[index])
    while role and role[0].casefold() in ("of", "the", "state"):
        role.pop(0)  # "… of the" left over, or "state" meaning a country's
    if role and role[-1].casefold() in ("of", "the"):
        return None  # "leader of the …": of something the words after it name
    office = [w for w in role if w.casefold() not in ("of", "the", "state")]
    if not office or not _office(office[-1]):
        return None  # "Secretary of State" is a secretary's office
    country = None
    if index and (owner := state_of(words[index - 1])):
        country, index = owner, index - 1
    if (whole and index) or (country is None and len(office) == 1 and _bare(office[0])):
        return None
    return Title(" ".join(_cased(w) for w in role), country)


def _bare(word: str) -> bool:
    # "chief Robin Li", "secretary Karoline Leavitt": of what, the title does not say.
    return word.casefold() in _WHOSE


def _cased(word: str) -> str:
    """One spelling for one title, "Foreign Minister" however the article writes it."""
    if word.casefold() in ("of", "the"):
        return word.casefold()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _title_word(word: str, gazetteer: Gazetteer) -> bool:
    key = word.casefold().strip(".")
    if key in gazetteer.titles or key in OFFICE_WORDS:
        return True
    return bool(_JOINED.match(word)) and all(
        part.casefold() in gazetteer.titles for part in word.split("-")
    )


def _office(word: str) -> bool:
    key = word.casefold().split("-")[-1]
    return key in ROLE_NOUNS - _NOT_OFFICES or key in ("governor", "mayor")


def state_of(word: str) -> str | None:
    """The state a word before a title names: "Pakistan's", "Pakistani", "U.S."."""
    return state_named(_OWNER.sub("", word))
