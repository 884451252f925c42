"""The brief (or a comparison) as one self-contained web page.

No network fetch of any kind: the style is inline, there is no script, no font and no image
from elsewhere. A citation is a button that opens its quoted sentence (the HTML popover
attribute, so clicking works without script; hovering shows it as a tooltip). The timeline
is drawn as inline SVG on a date axis. Every text from an article is escaped: an article
cannot inject markup. The page prints cleanly to PDF: popovers and buttons fold away.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Iterable

from brief.printable import printable
from brief.schema import (
    Brief,
    BriefActor,
    BriefEvent,
    Citation,
    CitedSentence,
    ComparedActor,
    Comparison,
    Gist,
    Source,
)
from brief.wording import (
    actor_acts,
    counted,
    coverage,
    event_day,
    event_told,
    stance_label,
)

_STYLE = """
body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;
margin-top:2rem}h3{font-size:1.05rem;margin-bottom:.3rem}
.meta{color:#555}.stance{font-style:italic;color:#444}.count{color:#666;font-size:.9em}
button.cite{font:inherit;font-size:.8em;vertical-align:super;border:0;background:none;
color:#0645ad;cursor:pointer;padding:0 1px}
button.cite:hover{text-decoration:underline}
[popover]{max-width:32rem;border:1px solid #888;border-radius:4px;padding:.6rem .8rem;
font-size:.95rem;box-shadow:0 2px 8px rgba(0,0,0,.2)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid #ddd;text-align:left;padding:.3rem .4rem;vertical-align:top}
svg{width:100%;height:auto;margin:.5rem 0}svg text{font:11px sans-serif}
ol.sources li{margin-bottom:.3rem}
@media print{button.cite{color:#000}[popover]{display:none}body{margin:0;max-width:none}}
"""


_MAX_QUOTES = 3  # sentences of one source shown in one citation's popover


class _Citer:
    """Numbers each citation's popover; one per page, so every id is unique."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = {s.number: s for s in sources}
        self.count = itertools.count(1)

    def quote(self, citation: Citation) -> str:
        """[n] that opens the sentence it cites."""
        source = self.sources.get(citation.source)
        where = f" — {_e(source.title)}" if source else ""
        said = f"“{_e(citation.quote)}”{where} [{citation.source}]"
        return self._button(citation.source, said, citation.quote)

    def source(self, number: int) -> str:
        """[n] that opens the source it cites (a sentence of the brief's own cites sources)."""
        source = self.sources.get(number)
        said = _source_text(source) if source else f"source {number}"
        return self._button(number, said, source.title if source else "")

    def quotes(self, citations: Iterable[Citation]) -> str:
        """One [n] per source, opening every sentence cited from it."""
        by_source: dict[int, list[Citation]] = {}
        for citation in citations:
            by_source.setdefault(citation.source, []).append(citation)
        return "".join(self._grouped(n, cited) for n, cited in sorted(by_source.items()))

    def _grouped(self, number: int, cited: list[Citation]) -> str:
        if len(cited) == 1:
            return self.quote(cited[0])
        source = self.sources.get(number)
        where = f"<br>— {_e(source.title)} [{number}]" if source else f" [{number}]"
        said = "<br>".join(f"“{_e(c.quote)}”" for c in cited[:_MAX_QUOTES])
        return self._button(number, said + where, cited[0].quote)

    def numbers(self, numbers: Iterable[int]) -> str:
        return "".join(self.source(n) for n in sorted(set(numbers)))

    def _button(self, number: int, popover: str, hover: str) -> str:
        key = f"c{next(self.count)}"
        return (
            f'<button class="cite" type="button" popovertarget="{key}" '
            f'title="{_e(hover)}">[{number}]</button>'
            f'<span popover id="{key}">{popover}</span>'
        )


def render_brief_html(brief: Brief) -> str:
    """The one-page brief as a web page."""
    cite = _Citer(brief.sources)
    body = [
        f"<h1>{_e(brief.title)}</h1>",
        f'<p class="meta">{_e(coverage(brief))}</p>',
        "<h2>Bottom line</h2>",
        f"<p>{' '.join(_sentence(s, cite) for s in brief.bottom_line) or 'Nothing to report.'}</p>",
        "<h2>Key actors and positions</h2>",
        *_actors(brief, cite),
        "<h2>Timeline</h2>",
        *_timeline(brief.timeline, cite),
        *_differences(brief, cite),
        "<h2>Sources</h2>",
        _sources(brief.sources),
        *_not_processed(brief),
    ]
    return _page(brief.title, body)


def render_comparison_html(comparison: Comparison) -> str:
    """A comparison of periods as a web page."""
    cite = _Citer(comparison.sources)
    periods = comparison.periods
    rows = [
        ["Articles", *[str(p.articles) for p in periods]],
        ["Sources", *[cite.numbers(p.sources) for p in periods]],
        ["Cooperation events", *[str(p.mix.cooperation) for p in periods]],
        ["Conflict events", *[str(p.mix.conflict) for p in periods]],
    ]
    depth = max((len(p.events) for p in periods), default=0)
    events = [
        [_event_cell(p.events[i], cite) if i < len(p.events) else "" for p in periods]
        for i in range(depth)
    ]
    body = [
        f"<h1>{_e(comparison.title)}</h1>",
        f"<p>Trend: <strong>{_e(comparison.trend)}</strong>.</p>",
        "<h2>Bottom line</h2>",
        f"<p>{' '.join(_sentence(s, cite) for s in comparison.bottom_line)}</p>",
        "<h2>Periods</h2>",
        _table(["", *[_e(p.label) for p in periods]], rows),
        "<h2>Positions then and now</h2>",
        *[
            _compared(a, [p.label for p in periods], cite)
            for a in comparison.actors
            if all(a.present)
        ],  # fmt: skip
        "<h2>Events side by side</h2>",
        _table([_e(p.label) for p in periods], events),
        "<h2>Sources</h2>",
        _sources(comparison.sources),
    ]
    return _page(comparison.title, body)


# ---------------------------------------------------------------------------- sections


def _actors(brief: Brief, cite: _Citer) -> list[str]:
    key = sorted((a for a in brief.actors if a.key), key=BriefActor.prominence)
    if not key:
        return ["<p>No stated view was found in these articles.</p>"]
    blocks = []
    for actor in key:
        gists = "".join(f"<li>{_gist(g, cite)}</li>" for g in actor.gists[:2])
        gists = gists or "".join(  # a key actor for what it did: its acts
            f'<li><span class="stance">acts</span>: {_e(event_told(e))}, {_e(event_day(e))} '
            f"{cite.quotes(e.citations)}</li>"
            for e in actor_acts(actor, brief.timeline)
        )
        blocks.append(f"<h3>{_e(actor.name)}</h3><ul>{gists}</ul>" if gists else "")
    if brief.also_named:
        blocks.append(f'<p class="meta">Also named: {_e(", ".join(brief.also_named[:10]))}.</p>')
    return [b for b in blocks if b]


def _gist(gist: Gist, cite: _Citer) -> str:
    sources = counted(gist.sources, "source")
    return (
        f'<span class="stance">{_e(stance_label(gist))}</span>: {_e(gist.text)} '
        f'{cite.quotes(gist.citations)} <span class="count">· {sources}</span>'
    )


def _timeline(events: list[BriefEvent], cite: _Citer) -> list[str]:
    if not events:
        return ["<p>No events were extracted.</p>"]
    rows = [
        [str(n), _e(event_day(e)), _e(event_told(e)), cite.quotes(e.citations)]
        for n, e in enumerate(events, start=1)
    ]
    return [timeline_svg(events), _table(["#", "Date", "Event", "Sources"], rows)]


def _differences(brief: Brief, cite: _Citer) -> list[str]:
    if not brief.disagreements:
        return []
    items = "".join(
        f"<li>{_e(d.about)}: "
        + "; ".join(f"{_e(side.text)} {cite.numbers(side.sources)}" for side in d.sides)
        + "</li>"
        for d in brief.disagreements
    )
    return ["<h2>Sources differ</h2>", f"<ul>{items}</ul>"]


def _sources(sources: list[Source]) -> str:
    items = "".join(f'<li id="source-{s.number}">{_source_text(s)}</li>' for s in sources)
    return f'<ol class="sources">{items}</ol>'


def _not_processed(brief: Brief) -> list[str]:
    if not brief.skipped:
        return []
    items = "".join(f"<li>{_e(s.path)} — {_e(s.shown)}</li>" for s in brief.skipped)
    return ["<h2>Not processed</h2>", f"<ul>{items}</ul>"]


def _compared(actor: ComparedActor, labels: list[str], cite: _Citer) -> str:
    items = []
    gists = actor.gists or [[] for _ in labels]
    for label, said, done in zip(labels, gists, actor.acts, strict=True):
        lines = [_gist(g, cite) for g in said] + [
            f"acted: {_e(event_told(e))} {cite.quotes(e.citations)}" for e in done
        ]
        items += [f"<li><strong>{_e(label)}</strong>: {line}</li>" for line in lines] or [
            f"<li><strong>{_e(label)}</strong>: no position extracted</li>"
        ]
    return f"<h3>{_e(actor.name)}</h3><ul>{''.join(items)}</ul>"


def _event_cell(event: BriefEvent, cite: _Citer) -> str:
    return f"{_e(event_day(event))}: {_e(event_told(event))} {cite.quotes(event.citations)}"


# -------------------------------------------------------------------------- timeline svg

_WIDTH, _MARGIN, _ROW = 720, 30, 24


def timeline_svg(events: list[BriefEvent]) -> str:
    """The dated events on a date axis, each a dot numbered as its row in the table;
    events of one day stack. "" when no event is dated."""
    dated = [(n, e) for n, e in enumerate(events, start=1) if e.date is not None]
    if not dated:
        return ""
    first = min(e.date for _, e in dated if e.date)
    last = max(e.date for _, e in dated if e.date)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return _MARGIN + (day - first).days / span * (_WIDTH - 2 * _MARGIN)

    placed: list[list[float]] = []  # x of the marks on each level, lowest level first
    levels = []
    for _, event in dated:
        assert event.date is not None
        cx = x(event.date)
        # The lowest level with no mark close by: near days stack instead of overlapping.
        level = next(
            (i for i, xs in enumerate(placed) if all(abs(cx - o) >= _ROW for o in xs)),
            len(placed),
        )
        if level == len(placed):
            placed.append([])
        placed[level].append(cx)
        levels.append((cx, level))
    axis = 30 + len(placed) * _ROW  # room above the axis for every level
    marks = [
        f"<g><title>{_e(event_day(event))}: {_e(event_told(event))}</title>"
        f'<circle cx="{cx:.1f}" cy="{axis - 6 - level * _ROW}" r="5" fill="#8b1e3f"/>'
        f'<text x="{cx:.1f}" y="{axis - 14 - level * _ROW}" text-anchor="middle">{number}</text>'
        "</g>"
        for (number, event), (cx, level) in zip(dated, levels, strict=True)
    ]
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    ticks = [
        f'<line x1="{x(dt.date(y, 1, 1)):.1f}" y1="{axis}" x2="{x(dt.date(y, 1, 1)):.1f}" '
        f'y2="{axis + 6}" stroke="#555"/><text x="{x(dt.date(y, 1, 1)):.1f}" y="{axis + 20}" '
        f'text-anchor="middle">{y}</text>'
        for y in years
    ]
    ends = (
        f'<text x="{_MARGIN}" y="{axis + 34}">{first.isoformat()}</text>'
        f'<text x="{_WIDTH - _MARGIN}" y="{axis + 34}" text-anchor="end">{last.isoformat()}</text>'
    )
    return (
        f'<svg viewBox="0 0 {_WIDTH} {axis + 42}" role="img" '
        'aria-label="Timeline of dated events">'
        f'<line x1="{_MARGIN}" y1="{axis}" x2="{_WIDTH - _MARGIN}" y2="{axis}" stroke="#555"/>'
        f"{''.join(ticks)}{''.join(marks)}{ends}</svg>"
    )


# ----------------------------------------------------------------------------- helpers


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No fetch of any kind, even if an escaped text were ever read as markup.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body></html>\n"
    )


def _sentence(sentence: CitedSentence, cite: _Citer) -> str:
    words = sentence.text.strip().removesuffix(".")
    return f"{_e(words)} {cite.numbers(sentence.sources)}." if sentence.sources else _e(words)


def _source_text(source: Source) -> str:
    parts = [f"<strong>{_e(source.title)}</strong>"]
    parts.append(source.date.isoformat() if source.date else "date unknown")
    if source.outlet:
        parts.append(_e(source.outlet))
    parts.append(_e(source.url) if source.url else _e(source.path))
    return " · ".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)
