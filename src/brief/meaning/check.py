"""Whether a written sentence says what the sentences it cites say.

The claim and its evidence are parsed, every clause read into a frame (who does what to
whom, whether, how sure, who says so), and each clause of the claim is matched to the
evidence clause that tells the same act. Then the claim is refused, with a reason a reader
can check, when it:

- names a person, place or group, or gives a number, that the evidence does not;
- puts a number, date or place on another act than the evidence does;
- turns "not" into "is", "denied" into "admitted", "refused to X" into "X";
- turns "praised" into "criticized", "disaster" into "success";
- states as done what was threatened, planned, hoped, called for, hinted, or said "if";
- drops "alleged", "likely", "I think", or an analyst's "say analysts";
- has the doer and the target of an act the other way round, or another speaker;
- adds a cause ("in retaliation"), a superlative, an "all", or an act (a clash, a
  detonation) that the evidence does not report.

Shared words prove nothing ("Iran struck Pakistan" and "Pakistan struck Iran" share all of
theirs): a claim passes when no clause of it contradicts, sharpens or adds to its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from brief.language import hung_participle
from brief.meaning.clauses import (
    compare_frames,
    misdirected,
    unheard,
    unmatched,
)
from brief.meaning.described import expanded, named
from brief.meaning.doers import unnamed_doer
from brief.meaning.frames import Frame, frames_of, with_offices
from brief.meaning.lexicon import (
    ACT_NOUNS,
    SAYING,
    SPEECH_ACTS,
)
from brief.meaning.matching import matching_frame, said_by_the_same
from brief.meaning.parties import name_keys, stem, told_stems
from brief.meaning.planned import aimed_as_done, threatened_as_done
from brief.meaning.reading import parse_texts
from brief.meaning.speakers import quotes_attributed
from brief.meaning.verdict import Problem, Verdict
from brief.meaning.words import whole_claim_problem

__all__ = ["Problem", "Verdict", "check_claim", "judge"]


def check_claim(
    claim: str, evidence: Sequence[str], *, grounded: bool = False, known: Sequence[str] = ()
) -> Verdict:
    """Whether `evidence` (the cited sentences) supports `claim`, with the reason.

    By default a claim passes when none of its clauses contradicts, sharpens or adds to the
    evidence (a paraphrase in other words passes). `grounded` also asks that its main
    clause tell an act of the evidence, or restate most of its words: what `brief` writes
    itself must say something its sources say, not merely nothing they deny.
    """
    if not claim.strip():
        return Verdict.refused("empty", "the claim is empty")
    if not any(e.strip() for e in evidence):
        return Verdict.refused("empty", "no cited sentence to check it against")
    # Two clauses joined by a semicolon are two claims: the parser reads the second as
    # the sentence's head and the first as what it says.
    parts = [p for p in _SEMICOLON.split(expanded(named(claim, evidence), evidence)) if p]
    # (and so are an evidence sentence's: "the burden is on the government; it must show …")
    evidence = [p for e in evidence for p in _SEMICOLON.split(e) if p.strip()]
    docs = parse_texts([*parts, *evidence])
    for part in docs[: len(parts)]:
        verdict = judge(part, docs[len(parts) :], grounded=grounded, known=known)
        if not verdict.supported:
            return verdict
    return verdict


_SEMICOLON = re.compile(r"\s*;\s+")


def judge(
    claim: Doc, evidence: Sequence[Doc], *, grounded: bool = False, known: Sequence[str] = ()
) -> Verdict:
    """The verdict on a parsed claim against its parsed evidence."""
    verdict = whole_claim_problem(claim, evidence, known)
    if verdict is not None:
        return verdict
    claimed = with_offices(frames_of(claim))
    told = with_offices([f for n, doc in enumerate(evidence) for f in frames_of(doc, n)])
    told = quotes_attributed(told, evidence)
    matched = []
    for frame in claimed:
        verdict = (
            threatened_as_done(frame, told)
            or aimed_as_done(frame, told)
            or unheard(frame, told)
            or misdirected(frame, told, evidence)
        )
        if verdict is not None:
            return verdict
        match = matching_frame(frame, told)
        if match is not None:
            matched.append(frame)
        if match is None:
            verdict = unmatched(frame, evidence) or _added_conjunct(frame, matched, evidence)
        else:
            verdict = _against(frame, match, told, evidence)
            other = (
                said_by_the_same(frame, match, told)
                if verdict and verdict.problem == "speaker"
                else None
            )
            if other is not None:
                verdict = _against(frame, other, told, evidence)
        if verdict is not None:
            return verdict
    verdict = _added_phrase(claim, evidence)
    if verdict is not None:
        return verdict
    if grounded and not _grounded(claim, claimed, matched, evidence):
        return Verdict.refused("added", "no clause of it tells what the cited sentences tell")
    if grounded:
        return _new_words(claim, evidence) or _sharpened_saying(claimed, evidence) or Verdict.ok()
    return Verdict.ok()


_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})


def _added_conjunct(frame: Frame, matched: list[Frame], evidence: Sequence[Doc]) -> Verdict | None:
    """ "condemned Thailand … and called for sanctions": a second act joined to one the
    evidence tells, in words the evidence has none of, is an added fact."""
    token = frame.token
    # ", offering to mediate talks": a participle hung on a told act says another act
    joined = token.dep_ == "conj" or (hung_participle(token) and frame.base not in SAYING)
    if not joined or not any(f.token.i == token.head.i for f in matched):
        return None
    told = told_stems(evidence)
    nouns = {stem(t.lemma_) for t in token.subtree if t.pos_ == "NOUN" and t.head.i != token.head.i}
    if stem(frame.base) in told or stem(token.lemma_) in told or not nouns or nouns & told:
        return None
    # Only where the rest is the evidence's own words: a paraphrase rewords every clause.
    rest, kept = _told_share(token.doc, {t.i for t in token.subtree}, told)
    if not rest or kept < 0.8 * rest:
        return None
    return Verdict.refused(
        "added", f"the cited sentences do not say {token.text!r} (an added clause)"
    )


_PHRASES = frozenset({"prep", "appos", "npadvmod"})


def _added_phrase(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """ "broadcast his interview live in prime time", "urged action, including an arms
    embargo": the evidence's own words with a phrase of things it never names."""
    told = told_stems(evidence)
    for token in claim:
        if token.dep_ not in _PHRASES or token.head.pos_ not in ("VERB", "NOUN", "AUX"):
            continue
        phrase = {t.i for t in token.subtree}
        nouns = [t for t in token.subtree if t.pos_ == "NOUN"]
        words = [t for t in token.subtree if t.pos_ in _CONTENT]
        if len(nouns) < 2 or any(stem(w.lemma_) in told or stem(w.text) in told for w in words):
            continue  # (a phrase that keeps a word of the evidence is said in other words)
        rest, kept = _told_share(claim, phrase, told)
        if rest >= 4 and kept >= 0.85 * rest:
            return Verdict.refused(
                "added", f"the cited sentences do not say {_phrase_text(claim, phrase)!r}"
            )
    return None


def _told_share(claim: Doc, left_out: set[int], told: set[str]) -> tuple[int, int]:
    """How many content words the claim has outside `left_out`, and how many of them the
    evidence has: all but a few where the claim copies the evidence but for that part."""
    rest = [stem(t.lemma_) for t in claim if t.i not in left_out and t.pos_ in _CONTENT]
    return len(rest), sum(w in told for w in rest)


def _phrase_text(claim: Doc, phrase: set[int]) -> str:
    return claim[min(phrase) : max(phrase) + 1].text


def _against(
    frame: Frame, match: Frame, told: list[Frame], evidence: Sequence[Doc]
) -> Verdict | None:
    """The claim's clause read against the evidence clause that tells the same act."""
    return compare_frames(frame, match, told, evidence) or unnamed_doer(frame, match, told)


_ORDINARY = frozenset({"also", "still", "further", "more", "new", "own", "other", "same",
                       "part", "need", "way", "time", "year", "day", "month", "week"})  # fmt: skip


def _new_words(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """What `brief` writes itself adds no thing or quality its sources lack: "a missile
    strike" where they say "struck", "a prominent Iranian politician" where they say
    nothing of the kind."""
    told = told_stems(evidence)
    for token in claim:
        if token.pos_ not in ("NOUN", "ADJ") or token.lemma_.lower() in _ORDINARY:
            continue
        if stem(token.lemma_) in told or stem(token.text) in told:
            continue
        if not any(stem(w) in told for w in ACT_NOUNS.get(token.lemma_.lower(), ())):
            return Verdict.refused("added", f"the cited sentences do not say {token.text!r}")
    return None


def _sharpened_saying(claimed: list[Frame], evidence: Sequence[Doc]) -> Verdict | None:
    """ "Swonger warns the EU" where he called its move "disappointing": a stronger kind of
    saying than the sources report."""
    said = {t.lemma_.lower() for d in evidence for t in d} | {t.lower_ for d in evidence for t in d}
    for frame in claimed:
        kind = SPEECH_ACTS.get(frame.base)
        if kind is not None and not kind & said:
            return Verdict.refused(
                "certainty", f"{frame.token.text!r}: the cited sentences report no such saying"
            )
        if frame.base in ("express", "voice", "share", "raise"):
            owner = _feeling_owner(frame, evidence)
            if owner is not None:
                return Verdict.refused(
                    "speaker", f"the {owner[0]!r} in the cited sentences is {owner[1]}'s"
                )
    return None


def _feeling_owner(frame: Frame, evidence: Sequence[Doc]) -> tuple[str, str] | None:
    """ "Hassett expresses concern about …" where the evidence speaks of "Trump's economic
    concerns": a feeling the sources give to someone else than the one who expresses it."""
    felt = [c for c in frame.token.children if c.dep_ == "dobj"]
    who = frame.subject
    if not felt or who is None:
        return None
    owners = []
    for doc in evidence:
        for token in doc:
            if token.lemma_.lower() != felt[0].lemma_.lower():
                continue
            poss = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if not poss:
                return None  # a feeling of no one named: it may be the speaker's
            owners.append(poss[0].text)
    for owner in owners:
        if not name_keys(owner) & (who.names | who.words):
            return felt[0].text, owner
    return None


# Sayings whose object is a thing, not words: "announced sanctions" tells an act.
_ANNOUNCING = frozenset({"announce", "unveil", "declare", "propose", "pledge", "promise"})


def _announces_a_thing(frame: Frame) -> bool:
    return frame.lemma in _ANNOUNCING and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" for c in frame.token.children
    )


def _grounded(
    claim: Doc, claimed: list[Frame], matched: list[Frame], evidence: Sequence[Doc]
) -> bool:
    main = [f for f in claimed if f.dep in ("ROOT", "ccomp", "conj", "xcomp")]
    content = [f for f in main if f.lemma not in SAYING or _announces_a_thing(f)]
    if any(f in matched for f in content):
        return True
    if main and not content and not any(f in matched for f in main):
        return False  # "Trump warns escalating tensions": a saying with nothing said
    told = told_stems(evidence)
    own = [
        stem(t.lemma_)
        for t in claim
        if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN") and t.lemma_.lower() not in SAYING
    ]
    return bool(own) and sum(w in told for w in own) / len(own) >= 0.6
