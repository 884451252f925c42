"""What was said at the talks a bottom line tells: "held talks with Sergey Lavrov" says
nothing by itself; the article's next words do ("Qureshi expressed ’concern’ over the
latest situation in Ukraine").

Told in the article's own narration, from the first of its doer's cited positions in the
talks' sentence or the few after it: the words from the doer's name and a verb in the past
on, never the model's."""

from __future__ import annotations

from brief.assemble.narration import narrated_from
from brief.schema import BriefActor, BriefEvent, BriefPosition
from brief.wording import first_words

_AFTER = 3  # sentences after the talks' own that may tell what was said in them
_WORDS = 16
_MIN_WORDS = 6


def said_there(
    talks: BriefEvent, actors: list[BriefActor], spoken: set[tuple[int, int]]
) -> tuple[str, int] | None:
    """The doer's own words at the talks and the source that tells them; None when the
    article tells none, or when a stand in the bottom line already quotes that sentence."""
    doer = next((a for a in actors if a.name == talks.actor), None)
    if doer is None or talks.category != "talks":
        return None
    held = {(c.source, c.sentence) for c in talks.citations}
    for position in sorted(doer.positions, key=_first_cited):
        for citation in position.citations:
            near = any(
                citation.source == source and 0 <= citation.sentence - sentence <= _AFTER
                for source, sentence in held
            )
            if not near or (citation.source, citation.sentence) in spoken:
                continue
            clause = _narrated(citation.quote, doer)
            if clause is not None:
                return clause, citation.source
    return None


def _first_cited(position: BriefPosition) -> tuple[int, int]:
    first = min(position.citations, key=lambda c: (c.source, c.sentence))
    return first.source, first.sentence


def _narrated(sentence: str, doer: BriefActor) -> str | None:
    found = narrated_from(sentence, doer)
    return None if found is None else _cut(found)


def _cut(clause: str) -> str:
    """The clause to its first point: up to an "and" or a comma that opens another (after
    a few words), else its first `_WORDS` words."""
    words = clause.split()
    for index in range(_MIN_WORDS, min(len(words), _WORDS)):
        if words[index] in ("and", "while", "but") or words[index - 1].endswith(","):
            return " ".join(words[:index]).rstrip(",") + "…"
    return first_words(clause, _WORDS)
