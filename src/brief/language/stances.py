"""Which stances a sentence's own words allow, before the model judges among them.

The 1.5B model told apart ten stance labels about half the time; most of its mistakes were
labels the sentence's words rule out ("deeply worried" read as a warning, "refused to take
sides" as a denial). So the words narrow the choice first: a sentence that speaks of
restraint or dialogue may be a call for restraint, one that "will not take sides" may be
neutral, and the model chooses among what is left. A sentence with no cue at all keeps
every label.

A sentence of reported speech states a position only when it carries a view: a stance cue,
a modal of obligation or intention ("should", "will not", "must"), a demand ("called for",
"urged") or a worry waved away ("dismissed concerns", "was not worried"). Otherwise it reports
facts ("the army chief was part of the meeting", an official told Reuters) and is not a
position of the one who said it.
"""

from __future__ import annotations

import re

from brief.language.mentions import demonyms
from brief.schema import Stance

# In the order the model is offered them: the most specific first.
_PATTERNS: tuple[tuple[Stance, str], ...] = (
    ("condemns", r"(?<!from )condemn|condolence"),
    ("denies", r"\bden(?:y|ied|ies|ial)\b|not responsible|baseless"),
    (
        "warns_or_threatens",
        r"\bwarn|threat|retaliat|punish|sanction|consequences|security alert|\brespond\b",
    ),
    (
        "opposes",
        r"\boppos|\breject|criticis|criticiz|\bwrong\b|stupid|unacceptable|violation"
        r"|should have been|rather than military"
        r"|(?:not|never|n't)\s+(?:\w+\s+)?(?:agree|accept|support|back|welcome|endorse)",
    ),
    ("offers_mediation", r"mediat|play a (?:\w+ )?role|good offices"),
    (
        "seeks_cooperation",
        r"cooperat|work with|work together|normali[sz]|bilateral|partnership"
        r"|round of talks|joint efforts|in touch",
    ),
    (
        "expresses_concern",
        r"concern|worr(?:y|ied)|alarm|dangerous|disturbing|\bfears?\b|anxious|troubl",
    ),
    (
        "neutral",
        r"(?:not|never) (?:take|taking) sides|refus\w* to take sides|neither be a party"
        r"|not (?:be|become) (?:a )?part|not (?:allow|let) its (?:soil|land|territory)"
        r"|not join|impartial",
    ),
    (
        "calls_for_restraint",
        r"restraint|de-?escalat|\bcalm\b|dialogue|peaceful|diplomatic"
        r"|settle (?:differences|issues|disputes)|cannot afford|could not afford"
        r"|not in anyone.s interest|keep conflict away|reduce[sd]? tensions"
        r"|tensions will have to be reduced|(?:interest|desire) in (?:escalation|war)",
    ),
    # "soldiers backed by African Union troops", "supported by clan militias": who helps
    # whom, told; no one's stance
    ("supports", r"\b(?:support|back(?:s|ed|ing)\b)(?!\w*\s+by\b)|welcome|turning point|succeed"),
)
# Every pattern is written in lower case and searched in the lower-cased sentence: as
# IGNORECASE for these English words, two and a half times faster (they run on every
# sentence).
_CUES = tuple((stance, re.compile(pattern)) for stance, pattern in _PATTERNS)
_CUE_OF = dict(_CUES)

_VIEW = re.compile(
    r"\b(?:will|would|should|must|cannot|can't|won't|shall|need to|needs to|has to|have to"
    r"|ready|readiness|decision to|decided to|want|wants|hope|expect|refus\w*"
    # a demand is a view whatever it demands: "called for the creation of a … government"
    # (as verbs said by someone: "the plan calls for 300 troops" and "oil demand" are no view)
    r"|called for|calling for|urg(?:ed|es|ing)|demanded|demanding|appealed for|pressed for"
    # waving a worry away is a view too: "dismissed concerns", "was not worried"
    r"|(?:dismiss\w*|downplay\w*|play\w* down) (?:the )?(?:concerns?|worr\w*|fears?|threats?)"
    r"|not (?:\w+ )?(?:worried|concerned))\b"
)


# "has not agreed", "was not supportive": the words of support, negated, are no support.
_NEGATED_SUPPORT = re.compile(
    r"(?:not|never|n't|refus\w* to|declin\w* to)\s+(?:\w+\s+)?"
    r"(?:agree|accept|support|back|welcome|endorse|cooperat|work with)"
)


_SUPPORTING: frozenset[Stance] = frozenset({"supports", "seeks_cooperation"})


# "This effectively denies recognition to …", "a law that denies them rights": a thing
# denies, which is the speaker's complaint about it, not the speaker's denial.
_THING_DENIES = re.compile(
    r"\b(?:this|law|decree|declaration|constitution|measure|bill|order|move"
    r"|decision|provision|policy|rule|text|draft)s?\s+(?:\w+ly\s+)?den(?:y|ies|ied)\b"
)


# "dismissed concerns about …", "played down the threat": the cue word is what the speaker
# waves away, the opposite of the stance it names.
_WAVED_AWAY = re.compile(
    r"(?:dismiss|downplay|brush\w* aside|brush\w* off|shrug\w* off|play\w* down|reject)\w*"
    r"\s+(?:(?!and\b|but\b)[^\s,;]+\s+){0,3}$"
)


# "he was not worried", "is no longer concerned": no concern.
_NOT_SO = re.compile(r"(?:\bnot|\bnever|n't|\bno longer)\s+(?:\w+\s+)?$")


def _holds(stance: Stance, pattern: re.Pattern[str], lowered: str) -> bool:
    if stance == "denies":
        return len(pattern.findall(lowered)) > len(_THING_DENIES.findall(lowered))
    if stance in ("expresses_concern", "warns_or_threatens"):
        return any(not _unsaid(stance, lowered[max(0, m.start() - 60) : m.start()])
                   for m in pattern.finditer(lowered))  # fmt: skip
    return pattern.search(lowered) is not None


# "coordinate efforts against threats", "to combat the terror threat": the threat is what
# the speaker means to fight, not a warning the speaker gives.
_FOUGHT = re.compile(
    r"\b(?:against|counter\w*|combat\w*|fight\w*|tackl\w*|confront\w*)"
    r"\s+(?:(?!and\b|but\b)[^\s,;]+\s+){0,2}$"
)


def _unsaid(stance: Stance, before: str) -> bool:
    """Whether the words before a cue take it back: waved away, fought, or (a concern)
    negated."""
    if stance == "warns_or_threatens" and _FOUGHT.search(before):
        return True
    return bool(_WAVED_AWAY.search(before)) or (
        stance == "expresses_concern" and bool(_NOT_SO.search(before))
    )


def _shows(stance: Stance, pattern: re.Pattern[str], lowered: str) -> bool:
    """Whether the lower-cased sentence shows `stance`: its cue holds, and words of support
    are not negated."""
    if not _holds(stance, pattern, lowered):
        return False
    return stance not in _SUPPORTING or not _NEGATED_SUPPORT.search(lowered)


def stance_cues(sentence: str) -> list[Stance]:
    """The stances the sentence's words point to, most specific first; [] when none do."""
    lowered = sentence.lower()
    return [stance for stance, pattern in _CUES if _shows(stance, pattern, lowered)]


def shows_stance(sentence: str, stance: Stance) -> bool:
    """Whether `stance` is among `stance_cues(sentence)`, testing its cue alone, and, for a
    worry or a warning, whether one is the speaker's own: "what he said were Iranian
    threats" and "Trump's economic concerns remain" tell of another's. (Only here, where
    a quote is shown under a stance: the cues offered to the model stay as they are.)"""
    pattern = _CUE_OF.get(stance)
    if pattern is None:
        return False
    lowered = sentence.lower()
    if not _shows(stance, pattern, lowered):
        return False
    if stance not in ("expresses_concern", "warns_or_threatens"):
        return True
    return any(not (m.group().startswith(_NOUN_CUES) and _theirs(lowered[max(0, m.start() - 40)
               : m.start()])) for m in pattern.finditer(lowered))  # fmt: skip


def _theirs(before: str) -> bool:
    """Whether the words before a cue give it to another party ("Iran's", "Iranian"), one
    describing word allowed between; not when the speaker voices it ("voiced Pakistan's
    concerns")."""
    words = before.split()[-3:]
    for n in (1, 2):
        if len(words) < n:
            return False
        owner = words[-n].lstrip("\"“‘'(")
        possessive = owner.endswith(("'s", "’s")) and owner[:-2] not in _CONTRACTED
        if possessive or owner.capitalize() in demonyms():
            voiced = len(words) > n and words[-n - 1].startswith(_VOICING)
            return not voiced
    return False


# Cues that are nouns a party can own ("Iranian threats"); a verb ("Iran's leaders warned")
# is said by its subject. Words ending in "'s" that are "it is", "that is": no owners.
_NOUN_CUES = ("threat", "concern", "fear", "worr", "alarm")
_CONTRACTED = frozenset({"it", "that", "what", "he", "she", "there", "let", "here", "who"})
_VOICING = ("voic", "express", "rais", "shar", "convey", "highlight", "underscor", "stress",
            "reiterat", "emphasi")  # fmt: skip


def states_a_view(sentence: str) -> bool:
    """Whether reported speech carries a view (a stance cue or a modal), not only facts.

    `stance_cues(sentence) or _VIEW`, stopping at the first cue that holds: it is asked of
    every sentence of every article (a tenth of the per-article CPU when every cue was
    tried)."""
    lowered = sentence.lower()
    return bool(_VIEW.search(lowered)) or any(
        _shows(stance, pattern, lowered) for stance, pattern in _CUES
    )
