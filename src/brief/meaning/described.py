"""Who a person is, checked against the whole article: "Pakistan's foreign minister Shah
Mahmood Qureshi held talks with …" names Qureshi by the title his article gives him in its
first lines, while the sentence it cites for the talks may call him "Qureshi". A title the
cited article gives the same person (the same office, of the same state) is taken off the
claim before its sentences are checked; any other title stays, and is checked like any word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.language import Title, find_mentions, person_titles, state_named
from brief.schema import Article


def undescribed(claim: str, articles: Sequence[Article]) -> str:
    titled = [
        (person, title)
        for article in articles
        for person, title in person_titles(article.sentences, find_mentions(article)).items()
    ]
    # "military commander" before "commander", or the longer is left half-taken
    for person, title in sorted(titled, key=lambda pair: -len(pair[1].role.split())):
        claim = _without_title(claim, person, title)
    return claim


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
        state = _state_in(owner)
        # Another state's minister, or a word that is not a state: checked as written.
        return "" if state is not None and state == title.country else match.group(0)

    return found.sub(plain, claim)


def _state_in(word: str) -> str | None:
    """The state a word before a title names: "Pakistan's", "Pakistani"."""
    return state_named(re.sub(r"['’]s?$", "", word))
