"""Where the sources disagree: one event told with different figures or days.

An event that several articles report (folded into one timeline row) carries each
source's sentences and, when they differ, each source's day for it. A figure is a number
next to what it counts ("9 people were killed", "killed seven", "a death toll of 12"),
read from the sentences alone. Two sources that give one count two different values, or
one event two different days, are listed side by side, each cited: the reader decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from brief.schema import BriefEvent, CitedSentence, Disagreement
from brief.wording import date_in_words, first_words

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
}  # fmt: skip
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")"
# What a figure counts, by the word that says so; the pattern's number is group 1.
# "five people, including two elders, were killed", "six people have been confirmed dead"
_COUNTED = (
    r"(?:\s+(?!and\b|or\b)[a-z-]+){0,3}?(?:,?\s+including\b[^.;\d]*?,?)?"
    r"\s+(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)?(?:confirmed\s+)?"
)
_LEAD = r"\s+(?:(?:at least|more than|over|up to|nearly|about|some)\s+)?"
_FIGURES = {
    "killed": (
        re.compile(rf"\b{_NUMBER}{_COUNTED}(?:killed|dead|died|fatalities)\b", re.I),
        re.compile(
            rf"\b(?:killed|killing|death toll of|toll (?:rose )?to){_LEAD}{_NUMBER}\b", re.I
        ),
    ),
    "wounded": (
        re.compile(rf"\b{_NUMBER}{_COUNTED}(?:wounded|injured|hurt)\b", re.I),
        re.compile(rf"\b(?:wounding|injuring|wounded|injured){_LEAD}{_NUMBER}\b", re.I),
    ),
    "passengers": (re.compile(rf"\b{_NUMBER}\s+passengers\b", re.I),),
}


# Counts that are no toll a source gives: a guess ("the toll may be higher — up to 10"),
# or the killers' own boast ("the group said it had killed more than 10 people").
_NO_TOLL = re.compile(
    r"\b(?:may|might|could)\s+(?:be|have|rise|reach|climb)\b|\bup to\s+\w+"
    r"|\b(?:said|says|claimed|claims)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|have\s+)?killed\b",
    re.I,
)
# Every pattern of `_FIGURES` needs one of these.
_COUNTING_WORDS = ("kill", "dead", "died", "fatalit", "toll", "wound", "injur", "hurt",
                   "passengers")  # fmt: skip


def disagreements(timeline: list[BriefEvent]) -> list[Disagreement]:
    """Each figure or day of one event that two of its sources give differently."""
    found: list[Disagreement] = []
    for event in timeline:
        found += _figure_disagreements(event)
        if len(set(event.dates_reported.values())) > 1:
            found.append(_date_disagreement(event))
    return found


def figures(sentence: str) -> dict[str, int]:
    """The counts a sentence gives, by what they count: {"killed": 9}."""
    return {what: value for what, (value, _) in _bounded_figures(sentence).items()}


def _bounded_figures(sentence: str) -> dict[str, tuple[int, bool]]:
    """The counts a sentence gives, each with whether it is only a floor ("at least six
    people have been confirmed dead", "killing more than 20")."""
    counts: dict[str, tuple[int, bool]] = {}
    lowered = sentence.casefold()
    if not any(word in lowered for word in _COUNTING_WORDS):
        return counts  # most sentences count nothing: one look, not seven patterns
    if _NO_TOLL.search(sentence):
        return counts
    for what, patterns in _FIGURES.items():
        for pattern in patterns:
            match = pattern.search(sentence)
            if match:
                before = sentence[max(match.start() - 14, 0) : match.end()].casefold()
                floor = bool(_FLOOR.search(before))
                counts.setdefault(what, (_value(match.group(1)), floor))
    return counts


_FLOOR = re.compile(r"\b(?:at least|more than|over)\s+\S+")


def dead_range(event: BriefEvent) -> tuple[str, str] | None:
    """The fewest and most dead the event's sources give, when they give two or more, as
    they give them: "at least 6" where the fewest is only a floor ("at least six people
    have been confirmed dead", told while a siege went on)."""
    given = _bounded_by_source(event).get("killed", {})
    values = sorted({value for value, _ in given.values()})
    if len(values) < 2:
        return None
    floor = all(floor for value, floor in given.values() if value == values[0])
    low = f"at least {values[0]:,}" if floor else f"{values[0]:,}"
    return low, f"{values[-1]:,}"


def _bounded_by_source(event: BriefEvent) -> dict[str, dict[int, tuple[int, bool]]]:
    """Each source's figure for each count of the event, with whether the source gives it
    only as a floor: its highest, as an article that gives "at least five" dead and then
    "at least six" has updated its toll, not differed with itself."""
    given: dict[str, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for citation in [*event.citations, *event.tolls]:
        for what, told in _bounded_figures(citation.quote).items():
            given[what][citation.source] = max(told, given[what].get(citation.source, (0, False)))
    return given


def _value(number: str) -> int:
    word = number.lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word.replace(",", ""))


def _figure_disagreements(event: BriefEvent) -> list[Disagreement]:
    counted = [*event.citations, *event.tolls]
    if len({c.source for c in counted}) < 2:
        return []  # one source cannot disagree with itself
    given: dict[str, dict[tuple[int, bool], set[int]]] = defaultdict(lambda: defaultdict(set))
    for what, by_source in _bounded_by_source(event).items():
        for source, told in by_source.items():
            given[what][told].add(source)
    found = []
    for what, by_value in given.items():
        sources = {s for values in by_value.values() for s in values}
        if len({value for value, _ in by_value}) > 1 and len(sources) > 1:
            # ("at least 6 [1]; 7 [2]": a floor is shown as one, not as a count)
            sides = [
                CitedSentence(
                    text=f"at least {value:,}" if floor else f"{value:,}",
                    sources=sorted(by_value[(value, floor)]),
                )
                for value, floor in sorted(by_value)
            ]
            found.append(Disagreement(about=f"{what.capitalize()} in {_named(event)}", sides=sides))
    return found


def _date_disagreement(event: BriefEvent) -> Disagreement:
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for source, day in sorted(event.dates_reported.items()):
        by_day[day].append(source)
    sides = [
        CitedSentence(text=date_in_words(day), sources=sources)
        for day, sources in sorted(by_day.items())
    ]
    return Disagreement(about=f"Date of {_named(event)}", sides=sides)


def _named(event: BriefEvent) -> str:
    return f"“{event.headline or first_words(event.what, 10)}”"
