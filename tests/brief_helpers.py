"""Reading a Brief in tests: every citation it makes, and the text it states as findings."""

from __future__ import annotations

from brief.schema import Brief, Citation, CitedSentence


def all_citations(brief: Brief) -> list[Citation]:
    """The citations of every position and timeline event."""
    cited = [c for a in brief.actors for p in a.positions for c in p.citations]
    return cited + [c for e in brief.timeline for c in e.citations]


def findings_text(brief: Brief) -> str:
    """What the brief says in its own words (not quotes), lower-cased."""
    findings = [p.says for a in brief.actors for p in a.positions]
    findings += [e.what for e in brief.timeline] + [s.text for s in brief.bottom_line]
    return " ".join(findings).lower()


def marked(sentence: CitedSentence) -> str:
    """A bottom-line sentence as it reads in the Markdown brief: "text [1][2]."."""
    marks = "".join(f"[{n}]" for n in sentence.sources)
    return f"{sentence.text.removesuffix('.')} {marks}." if marks else sentence.text
