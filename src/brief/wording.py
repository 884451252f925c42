"""Small helpers for the brief's own English: shortened quotes, dates in words, the sources
a generated sentence cites. Shared by the assembling stages and the renderers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from brief.schema import MAX_TEXT

MAX_BOTTOM_LINE = 5  # sentences
MAX_CITED_SOURCES = 3  # per bottom-line sentence: enough to check, short to read

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def shorten(sentence: str, limit: int = MAX_TEXT) -> str:
    """The sentence, cut at a word boundary to `limit` characters."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def long_date(day: dt.date) -> str:
    """A date as a policy reader writes it: 17 January 2024."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_and_year(day: dt.date) -> str:
    """January 2024."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def date_in_words(day: dt.date | None) -> str:
    """`long_date`, or "an unknown date"."""
    return long_date(day) if day is not None else "an unknown date"


def cited_sources(numbers: Iterable[int], limit: int = MAX_CITED_SOURCES) -> list[int]:
    """The first `limit` distinct source numbers, in order: what one sentence cites."""
    return sorted(set(numbers))[:limit]


def first_words(text: str, limit: int) -> str:
    """The text's first `limit` words, with "…" when it had more."""
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


# How each stance reads in the brief's own English.
STANCE_LABELS: dict[str, str] = {
    "calls_for_restraint": "calls for restraint",
    "offers_mediation": "offers mediation",
    "seeks_cooperation": "seeks cooperation",
    "supports": "supports",
    "opposes": "opposes",
    "condemns": "condemns",
    "warns_or_threatens": "warns or threatens",
    "denies": "denies",
    "expresses_concern": "expresses concern",
    "neutral": "neutral",
}


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Terminal control sequences: CSI ("ESC [ … m", colours, cursor moves), OSC ("ESC ] 0;title
# BEL", which sets a terminal's title or writes links), other two-byte escapes, and C1.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST (or cut off)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # other escapes, and a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def without_escapes(text: str) -> str:
    """`text` without terminal control sequences: nothing from an article or a file name
    can set a terminal's title, colours or cursor when it is printed."""
    return _ESCAPES.sub("", text)


def printable(text: str) -> str:
    """`text` without control sequences or control characters (tabs, newlines and form
    feeds stay)."""
    return _CONTROLS.sub("", without_escapes(text))
