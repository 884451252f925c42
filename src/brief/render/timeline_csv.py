"""The timeline as CSV, for analysts who sort and filter events in a spreadsheet."""

from __future__ import annotations

import csv
import io

from brief.printable import printable
from brief.schema import Brief, BriefEvent, Comparison
from brief.wording import event_told

HEADER = ["date", "date_precision", "what", "doer", "target", "category", "status", "sources"]
# A cell that starts with one of these is a formula to a spreadsheet: an article could run
# one on the analyst's machine. Such cells get a leading apostrophe, shown as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_timeline_csv(brief: Brief) -> str:
    """One row per timeline event, every event (the CSV is not cut to a page)."""
    return _table(HEADER, [_row(event) for event in brief.timeline])


def render_comparison_csv(comparison: Comparison) -> str:
    """The events of every period, with the period each belongs to."""
    rows = [
        [period.label, *_row(event)] for period in comparison.periods for event in period.events
    ]
    return _table(["period", *HEADER], rows)


def _row(event: BriefEvent) -> list[str]:
    return [
        event.date.isoformat() if event.date else "",
        event.date_precision or "",
        event_told(event),
        event.actor or "",
        event.target or "",
        event.category,
        event.status,
        ";".join(str(n) for n in sorted({c.source for c in event.citations})),
    ]


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return out.getvalue()


def _cell(value: str) -> str:
    text = " ".join(printable(value).split())
    return f"'{text}" if text.startswith(_FORMULA_START) else text
