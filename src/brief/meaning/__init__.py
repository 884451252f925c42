"""The meaning check: whether a written sentence says what the sentences it cites say."""

from brief.meaning.check import Verdict, check_claim

__all__ = ["Verdict", "check_claim"]
