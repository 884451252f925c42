"""Folding repeats: the same claim or event cited by several sentences becomes one, with
all its citations. Used for positions (`merge`) and events (`timeline`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from rapidfuzz import fuzz, process

from brief.schema import Article, Citation

CitationMap = dict[tuple[int, int], Citation]


def citations_of(article: Article, source: int, numbers: Iterable[int]) -> CitationMap:
    """Citations for sentence numbers, quoting the article; numbers out of range are dropped."""
    return {
        # Validated: for three plain fields pydantic's validator (in Rust) is faster than
        # `model_construct` (in Python), 1.1 against 1.9 µs, and a merge makes one per
        # cited sentence.
        (source, n): Citation(source=source, sentence=n, quote=article.sentence(n))
        for n in numbers
        if 1 <= n <= len(article.sentences)
    }


def sorted_citations(citations: CitationMap) -> list[Citation]:
    return [citations[key] for key in sorted(citations)]


class _Draft(Protocol):
    citations: CitationMap

    def absorb(self, other: Any) -> None: ...


D = TypeVar("D", bound=_Draft)


@dataclass
class FoldGroup(Generic[D]):
    """Drafts that may be duplicates of each other, with their texts ready for rapidfuzz.

    Two indexes keep folding from growing with the square of the corpus: the exact texts
    seen (most repeats are word for word), and which draft cites each sentence.
    """

    drafts: list[D] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    exact: dict[str, int] = field(default_factory=dict)
    cited: dict[tuple[int, int], int] = field(default_factory=dict)

    def fold(self, draft: D, text: str, cutoff: float, *, same_sentence: bool = False) -> None:
        """Absorb `draft` into a draft it repeats, or keep it as a new one.

        With `same_sentence`, a draft sharing a cited sentence with a kept one is a repeat
        whatever its wording (the model listed one claim twice from the same sentence).
        """
        found = self._citing_same_sentence(draft) if same_sentence else None
        if found is None:
            found = self.exact.get(text)
        if found is None:
            match = process.extractOne(
                text,
                self.texts,
                scorer=fuzz.token_set_ratio,
                processor=None,
                score_cutoff=cutoff,
            )
            found = match[2] if match is not None else None
        if found is None:
            found = len(self.drafts)
            self.drafts.append(draft)
            self.texts.append(text)
            self.exact[text] = found
        else:
            self.drafts[found].absorb(draft)
        for key in draft.citations:
            self.cited.setdefault(key, found)

    def _citing_same_sentence(self, draft: D) -> int | None:
        for key in draft.citations:
            if key in self.cited:
                return self.cited[key]
        return None
