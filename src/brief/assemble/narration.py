"""Where a sentence tells, in its own narration, what an actor did or said: from the
actor's name on, when a verb in the past follows it ("…, Qureshi expressed concern over
Ukraine", "…since U.S. President Donald Trump announced his decision to…")."""

from __future__ import annotations

import re

from brief.language import opens_in_the_past
from brief.schema import BriefActor

# Someone else's saying after it; "what he said were threats" is the actor's own.
_SAYING = re.compile(
    r"(?<!\bhe )(?<!\bshe )(?<!\bthey )\b(?:said|says|added|stated|according to|quoted)\b", re.I
)


def narrated_from(sentence: str, actor: BriefActor) -> str | None:
    """The sentence from the actor's name on (its fullest form first, then its surname),
    when a verb in the past follows and no one else is cited for what follows ("…," a
    statement said: the statement's words, not the article's narration)."""
    surname = (actor.name.split()[-1],) if actor.kind == "person" else ()
    names = sorted({actor.name, *actor.aliases, *surname}, key=len, reverse=True)
    for name in names:
        for found in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
            rest = sentence[found.end() :]
            later = rest.strip().split(" ", 1)[-1]
            if opens_in_the_past(rest) and not _SAYING.search(later):
                return sentence[found.start() :].rstrip(". ")
    return None
