"""The brief (or a comparison) as a Word document, for teams that pass briefs around.

Word's own heading styles (Title, Heading 1, Heading 2) carry the structure, so the
navigation pane and a table of contents work; the timeline is a table; sources are a
numbered list in order, so each bracketed citation number is the source's number there.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocumentObject

from brief.printable import printable
from brief.schema import Brief, BriefActor, BriefEvent, CitedSentence, Comparison, Gist, Source
from brief.wording import (
    actor_acts,
    counted,
    coverage,
    event_day,
    event_told,
    stance_label,
)


def render_brief_docx(brief: Brief) -> bytes:
    """The one-page brief as .docx bytes."""
    doc = Document()
    doc.add_heading(_t(brief.title), level=0)
    doc.add_paragraph(coverage(brief))
    doc.add_heading("Bottom line", level=1)
    doc.add_paragraph(" ".join(_sentence(s) for s in brief.bottom_line) or "Nothing to report.")
    doc.add_heading("Key actors and positions", level=1)
    for actor in sorted((a for a in brief.actors if a.key), key=BriefActor.prominence):
        acts = [] if actor.gists else actor_acts(actor, brief.timeline)
        if actor.gists or acts:
            doc.add_heading(_t(actor.name), level=2)
        for gist in actor.gists[:2]:
            _gist_paragraph(doc, gist)
        for event in acts:  # a key actor for what it did: its acts
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run("acts").italic = True
            marks = _marks(c.source for c in event.citations)
            paragraph.add_run(f": {_t(event_told(event))}, {event_day(event)} {marks}")
    if brief.also_named:
        doc.add_paragraph(f"Also named: {_t(', '.join(brief.also_named[:10]))}.")
    doc.add_heading("Timeline", level=1)
    _events_table(doc, brief.timeline)
    if brief.disagreements:
        doc.add_heading("Sources differ", level=1)
        for d in brief.disagreements:
            sides = "; ".join(f"{_t(s.text)} {_marks(s.sources)}" for s in d.sides)
            doc.add_paragraph(f"{_t(d.about)}: {sides}", style="List Bullet")
    _sources(doc, brief.sources)
    if brief.skipped:
        doc.add_heading("Not processed", level=1)
        for item in brief.skipped:
            doc.add_paragraph(f"{_t(item.path)} — {_t(item.shown)}", style="List Bullet")
    return _saved(doc)


def render_comparison_docx(comparison: Comparison) -> bytes:
    """A comparison of periods as .docx bytes."""
    doc = Document()
    doc.add_heading(_t(comparison.title), level=0)
    doc.add_paragraph(f"Trend: {comparison.trend}.")
    doc.add_heading("Bottom line", level=1)
    doc.add_paragraph(" ".join(_sentence(s) for s in comparison.bottom_line))
    doc.add_heading("Positions then and now", level=1)
    labels = [p.label for p in comparison.periods]
    for actor in (a for a in comparison.actors if all(a.present)):
        doc.add_heading(_t(actor.name), level=2)
        gists = actor.gists or [[] for _ in labels]
        for label, said, done in zip(labels, gists, actor.acts, strict=True):
            for gist in said:
                _gist_paragraph(doc, gist, prefix=f"{label}: ")
            for event in done:
                doc.add_paragraph(
                    f"{label}: acted — {_t(event_told(event))} {_marks(_sources_of(event))}",
                    style="List Bullet",
                )
    for period in comparison.periods:
        doc.add_heading(f"Events in {_t(period.label)}", level=1)
        _events_table(doc, period.events)
    _sources(doc, comparison.sources)
    return _saved(doc)


# ----------------------------------------------------------------------------- helpers


def _gist_paragraph(doc: DocumentObject, gist: Gist, prefix: str = "") -> None:
    paragraph = doc.add_paragraph(style="List Bullet")
    if prefix:
        paragraph.add_run(_t(prefix))
    paragraph.add_run(stance_label(gist)).italic = True
    count = counted(gist.sources, "source")
    paragraph.add_run(f": {_t(gist.text)} {_marks(c.source for c in gist.citations)} · {count}")


def _events_table(doc: DocumentObject, events: list[BriefEvent]) -> None:
    if not events:
        doc.add_paragraph("No events were extracted.")
        return
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Date", "Event", "Sources"), strict=True):
        cell.text = text
    for event in events:
        cells = table.add_row().cells
        cells[0].text = event_day(event)
        cells[1].text = _t(event_told(event))
        cells[2].text = _marks(_sources_of(event))


def _sources(doc: DocumentObject, sources: list[Source]) -> None:
    doc.add_heading("Sources", level=1)
    for source in sources:
        parts = [_t(source.title), source.date.isoformat() if source.date else "date unknown"]
        if source.outlet:
            parts.append(_t(source.outlet))
        parts.append(_t(source.url or source.path))
        doc.add_paragraph(" · ".join(parts), style="List Number")


def _saved(doc: DocumentObject) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sentence(sentence: CitedSentence) -> str:
    words = _t(sentence.text.strip().removesuffix("."))
    return f"{words} {_marks(sentence.sources)}." if sentence.sources else words


def _sources_of(event: BriefEvent) -> list[int]:
    return [c.source for c in event.citations]


def _marks(numbers: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(set(numbers)))


def _t(text: str) -> str:
    # XML allows no control characters: python-docx would refuse the whole document.
    return printable(text)
