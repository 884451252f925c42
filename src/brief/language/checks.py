"""The check every generated sentence passes before it is used: it says nothing its cited
sentences do not. Its names, numbers and dates must all appear in them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Capitalised words that are grammar, not names; a gist may start with any word.
_NOT_NAMES = frozenset((
    "the", "a", "an", "it", "its", "they", "their", "he", "she", "his", "her", "we", "our",
    "i", "in", "on", "at", "of", "for", "to", "and", "or", "but", "will", "would", "says",
    "wants", "urges", "calls", "offers", "seeks", "supports", "opposes", "condemns",
    "warns", "denies", "expresses", "all", "both", "no", "not", "any", "this", "that",
))  # fmt: skip
_NUMBER = re.compile(r"\d[\d,.]*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’\-]*")
_MONTHS_DAYS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


def unsupported(text: str, sources: Iterable[str], *, known: Iterable[str] = ()) -> list[str]:
    """The names, numbers and dates in `text` that none of `sources` contains (`known`
    names, such as the speaker's, are allowed)."""
    haystack = " ".join([*sources, *known]).casefold()
    missing = [n for n in _NUMBER.findall(text) if n.rstrip(".,") not in haystack]
    missing += [d for d in _MONTHS_DAYS.findall(text) if d.casefold() not in haystack]
    for word in _CAPITALISED.findall(text):
        bare = re.sub(r"['’]s$", "", word)
        if bare.casefold() in _NOT_NAMES or _has_word(bare.casefold(), haystack):
            continue
        missing.append(bare)
    return list(dict.fromkeys(missing))


def _has_word(word: str, haystack: str) -> bool:
    """A whole word, not part of one: "US" is not in "precarious"."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", haystack) is not None


def words(text: str) -> int:
    return len(text.split())


_CONTENT_WORD = re.compile(r"[a-z][a-z'’\-]{3,}")
_COMMON = frozenset((
    "will", "would", "should", "could", "must", "that", "this", "with", "from", "have", "been",
    "their", "them", "they", "what", "when", "which", "about", "also", "into", "over", "says",
    "said", "wants", "calls", "urges", "other", "both", "more", "than", "such", "only",
))  # fmt: skip


def restates(text: str, sources: Iterable[str], share: float = 0.5) -> bool:
    """Whether most of the text's content words come from its sources (compared on their
    first five letters, so "mediate" and "mediation" agree): a line that says something
    else, however plausible, is not a gist of these sentences."""
    stems = {w[:5] for s in sources for w in _CONTENT_WORD.findall(s.casefold())}
    own = [w for w in _CONTENT_WORD.findall(text.casefold()) if w not in _COMMON]
    if not own:
        return False
    return sum(w[:5] in stems for w in own) / len(own) >= share
