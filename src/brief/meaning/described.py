"""Who is who, read from the whole article, for checking a brief against it.

A person's title:  "Pakistan's foreign minister Shah
Mahmood Qureshi held talks with …" names Qureshi by the title his article gives him in its
first lines, while the sentence it cites for the talks may call him "Qureshi". A title the
cited article gives the same person (the same office, of the same state) is taken off the
claim before its sentences are checked; any other title stays, and is checked like any word.

A state's own body: "Somalia's National Intelligence and Security Agency, or NISA" makes
"the NISA statement said" Somalia's saying, as the brief tells it ("Somalia said it
killed…"); the cited sentences are read with the body named as its state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from brief.language import Title, mentions_of, person_titles, state_of
from brief.meaning.names import written_out
from brief.schema import Article


def undescribed(claim: str, articles: Sequence[Article]) -> str:
    titled = [(p, t) for article in articles for p, t in _titles_in(article.sentences)]
    # Quoted words are the article's own, checked as written.
    parts = re.split(r"(“[^”]*”?)", claim)
    # "military commander" before "commander", or the longer is left half-taken
    for person, title in sorted(titled, key=lambda pair: -len(pair[1].role.split())):
        parts = [p if p.startswith("“") else _without_title(p, person, title) for p in parts]
    return "".join(parts)


def _without_title(claim: str, person: str, title: Title) -> str:
    role = r"\s+".join(re.escape(w) for w in title.role.split())
    surname = re.escape(person.split()[-1])
    found = re.compile(
        rf"(?P<owner>\b[\w.]+['’]s?\s+|\b[A-Z][\w.]+\s+)?\b(?i:{role})\s+"
        rf"(?=(?:[A-Z][\w'’.-]*\s+){{0,3}}{surname}\b)"
    )

    def plain(match: re.Match[str]) -> str:
        owner = (match.group("owner") or "").strip()
        if not owner:
            return ""
        state = state_of(owner)
        # Another state's minister, or a word that is not a state: checked as written.
        return "" if state is not None and state == title.country else match.group(0)

    return found.sub(plain, claim)


# A brief's every cited sentence asks again of the same few articles: read each once.
@functools.lru_cache(maxsize=64)
def _titles_in(sentences: tuple[str, ...]) -> tuple[tuple[str, Title], ...]:
    return tuple(person_titles(sentences, mentions_of(sentences)).items())


def named(claim: str, sentences: Sequence[str]) -> str:
    """The claim with a person it describes only by office ("Somalia's president signed …")
    named as the cited sentences name the holder of that office ("Somali President Mohamed
    Abdullahi Mohamed has signed …"), so the two are read as one person. A description that
    fits no one, or more than one, stays as written."""
    by_office: dict[tuple[str, str], list[str]] = {}
    for person, title in _titles_in(tuple(sentences)):
        if title.country is not None:
            by_office.setdefault((title.role.casefold(), title.country), []).append(person)
    for (role, country), people in by_office.items():
        if len(people) != 1:
            continue
        words = r"\s+".join(re.escape(w) for w in role.split())
        found = re.compile(rf"\b(?P<owner>[A-Z][\w.]*(?:['’]s?)?)\s+(?i:{words})\b(?!\s+[A-Z])")

        def with_name(match: re.Match[str], country: str = country, person: str = people[0]) -> str:
            owned = state_of(match.group("owner")) == country
            return f"{match.group(0)} {person}" if owned else match.group(0)

        claim = found.sub(with_name, claim)
    return claim


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def expanded(claim: str, sentences: Sequence[str]) -> str:
    """The claim with letters the cited sentences write out in words written out as they do:
    "The NCP accuses …" where they say "The National Congress Party says …", so the two are
    read as one party."""
    text = " ".join(sentences)

    def written(match: re.Match[str]) -> str:
        letters = match[0]
        if re.search(rf"\b{letters}\b", text):
            return letters  # the sources use the letters too
        return written_out(letters, text) or letters

    return _ACRONYM.sub(written, claim)


def as_owners(sentences: list[str], articles: Sequence[Article]) -> list[str]:
    """The sentences with each body an article defines as a state's named as that state."""
    for article in articles:
        for letters, body in mentions_of(article.sentences).acronyms.items():
            if body.owner is None:
                continue
            pattern = re.compile(rf"\b{re.escape(body.name)}\b|\b{letters}\b")
            sentences = [pattern.sub(body.owner, s) for s in sentences]
    return sentences
