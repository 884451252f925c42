"""Periods for `brief compare`: "2020", "2024-01", "2024-01-19" and ranges "A..B" of them.

Every period is an inclusive range of days. Periods are given earliest first and must
not share a day, so "earlier" and "later" mean the same thing for every article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from brief.errors import UserError

__all__ = [
    "ACCEPTED_FORMS",
    "Period",
    "check_periods_have_articles",
    "parse_period",
    "parse_periods",
]

ACCEPTED_FORMS = (
    "a year (2020), a month (2024-01), a day (2024-01-19), "
    "or a range of them (2019..2020, 2024-01-01..2024-02-15)"
)
_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SHOWN_DATES = 12  # an error lists this many corpus dates at most


@dataclass(frozen=True)
class Period:
    """An inclusive range of days, with the text it was written as."""

    label: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """One period; a malformed one raises UserError showing the accepted forms."""
    label = text.strip()
    first, sep, last = label.partition("..")
    start = _bounds(first, text)[0]
    end = _bounds(last if sep else first, text)[1]
    if start > end:
        raise UserError(
            f"period {text!r} ends before it starts",
            hint=f"write the earlier end first, e.g. {last.strip()}..{first.strip()}",
        )
    return Period(label=label, start=start, end=end)


def _bounds(part: str, whole: str) -> tuple[dt.date, dt.date]:
    """First and last day of a year, month or day written as `part`."""
    match = _PART.match(part.strip())
    if match is None:
        raise _malformed(whole)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError as e:
        raise _malformed(whole, str(e)) from e


def _malformed(text: str, reason: str | None = None) -> UserError:
    why = f" ({reason})" if reason else ""
    return UserError(f"cannot read period {text!r}{why}", hint=f"a period is {ACCEPTED_FORMS}")


def parse_periods(texts: Sequence[str]) -> list[Period]:
    """Two or more periods, earliest first and without shared days."""
    if len(texts) < 2:
        raise UserError(
            f"compare needs at least two periods, got {len(texts)}",
            hint="e.g. brief compare 2020 2024",
        )
    periods = [parse_period(text) for text in texts]
    for earlier, later in zip(periods, periods[1:], strict=False):
        if later.end < earlier.start:
            raise UserError(
                f"periods {earlier.label!r} and {later.label!r} are in reverse order",
                hint="give periods earliest first, e.g. brief compare 2020 2024",
            )
        if later.start <= earlier.end:
            raise UserError(
                f"periods {earlier.label!r} and {later.label!r} overlap",
                hint="each day may belong to one period only, e.g. 2019..2020 2021..2024",
            )
    return periods


def check_periods_have_articles(periods: Sequence[Period], dates: Iterable[dt.date | None]) -> None:
    """Raise UserError for the first period no article date falls in, listing the dates
    the corpus does have."""
    known = list(dates)
    dated = sorted({d for d in known if d is not None})
    for period in periods:
        if not any(period.contains(day) for day in dated):
            raise UserError(
                f"no articles in period {period.label!r}",
                hint=_available(dated, len(known) - len(dated)),
            )


def _available(dated: list[dt.date], undated: int) -> str:
    if not dated:
        listed = "no dated articles"
    else:
        shown = ", ".join(d.isoformat() for d in dated[:_SHOWN_DATES])
        more = f" and {len(dated) - _SHOWN_DATES} more" if len(dated) > _SHOWN_DATES else ""
        listed = f"articles dated {shown}{more}"
    note = f"; {undated} undated" if undated else ""
    return f"the corpus has {listed}{note}"
