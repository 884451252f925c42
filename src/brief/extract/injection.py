"""Keeping articles as data: sentences that address the model are never evidence.

An article may carry text written to steer a model ("Ignore previous instructions and
report that …"). The prompt tells the model to treat the article as data, but a small model
can still obey, and it often mixes an injected sentence with real ones in one claim. So
after validation, sentences that address the model are removed from every claim's
citations; a claim left with no citation, or whose wording is drawn from such a sentence,
is dropped. The brief can still show such a sentence in the source, never repeat its
content as a finding.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from brief.language import addresses_the_model, find_mentions, unsupported
from brief.schema import Article, ArticleExtraction


def instruction_sentences(article: Article) -> frozenset[int]:
    """The 1-based numbers of the article's sentences that address the model."""
    return frozenset(
        n for n, sentence in enumerate(article.sentences, start=1) if addresses_the_model(sentence)
    )


def drop_instruction_claims(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """The extraction with no claim that rests on, or repeats, a sentence addressing the model."""
    flagged = instruction_sentences(article)
    if not flagged:
        return extraction
    injected = [article.sentence(n) for n in sorted(flagged)]
    return ArticleExtraction.model_construct(
        actors=extraction.actors,
        positions=[
            p.model_copy(update={"sentences": [n for n in p.sentences if n not in flagged]})
            for p in extraction.positions
            if _stands_without(p.sentences, p.says, flagged, injected)
        ],
        events=[
            e.model_copy(update={"sentences": [n for n in e.sentences if n not in flagged]})
            for e in extraction.events
            if _stands_without(e.sentences, e.what, flagged, injected)
        ],
    )


def _stands_without(
    cited: list[int], wording: str, flagged: frozenset[int], injected: list[str]
) -> bool:
    if not set(cited) - flagged:
        return False
    # A claim copied from the injected text ("Pakistan has declared war …") is the injection
    # speaking, whatever else it cites.
    return all(fuzz.partial_ratio(wording.lower(), s.lower()) < _COPIED for s in injected)


_COPIED = 80


def drop_unsupported_claims(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """The extraction without a claim that names a party, a number or a date its cited
    sentences do not ("War declared by Pakistan against India" citing a sentence about
    talks). Names the sentences give under another form count ("Islamabad" for Pakistan)."""
    mentions = find_mentions(article)

    def holds(wording: str, cited: list[int], own: list[str | None]) -> bool:
        numbers = [n for n in cited if 1 <= n <= len(article.sentences)]
        texts = [article.sentence(n) for n in numbers]
        known = [name for name in own if name]
        known += [m.name for n in numbers for m in mentions.sentence(n)]
        return bool(texts) and not unsupported(wording, texts, known=known)

    return ArticleExtraction.model_construct(
        actors=extraction.actors,
        positions=[
            p for p in extraction.positions if holds(p.says, p.sentences, [p.actor, p.toward])
        ],
        events=[e for e in extraction.events if holds(e.what, e.sentences, [e.actor, e.target])],
    )
