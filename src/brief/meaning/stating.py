"""Whether a text states a fact: the reverse of the check, for scoring a bottom line
against the facts a reader says it must state. The text need not carry every detail of
the fact ("two days later" may be told as two dates); it must tell each of the fact's
main acts, by the same doer, and contradict none of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from brief.meaning.clauses import compare_frames, matching_frame
from brief.meaning.frames import Frame, frames_of, with_offices
from brief.meaning.lexicon import NEGATIVE_IMPLICATIVE
from brief.meaning.reading import parse_texts

# A fact's main clauses: what it tells, not what describes a noun ("the strike that
# killed Soleimani") or hangs off an act ("to take sides").
_MAIN = frozenset({"ROOT", "conj"})
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


def _wraps(frame: Frame, frames: list[Frame]) -> bool:
    return frame.lemma in NEGATIVE_IMPLICATIVE and any(
        f.dep == "xcomp" and f.token.head.i == frame.token.i for f in frames
    )


def _told(frame: Frame, told: list[Frame], evidence: Sequence[Doc]) -> bool:
    match = matching_frame(frame, told)
    return match is not None and compare_frames(frame, match, told, evidence) is None
