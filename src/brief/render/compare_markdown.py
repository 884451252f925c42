"""A comparison as Markdown: a pure function of the `Comparison`, escaped like the brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from brief.render.markdown import cited_sentence, escape_markdown, says_is_its_quote
from brief.schema import (
    BriefEvent,
    BriefPosition,
    ComparedActor,
    ComparedPeriod,
    Comparison,
    Gist,
    Source,
)
from brief.wording import counted, event_day, first_words, stance_label, upper_first

__all__ = ["render_comparison_markdown"]

_EVENT_WORDS = 20  # of an event's own sentence, when the parse gave it no headline
_BASIS = {"metadata": "from metadata", "text": "from text", "inferred": "inferred"}


def render_comparison_markdown(comparison: Comparison) -> str:
    """The whole comparison as one Markdown document."""
    sections = [
        f"# {escape_markdown(comparison.title)}",
        _bottom_line(comparison),
        _periods(comparison.periods),
        _actors(comparison),
        _positions(comparison),
        _events(comparison.periods),
        _sources(comparison.sources),
        _left_out(comparison),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _bottom_line(comparison: Comparison) -> str:
    body = " ".join(cited_sentence(line) for line in comparison.bottom_line)
    return f"## Bottom line\n\nTrend: **{comparison.trend}**.\n\n{body}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _periods(periods: list[ComparedPeriod]) -> str:
    rows = [
        ["Articles", *(str(p.articles) for p in periods)],
        ["Dated", *(_span(p.first_article, p.last_article) for p in periods)],
        ["Sources", *(_marks(p.sources) for p in periods)],
        ["Cooperation events", *(str(p.mix.cooperation) for p in periods)],
        ["Conflict events", *(str(p.mix.conflict) for p in periods)],
        ["Other events", *(str(p.mix.other) for p in periods)],
        ["Cooperative statements", *(str(p.mix.cooperative_statements) for p in periods)],
        ["Hostile statements", *(str(p.mix.hostile_statements) for p in periods)],
        ["Conflict share", *(_share(p.mix.conflict_share) for p in periods)],
    ]
    header = ["", *(escape_markdown(p.label) for p in periods)]
    return "## Periods\n\n" + _table(header, rows)


def _actors(comparison: Comparison) -> str:
    labels = [escape_markdown(p.label) for p in comparison.periods]
    groups = [
        (f"Only in {labels[0]}", comparison.only_earliest),
        (f"Only in {labels[-1]}", comparison.only_latest),
        ("In both" if len(labels) == 2 else "In every period", comparison.in_every_period),
    ]
    lines = [f"- {title}: {_names(names)}" for title, names in groups]
    lines += [
        f"- Named in passing in {label}: {_names(names)}"
        for label, names in zip(labels, comparison.in_passing, strict=True)
        if names
    ]
    text = "## Actors\n\n" + "\n".join(lines)
    if len(labels) > 2:
        rows = [
            [escape_markdown(a.name), *(_presence(a, i) for i in range(len(labels)))]
            for a in comparison.actors
        ]
        text += "\n\n" + _table(["Actor", *labels], rows)
        text += "\n\n✓ speaks, acts or recurs; · named in passing."
    return text


def _presence(actor: ComparedActor, index: int) -> str:
    if actor.principal[index]:
        return "✓"
    return "·" if actor.present[index] else ""


def _names(names: list[str]) -> str:
    return ", ".join(escape_markdown(n) for n in names) if names else "none"


def _positions(comparison: Comparison) -> str:
    shared = [a for a in comparison.actors if all(a.present)]
    if not shared:
        return ""
    blocks = [_actor_positions(a, comparison.periods) for a in shared]
    return "## Positions then and now\n\n" + "\n\n".join(blocks)


def _actor_positions(actor: ComparedActor, periods: list[ComparedPeriod]) -> str:
    lines = [f"### {escape_markdown(actor.name)}", ""]
    # A comparison made before gists existed (an old JSON) still shows its positions.
    gists = actor.gists or [[] for _ in periods]
    for period, positions, said, done in zip(
        periods, actor.positions, gists, actor.acts, strict=True
    ):
        label = escape_markdown(period.label)
        if not positions and not done:
            lines.append(f"- {label}: no position extracted")
        if said:
            lines += [_gist_line(label, g) for g in said]
        else:
            lines += [_position_line(label, p) for p in positions]
        lines += [_act_line(label, e) for e in done]
    return "\n".join(lines)


def _gist_line(label: str, gist: Gist) -> str:
    count = counted(gist.sources, "source")
    marks = _marks(c.source for c in gist.citations)
    return f"- {label}: *{stance_label(gist)}* — {escape_markdown(gist.text)} {marks} · {count}"


def _act_line(label: str, event: BriefEvent) -> str:
    marks = _marks(c.source for c in event.citations)
    if event.headline:
        return f"- {label}: acted — {escape_markdown(upper_first(event.headline))} {marks}"
    return f"- {label}: acted, **{event.category}** — “{escape_markdown(event.what)}” {marks}"


def _position_line(label: str, position: BriefPosition) -> str:
    quote = position.citations[0]
    stance = position.stance.replace("_", " ")
    said = "" if says_is_its_quote(position) else f"{escape_markdown(position.says)} — "
    return (
        f"- {label}: {said}*{stance}* — "
        f"“{escape_markdown(quote.quote)}” {_marks(c.source for c in position.citations)}"
    )


def _events(periods: list[ComparedPeriod]) -> str:
    depth = max(len(p.events) for p in periods)
    if depth == 0:
        return "## Events side by side\n\nNo events were extracted."
    rows = [
        [_event_cell(p.events[i]) if i < len(p.events) else "" for p in periods]
        for i in range(depth)
    ]
    header = [escape_markdown(p.label) for p in periods]
    return "## Events side by side\n\n" + _table(header, rows)


def _event_cell(event: BriefEvent) -> str:
    when = event_day(event)
    marks = _marks(c.source for c in event.citations)
    if event.headline:
        return f"{when}: {escape_markdown(upper_first(event.headline))} {marks}"
    what = first_words(event.what, _EVENT_WORDS)
    return f"{when}: {escape_markdown(what)} ({event.category}) {marks}"


def _sources(sources: list[Source]) -> str:
    items = [f"{s.number}. {_source_line(s)}" for s in sources]
    return "## Sources\n\n" + "\n".join(items)


def _source_line(source: Source) -> str:
    date = source.date.isoformat() if source.date else "date unknown"
    how = _BASIS.get(source.date_basis or "", "")
    if source.date_evidence:
        how = f"{how}: '{escape_markdown(source.date_evidence)}'"
    dated = f"{date} ({how})" if how else date
    return " · ".join([f"**{escape_markdown(source.title)}**", dated, escape_markdown(source.path)])


def _left_out(comparison: Comparison) -> str:
    items = [f"- undated: {escape_markdown(p)}" for p in comparison.undated]
    items += [f"- outside every period: {escape_markdown(p)}" for p in comparison.outside]
    items += [
        f"- {escape_markdown(s.path)} — {escape_markdown(s.shown)}" for s in comparison.skipped
    ]
    return "## Left out\n\n" + "\n".join(items) if items else ""


def _span(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return "undated"
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _marks(numbers: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(set(numbers)))
