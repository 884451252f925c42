"""The meaning check's answer: supported or not, what kind of problem, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Problem = Literal[
    "name",
    "place",
    "number",
    "negation",
    "stance",
    "certainty",
    "role",
    "speaker",
    "added",
    "empty",
    "judged",
]


@dataclass(frozen=True)
class Verdict:
    """The check's answer: `supported`, and if not, what kind of problem and why."""

    supported: bool
    why: str
    problem: Problem | None = None

    @classmethod
    def ok(cls, why: str = "every clause matches a cited sentence") -> Verdict:
        return cls(True, why)

    @classmethod
    def refused(cls, problem: Problem, why: str) -> Verdict:
        return cls(False, why, problem)
