"""Reading dates: from metadata values, from explicit words in an article, and from weekdays.

The readers (`parse_date_value`, `find_text_date`) either find a date that is written down
or return None; they never guess. A wrong date silently reorders a timeline, so a missing
one is better. `infer_article_date` is the one exception, and it says so: it dates an
article from the well-known events it reports (data/anchor_events.json) and the weekdays
it names, and returns its reasoning with the date so a reader can check it.

What an article's date means: a date written on the article (metadata, "Published ...", a
dateline) is taken as it is, even when the story is about the day before. An inferred date
is the day of the latest event the report names, which is the report's main event; a news
report is normally written that day or the next, so both readings fall in the same week.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from dateutil import parser as dateutil_parser

from brief.schema import Article

__all__ = [
    "AnchorEvent",
    "InferredDate",
    "date_article",
    "find_text_date",
    "find_weekday",
    "infer_article_date",
    "is_date_stamp",
    "load_anchor_events",
    "parse_date_value",
    "resolve_weekday",
]

# Only the start of an article carries its own date (byline, dateline, "Published ...");
# dates further down are about the events in the story.
TEXT_DATE_WINDOW = 600

# Years outside this range are typos or ids, not publication dates.
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY_NAME = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY_NAME},?\s+)?"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_MDY = rf"{_MONTH}\s+{_DAY},?\s+\d{{4}}"
_DMY = rf"{_DAY}\s+{_MONTH},?\s+\d{{4}}"
_DATE = rf"(?P<date>{_WEEKDAY_PREFIX}(?:{_ISO}|{_MDY}|{_DMY}))(?![\d-])"

# Tried in order; the first that yields a real date wins. "Published" beats "Updated"
# because the article's own date is when it came out, not when it was last touched.
_TEXT_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:Published|Posted|First published)(?:\s+on)?\s*:?\s*{_DATE}", re.I),
    re.compile(rf"\bDated?\s*:?\s*{_DATE}", re.I),
    # Wire-style dateline: "ISLAMABAD, Jan 5, 2020 (Reuters) -". The city stays upper case,
    # so this one is case-sensitive except for the month.
    re.compile(rf"(?m)^[ \t]*[A-Z][A-Z .'’-]{{1,40}},\s+{_DATE}\s*(?:\([^)\n]{{1,40}}\)\s*)?[-–—]"),
    re.compile(rf"\b(?:Last\s+)?Updated(?:\s+on)?\s*:?\s*{_DATE}", re.I),
    re.compile(rf"(?<![\d-]){_ISO}(?![\d-])"),
)

_TIME_OF_DAY = r"(?:\s*(?:,|at|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?"
_DATE_STAMP = re.compile(
    rf"^\s*(?:Published|Posted|First\s+published|(?:Last\s+)?Updated|Dated?)(?:\s+on)?\s*:?\s*"
    rf"{_DATE}{_TIME_OF_DAY}\s*$",
    re.I,
)

_LEADING_WEEKDAY = re.compile(rf"^{_WEEKDAY_NAME},?\s+", re.I)
_AMBIGUOUS_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")

# Two defaults that differ in every field: if a parsed part comes out different under
# each, the string never gave that part and dateutil filled it in.
_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2)

_WEEKDAY_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def parse_date_value(value: object) -> dt.date | None:
    """A calendar date from a metadata value, or None when it does not name one exact day.

    Accepts date and datetime objects (YAML front matter yields them) and strings such as
    "2025-03-14", "2025-03-14 20:30:26Z", "2025-03-14T20:30:26+00:00", "May 25, 2019" and
    "25 May 2019". A timestamp keeps the day it was written in, without converting zones.
    """
    if isinstance(value, dt.datetime):
        return _in_range(value.date())
    if isinstance(value, dt.date):
        return _in_range(value)
    if not isinstance(value, str):
        return None  # a bare int like 2019 is a year, not a day
    return _parse_date_string(value.strip())


def _parse_date_string(text: str) -> dt.date | None:
    if not text or len(text) > 80 or not _FOUR_DIGIT_YEAR.search(text):
        return None
    if _is_ambiguous_numeric(text):
        return None
    try:
        return _in_range(dt.datetime.fromisoformat(text).date())
    except ValueError:
        pass
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None  # the day, month or year was missing and would be invented
    return _in_range(first.date())


def _is_ambiguous_numeric(text: str) -> bool:
    # "03/04/2020" is March 4 in one country and April 3 in another.
    match = _AMBIGUOUS_NUMERIC.match(text)
    if not match:
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return first <= 12 and second <= 12 and first != second


def _in_range(day: dt.date) -> dt.date | None:
    return day if _MIN_YEAR <= day.year <= _MAX_YEAR else None


def find_text_date(text: str) -> tuple[dt.date, str] | None:
    """An explicit date near the start of `text`, with the exact words it was read from.

    Looks in the first 600 characters for, in this order: a "Published ..." line, a
    "Date:"/"Dated ..." label, a wire dateline ("ISLAMABAD, Jan 5, 2020 (Reuters) -"), an
    "Updated ..." line, then a bare ISO date. Returns None when no explicit date is there.
    """
    head = text[:TEXT_DATE_WINDOW]
    for pattern in _TEXT_DATE_PATTERNS:
        for match in pattern.finditer(head):
            written = match.groupdict().get("date") or match.group(0)
            day = parse_date_value(_drop_weekday(written))
            if day is not None:
                return day, " ".join(match.group(0).split())
    return None


def _drop_weekday(written: str) -> str:
    # dateutil does not know "Thurs" or "Tues", and a weekday adds nothing to a full date.
    return _LEADING_WEEKDAY.sub("", written)


def is_date_stamp(line: str) -> bool:
    """True when `line` is nothing but a "Published May 25, 2019"-style stamp."""
    return _DATE_STAMP.match(line) is not None


def resolve_weekday(anchor: dt.date, weekday: str) -> dt.date:
    """The most recent `weekday` on or before `anchor` ("on Friday" said on a Friday is that day).

    Accepts "Friday", "friday", "on Friday" and three-letter forms like "Fri".
    Raises ValueError when `weekday` names no day of the week.
    """
    target = _weekday_index(weekday)
    return anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)


def _weekday_index(weekday: str) -> int:
    words = weekday.strip().lower().rstrip(".,").split()
    if words and words[0] in {"on", "last", "this", "past"}:
        words = words[1:]
    if len(words) == 1:
        word = words[0]
        for index, name in enumerate(_WEEKDAYS):
            if word == name or (len(word) >= 3 and name.startswith(word)):
                return index
    raise ValueError(f"{weekday!r} is not a day of the week (use e.g. 'Friday')")


def find_weekday(text: str) -> str | None:
    """The first weekday named in `text` ("met Friday", "on Saturday"), capitalised, or None."""
    match = _WEEKDAY_WORD.search(text)
    return match.group(1) if match else None


# ------------------------------------------------------------------- inferred dates

# A report names days of the week it covers; a weekday further than this from the
# anchor event would be a different week, which the words alone cannot tell apart.
_WEEK = 7
# Anchors this far after the most mentioned one belong to the same story (Soleimani's
# killing on 3 Jan 2020 and Iran's answer on 8 Jan); further ones are background.
_SAME_STORY_DAYS = 14

_WEEKDAY_REFERENCE = re.compile(
    r"\b(?:(?:on|late|early|last|this|since)\s+)?"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_DAYS_AFTER = re.compile(
    r"\b(a|one|the|two|three|four|five|six)\s+days?\s+(?:after|later than)\b", re.I
)
_NUMBER_WORDS = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_CLAUSE_END = re.compile(r"[,;.!?]")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")


@dataclass(frozen=True)
class AnchorEvent:
    """A well-known dated event, and the words that show a sentence mentions it."""

    name: str
    date: dt.date
    all_of: tuple[re.Pattern[str], ...]  # one pattern per group; every group must match

    def mention(self, sentence: str) -> str | None:
        """The words that show `sentence` mentions this event, or None."""
        found = [pattern.search(sentence) for pattern in self.all_of]
        if not all(found):
            return None
        return " … ".join(match.group(0) for match in found if match)


@dataclass(frozen=True)
class InferredDate:
    """A date worked out from the events an article reports, with the reasoning."""

    date: dt.date
    evidence: str


def _group_pattern(words: Sequence[str]) -> re.Pattern[str]:
    # Whole words or phrases, with a plural or possessive ending allowed.
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es|'s|’s)?(?!\w)", re.I)


@functools.cache
def load_anchor_events() -> tuple[AnchorEvent, ...]:
    """The curated anchor events shipped with brief (data/anchor_events.json), read once."""
    text = resources.files("brief").joinpath("data/anchor_events.json").read_text("utf-8")
    return tuple(
        AnchorEvent(
            name=entry["name"],
            date=dt.date.fromisoformat(entry["date"]),
            all_of=tuple(_group_pattern(group) for group in entry["all_of"]),
        )
        for entry in json.loads(text)["events"]
    )


@dataclass(frozen=True)
class _Mention:
    anchor: AnchorEvent
    sentence: int
    words: str


def infer_article_date(
    sentences: Sequence[str], anchors: Sequence[AnchorEvent] | None = None
) -> InferredDate | None:
    """The day of the latest event an article reports, from anchor events and weekdays.

    1. Find the anchor events the sentences mention; the most mentioned (the later on a
       tie) and any mentioned within two weeks after it form the story; the latest of
       those is the base.
    2. Every weekday the article names ("on Sunday") is taken as the first such day on
       or after the base, unless its sentence mentions an anchor on that weekday (then it
       is that anchor's day); "a day after <anchor>" is the day after that anchor.
    3. The latest of these days is the article's date. None when no anchor is mentioned.
    """
    chosen = anchors if anchors is not None else load_anchor_events()
    mentions = _anchor_mentions(sentences, chosen)
    if not mentions:
        return None
    base = _base_mention(mentions)
    candidates = [
        *_weekday_days(sentences, base.anchor, mentions),
        *_days_after(sentences, chosen),
    ]
    later = [c for c in candidates if c[0] >= base.anchor.date]
    if not later:
        return InferredDate(base.anchor.date, f"reports {_anchor_text(base)}")
    day, words = max(later, key=lambda c: c[0])
    # The basis ("inferred") is recorded beside the evidence, so the evidence is the reasoning.
    return InferredDate(day, f"{_anchor_text(base)}; “{words}” → {day.isoformat()}")


def _anchor_mentions(sentences: Sequence[str], anchors: Sequence[AnchorEvent]) -> list[_Mention]:
    mentions = []
    for number, sentence in enumerate(sentences):
        years = {int(y) for y in _YEAR.findall(sentence)}
        for anchor in anchors:
            # "the 2020 killing of Soleimani" in a later story is history, not news.
            if years and anchor.date.year not in years:
                continue
            words = anchor.mention(sentence)
            if words is not None:
                mentions.append(_Mention(anchor, number, words))
    return mentions


def _base_mention(mentions: list[_Mention]) -> _Mention:
    counts = Counter(m.anchor for m in mentions)
    main = max(counts, key=lambda a: (counts[a], a.date))
    story = [m for m in mentions if dt.timedelta(0) <= m.anchor.date - main.date <= _same_story()]
    return max(story, key=lambda m: (m.anchor.date, -m.sentence))


def _same_story() -> dt.timedelta:
    return dt.timedelta(days=_SAME_STORY_DAYS)


def _weekday_days(
    sentences: Sequence[str], base: AnchorEvent, mentions: list[_Mention]
) -> list[tuple[dt.date, str]]:
    days = []
    for number, sentence in enumerate(sentences):
        here = [m.anchor.date for m in mentions if m.sentence == number]
        on_that_day = {day.weekday(): day for day in here}
        for match in _WEEKDAY_REFERENCE.finditer(sentence):
            target = _WEEKDAYS.index(match.group(1).lower())
            day = on_that_day.get(target) or base.date + dt.timedelta(
                days=(target - base.date.weekday()) % _WEEK
            )
            days.append((day, match.group(0)))
    return days


def _days_after(
    sentences: Sequence[str], anchors: Sequence[AnchorEvent]
) -> list[tuple[dt.date, str]]:
    days = []
    for sentence in sentences:
        for match in _DAYS_AFTER.finditer(sentence):
            rest = sentence[match.end() :]
            end = _CLAUSE_END.search(rest)
            clause = rest[: end.start()] if end else rest
            for anchor in anchors:
                if anchor.mention(clause) is not None:
                    offset = dt.timedelta(days=_NUMBER_WORDS[match.group(1).lower()])
                    days.append((anchor.date + offset, f"{match.group(0)}{clause}".strip()))
    return days


def _anchor_text(mention: _Mention) -> str:
    day = mention.anchor.date
    return f"{mention.anchor.name} happened on {day.strftime('%A')} {day.day} {day:%b %Y}"


# ------------------------------------------------------------- articles and events


def date_article(article: Article, anchors: Sequence[AnchorEvent] | None = None) -> Article:
    """`article` with an inferred date when it has none written down; otherwise as it is."""
    if article.date is not None:
        return article
    inferred = infer_article_date(article.sentences, anchors)
    if inferred is None:
        return article
    return article.model_copy(
        update={"date": inferred.date, "date_basis": "inferred", "date_evidence": inferred.evidence}
    )
