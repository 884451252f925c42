"""Whether a text states a fact: the reverse of the check, for scoring a bottom line
against the facts a reader says it must state. The text need not carry every detail of
the fact ("two days later" may be told as two dates); it must tell each of the fact's
main acts, by the same doer, and contradict none of them."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from brief.meaning.clauses import compare_frames
from brief.meaning.frames import Frame, frames_of, with_offices
from brief.meaning.lexicon import NEGATIVE_IMPLICATIVE, SAYING
from brief.meaning.matching import matching_frame, same_act
from brief.meaning.reading import parse_texts

# A fact's main clauses: what it tells, not what describes a noun ("the strike that
# killed Soleimani") or hangs off an act ("to take sides").
_MAIN = frozenset({"ROOT", "conj"})
# Arguments are the first five letters of a word (see `frames.Frame.args`).
_TIMES = frozenset(
    m[:5].lower() for m in [*calendar.month_name[1:], *calendar.day_name, "week", "year", "month"]
)
_ONE_SOURCE = re.compile(r"\baccording to one source,\s*", re.I)


def states(texts: Sequence[str], fact: str) -> bool:
    """Whether `texts` (sentences read together) state every main act of `fact`."""
    # The brief's own "according to one source, …" says how many report it, not who.
    plain = [_ONE_SOURCE.sub("", text) for text in texts]
    docs = parse_texts([fact, *plain])
    told = with_offices([f for n, doc in enumerate(docs[1:]) for f in frames_of(doc, n)])
    frames = [f for f in frames_of(docs[0]) if f.subject is not None]
    # Its acts are those done by a named party ("the crisis followed the strike that
    # killed Soleimani" tells the killing); else its main clauses.
    main = [f for f in frames if f.subject is not None and f.subject.names]
    main = main or [f for f in frames if f.dep in _MAIN]
    # "refused to take sides" tells the sides not taken: the refusal is that act's "not"
    main = [f for f in main if not _wraps(f, main)]
    return bool(main) and all(_told(frame, told, docs[1:]) for frame in main)


def _things(args: frozenset[str] | set[str]) -> set[str]:
    """The arguments that are not a day, month or year."""
    return {a for a in args if not a.isdigit() and a not in _TIMES}


def _wraps(frame: Frame, frames: list[Frame]) -> bool:
    return frame.lemma in NEGATIVE_IMPLICATIVE and any(
        f.dep == "xcomp" and f.token.head.i == frame.token.i for f in frames
    )


def _told(frame: Frame, told: list[Frame], evidence: Sequence[Doc]) -> bool:
    # A saying does not tell the act it shares things with: "Somalia said it killed all
    # six attackers" does not state that the siege ended.
    acts = [f for f in told if f.lemma not in SAYING or frame.lemma in SAYING]
    # Nor does another act of the same day: sharing only when it was is no match.
    acts = [f for f in acts if same_act(frame, f) or len(_things(frame.args & f.args)) >= 2]
    match = matching_frame(frame, acts)
    if match is None:
        return False
    if match.speakers and not frame.speakers:
        # The text tells the act as its teller's account ("Somalia said it killed all six
        # attackers"): that states the fact as surely as a brief may, so the fact is read
        # as told by the same teller, and only the rest of it is judged.
        frame = replace(frame, speakers=match.speakers)
    return compare_frames(frame, match, told, evidence) is None
