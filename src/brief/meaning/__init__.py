"""The meaning check: whether a written sentence says what the sentences it cites say."""

from brief.meaning.briefs import check_brief, check_pairs
from brief.meaning.check import Verdict, check_claim

__all__ = ["Verdict", "check_brief", "check_claim", "check_pairs"]
