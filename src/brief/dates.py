"""Reading dates: from metadata values, from explicit words in an article, and from weekdays.

Every function here either finds a date that is written down or returns None; none of
them guesses. A wrong date silently reorders a timeline, so a missing one is better.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

__all__ = [
    "find_text_date",
    "find_weekday",
    "is_date_stamp",
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
