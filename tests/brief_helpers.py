"""Reading a Brief in tests: every citation it makes, and the text it states as findings."""

from __future__ import annotations

from brief.schema import Brief, Citation


def all_citations(brief: Brief) -> list[Citation]:
    """The citations of every position and timeline event."""
    cited = [c for a in brief.actors for p in a.positions for c in p.citations]
    return cited + [c for e in brief.timeline for c in e.citations]


def findings_text(brief: Brief) -> str:
    """What the brief says in its own words (not quotes), lower-cased."""
    findings = [p.says for a in brief.actors for p in a.positions]
    findings += [e.what for e in brief.timeline] + brief.bottom_line
    return " ".join(findings).lower()
