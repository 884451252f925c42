"""The meaning check: whether a written sentence says what the sentences it cites say."""

from brief.meaning.briefs import Judge, check_brief, check_pairs
from brief.meaning.check import Verdict, check_claim
from brief.meaning.stating import states

__all__ = ["Judge", "states", "Verdict", "check_brief", "check_claim", "check_pairs"]
