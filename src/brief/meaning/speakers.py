"""Who says a clause: the claim's speaker against the one its evidence gives, for the
meaning check (`brief.meaning.clauses`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from brief.meaning.frames import Frame
from brief.meaning.lexicon import CLOSING_QUOTES, OPENING_QUOTES, RECORDS, SAYING
from brief.meaning.parties import Party, party_of, same_party
from brief.meaning.verdict import Verdict


def speaker_problem(claim: Frame, told: Frame, frames: list[Frame]) -> Verdict | None:
    said_by = claim.speaker
    if said_by is not None and (
        _doer_for_speaker(said_by, told) or _other_unnamed(said_by, told, frames)
    ):
        return Verdict.refused(
            "speaker",
            f"the cited sentence has {label(told.speakers[0])} saying it, not {said_by.head}",
        )
    if said_by is None or not said_by.identity:
        return None
    speakers = _named_speakers(told, frames)
    speaker = speakers[0] if speakers else None
    if speaker is None:
        sayings = [f for f in frames if f.subject is not None and f.lemma in SAYING]
        near = [f.subject for f in sayings if f.subject and _may_speak_for(f, told)]
        if near and not any(same_party(said_by, a) is not False for a in near):
            return Verdict.refused(
                "speaker", f"the cited sentences do not have {label(said_by)} saying it"
            )
        if not near and any(f.subject and same_party(said_by, f.subject) for f in sayings):
            return Verdict.refused(
                "speaker",
                f"{label(said_by)} says something else in the cited sentences; this one is "
                f"not given as said by anyone",
            )
        return None
    if _named_before(said_by, speaker, frames) or _reported_by(said_by, speaker, frames):
        return None  # "the consultancy says", of "Business consultancy Dezan Shira & Associates"
    verdicts = [same_party(said_by, s) for s in speakers]
    if True in verdicts or None in verdicts and speaker.identity:
        return None
    if same_party(said_by, speaker) is False or (not speaker.identity and not speaker.pronoun):
        return Verdict.refused(
            "speaker", f"the cited sentence has {label(speaker)} saying it, not {label(said_by)}"
        )
    return None


def _named_speakers(told: Frame, frames: list[Frame]) -> list[Party]:
    """Who says the told clause, the quoting "I" aside for the one quoted ("'I believe …,'
    Wasuge said"), and "she told VOA" read as the person who spoke in the sentence before."""
    speakers = [s for s in told.speakers if s.head not in ("i", "we")] or list(told.speakers)
    if speakers and speakers[0].head in ("he", "she"):
        before = [
            f.subject
            for f in frames
            if f.sentence == told.sentence - 1 and f.lemma in SAYING and f.subject is not None
        ]
        named = [p for p in before if p.identity and not p.pronoun]
        if named:
            speakers[0] = named[-1]
    return speakers


def _other_unnamed(said_by: Party, told: Frame, frames: list[Frame]) -> bool:
    """ "Opposition parties claimed …" where officials claimed it and the opposition parties
    said something else: two unnamed speakers, each with words of their own."""
    speaker = told.speaker
    if speaker is None or said_by.identity or speaker.identity or said_by.pronoun:
        return False
    if speaker.pronoun or any(said_by.words & s.words for s in told.speakers):
        return False  # (the foreign office's report of what the minister said is its own)
    return any(
        f.subject is not None and f.lemma in SAYING and bool(f.subject.words & said_by.words)
        for f in frames
    )


def _may_speak_for(saying: Frame, told: Frame) -> bool:
    """A speaker named in one sentence says another only when a quotation runs across
    them: "the army chief said …" does not make the next, unquoted sentence his."""
    if saying.sentence == told.sentence:
        return True
    texts = [saying.token.sent.text, told.token.sent.text]
    return any(sum(text.count(q) for q in _QUOTES) % 2 == 1 for text in texts)


_QUOTES = OPENING_QUOTES | CLOSING_QUOTES


def label(party: Party) -> str:
    if party.identity:
        # the longest name, and of names as long the last in order: never the set's own
        # order, which changes from one run to the next
        return max(party.identity, key=lambda name: (len(name), name)).title()
    return party.head


def _doer_for_speaker(said_by: Party, told: Frame) -> bool:
    """ "The government says it is confiscating the party's assets" where the party says the
    government is: the doer made the speaker."""
    speaker, doer = told.speaker, told.subject
    if speaker is None or doer is None or not speaker.identity or said_by.identity:
        return False
    if f"{said_by.head}'s" in told.token.sent.text.lower().replace("’", "'"):
        return False  # "a statement posted by the government's news agency": the government's
    return bool(said_by.words & doer.words) and same_party(said_by, speaker) is not True


def _named_before(said_by: Party, speaker: Party, frames: list[Frame]) -> bool:
    """An unnamed speaker ("the consultancy") that the evidence named with its kind before
    ("Business consultancy Dezan Shira & Associates"), as the claim's speaker."""
    if speaker.identity or speaker.pronoun:
        return False
    parties = [p for f in frames for p in (f.subject, *f.objects) if p is not None]
    return any(
        p.identity and speaker.words & p.words and same_party(said_by, p) is True for p in parties
    )


def _reported_by(said_by: Party, speaker: Party, frames: list[Frame]) -> bool:
    """ "…, according to the report", where the evidence says whose report it is ("CMGM
    reported in January that …"): the claim's speaker made it."""
    if speaker.identity or not speaker.words & RECORDS:
        return False
    return any(
        f.subject is not None and f.lemma in SAYING and same_party(said_by, f.subject) is True
        for f in frames
    )


def quotes_attributed(frames: list[Frame], evidence: Sequence[Doc]) -> list[Frame]:
    """A quoted sentence that names no speaker is the words of the one named next to it:
    before a sentence that only says who spoke ("'… increased significantly,' | Sun
    said."), or after the same person's quote it goes on from ("'No one should be
    detained,' Sepulveda added. | 'The administration must stop …'")."""
    given: dict[int, Party] = {}
    for n, doc in enumerate(evidence):
        if not _opens_a_quote(doc) or any(f.speakers for f in frames if f.sentence == n):
            continue
        teller = _bare_teller(evidence[n + 1]) if n + 1 < len(evidence) else None
        if teller is None and n > 0 and _opens_a_quote(evidence[n - 1]):
            teller = _quote_teller(evidence[n - 1])
        if teller is not None:
            given[n] = party_of(teller)
    return [
        replace(f, speakers=[given[f.sentence]]) if f.sentence in given and not f.speakers else f
        for f in frames
    ]


def _opens_a_quote(doc: Doc) -> bool:
    words = [t for t in doc if not t.is_space]
    return bool(words) and words[0].text in OPENING_QUOTES


def _bare_teller(doc: Doc) -> Token | None:
    """The subject of a sentence that is only "X said." (or "said X.")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in SAYING:
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    rest = [c for c in root.children if c.dep_ not in ("nsubj", "punct", "advmod")]
    return subjects[0] if len(subjects) == 1 and not rest else None


def _quote_teller(doc: Doc) -> Token | None:
    """The subject of the saying that closes a quoted sentence: "'…,' Sepulveda added."."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in SAYING or root.i < len(doc) // 2:
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)
