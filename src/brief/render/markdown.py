"""A brief as Markdown for policy readers: a pure function of the `Brief`.

Everything that comes from an article or a model goes through `escape_markdown`, so no raw
HTML reaches a Markdown viewer and no stray character breaks the layout.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from typing import Literal

from brief.printable import printable
from brief.schema import (
    BottomLine,
    Brief,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    CitedSentence,
    Gist,
    Source,
)
from brief.wording import (
    STANCE_LABELS,
    actor_acts,
    counted,
    coverage,
    event_day,
    event_told,
    first_words,
    in_month_order,
    office_of,
    stance_label,
    upper_first,
)

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Inline syntax that could turn text into emphasis, code, links or table cells.
_MARKDOWN_PUNCTUATION = frozenset("\\`*_[]|")
# Text that starts like a heading, list item, setext underline or code fence.
_BLOCK_START = re.compile(r"^(#|[-+=]|~~~)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")

_KIND_LABELS = {
    "state": "State",
    "person": "Person",
    "organization": "Organisation",
    "armed_group": "Armed group",
    "social_group": "Social group",
}
Detail = Literal["brief", "full"]
MAX_TIMELINE_ROWS = 10
MAX_ALSO_NAMED = 5
SOURCE_TITLE_WORDS = 8  # on the one page: enough to know the article again
MAX_OUTCOMES = 2
MAX_GISTS_SHOWN = 2  # per actor on the one page; --detail full and the JSON have all three
QUOTE_WORDS = 9  # the supporting quote under a worded gist, on the one page
# Conflict first when the timeline is cut: what a policy reader cannot miss.
_CUT_ORDER = {"strike": 0, "attack": 0, "sanction": 1, "agreement": 2, "offer": 3, "talks": 4}
_DATE_BASIS = {"metadata": "from metadata", "text": "from text", "inferred": "inferred"}


def escape_markdown(text: str) -> str:
    """`text` on one line, with HTML and Markdown syntax made literal."""
    flat = " ".join(text.split())
    escaped = "".join(
        _HTML_ENTITIES.get(c) or (f"\\{c}" if c in _MARKDOWN_PUNCTUATION else c) for c in flat
    )
    escaped = _ORDERED_START.sub(r"\1\\\2", escaped)
    return f"\\{escaped}" if _BLOCK_START.match(escaped) else escaped


def render_brief_markdown(brief: Brief, detail: Detail = "brief") -> str:
    """The whole brief as one Markdown document: one page by default, of `PAGE_WORDS` words
    as `wc -w` counts (over it, the key actors who say and do least are left to the full
    brief); `detail="full"` keeps every attributed sentence under its gist and every event."""
    key = sum(1 for a in brief.actors if a.key)
    page = _render(brief, detail, key)
    for shown in range(key - 1, MIN_ACTORS_SHOWN - 1, -1):
        if detail == "full" or len(page.split()) <= PAGE_WORDS:
            break
        page = _render(brief, detail, shown)
    return page


PAGE_WORDS = 800
MIN_ACTORS_SHOWN = 4


def _render(brief: Brief, detail: Detail, actors_shown: int) -> str:
    sections = [
        _header(brief),
        _bottom_line(brief.bottom_line),
        _actors(brief, detail, actors_shown),
        _timeline(brief, detail),
        _differences(brief),
        _outcomes(brief.outcomes, brief.sources, detail),
        _sources(brief.sources, detail),
        _read_in_part(brief),
        _not_processed(brief),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


# -------------------------------------------------------------------------- sections


def _header(brief: Brief) -> str:
    return f"# {escape_markdown(brief.title)}\n\n{coverage(brief)}"


def _bottom_line(sentences: BottomLine) -> str:
    body = " ".join(cited_sentence(s) for s in sentences) or "Nothing to report."
    return f"## Bottom line\n\n{body}"


def cited_sentence(sentence: CitedSentence) -> str:
    """The sentence with its sources as "[1][2]" before its full stop."""
    if not sentence.sources:
        return escape_markdown(sentence.text)
    words = sentence.text.strip().removesuffix(".")
    return f"{escape_markdown(words)} {_source_marks(sentence.sources)}."


def _actors(brief: Brief, detail: Detail, shown: int) -> str:
    title = "## Key actors and positions\n\n"
    key = sorted((a for a in brief.actors if a.key), key=BriefActor.prominence)
    if not brief.actors:
        return title + "No stated view was found in these articles, and no actors were identified."
    blocks = [_actor_block(actor, detail, brief.timeline) for actor in key[:shown]]
    if (more := len(key) - shown) > 0:
        blocks.append(f"{more} more key actor{'s' if more > 1 else ''} with `--detail full`.")
    if not any(actor.positions for actor in brief.actors):
        # Speech that reports only facts ("five were killed," he said) is no position; what
        # was not found may still be there, so the line says found, not is.
        how = "the actors below are shown by what they did" if blocks else "no positions to list"
        blocks.insert(0, f"No stated view was found in these articles: {how}.")
    if brief.also_named:
        blocks.append(_also_named(brief.also_named, detail))
    return title + "\n\n".join(blocks)


def _also_named(names: list[str], detail: Detail) -> str:
    shown = names if detail == "full" else names[:MAX_ALSO_NAMED]
    more = f" and {len(names) - len(shown)} more" if len(names) > len(shown) else ""
    return "Also named: " + ", ".join(escape_markdown(n) for n in shown) + more + "."


def _actor_block(actor: BriefActor, detail: Detail, timeline: list[BriefEvent]) -> str:
    # On the one page a heading says who it is; the kind ("State") is for the full brief.
    facts = [_KIND_LABELS[actor.kind]] if detail == "full" else []
    if actor.kind == "person" and actor.role and actor.country:
        facts.append(escape_markdown(upper_first(office_of(actor.role, actor.country))))
    else:
        facts += [escape_markdown(v) for v in (actor.role, actor.country) if v]
    if actor.aliases:
        facts.append("also: " + ", ".join(escape_markdown(a) for a in actor.aliases))
    lines = [f"### {escape_markdown(actor.name)}"]
    if facts:
        lines += ["", " · ".join(facts)]
    gists = actor.gists if detail == "full" else actor.gists[:MAX_GISTS_SHOWN]
    if gists:
        lines.append("")
        lines += [line for g in gists for line in _gist_lines(g, detail)]
    elif acts := actor_acts(actor, timeline):
        # A key actor for what it did, not what it said: its acts stand under its name.
        lines.append("")
        lines += [
            f"- *acts*: {escape_markdown(event_told(e))}, {event_day(e)} "
            f"{_citation_marks(e.citations)}"
            for e in acts
        ]
    return "\n".join(lines)


def _gist_lines(gist: Gist, detail: Detail) -> list[str]:
    count = counted(gist.sources, "source")
    marks = _citation_marks(gist.citations)
    lines = [f"- *{stance_label(gist)}*: {escape_markdown(gist.text)} {marks} · {count}"]
    if gist.written:
        short = gist.quote.model_copy(
            update={"quote": first_words(gist.said or gist.quote.quote, QUOTE_WORDS)}
        )
        lines.append(f"  - {_quote(short if detail == 'brief' else gist.quote)}")
    if detail == "full":
        lines += [f"  - {_quote(c)}" for c in gist.citations if c != gist.quote or not gist.written]
    return lines


def says_is_its_quote(position: BriefPosition) -> bool:
    """Whether the position's text is its first quote (or the start of it): positions read
    sentence by sentence are worded in the article's own words, shown once."""
    says = position.says.removesuffix("…")
    return bool(position.citations) and position.citations[0].quote.startswith(says)


def _position_lines(position: BriefPosition) -> list[str]:
    stance = STANCE_LABELS[position.stance]
    citations = position.citations
    if says_is_its_quote(position):
        head = f"- *{stance}*: {_quote(citations[0])}"
        citations = citations[1:]
    else:
        head = f"- {escape_markdown(position.says)} — *{stance}*"
    if position.toward:
        head += f", toward {escape_markdown(position.toward)}"
    return [head, *(f"  - {_quote(c)}" for c in citations)]


def _quote(citation: Citation) -> str:
    return f"“{escape_markdown(citation.quote)}” [{citation.source}]"


def _timeline(brief: Brief, detail: Detail) -> str:
    events = brief.timeline
    if not events:
        return "## Timeline\n\nNo events were extracted."
    shown = events if detail == "full" else _most_reported(events, MAX_TIMELINE_ROWS)
    # An undated event is placed by the date of the article that reports it.
    reported = {s.number: s.date for s in brief.sources}

    shown = sorted(shown, key=lambda e: _placed(e, reported.get(e.citations[0].source)))
    if detail == "full":
        rows = ["| Date | Who → whom | What | Sources |", "| --- | --- | --- | --- |"]
        rows += [_timeline_row(e, reported.get(e.citations[0].source)) for e in shown]
    else:
        rows = ["| Date | Event | Sources |", "| --- | --- | --- |"]
        rows += [_short_row(e, reported.get(e.citations[0].source)) for e in shown]
    more = len(events) - len(shown)
    note = f"\n\n{more} more events with `--detail full`." if more else ""
    picture = mermaid_timeline(shown)
    return "## Timeline\n\n" + "\n".join(rows) + note + (f"\n\n{picture}" if picture else "")


# Characters Mermaid's timeline reads as syntax: ":" splits a period from its events, "#"
# and ";" start entities and comments, a backtick could end the fence.
_MERMAID_UNSAFE = re.compile(r"[:#;`<>{}\[\]]")  # a clause's "; " is written ", " first
MERMAID_WORDS = 7  # per event label: the picture is a glance, the table has the rest
MERMAID_EVENTS = 5  # the most reported dated events, conflict first among equals


def mermaid_timeline(events: list[BriefEvent]) -> str:
    """A Mermaid `timeline` of the main dated events (GitHub draws it), or "" when none
    is dated. Events of one day share a period; labels are the parse's headlines."""
    dated = _most_reported([e for e in events if e.date is not None], MERMAID_EVENTS)
    if not dated:
        return ""
    lines = ["```mermaid", "timeline"]
    in_order = sorted(dated, key=lambda e: _placed(e, None))
    for day, group in itertools.groupby(in_order, key=event_day):
        labels = [_mermaid_text(first_words(_told_plain(e), MERMAID_WORDS)) for e in group]
        lines.append(f"    {day} : " + " : ".join(labels))
    lines.append("```")
    return "\n".join(lines)


def _placed(event: BriefEvent, reported: dt.date | None) -> tuple[object, ...]:
    """Where a row goes: as the timeline orders (`in_month_order`), an undated one by the
    day of its report, after the rows dated that day."""
    day = event.date or reported or dt.date.max
    return *in_month_order(day, event.date_precision == "month"), event.date is None


def _told_plain(event: BriefEvent) -> str:
    if event.headline:
        return upper_first(event.headline)
    parties = " → ".join(p for p in (event.actor, event.target) if p)
    return f"{parties} {event.category}".strip()


def _mermaid_text(text: str) -> str:
    return " ".join(_MERMAID_UNSAFE.sub(" ", printable(text).replace("; ", ", ")).split())


def _most_reported(events: list[BriefEvent], limit: int) -> list[BriefEvent]:
    """The `limit` events most sources report (dated to the day, then to the month, then
    conflict, first among equals), kept in their timeline order. A row that repeats a kept
    one's doer, kind of act and month ("held talks with" two envoys) comes after every
    other: a brief over five years shows what happened in each, not the second meeting."""
    ranked = sorted(
        range(len(events)),
        key=lambda i: (
            -len({c.source for c in events[i].citations}),
            events[i].date is None,  # a timeline places what it can date
            events[i].date_precision == "month",  # and says the day where it can
            _CUT_ORDER.get(events[i].category, 5),
            i,
        ),
    )
    seen: set[tuple[object, ...]] = set()
    first: list[int] = []
    repeats: list[int] = []
    for i in ranked:
        event = events[i]
        same = (event.actor, event.category, event.date and event.date.strftime("%Y-%m"))
        daily = event.actor and event.date is not None
        (repeats if daily and same in seen else first).append(i)
        seen.add(same)
    return [events[i] for i in sorted((first + repeats)[:limit])]


def _timeline_row(event: BriefEvent, reported: dt.date | None) -> str:
    when = _event_date(event)
    if event.date is None and reported is not None:
        when = f"{when}, reported {reported.isoformat()}"
    cells = [
        when,
        _parties(event) or "—",
        f"{event.category}: {escape_markdown(first_words(event.what, 7))}",
        _citation_marks(event.citations),
    ]
    return "| " + " | ".join(cells) + " |"


def _short_row(event: BriefEvent, reported: dt.date | None) -> str:
    """One line a reader takes in at a glance: when, who did what to whom, where told."""
    cells = [
        _when(event, reported),
        _told(event, 9),
        _citation_marks(event.citations),
    ]
    return "| " + " | ".join(cells) + " |"


def _when(event: BriefEvent, reported: dt.date | None) -> str:
    if event.date is None and reported is not None:
        return f"reported {reported.isoformat()}"
    return _event_date(event)


def _told(event: BriefEvent, words: int) -> str:
    """The parse's headline ("Pakistan struck Iran"), else who → whom and the article's
    own first words; as Markdown."""
    if event.headline:
        return escape_markdown(upper_first(event.headline))
    said = f"{event.category}: {escape_markdown(first_words(event.what, words))}"
    return f"{_parties(event)} — {said}" if event.actor else said


def _differences(brief: Brief) -> str:
    if not brief.disagreements:
        return ""
    items = [
        f"- {escape_markdown(d.about)}: "
        + "; ".join(cited_sentence(side).rstrip(".") for side in d.sides)
        for d in brief.disagreements
    ]
    return "## Sources differ\n\n" + "\n".join(items)


def _outcomes(events: list[BriefEvent], sources: list[Source], detail: Detail) -> str:
    if not events:
        return "## Outcomes\n\nNo agreement, offer or announced step was found in these articles."
    items = []
    reported = {s.number: s.date for s in sources}
    for event in events if detail == "full" else _most_reported(events, MAX_OUTCOMES):
        if detail != "full":
            when = _when(event, reported.get(event.citations[0].source))
            told = _told(event, 12)
            items.append(f"- {when}: {told} {_citation_marks(event.citations)}")
            continue
        parties = _parties(event)
        who = f"{parties}: " if parties else ""
        items.append(
            f"- {_event_date(event)}, {who}{escape_markdown(event.what)} "
            f"({event.category}, {event.status}) {_citation_marks(event.citations)}"
        )
    return "## Outcomes\n\n" + "\n".join(items)


def _sources(sources: list[Source], detail: Detail) -> str:
    if not sources:
        return "## Sources\n\nNo sources."
    items = [f"{s.number}. {_source_line(s, detail)}" for s in sources]
    return "## Sources\n\n" + "\n".join(items)


def _source_line(source: Source, detail: Detail) -> str:
    title = source.title if detail == "full" else first_words(source.title, SOURCE_TITLE_WORDS)
    when = _source_date(source) if detail == "full" else _short_date(source)
    parts = [f"**{escape_markdown(title)}**", when]
    if source.outlet:
        parts.append(escape_markdown(source.outlet))
    if detail == "full" or not source.url:
        parts.append(escape_markdown(source.path))
    if source.url:
        parts.append(
            f"<{source.url}>" if _SAFE_URL.match(source.url) else escape_markdown(source.url)
        )
    return " · ".join(parts)


def _short_date(source: Source) -> str:
    if source.date is None:
        return "date unknown"
    return source.date.isoformat() + (" (inferred)" if source.date_basis == "inferred" else "")


def _source_date(source: Source) -> str:
    if source.date is None:
        return "date unknown"
    how = _DATE_BASIS.get(source.date_basis or "", "")
    evidence = f"'{escape_markdown(source.date_evidence)}'" if source.date_evidence else ""
    detail = ": ".join(part for part in (how, evidence) if part)
    return f"{source.date.isoformat()} ({detail})" if detail else source.date.isoformat()


def _not_processed(brief: Brief) -> str:
    if not brief.skipped:
        return ""
    items = [f"- {escape_markdown(s.path)} — {escape_markdown(s.shown)}" for s in brief.skipped]
    return "## Not processed\n\n" + "\n".join(items)


def _read_in_part(brief: Brief) -> str:
    if not brief.read_in_part:
        return ""
    items = [
        f"- {escape_markdown(s.path)} — {escape_markdown(s.reason)}" for s in brief.read_in_part
    ]
    return "## Read in part\n\n" + "\n".join(items)


# --------------------------------------------------------------------------- helpers


def _event_date(event: BriefEvent) -> str:
    if event.date is None and event.when:
        return f"undated ({escape_markdown(event.when)})"
    return event_day(event)


def _parties(event: BriefEvent) -> str:
    actor = escape_markdown(event.actor) if event.actor else ""
    if not event.target:
        return actor
    return f"{actor} → {escape_markdown(event.target)}".strip()


def _citation_marks(citations: Iterable[Citation]) -> str:
    return _source_marks(c.source for c in citations)


def _source_marks(numbers: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(set(numbers)))
