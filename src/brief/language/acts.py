"""What the parse reads in a sentence: who speaks, and what acts it reports, by whom and
to whom, whether and how sure."""

from __future__ import annotations

from dataclasses import dataclass

from brief.schema import Certainty, EventCategory


@dataclass(frozen=True)
class Act:
    """One act a sentence reports: who did it (by the parse), to whom, of which kind."""

    category: EventCategory
    doers: tuple[str, ...]
    targets: tuple[str, ...]
    negated: bool = False  # "denied attacking" is no attack
    certainty: Certainty = "done"  # "will strike" is no strike yet; "allegedly" a charge
    # Days before the day its sentence's words give (see `sequence.days_before`).
    days_before: int | None = 0
    by_claim: bool = False  # its doer is the group that claimed it
    place: str | None = None  # where its clause puts it: "in the city of Beledweyne"
    counted: int | None = None  # how many it fell on: "killed all six attackers"
    aim: str | None = None  # what it is to do: "agreed to make joint efforts for peace"
    deed: str | None = None  # what was done, its words: "killed all six attackers"
    # Told only by its doer: "Security forces in Somalia say they killed all six attackers".
    self_told: bool = False
    said_by: str | None = None  # who tells it, when it names no doer: "officials"

    @property
    def has_partner(self) -> bool:
        """Talks are with someone: a target, or a second doer ("Qureshi and Lavrov met")."""
        return bool(self.targets) or len(self.doers) > 1


@dataclass(frozen=True)
class Attribution:
    """Who speaks in one sentence (its positions) and what acts it reports."""

    number: int
    speakers: tuple[str, ...] = ()
    acts: tuple[Act, ...] = ()


@dataclass(frozen=True)
class ArticleAttribution:
    sentences: tuple[Attribution, ...]

    def sentence(self, number: int) -> Attribution:
        return self.sentences[number - 1]
